//! The `history` capability: restoring an earlier revision of a location's details, hours
//! or POIs (itself a logged change). The audit log and the revisions are read by the
//! history screens' server functions (`app::api::history`).

use crate::ServerState;
use crate::http::access::LocationEditor;
use crate::http::answer;
use app::domain::team::Snapshot;
use app::error::AppError;
use axum::extract::{Path, State};
use axum::response::Response;

/// `POST /admin/locations/{id}/history/{revision}/restore`: the location's details, hours
/// or POIs become what they were in that revision.
pub async fn restore(
    State(state): State<ServerState>,
    editor: LocationEditor,
    Path((_, revision)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let (business, id) = (editor.business, editor.id());
    let revision = state.store().revision(business, id, revision).await?;
    let snapshot = revision
        .snapshot()
        .ok_or_else(|| AppError::internal(format!("revision {} could not be read", revision.id)))?;
    let (store, now) = (state.store(), state.now());
    match snapshot {
        Snapshot::Details(details) => {
            store.update_location(business, id, &details, &editor.location.hours, now).await?
        }
        Snapshot::Hours(hours) => {
            store.replace_opening_hours(business, id, &hours.into_opening_hours(), now).await?
        }
        Snapshot::Pois(pois) => store.replace_pois(business, id, &pois, now).await?,
    }
    let kind = revision.kind.as_str();
    editor.log(&state, "revision.restore", &format!("#{} {kind}", revision.id)).await;
    Ok(answer::to(format!("/admin/locations/{id}/history?kind={kind}&restored={}", revision.id)))
}
