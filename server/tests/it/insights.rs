//! Insights over HTTP: a scripted visit sequence across two days (two visitors, a bot, a
//! prefetch, a `HEAD`, directions and a call, a QR scan, a referrer, feed readers) gives
//! exactly the expected figures; no customer page sets a cookie; the day's salt is on no
//! disk; the roll-up is idempotent; the screen shows the figures to managers and owners
//! only. The store reads back the same figures on SQLite and PostgreSQL.

use crate::common::{ScratchPg, TestApp, client};
use app::domain::insights::{DailyRow, Insights, Metric};
use app::domain::location::Role;
use app::store::{Hit, Store};
use chrono::{Duration, NaiveDate};

const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
const PHONE: &str = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like \
                     Gecko) Chrome/126.0.0.0 Mobile Safari/537.36";
const GOOGLEBOT: &str = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
const FEED_READER: &str = "Feedly/1.0 (+http://www.feedly.com/fetcher.html; 3 subscribers)";
const SLUG: &str = "/sonnenschein-leipzig";

/// GET `path` as a browser with this user agent and extra headers; the status.
async fn visit(app: &TestApp, agent: &str, path: &str, headers: &[(&str, &str)]) -> u16 {
    let mut request = client().get(app.url(path)).header("user-agent", agent);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.expect("request");
    if path != "/login" {
        assert!(response.headers().get("set-cookie").is_none(), "{path} sets no cookie");
    }
    response.status().as_u16()
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

#[tokio::test]
async fn a_scripted_visit_sequence_gives_exactly_the_expected_figures() {
    // Monday 10:00 in Freiburg; the second day is Tuesday.
    let app = TestApp::spawn_at("2026-06-15T10:00:00+02:00").await;
    let location =
        app.store.location_by_slug(&SLUG[1..]).await.expect("db").expect("the demo location");
    let post = app.store.published_posts(location.id, 1).await.expect("posts")[0].id;

    // Day one. The phone: the local page twice (the second from the page cache), the post,
    // directions and a call.
    assert_eq!(visit(&app, PHONE, SLUG, &[]).await, 200);
    assert_eq!(visit(&app, PHONE, SLUG, &[]).await, 200);
    assert_eq!(visit(&app, PHONE, &format!("{SLUG}/posts/{post}"), &[]).await, 200);
    assert_eq!(visit(&app, PHONE, &format!("{SLUG}/go/route/osm"), &[]).await, 303);
    assert_eq!(visit(&app, PHONE, &format!("{SLUG}/go/call"), &[]).await, 303);
    // The laptop: from a search engine, then the door sign's QR code, then the feed.
    let from_search = [("referer", "https://www.google.com/search?q=baeckerei+freiburg")];
    assert_eq!(visit(&app, FIREFOX, SLUG, &from_search).await, 200);
    assert_eq!(visit(&app, FIREFOX, &format!("{SLUG}?src=door"), &[]).await, 200);
    assert_eq!(visit(&app, FIREFOX, &format!("{SLUG}/feed.atom"), &[]).await, 200);
    // Not counted: a crawler, a prefetch, a HEAD, a page that does not exist, an app page.
    assert_eq!(visit(&app, GOOGLEBOT, SLUG, &[]).await, 200);
    assert_eq!(visit(&app, PHONE, SLUG, &[("sec-purpose", "prefetch")]).await, 200);
    let head = client().head(app.url(SLUG)).header("user-agent", PHONE).send().await;
    assert_eq!(head.expect("HEAD").status(), 200);
    assert_eq!(visit(&app, PHONE, "/no-such-shop", &[]).await, 404);
    assert_eq!(visit(&app, PHONE, "/login", &[]).await, 200);
    // A feed reader counts although it is a machine: it stands for subscribers.
    assert_eq!(visit(&app, FEED_READER, &format!("{SLUG}/feed.atom"), &[]).await, 200);

    app.insights.flush(app.store.as_ref()).await;
    app.clock.advance(Duration::days(1));
    // Day two: the phone again is a visitor of day two (nothing links the days).
    assert_eq!(visit(&app, PHONE, SLUG, &[]).await, 200);
    app.insights.flush(app.store.as_ref()).await;
    assert_eq!(app.store.raw_hit_count(location.id).await.expect("raw"), 12);

    let today = day("2026-06-16");
    server::insights::roll_up(app.store.as_ref(), today - Duration::days(30), today).await;
    let rows = app.store.daily_figures(location.id, day("2026-06-10"), today).await.expect("rows");
    let figure = |d: &str, metric: Metric, subject: &str| {
        rows.iter()
            .find(|r| r.day == day(d) && r.metric == metric && r.subject == subject)
            .map(|r| (r.hits, r.visitors))
    };
    assert_eq!(figure("2026-06-15", Metric::Visits, ""), Some((5, 2)), "{rows:#?}");
    assert_eq!(figure("2026-06-15", Metric::View, ""), Some((4, 2)));
    assert_eq!(figure("2026-06-15", Metric::View, &format!("posts/{post}")), Some((1, 1)));
    assert_eq!(figure("2026-06-15", Metric::Post, &post.to_string()), Some((1, 1)));
    assert_eq!(figure("2026-06-15", Metric::Route, "osm"), Some((1, 1)));
    assert_eq!(figure("2026-06-15", Metric::Call, ""), Some((1, 1)));
    assert_eq!(figure("2026-06-15", Metric::Scan, "door"), Some((1, 1)));
    assert_eq!(figure("2026-06-15", Metric::Referrer, "google.com"), Some((1, 1)));
    assert_eq!(figure("2026-06-15", Metric::Feed, "atom"), Some((2, 2)));
    assert_eq!(figure("2026-06-16", Metric::Visits, ""), Some((1, 1)));
    assert_eq!(rows.len(), 11, "nothing else was counted: {rows:#?}");

    // The roll-up is idempotent: again, the same figures.
    server::insights::roll_up(app.store.as_ref(), today - Duration::days(30), today).await;
    let again = app.store.daily_figures(location.id, day("2026-06-10"), today).await.expect("rows");
    assert_eq!(again, rows);

    // The day's salt is on no disk: no file of the data folder holds it.
    for entry in walk(&app.data_dir()) {
        let name = entry.file_name().expect("name").to_string_lossy().to_lowercase();
        assert!(!name.contains("salt"), "{}", entry.display());
    }

    // The owner's screen, in English: the figures of the last 7 days.
    app.login_owner().await;
    let html =
        app.get_in_language(&format!("/admin/locations/{}/insights", location.id), "en").await;
    assert!(html.contains("Page views") && html.contains("<strong>6</strong>"), "{html}");
    assert!(html.contains("google.com") && html.contains("Door sign"), "{html}");
    assert!(html.contains("<svg"), "the chart");
    assert!(html.contains("<th scope=\"row\">16 Jun</th><td>1</td><td>1</td>"), "{html}");
    // Staff see no figures: the same 404 as for a missing location.
    let staff = app.shallow();
    app.create_user("staff@sonnenschein.example", "staff-password-1", 1, Role::Staff).await;
    staff.login("staff@sonnenschein.example", "staff-password-1").await;
    let (status, _) = staff.get_text(&format!("/admin/locations/{}/insights", location.id)).await;
    assert_eq!(status, 404);
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        }
        out.push(path);
    }
    out
}

/// Hits of two locations over three days, a purge of the oldest day, the figures.
async fn store_story(store: &dyn Store) {
    let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).expect("instant").to_utc();
    let hit = |slug: &str, metric: Metric, subject: &str, visitor: &str, when: &str| Hit {
        slug: slug.into(),
        metric,
        subject: subject.into(),
        referrer: String::new(),
        visitor: visitor.into(),
        at: at(when),
        hits: 1,
    };
    let location = store.location_by_slug("sonnenschein-freiburg").await.expect("db").expect("l");
    let hits = vec![
        // 23:30 UTC on the 14th is already the 15th in Freiburg.
        hit("sonnenschein-freiburg", Metric::View, "", "a", "2026-06-14T23:30:00Z"),
        hit("sonnenschein-freiburg", Metric::View, "", "a", "2026-06-15T09:00:00Z"),
        hit("sonnenschein-freiburg", Metric::View, "", "b", "2026-06-15T09:00:00Z"),
        hit("sonnenschein-freiburg", Metric::Call, "", "b", "2026-06-15T09:01:00Z"),
        hit("sonnenschein-freiburg", Metric::View, "", "c", "2026-06-16T09:00:00Z"),
        hit("sonnenschein-leipzig", Metric::View, "", "a", "2026-06-15T09:00:00Z"),
        hit("unknown-shop", Metric::View, "", "a", "2026-06-15T09:00:00Z"),
    ];
    assert_eq!(store.record_hits(&hits).await.expect("record"), 6, "the unknown slug dropped");
    store.roll_up_insights(day("2026-06-01")).await.expect("roll up");
    store.roll_up_insights(day("2026-06-01")).await.expect("roll up again");
    let rows = store.daily_figures(location.id, day("2026-06-15"), day("2026-06-16")).await;
    let rows = rows.expect("rows");
    let visits: Vec<&DailyRow> = rows.iter().filter(|r| r.metric == Metric::Visits).collect();
    assert_eq!(visits.len(), 2);
    assert_eq!((visits[0].day, visits[0].hits, visits[0].visitors), (day("2026-06-15"), 3, 2));
    assert_eq!((visits[1].day, visits[1].hits, visits[1].visitors), (day("2026-06-16"), 1, 1));
    let figures = Insights::build(7, day("2026-06-16"), &rows, &[]);
    assert_eq!((figures.views, figures.visitors, figures.calls), (4, 3, 1));
    // Counted requests of the 15th go; its figures stay.
    assert_eq!(store.purge_hits(day("2026-06-16")).await.expect("purge"), 5);
    assert_eq!(store.raw_hit_count(location.id).await.expect("raw"), 1);
    let kept = store.daily_figures(location.id, day("2026-06-15"), day("2026-06-16")).await;
    assert_eq!(kept.expect("rows"), rows);
    // After two years the daily figures go too (the 15th: Freiburg's and Leipzig's).
    assert_eq!(store.purge_daily_figures(day("2026-06-16")).await.expect("purge"), 5);
    let left = store.daily_figures(location.id, day("2026-06-01"), day("2026-06-30")).await;
    assert!(left.expect("rows").iter().all(|r| r.day == day("2026-06-16")));
}

#[tokio::test]
async fn the_daily_figures_read_the_same_on_sqlite_and_postgresql() {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite:{}", dir.path().join("insights.db").display());
    let media = server::media::MediaStore::folder(dir.path());
    let now = chrono::Utc::now();
    let sqlite = server::store::connect(&url).await.expect("sqlite");
    server::cli::demo::seed(sqlite.as_ref(), &media, now).await.expect("demo");
    store_story(sqlite.as_ref()).await;
    if let Some(pg) = ScratchPg::create("insights").await {
        server::cli::demo::seed(pg.store.as_ref(), &media, now).await.expect("demo");
        store_story(pg.store.as_ref()).await;
        pg.drop_database().await;
    }
}
