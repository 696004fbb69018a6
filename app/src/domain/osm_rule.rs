//! One parsed OSM rule (the `opening-hours-syntax` tree) turned into a typed [`Rule`], or
//! a refusal naming the part and the reason.
//!
//! Two facts the syntax tree does not keep are read from the text itself: whether a
//! comment stands alone (`Mo 10:00-12:00 "Abholung"` means *unknown* in OSM, while
//! `open "Abholung"` means open), and whether holidays and weekdays are joined by a space
//! (`PH Mo-Fr`: a holiday that is a weekday) or a comma (`PH,Mo-Fr`: either).

use super::osm::OsmError;
use super::rules::{
    DatePoint, DateRange, DayOfYear, HolidaySelector, Operator, Rule, RuleState, Selector, Span,
    SunEvent, TimePoint, WeekRange, WeekdayRange, YearRange,
};
use opening_hours_syntax::rules::day::{
    Date, DateOffset, DaySelector, HolidayKind, MonthdayRange, WeekDayOffset, WeekDayRange,
};
use opening_hours_syntax::rules::time::{Time, TimeEvent, TimeSelector};
use opening_hours_syntax::rules::{RuleKind, RuleOperator, RuleSequence};

pub(crate) fn refuse(rule: &RuleSequence, reason: &str) -> OsmError {
    OsmError { part: rule.to_string(), reason: reason.to_string() }
}

/// What the text says that the tree does not, per rule in order.
pub(crate) struct TextHints {
    /// For each comment in order: is a modifier (open/closed/off/unknown) written before it?
    pub comment_has_modifier: Vec<bool>,
    /// Per `;`/`||` part of the value: does it join holidays and weekdays with a space?
    pub holidays_and_weekdays: Vec<bool>,
    pub problem: Option<&'static str>,
}

const WEEKDAYS: [&str; 7] = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];

pub(crate) fn scan(text: &str) -> TextHints {
    let mut hints = TextHints {
        comment_has_modifier: Vec::new(),
        holidays_and_weekdays: Vec::new(),
        problem: None,
    };
    let mut outside = String::new();
    let mut rest = text;
    while let Some(start) = rest.find('"') {
        let before = &rest[..start];
        outside.push_str(before);
        outside.push_str(" \u{1} ");
        let word = before.trim_end().rsplit([' ', ';', ',']).next().unwrap_or("");
        let word = word.to_ascii_lowercase();
        hints
            .comment_has_modifier
            .push(matches!(word.as_str(), "open" | "closed" | "off" | "unknown"));
        let after = &rest[start + 1..];
        let Some(end) = after.find('"') else { break };
        if after[end + 1..].trim_start().starts_with(':') {
            hints.problem = Some("a comment before the days (\"…\": …) is not supported");
        }
        rest = &after[end + 1..];
    }
    outside.push_str(rest);
    let is_holiday = |t: &str| t.split(',').any(|p| p == "PH" || p == "SH");
    let is_weekday = |t: &str| WEEKDAYS.iter().any(|w| t.starts_with(w)) && !t.contains(':');
    for part in outside.replace("||", ";").split(';') {
        let tokens: Vec<&str> = part.split(' ').filter(|t| !t.is_empty()).collect();
        let joined = tokens.windows(2).any(|pair| {
            let (a, b) = (pair[0], pair[1]);
            (is_holiday(a) && !a.ends_with(',') && is_weekday(b))
                || (is_weekday(a) && !a.ends_with(',') && is_holiday(b) && !b.starts_with(','))
        });
        hints.holidays_and_weekdays.push(joined);
    }
    // `Dec 24+` (from a date on) reads like `Dec 24-Dec 31` in the parser's tree.
    let bytes = outside.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if *b != b'+' {
            continue;
        }
        let digits = bytes[..i].iter().rev().take_while(|c| c.is_ascii_digit()).count();
        let time = i >= 3 && bytes[i - 3] == b':';
        if (1..=2).contains(&digits) && !time {
            hints.problem = Some("open date ranges (Dec 24+) are not supported");
        }
    }
    if outside.contains("24:00+") {
        hints.problem = Some("an open end from 24:00 is not supported");
    }
    hints
}

/// Converts one rule; `comment_unknown` says its comment stands without a modifier.
pub(crate) fn convert(
    rule: &RuleSequence,
    comment_unknown: bool,
    holidays_and_weekdays: bool,
) -> Result<Rule, OsmError> {
    let mut state = match rule.kind {
        RuleKind::Open => RuleState::Open,
        RuleKind::Closed => RuleState::Closed,
        RuleKind::Unknown => RuleState::Unknown,
    };
    if comment_unknown {
        state = RuleState::Unknown;
    }
    let operator = match rule.operator {
        RuleOperator::Normal => Operator::Normal,
        RuleOperator::Additional => Operator::Additional,
        RuleOperator::Fallback => Operator::Fallback,
    };
    let when = selector(rule, &rule.day_selector, holidays_and_weekdays)?;
    if operator == Operator::Additional && when.is_empty() {
        return Err(refuse(rule, "a rule after “,” needs its own days"));
    }
    let times = times(rule, &rule.time_selector)?;
    Ok(Rule { when, times, state, operator, comment: rule.comment.to_string() })
}

fn times(rule: &RuleSequence, selector: &TimeSelector) -> Result<Vec<Span>, OsmError> {
    let whole_day = selector.spans.len() == 1
        && matches!((selector.spans[0].range.start, selector.spans[0].range.end, selector.spans[0].open_end),
            (Time::Fixed(s), Time::Fixed(e), false) if s.hour() == 0 && s.minute() == 0 && e.hour() == 24 && e.minute() == 0);
    if whole_day {
        return Ok(Vec::new());
    }
    let count = selector.spans.len();
    let mut out = Vec::with_capacity(count);
    for (index, span) in selector.spans.iter().enumerate() {
        if span.repeats.is_some() {
            return Err(refuse(rule, "repeating times (/) are not supported"));
        }
        let from = point(span.range.start);
        let end = point(span.range.end);
        if span.open_end {
            if end != TimePoint::Fixed(1440) {
                return Err(refuse(
                    rule,
                    "an open end after a closing time (10:00-14:00+) is not supported; write 10:00+",
                ));
            }
            if index + 1 != count {
                return Err(refuse(rule, "an open end must be the last time of its rule"));
            }
            out.push(Span { from, to: None });
            continue;
        }
        let span = Span { from, to: Some(end) };
        if let (TimePoint::Fixed(f), TimePoint::Fixed(t)) = (from, end) {
            if f >= 1440 {
                return Err(refuse(rule, "an interval must start before 24:00"));
            }
            if t > 2880 {
                return Err(refuse(rule, "an interval may end at 48:00 at the latest"));
            }
        } else if super::eval::static_end(&span) > 1440 {
            return Err(refuse(rule, "times relative to the sun must not run past midnight"));
        }
        out.push(span);
    }
    Ok(out)
}

fn point(time: Time) -> TimePoint {
    match time {
        Time::Fixed(t) => TimePoint::Fixed(u16::from(t.hour()) * 60 + u16::from(t.minute())),
        Time::Variable(v) => TimePoint::Sun {
            event: match v.event {
                TimeEvent::Dawn => SunEvent::Dawn,
                TimeEvent::Sunrise => SunEvent::Sunrise,
                TimeEvent::Sunset => SunEvent::Sunset,
                TimeEvent::Dusk => SunEvent::Dusk,
            },
            offset: v.offset,
        },
    }
}

fn selector(
    rule: &RuleSequence,
    days: &DaySelector,
    holidays_and_weekdays: bool,
) -> Result<Selector, OsmError> {
    let mut sel = Selector::default();
    for year in &days.year {
        let (range, step) = year.into_parts();
        let to = (**range.end() != 9999).then_some(**range.end());
        sel.years.push(YearRange { from: **range.start(), to, step });
    }
    for week in &days.week {
        let (range, step) = week.into_parts();
        sel.weeks.push(WeekRange { from: **range.start(), to: **range.end(), step: step.into() });
    }
    for monthday in &days.monthday {
        sel.dates.push(date_range(rule, monthday)?);
    }
    for range in &days.weekday {
        match range {
            WeekDayRange::Fixed { range, offset, nth_from_start, nth_from_end } => {
                if *offset != 0 {
                    return Err(refuse(rule, "n-th weekdays with a day offset are not supported"));
                }
                let all = !nth_from_start.contains(&false) && !nth_from_end.contains(&false);
                if all {
                    sel.weekdays
                        .push(WeekdayRange::Days { from: *range.start(), to: *range.end() });
                    continue;
                }
                if range.start() != range.end() {
                    return Err(refuse(
                        rule,
                        "n-th weekdays must name one weekday (Sa[1], not Mo-Fr[1])",
                    ));
                }
                let mut nth: Vec<i8> = Vec::new();
                for (i, on) in nth_from_start.iter().enumerate() {
                    if *on {
                        nth.push(i as i8 + 1);
                    }
                }
                for (i, on) in nth_from_end.iter().enumerate() {
                    if *on {
                        nth.push(-(i as i8) - 1);
                    }
                }
                sel.weekdays.push(WeekdayRange::Nth { weekday: *range.start(), nth });
            }
            WeekDayRange::Holiday { kind: HolidayKind::Public, offset } => {
                sel.holidays.push(HolidaySelector::Public { offset: *offset })
            }
            WeekDayRange::Holiday { kind: HolidayKind::School, offset: 0 } => {
                sel.holidays.push(HolidaySelector::School)
            }
            WeekDayRange::Holiday { .. } => {
                return Err(refuse(rule, "days before or after school holidays are not supported"));
            }
        }
    }
    sel.holidays_and_weekdays =
        holidays_and_weekdays && !sel.holidays.is_empty() && !sel.weekdays.is_empty();
    // `AugSa[1]` (one date: the first Saturday of August) and `Aug Sa[1]` (August, first
    // Saturdays) select the same day; keep the second form, which the export writes.
    if let [DateRange::Days { from, to: None }] = sel.dates.as_slice()
        && let DatePoint { year, day: DayOfYear::NthWeekday { month, weekday, nth }, offset: 0 } =
            *from
        && sel.weekdays.is_empty()
        && sel.holidays.is_empty()
    {
        sel.dates = vec![DateRange::Months { from: month, to: month, year }];
        sel.weekdays = vec![WeekdayRange::Nth { weekday, nth: vec![nth] }];
    }
    // `2026Dec` and `2026 Dec` mean the same, as do `2026  easter` and `2026 easter`; keep
    // one form (the export writes `2026 Dec`, `2026 easter`).
    if let ([YearRange { from, to: Some(to), step: 1 }], [date]) =
        (sel.years.as_slice(), sel.dates.as_mut_slice())
        && from == to
    {
        let year = match date {
            DateRange::Months { year: year @ None, .. } => Some(year),
            DateRange::Days { from: DatePoint { year: year @ None, .. }, to: None } => Some(year),
            _ => None,
        };
        if let Some(year) = year {
            *year = Some(*from);
            sel.years.clear();
        }
    }
    // `2027 2026Dec` (found by the property test as `24242026Dec`) never applies: refuse a
    // year in the dates that the years before them leave out.
    let in_years = |year: i32| {
        sel.years.iter().any(|r| {
            year >= r.from
                && r.to.is_none_or(|to| year <= to)
                && (year - r.from) % i32::from(r.step.max(1)) == 0
        })
    };
    let years_of = |range: &DateRange| match range {
        DateRange::Months { year, .. } => vec![*year],
        DateRange::Days { from, to } => vec![from.year, to.and_then(|t| t.year)],
    };
    if !sel.years.is_empty()
        && sel.dates.iter().flat_map(years_of).flatten().any(|year| !in_years(year))
    {
        return Err(refuse(rule, "a date names a year the years before it leave out"));
    }
    // `2026-2028 2027Dec`: a month with its year after years has no spelling that reads back.
    if !sel.years.is_empty()
        && sel.dates.iter().any(|r| matches!(r, DateRange::Months { year: Some(_), .. }))
    {
        return Err(refuse(rule, "name the year either before the months or with them, not both"));
    }
    // `2026Apr-Sep,Dec 24` (April to September 2026, and every 24 December) has no spelling
    // that reads back the same: `2026 Apr-Sep,Dec 24` is 2026's April to September and 24
    // December (found by the property test).
    if let [DateRange::Months { year: Some(_), .. }, _, ..] = sel.dates.as_slice()
        && sel.years.is_empty()
        && sel.dates[1..].iter().flat_map(years_of).any(|year| year.is_none())
    {
        return Err(refuse(
            rule,
            "write the year before each date (2026 Apr-Sep,2026 Dec 24) or before none",
        ));
    }
    Ok(sel)
}

fn date_range(rule: &RuleSequence, range: &MonthdayRange) -> Result<DateRange, OsmError> {
    match range {
        MonthdayRange::Month { range, year } => Ok(DateRange::Months {
            from: *range.start() as u8,
            to: *range.end() as u8,
            year: year.map(|y| *y),
        }),
        MonthdayRange::Date { start, end } => {
            let from = date_point(rule, start.0, &start.1)?;
            if start == end {
                return Ok(DateRange::Days { from, to: None });
            }
            if end.0.year().is_some_and(|y| *y == 9999) {
                return Err(refuse(rule, "open date ranges (Dec 24+) are not supported"));
            }
            if end.1.day_offset != 0 {
                return Err(refuse(
                    rule,
                    "a day offset at the end of a date range is not supported",
                ));
            }
            let mut to = date_point(rule, end.0, &end.1)?;
            // `2026 May 15-Sep 15`: the end is in the start's year (or the next one when the
            // range wraps); written out, because opening_hours.js refuses the short form.
            if let (
                Some(year),
                None,
                DayOfYear::Fixed { month: m1, day: d1 },
                DayOfYear::Fixed { month: m2, day: d2 },
            ) = (from.year, to.year, from.day, to.day)
            {
                to.year = Some(if (m2, d2) < (m1, d1) { year + 1 } else { year });
            }
            Ok(DateRange::Days { from, to: Some(to) })
        }
    }
}

fn date_point(rule: &RuleSequence, date: Date, offset: &DateOffset) -> Result<DatePoint, OsmError> {
    if offset.wday_offset != WeekDayOffset::None {
        return Err(refuse(rule, "moving a date to a weekday (+Su) is not supported"));
    }
    let (year, day) = match date {
        Date::Fixed { year, month, day } => {
            if chrono::NaiveDate::from_ymd_opt(
                year.map_or(2024, |y| *y),
                month as u32,
                u32::from(day),
            )
            .is_none()
            {
                return Err(refuse(rule, "not a calendar date"));
            }
            (year, DayOfYear::Fixed { month: month as u8, day })
        }
        Date::Weekday { year, month, wday, nth } => {
            (year, DayOfYear::NthWeekday { month: month as u8, weekday: wday, nth })
        }
        Date::Easter { year } => (year, DayOfYear::Easter),
    };
    if offset.day_offset != 0 && day != DayOfYear::Easter {
        return Err(refuse(rule, "day offsets are only supported after easter (easter -2 days)"));
    }
    Ok(DatePoint { year: year.map(|y| *y), day, offset: offset.day_offset })
}
