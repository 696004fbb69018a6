//! Operations: liveness, Prometheus metrics, security headers, logging.

use crate::ServerState;
use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode, header};
use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounterVec, Opts, Registry, TextEncoder,
};
use std::time::Instant;

/// Metrics live in the app's own registry (no process globals), so several servers can
/// run in one test process.
#[derive(Clone)]
pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    page_cache: IntCounterVec,
    /// `page_cache{result="hit"}`, resolved once: the hit path is the hottest in Nahbar.
    page_cache_hit: prometheus::IntCounter,
    questions: IntCounterVec,
}

impl Metrics {
    pub fn new() -> anyhow::Result<Self> {
        let registry = Registry::new_custom(Some("nahbar".into()), None)?;
        let requests = IntCounterVec::new(
            Opts::new("http_requests_total", "HTTP requests by route, method and status."),
            &["method", "route", "status"],
        )?;
        let latency = HistogramVec::new(
            HistogramOpts::new("http_request_duration_seconds", "HTTP request latency by route."),
            &["method", "route"],
        )?;
        let page_cache = IntCounterVec::new(
            Opts::new(
                "page_cache_total",
                "Customer pages served from the page cache (hit), made and kept (miss), or not kept (pass).",
            ),
            &["result"],
        )?;
        registry.register(Box::new(requests.clone()))?;
        registry.register(Box::new(latency.clone()))?;
        let questions = IntCounterVec::new(
            Opts::new(
                "questions_total",
                "Customer questions stored, or refused by reason (honeypot, too_fast, too_many, ...).",
            ),
            &["result"],
        )?;
        registry.register(Box::new(page_cache.clone()))?;
        registry.register(Box::new(questions.clone()))?;
        let page_cache_hit = page_cache.with_label_values(&["hit"]);
        Ok(Metrics { registry, requests, latency, page_cache, page_cache_hit, questions })
    }

    /// Counts one customer question: `stored`, or the code of why it was refused.
    pub fn question(&self, result: &str) {
        self.questions.with_label_values(&[result]).inc();
    }

    /// Counts one answer of the page cache: `hit`, `miss` or `pass`.
    pub fn page_cache(&self, result: &str) {
        match result {
            "hit" => self.page_cache_hit.inc(),
            _ => self.page_cache.with_label_values(&[result]).inc(),
        }
    }
}

/// Counts requests by matched route (not raw path, so slugs don't explode the labels).
pub async fn track(State(state): State<ServerState>, req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "unmatched".into());
    let method = req.method().to_string();
    let started = Instant::now();
    let response = next.run(req).await;
    let status = response.status().as_u16().to_string();
    let metrics = &state.metrics;
    metrics.requests.with_label_values(&[&method, &route, &status]).inc();
    metrics.latency.with_label_values(&[&method, &route]).observe(started.elapsed().as_secs_f64());
    response
}

pub async fn metrics(State(state): State<ServerState>) -> Response {
    let mut buffer = Vec::new();
    match TextEncoder::new().encode(&state.metrics.registry.gather(), &mut buffer) {
        Ok(()) => ([(header::CONTENT_TYPE, prometheus::TEXT_FORMAT)], buffer).into_response(),
        Err(error) => {
            tracing::error!(%error, "encoding metrics failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Liveness plus a database round trip, so a dead database shows as unhealthy.
pub async fn healthz(State(state): State<ServerState>) -> Response {
    match state.app.store.ping().await {
        Ok(()) => (StatusCode::OK, "ok").into_response(),
        Err(error) => {
            tracing::error!(%error, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable").into_response()
        }
    }
}

/// Headers every response gets. Pages set their own, stricter CSP (with a script nonce on
/// app pages); everything else falls back to this one.
pub async fn security_headers(
    State(state): State<ServerState>,
    req: Request,
    next: Next,
) -> Response {
    let mut response = next.run(req).await;
    secure(response.headers_mut(), state.secure_cookies);
    response
}

/// The security headers every answer carries (those a handler set itself stay); `hsts`
/// when Nahbar is reached over https.
pub fn secure(headers: &mut http::HeaderMap, hsts: bool) {
    let defaults = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; \
             frame-ancestors 'none'",
        ),
    ];
    for (name, value) in defaults {
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    }
    headers.insert(
        http::HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static(
            "camera=(), microphone=(), geolocation=(self), interest-cohort=()",
        ),
    );
    headers.insert(
        http::HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    if hsts {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
}
