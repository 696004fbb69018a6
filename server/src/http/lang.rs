//! Language choice: a cookie set by `/lang/{code}` wins, then `Accept-Language`, then English.

use crate::ServerState;
use crate::http::cookies;
use app::error::{AppError, Reason};
use app::i18n::Lang;
use axum::extract::{Path, Query, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use http::{HeaderMap, HeaderValue, header};
use serde::Deserialize;

pub const LANG_COOKIE: &str = "nahbar_lang";

pub async fn negotiate(mut req: Request, next: Next) -> Response {
    let lang = chosen(req.headers());
    req.extensions_mut().insert(lang);
    let mut response = next.run(req).await;
    mark(response.headers_mut(), lang);
    response
}

/// The language a request asks for: the cookie, then `Accept-Language`, then English.
pub fn chosen(headers: &HeaderMap) -> Lang {
    let from_cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == LANG_COOKIE)
        .and_then(|(_, value)| Lang::parse(value.trim_matches('"')));
    let from_header = || {
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(Lang::from_accept_language)
    };
    from_cookie.or_else(from_header).unwrap_or_default()
}

/// The answer's language and what it varies by.
pub fn mark(headers: &mut HeaderMap, lang: Lang) {
    headers.insert(header::CONTENT_LANGUAGE, HeaderValue::from_static(lang.code()));
    headers.append(header::VARY, HeaderValue::from_static("Accept-Language, Cookie"));
}

#[derive(Deserialize)]
pub struct SwitchQuery {
    #[serde(default)]
    next: String,
}

/// `/lang/{code}?next=/path`: remembers the language for a year and goes back.
pub async fn switch(
    State(state): State<ServerState>,
    Path(code): Path<String>,
    Query(query): Query<SwitchQuery>,
    jar: CookieJar,
) -> Result<Response, AppError> {
    let lang = Lang::parse(&code).ok_or(AppError::Refused(Reason::UnknownLanguage))?;
    let target = crate::http::answer::local_path(&query.next, "/");
    let cookie = cookies::build(LANG_COOKIE, lang.code().to_string(), state.secure_cookies)
        .max_age(time::Duration::days(365));
    Ok((jar.add(cookie), Redirect::to(target)).into_response())
}
