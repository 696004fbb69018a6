//! The `questions` capability: the customer's form (`POST /{slug}/ask`, no sign-in, no
//! cookie) and the staff inbox's actions (`inbox.rs`).
//!
//! Spam is kept out without a third-party CAPTCHA: a field people do not see (the honeypot),
//! a signed timestamp in the form (sent sooner than `MIN_FILL` after the page was made: a
//! script), limits per sender and per location in the last hour (the sender only as a keyed
//! hash of its address), a length limit and counted links. A refusal renders the form again
//! with what was typed and a sentence that says what to do, with status 422, so nothing is
//! lost and no personal data travels in a URL.

pub mod inbox;

use crate::ServerState;
use crate::http::answer;
use app::api::questions::{AskRefusal, token};
use app::context::ClientAddress;
use app::domain::question::{
    PER_ADDRESS_PER_HOUR, PER_LOCATION_PER_HOUR, QuestionForm, QuestionKind, QuestionProblem,
    check_fill_time,
};
use app::error::AppError;
use app::i18n::Lang;
use app::store::Arrival;
use axum::body::{Body, to_bytes};
use axum::extract::{Path, Request, State};
use axum::response::{IntoResponse, Response};
use http::{Method, StatusCode};

/// The largest form body read (the message's limit with room for the other fields).
const MAX_FORM_BYTES: usize = 64 * 1024;

/// Whether `path` is a customer form, posted without a CSRF token (customer pages set no
/// cookie; the form's own token and the rate limits guard it instead).
pub fn is_customer_form(path: &str) -> bool {
    let mut segments = path.trim_start_matches('/').split('/');
    matches!(
        (segments.next(), segments.next(), segments.next()),
        (Some(slug), Some("ask"), None) if !slug.is_empty() && slug != "admin"
    )
}

/// What a form sent, with the two fields that are not the customer's message.
struct Sent {
    form: QuestionForm,
    honeypot: String,
    token: String,
}

fn read(pairs: Vec<(String, String)>) -> Sent {
    let mut sent =
        Sent { form: QuestionForm::default(), honeypot: String::new(), token: String::new() };
    for (key, value) in pairs {
        match key.as_str() {
            "kind" => sent.form.kind = QuestionKind::parse(&value).unwrap_or_default(),
            "name" => sent.form.name = value,
            "email" => sent.form.email = value,
            "body" => sent.form.body = value,
            "consent" => sent.form.consent = !value.is_empty(),
            "post" => sent.form.post_id = value.parse().ok(),
            "website" => sent.honeypot = value,
            "token" => sent.token = value,
            _ => {}
        }
    }
    sent.form = sent.form.tidy();
    sent
}

/// `POST /{slug}/ask`.
pub async fn ask(
    State(state): State<ServerState>,
    Path(slug): Path<String>,
    req: Request,
) -> Result<Response, AppError> {
    let location = state.store().location_by_slug(&slug).await?.ok_or(AppError::NotFound)?;
    let (parts, body) = req.into_parts();
    let bytes = to_bytes(body, MAX_FORM_BYTES)
        .await
        .map_err(|_| AppError::Refused(app::error::Reason::FormTooLarge))?;
    let pairs: Vec<(String, String)> = form_urlencoded::parse(&bytes).into_owned().collect();
    let sent = read(pairs);
    let lang = parts.extensions.get::<Lang>().copied().unwrap_or_default();
    let secret = token::secret(state.store()).await?;
    let now = state.now();
    let checked = if !sent.honeypot.trim().is_empty() {
        Err(QuestionProblem::Honeypot)
    } else {
        match token::verify(&secret, &location.slug, &sent.token) {
            None => Err(QuestionProblem::Expired),
            Some(issued) => check_fill_time(issued, now),
        }
        .and_then(|()| sent.form.validate())
    };
    let problem = match checked {
        Err(problem) => Some(problem),
        Ok(()) => {
            let address = parts.extensions.get::<ClientAddress>().map(|c| c.ip.to_string());
            let sender = token::sender(&secret, address.as_deref().unwrap_or("unknown"));
            let arrival = state
                .store()
                .add_question(
                    location.id,
                    &sent.form,
                    lang.code(),
                    &sender,
                    PER_ADDRESS_PER_HOUR,
                    PER_LOCATION_PER_HOUR,
                    now,
                )
                .await?;
            match arrival {
                Arrival::Stored(id) => {
                    tracing::info!(
                        location = location.id,
                        question = id,
                        "a customer question arrived"
                    );
                    state.metrics.question("stored");
                    None
                }
                Arrival::Limited => Some(QuestionProblem::TooMany),
            }
        }
    };
    let Some(problem) = problem else {
        let email = if sent.form.email.is_empty() { "" } else { "&email=1" };
        return Ok(answer::to(format!("/{}/ask?sent=1{email}", location.slug)));
    };
    state.metrics.question(problem.code());
    tracing::info!(
        location = location.id,
        problem = problem.code(),
        "a customer question was refused"
    );
    // The form again, as a page of its own request, with what was typed.
    let mut again = Request::new(Body::empty());
    *again.method_mut() = Method::GET;
    *again.uri_mut() = format!("/{}/ask", location.slug).parse().map_err(AppError::internal)?;
    *again.headers_mut() = parts.headers.clone();
    *again.extensions_mut() = parts.extensions.clone();
    again.extensions_mut().insert(AskRefusal { form: sent.form, problem });
    let mut response = answer::page(&state, again).await;
    *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(response.into_response())
}

/// Deletes old answered and archived questions (see `KEEP_ANSWERED_DAYS`) every `every`;
/// the delete is idempotent, so it is safe on several nodes at once.
pub async fn retention(state: ServerState, every: std::time::Duration) {
    let keep = chrono::Duration::days(i64::from(app::domain::question::KEEP_ANSWERED_DAYS));
    loop {
        match state.store().purge_questions(state.now() - keep).await {
            Ok(0) => {}
            Ok(count) => tracing::info!(count, "deleted old answered questions"),
            Err(error) => tracing::warn!(%error, "deleting old questions failed"),
        }
        tokio::time::sleep(every).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_locations_form_is_a_customer_form() {
        assert!(is_customer_form("/baeckerei-freiburg/ask"));
        assert!(!is_customer_form("/admin/ask"));
        assert!(!is_customer_form("/baeckerei-freiburg/ask/more"));
        assert!(!is_customer_form("/ask"));
        assert!(!is_customer_form("/admin/locations/1/questions/2/answer"));
    }

    #[test]
    fn the_form_is_read_field_by_field() {
        let pairs = [
            ("kind", "feedback"),
            ("name", " Kim "),
            ("body", "Lecker!\r\nDanke"),
            ("consent", "on"),
            ("post", "7"),
            ("website", ""),
            ("token", "1.ab"),
        ];
        let sent = read(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect());
        assert_eq!(sent.form.kind, QuestionKind::Feedback);
        assert_eq!(sent.form.name, "Kim");
        assert_eq!(sent.form.body, "Lecker!\nDanke");
        assert!(sent.form.consent);
        assert_eq!(sent.form.post_id, Some(7));
        assert_eq!(sent.token, "1.ab");
    }
}
