//! The fediverse capability: every public location is an ActivityPub actor that people
//! follow from Mastodon and other servers. Handlers for discovery (WebFinger, NodeInfo),
//! the actor and its collections, a post's Note, and the inboxes; the announcer and the
//! persistent delivery queue live in [`deliver`]. The protocol itself (documents,
//! signatures, verification) is `crate::federation`'s.
//!
//! Federation is on when the public URL has a host name (`Base::parse`): actor ids and
//! handles are keyed by host, and servers refuse `@shop@127.0.0.1`. Otherwise these routes
//! answer 404.

pub mod deliver;
pub mod dialog;
mod inbox;
pub mod owner;

pub use inbox::{inbox, shared_inbox};

use crate::ServerState;
use crate::federation::actor::{self, ActorImage};
use crate::federation::client::{self, ClientOptions};
use crate::federation::discovery;
use crate::federation::domain::{ActorSettings, actor_input, location_lang, note_input};
use crate::federation::keys::KeyPair;
use crate::federation::urls::{Base, LocationUrls};
use app::domain::location::Location;
use app::domain::location_image::jpeg_url;
use app::domain::post::PostPhoto;
use app::error::AppError;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::Value;
use std::time::Duration;

/// What the fediverse handlers share: the public base and an HTTP client that refuses
/// private addresses (unless the instance is a loopback test or demo).
#[derive(Clone)]
pub struct Fediverse {
    pub base: Base,
    pub client: reqwest::Client,
}

impl Fediverse {
    /// `None` (federation off, with the reason logged) when the public URL has no host name.
    pub fn new(public_url: &str, allow_private: bool) -> Option<Fediverse> {
        let base = match Base::parse(public_url) {
            Ok(base) => base,
            Err(problem) => {
                tracing::warn!(%problem, public_url, "federation is off");
                return None;
            }
        };
        let options = ClientOptions {
            allow_private,
            user_agent: format!("Nahbar/{} (+{})", env!("CARGO_PKG_VERSION"), base.as_str()),
            timeout: Duration::from_secs(15),
        };
        let client = client::build_client(&options).ok()?;
        Some(Fediverse { base, client })
    }
}

/// `/inbox` and `/{slug}/inbox`: posted by other servers (signed, no CSRF token).
pub fn is_inbox(path: &str) -> bool {
    path == "/inbox"
        || path
            .strip_prefix('/')
            .and_then(|rest| rest.strip_suffix("/inbox"))
            .is_some_and(|slug| !slug.is_empty() && !slug.contains('/') && slug != "admin")
}

fn fediverse(state: &ServerState) -> Result<&Fediverse, AppError> {
    state.fediverse.as_ref().ok_or(AppError::NotFound)
}

pub(crate) fn activity_json(value: &Value) -> Response {
    ([(header::CONTENT_TYPE, client::ACTIVITY_JSON)], value.to_string()).into_response()
}

/// A location customers can see (not archived), by slug.
async fn public_location(state: &ServerState, slug: &str) -> Result<Location, AppError> {
    match state.store().location_by_slug(slug).await? {
        Some(location) if !location.archived => Ok(location),
        _ => Err(AppError::NotFound),
    }
}

/// The location's key pair, made (off the async runtime) and stored the first time it is
/// needed; when two nodes make one at once, the first stored wins and both use it.
pub(crate) async fn key_of(
    state: &ServerState,
    location: i64,
) -> Result<(KeyPair, DateTime<Utc>), AppError> {
    let stored = match state.store().actor_key(location).await? {
        Some(stored) => stored,
        None => {
            let pem = tokio::task::spawn_blocking(|| {
                KeyPair::generate().and_then(|key| key.private_pem())
            })
            .await
            .map_err(AppError::internal)?
            .map_err(AppError::internal)?;
            state.store().save_actor_key(location, &pem, state.now()).await?
        }
    };
    let (pem, since) = stored;
    let key = KeyPair::from_private_pem(&pem).map_err(AppError::internal)?;
    Ok((key, since))
}

/// A profile image: the JPEG rendition of `photo` of at least `at_least` pixels (else its
/// largest).
fn actor_image(base: &Base, photo: &PostPhoto, at_least: u32) -> ActorImage {
    ActorImage { url: jpeg_url(base.as_str(), photo, at_least), mime: "image/jpeg".into() }
}

/// The profile picture: the location's logo, else the newest photo of its posts. A profile
/// picture is shown small: the smallest rendition of at least 400 px.
async fn avatar(state: &ServerState, base: &Base, location: &Location) -> Option<ActorImage> {
    let images = state.store().location_images(location.id).await.ok()?;
    if let Some(logo) = &images.logo {
        return Some(actor_image(base, logo, 400));
    }
    let posts = state.store().published_posts(location.id, 10).await.ok()?;
    let photo = posts.iter().flat_map(|p| p.photos.iter()).next()?;
    Some(actor_image(base, photo, 400))
}

/// The profile's header: the location's cover photo, wide.
async fn profile_header(
    state: &ServerState,
    base: &Base,
    location: &Location,
) -> Option<ActorImage> {
    let images = state.store().location_images(location.id).await.ok()?;
    images.cover.as_ref().map(|cover| actor_image(base, cover, 1200))
}

/// The actor document of `location`, as of now.
pub(crate) async fn actor_document(
    state: &ServerState,
    fediverse: &Fediverse,
    location: &Location,
) -> Result<Value, AppError> {
    let (key, since) = key_of(state, location.id).await?;
    let urls = fediverse.base.location(&location.slug);
    let settings = ActorSettings {
        discoverable: true,
        indexable: true,
        icon: avatar(state, &fediverse.base, location).await,
        image: profile_header(state, &fediverse.base, location).await,
        published: since,
    };
    let input = actor_input(location, key.public_pem(), settings, state.now());
    Ok(actor::actor(&input, &urls))
}

#[derive(Deserialize)]
pub struct WebfingerQuery {
    #[serde(default)]
    resource: String,
}

/// `GET /.well-known/webfinger?resource=acct:slug@host` (or the actor's or page's URL).
pub async fn webfinger(
    State(state): State<ServerState>,
    Query(query): Query<WebfingerQuery>,
) -> Result<Response, AppError> {
    let fediverse = fediverse(&state)?;
    let Ok(slug) = discovery::parse_resource(&query.resource, &fediverse.base) else {
        return Ok((
            StatusCode::BAD_REQUEST,
            "resource must be acct:name@host of an account on this server",
        )
            .into_response());
    };
    let location = public_location(&state, &slug).await?;
    let urls = fediverse.base.location(&location.slug);
    let avatar = avatar(&state, &fediverse.base, &location).await;
    let jrd = discovery::webfinger(&urls, avatar.as_ref());
    Ok(([(header::CONTENT_TYPE, discovery::JRD)], jrd.to_string()).into_response())
}

/// `GET /.well-known/nodeinfo`.
pub async fn nodeinfo_links(State(state): State<ServerState>) -> Result<Response, AppError> {
    let fediverse = fediverse(&state)?;
    Ok(axum::Json(discovery::nodeinfo_links(&fediverse.base)).into_response())
}

/// `GET /nodeinfo/2.1`: locations count as users; no per-user activity is reported.
pub async fn nodeinfo(State(state): State<ServerState>) -> Result<Response, AppError> {
    fediverse(&state)?;
    let locations = state.store().public_locations().await?.len() as u64;
    let usage = discovery::Usage {
        locations,
        active_month: locations,
        active_halfyear: locations,
        posts: 0,
    };
    let body = discovery::nodeinfo(usage, "Nahbar").to_string();
    Ok(([(header::CONTENT_TYPE, discovery::NODEINFO_CONTENT_TYPE)], body).into_response())
}

/// `GET /{slug}/actor`.
pub async fn actor(
    State(state): State<ServerState>,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let fediverse = fediverse(&state)?;
    let location = public_location(&state, &slug).await?;
    Ok(activity_json(&actor_document(&state, fediverse, &location).await?))
}

/// `GET /{slug}/followers`: the count only (the list stays private to the owner).
pub async fn followers(
    State(state): State<ServerState>,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let fediverse = fediverse(&state)?;
    let location = public_location(&state, &slug).await?;
    let total = state.store().followers(location.id).await?.len() as u64;
    let urls = fediverse.base.location(&location.slug);
    Ok(activity_json(&actor::collection(&urls.followers(), total)))
}

/// `GET /{slug}/outbox`: the count of published posts (servers read posts from deliveries).
pub async fn outbox(
    State(state): State<ServerState>,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let fediverse = fediverse(&state)?;
    let location = public_location(&state, &slug).await?;
    let total = state.store().published_posts(location.id, 1000).await?.len() as u64;
    let urls = fediverse.base.location(&location.slug);
    Ok(activity_json(&actor::collection(&urls.outbox(), total)))
}

/// `GET /{slug}/posts/{id}/note`: a published post as a Note.
pub async fn note(
    State(state): State<ServerState>,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Response, AppError> {
    let fediverse = fediverse(&state)?;
    let location = public_location(&state, &slug).await?;
    let post = state.store().public_post(&location.slug, id).await?.ok_or(AppError::NotFound)?;
    Ok(activity_json(&note_document(fediverse, &location, &post)))
}

/// `GET /{slug}/notices/{id}`: a closure or special hours as the Note followers got.
pub async fn notice(
    State(state): State<ServerState>,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Response, AppError> {
    let fediverse = fediverse(&state)?;
    let location = public_location(&state, &slug).await?;
    let special = location.special.iter().find(|s| s.id == id).ok_or(AppError::NotFound)?;
    Ok(activity_json(&notice_document(fediverse, &location, special, state.now())))
}

/// A special-hours entry as a short Note in the location's language, with `@context`.
pub(crate) fn notice_document(
    fediverse: &Fediverse,
    location: &Location,
    special: &app::domain::schedule::SpecialHours,
    published: DateTime<Utc>,
) -> Value {
    let lang = location_lang(location);
    let t = lang.federation();
    let mut text = if special.is_closure() {
        t.closure_line(lang, special.from, special.to)
    } else {
        let hours = app::domain::schedule::intervals_to_text(&special.intervals);
        t.hours_line(lang, special.from, special.to, &hours)
    };
    if !special.note.trim().is_empty() {
        text.push_str(" · ");
        text.push_str(special.note.trim());
    }
    let urls = fediverse.base.location(&location.slug);
    let mut note = crate::federation::note::notice(special.id, &text, lang, published, &urls);
    note["@context"] = crate::federation::context();
    note
}

/// A post's Note with its `@context`, as served and as announced.
pub(crate) fn note_document(
    fediverse: &Fediverse,
    location: &Location,
    post: &app::domain::post::Post,
) -> Value {
    let urls: LocationUrls = fediverse.base.location(&location.slug);
    let input = note_input(post, location_lang(location), &fediverse.base, |_| None);
    let mut note = crate::federation::note::note(&input, &urls);
    note["@context"] = crate::federation::context();
    note
}
