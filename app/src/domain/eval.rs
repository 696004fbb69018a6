//! The day-by-day evaluator behind [`super::schedule::ResolvedHours`]: which state holds at
//! each minute of a local day, with OSM `opening_hours` semantics as opening_hours.js
//! implements them (the reference of the differential test in `tests/oh/`).
//!
//! The hours are one ordered list of rules: the weekly hours (one additive rule per
//! weekday, so a night past midnight is never cut by the next weekday), then the typed
//! [`Rule`]s, then the public-holiday rule, then the dated special hours. For a date:
//! 1. every rule whose days match is collected in order; a *normal* rule that says open or
//!    unknown and names days (or follows a rule without days) drops the rules collected
//!    before it: it replaces the day. Closing rules, `,` and `||` rules do not.
//! 2. a rule whose span runs past midnight also applies on the next day (from 00:00),
//!    placed right after the rule that caused it, so a later rule can drop it too.
//! 3. the collected rules paint the day in order: a rule without times paints the whole
//!    day, spans paint their minutes; `||` rules paint only what is still closed; an open
//!    end (`19:00+`) paints *unknown* until a guessed closing time (opening_hours.js:
//!    +8 h from 22:00, +10 h from 17:00, else midnight).

use super::holidays::Holiday;
use super::hours::{Interval, TimeOfDay};
use super::rules::{Operator, Rule, RuleState, Span, TimePoint};
use super::schedule::{HolidayRule, OpeningHours, SpecialHours};
use super::school_holidays::SchoolHoliday;
pub(crate) use super::select::{resolve_point, selector_matches};
use super::sun::SunTimes;
use chrono::{Datelike, NaiveDate};
use std::sync::Arc;

const DAY: u16 = 1440;

/// A stretch of one local day with one state; minutes from that day's midnight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Piece {
    pub from: u16,
    pub to: u16,
    pub state: RuleState,
    /// Unknown because the closing time is not known (`19:00+`).
    pub open_end: bool,
}

/// Why a day's hours are what they are: the last rule that named it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source<'a> {
    Weekly,
    Rule(&'a Rule),
    Holiday,
    Special(&'a SpecialHours),
}

/// Holidays, school holidays and sun times the rules need, looked up once per evaluation.
pub struct Facts {
    pub(crate) holidays: Vec<(i32, Arc<[Holiday]>)>,
    pub(crate) school: Vec<(i32, Option<Arc<[SchoolHoliday]>>)>,
    pub(crate) sun: Option<SunTimes>,
}

impl Facts {
    pub fn public_holiday(&self, date: NaiveDate) -> Option<&Holiday> {
        let (_, list) = self.holidays.iter().find(|(y, _)| *y == date.year())?;
        list.binary_search_by_key(&date, |h| h.date).ok().map(|i| &list[i])
    }

    /// `None`: the data does not cover this date's year (a period that began in the year
    /// before still counts: the Christmas holidays are known before the next year is).
    pub fn school_holiday(&self, date: NaiveDate) -> Option<Option<&SchoolHoliday>> {
        let year = |y: i32| self.school.iter().find(|(x, _)| *x == y).and_then(|(_, l)| l.as_ref());
        if let Some(list) = year(date.year()) {
            return Some(list.iter().find(|h| h.from <= date && date <= h.to));
        }
        let carried = year(date.year() - 1)?.iter().find(|h| h.from <= date && date <= h.to)?;
        Some(Some(carried))
    }
}

/// A rule in evaluation order, whichever part of the hours it comes from.
#[derive(Clone, Copy)]
enum Item<'a> {
    Weekday(usize, &'a [Interval]),
    Rule(&'a Rule),
    Holiday(&'a HolidayRule),
    Special(&'a SpecialHours),
}

impl<'a> Item<'a> {
    fn source(self) -> Source<'a> {
        match self {
            Item::Weekday(..) => Source::Weekly,
            Item::Rule(r) => Source::Rule(r),
            Item::Holiday(_) => Source::Holiday,
            Item::Special(s) => Source::Special(s),
        }
    }

    fn operator(self) -> Operator {
        match self {
            Item::Weekday(..) => Operator::Additional,
            Item::Rule(r) => r.operator,
            Item::Holiday(_) | Item::Special(_) => Operator::Normal,
        }
    }

    fn state(self) -> RuleState {
        match self {
            Item::Weekday(..) => RuleState::Open,
            Item::Rule(r) => r.state,
            Item::Holiday(HolidayRule::Hours(_)) => RuleState::Open,
            Item::Holiday(_) => RuleState::Closed,
            Item::Special(s) if s.is_closure() => RuleState::Closed,
            Item::Special(_) => RuleState::Open,
        }
    }

    fn has_days(self) -> bool {
        match self {
            Item::Rule(r) => !r.when.is_empty(),
            _ => true,
        }
    }

    fn matches(self, date: NaiveDate, facts: &Facts) -> bool {
        match self {
            Item::Weekday(day, _) => date.weekday().num_days_from_monday() as usize == day,
            Item::Rule(r) => selector_matches(&r.when, date, facts),
            Item::Holiday(_) => facts.public_holiday(date).is_some(),
            Item::Special(s) => s.covers(date),
        }
    }

    /// Calls `f(from, to, open_end)` for each span on `date` (minutes from its midnight,
    /// `to` past 1440 for spans running into the next day); `None` times: the whole day.
    fn spans(self, date: NaiveDate, facts: &Facts, f: &mut impl FnMut(u16, u16, bool)) -> bool {
        let intervals = match self {
            Item::Weekday(_, list) => list,
            Item::Holiday(HolidayRule::Hours(list)) => list.as_slice(),
            Item::Special(s) => s.intervals.as_slice(),
            Item::Holiday(_) => &[],
            Item::Rule(r) => {
                for span in &r.times {
                    if let Some((from, to, open_end)) = resolve_span(span, date, facts) {
                        f(from, to, open_end);
                    }
                }
                return !r.times.is_empty();
            }
        };
        for interval in intervals {
            let (from, to) = interval_span(interval);
            f(from, to, false);
        }
        !intervals.is_empty()
    }

    /// Whether some span runs past midnight (decided without a date, as opening_hours.js
    /// does when it builds the rule for the next day).
    fn wraps(self) -> bool {
        match self {
            Item::Rule(r) => r.times.iter().any(|s| static_end(s) > DAY),
            Item::Weekday(_, list) => list.iter().any(Interval::crosses_midnight),
            Item::Holiday(HolidayRule::Hours(list)) => list.iter().any(Interval::crosses_midnight),
            Item::Special(s) => s.intervals.iter().any(Interval::crosses_midnight),
            Item::Holiday(_) => false,
        }
    }
}

fn interval_span(interval: &Interval) -> (u16, u16) {
    let (o, c) = (interval.opens.minutes(), interval.closes.minutes());
    if c <= o { (o, c + DAY) } else { (o, c) }
}

/// The guessed end of an open end, as opening_hours.js guesses it.
pub fn open_end_until(from: u16) -> u16 {
    if from >= 22 * 60 {
        from + 8 * 60
    } else if from >= 17 * 60 {
        from + 10 * 60
    } else {
        DAY
    }
}

fn default_minutes(point: TimePoint) -> i32 {
    match point {
        TimePoint::Fixed(m) => i32::from(m),
        TimePoint::Sun { event, offset } => i32::from(event.default_minutes()) + i32::from(offset),
    }
}

/// The end of a span with default sun times; above 1440 the span runs into the next day.
pub(crate) fn static_end(span: &Span) -> u16 {
    let from = default_minutes(span.from).clamp(0, 2 * i32::from(DAY)) as u16;
    match span.to {
        None => open_end_until(from),
        Some(to) => {
            let both_fixed = matches!((span.from, to), (TimePoint::Fixed(_), TimePoint::Fixed(_)));
            let mut end = default_minutes(to);
            if end < i32::from(from) || (both_fixed && end == i32::from(from)) {
                end += i32::from(DAY);
            }
            end.clamp(0, 2 * i32::from(DAY)) as u16
        }
    }
}

fn point_minutes(point: TimePoint, date: NaiveDate, facts: &Facts) -> i32 {
    match point {
        TimePoint::Fixed(m) => i32::from(m),
        TimePoint::Sun { event, offset } => {
            let base = facts.sun.as_ref().and_then(|s| s.minutes(event, date));
            i32::from(base.unwrap_or(event.default_minutes())) + i32::from(offset)
        }
    }
}

fn resolve_span(span: &Span, date: NaiveDate, facts: &Facts) -> Option<(u16, u16, bool)> {
    let fixed = !matches!(span.from, TimePoint::Sun { .. })
        && !matches!(span.to, Some(TimePoint::Sun { .. }));
    if fixed {
        let from = default_minutes(span.from) as u16;
        return Some((from, static_end(span), span.to.is_none()));
    }
    let from = point_minutes(span.from, date, facts);
    let Some(to_point) = span.to else {
        let from = from.clamp(0, i32::from(DAY)) as u16;
        return Some((from, open_end_until(from), true));
    };
    let mut to = point_minutes(to_point, date, facts);
    let both_sun =
        matches!(span.from, TimePoint::Sun { .. }) && matches!(to_point, TimePoint::Sun { .. });
    if both_sun && to <= from {
        to += i32::from(DAY);
    }
    if to <= from {
        return None;
    }
    let clamp = |m: i32| m.clamp(0, i32::from(DAY)) as u16;
    Some((clamp(from), clamp(to), false))
}

/// The pieces of `date` from midnight to midnight, and the rule that named the day.
pub fn day_pieces<'a>(
    hours: &'a OpeningHours,
    date: NaiveDate,
    facts: &Facts,
    out: &mut Vec<Piece>,
) -> Source<'a> {
    let previous = date.pred_opt().unwrap_or(date);
    // (item, wrapped from the previous day)
    let mut matching: Vec<(Item<'a>, bool)> = Vec::with_capacity(8);
    let mut previous_has_days = true;
    let mut first = true;
    let mut visit = |item: Item<'a>| {
        if item.matches(date, facts) {
            let op = item.operator();
            let state = item.state();
            let resets = op == Operator::Normal
                && state != RuleState::Closed
                && (item.has_days() || (!first && state == RuleState::Open && !previous_has_days));
            if resets {
                matching.clear();
            }
            matching.push((item, false));
        }
        previous_has_days = item.has_days();
        first = false;
        if item.wraps() {
            if item.matches(previous, facts) {
                matching.push((item, true));
            }
            previous_has_days = item.has_days();
        }
    };
    for (index, list) in hours.weekly.days.iter().enumerate() {
        if !list.is_empty() {
            visit(Item::Weekday(index, list));
        }
    }
    for rule in &hours.rules {
        visit(Item::Rule(rule));
    }
    if hours.holiday_rule != HolidayRule::AsUsual {
        visit(Item::Holiday(&hours.holiday_rule));
    }
    for special in &hours.special {
        visit(Item::Special(special));
    }
    out.clear();
    out.push(Piece { from: 0, to: DAY, state: RuleState::Closed, open_end: false });
    let mut source = Source::Weekly;
    for (item, wrapped) in matching {
        let state = item.state();
        let fallback = item.operator() == Operator::Fallback;
        if wrapped {
            let day = if date == previous { date } else { previous };
            item.spans(day, facts, &mut |from, to, open_end| {
                if to > DAY && from < DAY {
                    paint(out, 0, to - DAY, state, open_end, fallback);
                }
            });
            continue;
        }
        source = item.source();
        let has_times = item.spans(date, facts, &mut |from, to, open_end| {
            if from < DAY {
                paint(out, from, to.min(DAY), state, open_end, fallback);
            }
        });
        if !has_times {
            paint(out, 0, DAY, state, false, fallback);
        }
    }
    source
}

/// Paints `state` over `from..to`; with `only_closed` (a `||` rule) only where it is closed.
fn paint(
    out: &mut Vec<Piece>,
    from: u16,
    to: u16,
    state: RuleState,
    open_end: bool,
    only_closed: bool,
) {
    if from >= to {
        return;
    }
    let (state, open_end) = match (open_end, state) {
        (true, RuleState::Open | RuleState::Unknown) => (RuleState::Unknown, true),
        (_, state) => (state, false),
    };
    let mut next: Vec<Piece> = Vec::with_capacity(out.len() + 2);
    for piece in out.iter() {
        let (a, b) = (piece.from.max(from), piece.to.min(to));
        if a >= b || (only_closed && piece.state != RuleState::Closed) {
            next.push(*piece);
            continue;
        }
        if piece.from < a {
            next.push(Piece { to: a, ..*piece });
        }
        next.push(Piece { from: a, to: b, state, open_end });
        if b < piece.to {
            next.push(Piece { from: b, ..*piece });
        }
    }
    next.dedup_by(|b, a| {
        let same = a.state == b.state && a.open_end == b.open_end && a.to == b.from;
        if same {
            a.to = b.to;
        }
        same
    });
    *out = next;
}

/// Legacy view of a day: its open pieces as intervals.
pub fn open_intervals(pieces: &[Piece]) -> Vec<Interval> {
    pieces
        .iter()
        .filter(|p| p.state == RuleState::Open)
        .filter_map(|p| {
            let opens = TimeOfDay::from_hm(p.from / 60, p.from % 60)?;
            let closes = TimeOfDay::from_hm(p.to / 60, p.to % 60)?;
            Some(Interval::new(opens, closes))
        })
        .collect()
}

#[cfg(test)]
#[path = "eval_tests.rs"]
mod tests;
