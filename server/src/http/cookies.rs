//! Every cookie Nahbar sets is HttpOnly, path-wide, and Secure when served over https.

use cookie::{Cookie, CookieBuilder, SameSite};

pub fn build(name: &'static str, value: String, secure: bool) -> CookieBuilder<'static> {
    Cookie::build((name, value)).path("/").http_only(true).secure(secure).same_site(SameSite::Lax)
}

pub fn removal(name: &'static str) -> Cookie<'static> {
    Cookie::build((name, "")).path("/").build()
}
