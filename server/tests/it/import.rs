//! Locations as CSV over real HTTP: the export of the demo business read back and imported
//! again without a change, a good file creating and updating locations (read back from the
//! store and from the public page), a file with two bad rows writing nothing and naming
//! exactly those lines (as JSON and without JavaScript), 5 000 rows in one go, files that
//! are not CSV, and everyone but the business's owners and managers refused like a missing
//! business. The store's all-or-nothing import is also checked on SQLite and PostgreSQL.

use crate::common::{TestApp, location, sample_details};
use app::domain::gbp_csv::{self, Column, ImportRow, Problem};
use app::domain::hours::WeeklyHours;
use app::domain::location::{Location, LocationSummary, Role};
use app::domain::slug::Slug;
use app::store::{NewLocation, Store};
use chrono::Utc;
use reqwest::multipart::{Form, Part};

/// One CSV line; cells with a separator, quote or line break are quoted.
fn line(cells: &[&str]) -> String {
    let quoted: Vec<String> = cells
        .iter()
        .map(|c| {
            if c.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c.to_string()
            }
        })
        .collect();
    format!("{}\r\n", quoted.join(","))
}

/// Uploads `bytes` as the `file` field, as the form does; `json` as the script does.
async fn upload(app: &TestApp, business: i64, bytes: Vec<u8>, json: bool) -> reqwest::Response {
    let csrf = app.csrf_token().await;
    let part = Part::bytes(bytes).file_name("locations.csv").mime_str("text/csv").expect("mime");
    let mut request = app
        .client
        .post(app.url(&format!("/admin/businesses/{business}/locations.csv?csrf_token={csrf}")))
        .multipart(Form::new().part("file", part));
    if json {
        request = request.header("accept", "application/json");
    }
    request.send().await.expect("POST")
}

/// Every location of the business as it is stored, with its summary (`updated_at`).
async fn snapshot(store: &dyn Store, business: i64) -> Vec<(LocationSummary, Location)> {
    let mut all = Vec::new();
    for summary in store.locations_of(business).await.expect("locations") {
        let location = store.location(business, summary.id).await.expect("location");
        all.push((summary, location));
    }
    all
}

async fn export(app: &TestApp) -> Vec<u8> {
    let response = app.get("/admin/businesses/1/locations.csv").await;
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
    let disposition = headers["content-disposition"].to_str().expect("ascii");
    assert!(
        disposition.starts_with("attachment; filename=\"baeckerei-sonnenschein-locations-"),
        "{disposition}"
    );
    response.bytes().await.expect("body").to_vec()
}

#[tokio::test]
async fn the_demo_export_reads_back_and_importing_it_again_changes_nothing() {
    let app = TestApp::spawn().await;
    app.login_owner().await;
    let bytes = export(&app).await;
    let text = String::from_utf8(bytes.clone()).expect("UTF-8");
    let header = text.trim_start_matches('\u{feff}').lines().next().expect("header");
    assert!(header.starts_with("Store code,Business name,Address line 1,Address line 2,Sub-locality,Locality,Administrative area,Country / Region,Postal code,Latitude,Longitude,Primary phone,Website,Primary category,Sunday hours,Monday hours"), "{header}");
    assert!(
        header.ends_with("Special hours,From the business,Email,Time zone,Language,Nahbar slug"),
        "{header}"
    );

    let rows = gbp_csv::read(&bytes).expect("CSV");
    assert!(gbp_csv::problems(&rows).is_empty(), "{:?}", gbp_csv::problems(&rows));
    let rows: Vec<ImportRow> = gbp_csv::valid_rows(rows);
    let mut codes: Vec<&str> = rows.iter().map(|r| r.branch_code.as_str()).collect();
    codes.sort_unstable();
    assert_eq!(codes, ["FR-1", "L-1"]);
    let before = snapshot(app.store.as_ref(), 1).await;
    for row in &rows {
        let (_, stored) = before
            .iter()
            .find(|(_, l)| l.details.branch_code == row.branch_code)
            .expect("exported");
        assert_eq!(row.details, stored.details, "every detail survives the file");
        assert_eq!(row.hours, stored.hours);
        assert!(gbp_csv::same_special_days(&row.special, &stored.special));
    }

    let revision = app.store.public_revision().await.expect("revision");
    let response = upload(&app, 1, bytes.clone(), true).await;
    assert_eq!(response.status(), 200);
    let answer: serde_json::Value = response.json().await.expect("JSON");
    assert_eq!(answer["ok"], true);
    assert_eq!(
        (answer["created"].as_u64(), answer["updated"].as_u64(), answer["unchanged"].as_u64()),
        (Some(0), Some(0), Some(2))
    );
    assert_eq!(snapshot(app.store.as_ref(), 1).await, before, "not even updated_at moved");
    assert_eq!(app.store.public_revision().await.expect("revision"), revision);
    assert_eq!(export(&app).await, bytes, "the next export is the same file");
}

#[tokio::test]
async fn a_good_file_creates_and_updates_locations_and_the_public_pages_show_them() {
    let app = TestApp::spawn().await;
    app.login_owner().await;
    let freiburg_before =
        app.store.location_by_slug("sonnenschein-freiburg").await.expect("read").expect("demo");
    // A German Excel file: semicolons, only some of GBP's columns, hours in both notations.
    let file = "\u{feff}Store code;Business name;Locality;Country / Region;Administrative area;Primary category;Monday hours;Tuesday hours;Special hours;Nahbar slug\r\n\
        FR-1;Bäckerei Sonnenschein Freiburg;Freiburg im Breisgau;DE;BW;Bakery;06:30-12:00,14:00-18:30;7:00AM-1:00PM;;\r\n\
        HD-1;Café Sonnenschein Heidelberg;Heidelberg;Deutschland;Baden-Württemberg;Cafe;08:00-18:00;x;2026-12-24: 08:00-12:00, 2026-12-25: x;sonnenschein-heidelberg\r\n\
        HD-2;Café Sonnenschein Altstadt;Heidelberg;DE;DE-BW;CafeOrCoffeeShop;09:00-17:00;;;\r\n";
    let response = upload(&app, 1, file.as_bytes().to_vec(), false).await;
    assert_eq!(response.status(), 303);
    let target = location(response.headers());
    assert_eq!(target, "/admin/businesses/1/import?created=2&updated=1&unchanged=0");
    let page = app.get_in_language(&target, "en").await;
    assert!(
        page.contains("Done: 2 created, 1 updated, 0 unchanged."),
        "the page says what happened"
    );

    let freiburg =
        app.store.location_by_slug("sonnenschein-freiburg").await.expect("read").expect("kept");
    assert_eq!(
        freiburg.hours.days[0].iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["06:30–12:00", "14:00–18:30"]
    );
    assert_eq!(
        freiburg.hours.days[1].iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["07:00–13:00"]
    );
    assert_eq!(freiburg.hours.days[2], freiburg_before.hours.days[2], "no Wednesday column: kept");
    assert_eq!(freiburg.details.phone, freiburg_before.details.phone, "no phone column: kept");
    assert_eq!(freiburg.special, freiburg_before.special, "an empty special-hours cell keeps them");
    assert_eq!(freiburg.details.address.city, "Freiburg im Breisgau");

    let heidelberg = app
        .store
        .location_by_slug("sonnenschein-heidelberg")
        .await
        .expect("read")
        .expect("created");
    assert_eq!(heidelberg.business_id, 1);
    assert_eq!(heidelberg.details.schema_type, "CafeOrCoffeeShop");
    assert_eq!(heidelberg.details.address.region, "DE-BW");
    assert_eq!(heidelberg.details.timezone, "Europe/Berlin", "from the country");
    assert_eq!(heidelberg.details.branch_code, "HD-1");
    assert_eq!(heidelberg.special.len(), 2);
    let altstadt =
        app.store.location_by_slug("cafe-sonnenschein-altstadt-heidelberg").await.expect("read");
    assert!(altstadt.is_some(), "a slug from name and city");

    let (status, freiburg_page) = app.get_text("/sonnenschein-freiburg").await;
    assert_eq!(status, 200);
    assert!(
        freiburg_page.contains("06:30–12:00") && freiburg_page.contains("14:00–18:30"),
        "the public page shows the new hours"
    );
    let (status, heidelberg_page) = app.get_text("/sonnenschein-heidelberg").await;
    assert_eq!(status, 200);
    assert!(
        heidelberg_page.contains("Café Sonnenschein Heidelberg")
            && heidelberg_page.contains("08:00–18:00")
    );

    let log = app.store.audit_log(1, 5, None).await.expect("audit log");
    let entry = log.iter().find(|e| e.action == "locations.import").expect("logged");
    assert_eq!(entry.detail, "2 created, 1 updated, 0 unchanged");
}

#[tokio::test]
async fn a_file_with_errors_in_rows_3_and_7_writes_nothing_and_names_exactly_those_lines() {
    let app = TestApp::spawn().await;
    app.login_owner().await;
    let header = [
        "Store code",
        "Business name",
        "Locality",
        "Country / Region",
        "Primary category",
        "Monday hours",
    ];
    let mut file = line(&header);
    for n in 2..=8 {
        let code = format!("K-{n}");
        let name = format!("Laden {n}");
        let category = if n == 7 { "Spaceport" } else { "Bakery" };
        let hours = if n == 3 { "25:00-26:00" } else { "09:00-18:00" };
        file.push_str(&line(&[&code, &name, "Köln", "DE", category, hours]));
    }
    let before = snapshot(app.store.as_ref(), 1).await;
    let revision = app.store.public_revision().await.expect("revision");

    let response = upload(&app, 1, file.clone().into_bytes(), true).await;
    assert_eq!(response.status(), 422);
    let answer: serde_json::Value = response.json().await.expect("JSON");
    assert_eq!(answer["ok"], false);
    assert_eq!(answer["failed"], 2);
    let errors = answer["errors"].as_array().expect("errors");
    let found: Vec<(u64, &str)> = errors
        .iter()
        .map(|e| (e["line"].as_u64().expect("line"), e["column"].as_str().expect("column")))
        .collect();
    assert_eq!(found, [(3, "Monday hours"), (7, "Primary category")]);
    assert_eq!(errors[0]["value"], "25:00-26:00");
    assert!(errors[0]["message_de"].as_str().expect("de").contains("Öffnungszeiten"));
    assert!(errors[1]["message_en"].as_str().expect("en").contains("category"));
    assert_eq!(snapshot(app.store.as_ref(), 1).await, before, "nothing was written");
    assert_eq!(app.store.public_revision().await.expect("revision"), revision);

    // Without JavaScript: a redirect whose page lists the same two problems.
    let response = upload(&app, 1, file.into_bytes(), false).await;
    assert_eq!(response.status(), 303);
    let target = location(response.headers());
    assert_eq!(
        target,
        "/admin/businesses/1/import?failed=2&errors=2&e=3.15.bad_hours&e=7.13.unknown_category"
    );
    let page = app.get_in_language(&target, "de").await;
    let doc = scraper::Html::parse_document(&page);
    let cells = scraper::Selector::parse("#import-result tbody tr").expect("selector");
    let rows: Vec<String> =
        doc.select(&cells).map(|tr| tr.text().collect::<Vec<_>>().join("|")).collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows[0].starts_with("3|Monday hours|Keine gültigen Öffnungszeiten"), "{}", rows[0]);
    assert!(rows[1].starts_with("7|Primary category|Unbekannte Kategorie"), "{}", rows[1]);
    assert!(page.contains("aria-invalid=\"true\""), "the file field is marked");
    assert_eq!(snapshot(app.store.as_ref(), 1).await, before);
}

#[tokio::test]
async fn five_thousand_rows_import_in_one_go() {
    let app = TestApp::spawn().await;
    app.login_owner().await;
    let header = [
        "Store code",
        "Business name",
        "Address line 1",
        "Locality",
        "Administrative area",
        "Country / Region",
        "Postal code",
        "Latitude",
        "Longitude",
        "Primary phone",
        "Primary category",
        "Monday hours",
        "Tuesday hours",
        "Wednesday hours",
        "Thursday hours",
        "Friday hours",
        "Saturday hours",
        "Sunday hours",
    ];
    let mut file = line(&header);
    for n in 0..5000 {
        let code = format!("B-{n:04}");
        let name = format!("Backstube {n}");
        let street = format!("Hauptstraße {}", n % 200 + 1);
        let lat = format!("{:.5}", 47.5 + f64::from(n % 100) * 0.05);
        let lon = format!("{:.5}", 7.5 + f64::from(n / 100) * 0.05);
        file.push_str(&line(&[
            &code,
            &name,
            &street,
            "Freiburg",
            "BW",
            "DE",
            "79098",
            &lat,
            &lon,
            "+49 761 1234",
            "Bakery",
            "06:00-12:00,14:00-18:00",
            "06:00-18:00",
            "06:00-13:00",
            "06:00-18:00",
            "06:00-18:00",
            "07:00-12:00",
            "x",
        ]));
    }
    let bytes = file.into_bytes();
    let started = std::time::Instant::now();
    let response = upload(&app, 1, bytes.clone(), true).await;
    let elapsed = started.elapsed();
    assert_eq!(response.status(), 200);
    let answer: serde_json::Value = response.json().await.expect("JSON");
    println!("imported 5000 rows in {:.2} s ({} KB)", elapsed.as_secs_f64(), bytes.len() / 1024);
    assert_eq!(answer["created"], 5000);
    assert_eq!(app.store.locations_of(1).await.expect("locations").len(), 5002);

    let started = std::time::Instant::now();
    let again = upload(&app, 1, bytes, true).await;
    let elapsed = started.elapsed();
    let answer: serde_json::Value = again.json().await.expect("JSON");
    println!("checked 5000 unchanged rows in {:.2} s", elapsed.as_secs_f64());
    assert_eq!(answer["unchanged"], 5000);
    let started = std::time::Instant::now();
    let export = app.get("/admin/businesses/1/locations.csv").await.bytes().await.expect("export");
    println!("exported 5002 locations in {:.2} s", started.elapsed().as_secs_f64());
    assert_eq!(gbp_csv::valid_rows(gbp_csv::read(&export).expect("CSV")).len(), 5002);
}

#[tokio::test]
async fn files_that_are_not_csv_are_refused_with_a_reason() {
    let app = TestApp::spawn().await;
    app.login_owner().await;
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0".to_vec();
    let response = upload(&app, 1, png.clone(), true).await;
    assert_eq!(response.status(), 415);
    let answer: serde_json::Value = response.json().await.expect("JSON");
    assert!(answer["error"].as_str().expect("error").contains("not a text file"));
    let workbook = b"PK\x03\x04\x14\0\x06\0[Content_Types].xml".to_vec();
    let response = upload(&app, 1, workbook, false).await;
    assert_eq!(response.status(), 415);
    assert!(response.text().await.expect("text").contains("CSV UTF-8"), "says how to save a CSV");
    let huge = vec![b'a'; 10 * 1024 * 1024 + 10];
    assert_eq!(upload(&app, 1, huge, true).await.status(), 413);
    let missing_column = upload(&app, 1, b"Store code,Business name\nA,B\n".to_vec(), true).await;
    assert_eq!(missing_column.status(), 422);
    let answer: serde_json::Value = missing_column.json().await.expect("JSON");
    assert_eq!(answer["errors"][0]["line"], 1);
    assert_eq!(answer["errors"][0]["column"], "Locality");
}

#[tokio::test]
async fn only_owners_and_managers_of_the_business_may_export_or_import() {
    let app = TestApp::spawn().await;
    let (other, _) = app.other_business().await;
    let file = line(&["Store code", "Business name", "Locality", "Country / Region"])
        + &line(&["X-1", "Eindringling", "Köln", "DE"]);
    let before = snapshot(app.store.as_ref(), 1).await;
    let people = [
        ("staff@sonnenschein.example", 1, Role::Staff),
        ("owner@speiche.example", other, Role::Owner),
        ("manager@speiche.example", other, Role::Manager),
    ];
    for (email, business, role) in people {
        app.create_user(email, "ein-langes-passwort", business, role).await;
        let person = app.shallow();
        assert_eq!(location(person.login(email, "ein-langes-passwort").await.headers()), "/admin");
        for path in ["/admin/businesses/1/locations.csv", "/admin/businesses/1/import"] {
            let (status, body) = person.get_text(path).await;
            let missing = person.get_text(&path.replace("/1/", "/999999/")).await;
            assert_eq!(status, 404, "{email} {path}");
            assert_eq!(
                (status, without_nonce(&body)),
                (missing.0, without_nonce(&missing.1)),
                "{email} {path}: like a missing business"
            );
        }
        for json in [true, false] {
            let denied = upload(&person, 1, file.clone().into_bytes(), json).await;
            let missing = upload(&person, 999_999, file.clone().into_bytes(), json).await;
            assert_eq!(denied.status(), 404, "{email}");
            assert_eq!(denied.text().await.expect("body"), missing.text().await.expect("body"));
        }
    }
    let anonymous = app.shallow();
    let response = anonymous.get("/admin/businesses/1/locations.csv").await;
    assert_eq!(response.status(), 303);
    assert!(location(response.headers()).starts_with("/login"));
    assert_eq!(upload(&anonymous, 1, file.clone().into_bytes(), true).await.status(), 401);
    assert_eq!(snapshot(app.store.as_ref(), 1).await, before, "nobody wrote anything");

    // A manager of the business may.
    app.create_user("manager@sonnenschein.example", "ein-langes-passwort", 1, Role::Manager).await;
    let manager = app.shallow();
    manager.login("manager@sonnenschein.example", "ein-langes-passwort").await;
    assert_eq!(manager.get("/admin/businesses/1/locations.csv").await.status(), 200);
    let (status, page) = manager.get_text("/admin/businesses/1/import").await;
    assert_eq!(status, 200);
    assert!(page.contains("enctype=\"multipart/form-data\"") && page.contains("/import.js"));
    assert_eq!(upload(&manager, 1, file.into_bytes(), true).await.status(), 200);
}

/// The page without what differs on every response (nonces) and without the asked-for
/// path (the language links point back to it).
fn without_nonce(body: &str) -> String {
    let nonce = regex::Regex::new(r#"(nonce|crossorigin)="[^"]*""#).expect("regex");
    nonce.replace_all(body, "$1").replace("/businesses/999999/", "/businesses/1/")
}

/// The store's import is one transaction: a refused row leaves no trace, on either backend.
async fn import_is_all_or_nothing(store: &dyn Store) {
    let now = Utc::now();
    let a = store.create_business("Bäckerei A", now).await.expect("business a");
    let b = store.create_business("Optiker B", now).await.expect("business b");
    let taken = NewLocation {
        business_id: b,
        slug: Slug::parse("schon-vergeben").expect("slug"),
        details: sample_details("B"),
        hours: WeeklyHours::default(),
    };
    store.create_location(&taken, now).await.expect("location b");
    let file =
        line(&[
            "Store code",
            "Business name",
            "Locality",
            "Country / Region",
            "Monday hours",
            "Special hours",
            "Nahbar slug",
        ]) + &line(&[
            "A-1",
            "Laden Eins",
            "Köln",
            "DE",
            "09:00-18:00",
            "2026-12-24: 08:00-12:00",
            "",
        ]) + &line(&["A-2", "Laden Zwei", "Köln", "DE", "09:00-18:00", "", "schon-vergeben"]);
    let rows = gbp_csv::valid_rows(gbp_csv::read(file.as_bytes()).expect("CSV"));
    assert_eq!(rows.len(), 2);
    let revision = store.public_revision().await.expect("revision");
    let refused = store.import_locations(a, &rows, now).await.expect("import");
    assert_eq!(
        refused.refused.iter().map(|e| (e.line, e.column, e.problem)).collect::<Vec<_>>(),
        [(3, Some(Column::NahbarSlug), Problem::SlugTaken)],
        "a slug of another business is taken"
    );
    assert!(refused.created.is_empty());
    assert!(
        store.locations_of(a).await.expect("locations").is_empty(),
        "the first row was not kept"
    );
    assert_eq!(store.public_revision().await.expect("revision"), revision);

    let fine = gbp_csv::valid_rows(
        gbp_csv::read(file.replace("schon-vergeben", "laden-zwei").as_bytes()).expect("CSV"),
    );
    let done = store.import_locations(a, &fine, now).await.expect("import");
    assert_eq!((done.created.len(), done.updated.len(), done.refused.len()), (2, 0, 0));
    assert_eq!(store.public_revision().await.expect("revision"), revision + 1, "raised once");
    let eins = store.location_by_slug("laden-eins-koeln").await.expect("read").expect("created");
    assert_eq!(eins.special.len(), 1);
    let exported = store.locations_for_export(a).await.expect("export");
    assert_eq!(exported.len(), 2);
    let again = gbp_csv::valid_rows(
        gbp_csv::read(&gbp_csv::write(&exported, b',').expect("written")).expect("CSV"),
    );
    let same = store.import_locations(a, &again, now).await.expect("import");
    assert_eq!((same.created.len(), same.updated.len(), same.unchanged.len()), (0, 0, 2));

    // Changed hours and special hours of one row: that location alone is rewritten.
    let changed = file.replace("schon-vergeben", "laden-zwei").replace(
        "09:00-18:00,2026-12-24: 08:00-12:00",
        "10:00-12:00,\"2026-12-31: x, 2027-01-02: 10:00-14:00\"",
    );
    let changed = gbp_csv::valid_rows(gbp_csv::read(changed.as_bytes()).expect("CSV"));
    let revision = store.public_revision().await.expect("revision");
    let done = store.import_locations(a, &changed, now).await.expect("import");
    assert_eq!((done.created.len(), done.updated.len(), done.unchanged.len()), (0, 1, 1));
    assert_eq!(store.public_revision().await.expect("revision"), revision + 1);
    let eins = store.location_by_slug("laden-eins-koeln").await.expect("read").expect("kept");
    assert_eq!(
        eins.hours.days[0].iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["10:00–12:00"]
    );
    assert!(eins.hours.days[1].is_empty());
    let special: Vec<String> =
        eins.special.iter().map(|s| format!("{} {}", s.from, s.intervals.len())).collect();
    assert_eq!(special, ["2026-12-31 0", "2027-01-02 1"], "replaced, not added");
    assert!(
        store.locations_for_export(b).await.expect("export").iter().all(|l| l.business_id == b),
        "scoped by business"
    );
}

#[tokio::test]
async fn the_import_is_all_or_nothing_on_sqlite() {
    let dir = tempfile::tempdir().expect("dir");
    let store = server::store::connect(&format!("sqlite:{}", dir.path().join("s.db").display()))
        .await
        .expect("sqlite");
    import_is_all_or_nothing(store.as_ref()).await;
}

#[tokio::test]
async fn the_import_is_all_or_nothing_on_postgresql() {
    let Some(pg) = crate::common::ScratchPg::create("import").await else { return };
    import_is_all_or_nothing(pg.store.as_ref()).await;
    pg.drop_database().await;
}
