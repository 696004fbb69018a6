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
            {request_welcome().then(|| view! {
                <div class="message ok" role="status">
                    <p><strong>{lang.team().welcome}</strong></p>
                    <p>{lang.team().welcome_install}</p>
                </div>
            })}
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
                            let is_owner = b.membership.role == crate::domain::location::Role::Owner;
                            let business = b.membership.business_id;
                            let tt = lang.team();
                            view! {
                                <section class="business">
                                    <h2>
                                        {b.membership.business_name.clone()} " "
                                        <span class="badge">{t.role(b.membership.role)}</span>
                                    </h2>
                                    {can_edit.then(|| view! {
                                        <p class="card-actions">
                                            {is_owner.then(|| view! { <a href=format!("/admin/team/{business}")>{tt.team}</a> })}
                                            <a href=format!("/admin/history/{business}")>{tt.audit_log}</a>
                                        </p>
                                    })}
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
                                                            <a href=format!("/admin/locations/{}/history", l.id)>
                                                                {lang.team().history} <span class="visually-hidden">{format!(" {}", l.name)}</span>
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

/// `?welcome=1`: the first visit after joining by an invitation.
fn request_welcome() -> bool {
    leptos_router::hooks::use_query_map().read_untracked().get("welcome").is_some()
}
