//! A person's own account: a new password (`POST /admin/account/password`) and the
//! browsers signed in to it (`…/sessions/{id}/end`, `…/sessions/end-others`). Another
//! person's session is the same 404 as one that does not exist.

use crate::ServerState;
use crate::http::access::{ClientIp, SignedIn};
use crate::http::answer;
use crate::http::session::{self, LoginLimits, current_session, hash_password, verify_password};
use app::domain::account::check_signup;
use app::error::AppError;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use serde::Deserialize;

fn account(query: &str) -> Response {
    answer::to(format!("/admin/account?{query}"))
}

#[derive(Deserialize)]
pub struct PasswordForm {
    current: String,
    password: String,
    password_repeat: String,
}

/// A new password; every other session of the account ends (this one stays).
pub async fn change_password(
    State(state): State<ServerState>,
    SignedIn(viewer): SignedIn,
    jar: CookieJar,
    ip: ClientIp,
    Form(form): Form<PasswordForm>,
) -> Result<Response, AppError> {
    let keep = current_session(&jar).ok_or(AppError::NotFound)?;
    if !LoginLimits::allow(&state, &viewer.email, ip.0).await? {
        return Ok(account("error=rate#password"));
    }
    let hash = state.store().password_hash(viewer.user_id).await?;
    if !verify_password(Some(hash), form.current).await {
        LoginLimits::failed(&state, &viewer.email, ip.0).await?;
        return Ok(account("error=current#password"));
    }
    if let Err(problem) =
        check_signup("-", "-", &viewer.email, &form.password, &form.password_repeat)
    {
        return Ok(account(&format!("error={}#password", problem.code())));
    }
    let hash = hash_password(form.password).await?;
    state.store().set_password(viewer.user_id, &hash, &keep, state.now()).await?;
    Ok(account("password=1"))
}

/// Ends one of the viewer's sessions (another phone, a forgotten computer, or this one).
pub async fn end_session(
    State(state): State<ServerState>,
    SignedIn(viewer): SignedIn,
    jar: CookieJar,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    state.store().end_session(viewer.user_id, &id).await?;
    if current_session(&jar).is_some_and(|hash| hash.starts_with(&id)) {
        return Ok((session::end_cookie(jar), answer::to("/login")).into_response());
    }
    Ok(account("ended=1#sessions"))
}

pub async fn end_other_sessions(
    State(state): State<ServerState>,
    SignedIn(viewer): SignedIn,
    jar: CookieJar,
) -> Result<Response, AppError> {
    let keep = current_session(&jar).ok_or(AppError::NotFound)?;
    let count = state.store().end_other_sessions(viewer.user_id, &keep).await?;
    Ok(account(&format!("ended={count}#sessions")))
}
