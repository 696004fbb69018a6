//! `/admin/account`: the signed-in person's own account. Change the password (every other
//! device is signed out), the weekly summary by e-mail (on or off), see where the account
//! is signed in and end those sessions.

use crate::api::account::{AccountPageData, get_account_page};
use crate::components::layout::{AppLayout, CsrfField};
use crate::domain::team::describe_user_agent;
use crate::i18n::moment;
use crate::request;
use crate::routes::not_found::NotFound;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AccountPage() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| async move { get_account_page().await.ok() });
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Some(data) => view! { <AccountView data=data /> }.into_any(),
                    None => view! { <NotFound /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AccountView(data: AccountPageData) -> impl IntoView {
    let lang = request::lang();
    let (t, tt) = (lang.texts(), lang.account());
    let query = use_query_map().read_untracked().clone();
    let problem = query.get("error").map(|code| match code.as_str() {
        "current" => tt.wrong_password,
        "rate" => tt.too_many_tries,
        "short" => t.password_too_short,
        "differ" => t.passwords_differ,
        "csrf" => t.form_expired,
        _ => t.save_failed,
    });
    let st = lang.summary();
    let message = if query.get("password").is_some() {
        Some(tt.password_changed)
    } else if let Some(summary) = query.get("summary") {
        Some(if summary == "on" { st.on } else { st.off })
    } else {
        query.get("ended").map(|_| tt.sessions_ended)
    };
    let others = data.sessions.iter().filter(|s| !s.current).count();
    let sessions = data
        .sessions
        .into_iter()
        .map(|s| {
            let device = describe_user_agent(&s.user_agent);
            view! {
                <li class="card">
                    <strong>{device.clone()}</strong>
                    {s.current.then(|| view! { " " <span class="badge">{tt.this_device}</span> })}
                    <span class="muted small">
                        {tt.signed_in_at.replace("{date}", &moment(lang, s.created_at))}
                        {s.last_seen_at.map(|at| format!(" · {}", tt.last_active.replace("{date}", &moment(lang, at))))}
                        {(!s.ip.is_empty()).then(|| format!(" · {}", s.ip))}
                    </span>
                    <form method="post" action=format!("/admin/account/sessions/{}/end", s.id) class="inline">
                        <CsrfField />
                        <button type="submit" class="small">
                            {tt.end_session} <span class="visually-hidden">{format!(" {device}")}</span>
                        </button>
                    </form>
                </li>
            }
        })
        .collect_view();
    view! {
        <Title text=format!("{} – Nahbar", tt.account) />
        <AppLayout signed_in=true>
            <p class="crumbs"><a href="/admin">{t.dashboard}</a></p>
            <h1>{tt.account}</h1>
            <p>{data.display_name} " · " {data.email}</p>
            <p class="message ok" role="status">{message}</p>
            <section aria-labelledby="password" class="narrow">
                <h2 id="password">{tt.password_title}</h2>
                <p class="message problem" role="alert">{problem}</p>
                <form method="post" action="/admin/account/password" class="stack">
                    <CsrfField />
                    <div class="field">
                        <label for="current">{tt.current_password}</label>
                        <input id="current" name="current" type="password" autocomplete="current-password" required />
                    </div>
                    <div class="field">
                        <label for="new-password">{tt.new_password}</label>
                        <input id="new-password" name="password" type="password" minlength="10" autocomplete="new-password" required />
                    </div>
                    <div class="field">
                        <label for="new-password2">{tt.repeat_password}</label>
                        <input id="new-password2" name="password_repeat" type="password" minlength="10" autocomplete="new-password" required />
                    </div>
                    <button type="submit" class="primary">{tt.change_password}</button>
                </form>
            </section>
            <section aria-labelledby="summary" class="narrow">
                <h2 id="summary">{st.title}</h2>
                <p id="summary-help">{st.help}</p>
                {(!data.mail).then(|| view! { <p class="muted">{st.no_mail}</p> })}
                {if data.summary_offered {
                    view! {
                        <form method="post" action="/admin/account/summary" class="stack">
                            <CsrfField />
                            <div class="check">
                                <input type="checkbox" id="weekly-summary" name="weekly_summary" value="on"
                                    checked=data.weekly_summary aria-describedby="summary-help" />
                                <label for="weekly-summary">{st.checkbox}</label>
                            </div>
                            <button type="submit">{st.save}</button>
                        </form>
                    }.into_any()
                } else {
                    view! { <p class="muted">{st.managers_only}</p> }.into_any()
                }}
            </section>
            <section aria-labelledby="sessions">
                <h2 id="sessions">{tt.sessions_title}</h2>
                <p>{tt.sessions_intro}</p>
                <ul class="cards">{sessions}</ul>
                {(others > 0).then(|| view! {
                    <form method="post" action="/admin/account/sessions/end-others">
                        <CsrfField />
                        <button type="submit">{tt.end_others}</button>
                    </form>
                })}
            </section>
        </AppLayout>
    }
}
