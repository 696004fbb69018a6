//! Posts: what staff publish from the shop floor, and who may move a post between states.
//! The rules live here, as one function over (state, action, role, authorship), so the
//! server and its tests share a single table of what is allowed.

use super::location::{BusinessId, GeoPoint, LocationId, Role, UserId};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

pub const MAX_TEXT_CHARS: usize = 2_000;
pub const MAX_PHOTOS: usize = 10;
pub const MAX_REASON_CHARS: usize = 500;
/// What a phone sends after on-device downscaling is a few hundred KB; a full camera file
/// (also accepted, for browsers without the script) stays well under this.
pub const MAX_UPLOAD_BYTES: usize = 20 * 1024 * 1024;
/// 50 megapixels: above any phone camera, far below a decompression bomb.
pub const MAX_PIXELS: u64 = 50_000_000;

/// Why an uploaded photo was refused. The server's media pipeline decides by content
/// (never by name); the sentences are in `crate::i18n::errors`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum MediaProblem {
    #[error("the file is too large")]
    TooLarge,
    #[error("not an image")]
    NotAnImage,
    #[error("too many pixels: {width}x{height}")]
    TooManyPixels { width: u32, height: u32 },
    #[error("damaged or incomplete image")]
    Damaged,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PostKind {
    Update,
    Offer,
    Event,
}

impl PostKind {
    pub const ALL: [PostKind; 3] = [PostKind::Update, PostKind::Offer, PostKind::Event];

    pub fn as_str(self) -> &'static str {
        match self {
            PostKind::Update => "update",
            PostKind::Offer => "offer",
            PostKind::Event => "event",
        }
    }

    pub fn parse(text: &str) -> Option<PostKind> {
        PostKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PostState {
    Draft,
    Pending,
    Scheduled,
    Published,
    Archived,
    Rejected,
}

impl PostState {
    pub const ALL: [PostState; 6] = [
        PostState::Draft,
        PostState::Pending,
        PostState::Scheduled,
        PostState::Published,
        PostState::Archived,
        PostState::Rejected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PostState::Draft => "draft",
            PostState::Pending => "pending",
            PostState::Scheduled => "scheduled",
            PostState::Published => "published",
            PostState::Archived => "archived",
            PostState::Rejected => "rejected",
        }
    }

    pub fn parse(text: &str) -> Option<PostState> {
        PostState::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// What someone asks to do with a post.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// The author sends a draft (or a rejected post, after editing) on its way.
    Submit,
    Approve,
    Reject,
    /// Publish now, whatever the state before (managers and owners).
    Publish,
    Archive,
    /// Back to draft (author, before it is published).
    Withdraw,
}

impl Action {
    pub const ALL: [Action; 6] = [
        Action::Submit,
        Action::Approve,
        Action::Reject,
        Action::Publish,
        Action::Archive,
        Action::Withdraw,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Action::Submit => "submit",
            Action::Approve => "approve",
            Action::Reject => "reject",
            Action::Publish => "publish",
            Action::Archive => "archive",
            Action::Withdraw => "withdraw",
        }
    }

    pub fn parse(text: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.as_str() == text)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// The role may not do this at all (or not to someone else's post).
    NotAllowed,
    /// Allowed for the role, but not from this state.
    WrongState,
}

/// Who asks, as the transition rules see them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Actor {
    pub role: Role,
    pub is_author: bool,
}

/// The state after `action`, or why not. `approval_required` is the business's setting
/// for staff posts; `publish_at` in the future makes a go-ahead "scheduled".
pub fn transition(
    state: PostState,
    action: Action,
    actor: Actor,
    approval_required: bool,
    publish_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<PostState, Refusal> {
    use PostState::*;
    let manages = matches!(actor.role, Role::Owner | Role::Manager);
    let go_live = if publish_at.is_some_and(|at| at > now) { Scheduled } else { Published };
    match action {
        Action::Submit => {
            if !actor.is_author {
                return Err(Refusal::NotAllowed);
            }
            match state {
                Draft | Rejected if manages || !approval_required => Ok(go_live),
                Draft | Rejected => Ok(Pending),
                _ => Err(Refusal::WrongState),
            }
        }
        Action::Withdraw => {
            if !actor.is_author && !manages {
                return Err(Refusal::NotAllowed);
            }
            match state {
                Pending | Scheduled | Rejected => Ok(Draft),
                _ => Err(Refusal::WrongState),
            }
        }
        Action::Approve => match (manages, state) {
            (false, _) => Err(Refusal::NotAllowed),
            (true, Pending) => Ok(go_live),
            (true, _) => Err(Refusal::WrongState),
        },
        Action::Reject => match (manages, state) {
            (false, _) => Err(Refusal::NotAllowed),
            (true, Pending | Scheduled) => Ok(Rejected),
            (true, _) => Err(Refusal::WrongState),
        },
        Action::Publish => match (manages, state) {
            (false, _) => Err(Refusal::NotAllowed),
            (true, Draft | Pending | Scheduled | Archived) => Ok(Published),
            (true, _) => Err(Refusal::WrongState),
        },
        Action::Archive => match (manages, state) {
            (false, _) => Err(Refusal::NotAllowed),
            (true, Published | Scheduled) => Ok(Archived),
            (true, _) => Err(Refusal::WrongState),
        },
    }
}

/// Where a post was made: the device position and its accuracy, and what it snapped to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Geotag {
    pub point: GeoPoint,
    pub accuracy_m: f64,
    /// "Bäckerei Sonnenschein" or "Bäckerei Sonnenschein, Entrance" when within accuracy.
    pub place: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PostPhoto {
    pub hash: String,
    pub width: u32,
    pub height: u32,
    /// The renditions' widths, smallest first.
    pub widths: Vec<u32>,
    pub alt: String,
}

/// How far a post's announcement got to the followers' servers: per server its latest
/// delivery counts (a Delete after a Create replaces it).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostDelivery {
    pub servers: i64,
    pub delivered: i64,
    /// Given up (refused for good, or retried for about three days).
    pub failed: i64,
    /// Still to be tried; the earliest next attempt.
    pub waiting: i64,
    pub next_attempt: Option<DateTime<Utc>>,
}

impl PostDelivery {
    /// Adds one server's latest delivery: its state (`queued`, `delivered`, `failed`) and
    /// when it is tried next.
    pub fn add(&mut self, state: &str, next_attempt: DateTime<Utc>) {
        self.servers += 1;
        match state {
            "delivered" => self.delivered += 1,
            "failed" => self.failed += 1,
            _ => {
                self.waiting += 1;
                self.next_attempt =
                    Some(self.next_attempt.map_or(next_attempt, |t| t.min(next_attempt)));
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Post {
    pub id: i64,
    pub business_id: BusinessId,
    pub location_id: LocationId,
    pub location_slug: String,
    pub location_name: String,
    /// IANA timezone of the location: event times and dates are shown in it.
    pub location_timezone: String,
    pub author_id: UserId,
    pub author_name: String,
    pub kind: PostKind,
    pub text: String,
    pub valid_until: Option<NaiveDate>,
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    pub state: PostState,
    pub publish_at: Option<DateTime<Utc>>,
    pub published_at: Option<DateTime<Utc>>,
    pub reject_reason: String,
    pub geotag: Option<Geotag>,
    pub photos: Vec<PostPhoto>,
    /// The checklist items the author confirmed when submitting.
    pub confirmed: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Post {
    pub fn tz(&self) -> chrono_tz::Tz {
        self.location_timezone.parse().unwrap_or(chrono_tz::Europe::Berlin)
    }

    /// A title for feeds and shares: the first line, shortened.
    pub fn title(&self) -> String {
        let first = self.text.lines().next().unwrap_or_default().trim();
        let mut title: String = first.chars().take(80).collect();
        if first.chars().count() > 80 {
            title.push('…');
        }
        title
    }
}

/// The business's rules for posts.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PostSettings {
    pub approval_required: bool,
    /// Shown before submitting; the author confirms each.
    pub checklist: Vec<String>,
}

/// A new post as checked from the compose form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewPost {
    pub location_id: LocationId,
    pub kind: PostKind,
    pub text: String,
    pub valid_until: Option<NaiveDate>,
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    pub publish_at: Option<DateTime<Utc>>,
    pub geotag: Option<Geotag>,
    pub photos: Vec<PostPhoto>,
    pub confirmed: Vec<String>,
    /// Made by the client, so a retried create makes one post.
    pub idempotency_key: Option<String>,
}

impl NewPost {
    /// A plain update at `location_id`, published at once, without photos or a place (the
    /// rest is set with struct update syntax: `NewPost { photos, ..NewPost::update(l, t) }`).
    pub fn update(location_id: LocationId, text: impl Into<String>) -> NewPost {
        NewPost {
            location_id,
            kind: PostKind::Update,
            text: text.into(),
            valid_until: None,
            starts_at: None,
            ends_at: None,
            publish_at: None,
            geotag: None,
            photos: Vec::new(),
            confirmed: Vec::new(),
            idempotency_key: None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PostProblem {
    TextMissing,
    TextTooLong,
    TooManyPhotos,
    EventTimes,
    OfferDate,
    PublishTime,
    Checklist,
    Location,
    Position,
}

impl PostProblem {
    pub fn code(self) -> &'static str {
        match self {
            PostProblem::TextMissing => "text",
            PostProblem::TextTooLong => "text_long",
            PostProblem::TooManyPhotos => "photos",
            PostProblem::EventTimes => "event_times",
            PostProblem::OfferDate => "offer_date",
            PostProblem::PublishTime => "publish_at",
            PostProblem::Checklist => "checklist",
            PostProblem::Location => "location",
            PostProblem::Position => "position",
        }
    }

    pub fn from_code(code: &str) -> Option<PostProblem> {
        [
            PostProblem::TextMissing,
            PostProblem::TextTooLong,
            PostProblem::TooManyPhotos,
            PostProblem::EventTimes,
            PostProblem::OfferDate,
            PostProblem::PublishTime,
            PostProblem::Checklist,
            PostProblem::Location,
            PostProblem::Position,
        ]
        .into_iter()
        .find(|p| p.code() == code)
    }
}

/// Snaps a device position to the shop or one of its POIs when that point lies within the
/// reported accuracy (at least 25 m, as phones under a roof often report less than they
/// miss by): the nearest such point wins.
pub fn snap(
    position: GeoPoint,
    accuracy_m: f64,
    shop_name: &str,
    shop: Option<GeoPoint>,
    pois: &[(String, GeoPoint)],
) -> Option<(String, GeoPoint)> {
    let reach = accuracy_m.max(25.0);
    let mut candidates: Vec<(String, GeoPoint)> = Vec::new();
    if let Some(shop) = shop {
        candidates.push((shop_name.to_string(), shop));
    }
    candidates.extend(pois.iter().map(|(name, p)| (format!("{shop_name}, {name}"), *p)));
    candidates
        .into_iter()
        .map(|(name, p)| (super::geo::distance_m(position, p), name, p))
        .filter(|(d, _, _)| *d <= reach)
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name, p)| (name, p))
}

#[cfg(test)]
#[path = "post_tests.rs"]
mod tests;
