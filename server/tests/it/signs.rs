//! Printed signs over HTTP: the owner's PDF download, read back by poppler's `pdfinfo` and
//! `pdftotext`, each print recorded, and the hours screen telling when the sign on the
//! door no longer matches the data (and not merely because days went by). The same signs
//! as print pages for the browser (HTML with `@page`), which count as prints too.
//!
//! `NAHBAR_WRITE_SIGN_PAGES=/some/folder` keeps the print pages these tests get there
//! (`door-a4.html`, `door-a5.html`, `closure-a4.html`), to look at them in a browser or
//! print them with `chromium --headless --print-to-pdf`.

use crate::common::{TestApp, location};
use app::domain::location::Role;
use app::domain::schedule::SpecialHours;
use base64::Engine;
use chrono::NaiveDate;
use std::process::Command;

/// `pdfinfo`'s and `pdftotext`'s reading of a PDF.
fn read_pdf(pdf: &[u8], name: &str) -> (String, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join(format!("{name}.pdf"));
    std::fs::write(&file, pdf).expect("write pdf");
    let run = |command: &mut Command| {
        let output = command.output().expect("poppler-utils installed (.ci/install-tools.sh)");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8_lossy(&output.stdout).to_string()
    };
    let info = run(Command::new("pdfinfo").arg(&file));
    let text = run(Command::new("pdftotext").arg("-layout").arg(&file).arg("-"));
    (info, text)
}

async fn print(app: &TestApp, id: i64, fields: &[(&str, &str)]) -> reqwest::Response {
    app.post_form(&format!("/admin/locations/{id}/signs"), fields).await
}

/// The print page's HTML, checked for what every print page must be: a standalone HTML
/// document that runs no script, loads nothing, and whose one inline style sheet the
/// response's own CSP allows (by hash).
async fn print_page(app: &TestApp, id: i64, fields: &[(&str, &str)], keep_as: &str) -> String {
    let response = app.post_form(&format!("/admin/locations/{id}/signs/page"), fields).await;
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    assert_eq!(headers["content-type"], "text/html; charset=utf-8");
    assert_eq!(headers["cache-control"], "private, no-store");
    let html = response.text().await.expect("body");
    if let Ok(folder) = std::env::var("NAHBAR_WRITE_SIGN_PAGES") {
        std::fs::write(std::path::Path::new(&folder).join(keep_as), &html).expect("keep page");
    }
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    let doc = scraper::Html::parse_document(&html);
    let select = |css: &str| {
        let selector = scraper::Selector::parse(css).expect("selector");
        doc.select(&selector).collect::<Vec<_>>()
    };
    assert!(select("script, link, img, iframe, [src], [style]").is_empty(), "{html}");
    assert_eq!(select("h1").len(), 1);
    let styles = select("style");
    assert_eq!(styles.len(), 1);
    let style = styles[0].text().collect::<String>();
    let digest = <sha2::Sha256 as sha2::Digest>::digest(style.as_bytes());
    let hash = base64::engine::general_purpose::STANDARD.encode(digest);
    let policy = headers["content-security-policy"].to_str().expect("ascii");
    assert!(policy.starts_with("default-src 'none';"), "{policy}");
    assert!(policy.contains(&format!("style-src 'sha256-{hash}'")), "{policy}");
    // The way back to the hours screen, and the QR code as an image of the page's address.
    assert_eq!(select(&format!("a[href='/admin/locations/{id}/hours']")).len(), 1);
    let qr = select("svg.qr[role=img]");
    assert_eq!(qr.len(), 1, "{html}");
    let label = qr[0].value().attr("aria-label").expect("the QR code's label");
    assert!(label.contains("/sonnenschein-leipzig?src=door"), "{label}");
    html
}

#[tokio::test]
async fn a_door_sign_is_a_pdf_of_the_hours_and_says_when_it_is_out_of_date() {
    // A Wednesday morning in Leipzig: the door sign lists the next six weeks.
    let app = TestApp::spawn_at("2026-12-02T09:00:00Z").await;
    app.login_owner().await;
    let shop = app.store.location_by_slug("sonnenschein-leipzig").await.expect("db").expect("loc");
    let id = shop.id;

    let response = print(&app, id, &[("sign", "door"), ("paper", "a5"), ("lang", "de")]).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    let disposition = response.headers()["content-disposition"].to_str().expect("ascii");
    assert!(
        disposition.starts_with("attachment;") && disposition.contains("door-a5-2026-12-02.pdf")
    );
    let pdf = response.bytes().await.expect("body");
    let (info, text) = read_pdf(&pdf, "door");
    assert!(info.contains("419.528 x 595.276 pts"), "A5 portrait: {info}");
    assert!(text.contains("Öffnungszeiten") && text.contains("Stand: 02.12.2026"), "{text}");
    let name_words = shop.details.name.split_whitespace().collect::<Vec<_>>();
    assert!(name_words.iter().all(|w| text.contains(w)), "the shop's name: {text}");
    let first = shop.hours.days.iter().flatten().next().expect("the demo shop opens some day");
    assert!(text.contains(&first.opens.to_string()), "{text}");

    // Printed and still true, also a week later when nothing changed.
    let html = app.get_in_language(&format!("/admin/locations/{id}/hours"), "de").await;
    assert!(html.contains("Das Türschild vom 02.12.2026 ist aktuell."), "{html}");
    app.clock.advance(chrono::Duration::days(7));
    let html = app.get_in_language(&format!("/admin/locations/{id}/hours"), "en").await;
    assert!(html.contains("The door sign printed on") && html.contains("is up to date."), "{html}");

    // A closure inside the sign's six weeks: the printed sign is out of date, in both
    // languages, with one tap to print the new one.
    let closure = SpecialHours {
        id: 0,
        from: NaiveDate::from_ymd_opt(2026, 12, 28).expect("date"),
        to: NaiveDate::from_ymd_opt(2026, 12, 30).expect("date"),
        intervals: vec![],
        note: "Inventur".into(),
    };
    let special = app
        .store
        .add_special_hours(shop.business_id, id, &closure, app.clock.now())
        .await
        .expect("special");
    let html = app.get_in_language(&format!("/admin/locations/{id}/hours"), "de").await;
    assert!(html.contains("Das Türschild vom 02.12.2026 ist nicht mehr aktuell."), "{html}");
    assert!(html.contains("Neu drucken"));
    let html = app.get_in_language(&format!("/admin/locations/{id}/hours"), "en").await;
    assert!(html.contains("The door sign printed on 2 Dec 2026 is out of date."), "{html}");
    // The dashboard says it too, beside the location, with the way to the new print.
    let dashboard = app.get_in_language("/admin", "de").await;
    assert!(
        dashboard.contains("Das Türschild vom 02.12.2026 ist nicht mehr aktuell."),
        "{dashboard}"
    );
    assert!(dashboard.contains(&format!("/admin/locations/{id}/hours#signs-heading")));

    let again = print(&app, id, &[("sign", "door"), ("paper", "a5"), ("lang", "de")]).await;
    let (_, text) = read_pdf(&again.bytes().await.expect("body"), "door-again");
    assert!(text.contains("Inventur") && text.contains("Stand: 09.12.2026"), "{text}");
    let html = app.get_in_language(&format!("/admin/locations/{id}/hours"), "de").await;
    assert!(html.contains("Das Türschild vom 09.12.2026 ist aktuell."), "{html}");
    let dashboard = app.get_in_language("/admin", "de").await;
    assert!(!dashboard.contains("nicht mehr aktuell"), "the new print is true");

    // The closure notice for that entry, bilingual, on A4.
    let sign = format!("closure-{special}");
    let notice = print(&app, id, &[("sign", &sign), ("paper", "a4"), ("lang", "de-en")]).await;
    assert_eq!(notice.status(), 200);
    let (info, text) = read_pdf(&notice.bytes().await.expect("body"), "closure");
    assert!(info.contains("595.276 x 841.89 pts"), "A4 portrait: {info}");
    assert!(
        text.contains("Geschlossen") && text.contains("Closed") && text.contains("Inventur"),
        "{text}"
    );
}

#[tokio::test]
async fn a_wrong_sign_request_is_refused_with_a_reason_and_records_nothing() {
    let app = TestApp::spawn().await;
    app.login_owner().await;
    let id = app.store.location_by_slug("sonnenschein-leipzig").await.expect("db").expect("loc").id;
    let wrong_paper = print(&app, id, &[("sign", "door"), ("paper", "letter")]).await;
    assert_eq!(wrong_paper.status(), 422);
    let message = wrong_paper.text().await.expect("body");
    assert!(message.contains("a4") && message.contains("a5"), "{message}");
    let wrong_sign = print(&app, id, &[("sign", "flyer")]).await;
    assert_eq!(wrong_sign.status(), 422);
    // A closure entry of no location of this business: as if it did not exist.
    let unknown = print(&app, id, &[("sign", "closure-999999")]).await;
    assert_eq!(unknown.status(), 404);
    assert!(app.store.latest_sign_prints(id).await.expect("prints").is_empty());
    // Signed out: to the login, nothing made.
    let anonymous = TestApp::shallow(&app);
    let response =
        anonymous.post_form(&format!("/admin/locations/{id}/signs"), &[("sign", "door")]).await;
    assert!(
        location(response.headers()).starts_with("/login")
            || response.status() == 401
            || response.status() == 403,
        "{}",
        response.status()
    );
}

#[tokio::test]
async fn a_sign_is_also_a_print_page_for_the_browser_and_counts_as_printed() {
    let app = TestApp::spawn_at("2026-12-02T09:00:00Z").await;
    app.login_owner().await;
    let shop = app.store.location_by_slug("sonnenschein-leipzig").await.expect("db").expect("loc");
    let id = shop.id;
    let hours_screen = app.get_in_language(&format!("/admin/locations/{id}/hours"), "de").await;
    assert!(hours_screen.contains("Druckansicht öffnen"));
    assert!(hours_screen.contains(&format!(r#"formaction="/admin/locations/{id}/signs/page""#)));

    let fields = [("sign", "door"), ("paper", "a4"), ("lang", "de")];
    let html = print_page(&app, id, &fields, "door-a4.html").await;
    assert!(html.contains(r#"<html lang="de">"#));
    assert!(html.contains("@page { size: A4 portrait;"), "{html}");
    assert!(html.contains("Drucken: Menü des Browsers → Drucken"));
    assert!(html.contains("Öffnungszeiten") && html.contains("Stand: 02.12.2026"), "{html}");
    assert!(html.contains(&format!("<h1>{}</h1>", shop.details.name)), "{html}");
    assert!(html.contains(r#"<th scope="row">"#), "{html}");
    let first = shop.hours.days.iter().flatten().next().expect("the demo shop opens some day");
    assert!(html.contains(&first.opens.to_string()), "{html}");
    let a5 = [("sign", "door"), ("paper", "a5"), ("lang", "de")];
    let html = print_page(&app, id, &a5, "door-a5.html").await;
    assert!(html.contains("@page { size: A5 portrait;"), "{html}");

    // Recorded like the PDF: the hours screen knows the sign on the door.
    let html = app.get_in_language(&format!("/admin/locations/{id}/hours"), "en").await;
    assert!(html.contains("The door sign printed on 2 Dec 2026 is up to date."), "{html}");

    // A closure notice in both languages; the owner's words are text, never markup.
    let closure = SpecialHours {
        id: 0,
        from: NaiveDate::from_ymd_opt(2026, 12, 28).expect("date"),
        to: NaiveDate::from_ymd_opt(2026, 12, 30).expect("date"),
        intervals: vec![],
        note: "Inventur & <Umbau>".into(),
    };
    let special = app
        .store
        .add_special_hours(shop.business_id, id, &closure, app.clock.now())
        .await
        .expect("special");
    let sign = format!("closure-{special}");
    let fields = [("sign", sign.as_str()), ("paper", "a4"), ("lang", "de-en")];
    let html = print_page(&app, id, &fields, "closure-a4.html").await;
    assert!(html.contains("Geschlossen") && html.contains("Inventur &amp; &lt;Umbau&gt;"));
    assert!(html.contains(r#"<span class="second" lang="en">Closed</span>"#), "{html}");
    assert!(html.contains("Stand: 02.12.2026") && html.contains("As of 2 Dec 2026"), "{html}");
    let html = app.get_in_language(&format!("/admin/locations/{id}/hours"), "de").await;
    assert!(html.contains("Der Schließungshinweis vom 02.12.2026 ist aktuell."), "{html}");
}

#[tokio::test]
async fn staff_and_other_businesses_get_no_print_page() {
    let app = TestApp::spawn().await;
    let shop = app.store.location_by_slug("sonnenschein-leipzig").await.expect("db").expect("loc");
    let path = format!("/admin/locations/{}/signs/page", shop.id);
    app.create_user(
        "staff@sonnenschein.example",
        "staff-passwort-1",
        shop.business_id,
        Role::Staff,
    )
    .await;
    let staff = app.shallow();
    assert_eq!(
        location(staff.login("staff@sonnenschein.example", "staff-passwort-1").await.headers()),
        "/admin"
    );
    assert_eq!(staff.post_form(&path, &[("sign", "door")]).await.status(), 404);
    let (other, _) = app.other_business().await;
    app.create_user("rad@speiche.example", "speichen-passwort", other, Role::Owner).await;
    let intruder = app.shallow();
    assert_eq!(
        location(intruder.login("rad@speiche.example", "speichen-passwort").await.headers()),
        "/admin"
    );
    assert_eq!(intruder.post_form(&path, &[("sign", "door")]).await.status(), 404);
    assert!(app.store.latest_sign_prints(shop.id).await.expect("prints").is_empty());
}
