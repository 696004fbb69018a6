//! Keys, followers, announcements, the delivery queue, and what comes back (replies,
//! mentions, likes, boosts), stamped into each backend's `Store` impl by `federation_store!`.

use chrono::{DateTime, Utc};

pub(crate) const MESSAGE_COLUMNS: &str = "id, business_id, location_id, post_id, note_id, url, \
     actor, acct, actor_inbox, content_html, summary, public, status, answer, answered_at, \
     created_at";

#[derive(sqlx::FromRow)]
pub(crate) struct MessageRow {
    id: i64,
    business_id: i64,
    location_id: i64,
    post_id: Option<i64>,
    note_id: String,
    url: String,
    actor: String,
    acct: String,
    actor_inbox: String,
    content_html: String,
    summary: String,
    public: bool,
    status: String,
    answer: String,
    answered_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
}

impl From<MessageRow> for app::domain::fediverse_message::FediverseMessage {
    fn from(r: MessageRow) -> Self {
        use app::domain::fediverse_message::NewFediverseMessage;
        app::domain::fediverse_message::FediverseMessage {
            id: r.id,
            message: NewFediverseMessage {
                business_id: r.business_id,
                location_id: r.location_id,
                post_id: r.post_id,
                note_id: r.note_id,
                url: r.url,
                actor: r.actor,
                acct: r.acct,
                actor_inbox: r.actor_inbox,
                content_html: r.content_html,
                summary: r.summary,
                public: r.public,
            },
            post_title: None,
            status: app::domain::question::QuestionStatus::parse(&r.status).unwrap_or_default(),
            answer: r.answer,
            answered_at: r.answered_at,
            created_at: r.created_at,
        }
    }
}

/// `FederationStore` for one backend; the store struct and its helpers come from
/// `sql_store!`. `$skip_locked` is `FOR UPDATE SKIP LOCKED` where the backend has it
/// (PostgreSQL: a second node claiming at the same moment takes the next rows instead of
/// waiting for the same ones); SQLite has one writer at a time anyway.
macro_rules! federation_store {
    ($store:ident, $skip_locked:literal) => {
        #[async_trait]
        impl app::store::FederationStore for $store {
            async fn actor_key(
                &self,
                location: LocationId,
            ) -> StoreResult<Option<(String, DateTime<Utc>)>> {
                sqlx::query_as("SELECT private_pem, created_at FROM actor_keys WHERE location_id = $1")
                    .bind(location)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(db_error)
            }

            async fn save_actor_key(
                &self,
                location: LocationId,
                pem: &str,
                now: DateTime<Utc>,
            ) -> StoreResult<(String, DateTime<Utc>)> {
                sqlx::query(
                    "INSERT INTO actor_keys (location_id, private_pem, created_at) \
                     VALUES ($1, $2, $3) ON CONFLICT (location_id) DO NOTHING",
                )
                .bind(location)
                .bind(pem)
                .bind(now)
                .execute(&self.pool)
                .await
                .map_err(db_error)?;
                sqlx::query_as("SELECT private_pem, created_at FROM actor_keys WHERE location_id = $1")
                    .bind(location)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db_error)
            }

            async fn add_follower(
                &self,
                location: LocationId,
                f: &app::store::Follower,
            ) -> StoreResult<bool> {
                let existed: Option<i64> = sqlx::query_scalar(
                    "SELECT id FROM followers WHERE location_id = $1 AND actor = $2",
                )
                .bind(location)
                .bind(&f.actor)
                .fetch_optional(&self.pool)
                .await
                .map_err(db_error)?;
                sqlx::query(
                    "INSERT INTO followers \
                     (location_id, actor, inbox, delivery_inbox, host, follow_id, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7) \
                     ON CONFLICT (location_id, actor) DO UPDATE SET inbox = excluded.inbox, \
                     delivery_inbox = excluded.delivery_inbox, follow_id = excluded.follow_id",
                )
                .bind(location)
                .bind(&f.actor)
                .bind(&f.inbox)
                .bind(&f.delivery_inbox)
                .bind(&f.host)
                .bind(&f.follow_id)
                .bind(f.since)
                .execute(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(existed.is_none())
            }

            async fn remove_follower(&self, location: LocationId, actor: &str) -> StoreResult<bool> {
                let done = sqlx::query("DELETE FROM followers WHERE location_id = $1 AND actor = $2")
                    .bind(location)
                    .bind(actor)
                    .execute(&self.pool)
                    .await
                    .map_err(db_error)?;
                Ok(done.rows_affected() > 0)
            }

            async fn remove_followers_at(
                &self,
                location: LocationId,
                inbox: &str,
            ) -> StoreResult<u64> {
                let done = sqlx::query(
                    "DELETE FROM followers WHERE location_id = $1 AND delivery_inbox = $2",
                )
                .bind(location)
                .bind(inbox)
                .execute(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(done.rows_affected())
            }

            async fn followers(
                &self,
                location: LocationId,
            ) -> StoreResult<Vec<app::store::Follower>> {
                let rows: Vec<(String, String, String, String, String, DateTime<Utc>)> =
                    sqlx::query_as(
                        "SELECT actor, inbox, delivery_inbox, host, follow_id, created_at \
                         FROM followers WHERE location_id = $1 ORDER BY id DESC",
                    )
                    .bind(location)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_error)?;
                Ok(rows
                    .into_iter()
                    .map(|(actor, inbox, delivery_inbox, host, follow_id, since)| {
                        app::store::Follower { actor, inbox, delivery_inbox, host, follow_id, since }
                    })
                    .collect())
            }

            async fn take_due_posts(
                &self,
                now: DateTime<Utc>,
                limit: i64,
            ) -> StoreResult<Vec<app::store::DuePost>> {
                let mut tx = self.begin().await?;
                let created: Vec<i64> = sqlx::query_scalar(
                    "INSERT INTO announced_posts (post_id, created_at) \
                     SELECT p.id, $1 FROM posts p WHERE p.state = 'published' \
                     AND NOT EXISTS (SELECT 1 FROM announced_posts a WHERE a.post_id = p.id) \
                     ORDER BY p.id LIMIT $2 \
                     ON CONFLICT (post_id) DO NOTHING RETURNING post_id",
                )
                .bind(now)
                .bind(limit)
                .fetch_all(&mut *tx)
                .await
                .map_err(db_error)?;
                let deleted: Vec<i64> = sqlx::query_scalar(
                    "UPDATE announced_posts SET deleted_at = $1 WHERE deleted_at IS NULL \
                     AND post_id IN (SELECT id FROM posts WHERE state = 'archived') \
                     RETURNING post_id",
                )
                .bind(now)
                .fetch_all(&mut *tx)
                .await
                .map_err(db_error)?;
                let mut due = Vec::with_capacity(created.len() + deleted.len());
                for (ids, archived) in [(created, false), (deleted, true)] {
                    for post_id in ids {
                        let (business_id, location_id): (i64, i64) = sqlx::query_as(
                            "SELECT business_id, location_id FROM posts WHERE id = $1",
                        )
                        .bind(post_id)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(db_error)?;
                        due.push(app::store::DuePost { post_id, business_id, location_id, archived });
                    }
                }
                tx.commit().await.map_err(db_error)?;
                due.sort_by_key(|d| d.post_id);
                Ok(due)
            }

            async fn take_due_specials(
                &self,
                now: DateTime<Utc>,
                from: chrono::NaiveDate,
                limit: i64,
            ) -> StoreResult<Vec<app::store::DueSpecial>> {
                let mut tx = self.begin().await?;
                let taken: Vec<i64> = sqlx::query_scalar(
                    "INSERT INTO announced_specials (special_id, created_at) \
                     SELECT s.id, $1 FROM special_hours s WHERE \
                     NOT EXISTS (SELECT 1 FROM announced_specials a WHERE a.special_id = s.id) \
                     ORDER BY s.id LIMIT $2 \
                     ON CONFLICT (special_id) DO NOTHING RETURNING special_id",
                )
                .bind(now)
                .bind(limit)
                .fetch_all(&mut *tx)
                .await
                .map_err(db_error)?;
                let mut due = Vec::with_capacity(taken.len());
                for special_id in taken {
                    let row: (i64, i64, chrono::NaiveDate, DateTime<Utc>) = sqlx::query_as(
                        "SELECT l.business_id, s.location_id, s.ends_on, s.created_at \
                         FROM special_hours s \
                         JOIN locations l ON l.id = s.location_id WHERE s.id = $1",
                    )
                    .bind(special_id)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(db_error)?;
                    if row.2 >= from {
                        due.push(app::store::DueSpecial {
                            special_id,
                            business_id: row.0,
                            location_id: row.1,
                            created_at: row.3,
                        });
                    }
                }
                tx.commit().await.map_err(db_error)?;
                due.sort_by_key(|d| d.special_id);
                Ok(due)
            }

            async fn swap_actor_fingerprint(
                &self,
                location: LocationId,
                fingerprint: &str,
                now: DateTime<Utc>,
            ) -> StoreResult<Option<bool>> {
                let inserted = sqlx::query(
                    "INSERT INTO actor_profiles (location_id, fingerprint, updated_at) \
                     VALUES ($1, $2, $3) ON CONFLICT (location_id) DO NOTHING",
                )
                .bind(location)
                .bind(fingerprint)
                .bind(now)
                .execute(&self.pool)
                .await
                .map_err(db_error)?;
                if inserted.rows_affected() > 0 {
                    return Ok(None);
                }
                let changed = sqlx::query(
                    "UPDATE actor_profiles SET fingerprint = $2, updated_at = $3 \
                     WHERE location_id = $1 AND fingerprint <> $2",
                )
                .bind(location)
                .bind(fingerprint)
                .bind(now)
                .execute(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(Some(changed.rows_affected() > 0))
            }

            async fn enqueue_deliveries(
                &self,
                location: LocationId,
                post: Option<i64>,
                activity: &str,
                inboxes: &[String],
                now: DateTime<Utc>,
            ) -> StoreResult<()> {
                let mut tx = self.begin().await?;
                for inbox in inboxes {
                    sqlx::query(
                        "INSERT INTO deliveries \
                         (location_id, inbox, activity, next_attempt_at, created_at, post_id) \
                         VALUES ($1, $2, $3, $4, $4, $5)",
                    )
                    .bind(location)
                    .bind(inbox)
                    .bind(activity)
                    .bind(now)
                    .bind(post)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                }
                tx.commit().await.map_err(db_error)?;
                Ok(())
            }

            async fn claim_deliveries(
                &self,
                now: DateTime<Utc>,
                lease_until: DateTime<Utc>,
                limit: i64,
            ) -> StoreResult<Vec<app::store::QueuedDelivery>> {
                // The lease condition is repeated outside the subquery, so a row another
                // node leased in the meantime is re-checked and skipped, never leased twice.
                let rows: Vec<(i64, i64, String, String, i64, DateTime<Utc>)> = sqlx::query_as(
                    concat!(
                        "UPDATE deliveries SET lease_until = $2 \
                         WHERE id IN (SELECT id FROM deliveries WHERE state = 'queued' \
                           AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until < $1) \
                           ORDER BY next_attempt_at, id LIMIT $3 ",
                        $skip_locked,
                        ") AND state = 'queued' AND (lease_until IS NULL OR lease_until < $1) \
                         RETURNING id, location_id, inbox, activity, attempts, created_at"
                    ),
                )
                .bind(now)
                .bind(lease_until)
                .bind(limit)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(rows
                    .into_iter()
                    .map(|(id, location_id, inbox, activity, attempts, created_at)| {
                        app::store::QueuedDelivery {
                            id,
                            location_id,
                            inbox,
                            activity,
                            attempts,
                            created_at,
                        }
                    })
                    .collect())
            }

            async fn record_attempt(
                &self,
                id: i64,
                attempt: &app::store::Attempt,
                now: DateTime<Utc>,
            ) -> StoreResult<()> {
                use app::store::Attempt;
                let (state, next, error, finished) = match attempt {
                    Attempt::Delivered => ("delivered", now, String::new(), Some(now)),
                    Attempt::Retry { at, error } => ("queued", *at, error.clone(), None),
                    Attempt::Failed { error } => ("failed", now, error.clone(), Some(now)),
                };
                sqlx::query(
                    "UPDATE deliveries SET state = $2, attempts = attempts + 1, \
                     next_attempt_at = $3, last_error = $4, finished_at = $5, lease_until = NULL \
                     WHERE id = $1",
                )
                .bind(id)
                .bind(state)
                .bind(next)
                .bind(error)
                .bind(finished)
                .execute(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(())
            }

            async fn block_host(
                &self,
                business: app::domain::location::BusinessId,
                host: &str,
                now: DateTime<Utc>,
            ) -> StoreResult<u64> {
                let mut tx = self.begin().await?;
                sqlx::query(
                    "INSERT INTO blocked_hosts (business_id, host, created_at) VALUES ($1, $2, $3) \
                     ON CONFLICT (business_id, host) DO NOTHING",
                )
                .bind(business)
                .bind(host)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                let removed = sqlx::query(
                    "DELETE FROM followers WHERE host = $2 AND location_id IN \
                     (SELECT id FROM locations WHERE business_id = $1)",
                )
                .bind(business)
                .bind(host)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                tx.commit().await.map_err(db_error)?;
                Ok(removed.rows_affected())
            }

            async fn unblock_host(
                &self,
                business: app::domain::location::BusinessId,
                host: &str,
            ) -> StoreResult<()> {
                sqlx::query("DELETE FROM blocked_hosts WHERE business_id = $1 AND host = $2")
                    .bind(business)
                    .bind(host)
                    .execute(&self.pool)
                    .await
                    .map_err(db_error)?;
                Ok(())
            }

            async fn blocked_hosts(
                &self,
                business: app::domain::location::BusinessId,
            ) -> StoreResult<Vec<String>> {
                sqlx::query_scalar(
                    "SELECT host FROM blocked_hosts WHERE business_id = $1 ORDER BY host",
                )
                .bind(business)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)
            }

            async fn post_deliveries(
                &self,
                business: app::domain::location::BusinessId,
            ) -> StoreResult<Vec<(i64, app::domain::post::PostDelivery)>> {
                // Per post and server, the latest row.
                let rows: Vec<(i64, String, DateTime<Utc>)> = sqlx::query_as(
                    "SELECT d.post_id, d.state, d.next_attempt_at FROM deliveries d \
                     JOIN posts p ON p.id = d.post_id WHERE p.business_id = $1 \
                     AND d.id = (SELECT MAX(e.id) FROM deliveries e \
                                 WHERE e.post_id = d.post_id AND e.inbox = d.inbox) \
                     ORDER BY d.post_id",
                )
                .bind(business)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                let mut out: Vec<(i64, app::domain::post::PostDelivery)> = Vec::new();
                for (post, state, next) in rows {
                    if out.last().is_none_or(|(last, _)| *last != post) {
                        out.push((post, Default::default()));
                    }
                    if let Some((_, delivery)) = out.last_mut() {
                        delivery.add(&state, next);
                    }
                }
                Ok(out)
            }

            async fn delivery_counts(&self, location: LocationId) -> StoreResult<(i64, i64, i64)> {
                let count = |state: &'static str| {
                    sqlx::query_scalar::<_, i64>(
                        "SELECT COUNT(*) FROM deliveries WHERE location_id = $1 AND state = $2",
                    )
                    .bind(location)
                    .bind(state)
                    .fetch_one(&self.pool)
                };
                let queued = count("queued").await.map_err(db_error)?;
                let delivered = count("delivered").await.map_err(db_error)?;
                let failed = count("failed").await.map_err(db_error)?;
                Ok((queued, delivered, failed))
            }

            async fn add_fediverse_message(
                &self,
                m: &app::domain::fediverse_message::NewFediverseMessage,
                now: DateTime<Utc>,
            ) -> StoreResult<bool> {
                let done = sqlx::query(
                    "INSERT INTO fediverse_messages (business_id, location_id, post_id, note_id, \
                     url, actor, acct, actor_inbox, content_html, summary, public, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
                     ON CONFLICT (location_id, note_id) DO NOTHING",
                )
                .bind(m.business_id)
                .bind(m.location_id)
                .bind(m.post_id)
                .bind(&m.note_id)
                .bind(&m.url)
                .bind(&m.actor)
                .bind(&m.acct)
                .bind(&m.actor_inbox)
                .bind(&m.content_html)
                .bind(&m.summary)
                .bind(m.public)
                .bind(now)
                .execute(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(done.rows_affected() > 0)
            }

            async fn delete_fediverse_message(&self, actor: &str, note_id: &str) -> StoreResult<u64> {
                let done =
                    sqlx::query("DELETE FROM fediverse_messages WHERE actor = $1 AND note_id = $2")
                        .bind(actor)
                        .bind(note_id)
                        .execute(&self.pool)
                        .await
                        .map_err(db_error)?;
                Ok(done.rows_affected())
            }

            async fn fediverse_messages(
                &self,
                location: LocationId,
                status: app::domain::question::QuestionStatus,
                limit: i64,
            ) -> StoreResult<Vec<app::domain::fediverse_message::FediverseMessage>> {
                let rows: Vec<federation::MessageRow> = sqlx::query_as(&format!(
                    "SELECT {} FROM fediverse_messages WHERE location_id = $1 AND status = $2 \
                     ORDER BY created_at DESC, id DESC LIMIT $3",
                    federation::MESSAGE_COLUMNS
                ))
                .bind(location)
                .bind(status.as_str())
                .bind(limit)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn fediverse_message(
                &self,
                business: app::domain::location::BusinessId,
                id: i64,
            ) -> StoreResult<app::domain::fediverse_message::FediverseMessage> {
                let row: Option<federation::MessageRow> = sqlx::query_as(&format!(
                    "SELECT {} FROM fediverse_messages WHERE id = $1 AND business_id = $2",
                    federation::MESSAGE_COLUMNS
                ))
                .bind(id)
                .bind(business)
                .fetch_optional(&self.pool)
                .await
                .map_err(db_error)?;
                row.map(Into::into).ok_or(StoreError::NotFound)
            }

            async fn answer_fediverse_message(
                &self,
                business: app::domain::location::BusinessId,
                id: i64,
                answer: &str,
                by: app::domain::location::UserId,
                now: DateTime<Utc>,
            ) -> StoreResult<()> {
                let done = sqlx::query(
                    "UPDATE fediverse_messages SET status = 'answered', answer = $1, \
                     answered_by = $2, answered_at = $3 WHERE id = $4 AND business_id = $5",
                )
                .bind(answer)
                .bind(by)
                .bind(now)
                .bind(id)
                .bind(business)
                .execute(&self.pool)
                .await
                .map_err(db_error)?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                Ok(())
            }

            async fn add_reaction(
                &self,
                post: i64,
                kind: &str,
                actor: &str,
                activity_id: &str,
                now: DateTime<Utc>,
            ) -> StoreResult<bool> {
                let done = sqlx::query(
                    "INSERT INTO post_reactions (post_id, kind, actor, activity_id, created_at) \
                     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (post_id, kind, actor) DO NOTHING",
                )
                .bind(post)
                .bind(kind)
                .bind(actor)
                .bind(activity_id)
                .bind(now)
                .execute(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(done.rows_affected() > 0)
            }

            async fn remove_reaction(
                &self,
                kind: &str,
                actor: &str,
                activity_id: &str,
                post: Option<i64>,
            ) -> StoreResult<u64> {
                let done = sqlx::query(
                    "DELETE FROM post_reactions WHERE kind = $1 AND actor = $2 \
                     AND (activity_id = $3 OR post_id = $4)",
                )
                .bind(kind)
                .bind(actor)
                .bind(activity_id)
                .bind(post.unwrap_or(-1))
                .execute(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(done.rows_affected())
            }

            async fn reactions(
                &self,
                business: app::domain::location::BusinessId,
            ) -> StoreResult<Vec<(i64, app::domain::fediverse_message::Reactions)>> {
                let rows: Vec<(i64, i64, i64)> = sqlx::query_as(
                    "SELECT r.post_id, \
                     SUM(CASE WHEN r.kind = 'like' THEN 1 ELSE 0 END), \
                     SUM(CASE WHEN r.kind = 'announce' THEN 1 ELSE 0 END) \
                     FROM post_reactions r JOIN posts p ON p.id = r.post_id \
                     WHERE p.business_id = $1 GROUP BY r.post_id ORDER BY r.post_id",
                )
                .bind(business)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(rows
                    .into_iter()
                    .map(|(post, likes, boosts)| {
                        (post, app::domain::fediverse_message::Reactions { likes, boosts })
                    })
                    .collect())
            }
        }
    };
}
