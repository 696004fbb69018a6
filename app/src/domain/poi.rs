//! Checking what an owner typed for a POI, and reading coordinates the way people paste
//! them: `47.9935, 7.8520`, German decimal commas, `geo:` URIs and map links.

use super::location::{GeoPoint, NewPoiInput, PoiKind};
use serde::{Deserialize, Serialize};

pub const MAX_NAME_CHARS: usize = 80;
pub const MAX_NOTE_CHARS: usize = 300;

/// The POI form as posted (all text, so nothing is lost before it is checked).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PoiForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub lat: String,
    #[serde(default)]
    pub lon: String,
    /// "Search by coordinates": when filled, it wins over the two number fields.
    #[serde(default)]
    pub coords: String,
    #[serde(default)]
    pub note: String,
    /// A checkbox: present means public.
    #[serde(default)]
    pub public: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PoiProblem {
    NameMissing,
    NameTooLong,
    NoteTooLong,
    UnknownKind,
    /// Latitude or longitude missing, not a number or out of range.
    Position,
    /// The coordinate search text could not be read.
    Coordinates,
}

impl PoiProblem {
    pub fn code(self) -> &'static str {
        match self {
            PoiProblem::NameMissing => "name",
            PoiProblem::NameTooLong => "name_long",
            PoiProblem::NoteTooLong => "note_long",
            PoiProblem::UnknownKind => "kind",
            PoiProblem::Position => "position",
            PoiProblem::Coordinates => "coords",
        }
    }

    pub fn from_code(code: &str) -> Option<PoiProblem> {
        [
            PoiProblem::NameMissing,
            PoiProblem::NameTooLong,
            PoiProblem::NoteTooLong,
            PoiProblem::UnknownKind,
            PoiProblem::Position,
            PoiProblem::Coordinates,
        ]
        .into_iter()
        .find(|problem| problem.code() == code)
    }
}

impl PoiForm {
    pub fn validate(&self) -> Result<NewPoiInput, PoiProblem> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err(PoiProblem::NameMissing);
        }
        if name.chars().count() > MAX_NAME_CHARS {
            return Err(PoiProblem::NameTooLong);
        }
        let note = self.note.trim();
        if note.chars().count() > MAX_NOTE_CHARS {
            return Err(PoiProblem::NoteTooLong);
        }
        let kind = PoiKind::parse(self.kind.trim()).ok_or(PoiProblem::UnknownKind)?;
        let point = if self.coords.trim().is_empty() {
            let lat = parse_number(&self.lat).ok_or(PoiProblem::Position)?;
            let lon = parse_number(&self.lon).ok_or(PoiProblem::Position)?;
            GeoPoint::new(lat, lon).ok_or(PoiProblem::Position)?
        } else {
            parse_coordinates(&self.coords).ok_or(PoiProblem::Coordinates)?
        };
        Ok(NewPoiInput {
            name: name.to_string(),
            kind,
            point,
            note: note.to_string(),
            public: self.public.is_some(),
        })
    }
}

/// One coordinate number; a German decimal comma is accepted (`47,9935`).
pub fn parse_number(text: &str) -> Option<f64> {
    let text = text.trim().replace(',', ".");
    if text.is_empty() || text.matches('.').count() > 1 {
        return None;
    }
    text.parse::<f64>().ok().filter(|value| value.is_finite())
}

/// Reads a point from what people paste: `47.9935, 7.8520`, `47.9935 7.8520`,
/// `47,9935; 7,8520`, `47.9935° N, 7.8520° E`, `geo:47.9935,7.8520?q=…`, and links from
/// OpenStreetMap (`#map=17/47.9935/7.8520`, `mlat=…&mlon=…`), Google Maps (`@47.99,7.85,17z`,
/// `q=47.99,7.85`) and Apple Maps (`ll=47.99,7.85`).
pub fn parse_coordinates(text: &str) -> Option<GeoPoint> {
    let text = text.trim();
    if let Some(rest) = text.strip_prefix("geo:") {
        let pair = rest.split(['?', ';']).next()?;
        return pair_of(pair, ',');
    }
    if text.contains("://") || text.starts_with("www.") {
        return from_link(text);
    }
    let (lat_text, lon_text) = if text.contains(';') {
        text.split_once(';')?
    } else if text.matches(',').count() == 1 {
        text.split_once(',')?
    } else if text.contains(", ") {
        text.split_once(", ")?
    } else {
        text.split_once(char::is_whitespace)?
    };
    let lat = hemisphere_number(lat_text, 'N', 'S')?;
    let lon = hemisphere_number(lon_text, 'E', 'W')
        .or_else(|| hemisphere_number(&lon_text.replace('O', "E"), 'E', 'W'))?;
    GeoPoint::new(lat, lon)
}

/// `47.9935`, `47.9935° N`, `7.85 W` (negative).
fn hemisphere_number(text: &str, positive: char, negative: char) -> Option<f64> {
    let text = text.trim().replace('°', "");
    let text = text.trim();
    let (number, sign) = if let Some(rest) = text.strip_suffix(positive) {
        (rest, 1.0)
    } else if let Some(rest) = text.strip_suffix(negative) {
        (rest, -1.0)
    } else {
        (text, 1.0)
    };
    parse_number(number).map(|value| value * sign)
}

fn pair_of(text: &str, separator: char) -> Option<GeoPoint> {
    let (lat, lon) = text.split_once(separator)?;
    let lon = lon.split(separator).next()?;
    GeoPoint::new(lat.trim().parse().ok()?, lon.trim().parse().ok()?)
}

fn from_link(url: &str) -> Option<GeoPoint> {
    let query_value = |key: &str| {
        url.split(['?', '&', '#'])
            .find_map(|part| part.strip_prefix(key).and_then(|v| v.strip_prefix('=')))
            .map(|value| value.replace("%2C", ",").replace("%2c", ","))
    };
    if let (Some(lat), Some(lon)) = (query_value("mlat"), query_value("mlon")) {
        return GeoPoint::new(lat.parse().ok()?, lon.parse().ok()?);
    }
    // The marker (mlat/mlon) beats the view (#map).
    if let Some((_, rest)) = url.split_once("#map=") {
        let mut parts = rest.split('/').skip(1);
        let lat = parts.next()?.parse().ok()?;
        let lon = parts.next()?.split(['&', '?']).next()?.parse().ok()?;
        return GeoPoint::new(lat, lon);
    }
    if let Some((_, rest)) = url.split_once('@') {
        return pair_of(rest.split('/').next()?, ',');
    }
    ["q", "ll", "daddr", "destination", "query"]
        .iter()
        .find_map(|key| query_value(key).and_then(|value| pair_of(&value, ',')))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(text: &str) -> Option<(f64, f64)> {
        parse_coordinates(text).map(|p| (p.lat, p.lon))
    }

    #[test]
    fn pasted_coordinates_in_the_usual_spellings() {
        let expected = Some((47.9935, 7.852));
        for text in [
            "47.9935, 7.8520",
            "47.9935,7.8520",
            "47.9935 7.8520",
            "47,9935; 7,8520",
            "47.9935° N, 7.8520° E",
            "47.9935N 7.8520O",
            "geo:47.9935,7.8520?q=47.9935,7.8520(B%C3%A4ckerei)",
            "https://www.openstreetmap.org/#map=18/47.9935/7.8520",
            "https://www.openstreetmap.org/?mlat=47.9935&mlon=7.8520#map=18/47.99/7.85",
            "https://www.google.com/maps/@47.9935,7.8520,17z",
            "https://www.google.com/maps/dir/?api=1&destination=47.9935%2C7.8520",
            "https://maps.apple.com/?ll=47.9935,7.8520&q=Shop",
        ] {
            assert_eq!(point(text), expected, "{text}");
        }
        assert_eq!(point("-33.8568, 151.2153"), Some((-33.8568, 151.2153)));
        assert_eq!(point("33.8568 S, 151.2153 E"), Some((-33.8568, 151.2153)));
    }

    #[test]
    fn nonsense_and_out_of_range_coordinates_are_refused() {
        for text in ["", "Freiburg", "91, 7", "47, 181", "NaN, 7", "47.1.2, 7", "geo:", "1,2,3,4"] {
            assert_eq!(point(text), None, "{text}");
        }
    }

    #[test]
    fn the_form_checks_every_field_and_prefers_the_coordinate_search() {
        let form = PoiForm {
            name: "  Parkplatz Hof ".into(),
            kind: "parking".into(),
            lat: "47,9961".into(),
            lon: "7.8530".into(),
            note: "Einfahrt Hinterhof".into(),
            public: Some("on".into()),
            ..PoiForm::default()
        };
        let input = form.validate().expect("valid");
        assert_eq!(input.name, "Parkplatz Hof");
        assert_eq!((input.point.lat, input.point.lon), (47.9961, 7.853));
        assert!(input.public);
        let searched = PoiForm { coords: "geo:48.1,7.9".into(), ..form.clone() };
        assert_eq!(searched.validate().map(|p| p.point.lat), Ok(48.1));
        let cases = [
            (PoiForm { name: " ".into(), ..form.clone() }, PoiProblem::NameMissing),
            (PoiForm { name: "x".repeat(81), ..form.clone() }, PoiProblem::NameTooLong),
            (PoiForm { note: "x".repeat(301), ..form.clone() }, PoiProblem::NoteTooLong),
            (PoiForm { kind: "castle".into(), ..form.clone() }, PoiProblem::UnknownKind),
            (PoiForm { lat: "91".into(), ..form.clone() }, PoiProblem::Position),
            (PoiForm { lon: String::new(), ..form.clone() }, PoiProblem::Position),
            (PoiForm { coords: "somewhere".into(), ..form.clone() }, PoiProblem::Coordinates),
        ];
        for (form, problem) in cases {
            assert_eq!(form.validate(), Err(problem), "{form:?}");
        }
    }
}
