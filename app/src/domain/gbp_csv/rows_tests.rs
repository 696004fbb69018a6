use super::*;
use crate::domain::gbp_csv::test_support::*;
use crate::domain::slug::{slug_text, unique_slug};

#[test]
fn required_cells_and_bad_values_are_all_reported_at_once() {
    let found = problems_of(row(&[
        (Column::StoreCode, " "),
        (Column::BusinessName, "Laden"),
        (Column::Locality, ""),
        (Column::Country, "Atlantis"),
        (Column::Latitude, "91"),
        (Column::Longitude, "7.8"),
        (Column::PrimaryCategory, "Spaceport"),
        (Column::Email, "not-an-email"),
        (Column::Language, "fr"),
        (Column::NahbarSlug, "Admin"),
    ]));
    assert_eq!(
        found,
        [
            (Some(Column::StoreCode), Problem::Required),
            (Some(Column::Locality), Problem::Required),
            (Some(Column::Country), Problem::UnknownCountry),
            (Some(Column::Latitude), Problem::BadCoordinates),
            (Some(Column::PrimaryCategory), Problem::UnknownCategory),
            (Some(Column::Email), Problem::InvalidEmail),
            (Some(Column::Language), Problem::UnknownLanguage),
            (Some(Column::NahbarSlug), Problem::BadSlug),
        ]
    );
}

#[test]
fn a_row_without_some_columns_keeps_those_values_of_the_location() {
    let existing = location();
    let partial = parse_row(5, |column| match column {
        Column::StoreCode => Some("FR-1"),
        Column::BusinessName => Some("Sonnenschein am Markt"),
        Column::Locality => Some("Freiburg im Breisgau"),
        Column::Country => Some("DE"),
        Column::MondayHours => Some("x"),
        Column::PrimaryPhone => Some(""),
        _ => None,
    })
    .expect("valid");
    let (details, hours) = partial.merged_onto(&existing);
    assert_eq!(details.name, "Sonnenschein am Markt");
    assert_eq!(details.phone, "", "a present but empty column clears the value");
    assert_eq!(details.website, existing.details.website, "a missing column keeps it");
    assert_eq!(details.address.region, "DE-BW");
    assert_eq!(details.geo, existing.details.geo);
    assert_eq!(details.schema_type, "CafeOrCoffeeShop");
    assert!(hours.days[0].is_empty());
    assert_eq!(hours.days[1..], existing.hours.days[1..]);
}

#[test]
fn exported_cells_read_back_to_the_same_location() {
    let original = location();
    let cells = cells_of(&original);
    assert_eq!(cells.len(), Column::ALL.len());
    let text = |c: Column| cells[c.index()].as_str();
    assert_eq!(text(Column::Country), "DE");
    assert_eq!(text(Column::AdministrativeArea), "Baden-Württemberg");
    assert_eq!(text(Column::PrimaryCategory), "Cafe");
    assert_eq!(text(Column::MondayHours), "07:00-12:30,14:00-18:00");
    assert_eq!(text(Column::SundayHours), "x");
    assert_eq!(
        text(Column::FromTheBusiness).chars().next(),
        Some('\''),
        "a formula-like text is escaped"
    );
    let back = parse_row(2, |c| Some(&cells[c.index()])).expect("valid");
    assert_eq!(back.details, original.details);
    assert_eq!(back.hours, original.hours);
    assert_eq!(back.slug.as_ref().map(Slug::as_str), Some("sonnenschein-freiburg"));
    assert!(same_special_days(&back.special, &original.special));
    assert_eq!(back.merged_onto(&original), (original.details.clone(), original.hours.clone()));
}

#[test]
fn a_later_row_repeating_a_store_code_or_slug_is_the_error() {
    let one = row(&with(minimal(), &[(Column::NahbarSlug, "markt")]));
    let mut rows = vec![
        one.clone(),
        one.clone().map(|mut r| {
            r.line = 3;
            r
        }),
    ];
    check_duplicates(&mut rows);
    assert!(rows[0].is_ok());
    let errors = rows[1].clone().expect_err("duplicate");
    assert_eq!(
        errors.iter().map(|e| (e.line, e.column, e.problem)).collect::<Vec<_>>(),
        [
            (3, Some(Column::StoreCode), Problem::DuplicateStoreCode),
            (3, Some(Column::NahbarSlug), Problem::DuplicateSlug)
        ]
    );
}

#[test]
fn new_slugs_come_from_name_and_city_and_never_collide() {
    let details = row(&minimal()).expect("valid").details;
    let mut taken =
        std::collections::HashSet::from(["baeckerei-sonnenschein-freiburg".to_string()]);
    let mut next = std::collections::HashMap::new();
    let slugs: Vec<String> =
        (0..3).map(|_| unique_slug(&details, &mut taken, &mut next).to_string()).collect();
    assert_eq!(
        slugs,
        [
            "baeckerei-sonnenschein-freiburg-2",
            "baeckerei-sonnenschein-freiburg-3",
            "baeckerei-sonnenschein-freiburg-4"
        ]
    );
    let mut basel = details.clone();
    basel.name = "Sonnenschein Basel".into();
    basel.address.city = "Basel".into();
    assert_eq!(unique_slug(&basel, &mut taken, &mut next).as_str(), "sonnenschein-basel");
    assert_eq!(slug_text("  ÄÖÜ ß!! "), Some("aeoeue-ss".into()));
    assert_eq!(slug_text("!!"), None);
}

#[test]
fn error_codes_survive_a_trip_through_a_url() {
    let error =
        RowError::new(7, Some(Column::PrimaryCategory), Problem::UnknownCategory, "Spaceport");
    let back = RowError::from_code(&error.to_code()).expect("parsed");
    assert_eq!((back.line, back.column, back.problem), (7, error.column, error.problem));
    assert_eq!(RowError::from_code("1.-.no_rows").map(|e| e.column), Some(None));
    assert_eq!(RowError::from_code("1.99.no_rows"), None);
    assert!(Problem::ALL.iter().all(|p| Problem::from_code(p.code()) == Some(*p)));
}

#[test]
fn headers_match_whatever_their_case_and_spacing() {
    assert_eq!(Column::from_header("country/region"), Some(Column::Country));
    assert_eq!(Column::from_header("\u{feff}STORE CODE"), Some(Column::StoreCode));
    assert_eq!(Column::from_header("Labels"), None);
}
