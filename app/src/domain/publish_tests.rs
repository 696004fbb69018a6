//! Tests of `publish.rs`.
use super::*;
use crate::domain::osm::import_hours;
use crate::domain::schedule::ExceptionLabel;
use chrono_tz::Europe::Berlin;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

#[test]
fn seasons_are_valid_from_and_through_their_next_occurrence() {
    let hours =
        import_hours("Apr-Sep Mo-Su 09:00-19:00; Oct-Mar Sa,Su 10:00-17:00; Nov off", "DE-BW")
            .expect("ok");
    let specs = seasonal_specifications(&hours, date(2026, 11, 30));
    let summary: Vec<String> = specs
        .iter()
        .map(|s| {
            format!(
                "{}..{} {}-{} {}",
                s["validFrom"],
                s["validThrough"],
                s["opens"],
                s["closes"],
                s["dayOfWeek"].as_array().map_or(0, Vec::len)
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            r#""2027-04-01".."2027-09-30" "09:00"-"19:00" 7"#,
            r#""2026-10-01".."2027-03-31" "10:00"-"17:00" 2"#,
            r#""2026-11-01".."2026-11-30" "00:00"-"00:00" 7"#,
        ]
    );
}

#[test]
fn every_year_dates_are_expanded_for_the_coming_twelve_months() {
    let hours =
        import_hours("Mo-Sa 08:00-18:00; Dec 24,31 08:00-12:00; PH off", "DE-BW").expect("ok");
    let days = special_days(&hours, Berlin, date(2026, 11, 30));
    let dec24: Vec<_> =
        days.iter().filter(|e| e.from.month() == 12 && e.from.day() == 24).collect();
    assert_eq!(dec24.len(), 1, "the coming Christmas Eve, once");
    assert_eq!(dec24[0].intervals.len(), 1);
    assert!(matches!(dec24[0].label, ExceptionLabel::Rule { .. }));
    assert!(days.iter().any(|e| e.from == date(2027, 5, 17)), "Whit Monday 2027 (closed)");
    assert!(days.iter().all(|e| e.from < date(2027, 12, 1)));
}

#[test]
fn yearly_dates_and_nth_weekdays_become_rrules() {
    let hours = import_hours(
        "Mo-Fr 09:00-18:00; Dec 24,31 10:00-14:00; Sa[1] 10:00-14:00; Su[-1] off; easter -2 days off",
        "",
    )
    .expect("ok");
    let list = recurrences(&hours, date(2026, 11, 30));
    let rules: Vec<(&str, String)> =
        list.iter().map(|(_, r)| (r.rrule.as_str(), r.first.to_string())).collect();
    assert_eq!(
        rules,
        [
            ("FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24,31", "2026-12-24".to_string()),
            ("FREQ=MONTHLY;BYDAY=1SA", "2026-12-05".to_string()),
            ("FREQ=MONTHLY;BYDAY=-1SU", "2026-12-27".to_string()),
        ],
        "Easter cannot be an RRULE"
    );
    assert!(list[2].1.intervals.is_empty(), "closed");
}
