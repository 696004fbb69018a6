use crate::api::locations::get_dashboard;
use crate::components::layout::{AppLayout, CsrfField};
use crate::components::location_switcher::ArchiveForm;
use crate::domain::location::BUSINESS_TYPES;
use crate::domain::nudges::Nudge;
use crate::i18n::Lang;
use crate::i18n::business_type;
use crate::i18n::nudges::describe;
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
            {archive_message(lang)}
            {request_flag("hours_confirmed").then(|| view! {
                <p class="message ok" role="status">{lang.nudges().confirmed}</p>
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
                                            <a href=format!("/admin/history/{business}")>{lang.history().audit_log}</a>
                                            <a href=format!("/admin/businesses/{business}/import")>{lang.locations().import_export}</a>
                                            <a href=format!("/admin/imprint/{business}")>{lang.imprint_screen().menu}</a>
                                        </p>
                                    })}
                                    <NudgeList lang=lang business=business business_name=b.membership.business_name.clone() nudges=b.nudges />
                                    <h3>{t.your_locations}</h3>
                                    <ul class="cards">
                                        {b.locations
                                            .into_iter()
                                            .zip(b.new_questions)
                                            .map(|(l, new_questions)| view! {
                                                <li class="card" id=format!("location-{}", l.id)>
                                                    <strong>{l.name.clone()}</strong>
                                                    <span class="muted">{l.city.clone()}</span>
                                                    {l.archived.then(|| view! {
                                                        <span class="badge">{lang.locations().archived_badge}</span>
                                                    })}
                                                    <span class="card-actions">
                                                        {b.sees_questions.then(|| view! {
                                                            <a href=format!("/admin/locations/{}/questions", l.id)>
                                                                {lang.questions().inbox_link}
                                                                <span class="visually-hidden">{format!(" {}", l.name)}</span>
                                                                {(new_questions > 0).then(|| view! {
                                                                    " " <span class="badge">{lang.questions().badge.replace("{n}", &new_questions.to_string())}</span>
                                                                })}
                                                            </a>
                                                        })}
                                                        {can_edit.then(|| view! {
                                                            <a class="button" href=format!("/admin/locations/{}", l.id)>
                                                                {t.edit} <span class="visually-hidden">{format!(" {}", l.name)}</span>
                                                            </a>
                                                            <a href=format!("/admin/locations/{}/pois", l.id)>
                                                                {lang.geo().pois_title} <span class="visually-hidden">{format!(" {}", l.name)}</span>
                                                            </a>
                                                            <a href=format!("/admin/locations/{}/history", l.id)>
                                                                {lang.history().history} <span class="visually-hidden">{format!(" {}", l.name)}</span>
                                                            </a>
                                                            <a href=format!("/admin/locations/{}/insights", l.id)>
                                                                {lang.insights().link} <span class="visually-hidden">{format!(" {}", l.name)}</span>
                                                            </a>
                                                            <a href=format!("/admin/locations/{}/followers", l.id)>
                                                                {lang.federation().followers_link} <span class="visually-hidden">{format!(" {}", l.name)}</span>
                                                            </a>
                                                        })}
                                                        {(!l.archived).then(|| view! {
                                                            <a href=format!("/{}", l.slug)>
                                                                {t.view_page} <span class="visually-hidden">{format!(" {}", l.name)}</span>
                                                            </a>
                                                        })}
                                                    </span>
                                                    {(can_edit && l.archived).then(|| view! { <ArchiveForm lang=lang id=l.id archived=true /> })}
                                                </li>
                                            })
                                            .collect_view()}
                                    </ul>
                                    {can_edit.then(|| view! { <NewLocationForm lang=lang business=business /> })}
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

/// "Add a location": the essentials, posted to the server; the full editor opens next. A
/// refused form comes back open, with what was typed and the reason.
#[component]
fn NewLocationForm(lang: Lang, business: i64) -> impl IntoView {
    let lt = lang.locations();
    let query = leptos_router::hooks::use_query_map().read_untracked().clone();
    let refused = query.get("business").and_then(|b| b.parse::<i64>().ok()) == Some(business);
    let error = refused.then(|| query.get("new_error")).flatten();
    let value =
        |key: &str| if refused { query.get(key).unwrap_or_default() } else { String::new() };
    let field_id = |name: &str| format!("new-{business}-{name}");
    let error_id = format!("new-{business}-error");
    let described = error.is_some().then(|| error_id.clone());
    view! {
        <details id=format!("new-location-{business}") class="new-location" open=refused>
            <summary>{lt.add_location}</summary>
            <form method="post" action=format!("/admin/businesses/{business}/locations") class="stack" aria-describedby=described>
                <CsrfField />
                <p class="help">{lt.add_location_help}</p>
                {error.map(|code| view! { <p class="message problem" role="alert" id=error_id.clone()>{lt.create_error(&code)}</p> })}
                <div class="field">
                    <label for=field_id("name")>{lt.name}</label>
                    <input id=field_id("name") name="name" required maxlength="120" autocomplete="organization" value=value("name") />
                </div>
                <div class="field">
                    <label for=field_id("city")>{lt.city}</label>
                    <input id=field_id("city") name="city" required maxlength="120" autocomplete="address-level2" value=value("city") />
                </div>
                <div class="field">
                    <label for=field_id("type")>{lt.kind}</label>
                    <select id=field_id("type") name="schema_type">
                        {BUSINESS_TYPES.iter().map(|ty| view! { <option value=*ty selected=*ty == "Store">{business_type(lang, ty)}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for=field_id("language")>{lt.language}</label>
                    <select id=field_id("language") name="language">
                        <option value="de" selected=lang == Lang::De>{lt.german}</option>
                        <option value="en" selected=lang == Lang::En>{lt.english}</option>
                    </select>
                </div>
                <div class="field">
                    <label for=field_id("slug")>{lt.slug}</label>
                    <input id=field_id("slug") name="slug" maxlength="64" pattern="[a-z0-9]+(-[a-z0-9]+)*" autocomplete="off"
                        aria-describedby=field_id("slug-help") value=value("slug") />
                    <p class="help" id=field_id("slug-help")>{lt.slug_help}</p>
                </div>
                <button type="submit" class="primary">{lt.create}</button>
            </form>
        </details>
    }
}

/// `?archived=ID` / `?unarchived=ID`: the archive form's outcome.
fn archive_message(lang: Lang) -> Option<impl IntoView> {
    let query = leptos_router::hooks::use_query_map().read_untracked().clone();
    let lt = lang.locations();
    let text = if query.get("archived").is_some() {
        lt.archived_done
    } else if query.get("unarchived").is_some() {
        lt.unarchived_done
    } else {
        return None;
    };
    Some(view! { <p class="message ok" role="status">{text}</p> })
}

/// `?welcome=1`: the first visit after joining by an invitation.
fn request_welcome() -> bool {
    request_flag("welcome")
}

fn request_flag(name: &str) -> bool {
    leptos_router::hooks::use_query_map().read_untracked().get(name).is_some()
}

/// What needs the viewer in one business, most pressing first, each with one action
/// (hours get a one-tap "still right" too).
#[component]
fn NudgeList(
    lang: Lang,
    business: i64,
    business_name: String,
    nudges: Vec<Nudge>,
) -> impl IntoView {
    let t = lang.nudges();
    let heading = format!("nudges-{business}");
    let count = nudges.len();
    let items = nudges
        .into_iter()
        .map(|nudge| {
            let described = describe(lang, &nudge, business, &business_name);
            let name = nudge.place().map(|p| format!(" {}", p.name)).unwrap_or_default();
            let confirm = match &nudge {
                Nudge::ConfirmHours { at, .. } => Some(at.id),
                _ => None,
            };
            view! {
                <li class="nudge">
                    <span>{described.text}</span>
                    <span class="card-actions">
                        {confirm.map(|id| view! {
                            <form method="post" action=format!("/admin/locations/{id}/hours/confirm") class="inline">
                                <CsrfField />
                                <button type="submit" class="small">{t.still_right} <span class="visually-hidden">{name.clone()}</span></button>
                            </form>
                        })}
                        <a href=described.href>{described.action} <span class="visually-hidden">{name.clone()}</span></a>
                    </span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="nudges" aria-labelledby=heading.clone()>
            <h3 id=heading.clone()>{t.heading} {(count > 0).then(|| view! { " " <span class="badge">{count}</span> })}</h3>
            {(count == 0).then(|| view! { <p class="muted">{t.nothing}</p> })}
            {(count > 0).then(|| view! { <ol class="nudge-list">{items}</ol> })}
        </section>
    }
}
