//! Tests of `hours.rs`, kept apart so the module stays readable.
use super::*;
use chrono_tz::Europe::Berlin;

fn t(text: &str) -> TimeOfDay {
    TimeOfDay::parse(text).expect("valid time")
}

fn iv(opens: &str, closes: &str) -> Interval {
    Interval::new(t(opens), t(closes))
}

/// Berlin wall-clock time (first occurrence) as a UTC instant.
fn berlin(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Berlin
        .with_ymd_and_hms(y, mo, d, h, mi, 0)
        .earliest()
        .expect("existing local time")
        .with_timezone(&Utc)
}

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).single().expect("valid")
}

fn shop() -> WeeklyHours {
    let mut hours = WeeklyHours::default();
    for day in 0..5 {
        hours.days[day] = vec![iv("08:00", "12:30"), iv("14:00", "18:00")];
    }
    hours.days[4] = vec![iv("08:00", "12:30"), iv("18:00", "02:00")];
    hours.days[5] = vec![iv("09:00", "13:00")];
    hours
}

#[test]
fn time_of_day_parses_common_spellings_and_rejects_nonsense() {
    assert_eq!(TimeOfDay::parse("8:05"), TimeOfDay::from_hm(8, 5));
    assert_eq!(TimeOfDay::parse("08.30"), TimeOfDay::from_hm(8, 30));
    assert_eq!(TimeOfDay::parse("24:00"), Some(TimeOfDay::END_OF_DAY));
    for bad in ["25:00", "24:01", "12:60", "1200", "", "ab:cd", "-1:00", "12:5", "123:00"] {
        assert_eq!(TimeOfDay::parse(bad), None, "{bad:?} must be refused");
    }
}

#[test]
fn a_shop_is_open_inside_an_interval_and_says_when_it_closes() {
    // Monday 2026-11-23 10:00 Berlin.
    let status = status_at(&shop(), Berlin, berlin(2026, 11, 23, 10, 0));
    assert!(status.open);
    assert_eq!(
        status.next_change.map(|c| c.naive_local().to_string()),
        Some("2026-11-23 12:30:00".to_string())
    );
}

#[test]
fn the_lunch_break_is_closed_and_the_next_opening_is_after_lunch() {
    let status = status_at(&shop(), Berlin, berlin(2026, 11, 23, 13, 0));
    assert!(!status.open);
    assert_eq!(
        status.next_change.map(|c| c.naive_local().to_string()),
        Some("2026-11-23 14:00:00".to_string())
    );
}

#[test]
fn closing_time_itself_is_closed_and_opening_time_itself_is_open() {
    assert!(!status_at(&shop(), Berlin, berlin(2026, 11, 23, 18, 0)).open);
    assert!(status_at(&shop(), Berlin, berlin(2026, 11, 23, 8, 0)).open);
}

#[test]
fn a_friday_evening_interval_runs_past_midnight_into_saturday() {
    // Friday 2026-11-27 23:30 → open, closes Saturday 02:00.
    let late = status_at(&shop(), Berlin, berlin(2026, 11, 27, 23, 30));
    assert!(late.open);
    assert_eq!(
        late.next_change.map(|c| c.naive_local().to_string()),
        Some("2026-11-28 02:00:00".to_string())
    );
    // Saturday 01:59 still open (yesterday's interval), 02:00 closed until 09:00.
    assert!(status_at(&shop(), Berlin, berlin(2026, 11, 28, 1, 59)).open);
    let after = status_at(&shop(), Berlin, berlin(2026, 11, 28, 2, 0));
    assert!(!after.open);
    assert_eq!(
        after.next_change.map(|c| c.naive_local().to_string()),
        Some("2026-11-28 09:00:00".to_string())
    );
}

#[test]
fn sunday_evening_looks_ahead_to_monday_morning() {
    let status = status_at(&shop(), Berlin, berlin(2026, 11, 29, 20, 0));
    assert!(!status.open);
    let next = status.next_change.expect("opens again");
    assert_eq!(next.weekday(), Weekday::Mon);
    assert_eq!(next.naive_local().to_string(), "2026-11-30 08:00:00");
}

#[test]
fn the_spring_switch_shortens_a_night_across_the_gap_by_one_hour() {
    // 2026-03-29: Berlin clocks jump from 02:00 CET to 03:00 CEST.
    let mut hours = WeeklyHours::default();
    hours.days[5] = vec![iv("22:00", "04:00")]; // Saturday night into Sunday
    let periods = open_periods(
        &hours,
        Berlin,
        NaiveDate::from_ymd_opt(2026, 3, 28).expect("date"),
        NaiveDate::from_ymd_opt(2026, 3, 28).expect("date"),
    );
    assert_eq!(periods, vec![(utc(2026, 3, 28, 21, 0), utc(2026, 3, 29, 2, 0))]);
    assert_eq!(periods[0].1 - periods[0].0, Duration::hours(5));
    // 02:30 does not exist that night; an instant in the gap is still open.
    assert!(status_at(&hours, Berlin, utc(2026, 3, 29, 1, 30)).open);
}

#[test]
fn an_opening_time_inside_the_spring_gap_opens_when_the_clock_reaches_it() {
    let mut hours = WeeklyHours::default();
    hours.days[6] = vec![iv("02:30", "10:00")]; // Sunday 2026-03-29
    let status = status_at(&hours, Berlin, berlin(2026, 3, 29, 0, 0));
    assert!(!status.open);
    // 02:30 is skipped; the shop opens at 03:00 CEST = 01:00 UTC.
    assert_eq!(status.next_change.map(|c| c.with_timezone(&Utc)), Some(utc(2026, 3, 29, 1, 0)));
}

#[test]
fn the_autumn_switch_lengthens_a_night_across_it_by_one_hour() {
    // 2026-10-25: Berlin clocks fall back from 03:00 CEST to 02:00 CET.
    let mut hours = WeeklyHours::default();
    hours.days[5] = vec![iv("22:00", "04:00")];
    let periods = open_periods(
        &hours,
        Berlin,
        NaiveDate::from_ymd_opt(2026, 10, 24).expect("date"),
        NaiveDate::from_ymd_opt(2026, 10, 24).expect("date"),
    );
    assert_eq!(periods, vec![(utc(2026, 10, 24, 20, 0), utc(2026, 10, 25, 3, 0))]);
    assert_eq!(periods[0].1 - periods[0].0, Duration::hours(7));
}

#[test]
fn on_the_autumn_switch_day_a_daytime_shop_uses_winter_time() {
    let mut hours = WeeklyHours::default();
    hours.days[6] = vec![iv("10:00", "17:00")];
    // 09:30 CET on 2026-10-25 is 08:30 UTC: closed, opens 10:00 CET = 09:00 UTC.
    let status = status_at(&hours, Berlin, utc(2026, 10, 25, 8, 30));
    assert!(!status.open);
    assert_eq!(status.next_change.map(|c| c.with_timezone(&Utc)), Some(utc(2026, 10, 25, 9, 0)));
    // The Friday-night interval on the autumn weekend still closes at 02:00 local.
    let late = status_at(&shop(), Berlin, berlin(2026, 10, 24, 1, 0));
    assert!(late.open);
    assert_eq!(
        late.next_change.map(|c| c.naive_local().to_string()),
        Some("2026-10-24 02:00:00".to_string())
    );
}

#[test]
fn a_shop_open_around_the_clock_has_no_closing_time() {
    let mut hours = WeeklyHours::default();
    for day in 0..7 {
        hours.days[day] = vec![iv("00:00", "24:00")];
    }
    let status = status_at(&hours, Berlin, utc(2026, 3, 29, 1, 0)); // inside the DST gap
    assert_eq!(status, Status { open: true, next_change: None });
}

#[test]
fn a_shop_without_hours_is_closed_without_a_next_opening() {
    let status = status_at(&WeeklyHours::default(), Berlin, berlin(2026, 11, 23, 10, 0));
    assert_eq!(status, Status { open: false, next_change: None });
}

#[test]
fn evaluation_uses_the_locations_timezone_not_utc() {
    let hours = shop();
    // 07:30 UTC on a Monday is 08:30 in Berlin (open) but 02:30 in New York (closed).
    let at = utc(2026, 11, 23, 7, 30);
    assert!(status_at(&hours, Berlin, at).open);
    assert!(!status_at(&hours, chrono_tz::America::New_York, at).open);
}

fn day(closed: bool, intervals: &[(&str, &str)]) -> DayInput {
    DayInput {
        closed,
        intervals: intervals.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect(),
    }
}

#[test]
fn editor_input_is_parsed_into_sorted_intervals() {
    let mut input = vec![day(true, &[]); 7];
    input[0] = day(false, &[("14:00", "18:00"), ("8:00", "12:00")]);
    input[4] = day(false, &[("18:00", "02:00")]);
    input[2] = day(true, &[("08:00", "12:00")]);
    let hours = WeeklyHours::parse(&input).expect("valid");
    assert_eq!(hours.days[0], vec![iv("08:00", "12:00"), iv("14:00", "18:00")]);
    assert_eq!(hours.days[4], vec![iv("18:00", "02:00")]);
    assert!(hours.days[2].is_empty(), "a day marked closed drops its intervals");
    assert_eq!(WeeklyHours::parse(&hours.to_input()), Ok(hours));
}

#[test]
fn editor_input_errors_name_the_day_and_the_problem() {
    let mut input = vec![day(true, &[]); 7];
    input[1] = day(false, &[("08:00", "25:00")]);
    input[2] = day(false, &[("08:00", "13:00"), ("12:00", "18:00")]);
    input[3] = day(false, &[("09:00", "09:00")]);
    input[4] = day(false, &[("18:00", "03:00")]);
    input[5] = day(false, &[("02:00", "10:00"), ("", "12:00")]);
    let errors = WeeklyHours::parse(&input).expect_err("invalid");
    assert!(errors.contains(&HoursError {
        day: Weekday::Tue,
        kind: HoursErrorKind::NotATime("25:00".into())
    }));
    assert!(errors.contains(&HoursError {
        day: Weekday::Wed,
        kind: HoursErrorKind::Overlap("08:00–13:00".into(), "12:00–18:00".into())
    }));
    assert!(
        errors.contains(&HoursError {
            day: Weekday::Thu,
            kind: HoursErrorKind::Empty("09:00".into())
        })
    );
    assert!(errors.contains(&HoursError { day: Weekday::Sat, kind: HoursErrorKind::MissingTime }));
    assert!(errors.contains(&HoursError {
        day: Weekday::Sat,
        kind: HoursErrorKind::OverlapsPreviousDay("02:00–10:00".into())
    }));
    assert_eq!(errors.len(), 5);
}
