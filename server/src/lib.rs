//! Nahbar's server. A newcomer's map (the README's architecture section says more):
//!
//! - `routes.rs`: THE route table and the middleware order.
//! - `state.rs`: what every handler reaches (`ServerState`).
//! - `http/`: plumbing shared by every capability, and no business rules: who asks
//!   (`access`, `session`), how to answer (`answer`), CSRF, cookies, the language.
//! - one folder per capability, with its axum handlers: `account`, `team`, `locations`,
//!   `import`, `hours`, `pois`, `history`, `posts`; and `public` (feeds, exports, the
//!   nearby API, sitemap, PWA files) and `ops` (health, metrics, security headers).
//!   Capability folders do not import each other; they share `http`, `media`, the storage
//!   port (`app::store`) and the domain (`app::domain`).
//! - `media/`: the photo pipeline, no HTTP. `store/`: the sqlx adapters of the port.
//! - `cli/`: configuration, the commands besides `serve`, demo data, benchmarks.

pub mod account;
pub mod archive;
pub mod cli;
pub mod federation;
pub mod fediverse;
pub mod history;
pub mod hours;
pub mod http;
pub mod import;
pub mod imprint;
pub mod insights;
pub mod location_images;
pub mod locations;
pub mod mail;
pub mod media;
pub mod ops;
pub mod pois;
pub mod posts;
pub mod public;
pub mod questions;
pub mod routes;
pub mod signs;
pub mod state;
pub mod store;
pub mod summary;
pub mod team;

pub use routes::router;
pub use state::{ServerState, Settings};

use anyhow::Context;
use app::clock::Clock;
use app::context::hash_token;
use app::store::Store;
use axum::ServiceExt;
use axum::serve::ListenerExt;
use cli::config::{ServeArgs, StorageArgs};
use std::future::Future;
use std::sync::Arc;

/// Serves until `shutdown` resolves, then finishes in-flight requests.
pub async fn run(
    listener: tokio::net::TcpListener,
    state: ServerState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let removed = match &state.media {
        media::MediaStore::Folder(dir) => media::remove_partial_files(dir),
        media::MediaStore::Bucket { .. } => 0,
    };
    if removed > 0 {
        tracing::info!(removed, "removed photo files a stopped server left half-written");
    }
    // The question form's secret exists before the first page asks for it, so reading a
    // page never writes.
    app::api::questions::token::secret(state.store()).await?;
    let cache = state.page_cache.clone();
    state.app.store.listen_public_changes(Arc::new(move || cache.mark_dirty()));
    let scheduler =
        tokio::spawn(posts::scheduler(state.clone(), std::time::Duration::from_secs(2)));
    let retention =
        tokio::spawn(questions::retention(state.clone(), std::time::Duration::from_secs(3600)));
    let deliveries = tokio::spawn(fediverse::deliver::worker(state.clone()));
    let counts = tokio::spawn(insights::job(
        state.clone(),
        std::time::Duration::from_secs(1),
        chrono::Duration::minutes(1),
    ));
    let summaries = tokio::spawn(summary::job(state.clone(), std::time::Duration::from_secs(600)));
    let (counter, store) = (state.insights.clone(), state.app.store.clone());
    // Kept pages are answered in front of the router (see `http::page_cache`).
    let app = http::page_cache::Fast::new(state.clone(), router(state))
        .into_make_service_with_connect_info::<std::net::SocketAddr>();
    let (listener, stopped) = http::listener::draining(listener, shutdown)?;
    // Answers leave at once (no Nagle delay waiting for the next segment).
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    let served = axum::serve(listener, app).with_graceful_shutdown(stopped).await;
    scheduler.abort();
    retention.abort();
    deliveries.abort();
    counts.abort();
    summaries.abort();
    // The last second's counts.
    counter.flush(store.as_ref()).await;
    served.context("serving HTTP")
}

pub fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).try_init();
}

pub(crate) async fn open_store(storage: &StorageArgs) -> anyhow::Result<Arc<dyn Store>> {
    std::fs::create_dir_all(&storage.data_dir)
        .with_context(|| format!("creating the data folder {}", storage.data_dir.display()))?;
    store::connect(&storage.database_url()).await
}

/// `nahbar serve`.
pub async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    cli::config::check_tile_url(&args.tile_url)?;
    let trusted_proxies = http::proxy::TrustedProxies::parse(&args.trusted_proxies)
        .map_err(|problem| anyhow::anyhow!("--trusted-proxies: {problem}"))?;
    let clock = match args.clock_start {
        Some(at) => Clock::starting_at(at.with_timezone(&chrono::Utc)),
        None => Clock::system(),
    };
    let store = open_store(&args.storage).await?;
    let media = media::MediaStore::open(&args.storage.data_dir, args.media_url.as_deref())?;
    tracing::info!("photos are kept in {}", media.describe());
    if args.demo && cli::demo::seed(store.as_ref(), &media, clock.now()).await? {
        tracing::info!("filled the empty database with the demo business");
    }
    let public_url = args.public_url();
    if store.owner_count().await? == 0 {
        let token = http::session::new_token();
        let expires = clock.now() + chrono::Duration::hours(24);
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
            clock,
            trusted_proxies,
            media,
            federation_private: args.federation_private,
            mailer: mail::Mailer::from_settings(args.smtp_url.as_deref(), &args.mail_from)?,
            insights: args.insights == "on",
        },
    )?;
    let listener = tokio::net::TcpListener::bind(args.bind)
        .await
        .with_context(|| format!("binding {}", args.bind))?;
    tracing::info!("Nahbar listens on http://{} (public URL {public_url})", listener.local_addr()?);
    run(listener, state, shutdown_signal()).await
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
