//! `GET /admin/outbox/session`: who is signed in and this browser's CSRF token, for the
//! outbox (page or service worker) before it sends what waits. Items composed by someone
//! else on the same phone are not sent under this account.

use crate::http::access::SignedIn;
use app::context::CsrfToken;
use app::error::JsonError;
use axum::Json;
use axum::response::{IntoResponse, Response};
use serde_json::json;

pub async fn outbox_session(
    viewer: Result<SignedIn, app::error::AppError>,
    csrf: Option<axum::Extension<CsrfToken>>,
) -> Result<Response, JsonError> {
    let SignedIn(viewer) = viewer.map_err(|_| app::error::AppError::Unauthorized)?;
    let token = csrf.map(|c| c.0.0).unwrap_or_default();
    let body = json!({ "user_id": viewer.user_id, "name": viewer.display_name, "csrf": token });
    Ok(([(http::header::CACHE_CONTROL, "no-store")], Json(body)).into_response())
}
