//! `GET /admin/businesses/{business}/archive.zip`: the owner downloads everything about the
//! business (the same archive as `nahbar export`, without secrets). The archive is written
//! to a temporary file in the data folder and streamed from there (a business with
//! thousands of photos does not fit in memory); the file is unlinked once it is open.

use crate::ServerState;
use crate::http::access::BusinessOwner;
use app::error::AppError;
use axum::body::Body;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, header};

pub async fn download(
    State(state): State<ServerState>,
    owner: BusinessOwner,
) -> Result<Response, AppError> {
    let folder = state.data_dir.join("archives-partial");
    tokio::fs::create_dir_all(&folder).await.map_err(AppError::internal)?;
    let path = folder.join(format!("{}-{}.zip", owner.business, uuid_like()));
    let now = state.now();
    let made = super::export(
        state.store(),
        &state.media,
        &state.app.public_url,
        owner.business,
        false,
        now,
        &path,
    )
    .await;
    let opened = match made {
        Ok(exported) => {
            if !exported.missing.is_empty() {
                tracing::warn!(missing = ?exported.missing, "photos missing from the media storage");
            }
            tokio::fs::File::open(&path).await.map_err(AppError::internal)
        }
        Err(error) => Err(AppError::internal(error)),
    };
    let _ = tokio::fs::remove_file(&path).await;
    let file = opened?;
    owner.log(&state, "business.export", String::new()).await;
    let name = app::domain::slug::slug_text(&owner.membership.business_name)
        .unwrap_or_else(|| "nahbar".into());
    let filename = format!("{name}-nahbar-{}.zip", now.date_naive());
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment; filename=\"nahbar.zip\""));
    let body = Body::from_stream(tokio_util::io::ReaderStream::new(file));
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("application/zip")),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, HeaderValue::from_static("private, no-store")),
        ],
        body,
    )
        .into_response())
}

fn uuid_like() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 8];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}
