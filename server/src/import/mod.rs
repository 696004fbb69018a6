//! The `import` capability: the locations of a business as one CSV file
//! (`/admin/businesses/{business}/locations.csv`): `GET` downloads them in the columns of Google Business Profile's bulk sheet, `POST`
//! (multipart field `file`) imports such a file all or nothing. Owners and managers only;
//! anyone else gets the same 404 as for a business that does not exist.
//!
//! The import answers a script (`Accept: application/json`) with the outcome or every
//! problem as JSON, and a plain form with a redirect to the import page that carries a
//! short summary, so nothing of the upload is kept anywhere between the two requests.

use crate::ServerState;
use crate::http::access::BusinessManager;
use crate::http::answer::{self, wants_json};
use app::api::import::PROBLEMS_IN_URL;
use app::domain::gbp_csv::{self, FileError, RowError};
use app::error::{AppError, ImportRefusal, Reason};
use app::i18n::Lang;
use app::store::{ImportOutcome, StoreError};
use axum::Json;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Query, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode};
use serde::Deserialize;
use serde_json::json;

/// The largest file an import reads; the route's body limit leaves room for the envelope.
pub const MAX_CSV_BYTES: usize = app::api::import::MAX_CSV_MB * 1024 * 1024;

#[derive(Deserialize)]
pub struct ExportQuery {
    /// Any value: `;` between cells, as Excel expects it in German.
    excel: Option<String>,
}

/// `GET …/locations.csv`: every location that is not archived, as GBP's sheet.
pub async fn export(
    State(state): State<ServerState>,
    manager: BusinessManager,
    Query(query): Query<ExportQuery>,
) -> Result<Response, AppError> {
    let locations = state.store().locations_for_export(manager.business).await?;
    let delimiter = if query.excel.is_some() { b';' } else { b',' };
    let bytes = tokio::task::spawn_blocking(move || gbp_csv::write(&locations, delimiter))
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)?;
    Ok(answer::csv_download(
        &manager.membership.business_name,
        "locations",
        state.now().date_naive(),
        bytes,
    ))
}

fn refuse(refusal: ImportRefusal) -> AppError {
    AppError::Refused(Reason::Import(refusal))
}

/// The import screen, with `query`.
fn page(manager: &BusinessManager, query: &str) -> Response {
    answer::to(format!("/admin/businesses/{}/import?{query}", manager.business))
}

/// Nothing was written: every problem with its line, column and words in both languages
/// (JSON), or the first few in the redirect.
fn problems(manager: &BusinessManager, json: bool, errors: &[RowError]) -> Response {
    let rows = errors.iter().map(|e| e.line).collect::<std::collections::BTreeSet<_>>().len();
    if json {
        let list: Vec<serde_json::Value> = errors
            .iter()
            .map(|e| {
                json!({
                    "line": e.line,
                    "column": e.column.map(|c| c.header()).unwrap_or_default(),
                    "value": e.value,
                    "code": e.problem.code(),
                    "message_de": Lang::De.import_problem(e.problem),
                    "message_en": Lang::En.import_problem(e.problem),
                })
            })
            .collect();
        let body = json!({
            "ok": false, "created": 0, "updated": 0, "unchanged": 0,
            "failed": rows, "errors": list,
        });
        return (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response();
    }
    let (failed, count) = (rows.to_string(), errors.len().to_string());
    let codes: Vec<String> = errors.iter().take(PROBLEMS_IN_URL).map(RowError::to_code).collect();
    let pairs = [("failed", failed.as_str()), ("errors", count.as_str())]
        .into_iter()
        .chain(codes.iter().map(|code| ("e", code.as_str())));
    page(manager, &answer::query(pairs))
}

fn done(manager: &BusinessManager, json: bool, outcome: &ImportOutcome) -> Response {
    let (created, updated, unchanged) =
        (outcome.created.len(), outcome.updated.len(), outcome.unchanged.len());
    if json {
        let body = json!({
            "ok": true, "created": created, "updated": updated, "unchanged": unchanged,
            "errors": [],
        });
        return Json(body).into_response();
    }
    page(manager, &format!("created={created}&updated={updated}&unchanged={unchanged}"))
}

/// `POST …/locations.csv`: checks every row, then imports all of them in one transaction,
/// or none.
pub async fn import(
    State(state): State<ServerState>,
    manager: BusinessManager,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    let json = wants_json(&headers);
    let bytes = read_file(multipart).await?.ok_or(refuse(ImportRefusal::NoFile))?;
    let started = std::time::Instant::now();
    let rows = match tokio::task::spawn_blocking(move || gbp_csv::read(&bytes)).await {
        Ok(Ok(rows)) => rows,
        Ok(Err(FileError::Workbook)) => return Err(refuse(ImportRefusal::Workbook)),
        Ok(Err(FileError::Binary)) => return Err(refuse(ImportRefusal::Binary)),
        Err(error) => return Err(AppError::internal(error)),
    };
    let found = gbp_csv::problems(&rows);
    if !found.is_empty() {
        return Ok(problems(&manager, json, &found));
    }
    let rows = gbp_csv::valid_rows(rows);
    let outcome = match state.store().import_locations(manager.business, &rows, state.now()).await {
        Ok(outcome) => outcome,
        Err(StoreError::Conflict(what)) => {
            tracing::warn!(%what, "an import met a concurrent change");
            return Err(refuse(ImportRefusal::Busy));
        }
        Err(error) => return Err(error.into()),
    };
    if !outcome.refused.is_empty() {
        return Ok(problems(&manager, json, &outcome.refused));
    }
    tracing::info!(
        rows = rows.len(),
        created = outcome.created.len(),
        updated = outcome.updated.len(),
        elapsed_ms = started.elapsed().as_millis() as u64,
        "locations imported"
    );
    let detail = format!(
        "{} created, {} updated, {} unchanged",
        outcome.created.len(),
        outcome.updated.len(),
        outcome.unchanged.len()
    );
    manager.log(&state, "locations.import", detail).await;
    Ok(done(&manager, json, &outcome))
}

/// The `file` field's bytes (`None`: no file chosen), read up to [`MAX_CSV_BYTES`].
async fn read_file(
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Option<Vec<u8>>, AppError> {
    let mut multipart = multipart.map_err(|_| refuse(ImportRefusal::NotMultipart))?;
    let cut = |status: StatusCode| {
        refuse(if status == StatusCode::PAYLOAD_TOO_LARGE {
            ImportRefusal::TooLarge
        } else {
            ImportRefusal::CutOff
        })
    };
    while let Some(mut field) = multipart.next_field().await.map_err(|e| cut(e.status()))? {
        if field.name() != Some("file") {
            continue;
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(|e| cut(e.status()))? {
            if bytes.len() + chunk.len() > MAX_CSV_BYTES {
                return Err(refuse(ImportRefusal::TooLarge));
            }
            bytes.extend_from_slice(&chunk);
        }
        return Ok((!bytes.is_empty()).then_some(bytes));
    }
    Ok(None)
}
