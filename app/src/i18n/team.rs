//! Texts of the team screen, the invitation page, the account screen and the history
//! screens, in both languages. `{name}`, `{role}`, `{date}`, `{n}` are filled in by the pages.

use super::Lang;

pub struct TeamTexts {
    pub team: &'static str,
    pub team_of: &'static str,
    pub members: &'static str,
    pub you: &'static str,
    pub member_since: &'static str,
    pub role_label: &'static str,
    pub change_role: &'static str,
    pub remove: &'static str,
    pub remove_confirm: &'static str,
    pub last_owner: &'static str,
    pub role_changed: &'static str,
    pub removed: &'static str,
    pub invite_title: &'static str,
    pub invite_intro: &'static str,
    pub valid_for: &'static str,
    pub one_day: &'static str,
    pub seven_days: &'static str,
    pub create_link: &'static str,
    pub new_link: &'static str,
    pub new_link_help: &'static str,
    pub link_label: &'static str,
    pub qr_label: &'static str,
    pub valid_until: &'static str,
    pub open_invitations: &'static str,
    pub no_invitations: &'static str,
    pub invited_by: &'static str,
    pub revoke: &'static str,
    pub revoked: &'static str,
    pub rights_owner: &'static str,
    pub rights_manager: &'static str,
    pub rights_staff: &'static str,
    // The invitation page.
    pub join_title: &'static str,
    pub join_intro: &'static str,
    pub join_create: &'static str,
    pub your_name: &'static str,
    pub join_button: &'static str,
    pub join_as: &'static str,
    pub join_with_account: &'static str,
    pub already_member: &'static str,
    pub have_account: &'static str,
    pub link_invalid: &'static str,
    pub link_invalid_help: &'static str,
    pub email_taken: &'static str,
    pub welcome: &'static str,
    pub welcome_install: &'static str,
    // The account screen.
    pub account: &'static str,
    pub password_title: &'static str,
    pub current_password: &'static str,
    pub new_password: &'static str,
    pub repeat_password: &'static str,
    pub change_password: &'static str,
    pub password_changed: &'static str,
    pub wrong_password: &'static str,
    pub too_many_tries: &'static str,
    pub sessions_title: &'static str,
    pub sessions_intro: &'static str,
    pub this_device: &'static str,
    pub signed_in_at: &'static str,
    pub last_active: &'static str,
    pub end_session: &'static str,
    pub end_others: &'static str,
    pub sessions_ended: &'static str,
    // History.
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

const DE: TeamTexts = TeamTexts {
    team: "Team",
    team_of: "Team von {name}",
    members: "Mitglieder",
    you: "du",
    member_since: "dabei seit {date}",
    role_label: "Rolle",
    change_role: "Rolle ändern",
    remove: "Entfernen",
    remove_confirm: "Entfernen: Die Person verliert sofort den Zugang zu diesem Unternehmen.",
    last_owner: "Das geht nicht: Das Unternehmen braucht mindestens eine Inhaberin oder einen Inhaber.",
    role_changed: "Rolle geändert. Sie gilt ab der nächsten Anfrage der Person.",
    removed: "Entfernt. Die Person hat keinen Zugang mehr.",
    invite_title: "Jemanden einladen",
    invite_intro: "Du bekommst einen Link, der einmal funktioniert, und einen QR-Code, den die neue Person im Laden mit ihrem Handy scannt.",
    valid_for: "Gültig für",
    one_day: "1 Tag",
    seven_days: "7 Tage",
    create_link: "Einladungslink erstellen",
    new_link: "Neuer Einladungslink",
    new_link_help: "Schicke den Link oder lass den QR-Code scannen. Er wird nur jetzt angezeigt und funktioniert einmal.",
    link_label: "Einladungslink",
    qr_label: "QR-Code des Einladungslinks",
    valid_until: "gültig bis {date}",
    open_invitations: "Offene Einladungen",
    no_invitations: "Keine offenen Einladungen.",
    invited_by: "erstellt von {name}",
    revoke: "Zurückziehen",
    revoked: "Einladung zurückgezogen. Der Link funktioniert nicht mehr.",
    rights_owner: "Alles, auch Mitglieder und Löschen",
    rights_manager: "Standorte, Öffnungszeiten, Orte; Beiträge freigeben",
    rights_staff: "Beiträge schreiben",
    join_title: "Willkommen im Team",
    join_intro: "{name} lädt dich ein, als {role} mitzumachen.",
    join_create: "Lege dein Konto an",
    your_name: "Dein Name",
    join_button: "Konto anlegen und loslegen",
    join_as: "Angemeldet als {name}.",
    join_with_account: "Mit diesem Konto beitreten",
    already_member: "Du bist schon Mitglied dieses Unternehmens.",
    have_account: "Schon ein Konto? Erst anmelden",
    link_invalid: "Dieser Einladungslink funktioniert nicht mehr",
    link_invalid_help: "Er wurde schon benutzt, zurückgezogen oder ist abgelaufen. Bitte die Person, die dich eingeladen hat, um einen neuen.",
    email_taken: "Zu dieser E-Mail-Adresse gibt es schon ein Konto. Melde dich damit an und öffne den Link dann noch einmal.",
    welcome: "Willkommen! Du bist jetzt im Team.",
    welcome_install: "Tipp: Füge Nahbar über das Browser-Menü zum Startbildschirm hinzu, dann postest du mit einem Tipp.",
    account: "Konto",
    password_title: "Passwort ändern",
    current_password: "Aktuelles Passwort",
    new_password: "Neues Passwort (mindestens 10 Zeichen)",
    repeat_password: "Neues Passwort wiederholen",
    change_password: "Passwort ändern",
    password_changed: "Passwort geändert. Alle anderen Geräte wurden abgemeldet.",
    wrong_password: "Das aktuelle Passwort stimmt nicht.",
    too_many_tries: "Zu viele Versuche. Bitte warte eine Minute.",
    sessions_title: "Angemeldete Geräte",
    sessions_intro: "Hier bist du angemeldet. Beende, was du nicht kennst.",
    this_device: "dieses Gerät",
    signed_in_at: "angemeldet {date}",
    last_active: "zuletzt aktiv {date}",
    end_session: "Abmelden",
    end_others: "Alle anderen Geräte abmelden",
    sessions_ended: "Abgemeldet.",
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

const EN: TeamTexts = TeamTexts {
    team: "Team",
    team_of: "Team of {name}",
    members: "Members",
    you: "you",
    member_since: "since {date}",
    role_label: "Role",
    change_role: "Change role",
    remove: "Remove",
    remove_confirm: "Remove: they lose access to this business at once.",
    last_owner: "Not possible: the business needs at least one owner.",
    role_changed: "Role changed. It applies from the person's next request.",
    removed: "Removed. They no longer have access.",
    invite_title: "Invite someone",
    invite_intro: "You get a link that works once, and a QR code the new person scans with their phone at the shop.",
    valid_for: "Valid for",
    one_day: "1 day",
    seven_days: "7 days",
    create_link: "Create invitation link",
    new_link: "New invitation link",
    new_link_help: "Send the link or let them scan the QR code. It is shown only now and works once.",
    link_label: "Invitation link",
    qr_label: "QR code of the invitation link",
    valid_until: "valid until {date}",
    open_invitations: "Open invitations",
    no_invitations: "No open invitations.",
    invited_by: "made by {name}",
    revoke: "Revoke",
    revoked: "Invitation revoked. The link no longer works.",
    rights_owner: "Everything, including members and deletion",
    rights_manager: "Locations, hours, places; approve posts",
    rights_staff: "Write posts",
    join_title: "Welcome to the team",
    join_intro: "{name} invites you to join as {role}.",
    join_create: "Create your account",
    your_name: "Your name",
    join_button: "Create account and start",
    join_as: "Signed in as {name}.",
    join_with_account: "Join with this account",
    already_member: "You are already a member of this business.",
    have_account: "Have an account? Sign in first",
    link_invalid: "This invitation link no longer works",
    link_invalid_help: "It was used, revoked or has expired. Ask the person who invited you for a new one.",
    email_taken: "There is already an account with this email address. Sign in with it, then open the link again.",
    welcome: "Welcome! You are now on the team.",
    welcome_install: "Tip: add Nahbar to your home screen from the browser menu, then posting is one tap away.",
    account: "Account",
    password_title: "Change password",
    current_password: "Current password",
    new_password: "New password (at least 10 characters)",
    repeat_password: "Repeat the new password",
    change_password: "Change password",
    password_changed: "Password changed. All other devices were signed out.",
    wrong_password: "The current password is not right.",
    too_many_tries: "Too many tries. Please wait a minute.",
    sessions_title: "Signed-in devices",
    sessions_intro: "You are signed in here. End whatever you do not recognise.",
    this_device: "this device",
    signed_in_at: "signed in {date}",
    last_active: "last active {date}",
    end_session: "Sign out",
    end_others: "Sign out all other devices",
    sessions_ended: "Signed out.",
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
    pub fn team(self) -> &'static TeamTexts {
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

/// A moment for the team, account and history screens: "25.11.2026, 14:03 UTC".
pub fn moment(lang: Lang, at: chrono::DateTime<chrono::Utc>) -> String {
    match lang {
        Lang::De => at.format("%d.%m.%Y, %H:%M UTC").to_string(),
        Lang::En => at.format("%-d %b %Y, %H:%M UTC").to_string(),
    }
}
