//! Which imprint fields each country asks for, and the checks of the owner's form.

use super::{Condition::*, ImprintField as F};
use super::{Country, FieldRule, Help, Imprint, ImprintField, Law, Need};
use serde::{Deserialize, Serialize};

/// The rule of one field in one country.
pub fn rule(country: Country, field: ImprintField) -> FieldRule {
    let (need, law, help) = match country {
        Country::De => de(field),
        Country::At => at(field),
        Country::Ch => ch(field),
        Country::Other => other(field),
    };
    FieldRule { field, need, law, help }
}

/// Every field's rule in the form's order, the fields the country does not ask for left out.
pub fn rules(country: Country) -> Vec<FieldRule> {
    ImprintField::ALL
        .into_iter()
        .map(|field| rule(country, field))
        .filter(|rule| rule.need != Need::NotAsked)
        .collect()
}

fn de(field: ImprintField) -> (Need, Option<Law>, Help) {
    let ddg = Some(Law::DeDdg5);
    match field {
        F::LegalName => (Need::Required, ddg, Help::LegalName),
        F::LegalForm => (Need::Required, ddg, Help::LegalForm),
        F::Street | F::PostalCode | F::City | F::Country => (Need::Required, ddg, Help::Address),
        F::Representatives => (Need::RequiredIf(HasRepresentatives), ddg, Help::Representatives),
        F::Email => (Need::Required, ddg, Help::Email),
        F::Phone => (Need::Recommended, ddg, Help::Phone),
        F::RegisterCourt | F::RegisterNumber => (Need::RequiredIf(Registered), ddg, Help::Register),
        F::VatId => (Need::Recommended, Some(Law::DeUstg27a), Help::VatId),
        F::SupervisoryAuthority => (Need::RequiredIf(PermitRequired), ddg, Help::Supervisory),
        F::Chamber | F::ProfessionalTitle | F::TitleCountry | F::ProfessionalRules => {
            (Need::RequiredIf(RegulatedProfession), ddg, Help::Profession)
        }
        F::ContentResponsible => {
            (Need::RequiredIf(EditorialContent), Some(Law::DeMstv18), Help::ContentResponsible)
        }
        F::BusinessPurpose | F::MediaLine => (Need::NotAsked, None, Help::LegalName),
    }
}

fn at(field: ImprintField) -> (Need, Option<Law>, Help) {
    let ecg = Some(Law::AtEcg5);
    match field {
        F::LegalName => (Need::Required, ecg, Help::LegalName),
        F::LegalForm => (Need::Required, Some(Law::AtUgb14), Help::LegalForm),
        F::BusinessPurpose => (Need::Required, Some(Law::AtMedienG25), Help::BusinessPurpose),
        F::Street | F::PostalCode | F::City | F::Country => (Need::Required, ecg, Help::Address),
        F::Representatives => (Need::Optional, None, Help::Representatives),
        F::Email => (Need::Required, ecg, Help::Email),
        F::Phone => (Need::Recommended, ecg, Help::Phone),
        F::RegisterCourt | F::RegisterNumber => {
            (Need::RequiredIf(Registered), Some(Law::AtUgb14), Help::Firmenbuch)
        }
        F::VatId => (Need::Recommended, ecg, Help::VatId),
        F::SupervisoryAuthority => (Need::RequiredIf(PermitRequired), ecg, Help::Supervisory),
        F::Chamber | F::ProfessionalTitle | F::TitleCountry | F::ProfessionalRules => {
            (Need::RequiredIf(RegulatedProfession), ecg, Help::Profession)
        }
        F::MediaLine => (Need::Optional, Some(Law::AtMedienG25), Help::MediaLine),
        F::ContentResponsible => (Need::NotAsked, None, Help::ContentResponsible),
    }
}

fn ch(field: ImprintField) -> (Need, Option<Law>, Help) {
    let uwg = Some(Law::ChUwg3);
    match field {
        F::LegalName => (Need::Required, uwg, Help::LegalName),
        F::Street | F::PostalCode | F::City | F::Country => (Need::Required, uwg, Help::Address),
        F::Email => (Need::Required, uwg, Help::Email),
        F::LegalForm => (Need::Recommended, None, Help::LegalForm),
        F::Representatives => (Need::Optional, None, Help::Representatives),
        F::Phone => (Need::Recommended, None, Help::Phone),
        F::RegisterCourt | F::RegisterNumber => (Need::Optional, None, Help::SwissRegister),
        F::VatId => (Need::Recommended, None, Help::SwissUid),
        F::SupervisoryAuthority
        | F::Chamber
        | F::ProfessionalTitle
        | F::TitleCountry
        | F::ProfessionalRules
        | F::ContentResponsible
        | F::BusinessPurpose
        | F::MediaLine => (Need::NotAsked, None, Help::Profession),
    }
}

fn other(field: ImprintField) -> (Need, Option<Law>, Help) {
    match field {
        F::LegalName => (Need::Required, None, Help::LegalName),
        F::Street | F::PostalCode | F::City | F::Country => (Need::Required, None, Help::Address),
        F::Email => (Need::Required, None, Help::Email),
        F::LegalForm => (Need::Recommended, None, Help::LegalForm),
        F::Representatives => (Need::Optional, None, Help::Representatives),
        F::Phone => (Need::Recommended, None, Help::Phone),
        F::RegisterCourt | F::RegisterNumber => (Need::Optional, None, Help::Register),
        F::VatId => (Need::Recommended, None, Help::VatId),
        _ => (Need::NotAsked, None, Help::Profession),
    }
}

/// A field of the imprint form and what is wrong with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImprintError {
    pub field: ImprintField,
    pub problem: ImprintProblem,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ImprintProblem {
    Required,
    TooLong,
    InvalidEmail,
    InvalidPhone,
    /// Not a VAT id of the form DE + 9 digits, ATU + 8 digits or CHE-123.456.789, or its
    /// check digit does not match (a typo).
    InvalidVatId,
    /// DE: HRA/HRB/GnR/PR/VR/GsR and a number; AT: FN and up to six digits and a letter.
    InvalidRegisterNumber,
    /// DE: five digits; AT and CH: four.
    InvalidPostalCode,
    UnknownCountry,
}

impl Imprint {
    /// Trims and normalises every field (VAT id and register number in their usual
    /// spelling) and checks the form; returns the clean imprint or every problem found,
    /// in the form's order.
    pub fn validate(mut self) -> Result<Imprint, Vec<ImprintError>> {
        for value in [
            &mut self.legal_name,
            &mut self.business_purpose,
            &mut self.address.street,
            &mut self.address.postal_code,
            &mut self.address.city,
            &mut self.representatives,
            &mut self.email,
            &mut self.phone,
            &mut self.register_court,
            &mut self.register_number,
            &mut self.vat_id,
            &mut self.supervisory_authority,
            &mut self.chamber,
            &mut self.professional_title,
            &mut self.title_country,
            &mut self.professional_rules,
            &mut self.content_responsible,
            &mut self.media_line,
        ] {
            *value = value.trim().to_string();
        }
        self.address.country = self.address.country.trim().to_ascii_uppercase();
        let country = self.country();
        if let Some(vat) = format_vat_id(&self.vat_id) {
            self.vat_id = vat;
        }
        if let Some(number) = format_register_number(country, &self.register_number) {
            self.register_number = number;
        }
        let mut errors = Vec::new();
        for field in ImprintField::ALL {
            let value = self.value(field);
            let problem = if value.is_empty() {
                self.is_required(field).then_some(ImprintProblem::Required)
            } else if value.chars().count() > field.max_chars() {
                Some(ImprintProblem::TooLong)
            } else {
                self.format_problem(country, field, value)
            };
            if let Some(problem) = problem {
                errors.push(ImprintError { field, problem });
            }
        }
        if errors.is_empty() { Ok(self) } else { Err(errors) }
    }

    fn format_problem(
        &self,
        country: Country,
        field: ImprintField,
        value: &str,
    ) -> Option<ImprintProblem> {
        let digits = |n: usize| value.len() == n && value.bytes().all(|b| b.is_ascii_digit());
        let bad = match field {
            F::Country => {
                return (value.len() != 2 || !value.bytes().all(|b| b.is_ascii_uppercase()))
                    .then_some(ImprintProblem::UnknownCountry);
            }
            F::PostalCode => match country {
                Country::De => !digits(5),
                Country::At | Country::Ch => !digits(4),
                Country::Other => false,
            },
            F::Email => !looks_like_email(value),
            F::Phone => {
                !value.chars().all(|c| c.is_ascii_digit() || " +-/()".contains(c))
                    || value.chars().filter(char::is_ascii_digit).count() < 5
            }
            F::VatId => !vat_id_is_valid(value),
            F::RegisterNumber => format_register_number(country, value).is_none(),
            _ => false,
        };
        bad.then_some(match field {
            F::PostalCode => ImprintProblem::InvalidPostalCode,
            F::Email => ImprintProblem::InvalidEmail,
            F::Phone => ImprintProblem::InvalidPhone,
            F::VatId => ImprintProblem::InvalidVatId,
            _ => ImprintProblem::InvalidRegisterNumber,
        })
    }
}

pub fn looks_like_email(text: &str) -> bool {
    match text.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.contains('@')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !text.contains(char::is_whitespace)
        }
        None => false,
    }
}

/// A VAT id in its usual spelling: `DE123456789`, `ATU12345678`, `CHE-123.456.789 MWST`
/// (the Swiss suffix MWST, TVA or IVA kept when given); `None` when it has none of these
/// shapes. Spaces, dots and dashes typed in between are dropped.
pub fn format_vat_id(text: &str) -> Option<String> {
    let compact: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-'))
        .collect::<String>()
        .to_ascii_uppercase();
    let all_digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if let Some(rest) = compact.strip_prefix("CHE") {
        let (number, suffix) = rest.split_at(rest.len().min(9));
        if !all_digits(number, 9) || !["", "MWST", "TVA", "IVA"].contains(&suffix) {
            return None;
        }
        let spaced = if suffix.is_empty() { String::new() } else { format!(" {suffix}") };
        return Some(format!("CHE-{}.{}.{}{spaced}", &number[..3], &number[3..6], &number[6..]));
    }
    if let Some(number) = compact.strip_prefix("ATU") {
        return all_digits(number, 8).then(|| compact.clone());
    }
    if let Some(number) = compact.strip_prefix("DE") {
        return all_digits(number, 9).then(|| compact.clone());
    }
    // Other EU countries: two letters and 2 to 13 letters or digits, unchecked.
    let (prefix, rest) = compact.split_at(compact.len().min(2));
    (prefix.len() == 2
        && !["AT", "CH"].contains(&prefix)
        && prefix.bytes().all(|b| b.is_ascii_uppercase())
        && (2..=13).contains(&rest.len())
        && rest.bytes().all(|b| b.is_ascii_alphanumeric())
        && rest.bytes().any(|b| b.is_ascii_digit()))
    .then_some(compact)
}

/// Whether a VAT id has a valid shape and, for DE, AT and CH, the right check digit.
pub fn vat_id_is_valid(text: &str) -> bool {
    let Some(vat) = format_vat_id(text) else { return false };
    let digits: Vec<u32> = vat.chars().filter_map(|c| c.to_digit(10)).collect();
    if vat.starts_with("DE") {
        // Never issued with a leading zero; ISO 7064 MOD 11,10 over the first eight digits.
        if digits[0] == 0 {
            return false;
        }
        let mut product = 10;
        for d in &digits[..8] {
            let mut sum = (d + product) % 10;
            if sum == 0 {
                sum = 10;
            }
            product = (2 * sum) % 11;
        }
        let check = (11 - product) % 10;
        check == digits[8]
    } else if vat.starts_with("ATU") {
        // The Austrian tax office's scheme: every second digit doubled and cross-summed.
        let sum: u32 = digits[..7]
            .iter()
            .enumerate()
            .map(|(i, d)| if i % 2 == 1 { (2 * d) / 10 + (2 * d) % 10 } else { *d })
            .sum();
        (10 - (sum + 4) % 10) % 10 == digits[7]
    } else if vat.starts_with("CHE") {
        // Swiss UID: weights 5 4 3 2 7 6 5 4, modulo 11; a remainder giving 10 is never issued.
        let weighted: u32 =
            digits[..8].iter().zip([5, 4, 3, 2, 7, 6, 5, 4]).map(|(d, w)| d * w).sum();
        let check = (11 - weighted % 11) % 11;
        check != 10 && check == digits[8]
    } else {
        true
    }
}

/// A register number in its usual spelling (`HRB 12345`, `FN 123456a`), `None` when it
/// does not have the country's shape. Other countries' numbers are taken as given.
fn format_register_number(country: Country, text: &str) -> Option<String> {
    let compact: String = text.split_whitespace().collect();
    match country {
        Country::De => {
            let prefix = ["HRA", "HRB", "GnR", "GsR", "PR", "VR"]
                .into_iter()
                .find(|p| compact.to_ascii_uppercase().starts_with(&p.to_ascii_uppercase()))?;
            let rest = &compact[prefix.len()..];
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let suffix = &rest[digits.len()..];
            let ok = !digits.is_empty()
                && digits.len() <= 7
                && suffix.len() <= 2
                && suffix.bytes().all(|b| b.is_ascii_alphabetic());
            ok.then(|| {
                let space = if suffix.is_empty() { "" } else { " " };
                format!("{prefix} {digits}{space}{}", suffix.to_ascii_uppercase())
            })
        }
        Country::At => {
            let rest = compact
                .strip_prefix("FN")
                .or_else(|| compact.strip_prefix("fn"))
                .unwrap_or(&compact);
            let (digits, letter) = rest.split_at(rest.len().saturating_sub(1));
            let ok = (1..=6).contains(&digits.len())
                && digits.bytes().all(|b| b.is_ascii_digit())
                && letter.bytes().all(|b| b.is_ascii_alphabetic())
                && letter.len() == 1;
            ok.then(|| format!("FN {digits}{}", letter.to_ascii_lowercase()))
        }
        Country::Ch | Country::Other => Some(text.trim().to_string()),
    }
}
