//! Nahbar's server: configuration, startup, the axum router and its middleware.

pub mod auth;
pub mod calendar;
pub mod config;
pub mod cookies;
pub mod csrf;
pub mod demo;
pub mod demo_posts;
pub mod feed;
pub mod geo_export;
pub mod history;
pub mod hours_admin;
pub mod hours_cli;
pub mod lang;
pub mod locations_admin;
pub mod locations_csv;
pub mod media;
pub mod media_bench;
pub mod nearby_api;
pub mod nearby_bench;
pub mod openapi;
pub mod ops;
pub mod poi_admin;
pub mod posts_admin;
pub mod publish;
pub mod store;
pub mod team;

use anyhow::Context;
use app::context::{AppState, hash_token};
use app::store::{OwnerSetup, Store};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use config::{OwnerCreateArgs, ServeArgs};
use leptos::prelude::LeptosOptions;
use leptos_axum::{LeptosRoutes, generate_route_list};
use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

/// Everything the axum routes need; server functions see the `AppState` inside it.
#[derive(Clone)]
pub struct ServerState {
    pub app: AppState,
    pub metrics: ops::Metrics,
    pub login_limiter: Arc<auth::LoginLimiter>,
    pub secure_cookies: bool,
    pub asset_version: String,
    /// The data folder: media files live in `media/` inside it.
    pub data_dir: PathBuf,
    pub media_slots: Arc<tokio::sync::Semaphore>,
}

impl axum::extract::FromRef<ServerState> for LeptosOptions {
    fn from_ref(state: &ServerState) -> Self {
        state.app.leptos_options.clone()
    }
}

pub struct Settings {
    pub public_url: String,
    pub site_root: PathBuf,
    pub tile_url: String,
    pub data_dir: PathBuf,
}

impl ServerState {
    pub fn new(store: Arc<dyn Store>, settings: Settings) -> anyhow::Result<ServerState> {
        let mut leptos_options = leptos::config::get_configuration(None)
            .context("reading the Leptos configuration")?
            .leptos_options;
        leptos_options.site_root = settings.site_root.display().to_string().into();
        Ok(ServerState {
            secure_cookies: settings.public_url.starts_with("https://"),
            asset_version: publish::asset_version(&settings.site_root),
            data_dir: settings.data_dir,
            media_slots: posts_admin::processing_slots(),
            app: AppState {
                leptos_options,
                nearby: Arc::new(app::nearby_index::NearbyIndex::new(store.clone())),
                store,
                public_url: settings.public_url,
                tile_url: settings.tile_url,
            },
            metrics: ops::Metrics::new()?,
            login_limiter: Arc::new(auth::LoginLimiter::default()),
        })
    }
}

pub fn internal_error() -> Response {
    (
        http::StatusCode::INTERNAL_SERVER_ERROR,
        "Something went wrong on our side. Please try again in a moment.",
    )
        .into_response()
}

/// The whole application as one router: pages (Leptos), server functions, feeds, assets.
pub fn router(state: ServerState) -> Router {
    let site_root = PathBuf::from(state.app.leptos_options.site_root.as_ref());
    let routes = generate_route_list(app::App);
    let app_state = state.app.clone();
    let leptos_options = state.app.leptos_options.clone();
    Router::new()
        .route("/healthz", get(ops::healthz))
        .route("/metrics", get(ops::metrics))
        .route("/sitemap.xml", get(publish::sitemap))
        .route("/robots.txt", get(publish::robots))
        .route("/manifest.webmanifest", get(publish::manifest))
        .route("/sw.js", get(publish::service_worker))
        .route("/login", post(auth::login))
        .route("/logout", post(auth::logout))
        .route("/setup/{token}", post(auth::setup))
        .route("/lang/{code}", get(lang::switch))
        .route("/{slug}/calendar.ics", get(calendar::calendar))
        .route("/{slug}/feed.atom", get(feed::feed))
        .route("/{slug}/pois.geojson", get(geo_export::pois_geojson))
        .route("/{slug}/pois.gpx", get(geo_export::pois_gpx))
        .route("/{slug}/pois.kml", get(geo_export::pois_kml))
        .route("/api/v1/locations.geojson", get(geo_export::locations_geojson))
        .route("/api/v1/nearby", get(nearby_api::nearby))
        .route("/api/v1/openapi.json", get(openapi::openapi))
        .route("/admin/locations/{id}/special", post(hours_admin::add_special))
        .route("/admin/locations/{id}/special/{special}/delete", post(hours_admin::delete_special))
        .route("/admin/locations/{id}/holiday-rule", post(hours_admin::set_holiday_rule))
        .route("/admin/locations/{id}/holidays/{date}", post(hours_admin::confirm_holiday))
        .route("/admin/locations/{id}/osm", post(hours_admin::import_osm))
        .route("/admin/locations/{id}/pois", post(poi_admin::add_poi))
        .route("/admin/locations/{id}/pois/{poi}", post(poi_admin::update_poi))
        .route("/admin/locations/{id}/pois/{poi}/delete", post(poi_admin::delete_poi))
        .route("/admin/locations/{id}/pois/{poi}/move", post(poi_admin::move_poi))
        .route(
            "/admin/media",
            post(posts_admin::upload)
                .layer(DefaultBodyLimit::max(media::MAX_UPLOAD_BYTES + 65_536)),
        )
        .route("/admin/locations/{id}/history/{revision}/restore", post(history::restore))
        .route("/admin/businesses/{business}/locations", post(locations_admin::create))
        .route("/admin/locations/{id}/archive", post(locations_admin::archive))
        .route("/admin/locations/{id}/apply-hours", post(locations_admin::apply_hours))
        // Bulk CSV export and import of a business's locations (issue 7).
        .route("/admin/businesses/{business}/locations.csv", get(locations_csv::export))
        .route(
            "/admin/businesses/{business}/locations.csv",
            post(locations_csv::import)
                .layer(DefaultBodyLimit::max(locations_csv::MAX_CSV_BYTES + 65_536)),
        )
        .route("/admin/team/{business}/invitations", post(team::invite))
        .route("/admin/team/{business}/invitations/{id}/revoke", post(team::revoke))
        .route("/admin/team/{business}/members/{user}/role", post(team::set_role))
        .route("/admin/team/{business}/members/{user}/remove", post(team::remove))
        .route("/admin/account/password", post(team::change_password))
        .route("/admin/account/sessions/{id}/end", post(team::end_session))
        .route("/admin/account/sessions/end-others", post(team::end_other_sessions))
        .route("/invite/{token}", post(team::accept))
        .route("/admin/media/{hash}", get(posts_admin::media_known))
        .route("/admin/outbox/session", get(posts_admin::outbox_session))
        .route(
            "/admin/share",
            post(posts_admin::share).layer(DefaultBodyLimit::max(
                app::domain::post::MAX_PHOTOS * media::MAX_UPLOAD_BYTES / 2,
            )),
        )
        .route(
            "/admin/posts",
            post(posts_admin::create).layer(DefaultBodyLimit::max(
                app::domain::post::MAX_PHOTOS * media::MAX_UPLOAD_BYTES / 2,
            )),
        )
        .route("/admin/posts/settings", post(posts_admin::settings))
        .route("/admin/posts/{id}/{action}", post(posts_admin::act))
        .nest_service(
            "/media",
            tower::ServiceBuilder::new()
                .layer(SetResponseHeaderLayer::overriding(
                    http::header::CACHE_CONTROL,
                    http::HeaderValue::from_static("public, max-age=31536000, immutable"),
                ))
                .service(ServeDir::new(media::media_dir(&state.data_dir))),
        )
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
        .route_service("/favicon.ico", ServeFile::new(site_root.join("icons/favicon.ico")))
        .leptos_routes_with_context(
            &state,
            routes,
            move || leptos::prelude::provide_context(app_state.clone()),
            move || app::shell(leptos_options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler::<ServerState, _>(app::shell))
        .route_layer(from_fn_with_state(state.clone(), ops::track))
        .layer(from_fn(publish::script_free_customer_pages))
        .layer(from_fn(auth::require_login))
        .layer(from_fn_with_state(state.clone(), auth::load_viewer))
        .layer(from_fn_with_state(state.clone(), csrf::protect))
        .layer(from_fn(lang::negotiate))
        .layer(from_fn_with_state(state.clone(), ops::security_headers))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Serves until `shutdown` resolves, then finishes in-flight requests.
pub async fn run(
    listener: tokio::net::TcpListener,
    state: ServerState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let removed = media::remove_partial_files(&media::media_dir(&state.data_dir));
    if removed > 0 {
        tracing::info!(removed, "removed photo files a stopped server left half-written");
    }
    let scheduler =
        tokio::spawn(posts_admin::scheduler(state.clone(), std::time::Duration::from_secs(2)));
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    let served = axum::serve(listener, app).with_graceful_shutdown(shutdown).await;
    scheduler.abort();
    served.context("serving HTTP")
}

pub fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).try_init();
}

async fn open_store(storage: &config::StorageArgs) -> anyhow::Result<Arc<dyn Store>> {
    std::fs::create_dir_all(&storage.data_dir)
        .with_context(|| format!("creating the data folder {}", storage.data_dir.display()))?;
    store::connect(&storage.database_url()).await
}

/// `nahbar serve`.
pub async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    config::check_tile_url(&args.tile_url)?;
    let store = open_store(&args.storage).await?;
    if args.demo && demo::seed(store.as_ref(), &args.storage.data_dir).await? {
        tracing::info!("filled the empty database with the demo business");
    }
    let public_url = args.public_url();
    if store.owner_count().await? == 0 {
        let token = auth::new_token();
        let expires = chrono::Utc::now() + chrono::Duration::hours(24);
        store.create_setup_token(&hash_token(&token), expires).await?;
        println!(
            "\n  No owner account yet. Create it within 24 hours at:\n  {public_url}/setup/{token}\n"
        );
    }
    let state = ServerState::new(
        store,
        Settings {
            public_url: public_url.clone(),
            site_root: args.site_root.clone(),
            tile_url: args.tile_url.clone(),
            data_dir: args.storage.data_dir.clone(),
        },
    )?;
    let listener = tokio::net::TcpListener::bind(args.bind)
        .await
        .with_context(|| format!("binding {}", args.bind))?;
    tracing::info!("Nahbar listens on http://{} (public URL {public_url})", listener.local_addr()?);
    run(listener, state, shutdown_signal()).await
}

/// `nahbar owner create`.
pub async fn create_owner(args: OwnerCreateArgs) -> anyhow::Result<()> {
    let password = read_password(args.password_stdin)?;
    let email = args.email.trim().to_lowercase();
    if let Err(code) =
        auth::check_owner_input(&args.business, &args.name, &email, &password, &password)
    {
        let message = match code {
            "email" => "the email address is not valid".to_string(),
            "short" => {
                format!("the password needs at least {} characters", auth::MIN_PASSWORD_CHARS)
            }
            _ => "--name and --business must not be empty".to_string(),
        };
        anyhow::bail!(message);
    }
    let store = open_store(&args.storage).await?;
    let hash = auth::hash_password(password).await?;
    let setup = OwnerSetup {
        token_hash: None,
        business_name: args.business.trim(),
        email: &email,
        display_name: args.name.trim(),
        password_hash: &hash,
    };
    match store.setup_owner(&setup, chrono::Utc::now()).await {
        Ok(_) => {
            println!("Owner {email} created. Sign in at /login.");
            Ok(())
        }
        Err(app::store::StoreError::Conflict(_)) => {
            anyhow::bail!("an account with the email {email} exists already")
        }
        Err(error) => Err(error.into()),
    }
}

fn read_password(from_stdin: bool) -> anyhow::Result<String> {
    use std::io::BufRead;
    if !from_stdin {
        let prompt = format!("Password (at least {} characters): ", auth::MIN_PASSWORD_CHARS);
        return rpassword::prompt_password(prompt).context("reading the password");
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).context("reading the password")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing open requests");
}
