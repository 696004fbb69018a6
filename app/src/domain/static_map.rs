//! A map without JavaScript: the slippy-map tiles around some points, laid out in one SVG
//! (`<image>` tiles and numbered markers, positioned by attributes, so the strict CSP with
//! no inline styles holds). Only built when the customer asks for the map.

use super::location::GeoPoint;

pub const TILE: f64 = 256.0;
pub const MAX_ZOOM: u8 = 18;

/// Web Mercator world pixel coordinates at `zoom`.
pub fn world_pixel(point: GeoPoint, zoom: u8) -> (f64, f64) {
    let scale = TILE * f64::from(1u32 << zoom);
    let lat = point.lat.clamp(-85.051_128, 85.051_128).to_radians();
    let x = (point.lon + 180.0) / 360.0 * scale;
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0 * scale;
    (x, y)
}

#[derive(Clone, Debug, PartialEq)]
pub struct Tile {
    pub url: String,
    /// Top-left corner inside the map, in pixels.
    pub x: f64,
    pub y: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StaticMap {
    pub width: f64,
    pub height: f64,
    pub zoom: u8,
    pub tiles: Vec<Tile>,
    /// Marker positions inside the map, in the order of the points given.
    pub markers: Vec<(f64, f64)>,
}

/// The tiles and marker positions for a `width`×`height` map showing every point, at the
/// highest zoom (up to 18) where they all fit with a margin. `None` without points.
pub fn static_map(
    points: &[GeoPoint],
    width: f64,
    height: f64,
    tile_url: &str,
) -> Option<StaticMap> {
    points.first()?;
    let margin = 28.0;
    let zoom = (0..=MAX_ZOOM)
        .rev()
        .find(|zoom| {
            let (xs, ys): (Vec<f64>, Vec<f64>) =
                points.iter().map(|p| world_pixel(*p, *zoom)).unzip();
            let spread = |v: &[f64]| {
                v.iter().copied().fold(f64::MIN, f64::max)
                    - v.iter().copied().fold(f64::MAX, f64::min)
            };
            spread(&xs) <= width - 2.0 * margin && spread(&ys) <= height - 2.0 * margin
        })
        .unwrap_or(0);
    let pixels: Vec<(f64, f64)> = points.iter().map(|p| world_pixel(*p, zoom)).collect();
    let (min_x, max_x, min_y, max_y) =
        pixels.iter().fold((f64::MAX, f64::MIN, f64::MAX, f64::MIN), |(a, b, c, d), (x, y)| {
            (a.min(*x), b.max(*x), c.min(*y), d.max(*y))
        });
    let (left, top) = ((min_x + max_x - width) / 2.0, (min_y + max_y - height) / 2.0);
    let count = 1i64 << zoom;
    let mut tiles = Vec::new();
    let (first_x, last_x) = ((left / TILE).floor() as i64, ((left + width) / TILE).floor() as i64);
    let (first_y, last_y) = ((top / TILE).floor() as i64, ((top + height) / TILE).floor() as i64);
    for ty in first_y.max(0)..=last_y.min(count - 1) {
        for tx in first_x..=last_x {
            // Wrap around the antimeridian.
            let wrapped = tx.rem_euclid(count);
            let url = tile_url
                .replace("{z}", &zoom.to_string())
                .replace("{x}", &wrapped.to_string())
                .replace("{y}", &ty.to_string());
            tiles.push(Tile { url, x: tx as f64 * TILE - left, y: ty as f64 * TILE - top });
        }
    }
    let markers = pixels.iter().map(|(x, y)| (x - left, y - top)).collect();
    Some(StaticMap { width, height, zoom, tiles, markers })
}

/// `https://tile.openstreetmap.org` from a tile URL template, for the CSP and the privacy
/// note; `None` if it is not an http(s) URL.
pub fn tile_origin(tile_url: &str) -> Option<String> {
    let (scheme, rest) = tile_url.split_once("://")?;
    if scheme != "https" && scheme != "http" {
        return None;
    }
    let host = rest.split('/').next().filter(|h| !h.is_empty() && !h.contains('{'))?;
    Some(format!("{scheme}://{host}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TILES: &str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

    #[test]
    fn freiburg_lands_on_the_known_osm_tile() {
        // The OSM wiki formula (x = (lon + 180) / 360 · 2^z, y = (1 − asinh(tan φ) / π) / 2 · 2^z),
        // computed independently in Python: tile 17/68395/45564.
        let (x, y) = world_pixel(GeoPoint { lat: 47.9955, lon: 7.8529 }, 17);
        assert_eq!(((x / TILE) as u32, (y / TILE) as u32), (68395, 45564));
    }

    #[test]
    fn every_point_is_inside_the_map_and_tiles_cover_it() {
        let points = [
            GeoPoint { lat: 47.9959, lon: 7.8522 },
            GeoPoint { lat: 47.9965, lon: 7.8540 },
            GeoPoint { lat: 47.9950, lon: 7.8510 },
        ];
        let map = static_map(&points, 640.0, 400.0, TILES).expect("map");
        assert!(map.zoom >= 15 && map.zoom <= 18, "{}", map.zoom);
        for (x, y) in &map.markers {
            assert!((0.0..=640.0).contains(x) && (0.0..=400.0).contains(y), "{x},{y}");
        }
        let covers = |px: f64, py: f64| {
            map.tiles.iter().any(|t| px >= t.x && px < t.x + TILE && py >= t.y && py < t.y + TILE)
        };
        assert!(covers(0.0, 0.0) && covers(639.0, 399.0) && covers(320.0, 200.0));
        assert!(
            map.tiles[0].url.starts_with(&format!("https://tile.openstreetmap.org/{}/", map.zoom))
        );
    }

    #[test]
    fn a_single_point_gets_the_closest_zoom_and_sits_in_the_middle() {
        let map =
            static_map(&[GeoPoint { lat: 0.0, lon: 179.9999 }], 640.0, 400.0, TILES).expect("map");
        assert_eq!(map.zoom, MAX_ZOOM);
        assert_eq!(map.markers, vec![(320.0, 200.0)]);
        // Tiles right of the antimeridian wrap to x = 0.
        assert!(map.tiles.iter().any(|t| t.url.contains(&format!("/{}/0/", MAX_ZOOM))));
    }

    #[test]
    fn tile_origin_is_scheme_and_host() {
        assert_eq!(tile_origin(TILES).as_deref(), Some("https://tile.openstreetmap.org"));
        assert_eq!(
            tile_origin("http://localhost:8080/tiles/{z}/{x}/{y}.png").as_deref(),
            Some("http://localhost:8080")
        );
        assert_eq!(tile_origin("javascript:alert(1)"), None);
        assert_eq!(tile_origin("https://{s}.tile.example/{z}/{x}/{y}.png"), None);
    }
}
