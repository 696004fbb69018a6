//! Data for the history screens: a location's revisions (with "restore") and a business's
//! audit log. The restore form posts to the server's `history` handler.

use crate::domain::location::{BusinessId, LocationId};
use crate::domain::team::{AuditEntry, Revision, RevisionKind};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A revision with what the screen shows about it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RevisionView {
    pub revision: Revision,
    /// Hours as an OSM `opening_hours` value, details as "field: value" lines, POIs as
    /// names: readable without opening it.
    pub summary: Vec<String>,
    pub current: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct HistoryPageData {
    pub location_id: LocationId,
    pub location_name: String,
    pub business_id: BusinessId,
    pub kind: RevisionKind,
    pub revisions: Vec<RevisionView>,
}

/// Revisions of one part of a location, newest first, for owners and managers.
#[server]
pub async fn get_history_page(id: i64, kind: String) -> Result<HistoryPageData, AppError> {
    use crate::api::locations::get_location_for_edit;
    use crate::context::{app_state, fail};
    use crate::domain::team::snapshot;
    let kind = RevisionKind::parse(&kind).unwrap_or(RevisionKind::Hours);
    let data = get_location_for_edit(id).await?;
    let location = data.location;
    let revisions = app_state()
        .store
        .revisions(data.business_id, id, kind)
        .await
        .map_err(|e| fail(e.into()))?;
    let now = snapshot(&location, kind);
    let latest = revisions.first().map(|r| r.id);
    let revisions = revisions
        .into_iter()
        .map(|revision| RevisionView {
            summary: summarize(&revision),
            current: Some(revision.id) == latest && revision.data == now,
            revision,
        })
        .collect();
    Ok(HistoryPageData {
        location_id: id,
        location_name: location.details.name,
        business_id: data.business_id,
        kind,
        revisions,
    })
}

#[cfg(feature = "ssr")]
fn summarize(revision: &Revision) -> Vec<String> {
    use crate::domain::team::Snapshot;
    match revision.snapshot() {
        Some(Snapshot::Hours(hours)) => {
            let osm = crate::domain::osm::export(&hours.into_opening_hours());
            osm.split("; ").map(str::to_string).collect()
        }
        Some(Snapshot::Details(d)) => [
            d.name,
            [d.address.street, format!("{} {}", d.address.postal_code, d.address.city)].join(", "),
            d.phone,
            d.email,
            d.website,
        ]
        .into_iter()
        .filter(|line| !line.trim().is_empty() && line.trim() != ",")
        .collect(),
        Some(Snapshot::Pois(pois)) => pois.into_iter().map(|p| p.name).collect(),
        None => Vec::new(),
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AuditPageData {
    pub business_id: BusinessId,
    pub business_name: String,
    pub entries: Vec<AuditEntry>,
    /// The id to continue from for older entries.
    pub older: Option<i64>,
}

pub const AUDIT_PAGE_SIZE: i64 = 50;

/// The business's audit log, newest first, for owners and managers.
#[server]
pub async fn get_audit_page(business: i64, before: Option<i64>) -> Result<AuditPageData, AppError> {
    use crate::access::Need;
    use crate::context::app_state;
    let (_, membership) = crate::access::business(business, Need::Manager)?;
    let entries = app_state().store.audit_log(business, AUDIT_PAGE_SIZE + 1, before).await?;
    let older =
        (entries.len() as i64 > AUDIT_PAGE_SIZE).then(|| entries[AUDIT_PAGE_SIZE as usize - 1].id);
    Ok(AuditPageData {
        business_id: business,
        business_name: membership.business_name.clone(),
        entries: entries.into_iter().take(AUDIT_PAGE_SIZE as usize).collect(),
        older,
    })
}
