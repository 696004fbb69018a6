//! What needs the owner before a presence goes stale: one short list per business, most
//! pressing first, shown on the dashboard and in the weekly summary. Pure: the facts come
//! from the store, the clock from the caller.

use super::holidays::Holiday;
use super::location::LocationId;
use super::sign::SignKind;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Hours not saved or confirmed for this long are asked about ("still right?").
pub const HOURS_CONFIRM_DAYS: i64 = 90;
/// A location without a published post for this long is quiet.
pub const QUIET_DAYS: i64 = 14;
/// A new question waiting this long is overdue.
pub const QUESTION_WAIT_DAYS: i64 = 2;
/// A server that refused this many attempts in a row keeps failing.
pub const FAILING_ATTEMPTS: i64 = 3;

/// What the store knows about one location, for its nudges.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocationFacts {
    pub created_at: DateTime<Utc>,
    /// When the hours were last saved or confirmed.
    pub hours_confirmed_at: DateTime<Utc>,
    /// The newest published post.
    pub last_post_at: Option<DateTime<Utc>>,
    /// A logo or a cover photo.
    pub has_picture: bool,
    /// Servers (hosts) whose deliveries failed for good in the last week, or are still
    /// retried after [`FAILING_ATTEMPTS`] refusals.
    pub failing_servers: Vec<String>,
}

/// A location a nudge is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub id: LocationId,
    pub name: String,
}

/// One thing that needs someone, with what it takes to act on it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Nudge {
    /// Public holidays in the next 30 days whose hours nobody confirmed, soonest first.
    Holidays { at: Place, holidays: Vec<Holiday> },
    /// New questions older than [`QUESTION_WAIT_DAYS`].
    Questions { at: Place, waiting: i64 },
    /// The business's imprint is missing (`missing`) or incomplete.
    Imprint { missing: bool },
    /// Followers on these servers do not get the posts.
    FailingDeliveries { at: Place, servers: Vec<String> },
    /// A printed sign that no longer shows what the data says.
    StaleSign { at: Place, kind: SignKind, printed_on: NaiveDate },
    /// Hours not confirmed since this day, `days` ago.
    ConfirmHours { at: Place, since: NaiveDate, days: i64 },
    /// No post since this day (`None`: never a post).
    Quiet { at: Place, since: Option<NaiveDate> },
    /// No logo, no cover photo: link previews and the fediverse profile stay empty.
    NoPicture { at: Place },
}

impl Nudge {
    /// Lower is more pressing: what has a date or a waiting person first, the law next,
    /// then what quietly decays.
    pub fn rank(&self) -> u8 {
        match self {
            Nudge::Holidays { .. } => 0,
            Nudge::Questions { .. } => 1,
            Nudge::Imprint { .. } => 2,
            Nudge::FailingDeliveries { .. } => 3,
            Nudge::StaleSign { .. } => 4,
            Nudge::ConfirmHours { .. } => 5,
            Nudge::Quiet { .. } => 6,
            Nudge::NoPicture { .. } => 7,
        }
    }

    /// Whether staff see it (they post and, when allowed, answer; the rest is the
    /// managers' and owners').
    pub fn for_staff(&self) -> bool {
        matches!(self, Nudge::Questions { .. } | Nudge::Quiet { .. })
    }

    pub fn place(&self) -> Option<&Place> {
        match self {
            Nudge::Imprint { .. } => None,
            Nudge::Holidays { at, .. }
            | Nudge::Questions { at, .. }
            | Nudge::FailingDeliveries { at, .. }
            | Nudge::StaleSign { at, .. }
            | Nudge::ConfirmHours { at, .. }
            | Nudge::Quiet { at, .. }
            | Nudge::NoPicture { at } => Some(at),
        }
    }
}

/// The decaying kinds of nudge for one location, from its facts at `now`: hours not
/// confirmed for 90 days, quiet for 14 days, no picture, failing deliveries.
pub fn location_nudges(at: &Place, facts: &LocationFacts, now: DateTime<Utc>) -> Vec<Nudge> {
    let mut nudges = Vec::new();
    if !facts.failing_servers.is_empty() {
        let servers = facts.failing_servers.clone();
        nudges.push(Nudge::FailingDeliveries { at: at.clone(), servers });
    }
    let unconfirmed = now - facts.hours_confirmed_at;
    if unconfirmed >= Duration::days(HOURS_CONFIRM_DAYS) {
        let since = facts.hours_confirmed_at.date_naive();
        let days = unconfirmed.num_days();
        nudges.push(Nudge::ConfirmHours { at: at.clone(), since, days });
    }
    let quiet_since = facts.last_post_at.unwrap_or(facts.created_at);
    if now - quiet_since >= Duration::days(QUIET_DAYS) {
        let since = facts.last_post_at.map(|t| t.date_naive());
        nudges.push(Nudge::Quiet { at: at.clone(), since });
    }
    if !facts.has_picture {
        nudges.push(Nudge::NoPicture { at: at.clone() });
    }
    nudges
}

/// Puts a business's nudges in order: by rank, then as the locations were listed (the
/// sort is stable), holidays by their first date.
pub fn order(nudges: &mut [Nudge]) {
    nudges.sort_by_key(|n| match n {
        Nudge::Holidays { holidays, .. } => (n.rank(), holidays.first().map(|h| h.date)),
        _ => (n.rank(), None),
    });
}

#[cfg(test)]
#[path = "nudges_tests.rs"]
mod tests;
