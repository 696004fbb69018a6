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
use super::location::{
    Address, FieldProblem, GeoPoint, Location, LocationDetails, LocationId, Slug,
};
use super::schedule::{SpecialHours, intervals_to_text};
use chrono::{Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

#[cfg(feature = "ssr")]
mod file;
#[cfg(feature = "ssr")]
pub use file::{FileError, WriteError, read, valid_rows, write};

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

// ----- categories -------------------------------------------------------------------------

/// schema.org type ↔ GBP primary category, with other names people (and GBP in German)
/// write for it. GBP has no generic category: `LocalBusiness` is an empty cell.
const CATEGORIES: [(&str, &str, &[&str]); 23] = [
    ("LocalBusiness", "", &["local business", "geschäft"]),
    ("Bakery", "Bakery", &["bäckerei", "backerei"]),
    ("CafeOrCoffeeShop", "Cafe", &["café", "coffee shop", "coffeeshop", "kaffeehaus"]),
    ("Restaurant", "Restaurant", &[]),
    ("BarOrPub", "Bar", &["pub", "kneipe", "bar / kneipe"]),
    ("IceCreamShop", "Ice cream shop", &["eisdiele", "eiscafé"]),
    ("Store", "Store", &["laden", "shop"]),
    (
        "BikeStore",
        "Bicycle store",
        &["bicycle shop", "bike shop", "fahrradgeschäft", "fahrradladen"],
    ),
    ("BookStore", "Book store", &["bookstore", "bookshop", "buchhandlung"]),
    ("ClothingStore", "Clothing store", &["bekleidungsgeschäft"]),
    ("Florist", "Florist", &["blumengeschäft", "blumenladen"]),
    ("GardenStore", "Garden center", &["garden centre", "gartencenter"]),
    ("GroceryStore", "Grocery store", &["supermarket", "supermarkt", "lebensmittelgeschäft"]),
    ("HardwareStore", "Hardware store", &["eisenwarenhandlung", "eisenwarengeschäft"]),
    ("JewelryStore", "Jewelry store", &["jewellery store", "juwelier"]),
    ("ShoeStore", "Shoe store", &["schuhgeschäft"]),
    ("SportingGoodsStore", "Sporting goods store", &["sportgeschäft"]),
    ("ToyStore", "Toy store", &["spielwarengeschäft"]),
    ("Optician", "Optician", &["optiker"]),
    ("HairSalon", "Hair salon", &["hairdresser", "friseur", "friseursalon"]),
    ("BeautySalon", "Beauty salon", &["kosmetikstudio"]),
    ("AutoRepair", "Auto repair shop", &["car repair", "autowerkstatt", "kfz-werkstatt"]),
    ("Pharmacy", "Pharmacy", &["apotheke"]),
];

fn folded(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The GBP primary category of a schema.org type (empty for `LocalBusiness`).
pub fn category_of(schema_type: &str) -> &'static str {
    CATEGORIES.iter().find(|(t, _, _)| *t == schema_type).map_or("", |(_, c, _)| c)
}

/// The schema.org type of a GBP category, of a schema.org type name, or of another common
/// name for it; an empty cell is `LocalBusiness`.
pub fn schema_type_of(category: &str) -> Option<&'static str> {
    let wanted = folded(category);
    CATEGORIES.iter().find_map(|(schema_type, gbp, aliases)| {
        let hit = folded(gbp) == wanted
            || folded(schema_type) == wanted
            || aliases.iter().any(|a| *a == wanted);
        hit.then_some(*schema_type)
    })
}

// ----- countries, regions, defaults -------------------------------------------------------

/// ISO 3166-1 alpha-2 of a country cell: a code, or a name Nahbar's users write.
pub fn country_code(text: &str) -> Option<String> {
    let text = text.trim();
    if text.len() == 2 && text.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Some(text.to_ascii_uppercase());
    }
    let names: [(&str, &[&str]); 11] = [
        ("DE", &["germany", "deutschland"]),
        ("AT", &["austria", "österreich", "oesterreich"]),
        ("CH", &["switzerland", "schweiz", "suisse", "svizzera"]),
        ("LI", &["liechtenstein"]),
        ("LU", &["luxembourg", "luxemburg"]),
        ("FR", &["france", "frankreich"]),
        ("IT", &["italy", "italien", "italia"]),
        ("NL", &["netherlands", "niederlande", "nederland"]),
        ("BE", &["belgium", "belgien"]),
        ("GB", &["united kingdom", "vereinigtes königreich", "uk"]),
        ("US", &["united states", "usa", "vereinigte staaten"]),
    ];
    let wanted = folded(text);
    names.iter().find(|(_, n)| n.contains(&wanted.as_str())).map(|(code, _)| code.to_string())
}

/// The time zone a location in this country has when the sheet names none.
pub fn default_timezone(country: &str) -> Option<&'static str> {
    match country {
        "DE" => Some("Europe/Berlin"),
        "AT" => Some("Europe/Vienna"),
        "CH" => Some("Europe/Zurich"),
        "LI" => Some("Europe/Vaduz"),
        "LU" => Some("Europe/Luxembourg"),
        _ => None,
    }
}

/// The language of a location's texts when the sheet names none.
pub fn default_language(country: &str) -> &'static str {
    if ["DE", "AT", "CH", "LI", "LU"].contains(&country) { "de" } else { "en" }
}

fn language_code(text: &str) -> Option<&'static str> {
    match folded(text).as_str() {
        "de" | "deutsch" | "german" | "de-de" | "de-at" | "de-ch" => Some("de"),
        "en" | "english" | "englisch" | "en-gb" | "en-us" => Some("en"),
        _ => None,
    }
}

/// English names GBP may use for regions that Nahbar knows by their German name.
const REGION_ALIASES: [(&str, &str); 22] = [
    ("DE-BY", "Bavaria"),
    ("DE-HE", "Hesse"),
    ("DE-MV", "Mecklenburg-Western Pomerania"),
    ("DE-NI", "Lower Saxony"),
    ("DE-NW", "North Rhine-Westphalia"),
    ("DE-RP", "Rhineland-Palatinate"),
    ("DE-SN", "Saxony"),
    ("DE-ST", "Saxony-Anhalt"),
    ("DE-TH", "Thuringia"),
    ("DE-HB", "Bremen"),
    ("DE-HH", "Hamburg"),
    ("AT-2", "Carinthia"),
    ("AT-3", "Lower Austria"),
    ("AT-4", "Upper Austria"),
    ("AT-5", "Salzburg"),
    ("AT-6", "Styria"),
    ("AT-7", "Tyrol"),
    ("AT-9", "Vienna"),
    ("CH-ZH", "Zurich"),
    ("CH-GE", "Geneva"),
    ("CH-BE", "Berne"),
    ("CH-LU", "Lucerne"),
];

/// Letters and digits only, umlauts spelled out: `Baden Wuerttemberg` is
/// `Baden-Württemberg`.
fn region_key(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            c if c.is_alphanumeric() => out.push(c),
            _ => {}
        }
    }
    out
}

/// The holiday region of an "Administrative area" cell in `country`: its name, its code
/// (`DE-BW`) or the code's end (`BW`). Empty stays empty; so does any area of a country
/// Nahbar has no holiday data for (there is nothing to use it for). `None`: a country
/// Nahbar knows, but no region of it.
pub fn region_code(country: &str, text: &str) -> Option<String> {
    let text = text.trim();
    if text.is_empty() {
        return Some(String::new());
    }
    let prefix = format!("{country}-");
    let regions: Vec<(&str, &str)> =
        holidays::regions().into_iter().filter(|(code, _)| code.starts_with(&prefix)).collect();
    if regions.is_empty() {
        return Some(String::new());
    }
    let upper = text.to_uppercase();
    let wanted = region_key(text);
    let short = |name: &str| {
        ["Kanton ", "Land ", "Hansestadt "]
            .iter()
            .find_map(|p| name.strip_prefix(p))
            .map(region_key)
    };
    regions
        .iter()
        .find(|(code, name)| {
            *code == upper
                || code.strip_prefix(&prefix) == Some(upper.as_str())
                || region_key(name) == wanted
                || short(name).as_deref() == Some(wanted.as_str())
                || REGION_ALIASES.iter().any(|(c, alias)| c == code && region_key(alias) == wanted)
        })
        .map(|(code, _)| code.to_string())
}

/// The region's name for the sheet (`Baden-Württemberg`); an unknown code as it is.
pub fn region_name(code: &str) -> String {
    holidays::regions()
        .into_iter()
        .find(|(c, _)| *c == code)
        .map_or_else(|| code.to_string(), |(_, name)| name.to_string())
}

// ----- hours ------------------------------------------------------------------------------

/// `09:00-13:00,14:00-18:00`; a closed day is `x`.
pub fn day_to_text(intervals: &[Interval]) -> String {
    if intervals.is_empty() { "x".to_string() } else { intervals_to_text(intervals) }
}

fn is_closed(text: &str) -> bool {
    matches!(folded(text).as_str(), "" | "x" | "closed" | "geschlossen" | "-")
}

/// `9:00AM`, `9 AM`, `12:30 pm` as `HH:MM`; anything else is left for the hours parser
/// (which accepts `9:00`, `09.00` and reports the rest).
fn to_24h(text: &str) -> Option<String> {
    let compact: String =
        text.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
    let (clock, pm) = match (compact.strip_suffix("AM"), compact.strip_suffix("PM")) {
        (Some(clock), _) => (clock, false),
        (_, Some(clock)) => (clock, true),
        _ => return Some(compact),
    };
    let (h, m) = clock.split_once(':').unwrap_or((clock, "00"));
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    if !(1..=12).contains(&h) || m > 59 {
        return None;
    }
    let h = match (h, pm) {
        (12, false) => 0,
        (12, true) => 12,
        (h, true) => h + 12,
        (h, false) => h,
    };
    Some(format!("{h:02}:{m:02}"))
}

/// A day's cell as the hours editor's raw intervals; `None` when it is not a list of
/// `from-to` pairs.
fn day_input(text: &str) -> Option<DayInput> {
    if is_closed(text) {
        return Some(DayInput { closed: true, intervals: Vec::new() });
    }
    let intervals = text
        .split(',')
        .map(|part| {
            let part = part.replace(['–', '—'], "-");
            let (opens, closes) = part.split_once('-')?;
            Some((to_24h(opens)?, to_24h(closes)?))
        })
        .collect::<Option<Vec<_>>>()?;
    Some(DayInput { closed: false, intervals })
}

/// One day's intervals checked as the hours editor checks them.
fn day_intervals(text: &str) -> Option<Vec<Interval>> {
    let mut week = vec![DayInput { closed: true, intervals: Vec::new() }; 7];
    week[0] = day_input(text)?;
    WeeklyHours::parse(&week).ok().map(|hours| hours.days[0].clone())
}

/// `2026-12-24: 08:00-12:00, 2026-12-24: 14:00-16:00, 2026-12-25: x`: every day of every
/// entry (GBP has no ranges), a day with several intervals once per interval.
pub fn special_to_text(special: &[SpecialHours]) -> String {
    special_days(special)
        .into_iter()
        .flat_map(|(date, intervals)| {
            if intervals.is_empty() {
                vec![format!("{date}: x")]
            } else {
                intervals.iter().map(|i| format!("{date}: {}-{}", i.opens, i.closes)).collect()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Entries longer than this are not spelled out day by day (the editor allows a year).
const MAX_SPECIAL_DAYS: i64 = 400;

/// The hours of every day that special hours name; where entries overlap the later one
/// wins, as on the local page.
pub fn special_days(special: &[SpecialHours]) -> BTreeMap<NaiveDate, Vec<Interval>> {
    let mut days = BTreeMap::new();
    for entry in special {
        let span = (entry.to - entry.from).num_days().min(MAX_SPECIAL_DAYS);
        for n in 0..=span {
            days.insert(entry.from + Duration::days(n), entry.intervals.clone());
        }
    }
    days
}

/// Whether two lists of special hours say the same about every day.
pub fn same_special_days(a: &[SpecialHours], b: &[SpecialHours]) -> bool {
    special_days(a) == special_days(b)
}

/// The special-hours cell as entries: days with the same hours in a row become one entry.
/// Accepts GBP's `date: hours` list, `x` for closed, several intervals of a day after one
/// date or under a repeated date.
pub fn parse_special(text: &str) -> Option<Vec<SpecialHours>> {
    let mut days: BTreeMap<NaiveDate, (bool, Vec<String>)> = BTreeMap::new();
    let mut current: Option<NaiveDate> = None;
    for token in text.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        let (date, hours) = match token.split_once(':') {
            Some((head, rest)) => match NaiveDate::parse_from_str(head.trim(), "%Y-%m-%d") {
                Ok(date) => (date, rest.trim()),
                Err(_) => (current?, token),
            },
            None => (current?, token),
        };
        current = Some(date);
        let day = days.entry(date).or_default();
        if is_closed(hours) {
            day.0 = true;
        } else {
            day.1.push(hours.to_string());
        }
    }
    let mut entries: Vec<SpecialHours> = Vec::new();
    for (date, (closed, parts)) in days {
        if closed && !parts.is_empty() {
            return None;
        }
        let intervals = if closed { Vec::new() } else { day_intervals(&parts.join(","))? };
        match entries.last_mut() {
            Some(last) if last.intervals == intervals && last.to.succ_opt() == Some(date) => {
                last.to = date;
            }
            _ => entries.push(SpecialHours {
                id: 0,
                from: date,
                to: date,
                intervals,
                note: String::new(),
            }),
        }
    }
    Some(entries)
}

/// New special hours keep the notes of the entries they were exported from: an entry
/// inside an old one with the same hours gets its note ("Betriebsferien").
pub fn with_notes_from(new: Vec<SpecialHours>, old: &[SpecialHours]) -> Vec<SpecialHours> {
    new.into_iter()
        .map(|mut entry| {
            if let Some(source) = old.iter().rev().find(|o| {
                o.intervals == entry.intervals && o.from <= entry.from && entry.to <= o.to
            }) {
                entry.note.clone_from(&source.note);
            }
            entry
        })
        .collect()
}

// ----- cells ------------------------------------------------------------------------------

/// Spreadsheets run a cell starting with `=`, `+`, `-` or `@` as a formula; the export puts
/// a `'` before such text (Excel's own escape) and the import takes it off again.
fn guarded(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

fn unguarded(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => text,
    }
}

/// A phone number keeps its `+`: spreadsheets only run cells starting with `=` or `@`.
fn guarded_phone(text: &str) -> String {
    if text.starts_with(['=', '@']) { format!("'{text}") } else { text.to_string() }
}

fn coordinate(text: &str) -> Option<f64> {
    // German Excel writes decimal commas.
    let text = if text.contains('.') { text.to_string() } else { text.replace(',', ".") };
    text.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

/// The cells of one location, in [`Column::ALL`] order.
pub fn cells_of(location: &Location) -> Vec<String> {
    let d = &location.details;
    Column::ALL
        .into_iter()
        .map(|column| match column {
            Column::StoreCode => guarded(&store_code_of(location)),
            Column::BusinessName => guarded(&d.name),
            Column::AddressLine1 => guarded(&d.address.street),
            Column::AddressLine2 | Column::SubLocality => String::new(),
            Column::Locality => guarded(&d.address.city),
            Column::AdministrativeArea => guarded(&region_name(&d.address.region)),
            Column::Country => d.address.country.clone(),
            Column::PostalCode => guarded(&d.address.postal_code),
            Column::Latitude => d.geo.map(|g| g.lat.to_string()).unwrap_or_default(),
            Column::Longitude => d.geo.map(|g| g.lon.to_string()).unwrap_or_default(),
            Column::PrimaryPhone => guarded_phone(&d.phone),
            Column::Website => guarded(&d.website),
            Column::PrimaryCategory => category_of(&d.schema_type).to_string(),
            Column::Special => special_to_text(&location.special),
            Column::FromTheBusiness => guarded(&d.description),
            Column::Email => guarded(&d.email),
            Column::TimeZone => d.timezone.clone(),
            Column::Language => d.language.clone(),
            Column::NahbarSlug => location.slug.clone(),
            day => {
                // Sunday first, as GBP orders the week; Nahbar's week starts on Monday.
                let from_sunday = day.index() - Column::SundayHours.index();
                day_to_text(&location.hours.days[(from_sunday + 6) % 7])
            }
        })
        .collect()
}

fn field_column(field: &str) -> Column {
    match field {
        "name" => Column::BusinessName,
        "description" => Column::FromTheBusiness,
        "street" => Column::AddressLine1,
        "postal_code" => Column::PostalCode,
        "city" => Column::Locality,
        "phone" => Column::PrimaryPhone,
        "email" => Column::Email,
        "website" => Column::Website,
        "schema_type" => Column::PrimaryCategory,
        "timezone" => Column::TimeZone,
        "geo" => Column::Latitude,
        "language" => Column::Language,
        "region" => Column::AdministrativeArea,
        _ => Column::StoreCode,
    }
}

fn field_problem(problem: FieldProblem) -> Problem {
    match problem {
        FieldProblem::Required => Problem::Required,
        FieldProblem::TooLong => Problem::TooLong,
        FieldProblem::UnknownType => Problem::UnknownCategory,
        FieldProblem::UnknownTimezone => Problem::UnknownTimezone,
        FieldProblem::InvalidEmail => Problem::InvalidEmail,
        FieldProblem::InvalidWebsite => Problem::InvalidWebsite,
        FieldProblem::InvalidPhone => Problem::InvalidPhone,
        FieldProblem::InvalidCoordinates => Problem::BadCoordinates,
        FieldProblem::UnknownRegion => Problem::UnknownRegion,
        FieldProblem::UnknownLanguage => Problem::UnknownLanguage,
    }
}

/// One data row: `cell` gives a column's text (`None` when the file lacks the column).
pub fn parse_row<'a>(line: u64, cell: impl Fn(Column) -> Option<&'a str>) -> RowResult {
    let mut columns = ColumnSet::default();
    for column in Column::ALL {
        if cell(column).is_some() {
            columns.insert(column);
        }
    }
    let text = |column: Column| unguarded(cell(column).unwrap_or("").trim()).trim().to_string();
    let mut errors: Vec<RowError> = Vec::new();
    let mut fail = |column: Column, problem: Problem| {
        if !errors.iter().any(|e| e.column == Some(column)) {
            errors.push(RowError::new(line, Some(column), problem, &text(column)));
        }
    };
    for column in Column::REQUIRED {
        if text(column).is_empty() {
            fail(column, Problem::Required);
        }
    }
    let country = match text(Column::Country) {
        c if c.is_empty() => String::new(),
        c => country_code(&c).unwrap_or_else(|| {
            fail(Column::Country, Problem::UnknownCountry);
            String::new()
        }),
    };
    let region = region_code(&country, &text(Column::AdministrativeArea)).unwrap_or_else(|| {
        fail(Column::AdministrativeArea, Problem::UnknownRegion);
        String::new()
    });
    let geo = match (text(Column::Latitude), text(Column::Longitude)) {
        (lat, lon) if lat.is_empty() && lon.is_empty() => None,
        (lat, lon) => {
            let lat = coordinate(&lat).filter(|v| (-90.0..=90.0).contains(v));
            let lon = coordinate(&lon).filter(|v| (-180.0..=180.0).contains(v));
            if lat.is_none() {
                fail(Column::Latitude, Problem::BadCoordinates);
            }
            if lon.is_none() {
                fail(Column::Longitude, Problem::BadCoordinates);
            }
            lat.zip(lon).and_then(|(lat, lon)| GeoPoint::new(lat, lon))
        }
    };
    let schema_type = schema_type_of(&text(Column::PrimaryCategory)).unwrap_or_else(|| {
        fail(Column::PrimaryCategory, Problem::UnknownCategory);
        "LocalBusiness"
    });
    let timezone = match text(Column::TimeZone) {
        tz if tz.is_empty() => {
            default_timezone(&country).map(str::to_string).unwrap_or_else(|| {
                if !country.is_empty() {
                    fail(Column::TimeZone, Problem::Required);
                }
                "Europe/Berlin".to_string()
            })
        }
        tz => tz,
    };
    let language = match text(Column::Language) {
        l if l.is_empty() => default_language(&country).to_string(),
        l => language_code(&l).map(str::to_string).unwrap_or_else(|| {
            fail(Column::Language, Problem::UnknownLanguage);
            "de".to_string()
        }),
    };
    let slug = match text(Column::NahbarSlug) {
        s if s.is_empty() => None,
        s => Slug::parse(&s).map_err(|_| fail(Column::NahbarSlug, Problem::BadSlug)).ok(),
    };
    let mut website = text(Column::Website);
    if !website.is_empty()
        && !website.contains("://")
        && website.contains('.')
        && !website.contains(' ')
    {
        // GBP sheets often hold `www.example.com`.
        website = format!("https://{website}");
    }
    let street = [text(Column::AddressLine1), text(Column::AddressLine2)]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let mut week = Vec::with_capacity(7);
    for index in 0..7 {
        let column = Column::of_day(weekday_from_index(index));
        week.push(day_input(&text(column)).unwrap_or_else(|| {
            fail(column, Problem::BadHours);
            DayInput { closed: true, intervals: Vec::new() }
        }));
    }
    let hours = WeeklyHours::parse(&week).unwrap_or_else(|hour_errors| {
        for error in hour_errors {
            let problem = match error.kind {
                HoursErrorKind::Overlap(..) | HoursErrorKind::OverlapsPreviousDay(_) => {
                    Problem::OverlappingHours
                }
                _ => Problem::BadHours,
            };
            fail(Column::of_day(error.day), problem);
        }
        WeeklyHours::default()
    });
    let special = parse_special(&text(Column::Special)).unwrap_or_else(|| {
        fail(Column::Special, Problem::BadSpecialHours);
        Vec::new()
    });
    let details = LocationDetails {
        name: text(Column::BusinessName),
        schema_type: schema_type.to_string(),
        description: text(Column::FromTheBusiness),
        address: Address {
            street,
            postal_code: text(Column::PostalCode),
            city: text(Column::Locality),
            country,
            region,
        },
        geo,
        phone: text(Column::PrimaryPhone),
        email: text(Column::Email),
        website,
        timezone,
        language,
        branch_code: text(Column::StoreCode),
    };
    let details = match details.validate() {
        Ok(details) => Some(details),
        Err(field_errors) => {
            for e in field_errors {
                fail(field_column(&e.field), field_problem(e.problem));
            }
            None
        }
    };
    match details {
        Some(details) if errors.is_empty() => Ok(ImportRow {
            line,
            branch_code: details.branch_code.clone(),
            slug,
            details,
            hours,
            special,
            columns,
        }),
        _ => {
            errors.sort_by_key(|e| e.column);
            Err(errors)
        }
    }
}

/// Store codes and slugs name one location each: a later row repeating one is an error.
pub fn check_duplicates(rows: &mut [RowResult]) {
    let mut codes: BTreeMap<String, u64> = BTreeMap::new();
    let mut slugs: BTreeMap<String, u64> = BTreeMap::new();
    for row in rows.iter_mut() {
        let Ok(ok) = row else { continue };
        let mut errors = Vec::new();
        if codes.insert(ok.branch_code.clone(), ok.line).is_some() {
            errors.push(RowError::new(
                ok.line,
                Some(Column::StoreCode),
                Problem::DuplicateStoreCode,
                &ok.branch_code,
            ));
        }
        if let Some(slug) = &ok.slug
            && slugs.insert(slug.as_str().to_string(), ok.line).is_some()
        {
            errors.push(RowError::new(
                ok.line,
                Some(Column::NahbarSlug),
                Problem::DuplicateSlug,
                slug.as_str(),
            ));
        }
        if !errors.is_empty() {
            *row = Err(errors);
        }
    }
}

// ----- slugs for new locations -----------------------------------------------------------

/// `Bäckerei Sonnenschein Freiburg` → `baeckerei-sonnenschein-freiburg` (at most 56
/// characters, so a numeric suffix still fits); `None` when nothing usable is left.
pub fn slug_base(text: &str) -> Option<String> {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let piece = match c {
            'ä' => "ae".to_string(),
            'ö' => "oe".to_string(),
            'ü' => "ue".to_string(),
            'ß' => "ss".to_string(),
            'é' | 'è' | 'ê' => "e".to_string(),
            'á' | 'à' | 'â' => "a".to_string(),
            c if c.is_ascii_alphanumeric() => c.to_string(),
            _ => "-".to_string(),
        };
        out.push_str(&piece);
    }
    let mut slug = String::new();
    for part in out.split('-').filter(|p| !p.is_empty()) {
        if slug.len() + part.len() + 1 > 56 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(part);
    }
    (!slug.is_empty()).then_some(slug)
}

/// A free slug for a new location: from the name and city (or the store code), with
/// `-2`, `-3`, … when taken. `taken` holds every slug in use and learns the new one.
pub fn unique_slug(
    details: &LocationDetails,
    taken: &mut HashSet<String>,
    next_suffix: &mut HashMap<String, u32>,
) -> Slug {
    let name = slug_base(&details.name).unwrap_or_default();
    let city = slug_base(&details.address.city).unwrap_or_default();
    // "Sonnenschein Basel" in Basel is `sonnenschein-basel`, not `sonnenschein-basel-basel`.
    let with_city = if format!("-{name}-").contains(&format!("-{city}-")) {
        name
    } else {
        format!("{name} {city}")
    };
    let base = slug_base(&with_city)
        .or_else(|| slug_base(&details.branch_code))
        .unwrap_or_else(|| "standort".to_string());
    let mut candidate = base.clone();
    let counter = next_suffix.entry(base.clone()).or_insert(1);
    loop {
        if let Ok(slug) = Slug::parse(&candidate)
            && !taken.contains(slug.as_str())
        {
            taken.insert(slug.as_str().to_string());
            return slug;
        }
        *counter += 1;
        candidate = format!("{base}-{counter}");
    }
}

// ----- planning an import -----------------------------------------------------------------

/// What the store does for one row.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportStep<'a> {
    Create { row: &'a ImportRow, slug: Slug },
    Update(Box<LocationUpdate>),
    Unchanged(LocationId),
}

/// A location as a row leaves it.
#[derive(Clone, Debug, PartialEq)]
pub struct LocationUpdate {
    pub id: LocationId,
    pub details: LocationDetails,
    /// `None`: the weekly hours stay as they are.
    pub hours: Option<WeeklyHours>,
    /// `None`: the special hours stay as they are.
    pub special: Option<Vec<SpecialHours>>,
}

/// Matches every row with the business's locations (`existing`, archived ones included):
/// by store code, else (for a location that has no store code yet) by its slug. A row
/// without a match becomes a new location with a free slug; `taken` holds every slug in
/// use by any business. Any row that cannot be applied makes the whole plan fail, with
/// every such row's problem.
pub fn plan_import<'a>(
    existing: &[Location],
    mut taken: HashSet<String>,
    rows: &'a [ImportRow],
) -> Result<Vec<ImportStep<'a>>, Vec<RowError>> {
    let by_code: HashMap<&str, &Location> = existing
        .iter()
        .filter(|l| !l.details.branch_code.is_empty())
        .map(|l| (l.details.branch_code.as_str(), l))
        .collect();
    let mut without_code: HashMap<&str, &Location> = existing
        .iter()
        .filter(|l| l.details.branch_code.is_empty())
        .map(|l| (l.slug.as_str(), l))
        .collect();
    let mut next_suffix = HashMap::new();
    let mut steps = Vec::with_capacity(rows.len());
    let mut errors = Vec::new();
    for row in rows {
        let fail =
            |column, problem, value: &str| RowError::new(row.line, Some(column), problem, value);
        let matched = by_code
            .get(row.branch_code.as_str())
            .copied()
            .or_else(|| row.slug.as_ref().and_then(|slug| without_code.remove(slug.as_str())));
        let Some(location) = matched else {
            let slug = match &row.slug {
                Some(slug) if taken.contains(slug.as_str()) => {
                    errors.push(fail(Column::NahbarSlug, Problem::SlugTaken, slug.as_str()));
                    continue;
                }
                Some(slug) => {
                    taken.insert(slug.as_str().to_string());
                    slug.clone()
                }
                None => unique_slug(&row.details, &mut taken, &mut next_suffix),
            };
            steps.push(ImportStep::Create { row, slug });
            continue;
        };
        if location.archived {
            errors.push(fail(Column::StoreCode, Problem::StoreCodeArchived, &row.branch_code));
            continue;
        }
        if let Some(slug) = row.slug.as_ref().filter(|s| s.as_str() != location.slug) {
            errors.push(fail(Column::NahbarSlug, Problem::SlugFixed, slug.as_str()));
            continue;
        }
        let (details, hours) = row.merged_onto(location);
        // Days kept from the location may now overlap a new day's hours past midnight.
        if let Err(hour_errors) = WeeklyHours::parse(&hours.to_input()) {
            let day = hour_errors.first().map_or(Weekday::Mon, |e| e.day);
            errors.push(fail(Column::of_day(day), Problem::OverlappingHours, ""));
            continue;
        }
        let special = (!row.special.is_empty()
            && !same_special_days(&row.special, &location.special))
        .then(|| with_notes_from(row.special.clone(), &location.special));
        let hours = (hours != location.hours).then_some(hours);
        if details == location.details && hours.is_none() && special.is_none() {
            steps.push(ImportStep::Unchanged(location.id));
        } else {
            steps.push(ImportStep::Update(Box::new(LocationUpdate {
                id: location.id,
                details,
                hours,
                special,
            })));
        }
    }
    if errors.is_empty() { Ok(steps) } else { Err(errors) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::hours::TimeOfDay;
    use crate::domain::location::BUSINESS_TYPES;
    use crate::domain::schedule::HolidayRule;

    fn iv(o: &str, c: &str) -> Interval {
        Interval::new(TimeOfDay::parse(o).expect("t"), TimeOfDay::parse(c).expect("t"))
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn special(
        from: NaiveDate,
        to: NaiveDate,
        intervals: Vec<Interval>,
        note: &str,
    ) -> SpecialHours {
        SpecialHours { id: 0, from, to, intervals, note: note.into() }
    }

    /// A row as a map from column to text; other columns are present but empty.
    fn row(cells: &[(Column, &str)]) -> RowResult {
        parse_row(2, |column| {
            Some(cells.iter().find(|(c, _)| *c == column).map_or("", |(_, t)| *t))
        })
    }

    fn minimal() -> Vec<(Column, &'static str)> {
        vec![
            (Column::StoreCode, "FR-2"),
            (Column::BusinessName, "Bäckerei Sonnenschein"),
            (Column::Locality, "Freiburg"),
            (Column::Country, "DE"),
        ]
    }

    fn with(
        mut cells: Vec<(Column, &'static str)>,
        more: &[(Column, &'static str)],
    ) -> Vec<(Column, &'static str)> {
        cells.extend_from_slice(more);
        cells
    }

    fn problems_of(result: RowResult) -> Vec<(Option<Column>, Problem)> {
        result.expect_err("invalid").into_iter().map(|e| (e.column, e.problem)).collect()
    }

    fn location() -> Location {
        let mut hours = WeeklyHours::default();
        for day in 0..5 {
            hours.days[day] = vec![iv("07:00", "12:30"), iv("14:00", "18:00")];
        }
        hours.days[5] = vec![iv("22:00", "03:00")];
        Location {
            id: 1,
            business_id: 1,
            business_name: "Bäckerei Sonnenschein".into(),
            slug: "sonnenschein-freiburg".into(),
            details: LocationDetails {
                name: "Bäckerei Sonnenschein, Freiburg".into(),
                schema_type: "CafeOrCoffeeShop".into(),
                description: "=Brot, \"Brötchen\"; und Kuchen\nseit 1921".into(),
                address: Address {
                    street: "Kaiser-Joseph-Straße 1".into(),
                    postal_code: "79098".into(),
                    city: "Freiburg im Breisgau".into(),
                    country: "DE".into(),
                    region: "DE-BW".into(),
                },
                geo: GeoPoint::new(47.99351234567, 7.8520001),
                phone: "+49 761 123456".into(),
                email: "freiburg@sonnenschein.example".into(),
                website: "https://sonnenschein.example".into(),
                timezone: "Europe/Berlin".into(),
                language: "de".into(),
                branch_code: "FR-1".into(),
            },
            hours,
            special: vec![
                special(date(2026, 8, 3), date(2026, 8, 7), vec![], "Betriebsferien"),
                special(
                    date(2026, 12, 24),
                    date(2026, 12, 24),
                    vec![iv("08:00", "12:00"), iv("13:00", "14:00")],
                    "Heiligabend",
                ),
            ],
            holiday_rule: HolidayRule::Closed,
            pois: Vec::new(),
            archived: false,
        }
    }

    #[test]
    fn every_business_type_has_a_category_that_leads_back_to_it() {
        for schema_type in BUSINESS_TYPES {
            let category = category_of(schema_type);
            assert_eq!(
                schema_type_of(category),
                Some(*schema_type),
                "{schema_type} ↔ {category:?}"
            );
            assert_eq!(
                schema_type_of(schema_type),
                Some(*schema_type),
                "the schema.org name works too"
            );
        }
        assert_eq!(category_of("Bakery"), "Bakery");
        assert_eq!(category_of("CafeOrCoffeeShop"), "Cafe");
        assert_eq!(schema_type_of("  coffee   SHOP "), Some("CafeOrCoffeeShop"));
        assert_eq!(schema_type_of("Bäckerei"), Some("Bakery"));
        assert_eq!(schema_type_of("Spaceport"), None);
    }

    #[test]
    fn gbp_hours_are_read_in_24_hour_and_am_pm_form() {
        let parsed = row(&with(
            minimal(),
            &[
                (Column::MondayHours, "09:00-13:00,14:00-18:00"),
                (Column::TuesdayHours, "9:00AM-5:00PM"),
                (Column::WednesdayHours, "x"),
                (Column::ThursdayHours, "12:00 PM - 12:00 AM"),
                (Column::FridayHours, "18:00–02:00"),
            ],
        ))
        .expect("valid");
        let days = &parsed.hours.days;
        assert_eq!(days[0], [iv("09:00", "13:00"), iv("14:00", "18:00")]);
        assert_eq!(days[1], [iv("09:00", "17:00")]);
        assert!(days[2].is_empty(), "x is closed");
        assert_eq!(days[3], [iv("12:00", "00:00")]);
        assert_eq!(days[4], [iv("18:00", "02:00")], "past midnight");
        assert!(days[6].is_empty(), "an empty cell is closed too");
    }

    #[test]
    fn impossible_and_overlapping_hours_are_reported_on_their_day() {
        let found = problems_of(row(&with(
            minimal(),
            &[
                (Column::MondayHours, "25:00-26:00"),
                (Column::TuesdayHours, "09:00-13:00,12:00-18:00"),
                (Column::WednesdayHours, "morgens"),
                (Column::ThursdayHours, "13:00AM-5:00PM"),
            ],
        )));
        assert_eq!(
            found,
            [
                (Some(Column::MondayHours), Problem::BadHours),
                (Some(Column::TuesdayHours), Problem::OverlappingHours),
                (Some(Column::WednesdayHours), Problem::BadHours),
                (Some(Column::ThursdayHours), Problem::BadHours),
            ]
        );
    }

    #[test]
    fn special_hours_read_gbp_dates_and_merge_days_in_a_row() {
        let list = parse_special("2026-12-24: 08:00-12:00, 2026-12-25: x, 2026-12-26: x, 2026-12-31: 08:00-12:00, 14:00-16:00")
            .expect("valid");
        assert_eq!(
            list,
            [
                special(date(2026, 12, 24), date(2026, 12, 24), vec![iv("08:00", "12:00")], ""),
                special(date(2026, 12, 25), date(2026, 12, 26), vec![], ""),
                special(
                    date(2026, 12, 31),
                    date(2026, 12, 31),
                    vec![iv("08:00", "12:00"), iv("14:00", "16:00")],
                    ""
                ),
            ]
        );
        let repeated =
            parse_special("2026-12-31: 14:00-16:00, 2026-12-31: 08:00-12:00").expect("valid");
        assert_eq!(repeated, list[2..]);
        assert_eq!(parse_special(""), Some(Vec::new()));
        assert_eq!(parse_special("24.12.2026: x"), None, "GBP writes ISO dates");
        assert_eq!(
            parse_special("2026-12-24: 08:00-12:00, 2026-12-24: x"),
            None,
            "open and closed at once"
        );
        assert_eq!(parse_special("2026-12-24: 25:00-26:00"), None);
    }

    #[test]
    fn special_hours_are_written_day_by_day_and_read_back_to_the_same_days() {
        let original = location().special;
        let text = special_to_text(&original);
        assert!(text.starts_with("2026-08-03: x, 2026-08-04: x"), "{text}");
        assert!(text.ends_with("2026-12-24: 08:00-12:00, 2026-12-24: 13:00-14:00"), "{text}");
        let back = parse_special(&text).expect("valid");
        assert!(same_special_days(&original, &back));
        let noted = with_notes_from(back, &original);
        assert_eq!(
            noted.iter().map(|s| s.note.as_str()).collect::<Vec<_>>(),
            ["Betriebsferien", "Heiligabend"]
        );
    }

    #[test]
    fn regions_are_found_by_name_code_or_short_code() {
        for text in ["Baden-Württemberg", "baden wuerttemberg", "DE-BW", "bw"] {
            assert_eq!(region_code("DE", text).as_deref(), Some("DE-BW"), "{text}");
        }
        assert_eq!(region_code("DE", "Bavaria").as_deref(), Some("DE-BY"));
        assert_eq!(region_code("CH", "Zürich").as_deref(), Some("CH-ZH"));
        assert_eq!(region_code("AT", "Wien").as_deref(), Some("AT-9"));
        assert_eq!(region_code("DE", "Tirol"), None, "Tyrol is in Austria");
        assert_eq!(
            region_code("FR", "Île-de-France").as_deref(),
            Some(""),
            "no holiday data for France"
        );
        assert_eq!(region_name("DE-BW"), "Baden-Württemberg");
    }

    #[test]
    fn empty_time_zone_and_language_follow_the_country() {
        let at = row(&[
            (Column::StoreCode, "W-1"),
            (Column::BusinessName, "Café"),
            (Column::Locality, "Wien"),
            (Column::Country, "Österreich"),
        ])
        .expect("valid");
        assert_eq!(at.details.timezone, "Europe/Vienna");
        assert_eq!(at.details.address.country, "AT");
        assert_eq!(at.details.language, "de");
        let ch = row(&[
            (Column::StoreCode, "Z"),
            (Column::BusinessName, "Café"),
            (Column::Locality, "Zürich"),
            (Column::Country, "ch"),
        ])
        .expect("valid");
        assert_eq!(ch.details.timezone, "Europe/Zurich");
        let fr = problems_of(row(&[
            (Column::StoreCode, "P"),
            (Column::BusinessName, "Café"),
            (Column::Locality, "Paris"),
            (Column::Country, "FR"),
        ]));
        assert_eq!(fr, [(Some(Column::TimeZone), Problem::Required)], "no default for France");
    }

    #[test]
    fn required_cells_and_bad_values_are_all_reported_at_once() {
        let found = problems_of(row(&[
            (Column::StoreCode, " "),
            (Column::BusinessName, "Laden"),
            (Column::Locality, ""),
            (Column::Country, "Atlantis"),
            (Column::Latitude, "91"),
            (Column::Longitude, "7.8"),
            (Column::PrimaryCategory, "Spaceport"),
            (Column::Email, "not-an-email"),
            (Column::Language, "fr"),
            (Column::NahbarSlug, "Admin"),
        ]));
        assert_eq!(
            found,
            [
                (Some(Column::StoreCode), Problem::Required),
                (Some(Column::Locality), Problem::Required),
                (Some(Column::Country), Problem::UnknownCountry),
                (Some(Column::Latitude), Problem::BadCoordinates),
                (Some(Column::PrimaryCategory), Problem::UnknownCategory),
                (Some(Column::Email), Problem::InvalidEmail),
                (Some(Column::Language), Problem::UnknownLanguage),
                (Some(Column::NahbarSlug), Problem::BadSlug),
            ]
        );
    }

    #[test]
    fn a_row_without_some_columns_keeps_those_values_of_the_location() {
        let existing = location();
        let partial = parse_row(5, |column| match column {
            Column::StoreCode => Some("FR-1"),
            Column::BusinessName => Some("Sonnenschein am Markt"),
            Column::Locality => Some("Freiburg im Breisgau"),
            Column::Country => Some("DE"),
            Column::MondayHours => Some("x"),
            Column::PrimaryPhone => Some(""),
            _ => None,
        })
        .expect("valid");
        let (details, hours) = partial.merged_onto(&existing);
        assert_eq!(details.name, "Sonnenschein am Markt");
        assert_eq!(details.phone, "", "a present but empty column clears the value");
        assert_eq!(details.website, existing.details.website, "a missing column keeps it");
        assert_eq!(details.address.region, "DE-BW");
        assert_eq!(details.geo, existing.details.geo);
        assert_eq!(details.schema_type, "CafeOrCoffeeShop");
        assert!(hours.days[0].is_empty());
        assert_eq!(hours.days[1..], existing.hours.days[1..]);
    }

    #[test]
    fn exported_cells_read_back_to_the_same_location() {
        let original = location();
        let cells = cells_of(&original);
        assert_eq!(cells.len(), Column::ALL.len());
        let text = |c: Column| cells[c.index()].as_str();
        assert_eq!(text(Column::Country), "DE");
        assert_eq!(text(Column::AdministrativeArea), "Baden-Württemberg");
        assert_eq!(text(Column::PrimaryCategory), "Cafe");
        assert_eq!(text(Column::MondayHours), "07:00-12:30,14:00-18:00");
        assert_eq!(text(Column::SundayHours), "x");
        assert_eq!(
            text(Column::FromTheBusiness).chars().next(),
            Some('\''),
            "a formula-like text is escaped"
        );
        let back = parse_row(2, |c| Some(&cells[c.index()])).expect("valid");
        assert_eq!(back.details, original.details);
        assert_eq!(back.hours, original.hours);
        assert_eq!(back.slug.as_ref().map(Slug::as_str), Some("sonnenschein-freiburg"));
        assert!(same_special_days(&back.special, &original.special));
        assert_eq!(back.merged_onto(&original), (original.details.clone(), original.hours.clone()));
    }

    #[test]
    fn a_later_row_repeating_a_store_code_or_slug_is_the_error() {
        let one = row(&with(minimal(), &[(Column::NahbarSlug, "markt")]));
        let mut rows = vec![
            one.clone(),
            one.clone().map(|mut r| {
                r.line = 3;
                r
            }),
        ];
        check_duplicates(&mut rows);
        assert!(rows[0].is_ok());
        let errors = rows[1].clone().expect_err("duplicate");
        assert_eq!(
            errors.iter().map(|e| (e.line, e.column, e.problem)).collect::<Vec<_>>(),
            [
                (3, Some(Column::StoreCode), Problem::DuplicateStoreCode),
                (3, Some(Column::NahbarSlug), Problem::DuplicateSlug)
            ]
        );
    }

    #[test]
    fn new_slugs_come_from_name_and_city_and_never_collide() {
        let details = row(&minimal()).expect("valid").details;
        let mut taken =
            std::collections::HashSet::from(["baeckerei-sonnenschein-freiburg".to_string()]);
        let mut next = std::collections::HashMap::new();
        let slugs: Vec<String> =
            (0..3).map(|_| unique_slug(&details, &mut taken, &mut next).to_string()).collect();
        assert_eq!(
            slugs,
            [
                "baeckerei-sonnenschein-freiburg-2",
                "baeckerei-sonnenschein-freiburg-3",
                "baeckerei-sonnenschein-freiburg-4"
            ]
        );
        let mut basel = details.clone();
        basel.name = "Sonnenschein Basel".into();
        basel.address.city = "Basel".into();
        assert_eq!(unique_slug(&basel, &mut taken, &mut next).as_str(), "sonnenschein-basel");
        assert_eq!(slug_base("  ÄÖÜ ß!! "), Some("aeoeue-ss".into()));
        assert_eq!(slug_base("!!"), None);
    }

    #[test]
    fn error_codes_survive_a_trip_through_a_url() {
        let error =
            RowError::new(7, Some(Column::PrimaryCategory), Problem::UnknownCategory, "Spaceport");
        let back = RowError::from_code(&error.to_code()).expect("parsed");
        assert_eq!((back.line, back.column, back.problem), (7, error.column, error.problem));
        assert_eq!(RowError::from_code("1.-.no_rows").map(|e| e.column), Some(None));
        assert_eq!(RowError::from_code("1.99.no_rows"), None);
        assert!(Problem::ALL.iter().all(|p| Problem::from_code(p.code()) == Some(*p)));
    }

    #[test]
    fn headers_match_whatever_their_case_and_spacing() {
        assert_eq!(Column::from_header("country/region"), Some(Column::Country));
        assert_eq!(Column::from_header("\u{feff}STORE CODE"), Some(Column::StoreCode));
        assert_eq!(Column::from_header("Labels"), None);
    }

    #[test]
    fn an_import_plan_updates_by_store_code_creates_the_rest_and_refuses_what_it_cannot_apply() {
        let existing = location();
        let mut archived = location();
        archived.id = 2;
        archived.slug = "alt".into();
        archived.details.branch_code = "OLD".into();
        archived.archived = true;
        let mut codeless = location();
        codeless.id = 3;
        codeless.slug = "ohne-code".into();
        codeless.details.branch_code = String::new();
        let locations = [existing.clone(), archived, codeless];
        let taken: HashSet<String> =
            ["sonnenschein-freiburg", "alt", "ohne-code", "fremd"].map(String::from).into();
        let cells = cells_of(&existing);
        let same = parse_row(2, |c| Some(&cells[c.index()])).expect("valid");
        let mut changed = same.clone();
        changed.line = 3;
        changed.details.phone = "0761 99".into();
        let new = row(&minimal()).expect("valid");
        let mut adopt = row(&with(minimal(), &[(Column::NahbarSlug, "ohne-code")])).expect("valid");
        adopt.branch_code = "NEU".into();
        adopt.details.branch_code = "NEU".into();

        let rows = [same.clone(), new.clone(), adopt];
        let steps = plan_import(&locations, taken.clone(), &rows).expect("plan");
        assert_eq!(steps[0], ImportStep::Unchanged(1), "a re-imported export changes nothing");
        assert!(
            matches!(&steps[1], ImportStep::Create { slug, .. } if slug.as_str() == "baeckerei-sonnenschein-freiburg")
        );
        assert!(
            matches!(&steps[2], ImportStep::Update(u) if u.id == 3 && u.details.branch_code == "NEU" && u.special.is_none())
        );
        let steps =
            plan_import(&locations, taken.clone(), std::slice::from_ref(&changed)).expect("plan");
        assert!(
            matches!(&steps[0], ImportStep::Update(u) if u.id == 1 && u.hours.is_none() && u.special.is_none())
        );

        let mut moved = same.clone();
        moved.slug = Some(Slug::parse("neuer-name").expect("slug"));
        let mut revived = new.clone();
        revived.line = 4;
        revived.branch_code = "OLD".into();
        let mut squatter = new;
        squatter.line = 5;
        squatter.branch_code = "X".into();
        squatter.slug = Some(Slug::parse("fremd").expect("slug"));
        let refused =
            plan_import(&locations, taken, &[moved, revived, squatter]).expect_err("refused");
        assert_eq!(
            refused.iter().map(|e| (e.line, e.column, e.problem)).collect::<Vec<_>>(),
            [
                (2, Some(Column::NahbarSlug), Problem::SlugFixed),
                (4, Some(Column::StoreCode), Problem::StoreCodeArchived),
                (5, Some(Column::NahbarSlug), Problem::SlugTaken),
            ]
        );
    }

    #[cfg(feature = "ssr")]
    mod files {
        use super::*;

        #[test]
        fn a_semicolon_file_from_german_excel_with_a_bom_is_read() {
            let text = "\u{feff}store code;Business name;Locality;Country / Region;Latitude;Longitude;Labels\r\n\
                        FR-2;\"Sonnenschein; am Markt\";Freiburg;DE;47,99;7,85;egal\r\n\
                        ;;;;;;\r\n";
            let rows = read(text.as_bytes()).expect("csv");
            assert_eq!(rows.len(), 1, "the empty row is skipped");
            let row = rows[0].as_ref().expect("valid");
            assert_eq!(row.details.name, "Sonnenschein; am Markt");
            assert_eq!(row.details.geo, GeoPoint::new(47.99, 7.85));
            assert_eq!(row.line, 2);
        }

        #[test]
        fn errors_name_the_file_line_with_the_header_as_line_one() {
            let text = "Store code,Business name,Locality,Country / Region,Monday hours\n\
                        A,Laden A,Köln,DE,09:00-18:00\n\
                        B,Laden B,Köln,DE,25:00-26:00\n\
                        A,Laden C,Köln,DE,\n";
            let rows = read(text.as_bytes()).expect("csv");
            let found: Vec<(u64, Option<Column>, Problem)> =
                problems(&rows).into_iter().map(|e| (e.line, e.column, e.problem)).collect();
            assert_eq!(
                found,
                [
                    (3, Some(Column::MondayHours), Problem::BadHours),
                    (4, Some(Column::StoreCode), Problem::DuplicateStoreCode)
                ]
            );
        }

        #[test]
        fn a_file_without_a_required_column_is_refused_on_line_one() {
            let rows = read(b"Store code,Business name\nA,Laden\n").expect("csv");
            let found: Vec<(u64, Option<Column>, Problem)> =
                problems(&rows).into_iter().map(|e| (e.line, e.column, e.problem)).collect();
            assert_eq!(
                found,
                [
                    (1, Some(Column::Locality), Problem::MissingColumn),
                    (1, Some(Column::Country), Problem::MissingColumn)
                ]
            );
            let empty = read(b"Store code,Business name,Locality,Country / Region\n").expect("csv");
            assert_eq!(problems(&empty)[0].problem, Problem::NoRows);
        }

        #[test]
        fn workbooks_and_binary_files_are_refused_by_their_content() {
            assert_eq!(read(b"PK\x03\x04rest of a zip").err(), Some(FileError::Workbook));
            assert_eq!(read(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").err(), Some(FileError::Binary));
        }

        #[test]
        fn windows_1252_and_utf16_files_keep_their_umlauts() {
            let latin = b"Store code;Business name;Locality;Country / Region\nK-1;B\xe4ckerei \x84Mehl\x93;K\xf6ln;DE\n";
            let rows = read(latin).expect("csv");
            assert_eq!(rows[0].as_ref().expect("valid").details.name, "Bäckerei „Mehl“");
            let text =
                "Store code\tBusiness name\tLocality\tCountry / Region\nK-1\tBäckerei\tKöln\tDE\n";
            let mut utf16 = vec![0xFF, 0xFE];
            utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            let rows = read(&utf16).expect("csv");
            assert_eq!(rows[0].as_ref().expect("valid").details.address.city, "Köln");
        }

        #[test]
        fn a_written_file_reads_back_to_the_same_locations() {
            let original = location();
            for delimiter in [b',', b';'] {
                let bytes = write(std::slice::from_ref(&original), delimiter).expect("written");
                assert!(bytes.starts_with("\u{feff}Store code".as_bytes()));
                let rows = read(&bytes).expect("csv");
                assert!(problems(&rows).is_empty(), "{:?}", problems(&rows));
                let back = valid_rows(rows).remove(0);
                assert_eq!(back.details, original.details);
                assert_eq!(back.hours, original.hours);
                assert!(same_special_days(&back.special, &original.special));
                assert_eq!(back.columns, ColumnSet::all());
            }
        }
    }
}
