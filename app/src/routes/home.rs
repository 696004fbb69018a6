use crate::api::pages::get_public_locations;
use crate::components::layout::PublicLayout;
use crate::request;
use leptos::prelude::*;
use leptos_meta::Title;

/// The start page lists every public location.
#[component]
pub fn Home() -> impl IntoView {
    let t = request::lang().texts();
    let locations = Resource::new_blocking(|| (), |_| get_public_locations());
    view! {
        <Title text=format!("Nahbar – {}", t.our_locations) />
        <PublicLayout>
            <h1>{t.our_locations}</h1>
            <Suspense>
                {move || Suspend::new(async move {
                    let list = locations.await.unwrap_or_default();
                    if list.is_empty() {
                        view! { <p>{t.no_locations}</p> }.into_any()
                    } else {
                        view! {
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
                        }
                            .into_any()
                    }
                })}
            </Suspense>
        </PublicLayout>
    }
}
