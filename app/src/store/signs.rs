//! Printed signs: which sign of a location was printed when, and what it showed then, so
//! the owner screens can tell when a sign on the door no longer matches the data.

use crate::domain::location::LocationId;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

use super::StoreResult;

/// One print (a PDF made for download) of a sign.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignPrint {
    /// `SignKind` as JSON (`{"kind":"door"}`), so a print can be rebuilt later.
    pub kind: String,
    pub paper: String,
    pub language: String,
    /// The location's local date the sign carries ("Stand: …").
    pub printed_on: NaiveDate,
    /// `Sign::fingerprint` of what the sign showed.
    pub fingerprint: String,
}

#[async_trait]
pub trait SignStore: Send + Sync {
    async fn record_sign_print(
        &self,
        location: LocationId,
        print: &SignPrint,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// The newest print of each kind of the location, newest first.
    async fn latest_sign_prints(&self, location: LocationId) -> StoreResult<Vec<SignPrint>>;
}
