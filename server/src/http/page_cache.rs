//! Customer pages at static-file speed: finished responses, compressed once (brotli and
//! gzip), served from memory until what they show can change.
//!
//! A page changes only when public data changes or when its open/closed state flips at a
//! known instant, and it is the same for everyone in the same language. So a handler or
//! page opts in by sending [`CACHE_UNTIL`] (an RFC 3339 instant: its next status change,
//! or the next midnight for day-relative words); the response is then kept under (path and
//! query, language) together with the public revision it was made at. It is served again
//! while the revision is the same and the instant has not come, with an `ETag` and
//! `Last-Modified` so a returning browser gets `304 Not Modified`.
//!
//! Every node sees every change at its next request: a write through this node marks the
//! cache dirty (any POST, the scheduler), PostgreSQL's `NOTIFY` does the same for writes on
//! other nodes (`Store::listen_public_changes`), and without either the revision is read
//! again at most a second later.

use crate::ServerState;
use app::i18n::Lang;
use axum::body::{Body, Bytes, to_bytes};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::future::RouteFuture;
use chrono::{DateTime, Utc};
use http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use std::collections::HashMap;
use std::io::Write;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::{Arc, RwLock};
use std::task::{Context, Poll};

/// The response header by which a page opts in (removed before the response leaves).
pub const CACHE_UNTIL: &str = "x-nahbar-cache-until";
/// How long a page without a time of its own is kept at most (a revision change ends it
/// sooner).
const LONGEST: chrono::Duration = chrono::Duration::hours(24);
/// How often the revision is read without a write or a notification in between.
const REFRESH_MS: i64 = 1_000;
/// Entries kept at most (each path × query × language); more empties the cache.
const MAX_ENTRIES: usize = 4_096;
/// Bodies larger than this are not kept.
const MAX_BODY: usize = 2 * 1024 * 1024;

/// What a page is kept under: its path and query, and the language.
struct Key {
    path: String,
    lang: Lang,
}

/// One finished page in the three encodings.
struct Entry {
    revision: i64,
    until: DateTime<Utc>,
    etag: String,
    last_modified: HeaderValue,
    headers: HeaderMap,
    identity: Bytes,
    gzip: Bytes,
    br: Bytes,
    /// The whole headers of a 200 answer in each encoding (identity, gzip, brotli), with
    /// the language and security headers the layers add: the hit path only clones them.
    finished: [HeaderMap; 3],
}

#[derive(Clone, Copy, PartialEq)]
enum Encoding {
    Identity = 0,
    Gzip = 1,
    Brotli = 2,
}

impl Entry {
    /// The encoding `wanted` is served in: the next one down if a body came out empty.
    fn served(&self, wanted: Encoding) -> Encoding {
        match wanted {
            Encoding::Brotli if !self.br.is_empty() => Encoding::Brotli,
            Encoding::Gzip | Encoding::Brotli if !self.gzip.is_empty() => Encoding::Gzip,
            _ => Encoding::Identity,
        }
    }

    /// A 200 answer with the headers finished when the page was kept (the hit path).
    fn finished_answer(&self, wanted: Encoding, head: bool) -> Response {
        let served = self.served(wanted);
        let body = if head { Body::empty() } else { Body::from(self.body(served).clone()) };
        let mut response = Response::new(body);
        *response.headers_mut() = self.finished[served as usize].clone();
        response
    }

    fn body(&self, encoding: Encoding) -> &Bytes {
        match encoding {
            Encoding::Identity => &self.identity,
            Encoding::Gzip => &self.gzip,
            Encoding::Brotli => &self.br,
        }
    }
}

pub struct PageCache {
    /// Per language, by path and query (so a lookup borrows the request's path).
    entries: RwLock<HashMap<Lang, HashMap<String, Arc<Entry>>>>,
    revision: AtomicI64,
    /// When the revision was last read, in milliseconds of Nahbar's clock.
    checked_ms: AtomicI64,
    dirty: AtomicBool,
    refreshing: tokio::sync::Mutex<()>,
    refresh_ms: AtomicI64,
}

impl Default for PageCache {
    fn default() -> Self {
        PageCache {
            entries: RwLock::new(HashMap::new()),
            revision: AtomicI64::new(-1),
            checked_ms: AtomicI64::new(i64::MIN / 2),
            dirty: AtomicBool::new(true),
            refreshing: tokio::sync::Mutex::new(()),
            refresh_ms: AtomicI64::new(REFRESH_MS),
        }
    }
}

impl PageCache {
    /// Public data may have changed: read the revision before the next page is served.
    pub fn mark_dirty(&self) {
        self.dirty.store(true, Ordering::Release);
    }

    /// How often the revision is read when nothing says it changed (a test that proves the
    /// notifications sets it high).
    pub fn set_refresh(&self, every: std::time::Duration) {
        self.refresh_ms.store(every.as_millis() as i64, Ordering::Release);
    }

    /// The public revision, read again when a write happened or it is a second old.
    async fn revision(&self, state: &ServerState) -> i64 {
        let refresh = self.refresh_ms.load(Ordering::Acquire);
        let now = state.now().timestamp_millis();
        let fresh = now - self.checked_ms.load(Ordering::Acquire) < refresh;
        if fresh && !self.dirty.load(Ordering::Acquire) {
            return self.revision.load(Ordering::Acquire);
        }
        // One reader at a time; the others serve what the last read said, unless a write
        // of their own is pending (then they wait for the read).
        let _guard = self.refreshing.lock().await;
        let now = state.now().timestamp_millis();
        let fresh = now - self.checked_ms.load(Ordering::Acquire) < refresh;
        if fresh && !self.dirty.load(Ordering::Acquire) {
            return self.revision.load(Ordering::Acquire);
        }
        self.dirty.store(false, Ordering::Release);
        match state.store().public_revision().await {
            Ok(revision) => {
                if self.revision.swap(revision, Ordering::AcqRel) != revision
                    && let Ok(mut entries) = self.entries.write()
                {
                    entries.clear();
                }
                self.checked_ms.store(now, Ordering::Release);
                revision
            }
            Err(error) => {
                tracing::warn!(%error, "reading the public revision failed; not caching");
                self.dirty.store(true, Ordering::Release);
                -1
            }
        }
    }

    /// The revision if it needs no reading now (no write pending, read within the
    /// refresh interval); the hit path serves only then.
    fn known_revision(&self, state: &ServerState) -> Option<i64> {
        let refresh = self.refresh_ms.load(Ordering::Acquire);
        let now = state.now().timestamp_millis();
        let fresh = now - self.checked_ms.load(Ordering::Acquire) < refresh;
        (fresh && !self.dirty.load(Ordering::Acquire))
            .then(|| self.revision.load(Ordering::Acquire))
    }

    fn get(&self, lang: Lang, path: &str) -> Option<Arc<Entry>> {
        self.entries.read().ok()?.get(&lang)?.get(path).cloned()
    }

    fn put(&self, key: Key, entry: Arc<Entry>) {
        if let Ok(mut entries) = self.entries.write() {
            if entries.values().map(HashMap::len).sum::<usize>() >= MAX_ENTRIES {
                entries.clear();
            }
            entries.entry(key.lang).or_default().insert(key.path, entry);
        }
    }
}

/// Paths that are never kept: the staff app, files served from disk, and what answers
/// differently every time.
fn bypassed(path: &str) -> bool {
    app::routes::is_app_path(path)
        || ["/pkg/", "/icons/", "/vendor/", "/media/", "/lang/", "/api/v1/nearby"]
            .iter()
            .any(|prefix| path.starts_with(prefix))
        || matches!(path, "/healthz" | "/metrics" | "/nearby" | "/sw.js")
}

/// The header by which an axum handler lets the cache keep its answer until `at` (or until
/// public data changes): add it to the response's headers.
pub fn keep_until(at: DateTime<Utc>) -> (http::HeaderName, HeaderValue) {
    let value = HeaderValue::from_str(&at.to_rfc3339())
        .unwrap_or_else(|_| HeaderValue::from_static("1970-01-01T00:00:00Z"));
    (http::HeaderName::from_static(CACHE_UNTIL), value)
}

/// [`keep_until`] for answers that change only with public data.
pub fn keep_until_changed(state: &ServerState) -> (http::HeaderName, HeaderValue) {
    keep_until(state.now() + LONGEST)
}

/// The hit path, in front of the router: a page that is kept and still current is
/// answered here, before routing, tracing, compression and the other layers (which made it
/// when it was kept), with headers finished when it was kept. It does what those layers
/// would do to it: the client's address (through the trusted proxies) for counting, the
/// language, counting, and the security headers. All else, and a hit while the revision
/// needs reading, goes on to the router (and [`serve`] there).
#[derive(Clone)]
pub struct Fast {
    state: Arc<ServerState>,
    router: axum::Router,
}

impl Fast {
    pub fn new(state: ServerState, router: axum::Router) -> Fast {
        Fast { state: Arc::new(state), router }
    }
}

impl tower::Service<Request> for Fast {
    type Response = Response;
    type Error = std::convert::Infallible;
    type Future = FastFuture;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Poll::Ready(Ok(())) // the router is always ready
    }

    fn call(&mut self, req: Request) -> FastFuture {
        match hit(&self.state, &req) {
            Some(response) => FastFuture::Hit(Some(response)),
            None => FastFuture::Routed(Box::pin(self.router.call(req))),
        }
    }
}

/// A kept page (ready at once) or the router's answer.
pub enum FastFuture {
    Hit(Option<Response>),
    Routed(Pin<Box<RouteFuture<std::convert::Infallible>>>),
}

impl Future for FastFuture {
    type Output = Result<Response, std::convert::Infallible>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.get_mut() {
            FastFuture::Hit(response) => Poll::Ready(Ok(response.take().unwrap_or_default())),
            FastFuture::Routed(routed) => routed.as_mut().poll(cx),
        }
    }
}

fn hit(state: &ServerState, req: &Request) -> Option<Response> {
    let method = req.method();
    let head = method == Method::HEAD;
    if (method != Method::GET && !head) || bypassed(req.uri().path()) {
        return None;
    }
    let cache = &state.page_cache;
    let revision = cache.known_revision(state)?;
    let lang = crate::http::lang::chosen(req.headers());
    let path = req.uri().path_and_query().map(|p| p.as_str()).unwrap_or_default();
    let entry = cache.get(lang, path)?;
    let now = state.now();
    if entry.revision != revision || entry.until <= now {
        return None;
    }
    state.metrics.page_cache("hit");
    let peer = req.extensions().get::<axum::extract::ConnectInfo<std::net::SocketAddr>>();
    let ip = peer.map(|peer| state.trusted_proxies.client(peer.0.ip(), req.headers()).ip);
    let encoding = accepted(req.headers());
    let if_none_match = req.headers().get(header::IF_NONE_MATCH);
    let response = if if_none_match.is_none() {
        entry.finished_answer(encoding, head)
    } else {
        let mut response = answer(&entry, encoding, if_none_match, head);
        outer_headers(response.headers_mut(), lang, state.secure_cookies);
        response
    };
    let status = response.status().as_u16();
    state.insights.count(method, req.uri(), req.headers(), ip, status, now);
    Some(response)
}

/// The middleware (see the module docs). It sits inside the language negotiation.
pub async fn serve(State(state): State<ServerState>, req: Request, next: Next) -> Response {
    let method = req.method().clone();
    if method != Method::GET && method != Method::HEAD {
        let response = next.run(req).await;
        state.page_cache.mark_dirty();
        return response;
    }
    let path = req.uri().path_and_query().map(|p| p.as_str().to_string()).unwrap_or_default();
    if bypassed(req.uri().path()) {
        return next.run(req).await;
    }
    let cache = &state.page_cache;
    let key = Key { path, lang: req.extensions().get::<Lang>().copied().unwrap_or_default() };
    let encoding = accepted(req.headers());
    let if_none_match = req.headers().get(header::IF_NONE_MATCH).cloned();
    let head = method == Method::HEAD;
    let revision = cache.revision(&state).await;
    if let Some(entry) = cache.get(key.lang, &key.path)
        && entry.revision == revision
        && entry.until > state.now()
    {
        state.metrics.page_cache("hit");
        return answer(&entry, encoding, if_none_match.as_ref(), head);
    }
    let response = next.run(req).await;
    let Some(until) = opted_in(&response) else {
        state.metrics.page_cache("pass");
        return without_marker(response);
    };
    state.metrics.page_cache("miss");
    let until = until.min(state.now() + LONGEST);
    let (parts, body) = response.into_parts();
    let Ok(identity) = to_bytes(body, MAX_BODY).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let made = state.now();
    let outer = (key.lang, state.secure_cookies);
    let compress = move || entry(revision, until, made, parts.headers, identity, outer);
    let entry = match tokio::task::spawn_blocking(compress).await {
        Ok(entry) => Arc::new(entry),
        Err(error) => {
            tracing::error!(%error, "compressing a page failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    if revision >= 0 {
        cache.put(key, entry.clone());
    }
    answer(&entry, encoding, if_none_match.as_ref(), head)
}

/// The instant a 200 response may be kept until, if it opted in and sets no cookie.
fn opted_in(response: &Response) -> Option<DateTime<Utc>> {
    if response.status() != StatusCode::OK || response.headers().contains_key(header::SET_COOKIE) {
        return None;
    }
    let value = response.headers().get(CACHE_UNTIL)?.to_str().ok()?;
    DateTime::parse_from_rfc3339(value).ok().map(|at| at.with_timezone(&Utc))
}

fn without_marker(mut response: Response) -> Response {
    response.headers_mut().remove(CACHE_UNTIL);
    response
}

/// The best encoding the client takes (`br` before `gzip`; a `q=0` refuses one).
fn accepted(headers: &HeaderMap) -> Encoding {
    let accept = headers.get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()).unwrap_or("");
    let takes = |name: &str| {
        accept.split(',').any(|item| {
            let mut parts = item.split(';');
            let coding = parts.next().unwrap_or("").trim();
            let refused = parts.any(|p| p.trim().replace(' ', "") == "q=0");
            coding.eq_ignore_ascii_case(name) && !refused
        })
    };
    if takes("br") {
        Encoding::Brotli
    } else if takes("gzip") {
        Encoding::Gzip
    } else {
        Encoding::Identity
    }
}

/// Compresses the body both ways and keeps the headers that belong to the page.
fn entry(
    revision: i64,
    until: DateTime<Utc>,
    made: DateTime<Utc>,
    mut headers: HeaderMap,
    identity: Bytes,
    (lang, hsts): (Lang, bool),
) -> Entry {
    for name in [
        header::CONTENT_LENGTH,
        header::CONTENT_ENCODING,
        header::TRANSFER_ENCODING,
        header::VARY,
        header::DATE,
    ] {
        headers.remove(name);
    }
    headers.remove(CACHE_UNTIL);
    if !headers.contains_key(header::CACHE_CONTROL) {
        // Browsers may keep it, but ask again (a 304 costs a few bytes).
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    let gzip = {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let _ = encoder.write_all(&identity);
        encoder.finish().map(Bytes::from).unwrap_or_default()
    };
    let br = {
        let mut out = Vec::new();
        let params =
            brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
        let _ = brotli::BrotliCompress(&mut identity.as_ref(), &mut out, &params);
        Bytes::from(out)
    };
    let etag = {
        use sha2::{Digest, Sha256};
        hex::encode(&Sha256::digest(&identity)[..10])
    };
    let last_modified = HeaderValue::from_str(&httpdate(made))
        .unwrap_or_else(|_| HeaderValue::from_static("Thu, 01 Jan 1970 00:00:00 GMT"));
    let mut entry = Entry {
        revision,
        until,
        etag,
        last_modified,
        headers,
        identity,
        gzip,
        br,
        finished: Default::default(),
    };
    // The headers a 200 answer leaves with in each encoding, as the layers around
    // [`serve`] would finish them.
    entry.finished = [Encoding::Identity, Encoding::Gzip, Encoding::Brotli].map(|encoding| {
        let mut response = answer(&entry, encoding, None, false);
        outer_headers(response.headers_mut(), lang, hsts);
        std::mem::take(response.headers_mut())
    });
    entry
}

/// What the layers outside [`serve`] add to every answer: its language, and the security
/// headers.
fn outer_headers(headers: &mut HeaderMap, lang: Lang, hsts: bool) {
    crate::http::lang::mark(headers, lang);
    crate::ops::secure(headers, hsts);
}

fn httpdate(at: DateTime<Utc>) -> String {
    at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

fn answer(
    entry: &Entry,
    encoding: Encoding,
    if_none_match: Option<&HeaderValue>,
    head: bool,
) -> Response {
    let served = entry.served(encoding);
    let body = entry.body(served).clone();
    let (coding, suffix) = match served {
        Encoding::Brotli => (Some("br"), "-br"),
        Encoding::Gzip => (Some("gzip"), "-gz"),
        Encoding::Identity => (None, ""),
    };
    let etag = format!("\"{}{suffix}\"", entry.etag);
    let matches = if_none_match
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|tag| tag.trim().trim_start_matches("W/") == etag));
    let mut response = if matches {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let length = body.len();
        let mut response = Response::new(if head { Body::empty() } else { Body::from(body) });
        if let Ok(value) = HeaderValue::from_str(&length.to_string()) {
            response.headers_mut().insert(header::CONTENT_LENGTH, value);
        }
        if let Some(coding) = coding {
            response
                .headers_mut()
                .insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
        }
        response
    };
    let headers = response.headers_mut();
    for (name, value) in &entry.headers {
        if !matches || name == header::CACHE_CONTROL || name == header::CONTENT_LOCATION {
            headers.insert(name.clone(), value.clone());
        }
    }
    if let Ok(value) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, value);
    }
    headers.insert(header::LAST_MODIFIED, entry.last_modified.clone());
    headers.append(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_gets_the_best_encoding_it_takes() {
        let with = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(value).expect("v"));
            accepted(&headers)
        };
        assert!(with("gzip, deflate, br, zstd") == Encoding::Brotli);
        assert!(with("gzip") == Encoding::Gzip);
        assert!(with("br;q=0, gzip") == Encoding::Gzip);
        assert!(with("identity") == Encoding::Identity);
        assert!(accepted(&HeaderMap::new()) == Encoding::Identity);
    }

    #[test]
    fn app_pages_files_and_searches_are_never_kept() {
        for path in [
            "/admin",
            "/admin/posts",
            "/login",
            "/pkg/nahbar.css",
            "/media/x.jpg",
            "/nearby",
            "/api/v1/nearby",
        ] {
            assert!(bypassed(path), "{path}");
        }
        for path in
            ["/", "/sonnenschein-freiburg", "/sonnenschein-freiburg/feed.atom", "/sitemap.xml"]
        {
            assert!(!bypassed(path), "{path}");
        }
    }

    #[test]
    fn an_entry_decompresses_to_the_same_page() {
        use std::io::Read;
        let page = Bytes::from(
            "<!DOCTYPE html><html><body>Bäckerei Sonnenschein</body></html>".repeat(20),
        );
        let entry =
            entry(3, Utc::now(), Utc::now(), HeaderMap::new(), page.clone(), (Lang::De, false));
        let mut gunzip = String::new();
        flate2::read::GzDecoder::new(entry.gzip.as_ref())
            .read_to_string(&mut gunzip)
            .expect("gzip");
        assert_eq!(gunzip.as_bytes(), page.as_ref());
        let mut unbrotli = Vec::new();
        brotli::BrotliDecompress(&mut entry.br.as_ref(), &mut unbrotli).expect("brotli");
        assert_eq!(unbrotli, page.as_ref());
        assert!(entry.br.len() < page.len() / 4);
    }
}
