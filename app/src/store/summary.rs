//! The weekly summary's opt-in per person and its once-a-week claim (one node sends each).

use crate::domain::location::UserId;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreResult;

/// Someone whose weekly summary is due, claimed for this node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SummaryRecipient {
    pub user_id: UserId,
    pub email: String,
    pub display_name: String,
    /// `de` or `en`: the language the summary was asked for in.
    pub lang: String,
}

#[async_trait]
pub trait SummaryStore: Send + Sync {
    /// The person's choice about the weekly summary and its language.
    async fn set_weekly_summary(&self, user: UserId, on: bool, lang: &str) -> StoreResult<()>;
    async fn weekly_summary(&self, user: UserId) -> StoreResult<bool>;
    /// Everyone who wants the summary and got none since `sent_before`, marked as sent at
    /// `now` in the same statement, so two nodes never both send one.
    async fn claim_summaries(
        &self,
        sent_before: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<SummaryRecipient>>;
    /// Gives a claim back after the mail could not be sent (the next run tries again).
    async fn release_summary(&self, user: UserId) -> StoreResult<()>;
}
