//! Data for the team screen (owners) and the invitation page. Their forms post to the
//! server's `team` handlers, so both screens work without WASM.

use crate::domain::location::{BusinessId, Role};
use crate::domain::team::{Invitation, Member};
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
    /// Whether invitations can be sent by e-mail (`--smtp-url`).
    pub mail: bool,
}

/// The business's members and open invitations, for its owner. `invite` is the token of
/// an invitation just made (from the redirect), shown with its QR code.
#[server]
pub async fn get_team_page(
    business: i64,
    invite: Option<String>,
) -> Result<TeamPageData, AppError> {
    use crate::access::Need;
    use crate::context::{app_state, hash_token};
    let (viewer, membership) = crate::access::business(business, Need::Owner)?;
    let state = app_state();
    let now = state.clock.now();
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
        mail: state.mail,
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
    use crate::context::{app_state, hash_token, now, viewer};
    let store = app_state().store;
    let Some(invitation) = store.invitation_by_token(&hash_token(&token), now()).await? else {
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
