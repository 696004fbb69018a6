//! One upload into the pipeline, shared by everything that takes photos (post photos, the
//! share target, a location's logo and cover).

use crate::ServerState;
use crate::media;
use app::domain::post::PostPhoto;
use app::error::{AppError, Reason};

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
