//! Words of the imprint: the owner's form (labels, one-sentence explanations, problems,
//! what is required) and the public page (headings, citations), in both languages. Field
//! labels differ by country where the law's own word differs (Firmenbuch, UID-Nummer).

use super::Lang;
use crate::domain::imprint::{
    Condition, Country, Help, ImprintField, ImprintProblem, Law, LegalForm, Need,
};

/// The citation of a provision, as the page's headings and the form's hints use it.
pub fn citation(lang: Lang, law: Law) -> &'static str {
    let de = lang == Lang::De;
    match law {
        Law::DeDdg5 => {
            if de {
                "§ 5 DDG"
            } else {
                "Section 5 DDG (German Digital Services Act)"
            }
        }
        Law::DeMstv18 => {
            if de {
                "§ 18 Abs. 2 MStV"
            } else {
                "Section 18(2) MStV (German Interstate Media Treaty)"
            }
        }
        Law::DeUstg27a => {
            if de {
                "§ 27a UStG"
            } else {
                "Section 27a UStG (German VAT Act)"
            }
        }
        Law::AtEcg5 => {
            if de {
                "§ 5 ECG"
            } else {
                "Section 5 ECG (Austrian E-Commerce Act)"
            }
        }
        Law::AtUgb14 => {
            if de {
                "§ 14 UGB"
            } else {
                "Section 14 UGB (Austrian Commercial Code)"
            }
        }
        Law::AtMedienG25 => {
            if de {
                "§ 25 MedienG"
            } else {
                "Section 25 MedienG (Austrian Media Act)"
            }
        }
        Law::ChUwg3 => {
            if de {
                "Art. 3 Abs. 1 lit. s UWG"
            } else {
                "Art. 3(1)(s) UWG (Swiss Unfair Competition Act)"
            }
        }
    }
}

/// A field's label on the form and the page.
pub fn label(lang: Lang, country: Country, field: ImprintField) -> &'static str {
    use ImprintField as F;
    let de = lang == Lang::De;
    let pick = |d: &'static str, e: &'static str| if de { d } else { e };
    match (field, country) {
        (F::LegalName, _) => pick("Name bzw. Firma", "Legal name"),
        (F::LegalForm, _) => pick("Rechtsform", "Legal form"),
        (F::BusinessPurpose, _) => pick("Unternehmensgegenstand", "Business purpose"),
        (F::Street, _) => pick("Straße und Hausnummer", "Street and number"),
        (F::PostalCode, _) => pick("PLZ", "Postal code"),
        (F::City, _) => pick("Ort", "City"),
        (F::Country, _) => pick("Land", "Country"),
        (F::Representatives, _) => pick("Vertreten durch", "Represented by"),
        (F::Email, _) => pick("E-Mail", "Email"),
        (F::Phone, _) => pick("Telefon", "Phone"),
        (F::RegisterCourt, Country::At) => pick("Firmenbuchgericht", "Company register court"),
        (F::RegisterCourt, Country::Ch) => pick("Handelsregisteramt", "Commercial register office"),
        (F::RegisterCourt, _) => pick("Registergericht", "Register court"),
        (F::RegisterNumber, Country::At) => pick("Firmenbuchnummer", "Company register number"),
        (F::RegisterNumber, Country::Ch) => {
            pick("Handelsregister-Nummer", "Commercial register number")
        }
        (F::RegisterNumber, _) => pick("Registernummer", "Register number"),
        (F::VatId, Country::De) => {
            pick("Umsatzsteuer-Identifikationsnummer", "VAT identification number")
        }
        (F::VatId, Country::At) => pick("UID-Nummer", "VAT identification number (UID)"),
        (F::VatId, Country::Ch) => pick("UID / MWST-Nr.", "UID / VAT number"),
        (F::VatId, Country::Other) => pick("Umsatzsteuer-ID", "VAT ID"),
        (F::SupervisoryAuthority, _) => pick("Aufsichtsbehörde", "Supervisory authority"),
        (F::Chamber, Country::At) => pick("Kammer / Berufsverband", "Chamber / professional body"),
        (F::Chamber, _) => pick("Zuständige Kammer", "Chamber"),
        (F::ProfessionalTitle, _) => pick("Berufsbezeichnung", "Professional title"),
        (F::TitleCountry, _) => pick("Verliehen in", "Awarded in"),
        (F::ProfessionalRules, _) => pick("Berufsrechtliche Regelungen", "Professional rules"),
        (F::ContentResponsible, _) => {
            pick("Verantwortlich für den Inhalt", "Responsible for the content")
        }
        (F::MediaLine, _) => {
            pick("Grundlegende Richtung (Blattlinie)", "Basic direction (Blattlinie)")
        }
    }
}

/// The form's one-sentence explanation of a field.
pub fn help(lang: Lang, help: Help) -> &'static str {
    let de = lang == Lang::De;
    let pick = |d: &'static str, e: &'static str| if de { d } else { e };
    match help {
        Help::LegalName => pick(
            "Der volle Name, unter dem das Unternehmen auftritt: bei Einzelunternehmen Vor- und Nachname, sonst die Firma wie im Register.",
            "The full name the business trades under: for a sole trader first and last name, otherwise the name as registered.",
        ),
        Help::LegalForm => pick(
            "Die Rechtsform gehört zum Namen, z. B. GmbH oder e. K.",
            "The legal form is part of the name, e.g. GmbH or e. K.",
        ),
        Help::BusinessPurpose => pick(
            "Was Ihr Unternehmen tut, in wenigen Worten (Offenlegung nach dem Mediengesetz), z. B. „Augenoptik und Hörakustik“.",
            "What your business does, in a few words (disclosure under the Media Act), e.g. \"opticians and hearing aids\".",
        ),
        Help::Address => pick(
            "Die Anschrift, unter der das Unternehmen niedergelassen ist; ein Postfach genügt nicht.",
            "The address where the business is established; a PO box is not enough.",
        ),
        Help::Representatives => pick(
            "Wer das Unternehmen nach außen vertritt, z. B. die Geschäftsführerin einer GmbH oder alle Gesellschafter einer GbR, eine Person pro Zeile.",
            "Who acts for the business, e.g. the managing director of a GmbH or every partner of a GbR, one person a line.",
        ),
        Help::Email => pick(
            "Eine E-Mail-Adresse, unter der Sie schnell erreichbar sind; ein Kontaktformular allein genügt nicht.",
            "An email address where you can be reached quickly; a contact form alone is not enough.",
        ),
        Help::Phone => pick(
            "Ein zweiter schneller Weg zu Ihnen; üblich und empfohlen ist die Telefonnummer.",
            "A second quick way to reach you; a phone number is usual and recommended.",
        ),
        Help::Register => pick(
            "Nur wenn das Unternehmen im Handels-, Genossenschafts-, Partnerschafts- oder Vereinsregister steht: das Amtsgericht und die Nummer, z. B. HRB 12345.",
            "Only if the business is in a commercial, cooperative, partnership or association register: the local court and the number, e.g. HRB 12345.",
        ),
        Help::Firmenbuch => pick(
            "Nur wenn das Unternehmen im Firmenbuch eingetragen ist: Firmenbuchnummer (z. B. FN 123456a) und Firmenbuchgericht.",
            "Only if the business is in the company register (Firmenbuch): the number (e.g. FN 123456a) and the court.",
        ),
        Help::SwissRegister => pick(
            "Wenn das Unternehmen im Handelsregister eingetragen ist: das kantonale Amt und die Nummer.",
            "If the business is in the commercial register: the cantonal office and the number.",
        ),
        Help::VatId => pick(
            "Nur wenn Sie eine haben: die Umsatzsteuer-Identifikationsnummer (DE und 9 Ziffern, ATU und 8 Ziffern). Die Steuernummer gehört nicht ins Impressum.",
            "Only if you have one: the VAT identification number (DE and 9 digits, ATU and 8 digits). Your tax number does not belong in the imprint.",
        ),
        Help::SwissUid => pick(
            "Ihre Unternehmens-Identifikationsnummer, z. B. CHE-123.456.789, mit dem Zusatz MWST, wenn Sie mehrwertsteuerpflichtig sind.",
            "Your business identification number, e.g. CHE-123.456.789, with the suffix MWST if you are registered for VAT.",
        ),
        Help::Supervisory => pick(
            "Nur wenn Ihre Tätigkeit eine behördliche Erlaubnis braucht: die Behörde, die sie erteilt hat und Sie beaufsichtigt.",
            "Only if your activity needs an official permit: the authority that granted it and supervises you.",
        ),
        Help::Profession => pick(
            "Nur für reglementierte Berufe (z. B. Augenoptik und andere Meisterhandwerke mit Handwerkskammer): Kammer, Berufsbezeichnung, Staat der Verleihung und die Berufsregeln mit Fundstelle.",
            "Only for regulated professions (e.g. opticians and other master crafts with a chamber of crafts): chamber, title, state where it was awarded, and the professional rules with where to read them.",
        ),
        Help::ContentResponsible => pick(
            "Nur wenn Ihre Beiträge journalistisch-redaktionell sind (etwa ein regelmäßiges Magazin): Name und Anschrift einer verantwortlichen Person.",
            "Only if your posts are journalistic-editorial (such as a regular magazine): name and address of one responsible person.",
        ),
        Help::MediaLine => pick(
            "Nur wenn Ihre Seite mehr bietet als die Vorstellung Ihres Unternehmens und die Meinungsbildung beeinflussen kann: ihre grundlegende Richtung.",
            "Only if your page offers more than presenting your business and can influence public opinion: its basic direction.",
        ),
    }
}

/// The form's note on whether a field must be filled.
pub fn need(lang: Lang, need: Need) -> &'static str {
    let de = lang == Lang::De;
    let pick = |d: &'static str, e: &'static str| if de { d } else { e };
    match need {
        Need::Required => pick("Pflichtangabe", "Required"),
        Need::RequiredIf(Condition::Registered) => {
            pick("Pflicht, wenn eingetragen", "Required if registered")
        }
        Need::RequiredIf(Condition::HasRepresentatives) => {
            pick("Pflicht außer bei Einzelunternehmen", "Required except for sole traders")
        }
        Need::RequiredIf(Condition::PermitRequired) => pick(
            "Pflicht bei erlaubnispflichtiger Tätigkeit",
            "Required if your activity needs a permit",
        ),
        Need::RequiredIf(Condition::RegulatedProfession) => {
            pick("Pflicht bei reglementierten Berufen", "Required for regulated professions")
        }
        Need::RequiredIf(Condition::EditorialContent) => {
            pick("Pflicht bei redaktionellen Inhalten", "Required for editorial content")
        }
        Need::Recommended => {
            pick("Pflicht, wenn vorhanden; empfohlen", "Required if you have one; recommended")
        }
        Need::Optional | Need::NotAsked => pick("freiwillig", "optional"),
    }
}

/// What is wrong with a field, for the form's inline message.
pub fn problem(lang: Lang, problem: ImprintProblem) -> &'static str {
    let de = lang == Lang::De;
    let pick = |d: &'static str, e: &'static str| if de { d } else { e };
    match problem {
        ImprintProblem::Required => pick(
            "Diese Angabe ist für Ihr Unternehmen Pflicht.",
            "This is required for your business.",
        ),
        ImprintProblem::TooLong => pick("Das ist zu lang.", "This is too long."),
        ImprintProblem::InvalidEmail => pick(
            "Das ist keine E-Mail-Adresse (name@beispiel.de).",
            "This is not an email address (name@example.com).",
        ),
        ImprintProblem::InvalidPhone => pick(
            "Bitte nur Ziffern, Leerzeichen und + - / ( ), mindestens fünf Ziffern.",
            "Please use digits, spaces and + - / ( ) only, at least five digits.",
        ),
        ImprintProblem::InvalidVatId => pick(
            "Das ist keine gültige Umsatzsteuer-ID: DE und 9 Ziffern, ATU und 8 Ziffern oder CHE-123.456.789; bitte auf Tippfehler prüfen.",
            "This is not a valid VAT ID: DE and 9 digits, ATU and 8 digits or CHE-123.456.789; please check for typos.",
        ),
        ImprintProblem::InvalidRegisterNumber => pick(
            "Die Nummer hat nicht die übliche Form, z. B. HRB 12345 oder FN 123456a.",
            "The number does not have the usual form, e.g. HRB 12345 or FN 123456a.",
        ),
        ImprintProblem::InvalidPostalCode => pick(
            "Die Postleitzahl hat in diesem Land nicht die richtige Zahl an Ziffern.",
            "The postal code does not have the right number of digits for this country.",
        ),
        ImprintProblem::UnknownCountry => pick(
            "Bitte das Land als Ländercode angeben, z. B. DE, AT oder CH.",
            "Please give the country as a code, e.g. DE, AT or CH.",
        ),
    }
}

/// A legal form as people in the country write it.
pub fn legal_form(lang: Lang, country: Country, form: LegalForm) -> &'static str {
    use LegalForm::*;
    let de = lang == Lang::De;
    match (form, country) {
        (SoleTrader, _) => {
            if de {
                "Einzelunternehmen"
            } else {
                "Sole trader"
            }
        }
        (RegisteredMerchant, Country::De) => "e. K.",
        (RegisteredMerchant, Country::At) => "e. U.",
        (RegisteredMerchant, _) => {
            if de {
                "Einzelunternehmen (eingetragen)"
            } else {
                "Sole trader (registered)"
            }
        }
        (CivilPartnership, Country::De) => "GbR",
        (CivilPartnership, Country::At) => "GesbR",
        (CivilPartnership, _) => {
            if de {
                "Einfache Gesellschaft"
            } else {
                "Simple partnership"
            }
        }
        (GeneralPartnership, Country::De) => "OHG",
        (GeneralPartnership, Country::At) => "OG",
        (GeneralPartnership, _) => {
            if de {
                "Kollektivgesellschaft"
            } else {
                "General partnership"
            }
        }
        (LimitedPartnership, Country::Ch | Country::Other) => {
            if de {
                "Kommanditgesellschaft"
            } else {
                "Limited partnership"
            }
        }
        (LimitedPartnership, _) => "KG",
        (LimitedCompany, _) => "GmbH",
        (EntrepreneurCompany, Country::De) => "UG (haftungsbeschränkt)",
        (EntrepreneurCompany, _) => "GmbH",
        (StockCorporation, _) => "AG",
        (Cooperative, Country::De) => "eG",
        (Cooperative, _) => {
            if de {
                "Genossenschaft"
            } else {
                "Cooperative"
            }
        }
        (Association, Country::De) => "e. V.",
        (Association, _) => {
            if de {
                "Verein"
            } else {
                "Association"
            }
        }
        (Other, _) => {
            if de {
                "Andere"
            } else {
                "Other"
            }
        }
    }
}

/// A country's name for the address line; other countries are shown by their code.
pub fn country_name(lang: Lang, code: &str) -> String {
    let de = lang == Lang::De;
    match Country::from_code(code) {
        Country::De => if de { "Deutschland" } else { "Germany" }.into(),
        Country::At => if de { "Österreich" } else { "Austria" }.into(),
        Country::Ch => if de { "Schweiz" } else { "Switzerland" }.into(),
        Country::Other => code.trim().to_ascii_uppercase(),
    }
}

/// The form's check boxes for the facts the rules depend on, and the page's headings.
pub struct ImprintTexts {
    pub imprint: &'static str,
    pub permit_required: &'static str,
    pub regulated_profession: &'static str,
    pub editorial_content: &'static str,
    /// "Angaben gemäß {laws}".
    pub information_under: &'static str,
    pub represented_by: &'static str,
    pub contact: &'static str,
    pub register_entry: &'static str,
    pub vat: &'static str,
    /// "… gemäß § 27a Umsatzsteuergesetz".
    pub vat_de_line: &'static str,
    pub profession: &'static str,
    /// "Verantwortlich für den Inhalt nach {law}".
    pub responsible_under: &'static str,
    /// "Offenlegung gemäß {law}".
    pub disclosure_under: &'static str,
    pub media_owner: &'static str,
    pub seat: &'static str,
    pub missing_notice: &'static str,
}

const DE: ImprintTexts = ImprintTexts {
    imprint: "Impressum",
    permit_required: "Meine Tätigkeit braucht eine behördliche Erlaubnis",
    regulated_profession: "Ich übe einen reglementierten Beruf aus (z. B. Meisterhandwerk mit Kammer)",
    editorial_content: "Meine Beiträge sind journalistisch-redaktionell",
    information_under: "Angaben gemäß {laws}",
    represented_by: "Vertreten durch",
    contact: "Kontakt",
    register_entry: "Registereintrag",
    vat: "Umsatzsteuer-ID",
    vat_de_line: "Umsatzsteuer-Identifikationsnummer gemäß § 27a Umsatzsteuergesetz: {vat}",
    profession: "Berufsrechtliche Angaben",
    responsible_under: "Verantwortlich für den Inhalt nach {law}",
    disclosure_under: "Offenlegung gemäß {law}",
    media_owner: "Medieninhaber",
    seat: "Sitz",
    missing_notice: "Das Impressum fehlt noch oder ist unvollständig. Kundinnen und Kunden sehen diesen Hinweis nicht.",
};

const EN: ImprintTexts = ImprintTexts {
    imprint: "Imprint",
    permit_required: "My activity needs an official permit",
    regulated_profession: "I practise a regulated profession (e.g. a master craft with a chamber)",
    editorial_content: "My posts are journalistic-editorial",
    information_under: "Information pursuant to {laws}",
    represented_by: "Represented by",
    contact: "Contact",
    register_entry: "Register entry",
    vat: "VAT ID",
    vat_de_line: "VAT identification number under Section 27a of the German VAT Act: {vat}",
    profession: "Professional information",
    responsible_under: "Responsible for the content under {law}",
    disclosure_under: "Disclosure pursuant to {law}",
    media_owner: "Media owner",
    seat: "Registered office",
    missing_notice: "The imprint is missing or incomplete. Customers do not see this notice.",
};

impl Lang {
    pub fn imprint(self) -> &'static ImprintTexts {
        match self {
            Lang::De => &DE,
            Lang::En => &EN,
        }
    }
}
