//! Words of the dashboard's list of what needs someone (and of the weekly summary, which
//! repeats it). `{name}`: the location, `{date}`: a day, `{n}`: a count.

use super::Lang;

pub struct NudgeTexts {
    pub heading: &'static str,
    pub nothing: &'static str,
    /// `{name}`, `{n}` days.
    pub confirm_hours: &'static str,
    pub still_right: &'static str,
    pub confirmed: &'static str,
    /// `{name}`, `{date}`.
    pub quiet_since: &'static str,
    /// `{name}`.
    pub never_posted: &'static str,
    pub write_post: &'static str,
    /// `{name}`.
    pub no_picture: &'static str,
    pub add_picture: &'static str,
    /// `{name}`, `{servers}`.
    pub failing: &'static str,
    pub see_followers: &'static str,
    /// `{name}`: the holidays follow the text.
    pub holidays: &'static str,
}

pub const DE: NudgeTexts = NudgeTexts {
    heading: "Das braucht dich",
    nothing: "Gerade ist alles auf dem neuesten Stand.",
    confirm_hours: "Stimmen die Öffnungszeiten von {name} noch? Zuletzt vor {n} Tagen bestätigt.",
    still_right: "Stimmen noch",
    confirmed: "Danke! Die Öffnungszeiten sind bestätigt.",
    quiet_since: "Bei {name} gibt es seit dem {date} keinen neuen Beitrag.",
    never_posted: "{name} hat noch keinen Beitrag.",
    write_post: "Beitrag schreiben",
    no_picture: "{name} hat noch kein Logo und kein Titelbild: geteilte Links und das Fediverse-Profil bleiben ohne Bild.",
    add_picture: "Bild hinzufügen",
    failing: "Beiträge von {name} erreichen diese Server seit Tagen nicht: {servers}.",
    see_followers: "Follower ansehen",
    holidays: "{name}: Feiertage in den nächsten 30 Tagen ohne bestätigte Zeiten:",
};

pub const EN: NudgeTexts = NudgeTexts {
    heading: "Needs you",
    nothing: "Everything is up to date right now.",
    confirm_hours: "Are the opening hours of {name} still right? Last confirmed {n} days ago.",
    still_right: "Still right",
    confirmed: "Thank you! The opening hours are confirmed.",
    quiet_since: "{name} has had no new post since {date}.",
    never_posted: "{name} has no post yet.",
    write_post: "Write a post",
    no_picture: "{name} has no logo and no cover photo yet: shared links and the fediverse profile show no picture.",
    add_picture: "Add a picture",
    failing: "Posts of {name} have not reached these servers for days: {servers}.",
    see_followers: "See followers",
    holidays: "{name}: Public holidays in the next 30 days without confirmed hours:",
};

impl Lang {
    pub fn nudges(self) -> &'static NudgeTexts {
        match self {
            Lang::De => &DE,
            Lang::En => &EN,
        }
    }
}

/// What a nudge says, where its action leads (a path of the staff app) and the action's
/// name: the same words on the dashboard and in the weekly summary.
pub struct Described {
    pub text: String,
    pub href: String,
    pub action: &'static str,
}

pub fn describe(
    lang: Lang,
    nudge: &crate::domain::nudges::Nudge,
    business: crate::domain::location::BusinessId,
    business_name: &str,
) -> Described {
    use crate::domain::nudges::Nudge;
    let t = lang.nudges();
    let described = |text: String, href: String, action| Described { text, href, action };
    match nudge {
        Nudge::Imprint { missing } => {
            let s = lang.imprint_screen();
            let text = if *missing { s.nudge_missing } else { s.nudge_incomplete };
            described(
                text.replace("{name}", business_name),
                format!("/admin/imprint/{business}"),
                s.nudge_action,
            )
        }
        Nudge::Holidays { at, holidays } => {
            let list = holidays
                .iter()
                .map(|h| {
                    let name = lang.choose(&h.name_de, &h.name_en);
                    format!("{} {name}", super::date_range(lang, h.date, h.date))
                })
                .collect::<Vec<_>>()
                .join(", ");
            described(
                format!("{} {list}", t.holidays.replace("{name}", &at.name)),
                format!("/admin/locations/{}/hours", at.id),
                lang.texts().check_hours,
            )
        }
        Nudge::Questions { at, waiting } => {
            let q = lang.questions();
            described(
                q.nudge_waiting.replace("{n}", &waiting.to_string()).replace("{name}", &at.name),
                format!("/admin/locations/{}/questions", at.id),
                q.inbox_link,
            )
        }
        Nudge::FailingDeliveries { at, servers } => described(
            t.failing.replace("{name}", &at.name).replace("{servers}", &servers.join(", ")),
            format!("/admin/locations/{}/followers", at.id),
            t.see_followers,
        ),
        Nudge::StaleSign { at, kind, printed_on } => {
            let date = super::sign_text::full_date(lang, *printed_on);
            described(
                format!("{}: {}", at.name, lang.signs().out_of_date(*kind, &date)),
                format!("/admin/locations/{}/hours#signs-heading", at.id),
                lang.signs().print_again,
            )
        }
        Nudge::ConfirmHours { at, days, .. } => described(
            t.confirm_hours.replace("{name}", &at.name).replace("{n}", &days.to_string()),
            format!("/admin/locations/{}/hours", at.id),
            lang.texts().check_hours,
        ),
        Nudge::Quiet { at, since } => {
            let text = match since {
                Some(day) => t
                    .quiet_since
                    .replace("{name}", &at.name)
                    .replace("{date}", &super::sign_text::full_date(lang, *day)),
                None => t.never_posted.replace("{name}", &at.name),
            };
            described(text, format!("/admin/posts/new?location={}", at.id), t.write_post)
        }
        Nudge::NoPicture { at } => described(
            t.no_picture.replace("{name}", &at.name),
            format!("/admin/locations/{}/images", at.id),
            t.add_picture,
        ),
    }
}
