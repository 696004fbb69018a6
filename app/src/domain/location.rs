//! Businesses, locations, members and POIs: the tenant-shaped core of the data model.

use super::hours::WeeklyHours;
use super::schedule::{HolidayRule, OpeningHours, SpecialHours};
use serde::{Deserialize, Serialize};
use std::fmt;

pub type BusinessId = i64;
pub type LocationId = i64;
pub type UserId = i64;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Owner,
    Manager,
    Staff,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Manager => "manager",
            Role::Staff => "staff",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        match text {
            "owner" => Some(Role::Owner),
            "manager" => Some(Role::Manager),
            "staff" => Some(Role::Staff),
            _ => None,
        }
    }

    /// Owners and managers keep locations, hours and POIs right; staff only post.
    pub fn can_edit_locations(self) -> bool {
        matches!(self, Role::Owner | Role::Manager)
    }
}

/// A membership of the signed-in user, as the admin screens list them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Membership {
    pub business_id: BusinessId,
    pub business_name: String,
    pub role: Role,
}

/// URL slug of a location: lowercase `a-z0-9-`, not a reserved first path segment.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Slug(String);

/// First path segments Nahbar uses itself (PRODUCT.md, "Public URLs").
pub const RESERVED_SLUGS: &[&str] = &[
    "admin",
    "api",
    "login",
    "logout",
    "setup",
    "invite",
    "nearby",
    "lang",
    "pkg",
    "icons",
    "static",
    "manifest.webmanifest",
    "sw.js",
    "sitemap.xml",
    "robots.txt",
    "healthz",
    "metrics",
    "offline.html",
    "favicon.ico",
    "media",
    "invite",
    "share",
];

impl Slug {
    pub fn parse(text: &str) -> Result<Slug, SlugError> {
        if text.is_empty() || text.len() > 64 {
            return Err(SlugError::Length);
        }
        if !text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            || text.starts_with('-')
            || text.ends_with('-')
        {
            return Err(SlugError::Characters);
        }
        if RESERVED_SLUGS.contains(&text) {
            return Err(SlugError::Reserved);
        }
        Ok(Slug(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A slug made from a name: German umlauts spelled out (`ä` → `ae`, `ß` → `ss`), other
    /// letters without accents, everything else a single hyphen. `None` when nothing is left
    /// or the result is reserved.
    pub fn from_name(name: &str) -> Option<Slug> {
        let mut out = String::new();
        for c in name.to_lowercase().chars() {
            let spelled = match c {
                'ä' => "ae",
                'ö' => "oe",
                'ü' => "ue",
                'ß' => "ss",
                'à' | 'á' | 'â' | 'ã' | 'å' => "a",
                'ç' => "c",
                'è' | 'é' | 'ê' | 'ë' => "e",
                'ì' | 'í' | 'î' | 'ï' | 'ı' => "i",
                'ñ' => "n",
                'ò' | 'ó' | 'ô' | 'õ' | 'ø' => "o",
                'ù' | 'ú' | 'û' => "u",
                'ş' | 'š' => "s",
                'ğ' => "g",
                c if c.is_ascii_alphanumeric() => {
                    out.push(c);
                    continue;
                }
                _ => "-",
            };
            if spelled == "-" {
                if !out.is_empty() && !out.ends_with('-') {
                    out.push('-');
                }
            } else {
                out.push_str(spelled);
            }
        }
        let mut slug: String = out.trim_matches('-').chars().take(64).collect();
        while slug.ends_with('-') {
            slug.pop();
        }
        Slug::parse(&slug).ok()
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SlugError {
    #[error("a slug has 1 to 64 characters")]
    Length,
    #[error("a slug uses only a-z, 0-9 and inner hyphens")]
    Characters,
    #[error("this slug is reserved by Nahbar")]
    Reserved,
}

/// The schema.org `LocalBusiness` subtypes an owner can choose from.
pub const BUSINESS_TYPES: &[&str] = &[
    "LocalBusiness",
    "Bakery",
    "CafeOrCoffeeShop",
    "Restaurant",
    "BarOrPub",
    "IceCreamShop",
    "Store",
    "BikeStore",
    "BookStore",
    "ClothingStore",
    "Florist",
    "GardenStore",
    "GroceryStore",
    "HardwareStore",
    "JewelryStore",
    "ShoeStore",
    "SportingGoodsStore",
    "ToyStore",
    "Optician",
    "HairSalon",
    "BeautySalon",
    "AutoRepair",
    "Pharmacy",
];

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct GeoPoint {
    pub lat: f64,
    pub lon: f64,
}

impl GeoPoint {
    pub fn new(lat: f64, lon: f64) -> Option<GeoPoint> {
        (lat.is_finite()
            && lon.is_finite()
            && (-90.0..=90.0).contains(&lat)
            && (-180.0..=180.0).contains(&lon))
        .then_some(GeoPoint { lat, lon })
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Address {
    pub street: String,
    pub postal_code: String,
    pub city: String,
    /// ISO 3166-1 alpha-2, e.g. `DE`.
    pub country: String,
    /// ISO 3166-2 subdivision for public holidays, e.g. `DE-BW`.
    pub region: String,
}

impl Address {
    pub fn one_line(&self) -> String {
        [self.street.as_str(), &format!("{} {}", self.postal_code, self.city)]
            .iter()
            .map(|part| part.trim())
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PoiKind {
    Parking,
    Entrance,
    AccessibleEntrance,
    PickupPoint,
    BikeParking,
    Charging,
    EventSpot,
    Partner,
    Other,
}

impl PoiKind {
    pub const ALL: [PoiKind; 9] = [
        PoiKind::Parking,
        PoiKind::Entrance,
        PoiKind::AccessibleEntrance,
        PoiKind::PickupPoint,
        PoiKind::BikeParking,
        PoiKind::Charging,
        PoiKind::EventSpot,
        PoiKind::Partner,
        PoiKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PoiKind::Parking => "parking",
            PoiKind::Entrance => "entrance",
            PoiKind::AccessibleEntrance => "accessible_entrance",
            PoiKind::PickupPoint => "pickup_point",
            PoiKind::BikeParking => "bike_parking",
            PoiKind::Charging => "charging",
            PoiKind::EventSpot => "event_spot",
            PoiKind::Partner => "partner",
            PoiKind::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<PoiKind> {
        PoiKind::ALL.into_iter().find(|kind| kind.as_str() == text)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Poi {
    pub id: i64,
    pub name: String,
    pub kind: PoiKind,
    pub point: GeoPoint,
    pub note: String,
    pub public: bool,
}

/// A POI as created (demo data now, the POI editor later).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewPoiInput {
    pub name: String,
    pub kind: PoiKind,
    pub point: GeoPoint,
    pub note: String,
    pub public: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub id: LocationId,
    pub business_id: BusinessId,
    pub business_name: String,
    pub slug: String,
    pub details: LocationDetails,
    pub hours: WeeklyHours,
    pub special: Vec<SpecialHours>,
    pub holiday_rule: HolidayRule,
    pub pois: Vec<Poi>,
    /// Archived locations are kept for their owners but have no public page.
    #[serde(default)]
    pub archived: bool,
}

impl Location {
    /// Everything that decides when this location is open.
    pub fn opening_hours(&self) -> OpeningHours {
        OpeningHours {
            weekly: self.hours.clone(),
            special: self.special.clone(),
            holiday_rule: self.holiday_rule.clone(),
            region: self.details.address.region.clone(),
        }
    }
}

/// The fields an owner edits on the details form.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LocationDetails {
    pub name: String,
    pub schema_type: String,
    pub description: String,
    pub address: Address,
    pub geo: Option<GeoPoint>,
    pub phone: String,
    pub email: String,
    pub website: String,
    /// IANA timezone name, e.g. `Europe/Berlin`.
    pub timezone: String,
    /// The language the location's public texts (description, notes, posts) are written
    /// in: `de` or `en`. Pages mark those texts with it, feeds and JSON-LD declare it.
    #[serde(default = "default_language")]
    pub language: String,
    /// The branch's code (Google Business Profile's "Store code", schema.org `branchCode`),
    /// unique within the business.
    #[serde(default)]
    pub branch_code: String,
}

fn default_language() -> String {
    "de".into()
}

/// The languages a location's public texts can be written in.
pub const LANGUAGES: [&str; 2] = ["de", "en"];

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LocationSummary {
    pub id: LocationId,
    pub business_id: BusinessId,
    #[serde(default)]
    pub business_name: String,
    pub slug: String,
    pub name: String,
    pub city: String,
    pub updated_at: chrono::DateTime<chrono::Utc>,
    #[serde(default)]
    pub archived: bool,
}

/// A field of the details form and what is wrong with it, for inline messages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub problem: FieldProblem,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldProblem {
    Required,
    TooLong,
    UnknownType,
    UnknownTimezone,
    InvalidEmail,
    InvalidWebsite,
    InvalidPhone,
    InvalidCoordinates,
    UnknownRegion,
    UnknownLanguage,
}

impl LocationDetails {
    /// Trims every field and checks it; returns the cleaned details or every problem found.
    pub fn validate(mut self) -> Result<LocationDetails, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut fail =
            |field: &str, problem| errors.push(FieldError { field: field.to_string(), problem });
        for (field, value, max) in [
            ("name", &mut self.name, 120),
            ("description", &mut self.description, 2000),
            ("street", &mut self.address.street, 200),
            ("postal_code", &mut self.address.postal_code, 20),
            ("city", &mut self.address.city, 120),
            ("phone", &mut self.phone, 40),
            ("email", &mut self.email, 200),
            ("website", &mut self.website, 300),
        ] {
            *value = value.trim().to_string();
            if value.chars().count() > max {
                fail(field, FieldProblem::TooLong);
            }
        }
        if self.name.is_empty() {
            fail("name", FieldProblem::Required);
        }
        if self.address.city.is_empty() {
            fail("city", FieldProblem::Required);
        }
        if !BUSINESS_TYPES.contains(&self.schema_type.as_str()) {
            fail("schema_type", FieldProblem::UnknownType);
        }
        if self.timezone.parse::<chrono_tz::Tz>().is_err() {
            fail("timezone", FieldProblem::UnknownTimezone);
        }
        if !self.email.is_empty() && !looks_like_email(&self.email) {
            fail("email", FieldProblem::InvalidEmail);
        }
        let web = |scheme: &str| self.website.starts_with(scheme);
        if !(self.website.is_empty() || web("https://") || web("http://")) {
            fail("website", FieldProblem::InvalidWebsite);
        }
        if !self.phone.is_empty()
            && !self.phone.chars().all(|c| c.is_ascii_digit() || " +-/()".contains(c))
        {
            fail("phone", FieldProblem::InvalidPhone);
        }
        if let Some(geo) = self.geo
            && GeoPoint::new(geo.lat, geo.lon).is_none()
        {
            fail("geo", FieldProblem::InvalidCoordinates);
        }
        if self.language.is_empty() {
            self.language = default_language();
        }
        if !LANGUAGES.contains(&self.language.as_str()) {
            fail("language", FieldProblem::UnknownLanguage);
        }
        self.branch_code = self.branch_code.trim().to_string();
        if self.branch_code.chars().count() > 64 {
            fail("branch_code", FieldProblem::TooLong);
        }
        if errors.is_empty() { Ok(self) } else { Err(errors) }
    }

    pub fn tz(&self) -> chrono_tz::Tz {
        self.timezone.parse().unwrap_or(chrono_tz::Europe::Berlin)
    }

    /// `tel:` target: digits and a leading plus only.
    pub fn phone_uri(&self) -> String {
        let digits: String =
            self.phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
        format!("tel:{digits}")
    }
}

fn looks_like_email(text: &str) -> bool {
    match text.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !text.contains(char::is_whitespace)
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slug_is_made_from_a_german_name() {
        let slug = Slug::from_name("Bäckerei Sonnenschein – Straße 5").expect("slug");
        assert_eq!(slug.as_str(), "baeckerei-sonnenschein-strasse-5");
        assert_eq!(Slug::from_name("  Café Müller!! ").expect("slug").as_str(), "cafe-mueller");
        assert_eq!(Slug::from_name("---"), None);
        assert_eq!(Slug::from_name("Admin"), None, "reserved");
    }

    fn details() -> LocationDetails {
        LocationDetails {
            name: " Bäckerei ".into(),
            schema_type: "Bakery".into(),
            address: Address { city: "Freiburg".into(), ..Address::default() },
            timezone: "Europe/Berlin".into(),
            language: "de".into(),
            branch_code: String::new(),
            ..LocationDetails::default()
        }
    }

    #[test]
    fn slugs_are_lowercase_ascii_with_inner_hyphens_and_not_reserved() {
        assert!(Slug::parse("sonnenschein-freiburg").is_ok());
        assert_eq!(Slug::parse("Sonnenschein"), Err(SlugError::Characters));
        assert_eq!(Slug::parse("-a"), Err(SlugError::Characters));
        assert_eq!(Slug::parse("bäcker"), Err(SlugError::Characters));
        assert_eq!(Slug::parse(""), Err(SlugError::Length));
        assert_eq!(Slug::parse("admin"), Err(SlugError::Reserved));
        assert_eq!(Slug::parse("sitemap.xml"), Err(SlugError::Characters));
    }

    #[test]
    fn valid_details_are_trimmed() {
        let clean = details().validate().expect("valid");
        assert_eq!(clean.name, "Bäckerei");
    }

    #[test]
    fn every_problem_of_the_details_form_is_reported_with_its_field() {
        let mut bad = details();
        bad.name = "  ".into();
        bad.schema_type = "Spaceport".into();
        bad.timezone = "Mars/Olympus".into();
        bad.email = "not-an-email".into();
        bad.website = "javascript:alert(1)".into();
        bad.phone = "call me".into();
        bad.geo = Some(GeoPoint { lat: 91.0, lon: 0.0 });
        let errors = bad.validate().expect_err("invalid");
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "schema_type", "timezone", "email", "website", "phone", "geo"]);
    }

    #[test]
    fn phone_uri_keeps_digits_and_plus() {
        let mut d = details();
        d.phone = "+49 (761) 123-45".into();
        assert_eq!(d.phone_uri(), "tel:+4976112345");
    }
}
