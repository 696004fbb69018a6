//! Publishes scheduled posts when their time comes. The state lives in the database, so a
//! restart loses nothing: the first round after start publishes whatever fell due meanwhile.

use crate::ServerState;

pub async fn scheduler(state: ServerState, every: std::time::Duration) {
    loop {
        match state.store().publish_due(state.now()).await {
            Ok(0) => {}
            Ok(count) => {
                state.page_cache.mark_dirty();
                tracing::info!(count, "published scheduled posts");
            }
            Err(error) => tracing::warn!(%error, "publishing scheduled posts failed"),
        }
        tokio::time::sleep(every).await;
    }
}
