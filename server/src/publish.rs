//! Axum-only outputs: sitemap, robots.txt, the PWA manifest and service worker.

use crate::ServerState;
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{StatusCode, header};
use quick_xml::escape::escape;
use serde_json::json;
use std::fmt::Write as _;

pub async fn sitemap(State(state): State<ServerState>) -> Response {
    let locations = match state.app.store.public_locations().await {
        Ok(list) => list,
        Err(error) => {
            tracing::error!(%error, "sitemap: listing locations failed");
            return crate::internal_error();
        }
    };
    let base = &state.app.public_url;
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let _ = writeln!(xml, "  <url><loc>{}/</loc></url>", escape(base.as_str()));
    for location in locations {
        let _ = writeln!(
            xml,
            "  <url><loc>{}</loc><lastmod>{}</lastmod></url>",
            escape(format!("{base}/{}", location.slug).as_str()),
            location.updated_at.format("%Y-%m-%d"),
        );
    }
    xml.push_str("</urlset>\n");
    ([(header::CONTENT_TYPE, "application/xml; charset=utf-8")], xml).into_response()
}

pub async fn robots(State(state): State<ServerState>) -> Response {
    let body = format!(
        "User-agent: *\nAllow: /\nDisallow: /admin\nDisallow: /api/\nDisallow: /login\n\
         Disallow: /setup/\nDisallow: /invite/\n\nSitemap: {}/sitemap.xml\n",
        state.app.public_url
    );
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}

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

const SERVICE_WORKER: &str = include_str!("../../public/sw.template.js");

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

/// Customer pages ship no script. Leptos appends its resource-bootstrap `<script>`s after
/// `</html>` on every page; on customer pages they have nothing to bootstrap (no islands),
/// would be blocked by their `script-src 'none'` policy, and are cut here.
pub async fn script_free_customer_pages(req: Request, next: Next) -> Response {
    if app::routes::is_app_path(req.uri().path()) {
        return next.run(req).await;
    }
    let response = next.run(req).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, 8 * 1024 * 1024).await else {
        return crate::internal_error();
    };
    const END: &[u8] = b"</html>";
    let end = bytes.windows(END.len()).rposition(|w| w == END).map(|i| i + END.len());
    let bytes = match end {
        Some(end) => bytes.slice(..end),
        None => bytes,
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(bytes))
}

/// The public location named by the `{slug}` path segment, for the feeds and exports that
/// hang below a local page. A slug that names nothing is a 404 with a message.
pub struct Published(pub app::domain::location::Location);

impl axum::extract::FromRequestParts<ServerState> for Published {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut http::request::Parts,
        state: &ServerState,
    ) -> Result<Self, Self::Rejection> {
        let not_found =
            || (StatusCode::NOT_FOUND, "No location with this address.").into_response();
        let axum::extract::Path(params) = axum::extract::Path::<
            std::collections::HashMap<String, String>,
        >::from_request_parts(parts, state)
        .await
        .map_err(|_| not_found())?;
        let slug = params.get("slug").ok_or_else(not_found)?;
        match state.app.store.location_by_slug(slug).await {
            Ok(Some(location)) => Ok(Published(location)),
            Ok(None) => Err(not_found()),
            Err(error) => {
                tracing::error!(%error, "loading a public location failed");
                Err(crate::internal_error())
            }
        }
    }
}
