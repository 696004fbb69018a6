//! Data of the logo and cover screen of a location (`/admin/locations/{id}/images`).

use crate::domain::location::{BusinessId, LocationSummary};
use crate::domain::location_image::LocationImages;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct LocationImagesPageData {
    pub business_id: BusinessId,
    pub location_id: i64,
    pub name: String,
    pub slug: String,
    pub images: LocationImages,
    pub siblings: Vec<LocationSummary>,
}

/// Managers and owners of the location's business; anyone else gets the same 404 as for a
/// missing location.
#[server]
pub async fn get_location_images_page(id: i64) -> Result<LocationImagesPageData, AppError> {
    use crate::access::{Need, location_of_viewer};
    use crate::context::app_state;
    let (membership, location) = location_of_viewer(id, Need::Manager).await?;
    let state = app_state();
    Ok(LocationImagesPageData {
        business_id: membership.business_id,
        location_id: location.id,
        name: location.details.name.clone(),
        slug: location.slug.clone(),
        images: state.store.location_images(location.id).await?,
        siblings: state.store.locations_of(membership.business_id).await?,
    })
}
