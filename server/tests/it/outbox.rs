//! The server side of the offline outbox: who is signed in (and the CSRF token) for a
//! sync, one post per idempotency key even when requests race, the share target without a
//! service worker, and no half-written photo file left or served after a kill.

use crate::common::{TestApp, location};
use reqwest::multipart::{Form, Part};

fn jpeg(width: u32, height: u32, shade: u8) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 251) as u8, (y % 241) as u8, shade])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode(image.as_raw(), width, height, image::ExtendedColorType::Rgb8)
        .expect("jpeg");
    out
}

fn hash(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(&sha2::Sha256::digest(bytes)[..16])
}

/// `GET /admin/outbox/session` as the outbox asks it (JSON).
async fn session(app: &TestApp) -> reqwest::Response {
    app.client
        .get(app.url("/admin/outbox/session"))
        .header("accept", "application/json")
        .send()
        .await
        .expect("GET")
}

#[tokio::test]
async fn the_outbox_learns_who_is_signed_in_and_the_csrf_token_and_a_stranger_gets_401() {
    let app = TestApp::spawn().await;
    let anonymous = session(&app).await;
    assert_eq!(anonymous.status(), 401, "JSON, not a redirect to the sign-in page");
    let body: serde_json::Value = anonymous.json().await.expect("json");
    assert!(body["error"].as_str().is_some_and(|e| e.contains("Sign in")));
    // A page (not JSON) still goes to the sign-in page.
    let page = app.get("/admin/outbox/session").await;
    assert_eq!(page.status(), 303);

    app.login_owner().await;
    let token = app.csrf_token().await;
    let signed_in = session(&app).await;
    assert_eq!(signed_in.status(), 200);
    assert_eq!(signed_in.headers()["cache-control"], "no-store");
    let body: serde_json::Value = signed_in.json().await.expect("json");
    assert_eq!(body["csrf"], token.as_str(), "the token the cookie holds");
    let owner_id =
        app.store.user_by_email(crate::common::OWNER_EMAIL).await.expect("user").expect("owner").id;
    assert_eq!(body["user_id"], owner_id);
}

#[tokio::test]
async fn racing_requests_with_one_idempotency_key_make_one_post() {
    let app = TestApp::spawn().await;
    app.login_owner().await;
    let csrf = app.csrf_token().await;
    let mut sends = tokio::task::JoinSet::new();
    for _ in 0..6 {
        let form = Form::new()
            .text("location", "1")
            .text("kind", "update")
            .text("text", "Heute frische Brezeln #race")
            .text("intent", "submit")
            .text("idempotency_key", "race-key-0001");
        let request = app
            .client
            .post(app.url("/admin/posts"))
            .header("x-csrf-token", csrf.clone())
            .header("accept", "application/json")
            .multipart(form);
        sends.spawn(async move {
            let answer = request.send().await.expect("POST");
            let status = answer.status().as_u16();
            let body: serde_json::Value = answer.json().await.expect("json");
            (status, body["id"].as_i64().expect("id"))
        });
    }
    let mut ids = Vec::new();
    let mut statuses = Vec::new();
    while let Some(done) = sends.join_next().await {
        let (status, id) = done.expect("task");
        statuses.push(status);
        ids.push(id);
    }
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 200, 200, 200, 200, 201], "one created, five replays");
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 1, "every answer names the same post: {ids:?} {statuses:?}");
    let posts = app.store.posts_of(1, None, 1000).await.expect("posts");
    let raced: Vec<_> = posts.iter().filter(|p| p.text.contains("#race")).collect();
    assert_eq!(raced.len(), 1, "one post in the database");
}

#[tokio::test]
async fn a_share_without_service_worker_stores_the_photos_and_opens_compose_with_them() {
    let app = TestApp::spawn().await;
    let photo = jpeg(320, 240, 40);
    let share = |photos: Vec<Vec<u8>>| {
        let mut form = Form::new().text("title", "Neu im Laden").text("text", "Neu im Laden");
        for (n, bytes) in photos.into_iter().enumerate() {
            form = form.part("photos", Part::bytes(bytes).file_name(format!("IMG_{n}.jpg")));
        }
        // As the phone's system posts it: no CSRF token.
        app.client.post(app.url("/admin/share")).multipart(form).send()
    };
    let anonymous = share(vec![photo.clone()]).await.expect("POST");
    assert_eq!(anonymous.status(), 303);
    assert!(location(anonymous.headers()).starts_with("/login"), "sign in first");

    app.login_owner().await;
    let second = jpeg(200, 200, 200);
    let shared = share(vec![photo.clone(), second.clone()]).await.expect("POST");
    assert_eq!(shared.status(), 303);
    let target = location(shared.headers());
    assert_eq!(
        target,
        format!(
            "/admin/posts/new?photo={}-320&photo={}-200&text=Neu+im+Laden",
            hash(&photo),
            hash(&second)
        ),
        "each photo's smallest rendition names it; the repeated title is not doubled"
    );
    let (status, html) = app.get_text(&target).await;
    assert_eq!(status, 200);
    let doc = scraper::Html::parse_document(&html);
    let inputs: Vec<String> = doc
        .select(
            &scraper::Selector::parse("form[data-compose] input[name=photo_hash]")
                .expect("selector"),
        )
        .filter_map(|i| i.value().attr("value").map(str::to_string))
        .collect();
    assert_eq!(inputs, [hash(&photo), hash(&second)], "attached, also without JavaScript");
    assert!(html.contains("Neu im Laden</textarea>"), "the shared text is in the form");
    let previews: Vec<String> = doc
        .select(&scraper::Selector::parse("ol[data-photo-list] img").expect("selector"))
        .filter_map(|i| i.value().attr("src").map(str::to_string))
        .collect();
    assert_eq!(previews.len(), 2);
    for src in &previews {
        assert_eq!(app.get(src).await.status(), 200, "{src}");
    }

    // Not a photo: refused with the reason, as any upload.
    let refused = share(vec![b"%PDF-1.7 nope".to_vec()]).await.expect("POST");
    assert_eq!(refused.status(), 415);
    // A crafted hash in the address is not put into the page.
    let (_, html) = app.get_text("/admin/posts/new?photo=%22%3E%3Cscript%3E-1").await;
    assert!(!html.contains("data-shared-photo"));
}

#[tokio::test]
async fn files_a_killed_server_left_half_written_are_never_served_and_go_at_the_next_start() {
    let app = TestApp::spawn().await;
    app.login_owner().await;
    // What a server killed while writing a photo leaves behind.
    let partial = app.data_dir().join("media-partial");
    std::fs::create_dir_all(&partial).expect("dir");
    std::fs::write(partial.join("0123456789abcdef0123456789abcdef.a1b2c3.part"), b"half a jp")
        .expect("write");
    for path in [
        "/media/../media-partial/0123456789abcdef0123456789abcdef.a1b2c3.part",
        "/media/%2e%2e/media-partial/0123456789abcdef0123456789abcdef.a1b2c3.part",
        "/media-partial/0123456789abcdef0123456789abcdef.a1b2c3.part",
    ] {
        let response = app.get(path).await;
        assert_ne!(response.status(), 200, "{path}");
        assert!(!response.text().await.unwrap_or_default().contains("half a jp"), "{path}");
    }
    // A photo upload writes through that folder and leaves nothing there.
    let csrf = app.csrf_token().await;
    let photo = jpeg(640, 480, 90);
    let form = Form::new().part("photo", Part::bytes(photo.clone()).file_name("a.jpg"));
    let uploaded = app
        .client
        .post(app.url("/admin/media"))
        .header("x-csrf-token", csrf)
        .multipart(form)
        .send()
        .await
        .expect("upload");
    assert_eq!(uploaded.status(), 201);
    let app = app.restart().await;
    assert_eq!(app.get("/healthz").await.status(), 200, "answering: the start is over");
    let left: Vec<_> = std::fs::read_dir(&partial).expect("dir").flatten().collect();
    assert!(left.is_empty(), "removed at start: {left:?}");
    let served: Vec<String> = std::fs::read_dir(app.data_dir().join("media"))
        .expect("media")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let ours: Vec<&String> = served.iter().filter(|n| n.starts_with(&hash(&photo))).collect();
    assert_eq!(ours.len(), 4, "400 and 640 px, WebP and JPEG: {ours:?}");
    assert!(
        served.iter().all(|n| n.len() > 33 && !n.starts_with('.') && !n.ends_with(".part")),
        "only complete renditions under served names: {served:?}"
    );
}
