//! Special hours and closures for a date or a range, and one tap on a listed public
//! holiday (closed, as usual, or with hours typed beside it).

use super::{back, some_intervals};
use crate::ServerState;
use crate::http::access::LocationEditor;
use app::domain::holidays::holidays_between;
use app::domain::hours::Schedule;
use app::domain::schedule::SpecialHours;
use app::error::AppError;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use chrono::NaiveDate;
use serde::Deserialize;

fn date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// Adds the entry and logs it; back to the screen with `saved=1`.
async fn add(
    state: &ServerState,
    editor: &LocationEditor,
    special: SpecialHours,
    action: &str,
    detail: &str,
) -> Result<Response, AppError> {
    let id = editor.id();
    state.store().add_special_hours(editor.business, id, &special, state.now()).await?;
    editor.log(state, action, detail).await;
    Ok(back(id, "saved=1"))
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
    editor: LocationEditor,
    Form(form): Form<SpecialForm>,
) -> Result<Response, AppError> {
    let id = editor.id();
    let from = date(&form.from);
    let to = if form.to.trim().is_empty() { from } else { date(&form.to) };
    let (Some(from), Some(to)) = (from, to) else { return Ok(back(id, "error=dates")) };
    if to < from || (to - from).num_days() > 366 {
        return Ok(back(id, "error=dates"));
    }
    let intervals = if form.closed.is_some() || form.hours.trim().is_empty() {
        Vec::new()
    } else {
        match some_intervals(&form.hours) {
            Some(list) => list,
            None => return Ok(back(id, "error=hours")),
        }
    };
    let note: String = form.note.trim().chars().take(200).collect();
    let detail = format!("{from}–{to} {note}");
    add(
        &state,
        &editor,
        SpecialHours { id: 0, from, to, intervals, note },
        "hours.special.add",
        &detail,
    )
    .await
}

pub async fn delete_special(
    State(state): State<ServerState>,
    editor: LocationEditor,
    Path((_, special)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let id = editor.id();
    let gone = editor.location.special.iter().find(|s| s.id == special);
    let detail = gone.map(|s| format!("{}–{} {}", s.from, s.to, s.note)).unwrap_or_default();
    state.store().delete_special_hours(editor.business, id, special, state.now()).await?;
    editor.log(&state, "hours.special.delete", &detail).await;
    Ok(back(id, "saved=1"))
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
    editor: LocationEditor,
    Path((_, day)): Path<(i64, String)>,
    Form(form): Form<HolidayForm>,
) -> Result<Response, AppError> {
    let (id, location) = (editor.id(), &editor.location);
    let Some(day) = date(&day) else { return Ok(back(id, "error=dates")) };
    let region = &location.details.address.region;
    let Some(holiday) = holidays_between(region, day, day).into_iter().next() else {
        return Ok(back(id, "error=dates"));
    };
    let intervals = match form.action.as_str() {
        "closed" => Vec::new(),
        "as_usual" => location.hours.intervals_on(day).to_vec(),
        "hours" => match some_intervals(&form.hours) {
            Some(list) => list,
            None => return Ok(back(id, "error=hours")),
        },
        _ => return Err(AppError::choice("action", &["closed", "as_usual", "hours"])),
    };
    let detail = format!("{day} {}", holiday.name_de);
    let special = SpecialHours { id: 0, from: day, to: day, intervals, note: holiday.name_de };
    add(&state, &editor, special, "hours.holiday", &detail).await
}
