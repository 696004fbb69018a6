//! `/admin/locations/{id}/pois`: the location's points of interest. Plain forms (posted to
//! the server's handlers); the map picker (`/map-picker.js` with the bundled Leaflet)
//! enhances the coordinate fields where scripts and tiles are available.

use crate::api::pois::{PoisPageData, get_pois_page};
use crate::components::layout::{AppLayout, CsrfField};
use crate::components::location_switcher::LocationSwitcher;
use crate::domain::geo::distance_m;
use crate::domain::location::{GeoPoint, Poi, PoiKind};
use crate::domain::poi::{MAX_NAME_CHARS, MAX_NOTE_CHARS, PoiForm, PoiProblem};
use crate::i18n::format_distance;
use crate::request;
use crate::routes::not_found::NotFound;
use leptos::prelude::*;
use leptos_meta::{Link, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn PoisPage() -> impl IntoView {
    let id = use_params_map().read_untracked().get("id").and_then(|id| id.parse::<i64>().ok());
    let data = Resource::new_blocking(
        move || id,
        |id| async move {
            match id {
                Some(id) => get_pois_page(id).await.ok(),
                None => None,
            }
        },
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Some(data) => view! { <PoisView data=data /> }.into_any(),
                    None => view! { <NotFound /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The form that came back refused, with what was typed and why.
struct Refused {
    form: String,
    problem: PoiProblem,
    values: PoiForm,
}

fn refused_from_query() -> Option<Refused> {
    let query = use_query_map().read_untracked().clone();
    let problem = PoiProblem::from_code(&query.get("error")?)?;
    let value = |key: &str| query.get(key).unwrap_or_default();
    Some(Refused {
        form: value("form"),
        problem,
        values: PoiForm {
            name: value("name"),
            kind: value("kind"),
            lat: value("lat"),
            lon: value("lon"),
            coords: value("coords"),
            note: value("note"),
            public: query.get("public"),
        },
    })
}

#[component]
fn PoisView(data: PoisPageData) -> impl IntoView {
    let lang = request::lang();
    let (t, g) = (lang.texts(), lang.geo());
    let query = use_query_map().read_untracked().clone();
    let refused = refused_from_query();
    let message = if query.get("saved").is_some() {
        Some(t.saved_short.to_string())
    } else {
        query.get("deleted").map(|_| g.deleted.to_string())
    };
    let location = data.location.clone();
    let base = format!("/admin/locations/{}", location.id);
    let title = format!("{}: {}", g.pois_title, location.details.name);
    let shop = location.details.geo;
    let count = location.pois.len();
    let cards = location
        .pois
        .iter()
        .enumerate()
        .map(|(n, poi)| {
            let values = match &refused {
                Some(r) if r.form == poi.id.to_string() => (r.values.clone(), Some(r.problem)),
                _ => (form_of(poi), None),
            };
            view! {
                <PoiCard
                    poi=poi.clone()
                    base=base.clone()
                    shop=shop
                    first=n == 0
                    last=n + 1 == count
                    values=values.0
                    problem=values.1
                    tile_url=data.tile_url.clone()
                />
            }
        })
        .collect_view();
    let (new_values, new_problem) = match &refused {
        Some(r) if r.form == "new" => (r.values.clone(), Some(r.problem)),
        _ => (
            PoiForm { kind: "parking".into(), public: Some("on".into()), ..PoiForm::default() },
            None,
        ),
    };
    let slug = location.slug.clone();
    view! {
        <Title text=format!("{title} – Nahbar") />
        <Link rel="stylesheet" href="/vendor/leaflet/leaflet.css" />
        <Link rel="stylesheet" href="/map-picker.css" />
        <AppLayout signed_in=true>
            <p class="crumbs">
                <a href="/admin">{t.dashboard}</a> " · "
                <a href=base.clone()>{t.edit_location}</a> " · "
                <a href=format!("/{slug}")>{t.view_page}</a>
            </p>
            <LocationSwitcher lang=lang current=location.id siblings=data.siblings.clone() section="/pois" />
            <h1>{title}</h1>
            <p class="help">{g.pois_intro}</p>
            {message.map(|text| view! { <p class="message ok" role="status">{text}</p> })}
            {(count == 0).then(|| view! { <p class="muted">{g.no_pois}</p> })}
            <ul class="cards pois">{cards}</ul>
            <section aria-labelledby="poi-new-heading" id="poi-new">
                <h2 id="poi-new-heading">{g.add_poi}</h2>
                <PoiFields
                    action=format!("{base}/pois")
                    form_id="new".to_string()
                    values=new_values
                    problem=new_problem
                    shop=shop
                    tile_url=data.tile_url.clone()
                    submit=t.add
                />
            </section>
            <section aria-labelledby="exports-heading">
                <h2 id="exports-heading">{g.exports}</h2>
                <p class="help">{g.exports_help}</p>
                <ul class="exports">
                    <li><a href=format!("/{slug}/pois.geojson")>"GeoJSON"</a></li>
                    <li><a href=format!("/{slug}/pois.gpx")>"GPX"</a></li>
                    <li><a href=format!("/{slug}/pois.kml")>"KML"</a></li>
                </ul>
            </section>
            <script src="/vendor/leaflet/leaflet.js" defer></script>
            <script src="/map-picker.js" defer></script>
        </AppLayout>
    }
}

fn form_of(poi: &Poi) -> PoiForm {
    PoiForm {
        name: poi.name.clone(),
        kind: poi.kind.as_str().to_string(),
        lat: poi.point.lat.to_string(),
        lon: poi.point.lon.to_string(),
        coords: String::new(),
        note: poi.note.clone(),
        public: poi.public.then(|| "on".to_string()),
    }
}

#[allow(clippy::too_many_arguments)]
#[component]
fn PoiCard(
    poi: Poi,
    base: String,
    shop: Option<GeoPoint>,
    first: bool,
    last: bool,
    values: PoiForm,
    problem: Option<PoiProblem>,
    tile_url: String,
) -> impl IntoView {
    let lang = request::lang();
    let (t, g) = (lang.texts(), lang.geo());
    let distance = shop.map(|shop| format_distance(lang, distance_m(shop, poi.point)));
    let visibility = if poi.public { g.public_tag } else { g.internal_tag };
    let action = format!("{base}/pois/{}", poi.id);
    let move_form = |direction: &'static str, label: &'static str, disabled: bool| {
        view! {
            <form method="post" action=format!("{action}/move") class="inline">
                <CsrfField />
                <input type="hidden" name="direction" value=direction />
                <button type="submit" class="link" disabled=disabled>
                    {label} <span class="visually-hidden">{format!(": {}", poi.name)}</span>
                </button>
            </form>
        }
    };
    view! {
        <li class="card" id=format!("poi-{}", poi.id)>
            <strong>{poi.name.clone()}</strong>
            <span>
                {t.poi_kind(poi.kind)}
                {distance.map(|d| format!(" · {d} {}", g.from_shop))}
                " · " <span class=if poi.public { "tag" } else { "tag internal" }>{visibility}</span>
            </span>
            {(!poi.note.is_empty()).then(|| view! { <span class="muted">{poi.note.clone()}</span> })}
            <div class="card-actions">
                {move_form("up", g.move_up, first)}
                {move_form("down", g.move_down, last)}
                <form method="post" action=format!("{action}/delete") class="inline">
                    <CsrfField />
                    <button type="submit" class="link">
                        {t.delete} <span class="visually-hidden">{format!(": {}", poi.name)}</span>
                    </button>
                </form>
            </div>
            <details open=problem.is_some()>
                <summary>{g.edit} <span class="visually-hidden">{format!(": {}", poi.name)}</span></summary>
                <PoiFields
                    action=action.clone()
                    form_id=poi.id.to_string()
                    values=values
                    problem=problem
                    shop=shop
                    tile_url=tile_url
                    submit=g.save
                />
            </details>
        </li>
    }
}

/// The fields of one POI form with its map picker; ids are prefixed by `form_id`.
#[component]
fn PoiFields(
    action: String,
    form_id: String,
    values: PoiForm,
    problem: Option<PoiProblem>,
    shop: Option<GeoPoint>,
    tile_url: String,
    submit: &'static str,
) -> impl IntoView {
    let lang = request::lang();
    let (t, g) = (lang.texts(), lang.geo());
    let id = |field: &str| format!("poi-{form_id}-{field}");
    let error_id = id("error");
    let invalid = |fields: &[PoiProblem]| problem.is_some_and(|p| fields.contains(&p));
    let kinds = PoiKind::ALL
        .into_iter()
        .map(|kind| {
            view! {
                <option value=kind.as_str() selected=values.kind == kind.as_str()>
                    {t.poi_kind(kind)}
                </option>
            }
        })
        .collect_view();
    let center = |f: fn(GeoPoint) -> f64| shop.map(|p| f(p).to_string()).unwrap_or_default();
    view! {
        <form method="post" action=action class="stack poi-form" novalidate>
            <CsrfField />
            {problem.map(|p| view! {
                <p class="message problem" role="alert" id=error_id.clone()>
                    {g.poi_problem(lang, p)}
                </p>
            })}
            <div class="row">
                <div class="field">
                    <label for=id("name")>{g.name}</label>
                    <input
                        id=id("name")
                        name="name"
                        required
                        maxlength=MAX_NAME_CHARS.to_string()
                        value=values.name.clone()
                        aria-invalid=invalid(&[PoiProblem::NameMissing, PoiProblem::NameTooLong]).then_some("true")
                        aria-describedby=invalid(&[PoiProblem::NameMissing, PoiProblem::NameTooLong]).then(|| error_id.clone())
                    />
                </div>
                <div class="field">
                    <label for=id("kind")>{g.kind}</label>
                    <select id=id("kind") name="kind">{kinds}</select>
                </div>
            </div>
            <fieldset
                class="map-picker"
                data-map-picker=""
                data-tile-url=tile_url
                data-attribution="© OpenStreetMap contributors"
                data-attribution-url="https://www.openstreetmap.org/copyright"
                data-center-lat=center(|p| p.lat)
                data-center-lon=center(|p| p.lon)
                data-text-locating=g.picker_locating
                data-text-located=g.picker_located
                data-text-denied=g.picker_denied
                data-text-moved=g.picker_moved
                data-text-map-label=g.picker_map_label
                data-text-bad-coords=g.picker_bad_coords
                data-text-tiles-failed=g.picker_tiles_failed
                data-text-marker=g.picker_marker
            >
                <legend>{g.position}</legend>
                <div class="map-picker__map" hidden></div>
                <div class="map-picker__fields row">
                    <div class="field">
                        <label for=id("lat")>{g.latitude}</label>
                        <input
                            id=id("lat")
                            name="lat"
                            inputmode="decimal"
                            autocomplete="off"
                            value=values.lat.clone()
                            aria-invalid=invalid(&[PoiProblem::Position]).then_some("true")
                            aria-describedby=invalid(&[PoiProblem::Position]).then(|| error_id.clone())
                        />
                    </div>
                    <div class="field">
                        <label for=id("lon")>{g.longitude}</label>
                        <input
                            id=id("lon")
                            name="lon"
                            inputmode="decimal"
                            autocomplete="off"
                            value=values.lon.clone()
                            aria-invalid=invalid(&[PoiProblem::Position]).then_some("true")
                            aria-describedby=invalid(&[PoiProblem::Position]).then(|| error_id.clone())
                        />
                    </div>
                </div>
                <div class="field">
                    <label for=id("coords")>{g.coords_search}</label>
                    <input
                        id=id("coords")
                        name="coords"
                        type="text"
                        autocomplete="off"
                        placeholder="47.9935, 7.8520"
                        value=values.coords.clone()
                        aria-describedby=if invalid(&[PoiProblem::Coordinates]) { format!("{error_id} {}", id("coords-help")) } else { id("coords-help") }
                        aria-invalid=invalid(&[PoiProblem::Coordinates]).then_some("true")
                    />
                    <p class="help" id=id("coords-help")>{g.coords_help}</p>
                </div>
                <button type="button" class="button-secondary" data-use-position="" hidden>
                    {g.use_my_position}
                </button>
                <p class="map-picker__status" data-picker-status="" role="status" aria-live="polite"></p>
            </fieldset>
            <div class="field">
                <label for=id("note")>{g.note}</label>
                <input
                    id=id("note")
                    name="note"
                    maxlength=MAX_NOTE_CHARS.to_string()
                    value=values.note.clone()
                    aria-invalid=invalid(&[PoiProblem::NoteTooLong]).then_some("true")
                    aria-describedby=invalid(&[PoiProblem::NoteTooLong]).then(|| error_id.clone())
                />
            </div>
            <div class="check">
                <input id=id("public") name="public" type="checkbox" checked=values.public.is_some() />
                <label for=id("public")>{g.public_label}</label>
            </div>
            <button type="submit" class="primary">{submit}</button>
        </form>
    }
}
