//! The weekly summary's opt-in and claim, stamped into each backend's `Store` impl by
//! `summary_store!`. The claim is one `UPDATE … RETURNING`: whichever node runs it first
//! gets the recipients, the other gets none.

/// `SummaryStore` for one backend; the store struct and its helpers come from `sql_store!`.
macro_rules! summary_store {
    ($store:ident) => {
        #[async_trait]
        impl app::store::SummaryStore for $store {
            async fn set_weekly_summary(
                &self,
                user: UserId,
                on: bool,
                lang: &str,
            ) -> StoreResult<()> {
                sqlx::query("UPDATE users SET weekly_summary = $1, summary_lang = $2 WHERE id = $3")
                    .bind(on)
                    .bind(lang)
                    .bind(user)
                    .execute(&self.pool)
                    .await
                    .map_err(db_error)?;
                Ok(())
            }

            async fn weekly_summary(&self, user: UserId) -> StoreResult<bool> {
                sqlx::query_scalar("SELECT weekly_summary FROM users WHERE id = $1")
                    .bind(user)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(db_error)?
                    .ok_or(StoreError::NotFound)
            }

            async fn claim_summaries(
                &self,
                sent_before: DateTime<Utc>,
                now: DateTime<Utc>,
            ) -> StoreResult<Vec<app::store::SummaryRecipient>> {
                let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
                    "UPDATE users SET summary_sent_at = $1 \
                     WHERE weekly_summary AND (summary_sent_at IS NULL OR summary_sent_at < $2) \
                     RETURNING id, email, display_name, summary_lang",
                )
                    .bind(now)
                    .bind(sent_before)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_error)?;
                Ok(rows
                    .into_iter()
                    .map(|(user_id, email, display_name, lang)| app::store::SummaryRecipient {
                        user_id,
                        email,
                        display_name,
                        lang,
                    })
                    .collect())
            }

            async fn release_summary(&self, user: UserId) -> StoreResult<()> {
                sqlx::query("UPDATE users SET summary_sent_at = NULL WHERE id = $1")
                    .bind(user)
                    .execute(&self.pool)
                    .await
                    .map_err(db_error)?;
                Ok(())
            }
        }
    };
}
