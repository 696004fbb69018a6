//! Opening-hours rules beyond the plain week: seasons, every-year dates, n-th weekdays,
//! Easter offsets, year ranges, week numbers, school holidays, open ends, sunrise/sunset.
//!
//! A [`Rule`] is one OSM `opening_hours` rule as typed data (never a string kept aside):
//! *when* it applies ([`Selector`]: years, dates and months, weeks, weekdays, holidays),
//! *at what times* ([`Span`]s, fixed or relative to the sun, possibly with an open end),
//! *what it says* ([`RuleState`]: open, closed, unknown), *how it combines* with the rules
//! before it ([`Operator`]) and an optional public comment. Rules apply in order with OSM's
//! meaning (see `eval.rs`): a later normal rule replaces the days it selects, `,` adds,
//! `||` fills what is still closed.
//!
//! Why our own types and not the `opening-hours` crate's syntax tree: the stored form must
//! stay stable when that crate changes (it is stored as JSON per location, see
//! [`super::schedule::OpeningHours`]), and every variant here is one Nahbar evaluates
//! exactly as opening_hours.js does (the differential test checks it).

use chrono::Weekday;
use serde::{Deserialize, Serialize};
use std::fmt;

/// One rule. An empty `times` list means the whole day.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    #[serde(default, skip_serializing_if = "Selector::is_empty")]
    pub when: Selector,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub times: Vec<Span>,
    #[serde(default)]
    pub state: RuleState,
    #[serde(default, skip_serializing_if = "Operator::is_normal")]
    pub operator: Operator,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleState {
    #[default]
    Open,
    Closed,
    Unknown,
}

/// How a rule combines with the rules before it: `;` (replaces the days it selects),
/// `,` (adds to them) or `||` (applies only where the rules before leave it closed).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Operator {
    #[default]
    Normal,
    Additional,
    Fallback,
}

impl Operator {
    fn is_normal(&self) -> bool {
        *self == Operator::Normal
    }
}

/// Which days a rule applies to. Every non-empty list must match (and between lists);
/// inside a list any entry may match (or). Weekdays and holidays are one list in OSM
/// (`Su,PH`), unless written with a space (`PH Mo-Fr`: a holiday that is a weekday).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Selector {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub years: Vec<YearRange>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dates: Vec<DateRange>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub weeks: Vec<WeekRange>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub weekdays: Vec<WeekdayRange>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub holidays: Vec<HolidaySelector>,
    /// `PH Mo-Fr`: the day must be a holiday *and* one of the weekdays.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub holidays_and_weekdays: bool,
}

impl Selector {
    pub fn is_empty(&self) -> bool {
        self.years.is_empty()
            && self.dates.is_empty()
            && self.weeks.is_empty()
            && self.weekdays.is_empty()
            && self.holidays.is_empty()
    }
}

/// `2026`, `2026-2028`, `2026-2030/2`, `2026+` (`to` = None).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearRange {
    pub from: i32,
    pub to: Option<i32>,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub step: u16,
}

/// ISO week numbers `from..=to`, every `step`-th (`week 01-53/2`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekRange {
    pub from: u8,
    pub to: u8,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub step: u16,
}

fn one() -> u16 {
    1
}

fn is_one(n: &u16) -> bool {
    *n == 1
}

/// A season or a (recurring) date range. Without a year every year; a range whose end
/// lies before its start wraps the year end (`Nov-Feb`, `Dec 23-Jan 06`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DateRange {
    /// Whole months `from..=to` (1-12), e.g. `Apr-Sep`; with a year only then.
    Months { from: u8, to: u8, year: Option<i32> },
    /// From one day to another (both included); `to` = None is the single day `from`.
    Days { from: DatePoint, to: Option<DatePoint> },
}

/// A day of the year, possibly moving (Easter, n-th weekday), with a day offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatePoint {
    pub year: Option<i32>,
    pub day: DayOfYear,
    /// Days added after resolving (`easter -2 days`).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub offset: i16,
}

fn is_zero(n: &i16) -> bool {
    *n == 0
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DayOfYear {
    Fixed {
        month: u8,
        day: u8,
    },
    /// The `nth` (1..=5, or -1..=-5 from the end) `weekday` of `month`.
    NthWeekday {
        month: u8,
        #[serde(with = "weekday_serde")]
        weekday: Weekday,
        nth: i8,
    },
    Easter,
}

/// `Mo-Fr` (wrapping like `Sa-Mo`), or the n-th weekdays of the month (`Sa[1]`, `Su[-1]`,
/// `Sa[1,3]`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WeekdayRange {
    Days {
        #[serde(with = "weekday_serde")]
        from: Weekday,
        #[serde(with = "weekday_serde")]
        to: Weekday,
    },
    Nth {
        #[serde(with = "weekday_serde")]
        weekday: Weekday,
        /// 1..=5 from the start of the month, -1..=-5 from its end.
        nth: Vec<i8>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum HolidaySelector {
    /// A public holiday of the location's region; `offset` ±1 selects the day after/before.
    Public {
        #[serde(default, skip_serializing_if = "is_zero")]
        offset: i16,
    },
    /// A school-holiday day of the location's region.
    School,
}

/// A time of day: minutes since midnight (up to 48:00 for ends past midnight), or a sun
/// event of the location's day with an offset in minutes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimePoint {
    Fixed(u16),
    Sun { event: SunEvent, offset: i16 },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SunEvent {
    Dawn,
    Sunrise,
    Sunset,
    Dusk,
}

impl SunEvent {
    pub const ALL: [SunEvent; 4] =
        [SunEvent::Dawn, SunEvent::Sunrise, SunEvent::Sunset, SunEvent::Dusk];

    pub fn name(self) -> &'static str {
        match self {
            SunEvent::Dawn => "dawn",
            SunEvent::Sunrise => "sunrise",
            SunEvent::Sunset => "sunset",
            SunEvent::Dusk => "dusk",
        }
    }

    /// Used where no coordinates are known, as opening_hours.js does.
    pub fn default_minutes(self) -> u16 {
        match self {
            SunEvent::Dawn => 5 * 60 + 30,
            SunEvent::Sunrise => 6 * 60,
            SunEvent::Sunset => 18 * 60,
            SunEvent::Dusk => 18 * 60 + 30,
        }
    }
}

/// An opening span: `08:00-18:00`, `22:00-03:00` (past midnight, written `22:00-27:00`
/// internally as `to` > 24:00), `sunrise-sunset`, or an open end `19:00+` (`to` = None).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    pub from: TimePoint,
    /// None: open end (the closing time is not known).
    pub to: Option<TimePoint>,
}

impl Span {
    pub fn fixed(from: u16, to: u16) -> Span {
        Span { from: TimePoint::Fixed(from), to: Some(TimePoint::Fixed(to)) }
    }

    pub fn is_open_end(&self) -> bool {
        self.to.is_none()
    }
}

impl fmt::Display for TimePoint {
    /// OSM syntax: `08:00`, `26:00`, `sunset`, `(sunset-01:00)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            TimePoint::Fixed(m) => write!(f, "{:02}:{:02}", m / 60, m % 60),
            TimePoint::Sun { event, offset: 0 } => write!(f, "{}", event.name()),
            TimePoint::Sun { event, offset } => {
                let sign = if offset < 0 { '-' } else { '+' };
                let m = offset.unsigned_abs();
                write!(f, "({}{sign}{:02}:{:02})", event.name(), m / 60, m % 60)
            }
        }
    }
}

impl TimePoint {
    /// Parses what [`fmt::Display`] writes.
    pub fn parse(text: &str) -> Option<TimePoint> {
        let text = text.trim();
        if let Some(inner) = text.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
            let split = inner.find(['+', '-'])?;
            let (name, rest) = inner.split_at(split);
            let event = SunEvent::ALL.into_iter().find(|e| e.name() == name)?;
            let (h, m) = rest[1..].split_once(':')?;
            let minutes = h.parse::<i16>().ok()? * 60 + m.parse::<i16>().ok()?;
            let offset = if rest.starts_with('-') { -minutes } else { minutes };
            return Some(TimePoint::Sun { event, offset });
        }
        if let Some(event) = SunEvent::ALL.into_iter().find(|e| e.name() == text) {
            return Some(TimePoint::Sun { event, offset: 0 });
        }
        let (h, m) = text.split_once(':')?;
        if h.is_empty() || h.len() > 2 || m.len() != 2 {
            return None;
        }
        let (h, m) = (h.parse::<u16>().ok()?, m.parse::<u16>().ok()?);
        (m < 60 && h * 60 + m <= 48 * 60).then_some(TimePoint::Fixed(h * 60 + m))
    }
}

impl Serialize for TimePoint {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TimePoint {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        TimePoint::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("{text} is not a time")))
    }
}

pub(crate) mod weekday_serde {
    use chrono::Weekday;
    use serde::{Deserialize, Deserializer, Serializer};

    const NAMES: [&str; 7] = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];

    pub fn serialize<S: Serializer>(day: &Weekday, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(NAMES[day.num_days_from_monday() as usize])
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Weekday, D::Error> {
        let text = String::deserialize(d)?;
        NAMES
            .iter()
            .position(|n| *n == text)
            .map(super::super::hours::weekday_from_index)
            .ok_or_else(|| serde::de::Error::custom(format!("{text} is not a weekday")))
    }
}

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;
