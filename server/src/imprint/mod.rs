//! The `imprint` capability: the forms of the imprint and privacy screen
//! (`/admin/imprint/{business}`). Owners and managers of the business (`BusinessManager`);
//! another business's screen is the same 404 as a missing one. A refused imprint comes
//! back with every problem (as `field:problem` codes) and with what was typed, so the form
//! works without JavaScript and loses nothing.

use crate::ServerState;
use crate::http::access::BusinessManager;
use crate::http::answer;
use app::domain::imprint::{Imprint, errors_to_query, own_address_from_pairs};
use app::domain::privacy::{MAX_EXTRA_CHARS, MAX_HOSTING_CHARS};
use app::error::AppError;
use axum::Form;
use axum::extract::State;
use axum::response::Response;

fn screen(business: i64, query: &str, anchor: &str) -> Response {
    answer::to(format!("/admin/imprint/{business}?{query}{anchor}"))
}

/// `POST /admin/imprint/{business}`: checks the imprint with the rules of its country and
/// saves it, or sends the form back with its problems.
pub async fn save(
    State(state): State<ServerState>,
    manager: BusinessManager,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let business = manager.business;
    let pairs = || pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()));
    let typed = Imprint::from_pairs(pairs());
    let own_address = own_address_from_pairs(pairs());
    let imprint = match typed.clone().validate() {
        Ok(imprint) => imprint,
        Err(errors) => {
            let mut query = vec![("errors".to_string(), errors_to_query(&errors))];
            query.extend(typed.to_pairs().into_iter().map(|(k, v)| (k.to_string(), v)));
            query.extend(own_address.iter().map(|id| (format!("own_address_{id}"), "on".into())));
            let query = answer::query(query.iter().map(|(k, v)| (k.as_str(), v.as_str())));
            return Ok(screen(business, &query, "#imprint-form"));
        }
    };
    state.store().save_imprint(business, &imprint, &own_address, state.now()).await?;
    manager.log(&state, "imprint.save", imprint.legal_name.clone()).await;
    Ok(screen(business, "saved=imprint", "#imprint-form"))
}

#[derive(serde::Deserialize)]
pub struct PrivacyForm {
    #[serde(default)]
    hosting: String,
    #[serde(default)]
    extra: String,
}

/// `POST /admin/imprint/{business}/privacy`: the hosting provider and the owner's own
/// paragraphs of the privacy notice.
pub async fn save_privacy(
    State(state): State<ServerState>,
    manager: BusinessManager,
    Form(form): Form<PrivacyForm>,
) -> Result<Response, AppError> {
    let business = manager.business;
    let hosting = form.hosting.trim();
    let extra = form.extra.trim().replace("\r\n", "\n");
    if hosting.chars().count() > MAX_HOSTING_CHARS || extra.chars().count() > MAX_EXTRA_CHARS {
        let query =
            answer::query([("error", "privacy_too_long"), ("hosting", hosting), ("extra", &extra)]);
        return Ok(screen(business, &query, "#privacy-form"));
    }
    state.store().save_privacy(business, hosting, &extra, state.now()).await?;
    manager.log(&state, "privacy.save", hosting.to_string()).await;
    Ok(screen(business, "saved=privacy", "#privacy-form"))
}
