//! Data for the followers screen of a location: its handle, who follows it from which
//! server, the servers blocked for the business, and how deliveries are going.

use crate::domain::location::{BusinessId, LocationSummary};
use crate::error::AppError;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct FollowerItem {
    pub actor: String,
    pub host: String,
    pub since: DateTime<Utc>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct FollowersPageData {
    pub business_id: BusinessId,
    pub location_id: i64,
    pub name: String,
    pub slug: String,
    /// `@slug@host`, or `None` when federation is off (the public address is an IP).
    pub handle: Option<String>,
    pub followers: Vec<FollowerItem>,
    pub blocked: Vec<String>,
    /// Deliveries waiting, delivered and given up.
    pub deliveries: (i64, i64, i64),
    pub siblings: Vec<LocationSummary>,
}

#[server]
pub async fn get_followers_page(id: i64) -> Result<FollowersPageData, AppError> {
    use crate::access::{Need, location_of_viewer};
    use crate::context::app_state;
    let (membership, location) = location_of_viewer(id, Need::Manager).await?;
    let state = app_state();
    let followers = state
        .store
        .followers(location.id)
        .await?
        .into_iter()
        .map(|f| FollowerItem { actor: f.actor, host: f.host, since: f.since })
        .collect();
    Ok(FollowersPageData {
        business_id: membership.business_id,
        location_id: location.id,
        handle: crate::domain::slug::fediverse_handle(&state.public_url, &location.slug),
        name: location.details.name.clone(),
        slug: location.slug.clone(),
        followers,
        blocked: state.store.blocked_hosts(membership.business_id).await?,
        deliveries: state.store.delivery_counts(location.id).await?,
        siblings: state.store.locations_of(membership.business_id).await?,
    })
}
