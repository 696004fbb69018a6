//! The facts behind the dashboard's nudges, and "still right" for a location's hours.

use crate::domain::location::{BusinessId, LocationId};
use crate::domain::nudges::LocationFacts;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreResult;

#[async_trait]
pub trait NudgeStore: Send + Sync {
    /// What the nudges of a location are made of, as of `now` (failing deliveries: the
    /// week before `now`).
    async fn location_facts(
        &self,
        business: BusinessId,
        location: LocationId,
        now: DateTime<Utc>,
    ) -> StoreResult<LocationFacts>;
    /// "The hours are still right": the 90 days start again.
    async fn confirm_hours(
        &self,
        business: BusinessId,
        location: LocationId,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
}
