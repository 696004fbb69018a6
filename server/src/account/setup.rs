//! `POST /setup/{token}`: the one-time link printed at the first start creates the owner
//! account and the business, and signs the owner in.

use crate::ServerState;
use crate::http::access::{ClientIp, user_agent};
use crate::http::answer;
use crate::http::session::{hash_password, start_session};
use app::context::hash_token;
use app::domain::account::check_signup;
use app::error::AppError;
use app::store::{OwnerSetup, StoreError};
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct SetupForm {
    business_name: String,
    display_name: String,
    email: String,
    password: String,
    password_repeat: String,
}

pub async fn setup(
    State(state): State<ServerState>,
    Path(token): Path<String>,
    jar: CookieJar,
    ip: ClientIp,
    headers: http::HeaderMap,
    Form(form): Form<SetupForm>,
) -> Result<Response, AppError> {
    let page = format!("/setup/{}", answer::encode(&token));
    let back = |code: &str| answer::to(format!("{page}?error={code}"));
    let email = form.email.trim().to_lowercase();
    let checked = check_signup(
        &form.business_name,
        &form.display_name,
        &email,
        &form.password,
        &form.password_repeat,
    );
    if let Err(problem) = checked {
        return Ok(back(problem.code()));
    }
    let hash = hash_password(form.password).await?;
    let token_hash = hash_token(&token);
    let setup = OwnerSetup {
        token_hash: Some(&token_hash),
        business_name: form.business_name.trim(),
        email: &email,
        display_name: form.display_name.trim(),
        password_hash: &hash,
    };
    match state.store().setup_owner(&setup, state.now()).await {
        Ok((user, _)) => {
            let jar = start_session(&state, jar, user, (&ip.text(), &user_agent(&headers))).await?;
            Ok((jar, answer::to("/admin")).into_response())
        }
        Err(StoreError::Conflict(_)) => Ok(back("taken")),
        Err(StoreError::NotFound) => Ok(answer::to(&page)),
        Err(error) => Err(error.into()),
    }
}
