//! The owner and staff screens under `/admin`. The server redirects anonymous visitors to
//! `/login` before these render.

mod dashboard;
mod edit_location;
mod hours;
mod compose;
mod pois;
mod posts;

pub use dashboard::Dashboard;
pub use edit_location::EditLocationPage;
pub use hours::HoursPage;
pub use compose::ComposePage;
pub use pois::PoisPage;
pub use posts::PostsPage;
