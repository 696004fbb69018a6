//! Getting activities to followers, reliably: the announcer turns newly published posts
//! into Create{Note} and archived ones into Delete, one queue row per follower server
//! (shared inboxes: one delivery per server, not per follower); the worker leases due rows
//! (several nodes never send the same row at once, and a dead node's lease runs out),
//! signs each attempt anew, and records the outcome: delivered; 410 removes the followers
//! at that inbox; another 4xx gives up; 5xx, 401, 429 or no answer retry with exponential
//! back-off and jitter (or the server's `Retry-After`) for three days. At most
//! [`PARALLEL`] deliveries run at once, so a slow server does not hold up the others.

use super::{Fediverse, key_of, note_document};
use crate::ServerState;
use crate::federation::activities;
use crate::federation::client::{self, Delivery, Signer};
use app::error::AppError;
use app::store::{Attempt, QueuedDelivery};
use chrono::{DateTime, Duration, Utc};
use std::collections::BTreeSet;

/// Deliveries in flight at once, per node.
pub const PARALLEL: usize = 8;
/// Deliveries leased in one round; a full round means more are due, so the worker goes on
/// at once instead of waiting for the next second.
const ROUND: i64 = 32;
/// How long a node may take for one round of leased deliveries before another takes over.
const LEASE: Duration = Duration::minutes(2);
/// Retries end after this long.
const GIVE_UP_AFTER: Duration = Duration::days(3);

/// Wakes this node's worker now (a Follow was accepted, a post published).
pub fn wake(state: &ServerState) {
    state.delivery_wake.notify_one();
}

/// Runs until the server stops: every second, or at once when woken.
pub async fn worker(state: ServerState) {
    let Some(fediverse) = state.fediverse.clone() else { return };
    // Profiles are compared when the public data changed or a minute began (today's
    // hours in the profile change at midnight without any write).
    let mut profiles_checked = None;
    let mut more_due = false;
    loop {
        if !more_due {
            tokio::select! {
                () = state.delivery_wake.notified() => {}
                () = tokio::time::sleep(std::time::Duration::from_secs(1)) => {}
            }
        }
        if let Err(error) = announce(&state, &fediverse).await {
            tracing::warn!(%error, "announcing posts failed; next round tries again");
        }
        let moment = (state.store().public_revision().await.ok(), state.now().timestamp() / 60);
        if profiles_checked != Some(moment) {
            match update_profiles(&state, &fediverse).await {
                Ok(()) => profiles_checked = Some(moment),
                Err(error) => tracing::warn!(%error, "comparing profiles failed"),
            }
        }
        more_due = match run_due(&state, &fediverse).await {
            Ok(count) => count as i64 == ROUND,
            Err(error) => {
                tracing::warn!(%error, "running deliveries failed; next round tries again");
                false
            }
        };
    }
}

/// Queues Create or Delete for posts whose announcement is due.
pub async fn announce(state: &ServerState, fediverse: &Fediverse) -> Result<(), AppError> {
    let now = state.now();
    for due in state.store().take_due_posts(now, 50).await? {
        let location = state.store().location(due.business_id, due.location_id).await?;
        let followers = state.store().followers(location.id).await?;
        if followers.is_empty() || location.archived {
            continue;
        }
        let urls = fediverse.base.location(&location.slug);
        let (activity, inboxes): (_, BTreeSet<String>) = if due.archived {
            let inboxes = followers.into_iter().map(|f| f.delivery_inbox).collect();
            (activities::delete(&urls, due.post_id, now), inboxes)
        } else {
            // A post reaches those who followed before it was published; a new follower
            // does not get the shop's history pushed into their timeline.
            let post = state.store().post(due.business_id, due.post_id).await?;
            let published = post.published_at.unwrap_or(post.created_at);
            let inboxes = followers
                .into_iter()
                .filter(|f| f.since <= published)
                .map(|f| f.delivery_inbox)
                .collect();
            (
                activities::create(&urls, post.id, note_document(fediverse, &location, &post)),
                inboxes,
            )
        };
        if inboxes.is_empty() {
            continue;
        }
        let inboxes: Vec<String> = inboxes.into_iter().collect();
        let post = Some(due.post_id);
        state
            .store()
            .enqueue_deliveries(location.id, post, &activity.to_string(), &inboxes, now)
            .await?;
    }
    // A new closure or special hours: a short Note to every follower ("Geschlossen:
    // 24.–26.12. · Inventur"), so customers hear of it before they stand at the door.
    let yesterday = (now - Duration::days(1)).date_naive();
    for due in state.store().take_due_specials(now, yesterday, 50).await? {
        let location = state.store().location(due.business_id, due.location_id).await?;
        let Some(special) = location.special.iter().find(|s| s.id == due.special_id) else {
            continue;
        };
        let inboxes: BTreeSet<String> = state
            .store()
            .followers(location.id)
            .await?
            .into_iter()
            .filter(|f| f.since <= due.created_at)
            .map(|f| f.delivery_inbox)
            .collect();
        if inboxes.is_empty() || location.archived {
            continue;
        }
        let urls = fediverse.base.location(&location.slug);
        let notice = super::notice_document(fediverse, &location, special, now);
        let activity = activities::create_notice(&urls, notice);
        let inboxes: Vec<String> = inboxes.into_iter().collect();
        state
            .store()
            .enqueue_deliveries(location.id, None, &activity.to_string(), &inboxes, now)
            .await?;
    }
    Ok(())
}

/// Sends Update{actor} to the followers of each location whose profile (name, description,
/// today's hours, address, website, picture) differs from what they last heard.
pub async fn update_profiles(state: &ServerState, fediverse: &Fediverse) -> Result<(), AppError> {
    let now = state.now();
    for summary in state.store().public_locations().await? {
        let followers = state.store().followers(summary.id).await?;
        if followers.is_empty() {
            continue;
        }
        let location = state.store().location(summary.business_id, summary.id).await?;
        let actor = super::actor_document(state, fediverse, &location).await?;
        if record_profile(state, location.id, &actor).await? != Some(true) {
            continue;
        }
        let urls = fediverse.base.location(&location.slug);
        let update = activities::update_actor(&urls, now.timestamp_millis(), actor);
        let inboxes: BTreeSet<String> = followers.into_iter().map(|f| f.delivery_inbox).collect();
        let inboxes: Vec<String> = inboxes.into_iter().collect();
        state
            .store()
            .enqueue_deliveries(location.id, None, &update.to_string(), &inboxes, now)
            .await?;
    }
    Ok(())
}

/// Records the digest of the profile as followers now see it (see
/// `FederationStore::swap_actor_fingerprint`): also when a new follower has just read it.
pub async fn record_profile(
    state: &ServerState,
    location: i64,
    actor: &serde_json::Value,
) -> Result<Option<bool>, AppError> {
    use sha2::{Digest, Sha256};
    let digest = hex::encode(Sha256::digest(actor.to_string().as_bytes()));
    Ok(state.store().swap_actor_fingerprint(location, &digest, state.now()).await?)
}

/// Leases a round of due deliveries and attempts them, [`PARALLEL`] at a time; each
/// location's key is read once per round.
pub async fn run_due(state: &ServerState, fediverse: &Fediverse) -> Result<usize, AppError> {
    let now = state.now();
    let claimed = state.store().claim_deliveries(now, now + LEASE, ROUND).await?;
    let count = claimed.len();
    if count == 0 {
        return Ok(0);
    }
    // The slugs of public locations, read once per round (not once per delivery).
    let slugs: std::collections::HashMap<i64, String> =
        state.store().public_locations().await?.into_iter().map(|l| (l.id, l.slug)).collect();
    let mut keys = std::collections::HashMap::new();
    for delivery in &claimed {
        if slugs.contains_key(&delivery.location_id) && !keys.contains_key(&delivery.location_id) {
            let (key, _) = key_of(state, delivery.location_id).await?;
            keys.insert(delivery.location_id, std::sync::Arc::new(key));
        }
    }
    let mut pending = claimed.into_iter();
    let mut running = tokio::task::JoinSet::new();
    loop {
        while running.len() < PARALLEL {
            let Some(delivery) = pending.next() else { break };
            let (state, fediverse) = (state.clone(), fediverse.clone());
            let signing = slugs
                .get(&delivery.location_id)
                .cloned()
                .zip(keys.get(&delivery.location_id).cloned());
            running.spawn(async move { attempt(&state, &fediverse, delivery, signing).await });
        }
        match running.join_next().await {
            Some(Ok(Err(error))) => tracing::warn!(%error, "recording a delivery failed"),
            Some(_) => {}
            None => break,
        }
    }
    Ok(count)
}

async fn attempt(
    state: &ServerState,
    fediverse: &Fediverse,
    delivery: QueuedDelivery,
    signing: Option<(String, std::sync::Arc<crate::federation::keys::KeyPair>)>,
) -> Result<(), AppError> {
    let outcome = match signing {
        None => Attempt::Failed { error: "the location is no longer public".into() },
        Some((slug, key)) => {
            let key_id = fediverse.base.location(&slug).key_id();
            let signer = Signer { key_id: &key_id, key: &key };
            let now = state.now();
            let result = client::deliver(
                &fediverse.client,
                &delivery.inbox,
                delivery.activity.as_bytes(),
                signer,
                now,
            )
            .await;
            outcome(state, &delivery, result, now).await?
        }
    };
    if let Attempt::Failed { error } = &outcome {
        tracing::info!(inbox = delivery.inbox, error, "delivery given up");
    }
    state.store().record_attempt(delivery.id, &outcome, state.now()).await?;
    Ok(())
}

async fn outcome(
    state: &ServerState,
    delivery: &QueuedDelivery,
    result: Delivery,
    now: DateTime<Utc>,
) -> Result<Attempt, AppError> {
    Ok(match result {
        Delivery::Delivered { .. } => Attempt::Delivered,
        Delivery::Gone => {
            let removed =
                state.store().remove_followers_at(delivery.location_id, &delivery.inbox).await?;
            tracing::info!(inbox = delivery.inbox, removed, "followers gone (410)");
            Attempt::Failed { error: "410 Gone: followers removed".into() }
        }
        Delivery::Refused { status } => Attempt::Failed { error: format!("refused with {status}") },
        Delivery::Retry { status, reason, retry_after } => {
            let error = match status {
                Some(status) => format!("{status}: {reason}"),
                None => reason,
            };
            if now - delivery.created_at > GIVE_UP_AFTER {
                Attempt::Failed { error: format!("gave up after three days: {error}") }
            } else {
                let wait = retry_after
                    .and_then(|d| Duration::from_std(d).ok())
                    .unwrap_or_else(|| back_off(delivery.attempts));
                Attempt::Retry { at: now + wait, error }
            }
        }
    })
}

/// 30 s, 1 min, 2 min … doubling up to 6 hours, each ±20 % so retries of many rows spread.
pub fn back_off(attempts: i64) -> Duration {
    use rand::Rng;
    let base = 30_i64.saturating_mul(1_i64 << attempts.clamp(0, 20)).min(6 * 3600);
    let jitter = rand::thread_rng().gen_range(0.8..1.2);
    Duration::milliseconds((base as f64 * 1000.0 * jitter) as i64)
}
