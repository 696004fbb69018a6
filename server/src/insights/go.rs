//! The local page's counted links: directions, call, website. Each answers `303 See Other`
//! to an address made from the location's own data (never from the request, so nothing
//! here can send a visitor elsewhere); the counting layer counts the redirect.

use crate::http::access::PublicLocation;
use app::domain::geo::directions;
use app::error::AppError;
use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode, header};

/// `GET /{slug}/go/route/{app}`: directions in OpenStreetMap, Google Maps, Apple Maps or
/// the phone's map app (`geo:`).
pub async fn route(
    PublicLocation(location): PublicLocation,
    Path((_, app)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let geo = location.details.geo.ok_or(AppError::NotFound)?;
    let links = directions(geo, &location.details.name);
    let target = match app.as_str() {
        "osm" => links.osm,
        "google" => links.google,
        "apple" => links.apple,
        "geo" => links.geo_uri,
        _ => return Err(AppError::NotFound),
    };
    see_other(&target)
}

/// `GET /{slug}/go/call`: the shop's phone number (`tel:`).
pub async fn call(PublicLocation(location): PublicLocation) -> Result<Response, AppError> {
    if location.details.phone.trim().is_empty() {
        return Err(AppError::NotFound);
    }
    see_other(&location.details.phone_uri())
}

/// `GET /{slug}/go/web`: the shop's own website (http or https only).
pub async fn web(PublicLocation(location): PublicLocation) -> Result<Response, AppError> {
    let website = location.details.website.trim();
    if !(website.starts_with("https://") || website.starts_with("http://")) {
        return Err(AppError::NotFound);
    }
    see_other(website)
}

fn see_other(target: &str) -> Result<Response, AppError> {
    let location = HeaderValue::from_str(target).map_err(|_| AppError::NotFound)?;
    Ok((
        StatusCode::SEE_OTHER,
        [
            (header::LOCATION, location),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            (header::HeaderName::from_static("x-robots-tag"), HeaderValue::from_static("noindex")),
        ],
    )
        .into_response())
}
