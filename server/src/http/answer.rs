//! How handlers answer: a redirect back to a page (with a reason code for the page to
//! word), JSON for scripts, or an error. Errors become responses in one place: a handler
//! returns `Err(AppError)`, `AppError`'s `IntoResponse` sets the status, and [`render`]
//! (a layer inside the language negotiation) writes the body in the request's language,
//! as JSON `{ "error", "code" }` for scripts and as text for everyone else.

use app::error::ErrorAnswer;
use app::i18n::Lang;
use axum::Json;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use http::{HeaderMap, HeaderValue, header};
use serde_json::json;

/// Does the client (a script) want JSON rather than a page?
pub fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

/// A redirect (303 See Other) to a page of Nahbar.
pub fn to(target: impl AsRef<str>) -> Response {
    Redirect::to(target.as_ref()).into_response()
}

/// A `next=` target if it is a path of this site; else `fallback`. So a link cannot send
/// anyone elsewhere after signing in or switching the language.
pub fn local_path<'a>(next: &'a str, fallback: &'a str) -> &'a str {
    let safe = next.starts_with('/') && !next.starts_with("//") && !next.contains('\\');
    if safe { next } else { fallback }
}

/// `text` encoded for a URL's path or query.
pub fn encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// The query string of a form sent back: the reason and what was typed, encoded.
pub fn query<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (key, value) in pairs {
        query.append_pair(key, value);
    }
    query.finish()
}

/// Writes the body of an error answer (see the module docs).
pub async fn render(req: Request, next: Next) -> Response {
    let lang = req.extensions().get::<Lang>().copied().unwrap_or_default();
    let json = wants_json(req.headers());
    let response = next.run(req).await;
    let Some(answer) = response.extensions().get::<ErrorAnswer>().cloned() else {
        return response;
    };
    let message = lang.error(&answer.error);
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    let body = if answer.json || json {
        Json(json!({ "error": message, "code": answer.error.code() })).into_response()
    } else {
        let mut text = message.into_response();
        text.headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
        text
    };
    let (body_parts, body) = body.into_parts();
    for (name, value) in body_parts.headers.iter() {
        parts.headers.insert(name.clone(), value.clone());
    }
    Response::from_parts(parts, body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::error::{AppError, Reason};
    use axum::Router;
    use axum::routing::get;
    use tower::ServiceExt;

    async fn answer(accept: &str, lang: Lang) -> (u16, String, String) {
        let app = Router::new()
            .route("/", get(|| async { Err::<(), _>(AppError::Refused(Reason::UnknownLanguage)) }))
            .layer(axum::middleware::from_fn(render))
            .layer(axum::middleware::from_fn(move |mut req: Request, next: Next| async move {
                req.extensions_mut().insert(lang);
                next.run(req).await
            }));
        let request =
            Request::builder().uri("/").header("accept", accept).body(axum::body::Body::empty());
        let response = app.oneshot(request.expect("request")).await.expect("response");
        let status = response.status().as_u16();
        let kind = response.headers()[header::CONTENT_TYPE].to_str().unwrap_or("").to_string();
        let bytes = axum::body::to_bytes(response.into_body(), 10_000).await.expect("body");
        (status, kind, String::from_utf8_lossy(&bytes).to_string())
    }

    #[test]
    fn only_local_paths_are_followed_after_login() {
        assert_eq!(local_path("/admin/locations/1", "/admin"), "/admin/locations/1");
        for evil in ["https://evil.example", "//evil.example", "/\\evil.example", ""] {
            assert_eq!(local_path(evil, "/admin"), "/admin", "{evil}");
        }
    }

    #[tokio::test]
    async fn an_error_is_worded_in_the_request_language_as_text_or_json() {
        let (status, kind, body) = answer("text/html", Lang::De).await;
        assert_eq!((status, kind.as_str()), (404, "text/plain; charset=utf-8"));
        assert!(body.starts_with("Unbekannte Sprache"), "{body}");
        let (status, kind, body) = answer("application/json", Lang::En).await;
        assert_eq!((status, kind.as_str()), (404, "application/json"));
        let body: serde_json::Value = serde_json::from_str(&body).expect("json");
        assert_eq!(body["code"], "language");
        assert!(body["error"].as_str().is_some_and(|e| e.starts_with("Unknown language")));
    }
}

/// A Leptos page rendered for `req`, as the route table would for a GET: for a form
/// handler that shows the form again with what was typed (put into `req`'s extensions).
pub async fn page(state: &crate::ServerState, req: Request) -> Response {
    let app_state = state.app.clone();
    let options = state.app.leptos_options.clone();
    let render = leptos_axum::render_app_async_with_context(
        move || leptos::prelude::provide_context(app_state.clone()),
        move || app::shell(options.clone()),
    );
    render(req).await.into_response()
}

/// A CSV file of a business's own data as a download named `{business}-{what}-{date}.csv`,
/// kept out of shared caches (it holds addresses, phone numbers, customers' messages).
pub fn csv_download(
    business_name: &str,
    what: &str,
    date: chrono::NaiveDate,
    bytes: Vec<u8>,
) -> Response {
    let name = app::domain::slug::slug_text(business_name).unwrap_or_else(|| "nahbar".into());
    let filename = format!("{name}-{what}-{date}.csv");
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment; filename=\"nahbar.csv\""));
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8")),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, HeaderValue::from_static("private, no-store")),
        ],
        bytes,
    )
        .into_response()
}
