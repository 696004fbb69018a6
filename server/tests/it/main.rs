//! Integration tests: one binary (one link) for all of them.

mod account;
mod cli;
mod common;
mod federation;
mod federation_shop;
mod federation_store;
mod fediverse_flow;
mod fediverse_peer;
mod geo_exports;
mod hours_rules;
mod import;
mod imprint;
mod local_page;
mod location_images;
mod locations;
mod matrix;
mod object_storage;
mod ops;
mod outbox;
mod page_cache;
mod pois;
mod posts;
mod questions;
mod signs;
mod storage_story;
mod team;
