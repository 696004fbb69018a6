//! `nahbar export`, `nahbar import` and `nahbar password`: a business's archive out of one
//! instance and into another (also from SQLite to PostgreSQL, or from the data folder to
//! S3), and a password for a member, which an archive does not carry.

use super::config::StorageArgs;
use crate::http::session::hash_password;
use crate::media::MediaStore;
use anyhow::Context;
use app::domain::account::MIN_PASSWORD_CHARS;
use clap::Args;
use std::path::PathBuf;
use std::time::Instant;

/// Where photos are: the data folder, or a bucket (as `nahbar serve --media-url`).
#[derive(Debug, Clone, Args)]
pub struct MediaArgs {
    /// Photos in S3-compatible object storage, `s3://bucket/prefix` (endpoint and keys from
    /// `AWS_*` as for `nahbar serve`); without it, the data folder's `media/`.
    #[arg(long, env = "NAHBAR_MEDIA_URL")]
    pub media_url: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub storage: StorageArgs,
    #[command(flatten)]
    pub media: MediaArgs,
    /// The business's number (without it, the businesses are listed).
    #[arg(long)]
    pub business: Option<i64>,
    /// The archive to write (a new file), e.g. baeckerei.zip.
    #[arg(long)]
    pub to: Option<PathBuf>,
    /// Also write the password hashes and the fediverse keys (to move one's own instance:
    /// members keep their passwords, followers keep following). Keep such an archive safe.
    #[arg(long)]
    pub with_secrets: bool,
    /// The address customers use, for the links inside calendars and GeoJSON files.
    #[arg(long, env = "NAHBAR_PUBLIC_URL", default_value = "http://127.0.0.1:3000")]
    pub public_url: String,
}

#[derive(Debug, Clone, Args)]
pub struct ImportArgs {
    #[command(flatten)]
    pub storage: StorageArgs,
    #[command(flatten)]
    pub media: MediaArgs,
    /// The archive made by `nahbar export` or downloaded from the team screen.
    pub archive: PathBuf,
}

#[derive(Debug, Clone, Args)]
pub struct PasswordArgs {
    #[command(flatten)]
    pub storage: StorageArgs,
    /// The member's e-mail address.
    #[arg(long)]
    pub email: String,
    /// Read the password from the first line of standard input instead of prompting.
    #[arg(long)]
    pub password_stdin: bool,
}

pub async fn export(args: ExportArgs) -> anyhow::Result<()> {
    let store = crate::open_store(&args.storage).await?;
    let (Some(business), Some(to)) = (args.business, args.to.as_ref()) else {
        let names = store.business_names().await?;
        let mut text =
            String::from("Which business? nahbar export --business <number> --to <file.zip>\n");
        for (id, name) in names {
            text.push_str(&format!("  {id}  {name}\n"));
        }
        anyhow::bail!("{}", text.trim_end());
    };
    let media = MediaStore::open(&args.storage.data_dir, args.media.media_url.as_deref())?;
    let started = Instant::now();
    let public_url = args.public_url.trim_end_matches('/');
    let made = crate::archive::export(
        store.as_ref(),
        &media,
        public_url,
        business,
        args.with_secrets,
        chrono::Utc::now(),
        to,
    )
    .await?;
    println!(
        "Exported business {business} to {}: {} rows, {} photo files, {:.1} MB, in {:.1} s.",
        to.display(),
        made.rows,
        made.photos,
        made.bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    if args.with_secrets {
        println!("The archive holds password hashes and private keys: keep it safe.");
    }
    if !made.missing.is_empty() {
        eprintln!(
            "Warning: {} photo files named in the database were not in the media storage: {}",
            made.missing.len(),
            made.missing.join(", ")
        );
    }
    Ok(())
}

pub async fn import(args: ImportArgs) -> anyhow::Result<()> {
    let store = crate::open_store(&args.storage).await?;
    let media = MediaStore::open(&args.storage.data_dir, args.media.media_url.as_deref())?;
    let started = Instant::now();
    let done = crate::archive::import(store.as_ref(), &media, &args.archive).await?;
    println!(
        "Imported {:?}: {} rows, {} photo files, in {:.1} s.",
        done.business,
        done.rows,
        done.photos,
        started.elapsed().as_secs_f64()
    );
    if done.with_secrets {
        println!("Members sign in with their passwords as before.");
    } else {
        println!("The archive holds no passwords. Give each member one:");
        for (email, role) in &done.members {
            println!("  nahbar password --email {email}    ({role})");
        }
    }
    Ok(())
}

pub async fn password(args: PasswordArgs) -> anyhow::Result<()> {
    let store = crate::open_store(&args.storage).await?;
    let email = args.email.trim().to_lowercase();
    let user = store
        .user_by_email(&email)
        .await?
        .with_context(|| format!("there is no account {email}"))?;
    let password = super::read_password(args.password_stdin)?;
    if password.chars().count() < MIN_PASSWORD_CHARS {
        anyhow::bail!("the password needs at least {MIN_PASSWORD_CHARS} characters");
    }
    let hash = hash_password(password).await.context("hashing the password")?;
    // Every session of the account ends: whoever knew the old password is signed out.
    store.set_password(user.id, &hash, "", chrono::Utc::now()).await?;
    println!("Password of {email} set; every earlier sign-in has ended.");
    Ok(())
}
