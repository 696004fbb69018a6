//! Businesses and their locations: create, read (public and business-scoped), edit the
//! details, archive. Every change to public data raises the public revision in the same
//! transaction.

/// `LocationStore` for one backend; the store struct and its helpers come from `sql_store!`.
macro_rules! location_store {
    ($store:ident) => {
        #[async_trait]
        impl LocationStore for $store {
            #[tracing::instrument(skip_all, err)]
            async fn create_business(&self, name: &str, now: DateTime<Utc>) -> StoreResult<BusinessId> {
                sqlx::query_scalar(
                    "INSERT INTO businesses (name, created_at, updated_at) VALUES ($1, $2, $2) \
                     RETURNING id",
                )
                .bind(name)
                .bind(now)
                .fetch_one(&self.pool)
                .await
                .map_err(db_error)
            }

            async fn business_count(&self) -> StoreResult<i64> {
                sqlx::query_scalar("SELECT COUNT(*) FROM businesses")
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db_error)
            }

            #[tracing::instrument(skip_all, fields(slug = %new.slug), err)]
            async fn create_location(&self, new: &NewLocation, now: DateTime<Utc>) -> StoreResult<LocationId> {
                let mut tx = self.begin().await?;
                let sql = format!(
                    "INSERT INTO locations ({DETAIL_COLUMNS}, business_id, slug, created_at, \
                     updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, \
                     $14, $15, $16, $17, $18, $19, $19) RETURNING id"
                );
                let query = sqlx::query(&sql);
                let row = Self::bind_details(query, &new.details)
                    .bind(new.business_id)
                    .bind(new.slug.as_str())
                    .bind(now)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(db_error)?;
                let id: LocationId = row.try_get(0).map_err(db_error)?;
                Self::insert_hours(&mut tx, id, &new.hours).await?;
                Self::bump_revision(&mut tx).await?;
                tx.commit().await.map_err(db_error)?;
                Ok(id)
            }

            async fn location_by_slug(&self, slug: &str) -> StoreResult<Option<Location>> {
                let row = sqlx::query_as::<_, LocationRow>(&format!(
                    "SELECT {LOCATION_COLUMNS} WHERE l.slug = $1 AND l.archived_at IS NULL"
                ))
                .bind(slug)
                .fetch_optional(&self.pool)
                .await
                .map_err(db_error)?;
                self.load_location(row, true).await
            }

            async fn public_locations(&self) -> StoreResult<Vec<LocationSummary>> {
                let rows = sqlx::query_as::<_, SummaryRow>(
                    "SELECT l.id, l.business_id, b.name AS business_name, l.slug, l.name, l.city, \
                     l.updated_at, l.archived_at IS NOT NULL AS archived FROM locations l \
                     JOIN businesses b ON b.id = l.business_id \
                     WHERE l.archived_at IS NULL ORDER BY b.name, b.id, l.name, l.id",
                )
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn locations_of(&self, business: BusinessId) -> StoreResult<Vec<LocationSummary>> {
                let rows = sqlx::query_as::<_, SummaryRow>(
                    "SELECT l.id, l.business_id, b.name AS business_name, l.slug, l.name, l.city, \
                     l.updated_at, l.archived_at IS NOT NULL AS archived FROM locations l \
                     JOIN businesses b ON b.id = l.business_id \
                     WHERE l.business_id = $1 ORDER BY l.archived_at IS NOT NULL, l.name, l.id",
                )
                .bind(business)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn location(&self, business: BusinessId, id: LocationId) -> StoreResult<Location> {
                let row = sqlx::query_as::<_, LocationRow>(&format!(
                    "SELECT {LOCATION_COLUMNS} WHERE l.id = $1 AND l.business_id = $2"
                ))
                .bind(id)
                .bind(business)
                .fetch_optional(&self.pool)
                .await
                .map_err(db_error)?;
                self.load_location(row, false).await?.ok_or(StoreError::NotFound)
            }

            #[tracing::instrument(skip_all, fields(business, id), err)]
            async fn set_location_archived(
                &self,
                business: BusinessId,
                id: LocationId,
                archived: bool,
                now: DateTime<Utc>,
            ) -> StoreResult<()> {
                let mut tx = self.begin().await?;
                let updated = sqlx::query(
                    "UPDATE locations SET archived_at = $1, updated_at = $2 \
                     WHERE id = $3 AND business_id = $4",
                )
                .bind(archived.then_some(now))
                .bind(now)
                .bind(id)
                .bind(business)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                if updated.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                Self::bump_revision(&mut tx).await?;
                tx.commit().await.map_err(db_error)
            }

            #[tracing::instrument(skip_all, fields(business, id), err)]
            async fn update_location(
                &self,
                business: BusinessId,
                id: LocationId,
                d: &LocationDetails,
                hours: &WeeklyHours,
                now: DateTime<Utc>,
            ) -> StoreResult<()> {
                let mut tx = self.begin().await?;
                let assignments: String = DETAIL_COLUMNS
                    .split(", ")
                    .enumerate()
                    .map(|(i, column)| format!("{column} = ${}, ", i + 1))
                    .collect();
                let sql = format!(
                    "UPDATE locations SET {assignments}updated_at = $17, hours_confirmed_at = $17 \
                     WHERE id = $18 AND business_id = $19"
                );
                let query = sqlx::query(&sql);
                let updated = Self::bind_details(query, d)
                    .bind(now)
                    .bind(id)
                    .bind(business)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                if updated.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                sqlx::query("DELETE FROM weekly_hours WHERE location_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                Self::insert_hours(&mut tx, id, hours).await?;
                Self::bump_revision(&mut tx).await?;
                tx.commit().await.map_err(db_error)
            }
        }
    };
}
