//! Texts of the history screens (a location's revisions, a business's audit log), in both
//! languages.

use super::Lang;

pub struct HistoryTexts {
    pub history: &'static str,
    pub history_of: &'static str,
    pub audit_log: &'static str,
    pub audit_intro: &'static str,
    pub when: &'static str,
    pub who: &'static str,
    pub what: &'static str,
    pub from_where: &'static str,
    pub older: &'static str,
    pub no_entries: &'static str,
    pub kind_details: &'static str,
    pub kind_hours: &'static str,
    pub kind_pois: &'static str,
    pub version_current: &'static str,
    pub version_first: &'static str,
    pub restore: &'static str,
    pub restored: &'static str,
    pub no_revisions: &'static str,
    pub history_intro: &'static str,
    pub no_pois: &'static str,
}

const DE: HistoryTexts = HistoryTexts {
    history: "Verlauf",
    history_of: "Verlauf: {name}",
    audit_log: "Änderungsprotokoll",
    audit_intro: "Jede Änderung an den Daten des Unternehmens: wer, wann, was und von wo.",
    when: "Wann",
    who: "Wer",
    what: "Was",
    from_where: "Von wo",
    older: "Ältere Einträge",
    no_entries: "Noch keine Änderungen.",
    kind_details: "Angaben",
    kind_hours: "Öffnungszeiten",
    kind_pois: "Orte",
    version_current: "aktuell",
    version_first: "Stand vor der ersten Änderung",
    restore: "Diese Version wiederherstellen",
    restored: "Wiederhergestellt. Die Seite für Kundschaft zeigt jetzt diese Version.",
    no_revisions: "Noch keine Versionen: Sie entstehen mit der ersten Änderung.",
    history_intro: "Jede gespeicherte Version, die neueste oben. Wiederherstellen ist selbst eine Änderung und wird protokolliert.",
    no_pois: "keine Orte",
};

const EN: HistoryTexts = HistoryTexts {
    history: "History",
    history_of: "History: {name}",
    audit_log: "Change log",
    audit_intro: "Every change to the business's data: who, when, what and from where.",
    when: "When",
    who: "Who",
    what: "What",
    from_where: "From where",
    older: "Older entries",
    no_entries: "No changes yet.",
    kind_details: "Details",
    kind_hours: "Opening hours",
    kind_pois: "Places",
    version_current: "current",
    version_first: "As it was before the first change",
    restore: "Restore this version",
    restored: "Restored. The customer page now shows this version.",
    no_revisions: "No versions yet: they start with the first change.",
    history_intro: "Every saved version, newest first. Restoring is a change of its own and is logged.",
    no_pois: "no places",
};

impl Lang {
    pub fn history(self) -> &'static HistoryTexts {
        match self {
            Lang::De => &DE,
            Lang::En => &EN,
        }
    }

    /// An audit log action (`poi.add`, `member.role`, …) in words.
    pub fn audit_action(self, action: &str) -> String {
        let de = self == Lang::De;
        let text = match action {
            "location.save" => {
                if de {
                    "Angaben und Wochenzeiten gespeichert"
                } else {
                    "Details and weekly hours saved"
                }
            }
            "hours.special.add" => {
                if de {
                    "Sonderöffnungszeit eingetragen"
                } else {
                    "Special hours added"
                }
            }
            "hours.special.delete" => {
                if de {
                    "Sonderöffnungszeit gelöscht"
                } else {
                    "Special hours deleted"
                }
            }
            "hours.holiday_rule" => {
                if de {
                    "Feiertagsregel geändert"
                } else {
                    "Holiday rule changed"
                }
            }
            "fediverse.answer" => {
                if de {
                    "Im Fediverse geantwortet"
                } else {
                    "Answered in the fediverse"
                }
            }
            "hours.confirm" => {
                if de {
                    "Öffnungszeiten als richtig bestätigt"
                } else {
                    "Opening hours confirmed as right"
                }
            }
            "hours.holiday" => {
                if de {
                    "Feiertag bestätigt"
                } else {
                    "Holiday confirmed"
                }
            }
            "hours.osm_import" => {
                if de {
                    "Öffnungszeiten aus OSM übernommen"
                } else {
                    "Hours imported from OSM"
                }
            }
            "poi.add" => {
                if de {
                    "Ort hinzugefügt"
                } else {
                    "Place added"
                }
            }
            "poi.update" => {
                if de {
                    "Ort geändert"
                } else {
                    "Place changed"
                }
            }
            "poi.delete" => {
                if de {
                    "Ort gelöscht"
                } else {
                    "Place deleted"
                }
            }
            "poi.move" => {
                if de {
                    "Ort verschoben"
                } else {
                    "Place moved"
                }
            }
            "post.create" => {
                if de {
                    "Beitrag geschrieben"
                } else {
                    "Post written"
                }
            }
            "posts.settings" => {
                if de {
                    "Regeln für Beiträge geändert"
                } else {
                    "Post rules changed"
                }
            }
            "member.invite" => {
                if de {
                    "Einladung erstellt"
                } else {
                    "Invitation created"
                }
            }
            "member.invite_revoke" => {
                if de {
                    "Einladung zurückgezogen"
                } else {
                    "Invitation revoked"
                }
            }
            "member.join" => {
                if de {
                    "Dem Team beigetreten"
                } else {
                    "Joined the team"
                }
            }
            "member.role" => {
                if de {
                    "Rolle geändert"
                } else {
                    "Role changed"
                }
            }
            "member.remove" => {
                if de {
                    "Mitglied entfernt"
                } else {
                    "Member removed"
                }
            }
            "revision.restore" => {
                if de {
                    "Frühere Version wiederhergestellt"
                } else {
                    "Earlier version restored"
                }
            }
            "location.create" => {
                if de {
                    "Standort angelegt"
                } else {
                    "Location created"
                }
            }
            "location.archive" => {
                if de {
                    "Standort archiviert"
                } else {
                    "Location archived"
                }
            }
            "location.unarchive" => {
                if de {
                    "Standort wieder veröffentlicht"
                } else {
                    "Location published again"
                }
            }
            "hours.apply" => {
                if de {
                    "Öffnungszeiten übertragen"
                } else {
                    "Hours applied from another location"
                }
            }
            "location.logo" => {
                if de {
                    "Logo hochgeladen"
                } else {
                    "Logo uploaded"
                }
            }
            "location.cover" => {
                if de {
                    "Titelbild hochgeladen"
                } else {
                    "Cover photo uploaded"
                }
            }
            "location.logo_remove" => {
                if de {
                    "Logo entfernt"
                } else {
                    "Logo removed"
                }
            }
            "location.cover_remove" => {
                if de {
                    "Titelbild entfernt"
                } else {
                    "Cover photo removed"
                }
            }
            "business.export" => {
                if de {
                    "Alle Daten heruntergeladen (Archiv)"
                } else {
                    "All data downloaded (archive)"
                }
            }
            "question.staff_see" => {
                if de {
                    "Geändert, ob Mitarbeitende die Fragen sehen"
                } else {
                    "Changed whether staff see the questions"
                }
            }
            "question.staff_answer" => {
                if de {
                    "Geändert, ob Mitarbeitende antworten dürfen"
                } else {
                    "Changed whether staff may answer"
                }
            }
            "locations.import" => {
                if de {
                    "Standorte aus CSV importiert"
                } else {
                    "Locations imported from CSV"
                }
            }
            other => {
                if let Some(state) = other.strip_prefix("post.") {
                    return if de { format!("Beitrag: {state}") } else { format!("Post: {state}") };
                }
                other
            }
        };
        text.to_string()
    }
}
