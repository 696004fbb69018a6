//! Businesses, locations, members and POIs: the tenant-shaped core of the data model.

use super::hours::WeeklyHours;
use super::schedule::{HolidayRule, OpeningHours, SpecialHours};
use serde::{Deserialize, Serialize};

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
    /// Seasons, every-year dates, n-th weekdays … after the weekly hours (see
    /// [`OpeningHours::rules`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<super::rules::Rule>,
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
            rules: self.rules.clone(),
            coordinates: self
                .details
                .geo
                .map(|g| super::schedule::Coordinates { lat: g.lat, lon: g.lon }),
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

/// The time zone a location in this country most likely has (the owner can change it).
pub fn timezone_of_country(country: &str) -> Option<&'static str> {
    match country {
        "DE" => Some("Europe/Berlin"),
        "AT" => Some("Europe/Vienna"),
        "CH" => Some("Europe/Zurich"),
        "LI" => Some("Europe/Vaduz"),
        "LU" => Some("Europe/Luxembourg"),
        _ => None,
    }
}

#[cfg(test)]
#[path = "location_tests.rs"]
mod tests;
