//! Form handlers of the POI screen (`/admin/locations/{id}/pois…`): add, edit, delete and
//! move. Owners and managers only (`Editable`); a POI of another location is the same 404
//! as a missing one. A refused form comes back with the reason and with what was typed.

use crate::ServerState;
use crate::hours_admin::{Editable, not_found};
use app::domain::poi::PoiForm;
use app::store::StoreError;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use serde::Deserialize;

fn page(location: i64, query: &str, anchor: &str) -> Response {
    Redirect::to(&format!("/admin/locations/{location}/pois?{query}{anchor}")).into_response()
}

fn done(location: i64, result: Result<(), StoreError>, query: &str, anchor: &str) -> Response {
    match result {
        Ok(()) => page(location, query, anchor),
        Err(StoreError::NotFound) => not_found(),
        Err(error) => {
            tracing::error!(%error, "saving a POI failed");
            crate::internal_error()
        }
    }
}

/// Back to the form named `form` (`new` or a POI id) with the problem and the typed values.
fn refused(location: i64, form_name: &str, problem: &str, form: &PoiForm) -> Response {
    let mut query = form_urlencoded::Serializer::new(String::new());
    query
        .append_pair("error", problem)
        .append_pair("form", form_name)
        .append_pair("name", &form.name)
        .append_pair("kind", &form.kind)
        .append_pair("lat", &form.lat)
        .append_pair("lon", &form.lon)
        .append_pair("coords", &form.coords)
        .append_pair("note", &form.note);
    if form.public.is_some() {
        query.append_pair("public", "on");
    }
    page(location, &query.finish(), &format!("#poi-{form_name}"))
}

pub async fn add_poi(
    State(state): State<ServerState>,
    editable: Editable,
    Form(form): Form<PoiForm>,
) -> Response {
    let (business, location) = (editable.business, &editable.location);
    let id = location.id;
    match form.validate() {
        Ok(poi) => match editable
            .logged(
                &state,
                "poi.add",
                &poi.name,
                state.app.store.add_poi(business, id, &poi, Utc::now()).await,
            )
            .await
        {
            Ok(poi_id) => page(id, "saved=1", &format!("#poi-{poi_id}")),
            Err(error) => done(id, Err(error), "", ""),
        },
        Err(problem) => refused(id, "new", problem.code(), &form),
    }
}

pub async fn update_poi(
    State(state): State<ServerState>,
    editable: Editable,
    Path((_, poi_id)): Path<(i64, i64)>,
    Form(form): Form<PoiForm>,
) -> Response {
    let (business, location) = (editable.business, &editable.location);
    let id = location.id;
    match form.validate() {
        Ok(poi) => {
            let result = state.app.store.update_poi(business, id, poi_id, &poi, Utc::now()).await;
            let result = editable.logged(&state, "poi.update", &poi.name, result).await;
            done(id, result, "saved=1", &format!("#poi-{poi_id}"))
        }
        Err(problem) => refused(id, &poi_id.to_string(), problem.code(), &form),
    }
}

pub async fn delete_poi(
    State(state): State<ServerState>,
    editable: Editable,
    Path((_, poi_id)): Path<(i64, i64)>,
) -> Response {
    let (business, location) = (editable.business, &editable.location);
    let id = location.id;
    let name = location.pois.iter().find(|p| p.id == poi_id).map(|p| p.name.clone());
    let result = state.app.store.delete_poi(business, id, poi_id, Utc::now()).await;
    let result = editable.logged(&state, "poi.delete", &name.unwrap_or_default(), result).await;
    done(id, result, "deleted=1", "")
}

#[derive(Deserialize)]
pub struct MoveForm {
    direction: String,
}

/// Moves a POI one place up or down in the location's list.
pub async fn move_poi(
    State(state): State<ServerState>,
    editable: Editable,
    Path((_, poi_id)): Path<(i64, i64)>,
    Form(form): Form<MoveForm>,
) -> Response {
    let (business, location) = (editable.business, &editable.location);
    let id = location.id;
    let mut order: Vec<i64> = location.pois.iter().map(|poi| poi.id).collect();
    let Some(at) = order.iter().position(|p| *p == poi_id) else { return not_found() };
    let to = match form.direction.as_str() {
        "up" => at.saturating_sub(1),
        "down" => (at + 1).min(order.len() - 1),
        _ => {
            return (http::StatusCode::UNPROCESSABLE_ENTITY, "direction must be up or down")
                .into_response();
        }
    };
    order.swap(at, to);
    let name = location.pois[at].name.clone();
    let result = state.app.store.reorder_pois(business, id, &order, Utc::now()).await;
    let result = editable.logged(&state, "poi.move", &name, result).await;
    done(id, result, "saved=1", &format!("#poi-{poi_id}"))
}
