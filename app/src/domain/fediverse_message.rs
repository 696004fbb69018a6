//! A reply to one of the shop's posts, or a mention of the shop, from the fediverse: what
//! the staff inbox shows beside the customers' questions, and what a member answers.

use super::location::{BusinessId, LocationId};
use super::question::QuestionStatus;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// As it arrived, verified and cleaned.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewFediverseMessage {
    pub business_id: BusinessId,
    pub location_id: LocationId,
    /// Our post it answers, if any (else the shop was mentioned).
    pub post_id: Option<i64>,
    /// The remote note's id, and the page to link to.
    pub note_id: String,
    pub url: String,
    pub actor: String,
    /// `user@server`.
    pub acct: String,
    /// Where the answer goes.
    pub actor_inbox: String,
    /// Cleaned HTML (links and paragraphs only), safe to show.
    pub content_html: String,
    /// The author's content warning, as plain text.
    pub summary: String,
    /// Addressed to the public (else followers-only or direct).
    pub public: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FediverseMessage {
    pub id: i64,
    pub message: NewFediverseMessage,
    /// The answered post's title, when it answers one.
    pub post_title: Option<String>,
    pub status: QuestionStatus,
    pub answer: String,
    pub answered_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// Likes and boosts of a post.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reactions {
    pub likes: i64,
    pub boosts: i64,
}

/// The most an answer may hold (Mastodon's own limit is 500 characters).
pub const MAX_ANSWER_CHARS: usize = 500;
