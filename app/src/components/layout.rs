//! Page frames: the public frame for customers and the app frame for owners and staff.

use crate::i18n::Lang;
use crate::request;
use leptos::prelude::*;

/// Links to switch the language; the choice is remembered in a cookie by `/lang/{code}`.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let current = request::lang();
    let back = request::path();
    view! {
        <nav class="lang" aria-label=current.texts().language>
            {Lang::ALL
                .into_iter()
                .map(|lang| {
                    let href = format!("/lang/{}?next={}", lang.code(), encode_path(&back));
                    view! {
                        <a
                            href=href
                            hreflang=lang.code()
                            lang=lang.code()
                            aria-current=(lang == current).then_some("true")
                        >
                            {lang.native_name()}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
    }
}

fn encode_path(path: &str) -> String {
    path.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                char::from(b).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[component]
pub fn PublicLayout(children: Children) -> impl IntoView {
    let t = request::lang().texts();
    view! {
        <a class="skip" href="#main">{t.skip_to_content}</a>
        <header class="site">
            <LangSwitch />
        </header>
        <main id="main">{children()}</main>
        <footer class="site">
            <p>{t.published_with} " · " <a href="/login">{t.staff_login}</a></p>
        </footer>
    }
}

#[component]
pub fn AppLayout(children: Children, #[prop(optional)] signed_in: bool) -> impl IntoView {
    let t = request::lang().texts();
    let csrf = request::csrf_token();
    view! {
        <a class="skip" href="#main">{t.skip_to_content}</a>
        <header class="app">
            <a class="brand" href="/admin">"Nahbar"</a>
            <LangSwitch />
            {signed_in.then(|| view! {
                <form method="post" action="/logout" class="logout">
                    <input type="hidden" name="csrf_token" value=csrf />
                    <button type="submit" class="link">{t.sign_out}</button>
                </form>
            })}
        </header>
        <main id="main" class="app">{children()}</main>
    }
}

/// The CSRF token of this browser as a hidden form field (server-posted forms).
#[component]
pub fn CsrfField() -> impl IntoView {
    view! { <input type="hidden" name="csrf_token" value=request::csrf_token() /> }
}
