//! Nahbar's own `Post` and `Location` into the builders' plain inputs, so every handler
//! maps them the same way: the photo rendition and its URL as the Atom feed uses it, the
//! place a post was made at (or the shop), the offer's and event's dates, today's hours in
//! the location's timezone.

use super::actor::{ActorImage, ActorInput};
use super::note::{NoteInput, NoteKind, NotePhoto, NotePlace};
use super::urls::Base;
use app::domain::hours::Interval;
use app::domain::location::Location;
use app::domain::post::{Post, PostKind, PostPhoto};
use app::domain::schedule::ResolvedHours;
use app::i18n::Lang;
use chrono::{DateTime, Utc};

/// The language a location's public texts are written in.
pub fn location_lang(location: &Location) -> Lang {
    Lang::parse(&location.details.language).unwrap_or(Lang::De)
}

fn tz(name: &str) -> chrono_tz::Tz {
    name.parse().unwrap_or(chrono_tz::Europe::Berlin)
}

/// The largest JPEG rendition (what the Atom feed links too), with its height.
fn photo(base: &Base, photo: &PostPhoto, blurhash: Option<String>) -> NotePhoto {
    let width = photo.widths.last().copied().unwrap_or(photo.width);
    let height =
        (u64::from(photo.height) * u64::from(width) / u64::from(photo.width.max(1))) as u32;
    NotePhoto {
        url: format!("{}/media/{}-{width}.jpg", base.as_str(), photo.hash),
        mime: "image/jpeg".into(),
        width,
        height,
        // The author's words only: a made-up description would claim more than it says.
        alt: photo.alt.clone(),
        blurhash,
    }
}

/// A post's Note input. `blurhash` gives a photo's stored blurhash (by content hash).
pub fn note_input(
    post: &Post,
    lang: Lang,
    base: &Base,
    blurhash: impl Fn(&str) -> Option<String>,
) -> NoteInput {
    let kind = match (post.kind, post.starts_at) {
        (PostKind::Offer, _) => NoteKind::Offer { last_day: post.valid_until },
        (PostKind::Event, Some(starts)) => NoteKind::Event { starts, ends: post.ends_at },
        _ => NoteKind::Update,
    };
    let place = post.geotag.as_ref().map(|tag| NotePlace {
        name: if tag.place.trim().is_empty() {
            post.location_name.clone()
        } else {
            tag.place.clone()
        },
        lat: tag.point.lat,
        lon: tag.point.lon,
    });
    NoteInput {
        post_id: post.id,
        text: post.text.clone(),
        lang,
        tz: post.tz(),
        kind,
        photos: post.photos.iter().map(|p| photo(base, p, blurhash(&p.hash))).collect(),
        place,
        published: post.published_at.unwrap_or(post.created_at),
        updated: None,
    }
}

/// Today's intervals in the location's timezone (special hours and holidays applied):
/// `Some(vec![])` closed today, `None` when the location has no hours at all.
pub fn today(location: &Location, now: DateTime<Utc>) -> Option<Vec<Interval>> {
    if location.hours.is_always_closed() && location.special.is_empty() {
        return None;
    }
    let tz = tz(&location.details.timezone);
    let hours = location.opening_hours();
    let resolved = ResolvedHours::around(&hours, tz, now);
    Some(resolved.day(now.with_timezone(&tz).date_naive()).intervals.to_vec())
}

/// What the owner decides about the actor, kept beside the location.
#[derive(Clone, Debug, PartialEq)]
pub struct ActorSettings {
    pub discoverable: bool,
    pub indexable: bool,
    pub icon: Option<ActorImage>,
    pub image: Option<ActorImage>,
    pub published: DateTime<Utc>,
}

/// A location's actor input, its fields as of `now`.
pub fn actor_input(
    location: &Location,
    public_key_pem: &str,
    settings: ActorSettings,
    now: DateTime<Utc>,
) -> ActorInput {
    let details = &location.details;
    ActorInput {
        name: details.name.clone(),
        description: details.description.clone(),
        lang: location_lang(location),
        icon: settings.icon,
        image: settings.image,
        public_key_pem: public_key_pem.to_string(),
        discoverable: settings.discoverable,
        indexable: settings.indexable,
        address: details.address.one_line(),
        geo: details.geo.map(|g| (g.lat, g.lon)),
        today: today(location, now),
        website: details.website.clone(),
        published: settings.published,
    }
}

#[cfg(test)]
#[path = "domain_tests.rs"]
mod tests;
