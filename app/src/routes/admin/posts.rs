//! `/admin/posts`: staff see their posts and each one's state (a rejected post shows the
//! reason); managers and owners see every post of the business and approve, reject,
//! publish or archive; owners set the publishing rules. Plain forms, usable without WASM.
//! A published post has "Share" for staff to pass it on in their own networks.

use crate::api::posts::{BusinessPosts, PostsPageData, get_posts_page};
use crate::components::layout::{AppLayout, CsrfField};
use crate::domain::location::Role;
use crate::domain::post::{Action, Actor, Post, PostDelivery, PostState, transition};
use crate::i18n::when;
use crate::request;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PostsPage() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| get_posts_page());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <PostsView data=data /> }.into_any(),
                    Err(_) => view! { <p>"…"</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PostsView(data: PostsPageData) -> impl IntoView {
    let lang = request::lang();
    let (t, p) = (lang.texts(), lang.posts());
    let query = use_query_map().read_untracked().clone();
    let message = if query.get("created").is_some() {
        Some(p.created)
    } else if query.get("changed").is_some() {
        Some(p.changed)
    } else {
        query.get("settings").map(|_| p.settings_saved)
    };
    let user_id = data.user_id;
    let now = data.now;
    let businesses = data
        .businesses
        .into_iter()
        .map(|b| view! { <BusinessSection business=b user_id=user_id now=now /> })
        .collect_view();
    view! {
        <Title text=format!("{} – Nahbar", p.posts) />
        <AppLayout signed_in=true>
            <p class="crumbs"><a href="/admin">{t.dashboard}</a></p>
            <h1>{p.posts}</h1>
            {message.map(|m| view! { <p class="message ok" role="status">{m}</p> })}
            <p><a class="button primary-link" href="/admin/posts/new">{p.new_post}</a></p>
            {businesses}
            <script src="/share.js" defer></script>
        </AppLayout>
    }
}

#[component]
fn BusinessSection(
    business: BusinessPosts,
    user_id: i64,
    now: chrono::DateTime<chrono::Utc>,
) -> impl IntoView {
    let lang = request::lang();
    let p = lang.posts();
    let empty = business.posts.is_empty();
    let role = business.role;
    let approval = business.settings.approval_required;
    let deliveries = business.deliveries;
    let reactions = business.reactions;
    let items = business
        .posts
        .into_iter()
        .map(|post| {
            let mine = post.author_id == user_id;
            let delivery = deliveries.iter().find(|(id, _)| *id == post.id).map(|(_, d)| d.clone());
            let liked = reactions.iter().find(|(id, _)| *id == post.id).map(|(_, r)| *r);
            view! { <PostItem post=post role=role mine=mine approval=approval now=now delivery=delivery reactions=liked /> }
        })
        .collect_view();
    let settings = (role == Role::Owner).then(|| {
        let checklist = business.settings.checklist.join("\n");
        let id = business.business_id;
        view! {
            <details class="settings">
                <summary>{p.settings}</summary>
                <form method="post" action="/admin/posts/settings" class="stack">
                    <CsrfField />
                    <input type="hidden" name="business" value=id.to_string() />
                    <div class="check">
                        <input id=format!("approval-{id}") name="approval" type="checkbox" checked=approval />
                        <label for=format!("approval-{id}")>{p.approval_required}</label>
                    </div>
                    <div class="field">
                        <label for=format!("checklist-{id}")>{p.checklist_items}</label>
                        <textarea id=format!("checklist-{id}") name="checklist" rows="3" aria-describedby=format!("checklist-help-{id}")>{checklist}</textarea>
                        <p class="help" id=format!("checklist-help-{id}")>{p.checklist_help}</p>
                    </div>
                    <button type="submit" class="primary">{p.save_settings}</button>
                </form>
            </details>
        }
    });
    view! {
        <section class="business">
            <h2>{business.business_name.clone()}</h2>
            {settings}
            {empty.then(|| view! { <p class="muted">{p.no_posts}</p> })}
            <ul class="cards posts">{items}</ul>
        </section>
    }
}

#[component]
fn PostItem(
    post: Post,
    role: Role,
    mine: bool,
    approval: bool,
    now: chrono::DateTime<chrono::Utc>,
    delivery: Option<PostDelivery>,
    reactions: Option<crate::domain::fediverse_message::Reactions>,
) -> impl IntoView {
    let lang = request::lang();
    let p = lang.posts();
    let tz = post.tz();
    let delivered = delivery.map(|d| p.delivery(&d, |at| when(lang, at, tz)));
    let actor = Actor { role, is_author: mine };
    // Only the actions the transition table allows this member are offered.
    let actions: Vec<Action> =
        [Action::Approve, Action::Publish, Action::Submit, Action::Withdraw, Action::Archive]
            .into_iter()
            .filter(|a| transition(post.state, *a, actor, approval, post.publish_at, now).is_ok())
            .collect();
    let can_reject =
        transition(post.state, Action::Reject, actor, approval, post.publish_at, now).is_ok();
    let base = format!("/admin/posts/{}", post.id);
    let state_class = format!("state state-{}", post.state.as_str());
    let title = post.title();
    let buttons = actions
        .into_iter()
        .map(|action| {
            let label = match action {
                Action::Approve => p.approve,
                Action::Publish => p.publish,
                Action::Submit => p.submit,
                Action::Withdraw => p.withdraw,
                Action::Archive => p.archive,
                Action::Reject => p.reject,
            };
            view! {
                <form method="post" action=format!("{base}/{}", action.as_str()) class="inline">
                    <CsrfField />
                    <button type="submit" class=if action == Action::Approve { "primary" } else { "" }>
                        {label} <span class="visually-hidden">{format!(": {title}")}</span>
                    </button>
                </form>
            }
        })
        .collect_view();
    let reject = can_reject.then(|| {
        let id = format!("reason-{}", post.id);
        view! {
            <form method="post" action=format!("{base}/reject") class="stack reject">
                <CsrfField />
                <div class="field">
                    <label for=id.clone()>{p.reason}</label>
                    <input id=id name="reason" required maxlength="500" />
                </div>
                <button type="submit">{p.reject}</button>
            </form>
        }
    });
    let meta = format!(
        "{} · {} {} · {}",
        post.location_name,
        p.by,
        post.author_name,
        when(lang, post.updated_at, tz)
    );
    let scheduled = (post.state == PostState::Scheduled)
        .then(|| post.publish_at.map(|at| format!("{} {}", p.scheduled_for, when(lang, at, tz))))
        .flatten();
    let public = (post.state == PostState::Published)
        .then(|| format!("/{}/posts/{}", post.location_slug, post.id));
    view! {
        <li class="card" id=format!("post-{}", post.id)>
            <span class=state_class>{p.state(post.state)}</span>
            <strong>
                {match public.clone() {
                    Some(href) => view! { <a href=href>{title.clone()}</a> }.into_any(),
                    None => view! { <span>{title.clone()}</span> }.into_any(),
                }}
            </strong>
            <span class="muted small">{meta}</span>
            {scheduled.map(|s| view! { <span>{s}</span> })}
            {reactions.map(|r| view! {
                <span class="reactions muted small">{p.reactions.replace("{likes}", &r.likes.to_string()).replace("{boosts}", &r.boosts.to_string())}</span>
            })}
            {delivered.map(|(text, problem)| view! {
                <span class=if problem { "delivery problem small" } else { "delivery muted small" }>{text}</span>
            })}
            {(post.state == PostState::Rejected && !post.reject_reason.is_empty()).then(|| view! {
                <p class="message problem">{p.rejected_because} " " {post.reject_reason.clone()}</p>
            })}
            {(!post.photos.is_empty()).then(|| view! {
                <img class="thumb" src=format!("/media/{}-{}.jpg", post.photos[0].hash, post.photos[0].widths.first().copied().unwrap_or(400)) alt="" width="96" height="72" loading="lazy" />
            })}
            <div class="card-actions">
                {buttons}
                // Staff spread the news in their own networks: the phone's share sheet via
                // /share.js (a copied link where there is none); without the script, a link
                // to the post's page.
                {public.clone().map(|href| view! {
                    <a class="button share" href=href data-share-title=title.clone() data-copied=p.link_copied>
                        {p.share} <span class="visually-hidden">{format!(": {title}")}</span>
                    </a>
                    <span class="share-status muted small" role="status"></span>
                })}
            </div>
            {reject}
        </li>
    }
}
