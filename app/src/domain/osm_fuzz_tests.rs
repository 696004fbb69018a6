//! Property tests of the import: arbitrary text never panics, and whatever is accepted
//! exports to a value that imports back to the same hours. (That every export is a value
//! opening_hours.js accepts is checked on a generated sample in `tests/oh/`.)
use super::*;
use proptest::prelude::*;

const TOKENS: &[&str] = &[
    "Mo",
    "Tu",
    "We",
    "Th",
    "Fr",
    "Sa",
    "Su",
    "Mo-Fr",
    "Sa-Mo",
    "PH",
    "SH",
    "-",
    ",",
    ", ",
    ";",
    "; ",
    " ",
    " ",
    " ",
    "||",
    "10:00",
    "18:00",
    "22:00",
    "02:00",
    "00:00",
    "24:00",
    "26:00",
    "10:00-18:00",
    "19:00+",
    "+",
    "off",
    "closed",
    "open",
    "unknown",
    "\"Markt\"",
    "Dec",
    "24",
    "Dec 24",
    "Dec 24-26",
    "Dec 23-Jan 06",
    "Apr-Sep",
    "Nov-Mar",
    "Aug",
    "Sa[1]",
    "Su[-1]",
    "[1,3]",
    "easter",
    "easter -2 days",
    "-2 days",
    "+1 day",
    "week",
    "01-53/2",
    "week 10-20",
    "2026",
    "2026-2028",
    "2026+",
    "sunrise",
    "sunset",
    "(sunrise+01:00)",
    "(sunset-01:00)",
    "dawn-dusk",
    "24/7",
    ":",
];

fn osm_like() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 1..12).prop_map(|t| t.concat())
}

proptest! {
    #![proptest_config(crate::domain::property_config(3000))]

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,80}") {
        let _ = import_hours(&text, "DE-BW");
    }

    #[test]
    fn accepted_values_round_trip_through_the_export(text in osm_like()) {
        if let Ok(hours) = import_hours(&text, "DE-BW") {
            let exported = export(&hours);
            let again = import_hours(&exported, "DE-BW");
            prop_assert_eq!(again.as_ref().ok(), Some(&hours), "{} → {}", text, exported);
        }
    }
}

#[test]
fn the_generator_reaches_the_new_constructs() {
    // A fixed sample, so the property above is known to exercise accepted values.
    let accepted =
        ["Sa[1] 10:00-18:00", "Dec 24-26 off", "Apr-Sep Mo-Fr 19:00+", "easter -2 days off"]
            .iter()
            .filter(|t| import_hours(t, "DE-BW").is_ok())
            .count();
    assert_eq!(accepted, 4);
}
