//! Tests of `rules.rs`: the stored form of rules is stable and readable.
use super::*;

#[test]
fn time_points_read_back_what_they_write() {
    for text in ["08:00", "26:30", "00:00", "48:00", "sunset", "(sunrise+01:00)", "(sunset-00:30)"]
    {
        let point = TimePoint::parse(text).expect(text);
        assert_eq!(point.to_string(), text);
    }
    for bad in ["8", "48:01", "12:60", "(noon+01:00)", "sunrise+01:00", ""] {
        assert_eq!(TimePoint::parse(bad), None, "{bad}");
    }
}

#[test]
fn a_rule_is_stored_as_readable_json() {
    let rule = Rule {
        when: Selector {
            dates: vec![DateRange::Months { from: 4, to: 9, year: None }],
            weekdays: vec![WeekdayRange::Nth { weekday: Weekday::Sat, nth: vec![1, -1] }],
            holidays: vec![HolidaySelector::Public { offset: 0 }],
            ..Selector::default()
        },
        times: vec![
            Span::fixed(600, 840),
            Span { from: TimePoint::Fixed(19 * 60), to: None },
            Span {
                from: TimePoint::Sun { event: SunEvent::Sunrise, offset: 60 },
                to: Some(TimePoint::Sun { event: SunEvent::Sunset, offset: 0 }),
            },
        ],
        state: RuleState::Open,
        operator: Operator::Fallback,
        comment: "Markt".into(),
    };
    let json = serde_json::to_value(&rule).expect("json");
    assert_eq!(
        json,
        serde_json::json!({
            "when": {
                "dates": [{ "kind": "months", "from": 4, "to": 9, "year": null }],
                "weekdays": [{ "kind": "nth", "weekday": "Sa", "nth": [1, -1] }],
                "holidays": [{ "kind": "public" }]
            },
            "times": [
                { "from": "10:00", "to": "14:00" },
                { "from": "19:00", "to": null },
                { "from": "(sunrise+01:00)", "to": "sunset" }
            ],
            "state": "open",
            "operator": "fallback",
            "comment": "Markt"
        })
    );
    let back: Rule = serde_json::from_value(json).expect("back");
    assert_eq!(back, rule);
}

#[test]
fn defaults_keep_simple_rules_short() {
    let rule: Rule =
        serde_json::from_str(r#"{"times":[{"from":"08:00","to":"12:00"}]}"#).expect("minimal rule");
    assert_eq!(rule.state, RuleState::Open);
    assert_eq!(rule.operator, Operator::Normal);
    assert!(rule.when.is_empty());
    assert_eq!(
        serde_json::to_string(&rule).expect("json"),
        r#"{"times":[{"from":"08:00","to":"12:00"}],"state":"open"}"#
    );
}
