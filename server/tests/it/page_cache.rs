//! Customer pages from the page cache: made once, served again (compressed, with ETags),
//! and never stale: a change through this node, through another node (PostgreSQL
//! NOTIFY), or an open/closed flip shows at the next request.

use crate::common::{ScratchPg, TestApp};
use app::domain::schedule::SpecialHours;
use chrono::{Duration, NaiveDate};
use std::io::Read;

/// A Wednesday five minutes before Freiburg's lunch break (12:30).
const BEFORE_LUNCH: &str = "2026-06-17T12:25:00+02:00";
const PAGE: &str = "/sonnenschein-freiburg";

async fn cache_count(app: &TestApp, result: &str) -> u64 {
    let (_, metrics) = app.get_text("/metrics").await;
    let prefix = format!("nahbar_page_cache_total{{result=\"{result}\"}} ");
    metrics
        .lines()
        .find_map(|line| line.strip_prefix(&prefix))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

async fn get_with(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> reqwest::Response {
    let mut request = app.client.get(app.url(path));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.expect("GET")
}

fn status_line(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse("p.status").expect("selector");
    doc.select(&selector).next().map(|p| p.text().collect()).unwrap_or_default()
}

#[tokio::test]
async fn a_page_is_made_once_then_served_compressed_with_an_etag() {
    let app = TestApp::spawn_at(BEFORE_LUNCH).await;
    let first = get_with(&app, PAGE, &[]).await;
    assert_eq!(first.status(), 200);
    assert_eq!(first.headers().get("x-nahbar-cache-until"), None, "the marker stays inside");
    let etag = first.headers()["etag"].to_str().expect("etag").to_string();
    let first_headers = first.headers().clone();
    let html = first.text().await.expect("body");
    assert_eq!(cache_count(&app, "miss").await, 1);

    let again = get_with(&app, PAGE, &[]).await;
    // The hit path answers before the other layers: it must add what they add.
    for name in [
        "content-type",
        "content-language",
        "content-security-policy",
        "x-content-type-options",
        "x-frame-options",
        "referrer-policy",
        "permissions-policy",
        "cross-origin-opener-policy",
        "cache-control",
        "etag",
        "last-modified",
    ] {
        assert_eq!(again.headers().get(name), first_headers.get(name), "{name} of a hit");
    }
    // And no header more or less (the hit's headers were finished when the page was kept).
    let others = |headers: &reqwest::header::HeaderMap| {
        let mut all: Vec<String> = headers
            .iter()
            .filter(|(name, _)| !matches!(name.as_str(), "date" | "vary"))
            .map(|(name, value)| format!("{name}: {}", value.to_str().expect("text")))
            .collect();
        all.sort();
        all
    };
    assert_eq!(others(again.headers()), others(&first_headers), "the headers of a hit");
    let vary = |headers: &reqwest::header::HeaderMap| {
        let mut names: Vec<String> = headers
            .get_all("vary")
            .iter()
            .flat_map(|v| v.to_str().expect("vary").split(','))
            .map(|name| name.trim().to_ascii_lowercase())
            .collect();
        names.sort();
        names.dedup();
        names
    };
    assert_eq!(vary(again.headers()), vary(&first_headers), "Vary of a hit");
    assert!(vary(again.headers()).contains(&"accept-language".to_string()));
    assert_eq!(again.text().await.expect("body"), html, "the same page");
    assert_eq!(cache_count(&app, "hit").await, 1);

    let br = get_with(&app, PAGE, &[("accept-encoding", "gzip, deflate, br")]).await;
    assert_eq!(br.headers()["content-encoding"], "br");
    assert!(br.headers()["vary"].to_str().expect("vary").contains("Accept-Encoding"));
    let bytes = br.bytes().await.expect("body");
    let mut unpacked = Vec::new();
    brotli::BrotliDecompress(&mut bytes.as_ref(), &mut unpacked).expect("brotli");
    assert_eq!(String::from_utf8(unpacked).expect("utf-8"), html);
    assert!(bytes.len() * 3 < html.len(), "{} of {} bytes", bytes.len(), html.len());

    let gz = get_with(&app, PAGE, &[("accept-encoding", "gzip")]).await;
    assert_eq!(gz.headers()["content-encoding"], "gzip");
    let mut unpacked = String::new();
    flate2::read::GzDecoder::new(gz.bytes().await.expect("body").as_ref())
        .read_to_string(&mut unpacked)
        .expect("gzip");
    assert_eq!(unpacked, html);

    let revalidated = get_with(&app, PAGE, &[("if-none-match", &etag)]).await;
    assert_eq!(revalidated.status(), 304);
    assert_eq!(revalidated.text().await.expect("body"), "");
    assert_eq!(cache_count(&app, "miss").await, 1, "made once for all of them");

    // Another language is another page.
    let german = get_with(&app, PAGE, &[("accept-language", "de")]).await;
    assert!(status_line(&german.text().await.expect("body")).starts_with("Geöffnet"));
    assert_eq!(cache_count(&app, "miss").await, 2);
    // The language cookie beats Accept-Language on a hit too.
    let chosen =
        get_with(&app, PAGE, &[("accept-language", "en"), ("cookie", "a=b; nahbar_lang=de")]).await;
    assert_eq!(chosen.headers()["content-language"], "de");
    assert!(status_line(&chosen.text().await.expect("body")).starts_with("Geöffnet"));
    assert_eq!(cache_count(&app, "miss").await, 2, "the German page, kept");
}

#[tokio::test]
async fn the_open_line_turns_closed_at_its_instant_without_any_write() {
    let app = TestApp::spawn_at(BEFORE_LUNCH).await;
    let (_, open) = app.get_text(PAGE).await;
    assert!(status_line(&open).starts_with("Open"), "{}", status_line(&open));
    let (_, still) = app.get_text(PAGE).await;
    assert_eq!(status_line(&still), status_line(&open));
    app.clock.advance(Duration::minutes(6));
    let (_, closed) = app.get_text(PAGE).await;
    assert!(status_line(&closed).starts_with("Closed"), "{}", status_line(&closed));
}

#[tokio::test]
async fn a_change_shows_at_the_next_request_through_a_form_or_another_writer() {
    let app = TestApp::spawn_at(BEFORE_LUNCH).await;
    app.login_owner().await;
    let customer = app.shallow();
    let (_, before) = customer.get_text(PAGE).await;
    assert!(!before.contains("Betriebsausflug"));
    // Through this node: the form's answer and the next page agree.
    let response = app
        .post_form(
            "/admin/locations/1/special",
            &[("from", "2026-06-19"), ("closed", "on"), ("note", "Betriebsausflug")],
        )
        .await;
    assert_eq!(response.status(), 303);
    let (_, after) = customer.get_text(PAGE).await;
    assert!(after.contains("Betriebsausflug"), "the closure shows at once");
    // Straight into the database (as another process would): seen once the revision is
    // read again, at most a second later.
    let day = NaiveDate::from_ymd_opt(2026, 6, 22).expect("date");
    let special =
        SpecialHours { id: 0, from: day, to: day, intervals: vec![], note: "Inventur".into() };
    app.store.add_special_hours(1, 1, &special, app.clock.now()).await.expect("special");
    app.clock.advance(Duration::seconds(2));
    let (_, seen) = customer.get_text(PAGE).await;
    assert!(seen.contains("Inventur"));
}

#[tokio::test]
async fn app_pages_and_answers_with_cookies_are_never_kept() {
    let app = TestApp::spawn().await;
    for path in ["/login", "/nearby?lat=47.99&lon=7.85"] {
        app.get(path).await;
        app.get(path).await;
    }
    assert_eq!(cache_count(&app, "hit").await, 0);
    assert_eq!(cache_count(&app, "miss").await, 0);
}

/// Two nodes on one PostgreSQL database: a change through one shows on the other at once,
/// by `NOTIFY`, although the other would read the revision again only after an hour.
#[tokio::test]
async fn another_node_follows_a_change_by_notification() {
    let Some(pg) = ScratchPg::create("page_cache").await else { return };
    let url = pg.url.clone();
    let clock = app::clock::Clock::starting_at(
        chrono::DateTime::parse_from_rfc3339(BEFORE_LUNCH).expect("date").to_utc(),
    );
    let one = TestApp::serve(tempfile::tempdir().expect("dir"), &url, true, clock.clone()).await;
    let two = TestApp::serve(tempfile::tempdir().expect("dir"), &url, false, clock).await;
    two.page_cache.set_refresh(std::time::Duration::from_secs(3600));
    let (_, before) = two.get_text(PAGE).await;
    assert!(!before.contains("Stadtfest"));
    let day = NaiveDate::from_ymd_opt(2026, 6, 20).expect("date");
    let special =
        SpecialHours { id: 0, from: day, to: day, intervals: vec![], note: "Stadtfest".into() };
    one.store.add_special_hours(1, 1, &special, one.clock.now()).await.expect("special");
    let mut seen = false;
    for _ in 0..100 {
        let (_, page) = two.get_text(PAGE).await;
        if page.contains("Stadtfest") {
            seen = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(seen, "node two saw node one's change");
    drop((one, two));
    pg.drop_database().await;
}
