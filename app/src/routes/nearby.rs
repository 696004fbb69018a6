//! `/nearby?lat=&lon=&radius_m=`: shops and their public POIs around a point, nearest
//! first. A plain GET form, complete without JavaScript; `/nearby.js` adds "use my
//! position" where scripts run.

use crate::api::nearby::{NearbyAnswer, NearbyResult, get_nearby};
use crate::components::layout::PublicLayout;
use crate::domain::geo::directions;
use crate::domain::nearby::{DEFAULT_RADIUS_M, MAX_RADIUS_M, NearbyParams, PlaceKind};
use crate::i18n::format_distance;
use crate::request;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

#[component]
pub fn NearbyPage() -> impl IntoView {
    let query = use_query_map().read_untracked().clone();
    let params = NearbyParams {
        lat: query.get("lat"),
        lon: query.get("lon"),
        radius_m: query.get("radius_m"),
        k: query.get("k"),
        kind: query.get("kind"),
        open_now: query.get("open_now"),
    };
    let answer = Resource::new_blocking(move || params.clone(), get_nearby);
    let lang = request::lang();
    let (t, g) = (lang.texts(), lang.geo());
    let (lat, lon) = (query.get("lat").unwrap_or_default(), query.get("lon").unwrap_or_default());
    let radius = query.get("radius_m").unwrap_or_else(|| DEFAULT_RADIUS_M.to_string());
    let open_now = query.get("open_now").is_some();
    view! {
        <Title text=format!("{} – Nahbar", g.nearby_title) />
        <Meta name="description" content=g.nearby_intro />
        <PublicLayout>
            <h1>{g.nearby_title}</h1>
            <p>{g.nearby_intro}</p>
            <form method="get" action="/nearby" class="stack nearby-form" data-nearby="">
                <div class="row">
                    <div class="field">
                        <label for="nearby-lat">{g.latitude}</label>
                        <input id="nearby-lat" name="lat" inputmode="decimal" required value=lat />
                    </div>
                    <div class="field">
                        <label for="nearby-lon">{g.longitude}</label>
                        <input id="nearby-lon" name="lon" inputmode="decimal" required value=lon />
                    </div>
                    <div class="field">
                        <label for="nearby-radius">{g.radius}</label>
                        <input
                            id="nearby-radius"
                            name="radius_m"
                            type="number"
                            min="1"
                            max=MAX_RADIUS_M.to_string()
                            step="any"
                            value=radius
                        />
                    </div>
                </div>
                <div class="check">
                    <input id="nearby-open" name="open_now" type="checkbox" value="1" checked=open_now />
                    <label for="nearby-open">{g.open_now_only}</label>
                </div>
                <div class="card-actions">
                    <button type="submit" class="primary">{g.search}</button>
                    <button
                        type="button"
                        class="button-secondary"
                        data-use-position=""
                        data-text-locating=g.picker_locating
                        data-text-denied=g.picker_denied
                        hidden
                    >
                        {g.use_my_position}
                    </button>
                </div>
                <p class="help" data-nearby-status="" role="status" aria-live="polite"></p>
            </form>
            <Suspense>
                {move || Suspend::new(async move {
                    match answer.await {
                        Ok(NearbyAnswer::Results(results)) => view! { <Results results=results /> }.into_any(),
                        Ok(NearbyAnswer::Problem(problem)) => view! {
                            <p class="message problem" role="alert">{g.nearby_problem(lang, problem)}</p>
                        }.into_any(),
                        Ok(NearbyAnswer::Empty) => ().into_any(),
                        Err(_) => view! { <p class="message problem" role="alert">{t.save_failed}</p> }.into_any(),
                    }
                })}
            </Suspense>
            <script src="/nearby.js" defer></script>
        </PublicLayout>
    }
}

#[component]
fn Results(results: Vec<NearbyResult>) -> impl IntoView {
    let lang = request::lang();
    let (t, g) = (lang.texts(), lang.geo());
    if results.is_empty() {
        return view! { <p>{g.nearby_none}</p> }.into_any();
    }
    let items = results
        .into_iter()
        .map(|r| {
            let what = match r.kind {
                PlaceKind::Location => g.shop.to_string(),
                PlaceKind::Poi(kind) => {
                    format!("{} {} {}", t.poi_kind(kind), g.of_location, r.location_name)
                }
            };
            let links = directions(r.point, &r.name);
            view! {
                <li class="card">
                    <a href=format!("/{}", r.slug)><strong>{r.name.clone()}</strong></a>
                    <span>{what} " · " <strong>{format_distance(lang, r.distance_m)}</strong></span>
                    <span class="links">
                        {t.directions_with} ": "
                        <a href=links.osm>"OpenStreetMap"</a> " · "
                        <a href=links.google>"Google Maps"</a> " · "
                        <a href=links.apple>"Apple Maps"</a> " · "
                        <a href=links.geo_uri>{t.map_app}</a>
                    </span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="nearby-results">
            <h2 id="nearby-results">{g.nearby_results}</h2>
            <ul class="cards">{items}</ul>
        </section>
    }
    .into_any()
}
