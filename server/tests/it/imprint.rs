//! The imprint and privacy notice over HTTP: a German business is refused without the
//! fields § 5 DDG asks for (field by field, nothing stored, what was typed kept), a complete
//! imprint is shown on `/imprint` and each location's `/{slug}/imprint` (with a branch's
//! own address where chosen), every customer page in the sitemap links its imprint and
//! privacy notice, the dashboard nudges until the imprint is complete, and the storage
//! reads back the same on SQLite and PostgreSQL.

use crate::common::{ScratchPg, TestApp, location};
use app::domain::imprint::{Imprint, LegalForm};
use app::domain::location::Role;
use app::store::Store;

const COMPLETE: &[(&str, &str)] = &[
    ("legal_name", "Bäckerei Sonnenschein"),
    ("legal_form", "limited_company"),
    ("street", "Kaiser-Joseph-Straße 1"),
    ("postal_code", "79098"),
    ("city", "Freiburg im Breisgau"),
    ("country", "DE"),
    ("representatives", "Lena Sonnenschein\nJonas Mehl"),
    ("email", "hallo@sonnenschein.example"),
    ("phone", "+49 761 123456"),
    ("register_court", "Amtsgericht Freiburg"),
    ("register_number", "hrb 701234"),
    ("vat_id", "DE 136 695 976"),
];

fn document(html: &str) -> scraper::Html {
    scraper::Html::parse_document(html)
}

fn select<'a>(doc: &'a scraper::Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let selector = scraper::Selector::parse(css).expect("selector");
    doc.select(&selector).collect()
}

#[tokio::test]
async fn a_german_business_is_refused_without_the_required_fields_and_then_shown_everywhere() {
    let app = TestApp::spawn_at("2026-12-04T10:00:00Z").await;
    app.login_owner().await;
    let freiburg =
        app.store.location_by_slug("sonnenschein-freiburg").await.expect("db").expect("loc");
    let leipzig =
        app.store.location_by_slug("sonnenschein-leipzig").await.expect("db").expect("loc");
    let business = freiburg.business_id;
    let screen = format!("/admin/imprint/{business}");

    // Before: the dashboard nudges; customers see an imprint made of the location's data,
    // with no word of anything missing.
    let dashboard = app.get_in_language("/admin", "de").await;
    assert!(
        dashboard.contains("Das Impressum von Bäckerei Sonnenschein fehlt noch."),
        "{dashboard}"
    );
    let (status, page) = app.get_text("/sonnenschein-leipzig/imprint").await;
    assert_eq!(status, 200);
    assert!(page.contains(&leipzig.details.address.street), "{page}");
    assert!(!page.contains("unvollständig") && !page.contains("incomplete"), "{page}");

    // A GmbH without representatives, register and e-mail, with a mistyped VAT id.
    let mut fields: Vec<(&str, &str)> = COMPLETE
        .iter()
        .copied()
        .filter(|(k, _)| {
            !matches!(*k, "representatives" | "register_court" | "register_number" | "email")
        })
        .collect();
    fields.retain(|(k, _)| *k != "vat_id");
    fields.push(("vat_id", "DE136695977"));
    fields.push(("editorial_content", "on"));
    let response = app.post_form(&screen, &fields).await;
    assert_eq!(response.status(), 303);
    let back = location(response.headers());
    assert!(back.starts_with(&format!("{screen}?errors=")), "{back}");
    assert!(app.store.imprint(business).await.expect("db").imprint.is_none(), "nothing stored");

    let html = app.get_in_language(&back, "de").await;
    let doc = document(&html);
    let alert = select(&doc, "#imprint-errors")[0].text().collect::<String>();
    assert!(alert.contains("Nicht gespeichert: 6 Angaben fehlen oder stimmen nicht."), "{alert}");
    for (id, problem) in [
        ("imprint-representatives", "Diese Angabe ist für Ihr Unternehmen Pflicht."),
        ("imprint-email", "Diese Angabe ist für Ihr Unternehmen Pflicht."),
        ("imprint-register-court", "Diese Angabe ist für Ihr Unternehmen Pflicht."),
        ("imprint-register-number", "Diese Angabe ist für Ihr Unternehmen Pflicht."),
        ("imprint-vat-id", "keine gültige Umsatzsteuer-ID"),
        ("imprint-content-responsible", "Diese Angabe ist für Ihr Unternehmen Pflicht."),
    ] {
        let field = select(&doc, &format!("#{id}"));
        assert_eq!(field.len(), 1, "{id}");
        assert_eq!(field[0].value().attr("aria-invalid"), Some("true"), "{id}");
        let described = field[0].value().attr("aria-describedby").expect("described");
        let error = select(&doc, &format!("#{id}-error"));
        assert!(described.contains(&format!("{id}-error")), "{id}: {described}");
        assert!(error[0].text().collect::<String>().contains(problem), "{id}");
    }
    // What was typed is still there, and the law cited is the DDG, never the old TMG.
    assert_eq!(
        select(&doc, "#imprint-street")[0].value().attr("value"),
        Some("Kaiser-Joseph-Straße 1")
    );
    assert_eq!(select(&doc, "#imprint-vat-id")[0].value().attr("value"), Some("DE136695977"));
    assert!(select(&doc, "#imprint-editorial_content")[0].value().attr("checked").is_some());
    assert!(html.contains("§ 5 DDG") && !html.contains("TMG"), "{html}");
    let en = app.get_in_language(&back, "en").await;
    assert!(
        en.contains("Not saved: 6 details are missing or wrong.")
            && en.contains("This is required for your business.")
    );

    // Complete (Leipzig shows its own address): saved, cleaned into the usual spelling.
    let own = format!("own_address_{}", leipzig.id);
    let mut fields = COMPLETE.to_vec();
    fields.push((own.as_str(), "on"));
    let response = app.post_form(&screen, &fields).await;
    assert_eq!(location(response.headers()), format!("{screen}?saved=imprint#imprint-form"));
    let record = app.store.imprint(business).await.expect("db");
    let stored = record.imprint.expect("stored");
    assert_eq!(
        (stored.register_number.as_str(), stored.vat_id.as_str()),
        ("HRB 701234", "DE136695976")
    );
    assert_eq!(stored.legal_form, Some(LegalForm::LimitedCompany));
    assert_eq!(record.own_address, vec![leipzig.id]);
    let dashboard = app.get_in_language("/admin", "de").await;
    assert!(!dashboard.contains("fehlt noch") && !dashboard.contains("fehlen Pflichtangaben"));

    // The pages: the business's address in Freiburg, Leipzig's own in Leipzig.
    let page = app.get_in_language("/sonnenschein-freiburg/imprint", "de").await;
    for text in [
        "Angaben gemäß § 5 DDG",
        "Bäckerei Sonnenschein GmbH",
        "Kaiser-Joseph-Straße 1",
        "Lena Sonnenschein",
        "Amtsgericht Freiburg",
        "HRB 701234",
        "DE136695976",
    ] {
        assert!(page.contains(text), "{text}: {page}");
    }
    let page = app.get_in_language("/sonnenschein-leipzig/imprint", "en").await;
    assert!(
        page.contains(&leipzig.details.address.street) && !page.contains("Kaiser-Joseph"),
        "{page}"
    );
    assert!(page.contains("Information pursuant to"), "{page}");
    let page = app.get_in_language("/imprint", "de").await;
    assert!(page.contains("Kaiser-Joseph-Straße 1") && page.contains("HRB 701234"), "{page}");

    // The privacy notice names the hosting once the owner does.
    let response = app
        .post_form(
            &format!("{screen}/privacy"),
            &[("hosting", "Hetzner Online GmbH, Gunzenhausen"), ("extra", "Wir backen mit Liebe.")],
        )
        .await;
    assert_eq!(location(response.headers()), format!("{screen}?saved=privacy#privacy-form"));
    let privacy = app.get_in_language("/sonnenschein-freiburg/privacy", "de").await;
    assert!(
        privacy.contains("Hetzner Online GmbH, Gunzenhausen")
            && privacy.contains("Wir backen mit Liebe."),
        "{privacy}"
    );
    assert!(
        privacy.contains("nahbar_lang"),
        "the one cookie a customer can get is named: {privacy}"
    );
    let long = "x".repeat(301);
    let response = app.post_form(&format!("{screen}/privacy"), &[("hosting", long.as_str())]).await;
    assert!(location(response.headers()).contains("error=privacy_too_long"));
    assert_eq!(
        app.store.imprint(business).await.expect("db").privacy_hosting,
        "Hetzner Online GmbH, Gunzenhausen"
    );
}

#[tokio::test]
async fn every_customer_page_in_the_sitemap_links_its_imprint_and_privacy_notice() {
    let app = TestApp::spawn().await;
    let (_, sitemap) = app.get_text("/sitemap.xml").await;
    let urls: Vec<String> = sitemap
        .split("<loc>")
        .skip(1)
        .filter_map(|rest| rest.split("</loc>").next())
        .map(|url| url.trim_start_matches(&app.base).to_string())
        .collect();
    assert!(
        urls.iter().any(|u| u == "/imprint")
            && urls.iter().any(|u| u == "/sonnenschein-freiburg/imprint")
    );
    assert!(urls.len() >= 9, "{urls:?}");
    for path in urls {
        let (status, html) = app.get_text(&path).await;
        assert_eq!(status, 200, "{path}");
        let doc = document(&html);
        let links: Vec<String> = select(&doc, "footer a")
            .iter()
            .filter_map(|a| a.value().attr("href").map(str::to_string))
            .collect();
        let base = match path.trim_start_matches('/').split('/').next() {
            Some("") | Some("imprint") | Some("privacy") => String::new(),
            Some(slug) => format!("/{slug}"),
            None => String::new(),
        };
        assert!(links.contains(&format!("{base}/imprint")), "{path}: {links:?}");
        assert!(links.contains(&format!("{base}/privacy")), "{path}: {links:?}");
        assert!(!html.contains("<script src"), "customer pages stay script-free: {path}");
    }
    let (status, _) = app.get_text("/no-such-shop/imprint").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn staff_and_other_businesses_neither_see_nor_change_the_imprint() {
    let app = TestApp::spawn().await;
    let shop = app.store.location_by_slug("sonnenschein-freiburg").await.expect("db").expect("loc");
    let business = shop.business_id;
    let (other, _) = app.other_business().await;
    app.create_user("staff@sonnenschein.example", "staff-password-1", business, Role::Staff).await;
    app.login("staff@sonnenschein.example", "staff-password-1").await;
    let (status, _) = app.get_text(&format!("/admin/imprint/{business}")).await;
    assert_eq!(status, 404);
    let response = app.post_form(&format!("/admin/imprint/{business}"), COMPLETE).await;
    assert_eq!(response.status(), 404);
    assert!(app.store.imprint(business).await.expect("db").imprint.is_none());
    // The owner of one business and another's screen: as if it did not exist.
    let owner = app.shallow();
    owner.login_owner().await;
    let response =
        owner.post_form(&format!("/admin/imprint/{other}/privacy"), &[("hosting", "x")]).await;
    assert_eq!(response.status(), 404);
    assert_eq!(app.store.imprint(other).await.expect("db").privacy_hosting, "");
}

async fn store_story(store: &dyn Store) {
    let now = chrono::Utc::now();
    let business = store.create_business("Optik Berger", now).await.expect("business");
    assert_eq!(store.imprint(business).await.expect("read").imprint, None);
    store.save_privacy(business, "Hoster AG", "Absatz", now).await.expect("privacy");
    let imprint = Imprint {
        legal_name: "Optik Berger".into(),
        legal_form: Some(LegalForm::RegisteredMerchant),
        email: "info@berger.example".into(),
        ..Imprint::default()
    };
    // A location id of no business of this one is dropped, not stored.
    store.save_imprint(business, &imprint, &[987_654], now).await.expect("save");
    let record = store.imprint(business).await.expect("read");
    assert_eq!(record.imprint.as_ref(), Some(&imprint));
    assert!(record.own_address.is_empty());
    assert_eq!(
        (record.privacy_hosting.as_str(), record.privacy_extra.as_str()),
        ("Hoster AG", "Absatz")
    );
    let before = store.public_revision().await.expect("revision");
    store.save_privacy(business, "Neuer Hoster", "", now).await.expect("privacy");
    assert!(store.public_revision().await.expect("revision") > before, "cached pages follow");
    assert_eq!(store.imprint(business).await.expect("read").imprint.as_ref(), Some(&imprint));
}

#[tokio::test]
async fn the_imprint_is_stored_alike_on_sqlite_and_postgres() {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite:{}", dir.path().join("imprint.db").display());
    store_story(server::store::connect(&url).await.expect("sqlite").as_ref()).await;
    if let Some(pg) = ScratchPg::create("imprint").await {
        store_story(pg.store.as_ref()).await;
        pg.drop_database().await;
    }
}
