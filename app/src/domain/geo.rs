//! Directions links for a point. They are plain links: the customer page itself makes no
//! request to any of these hosts.

use super::location::GeoPoint;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DirectionsLinks {
    pub osm: String,
    pub google: String,
    pub apple: String,
    pub geo_uri: String,
}

pub fn directions(point: GeoPoint, label: &str) -> DirectionsLinks {
    let (lat, lon) = (point.lat, point.lon);
    let label: String = form_urlencoded_component(label);
    DirectionsLinks {
        osm: format!("https://www.openstreetmap.org/directions?route=%3B{lat}%2C{lon}"),
        google: format!("https://www.google.com/maps/dir/?api=1&destination={lat}%2C{lon}"),
        apple: format!("https://maps.apple.com/?daddr={lat},{lon}&q={label}"),
        geo_uri: format!("geo:{lat},{lon}?q={lat},{lon}({label})"),
    }
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
fn form_urlencoded_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Great-circle distance in metres (haversine, mean earth radius).
pub fn distance_m(a: GeoPoint, b: GeoPoint) -> f64 {
    const EARTH_RADIUS_M: f64 = 6_371_008.8;
    let (la1, la2) = (a.lat.to_radians(), b.lat.to_radians());
    let dlat = la2 - la1;
    let dlon = (b.lon - a.lon).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * h.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directions_links_carry_the_coordinates_and_an_encoded_label() {
        let links = directions(GeoPoint { lat: 47.9959, lon: 7.8522 }, "Bäckerei & Café");
        assert_eq!(
            links.geo_uri,
            "geo:47.9959,7.8522?q=47.9959,7.8522(B%C3%A4ckerei%20%26%20Caf%C3%A9)"
        );
        assert!(links.google.ends_with("destination=47.9959%2C7.8522"));
        assert!(links.osm.contains("47.9959%2C7.8522"));
    }

    #[test]
    fn distance_between_freiburg_and_leipzig_is_about_490_km() {
        let d = distance_m(
            GeoPoint { lat: 47.9959, lon: 7.8522 },
            GeoPoint { lat: 51.3397, lon: 12.3731 },
        );
        assert!((480_000.0..500_000.0).contains(&d), "{d}");
    }
}
