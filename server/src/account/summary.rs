//! The weekly summary's switch (`POST /admin/account/summary`): on or off for the person
//! who asks, in the language of the screen they asked from. Managers and owners only.

use crate::ServerState;
use crate::http::access::{RequestLang, SignedIn};
use crate::http::answer;
use app::error::AppError;
use axum::Form;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct SummaryForm {
    weekly_summary: Option<String>,
}

pub async fn set_summary(
    State(state): State<ServerState>,
    SignedIn(viewer): SignedIn,
    RequestLang(lang): RequestLang,
    Form(form): Form<SummaryForm>,
) -> Result<Response, AppError> {
    if !viewer.memberships.iter().any(|m| m.role.can_edit_locations()) {
        return Err(AppError::NotFound);
    }
    let on = form.weekly_summary.is_some();
    state.store().set_weekly_summary(viewer.user_id, on, lang.code()).await?;
    let word = if on { "on" } else { "off" };
    Ok(answer::to(format!("/admin/account?summary={word}#summary")))
}
