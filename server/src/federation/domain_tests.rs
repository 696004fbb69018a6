use super::*;
use app::domain::hours::{TimeOfDay, WeeklyHours};
use app::domain::location::{GeoPoint, LocationDetails};
use app::domain::post::{Geotag, PostState};
use app::domain::schedule::{HolidayRule, SpecialHours};
use chrono::{NaiveDate, TimeZone};

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).single().expect("instant")
}

fn interval(from: u16, to: u16) -> Interval {
    Interval::new(TimeOfDay::from_hm(from, 0).expect("t"), TimeOfDay::from_hm(to, 0).expect("t"))
}

fn location() -> Location {
    let mut hours = WeeklyHours::default();
    hours.days[0] = vec![interval(8, 18)];
    hours.days[1] = vec![interval(7, 12)];
    Location {
        id: 1,
        business_id: 1,
        business_name: "Sonnenschein".into(),
        slug: "baeckerei".into(),
        details: LocationDetails {
            name: "Bäckerei Sonnenschein".into(),
            timezone: "Europe/Berlin".into(),
            language: "en".into(),
            ..LocationDetails::default()
        },
        hours,
        special: vec![],
        holiday_rule: HolidayRule::Closed,
        rules: Vec::new(),
        pois: vec![],
        archived: false,
    }
}

fn post() -> Post {
    Post {
        id: 42,
        business_id: 1,
        location_id: 1,
        location_slug: "baeckerei".into(),
        location_name: "Bäckerei Sonnenschein".into(),
        location_timezone: "Europe/Berlin".into(),
        author_id: 1,
        author_name: "Ana".into(),
        kind: PostKind::Offer,
        text: "Brezeln".into(),
        valid_until: NaiveDate::from_ymd_opt(2026, 12, 24),
        starts_at: None,
        ends_at: None,
        state: PostState::Published,
        publish_at: None,
        published_at: Some(at(2026, 12, 20, 8, 0)),
        reject_reason: String::new(),
        geotag: Some(Geotag {
            point: GeoPoint { lat: 48.0, lon: 7.8 },
            accuracy_m: 10.0,
            place: String::new(),
        }),
        photos: vec![PostPhoto {
            hash: "abc".into(),
            width: 4000,
            height: 3000,
            widths: vec![400, 800, 1600],
            alt: String::new(),
        }],
        confirmed: vec![],
        created_at: at(2026, 12, 19, 8, 0),
        updated_at: at(2026, 12, 19, 8, 0),
    }
}

#[test]
fn a_post_maps_to_its_note_input() {
    let base = Base::parse("https://shop.example").expect("base");
    let input =
        note_input(&post(), Lang::De, &base, |hash| (hash == "abc").then(|| "LKO2?U".to_string()));
    assert_eq!(input.kind, NoteKind::Offer { last_day: NaiveDate::from_ymd_opt(2026, 12, 24) });
    assert_eq!(input.published, at(2026, 12, 20, 8, 0));
    let photo = &input.photos[0];
    assert_eq!(photo.url, "https://shop.example/media/abc-1600.jpg");
    assert_eq!((photo.width, photo.height), (1600, 1200));
    assert_eq!(photo.blurhash.as_deref(), Some("LKO2?U"));
    assert_eq!(photo.alt, "");
    let place = input.place.expect("place");
    assert_eq!(place.name, "Bäckerei Sonnenschein", "an unnamed geotag is the shop");
    let mut event = post();
    event.kind = PostKind::Event;
    assert_eq!(
        note_input(&event, Lang::De, &base, |_| None).kind,
        NoteKind::Update,
        "an event without a start"
    );
}

#[test]
fn today_is_the_locations_day_with_its_exceptions() {
    let location = location();
    // Monday 2026-07-06, 10:00 in Berlin.
    assert_eq!(today(&location, at(2026, 7, 6, 8, 0)), Some(vec![interval(8, 18)]));
    // 23:30 UTC on Monday is already Tuesday in Berlin.
    assert_eq!(today(&location, at(2026, 7, 6, 23, 30)), Some(vec![interval(7, 12)]));
    let mut closed = location.clone();
    let day = NaiveDate::from_ymd_opt(2026, 7, 6).expect("date");
    closed.special = vec![SpecialHours {
        id: 1,
        from: day,
        to: day,
        intervals: vec![],
        note: "Inventur".into(),
    }];
    assert_eq!(today(&closed, at(2026, 7, 6, 8, 0)), Some(vec![]));
    let mut none = location;
    none.hours = WeeklyHours::default();
    assert_eq!(today(&none, at(2026, 7, 6, 8, 0)), None);
}

#[test]
fn a_location_maps_to_its_actor_input() {
    let settings = ActorSettings {
        discoverable: true,
        indexable: false,
        icon: None,
        image: None,
        published: at(2026, 1, 1, 0, 0),
    };
    let input = actor_input(&location(), "PEM", settings, at(2026, 7, 6, 8, 0));
    assert_eq!(input.lang, Lang::En);
    assert_eq!(input.name, "Bäckerei Sonnenschein");
    assert_eq!(input.today, Some(vec![interval(8, 18)]));
    assert!(!input.indexable);
}
