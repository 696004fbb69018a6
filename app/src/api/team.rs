//! Data for the team screen (owners), the invitation page, the account screen and the
//! history screens. Their forms post to the server's handlers (`server::team`,
//! `server::history`), so every screen works without WASM.

use crate::domain::location::{BusinessId, LocationId, Role};
use crate::domain::team::{AuditEntry, Invitation, Member, Revision, RevisionKind, SessionInfo};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// An invitation link right after it was made: the only time it can be shown.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct NewInvitation {
    pub link: String,
    pub qr_svg: String,
    pub role: Role,
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TeamPageData {
    pub business_id: BusinessId,
    pub business_name: String,
    pub viewer_id: i64,
    pub members: Vec<Member>,
    pub invitations: Vec<Invitation>,
    pub new_invitation: Option<NewInvitation>,
}

/// The business's members and open invitations, for its owner. `invite` is the token of
/// an invitation just made (from the redirect), shown with its QR code.
#[server]
pub async fn get_team_page(
    business: i64,
    invite: Option<String>,
) -> Result<TeamPageData, AppError> {
    use crate::context::{app_state, fail, hash_token, require_viewer};
    let viewer = require_viewer()?;
    let Some(membership) = viewer.memberships.iter().find(|m| m.business_id == business) else {
        return Err(fail(AppError::NotFound));
    };
    if membership.role != Role::Owner {
        return Err(fail(AppError::NotFound));
    }
    let state = app_state();
    let now = chrono::Utc::now();
    let members = state.store.members(business).await?;
    let invitations = state.store.invitations(business, now).await?;
    let new_invitation = match invite {
        Some(token) => {
            let found = state.store.invitation_by_token(&hash_token(&token), now).await?;
            found.filter(|i| i.business_id == business).map(|i| {
                let link = format!("{}/invite/{token}", state.public_url);
                NewInvitation {
                    qr_svg: qr_svg(&link),
                    link,
                    role: i.role,
                    expires_at: i.expires_at,
                }
            })
        }
        None => None,
    };
    Ok(TeamPageData {
        business_id: business,
        business_name: membership.business_name.clone(),
        viewer_id: viewer.user_id,
        members,
        invitations,
        new_invitation,
    })
}

/// The link as a QR code (SVG, without the XML prolog so it can sit inside the page).
#[cfg(feature = "ssr")]
fn qr_svg(link: &str) -> String {
    use qrcode::QrCode;
    use qrcode::render::svg;
    match QrCode::new(link.as_bytes()) {
        Ok(code) => {
            let svg = code
                .render::<svg::Color>()
                .min_dimensions(240, 240)
                .dark_color(svg::Color("#1d1a16"))
                .light_color(svg::Color("#ffffff"))
                .build();
            match svg.find("<svg") {
                Some(start) => svg[start..].to_string(),
                None => svg,
            }
        }
        Err(_) => String::new(),
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct InvitePageData {
    pub business_name: String,
    pub role: Role,
    pub expires_at: chrono::DateTime<chrono::Utc>,
    /// The visitor's name, when they are signed in (they may join with that account).
    pub signed_in_as: Option<String>,
    pub already_member: bool,
}

/// What an invitation link offers; `None` when it is used, revoked, expired or unknown.
#[server]
pub async fn get_invite_page(token: String) -> Result<Option<InvitePageData>, AppError> {
    use crate::context::{app_state, hash_token, viewer};
    let store = app_state().store;
    let Some(invitation) =
        store.invitation_by_token(&hash_token(&token), chrono::Utc::now()).await?
    else {
        return Ok(None);
    };
    let viewer = viewer();
    Ok(Some(InvitePageData {
        already_member: viewer
            .as_ref()
            .is_some_and(|v| v.role_in(invitation.business_id).is_some()),
        signed_in_as: viewer.map(|v| v.display_name),
        business_name: invitation.business_name,
        role: invitation.role,
        expires_at: invitation.expires_at,
    }))
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AccountPageData {
    pub display_name: String,
    pub email: String,
    pub sessions: Vec<SessionInfo>,
}

/// The viewer's own account: name, email and every browser signed in to it.
#[server]
pub async fn get_account_page() -> Result<AccountPageData, AppError> {
    use crate::context::{app_state, hash_token, require_viewer};
    let viewer = require_viewer()?;
    let current = session_token().map(|token| hash_token(&token));
    let sessions = app_state()
        .store
        .sessions_of(viewer.user_id, chrono::Utc::now())
        .await?
        .into_iter()
        .map(|(hash, mut info)| {
            info.current = current.as_deref() == Some(hash.as_str());
            info
        })
        .collect();
    Ok(AccountPageData { display_name: viewer.display_name, email: viewer.email, sessions })
}

#[cfg(feature = "ssr")]
fn session_token() -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    let cookies = parts.headers.get_all(http::header::COOKIE);
    cookies.iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(';')).find_map(|pair| {
        let (name, value) = pair.trim().split_once('=')?;
        (name == "nahbar_session").then(|| value.to_string())
    })
}

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
    use crate::api::pages::get_location_for_edit;
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
    use crate::context::{app_state, fail, require_viewer};
    let viewer = require_viewer()?;
    let Some(membership) = viewer.memberships.iter().find(|m| m.business_id == business) else {
        return Err(fail(AppError::NotFound));
    };
    if !membership.role.can_edit_locations() {
        return Err(fail(AppError::NotFound));
    }
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
