//! The public imprint page as ordered sections of lines, in the business's language:
//! `/{slug}/imprint` and `/imprint` render it as headings and paragraphs. Only what the
//! owner filled in appears; the section headings cite the country's laws.

use super::Lang;
use super::imprint::{citation, country_name, label, legal_form};
use crate::domain::imprint::{Country, Imprint, ImprintField as F, Law, LegalForm};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImprintPage {
    /// "Impressum" / "Imprint".
    pub title: String,
    pub sections: Vec<ImprintSection>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImprintSection {
    pub heading: String,
    pub lines: Vec<String>,
}

impl ImprintPage {
    /// The page of a (validated) imprint; pass [`Imprint::for_location`] for a location's.
    pub fn new(imprint: &Imprint, lang: Lang) -> ImprintPage {
        let t = lang.imprint();
        let country = imprint.country();
        let labelled = |field, value: &str| {
            (!value.trim().is_empty())
                .then(|| format!("{}: {}", label(lang, country, field), value.trim()))
        };
        let mut sections = Vec::new();
        let mut push = |heading: String, lines: Vec<Option<String>>| {
            let lines: Vec<String> = lines.into_iter().flatten().collect();
            if !lines.is_empty() {
                sections.push(ImprintSection { heading, lines });
            }
        };

        let laws: Vec<&str> = country
            .laws()
            .iter()
            .filter(|law| !matches!(law, Law::DeMstv18 | Law::AtMedienG25))
            .map(|law| citation(lang, *law))
            .collect();
        let heading = if laws.is_empty() {
            t.imprint.to_string()
        } else {
            t.information_under
                .replace("{laws}", &laws.join(if lang == Lang::De { " und " } else { " and " }))
        };
        // The legal form belongs to the name ("Optik Berger GmbH"); Austria gets its own line
        // (§ 14 UGB names it separately).
        let name = name_with_form(imprint, lang);
        let address = &imprint.address;
        let mut first = vec![
            Some(name),
            Some(address.street.clone()),
            Some(format!("{} {}", address.postal_code, address.city).trim().to_string()),
            Some(country_name(lang, &address.country)),
        ];
        if country == Country::At {
            first.push(imprint.legal_form.map(|form| {
                format!(
                    "{}: {}",
                    label(lang, country, F::LegalForm),
                    legal_form(lang, country, form)
                )
            }));
            first.push(labelled(F::BusinessPurpose, &imprint.business_purpose));
        }
        push(heading, first.into_iter().map(|l| l.filter(|l| !l.is_empty())).collect());

        push(
            t.represented_by.to_string(),
            imprint
                .representatives
                .lines()
                .map(|l| Some(l.trim().to_string()).filter(|l| !l.is_empty()))
                .collect(),
        );
        push(
            t.contact.to_string(),
            vec![labelled(F::Phone, &imprint.phone), labelled(F::Email, &imprint.email)],
        );
        push(
            t.register_entry.to_string(),
            vec![
                labelled(F::RegisterCourt, &imprint.register_court),
                labelled(F::RegisterNumber, &imprint.register_number),
            ],
        );
        let vat = match country {
            Country::De if !imprint.vat_id.is_empty() => {
                Some(t.vat_de_line.replace("{vat}", &imprint.vat_id))
            }
            _ => labelled(F::VatId, &imprint.vat_id),
        };
        push(label(lang, country, F::VatId).to_string(), vec![vat]);
        push(
            label(lang, country, F::SupervisoryAuthority).to_string(),
            vec![Some(imprint.supervisory_authority.clone()).filter(|s| !s.is_empty())],
        );
        if imprint.regulated_profession {
            push(
                t.profession.to_string(),
                vec![
                    labelled(F::ProfessionalTitle, &imprint.professional_title),
                    labelled(F::TitleCountry, &imprint.title_country),
                    labelled(F::Chamber, &imprint.chamber),
                    labelled(F::ProfessionalRules, &imprint.professional_rules),
                ],
            );
        }
        if country == Country::De {
            push(
                t.responsible_under.replace("{law}", citation(lang, Law::DeMstv18)),
                imprint
                    .content_responsible
                    .lines()
                    .map(|l| Some(l.trim().to_string()).filter(|l| !l.is_empty()))
                    .collect(),
            );
        }
        if country == Country::At {
            push(
                t.disclosure_under.replace("{law}", citation(lang, Law::AtMedienG25)),
                vec![
                    Some(format!("{}: {}", t.media_owner, imprint.legal_name)),
                    labelled(F::BusinessPurpose, &imprint.business_purpose),
                    Some(format!("{}: {}", t.seat, imprint.address.city)),
                    labelled(F::MediaLine, &imprint.media_line),
                ],
            );
        }
        ImprintPage { title: t.imprint.to_string(), sections }
    }
}

/// The business's name as it appears on the imprint and as the privacy notice's controller:
/// with its legal form where the form belongs to the name ("Optik Berger GmbH"); Austria
/// names the form on a line of its own (§ 14 UGB), sole traders carry none.
pub fn name_with_form(imprint: &Imprint, lang: Lang) -> String {
    let country = imprint.country();
    match imprint.legal_form {
        Some(form)
            if country != Country::At
                && !matches!(form, LegalForm::SoleTrader | LegalForm::Other)
                && !mentions_form(&imprint.legal_name, legal_form(lang, country, form)) =>
        {
            format!("{} {}", imprint.legal_name, legal_form(lang, country, form))
        }
        _ => imprint.legal_name.clone(),
    }
}

/// Whether a name already carries its legal form ("Optik Berger GmbH", "Huber e. K."),
/// compared without spaces and dots.
fn mentions_form(name: &str, form: &str) -> bool {
    let squeeze = |s: &str| s.chars().filter(|c| !matches!(c, ' ' | '.')).collect::<String>();
    let form = squeeze(form);
    !form.is_empty() && squeeze(name).ends_with(&form)
}
