//! `/{slug}`: the customer's page. Server-rendered, complete without JavaScript, no request
//! to any other host; status line computed here in the location's timezone.

use crate::api::public::{LocalPageData, get_local_page};
use crate::components::layout::PublicLayout;
use crate::components::opening_hours::{Exceptions, HoursTable, StatusLine, status_text};
use crate::components::post_view::{Photo, PostArticle};
use crate::domain::geo::{DirectionsLinks, directions, distance_m};
use crate::domain::hours::status_at;
use crate::domain::location::Poi;
use crate::domain::location_image::{height_at, jpeg_url, rendition_width};
use crate::domain::schedule::ResolvedHours;
use crate::domain::schema_org::{add_images, local_business, to_script_json};
use crate::domain::static_map::{static_map, tile_origin};
use crate::i18n::{Lang, business_type, format_distance};
use crate::request;
use crate::routes::not_found::NotFound;
use chrono::Datelike;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

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
    let LocalPageData { location, public_url, tile_url, posts, now, images, answers } = data;
    let show_map = use_query_map().read_untracked().get("map").is_some_and(|v| v == "1");
    let d = location.details.clone();
    let tz = d.tz();
    let local_now = now.with_timezone(&tz);
    let opening_hours = location.opening_hours();
    let resolved = ResolvedHours::around(&opening_hours, tz, now);
    let status = status_at(&resolved, tz, now);
    let today = local_now.date_naive();
    // The page reads the same until the shop opens or closes, or the day's words change.
    let midnight = crate::domain::hours::resolve_local(tz, today.succ_opt().unwrap_or(today), 0);
    let next = status.next_change.map(|at| at.with_timezone(&chrono::Utc));
    request::cache_until(next.map_or(midnight, |at| at.min(midnight)));
    let status = status_text(lang, &status, local_now, !location.hours.is_always_closed());
    let exceptions = resolved.exceptions(today, 14);
    let page_url = format!("{public_url}/{}", location.slug);
    let mut business = local_business(&location, &public_url, &resolved.exceptions(today, 30));
    add_images(&mut business, &images, &public_url);
    let json_ld = to_script_json(&business);
    // A shared link shows the cover, else the logo (whose alt text is the shop's name).
    let preview = images.preview().map(|photo| {
        let alt = if photo.alt.is_empty() { d.name.clone() } else { photo.alt.clone() };
        let width = rendition_width(photo, 1200);
        (jpeg_url(&public_url, photo, 1200), alt, width, height_at(photo, width))
    });
    let large_preview = images.cover.is_some();
    let title = format!("{} – {}", d.name, d.address.city);
    let summary =
        if d.description.is_empty() { d.address.one_line() } else { d.description.clone() };
    let links = d.geo.map(|geo| directions(geo, &d.name));
    let address = d.address.clone();
    let contact = (d.phone.clone(), d.email.clone(), d.website.clone());
    view! {
        <Title text=title.clone() />
        <Meta name="description" content=summary.clone() />
        <Link rel="canonical" href=page_url.clone() />
        {crate::domain::slug::fediverse_handle(&public_url, &location.slug).map(|_| view! {
            <Link rel="me" href=format!("{page_url}/actor") />
        })}
        <Meta property="og:type" content="business.business" />
        <Meta property="og:title" content=title />
        <Meta property="og:description" content=summary />
        <Meta property="og:url" content=page_url />
        <Meta property="og:locale" content=lang.og_locale() />
        {preview.map(|(url, alt, width, height)| view! {
            <Meta property="og:image" content=url />
            <Meta property="og:image:width" content=width.to_string() />
            <Meta property="og:image:height" content=height.to_string() />
            <Meta property="og:image:alt" content=alt />
            <Meta name="twitter:card" content=if large_preview { "summary_large_image" } else { "summary" } />
        })}
        <Link rel="alternate" type_="application/atom+xml" href=format!("/{}/feed.atom", location.slug) title=lang.posts().feed />
        <Link rel="alternate" type_="application/feed+json" href=format!("/{}/feed.json", location.slug) title=lang.posts().feed_json />
        <script type="application/ld+json" inner_html=json_ld></script>
        <PublicLayout slug=location.slug.clone()>
            <article class="location">
                {images.cover.clone().map(|cover| {
                    let alt = cover.alt.clone();
                    view! { <div class="location-cover"><Photo photo=cover alt=alt eager=true /></div> }
                })}
                <div class="location-name">
                    {images.logo.clone().map(|logo| {
                        let width = logo.widths.first().copied().unwrap_or(logo.width);
                        view! {
                            <img
                                class="location-logo"
                                src=format!("/media/{}-{width}.jpg", logo.hash)
                                width=width.to_string()
                                height=height_at(&logo, width).to_string()
                                // Decorative: the shop's name is the heading right beside it,
                                // so a screen reader should not hear it twice.
                                alt=""
                            />
                        }
                    })}
                    <h1>{d.name.clone()}</h1>
                </div>
                <p class="kind muted">{format!("{} · {}", business_type(lang, &d.schema_type), d.address.city)}</p>
                <StatusLine text=status />
                {(!d.description.is_empty()).then(|| view! { <p class="lead" lang=d.language.clone()>{d.description.clone()}</p> })}
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
                    {links.map(|links| view! { <Directions links=links lang=lang counted=location.slug.clone() /> })}
                    <ContactList contact=contact lang=lang slug=location.slug.clone() />
                </section>
                {(!location.pois.is_empty()).then(|| view! {
                    <section aria-labelledby="pois-heading">
                        <h2 id="pois-heading">{t.on_site}</h2>
                        <PoiList pois=location.pois.clone() origin=d.geo lang=lang numbered=show_map />
                        <p class="muted small exports">
                            {lang.geo().exports} ": "
                            <a href=format!("/{}/pois.gpx", location.slug) type="application/gpx+xml">"GPX"</a> " · "
                            <a href=format!("/{}/pois.kml", location.slug)>"KML"</a> " · "
                            <a href=format!("/{}/pois.geojson", location.slug) type="application/geo+json">"GeoJSON"</a>
                        </p>
                    </section>
                })}
                {(!posts.is_empty()).then(|| {
                    let p = lang.posts();
                    let feed = format!("/{}/feed.atom", location.slug);
                    let items = posts.iter().map(|post| view! { <PostArticle post=post.clone() lang=lang tz=tz link=true /> }).collect_view();
                    view! {
                        <section aria-labelledby="news-heading" class="news">
                            <h2 id="news-heading">{p.news}</h2>
                            {items}
                            <p class="muted small"><a href=feed>{p.feed}</a></p>
                        </section>
                    }
                })}
                <QuestionsSection slug=location.slug.clone() answers=answers lang=lang />
                {crate::domain::slug::fediverse_handle(&public_url, &location.slug).map(|handle| {
                    let f = lang.federation();
                    view! {
                        <p class="follow">
                            {f.follow_us} " " <strong translate="no">{handle}</strong>
                            <br /><span class="muted small">{f.follow_how}</span>
                        </p>
                    }
                })}
                {d.geo.map(|geo| view! {
                    <MapSection location=location.clone() geo=geo tile_url=tile_url.clone() show=show_map lang=lang />
                })}
            </article>
        </PublicLayout>
    }
}

/// Published questions with their answers, and the way to ask: links to the form page,
/// which is never cached, so its signed timestamp is fresh (this page is cached).
#[component]
fn QuestionsSection(
    slug: String,
    answers: Vec<crate::domain::question::PublicAnswer>,
    lang: Lang,
) -> impl IntoView {
    let q = lang.questions();
    let items = answers
        .into_iter()
        .map(|a| {
            view! {
                <dt>{a.body}</dt>
                <dd><span class="visually-hidden">{q.answer_of} ": "</span>{a.answer}</dd>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="qa-heading" class="qa">
            <h2 id="qa-heading">{q.qa_heading}</h2>
            <dl>{items}</dl>
            <p class="ask-links">
                <a href=format!("/{slug}/ask")>{q.ask_link}</a>
                <a href=format!("/{slug}/ask?kind=feedback")>{q.tell_link}</a>
            </p>
        </section>
    }
}

/// Directions in four map apps. With `counted` (the shop's own slug), the links go through
/// the counted redirect `/{slug}/go/route/{app}` (insights), which leads to the same place.
#[component]
fn Directions(
    links: DirectionsLinks,
    lang: Lang,
    #[prop(optional, into)] counted: Option<String>,
) -> impl IntoView {
    let t = lang.texts();
    let (osm, google, apple, geo) = match counted {
        Some(slug) => {
            let go = |app: &str| format!("/{slug}/go/route/{app}");
            (go("osm"), go("google"), go("apple"), go("geo"))
        }
        None => (links.osm, links.google, links.apple, links.geo_uri),
    };
    view! {
        <p class="directions">
            {t.directions_with} ": "
            <a href=osm rel="noopener nofollow">"OpenStreetMap"</a> " · "
            <a href=google rel="noopener nofollow">"Google Maps"</a> " · "
            <a href=apple rel="noopener nofollow">"Apple Maps"</a> " · "
            <a href=geo rel="nofollow">{t.map_app}</a>
        </p>
    }
}

#[component]
fn ContactList(contact: (String, String, String), lang: Lang, slug: String) -> impl IntoView {
    let t = lang.texts();
    let (phone, email, website) = contact;
    view! {
        <dl class="contact">
            {(!phone.is_empty()).then(|| view! {
                <dt>{t.phone}</dt>
                <dd><a href=format!("/{slug}/go/call") rel="nofollow">{phone.clone()}</a></dd>
            })}
            {(!email.is_empty()).then(|| view! {
                <dt>{t.email}</dt>
                <dd><a href=format!("mailto:{email}")>{email.clone()}</a></dd>
            })}
            {(!website.is_empty()).then(|| view! {
                <dt>{t.website}</dt>
                <dd><a href=format!("/{slug}/go/web") rel="noopener nofollow">{website.clone()}</a></dd>
            })}
        </dl>
    }
}

#[component]
fn PoiList(
    pois: Vec<Poi>,
    origin: Option<crate::domain::location::GeoPoint>,
    lang: Lang,
    /// With the map shown: each POI gets the number of its marker.
    numbered: bool,
) -> impl IntoView {
    let t = lang.texts();
    view! {
        <ul class="pois">
            {pois
                .into_iter()
                .enumerate()
                .map(|(n, poi)| {
                    let distance = origin.map(|o| format_distance(lang, distance_m(o, poi.point)));
                    let links = directions(poi.point, &poi.name);
                    view! {
                        <li>
                            {numbered.then(|| view! { <span class="marker-number" aria-hidden="true">{n + 1}</span> })}
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

/// "Show map" as a link, so no tile is requested until the customer asks; with `?map=1`
/// an SVG of tiles with the shop (S) and numbered POI markers.
#[component]
fn MapSection(
    location: crate::domain::location::Location,
    geo: crate::domain::location::GeoPoint,
    tile_url: String,
    show: bool,
    lang: Lang,
) -> impl IntoView {
    let g = lang.geo();
    let host = tile_origin(&tile_url).unwrap_or_default();
    let host = host.split("://").nth(1).unwrap_or_default().to_string();
    let slug = location.slug.clone();
    let nearby = format!("/nearby?lat={}&lon={}", geo.lat, geo.lon);
    let toggle = if show {
        view! { <a class="button-secondary" href=format!("/{slug}#map")>{g.hide_map}</a> }
            .into_any()
    } else {
        view! { <a class="button-secondary" href=format!("/{slug}?map=1#map")>{g.show_map}</a> }
            .into_any()
    };
    let mut points = vec![geo];
    points.extend(location.pois.iter().map(|poi| poi.point));
    let map = show.then(|| static_map(&points, 640.0, 400.0, &tile_url)).flatten();
    let label = format!("{}: {}", g.map_heading, location.details.name);
    view! {
        <section aria-labelledby="map-heading" id="map">
            <h2 id="map-heading">{g.map_heading}</h2>
            {map.map(|map| {
                let tiles = map.tiles.iter().map(|tile| view! {
                    <image href=tile.url.clone() x=tile.x.to_string() y=tile.y.to_string() width="256" height="256" />
                }).collect_view();
                // The shop is drawn last, so no POI marker covers it.
                let mut order: Vec<usize> = (1..map.markers.len()).collect();
                order.push(0);
                let markers = order.into_iter().map(|n| (n, map.markers[n])).map(|(n, (x, y))| {
                    let text = if n == 0 { "S".to_string() } else { n.to_string() };
                    let class = if n == 0 { "marker shop" } else { "marker" };
                    view! {
                        <g class=class>
                            <circle cx=x.to_string() cy=y.to_string() r="13" />
                            <text x=x.to_string() y=(y + 5.0).to_string() text-anchor="middle">{text}</text>
                        </g>
                    }
                }).collect_view();
                view! {
                    <figure class="static-map">
                        <svg viewBox="0 0 640 400" role="img" aria-label=label.clone() xmlns="http://www.w3.org/2000/svg">
                            <rect width="640" height="400" class="map-ground" />
                            {tiles}
                            {markers}
                        </svg>
                        <figcaption class="muted small">
                            "S = " {location.details.name.clone()} ". " {g.map_legend} " " {t_on_site(lang)} ". "
                            <a href="https://www.openstreetmap.org/copyright">"© OpenStreetMap"</a>
                        </figcaption>
                    </figure>
                }
            })}
            <p class="card-actions">
                {toggle}
                <a href=nearby>{g.nearby_link}</a>
            </p>
            {(!show).then(|| view! { <p class="muted small">{g.map_privacy.replace("{host}", &host)}</p> })}
        </section>
    }
}

fn t_on_site(lang: Lang) -> &'static str {
    lang.texts().on_site
}
