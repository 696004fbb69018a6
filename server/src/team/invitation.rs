//! One-time invitation links: an owner makes one (only its hash is stored, the link is
//! shown once), may revoke it, and the invited person joins with a new account or the one
//! they are signed in to, landing in the staff app.

use super::members::role_of;
use crate::ServerState;
use crate::http::access::{BusinessOwner, ClientIp, RequestLang, audit, user_agent};
use crate::http::answer;
use crate::http::session::{hash_password, new_token, start_session};
use app::context::{Viewer, hash_token};
use app::domain::account::check_signup;
use app::domain::location::BusinessId;
use app::domain::team::{Actor, Change, DEFAULT_INVITATION_DAYS, INVITATION_DAYS};
use app::error::AppError;
use app::store::{InvitationJoin, StoreError};
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use chrono::Duration;
use http::HeaderMap;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct InviteForm {
    role: String,
    #[serde(default)]
    days: Option<i64>,
    /// Where to send the link; empty: the owner shares it.
    #[serde(default)]
    email: String,
}

/// A new one-time link. Only its hash is stored: the link is shown once, right after, and
/// sent by e-mail when the owner typed an address (the link works either way).
pub async fn invite(
    State(state): State<ServerState>,
    owner: BusinessOwner,
    RequestLang(lang): RequestLang,
    Form(form): Form<InviteForm>,
) -> Result<Response, AppError> {
    let role = role_of(&form.role)?;
    let days = form.days.unwrap_or(DEFAULT_INVITATION_DAYS);
    if !INVITATION_DAYS.contains(&days) {
        return Err(AppError::choice("days", &["1", "7"]));
    }
    let business = owner.business;
    let email = form.email.trim();
    let address = if email.is_empty() {
        None
    } else if state.mailer.is_none() {
        return Ok(answer::to(format!("/admin/team/{business}?error=no_mail#invite-title")));
    } else if email.len() > 254 || email.parse::<lettre::Address>().is_err() {
        return Ok(answer::to(format!("/admin/team/{business}?error=email#invite-title")));
    } else {
        Some(email)
    };
    let token = new_token();
    let now = state.now();
    let expires = now + Duration::days(days);
    let by = owner.viewer.user_id;
    state.store().create_invitation(business, role, &hash_token(&token), by, now, expires).await?;
    let detail = match address {
        Some(address) => format!("{} → {address}", role.as_str()),
        None => role.as_str().into(),
    };
    owner.log(&state, "member.invite", detail).await;
    let mailed = match (address, &state.mailer) {
        (Some(address), Some(mailer)) => {
            let link = format!("{}/invite/{token}", state.app.public_url);
            let sent = mail_invitation(mailer, &owner, lang, role, expires, address, &link).await;
            if let Err(error) = &sent {
                tracing::warn!(%error, "the invitation mail was not sent");
            }
            if sent.is_ok() { "&mailed=1" } else { "&mailed=0" }
        }
        _ => "",
    };
    Ok(answer::to(format!("/admin/team/{business}?invite={token}{mailed}#invitation")))
}

/// The invitation by e-mail, in the language of the owner's screen, from the owner's name.
async fn mail_invitation(
    mailer: &crate::mail::Mailer,
    owner: &BusinessOwner,
    lang: app::i18n::Lang,
    role: app::domain::location::Role,
    expires: chrono::DateTime<chrono::Utc>,
    address: &str,
    link: &str,
) -> anyhow::Result<()> {
    let tt = lang.team();
    let business = &owner.membership.business_name;
    let inviter = &owner.viewer.display_name;
    let fill = |text: &str| {
        text.replace("{inviter}", inviter)
            .replace("{business}", business)
            .replace("{role}", lang.texts().role(role))
            .replace("{date}", &app::i18n::moment(lang, expires))
            .replace("{link}", link)
    };
    let (subject, body) = (fill(tt.mail_subject), fill(tt.mail_body));
    mailer
        .send(crate::mail::Mail {
            to: address,
            to_name: "",
            from_name: inviter,
            reply_to: Some(&owner.viewer.email),
            subject: &subject,
            body: &body,
            lang: lang.code(),
        })
        .await
}

pub async fn revoke(
    State(state): State<ServerState>,
    owner: BusinessOwner,
    Path((_, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    state.store().revoke_invitation(owner.business, id, state.now()).await?;
    owner.log(&state, "member.invite_revoke", format!("#{id}")).await;
    Ok(answer::to(format!("/admin/team/{}?revoked=1", owner.business)))
}

#[derive(Deserialize)]
pub struct AcceptForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_repeat: String,
    /// Set by the "join with my account" button of a signed-in visitor.
    #[serde(default)]
    join: Option<String>,
}

/// `POST /invite/{token}`: a new account (or the signed-in one) joins the business and
/// lands in the staff app. A used, revoked or expired link goes back to its page, which
/// says so.
pub async fn accept(
    State(state): State<ServerState>,
    Path(token): Path<String>,
    jar: CookieJar,
    ip: ClientIp,
    headers: HeaderMap,
    viewer: Option<axum::Extension<Viewer>>,
    Form(form): Form<AcceptForm>,
) -> Result<Response, AppError> {
    let page = format!("/invite/{}", answer::encode(&token));
    let token_hash = hash_token(&token);
    let now = state.now();
    let (address, agent) = (ip.text(), user_agent(&headers));
    let actor = |user, name: &str| Actor {
        user_id: Some(user),
        name: name.to_string(),
        ip: address.clone(),
        user_agent: agent.clone(),
    };
    if let (Some(_), Some(axum::Extension(viewer))) = (&form.join, &viewer) {
        let join = InvitationJoin::Existing(viewer.user_id);
        return match state.store().accept_invitation(&token_hash, join, now).await {
            Ok((user, business)) => {
                log_join(&state, &actor(user, &viewer.display_name), business, &viewer.email).await;
                Ok(answer::to("/admin?welcome=1"))
            }
            Err(StoreError::NotFound) => Ok(answer::to(&page)),
            Err(error) => Err(error.into()),
        };
    }
    let email = form.email.trim().to_lowercase();
    let name = form.display_name.trim();
    if let Err(problem) = check_signup("-", name, &email, &form.password, &form.password_repeat) {
        let query = answer::query([("error", problem.code()), ("name", name), ("email", &email)]);
        return Ok(answer::to(format!("{page}?{query}")));
    }
    // An expired or used link is told before the expensive hash.
    if state.store().invitation_by_token(&token_hash, now).await?.is_none() {
        return Ok(answer::to(&page));
    }
    let hash = hash_password(form.password).await?;
    let join =
        InvitationJoin::NewAccount { email: &email, display_name: name, password_hash: &hash };
    match state.store().accept_invitation(&token_hash, join, now).await {
        Ok((user, business)) => {
            log_join(&state, &actor(user, name), business, &email).await;
            let jar = start_session(&state, jar, user, (&address, &agent)).await?;
            Ok((jar, answer::to("/admin?welcome=1")).into_response())
        }
        Err(StoreError::Conflict(_)) => Ok(answer::to(format!("{page}?error=taken"))),
        Err(StoreError::NotFound) => Ok(answer::to(&page)),
        Err(error) => Err(error.into()),
    }
}

async fn log_join(state: &ServerState, actor: &Actor, business: BusinessId, email: &str) {
    let change = Change {
        business_id: business,
        location_id: None,
        action: "member.join".into(),
        detail: email.to_string(),
    };
    audit(state, actor, change, None).await;
}
