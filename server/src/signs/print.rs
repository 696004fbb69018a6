//! `POST /admin/locations/{id}/signs`: a printable sign of the location as a PDF download
//! (door sign, closure notice for one special-hours entry, counter poster), in A4 or A5, in
//! the location's language or German and English. Each print is recorded with what it
//! showed, so the hours screen can say when the sign on the door has gone out of date.
//! A form post (not a link): it writes, so it is CSRF-protected like every other write.
//! The print page (`page.rs`) takes the same form and shares [`PrintForm::order`] and
//! [`Order::record`] with this handler.

use crate::ServerState;
use crate::http::access::LocationEditor;
use app::domain::sign::{PaperSize, Sign, SignKind, SignLanguage};
use app::domain::slug::slug_text;
use app::error::AppError;
use app::i18n::sign_text::SignText;
use app::store::SignPrint;
use axum::Form;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct PrintForm {
    /// `door`, `poster`, or `closure-{special-hours entry}`.
    sign: String,
    #[serde(default)]
    paper: String,
    /// `de`, `en` or `de-en`; empty: the location's language.
    #[serde(default)]
    lang: String,
}

/// The sign a form asks for, built from the location as of its local today and put into
/// words; what [`print`] and [`super::page::page`] both lay out and record.
pub(super) struct Order {
    pub kind: SignKind,
    pub paper: PaperSize,
    pub language: SignLanguage,
    pub today: NaiveDate,
    pub sign: Sign,
    pub text: SignText,
}

impl PrintForm {
    fn kind(&self) -> Result<SignKind, AppError> {
        match self.sign.trim() {
            "door" => Ok(SignKind::Door),
            "poster" => Ok(SignKind::Poster),
            other => other
                .strip_prefix("closure-")
                .and_then(|id| id.parse::<i64>().ok())
                .map(|special_id| SignKind::Closure { special_id })
                .ok_or_else(|| AppError::choice("sign", &["door", "poster", "closure-{id}"])),
        }
    }

    fn paper(&self) -> Result<PaperSize, AppError> {
        if self.paper.trim().is_empty() {
            return Ok(PaperSize::A4);
        }
        PaperSize::parse(&self.paper).ok_or_else(|| AppError::choice("paper", &["a4", "a5"]))
    }

    fn language(&self, editor: &LocationEditor) -> Result<SignLanguage, AppError> {
        if self.lang.trim().is_empty() {
            return Ok(SignLanguage::of_location(&editor.location));
        }
        SignLanguage::parse(&self.lang)
            .ok_or_else(|| AppError::choice("lang", &["de", "en", "de-en"]))
    }

    pub(super) fn order(
        &self,
        state: &ServerState,
        editor: &LocationEditor,
    ) -> Result<Order, AppError> {
        let kind = self.kind()?;
        let paper = self.paper()?;
        let language = self.language(editor)?;
        let location = &editor.location;
        let today = state.now().with_timezone(&location.details.tz()).date_naive();
        // An unknown special-hours entry is one this person cannot see: not found.
        let sign = Sign::build(location, kind, today, &state.app.public_url)
            .map_err(|_| AppError::NotFound)?;
        let text = SignText::new(&sign, language);
        Ok(Order { kind, paper, language, today, sign, text })
    }
}

impl Order {
    /// Records the print with what it showed (its fingerprint), whichever way it was made:
    /// the hours screen compares it with the data later. Called once the sign is made, so
    /// a sign that could not be made is not counted as hanging on the door.
    pub(super) async fn record(
        &self,
        state: &ServerState,
        location_id: i64,
    ) -> Result<(), AppError> {
        let print = SignPrint {
            kind: serde_json::to_string(&self.kind).map_err(AppError::internal)?,
            paper: self.paper.code().to_string(),
            language: self.language.code().to_string(),
            printed_on: self.today,
            fingerprint: self.sign.fingerprint(),
        };
        state.store().record_sign_print(location_id, &print, state.now()).await?;
        Ok(())
    }
}

pub async fn print(
    State(state): State<ServerState>,
    editor: LocationEditor,
    Form(form): Form<PrintForm>,
) -> Result<Response, AppError> {
    let order = form.order(&state, &editor)?;
    let (text, paper) = (order.text.clone(), order.paper);
    let bytes = tokio::task::spawn_blocking(move || super::render(&text, paper))
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)?;
    order.record(&state, editor.id()).await?;
    let location = &editor.location;
    let name = slug_text(&location.details.name).unwrap_or_else(|| "nahbar".into());
    let filename =
        format!("{name}-{}-{}-{}.pdf", order.kind.code(), order.paper.code(), order.today);
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment; filename=\"sign.pdf\""));
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("application/pdf")),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, HeaderValue::from_static("private, no-store")),
        ],
        bytes,
    )
        .into_response())
}
