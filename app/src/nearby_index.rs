//! The nearby index as the server keeps it: one immutable snapshot of every public place,
//! swapped whole when the store's public revision moves. Each query first reads the
//! revision (one tiny query), so every app node sees a change at its next query, also a
//! change made through another node.

use crate::domain::hours::status_at;
use crate::domain::location::{Location, LocationId};
use crate::domain::nearby::{Place, PlaceKind, SpatialIndex};
use crate::domain::schedule::{OpeningHours, ResolvedHours};
use crate::store::{Store, StoreResult};
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

pub struct Snapshot {
    pub revision: i64,
    pub index: SpatialIndex<Place>,
    hours: HashMap<LocationId, (OpeningHours, chrono_tz::Tz)>,
}

impl Snapshot {
    pub fn build(revision: i64, locations: &[Location]) -> Snapshot {
        let mut places = Vec::new();
        let mut hours = HashMap::new();
        for location in locations {
            let Some(point) = location.details.geo else { continue };
            hours.insert(location.id, (location.opening_hours(), location.details.tz()));
            let place = |name: &str, kind, poi_id, point| Place {
                point,
                name: name.to_string(),
                kind,
                poi_id,
                location_id: location.id,
                location_name: location.details.name.clone(),
                slug: location.slug.clone(),
            };
            places.push(place(&location.details.name, PlaceKind::Location, None, point));
            for poi in location.pois.iter().filter(|poi| poi.public) {
                places.push(place(&poi.name, PlaceKind::Poi(poi.kind), Some(poi.id), poi.point));
            }
        }
        Snapshot { revision, index: SpatialIndex::new(places), hours }
    }

    /// Runs `query` at `now`; "open now" is evaluated once per location.
    pub fn search(
        &self,
        query: &crate::domain::nearby::NearbyQuery,
        now: DateTime<Utc>,
    ) -> Vec<crate::domain::nearby::Hit<'_, Place>> {
        let mut open = HashMap::new();
        query.run(&self.index, |location| {
            *open.entry(location).or_insert_with(|| self.is_open(location, now))
        })
    }

    /// Whether the location is open at `at`; POIs follow their location's hours.
    pub fn is_open(&self, location: LocationId, at: DateTime<Utc>) -> bool {
        self.hours.get(&location).is_some_and(|(hours, tz)| {
            status_at(&ResolvedHours::around(hours, *tz, at), *tz, at).open
        })
    }
}

pub struct NearbyIndex {
    store: Arc<dyn Store>,
    current: RwLock<Option<Arc<Snapshot>>>,
}

impl NearbyIndex {
    pub fn new(store: Arc<dyn Store>) -> NearbyIndex {
        NearbyIndex { store, current: RwLock::new(None) }
    }

    /// The current snapshot, rebuilt first if the public data changed since it was made.
    pub async fn snapshot(&self) -> StoreResult<Arc<Snapshot>> {
        let revision = self.store.public_revision().await?;
        if let Some(snapshot) = self.cached().filter(|s| s.revision == revision) {
            return Ok(snapshot);
        }
        let locations = self.store.public_locations_full().await?;
        let snapshot = Arc::new(Snapshot::build(revision, &locations));
        if let Ok(mut current) = self.current.write() {
            // A slower concurrent rebuild of an older revision must not win.
            if current.as_ref().is_none_or(|old| old.revision <= revision) {
                *current = Some(snapshot.clone());
            }
        }
        Ok(snapshot)
    }

    fn cached(&self) -> Option<Arc<Snapshot>> {
        self.current.read().ok().and_then(|current| current.clone())
    }
}
