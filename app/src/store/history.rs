//! The audit log and the revision history of locations.

use crate::domain::location::{BusinessId, Location, LocationId, NewPoiInput};
use crate::domain::team::{Actor, AuditEntry, Change, Revision, RevisionKind};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreResult;

/// The audit log and the revision history of locations.
#[async_trait]
pub trait HistoryStore: Send + Sync {
    /// Logs a change. With a location, it also keeps a new revision of every part
    /// (details, hours, POIs) that differs from its last revision; `before` is the
    /// location as it was, kept first when a part has no revision yet.
    async fn record_change(
        &self,
        actor: &Actor,
        change: &Change,
        before: Option<&Location>,
        now: DateTime<Utc>,
    ) -> StoreResult<i64>;
    async fn audit_log(
        &self,
        business: BusinessId,
        limit: i64,
        before_id: Option<i64>,
    ) -> StoreResult<Vec<AuditEntry>>;
    async fn revisions(
        &self,
        business: BusinessId,
        location: LocationId,
        kind: RevisionKind,
    ) -> StoreResult<Vec<Revision>>;
    async fn revision(
        &self,
        business: BusinessId,
        location: LocationId,
        id: i64,
    ) -> StoreResult<Revision>;
    /// Replaces every POI of the location (restoring a revision), in one transaction.
    async fn replace_pois(
        &self,
        business: BusinessId,
        location: LocationId,
        pois: &[NewPoiInput],
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
}
