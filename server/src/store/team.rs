//! Members, invitations, sessions and passwords, stamped into each backend's `Store` impl
//! by `team_store!` (see `mod.rs`). Every membership change is scoped by business; a
//! session is only ever listed or ended for its own user.

/// `TeamStore` for one backend.
macro_rules! team_store {
    ($store:ident, $db:ty) => {
        #[async_trait]
        impl TeamStore for $store {
            async fn members(&self, business: BusinessId) -> StoreResult<Vec<Member>> {
                let rows: Vec<(i64, String, String, String, DateTime<Utc>)> = sqlx::query_as(
                    "SELECT u.id, u.display_name, u.email, m.role, m.created_at \
                     FROM memberships m JOIN users u ON u.id = m.user_id \
                     WHERE m.business_id = $1 ORDER BY m.created_at, u.id",
                )
                .bind(business)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(rows
                    .into_iter()
                    .filter_map(|(user_id, display_name, email, role, since)| {
                        Some(Member {
                            user_id,
                            display_name,
                            email,
                            role: Role::parse(&role)?,
                            since,
                        })
                    })
                    .collect())
            }

            #[tracing::instrument(skip_all, fields(business, user), err)]
            async fn set_member_role(
                &self,
                business: BusinessId,
                user: UserId,
                role: Role,
            ) -> StoreResult<()> {
                let mut tx = self.begin().await?;
                let members = Self::members_in(&mut tx, business).await?;
                if !members.iter().any(|m| m.user_id == user) {
                    return Err(StoreError::NotFound);
                }
                check_team_change(&members, user, Some(role))
                    .map_err(|_| StoreError::Conflict("last owner".into()))?;
                sqlx::query(
                    "UPDATE memberships SET role = $1 WHERE business_id = $2 AND user_id = $3",
                )
                .bind(role.as_str())
                .bind(business)
                .bind(user)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                tx.commit().await.map_err(db_error)
            }

            #[tracing::instrument(skip_all, fields(business, user), err)]
            async fn remove_member(&self, business: BusinessId, user: UserId) -> StoreResult<()> {
                let mut tx = self.begin().await?;
                let members = Self::members_in(&mut tx, business).await?;
                if !members.iter().any(|m| m.user_id == user) {
                    return Err(StoreError::NotFound);
                }
                check_team_change(&members, user, None)
                    .map_err(|_| StoreError::Conflict("last owner".into()))?;
                sqlx::query("DELETE FROM memberships WHERE business_id = $1 AND user_id = $2")
                    .bind(business)
                    .bind(user)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                // Without any membership left, the person's open sessions end now.
                sqlx::query(
                    "DELETE FROM sessions WHERE user_id = $1 \
                     AND NOT EXISTS (SELECT 1 FROM memberships WHERE user_id = $1)",
                )
                .bind(user)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                tx.commit().await.map_err(db_error)
            }

            async fn create_invitation(
                &self,
                business: BusinessId,
                role: Role,
                token_hash: &str,
                created_by: UserId,
                now: DateTime<Utc>,
                expires_at: DateTime<Utc>,
            ) -> StoreResult<i64> {
                sqlx::query_scalar(
                    "INSERT INTO invitations (business_id, role, token_hash, created_by, \
                     created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                )
                .bind(business)
                .bind(role.as_str())
                .bind(token_hash)
                .bind(created_by)
                .bind(now)
                .bind(expires_at)
                .fetch_one(&self.pool)
                .await
                .map_err(db_error)
            }

            async fn invitations(
                &self,
                business: BusinessId,
                now: DateTime<Utc>,
            ) -> StoreResult<Vec<Invitation>> {
                let rows: Vec<InvitationRow> = sqlx::query_as(&format!(
                    "{INVITATION_SELECT} WHERE i.business_id = $1 ORDER BY i.id DESC"
                ))
                .bind(business)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(rows.into_iter().filter_map(|r| r.usable(now)).collect())
            }

            async fn invitation_by_token(
                &self,
                token_hash: &str,
                now: DateTime<Utc>,
            ) -> StoreResult<Option<Invitation>> {
                let row: Option<InvitationRow> =
                    sqlx::query_as(&format!("{INVITATION_SELECT} WHERE i.token_hash = $1"))
                        .bind(token_hash)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(db_error)?;
                Ok(row.and_then(|r| r.usable(now)))
            }

            async fn revoke_invitation(
                &self,
                business: BusinessId,
                id: i64,
                now: DateTime<Utc>,
            ) -> StoreResult<()> {
                let done = sqlx::query(
                    "UPDATE invitations SET revoked_at = $1 WHERE id = $2 AND business_id = $3 \
                     AND accepted_at IS NULL AND revoked_at IS NULL",
                )
                .bind(now)
                .bind(id)
                .bind(business)
                .execute(&self.pool)
                .await
                .map_err(db_error)?;
                if done.rows_affected() == 0 { Err(StoreError::NotFound) } else { Ok(()) }
            }

            #[tracing::instrument(skip_all, err)]
            async fn accept_invitation(
                &self,
                token_hash: &str,
                join: InvitationJoin<'_>,
                now: DateTime<Utc>,
            ) -> StoreResult<(UserId, BusinessId)> {
                let mut tx = self.begin().await?;
                let row: Option<InvitationRow> =
                    sqlx::query_as(&format!("{INVITATION_SELECT} WHERE i.token_hash = $1"))
                        .bind(token_hash)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(db_error)?;
                let invitation = row.and_then(|r| r.usable(now)).ok_or(StoreError::NotFound)?;
                let user = match join {
                    InvitationJoin::NewAccount { email, display_name, password_hash } => {
                        Self::insert_user(&mut tx, email, display_name, password_hash, now)
                            .await
                            .map_err(|e| match e {
                                StoreError::Conflict(_) => StoreError::Conflict("email".into()),
                                other => other,
                            })?
                    }
                    InvitationJoin::Existing(user) => user,
                };
                let existing: Option<String> = sqlx::query_scalar(
                    "SELECT role FROM memberships WHERE business_id = $1 AND user_id = $2",
                )
                .bind(invitation.business_id)
                .bind(user)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_error)?;
                if existing.is_none() {
                    Self::insert_member(
                        &mut tx,
                        invitation.business_id,
                        user,
                        invitation.role,
                        now,
                    )
                    .await?;
                }
                // Single use: the condition makes a second, racing use change nothing.
                let used = sqlx::query(
                    "UPDATE invitations SET accepted_at = $1, accepted_by = $2 \
                     WHERE id = $3 AND accepted_at IS NULL AND revoked_at IS NULL",
                )
                .bind(now)
                .bind(user)
                .bind(invitation.id)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                if used.rows_affected() != 1 {
                    return Err(StoreError::NotFound);
                }
                tx.commit().await.map_err(db_error)?;
                Ok((user, invitation.business_id))
            }

            async fn touch_session(
                &self,
                token_hash: &str,
                now: DateTime<Utc>,
                client: Option<(&str, &str)>,
            ) -> StoreResult<()> {
                match client {
                    Some((ip, agent)) => sqlx::query(
                        "UPDATE sessions SET last_seen_at = $1, ip = $2, user_agent = $3 \
                         WHERE token_hash = $4",
                    )
                    .bind(now)
                    .bind(ip)
                    .bind(agent.chars().take(300).collect::<String>())
                    .bind(token_hash),
                    None => {
                        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
                            .bind(now)
                            .bind(token_hash)
                    }
                }
                .execute(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(())
            }

            async fn sessions_of(
                &self,
                user: UserId,
                now: DateTime<Utc>,
            ) -> StoreResult<Vec<(String, SessionInfo)>> {
                let rows: Vec<(
                    String,
                    DateTime<Utc>,
                    DateTime<Utc>,
                    Option<DateTime<Utc>>,
                    String,
                    String,
                )> = sqlx::query_as(
                    "SELECT token_hash, created_at, expires_at, last_seen_at, user_agent, ip \
                         FROM sessions WHERE user_id = $1 ORDER BY created_at DESC",
                )
                .bind(user)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(rows
                    .into_iter()
                    .filter(|r| r.2 > now)
                    .map(|(hash, created_at, _, last_seen_at, user_agent, ip)| {
                        let info = SessionInfo {
                            id: hash.chars().take(SESSION_ID_CHARS).collect(),
                            created_at,
                            last_seen_at,
                            user_agent,
                            ip,
                            current: false,
                        };
                        (hash, info)
                    })
                    .collect())
            }

            async fn end_session(&self, user: UserId, id: &str) -> StoreResult<()> {
                let valid =
                    id.len() == SESSION_ID_CHARS && id.chars().all(|c| c.is_ascii_hexdigit());
                if !valid {
                    return Err(StoreError::NotFound);
                }
                let done = sqlx::query(
                    "DELETE FROM sessions WHERE user_id = $1 AND substr(token_hash, 1, 16) = $2",
                )
                .bind(user)
                .bind(id)
                .execute(&self.pool)
                .await
                .map_err(db_error)?;
                if done.rows_affected() == 0 { Err(StoreError::NotFound) } else { Ok(()) }
            }

            async fn end_other_sessions(&self, user: UserId, keep: &str) -> StoreResult<u64> {
                let done =
                    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
                        .bind(user)
                        .bind(keep)
                        .execute(&self.pool)
                        .await
                        .map_err(db_error)?;
                Ok(done.rows_affected())
            }

            async fn password_hash(&self, user: UserId) -> StoreResult<String> {
                sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
                    .bind(user)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db_error)
            }

            #[tracing::instrument(skip_all, fields(user), err)]
            async fn set_password(
                &self,
                user: UserId,
                password_hash: &str,
                keep: &str,
                now: DateTime<Utc>,
            ) -> StoreResult<()> {
                let mut tx = self.begin().await?;
                sqlx::query("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3")
                    .bind(password_hash)
                    .bind(now)
                    .bind(user)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
                    .bind(user)
                    .bind(keep)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                tx.commit().await.map_err(db_error)
            }
        }

        impl $store {
            async fn members_in(
                conn: &mut <$db as sqlx::Database>::Connection,
                business: BusinessId,
            ) -> StoreResult<Vec<Member>> {
                let rows: Vec<(i64, String)> =
                    sqlx::query_as("SELECT user_id, role FROM memberships WHERE business_id = $1")
                        .bind(business)
                        .fetch_all(&mut *conn)
                        .await
                        .map_err(db_error)?;
                Ok(rows
                    .into_iter()
                    .filter_map(|(user_id, role)| {
                        Some(Member {
                            user_id,
                            display_name: String::new(),
                            email: String::new(),
                            role: Role::parse(&role)?,
                            since: DateTime::<Utc>::UNIX_EPOCH,
                        })
                    })
                    .collect())
            }
        }
    };
}

/// The columns an [`InvitationRow`] reads; add `WHERE …`.
pub const INVITATION_SELECT: &str = "SELECT i.id, i.business_id, b.name AS business_name, i.role, \
    COALESCE(u.display_name, '') AS created_by, i.created_at, i.expires_at, \
    i.accepted_at IS NOT NULL AS accepted, i.revoked_at IS NOT NULL AS revoked \
    FROM invitations i JOIN businesses b ON b.id = i.business_id \
    LEFT JOIN users u ON u.id = i.created_by";

#[derive(sqlx::FromRow)]
pub struct InvitationRow {
    id: i64,
    business_id: i64,
    business_name: String,
    role: String,
    created_by: String,
    created_at: chrono::DateTime<chrono::Utc>,
    expires_at: chrono::DateTime<chrono::Utc>,
    accepted: bool,
    revoked: bool,
}

impl InvitationRow {
    /// The invitation, if it can still be used at `now`.
    pub fn usable(
        self,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Option<app::domain::team::Invitation> {
        if self.accepted || self.revoked || self.expires_at <= now {
            return None;
        }
        Some(app::domain::team::Invitation {
            id: self.id,
            business_id: self.business_id,
            business_name: self.business_name,
            role: app::domain::location::Role::parse(&self.role)?,
            created_by: self.created_by,
            created_at: self.created_at,
            expires_at: self.expires_at,
        })
    }
}
