//! The delivery queue with its real worker, against two Fedify peers (`tests/fediverse/`):
//! a follower's server that is down does not delay another's; after a restart of Nahbar and
//! of that server the post arrives there once; a server answering 500 five times gets five
//! attempts at growing intervals (Nahbar's clock moved forward to each), then the post;
//! 410 Gone removes the followers at that inbox.

use crate::common::{OWNER_EMAIL, TestApp};
use crate::fediverse_peer::Peer;
use app::domain::post::{NewPost, PostState};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

async fn until<F: AsyncFnMut() -> bool>(what: &str, mut check: F) {
    let started = Instant::now();
    while !check().await {
        assert!(started.elapsed() < Duration::from_secs(20), "waited 20 s for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Publishes a post at Leipzig through the store (the worker finds it at its next tick).
async fn publish(app: &TestApp, text: &str) -> i64 {
    let shop = app.store.location_by_slug("sonnenschein-leipzig").await.expect("db").expect("l");
    let owner = app.store.user_by_email(OWNER_EMAIL).await.expect("db").expect("owner").id;
    let post = NewPost::update(shop.id, text);
    let now = app.clock.now();
    let (id, _) = app
        .store
        .create_post(shop.business_id, owner, &post, PostState::Published, now)
        .await
        .expect("post");
    id
}

/// The Creates a peer received whose note contains `text` (refused ones too: the body as
/// sent), or none while there are fewer than `min`.
async fn creates_of(peer: &Peer, text: &str, min: usize) -> Vec<Value> {
    let all = peer.get("received?type=Create&min=0&timeout_ms=0").await;
    let found: Vec<Value> = all["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["json"]["object"]["content"].as_str().is_some_and(|c| c.contains(text)))
        .cloned()
        .collect();
    if found.len() >= min {
        return found;
    }
    Vec::new()
}

async fn wait_for_creates(peer: &Peer, text: &str, count: usize) -> Vec<Value> {
    let started = Instant::now();
    loop {
        let found = creates_of(peer, text, count).await;
        if !found.is_empty() {
            return found;
        }
        assert!(started.elapsed() < Duration::from_secs(20), "waited 20 s for {count} × {text}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn deliveries_outlast_a_dead_server_a_restart_and_errors_and_arrive_once() {
    let Some(live) = Peer::start().await else { return };
    let Some(mut dead) = Peer::start().await else { return };
    // The system's clock (signatures carry the real date), moved forward below by about
    // sixteen minutes in all: well inside the hour Fedify allows a signature's date.
    let app = TestApp::spawn_on_localhost().await;
    let shop = app.store.location_by_slug("sonnenschein-leipzig").await.expect("db").expect("l");
    let actor = format!("{}/sonnenschein-leipzig/actor", app.base);
    live.follow(&actor).await;
    dead.follow(&actor).await;
    assert_eq!(app.store.followers(shop.id).await.expect("followers").len(), 2);

    // One server down: the other has the post within a few seconds all the same.
    dead.stop();
    let started = Instant::now();
    let first = publish(&app, "Erster Glühwein des Jahres").await;
    wait_for_creates(&live, "Erster Glühwein", 1).await;
    let waited = started.elapsed();
    assert!(waited < Duration::from_secs(5), "the live server waited {waited:?}");
    let waiting = async || {
        let figures = app.store.post_deliveries(shop.business_id).await.expect("figures");
        figures.into_iter().find(|(id, _)| *id == first).map(|(_, d)| d)
    };
    until("the down server's delivery waiting for a retry", async || {
        waiting().await.is_some_and(|d| d.delivered == 1 && d.waiting == 1)
    })
    .await;

    // Nahbar restarted, the server back, its retry due: the post arrives there, once.
    let app = app.restart().await;
    dead.restart();
    app.clock.advance(chrono::Duration::minutes(2));
    wait_for_creates(&dead, "Erster Glühwein", 1).await;
    tokio::time::sleep(Duration::from_secs(2)).await; // a second copy would be here by now
    assert_eq!(creates_of(&dead, "Erster Glühwein", 0).await.len(), 1, "exactly once there");
    assert_eq!(creates_of(&live, "Erster Glühwein", 0).await.len(), 1, "and once here");

    // 500 five times: five attempts, each after a longer wait, then the post.
    live.post("mode", json!({"respond": 500, "times": 5})).await;
    let second = publish(&app, "Zweiter Glühwein mit Zimt").await;
    let mut intervals = Vec::new();
    let mut last_next = None;
    for attempt in 1..=5 {
        let seen = wait_for_creates(&live, "Zweiter Glühwein", attempt).await;
        assert_eq!(seen.iter().filter(|e| e["forced"] == "500").count(), attempt);
        let mut next = None;
        until("the retry recorded", async || {
            let figures = app.store.post_deliveries(shop.business_id).await.expect("figures");
            next = figures
                .into_iter()
                .find(|(id, _)| *id == second)
                .and_then(|(_, d)| d.next_attempt)
                .filter(|at| Some(*at) != last_next && *at > app.clock.now());
            next.is_some()
        })
        .await;
        let next = next.expect("a next attempt");
        last_next = Some(next);
        let wait = next - app.clock.now();
        intervals.push(wait.num_seconds());
        app.clock.advance(wait + chrono::Duration::seconds(1));
    }
    let arrived = wait_for_creates(&live, "Zweiter Glühwein", 6).await;
    assert_eq!(arrived.len(), 6, "five refused, then one delivered: {arrived:?}");
    assert_eq!(arrived[5]["forced"], Value::Null);
    assert_eq!(arrived[5]["verified"], true);
    println!("waits before the 2nd to 6th attempt, in s of Nahbar's clock: {intervals:?}");
    // 30 s, 1, 2, 4, 8 minutes, each ±20 %: every wait longer than the one before.
    assert!((23..=37).contains(&intervals[0]), "first wait {intervals:?}");
    assert!(intervals.windows(2).all(|w| w[1] * 10 >= w[0] * 13), "growing: {intervals:?}");
    assert_eq!(creates_of(&dead, "Zweiter Glühwein", 0).await.len(), 1, "the other got it once");

    // 410 Gone: the followers at that inbox are removed; the other server's stay.
    live.post("mode", json!({"respond": 410, "times": 1})).await;
    publish(&app, "Dritter Glühwein, alkoholfrei").await;
    until("the gone follower removed", async || {
        let followers = app.store.followers(shop.id).await.expect("followers");
        followers.len() == 1 && followers[0].actor == dead.actor("alice")
    })
    .await;
}
