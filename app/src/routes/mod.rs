//! One file per page, plus the shell and the route table.

pub mod admin;
pub mod ask;
pub mod home;
pub mod invite;
pub mod legal;
pub mod local_page;
pub mod login;
pub mod nearby;
pub mod not_found;
pub mod post_page;
pub mod setup;

use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

/// Paths of the owner and staff app: the only pages that load WASM and the PWA.
pub fn is_app_path(path: &str) -> bool {
    ["/admin", "/login", "/setup", "/invite"]
        .iter()
        .any(|prefix| path == *prefix || path.starts_with(&format!("{prefix}/")))
}

#[cfg(feature = "ssr")]
pub fn shell(options: LeptosOptions) -> impl IntoView {
    use crate::context;
    use leptos_meta::MetaTags;
    let lang = context::lang();
    let app = is_app_path(&context::request_path());
    set_content_security_policy(app);
    // Only islands hydrate; nothing else needs its resources serialized into the page.
    if let Some(shared) = Owner::current_shared_context() {
        shared.set_is_hydrating(false);
    }
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="stylesheet" href="/pkg/nahbar.css" />
                <link rel="icon" href="/icons/icon.svg" type="image/svg+xml" />
                {app.then(|| view! {
                    <link rel="manifest" href="/manifest.webmanifest" />
                    <meta name="theme-color" content="#1f6f50" />
                    <link rel="apple-touch-icon" href="/icons/icon-192.png" />
                    <HydrationScripts options=options.clone() islands=true />
                    <script src="/pwa.js" defer></script>
                })}
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Customer pages run no script at all (but `/nearby`, whose own small script only adds
/// "use my position"); app pages run only our own scripts, the inline hydration loader
/// being allowed by its per-response nonce. Map tiles may load on app pages (the map
/// picker) and on a local page whose customer asked for the map (`?map=1`).
#[cfg(feature = "ssr")]
fn set_content_security_policy(app: bool) {
    use crate::context;
    use http::header::{CONTENT_SECURITY_POLICY, HeaderValue};
    let path = context::request_path();
    let scripts = match leptos::nonce::use_nonce() {
        Some(nonce) if app => format!("script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'"),
        _ if path == "/nearby" => "script-src 'self'".to_string(),
        _ => "script-src 'none'".to_string(),
    };
    let tiles = use_context::<context::AppState>()
        .filter(|_| app || context::request_query().split('&').any(|pair| pair == "map=1"))
        .and_then(|state| crate::domain::static_map::tile_origin(&state.tile_url))
        .map(|origin| format!(" {origin}"))
        .unwrap_or_default();
    // App pages preview photos chosen for a post before upload (`blob:` URLs).
    let blobs = if app { " blob:" } else { "" };
    let policy = format!(
        "default-src 'self'; {scripts}; style-src 'self'; img-src 'self' data:{blobs}{tiles}; \
         connect-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    );
    if let (Some(options), Ok(value)) =
        (use_context::<leptos_axum::ResponseOptions>(), HeaderValue::from_str(&policy))
    {
        options.insert_header(CONTENT_SECURITY_POLICY, value);
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Router>
            <Routes fallback=not_found::NotFound>
                <Route path=path!("/") view=home::Home ssr=SsrMode::Async />
                <Route path=path!("/login") view=login::LoginPage />
                <Route path=path!("/setup/:token") view=setup::SetupPage ssr=SsrMode::Async />
                <Route path=path!("/admin") view=admin::Dashboard ssr=SsrMode::Async />
                <Route
                    path=path!("/admin/locations/:id")
                    view=admin::EditLocationPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/admin/locations/:id/hours")
                    view=admin::HoursPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/admin/locations/:id/pois")
                    view=admin::PoisPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/admin/locations/:id/images")
                    view=admin::LocationImagesPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/admin/locations/:id/followers")
                    view=admin::FollowersPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/admin/locations/:id/insights")
                    view=admin::InsightsPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/admin/locations/:id/questions")
                    view=admin::QuestionsPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/admin/locations/:id/history")
                    view=admin::LocationHistoryPage
                    ssr=SsrMode::Async
                />
                <Route path=path!("/admin/team/:business") view=admin::TeamPage ssr=SsrMode::Async />
                <Route path=path!("/admin/history/:business") view=admin::AuditLogPage ssr=SsrMode::Async />
                <Route
                    path=path!("/admin/businesses/:business/import")
                    view=admin::ImportPage
                    ssr=SsrMode::Async
                />
                <Route path=path!("/admin/account") view=admin::AccountPage ssr=SsrMode::Async />
                <Route path=path!("/invite/:token") view=invite::InvitePage ssr=SsrMode::Async />
                <Route path=path!("/admin/posts") view=admin::PostsPage ssr=SsrMode::Async />
                <Route path=path!("/admin/posts/new") view=admin::ComposePage ssr=SsrMode::Async />
                <Route path=path!("/nearby") view=nearby::NearbyPage ssr=SsrMode::Async />
                <Route path=path!("/imprint") view=legal::ImprintRoute ssr=SsrMode::Async />
                <Route path=path!("/privacy") view=legal::PrivacyRoute ssr=SsrMode::Async />
                <Route path=path!("/:slug/imprint") view=legal::ImprintRoute ssr=SsrMode::Async />
                <Route path=path!("/:slug/privacy") view=legal::PrivacyRoute ssr=SsrMode::Async />
                <Route
                    path=path!("/admin/imprint/:business")
                    view=admin::ImprintScreenPage
                    ssr=SsrMode::Async
                />
                <Route path=path!("/:slug/ask") view=ask::AskPage ssr=SsrMode::Async />
                <Route path=path!("/:slug/posts/:id") view=post_page::PostPage ssr=SsrMode::Async />
                <Route path=path!("/:slug") view=local_page::LocalPage ssr=SsrMode::Async />
            </Routes>
        </Router>
    }
}
