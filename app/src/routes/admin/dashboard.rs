use crate::api::pages::get_dashboard;
use crate::components::layout::AppLayout;
use crate::components::opening_hours::date_range;
use crate::i18n::Lang;
use crate::request;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn Dashboard() -> impl IntoView {
    let lang = request::lang();
    let t = lang.texts();
    let data = Resource::new_blocking(|| (), |_| get_dashboard());
    view! {
        <Title text=format!("{} – Nahbar", t.dashboard) />
        <AppLayout signed_in=true>
            <h1>{t.dashboard}</h1>
            <p class="card-actions">
                <a class="button primary-link" href="/admin/posts/new">{lang.posts().new_post}</a>
                <a href="/admin/posts">{lang.posts().posts}</a>
            </p>
            <Suspense>
                {move || Suspend::new(async move {
                    let Ok(data) = data.await else {
                        return view! { <p class="message problem">{t.session_ended}</p> }.into_any();
                    };
                    if data.businesses.is_empty() {
                        return view! { <p>{t.no_membership}</p> }.into_any();
                    }
                    data.businesses
                        .into_iter()
                        .map(|b| {
                            let can_edit = b.membership.role.can_edit_locations();
                            view! {
                                <section class="business">
                                    <h2>
                                        {b.membership.business_name.clone()} " "
                                        <span class="badge">{t.role(b.membership.role)}</span>
                                    </h2>
                                    <h3>{t.your_locations}</h3>
                                    <ul class="cards">
                                        {b.locations
                                            .into_iter()
                                            .zip(b.unconfirmed)
                                            .map(|(l, unconfirmed)| view! {
                                                <li class="card">
                                                    <strong>{l.name.clone()}</strong>
                                                    <span class="muted">{l.city.clone()}</span>
                                                    {(can_edit && !unconfirmed.is_empty()).then(|| view! {
                                                        <p class="message problem nudge">
                                                            {t.nudge_holidays} " "
                                                            {unconfirmed.iter().map(|h| format!("{} {}", date_range(lang, h.date, h.date), if lang == Lang::De { &h.name_de } else { &h.name_en })).collect::<Vec<_>>().join(", ")}
                                                            " · "
                                                            <a href=format!("/admin/locations/{}/hours", l.id)>{t.check_hours}</a>
                                                        </p>
                                                    })}
                                                    <span class="card-actions">
                                                        {can_edit.then(|| view! {
                                                            <a class="button" href=format!("/admin/locations/{}", l.id)>
                                                                {t.edit} <span class="visually-hidden">{format!(" {}", l.name)}</span>
                                                            </a>
                                                            <a href=format!("/admin/locations/{}/pois", l.id)>
                                                                {lang.geo().pois_title} <span class="visually-hidden">{format!(" {}", l.name)}</span>
                                                            </a>
                                                        })}
                                                        <a href=format!("/{}", l.slug)>
                                                            {t.view_page} <span class="visually-hidden">{format!(" {}", l.name)}</span>
                                                        </a>
                                                    </span>
                                                </li>
                                            })
                                            .collect_view()}
                                    </ul>
                                </section>
                            }
                        })
                        .collect_view()
                        .into_any()
                })}
            </Suspense>
        </AppLayout>
    }
}
