//! What a printed sign shows, computed from a location at a given date.
//!
//! Three kinds: the door sign (weekly hours, the closures and special hours of the next six
//! weeks, a QR code to the local page), the closure notice for one special-hours entry
//! (large, with the reopening time) and the counter poster ("follow us": the fediverse
//! handle and the page address).
//!
//! The model is structured and language-free; [`super::sign_text`] turns it into words
//! (German, English or both) for the PDF renderer and the print page. Building is pure and
//! deterministic for a given date, which is what makes "is the printed sign still true?"
//! answerable: rebuild the sign at its print date from today's data and compare
//! [`Sign::fingerprint`]s. Time passing alone does not make a sign stale (holidays after its
//! six weeks were never promised); a changed hour, closure, name or address does.

use super::hours::{Interval, weekday_from_index};
use super::location::Location;
use super::schedule::{Exception, ResolvedHours};
use chrono::{Duration, NaiveDate, NaiveDateTime, Weekday};
use serde::{Deserialize, Serialize};

/// How many days ahead a door sign lists closures and special hours.
pub const NOTICE_DAYS: u32 = 42;

/// How far after a closure the reopening is searched.
const REOPEN_SEARCH_DAYS: i64 = 60;

/// Which sign, and for a closure notice which special-hours entry. This is what the server
/// stores with a print so it can rebuild the sign later.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum SignKind {
    Door,
    Closure { special_id: i64 },
    Poster,
}

impl SignKind {
    /// The `src` tag of the QR code's address, so scans can be counted by where they came
    /// from. A closure notice hangs on the door, so it counts as a door scan.
    pub fn scan_source(self) -> &'static str {
        match self {
            SignKind::Door | SignKind::Closure { .. } => "door",
            SignKind::Poster => "poster",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            SignKind::Door => "door",
            SignKind::Closure { .. } => "closure",
            SignKind::Poster => "poster",
        }
    }
}

/// The language(s) of a sign: the location's, or German with English beneath.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SignLanguage {
    #[default]
    De,
    En,
    Bilingual,
}

impl SignLanguage {
    pub const ALL: [SignLanguage; 3] =
        [SignLanguage::De, SignLanguage::En, SignLanguage::Bilingual];

    pub fn code(self) -> &'static str {
        match self {
            SignLanguage::De => "de",
            SignLanguage::En => "en",
            SignLanguage::Bilingual => "de-en",
        }
    }

    pub fn parse(text: &str) -> Option<SignLanguage> {
        SignLanguage::ALL.into_iter().find(|l| l.code() == text.trim().to_ascii_lowercase())
    }

    /// The location's own language (`LocationDetails::language`), German when unknown.
    pub fn of_location(location: &Location) -> SignLanguage {
        if location.details.language == "en" { SignLanguage::En } else { SignLanguage::De }
    }
}

/// The paper a sign is laid out for (portrait).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PaperSize {
    A4,
    A5,
}

impl PaperSize {
    pub const ALL: [PaperSize; 2] = [PaperSize::A4, PaperSize::A5];

    /// Width and height in PDF points (1/72 inch), as `pdfinfo` reports them.
    pub fn points(self) -> (f32, f32) {
        match self {
            PaperSize::A4 => (595.276, 841.89),
            PaperSize::A5 => (419.528, 595.276),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            PaperSize::A4 => "a4",
            PaperSize::A5 => "a5",
        }
    }

    pub fn parse(text: &str) -> Option<PaperSize> {
        PaperSize::ALL.into_iter().find(|size| size.code() == text.trim().to_ascii_lowercase())
    }
}

/// Consecutive days with the same hours, as people write them on doors ("Mo–Fr").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HoursRow {
    pub first: Weekday,
    pub last: Weekday,
    /// Empty: closed.
    pub intervals: Vec<Interval>,
}

impl HoursRow {
    /// How many weekdays the row spans.
    pub fn day_count(&self) -> u32 {
        self.last.num_days_from_monday() - self.first.num_days_from_monday() + 1
    }
}

/// The closure notice's entry and when the shop opens again after it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosureInfo {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Empty: closed; otherwise the other hours of those days.
    pub intervals: Vec<Interval>,
    pub note: String,
    /// The first opening after the entry (local wall time); `None` when none is found in
    /// the following 60 days.
    pub reopens: Option<NaiveDateTime>,
}

/// Everything a printed sign shows, without words.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sign {
    pub kind: SignKind,
    /// The date the sign is made for ("Stand: …"); not part of the fingerprint.
    pub printed_on: NaiveDate,
    pub name: String,
    /// The local page tagged with the scan source, e.g. `https://host/slug?src=door`.
    pub url: String,
    /// The local page as people read it: `host/slug`.
    pub page_address: String,
    /// The location's fediverse handle, `@slug@host` (the host with its port, if any: the
    /// handle must resolve through that host's WebFinger).
    pub handle: String,
    /// Door sign: the weekly hours, Monday first; empty for the other kinds.
    pub weekly: Vec<HoursRow>,
    /// Door sign: closures and special hours of the next [`NOTICE_DAYS`] days that differ
    /// from the weekly hours, holidays the location's rule closes included.
    pub notices: Vec<Exception>,
    pub closure: Option<ClosureInfo>,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SignError {
    #[error("the public address must be an http:// or https:// address with a host")]
    BadPublicUrl,
    #[error("this location has no special-hours entry {0}")]
    UnknownSpecial(i64),
}

impl Sign {
    /// The sign of `kind` for `location` as of `today` (the location's local date).
    /// `public_url` is the instance's public base address, e.g. `https://nahbar.example`.
    pub fn build(
        location: &Location,
        kind: SignKind,
        today: NaiveDate,
        public_url: &str,
    ) -> Result<Sign, SignError> {
        let base = public_url.trim().trim_end_matches('/');
        // Everything after the scheme ("host/sub/path"), and the host alone for the handle.
        let rest = base
            .strip_prefix("https://")
            .or_else(|| base.strip_prefix("http://"))
            .filter(|rest| !rest.contains(['?', '#', ' ']))
            .ok_or(SignError::BadPublicUrl)?;
        let host = rest
            .split('/')
            .next()
            .filter(|host| !host.is_empty())
            .ok_or(SignError::BadPublicUrl)?;
        let slug = &location.slug;
        let mut sign = Sign {
            kind,
            printed_on: today,
            name: location.details.name.trim().to_string(),
            url: format!("{base}/{slug}?src={}", kind.scan_source()),
            page_address: format!("{rest}/{slug}"),
            handle: format!("@{slug}@{host}"),
            weekly: Vec::new(),
            notices: Vec::new(),
            closure: None,
        };
        let hours = location.opening_hours();
        match kind {
            SignKind::Door => {
                sign.weekly = weekly_rows(location);
                let last = today + Duration::days(i64::from(NOTICE_DAYS));
                let resolved = ResolvedHours::new(&hours, today, last);
                sign.notices = resolved
                    .exceptions(today, NOTICE_DAYS)
                    .into_iter()
                    .filter(|e| differs_from_week(location, e))
                    .collect();
            }
            SignKind::Closure { special_id } => {
                let entry = location
                    .special
                    .iter()
                    .find(|s| s.id == special_id)
                    .ok_or(SignError::UnknownSpecial(special_id))?;
                let after = entry.to + Duration::days(1);
                let until = after + Duration::days(REOPEN_SEARCH_DAYS);
                let resolved = ResolvedHours::new(&hours, entry.from, until);
                let tz = location.details.tz();
                let reopens = resolved
                    .periods(tz, after, until)
                    .first()
                    .map(|(start, _)| start.with_timezone(&tz).naive_local());
                sign.closure = Some(ClosureInfo {
                    from: entry.from,
                    to: entry.to,
                    intervals: entry.intervals.clone(),
                    note: entry.note.trim().to_string(),
                    reopens,
                });
            }
            SignKind::Poster => {}
        }
        Ok(sign)
    }

    /// A short, stable digest of exactly what the sign shows, the print date left out: the
    /// server stores it with a print and compares it with the fingerprint of the sign
    /// rebuilt at the same date from current data. FNV-1a (64 bit) over [`Sign::canonical`]:
    /// stable across Rust versions and platforms, unlike `std`'s hasher.
    pub fn fingerprint(&self) -> String {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in self.canonical().bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        format!("{hash:016x}")
    }

    /// The sign's content as text, one fact a line, in a fixed form (`v1` marks the form,
    /// so a later change of the form is visible as such).
    pub fn canonical(&self) -> String {
        let intervals = |list: &[Interval]| {
            if list.is_empty() {
                "closed".to_string()
            } else {
                list.iter()
                    .map(|i| format!("{}-{}", i.opens, i.closes))
                    .collect::<Vec<_>>()
                    .join(",")
            }
        };
        let mut out =
            format!("v1\nkind {}\nname {}\nurl {}\n", self.kind.code(), self.name, self.url);
        if matches!(self.kind, SignKind::Poster) {
            out.push_str(&format!("handle {}\n", self.handle));
        }
        for row in &self.weekly {
            out.push_str(&format!(
                "row {}-{} {}\n",
                row.first,
                row.last,
                intervals(&row.intervals)
            ));
        }
        for notice in &self.notices {
            let label = match &notice.label {
                super::schedule::ExceptionLabel::Special { note, .. } => format!("special {note}"),
                super::schedule::ExceptionLabel::Rule { comment } => format!("rule {comment}"),
                super::schedule::ExceptionLabel::Holiday { name_de, .. } => {
                    format!("holiday {name_de}")
                }
            };
            out.push_str(&format!(
                "notice {}..{} {} {label}\n",
                notice.from,
                notice.to,
                intervals(&notice.intervals)
            ));
        }
        if let Some(c) = &self.closure {
            let reopens = c.reopens.map(|t| t.format("%Y-%m-%dT%H:%M").to_string());
            out.push_str(&format!(
                "closure {}..{} {} {} reopens {}\n",
                c.from,
                c.to,
                intervals(&c.intervals),
                c.note,
                reopens.unwrap_or_default()
            ));
        }
        out
    }
}

/// The week as rows of consecutive days with equal hours, Monday first.
fn weekly_rows(location: &Location) -> Vec<HoursRow> {
    let mut rows: Vec<HoursRow> = Vec::new();
    for (index, intervals) in location.hours.days.iter().enumerate() {
        let day = weekday_from_index(index);
        match rows.last_mut() {
            Some(row) if row.intervals == *intervals => row.last = day,
            _ => rows.push(HoursRow { first: day, last: day, intervals: intervals.clone() }),
        }
    }
    rows
}

/// Whether any day of an exception has other hours than its weekday: a holiday the shop
/// keeps open as usual, or one on a day it is closed anyway, is not worth a line.
fn differs_from_week(location: &Location, exception: &Exception) -> bool {
    let mut date = exception.from;
    while date <= exception.to {
        if location.hours.day(chrono::Datelike::weekday(&date)) != exception.intervals.as_slice() {
            return true;
        }
        date += Duration::days(1);
    }
    false
}

#[cfg(test)]
#[path = "sign_tests.rs"]
mod tests;
