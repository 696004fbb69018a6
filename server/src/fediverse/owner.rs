//! The owner's hand on the followers: remove one follower, block (or unblock) a whole
//! server for the business. Form posts from `/admin/locations/{id}/followers`.

use crate::ServerState;
use crate::http::access::{LocationEditor, audit};
use crate::http::answer;
use app::domain::team::Change;
use app::error::AppError;
use axum::Form;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;

fn back(id: i64, query: &str) -> Response {
    answer::to(format!("/admin/locations/{id}/followers?{query}"))
}

async fn log(state: &ServerState, editor: &LocationEditor, action: &str, detail: &str) {
    let change = Change {
        business_id: editor.business,
        location_id: Some(editor.id()),
        action: action.to_string(),
        detail: detail.to_string(),
    };
    // Followers are not part of the location's data: no revision is kept.
    audit(state, &editor.actor, change, None).await;
}

#[derive(Deserialize)]
pub struct FollowerForm {
    actor: String,
}

pub async fn remove(
    State(state): State<ServerState>,
    editor: LocationEditor,
    Form(form): Form<FollowerForm>,
) -> Result<Response, AppError> {
    if !state.store().remove_follower(editor.id(), form.actor.trim()).await? {
        return Err(AppError::NotFound);
    }
    log(&state, &editor, "fediverse.follower.remove", form.actor.trim()).await;
    Ok(back(editor.id(), "removed=1"))
}

#[derive(Deserialize)]
pub struct HostForm {
    host: String,
    #[serde(default)]
    unblock: Option<String>,
}

/// `example.social` or `example.social:8443`, lower case; anything else is refused.
fn host_name(text: &str) -> Option<String> {
    let host = text.trim().trim_start_matches('@').to_ascii_lowercase();
    let host = host.rsplit('@').next().unwrap_or_default().to_string();
    let (name, port) = host.split_once(':').unwrap_or((host.as_str(), ""));
    let name_ok =
        (!name.is_empty() && name.len() <= 253 && name.contains('.')) || name == "localhost";
    let name_ok =
        name_ok && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
    let port_ok = port.is_empty() || port.parse::<u16>().is_ok();
    (name_ok && port_ok).then_some(host)
}

pub async fn block(
    State(state): State<ServerState>,
    editor: LocationEditor,
    Form(form): Form<HostForm>,
) -> Result<Response, AppError> {
    let Some(host) = host_name(&form.host) else {
        return Ok(back(editor.id(), "error=host"));
    };
    if form.unblock.is_some() {
        state.store().unblock_host(editor.business, &host).await?;
        log(&state, &editor, "fediverse.server.unblock", &host).await;
        return Ok(back(editor.id(), "unblocked=1"));
    }
    let removed = state.store().block_host(editor.business, &host, state.now()).await?;
    log(&state, &editor, "fediverse.server.block", &format!("{host} ({removed})")).await;
    Ok(back(editor.id(), "blocked=1"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_server_is_named_by_its_host() {
        use super::host_name;
        assert_eq!(host_name(" Mastodon.Social ").as_deref(), Some("mastodon.social"));
        assert_eq!(host_name("@kim@chaos.social").as_deref(), Some("chaos.social"));
        assert_eq!(host_name("localhost:3000").as_deref(), Some("localhost:3000"));
        assert_eq!(host_name("no host"), None);
        assert_eq!(host_name("evil.example/path"), None);
        assert_eq!(host_name("x.example:99999"), None);
    }
}
