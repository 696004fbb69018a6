//! Data of the customer pages: a location's local page and the start page. Only what the
//! local pages publish (public POIs, published posts) is read here.

use crate::domain::location::{Location, LocationSummary};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct LocalPageData {
    pub location: Location,
    pub public_url: String,
    /// Map tiles, used only when the customer asks for the map.
    pub tile_url: String,
    /// The newest published posts.
    pub posts: Vec<crate::domain::post::Post>,
    /// The request's time by Nahbar's clock: "open now" is evaluated at it.
    pub now: chrono::DateTime<chrono::Utc>,
    /// The logo and cover photo.
    pub images: crate::domain::location_image::LocationImages,
    /// Customers' questions the shop answered and shows (with their consent).
    pub answers: Vec<crate::domain::question::PublicAnswer>,
}

/// A public location page's data; only public POIs are included.
#[server]
pub async fn get_local_page(slug: String) -> Result<LocalPageData, AppError> {
    use crate::context::{app_state, fail};
    let state = app_state();
    match state.store.location_by_slug(&slug).await? {
        Some(location) => Ok(LocalPageData {
            posts: state.store.published_posts(location.id, 10).await?,
            images: state.store.location_images(location.id).await?,
            answers: state.store.published_answers(location.id).await?,
            location,
            public_url: state.public_url.clone(),
            tile_url: state.tile_url.clone(),
            now: state.clock.now(),
        }),
        None => Err(fail(AppError::NotFound)),
    }
}

/// The start page: every public location, by business, and the address the JSON-LD
/// graph is built on.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PublicLocations {
    pub public_url: String,
    pub locations: Vec<LocationSummary>,
}

#[server]
pub async fn get_public_locations() -> Result<PublicLocations, AppError> {
    use crate::context::app_state;
    let state = app_state();
    let locations = state.store.public_locations().await?;
    Ok(PublicLocations { public_url: state.public_url.to_string(), locations })
}
