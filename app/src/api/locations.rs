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
    // The region is checked here, not in `validate`, so the holiday data stays out of WASM.
    let region = details.address.region.clone();
    let region_ok = region.is_empty() || crate::domain::holidays::is_known_region(&region);
    let details = details.validate().and_then(|d| {
        if region_ok {
            Ok(d)
        } else {
            Err(vec![crate::domain::location::FieldError {
                field: "region".into(),
                problem: crate::domain::location::FieldProblem::UnknownRegion,
            }])
        }
    });
    match (details, WeeklyHours::parse(&hours)) {
        (Ok(details), Ok(hours)) => {
            let store = app_state().store;
            let before =
                store.location(business_id, location_id).await.map_err(|e| fail(e.into()))?;
            store
                .update_location(business_id, location_id, &details, &hours, chrono::Utc::now())
                .await
                .map_err(|e| fail(e.into()))?;
            let change = crate::domain::team::Change {
                business_id,
                location_id: Some(location_id),
                action: "location.save".into(),
                detail: details.name.clone(),
            };
            crate::context::record_change(&crate::context::actor(), change, Some(&before)).await;
            Ok(())
        }
        (details, hours) => Err(fail(AppError::Invalid {
            fields: details.err().unwrap_or_default(),
            hours: hours.err().unwrap_or_default(),
        })),
    }
}
