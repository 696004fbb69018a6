//! `/admin/locations/{id}/followers`: the location's handle, who follows it from which
//! server (remove one), blocked servers (block, unblock), and how deliveries are going.
//! Plain forms, usable without WASM.

use crate::api::fediverse::{FollowersPageData, get_followers_page};
use crate::components::layout::{AppLayout, CsrfField};
use crate::components::location_switcher::LocationSwitcher;
use crate::i18n::sign_text::full_date;
use crate::request;
use crate::routes::not_found::NotFound;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn FollowersPage() -> impl IntoView {
    let id = use_params_map().read_untracked().get("id").and_then(|id| id.parse::<i64>().ok());
    let data = Resource::new_blocking(
        move || id,
        |id| async move {
            match id {
                Some(id) => get_followers_page(id).await.ok(),
                None => None,
            }
        },
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Some(data) => view! { <FollowersView data=data /> }.into_any(),
                    None => view! { <NotFound /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn FollowersView(data: FollowersPageData) -> impl IntoView {
    let lang = request::lang();
    let t = lang.texts();
    let f = lang.federation();
    let query = use_query_map().read_untracked().clone();
    let message = if query.get("removed").is_some() {
        Some((true, f.removed))
    } else if query.get("blocked").is_some() {
        Some((true, f.blocked_done))
    } else if query.get("unblocked").is_some() {
        Some((true, f.unblocked_done))
    } else if query.get("error").is_some() {
        Some((false, f.bad_host))
    } else {
        None
    };
    let base = format!("/admin/locations/{}/followers", data.location_id);
    let title = format!("{}: {}", f.followers_title, data.name);
    let (queued, delivered, failed) = data.deliveries;
    let deliveries = f
        .deliveries
        .replace("{queued}", &queued.to_string())
        .replace("{delivered}", &delivered.to_string())
        .replace("{failed}", &failed.to_string());
    let count = f.follower_count.replace("{n}", &data.followers.len().to_string());
    let rows = data
        .followers
        .iter()
        .map(|follower| {
            let name = follower.actor.clone();
            view! {
                <li>
                    <a href=follower.actor.clone() rel="nofollow noopener" translate="no">{follower.actor.clone()}</a>
                    <span class="muted">{format!(" · {} {}", f.since, full_date(lang, follower.since.date_naive()))}</span>
                    <form method="post" action=format!("{base}/remove") class="inline">
                        <CsrfField />
                        <input type="hidden" name="actor" value=follower.actor.clone() />
                        <button type="submit" class="link">
                            {f.remove} <span class="visually-hidden">{format!(" {name}")}</span>
                        </button>
                    </form>
                    " "
                    <form method="post" action=format!("{base}/block") class="inline">
                        <CsrfField />
                        <input type="hidden" name="host" value=follower.host.clone() />
                        <button type="submit" class="link">
                            {format!("{} {}", f.block, follower.host)}
                        </button>
                    </form>
                </li>
            }
        })
        .collect_view();
    let blocked = data
        .blocked
        .iter()
        .map(|host| {
            view! {
                <li>
                    <span translate="no">{host.clone()}</span> " "
                    <form method="post" action=format!("{base}/block") class="inline">
                        <CsrfField />
                        <input type="hidden" name="host" value=host.clone() />
                        <input type="hidden" name="unblock" value="1" />
                        <button type="submit" class="link">
                            {f.unblock} <span class="visually-hidden">{format!(" {host}")}</span>
                        </button>
                    </form>
                </li>
            }
        })
        .collect_view();
    view! {
        <Title text=format!("{title} – Nahbar") />
        <AppLayout signed_in=true>
            <p class="crumbs">
                <a href="/admin">{t.dashboard}</a> " · "
                <a href=format!("/admin/locations/{}", data.location_id)>{t.edit_location}</a> " · "
                <a href=format!("/{}", data.slug)>{t.view_page}</a>
            </p>
            <LocationSwitcher lang=lang current=data.location_id siblings=data.siblings.clone() section="/followers" />
            <h1>{title}</h1>
            {message.map(|(ok, text)| view! {
                <p class=if ok { "message ok" } else { "message problem" } role="status">{text}</p>
            })}
            {match data.handle.clone() {
                Some(handle) => view! {
                    <p>{f.handle_intro} " " <strong translate="no">{handle}</strong></p>
                }.into_any(),
                None => view! { <p class="message problem">{f.federation_off}</p> }.into_any(),
            }}
            <section aria-labelledby="followers-heading">
                <h2 id="followers-heading">{count}</h2>
                {data.followers.is_empty().then(|| view! { <p class="muted">{f.no_followers}</p> })}
                <ul class="followers">{rows}</ul>
                <p class="muted small">{deliveries}</p>
            </section>
            <section aria-labelledby="block-heading">
                <h2 id="block-heading">{f.block_heading}</h2>
                <p class="help">{f.block_help}</p>
                <form method="post" action=format!("{base}/block") class="stack">
                    <CsrfField />
                    <div class="field">
                        <label for="block-host">{f.server}</label>
                        <input id="block-host" name="host" type="text" inputmode="url" autocomplete="off" required />
                    </div>
                    <button type="submit">{f.block}</button>
                </form>
                {(!data.blocked.is_empty()).then(|| view! {
                    <h3>{f.blocked_list}</h3>
                    <ul class="blocked">{blocked}</ul>
                })}
            </section>
        </AppLayout>
    }
}
