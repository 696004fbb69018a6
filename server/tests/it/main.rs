//! Integration tests: one binary (one link) for all of them.

mod auth;
mod cli;
mod common;
mod geo_exports;
mod local_page;
mod matrix;
mod operations;
mod outbox;
mod pois;
mod posts;
mod storage_story;
mod team;
