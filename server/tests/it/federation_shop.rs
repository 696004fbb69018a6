//! A tiny Nahbar stand-in for the federation tests: one location actor on loopback, served
//! with `server::federation`'s builders, and an inbox verified with its verifier that logs
//! every verdict. Not the real routes (those come with the server's federation handlers);
//! just enough for the Fedify peer to talk to.

#![allow(dead_code)]

use app::i18n::Lang;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::{NaiveDate, Utc};
use serde_json::Value;
use server::federation::client::{self, ClientOptions, Delivery, FetchError, Signer};
use server::federation::inbound::Incoming;
use server::federation::keys::KeyPair;
use server::federation::note::{NoteInput, NoteKind, NotePhoto, NotePlace};
use server::federation::urls::{Base, LocationUrls};
use server::federation::{actor, discovery, inbox, note, signature};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub const SLUG: &str = "baeckerei";

/// One inbox request as our verifier judged it.
#[derive(Clone, Debug)]
pub struct Judged {
    pub status: u16,
    pub code: &'static str,
    pub activity: Option<Incoming>,
}

pub struct Shop {
    pub base: Base,
    pub key: KeyPair,
    pub client: reqwest::Client,
    judged: Mutex<Vec<Judged>>,
}

impl Shop {
    pub fn urls(&self) -> LocationUrls {
        self.base.location(SLUG)
    }

    pub fn signer(&self) -> (String, &KeyPair) {
        (self.urls().key_id(), &self.key)
    }

    pub fn judged(&self) -> Vec<Judged> {
        self.judged.lock().map(|j| j.clone()).unwrap_or_default()
    }
}

fn activity_json(value: Value) -> Response {
    ([(header::CONTENT_TYPE, "application/activity+json")], value.to_string()).into_response()
}

async fn webfinger(
    State(shop): State<Arc<Shop>>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let resource = q.get("resource").map(String::as_str).unwrap_or_default();
    match discovery::parse_resource(resource, &shop.base) {
        Ok(slug) if slug == SLUG => {
            let jrd = discovery::webfinger(&shop.urls(), None);
            ([(header::CONTENT_TYPE, discovery::JRD)], jrd.to_string()).into_response()
        }
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}

fn actor_input(shop: &Shop) -> actor::ActorInput {
    let base = shop.base.as_str();
    actor::ActorInput {
        name: "Bäckerei Sonnenschein".into(),
        description: "Brot & Brötchen seit 1921. #Freiburg".into(),
        lang: Lang::De,
        icon: Some(actor::ActorImage {
            url: format!("{base}/media/logo-400.jpg"),
            mime: "image/jpeg".into(),
        }),
        image: Some(actor::ActorImage {
            url: format!("{base}/media/cover-1200.jpg"),
            mime: "image/jpeg".into(),
        }),
        public_key_pem: shop.key.public_pem().to_string(),
        discoverable: true,
        indexable: true,
        address: "Hauptstraße 1, 79098 Freiburg".into(),
        geo: Some((47.99591, 7.85222)),
        today: Some(vec![]),
        website: "https://sonnenschein.example/".into(),
        published: Utc::now(),
    }
}

pub fn post_input(shop: &Shop) -> NoteInput {
    NoteInput {
        post_id: 1,
        text: "Frische #Brezeln & <Laugenstangen>\nNur heute!".into(),
        lang: Lang::De,
        tz: chrono_tz::Europe::Berlin,
        kind: NoteKind::Offer { last_day: NaiveDate::from_ymd_opt(2026, 12, 24) },
        photos: vec![NotePhoto {
            url: format!("{}/media/abc-1200.jpg", shop.base.as_str()),
            mime: "image/jpeg".into(),
            width: 1200,
            height: 800,
            alt: "Brezeln im Korb".into(),
            blurhash: Some("UBL_:rOpGG-oBUNG,qRj2so|=eE1w^n4S5NH".into()),
        }],
        place: Some(NotePlace {
            name: "Bäckerei Sonnenschein".into(),
            lat: 47.99591,
            lon: 7.85222,
        }),
        published: Utc::now(),
        updated: None,
    }
}

/// The location's actor document.
pub fn shop_actor(shop: &Shop) -> Value {
    actor::actor(&actor_input(shop), &shop.urls())
}

async fn actor_doc(State(shop): State<Arc<Shop>>) -> Response {
    activity_json(shop_actor(&shop))
}

async fn note_doc(State(shop): State<Arc<Shop>>) -> Response {
    let mut note = note::note(&post_input(&shop), &shop.urls());
    note["@context"] = server::federation::context();
    activity_json(note)
}

async fn nodeinfo_links(State(shop): State<Arc<Shop>>) -> Response {
    axum::Json(discovery::nodeinfo_links(&shop.base)).into_response()
}

async fn nodeinfo(State(_): State<Arc<Shop>>) -> Response {
    let usage = discovery::Usage { locations: 1, active_month: 1, active_halfyear: 1, posts: 3 };
    let body = discovery::nodeinfo(usage, "Bäckerei Sonnenschein").to_string();
    ([(header::CONTENT_TYPE, discovery::NODEINFO_CONTENT_TYPE)], body).into_response()
}

/// The inbox: verified with `inbox::verify`, the key fetched (signed GET) from the sender.
async fn inbox_post(
    State(shop): State<Arc<Shop>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
    let request = signature::Incoming {
        method: &method,
        path_and_query: path,
        headers: &headers,
        body: &body,
    };
    let now = Utc::now();
    let (key_id, key) = shop.signer();
    let fetch = async |id: &str| {
        let signer = Signer { key_id: &key_id, key };
        client::fetch_key(&shop.client, id, Some(signer), now)
            .await
            .map_err(|e| e == FetchError::Gone)
    };
    let judged = match inbox::verify(&request, now, &shop.base, fetch).await {
        Ok(verified) => Judged { status: 202, code: "ok", activity: Some(verified.activity) },
        Err(error) => Judged { status: error.status(), code: error.code(), activity: None },
    };
    let status = StatusCode::from_u16(judged.status).unwrap_or(StatusCode::UNAUTHORIZED);
    if let Ok(mut log) = shop.judged.lock() {
        log.push(judged.clone());
    }
    (status, judged.code).into_response()
}

pub async fn spawn_shop() -> Arc<Shop> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let options = ClientOptions {
        allow_private: true,
        user_agent: "Nahbar-test/0.1".into(),
        timeout: Duration::from_secs(10),
    };
    let key = tokio::task::spawn_blocking(KeyPair::generate).await.expect("join").expect("key");
    let shop = Arc::new(Shop {
        base: Base::parse(&format!("http://localhost:{port}")).expect("base"),
        key,
        client: client::build_client(&options).expect("client"),
        judged: Mutex::new(Vec::new()),
    });
    let app = Router::new()
        .route("/.well-known/webfinger", get(webfinger))
        .route("/.well-known/nodeinfo", get(nodeinfo_links))
        .route("/nodeinfo/2.1", get(nodeinfo))
        .route("/baeckerei/actor", get(actor_doc))
        .route("/baeckerei/posts/1/note", get(note_doc))
        .route("/baeckerei/inbox", post(inbox_post))
        .route("/inbox", post(inbox_post))
        .with_state(shop.clone());
    tokio::spawn(async move { axum::serve(listener, app).await });
    shop
}

pub async fn deliver(shop: &Shop, inbox: &str, activity: &Value) -> Delivery {
    let (key_id, key) = shop.signer();
    let body = activity.to_string();
    client::deliver(
        &shop.client,
        inbox,
        body.as_bytes(),
        Signer { key_id: &key_id, key },
        Utc::now(),
    )
    .await
}
