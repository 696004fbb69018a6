//! POIs and the public revision the nearby index follows.

use crate::domain::location::{BusinessId, Location, LocationId, NewPoiInput};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreResult;

/// POIs and the public revision that the nearby index follows.
#[async_trait]
pub trait PoiStore: Send + Sync {
    async fn add_poi(
        &self,
        business: BusinessId,
        location: LocationId,
        poi: &NewPoiInput,
        now: DateTime<Utc>,
    ) -> StoreResult<i64>;
    async fn update_poi(
        &self,
        business: BusinessId,
        location: LocationId,
        id: i64,
        poi: &NewPoiInput,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    async fn delete_poi(
        &self,
        business: BusinessId,
        location: LocationId,
        id: i64,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// Sets the order of the location's POIs; `order` must name each of them once.
    async fn reorder_pois(
        &self,
        business: BusinessId,
        location: LocationId,
        order: &[i64],
        now: DateTime<Utc>,
    ) -> StoreResult<()>;

    /// Raised by every change to public data (locations, hours, POIs, published posts): the
    /// nearby index and the page cache follow it.
    async fn public_revision(&self) -> StoreResult<i64>;
    /// Every location with its public POIs (the nearby index and the GeoJSON of all).
    async fn public_locations_full(&self) -> StoreResult<Vec<Location>>;
}
