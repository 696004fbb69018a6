//! `/admin/team/{business}`: the owner's team screen. Members with their role (change,
//! remove), a new invitation link with its QR code, and the open invitations. Plain forms
//! posted to `server::team`; works without WASM.

use crate::api::team::{TeamPageData, get_team_page};
use crate::components::layout::{AppLayout, CsrfField};
use crate::domain::location::Role;
use crate::i18n::moment;
use crate::request;
use crate::routes::not_found::NotFound;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn TeamPage() -> impl IntoView {
    let business =
        use_params_map().read_untracked().get("business").and_then(|id| id.parse::<i64>().ok());
    let invite = use_query_map().read_untracked().get("invite");
    let data = Resource::new_blocking(
        move || (business, invite.clone()),
        |(business, invite)| async move {
            match business {
                Some(business) => get_team_page(business, invite).await.ok(),
                None => None,
            }
        },
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Some(data) => view! { <TeamView data=data /> }.into_any(),
                    None => view! { <NotFound /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

const ROLES: [Role; 3] = [Role::Staff, Role::Manager, Role::Owner];

#[component]
fn TeamView(data: TeamPageData) -> impl IntoView {
    let lang = request::lang();
    let (t, tt) = (lang.texts(), lang.team());
    let query = use_query_map().read_untracked().clone();
    let (message, problem) = if query.get("error").as_deref() == Some("last_owner") {
        (None, Some(tt.last_owner))
    } else if query.get("mailed").as_deref() == Some("1") {
        (Some(tt.mailed), None)
    } else if query.get("mailed").as_deref() == Some("0") {
        (None, Some(tt.mail_failed))
    } else if query.get("changed").is_some() {
        (Some(tt.role_changed), None)
    } else if query.get("removed").is_some() {
        (Some(tt.removed), None)
    } else if query.get("revoked").is_some() {
        (Some(tt.revoked), None)
    } else {
        (None, None)
    };
    let invite_problem = match query.get("error").as_deref() {
        Some("email") => Some(tt.bad_email),
        Some("no_mail") => Some(tt.no_mail),
        _ => None,
    };
    let base = format!("/admin/team/{}", data.business_id);
    let title = tt.team_of.replace("{name}", &data.business_name);
    let rights = move |role: Role| match role {
        Role::Owner => tt.rights_owner,
        Role::Manager => tt.rights_manager,
        Role::Staff => tt.rights_staff,
    };
    let members = data
        .members
        .iter()
        .map(|m| {
            let user = m.user_id;
            let is_you = user == data.viewer_id;
            let select_id = format!("role-{user}");
            let role_now = m.role;
            view! {
                <li class="card" id=format!("member-{user}")>
                    <strong>{m.display_name.clone()}</strong>
                    {is_you.then(|| view! { " " <span class="muted">"(" {tt.you} ")"</span> })}
                    " " <span class="badge">{t.role(m.role)}</span>
                    <span class="muted small">{m.email.clone()} " · " {tt.member_since.replace("{date}", &moment(lang, m.since))}</span>
                    <form method="post" action=format!("{base}/members/{user}/role") class="row">
                        <CsrfField />
                        <div class="field">
                            <label for=select_id.clone()>{tt.role_label} <span class="visually-hidden">{format!(" {}", m.display_name)}</span></label>
                            <select id=select_id name="role">
                                {ROLES.iter().map(|r| view! {
                                    <option value=r.as_str() selected=*r == role_now>{t.role(*r)}</option>
                                }).collect_view()}
                            </select>
                        </div>
                        <button type="submit" class="small">{tt.change_role} <span class="visually-hidden">{format!(" {}", m.display_name)}</span></button>
                    </form>
                    <details>
                        <summary>{tt.remove} <span class="visually-hidden">{format!(" {}", m.display_name)}</span></summary>
                        <form method="post" action=format!("{base}/members/{user}/remove")>
                            <CsrfField />
                            <p class="help">{tt.remove_confirm}</p>
                            <button type="submit" class="small">{tt.remove} <span class="visually-hidden">{format!(" {}", m.display_name)}</span></button>
                        </form>
                    </details>
                </li>
            }
        })
        .collect_view();
    let invitations = data
        .invitations
        .iter()
        .map(|i| {
            view! {
                <li class="card">
                    <strong>{t.role(i.role)}</strong>
                    <span class="muted small">
                        {tt.valid_until.replace("{date}", &moment(lang, i.expires_at))} " · "
                        {tt.invited_by.replace("{name}", &i.created_by)}
                    </span>
                    <form method="post" action=format!("{base}/invitations/{}/revoke", i.id) class="inline">
                        <CsrfField />
                        <button type="submit" class="small">{tt.revoke}</button>
                    </form>
                </li>
            }
        })
        .collect_view();
    let no_invitations = data.invitations.is_empty();
    view! {
        <Title text=format!("{title} – Nahbar") />
        <AppLayout signed_in=true>
            <p class="crumbs"><a href="/admin">{t.dashboard}</a></p>
            <h1>{title}</h1>
            <p class="message ok" role="status">{message}</p>
            <p class="message problem" role="alert">{problem}</p>
            {data.new_invitation.map(|n| view! {
                <section class="card invitation" id="invitation" aria-labelledby="invitation-title">
                    <h2 id="invitation-title">{tt.new_link}</h2>
                    <p>{tt.new_link_help}</p>
                    <div class="qr" role="img" aria-label=tt.qr_label inner_html=n.qr_svg></div>
                    <div class="field">
                        <label for="invite-link">{tt.link_label}</label>
                        <input id="invite-link" type="url" readonly value=n.link.clone() />
                    </div>
                    <p class="muted">
                        {t.role(n.role)} " · " {tt.valid_until.replace("{date}", &moment(lang, n.expires_at))}
                    </p>
                </section>
            })}
            <section aria-labelledby="members-title">
                <h2 id="members-title">{tt.members}</h2>
                <ul class="cards">{members}</ul>
            </section>
            <section aria-labelledby="invite-title">
                <h2 id="invite-title">{tt.invite_title}</h2>
                <p>{tt.invite_intro}</p>
                {invite_problem.map(|text| view! { <p class="message problem" role="alert">{text}</p> })}
                <form method="post" action=format!("{base}/invitations") class="stack">
                    <CsrfField />
                    <fieldset>
                        <legend>{tt.role_label}</legend>
                        {ROLES.iter().map(|r| {
                            let id = format!("invite-role-{}", r.as_str());
                            view! {
                                <div class="check">
                                    <input type="radio" id=id.clone() name="role" value=r.as_str() checked=*r == Role::Staff />
                                    <label for=id>{t.role(*r)} <span class="muted small">{format!(" – {}", rights(*r))}</span></label>
                                </div>
                            }
                        }).collect_view()}
                    </fieldset>
                    <div class="field">
                        <label for="invite-days">{tt.valid_for}</label>
                        <select id="invite-days" name="days">
                            <option value="7" selected>{tt.seven_days}</option>
                            <option value="1">{tt.one_day}</option>
                        </select>
                    </div>
                    {data.mail.then(|| view! {
                        <div class="field">
                            <label for="invite-email">{tt.email_label}</label>
                            <input id="invite-email" name="email" type="email" autocomplete="off" maxlength="254"
                                aria-describedby="invite-email-help" aria-invalid=invite_problem.is_some().then_some("true") />
                            <p class="help" id="invite-email-help">{tt.email_help}</p>
                        </div>
                    })}
                    <button type="submit" class="primary">{tt.create_link}</button>
                </form>
            </section>
            <section aria-labelledby="open-title">
                <h2 id="open-title">{tt.open_invitations}</h2>
                {no_invitations.then(|| view! { <p class="muted">{tt.no_invitations}</p> })}
                <ul class="cards">{invitations}</ul>
            </section>
            <section aria-labelledby="archive-title">
                <h2 id="archive-title">{tt.archive_title}</h2>
                <p class="help">{tt.archive_help}</p>
                <p class="card-actions">
                    <a
                        class="button"
                        href=format!("/admin/businesses/{}/archive.zip", data.business_id)
                        download=""
                    >
                        {tt.archive_download}
                    </a>
                </p>
            </section>
        </AppLayout>
    }
}
