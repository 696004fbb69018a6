//! The imprint and the privacy notice of a business: what the owner filled in, and which
//! locations show their own address in it.

use crate::domain::imprint::Imprint;
use crate::domain::location::{BusinessId, LocationId};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreResult;

/// What is stored for a business; the default when nothing is.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImprintRecord {
    /// `None` until the owner saves the imprint form once.
    pub imprint: Option<Imprint>,
    /// Locations whose imprint shows the location's own address (a branch with its own
    /// premises) instead of the business's.
    pub own_address: Vec<LocationId>,
    /// The hosting provider the owner names in the privacy notice.
    pub privacy_hosting: String,
    /// The owner's own paragraphs at the end of the privacy notice.
    pub privacy_extra: String,
}

#[async_trait]
pub trait ImprintStore: Send + Sync {
    async fn imprint(&self, business: BusinessId) -> StoreResult<ImprintRecord>;
    /// Saves the imprint (already validated) and raises the public revision, so cached
    /// customer pages follow. Location ids not of this business are ignored.
    async fn save_imprint(
        &self,
        business: BusinessId,
        imprint: &Imprint,
        own_address: &[LocationId],
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// Saves the owner's part of the privacy notice and raises the public revision.
    async fn save_privacy(
        &self,
        business: BusinessId,
        hosting: &str,
        extra: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
}
