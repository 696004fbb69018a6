//! The `nahbar` command line: hours check/eval and owner creation, run as a real process.

use std::process::{Command, Output, Stdio};

/// Runs `nahbar` with `args` (and `stdin`, if given) as a real process; other CLI tests
/// (the archive's) use it too.
pub(crate) fn nahbar(args: &[&str], stdin: Option<&str>) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_nahbar"))
        .args(args)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("nahbar runs");
    if let Some(input) = stdin {
        child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("output")
}

pub(crate) fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).to_string()
}

#[test]
fn hours_check_prints_the_canonical_form_or_the_problem_with_its_position() {
    let ok = nahbar(
        &["hours", "check", "Mo-Fr 08:00-12:30,14:00-18:00; Sa 09:00-13:00; Su,PH off"],
        None,
    );
    assert!(ok.status.success());
    assert_eq!(
        text(&ok.stdout).trim(),
        "valid: Mo-Fr 08:00-12:30,14:00-18:00; Sa 09:00-13:00; PH off"
    );
    let syntax = nahbar(&["hours", "check", "Mo-Frr 08:00-12:00"], None);
    assert_eq!(syntax.status.code(), Some(1));
    let message = text(&syntax.stderr);
    assert!(
        message.contains("1:6") && message.contains("not valid opening_hours syntax"),
        "{message}"
    );
    let refused = nahbar(&["hours", "check", "Mo-Fr 10:00-16:00/01:00"], None);
    assert_eq!(refused.status.code(), Some(1));
    assert!(text(&refused.stderr).contains("repeating times (/) are not supported"));
}

#[test]
fn hours_eval_answers_open_and_next_change_with_holidays() {
    let args = [
        "hours",
        "eval",
        "Mo-Fr 08:00-18:00; PH off",
        "--tz",
        "Europe/Berlin",
        "--region",
        "DE-BW",
        "--json",
    ];
    let christmas = nahbar(&[&args[..], &["--at", "2026-12-25T10:00"]].concat(), None);
    assert!(christmas.status.success(), "{}", text(&christmas.stderr));
    let json: serde_json::Value = serde_json::from_slice(&christmas.stdout).expect("JSON");
    assert_eq!(json["open"], false);
    assert_eq!(json["next_change"], "2026-12-28T08:00", "closed over Christmas and the weekend");
    let plain = nahbar(&["hours", "eval", "Fr 18:00-02:00", "--at", "2026-11-27T23:00"], None);
    assert_eq!(text(&plain.stdout).trim(), "open; changes at 2026-11-28T02:00");
    let gap = nahbar(&["hours", "eval", "24/7", "--at", "2026-03-29T02:30"], None);
    assert_eq!(gap.status.code(), Some(1));
    assert!(text(&gap.stderr).contains("does not exist"), "a time skipped by DST is refused");
}

#[test]
fn owner_create_refuses_bad_input_with_a_message_and_creates_once() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().to_str().expect("path");
    let base = [
        "owner",
        "create",
        "--data-dir",
        data,
        "--name",
        "Olga",
        "--business",
        "Laden",
        "--password-stdin",
    ];
    let short = nahbar(&[&base[..], &["--email", "olga@example.com"]].concat(), Some("kurz\n"));
    assert_eq!(short.status.code(), Some(1));
    assert!(text(&short.stderr).contains("at least 10 characters"));
    let ok = nahbar(
        &[&base[..], &["--email", "olga@example.com"]].concat(),
        Some("ein-langes-passwort\n"),
    );
    assert!(ok.status.success(), "{}", text(&ok.stderr));
    let again = nahbar(
        &[&base[..], &["--email", "Olga@Example.com"]].concat(),
        Some("ein-langes-passwort\n"),
    );
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("exists already"));
}

/// A backup of a running instance is a data folder that serves as it is: the page with the
/// change made before the backup, and its photos.
#[tokio::test]
async fn a_backup_taken_while_serving_serves_as_it_is() {
    let app = crate::common::TestApp::spawn().await;
    app.login_owner().await;
    let response = app
        .post_form(
            "/admin/locations/1/special",
            &[("from", "2031-03-03"), ("closed", "on"), ("note", "Vor der Sicherung")],
        )
        .await;
    assert_eq!(response.status(), 303);
    // The copy goes into an empty folder that a server then takes as its data folder.
    let served = tempfile::tempdir().expect("dir");
    let backup = served.path().to_path_buf();
    let data = app.data_dir();
    // Writers go on while the copy is made.
    let writer = {
        let app = app.shallow();
        tokio::spawn(async move {
            for n in 0..20 {
                let day = chrono::NaiveDate::from_ymd_opt(2032, 1, 1).expect("d")
                    + chrono::Duration::days(n);
                let special = app::domain::schedule::SpecialHours {
                    id: 0,
                    from: day,
                    to: day,
                    intervals: vec![],
                    note: format!("Während {n}"),
                };
                app.store.add_special_hours(1, 1, &special, chrono::Utc::now()).await.expect("w");
            }
        })
    };
    let data_text = data.to_str().expect("utf-8").to_string();
    let output = tokio::task::spawn_blocking(move || {
        let target = backup.to_str().expect("utf-8").to_string();
        nahbar(&["backup", "--data-dir", &data_text, "--to", &target], None)
    });
    let output = output.await.expect("join");
    writer.await.expect("writer");
    assert!(output.status.success(), "{}", text(&output.stderr));
    let said = text(&output.stdout);
    assert!(said.contains("photo files") && said.contains("Restore: nahbar serve --data-dir"));
    let folder = said
        .lines()
        .find_map(|l| l.strip_prefix("Backed up to "))
        .and_then(|l| l.split(':').next())
        .expect("the folder")
        .to_string();
    // A second backup into the same folder is refused, nothing overwritten.
    let again =
        nahbar(&["backup", "--data-dir", data.to_str().expect("utf-8"), "--to", &folder], None);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("not empty"));

    let url = format!("sqlite:{folder}/nahbar.db");
    let copy =
        crate::common::TestApp::serve(served, &url, false, app::clock::Clock::system()).await;
    let (status, page) = copy.get_text("/sonnenschein-freiburg").await;
    assert_eq!(status, 200);
    let location = copy.store.location(1, 1).await.expect("location in the copy");
    assert!(location.special.iter().any(|s| s.note == "Vor der Sicherung"));
    assert!(page.contains("Konviktstraße"), "the copy serves the page");
    let posts = copy.store.published_posts(2, 10).await.expect("posts");
    let photo = posts.iter().flat_map(|p| p.photos.iter()).next().expect("a demo photo");
    let file = format!("/media/{}-{}.webp", photo.hash, photo.widths[0]);
    assert_eq!(copy.get(&file).await.status(), 200, "the copy serves the photo");
}
