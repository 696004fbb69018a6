//! The installable staff app: the manifest (with its share target) and the service worker,
//! stamped with the build's asset version.

use crate::ServerState;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::{StatusCode, header};
use serde_json::json;

/// The staff app's manifest. `start_url` opens the staff app, `id` keeps the installed
/// app the same across start_url changes.
pub async fn manifest() -> Response {
    let body = json!({
        "id": "/admin",
        "name": "Nahbar",
        "short_name": "Nahbar",
        "description": "Nahbar – Öffnungszeiten, Standorte und Beiträge / hours, locations and posts",
        "start_url": "/admin?source=pwa",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1f6f50",
        "lang": "de",
        // Photos shared from the gallery or camera app open compose with them attached. The
        // service worker takes the POST (also offline); the server handles it without one.
        "share_target": {
            "action": "/admin/share",
            "method": "POST",
            "enctype": "multipart/form-data",
            "params": {
                "title": "title",
                "text": "text",
                "url": "url",
                "files": [{ "name": "photos", "accept": ["image/*", ".jpg", ".jpeg", ".png", ".webp"] }]
            }
        },
        "icons": [
            { "src": "/icons/icon-192.png", "sizes": "192x192", "type": "image/png", "purpose": "any" },
            { "src": "/icons/icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "any" },
            { "src": "/icons/maskable-192.png", "sizes": "192x192", "type": "image/png", "purpose": "maskable" },
            { "src": "/icons/maskable-512.png", "sizes": "512x512", "type": "image/png", "purpose": "maskable" }
        ]
    });
    ([(header::CONTENT_TYPE, "application/manifest+json")], body.to_string()).into_response()
}

const SERVICE_WORKER: &str = include_str!("../../../public/sw.template.js");

/// The service worker, stamped with the build's asset version so a new Nahbar replaces
/// the cached app shell instead of mixing versions.
pub async fn service_worker(State(state): State<ServerState>) -> Response {
    let body = SERVICE_WORKER.replace("__NAHBAR_VERSION__", &state.asset_version);
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

/// A short hash of every file the service worker caches (the built CSS/JS/WASM, the
/// scripts, the map picker), or of the crate version when they are missing.
pub fn asset_version(site_root: &std::path::Path) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    hasher.update(env!("CARGO_PKG_VERSION"));
    for file in [
        "pkg/nahbar.css",
        "pkg/nahbar.js",
        "pkg/nahbar.wasm",
        "pwa.js",
        "outbox.js",
        "compose.js",
        "offline.html",
        "map-picker.js",
        "map-picker.css",
        "vendor/leaflet/leaflet.js",
        "vendor/leaflet/leaflet.css",
    ] {
        if let Ok(bytes) = std::fs::read(site_root.join(file)) {
            hasher.update(&bytes);
        }
    }
    hex::encode(&hasher.finalize()[..6])
}
