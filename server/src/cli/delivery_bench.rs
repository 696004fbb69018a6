//! `nahbar delivery-bench` (hidden; run by `make bench`): how fast one post reaches its
//! followers. `--servers` small inbox servers run on loopback (their own thread, one core's
//! worth of work at most), each answering `POST /inbox` and `POST /users/{name}/inbox` with
//! 202 and serving its users' actor documents. A real instance (its store in a new SQLite
//! data folder, and with `--postgres-url` again in a new PostgreSQL database) gets two
//! locations with `--followers` followers each, spread evenly over the servers and stored as
//! the inbox's Follow handling stores them (the actor document fetched signed from its
//! server, `RemoteActor::from_document`, `add_follower`, `record_profile`): at the first
//! location every follower names its server's shared inbox, at the second none does.
//!
//! Each run publishes one post as the staff flow does (`create_post` in the state
//! `transition` gives) and times it until the store has every delivery recorded, driven
//! two ways: `announce` and `run_due` rounds back to back (the delivery engine: leases a
//! round, [`deliver::PARALLEL`] in flight, each signed and recorded), and the `worker` task
//! as `serve` runs it (it wakes once a second and goes on at once after a full round; the
//! benchmark publishes through the store, so the worker finds the post at its next tick).
//! Afterwards every server must have received exactly its deliveries, each with a `Digest`
//! that matches the body (checked as they arrive) and a signature that verifies with the
//! key in the location's actor document (checked after the clock stopped), else it fails.

use crate::federation::activities;
use crate::federation::client::{self, RemoteActor, Signer};
use crate::federation::inbox::RemoteKey;
use crate::federation::keys::KeyPair;
use crate::federation::signature;
use crate::fediverse::{Fediverse, actor_document, deliver, key_of, note_document};
use crate::media::MediaStore;
use crate::{ServerState, Settings};
use anyhow::Context;
use app::clock::Clock;
use app::domain::location::{Location, Role};
use app::domain::post::{Action, Actor, NewPost, PostState, transition};
use app::domain::slug::Slug;
use app::store::{Attempt, Follower, NewLocation, Store};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

#[derive(Debug, clap::Args)]
pub struct DeliveryBenchArgs {
    /// Follower servers, each a small inbox server on 127.0.0.1.
    #[arg(long, default_value_t = 100)]
    pub servers: usize,
    /// Followers per location, spread evenly over the servers.
    #[arg(long, default_value_t = 1000)]
    pub followers: usize,
    /// Leave out the runs driven by the worker (they wait for its ticks: about 40 s).
    #[arg(long)]
    pub without_worker: bool,
    /// A PostgreSQL server (its `postgres` database): the same runs on PostgreSQL too.
    #[arg(long)]
    pub postgres_url: Option<String>,
}

/// One request as an inbox server received it.
struct Received {
    path: String,
    headers: HeaderMap,
    body: Bytes,
}

/// What one inbox server received, and how many requests came unsigned or with a `Digest`
/// that does not match the body.
#[derive(Default)]
struct Log {
    received: Mutex<Vec<Received>>,
    bad_digest: AtomicUsize,
}

#[derive(Clone)]
struct Peer {
    /// `http://localhost:{port}`.
    origin: String,
    log: Arc<Log>,
}

async fn peer_inbox(
    State(peer): State<Peer>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    let digest = headers.get("digest").and_then(|v| v.to_str().ok());
    if !headers.contains_key("signature")
        || digest != Some(signature::digest_header(&body).as_str())
    {
        peer.log.bad_digest.fetch_add(1, Ordering::Relaxed);
    }
    let path = uri.path_and_query().map_or("/", |p| p.as_str()).to_string();
    let mut received = peer.log.received.lock().unwrap_or_else(PoisonError::into_inner);
    received.push(Received { path, headers, body });
    StatusCode::ACCEPTED
}

/// `/users/s{n}` names the server's shared inbox, `/users/p{n}` has only its own.
async fn peer_actor(State(peer): State<Peer>, Path(name): Path<String>) -> Response {
    let id = format!("{}/users/{name}", peer.origin);
    let mut actor = json!({
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": id,
        "type": "Person",
        "preferredUsername": name,
        "inbox": format!("{id}/inbox"),
    });
    if name.starts_with('s') {
        actor["endpoints"] = json!({ "sharedInbox": format!("{}/inbox", peer.origin) });
    }
    ([(header::CONTENT_TYPE, client::ACTIVITY_JSON)], actor.to_string()).into_response()
}

async fn bind_peers(count: usize) -> anyhow::Result<Vec<Peer>> {
    let mut peers = Vec::with_capacity(count);
    for _ in 0..count {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let port = listener.local_addr()?.port();
        let peer = Peer { origin: format!("http://localhost:{port}"), log: Arc::default() };
        let router = axum::Router::new()
            .route("/inbox", post(peer_inbox))
            .route("/users/{name}/inbox", post(peer_inbox))
            .route("/users/{name}", get(peer_actor))
            .with_state(peer.clone());
        // Where `localhost` is ::1 first, the same port answers there too.
        if let Ok(v6) = tokio::net::TcpListener::bind(("::1", port)).await {
            tokio::spawn(axum::serve(v6, router.clone()).into_future());
        }
        tokio::spawn(axum::serve(listener, router).into_future());
        peers.push(peer);
    }
    Ok(peers)
}

/// The inbox servers on a thread of their own, until `stop` is sent or dropped.
fn start_peers(count: usize) -> anyhow::Result<(Vec<Peer>, tokio::sync::oneshot::Sender<()>)> {
    let (ready, peers) = std::sync::mpsc::channel();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    std::thread::Builder::new().name("inbox-servers".into()).spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build();
        let runtime = match runtime {
            Ok(runtime) => runtime,
            Err(error) => {
                let _ = ready.send(Err(error.into()));
                return;
            }
        };
        runtime.block_on(async move {
            let _ = ready.send(bind_peers(count).await);
            let _ = stopped.await;
        });
    })?;
    let peers = peers.recv().context("the inbox servers' thread ended")??;
    Ok((peers, stop))
}

/// One instance with its two locations and their followers.
struct Instance {
    state: ServerState,
    fediverse: Fediverse,
    business: i64,
    author: i64,
    /// Followers with the servers' shared inboxes.
    shared: Location,
    /// Followers with only their own inboxes.
    personal: Location,
    followers: usize,
}

/// Stores a follower as the inbox's Follow handling does (its Accept left out: they
/// followed long ago).
async fn follow(
    state: &ServerState,
    fediverse: &Fediverse,
    slug: &str,
    location: i64,
    key: &KeyPair,
    actor: &str,
) -> anyhow::Result<()> {
    let key_id = fediverse.base.location(slug).key_id();
    let signer = Signer { key_id: &key_id, key };
    let document = client::fetch_object(&fediverse.client, actor, Some(signer), state.now())
        .await
        .with_context(|| format!("reading {actor}"))?;
    let remote = RemoteActor::from_document(&document)?;
    let host = remote.acct.split_once('@').map(|(_, host)| host.to_string()).unwrap_or_default();
    let follower = Follower {
        actor: remote.id.clone(),
        inbox: remote.inbox.clone(),
        delivery_inbox: remote.delivery_inbox().to_string(),
        host,
        follow_id: format!("{}/follows/{slug}", remote.id),
        since: state.now(),
    };
    state.store().add_follower(location, &follower).await?;
    Ok(())
}

async fn follow_all(
    instance: &Instance,
    location: &Location,
    peers: &[Peer],
    prefix: char,
) -> anyhow::Result<()> {
    let (state, fediverse) = (&instance.state, &instance.fediverse);
    let (key, _) = key_of(state, location.id).await?;
    let mut running = tokio::task::JoinSet::new();
    for n in 0..instance.followers {
        if running.len() >= 16
            && let Some(done) = running.join_next().await
        {
            done??;
        }
        let actor = format!("{}/users/{prefix}{n}", peers[n % peers.len()].origin);
        let (state, fediverse, key) = (state.clone(), fediverse.clone(), key.clone());
        let (slug, id) = (location.slug.clone(), location.id);
        running.spawn(async move { follow(&state, &fediverse, &slug, id, &key, &actor).await });
    }
    while let Some(done) = running.join_next().await {
        done??;
    }
    let profile = actor_document(state, fediverse, location).await?;
    deliver::record_profile(state, location.id, &profile).await?;
    Ok(())
}

async fn instance(
    store: Arc<dyn Store>,
    data_dir: &std::path::Path,
    peers: &[Peer],
    followers: usize,
) -> anyhow::Result<Instance> {
    let now = chrono::Utc::now();
    let media = MediaStore::folder(data_dir);
    super::demo::seed(store.as_ref(), &media, now).await?;
    let business = 1;
    let author = store.create_user("bench@sonnenschein.example", "Bench", "!bench", now).await?;
    store.add_member(business, author, Role::Manager, now).await?;
    let template = store.location(business, 1).await?;
    let mut locations = Vec::new();
    for (name, code, slug) in
        [("Nord", "N-1", "sonnenschein-nord"), ("Süd", "S-1", "sonnenschein-sued")]
    {
        let mut details = template.details.clone();
        details.name = format!("Bäckerei Sonnenschein {name}");
        details.branch_code = code.into();
        let slug = Slug::parse(slug)?;
        let new =
            NewLocation { business_id: business, slug, details, hours: template.hours.clone() };
        let id = store.create_location(&new, now).await?;
        locations.push(store.location(business, id).await?);
    }
    let settings = Settings {
        // Only a host name matters: nothing fetches from this instance (the servers check
        // signatures with the key from its actor document, read in-process).
        public_url: "http://localhost:3000".into(),
        site_root: data_dir.join("site"),
        tile_url: super::config::DEFAULT_TILE_URL.into(),
        data_dir: data_dir.to_path_buf(),
        clock: Clock::system(),
        trusted_proxies: Default::default(),
        media,
        federation_private: true,
        mailer: None,
        insights: false,
    };
    let state = ServerState::new(store, settings)?;
    let fediverse = state.fediverse.clone().context("federation is off")?;
    // The demo's posts and closures are announced now (to nobody), not inside a run.
    deliver::announce(&state, &fediverse).await?;
    let personal = locations.pop().context("two locations")?;
    let shared = locations.pop().context("two locations")?;
    let instance = Instance { state, fediverse, business, author, shared, personal, followers };
    follow_all(&instance, &instance.shared, peers, 's').await?;
    follow_all(&instance, &instance.personal, peers, 'p').await?;
    Ok(instance)
}

/// A new post, published as the staff flow publishes it; its id.
async fn publish(instance: &Instance, location: &Location, n: usize) -> anyhow::Result<i64> {
    let store = instance.state.store();
    let settings = store.post_settings(instance.business).await?;
    let now = instance.state.now();
    let asker = Actor { role: Role::Manager, is_author: true };
    let target =
        transition(PostState::Draft, Action::Submit, asker, settings.approval_required, None, now)
            .unwrap_or(PostState::Pending);
    anyhow::ensure!(target == PostState::Published, "a manager's post would be {target:?}");
    let text = format!(
        "Frische Brezeln, Lauge und Salz, heute ab 7 Uhr ({n}). #brezeln #sonnenschein\n\
         Solange der Vorrat reicht."
    );
    let post =
        NewPost { confirmed: settings.checklist.clone(), ..NewPost::update(location.id, text) };
    let (id, _) = store.create_post(instance.business, instance.author, &post, target, now).await?;
    Ok(id)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Driver {
    /// `announce` and `run_due` rounds back to back until the queue is empty.
    Engine,
    /// The worker task as `serve` runs it.
    Worker,
}

impl Driver {
    fn label(self) -> &'static str {
        match self {
            Driver::Engine => "run_due rounds back to back",
            Driver::Worker => "the worker, as `serve` runs it",
        }
    }
}

/// Requests the servers received and not yet checked.
fn arrived(peers: &[Peer]) -> usize {
    peers
        .iter()
        .map(|peer| peer.log.received.lock().unwrap_or_else(PoisonError::into_inner).len())
        .sum()
}

/// Publishes a post at `location` and waits until every delivery is recorded; the post
/// and the time.
async fn timed_run(
    instance: &Instance,
    peers: &[Peer],
    location: &Location,
    driver: Driver,
    expected: usize,
    n: usize,
) -> anyhow::Result<(i64, Duration)> {
    let (state, fediverse) = (&instance.state, &instance.fediverse);
    let (_, delivered_before, failed_before) = state.store().delivery_counts(location.id).await?;
    let started = Instant::now();
    let post = publish(instance, location, n).await?;
    match driver {
        Driver::Engine => {
            deliver::announce(state, fediverse).await?;
            while deliver::run_due(state, fediverse).await? > 0 {}
        }
        Driver::Worker => loop {
            tokio::time::sleep(Duration::from_millis(5)).await;
            anyhow::ensure!(
                started.elapsed() < Duration::from_secs(600),
                "not all deliveries done after ten minutes"
            );
            // The servers' logs first, so the store is not asked every 5 ms meanwhile.
            if arrived(peers) < expected {
                continue;
            }
            let (queued, delivered, failed) = state.store().delivery_counts(location.id).await?;
            let done = (delivered - delivered_before + failed - failed_before) as usize;
            if queued == 0 && done >= expected {
                break;
            }
        },
    }
    let time = started.elapsed();
    let (queued, delivered, failed) = state.store().delivery_counts(location.id).await?;
    let (delivered, failed) = (delivered - delivered_before, failed - failed_before);
    anyhow::ensure!(
        queued == 0 && failed == 0 && delivered as usize == expected,
        "{delivered} delivered, {failed} failed, {queued} still queued; {expected} expected"
    );
    Ok((post, time))
}

/// Compares what each server received with what it should have (`expected[i]`: the inbox
/// paths of server `i`), and verifies every request's signature with `key`. The number of
/// requests received, and a description of each problem.
fn check(
    peers: &[Peer],
    expected: &[Vec<String>],
    key: &RemoteKey,
    activity_id: &str,
) -> (usize, Vec<String>) {
    let mut problems = Vec::new();
    let mut count = 0;
    let now = chrono::Utc::now();
    for (peer, expected) in peers.iter().zip(expected) {
        let received =
            std::mem::take(&mut *peer.log.received.lock().unwrap_or_else(PoisonError::into_inner));
        count += received.len();
        let bad = peer.log.bad_digest.swap(0, Ordering::Relaxed);
        if bad > 0 {
            problems
                .push(format!("{}: {bad} requests unsigned or with a wrong digest", peer.origin));
        }
        let mut paths: Vec<&str> = received.iter().map(|r| r.path.as_str()).collect();
        paths.sort_unstable();
        if paths != *expected {
            problems.push(format!("{}: received {paths:?}, expected {expected:?}", peer.origin));
        }
        for request in &received {
            let incoming = signature::Incoming {
                method: &Method::POST,
                path_and_query: &request.path,
                headers: &request.headers,
                body: &request.body,
            };
            let verified = signature::parse(&request.headers).and_then(|params| {
                if params.key_id != key.key_id {
                    return Err(signature::SignatureError::Malformed);
                }
                signature::verify(&incoming, &params, &key.public_key, now)
            });
            if let Err(error) = verified {
                problems.push(format!("{}{}: {error}", peer.origin, request.path));
            }
            let activity: Value = serde_json::from_slice(&request.body).unwrap_or_default();
            if activity["type"] != "Create" || activity["id"] != activity_id {
                problems.push(format!("{}{}: not the post's Create", peer.origin, request.path));
            }
        }
    }
    (count, problems)
}

/// The parts of one delivery, one at a time, each the median of 50: reading and parsing
/// the key (`key_of`), signing, the HTTP POST (`client::deliver` less signing), recording
/// the outcome (`record_attempt`). Queue rows of the newest post's Create to one server.
async fn parts(instance: &Instance, peers: &[Peer]) -> anyhow::Result<[Duration; 4]> {
    const SAMPLES: usize = 50;
    let (state, fediverse) = (&instance.state, &instance.fediverse);
    let location = &instance.personal;
    let urls = fediverse.base.location(&location.slug);
    let post = state.store().published_posts(location.id, 1).await?;
    let post = post.first().context("a published post")?;
    let activity = activities::create(&urls, post.id, note_document(fediverse, location, post));
    let peer = &peers[0];
    let inboxes = vec![format!("{}/inbox", peer.origin); SAMPLES];
    let now = state.now();
    let store = state.store();
    store.enqueue_deliveries(location.id, None, &activity.to_string(), &inboxes, now).await?;
    let lease = now + chrono::Duration::minutes(2);
    let claimed = store.claim_deliveries(now, lease, SAMPLES as i64).await?;
    anyhow::ensure!(claimed.len() == SAMPLES, "{} of {SAMPLES} rows claimed", claimed.len());
    let key_id = urls.key_id();
    let mut times: [Vec<Duration>; 4] = Default::default();
    for delivery in claimed {
        let started = Instant::now();
        let (key, _) = key_of(state, location.id).await?;
        times[0].push(started.elapsed());
        let body = delivery.activity.as_bytes();
        let url = url::Url::parse(&delivery.inbox)?;
        let started = Instant::now();
        signature::sign_post(&url, body, &key_id, &key, state.now())?;
        let signing = started.elapsed();
        times[1].push(signing);
        let signer = Signer { key_id: &key_id, key: &key };
        let started = Instant::now();
        let result =
            client::deliver(&fediverse.client, &delivery.inbox, body, signer, state.now()).await;
        times[2].push(started.elapsed().saturating_sub(signing));
        anyhow::ensure!(matches!(result, client::Delivery::Delivered { .. }), "{result:?}");
        let started = Instant::now();
        store.record_attempt(delivery.id, &Attempt::Delivered, state.now()).await?;
        times[3].push(started.elapsed());
    }
    let received =
        std::mem::take(&mut *peer.log.received.lock().unwrap_or_else(PoisonError::into_inner));
    let bad = peer.log.bad_digest.swap(0, Ordering::Relaxed);
    anyhow::ensure!(received.len() == SAMPLES && bad == 0, "the parts' deliveries arrived wrong");
    Ok(times.map(|mut times| {
        times.sort();
        times[times.len() / 2]
    }))
}

struct Row {
    database: &'static str,
    shared: bool,
    driver: Driver,
    deliveries: usize,
    time: Duration,
}

async fn runs(
    database: &'static str,
    instance: &Instance,
    peers: &[Peer],
    args: &DeliveryBenchArgs,
    checked: &mut (usize, Vec<String>),
) -> anyhow::Result<Vec<Row>> {
    let mut on_server: Vec<Vec<usize>> = vec![Vec::new(); peers.len()];
    for n in 0..args.followers {
        on_server[n % peers.len()].push(n);
    }
    let inboxes = |shared: bool| -> Vec<Vec<String>> {
        on_server
            .iter()
            .map(|followers| {
                let mut paths: Vec<String> = if shared {
                    followers.first().map(|_| "/inbox".to_string()).into_iter().collect()
                } else {
                    followers.iter().map(|n| format!("/users/p{n}/inbox")).collect()
                };
                paths.sort_unstable();
                paths
            })
            .collect()
    };
    let mut drivers = vec![Driver::Engine];
    if !args.without_worker {
        drivers.push(Driver::Worker);
    }
    let mut rows = Vec::new();
    for driver in drivers {
        let worker = (driver == Driver::Worker)
            .then(|| tokio::spawn(deliver::worker(instance.state.clone())));
        for (location, shared) in [(&instance.shared, true), (&instance.personal, false)] {
            let expected = inboxes(shared);
            let deliveries: usize = expected.iter().map(Vec::len).sum();
            let (post, time) =
                timed_run(instance, peers, location, driver, deliveries, rows.len()).await?;
            let urls = instance.fediverse.base.location(&location.slug);
            let actor = actor_document(&instance.state, &instance.fediverse, location).await?;
            let key = client::key_from_document(&actor, &urls.key_id())?;
            let (count, problems) = check(peers, &expected, &key, &urls.create(post));
            checked.0 += count;
            checked.1.extend(problems);
            let row = Row { database, shared, driver, deliveries, time };
            print_row(&row, args.followers);
            rows.push(row);
        }
        if let Some(worker) = worker {
            worker.abort();
        }
    }
    Ok(rows)
}

fn print_row(row: &Row, followers: usize) {
    let seconds = row.time.as_secs_f64();
    println!(
        "| {} | {} | {} | {} | {:.2} s | {:.0} | {:.0} |",
        row.database,
        if row.shared { "shared (one per server)" } else { "own (one per follower)" },
        row.driver.label(),
        row.deliveries,
        seconds,
        row.deliveries as f64 / seconds,
        followers as f64 / seconds
    );
}

pub async fn run(args: DeliveryBenchArgs) -> anyhow::Result<()> {
    anyhow::ensure!(args.servers > 0 && args.followers > 0, "--servers and --followers > 0");
    let work = std::env::temp_dir().join(format!("nahbar-delivery-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work)?;
    let (peers, _stop) = start_peers(args.servers)?;
    let build = if cfg!(debug_assertions) { "debug build" } else { "release build" };
    println!(
        "delivery-bench: one post to {} followers on {} servers (inbox servers on loopback), \
         {} deliveries in flight, {build}",
        args.followers,
        args.servers,
        deliver::PARALLEL
    );
    let mut databases = vec![("SQLite", format!("sqlite:{}", work.join("nahbar.db").display()))];
    let mut admin = None;
    let pg_name = format!("nahbar_delivery_bench_{}", std::process::id());
    if let Some(server) = &args.postgres_url {
        use sqlx::Connection;
        let mut connection = sqlx::PgConnection::connect(server).await.context("PostgreSQL")?;
        sqlx::query(&format!("DROP DATABASE IF EXISTS {pg_name}")).execute(&mut connection).await?;
        sqlx::query(&format!("CREATE DATABASE {pg_name}")).execute(&mut connection).await?;
        let base = server.rsplit_once('/').map_or(server.as_str(), |(b, _)| b);
        databases.push(("PostgreSQL", format!("{base}/{pg_name}")));
        admin = Some(connection);
    }
    let mut rows = Vec::new();
    let mut checked = (0, Vec::new());
    let mut notes = Vec::new();
    let mut result = Ok(());
    for (n, (database, url)) in databases.into_iter().enumerate() {
        let started = Instant::now();
        let made: anyhow::Result<Instance> = async {
            let store = crate::store::connect(&url).await?;
            instance(store, &work.join(n.to_string()), &peers, args.followers).await
        }
        .await;
        let instance = match made {
            Ok(instance) => instance,
            Err(error) => {
                result = Err(error);
                break;
            }
        };
        println!(
            "{database}: 2 × {} followers stored in {:.1} s (each actor fetched signed from its server)",
            args.followers,
            started.elapsed().as_secs_f64()
        );
        if rows.is_empty() {
            println!(
                "| database | followers' inboxes | driven by | deliveries | publish → all recorded | deliveries/s | followers reached/s |"
            );
            println!("|---|---|---|---|---|---|---|");
        }
        let measured = async {
            let done = runs(database, &instance, &peers, &args, &mut checked).await?;
            Ok::<_, anyhow::Error>((done, parts(&instance, &peers).await?))
        };
        match measured.await {
            Ok((done, [key, signing, http, record])) => {
                rows.extend(done);
                let ms = |d: Duration| d.as_secs_f64() * 1e3;
                notes.push(format!(
                    "{database}, one delivery's parts one at a time (median of 50): key_of {:.2} ms · signing {:.2} ms · HTTP POST {:.2} ms · record_attempt {:.2} ms",
                    ms(key),
                    ms(signing),
                    ms(http),
                    ms(record)
                ));
            }
            Err(error) => {
                result = Err(error);
                break;
            }
        }
    }
    if let Some(mut connection) = admin {
        let drop = format!("DROP DATABASE IF EXISTS {pg_name} WITH (FORCE)");
        let _ = sqlx::query(&drop).execute(&mut connection).await;
    }
    let _ = std::fs::remove_dir_all(&work);
    result?;
    for row in rows.iter().filter(|r| r.shared) {
        let seconds = row.time.as_secs_f64();
        let own =
            rows.iter().find(|r| !r.shared && r.database == row.database && r.driver == row.driver);
        let own = own.map_or(String::new(), |r| {
            let seconds = r.time.as_secs_f64();
            format!(
                "; own inboxes: {} deliveries in {seconds:.2} s = {:.0} deliveries/s",
                r.deliveries,
                r.deliveries as f64 / seconds
            )
        });
        println!(
            "{}, {}: {} followers on {} servers: {} deliveries (shared inboxes) in {seconds:.2} s = {:.0} deliveries/s, {:.0} followers reached/s{own}",
            row.database,
            row.driver.label(),
            args.followers,
            args.servers,
            row.deliveries,
            row.deliveries as f64 / seconds,
            args.followers as f64 / seconds
        );
    }
    for note in &notes {
        println!("{note}");
    }
    let (count, problems) = checked;
    println!(
        "delivery-bench: {count} requests received, {} problems (each server exactly its \
         deliveries, Digest of the body, signature verified with the actor's key)",
        problems.len()
    );
    if !problems.is_empty() {
        for problem in problems.iter().take(20) {
            eprintln!("  {problem}");
        }
        anyhow::bail!("{} delivery problems", problems.len());
    }
    Ok(())
}
