use super::*;
use crate::federation::urls::Base;
use chrono::TimeZone;

fn urls() -> LocationUrls {
    Base::parse("https://shop.example").expect("base").location("baeckerei")
}

fn at(h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 20, h, 0, 0).single().expect("instant")
}

fn input(text: &str, kind: NoteKind) -> NoteInput {
    NoteInput {
        post_id: 42,
        text: text.into(),
        lang: Lang::De,
        tz: chrono_tz::Europe::Berlin,
        kind,
        photos: vec![],
        place: None,
        published: at(8),
        updated: None,
    }
}

#[test]
fn the_authors_text_is_escaped_and_keeps_its_lines() {
    let (html, tags) =
        text_html("Heute <b>neu</b> & \"frisch\"\nzweite Zeile\n\n  \nNeuer Absatz", &urls());
    assert_eq!(
        html,
        "<p>Heute &lt;b&gt;neu&lt;/b&gt; &amp; &quot;frisch&quot;<br>zweite Zeile</p><p>Neuer Absatz</p>"
    );
    assert!(tags.is_empty());
}

#[test]
fn hashtags_become_links_and_tags_once_each() {
    let (html, tags) = text_html(
        "Frische #Brötchen und #Kaffee_2go! #2026 nicht, a#b nicht, #brötchen doppelt",
        &urls(),
    );
    assert_eq!(tags, ["Brötchen", "Kaffee_2go"]);
    assert!(html.contains(
        "<a href=\"https://shop.example/baeckerei?tag=br%C3%B6tchen\" class=\"mention hashtag\" rel=\"tag\">#<span>Brötchen</span></a>"
    ), "{html}");
    assert!(html.contains("#2026 nicht, a#b nicht"), "{html}");
    assert_eq!(html.matches("class=\"mention hashtag\"").count(), 3, "{html}");
}

#[test]
fn links_are_clickable_without_trailing_punctuation_and_hide_no_hashtags() {
    let (html, tags) =
        text_html("Karte: https://shop.example/karte#mittag. (siehe https://x.example/a)", &urls());
    assert!(tags.is_empty(), "a #fragment in a URL is no hashtag");
    assert!(html.contains(
        "<a href=\"https://shop.example/karte#mittag\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">https://shop.example/karte#mittag</a>."
    ), "{html}");
    assert!(html.contains(">https://x.example/a</a>)"), "{html}");
    let (html, _) = text_html("javascript:alert(1) bleibt Text", &urls());
    assert_eq!(html, "<p>javascript:alert(1) bleibt Text</p>");
}

#[test]
fn an_offer_gets_its_last_day_and_a_place_its_map_link() {
    let mut post = input(
        "Zwei Brezeln zum Preis von einer",
        NoteKind::Offer { last_day: NaiveDate::from_ymd_opt(2026, 12, 24) },
    );
    post.place = Some(NotePlace {
        name: "Bäckerei Sonnenschein, Eingang".into(),
        lat: 47.99591,
        lon: 7.85222,
    });
    let (html, _) = content_html(&post, &urls());
    assert_eq!(
        html,
        "<p>Zwei Brezeln zum Preis von einer</p><p>Angebot gilt bis 24.12.</p>\
         <p>📍 Bäckerei Sonnenschein, Eingang · <a href=\"https://www.openstreetmap.org/?mlat=47.99591&amp;mlon=7.85222#map=18/47.99591/7.85222\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">Karte</a></p>"
    );
}

#[test]
fn an_event_shows_its_times_in_the_locations_language_and_zone() {
    let mut post = input("Adventssingen", NoteKind::Event { starts: at(17), ends: Some(at(19)) });
    post.lang = Lang::En;
    let (html, _) = content_html(&post, &urls());
    assert_eq!(html, "<p>Adventssingen</p><p>When: 20 Dec 18:00 – 20 Dec 20:00</p>");
}

#[test]
fn the_note_carries_photos_tags_place_and_addressing() {
    let mut post = input("Neu: #Stollen", NoteKind::Update);
    post.photos = vec![NotePhoto {
        url: "https://shop.example/media/abc-1200.jpg".into(),
        mime: "image/jpeg".into(),
        width: 1200,
        height: 800,
        alt: "Stollen auf dem Tresen".into(),
        blurhash: Some("UBL_:rOpGG-oBUNG,qRj2so|=eE1w^n4S5NH".into()),
    }];
    post.place = Some(NotePlace { name: "Bäckerei".into(), lat: 48.0, lon: 7.8 });
    post.updated = Some(at(9));
    let note = note(&post, &urls());
    assert_eq!(note["id"], "https://shop.example/baeckerei/posts/42/note");
    assert_eq!(note["url"], "https://shop.example/baeckerei/posts/42");
    assert_eq!(note["attributedTo"], "https://shop.example/baeckerei/actor");
    assert_eq!(note["to"], json!([PUBLIC]));
    assert_eq!(note["cc"], json!(["https://shop.example/baeckerei/followers"]));
    assert_eq!(note["published"], "2026-12-20T08:00:00Z");
    assert_eq!(note["updated"], "2026-12-20T09:00:00Z");
    assert_eq!(note["contentMap"]["de"], note["content"]);
    assert_eq!(note["attachment"][0]["type"], "Image");
    assert_eq!(note["attachment"][0]["name"], "Stollen auf dem Tresen");
    assert_eq!(note["attachment"][0]["width"], 1200);
    assert_eq!(note["attachment"][0]["blurhash"], "UBL_:rOpGG-oBUNG,qRj2so|=eE1w^n4S5NH");
    assert_eq!(
        note["tag"],
        json!([{"type": "Hashtag", "href": "https://shop.example/baeckerei?tag=stollen", "name": "#Stollen"}])
    );
    assert_eq!(
        note["location"],
        json!({"type": "Place", "name": "Bäckerei", "latitude": 48.0, "longitude": 7.8})
    );
}

#[test]
fn an_answer_mentions_the_person_it_answers() {
    let answer = reply(
        &ReplyInput {
            answer_id: 7,
            text: "Ja, bis 18 Uhr!".into(),
            lang: Lang::De,
            in_reply_to: "https://social.example/users/alice/statuses/9".into(),
            to_actor: "https://social.example/users/alice".into(),
            to_acct: "alice@social.example".into(),
            published: at(10),
        },
        &urls(),
    );
    assert_eq!(answer["inReplyTo"], "https://social.example/users/alice/statuses/9");
    assert_eq!(
        answer["content"],
        "<p><span class=\"h-card\"><a href=\"https://social.example/users/alice\" class=\"u-url mention\">@<span>alice</span></a></span> Ja, bis 18 Uhr!</p>"
    );
    assert_eq!(
        answer["tag"][0],
        json!({"type": "Mention", "href": "https://social.example/users/alice", "name": "@alice@social.example"})
    );
    assert_eq!(answer["cc"][0], "https://social.example/users/alice");
}

#[test]
fn a_closure_notice_is_a_short_note_linking_the_local_page() {
    let t = Lang::De.federation();
    let day = |d| NaiveDate::from_ymd_opt(2026, 12, d).expect("date");
    let text = format!("{}\nBetriebsferien", t.closure_line(Lang::De, day(24), day(26)));
    let notice = notice(3, &text, Lang::De, at(7), &urls());
    assert_eq!(notice["content"], "<p>Geschlossen: 24.–26.12.<br>Betriebsferien</p>");
    assert_eq!(notice["url"], "https://shop.example/baeckerei");
    assert_eq!(notice["id"], "https://shop.example/baeckerei/notices/3");
}
