//! A business's archive (`ArchiveStore`), stamped into each backend's `Store` impl by
//! `archive_store!`. The tables and their columns come from `app::domain::archive`; this
//! only reads and binds cells by their type. `$overriding` is what PostgreSQL needs to
//! write an identity column's own numbers (`OVERRIDING SYSTEM VALUE`), `$sequences` whether
//! its sequences must be moved past them afterwards.

macro_rules! archive_store {
    ($store:ident, $db:ty, $overriding:literal, $sequences:literal) => {
        #[async_trait]
        impl app::store::ArchiveStore for $store {
            async fn business_names(&self) -> StoreResult<Vec<(BusinessId, String)>> {
                sqlx::query_as("SELECT id, name FROM businesses ORDER BY id")
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_error)
            }

            async fn archive_rows(
                &self,
                business: BusinessId,
                table: &'static app::domain::archive::Table,
                with_secrets: bool,
            ) -> StoreResult<Vec<Vec<app::domain::archive::Cell>>> {
                use app::domain::archive::{Cell, Kind};
                let rows = sqlx::query(&table.select(with_secrets))
                    .bind(business)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_error)?;
                let mut out = Vec::with_capacity(rows.len());
                for row in rows {
                    let mut cells = Vec::new();
                    for (i, column) in table.columns(with_secrets).enumerate() {
                        let cell = match column.kind {
                            Kind::Int => Cell::Int(row.try_get(i).map_err(db_error)?),
                            Kind::Float => Cell::Float(row.try_get(i).map_err(db_error)?),
                            Kind::Text => Cell::Text(row.try_get(i).map_err(db_error)?),
                            Kind::Bool => Cell::Bool(row.try_get(i).map_err(db_error)?),
                            Kind::Time => Cell::Time(row.try_get(i).map_err(db_error)?),
                            Kind::Date => Cell::Date(row.try_get(i).map_err(db_error)?),
                        };
                        cells.push(cell);
                    }
                    out.push(cells);
                }
                Ok(out)
            }

            async fn holds_nothing(&self) -> StoreResult<bool> {
                let (businesses, users): (i64, i64) = sqlx::query_as(
                    "SELECT (SELECT COUNT(*) FROM businesses), (SELECT COUNT(*) FROM users)",
                )
                .fetch_one(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(businesses == 0 && users == 0)
            }

            async fn restore_archive(
                &self,
                tables: &[(
                    &'static app::domain::archive::Table,
                    Vec<Vec<app::domain::archive::Cell>>,
                )],
            ) -> StoreResult<()> {
                use app::domain::archive::Cell;
                let mut tx = self.begin().await?;
                let (businesses, users): (i64, i64) = sqlx::query_as(
                    "SELECT (SELECT COUNT(*) FROM businesses), (SELECT COUNT(*) FROM users)",
                )
                .fetch_one(&mut *tx)
                .await
                .map_err(db_error)?;
                if businesses + users > 0 {
                    return Err(StoreError::Conflict("the instance is not empty".into()));
                }
                for (table, rows) in tables {
                    let names: Vec<&str> = table.columns.iter().map(|c| c.name).collect();
                    let places: Vec<String> = (1..=names.len()).map(|i| format!("${i}")).collect();
                    let overriding = if table.numbered() { $overriding } else { "" };
                    let sql = format!(
                        "INSERT INTO {} ({}) {overriding} VALUES ({})",
                        table.name,
                        names.join(", "),
                        places.join(", ")
                    );
                    for cells in rows {
                        let mut query = sqlx::query(&sql);
                        for cell in cells {
                            query = match cell {
                                Cell::Int(v) => query.bind(*v),
                                Cell::Float(v) => query.bind(*v),
                                Cell::Text(v) => query.bind(v.clone()),
                                Cell::Bool(v) => query.bind(*v),
                                Cell::Time(v) => query.bind(*v),
                                Cell::Date(v) => query.bind(*v),
                            };
                        }
                        query.execute(&mut *tx).await.map_err(|error| {
                            StoreError::Conflict(format!("{}: {error}", table.name))
                        })?;
                    }
                    if $sequences && table.numbered() && !rows.is_empty() {
                        sqlx::query(&format!(
                            "SELECT setval(pg_get_serial_sequence('{0}', 'id'), \
                             (SELECT MAX(id) FROM {0}))",
                            table.name
                        ))
                        .execute(&mut *tx)
                        .await
                        .map_err(db_error)?;
                    }
                }
                Self::bump_revision(&mut tx).await?;
                tx.commit().await.map_err(db_error)?;
                Ok(())
            }
        }
    };
}
