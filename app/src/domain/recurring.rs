//! The owner screens' recurring rules: every-year dates ("every 24 December, 10–14"),
//! seasons ("1 April to 30 September: Mo–Su 09:00–19:00") and n-th weekdays ("the first
//! Saturday of the month"), built from three plain forms into typed [`Rule`]s, listed back
//! in plain words, placed and removed.
//!
//! Placement keeps OSM's "a later rule replaces the days it names" working for the owner:
//! a season goes before the first occasional rule (an every-year date or an n-th weekday),
//! so a date beats the season it falls in, and both beat the weekly hours (which come
//! first). A season for some weekdays only is two rules, `Apr 01-Sep 30 off` and
//! `Apr 01-Sep 30 Mo-Fr 09:00-19:00`: it replaces the weekly hours on every day of its
//! period, as "summer hours" means; the list shows and removes the pair as one entry.

use super::hours::{Interval, weekday_from_index};
use super::rules::{
    DatePoint, DateRange, DayOfYear, Rule, RuleState, Selector, Span, WeekdayRange,
};
use super::schedule::{intervals_from_text, is_occasional};
use chrono::{NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// Why a form was refused; the reason code goes back to the screen (`error=rule_date` …).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecurringError {
    /// A day that no year has (31 February), or a missing day or month.
    Date,
    /// A season without weekdays.
    Weekdays,
    /// Open, but the hours are missing or unreadable.
    Hours,
    /// An unknown n-th or weekday.
    Nth,
}

impl RecurringError {
    pub fn code(self) -> &'static str {
        match self {
            RecurringError::Date => "rule_date",
            RecurringError::Weekdays => "rule_weekdays",
            RecurringError::Hours => "rule_hours",
            RecurringError::Nth => "rule_nth",
        }
    }
}

/// The three forms' fields, as typed (`kind`: `yearly`, `season` or `nth`). Weekday
/// checkboxes are named `mo` … `su`; `state` is `open` or `closed`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RecurringInput {
    pub kind: String,
    pub from_day: String,
    pub from_month: String,
    pub to_day: String,
    pub to_month: String,
    pub state: String,
    pub hours: String,
    pub nth: String,
    pub weekday: String,
    pub mo: Option<String>,
    pub tu: Option<String>,
    pub we: Option<String>,
    pub th: Option<String>,
    pub fr: Option<String>,
    pub sa: Option<String>,
    pub su: Option<String>,
}

impl RecurringInput {
    pub fn weekdays(&self) -> [bool; 7] {
        [&self.mo, &self.tu, &self.we, &self.th, &self.fr, &self.sa, &self.su].map(Option::is_some)
    }
}

/// The rules one form asks for.
pub fn build(input: &RecurringInput) -> Result<Vec<Rule>, RecurringError> {
    match input.kind.as_str() {
        "season" => season_rules(input),
        "nth" => nth_weekday_rule(input).map(|r| vec![r]),
        _ => yearly_rule(input).map(|r| vec![r]),
    }
}

/// A day and month that exist in some year (29 February does, in leap years).
fn day_month(day: &str, month: &str) -> Result<(u8, u8), RecurringError> {
    let day: u8 = day.trim().trim_end_matches('.').parse().map_err(|_| RecurringError::Date)?;
    let month: u8 = month.trim().trim_end_matches('.').parse().map_err(|_| RecurringError::Date)?;
    NaiveDate::from_ymd_opt(2024, u32::from(month), u32::from(day))
        .map(|_| (day, month))
        .ok_or(RecurringError::Date)
}

fn point((day, month): (u8, u8)) -> DatePoint {
    DatePoint { year: None, day: DayOfYear::Fixed { month, day }, offset: 0 }
}

/// Open hours as spans (`10:00-14:00,15:00-18:00`, spaces and en dashes allowed, a night
/// past midnight as `22:00-02:00`), or `None` for closed.
fn state_and_times(input: &RecurringInput) -> Result<Option<Vec<Span>>, RecurringError> {
    if input.state == "closed" {
        return Ok(None);
    }
    let cleaned: String = input.hours.replace(['–', '—'], "-").split_whitespace().collect();
    let intervals = intervals_from_text(&cleaned)
        .filter(|list| !list.is_empty() && list.iter().all(|i| i.opens != i.closes))
        .ok_or(RecurringError::Hours)?;
    Ok(Some(intervals.iter().map(span).collect()))
}

fn span(interval: &Interval) -> Span {
    let (from, to) = (interval.opens.minutes(), interval.closes.minutes());
    Span::fixed(from, if interval.crosses_midnight() { to + 1440 } else { to })
}

fn rule(when: Selector, times: Option<Vec<Span>>) -> Rule {
    match times {
        Some(times) => Rule { when, times, ..Rule::default() },
        None => Rule { when, state: RuleState::Closed, ..Rule::default() },
    }
}

/// Every year on one date or a range of dates (`Dec 24 10:00-14:00`, `Dec 24-26 off`,
/// `Dec 23-Jan 06 off` across New Year), closed or with hours.
pub fn yearly_rule(input: &RecurringInput) -> Result<Rule, RecurringError> {
    let from = day_month(&input.from_day, &input.from_month)?;
    let to = if input.to_day.trim().is_empty() && input.to_month.trim().is_empty() {
        None
    } else {
        Some(day_month(&input.to_day, &input.to_month)?).filter(|to| *to != from)
    };
    let times = state_and_times(input)?;
    let dates = vec![DateRange::Days { from: point(from), to: to.map(point) }];
    Ok(rule(Selector { dates, ..Selector::default() }, times))
}

/// A season with hours on some weekdays; the other days of the season are closed. The end
/// may lie before the start (`Nov 01-Feb 28`: across New Year).
pub fn season_rules(input: &RecurringInput) -> Result<Vec<Rule>, RecurringError> {
    let from = day_month(&input.from_day, &input.from_month)?;
    let to = day_month(&input.to_day, &input.to_month)?;
    if from == to {
        return Err(RecurringError::Date);
    }
    let days = input.weekdays();
    if !days.contains(&true) {
        return Err(RecurringError::Weekdays);
    }
    let times = state_and_times(&RecurringInput { state: "open".into(), ..input.clone() })?;
    let dates = vec![DateRange::Days { from: point(from), to: Some(point(to)) }];
    let open = rule(
        Selector { dates: dates.clone(), weekdays: weekday_ranges(&days), ..Selector::default() },
        times,
    );
    if days.iter().all(|d| *d) {
        return Ok(vec![open]);
    }
    Ok(vec![rule(Selector { dates, ..Selector::default() }, None), open])
}

/// `[Mo, Tu, We, Fr]` as `Mo-We,Fr`.
fn weekday_ranges(days: &[bool; 7]) -> Vec<WeekdayRange> {
    let mut out = Vec::new();
    let mut index = 0;
    while index < 7 {
        if !days[index] {
            index += 1;
            continue;
        }
        let mut end = index;
        while end + 1 < 7 && days[end + 1] {
            end += 1;
        }
        out.push(WeekdayRange::Days {
            from: weekday_from_index(index),
            to: weekday_from_index(end),
        });
        index = end + 1;
    }
    out
}

const WEEKDAY_CODES: [&str; 7] = ["mo", "tu", "we", "th", "fr", "sa", "su"];

/// The first … fourth or last (`-1`) weekday of every month (`Sa[1] 10:00-14:00`).
pub fn nth_weekday_rule(input: &RecurringInput) -> Result<Rule, RecurringError> {
    let nth: i8 = match input.nth.trim().parse() {
        Ok(n @ (1..=4 | -1)) => n,
        _ => return Err(RecurringError::Nth),
    };
    let weekday = WEEKDAY_CODES
        .iter()
        .position(|c| *c == input.weekday.trim())
        .map(weekday_from_index)
        .ok_or(RecurringError::Nth)?;
    let times = state_and_times(input)?;
    let weekdays = vec![WeekdayRange::Nth { weekday, nth: vec![nth] }];
    Ok(rule(Selector { weekdays, ..Selector::default() }, times))
}

/// The rules with `new` placed: occasional rules at the end, a season before the first
/// occasional rule (so dates and n-th weekdays still beat it).
pub fn add(rules: &[Rule], new: Vec<Rule>) -> Vec<Rule> {
    let mut out = rules.to_vec();
    let at = if new.iter().any(is_occasional) {
        out.len()
    } else {
        out.iter().position(is_occasional).unwrap_or(out.len())
    };
    out.splice(at..at, new);
    out
}

/// What one listed entry says, for the screen to word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Recurring {
    /// Every year from one day (to another); `times` None: closed.
    Yearly {
        from: (u8, u8),
        to: Option<(u8, u8)>,
        times: Option<Vec<Span>>,
    },
    /// A season with hours on `weekdays`; `others_closed`: the other days are closed.
    Season {
        from: (u8, u8),
        to: (u8, u8),
        weekdays: Vec<WeekdayRange>,
        times: Vec<Span>,
        others_closed: bool,
    },
    NthWeekday {
        nth: i8,
        weekday: Weekday,
        times: Option<Vec<Span>>,
    },
    /// Anything else (an imported OSM rule), in OSM syntax.
    Other(String),
}

/// One entry of the list: rules `index..index + len`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecurringItem {
    pub index: usize,
    pub len: usize,
    pub what: Recurring,
}

fn fixed(point: &DatePoint) -> Option<(u8, u8)> {
    match (point.year, point.day, point.offset) {
        (None, DayOfYear::Fixed { month, day }, 0) => Some((day, month)),
        _ => None,
    }
}

/// Fixed day spans only; `None` for sun times or open ends.
fn plain_times(rule: &Rule) -> Option<Vec<Span>> {
    let fixed = |s: &Span| {
        matches!(s.from, super::rules::TimePoint::Fixed(_))
            && matches!(s.to, Some(super::rules::TimePoint::Fixed(_)))
    };
    rule.times.iter().all(fixed).then(|| rule.times.clone())
}

fn simple(rule: &Rule) -> bool {
    let w = &rule.when;
    rule.comment.is_empty()
        && rule.operator == super::rules::Operator::Normal
        && w.years.is_empty()
        && w.weeks.is_empty()
        && w.holidays.is_empty()
        && rule.state != RuleState::Unknown
}

/// A day of the year as (day, month).
type DayMonth = (u8, u8);

/// The single date range of a rule without a year, as day-month pairs.
fn yearly_dates(rule: &Rule) -> Option<(DayMonth, Option<DayMonth>)> {
    match rule.when.dates.as_slice() {
        [DateRange::Days { from, to }] => Some((
            fixed(from)?,
            match to {
                Some(to) => Some(fixed(to)?),
                None => None,
            },
        )),
        _ => None,
    }
}

fn describe_one(rule: &Rule) -> Option<Recurring> {
    if !simple(rule) {
        return None;
    }
    let times = match rule.state {
        RuleState::Closed if rule.times.is_empty() => None,
        RuleState::Open if !rule.times.is_empty() => Some(plain_times(rule)?),
        _ => return None,
    };
    let w = &rule.when;
    match (w.dates.is_empty(), w.weekdays.as_slice()) {
        (true, [WeekdayRange::Nth { weekday, nth }]) if nth.len() == 1 => {
            Some(Recurring::NthWeekday { nth: nth[0], weekday: *weekday, times })
        }
        (false, []) => {
            let (from, to) = yearly_dates(rule)?;
            Some(Recurring::Yearly { from, to, times })
        }
        (false, days) if days.iter().all(|d| matches!(d, WeekdayRange::Days { .. })) => {
            let (from, to) = yearly_dates(rule)?;
            Some(Recurring::Season {
                from,
                to: to?,
                weekdays: days.to_vec(),
                times: times?,
                others_closed: false,
            })
        }
        _ => None,
    }
}

/// The rules as listed entries; a closed season followed by the same season's hours is one
/// entry (the pair [`season_rules`] writes).
pub fn items(rules: &[Rule]) -> Vec<RecurringItem> {
    let mut out = Vec::new();
    let mut index = 0;
    while index < rules.len() {
        let what = describe_one(&rules[index]);
        if let (Some(Recurring::Yearly { from, to: Some(to), times: None }), Some(next)) =
            (&what, rules.get(index + 1))
            && let Some(Recurring::Season { from: f, to: t, weekdays, times, .. }) =
                describe_one(next)
            && (f, t) == (*from, *to)
        {
            let what = Recurring::Season { from: f, to: t, weekdays, times, others_closed: true };
            out.push(RecurringItem { index, len: 2, what });
            index += 2;
            continue;
        }
        let what =
            what.unwrap_or_else(|| Recurring::Other(super::osm_export::rule_text(&rules[index])));
        out.push(RecurringItem { index, len: 1, what });
        index += 1;
    }
    out
}

/// What the entry starting at `index` says in OSM syntax: the remove form sends it along,
/// so a list gone stale (another tab, another person) removes nothing rather than the
/// wrong rule.
pub fn key(rules: &[Rule], index: usize) -> Option<String> {
    rules.get(index).map(super::osm_export::rule_text)
}

/// The rules without the entry that starts at `index`; `None` when no entry starts there.
pub fn remove(rules: &[Rule], index: usize) -> Option<Vec<Rule>> {
    let item = items(rules).into_iter().find(|i| i.index == index)?;
    let mut out = rules.to_vec();
    out.drain(item.index..item.index + item.len);
    Some(out)
}

#[cfg(test)]
#[path = "recurring_tests.rs"]
mod tests;
