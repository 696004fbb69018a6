use super::*;
use chrono::TimeZone;

fn form(body: &str) -> QuestionForm {
    QuestionForm { body: body.to_string(), ..QuestionForm::default() }
}

#[test]
fn links_are_counted_in_every_spelling() {
    assert_eq!(count_links("Habt ihr glutenfreies Brot?"), 0);
    assert_eq!(count_links("see https://a.example and http://b.example"), 2);
    assert_eq!(count_links("WWW.spam.example (www.more.example)"), 2);
    assert_eq!(count_links("HTTPS://X.EXAMPLE"), 1);
}

#[test]
fn a_message_is_refused_for_what_is_wrong_with_it() {
    assert_eq!(form("  ").tidy().validate(), Err(QuestionProblem::Empty));
    assert_eq!(form(&"a".repeat(MAX_BODY_CHARS)).validate(), Ok(()));
    assert_eq!(form(&"ä".repeat(MAX_BODY_CHARS + 1)).validate(), Err(QuestionProblem::TooLong));
    let links = "https://a.example https://b.example https://c.example";
    assert_eq!(form(links).validate(), Err(QuestionProblem::TooManyLinks));
    let mut named = form("Frage");
    named.name = "n".repeat(MAX_NAME_CHARS + 1);
    assert_eq!(named.validate(), Err(QuestionProblem::NameTooLong));
    let mut mail = form("Frage");
    mail.email = "kim at example.org".into();
    assert_eq!(mail.validate(), Err(QuestionProblem::BadEmail));
    mail.email = "kim@example.org".into();
    assert_eq!(mail.validate(), Ok(()));
}

#[test]
fn e_mail_addresses_are_checked_for_shape_only() {
    assert!(plausible_email("kim@example.org"));
    assert!(plausible_email("k.müller+brot@bäcker.example"));
    for bad in [
        "kim",
        "@example.org",
        "kim@example",
        "kim@.org",
        "kim@org.",
        "a b@c.de",
        "a@b@c.de",
        "<a@b.de>",
    ] {
        assert!(!plausible_email(bad), "{bad}");
    }
}

#[test]
fn a_form_must_have_been_open_a_few_seconds_and_not_half_a_day() {
    let issued = Utc.with_ymd_and_hms(2026, 12, 4, 10, 0, 0).unwrap();
    assert_eq!(
        check_fill_time(issued, issued + Duration::seconds(1)),
        Err(QuestionProblem::TooFast)
    );
    assert_eq!(check_fill_time(issued, issued + MIN_FILL), Ok(()));
    assert_eq!(check_fill_time(issued, issued + MAX_FORM_AGE), Ok(()));
    assert_eq!(
        check_fill_time(issued, issued + MAX_FORM_AGE + Duration::seconds(1)),
        Err(QuestionProblem::Expired)
    );
    // A clock that went backwards is "too fast", never accepted.
    assert_eq!(check_fill_time(issued, issued - Duration::hours(1)), Err(QuestionProblem::TooFast));
}

#[test]
fn answers_are_trimmed_and_bounded() {
    assert_eq!(answer_text("  Ja, samstags.\r\n "), Some("Ja, samstags.".into()));
    assert_eq!(answer_text("   "), None);
    assert_eq!(answer_text(&"x".repeat(MAX_ANSWER_CHARS + 1)), None);
}

#[test]
fn codes_round_trip() {
    for status in QuestionStatus::ALL {
        assert_eq!(QuestionStatus::parse(status.as_str()), Some(status));
    }
    for kind in [QuestionKind::Question, QuestionKind::Feedback] {
        assert_eq!(QuestionKind::parse(kind.as_str()), Some(kind));
    }
    assert_eq!(QuestionStatus::parse("spam"), None);
}
