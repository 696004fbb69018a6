use super::*;
use serde_json::json;

const ALICE: &str = "https://social.example/users/alice";

fn base() -> Base {
    Base::parse("https://shop.example").expect("base")
}

fn read(value: serde_json::Value) -> Result<Incoming, InboundError> {
    parse(value.to_string().as_bytes(), &base())
}

#[test]
fn a_follow_names_the_actor_it_follows() {
    let follow = read(json!({
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": "https://social.example/f/1", "type": "Follow", "actor": ALICE,
        "object": "https://shop.example/baeckerei/actor"
    }));
    assert_eq!(
        follow,
        Ok(Incoming::Follow {
            id: "https://social.example/f/1".into(),
            actor: ALICE.into(),
            object: "https://shop.example/baeckerei/actor".into(),
        })
    );
}

#[test]
fn an_undo_of_a_follow_is_read_embedded_or_by_reference() {
    let embedded = read(json!({
        "id": "https://social.example/u/1", "type": "Undo", "actor": {"id": ALICE},
        "object": {"id": "https://social.example/f/1", "type": "Follow", "actor": ALICE,
                   "object": "https://shop.example/baeckerei/actor"}
    }));
    assert_eq!(
        embedded,
        Ok(Incoming::UndoFollow {
            id: "https://social.example/u/1".into(),
            actor: ALICE.into(),
            follow_id: "https://social.example/f/1".into(),
            object: Some("https://shop.example/baeckerei/actor".into()),
        })
    );
    let by_id = read(json!({"id": "u2", "type": "Undo", "actor": ALICE, "object": "f1"}));
    assert!(
        matches!(by_id, Ok(Incoming::UndoFollow { ref follow_id, object: None, .. }) if follow_id == "f1")
    );
}

#[test]
fn a_reply_to_our_post_is_found_and_its_html_cleaned() {
    let reply = read(json!({
        "id": "https://social.example/users/alice/statuses/9/activity", "type": "Create",
        "actor": ALICE,
        "to": ["https://www.w3.org/ns/activitystreams#Public"],
        "object": {
            "id": "https://social.example/users/alice/statuses/9", "type": "Note",
            "url": "https://social.example/@alice/9",
            "attributedTo": ALICE,
            "inReplyTo": "https://shop.example/baeckerei/posts/42/note",
            "content": "<p><span class=\"h-card\"><a href=\"https://shop.example/baeckerei\" class=\"u-url mention\">@baeckerei</a></span> Noch Brezeln da?<script>steal()</script></p>",
            "summary": null,
            "published": "2026-03-14T09:30:00Z",
            "to": "https://www.w3.org/ns/activitystreams#Public",
            "cc": [ALICE],
            "tag": {"type": "Mention", "href": "https://shop.example/baeckerei/actor", "name": "@baeckerei@shop.example"}
        }
    }));
    let Ok(Incoming::Note { note, actor, .. }) = reply else { panic!("{reply:?}") };
    assert_eq!(actor, ALICE);
    assert_eq!(note.replies_to_post, Some(("baeckerei".into(), 42)));
    assert_eq!(note.mentions_slugs, ["baeckerei"]);
    assert_eq!(note.url, "https://social.example/@alice/9");
    assert!(note.public);
    assert!(note.content_html.contains("Noch Brezeln da?"));
    assert!(!note.content_html.contains("script"));
}

#[test]
fn a_note_that_is_neither_reply_nor_mention_has_no_slugs() {
    let note = read(json!({
        "id": "c1", "type": "Create", "actor": ALICE,
        "object": {"id": "n1", "type": "Note", "attributedTo": ALICE,
                   "contentMap": {"de": "<p>Hallo</p>"}, "to": [ALICE]}
    }));
    let Ok(Incoming::Note { note, .. }) = note else { panic!("{note:?}") };
    assert_eq!(note.replies_to_post, None);
    assert!(note.mentions_slugs.is_empty());
    assert!(!note.public);
    assert_eq!(note.content_html, "<p>Hallo</p>");
}

#[test]
fn a_note_in_someone_elses_name_is_not_taken() {
    let forged = read(json!({
        "id": "c1", "type": "Create", "actor": ALICE,
        "object": {"id": "n1", "type": "Note", "attributedTo": "https://other.example/users/bob",
                   "content": "hi", "inReplyTo": "https://shop.example/baeckerei/posts/1/note"}
    }));
    assert!(matches!(forged, Ok(Incoming::Other { ref kind, .. }) if kind == "Create"));
}

#[test]
fn likes_boosts_their_undos_and_deletes_are_read() {
    let note = "https://shop.example/baeckerei/posts/42/note";
    let like = read(json!({"id": "l1", "type": "Like", "actor": ALICE, "object": note}));
    assert_eq!(
        like,
        Ok(Incoming::Like { id: "l1".into(), actor: ALICE.into(), object: note.into() })
    );
    let boost =
        read(json!({"id": "a1", "type": "Announce", "actor": ALICE, "object": {"id": note}}));
    assert!(matches!(boost, Ok(Incoming::Announce { ref object, .. }) if object == note));
    let undo = read(json!({"id": "u1", "type": "Undo", "actor": ALICE,
        "object": {"id": "l1", "type": "Like", "actor": ALICE, "object": note}}));
    assert!(
        matches!(undo, Ok(Incoming::UndoReaction { ref kind, ref object, .. }) if kind == "Like" && object.as_deref() == Some(note))
    );
    let delete = read(json!({"id": "d1", "type": "Delete", "actor": ALICE,
        "object": {"id": "https://social.example/users/alice/statuses/9", "type": "Tombstone"}}));
    assert!(
        matches!(delete, Ok(Incoming::Delete { ref object, .. }) if object.ends_with("/statuses/9"))
    );
    let gone = read(json!({"id": "d2", "type": "Delete", "actor": ALICE, "object": ALICE}));
    assert!(matches!(gone, Ok(Incoming::Delete { ref object, .. }) if object == ALICE));
}

#[test]
fn other_activities_are_acknowledged_as_other() {
    let update = read(json!({"id": "x", "type": ["Update"], "actor": ALICE, "object": ALICE}));
    assert!(matches!(update, Ok(Incoming::Other { ref kind, .. }) if kind == "Update"));
}

#[test]
fn bad_bodies_are_clear_errors_not_panics() {
    assert_eq!(parse(b"not json", &base()), Err(InboundError::NotJson));
    assert_eq!(parse(b"[1,2]", &base()), Err(InboundError::NotJson));
    assert_eq!(read(json!({"type": "Follow", "id": "x"})), Err(InboundError::MissingField));
    assert_eq!(
        read(json!({"type": "Follow", "actor": ALICE, "id": "x"})),
        Err(InboundError::MissingField)
    );
    let mut deep = json!("x");
    for _ in 0..40 {
        deep = json!([deep]);
    }
    let nested = json!({"id": "x", "type": "Note", "actor": ALICE, "object": deep});
    assert_eq!(read(nested), Err(InboundError::TooDeep));
    assert_eq!(InboundError::TooDeep.code(), "activity_too_deep");
}
