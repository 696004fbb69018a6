//! The federation core against a real, independent implementation: a tiny axum app on
//! loopback serves one location actor with `server::federation`'s builders and a verifying
//! inbox, and the Fedify peer (`tests/fediverse/peer.mjs`) looks it up, reads it, follows
//! it, is delivered to, and tries forged requests. Both directions are judged by the other
//! side's code: Fedify's parser and signature verification for ours, ours for Fedify's.

use crate::federation_shop::{SLUG, deliver, post_input, shop_actor, spawn_shop};
use crate::fediverse_peer::Peer;
use app::i18n::Lang;
use chrono::NaiveDate;
use chrono::Utc;
use serde_json::{Value, json};
use server::federation::client::{self, ClientOptions, Delivery, FetchError, Signer};
use server::federation::inbound::Incoming;
use server::federation::keys::KeyPair;
use server::federation::{activities, note};
use std::time::Duration;

#[tokio::test]
async fn fedify_finds_the_shop_by_webfinger_and_accepts_its_actor_and_nodeinfo() {
    let Some(peer) = Peer::start().await else { return };
    eprintln!("Fedify peer ready after {} ms", peer.startup.as_millis());
    let shop = spawn_shop().await;
    let urls = shop.urls();
    let found = peer.post("lookup", json!({"handle": format!("@{}", urls.acct())})).await;
    let actor = &found["actor"];
    assert_eq!(found["roundTrip"]["ok"], true, "{found}");
    assert_eq!(found["contentType"], "application/jrd+json");
    assert_eq!(actor["type"], "Organization");
    assert_eq!(actor["id"], urls.actor());
    assert_eq!(actor["preferredUsername"], SLUG);
    assert_eq!(actor["name"], "Bäckerei Sonnenschein");
    assert_eq!(actor["url"], urls.page());
    assert_eq!(actor["inbox"], urls.inbox());
    assert_eq!(actor["outbox"], urls.outbox());
    assert_eq!(actor["followers"], urls.followers());
    assert_eq!(actor["sharedInbox"], shop.base.shared_inbox());
    assert_eq!(actor["discoverable"], true);
    assert_eq!(actor["indexable"], true);
    assert_eq!(actor["manuallyApprovesFollowers"], false);
    assert_eq!(actor["icon"]["url"], format!("{}/media/logo-400.jpg", shop.base.as_str()));
    assert_eq!(actor["image"]["url"], format!("{}/media/cover-1200.jpg", shop.base.as_str()));
    assert_eq!(actor["publicKey"]["id"], urls.key_id());
    assert_eq!(actor["publicKey"]["owner"], urls.actor());
    assert_eq!(
        actor["publicKey"]["pem"].as_str().map(str::trim),
        Some(shop.key.public_pem().trim())
    );
    let fields: Vec<(&str, &str)> = actor["attachments"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|f| (f["name"].as_str().unwrap_or(""), f["value"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(fields.len(), 4, "{fields:?}");
    assert_eq!(fields[1], ("Heute", "geschlossen"));
    assert_eq!(fields[3].0, "Impressum");
    assert!(fields[3].1.contains(&format!("{}/imprint\"", urls.page())), "{fields:?}");
    assert!(fields[0].1.contains("Hauptstraße 1, 79098 Freiburg"));
    assert!(actor["summary"].as_str().unwrap_or("").contains("Brot &amp; Brötchen"));

    let info = peer.post("nodeinfo", json!({"url": shop.base.as_str()})).await;
    assert_eq!(info["nodeinfo"]["software"]["name"], "nahbar", "{info}");
    assert_eq!(info["nodeinfo"]["protocols"], json!(["activitypub"]));
    assert_eq!(info["nodeinfo"]["usage"]["users"]["total"], 1);
    assert!(info["contentType"].as_str().unwrap_or("").contains("schema/2.1"), "{info}");

    let note = peer.post("fetch", json!({"url": urls.note(1)})).await;
    assert_eq!(note["object"]["type"], "Note", "{note}");
    assert_eq!(note["object"]["attributedTo"], urls.actor());
}

#[tokio::test]
async fn fedify_verifies_our_signed_deliveries_and_refuses_a_forged_one() {
    let Some(peer) = Peer::start().await else { return };
    let shop = spawn_shop().await;
    let urls = shop.urls();
    let note = note::note(&post_input(&shop), &urls);
    let create = activities::create(&urls, 1, note);
    let started = std::time::Instant::now();
    let delivered = deliver(&shop, &peer.shared_inbox(), &create).await;
    let first = started.elapsed();
    assert_eq!(delivered, Delivery::Delivered { status: 202 }, "{}", peer.stderr());
    let got = peer.received("type=Create", 1).await;
    let entry = &got[0];
    assert_eq!(entry["verified"], true, "{entry}");
    assert_eq!(entry["spec"], "draft-cavage");
    assert_eq!(entry["keyId"], urls.key_id());
    let object = &entry["activity"]["object"];
    assert_eq!(entry["activity"]["actor"], urls.actor());
    assert_eq!(object["type"], "Note");
    assert_eq!(object["url"], urls.post_page(1));
    assert_eq!(object["to"], json!([note::PUBLIC]));
    assert_eq!(object["cc"], json!([urls.followers()]));
    let content = object["content"].as_str().unwrap_or("");
    assert!(content.contains("&lt;Laugenstangen&gt;<br>Nur heute!"), "{content}");
    assert!(content.contains("Angebot gilt bis 24.12."), "{content}");
    assert!(content.contains("openstreetmap.org"), "{content}");
    assert_eq!(object["attachments"][0]["name"], "Brezeln im Korb");
    assert_eq!(object["attachments"][0]["width"], 1200);
    assert_eq!(
        object["tags"][0],
        json!({"type": "Hashtag", "name": "#Brezeln", "href": urls.hashtag("Brezeln")})
    );
    assert_eq!(object["location"]["name"], "Bäckerei Sonnenschein");
    assert_eq!(object["location"]["latitude"], 47.99591);

    // A profile change, a member's answer and a closure notice, all verified and read.
    let profile = activities::update_actor(&urls, 7, shop_actor(&shop));
    assert_eq!(
        deliver(&shop, &peer.shared_inbox(), &profile).await,
        Delivery::Delivered { status: 202 }
    );
    let got = peer.received("type=Update&verified=true", 1).await;
    assert_eq!(got[0]["activity"]["object"]["type"], "Organization", "{}", got[0]);
    assert_eq!(got[0]["activity"]["object"]["id"], urls.actor());
    let answer = note::reply(
        &note::ReplyInput {
            answer_id: 5,
            text: "Ja, bis 18 Uhr!".into(),
            lang: Lang::De,
            in_reply_to: format!("{}/notes/1", peer.origin),
            to_actor: peer.actor("alice"),
            to_acct: format!("alice@localhost:{}", peer.port),
            published: Utc::now(),
        },
        &urls,
    );
    let answer = activities::create_reply(answer);
    assert_eq!(
        deliver(&shop, &peer.inbox("alice"), &answer).await,
        Delivery::Delivered { status: 202 }
    );
    let t = Lang::De.federation();
    let day = NaiveDate::from_ymd_opt(2026, 12, 24).expect("date");
    let closed = note::notice(3, &t.closure_line(Lang::De, day, day), Lang::De, Utc::now(), &urls);
    let closed = activities::create_notice(&urls, closed);
    assert_eq!(
        deliver(&shop, &peer.shared_inbox(), &closed).await,
        Delivery::Delivered { status: 202 }
    );
    let got = peer.received("type=Create&verified=true", 3).await;
    let reply = &got[1]["activity"]["object"];
    assert_eq!(reply["inReplyTo"], format!("{}/notes/1", peer.origin), "{}", got[1]);
    assert_eq!(reply["tags"][0]["type"], "Mention");
    assert_eq!(reply["tags"][0]["href"], peer.actor("alice"));
    assert_eq!(got[2]["activity"]["object"]["content"], "<p>Geschlossen: 24.12.</p>");

    let delete = activities::delete(&urls, 1, Utc::now());
    let started = std::time::Instant::now();
    assert_eq!(
        deliver(&shop, &peer.inbox("alice"), &delete).await,
        Delivery::Delivered { status: 202 }
    );
    eprintln!(
        "signed delivery to Fedify, answered 202: {} ms the first time (Fedify fetches our key), \
         {} ms with its key cached",
        first.as_millis(),
        started.elapsed().as_millis()
    );
    let got = peer.received("type=Delete&verified=true", 1).await;
    assert_eq!(got[0]["activity"]["object"]["type"], "Tombstone", "{}", got[0]);

    // The same activity signed with a key that is not the actor's: Fedify refuses it.
    let impostor =
        tokio::task::spawn_blocking(KeyPair::generate).await.expect("join").expect("key");
    let key_id = urls.key_id();
    let forged = client::deliver(
        &shop.client,
        &peer.shared_inbox(),
        activities::update(&urls, 1, 2, note::note(&post_input(&shop), &urls))
            .to_string()
            .as_bytes(),
        Signer { key_id: &key_id, key: &impostor },
        Utc::now(),
    )
    .await;
    assert!(matches!(forged, Delivery::Retry { status: Some(401), .. }), "{forged:?}");
    let got = peer.received("type=Update&verified=false", 1).await;
    assert_eq!(got[0]["status"], 401, "{}", got[0]);
    assert_eq!(got[0]["failure"], "invalidSignature");
}

#[tokio::test]
async fn the_peers_follow_passes_our_verifier_and_forgeries_do_not() {
    let Some(peer) = Peer::start().await else { return };
    let shop = spawn_shop().await;
    let urls = shop.urls();
    let target = urls.actor();

    // Fedify's own sender knocks with RFC 9421 first; our 401 makes it retry draft-cavage.
    let sent = peer.post("follow", json!({"target": target})).await;
    assert_eq!(sent["ok"], true, "{sent}\n{}", peer.stderr());
    let judged = shop.judged();
    let codes: Vec<&str> = judged.iter().map(|j| j.code).collect();
    assert_eq!(codes, ["signature_rfc9421", "ok"]);
    let Some(Incoming::Follow { id, actor, object }) = judged[1].activity.clone() else {
        panic!("{judged:?}")
    };
    assert_eq!(actor, peer.actor("alice"));
    assert_eq!(object, target);
    assert_eq!(id, sent["id"]);

    // Our Accept goes back and Fedify matches it to its Follow.
    let accept = activities::accept_follow(&urls, &id, &actor);
    assert_eq!(
        deliver(&shop, &peer.inbox("alice"), &accept).await,
        Delivery::Delivered { status: 202 }
    );
    let follows = peer.get("follows").await;
    assert_eq!(follows["follows"][0]["accepted"], true, "{follows}");

    for (variant, code) in [
        ("tampered", "digest_mismatch"),
        ("old-date", "date_expired"),
        ("other-key", "key_not_actors"),
        ("unsigned", "signature_missing"),
    ] {
        let before = shop.judged().len();
        let sent = peer.post("follow", json!({"target": target, "variant": variant})).await;
        assert_eq!(sent["status"], 401, "{variant}: {sent}");
        let judged = shop.judged();
        assert_eq!(judged.len(), before + 1, "{variant}");
        assert_eq!(judged[before].code, code, "{variant}");
        assert!(judged[before].activity.is_none());
    }

    // A reply to our post, a like and a boost, all verified and read.
    let reply = peer
        .post("reply", json!({"target": target, "in_reply_to": urls.note(1), "content": "<p>Noch Brezeln da?<script>x()</script></p>", "variant": "cavage"}))
        .await;
    assert_eq!(reply["status"], 202, "{reply}");
    let like = peer
        .post("like", json!({"target": target, "object": urls.note(1), "variant": "cavage"}))
        .await;
    assert_eq!(like["status"], 202, "{like}");
    let boost = peer
        .post("announce", json!({"target": target, "object": urls.note(1), "variant": "cavage"}))
        .await;
    assert_eq!(boost["status"], 202, "{boost}");
    let undo =
        peer.post("undo", json!({"target": target, "follow_id": id, "variant": "cavage"})).await;
    assert_eq!(undo["status"], 202, "{undo}");
    let judged = shop.judged();
    let last: Vec<&Incoming> =
        judged.iter().rev().take(4).filter_map(|j| j.activity.as_ref()).collect();
    assert_eq!(last.len(), 4, "{judged:?}");
    assert!(matches!(last[0], Incoming::UndoFollow { follow_id, .. } if *follow_id == id));
    assert!(matches!(last[1], Incoming::Announce { object, .. } if *object == urls.note(1)));
    assert!(matches!(last[2], Incoming::Like { object, .. } if *object == urls.note(1)));
    let Incoming::Note { note, .. } = last[3] else { panic!("{:?}", last[3]) };
    assert_eq!(note.replies_to_post, Some((SLUG.to_string(), 1)));
    assert_eq!(note.mentions_slugs, [SLUG]);
    assert_eq!(note.content_html, "<p>Noch Brezeln da?</p>");
}

#[tokio::test]
async fn our_signed_fetch_reads_a_peer_in_authorized_fetch_mode() {
    let Some(peer) = Peer::start().await else { return };
    let shop = spawn_shop().await;
    peer.post("mode", json!({"authorized_fetch": true})).await;
    let alice = peer.actor("alice");
    let unsigned = client::fetch_object(&shop.client, &alice, None, Utc::now()).await;
    assert_eq!(unsigned, Err(FetchError::Status(401)));
    let (key_id, key) = shop.signer();
    let signed = client::fetch_object(
        &shop.client,
        &alice,
        Some(Signer { key_id: &key_id, key }),
        Utc::now(),
    )
    .await
    .expect("signed fetch");
    let remote = client::RemoteActor::from_document(&signed).expect("actor");
    assert_eq!(remote.delivery_inbox(), peer.shared_inbox());
    assert_eq!(remote.acct, format!("alice@localhost:{}", peer.port));
    let fetches = peer.get("fetches").await;
    let signed_by: Vec<&Value> =
        fetches["fetches"].as_array().expect("list").iter().map(|f| &f["signedBy"]).collect();
    assert!(signed_by.contains(&&json!(key_id)), "{fetches}");
}

#[tokio::test]
async fn deliveries_to_a_failing_peer_are_classified_for_the_queue() {
    let Some(mut peer) = Peer::start().await else { return };
    let shop = spawn_shop().await;
    let urls = shop.urls();
    let create = activities::create(&urls, 1, note::note(&post_input(&shop), &urls));
    peer.post("mode", json!({"respond": 500, "times": 1})).await;
    assert!(matches!(
        deliver(&shop, &peer.shared_inbox(), &create).await,
        Delivery::Retry { status: Some(500), .. }
    ));
    peer.post("mode", json!({"respond": 410, "times": 1})).await;
    assert_eq!(deliver(&shop, &peer.shared_inbox(), &create).await, Delivery::Gone);
    peer.post("mode", json!({"respond": "reset", "times": 1})).await;
    assert!(matches!(
        deliver(&shop, &peer.shared_inbox(), &create).await,
        Delivery::Retry { status: None, .. }
    ));
    assert_eq!(
        deliver(&shop, &peer.shared_inbox(), &create).await,
        Delivery::Delivered { status: 202 }
    );
    let got = peer.received("type=Create", 4).await;
    let forced: Vec<&Value> = got.iter().map(|e| &e["forced"]).collect();
    assert_eq!(forced, [&json!("500"), &json!("410"), &json!("reset"), &Value::Null]);
    // A slow server is given up on after the client's timeout, not waited for.
    let impatient = client::build_client(&ClientOptions {
        allow_private: true,
        user_agent: "Nahbar-test/0.1".into(),
        timeout: Duration::from_millis(500),
    })
    .expect("client");
    peer.post("mode", json!({"delay_ms": 3000, "times": 1})).await;
    let (key_id, key) = shop.signer();
    let started = std::time::Instant::now();
    let body = create.to_string();
    let slow = client::deliver(
        &impatient,
        &peer.shared_inbox(),
        body.as_bytes(),
        Signer { key_id: &key_id, key },
        Utc::now(),
    )
    .await;
    assert!(matches!(slow, Delivery::Retry { status: None, .. }), "{slow:?}");
    assert!(started.elapsed() < Duration::from_millis(2500));
    peer.stop();
    assert!(matches!(
        deliver(&shop, &peer.shared_inbox(), &create).await,
        Delivery::Retry { status: None, .. }
    ));
    peer.restart();
    assert_eq!(
        deliver(&shop, &peer.shared_inbox(), &create).await,
        Delivery::Delivered { status: 202 }
    );
}
