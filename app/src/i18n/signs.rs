//! Words of the printed signs (door sign, closure notice, counter poster), in both
//! languages. Customers read these, so they are addressed formally ("Sie").
//! `{date}`, `{when}`, `{dates}`, `{hours}` are filled in by `domain::sign_text`.

use super::Lang;

pub struct SignTexts {
    pub opening_hours: &'static str,
    pub changes_heading: &'static str,
    pub closed: &'static str,
    pub scan_door: &'static str,
    pub closure_title: &'static str,
    pub special_title: &'static str,
    /// `{dates}` closed.
    pub closed_on: &'static str,
    /// `{dates}` open `{hours}`.
    pub open_on: &'static str,
    /// Reopening: `{when}` is a weekday, date and time.
    pub reopens: &'static str,
    pub scan_closure: &'static str,
    pub follow_us: &'static str,
    pub follow_how: &'static str,
    pub scan_poster: &'static str,
    /// `{date}` the print date.
    pub as_of: &'static str,
    /// Names of the kinds and sizes for the print screen.
    pub door_sign: &'static str,
    pub closure_notice: &'static str,
    pub counter_poster: &'static str,
    pub bilingual: &'static str,
    /// The dashboard's nudge when a printed sign no longer matches the data, per kind;
    /// `{date}` the print date.
    pub out_of_date: [&'static str; 3],
    pub print_again: &'static str,
    /// The print section of the hours screen.
    pub section: &'static str,
    pub intro: &'static str,
    pub sign: &'static str,
    pub paper: &'static str,
    pub language: &'static str,
    pub german: &'static str,
    pub english: &'static str,
    pub make_pdf: &'static str,
    /// The print form's second button: the same sign as a page to print from the browser.
    pub open_print_view: &'static str,
    /// The print page's hint above the sign (not printed), and its way back.
    pub print_hint: &'static str,
    pub back_to_hours: &'static str,
    /// `{date}` the print date.
    pub still_true: [&'static str; 3],
}

impl SignTexts {
    /// "Das Türschild vom 02.11.2026 ist nicht mehr aktuell." for a sign of `kind`.
    pub fn out_of_date(&self, kind: crate::domain::sign::SignKind, date: &str) -> String {
        use crate::domain::sign::SignKind;
        let index = match kind {
            SignKind::Door => 0,
            SignKind::Closure { .. } => 1,
            SignKind::Poster => 2,
        };
        self.out_of_date[index].replace("{date}", date)
    }

    /// "Das Türschild vom 02.11.2026 ist aktuell." for a sign of `kind`.
    pub fn still_true(&self, kind: crate::domain::sign::SignKind, date: &str) -> String {
        use crate::domain::sign::SignKind;
        let index = match kind {
            SignKind::Door => 0,
            SignKind::Closure { .. } => 1,
            SignKind::Poster => 2,
        };
        self.still_true[index].replace("{date}", date)
    }
}

const DE: SignTexts = SignTexts {
    opening_hours: "Öffnungszeiten",
    changes_heading: "Abweichende Öffnungszeiten",
    closed: "geschlossen",
    scan_door: "Scannen: aktuelle Öffnungszeiten und Neuigkeiten",
    closure_title: "Geschlossen",
    special_title: "Geänderte Öffnungszeiten",
    closed_on: "{dates} geschlossen",
    open_on: "{dates} geöffnet {hours}",
    reopens: "Ab {when} wieder für Sie da",
    scan_closure: "Scannen: aktuelle Öffnungszeiten",
    follow_us: "Folgen Sie uns",
    follow_how: "im Fediverse, z. B. mit Mastodon: einfach nach diesem Namen suchen",
    scan_poster: "Scannen: unsere Seite mit Neuigkeiten, Öffnungszeiten und Anfahrt",
    as_of: "Stand: {date}",
    door_sign: "Türschild",
    closure_notice: "Schließungshinweis",
    counter_poster: "Theken-Aufsteller",
    bilingual: "Deutsch und Englisch",
    out_of_date: [
        "Das Türschild vom {date} ist nicht mehr aktuell.",
        "Der Schließungshinweis vom {date} ist nicht mehr aktuell.",
        "Der Theken-Aufsteller vom {date} ist nicht mehr aktuell.",
    ],
    print_again: "Neu drucken",
    section: "Aushänge drucken",
    intro: "Türschild, Schließungshinweis und Theken-Aufsteller als PDF zum Ausdrucken, mit dem Datum des Drucks und einem QR-Code zu Ihrer Seite. Ändern sich Öffnungszeiten oder Schließtage, sagt Nahbar Ihnen hier, welcher Aushang nicht mehr stimmt.",
    sign: "Aushang",
    paper: "Papier",
    language: "Sprache",
    german: "Deutsch",
    english: "Englisch",
    make_pdf: "PDF erstellen",
    open_print_view: "Druckansicht öffnen",
    print_hint: "Drucken: Menü des Browsers → Drucken",
    back_to_hours: "Zurück zu den Öffnungszeiten",
    still_true: [
        "Das Türschild vom {date} ist aktuell.",
        "Der Schließungshinweis vom {date} ist aktuell.",
        "Der Theken-Aufsteller vom {date} ist aktuell.",
    ],
};

const EN: SignTexts = SignTexts {
    opening_hours: "Opening hours",
    changes_heading: "Changes to our hours",
    closed: "closed",
    scan_door: "Scan for current hours and news",
    closure_title: "Closed",
    special_title: "Changed opening hours",
    closed_on: "Closed {dates}",
    open_on: "Open {hours} on {dates}",
    reopens: "Open again from {when}",
    scan_closure: "Scan for current opening hours",
    follow_us: "Follow us",
    follow_how: "on the fediverse, e.g. with Mastodon: just search for this name",
    scan_poster: "Scan for our page with news, opening hours and directions",
    as_of: "As of {date}",
    door_sign: "Door sign",
    closure_notice: "Closure notice",
    counter_poster: "Counter poster",
    bilingual: "German and English",
    out_of_date: [
        "The door sign printed on {date} is out of date.",
        "The closure notice printed on {date} is out of date.",
        "The counter poster printed on {date} is out of date.",
    ],
    print_again: "Print the new one",
    section: "Printed signs",
    intro: "Door sign, closure notice and counter poster as a PDF to print, with the date of printing and a QR code to your page. When the hours or closures change, Nahbar tells you here which sign is no longer true.",
    sign: "Sign",
    paper: "Paper",
    language: "Language",
    german: "German",
    english: "English",
    make_pdf: "Make the PDF",
    open_print_view: "Open print view",
    print_hint: "Print: browser menu → Print",
    back_to_hours: "Back to the opening hours",
    still_true: [
        "The door sign printed on {date} is up to date.",
        "The closure notice printed on {date} is up to date.",
        "The counter poster printed on {date} is up to date.",
    ],
};

impl Lang {
    pub fn signs(self) -> &'static SignTexts {
        match self {
            Lang::De => &DE,
            Lang::En => &EN,
        }
    }
}
