//! `/api/v1/openapi.json`: the OpenAPI 3.1 description of the JSON API. Written by hand
//! (two read-only endpoints do not justify a code-generation crate); a test checks that
//! every `/api/v1` route of the router is described here.

use axum::Json;
use axum::response::IntoResponse;
use serde_json::{Value, json};

pub fn document() -> Value {
    let kinds = app::domain::location::PoiKind::ALL.map(|k| k.as_str());
    let query = |name: &str, description: &str, schema: Value, required: bool| json!({ "name": name, "in": "query", "required": required, "description": description, "schema": schema });
    let problem = json!({
        "description": "The request is not valid; `error` says which parameter and why.",
        "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Problem" } } }
    });
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Nahbar API",
            "version": "1",
            "description": "Public, read-only data of the businesses on this Nahbar: locations, their points of interest and a nearby search. No authentication; CORS is open."
        },
        "paths": {
            "/api/v1/nearby": {
                "get": {
                    "summary": "Locations and public POIs near a point, nearest first",
                    "parameters": [
                        query("lat", "Latitude, -90 to 90", json!({"type": "number"}), true),
                        query("lon", "Longitude, -180 to 180", json!({"type": "number"}), true),
                        query("radius_m", "Radius in metres, above 0 and at most 50 000 (default 2 000 without k)", json!({"type": "number", "exclusiveMinimum": 0, "maximum": 50000}), false),
                        query("k", "The k nearest (1 to 100), within radius_m if given", json!({"type": "integer", "minimum": 1, "maximum": 100}), false),
                        query("kind", "Comma-separated: location and/or POI kinds", json!({"type": "string", "examples": ["location,parking"]}), false),
                        query("open_now", "1: only places whose location is open now", json!({"type": "string", "enum": ["0", "1", "true", "false"]}), false),
                    ],
                    "responses": {
                        "200": {
                            "description": "Results sorted by distance (at most 200 for a radius search)",
                            "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Nearby" } } }
                        },
                        "400": problem,
                    }
                }
            },
            "/api/v1/locations.geojson": {
                "get": {
                    "summary": "Every public location as GeoJSON (RFC 7946)",
                    "parameters": [query("business", "Only this business's locations", json!({"type": "integer"}), false)],
                    "responses": {
                        "200": { "description": "A FeatureCollection, one Point feature per location", "content": { "application/geo+json": {} } },
                        "400": { "description": "business is not a whole number" }
                    }
                }
            },
            "/api/v1/openapi.json": {
                "get": { "summary": "This document", "responses": { "200": { "description": "OpenAPI 3.1" } } }
            }
        },
        "components": {
            "schemas": {
                "Problem": { "type": "object", "required": ["error"], "properties": { "error": { "type": "string" } } },
                "Nearby": {
                    "type": "object",
                    "required": ["center", "count", "results"],
                    "properties": {
                        "center": { "type": "object", "properties": { "lat": { "type": "number" }, "lon": { "type": "number" } } },
                        "radius_m": { "type": ["number", "null"] },
                        "k": { "type": ["integer", "null"] },
                        "count": { "type": "integer" },
                        "results": { "type": "array", "items": { "$ref": "#/components/schemas/Place" } }
                    }
                },
                "Place": {
                    "type": "object",
                    "required": ["name", "kind", "lat", "lon", "distance_m", "location"],
                    "properties": {
                        "name": { "type": "string" },
                        "kind": { "type": "string", "enum": std::iter::once("location").chain(kinds).collect::<Vec<_>>() },
                        "lat": { "type": "number" },
                        "lon": { "type": "number" },
                        "distance_m": { "type": "number" },
                        "poi_id": { "type": ["integer", "null"] },
                        "location": {
                            "type": "object",
                            "properties": { "name": { "type": "string" }, "slug": { "type": "string" }, "url": { "type": "string", "format": "uri" } }
                        }
                    }
                }
            }
        }
    })
}

pub async fn openapi() -> impl IntoResponse {
    ([(http::header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")], Json(document()))
}
