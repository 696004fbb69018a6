//! `/login`: a plain form posted to the server's `/login` handler, so it works before any
//! WASM has loaded. Errors come back as `?error=…`.

use crate::components::layout::AppLayout;
use crate::request;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LoginPage() -> impl IntoView {
    let t = request::lang().texts();
    let query = use_query_map();
    let error = query.read_untracked().get("error").map(|code| match code.as_str() {
        "rate" => t.login_rate_limited,
        "csrf" => t.form_expired,
        _ => t.login_failed,
    });
    let next = query.read_untracked().get("next").unwrap_or_default();
    view! {
        <Title text=format!("{} – Nahbar", t.sign_in) />
        <AppLayout>
            <h1>{t.sign_in}</h1>
            <form method="post" action="/login" class="stack narrow">
                <input type="hidden" name="csrf_token" value=request::csrf_token() />
                <input type="hidden" name="next" value=next />
                {error.map(|e| view! { <p class="message problem" role="alert" id="login-error">{e}</p> })}
                <div class="field">
                    <label for="email">{t.email}</label>
                    <input id="email" name="email" type="email" autocomplete="username" required
                        aria-describedby=error.map(|_| "login-error") />
                </div>
                <div class="field">
                    <label for="password">{t.password}</label>
                    <input id="password" name="password" type="password"
                        autocomplete="current-password" required />
                </div>
                <button type="submit" class="primary">{t.sign_in}</button>
            </form>
        </AppLayout>
    }
}
