//! The audit log and the revision history of locations, stamped into each backend's
//! `Store` impl by `history_store!` (see `mod.rs`). Reads are scoped by business.

/// `HistoryStore` for one backend.
macro_rules! history_store {
    ($store:ident) => {
        #[async_trait]
        impl HistoryStore for $store {
            #[tracing::instrument(skip_all, fields(business = change.business_id, action = %change.action), err)]
            async fn record_change(
                &self,
                actor: &Actor,
                change: &Change,
                before: Option<&Location>,
                now: DateTime<Utc>,
            ) -> StoreResult<i64> {
                // The state after the change (it is committed before it is logged).
                let after = match change.location_id {
                    Some(id) => match LocationStore::location(self, change.business_id, id).await {
                        Ok(location) => Some(location),
                        Err(StoreError::NotFound) => None,
                        Err(error) => return Err(error),
                    },
                    None => None,
                };
                let mut tx = self.begin().await?;
                let audit_id: i64 = sqlx::query_scalar(
                    "INSERT INTO audit_log (business_id, user_id, actor_name, at, action, \
                     location_id, detail, ip, user_agent) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                )
                .bind(change.business_id)
                .bind(actor.user_id)
                .bind(&actor.name)
                .bind(now)
                .bind(&change.action)
                .bind(change.location_id)
                .bind(&change.detail)
                .bind(&actor.ip)
                .bind(actor.user_agent.chars().take(300).collect::<String>())
                .fetch_one(&mut *tx)
                .await
                .map_err(db_error)?;
                if let Some(after) = after {
                    for kind in RevisionKind::ALL {
                        let last: Option<String> = sqlx::query_scalar(
                            "SELECT data FROM revisions WHERE location_id = $1 AND kind = $2 \
                             ORDER BY id DESC LIMIT 1",
                        )
                        .bind(after.id)
                        .bind(kind.as_str())
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(db_error)?;
                        let current = snapshot(&after, kind);
                        let last = match last {
                            Some(last) => last,
                            None => {
                                // The first logged change: keep how it was before, so it can
                                // be restored.
                                let baseline = before.map(|b| snapshot(b, kind)).unwrap_or_else(|| current.clone());
                                Self::insert_revision(&mut tx, after.id, kind, &baseline, None, now).await?;
                                baseline
                            }
                        };
                        if last != current {
                            Self::insert_revision(&mut tx, after.id, kind, &current, Some(audit_id), now).await?;
                        }
                    }
                }
                tx.commit().await.map_err(db_error)?;
                Ok(audit_id)
            }

            async fn audit_log(
                &self,
                business: BusinessId,
                limit: i64,
                before_id: Option<i64>,
            ) -> StoreResult<Vec<AuditEntry>> {
                let rows: Vec<(i64, DateTime<Utc>, String, String, Option<i64>, Option<String>, String, String, String)> =
                    sqlx::query_as(
                        "SELECT a.id, a.at, a.actor_name, a.action, a.location_id, l.name, a.detail, \
                         a.ip, a.user_agent FROM audit_log a \
                         LEFT JOIN locations l ON l.id = a.location_id AND l.business_id = a.business_id \
                         WHERE a.business_id = $1 AND a.id < $2 ORDER BY a.id DESC LIMIT $3",
                    )
                    .bind(business)
                    .bind(before_id.unwrap_or(i64::MAX))
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_error)?;
                Ok(rows
                    .into_iter()
                    .map(|(id, at, actor, action, location_id, location_name, detail, ip, user_agent)| {
                        AuditEntry { id, at, actor, action, location_id, location_name, detail, ip, user_agent }
                    })
                    .collect())
            }

            async fn revisions(
                &self,
                business: BusinessId,
                location: LocationId,
                kind: RevisionKind,
            ) -> StoreResult<Vec<Revision>> {
                let rows: Vec<RevisionRow> = sqlx::query_as(&format!(
                    "{REVISION_SELECT} WHERE l.business_id = $1 AND r.location_id = $2 AND r.kind = $3 \
                     ORDER BY r.id DESC"
                ))
                .bind(business)
                .bind(location)
                .bind(kind.as_str())
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(rows.into_iter().filter_map(RevisionRow::into_revision).collect())
            }

            async fn revision(
                &self,
                business: BusinessId,
                location: LocationId,
                id: i64,
            ) -> StoreResult<Revision> {
                let row: Option<RevisionRow> = sqlx::query_as(&format!(
                    "{REVISION_SELECT} WHERE l.business_id = $1 AND r.location_id = $2 AND r.id = $3"
                ))
                .bind(business)
                .bind(location)
                .bind(id)
                .fetch_optional(&self.pool)
                .await
                .map_err(db_error)?;
                row.and_then(RevisionRow::into_revision).ok_or(StoreError::NotFound)
            }

            #[tracing::instrument(skip_all, fields(business, location), err)]
            async fn replace_pois(
                &self,
                business: BusinessId,
                location: LocationId,
                pois: &[NewPoiInput],
                now: DateTime<Utc>,
            ) -> StoreResult<()> {
                let mut tx = self.begin().await?;
                Self::check_owned(&mut tx, business, location).await?;
                sqlx::query("DELETE FROM pois WHERE location_id = $1")
                    .bind(location)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                for (position, poi) in pois.iter().enumerate() {
                    sqlx::query(
                        "INSERT INTO pois (location_id, name, kind, lat, lon, note, public, position, \
                         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)",
                    )
                    .bind(location)
                    .bind(&poi.name)
                    .bind(poi.kind.as_str())
                    .bind(poi.point.lat)
                    .bind(poi.point.lon)
                    .bind(&poi.note)
                    .bind(poi.public)
                    .bind(position as i64)
                    .bind(now)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                }
                Self::touch(&mut tx, location, now).await?;
                tx.commit().await.map_err(db_error)
            }
        }
    };
}

/// The columns a [`RevisionRow`] reads (revisions of the business's locations); add `WHERE …`.
pub const REVISION_SELECT: &str = "SELECT r.id, r.location_id, r.kind, r.data, r.created_at, \
    COALESCE(a.actor_name, '') AS actor, COALESCE(a.action, '') AS action \
    FROM revisions r JOIN locations l ON l.id = r.location_id \
    LEFT JOIN audit_log a ON a.id = r.audit_id";

#[derive(sqlx::FromRow)]
pub struct RevisionRow {
    id: i64,
    location_id: i64,
    kind: String,
    data: String,
    created_at: chrono::DateTime<chrono::Utc>,
    actor: String,
    action: String,
}

impl RevisionRow {
    pub fn into_revision(self) -> Option<app::domain::team::Revision> {
        Some(app::domain::team::Revision {
            id: self.id,
            location_id: self.location_id,
            kind: app::domain::team::RevisionKind::parse(&self.kind)?,
            data: self.data,
            created_at: self.created_at,
            actor: self.actor,
            action: self.action,
        })
    }
}
