//! Tests of `recurring.rs`.
use super::*;
use crate::domain::hours::{Interval, TimeOfDay, WeeklyHours};
use crate::domain::osm::import_hours;
use crate::domain::osm_export::export;
use crate::domain::schedule::{OpeningHours, ResolvedHours};

fn iv(o: &str, c: &str) -> Interval {
    Interval::new(TimeOfDay::parse(o).expect("t"), TimeOfDay::parse(c).expect("t"))
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// Mo-Sa 07:00-18:00, no region (no public holidays in the way).
fn bakery() -> OpeningHours {
    let mut weekly = WeeklyHours::default();
    for day in 0..6 {
        weekly.days[day] = vec![iv("07:00", "18:00")];
    }
    OpeningHours { weekly, ..OpeningHours::default() }
}

fn hours_on(hours: &OpeningHours, day: NaiveDate) -> Vec<Interval> {
    ResolvedHours::new(hours, day, day).day(day).intervals
}

fn yearly(from: (&str, &str), to: (&str, &str), hours: &str) -> RecurringInput {
    RecurringInput {
        kind: "yearly".into(),
        from_day: from.0.into(),
        from_month: from.1.into(),
        to_day: to.0.into(),
        to_month: to.1.into(),
        state: if hours.is_empty() { "closed" } else { "open" }.into(),
        hours: hours.into(),
        ..RecurringInput::default()
    }
}

fn season(from: (&str, &str), to: (&str, &str), days: &[&str], hours: &str) -> RecurringInput {
    let on = |code: &str| days.contains(&code).then(|| "on".to_string());
    RecurringInput {
        kind: "season".into(),
        from_day: from.0.into(),
        from_month: from.1.into(),
        to_day: to.0.into(),
        to_month: to.1.into(),
        hours: hours.into(),
        mo: on("mo"),
        tu: on("tu"),
        we: on("we"),
        th: on("th"),
        fr: on("fr"),
        sa: on("sa"),
        su: on("su"),
        ..RecurringInput::default()
    }
}

fn nth(n: &str, weekday: &str, hours: &str) -> RecurringInput {
    RecurringInput {
        kind: "nth".into(),
        nth: n.into(),
        weekday: weekday.into(),
        state: if hours.is_empty() { "closed" } else { "open" }.into(),
        hours: hours.into(),
        ..RecurringInput::default()
    }
}

const ALL: [&str; 7] = ["mo", "tu", "we", "th", "fr", "sa", "su"];

fn with(new: &RecurringInput) -> OpeningHours {
    let mut hours = bakery();
    hours.rules = add(&hours.rules, build(new).expect("valid"));
    hours
}

/// Export → import gives the same hours (the OSM value stays the truth on the screen).
fn round_trips(hours: &OpeningHours) {
    let text = export(hours);
    let back = import_hours(&text, "").expect(&text);
    assert_eq!(back.rules, hours.rules, "{text}");
    assert_eq!(back.weekly, hours.weekly, "{text}");
}

#[test]
fn every_24_december_from_10_to_14_overrides_the_weekly_hours_that_day() {
    let hours = with(&yearly(("24", "12"), ("", ""), "10:00 – 14:00"));
    assert_eq!(hours_on(&hours, date(2026, 12, 24)), vec![iv("10:00", "14:00")]);
    assert_eq!(hours_on(&hours, date(2027, 12, 24)), vec![iv("10:00", "14:00")]);
    assert_eq!(hours_on(&hours, date(2026, 12, 23)), vec![iv("07:00", "18:00")]);
    assert!(export(&hours).contains("; Dec 24 10:00-14:00"), "{}", export(&hours));
    round_trips(&hours);
}

#[test]
fn a_closed_date_range_closes_every_day_of_it() {
    let hours = with(&yearly(("24", "12"), ("26", "12"), ""));
    for day in 24..=26 {
        assert!(hours_on(&hours, date(2026, 12, day)).is_empty());
    }
    assert_eq!(hours_on(&hours, date(2026, 12, 28)), vec![iv("07:00", "18:00")]);
    assert_eq!(
        items(&hours.rules)[0].what,
        Recurring::Yearly { from: (24, 12), to: Some((26, 12)), times: None }
    );
    round_trips(&hours);
}

#[test]
fn a_date_range_may_run_across_new_year() {
    let hours = with(&yearly(("31", "12"), ("1", "1"), ""));
    assert!(hours_on(&hours, date(2026, 12, 31)).is_empty());
    assert!(hours_on(&hours, date(2027, 1, 1)).is_empty());
    round_trips(&hours);
}

#[test]
fn days_that_no_year_has_are_refused_but_29_february_is_a_date() {
    assert_eq!(build(&yearly(("31", "2"), ("", ""), "")), Err(RecurringError::Date));
    assert_eq!(build(&yearly(("0", "5"), ("", ""), "")), Err(RecurringError::Date));
    assert_eq!(build(&yearly(("1", "13"), ("", ""), "")), Err(RecurringError::Date));
    assert_eq!(build(&yearly(("", "5"), ("", ""), "")), Err(RecurringError::Date));
    assert_eq!(build(&yearly(("24", "12"), ("6", "1"), "")).map(|_| ()), Ok(()));
    assert_eq!(build(&yearly(("24", "12"), ("31", "11"), "")), Err(RecurringError::Date));
    assert_eq!(build(&yearly(("24", "12"), ("", "1"), "")), Err(RecurringError::Date));
    assert!(build(&yearly(("29", "2"), ("", ""), "")).is_ok());
    assert_eq!(
        build(&season(("1", "4"), ("31", "9"), &ALL, "09:00-19:00")),
        Err(RecurringError::Date)
    );
}

#[test]
fn open_without_readable_hours_is_refused() {
    assert_eq!(
        build(&RecurringInput { state: "open".into(), ..yearly(("1", "5"), ("", ""), "") }),
        Err(RecurringError::Hours)
    );
    assert_eq!(build(&yearly(("1", "5"), ("", ""), "10-14")), Err(RecurringError::Hours));
    assert_eq!(build(&nth("1", "sa", "10:00-10:00")), Err(RecurringError::Hours));
}

#[test]
fn a_season_for_all_days_replaces_the_weekly_hours_in_its_period() {
    let hours = with(&season(("1", "4"), ("30", "9"), &ALL, "09:00-19:00"));
    assert_eq!(hours.rules.len(), 1);
    // A Sunday (closed in the week) and a Monday in summer, a Monday in winter.
    assert_eq!(hours_on(&hours, date(2026, 7, 5)), vec![iv("09:00", "19:00")]);
    assert_eq!(hours_on(&hours, date(2026, 7, 6)), vec![iv("09:00", "19:00")]);
    assert_eq!(hours_on(&hours, date(2026, 3, 30)), vec![iv("07:00", "18:00")]);
    assert_eq!(hours_on(&hours, date(2026, 9, 30)), vec![iv("09:00", "19:00")]);
    assert_eq!(hours_on(&hours, date(2026, 10, 1)), vec![iv("07:00", "18:00")]);
    assert!(export(&hours).contains("; Apr 01-Sep 30 Mo-Su 09:00-19:00"), "{}", export(&hours));
    round_trips(&hours);
}

#[test]
fn a_season_for_some_weekdays_closes_the_other_days_of_its_period() {
    let hours = with(&season(("1", "4"), ("30", "9"), &["mo", "tu", "we", "fr"], "09:00-19:00"));
    assert_eq!(hours.rules.len(), 2);
    assert_eq!(hours_on(&hours, date(2026, 7, 6)), vec![iv("09:00", "19:00")]);
    assert!(hours_on(&hours, date(2026, 7, 9)).is_empty(), "Thursday");
    assert!(hours_on(&hours, date(2026, 7, 11)).is_empty(), "Saturday");
    assert_eq!(hours_on(&hours, date(2026, 10, 3)), vec![iv("07:00", "18:00")]);
    let listed = items(&hours.rules);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].len, 2);
    assert!(
        matches!(&listed[0].what, Recurring::Season { others_closed: true, weekdays, .. } if weekdays.len() == 2)
    );
    round_trips(&hours);
    assert_eq!(remove(&hours.rules, 0), Some(Vec::new()));
}

#[test]
fn a_season_across_new_year_is_fine() {
    let hours = with(&season(("1", "11"), ("28", "2"), &ALL, "10:00-16:00"));
    assert_eq!(hours_on(&hours, date(2026, 12, 2)), vec![iv("10:00", "16:00")]);
    assert_eq!(hours_on(&hours, date(2027, 2, 1)), vec![iv("10:00", "16:00")]);
    assert_eq!(hours_on(&hours, date(2027, 3, 1)), vec![iv("07:00", "18:00")]);
    round_trips(&hours);
}

#[test]
fn a_season_without_weekdays_is_refused() {
    assert_eq!(
        build(&season(("1", "4"), ("30", "9"), &[], "09:00-19:00")),
        Err(RecurringError::Weekdays)
    );
    assert_eq!(build(&season(("1", "4"), ("30", "9"), &ALL, "")), Err(RecurringError::Hours));
}

#[test]
fn the_first_saturday_of_the_month_overrides_the_weekly_hours() {
    let hours = with(&nth("1", "sa", "10:00-14:00"));
    assert_eq!(hours_on(&hours, date(2026, 12, 5)), vec![iv("10:00", "14:00")]);
    assert_eq!(hours_on(&hours, date(2026, 12, 12)), vec![iv("07:00", "18:00")]);
    assert!(export(&hours).contains("; Sa[1] 10:00-14:00"), "{}", export(&hours));
    round_trips(&hours);
}

#[test]
fn the_last_sunday_closed_and_unknown_ordinals() {
    let hours = with(&nth("-1", "su", ""));
    assert_eq!(
        items(&hours.rules)[0].what,
        Recurring::NthWeekday { nth: -1, weekday: Weekday::Sun, times: None }
    );
    round_trips(&hours);
    assert_eq!(build(&nth("5", "sa", "")), Err(RecurringError::Nth));
    assert_eq!(build(&nth("1", "xx", "")), Err(RecurringError::Nth));
}

#[test]
fn a_date_added_before_a_season_still_beats_it() {
    let mut hours = with(&yearly(("24", "12"), ("", ""), "10:00-14:00"));
    hours.rules = add(
        &hours.rules,
        build(&season(("1", "11"), ("28", "2"), &ALL, "09:00-17:00")).expect("ok"),
    );
    assert_eq!(hours_on(&hours, date(2026, 12, 24)), vec![iv("10:00", "14:00")]);
    assert_eq!(hours_on(&hours, date(2026, 12, 23)), vec![iv("09:00", "17:00")]);
    assert!(matches!(items(&hours.rules)[0].what, Recurring::Season { .. }));
    round_trips(&hours);
}

#[test]
fn removing_takes_out_exactly_the_entry() {
    let mut hours = with(&nth("1", "sa", "10:00-14:00"));
    hours.rules = add(&hours.rules, build(&yearly(("24", "12"), ("", ""), "")).expect("ok"));
    let without = remove(&hours.rules, 0).expect("entry");
    assert_eq!(without, hours.rules[1..].to_vec());
    assert_eq!(remove(&hours.rules, 5), None);
    assert_eq!(key(&hours.rules, 1).as_deref(), Some("Dec 24 off"));
}

#[test]
fn imported_rules_the_forms_cannot_write_are_listed_in_osm_syntax() {
    let hours = import_hours("Mo-Fr 08:00-18:00; SH Mo-Fr 09:00-12:00", "DE-BW").expect("ok");
    assert_eq!(items(&hours.rules)[0].what, Recurring::Other("SH Mo-Fr 09:00-12:00".into()));
}
