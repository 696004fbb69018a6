//! THE route table: every URL Nahbar answers, grouped by capability, and the middleware
//! order. (The isolation matrix test reads this file: a route added here without its row
//! in `server/tests/it/matrix.rs` fails the test.)

use crate::http::{answer, csrf, lang, page_cache, proxy, session};
use crate::{ServerState, account, archive, history, hours, import, locations, ops, pois, posts};
use crate::{fediverse, imprint, insights, location_images, public, questions, signs, team};
use app::domain::post::{MAX_PHOTOS, MAX_UPLOAD_BYTES};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{get, post};
use leptos_axum::{LeptosRoutes, generate_route_list};
use std::path::PathBuf;
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::trace::TraceLayer;

/// Room for the multipart envelope above a body's own limit.
const ENVELOPE: usize = 65_536;

/// The whole application as one router: pages (Leptos), server functions, form handlers,
/// feeds and exports, assets.
pub fn router(state: ServerState) -> Router {
    let site_root = PathBuf::from(state.app.leptos_options.site_root.as_ref());
    let routes = generate_route_list(app::App);
    let app_state = state.app.clone();
    let leptos_options = state.app.leptos_options.clone();
    let post_body = DefaultBodyLimit::max(MAX_PHOTOS * MAX_UPLOAD_BYTES / 2);
    Router::new()
        // ops
        .route("/healthz", get(ops::healthz))
        .route("/metrics", get(ops::metrics))
        // public: discovery, the PWA, feeds, exports and the JSON API
        .route("/sitemap.xml", get(public::sitemap::sitemap))
        .route("/robots.txt", get(public::sitemap::robots))
        .route("/manifest.webmanifest", get(public::pwa::manifest))
        .route("/sw.js", get(public::pwa::service_worker))
        .route("/lang/{code}", get(lang::switch))
        .route("/{slug}/calendar.ics", get(public::calendar::calendar))
        .route("/{slug}/feed.atom", get(public::feed::feed))
        .route("/{slug}/feed.json", get(public::feed::json_feed))
        // insights: the local page's counted links (directions, call, website)
        .route("/{slug}/go/route/{app}", get(insights::go::route))
        .route("/{slug}/go/call", get(insights::go::call))
        .route("/{slug}/go/web", get(insights::go::web))
        .route("/{slug}/pois.geojson", get(public::geo_export::pois_geojson))
        .route("/{slug}/pois.gpx", get(public::geo_export::pois_gpx))
        .route("/{slug}/pois.kml", get(public::geo_export::pois_kml))
        .route("/api/v1/locations.geojson", get(public::geo_export::locations_geojson))
        .route("/api/v1/nearby", get(public::nearby::nearby))
        .route("/api/v1/openapi.json", get(public::openapi::openapi))
        // fediverse: discovery, each location's actor, its collections and notes, inboxes
        .route("/.well-known/webfinger", get(fediverse::webfinger))
        .route("/.well-known/nodeinfo", get(fediverse::nodeinfo_links))
        .route("/nodeinfo/2.1", get(fediverse::nodeinfo))
        .route("/inbox", post(fediverse::shared_inbox))
        .route("/{slug}/actor", get(fediverse::actor))
        .route("/{slug}/inbox", post(fediverse::inbox))
        .route("/{slug}/outbox", get(fediverse::outbox))
        .route("/{slug}/followers", get(fediverse::followers))
        .route("/{slug}/posts/{id}/note", get(fediverse::note))
        .route("/{slug}/notices/{id}", get(fediverse::notice))
        .route("/{slug}/answers/{id}", get(fediverse::dialog::served_answer))
        // account
        .route("/login", post(account::login))
        .route("/logout", post(account::logout))
        .route("/setup/{token}", post(account::setup))
        .route("/admin/account/password", post(account::change_password))
        .route("/admin/account/summary", post(account::set_summary))
        .route("/admin/account/sessions/{id}/end", post(account::end_session))
        .route("/admin/account/sessions/end-others", post(account::end_other_sessions))
        // team
        .route("/admin/team/{business}/invitations", post(team::invite))
        .route("/admin/team/{business}/invitations/{id}/revoke", post(team::revoke))
        .route("/admin/team/{business}/members/{user}/role", post(team::set_role))
        .route("/admin/team/{business}/members/{user}/remove", post(team::remove))
        .route("/invite/{token}", post(team::accept))
        // locations
        .route("/admin/businesses/{business}/locations", post(locations::create))
        .route("/admin/locations/{id}/archive", post(locations::archive))
        // location_images: the logo and cover photo
        .route(
            "/admin/locations/{id}/images",
            post(location_images::upload).layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES + ENVELOPE)),
        )
        .route("/admin/locations/{id}/images/remove", post(location_images::remove))
        // import (CSV of a business's locations)
        .route("/admin/businesses/{business}/locations.csv", get(import::export))
        .route(
            "/admin/businesses/{business}/locations.csv",
            post(import::import).layer(DefaultBodyLimit::max(import::MAX_CSV_BYTES + ENVELOPE)),
        )
        // archive: everything about the business, for its owner
        .route("/admin/businesses/{business}/archive.zip", get(archive::download))
        // hours
        .route("/admin/locations/{id}/special", post(hours::add_special))
        .route("/admin/locations/{id}/special/{special}/delete", post(hours::delete_special))
        .route("/admin/locations/{id}/holiday-rule", post(hours::set_holiday_rule))
        .route("/admin/locations/{id}/holidays/{date}", post(hours::confirm_holiday))
        .route("/admin/locations/{id}/hours/confirm", post(hours::confirm_hours))
        .route("/admin/locations/{id}/osm", post(hours::import_osm))
        .route("/admin/locations/{id}/rules", post(hours::add_rule))
        .route("/admin/locations/{id}/rules/{index}/delete", post(hours::delete_rule))
        .route("/admin/locations/{id}/apply-hours", post(hours::apply_hours))
        // fediverse: the owner's hand on followers
        .route("/admin/locations/{id}/followers/remove", post(fediverse::owner::remove))
        .route("/admin/locations/{id}/fediverse/{message}/answer", post(fediverse::dialog::answer))
        .route("/admin/locations/{id}/followers/block", post(fediverse::owner::block))
        // signs
        .route("/admin/locations/{id}/signs", post(signs::print::print))
        .route("/admin/locations/{id}/signs/page", post(signs::page::page))
        .route("/admin/imprint/{business}", post(imprint::save))
        .route("/admin/imprint/{business}/privacy", post(imprint::save_privacy))
        // questions: the customer's form, the staff inbox's actions, the export
        .route("/{slug}/ask", post(questions::ask))
        .route("/admin/locations/{id}/questions/{question}/answer", post(questions::inbox::answer))
        .route(
            "/admin/locations/{id}/questions/{question}/status",
            post(questions::inbox::set_status),
        )
        .route(
            "/admin/locations/{id}/questions/{question}/publish",
            post(questions::inbox::publish),
        )
        .route("/admin/locations/{id}/questions/{question}/delete", post(questions::inbox::delete))
        .route("/admin/businesses/{business}/questions/settings", post(questions::inbox::settings))
        .route("/admin/businesses/{business}/questions.csv", get(questions::inbox::export))
        // pois
        .route("/admin/locations/{id}/pois", post(pois::add_poi))
        .route("/admin/locations/{id}/pois/{poi}", post(pois::update_poi))
        .route("/admin/locations/{id}/pois/{poi}/delete", post(pois::delete_poi))
        .route("/admin/locations/{id}/pois/{poi}/move", post(pois::move_poi))
        // history
        .route("/admin/locations/{id}/history/{revision}/restore", post(history::restore))
        // posts
        .route(
            "/admin/media",
            post(posts::upload).layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES + ENVELOPE)),
        )
        .route("/admin/media/{hash}", get(posts::media_known))
        .route("/admin/outbox/session", get(posts::outbox_session))
        .route("/admin/share", post(posts::share).layer(post_body))
        .route("/admin/posts", post(posts::create).layer(post_body))
        .route("/admin/posts/settings", post(posts::settings))
        .route("/admin/posts/{id}/{action}", post(posts::act))
        // files
        .nest_service("/media", state.media.service())
        .nest_service("/pkg", ServeDir::new(site_root.join("pkg")))
        .nest_service("/icons", ServeDir::new(site_root.join("icons")))
        .route_service("/offline.html", ServeFile::new(site_root.join("offline.html")))
        .route_service("/pwa.js", ServeFile::new(site_root.join("pwa.js")))
        .nest_service("/vendor", ServeDir::new(site_root.join("vendor")))
        .route_service("/map-picker.js", ServeFile::new(site_root.join("map-picker.js")))
        .route_service("/map-picker.css", ServeFile::new(site_root.join("map-picker.css")))
        .route_service("/nearby.js", ServeFile::new(site_root.join("nearby.js")))
        .route_service("/compose.js", ServeFile::new(site_root.join("compose.js")))
        .route_service("/outbox.js", ServeFile::new(site_root.join("outbox.js")))
        .route_service("/import.js", ServeFile::new(site_root.join("import.js")))
        .route_service("/share.js", ServeFile::new(site_root.join("share.js")))
        .route_service("/favicon.ico", ServeFile::new(site_root.join("icons/favicon.ico")))
        // pages and server functions
        .leptos_routes_with_context(
            &state,
            routes,
            move || leptos::prelude::provide_context(app_state.clone()),
            move || app::shell(leptos_options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler::<ServerState, _>(app::shell))
        // Middleware, innermost first: a request passes them bottom-up.
        .route_layer(from_fn_with_state(state.clone(), ops::track))
        .layer(from_fn(public::pages::script_free_customer_pages))
        .layer(from_fn(session::require_login))
        .layer(from_fn_with_state(state.clone(), session::load_viewer))
        .layer(from_fn_with_state(state.clone(), csrf::protect))
        .layer(from_fn(answer::render))
        .layer(from_fn_with_state(state.clone(), page_cache::serve))
        .layer(from_fn_with_state(state.clone(), insights::count))
        .layer(from_fn(lang::negotiate))
        .layer(from_fn_with_state(state.clone(), ops::security_headers))
        .layer(CompressionLayer::new())
        .layer(from_fn_with_state(state.trusted_proxies.clone(), proxy::client_address))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
