//! Which days a [`Selector`] selects: years, seasons and dates (also moving ones: Easter,
//! n-th weekdays), ISO weeks, weekdays and n-th weekdays of the month, public and school
//! holidays; with opening_hours.js's readings where the syntax is ambiguous.

use super::eval::Facts;
use super::rules::{DatePoint, DateRange, DayOfYear, HolidaySelector, Selector, WeekdayRange};
use chrono::{Datelike, Duration, NaiveDate, Weekday};

pub(crate) fn selector_matches(sel: &Selector, date: NaiveDate, facts: &Facts) -> bool {
    let year = date.year();
    if !sel.years.is_empty()
        && !sel.years.iter().any(|y| {
            year >= y.from
                && y.to.is_none_or(|to| year <= to)
                && (year - y.from) % i32::from(y.step.max(1)) == 0
        })
    {
        return false;
    }
    if !sel.dates.is_empty() && !sel.dates.iter().any(|d| date_range_matches(d, date)) {
        return false;
    }
    if !sel.weeks.is_empty() {
        let week = date.iso_week().week() as u8;
        let hit = sel.weeks.iter().any(|w| {
            week >= w.from && week <= w.to && (week - w.from) % (w.step.max(1) as u8) == 0
        });
        if !hit {
            return false;
        }
    }
    let weekday_hit = || sel.weekdays.iter().any(|w| weekday_matches(w, date));
    let holiday_hit = || sel.holidays.iter().any(|h| holiday_matches(*h, date, facts));
    match (sel.weekdays.is_empty(), sel.holidays.is_empty()) {
        (true, true) => true,
        (false, true) => weekday_hit(),
        (true, false) => holiday_hit(),
        (false, false) if sel.holidays_and_weekdays => weekday_hit() && holiday_hit(),
        (false, false) => weekday_hit() || holiday_hit(),
    }
}

fn holiday_matches(selector: HolidaySelector, date: NaiveDate, facts: &Facts) -> bool {
    match selector {
        HolidaySelector::Public { offset } => {
            let day = date - Duration::days(i64::from(offset));
            facts.public_holiday(day).is_some()
        }
        HolidaySelector::School => facts.school_holiday(date).flatten().is_some(),
    }
}

fn weekday_matches(range: &WeekdayRange, date: NaiveDate) -> bool {
    let day = date.weekday().num_days_from_monday();
    match range {
        WeekdayRange::Days { from, to } => {
            let (from, to) = (from.num_days_from_monday(), to.num_days_from_monday());
            if from <= to { from <= day && day <= to } else { day >= from || day <= to }
        }
        WeekdayRange::Nth { weekday, nth } => {
            date.weekday() == *weekday && nth.iter().any(|n| nth_matches(*n, date))
        }
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let next = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    NaiveDate::from_ymd_opt(next.0, next.1, 1).and_then(|d| d.pred_opt()).map_or(28, |d| d.day())
}

fn nth_matches(nth: i8, date: NaiveDate) -> bool {
    let day = date.day() as i32;
    if nth > 0 {
        (day - 1) / 7 + 1 == i32::from(nth)
    } else {
        let left = days_in_month(date.year(), date.month()) as i32 - day;
        left / 7 + 1 == i32::from(-nth)
    }
}

/// The date `point` names in `year` (a point with its own year ignores `year`).
pub(crate) fn resolve_point(point: &DatePoint, year: i32) -> Option<NaiveDate> {
    let year = point.year.unwrap_or(year);
    let date = match point.day {
        DayOfYear::Fixed { month, day } => NaiveDate::from_ymd_opt(year, month.into(), day.into()),
        DayOfYear::Easter => computus::gregorian_naive(year).ok(),
        DayOfYear::NthWeekday { month, weekday, nth } => nth_weekday(year, month, weekday, nth),
    }?;
    Some(date + Duration::days(i64::from(point.offset)))
}

fn nth_weekday(year: i32, month: u8, weekday: Weekday, nth: i8) -> Option<NaiveDate> {
    if nth > 0 {
        NaiveDate::from_weekday_of_month_opt(year, month.into(), weekday, nth as u8)
    } else {
        let last = NaiveDate::from_ymd_opt(year, month.into(), days_in_month(year, month.into()))?;
        let back = (last.weekday().num_days_from_monday() + 7 - weekday.num_days_from_monday()) % 7;
        Some(last - Duration::days(i64::from(back) + 7 * (i64::from(-nth) - 1)))
    }
}

fn date_range_matches(range: &DateRange, date: NaiveDate) -> bool {
    match *range {
        DateRange::Months { from, to, year } => {
            let month = date.month() as u8;
            match year {
                None if from <= to => from <= month && month <= to,
                None => month >= from || month <= to,
                // `2026 Nov-Feb` is the year 2026 *and* those months (opening_hours.js reads
                // a year before months as a year selector).
                Some(y) if from <= to => date.year() == y && from <= month && month <= to,
                Some(y) => date.year() == y && (month >= from || month <= to),
            }
        }
        DateRange::Days { from, to } => {
            let to = to.unwrap_or(from);
            if from.year.is_some() {
                let Some(start) = resolve_point(&from, date.year()) else { return false };
                let end_year = to.year.unwrap_or(start.year());
                let Some(mut end) = resolve_point(&to, end_year) else { return false };
                if end < start && to.year.is_none() {
                    end = resolve_point(&to, end_year + 1).unwrap_or(end);
                }
                return start <= date && date <= end;
            }
            // Every year: the range starting this year, or one from last year that wraps.
            [date.year(), date.year() - 1].into_iter().any(|y| {
                let (Some(start), Some(mut end)) = (resolve_point(&from, y), resolve_point(&to, y))
                else {
                    return false;
                };
                if end < start {
                    end = resolve_point(&to, y + 1).unwrap_or(end);
                }
                start <= date && date <= end
            })
        }
    }
}
