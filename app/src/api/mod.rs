//! Server functions, grouped by area. Each checks who asks, validates with the domain, and
//! calls the storage port; nothing here knows SQL.

pub mod hours;
pub mod import;
pub mod locations;
pub mod nearby;
pub mod pages;
pub mod pois;
pub mod posts;
pub mod team;
