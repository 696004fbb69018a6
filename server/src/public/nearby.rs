//! `/api/v1/nearby`: locations and public POIs near a point as JSON, nearest first. Either a
//! radius (`radius_m`, default 2 km, at most 50 km) or the `k` nearest (at most 100,
//! optionally within `radius_m`); `kind=location,parking` filters by kind, `open_now=1`
//! keeps places whose location is open now.

use crate::ServerState;
use app::domain::nearby::NearbyParams;
use app::error::{JsonError, Reason};
use axum::Json;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use http::header;
use serde_json::json;

pub async fn nearby(
    State(state): State<ServerState>,
    query: Result<Query<NearbyParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, JsonError> {
    let Ok(Query(params)) = query else { return Err(Reason::NearbyQuery.into()) };
    let query = params.check().map_err(Reason::Nearby)?;
    let snapshot = state.app.nearby.snapshot().await?;
    let base = &state.app.public_url;
    let hits = snapshot.search(&query, state.now());
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
    Ok((
        [(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"), (header::CACHE_CONTROL, "no-cache")],
        Json(json!({
            "center": { "lat": query.center.lat, "lon": query.center.lon },
            "radius_m": query.radius_m,
            "k": query.k,
            "count": results.len(),
            "results": results,
        })),
    )
        .into_response())
}
