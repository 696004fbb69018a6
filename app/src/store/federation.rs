//! The fediverse side of a location: its key pair, its followers, which posts were
//! announced, and the persistent delivery queue (safe with several nodes: a delivery is
//! leased by one node at a time, and a dead node's lease runs out).

use crate::domain::location::LocationId;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreResult;

/// A fediverse account following a location.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Follower {
    pub actor: String,
    pub inbox: String,
    /// Where deliveries go: the server's shared inbox, or `inbox` when it has none.
    pub delivery_inbox: String,
    pub host: String,
    pub follow_id: String,
    pub since: DateTime<Utc>,
}

/// One activity for one inbox, leased to this node until its attempt is recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueuedDelivery {
    pub id: i64,
    pub location_id: LocationId,
    pub inbox: String,
    pub activity: String,
    /// Attempts made before this one.
    pub attempts: i64,
    pub created_at: DateTime<Utc>,
}

/// What an attempt came to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Attempt {
    Delivered,
    /// Try again at `at`.
    Retry {
        at: DateTime<Utc>,
        error: String,
    },
    /// Given up (refused for good, or retried for too long).
    Failed {
        error: String,
    },
}

/// A post whose announcement is due: published and not announced yet, or archived after
/// it was announced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DuePost {
    pub post_id: i64,
    pub business_id: crate::domain::location::BusinessId,
    pub location_id: LocationId,
    /// Announced before and archived since: its Delete is due.
    pub archived: bool,
}

/// A special-hours entry (a closure or other hours) not told to followers yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DueSpecial {
    pub special_id: i64,
    pub business_id: crate::domain::location::BusinessId,
    pub location_id: LocationId,
    /// When the entry was made: it reaches those who followed before.
    pub created_at: DateTime<Utc>,
}

#[async_trait]
pub trait FederationStore: Send + Sync {
    /// The location's private key (PEM) and when it was made (the actor's `published`).
    async fn actor_key(&self, location: LocationId)
    -> StoreResult<Option<(String, DateTime<Utc>)>>;
    /// Stores `pem` unless the location has a key already; returns the one stored (another
    /// node may have been first).
    async fn save_actor_key(
        &self,
        location: LocationId,
        pem: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<(String, DateTime<Utc>)>;
    /// Adds or refreshes a follower; `true` when it is new.
    async fn add_follower(&self, location: LocationId, follower: &Follower) -> StoreResult<bool>;
    /// `true` when there was such a follower.
    async fn remove_follower(&self, location: LocationId, actor: &str) -> StoreResult<bool>;
    /// Removes every follower of the location whose deliveries go to `inbox` (it is gone).
    async fn remove_followers_at(&self, location: LocationId, inbox: &str) -> StoreResult<u64>;
    /// Followers of the location, newest first.
    async fn followers(&self, location: LocationId) -> StoreResult<Vec<Follower>>;
    /// Posts whose Create or Delete is due, oldest first; marks them, so each is announced
    /// once however many nodes ask at the same moment.
    async fn take_due_posts(&self, now: DateTime<Utc>, limit: i64) -> StoreResult<Vec<DuePost>>;
    /// Special-hours entries not announced yet that end on or after `from`, oldest first;
    /// marks them (once, however many nodes ask). Past entries are marked, not returned.
    async fn take_due_specials(
        &self,
        now: DateTime<Utc>,
        from: chrono::NaiveDate,
        limit: i64,
    ) -> StoreResult<Vec<DueSpecial>>;
    /// Records the digest of the actor's profile; `Some(true)` when it differs from the one
    /// recorded (the profile changed: send Update{actor}), `Some(false)` when the same, and
    /// `None` the first time. One node wins a change, however many ask.
    async fn swap_actor_fingerprint(
        &self,
        location: LocationId,
        fingerprint: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<bool>>;
    /// One queue row per inbox; `post`: the post the activity announces, if any.
    async fn enqueue_deliveries(
        &self,
        location: LocationId,
        post: Option<i64>,
        activity: &str,
        inboxes: &[String],
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// Leases up to `limit` due deliveries until `lease_until`; another node's expired
    /// lease is taken over.
    async fn claim_deliveries(
        &self,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: i64,
    ) -> StoreResult<Vec<QueuedDelivery>>;
    async fn record_attempt(
        &self,
        id: i64,
        attempt: &Attempt,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// Blocks `host` (a server, `name[:port]`) for every location of the business and
    /// removes the followers from there; returns how many went.
    async fn block_host(
        &self,
        business: crate::domain::location::BusinessId,
        host: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<u64>;
    async fn unblock_host(
        &self,
        business: crate::domain::location::BusinessId,
        host: &str,
    ) -> StoreResult<()>;
    async fn blocked_hosts(
        &self,
        business: crate::domain::location::BusinessId,
    ) -> StoreResult<Vec<String>>;
    /// Per post of the business that was announced: how far it got, server by server.
    async fn post_deliveries(
        &self,
        business: crate::domain::location::BusinessId,
    ) -> StoreResult<Vec<(i64, crate::domain::post::PostDelivery)>>;
    /// Queued, delivered and failed deliveries of the location.
    async fn delivery_counts(&self, location: LocationId) -> StoreResult<(i64, i64, i64)>;
    /// Stores a reply or mention once (by the location and the remote note's id); `false`
    /// when it was there already.
    async fn add_fediverse_message(
        &self,
        message: &crate::domain::fediverse_message::NewFediverseMessage,
        now: DateTime<Utc>,
    ) -> StoreResult<bool>;
    /// Its author withdrew the note: the message goes wherever it was stored.
    async fn delete_fediverse_message(&self, actor: &str, note_id: &str) -> StoreResult<u64>;
    /// The location's messages in one state, newest first.
    async fn fediverse_messages(
        &self,
        location: LocationId,
        status: crate::domain::question::QuestionStatus,
        limit: i64,
    ) -> StoreResult<Vec<crate::domain::fediverse_message::FediverseMessage>>;
    async fn fediverse_message(
        &self,
        business: crate::domain::location::BusinessId,
        id: i64,
    ) -> StoreResult<crate::domain::fediverse_message::FediverseMessage>;
    /// Records the member's answer (the message becomes answered).
    async fn answer_fediverse_message(
        &self,
        business: crate::domain::location::BusinessId,
        id: i64,
        answer: &str,
        by: crate::domain::location::UserId,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// A like or boost of a post, once per person; `false` when it was there already.
    async fn add_reaction(
        &self,
        post: i64,
        kind: &str,
        actor: &str,
        activity_id: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<bool>;
    /// Undo: by the reaction's activity id, or by the actor and post when only those are known.
    async fn remove_reaction(
        &self,
        kind: &str,
        actor: &str,
        activity_id: &str,
        post: Option<i64>,
    ) -> StoreResult<u64>;
    /// Per post of the business with any: its likes and boosts.
    async fn reactions(
        &self,
        business: crate::domain::location::BusinessId,
    ) -> StoreResult<Vec<(i64, crate::domain::fediverse_message::Reactions)>>;
}
