//! A business's archive in and out of the database: the rows of each table of
//! `domain::archive::TABLES`, read for one business, and written whole into an empty
//! instance.

use crate::domain::archive::{Cell, Table};
use crate::domain::location::BusinessId;
use async_trait::async_trait;

use super::StoreResult;

#[async_trait]
pub trait ArchiveStore: Send + Sync {
    /// Every business: id and name, for `nahbar export` to offer.
    async fn business_names(&self) -> StoreResult<Vec<(BusinessId, String)>>;
    /// The business's rows of `table`, in the columns `table.columns(with_secrets)`,
    /// ordered by its key.
    async fn archive_rows(
        &self,
        business: BusinessId,
        table: &'static Table,
        with_secrets: bool,
    ) -> StoreResult<Vec<Vec<Cell>>>;
    /// Whether the instance holds no business and no account (what an import needs).
    async fn holds_nothing(&self) -> StoreResult<bool>;
    /// Writes the rows (each in the order of `table.columns(true)`) in one transaction,
    /// keeping their numbers: all of it or, on any error, nothing. Refuses with
    /// `Conflict` when the instance is not empty.
    async fn restore_archive(&self, tables: &[(&'static Table, Vec<Vec<Cell>>)])
    -> StoreResult<()>;
}
