//! Server-side request context: the state every server function and SSR render can read,
//! and what the server's middleware learned about the request (who, language, CSRF token).

use crate::domain::location::{BusinessId, Membership, Role, UserId};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::store::Store;
use leptos::prelude::*;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub store: Arc<dyn Store>,
    /// Public base URL without a trailing slash, e.g. `https://shop.example`.
    pub public_url: String,
    pub nearby: Arc<crate::nearby_index::NearbyIndex>,
    /// Map tiles for the map picker and the customer's on-demand map, `{z}/{x}/{y}`.
    pub tile_url: String,
    pub clock: crate::clock::Clock,
    /// Whether the locations can be followed from the fediverse (the public URL has a host
    /// name); the privacy notice says so.
    pub federation: bool,
    /// Whether photos live in S3-compatible object storage; the privacy notice says so.
    pub object_storage: bool,
    /// Whether mail can be sent (`--smtp-url`): answers go out by e-mail.
    pub mail: bool,
    /// Whether customer requests are counted (`--insights`); the privacy notice says so.
    pub insights: bool,
}

/// The signed-in user, put into the request's extensions by the session middleware.
#[derive(Clone, Debug)]
pub struct Viewer {
    pub user_id: UserId,
    pub email: String,
    pub display_name: String,
    pub memberships: Vec<Membership>,
}

impl Viewer {
    pub fn role_in(&self, business: BusinessId) -> Option<Role> {
        self.memberships.iter().find(|m| m.business_id == business).map(|m| m.role)
    }
}

/// The client's address (behind a trusted proxy: the one it forwarded) and whether the
/// client used https, put into the request by the server's proxy layer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientAddress {
    pub ip: std::net::IpAddr,
    pub https: bool,
}

/// The CSRF token of this browser (double-submit cookie), for forms to embed.
#[derive(Clone, Debug)]
pub struct CsrfToken(pub String);

fn request_parts() -> Option<http::request::Parts> {
    use_context::<http::request::Parts>()
}

pub fn app_state() -> AppState {
    expect_context::<AppState>()
}

/// The time of the request being answered, by Nahbar's clock.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    app_state().clock.now()
}

pub fn viewer() -> Option<Viewer> {
    request_parts().and_then(|parts| parts.extensions.get::<Viewer>().cloned())
}

pub fn lang() -> Lang {
    request_parts().and_then(|parts| parts.extensions.get::<Lang>().copied()).unwrap_or_default()
}

pub fn csrf_token() -> String {
    request_parts()
        .and_then(|parts| parts.extensions.get::<CsrfToken>().map(|t| t.0.clone()))
        .unwrap_or_default()
}

/// A value the server put into the request's extensions (a refused form, say).
pub fn extension<T: Clone + Send + Sync + 'static>() -> Option<T> {
    request_parts().and_then(|parts| parts.extensions.get::<T>().cloned())
}

pub fn request_query() -> String {
    request_parts().and_then(|parts| parts.uri.query().map(str::to_string)).unwrap_or_default()
}

pub fn request_path() -> String {
    request_parts().map(|parts| parts.uri.path().to_string()).unwrap_or_default()
}

/// The page cache's opt-in header (see `request::cache_until`).
pub fn cache_until(at: chrono::DateTime<chrono::Utc>) {
    if let (Some(options), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(&at.to_rfc3339()),
    ) {
        options.insert_header(http::HeaderName::from_static("x-nahbar-cache-until"), value);
    }
}

/// Sets the HTTP status of the response being rendered.
pub fn set_status(code: u16) {
    if let (Some(options), Ok(status)) =
        (use_context::<leptos_axum::ResponseOptions>(), http::StatusCode::from_u16(code))
    {
        options.set_status(status);
    }
}

/// Sets the response status for an error a server function is about to return.
pub fn fail(error: AppError) -> AppError {
    set_status(error.status());
    error
}

/// Tokens (sessions, setup links) are stored only as SHA-256 hashes, so a leaked database
/// does not leak usable tokens.
pub fn hash_token(token: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Who is making this request and from where, for the audit log.
pub fn actor_of(parts: &http::request::Parts) -> crate::domain::team::Actor {
    let viewer = parts.extensions.get::<Viewer>();
    crate::domain::team::Actor {
        user_id: viewer.map(|v| v.user_id),
        name: viewer.map(|v| v.display_name.clone()).unwrap_or_default(),
        ip: parts.extensions.get::<ClientAddress>().map(|c| c.ip.to_string()).unwrap_or_default(),
        user_agent: parts
            .headers
            .get(http::header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string(),
    }
}

/// The actor of the request a server function is answering.
pub fn actor() -> crate::domain::team::Actor {
    request_parts().map(|parts| actor_of(&parts)).unwrap_or_default()
}
