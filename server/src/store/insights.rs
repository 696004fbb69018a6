//! Insights, stamped into each backend's `Store` impl by `insight_store!`. The roll-up is
//! an upsert of figures computed from the kept requests, so running it twice, or on two
//! nodes at once, gives the same figures.

/// The daily figures of every day from `$1` on: per metric and subject, per location (all
/// pages: `visits`) and per referring host. `WHERE` before `ON CONFLICT`: SQLite needs it
/// to read an upsert after a `SELECT`.
pub(crate) const ROLL_UP: [&str; 3] = [
    "INSERT INTO insight_days (location_id, day, metric, subject, hits, visitors) \
     SELECT location_id, day, metric, subject, SUM(hits), COUNT(DISTINCT visitor) \
     FROM insight_hits WHERE day >= $1 GROUP BY location_id, day, metric, subject \
     ON CONFLICT (location_id, day, metric, subject) \
     DO UPDATE SET hits = excluded.hits, visitors = excluded.visitors",
    "INSERT INTO insight_days (location_id, day, metric, subject, hits, visitors) \
     SELECT location_id, day, 'visits', '', SUM(hits), COUNT(DISTINCT visitor) \
     FROM insight_hits WHERE day >= $1 AND metric = 'view' GROUP BY location_id, day \
     ON CONFLICT (location_id, day, metric, subject) \
     DO UPDATE SET hits = excluded.hits, visitors = excluded.visitors",
    "INSERT INTO insight_days (location_id, day, metric, subject, hits, visitors) \
     SELECT location_id, day, 'referrer', referrer, SUM(hits), COUNT(DISTINCT visitor) \
     FROM insight_hits WHERE day >= $1 AND metric = 'view' AND referrer <> '' \
     GROUP BY location_id, day, referrer \
     ON CONFLICT (location_id, day, metric, subject) \
     DO UPDATE SET hits = excluded.hits, visitors = excluded.visitors",
];

/// `InsightStore` for one backend; the store struct and its helpers come from `sql_store!`.
macro_rules! insight_store {
    ($store:ident) => {
        #[async_trait]
        impl app::store::InsightStore for $store {
            #[tracing::instrument(skip_all, fields(hits = hits.len()), err)]
            async fn record_hits(&self, hits: &[app::store::Hit]) -> StoreResult<usize> {
                let mut places: std::collections::HashMap<&str, Option<(i64, chrono_tz::Tz)>> =
                    std::collections::HashMap::new();
                let mut tx = self.begin().await?;
                let mut stored = 0;
                for hit in hits {
                    if !places.contains_key(hit.slug.as_str()) {
                        let row: Option<(i64, String)> = sqlx::query_as(
                            "SELECT id, timezone FROM locations \
                             WHERE slug = $1 AND archived_at IS NULL",
                        )
                        .bind(&hit.slug)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(db_error)?;
                        let place = row
                            .map(|(id, tz)| (id, tz.parse().unwrap_or(chrono_tz::Europe::Berlin)));
                        places.insert(hit.slug.as_str(), place);
                    }
                    let Some(Some((location, tz))) = places.get(hit.slug.as_str()) else {
                        continue;
                    };
                    sqlx::query(
                        "INSERT INTO insight_hits \
                         (location_id, day, metric, subject, referrer, visitor, at, hits) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    )
                    .bind(location)
                    .bind(hit.at.with_timezone(tz).date_naive())
                    .bind(hit.metric.as_str())
                    .bind(&hit.subject)
                    .bind(&hit.referrer)
                    .bind(&hit.visitor)
                    .bind(hit.at)
                    .bind(hit.hits)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                    stored += usize::try_from(hit.hits).unwrap_or(0);
                }
                tx.commit().await.map_err(db_error)?;
                Ok(stored)
            }

            #[tracing::instrument(skip_all, err)]
            async fn roll_up_insights(&self, from: chrono::NaiveDate) -> StoreResult<()> {
                let mut tx = self.begin().await?;
                for sql in insights::ROLL_UP {
                    sqlx::query(sql).bind(from).execute(&mut *tx).await.map_err(db_error)?;
                }
                tx.commit().await.map_err(db_error)
            }

            async fn purge_hits(&self, before: chrono::NaiveDate) -> StoreResult<u64> {
                let done = sqlx::query("DELETE FROM insight_hits WHERE day < $1")
                    .bind(before)
                    .execute(&self.pool)
                    .await
                    .map_err(db_error)?;
                Ok(done.rows_affected())
            }

            async fn purge_daily_figures(&self, before: chrono::NaiveDate) -> StoreResult<u64> {
                let done = sqlx::query("DELETE FROM insight_days WHERE day < $1")
                    .bind(before)
                    .execute(&self.pool)
                    .await
                    .map_err(db_error)?;
                Ok(done.rows_affected())
            }

            async fn daily_figures(
                &self,
                location: LocationId,
                first: chrono::NaiveDate,
                last: chrono::NaiveDate,
            ) -> StoreResult<Vec<app::domain::insights::DailyRow>> {
                let rows: Vec<(chrono::NaiveDate, String, String, i64, i64)> = sqlx::query_as(
                    "SELECT day, metric, subject, hits, visitors FROM insight_days \
                     WHERE location_id = $1 AND day >= $2 AND day <= $3 ORDER BY day",
                )
                .bind(location)
                .bind(first)
                .bind(last)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(rows
                    .into_iter()
                    .filter_map(|(day, metric, subject, hits, visitors)| {
                        let metric = app::domain::insights::Metric::parse(&metric)?;
                        Some(app::domain::insights::DailyRow {
                            day,
                            metric,
                            subject,
                            hits,
                            visitors,
                        })
                    })
                    .collect())
            }

            async fn raw_hit_count(&self, location: LocationId) -> StoreResult<i64> {
                sqlx::query_scalar(
                    "SELECT CAST(COALESCE(SUM(hits), 0) AS BIGINT) FROM insight_hits \
                     WHERE location_id = $1",
                )
                .bind(location)
                .fetch_one(&self.pool)
                .await
                .map_err(db_error)
            }
        }
    };
}
