//! Staff and manager actions on posts: photo uploads (`POST /admin/media`), creating a
//! post (`POST /admin/posts`, multipart, also without JavaScript), moving it between states
//! (`POST /admin/posts/{id}/{action}`) and the business's publishing settings. Every write
//! checks the member's role in the post's business; a post of another business is the same
//! 404 as a missing one.

use crate::ServerState;
use crate::media::{self, MediaError};
use app::context::Viewer;
use app::domain::hours::resolve_local;
use app::domain::location::{BusinessId, GeoPoint, Location, Membership, Role};
use app::domain::post::{
    Action, Actor, Geotag, MAX_PHOTOS, MAX_REASON_CHARS, MAX_TEXT_CHARS, NewPost, PostKind,
    PostPhoto, PostProblem, PostState, Refusal, snap, transition,
};
use app::i18n::Lang;
use app::store::{PostSettings, StoreError};
use axum::Json;
use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{NaiveDate, NaiveDateTime, Timelike, Utc};
use http::{HeaderMap, StatusCode};
use serde_json::json;
use std::collections::HashMap;
use std::sync::Arc;
use tokio::sync::Semaphore;

/// At most two photos are decoded at once, so a burst of uploads cannot exhaust memory
/// (a 50-megapixel image needs about 200 MB while it is processed).
pub fn processing_slots() -> Arc<Semaphore> {
    Arc::new(Semaphore::new(2))
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "There is no post with this address that you may change.")
        .into_response()
}

/// The refusal in the request's language (the JSON `error` is shown to the person).
fn media_message(lang: Lang, error: &MediaError) -> String {
    if lang == Lang::En {
        return error.to_string();
    }
    match error {
        MediaError::TooLarge => format!("Die Datei ist größer als {} MB.", media::MAX_UPLOAD_BYTES / 1024 / 1024),
        MediaError::NotAnImage => {
            "Das ist kein Foto, das Nahbar lesen kann. Bitte lade ein JPEG-, PNG- oder WebP-Bild hoch.".into()
        }
        MediaError::TooManyPixels { width, height } => format!(
            "Das Bild hat {width}×{height} Pixel; höchstens {} Megapixel sind erlaubt.",
            media::MAX_PIXELS / 1_000_000
        ),
        MediaError::Damaged => "Das Bild ist beschädigt oder unvollständig und kann nicht gelesen werden.".into(),
    }
}

fn media_refusal(lang: Lang, error: &MediaError) -> Response {
    let status = match error {
        MediaError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        MediaError::NotAnImage => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        MediaError::TooManyPixels { .. } | MediaError::Damaged => StatusCode::UNPROCESSABLE_ENTITY,
    };
    (status, Json(json!({ "error": media_message(lang, error) }))).into_response()
}

/// Decodes and stores one upload off the async runtime; remembers it in the store.
pub async fn ingest(
    state: &ServerState,
    lang: Lang,
    bytes: Vec<u8>,
) -> Result<PostPhoto, Response> {
    let hash = media::content_hash(&bytes);
    match state.app.store.media(&hash).await {
        Ok(Some(known)) => return Ok(known),
        Ok(None) => {}
        Err(error) => {
            tracing::error!(%error, "looking up media failed");
            return Err(crate::internal_error());
        }
    }
    let Ok(_slot) = state.media_slots.clone().acquire_owned().await else {
        return Err(crate::internal_error());
    };
    let dir = media::media_dir(&state.data_dir);
    let processed = tokio::task::spawn_blocking(move || {
        let processed = media::process(&bytes)?;
        media::store(&dir, &processed).map_err(|error| {
            tracing::error!(%error, "writing media failed");
            MediaError::Damaged
        })?;
        Ok::<_, MediaError>(processed)
    })
    .await
    .map_err(|_| crate::internal_error())?
    .map_err(|error| media_refusal(lang, &error))?;
    let photo = PostPhoto {
        hash: processed.hash,
        width: processed.width,
        height: processed.height,
        widths: processed.renditions.iter().map(|r| r.width).collect(),
        alt: String::new(),
    };
    if let Err(error) = state.app.store.add_media(&photo, Utc::now()).await {
        tracing::error!(%error, "remembering media failed");
        return Err(crate::internal_error());
    }
    Ok(photo)
}

/// Reads a multipart field up to the upload limit.
async fn field_bytes(
    field: &mut axum::extract::multipart::Field<'_>,
    lang: Lang,
) -> Result<Vec<u8>, Response> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(|error| {
        // The body limit of the route answers 413; anything else is a cut-off upload.
        if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
            media_refusal(lang, &MediaError::TooLarge)
        } else {
            bad_upload()
        }
    })? {
        if bytes.len() + chunk.len() > media::MAX_UPLOAD_BYTES {
            return Err(media_refusal(lang, &MediaError::TooLarge));
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

/// The request's language when a member of some business asks; else the same 404 as for a
/// missing post.
fn member_lang(
    viewer: &Option<axum::Extension<Viewer>>,
    lang: Option<axum::Extension<Lang>>,
) -> Result<Lang, Response> {
    match viewer {
        Some(v) if !v.memberships.is_empty() => Ok(lang.map(|l| l.0).unwrap_or_default()),
        _ => Err(not_found()),
    }
}

/// The next field of a multipart body: a body over the route's limit is a 413 with the
/// reason, a cut-off one a 400.
async fn next_field(
    multipart: &mut Multipart,
    lang: Lang,
) -> Result<Option<axum::extract::multipart::Field<'_>>, Response> {
    multipart.next_field().await.map_err(|error| {
        if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
            media_refusal(lang, &MediaError::TooLarge)
        } else {
            bad_upload()
        }
    })
}

fn bad_upload() -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({ "error": "The upload was cut off; please try again." })))
        .into_response()
}

/// `POST /admin/media`: one photo (`photo` field) → its hash, size and widths (JSON).
pub async fn upload(
    State(state): State<ServerState>,
    viewer: Option<axum::Extension<Viewer>>,
    lang: Option<axum::Extension<Lang>>,
    mut multipart: Multipart,
) -> Response {
    let lang = match member_lang(&viewer, lang) {
        Ok(lang) => lang,
        Err(response) => return response,
    };
    loop {
        let field = match next_field(&mut multipart, lang).await {
            Ok(field) => field,
            Err(response) => return response,
        };
        let Some(mut field) = field else {
            return (
                StatusCode::BAD_REQUEST,
                Json(json!({ "error": "Send the photo in the field `photo`." })),
            )
                .into_response();
        };
        if field.name() != Some("photo") {
            continue;
        }
        let bytes = match field_bytes(&mut field, lang).await {
            Ok(bytes) => bytes,
            Err(response) => return response,
        };
        return match ingest(&state, lang, bytes).await {
            Ok(photo) => (StatusCode::CREATED, Json(photo)).into_response(),
            Err(response) => response,
        };
    }
}

/// `GET /admin/media/{hash}`: whether the server has this upload (so a client can skip it).
pub async fn media_known(
    State(state): State<ServerState>,
    viewer: Option<axum::Extension<Viewer>>,
    Path(hash): Path<String>,
) -> Response {
    if let Err(response) = member_lang(&viewer, None) {
        return response;
    }
    match state.app.store.media(&hash).await {
        Ok(Some(photo)) => Json(photo).into_response(),
        Ok(None) => {
            (StatusCode::NOT_FOUND, Json(json!({ "error": "unknown photo" }))).into_response()
        }
        Err(_) => crate::internal_error(),
    }
}

/// The location with this id in one of the viewer's businesses, with the membership.
async fn location_of(
    state: &ServerState,
    viewer: &Viewer,
    id: i64,
) -> Result<(Membership, Location), Response> {
    for membership in &viewer.memberships {
        match state.app.store.location(membership.business_id, id).await {
            // An archived location takes no new posts.
            Ok(location) if !location.archived => return Ok((membership.clone(), location)),
            Ok(_) | Err(StoreError::NotFound) => continue,
            Err(_) => return Err(crate::internal_error()),
        }
    }
    Err(not_found())
}

fn local_time(text: &str, tz: chrono_tz::Tz) -> Option<Option<chrono::DateTime<Utc>>> {
    let text = text.trim();
    if text.is_empty() {
        return Some(None);
    }
    let naive = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").ok()?;
    let minutes = (naive.hour() * 60 + naive.minute()) as u16;
    Some(Some(resolve_local(tz, naive.date(), minutes)))
}

fn problem_response(
    lang: Lang,
    json: bool,
    problem: PostProblem,
    fields: &HashMap<String, Vec<String>>,
) -> Response {
    if json {
        return (
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(json!({ "error": lang.posts().problem(lang, problem), "code": problem.code() })),
        )
            .into_response();
    }
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.append_pair("error", problem.code());
    for key in ["location", "kind", "text", "valid_until", "starts_at", "ends_at", "publish_at"] {
        if let Some(value) = fields.get(key).and_then(|v| v.first()) {
            query.append_pair(key, value);
        }
    }
    Redirect::to(&format!("/admin/posts/new?{}", query.finish())).into_response()
}

/// `POST /admin/posts`: text fields, `photo` files and/or `photo_hash` of earlier uploads,
/// `alt` per photo, `confirm` per checklist item, `intent` = `draft` or `submit`, and an
/// optional `idempotency_key`. Answers JSON to `Accept: application/json`, else redirects.
pub async fn create(
    State(state): State<ServerState>,
    crate::history::AuditActor(audit): crate::history::AuditActor,
    viewer: Option<axum::Extension<Viewer>>,
    lang: Option<axum::Extension<Lang>>,
    headers: HeaderMap,
    mut multipart: Multipart,
) -> Response {
    let lang = lang.map(|l| l.0).unwrap_or_default();
    let json = wants_json(&headers);
    let Some(axum::Extension(viewer)) = viewer else { return not_found() };
    let mut fields: HashMap<String, Vec<String>> = HashMap::new();
    let mut photos: Vec<PostPhoto> = Vec::new();
    loop {
        let mut field = match next_field(&mut multipart, lang).await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(response) => return response,
        };
        let name = field.name().unwrap_or_default().to_string();
        if name == "photo" {
            let bytes = match field_bytes(&mut field, lang).await {
                Ok(bytes) => bytes,
                Err(response) => return response,
            };
            if bytes.is_empty() {
                continue; // an empty file input
            }
            if photos.len() >= MAX_PHOTOS {
                return problem_response(lang, json, PostProblem::TooManyPhotos, &fields);
            }
            match ingest(&state, lang, bytes).await {
                Ok(photo) => photos.push(photo),
                Err(response) => return response,
            }
        } else {
            let text = field.text().await.unwrap_or_default();
            fields.entry(name).or_default().push(text);
        }
    }
    let one = |key: &str| fields.get(key).and_then(|v| v.first()).cloned().unwrap_or_default();
    for hash in fields.get("photo_hash").cloned().unwrap_or_default() {
        match state.app.store.media(hash.trim()).await {
            Ok(Some(photo)) => photos.push(photo),
            Ok(None) => {
                let message = if lang == Lang::De {
                    "Ein Foto dieses Beitrags ist nicht auf dem Server; bitte lade es noch einmal hoch."
                } else {
                    "A photo of this post is not on the server; upload it again."
                };
                return (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    Json(json!({ "error": message, "code": "photo" })),
                )
                    .into_response();
            }
            Err(_) => return crate::internal_error(),
        }
    }
    if photos.len() > MAX_PHOTOS {
        return problem_response(lang, json, PostProblem::TooManyPhotos, &fields);
    }
    let alts = fields.get("alt").cloned().unwrap_or_default();
    for (photo, alt) in photos.iter_mut().zip(alts) {
        photo.alt = alt.trim().chars().take(300).collect();
    }
    let Ok(location_id) = one("location").trim().parse::<i64>() else {
        return problem_response(lang, json, PostProblem::Location, &fields);
    };
    let (membership, location) = match location_of(&state, &viewer, location_id).await {
        Ok(found) => found,
        Err(_) => return problem_response(lang, json, PostProblem::Location, &fields),
    };
    let business = membership.business_id;
    let settings = match state.app.store.post_settings(business).await {
        Ok(settings) => settings,
        Err(_) => return crate::internal_error(),
    };
    let tz = location.details.tz();
    let new = match check(&fields, &location, tz, photos, &settings) {
        Ok(new) => new,
        Err(problem) => return problem_response(lang, json, problem, &fields),
    };
    let now = Utc::now();
    let submit = one("intent") != "draft";
    if submit && !settings.checklist.iter().all(|item| new.confirmed.contains(item)) {
        return problem_response(lang, json, PostProblem::Checklist, &fields);
    }
    let target = if submit {
        let actor = Actor { role: membership.role, is_author: true };
        match transition(
            PostState::Draft,
            Action::Submit,
            actor,
            settings.approval_required,
            new.publish_at,
            now,
        ) {
            Ok(state) => state,
            Err(_) => PostState::Pending,
        }
    } else {
        PostState::Draft
    };
    let mut created =
        state.app.store.create_post(business, viewer.user_id, &new, target, now).await;
    if matches!(created, Err(StoreError::Conflict(_))) && new.idempotency_key.is_some() {
        // A request with the same key committed meanwhile (two tabs, or the page and the
        // service worker): this one answers with that post.
        created = state.app.store.create_post(business, viewer.user_id, &new, target, now).await;
    }
    match created {
        Ok((id, created)) => {
            if created {
                let detail: String = new.text.chars().take(80).collect();
                let change = app::domain::team::Change {
                    business_id: business,
                    location_id: None,
                    action: "post.create".into(),
                    detail,
                };
                app::store::log_change(state.app.store.as_ref(), &audit, change, None).await;
            }
            if json {
                let post = state.app.store.post(business, id).await.ok();
                let status = if created { StatusCode::CREATED } else { StatusCode::OK };
                let body = json!({
                    "id": id,
                    "state": post.as_ref().map(|p| p.state.as_str()),
                    "replayed": !created,
                    "post": post,
                });
                (status, Json(body)).into_response()
            } else {
                Redirect::to(&format!("/admin/posts?created={id}")).into_response()
            }
        }
        Err(StoreError::NotFound) => problem_response(lang, json, PostProblem::Location, &fields),
        Err(error) => {
            tracing::error!(%error, "creating a post failed");
            crate::internal_error()
        }
    }
}

fn check(
    fields: &HashMap<String, Vec<String>>,
    location: &Location,
    tz: chrono_tz::Tz,
    photos: Vec<PostPhoto>,
    _settings: &PostSettings,
) -> Result<NewPost, PostProblem> {
    let one = |key: &str| fields.get(key).and_then(|v| v.first()).cloned().unwrap_or_default();
    let text = one("text").trim().to_string();
    if text.is_empty() {
        return Err(PostProblem::TextMissing);
    }
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(PostProblem::TextTooLong);
    }
    let kind = PostKind::parse(one("kind").trim()).unwrap_or(PostKind::Update);
    let publish_at = local_time(&one("publish_at"), tz).ok_or(PostProblem::PublishTime)?;
    let (mut valid_until, mut starts_at, mut ends_at) = (None, None, None);
    match kind {
        PostKind::Update => {}
        PostKind::Offer => {
            let until = one("valid_until");
            if !until.trim().is_empty() {
                valid_until = Some(
                    NaiveDate::parse_from_str(until.trim(), "%Y-%m-%d")
                        .map_err(|_| PostProblem::OfferDate)?,
                );
            }
        }
        PostKind::Event => {
            starts_at = local_time(&one("starts_at"), tz).flatten();
            ends_at = local_time(&one("ends_at"), tz).ok_or(PostProblem::EventTimes)?;
            match (starts_at, ends_at) {
                (None, _) => return Err(PostProblem::EventTimes),
                (Some(start), Some(end)) if end <= start => return Err(PostProblem::EventTimes),
                _ => {}
            }
        }
    }
    let geotag = match (one("lat").trim(), one("lon").trim()) {
        ("", "") => None,
        (lat, lon) => {
            let point = lat
                .parse()
                .ok()
                .zip(lon.parse().ok())
                .and_then(|(lat, lon)| GeoPoint::new(lat, lon))
                .ok_or(PostProblem::Position)?;
            let accuracy_m: f64 =
                one("accuracy").trim().parse().unwrap_or(50.0_f64).clamp(0.0, 100_000.0);
            let pois: Vec<(String, GeoPoint)> =
                location.pois.iter().map(|p| (p.name.clone(), p.point)).collect();
            let place =
                snap(point, accuracy_m, &location.details.name, location.details.geo, &pois)
                    .map(|(name, _)| name)
                    .unwrap_or_default();
            Some(Geotag { point, accuracy_m, place })
        }
    };
    let idempotency_key = Some(one("idempotency_key").trim().to_string())
        .filter(|k| !k.is_empty())
        .map(|k| k.chars().take(100).collect());
    Ok(NewPost {
        location_id: location.id,
        kind,
        text,
        valid_until,
        starts_at,
        ends_at,
        publish_at,
        geotag,
        photos,
        confirmed: fields.get("confirm").cloned().unwrap_or_default(),
        idempotency_key,
    })
}

#[derive(serde::Deserialize)]
pub struct ReasonForm {
    #[serde(default)]
    reason: String,
}

/// `POST /admin/posts/{id}/{action}`: submit, approve, reject (with `reason`), publish,
/// archive, withdraw — as the transition table allows for the member's role.
pub async fn act(
    State(state): State<ServerState>,
    crate::history::AuditActor(audit): crate::history::AuditActor,
    viewer: Option<axum::Extension<Viewer>>,
    lang: Option<axum::Extension<Lang>>,
    headers: HeaderMap,
    Path((id, action)): Path<(i64, String)>,
    axum::Form(form): axum::Form<ReasonForm>,
) -> Response {
    let lang = lang.map(|l| l.0).unwrap_or_default();
    let json = wants_json(&headers);
    let Some(axum::Extension(viewer)) = viewer else { return not_found() };
    let Some(action) = Action::parse(&action) else { return not_found() };
    for membership in &viewer.memberships {
        let post = match state.app.store.post(membership.business_id, id).await {
            Ok(post) => post,
            Err(StoreError::NotFound) => continue,
            Err(_) => return crate::internal_error(),
        };
        // Staff see only their own posts: someone else's is "not found" to them.
        if membership.role == Role::Staff && post.author_id != viewer.user_id {
            return not_found();
        }
        let settings = match state.app.store.post_settings(membership.business_id).await {
            Ok(settings) => settings,
            Err(_) => return crate::internal_error(),
        };
        let actor = Actor { role: membership.role, is_author: post.author_id == viewer.user_id };
        let now = Utc::now();
        let next = match transition(
            post.state,
            action,
            actor,
            settings.approval_required,
            post.publish_at,
            now,
        ) {
            Ok(next) => next,
            Err(refusal) => return refused(lang, json, refusal, post.state, action),
        };
        let reason: String = form.reason.trim().chars().take(MAX_REASON_CHARS).collect();
        if action == Action::Reject && reason.is_empty() {
            let message = if lang == Lang::De {
                "Bitte nenne der Autorin oder dem Autor einen Grund für die Ablehnung."
            } else {
                "Please give the author a reason for the rejection."
            };
            return (StatusCode::UNPROCESSABLE_ENTITY, message).into_response();
        }
        let reason = if action == Action::Reject { reason } else { String::new() };
        let result = state
            .app
            .store
            .set_post_state(membership.business_id, id, post.state, next, &reason, now)
            .await;
        if result.is_ok() {
            let change = app::domain::team::Change {
                business_id: membership.business_id,
                location_id: None,
                action: format!("post.{}", next.as_str()),
                detail: format!("#{id} {}", post.text.chars().take(60).collect::<String>()),
            };
            app::store::log_change(state.app.store.as_ref(), &audit, change, None).await;
        }
        return match result {
            Ok(()) if json => Json(json!({ "id": id, "state": next.as_str() })).into_response(),
            Ok(()) => Redirect::to(&format!("/admin/posts?changed={id}")).into_response(),
            Err(StoreError::Conflict(_)) => (
                StatusCode::CONFLICT,
                if lang == Lang::De {
                    "Jemand hat diesen Beitrag inzwischen geändert. Lade die Seite neu, um seinen Stand zu sehen."
                } else {
                    "Someone changed this post meanwhile. Reload the page to see its state."
                },
            )
                .into_response(),
            Err(_) => crate::internal_error(),
        };
    }
    not_found()
}

fn refused(lang: Lang, json: bool, refusal: Refusal, state: PostState, action: Action) -> Response {
    let de = lang == Lang::De;
    let verb = match (de, action) {
        (false, action) => action.as_str(),
        (true, Action::Submit) => "einreichen",
        (true, Action::Approve) => "freigeben",
        (true, Action::Reject) => "ablehnen",
        (true, Action::Publish) => "veröffentlichen",
        (true, Action::Archive) => "archivieren",
        (true, Action::Withdraw) => "zurückziehen",
    };
    let state_name = lang.posts().state(state);
    let (status, message) = match (refusal, de) {
        (Refusal::NotAllowed, false) => {
            (StatusCode::FORBIDDEN, format!("Your role may not {verb} posts."))
        }
        (Refusal::NotAllowed, true) => {
            (StatusCode::FORBIDDEN, format!("Deine Rolle darf Beiträge nicht {verb}."))
        }
        (Refusal::WrongState, false) => (
            StatusCode::CONFLICT,
            format!(
                "This post is “{state_name}”; you cannot {verb} it now. Reload the list to see its state."
            ),
        ),
        (Refusal::WrongState, true) => (
            StatusCode::CONFLICT,
            format!(
                "Dieser Beitrag ist „{state_name}“ und lässt sich jetzt nicht {verb}. Lade die Liste neu."
            ),
        ),
    };
    if json {
        return (status, Json(json!({ "error": message }))).into_response();
    }
    (status, message).into_response()
}

#[derive(serde::Deserialize)]
pub struct SettingsForm {
    business: BusinessId,
    approval: Option<String>,
    #[serde(default)]
    checklist: String,
}

/// `POST /admin/posts/settings` (owners): whether staff posts need approval, and the
/// checklist shown before submitting.
pub async fn settings(
    State(state): State<ServerState>,
    crate::history::AuditActor(audit): crate::history::AuditActor,
    viewer: Option<axum::Extension<Viewer>>,
    axum::Form(form): axum::Form<SettingsForm>,
) -> Response {
    let Some(axum::Extension(viewer)) = viewer else { return not_found() };
    if viewer.role_in(form.business) != Some(Role::Owner) {
        return (StatusCode::FORBIDDEN, "Only the business's owner decides how posts are published. Nur die Inhaberin oder der Inhaber legt fest, wie Beiträge veröffentlicht werden.")
            .into_response();
    }
    let checklist: Vec<String> = form
        .checklist
        .lines()
        .map(|line| line.trim().chars().take(200).collect::<String>())
        .filter(|line| !line.is_empty())
        .take(10)
        .collect();
    let settings = PostSettings { approval_required: form.approval.is_some(), checklist };
    match state.app.store.set_post_settings(form.business, &settings, Utc::now()).await {
        Ok(()) => {
            let change = app::domain::team::Change {
                business_id: form.business,
                location_id: None,
                action: "posts.settings".into(),
                detail: if settings.approval_required { "approval".into() } else { String::new() },
            };
            app::store::log_change(state.app.store.as_ref(), &audit, change, None).await;
            Redirect::to("/admin/posts?settings=1").into_response()
        }
        Err(_) => crate::internal_error(),
    }
}

/// Publishes scheduled posts when their time comes. The state lives in the database, so a
/// restart loses nothing: the first round after start publishes whatever fell due meanwhile.
pub async fn scheduler(state: ServerState, every: std::time::Duration) {
    loop {
        match state.app.store.publish_due(Utc::now()).await {
            Ok(0) => {}
            Ok(count) => tracing::info!(count, "published scheduled posts"),
            Err(error) => tracing::warn!(%error, "publishing scheduled posts failed"),
        }
        tokio::time::sleep(every).await;
    }
}

/// `GET /admin/outbox/session`: who is signed in and this browser's CSRF token, for the
/// outbox (page or service worker) before it sends what waits. Items composed by someone
/// else on the same phone are not sent under this account.
pub async fn outbox_session(
    viewer: Option<axum::Extension<Viewer>>,
    csrf: Option<axum::Extension<app::context::CsrfToken>>,
) -> Response {
    let Some(axum::Extension(viewer)) = viewer else {
        return (StatusCode::UNAUTHORIZED, Json(json!({ "error": "not signed in" })))
            .into_response();
    };
    let token = csrf.map(|c| c.0.0).unwrap_or_default();
    (
        [(http::header::CACHE_CONTROL, "no-store")],
        Json(json!({ "user_id": viewer.user_id, "name": viewer.display_name, "csrf": token })),
    )
        .into_response()
}

/// `POST /admin/share`: the manifest's share target, when no service worker takes it (the
/// installed app's worker normally keeps shared photos on the phone, also offline). Stores
/// the shared photos like uploads and opens compose with them and the shared text. It
/// creates no post, so it needs no CSRF token (the share comes from the phone's system).
pub async fn share(
    State(state): State<ServerState>,
    viewer: Option<axum::Extension<Viewer>>,
    lang: Option<axum::Extension<Lang>>,
    mut multipart: Multipart,
) -> Response {
    let lang = match member_lang(&viewer, lang) {
        Ok(lang) => lang,
        Err(response) => return response,
    };
    let mut hashes: Vec<String> = Vec::new();
    let mut text = Vec::new();
    loop {
        let mut field = match next_field(&mut multipart, lang).await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(response) => return response,
        };
        match field.name().unwrap_or_default() {
            "photos" if hashes.len() < MAX_PHOTOS => {
                let bytes = match field_bytes(&mut field, lang).await {
                    Ok(bytes) => bytes,
                    Err(response) => return response,
                };
                if bytes.is_empty() {
                    continue;
                }
                match ingest(&state, lang, bytes).await {
                    // `hash-width`: the smallest rendition's name, for the preview.
                    Ok(photo) => hashes.push(format!(
                        "{}-{}",
                        photo.hash,
                        photo.widths.iter().min().copied().unwrap_or(photo.width)
                    )),
                    Err(response) => return response,
                }
            }
            "title" | "text" | "url" => {
                let value = field.text().await.unwrap_or_default();
                let value = value.trim();
                if !value.is_empty() && !text.iter().any(|t: &String| t.contains(value)) {
                    text.push(value.to_string());
                }
            }
            _ => {}
        }
    }
    // (The serializer is not `Send`: it is made only once nothing is awaited any more.)
    let mut query = form_urlencoded::Serializer::new(String::new());
    for hash in &hashes {
        query.append_pair("photo", hash);
    }
    let text: String = text.join("\n").chars().take(MAX_TEXT_CHARS).collect();
    if !text.is_empty() {
        query.append_pair("text", &text);
    }
    Redirect::to(&format!("/admin/posts/new?{}", query.finish())).into_response()
}
