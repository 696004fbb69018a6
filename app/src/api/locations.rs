//! Editing a location: details and weekly hours in one save.

use crate::domain::hours::DayInput;
use crate::domain::location::LocationDetails;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Saves a location's details and weekly hours. `csrf_token` is checked by the server's
/// CSRF layer before this function runs; it is an argument so the browser sends it.
#[server(input = Json)]
pub async fn save_location(
    csrf_token: String,
    business_id: i64,
    location_id: i64,
    details: LocationDetails,
    hours: Vec<DayInput>,
) -> Result<(), AppError> {
    use crate::context::{app_state, fail, require_location_editor};
    use crate::domain::hours::WeeklyHours;
    let _ = csrf_token;
    require_location_editor(business_id)?;
    match (details.validate(), WeeklyHours::parse(&hours)) {
        (Ok(details), Ok(hours)) => app_state()
            .store
            .update_location(business_id, location_id, &details, &hours, chrono::Utc::now())
            .await
            .map_err(|e| fail(e.into())),
        (details, hours) => Err(fail(AppError::Invalid {
            fields: details.err().unwrap_or_default(),
            hours: hours.err().unwrap_or_default(),
        })),
    }
}
