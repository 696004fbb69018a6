//! Teams, account safety and history over real HTTP: invitation links (single use, with a
//! QR code), role changes and removals that take effect at once, the last owner kept,
//! password change ending other sessions, the session list, and restoring an earlier
//! hours version that the customer page then shows.

use crate::common::{OWNER_EMAIL, OWNER_PASSWORD, TestApp, location};
use app::domain::location::Role;

fn select_attr(html: &str, selector: &str, attr: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(selector).expect("selector");
    doc.select(&selector).filter_map(|e| e.value().attr(attr).map(str::to_string)).collect()
}

fn select_html(html: &str, selector: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(selector).expect("selector");
    doc.select(&selector).map(|e| e.html()).collect()
}

async fn invite(app: &TestApp, role: &str) -> (String, String) {
    let response =
        app.post_form("/admin/team/1/invitations", &[("role", role), ("days", "7")]).await;
    assert_eq!(response.status(), 303);
    let target = location(response.headers());
    let token = target
        .split("invite=")
        .nth(1)
        .and_then(|rest| rest.split(['#', '&']).next())
        .expect("the new link's token")
        .to_string();
    (target, token)
}

#[tokio::test]
async fn an_invitation_link_works_once_and_lands_the_new_person_in_the_staff_app() {
    let app = TestApp::spawn().await;
    app.login_owner().await;
    let (target, token) = invite(&app, "staff").await;
    let (status, html) = app.get_text(&target).await;
    assert_eq!(status, 200);
    let link = format!("{}/invite/{token}", app.base);
    assert_eq!(select_attr(&html, "#invite-link", "value"), [link.clone()]);
    assert!(select_html(&html, ".qr").contains("<svg"), "the QR code is drawn");
    assert_eq!(select_attr(&html, ".qr", "aria-label").len(), 1, "and labelled");

    // The new person, on their phone.
    let phone = app.shallow();
    let (status, html) = phone.get_text(&format!("/invite/{token}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Bäckerei Sonnenschein"), "says which business");
    let short = phone
        .post_form(
            &format!("/invite/{token}"),
            &[
                ("display_name", "Sven"),
                ("email", "sven@example.org"),
                ("password", "short"),
                ("password_repeat", "short"),
            ],
        )
        .await;
    assert!(location(short.headers()).contains("error=short"), "a refused form says why");
    assert!(
        location(short.headers()).contains("email=sven%40example.org"),
        "and keeps what was typed"
    );
    let joined = phone
        .post_form(
            &format!("/invite/{token}"),
            &[
                ("display_name", "Sven"),
                ("email", "Sven@Example.org"),
                ("password", "eine-lange-passphrase"),
                ("password_repeat", "eine-lange-passphrase"),
            ],
        )
        .await;
    assert_eq!(location(joined.headers()), "/admin?welcome=1");
    let (status, dashboard) = phone.get_text("/admin?welcome=1").await;
    assert_eq!(status, 200, "signed in at once");
    assert!(dashboard.contains("Bäckerei Sonnenschein"));
    let sven = app.store.user_by_email("sven@example.org").await.expect("lookup").expect("account");
    assert_eq!(app.store.memberships(sven.id).await.expect("m")[0].role, Role::Staff);
    assert_eq!(phone.get("/admin/locations/1").await.status(), 404, "staff do not edit locations");

    // The link is used up: nobody else gets in with it, and nothing is written.
    let other = app.shallow();
    let (status, html) = other.get_text(&format!("/invite/{token}")).await;
    assert_eq!(status, 404);
    assert!(!html.contains("name=\"password\""), "no form for a used link");
    let again = other
        .post_form(
            &format!("/invite/{token}"),
            &[
                ("display_name", "Eve"),
                ("email", "eve@example.org"),
                ("password", "eine-lange-passphrase"),
                ("password_repeat", "eine-lange-passphrase"),
            ],
        )
        .await;
    assert_eq!(location(again.headers()), format!("/invite/{token}"));
    assert!(app.store.user_by_email("eve@example.org").await.expect("lookup").is_none());

    // A revoked link is dead too; the audit log has all of it.
    let (_, revoked) = invite(&app, "manager").await;
    let open = app.store.invitations(1, chrono::Utc::now()).await.expect("open");
    assert_eq!(open.len(), 1);
    let response =
        app.post_form(&format!("/admin/team/1/invitations/{}/revoke", open[0].id), &[]).await;
    assert_eq!(response.status(), 303);
    assert_eq!(other.get(&format!("/invite/{revoked}")).await.status(), 404);
    let log = app.get_in_language("/admin/history/1", "en").await;
    for text in [
        "Invitation created",
        "Joined the team",
        "Invitation revoked",
        "sven@example.org",
        "127.0.0.1",
    ] {
        assert!(log.contains(text), "the audit log shows {text:?}");
    }
}

#[tokio::test]
async fn a_changed_role_or_a_removal_takes_effect_with_the_next_request() {
    let app = TestApp::spawn().await;
    app.login_owner().await;
    let ina_id = app.create_user("ina@example.org", "ina-password-123", 1, Role::Staff).await;
    let ina = app.shallow();
    assert_eq!(
        location(ina.login("ina@example.org", "ina-password-123").await.headers()),
        "/admin"
    );
    assert_eq!(ina.get("/admin/locations/1").await.status(), 404);
    assert_eq!(ina.get("/admin/team/1").await.status(), 404, "staff do not see the team");

    let promoted = app
        .post_form(&format!("/admin/team/1/members/{ina_id}/role"), &[("role", "manager")])
        .await;
    assert_eq!(promoted.status(), 303);
    assert_eq!(ina.get("/admin/locations/1").await.status(), 200, "a manager at once");
    assert_eq!(ina.get("/admin/team/1").await.status(), 404, "but not an owner");

    let demoted =
        app.post_form(&format!("/admin/team/1/members/{ina_id}/role"), &[("role", "staff")]).await;
    assert_eq!(demoted.status(), 303);
    assert_eq!(ina.get("/admin/locations/1").await.status(), 404, "rights shrink at once");

    let removed = app.post_form(&format!("/admin/team/1/members/{ina_id}/remove"), &[]).await;
    assert_eq!(removed.status(), 303);
    let after = ina.get("/admin").await;
    assert_eq!(after.status(), 303, "her session ended");
    assert!(location(after.headers()).starts_with("/login"));

    // The last owner can neither be demoted nor removed.
    let owner = app.store.user_by_email(OWNER_EMAIL).await.expect("lookup").expect("owner").id;
    for path in [
        format!("/admin/team/1/members/{owner}/role"),
        format!("/admin/team/1/members/{owner}/remove"),
    ] {
        let response = app.post_form(&path, &[("role", "staff")]).await;
        assert!(location(response.headers()).contains("error=last_owner"), "{path}");
    }
    let (status, html) = app.get_text(&format!("/admin/team/1?error=last_owner")).await;
    assert_eq!(status, 200, "still the owner");
    assert!(html.contains("role=\"alert\""));
}

#[tokio::test]
async fn changing_the_password_ends_every_other_session_and_sessions_can_be_ended() {
    let app = TestApp::spawn().await;
    app.login_owner().await;
    let phone = app.shallow();
    phone.login_owner().await;
    let (_, html) = app.get_text("/admin/account").await;
    let ends = select_attr(&html, "form[action$='/end']", "action");
    assert_eq!(ends.len(), 2, "both browsers are listed: {ends:?}");

    let wrong = app
        .post_form(
            "/admin/account/password",
            &[
                ("current", "falsch-falsch"),
                ("password", "neues-passwort-123"),
                ("password_repeat", "neues-passwort-123"),
            ],
        )
        .await;
    assert!(location(wrong.headers()).contains("error=current"));
    let changed = app
        .post_form(
            "/admin/account/password",
            &[
                ("current", OWNER_PASSWORD),
                ("password", "neues-passwort-123"),
                ("password_repeat", "neues-passwort-123"),
            ],
        )
        .await;
    assert_eq!(location(changed.headers()), "/admin/account?password=1");
    assert_eq!(app.get("/admin").await.status(), 200, "this browser stays signed in");
    assert_eq!(phone.get("/admin").await.status(), 303, "the phone is signed out");
    let fresh = app.shallow();
    assert_eq!(location(fresh.login(OWNER_EMAIL, "neues-passwort-123").await.headers()), "/admin");

    // End the fresh one from the first browser.
    let (_, html) = app.get_text("/admin/account").await;
    let ends = select_attr(&html, "form[action$='/end']", "action");
    assert_eq!(ends.len(), 2);
    let (_, fresh_html) = fresh.get_text("/admin/account").await;
    let current = select_html(&fresh_html, "li.card");
    assert!(!current.is_empty());
    let response = app.post_form("/admin/account/sessions/end-others", &[]).await;
    assert_eq!(location(response.headers()), "/admin/account?ended=1#sessions");
    assert_eq!(fresh.get("/admin").await.status(), 303, "ended");
    assert_eq!(app.get("/admin").await.status(), 200);
}

#[tokio::test]
async fn restoring_an_earlier_hours_version_shows_on_the_local_page_and_is_logged() {
    let app = TestApp::spawn().await;
    app.login_owner().await;
    let slug = "/sonnenschein-freiburg";
    let (_, page) = app.get_text(slug).await;
    let original = select_html(&page, "table.hours");
    assert!(!original.is_empty());

    let imported = app.post_form("/admin/locations/1/osm", &[("value", "Mo-Su 10:00-11:00")]).await;
    assert!(location(imported.headers()).contains("saved=1"), "{:?}", imported.headers());
    let (_, page) = app.get_text(slug).await;
    let changed = select_html(&page, "table.hours");
    assert_ne!(changed, original, "the import changed the hours");
    assert!(changed.contains("10:00"));

    let (status, history) = app.get_text("/admin/locations/1/history?kind=hours").await;
    assert_eq!(status, 200);
    let restores = select_attr(&history, "form[action$='/restore']", "action");
    assert_eq!(restores.len(), 1, "one earlier version (the current one has no button)");
    let response = app.post_form(&restores[0], &[]).await;
    assert!(location(response.headers()).contains("restored="));
    let (_, page) = app.get_text(slug).await;
    assert_eq!(
        select_html(&page, "table.hours"),
        original,
        "the customer page shows the old hours again"
    );

    let log = app.get_in_language("/admin/history/1", "de").await;
    for text in [
        "Öffnungszeiten aus OSM übernommen",
        "Frühere Version wiederhergestellt",
        "Mo-Su 10:00-11:00",
    ] {
        assert!(log.contains(text), "the audit log shows {text:?}");
    }
    let (_, history) = app.get_text("/admin/locations/1/history?kind=hours").await;
    assert_eq!(
        select_attr(&history, "form[action$='/restore']", "action").len(),
        2,
        "restoring made a version of its own"
    );
}
