//! The holiday rule (closed, as usual, or other hours on public holidays) and a pasted
//! OpenStreetMap `opening_hours` value replacing the hours.

use super::{back, save, some_intervals};
use crate::ServerState;
use crate::http::access::LocationEditor;
use crate::http::answer;
use app::domain::osm::import_hours;
use app::domain::schedule::HolidayRule;
use app::error::AppError;
use axum::Form;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct RuleForm {
    rule: String,
    #[serde(default)]
    hours: String,
}

pub async fn set_holiday_rule(
    State(state): State<ServerState>,
    editor: LocationEditor,
    Form(form): Form<RuleForm>,
) -> Result<Response, AppError> {
    let rule = match form.rule.as_str() {
        "closed" => HolidayRule::Closed,
        "as_usual" => HolidayRule::AsUsual,
        "hours" => match some_intervals(&form.hours) {
            Some(list) => HolidayRule::Hours(list),
            None => return Ok(back(editor.id(), "error=hours")),
        },
        _ => return Err(AppError::choice("rule", &["closed", "as_usual", "hours"])),
    };
    let mut hours = editor.location.opening_hours();
    hours.holiday_rule = rule;
    save(&state, &editor, &hours, "hours.holiday_rule", &form.rule).await
}

#[derive(Deserialize)]
pub struct OsmForm {
    value: String,
}

/// Replaces the hours with a pasted OSM value; a refused value comes back with the reason
/// and the typed text.
pub async fn import_osm(
    State(state): State<ServerState>,
    editor: LocationEditor,
    Form(form): Form<OsmForm>,
) -> Result<Response, AppError> {
    let location = &editor.location;
    match import_hours(&form.value, &location.details.address.region) {
        Ok(mut hours) => {
            if !form.value.contains("PH") {
                hours.holiday_rule = location.holiday_rule.clone();
            }
            save(&state, &editor, &hours, "hours.osm_import", &form.value).await
        }
        Err(error) => {
            let reason = error.to_string();
            let query =
                answer::query([("error", "osm"), ("osm_error", &reason), ("osm", &form.value)]);
            Ok(back(editor.id(), &query))
        }
    }
}
