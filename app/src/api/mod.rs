//! Server functions, one file per capability (the same names as the server's capability
//! folders, `app/src/i18n`, `server/src/store` and `server/tests/it`). Each checks who asks
//! (`crate::access`), validates with the domain, and calls the storage port; nothing here
//! knows SQL.
//!
//! Pages read through server functions; forms, uploads and scripts write through the
//! server's axum handlers. A server function writes only when an island calls it:
//! [`WRITING_SERVER_FUNCTIONS`] lists them, and the isolation matrix test fails on a
//! writing server function that is not on the list.

pub mod account;
pub mod fediverse;
pub mod history;
pub mod hours;
pub mod import;
pub mod imprint;
pub mod insights;
pub mod location_images;
pub mod locations;
pub mod nearby;
pub mod nudges;
pub mod pois;
pub mod posts;
pub mod public;
pub mod questions;
pub mod summary;
pub mod team;

/// Server functions that change data, each with the island that calls it.
pub const WRITING_SERVER_FUNCTIONS: &[(&str, &str)] =
    &[("save_location", "components::location_editor::LocationEditor")];
