//! Data for the imprint and privacy screen (owners and managers) and for the customer
//! pages `/imprint`, `/{slug}/imprint`, `/privacy` and `/{slug}/privacy`. The screen's
//! forms post to the server's `imprint` handlers.
//!
//! A business that has not completed its imprint still gets an imprint page: it shows what
//! the location's own data says (name, address, phone, e-mail), never a notice that
//! something is missing. The owner sees that notice on the dashboard and the screen.

use crate::domain::imprint::Imprint;
use crate::domain::location::{BusinessId, LocationId};
use crate::domain::privacy::PrivacyFacts;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ImprintScreen {
    pub business_id: BusinessId,
    pub business_name: String,
    /// The stored imprint, or a first suggestion from the first location's data.
    pub imprint: Imprint,
    /// Whether the owner has saved the imprint once.
    pub stored: bool,
    pub complete: bool,
    pub locations: Vec<ImprintLocation>,
    pub privacy_hosting: String,
    pub privacy_extra: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ImprintLocation {
    pub id: LocationId,
    pub name: String,
    pub slug: String,
    /// "Hauptstraße 1, 79098 Freiburg".
    pub address: String,
    pub own_address: bool,
}

#[server]
pub async fn get_imprint_screen(business: i64) -> Result<ImprintScreen, AppError> {
    use crate::access::Need;
    use crate::context::app_state;
    let (_, membership) = crate::access::business(business, Need::Manager)?;
    let state = app_state();
    let record = state.store.imprint(business).await?;
    let mut locations = Vec::new();
    for summary in state.store.locations_of(business).await? {
        if summary.archived {
            continue;
        }
        let location = state.store.location(business, summary.id).await?;
        let a = &location.details.address;
        locations.push(ImprintLocation {
            id: location.id,
            name: location.details.name.clone(),
            slug: location.slug.clone(),
            address: format!("{}, {} {}", a.street, a.postal_code, a.city),
            own_address: record.own_address.contains(&location.id),
        });
    }
    let stored = record.imprint.is_some();
    let imprint = match record.imprint {
        Some(imprint) => imprint,
        None => match locations.first() {
            Some(first) => {
                let location = state.store.location(business, first.id).await?;
                suggestion(&membership.business_name, &location)
            }
            None => Imprint::default(),
        },
    };
    Ok(ImprintScreen {
        business_id: business,
        business_name: membership.business_name.clone(),
        complete: stored && imprint.is_complete(),
        imprint,
        stored,
        locations,
        privacy_hosting: record.privacy_hosting,
        privacy_extra: record.privacy_extra,
    })
}

/// What the location's own data already says, as an imprint: the form's first suggestion
/// and the page customers see until the owner completes the imprint.
pub fn suggestion(business_name: &str, location: &crate::domain::location::Location) -> Imprint {
    let d = &location.details;
    Imprint {
        legal_name: business_name.to_string(),
        address: crate::domain::location::Address { region: String::new(), ..d.address.clone() },
        email: d.email.clone(),
        phone: d.phone.clone(),
        ..Imprint::default()
    }
}

/// One business's imprint as a customer page shows it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ShownImprint {
    pub business_name: String,
    pub imprint: Imprint,
    pub privacy: PrivacyFacts,
}

/// The customer pages' data: one entry for a location's page, one per business for the
/// start page's `/imprint` and `/privacy`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PublicImprint {
    pub entries: Vec<ShownImprint>,
    /// The location's slug and name, for `/{slug}/imprint`.
    pub location: Option<(String, String)>,
}

/// The imprint and privacy facts of the location `slug`, or of every business on the
/// start page (no slug). An unknown or archived slug is a 404.
#[server]
pub async fn get_public_imprint(slug: Option<String>) -> Result<PublicImprint, AppError> {
    use crate::context::{app_state, fail};
    let state = app_state();
    match slug {
        Some(slug) => {
            let location = state
                .store
                .location_by_slug(&slug)
                .await?
                .ok_or_else(|| fail(AppError::NotFound))?;
            let entry = shown(&location).await?;
            Ok(PublicImprint {
                entries: vec![entry],
                location: Some((location.slug.clone(), location.details.name.clone())),
            })
        }
        None => {
            let mut entries = Vec::new();
            let mut seen = Vec::new();
            for summary in state.store.public_locations().await? {
                if seen.contains(&summary.business_id) {
                    continue;
                }
                seen.push(summary.business_id);
                if let Some(location) = state.store.location_by_slug(&summary.slug).await? {
                    entries.push(shown(&location).await?);
                }
            }
            Ok(PublicImprint { entries, location: None })
        }
    }
}

/// The imprint a location's page shows: the business's complete imprint (with the
/// location's own address where the owner chose it), else the location's own data.
#[cfg(feature = "ssr")]
async fn shown(location: &crate::domain::location::Location) -> Result<ShownImprint, AppError> {
    use crate::context::app_state;
    let state = app_state();
    let record = state.store.imprint(location.business_id).await?;
    let imprint = match record.imprint.filter(Imprint::is_complete) {
        Some(imprint) => {
            let own = record.own_address.contains(&location.id);
            imprint.for_location(own.then_some(&location.details.address))
        }
        None => suggestion(&location.business_name, location),
    };
    let lines = controller_lines(&imprint, crate::request::lang());
    let privacy = PrivacyFacts {
        controller: lines,
        controller_email: imprint.email.clone(),
        country: imprint.country(),
        hosting: record.privacy_hosting,
        tile_host: tile_host(&state.tile_url),
        federation: state.federation,
        object_storage: state.object_storage,
        extra: record.privacy_extra,
        questions_days: Some(crate::domain::question::KEEP_ANSWERED_DAYS),
        visit_counts_days: state.insights.then_some(crate::domain::insights::KEEP_DAILY_DAYS),
        ..PrivacyFacts::default()
    };
    Ok(ShownImprint { business_name: location.business_name.clone(), imprint, privacy })
}

#[cfg(feature = "ssr")]
fn controller_lines(imprint: &Imprint, lang: crate::i18n::Lang) -> Vec<String> {
    let a = &imprint.address;
    [
        crate::i18n::imprint_page::name_with_form(imprint, lang),
        a.street.clone(),
        format!("{} {}", a.postal_code, a.city).trim().to_string(),
    ]
    .into_iter()
    .filter(|line| !line.trim().is_empty())
    .collect()
}

/// The host of the tile URL (`tile.openstreetmap.org`).
#[cfg(feature = "ssr")]
fn tile_host(tile_url: &str) -> String {
    tile_url
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split(['/', ':']).next())
        .unwrap_or_default()
        .to_string()
}
