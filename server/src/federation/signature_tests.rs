use super::*;
use crate::federation::test_support::{other_key, test_key};
use chrono::TimeZone;
use http::HeaderValue;

const KEY_ID: &str = "https://peer.example/users/alice#main-key";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 14, 9, 26, 53).single().expect("instant")
}

/// A request as the receiving side sees it, built from what the signer produced.
struct Wire {
    method: Method,
    path: String,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Wire {
    fn incoming(&self) -> Incoming<'_> {
        Incoming {
            method: &self.method,
            path_and_query: &self.path,
            headers: &self.headers,
            body: &self.body,
        }
    }

    fn check(&self, key: &KeyPair, at: DateTime<Utc>) -> Result<(), SignatureError> {
        let params = parse(&self.headers)?;
        verify(&self.incoming(), &params, &key.public_key(), at)
    }
}

fn wire(method: Method, url: &str, body: &[u8], signed: SignedHeaders) -> Wire {
    let url = Url::parse(url).expect("url");
    let mut headers = HeaderMap::new();
    for (name, value) in signed.pairs() {
        headers.insert(name, HeaderValue::from_str(&value).expect("header"));
    }
    headers.insert("content-type", HeaderValue::from_static("application/activity+json"));
    let mut path = url.path().to_string();
    if let Some(query) = url.query() {
        path = format!("{path}?{query}");
    }
    Wire { method, path, headers, body: body.to_vec() }
}

fn signed_post(body: &[u8]) -> Wire {
    let url = "https://shop.example/baeckerei/inbox";
    let signed =
        sign_post(&Url::parse(url).expect("url"), body, KEY_ID, test_key(), now()).expect("sign");
    wire(Method::POST, url, body, signed)
}

const BODY: &[u8] = br#"{"type":"Follow","actor":"https://peer.example/users/alice"}"#;

#[test]
fn a_signed_post_verifies_with_the_signers_key() {
    let request = signed_post(BODY);
    assert_eq!(request.check(test_key(), now()), Ok(()));
    let params = parse(&request.headers).expect("parse");
    assert_eq!(params.key_id, KEY_ID);
    assert_eq!(params.key_actor_hint(), "https://peer.example/users/alice");
    assert_eq!(params.headers, ["(request-target)", "host", "date", "digest"]);
    assert_eq!(request.headers["host"], "shop.example");
    assert_eq!(request.headers["date"], "Sat, 14 Mar 2026 09:26:53 GMT");
    assert_eq!(request.headers["digest"], digest_header(BODY));
}

#[test]
fn a_forged_signature_is_refused() {
    let mut request = signed_post(BODY);
    let forged = parse(&request.headers).expect("parse");
    let fake = B64.encode(vec![7u8; forged.signature.len()]);
    let header = format!(
        "keyId=\"{KEY_ID}\",algorithm=\"rsa-sha256\",headers=\"(request-target) host date digest\",signature=\"{fake}\""
    );
    request.headers.insert("signature", HeaderValue::from_str(&header).expect("header"));
    assert_eq!(request.check(test_key(), now()), Err(SignatureError::BadSignature));
}

#[test]
fn a_tampered_body_is_refused_before_any_key_is_needed() {
    let mut request = signed_post(BODY);
    request.body = br#"{"type":"Follow","actor":"https://evil.example/users/eve"}"#.to_vec();
    let params = parse(&request.headers).expect("parse");
    assert_eq!(precheck(&request.incoming(), &params, now()), Err(SignatureError::DigestMismatch));
    // A matching new digest does not help: the digest header is signed.
    let body = request.body.clone();
    request.headers.insert("digest", HeaderValue::from_str(&digest_header(&body)).expect("h"));
    assert_eq!(request.check(test_key(), now()), Err(SignatureError::BadSignature));
}

#[test]
fn a_replay_with_an_old_date_or_a_date_from_the_future_is_refused() {
    let request = signed_post(BODY);
    let later = now() + Duration::hours(12) + Duration::seconds(1);
    assert_eq!(request.check(test_key(), later), Err(SignatureError::Expired));
    let earlier = now() - Duration::hours(12) - Duration::seconds(1);
    assert_eq!(request.check(test_key(), earlier), Err(SignatureError::FromFuture));
    assert_eq!(request.check(test_key(), now() + Duration::hours(11)), Ok(()));
    assert_eq!(request.check(test_key(), now() - Duration::hours(11)), Ok(()));
}

#[test]
fn a_key_of_another_actor_does_not_verify() {
    let request = signed_post(BODY);
    assert_eq!(request.check(other_key(), now()), Err(SignatureError::BadSignature));
}

#[test]
fn a_changed_date_or_path_breaks_the_signature() {
    let mut request = signed_post(BODY);
    let date = http_date(now() + Duration::minutes(5));
    request.headers.insert("date", HeaderValue::from_str(&date).expect("date"));
    assert_eq!(request.check(test_key(), now()), Err(SignatureError::BadSignature));
    let mut request = signed_post(BODY);
    request.path = "/other/inbox".into();
    assert_eq!(request.check(test_key(), now()), Err(SignatureError::BadSignature));
}

fn with_signature(headers: &str) -> Wire {
    let mut request = signed_post(BODY);
    let original = parse(&request.headers).expect("parse");
    let header = format!(
        "keyId=\"{KEY_ID}\",headers=\"{headers}\",signature=\"{}\"",
        B64.encode(&original.signature)
    );
    request.headers.insert("signature", HeaderValue::from_str(&header).expect("h"));
    request
}

#[test]
fn a_signature_must_cover_target_host_date_and_digest() {
    let cases = [
        ("host date digest", "(request-target)"),
        ("(request-target) date digest", "host"),
        ("(request-target) host digest", "date"),
        ("(request-target) host date", "digest"),
    ];
    for (headers, missing) in cases {
        assert_eq!(
            with_signature(headers).check(test_key(), now()),
            Err(SignatureError::NotCovered(missing)),
            "{headers}"
        );
    }
}

#[test]
fn unsigned_rfc9421_and_garbled_requests_have_their_own_reasons() {
    let mut headers = HeaderMap::new();
    assert_eq!(parse(&headers), Err(SignatureError::Missing));
    headers.insert("signature-input", HeaderValue::from_static("sig1=(\"@method\");keyid=\"k\""));
    headers.insert("signature", HeaderValue::from_static("sig1=:AAAA:"));
    assert_eq!(parse(&headers), Err(SignatureError::Rfc9421));
    let mut headers = HeaderMap::new();
    headers.insert("signature", HeaderValue::from_static("keyId=\"k\",signature=\"!!not base64\""));
    assert_eq!(parse(&headers), Err(SignatureError::Malformed));
    headers.insert("signature", HeaderValue::from_static("just words"));
    assert_eq!(parse(&headers), Err(SignatureError::Malformed));
    headers.insert("signature", HeaderValue::from_static("keyId=\"k\",algorithm=\"ed25519\",headers=\"(request-target) host date\",signature=\"AAAA\""));
    let params = parse(&headers).expect("parse");
    let request = signed_post(b"");
    assert_eq!(precheck(&request.incoming(), &params, now()), Err(SignatureError::Algorithm));
    assert_eq!(SignatureError::Expired.code(), "date_expired");
}

#[test]
fn an_unreadable_date_or_missing_digest_is_refused() {
    let mut request = signed_post(BODY);
    request.headers.insert("date", HeaderValue::from_static("yesterday"));
    assert_eq!(request.check(test_key(), now()), Err(SignatureError::BadDate));
    let mut request = signed_post(BODY);
    request.headers.insert("digest", HeaderValue::from_static("SHA-512=abc"));
    assert_eq!(request.check(test_key(), now()), Err(SignatureError::DigestMissing));
}

#[test]
fn a_signed_get_with_a_query_verifies() {
    let url = "http://localhost:3000/users/alice?page=2";
    let signed = sign_get(&Url::parse(url).expect("url"), KEY_ID, test_key(), now()).expect("sign");
    assert_eq!(signed.host, "localhost:3000");
    assert_eq!(signed.digest, None);
    let request = wire(Method::GET, url, b"", signed);
    assert_eq!(request.check(test_key(), now()), Ok(()));
    let params = parse(&request.headers).expect("parse");
    assert_eq!(params.headers, ["(request-target)", "host", "date"]);
    assert_eq!(
        signing_string(&request.incoming(), &params).expect("string"),
        "(request-target): get /users/alice?page=2\nhost: localhost:3000\ndate: Sat, 14 Mar 2026 09:26:53 GMT"
    );
}

#[test]
fn mastodons_hs2019_label_and_digest_lists_are_accepted() {
    let request = signed_post(BODY);
    let params = parse(&request.headers).expect("parse");
    let hs2019 = SignatureParams { algorithm: Some("hs2019".into()), ..params };
    assert_eq!(verify(&request.incoming(), &hs2019, &test_key().public_key(), now()), Ok(()));
    let mut headers = request.headers.clone();
    let both = format!("SHA-512=xyz,{}", digest_header(BODY).replacen("SHA-256", "sha-256", 1));
    headers.insert("digest", HeaderValue::from_str(&both).expect("h"));
    let incoming = Incoming { headers: &headers, ..request.incoming() };
    assert_eq!(precheck(&incoming, &hs2019, now()), Ok(()));
}

/// A measurement, not a check: `cargo test -p server --lib bench_sign_and_verify --
/// --ignored --nocapture` (the RSA crates are optimized even in dev builds).
#[test]
#[ignore = "measurement"]
fn bench_sign_and_verify() {
    use std::time::Instant;
    let body = vec![b'x'; 2_000];
    let url = Url::parse("https://social.example/inbox").expect("url");
    let rounds = 200u32;
    let started = Instant::now();
    let mut signed = Vec::new();
    for _ in 0..rounds {
        signed.push(sign_post(&url, &body, KEY_ID, test_key(), now()).expect("sign"));
    }
    let sign = started.elapsed() / rounds;
    let requests: Vec<Wire> =
        signed.into_iter().map(|s| wire(Method::POST, url.as_str(), &body, s)).collect();
    let public = test_key().public_key();
    let started = Instant::now();
    for request in &requests {
        let params = parse(&request.headers).expect("parse");
        verify(&request.incoming(), &params, &public, now()).expect("verify");
    }
    let verify_each = started.elapsed() / rounds;
    let started = Instant::now();
    let _ = KeyPair::generate().expect("key");
    let generate = started.elapsed();
    println!(
        "RSA-2048 draft-cavage, 2 kB body: sign {sign:?}, parse+verify {verify_each:?} per request; key generation {generate:?}"
    );
}
