//! Customer questions, stamped into each backend's `Store` impl by `question_store!`. An
//! arrival checks the rate limits and stores in one transaction, so two nodes cannot both
//! let the sixth question of an hour through.

use app::domain::question::{Question, QuestionKind, QuestionStatus};
use chrono::{DateTime, Utc};

pub(crate) const QUESTION_COLUMNS: &str = "id, business_id, location_id, post_id, kind, name, \
    email, body, consent, lang, status, answer, answered_by, answered_at, published, created_at";

#[derive(sqlx::FromRow)]
pub(crate) struct QuestionRow {
    id: i64,
    business_id: i64,
    location_id: i64,
    post_id: Option<i64>,
    kind: String,
    name: String,
    email: String,
    body: String,
    consent: bool,
    lang: String,
    status: String,
    answer: String,
    answered_by: Option<i64>,
    answered_at: Option<DateTime<Utc>>,
    published: bool,
    created_at: DateTime<Utc>,
}

impl From<QuestionRow> for Question {
    fn from(row: QuestionRow) -> Question {
        Question {
            id: row.id,
            business_id: row.business_id,
            location_id: row.location_id,
            post_id: row.post_id,
            kind: QuestionKind::parse(&row.kind).unwrap_or_default(),
            name: row.name,
            email: row.email,
            body: row.body,
            consent: row.consent,
            lang: row.lang,
            status: QuestionStatus::parse(&row.status).unwrap_or_default(),
            answer: row.answer,
            answered_by: row.answered_by,
            answered_at: row.answered_at,
            published: row.published,
            created_at: row.created_at,
        }
    }
}

/// `QuestionStore` for one backend; the store struct and its helpers come from `sql_store!`.
macro_rules! question_store {
    ($store:ident) => {
        #[async_trait]
        impl app::store::QuestionStore for $store {
            #[tracing::instrument(skip_all, fields(location), err)]
            async fn add_question(
                &self,
                location: LocationId,
                form: &app::domain::question::QuestionForm,
                lang: &str,
                sender: &str,
                per_sender: i64,
                per_location: i64,
                now: DateTime<Utc>,
            ) -> StoreResult<app::store::Arrival> {
                let hour_ago = now - chrono::Duration::hours(1);
                let mut tx = self.begin().await?;
                sqlx::query("DELETE FROM question_senders WHERE sent_at < $1")
                    .bind(hour_ago)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                let by_sender: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM question_senders WHERE sender = $1 AND sent_at >= $2",
                )
                .bind(sender)
                .bind(hour_ago)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_error)?;
                let to_location: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM question_senders \
                     WHERE location_id = $1 AND sent_at >= $2",
                )
                .bind(location)
                .bind(hour_ago)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_error)?;
                if by_sender >= per_sender || to_location >= per_location {
                    return Ok(app::store::Arrival::Limited);
                }
                // The post must be a published post of this location, else it is dropped.
                let post: Option<i64> = match form.post_id {
                    Some(post) => sqlx::query_scalar(
                        "SELECT id FROM posts WHERE id = $1 AND location_id = $2 \
                         AND state = 'published'",
                    )
                    .bind(post)
                    .bind(location)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(db_error)?,
                    None => None,
                };
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO questions (business_id, location_id, post_id, kind, name, \
                     email, body, consent, lang, created_at) \
                     SELECT business_id, id, $2, $3, $4, $5, $6, $7, $8, $9 FROM locations \
                     WHERE id = $1 AND archived_at IS NULL RETURNING id",
                )
                .bind(location)
                .bind(post)
                .bind(form.kind.as_str())
                .bind(&form.name)
                .bind(&form.email)
                .bind(&form.body)
                .bind(form.consent)
                .bind(lang)
                .bind(now)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_error)?
                .ok_or(StoreError::NotFound)?;
                sqlx::query(
                    "INSERT INTO question_senders (sender, location_id, sent_at) \
                     VALUES ($1, $2, $3)",
                )
                .bind(sender)
                .bind(location)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                tx.commit().await.map_err(db_error)?;
                Ok(app::store::Arrival::Stored(id))
            }

            async fn questions(
                &self,
                location: LocationId,
                status: app::domain::question::QuestionStatus,
                limit: i64,
            ) -> StoreResult<Vec<app::domain::question::Question>> {
                let rows: Vec<questions::QuestionRow> = sqlx::query_as(&format!(
                    "SELECT {} FROM questions WHERE location_id = $1 AND status = $2 \
                     ORDER BY created_at DESC, id DESC LIMIT $3",
                    questions::QUESTION_COLUMNS
                ))
                .bind(location)
                .bind(status.as_str())
                .bind(limit)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn question_counts(
                &self,
                location: LocationId,
            ) -> StoreResult<app::domain::question::QuestionCounts> {
                let rows: Vec<(String, i64)> = sqlx::query_as(
                    "SELECT status, COUNT(*) FROM questions WHERE location_id = $1 \
                     GROUP BY status",
                )
                .bind(location)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                let mut counts = app::domain::question::QuestionCounts::default();
                for (status, n) in rows {
                    match status.as_str() {
                        "new" => counts.new = n,
                        "answered" => counts.answered = n,
                        _ => counts.archived = n,
                    }
                }
                Ok(counts)
            }

            async fn question(
                &self,
                location: LocationId,
                id: i64,
            ) -> StoreResult<app::domain::question::Question> {
                let row: Option<questions::QuestionRow> = sqlx::query_as(&format!(
                    "SELECT {} FROM questions WHERE id = $1 AND location_id = $2",
                    questions::QUESTION_COLUMNS
                ))
                .bind(id)
                .bind(location)
                .fetch_optional(&self.pool)
                .await
                .map_err(db_error)?;
                row.map(Into::into).ok_or(StoreError::NotFound)
            }

            #[tracing::instrument(skip_all, fields(location, id), err)]
            async fn answer_question(
                &self,
                location: LocationId,
                id: i64,
                answer: &str,
                by: UserId,
                now: DateTime<Utc>,
            ) -> StoreResult<()> {
                let mut tx = self.begin().await?;
                let published: Option<bool> = sqlx::query_scalar(
                    "UPDATE questions SET answer = $1, answered_by = $2, answered_at = $3, \
                     status = 'answered' WHERE id = $4 AND location_id = $5 RETURNING published",
                )
                .bind(answer)
                .bind(by)
                .bind(now)
                .bind(id)
                .bind(location)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_error)?;
                match published {
                    None => return Err(StoreError::NotFound),
                    // A published answer changes on the local page too.
                    Some(true) => Self::bump_revision(&mut tx).await?,
                    Some(false) => {}
                }
                tx.commit().await.map_err(db_error)?;
                Ok(())
            }

            async fn set_question_status(
                &self,
                location: LocationId,
                id: i64,
                status: app::domain::question::QuestionStatus,
            ) -> StoreResult<()> {
                let done = sqlx::query(
                    "UPDATE questions SET status = $1 WHERE id = $2 AND location_id = $3",
                )
                .bind(status.as_str())
                .bind(id)
                .bind(location)
                .execute(&self.pool)
                .await
                .map_err(db_error)?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                Ok(())
            }

            #[tracing::instrument(skip_all, fields(location, id), err)]
            async fn publish_question(
                &self,
                location: LocationId,
                id: i64,
                published: bool,
            ) -> StoreResult<()> {
                let mut tx = self.begin().await?;
                let row: Option<(bool, String)> = sqlx::query_as(
                    "SELECT consent, answer FROM questions WHERE id = $1 AND location_id = $2",
                )
                .bind(id)
                .bind(location)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_error)?;
                let (consent, answer) = row.ok_or(StoreError::NotFound)?;
                if published && (!consent || answer.is_empty()) {
                    return Err(StoreError::Conflict("no consent or no answer".into()));
                }
                sqlx::query("UPDATE questions SET published = $1 WHERE id = $2")
                    .bind(published)
                    .bind(id)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                Self::bump_revision(&mut tx).await?;
                tx.commit().await.map_err(db_error)?;
                Ok(())
            }

            #[tracing::instrument(skip_all, fields(location, id), err)]
            async fn delete_question(&self, location: LocationId, id: i64) -> StoreResult<()> {
                let mut tx = self.begin().await?;
                let published: Option<bool> = sqlx::query_scalar(
                    "DELETE FROM questions WHERE id = $1 AND location_id = $2 RETURNING published",
                )
                .bind(id)
                .bind(location)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_error)?;
                match published {
                    None => return Err(StoreError::NotFound),
                    Some(true) => Self::bump_revision(&mut tx).await?,
                    Some(false) => {}
                }
                tx.commit().await.map_err(db_error)?;
                Ok(())
            }

            async fn published_answers(
                &self,
                location: LocationId,
            ) -> StoreResult<Vec<app::domain::question::PublicAnswer>> {
                let rows: Vec<(i64, String, String, Option<DateTime<Utc>>)> = sqlx::query_as(
                    "SELECT id, body, answer, answered_at FROM questions \
                     WHERE location_id = $1 AND published AND answer <> '' \
                     ORDER BY answered_at DESC, id DESC LIMIT 20",
                )
                .bind(location)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(rows
                    .into_iter()
                    .map(|(id, body, answer, at)| app::domain::question::PublicAnswer {
                        id,
                        body,
                        answer,
                        answered_at: at.unwrap_or_default(),
                    })
                    .collect())
            }

            async fn business_questions(
                &self,
                business: BusinessId,
            ) -> StoreResult<Vec<app::domain::question::Question>> {
                let rows: Vec<questions::QuestionRow> = sqlx::query_as(&format!(
                    "SELECT {} FROM questions WHERE business_id = $1 ORDER BY created_at, id",
                    questions::QUESTION_COLUMNS
                ))
                .bind(business)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn waiting_questions(
                &self,
                business: BusinessId,
                before: DateTime<Utc>,
            ) -> StoreResult<Vec<(LocationId, i64)>> {
                sqlx::query_as(
                    "SELECT location_id, COUNT(*) FROM questions WHERE business_id = $1 \
                     AND status = 'new' AND created_at < $2 GROUP BY location_id \
                     ORDER BY location_id",
                )
                .bind(business)
                .bind(before)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)
            }

            async fn purge_questions(&self, before: DateTime<Utc>) -> StoreResult<u64> {
                let done = sqlx::query(
                    "DELETE FROM questions WHERE status <> 'new' AND NOT published \
                     AND COALESCE(answered_at, created_at) < $1",
                )
                .bind(before)
                .execute(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(done.rows_affected())
            }

            async fn staff_see_questions(&self, business: BusinessId) -> StoreResult<bool> {
                sqlx::query_scalar("SELECT staff_see_questions FROM businesses WHERE id = $1")
                    .bind(business)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(db_error)?
                    .ok_or(StoreError::NotFound)
            }

            async fn set_staff_see_questions(
                &self,
                business: BusinessId,
                allowed: bool,
            ) -> StoreResult<()> {
                sqlx::query("UPDATE businesses SET staff_see_questions = $1 WHERE id = $2")
                    .bind(allowed)
                    .bind(business)
                    .execute(&self.pool)
                    .await
                    .map_err(db_error)?;
                Ok(())
            }

            async fn staff_answer_questions(&self, business: BusinessId) -> StoreResult<bool> {
                sqlx::query_scalar("SELECT staff_answer_questions FROM businesses WHERE id = $1")
                    .bind(business)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(db_error)?
                    .ok_or(StoreError::NotFound)
            }

            async fn set_staff_answer_questions(
                &self,
                business: BusinessId,
                allowed: bool,
            ) -> StoreResult<()> {
                sqlx::query("UPDATE businesses SET staff_answer_questions = $1 WHERE id = $2")
                    .bind(allowed)
                    .bind(business)
                    .execute(&self.pool)
                    .await
                    .map_err(db_error)?;
                Ok(())
            }

            async fn instance_secret(&self, name: &str, fresh: &str) -> StoreResult<String> {
                sqlx::query(
                    "INSERT INTO instance_secrets (name, value) VALUES ($1, $2) \
                     ON CONFLICT (name) DO NOTHING",
                )
                .bind(name)
                .bind(fresh)
                .execute(&self.pool)
                .await
                .map_err(db_error)?;
                sqlx::query_scalar("SELECT value FROM instance_secrets WHERE name = $1")
                    .bind(name)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db_error)
            }
        }
    };
}
