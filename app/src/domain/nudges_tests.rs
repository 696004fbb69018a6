use super::*;
use chrono::TimeZone;

fn at() -> Place {
    Place { id: 7, name: "Bäckerei Sonnenschein".into() }
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, 9, 30, 0).unwrap()
}

/// A location that needs nothing: saved yesterday, a post yesterday, a logo.
fn cared_for() -> LocationFacts {
    let yesterday = now() - Duration::days(1);
    LocationFacts {
        created_at: now() - Duration::days(400),
        hours_confirmed_at: yesterday,
        last_post_at: Some(yesterday),
        has_picture: true,
        failing_servers: Vec::new(),
    }
}

#[test]
fn a_cared_for_location_needs_nothing() {
    assert_eq!(location_nudges(&at(), &cared_for(), now()), []);
}

#[test]
fn hours_are_asked_about_after_ninety_days_not_before() {
    let mut facts = cared_for();
    facts.hours_confirmed_at = now() - Duration::days(HOURS_CONFIRM_DAYS) + Duration::minutes(1);
    assert_eq!(location_nudges(&at(), &facts, now()), []);
    facts.hours_confirmed_at = now() - Duration::days(HOURS_CONFIRM_DAYS);
    let since = facts.hours_confirmed_at.date_naive();
    assert_eq!(
        location_nudges(&at(), &facts, now()),
        [Nudge::ConfirmHours { at: at(), since, days: 90 }]
    );
}

#[test]
fn quiet_counts_from_the_last_post_or_from_the_start() {
    let mut facts = cared_for();
    facts.last_post_at = Some(now() - Duration::days(QUIET_DAYS));
    let since = Some((now() - Duration::days(QUIET_DAYS)).date_naive());
    assert_eq!(location_nudges(&at(), &facts, now()), [Nudge::Quiet { at: at(), since }]);
    // A new location without posts gets its first two weeks.
    facts.last_post_at = None;
    facts.created_at = now() - Duration::days(3);
    assert_eq!(location_nudges(&at(), &facts, now()), []);
    facts.created_at = now() - Duration::days(30);
    assert_eq!(location_nudges(&at(), &facts, now()), [Nudge::Quiet { at: at(), since: None }]);
}

#[test]
fn a_location_without_a_picture_and_failing_servers_is_told() {
    let mut facts = cared_for();
    facts.has_picture = false;
    facts.failing_servers = vec!["social.example".into()];
    assert_eq!(
        location_nudges(&at(), &facts, now()),
        [
            Nudge::FailingDeliveries { at: at(), servers: vec!["social.example".into()] },
            Nudge::NoPicture { at: at() },
        ]
    );
}

#[test]
fn the_list_is_ordered_by_urgency_then_by_date() {
    let holiday = |day: u32| Holiday {
        date: NaiveDate::from_ymd_opt(2026, 12, day).unwrap(),
        name_de: "Feiertag".into(),
        name_en: "Holiday".into(),
    };
    let other = Place { id: 8, name: "Filiale".into() };
    let mut list = vec![
        Nudge::NoPicture { at: at() },
        Nudge::Quiet { at: at(), since: None },
        Nudge::Imprint { missing: true },
        Nudge::Holidays { at: at(), holidays: vec![holiday(26)] },
        Nudge::Questions { at: other.clone(), waiting: 2 },
        Nudge::Holidays { at: other.clone(), holidays: vec![holiday(25), holiday(26)] },
    ];
    order(&mut list);
    let ranks: Vec<(u8, Option<LocationId>)> =
        list.iter().map(|n| (n.rank(), n.place().map(|p| p.id))).collect();
    assert_eq!(
        ranks,
        [(0, Some(8)), (0, Some(7)), (1, Some(8)), (2, None), (6, Some(7)), (7, Some(7))]
    );
    assert!(list.iter().filter(|n| n.for_staff()).all(|n| n.rank() == 1 || n.rank() == 6));
}
