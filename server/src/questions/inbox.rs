//! The staff inbox's actions, form posts from `/admin/locations/{id}/questions`: answer
//! (by e-mail when the customer left an address and mail is set up), archive or reopen,
//! show on the local page (only with the customer's consent), delete (with the customer's
//! personal data); the business's export and the owner's setting for staff.
//! All by managers and owners (`LocationEditor`, `BusinessManager`, `BusinessOwner`);
//! answering also by staff when the owner allows it (`LocationAnswerer`).

use crate::ServerState;
use crate::http::access::{BusinessManager, BusinessOwner, LocationAnswerer, LocationEditor};
use crate::http::answer;
use crate::mail::Mail;
use app::domain::question::{QuestionStatus, answer_text};
use app::error::AppError;
use app::i18n::Lang;
use app::i18n::questions::AnswerMail;
use app::i18n::sign_text::full_date;
use app::store::StoreError;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;

fn back(editor: &LocationEditor, status: QuestionStatus, done: &str, question: i64) -> Response {
    answer::to(format!(
        "/admin/locations/{}/questions?status={}&done={done}#q-{question}",
        editor.id(),
        status.as_str()
    ))
}

async fn log(state: &ServerState, editor: &LocationEditor, action: &str, question: i64) {
    let change = app::domain::team::Change {
        business_id: editor.business,
        location_id: Some(editor.id()),
        action: action.to_string(),
        detail: format!("#{question}"),
    };
    // Questions are not part of the location's data: no revision is kept.
    crate::http::access::audit(state, &editor.actor, change, None).await;
}

#[derive(Deserialize)]
pub struct AnswerForm {
    #[serde(default)]
    answer: String,
}

/// `POST /admin/locations/{id}/questions/{question}/answer`.
pub async fn answer(
    State(state): State<ServerState>,
    LocationAnswerer(editor): LocationAnswerer,
    Path((_, id)): Path<(i64, i64)>,
    Form(form): Form<AnswerForm>,
) -> Result<Response, AppError> {
    let question = state.store().question(editor.id(), id).await?;
    let Some(text) = answer_text(&form.answer) else {
        return Ok(back(&editor, question.status, "bad_answer", id));
    };
    let user = editor.actor.user_id.ok_or(AppError::NotFound)?;
    state.store().answer_question(editor.id(), id, &text, user, state.now()).await?;
    log(&state, &editor, "question.answer", id).await;
    let done = match (&state.mailer, question.email.is_empty()) {
        (_, true) => "saved",
        (None, false) => "mail_off",
        (Some(mailer), false) => {
            let lang = Lang::parse(&question.lang).unwrap_or_default();
            let d = &editor.location.details;
            let page_url = format!("{}/{}", state.app.public_url, editor.location.slug);
            let tz = d.tz();
            let asked_on = full_date(lang, question.created_at.with_timezone(&tz).date_naive());
            let mail = AnswerMail {
                shop: &d.name,
                page_url: &page_url,
                customer_name: &question.name,
                question: &question.body,
                asked_on: &asked_on,
                answer: &text,
            };
            let (subject, body) = (mail.subject(lang), mail.body(lang));
            let sent = mailer
                .send(Mail {
                    to: &question.email,
                    to_name: &question.name,
                    from_name: &d.name,
                    reply_to: Some(&d.email),
                    subject: &subject,
                    body: &body,
                    lang: lang.code(),
                })
                .await;
            match sent {
                Ok(()) => "mailed",
                Err(error) => {
                    tracing::warn!(question = id, error = %format!("{error:#}"), "the answer mail did not go out");
                    "mail_failed"
                }
            }
        }
    };
    Ok(back(&editor, QuestionStatus::Answered, done, id))
}

#[derive(Deserialize)]
pub struct StatusForm {
    status: String,
}

/// `POST /admin/locations/{id}/questions/{question}/status`: archive, or back to new.
pub async fn set_status(
    State(state): State<ServerState>,
    editor: LocationEditor,
    Path((_, id)): Path<(i64, i64)>,
    Form(form): Form<StatusForm>,
) -> Result<Response, AppError> {
    let status = match QuestionStatus::parse(&form.status) {
        Some(status @ (QuestionStatus::Archived | QuestionStatus::New)) => status,
        _ => {
            return Err(AppError::Refused(app::error::Reason::Choice {
                field: "status".into(),
                allowed: vec!["new".into(), "archived".into()],
            }));
        }
    };
    state.store().set_question_status(editor.id(), id, status).await?;
    log(&state, &editor, &format!("question.{}", status.as_str()), id).await;
    let done = if status == QuestionStatus::Archived { "archived" } else { "reopened" };
    Ok(back(&editor, status, done, id))
}

#[derive(Deserialize)]
pub struct PublishForm {
    #[serde(default)]
    publish: String,
}

/// `POST /admin/locations/{id}/questions/{question}/publish`: show on the local page or
/// take it off.
pub async fn publish(
    State(state): State<ServerState>,
    editor: LocationEditor,
    Path((_, id)): Path<(i64, i64)>,
    Form(form): Form<PublishForm>,
) -> Result<Response, AppError> {
    let question = state.store().question(editor.id(), id).await?;
    let show = form.publish == "1";
    match state.store().publish_question(editor.id(), id, show).await {
        Ok(()) => {}
        Err(StoreError::Conflict(_)) => {
            return Ok(back(&editor, question.status, "no_consent", id));
        }
        Err(error) => return Err(error.into()),
    }
    log(&state, &editor, if show { "question.publish" } else { "question.unpublish" }, id).await;
    Ok(back(&editor, question.status, if show { "published" } else { "unpublished" }, id))
}

/// `POST /admin/locations/{id}/questions/{question}/delete`: the row goes, and with it the
/// customer's name, address and text.
pub async fn delete(
    State(state): State<ServerState>,
    editor: LocationEditor,
    Path((_, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let question = state.store().question(editor.id(), id).await?;
    state.store().delete_question(editor.id(), id).await?;
    log(&state, &editor, "question.delete", id).await;
    Ok(back(&editor, question.status, "deleted", id))
}

#[derive(Deserialize)]
pub struct SettingsForm {
    #[serde(default)]
    staff_see: String,
    #[serde(default)]
    staff_answer: String,
    #[serde(default)]
    back: String,
}

/// `POST /admin/businesses/{business}/questions/settings`: whether staff see the questions
/// and replies, and whether they may also answer them (which implies seeing them).
pub async fn settings(
    State(state): State<ServerState>,
    owner: BusinessOwner,
    Form(form): Form<SettingsForm>,
) -> Result<Response, AppError> {
    let answer = !form.staff_answer.is_empty();
    let see = answer || !form.staff_see.is_empty();
    let store = state.store();
    let before = (
        store.staff_see_questions(owner.business).await?,
        store.staff_answer_questions(owner.business).await?,
    );
    store.set_staff_see_questions(owner.business, see).await?;
    store.set_staff_answer_questions(owner.business, answer).await?;
    if before.0 != see {
        owner.log(&state, "question.staff_see", see.to_string()).await;
    }
    if before.1 != answer {
        owner.log(&state, "question.staff_answer", answer.to_string()).await;
    }
    let back = answer::local_path(&form.back, "/admin");
    let separator = if back.contains('?') { '&' } else { '?' };
    Ok(answer::to(format!("{back}{separator}done=setting")))
}

/// `GET /admin/businesses/{business}/questions.csv`: every question of the business, for
/// the business's own records (or a customer's request for their data).
pub async fn export(
    State(state): State<ServerState>,
    manager: BusinessManager,
) -> Result<Response, AppError> {
    let questions = state.store().business_questions(manager.business).await?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = [
        "id",
        "location_id",
        "post_id",
        "kind",
        "created_at",
        "name",
        "email",
        "message",
        "consent",
        "language",
        "status",
        "answer",
        "answered_at",
        "published",
    ];
    writer.write_record(header).map_err(AppError::internal)?;
    for q in &questions {
        writer
            .write_record([
                q.id.to_string(),
                q.location_id.to_string(),
                q.post_id.map(|p| p.to_string()).unwrap_or_default(),
                q.kind.as_str().to_string(),
                q.created_at.to_rfc3339(),
                q.name.clone(),
                q.email.clone(),
                q.body.clone(),
                q.consent.to_string(),
                q.lang.clone(),
                q.status.as_str().to_string(),
                q.answer.clone(),
                q.answered_at.map(|at| at.to_rfc3339()).unwrap_or_default(),
                q.published.to_string(),
            ])
            .map_err(AppError::internal)?;
    }
    let bytes = writer.into_inner().map_err(AppError::internal)?;
    Ok(answer::csv_download(
        &manager.membership.business_name,
        "questions",
        state.now().date_naive(),
        bytes,
    ))
}
