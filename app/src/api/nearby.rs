//! Data of the `/nearby` page: the same index and query as `/api/v1/nearby`.

use crate::domain::location::GeoPoint;
use crate::domain::nearby::{NearbyParams, NearbyProblem, PlaceKind};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct NearbyResult {
    pub name: String,
    pub kind: PlaceKind,
    pub point: GeoPoint,
    pub distance_m: f64,
    pub location_name: String,
    pub slug: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum NearbyAnswer {
    /// No point given yet: show the form only.
    Empty,
    Problem(NearbyProblem),
    Results(Vec<NearbyResult>),
}

#[server]
pub async fn get_nearby(params: NearbyParams) -> Result<NearbyAnswer, AppError> {
    use crate::context::app_state;
    if params.lat.as_deref().unwrap_or("").trim().is_empty()
        && params.lon.as_deref().unwrap_or("").trim().is_empty()
    {
        return Ok(NearbyAnswer::Empty);
    }
    let query = match params.check() {
        Ok(query) => query,
        Err(problem) => {
            if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
                options.set_status(http::StatusCode::BAD_REQUEST);
            }
            return Ok(NearbyAnswer::Problem(problem));
        }
    };
    let snapshot = app_state().nearby.snapshot().await?;
    let hits = snapshot.search(&query, crate::context::now());
    Ok(NearbyAnswer::Results(
        hits.into_iter()
            .map(|hit| NearbyResult {
                name: hit.item.name.clone(),
                kind: hit.item.kind,
                point: hit.item.point,
                distance_m: hit.distance_m,
                location_name: hit.item.location_name.clone(),
                slug: hit.item.slug.clone(),
            })
            .collect(),
    ))
}
