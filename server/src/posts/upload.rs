//! Photos: one upload (`POST /admin/media`), "does the server have this photo?"
//! (`GET /admin/media/{hash}`, so the outbox can skip it), and the manifest's share target
//! (`POST /admin/share`). Every upload goes through the media pipeline off the async
//! runtime, at most two at a time.

use crate::ServerState;
use crate::http::access::Member;
use crate::http::answer;
use crate::http::upload::{field_bytes, next_field};
use crate::media::ingest;
use app::domain::post::{MAX_PHOTOS, MAX_TEXT_CHARS, PostPhoto};
use app::error::{AppError, JsonError, Reason};
use axum::Json;
use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Response};
use http::StatusCode;

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
