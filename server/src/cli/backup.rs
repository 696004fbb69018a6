//! `nahbar backup`: the whole instance copied while it runs, as a data folder that
//! `nahbar serve --data-dir <copy>` serves as it is. The SQLite database is copied with
//! `VACUUM INTO`, which reads one consistent snapshot while writers go on; then the photos
//! (content-addressed and never changed, so every photo the snapshot names is there, and a
//! photo newer than the snapshot does no harm).

use super::config::StorageArgs;
use anyhow::Context;
use clap::Args;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Debug, Clone, Args)]
pub struct BackupArgs {
    #[command(flatten)]
    pub storage: StorageArgs,
    /// The new folder for the copy (it must not exist yet, or be empty).
    #[arg(long)]
    pub to: PathBuf,
}

pub async fn run(args: BackupArgs) -> anyhow::Result<()> {
    let url = args.storage.database_url();
    if !url.starts_with("sqlite:") {
        anyhow::bail!(
            "nahbar backup copies a SQLite data folder. For PostgreSQL, back up the database \
             with pg_dump (it reads one consistent snapshot too), then the media folder with any \
             file copy."
        );
    }
    if args.to.exists() && args.to.read_dir().map(|mut d| d.next().is_some()).unwrap_or(true) {
        anyhow::bail!("{} exists and is not empty: choose a new folder", args.to.display());
    }
    std::fs::create_dir_all(&args.to).with_context(|| format!("creating {}", args.to.display()))?;
    let started = Instant::now();
    let target = args.to.join("nahbar.db");
    crate::store::snapshot_sqlite(&url, &target).await?;
    let (files, bytes) = copy_media(&args.storage.data_dir.join("media"), &args.to.join("media"))?;
    let database = std::fs::metadata(&target).map(|m| m.len()).unwrap_or(0);
    println!(
        "Backed up to {}: database {:.1} MB, {files} photo files ({:.1} MB), in {:.1} s.\n\
         Restore: nahbar serve --data-dir {}",
        args.to.display(),
        database as f64 / 1e6,
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64(),
        args.to.display(),
    );
    Ok(())
}

/// Copies every complete rendition (`{hash}-{width}.{webp|jpg}`); files being written have
/// other names and are left out.
fn copy_media(from: &Path, to: &Path) -> anyhow::Result<(usize, u64)> {
    std::fs::create_dir_all(to).with_context(|| format!("creating {}", to.display()))?;
    let Ok(entries) = std::fs::read_dir(from) else { return Ok((0, 0)) };
    let (mut files, mut bytes) = (0, 0);
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !crate::media::is_rendition_name(&name) {
            continue;
        }
        bytes += std::fs::copy(entry.path(), to.join(&name))
            .with_context(|| format!("copying {name}"))?;
        files += 1;
    }
    Ok((files, bytes))
}
