//! Rows, locations and hours the unit tests of the sheet share.

use super::*;
use crate::domain::hours::TimeOfDay;
use crate::domain::schedule::HolidayRule;

pub(super) fn iv(o: &str, c: &str) -> Interval {
    Interval::new(TimeOfDay::parse(o).expect("t"), TimeOfDay::parse(c).expect("t"))
}

pub(super) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

pub(super) fn special(
    from: NaiveDate,
    to: NaiveDate,
    intervals: Vec<Interval>,
    note: &str,
) -> SpecialHours {
    SpecialHours { id: 0, from, to, intervals, note: note.into() }
}

/// A row as a map from column to text; other columns are present but empty.
pub(super) fn row(cells: &[(Column, &str)]) -> RowResult {
    parse_row(2, |column| Some(cells.iter().find(|(c, _)| *c == column).map_or("", |(_, t)| *t)))
}

pub(super) fn minimal() -> Vec<(Column, &'static str)> {
    vec![
        (Column::StoreCode, "FR-2"),
        (Column::BusinessName, "Bäckerei Sonnenschein"),
        (Column::Locality, "Freiburg"),
        (Column::Country, "DE"),
    ]
}

pub(super) fn with(
    mut cells: Vec<(Column, &'static str)>,
    more: &[(Column, &'static str)],
) -> Vec<(Column, &'static str)> {
    cells.extend_from_slice(more);
    cells
}

pub(super) fn problems_of(result: RowResult) -> Vec<(Option<Column>, Problem)> {
    result.expect_err("invalid").into_iter().map(|e| (e.column, e.problem)).collect()
}

pub(super) fn location() -> Location {
    let mut hours = WeeklyHours::default();
    for day in 0..5 {
        hours.days[day] = vec![iv("07:00", "12:30"), iv("14:00", "18:00")];
    }
    hours.days[5] = vec![iv("22:00", "03:00")];
    Location {
        id: 1,
        business_id: 1,
        business_name: "Bäckerei Sonnenschein".into(),
        slug: "sonnenschein-freiburg".into(),
        details: LocationDetails {
            name: "Bäckerei Sonnenschein, Freiburg".into(),
            schema_type: "CafeOrCoffeeShop".into(),
            description: "=Brot, \"Brötchen\"; und Kuchen\nseit 1921".into(),
            address: Address {
                street: "Kaiser-Joseph-Straße 1".into(),
                postal_code: "79098".into(),
                city: "Freiburg im Breisgau".into(),
                country: "DE".into(),
                region: "DE-BW".into(),
            },
            geo: GeoPoint::new(47.99351234567, 7.8520001),
            phone: "+49 761 123456".into(),
            email: "freiburg@sonnenschein.example".into(),
            website: "https://sonnenschein.example".into(),
            timezone: "Europe/Berlin".into(),
            language: "de".into(),
            branch_code: "FR-1".into(),
        },
        hours,
        special: vec![
            special(date(2026, 8, 3), date(2026, 8, 7), vec![], "Betriebsferien"),
            special(
                date(2026, 12, 24),
                date(2026, 12, 24),
                vec![iv("08:00", "12:00"), iv("13:00", "14:00")],
                "Heiligabend",
            ),
        ],
        holiday_rule: HolidayRule::Closed,
        rules: Vec::new(),
        pois: Vec::new(),
        archived: false,
    }
}
