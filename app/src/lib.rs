//! Nahbar's Leptos app: pages, islands and server functions, plus the pure domain.
//!
//! Rendering runs in islands mode: every page is server-rendered HTML, and only the
//! components marked `#[island]` (the owner and staff screens) ship WASM. Customer pages
//! get no script tag at all.

#![recursion_limit = "256"]

#[cfg(feature = "ssr")]
pub mod access;
pub mod api;
pub mod clock;
pub mod components;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod request;
pub mod routes;

#[cfg(feature = "ssr")]
pub mod context;
#[cfg(feature = "ssr")]
pub mod nearby_index;
#[cfg(feature = "ssr")]
pub mod store;

pub use routes::App;
#[cfg(feature = "ssr")]
pub use routes::shell;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
