//! Data for a person's own account screen and the first-start setup page. Their forms post
//! to the server's `account` handlers.

use crate::domain::team::SessionInfo;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Whether a one-time setup link can still be used.
#[server]
pub async fn check_setup_token(token: String) -> Result<bool, AppError> {
    use crate::context::{app_state, hash_token, now};
    Ok(app_state().store.setup_token_valid(&hash_token(&token), now()).await?)
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AccountPageData {
    pub display_name: String,
    pub email: String,
    pub sessions: Vec<SessionInfo>,
    /// Whether this person asked for the weekly summary by e-mail.
    pub weekly_summary: bool,
    /// Managers and owners may have it; staff see why not.
    pub summary_offered: bool,
    /// Whether this Nahbar can send mail at all.
    pub mail: bool,
}

/// The viewer's own account: name, email and every browser signed in to it.
#[server]
pub async fn get_account_page() -> Result<AccountPageData, AppError> {
    use crate::context::{app_state, hash_token, now};
    let viewer = crate::access::signed_in()?;
    let current = session_token().map(|token| hash_token(&token));
    let sessions = app_state()
        .store
        .sessions_of(viewer.user_id, now())
        .await?
        .into_iter()
        .map(|(hash, mut info)| {
            info.current = current.as_deref() == Some(hash.as_str());
            info
        })
        .collect();
    let state = app_state();
    let summary_offered = viewer.memberships.iter().any(|m| m.role.can_edit_locations());
    Ok(AccountPageData {
        weekly_summary: state.store.weekly_summary(viewer.user_id).await?,
        summary_offered,
        mail: state.mail,
        display_name: viewer.display_name,
        email: viewer.email,
        sessions,
    })
}

#[cfg(feature = "ssr")]
fn session_token() -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    let cookies = parts.headers.get_all(http::header::COOKIE);
    cookies.iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(';')).find_map(|pair| {
        let (name, value) = pair.trim().split_once('=')?;
        (name == "nahbar_session").then(|| value.to_string())
    })
}
