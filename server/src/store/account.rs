//! People and their sign-in: users, memberships as a session sees them, sessions and the
//! one-time setup link (only hashes of tokens are stored).

/// `AccountStore` for one backend; the store struct and its helpers come from `sql_store!`.
macro_rules! account_store {
    ($store:ident) => {
        #[async_trait]
        impl AccountStore for $store {
            #[tracing::instrument(skip_all, err)]
            async fn create_user(
                &self,
                email: &str,
                display_name: &str,
                password_hash: &str,
                now: DateTime<Utc>,
            ) -> StoreResult<UserId> {
                let mut conn = self.pool.acquire().await.map_err(db_error)?;
                Self::insert_user(&mut conn, email, display_name, password_hash, now).await
            }

            #[tracing::instrument(skip_all, fields(business, user), err)]
            async fn add_member(
                &self,
                business: BusinessId,
                user: UserId,
                role: Role,
                now: DateTime<Utc>,
            ) -> StoreResult<()> {
                let mut conn = self.pool.acquire().await.map_err(db_error)?;
                Self::insert_member(&mut conn, business, user, role, now).await
            }

            async fn user_by_email(&self, email: &str) -> StoreResult<Option<UserRecord>> {
                let row = sqlx::query_as::<_, UserRow>(
                    "SELECT id, email, display_name, password_hash FROM users WHERE email = $1",
                )
                .bind(email)
                .fetch_optional(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(row.map(Into::into))
            }

            async fn memberships(&self, user: UserId) -> StoreResult<Vec<Membership>> {
                let rows = sqlx::query_as::<_, MembershipRow>(
                    "SELECT m.business_id, b.name AS business_name, m.role FROM memberships m \
                     JOIN businesses b ON b.id = m.business_id WHERE m.user_id = $1 \
                     ORDER BY b.name, b.id",
                )
                .bind(user)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(rows.into_iter().filter_map(MembershipRow::into_membership).collect())
            }

            async fn owner_count(&self) -> StoreResult<i64> {
                sqlx::query_scalar("SELECT COUNT(*) FROM memberships WHERE role = 'owner'")
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db_error)
            }

            #[tracing::instrument(skip_all, err)]
            async fn setup_owner(
                &self,
                setup: &OwnerSetup<'_>,
                now: DateTime<Utc>,
            ) -> StoreResult<(UserId, BusinessId)> {
                let mut tx = self.begin().await?;
                if let Some(hash) = setup.token_hash {
                    let expires: Option<DateTime<Utc>> = sqlx::query_scalar(
                        "DELETE FROM setup_tokens WHERE token_hash = $1 RETURNING expires_at",
                    )
                    .bind(hash)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(db_error)?;
                    if !expires.is_some_and(|at| at > now) {
                        return Err(StoreError::NotFound);
                    }
                }
                let existing: Option<BusinessId> =
                    sqlx::query_scalar("SELECT id FROM businesses ORDER BY id LIMIT 1")
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(db_error)?;
                let business = match existing {
                    Some(id) => {
                        sqlx::query("UPDATE businesses SET name = $1, updated_at = $2 WHERE id = $3")
                            .bind(setup.business_name)
                            .bind(now)
                            .bind(id)
                            .execute(&mut *tx)
                            .await
                            .map_err(db_error)?;
                        id
                    }
                    None => sqlx::query_scalar(
                        "INSERT INTO businesses (name, created_at, updated_at) \
                         VALUES ($1, $2, $2) RETURNING id",
                    )
                    .bind(setup.business_name)
                    .bind(now)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(db_error)?,
                };
                let user = Self::insert_user(
                    &mut tx,
                    setup.email,
                    setup.display_name,
                    setup.password_hash,
                    now,
                )
                .await?;
                Self::insert_member(&mut tx, business, user, Role::Owner, now).await?;
                tx.commit().await.map_err(db_error)?;
                Ok((user, business))
            }

            async fn create_session(
                &self,
                token_hash: &str,
                user: UserId,
                now: DateTime<Utc>,
                expires_at: DateTime<Utc>,
            ) -> StoreResult<()> {
                sqlx::query(
                    "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) \
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(token_hash)
                .bind(user)
                .bind(now)
                .bind(expires_at)
                .execute(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(())
            }

            async fn session_user(
                &self,
                token_hash: &str,
                now: DateTime<Utc>,
            ) -> StoreResult<Option<UserRecord>> {
                type SessionUserRow = (i64, String, String, String, DateTime<Utc>, Option<DateTime<Utc>>);
                let row: Option<SessionUserRow> = sqlx::query_as(
                    "SELECT u.id, u.email, u.display_name, u.password_hash, s.expires_at, \
                     s.last_seen_at \
                     FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1",
                )
                .bind(token_hash)
                .fetch_optional(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(row.filter(|r| r.4 > now).map(|(id, email, display_name, password_hash, _, seen)| {
                    UserRecord { id, email, display_name, password_hash, session_seen_at: seen }
                }))
            }

            async fn delete_session(&self, token_hash: &str) -> StoreResult<()> {
                sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                    .bind(token_hash)
                    .execute(&self.pool)
                    .await
                    .map_err(db_error)?;
                Ok(())
            }

            async fn create_setup_token(
                &self,
                token_hash: &str,
                expires_at: DateTime<Utc>,
            ) -> StoreResult<()> {
                let mut tx = self.begin().await?;
                sqlx::query("DELETE FROM setup_tokens")
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                sqlx::query("INSERT INTO setup_tokens (token_hash, expires_at) VALUES ($1, $2)")
                    .bind(token_hash)
                    .bind(expires_at)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                tx.commit().await.map_err(db_error)
            }

            async fn setup_token_valid(&self, token_hash: &str, now: DateTime<Utc>) -> StoreResult<bool> {
                let expires: Option<DateTime<Utc>> =
                    sqlx::query_scalar("SELECT expires_at FROM setup_tokens WHERE token_hash = $1")
                        .bind(token_hash)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(db_error)?;
                Ok(expires.is_some_and(|at| at > now))
            }

            async fn count_login_attempt(
                &self,
                key_hash: &str,
                now: DateTime<Utc>,
                since: DateTime<Utc>,
                forget_before: DateTime<Utc>,
                record: bool,
            ) -> StoreResult<i64> {
                let mut tx = self.begin().await?;
                if record {
                    sqlx::query("DELETE FROM login_attempts WHERE attempted_at < $1")
                        .bind(forget_before)
                        .execute(&mut *tx)
                        .await
                        .map_err(db_error)?;
                    sqlx::query(
                        "INSERT INTO login_attempts (key_hash, attempted_at) VALUES ($1, $2)",
                    )
                    .bind(key_hash)
                    .bind(now)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                }
                let count: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM login_attempts WHERE key_hash = $1 AND attempted_at > $2",
                )
                .bind(key_hash)
                .bind(since)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_error)?;
                tx.commit().await.map_err(db_error)?;
                Ok(count)
            }
        }
    };
}
