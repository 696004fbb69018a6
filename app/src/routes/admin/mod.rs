//! The owner and staff screens under `/admin`. The server redirects anonymous visitors to
//! `/login` before these render.

mod compose;
mod dashboard;
mod edit_location;
mod hours;
mod pois;
mod posts;

pub use compose::ComposePage;
pub use dashboard::Dashboard;
pub use edit_location::EditLocationPage;
pub use hours::HoursPage;
pub use pois::PoisPage;
pub use posts::PostsPage;
