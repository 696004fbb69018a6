//! German and English texts. Every string is a field of [`Texts`], so a missing translation
//! is a compile error rather than an English word on a German page.

use crate::domain::hours::{HoursError, HoursErrorKind};
use crate::domain::location::{FieldProblem, PoiKind, Role};
use chrono::Weekday;
use serde::{Deserialize, Serialize};

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
    pub field_problems: [&'static str; 9],
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
    pub nudge_holidays: &'static str,
    pub check_hours: &'static str,
    pub bad_dates: &'static str,
    pub bad_hours: &'static str,
}

pub static DE: Texts = Texts {
    weekdays: ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
    weekdays_short: ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"],
    language: "Sprache",
    skip_to_content: "Zum Inhalt springen",
    open: "Geöffnet",
    closed: "Geschlossen",
    closes: "schließt",
    opens: "öffnet",
    tomorrow: "morgen",
    open_around_the_clock: "rund um die Uhr",
    no_hours: "keine Öffnungszeiten angegeben",
    opening_hours: "Öffnungszeiten",
    special_hours: "Abweichende Öffnungszeiten",
    months_short: [
        "Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.",
        "Dez.",
    ],
    today: "heute",
    closed_all_day: "geschlossen",
    address_and_directions: "Adresse & Anfahrt",
    directions_with: "Route mit",
    map_app: "Karten-App",
    phone: "Telefon",
    email: "E-Mail",
    website: "Website",
    on_site: "Parken, Eingänge & mehr",
    distance_away: "entfernt",
    poi_kinds: [
        "Parken",
        "Eingang",
        "Barrierefreier Eingang",
        "Abholstelle",
        "Fahrradstellplatz",
        "E-Ladestation",
        "Veranstaltungsort",
        "Partner",
        "Sonstiges",
    ],
    published_with: "Veröffentlicht mit Nahbar",
    staff_login: "Anmeldung für das Team",
    times_in: "Zeiten in",
    our_locations: "Unsere Standorte",
    no_locations: "Noch keine Standorte.",
    not_found_title: "Seite nicht gefunden",
    not_found_text: "Unter dieser Adresse gibt es keine Seite.",
    back_to_start: "Zur Startseite",
    sign_in: "Anmelden",
    sign_out: "Abmelden",
    password: "Passwort",
    login_failed: "E-Mail oder Passwort ist falsch.",
    login_rate_limited: "Zu viele Versuche. Bitte warte ein paar Minuten und versuche es dann erneut.",
    form_expired: "Das Formular ist abgelaufen. Bitte versuche es noch einmal.",
    setup_title: "Inhaber-Konto anlegen",
    setup_intro: "Dieses Konto darf alles: Standorte, Öffnungszeiten, Team und Beiträge.",
    business_name: "Name des Unternehmens",
    your_name: "Dein Name",
    password_hint: "Mindestens 10 Zeichen.",
    password_repeat: "Passwort wiederholen",
    create_account: "Konto anlegen",
    setup_link_invalid: "Dieser Einrichtungslink ist ungültig, abgelaufen oder wurde schon benutzt. Starte Nahbar neu für einen neuen Link oder nutze „nahbar owner create“.",
    password_too_short: "Das Passwort muss mindestens 10 Zeichen haben.",
    passwords_differ: "Die beiden Passwörter sind verschieden.",
    email_taken: "Für diese E-Mail-Adresse gibt es schon ein Konto.",
    dashboard: "Übersicht",
    your_locations: "Deine Standorte",
    no_membership: "Du gehörst noch zu keinem Unternehmen.",
    edit: "Bearbeiten",
    view_page: "Seite ansehen",
    roles: ["Inhaber*in", "Leitung", "Team"],
    edit_location: "Standort bearbeiten",
    details: "Angaben",
    name: "Name",
    schema_type: "Art des Geschäfts (schema.org)",
    description: "Beschreibung",
    street: "Straße und Hausnummer",
    postal_code: "PLZ",
    city: "Ort",
    timezone: "Zeitzone",
    holiday_region: "Feiertage nach Region",
    no_region_choice: "keine Feiertage",
    latitude: "Breitengrad",
    longitude: "Längengrad",
    weekly_hours: "Öffnungszeiten pro Woche",
    weekly_hours_help: "Mehrere Zeiträume pro Tag sind möglich. Endet ein Zeitraum vor seinem Beginn, geht er bis in den nächsten Tag (z. B. 18:00–02:00).",
    closed_this_day: "Ganztägig geschlossen",
    from: "Von",
    until: "Bis",
    next_day: "bis zum Folgetag",
    add_hours: "Zeitraum hinzufügen",
    remove: "Entfernen",
    copy_to_days: "Auf andere Tage kopieren",
    copy: "Kopieren",
    save: "Speichern",
    saving: "Wird gespeichert …",
    saved: "Gespeichert. Die öffentliche Seite zeigt die Änderung ab sofort.",
    fix_marked: "Bitte korrigiere die markierten Angaben.",
    save_failed: "Speichern fehlgeschlagen. Bitte versuche es noch einmal.",
    session_ended: "Deine Sitzung ist abgelaufen. Bitte melde dich neu an.",
    field_problems: [
        "Bitte ausfüllen.",
        "Das ist zu lang.",
        "Bitte wähle eine Art aus der Liste.",
        "Unbekannte Zeitzone (z. B. Europe/Berlin).",
        "Das ist keine gültige E-Mail-Adresse.",
        "Die Website muss mit https:// oder http:// beginnen.",
        "Erlaubt sind Ziffern, Leerzeichen und + - / ( ).",
        "Breitengrad −90 bis 90, Längengrad −180 bis 180.",
        "Bitte wähle eine Region aus der Liste.",
    ],
    offline_title: "Keine Verbindung",
    hours_and_holidays: "Sonderzeiten & Feiertage",
    add_special: "Schließung oder Sonderzeiten eintragen",
    first_day: "Erster Tag",
    last_day: "Letzter Tag",
    closed_these_days: "Geschlossen",
    other_hours: "Andere Zeiten (z. B. 10:00-14:00)",
    note_public: "Hinweis für Kundschaft (optional)",
    add: "Eintragen",
    delete: "Löschen",
    no_special: "Keine Sonderzeiten eingetragen.",
    upcoming_holidays: "Nächste Feiertage",
    no_region: "Für diesen Standort ist keine Feiertagsregion gesetzt.",
    holiday_rule_label: "An Feiertagen ohne eigenen Eintrag",
    rule_closed: "geschlossen",
    rule_as_usual: "wie an normalen Tagen geöffnet",
    rule_hours: "andere Zeiten:",
    save_rule: "Regel speichern",
    confirmed: "bestätigt",
    unconfirmed: "nicht bestätigt",
    mark_closed: "Geschlossen",
    mark_as_usual: "Normal geöffnet",
    set_hours: "Zeiten setzen",
    osm_import: "Aus OpenStreetMap übernehmen",
    osm_help: "Füge einen opening_hours-Wert aus OpenStreetMap ein. Er ersetzt Wochenzeiten, Feiertagsregel und Sonderzeiten.",
    osm_current: "Aktuell als opening_hours",
    import: "Übernehmen",
    preview_14: "So sehen Kund*innen die nächsten 14 Tage",
    saved_short: "Gespeichert.",
    nudge_holidays: "Feiertage in den nächsten 30 Tagen ohne bestätigte Zeiten:",
    check_hours: "Zeiten prüfen",
    bad_dates: "Bitte gültige Daten wählen; der letzte Tag darf nicht vor dem ersten liegen (höchstens ein Jahr).",
    bad_hours: "Die Zeiten sind ungültig. Format: 10:00-14:00, mehrere mit Komma.",
};

pub static EN: Texts = Texts {
    weekdays: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    weekdays_short: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    language: "Language",
    skip_to_content: "Skip to content",
    open: "Open",
    closed: "Closed",
    closes: "closes",
    opens: "opens",
    tomorrow: "tomorrow",
    open_around_the_clock: "around the clock",
    no_hours: "no opening hours given",
    opening_hours: "Opening hours",
    special_hours: "Special opening hours",
    months_short: [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ],
    today: "today",
    closed_all_day: "closed",
    address_and_directions: "Address & directions",
    directions_with: "Directions with",
    map_app: "Map app",
    phone: "Phone",
    email: "Email",
    website: "Website",
    on_site: "Parking, entrances & more",
    distance_away: "away",
    poi_kinds: [
        "Parking",
        "Entrance",
        "Step-free entrance",
        "Pick-up point",
        "Bike parking",
        "EV charging",
        "Event spot",
        "Partner",
        "Other",
    ],
    published_with: "Published with Nahbar",
    staff_login: "Team sign-in",
    times_in: "Times in",
    our_locations: "Our locations",
    no_locations: "No locations yet.",
    not_found_title: "Page not found",
    not_found_text: "There is no page at this address.",
    back_to_start: "Back to the start page",
    sign_in: "Sign in",
    sign_out: "Sign out",
    password: "Password",
    login_failed: "Email or password is wrong.",
    login_rate_limited: "Too many attempts. Please wait a few minutes, then try again.",
    form_expired: "The form has expired. Please try again.",
    setup_title: "Create the owner account",
    setup_intro: "This account may do everything: locations, hours, team and posts.",
    business_name: "Business name",
    your_name: "Your name",
    password_hint: "At least 10 characters.",
    password_repeat: "Repeat password",
    create_account: "Create account",
    setup_link_invalid: "This setup link is invalid, expired or already used. Restart Nahbar for a new link or use “nahbar owner create”.",
    password_too_short: "The password needs at least 10 characters.",
    passwords_differ: "The two passwords differ.",
    email_taken: "There is already an account for this email address.",
    dashboard: "Dashboard",
    your_locations: "Your locations",
    no_membership: "You do not belong to a business yet.",
    edit: "Edit",
    view_page: "View page",
    roles: ["Owner", "Manager", "Staff"],
    edit_location: "Edit location",
    details: "Details",
    name: "Name",
    schema_type: "Kind of business (schema.org)",
    description: "Description",
    street: "Street and number",
    postal_code: "Postal code",
    city: "City",
    timezone: "Timezone",
    holiday_region: "Public holidays of region",
    no_region_choice: "no public holidays",
    latitude: "Latitude",
    longitude: "Longitude",
    weekly_hours: "Weekly hours",
    weekly_hours_help: "A day can have several intervals. An interval that ends before it starts runs into the next day (e.g. 18:00–02:00).",
    closed_this_day: "Closed all day",
    from: "From",
    until: "Until",
    next_day: "into the next day",
    add_hours: "Add interval",
    remove: "Remove",
    copy_to_days: "Copy to other days",
    copy: "Copy",
    save: "Save",
    saving: "Saving …",
    saved: "Saved. The public page shows the change now.",
    fix_marked: "Please fix the marked entries.",
    save_failed: "Saving failed. Please try again.",
    session_ended: "Your session has ended. Please sign in again.",
    field_problems: [
        "Please fill this in.",
        "This is too long.",
        "Please choose a kind from the list.",
        "Unknown timezone (e.g. Europe/Berlin).",
        "This is not a valid email address.",
        "The website must start with https:// or http://.",
        "Allowed are digits, spaces and + - / ( ).",
        "Latitude −90 to 90, longitude −180 to 180.",
        "Please choose a region from the list.",
    ],
    offline_title: "No connection",
    hours_and_holidays: "Special hours & holidays",
    add_special: "Add a closure or special hours",
    first_day: "First day",
    last_day: "Last day",
    closed_these_days: "Closed",
    other_hours: "Other hours (e.g. 10:00-14:00)",
    note_public: "Note for customers (optional)",
    add: "Add",
    delete: "Delete",
    no_special: "No special hours yet.",
    upcoming_holidays: "Upcoming public holidays",
    no_region: "This location has no holiday region set.",
    holiday_rule_label: "On holidays without their own entry",
    rule_closed: "closed",
    rule_as_usual: "open as usual",
    rule_hours: "other hours:",
    save_rule: "Save rule",
    confirmed: "confirmed",
    unconfirmed: "not confirmed",
    mark_closed: "Closed",
    mark_as_usual: "Open as usual",
    set_hours: "Set hours",
    osm_import: "Import from OpenStreetMap",
    osm_help: "Paste an opening_hours value from OpenStreetMap. It replaces the weekly hours, the holiday rule and the special hours.",
    osm_current: "Current value as opening_hours",
    import: "Import",
    preview_14: "What customers see for the next 14 days",
    saved_short: "Saved.",
    nudge_holidays: "Public holidays in the next 30 days without confirmed hours:",
    check_hours: "Check hours",
    bad_dates: "Please choose valid dates; the last day must not be before the first (one year at most).",
    bad_hours: "The hours are not valid. Format: 10:00-14:00, several separated by commas.",
};

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
