//! Many locations per business: adding a location (from the dashboard), archiving one and
//! bringing it back, and copying one location's hours to others ("bulk"). Managers and
//! owners only; a foreign or missing business or location is the same 404. Every change is
//! logged, and the locations it touches keep a revision, so it can be undone.

use crate::ServerState;
use crate::hours_admin::{Editable, not_found};
use app::context::Viewer;
use app::domain::location::{
    Address, BUSINESS_TYPES, BusinessId, LANGUAGES, LocationDetails, Slug,
};
use app::domain::schedule::{OpeningHours, SpecialHours};
use app::domain::team::{Actor, Change};
use app::store::{NewLocation, StoreError, log_change};
use axum::Form;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use serde::Deserialize;

/// The business named by the `{business}` path segment, if the signed-in user may edit its
/// locations (owner or manager). Staff, strangers and a business that does not exist get
/// the same 404.
pub struct LocationManager {
    pub business: BusinessId,
    pub business_name: String,
    pub actor: Actor,
}

impl axum::extract::FromRequestParts<ServerState> for LocationManager {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut http::request::Parts,
        state: &ServerState,
    ) -> Result<Self, Self::Rejection> {
        let business = business_in_path(parts, state).await?;
        let viewer = parts.extensions.get::<Viewer>().ok_or_else(nothing_here)?;
        let membership = viewer
            .memberships
            .iter()
            .find(|m| m.business_id == business && m.role.can_edit_locations())
            .ok_or_else(nothing_here)?;
        Ok(LocationManager {
            business,
            business_name: membership.business_name.clone(),
            actor: app::context::actor_of(parts),
        })
    }
}

/// The answer for a business that is missing or not the asker's to change.
pub fn nothing_here() -> Response {
    (http::StatusCode::NOT_FOUND, "There is nothing here that you may change.").into_response()
}

/// The `{business}` path segment; anything else is the same 404 as a foreign business.
pub async fn business_in_path(
    parts: &mut http::request::Parts,
    state: &ServerState,
) -> Result<BusinessId, Response> {
    let Path(params) =
        <Path<std::collections::HashMap<String, String>> as axum::extract::FromRequestParts<
            ServerState,
        >>::from_request_parts(parts, state)
        .await
        .map_err(|_| nothing_here())?;
    params.get("business").and_then(|b| b.parse().ok()).ok_or_else(nothing_here)
}

/// The time zone a new location in `country` most likely has (the owner can change it).
fn timezone_for(country: &str) -> &'static str {
    match country {
        "AT" => "Europe/Vienna",
        "CH" => "Europe/Zurich",
        "LI" => "Europe/Vaduz",
        "LU" => "Europe/Luxembourg",
        _ => "Europe/Berlin",
    }
}

#[derive(Deserialize)]
pub struct NewLocationForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    city: String,
    #[serde(default)]
    schema_type: String,
    #[serde(default)]
    slug: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    country: String,
}

/// `POST /admin/businesses/{business}/locations`: a new location with the essentials; the
/// full editor opens next. A slug made from the name gets `-2`, `-3`, … when it is taken;
/// a slug typed by hand that is taken is refused.
pub async fn create(
    State(state): State<ServerState>,
    editor: LocationManager,
    Form(form): Form<NewLocationForm>,
) -> Response {
    let business = editor.business;
    let back = |code: &str| {
        let query = form_urlencoded::Serializer::new(String::new())
            .append_pair("new_error", code)
            .append_pair("business", &business.to_string())
            .append_pair("name", form.name.trim())
            .append_pair("city", form.city.trim())
            .append_pair("slug", form.slug.trim())
            .finish();
        Redirect::to(&format!("/admin?{query}#new-location-{business}")).into_response()
    };
    let country = match form.country.trim() {
        "" => "DE".to_string(),
        c => c.to_uppercase(),
    };
    if !BUSINESS_TYPES.contains(&form.schema_type.as_str()) {
        return back("schema_type");
    }
    if !form.language.is_empty() && !LANGUAGES.contains(&form.language.as_str()) {
        return back("language");
    }
    let details = LocationDetails {
        name: form.name.clone(),
        schema_type: form.schema_type.clone(),
        address: Address {
            city: form.city.clone(),
            country: country.clone(),
            ..Address::default()
        },
        timezone: timezone_for(&country).into(),
        language: form.language.clone(),
        ..LocationDetails::default()
    };
    let details = match details.validate() {
        Ok(details) => details,
        Err(errors) => return back(&errors[0].field),
    };
    let typed = form.slug.trim();
    let (base, tries) = if typed.is_empty() {
        match Slug::from_name(&details.name) {
            Some(slug) => (slug, 20),
            None => return back("slug"),
        }
    } else {
        match Slug::parse(typed) {
            Ok(slug) => (slug, 1),
            Err(_) => return back("slug"),
        }
    };
    let now = Utc::now();
    for attempt in 1..=tries {
        let slug = if attempt == 1 {
            base.clone()
        } else {
            let suffix = format!("-{attempt}");
            let stem: String = base.as_str().chars().take(64 - suffix.len()).collect();
            match Slug::parse(&format!("{}{suffix}", stem.trim_end_matches('-'))) {
                Ok(slug) => slug,
                Err(_) => return back("slug"),
            }
        };
        let mut details = details.clone();
        if details.branch_code.is_empty() {
            details.branch_code = slug.as_str().to_uppercase();
        }
        let new = NewLocation {
            business_id: business,
            slug: slug.clone(),
            details,
            hours: Default::default(),
        };
        match state.app.store.create_location(&new, now).await {
            Ok(id) => {
                let change = Change {
                    business_id: business,
                    location_id: Some(id),
                    action: "location.create".into(),
                    detail: format!("{} (/{})", new.details.name, slug),
                };
                log_change(state.app.store.as_ref(), &editor.actor, change, None).await;
                return Redirect::to(&format!("/admin/locations/{id}?created=1")).into_response();
            }
            Err(StoreError::Conflict(_)) => continue,
            Err(error) => {
                tracing::error!(%error, "creating a location failed");
                return crate::internal_error();
            }
        }
    }
    back("slug_taken")
}

#[derive(Deserialize)]
pub struct ArchiveForm {
    archive: String,
}

/// `POST /admin/locations/{id}/archive` with `archive=1` (no public page, not in the
/// sitemap, nearby search or exports; kept with its history) or `archive=0` (public again).
pub async fn archive(
    State(state): State<ServerState>,
    editable: Editable,
    Form(form): Form<ArchiveForm>,
) -> Response {
    let archived = form.archive == "1";
    let id = editable.location.id;
    let result =
        state.app.store.set_location_archived(editable.business, id, archived, Utc::now()).await;
    let action = if archived { "location.archive" } else { "location.unarchive" };
    match editable.logged(&state, action, &editable.location.details.name, result).await {
        Ok(()) => Redirect::to(&format!(
            "/admin?{}={id}#location-{id}",
            if archived { "archived" } else { "unarchived" }
        ))
        .into_response(),
        Err(StoreError::NotFound) => not_found(),
        Err(error) => {
            tracing::error!(%error, "archiving a location failed");
            crate::internal_error()
        }
    }
}

/// `POST /admin/locations/{id}/apply-hours`: this location's weekly hours (`weekly=on`)
/// and/or its special hours and closures from today on (`special=on`) are copied to every
/// location named by a `targets` field. Every target is checked before anything is written;
/// each keeps its holiday rule, and its own special hours unless this location has one on
/// the same days.
pub async fn apply_hours(
    State(state): State<ServerState>,
    editable: Editable,
    body: Bytes,
) -> Response {
    let source = &editable.location;
    let id = source.id;
    let mut targets = Vec::new();
    let (mut weekly, mut special) = (false, false);
    for (key, value) in form_urlencoded::parse(&body) {
        match key.as_ref() {
            "targets" => match value.parse::<i64>() {
                Ok(target) if target != id && !targets.contains(&target) => targets.push(target),
                Ok(_) => {}
                Err(_) => return not_found(),
            },
            "weekly" => weekly = true,
            "special" => special = true,
            _ => {}
        }
    }
    if targets.is_empty() {
        return back_to_hours(id, "apply_error=targets");
    }
    if !weekly && !special {
        return back_to_hours(id, "apply_error=what");
    }
    let store = &state.app.store;
    let mut loaded = Vec::with_capacity(targets.len());
    for target in &targets {
        match store.location(editable.business, *target).await {
            Ok(location) => loaded.push(location),
            Err(StoreError::NotFound) => return not_found(),
            Err(error) => {
                tracing::error!(%error, "loading a location failed");
                return crate::internal_error();
            }
        }
    }
    let today = Utc::now().with_timezone(&source.details.tz()).date_naive();
    let copied: Vec<SpecialHours> =
        source.special.iter().filter(|s| s.to >= today).cloned().collect();
    let now = Utc::now();
    for target in &loaded {
        let mut hours: OpeningHours = target.opening_hours();
        if weekly {
            hours.weekly = source.hours.clone();
        }
        if special {
            hours
                .special
                .retain(|own| !copied.iter().any(|c| c.from <= own.to && own.from <= c.to));
            hours.special.extend(copied.iter().map(|c| SpecialHours { id: 0, ..c.clone() }));
            hours.special.sort_by_key(|s| s.from);
        }
        let result = store.replace_opening_hours(editable.business, target.id, &hours, now).await;
        if let Err(error) = result {
            tracing::error!(%error, "applying hours failed");
            return crate::internal_error();
        }
        let change = Change {
            business_id: editable.business,
            location_id: Some(target.id),
            action: "hours.apply".into(),
            detail: format!(
                "{} → {}{}",
                source.details.name,
                if weekly { "weekly" } else { "" },
                if special { if weekly { " + special" } else { "special" } } else { "" }
            ),
        };
        log_change(store.as_ref(), &editable.actor, change, Some(target)).await;
    }
    back_to_hours(id, &format!("applied={}", loaded.len()))
}

fn back_to_hours(id: i64, query: &str) -> Response {
    Redirect::to(&format!("/admin/locations/{id}/hours?{query}#apply")).into_response()
}
