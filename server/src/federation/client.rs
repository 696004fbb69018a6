//! Talking to other servers: one signed delivery ([`deliver`], its outcome classified for
//! the persistent queue), a signed fetch of an object ([`fetch_object`]) and of a key
//! ([`fetch_key`]). Every request is signed with the location's key, so servers in secure
//! mode ("authorized fetch") answer too.
//!
//! Remote ids are attacker-chosen URLs, so the client refuses private, loopback and
//! link-local addresses (checked after DNS, in the resolver, so a name that resolves inward
//! is refused too) unless `allow_private` is set: tests and the loopback demo set it.

use super::inbox::RemoteKey;
use super::keys::{KeyPair, public_key_from_pem};
use super::signature::{sign_get, sign_post};
use chrono::{DateTime, Utc};
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use serde_json::Value;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;
use url::Url;

pub const ACTIVITY_JSON: &str = "application/activity+json";
const ACCEPT: &str = "application/activity+json, application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"";
/// Bigger documents are refused: an actor is a few kB, a note rarely more than 20.
pub const MAX_DOCUMENT_BYTES: usize = 1024 * 1024;

#[derive(Clone, Debug)]
pub struct ClientOptions {
    pub allow_private: bool,
    pub user_agent: String,
    /// For the whole request, connection included.
    pub timeout: Duration,
}

/// Whether an address is on the public internet (not loopback, private, link-local,
/// carrier-grade NAT, documentation, multicast or unspecified).
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_documentation()
                || v4.is_multicast()
                || a == 0
                || (a == 100 && (64..128).contains(&b))
                || (a == 198 && (18..20).contains(&b)))
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
                || first == 0x2001 && v6.segments()[1] == 0x0db8)
        }
    }
}

struct PublicOnly;

impl Resolve for PublicOnly {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_string();
        Box::pin(async move {
            let found: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await?
                .filter(|addr| is_public(addr.ip()))
                .collect();
            if found.is_empty() {
                return Err(format!("{host} has no public address").into());
            }
            Ok(Box::new(found.into_iter()) as Addrs)
        })
    }
}

fn literal_ip_allowed(url: &Url, allow_private: bool) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => allow_private || is_public(IpAddr::V4(ip)),
        Some(url::Host::Ipv6(ip)) => allow_private || is_public(IpAddr::V6(ip)),
        Some(url::Host::Domain(_)) => true,
        None => false,
    }
}

/// The HTTP client for federation. Build one and share it (it pools connections).
pub fn build_client(options: &ClientOptions) -> reqwest::Result<reqwest::Client> {
    let allow_private = options.allow_private;
    let redirects = reqwest::redirect::Policy::custom(move |attempt| {
        if attempt.previous().len() >= 3 {
            attempt.stop()
        } else if !literal_ip_allowed(attempt.url(), allow_private) {
            attempt.error("redirect to a private address")
        } else {
            attempt.follow()
        }
    });
    let mut builder = reqwest::Client::builder()
        .user_agent(options.user_agent.clone())
        .timeout(options.timeout)
        .connect_timeout(options.timeout.min(Duration::from_secs(10)))
        .redirect(redirects);
    if !allow_private {
        builder = builder.dns_resolver(Arc::new(PublicOnly));
    }
    builder.build()
}

/// Whose key signs a request.
#[derive(Clone, Copy, Debug)]
pub struct Signer<'a> {
    pub key_id: &'a str,
    pub key: &'a KeyPair,
}

/// What a delivery attempt came to, for the queue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Delivery {
    Delivered {
        status: u16,
    },
    /// 410: the account (or server) is gone for good; remove the follower.
    Gone,
    /// A 4xx that will not change by trying again (400, 403, 404, 422 …): stop.
    Refused {
        status: u16,
    },
    /// Try again later: 5xx, 401 (keys still propagating), 408, 429, or no answer at all.
    /// `retry_after` when the server said how long to wait.
    Retry {
        status: Option<u16>,
        reason: String,
        retry_after: Option<Duration>,
    },
}

impl Delivery {
    pub fn code(&self) -> &'static str {
        match self {
            Delivery::Delivered { .. } => "delivered",
            Delivery::Gone => "gone",
            Delivery::Refused { .. } => "refused",
            Delivery::Retry { status: Some(_), .. } => "retry_status",
            Delivery::Retry { status: None, .. } => "retry_unreachable",
        }
    }
}

/// Classifies an inbox's answer (Mastodon's rules, with 410 meaning "remove").
pub fn classify(status: u16, retry_after: Option<Duration>) -> Delivery {
    match status {
        200..=299 => Delivery::Delivered { status },
        410 => Delivery::Gone,
        401 | 408 | 429 | 500..=599 => {
            Delivery::Retry { status: Some(status), reason: format!("HTTP {status}"), retry_after }
        }
        _ => Delivery::Refused { status },
    }
}

fn retry_after(headers: &reqwest::header::HeaderMap, now: DateTime<Utc>) -> Option<Duration> {
    let value = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?;
    if let Ok(seconds) = value.trim().parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at: DateTime<Utc> = httpdate::parse_http_date(value).ok()?.into();
    (at - now).to_std().ok()
}

fn with_headers(
    mut request: reqwest::RequestBuilder,
    signed: &super::signature::SignedHeaders,
) -> reqwest::RequestBuilder {
    for (name, value) in signed.pairs() {
        request = request.header(name, value);
    }
    request
}

/// POSTs one activity to one inbox, signed now (a retry is signed anew: a fresh `Date`).
pub async fn deliver(
    client: &reqwest::Client,
    inbox: &str,
    body: &[u8],
    signer: Signer<'_>,
    now: DateTime<Utc>,
) -> Delivery {
    let unreachable = |reason: String| Delivery::Retry { status: None, reason, retry_after: None };
    let Ok(url) = Url::parse(inbox) else { return Delivery::Refused { status: 0 } };
    // RSA signing takes milliseconds of CPU: off the threads that serve requests.
    let signing = {
        let (url, body, key_id, key) =
            (url.clone(), body.to_vec(), signer.key_id.to_owned(), signer.key.clone());
        tokio::task::spawn_blocking(move || sign_post(&url, &body, &key_id, &key, now))
    };
    let signed = match signing.await {
        Ok(Ok(signed)) => signed,
        Ok(Err(e)) => return unreachable(e.to_string()),
        Err(e) => return unreachable(e.to_string()),
    };
    let request = client
        .post(url)
        .header(reqwest::header::CONTENT_TYPE, ACTIVITY_JSON)
        .header(reqwest::header::ACCEPT, ACCEPT)
        .body(body.to_vec());
    match with_headers(request, &signed).send().await {
        Ok(response) => classify(response.status().as_u16(), retry_after(response.headers(), now)),
        Err(error) => unreachable(error.without_url().to_string()),
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("not an http(s) URL")]
    BadUrl,
    #[error("the server could not be reached: {0}")]
    Unreachable(String),
    /// 404 or 410: the object or actor no longer exists.
    #[error("gone")]
    Gone,
    #[error("HTTP {0}")]
    Status(u16),
    #[error("the answer is not an ActivityStreams JSON object")]
    NotJson,
    #[error("the answer is too large")]
    TooLarge,
    /// The document's `id` is on another host than the URL asked for.
    #[error("the document claims another origin")]
    ForeignId,
    #[error("the document has no such key")]
    NoKey,
    #[error("the key's owner is on another host than the key")]
    ForeignOwner,
}

impl FetchError {
    pub fn code(&self) -> &'static str {
        match self {
            FetchError::BadUrl => "fetch_bad_url",
            FetchError::Unreachable(_) => "fetch_unreachable",
            FetchError::Gone => "fetch_gone",
            FetchError::Status(_) => "fetch_status",
            FetchError::NotJson => "fetch_not_json",
            FetchError::TooLarge => "fetch_too_large",
            FetchError::ForeignId => "fetch_foreign_id",
            FetchError::NoKey => "fetch_no_key",
            FetchError::ForeignOwner => "fetch_foreign_owner",
        }
    }
}

fn same_host(a: &str, b: &Url) -> bool {
    Url::parse(a).is_ok_and(|a| {
        a.host_str() == b.host_str() && a.port_or_known_default() == b.port_or_known_default()
    })
}

/// GETs an ActivityStreams document, signed when `signer` is given, and checks that its
/// `id` lives where it was fetched from.
pub async fn fetch_object(
    client: &reqwest::Client,
    url: &str,
    signer: Option<Signer<'_>>,
    now: DateTime<Utc>,
) -> Result<Value, FetchError> {
    let url = Url::parse(url).map_err(|_| FetchError::BadUrl)?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(FetchError::BadUrl);
    }
    let mut request = client.get(url.clone()).header(reqwest::header::ACCEPT, ACCEPT);
    if let Some(signer) = signer {
        let signed = sign_get(&url, signer.key_id, signer.key, now)
            .map_err(|e| FetchError::Unreachable(e.to_string()))?;
        request = with_headers(request, &signed);
    }
    let mut response =
        request.send().await.map_err(|e| FetchError::Unreachable(e.without_url().to_string()))?;
    match response.status().as_u16() {
        200..=299 => {}
        404 | 410 => return Err(FetchError::Gone),
        status => return Err(FetchError::Status(status)),
    }
    let mut body = Vec::new();
    while let Some(chunk) =
        response.chunk().await.map_err(|e| FetchError::Unreachable(e.without_url().to_string()))?
    {
        if body.len() + chunk.len() > MAX_DOCUMENT_BYTES {
            return Err(FetchError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    let document: Value = serde_json::from_slice(&body).map_err(|_| FetchError::NotJson)?;
    let id = document.get("id").and_then(Value::as_str).ok_or(FetchError::NotJson)?;
    let final_url = response.url().clone();
    if !same_host(id, &url) || !same_host(id, &final_url) {
        return Err(FetchError::ForeignId);
    }
    Ok(document)
}

/// The key `key_id` from a fetched document: an actor whose `publicKey` (one or a list)
/// has that id, or a key document of its own (`id`, `owner`, `publicKeyPem`) whose owner
/// is on the key's host.
pub fn key_from_document(document: &Value, key_id: &str) -> Result<RemoteKey, FetchError> {
    let key_url = Url::parse(key_id).map_err(|_| FetchError::BadUrl)?;
    let doc_id = document.get("id").and_then(Value::as_str).ok_or(FetchError::NoKey)?;
    let (key, owner) = if doc_id == key_id && document.get("publicKeyPem").is_some() {
        let owner = document.get("owner").and_then(Value::as_str).ok_or(FetchError::NoKey)?;
        (document, owner)
    } else {
        let key = super::inbound::list(document.get("publicKey"))
            .into_iter()
            .find(|k| k.get("id").and_then(Value::as_str) == Some(key_id))
            .ok_or(FetchError::NoKey)?;
        let owner = key.get("owner").and_then(Value::as_str).unwrap_or(doc_id);
        if owner != doc_id {
            return Err(FetchError::ForeignOwner);
        }
        (key, doc_id)
    };
    if !same_host(owner, &key_url) {
        return Err(FetchError::ForeignOwner);
    }
    let pem = key.get("publicKeyPem").and_then(Value::as_str).ok_or(FetchError::NoKey)?;
    let public_key = public_key_from_pem(pem).map_err(|_| FetchError::NoKey)?;
    Ok(RemoteKey { key_id: key_id.to_string(), owner: owner.to_string(), public_key })
}

/// Fetches the key of an incoming signature (the URL without its `#fragment`).
pub async fn fetch_key(
    client: &reqwest::Client,
    key_id: &str,
    signer: Option<Signer<'_>>,
    now: DateTime<Utc>,
) -> Result<RemoteKey, FetchError> {
    let url = key_id.split('#').next().unwrap_or(key_id);
    let document = fetch_object(client, url, signer, now).await?;
    key_from_document(&document, key_id)
}

/// What Nahbar keeps of a follower's actor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemoteActor {
    pub id: String,
    pub inbox: String,
    /// Deliveries go here when given: one per server, not one per follower.
    pub shared_inbox: Option<String>,
    /// `user@server`, for the owner's followers list.
    pub acct: String,
    pub name: Option<String>,
    pub url: Option<String>,
}

impl RemoteActor {
    pub fn delivery_inbox(&self) -> &str {
        self.shared_inbox.as_deref().unwrap_or(&self.inbox)
    }

    pub fn from_document(document: &Value) -> Result<RemoteActor, FetchError> {
        let text = |key: &str| document.get(key).and_then(Value::as_str).map(str::to_string);
        let id = text("id").ok_or(FetchError::NotJson)?;
        let inbox = text("inbox").ok_or(FetchError::NotJson)?;
        let host = Url::parse(&id).map_err(|_| FetchError::BadUrl)?;
        if !same_host(&inbox, &host) {
            return Err(FetchError::ForeignId);
        }
        let shared_inbox = document
            .get("endpoints")
            .and_then(|e| e.get("sharedInbox"))
            .and_then(Value::as_str)
            .filter(|shared| same_host(shared, &host))
            .map(str::to_string);
        let user = text("preferredUsername").unwrap_or_else(|| "unknown".into());
        let server = match host.port() {
            Some(port) => format!("{}:{port}", host.host_str().unwrap_or_default()),
            None => host.host_str().unwrap_or_default().to_string(),
        };
        Ok(RemoteActor {
            acct: format!("{user}@{server}"),
            name: text("name"),
            url: document.get("url").and_then(super::inbound::id_of).map(str::to_string),
            id,
            inbox,
            shared_inbox,
        })
    }
}

#[cfg(test)]
#[path = "client_tests.rs"]
mod tests;
