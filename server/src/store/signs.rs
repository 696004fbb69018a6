//! The prints of signs, stamped into each backend's `Store` impl by `sign_store!`.

/// `SignStore` for one backend; the store struct and its helpers come from `sql_store!`.
macro_rules! sign_store {
    ($store:ident) => {
        #[async_trait]
        impl app::store::SignStore for $store {
            async fn record_sign_print(
                &self,
                location: LocationId,
                print: &app::store::SignPrint,
                now: DateTime<Utc>,
            ) -> StoreResult<()> {
                sqlx::query(
                    "INSERT INTO sign_prints \
                     (location_id, kind, paper, language, printed_on, fingerprint, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(location)
                .bind(&print.kind)
                .bind(&print.paper)
                .bind(&print.language)
                .bind(print.printed_on)
                .bind(&print.fingerprint)
                .bind(now)
                .execute(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(())
            }

            async fn latest_sign_prints(
                &self,
                location: LocationId,
            ) -> StoreResult<Vec<app::store::SignPrint>> {
                let rows: Vec<(String, String, String, chrono::NaiveDate, String)> =
                    sqlx::query_as(
                        "SELECT p.kind, p.paper, p.language, p.printed_on, p.fingerprint \
                         FROM sign_prints p WHERE p.location_id = $1 AND p.id = \
                         (SELECT MAX(q.id) FROM sign_prints q \
                          WHERE q.location_id = p.location_id AND q.kind = p.kind) \
                         ORDER BY p.id DESC",
                    )
                    .bind(location)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_error)?;
                Ok(rows
                    .into_iter()
                    .map(|(kind, paper, language, printed_on, fingerprint)| {
                        app::store::SignPrint { kind, paper, language, printed_on, fingerprint }
                    })
                    .collect())
            }
        }
    };
}
