use crate::api::locations::get_location_for_edit;
use crate::components::layout::AppLayout;
use crate::components::location_editor::LocationEditor;
use crate::components::location_switcher::{ArchiveForm, LocationSwitcher};
use crate::request;
use crate::routes::not_found::NotFound;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn EditLocationPage() -> impl IntoView {
    let lang = request::lang();
    let t = lang.texts();
    let id = use_params_map().read_untracked().get("id").and_then(|id| id.parse::<i64>().ok());
    let data = Resource::new_blocking(
        move || id,
        |id| async move {
            match id {
                Some(id) => get_location_for_edit(id).await.ok(),
                None => None,
            }
        },
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let Some(data) = data.await else {
                    return view! { <NotFound /> }.into_any();
                };
                let location = data.location;
                let lt = lang.locations();
                let created = use_query_map().read_untracked().get("created").is_some();
                let archived = location.archived;
                let title = format!("{}: {}", t.edit_location, location.details.name);
                view! {
                    <Title text=format!("{title} – Nahbar") />
                    <AppLayout signed_in=true>
                        <p class="crumbs"><a href="/admin">{t.dashboard}</a></p>
                        <LocationSwitcher lang=lang current=location.id siblings=data.siblings section="" />
                        <h1>{title}</h1>
                        {created.then(|| view! { <p class="message ok" role="status">{lt.created}</p> })}
                        {archived.then(|| view! { <p class="message problem" role="status">{lt.archived_notice}</p> })}
                        <p>
                            <a href=format!("/{}", location.slug)>{t.view_page}</a> " · "
                            <a href=format!("/admin/locations/{}/hours", location.id)>{t.hours_and_holidays}</a> " · "
                            <a href=format!("/admin/locations/{}/pois", location.id)>{lang.geo().pois_link}</a> " · "
                            <a href=format!("/admin/locations/{}/images", location.id)>{lang.location_images().title}</a>
                        </p>
                        <LocationEditor
                            lang=lang
                            csrf_token=request::csrf_token()
                            business_id=data.business_id
                            location_id=location.id
                            hours=location.hours.to_input()
                            details=location.details
                            regions=data.regions
                        />
                        <ArchiveForm lang=lang id=location.id archived=archived />
                    </AppLayout>
                }
                    .into_any()
            })}
        </Suspense>
    }
}
