//! Words of the weekly summary (the mail) and of its switch on the account screen.

use super::Lang;
use crate::api::summary::BusinessWeek;

pub struct SummaryTexts {
    pub title: &'static str,
    pub help: &'static str,
    pub checkbox: &'static str,
    pub save: &'static str,
    pub on: &'static str,
    pub off: &'static str,
    pub no_mail: &'static str,
    pub managers_only: &'static str,
    /// The mail. `{name}`: the person.
    pub subject: &'static str,
    pub hello: &'static str,
    pub intro: &'static str,
    /// `{views}`, `{visitors}`, `{routes}`, `{calls}`.
    pub figures: &'static str,
    /// `{n}`.
    pub questions: &'static str,
    /// `{title}`, `{n}`.
    pub top_post: &'static str,
    pub needs_you: &'static str,
    pub nothing: &'static str,
    pub dashboard: &'static str,
    pub why: &'static str,
}

pub const DE: SummaryTexts = SummaryTexts {
    title: "Wochenüberblick per E-Mail",
    help: "Jeden Montagmorgen: Aufrufe, Besucher*innen, Wegbeschreibungen, Anrufe, offene Nachrichten und der meistgelesene Beitrag jedes Standorts, den du verwaltest, und was dich braucht.",
    checkbox: "Ich möchte den Wochenüberblick bekommen",
    save: "Speichern",
    on: "Du bekommst den Wochenüberblick ab dem nächsten Montag.",
    off: "Du bekommst keinen Wochenüberblick mehr.",
    no_mail: "Auf diesem Nahbar ist noch kein E-Mail-Versand eingerichtet; bis dahin steht alles auf der Übersicht.",
    managers_only: "Den Wochenüberblick gibt es für Leitungen und Inhaber*innen.",
    subject: "Deine Woche bei Nahbar",
    hello: "Hallo {name},",
    intro: "so lief die letzte Woche (Montag bis Sonntag):",
    figures: "{views} Aufrufe · {visitors} Besucher*innen · {routes} Wegbeschreibungen · {calls} Anrufe",
    questions: "{n} neue Nachricht(en) im Posteingang",
    top_post: "Meistgelesen: „{title}“ ({n} Aufrufe)",
    needs_you: "Das braucht dich:",
    nothing: "Nichts – alles ist auf dem neuesten Stand.",
    dashboard: "Zur Übersicht:",
    why: "Du bekommst diese E-Mail, weil du den Wochenüberblick in deinem Konto eingeschaltet hast. Abbestellen:",
};

pub const EN: SummaryTexts = SummaryTexts {
    title: "Weekly summary by e-mail",
    help: "Every Monday morning: views, visitors, directions, calls, waiting messages and the most read post of each location you manage, and what needs you.",
    checkbox: "I want the weekly summary",
    save: "Save",
    on: "You will get the weekly summary from next Monday.",
    off: "You will not get the weekly summary any more.",
    no_mail: "E-mail is not set up on this Nahbar yet; until it is, everything is on the dashboard.",
    managers_only: "The weekly summary is for managers and owners.",
    subject: "Your week on Nahbar",
    hello: "Hello {name},",
    intro: "this is how last week went (Monday to Sunday):",
    figures: "{views} views · {visitors} visitors · {routes} directions · {calls} calls",
    questions: "{n} new message(s) in the inbox",
    top_post: "Most read: “{title}” ({n} views)",
    needs_you: "Needs you:",
    nothing: "Nothing – everything is up to date.",
    dashboard: "To the dashboard:",
    why: "You get this e-mail because you turned the weekly summary on in your account. Unsubscribe:",
};

impl Lang {
    pub fn summary(self) -> &'static SummaryTexts {
        match self {
            Lang::De => &DE,
            Lang::En => &EN,
        }
    }
}

/// The mail's subject and plain-text body; links are absolute (`public_url` + path).
pub fn compose(
    lang: Lang,
    name: &str,
    public_url: &str,
    weeks: &[BusinessWeek],
) -> (String, String) {
    let t = lang.summary();
    let mut body = format!("{}\n\n{}\n", t.hello.replace("{name}", name), t.intro);
    for week in weeks {
        body.push_str(&format!("\n== {} ==\n", week.name));
        for location in &week.locations {
            body.push_str(&format!("\n{}\n", location.name));
            body.push_str(&format!(
                "  {}\n",
                t.figures
                    .replace("{views}", &location.views.to_string())
                    .replace("{visitors}", &location.visitors.to_string())
                    .replace("{routes}", &location.routes.to_string())
                    .replace("{calls}", &location.calls.to_string())
            ));
            if location.questions > 0 {
                body.push_str(&format!(
                    "  {}\n",
                    t.questions.replace("{n}", &location.questions.to_string())
                ));
            }
            if let Some((title, views)) = &location.top_post {
                body.push_str(&format!(
                    "  {}\n",
                    t.top_post.replace("{title}", title).replace("{n}", &views.to_string())
                ));
            }
        }
        body.push_str(&format!("\n{}\n", t.needs_you));
        if week.nudges.is_empty() {
            body.push_str(&format!("  {}\n", t.nothing));
        }
        for (i, nudge) in week.nudges.iter().enumerate() {
            let described = super::nudges::describe(lang, nudge, week.business_id, &week.name);
            body.push_str(&format!(
                "  {}. {}\n     {}: {public_url}{}\n",
                i + 1,
                described.text,
                described.action,
                described.href
            ));
        }
    }
    body.push_str(&format!("\n{} {public_url}/admin\n", t.dashboard));
    body.push_str(&format!("\n-- \n{} {public_url}/admin/account#summary\n", t.why));
    (t.subject.to_string(), body)
}
