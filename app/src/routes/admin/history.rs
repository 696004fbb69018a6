//! `/admin/locations/{id}/history?kind=hours|details|pois`: every saved version of one part
//! of a location with one-click restore; `/admin/history/{business}`: the business's audit
//! log (who, when, what, from where). Owners and managers.

use crate::api::history::{AuditPageData, HistoryPageData, get_audit_page, get_history_page};
use crate::components::layout::{AppLayout, CsrfField};
use crate::domain::team::{RevisionKind, describe_user_agent};
use crate::i18n::{Lang, moment};
use crate::request;
use crate::routes::not_found::NotFound;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn kind_name(lang: Lang, kind: RevisionKind) -> &'static str {
    let tt = lang.history();
    match kind {
        RevisionKind::Details => tt.kind_details,
        RevisionKind::Hours => tt.kind_hours,
        RevisionKind::Pois => tt.kind_pois,
    }
}

#[component]
pub fn LocationHistoryPage() -> impl IntoView {
    let id = use_params_map().read_untracked().get("id").and_then(|id| id.parse::<i64>().ok());
    let kind = use_query_map().read_untracked().get("kind").unwrap_or_else(|| "hours".into());
    let data = Resource::new_blocking(
        move || (id, kind.clone()),
        |(id, kind)| async move {
            match id {
                Some(id) => get_history_page(id, kind).await.ok(),
                None => None,
            }
        },
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Some(data) => view! { <HistoryView data=data /> }.into_any(),
                    None => view! { <NotFound /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn HistoryView(data: HistoryPageData) -> impl IntoView {
    let lang = request::lang();
    let (t, tt) = (lang.texts(), lang.history());
    let restored = use_query_map().read_untracked().get("restored").is_some();
    let title = tt.history_of.replace("{name}", &data.location_name);
    let base = format!("/admin/locations/{}", data.location_id);
    let tabs = RevisionKind::ALL
        .into_iter()
        .map(|kind| {
            let current = (kind == data.kind).then_some("page");
            view! {
                <li><a href=format!("{base}/history?kind={}", kind.as_str()) aria-current=current>{kind_name(lang, kind)}</a></li>
            }
        })
        .collect_view();
    let empty = data.revisions.is_empty();
    let count = data.revisions.len();
    let versions = data
        .revisions
        .into_iter()
        .enumerate()
        .map(|(n, v)| {
            let r = v.revision;
            let first = n + 1 == count && r.action.is_empty();
            let who = if first {
                tt.version_first.to_string()
            } else {
                format!("{} · {}", r.actor, lang.audit_action(&r.action))
            };
            let summary = if v.summary.is_empty() && data.kind == RevisionKind::Pois {
                vec![tt.no_pois.to_string()]
            } else {
                v.summary
            };
            view! {
                <li class="card" id=format!("revision-{}", r.id)>
                    <strong>{moment(lang, r.created_at)}</strong>
                    {v.current.then(|| view! { " " <span class="badge">{tt.version_current}</span> })}
                    <span class="muted small">{who}</span>
                    <ul class="summary">
                        {summary.into_iter().map(|line| view! { <li><code>{line}</code></li> }).collect_view()}
                    </ul>
                    {(!v.current).then(|| view! {
                        <form method="post" action=format!("{base}/history/{}/restore", r.id)>
                            <CsrfField />
                            <button type="submit" class="small">
                                {tt.restore}
                                <span class="visually-hidden">{format!(" ({})", moment(lang, r.created_at))}</span>
                            </button>
                        </form>
                    })}
                </li>
            }
        })
        .collect_view();
    view! {
        <Title text=format!("{title} – Nahbar") />
        <AppLayout signed_in=true>
            <p class="crumbs">
                <a href="/admin">{t.dashboard}</a> " › " <a href=base.clone()>{data.location_name.clone()}</a>
            </p>
            <h1>{title}</h1>
            <p class="message ok" role="status">{restored.then_some(tt.restored)}</p>
            <nav aria-label=tt.history><ul class="tabs">{tabs}</ul></nav>
            <p class="help">{tt.history_intro}</p>
            {empty.then(|| view! { <p class="muted">{tt.no_revisions}</p> })}
            <ol class="cards revisions">{versions}</ol>
        </AppLayout>
    }
}

#[component]
pub fn AuditLogPage() -> impl IntoView {
    let business =
        use_params_map().read_untracked().get("business").and_then(|id| id.parse::<i64>().ok());
    let before = use_query_map().read_untracked().get("before").and_then(|b| b.parse::<i64>().ok());
    let data = Resource::new_blocking(
        move || (business, before),
        |(business, before)| async move {
            match business {
                Some(business) => get_audit_page(business, before).await.ok(),
                None => None,
            }
        },
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Some(data) => view! { <AuditView data=data /> }.into_any(),
                    None => view! { <NotFound /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AuditView(data: AuditPageData) -> impl IntoView {
    let lang = request::lang();
    let (t, tt) = (lang.texts(), lang.history());
    let empty = data.entries.is_empty();
    let rows = data
        .entries
        .into_iter()
        .map(|e| {
            let place = e.location_name.clone().map(|name| format!(" · {name}"));
            let from = [e.ip.clone(), describe_user_agent(&e.user_agent)]
                .into_iter()
                .filter(|s| !s.is_empty() && s != "?")
                .collect::<Vec<_>>()
                .join(" · ");
            view! {
                <tr>
                    <td>{moment(lang, e.at)}</td>
                    <td>{e.actor}</td>
                    <td>{lang.audit_action(&e.action)} {place} <span class="muted small">{(!e.detail.is_empty()).then(|| format!(" · {}", e.detail))}</span></td>
                    <td class="small">{from}</td>
                </tr>
            }
        })
        .collect_view();
    let older = data.older.map(|id| format!("/admin/history/{}?before={id}", data.business_id));
    view! {
        <Title text=format!("{} – Nahbar", tt.audit_log) />
        <AppLayout signed_in=true>
            <p class="crumbs"><a href="/admin">{t.dashboard}</a></p>
            <h1>{tt.audit_log} ": " {data.business_name}</h1>
            <p class="help">{tt.audit_intro}</p>
            {empty.then(|| view! { <p class="muted">{tt.no_entries}</p> })}
            <div class="table-scroll" tabindex="0" role="region" aria-label=tt.audit_log>
                <table class="audit">
                    <thead><tr><th scope="col">{tt.when}</th><th scope="col">{tt.who}</th><th scope="col">{tt.what}</th><th scope="col">{tt.from_where}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {older.map(|href| view! { <p><a href=href>{tt.older}</a></p> })}
        </AppLayout>
    }
}
