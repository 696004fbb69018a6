//! Members, invitations and a person's own sessions and password.

use crate::domain::location::{BusinessId, Role, UserId};
use crate::domain::team::{Invitation, Member, SessionInfo};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreResult;

/// How someone uses an invitation: with a new account, or an account they are signed in to.
pub enum InvitationJoin<'a> {
    NewAccount { email: &'a str, display_name: &'a str, password_hash: &'a str },
    Existing(UserId),
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
