//! Posts and their photos.

use crate::domain::location::{BusinessId, LocationId, UserId};
pub use crate::domain::post::PostSettings;
use crate::domain::post::{NewPost, Post, PostPhoto, PostState};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreResult;

/// Posts and their photos. Every read and write is scoped by business; public reads return
/// published posts only.
#[async_trait]
pub trait PostStore: Send + Sync {
    /// Creates the post, or returns the one this author already made with the same
    /// idempotency key (`false`: nothing new was created).
    async fn create_post(
        &self,
        business: BusinessId,
        author: UserId,
        post: &NewPost,
        state: PostState,
        now: DateTime<Utc>,
    ) -> StoreResult<(i64, bool)>;
    async fn post(&self, business: BusinessId, id: i64) -> StoreResult<Post>;
    /// A published post of the location with this slug.
    async fn public_post(&self, slug: &str, id: i64) -> StoreResult<Option<Post>>;
    async fn published_posts(&self, location: LocationId, limit: i64) -> StoreResult<Vec<Post>>;
    /// Newest first; `author` narrows to one person's posts.
    async fn posts_of(
        &self,
        business: BusinessId,
        author: Option<UserId>,
        limit: i64,
    ) -> StoreResult<Vec<Post>>;
    /// Moves a post from `from` to `to`; `Conflict` if it is no longer in `from`.
    async fn set_post_state(
        &self,
        business: BusinessId,
        id: i64,
        from: PostState,
        to: PostState,
        reason: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// Publishes every scheduled post whose time has come; returns how many.
    async fn publish_due(&self, now: DateTime<Utc>) -> StoreResult<u64>;
    /// Remembers a processed upload (nothing happens if it is known already).
    async fn add_media(&self, photo: &PostPhoto, now: DateTime<Utc>) -> StoreResult<()>;
    /// A processed upload by its hash (`alt` is empty).
    async fn media(&self, hash: &str) -> StoreResult<Option<PostPhoto>>;
    async fn post_settings(&self, business: BusinessId) -> StoreResult<PostSettings>;
    async fn set_post_settings(
        &self,
        business: BusinessId,
        settings: &PostSettings,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
}
