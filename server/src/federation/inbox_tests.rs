use super::*;
use crate::federation::signature::sign_post;
use crate::federation::test_support::{other_key, test_key};
use chrono::TimeZone;
use http::{HeaderMap, HeaderValue, Method};
use std::cell::Cell;
use url::Url;

const ALICE: &str = "https://social.example/users/alice";
const INBOX: &str = "https://shop.example/baeckerei/inbox";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 5, 1, 12, 0, 0).single().expect("instant")
}

fn base() -> super::super::urls::Base {
    super::super::urls::Base::parse("https://shop.example").expect("base")
}

fn follow(actor: &str) -> Vec<u8> {
    format!(r#"{{"id":"https://social.example/f/1","type":"Follow","actor":"{actor}","object":"https://shop.example/baeckerei/actor"}}"#).into_bytes()
}

fn signed(body: &[u8], key_id: &str, key: &super::super::keys::KeyPair) -> HeaderMap {
    let signed =
        sign_post(&Url::parse(INBOX).expect("url"), body, key_id, key, now()).expect("sign");
    let mut headers = HeaderMap::new();
    for (name, value) in signed.pairs() {
        headers.insert(name, HeaderValue::from_str(&value).expect("header"));
    }
    headers
}

fn key_of(owner: &str, key: &super::super::keys::KeyPair) -> RemoteKey {
    RemoteKey {
        key_id: format!("{owner}#main-key"),
        owner: owner.into(),
        public_key: key.public_key(),
    }
}

async fn check(
    body: &[u8],
    headers: &HeaderMap,
    key: Result<RemoteKey, bool>,
    at: DateTime<Utc>,
) -> (Result<Verified, InboxError>, u32) {
    let calls = Cell::new(0);
    let request =
        Incoming { method: &Method::POST, path_and_query: "/baeckerei/inbox", headers, body };
    let result = verify(&request, at, &base(), async |_id: &str| {
        calls.set(calls.get() + 1);
        key
    })
    .await;
    (result, calls.get())
}

#[tokio::test]
async fn a_follow_signed_by_its_actor_is_verified() {
    let body = follow(ALICE);
    let headers = signed(&body, &format!("{ALICE}#main-key"), test_key());
    let (result, calls) = check(&body, &headers, Ok(key_of(ALICE, test_key())), now()).await;
    let verified = result.expect("verified");
    assert_eq!(calls, 1);
    assert_eq!(verified.actor, ALICE);
    assert_eq!(verified.key_id, format!("{ALICE}#main-key"));
    assert!(matches!(verified.activity, Activity::Follow { .. }), "{:?}", verified.activity);
}

#[tokio::test]
async fn a_key_of_another_actor_is_refused_even_when_the_signature_is_good() {
    let mallory = "https://social.example/users/mallory";
    let body = follow(ALICE);
    let headers = signed(&body, &format!("{mallory}#main-key"), other_key());
    let (result, _) = check(&body, &headers, Ok(key_of(mallory, other_key())), now()).await;
    assert_eq!(result.err(), Some(InboxError::KeyNotActors));
    assert_eq!(InboxError::KeyNotActors.status(), 401);
}

#[tokio::test]
async fn stale_or_tampered_requests_are_refused_before_any_key_is_fetched() {
    let body = follow(ALICE);
    let headers = signed(&body, &format!("{ALICE}#main-key"), test_key());
    let later = now() + chrono::Duration::hours(13);
    let (result, calls) = check(&body, &headers, Ok(key_of(ALICE, test_key())), later).await;
    assert_eq!(result.err().map(|e| e.code()), Some("date_expired"));
    assert_eq!(calls, 0);
    let (result, calls) =
        check(&follow("https://evil.example/eve"), &headers, Ok(key_of(ALICE, test_key())), now())
            .await;
    assert_eq!(result.err().map(|e| e.code()), Some("digest_mismatch"));
    assert_eq!(calls, 0);
}

#[tokio::test]
async fn a_forged_signature_and_an_unavailable_key_are_refused() {
    let body = follow(ALICE);
    let headers = signed(&body, &format!("{ALICE}#main-key"), other_key());
    let (result, _) = check(&body, &headers, Ok(key_of(ALICE, test_key())), now()).await;
    assert_eq!(result.err().map(|e| e.code()), Some("signature_invalid"));
    let headers = signed(&body, &format!("{ALICE}#main-key"), test_key());
    let (result, _) = check(&body, &headers, Err(true), now()).await;
    assert_eq!(result.err(), Some(InboxError::KeyUnavailable { gone: true }));
    let (result, _) = check(&body, &headers, Err(false), now()).await;
    assert_eq!(result.err().map(|e| e.code()), Some("key_unavailable"));
}

#[tokio::test]
async fn a_verified_but_unreadable_activity_is_a_400() {
    let body = br#"{"type":"Follow"}"#;
    let headers = signed(body, &format!("{ALICE}#main-key"), test_key());
    let (result, _) = check(body, &headers, Ok(key_of(ALICE, test_key())), now()).await;
    let error = result.expect_err("unreadable");
    assert_eq!(error.status(), 400);
    assert_eq!(error.code(), "activity_incomplete");
}
