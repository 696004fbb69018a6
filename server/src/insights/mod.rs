//! Insights without cookies: the counting layer in front of customer pages and the jobs
//! that store the counts and roll them up into daily figures (the owner's screen reads
//! those through `app::api::insights`).
//!
//! Counting adds no cookie, no script and no request to a customer page, and stores no
//! address and no browser string: a visitor of one day is a SHA-256 of a random salt that
//! lives only in this process's memory and is replaced at midnight (UTC), the address, the
//! browser and the location (as Plausible and Fathom do). Bots (by user agent), `HEAD`
//! requests and prefetches are not counted; feed and calendar fetches are, whoever makes
//! them (each reader app stands for subscribers).
//!
//! Counts wait in memory for at most a second before one node writes them (`flush`): the
//! one exception to "nothing in memory that matters" (README, rule 8), because a count is
//! worth less than a customer page's speed, and a crash loses a second of counts at most.
//! Identical requests of one second (same page, visitor, referrer) wait as one entry with
//! their number and become one row, and a browser string's bot verdict is remembered: a
//! page read thousands of times a second costs a hash and a map lookup per request.

pub mod go;

use crate::ServerState;
use app::domain::insights::{
    Counted, KEEP_DAILY_DAYS, KEEP_RAW_DAYS, Metric, classify, referrer_host,
};
use app::store::{Hit, Store};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use http::{HeaderMap, Method, header};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::Mutex;

/// Distinct counts kept in memory at most (a database that cannot take them loses the
/// excess).
const MAX_PENDING: usize = 100_000;
/// Browser strings whose bot verdict is remembered (forgotten all at once when full).
const MAX_AGENTS: usize = 4_096;

/// What makes two counted requests the same row: one second, page, visitor, referrer.
#[derive(Debug, PartialEq, Eq, Hash)]
struct HitKey {
    slug: String,
    metric: Metric,
    subject: String,
    referrer: String,
    visitor: String,
    second: i64,
}

pub struct Counter {
    enabled: bool,
    bots: isbot::Bots,
    /// The bot verdict per browser string seen lately.
    verdicts: Mutex<HashMap<String, bool>>,
    /// The day's salt: random, in memory only, replaced when the (UTC) day changes.
    salt: Mutex<(NaiveDate, [u8; 32])>,
    pending: Mutex<HashMap<HitKey, i64>>,
    /// Requests counted through [`Counter::count`], by their fingerprint: the rows each
    /// makes and how many came.
    recent: Mutex<HashMap<u64, (Vec<HitKey>, i64)>>,
    /// Keys the fingerprints (random per process, so nobody can make two requests collide).
    seed: std::hash::RandomState,
    own_host: String,
}

impl Counter {
    /// `enabled`: `--insights off` turns counting off (the screen then says so).
    pub fn new(enabled: bool, public_url: &str) -> Counter {
        let own_host = url::Url::parse(public_url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_string))
            .unwrap_or_default();
        Counter {
            enabled,
            bots: isbot::Bots::default(),
            verdicts: Mutex::new(HashMap::new()),
            salt: Mutex::new((NaiveDate::MIN, [0; 32])),
            pending: Mutex::new(HashMap::new()),
            recent: Mutex::new(HashMap::new()),
            seed: std::hash::RandomState::new(),
            own_host,
        }
    }

    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// The visitor hash: salt of `now`'s day, address, browser, slug.
    fn visitor(&self, now: DateTime<Utc>, ip: &str, agent: &str, slug: &str) -> String {
        let salt = {
            let mut salt = self.salt.lock().unwrap_or_else(|e| e.into_inner());
            if salt.0 != now.date_naive() {
                *salt = (now.date_naive(), rand::random());
            }
            salt.1
        };
        let mut hash = Sha256::new();
        for part in [&salt[..], ip.as_bytes(), b"\n", agent.as_bytes(), b"\n", slug.as_bytes()] {
            hash.update(part);
        }
        hex::encode(&hash.finalize()[..16])
    }

    /// Whether `agent` is a bot's browser string (an empty one is).
    fn is_bot(&self, agent: &str) -> bool {
        if agent.is_empty() {
            return true;
        }
        if let Some(known) = self.verdicts.lock().unwrap_or_else(|e| e.into_inner()).get(agent) {
            return *known;
        }
        let bot = self.bots.is_bot(agent);
        let mut verdicts = self.verdicts.lock().unwrap_or_else(|e| e.into_inner());
        if verdicts.len() >= MAX_AGENTS {
            verdicts.clear();
        }
        verdicts.insert(agent.to_string(), bot);
        bot
    }

    fn push(&self, hits: impl IntoIterator<Item = HitKey>) {
        let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        for key in hits {
            let room = pending.len() < MAX_PENDING;
            match pending.get_mut(&key) {
                Some(count) => *count += 1,
                None if room => {
                    pending.insert(key, 1);
                }
                None => {}
            }
        }
    }

    /// The counts waiting in memory, each row once with its number (emptied).
    fn take_waiting(&self) -> HashMap<HitKey, i64> {
        let mut waiting =
            std::mem::take(&mut *self.pending.lock().unwrap_or_else(|e| e.into_inner()));
        let recent = std::mem::take(&mut *self.recent.lock().unwrap_or_else(|e| e.into_inner()));
        for (keys, requests) in recent.into_values() {
            for key in keys {
                *waiting.entry(key).or_default() += requests;
            }
        }
        waiting
    }

    /// Writes the counts waiting in memory; returns how many requests were stored.
    pub async fn flush(&self, store: &dyn Store) -> usize {
        let waiting = self.take_waiting();
        if waiting.is_empty() {
            return 0;
        }
        let hits: Vec<Hit> = waiting
            .into_iter()
            .map(|(key, hits)| Hit {
                slug: key.slug,
                metric: key.metric,
                subject: key.subject,
                referrer: key.referrer,
                visitor: key.visitor,
                at: DateTime::from_timestamp(key.second, 0).unwrap_or_default(),
                hits,
            })
            .collect();
        match store.record_hits(&hits).await {
            Ok(stored) => stored,
            Err(error) => {
                tracing::warn!(%error, lost = hits.len(), "storing counts failed");
                0
            }
        }
    }
}

/// A prefetch or prerender asks for a page nobody may look at.
fn prefetch(headers: &HeaderMap) -> bool {
    ["sec-purpose", "purpose", "x-purpose", "x-moz"].iter().any(|name| {
        headers.get(*name).and_then(|v| v.to_str().ok()).is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            v.contains("prefetch") || v.contains("preview") || v.contains("prerender")
        })
    })
}

/// The counting layer: see the module docs. (The page cache's hit path, in front of the
/// router, counts through [`Counter::count`], which gives the same rows.)
pub async fn count(State(state): State<ServerState>, req: Request, next: Next) -> Response {
    let ip = req.extensions().get::<app::context::ClientAddress>().map(|c| c.ip);
    let Some(pending) = state.insights.begin(req.method(), req.uri(), req.headers(), ip) else {
        return next.run(req).await;
    };
    let response = next.run(req).await;
    state.insights.finish(pending, response.status().as_u16(), state.now());
    response
}

/// A request that counts, waiting for its answer's status.
pub struct Pending {
    counted: app::domain::insights::Counted,
    agent: String,
    referrer: String,
    bot: bool,
    ip: String,
}

impl Counter {
    /// Whether this request counts at all (a `GET` of a customer page, not a prefetch), and
    /// what it counts.
    pub fn begin(
        &self,
        method: &Method,
        uri: &http::Uri,
        headers: &HeaderMap,
        ip: Option<std::net::IpAddr>,
    ) -> Option<Pending> {
        if !self.enabled || method != Method::GET {
            return None;
        }
        let path = uri.path();
        if app::routes::is_app_path(path) {
            return None;
        }
        let counted = classify(path, uri.query())?;
        if prefetch(headers) {
            return None;
        }
        let text = |name| headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default();
        let agent = text(header::USER_AGENT).to_string();
        let referrer = referrer_host(text(header::REFERER), &self.own_host).unwrap_or_default();
        let bot = self.is_bot(&agent);
        let ip = ip.map(|ip| ip.to_string()).unwrap_or_default();
        Some(Pending { counted, agent, referrer, bot, ip })
    }

    /// Counts the request now that its answer's `status` is known.
    pub fn finish(&self, pending: Pending, status: u16, now: DateTime<Utc>) {
        let hits = self.rows(pending, status, now);
        self.push(hits);
    }

    /// Counts a request whose answer is known at once (the page cache's hits). Identical
    /// requests of one second (same page and query, browser string, referrer, address
    /// and status) are recognised by a keyed hash of what they carry, and then only their
    /// number goes up: no classifying, no visitor hash, no allocation. The first of them
    /// is counted as [`Counter::begin`] and [`Counter::finish`] would.
    pub fn count(
        &self,
        method: &Method,
        uri: &http::Uri,
        headers: &HeaderMap,
        ip: Option<std::net::IpAddr>,
        status: u16,
        now: DateTime<Utc>,
    ) {
        if !self.enabled || method != Method::GET || prefetch(headers) {
            return;
        }
        let raw = |name| headers.get(name).map(|v| v.as_bytes()).unwrap_or_default();
        let path = uri.path_and_query().map(|p| p.as_str()).unwrap_or_default();
        let second = now.timestamp();
        let fingerprint = std::hash::BuildHasher::hash_one(
            &self.seed,
            (path, raw(header::USER_AGENT), raw(header::REFERER), ip, status, second),
        );
        if let Some((_, requests)) =
            self.recent.lock().unwrap_or_else(|e| e.into_inner()).get_mut(&fingerprint)
        {
            *requests += 1;
            return;
        }
        let rows = match self.begin(method, uri, headers, ip) {
            Some(pending) => self.rows(pending, status, now).collect(),
            None => Vec::new(), // not counted, and neither is the next one like it
        };
        let mut recent = self.recent.lock().unwrap_or_else(|e| e.into_inner());
        if recent.len() < MAX_PENDING {
            recent.entry(fingerprint).or_insert((rows, 0)).1 += 1;
        } else {
            drop(recent);
            self.push(rows);
        }
    }

    /// The rows a request makes: one per metric its `status` counts for.
    fn rows(
        &self,
        pending: Pending,
        status: u16,
        now: DateTime<Utc>,
    ) -> impl Iterator<Item = HitKey> {
        let Pending { counted: Counted { slug, metrics }, agent, referrer, bot, ip } = pending;
        let visitor = self.visitor(now, &ip, &agent, &slug);
        metrics
            .into_iter()
            .filter(move |(metric, _)| {
                metric.counted_status(status) && (!bot || metric.counts_machines())
            })
            .map(move |(metric, subject)| HitKey {
                slug: slug.clone(),
                referrer: if metric == Metric::View { referrer.clone() } else { String::new() },
                metric,
                subject,
                visitor: visitor.clone(),
                second: now.timestamp(),
            })
    }
}

/// Rolls the counts of every day from `from` up into daily figures and deletes counted
/// requests older than `KEEP_RAW_DAYS` and daily figures older than `KEEP_DAILY_DAYS`.
pub async fn roll_up(store: &dyn Store, from: NaiveDate, today: NaiveDate) {
    if let Err(error) = store.roll_up_insights(from).await {
        tracing::warn!(%error, "rolling up the insights failed");
    }
    match store.purge_hits(today - Duration::days(KEEP_RAW_DAYS)).await {
        Ok(0) => {}
        Ok(count) => tracing::info!(count, "deleted counted requests older than 30 days"),
        Err(error) => tracing::warn!(%error, "deleting old counted requests failed"),
    }
    let keep = Duration::days(i64::from(KEEP_DAILY_DAYS));
    if let Err(error) = store.purge_daily_figures(today - keep).await {
        tracing::warn!(%error, "deleting old daily figures failed");
    }
}

/// The background job: writes counts every `flush_every`, rolls up every `roll_up_every`
/// (the first time every kept day, after that the last three, which covers every time
/// zone's "today" and "yesterday"). Safe on several nodes: each writes its own counts,
/// and the roll-up is an idempotent upsert.
pub async fn job(state: ServerState, flush_every: std::time::Duration, roll_up_every: Duration) {
    let mut next_roll_up = state.now();
    let mut from_days = KEEP_RAW_DAYS;
    loop {
        tokio::time::sleep(flush_every).await;
        state.insights.flush(state.store()).await;
        if state.now() >= next_roll_up {
            let today = state.now().date_naive();
            roll_up(state.store(), today - Duration::days(from_days), today).await;
            from_days = 2;
            next_roll_up = state.now() + roll_up_every;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefetches_are_told_apart_from_visits() {
        let mut headers = HeaderMap::new();
        assert!(!prefetch(&headers));
        headers.insert("sec-purpose", "prefetch;prerender".parse().expect("value"));
        assert!(prefetch(&headers));
        let mut headers = HeaderMap::new();
        headers.insert("x-moz", "prefetch".parse().expect("value"));
        assert!(prefetch(&headers));
    }

    #[test]
    fn identical_requests_of_one_second_wait_as_one_entry_with_their_number() {
        let counter = Counter::new(true, "https://nahbar.example");
        let uri: http::Uri = "/sonnenschein-freiburg".parse().expect("uri");
        let at = |s: &str| DateTime::parse_from_rfc3339(s).expect("instant").to_utc();
        let ip = Some("192.0.2.1".parse().expect("ip"));
        for (agent, when) in [
            ("Firefox", "2026-06-15T08:00:00.100Z"),
            ("Firefox", "2026-06-15T08:00:00.900Z"),
            ("Firefox", "2026-06-15T08:00:01.000Z"),
            ("Chrome", "2026-06-15T08:00:01.500Z"),
            ("Googlebot/2.1 (+http://www.google.com/bot.html)", "2026-06-15T08:00:01.500Z"),
        ] {
            let mut headers = HeaderMap::new();
            headers.insert(header::USER_AGENT, agent.parse().expect("agent"));
            let pending = counter.begin(&Method::GET, &uri, &headers, ip).expect("counts");
            counter.finish(pending, 200, at(when));
        }
        let pending = counter.pending.lock().expect("lock");
        let mut counts: Vec<(i64, i64)> =
            pending.iter().map(|(key, hits)| (key.second - 1_781_510_400, *hits)).collect();
        counts.sort();
        // Firefox twice in the first second, once in the next; Chrome (another visitor)
        // once; the bot's view not at all.
        assert_eq!(counts, vec![(0, 2), (1, 1), (1, 1)]);
        assert_eq!(counter.verdicts.lock().expect("lock").len(), 3, "verdicts remembered");
    }

    #[test]
    fn the_hit_path_counts_as_begin_and_finish_do_and_repeats_only_raise_the_number() {
        let both = [0, 1].map(|_| Counter::new(true, "https://nahbar.example"));
        let at = |s: &str| DateTime::parse_from_rfc3339(s).expect("instant").to_utc();
        const PAGE: &str = "/sonnenschein-freiburg";
        const POST: &str = "/sonnenschein-freiburg/posts/7";
        const BOT: &str = "Googlebot/2.1 (+http://www.google.com/bot.html)";
        const LINK: &str = "https://www.example.org/";
        let requests = [
            (PAGE, "Firefox", "", "192.0.2.1", 200, "08:00:00.100"),
            (PAGE, "Firefox", "", "192.0.2.1", 200, "08:00:00.900"),
            (PAGE, "Firefox", "", "192.0.2.1", 200, "08:00:01.000"),
            (PAGE, "Firefox", LINK, "192.0.2.1", 200, "08:00:01.100"),
            (PAGE, "Firefox", "", "192.0.2.2", 200, "08:00:01.200"),
            (POST, "Chrome", "", "192.0.2.1", 200, "08:00:01.300"),
            (POST, "Chrome", "", "192.0.2.1", 304, "08:00:01.400"),
            ("/sonnenschein-freiburg?src=door", "Chrome", "", "192.0.2.1", 200, "08:00:01.500"),
            (PAGE, BOT, "", "192.0.2.1", 200, "08:00:01.600"),
            ("/sonnenschein-freiburg/feed.atom", BOT, "", "192.0.2.1", 200, "08:00:01.700"),
            ("/admin", "Firefox", "", "192.0.2.1", 200, "08:00:01.800"),
            (PAGE, "Firefox", "", "192.0.2.1", 200, "08:00:01.900"),
        ];
        let [slow, fast] = &both;
        for (path, agent, referer, ip, status, time) in requests {
            let uri: http::Uri = path.parse().expect("uri");
            let mut headers = HeaderMap::new();
            headers.insert(header::USER_AGENT, agent.parse().expect("agent"));
            if !referer.is_empty() {
                headers.insert(header::REFERER, referer.parse().expect("referer"));
            }
            let ip = Some(ip.parse().expect("ip"));
            let now = at(&format!("2026-06-15T{time}Z"));
            if let Some(pending) = slow.begin(&Method::GET, &uri, &headers, ip) {
                slow.finish(pending, status, now);
            }
            fast.count(&Method::GET, &uri, &headers, ip, status, now);
        }
        // Visitors are salted per counter: compare everything else, and which rows share
        // a visitor.
        let rows = |counter: &Counter| {
            let waiting = counter.take_waiting();
            let mut visitors: Vec<&String> = waiting.keys().map(|k| &k.visitor).collect();
            visitors.sort();
            visitors.dedup();
            let mut rows: Vec<String> = waiting
                .iter()
                .map(|(k, n)| {
                    let visitor = visitors.iter().position(|v| **v == k.visitor).unwrap_or(99);
                    let metric = format!("{:?}", k.metric);
                    let second = k.second - 1_781_510_400;
                    format!(
                        "{} {metric} {} {} s{second} ×{n} v{visitor}",
                        k.slug, k.subject, k.referrer
                    )
                })
                .collect();
            rows.sort();
            (rows, visitors.len())
        };
        let (slow_rows, slow_visitors) = rows(slow);
        let (fast_rows, fast_visitors) = rows(fast);
        assert_eq!(slow_visitors, fast_visitors);
        assert_eq!(slow_rows.len(), fast_rows.len(), "{slow_rows:#?}\n{fast_rows:#?}");
        let without_visitor = |rows: &[String]| -> Vec<String> {
            rows.iter()
                .map(|r| r.rsplit_once(' ').map(|(r, _)| r.to_string()).unwrap_or_default())
                .collect()
        };
        assert_eq!(without_visitor(&fast_rows), without_visitor(&slow_rows));
        // Three identical views in the first second and one more later: one row each second.
        assert!(
            fast_rows.iter().any(|r| r.starts_with("sonnenschein-freiburg View   s0 ×2")),
            "{fast_rows:#?}"
        );
        assert!(
            fast_rows.iter().any(|r| r.starts_with("sonnenschein-freiburg View   s1 ×2")),
            "{fast_rows:#?}"
        );
        assert!(fast.recent.lock().expect("lock").is_empty(), "taken");
    }

    #[test]
    fn a_visitor_is_the_same_within_a_day_and_unlinkable_across_days() {
        let counter = Counter::new(true, "https://nahbar.example");
        let at = |s: &str| DateTime::parse_from_rfc3339(s).expect("instant").to_utc();
        let morning = counter.visitor(at("2026-06-15T08:00:00Z"), "192.0.2.1", "Firefox", "a");
        let evening = counter.visitor(at("2026-06-15T20:00:00Z"), "192.0.2.1", "Firefox", "a");
        assert_eq!(morning, evening);
        assert_eq!(morning.len(), 32);
        assert_ne!(
            morning,
            counter.visitor(at("2026-06-15T20:00:00Z"), "192.0.2.2", "Firefox", "a")
        );
        assert_ne!(
            morning,
            counter.visitor(at("2026-06-15T20:00:00Z"), "192.0.2.1", "Chrome", "a")
        );
        assert_ne!(
            morning,
            counter.visitor(at("2026-06-16T08:00:00Z"), "192.0.2.1", "Firefox", "a")
        );
        assert!(
            counter
                .bots
                .is_bot("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")
        );
        assert!(!counter.bots.is_bot(
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) \
             Chrome/126.0.0.0 Mobile Safari/537.36"
        ));
    }
}
