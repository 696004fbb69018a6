//! OpenStreetMap `opening_hours`: import into Nahbar's hours, export as a canonical string.
//!
//! Parsing is done by the `opening-hours-syntax` crate (the parser behind the maintained
//! `opening-hours` evaluator); this module maps its syntax tree onto weekly hours, the
//! public-holiday rule and dated special hours. Whatever Nahbar cannot represent is
//! refused with the part and the reason, never dropped.
//!
//! Supported: weekday selectors (ranges, lists, wrapping like `Sa-Mo`), times (also past
//! midnight and `24:00`), `24/7`, `off`/`closed`, `PH` (alone or with weekdays), dates and
//! date ranges with a year (`2026 Dec 24-2026 Dec 26 off`, `2026 Dec 31 10:00-14:00`,
//! optionally with a comment that becomes the public note), `;` and `,` between rules.
//! Rules apply in order: a later rule replaces the hours of the days it names. Weekly rules
//! come first, then `PH` rules, then dated rules (the order in which Nahbar applies them).

use super::hours::{Interval, TimeOfDay, WeeklyHours};
use super::schedule::{HolidayRule, OpeningHours, SpecialHours};
use chrono::{Datelike, NaiveDate};
use opening_hours_syntax::rules::day::{
    Date, DaySelector, HolidayKind, MonthdayRange, WeekDayRange,
};
use opening_hours_syntax::rules::time::{Time, TimeSelector};
use opening_hours_syntax::rules::{RuleKind, RuleOperator, RuleSequence};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a string was refused: the offending part and the reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OsmError {
    pub part: String,
    pub reason: String,
}

impl fmt::Display for OsmError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.part.is_empty() {
            write!(f, "{}", self.reason)
        } else {
            write!(f, "“{}”: {}", self.part, self.reason)
        }
    }
}

/// What an `opening_hours` value says, in Nahbar's terms. `holiday_rule` is `None` when the
/// value does not mention `PH` (the location keeps its own rule).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Imported {
    pub weekly: WeeklyHours,
    pub holiday_rule: Option<HolidayRule>,
    pub special: Vec<SpecialHours>,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    Weekly,
    Holiday,
    Dated,
}

fn refuse(rule: &RuleSequence, reason: &str) -> OsmError {
    OsmError { part: rule.to_string(), reason: reason.to_string() }
}

pub fn import(text: &str) -> Result<Imported, OsmError> {
    let expression = opening_hours_syntax::parse(text.trim()).map_err(|e| OsmError {
        part: String::new(),
        reason: format!("not valid opening_hours syntax: {e}"),
    })?;
    let mut imported = Imported::default();
    let mut stage = Stage::Weekly;
    for rule in &expression.rules {
        if rule.operator == RuleOperator::Fallback {
            return Err(refuse(rule, "fallback rules (||) are not supported"));
        }
        if rule.kind == RuleKind::Unknown {
            return Err(refuse(rule, "“unknown” hours are not supported"));
        }
        let intervals = intervals(rule, &rule.time_selector)?;
        let open = rule.kind == RuleKind::Open;
        if !open && !rule.time_selector_is_whole_day() {
            return Err(refuse(
                rule,
                "closing part of a day is not supported; write the open intervals instead",
            ));
        }
        let additional = rule.operator == RuleOperator::Additional;
        let target = selection(rule, &rule.day_selector)?;
        let this_stage = match &target {
            Selection::Days { .. } => Stage::Weekly,
            Selection::Holiday { weekdays, .. } if weekdays.iter().any(|d| *d) => Stage::Weekly,
            Selection::Holiday { .. } => Stage::Holiday,
            Selection::Dates(..) => Stage::Dated,
        };
        if this_stage < stage {
            return Err(refuse(rule, "put weekly rules first, then PH rules, then dated rules"));
        }
        stage = stage.max(if matches!(target, Selection::Holiday { .. }) {
            Stage::Holiday
        } else {
            this_stage
        });
        if !rule.comment.is_empty() && !matches!(target, Selection::Dates(..)) {
            return Err(refuse(
                rule,
                "comments are only kept on dated rules (as their public note)",
            ));
        }
        let hours = if open { intervals } else { Vec::new() };
        match target {
            Selection::Days(days) | Selection::Holiday { weekdays: days, holiday: false } => {
                apply_days(&mut imported.weekly, &days, &hours, additional);
            }
            Selection::Holiday { weekdays, holiday: true } => {
                apply_days(&mut imported.weekly, &weekdays, &hours, additional);
                let rule = match (&imported.holiday_rule, additional) {
                    (Some(HolidayRule::Hours(existing)), true) => {
                        HolidayRule::Hours(existing.iter().chain(&hours).copied().collect())
                    }
                    _ if hours.is_empty() => HolidayRule::Closed,
                    _ => HolidayRule::Hours(hours),
                };
                imported.holiday_rule = Some(rule);
            }
            Selection::Dates(from, to) => imported.special.push(SpecialHours {
                id: 0,
                from,
                to,
                intervals: hours,
                note: rule.comment.to_string(),
            }),
        }
    }
    for day in &mut imported.weekly.days {
        day.sort_by_key(|i| i.opens);
    }
    Ok(imported)
}

trait WholeDay {
    fn time_selector_is_whole_day(&self) -> bool;
}

impl WholeDay for RuleSequence {
    fn time_selector_is_whole_day(&self) -> bool {
        let spans = &self.time_selector.spans;
        spans.len() == 1 && {
            let span = &spans[0];
            matches!((span.range.start, span.range.end), (Time::Fixed(s), Time::Fixed(e))
                if s.hour() == 0 && s.minute() == 0 && e.hour() == 24 && e.minute() == 0)
        }
    }
}

fn intervals(rule: &RuleSequence, selector: &TimeSelector) -> Result<Vec<Interval>, OsmError> {
    selector
        .spans
        .iter()
        .map(|span| {
            if span.open_end || span.repeats.is_some() {
                return Err(refuse(rule, "open ends (+) and repeating times are not supported"));
            }
            let (Time::Fixed(start), Time::Fixed(end)) = (span.range.start, span.range.end) else {
                return Err(refuse(rule, "times relative to sunrise or sunset are not supported"));
            };
            let opens = TimeOfDay::from_hm(u16::from(start.hour()), u16::from(start.minute()))
                .filter(|t| *t != TimeOfDay::END_OF_DAY)
                .ok_or_else(|| refuse(rule, "an interval must start before 24:00"))?;
            let end_minutes = u16::from(end.hour()) * 60 + u16::from(end.minute());
            let closes = if end_minutes > 1440 {
                if end_minutes - 1440 >= opens.minutes() {
                    return Err(refuse(rule, "an interval may last at most 24 hours"));
                }
                TimeOfDay::from_hm((end_minutes - 1440) / 60, end_minutes % 60)
            } else {
                TimeOfDay::from_hm(end_minutes / 60, end_minutes % 60)
            }
            .ok_or_else(|| refuse(rule, "not a time"))?;
            if closes == opens {
                return Err(refuse(rule, "an interval must not start and end at the same time"));
            }
            Ok(Interval::new(opens, closes))
        })
        .collect()
}

enum Selection {
    Days([bool; 7]),
    Holiday { weekdays: [bool; 7], holiday: bool },
    Dates(NaiveDate, NaiveDate),
}

fn selection(rule: &RuleSequence, days: &DaySelector) -> Result<Selection, OsmError> {
    if !days.week.is_empty() {
        return Err(refuse(rule, "week numbers are not supported"));
    }
    if !days.year.is_empty() {
        return Err(refuse(
            rule,
            "year ranges are not supported; write full dates like 2026 Dec 24",
        ));
    }
    match (days.monthday.as_slice(), days.weekday.is_empty()) {
        ([], _) => weekdays(rule, &days.weekday),
        ([range], true) => dates(rule, range),
        ([_], false) => Err(refuse(rule, "dates combined with weekdays are not supported")),
        _ => Err(refuse(
            rule,
            "several date ranges in one rule are not supported; write one rule per range",
        )),
    }
}

fn weekdays(rule: &RuleSequence, ranges: &[WeekDayRange]) -> Result<Selection, OsmError> {
    if ranges.is_empty() {
        return Ok(Selection::Days([true; 7]));
    }
    let mut days = [false; 7];
    let mut holiday = false;
    for range in ranges {
        match range {
            WeekDayRange::Fixed { range, offset, nth_from_start, nth_from_end } => {
                if *offset != 0 || nth_from_start.contains(&false) || nth_from_end.contains(&false)
                {
                    return Err(refuse(rule, "“n-th weekday of the month” is not supported"));
                }
                let start = range.start().num_days_from_monday() as usize;
                let end = range.end().num_days_from_monday() as usize;
                let mut day = start;
                loop {
                    days[day] = true;
                    if day == end {
                        break;
                    }
                    day = (day + 1) % 7;
                }
            }
            WeekDayRange::Holiday { kind: HolidayKind::Public, offset: 0 } => holiday = true,
            WeekDayRange::Holiday { kind: HolidayKind::School, .. } => {
                return Err(refuse(rule, "school holidays (SH) are not supported"));
            }
            WeekDayRange::Holiday { .. } => {
                return Err(refuse(rule, "days before or after a holiday are not supported"));
            }
        }
    }
    Ok(if holiday { Selection::Holiday { weekdays: days, holiday } } else { Selection::Days(days) })
}

fn dates(rule: &RuleSequence, range: &MonthdayRange) -> Result<Selection, OsmError> {
    let MonthdayRange::Date { start, end } = range else {
        return Err(refuse(
            rule,
            "month ranges are not supported; use weekly hours plus dated special hours",
        ));
    };
    let date = |(d, offset): &(Date, opening_hours_syntax::rules::day::DateOffset)| {
        if offset.day_offset != 0 || offset.wday_offset != Default::default() {
            return Err(refuse(rule, "date offsets are not supported"));
        }
        match *d {
            Date::Fixed { year: Some(year), month, day } => {
                NaiveDate::from_ymd_opt(*year, month as u32, u32::from(day))
                    .ok_or_else(|| refuse(rule, "not a calendar date"))
            }
            Date::Fixed { year: None, .. } => Err(refuse(
                rule,
                "dates without a year repeat every year; special hours need a year (e.g. 2026 Dec 24)",
            )),
            _ => Err(refuse(rule, "moving dates (easter, n-th weekday) are not supported")),
        }
    };
    let from = date(start)?;
    let to = match end.0 {
        // `2026 Dec 24-26` carries no year on the end date: it is the start's year.
        Date::Fixed { year: None, month, day } => {
            NaiveDate::from_ymd_opt(from.year(), month as u32, u32::from(day))
                .ok_or_else(|| refuse(rule, "not a calendar date"))?
        }
        _ => date(end)?,
    };
    if to < from {
        return Err(refuse(rule, "the range ends before it starts"));
    }
    Ok(Selection::Dates(from, to))
}

/// OSM semantics of a normal rule naming a day, as opening_hours.js evaluates them: the
/// rule replaces that whole day, including the part of the previous night that earlier
/// rules carried past midnight (those intervals now end at 24:00); the part of the replaced
/// day's own night that reached into the next day stays there (as `00:00-…`).
fn apply_days(weekly: &mut WeeklyHours, days: &[bool; 7], hours: &[Interval], additional: bool) {
    if !additional {
        for (index, selected) in days.iter().enumerate() {
            let next = (index + 1) % 7;
            if *selected && !days[next] {
                let carried: Vec<Interval> = weekly.days[index]
                    .iter()
                    .filter(|i| i.crosses_midnight() && i.closes != TimeOfDay::MIDNIGHT)
                    .map(|i| Interval::new(TimeOfDay::MIDNIGHT, i.closes))
                    .collect();
                weekly.days[next].extend(carried);
            }
        }
        for (index, selected) in days.iter().enumerate() {
            let previous = (index + 6) % 7;
            if *selected && !days[previous] {
                for interval in &mut weekly.days[previous] {
                    if interval.crosses_midnight() {
                        interval.closes = TimeOfDay::END_OF_DAY;
                    }
                }
            }
        }
    }
    for (index, selected) in days.iter().enumerate() {
        if *selected {
            if additional {
                weekly.days[index].extend_from_slice(hours);
            } else {
                weekly.days[index] = hours.to_vec();
            }
        }
    }
}

const OSM_DAYS: [&str; 7] = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];

fn osm_intervals(intervals: &[Interval]) -> String {
    intervals
        .iter()
        .map(|i| {
            let closes = if i.closes == TimeOfDay::MIDNIGHT && i.opens != TimeOfDay::MIDNIGHT {
                TimeOfDay::END_OF_DAY
            } else {
                i.closes
            };
            format!("{}-{}", i.opens, closes)
        })
        .collect::<Vec<_>>()
        .join(",")
}

fn osm_date(date: NaiveDate) -> String {
    const MONTHS: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    format!("{} {} {:02}", date.year(), MONTHS[date.month0() as usize], date.day())
}

/// The canonical `opening_hours` string for Nahbar's hours: consecutive days with the same
/// intervals become ranges, then `PH`, then dated special hours (with their note).
pub fn export(hours: &OpeningHours) -> String {
    let all_day = [Interval::new(TimeOfDay::MIDNIGHT, TimeOfDay::END_OF_DAY)];
    let mut rules = Vec::new();
    if hours.weekly.days.iter().all(|d| d.as_slice() == all_day) {
        rules.push("24/7".to_string());
    } else {
        let mut index = 0;
        while index < 7 {
            let intervals = &hours.weekly.days[index];
            let mut end = index;
            while end + 1 < 7 && hours.weekly.days[end + 1] == *intervals {
                end += 1;
            }
            if !intervals.is_empty() {
                let days = match end - index {
                    0 => OSM_DAYS[index].to_string(),
                    1 => format!("{},{}", OSM_DAYS[index], OSM_DAYS[end]),
                    _ => format!("{}-{}", OSM_DAYS[index], OSM_DAYS[end]),
                };
                rules.push(format!("{days} {}", osm_intervals(intervals)));
            }
            index = end + 1;
        }
    }
    match &hours.holiday_rule {
        HolidayRule::Closed => rules.push("PH off".into()),
        HolidayRule::AsUsual => {}
        HolidayRule::Hours(intervals) => rules.push(format!("PH {}", osm_intervals(intervals))),
    }
    for special in &hours.special {
        let dates = if special.from == special.to {
            osm_date(special.from)
        } else {
            format!("{}-{}", osm_date(special.from), osm_date(special.to))
        };
        let what = if special.is_closure() {
            "off".to_string()
        } else {
            osm_intervals(&special.intervals)
        };
        let note = special.note.replace('"', "'");
        let comment = if note.is_empty() { String::new() } else { format!(" \"{note}\"") };
        rules.push(format!("{dates} {what}{comment}"));
    }
    if rules.is_empty() { "off".to_string() } else { rules.join("; ") }
}

/// Imports into full [`OpeningHours`] for a region. Without a `PH` rule holidays keep the
/// weekly hours, as in OSM.
pub fn import_hours(text: &str, region: &str) -> Result<OpeningHours, OsmError> {
    let imported = import(text)?;
    Ok(OpeningHours {
        weekly: imported.weekly,
        special: imported.special,
        holiday_rule: imported.holiday_rule.unwrap_or(HolidayRule::AsUsual),
        region: region.to_string(),
    })
}

#[cfg(test)]
#[path = "osm_tests.rs"]
mod tests;
