use super::*;
use crate::domain::gbp_csv::test_support::*;

#[test]
fn gbp_hours_are_read_in_24_hour_and_am_pm_form() {
    let parsed = row(&with(
        minimal(),
        &[
            (Column::MondayHours, "09:00-13:00,14:00-18:00"),
            (Column::TuesdayHours, "9:00AM-5:00PM"),
            (Column::WednesdayHours, "x"),
            (Column::ThursdayHours, "12:00 PM - 12:00 AM"),
            (Column::FridayHours, "18:00–02:00"),
        ],
    ))
    .expect("valid");
    let days = &parsed.hours.days;
    assert_eq!(days[0], [iv("09:00", "13:00"), iv("14:00", "18:00")]);
    assert_eq!(days[1], [iv("09:00", "17:00")]);
    assert!(days[2].is_empty(), "x is closed");
    assert_eq!(days[3], [iv("12:00", "00:00")]);
    assert_eq!(days[4], [iv("18:00", "02:00")], "past midnight");
    assert!(days[6].is_empty(), "an empty cell is closed too");
}

#[test]
fn impossible_and_overlapping_hours_are_reported_on_their_day() {
    let found = problems_of(row(&with(
        minimal(),
        &[
            (Column::MondayHours, "25:00-26:00"),
            (Column::TuesdayHours, "09:00-13:00,12:00-18:00"),
            (Column::WednesdayHours, "morgens"),
            (Column::ThursdayHours, "13:00AM-5:00PM"),
        ],
    )));
    assert_eq!(
        found,
        [
            (Some(Column::MondayHours), Problem::BadHours),
            (Some(Column::TuesdayHours), Problem::OverlappingHours),
            (Some(Column::WednesdayHours), Problem::BadHours),
            (Some(Column::ThursdayHours), Problem::BadHours),
        ]
    );
}

#[test]
fn special_hours_read_gbp_dates_and_merge_days_in_a_row() {
    let list = parse_special("2026-12-24: 08:00-12:00, 2026-12-25: x, 2026-12-26: x, 2026-12-31: 08:00-12:00, 14:00-16:00")
        .expect("valid");
    assert_eq!(
        list,
        [
            special(date(2026, 12, 24), date(2026, 12, 24), vec![iv("08:00", "12:00")], ""),
            special(date(2026, 12, 25), date(2026, 12, 26), vec![], ""),
            special(
                date(2026, 12, 31),
                date(2026, 12, 31),
                vec![iv("08:00", "12:00"), iv("14:00", "16:00")],
                ""
            ),
        ]
    );
    let repeated =
        parse_special("2026-12-31: 14:00-16:00, 2026-12-31: 08:00-12:00").expect("valid");
    assert_eq!(repeated, list[2..]);
    assert_eq!(parse_special(""), Some(Vec::new()));
    assert_eq!(parse_special("24.12.2026: x"), None, "GBP writes ISO dates");
    assert_eq!(
        parse_special("2026-12-24: 08:00-12:00, 2026-12-24: x"),
        None,
        "open and closed at once"
    );
    assert_eq!(parse_special("2026-12-24: 25:00-26:00"), None);
}

#[test]
fn special_hours_are_written_day_by_day_and_read_back_to_the_same_days() {
    let original = location().special;
    let text = special_to_text(&original);
    assert!(text.starts_with("2026-08-03: x, 2026-08-04: x"), "{text}");
    assert!(text.ends_with("2026-12-24: 08:00-12:00, 2026-12-24: 13:00-14:00"), "{text}");
    let back = parse_special(&text).expect("valid");
    assert!(same_special_days(&original, &back));
    let noted = with_notes_from(back, &original);
    assert_eq!(
        noted.iter().map(|s| s.note.as_str()).collect::<Vec<_>>(),
        ["Betriebsferien", "Heiligabend"]
    );
}
