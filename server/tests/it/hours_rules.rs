//! Recurring rules from the hours screen's forms, over HTTP, with the clock fixed at
//! Sunday 20 December 2026: an every-year date, a season and an n-th weekday are added,
//! listed in plain words, shown by the 14-day preview, the local page and its JSON-LD,
//! kept in the OSM value and the history, and removed again; refusals come back with the
//! reason and the typed values; staff and other businesses get the same 404 as for a
//! missing location.

use crate::common::{TestApp, location};
use app::domain::location::Role;
use app::domain::team::RevisionKind;
use scraper::{Html, Selector};
use serde_json::Value;

const NOW: &str = "2026-12-20T10:00:00+01:00";
const SLUG: &str = "sonnenschein-freiburg";

fn texts(html: &str, css: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let selector = Selector::parse(css).expect("selector");
    doc.select(&selector).map(|e| e.text().collect::<String>()).collect()
}

async fn freiburg(app: &TestApp) -> i64 {
    app.store.location_by_slug(SLUG).await.expect("db").expect("demo location").id
}

async fn add(app: &TestApp, id: i64, fields: &[(&str, &str)]) -> String {
    let response = app.post_form(&format!("/admin/locations/{id}/rules"), fields).await;
    assert_eq!(response.status(), 303);
    location(response.headers())
}

/// The 14-day preview's row for a day such as "24 Dec" (English).
async fn preview_row(app: &TestApp, id: i64, day: &str) -> String {
    let html = app.get_in_language(&format!("/admin/locations/{id}/hours"), "en").await;
    texts(&html, "table.preview tr")
        .into_iter()
        .find(|row| row.contains(day))
        .unwrap_or_else(|| panic!("no preview row for {day}"))
}

/// The hours screen's listed recurring rules, in German and in English.
async fn listed(app: &TestApp, id: i64) -> (Vec<String>, Vec<String>) {
    let path = format!("/admin/locations/{id}/hours");
    let de = app.get_in_language(&path, "de").await;
    let en = app.get_in_language(&path, "en").await;
    (texts(&de, "#rules li strong"), texts(&en, "#rules li strong"))
}

async fn local_page(app: &TestApp) -> (String, Value) {
    let html = app.get_in_language(&format!("/{SLUG}"), "en").await;
    let notices = texts(&html, "section.exceptions").join(" ");
    let ld = texts(&html, "script[type='application/ld+json']");
    (notices, serde_json::from_str(&ld[0]).expect("JSON-LD"))
}

fn special_on(ld: &Value, date: &str) -> Option<(String, String)> {
    ld["specialOpeningHoursSpecification"].as_array()?.iter().find_map(|s| {
        (s["validFrom"] == date).then(|| {
            (s["opens"].as_str().unwrap_or("").into(), s["closes"].as_str().unwrap_or("").into())
        })
    })
}

#[tokio::test]
async fn every_24_december_from_10_to_14_is_set_shown_everywhere_and_removed() {
    let app = TestApp::spawn_at(NOW).await;
    app.login_owner().await;
    let id = freiburg(&app).await;
    let fields = [
        ("kind", "yearly"),
        ("from_day", "24"),
        ("from_month", "12"),
        ("state", "open"),
        ("hours", "10:00 – 14:00"),
    ];
    assert_eq!(add(&app, id, &fields).await, format!("/admin/locations/{id}/hours?saved=1"));

    let (de, en) = listed(&app, id).await;
    assert_eq!(de, vec!["Jedes Jahr am 24. Dezember: 10:00–14:00"]);
    assert_eq!(en, vec!["Every year on 24 December: 10:00–14:00"]);
    assert!(preview_row(&app, id, "24 Dec").await.contains("10:00–14:00"));
    assert!(preview_row(&app, id, "23 Dec").await.contains("06:30–12:30"), "the week elsewhere");
    let (notices, ld) = local_page(&app).await;
    assert!(notices.contains("10:00–14:00"), "{notices}");
    assert_eq!(special_on(&ld, "2026-12-24"), Some(("10:00".into(), "14:00".into())));
    let osm = app.get_in_language(&format!("/admin/locations/{id}/hours"), "en").await;
    assert!(texts(&osm, "code.osm")[0].contains("Dec 24 10:00-14:00"));
    let loc = app.store.location_by_slug(SLUG).await.expect("db").expect("loc");
    assert!(!loc.hours.is_always_closed(), "the weekly hours are kept");

    // A stale list removes nothing.
    let stale = app
        .post_form(&format!("/admin/locations/{id}/rules/0/delete"), &[("rule", "Dec 25 off")])
        .await;
    assert!(location(stale.headers()).ends_with("?error=rule_gone#rules"));
    assert_eq!(listed(&app, id).await.1.len(), 1);

    let removed = app
        .post_form(
            &format!("/admin/locations/{id}/rules/0/delete"),
            &[("rule", "Dec 24 10:00-14:00")],
        )
        .await;
    assert_eq!(location(removed.headers()), format!("/admin/locations/{id}/hours?saved=1"));
    assert!(listed(&app, id).await.1.is_empty());
    assert!(!preview_row(&app, id, "24 Dec").await.contains("10:00–14:00"));
    let (_, ld) = local_page(&app).await;
    assert_eq!(special_on(&ld, "2026-12-24"), None);

    // Both changes are in the history, each with a revision of the hours to restore.
    let log = app.store.audit_log(1, 50, None).await.expect("log");
    let actions: Vec<&str> = log.iter().map(|c| c.action.as_str()).collect();
    assert!(actions.contains(&"hours.rule.add") && actions.contains(&"hours.rule.delete"));
    let revisions = app.store.revisions(1, id, RevisionKind::Hours).await.expect("revisions");
    let with_rule = revisions.iter().find(|r| r.data.contains("\"month\":12,\"day\":24"));
    let with_rule = with_rule.expect("a revision keeps the rule");
    let restored = app
        .post_form(&format!("/admin/locations/{id}/history/{}/restore", with_rule.id), &[])
        .await;
    assert_eq!(restored.status(), 303);
    assert_eq!(listed(&app, id).await.1, vec!["Every year on 24 December: 10:00–14:00"]);
}

#[tokio::test]
async fn a_season_replaces_the_weekly_hours_in_its_period_and_a_first_saturday_beats_it() {
    let app = TestApp::spawn_at(NOW).await;
    app.login_owner().await;
    let id = freiburg(&app).await;
    let season = [
        ("kind", "season"),
        ("from_day", "1"),
        ("from_month", "11"),
        ("to_day", "28"),
        ("to_month", "2"),
        ("state", "open"),
        ("mo", "on"),
        ("tu", "on"),
        ("we", "on"),
        ("th", "on"),
        ("fr", "on"),
        ("hours", "10:00-16:00"),
    ];
    add(&app, id, &season).await;
    assert!(preview_row(&app, id, "21 Dec").await.contains("10:00–16:00"), "a Monday");
    assert!(preview_row(&app, id, "2 Jan").await.contains("closed"), "a Saturday");
    let (de, en) = listed(&app, id).await;
    assert_eq!(de, vec!["1. November bis 28. Februar: Mo–Fr 10:00–16:00, sonst geschlossen"]);
    assert_eq!(en, vec!["1 November to 28 February: Mon–Fri 10:00–16:00, closed on other days"]);

    let nth = [
        ("kind", "nth"),
        ("nth", "1"),
        ("weekday", "sa"),
        ("state", "open"),
        ("hours", "10:00-14:00"),
    ];
    add(&app, id, &nth).await;
    let (de, en) = listed(&app, id).await;
    assert_eq!(de[1], "Am ersten Samstag im Monat: 10:00–14:00");
    assert_eq!(en[1], "On the first Saturday of the month: 10:00–14:00");
    assert!(preview_row(&app, id, "2 Jan").await.contains("10:00–14:00"));
    let (notices, ld) = local_page(&app).await;
    assert!(notices.contains("10:00–14:00"), "{notices}");
    assert_eq!(special_on(&ld, "2027-01-02"), Some(("10:00".into(), "14:00".into())));

    // Removing the season (two rules, one entry) leaves the first Saturday.
    let html = app.get_in_language(&format!("/admin/locations/{id}/hours"), "en").await;
    let doc = Html::parse_document(&html);
    let key = Selector::parse("#rules li input[name=rule]").expect("selector");
    let first = doc.select(&key).next().and_then(|e| e.value().attr("value")).expect("key");
    assert_eq!(first, "Nov 01-Feb 28 off");
    app.post_form(&format!("/admin/locations/{id}/rules/0/delete"), &[("rule", first)]).await;
    assert_eq!(listed(&app, id).await.1, vec!["On the first Saturday of the month: 10:00–14:00"]);
    assert!(preview_row(&app, id, "21 Dec").await.contains("06:30–12:30"));
}

#[tokio::test]
async fn a_refused_form_comes_back_open_with_the_reason_and_the_typed_values() {
    let app = TestApp::spawn_at(NOW).await;
    app.login_owner().await;
    let id = freiburg(&app).await;
    let fields = [
        ("kind", "yearly"),
        ("from_day", "31"),
        ("from_month", "2"),
        ("state", "open"),
        ("hours", "10:00-14:00"),
    ];
    let back = add(&app, id, &fields).await;
    assert!(back.contains("error=rule_date") && back.ends_with("#rules"), "{back}");
    let html = app.get_in_language(&back, "de").await;
    assert_eq!(
        texts(&html, "#rules [role=alert]"),
        vec!["Dieses Datum gibt es nicht. Bitte Tag und Monat prüfen."]
    );
    let doc = Html::parse_document(&html);
    let one = |css: &str| doc.select(&Selector::parse(css).expect("css")).count();
    assert_eq!(one("details[open] input#yearly-from-day[value='31']"), 1);
    assert_eq!(one("details[open] #yearly-from-month option[value='2'][selected]"), 1);
    assert_eq!(one("details[open] input#yearly-hours[value='10:00-14:00']"), 1);
    assert_eq!(one("details[open]"), 1, "only the refused form is open");
    assert!(texts(&html, "p.message").iter().all(|m| !m.contains("nicht gespeichert")));

    let no_days = [
        ("kind", "season"),
        ("from_day", "1"),
        ("from_month", "4"),
        ("to_day", "30"),
        ("to_month", "9"),
        ("hours", "09:00-19:00"),
    ];
    let back = add(&app, id, &no_days).await;
    let html = app.get_in_language(&back, "en").await;
    assert_eq!(texts(&html, "#rules [role=alert]"), vec!["Please choose at least one weekday."]);
    assert!(listed(&app, id).await.1.is_empty(), "nothing was added");
}

#[tokio::test]
async fn staff_and_other_businesses_get_the_same_404_as_for_a_missing_location() {
    let app = TestApp::spawn_at(NOW).await;
    let id = freiburg(&app).await;
    let fields = [("kind", "nth"), ("nth", "1"), ("weekday", "sa"), ("state", "closed")];
    app.create_user("staff@sonnenschein.example", "staff-password-1234", 1, Role::Staff).await;
    let (other, _) = app.other_business().await;
    app.create_user("owner@speiche.example", "speiche-password-1234", other, Role::Owner).await;
    for (email, password) in [
        ("staff@sonnenschein.example", "staff-password-1234"),
        ("owner@speiche.example", "speiche-password-1234"),
    ] {
        let person = app.shallow();
        person.login(email, password).await;
        let missing = person.post_form("/admin/locations/999999/rules", &fields).await;
        assert_eq!(missing.status(), 404);
        let missing = missing.text().await.expect("body");
        let added = person.post_form(&format!("/admin/locations/{id}/rules"), &fields).await;
        assert_eq!(added.status(), 404, "{email}");
        assert_eq!(added.text().await.expect("body"), missing, "{email}");
        let removed = person
            .post_form(&format!("/admin/locations/{id}/rules/0/delete"), &[("rule", "Sa[1] off")])
            .await;
        assert_eq!(removed.status(), 404, "{email}");
    }
    let loc = app.store.location_by_slug(SLUG).await.expect("db").expect("loc");
    assert!(loc.rules.is_empty());
}
