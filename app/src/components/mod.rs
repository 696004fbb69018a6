//! Reusable views.

mod interval_row;
pub mod layout;
pub mod location_editor;
pub mod location_switcher;
pub mod opening_hours;
pub mod post_view;
