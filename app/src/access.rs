//! The one place that answers "may this viewer touch this object?". Server functions call
//! it (through the request-bound helpers at the end), and so do the server's extractors
//! (`server::http::access`), so a page and the form it posts to can never disagree.
//!
//! Every refusal is `AppError::NotFound`: a business the viewer does not belong to, a role
//! too small, and an object that does not exist all answer the same, so a refusal reveals
//! nothing (the isolation matrix test holds every route to this).

use crate::context::Viewer;
use crate::domain::location::{BusinessId, Location, LocationId, Membership, Role};
use crate::domain::post::Post;
use crate::error::AppError;
use crate::store::{Store, StoreError};

/// The role a request needs in the business it touches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    /// Staff, managers and owners.
    Member,
    /// Managers and owners: locations, hours, POIs, approving posts, the history.
    Manager,
    /// Owners: the team, publishing rules, deleting.
    Owner,
}

impl Need {
    pub fn allows(self, role: Role) -> bool {
        match self {
            Need::Member => true,
            Need::Manager => role.can_edit_locations(),
            Need::Owner => role == Role::Owner,
        }
    }
}

/// The viewer's membership in `business`, if it grants `need`.
pub fn membership(
    viewer: &Viewer,
    business: BusinessId,
    need: Need,
) -> Result<&Membership, AppError> {
    viewer
        .memberships
        .iter()
        .find(|m| m.business_id == business && need.allows(m.role))
        .ok_or(AppError::NotFound)
}

/// The location with this id in one of the viewer's businesses where they have `need`,
/// with that membership ("find this location among my businesses").
pub async fn location(
    store: &dyn Store,
    viewer: &Viewer,
    id: LocationId,
    need: Need,
) -> Result<(Membership, Location), AppError> {
    for membership in viewer.memberships.iter().filter(|m| need.allows(m.role)) {
        match store.location(membership.business_id, id).await {
            Ok(location) => return Ok((membership.clone(), location)),
            Err(StoreError::NotFound) => continue,
            Err(error) => return Err(error.into()),
        }
    }
    Err(AppError::NotFound)
}

/// Whether a member with `role` sees this post: staff see only their own.
pub fn may_see_post(viewer: &Viewer, role: Role, post: &Post) -> bool {
    role != Role::Staff || post.author_id == viewer.user_id
}

/// A post of one of the viewer's businesses that they may see, with that membership.
pub async fn post(
    store: &dyn Store,
    viewer: &Viewer,
    id: i64,
) -> Result<(Membership, Post), AppError> {
    for membership in &viewer.memberships {
        match store.post(membership.business_id, id).await {
            Ok(post) if may_see_post(viewer, membership.role, &post) => {
                return Ok((membership.clone(), post));
            }
            Ok(_) => return Err(AppError::NotFound),
            Err(StoreError::NotFound) => continue,
            Err(error) => return Err(error.into()),
        }
    }
    Err(AppError::NotFound)
}

// ----- for server functions: the viewer of the request being answered -------------------
// These also set the response status, as a server function's error needs.

/// The signed-in viewer, or `Unauthorized`.
pub fn signed_in() -> Result<Viewer, AppError> {
    crate::context::viewer().ok_or_else(|| crate::context::fail(AppError::Unauthorized))
}

/// The viewer and their membership in `business`, if it grants `need`.
pub fn business(business: BusinessId, need: Need) -> Result<(Viewer, Membership), AppError> {
    let viewer = signed_in()?;
    let found = membership(&viewer, business, need).cloned().map_err(crate::context::fail)?;
    Ok((viewer, found))
}

/// The location with this id, if the viewer has `need` in its business.
pub async fn location_of_viewer(
    id: LocationId,
    need: Need,
) -> Result<(Membership, Location), AppError> {
    let viewer = signed_in()?;
    let store = crate::context::app_state().store;
    location(store.as_ref(), &viewer, id, need).await.map_err(crate::context::fail)
}
