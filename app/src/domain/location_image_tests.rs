use super::*;

fn photo(widths: &[u32]) -> PostPhoto {
    PostPhoto {
        hash: "ab".into(),
        width: 1000,
        height: 500,
        widths: widths.to_vec(),
        alt: String::new(),
    }
}

#[test]
fn the_form_names_the_two_kinds_and_nothing_else() {
    assert_eq!(ImageKind::parse("logo"), Some(ImageKind::Logo));
    assert_eq!(ImageKind::parse(" cover "), Some(ImageKind::Cover));
    assert_eq!(ImageKind::parse("avatar"), None);
}

#[test]
fn a_preview_takes_the_smallest_rendition_wide_enough_else_the_largest() {
    assert_eq!(jpeg_url("https://x", &photo(&[400, 800, 1000]), 700), "https://x/media/ab-800.jpg");
    assert_eq!(jpeg_url("https://x", &photo(&[400, 600]), 1200), "https://x/media/ab-600.jpg");
    assert_eq!(height_at(&photo(&[400]), 400), 200);
}

#[test]
fn the_cover_is_the_preview_before_the_logo() {
    let mut images = LocationImages { logo: Some(photo(&[400])), cover: None };
    assert_eq!(images.preview(), images.logo.as_ref());
    images.cover = Some(photo(&[800]));
    assert_eq!(images.preview(), images.cover.as_ref());
}
