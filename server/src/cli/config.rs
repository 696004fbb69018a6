//! Command line and environment configuration. Every flag has an environment variable, and
//! `nahbar --help` explains them.

use clap::{Args, Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "nahbar",
    version,
    about = "Nahbar: one truth about a small business, published everywhere.",
    long_about = "Nahbar keeps a business's locations, opening hours and points of interest \
                  and publishes them as fast local pages and open formats.\n\n\
                  Start it with `nahbar serve --demo` for a living demo business."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web server (customer pages, owner and staff app, feeds).
    Serve(ServeArgs),
    /// Manage owner accounts.
    #[command(subcommand)]
    Owner(OwnerCommand),
    /// Check and evaluate OpenStreetMap `opening_hours` strings.
    #[command(subcommand)]
    Hours(HoursCommand),
    /// Copy the whole instance (SQLite database and photos) while it runs, into a new data
    /// folder that `nahbar serve --data-dir` serves as it is.
    Backup(super::backup::BackupArgs),
    /// Write everything about one business into a ZIP archive (JSON with a schema, the
    /// photos, CSV, GeoJSON, iCalendar).
    Export(super::archive::ExportArgs),
    /// Load a business's archive into an empty instance (SQLite or PostgreSQL).
    Import(super::archive::ImportArgs),
    /// Set a member's password (after an import, or when it is forgotten).
    Password(super::archive::PasswordArgs),
    /// Benchmark of the nearby index against PostGIS (for `make bench`).
    #[command(hide = true)]
    NearbyBench(super::nearby_bench::BenchArgs),
    /// Benchmark of the photo pipeline (for `make bench`).
    #[command(hide = true)]
    MediaBench(super::media_bench::MediaBenchArgs),
    /// Benchmark of a business's archive out and in (for `make bench`).
    #[command(hide = true)]
    ArchiveBench(super::archive_bench::ArchiveBenchArgs),
    /// Benchmark of deliveries to followers' servers (for `make bench`).
    #[command(hide = true)]
    DeliveryBench(super::delivery_bench::DeliveryBenchArgs),
}

#[derive(Debug, Subcommand)]
pub enum HoursCommand {
    /// Is this `opening_hours` value one Nahbar can import? Prints its canonical form, or
    /// what is wrong and where (exit code 1).
    Check {
        /// The value, e.g. 'Mo-Fr 08:00-18:00; PH off'.
        value: String,
    },
    /// Open or closed at a local date and time, and the next change.
    Eval {
        /// The value, e.g. 'Mo-Fr 08:00-18:00; PH off'.
        value: String,
        /// Local date and time, e.g. 2026-12-24T10:30.
        #[arg(long)]
        at: String,
        /// IANA timezone of the shop.
        #[arg(long, default_value = "Europe/Berlin")]
        tz: String,
        /// ISO 3166-2 region for public and school holidays, e.g. DE-BW (empty: none).
        #[arg(long, default_value = "")]
        region: String,
        /// Latitude and longitude of the shop, for sunrise/sunset.
        #[arg(long, allow_hyphen_values = true)]
        lat: Option<f64>,
        #[arg(long, allow_hyphen_values = true)]
        lon: Option<f64>,
        /// Print JSON instead of a sentence.
        #[arg(long)]
        json: bool,
    },
    /// Evaluates every value of a corpus at every instant and prints JSON (for the
    /// differential test against opening_hours.js and for `make bench`).
    #[command(hide = true)]
    EvalCorpus {
        #[arg(long)]
        corpus: std::path::PathBuf,
        /// A JSON array of local date-times (YYYY-MM-DDTHH:MM).
        #[arg(long)]
        instants: std::path::PathBuf,
        #[arg(long, default_value = "Europe/Berlin")]
        tz: String,
        #[arg(long, default_value = "DE-BW")]
        region: String,
        /// Latitude and longitude of the shop, for sunrise/sunset.
        #[arg(long, allow_hyphen_values = true)]
        lat: Option<f64>,
        #[arg(long, allow_hyphen_values = true)]
        lon: Option<f64>,
        /// Instead of results, time the evaluations for at least this many seconds.
        #[arg(long)]
        bench_seconds: Option<f64>,
    },
}

#[derive(Debug, Subcommand)]
pub enum OwnerCommand {
    /// Create an owner account (an alternative to the one-time setup link).
    Create(OwnerCreateArgs),
}

#[derive(Debug, Clone, Args)]
pub struct StorageArgs {
    /// Folder for the SQLite database and media files; created if missing.
    #[arg(long, env = "NAHBAR_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,
    /// Database URL: `sqlite:<file>` or `postgres://user@host/db`.
    /// Defaults to the SQLite file `nahbar.db` in the data folder.
    #[arg(long, env = "DATABASE_URL")]
    pub database_url: Option<String>,
}

impl StorageArgs {
    pub fn database_url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| format!("sqlite:{}", self.data_dir.join("nahbar.db").display()))
    }
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub storage: StorageArgs,
    /// Address and port to listen on.
    #[arg(long, env = "NAHBAR_BIND", default_value = "127.0.0.1:3000")]
    pub bind: SocketAddr,
    /// The address customers use, e.g. `https://shop.example`; used in links, feeds, the
    /// sitemap and JSON-LD. With `https` cookies are marked Secure. Defaults to
    /// `http://<bind>`.
    #[arg(long, env = "NAHBAR_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Folder with the built site (CSS, WASM, icons); set by cargo-leptos.
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,
    /// Fill an empty database with a demo business (two locations, hours, POIs).
    #[arg(long, env = "NAHBAR_DEMO")]
    pub demo: bool,
    /// Map tiles for the owner's map picker and the customer's map (shown only when the
    /// customer asks for it), with `{z}`, `{x}` and `{y}` placeholders.
    #[arg(long, env = "NAHBAR_TILE_URL", default_value = DEFAULT_TILE_URL)]
    pub tile_url: String,
    /// Reverse proxies (addresses or networks, comma-separated, e.g. `127.0.0.1,10.0.0.0/8`)
    /// whose `Forwarded` / `X-Forwarded-For` / `X-Forwarded-Proto` headers are believed.
    /// Without it, those headers are ignored and the connection's address is the client's.
    #[arg(long, env = "NAHBAR_TRUSTED_PROXIES", default_value = "")]
    pub trusted_proxies: String,
    /// Keep photos in S3-compatible object storage instead of the data folder:
    /// `s3://bucket/prefix`. Endpoint, region and keys come from `AWS_ENDPOINT_URL`,
    /// `AWS_REGION`, `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` (`AWS_ALLOW_HTTP=true`
    /// for an endpoint on plain HTTP).
    #[arg(long, env = "NAHBAR_MEDIA_URL")]
    pub media_url: Option<String>,
    /// Let federation fetch from and deliver to private and loopback addresses (a test
    /// peer on this machine). Off in production: remote ids are chosen by strangers.
    #[arg(long, env = "NAHBAR_FEDERATION_PRIVATE")]
    pub federation_private: bool,
    /// Send e-mail (answers to customers' questions) through this SMTP server:
    /// `smtp://host:25`, `smtp://user:password@host:587?tls=required` (STARTTLS) or
    /// `smtps://user:password@host` (TLS). Without it Nahbar sends no mail.
    #[arg(long, env = "NAHBAR_SMTP_URL")]
    pub smtp_url: Option<String>,
    /// The sender address of Nahbar's mail (the shop's name is shown with it).
    #[arg(long, env = "NAHBAR_MAIL_FROM", default_value = "nahbar@localhost")]
    pub mail_from: String,
    /// Count visits to customer pages, without cookies (`on` or `off`); see the README's
    /// "Insights" for what is counted and what is never stored.
    #[arg(long, env = "NAHBAR_INSIGHTS", default_value = "on", value_parser = ["on", "off"])]
    pub insights: String,
    /// Start Nahbar's clock at this instant (RFC 3339, e.g. 2026-06-17T09:00:00+02:00); it
    /// runs on from there. For tests and demonstrations that must read the same every day.
    #[arg(long, env = "NAHBAR_CLOCK_START", hide = true)]
    pub clock_start: Option<chrono::DateTime<chrono::FixedOffset>>,
}

pub const DEFAULT_TILE_URL: &str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

/// A tile URL must be http(s) and name all three placeholders.
pub fn check_tile_url(url: &str) -> anyhow::Result<()> {
    let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
    let placeholders_ok = ["{z}", "{x}", "{y}"].iter().all(|p| url.contains(p));
    if !scheme_ok || !placeholders_ok {
        anyhow::bail!(
            "--tile-url must be an http(s) URL with {{z}}, {{x}} and {{y}}, e.g. {DEFAULT_TILE_URL} \
             (got {url:?})"
        );
    }
    Ok(())
}

impl ServeArgs {
    pub fn public_url(&self) -> String {
        let url = self.public_url.clone().unwrap_or_else(|| format!("http://{}", self.bind));
        url.trim_end_matches('/').to_string()
    }
}

#[derive(Debug, Clone, Args)]
pub struct OwnerCreateArgs {
    #[command(flatten)]
    pub storage: StorageArgs,
    /// The owner's email address (their login).
    #[arg(long)]
    pub email: String,
    /// The owner's display name.
    #[arg(long)]
    pub name: String,
    /// Name of the business; an existing first business is renamed to it.
    #[arg(long)]
    pub business: String,
    /// Read the password from the first line of standard input instead of prompting.
    #[arg(long)]
    pub password_stdin: bool,
}
