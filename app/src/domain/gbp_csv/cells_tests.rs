use super::*;
use crate::domain::gbp_csv::test_support::*;
use crate::domain::location::BUSINESS_TYPES;

#[test]
fn every_business_type_has_a_category_that_leads_back_to_it() {
    for schema_type in BUSINESS_TYPES {
        let category = category_of(schema_type);
        assert_eq!(schema_type_of(category), Some(*schema_type), "{schema_type} ↔ {category:?}");
        assert_eq!(
            schema_type_of(schema_type),
            Some(*schema_type),
            "the schema.org name works too"
        );
    }
    assert_eq!(category_of("Bakery"), "Bakery");
    assert_eq!(category_of("CafeOrCoffeeShop"), "Cafe");
    assert_eq!(schema_type_of("  coffee   SHOP "), Some("CafeOrCoffeeShop"));
    assert_eq!(schema_type_of("Bäckerei"), Some("Bakery"));
    assert_eq!(schema_type_of("Spaceport"), None);
}

#[test]
fn regions_are_found_by_name_code_or_short_code() {
    for text in ["Baden-Württemberg", "baden wuerttemberg", "DE-BW", "bw"] {
        assert_eq!(region_code("DE", text).as_deref(), Some("DE-BW"), "{text}");
    }
    assert_eq!(region_code("DE", "Bavaria").as_deref(), Some("DE-BY"));
    assert_eq!(region_code("CH", "Zürich").as_deref(), Some("CH-ZH"));
    assert_eq!(region_code("AT", "Wien").as_deref(), Some("AT-9"));
    assert_eq!(region_code("DE", "Tirol"), None, "Tyrol is in Austria");
    assert_eq!(
        region_code("FR", "Île-de-France").as_deref(),
        Some(""),
        "no holiday data for France"
    );
    assert_eq!(region_name("DE-BW"), "Baden-Württemberg");
}

#[test]
fn empty_time_zone_and_language_follow_the_country() {
    let at = row(&[
        (Column::StoreCode, "W-1"),
        (Column::BusinessName, "Café"),
        (Column::Locality, "Wien"),
        (Column::Country, "Österreich"),
    ])
    .expect("valid");
    assert_eq!(at.details.timezone, "Europe/Vienna");
    assert_eq!(at.details.address.country, "AT");
    assert_eq!(at.details.language, "de");
    let ch = row(&[
        (Column::StoreCode, "Z"),
        (Column::BusinessName, "Café"),
        (Column::Locality, "Zürich"),
        (Column::Country, "ch"),
    ])
    .expect("valid");
    assert_eq!(ch.details.timezone, "Europe/Zurich");
    let fr = problems_of(row(&[
        (Column::StoreCode, "P"),
        (Column::BusinessName, "Café"),
        (Column::Locality, "Paris"),
        (Column::Country, "FR"),
    ]));
    assert_eq!(fr, [(Some(Column::TimeZone), Problem::Required)], "no default for France");
}
