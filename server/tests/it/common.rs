//! `TestApp`: a real Nahbar on a loopback port with its own SQLite database, driven by a
//! real HTTP client with cookies.

#![allow(dead_code)]

use app::domain::hours::{DayInput, WeeklyHours};
use app::domain::location::{Address, GeoPoint, LocationDetails, Role};
use app::domain::slug::Slug;
use app::store::{NewLocation, Store};
use reqwest::header::HeaderMap;
use std::io::BufRead;
use std::sync::Arc;

pub struct TestApp {
    pub base: String,
    pub store: Arc<dyn Store>,
    /// The server's clock: tests may start it at an instant and move it forward.
    pub clock: app::clock::Clock,
    pub page_cache: Arc<server::http::page_cache::PageCache>,
    /// The server's counter: tests write its counts at once instead of waiting a second.
    pub insights: Arc<server::insights::Counter>,
    /// The server's state, for calling its jobs at once (the weekly summary).
    pub state: server::ServerState,
    pub client: reqwest::Client,
    _dir: tempfile::TempDir,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

pub const OWNER_EMAIL: &str = "owner@sonnenschein.example";
pub const OWNER_PASSWORD: &str = "correct-horse-battery";

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        // A request that hangs fails its test with the URL instead of holding the suite.
        .timeout(std::time::Duration::from_secs(90))
        .build()
        .expect("client")
}

impl TestApp {
    /// Starts a server with the demo business and its owner account.
    pub async fn spawn() -> TestApp {
        TestApp::spawn_with(app::clock::Clock::system()).await
    }

    /// Like [`TestApp::spawn_at`], sending mail through the SMTP server at `smtp_url`.
    pub async fn spawn_with_mail(at: &str, smtp_url: &str) -> TestApp {
        let at = chrono::DateTime::parse_from_rfc3339(at).expect("RFC 3339 instant");
        let clock = app::clock::Clock::starting_at(at.with_timezone(&chrono::Utc));
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite:{}", dir.path().join("nahbar.db").display());
        let app = TestApp::serve_with(
            dir,
            &url,
            true,
            clock,
            Default::default(),
            None,
            "127.0.0.1",
            Some(smtp_url),
        )
        .await;
        app.create_user(OWNER_EMAIL, OWNER_PASSWORD, 1, Role::Owner).await;
        app
    }

    /// Starts a server whose clock reads `at` now (and runs on from there).
    pub async fn spawn_at(at: &str) -> TestApp {
        let at = chrono::DateTime::parse_from_rfc3339(at).expect("RFC 3339 instant");
        TestApp::spawn_with(app::clock::Clock::starting_at(at.with_timezone(&chrono::Utc))).await
    }

    async fn spawn_with(clock: app::clock::Clock) -> TestApp {
        TestApp::spawn_full(clock, server::http::proxy::TrustedProxies::default()).await
    }

    /// A server that believes the forwarding headers of requests from `proxies`.
    pub async fn spawn_trusting(proxies: &str) -> TestApp {
        let proxies = server::http::proxy::TrustedProxies::parse(proxies).expect("proxies");
        TestApp::spawn_full(app::clock::Clock::system(), proxies).await
    }

    async fn spawn_full(
        clock: app::clock::Clock,
        proxies: server::http::proxy::TrustedProxies,
    ) -> TestApp {
        if std::env::var("TEST_LOG").is_ok() {
            server::init_tracing();
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite:{}", dir.path().join("nahbar.db").display());
        let app =
            TestApp::serve_with(dir, &url, true, clock, proxies, None, "127.0.0.1", None).await;
        app.create_user(OWNER_EMAIL, OWNER_PASSWORD, 1, Role::Owner).await;
        app
    }

    /// A server on the data folder `dir` and the database at `url`, with the demo data if
    /// `seed` (and the database is empty).
    pub async fn serve(
        dir: tempfile::TempDir,
        url: &str,
        seed: bool,
        clock: app::clock::Clock,
    ) -> TestApp {
        TestApp::serve_with(dir, url, seed, clock, Default::default(), None, "127.0.0.1", None)
            .await
    }

    /// A server with the demo data whose public address is `http://localhost:<port>`, so
    /// federation is on (actor ids need a host name); it reaches loopback peers.
    pub async fn spawn_on_localhost() -> TestApp {
        TestApp::spawn_on_localhost_with(app::clock::Clock::system()).await
    }

    /// The same with a clock started at `at` (RFC 3339): fediverse profiles carry "today",
    /// so tests that count deliveries start where no midnight comes during the test.
    pub async fn spawn_on_localhost_at(at: &str) -> TestApp {
        let at = chrono::DateTime::parse_from_rfc3339(at).expect("RFC 3339 instant");
        let clock = app::clock::Clock::starting_at(at.with_timezone(&chrono::Utc));
        TestApp::spawn_on_localhost_with(clock).await
    }

    async fn spawn_on_localhost_with(clock: app::clock::Clock) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite:{}", dir.path().join("nahbar.db").display());
        let app = TestApp::serve_with(
            dir,
            &url,
            true,
            clock,
            Default::default(),
            None,
            "localhost",
            None,
        )
        .await;
        app.create_user(OWNER_EMAIL, OWNER_PASSWORD, 1, Role::Owner).await;
        app
    }

    /// Like [`TestApp::serve`], with the photos in `media` instead of the data folder.
    pub async fn serve_with_media(
        dir: tempfile::TempDir,
        url: &str,
        seed: bool,
        clock: app::clock::Clock,
        media: server::media::MediaStore,
    ) -> TestApp {
        TestApp::serve_with(
            dir,
            url,
            seed,
            clock,
            Default::default(),
            Some(media),
            "127.0.0.1",
            None,
        )
        .await
    }

    async fn serve_with(
        dir: tempfile::TempDir,
        url: &str,
        seed: bool,
        clock: app::clock::Clock,
        trusted_proxies: server::http::proxy::TrustedProxies,
        media: Option<server::media::MediaStore>,
        host: &str,
        smtp_url: Option<&str>,
    ) -> TestApp {
        let store = server::store::connect(url).await.expect("database");
        let media = media.unwrap_or_else(|| server::media::MediaStore::folder(dir.path()));
        if seed {
            server::cli::demo::seed(store.as_ref(), &media, clock.now()).await.expect("demo data");
        }
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let base = format!("http://{host}:{}", listener.local_addr().expect("addr").port());
        let settings = server::Settings {
            public_url: base.clone(),
            site_root: std::path::PathBuf::from("../target/site"),
            tile_url: server::cli::config::DEFAULT_TILE_URL.to_string(),
            data_dir: dir.path().to_path_buf(),
            clock: clock.clone(),
            trusted_proxies,
            media,
            federation_private: true,
            mailer: server::mail::Mailer::from_settings(smtp_url, "nahbar@localhost")
                .expect("mailer"),
            insights: true,
        };
        let state = server::ServerState::new(store.clone(), settings).expect("state");
        let page_cache = state.page_cache.clone();
        let insights = state.insights.clone();
        let handle = state.clone();
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(server::run(listener, state, async {
            let _ = rx.await;
        }));
        TestApp {
            base,
            store,
            clock,
            page_cache,
            insights,
            state: handle,
            client: client(),
            _dir: dir,
            shutdown: Some(tx),
        }
    }

    /// Stops this server and starts a new one on the same data folder (a restart).
    pub async fn restart(mut self) -> TestApp {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        let dir = std::mem::replace(&mut self._dir, tempfile::tempdir().expect("temp dir"));
        // The old server's scheduler task ends with the runtime; stop it from racing the
        // new one by letting the listener close first.
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        let url = format!("sqlite:{}", dir.path().join("nahbar.db").display());
        // The same host name (on a new port): a server on `localhost` federates again.
        let host = self.base.trim_start_matches("http://").rsplit_once(':').map(|(h, _)| h);
        let host = host.unwrap_or("127.0.0.1").to_string();
        let clock = self.clock.clone();
        TestApp::serve_with(dir, &url, false, clock, Default::default(), None, &host, None).await
    }

    pub async fn create_user(&self, email: &str, password: &str, business: i64, role: Role) -> i64 {
        let hash = server::http::session::hash_password(password.to_string()).await.expect("hash");
        let now = chrono::Utc::now();
        let user = self.store.create_user(email, "Test", &hash, now).await.expect("user");
        self.store.add_member(business, user, role, now).await.expect("membership");
        user
    }

    /// A user with a password nobody knows (no slow hashing): tests give them sessions
    /// directly in the store.
    pub async fn create_user_fast(&self, email: &str, business: i64, role: Role) -> i64 {
        let now = chrono::Utc::now();
        let user = self.store.create_user(email, "Test", "not-a-hash", now).await.expect("user");
        self.store.add_member(business, user, role, now).await.expect("membership");
        user
    }

    /// A second tenant with one location, to prove isolation.
    pub async fn other_business(&self) -> (i64, i64) {
        let now = chrono::Utc::now();
        let business = self.store.create_business("Fahrradladen Speiche", now).await.expect("b");
        let location = NewLocation {
            business_id: business,
            slug: Slug::parse("speiche-koeln").expect("slug"),
            details: sample_details("Speiche Köln"),
            hours: WeeklyHours::default(),
        };
        let id = self.store.create_location(&location, now).await.expect("location");
        (business, id)
    }

    /// The same server and database, for a second browser (set `client`).
    pub fn shallow(&self) -> TestApp {
        TestApp {
            base: self.base.clone(),
            store: self.store.clone(),
            clock: self.clock.clone(),
            page_cache: self.page_cache.clone(),
            insights: self.insights.clone(),
            state: self.state.clone(),
            client: client(),
            _dir: tempfile::tempdir().expect("temp dir"),
            shutdown: None,
        }
    }

    /// The server's data folder (database, media).
    pub fn data_dir(&self) -> std::path::PathBuf {
        self._dir.path().to_path_buf()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("GET")
    }

    pub async fn get_text(&self, path: &str) -> (u16, String) {
        let response = self.get(path).await;
        let status = response.status().as_u16();
        (status, response.text().await.expect("body"))
    }

    /// The page's HTML as a browser with this `Accept-Language` gets it.
    pub async fn get_in_language(&self, path: &str, accept_language: &str) -> String {
        let response = self
            .client
            .get(self.url(path))
            .header("accept-language", accept_language)
            .send()
            .await
            .expect("GET");
        response.text().await.expect("body")
    }

    /// The CSRF token a browser would find in the login form.
    pub async fn csrf_token(&self) -> String {
        let (_, html) = self.get_text("/login").await;
        let doc = scraper::Html::parse_document(&html);
        let selector = scraper::Selector::parse("input[name=csrf_token]").expect("selector");
        doc.select(&selector)
            .next()
            .and_then(|input| input.value().attr("value"))
            .expect("csrf field")
            .to_string()
    }

    /// Posts a form as a browser does, CSRF token included.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let csrf = self.csrf_token().await;
        let mut form = vec![("csrf_token", csrf.as_str())];
        form.extend_from_slice(fields);
        self.client.post(self.url(path)).form(&form).send().await.expect("POST")
    }

    pub async fn login(&self, email: &str, password: &str) -> reqwest::Response {
        let token = self.csrf_token().await;
        self.client
            .post(self.url("/login"))
            .form(&[("csrf_token", token.as_str()), ("email", email), ("password", password)])
            .send()
            .await
            .expect("POST /login")
    }

    pub async fn login_owner(&self) {
        let response = self.login(OWNER_EMAIL, OWNER_PASSWORD).await;
        assert_eq!(location(response.headers()), "/admin", "owner login must succeed");
    }

    /// Calls the `save_location` server function as the editor island does.
    pub async fn save_location(
        &self,
        csrf: &str,
        business: i64,
        location: i64,
        details: &LocationDetails,
        hours: &[DayInput],
    ) -> reqwest::Response {
        use server_fn::ServerFn;
        let body = serde_json::json!({
            "csrf_token": csrf,
            "business_id": business,
            "location_id": location,
            "details": details,
            "hours": hours,
        });
        self.client
            .post(self.url(<app::api::locations::SaveLocation as ServerFn>::PATH))
            .header("accept", "application/json")
            .json(&body)
            .send()
            .await
            .expect("server fn")
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

pub fn location(headers: &HeaderMap) -> String {
    headers.get("location").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string()
}

pub fn sample_details(name: &str) -> LocationDetails {
    LocationDetails {
        name: name.into(),
        schema_type: "BikeStore".into(),
        description: String::new(),
        address: Address {
            street: "Venloer Straße 1".into(),
            postal_code: "50672".into(),
            city: "Köln".into(),
            country: "DE".into(),
            region: "DE-NW".into(),
        },
        geo: GeoPoint::new(50.94, 6.94),
        phone: String::new(),
        email: String::new(),
        website: String::new(),
        timezone: "Europe/Berlin".into(),
        language: "de".into(),
        branch_code: String::new(),
    }
}

pub fn day(intervals: &[(&str, &str)]) -> DayInput {
    DayInput {
        closed: intervals.is_empty(),
        intervals: intervals.iter().map(|(o, c)| (o.to_string(), c.to_string())).collect(),
    }
}

/// A scratch PostgreSQL database on the server at `NAHBAR_TEST_POSTGRES_URL` (`None`, with a
/// note, when it is not set), dropped again by [`ScratchPg::drop_database`].
pub struct ScratchPg {
    admin: sqlx::PgConnection,
    name: String,
    /// The scratch database's URL (for servers of its own).
    pub url: String,
    pub store: Arc<dyn Store>,
}

impl ScratchPg {
    pub async fn create(prefix: &str) -> Option<ScratchPg> {
        use sqlx::Connection;
        let Ok(server_url) = std::env::var("NAHBAR_TEST_POSTGRES_URL") else {
            eprintln!(
                "NAHBAR_TEST_POSTGRES_URL is not set: PostgreSQL leg not run (make test sets it)"
            );
            return None;
        };
        let name = format!("nahbar_{prefix}_{}", std::process::id());
        let mut admin =
            sqlx::PgConnection::connect(&server_url).await.expect("PostgreSQL reachable");
        sqlx::query(&format!("DROP DATABASE IF EXISTS {name}"))
            .execute(&mut admin)
            .await
            .expect("drop old");
        sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut admin).await.expect("create");
        let base = server_url.rsplit_once('/').map_or(server_url.as_str(), |(b, _)| b);
        let url = format!("{base}/{name}");
        let store = server::store::connect(&url).await.expect("postgres store");
        Some(ScratchPg { admin, name, url, store })
    }

    pub async fn drop_database(mut self) {
        drop(self.store);
        sqlx::query(&format!("DROP DATABASE {} WITH (FORCE)", self.name))
            .execute(&mut self.admin)
            .await
            .expect("drop");
    }
}

/// The tests' SMTP server; stopped when dropped.
pub struct SmtpSink {
    child: std::process::Child,
    port: u16,
    dir: tempfile::TempDir,
}

impl SmtpSink {
    pub fn start() -> SmtpSink {
        let dir = tempfile::tempdir().expect("mail dir");
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/smtp/sink.py");
        let mut child = std::process::Command::new("python3")
            .arg(script)
            .arg("--out")
            .arg(dir.path())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("python3 with aiosmtpd (.ci/install-tools.sh installs it)");
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("the sink says it is ready");
        let port = line.trim().strip_prefix("ready ").and_then(|p| p.parse().ok());
        let port = port.unwrap_or_else(|| panic!("aiosmtpd did not start: {line:?}"));
        SmtpSink { child, port, dir }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// The messages received so far, as they arrived.
    pub fn messages(&self) -> Vec<String> {
        let mut names: Vec<_> = std::fs::read_dir(self.dir.path())
            .expect("mail dir")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "eml"))
            .collect();
        names.sort();
        names.iter().map(|p| std::fs::read_to_string(p).expect("message")).collect()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A header of a received message, decoded (mailparse: RFC 2047 words, folding).
pub fn header(message: &str, name: &str) -> String {
    let parsed = mailparse::parse_mail(message.as_bytes()).expect("a mail");
    use mailparse::MailHeaderMap;
    parsed.headers.get_first_value(name).unwrap_or_default()
}

/// The body of a received message, decoded from its transfer encoding.
pub fn body(message: &str) -> String {
    let parsed = mailparse::parse_mail(message.as_bytes()).expect("a mail");
    parsed.get_body().expect("body").replace("\r\n", "\n")
}
