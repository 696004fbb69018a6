//! `PostStore` for both backends (see `mod.rs`): posts with their photos, the publishing
//! settings, and the scheduler's "publish what is due".

use app::domain::location::GeoPoint;
use app::domain::post::{Geotag, Post, PostKind, PostPhoto, PostState};
use chrono::{DateTime, NaiveDate, Utc};

pub const POST_COLUMNS: &str = "p.id, p.business_id, p.location_id, l.slug, l.name AS location_name, l.timezone, \
    p.author_id, u.display_name, p.kind, p.body, p.valid_until, p.starts_at, p.ends_at, p.state, \
    p.publish_at, p.published_at, p.reject_reason, p.lat, p.lon, p.accuracy_m, p.place, \
    p.confirmed, p.created_at, p.updated_at \
    FROM posts p JOIN locations l ON l.id = p.location_id JOIN users u ON u.id = p.author_id";

#[derive(sqlx::FromRow)]
pub struct PostRow {
    id: i64,
    business_id: i64,
    location_id: i64,
    slug: String,
    location_name: String,
    timezone: String,
    author_id: i64,
    display_name: String,
    kind: String,
    body: String,
    valid_until: Option<NaiveDate>,
    starts_at: Option<DateTime<Utc>>,
    ends_at: Option<DateTime<Utc>>,
    state: String,
    publish_at: Option<DateTime<Utc>>,
    published_at: Option<DateTime<Utc>>,
    reject_reason: String,
    lat: Option<f64>,
    lon: Option<f64>,
    accuracy_m: Option<f64>,
    place: String,
    confirmed: String,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
pub struct PhotoRow {
    pub hash: String,
    pub width: i64,
    pub height: i64,
    pub widths: String,
    pub alt: String,
}

impl PhotoRow {
    pub fn into_photo(self) -> PostPhoto {
        PostPhoto {
            hash: self.hash,
            width: self.width as u32,
            height: self.height as u32,
            widths: self.widths.split(',').filter_map(|w| w.parse().ok()).collect(),
            alt: self.alt,
        }
    }
}

impl PostRow {
    pub fn id(&self) -> i64 {
        self.id
    }

    pub fn into_post(self, photos: Vec<PostPhoto>) -> Post {
        let geotag = match (self.lat, self.lon) {
            (Some(lat), Some(lon)) => GeoPoint::new(lat, lon).map(|point| Geotag {
                point,
                accuracy_m: self.accuracy_m.unwrap_or_default(),
                place: self.place.clone(),
            }),
            _ => None,
        };
        Post {
            id: self.id,
            business_id: self.business_id,
            location_id: self.location_id,
            location_slug: self.slug,
            location_name: self.location_name,
            location_timezone: self.timezone,
            author_id: self.author_id,
            author_name: self.display_name,
            kind: PostKind::parse(&self.kind).unwrap_or(PostKind::Update),
            text: self.body,
            valid_until: self.valid_until,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            state: PostState::parse(&self.state).unwrap_or(PostState::Draft),
            publish_at: self.publish_at,
            published_at: self.published_at,
            reject_reason: self.reject_reason,
            geotag,
            photos,
            confirmed: serde_json::from_str(&self.confirmed).unwrap_or_default(),
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}

/// `PostStore` for one backend; the store struct and its helpers come from `sql_store!`.
macro_rules! post_store {
    ($store:ident) => {
        impl $store {
            async fn load_posts(&self, rows: Vec<posts::PostRow>) -> StoreResult<Vec<Post>> {
                let mut out = Vec::with_capacity(rows.len());
                for row in rows {
                    let photos = sqlx::query_as::<_, posts::PhotoRow>(
                        "SELECT hash, width, height, widths, alt FROM post_photos \
                         WHERE post_id = $1 ORDER BY position",
                    )
                    .bind(row.id())
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_error)?;
                    out.push(row.into_post(photos.into_iter().map(posts::PhotoRow::into_photo).collect()));
                }
                Ok(out)
            }
        }

        #[async_trait]
        impl PostStore for $store {
            #[tracing::instrument(skip_all, fields(business, author), err)]
            async fn create_post(
                &self,
                business: BusinessId,
                author: UserId,
                post: &NewPost,
                state: PostState,
                now: DateTime<Utc>,
            ) -> StoreResult<(i64, bool)> {
                let mut tx = self.begin().await?;
                Self::check_owned(&mut tx, business, post.location_id).await?;
                if let Some(key) = &post.idempotency_key {
                    let existing: Option<i64> = sqlx::query_scalar(
                        "SELECT id FROM posts WHERE author_id = $1 AND idempotency_key = $2 \
                         AND business_id = $3",
                    )
                    .bind(author)
                    .bind(key)
                    .bind(business)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(db_error)?;
                    if let Some(id) = existing {
                        return Ok((id, false));
                    }
                }
                let published_at = (state == PostState::Published).then_some(now);
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO posts (business_id, location_id, author_id, kind, body, valid_until, \
                     starts_at, ends_at, state, publish_at, published_at, lat, lon, accuracy_m, place, \
                     confirmed, idempotency_key, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, \
                     $17, $18, $18) RETURNING id",
                )
                .bind(business)
                .bind(post.location_id)
                .bind(author)
                .bind(post.kind.as_str())
                .bind(&post.text)
                .bind(post.valid_until)
                .bind(post.starts_at)
                .bind(post.ends_at)
                .bind(state.as_str())
                .bind(post.publish_at)
                .bind(published_at)
                .bind(post.geotag.as_ref().map(|g| g.point.lat))
                .bind(post.geotag.as_ref().map(|g| g.point.lon))
                .bind(post.geotag.as_ref().map(|g| g.accuracy_m))
                .bind(post.geotag.as_ref().map(|g| g.place.clone()).unwrap_or_default())
                .bind(serde_json::to_string(&post.confirmed).unwrap_or_else(|_| "[]".into()))
                .bind(&post.idempotency_key)
                .bind(now)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_error)?;
                for (position, photo) in post.photos.iter().enumerate() {
                    sqlx::query(
                        "INSERT INTO post_photos (post_id, position, hash, width, height, widths, alt) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    )
                    .bind(id)
                    .bind(position as i64)
                    .bind(&photo.hash)
                    .bind(i64::from(photo.width))
                    .bind(i64::from(photo.height))
                    .bind(photo.widths.iter().map(u32::to_string).collect::<Vec<_>>().join(","))
                    .bind(&photo.alt)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                }
                if state == PostState::Published {
                    Self::bump_revision(&mut tx).await?;
                }
                tx.commit().await.map_err(db_error)?;
                Ok((id, true))
            }

            async fn post(&self, business: BusinessId, id: i64) -> StoreResult<Post> {
                let rows = sqlx::query_as::<_, posts::PostRow>(&format!(
                    "SELECT {} WHERE p.id = $1 AND p.business_id = $2",
                    posts::POST_COLUMNS
                ))
                .bind(id)
                .bind(business)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                self.load_posts(rows).await?.pop().ok_or(StoreError::NotFound)
            }

            async fn public_post(&self, slug: &str, id: i64) -> StoreResult<Option<Post>> {
                let rows = sqlx::query_as::<_, posts::PostRow>(&format!(
                    "SELECT {} WHERE p.id = $1 AND l.slug = $2 AND p.state = 'published'",
                    posts::POST_COLUMNS
                ))
                .bind(id)
                .bind(slug)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(self.load_posts(rows).await?.pop())
            }

            async fn published_posts(&self, location: LocationId, limit: i64) -> StoreResult<Vec<Post>> {
                let rows = sqlx::query_as::<_, posts::PostRow>(&format!(
                    "SELECT {} WHERE p.location_id = $1 AND p.state = 'published' \
                     ORDER BY p.published_at DESC, p.id DESC LIMIT $2",
                    posts::POST_COLUMNS
                ))
                .bind(location)
                .bind(limit)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                self.load_posts(rows).await
            }

            async fn posts_of(
                &self,
                business: BusinessId,
                author: Option<UserId>,
                limit: i64,
            ) -> StoreResult<Vec<Post>> {
                let rows = sqlx::query_as::<_, posts::PostRow>(&format!(
                    "SELECT {} WHERE p.business_id = $1 AND (p.author_id = $2 OR $2 IS NULL) \
                     ORDER BY p.updated_at DESC, p.id DESC LIMIT $3",
                    posts::POST_COLUMNS
                ))
                .bind(business)
                .bind(author)
                .bind(limit)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                self.load_posts(rows).await
            }

            #[tracing::instrument(skip_all, fields(business, id), err)]
            async fn set_post_state(
                &self,
                business: BusinessId,
                id: i64,
                from: PostState,
                to: PostState,
                reason: &str,
                now: DateTime<Utc>,
            ) -> StoreResult<()> {
                let published_at = (to == PostState::Published).then_some(now);
                let mut tx = self.begin().await?;
                let updated = sqlx::query(
                    "UPDATE posts SET state = $1, reject_reason = $2, updated_at = $3, \
                     published_at = COALESCE($4, published_at) \
                     WHERE id = $5 AND business_id = $6 AND state = $7",
                )
                .bind(to.as_str())
                .bind(reason)
                .bind(now)
                .bind(published_at)
                .bind(id)
                .bind(business)
                .bind(from.as_str())
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                if updated.rows_affected() == 0 {
                    return Err(StoreError::Conflict("the post changed meanwhile".into()));
                }
                // Published posts are public data: the local page, its feeds and calendar.
                if from == PostState::Published || to == PostState::Published {
                    Self::bump_revision(&mut tx).await?;
                }
                tx.commit().await.map_err(db_error)
            }

            async fn publish_due(&self, now: DateTime<Utc>) -> StoreResult<u64> {
                let mut tx = self.begin().await?;
                let updated = sqlx::query(
                    "UPDATE posts SET state = 'published', published_at = publish_at, updated_at = $1 \
                     WHERE state = 'scheduled' AND publish_at <= $1",
                )
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                if updated.rows_affected() > 0 {
                    Self::bump_revision(&mut tx).await?;
                }
                tx.commit().await.map_err(db_error)?;
                Ok(updated.rows_affected())
            }

            async fn add_media(&self, photo: &PostPhoto, now: DateTime<Utc>) -> StoreResult<()> {
                sqlx::query(
                    "INSERT INTO media (hash, width, height, widths, created_at) \
                     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (hash) DO NOTHING",
                )
                .bind(&photo.hash)
                .bind(i64::from(photo.width))
                .bind(i64::from(photo.height))
                .bind(photo.widths.iter().map(u32::to_string).collect::<Vec<_>>().join(","))
                .bind(now)
                .execute(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(())
            }

            async fn media(&self, hash: &str) -> StoreResult<Option<PostPhoto>> {
                let row = sqlx::query_as::<_, posts::PhotoRow>(
                    "SELECT hash, width, height, widths, '' AS alt FROM media WHERE hash = $1",
                )
                .bind(hash)
                .fetch_optional(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(row.map(posts::PhotoRow::into_photo))
            }

            async fn post_settings(&self, business: BusinessId) -> StoreResult<PostSettings> {
                let row: Option<(bool, String)> = sqlx::query_as(
                    "SELECT posts_need_approval, post_checklist FROM businesses WHERE id = $1",
                )
                .bind(business)
                .fetch_optional(&self.pool)
                .await
                .map_err(db_error)?;
                let (approval_required, checklist) = row.ok_or(StoreError::NotFound)?;
                Ok(PostSettings {
                    approval_required,
                    checklist: checklist.lines().map(str::to_string).filter(|l| !l.trim().is_empty()).collect(),
                })
            }

            async fn set_post_settings(
                &self,
                business: BusinessId,
                settings: &PostSettings,
                now: DateTime<Utc>,
            ) -> StoreResult<()> {
                sqlx::query(
                    "UPDATE businesses SET posts_need_approval = $1, post_checklist = $2, updated_at = $3 \
                     WHERE id = $4",
                )
                .bind(settings.approval_required)
                .bind(settings.checklist.join("\n"))
                .bind(now)
                .bind(business)
                .execute(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(())
            }
        }
    };
}
