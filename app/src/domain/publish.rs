//! What the publication side needs from the rules: schema.org specifications with
//! `validFrom`/`validThrough` for seasons, the special days of the coming twelve months
//! with every-year dates expanded, and RFC 5545 `RRULE`s for rules that recur the way
//! iCalendar can say (every year on fixed dates, the n-th weekday of every month).

use super::hours::{Interval, TimeOfDay};
use super::rules::{DateRange, DayOfYear, Rule, RuleState, Span, TimePoint, WeekdayRange};
use super::schedule::{Exception, OpeningHours, ResolvedHours};
use chrono::{Datelike, Duration, NaiveDate};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

const DAY_URIS: [&str; 7] = [
    "https://schema.org/Monday",
    "https://schema.org/Tuesday",
    "https://schema.org/Wednesday",
    "https://schema.org/Thursday",
    "https://schema.org/Friday",
    "https://schema.org/Saturday",
    "https://schema.org/Sunday",
];

/// The fixed intervals of a rule (`None` when it has open ends or sun times, which
/// schema.org cannot say).
fn fixed_intervals(spans: &[Span]) -> Option<Vec<Interval>> {
    if spans.is_empty() {
        return Some(vec![Interval::new(TimeOfDay::MIDNIGHT, TimeOfDay::END_OF_DAY)]);
    }
    spans
        .iter()
        .map(|s| match (s.from, s.to) {
            (TimePoint::Fixed(f), Some(TimePoint::Fixed(t))) => {
                let t = if t > 1440 { t - 1440 } else { t };
                Some(Interval::new(
                    TimeOfDay::from_hm(f / 60, f % 60)?,
                    TimeOfDay::from_hm(t / 60, t % 60)?,
                ))
            }
            _ => None,
        })
        .collect()
}

fn weekday_list(rule: &Rule) -> Option<Vec<usize>> {
    if rule.when.weekdays.is_empty() {
        return Some((0..7).collect());
    }
    let mut days = Vec::new();
    for range in &rule.when.weekdays {
        let WeekdayRange::Days { from, to } = range else { return None };
        let (mut day, end) =
            (from.num_days_from_monday() as usize, to.num_days_from_monday() as usize);
        loop {
            if !days.contains(&day) {
                days.push(day);
            }
            if day == end {
                break;
            }
            day = (day + 1) % 7;
        }
    }
    days.sort_unstable();
    Some(days)
}

/// The next occurrence (on or after `today`, or the one running) of a yearly range.
fn season_dates(range: &DateRange, today: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let (from, to) = match *range {
        DateRange::Months { from, to, year: None } => {
            let start = move |y| NaiveDate::from_ymd_opt(y, from.into(), 1);
            let end = move |y: i32| {
                let (ny, nm) = if to == 12 { (y + 1, 1) } else { (y, u32::from(to) + 1) };
                NaiveDate::from_ymd_opt(ny, nm, 1).and_then(|d| d.pred_opt())
            };
            (start, end)
        }
        _ => return None,
    };
    for year in [today.year() - 1, today.year(), today.year() + 1] {
        let start = from(year)?;
        let mut end = to(year)?;
        if end < start {
            end = to(year + 1)?;
        }
        if end >= today {
            return Some((start, end));
        }
    }
    None
}

/// schema.org `OpeningHoursSpecification`s of seasonal rules (`Apr-Sep Mo-Su 09:00-19:00`,
/// `Nov-Mar off`), valid from/through their current or next occurrence. A closed season is
/// written `opens` = `closes` = 00:00 as schema.org and Google specify for closures.
pub fn seasonal_specifications(hours: &OpeningHours, today: NaiveDate) -> Vec<Value> {
    let mut out = Vec::new();
    for rule in &hours.rules {
        let w = &rule.when;
        let [range] = w.dates.as_slice() else { continue };
        let plain = w.years.is_empty() && w.weeks.is_empty() && w.holidays.is_empty();
        let (Some((from, through)), true) = (season_dates(range, today), plain) else { continue };
        let Some(days) = weekday_list(rule) else { continue };
        let day_uris: Vec<&str> = days.iter().map(|d| DAY_URIS[*d]).collect();
        let intervals = match rule.state {
            RuleState::Open => match fixed_intervals(&rule.times) {
                Some(list) => list,
                None => continue,
            },
            RuleState::Closed if rule.times.is_empty() => {
                vec![Interval::new(TimeOfDay::MIDNIGHT, TimeOfDay::MIDNIGHT)]
            }
            _ => continue,
        };
        for interval in intervals {
            let closes = if interval.closes == TimeOfDay::END_OF_DAY {
                "23:59".to_string()
            } else {
                interval.closes.to_string()
            };
            out.push(json!({
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": day_uris,
                "opens": interval.opens.to_string(),
                "closes": closes,
                "validFrom": from.to_string(),
                "validThrough": through.to_string(),
            }));
        }
    }
    out
}

/// Special hours, holidays and occasional rules (every-year dates, first Saturdays …) of the
/// twelve months from `today`, each occurrence on its own dates: what
/// `specialOpeningHoursSpecification` and the calendar list.
pub fn special_days(hours: &OpeningHours, tz: Tz, today: NaiveDate) -> Vec<Exception> {
    let until = today + Duration::days(366);
    ResolvedHours::new_in(hours, tz, today, until).exceptions(today, 366)
}

/// A rule as an iCalendar recurrence: the `RRULE` value and the first date on or after the
/// given day, with the rule's hours (empty: closed).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recurrence {
    pub rrule: String,
    pub first: NaiveDate,
    pub intervals: Vec<Interval>,
    pub comment: String,
}

const ICAL_DAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/// The recurrence of a rule where iCalendar can say it: fixed dates every year
/// (`FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24,31`) and n-th weekdays every month
/// (`FREQ=MONTHLY;BYDAY=1SA`). Anything else (Easter, seasons with weekdays, school
/// holidays, sun times, open ends) is `None`: publish its dates one by one instead
/// ([`special_days`]).
pub fn recurrence(rule: &Rule, from: NaiveDate) -> Option<Recurrence> {
    let w = &rule.when;
    if !w.years.is_empty() || !w.weeks.is_empty() || !w.holidays.is_empty() {
        return None;
    }
    let intervals = match rule.state {
        RuleState::Open => fixed_intervals(&rule.times)?,
        RuleState::Closed if rule.times.is_empty() => Vec::new(),
        _ => return None,
    };
    let (rrule, matches): (String, Box<dyn Fn(NaiveDate) -> bool>) =
        match (w.dates.as_slice(), w.weekdays.as_slice()) {
            (dates, []) if !dates.is_empty() => {
                let mut month = None;
                let mut days = Vec::new();
                for range in dates {
                    let DateRange::Days { from, to: None } = range else { return None };
                    let (DayOfYear::Fixed { month: m, day }, None, 0) =
                        (from.day, from.year, from.offset)
                    else {
                        return None;
                    };
                    if month.is_some_and(|x| x != m) {
                        return None;
                    }
                    month = Some(m);
                    days.push(day);
                }
                let month = month?;
                let list: Vec<String> = days.iter().map(ToString::to_string).collect();
                let rrule = format!("FREQ=YEARLY;BYMONTH={month};BYMONTHDAY={}", list.join(","));
                (
                    rrule,
                    Box::new(move |d: NaiveDate| {
                        d.month() == u32::from(month) && days.contains(&(d.day() as u8))
                    }),
                )
            }
            ([], [WeekdayRange::Nth { weekday, nth }]) => {
                let by: Vec<String> = nth
                    .iter()
                    .map(|n| format!("{n}{}", ICAL_DAYS[weekday.num_days_from_monday() as usize]))
                    .collect();
                let (weekday, nth) = (*weekday, nth.clone());
                let rrule = format!("FREQ=MONTHLY;BYDAY={}", by.join(","));
                (
                    rrule,
                    Box::new(move |d: NaiveDate| {
                        d.weekday() == weekday && nth.iter().any(|n| nth_of_month(*n, d))
                    }),
                )
            }
            _ => return None,
        };
    let first = (0..400).map(|n| from + Duration::days(n)).find(|d| matches(*d))?;
    Some(Recurrence { rrule, first, intervals, comment: rule.comment.clone() })
}

fn nth_of_month(nth: i8, date: NaiveDate) -> bool {
    let day = date.day() as i32;
    if nth > 0 {
        (day - 1) / 7 + 1 == i32::from(nth)
    } else {
        let next = date.with_day(1).and_then(|d| d.checked_add_months(chrono::Months::new(1)));
        let days = next.and_then(|d| d.pred_opt()).map_or(31, |d| d.day() as i32);
        (days - day) / 7 + 1 == i32::from(-nth)
    }
}

/// Every rule of the hours that iCalendar can repeat, with its position in `hours.rules`.
pub fn recurrences(hours: &OpeningHours, from: NaiveDate) -> Vec<(usize, Recurrence)> {
    hours.rules.iter().enumerate().filter_map(|(i, r)| Some((i, recurrence(r, from)?))).collect()
}

#[cfg(test)]
#[path = "publish_tests.rs"]
mod tests;
