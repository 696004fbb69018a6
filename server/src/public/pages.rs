//! Customer pages ship no script and nothing that only a script would read (see the layer
//! below).

use app::error::AppError;
use axum::body::{Body, Bytes, to_bytes};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::header;

/// Customer pages ship no script. Leptos appends its resource-bootstrap `<script>`s after
/// `</html>` on every page; on customer pages they have nothing to bootstrap (no islands),
/// would be blocked by their `script-src 'none'` policy, and are cut here. The same goes
/// for the hydration markers (see [`without_hydration_markers`]).
///
/// It sits inside the page cache, so a cached page is finished once, when it is made.
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
    Response::from_parts(parts, Body::from(without_hydration_markers(bytes)))
}

/// The page without Leptos' empty `<!>` placeholders. Leptos writes them (about 60 on a
/// local page) so that hydration can find where a dynamic child starts or ends; customer
/// pages never hydrate, and HTML calls `<!>` a bogus comment (an error for the W3C
/// validator). Nothing else on a page can spell these four bytes: text and attribute
/// values are escaped by Leptos (`html_escape`: `<` becomes `&lt;`) and the JSON-LD
/// script writes `<` as `\u003c` (`domain::schema_org::to_script_json`).
fn without_hydration_markers(page: Bytes) -> Bytes {
    const MARKER: &[u8] = b"<!>";
    let Some(first) = page.windows(MARKER.len()).position(|w| w == MARKER) else {
        return page;
    };
    let mut out = Vec::with_capacity(page.len());
    out.extend_from_slice(&page[..first]);
    let mut rest = &page[first + MARKER.len()..];
    while let Some(at) = rest.windows(MARKER.len()).position(|w| w == MARKER) {
        out.extend_from_slice(&rest[..at]);
        rest = &rest[at + MARKER.len()..];
    }
    out.extend_from_slice(rest);
    Bytes::from(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hydration_markers_go_and_everything_else_stays() {
        let page = Bytes::from_static(
            b"<!DOCTYPE html><p>a<!>b<!><!></p><!-- c --><p>&lt;!&gt; <!-x></p><!>",
        );
        assert_eq!(
            without_hydration_markers(page).as_ref(),
            b"<!DOCTYPE html><p>ab</p><!-- c --><p>&lt;!&gt; <!-x></p>"
        );
        let clean = Bytes::from_static(b"<!DOCTYPE html><html></html>");
        assert_eq!(without_hydration_markers(clean.clone()), clean);
    }
}
