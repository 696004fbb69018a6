//! Following a shop from the fediverse, end to end against an independent implementation
//! (the Fedify peer, `tests/fediverse/`): the handle is found by WebFinger, the actor read
//! by Fedify, a Follow accepted through the persistent queue, a published post arrives as
//! Create{Note} signed by the shop, an archived one as Delete, and an Undo removes the
//! follower. Nahbar runs with its real routes on `localhost` (actor ids need a host name).

use crate::common::TestApp;
use crate::fediverse_peer::Peer;
use app::domain::post::{NewPost, PostState};
use serde_json::json;
use std::time::{Duration, Instant};

// The clock is the system's: HTTP Signatures carry the real date and the peer checks it.
// The profile's "today" changes at midnight in Leipzig, which sends an Update{actor}; the
// checks below allow for one arriving at any hour.

async fn until<F: AsyncFn() -> bool>(what: &str, check: F) {
    let started = Instant::now();
    while !check().await {
        assert!(started.elapsed() < Duration::from_secs(20), "waited 20 s for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn a_customer_follows_a_shop_from_the_fediverse_and_its_posts_arrive() {
    let Some(peer) = Peer::start().await else { return };
    let app = TestApp::spawn_on_localhost().await;
    let shop = app.store.location_by_slug("sonnenschein-leipzig").await.expect("db").expect("loc");
    let host = app.base.trim_start_matches("http://").to_string();

    // Found by its handle, read by Fedify as an Organization with the shop's name.
    let found =
        peer.post("lookup", json!({"handle": format!("@sonnenschein-leipzig@{host}")})).await;
    assert_eq!(found["roundTrip"]["ok"], true, "{found}");
    let actor = &found["actor"];
    assert_eq!(actor["type"], "Organization", "{actor}");
    assert_eq!(actor["name"], shop.details.name.as_str());
    assert_eq!(actor["url"], format!("{}/sonnenschein-leipzig", app.base));
    let actor_id = actor["id"].as_str().expect("actor id").to_string();
    assert_eq!(actor_id, format!("{}/sonnenschein-leipzig/actor", app.base));
    // The local page names the handle (and links the actor as rel="me").
    let (_, page) = app.get_text("/sonnenschein-leipzig").await;
    assert!(page.contains(&format!("@sonnenschein-leipzig@{host}")), "the handle on the page");
    let doc = scraper::Html::parse_document(&page);
    let me = scraper::Selector::parse("link[rel=me]").expect("selector");
    let linked: Vec<_> = doc.select(&me).filter_map(|l| l.value().attr("href")).collect();
    assert_eq!(linked, [actor_id.as_str()], "the actor linked as rel=me");
    // Unknown accounts and archived nothing: 404; a malformed resource: 400.
    let missing = app.get("/.well-known/webfinger?resource=acct:nobody@x").await;
    assert!(matches!(missing.status().as_u16(), 400 | 404));
    assert_eq!(
        app.get(&format!("/.well-known/webfinger?resource=acct:gibt-es-nicht@{host}"))
            .await
            .status(),
        404
    );

    // Follow → Accept through the queue; the follower is stored with its server.
    peer.follow(&actor_id).await;
    let followers = app.store.followers(shop.id).await.expect("followers");
    assert_eq!(followers.len(), 1);
    assert_eq!(followers[0].actor, peer.actor("alice"));
    assert_eq!(followers[0].delivery_inbox, peer.shared_inbox(), "one delivery per server");
    let collection: serde_json::Value =
        app.get("/sonnenschein-leipzig/followers").await.json().await.expect("json");
    assert_eq!(collection["totalItems"], 1);

    // A post published now arrives in the follower's home: Create{Note} with the text,
    // verified by Fedify against the shop's key.
    let owner =
        app.store.user_by_email(crate::common::OWNER_EMAIL).await.expect("db").expect("owner").id;
    let post = NewPost::update(shop.id, "Heute frische Stollen aus dem Holzofen #Leipzig");
    let (post_id, _) = app
        .store
        .create_post(shop.business_id, owner, &post, PostState::Published, app.clock.now())
        .await
        .expect("post");
    let created = peer.received("type=Create&verified=true", 1).await;
    assert_eq!(created.len(), 1, "exactly one Create: {created:?}");
    let note = &created[0]["activity"]["object"];
    assert!(note["content"].as_str().is_some_and(|c| c.contains("frische Stollen")), "{note}");
    assert_eq!(created[0]["activity"]["actor"], actor_id.as_str());
    assert_eq!(created[0]["inbox"], "shared");
    // Its note is served at its id, for servers that fetch it.
    let fetched = peer
        .post(
            "fetch",
            json!({"url": format!("{}/sonnenschein-leipzig/posts/{post_id}/note", app.base)}),
        )
        .await;
    assert!(
        fetched["object"]["content"].as_str().is_some_and(|c| c.contains("Holzofen")),
        "{fetched}"
    );

    // A closure is told to followers as a short Note in the shop's language, served at its id.
    let today = app.clock.now().date_naive();
    let closure = app::domain::schedule::SpecialHours {
        id: 0,
        from: today + chrono::Duration::days(10),
        to: today + chrono::Duration::days(12),
        intervals: vec![],
        note: "Inventur".into(),
    };
    let special = app
        .store
        .add_special_hours(shop.business_id, shop.id, &closure, app.clock.now())
        .await
        .expect("special");
    let created = peer.received("type=Create&verified=true", 2).await;
    let notice = created
        .iter()
        .map(|c| &c["activity"]["object"])
        .find(|o| o["content"].as_str().is_some_and(|c| c.contains("Inventur")))
        .unwrap_or_else(|| panic!("the closure notice: {created:?}"));
    assert!(notice["content"].as_str().is_some_and(|c| c.contains("Geschlossen")), "{notice}");
    let served: serde_json::Value = app
        .get(&format!("/sonnenschein-leipzig/notices/{special}"))
        .await
        .json()
        .await
        .expect("json");
    assert!(served["content"].as_str().is_some_and(|c| c.contains("Inventur")), "{served}");

    // Archived: a Delete follows.
    app.login_owner().await;
    let archived = app.post_form(&format!("/admin/posts/{post_id}/archive"), &[]).await;
    assert!(
        archived.status().is_redirection() || archived.status().is_success(),
        "{}",
        archived.status()
    );
    let deleted = peer.received("type=Delete&verified=true", 1).await;
    assert_eq!(deleted.len(), 1, "{deleted:?}");

    // The owner sees the follower and its server, and blocks that server: the follower is
    // removed and a new Follow from there is refused; after unblocking it is accepted.
    until("Accept, Create, notice and Delete recorded", async || {
        let (queued, delivered, failed) = app.store.delivery_counts(shop.id).await.expect("counts");
        queued == 0 && failed == 0 && delivered >= 4
    })
    .await;
    let (_, delivered, _) = app.store.delivery_counts(shop.id).await.expect("counts");
    // The staff app tells per post how far it got: the peer's one server took it.
    let posts = app.get_in_language("/admin/posts", "en").await;
    let doc = scraper::Html::parse_document(&posts);
    let item = scraper::Selector::parse(&format!("#post-{post_id} .delivery")).expect("selector");
    let told: Vec<String> = doc.select(&item).map(|e| e.text().collect()).collect();
    assert_eq!(told, ["Delivered to 1 of 1 servers in the fediverse"], "{posts}");
    let screen = format!("/admin/locations/{}/followers", shop.id);
    let html = app.get_in_language(&screen, "en").await;
    assert!(html.contains(&peer.actor("alice")) && html.contains("Followers: 1"), "{html}");
    let line = format!("Deliveries: 0 waiting, {delivered} delivered, 0 given up");
    assert!(html.contains(&line), "{html}");
    let peer_host =
        peer.shared_inbox().trim_start_matches("http://").trim_end_matches("/inbox").to_string();
    let blocked = app.post_form(&format!("{screen}/block"), &[("host", &peer_host)]).await;
    assert!(crate::common::location(blocked.headers()).ends_with("blocked=1"));
    assert!(app.store.followers(shop.id).await.expect("followers").is_empty());
    let refused = peer.post("follow", json!({"target": actor_id, "variant": "cavage"})).await;
    assert_eq!(refused["status"], 403, "{refused}");
    assert!(app.store.followers(shop.id).await.expect("followers").is_empty());
    let bad = app.post_form(&format!("{screen}/block"), &[("host", "not a server")]).await;
    assert!(crate::common::location(bad.headers()).ends_with("error=host"));
    app.post_form(&format!("{screen}/block"), &[("host", &peer_host), ("unblock", "1")]).await;
    let sent = peer.post("follow", json!({"target": actor_id})).await;
    assert_eq!(sent["ok"], true, "{sent}");
    until("the follower back", async || {
        app.store.followers(shop.id).await.expect("followers").len() == 1
    })
    .await;
    // An owner may also remove one follower.
    let removed =
        app.post_form(&format!("{screen}/remove"), &[("actor", &peer.actor("alice"))]).await;
    assert!(crate::common::location(removed.headers()).ends_with("removed=1"));
    assert!(app.store.followers(shop.id).await.expect("followers").is_empty());
    let sent = peer.post("follow", json!({"target": actor_id})).await;
    assert_eq!(sent["ok"], true, "{sent}");
    until("the follower back again", async || {
        app.store.followers(shop.id).await.expect("followers").len() == 1
    })
    .await;

    // Undo{Follow}: the follower is gone, and the next post goes nowhere.
    let undone = peer.post("undo", json!({"target": actor_id, "follow_id": sent["id"]})).await;
    assert_eq!(undone["ok"], true, "{undone}");
    until("the follower's removal", async || {
        app.store.followers(shop.id).await.expect("followers").is_empty()
    })
    .await;
    until("every delivery done", async || {
        let (queued, delivered, failed) = app.store.delivery_counts(shop.id).await.expect("counts");
        queued == 0 && failed == 0 && delivered >= 6
    })
    .await;
}

#[tokio::test]
async fn a_forged_or_unsigned_follow_is_refused_and_stores_nothing() {
    let Some(peer) = Peer::start().await else { return };
    let app = TestApp::spawn_on_localhost().await;
    let shop = app.store.location_by_slug("sonnenschein-leipzig").await.expect("db").expect("loc");
    let actor_id = format!("{}/sonnenschein-leipzig/actor", app.base);
    for variant in ["unsigned", "other-key"] {
        let sent = peer.post("follow", json!({"target": actor_id, "variant": variant})).await;
        assert_eq!(sent["status"], 401, "{variant}: {sent}");
    }
    assert!(app.store.followers(shop.id).await.expect("followers").is_empty());
    // Federation is off for a server whose public address is an IP address.
    let plain = TestApp::spawn().await;
    assert_eq!(plain.get("/sonnenschein-leipzig/actor").await.status(), 404);
}

#[tokio::test]
async fn a_changed_profile_reaches_followers_as_an_update() {
    let Some(peer) = Peer::start().await else { return };
    let app = TestApp::spawn_on_localhost().await;
    let shop = app.store.location_by_slug("sonnenschein-leipzig").await.expect("db").expect("loc");
    let actor_id = format!("{}/sonnenschein-leipzig/actor", app.base);
    let sent = peer.post("follow", json!({"target": actor_id})).await;
    assert_eq!(sent["ok"], true, "{sent}");
    until("the Accept", async || {
        let follows = peer.get("follows").await;
        follows["follows"].as_array().is_some_and(|f| f.iter().any(|f| f["accepted"] == true))
    })
    .await;
    // Let the worker record the profile as the follower saw it.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let local = app.clock.now().with_timezone(&shop.details.tz());
    let near_midnight = local.format("%H:%M").to_string().as_str() >= "23:59"
        || local.format("%H:%M").to_string().as_str() <= "00:00";
    if !near_midnight {
        assert!(peer.received("type=Update", 0).await.is_empty(), "nothing changed yet");
    }
    // Closed today: the profile's "Heute" field changes, and followers get Update{actor}.
    let today = app.clock.now().with_timezone(&shop.details.tz()).date_naive();
    let closed = app::domain::schedule::SpecialHours {
        id: 0,
        from: today,
        to: today,
        intervals: vec![],
        note: "Wasserschaden".into(),
    };
    app.store
        .add_special_hours(shop.business_id, shop.id, &closed, app.clock.now())
        .await
        .expect("special");
    let updates = peer.received("type=Update&verified=true", 1).await;
    assert!(!updates.is_empty() && updates.len() <= 2, "{updates:?}");
    assert!(updates.iter().all(|u| u["activity"]["objectId"] == actor_id.as_str()));
    // The Update carries the new profile, as Fedify read it.
    let fields: Vec<String> =
        updates.iter().map(|u| u["activity"]["object"]["attachments"].to_string()).collect();
    assert!(fields.iter().any(|f| f.contains("Heute") && f.contains("geschlossen")), "{fields:?}");
}

#[tokio::test]
async fn replies_likes_and_boosts_come_back_and_the_shop_answers() {
    let Some(peer) = Peer::start().await else { return };
    let app = TestApp::spawn_on_localhost().await;
    let shop = app.store.location_by_slug("sonnenschein-leipzig").await.expect("db").expect("loc");
    let actor_id = format!("{}/sonnenschein-leipzig/actor", app.base);
    let post = app.store.published_posts(shop.id, 1).await.expect("posts")[0].clone();
    let note_url = format!("{}/sonnenschein-leipzig/posts/{}/note", app.base, post.id);

    // Forged and unsigned replies are refused and store nothing.
    for variant in ["unsigned", "other-key"] {
        let body = json!({"target": actor_id, "in_reply_to": note_url, "variant": variant});
        let sent = peer.post("reply", body).await;
        assert_eq!(sent["status"], 401, "{variant}: {sent}");
    }
    let stored = |status| {
        let store = app.store.clone();
        async move { store.fediverse_messages(shop.id, status, 10).await.expect("messages") }
    };
    assert!(stored(app::domain::question::QuestionStatus::New).await.is_empty());

    // A reply to the post (with a script in it) and a note that only mentions the shop.
    let content = "<p>Habt ihr morgen auch Stollen?<script>alert(1)</script></p>";
    let body = json!({"target": actor_id, "in_reply_to": note_url, "content": content});
    let sent = peer.post("reply", body).await;
    assert_eq!(sent["ok"], true, "{sent}\n{}", peer.stderr());
    let body = json!({"target": actor_id, "content": "<p>Bester Kaffee in Leipzig!</p>"});
    assert_eq!(peer.post("reply", body).await["ok"], true);
    // A like and a boost of the post, and the same like again (counted once).
    for kind in ["like", "announce", "like"] {
        let sent = peer.post(kind, json!({"target": actor_id, "object": note_url})).await;
        assert_eq!(sent["ok"], true, "{kind}: {sent}");
    }

    app.login_owner().await;
    let inbox = format!("/admin/locations/{}/questions", shop.id);
    let html = app.get_in_language(&inbox, "en").await;
    let alice = peer.actor("alice");
    let new = stored(app::domain::question::QuestionStatus::New).await;
    assert_eq!(new.len(), 2, "{new:?}");
    assert!(new.iter().all(|m| m.message.actor == alice));
    assert!(html.contains(">From the fediverse"), "{html}");
    assert_eq!(html.matches("<li id=\"f-").count(), 2, "both listed");
    assert!(html.contains("Habt ihr morgen auch Stollen?") && html.contains("Bester Kaffee"));
    assert!(!html.contains("alert(1)"), "the script was cleaned away");
    let doc = scraper::Html::parse_document(&html);
    let about = scraper::Selector::parse("li[id^=f-] p.small a").expect("selector");
    let linked: Vec<_> = doc
        .select(&about)
        .filter_map(|a| a.value().attr("href"))
        .filter(|href| href.starts_with('/'))
        .collect();
    assert_eq!(linked, [format!("/sonnenschein-leipzig/posts/{}", post.id)], "the answered post");
    assert!(html.contains("Reply to") && html.contains(">Mentions<"), "{html}");
    let posts = app.get_in_language("/admin/posts", "en").await;
    assert!(posts.contains("In the fediverse: liked 1×, boosted 1×"), "{posts}");

    // The answer goes to alice as a reply to her note, signed by the shop.
    let reply = new.iter().find(|m| m.message.post_id == Some(post.id)).expect("the reply");
    let path = format!("/admin/locations/{}/fediverse/{}/answer", shop.id, reply.id);
    let empty = app.post_form(&path, &[("answer", "  ")]).await;
    assert!(crate::common::location(empty.headers()).contains("done=bad_answer"));
    let answered = app.post_form(&path, &[("answer", "Ja, ab 8 Uhr!")]).await;
    let target = crate::common::location(answered.headers());
    assert!(target.contains("status=answered&done=fediverse_sent"), "{target}");
    let created = peer.received("type=Create&verified=true", 1).await;
    let note = &created.last().expect("the answer")["activity"]["object"];
    assert_eq!(note["inReplyTo"], reply.message.note_id.as_str(), "{note}");
    assert!(note["content"].as_str().is_some_and(|c| c.contains("Ja, ab 8 Uhr!")), "{note}");
    let served: serde_json::Value = app
        .get(&format!("/sonnenschein-leipzig/answers/{}", reply.id))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(served["id"], note["id"]);
    let (_, html) = app.get_text(&target).await;
    assert!(html.contains("Ja, ab 8 Uhr!") && html.contains("The answer is on its way"));
}
