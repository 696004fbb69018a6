//! Tenant isolation, proven: every HTTP route and server function of Nahbar × every role
//! (anonymous; staff, manager and owner of the business; staff, manager and owner of another
//! business), from one table.
//!
//! - The table must name exactly the routes the server has: axum routes and static file
//!   services (read from `server/src/routes.rs`), Leptos pages (`generate_route_list`) and
//!   server functions (`server_fn_paths`). A new route without an entry fails the test.
//! - A server function that writes (raises the public revision or logs a change when an
//!   owner calls it) must be on `app::api::WRITING_SERVER_FUNCTIONS`, and one on that list
//!   must write.
//! - Each entry says who may use it (`Rule`) and how to build a request against business
//!   A's objects, or against objects that do not exist.
//! - Allowed: not refused (no 401/403/404, no trip to the login, no 5xx).
//! - Denied to a signed-in role: exactly the same status and body (nonces aside) as the same
//!   person asking for an object that does not exist, and not a success.
//! - Denied to anonymous visitors: sent to the login (303), 401 or 404.

use crate::common::TestApp;
use app::context::hash_token;
use app::domain::location::{GeoPoint, NewPoiInput, PoiKind, Role};
use app::domain::schedule::SpecialHours;
use app::domain::team::{Actor, Change};
use chrono::{Duration, NaiveDate, Utc};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicUsize, Ordering};

const MISSING: i64 = 999_999;
const CSRF: &str = "matrix-csrf-token-0123456789abcdefghijklmnopqrstuvwxyz";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    Anonymous,
    Member(Role, bool), // role, of the same business (A)?
}

const ROLES: [Who; 7] = [
    Who::Anonymous,
    Who::Member(Role::Staff, true),
    Who::Member(Role::Manager, true),
    Who::Member(Role::Owner, true),
    Who::Member(Role::Staff, false),
    Who::Member(Role::Manager, false),
    Who::Member(Role::Owner, false),
];

/// Who may use a route.
#[derive(Clone, Copy, Debug)]
enum Rule {
    /// Everyone, anonymous visitors too (customer pages, feeds, assets, sign-in).
    Public,
    /// Anyone signed in; it concerns only their own account or data.
    SignedIn,
    /// A manager or owner of any business, for their own account (the weekly summary).
    ManagerAnywhere,
    /// Members of the business (staff, manager, owner).
    Member,
    /// Managers and owners of the business.
    Manager,
    /// Owners of the business.
    Owner,
}

impl Rule {
    fn allows(self, who: Who) -> bool {
        match (self, who) {
            (Rule::Public, _) => true,
            (_, Who::Anonymous) => false,
            (Rule::SignedIn, _) => true,
            (Rule::ManagerAnywhere, Who::Member(role, _)) => role.can_edit_locations(),
            (_, Who::Member(_, false)) => false,
            (Rule::Member, _) => true,
            (Rule::Manager, Who::Member(role, _)) => role.can_edit_locations(),
            (Rule::Owner, Who::Member(role, _)) => role == Role::Owner,
        }
    }
}

enum Body {
    None,
    Form(Vec<(&'static str, String)>),
    Json(serde_json::Value),
    Multipart(Vec<(&'static str, String)>),
}

struct Req {
    method: &'static str,
    path: String,
    body: Body,
}

fn get(path: String) -> Req {
    Req { method: "GET", path, body: Body::None }
}

fn post(path: String, fields: Vec<(&'static str, String)>) -> Req {
    Req { method: "POST", path, body: Body::Form(fields) }
}

/// The objects of business A (and ids that do not exist) a request is built against.
struct Fixture {
    app: TestApp,
    business: i64,
    location: i64,
    slug: String,
    post: i64,
    /// A published post that no request of the table archives (customers' routes read it).
    public_post: i64,
    media_hash: String,
    /// A served rendition of that photo.
    media_file: String,
    revision: i64,
    /// Business B, the other tenant.
    other: i64,
    /// Users of the seven roles (none for anonymous).
    users: BTreeMap<String, i64>,
    counter: AtomicUsize,
    /// One client for every check (its cookies are set per request, so none carry over).
    client: reqwest::Client,
}

#[derive(Clone, Copy, PartialEq)]
enum Target {
    Own,
    Missing,
}

impl Fixture {
    fn next(&self) -> usize {
        self.counter.fetch_add(1, Ordering::Relaxed)
    }

    fn location(&self, t: Target) -> i64 {
        if t == Target::Own { self.location } else { MISSING }
    }

    /// A fresh follower of A's location (a removal in one request must not starve the next);
    /// an actor nobody follows with for a missing target.
    async fn follower(&self, t: Target) -> String {
        let actor = format!("https://social.example/users/matrix-{}", self.next());
        if t == Target::Own {
            let follower = app::store::Follower {
                actor: actor.clone(),
                inbox: format!("{actor}/inbox"),
                delivery_inbox: "https://social.example/inbox".into(),
                host: "social.example".into(),
                follow_id: format!("{actor}#follow"),
                since: Utc::now(),
            };
            self.app.store.add_follower(self.location, &follower).await.expect("follower");
        }
        actor
    }

    /// A fresh reply from the fediverse to A's location (answered, when `answered`).
    async fn fediverse_message(&self, t: Target, answered: bool) -> i64 {
        if t == Target::Missing {
            return MISSING;
        }
        let n = self.next();
        let message = app::domain::fediverse_message::NewFediverseMessage {
            business_id: self.business,
            location_id: self.location,
            note_id: format!("https://social.example/notes/matrix-{n}"),
            url: format!("https://social.example/@kim/{n}"),
            actor: "https://social.example/users/kim".into(),
            acct: "kim@social.example".into(),
            actor_inbox: "https://social.example/users/kim/inbox".into(),
            content_html: "<p>Frage</p>".into(),
            public: true,
            ..Default::default()
        };
        let store = &self.app.store;
        store.add_fediverse_message(&message, Utc::now()).await.expect("message");
        let found = store
            .fediverse_messages(self.location, app::domain::question::QuestionStatus::New, 500)
            .await
            .expect("messages");
        let id = found.iter().find(|m| m.message.note_id == message.note_id).expect("stored").id;
        if answered {
            let owner = *self.users.values().next().expect("a user");
            store
                .answer_fediverse_message(self.business, id, "Ja", owner, Utc::now())
                .await
                .expect("answer");
        }
        id
    }

    fn business(&self, t: Target) -> i64 {
        if t == Target::Own { self.business } else { MISSING }
    }

    /// A fresh POI of A's location (a delete in one request must not starve the next).
    async fn poi(&self, t: Target) -> i64 {
        if t == Target::Missing {
            return MISSING;
        }
        let poi = NewPoiInput {
            name: format!("Matrix-Parkplatz {}", self.next()),
            kind: PoiKind::Parking,
            point: GeoPoint { lat: 47.99, lon: 7.85 },
            note: String::new(),
            public: true,
        };
        self.app.store.add_poi(self.business, self.location, &poi, Utc::now()).await.expect("poi")
    }

    async fn special(&self, t: Target) -> i64 {
        if t == Target::Missing {
            return MISSING;
        }
        let day =
            NaiveDate::from_ymd_opt(2031, 1, 1).expect("date") + Duration::days(self.next() as i64);
        let special =
            SpecialHours { id: 0, from: day, to: day, intervals: vec![], note: "Inventur".into() };
        self.app
            .store
            .add_special_hours(self.business, self.location, &special, Utc::now())
            .await
            .expect("special")
    }

    async fn member(&self, t: Target) -> i64 {
        if t == Target::Missing {
            return MISSING;
        }
        let email = format!("matrix-member-{}@example.org", self.next());
        self.app.create_user_fast(&email, self.business, Role::Staff).await
    }

    async fn invitation(&self, t: Target) -> (i64, String) {
        let token = format!("matrix-invitation-{}", self.next());
        if t == Target::Missing {
            return (MISSING, token);
        }
        let now = Utc::now();
        let owner = self.users["owner-A"];
        let id = self
            .app
            .store
            .create_invitation(
                self.business,
                Role::Staff,
                &hash_token(&token),
                owner,
                now,
                now + Duration::days(1),
            )
            .await
            .expect("invitation");
        (id, token)
    }

    /// A fresh question to A's location (a delete in one request must not starve the next).
    async fn question(&self, t: Target) -> i64 {
        if t == Target::Missing {
            return MISSING;
        }
        let form = app::domain::question::QuestionForm {
            body: format!("Matrix-Frage {}", self.next()),
            consent: true,
            ..Default::default()
        };
        let sender = format!("matrix-{}", self.next());
        match self
            .app
            .store
            .add_question(self.location, &form, "de", &sender, 1_000, 1_000_000, Utc::now())
            .await
            .expect("question")
        {
            app::store::Arrival::Stored(id) => id,
            app::store::Arrival::Limited => panic!("limited"),
        }
    }

    async fn a_post(&self, t: Target) -> i64 {
        if t == Target::Missing { MISSING } else { self.post }
    }
}

type Build = for<'a> fn(
    &'a Fixture,
    Target,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Req> + Send + 'a>>;

struct Entry {
    key: &'static str,
    rule: Rule,
    build: Build,
}

macro_rules! entry {
    ($key:literal, $rule:expr, |$f:ident, $t:ident| $body:expr) => {
        Entry {
            key: $key,
            rule: $rule,
            build: |$f, $t| {
                Box::pin(async move {
                    #[allow(unused_variables)]
                    let ($f, $t) = ($f, $t);
                    $body
                })
            },
        }
    };
}

fn sf(name: &str) -> String {
    server_fn::axum::server_fn_paths()
        .map(|(path, _)| path)
        .find(|path| fn_name(path) == name)
        .unwrap_or_else(|| panic!("no server function {name}"))
        .to_string()
}

/// `get_pois_page` from `/api/get_pois_page12345678`.
fn fn_name(path: &str) -> String {
    path.trim_start_matches("/api/").trim_end_matches(|c: char| c.is_ascii_digit()).to_string()
}

/// The table: every route of Nahbar, who may use it, and a request for it.
fn table() -> Vec<Entry> {
    use Rule::*;
    vec![
        // Operations, discovery and the PWA.
        entry!("GET /healthz", Public, |f, t| get("/healthz".into())),
        entry!("GET /metrics", Public, |f, t| get("/metrics".into())),
        entry!("GET /sitemap.xml", Public, |f, t| get("/sitemap.xml".into())),
        entry!("GET /robots.txt", Public, |f, t| get("/robots.txt".into())),
        entry!("GET /manifest.webmanifest", Public, |f, t| get("/manifest.webmanifest".into())),
        entry!("GET /sw.js", Public, |f, t| get("/sw.js".into())),
        entry!("GET /lang/{code}", Public, |f, t| get("/lang/de?next=/".into())),
        // Static files.
        entry!("GET /media/*", Public, |f, t| get(format!("/media/{}", f.media_file))),
        entry!("GET /pkg/*", Public, |f, t| get("/pkg/nahbar.css".into())),
        entry!("GET /icons/*", Public, |f, t| get("/icons/icon.svg".into())),
        entry!("GET /vendor/*", Public, |f, t| get("/vendor/leaflet/leaflet.js".into())),
        entry!("GET /offline.html", Public, |f, t| get("/offline.html".into())),
        entry!("GET /pwa.js", Public, |f, t| get("/pwa.js".into())),
        entry!("GET /map-picker.js", Public, |f, t| get("/map-picker.js".into())),
        entry!("GET /map-picker.css", Public, |f, t| get("/map-picker.css".into())),
        entry!("GET /nearby.js", Public, |f, t| get("/nearby.js".into())),
        entry!("GET /compose.js", Public, |f, t| get("/compose.js".into())),
        entry!("GET /outbox.js", Public, |f, t| get("/outbox.js".into())),
        entry!("GET /import.js", Public, |f, t| get("/import.js".into())),
        entry!("GET /share.js", Public, |f, t| get("/share.js".into())),
        entry!("GET /favicon.ico", Public, |f, t| get("/favicon.ico".into())),
        // Customer pages, feeds and exports.
        entry!("GET /", Public, |f, t| get("/".into())),
        entry!("GET /{slug}", Public, |f, t| get(format!("/{}", f.slug))),
        entry!("GET /{slug}/posts/{id}", Public, |f, t| get(format!(
            "/{}/posts/{}",
            f.slug, f.public_post
        ))),
        entry!("GET /imprint", Public, |f, t| get("/imprint".into())),
        entry!("GET /privacy", Public, |f, t| get("/privacy".into())),
        entry!("GET /{slug}/imprint", Public, |f, t| get(format!("/{}/imprint", f.slug))),
        entry!("GET /{slug}/privacy", Public, |f, t| get(format!("/{}/privacy", f.slug))),
        entry!("GET /{slug}/calendar.ics", Public, |f, t| get(format!("/{}/calendar.ics", f.slug))),
        entry!("GET /{slug}/feed.atom", Public, |f, t| get(format!("/{}/feed.atom", f.slug))),
        entry!("GET /{slug}/feed.json", Public, |f, t| get(format!("/{}/feed.json", f.slug))),
        entry!("GET /{slug}/go/route/{app}", Public, |f, t| get(format!(
            "/{}/go/route/osm",
            f.slug
        ))),
        entry!("GET /{slug}/go/call", Public, |f, t| get(format!("/{}/go/call", f.slug))),
        entry!("GET /{slug}/go/web", Public, |f, t| get(format!("/{}/go/web", f.slug))),
        entry!("GET /{slug}/pois.geojson", Public, |f, t| get(format!("/{}/pois.geojson", f.slug))),
        entry!("GET /{slug}/pois.gpx", Public, |f, t| get(format!("/{}/pois.gpx", f.slug))),
        entry!("GET /{slug}/pois.kml", Public, |f, t| get(format!("/{}/pois.kml", f.slug))),
        entry!(
            "GET /nearby",
            Public,
            |f, t| get("/nearby?lat=47.99&lon=7.85&radius_m=2000".into())
        ),
        entry!("GET /api/v1/locations.geojson", Public, |f, t| get(
            "/api/v1/locations.geojson".into()
        )),
        entry!("GET /api/v1/nearby", Public, |f, t| get(
            "/api/v1/nearby?lat=47.99&lon=7.85&radius_m=2000".into()
        )),
        entry!("GET /api/v1/openapi.json", Public, |f, t| get("/api/v1/openapi.json".into())),
        // The fediverse: discovery, actors, collections and notes are public; inboxes
        // authenticate the sending server by HTTP Signature (see `fediverse_flow.rs`).
        entry!("GET /.well-known/webfinger", Public, |f, t| get(format!(
            "/.well-known/webfinger?resource=acct:{}@{}",
            f.slug,
            f.app.base.trim_start_matches("http://")
        ))),
        entry!("GET /.well-known/nodeinfo", Public, |f, t| get("/.well-known/nodeinfo".into())),
        entry!("GET /nodeinfo/2.1", Public, |f, t| get("/nodeinfo/2.1".into())),
        entry!("POST /inbox", Public, |f, t| post("/inbox".into(), vec![])),
        entry!("POST /{slug}/inbox", Public, |f, t| post(format!("/{}/inbox", f.slug), vec![])),
        entry!("GET /{slug}/actor", Public, |f, t| get(format!("/{}/actor", f.slug))),
        entry!("GET /{slug}/outbox", Public, |f, t| get(format!("/{}/outbox", f.slug))),
        entry!("GET /{slug}/followers", Public, |f, t| get(format!("/{}/followers", f.slug))),
        entry!("GET /{slug}/answers/{id}", Public, |f, t| get(format!(
            "/{}/answers/{}",
            f.slug,
            f.fediverse_message(Target::Own, true).await
        ))),
        entry!("GET /{slug}/notices/{id}", Public, |f, t| get(format!(
            "/{}/notices/{}",
            f.slug,
            f.special(Target::Own).await
        ))),
        entry!("GET /{slug}/posts/{id}/note", Public, |f, t| get(format!(
            "/{}/posts/{}/note",
            f.slug, f.public_post
        ))),
        // Signing in, first start, invitations (the secret link is the permission).
        entry!("GET /login", Public, |f, t| get("/login".into())),
        entry!("POST /login", Public, |f, t| post(
            "/login".into(),
            vec![("email", "nobody@example.org".into()), ("password", "wrong-password".into())]
        )),
        entry!("POST /logout", Public, |f, t| post("/logout".into(), vec![])),
        entry!("GET /setup/{token}", Public, |f, t| get("/setup/not-a-token".into())),
        entry!("POST /setup/{token}", Public, |f, t| post("/setup/not-a-token".into(), vec![])),
        entry!("GET /invite/{token}", Public, |f, t| {
            let (_, token) = f.invitation(Target::Own).await;
            get(format!("/invite/{token}"))
        }),
        entry!("POST /invite/{token}", Public, |f, t| {
            let (_, token) = f.invitation(Target::Own).await;
            let n = f.next();
            post(
                format!("/invite/{token}"),
                vec![
                    ("display_name", "Neu".into()),
                    ("email", format!("matrix-join-{n}@example.org")),
                    ("password", "a-long-password".into()),
                    ("password_repeat", "a-long-password".into()),
                ],
            )
        }),
        // The staff app: every signed-in person, for their own business(es).
        entry!("GET /admin", SignedIn, |f, t| get("/admin".into())),
        entry!("GET /admin/posts", SignedIn, |f, t| get("/admin/posts".into())),
        entry!("GET /admin/posts/new", SignedIn, |f, t| get("/admin/posts/new".into())),
        entry!("GET /admin/account", SignedIn, |f, t| get("/admin/account".into())),
        entry!("GET /admin/outbox/session", SignedIn, |f, t| get("/admin/outbox/session".into())),
        entry!("GET /admin/media/{hash}", SignedIn, |f, t| get(format!(
            "/admin/media/{}",
            f.media_hash
        ))),
        entry!("POST /admin/media", SignedIn, |f, t| Req {
            method: "POST",
            path: "/admin/media".into(),
            body: Body::Multipart(vec![]),
        }),
        entry!("POST /admin/share", SignedIn, |f, t| Req {
            method: "POST",
            path: "/admin/share".into(),
            body: Body::Multipart(vec![("text", "Geteilt".into())]),
        }),
        entry!("POST /admin/account/password", SignedIn, |f, t| post(
            "/admin/account/password".into(),
            vec![
                ("current", "not-the-password".into()),
                ("password", "another-long-password".into()),
                ("password_repeat", "another-long-password".into()),
            ]
        )),
        entry!("POST /admin/account/summary", ManagerAnywhere, |f, t| post(
            "/admin/account/summary".into(),
            vec![("weekly_summary", "on".into())]
        )),
        entry!("POST /admin/account/sessions/{id}/end", SignedIn, |f, t| {
            // Ends a session of the asker's own (see `sessions_of_others_are_missing`).
            post("/admin/account/sessions/{own}/end".into(), vec![])
        }),
        entry!("POST /admin/account/sessions/end-others", SignedIn, |f, t| post(
            "/admin/account/sessions/end-others".into(),
            vec![]
        )),
        // Posts of business A.
        entry!("POST /admin/posts", Member, |f, t| Req {
            method: "POST",
            path: "/admin/posts".into(),
            body: Body::Multipart(vec![
                ("location", f.location(t).to_string()),
                ("kind", "update".into()),
                ("text", format!("Matrix-Beitrag {}", f.next())),
            ]),
        }),
        entry!("POST /admin/posts/{id}/{action}", Manager, |f, t| post(
            format!("/admin/posts/{}/archive", f.a_post(t).await),
            vec![]
        )),
        entry!("POST /admin/posts/settings", Owner, |f, t| post(
            "/admin/posts/settings".into(),
            vec![("business", f.business(t).to_string()), ("checklist", String::new())]
        )),
        // Locations of business A: owners and managers.
        entry!("GET /admin/locations/{id}", Manager, |f, t| get(format!(
            "/admin/locations/{}",
            f.location(t)
        ))),
        entry!("GET /admin/locations/{id}/hours", Manager, |f, t| get(format!(
            "/admin/locations/{}/hours",
            f.location(t)
        ))),
        entry!("GET /admin/locations/{id}/followers", Manager, |f, t| get(format!(
            "/admin/locations/{}/followers",
            f.location(t)
        ))),
        entry!("POST /admin/locations/{id}/fediverse/{message}/answer", Manager, |f, t| post(
            format!(
                "/admin/locations/{}/fediverse/{}/answer",
                f.location(t),
                f.fediverse_message(t, false).await
            ),
            vec![("answer", "Ja, gern".into())]
        )),
        entry!("POST /admin/locations/{id}/followers/remove", Manager, |f, t| post(
            format!("/admin/locations/{}/followers/remove", f.location(t)),
            vec![("actor", f.follower(t).await)]
        )),
        entry!("POST /admin/locations/{id}/followers/block", Manager, |f, t| post(
            format!("/admin/locations/{}/followers/block", f.location(t)),
            vec![("host", "spam.example".into())]
        )),
        entry!("GET /{slug}/ask", Public, |f, t| get(format!("/{}/ask", f.slug))),
        entry!("POST /{slug}/ask", Public, |f, t| post(
            format!("/{}/ask", f.slug),
            vec![("body", "Matrix".into())]
        )),
        entry!("GET /admin/locations/{id}/insights", Manager, |f, t| get(format!(
            "/admin/locations/{}/insights?days=30",
            f.location(t)
        ))),
        entry!("GET /admin/locations/{id}/questions", Manager, |f, t| get(format!(
            "/admin/locations/{}/questions",
            f.location(t)
        ))),
        entry!("POST /admin/locations/{id}/questions/{question}/answer", Manager, |f, t| post(
            format!("/admin/locations/{}/questions/{}/answer", f.location(t), f.question(t).await),
            vec![("answer", "Ja.".into())]
        )),
        entry!("POST /admin/locations/{id}/questions/{question}/status", Manager, |f, t| post(
            format!("/admin/locations/{}/questions/{}/status", f.location(t), f.question(t).await),
            vec![("status", "archived".into())]
        )),
        entry!("POST /admin/locations/{id}/questions/{question}/publish", Manager, |f, t| post(
            format!("/admin/locations/{}/questions/{}/publish", f.location(t), f.question(t).await),
            vec![("publish", "0".into())]
        )),
        entry!("POST /admin/locations/{id}/questions/{question}/delete", Manager, |f, t| post(
            format!("/admin/locations/{}/questions/{}/delete", f.location(t), f.question(t).await),
            vec![]
        )),
        entry!("POST /admin/businesses/{business}/questions/settings", Owner, |f, t| post(
            format!("/admin/businesses/{}/questions/settings", f.business(t)),
            vec![("back", "/admin".into())]
        )),
        entry!("GET /admin/businesses/{business}/questions.csv", Manager, |f, t| get(format!(
            "/admin/businesses/{}/questions.csv",
            f.business(t)
        ))),
        entry!("GET /admin/locations/{id}/images", Manager, |f, t| get(format!(
            "/admin/locations/{}/images",
            f.location(t)
        ))),
        entry!("POST /admin/locations/{id}/images", Manager, |f, t| Req {
            method: "POST",
            path: format!("/admin/locations/{}/images", f.location(t)),
            body: Body::Multipart(vec![("which", "logo".into())]),
        }),
        entry!("POST /admin/locations/{id}/images/remove", Manager, |f, t| post(
            format!("/admin/locations/{}/images/remove", f.location(t)),
            vec![("which", "logo".into())]
        )),
        entry!("GET /admin/locations/{id}/pois", Manager, |f, t| get(format!(
            "/admin/locations/{}/pois",
            f.location(t)
        ))),
        entry!("GET /admin/locations/{id}/history", Manager, |f, t| get(format!(
            "/admin/locations/{}/history?kind=hours",
            f.location(t)
        ))),
        entry!("POST /admin/locations/{id}/special", Manager, |f, t| post(
            format!("/admin/locations/{}/special", f.location(t)),
            vec![("from", "2032-02-02".into()), ("closed", "on".into())]
        )),
        entry!("POST /admin/locations/{id}/special/{special}/delete", Manager, |f, t| post(
            format!("/admin/locations/{}/special/{}/delete", f.location(t), f.special(t).await),
            vec![]
        )),
        entry!("POST /admin/locations/{id}/holiday-rule", Manager, |f, t| post(
            format!("/admin/locations/{}/holiday-rule", f.location(t)),
            vec![("rule", "closed".into())]
        )),
        entry!("POST /admin/locations/{id}/holidays/{date}", Manager, |f, t| post(
            format!("/admin/locations/{}/holidays/2030-12-25", f.location(t)),
            vec![("action", "closed".into())]
        )),
        entry!("POST /admin/locations/{id}/hours/confirm", Manager, |f, t| post(
            format!("/admin/locations/{}/hours/confirm", f.location(t)),
            vec![]
        )),
        entry!("POST /admin/locations/{id}/osm", Manager, |f, t| post(
            format!("/admin/locations/{}/osm", f.location(t)),
            vec![("value", "Mo-Fr 07:00-18:00".into())]
        )),
        entry!("POST /admin/locations/{id}/rules", Manager, |f, t| post(
            format!("/admin/locations/{}/rules", f.location(t)),
            vec![
                ("kind", "yearly".into()),
                ("from_day", "24".into()),
                ("from_month", "12".into()),
                ("state", "closed".into()),
            ]
        )),
        entry!("POST /admin/locations/{id}/rules/{index}/delete", Manager, |f, t| post(
            format!("/admin/locations/{}/rules/0/delete", f.location(t)),
            vec![("rule", "Dec 24 off".into())]
        )),
        entry!("POST /admin/locations/{id}/signs", Manager, |f, t| post(
            format!("/admin/locations/{}/signs", f.location(t)),
            vec![("sign", format!("closure-{}", f.special(t).await)), ("paper", "a5".into())]
        )),
        entry!("POST /admin/locations/{id}/signs/page", Manager, |f, t| post(
            format!("/admin/locations/{}/signs/page", f.location(t)),
            vec![("sign", format!("closure-{}", f.special(t).await)), ("paper", "a5".into())]
        )),
        entry!("POST /admin/locations/{id}/pois", Manager, |f, t| post(
            format!("/admin/locations/{}/pois", f.location(t)),
            vec![
                ("name", "Matrix-Eingang".into()),
                ("kind", "entrance".into()),
                ("lat", "47.99".into()),
                ("lon", "7.85".into()),
                ("public", "on".into()),
            ]
        )),
        entry!("POST /admin/locations/{id}/pois/{poi}", Manager, |f, t| post(
            format!("/admin/locations/{}/pois/{}", f.location(t), f.poi(t).await),
            vec![
                ("name", "Matrix-Eingang geändert".into()),
                ("kind", "entrance".into()),
                ("lat", "47.99".into()),
                ("lon", "7.85".into()),
            ]
        )),
        entry!("POST /admin/locations/{id}/pois/{poi}/delete", Manager, |f, t| post(
            format!("/admin/locations/{}/pois/{}/delete", f.location(t), f.poi(t).await),
            vec![]
        )),
        entry!("POST /admin/locations/{id}/pois/{poi}/move", Manager, |f, t| post(
            format!("/admin/locations/{}/pois/{}/move", f.location(t), f.poi(t).await),
            vec![("direction", "up".into())]
        )),
        entry!("POST /admin/locations/{id}/history/{revision}/restore", Manager, |f, t| {
            let revision = if t == Target::Own { f.revision } else { MISSING };
            post(format!("/admin/locations/{}/history/{revision}/restore", f.location(t)), vec![])
        }),
        entry!("POST /admin/businesses/{business}/locations", Manager, |f, t| post(
            format!("/admin/businesses/{}/locations", f.business(t)),
            vec![
                ("name", format!("Matrix-Filiale {}", f.next())),
                ("city", "Freiburg".into()),
                ("schema_type", "Bakery".into()),
            ]
        )),
        entry!("POST /admin/locations/{id}/archive", Manager, |f, t| post(
            format!("/admin/locations/{}/archive", f.location(t)),
            vec![("archive", "0".into())]
        )),
        entry!("POST /admin/locations/{id}/apply-hours", Manager, |f, t| {
            let others = f.app.store.locations_of(f.business).await.expect("locations");
            let target = others.iter().find(|l| l.id != f.location).expect("a second location").id;
            post(
                format!("/admin/locations/{}/apply-hours", f.location(t)),
                vec![("targets", target.to_string()), ("weekly", "on".into())],
            )
        }),
        entry!("GET /admin/history/{business}", Manager, |f, t| get(format!(
            "/admin/history/{}",
            f.business(t)
        ))),
        // Everything about the business as one archive: owners only.
        entry!("GET /admin/businesses/{business}/archive.zip", Owner, |f, t| get(format!(
            "/admin/businesses/{}/archive.zip",
            f.business(t)
        ))),
        // Bulk CSV export and import of the business's locations.
        entry!("GET /admin/businesses/{business}/import", Manager, |f, t| get(format!(
            "/admin/businesses/{}/import",
            f.business(t)
        ))),
        entry!("GET /admin/businesses/{business}/locations.csv", Manager, |f, t| get(format!(
            "/admin/businesses/{}/locations.csv",
            f.business(t)
        ))),
        entry!("POST /admin/businesses/{business}/locations.csv", Manager, |f, t| Req {
            method: "POST",
            path: format!("/admin/businesses/{}/locations.csv", f.business(t)),
            body: Body::Multipart(vec![(
                "file",
                "Store code,Business name,Locality,Country / Region\nM-1,Matrix-Laden,Köln,DE\n"
                    .into()
            )]),
        }),
        // The imprint and privacy notice of business A: managers and owners.
        entry!("GET /admin/imprint/{business}", Manager, |f, t| get(format!(
            "/admin/imprint/{}",
            f.business(t)
        ))),
        entry!("POST /admin/imprint/{business}", Manager, |f, t| post(
            format!("/admin/imprint/{}", f.business(t)),
            vec![
                ("legal_name", "Matrix GmbH".into()),
                ("legal_form", "limited_company".into()),
                ("street", "Matrixweg 1".into()),
                ("postal_code", "50667".into()),
                ("city", "Köln".into()),
                ("country", "DE".into()),
                ("representatives", "Mia Matrix".into()),
                ("email", "info@matrix.example".into()),
                ("register_court", "Amtsgericht Köln".into()),
                ("register_number", "HRB 12345".into()),
            ]
        )),
        entry!("POST /admin/imprint/{business}/privacy", Manager, |f, t| post(
            format!("/admin/imprint/{}/privacy", f.business(t)),
            vec![("hosting", "Matrix Hosting AG".into())]
        )),
        // The team of business A: owners only.
        entry!("GET /admin/team/{business}", Owner, |f, t| get(format!(
            "/admin/team/{}",
            f.business(t)
        ))),
        entry!("POST /admin/team/{business}/invitations", Owner, |f, t| post(
            format!("/admin/team/{}/invitations", f.business(t)),
            vec![("role", "staff".into()), ("days", "1".into())]
        )),
        entry!("POST /admin/team/{business}/invitations/{id}/revoke", Owner, |f, t| {
            let (id, _) = f.invitation(t).await;
            post(format!("/admin/team/{}/invitations/{id}/revoke", f.business(t)), vec![])
        }),
        entry!("POST /admin/team/{business}/members/{user}/role", Owner, |f, t| post(
            format!("/admin/team/{}/members/{}/role", f.business(t), f.member(t).await),
            vec![("role", "manager".into())]
        )),
        entry!("POST /admin/team/{business}/members/{user}/remove", Owner, |f, t| post(
            format!("/admin/team/{}/members/{}/remove", f.business(t), f.member(t).await),
            vec![]
        )),
        // Server functions (called by the pages and islands).
        entry!("FN get_local_page", Public, |f, t| post(
            sf("get_local_page"),
            vec![("slug", f.slug.clone())]
        )),
        entry!("FN get_public_locations", Public, |f, t| post(sf("get_public_locations"), vec![])),
        entry!("FN get_public_post", Public, |f, t| post(
            sf("get_public_post"),
            vec![("slug", f.slug.clone()), ("id", f.public_post.to_string())]
        )),
        entry!("FN get_nearby", Public, |f, t| post(
            sf("get_nearby"),
            vec![("params[lat]", "47.99".into()), ("params[lon]", "7.85".into())]
        )),
        entry!("FN check_setup_token", Public, |f, t| post(
            sf("check_setup_token"),
            vec![("token", "nope".into())]
        )),
        entry!("FN get_invite_page", Public, |f, t| post(
            sf("get_invite_page"),
            vec![("token", "nope".into())]
        )),
        entry!("FN get_dashboard", SignedIn, |f, t| post(sf("get_dashboard"), vec![])),
        entry!("FN get_posts_page", SignedIn, |f, t| post(sf("get_posts_page"), vec![])),
        entry!("FN get_compose_page", SignedIn, |f, t| post(sf("get_compose_page"), vec![])),
        entry!("FN get_account_page", SignedIn, |f, t| post(sf("get_account_page"), vec![])),
        entry!("FN get_location_for_edit", Manager, |f, t| post(
            sf("get_location_for_edit"),
            vec![("id", f.location(t).to_string())]
        )),
        entry!("FN get_hours_page", Manager, |f, t| post(
            sf("get_hours_page"),
            vec![("id", f.location(t).to_string())]
        )),
        entry!("FN get_followers_page", Manager, |f, t| post(
            sf("get_followers_page"),
            vec![("id", f.location(t).to_string())]
        )),
        entry!("FN get_location_images_page", Manager, |f, t| post(
            sf("get_location_images_page"),
            vec![("id", f.location(t).to_string())]
        )),
        entry!("FN get_pois_page", Manager, |f, t| post(
            sf("get_pois_page"),
            vec![("id", f.location(t).to_string())]
        )),
        entry!("FN get_history_page", Manager, |f, t| post(
            sf("get_history_page"),
            vec![("id", f.location(t).to_string()), ("kind", "hours".into())]
        )),
        entry!("FN get_import_page", Manager, |f, t| post(
            sf("get_import_page"),
            vec![("business", f.business(t).to_string())]
        )),
        entry!("FN get_audit_page", Manager, |f, t| post(
            sf("get_audit_page"),
            vec![("business", f.business(t).to_string())]
        )),
        entry!("FN save_location", Manager, |f, t| {
            let location = f.app.store.location(f.business, f.location).await.expect("location");
            let hours: Vec<app::domain::hours::DayInput> = location.hours.to_input();
            Req {
                method: "POST",
                path: sf("save_location"),
                body: Body::Json(serde_json::json!({
                    "csrf_token": CSRF,
                    "business_id": f.business(t),
                    "location_id": f.location(t),
                    "details": location.details,
                    "hours": hours,
                })),
            }
        }),
        entry!("FN get_imprint_screen", Manager, |f, t| post(
            sf("get_imprint_screen"),
            vec![("business", f.business(t).to_string())]
        )),
        entry!("FN get_ask_page", Public, |f, t| post(
            sf("get_ask_page"),
            vec![("slug", f.slug.clone())]
        )),
        entry!("FN get_insights_page", Manager, |f, t| post(
            sf("get_insights_page"),
            vec![("id", f.location(t).to_string()), ("days", "90".into())]
        )),
        entry!("FN get_inbox_page", Manager, |f, t| post(
            sf("get_inbox_page"),
            vec![("id", f.location(t).to_string()), ("status", "new".into())]
        )),
        entry!("FN get_public_imprint", Public, |f, t| post(
            sf("get_public_imprint"),
            vec![("slug", f.slug.clone())]
        )),
        entry!("FN get_team_page", Owner, |f, t| post(
            sf("get_team_page"),
            vec![("business", f.business(t).to_string())]
        )),
    ]
}

/// Every route the server has, as table keys.
fn routes_of_nahbar() -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    // axum routes and file services, from the router's source.
    let source = include_str!("../../src/routes.rs");
    let route = regex::Regex::new(r#"\.route\(\s*"([^"]+)",\s*(get|post)\("#).expect("regex");
    for caps in route.captures_iter(source) {
        keys.insert(format!("{} {}", caps[2].to_uppercase(), &caps[1]));
    }
    let file = regex::Regex::new(r#"\.route_service\(\s*"([^"]+)""#).expect("regex");
    for caps in file.captures_iter(source) {
        keys.insert(format!("GET {}", &caps[1]));
    }
    let dir = regex::Regex::new(r#"\.nest_service\(\s*"([^"]+)""#).expect("regex");
    for caps in dir.captures_iter(source) {
        keys.insert(format!("GET {}/*", &caps[1]));
    }
    // Leptos pages.
    let param = regex::Regex::new(r":(\w+)").expect("regex");
    for listing in leptos_axum::generate_route_list(app::App) {
        let path = param.replace_all(listing.path(), "{$1}").to_string();
        keys.insert(format!("GET {path}"));
    }
    // Server functions.
    for (path, _) in server_fn::axum::server_fn_paths() {
        keys.insert(format!("FN {}", fn_name(path)));
    }
    keys
}

fn role_name(who: Who) -> String {
    match who {
        Who::Anonymous => "anonymous".into(),
        Who::Member(role, same) => format!("{}-{}", role.as_str(), if same { "A" } else { "B" }),
    }
}

async fn fixture() -> Fixture {
    let app = TestApp::spawn_on_localhost().await;
    let business = 1;
    let summaries = app.store.locations_of(business).await.expect("locations");
    // Leipzig: the demo branch with posts and photos.
    let leipzig = summaries.iter().find(|l| l.slug == "sonnenschein-leipzig").expect("demo branch");
    let location = leipzig.id;
    let slug = leipzig.slug.clone();
    let (other, _) = app.other_business().await;
    let mut users = BTreeMap::new();
    for who in ROLES {
        if let Who::Member(role, same) = who {
            let name = role_name(who);
            let target = if same { business } else { other };
            let user = app.create_user_fast(&format!("{name}@matrix.example"), target, role).await;
            users.insert(name, user);
        }
    }
    let posts = app.store.published_posts(location, 10).await.expect("posts");
    let post = posts.first().expect("a demo post").id;
    let public_post =
        posts.last().map(|p| p.id).filter(|id| *id != post).expect("a second demo post");
    let photo = posts.iter().flat_map(|p| p.photos.iter()).next().expect("a demo photo").clone();
    let media_hash = photo.hash.clone();
    let media_file = format!("{}-{}.webp", photo.hash, photo.widths[0]);
    // One logged change, so the location has revisions to restore.
    let before = app.store.location(business, location).await.expect("location");
    let special = SpecialHours {
        id: 0,
        from: NaiveDate::from_ymd_opt(2030, 6, 1).expect("date"),
        to: NaiveDate::from_ymd_opt(2030, 6, 1).expect("date"),
        intervals: vec![],
        note: "Betriebsausflug".into(),
    };
    app.store.add_special_hours(business, location, &special, Utc::now()).await.expect("special");
    let change = Change {
        business_id: business,
        location_id: Some(location),
        action: "hours.special.add".into(),
        detail: String::new(),
    };
    app.store
        .record_change(&Actor::default(), &change, Some(&before), Utc::now())
        .await
        .expect("log");
    let revisions = app
        .store
        .revisions(business, location, app::domain::team::RevisionKind::Hours)
        .await
        .expect("revisions");
    let revision = revisions.last().expect("the first version").id;
    Fixture {
        app,
        business,
        location,
        slug,
        post,
        public_post,
        media_hash,
        media_file,
        revision,
        other,
        users,
        counter: AtomicUsize::new(0),
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            // A request that hangs fails the test with its route instead of holding CI.
            .timeout(std::time::Duration::from_secs(60))
            .build()
            .expect("client"),
    }
}

/// One request as `who` (a fresh session each time, so a sign-out cannot spoil the next).
async fn send(f: &Fixture, who: Who, req: Req) -> (u16, String, String) {
    let client = &f.client;
    let mut cookie = format!("nahbar_csrf={CSRF}");
    let mut path = req.path.clone();
    let req_path = req.path.clone();
    if let Who::Member(..) = who {
        let user = f.users[&role_name(who)];
        let token = format!("matrix-session-{}-{}", role_name(who), f.next());
        let hash = hash_token(&token);
        let now = Utc::now();
        f.app
            .store
            .create_session(&hash, user, now, now + Duration::hours(1))
            .await
            .expect("session");
        cookie.push_str(&format!("; nahbar_session={token}"));
        // The asker's own second session, for "end one of my sessions".
        if path.contains("{own}") {
            let other = format!("matrix-other-{}", f.next());
            let other_hash = hash_token(&other);
            f.app
                .store
                .create_session(&other_hash, user, now, now + Duration::hours(1))
                .await
                .expect("session");
            path = path.replace("{own}", &other_hash[..16]);
        }
    }
    let path = path.replace("{own}", "0123456789abcdef");
    let url = f.app.url(&path);
    let builder = match req.method {
        "GET" => client.get(url),
        _ => client.post(url),
    }
    .header("cookie", cookie)
    .header("x-csrf-token", CSRF)
    .header("user-agent", "matrix-test");
    let builder = match req.body {
        Body::None => builder,
        Body::Form(mut fields) => {
            fields.push(("csrf_token", CSRF.to_string()));
            builder.form(&fields)
        }
        Body::Json(value) => builder.header("accept", "application/json").json(&value),
        Body::Multipart(fields) => {
            let mut form = reqwest::multipart::Form::new();
            for (k, v) in fields {
                form = form.text(k, v);
            }
            builder.multipart(form)
        }
    };
    let response = builder.send().await.expect("request");
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let body = response.text().await.unwrap_or_default();
    // A page echoes its own address (language links, forms): the same page for another id
    // must not differ by that alone.
    let encoded: String = form_urlencoded::byte_serialize(req_path.as_bytes()).collect();
    let bare = req_path.split('?').next().unwrap_or_default();
    let body =
        body.replace(&encoded, "{path}").replace(&req_path, "{path}").replace(bare, "{path}");
    (status, location, without_nonces(&body))
}

/// What every write to business data leaves behind: the public revision (raised by every
/// change to public data) and the newest audit entry of either business (every change is
/// logged).
async fn write_marks(f: &Fixture) -> (i64, Vec<Option<i64>>) {
    let revision = f.app.store.public_revision().await.expect("revision");
    let mut newest = Vec::new();
    for business in [f.business, f.other] {
        let entries = f.app.store.audit_log(business, 1, None).await.expect("audit log");
        newest.push(entries.first().map(|e| e.id));
    }
    (revision, newest)
}

/// The part of `a` where it starts to differ from `b`.
fn around_difference(a: &str, b: &str) -> String {
    let at = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    a.chars().skip(at.saturating_sub(60)).take(140).collect()
}

/// A redirect compared by where it goes and the reason it gives, not by the form values it
/// hands back (those echo the request).
fn error_code(location: &str) -> String {
    match location.split_once('?') {
        Some((path, query)) => {
            let error = form_urlencoded::parse(query.as_bytes())
                .find(|(k, _)| k == "error")
                .map(|(_, v)| v.to_string());
            format!("{path} {}", error.unwrap_or_else(|| query.to_string()))
        }
        None => location.to_string(),
    }
}

fn without_nonces(body: &str) -> String {
    // Leptos writes the CSP nonce into `crossorigin` of the module preload too.
    let nonce = regex::Regex::new(r#"(nonce|crossorigin)="[^"]*""#).expect("regex");
    nonce.replace_all(body, "nonce").to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_and_server_function_enforces_its_rule_for_every_role() {
    let table = table();
    let listed: BTreeSet<String> = table.iter().map(|e| e.key.to_string()).collect();
    assert_eq!(listed.len(), table.len(), "a route is listed twice");
    let routes = routes_of_nahbar();
    let missing: Vec<_> = routes.difference(&listed).collect();
    let stale: Vec<_> = listed.difference(&routes).collect();
    assert!(missing.is_empty(), "routes without an entry in the isolation table: {missing:?}");
    assert!(stale.is_empty(), "entries for routes that no longer exist: {stale:?}");

    let f = fixture().await;
    let mut failures = Vec::new();
    let mut checks = 0;
    for entry in &table {
        for who in ROLES {
            let req = (entry.build)(&f, Target::Own).await;
            let server_fn = entry.key.strip_prefix("FN ");
            let marks = match (server_fn, who) {
                (Some(_), Who::Member(Role::Owner, true)) => Some(write_marks(&f).await),
                _ => None,
            };
            let (status, location, body) = send(&f, who, req).await;
            checks += 1;
            // Rule 2 of the architecture: a server function writes only when an island calls
            // it, and every such function is on `WRITING_SERVER_FUNCTIONS`.
            if let (Some(name), Some(before)) = (server_fn, marks) {
                let wrote = write_marks(&f).await != before;
                let listed = app::api::WRITING_SERVER_FUNCTIONS.iter().any(|(n, _)| *n == name);
                if wrote != listed {
                    failures.push(format!(
                        "server function {name}: writes = {wrote}, on WRITING_SERVER_FUNCTIONS = {listed}"
                    ));
                }
            }
            let to_login = (300..400).contains(&status) && location.starts_with("/login");
            let refused = match entry.rule {
                // Public routes answer everyone; a 404 for an unknown token or a trip to the
                // login after signing out is their normal answer, not a refusal.
                Rule::Public if entry.key.contains("{token}") => matches!(status, 401 | 403),
                // An inbox answers an unsigned post with 401, whoever sends it: the HTTP
                // Signature is its permission, not a role.
                Rule::Public if entry.key.ends_with("/inbox") => status == 403,
                Rule::Public => matches!(status, 401 | 403 | 404),
                _ => matches!(status, 401 | 403 | 404) || to_login,
            };
            // Form posts refuse by sending the form back with the reason.
            let sent_back = (300..400).contains(&status) && location.contains("error=");
            let what = format!("{} as {}: {status} {location}", entry.key, role_name(who));
            if status >= 500 {
                failures.push(format!(
                    "{what} (server error: {})",
                    body.chars().take(200).collect::<String>()
                ));
            } else if entry.rule.allows(who) {
                if refused {
                    failures.push(format!(
                        "{what} should be allowed ({})",
                        body.chars().take(160).collect::<String>()
                    ));
                }
            } else if who == Who::Anonymous {
                if !refused {
                    failures.push(format!("{what} should send anonymous visitors to sign in"));
                }
            } else {
                let missing = (entry.build)(&f, Target::Missing).await;
                let (m_status, m_location, m_body) = send(&f, who, missing).await;
                if status < 400 && !sent_back {
                    failures.push(format!("{what} should be denied"));
                } else if (status, error_code(&location), &body)
                    != (m_status, error_code(&m_location), &m_body)
                {
                    failures.push(format!(
                        "{what} differs from a missing object ({m_status} {m_location}): {} vs {}",
                        around_difference(&body, &m_body),
                        around_difference(&m_body, &body)
                    ));
                }
            }
        }
    }
    println!("isolation matrix: {} routes × {} roles = {checks} checks", table.len(), ROLES.len());
    assert!(
        failures.is_empty(),
        "{} of {checks} checks failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Another person's session cannot be ended (or even told apart from a missing one).
#[tokio::test]
async fn sessions_of_others_are_missing() {
    let f = fixture().await;
    let now = Utc::now();
    let owner = f.users["owner-A"];
    let victim = hash_token("someone-elses-session");
    f.app
        .store
        .create_session(&victim, owner, now, now + Duration::hours(1))
        .await
        .expect("session");
    let staff = Who::Member(Role::Staff, true);
    let theirs =
        send(&f, staff, post(format!("/admin/account/sessions/{}/end", &victim[..16]), vec![]))
            .await;
    let missing =
        send(&f, staff, post("/admin/account/sessions/0123456789abcdef/end".into(), vec![])).await;
    assert_eq!(theirs.0, 404);
    assert_eq!(theirs, missing);
    assert_eq!(
        f.app.store.session_user(&victim, now).await.expect("lookup").map(|u| u.id),
        Some(owner)
    );
}
