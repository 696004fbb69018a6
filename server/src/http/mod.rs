//! HTTP plumbing shared by every capability, and no business rules: who asks
//! (`access`, `session`), how to answer (`answer`), CSRF, cookies, the language, the
//! cache of finished customer pages (`page_cache`), and the listening socket that stops
//! without failing a request (`listener`).

pub mod access;
pub mod answer;
pub mod cookies;
pub mod csrf;
pub mod lang;
pub mod listener;
pub mod page_cache;
pub mod proxy;
pub mod session;
pub mod upload;
