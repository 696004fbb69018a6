//! Tests of `osm.rs`, kept apart so the module stays readable.
use super::*;
use crate::domain::hours::{Interval, TimeOfDay};
use crate::domain::rules::{Span, TimePoint, WeekdayRange};

fn iv(o: &str, c: &str) -> Interval {
    Interval::new(TimeOfDay::parse(o).expect("t"), TimeOfDay::parse(c).expect("t"))
}

#[test]
fn a_typical_bakery_string_imports_into_weekly_hours_and_a_holiday_rule() {
    let imported = import("Mo-Fr 06:30-12:30,14:00-18:30; Sa 07:00-13:00; Su,PH off").expect("ok");
    assert_eq!(imported.weekly.days[0], [iv("06:30", "12:30"), iv("14:00", "18:30")]);
    assert_eq!(imported.weekly.days[5], [iv("07:00", "13:00")]);
    assert!(imported.weekly.days[6].is_empty());
    assert_eq!(imported.holiday_rule, Some(HolidayRule::Closed));
}

#[test]
fn later_rules_replace_earlier_days_and_additional_rules_add() {
    let imported = import("Mo-Fr 08:00-18:00; We 08:00-12:00, We 15:00-17:00").expect("ok");
    assert_eq!(imported.weekly.days[2], [iv("08:00", "12:00"), iv("15:00", "17:00")]);
    assert_eq!(imported.weekly.days[1], [iv("08:00", "18:00")]);
}

#[test]
fn a_rule_for_every_day_after_closed_days_replaces_them() {
    // Found by the property test: `Mo off; 10:00-18:00` exported as `10:00-18:00` (closed
    // days are left out), which imported as weekly hours, not as the typed rule it was.
    for text in ["Mo off; 10:00-18:00", "Mo-Fr off; Sa off; 10:00-18:00", "10:00-18:00"] {
        let imported = import(text).expect("ok");
        assert!(imported.rules.is_empty(), "{text}: {:?}", imported.rules);
        assert!(imported.weekly.days.iter().all(|d| d == &[iv("10:00", "18:00")]), "{text}");
    }
    // Open days before it are replaced too, nights carried over included.
    for text in
        ["Mo 08:00-12:00; 10:00-18:00", "24/7; Mo; 10:00-18:00", "Fr 22:00-02:00; 10:00-18:00"]
    {
        let imported = import(text).expect("ok");
        assert!(imported.rules.is_empty(), "{text}: {:?}", imported.rules);
        assert!(imported.weekly.days.iter().all(|d| d == &[iv("10:00", "18:00")]), "{text}");
    }
    // Two rules without days: the second replaces the first, kept as typed rules.
    assert_eq!(import("10:00-18:00; 12:00-14:00").expect("ok").rules.len(), 2);
}

#[test]
fn what_the_property_test_found_reads_one_way_or_is_refused() {
    // Each of these once failed import → export → import (`make fuzz`).
    // Closing at 00:00 reads as closing at 24:00, as the export writes it.
    let imported = import("10:00-00:00").expect("ok");
    assert!(imported.weekly.days.iter().all(|d| d == &[iv("10:00", "24:00")]));
    // A year before the dates and another in them: refused, naming the part.
    let refused = import("2027 2026Dec off").expect_err("refused");
    assert!(refused.reason.contains("leave out"), "{}", refused.reason);
    let refused = import("2026Apr-Sep,Dec 24 off").expect_err("refused");
    assert!(refused.reason.contains("before each date"), "{}", refused.reason);
    let refused = import("2026-2028 2027Dec off").expect_err("refused");
    assert!(refused.reason.contains("not both"), "{}", refused.reason);
    assert_eq!(
        import("off, 2026Dec 24").expect("ok").special,
        import("2026 Dec 24").expect("ok").special
    );
    assert_eq!(import("off, 2026Dec 24").expect("ok").special.len(), 1);
    let dead = import("off || Dec").expect("ok");
    assert!(dead.rules.is_empty() && dead.weekly.is_always_closed(), "{:?}", dead.rules);
    assert_eq!(
        import("2026  easter off").expect("ok").rules,
        import("2026 easter off").expect("ok").rules
    );
    for text in ["2026 Apr-Sep,2026 Dec 24 off", "2026 Apr-Sep,Dec 24 off", "2026-2028 Dec 24 off"]
    {
        let hours = import_hours(text, "DE-BW").expect(text);
        let again = import_hours(&export(&hours), "DE-BW");
        assert_eq!(again.as_ref().ok(), Some(&hours), "{text}");
    }
}

#[test]
fn overnight_wrapping_weekdays_24_7_and_24_00_are_understood() {
    let night = import("Fr,Sa 18:00-02:00; Sa-Mo 10:00-16:00").expect("ok");
    assert_eq!(night.weekly.days[4], [iv("18:00", "24:00")], "Saturday is named later");
    assert_eq!(night.weekly.days[6], [iv("10:00", "16:00")]);
    let replaced = import("Mo-Su 09:00-01:00; Su 10:00-24:00").expect("ok");
    assert_eq!(replaced.weekly.days[6], [iv("10:00", "24:00")]);
    assert_eq!(
        replaced.weekly.days[0],
        [iv("00:00", "01:00"), iv("09:00", "01:00")],
        "the replaced Sunday's night still reaches into Monday"
    );
    assert_eq!(night.weekly.days[0], [iv("10:00", "16:00")]);
    let always = import("24/7").expect("ok");
    assert!(always.weekly.days.iter().all(|d| d.as_slice() == [iv("00:00", "24:00")]));
    assert_eq!(import("Mo 18:00-24:00").expect("ok").weekly.days[0], [iv("18:00", "24:00")]);
}

#[test]
fn a_later_rule_naming_a_day_cuts_the_previous_nights_carry_over() {
    // As in opening_hours.js: Thursday's 17:00-01:00 ends at midnight because the second
    // rule names Friday; Friday's own night into Saturday is kept.
    let imported = import("Mo-Th 17:00-01:00; Fr,Sa 17:00-03:00").expect("ok");
    assert_eq!(imported.weekly.days[3], [iv("17:00", "24:00")]);
    assert_eq!(imported.weekly.days[2], [iv("17:00", "01:00")]);
    assert_eq!(imported.weekly.days[4], [iv("17:00", "03:00")]);
    assert_eq!(imported.weekly.days[5], [iv("17:00", "03:00")]);
}

#[test]
fn dated_rules_become_special_hours_with_their_note() {
    let imported = import(
        "Mo-Fr 08:00-18:00; 2026 Dec 24-2026 Dec 26 off \"Weihnachten\"; 2026 Dec 31 10:00-14:00",
    )
    .expect("ok");
    assert_eq!(imported.special.len(), 2);
    assert_eq!(imported.special[0].from.to_string(), "2026-12-24");
    assert_eq!(imported.special[0].to.to_string(), "2026-12-26");
    assert!(imported.special[0].is_closure());
    assert_eq!(imported.special[0].note, "Weihnachten");
    assert_eq!(imported.special[1].intervals, [iv("10:00", "14:00")]);
}

#[test]
fn what_nahbar_cannot_model_is_refused_naming_the_part_and_why() {
    for (text, why) in [
        ("Mo-Fr 10:00-14:00+", "open end after a closing time"),
        ("Mo-Fr 10:00-16:00/01:00", "repeating times"),
        ("Sa[1] +2 days 10:00-12:00", "n-th weekdays with a day offset"),
        ("Dec 24 -1 day off", "only supported after easter"),
        ("Dec 24+ off", "open date ranges"),
        ("Mo-Fr sunset-02:00", "must not run past midnight"),
        ("Mo-Fr 10:00-12:00, 14:00-16:00 off, SH Mo 10:00-11:00", "comma"),
    ] {
        let error = import(text).expect_err(text);
        assert!(error.reason.contains(why), "{text}: {}", error.reason);
        assert!(!error.part.is_empty(), "{text}: names the part");
    }
    let syntax = import("Mo-Frr 08:00-12:00").expect_err("syntax");
    assert!(syntax.reason.starts_with("not valid opening_hours syntax"), "{}", syntax.reason);
}

#[test]
fn new_constructs_become_typed_rules_between_the_week_and_the_holidays() {
    let hours = import_hours(
        "Mo-Fr 09:00-18:00; Sa[1] 10:00-14:00; Dec 24,31 10:00-14:00; Fr,Sa 19:00+; PH off",
        "DE-BW",
    )
    .expect("ok");
    assert_eq!(hours.weekly.days[0], [iv("09:00", "18:00")]);
    assert_eq!(hours.holiday_rule, HolidayRule::Closed);
    assert_eq!(hours.rules.len(), 3);
    assert!(
        matches!(&hours.rules[0].when.weekdays[..], [WeekdayRange::Nth { nth, .. }] if nth == &[1])
    );
    assert_eq!(hours.rules[1].when.dates.len(), 2, "Dec 24,31 is two days");
    assert_eq!(hours.rules[2].times, [Span { from: TimePoint::Fixed(19 * 60), to: None }]);
    assert_eq!(
        export(&hours),
        "Mo-Fr 09:00-18:00; Sa[1] 10:00-14:00; Dec 24,Dec 31 10:00-14:00; Fr,Sa 19:00+; PH off"
    );
}

#[test]
fn rules_in_any_order_keep_their_order_and_round_trip() {
    for text in [
        "PH off; Mo-Fr 09:00-18:00",
        "Apr-Sep Mo-Su 09:00-19:00; Oct-Mar Mo-Su 10:00-17:00; PH off",
        "Mo-Fr 08:00-18:00 || \"nach Vereinbarung\"",
        "Mo-Th 17:00-01:00, Fr,Sa 17:00-03:00",
        "Mo-Fr 07:30-15:30; SH off; 2026 Dec 24-2026 Dec 26 off \"Weihnachten\"",
        "easter -2 days off; 2026+ week 01-53/2 Fr 13:00-15:00",
        "Mo-Su (sunrise+01:00)-(sunset-01:00) \"Biergarten\"",
        "24/7 \"Selbstbedienung\"",
    ] {
        let hours = import_hours(text, "DE-BW").expect(text);
        let exported = export(&hours);
        assert_eq!(
            import_hours(&exported, "DE-BW").expect(&exported),
            hours,
            "{text} → {exported}"
        );
    }
    let in_order = import_hours("PH off; Mo-Fr 09:00-18:00", "DE-BW").expect("ok");
    assert_eq!(in_order.holiday_rule, HolidayRule::AsUsual, "PH before the week stays a rule");
    assert_eq!(in_order.rules.len(), 2);
}

#[test]
fn export_is_canonical_and_imports_back_to_the_same_hours() {
    let hours = import_hours(
        "Mo-Fr 06:30-12:30,14:00-18:30; Sa 07:00-13:00; PH 10:00-12:00; 2026 Aug 03-2026 Aug 21 off \"Betriebsferien\"",
        "DE-BW",
    )
    .expect("ok");
    let text = export(&hours);
    assert_eq!(
        text,
        "Mo-Fr 06:30-12:30,14:00-18:30; Sa 07:00-13:00; PH 10:00-12:00; \
         2026 Aug 03-2026 Aug 21 off \"Betriebsferien\""
    );
    assert_eq!(import_hours(&text, "DE-BW").expect("again"), hours);
    let mut closed_on_holidays = hours.clone();
    closed_on_holidays.holiday_rule = HolidayRule::Closed;
    assert!(export(&closed_on_holidays).contains("; PH off"));
    assert_eq!(
        export(&OpeningHours { holiday_rule: HolidayRule::AsUsual, ..OpeningHours::default() }),
        "off"
    );
}
