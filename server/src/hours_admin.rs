//! Form handlers of the special-hours screen (`/admin/locations/{id}/…`). Each checks that
//! the signed-in user may edit this location's business (a foreign or missing location is
//! the same 404), validates, writes, and redirects back with `?saved` or `?error=…`.

use crate::ServerState;
use app::context::Viewer;
use app::domain::location::{BusinessId, Location};
use app::domain::osm::import_hours;
use app::domain::schedule::{HolidayRule, SpecialHours, intervals_from_text};
use app::domain::team::{Actor, Change};
use app::store::StoreError;
use app::store::log_change;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{NaiveDate, Utc};
use http::StatusCode;
use serde::Deserialize;

pub(crate) fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "There is no location with this address that you may edit.")
        .into_response()
}

/// The location named by the `{id}` path segment, if the signed-in user may edit it.
/// Anonymous users go to the login; a foreign or missing location is the same 404.
pub struct Editable {
    pub business: BusinessId,
    /// The location as it was before this request changes it.
    pub location: Location,
    pub actor: Actor,
}

impl Editable {
    /// Logs the change when `result` says it was saved (and keeps the location's new
    /// revisions), then hands `result` on.
    pub async fn logged<T>(
        &self,
        state: &ServerState,
        action: &str,
        detail: &str,
        result: Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        if result.is_ok() {
            let change = Change {
                business_id: self.business,
                location_id: Some(self.location.id),
                action: action.to_string(),
                detail: detail.to_string(),
            };
            log_change(state.app.store.as_ref(), &self.actor, change, Some(&self.location)).await;
        }
        result
    }
}

impl axum::extract::FromRequestParts<ServerState> for Editable {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut http::request::Parts,
        state: &ServerState,
    ) -> Result<Self, Self::Rejection> {
        let Path(params) =
            Path::<std::collections::HashMap<String, String>>::from_request_parts(parts, state)
                .await
                .map_err(|_| not_found())?;
        let id: i64 = params.get("id").and_then(|id| id.parse().ok()).ok_or_else(not_found)?;
        let Some(viewer) = parts.extensions.get::<Viewer>().cloned() else {
            return Err(Redirect::to("/login").into_response());
        };
        for membership in viewer.memberships.iter().filter(|m| m.role.can_edit_locations()) {
            match state.app.store.location(membership.business_id, id).await {
                Ok(location) => {
                    let actor = app::context::actor_of(parts);
                    return Ok(Editable { business: membership.business_id, location, actor });
                }
                Err(StoreError::NotFound) => continue,
                Err(error) => {
                    tracing::error!(%error, "loading a location failed");
                    return Err(crate::internal_error());
                }
            }
        }
        Err(not_found())
    }
}

fn back(id: i64, query: &str) -> Response {
    Redirect::to(&format!("/admin/locations/{id}/hours?{query}")).into_response()
}

fn done(id: i64, result: Result<(), StoreError>) -> Response {
    match result {
        Ok(()) => back(id, "saved=1"),
        Err(StoreError::NotFound) => not_found(),
        Err(error) => {
            tracing::error!(%error, "saving hours failed");
            crate::internal_error()
        }
    }
}

/// `10:00-14:00,15:00-18:00` (also with spaces or en dashes); an empty text is "closed".
fn parse_intervals(text: &str) -> Option<Vec<app::domain::hours::Interval>> {
    let cleaned: String = text.replace(['–', '—'], "-").split_whitespace().collect();
    intervals_from_text(&cleaned).filter(|list| list.iter().all(|i| i.opens != i.closes))
}

#[derive(Deserialize)]
pub struct SpecialForm {
    from: String,
    #[serde(default)]
    to: String,
    closed: Option<String>,
    #[serde(default)]
    hours: String,
    #[serde(default)]
    note: String,
}

pub async fn add_special(
    State(state): State<ServerState>,
    editable: Editable,
    Form(form): Form<SpecialForm>,
) -> Response {
    let (business, location) = (editable.business, &editable.location);
    let id = location.id;
    let from = NaiveDate::parse_from_str(form.from.trim(), "%Y-%m-%d").ok();
    let to = if form.to.trim().is_empty() {
        from
    } else {
        NaiveDate::parse_from_str(form.to.trim(), "%Y-%m-%d").ok()
    };
    let (Some(from), Some(to)) = (from, to) else { return back(id, "error=dates") };
    if to < from || (to - from).num_days() > 366 {
        return back(id, "error=dates");
    }
    let intervals = if form.closed.is_some() || form.hours.trim().is_empty() {
        Vec::new()
    } else {
        match parse_intervals(&form.hours) {
            Some(list) if !list.is_empty() => list,
            _ => return back(id, "error=hours"),
        }
    };
    let note: String = form.note.trim().chars().take(200).collect();
    let detail = format!("{from}–{to} {note}");
    let special = SpecialHours { id: 0, from, to, intervals, note };
    let result =
        state.app.store.add_special_hours(business, id, &special, Utc::now()).await.map(|_| ());
    done(id, editable.logged(&state, "hours.special.add", detail.trim(), result).await)
}

pub async fn delete_special(
    State(state): State<ServerState>,
    editable: Editable,
    Path((_, special)): Path<(i64, i64)>,
) -> Response {
    let (business, location) = (editable.business, &editable.location);
    let id = location.id;
    let gone = location.special.iter().find(|s| s.id == special);
    let detail = gone.map(|s| format!("{}–{} {}", s.from, s.to, s.note)).unwrap_or_default();
    let result = state.app.store.delete_special_hours(business, id, special, Utc::now()).await;
    done(id, editable.logged(&state, "hours.special.delete", detail.trim(), result).await)
}

#[derive(Deserialize)]
pub struct RuleForm {
    rule: String,
    #[serde(default)]
    hours: String,
}

pub async fn set_holiday_rule(
    State(state): State<ServerState>,
    editable: Editable,
    Form(form): Form<RuleForm>,
) -> Response {
    let (business, location) = (editable.business, &editable.location);
    let id = location.id;
    let rule = match form.rule.as_str() {
        "closed" => HolidayRule::Closed,
        "as_usual" => HolidayRule::AsUsual,
        "hours" => match parse_intervals(&form.hours) {
            Some(list) if !list.is_empty() => HolidayRule::Hours(list),
            _ => return back(id, "error=hours"),
        },
        _ => {
            return (StatusCode::UNPROCESSABLE_ENTITY, "rule must be closed, as_usual or hours")
                .into_response();
        }
    };
    let mut hours = location.opening_hours();
    hours.holiday_rule = rule;
    let result = state.app.store.replace_opening_hours(business, id, &hours, Utc::now()).await;
    done(id, editable.logged(&state, "hours.holiday_rule", &form.rule, result).await)
}

#[derive(Deserialize)]
pub struct HolidayForm {
    action: String,
    #[serde(default)]
    hours: String,
}

/// One tap on a listed holiday: an entry for that date, closed, with the weekly hours, or
/// with the hours typed next to it.
pub async fn confirm_holiday(
    State(state): State<ServerState>,
    editable: Editable,
    Path((_, date)): Path<(i64, String)>,
    Form(form): Form<HolidayForm>,
) -> Response {
    let (business, location) = (editable.business, &editable.location);
    let id = location.id;
    let Ok(date) = NaiveDate::parse_from_str(&date, "%Y-%m-%d") else {
        return back(id, "error=dates");
    };
    let region = &location.details.address.region;
    let Some(holiday) =
        app::domain::holidays::holidays_between(region, date, date).into_iter().next()
    else {
        return back(id, "error=dates");
    };
    let intervals = match form.action.as_str() {
        "closed" => Vec::new(),
        "as_usual" => {
            use app::domain::hours::Schedule;
            location.hours.intervals_on(date).to_vec()
        }
        "hours" => match parse_intervals(&form.hours) {
            Some(list) if !list.is_empty() => list,
            _ => return back(id, "error=hours"),
        },
        _ => {
            return (StatusCode::UNPROCESSABLE_ENTITY, "action must be closed, as_usual or hours")
                .into_response();
        }
    };
    let detail = format!("{date} {}", holiday.name_de);
    let special = SpecialHours { id: 0, from: date, to: date, intervals, note: holiday.name_de };
    let result =
        state.app.store.add_special_hours(business, id, &special, Utc::now()).await.map(|_| ());
    done(id, editable.logged(&state, "hours.holiday", &detail, result).await)
}

#[derive(Deserialize)]
pub struct OsmForm {
    value: String,
}

/// Replaces the hours with a pasted OSM value; a refused value comes back with the reason.
pub async fn import_osm(
    State(state): State<ServerState>,
    editable: Editable,
    Form(form): Form<OsmForm>,
) -> Response {
    let (business, location) = (editable.business, &editable.location);
    let id = location.id;
    match import_hours(&form.value, &location.details.address.region) {
        Ok(mut hours) => {
            if !form.value.contains("PH") {
                hours.holiday_rule = location.holiday_rule.clone();
            }
            let result =
                state.app.store.replace_opening_hours(business, id, &hours, Utc::now()).await;
            done(id, editable.logged(&state, "hours.osm_import", form.value.trim(), result).await)
        }
        Err(error) => {
            let query: String = form_urlencoded::Serializer::new(String::new())
                .append_pair("error", "osm")
                .append_pair("osm_error", &error.to_string())
                .append_pair("osm", &form.value)
                .finish();
            back(id, &query)
        }
    }
}
