//! Special hours, public-holiday rules and the schedule that combines them with the weekly
//! hours. Which intervals apply on a date: special hours for that date, else the holiday
//! rule on a public holiday, else the weekly hours.

use super::holidays::{Holiday, holidays_between};
use super::hours::{Interval, Schedule, WeeklyHours, open_periods};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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

/// Everything that decides when a location is open.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpeningHours {
    pub weekly: WeeklyHours,
    pub special: Vec<SpecialHours>,
    pub holiday_rule: HolidayRule,
    /// ISO 3166-2 region whose public holidays apply, e.g. `DE-BW`; empty: none.
    pub region: String,
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
}

/// [`OpeningHours`] with the public holidays of a date window looked up, ready to evaluate.
pub struct ResolvedHours<'a> {
    hours: &'a OpeningHours,
    holidays: BTreeMap<NaiveDate, Holiday>,
}

impl<'a> ResolvedHours<'a> {
    pub fn new(hours: &'a OpeningHours, from: NaiveDate, to: NaiveDate) -> Self {
        let holidays =
            holidays_between(&hours.region, from, to).into_iter().map(|h| (h.date, h)).collect();
        ResolvedHours { hours, holidays }
    }

    /// Resolved for evaluations around `at` (the status line, the next 14 days).
    pub fn around(hours: &'a OpeningHours, tz: Tz, at: DateTime<Utc>) -> Self {
        let today = at.with_timezone(&tz).date_naive();
        Self::new(hours, today - Duration::days(2), today + Duration::days(32))
    }

    pub fn holiday(&self, date: NaiveDate) -> Option<&Holiday> {
        self.holidays.get(&date)
    }

    pub fn special(&self, date: NaiveDate) -> Option<&SpecialHours> {
        // The most recently added entry wins where entries overlap.
        self.hours.special.iter().rev().find(|s| s.covers(date))
    }

    /// Why a day's hours are what they are.
    pub fn day(&self, date: NaiveDate) -> Day<'_> {
        if let Some(special) = self.special(date) {
            Day { date, intervals: &special.intervals, reason: Reason::Special(special) }
        } else if let Some(holiday) = self.holiday(date) {
            let intervals = match &self.hours.holiday_rule {
                HolidayRule::Closed => &[][..],
                HolidayRule::AsUsual => self.hours.weekly.intervals_on(date),
                HolidayRule::Hours(intervals) => &intervals[..],
            };
            Day { date, intervals, reason: Reason::Holiday(holiday) }
        } else {
            Day { date, intervals: self.hours.weekly.intervals_on(date), reason: Reason::Weekly }
        }
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
    fn intervals_on(&self, date: NaiveDate) -> &[Interval] {
        self.day(date).intervals
    }

    /// A day with its own special hours, or a holiday with its own rule, is that day's
    /// whole truth: the previous night stops at midnight (OSM semantics, so imported values
    /// evaluate as OpenStreetMap tools do).
    fn cuts_carry_over(&self, date: NaiveDate) -> bool {
        match self.day(date).reason {
            Reason::Weekly => false,
            Reason::Special(_) => true,
            Reason::Holiday(_) => self.hours.holiday_rule != HolidayRule::AsUsual,
        }
    }
}

/// A run of days whose hours differ from the weekly ones (special hours or a holiday), for
/// the local page's notices, JSON-LD and the calendar.
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
    Special { id: i64, note: String },
    Holiday { name_de: String, name_en: String },
}

impl ResolvedHours<'_> {
    /// Special hours and holidays among the `days` days from `from`, consecutive days of the
    /// same entry with the same hours merged ("24.–26.12. closed").
    pub fn exceptions(&self, from: NaiveDate, days: u32) -> Vec<Exception> {
        let mut out: Vec<Exception> = Vec::new();
        for day in self.days(from, days) {
            let label = match day.reason {
                Reason::Weekly => continue,
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
                    intervals: day.intervals.to_vec(),
                    label,
                }),
            }
        }
        out
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Day<'a> {
    pub date: NaiveDate,
    pub intervals: &'a [Interval],
    pub reason: Reason<'a>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason<'a> {
    Weekly,
    Holiday(&'a Holiday),
    Special(&'a SpecialHours),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::hours::{TimeOfDay, status_at};
    use chrono::TimeZone;
    use chrono_tz::Europe::Berlin;

    fn iv(o: &str, c: &str) -> Interval {
        Interval::new(TimeOfDay::parse(o).expect("t"), TimeOfDay::parse(c).expect("t"))
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn bakery() -> OpeningHours {
        let mut weekly = WeeklyHours::default();
        for day in 0..6 {
            weekly.days[day] = vec![iv("07:00", "18:00")];
        }
        OpeningHours { weekly, region: "DE-BW".into(), ..OpeningHours::default() }
    }

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Berlin.with_ymd_and_hms(y, m, d, h, 0, 0).single().expect("t").with_timezone(&Utc)
    }

    #[test]
    fn special_hours_override_holidays_which_override_the_week() {
        let mut hours = bakery();
        hours.special.push(SpecialHours {
            id: 1,
            from: date(2026, 12, 24),
            to: date(2026, 12, 24),
            intervals: vec![iv("07:00", "12:00")],
            note: "Heiligabend".into(),
        });
        hours.special.push(SpecialHours {
            id: 2,
            from: date(2026, 8, 3),
            to: date(2026, 8, 21),
            intervals: vec![],
            note: "Betriebsferien".into(),
        });
        let resolved = ResolvedHours::new(&hours, date(2026, 1, 1), date(2026, 12, 31));
        assert_eq!(resolved.day(date(2026, 12, 24)).intervals, [iv("07:00", "12:00")]);
        let christmas = resolved.day(date(2026, 12, 25));
        assert!(christmas.intervals.is_empty());
        assert!(matches!(christmas.reason, Reason::Holiday(h) if h.name_de.contains("Weihnacht")));
        assert!(resolved.day(date(2026, 8, 10)).intervals.is_empty());
        assert_eq!(resolved.day(date(2026, 8, 22)).intervals, [iv("07:00", "18:00")]);
    }

    #[test]
    fn the_status_line_uses_holidays_and_closures() {
        let mut hours = bakery();
        // Whit Monday 2026-05-25 is a holiday in BW: closed, opens Tuesday 07:00.
        let resolved = ResolvedHours::around(&hours, Berlin, at(2026, 5, 25, 10));
        let status = status_at(&resolved, Berlin, at(2026, 5, 25, 10));
        assert!(!status.open);
        assert_eq!(
            status.next_change.map(|t| t.naive_local().to_string()),
            Some("2026-05-26 07:00:00".to_string())
        );
        // With the rule "open as usual" the same instant is open.
        hours.holiday_rule = HolidayRule::AsUsual;
        let resolved = ResolvedHours::around(&hours, Berlin, at(2026, 5, 25, 10));
        assert!(status_at(&resolved, Berlin, at(2026, 5, 25, 10)).open);
    }

    #[test]
    fn exceptions_merge_consecutive_days_of_one_closure() {
        let mut hours = bakery();
        hours.special.push(SpecialHours {
            id: 7,
            from: date(2026, 12, 28),
            to: date(2026, 12, 30),
            intervals: vec![],
            note: "Inventur".into(),
        });
        let resolved = ResolvedHours::new(&hours, date(2026, 12, 20), date(2027, 1, 10));
        let list = resolved.exceptions(date(2026, 12, 20), 14);
        let summary: Vec<String> =
            list.iter().map(|e| format!("{}..{} {}", e.from, e.to, e.intervals.len())).collect();
        assert_eq!(
            summary,
            [
                "2026-12-25..2026-12-25 0",
                "2026-12-26..2026-12-26 0",
                "2026-12-28..2026-12-30 0",
                "2027-01-01..2027-01-01 0"
            ]
        );
        assert_eq!(list[2].label, ExceptionLabel::Special { id: 7, note: "Inventur".into() });
    }

    #[test]
    fn a_holiday_with_its_own_entry_counts_as_confirmed() {
        let mut hours = bakery();
        let (from, to) = (date(2026, 12, 20), date(2027, 1, 2));
        let names = |h: &OpeningHours| -> Vec<String> {
            h.unconfirmed_holidays(from, to).iter().map(|h| h.date.to_string()).collect()
        };
        assert_eq!(names(&hours), ["2026-12-25", "2026-12-26", "2027-01-01"]);
        hours.special.push(SpecialHours {
            id: 1,
            from: date(2026, 12, 25),
            to: date(2026, 12, 26),
            intervals: vec![],
            note: String::new(),
        });
        assert_eq!(names(&hours), ["2027-01-01"]);
    }

    #[test]
    fn a_holiday_or_closure_ends_the_previous_night_at_midnight() {
        let mut hours = bakery();
        hours.weekly.days[3] = vec![iv("18:00", "02:00")]; // Thursday night
        // Good Friday 2026-04-03 is a holiday (closed): Thursday's night ends at midnight.
        let at_night = at(2026, 4, 2, 23);
        let resolved = ResolvedHours::around(&hours, Berlin, at_night);
        let status = status_at(&resolved, Berlin, at_night);
        assert_eq!(
            status.next_change.map(|t| t.naive_local().to_string()),
            Some("2026-04-03 00:00:00".into())
        );
        // On an ordinary Thursday the night runs until 02:00.
        let ordinary = at(2026, 4, 9, 23);
        let resolved = ResolvedHours::around(&hours, Berlin, ordinary);
        let status = status_at(&resolved, Berlin, ordinary);
        assert_eq!(
            status.next_change.map(|t| t.naive_local().to_string()),
            Some("2026-04-10 02:00:00".into())
        );
    }

    #[test]
    fn holiday_rules_round_trip_through_storage_text() {
        for rule in [
            HolidayRule::Closed,
            HolidayRule::AsUsual,
            HolidayRule::Hours(vec![iv("10:00", "14:00"), iv("16:00", "18:00")]),
        ] {
            assert_eq!(HolidayRule::from_db(&rule.to_db()), rule);
        }
    }

    #[test]
    fn fourteen_days_name_their_reason() {
        let hours = bakery();
        let resolved = ResolvedHours::new(&hours, date(2026, 12, 20), date(2027, 1, 10));
        let days = resolved.days(date(2026, 12, 20), 14);
        assert_eq!(days.len(), 14);
        let holidays: Vec<String> = days
            .iter()
            .filter(|d| matches!(d.reason, Reason::Holiday(_)))
            .map(|d| d.date.to_string())
            .collect();
        assert_eq!(holidays, ["2026-12-25", "2026-12-26", "2027-01-01"]);
    }
}
