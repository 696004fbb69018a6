//! Reusable views.

pub mod layout;
pub mod location_editor;
pub mod opening_hours;
