//! Customer pages ship no script (see the layer below).

use app::error::AppError;
use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::header;

/// Customer pages ship no script. Leptos appends its resource-bootstrap `<script>`s after
/// `</html>` on every page; on customer pages they have nothing to bootstrap (no islands),
/// would be blocked by their `script-src 'none'` policy, and are cut here.
pub async fn script_free_customer_pages(req: Request, next: Next) -> Response {
    if app::routes::is_app_path(req.uri().path()) {
        return next.run(req).await;
    }
    let response = next.run(req).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = match to_bytes(body, 8 * 1024 * 1024).await {
        Ok(bytes) => bytes,
        Err(error) => return AppError::internal(error).into_response(),
    };
    const END: &[u8] = b"</html>";
    let end = bytes.windows(END.len()).rposition(|w| w == END).map(|i| i + END.len());
    let bytes = match end {
        Some(end) => bytes.slice(..end),
        None => bytes,
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(bytes))
}
