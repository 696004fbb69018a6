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

/// The customer pages' frame. Its footer links the imprint and the privacy notice: the
/// location's own (`slug`) or, on pages of no single location, the start page's.
#[component]
pub fn PublicLayout(
    children: Children,
    #[prop(optional, into)] slug: Option<String>,
) -> impl IntoView {
    let lang = request::lang();
    let (t, legal) = (lang.texts(), lang.imprint_screen());
    let base = slug.map(|slug| format!("/{slug}")).unwrap_or_default();
    view! {
        <a class="skip" href="#main">{t.skip_to_content}</a>
        <header class="site">
            <LangSwitch />
        </header>
        <main id="main">{children()}</main>
        <footer class="site">
            <nav aria-label=legal.menu>
                <a href=format!("{base}/imprint")>{legal.footer_imprint}</a>
                " · "
                <a href=format!("{base}/privacy") rel="privacy-policy">{legal.footer_privacy}</a>
            </nav>
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
                <a href="/admin/account" class="account-link">{request::lang().account().account}</a>
                <form method="post" action="/logout" class="logout">
                    <input type="hidden" name="csrf_token" value=csrf />
                    <button type="submit" class="link">{t.sign_out}</button>
                </form>
            })}
        </header>
        <main id="main" class="app">
            // Before the page's own scripts (deferred scripts run in order): compose uses it.
            {signed_in.then(|| view! { <OutboxPanel /> <script src="/outbox.js" defer></script> })}
            {children()}
        </main>
    }
}

/// The staff app's outbox: posts composed on this phone that the server does not have yet,
/// each with its state ("waiting for connection", "not sent: …") and edit/delete. Hidden
/// until `/outbox.js` finds something in it; the texts travel as data attributes.
#[component]
pub fn OutboxPanel() -> impl IntoView {
    let lang = request::lang();
    let o = lang.outbox();
    let user = request::user_id().map(|id| id.to_string()).unwrap_or_default();
    let texts = serde_json::json!({
        "waitingOne": o.waiting_one, "waitingMany": o.waiting_many,
        "refusedCount": o.refused_count, "waiting": o.waiting, "sending": o.sending,
        "uploading": o.uploading, "retry": o.retry, "refused": o.refused, "signin": o.signin,
        "signinLink": o.signin_link, "otherUser": o.other_user, "photoOne": o.photo_one,
        "photosMany": o.photos_many, "edit": o.edit, "delete": o.delete,
        "confirmDelete": o.confirm_delete, "sentOne": o.sent_one, "sentMany": o.sent_many,
        "editTooLate": o.edit_too_late, "noStorage": o.no_storage, "updated": o.updated,
        "reload": o.reload,
    })
    .to_string();
    view! {
        <section
            class="outbox"
            aria-labelledby="outbox-title"
            hidden
            data-outbox=""
            data-user=user
            data-texts=texts
        >
            <h2 id="outbox-title">{o.title}</h2>
            <p data-outbox-summary="" role="status" aria-live="polite"></p>
            <ol class="outbox-list" data-outbox-list=""></ol>
            <p data-outbox-actions="" hidden>
                <button type="button" data-outbox-retry="">{o.send_now}</button>
            </p>
            <p class="outbox-sent" data-outbox-sent="" hidden>
                <span data-outbox-sent-text="" role="status"></span>
                " "
                <a href="/admin/posts">{lang.posts().posts}</a>
                " "
                <button type="button" class="link" data-outbox-dismiss="">{o.dismiss}</button>
            </p>
        </section>
    }
}

/// The CSRF token of this browser as a hidden form field (server-posted forms).
#[component]
pub fn CsrfField() -> impl IntoView {
    view! { <input type="hidden" name="csrf_token" value=request::csrf_token() /> }
}
