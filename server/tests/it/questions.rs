//! Customer questions over HTTP, with a real SMTP server (aiosmtpd, `tests/smtp/sink.py`)
//! on loopback: a question sent from the form (no cookie, no CSRF token) arrives in the
//! inbox, the answer reaches the customer's address in their language, a consented
//! question is shown with its answer on the local page, and deleting it removes the
//! customer's data. Spam is refused with a sentence and the text kept: the honeypot, a
//! too-fast submit, a forged token, too many links and the hourly limit. The store reads
//! back the same on SQLite and PostgreSQL.

use crate::common::{ScratchPg, SmtpSink, TestApp, body, client, header, location};
use app::domain::location::Role;
use app::domain::question::{QuestionForm, QuestionStatus};
use app::store::{Arrival, Store};
use std::time::Duration;

fn field(html: &str, css: &str, attr: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(css).expect("selector");
    doc.select(&selector)
        .next()
        .and_then(|e| e.value().attr(attr))
        .unwrap_or_else(|| panic!("{css} in {html}"))
        .to_string()
}

/// The form page in `lang`, read as a customer (a client without cookies): its token.
async fn form_token(app: &TestApp, customer: &reqwest::Client, slug: &str, lang: &str) -> String {
    let response = customer
        .get(app.url(&format!("/{slug}/ask")))
        .header("accept-language", lang)
        .send()
        .await
        .expect("GET");
    assert_eq!(response.status(), 200);
    assert!(response.headers().get("set-cookie").is_none(), "no cookie on a customer page");
    let html = response.text().await.expect("html");
    field(&html, "input[name=token]", "value")
}

async fn send(
    app: &TestApp,
    customer: &reqwest::Client,
    slug: &str,
    lang: &str,
    fields: &[(&str, &str)],
) -> (u16, String, String) {
    let response = customer
        .post(app.url(&format!("/{slug}/ask")))
        .header("accept-language", lang)
        .form(fields)
        .send()
        .await
        .expect("POST");
    assert!(response.headers().get("set-cookie").is_none(), "no cookie on a customer answer");
    let status = response.status().as_u16();
    let to = response.headers().get("location").map(|v| v.to_str().unwrap_or("").to_string());
    (status, to.unwrap_or_default(), response.text().await.unwrap_or_default())
}

#[tokio::test]
async fn a_question_arrives_is_answered_by_mail_and_shown_with_consent() {
    let sink = SmtpSink::start();
    let app = TestApp::spawn_with_mail("2026-12-04T10:00:00Z", &sink.url()).await;
    let slug = "sonnenschein-freiburg";
    let freiburg = app.store.location_by_slug(slug).await.expect("db").expect("location");
    let customer = client();
    let token = form_token(&app, &customer, slug, "en").await;
    app.clock.advance(chrono::Duration::seconds(20));
    let question = "Do you have gluten-free bread on Saturdays?\nAnd spelt rolls?";
    let (status, to, _) = send(
        &app,
        &customer,
        slug,
        "en",
        &[
            ("token", &token),
            ("kind", "question"),
            ("body", question),
            ("name", "Kim Weber"),
            ("email", "kim@example.org"),
            ("consent", "on"),
            ("website", ""),
        ],
    )
    .await;
    assert_eq!((status, to.as_str()), (303, "/sonnenschein-freiburg/ask?sent=1&email=1"));
    let thanks = customer
        .get(app.url(&to))
        .header("accept-language", "en")
        .send()
        .await
        .expect("GET")
        .text()
        .await
        .expect("html");
    assert!(thanks.contains("Thank you for your message!"), "{thanks}");
    assert!(thanks.contains("We will send the answer to the e-mail address you gave."));

    // The inbox: listed under new, with a badge on the dashboard.
    app.login_owner().await;
    let inbox_path = format!("/admin/locations/{}/questions", freiburg.id);
    let inbox = app.get_in_language(&inbox_path, "en").await;
    assert!(inbox.contains("gluten-free bread on Saturdays?"), "{inbox}");
    assert!(inbox.contains("New (1)") && inbox.contains("kim@example.org"), "{inbox}");
    let dashboard = app.get_in_language("/admin", "de").await;
    assert!(dashboard.contains("1 neu"), "{dashboard}");
    let id = app.store.questions(freiburg.id, QuestionStatus::New, 10).await.expect("db")[0].id;

    // The answer goes out by mail, in the customer's language (English), to their address.
    let answer = "Yes: every Saturday from 8, and spelt rolls too.";
    let response = app.post_form(&format!("{inbox_path}/{id}/answer"), &[("answer", answer)]).await;
    assert_eq!(response.status(), 303);
    assert!(location(response.headers()).contains("done=mailed"), "{response:?}");
    let mut messages = sink.messages();
    for _ in 0..50 {
        if !messages.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        messages = sink.messages();
    }
    assert_eq!(messages.len(), 1, "one mail");
    let mail = &messages[0];
    assert_eq!(header(mail, "X-Envelope-To"), "kim@example.org");
    assert!(header(mail, "To").contains("kim@example.org"), "{mail}");
    assert!(header(mail, "To").contains("Kim Weber"), "{mail}");
    assert_eq!(header(mail, "Subject"), format!("Answer from {}", freiburg.details.name));
    assert!(header(mail, "From").contains(&freiburg.details.name), "{mail}");
    assert_eq!(header(mail, "Content-Language"), "en");
    let text = body(mail);
    assert!(text.starts_with("Hello Kim Weber,"), "{text}");
    assert!(text.contains(answer), "{text}");
    assert!(
        text.contains("> Do you have gluten-free bread on Saturdays?\n> And spelt rolls?"),
        "{text}"
    );
    let asked = app::i18n::sign_text::full_date(
        app::i18n::Lang::En,
        chrono::NaiveDate::from_ymd_opt(2026, 12, 4).expect("date"),
    );
    assert!(text.contains(&format!("Your message of {asked}:")), "{text}");

    // Shown on the local page with its answer, without the name or address.
    let response = app.post_form(&format!("{inbox_path}/{id}/publish"), &[("publish", "1")]).await;
    assert!(location(response.headers()).contains("done=published"));
    let (_, page) = app.get_text(&format!("/{slug}")).await;
    assert!(page.contains("gluten-free bread on Saturdays?") && page.contains(answer), "{page}");
    assert!(!page.contains("Kim Weber") && !page.contains("kim@example.org"));

    // The export has it; deleting removes it everywhere.
    let csv = app.get(&format!("/admin/businesses/{}/questions.csv", freiburg.business_id)).await;
    assert_eq!(csv.headers()["cache-control"], "private, no-store");
    let csv = csv.text().await.expect("csv");
    assert!(csv.starts_with("id,location_id,post_id,kind,created_at,name,email,message"), "{csv}");
    assert!(csv.contains("kim@example.org") && csv.contains("spelt rolls too"), "{csv}");
    let response = app.post_form(&format!("{inbox_path}/{id}/delete"), &[]).await;
    assert!(location(response.headers()).contains("done=deleted"));
    let (_, page) = app.get_text(&format!("/{slug}")).await;
    assert!(!page.contains("gluten-free bread"), "the published Q&A left the cached page too");
    let csv = app
        .get(&format!("/admin/businesses/{}/questions.csv", freiburg.business_id))
        .await
        .text()
        .await
        .expect("csv");
    assert!(!csv.contains("kim@example.org"), "{csv}");
    assert!(app.store.question(freiburg.id, id).await.is_err());
}

#[tokio::test]
async fn spam_is_refused_with_a_sentence_and_the_text_kept() {
    let app = TestApp::spawn_at("2026-12-04T10:00:00Z").await;
    let slug = "sonnenschein-leipzig";
    let leipzig = app.store.location_by_slug(slug).await.expect("db").expect("location");
    let customer = client();
    let text = "Habt ihr am 24. Dezember geöffnet?";
    let count = || async { app.store.question_counts(leipzig.id).await.expect("counts").new };

    // Too fast: sent a second after the page was made.
    let token = form_token(&app, &customer, slug, "de").await;
    let (status, _, html) =
        send(&app, &customer, slug, "de", &[("token", &token), ("body", text), ("website", "")])
            .await;
    assert_eq!(status, 422);
    assert!(html.contains("Das ging sehr schnell."), "{html}");
    assert!(html.contains(text), "the text comes back: {html}");
    app.clock.advance(chrono::Duration::seconds(10));

    // The honeypot, with the name and address kept too.
    let fields = [
        ("token", token.as_str()),
        ("body", text),
        ("name", "Robo"),
        ("email", "robo@spam.example"),
        ("website", "https://spam.example"),
    ];
    let (status, _, html) = send(&app, &customer, slug, "en", &fields).await;
    assert_eq!(status, 422);
    assert!(html.contains("must stay empty"), "{html}");
    assert!(html.contains(text) && html.contains("robo@spam.example") && html.contains("Robo"));
    assert!(!html.contains("value=\"https://spam.example\""), "the honeypot is not filled again");

    // A forged token, too many links, a bad address.
    let forged = format!("{}.00ff", chrono::Utc::now().timestamp() - 60);
    let (status, _, html) =
        send(&app, &customer, slug, "de", &[("token", &forged), ("body", text)]).await;
    assert_eq!(status, 422);
    assert!(html.contains("Das Formular war lange offen."), "{html}");
    let links = "https://a.example https://b.example https://c.example";
    let (status, _, html) =
        send(&app, &customer, slug, "de", &[("token", &token), ("body", links)]).await;
    assert_eq!(status, 422);
    assert!(html.contains("Bitte höchstens 2 Links."), "{html}");
    let (status, _, html) = send(
        &app,
        &customer,
        slug,
        "en",
        &[("token", &token), ("body", text), ("email", "kim at example")],
    )
    .await;
    assert_eq!(status, 422);
    assert!(html.contains("The e-mail address looks incomplete"), "{html}");
    assert!(html.contains("kim at example"));
    assert_eq!(count().await, 0, "nothing refused was stored");

    // Five an hour from one address; the sixth waits, text kept.
    for n in 0..5 {
        let body = format!("{text} ({n})");
        let (status, to, _) =
            send(&app, &customer, slug, "de", &[("token", &token), ("body", &body)]).await;
        assert_eq!(
            (status, to.as_str()),
            (303, "/sonnenschein-leipzig/ask?sent=1"),
            "question {n}"
        );
    }
    let (status, _, html) =
        send(&app, &customer, slug, "de", &[("token", &token), ("body", "Noch eine Frage")]).await;
    assert_eq!(status, 422);
    assert!(html.contains("Gerade kommen zu viele Nachrichten an."), "{html}");
    assert!(html.contains("Noch eine Frage"));
    assert_eq!(count().await, 5);
    // An hour later the address may ask again.
    app.clock.advance(chrono::Duration::minutes(61));
    let token = form_token(&app, &customer, slug, "de").await;
    app.clock.advance(chrono::Duration::seconds(5));
    let (status, _, _) =
        send(&app, &customer, slug, "de", &[("token", &token), ("body", "Noch eine Frage")]).await;
    assert_eq!(status, 303);

    // The page with the form is never kept by the page cache: each token is fresh.
    let first = form_token(&app, &customer, slug, "de").await;
    app.clock.advance(chrono::Duration::seconds(2));
    assert_ne!(first, form_token(&app, &customer, slug, "de").await);
    // An unknown location has no form.
    let response = customer.post(app.url("/no-such-shop/ask")).form(&[("body", "x")]).send().await;
    assert_eq!(response.expect("POST").status(), 404);
}

#[tokio::test]
async fn staff_read_questions_only_when_the_owner_allows_it() {
    let app = TestApp::spawn_at("2026-12-04T10:00:00Z").await;
    let freiburg =
        app.store.location_by_slug("sonnenschein-freiburg").await.expect("db").expect("loc");
    let form = QuestionForm { body: "Wann kommt der Stollen?".into(), ..QuestionForm::default() };
    let now = app.clock.now();
    app.store.add_question(freiburg.id, &form, "de", "s", 5, 30, now).await.expect("stored");
    let inbox = format!("/admin/locations/{}/questions", freiburg.id);

    let staff = app.shallow();
    let staff_id =
        staff.create_user("staff@sonnenschein.example", "staff-password-1", 1, Role::Staff).await;
    staff.login("staff@sonnenschein.example", "staff-password-1").await;
    assert_eq!(staff.get(&inbox).await.status(), 404, "not allowed yet");

    app.login_owner().await;
    let response = app
        .post_form(
            &format!("/admin/businesses/{}/questions/settings", freiburg.business_id),
            &[("staff_see", "on"), ("back", &inbox)],
        )
        .await;
    assert_eq!(location(response.headers()), format!("{inbox}?done=setting"));
    let (status, html) = staff.get_text(&inbox).await;
    assert_eq!(status, 200);
    assert!(html.contains("Wann kommt der Stollen?"));
    assert!(!html.contains("/answer\""), "staff read, they do not answer: {html}");
    let id = app.store.questions(freiburg.id, QuestionStatus::New, 1).await.expect("db")[0].id;
    let response = staff.post_form(&format!("{inbox}/{id}/delete"), &[]).await;
    assert_eq!(response.status(), 404);
    assert_eq!(app.store.question_counts(freiburg.id).await.expect("db").new, 1);
    let response =
        staff.post_form(&format!("{inbox}/{id}/answer"), &[("answer", "Ab Montag.")]).await;
    assert_eq!(response.status(), 404, "reading does not allow answering");
    assert_eq!(app.store.question_counts(freiburg.id).await.expect("db").new, 1);

    // The owner lets staff answer too (which implies reading, even if unticked).
    let settings = format!("/admin/businesses/{}/questions/settings", freiburg.business_id);
    let response = app
        .post_form(&settings, &[("staff_see", ""), ("staff_answer", "on"), ("back", &inbox)])
        .await;
    assert_eq!(location(response.headers()), format!("{inbox}?done=setting"));
    assert!(app.store.staff_see_questions(freiburg.business_id).await.expect("db"));
    let (status, html) = staff.get_text(&inbox).await;
    assert_eq!(status, 200);
    assert!(html.contains(&format!("{id}/answer\"")), "staff now answer: {html}");
    assert!(!html.contains("/delete\""), "still no deleting for staff");
    let response =
        staff.post_form(&format!("{inbox}/{id}/answer"), &[("answer", "Ab Montag.")]).await;
    assert_eq!(response.status(), 303);
    let answered = app.store.question(freiburg.id, id).await.expect("db");
    assert_eq!(answered.answer, "Ab Montag.");
    assert_eq!(answered.answered_by, Some(staff_id), "answered in their own name");
    let response = staff.post_form(&format!("{inbox}/{id}/delete"), &[]).await;
    assert_eq!(response.status(), 404, "answering does not allow deleting");
    let history = app.store.audit_log(freiburg.business_id, 50, None).await.expect("log");
    assert!(history.iter().any(|e| e.action == "question.staff_answer"));
    assert!(history.iter().any(|e| e.action == "question.answer"));

    // Taken back: staff neither answer nor read.
    app.post_form(&settings, &[("back", &inbox)]).await;
    assert_eq!(staff.get(&inbox).await.status(), 404);
    let response = staff.post_form(&format!("{inbox}/{id}/answer"), &[("answer", "x")]).await;
    assert_eq!(response.status(), 404);
}

async fn store_story(store: &dyn Store, dir: &std::path::Path) {
    let now = chrono::Utc::now();
    let media = server::media::MediaStore::folder(dir);
    server::cli::demo::seed(store, &media, now).await.expect("demo");
    let freiburg = store.location_by_slug("sonnenschein-freiburg").await.expect("db").expect("l");
    let form = QuestionForm {
        body: "Gibt es Dinkelbrot?".into(),
        name: "Kim".into(),
        email: "kim@example.org".into(),
        consent: true,
        post_id: Some(999_999),
        ..QuestionForm::default()
    };
    let Arrival::Stored(id) =
        store.add_question(freiburg.id, &form, "en", "hash-a", 2, 30, now).await.expect("add")
    else {
        panic!("stored");
    };
    let stored = store.question(freiburg.id, id).await.expect("read");
    assert_eq!(stored.post_id, None, "a post of no such kind is dropped");
    assert_eq!((stored.name.as_str(), stored.lang.as_str(), stored.consent), ("Kim", "en", true));
    assert_eq!(
        store.add_question(freiburg.id, &form, "de", "hash-a", 2, 30, now).await.expect("2"),
        Arrival::Stored(id + 1)
    );
    assert_eq!(
        store.add_question(freiburg.id, &form, "de", "hash-a", 2, 30, now).await.expect("3"),
        Arrival::Limited
    );
    let later = now + chrono::Duration::minutes(61);
    assert!(matches!(
        store.add_question(freiburg.id, &form, "de", "hash-a", 2, 30, later).await.expect("4"),
        Arrival::Stored(_)
    ));
    assert!(store.publish_question(freiburg.id, id, true).await.is_err(), "no answer yet");
    store.answer_question(freiburg.id, id, "Ja.", 1, now).await.expect("answer");
    let before = store.public_revision().await.expect("revision");
    store.publish_question(freiburg.id, id, true).await.expect("publish");
    assert!(store.public_revision().await.expect("revision") > before);
    let shown = store.published_answers(freiburg.id).await.expect("answers");
    assert_eq!(shown.len(), 1);
    assert_eq!((shown[0].body.as_str(), shown[0].answer.as_str()), ("Gibt es Dinkelbrot?", "Ja."));
    let counts = store.question_counts(freiburg.id).await.expect("counts");
    assert_eq!((counts.new, counts.answered), (2, 1));
    let waiting = store.waiting_questions(freiburg.business_id, later).await.expect("waiting");
    // The one asked an hour later is not older than `later`.
    assert_eq!(waiting, vec![(freiburg.id, 1)]);
    // Another location's id is not found.
    let leipzig = store.location_by_slug("sonnenschein-leipzig").await.expect("db").expect("l");
    assert!(store.question(leipzig.id, id).await.is_err());
    assert!(store.delete_question(leipzig.id, id).await.is_err());
    store.delete_question(freiburg.id, id).await.expect("delete");
    assert!(store.published_answers(freiburg.id).await.expect("answers").is_empty());
    assert_eq!(store.business_questions(freiburg.business_id).await.expect("all").len(), 2);
    assert!(!store.staff_see_questions(freiburg.business_id).await.expect("setting"));
    store.set_staff_see_questions(freiburg.business_id, true).await.expect("set");
    assert!(store.staff_see_questions(freiburg.business_id).await.expect("setting"));
    // Retention: answered and archived ones go after the period, published and new ones stay.
    let kept = store.business_questions(freiburg.business_id).await.expect("all").len();
    let far = now + chrono::Duration::days(365);
    assert_eq!(store.purge_questions(far).await.expect("purge"), 0, "two new ones stay");
    let one = store.questions(freiburg.id, QuestionStatus::New, 1).await.expect("new")[0].id;
    store.set_question_status(freiburg.id, one, QuestionStatus::Archived).await.expect("archive");
    assert_eq!(store.purge_questions(now).await.expect("purge"), 0, "not old yet");
    assert_eq!(store.purge_questions(far).await.expect("purge"), 1);
    assert_eq!(store.business_questions(freiburg.business_id).await.expect("all").len(), kept - 1);
    let secret = store.instance_secret("t", "aa").await.expect("secret");
    assert_eq!(store.instance_secret("t", "bb").await.expect("secret"), secret, "made once");
}

#[tokio::test]
async fn questions_are_stored_alike_on_sqlite_and_postgres() {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite:{}", dir.path().join("questions.db").display());
    store_story(server::store::connect(&url).await.expect("sqlite").as_ref(), dir.path()).await;
    if let Some(pg) = ScratchPg::create("questions").await {
        store_story(pg.store.as_ref(), dir.path()).await;
        pg.drop_database().await;
    }
}
