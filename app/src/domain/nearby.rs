//! Nearby search over locations and POIs with an R*-tree (`rstar`, the index `geo` builds
//! on). Points are stored as unit vectors on the sphere, not as lon/lat: the straight-line
//! (chord) distance between two unit vectors grows monotonically with the great-circle
//! distance, so k-nearest and radius queries are exact on the sphere, with no seam at the
//! antimeridian and no distortion near the poles.

use super::geo::distance_m;
use super::location::{GeoPoint, LocationId, PoiKind};
use rstar::RTree;
use rstar::primitives::GeomWithData;
use serde::{Deserialize, Serialize};

/// Mean earth radius, the same as `geo::distance_m` uses.
pub const EARTH_RADIUS_M: f64 = 6_371_008.8;
pub const MAX_RADIUS_M: f64 = 50_000.0;
pub const MAX_K: usize = 100;
/// A radius search lists at most this many results, nearest first.
pub const MAX_RESULTS: usize = 200;

pub trait Located {
    fn point(&self) -> GeoPoint;
}

type Entry = GeomWithData<[f64; 3], u32>;

pub fn unit_vector(point: GeoPoint) -> [f64; 3] {
    let (lat, lon) = (point.lat.to_radians(), point.lon.to_radians());
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
}

/// The chord length on the unit sphere for a great-circle distance.
fn chord(distance_m: f64) -> f64 {
    let angle = (distance_m / EARTH_RADIUS_M).min(std::f64::consts::PI);
    2.0 * (angle / 2.0).sin()
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit<'a, T> {
    pub item: &'a T,
    pub distance_m: f64,
}

/// Items with a point, indexed once; rebuilt as a whole when the data changes.
pub struct SpatialIndex<T> {
    tree: RTree<Entry>,
    items: Vec<T>,
}

impl<T: Located> SpatialIndex<T> {
    pub fn new(items: Vec<T>) -> SpatialIndex<T> {
        let entries = items
            .iter()
            .enumerate()
            .map(|(n, item)| GeomWithData::new(unit_vector(item.point()), n as u32))
            .collect();
        SpatialIndex { tree: RTree::bulk_load(entries), items }
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Everything within `radius_m` of `center` that `keep` accepts, nearest first.
    pub fn within(
        &self,
        center: GeoPoint,
        radius_m: f64,
        mut keep: impl FnMut(&T) -> bool,
    ) -> Vec<Hit<'_, T>> {
        // A hair of slack on the chord; the exact cut is made on the haversine distance.
        let reach = chord(radius_m) * (1.0 + 1e-9) + 1e-12;
        let mut hits: Vec<Hit<'_, T>> = self
            .tree
            .locate_within_distance(unit_vector(center), reach * reach)
            .map(|entry| &self.items[entry.data as usize])
            .map(|item| Hit { item, distance_m: distance_m(center, item.point()) })
            .filter(|hit| hit.distance_m <= radius_m && keep(hit.item))
            .collect();
        hits.sort_by(|a, b| a.distance_m.total_cmp(&b.distance_m));
        hits
    }

    /// The `k` nearest items that `keep` accepts, optionally no farther than `max_m`.
    pub fn nearest(
        &self,
        center: GeoPoint,
        k: usize,
        max_m: Option<f64>,
        mut keep: impl FnMut(&T) -> bool,
    ) -> Vec<Hit<'_, T>> {
        let mut hits: Vec<Hit<'_, T>> = self
            .tree
            .nearest_neighbor_iter(&unit_vector(center))
            .map(|entry| &self.items[entry.data as usize])
            .map(|item| Hit { item, distance_m: distance_m(center, item.point()) })
            .take_while(|hit| max_m.is_none_or(|max| hit.distance_m <= max * (1.0 + 1e-9)))
            .filter(|hit| max_m.is_none_or(|max| hit.distance_m <= max) && keep(hit.item))
            .take(k)
            .collect();
        hits.sort_by(|a, b| a.distance_m.total_cmp(&b.distance_m));
        hits
    }
}

/// What a nearby result is: a shop, or one of its POIs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "kind")]
pub enum PlaceKind {
    Location,
    Poi(PoiKind),
}

/// One public point: a location (with a geo point) or a public POI of one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub point: GeoPoint,
    pub name: String,
    pub kind: PlaceKind,
    pub poi_id: Option<i64>,
    pub location_id: LocationId,
    pub location_name: String,
    pub slug: String,
}

impl Located for Place {
    fn point(&self) -> GeoPoint {
        self.point
    }
}

impl Located for GeoPoint {
    fn point(&self) -> GeoPoint {
        *self
    }
}

/// A checked nearby request: a radius search or the k nearest (within a radius if given).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NearbyQuery {
    pub center: GeoPoint,
    pub radius_m: Option<f64>,
    pub k: Option<usize>,
    /// Empty: every kind.
    pub kinds: Vec<String>,
    pub open_now: bool,
}

/// The nearby request as it arrives in a query string: all text, checked by `check`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NearbyParams {
    pub lat: Option<String>,
    pub lon: Option<String>,
    pub radius_m: Option<String>,
    pub k: Option<String>,
    /// Comma-separated: `location`, or POI kinds such as `parking`.
    pub kind: Option<String>,
    pub open_now: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NearbyProblem {
    MissingPoint,
    Latitude,
    Longitude,
    Radius,
    K,
    Kind,
}

pub const DEFAULT_RADIUS_M: f64 = 2_000.0;

impl NearbyParams {
    pub fn check(&self) -> Result<NearbyQuery, NearbyProblem> {
        let text = |value: &Option<String>| {
            value.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string)
        };
        let (Some(lat), Some(lon)) = (text(&self.lat), text(&self.lon)) else {
            return Err(NearbyProblem::MissingPoint);
        };
        let lat: f64 = lat
            .parse()
            .ok()
            .filter(|v: &f64| v.is_finite() && v.abs() <= 90.0)
            .ok_or(NearbyProblem::Latitude)?;
        let lon: f64 = lon
            .parse()
            .ok()
            .filter(|v: &f64| v.is_finite() && v.abs() <= 180.0)
            .ok_or(NearbyProblem::Longitude)?;
        let radius_m = match text(&self.radius_m) {
            Some(radius) => Some(
                radius
                    .parse::<f64>()
                    .ok()
                    .filter(|r| r.is_finite() && *r > 0.0 && *r <= MAX_RADIUS_M)
                    .ok_or(NearbyProblem::Radius)?,
            ),
            None => None,
        };
        let k = match text(&self.k) {
            Some(k) => Some(
                k.parse::<usize>()
                    .ok()
                    .filter(|k| (1..=MAX_K).contains(k))
                    .ok_or(NearbyProblem::K)?,
            ),
            None => None,
        };
        let kinds: Vec<String> = text(&self.kind)
            .map(|list| list.split(',').map(|k| k.trim().to_string()).collect())
            .unwrap_or_default();
        if kinds.iter().any(|k| k != "location" && PoiKind::parse(k).is_none()) {
            return Err(NearbyProblem::Kind);
        }
        let open_now = text(&self.open_now).is_some_and(|v| v != "0" && v != "false");
        let center = GeoPoint { lat, lon };
        // Neither radius nor k: the default radius.
        let radius_m =
            if radius_m.is_none() && k.is_none() { Some(DEFAULT_RADIUS_M) } else { radius_m };
        Ok(NearbyQuery { center, radius_m, k, kinds, open_now })
    }
}

impl NearbyQuery {
    pub fn accepts_kind(&self, kind: PlaceKind) -> bool {
        self.kinds.is_empty()
            || self.kinds.iter().any(|k| match kind {
                PlaceKind::Location => k == "location",
                PlaceKind::Poi(poi) => k == poi.as_str(),
            })
    }

    /// Runs the query; `open` answers "is this location open now" (only asked with
    /// `open_now`).
    pub fn run<'a>(
        &self,
        index: &'a SpatialIndex<Place>,
        mut open: impl FnMut(LocationId) -> bool,
    ) -> Vec<Hit<'a, Place>> {
        let keep = |place: &Place| {
            self.accepts_kind(place.kind) && (!self.open_now || open(place.location_id))
        };
        match self.k {
            Some(k) => index.nearest(self.center, k, self.radius_m, keep),
            None => {
                let mut hits =
                    index.within(self.center, self.radius_m.unwrap_or(DEFAULT_RADIUS_M), keep);
                hits.truncate(MAX_RESULTS);
                hits
            }
        }
    }
}

#[cfg(test)]
#[path = "nearby_tests.rs"]
mod tests;
