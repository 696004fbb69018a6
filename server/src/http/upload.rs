//! Reading multipart uploads: the next field, and a field's bytes up to the upload limit.
//! A body over a route's limit is a 413 with the media reason, anything else cut off.

use app::domain::post::{MAX_UPLOAD_BYTES, MediaProblem};
use app::error::{AppError, Reason};
use axum::extract::Multipart;
use axum::extract::multipart::Field;
use http::StatusCode;

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
