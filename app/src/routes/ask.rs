//! `/{slug}/ask`: the customer's form "Ask us something / Tell us something" and, after
//! sending (`?sent=1`), the thank-you page. Server-rendered, no script, no cookie; posted
//! as a plain form to the server's `questions::ask`, which renders this page again with
//! what was typed when it refuses. Never kept by the page cache: each form carries the
//! signed time it was made.

use crate::api::questions::{AskPageData, AskRefusal, get_ask_page};
use crate::components::layout::PublicLayout;
use crate::domain::question::{MAX_BODY_CHARS, MAX_NAME_CHARS, QuestionForm, QuestionKind};
use crate::request;
use crate::routes::not_found::NotFound;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn AskPage() -> impl IntoView {
    let slug = use_params_map().read_untracked().get("slug").unwrap_or_default();
    let query = use_query_map().read_untracked().clone();
    let post = query.get("post").and_then(|p| p.parse::<i64>().ok());
    let data = Resource::new_blocking(
        move || (slug.clone(), post),
        |(slug, post)| async move { get_ask_page(slug, post).await.ok() },
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Some(data) => view! { <AskView data=data /> }.into_any(),
                    None => view! { <NotFound /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AskView(data: AskPageData) -> impl IntoView {
    let lang = request::lang();
    let q = lang.questions();
    let query = use_query_map().read_untracked().clone();
    let refusal = refusal();
    let title = q.ask_title.replace("{name}", &data.name);
    let back = q.back_to.replace("{name}", &data.name);
    let page = format!("/{}", data.slug);
    if query.get("sent").is_some() && refusal.is_none() {
        let email = query.get("email").is_some();
        return view! {
            <Title text=format!("{} – {}", q.thanks_title, data.name) />
            <Meta name="robots" content="noindex" />
            <PublicLayout slug=data.slug.clone()>
                <h1>{q.thanks_title}</h1>
                <p class="message ok" role="status">{q.thanks_text}</p>
                {email.then(|| view! { <p>{q.thanks_email}</p> })}
                <p><a href=page>{back}</a></p>
            </PublicLayout>
        }
        .into_any();
    }
    let (form, problem) = match refusal {
        Some(AskRefusal { form, problem }) => {
            (form, Some(crate::i18n::questions::problem(lang, problem)))
        }
        None => {
            let kind = match query.get("kind").as_deref() {
                Some("feedback") => QuestionKind::Feedback,
                _ => QuestionKind::Question,
            };
            (
                QuestionForm {
                    kind,
                    post_id: data.post.as_ref().map(|(id, _)| *id),
                    ..Default::default()
                },
                None,
            )
        }
    };
    let feedback = form.kind == QuestionKind::Feedback;
    let invalid = problem.is_some().then_some("true");
    let about = data.post.clone().map(|(id, title)| (id, q.about_post.replace("{title}", &title)));
    view! {
        <Title text=format!("{title} – Nahbar") />
        <Meta name="robots" content="noindex" />
        <PublicLayout slug=data.slug.clone()>
            <p class="crumbs"><a href=page.clone()>{back}</a></p>
            <h1>{title}</h1>
            <p>{q.intro}</p>
            {problem.map(|text| view! {
                <div class="message problem" role="alert" id="ask-problem">
                    <p>{q.problem_intro}</p>
                    <p>{text}</p>
                </div>
            })}
            <form method="post" action=format!("/{}/ask", data.slug) class="stack ask-form">
                <input type="hidden" name="token" value=data.token.clone() />
                {about.map(|(id, text)| view! {
                    <input type="hidden" name="post" value=id.to_string() />
                    <p class="muted">{text}</p>
                })}
                <fieldset class="choice">
                    <legend>{q.kind_label}</legend>
                    <label>
                        <input type="radio" name="kind" value="question" checked=!feedback />
                        " " {q.kind_question}
                    </label>
                    <label>
                        <input type="radio" name="kind" value="feedback" checked=feedback />
                        " " {q.kind_feedback}
                    </label>
                </fieldset>
                <div class="field">
                    <label for="ask-body">{q.body_label}</label>
                    <textarea
                        id="ask-body"
                        name="body"
                        rows="6"
                        required
                        maxlength=MAX_BODY_CHARS.to_string()
                        aria-invalid=invalid
                        aria-describedby=invalid.map(|_| "ask-problem")
                    >
                        {form.body.clone()}
                    </textarea>
                </div>
                <div class="field">
                    <label for="ask-name">{q.name_label}</label>
                    <input id="ask-name" name="name" type="text" autocomplete="name" maxlength=MAX_NAME_CHARS.to_string() value=form.name.clone() />
                </div>
                <div class="field">
                    <label for="ask-email">{q.email_label}</label>
                    <input id="ask-email" name="email" type="email" autocomplete="email" inputmode="email" aria-describedby="ask-email-help" value=form.email.clone() />
                    <p class="help" id="ask-email-help">{q.email_help}</p>
                </div>
                <div class="hp" aria-hidden="true">
                    <label for="ask-website">{q.honeypot_label}</label>
                    <input id="ask-website" name="website" type="text" tabindex="-1" autocomplete="off" value="" />
                </div>
                <label class="check">
                    <input type="checkbox" name="consent" value="on" checked=form.consent />
                    " " {q.consent_label}
                </label>
                <button type="submit">{q.send}</button>
                <p class="muted small">
                    {q.privacy_hint} " " <a href=format!("/{}/privacy", data.slug)>{q.privacy_link}</a> "."
                </p>
            </form>
        </PublicLayout>
    }
    .into_any()
}

/// The refused form the server put into this request, if any (with status 422).
fn refusal() -> Option<AskRefusal> {
    #[cfg(feature = "ssr")]
    return crate::context::extension::<AskRefusal>();
    #[cfg(not(feature = "ssr"))]
    return None;
}
