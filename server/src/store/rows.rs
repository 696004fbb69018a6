//! Row structs and their mapping into domain types. Private to the storage adapters.

use app::domain::hours::{Interval, TimeOfDay, WeeklyHours};
use app::domain::location::{
    Address, GeoPoint, Location, LocationDetails, LocationSummary, Membership, Poi, PoiKind, Role,
};
use app::domain::schedule::{HolidayRule, SpecialHours, intervals_from_text};
use app::store::{StoreError, UserRecord};
use chrono::{DateTime, NaiveDate, Utc};

#[derive(sqlx::FromRow)]
pub struct LocationRow {
    pub id: i64,
    pub business_id: i64,
    pub business_name: String,
    pub slug: String,
    pub name: String,
    pub schema_type: String,
    pub description: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub region: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub phone: String,
    pub email: String,
    pub website: String,
    pub timezone: String,
    pub holiday_rule: String,
    pub hours_rules: String,
    pub language: String,
    pub branch_code: String,
    pub archived: bool,
}

pub const LOCATION_COLUMNS: &str = "l.id, l.business_id, b.name AS business_name, l.slug, l.name, \
    l.schema_type, l.description, l.street, l.postal_code, l.city, l.country, l.region, l.lat, \
    l.lon, l.phone, l.email, l.website, l.timezone, l.holiday_rule, l.hours_rules, l.language, \
    l.branch_code, \
    l.archived_at IS NOT NULL AS archived \
    FROM locations l JOIN businesses b ON b.id = l.business_id";

impl LocationRow {
    pub fn into_location(
        self,
        hours: Vec<HoursRow>,
        pois: Vec<PoiRow>,
        special: Vec<SpecialRow>,
    ) -> Location {
        let geo = match (self.lat, self.lon) {
            (Some(lat), Some(lon)) => GeoPoint::new(lat, lon),
            _ => None,
        };
        Location {
            id: self.id,
            business_id: self.business_id,
            business_name: self.business_name,
            slug: self.slug,
            details: LocationDetails {
                name: self.name,
                schema_type: self.schema_type,
                description: self.description,
                address: Address {
                    street: self.street,
                    postal_code: self.postal_code,
                    city: self.city,
                    country: self.country,
                    region: self.region,
                },
                geo,
                phone: self.phone,
                email: self.email,
                website: self.website,
                timezone: self.timezone,
                language: self.language,
                branch_code: self.branch_code,
            },
            archived: self.archived,
            hours: hours_from_rows(hours),
            special: special.into_iter().filter_map(SpecialRow::into_special).collect(),
            holiday_rule: HolidayRule::from_db(&self.holiday_rule),
            // Rules this Nahbar cannot read are dropped rather than failing the location.
            rules: serde_json::from_str(&self.hours_rules).unwrap_or_default(),
            pois: pois.into_iter().filter_map(PoiRow::into_poi).collect(),
        }
    }
}

#[derive(sqlx::FromRow)]
pub struct HoursRow {
    pub weekday: i64,
    pub opens_min: i64,
    pub closes_min: i64,
}

/// Rows come ordered by weekday and opening time; rows the database constraints should
/// have refused are skipped rather than trusted.
fn hours_from_rows(rows: Vec<HoursRow>) -> WeeklyHours {
    let mut hours = WeeklyHours::default();
    for row in rows {
        let time = |m: i64| u16::try_from(m).ok().and_then(|m| TimeOfDay::from_hm(m / 60, m % 60));
        if let (Ok(day), Some(opens), Some(closes)) =
            (usize::try_from(row.weekday), time(row.opens_min), time(row.closes_min))
            && day < 7
        {
            hours.days[day].push(Interval::new(opens, closes));
        }
    }
    hours
}

/// `(weekday, opens, closes)` rows to insert for weekly hours.
pub fn hours_to_rows(hours: &WeeklyHours) -> Vec<(i64, i64, i64)> {
    hours
        .days
        .iter()
        .enumerate()
        .flat_map(|(day, intervals)| {
            intervals.iter().map(move |i| {
                (day as i64, i64::from(i.opens.minutes()), i64::from(i.closes.minutes()))
            })
        })
        .collect()
}

#[derive(sqlx::FromRow)]
pub struct SpecialRow {
    pub id: i64,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub intervals: String,
    pub note: String,
}

impl SpecialRow {
    fn into_special(self) -> Option<SpecialHours> {
        Some(SpecialHours {
            id: self.id,
            from: self.starts_on,
            to: self.ends_on,
            intervals: intervals_from_text(&self.intervals)?,
            note: self.note,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct PoiRow {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub lat: f64,
    pub lon: f64,
    pub note: String,
    pub public: bool,
}

impl PoiRow {
    fn into_poi(self) -> Option<Poi> {
        Some(Poi {
            id: self.id,
            name: self.name,
            kind: PoiKind::parse(&self.kind).unwrap_or(PoiKind::Other),
            point: GeoPoint::new(self.lat, self.lon)?,
            note: self.note,
            public: self.public,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct SummaryRow {
    pub id: i64,
    pub business_id: i64,
    pub business_name: String,
    pub slug: String,
    pub name: String,
    pub city: String,
    pub updated_at: DateTime<Utc>,
    pub archived: bool,
}

impl From<SummaryRow> for LocationSummary {
    fn from(r: SummaryRow) -> Self {
        LocationSummary {
            id: r.id,
            business_id: r.business_id,
            business_name: r.business_name,
            slug: r.slug,
            name: r.name,
            city: r.city,
            updated_at: r.updated_at,
            archived: r.archived,
        }
    }
}

#[derive(sqlx::FromRow)]
pub struct MembershipRow {
    pub business_id: i64,
    pub business_name: String,
    pub role: String,
}

impl MembershipRow {
    pub fn into_membership(self) -> Option<Membership> {
        Some(Membership {
            business_id: self.business_id,
            business_name: self.business_name,
            role: Role::parse(&self.role)?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
}

impl From<UserRow> for UserRecord {
    fn from(r: UserRow) -> Self {
        UserRecord {
            id: r.id,
            email: r.email,
            display_name: r.display_name,
            password_hash: r.password_hash,
            session_seen_at: None,
        }
    }
}

/// Maps sqlx errors onto the port's error: missing rows and unique violations get their
/// own variants (by error kind, not message text), everything else is opaque.
pub fn db_error(error: sqlx::Error) -> StoreError {
    match error {
        sqlx::Error::RowNotFound => StoreError::NotFound,
        sqlx::Error::Database(db) if db.is_unique_violation() => {
            StoreError::Conflict(db.constraint().unwrap_or("unique").to_string())
        }
        other => StoreError::Other(Box::new(other)),
    }
}
