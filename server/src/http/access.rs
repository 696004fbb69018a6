//! Every extractor that answers "who asks, and may they?" for the axum handlers: the
//! signed-in viewer, a member, the editor of a location, the manager or owner of a
//! business, a public location, and the audit actor. The rules themselves are
//! `app::access`, shared with the server functions; here they meet the request.
//!
//! A refusal is `AppError::NotFound`, the same answer as for an object that does not
//! exist. (Anonymous visitors of `/admin` never get here: `session::require_login` sends
//! them to the login first.)

use crate::ServerState;
use app::access::{self, Need};
use app::context::Viewer;
use app::domain::location::{BusinessId, Location, Membership};
use app::domain::team::{Actor, Change};
use app::error::AppError;
use app::i18n::Lang;
use axum::extract::{FromRequestParts, Path};
use http::request::Parts;
use std::collections::HashMap;
use std::net::IpAddr;

/// A whole-number path segment such as `{id}` or `{business}`; anything else is the same
/// 404 as a missing object.
async fn path_number(parts: &mut Parts, state: &ServerState, name: &str) -> Result<i64, AppError> {
    let Path(params) = Path::<HashMap<String, String>>::from_request_parts(parts, state)
        .await
        .map_err(|_| AppError::NotFound)?;
    params.get(name).and_then(|value| value.parse().ok()).ok_or(AppError::NotFound)
}

fn viewer_of(parts: &Parts) -> Result<Viewer, AppError> {
    parts.extensions.get::<Viewer>().cloned().ok_or(AppError::NotFound)
}

/// Writes the audit log entry of a change to business data: the one way handlers do it.
/// With `before`, the location's revisions are kept too (see `HistoryStore`).
pub async fn audit(state: &ServerState, actor: &Actor, change: Change, before: Option<&Location>) {
    app::store::log_change(state.store(), actor, change, before, state.now()).await;
}

/// Anyone signed in (their own account and data).
pub struct SignedIn(pub Viewer);

impl FromRequestParts<ServerState> for SignedIn {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &ServerState) -> Result<Self, AppError> {
        viewer_of(parts).map(SignedIn)
    }
}

/// A member of at least one business (staff, manager or owner): uploads and the outbox.
pub struct Member(pub Viewer);

impl FromRequestParts<ServerState> for Member {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &ServerState) -> Result<Self, AppError> {
        let viewer = viewer_of(parts)?;
        if viewer.memberships.is_empty() {
            return Err(AppError::NotFound);
        }
        Ok(Member(viewer))
    }
}

/// The location named by the `{id}` path segment, if the signed-in user may edit it
/// (manager or owner of its business).
pub struct LocationEditor {
    pub business: BusinessId,
    /// The location as it was before this request changes it.
    pub location: Location,
    pub actor: Actor,
}

impl FromRequestParts<ServerState> for LocationEditor {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &ServerState) -> Result<Self, AppError> {
        let id = path_number(parts, state, "id").await?;
        let viewer = viewer_of(parts)?;
        let (membership, location) =
            access::location(state.store(), &viewer, id, Need::Manager).await?;
        let actor = app::context::actor_of(parts);
        Ok(LocationEditor { business: membership.business_id, location, actor })
    }
}

impl LocationEditor {
    pub fn id(&self) -> i64 {
        self.location.id
    }

    /// Logs a change of this location (keeping its revisions).
    pub async fn log(&self, state: &ServerState, action: &str, detail: &str) {
        let change = Change {
            business_id: self.business,
            location_id: Some(self.location.id),
            action: action.to_string(),
            detail: detail.trim().to_string(),
        };
        audit(state, &self.actor, change, Some(&self.location)).await;
    }
}

/// The location named by the `{id}` path segment, if the signed-in user may answer
/// customers there in the shop's name: managers and owners, and staff when the owner
/// allows it (the business's `staff_answer_questions`, which implies reading them).
/// Everyone else gets the same 404 as for a missing location.
pub struct LocationAnswerer(pub LocationEditor);

impl FromRequestParts<ServerState> for LocationAnswerer {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &ServerState) -> Result<Self, AppError> {
        let id = path_number(parts, state, "id").await?;
        let viewer = viewer_of(parts)?;
        let (membership, location) =
            access::location(state.store(), &viewer, id, Need::Member).await?;
        if membership.role == app::domain::location::Role::Staff {
            let business = membership.business_id;
            let store = state.store();
            if !(store.staff_answer_questions(business).await?
                && store.staff_see_questions(business).await?)
            {
                return Err(AppError::NotFound);
            }
        }
        let actor = app::context::actor_of(parts);
        Ok(LocationAnswerer(LocationEditor { business: membership.business_id, location, actor }))
    }
}

/// The business named by the `{business}` path segment, if the signed-in user has the
/// role `NEED` in it.
pub struct InBusiness<const NEED: u8> {
    pub business: BusinessId,
    pub viewer: Viewer,
    pub membership: Membership,
    pub actor: Actor,
}

/// Managers and owners of the business in the path: locations, imports, the history.
pub type BusinessManager = InBusiness<MANAGER>;
/// Owners of the business in the path: the team.
pub type BusinessOwner = InBusiness<OWNER>;
pub const MANAGER: u8 = 1;
pub const OWNER: u8 = 2;

impl<const NEED: u8> FromRequestParts<ServerState> for InBusiness<NEED> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &ServerState) -> Result<Self, AppError> {
        let business = path_number(parts, state, "business").await?;
        let viewer = viewer_of(parts)?;
        let need = if NEED == OWNER { Need::Owner } else { Need::Manager };
        let membership = access::membership(&viewer, business, need)?.clone();
        Ok(InBusiness { business, viewer, membership, actor: app::context::actor_of(parts) })
    }
}

impl<const NEED: u8> InBusiness<NEED> {
    /// Logs a change to the business (no single location).
    pub async fn log(&self, state: &ServerState, action: &str, detail: String) {
        let change =
            Change { business_id: self.business, location_id: None, action: action.into(), detail };
        audit(state, &self.actor, change, None).await;
    }
}

/// The public location named by the `{slug}` path segment, for the feeds and exports
/// below a local page. Archived or unknown: 404.
pub struct PublicLocation(pub Location);

impl FromRequestParts<ServerState> for PublicLocation {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &ServerState) -> Result<Self, AppError> {
        let Path(params) = Path::<HashMap<String, String>>::from_request_parts(parts, state)
            .await
            .map_err(|_| AppError::NotFound)?;
        let slug = params.get("slug").ok_or(AppError::NotFound)?;
        state.store().location_by_slug(slug).await?.map(PublicLocation).ok_or(AppError::NotFound)
    }
}

/// The signed-in person and where the request comes from (address, browser), for the
/// audit log.
pub struct AuditActor(pub Actor);

impl<S: Send + Sync> FromRequestParts<S> for AuditActor {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(AuditActor(app::context::actor_of(parts)))
    }
}

/// The client's address (behind a trusted proxy, the one it forwarded; see `http::proxy`).
pub struct ClientIp(pub Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(parts.extensions.get::<app::context::ClientAddress>().map(|c| c.ip)))
    }
}

impl ClientIp {
    /// The address as the session list shows it (empty when unknown).
    pub fn text(&self) -> String {
        self.0.map(|ip| ip.to_string()).unwrap_or_default()
    }
}

/// The request's language (set by `lang::negotiate`).
pub struct RequestLang(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for RequestLang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(RequestLang(parts.extensions.get::<Lang>().copied().unwrap_or_default()))
    }
}

/// The browser's User-Agent, shortened, for the session list and the audit log.
pub fn user_agent(headers: &http::HeaderMap) -> String {
    headers
        .get(http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .chars()
        .take(300)
        .collect()
}
