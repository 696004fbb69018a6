//! Sign-in, sessions, CSRF and who may change what, over real HTTP.

use crate::common::{OWNER_EMAIL, OWNER_PASSWORD, TestApp, day, location, sample_details};
use app::domain::location::Role;
use serde_json::Value;

fn set_cookies(response: &reqwest::Response) -> Vec<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok().map(str::to_string))
        .collect()
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_user_get_the_same_answer() {
    let app = TestApp::spawn().await;
    let wrong = app.login(OWNER_EMAIL, "not-the-password").await;
    let unknown = app.login("nobody@example.com", "not-the-password").await;
    assert_eq!(wrong.status(), unknown.status());
    assert_eq!(location(wrong.headers()), "/login?error=invalid");
    assert_eq!(location(unknown.headers()), "/login?error=invalid");
    assert!(set_cookies(&wrong).iter().all(|c| !c.starts_with("nahbar_session")));
    let (_, html) = app.get_text("/login?error=invalid").await;
    assert!(html.contains("Email or password is wrong."));
}

#[tokio::test]
async fn signing_in_sets_an_http_only_same_site_session_cookie_and_opens_the_dashboard() {
    let app = TestApp::spawn().await;
    let response = app.login(OWNER_EMAIL, OWNER_PASSWORD).await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(response.headers()), "/admin");
    let session = set_cookies(&response)
        .into_iter()
        .find(|c| c.starts_with("nahbar_session="))
        .expect("session cookie");
    assert!(session.contains("HttpOnly"), "{session}");
    assert!(session.contains("SameSite=Lax"), "{session}");
    assert!(!session.contains("Secure"), "plain http on loopback");
    let (status, html) = app.get_text("/admin").await;
    assert_eq!(status, 200);
    assert!(html.contains("Bäckerei Sonnenschein Freiburg"));
    assert!(html.contains("/admin/locations/1"));
}

#[tokio::test]
async fn a_login_without_the_csrf_token_is_refused() {
    let app = TestApp::spawn().await;
    let _ = app.csrf_token().await; // the browser has the cookie, but the form lacks the field
    let response = app
        .client
        .post(app.url("/login"))
        .form(&[("email", OWNER_EMAIL), ("password", OWNER_PASSWORD)])
        .send()
        .await
        .expect("POST");
    assert_eq!(location(response.headers()), "/login?error=csrf");
    assert!(set_cookies(&response).iter().all(|c| !c.starts_with("nahbar_session")));
    // A token that is not this browser's cookie is refused too.
    let forged = app
        .client
        .post(app.url("/login"))
        .form(&[
            ("csrf_token", "A".repeat(43).as_str()),
            ("email", OWNER_EMAIL),
            ("password", OWNER_PASSWORD),
        ])
        .send()
        .await
        .expect("POST");
    assert_eq!(location(forged.headers()), "/login?error=csrf");
}

#[tokio::test]
async fn anonymous_visitors_are_sent_to_the_login_and_cannot_save() {
    let app = TestApp::spawn().await;
    let response = app.get("/admin/locations/1").await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(response.headers()), "/login?next=%2Fadmin%2Flocations%2F1");
    let csrf = app.csrf_token().await;
    let saved =
        app.save_location(&csrf, 1, 1, &sample_details("Hijacked"), &vec![day(&[]); 7]).await;
    assert_eq!(saved.status(), 401);
    let page = app.store.location_by_slug("sonnenschein-freiburg").await.expect("db").expect("loc");
    assert_eq!(page.details.name, "Bäckerei Sonnenschein Freiburg", "nothing changed");
}

#[tokio::test]
async fn a_server_function_call_without_the_csrf_token_is_refused() {
    let app = TestApp::spawn().await;
    app.login_owner().await;
    let response =
        app.save_location("", 1, 1, &sample_details("Changed"), &vec![day(&[]); 7]).await;
    assert_eq!(response.status(), 403);
    assert!(response.text().await.expect("body").contains("CSRF"));
}

#[tokio::test]
async fn the_owner_saves_details_and_hours_and_the_public_page_shows_them_at_once() {
    let app = TestApp::spawn().await;
    app.login_owner().await;
    let csrf = app.csrf_token().await;
    let mut details = sample_details("Bäckerei Sonnenschein am Münster");
    details.schema_type = "Bakery".into();
    let mut hours = vec![day(&[("07:00", "12:00"), ("13:00", "18:00")]); 5];
    hours.push(day(&[("18:00", "02:00")]));
    hours.push(day(&[]));
    let response = app.save_location(&csrf, 1, 1, &details, &hours).await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap_or_default());
    let (_, html) = app.get_text("/sonnenschein-freiburg").await;
    assert!(html.contains("Bäckerei Sonnenschein am Münster"));
    assert!(html.contains("07:00–12:00"));
    assert!(html.contains("18:00–02:00"));
}

#[tokio::test]
async fn invalid_hours_and_fields_come_back_as_specific_errors_and_change_nothing() {
    let app = TestApp::spawn().await;
    app.login_owner().await;
    let csrf = app.csrf_token().await;
    let mut details = sample_details("");
    details.email = "nope".into();
    let mut hours = vec![day(&[]); 7];
    hours[1] = day(&[("08:00", "25:00")]);
    let response = app.save_location(&csrf, 1, 1, &details, &hours).await;
    assert_eq!(response.status(), 422);
    let error: Value = response.json().await.expect("JSON error");
    let invalid = &error["Invalid"];
    let fields: Vec<&str> = invalid["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["field"].as_str())
        .collect();
    assert_eq!(fields, ["name", "email"]);
    assert_eq!(invalid["hours"][0]["day"], 1, "Tuesday");
    assert_eq!(invalid["hours"][0]["kind"]["NotATime"], "25:00");
    let location =
        app.store.location_by_slug("sonnenschein-freiburg").await.expect("db").expect("loc");
    assert_eq!(location.details.name, "Bäckerei Sonnenschein Freiburg");
    assert!(!location.hours.days[0].is_empty());
}

#[tokio::test]
async fn an_owner_of_another_business_cannot_see_or_edit_this_one() {
    let app = TestApp::spawn().await;
    let (other_business, other_location) = app.other_business().await;
    app.create_user("rad@speiche.example", "speichen-passwort", other_business, Role::Owner).await;
    let intruder = app.shallow();
    let response = intruder.login("rad@speiche.example", "speichen-passwort").await;
    assert_eq!(location(response.headers()), "/admin");
    let csrf = intruder.csrf_token().await;
    // Editing business 1 with the intruder's own business id in the request…
    let foreign = intruder
        .save_location(&csrf, other_business, 1, &sample_details("Hijacked"), &vec![day(&[]); 7])
        .await;
    // …or claiming business 1 outright: both look exactly like a missing location.
    let claimed =
        intruder.save_location(&csrf, 1, 1, &sample_details("Hijacked"), &vec![day(&[]); 7]).await;
    let missing = intruder
        .save_location(&csrf, other_business, 999_999, &sample_details("X"), &vec![day(&[]); 7])
        .await;
    let (s1, s2, s3) = (foreign.status(), claimed.status(), missing.status());
    let (b1, b2, b3) =
        (foreign.text().await.ok(), claimed.text().await.ok(), missing.text().await.ok());
    assert_eq!(
        (s1, s2, s3),
        (
            reqwest::StatusCode::NOT_FOUND,
            reqwest::StatusCode::NOT_FOUND,
            reqwest::StatusCode::NOT_FOUND
        )
    );
    assert_eq!(b1, b3);
    assert_eq!(b2, b3);
    let (status, _) = intruder.get_text("/admin/locations/1").await;
    assert_eq!(status, 404);
    let (status, _) = intruder.get_text(&format!("/admin/locations/{other_location}")).await;
    assert_eq!(status, 200, "their own location opens");
    let location =
        app.store.location_by_slug("sonnenschein-freiburg").await.expect("db").expect("loc");
    assert_eq!(location.details.name, "Bäckerei Sonnenschein Freiburg");
}

#[tokio::test]
async fn staff_may_not_edit_locations() {
    let app = TestApp::spawn().await;
    app.create_user("staff@sonnenschein.example", "staff-passwort-1", 1, Role::Staff).await;
    let response = app.login("staff@sonnenschein.example", "staff-passwort-1").await;
    assert_eq!(location(response.headers()), "/admin");
    let csrf = app.csrf_token().await;
    let saved =
        app.save_location(&csrf, 1, 1, &sample_details("Staff edit"), &vec![day(&[]); 7]).await;
    assert_eq!(saved.status(), 404);
}

#[tokio::test]
async fn login_attempts_are_rate_limited_per_account() {
    let app = TestApp::spawn().await;
    let mut last = String::new();
    for _ in 0..6 {
        last = location(app.login(OWNER_EMAIL, "wrong-password").await.headers());
    }
    assert_eq!(last, "/login?error=rate");
    // Even the right password is refused while the limit holds.
    let response = app.login(OWNER_EMAIL, OWNER_PASSWORD).await;
    assert_eq!(location(response.headers()), "/login?error=rate");
}

/// Behind a trusted proxy each client has its own limit (they no longer share the proxy's
/// address); a client that is not behind one cannot choose its address by a header.
#[tokio::test]
async fn behind_a_trusted_proxy_each_client_address_has_its_own_limit() {
    let attempt = |app: &TestApp, client: &'static str, n: usize| {
        let app = app.shallow();
        async move {
            let token = app.csrf_token().await;
            let response = app
                .client
                .post(app.url("/login"))
                .header("x-forwarded-for", client)
                .form(&[
                    ("csrf_token", token.as_str()),
                    ("email", &format!("nobody-{n}@example.org") as &str),
                    ("password", "wrong"),
                ])
                .send()
                .await
                .expect("POST");
            location(response.headers())
        }
    };
    let proxied = TestApp::spawn_trusting("127.0.0.1").await;
    let mut last = String::new();
    for n in 0..21 {
        last = attempt(&proxied, "198.51.100.1", n).await;
    }
    assert_eq!(last, "/login?error=rate", "21 tries from one address in a minute");
    assert_eq!(attempt(&proxied, "198.51.100.2", 99).await, "/login?error=invalid");

    let direct = TestApp::spawn().await;
    for n in 0..21 {
        last = attempt(&direct, if n % 2 == 0 { "198.51.100.3" } else { "198.51.100.4" }, n).await;
    }
    assert_eq!(last, "/login?error=rate", "the header is ignored: one address");
}

#[tokio::test]
async fn signing_out_ends_the_session_on_the_server() {
    let app = TestApp::spawn().await;
    app.login_owner().await;
    let csrf = app.csrf_token().await;
    let response = app
        .client
        .post(app.url("/logout"))
        .form(&[("csrf_token", csrf.as_str())])
        .send()
        .await
        .expect("POST");
    assert_eq!(location(response.headers()), "/login");
    let after = app.get("/admin").await;
    assert_eq!(after.status(), 303, "the old session no longer opens the dashboard");
}

#[tokio::test]
async fn the_one_time_setup_link_creates_the_owner_once() {
    let app = TestApp::spawn().await;
    let token = "setup-token-for-the-test-0123456789abcdef";
    let hash = app::context::hash_token(token);
    let expires = chrono::Utc::now() + chrono::Duration::hours(1);
    app.store.create_setup_token(&hash, expires).await.expect("token");
    let (status, html) = app.get_text(&format!("/setup/{token}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Create the owner account"));
    let csrf = app.csrf_token().await;
    let form = [
        ("csrf_token", csrf.as_str()),
        ("business_name", "Bäckerei Sonnenschein"),
        ("display_name", "Nele"),
        ("email", "nele@sonnenschein.example"),
        ("password", "ein-langes-passwort"),
        ("password_repeat", "ein-langes-passwort"),
    ];
    let short = app
        .client
        .post(app.url(&format!("/setup/{token}")))
        .form(&[
            form[0],
            form[1],
            form[2],
            form[3],
            ("password", "kurz"),
            ("password_repeat", "kurz"),
        ])
        .send()
        .await
        .expect("POST");
    assert_eq!(location(short.headers()), format!("/setup/{token}?error=short"));
    let created = app
        .client
        .post(app.url(&format!("/setup/{token}")))
        .form(&form)
        .send()
        .await
        .expect("POST");
    assert_eq!(location(created.headers()), "/admin");
    assert_eq!(app.get("/admin").await.status(), 200, "signed in right away");
    let (status, html) = app.get_text(&format!("/setup/{token}")).await;
    assert_eq!(status, 404, "the link is used up");
    assert!(html.contains("invalid"));
}

#[tokio::test]
async fn the_owner_adds_and_deletes_special_hours_and_the_page_shows_them() {
    let app = TestApp::spawn().await;
    app.login_owner().await;
    let added = app
        .post_form(
            "/admin/locations/1/special",
            &[
                ("from", "2026-12-31"),
                ("to", "2026-12-31"),
                ("hours", "10:00 – 14:00"),
                ("note", "Silvester"),
            ],
        )
        .await;
    assert_eq!(location(added.headers()), "/admin/locations/1/hours?saved=1");
    let special = app
        .store
        .location_by_slug("sonnenschein-freiburg")
        .await
        .expect("db")
        .expect("loc")
        .special;
    let silvester = special.iter().find(|s| s.note == "Silvester").expect("stored");
    assert_eq!(silvester.intervals.len(), 1);
    let bad = app
        .post_form("/admin/locations/1/special", &[("from", "2026-12-31"), ("to", "2026-12-01")])
        .await;
    assert_eq!(location(bad.headers()), "/admin/locations/1/hours?error=dates");
    let bad = app
        .post_form(
            "/admin/locations/1/special",
            &[("from", "2026-12-31"), ("hours", "25:00-26:00")],
        )
        .await;
    assert_eq!(location(bad.headers()), "/admin/locations/1/hours?error=hours");
    let (status, html) = app.get_text("/admin/locations/1/hours?error=hours").await;
    assert_eq!(status, 200);
    assert!(html.contains("The hours are not valid"));
    assert!(html.contains("Silvester"));
    let deleted =
        app.post_form(&format!("/admin/locations/1/special/{}/delete", silvester.id), &[]).await;
    assert_eq!(location(deleted.headers()), "/admin/locations/1/hours?saved=1");
    let special = app
        .store
        .location_by_slug("sonnenschein-freiburg")
        .await
        .expect("db")
        .expect("loc")
        .special;
    assert!(special.iter().all(|s| s.note != "Silvester"));
}

#[tokio::test]
async fn pasting_an_osm_value_replaces_the_hours_or_explains_the_refusal() {
    let app = TestApp::spawn().await;
    app.login_owner().await;
    let ok = app
        .post_form(
            "/admin/locations/2/osm",
            &[("value", "Mo-Fr 09:00-17:00; Sa 10:00-14:00; PH off")],
        )
        .await;
    assert_eq!(location(ok.headers()), "/admin/locations/2/hours?saved=1");
    let (_, html) = app.get_text("/sonnenschein-leipzig").await;
    assert!(html.contains("09:00–17:00") && !html.contains("08:00–02:00"));
    let refused =
        app.post_form("/admin/locations/2/osm", &[("value", "Mo-Fr 10:00-16:00/01:00")]).await;
    let target = location(refused.headers());
    assert!(target.contains("error=osm") && target.contains("repeating"), "{target}");
    let (_, html) = app.get_text(&target).await;
    assert!(html.contains("repeating times (/) are not supported"), "{html}");
    let location =
        app.store.location_by_slug("sonnenschein-leipzig").await.expect("db").expect("loc");
    assert_eq!(location.hours.days[0].len(), 1, "a refused value changes nothing");
}

#[tokio::test]
async fn confirming_a_holiday_clears_the_nudge() {
    let app = TestApp::spawn().await;
    app.login_owner().await;
    let unconfirmed = |location: &app::domain::location::Location| {
        let today = chrono::Utc::now().with_timezone(&location.details.tz()).date_naive();
        location.opening_hours().unconfirmed_holidays(today, today + chrono::Duration::days(30))
    };
    let mut any = false;
    for id in [1, 2] {
        any |= !unconfirmed(&app.store.location(1, id).await.expect("loc")).is_empty();
    }
    let (_, dashboard) = app.get_text("/admin").await;
    assert_eq!(dashboard.contains("Public holidays in the next 30 days"), any);
    for id in [1, 2] {
        for holiday in unconfirmed(&app.store.location(1, id).await.expect("loc")) {
            let path = format!("/admin/locations/{id}/holidays/{}", holiday.date);
            let response = app.post_form(&path, &[("action", "closed")]).await;
            assert_eq!(
                location(response.headers()),
                format!("/admin/locations/{id}/hours?saved=1")
            );
        }
        assert!(unconfirmed(&app.store.location(1, id).await.expect("loc")).is_empty());
    }
    let (_, html) = app.get_text("/admin").await;
    assert!(!html.contains("Public holidays in the next 30 days"));
    // A date that is no holiday is refused.
    let response =
        app.post_form("/admin/locations/1/holidays/2026-07-07", &[("action", "closed")]).await;
    assert_eq!(location(response.headers()), "/admin/locations/1/hours?error=dates");
}

#[tokio::test]
async fn another_business_cannot_touch_special_hours() {
    let app = TestApp::spawn().await;
    let (other, _) = app.other_business().await;
    app.create_user("rad@speiche.example", "speichen-passwort", other, Role::Owner).await;
    let response = app.login("rad@speiche.example", "speichen-passwort").await;
    assert_eq!(location(response.headers()), "/admin");
    for (path, fields) in [
        ("/admin/locations/1/special", vec![("from", "2026-12-31")]),
        ("/admin/locations/1/osm", vec![("value", "24/7")]),
        ("/admin/locations/1/holiday-rule", vec![("rule", "as_usual")]),
        ("/admin/locations/1/holidays/2026-12-25", vec![("action", "closed")]),
    ] {
        let response = app.post_form(path, &fields).await;
        assert_eq!(response.status(), 404, "{path}");
    }
    assert_eq!(app.get("/admin/locations/1/hours").await.status(), 404);
    let location = app.store.location(1, 1).await.expect("loc");
    assert_eq!(location.special.len(), 1, "only the demo's inventory closure");
    assert_eq!(location.holiday_rule, app::domain::schedule::HolidayRule::Closed);
}
