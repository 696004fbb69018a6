//! Hours cells: GBP's day columns and its "Special hours" cell.

use super::*;

// ----- hours ------------------------------------------------------------------------------

/// `09:00-13:00,14:00-18:00`; a closed day is `x`.
pub fn day_to_text(intervals: &[Interval]) -> String {
    if intervals.is_empty() { "x".to_string() } else { intervals_to_text(intervals) }
}

pub(super) fn is_closed(text: &str) -> bool {
    matches!(folded(text).as_str(), "" | "x" | "closed" | "geschlossen" | "-")
}

/// `9:00AM`, `9 AM`, `12:30 pm` as `HH:MM`; anything else is left for the hours parser
/// (which accepts `9:00`, `09.00` and reports the rest).
pub(super) fn to_24h(text: &str) -> Option<String> {
    let compact: String =
        text.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
    let (clock, pm) = match (compact.strip_suffix("AM"), compact.strip_suffix("PM")) {
        (Some(clock), _) => (clock, false),
        (_, Some(clock)) => (clock, true),
        _ => return Some(compact),
    };
    let (h, m) = clock.split_once(':').unwrap_or((clock, "00"));
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    if !(1..=12).contains(&h) || m > 59 {
        return None;
    }
    let h = match (h, pm) {
        (12, false) => 0,
        (12, true) => 12,
        (h, true) => h + 12,
        (h, false) => h,
    };
    Some(format!("{h:02}:{m:02}"))
}

/// A day's cell as the hours editor's raw intervals; `None` when it is not a list of
/// `from-to` pairs.
pub(super) fn day_input(text: &str) -> Option<DayInput> {
    if is_closed(text) {
        return Some(DayInput { closed: true, intervals: Vec::new() });
    }
    let intervals = text
        .split(',')
        .map(|part| {
            let part = part.replace(['–', '—'], "-");
            let (opens, closes) = part.split_once('-')?;
            Some((to_24h(opens)?, to_24h(closes)?))
        })
        .collect::<Option<Vec<_>>>()?;
    Some(DayInput { closed: false, intervals })
}

/// One day's intervals checked as the hours editor checks them.
pub(super) fn day_intervals(text: &str) -> Option<Vec<Interval>> {
    let mut week = vec![DayInput { closed: true, intervals: Vec::new() }; 7];
    week[0] = day_input(text)?;
    WeeklyHours::parse(&week).ok().map(|hours| hours.days[0].clone())
}

/// `2026-12-24: 08:00-12:00, 2026-12-24: 14:00-16:00, 2026-12-25: x`: every day of every
/// entry (GBP has no ranges), a day with several intervals once per interval.
pub fn special_to_text(special: &[SpecialHours]) -> String {
    special_days(special)
        .into_iter()
        .flat_map(|(date, intervals)| {
            if intervals.is_empty() {
                vec![format!("{date}: x")]
            } else {
                intervals.iter().map(|i| format!("{date}: {}-{}", i.opens, i.closes)).collect()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Entries longer than this are not spelled out day by day (the editor allows a year).
const MAX_SPECIAL_DAYS: i64 = 400;

/// The hours of every day that special hours name; where entries overlap the later one
/// wins, as on the local page.
pub fn special_days(special: &[SpecialHours]) -> BTreeMap<NaiveDate, Vec<Interval>> {
    let mut days = BTreeMap::new();
    for entry in special {
        let span = (entry.to - entry.from).num_days().min(MAX_SPECIAL_DAYS);
        for n in 0..=span {
            days.insert(entry.from + Duration::days(n), entry.intervals.clone());
        }
    }
    days
}

/// Whether two lists of special hours say the same about every day.
pub fn same_special_days(a: &[SpecialHours], b: &[SpecialHours]) -> bool {
    special_days(a) == special_days(b)
}

/// The special-hours cell as entries: days with the same hours in a row become one entry.
/// Accepts GBP's `date: hours` list, `x` for closed, several intervals of a day after one
/// date or under a repeated date.
pub fn parse_special(text: &str) -> Option<Vec<SpecialHours>> {
    let mut days: BTreeMap<NaiveDate, (bool, Vec<String>)> = BTreeMap::new();
    let mut current: Option<NaiveDate> = None;
    for token in text.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        let (date, hours) = match token.split_once(':') {
            Some((head, rest)) => match NaiveDate::parse_from_str(head.trim(), "%Y-%m-%d") {
                Ok(date) => (date, rest.trim()),
                Err(_) => (current?, token),
            },
            None => (current?, token),
        };
        current = Some(date);
        let day = days.entry(date).or_default();
        if is_closed(hours) {
            day.0 = true;
        } else {
            day.1.push(hours.to_string());
        }
    }
    let mut entries: Vec<SpecialHours> = Vec::new();
    for (date, (closed, parts)) in days {
        if closed && !parts.is_empty() {
            return None;
        }
        let intervals = if closed { Vec::new() } else { day_intervals(&parts.join(","))? };
        match entries.last_mut() {
            Some(last) if last.intervals == intervals && last.to.succ_opt() == Some(date) => {
                last.to = date;
            }
            _ => entries.push(SpecialHours {
                id: 0,
                from: date,
                to: date,
                intervals,
                note: String::new(),
            }),
        }
    }
    Some(entries)
}

/// New special hours keep the notes of the entries they were exported from: an entry
/// inside an old one with the same hours gets its note ("Betriebsferien").
pub fn with_notes_from(new: Vec<SpecialHours>, old: &[SpecialHours]) -> Vec<SpecialHours> {
    new.into_iter()
        .map(|mut entry| {
            if let Some(source) = old.iter().rev().find(|o| {
                o.intervals == entry.intervals && o.from <= entry.from && entry.to <= o.to
            }) {
                entry.note.clone_from(&source.note);
            }
            entry
        })
        .collect()
}

#[cfg(test)]
#[path = "hours_tests.rs"]
mod tests;
