//! A business's archive: the owner downloads it (nobody else may), a real JSON Schema
//! validator (Python's `jsonschema`) accepts it, `nahbar import` (the real binary) loads it
//! into an empty PostgreSQL database, `nahbar export` there writes the same content again,
//! the moved instance serves the shop, and a member signs in after `nahbar password`.
//! Bad archives and non-empty instances are refused with a sentence and change nothing.

use crate::cli::{nahbar, text};
use crate::common::{OWNER_EMAIL, ScratchPg, TestApp, client};
use app::domain::location::Role;
use app::domain::question::{QuestionForm, QuestionKind};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;

/// Every file of the ZIP at `path`: name → bytes.
fn files(path: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).expect("open")).expect("zip");
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).expect("entry");
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("read");
        out.insert(entry.name().expect("name").to_string(), bytes);
    }
    out
}

fn data(files: &BTreeMap<String, Vec<u8>>) -> Value {
    serde_json::from_slice(&files["business.json"]).expect("business.json")
}

/// Checks `business.json` against `business.schema.json` with Python's jsonschema (an
/// implementation Nahbar has no part in).
fn validate(dir: &Path, files: &BTreeMap<String, Vec<u8>>) {
    let (data, schema) = (dir.join("check-business.json"), dir.join("check-schema.json"));
    std::fs::write(&data, &files["business.json"]).expect("write");
    std::fs::write(&schema, &files["business.schema.json"]).expect("write");
    let script = "import json, sys, jsonschema\n\
        schema = json.load(open(sys.argv[1])); data = json.load(open(sys.argv[2]))\n\
        jsonschema.Draft202012Validator.check_schema(schema)\n\
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))\n\
        [print(list(e.absolute_path), e.message) for e in errors[:5]]\n\
        sys.exit(1 if errors else 0)\n";
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(&schema)
        .arg(&data)
        .output()
        .expect("python3 runs");
    assert!(out.status.success(), "schema check: {}{}", text(&out.stdout), text(&out.stderr));
}

async fn download(app: &TestApp, who: &reqwest::Client) -> reqwest::Response {
    who.get(app.url("/admin/businesses/1/archive.zip")).send().await.expect("GET")
}

/// The demo business made richer: a question with an answer, counted visits, a follower
/// server blocked.
async fn enrich(app: &TestApp) {
    let freiburg = app.store.location_by_slug("sonnenschein-freiburg").await.expect("q");
    let freiburg = freiburg.expect("demo location");
    let form = QuestionForm {
        kind: QuestionKind::Question,
        name: "Jana".into(),
        email: "jana@example.org".into(),
        body: "Habt ihr Dinkelbrot ohne Hefe?".into(),
        consent: true,
        post_id: None,
    };
    let now = app.clock.now();
    app.store
        .add_question(freiburg.id, &form, "de", "sender-hash", 5, 50, now)
        .await
        .expect("question");
    let user = app.store.user_by_email(OWNER_EMAIL).await.expect("q").expect("owner");
    let question = app.store.questions(freiburg.id, Default::default(), 10).await.expect("list");
    app.store
        .answer_question(freiburg.id, question[0].id, "Ja, freitags.", user.id, now)
        .await
        .expect("answer");
    for agent in ["Mozilla/5.0 (iPhone) Safari/604.1", "Mozilla/5.0 (X11; Linux) Firefox/133.0"] {
        let page = client()
            .get(app.url("/sonnenschein-freiburg"))
            .header("user-agent", agent)
            .send()
            .await
            .expect("visit");
        assert_eq!(page.status(), 200);
    }
    app.insights.flush(app.store.as_ref()).await;
    let today = now.date_naive();
    server::insights::roll_up(app.store.as_ref(), today - chrono::Duration::days(2), today).await;
}

#[tokio::test]
async fn a_business_moves_from_sqlite_to_postgresql_and_exports_the_same_again() {
    let app = TestApp::spawn().await;
    enrich(&app).await;
    app.create_user("staff@sonnenschein.example", "staff-password-1", 1, Role::Staff).await;
    app.create_user("manager@sonnenschein.example", "manager-password-1", 1, Role::Manager).await;
    let work = tempfile::tempdir().expect("dir");

    // Only the owner downloads everything.
    let anonymous = download(&app, &client()).await;
    assert_eq!(anonymous.status(), 303, "anonymous goes to the login");
    for (email, password) in [
        ("staff@sonnenschein.example", "staff-password-1"),
        ("manager@sonnenschein.example", "manager-password-1"),
    ] {
        let member = app.shallow();
        member.login(email, password).await;
        let refused = download(&member, &member.client).await;
        assert!(matches!(refused.status().as_u16(), 403 | 404), "{email}: {}", refused.status());
    }
    app.login_owner().await;
    let answer = download(&app, &app.client).await;
    assert_eq!(answer.status(), 200);
    assert_eq!(answer.headers()["content-type"], "application/zip");
    let disposition = answer.headers()["content-disposition"].to_str().expect("ascii").to_string();
    assert!(
        disposition.starts_with("attachment; filename=\"baeckerei-sonnenschein-nahbar-"),
        "{disposition}"
    );
    assert_eq!(answer.headers()["cache-control"], "private, no-store");
    drop(answer.bytes().await.expect("body"));
    // The history says who took everything; the second download carries that entry.
    let answer = download(&app, &app.client).await;
    assert_eq!(answer.status(), 200);
    let first = work.path().join("first.zip");
    std::fs::write(&first, answer.bytes().await.expect("body")).expect("save");

    let made = files(&first);
    validate(work.path(), &made);
    let document = data(&made);
    let tables = &document["tables"];
    assert_eq!(document["with_secrets"], false);
    let count = |name: &str| tables[name].as_array().map(Vec::len).unwrap_or(0);
    assert_eq!(count("businesses"), 1);
    assert_eq!(count("locations"), 2);
    assert_eq!(count("memberships"), 4, "the owner, the demo colleague, staff and manager");
    assert!(count("posts") >= 2 && count("post_photos") >= 1, "demo posts with photos");
    assert_eq!(count("questions"), 1);
    assert!(count("insight_days") >= 1, "figures");
    let history = tables["audit_log"].as_array().expect("history");
    assert!(
        history.iter().any(|e| e["action"] == "business.export"),
        "the download is in the history"
    );
    assert!(count("weekly_hours") > 5 && count("special_hours") >= 2 && count("pois") >= 4);
    // No secret leaves with the owner's download.
    let json = String::from_utf8_lossy(&made["business.json"]).to_string();
    assert!(!json.contains("argon2") && !json.contains("PRIVATE KEY"), "no secrets");
    assert_eq!(count("actor_keys"), 0);
    // Every photo the posts name is in the archive, in every width and both formats.
    for photo in tables["post_photos"].as_array().expect("photos") {
        let hash = photo["hash"].as_str().expect("hash");
        for width in photo["widths"].as_str().expect("widths").split(',') {
            for extension in ["webp", "jpg"] {
                let name = format!("media/{hash}-{width}.{extension}");
                assert!(made.get(&name).is_some_and(|b| b.len() > 100), "{name}");
            }
        }
    }
    // The open formats beside the JSON.
    assert!(text(&made["locations.csv"]).contains("Bäckerei Sonnenschein"));
    let calendar = text(&made["locations/sonnenschein-freiburg/calendar.ics"]);
    assert!(calendar.starts_with("BEGIN:VCALENDAR") && calendar.contains("BEGIN:VEVENT"));
    let pois: Value =
        serde_json::from_slice(&made["locations/sonnenschein-leipzig/pois.geojson"]).expect("geo");
    assert_eq!(pois["type"], "FeatureCollection");
    assert!(made.contains_key("LIESMICH.txt"));

    // Into an empty PostgreSQL database (SQLite when PostgreSQL is not at hand), photos into
    // a new data folder.
    let pg = ScratchPg::create("archive").await;
    let target_dir = work.path().join("moved");
    let target_url = match &pg {
        Some(pg) => pg.url.clone(),
        None => format!("sqlite:{}/nahbar.db", target_dir.display()),
    };
    let target_dir_arg = target_dir.display().to_string();
    let storage = ["--data-dir", target_dir_arg.as_str(), "--database-url", target_url.as_str()];
    let first_arg = first.display().to_string();
    let imported = nahbar(&[&["import"], &storage[..], &[first_arg.as_str()]].concat(), None);
    assert!(imported.status.success(), "import: {}", text(&imported.stderr));
    let said = text(&imported.stdout);
    assert!(said.contains("Imported \"Bäckerei Sonnenschein\""), "{said}");
    assert!(said.contains("nahbar password --email owner@sonnenschein.example"), "{said}");

    // Exported again from there: the same tables, the same photos, the same files.
    let second = work.path().join("second.zip");
    let second_arg = second.display().to_string();
    let exported = nahbar(
        &[&["export"], &storage[..], &["--business", "1", "--to", second_arg.as_str()]].concat(),
        None,
    );
    assert!(exported.status.success(), "export: {}", text(&exported.stderr));
    let again = files(&second);
    assert_eq!(data(&again)["tables"], document["tables"], "the same content after the move");
    let photos = |files: &BTreeMap<String, Vec<u8>>| {
        files
            .iter()
            .filter(|(n, _)| n.starts_with("media/"))
            .map(|(n, b)| (n.clone(), b.clone()))
            .collect::<BTreeMap<_, _>>()
    };
    assert_eq!(photos(&again), photos(&made));
    assert_eq!(again["locations.csv"], made["locations.csv"]);

    // Once more into the same instance: refused, nothing doubled.
    let twice = nahbar(&[&["import"], &storage[..], &[first_arg.as_str()]].concat(), None);
    assert_eq!(twice.status.code(), Some(1));
    assert!(
        text(&twice.stderr).contains("already holds businesses or accounts"),
        "{}",
        text(&twice.stderr)
    );

    // The owner sets a password and the moved instance serves the shop and its photos.
    let password = nahbar(
        &[&["password"], &storage[..], &["--email", OWNER_EMAIL, "--password-stdin"]].concat(),
        Some("a-new-password-2026\n"),
    );
    assert!(password.status.success(), "password: {}", text(&password.stderr));
    let moved_dir = tempfile::tempdir().expect("dir");
    for entry in std::fs::read_dir(target_dir.join("media")).expect("media folder") {
        let entry = entry.expect("entry");
        std::fs::create_dir_all(moved_dir.path().join("media")).expect("dir");
        std::fs::copy(entry.path(), moved_dir.path().join("media").join(entry.file_name()))
            .expect("copy");
    }
    let moved_url = match &pg {
        Some(pg) => pg.url.clone(),
        None => format!("sqlite:{}/nahbar.db", target_dir.display()),
    };
    let moved = TestApp::serve(moved_dir, &moved_url, false, app.clock.clone()).await;
    let (status, page) = moved.get_text("/sonnenschein-freiburg").await;
    assert_eq!(status, 200);
    assert!(page.contains("Sonnenschein"), "the local page");
    let hash = tables["post_photos"][0]["hash"].as_str().expect("hash").to_string();
    let width = tables["post_photos"][0]["widths"]
        .as_str()
        .expect("w")
        .split(',')
        .next()
        .expect("w")
        .to_string();
    let photo = moved.get(&format!("/media/{hash}-{width}.webp")).await;
    assert_eq!(photo.status(), 200);
    let signed_in = moved.login(OWNER_EMAIL, "a-new-password-2026").await;
    assert_eq!(signed_in.status(), 303);
    assert_eq!(signed_in.headers()["location"], "/admin");
    let old = moved.shallow().login(OWNER_EMAIL, crate::common::OWNER_PASSWORD).await;
    assert_ne!(old.headers().get("location").map(|v| v.to_str().unwrap_or("")), Some("/admin"));
    drop(moved);
    if let Some(pg) = pg {
        pg.drop_database().await;
    }
}

#[tokio::test]
async fn every_table_of_the_database_is_archived_or_left_out_for_a_reason() {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite:{}", dir.path().join("schema.db").display());
    drop(server::store::connect(&url).await.expect("migrated"));
    let db = table_names(&dir.path().join("schema.db")).await;
    let mut unknown = Vec::new();
    for name in db {
        let archived = app::domain::archive::table(&name).is_some();
        let left_out = app::domain::archive::LEFT_OUT.iter().any(|(t, _)| *t == name);
        if !archived && !left_out {
            unknown.push(name);
        }
    }
    assert!(unknown.is_empty(), "tables neither archived nor left out: {unknown:?}");
}

/// The table names of the SQLite file at `path`.
async fn table_names(path: &Path) -> Vec<String> {
    use sqlx::Connection;
    let mut connection =
        sqlx::SqliteConnection::connect(&format!("sqlite:{}", path.display())).await.expect("open");
    sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )
    .fetch_all(&mut connection)
    .await
    .expect("tables")
}

#[tokio::test]
async fn a_damaged_archive_is_refused_with_its_place_and_writes_nothing() {
    let app = TestApp::spawn().await;
    app.login_owner().await;
    let work = tempfile::tempdir().expect("dir");
    let good = work.path().join("good.zip");
    std::fs::write(&good, download(&app, &app.client).await.bytes().await.expect("body"))
        .expect("save");
    let mut files = files(&good);
    let mut document = data(&files);
    document["tables"]["special_hours"][0]["starts_on"] = Value::from("24.12.2026");
    files.insert("business.json".into(), serde_json::to_vec(&document).expect("json"));
    let bad = work.path().join("bad.zip");
    {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&bad).expect("create"));
        for (name, bytes) in &files {
            zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).expect("start");
            zip.write_all(bytes).expect("write");
        }
        zip.finish().expect("finish");
    }
    let target = work.path().join("target");
    let target_arg = target.display().to_string();
    let run = |archive: &Path| {
        let archive = archive.display().to_string();
        nahbar(&["import", "--data-dir", target_arg.as_str(), archive.as_str()], None)
    };
    let refused = run(&bad);
    assert_eq!(refused.status.code(), Some(1));
    let said = text(&refused.stderr);
    assert!(
        said.contains("special_hours, row 1: starts_on must be a date such as 2026-12-24"),
        "{said}"
    );
    let not_zip = work.path().join("notes.zip");
    std::fs::write(&not_zip, "just text").expect("write");
    let said = text(&run(&not_zip).stderr);
    assert!(said.contains("is not a ZIP archive"), "{said}");
    // Nothing was written: the good archive still goes in.
    let ok = run(&good);
    assert!(ok.status.success(), "{}", text(&ok.stderr));
    // The CLI without a business lists them.
    let list = nahbar(&["export", "--data-dir", target_arg.as_str()], None);
    assert_eq!(list.status.code(), Some(1));
    assert!(text(&list.stderr).contains("1  Bäckerei Sonnenschein"), "{}", text(&list.stderr));
}
