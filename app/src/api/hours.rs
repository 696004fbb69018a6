//! Data for the special-hours and holidays screen. Its forms post to the server's
//! `/admin/locations/{id}/…` handlers, so the screen works without WASM.

use crate::domain::holidays::Holiday;
use crate::domain::hours::Interval;
use crate::domain::location::{BusinessId, Location};
use crate::error::AppError;
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PreviewDay {
    pub date: NaiveDate,
    pub intervals: Vec<Interval>,
    /// The special-hours note or the holiday's name, when the day is not a regular one.
    pub label: Option<(String, String)>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct HolidayItem {
    pub holiday: Holiday,
    pub confirmed: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct HoursPageData {
    pub business_id: BusinessId,
    pub location: Location,
    pub today: NaiveDate,
    /// The location's hours as a canonical OSM `opening_hours` value.
    pub osm: String,
    pub preview: Vec<PreviewDay>,
    pub holidays: Vec<HolidayItem>,
    /// Every location of the business: the switcher and "apply to other locations".
    pub siblings: Vec<crate::domain::location::LocationSummary>,
    /// The newest print of each sign, and whether it still shows what the data says.
    pub prints: Vec<PrintedSign>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PrintedSign {
    pub kind: crate::domain::sign::SignKind,
    pub paper: String,
    pub language: String,
    pub printed_on: NaiveDate,
    /// The data changed since: the sign rebuilt for its print date shows something else
    /// (or its closure entry is gone).
    pub out_of_date: bool,
}

/// Rebuilds each printed sign for its print date from today's data and compares what it
/// shows (the fingerprint leaves the date out), so "out of date" means the hours, the
/// closures or the name changed, not merely that time passed. A closure notice whose
/// entry is over is not listed any more.
#[cfg(feature = "ssr")]
pub(crate) async fn printed_signs(
    state: &crate::context::AppState,
    location: &Location,
    today: NaiveDate,
) -> Result<Vec<PrintedSign>, AppError> {
    use crate::domain::sign::{Sign, SignKind};
    let prints = state.store.latest_sign_prints(location.id).await?;
    Ok(prints
        .into_iter()
        .filter_map(|print| {
            let kind: SignKind = serde_json::from_str(&print.kind).ok()?;
            let rebuilt = Sign::build(location, kind, print.printed_on, &state.public_url);
            if let SignKind::Closure { special_id } = kind {
                let entry = location.special.iter().find(|s| s.id == special_id);
                if entry.is_none_or(|s| s.to < today) {
                    return None;
                }
            }
            Some(PrintedSign {
                kind,
                paper: print.paper,
                language: print.language,
                printed_on: print.printed_on,
                out_of_date: match &rebuilt {
                    Ok(sign) => sign.fingerprint() != print.fingerprint,
                    Err(_) => matches!(kind, SignKind::Closure { .. }),
                },
            })
        })
        .collect())
}

#[server]
pub async fn get_hours_page(id: i64) -> Result<HoursPageData, AppError> {
    use crate::api::locations::get_location_for_edit;
    use crate::domain::holidays::holidays_between;
    use crate::domain::osm::export;
    use crate::domain::schedule::{Reason, ResolvedHours};
    let data = get_location_for_edit(id).await?;
    let hours = data.location.opening_hours();
    let tz = data.location.details.tz();
    let today = crate::context::now().with_timezone(&tz).date_naive();
    let resolved = ResolvedHours::new_in(&hours, tz, today, today + chrono::Duration::days(15));
    let preview = resolved
        .days(today, 14)
        .into_iter()
        .map(|day| PreviewDay {
            date: day.date,
            intervals: day.intervals.to_vec(),
            label: match day.reason {
                Reason::Weekly => None,
                Reason::Special(s) => Some((s.note.clone(), s.note.clone())),
                Reason::Holiday(h) => Some((h.name_de.clone(), h.name_en.clone())),
                Reason::Rule(r) => Some((r.comment.clone(), r.comment.clone())),
            },
        })
        .collect();
    let holidays = holidays_between(&hours.region, today, today + chrono::Duration::days(365))
        .into_iter()
        .map(|holiday| HolidayItem {
            confirmed: hours.special.iter().any(|s| s.covers(holiday.date)),
            holiday,
        })
        .collect();
    let prints = printed_signs(&crate::context::app_state(), &data.location, today).await?;
    Ok(HoursPageData {
        prints,
        business_id: data.business_id,
        osm: export(&hours),
        siblings: data.siblings,
        location: data.location,
        today,
        preview,
        holidays,
    })
}
