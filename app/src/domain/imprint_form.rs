//! The imprint form as name/value pairs. The server's handler reads the posted form with
//! it, and the screen reads a refused form (sent back in the redirect's query) with it, so
//! both see the same fields; problems travel as `field:problem` codes.

use super::{Imprint, ImprintError, ImprintField, ImprintProblem, LegalForm};
use crate::domain::location::LocationId;

/// The check boxes of the facts the rules read.
pub const FLAGS: [&str; 3] = ["permit_required", "regulated_profession", "editorial_content"];

/// Prefix of the check boxes "this location shows its own address" (`own_address_12`).
pub const OWN_ADDRESS: &str = "own_address_";

impl Imprint {
    /// The imprint as typed; unknown names are ignored, nothing is checked yet
    /// ([`Imprint::validate`] does that).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Imprint {
        let mut imprint = Imprint::default();
        for (name, value) in pairs {
            let value = value.to_string();
            match name {
                "permit_required" => imprint.permit_required = true,
                "regulated_profession" => imprint.regulated_profession = true,
                "editorial_content" => imprint.editorial_content = true,
                _ => match ImprintField::parse(name) {
                    Some(field) => imprint.set(field, value),
                    None => continue,
                },
            }
        }
        imprint
    }

    /// The typed values and ticked flags as pairs, for sending a refused form back.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs: Vec<(&'static str, String)> = ImprintField::ALL
            .into_iter()
            .map(|field| (field.code(), self.value(field).to_string()))
            .filter(|(_, value)| !value.is_empty())
            .collect();
        for (flag, on) in FLAGS.into_iter().zip([
            self.permit_required,
            self.regulated_profession,
            self.editorial_content,
        ]) {
            if on {
                pairs.push((flag, "on".to_string()));
            }
        }
        pairs
    }

    fn set(&mut self, field: ImprintField, value: String) {
        use ImprintField as F;
        match field {
            F::LegalName => self.legal_name = value,
            F::LegalForm => self.legal_form = LegalForm::parse(&value),
            F::BusinessPurpose => self.business_purpose = value,
            F::Street => self.address.street = value,
            F::PostalCode => self.address.postal_code = value,
            F::City => self.address.city = value,
            F::Country => self.address.country = value,
            F::Representatives => self.representatives = value,
            F::Email => self.email = value,
            F::Phone => self.phone = value,
            F::RegisterCourt => self.register_court = value,
            F::RegisterNumber => self.register_number = value,
            F::VatId => self.vat_id = value,
            F::SupervisoryAuthority => self.supervisory_authority = value,
            F::Chamber => self.chamber = value,
            F::ProfessionalTitle => self.professional_title = value,
            F::TitleCountry => self.title_country = value,
            F::ProfessionalRules => self.professional_rules = value,
            F::ContentResponsible => self.content_responsible = value,
            F::MediaLine => self.media_line = value,
        }
    }
}

/// The locations ticked "shows its own address".
pub fn own_address_from_pairs<'a>(
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Vec<LocationId> {
    pairs.into_iter().filter_map(|(name, _)| name.strip_prefix(OWN_ADDRESS)?.parse().ok()).collect()
}

impl ImprintProblem {
    pub const ALL: [ImprintProblem; 8] = [
        ImprintProblem::Required,
        ImprintProblem::TooLong,
        ImprintProblem::InvalidEmail,
        ImprintProblem::InvalidPhone,
        ImprintProblem::InvalidVatId,
        ImprintProblem::InvalidRegisterNumber,
        ImprintProblem::InvalidPostalCode,
        ImprintProblem::UnknownCountry,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ImprintProblem::Required => "required",
            ImprintProblem::TooLong => "too_long",
            ImprintProblem::InvalidEmail => "email",
            ImprintProblem::InvalidPhone => "phone",
            ImprintProblem::InvalidVatId => "vat_id",
            ImprintProblem::InvalidRegisterNumber => "register_number",
            ImprintProblem::InvalidPostalCode => "postal_code",
            ImprintProblem::UnknownCountry => "country",
        }
    }

    pub fn parse(code: &str) -> Option<ImprintProblem> {
        ImprintProblem::ALL.into_iter().find(|p| p.code() == code)
    }
}

/// `legal_name:required,email:email`: the problems of a refused form, for its query.
pub fn errors_to_query(errors: &[ImprintError]) -> String {
    errors
        .iter()
        .map(|e| format!("{}:{}", e.field.code(), e.problem.code()))
        .collect::<Vec<_>>()
        .join(",")
}

/// The problems named by [`errors_to_query`]; unknown codes are skipped.
pub fn errors_from_query(text: &str) -> Vec<ImprintError> {
    text.split(',')
        .filter_map(|item| {
            let (field, problem) = item.split_once(':')?;
            Some(ImprintError {
                field: ImprintField::parse(field)?,
                problem: ImprintProblem::parse(problem)?,
            })
        })
        .collect()
}
