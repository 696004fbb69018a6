//! Data of the customer's question form (`/{slug}/ask`) and of the staff inbox
//! (`/admin/locations/{id}/questions`), and the signed fill-time token both sides share.

use crate::domain::location::{BusinessId, LocationSummary, Role};
use crate::domain::question::{
    Question, QuestionCounts, QuestionForm, QuestionProblem, QuestionStatus,
};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A refused form, put into the request by the server's form handler so the page renders
/// again with what the customer typed and what to do.
#[derive(Clone, Debug, PartialEq)]
pub struct AskRefusal {
    pub form: QuestionForm,
    pub problem: QuestionProblem,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AskPageData {
    pub slug: String,
    pub name: String,
    /// The signed time the form was made (see [`token`]).
    pub token: String,
    /// The post asked about: id and title.
    pub post: Option<(i64, String)>,
}

/// The form of a public location; a post must be a published post of it.
#[server]
pub async fn get_ask_page(slug: String, post: Option<i64>) -> Result<AskPageData, AppError> {
    use crate::context::{app_state, fail};
    let state = app_state();
    let Some(location) = state.store.location_by_slug(&slug).await? else {
        return Err(fail(AppError::NotFound));
    };
    let post = match post {
        Some(id) => state
            .store
            .published_posts(location.id, 200)
            .await?
            .into_iter()
            .find(|p| p.id == id)
            .map(|p| (p.id, p.title())),
        None => None,
    };
    let secret = token::secret(state.store.as_ref()).await?;
    Ok(AskPageData {
        token: token::issue(&secret, &slug, state.clock.now()),
        slug: location.slug.clone(),
        name: location.details.name.clone(),
        post,
    })
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct InboxPageData {
    pub business_id: BusinessId,
    pub location_id: i64,
    pub name: String,
    pub slug: String,
    /// The location's IANA timezone: times are shown in it.
    pub timezone: String,
    pub role: Role,
    pub status: QuestionStatus,
    pub counts: QuestionCounts,
    pub questions: Vec<Question>,
    /// Titles of the posts asked about.
    pub post_titles: Vec<(i64, String)>,
    pub staff_see: bool,
    /// Staff may answer too (the owner's choice).
    pub staff_answer: bool,
    pub mail: bool,
    /// Replies and mentions from the fediverse in the same state, with the post they answer.
    pub fediverse: Vec<crate::domain::fediverse_message::FediverseMessage>,
    pub siblings: Vec<LocationSummary>,
}

/// Managers and owners; staff too when the owner allows it. Anyone else: the same 404 as
/// for a missing location.
#[server]
pub async fn get_inbox_page(id: i64, status: String) -> Result<InboxPageData, AppError> {
    use crate::access::{Need, location_of_viewer};
    use crate::context::{app_state, fail};
    let (membership, location) = location_of_viewer(id, Need::Member).await?;
    let state = app_state();
    let staff_see = state.store.staff_see_questions(membership.business_id).await?;
    if membership.role == Role::Staff && !staff_see {
        return Err(fail(AppError::NotFound));
    }
    let status = QuestionStatus::parse(&status).unwrap_or_default();
    let questions = state.store.questions(location.id, status, 200).await?;
    let mut fediverse = state.store.fediverse_messages(location.id, status, 200).await?;
    let mut post_titles = Vec::new();
    if questions.iter().any(|q| q.post_id.is_some())
        || fediverse.iter().any(|m| m.message.post_id.is_some())
    {
        for post in state.store.published_posts(location.id, 200).await? {
            if questions.iter().any(|q| q.post_id == Some(post.id)) {
                post_titles.push((post.id, post.title()));
            }
            for m in fediverse.iter_mut().filter(|m| m.message.post_id == Some(post.id)) {
                m.post_title = Some(post.title());
            }
        }
    }
    Ok(InboxPageData {
        business_id: membership.business_id,
        location_id: location.id,
        name: location.details.name.clone(),
        slug: location.slug.clone(),
        timezone: location.details.timezone.clone(),
        role: membership.role,
        status,
        counts: state.store.question_counts(location.id).await?,
        questions,
        post_titles,
        staff_see,
        staff_answer: state.store.staff_answer_questions(membership.business_id).await?,
        mail: state.mail,
        fediverse,
        siblings: state.store.locations_of(membership.business_id).await?,
    })
}

/// The form's fill-time token: `<unix seconds>.<HMAC-SHA256 of slug and time>`, keyed with
/// a secret every node shares (`instance_secrets`). It proves when the form was made
/// without a cookie or anything stored per visitor.
#[cfg(feature = "ssr")]
pub mod token {
    use crate::store::{Store, StoreResult};
    use chrono::{DateTime, Utc};
    use hmac::{Hmac, Mac};
    use sha2::Sha256;

    const SECRET_NAME: &str = "questions";

    /// The shared secret, made by the first node that needs it.
    pub async fn secret(store: &dyn Store) -> StoreResult<Vec<u8>> {
        let mut fresh = [0u8; 32];
        getrandom::fill(&mut fresh)
            .map_err(|e| crate::store::StoreError::Other(e.to_string().into()))?;
        let value = store.instance_secret(SECRET_NAME, &hex::encode(fresh)).await?;
        Ok(hex::decode(value).unwrap_or_default())
    }

    fn mac(secret: &[u8], parts: &[&[u8]]) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
        for part in parts {
            mac.update(&(part.len() as u64).to_be_bytes());
            mac.update(part);
        }
        mac
    }

    pub fn issue(secret: &[u8], slug: &str, at: DateTime<Utc>) -> String {
        let seconds = at.timestamp().to_string();
        let tag = mac(secret, &[b"form", slug.as_bytes(), seconds.as_bytes()]).finalize();
        format!("{seconds}.{}", hex::encode(tag.into_bytes()))
    }

    /// When the form was made, if the token is this instance's for this location.
    pub fn verify(secret: &[u8], slug: &str, token: &str) -> Option<DateTime<Utc>> {
        let (seconds, tag) = token.split_once('.')?;
        let tag = hex::decode(tag).ok()?;
        mac(secret, &[b"form", slug.as_bytes(), seconds.as_bytes()]).verify_slice(&tag).ok()?;
        DateTime::from_timestamp(seconds.parse().ok()?, 0)
    }

    /// A keyed hash of the sender's address for the rate limits: the same address gives
    /// the same value on every node, and the address cannot be read back from it.
    pub fn sender(secret: &[u8], address: &str) -> String {
        hex::encode(mac(secret, &[b"sender", address.as_bytes()]).finalize().into_bytes())
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn a_token_holds_its_time_and_only_for_its_location() {
            let at = DateTime::from_timestamp(1_796_000_000, 0).unwrap();
            let token = issue(b"secret", "baeckerei", at);
            assert_eq!(verify(b"secret", "baeckerei", &token), Some(at));
            assert_eq!(verify(b"secret", "optiker", &token), None);
            assert_eq!(verify(b"other", "baeckerei", &token), None);
            let (_, tag) = token.split_once('.').unwrap();
            assert_eq!(verify(b"secret", "baeckerei", &format!("1796999999.{tag}")), None);
            assert_eq!(verify(b"secret", "baeckerei", "garbage"), None);
        }

        #[test]
        fn addresses_are_hashed_with_the_key() {
            assert_eq!(sender(b"k", "192.0.2.1"), sender(b"k", "192.0.2.1"));
            assert_ne!(sender(b"k", "192.0.2.1"), sender(b"k", "192.0.2.2"));
            assert_ne!(sender(b"k", "192.0.2.1"), sender(b"j", "192.0.2.1"));
            assert!(!sender(b"k", "192.0.2.1").contains("192"));
        }
    }
}
