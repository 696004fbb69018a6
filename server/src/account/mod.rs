//! The `account` capability: signing in and out, the first owner's setup link, and a
//! person's own password, weekly summary and sessions (`/login`, `/logout`, `/setup/{token}`,
//! `/admin/account/…`).

mod login;
mod sessions;
mod setup;
mod summary;

pub use login::{login, logout};
pub use sessions::{change_password, end_other_sessions, end_session};
pub use setup::setup;
pub use summary::set_summary;
