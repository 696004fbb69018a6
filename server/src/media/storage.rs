//! Where finished renditions live: the data folder's `media/` (the default), or a bucket of
//! S3-compatible object storage (`--media-url s3://bucket/prefix`), so several nodes share
//! one set of photos without a shared file system.
//!
//! Why `object_store` (Apache Arrow's crate, used by DataFusion, Delta Lake and others): one
//! trait for S3-compatible services (AWS, MinIO, Garage, Ceph, Hetzner, Scaleway…), with
//! signing, retries and create-only writes (`PutMode::Create`, sent as `If-None-Match: *`)
//! built in, instead of hand-rolled SigV4. An S3 `PUT` stores an object whole or not at
//! all, so a killed upload never leaves half a photo under its name; and since names are
//! content hashes, "already exists" means "already there, the same bytes".
//!
//! The folder keeps its own writer (temporary file, then rename: `super::store`) and is
//! served by `tower_http::ServeDir` straight from disk; a bucket is served through Nahbar
//! (`serve_object`), so the bucket itself stays private and customer pages make no
//! third-party requests.

use super::{Processed, file_name, is_rendition_name};
use axum::Router;
use axum::body::Body;
use axum::extract::{Path as UrlPath, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use object_store::aws::AmazonS3Builder;
use object_store::path::Path as ObjectPath;
use object_store::{ObjectStore, PutMode, PutOptions, PutPayload};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

#[derive(Clone)]
pub enum MediaStore {
    /// `<data-dir>/media`.
    Folder(PathBuf),
    /// A bucket (and a key prefix inside it).
    Bucket { store: Arc<dyn ObjectStore>, prefix: ObjectPath, url: String },
}

impl MediaStore {
    pub fn folder(data_dir: &Path) -> MediaStore {
        MediaStore::Folder(super::media_dir(data_dir))
    }

    /// The folder in `data_dir`, or the bucket of `media_url` (`s3://bucket/prefix`), with
    /// the endpoint, region and keys from the environment (`AWS_ENDPOINT_URL`,
    /// `AWS_REGION`, `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_ALLOW_HTTP=true`
    /// for an endpoint on plain HTTP inside a private network).
    pub fn open(data_dir: &Path, media_url: Option<&str>) -> anyhow::Result<MediaStore> {
        match media_url.map(str::trim).filter(|url| !url.is_empty()) {
            None => Ok(MediaStore::folder(data_dir)),
            Some(url) => MediaStore::bucket(url, AmazonS3Builder::from_env()),
        }
    }

    /// The bucket of `url` (`s3://bucket/prefix`), reached with `builder`'s endpoint and
    /// keys.
    pub fn bucket(url: &str, builder: AmazonS3Builder) -> anyhow::Result<MediaStore> {
        let Some(rest) = url.strip_prefix("s3://") else {
            anyhow::bail!(
                "--media-url {url}: only s3://bucket/prefix is understood (or leave it out to \
                 keep photos in the data folder)"
            );
        };
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        if bucket.is_empty() {
            anyhow::bail!("--media-url {url}: the bucket name is missing (s3://bucket/prefix)");
        }
        let store = builder
            .with_bucket_name(bucket)
            .build()
            .map_err(|error| anyhow::anyhow!("--media-url {url}: {error}"))?;
        Ok(MediaStore::Bucket {
            store: Arc::new(store),
            prefix: ObjectPath::from(prefix.trim_matches('/')),
            url: url.to_string(),
        })
    }

    /// Where photos go, for the start-up log.
    pub fn describe(&self) -> String {
        match self {
            MediaStore::Folder(dir) => dir.display().to_string(),
            MediaStore::Bucket { url, .. } => url.clone(),
        }
    }

    fn key(prefix: &ObjectPath, name: &str) -> ObjectPath {
        if prefix.as_ref().is_empty() { ObjectPath::from(name) } else { prefix.child(name) }
    }

    /// Writes every rendition of `processed` that is not there yet. Call it off the async
    /// runtime for the folder (plain file writes); the bucket's writes are async.
    pub async fn put(&self, processed: Arc<Processed>) -> anyhow::Result<()> {
        match self {
            MediaStore::Folder(dir) => {
                let dir = dir.clone();
                tokio::task::spawn_blocking(move || super::store(&dir, &processed)).await??;
                Ok(())
            }
            MediaStore::Bucket { store, prefix, .. } => {
                for r in &processed.renditions {
                    for (extension, bytes) in rendition_files(r) {
                        let key =
                            Self::key(prefix, &file_name(&processed.hash, r.width, extension));
                        let options = PutOptions { mode: PutMode::Create, ..Default::default() };
                        match store.put_opts(&key, PutPayload::from(bytes.to_vec()), options).await
                        {
                            Ok(_) | Err(object_store::Error::AlreadyExists { .. }) => {}
                            Err(error) => return Err(anyhow::anyhow!("storing {key}: {error}")),
                        }
                    }
                }
                Ok(())
            }
        }
    }

    /// Writes one rendition file under its name (an archive's photo), unless it is there
    /// already: in the folder through a temporary file and a rename, in a bucket with a
    /// create-only `PUT`. Either way the file is whole or absent.
    pub async fn put_file(&self, name: &str, bytes: Vec<u8>) -> anyhow::Result<()> {
        if !is_rendition_name(name) {
            anyhow::bail!("{name} is not the name of a photo rendition");
        }
        match self {
            MediaStore::Folder(dir) => {
                let (dir, name) = (dir.clone(), name.to_string());
                tokio::task::spawn_blocking(move || super::store_file(&dir, &name, &bytes))
                    .await??;
                Ok(())
            }
            MediaStore::Bucket { store, prefix, .. } => {
                let options = PutOptions { mode: PutMode::Create, ..Default::default() };
                match store
                    .put_opts(&Self::key(prefix, name), PutPayload::from(bytes), options)
                    .await
                {
                    Ok(_) | Err(object_store::Error::AlreadyExists { .. }) => Ok(()),
                    Err(error) => Err(anyhow::anyhow!("storing {name}: {error}")),
                }
            }
        }
    }

    /// `/media/…`: the folder as static files, or the bucket through Nahbar; both immutable
    /// (a name is a content hash, so it never means other bytes).
    pub fn service(&self) -> Router {
        match self {
            MediaStore::Folder(dir) => Router::new().fallback_service(
                tower::ServiceBuilder::new()
                    .layer(SetResponseHeaderLayer::overriding(
                        header::CACHE_CONTROL,
                        HeaderValue::from_static(IMMUTABLE),
                    ))
                    .service(ServeDir::new(dir)),
            ),
            MediaStore::Bucket { .. } => {
                Router::new().route("/{name}", get(serve_object)).with_state(self.clone())
            }
        }
    }

    /// The bytes of one rendition, `None` when there is no such object.
    pub async fn get(&self, name: &str) -> anyhow::Result<Option<Vec<u8>>> {
        match self {
            MediaStore::Folder(dir) => match tokio::fs::read(dir.join(name)).await {
                Ok(bytes) => Ok(Some(bytes)),
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(error) => Err(error.into()),
            },
            MediaStore::Bucket { store, prefix, .. } => {
                match store.get(&Self::key(prefix, name)).await {
                    Ok(result) => Ok(Some(result.bytes().await?.to_vec())),
                    Err(object_store::Error::NotFound { .. }) => Ok(None),
                    Err(error) => Err(error.into()),
                }
            }
        }
    }
}

fn rendition_files(r: &super::Rendition) -> [(&'static str, &[u8]); 2] {
    [("webp", &r.webp[..]), ("jpg", &r.jpeg[..])]
}

/// `GET /media/{name}` from the bucket. Only rendition names are looked up (nothing else
/// of the bucket is reachable); a storage failure is a 502, not a missing photo.
async fn serve_object(State(media): State<MediaStore>, UrlPath(name): UrlPath<String>) -> Response {
    if !is_rendition_name(&name) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let content_type = if name.ends_with(".webp") { "image/webp" } else { "image/jpeg" };
    match media.get(&name).await {
        Ok(Some(bytes)) => (
            [
                (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
                (header::CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE)),
            ],
            Body::from(bytes),
        )
            .into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(%error, name, "reading a photo from object storage failed");
            StatusCode::BAD_GATEWAY.into_response()
        }
    }
}
