//! The insights screen's data: a location's figures for 7, 30 or 90 days, for managers and
//! owners (staff see the posts they make, not the shop's figures).

use crate::domain::insights::Insights;
use crate::domain::location::LocationSummary;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct InsightsPageData {
    pub location_id: i64,
    pub name: String,
    pub slug: String,
    pub figures: Insights,
    /// Titles of the top posts, by id.
    pub post_titles: Vec<(i64, String)>,
    /// Whether counting is on (`--insights`).
    pub counting: bool,
    pub siblings: Vec<LocationSummary>,
}

/// Managers and owners; anyone else gets the same 404 as for a missing location. `days`
/// is 7, 30 or 90 (anything else: 7); the range ends today in the location's time zone.
#[server]
pub async fn get_insights_page(id: i64, days: i64) -> Result<InsightsPageData, AppError> {
    use crate::access::{Need, location_of_viewer};
    use crate::context::{app_state, now};
    use crate::domain::insights::{RANGES, year_before};
    let (membership, location) = location_of_viewer(id, Need::Manager).await?;
    let state = app_state();
    let days = if RANGES.contains(&days) { days } else { RANGES[0] };
    let last = now().with_timezone(&location.details.tz()).date_naive();
    let first = last - chrono::Duration::days(days - 1);
    let rows = state.store.daily_figures(location.id, first, last).await?;
    let (before_first, before_last) = year_before(last, days);
    let earlier = state.store.daily_figures(location.id, before_first, before_last).await?;
    let figures = Insights::build(days, last, &rows, &earlier);
    let mut post_titles = Vec::new();
    for (post, _) in &figures.top_posts {
        if let Ok(found) = state.store.post(membership.business_id, *post).await {
            post_titles.push((*post, found.title()));
        }
    }
    Ok(InsightsPageData {
        location_id: location.id,
        name: location.details.name.clone(),
        slug: location.slug.clone(),
        figures,
        post_titles,
        counting: state.insights,
        siblings: state.store.locations_of(membership.business_id).await?,
    })
}
