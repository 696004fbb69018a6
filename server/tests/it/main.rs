//! Integration tests: one binary (one link) for all of them.

mod auth;
mod cli;
mod common;
mod csv_import;
mod geo_exports;
mod local_page;
mod locations;
mod matrix;
mod operations;
mod outbox;
mod pois;
mod posts;
mod storage_story;
mod team;
