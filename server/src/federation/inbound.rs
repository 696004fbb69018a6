//! Incoming activities, read into the few shapes Nahbar acts on. ActivityStreams lets most
//! properties be a string, an object with an `id`, or an array of either; this reads all
//! three. HTML from elsewhere is cleaned ([`super::sanitize`]) here, so no caller can show
//! it raw by mistake.

use super::note::PUBLIC;
use super::sanitize::clean_html;
use super::urls::Base;
use serde_json::Value;

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InboundError {
    #[error("the body is not a JSON object")]
    NotJson,
    #[error("the activity has no id, type or actor")]
    MissingField,
    #[error("the activity is too deeply nested")]
    TooDeep,
}

impl InboundError {
    pub fn code(self) -> &'static str {
        match self {
            InboundError::NotJson => "activity_not_json",
            InboundError::MissingField => "activity_incomplete",
            InboundError::TooDeep => "activity_too_deep",
        }
    }
}

/// A reply to one of our posts, or a note that mentions one of our actors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemoteNote {
    pub id: String,
    /// The page to link to (`url`), else the id.
    pub url: String,
    pub attributed_to: String,
    /// Cleaned HTML, safe to show.
    pub content_html: String,
    /// The warning the author put before the text (`summary`), as plain text.
    pub summary: Option<String>,
    pub in_reply_to: Option<String>,
    /// Our post it answers: `(slug, post id)` when `in_reply_to` is one of our notes.
    pub replies_to_post: Option<(String, i64)>,
    /// `href`s of its `Mention` tags.
    pub mentions: Vec<String>,
    /// Slugs of our actors it mentions.
    pub mentions_slugs: Vec<String>,
    pub published: Option<String>,
    /// Addressed to the public collection (else followers-only or direct).
    pub public: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Incoming {
    Follow {
        id: String,
        actor: String,
        object: String,
    },
    /// `Undo{Follow}`: `follow_id` is the Follow's id (the object may be given by id only).
    UndoFollow {
        id: String,
        actor: String,
        follow_id: String,
        object: Option<String>,
    },
    /// `Create{Note}` (or another object type with text): replies and mentions land in the
    /// staff inbox, anything else is ignored by the caller.
    Note {
        id: String,
        actor: String,
        note: Box<RemoteNote>,
    },
    Like {
        id: String,
        actor: String,
        object: String,
    },
    Announce {
        id: String,
        actor: String,
        object: String,
    },
    /// `Undo{Like}` and `Undo{Announce}`, to take a count back.
    UndoReaction {
        id: String,
        actor: String,
        kind: String,
        object: Option<String>,
    },
    /// `Delete` of a remote note (a reply is withdrawn) or of the actor itself.
    Delete {
        id: String,
        actor: String,
        object: String,
    },
    /// Anything else (Update, Accept, Block, Move …): acknowledged, not acted on.
    Other {
        id: String,
        actor: String,
        kind: String,
    },
}

impl Incoming {
    pub fn actor(&self) -> &str {
        match self {
            Incoming::Follow { actor, .. }
            | Incoming::UndoFollow { actor, .. }
            | Incoming::Note { actor, .. }
            | Incoming::Like { actor, .. }
            | Incoming::Announce { actor, .. }
            | Incoming::UndoReaction { actor, .. }
            | Incoming::Delete { actor, .. }
            | Incoming::Other { actor, .. } => actor,
        }
    }
}

/// `"x"`, `{"id": "x"}` (or `{"href": "x"}` for links) → `x`.
pub fn id_of(value: &Value) -> Option<&str> {
    match value {
        Value::String(s) => Some(s),
        Value::Object(map) => map.get("id").or_else(|| map.get("href")).and_then(Value::as_str),
        Value::Array(items) => items.first().and_then(id_of),
        _ => None,
    }
}

/// A property as a list, whether it was one value or an array.
pub fn list(value: Option<&Value>) -> Vec<&Value> {
    match value {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items.iter().collect(),
        Some(other) => vec![other],
    }
}

/// The first type name (`"Note"`, or the first of `["Note", "…"]`).
pub fn type_of(value: &Value) -> Option<&str> {
    match value.get("type")? {
        Value::String(s) => Some(s),
        Value::Array(items) => items.first().and_then(Value::as_str),
        _ => None,
    }
}

fn depth(value: &Value) -> usize {
    match value {
        Value::Array(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
        Value::Object(map) => 1 + map.values().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

fn text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.clone()),
        Value::Object(map) => map.values().find_map(Value::as_str).map(str::to_string),
        _ => None,
    }
}

fn note(object: &Value, base: &Base) -> Option<RemoteNote> {
    let id = id_of(object)?.to_string();
    let in_reply_to = object.get("inReplyTo").and_then(id_of).map(str::to_string);
    let mentions: Vec<String> = list(object.get("tag"))
        .into_iter()
        .filter(|tag| type_of(tag) == Some("Mention"))
        .filter_map(|tag| tag.get("href").and_then(Value::as_str).map(str::to_string))
        .collect();
    let content = text(object.get("content")).or_else(|| text(object.get("contentMap")));
    let addressed: Vec<&str> = list(object.get("to"))
        .into_iter()
        .chain(list(object.get("cc")))
        .filter_map(id_of)
        .collect();
    Some(RemoteNote {
        url: object.get("url").and_then(id_of).unwrap_or(&id).to_string(),
        attributed_to: object.get("attributedTo").and_then(id_of).unwrap_or_default().to_string(),
        content_html: clean_html(&content.unwrap_or_default()),
        summary: text(object.get("summary"))
            .map(|s| super::sanitize::plain_text(&s))
            .filter(|s| !s.is_empty()),
        replies_to_post: in_reply_to.as_deref().and_then(|r| base.post_of(r)),
        in_reply_to,
        mentions_slugs: mentions.iter().filter_map(|m| base.slug_of(m)).collect(),
        mentions,
        published: object.get("published").and_then(Value::as_str).map(str::to_string),
        public: addressed.iter().any(|a| *a == PUBLIC || *a == "as:Public" || *a == "Public"),
        id,
    })
}

/// Reads an activity. `base` is ours: replies to our notes and mentions of our actors are
/// resolved to slugs and post ids.
pub fn parse(body: &[u8], base: &Base) -> Result<Incoming, InboundError> {
    let value: Value = serde_json::from_slice(body).map_err(|_| InboundError::NotJson)?;
    if !value.is_object() {
        return Err(InboundError::NotJson);
    }
    if depth(&value) > 32 {
        return Err(InboundError::TooDeep);
    }
    let kind = type_of(&value).ok_or(InboundError::MissingField)?.to_string();
    let id = id_of(&value).ok_or(InboundError::MissingField)?.to_string();
    let actor = value.get("actor").and_then(id_of).ok_or(InboundError::MissingField)?.to_string();
    let object = value.get("object");
    let object_id = object.and_then(id_of).map(str::to_string);
    let need = |o: Option<String>| o.ok_or(InboundError::MissingField);
    Ok(match kind.as_str() {
        "Follow" => Incoming::Follow { id, actor, object: need(object_id)? },
        "Like" | "EmojiReact" => Incoming::Like { id, actor, object: need(object_id)? },
        "Announce" => Incoming::Announce { id, actor, object: need(object_id)? },
        "Delete" => Incoming::Delete { id, actor, object: need(object_id)? },
        "Undo" => {
            let inner = object.ok_or(InboundError::MissingField)?;
            let inner_kind = type_of(inner);
            let inner_object = inner.get("object").and_then(id_of).map(str::to_string);
            let inner_id = need(object_id)?;
            match inner_kind {
                Some("Like" | "EmojiReact" | "Announce") => Incoming::UndoReaction {
                    id,
                    actor,
                    kind: inner_kind.unwrap_or_default().to_string(),
                    object: inner_object,
                },
                // Undo{<id>} by reference: most servers only ever undo follows that way.
                Some("Follow") | None => {
                    Incoming::UndoFollow { id, actor, follow_id: inner_id, object: inner_object }
                }
                Some(other) => Incoming::Other { id, actor, kind: format!("Undo{{{other}}}") },
            }
        }
        // A note in someone else's name is not this actor's to create (Mastodon's rule too).
        "Create" => match object.filter(|o| o.is_object()).and_then(|o| note(o, base)) {
            Some(note) if note.attributed_to.is_empty() || note.attributed_to == actor => {
                Incoming::Note { id, actor, note: Box::new(note) }
            }
            _ => Incoming::Other { id, actor, kind },
        },
        _ => Incoming::Other { id, actor, kind },
    })
}

#[cfg(test)]
#[path = "inbound_tests.rs"]
mod tests;
