//! `POST /admin/posts`: a new post from compose, as one multipart form (also without
//! JavaScript): text fields, `photo` files and/or `photo_hash` of earlier uploads, `alt`
//! per photo, `confirm` per checklist item, `intent` = `draft` or `submit`, and an optional
//! `idempotency_key` (the outbox's, so a retried send makes no second post). Answers JSON
//! to `Accept: application/json`, else redirects.

use crate::ServerState;
use crate::http::access::{AuditActor, SignedIn, audit};
use crate::http::answer::{self, wants_json};
use crate::http::upload::{field_bytes, next_field};
use crate::media::ingest;
use app::access::{self, Need};
use app::domain::post::{Action, Actor, MAX_PHOTOS, PostPhoto, PostProblem, PostState, transition};
use app::domain::post_input::{PostFields, new_post};
use app::domain::team::Change;
use app::error::{AppError, Reason};
use app::store::StoreError;
use axum::Json;
use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode};
use serde_json::json;

/// A refused post: JSON for a script, else back to compose with what was typed.
fn refused(json: bool, problem: PostProblem, fields: &PostFields) -> Result<Response, AppError> {
    if json {
        return Err(Reason::Post(problem).into());
    }
    let keys = ["location", "kind", "text", "valid_until", "starts_at", "ends_at", "publish_at"];
    let typed: Vec<(&str, String)> = keys.iter().map(|k| (*k, fields.one(k))).collect();
    let pairs = std::iter::once(("error", problem.code())).chain(
        typed.iter().filter(|(k, _)| fields.0.contains_key(*k)).map(|(k, v)| (*k, v.as_str())),
    );
    Ok(answer::to(format!("/admin/posts/new?{}", answer::query(pairs))))
}

pub async fn create(
    State(state): State<ServerState>,
    AuditActor(actor): AuditActor,
    SignedIn(viewer): SignedIn,
    headers: HeaderMap,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let json = wants_json(&headers);
    let mut fields = PostFields::default();
    let mut photos: Vec<PostPhoto> = Vec::new();
    while let Some(mut field) = next_field(&mut multipart).await? {
        let name = field.name().unwrap_or_default().to_string();
        if name == "photo" {
            let bytes = field_bytes(&mut field).await?;
            if bytes.is_empty() {
                continue; // an empty file input
            }
            if photos.len() >= MAX_PHOTOS {
                return refused(json, PostProblem::TooManyPhotos, &fields);
            }
            photos.push(ingest(&state, bytes).await?);
        } else {
            fields.push(name, field.text().await.unwrap_or_default());
        }
    }
    for hash in fields.all("photo_hash") {
        photos.push(state.store().media(hash.trim()).await?.ok_or(Reason::PhotoMissing)?);
    }
    if photos.len() > MAX_PHOTOS {
        return refused(json, PostProblem::TooManyPhotos, &fields);
    }
    for (photo, alt) in photos.iter_mut().zip(fields.all("alt")) {
        photo.alt = alt.trim().chars().take(300).collect();
    }
    let Ok(location_id) = fields.one("location").trim().parse::<i64>() else {
        return refused(json, PostProblem::Location, &fields);
    };
    // An archived location takes no new posts.
    let found = access::location(state.store(), &viewer, location_id, Need::Member).await;
    let (membership, location) = match found {
        Ok((membership, location)) if !location.archived => (membership, location),
        Ok(_) | Err(AppError::NotFound) => {
            return refused(json, PostProblem::Location, &fields);
        }
        Err(error) => return Err(error),
    };
    let business = membership.business_id;
    let settings = state.store().post_settings(business).await?;
    let new = match new_post(&fields, &location, photos) {
        Ok(new) => new,
        Err(problem) => return refused(json, problem, &fields),
    };
    let now = state.now();
    let submit = fields.one("intent") != "draft";
    if submit && !settings.checklist.iter().all(|item| new.confirmed.contains(item)) {
        return refused(json, PostProblem::Checklist, &fields);
    }
    let target = if submit {
        let asker = Actor { role: membership.role, is_author: true };
        let approval = settings.approval_required;
        transition(PostState::Draft, Action::Submit, asker, approval, new.publish_at, now)
            .unwrap_or(PostState::Pending)
    } else {
        PostState::Draft
    };
    let store = state.store();
    let mut created = store.create_post(business, viewer.user_id, &new, target, now).await;
    if matches!(created, Err(StoreError::Conflict(_))) && new.idempotency_key.is_some() {
        // A request with the same key committed meanwhile (two tabs, or the page and the
        // service worker): this one answers with that post.
        created = store.create_post(business, viewer.user_id, &new, target, now).await;
    }
    let (id, created) = match created {
        Ok(done) => done,
        Err(StoreError::NotFound) => return refused(json, PostProblem::Location, &fields),
        Err(error) => return Err(error.into()),
    };
    if created {
        let detail: String = new.text.chars().take(80).collect();
        let change = Change {
            business_id: business,
            location_id: None,
            action: "post.create".into(),
            detail,
        };
        audit(&state, &actor, change, None).await;
        // A post published now reaches the fediverse followers now, not at the next tick.
        crate::fediverse::deliver::wake(&state);
    }
    if !json {
        return Ok(answer::to(format!("/admin/posts?created={id}")));
    }
    let post = store.post(business, id).await.ok();
    let status = if created { StatusCode::CREATED } else { StatusCode::OK };
    let body = json!({
        "id": id,
        "state": post.as_ref().map(|p| p.state.as_str()),
        "replayed": !created,
        "post": post,
    });
    Ok((status, Json(body)).into_response())
}
