//! The imprint and privacy notice of a business, stamped into each backend's `Store` impl
//! by `imprint_store!`. One row per business; both writes raise the public revision in
//! their transaction, so every node's page cache drops the old footer and pages.

/// `ImprintStore` for one backend; the store struct and its helpers come from `sql_store!`.
macro_rules! imprint_store {
    ($store:ident) => {
        #[async_trait]
        impl app::store::ImprintStore for $store {
            async fn imprint(&self, business: BusinessId) -> StoreResult<app::store::ImprintRecord> {
                let row: Option<(Option<String>, String, String, String)> = sqlx::query_as(
                    "SELECT data, own_address, privacy_hosting, privacy_extra FROM imprints \
                     WHERE business_id = $1",
                )
                .bind(business)
                .fetch_optional(&self.pool)
                .await
                .map_err(db_error)?;
                let Some((data, own_address, privacy_hosting, privacy_extra)) = row else {
                    return Ok(app::store::ImprintRecord::default());
                };
                let imprint = match data {
                    Some(json) => Some(
                        serde_json::from_str(&json)
                            .map_err(|error| StoreError::Other(Box::new(error)))?,
                    ),
                    None => None,
                };
                let own_address = serde_json::from_str(&own_address)
                    .map_err(|error| StoreError::Other(Box::new(error)))?;
                Ok(app::store::ImprintRecord { imprint, own_address, privacy_hosting, privacy_extra })
            }

            #[tracing::instrument(skip_all, fields(business), err)]
            async fn save_imprint(
                &self,
                business: BusinessId,
                imprint: &app::domain::imprint::Imprint,
                own_address: &[LocationId],
                now: DateTime<Utc>,
            ) -> StoreResult<()> {
                let data = serde_json::to_string(imprint)
                    .map_err(|error| StoreError::Other(Box::new(error)))?;
                let mut tx = self.begin().await?;
                let mut own: Vec<LocationId> = Vec::new();
                for location in own_address {
                    if Self::check_owned(&mut tx, business, *location).await.is_ok() {
                        own.push(*location);
                    }
                }
                own.sort_unstable();
                own.dedup();
                let own = serde_json::to_string(&own)
                    .map_err(|error| StoreError::Other(Box::new(error)))?;
                sqlx::query(
                    "INSERT INTO imprints (business_id, data, own_address, updated_at) \
                     VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (business_id) DO UPDATE SET data = excluded.data, \
                     own_address = excluded.own_address, updated_at = excluded.updated_at",
                )
                .bind(business)
                .bind(data)
                .bind(own)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                Self::bump_revision(&mut tx).await?;
                tx.commit().await.map_err(db_error)?;
                Ok(())
            }

            #[tracing::instrument(skip_all, fields(business), err)]
            async fn save_privacy(
                &self,
                business: BusinessId,
                hosting: &str,
                extra: &str,
                now: DateTime<Utc>,
            ) -> StoreResult<()> {
                let mut tx = self.begin().await?;
                sqlx::query(
                    "INSERT INTO imprints (business_id, privacy_hosting, privacy_extra, updated_at) \
                     VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (business_id) DO UPDATE SET \
                     privacy_hosting = excluded.privacy_hosting, \
                     privacy_extra = excluded.privacy_extra, updated_at = excluded.updated_at",
                )
                .bind(business)
                .bind(hosting)
                .bind(extra)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                Self::bump_revision(&mut tx).await?;
                tx.commit().await.map_err(db_error)?;
                Ok(())
            }
        }
    };
}
