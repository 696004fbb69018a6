//! `/admin/locations/{id}/questions`: the location's inbox of customer questions and
//! feedback, in three lists (new, answered, archived) with their counts. Managers and
//! owners answer (by e-mail when the customer left an address), show a consented question
//! with its answer on the local page, archive and delete; staff read when the owner allows
//! it. Plain forms, usable without WASM.

use crate::api::questions::{InboxPageData, get_inbox_page};
use crate::components::layout::{AppLayout, CsrfField};
use crate::components::location_switcher::LocationSwitcher;
use crate::domain::location::Role;
use crate::domain::question::{MAX_ANSWER_CHARS, Question, QuestionStatus};
use crate::i18n::Lang;
use crate::i18n::questions::{bad_answer, kind_word, status_word};
use crate::i18n::when;
use crate::request;
use crate::routes::not_found::NotFound;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn QuestionsPage() -> impl IntoView {
    let id = use_params_map().read_untracked().get("id").and_then(|id| id.parse::<i64>().ok());
    let status = use_query_map().read_untracked().get("status").unwrap_or_default();
    let data = Resource::new_blocking(
        move || (id, status.clone()),
        |(id, status)| async move {
            match id {
                Some(id) => get_inbox_page(id, status).await.ok(),
                None => None,
            }
        },
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Some(data) => view! { <InboxView data=data /> }.into_any(),
                    None => view! { <NotFound /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The sentence for `?done=…` and whether it reports success.
fn outcome(lang: Lang, done: &str) -> Option<(bool, String)> {
    let q = lang.questions();
    let ok = |text: &str| Some((true, text.to_string()));
    match done {
        "mailed" => ok(q.done_mailed),
        "saved" => ok(q.done_saved),
        "mail_off" => Some((false, q.done_mail_off.to_string())),
        "mail_failed" => Some((false, q.done_mail_failed.to_string())),
        "published" => ok(q.done_published),
        "unpublished" => ok(q.done_unpublished),
        "archived" => ok(q.done_archived),
        "reopened" => ok(q.done_reopened),
        "deleted" => ok(q.done_deleted),
        "setting" => ok(q.done_setting),
        "bad_answer" => Some((false, bad_answer(lang))),
        "no_consent" => Some((false, q.no_consent.to_string())),
        "fediverse_sent" => ok(q.done_fediverse_sent),
        _ => None,
    }
}

#[component]
fn InboxView(data: InboxPageData) -> impl IntoView {
    let lang = request::lang();
    let (t, q) = (lang.texts(), lang.questions());
    let query = use_query_map().read_untracked().clone();
    let message = query.get("done").and_then(|done| outcome(lang, &done));
    let base = format!("/admin/locations/{}/questions", data.location_id);
    let title = format!("{}: {}", q.inbox_title, data.name);
    let can_answer = data.role != Role::Staff || data.staff_answer;
    let tabs = QuestionStatus::ALL
        .into_iter()
        .map(|status| {
            let current = (status == data.status).then_some("page");
            view! {
                <li>
                    <a href=format!("{base}?status={}", status.as_str()) aria-current=current>
                        {format!("{} ({})", status_word(lang, status), data.counts.of(status))}
                    </a>
                </li>
            }
        })
        .collect_view();
    let items = data
        .questions
        .iter()
        .map(|question| {
            let title = data
                .post_titles
                .iter()
                .find(|(id, _)| Some(*id) == question.post_id)
                .map(|(id, title)| (*id, title.clone()));
            view! {
                <QuestionItem
                    question=question.clone()
                    post=title
                    slug=data.slug.clone()
                    base=base.clone()
                    can_answer=can_answer
                    can_manage=data.role != Role::Staff
                    mail=data.mail
                    tz=data.timezone.parse().unwrap_or(chrono_tz::Europe::Berlin)
                />
            }
        })
        .collect_view();
    let back = format!("{base}?status={}", data.status.as_str());
    view! {
        <Title text=format!("{title} – Nahbar") />
        <AppLayout signed_in=true>
            <p class="crumbs">
                <a href="/admin">{t.dashboard}</a> " · "
                <a href=format!("/{}", data.slug)>{t.view_page}</a>
            </p>
            <LocationSwitcher lang=lang current=data.location_id siblings=data.siblings.clone() section="/questions" />
            <h1>{title}</h1>
            {message.map(|(ok, text)| view! {
                <p class=if ok { "message ok" } else { "message problem" } role="status">{text}</p>
            })}
            <nav aria-label=q.inbox_title>
                <ul class="tabs">{tabs}</ul>
            </nav>
            <h2 class="visually-hidden">{status_word(lang, data.status)}</h2>
            {data.questions.is_empty().then(|| view! { <p class="muted">{q.none}</p> })}
            <ul class="inbox">{items}</ul>
            {(!data.fediverse.is_empty()).then(|| {
                let tz: chrono_tz::Tz = data.timezone.parse().unwrap_or(chrono_tz::Europe::Berlin);
                let replies = data.fediverse.iter().map(|m| view! {
                    <FediverseItem message=m.clone() slug=data.slug.clone() location=data.location_id can_answer=can_answer tz=tz />
                }).collect_view();
                view! {
                    <h2 id="fediverse">{q.fediverse_heading} {format!(" ({})", data.fediverse.len())}</h2>
                    <ul class="inbox">{replies}</ul>
                }
            })}
            {(data.role != Role::Staff).then(|| view! {
                <p><a href=format!("/admin/businesses/{}/questions.csv", data.business_id)>{q.export}</a></p>
            })}
            {(data.role == Role::Owner).then(|| view! {
                <form method="post" action=format!("/admin/businesses/{}/questions/settings", data.business_id) class="stack">
                    <CsrfField />
                    <input type="hidden" name="back" value=back.clone() />
                    <label class="check">
                        <input type="checkbox" name="staff_see" value="on" checked=data.staff_see aria-describedby="staff-see-help" />
                        " " {q.staff_setting}
                    </label>
                    <p class="help" id="staff-see-help">{q.staff_help}</p>
                    <label class="check">
                        <input type="checkbox" name="staff_answer" value="on" checked=data.staff_answer aria-describedby="staff-answer-help" />
                        " " {q.staff_answer_setting}
                    </label>
                    <p class="help" id="staff-answer-help">{q.staff_answer_help}</p>
                    <button type="submit">{q.save_setting}</button>
                </form>
            })}
        </AppLayout>
    }
}

#[component]
fn QuestionItem(
    question: Question,
    post: Option<(i64, String)>,
    slug: String,
    base: String,
    can_answer: bool,
    /// Show, archive and delete: managers and owners only.
    can_manage: bool,
    mail: bool,
    tz: chrono_tz::Tz,
) -> impl IntoView {
    let lang = request::lang();
    let q = lang.questions();
    let id = question.id;
    let action = |verb: &str| format!("{base}/{id}/{verb}");
    let who =
        if question.name.is_empty() { q.anonymous.to_string() } else { question.name.clone() };
    let heading = format!("{} · {who}", kind_word(lang, question.kind));
    let asked = when(lang, question.created_at, tz);
    let answer_id = format!("answer-{id}");
    let send_label = if question.email.is_empty() || !mail {
        q.answer_save.to_string()
    } else {
        q.answer_send.replace("{email}", &question.email)
    };
    let answered =
        question.answered_at.map(|at| q.answered_on.replace("{date}", &when(lang, at, tz)));
    let archived = question.status == QuestionStatus::Archived;
    view! {
        <li id=format!("q-{id}")>
            <h3>{heading}</h3>
            <p class="muted small">
                {asked}
                {(!question.email.is_empty()).then(|| view! { " · " <a href=format!("mailto:{}", question.email)>{question.email.clone()}</a> })}
            </p>
            {post.map(|(post, title)| view! {
                <p class="small">{q.about_post_link} ": " <a href=format!("/{slug}/posts/{post}")>{title}</a></p>
            })}
            <blockquote lang=question.lang.clone()>{question.body.clone()}</blockquote>
            <p class="small">
                {if question.consent { q.consent_yes } else { q.consent_no }}
                {question.published.then(|| view! { " · " <span class="badge">{q.published_badge}</span> })}
            </p>
            {question.email.is_empty().then(|| view! { <p class="help">{q.no_email}</p> })}
            {answered.map(|text| view! {
                <p class="small muted">{text}</p>
                <p class="answer">{question.answer.clone()}</p>
            })}
            {can_answer.then(|| view! {
                <form method="post" action=action("answer") class="stack">
                    <CsrfField />
                    <div class="field">
                        <label for=answer_id.clone()>{q.answer_label}</label>
                        <textarea id=answer_id.clone() name="answer" rows="4" required maxlength=MAX_ANSWER_CHARS.to_string()>
                            {question.answer.clone()}
                        </textarea>
                    </div>
                    <button type="submit">{send_label}</button>
                </form>
            })}
            {can_manage.then(|| view! {
                <div class="row-actions">
                    {(question.consent && !question.answer.is_empty()).then(|| view! {
                        <form method="post" action=action("publish") class="inline">
                            <CsrfField />
                            <input type="hidden" name="publish" value=if question.published { "0" } else { "1" } />
                            <button type="submit" class="link">{if question.published { q.unpublish } else { q.publish }}</button>
                        </form>
                    })}
                    <form method="post" action=action("status") class="inline">
                        <CsrfField />
                        <input type="hidden" name="status" value=if archived { "new" } else { "archived" } />
                        <button type="submit" class="link">{if archived { q.reopen } else { q.archive }}</button>
                    </form>
                    <form method="post" action=action("delete") class="inline">
                        <CsrfField />
                        <button type="submit" class="link danger" aria-describedby=format!("delete-help-{id}")>{q.delete}</button>
                    </form>
                </div>
                <p class="help" id=format!("delete-help-{id}")>{q.delete_help}</p>
            })}
        </li>
    }
}

/// A reply or mention from the fediverse: who, from which server, the post it answers,
/// the cleaned text, and the answer form (sent as a public reply).
#[component]
fn FediverseItem(
    message: crate::domain::fediverse_message::FediverseMessage,
    slug: String,
    location: i64,
    can_answer: bool,
    tz: chrono_tz::Tz,
) -> impl IntoView {
    let lang = request::lang();
    let q = lang.questions();
    let id = message.id;
    let m = message.message;
    let field = format!("fediverse-answer-{id}");
    let about = match (m.post_id, message.post_title) {
        (Some(post), Some(title)) => view! {
            <p class="small">{q.fediverse_reply_to} ": " <a href=format!("/{slug}/posts/{post}")>{title}</a></p>
        }
        .into_any(),
        _ => view! { <p class="small">{q.fediverse_mention}</p> }.into_any(),
    };
    let answered =
        message.answered_at.map(|at| q.answered_on.replace("{date}", &when(lang, at, tz)));
    view! {
        <li id=format!("f-{id}")>
            <h3>{format!("@{}", m.acct)}</h3>
            <p class="muted small">
                {when(lang, message.created_at, tz)} " · "
                <a href=m.url.clone() rel="nofollow noopener">{q.fediverse_original}</a>
                {(!m.public).then(|| view! { " · " <span class="badge">{q.fediverse_private}</span> })}
            </p>
            {about}
            {(!m.summary.is_empty()).then(|| view! { <p class="small"><strong>{q.fediverse_warning}</strong> " " {m.summary.clone()}</p> })}
            // Cleaned on arrival (federation::sanitize): paragraphs, line breaks and links only.
            <blockquote inner_html=m.content_html.clone()></blockquote>
            {answered.map(|text| view! {
                <p class="small muted">{text}</p>
                <p class="answer">{message.answer.clone()}</p>
            })}
            {(can_answer && message.answered_at.is_none()).then(|| view! {
                <form method="post" action=format!("/admin/locations/{location}/fediverse/{id}/answer") class="stack">
                    <CsrfField />
                    <div class="field">
                        <label for=field.clone()>{q.fediverse_answer_label.replace("{acct}", &format!("@{}", m.acct))}</label>
                        <textarea id=field.clone() name="answer" rows="3" required
                            maxlength=crate::domain::fediverse_message::MAX_ANSWER_CHARS.to_string()></textarea>
                    </div>
                    <button type="submit">{q.fediverse_send}</button>
                </form>
            })}
        </li>
    }
}
