//! Insights: counted requests as they arrive (kept at most `KEEP_RAW_DAYS`), the daily
//! figures rolled up from them, and the figures a screen reads.

use crate::domain::insights::{DailyRow, Metric};
use crate::domain::location::LocationId;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

use super::StoreResult;

/// One counted request, as the server's counter hands it over. `visitor` is a hash of a
/// salt that lives only in memory for one day, the address and the browser: it tells two
/// visitors of the same day apart and nothing else.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub slug: String,
    pub metric: Metric,
    pub subject: String,
    pub referrer: String,
    pub visitor: String,
    pub at: DateTime<Utc>,
    /// How many identical requests (same second, page, visitor and referrer) this is.
    pub hits: i64,
}

#[async_trait]
pub trait InsightStore: Send + Sync {
    /// Stores the hits whose slug names a public location, on the location's local day;
    /// the others are dropped. Returns how many requests were stored.
    async fn record_hits(&self, hits: &[Hit]) -> StoreResult<usize>;
    /// Computes the daily figures of every day from `from` on again from the counted
    /// requests (idempotent: the same requests give the same figures, however often).
    async fn roll_up_insights(&self, from: NaiveDate) -> StoreResult<()>;
    /// Deletes counted requests of days before `before`; the daily figures stay.
    async fn purge_hits(&self, before: NaiveDate) -> StoreResult<u64>;
    /// Deletes daily figures of days before `before`.
    async fn purge_daily_figures(&self, before: NaiveDate) -> StoreResult<u64>;
    /// The daily figures of a location from `first` to `last`.
    async fn daily_figures(
        &self,
        location: LocationId,
        first: NaiveDate,
        last: NaiveDate,
    ) -> StoreResult<Vec<DailyRow>>;
    /// How many counted requests of the location are still kept (the retention's check).
    async fn raw_hit_count(&self, location: LocationId) -> StoreResult<i64>;
}
