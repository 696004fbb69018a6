//! Tests of `schedule.rs`.
use super::*;
use crate::domain::hours::{TimeOfDay, status_at};
use chrono::TimeZone;
use chrono_tz::Europe::Berlin;

fn iv(o: &str, c: &str) -> Interval {
    Interval::new(TimeOfDay::parse(o).expect("t"), TimeOfDay::parse(c).expect("t"))
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn bakery() -> OpeningHours {
    let mut weekly = WeeklyHours::default();
    for day in 0..6 {
        weekly.days[day] = vec![iv("07:00", "18:00")];
    }
    OpeningHours { weekly, region: "DE-BW".into(), ..OpeningHours::default() }
}

fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Berlin.with_ymd_and_hms(y, m, d, h, 0, 0).single().expect("t").with_timezone(&Utc)
}

#[test]
fn special_hours_override_holidays_which_override_the_week() {
    let mut hours = bakery();
    hours.special.push(SpecialHours {
        id: 1,
        from: date(2026, 12, 24),
        to: date(2026, 12, 24),
        intervals: vec![iv("07:00", "12:00")],
        note: "Heiligabend".into(),
    });
    hours.special.push(SpecialHours {
        id: 2,
        from: date(2026, 8, 3),
        to: date(2026, 8, 21),
        intervals: vec![],
        note: "Betriebsferien".into(),
    });
    let resolved = ResolvedHours::new(&hours, date(2026, 1, 1), date(2026, 12, 31));
    assert_eq!(resolved.day(date(2026, 12, 24)).intervals, [iv("07:00", "12:00")]);
    let christmas = resolved.day(date(2026, 12, 25));
    assert!(christmas.intervals.is_empty());
    assert!(matches!(christmas.reason, Reason::Holiday(h) if h.name_de.contains("Weihnacht")));
    assert!(resolved.day(date(2026, 8, 10)).intervals.is_empty());
    assert_eq!(resolved.day(date(2026, 8, 22)).intervals, [iv("07:00", "18:00")]);
}

#[test]
fn the_status_line_uses_holidays_and_closures() {
    let mut hours = bakery();
    // Whit Monday 2026-05-25 is a holiday in BW: closed, opens Tuesday 07:00.
    let resolved = ResolvedHours::around(&hours, Berlin, at(2026, 5, 25, 10));
    let status = status_at(&resolved, Berlin, at(2026, 5, 25, 10));
    assert!(!status.open);
    assert_eq!(
        status.next_change.map(|t| t.naive_local().to_string()),
        Some("2026-05-26 07:00:00".to_string())
    );
    // With the rule "open as usual" the same instant is open.
    hours.holiday_rule = HolidayRule::AsUsual;
    let resolved = ResolvedHours::around(&hours, Berlin, at(2026, 5, 25, 10));
    assert!(status_at(&resolved, Berlin, at(2026, 5, 25, 10)).open);
}

#[test]
fn exceptions_merge_consecutive_days_of_one_closure() {
    let mut hours = bakery();
    hours.special.push(SpecialHours {
        id: 7,
        from: date(2026, 12, 28),
        to: date(2026, 12, 30),
        intervals: vec![],
        note: "Inventur".into(),
    });
    let resolved = ResolvedHours::new(&hours, date(2026, 12, 20), date(2027, 1, 10));
    let list = resolved.exceptions(date(2026, 12, 20), 14);
    let summary: Vec<String> =
        list.iter().map(|e| format!("{}..{} {}", e.from, e.to, e.intervals.len())).collect();
    assert_eq!(
        summary,
        [
            "2026-12-25..2026-12-25 0",
            "2026-12-26..2026-12-26 0",
            "2026-12-28..2026-12-30 0",
            "2027-01-01..2027-01-01 0"
        ]
    );
    assert_eq!(list[2].label, ExceptionLabel::Special { id: 7, note: "Inventur".into() });
}

#[test]
fn a_holiday_with_its_own_entry_counts_as_confirmed() {
    let mut hours = bakery();
    let (from, to) = (date(2026, 12, 20), date(2027, 1, 2));
    let names = |h: &OpeningHours| -> Vec<String> {
        h.unconfirmed_holidays(from, to).iter().map(|h| h.date.to_string()).collect()
    };
    assert_eq!(names(&hours), ["2026-12-25", "2026-12-26", "2027-01-01"]);
    hours.special.push(SpecialHours {
        id: 1,
        from: date(2026, 12, 25),
        to: date(2026, 12, 26),
        intervals: vec![],
        note: String::new(),
    });
    assert_eq!(names(&hours), ["2027-01-01"]);
}

#[test]
fn a_holiday_or_closure_ends_the_previous_night_at_midnight() {
    let mut hours = bakery();
    hours.weekly.days[3] = vec![iv("18:00", "02:00")]; // Thursday night
    // Good Friday 2026-04-03 is a holiday (closed): Thursday's night ends at midnight.
    let at_night = at(2026, 4, 2, 23);
    let resolved = ResolvedHours::around(&hours, Berlin, at_night);
    let status = status_at(&resolved, Berlin, at_night);
    assert_eq!(
        status.next_change.map(|t| t.naive_local().to_string()),
        Some("2026-04-03 00:00:00".into())
    );
    // On an ordinary Thursday the night runs until 02:00.
    let ordinary = at(2026, 4, 9, 23);
    let resolved = ResolvedHours::around(&hours, Berlin, ordinary);
    let status = status_at(&resolved, Berlin, ordinary);
    assert_eq!(
        status.next_change.map(|t| t.naive_local().to_string()),
        Some("2026-04-10 02:00:00".into())
    );
}

#[test]
fn holiday_rules_round_trip_through_storage_text() {
    for rule in [
        HolidayRule::Closed,
        HolidayRule::AsUsual,
        HolidayRule::Hours(vec![iv("10:00", "14:00"), iv("16:00", "18:00")]),
    ] {
        assert_eq!(HolidayRule::from_db(&rule.to_db()), rule);
    }
}

#[test]
fn fourteen_days_name_their_reason() {
    let hours = bakery();
    let resolved = ResolvedHours::new(&hours, date(2026, 12, 20), date(2027, 1, 10));
    let days = resolved.days(date(2026, 12, 20), 14);
    assert_eq!(days.len(), 14);
    let holidays: Vec<String> = days
        .iter()
        .filter(|d| matches!(d.reason, Reason::Holiday(_)))
        .map(|d| d.date.to_string())
        .collect();
    assert_eq!(holidays, ["2026-12-25", "2026-12-26", "2027-01-01"]);
}
