use super::*;

#[test]
fn a_slug_is_made_from_a_german_name() {
    let slug = Slug::from_name("Bäckerei Sonnenschein – Straße 5").expect("slug");
    assert_eq!(slug.as_str(), "baeckerei-sonnenschein-strasse-5");
    assert_eq!(Slug::from_name("  Café Müller!! ").expect("slug").as_str(), "cafe-mueller");
    assert_eq!(Slug::from_name("---"), None);
    assert_eq!(Slug::from_name("Admin"), None, "reserved");
}

#[test]
fn slugs_are_lowercase_ascii_with_inner_hyphens_and_not_reserved() {
    assert!(Slug::parse("sonnenschein-freiburg").is_ok());
    assert_eq!(Slug::parse("Sonnenschein"), Err(SlugError::Characters));
    assert_eq!(Slug::parse("-a"), Err(SlugError::Characters));
    assert_eq!(Slug::parse("bäcker"), Err(SlugError::Characters));
    assert_eq!(Slug::parse(""), Err(SlugError::Length));
    assert_eq!(Slug::parse("admin"), Err(SlugError::Reserved));
    assert_eq!(Slug::parse("sitemap.xml"), Err(SlugError::Characters));
}

#[test]
fn a_made_slug_keeps_whole_words_and_leaves_room_for_a_number() {
    let long = "Bäckerei und Konditorei Sonnenschein am Münsterplatz in Freiburg im Breisgau";
    let slug = Slug::from_name(long).expect("slug");
    assert!(slug.as_str().len() <= 56, "{slug}");
    assert!(
        long.to_lowercase()
            .replace('ä', "ae")
            .replace('ü', "ue")
            .replace(' ', "-")
            .starts_with(slug.as_str())
    );
    let numbered = slug.numbered(12).expect("numbered");
    assert_eq!(numbered.as_str(), format!("{slug}-12"));
    assert_eq!(slug.numbered(1), Some(slug.clone()));
}

#[test]
fn a_number_that_would_not_fit_shortens_the_slug() {
    let slug = Slug::parse(&"a".repeat(64)).expect("slug");
    let numbered = slug.numbered(3).expect("numbered");
    assert_eq!(numbered.as_str().len(), 64);
    assert!(numbered.as_str().ends_with("a-3"));
}

#[test]
fn a_fediverse_handle_needs_a_host_name() {
    use super::fediverse_handle;
    assert_eq!(
        fediverse_handle("https://Shop.Example", "baeckerei").as_deref(),
        Some("@baeckerei@shop.example")
    );
    assert_eq!(
        fediverse_handle("http://localhost:3000", "cafe").as_deref(),
        Some("@cafe@localhost:3000")
    );
    assert_eq!(fediverse_handle("http://127.0.0.1:3000", "cafe"), None);
    assert_eq!(fediverse_handle("http://[::1]:3000", "cafe"), None);
}
