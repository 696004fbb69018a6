use super::*;
use crate::federation::test_support::{other_key, test_key};
use serde_json::json;

#[test]
fn private_loopback_and_link_local_addresses_are_not_public() {
    for ip in [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "0.0.0.0",
        "100.64.0.1",
        "::1",
        "fc00::1",
        "fe80::1",
        "::ffff:127.0.0.1",
        "2001:db8::1",
    ] {
        assert!(!is_public(ip.parse().expect("ip")), "{ip}");
    }
    for ip in ["93.184.216.34", "2a01:4f8::1", "::ffff:93.184.216.34"] {
        assert!(is_public(ip.parse().expect("ip")), "{ip}");
    }
    let inward = Url::parse("http://169.254.169.254/latest/meta-data").expect("url");
    assert!(!literal_ip_allowed(&inward, false));
    assert!(literal_ip_allowed(&inward, true));
    assert!(literal_ip_allowed(&Url::parse("https://social.example/").expect("url"), false));
}

#[test]
fn inbox_answers_are_classified_like_mastodon_does() {
    assert_eq!(classify(202, None), Delivery::Delivered { status: 202 });
    assert_eq!(classify(410, None), Delivery::Gone);
    assert_eq!(classify(404, None), Delivery::Refused { status: 404 });
    assert_eq!(classify(400, None), Delivery::Refused { status: 400 });
    for status in [401, 408, 429, 500, 502, 503] {
        assert!(
            matches!(classify(status, None), Delivery::Retry { status: Some(s), .. } if s == status)
        );
    }
    let wait = classify(429, Some(Duration::from_secs(30)));
    assert!(
        matches!(wait, Delivery::Retry { retry_after: Some(d), .. } if d == Duration::from_secs(30))
    );
    assert_eq!(Delivery::Gone.code(), "gone");
}

fn actor_doc(id: &str, pem: &str) -> Value {
    json!({
        "id": id, "type": "Person", "inbox": format!("{id}/inbox"), "preferredUsername": "alice",
        "publicKey": {"id": format!("{id}#main-key"), "owner": id, "publicKeyPem": pem}
    })
}

#[test]
fn a_key_is_found_in_its_actor_document() {
    let id = "https://social.example/users/alice";
    let key = key_from_document(&actor_doc(id, test_key().public_pem()), &format!("{id}#main-key"))
        .expect("key");
    assert_eq!(key.owner, id);
    assert_eq!(key.public_key, test_key().public_key());
    assert_eq!(
        key_from_document(&actor_doc(id, test_key().public_pem()), &format!("{id}#other-key")),
        Err(FetchError::NoKey)
    );
}

#[test]
fn a_key_document_of_its_own_names_an_owner_on_its_host() {
    let key = json!({
        "id": "https://social.example/users/alice/main-key",
        "owner": "https://social.example/users/alice",
        "publicKeyPem": other_key().public_pem()
    });
    let found =
        key_from_document(&key, "https://social.example/users/alice/main-key").expect("key");
    assert_eq!(found.owner, "https://social.example/users/alice");
    let mut foreign = key.clone();
    foreign["owner"] = json!("https://evil.example/users/eve");
    assert_eq!(
        key_from_document(&foreign, "https://social.example/users/alice/main-key"),
        Err(FetchError::ForeignOwner)
    );
}

#[test]
fn a_key_claimed_for_another_actor_is_refused() {
    let mut doc = actor_doc("https://social.example/users/alice", test_key().public_pem());
    doc["publicKey"]["owner"] = json!("https://social.example/users/bob");
    assert_eq!(
        key_from_document(&doc, "https://social.example/users/alice#main-key"),
        Err(FetchError::ForeignOwner)
    );
}

#[test]
fn a_followers_actor_gives_its_shared_inbox_and_handle() {
    let mut doc = actor_doc("http://localhost:4100/users/alice", test_key().public_pem());
    doc["endpoints"] = json!({"sharedInbox": "http://localhost:4100/inbox"});
    let actor = RemoteActor::from_document(&doc).expect("actor");
    assert_eq!(actor.acct, "alice@localhost:4100");
    assert_eq!(actor.delivery_inbox(), "http://localhost:4100/inbox");
    doc["endpoints"] = json!({"sharedInbox": "https://elsewhere.example/inbox"});
    let actor = RemoteActor::from_document(&doc).expect("actor");
    assert_eq!(actor.delivery_inbox(), "http://localhost:4100/users/alice/inbox");
    doc["inbox"] = json!("https://elsewhere.example/inbox");
    assert_eq!(RemoteActor::from_document(&doc), Err(FetchError::ForeignId));
}
