//! Opening hours: special hours and closures, and replacing a location's hours whole.

/// `HoursStore` for one backend; the store struct and its helpers come from `sql_store!`.
macro_rules! hours_store {
    ($store:ident) => {
        #[async_trait]
        impl HoursStore for $store {
            #[tracing::instrument(skip_all, fields(business, location), err)]
            async fn add_special_hours(
                &self,
                business: BusinessId,
                location: LocationId,
                special: &SpecialHours,
                now: DateTime<Utc>,
            ) -> StoreResult<i64> {
                let mut tx = self.begin().await?;
                Self::check_owned(&mut tx, business, location).await?;
                let id = Self::insert_special(&mut tx, location, special, now).await?;
                Self::touch(&mut tx, location, now).await?;
                tx.commit().await.map_err(db_error)?;
                Ok(id)
            }

            #[tracing::instrument(skip_all, fields(business, location, id), err)]
            async fn delete_special_hours(
                &self,
                business: BusinessId,
                location: LocationId,
                id: i64,
                now: DateTime<Utc>,
            ) -> StoreResult<()> {
                let mut tx = self.begin().await?;
                Self::check_owned(&mut tx, business, location).await?;
                let deleted =
                    sqlx::query("DELETE FROM special_hours WHERE id = $1 AND location_id = $2")
                        .bind(id)
                        .bind(location)
                        .execute(&mut *tx)
                        .await
                        .map_err(db_error)?;
                if deleted.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                Self::touch(&mut tx, location, now).await?;
                tx.commit().await.map_err(db_error)
            }

            #[tracing::instrument(skip_all, fields(business, location), err)]
            async fn replace_opening_hours(
                &self,
                business: BusinessId,
                location: LocationId,
                hours: &OpeningHours,
                now: DateTime<Utc>,
            ) -> StoreResult<()> {
                let mut tx = self.begin().await?;
                let updated = sqlx::query(
                    "UPDATE locations SET holiday_rule = $1, updated_at = $2, hours_rules = $5, \
                     hours_confirmed_at = $2 \
                     WHERE id = $3 AND business_id = $4",
                )
                .bind(hours.holiday_rule.to_db())
                .bind(now)
                .bind(location)
                .bind(business)
                .bind(
                    serde_json::to_string(&hours.rules)
                        .map_err(|e| StoreError::Other(Box::new(e)))?,
                )
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                if updated.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                for table in ["weekly_hours", "special_hours"] {
                    sqlx::query(&format!("DELETE FROM {table} WHERE location_id = $1"))
                        .bind(location)
                        .execute(&mut *tx)
                        .await
                        .map_err(db_error)?;
                }
                Self::insert_hours(&mut tx, location, &hours.weekly).await?;
                for special in &hours.special {
                    Self::insert_special(&mut tx, location, special, now).await?;
                }
                Self::bump_revision(&mut tx).await?;
                tx.commit().await.map_err(db_error)
            }
        }
    };
}
