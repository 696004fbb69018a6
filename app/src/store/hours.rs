//! Opening hours: special hours and closures, and replacing a location's hours whole.

use crate::domain::location::{BusinessId, LocationId};
use crate::domain::schedule::{OpeningHours, SpecialHours};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreResult;

#[async_trait]
pub trait HoursStore: Send + Sync {
    async fn add_special_hours(
        &self,
        business: BusinessId,
        location: LocationId,
        special: &SpecialHours,
        now: DateTime<Utc>,
    ) -> StoreResult<i64>;
    async fn delete_special_hours(
        &self,
        business: BusinessId,
        location: LocationId,
        id: i64,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// Replaces weekly hours, holiday rule and special hours at once (an OSM import).
    async fn replace_opening_hours(
        &self,
        business: BusinessId,
        location: LocationId,
        hours: &OpeningHours,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
}
