//! The hours screen's "Recurring rules" section: its labels, refusals, and each listed
//! rule in plain words ("Jedes Jahr am 24. Dezember: 10:00–14:00").

use super::{Lang, nth_weekday};
use crate::domain::recurring::Recurring;
use crate::domain::rules::{Span, TimePoint, WeekdayRange};

pub struct RecurringTexts {
    pub section: &'static str,
    pub intro: &'static str,
    pub none: &'static str,
    pub remove: &'static str,
    pub add_yearly: &'static str,
    pub add_season: &'static str,
    pub add_nth: &'static str,
    pub first_day: &'static str,
    pub last_day_optional: &'static str,
    pub season_from: &'static str,
    pub season_to: &'static str,
    pub day: &'static str,
    pub month: &'static str,
    pub weekdays: &'static str,
    pub which: &'static str,
    pub weekday: &'static str,
    pub open_or_closed: &'static str,
    pub closed: &'static str,
    pub open: &'static str,
    pub hours: &'static str,
    pub hours_help: &'static str,
    pub season_help: &'static str,
    pub add: &'static str,
    pub ordinals: [&'static str; 5],
    pub months: [&'static str; 12],
    pub error_date: &'static str,
    pub error_weekdays: &'static str,
    pub error_hours: &'static str,
    pub error_nth: &'static str,
    pub error_gone: &'static str,
    every_year_on: &'static str,
    every_year: &'static str,
    until: &'static str,
    closed_word: &'static str,
    others_closed: &'static str,
    on_the: &'static str,
    osm_rule: &'static str,
}

pub static DE: RecurringTexts = RecurringTexts {
    section: "Wiederkehrende Regeln",
    intro: "Regeln, die jedes Jahr oder jeden Monat wiederkommen. Ein Datum geht einer Saison vor, beide gehen den Wochenzeiten vor.",
    none: "Noch keine wiederkehrenden Regeln.",
    remove: "Entfernen",
    add_yearly: "Jedes Jahr an einem Datum",
    add_season: "Saison (z. B. Sommerzeiten)",
    add_nth: "Bestimmter Wochentag im Monat",
    first_day: "Datum",
    last_day_optional: "Bis (optional)",
    season_from: "Von",
    season_to: "Bis",
    day: "Tag",
    month: "Monat",
    weekdays: "Geöffnet an",
    which: "Welcher",
    weekday: "Wochentag",
    open_or_closed: "Geöffnet oder geschlossen",
    closed: "Geschlossen",
    open: "Geöffnet",
    hours: "Zeiten",
    hours_help: "z. B. 10:00-14:00 oder 09:00-12:00, 14:00-18:00",
    season_help: "An den anderen Tagen der Saison ist geschlossen. Das Ende darf vor dem Anfang liegen (November bis Februar).",
    add: "Hinzufügen",
    ordinals: ["Ersten", "Zweiten", "Dritten", "Vierten", "Letzten"],
    months: [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    error_date: "Dieses Datum gibt es nicht. Bitte Tag und Monat prüfen.",
    error_weekdays: "Bitte mindestens einen Wochentag wählen.",
    error_hours: "Bitte Zeiten wie 10:00-14:00 eingeben oder „Geschlossen“ wählen.",
    error_nth: "Bitte einen Wochentag und welcher im Monat wählen.",
    error_gone: "Diese Regel hat sich inzwischen geändert; bitte die Liste prüfen.",
    every_year_on: "Jedes Jahr am",
    every_year: "Jedes Jahr",
    until: "bis",
    closed_word: "geschlossen",
    others_closed: "sonst geschlossen",
    on_the: "Am",
    osm_rule: "OSM-Regel",
};

pub static EN: RecurringTexts = RecurringTexts {
    section: "Recurring rules",
    intro: "Rules that come back every year or every month. A date beats a season, both beat the weekly hours.",
    none: "No recurring rules yet.",
    remove: "Remove",
    add_yearly: "Every year on a date",
    add_season: "Season (e.g. summer hours)",
    add_nth: "A weekday of the month",
    first_day: "Date",
    last_day_optional: "To (optional)",
    season_from: "From",
    season_to: "To",
    day: "Day",
    month: "Month",
    weekdays: "Open on",
    which: "Which",
    weekday: "Weekday",
    open_or_closed: "Open or closed",
    closed: "Closed",
    open: "Open",
    hours: "Hours",
    hours_help: "e.g. 10:00-14:00 or 09:00-12:00, 14:00-18:00",
    season_help: "The other days of the season are closed. The end may come before the start (November to February).",
    add: "Add",
    ordinals: ["First", "Second", "Third", "Fourth", "Last"],
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    error_date: "That date does not exist. Please check the day and month.",
    error_weekdays: "Please choose at least one weekday.",
    error_hours: "Please enter hours like 10:00-14:00 or choose “Closed”.",
    error_nth: "Please choose a weekday and which one of the month.",
    error_gone: "This rule has changed in the meantime; please check the list.",
    every_year_on: "Every year on",
    every_year: "Every year",
    until: "to",
    closed_word: "closed",
    others_closed: "closed on other days",
    on_the: "On",
    osm_rule: "OSM rule",
};

impl Lang {
    pub fn recurring(self) -> &'static RecurringTexts {
        match self {
            Lang::De => &DE,
            Lang::En => &EN,
        }
    }
}

impl RecurringTexts {
    /// The sentence for a refusal's reason code (`rule_date` …).
    pub fn error(&self, code: &str) -> &'static str {
        match code {
            "rule_date" => self.error_date,
            "rule_weekdays" => self.error_weekdays,
            "rule_hours" => self.error_hours,
            "rule_nth" => self.error_nth,
            _ => self.error_gone,
        }
    }
}

fn time(point: TimePoint) -> String {
    match point {
        TimePoint::Fixed(m) => {
            let m = m % 1440;
            format!("{:02}:{:02}", m / 60, m % 60)
        }
        other => other.to_string(),
    }
}

fn spans(list: &[Span]) -> String {
    list.iter()
        .map(|s| match s.to {
            Some(to) => format!("{}–{}", time(s.from), time(to)),
            None => format!("{}+", time(s.from)),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// "24. Dezember" / "24 December".
fn day_month(lang: Lang, (day, month): (u8, u8)) -> String {
    let name = lang.recurring().months[usize::from(month.clamp(1, 12)) - 1];
    match lang {
        Lang::De => format!("{day}. {name}"),
        Lang::En => format!("{day} {name}"),
    }
}

/// "24.–26. Dezember", "23. Dezember bis 6. Januar".
fn day_range(lang: Lang, from: (u8, u8), to: (u8, u8)) -> String {
    let t = lang.recurring();
    match lang {
        _ if from.1 != to.1 => {
            format!("{} {} {}", day_month(lang, from), t.until, day_month(lang, to))
        }
        Lang::De => format!("{}.–{}", from.0, day_month(lang, to)),
        Lang::En => format!("{}–{}", from.0, day_month(lang, to)),
    }
}

fn weekdays(lang: Lang, list: &[WeekdayRange]) -> String {
    let short = |d| lang.texts().weekday_short(d);
    list.iter()
        .filter_map(|r| match r {
            WeekdayRange::Days { from, to } if from == to => Some(short(*from).to_string()),
            WeekdayRange::Days { from, to } => Some(format!("{}–{}", short(*from), short(*to))),
            WeekdayRange::Nth { .. } => None,
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// One listed rule in plain words.
pub fn describe(lang: Lang, what: &Recurring) -> String {
    let t = lang.recurring();
    let state = |times: &Option<Vec<Span>>| match times {
        Some(list) => spans(list),
        None => t.closed_word.to_string(),
    };
    match what {
        Recurring::Yearly { from, to: None, times } => {
            format!("{} {}: {}", t.every_year_on, day_month(lang, *from), state(times))
        }
        Recurring::Yearly { from, to: Some(to), times } => {
            format!("{} {}: {}", t.every_year, day_range(lang, *from, *to), state(times))
        }
        Recurring::Season { from, to, weekdays: days, times, others_closed } => {
            let mut text = format!(
                "{} {} {}: {} {}",
                day_month(lang, *from),
                t.until,
                day_month(lang, *to),
                weekdays(lang, days),
                spans(times)
            );
            if *others_closed {
                text.push_str(&format!(", {}", t.others_closed));
            }
            text
        }
        Recurring::NthWeekday { nth, weekday, times } => {
            let words = nth_weekday(lang, *nth, *weekday);
            let words = match lang {
                Lang::De => words.trim_start_matches("am ").to_string(),
                Lang::En => words,
            };
            format!("{} {words}: {}", t.on_the, state(times))
        }
        Recurring::Other(text) => format!("{}: {text}", t.osm_rule),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Weekday;

    #[test]
    fn the_rules_read_as_plain_sentences_in_both_languages() {
        let dec24 = Recurring::Yearly {
            from: (24, 12),
            to: None,
            times: Some(vec![Span::fixed(600, 840)]),
        };
        assert_eq!(describe(Lang::De, &dec24), "Jedes Jahr am 24. Dezember: 10:00–14:00");
        assert_eq!(describe(Lang::En, &dec24), "Every year on 24 December: 10:00–14:00");
        let xmas = Recurring::Yearly { from: (24, 12), to: Some((26, 12)), times: None };
        assert_eq!(describe(Lang::De, &xmas), "Jedes Jahr 24.–26. Dezember: geschlossen");
        assert_eq!(describe(Lang::En, &xmas), "Every year 24–26 December: closed");
        let summer = Recurring::Season {
            from: (1, 4),
            to: (30, 9),
            weekdays: vec![WeekdayRange::Days { from: Weekday::Mon, to: Weekday::Sun }],
            times: vec![Span::fixed(540, 1140)],
            others_closed: false,
        };
        assert_eq!(describe(Lang::De, &summer), "1. April bis 30. September: Mo–So 09:00–19:00");
        assert_eq!(describe(Lang::En, &summer), "1 April to 30 September: Mon–Sun 09:00–19:00");
        let first = Recurring::NthWeekday {
            nth: 1,
            weekday: Weekday::Sat,
            times: Some(vec![Span::fixed(600, 840)]),
        };
        assert_eq!(describe(Lang::De, &first), "Am ersten Samstag im Monat: 10:00–14:00");
        assert_eq!(describe(Lang::En, &first), "On the first Saturday of the month: 10:00–14:00");
    }
}
