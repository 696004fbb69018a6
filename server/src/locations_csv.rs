//! The locations of a business as one CSV file (`/admin/businesses/{business}/locations.csv`):
//! `GET` downloads them in the columns of Google Business Profile's bulk sheet, `POST`
//! (multipart field `file`) imports such a file all or nothing. Owners and managers only;
//! anyone else gets the same 404 as for a business that does not exist.
//!
//! The import answers a script (`Accept: application/json`) with the outcome or every
//! problem as JSON, and a plain form with a redirect to the import page that carries a
//! short summary, so nothing of the upload is kept anywhere between the two requests.

use crate::ServerState;
use app::api::import::PROBLEMS_IN_URL;
use app::domain::gbp_csv::{self, FileError, RowError, slug_base};
use app::domain::location::BusinessId;
use app::domain::team::Change;
use app::i18n::Lang;
use app::store::{ImportOutcome, StoreError, log_change};
use axum::Json;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use http::{HeaderMap, HeaderValue, StatusCode, header};
use serde::Deserialize;
use serde_json::json;

pub use crate::locations_admin::LocationManager;

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
    manager: LocationManager,
    Query(query): Query<ExportQuery>,
) -> Response {
    let locations = match state.app.store.locations_for_export(manager.business).await {
        Ok(locations) => locations,
        Err(error) => {
            tracing::error!(%error, "reading locations for the export failed");
            return crate::internal_error();
        }
    };
    let delimiter = if query.excel.is_some() { b';' } else { b',' };
    let written = tokio::task::spawn_blocking(move || gbp_csv::write(&locations, delimiter)).await;
    let bytes = match written {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(error)) => {
            tracing::error!(%error, "writing the export failed");
            return crate::internal_error();
        }
        Err(_) => return crate::internal_error(),
    };
    let name = slug_base(&manager.business_name).unwrap_or_else(|| "nahbar".into());
    let filename = format!("{name}-locations-{}.csv", Utc::now().date_naive());
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment; filename=\"locations.csv\""));
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8")),
            (header::CONTENT_DISPOSITION, disposition),
            // Addresses and phone numbers of a business: not for shared caches.
            (header::CACHE_CONTROL, HeaderValue::from_static("private, no-store")),
        ],
        bytes,
    )
        .into_response()
}

/// How the asker wants the answer.
#[derive(Clone, Copy)]
struct Answer {
    json: bool,
    lang: Lang,
    business: BusinessId,
}

impl Answer {
    /// A refusal of the whole upload, with a message a person can act on.
    fn refuse(self, status: StatusCode, message: String) -> Response {
        if self.json {
            (status, Json(json!({ "ok": false, "error": message, "errors": [] }))).into_response()
        } else {
            (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], message).into_response()
        }
    }

    fn page(self, query: &str) -> Response {
        Redirect::to(&format!("/admin/businesses/{}/import?{query}", self.business)).into_response()
    }

    /// Nothing was written: every problem with its line, column and words in both
    /// languages (JSON), or the first few in the redirect.
    fn problems(self, errors: &[RowError]) -> Response {
        let rows = errors.iter().map(|e| e.line).collect::<std::collections::BTreeSet<_>>().len();
        if self.json {
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
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.append_pair("failed", &rows.to_string());
        query.append_pair("errors", &errors.len().to_string());
        for error in errors.iter().take(PROBLEMS_IN_URL) {
            query.append_pair("e", &error.to_code());
        }
        self.page(&query.finish())
    }

    fn done(self, outcome: &ImportOutcome) -> Response {
        let (created, updated, unchanged) =
            (outcome.created.len(), outcome.updated.len(), outcome.unchanged.len());
        if self.json {
            let body = json!({
                "ok": true, "created": created, "updated": updated, "unchanged": unchanged,
                "errors": [],
            });
            return Json(body).into_response();
        }
        self.page(&format!("created={created}&updated={updated}&unchanged={unchanged}"))
    }
}

/// `POST …/locations.csv`: checks every row, then imports all of them in one transaction,
/// or none.
pub async fn import(
    State(state): State<ServerState>,
    manager: LocationManager,
    lang: Option<axum::Extension<Lang>>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let answer = Answer {
        json: headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("application/json")),
        lang: lang.map(|l| l.0).unwrap_or_default(),
        business: manager.business,
    };
    let texts = answer.lang.import();
    let mb = app::api::import::MAX_CSV_MB.to_string();
    let bytes = match read_file(multipart).await {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return answer.refuse(StatusCode::UNPROCESSABLE_ENTITY, texts.no_file.into()),
        Err(Upload::TooLarge) => {
            return answer
                .refuse(StatusCode::PAYLOAD_TOO_LARGE, texts.too_large.replace("{mb}", &mb));
        }
        Err(Upload::NotMultipart) => {
            return answer.refuse(StatusCode::UNSUPPORTED_MEDIA_TYPE, texts.no_file.into());
        }
        Err(Upload::CutOff) => {
            return answer.refuse(StatusCode::BAD_REQUEST, texts.network_error.into());
        }
    };
    let started = std::time::Instant::now();
    let rows = match tokio::task::spawn_blocking(move || gbp_csv::read(&bytes)).await {
        Ok(Ok(rows)) => rows,
        Ok(Err(FileError::Workbook)) => {
            return answer.refuse(StatusCode::UNSUPPORTED_MEDIA_TYPE, texts.workbook.into());
        }
        Ok(Err(FileError::Binary)) => {
            return answer.refuse(StatusCode::UNSUPPORTED_MEDIA_TYPE, texts.binary.into());
        }
        Err(_) => return crate::internal_error(),
    };
    let problems = gbp_csv::problems(&rows);
    if !problems.is_empty() {
        return answer.problems(&problems);
    }
    let rows = gbp_csv::valid_rows(rows);
    let outcome = match state.app.store.import_locations(manager.business, &rows, Utc::now()).await
    {
        Ok(outcome) => outcome,
        Err(StoreError::Conflict(what)) => {
            tracing::warn!(%what, "an import met a concurrent change");
            return answer.refuse(StatusCode::CONFLICT, texts.busy.into());
        }
        Err(error) => {
            tracing::error!(%error, "importing locations failed");
            return crate::internal_error();
        }
    };
    if !outcome.refused.is_empty() {
        return answer.problems(&outcome.refused);
    }
    tracing::info!(
        rows = rows.len(),
        created = outcome.created.len(),
        updated = outcome.updated.len(),
        elapsed_ms = started.elapsed().as_millis() as u64,
        "locations imported"
    );
    let change = Change {
        business_id: manager.business,
        location_id: None,
        action: "locations.import".into(),
        detail: format!(
            "{} created, {} updated, {} unchanged",
            outcome.created.len(),
            outcome.updated.len(),
            outcome.unchanged.len()
        ),
    };
    log_change(state.app.store.as_ref(), &manager.actor, change, None).await;
    answer.done(&outcome)
}

enum Upload {
    TooLarge,
    NotMultipart,
    CutOff,
}

/// The `file` field's bytes (`None`: no file chosen), read up to [`MAX_CSV_BYTES`].
async fn read_file(
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Option<Vec<u8>>, Upload> {
    let mut multipart = multipart.map_err(|_| Upload::NotMultipart)?;
    let too_large = |status: StatusCode| {
        if status == StatusCode::PAYLOAD_TOO_LARGE { Upload::TooLarge } else { Upload::CutOff }
    };
    while let Some(mut field) =
        multipart.next_field().await.map_err(|error| too_large(error.status()))?
    {
        if field.name() != Some("file") {
            continue;
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(|error| too_large(error.status()))? {
            if bytes.len() + chunk.len() > MAX_CSV_BYTES {
                return Err(Upload::TooLarge);
            }
            bytes.extend_from_slice(&chunk);
        }
        return Ok((!bytes.is_empty()).then_some(bytes));
    }
    Ok(None)
}
