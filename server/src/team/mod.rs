//! The `team` capability: the team screen's forms (`/admin/team/{business}/…`, owners
//! only) and the invitation link (`/invite/{token}`). Membership is read on every request,
//! so a changed role or a removal takes effect with the person's next request; a removal
//! that leaves someone without any business also ends their sessions.

mod invitation;
mod members;

pub use invitation::{accept, invite, revoke};
pub use members::{remove, set_role};
