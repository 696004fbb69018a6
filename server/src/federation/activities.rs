//! The activities a location sends: Accept{Follow}, Create/Update{Note}, Delete{Tombstone}
//! and Update{actor}. Each carries the one `@context` (the embedded object's own is dropped),
//! is addressed to the public and the followers, and has an id that never repeats for a
//! different activity (servers drop ids they have seen).

use super::note::{PUBLIC, timestamp};
use super::urls::LocationUrls;
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

fn without_context(mut object: Value) -> Value {
    if let Some(map) = object.as_object_mut() {
        map.remove("@context");
    }
    object
}

fn activity(kind: &str, id: String, urls: &LocationUrls, object: Value) -> Value {
    json!({
        "@context": super::context(),
        "id": id,
        "type": kind,
        "actor": urls.actor(),
        "to": [PUBLIC],
        "cc": [urls.followers()],
        "object": without_context(object),
    })
}

/// The answer to a Follow (automatic: Nahbar's actors approve every follower). The Follow
/// is embedded as received, so the follower's server recognises its own request.
pub fn accept_follow(urls: &LocationUrls, follow_id: &str, follower: &str) -> Value {
    json!({
        "@context": super::context(),
        "id": urls.accept(follow_id),
        "type": "Accept",
        "actor": urls.actor(),
        "to": [follower],
        "object": {
            "id": follow_id,
            "type": "Follow",
            "actor": follower,
            "object": urls.actor(),
        },
    })
}

/// A published post (the Note from [`super::note::note`]) for the followers' timelines.
pub fn create(urls: &LocationUrls, post_id: i64, note: Value) -> Value {
    let published = note.get("published").cloned().unwrap_or(Value::Null);
    let mut create = activity("Create", urls.create(post_id), urls, note);
    create["published"] = published;
    create
}

/// An edited post; `revision` (e.g. the edit's Unix time) makes the id unique per edit.
pub fn update(urls: &LocationUrls, post_id: i64, revision: i64, note: Value) -> Value {
    activity("Update", urls.update(post_id, revision), urls, note)
}

/// An archived post: servers remove it from timelines.
pub fn delete(urls: &LocationUrls, post_id: i64, now: DateTime<Utc>) -> Value {
    let tombstone = json!({
        "id": urls.note(post_id),
        "type": "Tombstone",
        "formerType": "Note",
        "deleted": timestamp(now),
    });
    activity("Delete", urls.delete(post_id), urls, tombstone)
}

/// A changed profile (hours, fields, name, pictures): servers refetch nothing, they take
/// the actor as sent (after checking the signature).
pub fn update_actor(urls: &LocationUrls, revision: i64, actor: Value) -> Value {
    activity("Update", urls.actor_update(revision), urls, actor)
}

/// A short notice of the location's own (closure, special hours) from
/// [`super::note::notice`].
pub fn create_notice(urls: &LocationUrls, notice: Value) -> Value {
    let id = format!("{}#create", notice["id"].as_str().unwrap_or_default());
    let published = notice.get("published").cloned().unwrap_or(Value::Null);
    let mut create = activity("Create", id, urls, notice);
    create["published"] = published;
    create
}

/// A member's answer ([`super::note::reply`]): addressed like the Note itself, so it
/// reaches the person answered as well as the followers.
pub fn create_reply(reply: Value) -> Value {
    let id = format!("{}#create", reply["id"].as_str().unwrap_or_default());
    json!({
        "@context": super::context(),
        "id": id,
        "type": "Create",
        "actor": reply["attributedTo"],
        "published": reply["published"],
        "to": reply["to"],
        "cc": reply["cc"],
        "object": reply,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::federation::urls::Base;
    use chrono::TimeZone;

    fn urls() -> LocationUrls {
        Base::parse("https://shop.example").expect("base").location("baeckerei")
    }

    #[test]
    fn an_accept_embeds_the_follow_it_answers() {
        let accept = accept_follow(
            &urls(),
            "https://social.example/f/1",
            "https://social.example/users/alice",
        );
        assert_eq!(accept["type"], "Accept");
        assert_eq!(accept["actor"], "https://shop.example/baeckerei/actor");
        assert_eq!(accept["object"]["id"], "https://social.example/f/1");
        assert_eq!(accept["object"]["object"], "https://shop.example/baeckerei/actor");
        assert_eq!(accept["to"], json!(["https://social.example/users/alice"]));
        let again = accept_follow(
            &urls(),
            "https://social.example/f/1",
            "https://social.example/users/alice",
        );
        let other = accept_follow(
            &urls(),
            "https://social.example/f/2",
            "https://social.example/users/alice",
        );
        assert_eq!(again["id"], accept["id"]);
        assert_ne!(other["id"], accept["id"]);
    }

    #[test]
    fn create_update_and_delete_are_addressed_and_have_distinct_ids() {
        let note = json!({"@context": "x", "id": urls().note(42), "type": "Note", "published": "2026-12-20T08:00:00Z"});
        let create = create(&urls(), 42, note.clone());
        assert_eq!(create["object"].get("@context"), None);
        assert_eq!(create["published"], "2026-12-20T08:00:00Z");
        assert_eq!(create["to"], json!([PUBLIC]));
        assert_eq!(create["cc"], json!(["https://shop.example/baeckerei/followers"]));
        let update1 = update(&urls(), 42, 1, note.clone());
        let update2 = update(&urls(), 42, 2, note);
        let now = Utc.with_ymd_and_hms(2026, 12, 21, 8, 0, 0).single().expect("t");
        let delete = delete(&urls(), 42, now);
        let ids = [&create["id"], &update1["id"], &update2["id"], &delete["id"]];
        for (n, a) in ids.iter().enumerate() {
            assert!(ids.iter().skip(n + 1).all(|b| a != b), "{ids:?}");
        }
        assert_eq!(delete["object"]["type"], "Tombstone");
        assert_eq!(delete["object"]["id"], "https://shop.example/baeckerei/posts/42/note");
        assert_eq!(delete["object"]["deleted"], "2026-12-21T08:00:00Z");
    }
}
