//! `/setup/{token}`: the one-time link printed at first start creates the owner account.

use crate::api::account::check_setup_token;
use crate::components::layout::AppLayout;
use crate::request;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn SetupPage() -> impl IntoView {
    let lang = request::lang();
    let t = lang.texts();
    let token = use_params_map().read_untracked().get("token").unwrap_or_default();
    let error = use_query_map().read_untracked().get("error").map(|code| match code.as_str() {
        "taken" => t.email_taken,
        "csrf" => t.form_expired,
        other => crate::domain::account::SignupProblem::from_code(other)
            .map_or(t.save_failed, |problem| lang.signup_problem(problem)),
    });
    let valid = Resource::new_blocking(move || token.clone(), check_setup_token);
    view! {
        <Title text=format!("{} – Nahbar", t.setup_title) />
        <Meta name="robots" content="noindex" />
        <AppLayout>
            <h1>{t.setup_title}</h1>
            <Suspense>
                {move || Suspend::new(async move {
                    if valid.await.unwrap_or(false) {
                        view! { <SetupForm error=error /> }.into_any()
                    } else {
                        request::set_status(404);
                        view! { <p class="message problem">{t.setup_link_invalid}</p> }.into_any()
                    }
                })}
            </Suspense>
        </AppLayout>
    }
}

#[component]
fn SetupForm(error: Option<&'static str>) -> impl IntoView {
    let t = request::lang().texts();
    view! {
        <p>{t.setup_intro}</p>
        <form method="post" class="stack narrow">
            <input type="hidden" name="csrf_token" value=request::csrf_token() />
            {error.map(|e| view! { <p class="message problem" role="alert">{e}</p> })}
            <div class="field">
                <label for="business">{t.business_name}</label>
                <input id="business" name="business_name" autocomplete="organization" required />
            </div>
            <div class="field">
                <label for="display_name">{t.your_name}</label>
                <input id="display_name" name="display_name" autocomplete="name" required />
            </div>
            <div class="field">
                <label for="email">{t.email}</label>
                <input id="email" name="email" type="email" autocomplete="username" required />
            </div>
            <div class="field">
                <label for="password">{t.password}</label>
                <input id="password" name="password" type="password" minlength="10"
                    autocomplete="new-password" required aria-describedby="password-hint" />
                <p class="help" id="password-hint">{t.password_hint}</p>
            </div>
            <div class="field">
                <label for="password2">{t.password_repeat}</label>
                <input id="password2" name="password_repeat" type="password" minlength="10"
                    autocomplete="new-password" required />
            </div>
            <button type="submit" class="primary">{t.create_account}</button>
        </form>
    }
}
