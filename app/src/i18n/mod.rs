//! German and English texts. Every string is a field of [`Texts`], so a missing translation
//! is a compile error rather than an English word on a German page.

use crate::domain::hours::{HoursError, HoursErrorKind};
use crate::domain::location::{FieldProblem, PoiKind, Role};
use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

mod de;
mod federation;
pub use federation::FederationTexts;
mod geo;
mod hours_rules;
pub use hours_rules::{HoursRuleTexts, nth_weekday, rich_status};
mod import;
pub mod imprint;
pub mod imprint_page;
mod imprint_screen;
pub mod insights;
pub mod nudges;
pub mod privacy;
pub mod questions;
pub mod summary;
pub use import::ImportTexts;
pub use imprint_screen::ImprintScreenTexts;
mod location_images;
pub use location_images::LocationImageTexts;
mod locations;
pub use locations::LocationsTexts;
mod account;
mod errors;
mod history;
mod outbox;
mod posts;
mod recurring;
pub use recurring::{RecurringTexts, describe as describe_recurring};
pub mod sign_text;
mod signs;
pub use signs::SignTexts;
mod team;
pub use account::AccountTexts;
pub use geo::GeoTexts;
pub use history::HistoryTexts;
pub use team::TeamTexts;
mod en;

pub use de::DE;
pub use en::EN;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    De,
    #[default]
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::De, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "de" => Some(Lang::De),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the best of our languages from an `Accept-Language` header by q-value.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(f32, Lang)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or("").trim();
            let q = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or("");
            if let Some(lang) = Lang::parse(primary)
                && best.is_none_or(|(best_q, _)| q > best_q)
            {
                best = Some((q, lang));
            }
        }
        best.map(|(_, lang)| lang)
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::De => &DE,
            Lang::En => &EN,
        }
    }

    /// The German or the English of a pair (names that come in both, like holidays').
    pub fn choose<T>(self, german: T, english: T) -> T {
        match self {
            Lang::De => german,
            Lang::En => english,
        }
    }

    /// The Open Graph locale of pages in this language.
    pub fn og_locale(self) -> &'static str {
        self.choose("de_DE", "en_GB")
    }

    /// The language's own name, for the switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::De => "Deutsch",
            Lang::En => "English",
        }
    }
}

pub struct Texts {
    pub weekdays: [&'static str; 7],
    pub weekdays_short: [&'static str; 7],
    pub language: &'static str,
    pub skip_to_content: &'static str,
    // local page
    pub open: &'static str,
    pub closed: &'static str,
    pub closes: &'static str,
    pub opens: &'static str,
    pub tomorrow: &'static str,
    pub open_around_the_clock: &'static str,
    pub no_hours: &'static str,
    pub opening_hours: &'static str,
    pub special_hours: &'static str,
    pub months_short: [&'static str; 12],
    pub today: &'static str,
    pub closed_all_day: &'static str,
    pub address_and_directions: &'static str,
    pub directions_with: &'static str,
    pub map_app: &'static str,
    pub phone: &'static str,
    pub email: &'static str,
    pub website: &'static str,
    pub on_site: &'static str,
    pub distance_away: &'static str,
    pub poi_kinds: [&'static str; 9],
    pub published_with: &'static str,
    pub staff_login: &'static str,
    pub times_in: &'static str,
    // home + 404
    pub our_locations: &'static str,
    pub no_locations: &'static str,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub back_to_start: &'static str,
    // login + setup
    pub sign_in: &'static str,
    pub sign_out: &'static str,
    pub password: &'static str,
    pub login_failed: &'static str,
    pub login_rate_limited: &'static str,
    pub form_expired: &'static str,
    pub setup_title: &'static str,
    pub setup_intro: &'static str,
    pub business_name: &'static str,
    pub your_name: &'static str,
    pub password_hint: &'static str,
    pub password_repeat: &'static str,
    pub create_account: &'static str,
    pub setup_link_invalid: &'static str,
    pub password_too_short: &'static str,
    pub passwords_differ: &'static str,
    pub email_taken: &'static str,
    // admin
    pub dashboard: &'static str,
    pub your_locations: &'static str,
    pub no_membership: &'static str,
    pub edit: &'static str,
    pub view_page: &'static str,
    pub roles: [&'static str; 3],
    pub edit_location: &'static str,
    pub details: &'static str,
    pub name: &'static str,
    pub schema_type: &'static str,
    pub description: &'static str,
    pub street: &'static str,
    pub postal_code: &'static str,
    pub city: &'static str,
    pub timezone: &'static str,
    pub holiday_region: &'static str,
    pub no_region_choice: &'static str,
    pub latitude: &'static str,
    pub longitude: &'static str,
    pub weekly_hours: &'static str,
    pub weekly_hours_help: &'static str,
    pub closed_this_day: &'static str,
    pub from: &'static str,
    pub until: &'static str,
    pub next_day: &'static str,
    pub add_hours: &'static str,
    pub remove: &'static str,
    pub copy_to_days: &'static str,
    pub copy: &'static str,
    pub save: &'static str,
    pub saving: &'static str,
    pub saved: &'static str,
    pub fix_marked: &'static str,
    pub save_failed: &'static str,
    pub session_ended: &'static str,
    pub field_problems: [&'static str; 10],
    pub offline_title: &'static str,
    pub hours_and_holidays: &'static str,
    pub add_special: &'static str,
    pub first_day: &'static str,
    pub last_day: &'static str,
    pub closed_these_days: &'static str,
    pub other_hours: &'static str,
    pub note_public: &'static str,
    pub add: &'static str,
    pub delete: &'static str,
    pub no_special: &'static str,
    pub upcoming_holidays: &'static str,
    /// "{n} more holidays": the rest of the list, folded.
    pub more_holidays: &'static str,
    pub no_region: &'static str,
    pub holiday_rule_label: &'static str,
    pub rule_closed: &'static str,
    pub rule_as_usual: &'static str,
    pub rule_hours: &'static str,
    pub save_rule: &'static str,
    pub confirmed: &'static str,
    pub unconfirmed: &'static str,
    pub mark_closed: &'static str,
    pub mark_as_usual: &'static str,
    pub set_hours: &'static str,
    pub osm_import: &'static str,
    pub osm_help: &'static str,
    pub osm_current: &'static str,
    pub import: &'static str,
    pub preview_14: &'static str,
    pub saved_short: &'static str,
    pub check_hours: &'static str,
    pub bad_dates: &'static str,
    pub bad_hours: &'static str,
}

impl Texts {
    pub fn weekday(&self, day: Weekday) -> &'static str {
        self.weekdays[day.num_days_from_monday() as usize]
    }

    pub fn weekday_short(&self, day: Weekday) -> &'static str {
        self.weekdays_short[day.num_days_from_monday() as usize]
    }

    pub fn poi_kind(&self, kind: PoiKind) -> &'static str {
        let index = PoiKind::ALL.iter().position(|k| *k == kind).unwrap_or(8);
        self.poi_kinds[index]
    }

    pub fn role(&self, role: Role) -> &'static str {
        self.roles[role as usize]
    }

    pub fn field_problem(&self, problem: FieldProblem) -> &'static str {
        self.field_problems[problem as usize]
    }
}

/// A schema.org business type as a person reads it; unknown types are shown as given.
/// A distance for people: `80 m`, `1,2 km` (German) or `1.2 km`.
pub fn format_distance(lang: Lang, metres: f64) -> String {
    if metres < 1000.0 {
        format!("{} m", ((metres / 10.0).round() * 10.0).max(10.0))
    } else {
        let km = format!("{:.1}", metres / 1000.0);
        let km = if lang == Lang::De { km.replace('.', ",") } else { km };
        format!("{km} km")
    }
}

pub fn business_type(lang: Lang, schema_type: &str) -> String {
    let (de, en) = match schema_type {
        "LocalBusiness" => ("Geschäft", "Local business"),
        "Bakery" => ("Bäckerei", "Bakery"),
        "CafeOrCoffeeShop" => ("Café", "Café"),
        "Restaurant" => ("Restaurant", "Restaurant"),
        "BarOrPub" => ("Bar / Kneipe", "Bar or pub"),
        "IceCreamShop" => ("Eisdiele", "Ice cream shop"),
        "Store" => ("Laden", "Store"),
        "BikeStore" => ("Fahrradladen", "Bike shop"),
        "BookStore" => ("Buchhandlung", "Bookshop"),
        "ClothingStore" => ("Bekleidungsgeschäft", "Clothing store"),
        "Florist" => ("Blumenladen", "Florist"),
        "GardenStore" => ("Gartencenter", "Garden store"),
        "GroceryStore" => ("Lebensmittelgeschäft", "Grocery store"),
        "HardwareStore" => ("Eisenwarenhandlung", "Hardware store"),
        "JewelryStore" => ("Juwelier", "Jewellery store"),
        "ShoeStore" => ("Schuhgeschäft", "Shoe store"),
        "SportingGoodsStore" => ("Sportgeschäft", "Sporting goods store"),
        "ToyStore" => ("Spielwarengeschäft", "Toy store"),
        "Optician" => ("Optiker", "Optician"),
        "HairSalon" => ("Friseur", "Hair salon"),
        "BeautySalon" => ("Kosmetikstudio", "Beauty salon"),
        "AutoRepair" => ("Autowerkstatt", "Car repair"),
        "Pharmacy" => ("Apotheke", "Pharmacy"),
        other => return other.to_string(),
    };
    match lang {
        Lang::De => de.to_string(),
        Lang::En => en.to_string(),
    }
}

/// "Tuesday: 25:00 is not a time", in the given language.
pub fn hours_error(lang: Lang, error: &HoursError) -> String {
    let day = lang.texts().weekday(error.day);
    let what = match (lang, &error.kind) {
        (Lang::En, HoursErrorKind::NotATime(t)) => format!("{t} is not a time (use HH:MM)"),
        (Lang::De, HoursErrorKind::NotATime(t)) => format!("{t} ist keine Uhrzeit (Format HH:MM)"),
        (Lang::En, HoursErrorKind::MissingTime) => {
            "an interval needs a start and an end time".into()
        }
        (Lang::De, HoursErrorKind::MissingTime) => "ein Zeitraum braucht Beginn und Ende".into(),
        (Lang::En, HoursErrorKind::OpensAtEndOfDay) => "24:00 can only be a closing time".into(),
        (Lang::De, HoursErrorKind::OpensAtEndOfDay) => "24:00 geht nur als Ende".into(),
        (Lang::En, HoursErrorKind::Empty(t)) => {
            format!("opens and closes at {t}; for a whole day use 00:00–24:00")
        }
        (Lang::De, HoursErrorKind::Empty(t)) => {
            format!("Beginn und Ende sind beide {t}; für den ganzen Tag 00:00–24:00")
        }
        (Lang::En, HoursErrorKind::Overlap(a, b)) => format!("{a} overlaps {b}"),
        (Lang::De, HoursErrorKind::Overlap(a, b)) => format!("{a} überschneidet sich mit {b}"),
        (Lang::En, HoursErrorKind::OverlapsPreviousDay(a)) => {
            format!("{a} overlaps the previous day's hours past midnight")
        }
        (Lang::De, HoursErrorKind::OverlapsPreviousDay(a)) => {
            format!("{a} überschneidet sich mit den Zeiten des Vortags nach Mitternacht")
        }
        (Lang::En, HoursErrorKind::WrongDayCount) => "the week needs exactly seven days".into(),
        (Lang::De, HoursErrorKind::WrongDayCount) => "eine Woche braucht genau sieben Tage".into(),
    };
    format!("{day}: {what}")
}

/// A moment for the team, account and history screens: "25.11.2026, 14:03 UTC".
pub fn moment(lang: Lang, at: chrono::DateTime<chrono::Utc>) -> String {
    match lang {
        Lang::De => at.format("%d.%m.%Y, %H:%M UTC").to_string(),
        Lang::En => at.format("%-d %b %Y, %H:%M UTC").to_string(),
    }
}

/// "24.–26.12." in German, "24–26 Dec" in English.
pub fn date_range(lang: Lang, from: NaiveDate, to: NaiveDate) -> String {
    let month = |d: NaiveDate| lang.texts().months_short[d.month0() as usize];
    match lang {
        Lang::De if from == to => format!("{}.{}.", from.day(), from.month()),
        Lang::De if from.month() == to.month() && from.year() == to.year() => {
            format!("{}.–{}.{}.", from.day(), to.day(), to.month())
        }
        Lang::De => format!("{}.{}.–{}.{}.", from.day(), from.month(), to.day(), to.month()),
        Lang::En if from == to => format!("{} {}", from.day(), month(from)),
        Lang::En if from.month() == to.month() && from.year() == to.year() => {
            format!("{}–{} {}", from.day(), to.day(), month(to))
        }
        Lang::En => format!("{} {} – {} {}", from.day(), month(from), to.day(), month(to)),
    }
}

/// `24.12. 10:00` (German) or `24 Dec 10:00`, in the location's timezone.
pub fn when(lang: Lang, at: chrono::DateTime<chrono::Utc>, tz: chrono_tz::Tz) -> String {
    let local = at.with_timezone(&tz);
    format!(
        "{} {}",
        date_range(lang, local.date_naive(), local.date_naive()),
        local.format("%H:%M")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_highest_q_of_our_languages() {
        assert_eq!(Lang::from_accept_language("de-DE,de;q=0.9,en;q=0.8"), Some(Lang::De));
        assert_eq!(Lang::from_accept_language("fr-FR, en;q=0.5, de;q=0.4"), Some(Lang::En));
        assert_eq!(Lang::from_accept_language("en-GB;q=0.3, de-AT;q=0.7"), Some(Lang::De));
        assert_eq!(Lang::from_accept_language("fr, it"), None);
    }

    #[test]
    fn every_selectable_business_type_has_a_german_label() {
        for ty in crate::domain::location::BUSINESS_TYPES {
            let german = business_type(Lang::De, ty);
            assert!(german != *ty || *ty == "Restaurant", "{ty} needs a German label");
            assert!(!business_type(Lang::En, ty).is_empty());
        }
        assert_eq!(
            business_type(Lang::De, "Planetarium"),
            "Planetarium",
            "unknown types pass through"
        );
    }

    #[test]
    fn date_ranges_read_naturally_in_both_languages() {
        let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).expect("date");
        assert_eq!(date_range(Lang::De, d(12, 24), d(12, 26)), "24.–26.12.");
        assert_eq!(date_range(Lang::En, d(12, 24), d(12, 26)), "24–26 Dec");
        assert_eq!(date_range(Lang::De, d(12, 31), d(12, 31)), "31.12.");
        assert_eq!(date_range(Lang::En, d(7, 30), d(8, 2)), "30 Jul – 2 Aug");
    }

    #[test]
    fn an_hours_error_names_the_day_in_both_languages() {
        let error =
            HoursError { day: Weekday::Tue, kind: HoursErrorKind::NotATime("25:00".into()) };
        assert_eq!(hours_error(Lang::En, &error), "Tuesday: 25:00 is not a time (use HH:MM)");
        assert_eq!(
            hours_error(Lang::De, &error),
            "Dienstag: 25:00 ist keine Uhrzeit (Format HH:MM)"
        );
    }
}
