use crate::api::public::get_public_locations;
use crate::components::layout::PublicLayout;
use crate::domain::location::LocationSummary;
use crate::domain::schema_org::{organizations, to_script_json};
use crate::request;
use leptos::prelude::*;
use leptos_meta::Title;

/// The start page lists every public location, grouped by business: it is each business's
/// page for all of its branches (`/#business-{id}`), with the schema.org organization graph
/// the branches' `parentOrganization` points at.
#[component]
pub fn Home() -> impl IntoView {
    let t = request::lang().texts();
    let data = Resource::new_blocking(|| (), |_| get_public_locations());
    view! {
        <Title text=format!("Nahbar – {}", t.our_locations) />
        <PublicLayout>
            <h1>{t.our_locations}</h1>
            <Suspense>
                {move || Suspend::new(async move {
                    let Ok(data) = data.await else {
                        return view! { <p>{t.no_locations}</p> }.into_any();
                    };
                    request::cache_until_changed();
                    if data.locations.is_empty() {
                        return view! { <p>{t.no_locations}</p> }.into_any();
                    }
                    let businesses = by_business(data.locations);
                    let graph: Vec<(i64, String, Vec<String>)> = businesses
                        .iter()
                        .map(|(id, name, list)| (*id, name.clone(), list.iter().map(|l| l.slug.clone()).collect()))
                        .collect();
                    let json_ld = to_script_json(&organizations(&graph, data.public_url.trim_end_matches('/')));
                    view! {
                        <script type="application/ld+json" inner_html=json_ld></script>
                        {businesses
                            .into_iter()
                            .map(|(id, name, list)| view! {
                                <section id=format!("business-{id}") aria-labelledby=format!("business-{id}-name")>
                                    <h2 id=format!("business-{id}-name")>{name}</h2>
                                    <ul class="locations">
                                        {list
                                            .into_iter()
                                            .map(|l| view! {
                                                <li>
                                                    <a href=format!("/{}", l.slug)>{l.name}</a>
                                                    <span class="muted">" · " {l.city}</span>
                                                </li>
                                            })
                                            .collect_view()}
                                    </ul>
                                </section>
                            })
                            .collect_view()}
                    }
                        .into_any()
                })}
            </Suspense>
        </PublicLayout>
    }
}

/// Locations come ordered by business; consecutive runs become one group each.
fn by_business(locations: Vec<LocationSummary>) -> Vec<(i64, String, Vec<LocationSummary>)> {
    let mut groups: Vec<(i64, String, Vec<LocationSummary>)> = Vec::new();
    for location in locations {
        match groups.last_mut() {
            Some((id, _, list)) if *id == location.business_id => list.push(location),
            _ => {
                groups.push((location.business_id, location.business_name.clone(), vec![location]))
            }
        }
    }
    groups
}
