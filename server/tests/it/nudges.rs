//! The dashboard's list of what needs someone, over HTTP with a pinned clock: hours not
//! confirmed for 90 days (and "still right" in one tap), quiet locations, locations without
//! a picture, deliveries that keep failing, the missing imprint; in their order, in German
//! and English, and only what staff can act on for staff. The facts read back the same on
//! SQLite and PostgreSQL.

use crate::common::{ScratchPg, TestApp, location};
use app::domain::location::Role;
use app::store::{Attempt, Store};
use chrono::{DateTime, Duration, Utc};

const FREIBURG: &str = "Bäckerei Sonnenschein Freiburg";
const LEIPZIG: &str = "Café Sonnenschein Leipzig";

/// Where each text first appears on the page (panics when it does not).
fn at(html: &str, text: &str) -> usize {
    html.find(text).unwrap_or_else(|| panic!("{text:?} is not on the dashboard"))
}

/// The `<li class="nudge">` items of the page, as text.
fn nudges(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse("ol.nudge-list li.nudge").expect("selector");
    doc.select(&selector).map(|li| li.text().collect::<String>()).collect()
}

#[tokio::test]
async fn the_dashboard_lists_what_needs_the_owner_most_pressing_first() {
    // A Wednesday in June: no public holiday in Baden-Württemberg or Saxony within 30
    // days of the start (Fronleichnam is 4 June), so the list holds only what this test makes.
    let app = TestApp::spawn_at("2026-06-10T08:00:00Z").await;
    app.login_owner().await;
    let (_, html) = app.get_text("/admin").await;
    // Just made: nothing to confirm, nothing quiet; but no imprint and no pictures.
    assert!(!html.contains("still right?"), "{html}");
    assert!(!html.contains("no new post") && !html.contains("has no post yet"));
    assert!(at(&html, "The imprint of") < at(&html, "has no logo and no cover photo"));
    assert_eq!(nudges(&html).len(), 3, "imprint, two pictures: {:?}", nudges(&html));

    // 91 days on, nobody looked: the hours of both, both quiet.
    app.clock.advance(Duration::days(91));
    app.login_owner().await; // the session ran out meanwhile
    let (_, html) = app.get_text("/admin").await;
    let list = nudges(&html);
    let confirm =
        format!("Are the opening hours of {FREIBURG} still right? Last confirmed 91 days ago.");
    assert!(list.iter().any(|n| n.contains(&confirm)), "{list:?}");
    assert!(list.iter().any(|n| n.contains(&format!("{FREIBURG} has no post yet"))), "{list:?}");
    assert!(list.iter().any(|n| n.contains(&format!("{LEIPZIG} has had no new post since"))));
    assert!(at(&html, "The imprint of") < at(&html, &confirm));
    assert!(at(&html, &confirm) < at(&html, "has no post yet"));
    assert!(at(&html, "has no post yet") < at(&html, "has no logo and no cover photo"));
    let german = app.get_in_language("/admin", "de").await;
    assert!(german.contains(&format!("Stimmen die Öffnungszeiten von {FREIBURG} noch?")));
    assert!(german.contains("Das braucht dich"));

    // One tap: Freiburg's hours are right; the dashboard thanks and asks only for Leipzig.
    let response = app.post_form("/admin/locations/1/hours/confirm", &[]).await;
    assert_eq!(location(response.headers()), "/admin?hours_confirmed=1");
    let (_, html) = app.get_text("/admin?hours_confirmed=1").await;
    assert!(html.contains("Thank you! The opening hours are confirmed."));
    assert_eq!(html.matches("still right?").count(), 1);
    assert!(html.contains(&format!("Are the opening hours of {LEIPZIG} still right?")));
    let (_, history) = app.get_text("/admin/history/1").await;
    assert!(history.contains("Opening hours confirmed as right"), "the audit log has it");

    // Saving the hours in the editor confirms them too.
    let leipzig = app.store.location(1, 2).await.expect("leipzig");
    let now = app.clock.now();
    let hours = leipzig.hours.clone();
    app.store.update_location(1, 2, &leipzig.details, &hours, now).await.expect("save");
    let (_, html) = app.get_text("/admin").await;
    assert!(!html.contains("still right?"));

    // Followers on a dead server: a delivery given up, and one still retried after 3 refusals.
    fail_deliveries(app.store.as_ref(), 2, now).await;
    let (_, html) = app.get_text("/admin").await;
    let failing = format!(
        "Posts of {LEIPZIG} have not reached these servers for days: dead.example, slow.example:8443."
    );
    assert!(html.contains(&failing), "{:?}", nudges(&html));
    assert!(at(&html, "The imprint of") < at(&html, &failing));
    assert!(at(&html, &failing) < at(&html, "has no post yet"));
    // A week later the given-up one is history; the retried one still fails.
    app.clock.advance(Duration::days(8));
    let (_, html) = app.get_text("/admin").await;
    assert!(html.contains("reached these servers for days: slow.example:8443."));
}

/// Queues three deliveries for `location`: one delivered, one failed for good, one retried
/// after three refusals.
async fn fail_deliveries(store: &dyn Store, location: i64, now: DateTime<Utc>) {
    let inboxes = [
        "https://alive.example/inbox".to_string(),
        "https://dead.example/inbox".to_string(),
        "https://slow.example:8443/users/kim/inbox".to_string(),
    ];
    store.enqueue_deliveries(location, None, "{}", &inboxes, now).await.expect("queue");
    for round in 0..3 {
        let leased =
            store.claim_deliveries(now, now + Duration::minutes(5), 10).await.expect("claim");
        for delivery in leased {
            let attempt = match delivery.inbox.as_str() {
                "https://alive.example/inbox" => Attempt::Delivered,
                "https://dead.example/inbox" => Attempt::Failed { error: "410".into() },
                _ => Attempt::Retry { at: now, error: format!("503 #{round}") },
            };
            store.record_attempt(delivery.id, &attempt, now).await.expect("attempt");
        }
    }
}

#[tokio::test]
async fn staff_see_only_what_they_can_act_on() {
    let app = TestApp::spawn_at("2026-06-10T08:00:00Z").await;
    app.clock.advance(Duration::days(91));
    let staff = app.shallow();
    app.create_user("kim@sonnenschein.example", "kims-langes-passwort", 1, Role::Staff).await;
    let response = staff.login("kim@sonnenschein.example", "kims-langes-passwort").await;
    assert_eq!(location(response.headers()), "/admin");
    let (_, html) = staff.get_text("/admin").await;
    let list = nudges(&html);
    assert_eq!(list.len(), 2, "the two quiet locations only: {list:?}");
    assert!(list.iter().all(|n| n.contains("post")), "{list:?}");
    assert!(!html.contains("still right?") && !html.contains("The imprint of"));
    // Nor may they confirm hours.
    let response = staff.post_form("/admin/locations/1/hours/confirm", &[]).await;
    assert_eq!(response.status(), 404);
}

async fn store_story(store: &dyn Store) {
    let t0: DateTime<Utc> = "2026-03-02T09:00:00Z".parse().expect("t0");
    let business = store.create_business("Optik Klar", t0).await.expect("business");
    let mut details = crate::common::sample_details("Optik Klar Graz");
    details.address.region = String::new();
    let new = app::store::NewLocation {
        business_id: business,
        slug: app::domain::slug::Slug::parse("optik-klar-graz").expect("slug"),
        details,
        hours: Default::default(),
    };
    let id = store.create_location(&new, t0).await.expect("location");
    let facts = store.location_facts(business, id, t0).await.expect("facts");
    assert_eq!((facts.created_at, facts.hours_confirmed_at), (t0, t0));
    assert_eq!((facts.last_post_at, facts.has_picture), (None, false));
    assert!(facts.failing_servers.is_empty());
    let later = t0 + Duration::days(100);
    store.confirm_hours(business, id, later).await.expect("confirm");
    let facts = store.location_facts(business, id, later).await.expect("facts");
    assert_eq!(facts.hours_confirmed_at, later);
    // Another business's location is not found, and not confirmed.
    assert!(store.location_facts(business + 1, id, later).await.is_err());
    assert!(store.confirm_hours(business + 1, id, later).await.is_err());
    fail_deliveries(store, id, later).await;
    let facts = store.location_facts(business, id, later).await.expect("facts");
    assert_eq!(facts.failing_servers, ["dead.example", "slow.example:8443"]);
}

#[tokio::test]
async fn nudge_facts_are_alike_on_sqlite_and_postgres() {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite:{}", dir.path().join("nudges.db").display());
    store_story(server::store::connect(&url).await.expect("sqlite").as_ref()).await;
    if let Some(pg) = ScratchPg::create("nudges").await {
        store_story(pg.store.as_ref()).await;
        pg.drop_database().await;
    }
}
