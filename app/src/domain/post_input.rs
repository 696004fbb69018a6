//! A new post as the compose form sends it (with or without JavaScript): the form's text
//! fields read into a [`NewPost`], with every rule a post must meet. The server reads the
//! multipart body and the photos; the rules live here so they are tested without HTTP.

use super::hours::resolve_local;
use super::location::{GeoPoint, Location};
use super::post::{Geotag, MAX_TEXT_CHARS, NewPost, PostKind, PostPhoto, PostProblem, snap};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Timelike, Utc};
use std::collections::HashMap;

/// The form's text fields by name; a name may repeat (`confirm`, `alt`, `photo_hash`).
#[derive(Clone, Debug, Default)]
pub struct PostFields(pub HashMap<String, Vec<String>>);

impl PostFields {
    pub fn push(&mut self, name: String, value: String) {
        self.0.entry(name).or_default().push(value);
    }

    /// The first value of a field, or an empty text.
    pub fn one(&self, key: &str) -> String {
        self.0.get(key).and_then(|v| v.first()).cloned().unwrap_or_default()
    }

    pub fn all(&self, key: &str) -> Vec<String> {
        self.0.get(key).cloned().unwrap_or_default()
    }
}

/// `2026-12-24T10:00` in the location's time zone; `Some(None)` for an empty field. Seconds
/// (`2026-12-24T10:00:30`) are read too: a `datetime-local` input sends them when its
/// `step` asks for them, and scripts schedule to the second.
fn local_time(text: &str, tz: chrono_tz::Tz) -> Option<Option<DateTime<Utc>>> {
    let text = text.trim();
    if text.is_empty() {
        return Some(None);
    }
    let naive = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M"))
        .ok()?;
    let minutes = (naive.hour() * 60 + naive.minute()) as u16;
    let seconds = chrono::Duration::seconds(i64::from(naive.second()));
    Some(Some(resolve_local(tz, naive.date(), minutes) + seconds))
}

/// Reads the fields into a post for `location`: the text is required and at most
/// [`MAX_TEXT_CHARS`], an offer's last day and an event's times must read, an event ends
/// after it starts, and a position is snapped to the shop or a POI within its accuracy.
pub fn new_post(
    fields: &PostFields,
    location: &Location,
    photos: Vec<PostPhoto>,
) -> Result<NewPost, PostProblem> {
    let tz = location.details.tz();
    let text = fields.one("text").trim().to_string();
    if text.is_empty() {
        return Err(PostProblem::TextMissing);
    }
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(PostProblem::TextTooLong);
    }
    let kind = PostKind::parse(fields.one("kind").trim()).unwrap_or(PostKind::Update);
    let publish_at = local_time(&fields.one("publish_at"), tz).ok_or(PostProblem::PublishTime)?;
    let (mut valid_until, mut starts_at, mut ends_at) = (None, None, None);
    match kind {
        PostKind::Update => {}
        PostKind::Offer => {
            let until = fields.one("valid_until");
            if !until.trim().is_empty() {
                valid_until = Some(
                    NaiveDate::parse_from_str(until.trim(), "%Y-%m-%d")
                        .map_err(|_| PostProblem::OfferDate)?,
                );
            }
        }
        PostKind::Event => {
            starts_at = local_time(&fields.one("starts_at"), tz).flatten();
            ends_at = local_time(&fields.one("ends_at"), tz).ok_or(PostProblem::EventTimes)?;
            match (starts_at, ends_at) {
                (None, _) => return Err(PostProblem::EventTimes),
                (Some(start), Some(end)) if end <= start => return Err(PostProblem::EventTimes),
                _ => {}
            }
        }
    }
    let geotag = match (fields.one("lat").trim(), fields.one("lon").trim()) {
        ("", "") => None,
        (lat, lon) => {
            let point = lat
                .parse()
                .ok()
                .zip(lon.parse().ok())
                .and_then(|(lat, lon)| GeoPoint::new(lat, lon))
                .ok_or(PostProblem::Position)?;
            let accuracy_m: f64 =
                fields.one("accuracy").trim().parse().unwrap_or(50.0_f64).clamp(0.0, 100_000.0);
            let pois: Vec<(String, GeoPoint)> =
                location.pois.iter().map(|p| (p.name.clone(), p.point)).collect();
            let place =
                snap(point, accuracy_m, &location.details.name, location.details.geo, &pois)
                    .map(|(name, _)| name)
                    .unwrap_or_default();
            Some(Geotag { point, accuracy_m, place })
        }
    };
    let idempotency_key = Some(fields.one("idempotency_key").trim().to_string())
        .filter(|k| !k.is_empty())
        .map(|k| k.chars().take(100).collect());
    Ok(NewPost {
        location_id: location.id,
        kind,
        text,
        valid_until,
        starts_at,
        ends_at,
        publish_at,
        geotag,
        photos,
        confirmed: fields.all("confirm"),
        idempotency_key,
    })
}

#[cfg(test)]
#[path = "post_input_tests.rs"]
mod tests;
