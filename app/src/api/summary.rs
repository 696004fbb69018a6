//! The weekly summary's content for one person: per business they manage, each location's
//! week (views, visitors, directions, calls, waiting questions, the top post) and the
//! business's nudges. The server's `summary` job words it and mails it.

use crate::domain::location::{BusinessId, LocationId};
use crate::domain::nudges::Nudge;
use serde::{Deserialize, Serialize};

/// One location's last seven days.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocationWeek {
    pub id: LocationId,
    pub name: String,
    pub views: i64,
    pub visitors: i64,
    pub routes: i64,
    pub calls: i64,
    /// New questions in the inbox.
    pub questions: i64,
    /// The most viewed post's title and views.
    pub top_post: Option<(String, i64)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BusinessWeek {
    pub business_id: BusinessId,
    pub name: String,
    pub locations: Vec<LocationWeek>,
    pub nudges: Vec<Nudge>,
}

/// The summary of the seven days before `now`'s day for `user`: the businesses where they
/// are a manager or an owner (staff get none).
#[cfg(feature = "ssr")]
pub async fn weekly_summary(
    state: &crate::context::AppState,
    user: crate::domain::location::UserId,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<BusinessWeek>, crate::error::AppError> {
    use crate::domain::insights::Insights;
    let store = &state.store;
    let mut weeks = Vec::new();
    for membership in store.memberships(user).await? {
        if !membership.role.can_edit_locations() {
            continue;
        }
        let business = membership.business_id;
        let summaries = store.locations_of(business).await?;
        let mut locations = Vec::new();
        for summary in summaries.iter().filter(|l| !l.archived) {
            let location = store.location(business, summary.id).await?;
            let last =
                now.with_timezone(&location.details.tz()).date_naive() - chrono::Duration::days(1);
            let first = last - chrono::Duration::days(6);
            let rows = store.daily_figures(location.id, first, last).await?;
            let figures = Insights::build(7, last, &rows, &[]);
            let mut top_post = None;
            if let Some((post, views)) = figures.top_posts.first()
                && let Ok(found) = store.post(business, *post).await
            {
                top_post = Some((found.title(), *views));
            }
            locations.push(LocationWeek {
                id: location.id,
                name: location.details.name.clone(),
                views: figures.views,
                visitors: figures.visitors,
                routes: figures.routes,
                calls: figures.calls,
                questions: store.question_counts(location.id).await?.new,
                top_post,
            });
        }
        let nudges =
            crate::api::nudges::business_nudges(state, &membership, &summaries, true, now).await?;
        weeks.push(BusinessWeek {
            business_id: business,
            name: membership.business_name.clone(),
            locations,
            nudges,
        });
    }
    Ok(weeks)
}
