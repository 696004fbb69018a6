//! draft-cavage HTTP Signatures (version 12), `rsa-sha256`: what Mastodon, Pixelfed,
//! GoToSocial, Misskey and Fedify accept and send today.
//!
//! Outgoing: [`sign_post`] covers `(request-target) host date digest` with
//! `Digest: SHA-256=…` of the body (Mastodon refuses a POST without it); [`sign_get`] covers
//! `(request-target) host date` for fetches from servers in secure mode ("authorized fetch").
//!
//! Incoming: [`parse`] reads the `Signature` header (its `keyId` says whose key to fetch);
//! [`precheck`] refuses, before any key is fetched, a header list that leaves out
//! `(request-target)`, `host`, `date` (and `digest` on a POST), a `Date` more than
//! [`MAX_CLOCK_SKEW`] from the injected clock, and a body that does not match its digest;
//! [`verify`] then checks the RSA signature over the signing string with the fetched key.
//! That the key's owner is the activity's actor is checked in `inbox.rs`.
//!
//! Written here rather than with `http-signature-normalization` (Lemmy's choice): that
//! crate reads the system clock itself (tests could not pin the time), lets a request
//! through whose `Date` is unparsable or far in the future, and does not insist that
//! `date`/`digest` be among the signed headers. The crypto is `rsa` and `sha2`; HTTP dates
//! are `httpdate`. RFC 9421 signatures (`Signature-Input`) are refused with their own code:
//! a double-knocking sender (Fedify) then retries with draft-cavage.

use super::keys::{KeyPair, verify_sha256};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use chrono::{DateTime, Duration, Utc};
use http::{HeaderMap, Method};
use rsa::PublicKey;
use rsa::sha2::{Digest, Sha256};
use url::Url;

/// How far a request's `Date` may be from our clock, either way (Mastodon's window).
pub const MAX_CLOCK_SKEW: Duration = Duration::hours(12);

/// Why a request's signature was refused; each answers 401.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("the request is not signed")]
    Missing,
    #[error("the request has an RFC 9421 signature; only draft-cavage is accepted")]
    Rfc9421,
    #[error("the Signature header cannot be read")]
    Malformed,
    #[error("the signature algorithm is not rsa-sha256")]
    Algorithm,
    #[error("the signature does not cover {0}")]
    NotCovered(&'static str),
    #[error("a signed header is missing from the request: {0}")]
    HeaderMissing(String),
    #[error("the Date header cannot be read")]
    BadDate,
    #[error("the Date header is too old")]
    Expired,
    #[error("the Date header is in the future")]
    FromFuture,
    #[error("the Digest header has no SHA-256")]
    DigestMissing,
    #[error("the body does not match its digest")]
    DigestMismatch,
    #[error("the signature does not verify with the key")]
    BadSignature,
}

impl SignatureError {
    /// Stable reason codes for logs, metrics and the 401 body.
    pub fn code(&self) -> &'static str {
        match self {
            SignatureError::Missing => "signature_missing",
            SignatureError::Rfc9421 => "signature_rfc9421",
            SignatureError::Malformed => "signature_malformed",
            SignatureError::Algorithm => "signature_algorithm",
            SignatureError::NotCovered(_) => "signature_not_covering",
            SignatureError::HeaderMissing(_) => "signature_header_missing",
            SignatureError::BadDate => "date_unreadable",
            SignatureError::Expired => "date_expired",
            SignatureError::FromFuture => "date_in_future",
            SignatureError::DigestMissing => "digest_missing",
            SignatureError::DigestMismatch => "digest_mismatch",
            SignatureError::BadSignature => "signature_invalid",
        }
    }
}

/// Headers to set on an outgoing request, in this exact form (they are what was signed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedHeaders {
    pub host: String,
    pub date: String,
    pub digest: Option<String>,
    pub signature: String,
}

impl SignedHeaders {
    /// `(name, value)` pairs, ready for any HTTP client.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = vec![("host", self.host.clone()), ("date", self.date.clone())];
        if let Some(digest) = &self.digest {
            pairs.push(("digest", digest.clone()));
        }
        pairs.push(("signature", self.signature.clone()));
        pairs
    }
}

/// `SHA-256=<base64>` of `body`, the `Digest` header's value.
pub fn digest_header(body: &[u8]) -> String {
    format!("SHA-256={}", B64.encode(Sha256::digest(body)))
}

pub fn http_date(at: DateTime<Utc>) -> String {
    httpdate::fmt_http_date(at.into())
}

fn authority(url: &Url) -> String {
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    }
}

fn request_target(method: &Method, url: &Url) -> String {
    let mut target = format!("{} {}", method.as_str().to_ascii_lowercase(), url.path());
    if let Some(query) = url.query() {
        target.push('?');
        target.push_str(query);
    }
    target
}

fn sign(
    method: &Method,
    url: &Url,
    body: Option<&[u8]>,
    key_id: &str,
    key: &KeyPair,
    now: DateTime<Utc>,
) -> Result<SignedHeaders, super::keys::KeyError> {
    let host = authority(url);
    let date = http_date(now);
    let digest = body.map(digest_header);
    let mut lines = vec![
        format!("(request-target): {}", request_target(method, url)),
        format!("host: {host}"),
        format!("date: {date}"),
    ];
    let mut names = "(request-target) host date".to_string();
    if let Some(digest) = &digest {
        lines.push(format!("digest: {digest}"));
        names.push_str(" digest");
    }
    let signature = B64.encode(key.sign_sha256(lines.join("\n").as_bytes())?);
    let signature = format!(
        "keyId=\"{key_id}\",algorithm=\"rsa-sha256\",headers=\"{names}\",signature=\"{signature}\""
    );
    Ok(SignedHeaders { host, date, digest, signature })
}

/// Signs a POST of `body` to `url` (a delivery to an inbox).
pub fn sign_post(
    url: &Url,
    body: &[u8],
    key_id: &str,
    key: &KeyPair,
    now: DateTime<Utc>,
) -> Result<SignedHeaders, super::keys::KeyError> {
    sign(&Method::POST, url, Some(body), key_id, key, now)
}

/// Signs a GET of `url` (fetching an actor or object from a secure-mode server).
pub fn sign_get(
    url: &Url,
    key_id: &str,
    key: &KeyPair,
    now: DateTime<Utc>,
) -> Result<SignedHeaders, super::keys::KeyError> {
    sign(&Method::GET, url, None, key_id, key, now)
}

/// The parts of an incoming `Signature` header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignatureParams {
    pub key_id: String,
    pub algorithm: Option<String>,
    /// Lowercase header names, in signing order.
    pub headers: Vec<String>,
    pub signature: Vec<u8>,
    pub created: Option<i64>,
    pub expires: Option<i64>,
}

impl SignatureParams {
    /// The actor the key claims to belong to: its id without the fragment (`…/actor` for
    /// `…/actor#main-key`). Only a hint; the fetched key's `owner` is what counts.
    pub fn key_actor_hint(&self) -> &str {
        self.key_id.split('#').next().unwrap_or(&self.key_id)
    }
}

fn header_str<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// Reads the `Signature` header (or `Authorization: Signature …`).
pub fn parse(headers: &HeaderMap) -> Result<SignatureParams, SignatureError> {
    if headers.contains_key("signature-input") {
        return Err(SignatureError::Rfc9421);
    }
    let raw = match header_str(headers, "signature") {
        Some(value) => value,
        None => header_str(headers, "authorization")
            .and_then(|v| v.strip_prefix("Signature "))
            .ok_or(SignatureError::Missing)?,
    };
    let mut params = SignatureParams {
        key_id: String::new(),
        algorithm: None,
        headers: vec!["date".to_string()],
        signature: Vec::new(),
        created: None,
        expires: None,
    };
    let mut signature = None;
    for part in raw.split(',') {
        let (name, value) = part.trim().split_once('=').ok_or(SignatureError::Malformed)?;
        let value = value.trim();
        let value = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')).unwrap_or(value);
        match name.trim() {
            "keyId" => params.key_id = value.to_string(),
            "algorithm" => params.algorithm = Some(value.to_ascii_lowercase()),
            "headers" => {
                params.headers = value.split_whitespace().map(str::to_ascii_lowercase).collect()
            }
            "signature" => signature = Some(value.to_string()),
            "created" => params.created = value.parse().ok(),
            "expires" => params.expires = value.parse().ok(),
            _ => {}
        }
    }
    let signature = signature.ok_or(SignatureError::Malformed)?;
    params.signature = B64.decode(signature).map_err(|_| SignatureError::Malformed)?;
    if params.key_id.is_empty() || params.headers.is_empty() {
        return Err(SignatureError::Malformed);
    }
    Ok(params)
}

/// What an incoming request looked like on the wire.
pub struct Incoming<'a> {
    pub method: &'a Method,
    /// As received, e.g. `/baeckerei/inbox` or `/x?page=2`.
    pub path_and_query: &'a str,
    pub headers: &'a HeaderMap,
    pub body: &'a [u8],
}

/// The cheap checks, done before a key is fetched: coverage, freshness, digest.
pub fn precheck(
    request: &Incoming<'_>,
    params: &SignatureParams,
    now: DateTime<Utc>,
) -> Result<(), SignatureError> {
    match params.algorithm.as_deref() {
        None | Some("rsa-sha256") | Some("hs2019") => {}
        Some(_) => return Err(SignatureError::Algorithm),
    }
    let covers = |name: &str| params.headers.iter().any(|h| h == name);
    for name in ["(request-target)", "host", "date"] {
        if !covers(name) {
            return Err(SignatureError::NotCovered(name));
        }
    }
    let has_body = *request.method == Method::POST || !request.body.is_empty();
    if has_body && !covers("digest") {
        return Err(SignatureError::NotCovered("digest"));
    }
    let date = header_str(request.headers, "date").ok_or(SignatureError::BadDate)?;
    let date: DateTime<Utc> =
        httpdate::parse_http_date(date).map_err(|_| SignatureError::BadDate)?.into();
    if date < now - MAX_CLOCK_SKEW {
        return Err(SignatureError::Expired);
    }
    if date > now + MAX_CLOCK_SKEW {
        return Err(SignatureError::FromFuture);
    }
    if has_body {
        let header = header_str(request.headers, "digest").ok_or(SignatureError::DigestMissing)?;
        let ours = B64.encode(Sha256::digest(request.body));
        let theirs = header
            .split(',')
            .filter_map(|part| part.trim().split_once('='))
            .find(|(algorithm, _)| algorithm.eq_ignore_ascii_case("sha-256"))
            .map(|(_, value)| value.trim())
            .ok_or(SignatureError::DigestMissing)?;
        if theirs != ours {
            return Err(SignatureError::DigestMismatch);
        }
    }
    Ok(())
}

/// The string the sender signed, rebuilt from the request.
pub fn signing_string(
    request: &Incoming<'_>,
    params: &SignatureParams,
) -> Result<String, SignatureError> {
    let mut lines = Vec::with_capacity(params.headers.len());
    for name in &params.headers {
        let value = match name.as_str() {
            "(request-target)" => format!(
                "{} {}",
                request.method.as_str().to_ascii_lowercase(),
                request.path_and_query
            ),
            "(created)" => params.created.ok_or(SignatureError::Malformed)?.to_string(),
            "(expires)" => params.expires.ok_or(SignatureError::Malformed)?.to_string(),
            header => {
                let values: Vec<&str> = request
                    .headers
                    .get_all(header)
                    .iter()
                    .map(|v| v.to_str().map(str::trim))
                    .collect::<Result<_, _>>()
                    .map_err(|_| SignatureError::Malformed)?;
                if values.is_empty() {
                    return Err(SignatureError::HeaderMissing(header.to_string()));
                }
                values.join(", ")
            }
        };
        lines.push(format!("{name}: {value}"));
    }
    Ok(lines.join("\n"))
}

/// Everything: [`precheck`], then the RSA signature with the key of `params.key_id`.
pub fn verify(
    request: &Incoming<'_>,
    params: &SignatureParams,
    key: &PublicKey,
    now: DateTime<Utc>,
) -> Result<(), SignatureError> {
    precheck(request, params, now)?;
    let signed = signing_string(request, params)?;
    if verify_sha256(key, signed.as_bytes(), &params.signature) {
        Ok(())
    } else {
        Err(SignatureError::BadSignature)
    }
}

#[cfg(test)]
#[path = "signature_tests.rs"]
mod tests;
