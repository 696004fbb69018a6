//! POI writes and the public reads of the nearby index, stamped into each backend's
//! `Store` impl by `sql_store!` (see `mod.rs`). Every write is scoped by business and
//! location, and raises the public revision in the same transaction.

/// `PoiStore` for one backend; the store struct and its helpers come from `sql_store!`.
macro_rules! poi_store {
    ($store:ident) => {
        #[async_trait]
        impl PoiStore for $store {
        #[tracing::instrument(skip_all, fields(business, location), err)]
        async fn add_poi(
            &self,
            business: BusinessId,
            location: LocationId,
            poi: &NewPoiInput,
            now: DateTime<Utc>,
        ) -> StoreResult<i64> {
            let mut tx = self.begin().await?;
            Self::check_owned(&mut tx, business, location).await?;
            let id = sqlx::query_scalar(
                "INSERT INTO pois (location_id, name, kind, lat, lon, note, public, position, \
                 created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, \
                   (SELECT COALESCE(MAX(position) + 1, 0) FROM pois WHERE location_id = $1), \
                   $8, $8) RETURNING id",
            )
            .bind(location)
            .bind(&poi.name)
            .bind(poi.kind.as_str())
            .bind(poi.point.lat)
            .bind(poi.point.lon)
            .bind(&poi.note)
            .bind(poi.public)
            .bind(now)
            .fetch_one(&mut *tx)
            .await
            .map_err(db_error)?;
            Self::touch(&mut tx, location, now).await?;
            tx.commit().await.map_err(db_error)?;
            Ok(id)
        }

        #[tracing::instrument(skip_all, fields(business, location, id), err)]
        async fn update_poi(
            &self,
            business: BusinessId,
            location: LocationId,
            id: i64,
            poi: &NewPoiInput,
            now: DateTime<Utc>,
        ) -> StoreResult<()> {
            let mut tx = self.begin().await?;
            Self::check_owned(&mut tx, business, location).await?;
            let updated = sqlx::query(
                "UPDATE pois SET name = $1, kind = $2, lat = $3, lon = $4, note = $5, \
                 public = $6, updated_at = $7 WHERE id = $8 AND location_id = $9",
            )
            .bind(&poi.name)
            .bind(poi.kind.as_str())
            .bind(poi.point.lat)
            .bind(poi.point.lon)
            .bind(&poi.note)
            .bind(poi.public)
            .bind(now)
            .bind(id)
            .bind(location)
            .execute(&mut *tx)
            .await
            .map_err(db_error)?;
            if updated.rows_affected() == 0 {
                return Err(StoreError::NotFound);
            }
            Self::touch(&mut tx, location, now).await?;
            tx.commit().await.map_err(db_error)
        }

        #[tracing::instrument(skip_all, fields(business, location, id), err)]
        async fn delete_poi(
            &self,
            business: BusinessId,
            location: LocationId,
            id: i64,
            now: DateTime<Utc>,
        ) -> StoreResult<()> {
            let mut tx = self.begin().await?;
            Self::check_owned(&mut tx, business, location).await?;
            let deleted = sqlx::query("DELETE FROM pois WHERE id = $1 AND location_id = $2")
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
        async fn reorder_pois(
            &self,
            business: BusinessId,
            location: LocationId,
            order: &[i64],
            now: DateTime<Utc>,
        ) -> StoreResult<()> {
            let mut tx = self.begin().await?;
            Self::check_owned(&mut tx, business, location).await?;
            let mut current: Vec<i64> =
                sqlx::query_scalar("SELECT id FROM pois WHERE location_id = $1")
                    .bind(location)
                    .fetch_all(&mut *tx)
                    .await
                    .map_err(db_error)?;
            let mut wanted = order.to_vec();
            current.sort_unstable();
            wanted.sort_unstable();
            if current != wanted {
                return Err(StoreError::NotFound);
            }
            for (position, id) in order.iter().enumerate() {
                sqlx::query("UPDATE pois SET position = $1 WHERE id = $2 AND location_id = $3")
                    .bind(position as i64)
                    .bind(id)
                    .bind(location)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
            }
            Self::touch(&mut tx, location, now).await?;
            tx.commit().await.map_err(db_error)
        }

        async fn public_revision(&self) -> StoreResult<i64> {
            sqlx::query_scalar("SELECT revision FROM public_revision WHERE id = 1")
                .fetch_one(&self.pool)
                .await
                .map_err(db_error)
        }

        async fn public_locations_full(&self) -> StoreResult<Vec<Location>> {
            let rows = sqlx::query_as::<_, LocationRow>(&format!(
                "SELECT {LOCATION_COLUMNS} WHERE l.archived_at IS NULL ORDER BY l.name, l.id"
            ))
            .fetch_all(&self.pool)
            .await
            .map_err(db_error)?;
            let mut out = Vec::with_capacity(rows.len());
            for row in rows {
                out.extend(self.load_location(Some(row), true).await?);
            }
            Ok(out)
        }
        }
    };
}
