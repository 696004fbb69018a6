use super::*;

fn details() -> LocationDetails {
    LocationDetails {
        name: " Bäckerei ".into(),
        schema_type: "Bakery".into(),
        address: Address { city: "Freiburg".into(), ..Address::default() },
        timezone: "Europe/Berlin".into(),
        language: "de".into(),
        branch_code: String::new(),
        ..LocationDetails::default()
    }
}

#[test]
fn valid_details_are_trimmed() {
    let clean = details().validate().expect("valid");
    assert_eq!(clean.name, "Bäckerei");
}

#[test]
fn every_problem_of_the_details_form_is_reported_with_its_field() {
    let mut bad = details();
    bad.name = "  ".into();
    bad.schema_type = "Spaceport".into();
    bad.timezone = "Mars/Olympus".into();
    bad.email = "not-an-email".into();
    bad.website = "javascript:alert(1)".into();
    bad.phone = "call me".into();
    bad.geo = Some(GeoPoint { lat: 91.0, lon: 0.0 });
    let errors = bad.validate().expect_err("invalid");
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["name", "schema_type", "timezone", "email", "website", "phone", "geo"]);
}

#[test]
fn phone_uri_keeps_digits_and_plus() {
    let mut d = details();
    d.phone = "+49 (761) 123-45".into();
    assert_eq!(d.phone_uri(), "tel:+4976112345");
}
