//! Texts of the post screens, the public post pages and the feed, in both languages.

use super::Lang;
use crate::domain::post::{PostKind, PostProblem, PostState};

pub struct PostTexts {
    pub posts: &'static str,
    pub new_post: &'static str,
    pub no_posts: &'static str,
    pub location: &'static str,
    pub kind: &'static str,
    pub kinds: [&'static str; 3],
    pub text: &'static str,
    pub text_help: &'static str,
    pub photos: &'static str,
    pub photos_help: &'static str,
    pub alt: &'static str,
    pub remove: &'static str,
    pub move_left: &'static str,
    pub valid_until: &'static str,
    pub starts: &'static str,
    pub ends: &'static str,
    pub publish_at: &'static str,
    pub publish_at_help: &'static str,
    pub checklist: &'static str,
    pub post_now: &'static str,
    pub save_draft: &'static str,
    pub position: &'static str,
    pub locating: &'static str,
    pub at_place: &'static str,
    pub no_position: &'static str,
    pub remove_position: &'static str,
    pub uploading: &'static str,
    pub states: [&'static str; 6],
    pub reason: &'static str,
    pub rejected_because: &'static str,
    pub approve: &'static str,
    pub reject: &'static str,
    pub publish: &'static str,
    pub archive: &'static str,
    pub withdraw: &'static str,
    pub submit: &'static str,
    pub by: &'static str,
    pub created: &'static str,
    pub changed: &'static str,
    pub settings: &'static str,
    pub approval_required: &'static str,
    pub checklist_items: &'static str,
    pub checklist_help: &'static str,
    pub save_settings: &'static str,
    pub settings_saved: &'static str,
    pub news: &'static str,
    pub until: &'static str,
    pub feed: &'static str,
    /// The JSON Feed's title in the page's head.
    pub feed_json: &'static str,
    /// The staff list's button that shares a published post (share sheet or copied link).
    pub share: &'static str,
    /// Said after the post's address was copied because the phone has no share sheet.
    pub link_copied: &'static str,
    pub photo_of: &'static str,
    pub all_posts: &'static str,
    pub scheduled_for: &'static str,
    pub approval_note: &'static str,
    pub offline: &'static str,
    /// Per post in the fediverse: `{n}` of `{total}` servers; then the failed ones; then
    /// the waiting ones with `{time}` of the next try.
    pub delivered_to: &'static str,
    pub delivery_failed: &'static str,
    pub delivery_retry: &'static str,
    /// Likes and boosts from the fediverse: `{likes}`, `{boosts}`.
    pub reactions: &'static str,
}

impl PostTexts {
    /// "Delivered to 41 of 42 servers · 1 will be retried at 14:05", and whether a server
    /// gave up on it (worth a look).
    pub fn delivery(
        &self,
        d: &crate::domain::post::PostDelivery,
        time: impl Fn(chrono::DateTime<chrono::Utc>) -> String,
    ) -> (String, bool) {
        let mut text = self
            .delivered_to
            .replace("{n}", &d.delivered.to_string())
            .replace("{total}", &d.servers.to_string());
        if d.failed > 0 {
            text.push_str(" · ");
            text.push_str(&self.delivery_failed.replace("{n}", &d.failed.to_string()));
        }
        if let Some(next) = d.next_attempt.filter(|_| d.waiting > 0) {
            text.push_str(" · ");
            text.push_str(
                &self
                    .delivery_retry
                    .replace("{n}", &d.waiting.to_string())
                    .replace("{time}", &time(next)),
            );
        }
        (text, d.failed > 0)
    }

    pub fn kind(&self, kind: PostKind) -> &'static str {
        self.kinds[PostKind::ALL.iter().position(|k| *k == kind).unwrap_or(0)]
    }

    pub fn state(&self, state: PostState) -> &'static str {
        self.states[PostState::ALL.iter().position(|s| *s == state).unwrap_or(0)]
    }

    pub fn problem(&self, lang: Lang, problem: PostProblem) -> &'static str {
        let de = lang == Lang::De;
        match problem {
            PostProblem::TextMissing => {
                if de {
                    "Schreib eine Zeile Text zum Beitrag."
                } else {
                    "Write a line of text for the post."
                }
            }
            PostProblem::TextTooLong => {
                if de {
                    "Der Text ist zu lang (höchstens 2000 Zeichen)."
                } else {
                    "The text is too long (2000 characters at most)."
                }
            }
            PostProblem::TooManyPhotos => {
                if de {
                    "Höchstens 10 Fotos pro Beitrag."
                } else {
                    "At most 10 photos per post."
                }
            }
            PostProblem::EventTimes => {
                if de {
                    "Eine Veranstaltung braucht einen Beginn; das Ende muss danach liegen."
                } else {
                    "An event needs a start, and its end must be after the start."
                }
            }
            PostProblem::OfferDate => {
                if de {
                    "Der letzte Tag des Angebots muss ein Datum sein."
                } else {
                    "The offer's last day must be a date."
                }
            }
            PostProblem::PublishTime => {
                if de {
                    "Der Veröffentlichungszeitpunkt muss Datum und Uhrzeit sein."
                } else {
                    "The publishing time must be a date and time."
                }
            }
            PostProblem::Checklist => {
                if de {
                    "Bitte bestätige jeden Punkt der Checkliste."
                } else {
                    "Please confirm every item of the checklist."
                }
            }
            PostProblem::Location => {
                if de {
                    "Wähle einen deiner Standorte."
                } else {
                    "Choose one of your locations."
                }
            }
            PostProblem::Position => {
                if de {
                    "Die Position ist ungültig."
                } else {
                    "The position is not valid."
                }
            }
        }
    }
}

pub static DE: PostTexts = PostTexts {
    posts: "Beiträge",
    new_post: "Neuer Beitrag",
    no_posts: "Noch keine Beiträge.",
    location: "Standort",
    kind: "Art",
    kinds: ["Neuigkeit", "Angebot", "Veranstaltung"],
    text: "Text",
    text_help: "Die erste Zeile ist die Überschrift.",
    photos: "Fotos",
    photos_help: "Aufnehmen oder aus der Galerie wählen. Fotos werden vor dem Hochladen verkleinert; Standortdaten aus den Fotos werden nie veröffentlicht.",
    alt: "Bildbeschreibung (für Screenreader)",
    remove: "Entfernen",
    move_left: "Nach vorn",
    valid_until: "Gültig bis",
    starts: "Beginn",
    ends: "Ende",
    publish_at: "Später veröffentlichen (optional)",
    publish_at_help: "Leer lassen, um sofort zu veröffentlichen.",
    checklist: "Vor dem Veröffentlichen",
    post_now: "Veröffentlichen",
    save_draft: "Als Entwurf speichern",
    position: "Ort",
    locating: "Position wird ermittelt …",
    at_place: "bei",
    no_position: "Ohne Ortsangabe",
    remove_position: "Ort entfernen",
    uploading: "Foto {n} von {total} wird hochgeladen: {percent} %",
    states: [
        "Entwurf",
        "Wartet auf Freigabe",
        "Geplant",
        "Veröffentlicht",
        "Archiviert",
        "Abgelehnt",
    ],
    reason: "Grund",
    rejected_because: "Abgelehnt:",
    approve: "Freigeben",
    reject: "Ablehnen",
    publish: "Veröffentlichen",
    archive: "Archivieren",
    withdraw: "Zurückziehen",
    submit: "Einreichen",
    by: "von",
    created: "Beitrag gespeichert.",
    changed: "Status geändert.",
    settings: "Regeln für Beiträge",
    approval_required: "Beiträge von Mitarbeitenden brauchen eine Freigabe",
    checklist_items: "Checkliste (ein Punkt pro Zeile)",
    checklist_help: "Wird vor dem Veröffentlichen angezeigt und muss bestätigt werden, z. B. „Alle Personen auf dem Foto sind einverstanden“.",
    save_settings: "Regeln speichern",
    settings_saved: "Regeln gespeichert.",
    news: "Neuigkeiten",
    until: "bis",
    feed: "Neuigkeiten abonnieren (Atom)",
    feed_json: "Neuigkeiten (JSON Feed)",
    share: "Teilen",
    link_copied: "Link kopiert – zum Einfügen in Ihre eigenen Netzwerke.",
    photo_of: "Foto zu",
    all_posts: "Alle Neuigkeiten",
    scheduled_for: "geplant für",
    approval_note: "Dein Beitrag wird nach der Freigabe veröffentlicht.",
    offline: "Der Server ist gerade nicht erreichbar. Nichts geht verloren: Versuch es gleich noch einmal.",
    delivered_to: "An {n} von {total} Servern im Fediverse zugestellt",
    delivery_failed: "{n} endgültig abgelehnt",
    delivery_retry: "nächster Versuch für {n} am {time}",
    reactions: "Im Fediverse: {likes}× gefällt, {boosts}× geteilt",
};

pub static EN: PostTexts = PostTexts {
    posts: "Posts",
    new_post: "New post",
    no_posts: "No posts yet.",
    location: "Location",
    kind: "Kind",
    kinds: ["Update", "Offer", "Event"],
    text: "Text",
    text_help: "The first line is the headline.",
    photos: "Photos",
    photos_help: "Take a photo or pick from the gallery. Photos are made smaller before upload; their location data is never published.",
    alt: "Photo description (for screen readers)",
    remove: "Remove",
    move_left: "Move forward",
    valid_until: "Valid until",
    starts: "Starts",
    ends: "Ends",
    publish_at: "Publish later (optional)",
    publish_at_help: "Leave empty to publish right away.",
    checklist: "Before publishing",
    post_now: "Post",
    save_draft: "Save as draft",
    position: "Place",
    locating: "Finding your position…",
    at_place: "at",
    no_position: "No place",
    remove_position: "Remove place",
    uploading: "Uploading photo {n} of {total}: {percent} %",
    states: ["Draft", "Waiting for approval", "Scheduled", "Published", "Archived", "Rejected"],
    reason: "Reason",
    rejected_because: "Rejected:",
    approve: "Approve",
    reject: "Reject",
    publish: "Publish",
    archive: "Archive",
    withdraw: "Withdraw",
    submit: "Submit",
    by: "by",
    created: "Post saved.",
    changed: "State changed.",
    settings: "Rules for posts",
    approval_required: "Staff posts need approval",
    checklist_items: "Checklist (one item per line)",
    checklist_help: "Shown before publishing; each item must be confirmed, e.g. “Everyone in the photo agreed”.",
    save_settings: "Save rules",
    settings_saved: "Rules saved.",
    news: "News",
    until: "until",
    feed: "Subscribe to the news (Atom)",
    feed_json: "News (JSON Feed)",
    share: "Share",
    link_copied: "Link copied – paste it into your own networks.",
    photo_of: "Photo for",
    all_posts: "All news",
    scheduled_for: "scheduled for",
    approval_note: "Your post goes live once it is approved.",
    offline: "Could not reach the server. Nothing is lost: try again in a moment.",
    delivered_to: "Delivered to {n} of {total} servers in the fediverse",
    delivery_failed: "{n} refused for good",
    delivery_retry: "{n} will be retried at {time}",
    reactions: "In the fediverse: liked {likes}×, boosted {boosts}×",
};

impl Lang {
    pub fn posts(self) -> &'static PostTexts {
        match self {
            Lang::De => &DE,
            Lang::En => &EN,
        }
    }
}
