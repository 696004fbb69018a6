//! Form handlers of the team screen (`/admin/team/{business}/…`, owners only), of the
//! invitation link (`/invite/{token}`) and of the viewer's own account (`/admin/account/…`:
//! password and sessions). Membership is read on every request, so a changed role or a
//! removal takes effect with the person's next request; a removal that leaves someone
//! without any business also ends their sessions.

use crate::auth::{ClientIp, SESSION_COOKIE, check_owner_input, hash_password, new_token};
use crate::{ServerState, cookies};
use app::context::{Viewer, hash_token};
use app::domain::location::{BusinessId, Role};
use app::domain::team::{Actor, Change, DEFAULT_INVITATION_DAYS, INVITATION_DAYS};
use app::store::{InvitationJoin, StoreError, log_change};
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use chrono::{Duration, Utc};
use http::{HeaderMap, StatusCode};
use serde::Deserialize;

use crate::locations_admin::nothing_here as not_found;

fn failed(error: StoreError, what: &str) -> Response {
    match error {
        StoreError::NotFound => not_found(),
        error => {
            tracing::error!(%error, "{what} failed");
            crate::internal_error()
        }
    }
}

/// The business named by the `{business}` path segment, if the signed-in user owns it.
/// Everyone else (staff, managers, strangers, a business that does not exist) gets the
/// same 404.
pub struct TeamOwner {
    pub business: BusinessId,
    pub viewer: Viewer,
    pub actor: Actor,
}

impl axum::extract::FromRequestParts<ServerState> for TeamOwner {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut http::request::Parts,
        state: &ServerState,
    ) -> Result<Self, Self::Rejection> {
        let business = crate::locations_admin::business_in_path(parts, state).await?;
        let viewer = parts.extensions.get::<Viewer>().cloned().ok_or_else(not_found)?;
        if viewer.role_in(business) != Some(Role::Owner) {
            return Err(not_found());
        }
        Ok(TeamOwner { business, actor: app::context::actor_of(parts), viewer })
    }
}

impl TeamOwner {
    async fn log(&self, state: &ServerState, action: &str, detail: String) {
        let change =
            Change { business_id: self.business, location_id: None, action: action.into(), detail };
        log_change(state.app.store.as_ref(), &self.actor, change, None).await;
    }

    fn back(&self, query: &str) -> Response {
        Redirect::to(&format!("/admin/team/{}?{query}", self.business)).into_response()
    }
}

#[derive(Deserialize)]
pub struct InviteForm {
    role: String,
    #[serde(default)]
    days: Option<i64>,
}

/// A new one-time link. Only its hash is stored: the link is shown once, right after.
pub async fn invite(
    State(state): State<ServerState>,
    owner: TeamOwner,
    Form(form): Form<InviteForm>,
) -> Response {
    let Some(role) = Role::parse(&form.role) else {
        return (StatusCode::UNPROCESSABLE_ENTITY, "role must be owner, manager or staff")
            .into_response();
    };
    let days = form.days.unwrap_or(DEFAULT_INVITATION_DAYS);
    if !INVITATION_DAYS.contains(&days) {
        return (StatusCode::UNPROCESSABLE_ENTITY, "days must be 1 or 7").into_response();
    }
    let token = new_token();
    let now = Utc::now();
    let created = state
        .app
        .store
        .create_invitation(
            owner.business,
            role,
            &hash_token(&token),
            owner.viewer.user_id,
            now,
            now + Duration::days(days),
        )
        .await;
    match created {
        Ok(_) => {
            owner.log(&state, "member.invite", role.as_str().into()).await;
            owner.back(&format!("invite={token}#invitation"))
        }
        Err(error) => failed(error, "creating an invitation"),
    }
}

pub async fn revoke(
    State(state): State<ServerState>,
    owner: TeamOwner,
    Path((_, id)): Path<(i64, i64)>,
) -> Response {
    match state.app.store.revoke_invitation(owner.business, id, Utc::now()).await {
        Ok(()) => {
            owner.log(&state, "member.invite_revoke", format!("#{id}")).await;
            owner.back("revoked=1")
        }
        Err(error) => failed(error, "revoking an invitation"),
    }
}

#[derive(Deserialize)]
pub struct RoleForm {
    role: String,
}

async fn member_email(state: &ServerState, business: BusinessId, user: i64) -> Option<String> {
    let members = state.app.store.members(business).await.ok()?;
    members.into_iter().find(|m| m.user_id == user).map(|m| m.email)
}

pub async fn set_role(
    State(state): State<ServerState>,
    owner: TeamOwner,
    Path((_, user)): Path<(i64, i64)>,
    Form(form): Form<RoleForm>,
) -> Response {
    let Some(role) = Role::parse(&form.role) else {
        return (StatusCode::UNPROCESSABLE_ENTITY, "role must be owner, manager or staff")
            .into_response();
    };
    let email = member_email(&state, owner.business, user).await.unwrap_or_default();
    match state.app.store.set_member_role(owner.business, user, role).await {
        Ok(()) => {
            owner.log(&state, "member.role", format!("{email} → {}", role.as_str())).await;
            owner.back(&format!("changed={user}#member-{user}"))
        }
        Err(StoreError::Conflict(_)) => owner.back(&format!("error=last_owner#member-{user}")),
        Err(error) => failed(error, "changing a role"),
    }
}

pub async fn remove(
    State(state): State<ServerState>,
    owner: TeamOwner,
    Path((_, user)): Path<(i64, i64)>,
) -> Response {
    let email = member_email(&state, owner.business, user).await.unwrap_or_default();
    match state.app.store.remove_member(owner.business, user).await {
        Ok(()) => {
            owner.log(&state, "member.remove", email).await;
            if user == owner.viewer.user_id {
                Redirect::to("/admin").into_response()
            } else {
                owner.back("removed=1")
            }
        }
        Err(StoreError::Conflict(_)) => owner.back(&format!("error=last_owner#member-{user}")),
        Err(error) => failed(error, "removing a member"),
    }
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
/// lands in the staff app.
pub async fn accept(
    State(state): State<ServerState>,
    Path(token): Path<String>,
    jar: CookieJar,
    ip: ClientIp,
    headers: HeaderMap,
    viewer: Option<axum::Extension<Viewer>>,
    Form(form): Form<AcceptForm>,
) -> Response {
    let page = format!("/invite/{}", urlencode(&token));
    let back = |code: &str| Redirect::to(&format!("{page}?error={code}")).into_response();
    let token_hash = hash_token(&token);
    let now = Utc::now();
    let agent = user_agent(&headers);
    let address = ip.0.map(|ip| ip.to_string()).unwrap_or_default();
    if let (Some(_), Some(axum::Extension(viewer))) = (&form.join, &viewer) {
        return match state
            .app
            .store
            .accept_invitation(&token_hash, InvitationJoin::Existing(viewer.user_id), now)
            .await
        {
            Ok((user, business)) => {
                let actor = Actor {
                    user_id: Some(user),
                    name: viewer.display_name.clone(),
                    ip: address,
                    user_agent: agent,
                };
                log_join(&state, &actor, business, &viewer.email).await;
                Redirect::to("/admin?welcome=1").into_response()
            }
            Err(StoreError::NotFound) => Redirect::to(&page).into_response(),
            Err(error) => failed(error, "joining a business"),
        };
    }
    let email = form.email.trim().to_lowercase();
    let name = form.display_name.trim();
    if let Err(code) = check_owner_input("-", name, &email, &form.password, &form.password_repeat) {
        let query = form_urlencoded::Serializer::new(String::new())
            .append_pair("error", code)
            .append_pair("name", name)
            .append_pair("email", &email)
            .finish();
        return Redirect::to(&format!("{page}?{query}")).into_response();
    }
    // An expired or used link is told before the expensive hash.
    match state.app.store.invitation_by_token(&token_hash, now).await {
        Ok(Some(_)) => {}
        Ok(None) => return Redirect::to(&page).into_response(),
        Err(error) => return failed(error, "reading an invitation"),
    }
    let Ok(hash) = hash_password(form.password).await else { return crate::internal_error() };
    let join =
        InvitationJoin::NewAccount { email: &email, display_name: name, password_hash: &hash };
    match state.app.store.accept_invitation(&token_hash, join, now).await {
        Ok((user, business)) => {
            let actor = Actor {
                user_id: Some(user),
                name: name.to_string(),
                ip: address.clone(),
                user_agent: agent.clone(),
            };
            log_join(&state, &actor, business, &email).await;
            match crate::auth::start_session(&state, jar, user, (&address, &agent)).await {
                Ok(jar) => (jar, Redirect::to("/admin?welcome=1")).into_response(),
                Err(response) => response,
            }
        }
        Err(StoreError::Conflict(_)) => back("taken"),
        Err(StoreError::NotFound) => Redirect::to(&page).into_response(),
        Err(error) => failed(error, "accepting an invitation"),
    }
}

async fn log_join(state: &ServerState, actor: &Actor, business: BusinessId, email: &str) {
    let change = Change {
        business_id: business,
        location_id: None,
        action: "member.join".into(),
        detail: email.to_string(),
    };
    log_change(state.app.store.as_ref(), actor, change, None).await;
}

pub fn user_agent(headers: &HeaderMap) -> String {
    headers
        .get(http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .chars()
        .take(300)
        .collect()
}

fn urlencode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

fn account(query: &str) -> Response {
    Redirect::to(&format!("/admin/account?{query}")).into_response()
}

fn current_session(jar: &CookieJar) -> Option<String> {
    jar.get(SESSION_COOKIE).map(|c| hash_token(c.value()))
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
    jar: CookieJar,
    ip: ClientIp,
    viewer: Option<axum::Extension<Viewer>>,
    Form(form): Form<PasswordForm>,
) -> Response {
    let Some(axum::Extension(viewer)) = viewer else { return not_found() };
    let Some(keep) = current_session(&jar) else { return not_found() };
    if !state.login_limiter.allow(&viewer.email, ip.0) {
        return account("error=rate#password");
    }
    let hash = match state.app.store.password_hash(viewer.user_id).await {
        Ok(hash) => hash,
        Err(error) => return failed(error, "reading a password"),
    };
    if !crate::auth::verify_password(Some(hash), form.current).await {
        return account("error=current#password");
    }
    if let Err(code) =
        check_owner_input("-", "-", &viewer.email, &form.password, &form.password_repeat)
    {
        return account(&format!("error={code}#password"));
    }
    let Ok(hash) = hash_password(form.password).await else { return crate::internal_error() };
    match state.app.store.set_password(viewer.user_id, &hash, &keep, Utc::now()).await {
        Ok(()) => account("password=1"),
        Err(error) => failed(error, "changing a password"),
    }
}

/// Ends one of the viewer's sessions (another phone, a forgotten computer, or this one).
pub async fn end_session(
    State(state): State<ServerState>,
    jar: CookieJar,
    viewer: Option<axum::Extension<Viewer>>,
    Path(id): Path<String>,
) -> Response {
    let Some(axum::Extension(viewer)) = viewer else { return not_found() };
    match state.app.store.end_session(viewer.user_id, &id).await {
        Ok(()) => {
            let this_one = current_session(&jar).is_some_and(|hash| hash.starts_with(&id));
            if this_one {
                let jar = jar.remove(cookies::removal(SESSION_COOKIE));
                (jar, Redirect::to("/login")).into_response()
            } else {
                account("ended=1#sessions")
            }
        }
        Err(error) => failed(error, "ending a session"),
    }
}

pub async fn end_other_sessions(
    State(state): State<ServerState>,
    jar: CookieJar,
    viewer: Option<axum::Extension<Viewer>>,
) -> Response {
    let Some(axum::Extension(viewer)) = viewer else { return not_found() };
    let Some(keep) = current_session(&jar) else { return not_found() };
    match state.app.store.end_other_sessions(viewer.user_id, &keep).await {
        Ok(count) => account(&format!("ended={count}#sessions")),
        Err(error) => failed(error, "ending sessions"),
    }
}
