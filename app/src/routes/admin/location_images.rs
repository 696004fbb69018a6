//! `/admin/locations/{id}/images`: the location's logo and cover photo, each shown as it
//! is with a remove button and an upload form. Plain multipart forms, usable without WASM
//! (the CSRF token rides in the form's action, as the upload check reads it there).

use crate::api::location_images::{LocationImagesPageData, get_location_images_page};
use crate::components::layout::{AppLayout, CsrfField};
use crate::components::location_switcher::LocationSwitcher;
use crate::domain::location_image::{ImageKind, MAX_COVER_ALT_CHARS, height_at};
use crate::domain::post::PostPhoto;
use crate::i18n::Lang;
use crate::request;
use crate::routes::not_found::NotFound;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn LocationImagesPage() -> impl IntoView {
    let id = use_params_map().read_untracked().get("id").and_then(|id| id.parse::<i64>().ok());
    let data = Resource::new_blocking(
        move || id,
        |id| async move {
            match id {
                Some(id) => get_location_images_page(id).await.ok(),
                None => None,
            }
        },
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Some(data) => view! { <ImagesView data=data /> }.into_any(),
                    None => view! { <NotFound /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ImagesView(data: LocationImagesPageData) -> impl IntoView {
    let lang = request::lang();
    let t = lang.texts();
    let it = lang.location_images();
    let query = use_query_map().read_untracked().clone();
    let which = query.get("which").and_then(|w| ImageKind::parse(&w));
    let done = match (query.get("saved"), query.get("removed")) {
        (Some(saved), _) => match ImageKind::parse(&saved) {
            Some(ImageKind::Logo) => Some(it.saved_logo),
            Some(ImageKind::Cover) => Some(it.saved_cover),
            None => None,
        },
        (None, Some(removed)) => match ImageKind::parse(&removed) {
            Some(ImageKind::Logo) => Some(it.removed_logo),
            Some(ImageKind::Cover) => Some(it.removed_cover),
            None => None,
        },
        _ => None,
    };
    let error = match query.get("error").as_deref() {
        Some("no_file") => Some(it.no_file.to_string()),
        Some("alt_too_long") => {
            Some(it.alt_too_long.replace("{max}", &MAX_COVER_ALT_CHARS.to_string()))
        }
        _ => None,
    };
    let typed_alt = query.get("alt").unwrap_or_default();
    let title = format!("{}: {}", it.title, data.name);
    let sections = ImageKind::ALL
        .into_iter()
        .map(|kind| {
            let error = error.clone().filter(|_| which.unwrap_or(ImageKind::Logo) == kind);
            view! {
                <ImageSection
                    lang=lang
                    kind=kind
                    location_id=data.location_id
                    name=data.name.clone()
                    current=data.images.get(kind).cloned()
                    error=error
                    typed_alt=typed_alt.clone()
                />
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
            <LocationSwitcher lang=lang current=data.location_id siblings=data.siblings.clone() section="/images" />
            <h1>{title}</h1>
            {done.map(|text| view! { <p class="message ok" role="status">{text}</p> })}
            <p>{it.intro}</p>
            {sections}
        </AppLayout>
    }
}

#[component]
fn ImageSection(
    lang: Lang,
    kind: ImageKind,
    location_id: i64,
    name: String,
    current: Option<PostPhoto>,
    error: Option<String>,
    typed_alt: String,
) -> impl IntoView {
    let it = lang.location_images();
    let key = kind.as_str();
    let base = format!("/admin/locations/{location_id}/images");
    let (heading, help, upload, remove) = match kind {
        ImageKind::Logo => (it.logo, it.logo_help, it.upload_logo, it.remove_logo),
        ImageKind::Cover => (it.cover, it.cover_help, it.upload_cover, it.remove_cover),
    };
    let alt_of = |photo: &PostPhoto| match kind {
        ImageKind::Logo => it.logo_of.replace("{name}", &name),
        ImageKind::Cover if photo.alt.is_empty() => heading.to_string(),
        ImageKind::Cover => photo.alt.clone(),
    };
    let current_alt = current.as_ref().map(|p| p.alt.clone()).unwrap_or_default();
    let alt_value = if error.is_some() && !typed_alt.is_empty() { typed_alt } else { current_alt };
    let preview = current.as_ref().map(|photo| {
        let width = photo.widths.first().copied().unwrap_or(photo.width);
        view! {
            <img
                class=format!("image-preview {key}")
                src=format!("/media/{}-{width}.jpg", photo.hash)
                width=width.to_string()
                height=height_at(photo, width).to_string()
                alt=alt_of(photo)
            />
        }
    });
    let error_id = format!("{key}-error");
    let described = format!("{key}-file-help");
    view! {
        <section aria-labelledby=format!("{key}-heading") class="location-image">
            <h2 id=format!("{key}-heading")>{heading}</h2>
            {match preview {
                Some(preview) => view! {
                    {preview}
                    <form method="post" action=format!("{base}/remove") class="inline">
                        <CsrfField />
                        <input type="hidden" name="which" value=key />
                        <button type="submit" class="danger">{remove}</button>
                    </form>
                }.into_any(),
                None => view! { <p class="muted">{it.none_yet}</p> }.into_any(),
            }}
            <form
                method="post"
                enctype="multipart/form-data"
                action=format!("{base}?csrf_token={}", request::csrf_token())
                class="stack"
            >
                <input type="hidden" name="which" value=key />
                {error.clone().map(|text| view! { <p class="message problem" role="alert" id=error_id.clone()>{text}</p> })}
                <div class="field">
                    <label for=format!("{key}-file")>{it.file}</label>
                    <input
                        id=format!("{key}-file")
                        name="file"
                        type="file"
                        accept="image/jpeg,image/png,image/webp"
                        required
                        aria-describedby=described.clone()
                    />
                    <p class="help" id=described>{format!("{} {}", it.file_help, help)}</p>
                </div>
                {(kind == ImageKind::Cover).then(|| view! {
                    <div class="field">
                        <label for="cover-alt">{it.cover_alt}</label>
                        <input
                            id="cover-alt"
                            name="alt"
                            type="text"
                            maxlength=MAX_COVER_ALT_CHARS.to_string()
                            value=alt_value.clone()
                            aria-describedby="cover-alt-help"
                        />
                        <p class="help" id="cover-alt-help">{it.cover_alt_help}</p>
                    </div>
                })}
                <button type="submit">{upload}</button>
            </form>
        </section>
    }
}
