//! Health, metrics, the PWA manifest and service worker, security headers.

use crate::common::TestApp;
use serde_json::Value;

#[tokio::test]
async fn health_and_metrics_answer() {
    let app = TestApp::spawn().await;
    let (status, body) = app.get_text("/healthz").await;
    assert_eq!((status, body.as_str()), (200, "ok"));
    let _ = app.get("/sonnenschein-freiburg").await;
    let (status, metrics) = app.get_text("/metrics").await;
    assert_eq!(status, 200);
    assert!(
        metrics.lines().any(|l| l.starts_with("nahbar_http_requests_total")
            && l.contains("route=\"/{slug}\"")
            && l.contains("status=\"200\"")),
        "{metrics}"
    );
    assert!(metrics.contains("nahbar_http_request_duration_seconds_bucket"));
}

#[tokio::test]
async fn the_manifest_makes_the_staff_app_installable() {
    let app = TestApp::spawn().await;
    let response = app.get("/manifest.webmanifest").await;
    assert_eq!(response.headers()["content-type"], "application/manifest+json");
    let manifest: Value = response.json().await.expect("JSON");
    assert_eq!(manifest["name"], "Nahbar");
    assert_eq!(manifest["short_name"], "Nahbar");
    assert_eq!(manifest["display"], "standalone");
    assert!(manifest["start_url"].as_str().is_some_and(|s| s.starts_with("/admin")));
    let icons = manifest["icons"].as_array().expect("icons");
    for (size, purpose) in
        [("192x192", "any"), ("512x512", "any"), ("192x192", "maskable"), ("512x512", "maskable")]
    {
        let icon =
            icons.iter().find(|i| i["sizes"] == size && i["purpose"] == purpose).expect("icon");
        let src = icon["src"].as_str().expect("src");
        let png = app.get(src).await;
        assert_eq!(png.status(), 200, "{src} is served");
        let bytes = png.bytes().await.expect("bytes");
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "{src} is a PNG");
        let (w, h) = (
            u32::from_be_bytes(bytes[16..20].try_into().expect("w")),
            u32::from_be_bytes(bytes[20..24].try_into().expect("h")),
        );
        assert_eq!(format!("{w}x{h}"), size, "{src} has its declared size");
    }
}

#[tokio::test]
async fn the_service_worker_is_versioned_and_caches_the_shell() {
    let app = TestApp::spawn().await;
    let response = app.get("/sw.js").await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"].to_str().expect("ct").starts_with("text/javascript")
    );
    let body = response.text().await.expect("body");
    assert!(!body.contains("__NAHBAR_VERSION__"), "the version is stamped in");
    assert!(body.contains("/offline.html"));
}

#[tokio::test]
async fn responses_carry_security_headers() {
    let app = TestApp::spawn().await;
    for path in ["/", "/sonnenschein-freiburg", "/login", "/sitemap.xml"] {
        let response = app.get(path).await;
        let headers = response.headers();
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(headers["x-frame-options"], "DENY", "{path}");
        assert!(headers.contains_key("content-security-policy"), "{path}");
        assert!(headers.contains_key("referrer-policy"), "{path}");
    }
    let login = app.get("/login").await;
    let csp = login.headers()["content-security-policy"].to_str().expect("csp").to_string();
    assert!(csp.contains("'nonce-"), "app pages allow only their own nonce'd loader: {csp}");
    let html = login.text().await.expect("body");
    assert!(html.contains("/pkg/nahbar.js"), "app pages load the islands");
    assert!(html.contains("rel=\"manifest\""));
}
