//! The `pois` capability: the forms of the POI screen (`/admin/locations/{id}/pois…`): add,
//! edit, delete and move. Owners and managers only (`LocationEditor`); a POI of another
//! location is the same 404 as a missing one. A refused form comes back with the reason and
//! with what was typed.

use crate::ServerState;
use crate::http::access::LocationEditor;
use crate::http::answer;
use app::domain::poi::PoiForm;
use app::error::AppError;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;

fn page(location: i64, query: &str, anchor: &str) -> Response {
    answer::to(format!("/admin/locations/{location}/pois?{query}{anchor}"))
}

/// Back to the form named `form` (`new` or a POI id) with the problem and the typed values.
fn refused(location: i64, form_name: &str, problem: &str, form: &PoiForm) -> Response {
    let mut pairs = vec![
        ("error", problem),
        ("form", form_name),
        ("name", form.name.as_str()),
        ("kind", form.kind.as_str()),
        ("lat", form.lat.as_str()),
        ("lon", form.lon.as_str()),
        ("coords", form.coords.as_str()),
        ("note", form.note.as_str()),
    ];
    if form.public.is_some() {
        pairs.push(("public", "on"));
    }
    page(location, &answer::query(pairs), &format!("#poi-{form_name}"))
}

pub async fn add_poi(
    State(state): State<ServerState>,
    editor: LocationEditor,
    Form(form): Form<PoiForm>,
) -> Result<Response, AppError> {
    let id = editor.id();
    let poi = match form.validate() {
        Ok(poi) => poi,
        Err(problem) => return Ok(refused(id, "new", problem.code(), &form)),
    };
    let poi_id = state.store().add_poi(editor.business, id, &poi, state.now()).await?;
    editor.log(&state, "poi.add", &poi.name).await;
    Ok(page(id, "saved=1", &format!("#poi-{poi_id}")))
}

pub async fn update_poi(
    State(state): State<ServerState>,
    editor: LocationEditor,
    Path((_, poi_id)): Path<(i64, i64)>,
    Form(form): Form<PoiForm>,
) -> Result<Response, AppError> {
    let id = editor.id();
    let poi = match form.validate() {
        Ok(poi) => poi,
        Err(problem) => return Ok(refused(id, &poi_id.to_string(), problem.code(), &form)),
    };
    state.store().update_poi(editor.business, id, poi_id, &poi, state.now()).await?;
    editor.log(&state, "poi.update", &poi.name).await;
    Ok(page(id, "saved=1", &format!("#poi-{poi_id}")))
}

pub async fn delete_poi(
    State(state): State<ServerState>,
    editor: LocationEditor,
    Path((_, poi_id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let id = editor.id();
    let name = editor.location.pois.iter().find(|p| p.id == poi_id).map(|p| p.name.clone());
    state.store().delete_poi(editor.business, id, poi_id, state.now()).await?;
    editor.log(&state, "poi.delete", &name.unwrap_or_default()).await;
    Ok(page(id, "deleted=1", ""))
}

#[derive(Deserialize)]
pub struct MoveForm {
    direction: String,
}

/// Moves a POI one place up or down in the location's list.
pub async fn move_poi(
    State(state): State<ServerState>,
    editor: LocationEditor,
    Path((_, poi_id)): Path<(i64, i64)>,
    Form(form): Form<MoveForm>,
) -> Result<Response, AppError> {
    let (id, location) = (editor.id(), &editor.location);
    let mut order: Vec<i64> = location.pois.iter().map(|poi| poi.id).collect();
    let at = order.iter().position(|p| *p == poi_id).ok_or(AppError::NotFound)?;
    let to = match form.direction.as_str() {
        "up" => at.saturating_sub(1),
        "down" => (at + 1).min(order.len() - 1),
        _ => return Err(AppError::choice("direction", &["up", "down"])),
    };
    order.swap(at, to);
    state.store().reorder_pois(editor.business, id, &order, state.now()).await?;
    editor.log(&state, "poi.move", &location.pois[at].name).await;
    Ok(page(id, "saved=1", &format!("#poi-{poi_id}")))
}
