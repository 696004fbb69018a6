//! One storage story, run against SQLite and against PostgreSQL. The PostgreSQL leg uses
//! `NAHBAR_TEST_POSTGRES_URL` (a server URL; each run creates and drops its own database).
//! `make test` always sets it, so CI never skips it silently.

use crate::common::sample_details;
use app::domain::hours::{DayInput, WeeklyHours};
use app::domain::location::{GeoPoint, NewPoiInput, PoiKind, Role};
use app::domain::post::{Geotag, NewPost, PostKind, PostPhoto, PostState};
use app::domain::schedule::{HolidayRule, SpecialHours};
use app::domain::slug::Slug;
use app::store::{NewLocation, OwnerSetup, PostSettings, Store, StoreError};
use chrono::NaiveDate;
use chrono::{Duration, Utc};

async fn story(store: &dyn Store) {
    let now = Utc::now();
    // Two tenants.
    let a = store.create_business("Bäckerei A", now).await.expect("business a");
    let b = store.create_business("Optiker B", now).await.expect("business b");
    let mut input = vec![DayInput::default(); 7];
    input[4] = DayInput { closed: false, intervals: vec![("18:00".into(), "02:00".into())] };
    let hours = WeeklyHours::parse(&input).expect("hours");
    let loc_a = store
        .create_location(
            &NewLocation {
                business_id: a,
                slug: Slug::parse("a-laden").expect("slug"),
                details: sample_details("A"),
                hours: hours.clone(),
            },
            now,
        )
        .await
        .expect("location a");
    let loc_b = store
        .create_location(
            &NewLocation {
                business_id: b,
                slug: Slug::parse("b-laden").expect("slug"),
                details: sample_details("B"),
                hours: WeeklyHours::default(),
            },
            now,
        )
        .await
        .expect("location b");
    let duplicate = store
        .create_location(
            &NewLocation {
                business_id: b,
                slug: Slug::parse("a-laden").expect("slug"),
                details: sample_details("B2"),
                hours: WeeklyHours::default(),
            },
            now,
        )
        .await;
    assert!(matches!(duplicate, Err(StoreError::Conflict(_))), "slugs are unique: {duplicate:?}");

    // POIs: internal ones stay off the public read.
    let poi = |name: &str, public| NewPoiInput {
        name: name.into(),
        kind: PoiKind::Parking,
        point: GeoPoint { lat: 50.0, lon: 7.0 },
        note: String::new(),
        public,
    };
    store.add_poi(a, loc_a, &poi("Hof", true), now).await.expect("poi");
    store.add_poi(a, loc_a, &poi("Lieferzone", false), now).await.expect("poi");
    assert!(
        matches!(
            store.add_poi(b, loc_a, &poi("Fremd", true), now).await,
            Err(StoreError::NotFound)
        ),
        "a POI cannot be added to another business's location"
    );

    let public = store.location_by_slug("a-laden").await.expect("read").expect("found");
    assert_eq!(public.hours, hours, "hours round-trip, past midnight included");
    assert_eq!(public.pois.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["Hof"]);
    assert_eq!(public.business_name, "Bäckerei A");
    let internal = store.location(a, loc_a).await.expect("scoped read");
    assert_eq!(internal.pois.len(), 2);

    // POI edits, order and deletion; every one raises the public revision, none crosses
    // to another business.
    let (hof, liefer) = (internal.pois[0].id, internal.pois[1].id);
    let revision = store.public_revision().await.expect("revision");
    let mut moved = poi("Hof (neu)", true);
    moved.point = GeoPoint { lat: -33.5, lon: 179.9 };
    store.update_poi(a, loc_a, hof, &moved, now).await.expect("update");
    assert!(matches!(
        store.update_poi(b, loc_a, hof, &moved, now).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.update_poi(a, loc_a, 999_999, &moved, now).await,
        Err(StoreError::NotFound)
    ));
    store.reorder_pois(a, loc_a, &[liefer, hof], now).await.expect("reorder");
    assert!(
        matches!(store.reorder_pois(a, loc_a, &[hof], now).await, Err(StoreError::NotFound)),
        "an order must name every POI once"
    );
    let read = store.location(a, loc_a).await.expect("read");
    assert_eq!(read.pois.iter().map(|p| p.id).collect::<Vec<_>>(), [liefer, hof]);
    assert_eq!(read.pois[1].point, GeoPoint { lat: -33.5, lon: 179.9 });
    assert!(matches!(store.delete_poi(b, loc_a, liefer, now).await, Err(StoreError::NotFound)));
    store.delete_poi(a, loc_a, liefer, now).await.expect("delete");
    assert_eq!(store.location(a, loc_a).await.expect("read").pois.len(), 1);
    assert!(store.public_revision().await.expect("revision") >= revision + 3);
    let full = store.public_locations_full().await.expect("all");
    assert!(full.iter().any(|l| l.id == loc_a && l.pois.len() == 1));

    // Business scoping: B cannot read or write A's location.
    assert!(matches!(store.location(b, loc_a).await, Err(StoreError::NotFound)));
    let mut changed = sample_details("Renamed");
    changed.description = "Neu".into();
    assert!(matches!(
        store.update_location(b, loc_a, &changed, &WeeklyHours::default(), now).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        store.location(a, loc_a).await.expect("read").hours,
        hours,
        "a refused write changes nothing"
    );
    store.update_location(a, loc_a, &changed, &WeeklyHours::default(), now).await.expect("update");
    let updated = store.location(a, loc_a).await.expect("read");
    assert_eq!(
        (updated.details.name.as_str(), updated.details.description.as_str()),
        ("Renamed", "Neu")
    );
    assert!(updated.hours.is_always_closed());
    assert_eq!(
        store.locations_of(b).await.expect("list").iter().map(|l| l.id).collect::<Vec<_>>(),
        [loc_b]
    );
    assert_eq!(store.public_locations().await.expect("list").len(), 2);

    // Special hours and the holiday rule, scoped like everything else.
    let closure = SpecialHours {
        id: 0,
        from: NaiveDate::from_ymd_opt(2026, 12, 24).expect("d"),
        to: NaiveDate::from_ymd_opt(2026, 12, 26).expect("d"),
        intervals: vec![],
        note: "Weihnachten".into(),
    };
    let special_id = store.add_special_hours(a, loc_a, &closure, now).await.expect("special");
    assert!(matches!(
        store.add_special_hours(b, loc_a, &closure, now).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.delete_special_hours(b, loc_a, special_id, now).await,
        Err(StoreError::NotFound)
    ));
    let read = store.location(a, loc_a).await.expect("read");
    assert_eq!(read.special, vec![SpecialHours { id: special_id, ..closure.clone() }]);
    let mut replacement = read.opening_hours();
    replacement.holiday_rule = HolidayRule::Hours(hours.days[4].clone());
    replacement.special.push(SpecialHours {
        id: 0,
        from: NaiveDate::from_ymd_opt(2026, 12, 31).expect("d"),
        to: NaiveDate::from_ymd_opt(2026, 12, 31).expect("d"),
        intervals: hours.days[4].clone(),
        note: String::new(),
    });
    assert!(matches!(
        store.replace_opening_hours(b, loc_a, &replacement, now).await,
        Err(StoreError::NotFound)
    ));
    store.replace_opening_hours(a, loc_a, &replacement, now).await.expect("replace");
    let read = store.location(a, loc_a).await.expect("read");
    assert_eq!(read.holiday_rule, replacement.holiday_rule);
    assert_eq!(read.special.len(), 2);
    assert_eq!(read.special[1].intervals, hours.days[4], "intervals past midnight survive storage");
    store.delete_special_hours(a, loc_a, read.special[0].id, now).await.expect("delete");
    assert_eq!(store.location(a, loc_a).await.expect("read").special.len(), 1);

    // People, memberships, sessions.
    let user = store.create_user("ina@a.example", "Ina", "hash", now).await.expect("user");
    assert!(matches!(
        store.create_user("ina@a.example", "Ina 2", "hash", now).await,
        Err(StoreError::Conflict(_))
    ));
    store.add_member(a, user, Role::Manager, now).await.expect("member");
    let memberships = store.memberships(user).await.expect("memberships");
    assert_eq!(memberships.len(), 1);
    assert_eq!((memberships[0].business_id, memberships[0].role), (a, Role::Manager));
    store.create_session("h1", user, now, now + Duration::hours(1)).await.expect("session");
    store
        .create_session("h2", user, now, now - Duration::seconds(1))
        .await
        .expect("expired session");
    assert_eq!(store.session_user("h1", now).await.expect("lookup").map(|u| u.id), Some(user));
    assert_eq!(
        store.session_user("h2", now).await.expect("lookup"),
        None,
        "expired sessions do not count"
    );
    store.delete_session("h1").await.expect("delete");
    assert_eq!(store.session_user("h1", now).await.expect("lookup"), None);

    // Posts: idempotent create, photos in order, guarded state changes, scheduling.
    let photo = |hash: &str| PostPhoto {
        hash: hash.into(),
        width: 1600,
        height: 1200,
        widths: vec![400, 800, 1600],
        alt: "Brot".into(),
    };
    store.add_media(&photo("aa"), now).await.expect("media");
    store.add_media(&photo("aa"), now).await.expect("media twice is fine");
    assert_eq!(
        store.media("aa").await.expect("media").map(|p| p.widths),
        Some(vec![400, 800, 1600])
    );
    let post = NewPost {
        location_id: loc_a,
        kind: PostKind::Event,
        text: "Backkurs\nmit Kindern".into(),
        valid_until: None,
        starts_at: Some(now + Duration::days(3)),
        ends_at: Some(now + Duration::days(3) + Duration::hours(2)),
        publish_at: Some(now + Duration::minutes(5)),
        geotag: Some(Geotag {
            point: GeoPoint { lat: 50.0, lon: 7.0 },
            accuracy_m: 8.0,
            place: "A, Hof".into(),
        }),
        photos: vec![photo("bb"), photo("aa")],
        confirmed: vec!["Alle einverstanden".into()],
        idempotency_key: Some("k-1".into()),
    };
    let (id, created) =
        store.create_post(a, user, &post, PostState::Scheduled, now).await.expect("post");
    assert!(created);
    assert_eq!(
        store.create_post(a, user, &post, PostState::Scheduled, now).await.expect("replay"),
        (id, false)
    );
    assert!(matches!(
        store.create_post(b, user, &post, PostState::Draft, now).await,
        Err(StoreError::NotFound)
    ));
    let read = store.post(a, id).await.expect("read");
    assert_eq!(read.photos.iter().map(|p| p.hash.as_str()).collect::<Vec<_>>(), ["bb", "aa"]);
    assert_eq!(read.geotag.as_ref().map(|g| g.place.as_str()), Some("A, Hof"));
    assert_eq!(read.confirmed, ["Alle einverstanden"]);
    assert!(matches!(store.post(b, id).await, Err(StoreError::NotFound)));
    assert!(store.public_post("a-laden", id).await.expect("public").is_none(), "not yet");
    assert_eq!(store.publish_due(now).await.expect("due"), 0);
    assert_eq!(store.publish_due(now + Duration::minutes(6)).await.expect("due"), 1);
    assert!(store.public_post("a-laden", id).await.expect("public").is_some());
    assert!(
        matches!(
            store.set_post_state(a, id, PostState::Pending, PostState::Published, "", now).await,
            Err(StoreError::Conflict(_))
        ),
        "a change from a state the post is no longer in is refused"
    );
    store
        .set_post_state(a, id, PostState::Published, PostState::Archived, "", now)
        .await
        .expect("archive");
    assert!(store.published_posts(loc_a, 10).await.expect("list").is_empty());
    let settings =
        PostSettings { approval_required: false, checklist: vec!["Keine Gesichter".into()] };
    store.set_post_settings(a, &settings, now).await.expect("settings");
    assert_eq!(store.post_settings(a).await.expect("settings"), settings);

    // The one-time owner setup: a used or expired token is refused and writes nothing.
    assert_eq!(store.owner_count().await.expect("count"), 0);
    store.create_setup_token("t1", now + Duration::hours(1)).await.expect("token");
    assert!(store.setup_token_valid("t1", now).await.expect("valid"));
    let setup = OwnerSetup {
        token_hash: Some("t1"),
        business_name: "Bäckerei A+",
        email: "olga@a.example",
        display_name: "Olga",
        password_hash: "hash",
    };
    let (owner, business) = store.setup_owner(&setup, now).await.expect("setup");
    assert_eq!(business, a, "the first business gets its owner");
    assert_eq!(store.memberships(owner).await.expect("m")[0].role, Role::Owner);
    let again = OwnerSetup { email: "mallory@a.example", ..setup };
    assert!(matches!(store.setup_owner(&again, now).await, Err(StoreError::NotFound)));
    assert!(store.user_by_email("mallory@a.example").await.expect("lookup").is_none());
    assert_eq!(store.owner_count().await.expect("count"), 1);
    team_and_history(store, a, b, loc_a, user).await;
    store.ping().await.expect("ping");
}

/// Members, invitations, sessions, the audit log and revisions with restore.
async fn team_and_history(store: &dyn Store, a: i64, b: i64, loc_a: i64, manager: i64) {
    use app::domain::team::{Actor, Change, RevisionKind, Snapshot};
    use app::store::InvitationJoin;
    let now = Utc::now();
    // Invitations: single use, scoped, expiring, revocable.
    let owner = store
        .members(a)
        .await
        .expect("members")
        .into_iter()
        .find(|m| m.role == Role::Owner)
        .expect("owner")
        .user_id;
    let id = store
        .create_invitation(a, Role::Staff, "inv1", owner, now, now + Duration::days(7))
        .await
        .expect("invite");
    store
        .create_invitation(
            a,
            Role::Staff,
            "inv-old",
            owner,
            now - Duration::days(8),
            now - Duration::days(1),
        )
        .await
        .expect("old");
    let open = store.invitations(a, now).await.expect("open");
    assert_eq!(open.iter().map(|i| i.id).collect::<Vec<_>>(), [id], "expired ones are not open");
    assert!(store.invitations(b, now).await.expect("b").is_empty());
    assert!(store.invitation_by_token("inv-old", now).await.expect("old").is_none());
    assert!(
        matches!(store.revoke_invitation(b, id, now).await, Err(StoreError::NotFound)),
        "not b's"
    );
    let join = InvitationJoin::NewAccount {
        email: "sven@a.example",
        display_name: "Sven",
        password_hash: "h",
    };
    let (sven, business) = store.accept_invitation("inv1", join, now).await.expect("accept");
    assert_eq!(business, a);
    let join = InvitationJoin::NewAccount {
        email: "eve@a.example",
        display_name: "Eve",
        password_hash: "h",
    };
    assert!(
        matches!(store.accept_invitation("inv1", join, now).await, Err(StoreError::NotFound)),
        "single use"
    );
    assert!(
        store.user_by_email("eve@a.example").await.expect("lookup").is_none(),
        "nothing written"
    );
    assert_eq!(store.memberships(sven).await.expect("m")[0].role, Role::Staff);
    // Roles: never without an owner; removal ends the last membership's sessions.
    assert!(matches!(
        store.set_member_role(a, owner, Role::Staff).await,
        Err(StoreError::Conflict(_))
    ));
    assert!(
        matches!(store.remove_member(b, sven).await, Err(StoreError::NotFound)),
        "not b's member"
    );
    store.set_member_role(a, sven, Role::Manager).await.expect("promote");
    assert_eq!(store.memberships(sven).await.expect("m")[0].role, Role::Manager);
    store.create_session("sven-1", sven, now, now + Duration::hours(1)).await.expect("session");
    store.touch_session("sven-1", now, Some(("127.0.0.1", "Firefox"))).await.expect("touch");
    let sessions = store.sessions_of(sven, now).await.expect("sessions");
    assert_eq!(
        (sessions.len(), sessions[0].1.ip.as_str(), sessions[0].1.user_agent.as_str()),
        (1, "127.0.0.1", "Firefox")
    );
    store.remove_member(a, sven).await.expect("remove");
    assert!(store.session_user("sven-1", now).await.expect("lookup").is_none(), "sessions ended");
    // Password change keeps this session and ends the others.
    store.create_session("m-1", manager, now, now + Duration::hours(1)).await.expect("s");
    store.create_session("m-2", manager, now, now + Duration::hours(1)).await.expect("s");
    store.set_password(manager, "new-hash", "m-1", now).await.expect("password");
    assert_eq!(store.password_hash(manager).await.expect("hash"), "new-hash");
    assert!(store.session_user("m-1", now).await.expect("l").is_some());
    assert!(store.session_user("m-2", now).await.expect("l").is_none());
    store
        .create_session("0123456789abcdef-m3", manager, now, now + Duration::hours(1))
        .await
        .expect("s");
    assert!(
        matches!(store.end_session(sven, "0123456789abcdef").await, Err(StoreError::NotFound)),
        "not sven's"
    );
    store.end_session(manager, "0123456789abcdef").await.expect("own session ends");
    assert!(store.session_user("0123456789abcdef-m3", now).await.expect("l").is_none());
    // Audit log and revisions: the first change keeps the state before it.
    let before = store.location(a, loc_a).await.expect("location");
    let special = SpecialHours {
        id: 0,
        from: NaiveDate::from_ymd_opt(2031, 5, 1).expect("d"),
        to: NaiveDate::from_ymd_opt(2031, 5, 1).expect("d"),
        intervals: vec![],
        note: "Zu".into(),
    };
    store.add_special_hours(a, loc_a, &special, now).await.expect("special");
    let actor = Actor {
        user_id: Some(manager),
        name: "Ina".into(),
        ip: "127.0.0.1".into(),
        user_agent: "Firefox".into(),
    };
    let change = Change {
        business_id: a,
        location_id: Some(loc_a),
        action: "hours.special.add".into(),
        detail: "1.5.".into(),
    };
    store.record_change(&actor, &change, Some(&before), now).await.expect("log");
    let hours = store.revisions(a, loc_a, RevisionKind::Hours).await.expect("revisions");
    assert_eq!(hours.len(), 2, "before and after");
    assert_eq!((hours[0].actor.as_str(), hours[0].action.as_str()), ("Ina", "hours.special.add"));
    assert_eq!(
        store.revisions(a, loc_a, RevisionKind::Details).await.expect("r").len(),
        1,
        "unchanged: one"
    );
    assert!(store.revisions(b, loc_a, RevisionKind::Hours).await.expect("r").is_empty(), "not b's");
    assert!(matches!(store.revision(b, loc_a, hours[1].id).await, Err(StoreError::NotFound)));
    let Some(Snapshot::Hours(old)) =
        store.revision(a, loc_a, hours[1].id).await.expect("r").snapshot()
    else {
        panic!("hours")
    };
    store.replace_opening_hours(a, loc_a, &old.into_opening_hours(), now).await.expect("restore");
    assert!(store.location(a, loc_a).await.expect("l").special.iter().all(|s| s.note != "Zu"));
    let log = store.audit_log(a, 10, None).await.expect("log");
    assert_eq!(
        (log[0].actor.as_str(), log[0].ip.as_str(), log[0].location_id),
        ("Ina", "127.0.0.1", Some(loc_a))
    );
    assert!(store.audit_log(b, 10, None).await.expect("log").is_empty());
    let pois = vec![NewPoiInput {
        name: "Hof".into(),
        kind: PoiKind::Parking,
        point: GeoPoint { lat: 50.0, lon: 7.0 },
        note: String::new(),
        public: true,
    }];
    store.replace_pois(a, loc_a, &pois, now).await.expect("pois");
    assert_eq!(store.location(a, loc_a).await.expect("l").pois.len(), 1);
    assert!(matches!(store.replace_pois(b, loc_a, &pois, now).await, Err(StoreError::NotFound)));
}

#[tokio::test]
async fn the_story_holds_on_sqlite() {
    let dir = tempfile::tempdir().expect("dir");
    let store = server::store::connect(&format!("sqlite:{}", dir.path().join("s.db").display()))
        .await
        .expect("sqlite");
    story(store.as_ref()).await;
}

#[tokio::test]
async fn the_story_holds_on_postgresql() {
    let Some(pg) = crate::common::ScratchPg::create("story").await else { return };
    story(pg.store.as_ref()).await;
    pg.drop_database().await;
}
