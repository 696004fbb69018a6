//! Cells of the sheet: categories, countries and regions, and the guarded text cells.

use super::*;

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

pub(super) fn folded(text: &str) -> String {
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

/// The language of a location's texts when the sheet names none.
pub fn default_language(country: &str) -> &'static str {
    if ["DE", "AT", "CH", "LI", "LU"].contains(&country) { "de" } else { "en" }
}

pub(super) fn language_code(text: &str) -> Option<&'static str> {
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
pub(super) fn region_key(text: &str) -> String {
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

// ----- cells ------------------------------------------------------------------------------

/// Spreadsheets run a cell starting with `=`, `+`, `-` or `@` as a formula; the export puts
/// a `'` before such text (Excel's own escape) and the import takes it off again.
pub(super) fn guarded(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

pub(super) fn unguarded(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => text,
    }
}

/// A phone number keeps its `+`: spreadsheets only run cells starting with `=` or `@`.
pub(super) fn guarded_phone(text: &str) -> String {
    if text.starts_with(['=', '@']) { format!("'{text}") } else { text.to_string() }
}

pub(super) fn coordinate(text: &str) -> Option<f64> {
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

pub(super) fn field_column(field: &str) -> Column {
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

pub(super) fn field_problem(problem: FieldProblem) -> Problem {
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

#[cfg(test)]
#[path = "cells_tests.rs"]
mod tests;
