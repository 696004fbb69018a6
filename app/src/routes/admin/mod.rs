//! The owner and staff screens under `/admin`. The server redirects anonymous visitors to
//! `/login` before these render.

mod account;
mod compose;
mod dashboard;
mod edit_location;
mod followers;
mod history;
mod hours;
mod hours_rules;
mod import;
mod imprint;
mod insights;
mod location_images;
mod pois;
mod posts;
mod questions;
mod team;

pub use account::AccountPage;
pub use compose::ComposePage;
pub use dashboard::Dashboard;
pub use edit_location::EditLocationPage;
pub use followers::FollowersPage;
pub use history::{AuditLogPage, LocationHistoryPage};
pub use hours::HoursPage;
pub use import::ImportPage;
pub use imprint::ImprintScreenPage;
pub use insights::InsightsPage;
pub use location_images::LocationImagesPage;
pub use pois::PoisPage;
pub use posts::PostsPage;
pub use questions::QuestionsPage;
pub use team::TeamPage;
