//! Customer questions and feedback: what a customer may send from a local page's form, the
//! checks that keep spam out without a third-party CAPTCHA, and the states a question goes
//! through in the staff inbox. Pure rules; the signed fill-time token and the rate limits'
//! bookkeeping are the server's (`server/src/questions`).

use super::location::{BusinessId, LocationId, UserId};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

pub type QuestionId = i64;

/// The message, at most this many characters.
pub const MAX_BODY_CHARS: usize = 2_000;
/// The name, at most this many characters.
pub const MAX_NAME_CHARS: usize = 100;
/// An answer, at most this many characters.
pub const MAX_ANSWER_CHARS: usize = 4_000;
/// Links in a message, at most (spam carries many).
pub const MAX_LINKS: usize = 2;
/// A person types for at least this long; a faster submit is a script.
pub const MIN_FILL: Duration = Duration::seconds(3);
/// A form older than this is refused (it comes back with a fresh token, text kept).
pub const MAX_FORM_AGE: Duration = Duration::hours(12);
/// Questions from one address in one hour, at most (across all locations).
pub const PER_ADDRESS_PER_HOUR: i64 = 5;
/// Questions to one location in one hour, at most.
pub const PER_LOCATION_PER_HOUR: i64 = 30;

/// Answered and archived questions are deleted this many days after their answer (or
/// after they arrived, if archived unanswered); those shown on the local page stay while
/// they are shown. The privacy notice says so.
pub const KEEP_ANSWERED_DAYS: u32 = 180;

/// "Ask us something" or "Tell us something".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuestionKind {
    #[default]
    Question,
    Feedback,
}

impl QuestionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::Question => "question",
            QuestionKind::Feedback => "feedback",
        }
    }

    pub fn parse(value: &str) -> Option<QuestionKind> {
        match value {
            "question" => Some(QuestionKind::Question),
            "feedback" => Some(QuestionKind::Feedback),
            _ => None,
        }
    }
}

/// Where a question stands in the inbox.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum QuestionStatus {
    #[default]
    New,
    Answered,
    Archived,
}

impl QuestionStatus {
    pub const ALL: [QuestionStatus; 3] =
        [QuestionStatus::New, QuestionStatus::Answered, QuestionStatus::Archived];

    pub fn as_str(self) -> &'static str {
        match self {
            QuestionStatus::New => "new",
            QuestionStatus::Answered => "answered",
            QuestionStatus::Archived => "archived",
        }
    }

    pub fn parse(value: &str) -> Option<QuestionStatus> {
        QuestionStatus::ALL.into_iter().find(|s| s.as_str() == value)
    }
}

/// What the customer typed, as the form sent it (kept to fill the form again on a refusal).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct QuestionForm {
    pub kind: QuestionKind,
    pub name: String,
    pub email: String,
    pub body: String,
    /// "You may publish my question with your answer on this page."
    pub consent: bool,
    /// The post the question is about (from a post page).
    pub post_id: Option<i64>,
}

/// Why a question is refused. Each has a sentence in `i18n::questions` that says what to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuestionProblem {
    Empty,
    TooLong,
    NameTooLong,
    TooManyLinks,
    BadEmail,
    /// The field that people do not see was filled in.
    Honeypot,
    /// Sent sooner than a person types.
    TooFast,
    /// The form's token is missing, forged or too old.
    Expired,
    /// Too many questions from this address or to this location in the last hour.
    TooMany,
}

impl QuestionProblem {
    pub fn code(self) -> &'static str {
        match self {
            QuestionProblem::Empty => "empty",
            QuestionProblem::TooLong => "too_long",
            QuestionProblem::NameTooLong => "name_too_long",
            QuestionProblem::TooManyLinks => "links",
            QuestionProblem::BadEmail => "email",
            QuestionProblem::Honeypot => "honeypot",
            QuestionProblem::TooFast => "too_fast",
            QuestionProblem::Expired => "expired",
            QuestionProblem::TooMany => "too_many",
        }
    }
}

/// A question as the inbox keeps it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub id: QuestionId,
    pub business_id: BusinessId,
    pub location_id: LocationId,
    pub post_id: Option<i64>,
    pub kind: QuestionKind,
    pub name: String,
    pub email: String,
    pub body: String,
    pub consent: bool,
    /// The customer's language (the answer mail is written in it).
    pub lang: String,
    pub status: QuestionStatus,
    pub answer: String,
    pub answered_by: Option<UserId>,
    pub answered_at: Option<DateTime<Utc>>,
    /// Shown as a Q&A on the local page (only with the customer's consent).
    pub published: bool,
    pub created_at: DateTime<Utc>,
}

/// A published question with its answer, as the local page shows it (no name, no e-mail).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicAnswer {
    pub id: QuestionId,
    pub body: String,
    pub answer: String,
    pub answered_at: DateTime<Utc>,
}

/// How many questions of a location are in each state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionCounts {
    pub new: i64,
    pub answered: i64,
    pub archived: i64,
}

impl QuestionCounts {
    pub fn of(&self, status: QuestionStatus) -> i64 {
        match status {
            QuestionStatus::New => self.new,
            QuestionStatus::Answered => self.answered,
            QuestionStatus::Archived => self.archived,
        }
    }
}

/// Links in a text: `http://`, `https://` and `www.` each count once.
pub fn count_links(text: &str) -> usize {
    let lower = text.to_lowercase();
    lower.matches("http://").count()
        + lower.matches("https://").count()
        + lower
            .split(|c: char| c.is_whitespace() || c == '(' || c == '<')
            .filter(|word| word.starts_with("www."))
            .count()
}

/// A plausible e-mail address: one `@`, something before it, a dot in the domain, no
/// spaces. (Whether it exists shows when the answer is sent.)
pub fn plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && local.len() <= 64
        && email.len() <= 254
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(|c| c.is_whitespace() || c.is_control() || "<>,;\"".contains(c))
}

impl QuestionForm {
    /// The form with its text trimmed and line ends made `\n`.
    pub fn tidy(mut self) -> QuestionForm {
        self.name = self.name.trim().to_string();
        self.email = self.email.trim().to_string();
        self.body = self.body.trim().replace("\r\n", "\n");
        self
    }

    /// The content checks (the spam checks that need a clock or storage come first, in
    /// [`check_fill_time`] and the server).
    pub fn validate(&self) -> Result<(), QuestionProblem> {
        if self.body.is_empty() {
            return Err(QuestionProblem::Empty);
        }
        if self.body.chars().count() > MAX_BODY_CHARS {
            return Err(QuestionProblem::TooLong);
        }
        if self.name.chars().count() > MAX_NAME_CHARS {
            return Err(QuestionProblem::NameTooLong);
        }
        if count_links(&self.body) + count_links(&self.name) > MAX_LINKS {
            return Err(QuestionProblem::TooManyLinks);
        }
        if !self.email.is_empty() && !plausible_email(&self.email) {
            return Err(QuestionProblem::BadEmail);
        }
        Ok(())
    }
}

/// Whether a form issued at `issued` may be sent at `now`.
pub fn check_fill_time(issued: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), QuestionProblem> {
    let age = now - issued;
    if age < MIN_FILL {
        Err(QuestionProblem::TooFast)
    } else if age > MAX_FORM_AGE {
        Err(QuestionProblem::Expired)
    } else {
        Ok(())
    }
}

/// An answer as typed: trimmed, not empty, not too long.
pub fn answer_text(text: &str) -> Option<String> {
    let text = text.trim().replace("\r\n", "\n");
    (!text.is_empty() && text.chars().count() <= MAX_ANSWER_CHARS).then_some(text)
}

#[cfg(test)]
#[path = "question_tests.rs"]
mod tests;
