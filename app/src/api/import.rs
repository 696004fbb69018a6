//! Data for the import/export screen. The file itself goes to the server's own handlers
//! (`server::locations_csv`): a download and a multipart upload work without WASM.

use crate::domain::location::BusinessId;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The largest CSV file an import takes.
pub const MAX_CSV_MB: usize = 10;

/// How many problems the redirect after a failed upload without JavaScript carries.
pub const PROBLEMS_IN_URL: usize = 20;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ImportPageData {
    pub business_id: BusinessId,
    pub business_name: String,
    /// Locations the export holds (archived ones are left out).
    pub locations: usize,
}

/// The business as the import screen shows it, for its owners and managers; anyone else
/// gets the same answer as for a business that does not exist.
#[server]
pub async fn get_import_page(business: i64) -> Result<ImportPageData, AppError> {
    use crate::context::{app_state, require_location_editor};
    let viewer = require_location_editor(business)?;
    let business_name = viewer
        .memberships
        .iter()
        .find(|m| m.business_id == business)
        .map(|m| m.business_name.clone())
        .unwrap_or_default();
    let summaries = app_state().store.locations_of(business).await?;
    Ok(ImportPageData {
        business_id: business,
        business_name,
        locations: summaries.iter().filter(|l| !l.archived).count(),
    })
}
