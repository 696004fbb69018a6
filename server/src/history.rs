//! Who changed what: the request's actor for the audit log, and restoring an earlier
//! revision of a location's details, hours or POIs (itself a logged change).

use crate::ServerState;
use crate::hours_admin::{Editable, not_found};
use app::domain::team::{Actor, Snapshot};
use app::store::StoreError;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;

/// The signed-in person and where the request comes from (address, browser).
pub struct AuditActor(pub Actor);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for AuditActor {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut http::request::Parts,
        _state: &S,
    ) -> Result<Self, Self::Rejection> {
        Ok(AuditActor(app::context::actor_of(parts)))
    }
}

/// `POST /admin/locations/{id}/history/{revision}/restore`: the location's details, hours
/// or POIs become what they were in that revision.
pub async fn restore(
    State(state): State<ServerState>,
    editable: Editable,
    Path((_, revision)): Path<(i64, i64)>,
) -> Response {
    let (business, location) = (editable.business, &editable.location);
    let id = location.id;
    let revision = match state.app.store.revision(business, id, revision).await {
        Ok(revision) => revision,
        Err(StoreError::NotFound) => return not_found(),
        Err(error) => {
            tracing::error!(%error, "loading a revision failed");
            return crate::internal_error();
        }
    };
    let Some(snapshot) = revision.snapshot() else {
        tracing::error!(revision = revision.id, "a revision could not be read");
        return crate::internal_error();
    };
    let store = &state.app.store;
    let now = Utc::now();
    let result = match snapshot {
        Snapshot::Details(details) => {
            store.update_location(business, id, &details, &location.hours, now).await
        }
        Snapshot::Hours(hours) => {
            store.replace_opening_hours(business, id, &hours.into_opening_hours(), now).await
        }
        Snapshot::Pois(pois) => store.replace_pois(business, id, &pois, now).await,
    };
    let detail = format!("#{} {}", revision.id, revision.kind.as_str());
    match editable.logged(&state, "revision.restore", &detail, result).await {
        Ok(()) => Redirect::to(&format!(
            "/admin/locations/{id}/history?kind={}&restored={}",
            revision.kind.as_str(),
            revision.id
        ))
        .into_response(),
        Err(StoreError::NotFound) => not_found(),
        Err(error) => {
            tracing::error!(%error, "restoring a revision failed");
            crate::internal_error()
        }
    }
}
