//! The storage port. Server functions and the server's own routes talk to this trait only;
//! `server::store` implements it for SQLite and PostgreSQL. Every method that touches a
//! business's data takes the business id and scopes its query by it.

use crate::domain::hours::WeeklyHours;
use crate::domain::location::{
    BusinessId, Location, LocationDetails, LocationId, LocationSummary, Membership, NewPoiInput,
    Role, Slug, UserId,
};
pub use crate::domain::post::PostSettings;
use crate::domain::post::{NewPost, Post, PostPhoto, PostState};
use crate::domain::schedule::{OpeningHours, SpecialHours};
use crate::domain::team::{
    Actor, AuditEntry, Change, Invitation, Member, Revision, RevisionKind, SessionInfo,
};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    #[error("already exists: {0}")]
    Conflict(String),
    #[error(transparent)]
    Other(Box<dyn std::error::Error + Send + Sync>),
}

pub type StoreResult<T> = Result<T, StoreError>;

pub struct NewLocation {
    pub business_id: BusinessId,
    pub slug: Slug,
    pub details: LocationDetails,
    pub hours: WeeklyHours,
}

/// A user as a session sees them. Deliberately not `Serialize`: it never leaves the server.
#[derive(Clone, Debug, PartialEq)]
pub struct UserRecord {
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    /// When the session this record was loaded for last showed activity (`None` when not
    /// loaded through a session, or never recorded).
    pub session_seen_at: Option<DateTime<Utc>>,
}

/// How someone uses an invitation: with a new account, or an account they are signed in to.
pub enum InvitationJoin<'a> {
    NewAccount { email: &'a str, display_name: &'a str, password_hash: &'a str },
    Existing(UserId),
}

/// What creating the first owner needs, done in one transaction.
pub struct OwnerSetup<'a> {
    /// Hash of the one-time setup link's token; `None` from the CLI.
    pub token_hash: Option<&'a str>,
    pub business_name: &'a str,
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
}

/// POIs and the public revision that the nearby index follows.
#[async_trait]
pub trait PoiStore: Send + Sync {
    async fn add_poi(
        &self,
        business: BusinessId,
        location: LocationId,
        poi: &NewPoiInput,
        now: DateTime<Utc>,
    ) -> StoreResult<i64>;
    async fn update_poi(
        &self,
        business: BusinessId,
        location: LocationId,
        id: i64,
        poi: &NewPoiInput,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    async fn delete_poi(
        &self,
        business: BusinessId,
        location: LocationId,
        id: i64,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// Sets the order of the location's POIs; `order` must name each of them once.
    async fn reorder_pois(
        &self,
        business: BusinessId,
        location: LocationId,
        order: &[i64],
        now: DateTime<Utc>,
    ) -> StoreResult<()>;

    /// Raised by every change to public location data; the nearby index follows it.
    async fn public_revision(&self) -> StoreResult<i64>;
    /// Every location with its public POIs (the nearby index and the GeoJSON of all).
    async fn public_locations_full(&self) -> StoreResult<Vec<Location>>;
}

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

/// Members, invitations and the viewer's own sessions and password.
#[async_trait]
pub trait TeamStore: Send + Sync {
    async fn members(&self, business: BusinessId) -> StoreResult<Vec<Member>>;
    /// `NotFound` for someone who is not a member; `Conflict` when the business would be
    /// left without an owner.
    async fn set_member_role(
        &self,
        business: BusinessId,
        user: UserId,
        role: Role,
    ) -> StoreResult<()>;
    /// Ends the membership at once; the person's sessions end too when it was their last.
    async fn remove_member(&self, business: BusinessId, user: UserId) -> StoreResult<()>;
    async fn create_invitation(
        &self,
        business: BusinessId,
        role: Role,
        token_hash: &str,
        created_by: UserId,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<i64>;
    /// Invitations that can still be used.
    async fn invitations(
        &self,
        business: BusinessId,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<Invitation>>;
    async fn invitation_by_token(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<Invitation>>;
    async fn revoke_invitation(
        &self,
        business: BusinessId,
        id: i64,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// Uses the invitation once (in one transaction): `NotFound` when it is used, revoked or
    /// expired; `Conflict("email")` when a new account's email is taken.
    async fn accept_invitation(
        &self,
        token_hash: &str,
        join: InvitationJoin<'_>,
        now: DateTime<Utc>,
    ) -> StoreResult<(UserId, BusinessId)>;
    /// Records where a session is used from (at sign-in) or that it is still in use.
    async fn touch_session(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
        client: Option<(&str, &str)>,
    ) -> StoreResult<()>;
    /// The live sessions of a user, newest first, `current` false for all.
    async fn sessions_of(
        &self,
        user: UserId,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<(String, SessionInfo)>>;
    /// Ends one of the user's own sessions, named by the start of its hash.
    async fn end_session(&self, user: UserId, id: &str) -> StoreResult<()>;
    /// Ends every session of the user except `keep` (a token hash).
    async fn end_other_sessions(&self, user: UserId, keep: &str) -> StoreResult<u64>;
    async fn password_hash(&self, user: UserId) -> StoreResult<String>;
    /// Sets a new password and ends every other session of the user, at once.
    async fn set_password(
        &self,
        user: UserId,
        password_hash: &str,
        keep: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
}

/// The audit log and the revision history of locations.
#[async_trait]
pub trait HistoryStore: Send + Sync {
    /// Logs a change. With a location, it also keeps a new revision of every part
    /// (details, hours, POIs) that differs from its last revision; `before` is the
    /// location as it was, kept first when a part has no revision yet.
    async fn record_change(
        &self,
        actor: &Actor,
        change: &Change,
        before: Option<&Location>,
        now: DateTime<Utc>,
    ) -> StoreResult<i64>;
    async fn audit_log(
        &self,
        business: BusinessId,
        limit: i64,
        before_id: Option<i64>,
    ) -> StoreResult<Vec<AuditEntry>>;
    async fn revisions(
        &self,
        business: BusinessId,
        location: LocationId,
        kind: RevisionKind,
    ) -> StoreResult<Vec<Revision>>;
    async fn revision(
        &self,
        business: BusinessId,
        location: LocationId,
        id: i64,
    ) -> StoreResult<Revision>;
    /// Replaces every POI of the location (restoring a revision), in one transaction.
    async fn replace_pois(
        &self,
        business: BusinessId,
        location: LocationId,
        pois: &[NewPoiInput],
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
}

// ----- Bulk import and export (issue 7, `server::locations_csv`) -------------------------

/// What one import did. When `refused` has rows, nothing at all was written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportOutcome {
    pub created: Vec<LocationId>,
    pub updated: Vec<LocationId>,
    /// Rows that matched a location and would not change it (a re-imported export).
    pub unchanged: Vec<LocationId>,
    /// Rows the database refused: a slug taken, a slug changed, an archived store code.
    pub refused: Vec<crate::domain::gbp_csv::RowError>,
}

/// Many locations at once: the CSV export and the all-or-nothing import.
#[async_trait]
pub trait ImportStore: Send + Sync {
    /// Every location of the business that is not archived, with weekly and special
    /// hours (no POIs), ordered by name.
    async fn locations_for_export(&self, business: BusinessId) -> StoreResult<Vec<Location>>;
    /// In one transaction: updates the location whose store code (branch code) matches
    /// each row, or creates one, and raises the public revision once. A row the database
    /// refuses rolls everything back and comes back in `refused`.
    async fn import_locations(
        &self,
        business: BusinessId,
        rows: &[crate::domain::gbp_csv::ImportRow],
        now: DateTime<Utc>,
    ) -> StoreResult<ImportOutcome>;
}
// ----- end of bulk import and export ------------------------------------------------------

#[async_trait]
pub trait Store:
    PoiStore + PostStore + TeamStore + HistoryStore + ImportStore + Send + Sync + 'static
{
    async fn ping(&self) -> StoreResult<()>;

    // Tenants and their locations.
    async fn create_business(&self, name: &str, now: DateTime<Utc>) -> StoreResult<BusinessId>;
    async fn business_count(&self) -> StoreResult<i64>;
    async fn create_location(
        &self,
        new: &NewLocation,
        now: DateTime<Utc>,
    ) -> StoreResult<LocationId>;
    // Public reads: only what the local pages publish.
    async fn location_by_slug(&self, slug: &str) -> StoreResult<Option<Location>>;
    async fn public_locations(&self) -> StoreResult<Vec<LocationSummary>>;

    // Business-scoped reads and writes. A location of another business is `NotFound`.
    async fn locations_of(&self, business: BusinessId) -> StoreResult<Vec<LocationSummary>>;
    async fn location(&self, business: BusinessId, id: LocationId) -> StoreResult<Location>;
    /// Archives a location (kept with its history, no longer public) or brings it back.
    async fn set_location_archived(
        &self,
        business: BusinessId,
        id: LocationId,
        archived: bool,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    async fn update_location(
        &self,
        business: BusinessId,
        id: LocationId,
        details: &LocationDetails,
        hours: &WeeklyHours,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;

    async fn add_special_hours(
        &self,
        business: BusinessId,
        location: LocationId,
        special: &SpecialHours,
        now: DateTime<Utc>,
    ) -> StoreResult<i64>;
    async fn delete_special_hours(
        &self,
        business: BusinessId,
        location: LocationId,
        id: i64,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// Replaces weekly hours, holiday rule and special hours at once (an OSM import).
    async fn replace_opening_hours(
        &self,
        business: BusinessId,
        location: LocationId,
        hours: &OpeningHours,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;

    // People.
    async fn create_user(
        &self,
        email: &str,
        display_name: &str,
        password_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<UserId>;
    async fn add_member(
        &self,
        business: BusinessId,
        user: UserId,
        role: Role,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    async fn user_by_email(&self, email: &str) -> StoreResult<Option<UserRecord>>;
    async fn memberships(&self, user: UserId) -> StoreResult<Vec<Membership>>;
    async fn owner_count(&self) -> StoreResult<i64>;
    async fn setup_owner(
        &self,
        setup: &OwnerSetup<'_>,
        now: DateTime<Utc>,
    ) -> StoreResult<(UserId, BusinessId)>;

    // Sessions and one-time setup links; only hashes of tokens are stored.
    async fn create_session(
        &self,
        token_hash: &str,
        user: UserId,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// The session's user, if the session exists and has not expired at `now`.
    async fn session_user(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<UserRecord>>;
    async fn delete_session(&self, token_hash: &str) -> StoreResult<()>;
    /// Replaces any earlier setup token: only the newest printed link works.
    async fn create_setup_token(
        &self,
        token_hash: &str,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<()>;
    async fn setup_token_valid(&self, token_hash: &str, now: DateTime<Utc>) -> StoreResult<bool>;
}

/// Logs a change to business data (and keeps revisions of the location it touched). The
/// change itself is already saved, so a failure to log is reported, not undone.
pub async fn log_change(
    store: &dyn Store,
    actor: &Actor,
    change: Change,
    before: Option<&Location>,
) {
    if let Err(error) = store.record_change(actor, &change, before, Utc::now()).await {
        tracing::error!(%error, action = %change.action, "writing the audit log failed");
    }
}
