//! `nahbar archive-bench` (hidden; run by `make bench`): how long a business's archive takes
//! out and in. It builds a business with `--locations` locations and `--posts` published
//! posts, each with its own photo (through the real photo pipeline), in a new SQLite data
//! folder; then times `export`, `import` into a new SQLite folder, and, with
//! `--postgres-url`, `import` into a new PostgreSQL database and `export` from there
//! (checking that both exports carry the same tables).

use crate::archive;
use crate::media::{self, MediaStore};
use anyhow::Context;
use app::domain::location::Role;
use app::domain::post::{NewPost, PostPhoto, PostState};
use app::domain::slug::Slug;
use app::store::{NewLocation, Store};
use chrono::{Duration, Utc};
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

#[derive(Debug, clap::Args)]
pub struct ArchiveBenchArgs {
    #[arg(long, default_value_t = 10)]
    pub locations: usize,
    #[arg(long, default_value_t = 1000)]
    pub posts: usize,
    /// A PostgreSQL server (its `postgres` database) for the PostgreSQL leg.
    #[arg(long)]
    pub postgres_url: Option<String>,
}

/// A small photo-like picture, different for every `n` (so every post has its own hash).
fn picture(n: usize) -> Vec<u8> {
    let (width, height) = (960u32, 720u32);
    let hue = (n * 37 % 255) as f32;
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        let (fx, fy) = (x as f32 / width as f32, y as f32 / height as f32);
        let texture = ((fx * 90.0 + n as f32).sin() * (fy * 70.0).cos() * 25.0) as i32;
        let channel = |base: f32| (base + texture as f32).clamp(0.0, 255.0) as u8;
        image::Rgb([channel(hue * fx + 40.0), channel(180.0 * fy + 30.0), channel(255.0 - hue)])
    });
    let mut out = Vec::new();
    let _ = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 88).encode(
        image.as_raw(),
        width,
        height,
        image::ExtendedColorType::Rgb8,
    );
    out
}

async fn build(
    store: &dyn Store,
    media: &MediaStore,
    args: &ArchiveBenchArgs,
) -> anyhow::Result<()> {
    let now = Utc::now();
    super::demo::seed(store, media, now).await?;
    let business = 1;
    let author = store.create_user("bench@sonnenschein.example", "Bench", "!bench", now).await?;
    store.add_member(business, author, Role::Staff, now).await?;
    let template = store.location(business, 1).await?;
    let mut locations: Vec<i64> =
        store.locations_of(business).await?.iter().map(|l| l.id).collect();
    for n in locations.len()..args.locations {
        let mut details = template.details.clone();
        details.name = format!("Bäckerei Sonnenschein Filiale {n}");
        details.branch_code = format!("FIL-{n}");
        let slug = Slug::parse(&format!("sonnenschein-filiale-{n}"))?;
        let new =
            NewLocation { business_id: business, slug, details, hours: template.hours.clone() };
        locations.push(store.create_location(&new, now).await?);
    }
    for n in 0..args.posts {
        let processed = tokio::task::spawn_blocking(move || media::process(&picture(n))).await??;
        let processed = Arc::new(processed);
        media.put(processed.clone()).await?;
        let photo = PostPhoto {
            hash: processed.hash.clone(),
            width: processed.width,
            height: processed.height,
            widths: processed.renditions.iter().map(|r| r.width).collect(),
            alt: format!("Foto {n}"),
        };
        store.add_media(&photo, now).await?;
        let text =
            format!("Neu in der Auslage, Nummer {n}\nFrisch gebacken, solange der Vorrat reicht.");
        let post = NewPost {
            photos: vec![photo],
            ..NewPost::update(locations[n % locations.len()], text)
        };
        let at = now - Duration::minutes((args.posts - n) as i64);
        store.create_post(business, author, &post, PostState::Published, at).await?;
    }
    Ok(())
}

fn tables(path: &Path) -> anyhow::Result<serde_json::Value> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path)?)?;
    let mut text = String::new();
    zip.by_name("business.json")?.read_to_string(&mut text)?;
    let document: serde_json::Value = serde_json::from_str(&text)?;
    Ok(document["tables"].clone())
}

pub async fn run(args: ArchiveBenchArgs) -> anyhow::Result<()> {
    let work = std::env::temp_dir().join(format!("nahbar-archive-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    let (source, target) = (work.join("source"), work.join("target"));
    std::fs::create_dir_all(&source)?;
    std::fs::create_dir_all(&target)?;
    let store =
        crate::store::connect(&format!("sqlite:{}", source.join("nahbar.db").display())).await?;
    let media = MediaStore::folder(&source);
    let started = Instant::now();
    build(store.as_ref(), &media, &args).await?;
    println!(
        "archive-bench: a business with {} locations and {} posts with a photo each, built in {:.1} s",
        args.locations,
        args.posts,
        started.elapsed().as_secs_f64()
    );
    println!("| step | time | archive |");
    println!("|---|---|---|");
    let url = "http://127.0.0.1:3000";
    let zip = work.join("business.zip");
    let t = Instant::now();
    let made = archive::export(store.as_ref(), &media, url, 1, false, Utc::now(), &zip).await?;
    println!(
        "| export from SQLite | {:.2} s | {:.1} MB, {} rows, {} photo files |",
        t.elapsed().as_secs_f64(),
        made.bytes as f64 / 1e6,
        made.rows,
        made.photos
    );
    let sqlite =
        crate::store::connect(&format!("sqlite:{}", target.join("nahbar.db").display())).await?;
    let t = Instant::now();
    let done = archive::import(sqlite.as_ref(), &MediaStore::folder(&target), &zip).await?;
    println!(
        "| import into SQLite | {:.2} s | {} rows, {} photo files |",
        t.elapsed().as_secs_f64(),
        done.rows,
        done.photos
    );
    if let Some(server) = &args.postgres_url {
        use sqlx::Connection;
        let name = format!("nahbar_archive_bench_{}", std::process::id());
        let mut admin = sqlx::PgConnection::connect(server).await.context("PostgreSQL")?;
        sqlx::query(&format!("DROP DATABASE IF EXISTS {name}")).execute(&mut admin).await?;
        sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut admin).await?;
        let base = server.rsplit_once('/').map_or(server.as_str(), |(b, _)| b);
        let pg = crate::store::connect(&format!("{base}/{name}")).await?;
        let pg_media = MediaStore::folder(&work.join("pg"));
        let t = Instant::now();
        let done = archive::import(pg.as_ref(), &pg_media, &zip).await?;
        println!(
            "| import into PostgreSQL | {:.2} s | {} rows, {} photo files |",
            t.elapsed().as_secs_f64(),
            done.rows,
            done.photos
        );
        let again = work.join("again.zip");
        let t = Instant::now();
        let made =
            archive::export(pg.as_ref(), &pg_media, url, 1, false, Utc::now(), &again).await?;
        println!(
            "| export from PostgreSQL | {:.2} s | {:.1} MB |",
            t.elapsed().as_secs_f64(),
            made.bytes as f64 / 1e6
        );
        let same = tables(&zip)? == tables(&again)?;
        println!("archive-bench: SQLite → PostgreSQL → export gives the same tables: {same}");
        drop(pg);
        sqlx::query(&format!("DROP DATABASE {name} WITH (FORCE)")).execute(&mut admin).await?;
        if !same {
            anyhow::bail!("the tables differ after the move");
        }
    }
    let _ = std::fs::remove_dir_all(&work);
    Ok(())
}
