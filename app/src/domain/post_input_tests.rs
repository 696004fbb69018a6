use super::*;
use crate::domain::hours::WeeklyHours;
use crate::domain::location::{Address, LocationDetails, Poi, PoiKind};
use crate::domain::schedule::HolidayRule;

fn shop() -> Location {
    Location {
        id: 7,
        business_id: 1,
        business_name: "Bäckerei Sonnenschein".into(),
        slug: "sonnenschein-freiburg".into(),
        details: LocationDetails {
            name: "Bäckerei Sonnenschein".into(),
            schema_type: "Bakery".into(),
            address: Address {
                city: "Freiburg".into(),
                country: "DE".into(),
                ..Address::default()
            },
            geo: GeoPoint::new(47.9935, 7.8520),
            timezone: "Europe/Berlin".into(),
            language: "de".into(),
            ..LocationDetails::default()
        },
        hours: WeeklyHours::default(),
        special: Vec::new(),
        holiday_rule: HolidayRule::Closed,
        rules: Vec::new(),
        pois: vec![Poi {
            id: 3,
            name: "Parkplatz Hof".into(),
            kind: PoiKind::Parking,
            point: GeoPoint { lat: 47.9945, lon: 7.8530 },
            note: String::new(),
            public: true,
        }],
        archived: false,
    }
}

fn fields(pairs: &[(&str, &str)]) -> PostFields {
    let mut fields = PostFields::default();
    for (name, value) in pairs {
        fields.push(name.to_string(), value.to_string());
    }
    fields
}

#[test]
fn a_post_needs_text_of_at_most_the_limit() {
    assert_eq!(
        new_post(&fields(&[("text", "  ")]), &shop(), vec![]),
        Err(PostProblem::TextMissing)
    );
    let long = "x".repeat(MAX_TEXT_CHARS + 1);
    assert_eq!(
        new_post(&fields(&[("text", &long)]), &shop(), vec![]),
        Err(PostProblem::TextTooLong)
    );
    let post = new_post(&fields(&[("text", " Frische Brezeln ")]), &shop(), vec![]).expect("post");
    assert_eq!(
        (post.text.as_str(), post.kind, post.location_id),
        ("Frische Brezeln", PostKind::Update, 7)
    );
}

#[test]
fn an_event_ends_after_it_starts_in_the_shops_time_zone() {
    let backwards = fields(&[
        ("text", "Lesung"),
        ("kind", "event"),
        ("starts_at", "2026-12-04T19:00"),
        ("ends_at", "2026-12-04T18:00"),
    ]);
    assert_eq!(new_post(&backwards, &shop(), vec![]), Err(PostProblem::EventTimes));
    let no_start = fields(&[("text", "Lesung"), ("kind", "event")]);
    assert_eq!(new_post(&no_start, &shop(), vec![]), Err(PostProblem::EventTimes));
    let event = fields(&[
        ("text", "Lesung"),
        ("kind", "event"),
        ("starts_at", "2026-12-04T19:00"),
        ("ends_at", "2026-12-04T21:00"),
    ]);
    let post = new_post(&event, &shop(), vec![]).expect("event");
    // 19:00 in Freiburg in December is 18:00 UTC.
    assert_eq!(post.starts_at.map(|t| t.to_rfc3339()), Some("2026-12-04T18:00:00+00:00".into()));
}

#[test]
fn an_offer_date_and_a_publish_time_must_read() {
    let offer = fields(&[("text", "Stollen"), ("kind", "offer"), ("valid_until", "24.12.")]);
    assert_eq!(new_post(&offer, &shop(), vec![]), Err(PostProblem::OfferDate));
    let later = fields(&[("text", "Stollen"), ("publish_at", "morgen")]);
    assert_eq!(new_post(&later, &shop(), vec![]), Err(PostProblem::PublishTime));
    // To the minute, as the form sends it, or to the second; in the shop's time zone.
    for (typed, utc) in [
        ("2026-12-04T09:30", "2026-12-04T08:30:00+00:00"),
        ("2026-12-04T09:30:45", "2026-12-04T08:30:45+00:00"),
        ("2026-07-01T09:30:05", "2026-07-01T07:30:05+00:00"),
    ] {
        let post =
            new_post(&fields(&[("text", "Stollen"), ("publish_at", typed)]), &shop(), vec![]);
        let at = post.expect("a publish time").publish_at.map(|t| t.to_rfc3339());
        assert_eq!(at.as_deref(), Some(utc), "{typed}");
    }
    let seconds_too_many = fields(&[("text", "Stollen"), ("publish_at", "2026-12-04T09:30:61")]);
    assert_eq!(new_post(&seconds_too_many, &shop(), vec![]), Err(PostProblem::PublishTime));
}

#[test]
fn a_position_snaps_to_a_poi_within_its_accuracy_and_a_bad_one_is_refused() {
    let near_parking = fields(&[
        ("text", "Platz frei"),
        ("lat", "47.99452"),
        ("lon", "7.85301"),
        ("accuracy", "8"),
    ]);
    let post = new_post(&near_parking, &shop(), vec![]).expect("post");
    let tag = post.geotag.expect("geotag");
    assert!(tag.place.contains("Parkplatz Hof"), "{}", tag.place);
    let nowhere = fields(&[("text", "Platz frei"), ("lat", "91"), ("lon", "7.85")]);
    assert_eq!(new_post(&nowhere, &shop(), vec![]), Err(PostProblem::Position));
}

#[test]
fn the_idempotency_key_and_the_confirmed_checklist_are_kept() {
    let form = fields(&[
        ("text", "Neu"),
        ("idempotency_key", " 7f0c-42 "),
        ("confirm", "Keine Gesichter"),
        ("confirm", "Preise geprüft"),
    ]);
    let post = new_post(&form, &shop(), vec![]).expect("post");
    assert_eq!(post.idempotency_key.as_deref(), Some("7f0c-42"));
    assert_eq!(post.confirmed, ["Keine Gesichter", "Preise geprüft"]);
}
