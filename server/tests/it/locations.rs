//! Many locations per business over real HTTP: adding one from the dashboard, archiving it
//! (gone from every public output, kept for the owner) and bringing it back, copying hours to
//! other branches (logged, with revisions), the switcher, and the branch graph in JSON-LD.

use crate::common::{TestApp, location};
use app::domain::location::Role;

fn json_ld(html: &str) -> serde_json::Value {
    let doc = scraper::Html::parse_document(html);
    let selector =
        scraper::Selector::parse(r#"script[type="application/ld+json"]"#).expect("selector");
    let text = doc.select(&selector).next().expect("JSON-LD").inner_html();
    serde_json::from_str(&text).expect("valid JSON-LD")
}

#[tokio::test]
async fn an_owner_adds_a_location_that_gets_a_page_a_branch_code_and_a_place_in_the_sitemap() {
    let app = TestApp::spawn().await;
    app.login_owner().await;
    let created = app
        .post_form(
            "/admin/businesses/1/locations",
            &[
                ("name", "Bäckerei Sonnenschein Basel"),
                ("city", "Basel"),
                ("schema_type", "Bakery"),
                ("language", "de"),
                ("country", "CH"),
            ],
        )
        .await;
    assert_eq!(created.status(), 303);
    let target = location(created.headers());
    assert!(target.ends_with("?created=1"), "opens the editor: {target}");
    let id: i64 = target
        .trim_start_matches("/admin/locations/")
        .trim_end_matches("?created=1")
        .parse()
        .expect("id");
    let new = app.store.location(1, id).await.expect("stored");
    assert_eq!(new.slug, "baeckerei-sonnenschein-basel");
    assert_eq!(new.details.timezone, "Europe/Zurich", "from the country");
    assert_eq!(new.details.branch_code, "BAECKEREI-SONNENSCHEIN-BASEL");

    let (status, editor) = app.get_text(&target).await;
    assert_eq!(status, 200);
    assert!(editor.contains("Standort angelegt") || editor.contains("Location created"));
    assert!(
        editor.contains("sonnenschein-freiburg") || editor.contains("Sonnenschein Freiburg"),
        "the switcher lists the other branches"
    );

    // The same name again gets a numbered slug; a typed slug that is taken is refused.
    let again = app
        .post_form(
            "/admin/businesses/1/locations",
            &[
                ("name", "Bäckerei Sonnenschein Basel"),
                ("city", "Basel"),
                ("schema_type", "Bakery"),
            ],
        )
        .await;
    let second: i64 = location(again.headers())
        .trim_start_matches("/admin/locations/")
        .trim_end_matches("?created=1")
        .parse()
        .expect("id");
    assert_eq!(
        app.store.location(1, second).await.expect("stored").slug,
        "baeckerei-sonnenschein-basel-2"
    );
    let taken = app
        .post_form(
            "/admin/businesses/1/locations",
            &[
                ("name", "Noch eine"),
                ("city", "Basel"),
                ("schema_type", "Bakery"),
                ("slug", "sonnenschein-freiburg"),
            ],
        )
        .await;
    let back = location(taken.headers());
    assert!(back.starts_with("/admin?new_error=slug_taken"), "{back}");
    assert!(back.contains("name=Noch+eine"), "keeps what was typed: {back}");
    let (_, dashboard) = app.get_text(&back).await;
    assert!(dashboard.contains("role=\"alert\""), "the dashboard shows the refusal");
    let missing_city = app
        .post_form(
            "/admin/businesses/1/locations",
            &[("name", "Ohne Ort"), ("schema_type", "Bakery")],
        )
        .await;
    assert!(location(missing_city.headers()).contains("new_error=city"));

    let (status, page) = app.get_text("/baeckerei-sonnenschein-basel").await;
    assert_eq!(status, 200);
    let ld = json_ld(&page);
    assert_eq!(ld["branchCode"], "BAECKEREI-SONNENSCHEIN-BASEL");
    assert_eq!(ld["@id"], format!("{}/baeckerei-sonnenschein-basel#business", app.base));
    assert_eq!(ld["parentOrganization"]["@id"], format!("{}/#organization-1", app.base));
    let (_, sitemap) = app.get_text("/sitemap.xml").await;
    assert!(sitemap.contains("/baeckerei-sonnenschein-basel</loc>"));

    // The start page is the business's page: its branches, and the graph they belong to.
    let (_, home) = app.get_text("/").await;
    assert!(home.contains("id=\"business-1\""));
    let graph = json_ld(&home);
    let org = &graph["@graph"][0];
    assert_eq!(org["@id"], format!("{}/#organization-1", app.base));
    let branches: Vec<String> = org["subOrganization"]
        .as_array()
        .expect("branches")
        .iter()
        .map(|b| b["@id"].as_str().unwrap_or_default().to_string())
        .collect();
    assert!(branches.contains(&format!("{}/baeckerei-sonnenschein-basel#business", app.base)));
    assert!(branches.contains(&format!("{}/sonnenschein-freiburg#business", app.base)));

    let log = app.store.audit_log(1, 50, None).await.expect("log");
    assert!(log.iter().any(|e| e.action == "location.create" && e.detail.contains("Basel")));
}

#[tokio::test]
async fn an_archived_location_disappears_from_every_public_output_and_comes_back() {
    let app = TestApp::spawn().await;
    app.login_owner().await;
    let freiburg =
        app.store.location_by_slug("sonnenschein-freiburg").await.expect("lookup").expect("demo");
    let archived = app
        .post_form(&format!("/admin/locations/{}/archive", freiburg.id), &[("archive", "1")])
        .await;
    assert_eq!(archived.status(), 303);
    assert!(location(archived.headers()).starts_with("/admin?archived="));

    assert_eq!(app.get("/sonnenschein-freiburg").await.status(), 404);
    assert_eq!(app.get("/sonnenschein-freiburg/pois.geojson").await.status(), 404);
    assert_eq!(app.get("/sonnenschein-freiburg/feed.atom").await.status(), 404);
    let (_, sitemap) = app.get_text("/sitemap.xml").await;
    assert!(!sitemap.contains("sonnenschein-freiburg"));
    let (_, home) = app.get_text("/").await;
    assert!(!home.contains("/sonnenschein-freiburg\""));
    let (_, all) = app.get_text("/api/v1/locations.geojson").await;
    assert!(!all.contains("sonnenschein-freiburg"));
    let (_, nearby) = app.get_text("/api/v1/nearby?lat=47.9935&lon=7.852&radius_m=2000").await;
    assert!(!nearby.contains("Freiburg"), "the nearby index follows: {nearby}");

    // The owner still has it, marked, with its history; staff cannot post to it.
    let (_, dashboard) = app.get_text("/admin").await;
    assert!(dashboard.contains("Archiviert") || dashboard.contains("Archived"));
    let (status, _) = app.get_text(&format!("/admin/locations/{}", freiburg.id)).await;
    assert_eq!(status, 200);
    let staff = app.shallow();
    app.create_user("mia@example.org", "mias-lange-passphrase", 1, Role::Staff).await;
    staff.login("mia@example.org", "mias-lange-passphrase").await;
    let token = staff.csrf_token().await;
    let form = reqwest::multipart::Form::new()
        .text("location", freiburg.id.to_string())
        .text("kind", "update")
        .text("text", "Frische Brezeln");
    let refused = staff
        .client
        .post(staff.url("/admin/posts"))
        .header("x-csrf-token", token)
        .header("accept", "application/json")
        .multipart(form)
        .send()
        .await
        .expect("post");
    assert_eq!(refused.status(), 422, "an archived location takes no posts");
    let body: serde_json::Value = refused.json().await.expect("json");
    assert_eq!(body["code"], "location", "{body}");

    let back = app
        .post_form(&format!("/admin/locations/{}/archive", freiburg.id), &[("archive", "0")])
        .await;
    assert_eq!(back.status(), 303);
    assert_eq!(app.get("/sonnenschein-freiburg").await.status(), 200);
    let (_, nearby) = app.get_text("/api/v1/nearby?lat=47.9935&lon=7.852&radius_m=2000").await;
    assert!(nearby.contains("Freiburg"));
    let log = app.store.audit_log(1, 50, None).await.expect("log");
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert!(actions.contains(&"location.archive") && actions.contains(&"location.unarchive"));
}

#[tokio::test]
async fn weekly_hours_recurring_rules_and_closures_are_applied_to_other_locations_and_can_be_undone()
 {
    let app = TestApp::spawn().await;
    app.login_owner().await;
    let freiburg =
        app.store.location_by_slug("sonnenschein-freiburg").await.expect("lookup").expect("demo");
    let leipzig =
        app.store.location_by_slug("sonnenschein-leipzig").await.expect("lookup").expect("demo");
    assert_ne!(freiburg.hours, leipzig.hours, "the demo branches start with different hours");
    // A closure at Freiburg to copy along.
    let closure = app
        .post_form(
            &format!("/admin/locations/{}/special", freiburg.id),
            &[("from", "2031-03-02"), ("to", "2031-03-03"), ("closed", "on"), ("note", "Inventur")],
        )
        .await;
    assert_eq!(closure.status(), 303);
    // And a recurring rule: Christmas Eve 10–14 every year.
    let rule = app
        .post_form(
            &format!("/admin/locations/{}/rules", freiburg.id),
            &[
                ("kind", "yearly"),
                ("from_day", "24"),
                ("from_month", "12"),
                ("state", "open"),
                ("hours", "10:00-14:00"),
            ],
        )
        .await;
    assert_eq!(rule.status(), 303, "{}", location(rule.headers()));
    let freiburg = app.store.location(1, freiburg.id).await.expect("freiburg");
    assert_eq!(freiburg.rules.len(), 1, "{:?}", location(rule.headers()));

    let nothing = app
        .post_form(&format!("/admin/locations/{}/apply-hours", freiburg.id), &[("weekly", "on")])
        .await;
    assert!(location(nothing.headers()).contains("apply_error=targets"));
    let applied = app
        .post_form(
            &format!("/admin/locations/{}/apply-hours", freiburg.id),
            &[("targets", &leipzig.id.to_string()), ("weekly", "on"), ("special", "on")],
        )
        .await;
    assert_eq!(applied.status(), 303);
    assert!(location(applied.headers()).contains("applied=1"));
    let after = app.store.location(1, leipzig.id).await.expect("leipzig");
    assert_eq!(after.hours, freiburg.hours);
    assert!(after.rules.is_empty(), "rules only when asked for");
    let applied = app
        .post_form(
            &format!("/admin/locations/{}/apply-hours", freiburg.id),
            &[("targets", &leipzig.id.to_string()), ("rules", "on")],
        )
        .await;
    assert!(location(applied.headers()).contains("applied=1"));
    let after = app.store.location(1, leipzig.id).await.expect("leipzig");
    assert_eq!(after.rules, freiburg.rules);
    assert_eq!(after.hours, freiburg.hours);
    assert!(
        after.special.iter().any(|s| s.note == "Inventur" && s.from.to_string() == "2031-03-02")
    );
    assert_eq!(after.holiday_rule, leipzig.holiday_rule, "each keeps its holiday rule");

    // A location of another business cannot be a target: same 404 as a missing one, and
    // nothing is written.
    let (_, foreign) = app.other_business().await;
    let refused = app
        .post_form(
            &format!("/admin/locations/{}/apply-hours", freiburg.id),
            &[("targets", &foreign.to_string()), ("weekly", "on")],
        )
        .await;
    assert_eq!(refused.status(), 404);
    let missing = app
        .post_form(
            &format!("/admin/locations/{}/apply-hours", freiburg.id),
            &[("targets", "999999"), ("weekly", "on")],
        )
        .await;
    assert_eq!(missing.status(), 404);
    assert_eq!(refused.text().await.expect("body"), missing.text().await.expect("body"));

    // Undo: Leipzig's hours history has the version from before, and restoring it works.
    let revisions = app
        .store
        .revisions(1, leipzig.id, app::domain::team::RevisionKind::Hours)
        .await
        .expect("revisions");
    assert!(revisions.len() >= 2, "before and after");
    let first = revisions.iter().min_by_key(|r| r.id).expect("first");
    let restored = app
        .post_form(&format!("/admin/locations/{}/history/{}/restore", leipzig.id, first.id), &[])
        .await;
    assert_eq!(restored.status(), 303);
    assert_eq!(app.store.location(1, leipzig.id).await.expect("leipzig").hours, leipzig.hours);
}

#[tokio::test]
async fn a_location_says_which_language_its_texts_are_in() {
    let app = TestApp::spawn().await;
    app.login_owner().await;
    let leipzig =
        app.store.location_by_slug("sonnenschein-leipzig").await.expect("lookup").expect("demo");
    let mut details = leipzig.details.clone();
    details.language = "en".into();
    details.description = "Fresh bread, strong coffee.".into();
    app.store
        .update_location(1, leipzig.id, &details, &leipzig.hours, chrono::Utc::now())
        .await
        .expect("save");
    let html = app.get_in_language("/sonnenschein-leipzig", "de").await;
    let doc = scraper::Html::parse_document(&html);
    let lead = scraper::Selector::parse("p.lead").expect("selector");
    let lead = doc.select(&lead).next().expect("the description");
    assert_eq!(lead.value().attr("lang"), Some("en"), "the German page marks the English text");
    assert_eq!(lead.inner_html(), "Fresh bread, strong coffee.");
    let (_, feed) = app.get_text("/sonnenschein-leipzig/feed.atom").await;
    assert!(feed.contains(r#"xml:lang="en""#), "the feed declares it");
}
