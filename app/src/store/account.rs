//! People, their sign-in and sessions: accounts, memberships as a session sees them, the
//! one-time setup link. Only hashes of tokens are stored.

use crate::domain::location::{BusinessId, Membership, Role, UserId};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreResult;

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

/// What creating the first owner needs, done in one transaction.
pub struct OwnerSetup<'a> {
    /// Hash of the one-time setup link's token; `None` from the CLI.
    pub token_hash: Option<&'a str>,
    pub business_name: &'a str,
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
}

#[async_trait]
pub trait AccountStore: Send + Sync {
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
    /// Records a failed sign-in attempt under `key_hash` when `record`, and returns how many
    /// there were since `since`. Attempts older than `forget_before` are deleted.
    async fn count_login_attempt(
        &self,
        key_hash: &str,
        now: DateTime<Utc>,
        since: DateTime<Utc>,
        forget_before: DateTime<Utc>,
        record: bool,
    ) -> StoreResult<i64>;
}
