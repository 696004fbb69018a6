//! CSRF protection for every state-changing request (double-submit token).
//!
//! The app pages get a random token in an HttpOnly, SameSite=Strict cookie and embed the
//! same token in their forms (`csrf_token` field) and server-function calls. A POST, PUT,
//! PATCH or DELETE passes only if the submitted token equals the cookie's; a page on
//! another site can neither read the cookie nor make the browser send it.

use crate::ServerState;
use crate::http::cookies;
use app::context::CsrfToken;
use app::error::{AppError, Reason};
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::SameSite;
use http::{HeaderValue, Method, header};

pub const CSRF_COOKIE: &str = "nahbar_csrf";
pub const CSRF_FIELD: &str = "csrf_token";
pub const CSRF_HEADER: &str = "x-csrf-token";
/// Largest body read to find the token; larger form posts are refused.
const MAX_INSPECTED_BODY: usize = 2 * 1024 * 1024;

pub async fn protect(State(state): State<ServerState>, req: Request, next: Next) -> Response {
    let jar = CookieJar::from_headers(req.headers());
    let existing = jar.get(CSRF_COOKIE).map(|c| c.value().to_string()).filter(|t| t.len() >= 32);
    let unsafe_method = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    // The share target is posted by the phone's system, which has no token; it only
    // stores photos (as any upload) and opens compose, and creates nothing.
    // Fediverse inboxes are posted by other servers, which have no cookie or token: their
    // HTTP Signature, verified by the inbox, is the proof of who sends.
    // A customer's question form comes from a page without cookies (by design): its signed
    // timestamp, honeypot and rate limits guard it, and it changes nothing of the shop's.
    let path = req.uri().path();
    let exempt = req.method() == Method::POST
        && (path == "/admin/share"
            || crate::fediverse::is_inbox(path)
            || crate::questions::is_customer_form(path));
    let (mut req, issue_cookie) = if unsafe_method && !exempt {
        let path = req.uri().path().to_string();
        let (req, submitted) = match submitted_token(req).await {
            Ok(found) => found,
            Err(response) => return response,
        };
        let valid = matches!((&existing, &submitted), (Some(a), Some(b)) if constant_time_eq(a, b));
        if !valid {
            tracing::warn!(%path, "CSRF check failed");
            return refuse(&path);
        }
        (req, None)
    } else {
        let wants_cookie = existing.is_none() && app::routes::is_app_path(req.uri().path());
        (req, wants_cookie.then(crate::http::session::new_token))
    };
    if let Some(token) = existing.clone().or_else(|| issue_cookie.clone()) {
        req.extensions_mut().insert(CsrfToken(token));
    }
    let mut response = next.run(req).await;
    if let Some(token) = issue_cookie {
        let cookie = cookies::build(CSRF_COOKIE, token, state.secure_cookies)
            .same_site(SameSite::Strict)
            .build();
        if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

/// Finds the token in the header, a form body or a JSON body; the body is put back.
async fn submitted_token(req: Request) -> Result<(Request, Option<String>), Response> {
    if let Some(token) = req.headers().get(CSRF_HEADER).and_then(|v| v.to_str().ok()) {
        let token = token.to_string();
        return Ok((req, Some(token)));
    }
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let is_form = content_type.starts_with("application/x-www-form-urlencoded");
    let is_json = content_type.starts_with("application/json");
    if content_type.starts_with("multipart/form-data") {
        // Uploads are not buffered here: a form without script carries the token in its
        // action's query string (`?csrf_token=`), a script sends the header.
        let token = req.uri().query().and_then(|query| {
            form_urlencoded::parse(query.as_bytes())
                .find(|(key, _)| key == CSRF_FIELD)
                .map(|(_, value)| value.into_owned())
        });
        return Ok((req, token));
    }
    if !is_form && !is_json {
        return Ok((req, None));
    }
    let (parts, body) = req.into_parts();
    let bytes = to_bytes(body, MAX_INSPECTED_BODY)
        .await
        .map_err(|_| AppError::Refused(Reason::FormTooLarge).into_response())?;
    let token = if is_form {
        form_urlencoded::parse(&bytes)
            .find(|(key, _)| key == CSRF_FIELD)
            .map(|(_, value)| value.into_owned())
    } else {
        serde_json::from_slice::<serde_json::Value>(&bytes)
            .ok()
            .and_then(|v| v.get(CSRF_FIELD).and_then(|t| t.as_str()).map(str::to_string))
    };
    Ok((Request::from_parts(parts, Body::from(bytes)), token))
}

fn refuse(path: &str) -> Response {
    match path {
        "/login" => Redirect::to("/login?error=csrf").into_response(),
        p if p.starts_with("/setup/") || p.starts_with("/invite/") => {
            Redirect::to(&format!("{p}?error=csrf")).into_response()
        }
        _ => AppError::Refused(Reason::FormExpired).into_response(),
    }
}

fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
