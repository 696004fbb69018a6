//! Locations as rows of Google Business Profile's bulk upload sheet (CSV), both ways.
//!
//! Owners keep their shops in Nahbar and in Google Business Profile; the sheet is the one
//! format both know, so the export is a file GBP takes as it is, and an import accepts what
//! GBP (or a person with Excel) writes. Nahbar adds four columns of its own after GBP's
//! (`Email`, `Time zone`, `Language`, `Nahbar slug`), which GBP ignores.
//!
//! Reading checks every row and reports every problem with its line and column, so a file
//! is fixed in one go; nothing here writes anything. A column that is missing from the file
//! keeps what the location has (GBP's own rule for partial sheets), while a column that is
//! present but empty clears the value, so a sheet with only three columns cannot wipe the
//! rest. The cell formats (hours, categories, regions) are pure functions; only [`read`] and
//! [`write`], which use the `csv` crate, are server-side.

use super::holidays;
use super::hours::{DayInput, HoursErrorKind, Interval, WeeklyHours, weekday_from_index};
use super::location::{Address, FieldProblem, GeoPoint, Location, LocationDetails, LocationId};
use super::schedule::{SpecialHours, intervals_to_text};
use super::slug::Slug;
use chrono::{Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

mod cells;
mod hours;
mod plan;
mod rows;
pub use cells::*;
pub use hours::*;
pub use plan::*;
pub use rows::*;
#[cfg(feature = "ssr")]
mod file;
#[cfg(feature = "ssr")]
pub use file::{FileError, WriteError, read, valid_rows, write};

/// The largest CSV file an import takes.
pub const MAX_CSV_MB: usize = 10;

/// The sheet's columns, in the order the export writes them: GBP's, then Nahbar's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Column {
    StoreCode,
    BusinessName,
    AddressLine1,
    AddressLine2,
    SubLocality,
    Locality,
    AdministrativeArea,
    Country,
    PostalCode,
    Latitude,
    Longitude,
    PrimaryPhone,
    Website,
    PrimaryCategory,
    SundayHours,
    MondayHours,
    TuesdayHours,
    WednesdayHours,
    ThursdayHours,
    FridayHours,
    SaturdayHours,
    Special,
    FromTheBusiness,
    Email,
    TimeZone,
    Language,
    NahbarSlug,
}

impl Column {
    pub const ALL: [Column; 27] = [
        Column::StoreCode,
        Column::BusinessName,
        Column::AddressLine1,
        Column::AddressLine2,
        Column::SubLocality,
        Column::Locality,
        Column::AdministrativeArea,
        Column::Country,
        Column::PostalCode,
        Column::Latitude,
        Column::Longitude,
        Column::PrimaryPhone,
        Column::Website,
        Column::PrimaryCategory,
        Column::SundayHours,
        Column::MondayHours,
        Column::TuesdayHours,
        Column::WednesdayHours,
        Column::ThursdayHours,
        Column::FridayHours,
        Column::SaturdayHours,
        Column::Special,
        Column::FromTheBusiness,
        Column::Email,
        Column::TimeZone,
        Column::Language,
        Column::NahbarSlug,
    ];

    /// A row cannot be imported without these.
    pub const REQUIRED: [Column; 4] =
        [Column::StoreCode, Column::BusinessName, Column::Locality, Column::Country];

    /// The header as GBP (or Nahbar) names it.
    pub fn header(self) -> &'static str {
        match self {
            Column::StoreCode => "Store code",
            Column::BusinessName => "Business name",
            Column::AddressLine1 => "Address line 1",
            Column::AddressLine2 => "Address line 2",
            Column::SubLocality => "Sub-locality",
            Column::Locality => "Locality",
            Column::AdministrativeArea => "Administrative area",
            Column::Country => "Country / Region",
            Column::PostalCode => "Postal code",
            Column::Latitude => "Latitude",
            Column::Longitude => "Longitude",
            Column::PrimaryPhone => "Primary phone",
            Column::Website => "Website",
            Column::PrimaryCategory => "Primary category",
            Column::SundayHours => "Sunday hours",
            Column::MondayHours => "Monday hours",
            Column::TuesdayHours => "Tuesday hours",
            Column::WednesdayHours => "Wednesday hours",
            Column::ThursdayHours => "Thursday hours",
            Column::FridayHours => "Friday hours",
            Column::SaturdayHours => "Saturday hours",
            Column::Special => "Special hours",
            Column::FromTheBusiness => "From the business",
            Column::Email => "Email",
            Column::TimeZone => "Time zone",
            Column::Language => "Language",
            Column::NahbarSlug => "Nahbar slug",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn from_index(index: usize) -> Option<Column> {
        Column::ALL.get(index).copied()
    }

    /// The column a header names: case, spaces and a BOM do not matter
    /// (`country/region` is `Country / Region`).
    pub fn from_header(text: &str) -> Option<Column> {
        let key = |s: &str| -> String {
            s.chars()
                .filter(|c| !c.is_whitespace() && *c != '\u{feff}')
                .flat_map(char::to_lowercase)
                .collect()
        };
        let wanted = key(text);
        Column::ALL.into_iter().find(|c| key(c.header()) == wanted)
    }

    /// The hours column of a weekday.
    pub fn of_day(day: Weekday) -> Column {
        match day {
            Weekday::Sun => Column::SundayHours,
            Weekday::Mon => Column::MondayHours,
            Weekday::Tue => Column::TuesdayHours,
            Weekday::Wed => Column::WednesdayHours,
            Weekday::Thu => Column::ThursdayHours,
            Weekday::Fri => Column::FridayHours,
            Weekday::Sat => Column::SaturdayHours,
        }
    }
}

/// Which columns a file has.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ColumnSet(u32);

impl ColumnSet {
    pub fn all() -> ColumnSet {
        ColumnSet((1 << Column::ALL.len()) - 1)
    }

    pub fn insert(&mut self, column: Column) {
        self.0 |= 1 << column.index();
    }

    pub fn contains(self, column: Column) -> bool {
        self.0 & (1 << column.index()) != 0
    }
}

/// What is wrong with a cell (or the file). The code travels in URLs and JSON; the pages
/// turn it into words (`i18n::import`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Problem {
    Required,
    TooLong,
    UnknownCategory,
    UnknownCountry,
    UnknownRegion,
    BadCoordinates,
    InvalidPhone,
    InvalidEmail,
    InvalidWebsite,
    UnknownTimezone,
    UnknownLanguage,
    BadHours,
    OverlappingHours,
    BadSpecialHours,
    BadSlug,
    DuplicateStoreCode,
    DuplicateSlug,
    /// Another location (of any business) has this slug.
    SlugTaken,
    /// An existing location keeps its slug: its public address is printed on doors.
    SlugFixed,
    /// The store code belongs to an archived location.
    StoreCodeArchived,
    MissingColumn,
    Malformed,
    NoRows,
}

impl Problem {
    pub const ALL: [Problem; 23] = [
        Problem::Required,
        Problem::TooLong,
        Problem::UnknownCategory,
        Problem::UnknownCountry,
        Problem::UnknownRegion,
        Problem::BadCoordinates,
        Problem::InvalidPhone,
        Problem::InvalidEmail,
        Problem::InvalidWebsite,
        Problem::UnknownTimezone,
        Problem::UnknownLanguage,
        Problem::BadHours,
        Problem::OverlappingHours,
        Problem::BadSpecialHours,
        Problem::BadSlug,
        Problem::DuplicateStoreCode,
        Problem::DuplicateSlug,
        Problem::SlugTaken,
        Problem::SlugFixed,
        Problem::StoreCodeArchived,
        Problem::MissingColumn,
        Problem::Malformed,
        Problem::NoRows,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Problem::Required => "required",
            Problem::TooLong => "too_long",
            Problem::UnknownCategory => "unknown_category",
            Problem::UnknownCountry => "unknown_country",
            Problem::UnknownRegion => "unknown_region",
            Problem::BadCoordinates => "bad_coordinates",
            Problem::InvalidPhone => "invalid_phone",
            Problem::InvalidEmail => "invalid_email",
            Problem::InvalidWebsite => "invalid_website",
            Problem::UnknownTimezone => "unknown_timezone",
            Problem::UnknownLanguage => "unknown_language",
            Problem::BadHours => "bad_hours",
            Problem::OverlappingHours => "overlapping_hours",
            Problem::BadSpecialHours => "bad_special_hours",
            Problem::BadSlug => "bad_slug",
            Problem::DuplicateStoreCode => "duplicate_store_code",
            Problem::DuplicateSlug => "duplicate_slug",
            Problem::SlugTaken => "slug_taken",
            Problem::SlugFixed => "slug_fixed",
            Problem::StoreCodeArchived => "store_code_archived",
            Problem::MissingColumn => "missing_column",
            Problem::Malformed => "malformed",
            Problem::NoRows => "no_rows",
        }
    }

    pub fn from_code(code: &str) -> Option<Problem> {
        Problem::ALL.into_iter().find(|p| p.code() == code)
    }
}

/// One problem of one row: the CSV line (1-based, the header is line 1), the column
/// (none for a problem of the whole line) and the cell as it was written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    pub line: u64,
    pub column: Option<Column>,
    pub problem: Problem,
    pub value: String,
}

impl RowError {
    pub fn new(line: u64, column: Option<Column>, problem: Problem, value: &str) -> RowError {
        // Enough to recognise the cell; a whole pasted paragraph helps nobody.
        let value: String = value.chars().take(80).collect();
        RowError { line, column, problem, value }
    }

    /// `3.14.bad_hours`: line, column index (`-` for none) and problem, for a URL.
    pub fn to_code(&self) -> String {
        let column = self.column.map_or("-".to_string(), |c| c.index().to_string());
        format!("{}.{column}.{}", self.line, self.problem.code())
    }

    pub fn from_code(code: &str) -> Option<RowError> {
        let mut parts = code.splitn(3, '.');
        let line = parts.next()?.parse().ok()?;
        let column = match parts.next()? {
            "-" => None,
            index => Some(Column::from_index(index.parse().ok()?)?),
        };
        let problem = Problem::from_code(parts.next()?)?;
        Some(RowError { line, column, problem, value: String::new() })
    }
}

/// A valid row, ready for the store.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportRow {
    /// Where the row is in the file, for problems the store finds (a slug taken).
    pub line: u64,
    /// GBP's "Store code": which location of the business the row is.
    pub branch_code: String,
    /// "Nahbar slug", when given: the public address of a new location.
    pub slug: Option<Slug>,
    pub details: LocationDetails,
    pub hours: WeeklyHours,
    /// Empty: the row says nothing about special hours (they stay as they are).
    pub special: Vec<SpecialHours>,
    /// The file's columns; a missing one keeps the location's value.
    pub columns: ColumnSet,
}

/// A row of the file: ready to import, or everything that is wrong with it.
pub type RowResult = Result<ImportRow, Vec<RowError>>;

/// Every problem of a read file, in file order.
pub fn problems(rows: &[RowResult]) -> Vec<RowError> {
    rows.iter().filter_map(|r| r.as_ref().err()).flatten().cloned().collect()
}

impl ImportRow {
    /// The location's details and weekly hours after this row: the row's values where the
    /// file has the column, the location's own elsewhere.
    pub fn merged_onto(&self, existing: &Location) -> (LocationDetails, WeeklyHours) {
        let has = |c: Column| self.columns.contains(c);
        let (new, old) = (&self.details, &existing.details);
        let pick = |cols: &[Column], a: &String, b: &String| {
            if cols.iter().any(|c| has(*c)) { a.clone() } else { b.clone() }
        };
        let details = LocationDetails {
            name: new.name.clone(),
            schema_type: pick(&[Column::PrimaryCategory], &new.schema_type, &old.schema_type),
            description: pick(&[Column::FromTheBusiness], &new.description, &old.description),
            address: Address {
                street: pick(
                    &[Column::AddressLine1, Column::AddressLine2],
                    &new.address.street,
                    &old.address.street,
                ),
                postal_code: pick(
                    &[Column::PostalCode],
                    &new.address.postal_code,
                    &old.address.postal_code,
                ),
                city: new.address.city.clone(),
                country: new.address.country.clone(),
                region: pick(
                    &[Column::AdministrativeArea],
                    &new.address.region,
                    &old.address.region,
                ),
            },
            geo: if has(Column::Latitude) || has(Column::Longitude) { new.geo } else { old.geo },
            phone: pick(&[Column::PrimaryPhone], &new.phone, &old.phone),
            email: pick(&[Column::Email], &new.email, &old.email),
            website: pick(&[Column::Website], &new.website, &old.website),
            timezone: pick(&[Column::TimeZone], &new.timezone, &old.timezone),
            language: pick(&[Column::Language], &new.language, &old.language),
            branch_code: new.branch_code.clone(),
        };
        let mut hours = existing.hours.clone();
        for (index, day) in hours.days.iter_mut().enumerate() {
            if has(Column::of_day(weekday_from_index(index))) {
                day.clone_from(&self.hours.days[index]);
            }
        }
        (details, hours)
    }
}

/// Store codes of locations that have none yet: the same rule the migration used.
pub fn store_code_of(location: &Location) -> String {
    if location.details.branch_code.is_empty() {
        location.slug.to_uppercase()
    } else {
        location.details.branch_code.clone()
    }
}

#[cfg(test)]
mod test_support;
