//! Public POIs for maps and navigation systems: `/{slug}/pois.geojson` (RFC 7946),
//! `/{slug}/pois.gpx` (GPX 1.1 waypoints) and `/{slug}/pois.kml` (KML 2.2), built with the
//! georust crates `geojson`, `gpx` and `kml`; plus `/api/v1/locations.geojson`, every
//! public location. The location itself always comes first. Internal POIs never appear:
//! these read only what `location_by_slug` publishes.

use crate::ServerState;
use crate::http::access::{PublicLocation, RequestLang};
use crate::http::page_cache::keep_until_changed;
use app::domain::geo::distance_m;
use app::domain::location::{GeoPoint, Location};
use app::error::{AppError, Reason};
use app::i18n::{Lang, business_type};
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use geojson::{Feature, FeatureCollection, Geometry, GeometryValue, JsonObject};
use http::{HeaderValue, header};
use serde_json::json;
use std::collections::HashMap;

/// One exported point: the location or one of its public POIs.
struct Waypoint {
    id: String,
    name: String,
    /// `location` or a POI kind code.
    kind: &'static str,
    label: String,
    note: String,
    point: Option<GeoPoint>,
    distance_m: Option<f64>,
}

fn waypoints(location: &Location, lang: Lang) -> Vec<Waypoint> {
    let t = lang.texts();
    let d = &location.details;
    let mut out = vec![Waypoint {
        id: format!("location-{}", location.id),
        name: d.name.clone(),
        kind: "location",
        label: business_type(lang, &d.schema_type),
        note: d.address.one_line(),
        point: d.geo,
        distance_m: None,
    }];
    out.extend(location.pois.iter().filter(|poi| poi.public).map(|poi| Waypoint {
        id: format!("poi-{}", poi.id),
        name: poi.name.clone(),
        kind: poi.kind.as_str(),
        label: t.poi_kind(poi.kind).to_string(),
        note: poi.note.clone(),
        point: Some(poi.point),
        distance_m: d.geo.map(|shop| distance_m(shop, poi.point).round()),
    }));
    out
}

/// An export as a file; the page cache keeps it until public data changes.
fn download(
    state: &ServerState,
    content_type: &'static str,
    filename: String,
    body: Vec<u8>,
) -> Response {
    let disposition = HeaderValue::from_str(&format!("inline; filename=\"{filename}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("inline"));
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CONTENT_DISPOSITION, disposition),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*")),
            (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=300")),
            keep_until_changed(state),
        ],
        body,
    )
        .into_response()
}

/// RFC 7946: positions are `[lon, lat]` with at most 7 decimals (about 1 cm), no `crs`.
fn point_geometry(point: GeoPoint) -> Geometry {
    let round = |v: f64| (v * 1e7).round() / 1e7;
    Geometry::new(GeometryValue::new_point([round(point.lon), round(point.lat)]))
}

fn feature(id: String, point: Option<GeoPoint>, properties: serde_json::Value) -> Feature {
    let properties: JsonObject = match properties {
        serde_json::Value::Object(map) => map,
        _ => JsonObject::new(),
    };
    Feature {
        id: Some(geojson::feature::Id::String(id)),
        geometry: point.map(point_geometry),
        properties: Some(properties),
        ..Feature::default()
    }
}

pub fn location_feature_collection(
    location: &Location,
    base: &str,
    lang: Lang,
) -> FeatureCollection {
    let url = format!("{base}/{}", location.slug);
    FeatureCollection::new(waypoints(location, lang).into_iter().map(|w| {
        feature(
            w.id,
            w.point,
            json!({
                "name": w.name,
                "kind": w.kind,
                "label": w.label,
                "note": w.note,
                "distance_m": w.distance_m,
                "location": location.slug,
                "url": url,
            }),
        )
    }))
}

pub async fn pois_geojson(
    State(state): State<ServerState>,
    PublicLocation(location): PublicLocation,
    RequestLang(lang): RequestLang,
) -> Result<Response, AppError> {
    let slug = location.slug.clone();
    let collection = location_feature_collection(&location, &state.app.public_url, lang);
    let body = serde_json::to_vec(&collection).map_err(AppError::internal)?;
    Ok(download(&state, "application/geo+json", format!("{slug}-pois.geojson"), body))
}

pub async fn pois_gpx(
    State(state): State<ServerState>,
    PublicLocation(location): PublicLocation,
    RequestLang(lang): RequestLang,
) -> Result<Response, AppError> {
    let slug = location.slug.clone();
    let url = format!("{}/{}", state.app.public_url, location.slug);
    let link = |text: &str| gpx::Link {
        href: url.clone(),
        text: Some(text.to_string()),
        type_: Some("text/html".to_string()),
    };
    let mut data = gpx::Gpx {
        version: gpx::GpxVersion::Gpx11,
        creator: Some("Nahbar".to_string()),
        ..gpx::Gpx::default()
    };
    data.metadata = Some(gpx::Metadata {
        name: Some(location.details.name.clone()),
        description: Some(location.details.address.one_line()),
        links: vec![link(&location.details.name)],
        // No `time`: gpx 0.10 writes it before `link`, which the GPX 1.1 XSD refuses
        // (found by the xmllint test); the link to the page matters more.
        ..gpx::Metadata::default()
    });
    for w in waypoints(&location, lang) {
        let Some(point) = w.point else { continue };
        let mut waypoint = gpx::Waypoint::new(geo_types::Point::new(point.lon, point.lat));
        waypoint.name = Some(w.name.clone());
        waypoint.description = (!w.note.is_empty()).then(|| w.note.clone());
        waypoint.type_ = Some(w.label.clone());
        waypoint.symbol = gpx_symbol(w.kind).map(str::to_string);
        waypoint.links = vec![link(&location.details.name)];
        data.waypoints.push(waypoint);
    }
    let mut body = Vec::new();
    gpx::write(&data, &mut body).map_err(AppError::internal)?;
    Ok(download(&state, "application/gpx+xml", format!("{slug}-pois.gpx"), body))
}

/// Garmin's common waypoint symbols, which many navigation systems show as icons.
fn gpx_symbol(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "location" => "Shopping Center",
        "parking" => "Parking Area",
        "entrance" | "accessible_entrance" => "Building",
        "bike_parking" => "Bike Trail",
        "charging" => "Gas Station",
        "pickup_point" => "Flag, Blue",
        "event_spot" => "Flag, Red",
        _ => return None,
    })
}

pub async fn pois_kml(
    State(state): State<ServerState>,
    PublicLocation(location): PublicLocation,
    RequestLang(lang): RequestLang,
) -> Result<Response, AppError> {
    let slug = location.slug.clone();
    let placemarks: Vec<kml::Kml> = waypoints(&location, lang)
        .into_iter()
        .filter_map(|w| {
            let point = w.point?;
            let description = if w.note.is_empty() {
                w.label.clone()
            } else {
                format!("{} · {}", w.label, w.note)
            };
            Some(kml::Kml::Placemark(kml::types::Placemark {
                name: Some(w.name),
                description: Some(description),
                geometry: Some(kml::types::Geometry::Point(kml::types::Point::new(
                    point.lon, point.lat, None,
                ))),
                attrs: HashMap::from([("id".to_string(), w.id)]),
                ..kml::types::Placemark::default()
            }))
        })
        .collect();
    let mut document_children =
        vec![kml::Kml::Element(text_element("name", &location.details.name))];
    document_children.extend(placemarks);
    let document = kml::Kml::KmlDocument(kml::KmlDocument {
        version: kml::KmlVersion::V22,
        attrs: HashMap::from([("xmlns".to_string(), "http://www.opengis.net/kml/2.2".to_string())]),
        elements: vec![kml::Kml::Document { attrs: HashMap::new(), elements: document_children }],
    });
    let mut body = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".to_vec();
    kml::KmlWriter::<_, f64>::from_writer(&mut body)
        .write(&document)
        .map_err(AppError::internal)?;
    Ok(download(&state, "application/vnd.google-earth.kml+xml", format!("{slug}-pois.kml"), body))
}

fn text_element(name: &str, text: &str) -> kml::types::Element {
    kml::types::Element {
        name: name.to_string(),
        content: Some(text.to_string()),
        ..kml::types::Element::default()
    }
}

/// `/api/v1/locations.geojson`: every public location with a position, as one feature
/// each; `?business=ID` narrows it to one business.
pub async fn locations_geojson(
    State(state): State<ServerState>,
    axum::extract::Query(query): axum::extract::Query<HashMap<String, String>>,
    RequestLang(lang): RequestLang,
) -> Result<Response, AppError> {
    let business = match query.get("business").map(|b| b.parse::<i64>()) {
        None => None,
        Some(Ok(id)) => Some(id),
        Some(Err(_)) => return Err(Reason::BusinessId.into()),
    };
    let locations = state.store().public_locations_full().await?;
    let base = &state.app.public_url;
    let features =
        locations.iter().filter(|l| business.is_none_or(|b| l.business_id == b)).map(|l| {
            let d = &l.details;
            feature(
                format!("location-{}", l.id),
                d.geo,
                json!({
                    "name": d.name,
                    "kind": "location",
                    "label": business_type(lang, &d.schema_type),
                    "schema_type": d.schema_type,
                    "business": l.business_name,
                    "business_id": l.business_id,
                    "address": d.address.one_line(),
                    "url": format!("{base}/{}", l.slug),
                    "pois": format!("{base}/{}/pois.geojson", l.slug),
                    "public_pois": l.pois.iter().filter(|p| p.public).count(),
                }),
            )
        });
    let body = serde_json::to_vec(&FeatureCollection::new(features)).map_err(AppError::internal)?;
    Ok(download(&state, "application/geo+json", "locations.geojson".to_string(), body))
}
