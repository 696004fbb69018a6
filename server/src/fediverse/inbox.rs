//! `POST /{slug}/inbox` and the shared `POST /inbox`: an activity from another server,
//! verified end to end (`federation::inbox::verify`: signature, date, digest, the key
//! fetched signed from its owner, the owner is the actor) before anything is stored.
//! Follow is accepted at once (the Accept goes through the delivery queue), Undo{Follow}
//! removes the follower; replies, mentions, likes, boosts and their withdrawal go to
//! `dialog`; other activities are acknowledged and not acted on.

use super::{Fediverse, fediverse, key_of, public_location};
use crate::ServerState;
use crate::federation::activities;
use crate::federation::client::{self, FetchError, RemoteActor, Signer};
use crate::federation::inbound::Incoming;
use crate::federation::{inbox as verify, signature};
use app::domain::location::Location;
use app::error::AppError;
use app::store::Follower;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

pub async fn inbox(
    State(state): State<ServerState>,
    Path(slug): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let location = public_location(&state, &slug).await?;
    receive(&state, Some(location), &method, &uri, &headers, &body).await
}

/// The shared inbox: the activity names the location (a Follow's object, an Undo's
/// Follow); activities for none of ours are acknowledged and dropped.
pub async fn shared_inbox(
    State(state): State<ServerState>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    receive(&state, None, &method, &uri, &headers, &body).await
}

async fn receive(
    state: &ServerState,
    location: Option<Location>,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &Bytes,
) -> Result<Response, AppError> {
    let fediverse = fediverse(state)?;
    let path = uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
    let request = signature::Incoming { method, path_and_query: path, headers, body };
    let now = state.now();
    // Keys are fetched signed (servers in "authorized fetch" mode answer only then), with
    // the key of the location addressed, or of any public location for the shared inbox.
    let signing = match &location {
        Some(location) => Some((location.id, location.slug.clone())),
        None => state.store().public_locations().await?.into_iter().next().map(|l| (l.id, l.slug)),
    };
    let signer = match signing {
        Some((id, slug)) => {
            Some((fediverse.base.location(&slug).key_id(), key_of(state, id).await?.0))
        }
        None => None,
    };
    let fetch = async |key_id: &str| {
        let signer = signer.as_ref().map(|(key_id, key)| Signer { key_id, key });
        client::fetch_key(&fediverse.client, key_id, signer, now)
            .await
            .map_err(|e| e == FetchError::Gone)
    };
    let verified = match verify::verify(&request, now, &fediverse.base, fetch).await {
        Ok(verified) => verified,
        Err(error) => {
            tracing::info!(code = error.code(), "inbox request refused");
            let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::UNAUTHORIZED);
            return Ok((status, error.code()).into_response());
        }
    };
    match verified.activity {
        Incoming::Follow { id, actor, object } => {
            let Some(slug) = fediverse.base.slug_of(&object) else {
                return Ok(StatusCode::ACCEPTED.into_response());
            };
            let target = match location {
                Some(location) if location.slug == slug => location,
                Some(_) => {
                    return Ok((StatusCode::BAD_REQUEST, "not this inbox's actor").into_response());
                }
                None => public_location(state, &slug).await?,
            };
            follow(state, fediverse, &target, &id, &actor).await
        }
        Incoming::UndoFollow { actor, object, .. } => {
            let slug = object.as_deref().and_then(|o| fediverse.base.slug_of(o));
            let targets = match (location, slug) {
                (Some(location), _) => vec![location],
                (None, Some(slug)) => vec![public_location(state, &slug).await?],
                (None, None) => Vec::new(),
            };
            for target in targets {
                if state.store().remove_follower(target.id, &actor).await? {
                    tracing::info!(slug = target.slug, actor, "a follower left");
                }
            }
            Ok(StatusCode::ACCEPTED.into_response())
        }
        Incoming::Note { actor, note, .. } => {
            super::dialog::note(state, fediverse, &actor, *note).await
        }
        Incoming::Like { id, actor, object } => {
            super::dialog::reaction(state, fediverse, "like", &id, &actor, &object).await
        }
        Incoming::Announce { id, actor, object } => {
            super::dialog::reaction(state, fediverse, "announce", &id, &actor, &object).await
        }
        Incoming::UndoReaction { id, actor, kind, object } => {
            let object = object.as_deref();
            super::dialog::undo_reaction(state, fediverse, &kind, &id, &actor, object).await
        }
        Incoming::Delete { actor, object, .. } => {
            super::dialog::delete(state, &actor, &object).await
        }
        Incoming::Other { .. } => Ok(StatusCode::ACCEPTED.into_response()),
    }
}

/// Stores the follower (its inboxes read from its actor document, fetched signed) and
/// queues the Accept to its personal inbox.
async fn follow(
    state: &ServerState,
    fediverse: &Fediverse,
    location: &Location,
    follow_id: &str,
    actor: &str,
) -> Result<Response, AppError> {
    let urls = fediverse.base.location(&location.slug);
    let (key, _) = key_of(state, location.id).await?;
    let key_id = urls.key_id();
    let signer = Signer { key_id: &key_id, key: &key };
    let document = match client::fetch_object(&fediverse.client, actor, Some(signer), state.now())
        .await
    {
        Ok(document) => document,
        Err(error) => {
            tracing::info!(code = error.code(), actor, "the follower's actor could not be read");
            return Ok((StatusCode::BAD_REQUEST, "the actor could not be read").into_response());
        }
    };
    let remote = match RemoteActor::from_document(&document) {
        Ok(remote) if remote.id == actor => remote,
        _ => {
            return Ok(
                (StatusCode::BAD_REQUEST, "the actor document is not usable").into_response()
            );
        }
    };
    let host = remote.acct.split_once('@').map(|(_, host)| host.to_string()).unwrap_or_default();
    if state.store().blocked_hosts(location.business_id).await?.contains(&host) {
        tracing::info!(slug = location.slug, host, "a follow from a blocked server refused");
        return Ok(
            (StatusCode::FORBIDDEN, "this server is blocked by the business").into_response()
        );
    }
    let follower = Follower {
        actor: remote.id.clone(),
        inbox: remote.inbox.clone(),
        delivery_inbox: remote.delivery_inbox().to_string(),
        host,
        follow_id: follow_id.to_string(),
        since: state.now(),
    };
    if state.store().add_follower(location.id, &follower).await? {
        tracing::info!(slug = location.slug, actor, "a new follower");
    }
    // The follower reads the profile as it is now; later changes go out as Update{actor}.
    // (A change in between is sent to every follower, which does no harm.)
    let profile = super::actor_document(state, fediverse, location).await?;
    super::deliver::record_profile(state, location.id, &profile).await?;
    let accept = activities::accept_follow(&urls, follow_id, actor);
    state
        .store()
        .enqueue_deliveries(location.id, None, &accept.to_string(), &[remote.inbox], state.now())
        .await?;
    super::deliver::wake(state);
    Ok(StatusCode::ACCEPTED.into_response())
}
