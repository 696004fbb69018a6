//! Many locations at once: the CSV export and the all-or-nothing import.

use crate::domain::location::{BusinessId, Location, LocationId};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreResult;

/// What one import did. When `refused` has rows, nothing at all was written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportOutcome {
    pub created: Vec<LocationId>,
    pub updated: Vec<LocationId>,
    /// Rows that matched a location and would not change it (a re-imported export).
    pub unchanged: Vec<LocationId>,
    /// Rows the database refused: a slug taken, a slug changed, an archived store code.
    pub refused: Vec<crate::domain::gbp_csv::RowError>,
}

/// Many locations at once: the CSV export and the all-or-nothing import.
#[async_trait]
pub trait ImportStore: Send + Sync {
    /// Every location of the business that is not archived, with weekly and special
    /// hours (no POIs), ordered by name.
    async fn locations_for_export(&self, business: BusinessId) -> StoreResult<Vec<Location>>;
    /// In one transaction: updates the location whose store code (branch code) matches
    /// each row, or creates one, and raises the public revision once. A row the database
    /// refuses rolls everything back and comes back in `refused`.
    async fn import_locations(
        &self,
        business: BusinessId,
        rows: &[crate::domain::gbp_csv::ImportRow],
        now: DateTime<Utc>,
    ) -> StoreResult<ImportOutcome>;
}
