//! Recurring rules from the hours screen's three small forms (an every-year date, a
//! season, an n-th weekday) and removing one listed entry. Both change only the location's
//! rules and save the whole hours through [`super::save`] (audited, revision kept).

use super::{back, save};
use crate::ServerState;
use crate::http::access::LocationEditor;
use crate::http::answer;
use app::domain::recurring::{self, RecurringInput};
use app::error::AppError;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;

/// `POST /admin/locations/{id}/rules`: adds the rule(s) one form asks for; a refused form
/// comes back with the reason code and every typed value.
pub async fn add_rule(
    State(state): State<ServerState>,
    editor: LocationEditor,
    Form(input): Form<RecurringInput>,
) -> Result<Response, AppError> {
    let new = match recurring::build(&input) {
        Ok(new) => new,
        Err(error) => return Ok(back(editor.id(), &refused(error.code(), &input))),
    };
    let detail: Vec<String> = (0..new.len()).filter_map(|i| recurring::key(&new, i)).collect();
    let mut hours = editor.location.opening_hours();
    hours.rules = recurring::add(&hours.rules, new);
    save(&state, &editor, &hours, "hours.rule.add", &detail.join("; ")).await
}

fn refused(code: &str, input: &RecurringInput) -> String {
    let checked = |on: &Option<String>| if on.is_some() { "on" } else { "" };
    let query = answer::query([
        ("error", code),
        ("kind", input.kind.as_str()),
        ("from_day", &input.from_day),
        ("from_month", &input.from_month),
        ("to_day", &input.to_day),
        ("to_month", &input.to_month),
        ("state", &input.state),
        ("hours", &input.hours),
        ("nth", &input.nth),
        ("weekday", &input.weekday),
        ("mo", checked(&input.mo)),
        ("tu", checked(&input.tu)),
        ("we", checked(&input.we)),
        ("th", checked(&input.th)),
        ("fr", checked(&input.fr)),
        ("sa", checked(&input.sa)),
        ("su", checked(&input.su)),
    ]);
    format!("{query}#rules")
}

#[derive(Deserialize)]
pub struct RemoveForm {
    /// The entry's first rule in OSM syntax, as the page listed it.
    #[serde(default)]
    rule: String,
}

/// `POST /admin/locations/{id}/rules/{index}/delete`: removes the entry that starts at
/// `index`, if it still says what the page showed (else `error=rule_gone`).
pub async fn delete_rule(
    State(state): State<ServerState>,
    editor: LocationEditor,
    Path((_, index)): Path<(i64, usize)>,
    Form(form): Form<RemoveForm>,
) -> Result<Response, AppError> {
    let mut hours = editor.location.opening_hours();
    let shown = recurring::key(&hours.rules, index).filter(|key| *key == form.rule);
    let Some(rules) = shown.and_then(|_| recurring::remove(&hours.rules, index)) else {
        return Ok(back(editor.id(), "error=rule_gone#rules"));
    };
    hours.rules = rules;
    save(&state, &editor, &hours, "hours.rule.delete", &form.rule).await
}
