//! Texts for the richer hours (open ends, unknown stretches, seasons, every-year dates,
//! n-th weekdays, school holidays), in both languages, and the status line built from a
//! [`StatusDetail`]. `{time}`, `{year}`, `{region}` are filled in here.

use super::Lang;
use crate::domain::hours::StatusDetail;
use crate::domain::rules::RuleState;
use chrono::DateTime;
use chrono_tz::Tz;

pub struct HoursRuleTexts {
    /// Headline while an open end runs ("Open").
    pub open_end_headline: &'static str,
    /// "open from {time}, open end".
    pub open_from_open_end: &'static str,
    /// "open end" alone (when the start lies before the look-behind).
    pub open_end: &'static str,
    /// Headline of an unknown stretch (`unknown`, a comment alone).
    pub unknown_headline: &'static str,
    /// "hours not known until {time}".
    pub unknown_until: &'static str,
    /// "opens {time}, open end" (closed now, an open end next).
    pub opens_open_end: &'static str,
    pub school_holidays_unknown: &'static str,
    pub season: &'static str,
    pub every_year: &'static str,
    pub first: &'static str,
    pub second: &'static str,
    pub third: &'static str,
    pub fourth: &'static str,
    pub fifth: &'static str,
    pub last: &'static str,
    pub of_the_month: &'static str,
}

pub static DE: HoursRuleTexts = HoursRuleTexts {
    open_end_headline: "Geöffnet",
    open_from_open_end: "geöffnet ab {time}, Ende offen",
    open_end: "Ende offen",
    unknown_headline: "Öffnungszeit unklar",
    unknown_until: "Angaben fehlen bis {time}",
    opens_open_end: "öffnet {time}, Ende offen",
    school_holidays_unknown: "Die Schulferien in {region} für {year} sind noch nicht bekannt; an Ferientagen können die Zeiten abweichen.",
    season: "Saison",
    every_year: "jedes Jahr",
    first: "ersten",
    second: "zweiten",
    third: "dritten",
    fourth: "vierten",
    fifth: "fünften",
    last: "letzten",
    of_the_month: "im Monat",
};

pub static EN: HoursRuleTexts = HoursRuleTexts {
    open_end_headline: "Open",
    open_from_open_end: "open from {time}, open end",
    open_end: "open end",
    unknown_headline: "Hours unclear",
    unknown_until: "no information until {time}",
    opens_open_end: "opens {time}, open end",
    school_holidays_unknown: "The school holidays of {region} in {year} are not published yet; hours on holiday days may differ.",
    season: "season",
    every_year: "every year",
    first: "first",
    second: "second",
    third: "third",
    fourth: "fourth",
    fifth: "fifth",
    last: "last",
    of_the_month: "of the month",
};

impl Lang {
    pub fn hours_rules(self) -> &'static HoursRuleTexts {
        match self {
            Lang::De => &DE,
            Lang::En => &EN,
        }
    }
}

/// Headline and detail of the status line for a [`StatusDetail`], for the states the
/// plain status line cannot say (open end, unknown); `None` for plain open/closed, which
/// `components::opening_hours::status_text` words as before.
pub fn rich_status(lang: Lang, detail: &StatusDetail) -> Option<(&'static str, String)> {
    let t = lang.hours_rules();
    let time = |at: DateTime<Tz>| at.format("%H:%M").to_string();
    match (detail.state, detail.open_end) {
        (RuleState::Unknown, true) => Some((
            t.open_end_headline,
            match detail.since {
                Some(since) => t.open_from_open_end.replace("{time}", &time(since)),
                None => t.open_end.to_string(),
            },
        )),
        (RuleState::Unknown, false) => Some((
            t.unknown_headline,
            detail
                .next_change
                .map_or_else(String::new, |at| t.unknown_until.replace("{time}", &time(at))),
        )),
        (RuleState::Closed, _) if detail.next_state == Some(RuleState::Unknown) => {
            let at = detail.next_change?;
            Some((lang.texts().closed, t.opens_open_end.replace("{time}", &time(at))))
        }
        _ => None,
    }
}

/// "first Saturday of the month" / "ersten Samstag im Monat" for `Sa[1]`.
pub fn nth_weekday(lang: Lang, nth: i8, weekday: chrono::Weekday) -> String {
    let t = lang.hours_rules();
    let ordinal = match nth {
        1 => t.first,
        2 => t.second,
        3 => t.third,
        4 => t.fourth,
        5 => t.fifth,
        _ => t.last,
    };
    let day = lang.texts().weekday(weekday);
    match lang {
        Lang::De => format!("am {ordinal} {day} {}", t.of_the_month),
        Lang::En => format!("the {ordinal} {day} {}", t.of_the_month),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use chrono_tz::Europe::Berlin;

    #[test]
    fn an_open_end_reads_open_from_with_open_end_in_both_languages() {
        let since = Berlin.with_ymd_and_hms(2026, 11, 27, 19, 0, 0).single().expect("t");
        let detail = StatusDetail {
            state: RuleState::Unknown,
            open_end: true,
            since: Some(since),
            next_change: None,
            next_state: None,
        };
        assert_eq!(
            rich_status(Lang::En, &detail),
            Some(("Open", "open from 19:00, open end".into()))
        );
        assert_eq!(
            rich_status(Lang::De, &detail),
            Some(("Geöffnet", "geöffnet ab 19:00, Ende offen".into()))
        );
        let closed = StatusDetail {
            state: RuleState::Closed,
            open_end: false,
            since: None,
            next_change: Some(since),
            next_state: Some(RuleState::Unknown),
        };
        assert_eq!(
            rich_status(Lang::En, &closed).map(|s| s.1),
            Some("opens 19:00, open end".into())
        );
    }

    #[test]
    fn nth_weekdays_are_named() {
        assert_eq!(
            nth_weekday(Lang::En, 1, chrono::Weekday::Sat),
            "the first Saturday of the month"
        );
        assert_eq!(nth_weekday(Lang::De, -1, chrono::Weekday::Sun), "am letzten Sonntag im Monat");
    }
}
