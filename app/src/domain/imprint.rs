//! The imprint (legal notice) of a business: what it holds, which fields the business's
//! country requires, and the checks of the owner's form.
//!
//! The rules follow the laws as they stand in 2026:
//! - Germany: § 5 DDG (Digitale-Dienste-Gesetz; it replaced § 5 TMG on 14 May 2024, and
//!   citing the repealed TMG invites warning letters), § 18 Abs. 2 MStV for a person
//!   responsible for editorial content, § 27a UStG for the VAT id.
//! - Austria: § 5 ECG, § 14 UGB (legal form, seat, Firmenbuch data of registered
//!   businesses), § 25 MedienG (disclosure: owner, Unternehmensgegenstand, seat; the
//!   Blattlinie only for media that go beyond presenting the business, § 25 Abs. 5).
//! - Switzerland: Art. 3 Abs. 1 lit. s UWG (name, address, e-mail).
//! - Elsewhere a sensible general set: name, address, e-mail.
//!
//! Which fields apply depends on facts only the owner knows (is the business registered,
//! is the profession regulated, does the activity need a permit, are the posts editorial),
//! so the imprint carries those facts as flags and the rules read them. Fields and problems
//! are codes; `i18n::imprint` words them.

use super::location::Address;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Country {
    De,
    At,
    Ch,
    /// Any other country: the general set.
    Other,
}

impl Country {
    /// From an ISO 3166-1 alpha-2 code (`DE`, `at`, …).
    pub fn from_code(code: &str) -> Country {
        match code.trim().to_ascii_uppercase().as_str() {
            "DE" => Country::De,
            "AT" => Country::At,
            "CH" => Country::Ch,
            _ => Country::Other,
        }
    }

    /// The laws an imprint of this country follows, in the order the page cites them.
    pub fn laws(self) -> &'static [Law] {
        match self {
            Country::De => &[Law::DeDdg5, Law::DeMstv18],
            Country::At => &[Law::AtEcg5, Law::AtUgb14, Law::AtMedienG25],
            Country::Ch => &[Law::ChUwg3],
            Country::Other => &[],
        }
    }
}

/// A provision an imprint field rests on; `i18n::imprint` has the citation text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Law {
    /// § 5 DDG, general information duties of service providers.
    DeDdg5,
    /// § 18 Abs. 2 MStV, the person responsible for journalistic-editorial content.
    DeMstv18,
    /// § 27a UStG, the VAT identification number named in § 5 Abs. 1 Nr. 6 DDG.
    DeUstg27a,
    /// § 5 ECG, general information duties.
    AtEcg5,
    /// § 14 UGB, information on business letters and websites of registered businesses.
    AtUgb14,
    /// § 25 MedienG, disclosure (Offenlegung) of media owners.
    AtMedienG25,
    /// Art. 3 Abs. 1 lit. s UWG, identity and contact address in e-commerce.
    ChUwg3,
}

/// The fields of the imprint form, in the form's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImprintField {
    LegalName,
    LegalForm,
    BusinessPurpose,
    Street,
    PostalCode,
    City,
    Country,
    Representatives,
    Email,
    Phone,
    RegisterCourt,
    RegisterNumber,
    VatId,
    SupervisoryAuthority,
    Chamber,
    ProfessionalTitle,
    TitleCountry,
    ProfessionalRules,
    ContentResponsible,
    MediaLine,
}

impl ImprintField {
    pub const ALL: [ImprintField; 20] = [
        ImprintField::LegalName,
        ImprintField::LegalForm,
        ImprintField::BusinessPurpose,
        ImprintField::Street,
        ImprintField::PostalCode,
        ImprintField::City,
        ImprintField::Country,
        ImprintField::Representatives,
        ImprintField::Email,
        ImprintField::Phone,
        ImprintField::RegisterCourt,
        ImprintField::RegisterNumber,
        ImprintField::VatId,
        ImprintField::SupervisoryAuthority,
        ImprintField::Chamber,
        ImprintField::ProfessionalTitle,
        ImprintField::TitleCountry,
        ImprintField::ProfessionalRules,
        ImprintField::ContentResponsible,
        ImprintField::MediaLine,
    ];

    /// The form field's name (`legal_name`, `vat_id`, …).
    pub fn code(self) -> &'static str {
        match self {
            ImprintField::LegalName => "legal_name",
            ImprintField::LegalForm => "legal_form",
            ImprintField::BusinessPurpose => "business_purpose",
            ImprintField::Street => "street",
            ImprintField::PostalCode => "postal_code",
            ImprintField::City => "city",
            ImprintField::Country => "country",
            ImprintField::Representatives => "representatives",
            ImprintField::Email => "email",
            ImprintField::Phone => "phone",
            ImprintField::RegisterCourt => "register_court",
            ImprintField::RegisterNumber => "register_number",
            ImprintField::VatId => "vat_id",
            ImprintField::SupervisoryAuthority => "supervisory_authority",
            ImprintField::Chamber => "chamber",
            ImprintField::ProfessionalTitle => "professional_title",
            ImprintField::TitleCountry => "title_country",
            ImprintField::ProfessionalRules => "professional_rules",
            ImprintField::ContentResponsible => "content_responsible",
            ImprintField::MediaLine => "media_line",
        }
    }

    pub fn parse(code: &str) -> Option<ImprintField> {
        ImprintField::ALL.into_iter().find(|f| f.code() == code)
    }

    /// Longest accepted value; the free-text fields may hold a few lines.
    fn max_chars(self) -> usize {
        match self {
            ImprintField::Representatives
            | ImprintField::ProfessionalRules
            | ImprintField::ContentResponsible
            | ImprintField::BusinessPurpose
            | ImprintField::MediaLine => 1000,
            _ => 200,
        }
    }
}

/// Legal forms, grouped by what they mean for the imprint; `i18n::imprint` names them per
/// country (a `GeneralPartnership` is an OHG in Germany, an OG in Austria and a
/// Kollektivgesellschaft in Switzerland).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LegalForm {
    /// Einzelunternehmen without a register entry.
    SoleTrader,
    /// e. K. (DE), e. U. (AT), registered sole proprietorship (CH).
    RegisteredMerchant,
    /// GbR (DE), GesbR (AT), einfache Gesellschaft (CH).
    CivilPartnership,
    /// OHG (DE), OG (AT), Kollektivgesellschaft (CH).
    GeneralPartnership,
    /// KG, GmbH & Co. KG; Kommanditgesellschaft (CH).
    LimitedPartnership,
    /// GmbH.
    LimitedCompany,
    /// UG (haftungsbeschränkt), Germany's GmbH with little capital.
    EntrepreneurCompany,
    /// AG.
    StockCorporation,
    /// eG (DE), Genossenschaft (AT, CH).
    Cooperative,
    /// e. V. (DE), Verein (AT, CH).
    Association,
    Other,
}

impl LegalForm {
    pub const ALL: [LegalForm; 11] = [
        LegalForm::SoleTrader,
        LegalForm::RegisteredMerchant,
        LegalForm::CivilPartnership,
        LegalForm::GeneralPartnership,
        LegalForm::LimitedPartnership,
        LegalForm::LimitedCompany,
        LegalForm::EntrepreneurCompany,
        LegalForm::StockCorporation,
        LegalForm::Cooperative,
        LegalForm::Association,
        LegalForm::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            LegalForm::SoleTrader => "sole_trader",
            LegalForm::RegisteredMerchant => "registered_merchant",
            LegalForm::CivilPartnership => "civil_partnership",
            LegalForm::GeneralPartnership => "general_partnership",
            LegalForm::LimitedPartnership => "limited_partnership",
            LegalForm::LimitedCompany => "limited_company",
            LegalForm::EntrepreneurCompany => "entrepreneur_company",
            LegalForm::StockCorporation => "stock_corporation",
            LegalForm::Cooperative => "cooperative",
            LegalForm::Association => "association",
            LegalForm::Other => "other",
        }
    }

    pub fn parse(code: &str) -> Option<LegalForm> {
        LegalForm::ALL.into_iter().find(|f| f.code() == code.trim())
    }

    /// Whether a business of this form is always in a register (Handelsregister,
    /// Genossenschafts- or Vereinsregister in Germany, Firmenbuch in Austria), so register
    /// court and number are required. Swiss law (UWG) asks for no register data.
    pub fn always_registered(self, country: Country) -> bool {
        use LegalForm::*;
        match country {
            Country::De => !matches!(self, SoleTrader | CivilPartnership | Other),
            Country::At => !matches!(self, SoleTrader | CivilPartnership | Association | Other),
            Country::Ch | Country::Other => false,
        }
    }

    /// Whether persons other than the owner act for the business, so they must be named.
    pub fn has_representatives(self) -> bool {
        !matches!(self, LegalForm::SoleTrader | LegalForm::RegisteredMerchant)
    }
}

/// Whether a field must be filled for a country.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Need {
    Required,
    /// Required when the condition holds for this business.
    RequiredIf(Condition),
    /// Optional, but the law asks for it where it exists (a VAT id) or it is customary.
    Recommended,
    Optional,
    /// Not part of this country's imprint; the form hides it.
    NotAsked,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Condition {
    /// The legal form is always in a register.
    Registered,
    /// The legal form has representatives (every form but sole traders).
    HasRepresentatives,
    /// The activity needs an official permit (`permit_required`).
    PermitRequired,
    /// A regulated profession, e.g. opticians in Germany, a craft trade with a
    /// Handwerkskammer (`regulated_profession`).
    RegulatedProfession,
    /// The posts are journalistic-editorial content (`editorial_content`).
    EditorialContent,
}

/// What the form shows for a field: whether it is needed, the provision behind it and the
/// code of its one-sentence explanation (`i18n::imprint::help`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldRule {
    pub field: ImprintField,
    pub need: Need,
    pub law: Option<Law>,
    pub help: Help,
}

/// Codes of the form's explanations; several fields share one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Help {
    LegalName,
    LegalForm,
    BusinessPurpose,
    Address,
    Representatives,
    Email,
    Phone,
    Register,
    Firmenbuch,
    SwissRegister,
    VatId,
    SwissUid,
    Supervisory,
    Profession,
    ContentResponsible,
    MediaLine,
}

#[path = "imprint_form.rs"]
mod form;
#[path = "imprint_rules.rs"]
mod rules;
pub use form::{FLAGS, OWN_ADDRESS, errors_from_query, errors_to_query, own_address_from_pairs};
pub use rules::{
    ImprintError, ImprintProblem, format_vat_id, looks_like_email, rule, rules, vat_id_is_valid,
};

/// The imprint of a business, as the owner fills it in once.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Imprint {
    pub legal_name: String,
    pub legal_form: Option<LegalForm>,
    /// Austria (§ 25 MedienG): what the business does, e.g. "Augenoptik und Hörakustik".
    pub business_purpose: String,
    /// Where the business is established; `region` is not used here. A location may
    /// show another address (see [`Imprint::for_location`]).
    pub address: Address,
    /// Authorised representatives, one per line (e.g. the managing directors).
    pub representatives: String,
    pub email: String,
    pub phone: String,
    /// Register court (DE Amtsgericht, AT Firmenbuchgericht, CH Handelsregisteramt).
    pub register_court: String,
    /// Register number (DE "HRB 12345", AT "FN 123456a", CH the UID).
    pub register_number: String,
    /// USt-IdNr. (DE), UID-Nummer (AT), UID / MWST-Nr. (CH).
    pub vat_id: String,
    pub permit_required: bool,
    pub supervisory_authority: String,
    pub regulated_profession: bool,
    pub chamber: String,
    pub professional_title: String,
    /// The state where the title was awarded, e.g. "Deutschland".
    pub title_country: String,
    /// The professional rules and where to read them.
    pub professional_rules: String,
    pub editorial_content: bool,
    /// Name and address of the person responsible for editorial content (DE § 18 MStV).
    pub content_responsible: String,
    /// Austria (§ 25 Abs. 4 MedienG): the Blattlinie, the basic direction of the medium.
    pub media_line: String,
}

impl Imprint {
    pub fn country(&self) -> Country {
        Country::from_code(&self.address.country)
    }

    /// The imprint as a location shows it: the location's own address where it overrides
    /// the business's (a branch with its own premises). The country stays the business's:
    /// the law that applies is the one where the business is established.
    pub fn for_location(&self, address_override: Option<&Address>) -> Imprint {
        let mut imprint = self.clone();
        if let Some(address) = address_override.filter(|a| !a.street.trim().is_empty()) {
            imprint.address.street = address.street.trim().to_string();
            imprint.address.postal_code = address.postal_code.trim().to_string();
            imprint.address.city = address.city.trim().to_string();
        }
        imprint
    }

    /// Whether `field` must be filled for this business, its country and its facts.
    pub fn is_required(&self, field: ImprintField) -> bool {
        let form = self.legal_form.unwrap_or(LegalForm::Other);
        match rule(self.country(), field).need {
            Need::Required => true,
            Need::RequiredIf(condition) => match condition {
                Condition::Registered => form.always_registered(self.country()),
                Condition::HasRepresentatives => {
                    self.legal_form.is_some_and(LegalForm::has_representatives)
                }
                Condition::PermitRequired => self.permit_required,
                Condition::RegulatedProfession => self.regulated_profession,
                Condition::EditorialContent => self.editorial_content,
            },
            Need::Recommended | Need::Optional | Need::NotAsked => false,
        }
    }

    /// The value of a field as text (flags are not fields).
    pub fn value(&self, field: ImprintField) -> &str {
        match field {
            ImprintField::LegalName => &self.legal_name,
            ImprintField::LegalForm => self.legal_form.map(LegalForm::code).unwrap_or(""),
            ImprintField::BusinessPurpose => &self.business_purpose,
            ImprintField::Street => &self.address.street,
            ImprintField::PostalCode => &self.address.postal_code,
            ImprintField::City => &self.address.city,
            ImprintField::Country => &self.address.country,
            ImprintField::Representatives => &self.representatives,
            ImprintField::Email => &self.email,
            ImprintField::Phone => &self.phone,
            ImprintField::RegisterCourt => &self.register_court,
            ImprintField::RegisterNumber => &self.register_number,
            ImprintField::VatId => &self.vat_id,
            ImprintField::SupervisoryAuthority => &self.supervisory_authority,
            ImprintField::Chamber => &self.chamber,
            ImprintField::ProfessionalTitle => &self.professional_title,
            ImprintField::TitleCountry => &self.title_country,
            ImprintField::ProfessionalRules => &self.professional_rules,
            ImprintField::ContentResponsible => &self.content_responsible,
            ImprintField::MediaLine => &self.media_line,
        }
    }

    /// Complete enough to publish (the dashboard nudges until it is).
    pub fn is_complete(&self) -> bool {
        self.clone().validate().is_ok()
    }
}

#[cfg(test)]
#[path = "imprint_tests.rs"]
mod tests;
