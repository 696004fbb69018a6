//! The `account` capability: signing in and out, the first owner's setup link, and a
//! person's own password and sessions (`/login`, `/logout`, `/setup/{token}`,
//! `/admin/account/…`).

mod login;
mod sessions;
mod setup;

pub use login::{login, logout};
pub use sessions::{change_password, end_other_sessions, end_session};
pub use setup::setup;
