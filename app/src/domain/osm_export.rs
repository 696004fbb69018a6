//! The canonical OSM `opening_hours` string of Nahbar's hours: weekly hours (consecutive
//! days with the same intervals become ranges), the typed rules, `PH`, then dated special
//! hours with their note. Importing the result gives the same hours back.

use super::hours::{Interval, TimeOfDay};
use super::rules::{
    DatePoint, DateRange, DayOfYear, HolidaySelector, Operator, Rule, RuleState, Selector,
    WeekdayRange,
};
use super::schedule::{HolidayRule, OpeningHours};
use chrono::{Datelike, NaiveDate, Weekday};
use std::fmt::Write;

const OSM_DAYS: [&str; 7] = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];
const MONTHS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

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
    format!("{} {} {:02}", date.year(), MONTHS[date.month0() as usize], date.day())
}

fn day_name(day: Weekday) -> &'static str {
    OSM_DAYS[day.num_days_from_monday() as usize]
}

fn month_name(month: u8) -> &'static str {
    MONTHS[usize::from(month.clamp(1, 12) - 1)]
}

fn write_point(out: &mut String, point: &DatePoint, with_year: bool) {
    if let (Some(year), true) = (point.year, with_year) {
        let _ = write!(out, "{year} ");
    }
    match point.day {
        DayOfYear::Fixed { month, day } => {
            let _ = write!(out, "{} {day:02}", month_name(month));
        }
        DayOfYear::NthWeekday { month, weekday, nth } => {
            let _ = write!(out, "{} {}[{nth}]", month_name(month), day_name(weekday));
        }
        DayOfYear::Easter => out.push_str("easter"),
    }
    write_offset(out, point.offset);
}

fn write_offset(out: &mut String, offset: i16) {
    if offset != 0 {
        let sign = if offset < 0 { '-' } else { '+' };
        let n = offset.unsigned_abs();
        let _ = write!(out, " {sign}{n} day{}", if n == 1 { "" } else { "s" });
    }
}

/// The days part of a rule (`2026-2028 Dec 24,Dec 31 week 01-53/2 Sa[1],PH`).
pub fn selector_text(sel: &Selector) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !sel.years.is_empty() {
        let years: Vec<String> = sel
            .years
            .iter()
            .map(|y| match (y.to, y.step) {
                (None, _) => format!("{}+", y.from),
                (Some(to), _) if to == y.from => y.from.to_string(),
                (Some(to), 1) => format!("{}-{to}", y.from),
                (Some(to), step) => format!("{}-{to}/{step}", y.from),
            })
            .collect();
        parts.push(years.join(","));
    }
    if !sel.dates.is_empty() {
        let dates: Vec<String> = sel
            .dates
            .iter()
            .map(|d| {
                let mut out = String::new();
                match d {
                    DateRange::Months { from, to, year } => {
                        if let Some(year) = year {
                            let _ = write!(out, "{year} ");
                        }
                        out.push_str(month_name(*from));
                        if from != to {
                            let _ = write!(out, "-{}", month_name(*to));
                        }
                    }
                    DateRange::Days { from, to } => {
                        write_point(&mut out, from, true);
                        if let Some(to) = to {
                            out.push('-');
                            write_point(&mut out, to, to.year.is_some());
                        }
                    }
                }
                out
            })
            .collect();
        parts.push(dates.join(","));
    }
    if !sel.weeks.is_empty() {
        let weeks: Vec<String> = sel
            .weeks
            .iter()
            .map(|w| match (w.from == w.to, w.step) {
                (true, _) => format!("{:02}", w.from),
                (false, 1) => format!("{:02}-{:02}", w.from, w.to),
                (false, step) => format!("{:02}-{:02}/{step}", w.from, w.to),
            })
            .collect();
        parts.push(format!("week {}", weeks.join(",")));
    }
    let weekdays: Vec<String> = sel
        .weekdays
        .iter()
        .map(|w| match w {
            WeekdayRange::Days { from, to } if from == to => day_name(*from).to_string(),
            WeekdayRange::Days { from, to } => format!("{}-{}", day_name(*from), day_name(*to)),
            WeekdayRange::Nth { weekday, nth } => {
                let list: Vec<String> = nth.iter().map(ToString::to_string).collect();
                format!("{}[{}]", day_name(*weekday), list.join(","))
            }
        })
        .collect();
    let holidays: Vec<String> = sel
        .holidays
        .iter()
        .map(|h| match h {
            HolidaySelector::Public { offset: 0 } => "PH".to_string(),
            HolidaySelector::Public { offset } => {
                let mut out = "PH".to_string();
                write_offset(&mut out, *offset);
                out
            }
            HolidaySelector::School => "SH".to_string(),
        })
        .collect();
    match (holidays.is_empty(), weekdays.is_empty()) {
        (false, false) if sel.holidays_and_weekdays => {
            parts.push(format!("{} {}", holidays.join(","), weekdays.join(",")));
        }
        _ => {
            let all: Vec<String> = holidays.into_iter().chain(weekdays).collect();
            if !all.is_empty() {
                parts.push(all.join(","));
            }
        }
    }
    parts.join(" ")
}

/// One rule in OSM syntax (without its separator), e.g. for the owner screens.
pub fn rule_text(rule: &Rule) -> String {
    rule_text_with(rule, false)
}

fn rule_text_with(rule: &Rule, explicit_whole_day: bool) -> String {
    let mut parts: Vec<String> = Vec::new();
    let days = selector_text(&rule.when);
    if !days.is_empty() {
        parts.push(days);
        if explicit_whole_day && rule.times.is_empty() {
            parts.push("00:00-24:00".into());
        }
    }
    if !rule.times.is_empty() {
        let spans: Vec<String> = rule
            .times
            .iter()
            .map(|s| match s.to {
                Some(to) => format!("{}-{to}", s.from),
                None => format!("{}+", s.from),
            })
            .collect();
        parts.push(spans.join(","));
    }
    if parts.is_empty() && rule.state == RuleState::Open {
        parts.push("24/7".into());
    }
    match rule.state {
        // A comment alone would make the rule "unknown" in OSM.
        RuleState::Open if !rule.comment.is_empty() => parts.push("open".into()),
        RuleState::Open => {}
        RuleState::Closed => parts.push("off".into()),
        RuleState::Unknown => parts.push("unknown".into()),
    }
    if !rule.comment.is_empty() {
        parts.push(format!("\"{}\"", rule.comment.replace('"', "'")));
    }
    parts.join(" ")
}

/// The canonical `opening_hours` string for Nahbar's hours.
pub fn export(hours: &OpeningHours) -> String {
    let all_day = [Interval::new(TimeOfDay::MIDNIGHT, TimeOfDay::END_OF_DAY)];
    let mut rules: Vec<(Operator, String)> = Vec::new();
    if hours.weekly.days.iter().all(|d| d.as_slice() == all_day) {
        rules.push((Operator::Normal, "24/7".to_string()));
    } else {
        // A `;` rule naming a day would end the previous night at midnight in OSM; where a
        // night runs past midnight, the weekdays are joined with `,` instead.
        let nights = hours.weekly.days.iter().flatten().any(Interval::crosses_midnight);
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
                let op = if nights { Operator::Additional } else { Operator::Normal };
                rules.push((op, format!("{days} {}", osm_intervals(intervals))));
            }
            index = end + 1;
        }
    }
    for (index, rule) in hours.rules.iter().enumerate() {
        // `Mo-Fr, Sa 10:00-12:00` is ambiguous to opening_hours.js: before a `,` rule a
        // whole day is written out.
        let next_additional =
            hours.rules.get(index + 1).is_some_and(|r| r.operator == Operator::Additional);
        rules.push((rule.operator, rule_text_with(rule, next_additional)));
    }
    match &hours.holiday_rule {
        HolidayRule::Closed => rules.push((Operator::Normal, "PH off".into())),
        HolidayRule::AsUsual => {}
        HolidayRule::Hours(intervals) => {
            rules.push((Operator::Normal, format!("PH {}", osm_intervals(intervals))))
        }
    }
    for special in &hours.special {
        let dates = if special.from == special.to {
            osm_date(special.from)
        } else {
            format!("{}-{}", osm_date(special.from), osm_date(special.to))
        };
        let note = special.note.replace('"', "'");
        let what = match (special.is_closure(), note.is_empty()) {
            (true, _) => "off".to_string(),
            (false, true) => osm_intervals(&special.intervals),
            // A comment alone would make the hours "unknown" in OSM.
            (false, false) => format!("{} open", osm_intervals(&special.intervals)),
        };
        let comment = if note.is_empty() { String::new() } else { format!(" \"{note}\"") };
        rules.push((Operator::Normal, format!("{dates} {what}{comment}")));
    }
    if rules.is_empty() {
        return "off".to_string();
    }
    let mut out = String::new();
    for (index, (op, text)) in rules.iter().enumerate() {
        if index > 0 {
            out.push_str(match op {
                Operator::Normal => "; ",
                Operator::Additional => ", ",
                Operator::Fallback => " || ",
            });
        }
        out.push_str(text);
    }
    out
}
