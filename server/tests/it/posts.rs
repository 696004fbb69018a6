//! Posts end to end: the media pipeline on a phone-like photo (EXIF GPS and orientation),
//! refused uploads, who may move a post between states, scheduled publishing across a
//! restart, and what customers get (local page, post page, Atom feed, calendar).

use crate::common::{OWNER_EMAIL, OWNER_PASSWORD, TestApp};
use app::domain::location::{GeoPoint, Role};
use app::domain::post::{Action, Actor, NewPost, PostState, transition};
use chrono::{Duration, Utc};
use exif::experimental::Writer;
use exif::{Field, In, Rational, Tag, Value};
use std::io::Cursor;

/// A 300×200 JPEG, left half red and right half blue, with EXIF orientation 6 (shown
/// rotated 90° clockwise: red on top), GPS coordinates, camera make, model and serial
/// number, and an XMP packet with the position too.
pub fn phone_photo() -> Vec<u8> {
    let image = image::RgbImage::from_fn(300, 200, |x, _| {
        if x < 150 { image::Rgb([220, 20, 20]) } else { image::Rgb([20, 20, 220]) }
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 95)
        .encode(image.as_raw(), 300, 200, image::ExtendedColorType::Rgb8)
        .expect("jpeg");
    let rational = |n: u32, d: u32| Rational { num: n, denom: d };
    let fields = [
        Field { tag: Tag::Orientation, ifd_num: In::PRIMARY, value: Value::Short(vec![6]) },
        Field {
            tag: Tag::Make,
            ifd_num: In::PRIMARY,
            value: Value::Ascii(vec![b"PhoneMaker".to_vec()]),
        },
        Field {
            tag: Tag::Model,
            ifd_num: In::PRIMARY,
            value: Value::Ascii(vec![b"Pixel 99".to_vec()]),
        },
        Field {
            tag: Tag::BodySerialNumber,
            ifd_num: In::PRIMARY,
            value: Value::Ascii(vec![b"SN-4711-SECRET".to_vec()]),
        },
        Field {
            tag: Tag::GPSLatitudeRef,
            ifd_num: In::PRIMARY,
            value: Value::Ascii(vec![b"N".to_vec()]),
        },
        Field {
            tag: Tag::GPSLatitude,
            ifd_num: In::PRIMARY,
            value: Value::Rational(vec![rational(47, 1), rational(59, 1), rational(4254, 100)]),
        },
        Field {
            tag: Tag::GPSLongitudeRef,
            ifd_num: In::PRIMARY,
            value: Value::Ascii(vec![b"E".to_vec()]),
        },
        Field {
            tag: Tag::GPSLongitude,
            ifd_num: In::PRIMARY,
            value: Value::Rational(vec![rational(7, 1), rational(51, 1), rational(1797, 100)]),
        },
    ];
    let mut writer = Writer::new();
    for field in &fields {
        writer.push_field(field);
    }
    let mut tiff = Cursor::new(Vec::new());
    writer.write(&mut tiff, false).expect("exif");
    let mut exif_payload = b"Exif\0\0".to_vec();
    exif_payload.extend(tiff.into_inner());
    let xmp = b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><exif:GPSLatitude>47,59.709N</exif:GPSLatitude></x:xmpmeta>".to_vec();
    let mut out = jpeg[..2].to_vec(); // SOI
    for payload in [exif_payload, xmp] {
        out.extend([0xFF, 0xE1]);
        out.extend(((payload.len() + 2) as u16).to_be_bytes());
        out.extend(payload);
    }
    out.extend(&jpeg[2..]);
    out
}

async fn upload(app: &TestApp, bytes: Vec<u8>, name: &str) -> reqwest::Response {
    let csrf = app.csrf_token().await;
    let form = reqwest::multipart::Form::new()
        .part("photo", reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()));
    app.client
        .post(app.url("/admin/media"))
        .header("x-csrf-token", csrf)
        .multipart(form)
        .send()
        .await
        .expect("upload")
}

#[tokio::test]
async fn a_phone_photo_is_oriented_and_every_served_file_is_free_of_metadata() {
    let app = TestApp::spawn().await;
    app.login_owner().await;
    let original = phone_photo();
    // The fixture really carries what must not leak.
    let exif = exif::Reader::new().read_from_container(&mut Cursor::new(&original)).expect("exif");
    assert!(exif.get_field(Tag::GPSLatitude, In::PRIMARY).is_some());
    assert!(exif.get_field(Tag::BodySerialNumber, In::PRIMARY).is_some());

    let response = upload(&app, original, "IMG_0001.jpg").await;
    assert_eq!(response.status(), 201);
    let photo: serde_json::Value = response.json().await.expect("json");
    let hash = photo["hash"].as_str().expect("hash").to_string();
    assert_eq!(
        (photo["width"].as_u64(), photo["height"].as_u64()),
        (Some(200), Some(300)),
        "oriented"
    );
    let widths: Vec<u64> =
        photo["widths"].as_array().expect("widths").iter().filter_map(|w| w.as_u64()).collect();
    assert_eq!(widths, [200], "never upscaled");

    for extension in ["jpg", "webp"] {
        let response = app.get(&format!("/media/{hash}-200.{extension}")).await;
        assert_eq!(response.status(), 200, "{extension}");
        let cache = response.headers()["cache-control"].to_str().expect("cc").to_string();
        assert!(cache.contains("immutable") && cache.contains("max-age=31536000"), "{cache}");
        let bytes = response.bytes().await.expect("bytes").to_vec();
        let found = exif::Reader::new().read_from_container(&mut Cursor::new(&bytes));
        assert!(found.is_err(), "{extension}: EXIF must be gone");
        for needle in
            [&b"Exif\0"[..], b"ns.adobe.com/xap", b"xmpmeta", b"SN-4711", b"PhoneMaker", b"XMP "]
        {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle),
                "{extension} leaks {needle:?}"
            );
        }
        let decoded = image::load_from_memory(&bytes).expect("decodes").to_rgb8();
        assert_eq!(decoded.dimensions(), (200, 300));
        let top = decoded.get_pixel(100, 40);
        let bottom = decoded.get_pixel(100, 260);
        assert!(
            top[0] > 150 && top[2] < 100,
            "{extension}: red on top after orientation, got {top:?}"
        );
        assert!(
            bottom[2] > 150 && bottom[0] < 100,
            "{extension}: blue at the bottom, got {bottom:?}"
        );
    }
    // The same upload again is the same photo, not a second copy.
    let again: serde_json::Value =
        upload(&app, phone_photo(), "copy.jpg").await.json().await.expect("json");
    assert_eq!(again["hash"], hash);
}

#[tokio::test]
async fn bad_uploads_are_refused_with_a_reason_and_the_server_keeps_serving() {
    let app = TestApp::spawn().await;
    app.login_owner().await;
    let mut truncated = phone_photo();
    truncated.truncate(truncated.len() / 2);
    let mut bomb = b"\x89PNG\r\n\x1a\n".to_vec();
    // IHDR of 40 000 × 40 000 pixels (1.6 gigapixels), then a tiny IDAT and IEND.
    let chunk = |kind: &[u8], data: &[u8]| {
        let mut body = kind.to_vec();
        body.extend(data);
        let mut out = (data.len() as u32).to_be_bytes().to_vec();
        out.extend(&body);
        out.extend(crc32(&body).to_be_bytes());
        out
    };
    let mut ihdr = 40_000u32.to_be_bytes().to_vec();
    ihdr.extend(40_000u32.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    bomb.extend(chunk(b"IHDR", &ihdr));
    bomb.extend(chunk(b"IDAT", &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]));
    bomb.extend(chunk(b"IEND", &[]));
    let cases: [(Vec<u8>, u16, &str); 4] = [
        (b"%PDF-1.7 not a photo".to_vec(), 415, "JPEG, PNG or WebP"),
        (truncated, 422, "damaged or incomplete"),
        (bomb, 422, "megapixels"),
        (vec![0xFF; 21 * 1024 * 1024], 413, "larger than"),
    ];
    for (bytes, status, needle) in cases {
        let response = upload(&app, bytes, "upload.jpg").await;
        assert_eq!(response.status().as_u16(), status, "{needle}");
        let body = response.text().await.expect("body");
        assert!(body.contains(needle), "{body}");
    }
    assert_eq!(app.get("/healthz").await.status(), 200, "still serving");
    let ok = upload(&app, phone_photo(), "ok.jpg").await;
    assert_eq!(ok.status(), 201, "a good photo after the bad ones");
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for byte in bytes {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn new_post(text: &str, publish_at: Option<chrono::DateTime<Utc>>) -> NewPost {
    NewPost { publish_at, ..NewPost::update(1, text) }
}

#[tokio::test]
async fn every_role_may_do_exactly_what_the_transition_table_allows() {
    let app = TestApp::spawn().await;
    let staff =
        app.create_user("staff@sonnenschein.example", "staff-password-1", 1, Role::Staff).await;
    app.create_user("staff2@sonnenschein.example", "staff-password-2", 1, Role::Staff).await;
    app.create_user("manager@sonnenschein.example", "manager-password-1", 1, Role::Manager).await;
    app.other_business().await;
    app.create_user("staff@speiche.example", "speiche-password-1", 2, Role::Staff).await;
    app.create_user("owner@speiche.example", "speiche-password-2", 2, Role::Owner).await;
    let actors: [(&str, &str, Option<Role>, bool); 6] = [
        ("staff@sonnenschein.example", "staff-password-1", Some(Role::Staff), true),
        ("staff2@sonnenschein.example", "staff-password-2", Some(Role::Staff), false),
        ("manager@sonnenschein.example", "manager-password-1", Some(Role::Manager), false),
        (OWNER_EMAIL, OWNER_PASSWORD, Some(Role::Owner), false),
        ("staff@speiche.example", "speiche-password-1", None, false),
        ("owner@speiche.example", "speiche-password-2", None, false),
    ];
    let mut clients = Vec::new();
    for (email, password, _, _) in &actors {
        let client = app.shallow();
        client.login(email, password).await;
        clients.push(client);
    }
    let now = Utc::now();
    let mut checked = 0;
    for from in [
        PostState::Draft,
        PostState::Pending,
        PostState::Scheduled,
        PostState::Published,
        PostState::Archived,
        PostState::Rejected,
    ] {
        for action in Action::ALL {
            for ((_, _, role, is_author), client) in actors.iter().zip(&clients) {
                let publish_at = (from == PostState::Scheduled).then(|| now + Duration::days(1));
                let (id, _) = app
                    .store
                    .create_post(
                        1,
                        staff,
                        &new_post(&format!("{from:?} {action:?}"), publish_at),
                        from,
                        now,
                    )
                    .await
                    .expect("post");
                let response = client
                    .post_form(
                        &format!("/admin/posts/{id}/{}", action.as_str()),
                        &[("reason", "Bitte ohne Gesichter")],
                    )
                    .await;
                let after = app.store.post(1, id).await.expect("post").state;
                let expected = match role {
                    // Another business, or another staff member's post: not found.
                    None => Err(404),
                    Some(Role::Staff) if !is_author => Err(404),
                    Some(role) => match transition(
                        from,
                        action,
                        Actor { role: *role, is_author: *is_author },
                        true,
                        publish_at,
                        now,
                    ) {
                        Ok(state) => Ok(state),
                        Err(app::domain::post::Refusal::NotAllowed) => Err(403),
                        Err(app::domain::post::Refusal::WrongState) => Err(409),
                    },
                };
                match expected {
                    Ok(state) => {
                        assert_eq!(response.status(), 303, "{from:?} {action:?} by {role:?}");
                        assert_eq!(after, state, "{from:?} {action:?} by {role:?}");
                    }
                    Err(status) => {
                        assert_eq!(
                            response.status().as_u16(),
                            status,
                            "{from:?} {action:?} by {role:?}"
                        );
                        assert_eq!(after, from, "a refusal changes nothing");
                    }
                }
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 6 * 6 * 6);
    // The foreign answer is the same as for a post that does not exist.
    let missing = clients[4].post_form("/admin/posts/999999/approve", &[]).await;
    assert_eq!(missing.status(), 404);
    // A rejection needs a reason, and the author sees it.
    let (id, _) = app
        .store
        .create_post(1, staff, &new_post("Foto vom Team", None), PostState::Pending, now)
        .await
        .expect("p");
    let no_reason =
        clients[2].post_form(&format!("/admin/posts/{id}/reject"), &[("reason", " ")]).await;
    assert_eq!(no_reason.status(), 422);
    clients[2]
        .post_form(&format!("/admin/posts/{id}/reject"), &[("reason", "Bitte ohne Gesichter")])
        .await;
    let (_, list) = clients[0].get_text("/admin/posts").await;
    assert!(list.contains("Bitte ohne Gesichter"), "the author sees the reason");
    // Refusals speak the person's language.
    let csrf = clients[0].csrf_token().await;
    let refused = clients[0]
        .client
        .post(clients[0].url(&format!("/admin/posts/{id}/approve")))
        .header("accept-language", "de-DE")
        .form(&[("csrf_token", csrf.as_str())])
        .send()
        .await
        .expect("approve");
    assert_eq!(refused.status(), 403);
    assert_eq!(refused.text().await.expect("body"), "Deine Rolle darf Beiträge nicht freigeben.");
}

#[tokio::test]
async fn a_scheduled_post_goes_live_on_time_even_across_a_restart() {
    let app = TestApp::spawn().await;
    let author =
        app.create_user("staff@sonnenschein.example", "staff-password-1", 1, Role::Staff).await;
    let at = Utc::now() + Duration::seconds(3);
    let (id, _) = app
        .store
        .create_post(
            1,
            author,
            &new_post("Adventsmarkt ab 16 Uhr", Some(at)),
            PostState::Scheduled,
            Utc::now(),
        )
        .await
        .expect("post");
    let (status, _) = app.get_text(&format!("/sonnenschein-freiburg/posts/{id}")).await;
    assert_eq!(status, 404, "not public before its time");
    let app = app.restart().await;
    // Down while it falls due... (the old server is gone; nothing publishes now)
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    let app = app.restart().await;
    let mut published = false;
    for _ in 0..40 {
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
        if app.get(&format!("/sonnenschein-freiburg/posts/{id}")).await.status() == 200 {
            published = true;
            break;
        }
    }
    assert!(published, "published by the restarted server's scheduler");
    let post = app.store.post(1, id).await.expect("post");
    assert_eq!(post.state, PostState::Published);
    assert!(
        post.published_at.is_some_and(|p| p >= at - Duration::seconds(1)),
        "published at its time"
    );
}

#[tokio::test]
async fn customers_get_the_post_page_the_atom_feed_and_events_in_the_calendar() {
    let app = TestApp::spawn().await;
    app.login_owner().await;
    let photo: serde_json::Value =
        upload(&app, phone_photo(), "p.jpg").await.json().await.expect("json");
    let hash = photo["hash"].as_str().expect("hash").to_string();
    let csrf = app.csrf_token().await;
    let form = reqwest::multipart::Form::new()
        .text("location", "1")
        .text("kind", "event")
        .text("text", "Brotbackkurs für Kinder\nMit Teig zum Mitnehmen & <Spaß>.")
        .text("starts_at", "2026-12-05T10:00")
        .text("ends_at", "2026-12-05T12:00")
        .text("lat", "47.99514")
        .text("lon", "7.85500")
        .text("accuracy", "8")
        .text("photo_hash", hash.clone())
        .text("alt", "Kinder kneten Teig")
        .text("intent", "submit")
        .text("idempotency_key", "kurs-1");
    let response = app
        .client
        .post(app.url("/admin/posts"))
        .header("x-csrf-token", &csrf)
        .header("accept", "application/json")
        .multipart(form)
        .send()
        .await
        .expect("create");
    assert_eq!(response.status(), 201);
    let created: serde_json::Value = response.json().await.expect("json");
    assert_eq!(created["state"], "published", "the owner publishes directly");
    let id = created["id"].as_i64().expect("id");
    assert_eq!(
        created["post"]["geotag"]["place"],
        "Bäckerei Sonnenschein Freiburg, Stufenloser Eingang"
    );

    // A retry with the same key returns the same post.
    let replay = reqwest::multipart::Form::new()
        .text("location", "1")
        .text("text", "Brotbackkurs für Kinder")
        .text("intent", "submit")
        .text("idempotency_key", "kurs-1");
    let again = app
        .client
        .post(app.url("/admin/posts"))
        .header("x-csrf-token", &csrf)
        .header("accept", "application/json")
        .multipart(replay)
        .send()
        .await
        .expect("replay");
    assert_eq!(again.status(), 200);
    let again: serde_json::Value = again.json().await.expect("json");
    assert_eq!((again["id"].as_i64(), again["replayed"].as_bool()), (Some(id), Some(true)));

    let (status, page) = app.get_text(&format!("/sonnenschein-freiburg/posts/{id}")).await;
    assert_eq!(status, 200);
    let doc = scraper::Html::parse_document(&page);
    let meta = |property: &str| {
        let selector =
            scraper::Selector::parse(&format!("meta[property=\"{property}\"]")).expect("selector");
        doc.select(&selector).next().and_then(|m| m.value().attr("content")).map(str::to_string)
    };
    assert_eq!(meta("og:type").as_deref(), Some("article"));
    assert_eq!(
        meta("og:title").as_deref(),
        Some("Brotbackkurs für Kinder – Bäckerei Sonnenschein Freiburg")
    );
    assert_eq!(meta("og:url"), Some(app.url(&format!("/sonnenschein-freiburg/posts/{id}"))));
    assert_eq!(meta("og:image"), Some(app.url(&format!("/media/{hash}-200.jpg"))));
    assert!(page.contains("&lt;Spaß&gt;"), "text is escaped");
    assert!(page.contains("alt=\"Kinder kneten Teig\""));
    let (_, local) = app.get_text("/sonnenschein-freiburg").await;
    assert!(local.contains("Brotbackkurs für Kinder") && local.contains("type=\"image/webp\""));
    assert!(local.contains("loading=\"lazy\""));

    let feed_text = app.get("/sonnenschein-freiburg/feed.atom").await.text().await.expect("feed");
    let feed = feed_rs::parser::parse(feed_text.as_bytes()).expect("a real feed parser reads it");
    assert_eq!(feed.entries.len(), 1);
    let entry = &feed.entries[0];
    assert_eq!(entry.title.as_ref().map(|t| t.content.as_str()), Some("Brotbackkurs für Kinder"));
    assert!(entry.id.ends_with(&format!(":sonnenschein-freiburg:post:{id}")), "{}", entry.id);
    assert!(
        entry
            .links
            .iter()
            .any(|l| l.href == app.url(&format!("/sonnenschein-freiburg/posts/{id}")))
    );
    assert!(feed_text.contains("<georss:point>47.99514 7.855</georss:point>"), "{feed_text}");
    assert!(feed_text.contains("xmlns:georss=\"http://www.georss.org/georss\""));
    let again = feed_rs::parser::parse(
        app.get("/sonnenschein-freiburg/feed.atom").await.bytes().await.expect("b").as_ref(),
    )
    .expect("feed");
    assert_eq!(again.entries[0].id, entry.id, "ids are stable");

    // The same post in JSON Feed 1.1, read by the same independent parser.
    let json_response = app.get("/sonnenschein-freiburg/feed.json").await;
    assert_eq!(json_response.headers()["content-type"], "application/feed+json");
    let json_text = json_response.text().await.expect("json feed");
    let json_feed = feed_rs::parser::parse(json_text.as_bytes()).expect("a real parser reads it");
    assert_eq!(json_feed.feed_type, feed_rs::model::FeedType::JSON);
    assert_eq!(json_feed.entries.len(), 1);
    let item = &json_feed.entries[0];
    assert_eq!(item.id, entry.id, "the same id as in the Atom feed");
    assert_eq!(item.title.as_ref().map(|t| t.content.as_str()), Some("Brotbackkurs für Kinder"));
    let raw: serde_json::Value = serde_json::from_str(&json_text).expect("json");
    assert_eq!(raw["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(raw["feed_url"], app.url("/sonnenschein-freiburg/feed.json"));
    assert_eq!(raw["items"][0]["url"], app.url(&format!("/sonnenschein-freiburg/posts/{id}")));
    let attachment = &raw["items"][0]["attachments"][0];
    assert_eq!(attachment["title"], "Kinder kneten Teig");
    assert!(attachment["url"].as_str().is_some_and(|u| u.ends_with(".jpg")), "{attachment}");
    assert_eq!(raw["items"][0]["image"], attachment["url"]);

    let calendar = app.get("/sonnenschein-freiburg/calendar.ics").await.text().await.expect("ics");
    let parsed: icalendar::Calendar = calendar.parse().expect("calendar");
    let event = parsed
        .components
        .iter()
        .filter_map(|c| c.as_event())
        .find(|e| icalendar::Component::get_summary(*e) == Some("Brotbackkurs für Kinder"))
        .expect("the event is in the calendar");
    assert_eq!(
        icalendar::Component::get_uid(event),
        Some(
            format!("sonnenschein-freiburg-post-{id}@{}", app.base.trim_start_matches("http://"))
                .as_str()
        )
    );
    let _ = GeoPoint { lat: 0.0, lon: 0.0 };
}
