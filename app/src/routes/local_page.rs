//! `/{slug}`: the customer's page. Server-rendered, complete without JavaScript, no request
//! to any other host; status line computed here in the location's timezone.

use crate::api::pages::{LocalPageData, get_local_page};
use crate::components::layout::PublicLayout;
use crate::components::opening_hours::{Exceptions, HoursTable, StatusLine, status_text};
use crate::domain::geo::{DirectionsLinks, directions, distance_m};
use crate::domain::hours::status_at;
use crate::domain::location::Poi;
use crate::domain::schedule::ResolvedHours;
use crate::domain::schema_org::{local_business, to_script_json};
use crate::i18n::{Lang, business_type};
use crate::request;
use crate::routes::not_found::NotFound;
use chrono::Datelike;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn LocalPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let page = Resource::new_blocking(slug, get_local_page);
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(data) => view! { <LocationView data=data /> }.into_any(),
                    Err(_) => view! { <NotFound /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn LocationView(data: LocalPageData) -> impl IntoView {
    let lang = request::lang();
    let t = lang.texts();
    let LocalPageData { location, public_url } = data;
    let d = location.details.clone();
    let tz = d.tz();
    let now = chrono::Utc::now();
    let local_now = now.with_timezone(&tz);
    let opening_hours = location.opening_hours();
    let resolved = ResolvedHours::around(&opening_hours, tz, now);
    let status = status_at(&resolved, tz, now);
    let status = status_text(lang, &status, local_now, !location.hours.is_always_closed());
    let today = local_now.date_naive();
    let exceptions = resolved.exceptions(today, 14);
    let page_url = format!("{public_url}/{}", location.slug);
    let json_ld =
        to_script_json(&local_business(&location, &public_url, &resolved.exceptions(today, 30)));
    let title = format!("{} – {}", d.name, d.address.city);
    let summary =
        if d.description.is_empty() { d.address.one_line() } else { d.description.clone() };
    let links = d.geo.map(|geo| directions(geo, &d.name));
    let address = d.address.clone();
    let contact = (d.phone.clone(), d.phone_uri(), d.email.clone(), d.website.clone());
    view! {
        <Title text=title.clone() />
        <Meta name="description" content=summary.clone() />
        <Link rel="canonical" href=page_url.clone() />
        <Meta property="og:type" content="business.business" />
        <Meta property="og:title" content=title />
        <Meta property="og:description" content=summary />
        <Meta property="og:url" content=page_url />
        <Meta property="og:locale" content=if lang == Lang::De { "de_DE" } else { "en_GB" } />
        <script type="application/ld+json" inner_html=json_ld></script>
        <PublicLayout>
            <article class="location">
                <h1>{d.name.clone()}</h1>
                <p class="kind muted">{format!("{} · {}", business_type(lang, &d.schema_type), d.address.city)}</p>
                <StatusLine text=status />
                {(!d.description.is_empty()).then(|| view! { <p class="lead">{d.description.clone()}</p> })}
                {(!exceptions.is_empty()).then(|| view! { <Exceptions exceptions=exceptions.clone() lang=lang /> })}
                <section aria-labelledby="hours-heading">
                    <h2 id="hours-heading">{t.opening_hours}</h2>
                    <HoursTable hours=location.hours.clone() lang=lang today=local_now.weekday() />
                    <p class="muted small">{t.times_in} " " {d.timezone.clone()}</p>
                </section>
                <section aria-labelledby="address-heading">
                    <h2 id="address-heading">{t.address_and_directions}</h2>
                    <address>
                        {address.street.clone()} <br />
                        {format!("{} {}", address.postal_code, address.city)}
                    </address>
                    {links.map(|links| view! { <Directions links=links lang=lang /> })}
                    <ContactList contact=contact lang=lang />
                </section>
                {(!location.pois.is_empty()).then(|| view! {
                    <section aria-labelledby="pois-heading">
                        <h2 id="pois-heading">{t.on_site}</h2>
                        <PoiList pois=location.pois.clone() origin=d.geo lang=lang />
                    </section>
                })}
            </article>
        </PublicLayout>
    }
}

#[component]
fn Directions(links: DirectionsLinks, lang: Lang) -> impl IntoView {
    let t = lang.texts();
    view! {
        <p class="directions">
            {t.directions_with} ": "
            <a href=links.osm rel="noopener">"OpenStreetMap"</a> " · "
            <a href=links.google rel="noopener">"Google Maps"</a> " · "
            <a href=links.apple rel="noopener">"Apple Maps"</a> " · "
            <a href=links.geo_uri>{t.map_app}</a>
        </p>
    }
}

#[component]
fn ContactList(contact: (String, String, String, String), lang: Lang) -> impl IntoView {
    let t = lang.texts();
    let (phone, phone_uri, email, website) = contact;
    view! {
        <dl class="contact">
            {(!phone.is_empty()).then(|| view! {
                <dt>{t.phone}</dt>
                <dd><a href=phone_uri>{phone.clone()}</a></dd>
            })}
            {(!email.is_empty()).then(|| view! {
                <dt>{t.email}</dt>
                <dd><a href=format!("mailto:{email}")>{email.clone()}</a></dd>
            })}
            {(!website.is_empty()).then(|| view! {
                <dt>{t.website}</dt>
                <dd><a href=website.clone() rel="noopener">{website.clone()}</a></dd>
            })}
        </dl>
    }
}

#[component]
fn PoiList(
    pois: Vec<Poi>,
    origin: Option<crate::domain::location::GeoPoint>,
    lang: Lang,
) -> impl IntoView {
    let t = lang.texts();
    view! {
        <ul class="pois">
            {pois
                .into_iter()
                .map(|poi| {
                    let distance = origin.map(|o| format_distance(distance_m(o, poi.point), lang));
                    let links = directions(poi.point, &poi.name);
                    view! {
                        <li>
                            <strong>{poi.name.clone()}</strong>
                            <span class="kind">" · " {t.poi_kind(poi.kind)}</span>
                            {distance.map(|d| view! { <span class="muted">" · " {d} " " {t.distance_away}</span> })}
                            {(!poi.note.is_empty()).then(|| view! { <p>{poi.note.clone()}</p> })}
                            <Directions links=links lang=lang />
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

fn format_distance(metres: f64, lang: Lang) -> String {
    if metres < 1000.0 {
        format!("{} m", ((metres / 10.0).round() * 10.0).max(10.0))
    } else {
        let km = format!("{:.1}", metres / 1000.0);
        let km = if lang == Lang::De { km.replace('.', ",") } else { km };
        format!("{km} km")
    }
}
