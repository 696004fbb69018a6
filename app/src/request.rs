//! What a page needs to know about the request it renders, usable from components that
//! compile for both the server and the browser. Pages outside islands render only on the
//! server; in the browser these fall back to neutral values.

use crate::i18n::Lang;

pub fn lang() -> Lang {
    #[cfg(feature = "ssr")]
    return crate::context::lang();
    #[cfg(not(feature = "ssr"))]
    return Lang::default();
}

pub fn csrf_token() -> String {
    #[cfg(feature = "ssr")]
    return crate::context::csrf_token();
    #[cfg(not(feature = "ssr"))]
    return String::new();
}

pub fn path() -> String {
    #[cfg(feature = "ssr")]
    return crate::context::request_path();
    #[cfg(not(feature = "ssr"))]
    return String::new();
}

/// Sets the HTTP status of the page being rendered.
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    crate::context::set_status(code);
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// The signed-in user's id, if any.
pub fn user_id() -> Option<i64> {
    #[cfg(feature = "ssr")]
    return crate::context::viewer().map(|v| v.user_id);
    #[cfg(not(feature = "ssr"))]
    return None;
}

/// Lets the server keep this page (finished and compressed) until `at`, or until public
/// data changes, whichever comes first (`server::http::page_cache`). Only for pages that
/// are the same for every visitor in the same language.
pub fn cache_until(at: chrono::DateTime<chrono::Utc>) {
    #[cfg(feature = "ssr")]
    crate::context::cache_until(at);
    #[cfg(not(feature = "ssr"))]
    let _ = at;
}

/// Lets the server keep this page until public data changes (see [`cache_until`]).
pub fn cache_until_changed() {
    #[cfg(feature = "ssr")]
    crate::context::cache_until(crate::context::now() + chrono::Duration::days(1));
}
