//! Public holidays by region (every German state, Austrian state and Swiss canton).
//!
//! The rules come from the npm `date-holidays` data set, extracted by
//! `tests/holidays/generate.mjs` into `holiday_rules.json`: rules, not dates, so every year
//! is right. Easter comes from the `computus` crate. Half-day holidays (1 May from noon in
//! two cantons) count as whole days; community-level holidays are not modelled.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

#[derive(Debug, Deserialize)]
struct RulesFile {
    source: String,
    regions: BTreeMap<String, Region>,
}

#[derive(Debug, Deserialize)]
struct Region {
    name: String,
    holidays: Vec<HolidayRule>,
}

#[derive(Debug, Deserialize)]
struct HolidayRule {
    name_de: String,
    name_en: String,
    rule: DateRule,
    from: Option<i32>,
    to: Option<i32>,
}

/// How a holiday's date is found in a given year.
#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum DateRule {
    Fixed {
        month: u32,
        day: u32,
    },
    Easter {
        offset: i64,
    },
    /// The last `weekday` strictly before month/day (Buß- und Bettag: Wednesday before 23 Nov).
    WeekdayBefore {
        weekday: u8,
        month: u32,
        day: u32,
    },
    /// The n-th `weekday` on or after month/day, then `offset` days.
    NthWeekdayAfter {
        n: u32,
        weekday: u8,
        month: u32,
        day: u32,
        offset: i64,
    },
    /// A fixed date that counts only when it falls on one of `weekdays`.
    FixedOnWeekdays {
        month: u32,
        day: u32,
        weekdays: Vec<u8>,
    },
    /// Like `NthWeekdayAfter`, moved by `shift_days` when it lands on one of the Easter
    /// offsets (Näfelser Fahrt moves a week when it would be Maundy Thursday).
    NthWeekdayAfterAvoidingEaster {
        n: u32,
        weekday: u8,
        month: u32,
        day: u32,
        offset: i64,
        avoid_easter_offsets: Vec<i64>,
        shift_days: i64,
    },
}

fn rules() -> &'static RulesFile {
    static RULES: OnceLock<RulesFile> = OnceLock::new();
    RULES.get_or_init(|| {
        serde_json::from_str(include_str!("holiday_rules.json"))
            .unwrap_or_else(|_| RulesFile { source: String::new(), regions: BTreeMap::new() })
    })
}

fn iso_weekday(n: u8) -> Weekday {
    Weekday::try_from(n.saturating_sub(1) % 7).unwrap_or(Weekday::Mon)
}

impl DateRule {
    fn date_in(&self, year: i32) -> Option<NaiveDate> {
        match self {
            DateRule::FixedOnWeekdays { month, day, weekdays } => {
                let date = NaiveDate::from_ymd_opt(year, *month, *day)?;
                let iso = date.weekday().number_from_monday() as u8;
                return weekdays.contains(&iso).then_some(date);
            }
            DateRule::NthWeekdayAfterAvoidingEaster {
                n,
                weekday,
                month,
                day,
                offset,
                avoid_easter_offsets,
                shift_days,
            } => {
                let base = DateRule::NthWeekdayAfter {
                    n: *n,
                    weekday: *weekday,
                    month: *month,
                    day: *day,
                    offset: *offset,
                };
                let date = base.date_in(year)?;
                let easter = computus::gregorian_naive(year).ok()?;
                let clash =
                    avoid_easter_offsets.iter().any(|o| easter + Duration::days(*o) == date);
                return Some(if clash { date + Duration::days(*shift_days) } else { date });
            }
            _ => {}
        }
        match *self {
            DateRule::Fixed { month, day } => NaiveDate::from_ymd_opt(year, month, day),
            DateRule::Easter { offset } => {
                computus::gregorian_naive(year).ok().map(|easter| easter + Duration::days(offset))
            }
            DateRule::WeekdayBefore { weekday, month, day } => {
                let anchor = NaiveDate::from_ymd_opt(year, month, day)?;
                let want = iso_weekday(weekday).num_days_from_monday() as i64;
                let have = anchor.weekday().num_days_from_monday() as i64;
                let back = (have - want).rem_euclid(7);
                Some(anchor - Duration::days(if back == 0 { 7 } else { back }))
            }
            DateRule::NthWeekdayAfter { n, weekday, month, day, offset } => {
                let anchor = NaiveDate::from_ymd_opt(year, month, day)?;
                let want = iso_weekday(weekday).num_days_from_monday() as i64;
                let have = anchor.weekday().num_days_from_monday() as i64;
                let first = anchor + Duration::days((want - have).rem_euclid(7));
                Some(first + Duration::weeks(i64::from(n.max(1)) - 1) + Duration::days(offset))
            }
            DateRule::FixedOnWeekdays { .. } | DateRule::NthWeekdayAfterAvoidingEaster { .. } => {
                None
            }
        }
    }
}

/// One public holiday on a date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holiday {
    pub date: NaiveDate,
    pub name_de: String,
    pub name_en: String,
}

/// Where the holiday rules come from, e.g. `date-holidays@3.26.1`.
pub fn source() -> &'static str {
    &rules().source
}

/// `(code, name)` of every region with holiday rules, e.g. `("DE-BW", "Baden-Württemberg")`.
pub fn regions() -> Vec<(&'static str, &'static str)> {
    rules().regions.iter().map(|(code, r)| (code.as_str(), r.name.as_str())).collect()
}

pub fn is_known_region(code: &str) -> bool {
    rules().regions.contains_key(code)
}

/// The public holidays of `region` in `year`, by date. An unknown region has none.
pub fn holidays_in(region: &str, year: i32) -> Vec<Holiday> {
    cached(region, year).to_vec()
}

/// The public holidays of `region` in `year`, sorted by date, shared (no copy).
pub fn holidays_arc(region: &str, year: i32) -> Arc<[Holiday]> {
    cached(region, year)
}

/// Evaluating the rules is the expensive part of "open now?"; every (region, year) is
/// computed once per process.
fn cached(region: &str, year: i32) -> Arc<[Holiday]> {
    type Cache = Mutex<HashMap<(String, i32), Arc<[Holiday]>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let key = (region.to_string(), year);
    if let Some(hit) = cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
        return hit;
    }
    let computed: Arc<[Holiday]> = compute(region, year).into();
    if let Ok(mut c) = cache.lock() {
        c.insert(key, computed.clone());
    }
    computed
}

fn compute(region: &str, year: i32) -> Vec<Holiday> {
    let Some(region) = rules().regions.get(region) else { return Vec::new() };
    let mut list: Vec<Holiday> = region
        .holidays
        .iter()
        .filter(|h| h.from.is_none_or(|from| year >= from) && h.to.is_none_or(|to| year <= to))
        .filter_map(|h| {
            Some(Holiday {
                date: h.rule.date_in(year)?,
                name_de: h.name_de.clone(),
                name_en: h.name_en.clone(),
            })
        })
        .collect();
    list.sort_by_key(|h| h.date);
    list.dedup_by_key(|h| h.date);
    list
}

/// Holidays between two dates (inclusive), across year boundaries.
pub fn holidays_between(region: &str, from: NaiveDate, to: NaiveDate) -> Vec<Holiday> {
    if region.is_empty() {
        return Vec::new();
    }
    (from.year()..=to.year())
        .flat_map(|year| {
            cached(region, year)
                .iter()
                .filter(|h| h.date >= from && h.date <= to)
                .cloned()
                .collect::<Vec<_>>()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(region: &str, year: i32) -> Vec<String> {
        holidays_in(region, year).iter().map(|h| h.date.to_string()).collect()
    }

    #[test]
    fn every_german_austrian_and_swiss_region_has_holidays() {
        let codes: Vec<&str> = regions().iter().map(|(c, _)| *c).collect();
        assert_eq!(codes.iter().filter(|c| c.starts_with("DE-")).count(), 16);
        assert_eq!(codes.iter().filter(|c| c.starts_with("AT-")).count(), 9);
        assert_eq!(codes.iter().filter(|c| c.starts_with("CH-")).count(), 26);
        for code in codes {
            assert!(holidays_in(code, 2026).len() >= 3, "{code}");
        }
    }

    #[test]
    fn easter_dependent_holidays_move_with_easter_in_any_year() {
        // Easter Sunday: 2026-04-05, 2038-04-25, 2285-03-22 (earliest possible).
        for (year, good_friday, whit_monday) in [
            (2026, "2026-04-03", "2026-05-25"),
            (2038, "2038-04-23", "2038-06-14"),
            (2285, "2285-03-20", "2285-05-11"),
        ] {
            let list = dates("DE-BW", year);
            assert!(list.contains(&good_friday.to_string()), "{year}: {list:?}");
            assert!(list.contains(&whit_monday.to_string()), "{year}: {list:?}");
        }
    }

    #[test]
    fn regional_holidays_differ_between_states() {
        // Buß- und Bettag (Wednesday before 23 Nov) only in Saxony; Fronleichnam in BW, not in Berlin.
        assert!(dates("DE-SN", 2026).contains(&"2026-11-18".to_string()));
        assert!(!dates("DE-BW", 2026).contains(&"2026-11-18".to_string()));
        assert!(dates("DE-BW", 2026).contains(&"2026-06-04".to_string()));
        assert!(!dates("DE-BE", 2026).contains(&"2026-06-04".to_string()));
        assert!(holidays_in("XX-YY", 2026).is_empty());
    }

    #[derive(Deserialize)]
    struct Expected {
        year: i32,
        regions: BTreeMap<String, Vec<ExpectedHoliday>>,
    }

    #[derive(Deserialize)]
    struct ExpectedHoliday {
        date: String,
    }

    /// The rule evaluation agrees with the data set's own dates (written by the generator).
    #[test]
    fn rules_reproduce_the_data_sets_own_dates() {
        let mut checked = 0;
        for text in [
            include_str!("../../../tests/holidays/expected-2026.json"),
            include_str!("../../../tests/holidays/expected-2027.json"),
        ] {
            let expected: Expected = serde_json::from_str(text).expect("expected dates");
            for (region, want) in expected.regions {
                let want: Vec<String> = want.into_iter().map(|h| h.date).collect();
                assert_eq!(dates(&region, expected.year), want, "{region} {}", expected.year);
                checked += 1;
            }
        }
        assert!(checked >= 20, "{checked}");
    }
}
