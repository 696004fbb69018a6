//! Data for the POI screen. Its forms post to the server's `/admin/locations/{id}/pois…`
//! handlers, so the screen works without WASM; the map picker is a progressive script.

use crate::domain::location::{BusinessId, Location};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PoisPageData {
    pub business_id: BusinessId,
    /// With every POI, internal ones included.
    pub location: Location,
    pub tile_url: String,
    pub siblings: Vec<crate::domain::location::LocationSummary>,
}

#[server]
pub async fn get_pois_page(id: i64) -> Result<PoisPageData, AppError> {
    use crate::api::locations::get_location_for_edit;
    use crate::context::app_state;
    let data = get_location_for_edit(id).await?;
    Ok(PoisPageData {
        business_id: data.business_id,
        location: data.location,
        tile_url: app_state().tile_url,
        siblings: data.siblings,
    })
}
