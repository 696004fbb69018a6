//! Texts of a person's own account screen (password and sessions), in both languages.

use super::Lang;

pub struct AccountTexts {
    /// `nahbar owner create` for an email that has an account ({email}).
    pub email_exists: &'static str,
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
}

const DE: AccountTexts = AccountTexts {
    email_exists: "Ein Konto mit der E-Mail-Adresse {email} gibt es schon",
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
};

const EN: AccountTexts = AccountTexts {
    email_exists: "an account with the email {email} exists already",
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
};

impl Lang {
    pub fn account(self) -> &'static AccountTexts {
        match self {
            Lang::De => &DE,
            Lang::En => &EN,
        }
    }
}

impl Lang {
    /// Why sign-up data (first owner, invitation, new password) was refused.
    pub fn signup_problem(self, problem: crate::domain::account::SignupProblem) -> &'static str {
        use crate::domain::account::SignupProblem;
        let t = self.texts();
        match problem {
            SignupProblem::Name => t.field_problems[0],
            SignupProblem::Email => t.field_problems[4],
            SignupProblem::Short => t.password_too_short,
            SignupProblem::Differ => t.passwords_differ,
        }
    }
}
