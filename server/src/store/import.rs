//! The CSV export's read and the all-or-nothing import, stamped into each backend's `Store`
//! impl by `import_store!` (see `mod.rs`). The matching of rows with locations is the
//! domain's (`gbp_csv::plan_import`); here it runs inside the write transaction, so what it
//! saw is what gets changed, and the writes are batched so 5 000 rows take seconds.

/// `ImportStore` for one backend; the store struct and its helpers come from `sql_store!`.
macro_rules! import_store {
    ($store:ident, $db:ty) => {
        impl $store {
            /// Every location of the business with its weekly and special hours (no POIs),
            /// in three queries however many locations there are.
            async fn business_locations(
                conn: &mut <$db as sqlx::Database>::Connection,
                business: BusinessId,
                with_archived: bool,
            ) -> StoreResult<Vec<Location>> {
                let locations = sqlx::query_as::<_, rows::LocationRow>(&format!(
                    "SELECT {} WHERE l.business_id = $1 AND (l.archived_at IS NULL OR $2) \
                     ORDER BY l.name, l.id",
                    rows::LOCATION_COLUMNS
                ))
                .bind(business)
                .bind(with_archived)
                .fetch_all(&mut *conn)
                .await
                .map_err(db_error)?;
                let hours: Vec<(i64, i64, i64, i64)> = sqlx::query_as(
                    "SELECT h.location_id, h.weekday, h.opens_min, h.closes_min \
                     FROM weekly_hours h JOIN locations l ON l.id = h.location_id \
                     WHERE l.business_id = $1 ORDER BY h.location_id, h.weekday, h.opens_min",
                )
                .bind(business)
                .fetch_all(&mut *conn)
                .await
                .map_err(db_error)?;
                let special: Vec<(i64, i64, chrono::NaiveDate, chrono::NaiveDate, String, String)> =
                    sqlx::query_as(
                        "SELECT s.location_id, s.id, s.starts_on, s.ends_on, s.intervals, s.note \
                         FROM special_hours s JOIN locations l ON l.id = s.location_id \
                         WHERE l.business_id = $1 ORDER BY s.location_id, s.id",
                    )
                    .bind(business)
                    .fetch_all(&mut *conn)
                    .await
                    .map_err(db_error)?;
                let mut hours_of: std::collections::HashMap<i64, Vec<rows::HoursRow>> =
                    std::collections::HashMap::new();
                for (location, weekday, opens_min, closes_min) in hours {
                    hours_of.entry(location).or_default().push(rows::HoursRow {
                        weekday,
                        opens_min,
                        closes_min,
                    });
                }
                let mut special_of: std::collections::HashMap<i64, Vec<rows::SpecialRow>> =
                    std::collections::HashMap::new();
                for (location, id, starts_on, ends_on, intervals, note) in special {
                    special_of.entry(location).or_default().push(rows::SpecialRow {
                        id,
                        starts_on,
                        ends_on,
                        intervals,
                        note,
                    });
                }
                Ok(locations
                    .into_iter()
                    .map(|row| {
                        let id = row.id;
                        let hours = hours_of.remove(&id).unwrap_or_default();
                        let special = special_of.remove(&id).unwrap_or_default();
                        row.into_location(hours, Vec::new(), special)
                    })
                    .collect())
            }

            /// Inserts the weekly hours of many locations, a few hundred rows per statement.
            async fn insert_hours_batch(
                tx: &mut sqlx::Transaction<'_, $db>,
                items: &[(LocationId, &WeeklyHours)],
            ) -> StoreResult<()> {
                let rows: Vec<(i64, i64, i64, i64)> = items
                    .iter()
                    .flat_map(|(id, hours)| {
                        rows::hours_to_rows(hours).into_iter().map(move |(d, o, c)| (*id, d, o, c))
                    })
                    .collect();
                for chunk in rows.chunks(250) {
                    let mut insert = sqlx::QueryBuilder::<$db>::new(
                        "INSERT INTO weekly_hours (location_id, weekday, opens_min, closes_min) ",
                    );
                    insert.push_values(chunk, |mut values, (location, weekday, opens, closes)| {
                        values
                            .push_bind(*location)
                            .push_bind(*weekday)
                            .push_bind(*opens)
                            .push_bind(*closes);
                    });
                    insert.build().execute(&mut **tx).await.map_err(db_error)?;
                }
                Ok(())
            }

            /// Deletes the rows of `table` that belong to any of `locations`.
            async fn delete_for_locations(
                tx: &mut sqlx::Transaction<'_, $db>,
                table: &str,
                locations: &[LocationId],
            ) -> StoreResult<()> {
                for chunk in locations.chunks(500) {
                    let mut delete = sqlx::QueryBuilder::<$db>::new(format!(
                        "DELETE FROM {table} WHERE location_id IN ("
                    ));
                    let mut ids = delete.separated(", ");
                    for id in chunk {
                        ids.push_bind(*id);
                    }
                    delete.push(")");
                    delete.build().execute(&mut **tx).await.map_err(db_error)?;
                }
                Ok(())
            }
        }

        #[async_trait::async_trait]
        impl app::store::ImportStore for $store {
            #[tracing::instrument(skip_all, fields(business), err)]
            async fn locations_for_export(&self, business: BusinessId) -> StoreResult<Vec<Location>> {
                let mut conn = self.pool.acquire().await.map_err(db_error)?;
                Self::business_locations(&mut conn, business, false).await
            }

            #[tracing::instrument(skip_all, fields(business, rows = rows.len()), err)]
            async fn import_locations(
                &self,
                business: BusinessId,
                rows: &[app::domain::gbp_csv::ImportRow],
                now: DateTime<Utc>,
            ) -> StoreResult<app::store::ImportOutcome> {
                use app::domain::gbp_csv::{ImportStep, plan_import};
                let mut tx = self.begin().await?;
                let existing = Self::business_locations(&mut tx, business, true).await?;
                let taken: Vec<String> = sqlx::query_scalar("SELECT slug FROM locations")
                    .fetch_all(&mut *tx)
                    .await
                    .map_err(db_error)?;
                let steps = match plan_import(&existing, taken.into_iter().collect(), rows) {
                    Ok(steps) => steps,
                    // Nothing was written; dropping the transaction rolls it back.
                    Err(refused) => {
                        return Ok(app::store::ImportOutcome { refused, ..Default::default() });
                    }
                };
                let mut outcome = app::store::ImportOutcome::default();
                let mut new_hours: Vec<(LocationId, &WeeklyHours)> = Vec::new();
                let mut new_special: Vec<(LocationId, &[SpecialHours])> = Vec::new();
                let columns = DETAIL_COLUMNS.split(", ").count();
                let placeholders: String = (1..=columns).map(|i| format!("${i}, ")).collect();
                let insert_sql = format!(
                    "INSERT INTO locations ({DETAIL_COLUMNS}, business_id, slug, created_at, \
                     updated_at) VALUES ({placeholders}${}, ${}, ${n}, ${n}) RETURNING id",
                    columns + 1,
                    columns + 2,
                    n = columns + 3,
                );
                let assignments: String = DETAIL_COLUMNS
                    .split(", ")
                    .enumerate()
                    .map(|(i, column)| format!("{column} = ${}, ", i + 1))
                    .collect();
                let update_sql = format!(
                    "UPDATE locations SET {assignments}updated_at = ${} WHERE id = ${} \
                     AND business_id = ${}",
                    columns + 1,
                    columns + 2,
                    columns + 3,
                );
                let mut rewritten_hours: Vec<LocationId> = Vec::new();
                let mut replaced_special: Vec<LocationId> = Vec::new();
                for step in &steps {
                    match step {
                        ImportStep::Create { row, slug } => {
                            let inserted = Self::bind_details(sqlx::query(&insert_sql), &row.details)
                                .bind(business)
                                .bind(slug.as_str())
                                .bind(now)
                                .fetch_one(&mut *tx)
                                .await
                                .map_err(db_error)?;
                            let id: LocationId =
                                sqlx::Row::try_get(&inserted, 0).map_err(db_error)?;
                            new_hours.push((id, &row.hours));
                            new_special.push((id, &row.special));
                            outcome.created.push(id);
                        }
                        ImportStep::Update(update) => {
                            let id = update.id;
                            Self::bind_details(sqlx::query(&update_sql), &update.details)
                                .bind(now)
                                .bind(id)
                                .bind(business)
                                .execute(&mut *tx)
                                .await
                                .map_err(db_error)?;
                            if let Some(hours) = &update.hours {
                                rewritten_hours.push(id);
                                new_hours.push((id, hours));
                            }
                            if let Some(special) = &update.special {
                                replaced_special.push(id);
                                new_special.push((id, special));
                            }
                            outcome.updated.push(id);
                        }
                        ImportStep::Unchanged(id) => outcome.unchanged.push(*id),
                    }
                }
                Self::delete_for_locations(&mut tx, "weekly_hours", &rewritten_hours).await?;
                Self::insert_hours_batch(&mut tx, &new_hours).await?;
                Self::delete_for_locations(&mut tx, "special_hours", &replaced_special).await?;
                for (location, list) in new_special {
                    for special in list {
                        Self::insert_special(&mut tx, location, special, now).await?;
                    }
                }
                if !outcome.created.is_empty() || !outcome.updated.is_empty() {
                    Self::bump_revision(&mut tx).await?;
                }
                tx.commit().await.map_err(db_error)?;
                Ok(outcome)
            }
        }
    };
}
