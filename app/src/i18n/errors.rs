//! The sentences of refusals and failures: what a person reads when a request is refused
//! (`crate::error::AppError`), in German and English. Handlers and server functions send
//! only the error; this is the one place that words it.

use super::Lang;
use crate::domain::post::{Action, MAX_PIXELS, MAX_UPLOAD_BYTES, MediaProblem, Refusal};
use crate::error::{AppError, ImportRefusal, Reason};

impl Lang {
    /// The error as the person who asked reads it.
    pub fn error(self, error: &AppError) -> String {
        let de = self == Lang::De;
        match error {
            AppError::NotFound => pick(
                de,
                "Unter dieser Adresse gibt es nichts, das du sehen oder ändern darfst.",
                "There is nothing at this address that you may see or change.",
            ),
            AppError::Unauthorized => {
                pick(de, "Bitte melde dich an.", "Please sign in to continue.")
            }
            AppError::Invalid { .. } => pick(
                de,
                "Bitte korrigiere die markierten Angaben.",
                "Please correct the marked entries.",
            ),
            AppError::Conflict(_) => pick(
                de,
                "Das gibt es schon, oder jemand hat es inzwischen geändert.",
                "This exists already, or someone changed it meanwhile.",
            ),
            AppError::Internal | AppError::Transport(_) => pick(
                de,
                "Bei uns ist etwas schiefgegangen. Bitte versuch es gleich noch einmal.",
                "Something went wrong on our side. Please try again in a moment.",
            ),
            AppError::Refused(reason) => self.reason(reason),
        }
    }

    fn reason(self, reason: &Reason) -> String {
        let de = self == Lang::De;
        match reason {
            Reason::FormExpired => pick(
                de,
                "Dieses Formular ist abgelaufen oder kam nicht von Nahbar (CSRF-Prüfung \
                 fehlgeschlagen). Lade die Seite neu und versuch es noch einmal.",
                "This form has expired or did not come from Nahbar (CSRF check failed). \
                 Reload the page and try again.",
            ),
            Reason::FormTooLarge => pick(
                de,
                "Das Formular ist zu groß (höchstens 2 MB).",
                "The form is too large (2 MB at most).",
            ),
            Reason::SignInAgain => pick(
                de,
                "Bitte melde dich erneut an, um fortzufahren.",
                "Sign in again to continue.",
            ),
            Reason::UnknownLanguage => pick(
                de,
                "Unbekannte Sprache; nutze /lang/de oder /lang/en.",
                "Unknown language; use /lang/de or /lang/en.",
            ),
            Reason::Choice { field, allowed } => {
                let (last, rest) = allowed.split_last().map_or(("", &[][..]), |(l, r)| (l, r));
                let list = if rest.is_empty() {
                    last.to_string()
                } else {
                    format!("{} {} {last}", rest.join(", "), if de { "oder" } else { "or" })
                };
                if de {
                    format!("{field} muss {list} sein")
                } else {
                    format!("{field} must be {list}")
                }
            }
            Reason::NearbyQuery => pick(
                de,
                "Die Anfrage war nicht lesbar; nutze lat, lon, radius_m, k, kind, open_now.",
                "the query string could not be read; use lat, lon, radius_m, k, kind, open_now",
            ),
            // The JSON API names its parameters, as developers read them.
            Reason::Nearby(problem) if !de => self.geo().nearby_api_problem(*problem),
            Reason::Nearby(problem) => self.geo().nearby_problem(self, *problem),
            Reason::BusinessId => pick(
                de,
                "business muss die Nummer eines Unternehmens sein (eine ganze Zahl).",
                "business must be a business id (a whole number).",
            ),
            Reason::Media(problem) => self.media_problem(*problem),
            Reason::UploadCutOff => pick(
                de,
                "Das Hochladen wurde abgebrochen; bitte versuch es noch einmal.",
                "The upload was cut off; please try again.",
            ),
            Reason::PhotoField => pick(
                de,
                "Schicke das Foto im Feld `photo`.",
                "Send the photo in the field `photo`.",
            ),
            Reason::PhotoMissing => pick(
                de,
                "Ein Foto dieses Beitrags ist nicht auf dem Server; bitte lade es noch einmal hoch.",
                "A photo of this post is not on the server; upload it again.",
            ),
            Reason::Post(problem) => self.posts().problem(self, *problem).to_string(),
            Reason::PostAction { refusal, state, action } => {
                let verb = self.post_verb(*action);
                let state = self.posts().state(*state);
                match (refusal, de) {
                    (Refusal::NotAllowed, false) => format!("Your role may not {verb} posts."),
                    (Refusal::NotAllowed, true) => {
                        format!("Deine Rolle darf Beiträge nicht {verb}.")
                    }
                    (Refusal::WrongState, false) => format!(
                        "This post is “{state}”; you cannot {verb} it now. Reload the list to see its state."
                    ),
                    (Refusal::WrongState, true) => format!(
                        "Dieser Beitrag ist „{state}“ und lässt sich jetzt nicht {verb}. Lade die Liste neu."
                    ),
                }
            }
            Reason::RejectionReason => pick(
                de,
                "Bitte nenne der Autorin oder dem Autor einen Grund für die Ablehnung.",
                "Please give the author a reason for the rejection.",
            ),
            Reason::PostChanged => pick(
                de,
                "Jemand hat diesen Beitrag inzwischen geändert. Lade die Seite neu, um seinen Stand zu sehen.",
                "Someone changed this post meanwhile. Reload the page to see its state.",
            ),
            Reason::OnlyOwnerPublishing => pick(
                de,
                "Nur die Inhaberin oder der Inhaber legt fest, wie Beiträge veröffentlicht werden.",
                "Only the business's owner decides how posts are published.",
            ),
            Reason::Import(refusal) => {
                let t = self.import();
                match refusal {
                    ImportRefusal::NoFile | ImportRefusal::NotMultipart => t.no_file.to_string(),
                    ImportRefusal::TooLarge => {
                        t.too_large.replace("{mb}", &crate::domain::gbp_csv::MAX_CSV_MB.to_string())
                    }
                    ImportRefusal::CutOff => t.network_error.to_string(),
                    ImportRefusal::Workbook => t.workbook.to_string(),
                    ImportRefusal::Binary => t.binary.to_string(),
                    ImportRefusal::Busy => t.busy.to_string(),
                }
            }
        }
    }

    /// Why an uploaded photo was refused.
    pub fn media_problem(self, problem: MediaProblem) -> String {
        let mb = MAX_UPLOAD_BYTES / 1024 / 1024;
        let megapixels = MAX_PIXELS / 1_000_000;
        match (self, problem) {
            (Lang::En, MediaProblem::TooLarge) => format!("The file is larger than {mb} MB."),
            (Lang::De, MediaProblem::TooLarge) => format!("Die Datei ist größer als {mb} MB."),
            (Lang::En, MediaProblem::NotAnImage) => {
                "This is not a photo Nahbar can read. Please upload a JPEG, PNG or WebP image.".into()
            }
            (Lang::De, MediaProblem::NotAnImage) => {
                "Das ist kein Foto, das Nahbar lesen kann. Bitte lade ein JPEG-, PNG- oder WebP-Bild hoch.".into()
            }
            (Lang::En, MediaProblem::TooManyPixels { width, height }) => format!(
                "The image is {width}×{height} pixels; at most {megapixels} megapixels are accepted."
            ),
            (Lang::De, MediaProblem::TooManyPixels { width, height }) => format!(
                "Das Bild hat {width}×{height} Pixel; höchstens {megapixels} Megapixel sind erlaubt."
            ),
            (Lang::En, MediaProblem::Damaged) => {
                "The image is damaged or incomplete and cannot be read.".into()
            }
            (Lang::De, MediaProblem::Damaged) => {
                "Das Bild ist beschädigt oder unvollständig und kann nicht gelesen werden.".into()
            }
        }
    }

    /// The infinitive of a post action, as the refusal sentences use it.
    fn post_verb(self, action: Action) -> &'static str {
        match (self, action) {
            (Lang::En, action) => action.as_str(),
            (Lang::De, Action::Submit) => "einreichen",
            (Lang::De, Action::Approve) => "freigeben",
            (Lang::De, Action::Reject) => "ablehnen",
            (Lang::De, Action::Publish) => "veröffentlichen",
            (Lang::De, Action::Archive) => "archivieren",
            (Lang::De, Action::Withdraw) => "zurückziehen",
        }
    }
}

fn pick(de: bool, german: &str, english: &str) -> String {
    if de { german } else { english }.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::post::PostState;

    #[test]
    fn every_refusal_reads_in_both_languages_and_differs_between_them() {
        let reasons = [
            Reason::FormExpired,
            Reason::UnknownLanguage,
            Reason::Media(MediaProblem::Damaged),
            Reason::PostAction {
                refusal: Refusal::WrongState,
                state: PostState::Published,
                action: Action::Submit,
            },
            Reason::Import(ImportRefusal::Workbook),
            Reason::OnlyOwnerPublishing,
        ];
        for reason in reasons {
            let error = AppError::Refused(reason);
            let (de, en) = (Lang::De.error(&error), Lang::En.error(&error));
            assert!(!de.is_empty() && !en.is_empty() && de != en, "{error:?}");
        }
    }

    #[test]
    fn a_choice_names_the_field_and_every_allowed_value() {
        let error = AppError::choice("rule", &["closed", "as_usual", "hours"]);
        assert_eq!(Lang::En.error(&error), "rule must be closed, as_usual or hours");
        assert_eq!(Lang::De.error(&error), "rule muss closed, as_usual oder hours sein");
        assert_eq!(Lang::En.error(&AppError::choice("days", &["1", "7"])), "days must be 1 or 7");
    }
}
