//! The storage adapters: `app::store::Store` implemented with sqlx for SQLite (default,
//! WAL) and PostgreSQL. Both run the same SQL (`$n` placeholders, `RETURNING`), so one
//! implementation is stamped out per backend by `sql_store!` instead of being written
//! twice; backend differences live in the migrations and in `connect`.

#[macro_use]
mod pois;
#[macro_use]
mod posts;
#[macro_use]
mod team;
#[macro_use]
mod history;
// Bulk CSV import and export (issue 7).
#[macro_use]
mod import;
mod rows;

use anyhow::Context;
use app::domain::hours::WeeklyHours;
use app::domain::location::{
    BusinessId, Location, LocationDetails, LocationId, LocationSummary, Membership, NewPoiInput,
    Role, UserId,
};
use app::domain::post::{NewPost, Post, PostPhoto, PostState};
use app::domain::schedule::{OpeningHours, SpecialHours, intervals_to_text};
use app::domain::team::{
    Actor, AuditEntry, Change, Invitation, Member, Revision, RevisionKind, SESSION_ID_CHARS,
    SessionInfo, check_team_change, snapshot,
};
use app::store::{
    HistoryStore, InvitationJoin, NewLocation, OwnerSetup, PoiStore, PostSettings, PostStore,
    Store, StoreError, StoreResult, TeamStore, UserRecord,
};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use history::{REVISION_SELECT, RevisionRow};
use rows::{
    HoursRow, LOCATION_COLUMNS, LocationRow, MembershipRow, PoiRow, SpecialRow, SummaryRow,
    UserRow, db_error, hours_to_rows,
};
use sqlx::Row;
use sqlx::postgres::PgPoolOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;
use team::{INVITATION_SELECT, InvitationRow};

/// Opens the database named by `url` (`sqlite:…` or `postgres://…`) and runs its
/// migrations; a migration failure is an error, never a warning.
pub async fn connect(url: &str) -> anyhow::Result<Arc<dyn Store>> {
    if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect(url)
            .await
            .context("connecting to PostgreSQL")?;
        sqlx::migrate!("migrations/postgres")
            .run(&pool)
            .await
            .context("running PostgreSQL migrations")?;
        Ok(Arc::new(PgStore { pool }))
    } else if url.starts_with("sqlite:") {
        let options = SqliteConnectOptions::from_str(url)
            .context("parsing the SQLite URL")?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .foreign_keys(true)
            // Writers queue instead of failing when the machine is busy (a write waits for
            // the one before it; SQLite allows one writer at a time).
            .busy_timeout(Duration::from_secs(30));
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await
            .context("opening the SQLite database")?;
        sqlx::migrate!("migrations/sqlite")
            .run(&pool)
            .await
            .context("running SQLite migrations")?;
        Ok(Arc::new(SqliteStore { pool }))
    } else {
        anyhow::bail!("DATABASE_URL must start with sqlite: or postgres:// (got {url:?})")
    }
}

/// The location columns an owner edits, in the order `bind_details` binds them.
const DETAIL_COLUMNS: &str = "name, schema_type, description, street, postal_code, city, \
    country, region, lat, lon, phone, email, website, timezone, language, branch_code";

macro_rules! sql_store {
    ($store:ident, $db:ty, $begin:literal) => {
        pub struct $store {
            pool: sqlx::Pool<$db>,
        }

        impl $store {
            /// Starts a write transaction. SQLite takes the write lock at once
            /// (`BEGIN IMMEDIATE`), so a transaction that reads before it writes waits its
            /// turn instead of failing with "database is locked" when it upgrades.
            async fn begin(&self) -> StoreResult<sqlx::Transaction<'_, $db>> {
                self.pool.begin_with($begin).await.map_err(db_error)
            }

            async fn load_location(
                &self,
                row: Option<LocationRow>,
                public_only: bool,
            ) -> StoreResult<Option<Location>> {
                let Some(row) = row else { return Ok(None) };
                let hours = sqlx::query_as::<_, HoursRow>(
                    "SELECT weekday, opens_min, closes_min FROM weekly_hours \
                     WHERE location_id = $1 ORDER BY weekday, opens_min",
                )
                .bind(row.id)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                let pois = sqlx::query_as::<_, PoiRow>(
                    "SELECT id, name, kind, lat, lon, note, public FROM pois \
                     WHERE location_id = $1 AND (public OR NOT $2) ORDER BY position, id",
                )
                .bind(row.id)
                .bind(public_only)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                let special = sqlx::query_as::<_, SpecialRow>(
                    "SELECT id, starts_on, ends_on, intervals, note FROM special_hours \
                     WHERE location_id = $1 ORDER BY id",
                )
                .bind(row.id)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(Some(row.into_location(hours, pois, special)))
            }

            /// Binds the 16 detail columns in `DETAIL_COLUMNS` order.
            fn bind_details<'q>(
                query: sqlx::query::Query<'q, $db, <$db as sqlx::Database>::Arguments<'q>>,
                d: &'q LocationDetails,
            ) -> sqlx::query::Query<'q, $db, <$db as sqlx::Database>::Arguments<'q>> {
                query
                    .bind(&d.name)
                    .bind(&d.schema_type)
                    .bind(&d.description)
                    .bind(&d.address.street)
                    .bind(&d.address.postal_code)
                    .bind(&d.address.city)
                    .bind(&d.address.country)
                    .bind(&d.address.region)
                    .bind(d.geo.map(|g| g.lat))
                    .bind(d.geo.map(|g| g.lon))
                    .bind(&d.phone)
                    .bind(&d.email)
                    .bind(&d.website)
                    .bind(&d.timezone)
                    .bind(&d.language)
                    .bind(&d.branch_code)
            }

            async fn insert_user(
                conn: &mut <$db as sqlx::Database>::Connection,
                email: &str,
                display_name: &str,
                password_hash: &str,
                now: DateTime<Utc>,
            ) -> StoreResult<UserId> {
                sqlx::query_scalar(
                    "INSERT INTO users (email, display_name, password_hash, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $4) RETURNING id",
                )
                .bind(email)
                .bind(display_name)
                .bind(password_hash)
                .bind(now)
                .fetch_one(&mut *conn)
                .await
                .map_err(db_error)
            }

            async fn insert_member(
                conn: &mut <$db as sqlx::Database>::Connection,
                business: BusinessId,
                user: UserId,
                role: Role,
                now: DateTime<Utc>,
            ) -> StoreResult<()> {
                sqlx::query(
                    "INSERT INTO memberships (business_id, user_id, role, created_at) \
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(business)
                .bind(user)
                .bind(role.as_str())
                .bind(now)
                .execute(&mut *conn)
                .await
                .map_err(db_error)?;
                Ok(())
            }

            async fn insert_special(
                conn: &mut <$db as sqlx::Database>::Connection,
                location: LocationId,
                special: &SpecialHours,
                now: DateTime<Utc>,
            ) -> StoreResult<i64> {
                sqlx::query_scalar(
                    "INSERT INTO special_hours (location_id, starts_on, ends_on, intervals, note, \
                     created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
                )
                .bind(location)
                .bind(special.from)
                .bind(special.to)
                .bind(intervals_to_text(&special.intervals))
                .bind(&special.note)
                .bind(now)
                .fetch_one(&mut *conn)
                .await
                .map_err(db_error)
            }

            /// Fails with `NotFound` unless the location belongs to the business.
            async fn insert_revision(
                conn: &mut <$db as sqlx::Database>::Connection,
                location: LocationId,
                kind: RevisionKind,
                data: &str,
                audit_id: Option<i64>,
                now: DateTime<Utc>,
            ) -> StoreResult<()> {
                sqlx::query(
                    "INSERT INTO revisions (location_id, kind, data, audit_id, created_at) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(location)
                .bind(kind.as_str())
                .bind(data)
                .bind(audit_id)
                .bind(now)
                .execute(&mut *conn)
                .await
                .map_err(db_error)?;
                Ok(())
            }

            async fn check_owned(
                conn: &mut <$db as sqlx::Database>::Connection,
                business: BusinessId,
                location: LocationId,
            ) -> StoreResult<()> {
                let found: Option<i64> = sqlx::query_scalar(
                    "SELECT id FROM locations WHERE id = $1 AND business_id = $2",
                )
                .bind(location)
                .bind(business)
                .fetch_optional(&mut *conn)
                .await
                .map_err(db_error)?;
                found.map(|_| ()).ok_or(StoreError::NotFound)
            }

            async fn touch(
                conn: &mut <$db as sqlx::Database>::Connection,
                location: LocationId,
                now: DateTime<Utc>,
            ) -> StoreResult<()> {
                sqlx::query("UPDATE locations SET updated_at = $1 WHERE id = $2")
                    .bind(now)
                    .bind(location)
                    .execute(&mut *conn)
                    .await
                    .map_err(db_error)?;
                Self::bump_revision(conn).await
            }

            /// Raises the public revision (in the caller's transaction).
            async fn bump_revision(
                conn: &mut <$db as sqlx::Database>::Connection,
            ) -> StoreResult<()> {
                sqlx::query("UPDATE public_revision SET revision = revision + 1 WHERE id = 1")
                    .execute(&mut *conn)
                    .await
                    .map_err(db_error)?;
                Ok(())
            }

            async fn insert_hours(
                tx: &mut sqlx::Transaction<'_, $db>,
                location: LocationId,
                hours: &WeeklyHours,
            ) -> StoreResult<()> {
                for (weekday, opens, closes) in hours_to_rows(hours) {
                    sqlx::query(
                        "INSERT INTO weekly_hours (location_id, weekday, opens_min, closes_min) \
                         VALUES ($1, $2, $3, $4)",
                    )
                    .bind(location)
                    .bind(weekday)
                    .bind(opens)
                    .bind(closes)
                    .execute(&mut **tx)
                    .await
                    .map_err(db_error)?;
                }
                Ok(())
            }
        }

        #[async_trait]
        impl Store for $store {
            async fn ping(&self) -> StoreResult<()> {
                sqlx::query("SELECT 1").execute(&self.pool).await.map_err(db_error)?;
                Ok(())
            }

            #[tracing::instrument(skip_all, err)]
            async fn create_business(&self, name: &str, now: DateTime<Utc>) -> StoreResult<BusinessId> {
                sqlx::query_scalar(
                    "INSERT INTO businesses (name, created_at, updated_at) VALUES ($1, $2, $2) \
                     RETURNING id",
                )
                .bind(name)
                .bind(now)
                .fetch_one(&self.pool)
                .await
                .map_err(db_error)
            }

            async fn business_count(&self) -> StoreResult<i64> {
                sqlx::query_scalar("SELECT COUNT(*) FROM businesses")
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db_error)
            }

            #[tracing::instrument(skip_all, fields(slug = %new.slug), err)]
            async fn create_location(&self, new: &NewLocation, now: DateTime<Utc>) -> StoreResult<LocationId> {
                let mut tx = self.begin().await?;
                let sql = format!(
                    "INSERT INTO locations ({DETAIL_COLUMNS}, business_id, slug, created_at, \
                     updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, \
                     $14, $15, $16, $17, $18, $19, $19) RETURNING id"
                );
                let query = sqlx::query(&sql);
                let row = Self::bind_details(query, &new.details)
                    .bind(new.business_id)
                    .bind(new.slug.as_str())
                    .bind(now)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(db_error)?;
                let id: LocationId = row.try_get(0).map_err(db_error)?;
                Self::insert_hours(&mut tx, id, &new.hours).await?;
                Self::bump_revision(&mut tx).await?;
                tx.commit().await.map_err(db_error)?;
                Ok(id)
            }

            async fn location_by_slug(&self, slug: &str) -> StoreResult<Option<Location>> {
                let row = sqlx::query_as::<_, LocationRow>(&format!(
                    "SELECT {LOCATION_COLUMNS} WHERE l.slug = $1 AND l.archived_at IS NULL"
                ))
                .bind(slug)
                .fetch_optional(&self.pool)
                .await
                .map_err(db_error)?;
                self.load_location(row, true).await
            }

            async fn public_locations(&self) -> StoreResult<Vec<LocationSummary>> {
                let rows = sqlx::query_as::<_, SummaryRow>(
                    "SELECT l.id, l.business_id, b.name AS business_name, l.slug, l.name, l.city, \
                     l.updated_at, l.archived_at IS NOT NULL AS archived FROM locations l \
                     JOIN businesses b ON b.id = l.business_id \
                     WHERE l.archived_at IS NULL ORDER BY b.name, b.id, l.name, l.id",
                )
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn locations_of(&self, business: BusinessId) -> StoreResult<Vec<LocationSummary>> {
                let rows = sqlx::query_as::<_, SummaryRow>(
                    "SELECT l.id, l.business_id, b.name AS business_name, l.slug, l.name, l.city, \
                     l.updated_at, l.archived_at IS NOT NULL AS archived FROM locations l \
                     JOIN businesses b ON b.id = l.business_id \
                     WHERE l.business_id = $1 ORDER BY l.archived_at IS NOT NULL, l.name, l.id",
                )
                .bind(business)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn location(&self, business: BusinessId, id: LocationId) -> StoreResult<Location> {
                let row = sqlx::query_as::<_, LocationRow>(&format!(
                    "SELECT {LOCATION_COLUMNS} WHERE l.id = $1 AND l.business_id = $2"
                ))
                .bind(id)
                .bind(business)
                .fetch_optional(&self.pool)
                .await
                .map_err(db_error)?;
                self.load_location(row, false).await?.ok_or(StoreError::NotFound)
            }

            #[tracing::instrument(skip_all, fields(business, id), err)]
            async fn set_location_archived(
                &self,
                business: BusinessId,
                id: LocationId,
                archived: bool,
                now: DateTime<Utc>,
            ) -> StoreResult<()> {
                let mut tx = self.begin().await?;
                let updated = sqlx::query(
                    "UPDATE locations SET archived_at = $1, updated_at = $2 \
                     WHERE id = $3 AND business_id = $4",
                )
                .bind(archived.then_some(now))
                .bind(now)
                .bind(id)
                .bind(business)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                if updated.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                Self::bump_revision(&mut tx).await?;
                tx.commit().await.map_err(db_error)
            }

            #[tracing::instrument(skip_all, fields(business, id), err)]
            async fn update_location(
                &self,
                business: BusinessId,
                id: LocationId,
                d: &LocationDetails,
                hours: &WeeklyHours,
                now: DateTime<Utc>,
            ) -> StoreResult<()> {
                let mut tx = self.begin().await?;
                let assignments: String = DETAIL_COLUMNS
                    .split(", ")
                    .enumerate()
                    .map(|(i, column)| format!("{column} = ${}, ", i + 1))
                    .collect();
                let sql = format!(
                    "UPDATE locations SET {assignments}updated_at = $17 \
                     WHERE id = $18 AND business_id = $19"
                );
                let query = sqlx::query(&sql);
                let updated = Self::bind_details(query, d)
                    .bind(now)
                    .bind(id)
                    .bind(business)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                if updated.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                sqlx::query("DELETE FROM weekly_hours WHERE location_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                Self::insert_hours(&mut tx, id, hours).await?;
                Self::bump_revision(&mut tx).await?;
                tx.commit().await.map_err(db_error)
            }

            #[tracing::instrument(skip_all, fields(business, location), err)]
            async fn add_special_hours(
                &self,
                business: BusinessId,
                location: LocationId,
                special: &SpecialHours,
                now: DateTime<Utc>,
            ) -> StoreResult<i64> {
                let mut tx = self.begin().await?;
                Self::check_owned(&mut tx, business, location).await?;
                let id = Self::insert_special(&mut tx, location, special, now).await?;
                Self::touch(&mut tx, location, now).await?;
                tx.commit().await.map_err(db_error)?;
                Ok(id)
            }

            #[tracing::instrument(skip_all, fields(business, location, id), err)]
            async fn delete_special_hours(
                &self,
                business: BusinessId,
                location: LocationId,
                id: i64,
                now: DateTime<Utc>,
            ) -> StoreResult<()> {
                let mut tx = self.begin().await?;
                Self::check_owned(&mut tx, business, location).await?;
                let deleted = sqlx::query("DELETE FROM special_hours WHERE id = $1 AND location_id = $2")
                    .bind(id)
                    .bind(location)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                if deleted.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                Self::touch(&mut tx, location, now).await?;
                tx.commit().await.map_err(db_error)
            }

            #[tracing::instrument(skip_all, fields(business, location), err)]
            async fn replace_opening_hours(
                &self,
                business: BusinessId,
                location: LocationId,
                hours: &OpeningHours,
                now: DateTime<Utc>,
            ) -> StoreResult<()> {
                let mut tx = self.begin().await?;
                let updated = sqlx::query(
                    "UPDATE locations SET holiday_rule = $1, updated_at = $2 \
                     WHERE id = $3 AND business_id = $4",
                )
                .bind(hours.holiday_rule.to_db())
                .bind(now)
                .bind(location)
                .bind(business)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                if updated.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                for table in ["weekly_hours", "special_hours"] {
                    sqlx::query(&format!("DELETE FROM {table} WHERE location_id = $1"))
                        .bind(location)
                        .execute(&mut *tx)
                        .await
                        .map_err(db_error)?;
                }
                Self::insert_hours(&mut tx, location, &hours.weekly).await?;
                for special in &hours.special {
                    Self::insert_special(&mut tx, location, special, now).await?;
                }
                Self::bump_revision(&mut tx).await?;
                tx.commit().await.map_err(db_error)
            }

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
        }
    };
}

sql_store!(SqliteStore, sqlx::Sqlite, "BEGIN IMMEDIATE");
sql_store!(PgStore, sqlx::Postgres, "BEGIN");
poi_store!(SqliteStore);
poi_store!(PgStore);
post_store!(SqliteStore);
post_store!(PgStore);
team_store!(SqliteStore, sqlx::Sqlite);
team_store!(PgStore, sqlx::Postgres);
history_store!(SqliteStore);
history_store!(PgStore);
import_store!(SqliteStore, sqlx::Sqlite);
import_store!(PgStore, sqlx::Postgres);
