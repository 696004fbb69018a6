//! The `hours` capability: the forms of the special-hours screen
//! (`/admin/locations/{id}/…`): special hours and closures, a confirmed public holiday, the
//! holiday rule, "still right" from the dashboard, a pasted OSM `opening_hours` value, recurring rules (every-year dates,
//! seasons, n-th weekdays), and copying hours to other locations.
//! Each handler has one shape: the `LocationEditor` extractor (a foreign or missing
//! location is the same 404) → the form read into a domain type → one store call → the
//! audit log → a redirect back with `?saved` or `?error=…` for the page to word.
//!
//! Whole hours (weekly, holiday rule, special hours) are written by one function, [`save`];
//! the editor island's `save_location` server function writes details and weekly hours.

mod apply;
mod recurring;
mod rules;
mod special;

pub use apply::apply_hours;
pub use recurring::{add_rule, delete_rule};
pub use rules::{import_osm, set_holiday_rule};
pub use special::{add_special, confirm_holiday, delete_special};

use crate::ServerState;
use crate::http::access::LocationEditor;
use crate::http::answer;
use app::domain::hours::Interval;
use app::domain::schedule::{OpeningHours, intervals_from_text};
use app::error::AppError;
use axum::response::Response;

/// Back to the special-hours screen with `query` (`saved=1`, `error=dates` …).
fn back(id: i64, query: &str) -> Response {
    answer::to(format!("/admin/locations/{id}/hours?{query}"))
}

/// "Still right" from the dashboard: the hours were looked at and are right, so the
/// dashboard stops asking for 90 days. Back to the dashboard, which says thank you.
pub async fn confirm_hours(
    axum::extract::State(state): axum::extract::State<ServerState>,
    editor: LocationEditor,
) -> Result<Response, AppError> {
    state.store().confirm_hours(editor.business, editor.id(), state.now()).await?;
    editor.log(&state, "hours.confirm", &editor.location.details.name).await;
    Ok(answer::to(format!("/admin?hours_confirmed={}", editor.id())))
}

/// Replaces the location's whole hours and logs the change: the one way the hours
/// capability saves weekly hours and the holiday rule.
async fn save(
    state: &ServerState,
    editor: &LocationEditor,
    hours: &OpeningHours,
    action: &str,
    detail: &str,
) -> Result<Response, AppError> {
    let id = editor.id();
    state.store().replace_opening_hours(editor.business, id, hours, state.now()).await?;
    editor.log(state, action, detail).await;
    Ok(back(id, "saved=1"))
}

/// `10:00-14:00,15:00-18:00` (also with spaces or en dashes); an empty text is "closed".
fn parse_intervals(text: &str) -> Option<Vec<Interval>> {
    let cleaned: String = text.replace(['–', '—'], "-").split_whitespace().collect();
    intervals_from_text(&cleaned).filter(|list| list.iter().all(|i| i.opens != i.closes))
}

/// Typed hours that must not be empty: `None` sends the form back with `error=hours`.
fn some_intervals(text: &str) -> Option<Vec<Interval>> {
    parse_intervals(text).filter(|list| !list.is_empty())
}
