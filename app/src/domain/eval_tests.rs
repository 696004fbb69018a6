//! Tests of `eval.rs` on hand-made cases; the differential test in `tests/oh/` checks the
//! evaluator against opening_hours.js at scale.
use super::*;
use crate::domain::osm::import_hours;
use crate::domain::schedule::ResolvedHours;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// `HH:MM-HH:MM state` of each stretch that is not closed.
fn day(value: &str, region: &str, on: NaiveDate) -> Vec<String> {
    let hours = import_hours(value, region).expect(value);
    let resolved = ResolvedHours::new(&hours, on, on);
    resolved
        .day(on)
        .pieces
        .iter()
        .filter(|p| p.state != RuleState::Closed)
        .map(|p| {
            let state = match (p.state, p.open_end) {
                (RuleState::Unknown, true) => "open end",
                (RuleState::Unknown, false) => "unknown",
                _ => "open",
            };
            format!(
                "{:02}:{:02}-{:02}:{:02} {state}",
                p.from / 60,
                p.from % 60,
                p.to / 60,
                p.to % 60
            )
        })
        .collect()
}

#[test]
fn seasons_select_by_month_also_across_the_year_end() {
    let value = "Apr-Sep Mo-Su 09:00-19:00; Oct-Mar Mo-Su 10:00-17:00";
    assert_eq!(day(value, "", date(2026, 9, 30)), ["09:00-19:00 open"]);
    assert_eq!(day(value, "", date(2026, 10, 1)), ["10:00-17:00 open"]);
    assert_eq!(day("Nov-Feb Sa 10:00-12:00", "", date(2027, 1, 2)), ["10:00-12:00 open"]);
    assert!(day("Nov-Feb Sa 10:00-12:00", "", date(2026, 3, 7)).is_empty());
}

#[test]
fn every_year_dates_and_ranges_wrapping_the_year_end() {
    let value = "Mo-Fr 08:00-17:00; Dec 24,31 10:00-14:00; Dec 23-Jan 06 Sa off";
    assert_eq!(day(value, "", date(2027, 12, 24)), ["10:00-14:00 open"]);
    assert_eq!(day(value, "", date(2030, 12, 31)), ["10:00-14:00 open"]);
    assert_eq!(day(value, "", date(2027, 12, 23)), ["08:00-17:00 open"]);
    assert!(day("Dec 23-Jan 06 off; Sa 10:00-12:00", "", date(2027, 1, 2)) == ["10:00-12:00 open"]);
    assert!(day("Mo-Su 10:00-12:00; Dec 23-Jan 06 off", "", date(2027, 1, 6)).is_empty());
    assert_eq!(day("Mo-Su 10:00-12:00; Dec 23-Jan 06 off", "", date(2027, 1, 7)).len(), 1);
}

#[test]
fn nth_weekdays_count_from_the_start_and_from_the_end_of_the_month() {
    let first = "Sa[1] 10:00-14:00";
    assert_eq!(day(first, "", date(2026, 8, 1)), ["10:00-14:00 open"]);
    assert!(day(first, "", date(2026, 8, 8)).is_empty());
    let last = "Su[-1] 13:00-18:00";
    assert_eq!(day(last, "", date(2026, 5, 31)), ["13:00-18:00 open"]);
    assert!(day(last, "", date(2026, 5, 24)).is_empty());
    assert_eq!(day(last, "", date(2028, 2, 27)), ["13:00-18:00 open"], "leap February");
}

#[test]
fn an_open_end_is_unknown_until_the_guessed_closing_time() {
    // From 19:00 opening_hours.js guesses ten hours: the night runs into Saturday 05:00.
    assert_eq!(day("Fr 19:00+", "", date(2026, 11, 20)), ["19:00-24:00 open end"]);
    assert_eq!(day("Fr 19:00+", "", date(2026, 11, 21)), ["00:00-05:00 open end"]);
    assert_eq!(day("Mo 10:00+", "", date(2026, 11, 23)), ["10:00-24:00 open end"]);
}

#[test]
fn easter_offsets_follow_easter_in_any_year() {
    // Good Friday: 2026-04-03, 2027-03-26, 2038-04-23.
    let value = "Mo-Su 10:00-18:00; easter -2 days off";
    for good_friday in [date(2026, 4, 3), date(2027, 3, 26), date(2038, 4, 23)] {
        assert!(day(value, "", good_friday).is_empty(), "{good_friday}");
        assert_eq!(day(value, "", good_friday + chrono::Duration::days(1)).len(), 1);
    }
}

#[test]
fn year_ranges_and_week_numbers_select_their_years_and_weeks() {
    assert_eq!(day("2026-2028/2 Mo 10:00-12:00", "", date(2028, 1, 3)).len(), 1);
    assert!(day("2026-2028/2 Mo 10:00-12:00", "", date(2027, 1, 4)).is_empty());
    assert_eq!(day("2026+ Mo 10:00-12:00", "", date(2090, 1, 2)).len(), 1);
    // 2026 has an ISO week 53 (28 Dec 2026 - 3 Jan 2027); odd weeks only.
    let odd = "week 01-53/2 Mo 13:00-15:00";
    assert_eq!(day(odd, "", date(2026, 12, 28)).len(), 1);
    assert_eq!(day(odd, "", date(2027, 1, 4)).len(), 1, "week 1 of 2027");
    assert!(day(odd, "", date(2027, 1, 11)).is_empty(), "week 2");
}

#[test]
fn school_holidays_depend_on_the_state_and_say_when_unknown() {
    let value = "Mo-Fr 08:00-16:00; SH off";
    // 2026-08-03: summer holidays in Berlin (from 9 Jul), not yet in Baden-Württemberg (from 30 Jul)…
    let in_berlin = day(value, "DE-BE", date(2026, 8, 3));
    assert!(in_berlin.is_empty(), "{in_berlin:?}");
    let monday_before = date(2026, 7, 27);
    assert_eq!(day(value, "DE-BW", monday_before), ["08:00-16:00 open"]);
    let hours = import_hours(value, "DE-BW").expect("ok");
    assert_eq!(
        hours.school_years_not_covered(date(2026, 1, 1), date(2026, 12, 31)),
        Vec::<i32>::new()
    );
    assert_eq!(hours.school_years_not_covered(date(2041, 1, 1), date(2041, 12, 31)), [2041]);
    let resolved = ResolvedHours::new(&hours, date(2041, 3, 1), date(2041, 3, 1));
    assert!(!resolved.school_holidays_known(date(2041, 3, 1)));
}

#[test]
fn later_rules_override_earlier_ones_for_their_days_and_comments_alone_mean_unknown() {
    assert_eq!(day("PH off; Mo-Fr 09:00-18:00", "DE-BW", date(2026, 12, 25)), ["09:00-18:00 open"]);
    assert!(day("Mo-Fr 09:00-18:00; PH off", "DE-BW", date(2026, 12, 25)).is_empty());
    assert_eq!(day("24/7 \"Selbstbedienung\"", "", date(2026, 5, 5)), ["00:00-24:00 unknown"]);
    assert_eq!(
        day("Mo-Fr 09:00-18:00; PH unknown", "DE-BW", date(2026, 5, 1)),
        ["00:00-24:00 unknown"]
    );
    // `||` fills only what the rules before leave closed.
    let fallback = "Mo-Fr 10:00-12:00 || Mo-Su 08:00-18:00 unknown";
    assert_eq!(
        day(fallback, "", date(2026, 5, 5)),
        ["08:00-10:00 unknown", "10:00-12:00 open", "12:00-18:00 unknown"]
    );
    // A closing rule with times closes only those times.
    assert_eq!(
        day("Mo-Fr 08:00-18:00; Mo 12:00-14:00 off", "", date(2026, 5, 4)),
        ["08:00-12:00 open", "14:00-18:00 open"]
    );
}

#[test]
fn sun_times_come_from_the_coordinates_with_offsets() {
    let mut hours = import_hours("Mo-Su (sunrise+01:00)-(sunset-01:00)", "").expect("ok");
    let on = date(2026, 6, 21);
    let defaults = ResolvedHours::new(&hours, on, on).day(on).pieces;
    assert_eq!(
        (defaults[1].from, defaults[1].to),
        (7 * 60, 17 * 60),
        "06:00/18:00 without a place"
    );
    hours.coordinates = Some(crate::domain::schedule::Coordinates { lat: 48.0, lon: 7.85 });
    let resolved = ResolvedHours::new_in(&hours, chrono_tz::Europe::Berlin, on, on);
    let open =
        resolved.day(on).pieces.into_iter().find(|p| p.state == RuleState::Open).expect("open");
    assert!((6 * 60 + 20..6 * 60 + 40).contains(&open.from), "{}", open.from);
    assert!((20 * 60 + 20..20 * 60 + 45).contains(&open.to), "{}", open.to);
}
