//! The customer pages `/imprint`, `/{slug}/imprint`, `/privacy` and `/{slug}/privacy`:
//! server-rendered, no script, in the request's language. The start page's versions list
//! every business on it; a location's show its business's (with the location's own address
//! where the owner chose it).

use crate::api::imprint::{PublicImprint, get_public_imprint};
use crate::components::layout::PublicLayout;
use crate::i18n::imprint_page::ImprintPage;
use crate::i18n::privacy::privacy_page;
use crate::request;
use crate::routes::not_found::NotFound;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Imprint,
    Privacy,
}

#[component]
pub fn ImprintRoute() -> impl IntoView {
    view! { <Legal kind=Kind::Imprint /> }
}

#[component]
pub fn PrivacyRoute() -> impl IntoView {
    view! { <Legal kind=Kind::Privacy /> }
}

#[component]
fn Legal(kind: Kind) -> impl IntoView {
    let slug = use_params_map().read_untracked().get("slug");
    let data = Resource::new_blocking(
        move || slug.clone(),
        |slug| async move { get_public_imprint(slug).await.ok() },
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Some(data) => view! { <LegalView data=data kind=kind /> }.into_any(),
                    None => view! { <NotFound /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn LegalView(data: PublicImprint, kind: Kind) -> impl IntoView {
    let lang = request::lang();
    request::cache_until_changed();
    let several = data.entries.len() > 1;
    let pages: Vec<(String, ImprintPage)> = data
        .entries
        .iter()
        .map(|entry| {
            let page = match kind {
                Kind::Imprint => ImprintPage::new(&entry.imprint, lang),
                Kind::Privacy => privacy_page(&entry.privacy, lang),
            };
            (entry.business_name.clone(), page)
        })
        .collect();
    let heading = match kind {
        Kind::Imprint => lang.imprint().imprint,
        Kind::Privacy => lang.imprint_screen().privacy_heading,
    };
    let title = match &data.location {
        Some((_, name)) => format!("{heading} – {name}"),
        None => format!("{heading} – Nahbar"),
    };
    let slug = data.location.as_ref().map(|(slug, _)| slug.clone());
    let crumb = data.location.clone();
    // Level of the section headings: under a business's own heading when there are several.
    let sections = pages
        .into_iter()
        .enumerate()
        .map(|(i, (business, page))| {
            let sections = page
                .sections
                .into_iter()
                .map(|section| {
                    let lines = section
                        .lines
                        .into_iter()
                        .map(|line| view! { <p>{line}</p> })
                        .collect_view();
                    if several {
                        view! { <section><h3>{section.heading}</h3>{lines}</section> }.into_any()
                    } else {
                        view! { <section><h2>{section.heading}</h2>{lines}</section> }.into_any()
                    }
                })
                .collect_view();
            if several {
                view! {
                    <section class="legal-business" aria-labelledby=format!("business-{i}")>
                        <h2 id=format!("business-{i}")>{business}</h2>
                        {sections}
                    </section>
                }
                .into_any()
            } else {
                sections.into_any()
            }
        })
        .collect_view();
    let body = view! {
        {crumb.map(|(slug, name)| view! { <p class="crumbs"><a href=format!("/{slug}")>{name}</a></p> })}
        <article class="legal">
            <h1>{heading}</h1>
            {sections}
        </article>
    };
    let page = match slug {
        Some(slug) => view! { <PublicLayout slug=slug>{body}</PublicLayout> }.into_any(),
        None => view! { <PublicLayout>{body}</PublicLayout> }.into_any(),
    };
    view! {
        <Title text=title />
        {page}
    }
}
