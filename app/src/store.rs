//! The storage port. Server functions and the server's own routes talk to this trait only;
//! `server::store` implements it for SQLite and PostgreSQL. Every method that touches a
//! business's data takes the business id and scopes its query by it.

use crate::domain::hours::WeeklyHours;
use crate::domain::location::{
    BusinessId, Location, LocationDetails, LocationId, LocationSummary, Membership, NewPoiInput,
    Role, Slug, UserId,
};
use crate::domain::schedule::{OpeningHours, SpecialHours};
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

#[async_trait]
pub trait Store: PoiStore + Send + Sync + 'static {
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
