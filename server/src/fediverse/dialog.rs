//! What comes back from the fediverse, and the shop's answer. A reply to one of our posts,
//! or a note that mentions a location, lands in that location's inbox (cleaned HTML; the
//! author's actor read signed, its server not blocked); a Delete from its author removes
//! it. Likes and boosts of a post are counted once per person, and Undo takes them back.
//! A member's answer goes to the author as a reply Note, served at `/{slug}/answers/{id}`.

use super::{Fediverse, key_of, public_location};
use crate::ServerState;
use crate::federation::activities;
use crate::federation::client::{self, RemoteActor, Signer};
use crate::federation::domain::location_lang;
use crate::federation::inbound::RemoteNote;
use crate::federation::note::{self, ReplyInput};
use app::domain::fediverse_message::NewFediverseMessage;
use app::domain::location::Location;
use app::error::AppError;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

fn accepted() -> Result<Response, AppError> {
    Ok(StatusCode::ACCEPTED.into_response())
}

/// A verified `Create{Note}`: stored for each location it answers or mentions.
pub async fn note(
    state: &ServerState,
    fediverse: &Fediverse,
    actor: &str,
    note: RemoteNote,
) -> Result<Response, AppError> {
    if note.attributed_to != actor {
        return Ok((StatusCode::BAD_REQUEST, "the note is not the actor's").into_response());
    }
    let mut targets: Vec<(Location, Option<i64>)> = Vec::new();
    if let Some((slug, post_id)) = &note.replies_to_post
        && let Ok(location) = public_location(state, slug).await
        && let Ok(post) = state.store().post(location.business_id, *post_id).await
        && post.location_id == location.id
    {
        targets.push((location, Some(post.id)));
    }
    for slug in &note.mentions_slugs {
        if targets.iter().any(|(l, _)| &l.slug == slug) {
            continue;
        }
        if let Ok(location) = public_location(state, slug).await {
            targets.push((location, None));
        }
    }
    let Some((first, _)) = targets.first() else { return accepted() };
    let Some(remote) = remote_actor(state, fediverse, first, actor).await else {
        return Ok((StatusCode::BAD_REQUEST, "the actor could not be read").into_response());
    };
    let host = remote.acct.split_once('@').map(|(_, host)| host.to_string()).unwrap_or_default();
    for (location, post_id) in targets {
        if state.store().blocked_hosts(location.business_id).await?.contains(&host) {
            continue;
        }
        let message = NewFediverseMessage {
            business_id: location.business_id,
            location_id: location.id,
            post_id,
            note_id: note.id.clone(),
            url: note.url.clone(),
            actor: remote.id.clone(),
            acct: remote.acct.clone(),
            actor_inbox: remote.inbox.clone(),
            content_html: note.content_html.clone(),
            summary: note.summary.clone().unwrap_or_default(),
            public: note.public,
        };
        if state.store().add_fediverse_message(&message, state.now()).await? {
            tracing::info!(slug = location.slug, actor, "a reply from the fediverse");
        }
    }
    accepted()
}

/// The author's actor document, fetched signed with the location's key.
async fn remote_actor(
    state: &ServerState,
    fediverse: &Fediverse,
    location: &Location,
    actor: &str,
) -> Option<RemoteActor> {
    let urls = fediverse.base.location(&location.slug);
    let (key, _) = key_of(state, location.id).await.ok()?;
    let key_id = urls.key_id();
    let signer = Signer { key_id: &key_id, key: &key };
    let document =
        client::fetch_object(&fediverse.client, actor, Some(signer), state.now()).await.ok()?;
    RemoteActor::from_document(&document).ok().filter(|remote| remote.id == actor)
}

/// `Delete` of a note: its author withdrew it.
pub async fn delete(state: &ServerState, actor: &str, object: &str) -> Result<Response, AppError> {
    state.store().delete_fediverse_message(actor, object).await?;
    accepted()
}

/// `Like` or `Announce` (`kind`: `like` or `announce`) of one of our posts.
pub async fn reaction(
    state: &ServerState,
    fediverse: &Fediverse,
    kind: &str,
    id: &str,
    actor: &str,
    object: &str,
) -> Result<Response, AppError> {
    if let Some(post) = our_post(state, fediverse, object).await {
        state.store().add_reaction(post, kind, actor, id, state.now()).await?;
    }
    accepted()
}

/// `Undo{Like}` / `Undo{Announce}`: by the reaction's id, or its post when named.
pub async fn undo_reaction(
    state: &ServerState,
    fediverse: &Fediverse,
    kind: &str,
    id: &str,
    actor: &str,
    object: Option<&str>,
) -> Result<Response, AppError> {
    let kind = if kind.eq_ignore_ascii_case("announce") { "announce" } else { "like" };
    let post = match object {
        Some(object) => our_post(state, fediverse, object).await,
        None => None,
    };
    state.store().remove_reaction(kind, actor, id, post).await?;
    accepted()
}

/// The published post of a public location an object URL names.
async fn our_post(state: &ServerState, fediverse: &Fediverse, object: &str) -> Option<i64> {
    let (slug, post_id) = fediverse.base.post_of(object)?;
    let location = public_location(state, &slug).await.ok()?;
    let post = state.store().post(location.business_id, post_id).await.ok()?;
    (post.location_id == location.id).then_some(post.id)
}

/// The answer as a Note (also what `/{slug}/answers/{id}` serves).
pub fn answer_note(
    fediverse: &Fediverse,
    location: &Location,
    message: &app::domain::fediverse_message::FediverseMessage,
) -> Option<serde_json::Value> {
    let published = message.answered_at?;
    let input = ReplyInput {
        answer_id: message.id,
        text: message.answer.clone(),
        lang: location_lang(location),
        in_reply_to: message.message.note_id.clone(),
        to_actor: message.message.actor.clone(),
        to_acct: message.message.acct.clone(),
        published,
    };
    Some(note::reply(&input, &fediverse.base.location(&location.slug)))
}

/// Queues the answer to the author's inbox.
pub async fn send_answer(
    state: &ServerState,
    fediverse: &Fediverse,
    location: &Location,
    message: &app::domain::fediverse_message::FediverseMessage,
) -> Result<(), AppError> {
    let Some(reply) = answer_note(fediverse, location, message) else { return Ok(()) };
    let activity = activities::create_reply(reply);
    let inboxes = [message.message.actor_inbox.clone()];
    state
        .store()
        .enqueue_deliveries(location.id, None, &activity.to_string(), &inboxes, state.now())
        .await?;
    super::deliver::wake(state);
    Ok(())
}

#[derive(serde::Deserialize)]
pub struct AnswerForm {
    #[serde(default)]
    answer: String,
}

/// `POST /admin/locations/{id}/fediverse/{message}/answer`: a manager's or owner's answer
/// (or staff's, when the owner allows it), sent to the author as a public reply; back to
/// the inbox's answered tab.
pub async fn answer(
    axum::extract::State(state): axum::extract::State<ServerState>,
    crate::http::access::LocationAnswerer(editor): crate::http::access::LocationAnswerer,
    axum::extract::Path((_, id)): axum::extract::Path<(i64, i64)>,
    axum::Form(form): axum::Form<AnswerForm>,
) -> Result<Response, AppError> {
    use app::domain::fediverse_message::MAX_ANSWER_CHARS;
    let fediverse = super::fediverse(&state)?;
    let message = state.store().fediverse_message(editor.business, id).await?;
    if message.message.location_id != editor.id() {
        return Err(AppError::NotFound);
    }
    let back = |status: &str, done: &str| {
        let base = format!("/admin/locations/{}/questions", editor.id());
        crate::http::answer::to(format!("{base}?status={status}&done={done}#fediverse"))
    };
    let text = form.answer.trim();
    if text.is_empty() || text.chars().count() > MAX_ANSWER_CHARS {
        return Ok(back(message.status.as_str(), "bad_answer"));
    }
    let user = editor.actor.user_id.ok_or(AppError::NotFound)?;
    let store = state.store();
    store.answer_fediverse_message(editor.business, id, text, user, state.now()).await?;
    let message = store.fediverse_message(editor.business, id).await?;
    send_answer(&state, fediverse, &editor.location, &message).await?;
    editor.log(&state, "fediverse.answer", &format!("@{}", message.message.acct)).await;
    Ok(back("answered", "fediverse_sent"))
}

/// `GET /{slug}/answers/{id}`: an answer as a Note, for servers that fetch it.
pub async fn served_answer(
    axum::extract::State(state): axum::extract::State<ServerState>,
    axum::extract::Path((slug, id)): axum::extract::Path<(String, i64)>,
) -> Result<Response, AppError> {
    let fediverse = super::fediverse(&state)?;
    let location = public_location(&state, &slug).await?;
    let message = state.store().fediverse_message(location.business_id, id).await?;
    if message.message.location_id != location.id {
        return Err(AppError::NotFound);
    }
    let mut note = answer_note(fediverse, &location, &message).ok_or(AppError::NotFound)?;
    note["@context"] = crate::federation::context();
    Ok(super::activity_json(&note))
}
