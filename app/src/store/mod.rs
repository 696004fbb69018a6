//! The storage port. Server functions and the server's own routes talk to these traits
//! only; `server::store` implements them for SQLite and PostgreSQL, one file per trait.
//! Every method that touches a business's data takes the business id and scopes its query
//! by it.

mod account;
mod archive;
mod federation;
mod history;
mod hours;
mod import;
mod imprint;
mod insights;
mod location_images;
mod locations;
mod nudges;
mod pois;
mod posts;
mod questions;
mod signs;
mod summary;
mod team;

pub use account::{AccountStore, OwnerSetup, UserRecord};
pub use archive::ArchiveStore;
pub use federation::{Attempt, DuePost, DueSpecial, FederationStore, Follower, QueuedDelivery};
pub use history::HistoryStore;
pub use hours::HoursStore;
pub use import::{ImportOutcome, ImportStore};
pub use imprint::{ImprintRecord, ImprintStore};
pub use insights::{Hit, InsightStore};
pub use location_images::LocationImageStore;
pub use locations::{LocationStore, NewLocation};
pub use nudges::NudgeStore;
pub use pois::PoiStore;
pub use posts::{PostSettings, PostStore};
pub use questions::{Arrival, QuestionStore};
pub use signs::{SignPrint, SignStore};
pub use summary::{SummaryRecipient, SummaryStore};
pub use team::{InvitationJoin, TeamStore};

use crate::domain::location::Location;
use crate::domain::team::{Actor, Change};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    #[error("already exists: {0}")]
    Conflict(String),
    #[error(transparent)]
    Other(Box<dyn std::error::Error + Send + Sync>),
}

pub type StoreResult<T> = Result<T, StoreError>;

/// The whole port: every part, plus a liveness check.
#[async_trait]
pub trait Store:
    LocationStore
    + HoursStore
    + AccountStore
    + PoiStore
    + PostStore
    + TeamStore
    + HistoryStore
    + ImportStore
    + SignStore
    + ImprintStore
    + LocationImageStore
    + FederationStore
    + QuestionStore
    + InsightStore
    + NudgeStore
    + SummaryStore
    + ArchiveStore
    + Send
    + Sync
    + 'static
{
    async fn ping(&self) -> StoreResult<()>;
    /// Calls `on_change` when another process raises the public revision, where the backend
    /// can tell (PostgreSQL `LISTEN/NOTIFY`); a no-op where it cannot (SQLite, one process).
    fn listen_public_changes(&self, on_change: std::sync::Arc<dyn Fn() + Send + Sync>);
}

/// Logs a change to business data (and keeps revisions of the location it touched): the
/// one way Nahbar writes its audit log. The change itself is already saved, so a failure to
/// log is reported, not undone.
pub async fn log_change(
    store: &dyn Store,
    actor: &Actor,
    change: Change,
    before: Option<&Location>,
    now: DateTime<Utc>,
) {
    if let Err(error) = store.record_change(actor, &change, before, now).await {
        tracing::error!(%error, action = %change.action, "writing the audit log failed");
    }
}
