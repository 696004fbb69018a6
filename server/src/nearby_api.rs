//! `/api/v1/nearby`: locations and public POIs near a point as JSON, nearest first. Either a
//! radius (`radius_m`, default 2 km, at most 50 km) or the `k` nearest (at most 100,
//! optionally within `radius_m`); `kind=location,parking` filters by kind, `open_now=1`
//! keeps places whose location is open now.

use crate::ServerState;
use app::domain::nearby::NearbyParams;
use axum::Json;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use http::{StatusCode, header};
use serde_json::json;

pub async fn nearby(
    State(state): State<ServerState>,
    query: Result<Query<NearbyParams>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let Ok(Query(params)) = query else {
        return problem(
            "the query string could not be read; use lat, lon, radius_m, k, kind, open_now",
        );
    };
    let query = match params.check() {
        Ok(query) => query,
        Err(problem_) => return problem(&problem_.message()),
    };
    let snapshot = match state.app.nearby.snapshot().await {
        Ok(snapshot) => snapshot,
        Err(error) => {
            tracing::error!(%error, "loading the nearby index failed");
            return crate::internal_error();
        }
    };
    let base = &state.app.public_url;
    let hits = snapshot.search(&query, chrono::Utc::now());
    let results: Vec<serde_json::Value> = hits
        .iter()
        .map(|hit| {
            let place = hit.item;
            json!({
                "name": place.name,
                "kind": match place.kind {
                    app::domain::nearby::PlaceKind::Location => "location",
                    app::domain::nearby::PlaceKind::Poi(kind) => kind.as_str(),
                },
                "lat": place.point.lat,
                "lon": place.point.lon,
                "distance_m": (hit.distance_m * 10.0).round() / 10.0,
                "location": {
                    "name": place.location_name,
                    "slug": place.slug,
                    "url": format!("{base}/{}", place.slug),
                },
                "poi_id": place.poi_id,
            })
        })
        .collect();
    (
        [(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"), (header::CACHE_CONTROL, "no-cache")],
        Json(json!({
            "center": { "lat": query.center.lat, "lon": query.center.lon },
            "radius_m": query.radius_m,
            "k": query.k,
            "count": results.len(),
            "results": results,
        })),
    )
        .into_response()
}

fn problem(message: &str) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({ "error": message }))).into_response()
}
