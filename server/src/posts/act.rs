//! Moving a post between states (`POST /admin/posts/{id}/{action}`: submit, approve,
//! reject with a reason, publish, archive, withdraw) as the transition table allows the
//! member's role, and the business's publishing rules (`POST /admin/posts/settings`,
//! owners). A post of another business is the same 404 as a missing one; staff see only
//! their own posts.

use crate::ServerState;
use crate::http::access::{AuditActor, SignedIn, audit};
use crate::http::answer::{self, wants_json};
use app::access::{self, Need};
use app::domain::location::BusinessId;
use app::domain::post::{Action, Actor, MAX_REASON_CHARS, PostSettings, transition};
use app::domain::team::Change;
use app::error::{AppError, Reason};
use app::store::StoreError;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::{Form, Json};
use http::HeaderMap;
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize)]
pub struct ReasonForm {
    #[serde(default)]
    reason: String,
}

pub async fn act(
    State(state): State<ServerState>,
    AuditActor(actor): AuditActor,
    SignedIn(viewer): SignedIn,
    headers: HeaderMap,
    Path((id, action)): Path<(i64, String)>,
    Form(form): Form<ReasonForm>,
) -> Result<Response, AppError> {
    let action = Action::parse(&action).ok_or(AppError::NotFound)?;
    let (membership, post) = access::post(state.store(), &viewer, id).await?;
    let business = membership.business_id;
    let settings = state.store().post_settings(business).await?;
    let asker = Actor { role: membership.role, is_author: post.author_id == viewer.user_id };
    let now = state.now();
    let approval = settings.approval_required;
    let next = transition(post.state, action, asker, approval, post.publish_at, now)
        .map_err(|refusal| Reason::PostAction { refusal, state: post.state, action })?;
    let reason: String = form.reason.trim().chars().take(MAX_REASON_CHARS).collect();
    if action == Action::Reject && reason.is_empty() {
        return Err(Reason::RejectionReason.into());
    }
    let reason = if action == Action::Reject { reason } else { String::new() };
    match state.store().set_post_state(business, id, post.state, next, &reason, now).await {
        Ok(()) => {}
        Err(StoreError::Conflict(_)) => return Err(Reason::PostChanged.into()),
        Err(error) => return Err(error.into()),
    }
    let change = Change {
        business_id: business,
        location_id: None,
        action: format!("post.{}", next.as_str()),
        detail: format!("#{id} {}", post.text.chars().take(60).collect::<String>()),
    };
    audit(&state, &actor, change, None).await;
    crate::fediverse::deliver::wake(&state);
    if wants_json(&headers) {
        return Ok(Json(json!({ "id": id, "state": next.as_str() })).into_response());
    }
    Ok(answer::to(format!("/admin/posts?changed={id}")))
}

#[derive(Deserialize)]
pub struct SettingsForm {
    business: BusinessId,
    approval: Option<String>,
    #[serde(default)]
    checklist: String,
}

/// Whether staff posts need approval, and the checklist shown before submitting.
pub async fn settings(
    State(state): State<ServerState>,
    AuditActor(actor): AuditActor,
    SignedIn(viewer): SignedIn,
    Form(form): Form<SettingsForm>,
) -> Result<Response, AppError> {
    access::membership(&viewer, form.business, Need::Owner)
        .map_err(|_| Reason::OnlyOwnerPublishing)?;
    let checklist: Vec<String> = form
        .checklist
        .lines()
        .map(|line| line.trim().chars().take(200).collect::<String>())
        .filter(|line| !line.is_empty())
        .take(10)
        .collect();
    let settings = PostSettings { approval_required: form.approval.is_some(), checklist };
    state.store().set_post_settings(form.business, &settings, state.now()).await?;
    let change = Change {
        business_id: form.business,
        location_id: None,
        action: "posts.settings".into(),
        detail: if settings.approval_required { "approval".into() } else { String::new() },
    };
    audit(&state, &actor, change, None).await;
    Ok(answer::to("/admin/posts?settings=1"))
}
