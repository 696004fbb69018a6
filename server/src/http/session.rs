//! Who is signed in: argon2id passwords (hashed off the async runtime), server-side
//! sessions in the database keyed by a hash of the cookie's token, and the login limits.
//! Shared by the `account` and `team` capabilities and the CLI.

use crate::ServerState;
use crate::http::cookies;
use app::context::{Viewer, hash_token};
use app::error::{AppError, Reason};
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use chrono::Duration;
use std::net::IpAddr;

pub const SESSION_COOKIE: &str = "nahbar_session";
const SESSION_DAYS: i64 = 30;

/// Sign-in attempts allowed per account and per client address in a sliding minute,
/// counted in the database so that every node counts the same attempts (behind a load
/// balancer, wrong passwords spread over several nodes are limited as one).
pub struct LoginLimits;

/// Failed attempts per account in a minute.
const PER_ACCOUNT: i64 = 5;
/// Failed attempts per client address in a minute.
const PER_ADDRESS: i64 = 20;

impl LoginLimits {
    /// `false` when the account or the address has used up its failed attempts of the last
    /// minute. Successful sign-ins do not count: a shop's phone that signs in again and
    /// again is not an attacker.
    pub async fn allow(
        state: &ServerState,
        email: &str,
        ip: Option<IpAddr>,
    ) -> Result<bool, AppError> {
        let counts = LoginLimits::count(state, email, ip, false).await?;
        Ok(counts.0 < PER_ACCOUNT && counts.1 < PER_ADDRESS)
    }

    /// Counts a failed attempt against the account and the address.
    pub async fn failed(
        state: &ServerState,
        email: &str,
        ip: Option<IpAddr>,
    ) -> Result<(), AppError> {
        LoginLimits::count(state, email, ip, true).await.map(|_| ())
    }

    async fn count(
        state: &ServerState,
        email: &str,
        ip: Option<IpAddr>,
        record: bool,
    ) -> Result<(i64, i64), AppError> {
        let now = state.now();
        let (since, forget) = (now - Duration::minutes(1), now - Duration::hours(1));
        let store = state.store();
        let account = hash_token(&format!("account:{email}"));
        let per_account = store.count_login_attempt(&account, now, since, forget, record).await?;
        let per_address = match ip {
            Some(ip) => {
                let key = hash_token(&format!("address:{ip}"));
                store.count_login_attempt(&key, now, since, forget, record).await?
            }
            None => 0,
        };
        Ok((per_account, per_address))
    }
}

pub async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|error| AppError::internal(format!("hashing a password: {error}")))
    })
    .await
    .map_err(AppError::internal)?
}

/// A valid hash of a random password: verifying against it when the account does not
/// exist costs the same time as a real check, so timing does not reveal accounts.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$\
    2Jk8ZXlO6nJqk7bq0qjHkq5Qm6nE0yq2bUuW9v7xZ1Q";

pub async fn verify_password(hash: Option<String>, password: String) -> bool {
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

/// The hash of this browser's session token, if it sends one.
pub fn current_session(jar: &CookieJar) -> Option<String> {
    jar.get(SESSION_COOKIE).map(|c| hash_token(c.value()))
}

/// Looks up the session cookie and, when it names a live session, puts the [`Viewer`]
/// into the request for pages and server functions.
pub async fn load_viewer(
    State(state): State<ServerState>,
    mut req: Request,
    next: Next,
) -> Response {
    let jar = CookieJar::from_headers(req.headers());
    if let Some(hash) = current_session(&jar) {
        let store = state.store();
        let now = state.now();
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

/// Pages under `/admin` need a signed-in user; others are sent to the login first. A
/// script (the outbox) asking for JSON gets a status it can act on, not a page.
pub async fn require_login(req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if (path == "/admin" || path.starts_with("/admin/"))
        && req.extensions().get::<Viewer>().is_none()
    {
        let accept = req.headers().get(http::header::ACCEPT).and_then(|v| v.to_str().ok());
        if accept.is_some_and(|v| v.starts_with("application/json")) {
            return AppError::Refused(Reason::SignInAgain).into_response();
        }
        return Redirect::to(&format!("/login?next={}", crate::http::answer::encode(path)))
            .into_response();
    }
    next.run(req).await
}

/// Signs `user` in on this browser; `client` is its address and User-Agent, shown in the
/// person's list of sessions.
pub async fn start_session(
    state: &ServerState,
    jar: CookieJar,
    user: i64,
    client: (&str, &str),
) -> Result<CookieJar, AppError> {
    let token = new_token();
    let now = state.now();
    let expires = now + Duration::days(SESSION_DAYS);
    let hash = hash_token(&token);
    let store = state.store();
    store.create_session(&hash, user, now, expires).await?;
    store.touch_session(&hash, now, Some(client)).await?;
    let cookie = cookies::build(SESSION_COOKIE, token, state.secure_cookies)
        .max_age(time::Duration::days(SESSION_DAYS));
    Ok(jar.add(cookie))
}

/// Forgets this browser's session cookie.
pub fn end_cookie(jar: CookieJar) -> CookieJar {
    jar.remove(cookies::removal(SESSION_COOKIE))
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
}
