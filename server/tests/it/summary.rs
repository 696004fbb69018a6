//! The weekly summary and invitations by e-mail, through a real SMTP server (aiosmtpd) on
//! loopback with a pinned clock: a manager or owner asks for the summary on the account
//! screen, it goes out once on Monday morning in the language it was asked in, with the
//! week's figures, the top post and the nudges, and never twice; staff cannot ask for it.
//! An owner invites by e-mail: the link in the mail is the one shown, a wrong address is
//! refused with a sentence and creates nothing, and without SMTP the form says so. The
//! once-a-week claim reads the same on SQLite and PostgreSQL.

use crate::common::{ScratchPg, SmtpSink, TestApp, body, client, header, location};
use app::domain::location::Role;
use app::store::Store;
use chrono::{DateTime, Duration, NaiveDate, Utc};

const PHONE: &str = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like \
                     Gecko) Chrome/126.0.0.0 Mobile Safari/537.36";

#[tokio::test]
async fn the_weekly_summary_goes_out_once_on_monday_to_those_who_asked() {
    let sink = SmtpSink::start();
    // Sunday noon in Berlin; the week Monday 30 Nov to Sunday 6 Dec.
    let app = TestApp::spawn_with_mail("2026-12-06T12:00:00+01:00", &sink.url()).await;
    app.login_owner().await;
    let (_, page) = app.get_text("/admin/account").await;
    assert!(page.contains("Weekly summary by e-mail") && !page.contains("checked"), "{page}");
    let response = app.post_form("/admin/account/summary", &[("weekly_summary", "on")]).await;
    assert_eq!(location(response.headers()), "/admin/account?summary=on#summary");
    let (_, page) = app.get_text("/admin/account?summary=on").await;
    assert!(page.contains("You will get the weekly summary from next Monday."));
    let doc = scraper::Html::parse_document(&page);
    let checked = scraper::Selector::parse("input#weekly-summary[checked]").expect("selector");
    assert_eq!(doc.select(&checked).count(), 1, "the box stays ticked");

    // A manager asks in German; staff may not ask at all.
    let manager = app.shallow();
    app.create_user("lea@sonnenschein.example", "leas-langes-passwort", 1, Role::Manager).await;
    manager.login("lea@sonnenschein.example", "leas-langes-passwort").await;
    let csrf = manager.csrf_token().await;
    let response = manager
        .client
        .post(manager.url("/admin/account/summary"))
        .header("accept-language", "de")
        .form(&[("csrf_token", csrf.as_str()), ("weekly_summary", "on")])
        .send()
        .await
        .expect("POST");
    assert_eq!(location(response.headers()), "/admin/account?summary=on#summary");
    let staff = app.shallow();
    app.create_user("kim@sonnenschein.example", "kims-langes-passwort", 1, Role::Staff).await;
    staff.login("kim@sonnenschein.example", "kims-langes-passwort").await;
    let (_, page) = staff.get_text("/admin/account").await;
    assert!(page.contains("The weekly summary is for managers and owners."));
    let response = staff.post_form("/admin/account/summary", &[("weekly_summary", "on")]).await;
    assert_eq!(response.status(), 404);

    // Customers this Sunday: the local page twice, the top post, directions.
    let slug = "/sonnenschein-leipzig";
    let leipzig = app.store.location_by_slug(&slug[1..]).await.expect("db").expect("leipzig");
    let post = app.store.published_posts(leipzig.id, 1).await.expect("posts")[0].clone();
    for path in [slug.to_string(), slug.to_string(), format!("{slug}/posts/{}", post.id)] {
        let response = client().get(app.url(&path)).header("user-agent", PHONE).send().await;
        assert_eq!(response.expect("GET").status(), 200, "{path}");
    }
    let route = client().get(app.url(&format!("{slug}/go/route/osm"))).header("user-agent", PHONE);
    assert_eq!(route.send().await.expect("GET").status(), 303);
    app.insights.flush(app.store.as_ref()).await;
    let sunday = NaiveDate::from_ymd_opt(2026, 12, 6).expect("day");
    server::insights::roll_up(app.store.as_ref(), sunday - Duration::days(30), sunday).await;

    // Not on a Sunday.
    assert_eq!(server::summary::send_due(&app.state).await.expect("send"), 0);
    assert!(sink.messages().is_empty());
    // Monday 07:30 in Berlin: one each, then none again.
    app.clock.advance(Duration::hours(19) + Duration::minutes(30));
    assert_eq!(server::summary::send_due(&app.state).await.expect("send"), 2);
    assert_eq!(server::summary::send_due(&app.state).await.expect("send"), 0, "only once");
    let mails = sink.messages();
    assert_eq!(mails.len(), 2);
    let to_owner = mails.iter().find(|m| header(m, "To").contains("owner@")).expect("owner's");
    assert_eq!(header(to_owner, "Subject"), "Your week on Nahbar");
    assert_eq!(header(to_owner, "Content-Language"), "en");
    let text = body(to_owner);
    assert!(
        text.contains("Café Sonnenschein Leipzig\n  3 views · 1 visitors · 1 directions · 0 calls"),
        "{text}"
    );
    assert!(text.contains(&format!("Most read: “{}” (1 views)", post.title())), "{text}");
    assert!(text.contains("Needs you:") && text.contains("The imprint of"), "{text}");
    assert!(text.contains(&format!("{}/admin/imprint/1", app.base)), "absolute links: {text}");
    assert!(text.contains(&format!("Unsubscribe: {}/admin/account#summary", app.base)));
    let to_manager = mails.iter().find(|m| header(m, "To").contains("lea@")).expect("lea's");
    assert_eq!(header(to_manager, "Subject"), "Deine Woche bei Nahbar");
    assert!(body(to_manager).contains("3 Aufrufe · 1 Besucher*innen · 1 Wegbeschreibungen"));

    // Next Monday again, but the owner turned it off.
    let response = app.post_form("/admin/account/summary", &[]).await;
    assert_eq!(location(response.headers()), "/admin/account?summary=off#summary");
    app.clock.advance(Duration::days(7));
    assert_eq!(server::summary::send_due(&app.state).await.expect("send"), 1);
    let mails = sink.messages();
    assert_eq!(mails.len(), 3);
    assert!(header(&mails[2], "To").contains("lea@"));
}

#[tokio::test]
async fn an_owner_invites_by_mail() {
    let sink = SmtpSink::start();
    let app = TestApp::spawn_with_mail("2026-12-02T10:00:00+01:00", &sink.url()).await;
    app.login_owner().await;
    let (_, page) = app.get_text("/admin/team/1").await;
    assert!(page.contains("E-mail address (optional)"));
    let open = |app: &TestApp| {
        let store = app.store.clone();
        let now = app.clock.now();
        async move { store.invitations(1, now).await.expect("open").len() }
    };

    // A wrong address: a sentence, nothing made, nothing sent.
    let response = app
        .post_form(
            "/admin/team/1/invitations",
            &[("role", "staff"), ("days", "7"), ("email", "kim at example")],
        )
        .await;
    let target = location(response.headers());
    assert_eq!(target, "/admin/team/1?error=email#invite-title");
    let (_, page) = app.get_text(&target).await;
    assert!(page.contains("That is not an e-mail address."));
    assert_eq!(open(&app).await, 0);

    let response = app
        .post_form(
            "/admin/team/1/invitations",
            &[("role", "manager"), ("days", "7"), ("email", " neu@example.org ")],
        )
        .await;
    let target = location(response.headers());
    let token = target
        .split("invite=")
        .nth(1)
        .and_then(|rest| rest.split('&').next())
        .expect("a token")
        .to_string();
    assert!(target.contains("&mailed=1"), "{target}");
    let (_, page) = app.get_text(&target).await;
    assert!(page.contains("The invitation is on its way by e-mail."));
    assert_eq!(open(&app).await, 1);
    let mails = sink.messages();
    assert_eq!(mails.len(), 1);
    assert_eq!(header(&mails[0], "X-Envelope-To"), "neu@example.org");
    assert_eq!(header(&mails[0], "Reply-To"), "owner@sonnenschein.example");
    assert!(header(&mails[0], "Subject").contains("invites you to Bäckerei Sonnenschein"));
    let text = body(&mails[0]);
    let link = format!("{}/invite/{token}", app.base);
    assert!(text.contains(&link) && text.contains("as Manager"), "{text}");
    // The link in the mail opens the invitation.
    let (status, page) = client_get(&link).await;
    assert_eq!(status, 200);
    assert!(page.contains("Bäckerei Sonnenschein"), "{page}");
}

async fn client_get(url: &str) -> (u16, String) {
    let response = client().get(url).send().await.expect("GET");
    (response.status().as_u16(), response.text().await.expect("body"))
}

#[tokio::test]
async fn without_smtp_an_invitation_is_shared_by_hand() {
    let app = TestApp::spawn().await;
    app.login_owner().await;
    let (_, page) = app.get_text("/admin/team/1").await;
    assert!(!page.contains("E-mail address (optional)"), "no field without SMTP");
    let (_, account) = app.get_text("/admin/account").await;
    assert!(account.contains("E-mail is not set up on this Nahbar yet"));
    let response = app
        .post_form(
            "/admin/team/1/invitations",
            &[("role", "staff"), ("days", "7"), ("email", "neu@example.org")],
        )
        .await;
    assert_eq!(location(response.headers()), "/admin/team/1?error=no_mail#invite-title");
    assert!(app.store.invitations(1, app.clock.now()).await.expect("open").is_empty());
}

/// The claim on one backend: asked for, claimed once, given back, claimed again; a week on
/// due again, turned off not.
async fn claim_story(store: &dyn Store) {
    let t0: DateTime<Utc> = "2026-03-02T09:00:00Z".parse().expect("t0");
    let business = store.create_business("Optik Klar", t0).await.expect("business");
    let later = t0 + Duration::days(100);
    let user = store.create_user("optik@klar.example", "Mira", "x", t0).await.expect("user");
    store.add_member(business, user, Role::Owner, t0).await.expect("member");
    assert!(!store.weekly_summary(user).await.expect("summary"));
    assert!(store.claim_summaries(later, later).await.expect("claim").is_empty());
    store.set_weekly_summary(user, true, "de").await.expect("on");
    assert!(store.weekly_summary(user).await.expect("summary"));
    let claimed = store.claim_summaries(later, later).await.expect("claim");
    assert_eq!(claimed.len(), 1);
    assert_eq!((claimed[0].user_id, claimed[0].lang.as_str()), (user, "de"));
    assert_eq!(claimed[0].email, "optik@klar.example");
    assert!(store.claim_summaries(later, later).await.expect("claim").is_empty(), "once");
    store.release_summary(user).await.expect("release");
    assert_eq!(store.claim_summaries(later, later).await.expect("claim").len(), 1);
    // A week on it is due again; turned off it is not.
    let week = later + Duration::days(7);
    store.set_weekly_summary(user, false, "de").await.expect("off");
    assert!(store.claim_summaries(week - Duration::days(6), week).await.expect("c").is_empty());
    store.set_weekly_summary(user, true, "en").await.expect("on");
    let claimed = store.claim_summaries(week - Duration::days(6), week).await.expect("claim");
    assert_eq!(claimed.iter().map(|r| r.lang.as_str()).collect::<Vec<_>>(), ["en"]);
}

#[tokio::test]
async fn summary_claims_are_alike_on_sqlite_and_postgres() {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite:{}", dir.path().join("summary.db").display());
    claim_story(server::store::connect(&url).await.expect("sqlite").as_ref()).await;
    if let Some(pg) = ScratchPg::create("summary").await {
        claim_story(pg.store.as_ref()).await;
        pg.drop_database().await;
    }
}
