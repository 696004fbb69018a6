//! The `posts` capability: what staff publish from the shop floor. Photo uploads and the
//! share target (`upload`), creating a post (`create`), moving it between states and the
//! publishing rules (`act`), the outbox's session check (`outbox`) and the job that
//! publishes scheduled posts (`scheduler`). Every write checks the member's role in the
//! post's business (`app::access`); a post of another business is the same 404 as a
//! missing one.

mod act;
mod create;
mod outbox;
mod scheduler;
mod upload;

pub use act::{act, settings};
pub use create::create;
pub use outbox::outbox_session;
pub use scheduler::scheduler;
pub use upload::{media_known, share, upload};
