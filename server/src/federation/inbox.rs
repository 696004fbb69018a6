//! An inbox POST from start to end: signature, key, activity, and that the key's owner is
//! the actor. The handler gives the request and a way to get a key (its cache, else a
//! signed fetch with [`super::client::fetch_key`]); it gets back a verified, parsed activity
//! or a reason code for the 401/400. Nothing is stored before this returns `Ok`.

use super::inbound::{self, InboundError, Incoming as Activity};
use super::signature::{self, Incoming, SignatureError};
use chrono::{DateTime, Utc};
use rsa::PublicKey;

/// A remote actor's key as fetched (and cached by the caller).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemoteKey {
    pub key_id: String,
    /// The actor the key document names as its owner.
    pub owner: String,
    pub public_key: PublicKey,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InboxError {
    #[error(transparent)]
    Signature(#[from] SignatureError),
    /// The key could not be had. `gone` when the actor answered 404/410: the account was
    /// deleted, and Mastodon then sends a `Delete` of it that can never be verified (answer
    /// 202 and drop it).
    #[error("the signing key could not be fetched")]
    KeyUnavailable { gone: bool },
    #[error("the key belongs to another actor than the activity's")]
    KeyNotActors,
    #[error(transparent)]
    Activity(#[from] InboundError),
}

impl InboxError {
    pub fn code(&self) -> &'static str {
        match self {
            InboxError::Signature(e) => e.code(),
            InboxError::KeyUnavailable { gone: true } => "key_gone",
            InboxError::KeyUnavailable { gone: false } => "key_unavailable",
            InboxError::KeyNotActors => "key_not_actors",
            InboxError::Activity(e) => e.code(),
        }
    }

    /// 401 for anything about who sent it, 400 for a verified but unreadable activity.
    pub fn status(&self) -> u16 {
        match self {
            InboxError::Activity(_) => 400,
            _ => 401,
        }
    }
}

/// A request whose signature, key and actor all agree.
#[derive(Clone, Debug, PartialEq)]
pub struct Verified {
    pub activity: Activity,
    pub key_id: String,
    /// The verified actor (the key's owner and the activity's `actor`).
    pub actor: String,
}

/// Verifies an inbox request. `now` is the injected clock; `key_for(key_id)` gives the key
/// (`Err(gone)` when it cannot). `base` is our public base URL, to tell our objects from
/// others in the parsed activity.
pub async fn verify<F>(
    request: &Incoming<'_>,
    now: DateTime<Utc>,
    base: &super::urls::Base,
    key_for: F,
) -> Result<Verified, InboxError>
where
    F: AsyncFnOnce(&str) -> Result<RemoteKey, bool>,
{
    let params = signature::parse(request.headers)?;
    signature::precheck(request, &params, now)?;
    let key = key_for(&params.key_id).await.map_err(|gone| InboxError::KeyUnavailable { gone })?;
    signature::verify(request, &params, &key.public_key, now)?;
    let activity = inbound::parse(request.body, base)?;
    if activity.actor() != key.owner {
        return Err(InboxError::KeyNotActors);
    }
    Ok(Verified { activity, key_id: params.key_id, actor: key.owner })
}

#[cfg(test)]
#[path = "inbox_tests.rs"]
mod tests;
