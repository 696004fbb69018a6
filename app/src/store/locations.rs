//! Businesses and their locations: creating, reading (public and business-scoped), editing
//! details, archiving.

use crate::domain::hours::WeeklyHours;
use crate::domain::location::{BusinessId, Location, LocationDetails, LocationId, LocationSummary};
use crate::domain::slug::Slug;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreResult;

pub struct NewLocation {
    pub business_id: BusinessId,
    pub slug: Slug,
    pub details: LocationDetails,
    pub hours: WeeklyHours,
}

#[async_trait]
pub trait LocationStore: Send + Sync {
    // Tenants and their locations.
    async fn create_business(&self, name: &str, now: DateTime<Utc>) -> StoreResult<BusinessId>;
    async fn business_count(&self) -> StoreResult<i64>;
    async fn create_location(
        &self,
        new: &NewLocation,
        now: DateTime<Utc>,
    ) -> StoreResult<LocationId>;
    // Public reads: only what the local pages publish.
    async fn location_by_slug(&self, slug: &str) -> StoreResult<Option<Location>>;
    async fn public_locations(&self) -> StoreResult<Vec<LocationSummary>>;

    // Business-scoped reads and writes. A location of another business is `NotFound`.
    async fn locations_of(&self, business: BusinessId) -> StoreResult<Vec<LocationSummary>>;
    async fn location(&self, business: BusinessId, id: LocationId) -> StoreResult<Location>;
    /// Archives a location (kept with its history, no longer public) or brings it back.
    async fn set_location_archived(
        &self,
        business: BusinessId,
        id: LocationId,
        archived: bool,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    async fn update_location(
        &self,
        business: BusinessId,
        id: LocationId,
        details: &LocationDetails,
        hours: &WeeklyHours,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
}
