//! The index against a brute-force scan with `geo`'s haversine (an independent
//! implementation) over random points, including the antimeridian and the poles.

use super::*;
use geo::{Distance, Haversine, Point};
use proptest::prelude::*;

fn reference_m(a: GeoPoint, b: GeoPoint) -> f64 {
    Haversine.distance(Point::new(a.lon, a.lat), Point::new(b.lon, b.lat))
}

fn brute_force(points: &[GeoPoint], center: GeoPoint) -> Vec<f64> {
    let mut all: Vec<f64> = points.iter().map(|p| reference_m(center, *p)).collect();
    all.sort_by(f64::total_cmp);
    all
}

/// Points clustered around a centre so that radius queries find something; the centres
/// include the antimeridian and both poles.
fn cluster() -> impl Strategy<Value = (GeoPoint, Vec<GeoPoint>)> {
    let centre = prop_oneof![
        (-89.9f64..89.9, -180.0f64..180.0),
        (-60.0f64..60.0, prop_oneof![Just(179.99), Just(-179.99), Just(180.0), Just(-180.0)]),
        (prop_oneof![Just(90.0), Just(-90.0), Just(89.999), Just(-89.999)], -180.0f64..180.0),
    ];
    centre.prop_flat_map(|(lat, lon)| {
        let around = (-0.05f64..0.05, -0.5f64..0.5).prop_map(move |(dlat, dlon)| {
            let lat = (lat + dlat).clamp(-90.0, 90.0);
            let lon = lon + dlon;
            let lon = if lon > 180.0 {
                lon - 360.0
            } else if lon < -180.0 {
                lon + 360.0
            } else {
                lon
            };
            GeoPoint { lat, lon }
        });
        (Just(GeoPoint { lat, lon }), prop::collection::vec(around, 1..300))
    })
}

proptest! {
    #![proptest_config(crate::domain::property_config(300))]

    #[test]
    fn radius_search_finds_exactly_what_a_scan_finds(
        (center, points) in cluster(),
        radius in 1.0f64..20_000.0,
    ) {
        let index = SpatialIndex::new(points.clone());
        let found: Vec<f64> = index.within(center, radius, |_| true).iter().map(|h| h.distance_m).collect();
        let expected: Vec<f64> =
            brute_force(&points, center).into_iter().filter(|d| *d <= radius).collect();
        // Points within a millimetre of the edge may fall either way by rounding.
        let edge = |d: f64| (d - radius).abs() < 1e-3;
        let found_inner: Vec<f64> = found.iter().copied().filter(|d| !edge(*d)).collect();
        let expected_inner: Vec<f64> = expected.iter().copied().filter(|d| !edge(*d)).collect();
        prop_assert_eq!(found_inner.len(), expected_inner.len());
        for (a, b) in found_inner.iter().zip(&expected_inner) {
            prop_assert!((a - b).abs() < 1e-3, "{a} vs {b}");
        }
        prop_assert!(found.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn k_nearest_are_the_k_smallest_distances_of_a_scan(
        (center, points) in cluster(),
        k in 1usize..40,
    ) {
        let index = SpatialIndex::new(points.clone());
        let found: Vec<f64> = index.nearest(center, k, None, |_| true).iter().map(|h| h.distance_m).collect();
        let expected: Vec<f64> = brute_force(&points, center).into_iter().take(k).collect();
        prop_assert_eq!(found.len(), expected.len());
        for (a, b) in found.iter().zip(&expected) {
            prop_assert!((a - b).abs() < 1e-3, "{a} vs {b}");
        }
    }
}

#[test]
fn neighbours_across_the_antimeridian_are_near() {
    let west = GeoPoint { lat: -16.5, lon: 179.999 };
    let east = GeoPoint { lat: -16.5, lon: -179.999 };
    let far = GeoPoint { lat: -16.5, lon: 178.0 };
    let index = SpatialIndex::new(vec![far, east]);
    let hits = index.within(west, 1_000.0, |_| true);
    assert_eq!(hits.len(), 1);
    assert_eq!(*hits[0].item, east);
    assert!(hits[0].distance_m < 250.0, "{}", hits[0].distance_m);
}

#[test]
fn every_longitude_at_the_pole_is_the_same_place() {
    let index = SpatialIndex::new(vec![
        GeoPoint { lat: 89.9999, lon: 0.0 },
        GeoPoint { lat: 89.9999, lon: 180.0 },
        GeoPoint { lat: 89.9999, lon: -90.0 },
        GeoPoint { lat: 80.0, lon: 0.0 },
    ]);
    let pole = GeoPoint { lat: 90.0, lon: 45.0 };
    let hits = index.within(pole, 100.0, |_| true);
    assert_eq!(hits.len(), 3);
    assert!(hits.iter().all(|h| (h.distance_m - 11.1).abs() < 0.5), "{hits:?}");
    assert_eq!(index.nearest(pole, 3, None, |_| true).len(), 3);
}

#[test]
fn bad_nearby_requests_name_the_field() {
    let params = |lat: &str, lon: &str, radius: &str, k: &str| NearbyParams {
        lat: Some(lat.into()),
        lon: Some(lon.into()),
        radius_m: Some(radius.into()),
        k: Some(k.into()),
        ..NearbyParams::default()
    };
    assert_eq!(params("91", "7", "", "").check(), Err(NearbyProblem::Latitude));
    assert_eq!(params("NaN", "7", "", "").check(), Err(NearbyProblem::Latitude));
    assert_eq!(params("47", "inf", "", "").check(), Err(NearbyProblem::Longitude));
    assert_eq!(params("47", "7", "0", "").check(), Err(NearbyProblem::Radius));
    assert_eq!(params("47", "7", "10000000", "").check(), Err(NearbyProblem::Radius));
    assert_eq!(params("47", "7", "", "1000000").check(), Err(NearbyProblem::K));
    assert_eq!(params("47", "7", "", "0").check(), Err(NearbyProblem::K));
    assert_eq!(NearbyParams::default().check(), Err(NearbyProblem::MissingPoint));
    let mut kinds = params("47", "7", "500", "");
    kinds.kind = Some("parking,castle".into());
    assert_eq!(kinds.check(), Err(NearbyProblem::Kind));
    kinds.kind = Some("parking, location".into());
    let query = kinds.check().expect("valid");
    assert_eq!(query.radius_m, Some(500.0));
    assert!(query.accepts_kind(PlaceKind::Location));
    assert!(!query.accepts_kind(PlaceKind::Poi(PoiKind::Entrance)));
    let default = params("47", "7", "", "").check().expect("valid");
    assert_eq!(default.radius_m, Some(DEFAULT_RADIUS_M));
}
