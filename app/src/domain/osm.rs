//! OpenStreetMap `opening_hours`: import into Nahbar's hours, export as a canonical string.
//!
//! Parsing is done by the `opening-hours-syntax` crate (the parser behind the maintained
//! `opening-hours` evaluator); `osm_rule.rs` turns each parsed rule into a typed
//! [`Rule`]. The rules are then laid onto Nahbar's hours in their order: a leading run of
//! plain weekday rules becomes the weekly hours (what the owner edits day by day), a
//! trailing run of dated rules with a year becomes special hours (with their comment as
//! the public note), a `PH` rule just before them becomes the holiday rule, and everything
//! else (seasons, every-year dates, n-th weekdays, Easter offsets, week numbers, year
//! ranges, school holidays, open ends, sun times, comments, `||`, unknown ...) stays a
//! typed rule in between. Evaluating the parts in that order means exactly what the value
//! means in OSM. Whatever Nahbar cannot represent is refused with the part and the reason,
//! never dropped.
//!
//! Why not evaluate with the `opening-hours` crate itself: see `tests/oh/README.md`
//! (agreement, speed and WASM size were measured; its school-holiday data has no German or
//! Austrian states, and its public holidays are per country, not per state).

use super::hours::WeeklyHours;
use super::osm_rule::{convert, refuse, scan};
use super::rules::Rule;
use super::schedule::{HolidayRule, OpeningHours, SpecialHours};
use layout::lay_out;
use opening_hours_syntax::rules::RuleOperator;
use serde::{Deserialize, Serialize};
use std::fmt;

pub use super::osm_export::{export, rule_text, selector_text};

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
/// value has no `PH` rule of its own (the location keeps its own rule).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Imported {
    pub weekly: WeeklyHours,
    pub holiday_rule: Option<HolidayRule>,
    pub special: Vec<SpecialHours>,
    /// Rules between the weekly hours and the holiday rule.
    pub rules: Vec<Rule>,
}

pub fn import(text: &str) -> Result<Imported, OsmError> {
    let normalized = normalize(text.trim());
    let text = normalized.as_str();
    let expression = opening_hours_syntax::parse(text).map_err(|e| OsmError {
        part: String::new(),
        reason: format!("not valid opening_hours syntax: {e}"),
    })?;
    let hints = scan(text);
    if let Some(problem) = hints.problem {
        return Err(OsmError { part: text.to_string(), reason: problem.to_string() });
    }
    let mut comments = hints.comment_has_modifier.iter();
    let mut part = 0;
    let mut rules = Vec::with_capacity(expression.rules.len());
    for (index, rule) in expression.rules.iter().enumerate() {
        if index > 0 && rule.operator != RuleOperator::Additional {
            part += 1;
        }
        let joined = hints.holidays_and_weekdays.get(part).copied().unwrap_or(false);
        if joined && rule.operator == RuleOperator::Additional {
            return Err(refuse(
                rule,
                "write holidays and weekdays with a comma (PH,Mo-Fr) in a rule after “,”",
            ));
        }
        let comment_unknown = !rule.comment.is_empty() && !comments.next().copied().unwrap_or(true);
        rules.push(convert(rule, comment_unknown, joined)?);
    }
    Ok(lay_out(rules))
}

const MONTH_NAMES: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// Two spellings mappers use that opening_hours.js reads and the parser does not: day lists
/// after a month (`Dec 24,31` = `Dec 24,Dec 31`) and a rule after a time with a comma but
/// no space (`09:00-18:00,Sa 09:00-14:00`). Comments are left as they are.
fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut month: Option<&str> = None;
    let mut in_comment = false;
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '"' {
            in_comment = !in_comment;
        }
        if in_comment || c == '"' {
            out.push(c);
            i += 1;
            continue;
        }
        if let Some(name) = MONTH_NAMES.iter().find(|m| {
            chars[i..].iter().take(3).collect::<String>() == **m
                && chars.get(i + 3).is_none_or(|n| !n.is_ascii_alphabetic())
                && (i == 0 || !chars[i - 1].is_ascii_alphabetic())
        }) {
            month = Some(name);
            out.push_str(name);
            i += 3;
            continue;
        } else if c.is_ascii_alphabetic() {
            month = None;
        }
        if c == ',' {
            let digits = chars[i + 1..].iter().take_while(|d| d.is_ascii_digit()).count();
            let after = chars.get(i + 1 + digits).copied();
            let previous = out.chars().last();
            if let (Some(name), 1..=2) = (month, digits)
                && previous.is_some_and(|p| p.is_ascii_digit())
                && after != Some(':')
            {
                out.push(',');
                out.push_str(name);
                out.push(' ');
                i += 1;
                continue;
            }
            let time_before = out.len() >= 5 && {
                let tail: Vec<char> = out.chars().rev().take(3).collect();
                tail.len() == 3
                    && tail[0].is_ascii_digit()
                    && tail[1].is_ascii_digit()
                    && tail[2] == ':'
            };
            if (time_before || previous == Some('+'))
                && chars.get(i + 1).is_some_and(|n| n.is_ascii_uppercase())
            {
                out.push_str(", ");
                i += 1;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
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
        rules: imported.rules,
        coordinates: None,
    })
}

#[path = "osm_layout.rs"]
mod layout;

#[cfg(test)]
#[path = "osm_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "osm_fuzz_tests.rs"]
mod fuzz_tests;
