//! The publishing rules as one table: every state × action × actor, with approval on.

use super::*;
use chrono::Duration;

const STAFF_AUTHOR: Actor = Actor { role: Role::Staff, is_author: true };
const STAFF_OTHER: Actor = Actor { role: Role::Staff, is_author: false };
const MANAGER: Actor = Actor { role: Role::Manager, is_author: false };
const OWNER_AUTHOR: Actor = Actor { role: Role::Owner, is_author: true };

/// `Ok(state)`, `N` (not allowed) or `W` (wrong state), for each actor above in order.
type Row = (PostState, Action, [Result<PostState, Refusal>; 4]);

#[test]
fn every_state_action_and_role_with_approval_required() {
    use PostState::*;
    const N: Result<PostState, Refusal> = Err(Refusal::NotAllowed);
    const W: Result<PostState, Refusal> = Err(Refusal::WrongState);
    let table: Vec<Row> = vec![
        (Draft, Action::Submit, [Ok(Pending), N, N, Ok(Published)]),
        (Rejected, Action::Submit, [Ok(Pending), N, N, Ok(Published)]),
        (Pending, Action::Submit, [W, N, N, W]),
        (Published, Action::Submit, [W, N, N, W]),
        (Pending, Action::Approve, [N, N, Ok(Published), Ok(Published)]),
        (Draft, Action::Approve, [N, N, W, W]),
        (Published, Action::Approve, [N, N, W, W]),
        (Pending, Action::Reject, [N, N, Ok(Rejected), Ok(Rejected)]),
        (Scheduled, Action::Reject, [N, N, Ok(Rejected), Ok(Rejected)]),
        (Published, Action::Reject, [N, N, W, W]),
        (Draft, Action::Publish, [N, N, Ok(Published), Ok(Published)]),
        (Pending, Action::Publish, [N, N, Ok(Published), Ok(Published)]),
        (Scheduled, Action::Publish, [N, N, Ok(Published), Ok(Published)]),
        (Archived, Action::Publish, [N, N, Ok(Published), Ok(Published)]),
        (Rejected, Action::Publish, [N, N, W, W]),
        (Published, Action::Archive, [N, N, Ok(Archived), Ok(Archived)]),
        (Scheduled, Action::Archive, [N, N, Ok(Archived), Ok(Archived)]),
        (Draft, Action::Archive, [N, N, W, W]),
        (Pending, Action::Withdraw, [Ok(Draft), N, Ok(Draft), Ok(Draft)]),
        (Scheduled, Action::Withdraw, [Ok(Draft), N, Ok(Draft), Ok(Draft)]),
        (Published, Action::Withdraw, [W, N, W, W]),
    ];
    let now = Utc::now();
    for (state, action, expected) in table {
        for (actor, want) in [STAFF_AUTHOR, STAFF_OTHER, MANAGER, OWNER_AUTHOR].iter().zip(expected)
        {
            assert_eq!(
                transition(state, action, *actor, true, None, now),
                want,
                "{state:?} {action:?} by {actor:?}"
            );
        }
    }
}

#[test]
fn without_approval_staff_publish_directly_and_a_future_time_schedules() {
    let now = Utc::now();
    let later = Some(now + Duration::hours(2));
    let submit = |approval, at| {
        transition(PostState::Draft, Action::Submit, STAFF_AUTHOR, approval, at, now)
    };
    assert_eq!(submit(false, None), Ok(PostState::Published));
    assert_eq!(submit(false, later), Ok(PostState::Scheduled));
    assert_eq!(submit(true, later), Ok(PostState::Pending));
    let approve = transition(PostState::Pending, Action::Approve, MANAGER, true, later, now);
    assert_eq!(approve, Ok(PostState::Scheduled), "approved for later stays scheduled");
    let past = Some(now - Duration::minutes(1));
    assert_eq!(submit(false, past), Ok(PostState::Published));
}

#[test]
fn a_position_snaps_to_the_nearest_point_within_its_accuracy() {
    let shop = GeoPoint { lat: 47.99521, lon: 7.85488 };
    let entrance = GeoPoint { lat: 47.99515, lon: 7.85499 };
    let pois = vec![("Entrance".to_string(), entrance)];
    let at_entrance = GeoPoint { lat: 47.99514, lon: 7.85500 };
    let snapped = snap(at_entrance, 10.0, "Bäckerei", Some(shop), &pois).map(|(n, _)| n);
    assert_eq!(snapped.as_deref(), Some("Bäckerei, Entrance"));
    let far = GeoPoint { lat: 47.9990, lon: 7.8600 };
    assert_eq!(snap(far, 30.0, "Bäckerei", Some(shop), &pois), None);
    assert_eq!(
        snap(far, 2_000.0, "Bäckerei", Some(shop), &pois).map(|(n, _)| n).as_deref(),
        Some("Bäckerei, Entrance")
    );
}

#[test]
fn a_posts_delivery_counts_each_server_once_and_the_earliest_retry() {
    use chrono::TimeZone;
    let at = |m| Utc.with_ymd_and_hms(2026, 12, 5, 14, m, 0).unwrap();
    let mut d = PostDelivery::default();
    d.add("delivered", at(0));
    d.add("queued", at(20));
    d.add("failed", at(0));
    d.add("queued", at(5));
    assert_eq!(
        d,
        PostDelivery { servers: 4, delivered: 1, failed: 1, waiting: 2, next_attempt: Some(at(5)) }
    );
    let (en, problem) =
        crate::i18n::Lang::En.posts().delivery(&d, |t| t.format("%H:%M").to_string());
    assert_eq!(
        en,
        "Delivered to 1 of 4 servers in the fediverse · 1 refused for good · 2 will be retried at 14:05"
    );
    assert!(problem);
    let (de, _) = crate::i18n::Lang::De.posts().delivery(&d, |t| t.format("%H:%M").to_string());
    assert_eq!(
        de,
        "An 1 von 4 Servern im Fediverse zugestellt · 1 endgültig abgelehnt · nächster Versuch für 2 am 14:05"
    );
}
