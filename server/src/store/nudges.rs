//! Nudge facts, stamped into each backend's `Store` impl by `nudge_store!`.

/// `NudgeStore` for one backend; the store struct and its helpers come from `sql_store!`.
macro_rules! nudge_store {
    ($store:ident) => {
        #[async_trait]
        impl app::store::NudgeStore for $store {
            async fn location_facts(
                &self,
                business: BusinessId,
                location: LocationId,
                now: DateTime<Utc>,
            ) -> StoreResult<app::domain::nudges::LocationFacts> {
                use app::domain::nudges::FAILING_ATTEMPTS;
                let (created_at, hours_confirmed_at): (DateTime<Utc>, DateTime<Utc>) =
                    sqlx::query_as(
                        "SELECT created_at, COALESCE(hours_confirmed_at, updated_at) \
                         FROM locations WHERE id = $1 AND business_id = $2",
                    )
                    .bind(location)
                    .bind(business)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(db_error)?
                    .ok_or(StoreError::NotFound)?;
                let last_post_at: Option<DateTime<Utc>> = sqlx::query_scalar(
                    "SELECT published_at FROM posts WHERE location_id = $1 \
                     AND published_at IS NOT NULL AND published_at <= $2 \
                     ORDER BY published_at DESC LIMIT 1",
                )
                .bind(location)
                .bind(now)
                .fetch_optional(&self.pool)
                .await
                .map_err(db_error)?;
                let pictures: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM location_images WHERE location_id = $1",
                )
                .bind(location)
                .fetch_one(&self.pool)
                .await
                .map_err(db_error)?;
                let inboxes: Vec<String> = sqlx::query_scalar(
                    "SELECT DISTINCT inbox FROM deliveries WHERE location_id = $1 \
                     AND ((state = 'failed' AND finished_at >= $2) \
                     OR (state = 'queued' AND attempts >= $3))",
                )
                .bind(location)
                .bind(now - chrono::Duration::days(7))
                .bind(FAILING_ATTEMPTS)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                let mut failing_servers: Vec<String> = inboxes
                    .iter()
                    .filter_map(|inbox| url::Url::parse(inbox).ok())
                    .filter_map(|url| {
                        let host = url.host_str()?.to_string();
                        Some(match url.port() {
                            Some(port) => format!("{host}:{port}"),
                            None => host,
                        })
                    })
                    .collect();
                failing_servers.sort();
                failing_servers.dedup();
                Ok(app::domain::nudges::LocationFacts {
                    created_at,
                    hours_confirmed_at,
                    last_post_at,
                    has_picture: pictures > 0,
                    failing_servers,
                })
            }

            async fn confirm_hours(
                &self,
                business: BusinessId,
                location: LocationId,
                now: DateTime<Utc>,
            ) -> StoreResult<()> {
                let done = sqlx::query(
                    "UPDATE locations SET hours_confirmed_at = $1 \
                     WHERE id = $2 AND business_id = $3",
                )
                .bind(now)
                .bind(location)
                .bind(business)
                .execute(&self.pool)
                .await
                .map_err(db_error)?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                Ok(())
            }
        }
    };
}
