//! The one error of Nahbar's server functions and axum handlers. It crosses the wire, so it
//! carries only what the UI can act on: a kind, or a reason code with the values a sentence
//! needs. Causes are logged on the server, never sent; sentences live in `crate::i18n`
//! (`Lang::error`), so a refusal reads in the asker's language (as Lemmy sends error codes
//! and lets its UI translate them).
//!
//! On the server, a handler returns `Result<_, AppError>` and uses `?`; the error becomes a
//! response in one place: `IntoResponse` below sets the status and hands the error on as a
//! response extension, and the server's `http::answer` layer writes the body (JSON for
//! scripts, text for browsers) in the request's language.

use crate::domain::hours::HoursError;
use crate::domain::location::FieldError;
use crate::domain::nearby::NearbyProblem;
use crate::domain::post::{Action, MediaProblem, PostProblem, PostState, Refusal};
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Nothing here that the asker may see or change. A foreign object answers exactly like
    /// a missing one, so a refusal reveals nothing.
    #[error("not found")]
    NotFound,
    #[error("not signed in")]
    Unauthorized,
    #[error("invalid input")]
    Invalid { fields: Vec<FieldError>, hours: Vec<HoursError> },
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("internal error")]
    Internal,
    #[error("request failed: {0}")]
    Transport(String),
    /// A refusal the person can act on.
    #[error("refused: {0:?}")]
    Refused(Reason),
}

/// Why a request was refused. Each reason has its status here and its sentence in
/// `crate::i18n::errors`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Reason {
    /// The form's CSRF token is missing or wrong (a stale page or another site).
    FormExpired,
    /// A form body over the size the CSRF check reads.
    FormTooLarge,
    /// A script asked for an app page without a session.
    SignInAgain,
    UnknownLanguage,
    /// A form field holds none of the values it allows.
    Choice {
        field: String,
        allowed: Vec<String>,
    },
    /// The nearby search's query string could not be read at all.
    NearbyQuery,
    Nearby(NearbyProblem),
    /// `business=` of the locations GeoJSON is not a whole number.
    BusinessId,
    Media(MediaProblem),
    /// A multipart upload ended early.
    UploadCutOff,
    /// An upload without its `photo` field.
    PhotoField,
    /// A photo named by its hash is not on the server.
    PhotoMissing,
    Post(PostProblem),
    /// The post's state or the asker's role does not allow the action.
    PostAction {
        refusal: Refusal,
        state: PostState,
        action: Action,
    },
    RejectionReason,
    /// Someone else moved the post on meanwhile.
    PostChanged,
    OnlyOwnerPublishing,
    Import(ImportRefusal),
}

/// Why a CSV import refused the whole file (problems in rows are listed separately).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportRefusal {
    NoFile,
    TooLarge,
    NotMultipart,
    CutOff,
    Workbook,
    Binary,
    Busy,
}

impl Reason {
    pub fn status(&self) -> u16 {
        match self {
            Reason::FormExpired | Reason::OnlyOwnerPublishing => 403,
            Reason::FormTooLarge => 413,
            Reason::SignInAgain => 401,
            Reason::UnknownLanguage => 404,
            Reason::Choice { .. } | Reason::PhotoMissing | Reason::Post(_) => 422,
            Reason::RejectionReason => 422,
            Reason::NearbyQuery | Reason::Nearby(_) | Reason::BusinessId => 400,
            Reason::UploadCutOff | Reason::PhotoField => 400,
            Reason::Media(MediaProblem::TooLarge) => 413,
            Reason::Media(MediaProblem::NotAnImage) => 415,
            Reason::Media(_) => 422,
            Reason::PostAction { refusal: Refusal::NotAllowed, .. } => 403,
            Reason::PostAction { refusal: Refusal::WrongState, .. } | Reason::PostChanged => 409,
            Reason::Import(refusal) => match refusal {
                ImportRefusal::NoFile => 422,
                ImportRefusal::TooLarge => 413,
                ImportRefusal::NotMultipart | ImportRefusal::Workbook | ImportRefusal::Binary => {
                    415
                }
                ImportRefusal::CutOff => 400,
                ImportRefusal::Busy => 409,
            },
        }
    }

    /// A short machine-readable code, sent beside the sentence in JSON answers.
    pub fn code(&self) -> &'static str {
        match self {
            Reason::FormExpired => "csrf",
            Reason::FormTooLarge => "form_too_large",
            Reason::SignInAgain => "signin",
            Reason::UnknownLanguage => "language",
            Reason::Choice { .. } => "choice",
            Reason::NearbyQuery | Reason::Nearby(_) => "query",
            Reason::BusinessId => "business",
            Reason::Media(_) | Reason::UploadCutOff | Reason::PhotoField => "upload",
            Reason::PhotoMissing => "photo",
            Reason::Post(problem) => problem.code(),
            Reason::PostAction { .. } => "state",
            Reason::RejectionReason => "reason",
            Reason::PostChanged => "changed",
            Reason::OnlyOwnerPublishing => "owner",
            Reason::Import(_) => "import",
        }
    }
}

impl AppError {
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Unauthorized => 401,
            AppError::Invalid { .. } => 422,
            AppError::Conflict(_) => 409,
            AppError::Internal | AppError::Transport(_) => 500,
            AppError::Refused(reason) => reason.status(),
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            AppError::NotFound => "not_found",
            AppError::Unauthorized => "unauthorized",
            AppError::Invalid { .. } => "invalid",
            AppError::Conflict(_) => "conflict",
            AppError::Internal | AppError::Transport(_) => "internal",
            AppError::Refused(reason) => reason.code(),
        }
    }

    /// A field that must hold one of `allowed`.
    pub fn choice(field: &str, allowed: &[&str]) -> AppError {
        AppError::Refused(Reason::Choice {
            field: field.to_string(),
            allowed: allowed.iter().map(|a| a.to_string()).collect(),
        })
    }

    /// An unexpected failure: the cause is logged here and only `Internal` goes on.
    #[cfg(feature = "ssr")]
    pub fn internal(cause: impl std::fmt::Display) -> AppError {
        tracing::error!(error = %cause, "internal error");
        AppError::Internal
    }
}

impl From<Reason> for AppError {
    fn from(reason: Reason) -> Self {
        AppError::Refused(reason)
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => {
                AppError::Invalid { fields: Vec::new(), hours: Vec::new() }
            }
            other => AppError::Transport(other.to_string()),
        }
    }
}

#[cfg(feature = "ssr")]
impl From<crate::store::StoreError> for AppError {
    fn from(error: crate::store::StoreError) -> Self {
        use crate::store::StoreError;
        match error {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Conflict(what) => AppError::Conflict(what),
            StoreError::Other(cause) => {
                tracing::error!(error = %cause, "storage failed");
                AppError::Internal
            }
        }
    }
}

/// How an error answers a client: its status now, its body later (`http::answer` in the
/// server writes it in the request's language). `json` forces a JSON body for endpoints
/// only scripts call; otherwise the request's `Accept` header decides.
#[cfg(feature = "ssr")]
#[derive(Clone, Debug)]
pub struct ErrorAnswer {
    pub error: AppError,
    pub json: bool,
}

#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        ErrorAnswer { error: self, json: false }.into_response()
    }
}

#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for ErrorAnswer {
    fn into_response(self) -> axum::response::Response {
        let status = http::StatusCode::from_u16(self.error.status())
            .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = status.into_response();
        response.extensions_mut().insert(self);
        response
    }
}

/// The error of endpoints only scripts call (uploads, the outbox, the JSON API): always a
/// JSON body, whatever the `Accept` header says.
#[cfg(feature = "ssr")]
#[derive(Debug)]
pub struct JsonError(pub AppError);

#[cfg(feature = "ssr")]
impl<E: Into<AppError>> From<E> for JsonError {
    fn from(error: E) -> Self {
        JsonError(error.into())
    }
}

#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for JsonError {
    fn into_response(self) -> axum::response::Response {
        ErrorAnswer { error: self.0, json: true }.into_response()
    }
}
