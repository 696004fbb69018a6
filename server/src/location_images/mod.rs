//! The `location_images` capability: a location's logo and cover photo, from the screen
//! `/admin/locations/{id}/images`. Managers and owners of the location's business
//! (`LocationEditor`); another business's location is the same 404 as a missing one.
//! Uploads go through the media pipeline (decoded, re-encoded without metadata, stored
//! content-addressed); a file that is no JPEG, PNG or WebP is refused with a 4xx in the
//! request's language and nothing is stored. Problems of the form itself (no file, an alt
//! text too long) go back to the screen, which shows them.

use crate::ServerState;
use crate::http::access::LocationEditor;
use crate::http::answer;
use crate::http::upload::{field_bytes, next_field};
use crate::media::ingest;
use app::domain::location_image::{ImageKind, MAX_COVER_ALT_CHARS};
use app::error::{AppError, Reason};
use axum::Form;
use axum::extract::{Multipart, State};
use axum::response::Response;

fn screen(location: i64, query: &str) -> Response {
    answer::to(format!("/admin/locations/{location}/images?{query}"))
}

fn which(value: &str) -> Result<ImageKind, AppError> {
    ImageKind::parse(value).ok_or_else(|| {
        let allowed = ImageKind::ALL.iter().map(|k| k.as_str().to_string()).collect();
        Reason::Choice { field: "which".into(), allowed }.into()
    })
}

/// `POST /admin/locations/{id}/images` (multipart: `which` = `logo` | `cover`, `file`, and
/// for the cover an optional `alt`): sets the logo or the cover.
pub async fn upload(
    State(state): State<ServerState>,
    editor: LocationEditor,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let (mut kind, mut alt, mut file) = (String::new(), String::new(), None);
    while let Some(mut field) = next_field(&mut multipart).await? {
        match field.name().unwrap_or_default() {
            "file" => file = Some(field_bytes(&mut field).await?).filter(|b| !b.is_empty()),
            "which" => kind = field.text().await.unwrap_or_default(),
            "alt" => alt = field.text().await.unwrap_or_default(),
            _ => {}
        }
    }
    let kind = which(&kind)?;
    let alt = if kind == ImageKind::Cover { alt.trim().to_string() } else { String::new() };
    let back = |error: &str| {
        let query = [("error", error), ("which", kind.as_str()), ("alt", alt.as_str())];
        screen(editor.id(), &answer::query(query))
    };
    if alt.chars().count() > MAX_COVER_ALT_CHARS {
        return Ok(back("alt_too_long"));
    }
    let Some(bytes) = file else { return Ok(back("no_file")) };
    let mut photo = ingest(&state, bytes).await?;
    photo.alt = alt;
    let (business, location) = (editor.business, editor.id());
    state.store().set_location_image(business, location, kind, &photo, state.now()).await?;
    editor.log(&state, &format!("location.{}", kind.as_str()), &photo.hash).await;
    Ok(screen(location, &answer::query([("saved", kind.as_str())])))
}

#[derive(serde::Deserialize)]
pub struct RemoveForm {
    #[serde(default)]
    which: String,
}

/// `POST /admin/locations/{id}/images/remove` (`which` = `logo` | `cover`).
pub async fn remove(
    State(state): State<ServerState>,
    editor: LocationEditor,
    Form(form): Form<RemoveForm>,
) -> Result<Response, AppError> {
    let kind = which(&form.which)?;
    let (business, location) = (editor.business, editor.id());
    state.store().remove_location_image(business, location, kind, state.now()).await?;
    editor.log(&state, &format!("location.{}_remove", kind.as_str()), "").await;
    Ok(screen(location, &answer::query([("removed", kind.as_str())])))
}
