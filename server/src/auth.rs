//! Accounts and sessions: argon2id passwords (hashed off the async runtime), server-side
//! sessions in the database keyed by a hash of the cookie's token, rate-limited login.

use crate::{ServerState, cookies};
use app::context::{Viewer, hash_token};
use app::store::{OwnerSetup, StoreError};
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::Form;
use axum::extract::{ConnectInfo, Path, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use chrono::{Duration, Utc};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use serde::Deserialize;
use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;

pub const SESSION_COOKIE: &str = "nahbar_session";
const SESSION_DAYS: i64 = 30;
pub const MIN_PASSWORD_CHARS: usize = 10;

/// Login attempts allowed per account and per client address.
pub struct LoginLimiter {
    per_account: DefaultKeyedRateLimiter<String>,
    per_ip: DefaultKeyedRateLimiter<IpAddr>,
}

impl Default for LoginLimiter {
    fn default() -> Self {
        let quota = |per_minute: u32, burst: u32| {
            Quota::per_minute(NonZeroU32::new(per_minute).unwrap_or(NonZeroU32::MIN))
                .allow_burst(NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN))
        };
        LoginLimiter {
            per_account: RateLimiter::keyed(quota(5, 5)),
            per_ip: RateLimiter::keyed(quota(20, 20)),
        }
    }
}

impl LoginLimiter {
    pub(crate) fn allow(&self, email: &str, ip: Option<IpAddr>) -> bool {
        let account_ok = self.per_account.check_key(&email.to_string()).is_ok();
        let ip_ok = ip.is_none_or(|ip| self.per_ip.check_key(&ip).is_ok());
        account_ok && ip_ok
    }
}

pub async fn hash_password(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|e| anyhow::anyhow!("hashing the password failed: {e}"))
    })
    .await?
}

/// A valid hash of a random password: verifying against it when the account does not
/// exist costs the same time as a real check, so timing does not reveal accounts.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$\
    2Jk8ZXlO6nJqk7bq0qjHkq5Qm6nE0yq2bUuW9v7xZ1Q";

pub(crate) async fn verify_password(hash: Option<String>, password: String) -> bool {
    let known = hash.is_some();
    let hash = hash.unwrap_or_else(|| DUMMY_HASH.to_string());
    let ok = tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false);
    known && ok
}

pub fn new_token() -> String {
    use base64::Engine;
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Looks up the session cookie and, when it names a live session, puts the [`Viewer`]
/// into the request for pages and server functions.
pub async fn load_viewer(
    State(state): State<ServerState>,
    mut req: Request,
    next: Next,
) -> Response {
    let jar = CookieJar::from_headers(req.headers());
    if let Some(token) = jar.get(SESSION_COOKIE).map(|c| c.value().to_string()) {
        let store = &state.app.store;
        let hash = hash_token(&token);
        let now = Utc::now();
        match store.session_user(&hash, now).await {
            Ok(Some(user)) => match store.memberships(user.id).await {
                Ok(memberships) => {
                    // "Last active" in the person's session list, written at most once a
                    // minute per session.
                    let stale =
                        user.session_seen_at.is_none_or(|seen| now - seen > Duration::seconds(60));
                    if stale && let Err(error) = store.touch_session(&hash, now, None).await {
                        tracing::warn!(%error, "recording session activity failed");
                    }
                    req.extensions_mut().insert(Viewer {
                        user_id: user.id,
                        email: user.email,
                        display_name: user.display_name,
                        memberships,
                    });
                }
                Err(error) => tracing::error!(%error, "loading memberships failed"),
            },
            Ok(None) => {}
            Err(error) => tracing::error!(%error, "loading the session failed"),
        }
    }
    next.run(req).await
}

/// Pages under `/admin` need a signed-in user; others are sent to the login first.
pub async fn require_login(req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if (path == "/admin" || path.starts_with("/admin/"))
        && req.extensions().get::<Viewer>().is_none()
    {
        // A script (the outbox) asking for JSON gets a status it can act on, not a page.
        let wants_json = req
            .headers()
            .get(http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"));
        if wants_json {
            let body = axum::Json(serde_json::json!({ "error": "Sign in again to continue." }));
            return (http::StatusCode::UNAUTHORIZED, body).into_response();
        }
        let target = format!("/login?next={}", urlencode(path));
        return Redirect::to(&target).into_response();
    }
    next.run(req).await
}

fn urlencode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// Only local paths are followed after login, so `next` cannot send anyone elsewhere.
fn local_target(next: &str) -> &str {
    let safe = next.starts_with('/') && !next.starts_with("//") && !next.contains('\\');
    if safe { next } else { "/admin" }
}

#[derive(Deserialize)]
pub struct LoginForm {
    email: String,
    password: String,
    #[serde(default)]
    next: String,
}

pub async fn login(
    State(state): State<ServerState>,
    jar: CookieJar,
    req_ip: ClientIp,
    headers: http::HeaderMap,
    Form(form): Form<LoginForm>,
) -> Response {
    let email = form.email.trim().to_lowercase();
    if !state.login_limiter.allow(&email, req_ip.0) {
        tracing::warn!(email = %email, "login rate-limited");
        return Redirect::to("/login?error=rate").into_response();
    }
    let user = match state.app.store.user_by_email(&email).await {
        Ok(user) => user,
        Err(error) => {
            tracing::error!(%error, "login lookup failed");
            return crate::internal_error();
        }
    };
    let hash = user.as_ref().map(|u| u.password_hash.clone());
    if !verify_password(hash, form.password).await {
        return Redirect::to("/login?error=invalid").into_response();
    }
    let Some(user) = user else { return Redirect::to("/login?error=invalid").into_response() };
    let address = req_ip.0.map(|ip| ip.to_string()).unwrap_or_default();
    let agent = crate::team::user_agent(&headers);
    match start_session(&state, jar, user.id, (&address, &agent)).await {
        Ok(jar) => (jar, Redirect::to(local_target(&form.next))).into_response(),
        Err(response) => response,
    }
}

/// Signs `user` in on this browser; `client` is its address and User-Agent, shown in the
/// person's list of sessions.
pub(crate) async fn start_session(
    state: &ServerState,
    jar: CookieJar,
    user: i64,
    client: (&str, &str),
) -> Result<CookieJar, Response> {
    let token = new_token();
    let now = Utc::now();
    let expires = now + Duration::days(SESSION_DAYS);
    let hash = hash_token(&token);
    let store = &state.app.store;
    let created = match store.create_session(&hash, user, now, expires).await {
        Ok(()) => store.touch_session(&hash, now, Some(client)).await,
        Err(error) => Err(error),
    };
    if let Err(error) = created {
        tracing::error!(%error, "creating a session failed");
        return Err(crate::internal_error());
    }
    let cookie = cookies::build(SESSION_COOKIE, token, state.secure_cookies)
        .same_site(axum_extra::extract::cookie::SameSite::Lax)
        .max_age(time::Duration::days(SESSION_DAYS));
    Ok(jar.add(cookie))
}

pub async fn logout(State(state): State<ServerState>, jar: CookieJar) -> Response {
    if let Some(token) = jar.get(SESSION_COOKIE).map(|c| c.value().to_string())
        && let Err(error) = state.app.store.delete_session(&hash_token(&token)).await
    {
        tracing::error!(%error, "deleting a session failed");
    }
    let jar = jar.remove(cookies::removal(SESSION_COOKIE));
    (jar, Redirect::to("/login")).into_response()
}

#[derive(Deserialize)]
pub struct SetupForm {
    business_name: String,
    display_name: String,
    email: String,
    password: String,
    password_repeat: String,
}

/// Checks an owner's sign-up data; the error is the code the setup page explains.
pub fn check_owner_input(
    business: &str,
    name: &str,
    email: &str,
    password: &str,
    repeat: &str,
) -> Result<(), &'static str> {
    if business.trim().is_empty() || name.trim().is_empty() {
        return Err("name");
    }
    let email_ok = email.split_once('@').is_some_and(|(l, d)| !l.is_empty() && d.contains('.'));
    if !email_ok || email.contains(char::is_whitespace) {
        return Err("email");
    }
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err("short");
    }
    if password != repeat {
        return Err("differ");
    }
    Ok(())
}

pub async fn setup(
    State(state): State<ServerState>,
    Path(token): Path<String>,
    jar: CookieJar,
    req_ip: ClientIp,
    headers: http::HeaderMap,
    Form(form): Form<SetupForm>,
) -> Response {
    let back = |code: &str| {
        Redirect::to(&format!("/setup/{}?error={code}", urlencode(&token))).into_response()
    };
    let email = form.email.trim().to_lowercase();
    if let Err(code) = check_owner_input(
        &form.business_name,
        &form.display_name,
        &email,
        &form.password,
        &form.password_repeat,
    ) {
        return back(code);
    }
    let Ok(hash) = hash_password(form.password).await else { return crate::internal_error() };
    let token_hash = hash_token(&token);
    let setup = OwnerSetup {
        token_hash: Some(&token_hash),
        business_name: form.business_name.trim(),
        email: &email,
        display_name: form.display_name.trim(),
        password_hash: &hash,
    };
    match state.app.store.setup_owner(&setup, Utc::now()).await {
        Ok((user, _)) => match start_session(
            &state,
            jar,
            user,
            (
                &req_ip.0.map(|ip| ip.to_string()).unwrap_or_default(),
                &crate::team::user_agent(&headers),
            ),
        )
        .await
        {
            Ok(jar) => (jar, Redirect::to("/admin")).into_response(),
            Err(response) => response,
        },
        Err(StoreError::Conflict(_)) => back("taken"),
        Err(StoreError::NotFound) => {
            Redirect::to(&format!("/setup/{}", urlencode(&token))).into_response()
        }
        Err(error) => {
            tracing::error!(%error, "owner setup failed");
            crate::internal_error()
        }
    }
}

/// The client's address, when the server was started with connect info.
pub struct ClientIp(pub Option<IpAddr>);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut http::request::Parts,
        _state: &S,
    ) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dummy_hash_is_a_real_argon2_hash_so_unknown_users_cost_a_full_check() {
        assert!(PasswordHash::new(DUMMY_HASH).is_ok());
    }

    #[tokio::test]
    async fn passwords_verify_only_against_their_own_hash() {
        let hash = hash_password("correct horse".into()).await.expect("hash");
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password(Some(hash.clone()), "correct horse".into()).await);
        assert!(!verify_password(Some(hash), "wrong horse".into()).await);
        assert!(!verify_password(None, "anything".into()).await);
    }

    #[test]
    fn only_local_paths_are_followed_after_login() {
        assert_eq!(local_target("/admin/locations/1"), "/admin/locations/1");
        for evil in ["https://evil.example", "//evil.example", "/\\evil.example", ""] {
            assert_eq!(local_target(evil), "/admin", "{evil}");
        }
    }

    #[test]
    fn owner_input_checks_name_email_and_password() {
        assert_eq!(check_owner_input("B", "N", "a@b.de", "0123456789", "0123456789"), Ok(()));
        assert_eq!(check_owner_input(" ", "N", "a@b.de", "0123456789", "0123456789"), Err("name"));
        assert_eq!(check_owner_input("B", "N", "ab.de", "0123456789", "0123456789"), Err("email"));
        assert_eq!(check_owner_input("B", "N", "a@b.de", "short", "short"), Err("short"));
        assert_eq!(
            check_owner_input("B", "N", "a@b.de", "0123456789", "0123456780"),
            Err("differ")
        );
    }
}
