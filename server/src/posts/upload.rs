//! Photos: one upload (`POST /admin/media`), "does the server have this photo?"
//! (`GET /admin/media/{hash}`, so the outbox can skip it), and the manifest's share target
//! (`POST /admin/share`). Every upload goes through the media pipeline off the async
//! runtime, at most two at a time.

use crate::ServerState;
use crate::http::access::Member;
use crate::http::answer;
use crate::media;
use app::domain::post::{MAX_PHOTOS, MAX_TEXT_CHARS, MAX_UPLOAD_BYTES, MediaProblem, PostPhoto};
use app::error::{AppError, JsonError, Reason};
use axum::Json;
use axum::extract::multipart::Field;
use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Response};
use http::StatusCode;

/// Decodes and stores one upload off the async runtime; remembers it in the store. The
/// same bytes again are the same photo (content-addressed), processed once.
pub async fn ingest(state: &ServerState, bytes: Vec<u8>) -> Result<PostPhoto, AppError> {
    let hash = media::content_hash(&bytes);
    if let Some(known) = state.store().media(&hash).await? {
        return Ok(known);
    }
    let _slot = state.media_slots.clone().acquire_owned().await.map_err(AppError::internal)?;
    let processed = tokio::task::spawn_blocking(move || media::process(&bytes))
        .await
        .map_err(AppError::internal)?
        .map_err(Reason::Media)?;
    let processed = std::sync::Arc::new(processed);
    // A photo that could not be stored is not remembered: the next upload tries again.
    state.media.put(processed.clone()).await.map_err(AppError::internal)?;
    let photo = PostPhoto {
        hash: processed.hash.clone(),
        width: processed.width,
        height: processed.height,
        widths: processed.renditions.iter().map(|r| r.width).collect(),
        alt: String::new(),
    };
    state.store().add_media(&photo, state.now()).await?;
    Ok(photo)
}

/// A multipart error: over the route's body limit is a 413 with the reason, anything else
/// a cut-off upload.
fn cut_off(status: StatusCode) -> AppError {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        Reason::Media(MediaProblem::TooLarge).into()
    } else {
        Reason::UploadCutOff.into()
    }
}

/// The next field of a multipart body.
pub async fn next_field(multipart: &mut Multipart) -> Result<Option<Field<'_>>, AppError> {
    multipart.next_field().await.map_err(|error| cut_off(error.status()))
}

/// Reads a multipart field up to the upload limit.
pub async fn field_bytes(field: &mut Field<'_>) -> Result<Vec<u8>, AppError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(|error| cut_off(error.status()))? {
        if bytes.len() + chunk.len() > MAX_UPLOAD_BYTES {
            return Err(Reason::Media(MediaProblem::TooLarge).into());
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

/// `POST /admin/media`: one photo (`photo` field) → its hash, size and widths (JSON).
pub async fn upload(
    State(state): State<ServerState>,
    _member: Member,
    mut multipart: Multipart,
) -> Result<Response, JsonError> {
    while let Some(mut field) = next_field(&mut multipart).await? {
        if field.name() != Some("photo") {
            continue;
        }
        let bytes = field_bytes(&mut field).await?;
        let photo = ingest(&state, bytes).await?;
        return Ok((StatusCode::CREATED, Json(photo)).into_response());
    }
    Err(Reason::PhotoField.into())
}

/// `GET /admin/media/{hash}`: whether the server has this upload (so a client can skip it).
pub async fn media_known(
    State(state): State<ServerState>,
    _member: Member,
    Path(hash): Path<String>,
) -> Result<Json<PostPhoto>, JsonError> {
    Ok(Json(state.store().media(&hash).await?.ok_or(AppError::NotFound)?))
}

/// `POST /admin/share`: the manifest's share target, when no service worker takes it (the
/// installed app's worker normally keeps shared photos on the phone, also offline). Stores
/// the shared photos like uploads and opens compose with them and the shared text. It
/// creates no post, so it needs no CSRF token (the share comes from the phone's system).
pub async fn share(
    State(state): State<ServerState>,
    _member: Member,
    mut multipart: Multipart,
) -> Result<Response, JsonError> {
    let mut hashes: Vec<String> = Vec::new();
    let mut text = Vec::new();
    while let Some(mut field) = next_field(&mut multipart).await? {
        match field.name().unwrap_or_default() {
            "photos" if hashes.len() < MAX_PHOTOS => {
                let bytes = field_bytes(&mut field).await?;
                if bytes.is_empty() {
                    continue;
                }
                // `hash-width`: the smallest rendition's name, for the preview.
                let photo = ingest(&state, bytes).await?;
                let smallest = photo.widths.iter().min().copied().unwrap_or(photo.width);
                hashes.push(format!("{}-{smallest}", photo.hash));
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
    let text: String = text.join("\n").chars().take(MAX_TEXT_CHARS).collect();
    let mut pairs: Vec<(&str, &str)> = hashes.iter().map(|h| ("photo", h.as_str())).collect();
    if !text.is_empty() {
        pairs.push(("text", &text));
    }
    Ok(answer::to(format!("/admin/posts/new?{}", answer::query(pairs))))
}
