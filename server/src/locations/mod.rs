//! The `locations` capability: adding a location (from the dashboard) and archiving one or
//! bringing it back. Managers and owners only; a foreign or missing business or location is
//! the same 404. Every change is logged. (Details and weekly hours are saved by the
//! `save_location` server function of the editor island, `app::api::locations`.)

use crate::ServerState;
use crate::http::access::{BusinessManager, LocationEditor, audit};
use crate::http::answer;
use app::domain::location::{
    Address, BUSINESS_TYPES, LANGUAGES, LocationDetails, timezone_of_country,
};
use app::domain::slug::Slug;
use app::domain::team::Change;
use app::error::AppError;
use app::store::{NewLocation, StoreError};
use axum::Form;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;

/// How many numbered slugs (`-2`, `-3` …) are tried for a name that is taken.
const SLUG_TRIES: u32 = 20;

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
    manager: BusinessManager,
    Form(form): Form<NewLocationForm>,
) -> Result<Response, AppError> {
    let business = manager.business;
    let back = |code: &str| {
        let query = answer::query([
            ("new_error", code),
            ("business", &business.to_string()),
            ("name", form.name.trim()),
            ("city", form.city.trim()),
            ("slug", form.slug.trim()),
        ]);
        Ok(answer::to(format!("/admin?{query}#new-location-{business}")))
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
        timezone: timezone_of_country(&country).unwrap_or("Europe/Berlin").into(),
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
            Some(slug) => (slug, SLUG_TRIES),
            None => return back("slug"),
        }
    } else {
        match Slug::parse(typed) {
            Ok(slug) => (slug, 1),
            Err(_) => return back("slug"),
        }
    };
    let now = state.now();
    for attempt in 1..=tries {
        let Some(slug) = base.numbered(attempt) else { return back("slug") };
        let mut details = details.clone();
        if details.branch_code.is_empty() {
            details.branch_code = slug.as_str().to_uppercase();
        }
        let new = NewLocation { business_id: business, slug, details, hours: Default::default() };
        match state.store().create_location(&new, now).await {
            Ok(id) => {
                let change = Change {
                    business_id: business,
                    location_id: Some(id),
                    action: "location.create".into(),
                    detail: format!("{} (/{})", new.details.name, new.slug),
                };
                audit(&state, &manager.actor, change, None).await;
                return Ok(answer::to(format!("/admin/locations/{id}?created=1")));
            }
            Err(StoreError::Conflict(_)) => continue,
            Err(error) => return Err(error.into()),
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
    editor: LocationEditor,
    Form(form): Form<ArchiveForm>,
) -> Result<Response, AppError> {
    let archived = form.archive == "1";
    let id = editor.id();
    state.store().set_location_archived(editor.business, id, archived, state.now()).await?;
    let (action, said) = if archived {
        ("location.archive", "archived")
    } else {
        ("location.unarchive", "unarchived")
    };
    editor.log(&state, action, &editor.location.details.name).await;
    Ok(answer::to(format!("/admin?{said}={id}#location-{id}")))
}
