//! What every handler can reach: the app's state (store, clock, public URL), metrics, the
//! login limits, and the server's own settings.

use crate::ops::Metrics;
use anyhow::Context;
use app::clock::Clock;
use app::context::AppState;
use app::store::Store;
use chrono::{DateTime, Utc};
use leptos::prelude::LeptosOptions;
use std::path::PathBuf;
use std::sync::Arc;

/// Everything the axum routes need; server functions see the `AppState` inside it.
#[derive(Clone)]
pub struct ServerState {
    pub app: AppState,
    pub metrics: Metrics,
    pub secure_cookies: bool,
    pub asset_version: String,
    /// The data folder: media files live in `media/` inside it.
    pub data_dir: PathBuf,
    pub media_slots: Arc<tokio::sync::Semaphore>,
    /// Finished customer pages (see `http::page_cache`).
    pub page_cache: Arc<crate::http::page_cache::PageCache>,
    pub trusted_proxies: crate::http::proxy::TrustedProxies,
    /// Where photos are kept: the data folder or a bucket.
    pub media: crate::media::MediaStore,
    /// Federation, when the public URL has a host name.
    pub fediverse: Option<crate::fediverse::Fediverse>,
    /// Wakes the delivery worker (see `fediverse::deliver`).
    pub delivery_wake: Arc<tokio::sync::Notify>,
    /// Outgoing mail, when `--smtp-url` is set (see `mail`).
    pub mailer: Option<crate::mail::Mailer>,
    /// Counts customer requests (see `insights`).
    pub insights: Arc<crate::insights::Counter>,
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
    pub clock: Clock,
    pub trusted_proxies: crate::http::proxy::TrustedProxies,
    pub media: crate::media::MediaStore,
    /// Let federation reach private and loopback addresses (tests, a loopback demo).
    pub federation_private: bool,
    /// Outgoing mail (`--smtp-url`), if configured.
    pub mailer: Option<crate::mail::Mailer>,
    /// Whether customer requests are counted (`--insights`).
    pub insights: bool,
}

impl ServerState {
    pub fn new(store: Arc<dyn Store>, settings: Settings) -> anyhow::Result<ServerState> {
        let mut leptos_options = leptos::config::get_configuration(None)
            .context("reading the Leptos configuration")?
            .leptos_options;
        leptos_options.site_root = settings.site_root.display().to_string().into();
        let fediverse =
            crate::fediverse::Fediverse::new(&settings.public_url, settings.federation_private);
        let object_storage = matches!(settings.media, crate::media::MediaStore::Bucket { .. });
        let insights =
            Arc::new(crate::insights::Counter::new(settings.insights, &settings.public_url));
        Ok(ServerState {
            insights,
            secure_cookies: settings.public_url.starts_with("https://"),
            asset_version: crate::public::pwa::asset_version(&settings.site_root),
            data_dir: settings.data_dir,
            media_slots: crate::media::processing_slots(),
            page_cache: Arc::default(),
            trusted_proxies: settings.trusted_proxies,
            media: settings.media,
            app: AppState {
                leptos_options,
                nearby: Arc::new(app::nearby_index::NearbyIndex::new(store.clone())),
                store,
                public_url: settings.public_url,
                tile_url: settings.tile_url,
                clock: settings.clock,
                federation: fediverse.is_some(),
                object_storage,
                mail: settings.mailer.is_some(),
                insights: settings.insights,
            },
            fediverse,
            mailer: settings.mailer,
            delivery_wake: Arc::default(),
            metrics: Metrics::new()?,
        })
    }

    /// The store, for handlers.
    pub fn store(&self) -> &dyn Store {
        self.app.store.as_ref()
    }

    /// Now, by Nahbar's clock (tests may have started it at a fixed instant).
    pub fn now(&self) -> DateTime<Utc> {
        self.app.clock.now()
    }
}
