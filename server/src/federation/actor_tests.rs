use super::*;
use crate::federation::test_support::test_key;
use crate::federation::urls::Base;
use app::domain::hours::TimeOfDay;
use chrono::TimeZone;

fn urls() -> LocationUrls {
    Base::parse("https://shop.example").expect("base").location("baeckerei")
}

fn hm(h: u16, m: u16) -> TimeOfDay {
    TimeOfDay::from_hm(h, m).expect("time")
}

fn input() -> ActorInput {
    ActorInput {
        name: "Bäckerei Sonnenschein".into(),
        description: "Brot & Brötchen seit 1921.\nAuch sonntags.".into(),
        lang: Lang::De,
        icon: Some(ActorImage {
            url: "https://shop.example/media/logo-400.jpg".into(),
            mime: "image/jpeg".into(),
        }),
        image: Some(ActorImage {
            url: "https://shop.example/media/cover-1200.jpg".into(),
            mime: "image/jpeg".into(),
        }),
        public_key_pem: test_key().public_pem().to_string(),
        discoverable: true,
        indexable: false,
        address: "Hauptstraße 1, 79098 Freiburg".into(),
        geo: Some((47.99591, 7.85222)),
        today: Some(vec![Interval::new(hm(7, 0), hm(12, 30)), Interval::new(hm(14, 0), hm(18, 0))]),
        website: "https://sonnenschein.example/".into(),
        published: Utc.with_ymd_and_hms(2026, 1, 5, 10, 0, 0).single().expect("t"),
    }
}

#[test]
fn the_actor_is_an_organization_with_every_endpoint() {
    let actor = actor(&input(), &urls());
    assert_eq!(actor["type"], "Organization");
    assert_eq!(actor["id"], "https://shop.example/baeckerei/actor");
    assert_eq!(actor["preferredUsername"], "baeckerei");
    assert_eq!(actor["url"], "https://shop.example/baeckerei");
    assert_eq!(actor["inbox"], "https://shop.example/baeckerei/inbox");
    assert_eq!(actor["outbox"], "https://shop.example/baeckerei/outbox");
    assert_eq!(actor["followers"], "https://shop.example/baeckerei/followers");
    assert_eq!(actor["endpoints"]["sharedInbox"], "https://shop.example/inbox");
    assert_eq!(actor["manuallyApprovesFollowers"], false);
    assert_eq!(actor["discoverable"], true);
    assert_eq!(actor["indexable"], false);
    assert_eq!(actor["publicKey"]["id"], "https://shop.example/baeckerei/actor#main-key");
    assert_eq!(actor["publicKey"]["owner"], actor["id"]);
    assert_eq!(actor["publicKey"]["publicKeyPem"], test_key().public_pem());
    assert_eq!(
        actor["icon"],
        json!({"type": "Image", "mediaType": "image/jpeg", "url": "https://shop.example/media/logo-400.jpg"})
    );
    assert_eq!(actor["image"]["url"], "https://shop.example/media/cover-1200.jpg");
    assert_eq!(actor["summary"], "<p>Brot &amp; Brötchen seit 1921.<br>Auch sonntags.</p>");
}

#[test]
fn address_hours_and_website_are_html_fields_in_the_locations_language() {
    let actor = actor(&input(), &urls());
    let fields = actor["attachment"].as_array().expect("fields");
    assert_eq!(fields.len(), 4);
    assert!(fields.iter().all(|f| f["type"] == "PropertyValue"));
    assert_eq!(fields[0]["name"], "Adresse");
    assert_eq!(
        fields[0]["value"],
        "<a href=\"https://www.openstreetmap.org/?mlat=47.99591&amp;mlon=7.85222#map=18/47.99591/7.85222\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">Hauptstraße 1, 79098 Freiburg</a>"
    );
    assert_eq!(
        fields[1],
        json!({"type": "PropertyValue", "name": "Heute", "value": "07:00–12:30, 14:00–18:00"})
    );
    assert_eq!(
        fields[2]["value"],
        "<a href=\"https://sonnenschein.example/\" rel=\"me nofollow noopener noreferrer\" target=\"_blank\">sonnenschein.example</a>"
    );
    // The imprint, which § 5 DDG asks for wherever the shop presents itself; not rel="me":
    // it is the shop's own page, which links no profile back.
    assert_eq!(
        fields[3],
        json!({"type": "PropertyValue", "name": "Impressum", "value": "<a href=\"https://shop.example/baeckerei/imprint\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">shop.example/baeckerei/imprint</a>"})
    );
}

#[test]
fn a_closed_day_says_so_and_missing_facts_leave_no_empty_fields() {
    let mut closed = input();
    closed.lang = Lang::En;
    closed.today = Some(vec![]);
    closed.address = String::new();
    closed.website = "<script>".into();
    closed.icon = None;
    let actor = actor(&closed, &urls());
    let fields = actor["attachment"].as_array().expect("fields");
    assert_eq!(fields[0], json!({"type": "PropertyValue", "name": "Today", "value": "closed"}));
    assert_eq!(fields[1]["value"], "&lt;script&gt;");
    assert_eq!(fields[2]["name"], "Imprint");
    assert_eq!(fields.len(), 3);
    assert_eq!(actor.get("icon"), None);
    let mut unknown = input();
    unknown.today = None;
    assert_eq!(
        crate::federation::actor::actor(&unknown, &urls())["attachment"].as_array().map(Vec::len),
        Some(3)
    );
}

#[test]
fn collections_tell_only_their_size() {
    let followers = collection("https://shop.example/baeckerei/followers", 41);
    assert_eq!(followers["totalItems"], 41);
    assert_eq!(followers["type"], "OrderedCollection");
}
