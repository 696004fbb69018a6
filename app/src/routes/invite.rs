//! `/invite/{token}`: an invitation link (typed, tapped or scanned from the QR code). A new
//! person creates an account and lands in the staff app; someone signed in joins with
//! their account. A used, revoked or expired link says so (404).

use crate::api::team::{InvitePageData, get_invite_page};
use crate::components::layout::AppLayout;
use crate::request;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn InvitePage() -> impl IntoView {
    let lang = request::lang();
    let tt = lang.team();
    let token = use_params_map().read_untracked().get("token").unwrap_or_default();
    let data = Resource::new_blocking(move || token.clone(), get_invite_page);
    view! {
        <Title text=format!("{} – Nahbar", tt.join_title) />
        <Meta name="robots" content="noindex" />
        <Meta name="referrer" content="no-referrer" />
        <AppLayout>
            <Suspense>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(Some(data)) => view! { <InviteForm data=data /> }.into_any(),
                        _ => {
                            request::set_status(404);
                            view! {
                                <h1>{tt.link_invalid}</h1>
                                <p>{tt.link_invalid_help}</p>
                            }
                            .into_any()
                        }
                    }
                })}
            </Suspense>
        </AppLayout>
    }
}

#[component]
fn InviteForm(data: InvitePageData) -> impl IntoView {
    let lang = request::lang();
    let (t, tt) = (lang.texts(), lang.team());
    let query = use_query_map().read_untracked().clone();
    let error = query.get("error").map(|code| match code.as_str() {
        "taken" => tt.email_taken,
        "csrf" => t.form_expired,
        other => crate::domain::account::SignupProblem::from_code(other)
            .map_or(t.save_failed, |problem| lang.signup_problem(problem)),
    });
    let intro =
        tt.join_intro.replace("{name}", &data.business_name).replace("{role}", t.role(data.role));
    let path = request::path();
    let login = format!("/login?next={}", form_urlencoded_path(&path));
    let joined = view! {
        <h1>{tt.join_title}</h1>
        <p class="lead">{intro}</p>
    };
    if let Some(name) = data.signed_in_as {
        return view! {
            {joined}
            <p>{tt.join_as.replace("{name}", &name)}</p>
            {if data.already_member {
                view! { <p class="message ok">{tt.already_member}</p> <p><a href="/admin">{t.dashboard}</a></p> }.into_any()
            } else {
                view! {
                    <form method="post" class="stack narrow">
                        <input type="hidden" name="csrf_token" value=request::csrf_token() />
                        <input type="hidden" name="join" value="1" />
                        <button type="submit" class="primary">{tt.join_with_account}</button>
                    </form>
                }
                .into_any()
            }}
        }
        .into_any();
    }
    let name = query.get("name").unwrap_or_default();
    let email = query.get("email").unwrap_or_default();
    view! {
        {joined}
        <h2>{tt.join_create}</h2>
        <form method="post" class="stack narrow">
            <input type="hidden" name="csrf_token" value=request::csrf_token() />
            {error.map(|e| view! { <p class="message problem" role="alert" id="join-error">{e}</p> })}
            <div class="field">
                <label for="display_name">{tt.your_name}</label>
                <input id="display_name" name="display_name" autocomplete="name" required value=name />
            </div>
            <div class="field">
                <label for="email">{t.email}</label>
                <input id="email" name="email" type="email" autocomplete="username" required value=email />
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
            <button type="submit" class="primary">{tt.join_button}</button>
        </form>
        <p><a href=login>{tt.have_account}</a></p>
    }
    .into_any()
}

fn form_urlencoded_path(path: &str) -> String {
    path.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
