//! Data for the import/export screen. The file itself goes to the server's own handlers
//! (`server::import`): a download and a multipart upload work without WASM.

use crate::domain::location::BusinessId;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use crate::domain::gbp_csv::MAX_CSV_MB;

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
    use crate::access::Need;
    use crate::context::app_state;
    let (_, membership) = crate::access::business(business, Need::Manager)?;
    let business_name = membership.business_name;
    let summaries = app_state().store.locations_of(business).await?;
    Ok(ImportPageData {
        business_id: business,
        business_name,
        locations: summaries.iter().filter(|l| !l.archived).count(),
    })
}
