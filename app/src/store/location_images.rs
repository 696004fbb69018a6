//! A location's logo and cover photo (see `domain::location_image`).

use crate::domain::location::{BusinessId, LocationId};
use crate::domain::location_image::{ImageKind, LocationImages};
use crate::domain::post::PostPhoto;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreResult;

#[async_trait]
pub trait LocationImageStore: Send + Sync {
    /// The location's logo and cover (none set: both `None`).
    async fn location_images(&self, location: LocationId) -> StoreResult<LocationImages>;
    /// Sets the logo or cover of a location of `business` to an already stored photo (its
    /// `alt` is kept) and raises the public revision, so cached pages show it at once.
    /// `NotFound` for a location of another business.
    async fn set_location_image(
        &self,
        business: BusinessId,
        location: LocationId,
        kind: ImageKind,
        photo: &PostPhoto,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// Removes the logo or cover (nothing set: nothing happens) and raises the public
    /// revision. The files stay: the same photo may be a post's too.
    async fn remove_location_image(
        &self,
        business: BusinessId,
        location: LocationId,
        kind: ImageKind,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
}
