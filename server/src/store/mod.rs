//! The storage adapters: `app::store::Store` implemented with sqlx for SQLite (default,
//! WAL) and PostgreSQL. Both run the same SQL (`$n` placeholders, `RETURNING`), so one
//! implementation is stamped out per backend by `sql_store!` instead of being written
//! twice; backend differences live in the migrations and in `connect`.

#[macro_use]
mod account;
#[macro_use]
mod archive;
#[macro_use]
mod hours;
#[macro_use]
mod locations;
#[macro_use]
mod pois;
#[macro_use]
mod posts;
#[macro_use]
mod team;
#[macro_use]
mod history;
#[macro_use]
mod import;
#[macro_use]
mod signs;
#[macro_use]
mod federation;
#[macro_use]
mod imprint;
#[macro_use]
mod location_images;
#[macro_use]
mod questions;
#[macro_use]
mod insights;
#[macro_use]
mod nudges;
#[macro_use]
mod summary;
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
    AccountStore, HistoryStore, HoursStore, InvitationJoin, LocationStore, NewLocation, OwnerSetup,
    PoiStore, PostSettings, PostStore, Store, StoreError, StoreResult, TeamStore, UserRecord,
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
        Ok(Arc::new(PgStore { pool, url: Some(url.to_string()) }))
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
        Ok(Arc::new(SqliteStore { pool, url: None }))
    } else {
        anyhow::bail!("DATABASE_URL must start with sqlite: or postgres:// (got {url:?})")
    }
}

/// Writes a consistent copy of the SQLite database at `url` to `target` while other
/// connections go on writing (`VACUUM INTO` reads one snapshot).
pub async fn snapshot_sqlite(url: &str, target: &std::path::Path) -> anyhow::Result<()> {
    use sqlx::Connection;
    let options = SqliteConnectOptions::from_str(url)
        .context("parsing the SQLite URL")?
        .busy_timeout(Duration::from_secs(30));
    let mut connection =
        sqlx::SqliteConnection::connect_with(&options).await.context("opening the database")?;
    let target = target.to_str().context("the backup folder's path is not UTF-8")?;
    sqlx::query("VACUUM INTO $1")
        .bind(target)
        .execute(&mut connection)
        .await
        .context("copying the database (VACUUM INTO)")?;
    connection.close().await.context("closing the database")?;
    Ok(())
}

/// The location columns an owner edits, in the order `bind_details` binds them.
const DETAIL_COLUMNS: &str = "name, schema_type, description, street, postal_code, city, \
    country, region, lat, lon, phone, email, website, timezone, language, branch_code";

macro_rules! sql_store {
    ($store:ident, $db:ty, $begin:literal, $notify:expr) => {
        pub struct $store {
            pool: sqlx::Pool<$db>,
            /// The database URL, for a listener of its own (PostgreSQL).
            url: Option<String>,
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

            /// Raises the public revision (in the caller's transaction). On PostgreSQL the
            /// same transaction also notifies every node listening (`NOTIFY` is delivered
            /// on commit), so their page caches follow at once.
            async fn bump_revision(
                conn: &mut <$db as sqlx::Database>::Connection,
            ) -> StoreResult<()> {
                sqlx::query("UPDATE public_revision SET revision = revision + 1 WHERE id = 1")
                    .execute(&mut *conn)
                    .await
                    .map_err(db_error)?;
                let notify: Option<&str> = $notify;
                if let Some(sql) = notify {
                    sqlx::query(sql).execute(&mut *conn).await.map_err(db_error)?;
                }
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

            fn listen_public_changes(&self, on_change: Arc<dyn Fn() + Send + Sync>) {
                if let Some(url) = self.url.clone() {
                    tokio::spawn(listen(url, on_change));
                }
            }
        }
    };
}

/// Calls `on_change` whenever another node raises the public revision (PostgreSQL
/// `LISTEN nahbar_revision`), and once after every reconnect, since notifications sent while
/// the connection was down are lost.
async fn listen(url: String, on_change: Arc<dyn Fn() + Send + Sync>) {
    let mut pause = Duration::from_millis(500);
    loop {
        match sqlx::postgres::PgListener::connect(&url).await {
            Ok(mut listener) => match listener.listen("nahbar_revision").await {
                Ok(()) => {
                    on_change();
                    pause = Duration::from_millis(500);
                    while listener.recv().await.is_ok() {
                        on_change();
                    }
                    tracing::warn!("the revision listener lost its connection; reconnecting");
                }
                Err(error) => tracing::warn!(%error, "LISTEN nahbar_revision failed"),
            },
            Err(error) => tracing::warn!(%error, "the revision listener cannot connect"),
        }
        tokio::time::sleep(pause).await;
        pause = (pause * 2).min(Duration::from_secs(30));
    }
}

sql_store!(SqliteStore, sqlx::Sqlite, "BEGIN IMMEDIATE", None);
sql_store!(PgStore, sqlx::Postgres, "BEGIN", Some("NOTIFY nahbar_revision"));
location_store!(SqliteStore);
location_store!(PgStore);
hours_store!(SqliteStore);
hours_store!(PgStore);
account_store!(SqliteStore);
account_store!(PgStore);
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
sign_store!(SqliteStore);
sign_store!(PgStore);
imprint_store!(SqliteStore);
imprint_store!(PgStore);
location_image_store!(SqliteStore);
location_image_store!(PgStore);
question_store!(SqliteStore);
question_store!(PgStore);
insight_store!(SqliteStore);
insight_store!(PgStore);
nudge_store!(SqliteStore);
nudge_store!(PgStore);
summary_store!(SqliteStore);
summary_store!(PgStore);
federation_store!(SqliteStore, "");
federation_store!(PgStore, "FOR UPDATE SKIP LOCKED");
archive_store!(SqliteStore, sqlx::Sqlite, "", false);
archive_store!(PgStore, sqlx::Postgres, "OVERRIDING SYSTEM VALUE", true);
