use super::*;
use crate::domain::hours::{TimeOfDay, WeeklyHours};
use crate::domain::location::{Address, LocationDetails};
use crate::domain::schedule::{HolidayRule, SpecialHours};
use crate::i18n::sign_text::SignText;

fn iv(o: &str, c: &str) -> Interval {
    Interval::new(TimeOfDay::parse(o).expect("t"), TimeOfDay::parse(c).expect("t"))
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn special(
    id: i64,
    from: NaiveDate,
    to: NaiveDate,
    intervals: Vec<Interval>,
    note: &str,
) -> SpecialHours {
    SpecialHours { id, from, to, intervals, note: note.into() }
}

/// A bakery in Freiburg (Baden-Württemberg): Mo–Fr with a lunch break, Saturday morning,
/// closed on Sunday, an inventory closure over Christmas and short hours on New Year's Eve.
fn bakery() -> Location {
    let mut hours = WeeklyHours::default();
    for day in 0..5 {
        hours.days[day] = vec![iv("06:30", "12:30"), iv("14:00", "18:30")];
    }
    hours.days[5] = vec![iv("07:00", "12:00")];
    Location {
        id: 1,
        business_id: 1,
        business_name: "Bäckerei Sonnenschein".into(),
        slug: "sonnenschein".into(),
        details: LocationDetails {
            name: "Bäckerei Sonnenschein".into(),
            schema_type: "Bakery".into(),
            address: Address {
                street: "Kaiser-Joseph-Straße 1".into(),
                postal_code: "79098".into(),
                city: "Freiburg".into(),
                country: "DE".into(),
                region: "DE-BW".into(),
            },
            timezone: "Europe/Berlin".into(),
            language: "de".into(),
            ..LocationDetails::default()
        },
        hours,
        special: vec![
            special(7, date(2026, 12, 24), date(2026, 12, 26), vec![], "Inventur"),
            special(
                8,
                date(2026, 12, 31),
                date(2026, 12, 31),
                vec![iv("07:00", "12:00")],
                "Silvester",
            ),
        ],
        holiday_rule: HolidayRule::Closed,
        rules: Vec::new(),
        pois: vec![],
        archived: false,
    }
}

const BASE: &str = "https://nahbar.example/";

fn lines(text: &SignText) -> Vec<String> {
    text.hours
        .iter()
        .map(|h| {
            let what = h.closed.as_ref().map(|c| c.main.clone()).unwrap_or(h.times.join(", "));
            format!("{} {what}", h.days.main)
        })
        .collect()
}

fn notices(text: &SignText) -> Vec<String> {
    text.notices.iter().map(|n| format!("{} {} · {}", n.dates, n.hours.main, n.note.main)).collect()
}

#[test]
fn the_door_sign_groups_the_week_as_people_write_it_on_doors() {
    let sign = Sign::build(&bakery(), SignKind::Door, date(2026, 11, 30), BASE).expect("sign");
    let de = SignText::new(&sign, SignLanguage::De);
    assert_eq!(lines(&de), ["Mo–Fr 06:30–12:30, 14:00–18:30", "Sa 07:00–12:00", "So geschlossen"]);
    let en = SignText::new(&sign, SignLanguage::En);
    assert_eq!(lines(&en), ["Mon–Fri 06:30–12:30, 14:00–18:30", "Sat 07:00–12:00", "Sun closed"]);
    assert_eq!(de.title.main, "Öffnungszeiten");
    assert_eq!(de.printed.main, "Stand: 30.11.2026");
    assert_eq!(en.printed.main, "As of 30 Nov 2026");
}

#[test]
fn two_days_in_a_row_are_named_both_and_a_bilingual_sign_says_everything_twice() {
    let mut shop = bakery();
    shop.hours.days[5] = vec![];
    let sign = Sign::build(&shop, SignKind::Door, date(2026, 11, 30), BASE).expect("sign");
    let text = SignText::new(&sign, SignLanguage::Bilingual);
    let last = text.hours.last().expect("a row");
    assert_eq!(last.days.joined(), "Sa, So / Sat, Sun");
    assert_eq!(last.closed.as_ref().map(|c| c.joined()), Some("geschlossen / closed".into()));
    assert_eq!(text.title.joined(), "Öffnungszeiten / Opening hours");
    assert_eq!(text.printed.second.as_deref(), Some("As of 30 Nov 2026"));
    assert_eq!(text.lang, "de");
}

#[test]
fn the_door_sign_lists_six_weeks_of_closures_special_hours_and_closed_holidays() {
    let sign = Sign::build(&bakery(), SignKind::Door, date(2026, 11, 30), BASE).expect("sign");
    let de = SignText::new(&sign, SignLanguage::De);
    // 25./26.12. are holidays but the inventory entry covers them; 6.1. is Epiphany in BW;
    // 10.1.2027 is the window's last day.
    assert_eq!(
        notices(&de),
        [
            "24.–26.12. geschlossen · Inventur",
            "Do 31.12. 07:00–12:00 · Silvester",
            "Fr 1.1. geschlossen · Neujahr",
            "Mi 6.1. geschlossen · Heilige Drei Könige",
        ]
    );
    let en = SignText::new(&sign, SignLanguage::En);
    assert_eq!(notices(&en)[0], "24–26 Dec closed · Inventur");
    assert_eq!(notices(&en)[2], "Fri 1 Jan closed · New Year's Day");
    // A week later Epiphany is still in, nothing new has come into the window.
    let later = Sign::build(&bakery(), SignKind::Door, date(2026, 12, 27), BASE).expect("sign");
    assert_eq!(later.notices.len(), 3, "the inventory closure has passed");
}

#[test]
fn holidays_the_shop_keeps_open_or_that_fall_on_a_closed_day_are_not_listed() {
    let mut shop = bakery();
    shop.special.clear();
    // 2027: Christmas Day is a Saturday (listed), Boxing Day a Sunday (closed anyway).
    let sign = Sign::build(&shop, SignKind::Door, date(2027, 12, 1), BASE).expect("sign");
    let dates: Vec<String> = sign.notices.iter().map(|n| n.from.to_string()).collect();
    assert_eq!(dates, ["2027-12-25", "2028-01-01", "2028-01-06"]);
    shop.holiday_rule = HolidayRule::AsUsual;
    let sign = Sign::build(&shop, SignKind::Door, date(2027, 12, 1), BASE).expect("sign");
    assert!(sign.notices.is_empty(), "{:?}", sign.notices);
}

#[test]
fn the_closure_notice_names_the_days_the_reason_and_the_reopening() {
    let sign =
        Sign::build(&bakery(), SignKind::Closure { special_id: 7 }, date(2026, 11, 30), BASE)
            .expect("sign");
    let de = SignText::new(&sign, SignLanguage::De);
    let closure = de.closure.as_ref().expect("closure");
    assert_eq!(de.title.main, "Geschlossen");
    assert_eq!(closure.headline.main, "24.–26.12. geschlossen");
    assert_eq!(closure.days.main, "Do 24.12. – Sa 26.12.");
    assert_eq!(closure.hours, None);
    assert_eq!(closure.note, "Inventur");
    // 27.12. is a Sunday: the bakery opens again on Monday morning.
    assert_eq!(
        closure.reopening.as_ref().map(|r| r.main.as_str()),
        Some("Ab Mo 28.12., 06:30 wieder für Sie da")
    );
    let both = SignText::new(&sign, SignLanguage::Bilingual);
    let closure = both.closure.expect("closure");
    assert_eq!(closure.headline.second.as_deref(), Some("Closed 24–26 Dec"));
    assert_eq!(closure.days.second.as_deref(), Some("Thu 24 Dec – Sat 26 Dec"));
    assert_eq!(
        closure.reopening.and_then(|r| r.second).as_deref(),
        Some("Open again from Mon 28 Dec, 06:30")
    );
    assert_eq!(both.qr_url, "https://nahbar.example/sonnenschein?src=door");
}

#[test]
fn a_notice_of_short_hours_reopens_after_the_holiday_that_follows() {
    let sign =
        Sign::build(&bakery(), SignKind::Closure { special_id: 8 }, date(2026, 11, 30), BASE)
            .expect("sign");
    let de = SignText::new(&sign, SignLanguage::De);
    let closure = de.closure.expect("closure");
    assert_eq!(de.title.main, "Geänderte Öffnungszeiten");
    assert_eq!(closure.headline.main, "Do 31.12. geöffnet 07:00–12:00");
    assert_eq!(
        (closure.days.main.as_str(), closure.hours.as_deref()),
        ("Do 31.12.", Some("07:00–12:00"))
    );
    assert!(!closure.closed);
    // New Year's Day is a closed holiday, 2.1.2027 a Saturday.
    assert_eq!(
        closure.reopening.map(|r| r.main),
        Some("Ab Sa 2.1., 07:00 wieder für Sie da".into())
    );
}

#[test]
fn the_poster_carries_the_handle_and_the_page_address_tagged_as_a_poster_scan() {
    let sign = Sign::build(&bakery(), SignKind::Poster, date(2026, 11, 30), BASE).expect("sign");
    let text = SignText::new(&sign, SignLanguage::De);
    assert_eq!(text.title.main, "Folgen Sie uns");
    assert_eq!(text.handle.as_deref(), Some("@sonnenschein@nahbar.example"));
    assert_eq!(text.qr_url, "https://nahbar.example/sonnenschein?src=poster");
    assert_eq!(text.page_address, "nahbar.example/sonnenschein");
    assert!(text.hours.is_empty() && text.notices.is_empty());
    let local =
        Sign::build(&bakery(), SignKind::Poster, date(2026, 11, 30), "http://127.0.0.1:3000")
            .expect("sign");
    assert_eq!(local.handle, "@sonnenschein@127.0.0.1:3000");
    // An instance under a sub-path keeps it in the addresses, the handle names the host.
    let sub =
        Sign::build(&bakery(), SignKind::Door, date(2026, 11, 30), "https://example.org/nahbar/")
            .expect("sign");
    assert_eq!(sub.url, "https://example.org/nahbar/sonnenschein?src=door");
    assert_eq!(sub.page_address, "example.org/nahbar/sonnenschein");
    assert_eq!(sub.handle, "@sonnenschein@example.org");
}

#[test]
fn bad_requests_are_refused_with_a_reason() {
    let shop = bakery();
    let today = date(2026, 11, 30);
    for bad in
        ["", "nahbar.example", "ftp://x", "https://", "https://a b", "https://x?y", "https:///x"]
    {
        assert_eq!(
            Sign::build(&shop, SignKind::Door, today, bad),
            Err(SignError::BadPublicUrl),
            "{bad}"
        );
    }
    assert_eq!(
        Sign::build(&shop, SignKind::Closure { special_id: 99 }, today, BASE),
        Err(SignError::UnknownSpecial(99))
    );
}

#[test]
fn the_fingerprint_changes_with_what_the_sign_shows_and_not_with_the_print_date() {
    let shop = bakery();
    let printed = Sign::build(&shop, SignKind::Door, date(2026, 11, 2), BASE).expect("sign");
    // Rebuilt later at the same print date from unchanged data: still true.
    let again = Sign::build(&shop, SignKind::Door, date(2026, 11, 2), BASE).expect("sign");
    assert_eq!(printed.fingerprint(), again.fingerprint());
    // The words and the print date are not part of it.
    let mut moved = printed.clone();
    moved.printed_on = date(2026, 11, 3);
    assert_eq!(moved.fingerprint(), printed.fingerprint());
    // Saturday now closes at 13:00: out of date.
    let mut changed = shop.clone();
    changed.hours.days[5] = vec![iv("07:00", "13:00")];
    let rebuilt = Sign::build(&changed, SignKind::Door, date(2026, 11, 2), BASE).expect("sign");
    assert_ne!(rebuilt.fingerprint(), printed.fingerprint());
    // A new closure inside the six weeks: out of date; one after them: still true.
    for (day, stale) in [(date(2026, 12, 7), true), (date(2026, 12, 21), false)] {
        let mut closed = shop.clone();
        closed.special.push(special(9, day, day, vec![], "Betriebsausflug"));
        let rebuilt = Sign::build(&closed, SignKind::Door, date(2026, 11, 2), BASE).expect("sign");
        assert_eq!(rebuilt.fingerprint() != printed.fingerprint(), stale, "{day}");
    }
    assert_eq!(printed.fingerprint().len(), 16);
    let nudge = crate::i18n::Lang::De.signs().out_of_date(SignKind::Door, "02.11.2026");
    assert_eq!(nudge, "Das Türschild vom 02.11.2026 ist nicht mehr aktuell.");
    assert!(printed.canonical().contains("row Mon-Fri 06:30-12:30,14:00-18:30\n"));
}
