//! Words of customer questions: the form and thank-you page (`/{slug}/ask`), the Q&A on
//! the local page, the staff inbox (`/admin/locations/{id}/questions`) and the answer mail.

use super::Lang;
use crate::domain::question::{
    MAX_ANSWER_CHARS, MAX_BODY_CHARS, MAX_LINKS, MAX_NAME_CHARS, QuestionKind, QuestionProblem,
    QuestionStatus,
};

pub struct QuestionTexts {
    // ----- the customer's side
    pub ask_link: &'static str,
    pub tell_link: &'static str,
    pub qa_heading: &'static str,
    pub qa_intro: &'static str,
    /// `{name}`: the shop.
    pub ask_title: &'static str,
    pub intro: &'static str,
    pub kind_label: &'static str,
    pub kind_question: &'static str,
    pub kind_feedback: &'static str,
    pub body_label: &'static str,
    pub name_label: &'static str,
    pub email_label: &'static str,
    pub email_help: &'static str,
    pub consent_label: &'static str,
    pub honeypot_label: &'static str,
    pub send: &'static str,
    /// `{title}`: the post.
    pub about_post: &'static str,
    pub privacy_hint: &'static str,
    pub privacy_link: &'static str,
    pub problem_intro: &'static str,
    pub thanks_title: &'static str,
    pub thanks_text: &'static str,
    pub thanks_email: &'static str,
    /// `{name}`: the shop.
    pub back_to: &'static str,
    pub answer_of: &'static str,
    // ----- the staff inbox
    pub inbox_title: &'static str,
    pub inbox_link: &'static str,
    pub none: &'static str,
    pub anonymous: &'static str,
    pub no_email: &'static str,
    pub consent_yes: &'static str,
    pub consent_no: &'static str,
    pub about_post_link: &'static str,
    /// Replies and mentions from the fediverse, in the same inbox.
    pub fediverse_heading: &'static str,
    pub fediverse_reply_to: &'static str,
    pub fediverse_mention: &'static str,
    pub fediverse_private: &'static str,
    pub fediverse_warning: &'static str,
    pub fediverse_original: &'static str,
    /// `{acct}`.
    pub fediverse_answer_label: &'static str,
    pub fediverse_send: &'static str,
    pub done_fediverse_sent: &'static str,
    pub answer_label: &'static str,
    /// `{email}`.
    pub answer_send: &'static str,
    pub answer_save: &'static str,
    pub answered_by_mail: &'static str,
    /// `{date}`.
    pub answered_on: &'static str,
    pub publish: &'static str,
    pub unpublish: &'static str,
    pub published_badge: &'static str,
    pub archive: &'static str,
    pub reopen: &'static str,
    pub delete: &'static str,
    pub delete_help: &'static str,
    pub export: &'static str,
    pub staff_setting: &'static str,
    pub staff_help: &'static str,
    pub staff_answer_setting: &'static str,
    pub staff_answer_help: &'static str,
    pub save_setting: &'static str,
    pub done_mailed: &'static str,
    pub done_saved: &'static str,
    pub done_mail_off: &'static str,
    pub done_mail_failed: &'static str,
    pub done_published: &'static str,
    pub done_unpublished: &'static str,
    pub done_archived: &'static str,
    pub done_reopened: &'static str,
    pub done_deleted: &'static str,
    pub done_setting: &'static str,
    pub bad_answer: &'static str,
    pub no_consent: &'static str,
    /// `{n}` new questions (the badge's words for screen readers).
    pub badge: &'static str,
    /// `{n}` questions to `{name}` wait longer than two days.
    pub nudge_waiting: &'static str,
    // ----- the answer mail
    /// `{shop}`.
    pub mail_subject: &'static str,
    /// `{name}` of the customer, or empty.
    pub mail_hello: &'static str,
    pub mail_hello_anonymous: &'static str,
    /// `{shop}`.
    pub mail_answered: &'static str,
    /// `{date}`.
    pub mail_your_message: &'static str,
    pub mail_footer: &'static str,
}

const DE: QuestionTexts = QuestionTexts {
    ask_link: "Frag uns etwas",
    tell_link: "Sag uns deine Meinung",
    qa_heading: "Fragen und Antworten",
    qa_intro: "Fragen von Kundinnen und Kunden, die sie uns hier zu zeigen erlaubt haben.",
    ask_title: "Nachricht an {name}",
    intro: "Wir antworten so bald wie möglich. Gib eine E-Mail-Adresse an, wenn du die Antwort per E-Mail bekommen möchtest.",
    kind_label: "Worum geht es?",
    kind_question: "Eine Frage",
    kind_feedback: "Eine Rückmeldung",
    body_label: "Deine Nachricht",
    name_label: "Dein Name (freiwillig)",
    email_label: "Deine E-Mail-Adresse (freiwillig)",
    email_help: "Nur für die Antwort. Ohne Adresse lesen wir deine Nachricht trotzdem.",
    consent_label: "Ihr dürft meine Frage ohne meinen Namen mit eurer Antwort auf dieser Seite zeigen.",
    honeypot_label: "Dieses Feld bitte leer lassen",
    send: "Nachricht senden",
    about_post: "Zum Beitrag: {title}",
    privacy_hint: "Was mit deinen Angaben geschieht, steht in der",
    privacy_link: "Datenschutzerklärung",
    problem_intro: "Die Nachricht ist noch nicht gesendet:",
    thanks_title: "Danke für deine Nachricht!",
    thanks_text: "Sie ist angekommen. Wir lesen sie bald.",
    thanks_email: "Die Antwort schicken wir an die E-Mail-Adresse, die du angegeben hast.",
    back_to: "Zurück zu {name}",
    answer_of: "Antwort",
    inbox_title: "Fragen und Rückmeldungen",
    inbox_link: "Fragen",
    none: "Hier ist gerade nichts.",
    anonymous: "Ohne Namen",
    no_email: "Keine E-Mail-Adresse: Die Antwort erreicht die Person nur, wenn ihr sie auf der Seite zeigt.",
    consent_yes: "Darf mit Antwort auf der Seite stehen",
    consent_no: "Nicht zur Veröffentlichung freigegeben",
    about_post_link: "Zum Beitrag",
    answer_label: "Antwort",
    answer_send: "Antwort an {email} senden",
    answer_save: "Antwort speichern",
    answered_by_mail: "Die Antwort ging per E-Mail hinaus.",
    answered_on: "Beantwortet am {date}",
    publish: "Auf der Seite zeigen",
    unpublish: "Von der Seite nehmen",
    published_badge: "Auf der Seite sichtbar",
    archive: "Archivieren",
    reopen: "Wieder als neu markieren",
    delete: "Löschen",
    delete_help: "Löschen entfernt auch Name und E-Mail-Adresse; das lässt sich nicht rückgängig machen.",
    export: "Alle Fragen des Unternehmens exportieren (CSV)",
    staff_setting: "Mitarbeitende sehen die Fragen",
    staff_help: "Zeigen und löschen können immer nur Inhaber und Leitung.",
    staff_answer_setting: "Mitarbeitende dürfen auch antworten",
    staff_answer_help: "Sie antworten im Namen des Geschäfts, auf Fragen per E-Mail und auf \
                        Antworten aus dem Fediverse öffentlich. Jede Antwort steht mit Namen im \
                        Verlauf.",
    save_setting: "Einstellung speichern",
    done_mailed: "Die Antwort ist gespeichert und per E-Mail gesendet.",
    done_saved: "Die Antwort ist gespeichert.",
    done_mail_off: "Die Antwort ist gespeichert. Auf diesem Server ist kein E-Mail-Versand eingerichtet; zeig sie auf der Seite oder antworte auf anderem Weg.",
    done_mail_failed: "Die Antwort ist gespeichert, aber die E-Mail ging nicht hinaus. Versuch es später noch einmal.",
    done_published: "Die Frage steht jetzt mit Antwort auf der Seite.",
    done_unpublished: "Die Frage steht nicht mehr auf der Seite.",
    done_archived: "Archiviert.",
    done_reopened: "Wieder unter „Neu“.",
    done_deleted: "Gelöscht, mit Name und E-Mail-Adresse.",
    done_setting: "Die Einstellung ist gespeichert.",
    bad_answer: "Bitte schreib eine Antwort (höchstens {max} Zeichen).",
    no_consent: "Diese Frage darf nicht auf die Seite: Die Person hat nicht zugestimmt, oder es gibt noch keine Antwort.",
    badge: "{n} neu",
    nudge_waiting: "{n} Nachricht(en) an {name} warten seit mehr als zwei Tagen auf eine Antwort.",
    mail_subject: "Antwort von {shop}",
    mail_hello: "Hallo {name},",
    mail_hello_anonymous: "Hallo,",
    mail_answered: "{shop} hat auf deine Nachricht geantwortet:",
    mail_your_message: "Deine Nachricht vom {date}:",
    mail_footer: "Diese E-Mail ging nur an dich, weil du bei deiner Nachricht diese Adresse angegeben hast.",
    fediverse_heading: "Aus dem Fediverse",
    fediverse_reply_to: "Antwort auf",
    fediverse_mention: "Erwähnt",
    fediverse_private: "Nicht öffentlich",
    fediverse_warning: "Inhaltswarnung:",
    fediverse_original: "Im Original ansehen",
    fediverse_answer_label: "Antwort an {acct} (öffentlich im Fediverse)",
    fediverse_send: "Antwort senden",
    done_fediverse_sent: "Die Antwort ist unterwegs ins Fediverse.",
};

const EN: QuestionTexts = QuestionTexts {
    ask_link: "Ask us something",
    tell_link: "Tell us what you think",
    qa_heading: "Questions and answers",
    qa_intro: "Questions from customers who allowed us to show them here.",
    ask_title: "Message to {name}",
    intro: "We answer as soon as we can. Leave an e-mail address if you would like the answer by e-mail.",
    kind_label: "What is it about?",
    kind_question: "A question",
    kind_feedback: "Feedback",
    body_label: "Your message",
    name_label: "Your name (optional)",
    email_label: "Your e-mail address (optional)",
    email_help: "Only for the answer. We read your message without one too.",
    consent_label: "You may show my question, without my name, with your answer on this page.",
    honeypot_label: "Please leave this field empty",
    send: "Send message",
    about_post: "About the post: {title}",
    privacy_hint: "What happens to what you enter is in the",
    privacy_link: "privacy notice",
    problem_intro: "The message has not been sent yet:",
    thanks_title: "Thank you for your message!",
    thanks_text: "It has arrived. We will read it soon.",
    thanks_email: "We will send the answer to the e-mail address you gave.",
    back_to: "Back to {name}",
    answer_of: "Answer",
    inbox_title: "Questions and feedback",
    inbox_link: "Questions",
    none: "Nothing here right now.",
    anonymous: "No name",
    no_email: "No e-mail address: the answer reaches this person only if you show it on the page.",
    consent_yes: "May be shown on the page with the answer",
    consent_no: "Not released for publication",
    about_post_link: "About the post",
    answer_label: "Answer",
    answer_send: "Send the answer to {email}",
    answer_save: "Save the answer",
    answered_by_mail: "The answer went out by e-mail.",
    answered_on: "Answered on {date}",
    publish: "Show on the page",
    unpublish: "Take off the page",
    published_badge: "Shown on the page",
    archive: "Archive",
    reopen: "Mark as new again",
    delete: "Delete",
    delete_help: "Deleting also removes the name and e-mail address; it cannot be undone.",
    export: "Export all questions of the business (CSV)",
    staff_setting: "Staff see the questions",
    staff_help: "Only owners and managers can show and delete.",
    staff_answer_setting: "Staff may answer too",
    staff_answer_help: "They answer in the shop's name: questions by e-mail, replies from the \
                        fediverse in public. Every answer is in the history with their name.",
    save_setting: "Save setting",
    done_mailed: "The answer is saved and sent by e-mail.",
    done_saved: "The answer is saved.",
    done_mail_off: "The answer is saved. This server has no e-mail set up; show it on the page or answer another way.",
    done_mail_failed: "The answer is saved, but the e-mail did not go out. Please try again later.",
    done_published: "The question is now on the page with its answer.",
    done_unpublished: "The question is no longer on the page.",
    done_archived: "Archived.",
    done_reopened: "Back under “New”.",
    done_deleted: "Deleted, with the name and e-mail address.",
    done_setting: "The setting is saved.",
    bad_answer: "Please write an answer (at most {max} characters).",
    no_consent: "This question cannot go on the page: the person did not agree, or there is no answer yet.",
    badge: "{n} new",
    nudge_waiting: "{n} message(s) to {name} have waited more than two days for an answer.",
    mail_subject: "Answer from {shop}",
    mail_hello: "Hello {name},",
    mail_hello_anonymous: "Hello,",
    mail_answered: "{shop} has answered your message:",
    mail_your_message: "Your message of {date}:",
    mail_footer: "This e-mail went only to you, because you gave this address with your message.",
    fediverse_heading: "From the fediverse",
    fediverse_reply_to: "Reply to",
    fediverse_mention: "Mentions",
    fediverse_private: "Not public",
    fediverse_warning: "Content warning:",
    fediverse_original: "See the original",
    fediverse_answer_label: "Answer to {acct} (public in the fediverse)",
    fediverse_send: "Send the answer",
    done_fediverse_sent: "The answer is on its way to the fediverse.",
};

impl Lang {
    pub fn questions(self) -> &'static QuestionTexts {
        match self {
            Lang::De => &DE,
            Lang::En => &EN,
        }
    }
}

/// What to do about a refused message, in the customer's language.
pub fn problem(lang: Lang, problem: QuestionProblem) -> String {
    let de = lang == Lang::De;
    match problem {
        QuestionProblem::Empty => {
            if de { "Bitte schreib eine Nachricht." } else { "Please write a message." }.into()
        }
        QuestionProblem::TooLong => if de {
            "Die Nachricht ist zu lang: höchstens {max} Zeichen. Bitte kürze sie."
        } else {
            "The message is too long: at most {max} characters. Please shorten it."
        }
        .replace("{max}", &MAX_BODY_CHARS.to_string()),
        QuestionProblem::NameTooLong => if de {
            "Der Name ist zu lang: höchstens {max} Zeichen."
        } else {
            "The name is too long: at most {max} characters."
        }
        .replace("{max}", &MAX_NAME_CHARS.to_string()),
        QuestionProblem::TooManyLinks => if de {
            "Bitte höchstens {max} Links. Schreib weitere Adressen ohne „https://“."
        } else {
            "Please at most {max} links. Write further addresses without “https://”."
        }
        .replace("{max}", &MAX_LINKS.to_string()),
        QuestionProblem::BadEmail => if de {
            "Die E-Mail-Adresse sieht unvollständig aus (etwa name@beispiel.de). Lass das Feld leer, wenn du keine Antwort per E-Mail möchtest."
        } else {
            "The e-mail address looks incomplete (like name@example.com). Leave the field empty if you do not want an answer by e-mail."
        }
        .into(),
        QuestionProblem::Honeypot => if de {
            "Das Feld „Dieses Feld bitte leer lassen“ muss leer bleiben. Leere es und sende noch einmal."
        } else {
            "The field “Please leave this field empty” must stay empty. Empty it and send again."
        }
        .into(),
        QuestionProblem::TooFast => if de {
            "Das ging sehr schnell. Bitte lies deine Nachricht noch einmal durch und sende sie dann."
        } else {
            "That was very fast. Please read your message once more, then send it."
        }
        .into(),
        QuestionProblem::Expired => if de {
            "Das Formular war lange offen. Deine Nachricht steht noch da: bitte sende sie noch einmal."
        } else {
            "The form was open for a long time. Your message is still there: please send it again."
        }
        .into(),
        QuestionProblem::TooMany => if de {
            "Gerade kommen zu viele Nachrichten an. Bitte sende deine in einer Stunde noch einmal; sie steht noch da."
        } else {
            "Too many messages are arriving right now. Please send yours again in an hour; it is still there."
        }
        .into(),
    }
}

/// "Frage" / "Rückmeldung".
pub fn kind_word(lang: Lang, kind: QuestionKind) -> &'static str {
    let t = lang.questions();
    match kind {
        QuestionKind::Question => t.kind_question,
        QuestionKind::Feedback => t.kind_feedback,
    }
}

/// The inbox's tab names.
pub fn status_word(lang: Lang, status: QuestionStatus) -> &'static str {
    match (lang, status) {
        (Lang::De, QuestionStatus::New) => "Neu",
        (Lang::De, QuestionStatus::Answered) => "Beantwortet",
        (Lang::De, QuestionStatus::Archived) => "Archiviert",
        (Lang::En, QuestionStatus::New) => "New",
        (Lang::En, QuestionStatus::Answered) => "Answered",
        (Lang::En, QuestionStatus::Archived) => "Archived",
    }
}

/// The answer limit in the refusal sentence.
pub fn bad_answer(lang: Lang) -> String {
    lang.questions().bad_answer.replace("{max}", &MAX_ANSWER_CHARS.to_string())
}

/// The answer mail's plain text, in the customer's language.
pub struct AnswerMail<'a> {
    pub shop: &'a str,
    pub page_url: &'a str,
    pub customer_name: &'a str,
    pub question: &'a str,
    pub asked_on: &'a str,
    pub answer: &'a str,
}

impl AnswerMail<'_> {
    pub fn subject(&self, lang: Lang) -> String {
        lang.questions().mail_subject.replace("{shop}", self.shop)
    }

    pub fn body(&self, lang: Lang) -> String {
        let t = lang.questions();
        let hello = if self.customer_name.is_empty() {
            t.mail_hello_anonymous.to_string()
        } else {
            t.mail_hello.replace("{name}", self.customer_name)
        };
        let quoted: String = self.question.lines().map(|line| format!("> {line}\n")).collect();
        format!(
            "{hello}\n\n{}\n\n{}\n\n{}\n{quoted}\n-- \n{}\n{}\n\n{}\n",
            t.mail_answered.replace("{shop}", self.shop),
            self.answer,
            t.mail_your_message.replace("{date}", self.asked_on),
            self.shop,
            self.page_url,
            t.mail_footer,
        )
    }
}
