//! A location's logo and cover photo, stamped into each backend's `Store` impl by
//! `location_image_store!`. Both writes touch the location and raise the public revision
//! in their transaction, so every node's page cache drops the old page.

/// `LocationImageStore` for one backend; the store struct and its helpers come from
/// `sql_store!`.
macro_rules! location_image_store {
    ($store:ident) => {
        #[async_trait]
        impl app::store::LocationImageStore for $store {
            async fn location_images(
                &self,
                location: LocationId,
            ) -> StoreResult<app::domain::location_image::LocationImages> {
                use app::domain::location_image::{ImageKind, LocationImages};
                let rows: Vec<(String, String, i64, i64, String, String)> = sqlx::query_as(
                    "SELECT kind, hash, width, height, widths, alt FROM location_images \
                     WHERE location_id = $1",
                )
                .bind(location)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                let mut images = LocationImages::default();
                for (kind, hash, width, height, widths, alt) in rows {
                    let row = posts::PhotoRow { hash, width, height, widths, alt };
                    match ImageKind::parse(&kind) {
                        Some(ImageKind::Logo) => images.logo = Some(row.into_photo()),
                        Some(ImageKind::Cover) => images.cover = Some(row.into_photo()),
                        None => {}
                    }
                }
                Ok(images)
            }

            #[tracing::instrument(skip_all, fields(business, location), err)]
            async fn set_location_image(
                &self,
                business: BusinessId,
                location: LocationId,
                kind: app::domain::location_image::ImageKind,
                photo: &PostPhoto,
                now: DateTime<Utc>,
            ) -> StoreResult<()> {
                let mut tx = self.begin().await?;
                Self::check_owned(&mut tx, business, location).await?;
                sqlx::query(
                    "INSERT INTO location_images \
                     (location_id, kind, hash, width, height, widths, alt, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
                     ON CONFLICT (location_id, kind) DO UPDATE SET hash = excluded.hash, \
                     width = excluded.width, height = excluded.height, \
                     widths = excluded.widths, alt = excluded.alt, \
                     updated_at = excluded.updated_at",
                )
                .bind(location)
                .bind(kind.as_str())
                .bind(&photo.hash)
                .bind(i64::from(photo.width))
                .bind(i64::from(photo.height))
                .bind(photo.widths.iter().map(u32::to_string).collect::<Vec<_>>().join(","))
                .bind(&photo.alt)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                Self::touch(&mut tx, location, now).await?;
                tx.commit().await.map_err(db_error)?;
                Ok(())
            }

            #[tracing::instrument(skip_all, fields(business, location), err)]
            async fn remove_location_image(
                &self,
                business: BusinessId,
                location: LocationId,
                kind: app::domain::location_image::ImageKind,
                now: DateTime<Utc>,
            ) -> StoreResult<()> {
                let mut tx = self.begin().await?;
                Self::check_owned(&mut tx, business, location).await?;
                sqlx::query("DELETE FROM location_images WHERE location_id = $1 AND kind = $2")
                    .bind(location)
                    .bind(kind.as_str())
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                Self::touch(&mut tx, location, now).await?;
                tx.commit().await.map_err(db_error)?;
                Ok(())
            }
        }
    };
}
