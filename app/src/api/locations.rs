//! The staff app's start (every location of the viewer's businesses) and editing a
//! location: its details and weekly hours in one save.

use crate::domain::hours::DayInput;
use crate::domain::location::{BusinessId, Location, LocationDetails, LocationSummary, Membership};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct BusinessLocations {
    pub membership: Membership,
    pub locations: Vec<LocationSummary>,
    /// What needs this viewer, most pressing first.
    pub nudges: Vec<crate::domain::nudges::Nudge>,
    /// Per location: new questions (the inbox's badge).
    pub new_questions: Vec<i64>,
    /// Whether this viewer sees the inbox (managers and owners; staff when allowed).
    pub sees_questions: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DashboardData {
    pub display_name: String,
    pub businesses: Vec<BusinessLocations>,
}

#[server]
pub async fn get_dashboard() -> Result<DashboardData, AppError> {
    use crate::context::{app_state, now};
    let viewer = crate::access::signed_in()?;
    let state = app_state();
    let store = &state.store;
    let mut businesses = Vec::new();
    for membership in viewer.memberships {
        let locations = store.locations_of(membership.business_id).await?;
        let mut new_questions = Vec::with_capacity(locations.len());
        for summary in &locations {
            new_questions.push(store.question_counts(summary.id).await?.new);
        }
        let sees_questions = membership.role.can_edit_locations()
            || store.staff_see_questions(membership.business_id).await?;
        let nudges = crate::api::nudges::business_nudges(
            &state,
            &membership,
            &locations,
            sees_questions,
            now(),
        )
        .await?;
        businesses.push(BusinessLocations {
            nudges,
            new_questions,
            sees_questions,
            membership,
            locations,
        });
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
    use crate::access::{Need, location_of_viewer};
    use crate::context::{app_state, fail};
    let (membership, location) = location_of_viewer(id, Need::Manager).await?;
    let regions = crate::domain::holidays::regions()
        .into_iter()
        .map(|(code, name)| (code.to_string(), name.to_string()))
        .collect();
    let siblings =
        app_state().store.locations_of(membership.business_id).await.map_err(|e| fail(e.into()))?;
    Ok(EditLocationData { business_id: membership.business_id, location, regions, siblings })
}

/// Saves a location's details and weekly hours: the one server function that writes, called
/// by the location editor island. `csrf_token` is checked by the server's CSRF layer before
/// this function runs; it is an argument so the browser sends it.
#[server(input = Json)]
pub async fn save_location(
    csrf_token: String,
    business_id: i64,
    location_id: i64,
    details: LocationDetails,
    hours: Vec<DayInput>,
) -> Result<(), AppError> {
    use crate::access::{Need, business};
    use crate::context::{actor, app_state, fail, now};
    use crate::domain::hours::WeeklyHours;
    let _ = csrf_token;
    business(business_id, Need::Manager)?;
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
            let now = now();
            store
                .update_location(business_id, location_id, &details, &hours, now)
                .await
                .map_err(|e| fail(e.into()))?;
            let change = crate::domain::team::Change {
                business_id,
                location_id: Some(location_id),
                action: "location.save".into(),
                detail: details.name.clone(),
            };
            crate::store::log_change(store.as_ref(), &actor(), change, Some(&before), now).await;
            Ok(())
        }
        (details, hours) => Err(fail(AppError::Invalid {
            fields: details.err().unwrap_or_default(),
            hours: hours.err().unwrap_or_default(),
        })),
    }
}
