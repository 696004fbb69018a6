//! Data loaders for the server-rendered pages.

use crate::domain::location::{BusinessId, Location, LocationSummary, Membership};
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
}

/// A public location page's data; only public POIs are included.
#[server]
pub async fn get_local_page(slug: String) -> Result<LocalPageData, AppError> {
    use crate::context::{app_state, fail};
    let state = app_state();
    match state.store.location_by_slug(&slug).await.map_err(AppError::from)? {
        Some(location) => Ok(LocalPageData {
            posts: state.store.published_posts(location.id, 10).await.map_err(AppError::from)?,
            location,
            public_url: state.public_url.clone(),
            tile_url: state.tile_url.clone(),
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

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct BusinessLocations {
    pub membership: Membership,
    pub locations: Vec<LocationSummary>,
    /// Per location: public holidays in the next 30 days whose hours nobody confirmed.
    pub unconfirmed: Vec<Vec<crate::domain::holidays::Holiday>>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DashboardData {
    pub display_name: String,
    pub businesses: Vec<BusinessLocations>,
}

#[server]
pub async fn get_dashboard() -> Result<DashboardData, AppError> {
    use crate::context::{app_state, require_viewer};
    let viewer = require_viewer()?;
    let store = app_state().store;
    let mut businesses = Vec::new();
    for membership in viewer.memberships {
        let locations = store.locations_of(membership.business_id).await?;
        let mut unconfirmed = Vec::with_capacity(locations.len());
        for summary in &locations {
            let location = store.location(membership.business_id, summary.id).await?;
            let today = chrono::Utc::now().with_timezone(&location.details.tz()).date_naive();
            let hours = location.opening_hours();
            unconfirmed.push(hours.unconfirmed_holidays(today, today + chrono::Duration::days(30)));
        }
        businesses.push(BusinessLocations { membership, locations, unconfirmed });
    }
    Ok(DashboardData { display_name: viewer.display_name, businesses })
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct EditLocationData {
    pub business_id: BusinessId,
    pub location: Location,
    /// Regions with public-holiday rules, for the editor's select.
    pub regions: Vec<(String, String)>,
    /// Every location of the business (this one too, archived ones last): the location
    /// switcher and "apply to other locations".
    pub siblings: Vec<LocationSummary>,
}

/// The location with this id among the businesses the viewer may edit.
#[server]
pub async fn get_location_for_edit(id: i64) -> Result<EditLocationData, AppError> {
    use crate::context::{app_state, fail, require_viewer};
    use crate::store::StoreError;
    let viewer = require_viewer()?;
    let store = app_state().store;
    for membership in viewer.memberships.iter().filter(|m| m.role.can_edit_locations()) {
        match store.location(membership.business_id, id).await {
            Ok(location) => {
                let regions = crate::domain::holidays::regions()
                    .into_iter()
                    .map(|(code, name)| (code.to_string(), name.to_string()))
                    .collect();
                let siblings =
                    store.locations_of(membership.business_id).await.map_err(|e| fail(e.into()))?;
                return Ok(EditLocationData {
                    business_id: membership.business_id,
                    location,
                    regions,
                    siblings,
                });
            }
            Err(StoreError::NotFound) => continue,
            Err(other) => return Err(fail(other.into())),
        }
    }
    Err(fail(AppError::NotFound))
}

/// Whether a one-time setup link can still be used.
#[server]
pub async fn check_setup_token(token: String) -> Result<bool, AppError> {
    use crate::context::app_state;
    use crate::context::hash_token;
    Ok(app_state().store.setup_token_valid(&hash_token(&token), chrono::Utc::now()).await?)
}
