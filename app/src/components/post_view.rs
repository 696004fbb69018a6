//! One post as customers see it: kind, dates, text, responsive photos (WebP with a JPEG
//! fallback, lazy-loaded, with alt text), and the place it was posted from.

use crate::domain::post::{Post, PostKind, PostPhoto};
use crate::i18n::{Lang, date_range, when};
use leptos::prelude::*;

fn srcset(photo: &PostPhoto, extension: &str) -> String {
    photo
        .widths
        .iter()
        .map(|w| format!("/media/{}-{w}.{extension} {w}w", photo.hash))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The photo as `<picture>`: WebP first, JPEG for browsers without it.
#[component]
pub fn Photo(photo: PostPhoto, alt: String, #[prop(optional)] eager: bool) -> impl IntoView {
    let fallback_width = photo
        .widths
        .iter()
        .copied()
        .find(|w| *w >= 800)
        .or(photo.widths.last().copied())
        .unwrap_or(400);
    let height = (u64::from(photo.height) * u64::from(fallback_width)
        / u64::from(photo.width.max(1))) as u32;
    let sizes = "(min-width: 44rem) 40rem, 100vw";
    view! {
        <picture>
            <source type="image/webp" srcset=srcset(&photo, "webp") sizes=sizes />
            <img
                src=format!("/media/{}-{fallback_width}.jpg", photo.hash)
                srcset=srcset(&photo, "jpg")
                sizes=sizes
                width=fallback_width.to_string()
                height=height.to_string()
                alt=alt
                loading=if eager { "eager" } else { "lazy" }
                decoding="async"
            />
        </picture>
    }
}

/// The alt text: the author's, else "Photo for <headline>".
pub fn alt_text(lang: Lang, post: &Post, photo: &PostPhoto) -> String {
    if photo.alt.is_empty() {
        format!("{} „{}“", lang.posts().photo_of, post.title())
    } else {
        photo.alt.clone()
    }
}

/// Offer validity or event times, as a short line.
pub fn dates_line(lang: Lang, post: &Post, tz: chrono_tz::Tz) -> Option<String> {
    let p = lang.posts();
    match post.kind {
        PostKind::Update => None,
        PostKind::Offer => {
            post.valid_until.map(|d| format!("{} {}", p.until, date_range(lang, d, d)))
        }
        PostKind::Event => post.starts_at.map(|start| match post.ends_at {
            Some(end) => format!("{} – {}", when(lang, start, tz), when(lang, end, tz)),
            None => when(lang, start, tz),
        }),
    }
}

#[component]
pub fn PostArticle(
    post: Post,
    lang: Lang,
    tz: chrono_tz::Tz,
    #[prop(optional)] link: bool,
) -> impl IntoView {
    let p = lang.posts();
    let href = format!("/{}/posts/{}", post.location_slug, post.id);
    let title = post.title();
    let rest: String = post.text.lines().skip(1).collect::<Vec<_>>().join("\n").trim().to_string();
    let published = post.published_at.map(|at| when(lang, at, tz));
    let dates = dates_line(lang, &post, tz);
    let photos = post
        .photos
        .iter()
        .enumerate()
        .map(|(n, photo)| view! { <Photo photo=photo.clone() alt=alt_text(lang, &post, photo) eager=!link && n == 0 /> })
        .collect_view();
    let kind = (post.kind != PostKind::Update).then(|| p.kind(post.kind));
    let place = post.geotag.as_ref().map(|g| g.place.clone()).filter(|place| !place.is_empty());
    view! {
        <article class="post">
            <p class="post-meta muted small">
                {kind.map(|k| view! { <span class="badge">{k}</span> " " })}
                {published}
                {place.map(|place| format!(" · {} {place}", p.at_place))}
            </p>
            // In a list the title links to the post's page (h3 under the news heading); on
            // the post's own page it is the page's one h1.
            {if link {
                view! { <h3><a href=href>{title}</a></h3> }.into_any()
            } else {
                view! { <h1 class="post-title">{title}</h1> }.into_any()
            }}
            {dates.map(|d| view! { <p class="post-dates"><strong>{d}</strong></p> })}
            {(!rest.is_empty()).then(|| view! { <p class="post-text">{rest}</p> })}
            <div class="post-photos">{photos}</div>
        </article>
    }
}
