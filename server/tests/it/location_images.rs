//! A location's face: the owner sets a logo and a cover photo through the media pipeline;
//! the local page, its Open Graph preview and JSON-LD, a post page without a photo and the
//! fediverse profile show them; a file that is no image is refused and stores nothing;
//! remove works; staff and another business's owner get the same 404 as a missing location.

use crate::common::{TestApp, location};
use crate::posts::phone_photo;
use app::domain::location::Role;
use scraper::{Html, Selector};
use std::io::Cursor;

const SLUG: &str = "sonnenschein-leipzig";

/// A square PNG logo: a yellow sun on white.
fn logo_png() -> Vec<u8> {
    let image = image::RgbImage::from_fn(500, 500, |x, y| {
        let (dx, dy) = (x as i32 - 250, y as i32 - 250);
        if dx * dx + dy * dy < 150 * 150 {
            image::Rgb([240, 190, 20])
        } else {
            image::Rgb([255; 3])
        }
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(image)
        .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .expect("png");
    out
}

/// Posts the screen's upload form as a browser without JavaScript does (the CSRF token in
/// the action's query).
async fn upload(
    app: &TestApp,
    location: i64,
    which: &str,
    bytes: Vec<u8>,
    alt: &str,
) -> reqwest::Response {
    let csrf = app.csrf_token().await;
    let form = reqwest::multipart::Form::new()
        .text("which", which.to_string())
        .part("file", reqwest::multipart::Part::bytes(bytes).file_name("upload.bin"))
        .text("alt", alt.to_string());
    app.client
        .post(app.url(&format!("/admin/locations/{location}/images?csrf_token={csrf}")))
        .header("accept-language", "de")
        .multipart(form)
        .send()
        .await
        .expect("upload")
}

async fn shop_id(app: &TestApp) -> i64 {
    app.store.location_by_slug(SLUG).await.expect("db").expect("location").id
}

fn attrs(html: &str, css: &str, attr: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let selector = Selector::parse(css).expect("selector");
    doc.select(&selector).filter_map(|e| e.value().attr(attr).map(str::to_string)).collect()
}

fn json_ld(html: &str) -> serde_json::Value {
    let doc = Html::parse_document(html);
    let selector = Selector::parse("script[type='application/ld+json']").expect("selector");
    let script = doc.select(&selector).next().expect("JSON-LD");
    serde_json::from_str(&script.inner_html()).expect("JSON")
}

#[tokio::test]
async fn logo_and_cover_show_on_the_page_in_previews_json_ld_and_the_fediverse_profile() {
    let app = TestApp::spawn_on_localhost().await;
    app.login_owner().await;
    let id = shop_id(&app).await;
    // Before: no picture anywhere.
    let (_, page) = app.get_text(&format!("/{SLUG}")).await;
    assert!(attrs(&page, "meta[property='og:image']", "content").is_empty());

    let response = upload(&app, id, "logo", logo_png(), "ignored for a logo").await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(response.headers()), format!("/admin/locations/{id}/images?saved=logo"));
    let response = upload(&app, id, "cover", phone_photo(), "Die Theke am Morgen").await;
    assert_eq!(location(response.headers()), format!("/admin/locations/{id}/images?saved=cover"));
    let images = app.store.location_images(id).await.expect("images");
    let logo = images.logo.clone().expect("logo stored");
    let cover = images.cover.clone().expect("cover stored");
    assert_eq!((logo.width, logo.height, logo.widths.clone()), (500, 500, vec![400, 500]));
    assert_eq!(logo.alt, "", "a logo has no alt text of its own: the name beside it says it");
    assert_eq!((cover.width, cover.height), (200, 300), "oriented by its EXIF tag");
    assert_eq!(cover.alt, "Die Theke am Morgen");

    // The owner's screen shows both, each with a remove button.
    let (status, screen) = app.get_text(&format!("/admin/locations/{id}/images?saved=cover")).await;
    assert_eq!(status, 200);
    assert!(screen.contains("role=\"status\""), "the saved message");
    let previews = attrs(&screen, "img.image-preview", "src");
    assert_eq!(previews.len(), 2, "{previews:?}");
    assert_eq!(
        attrs(&screen, "form[action$='/images/remove'] input[name=which]", "value"),
        ["logo", "cover"]
    );

    // The local page: the cover on top (responsive, sized), the logo beside the name.
    let (_, page) = app.get_text(&format!("/{SLUG}")).await;
    let cover_src = attrs(&page, ".location-cover img", "srcset");
    assert_eq!(cover_src.len(), 1);
    assert!(cover_src[0].contains(&format!("/media/{}-200.jpg 200w", cover.hash)), "{cover_src:?}");
    assert_eq!(attrs(&page, ".location-cover img", "alt"), ["Die Theke am Morgen"]);
    assert_eq!(attrs(&page, ".location-cover img", "width"), ["200"]);
    assert_eq!(attrs(&page, ".location-cover img", "height"), ["300"]);
    assert_eq!(
        attrs(&page, "img.location-logo", "alt"),
        [String::new()],
        "decorative beside the name"
    );
    assert_eq!(attrs(&page, "img.location-logo", "src"), [format!("/media/{}-400.jpg", logo.hash)]);
    assert!(!page.contains("<script src") && !page.contains("<script>"), "still script-free");
    let cover_url = format!("{}/media/{}-200.jpg", app.base, cover.hash);
    let logo_url = format!("{}/media/{}-400.jpg", app.base, logo.hash);
    assert_eq!(attrs(&page, "meta[property='og:image']", "content"), [cover_url.clone()]);
    assert_eq!(attrs(&page, "meta[property='og:image:alt']", "content"), ["Die Theke am Morgen"]);
    let ld = json_ld(&page);
    assert_eq!(ld["image"], cover_url.as_str(), "{ld}");
    assert_eq!(ld["logo"], logo_url.as_str(), "{ld}");

    // The fediverse profile: the logo as avatar, the cover as header.
    let (status, actor) = app.get_text(&format!("/{SLUG}/actor")).await;
    assert_eq!(status, 200);
    let actor: serde_json::Value = serde_json::from_str(&actor).expect("actor JSON");
    assert_eq!(actor["icon"]["url"], logo_url.as_str(), "{actor}");
    assert_eq!(actor["icon"]["mediaType"], "image/jpeg");
    assert_eq!(actor["image"]["url"], cover_url.as_str(), "{actor}");

    // A post without a photo of its own is shared with the cover.
    let csrf = app.csrf_token().await;
    let form = reqwest::multipart::Form::new()
        .text("location", id.to_string())
        .text("kind", "update")
        .text("text", "Heute frische Brezeln")
        .text("intent", "submit");
    let created: serde_json::Value = app
        .client
        .post(app.url("/admin/posts"))
        .header("x-csrf-token", &csrf)
        .header("accept", "application/json")
        .multipart(form)
        .send()
        .await
        .expect("post")
        .json()
        .await
        .expect("json");
    assert_eq!(created["state"], "published", "{created}");
    let (_, post_page) = app.get_text(&format!("/{SLUG}/posts/{}", created["id"])).await;
    assert_eq!(attrs(&post_page, "meta[property='og:image']", "content"), [cover_url.clone()]);

    // The served files carry no EXIF, GPS or serial number.
    for extension in ["jpg", "webp"] {
        let response = app.get(&format!("/media/{}-200.{extension}", cover.hash)).await;
        assert_eq!(response.status(), 200);
        let bytes = response.bytes().await.expect("bytes").to_vec();
        assert!(exif::Reader::new().read_from_container(&mut Cursor::new(&bytes)).is_err());
        for needle in [&b"Exif\0"[..], b"SN-4711", b"PhoneMaker", b"xmpmeta"] {
            assert!(!bytes.windows(needle.len()).any(|w| w == needle), "{extension} leaks");
        }
    }
}

#[tokio::test]
async fn a_pdf_or_garbage_is_refused_in_the_request_language_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    app.login_owner().await;
    let id = shop_id(&app).await;
    let files: [(&str, Vec<u8>); 2] = [
        ("pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF".to_vec()),
        ("garbage", (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect()),
    ];
    for (what, bytes) in files {
        let response = upload(&app, id, "cover", bytes, "").await;
        assert_eq!(response.status(), 415, "{what}");
        let body = response.text().await.expect("body");
        assert!(body.contains("JPEG-, PNG- oder WebP-Bild"), "{what}: German, {body}");
    }
    // Problems of the form go back to the screen, which shows them as an alert.
    let response = upload(&app, id, "logo", Vec::new(), "").await;
    let back = location(response.headers());
    assert!(back.starts_with(&format!("/admin/locations/{id}/images?error=no_file")), "{back}");
    let (_, screen) = app.get_text(&back).await;
    assert!(screen.contains("role=\"alert\""), "the problem as an alert");
    let long = "x".repeat(301);
    let response = upload(&app, id, "cover", logo_png(), &long).await;
    assert!(location(response.headers()).contains("error=alt_too_long"));
    let response = upload(&app, id, "banner", logo_png(), "").await;
    assert_eq!(response.status(), 422, "an unknown kind");
    assert_eq!(app.store.location_images(id).await.expect("images"), Default::default());
    let (_, page) = app.get_text(&format!("/{SLUG}")).await;
    assert!(attrs(&page, "meta[property='og:image']", "content").is_empty());
}

#[tokio::test]
async fn removing_the_logo_takes_it_off_the_page_and_the_profile_at_once() {
    let app = TestApp::spawn_on_localhost().await;
    app.login_owner().await;
    let id = shop_id(&app).await;
    upload(&app, id, "logo", logo_png(), "").await;
    let logo = app.store.location_images(id).await.expect("images").logo.expect("logo");
    let (_, page) = app.get_text(&format!("/{SLUG}")).await;
    assert_eq!(attrs(&page, "img.location-logo", "alt").len(), 1, "cached with the logo");
    let response =
        app.post_form(&format!("/admin/locations/{id}/images/remove"), &[("which", "logo")]).await;
    assert_eq!(location(response.headers()), format!("/admin/locations/{id}/images?removed=logo"));
    assert_eq!(app.store.location_images(id).await.expect("images").logo, None);
    let (_, page) = app.get_text(&format!("/{SLUG}")).await;
    assert!(attrs(&page, "img.location-logo", "alt").is_empty(), "the page cache followed");
    assert!(json_ld(&page).get("logo").is_none());
    let (_, actor) = app.get_text(&format!("/{SLUG}/actor")).await;
    let actor: serde_json::Value = serde_json::from_str(&actor).expect("actor JSON");
    let icon = actor["icon"]["url"].as_str().unwrap_or_default();
    assert!(!icon.contains(&logo.hash), "back to the newest post photo (or none): {icon}");
    let entries = app.store.audit_log(1, 20, None).await.expect("log");
    let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
    assert!(actions.contains(&"location.logo") && actions.contains(&"location.logo_remove"));
}

#[tokio::test]
async fn staff_and_another_business_get_the_same_404_as_a_missing_location() {
    let app = TestApp::spawn().await;
    let id = shop_id(&app).await;
    let (other_business, _) = app.other_business().await;
    app.create_user("staff@sonnenschein.example", "staff-password-long", 1, Role::Staff).await;
    app.create_user("owner@speiche.example", "owner-password-long", other_business, Role::Owner)
        .await;
    for (email, password) in [
        ("staff@sonnenschein.example", "staff-password-long"),
        ("owner@speiche.example", "owner-password-long"),
    ] {
        let viewer = app.shallow();
        viewer.login(email, password).await;
        let denied = upload(&viewer, id, "logo", logo_png(), "").await;
        let (status, body) = (denied.status(), denied.text().await.expect("body"));
        let missing = upload(&viewer, 999_999, "logo", logo_png(), "").await;
        assert_eq!(status, 404, "{email}");
        assert_eq!((status, body), (missing.status(), missing.text().await.expect("body")));
        let removed = viewer
            .post_form(&format!("/admin/locations/{id}/images/remove"), &[("which", "logo")])
            .await;
        assert_eq!(removed.status(), 404, "{email}");
        let (status, _) = viewer.get_text(&format!("/admin/locations/{id}/images")).await;
        assert_eq!(status, 404, "{email}: the screen");
    }
    assert_eq!(app.store.location_images(id).await.expect("images"), Default::default());
}
