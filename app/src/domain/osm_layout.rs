//! Laying imported rules onto Nahbar's hours (see `osm.rs`): a leading run of plain
//! weekday rules becomes the weekly hours, a trailing run of dated rules with a year special
//! hours, a `PH` rule just before them the holiday rule, the rest typed rules in between;
//! forms that mean the same are read one way, the way the export writes them.

use super::Imported;
use crate::domain::hours::{Interval, TimeOfDay, WeeklyHours};
use crate::domain::rules::{
    DateRange, DayOfYear, HolidaySelector, Operator, Rule, RuleState, Span, TimePoint, WeekdayRange,
};
use crate::domain::schedule::{HolidayRule, SpecialHours};
use chrono::{Datelike, NaiveDate};

/// Splits the rules into weekly hours, typed rules, holiday rule and special hours (see
/// the module docs).
pub(super) fn lay_out(mut rules: Vec<Rule>) -> Imported {
    // A leading `off` for every day changes nothing (a day is closed until a rule opens
    // it): `off, 2026 Dec 24` is `2026 Dec 24` (found by the property test; keeps import →
    // export → import exact). Not before `||`, which `off` would never let apply.
    if let [first, next, ..] = rules.as_slice()
        && closes_every_day(first)
        && next.operator != Operator::Fallback
    {
        rules.remove(0);
        rules[0].operator = Operator::Normal;
        return lay_out(rules);
    }
    // `off || Dec`: a fallback after `off` for every day never applies (found the same way).
    if let [first, next, ..] = rules.as_slice()
        && closes_every_day(first)
        && next.operator == Operator::Fallback
        && rules.get(2).is_none_or(|after| after.operator != Operator::Additional)
    {
        rules.remove(1);
        return lay_out(rules);
    }
    let n = rules.len();
    let mut special_from = n;
    while special_from > 0 && special(&rules[special_from - 1]).is_some() {
        special_from -= 1;
    }
    let weekly_end = |limit: usize, rules: &[Rule]| {
        (0..limit).take_while(|i| weekly_days(rules, *i).is_some()).count()
    };
    // The holiday rule: `PH …` alone, or `Su,PH …` when nothing but weekly rules precede.
    let mut holiday = None;
    let mut middle_end = special_from;
    if special_from > 0 {
        let candidate = special_from - 1;
        if let Some((weekdays, rule)) = holiday_part(&rules[candidate]) {
            if weekdays.iter().all(|d| !d) || weekly_end(candidate, &rules) == candidate {
                holiday = Some((weekdays, rule));
                middle_end = candidate;
            }
        }
    }
    let weekly_count = weekly_end(middle_end, &rules);
    // Weekly rules, then a `;` rule for every day: that rule replaces them, nights carried
    // over included (OSM), so it is read as the first rule. This keeps import → export →
    // import exact (`Mo off; 10:00-18:00` and `24/7; Mo; 10:00-18:00` are `10:00-18:00`;
    // both found by the property test).
    if weekly_count > 0
        && weekly_count < middle_end
        && rules[weekly_count].operator == Operator::Normal
        && rules[weekly_count].when.is_empty()
    {
        return lay_out(rules.split_off(weekly_count));
    }
    let mut imported = Imported::default();
    for index in 0..weekly_count {
        if let Some((days, hours, additional)) = weekly_days(&rules, index) {
            apply_days(&mut imported.weekly, &days, &hours, additional);
        }
    }
    if let Some((weekdays, rule)) = holiday {
        let hours = match &rule {
            HolidayRule::Hours(list) => list.clone(),
            _ => Vec::new(),
        };
        apply_days(&mut imported.weekly, &weekdays, &hours, false);
        imported.holiday_rule = Some(rule);
    }
    for day in &mut imported.weekly.days {
        day.sort_by_key(|i| i.opens);
    }
    imported.special = rules[special_from..].iter().filter_map(special).collect();
    rules.truncate(middle_end);
    let mut middle: Vec<Rule> = rules.split_off(weekly_count);
    // Nothing before: a `,` rule means the same as a `;` rule (keeps export → import exact).
    if imported.weekly.is_always_closed()
        && let Some(first) = middle.first_mut()
        && first.operator == Operator::Additional
    {
        first.operator = Operator::Normal;
    }
    // `off, PH`: once the `,` reads as `;`, the one rule left is the holiday rule, as `PH`
    // alone would be (keeps import → export → import exact).
    if imported.holiday_rule.is_none()
        && let [only] = middle.as_slice()
        && let Some((weekdays, rule)) = holiday_part(only)
        && weekdays.iter().all(|d| !d)
    {
        imported.holiday_rule = Some(rule);
        middle.clear();
    }
    imported.rules = middle;
    imported
}

/// `off` for every day, without a comment.
fn closes_every_day(rule: &Rule) -> bool {
    rule.when.is_empty()
        && rule.times.is_empty()
        && rule.state == RuleState::Closed
        && rule.operator == Operator::Normal
        && rule.comment.is_empty()
}

/// Fixed spans as intervals (at most 24 hours each, none open-ended).
fn intervals(spans: &[Span]) -> Option<Vec<Interval>> {
    spans
        .iter()
        .map(|span| {
            let (TimePoint::Fixed(from), Some(TimePoint::Fixed(to))) = (span.from, span.to) else {
                return None;
            };
            let opens =
                TimeOfDay::from_hm(from / 60, from % 60).filter(|t| *t != TimeOfDay::END_OF_DAY)?;
            let to = if to > 1440 { (to - 1440 < from).then_some(to - 1440)? } else { to };
            // Closing at 00:00 is closing at 24:00, written the way the export writes it.
            let to = if to == 0 && from > 0 { 1440 } else { to };
            let closes = TimeOfDay::from_hm(to / 60, to % 60)?;
            (closes != opens).then_some(Interval::new(opens, closes))
        })
        .collect()
}

/// What a rule's state and times give a day: `None` when they are more than intervals.
fn day_hours(rule: &Rule) -> Option<Vec<Interval>> {
    match rule.state {
        RuleState::Open if rule.times.is_empty() => {
            Some(vec![Interval::new(TimeOfDay::MIDNIGHT, TimeOfDay::END_OF_DAY)])
        }
        RuleState::Open => intervals(&rule.times),
        RuleState::Closed if rule.times.is_empty() => Some(Vec::new()),
        _ => None,
    }
}

/// A plain weekday rule: (days, intervals, additional).
fn weekly_days(rules: &[Rule], index: usize) -> Option<([bool; 7], Vec<Interval>, bool)> {
    let rule = &rules[index];
    let w = &rule.when;
    let plain =
        w.years.is_empty() && w.dates.is_empty() && w.weeks.is_empty() && w.holidays.is_empty();
    if !plain || !rule.comment.is_empty() || rule.operator == Operator::Fallback {
        return None;
    }
    let additional = rule.operator == Operator::Additional;
    if additional && rule.state == RuleState::Closed {
        return None;
    }
    // A rule without days followed by another one replaces it in OSM; keep that exact
    // case (and anything unusual) as typed rules.
    if w.weekdays.is_empty()
        && (index > 0 || rules.get(index + 1).is_some_and(|r| r.when.is_empty()))
    {
        return None;
    }
    let days = weekday_set(&w.weekdays)?;
    Some((days, day_hours(rule)?, additional))
}

fn weekday_set(ranges: &[WeekdayRange]) -> Option<[bool; 7]> {
    if ranges.is_empty() {
        return Some([true; 7]);
    }
    let mut days = [false; 7];
    for range in ranges {
        let WeekdayRange::Days { from, to } = range else { return None };
        let (start, end) =
            (from.num_days_from_monday() as usize, to.num_days_from_monday() as usize);
        let mut day = start;
        loop {
            days[day] = true;
            if day == end {
                break;
            }
            day = (day + 1) % 7;
        }
    }
    Some(days)
}

/// `PH …` or `Su,PH …`: (the weekdays named too, the holiday rule).
fn holiday_part(rule: &Rule) -> Option<([bool; 7], HolidayRule)> {
    let w = &rule.when;
    let plain = w.years.is_empty() && w.dates.is_empty() && w.weeks.is_empty();
    let only_ph = w.holidays.as_slice() == [HolidaySelector::Public { offset: 0 }];
    if !plain || !only_ph || w.holidays_and_weekdays || !rule.comment.is_empty() {
        return None;
    }
    if rule.operator != Operator::Normal {
        return None;
    }
    let weekdays = if w.weekdays.is_empty() { [false; 7] } else { weekday_set(&w.weekdays)? };
    let hours = day_hours(rule)?;
    let holiday = if hours.is_empty() { HolidayRule::Closed } else { HolidayRule::Hours(hours) };
    Some((weekdays, holiday))
}

/// A dated rule with a year: special hours for those days.
fn special(rule: &Rule) -> Option<SpecialHours> {
    let w = &rule.when;
    let [DateRange::Days { from, to }] = w.dates.as_slice() else { return None };
    let plain =
        w.years.is_empty() && w.weeks.is_empty() && w.weekdays.is_empty() && w.holidays.is_empty();
    if !plain || rule.operator != Operator::Normal {
        return None;
    }
    let fixed = |p: &crate::domain::rules::DatePoint| match p.day {
        DayOfYear::Fixed { month, day } if p.offset == 0 => Some((month, day)),
        _ => None,
    };
    let year = from.year?;
    let (m, d) = fixed(from)?;
    let start = NaiveDate::from_ymd_opt(year, m.into(), d.into())?;
    let end = match to {
        None => start,
        Some(to) => {
            let (m, d) = fixed(to)?;
            let mut end = NaiveDate::from_ymd_opt(to.year.unwrap_or(year), m.into(), d.into())?;
            if end < start && to.year.is_none() {
                end = NaiveDate::from_ymd_opt(year + 1, m.into(), d.into())?;
            }
            end
        }
    };
    if end < start || end.year() - start.year() > 1 {
        return None;
    }
    let intervals = day_hours(rule)?;
    Some(SpecialHours { id: 0, from: start, to: end, intervals, note: rule.comment.clone() })
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
