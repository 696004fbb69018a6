//! Everything that decides when a location is open ([`OpeningHours`]), and the schedule
//! that evaluates it ([`ResolvedHours`]).
//!
//! The hours are, in this order: the weekly hours, the typed [`Rule`]s (seasons, every-year
//! dates, n-th weekdays, school holidays, open ends, sun times ...), the public-holiday
//! rule and the dated special hours; later parts override earlier ones for the days they
//! name, with OSM `opening_hours` semantics (see `eval.rs`). Hours entered in Nahbar's
//! screens fill the weekly hours, the holiday rule and the special hours; imported OSM
//! values fill whatever they need, in their own order, in `rules`.

use super::eval::{self, Facts, Piece, Source};
use super::holidays::{self, Holiday, holidays_between};
use super::hours::{Interval, Schedule, WeeklyHours, open_periods};
use super::rules::{DateRange, Rule, WeekdayRange};
use super::school_holidays;
use super::sun::SunTimes;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// Other hours, or a closure (no intervals), for one date or a date range.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpecialHours {
    pub id: i64,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Empty: closed all day.
    pub intervals: Vec<Interval>,
    /// Shown to customers, e.g. "Inventur" or "Betriebsferien".
    pub note: String,
}

impl SpecialHours {
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }

    pub fn is_closure(&self) -> bool {
        self.intervals.is_empty()
    }
}

/// What a location does on public holidays that have no special hours of their own.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "rule", content = "intervals")]
pub enum HolidayRule {
    #[default]
    Closed,
    AsUsual,
    Hours(Vec<Interval>),
}

impl HolidayRule {
    /// Storage form: `closed`, `as_usual` or `hours:08:00-12:00,14:00-18:00`.
    pub fn to_db(&self) -> String {
        match self {
            HolidayRule::Closed => "closed".into(),
            HolidayRule::AsUsual => "as_usual".into(),
            HolidayRule::Hours(intervals) => format!("hours:{}", intervals_to_text(intervals)),
        }
    }

    pub fn from_db(text: &str) -> HolidayRule {
        match text {
            "as_usual" => HolidayRule::AsUsual,
            other => match other.strip_prefix("hours:").and_then(intervals_from_text) {
                Some(intervals) if !intervals.is_empty() => HolidayRule::Hours(intervals),
                _ => HolidayRule::Closed,
            },
        }
    }
}

/// `08:00-12:00,14:00-18:00`; the storage form of interval lists.
pub fn intervals_to_text(intervals: &[Interval]) -> String {
    intervals.iter().map(|i| format!("{}-{}", i.opens, i.closes)).collect::<Vec<_>>().join(",")
}

pub fn intervals_from_text(text: &str) -> Option<Vec<Interval>> {
    use super::hours::TimeOfDay;
    if text.trim().is_empty() {
        return Some(Vec::new());
    }
    text.split(',')
        .map(|part| {
            let (o, c) = part.split_once('-')?;
            Some(Interval::new(TimeOfDay::parse(o)?, TimeOfDay::parse(c)?))
        })
        .collect()
}

/// Everything that decides when a location is open. Stored as one JSON document per
/// location (see [`STORAGE_VERSION`] for the versioned form).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Stored", into = "Stored")]
pub struct OpeningHours {
    pub weekly: WeeklyHours,
    pub special: Vec<SpecialHours>,
    pub holiday_rule: HolidayRule,
    /// ISO 3166-2 region whose public and school holidays apply, e.g. `DE-BW`; empty: none.
    pub region: String,
    /// Rules after the weekly hours and before the holiday rule, in OSM order.
    pub rules: Vec<Rule>,
    /// Where the location is, for sunrise/sunset rules.
    pub coordinates: Option<Coordinates>,
}

/// Latitude and longitude in degrees.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Coordinates {
    pub lat: f64,
    pub lon: f64,
}

/// Coordinates are compared as stored; NaN never gets in (see `SunTimes::new`).
impl Eq for Coordinates {}

/// The version of the stored form of [`OpeningHours`]. 1: weekly, special, holiday_rule,
/// region (no `version` field); 2: adds `rules` and `coordinates`.
pub const STORAGE_VERSION: u32 = 2;

#[derive(Serialize, Deserialize)]
struct Stored {
    #[serde(default = "version_one")]
    version: u32,
    #[serde(default)]
    region: String,
    #[serde(default)]
    weekly: WeeklyHours,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    special: Vec<SpecialHours>,
    #[serde(default)]
    holiday_rule: HolidayRule,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    rules: Vec<Rule>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    coordinates: Option<Coordinates>,
}

fn version_one() -> u32 {
    1
}

impl TryFrom<Stored> for OpeningHours {
    type Error = String;

    fn try_from(s: Stored) -> Result<Self, String> {
        if s.version > STORAGE_VERSION {
            return Err(format!("hours version {} is newer than this Nahbar", s.version));
        }
        Ok(OpeningHours {
            weekly: s.weekly,
            special: s.special,
            holiday_rule: s.holiday_rule,
            region: s.region,
            rules: s.rules,
            coordinates: s.coordinates,
        })
    }
}

impl From<OpeningHours> for Stored {
    fn from(h: OpeningHours) -> Stored {
        Stored {
            version: STORAGE_VERSION,
            region: h.region,
            weekly: h.weekly,
            special: h.special,
            holiday_rule: h.holiday_rule,
            rules: h.rules,
            coordinates: h.coordinates,
        }
    }
}

impl OpeningHours {
    /// Public holidays between `from` and `to` that no special-hours entry covers: the
    /// owner has not said what happens on them (the dashboard nudges about these).
    pub fn unconfirmed_holidays(&self, from: NaiveDate, to: NaiveDate) -> Vec<Holiday> {
        holidays_between(&self.region, from, to)
            .into_iter()
            .filter(|h| !self.special.iter().any(|s| s.covers(h.date)))
            .collect()
    }

    /// Whether some rule depends on school holidays (`SH`).
    pub fn uses_school_holidays(&self) -> bool {
        self.rules
            .iter()
            .any(|r| r.when.holidays.iter().any(|h| *h == super::rules::HolidaySelector::School))
    }

    /// Years between `from` and `to` for which the school holidays of the region are not
    /// known although a rule needs them: the hours on those days cannot be told.
    pub fn school_years_not_covered(&self, from: NaiveDate, to: NaiveDate) -> Vec<i32> {
        if !self.uses_school_holidays() {
            return Vec::new();
        }
        (from.year()..=to.year()).filter(|y| !school_holidays::covers(&self.region, *y)).collect()
    }
}

/// [`OpeningHours`] with the holidays of a date window looked up, ready to evaluate.
pub struct ResolvedHours<'a> {
    hours: &'a OpeningHours,
    facts: Facts,
}

impl<'a> ResolvedHours<'a> {
    /// Without a time zone, sunrise/sunset rules use opening_hours.js's fixed defaults
    /// (06:00, 18:00); use [`ResolvedHours::new_in`] where the zone is known.
    pub fn new(hours: &'a OpeningHours, from: NaiveDate, to: NaiveDate) -> Self {
        Self::build(hours, None, from, to)
    }

    pub fn new_in(hours: &'a OpeningHours, tz: Tz, from: NaiveDate, to: NaiveDate) -> Self {
        Self::build(hours, Some(tz), from, to)
    }

    fn build(hours: &'a OpeningHours, tz: Option<Tz>, from: NaiveDate, to: NaiveDate) -> Self {
        // Two days more on each side: `PH ±1 day` and nights past midnight look there. Only
        // those years are looked up (each lookup takes the holiday cache's lock).
        let years = (from - Duration::days(2)).year()..=(to + Duration::days(2)).year();
        let region = hours.region.as_str();
        let holidays = if region.is_empty() {
            Vec::new()
        } else {
            years.clone().map(|y| (y, holidays::holidays_arc(region, y))).collect()
        };
        let school = if hours.uses_school_holidays() {
            years.map(|y| (y, school_holidays::in_year(region, y))).collect()
        } else {
            Vec::new()
        };
        let sun = match (tz, hours.coordinates) {
            (Some(tz), Some(c)) => SunTimes::new(c.lat, c.lon, tz),
            _ => None,
        };
        ResolvedHours { hours, facts: Facts { holidays, school, sun } }
    }

    /// Resolved for evaluations around `at` (the status line, the next 14 days).
    pub fn around(hours: &'a OpeningHours, tz: Tz, at: DateTime<Utc>) -> Self {
        let today = at.with_timezone(&tz).date_naive();
        Self::new_in(hours, tz, today - Duration::days(2), today + Duration::days(32))
    }

    pub fn holiday(&self, date: NaiveDate) -> Option<&Holiday> {
        self.facts.public_holiday(date)
    }

    /// Whether the school holidays of `date`'s year are known (`true` when no rule needs
    /// them).
    pub fn school_holidays_known(&self, date: NaiveDate) -> bool {
        !self.hours.uses_school_holidays() || self.facts.school_holiday(date).is_some()
    }

    pub fn special(&self, date: NaiveDate) -> Option<&SpecialHours> {
        // The most recently added entry wins where entries overlap.
        self.hours.special.iter().rev().find(|s| s.covers(date))
    }

    /// Why a day's hours are what they are.
    pub fn day(&self, date: NaiveDate) -> Day<'_> {
        let mut pieces = Vec::new();
        let source = eval::day_pieces(self.hours, date, &self.facts, &mut pieces);
        let reason = match source {
            Source::Special(s) => Reason::Special(s),
            Source::Rule(r) => Reason::Rule(r),
            Source::Holiday | Source::Weekly => match self.holiday(date) {
                Some(h) => Reason::Holiday(h),
                None => Reason::Weekly,
            },
        };
        Day { date, intervals: eval::open_intervals(&pieces), pieces, reason }
    }

    /// The schedule of `days` days from `from`, as customers will see it.
    pub fn days(&self, from: NaiveDate, days: u32) -> Vec<Day<'_>> {
        (0..i64::from(days)).map(|n| self.day(from + Duration::days(n))).collect()
    }

    /// Merged open periods (UTC) of the local days `from..=to`.
    pub fn periods(
        &self,
        tz: Tz,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
        open_periods(self, tz, from, to)
    }
}

impl Schedule for ResolvedHours<'_> {
    fn pieces_on(&self, date: NaiveDate, out: &mut Vec<Piece>) {
        eval::day_pieces(self.hours, date, &self.facts, out);
    }
}

/// A run of days whose hours differ from the weekly ones (special hours, a holiday or an
/// occasional rule such as "first Saturday" or "24 Dec"), for the local page's notices,
/// JSON-LD and the calendar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exception {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Empty: closed.
    pub intervals: Vec<Interval>,
    pub label: ExceptionLabel,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExceptionLabel {
    Special {
        id: i64,
        note: String,
    },
    Holiday {
        name_de: String,
        name_en: String,
    },
    /// An occasional rule (its comment, often empty).
    Rule {
        comment: String,
    },
}

impl ResolvedHours<'_> {
    /// Special hours, holidays and occasional rules among the `days` days from `from`,
    /// consecutive days of the same entry with the same hours merged ("24.–26.12. closed").
    /// Seasons are not exceptions: they are the regular hours of their time of year.
    pub fn exceptions(&self, from: NaiveDate, days: u32) -> Vec<Exception> {
        let mut out: Vec<Exception> = Vec::new();
        for day in self.days(from, days) {
            let label = match day.reason {
                Reason::Weekly => continue,
                Reason::Rule(r) if !is_occasional(r) => continue,
                Reason::Rule(r) => ExceptionLabel::Rule { comment: r.comment.clone() },
                Reason::Special(s) => ExceptionLabel::Special { id: s.id, note: s.note.clone() },
                Reason::Holiday(h) => ExceptionLabel::Holiday {
                    name_de: h.name_de.clone(),
                    name_en: h.name_en.clone(),
                },
            };
            match out.last_mut() {
                Some(last)
                    if last.label == label
                        && last.intervals == day.intervals
                        && last.to.succ_opt() == Some(day.date) =>
                {
                    last.to = day.date;
                }
                _ => out.push(Exception {
                    from: day.date,
                    to: day.date,
                    intervals: day.intervals,
                    label,
                }),
            }
        }
        out
    }
}

/// A rule for particular days (dates of up to a month, n-th weekdays, holidays, week
/// numbers) rather than a season or a weekday pattern.
pub fn is_occasional(rule: &Rule) -> bool {
    let w = &rule.when;
    let short_dates = !w.dates.is_empty()
        && w.dates.iter().all(|d| match d {
            DateRange::Months { .. } => false,
            DateRange::Days { from, to } => {
                let to = to.unwrap_or(*from);
                let year = from.year.unwrap_or(2026);
                match (
                    eval::resolve_point(from, year),
                    eval::resolve_point(&to, to.year.unwrap_or(year)),
                ) {
                    (Some(a), Some(b)) => {
                        let days = (b - a).num_days();
                        let days = if days < 0 { days + 365 } else { days };
                        days <= 31
                    }
                    _ => true,
                }
            }
        });
    short_dates
        || !w.holidays.is_empty()
        || !w.weeks.is_empty()
        || w.weekdays.iter().any(|d| matches!(d, WeekdayRange::Nth { .. }))
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Day<'a> {
    pub date: NaiveDate,
    /// The open intervals (unknown and open-end stretches are in `pieces` only).
    pub intervals: Vec<Interval>,
    /// Every stretch of the day with its state, minutes from midnight.
    pub pieces: Vec<Piece>,
    pub reason: Reason<'a>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason<'a> {
    Weekly,
    Holiday(&'a Holiday),
    Special(&'a SpecialHours),
    /// A rule beyond the weekly hours (a season, an every-year date, a first Saturday ...).
    Rule(&'a Rule),
}

#[cfg(test)]
#[path = "schedule_tests.rs"]
mod tests;
