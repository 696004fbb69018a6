//! Changing a member's role and removing a member. The business keeps at least one owner.

use crate::ServerState;
use crate::http::access::BusinessOwner;
use crate::http::answer;
use app::domain::location::{BusinessId, Role};
use app::error::AppError;
use app::store::StoreError;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;

fn back(owner: &BusinessOwner, query: &str) -> Response {
    answer::to(format!("/admin/team/{}?{query}", owner.business))
}

pub(super) fn role_of(text: &str) -> Result<Role, AppError> {
    Role::parse(text).ok_or_else(|| AppError::choice("role", &["owner", "manager", "staff"]))
}

async fn member_email(state: &ServerState, business: BusinessId, user: i64) -> String {
    let members = state.store().members(business).await.unwrap_or_default();
    members.into_iter().find(|m| m.user_id == user).map(|m| m.email).unwrap_or_default()
}

#[derive(Deserialize)]
pub struct RoleForm {
    role: String,
}

pub async fn set_role(
    State(state): State<ServerState>,
    owner: BusinessOwner,
    Path((_, user)): Path<(i64, i64)>,
    Form(form): Form<RoleForm>,
) -> Result<Response, AppError> {
    let role = role_of(&form.role)?;
    let email = member_email(&state, owner.business, user).await;
    match state.store().set_member_role(owner.business, user, role).await {
        Ok(()) => {
            owner.log(&state, "member.role", format!("{email} → {}", role.as_str())).await;
            Ok(back(&owner, &format!("changed={user}#member-{user}")))
        }
        Err(StoreError::Conflict(_)) => {
            Ok(back(&owner, &format!("error=last_owner#member-{user}")))
        }
        Err(error) => Err(error.into()),
    }
}

pub async fn remove(
    State(state): State<ServerState>,
    owner: BusinessOwner,
    Path((_, user)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let email = member_email(&state, owner.business, user).await;
    match state.store().remove_member(owner.business, user).await {
        Ok(()) => {
            owner.log(&state, "member.remove", email).await;
            if user == owner.viewer.user_id {
                Ok(answer::to("/admin"))
            } else {
                Ok(back(&owner, "removed=1"))
            }
        }
        Err(StoreError::Conflict(_)) => {
            Ok(back(&owner, &format!("error=last_owner#member-{user}")))
        }
        Err(error) => Err(error.into()),
    }
}
