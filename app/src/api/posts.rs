//! Data of the staff and owner post screens and of the public post pages.

use crate::domain::location::{GeoPoint, LocationId, Role};
use crate::domain::post::{Post, PostSettings};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct BusinessPosts {
    pub business_id: i64,
    pub business_name: String,
    pub role: Role,
    pub settings: PostSettings,
    /// Staff: their own posts; managers and owners: every post of the business.
    pub posts: Vec<Post>,
    /// Per post announced to the fediverse: how far it got.
    pub deliveries: Vec<(i64, crate::domain::post::PostDelivery)>,
    /// Per post with any: likes and boosts from the fediverse.
    pub reactions: Vec<(i64, crate::domain::fediverse_message::Reactions)>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PostsPageData {
    pub user_id: i64,
    /// The request's time by Nahbar's clock: which actions a post offers depends on it.
    pub now: chrono::DateTime<chrono::Utc>,
    pub businesses: Vec<BusinessPosts>,
}

#[server]
pub async fn get_posts_page() -> Result<PostsPageData, AppError> {
    use crate::context::app_state;
    let viewer = crate::access::signed_in()?;
    let store = app_state().store;
    let mut businesses = Vec::new();
    for m in &viewer.memberships {
        let author = (m.role == Role::Staff).then_some(viewer.user_id);
        businesses.push(BusinessPosts {
            business_id: m.business_id,
            business_name: m.business_name.clone(),
            role: m.role,
            settings: store.post_settings(m.business_id).await?,
            posts: store.posts_of(m.business_id, author, 100).await?,
            deliveries: store.post_deliveries(m.business_id).await?,
            reactions: store.reactions(m.business_id).await?,
        });
    }
    Ok(PostsPageData { user_id: viewer.user_id, now: crate::context::now(), businesses })
}

/// A location a member may post for, with the points a geotag can snap to.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PostTarget {
    pub location_id: LocationId,
    pub name: String,
    pub timezone: String,
    /// The shop first, then its POIs: (label, point).
    pub places: Vec<(String, GeoPoint)>,
    pub checklist: Vec<String>,
    pub approval_required: bool,
    pub role: Role,
}

#[server]
pub async fn get_compose_page() -> Result<Vec<PostTarget>, AppError> {
    use crate::context::app_state;
    let viewer = crate::access::signed_in()?;
    let store = app_state().store;
    let mut targets = Vec::new();
    for m in &viewer.memberships {
        let settings = store.post_settings(m.business_id).await?;
        for summary in store.locations_of(m.business_id).await?.into_iter().filter(|l| !l.archived)
        {
            let location = store.location(m.business_id, summary.id).await?;
            let mut places = Vec::new();
            if let Some(shop) = location.details.geo {
                places.push((location.details.name.clone(), shop));
            }
            for poi in &location.pois {
                places.push((format!("{}, {}", location.details.name, poi.name), poi.point));
            }
            targets.push(PostTarget {
                location_id: location.id,
                name: location.details.name.clone(),
                timezone: location.details.timezone.clone(),
                places,
                checklist: settings.checklist.clone(),
                approval_required: settings.approval_required,
                role: m.role,
            });
        }
    }
    Ok(targets)
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PublicPost {
    pub post: Post,
    pub public_url: String,
    pub timezone: String,
    /// The location's logo and cover: the preview of a post without a photo of its own.
    pub images: crate::domain::location_image::LocationImages,
}

#[server]
pub async fn get_public_post(slug: String, id: i64) -> Result<PublicPost, AppError> {
    use crate::context::{app_state, fail};
    let state = app_state();
    let Some(post) = state.store.public_post(&slug, id).await? else {
        return Err(fail(AppError::NotFound));
    };
    let (timezone, images) = match state.store.location_by_slug(&slug).await? {
        Some(location) => {
            (location.details.timezone, state.store.location_images(location.id).await?)
        }
        None => return Err(fail(AppError::NotFound)),
    };
    Ok(PublicPost { post, public_url: state.public_url.clone(), timezone, images })
}
