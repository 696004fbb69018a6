use crate::components::layout::PublicLayout;
use crate::request;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// Any unknown path or slug: a real page with status 404.
#[component]
pub fn NotFound() -> impl IntoView {
    request::set_status(404);
    let t = request::lang().texts();
    view! {
        <Title text=t.not_found_title />
        <Meta name="robots" content="noindex" />
        <PublicLayout>
            <h1>{t.not_found_title}</h1>
            <p>{t.not_found_text}</p>
            <p><a href="/">{t.back_to_start}</a></p>
        </PublicLayout>
    }
}
