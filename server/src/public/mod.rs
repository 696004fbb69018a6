//! Customer outputs that are plain axum routes, no Leptos page: the feeds, the calendar,
//! the map and navigation exports, the nearby JSON API with its OpenAPI document, the
//! sitemap and the PWA files. Everything here reads only what the local pages publish.

pub mod calendar;
pub mod feed;
pub mod geo_export;
pub mod nearby;
pub mod openapi;
pub mod pages;
pub mod pwa;
pub mod sitemap;
