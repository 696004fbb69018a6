//! The fediverse's storage on SQLite and PostgreSQL alike, with two "nodes" asking at the
//! same moment: each post and closure is announced once, each delivery is leased by one
//! node, a lease that runs out is taken over, and outcomes are recorded and told per post.

use app::domain::location::{LocationId, Role};
use app::domain::post::{NewPost, PostDelivery, PostState};
use app::domain::schedule::SpecialHours;
use app::store::{Attempt, Follower, Store};
use chrono::{Duration, NaiveDate, TimeZone, Utc};
use std::collections::BTreeSet;

async fn seed(store: &dyn Store) -> (i64, LocationId, i64) {
    let now = Utc::now();
    let business = store.create_business("Fahrradladen Speiche", now).await.expect("business");
    let location = store
        .create_location(
            &app::store::NewLocation {
                business_id: business,
                slug: app::domain::slug::Slug::parse("speiche-fed").expect("slug"),
                details: crate::common::sample_details("Speiche"),
                hours: Default::default(),
            },
            now,
        )
        .await
        .expect("location");
    let user = store.create_user("kim@speiche.example", "Kim", "!x", now).await.expect("user");
    store.add_member(business, user, Role::Owner, now).await.expect("member");
    (business, location, user)
}

async fn story(store: &dyn Store) {
    let (business, location, user) = seed(store).await;
    let t0 = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).single().expect("t0");
    let follower = |n: usize, host: &str| Follower {
        actor: format!("https://{host}/users/{n}"),
        inbox: format!("https://{host}/users/{n}/inbox"),
        delivery_inbox: format!("https://{host}/inbox"),
        host: host.into(),
        follow_id: format!("https://{host}/follows/{n}"),
        since: t0,
    };
    assert!(store.add_follower(location, &follower(1, "a.example")).await.expect("add"));
    assert!(!store.add_follower(location, &follower(1, "a.example")).await.expect("again"));
    store.add_follower(location, &follower(2, "b.example")).await.expect("add");
    assert_eq!(store.followers(location).await.expect("list").len(), 2);

    // Keys: the first stored wins.
    let first = store.save_actor_key(location, "PEM-1", t0).await.expect("key");
    let second = store.save_actor_key(location, "PEM-2", t0).await.expect("key");
    assert_eq!((first.0.as_str(), second.0.as_str()), ("PEM-1", "PEM-1"));

    // Two nodes take due posts and closures at the same moment: each once.
    for n in 0..5 {
        let post = NewPost::update(location, format!("Post {n}"));
        store.create_post(business, user, &post, PostState::Published, t0).await.expect("post");
    }
    let day = NaiveDate::from_ymd_opt(2026, 12, 24).expect("day");
    let closure = SpecialHours { id: 0, from: day, to: day, intervals: vec![], note: "Zu".into() };
    store.add_special_hours(business, location, &closure, t0).await.expect("special");
    let (a, b) = tokio::join!(store.take_due_posts(t0, 50), store.take_due_posts(t0, 50));
    let ids: Vec<i64> =
        a.expect("a").iter().chain(b.expect("b").iter()).map(|d| d.post_id).collect();
    assert_eq!(ids.len(), 5, "each post once: {ids:?}");
    assert_eq!(ids.iter().collect::<BTreeSet<_>>().len(), 5);
    assert!(store.take_due_posts(t0, 50).await.expect("none").is_empty());
    let from = NaiveDate::from_ymd_opt(2026, 11, 30).expect("from");
    let (a, b) =
        tokio::join!(store.take_due_specials(t0, from, 50), store.take_due_specials(t0, from, 50));
    assert_eq!(a.expect("a").len() + b.expect("b").len(), 1, "the closure once");

    // Deliveries: two nodes lease disjoint rows; an expired lease is taken over.
    let inboxes: Vec<String> = (0..6).map(|n| format!("https://s{n}.example/inbox")).collect();
    store.enqueue_deliveries(location, None, "{}", &inboxes, t0).await.expect("enqueue");
    let lease = t0 + Duration::minutes(2);
    let (a, b) =
        tokio::join!(store.claim_deliveries(t0, lease, 4), store.claim_deliveries(t0, lease, 4));
    let (a, b) = (a.expect("a"), b.expect("b"));
    let leased: BTreeSet<i64> = a.iter().chain(b.iter()).map(|d| d.id).collect();
    assert_eq!(leased.len(), a.len() + b.len(), "no row leased twice");
    assert_eq!(leased.len(), 6, "all six leased between the two nodes");
    assert!(store.claim_deliveries(t0, lease, 10).await.expect("none").is_empty());
    let mut rows = a.into_iter().chain(b);
    let delivered = rows.next().expect("row");
    store.record_attempt(delivered.id, &Attempt::Delivered, t0).await.expect("record");
    let retry = rows.next().expect("row");
    let later = t0 + Duration::minutes(5);
    let attempt = Attempt::Retry { at: later, error: "503".into() };
    store.record_attempt(retry.id, &attempt, t0).await.expect("record");
    let failed = rows.next().expect("row");
    let attempt = Attempt::Failed { error: "refused with 403".into() };
    store.record_attempt(failed.id, &attempt, t0).await.expect("record");
    // Three minutes on: the other three leases ran out (their node died) and are taken
    // over; the retry is not due yet.
    let t3 = t0 + Duration::minutes(3);
    let taken = store.claim_deliveries(t3, t3 + Duration::minutes(2), 10).await.expect("take");
    assert_eq!(taken.len(), 3);
    assert!(taken.iter().all(|d| d.id != retry.id && d.id != delivered.id));
    let due = store.claim_deliveries(later, later + Duration::minutes(2), 10).await.expect("due");
    assert_eq!(due.iter().map(|d| (d.id, d.attempts)).collect::<Vec<_>>(), [(retry.id, 1)]);
    assert_eq!(store.delivery_counts(location).await.expect("counts"), (4, 1, 1));

    // Per post: the latest row per server counts (a Delete after a Create replaces it).
    let post = ids[0];
    let servers =
        ["https://p1.example/inbox", "https://p2.example/inbox", "https://p3.example/inbox"];
    let servers: Vec<String> = servers.iter().map(|s| s.to_string()).collect();
    store.enqueue_deliveries(location, Some(post), "{}", &servers, t0).await.expect("enqueue");
    let t9 = t0 + Duration::minutes(9);
    let retry_at = t9 + Duration::minutes(10);
    for d in store.claim_deliveries(t9, t9 + Duration::minutes(2), 20).await.expect("claim") {
        let attempt = match d.inbox.as_str() {
            "https://p1.example/inbox" => Attempt::Delivered,
            "https://p2.example/inbox" => Attempt::Failed { error: "403".into() },
            "https://p3.example/inbox" => Attempt::Retry { at: retry_at, error: "503".into() },
            _ => continue,
        };
        store.record_attempt(d.id, &attempt, t9).await.expect("record");
    }
    let figures = |delivered, failed, waiting, next_attempt| {
        vec![(post, PostDelivery { servers: 3, delivered, failed, waiting, next_attempt })]
    };
    assert_eq!(store.post_deliveries(business).await.expect("p"), figures(1, 1, 1, Some(retry_at)));
    let p2 = [servers[1].clone()];
    store.enqueue_deliveries(location, Some(post), "{}", &p2, t9).await.expect("enqueue");
    assert_eq!(store.post_deliveries(business).await.expect("p"), figures(1, 0, 2, Some(t9)));
    assert!(store.post_deliveries(business + 1).await.expect("other").is_empty());

    // Gone: every follower at that inbox goes; blocking a server removes its followers.
    let removed =
        store.remove_followers_at(location, "https://a.example/inbox").await.expect("gone");
    assert_eq!(removed, 1);
    assert_eq!(store.block_host(business, "b.example", t0).await.expect("block"), 1);
    assert!(store.followers(location).await.expect("list").is_empty());
    assert_eq!(store.blocked_hosts(business).await.expect("blocked"), ["b.example"]);
    store.unblock_host(business, "b.example").await.expect("unblock");
    assert!(store.blocked_hosts(business).await.expect("blocked").is_empty());
}

#[tokio::test]
async fn federation_storage_holds_on_sqlite() {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite:{}", dir.path().join("f.db").display());
    let store = server::store::connect(&url).await.expect("sqlite");
    story(store.as_ref()).await;
}

#[tokio::test]
async fn federation_storage_holds_on_postgresql() {
    let Some(pg) = crate::common::ScratchPg::create("federation").await else { return };
    story(pg.store.as_ref()).await;
    pg.drop_database().await;
}
