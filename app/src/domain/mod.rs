//! Pure types and rules: no Leptos, no sqlx. Compiles to WASM too, so the browser can
//! validate hours and evaluate "open now" with the same code as the server.

pub mod gbp_csv;
pub mod geo;
pub mod holidays;
pub mod hours;
pub mod location;
pub mod nearby;
pub mod osm;
pub mod poi;
pub mod post;
pub mod schedule;
pub mod schema_org;
pub mod static_map;
pub mod team;
