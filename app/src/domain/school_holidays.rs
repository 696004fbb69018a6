//! School holidays (OSM `SH`) by German and Austrian state.
//!
//! The dates come from the npm `opening_hours` package (which ships the OpenHolidays
//! project's data; no other registry package has German and Austrian school holidays),
//! extracted by `tests/holidays/generate-school.mjs` into `school_holidays.json`. School
//! holidays are set by each state's ministry a few years ahead, so they are dates, not
//! rules: a year the data does not cover is answered as *not covered* (see
//! [`coverage`]), never guessed. Mecklenburg-Vorpommern publishes them per school type
//! only, so the data has none for DE-MV.

use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

#[derive(Debug, Deserialize)]
struct DataFile {
    source: String,
    regions: BTreeMap<String, Region>,
}

#[derive(Debug, Deserialize)]
struct Region {
    name: String,
    years: Vec<i32>,
    holidays: Vec<(NaiveDate, NaiveDate, String)>,
}

/// One school-holiday period (both days included).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchoolHoliday {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub name: String,
}

fn data() -> &'static DataFile {
    static DATA: OnceLock<DataFile> = OnceLock::new();
    DATA.get_or_init(|| {
        serde_json::from_str(include_str!("school_holidays.json"))
            .unwrap_or_else(|_| DataFile { source: String::new(), regions: BTreeMap::new() })
    })
}

/// Where the dates come from, e.g. `opening_hours@3.15.0 (OpenHolidays data)`.
pub fn source() -> &'static str {
    &data().source
}

/// `(code, name)` of every region with school-holiday data.
pub fn regions() -> Vec<(&'static str, &'static str)> {
    data()
        .regions
        .iter()
        .filter(|(_, r)| !r.years.is_empty())
        .map(|(code, r)| (code.as_str(), r.name.as_str()))
        .collect()
}

/// The years the data covers for `region` (first, last); `None`: no data at all.
pub fn coverage(region: &str) -> Option<(i32, i32)> {
    let years = &data().regions.get(region)?.years;
    Some((*years.first()?, *years.last()?))
}

/// Whether the school holidays of `region` in `year` are known.
pub fn covers(region: &str, year: i32) -> bool {
    data().regions.get(region).is_some_and(|r| r.years.contains(&year))
}

/// The periods touching `year`, or `None` when the data does not cover that year.
pub fn in_year(region: &str, year: i32) -> Option<Arc<[SchoolHoliday]>> {
    type Cache = Mutex<HashMap<(String, i32), Option<Arc<[SchoolHoliday]>>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let key = (region.to_string(), year);
    if let Some(hit) = cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
        return hit;
    }
    let computed = covers(region, year).then(|| {
        let start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
        let end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX);
        data().regions.get(region).map_or_else(Vec::new, |r| {
            r.holidays
                .iter()
                .filter(|(from, to, _)| *from <= end && *to >= start)
                .map(|(from, to, name)| SchoolHoliday { from: *from, to: *to, name: name.clone() })
                .collect()
        })
    });
    let computed: Option<Arc<[SchoolHoliday]>> = computed.map(Into::into);
    if let Ok(mut c) = cache.lock() {
        c.insert(key, computed.clone());
    }
    computed
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn every_german_and_austrian_state_but_one_has_school_holidays() {
        let codes: Vec<&str> = regions().iter().map(|(c, _)| *c).collect();
        assert_eq!(codes.iter().filter(|c| c.starts_with("DE-")).count(), 15);
        assert_eq!(codes.iter().filter(|c| c.starts_with("AT-")).count(), 9);
        assert!(!covers("DE-MV", 2026), "published per school type only");
        assert!(coverage("DE-BW").is_some_and(|(from, to)| from <= 2025 && to >= 2028));
    }

    #[test]
    fn summer_holidays_differ_between_states_and_uncovered_years_say_so() {
        let summer = |region: &str| {
            in_year(region, 2026)
                .expect("covered")
                .iter()
                .find(|h| h.from.year() == 2026 && (6..=9).contains(&h.from.month()))
                .map(|h| h.from)
        };
        assert_ne!(summer("DE-BW"), summer("DE-BE"));
        assert!(summer("AT-9").is_some_and(|d| d >= date(2026, 6, 1)));
        assert_eq!(in_year("DE-BW", 2090), None);
        assert_eq!(in_year("XX-YY", 2026), None);
    }
}
