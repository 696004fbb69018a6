//! "Apply to other locations": this location's weekly hours, its recurring rules (seasons,
//! every-year dates, n-th weekdays …) and/or its special hours from today on are copied to
//! other locations of the business. Every target is checked before
//! anything is written; each keeps its holiday rule, and its own special hours unless the
//! source has one on the same days; each gets its own audit entry and revision, so a copy
//! can be undone from its history.

use crate::ServerState;
use crate::http::access::{LocationEditor, audit};
use crate::http::answer;
use app::domain::schedule::SpecialHours;
use app::domain::team::Change;
use app::error::AppError;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;

fn back(id: i64, query: &str) -> Response {
    answer::to(format!("/admin/locations/{id}/hours?{query}#apply"))
}

/// `POST /admin/locations/{id}/apply-hours` with `targets` (repeated) and any of
/// `weekly=on`, `rules=on`, `special=on`.
pub async fn apply_hours(
    State(state): State<ServerState>,
    editor: LocationEditor,
    body: Bytes,
) -> Result<Response, AppError> {
    let source = &editor.location;
    let id = source.id;
    let mut targets = Vec::new();
    let (mut weekly, mut rules, mut special) = (false, false, false);
    for (key, value) in form_urlencoded::parse(&body) {
        match key.as_ref() {
            "targets" => {
                let target: i64 = value.parse().map_err(|_| AppError::NotFound)?;
                if target != id && !targets.contains(&target) {
                    targets.push(target);
                }
            }
            "weekly" => weekly = true,
            "rules" => rules = true,
            "special" => special = true,
            _ => {}
        }
    }
    if targets.is_empty() {
        return Ok(back(id, "apply_error=targets"));
    }
    if !weekly && !rules && !special {
        return Ok(back(id, "apply_error=what"));
    }
    let store = state.store();
    let mut loaded = Vec::with_capacity(targets.len());
    for target in &targets {
        loaded.push(store.location(editor.business, *target).await?);
    }
    let now = state.now();
    let today = now.with_timezone(&source.details.tz()).date_naive();
    let copied: Vec<SpecialHours> =
        source.special.iter().filter(|s| s.to >= today).cloned().collect();
    let what = [(weekly, "weekly"), (rules, "rules"), (special, "special")]
        .iter()
        .filter(|(chosen, _)| *chosen)
        .map(|(_, name)| *name)
        .collect::<Vec<_>>()
        .join(" + ");
    for target in &loaded {
        let mut hours = target.opening_hours();
        if weekly {
            hours.weekly = source.hours.clone();
        }
        if rules {
            hours.rules = source.rules.clone();
        }
        if special {
            hours
                .special
                .retain(|own| !copied.iter().any(|c| c.from <= own.to && own.from <= c.to));
            hours.special.extend(copied.iter().map(|c| SpecialHours { id: 0, ..c.clone() }));
            hours.special.sort_by_key(|s| s.from);
        }
        store.replace_opening_hours(editor.business, target.id, &hours, now).await?;
        let change = Change {
            business_id: editor.business,
            location_id: Some(target.id),
            action: "hours.apply".into(),
            detail: format!("{} → {what}", source.details.name),
        };
        audit(&state, &editor.actor, change, Some(target)).await;
    }
    Ok(back(id, &format!("applied={}", loaded.len())))
}
