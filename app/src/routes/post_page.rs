//! `/{slug}/posts/{id}`: one published post to share, with Open Graph tags (the first
//! photo as the preview image). Server-rendered, no script.

use crate::api::posts::{PublicPost, get_public_post};
use crate::components::layout::PublicLayout;
use crate::components::post_view::PostArticle;
use crate::domain::location_image::jpeg_url;
use crate::request;
use crate::routes::not_found::NotFound;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn PostPage() -> impl IntoView {
    let params = use_params_map().read_untracked().clone();
    let slug = params.get("slug").unwrap_or_default();
    let id = params.get("id").and_then(|id| id.parse::<i64>().ok());
    let post = Resource::new_blocking(
        move || (slug.clone(), id),
        |(slug, id)| async move {
            match id {
                Some(id) => get_public_post(slug, id).await.ok(),
                None => None,
            }
        },
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match post.await {
                    Some(data) => view! { <PostView data=data /> }.into_any(),
                    None => view! { <NotFound /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PostView(data: PublicPost) -> impl IntoView {
    let lang = request::lang();
    let p = lang.posts();
    let PublicPost { post, public_url, timezone, images } = data;
    request::cache_until_changed();
    let tz = timezone.parse().unwrap_or(chrono_tz::Europe::Berlin);
    let url = format!("{public_url}/{}/posts/{}", post.location_slug, post.id);
    let title = format!("{} – {}", post.title(), post.location_name);
    let description: String = post.text.chars().take(200).collect();
    // The post's first photo, else the location's cover or logo.
    let image = match post.photos.first() {
        Some(photo) => Some((jpeg_url(&public_url, photo, 1200), photo.alt.clone())),
        None => images.preview().map(|photo| {
            let alt =
                if photo.alt.is_empty() { post.location_name.clone() } else { photo.alt.clone() };
            (jpeg_url(&public_url, photo, 1200), alt)
        }),
    };
    let shop = format!("/{}", post.location_slug);
    let feed = format!("/{}/feed.atom", post.location_slug);
    view! {
        <Title text=title.clone() />
        <Link rel="canonical" href=url.clone() />
        <Link rel="alternate" type_="application/atom+xml" href=feed.clone() title=p.feed />
        <Link rel="alternate" type_="application/feed+json" href=format!("/{}/feed.json", post.location_slug) title=p.feed_json />
        <Meta name="description" content=description.clone() />
        <Meta property="og:type" content="article" />
        <Meta property="og:title" content=title.clone() />
        <Meta property="og:description" content=description />
        <Meta property="og:url" content=url />
        <Meta property="og:site_name" content=post.location_name.clone() />
        {image.map(|(src, alt)| view! {
            <Meta property="og:image" content=src />
            <Meta property="og:image:alt" content=alt />
            <Meta name="twitter:card" content="summary_large_image" />
        })}
        {post.published_at.map(|at| view! { <Meta property="article:published_time" content=at.to_rfc3339() /> })}
        <PublicLayout slug=post.location_slug.clone()>
            <p class="crumbs"><a href=shop>{post.location_name.clone()}</a></p>
            <PostArticle post=post.clone() lang=lang tz=tz />
            <p class="ask-links">
                <a href=format!("/{}/ask?post={}", post.location_slug, post.id)>{lang.questions().ask_link}</a>
            </p>
            <p class="muted small"><a href=feed>{p.feed}</a></p>
        </PublicLayout>
    }
}
