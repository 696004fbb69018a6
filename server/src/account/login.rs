//! `POST /login` (rate-limited per account and per address) and `POST /logout`.

use crate::ServerState;
use crate::http::access::{ClientIp, user_agent};
use crate::http::answer::{self, local_path};
use crate::http::session::{self, LoginLimits, current_session, start_session, verify_password};
use app::error::AppError;
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct LoginForm {
    email: String,
    password: String,
    #[serde(default)]
    next: String,
}

pub async fn login(
    State(state): State<ServerState>,
    jar: CookieJar,
    ip: ClientIp,
    headers: http::HeaderMap,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    let email = form.email.trim().to_lowercase();
    if !LoginLimits::allow(&state, &email, ip.0).await? {
        tracing::warn!(email = %email, "login rate-limited");
        return Ok(answer::to("/login?error=rate"));
    }
    let user = state.store().user_by_email(&email).await?;
    let hash = user.as_ref().map(|u| u.password_hash.clone());
    let (true, Some(user)) = (verify_password(hash, form.password).await, user) else {
        LoginLimits::failed(&state, &email, ip.0).await?;
        return Ok(answer::to("/login?error=invalid"));
    };
    let jar = start_session(&state, jar, user.id, (&ip.text(), &user_agent(&headers))).await?;
    Ok((jar, answer::to(local_path(&form.next, "/admin"))).into_response())
}

pub async fn logout(State(state): State<ServerState>, jar: CookieJar) -> Response {
    if let Some(hash) = current_session(&jar)
        && let Err(error) = state.store().delete_session(&hash).await
    {
        tracing::error!(%error, "deleting a session failed");
    }
    (session::end_cookie(jar), answer::to("/login")).into_response()
}
