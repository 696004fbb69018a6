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
}

#[server]
pub async fn get_hours_page(id: i64) -> Result<HoursPageData, AppError> {
    use crate::api::pages::get_location_for_edit;
    use crate::domain::holidays::holidays_between;
    use crate::domain::osm::export;
    use crate::domain::schedule::{Reason, ResolvedHours};
    let data = get_location_for_edit(id).await?;
    let hours = data.location.opening_hours();
    let tz = data.location.details.tz();
    let today = chrono::Utc::now().with_timezone(&tz).date_naive();
    let resolved = ResolvedHours::new(&hours, today, today + chrono::Duration::days(15));
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
    Ok(HoursPageData {
        business_id: data.business_id,
        osm: export(&hours),
        siblings: data.siblings,
        location: data.location,
        today,
        preview,
        holidays,
    })
}
