//! Customer questions: the form's arrivals (with the rate limits' bookkeeping in the same
//! transaction), the staff inbox, published answers and the business's export.

use crate::domain::location::{BusinessId, LocationId, UserId};
use crate::domain::question::{
    PublicAnswer, Question, QuestionCounts, QuestionForm, QuestionId, QuestionStatus,
};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreResult;

/// Whether a question was stored or a rate limit held it back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arrival {
    Stored(QuestionId),
    /// Over the limit per address or per location of the last hour; nothing was stored.
    Limited,
}

#[async_trait]
pub trait QuestionStore: Send + Sync {
    /// Stores a question for a public location, unless `sender` (a keyed hash of the
    /// address) sent `per_sender` or the location received `per_location` questions in the
    /// hour before `now`. One transaction; sender rows older than an hour are deleted.
    #[allow(clippy::too_many_arguments)]
    async fn add_question(
        &self,
        location: LocationId,
        form: &QuestionForm,
        lang: &str,
        sender: &str,
        per_sender: i64,
        per_location: i64,
        now: DateTime<Utc>,
    ) -> StoreResult<Arrival>;
    /// The location's questions in one state, newest first (at most `limit`).
    async fn questions(
        &self,
        location: LocationId,
        status: QuestionStatus,
        limit: i64,
    ) -> StoreResult<Vec<Question>>;
    async fn question_counts(&self, location: LocationId) -> StoreResult<QuestionCounts>;
    /// One question of this location; `NotFound` for another location's.
    async fn question(&self, location: LocationId, id: QuestionId) -> StoreResult<Question>;
    /// Stores the answer and marks the question answered.
    async fn answer_question(
        &self,
        location: LocationId,
        id: QuestionId,
        answer: &str,
        by: UserId,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    async fn set_question_status(
        &self,
        location: LocationId,
        id: QuestionId,
        status: QuestionStatus,
    ) -> StoreResult<()>;
    /// Shows or hides an answered question on the local page; refused (`Conflict`) without
    /// the customer's consent or an answer. Raises the public revision.
    async fn publish_question(
        &self,
        location: LocationId,
        id: QuestionId,
        published: bool,
    ) -> StoreResult<()>;
    /// Deletes the question and with it the customer's name, address and text. Raises the
    /// public revision when it was published.
    async fn delete_question(&self, location: LocationId, id: QuestionId) -> StoreResult<()>;
    /// The published questions with their answers, newest answer first.
    async fn published_answers(&self, location: LocationId) -> StoreResult<Vec<PublicAnswer>>;
    /// Every question of the business (the export), oldest first.
    async fn business_questions(&self, business: BusinessId) -> StoreResult<Vec<Question>>;
    /// New questions older than `before`, per location of the business (the nudge).
    async fn waiting_questions(
        &self,
        business: BusinessId,
        before: DateTime<Utc>,
    ) -> StoreResult<Vec<(LocationId, i64)>>;
    /// Deletes answered and archived questions whose answer (or arrival, if unanswered)
    /// is older than `before`, but not those shown on a local page. Idempotent, so any
    /// node may run it. Returns how many went.
    async fn purge_questions(&self, before: DateTime<Utc>) -> StoreResult<u64>;
    async fn staff_see_questions(&self, business: BusinessId) -> StoreResult<bool>;
    async fn set_staff_see_questions(&self, business: BusinessId, allowed: bool)
    -> StoreResult<()>;
    /// Whether staff may also answer (questions and fediverse replies) in the shop's name.
    async fn staff_answer_questions(&self, business: BusinessId) -> StoreResult<bool>;
    async fn set_staff_answer_questions(
        &self,
        business: BusinessId,
        allowed: bool,
    ) -> StoreResult<()>;
    /// A secret shared by all nodes, made on first use (32 random bytes, hex).
    async fn instance_secret(&self, name: &str, fresh: &str) -> StoreResult<String>;
}
