//! A business's archive as one ZIP file: `business.json` (every table of
//! `app::domain::archive::TABLES`, rows as JSON) with its JSON Schema, the photos as files
//! under `media/`, and the open formats the customer pages offer (the locations as a CSV
//! sheet, each location's calendar and points of interest), plus a short `LIESMICH.txt`.
//! Made by `nahbar export` and by the owner's download; `nahbar import` writes one into an
//! empty instance, on either database, with the photos into either kind of media storage.
//!
//! Why ZIP (the `zip` crate): an owner opens it with a double click on Windows and macOS;
//! photos are stored as they are (already compressed), the text files deflated.

mod http;

pub use http::download;

use crate::media::{MediaStore, is_rendition_name};
use anyhow::Context;
use app::domain::archive::{
    self, Cell, DATA_FILE, FORMAT, MEDIA_DIR, SCHEMA_FILE, TABLES, VERSION,
};
use app::domain::location::BusinessId;
use app::i18n::Lang;
use app::store::{Store, StoreError};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use std::io::{Read, Write};
use std::path::Path;
use zip::write::SimpleFileOptions;

/// What an export wrote.
#[derive(Debug, Default)]
pub struct Exported {
    pub rows: usize,
    pub photos: usize,
    /// Renditions the database names but the media storage does not have.
    pub missing: Vec<String>,
    pub bytes: u64,
}

/// What an import wrote.
#[derive(Debug, Default)]
pub struct Imported {
    pub business: String,
    pub rows: usize,
    pub photos: usize,
    /// Members as (email, role); without secrets they have no password yet.
    pub members: Vec<(String, String)>,
    pub with_secrets: bool,
}

/// One file for the ZIP writer.
struct Entry {
    name: String,
    bytes: Vec<u8>,
    /// Photos are stored as they are; text is deflated.
    stored: bool,
}

/// Writes the archive of `business` to `to` (a new file). `public_url` is the base of the
/// links inside the calendars and GeoJSON files.
pub async fn export(
    store: &dyn Store,
    media: &MediaStore,
    public_url: &str,
    business: BusinessId,
    with_secrets: bool,
    now: DateTime<Utc>,
    to: &Path,
) -> anyhow::Result<Exported> {
    let mut tables = serde_json::Map::new();
    let mut exported = Exported::default();
    let mut photos = Vec::new();
    for table in TABLES {
        let rows = store.archive_rows(business, table, with_secrets).await?;
        exported.rows += rows.len();
        if table.name == "businesses" && rows.is_empty() {
            anyhow::bail!("there is no business {business}");
        }
        if table.name == "media" {
            photos = rows.iter().filter_map(rendition_names).flatten().collect();
        }
        let rows: Vec<Value> = rows
            .into_iter()
            .map(|cells| Value::Object(archive::row(table, with_secrets, cells)))
            .collect();
        tables.insert(table.name.to_string(), Value::Array(rows));
    }
    let document = json!({
        "format": FORMAT,
        "version": VERSION,
        "exported_at": archive::instant_text(now),
        "business_id": business,
        "with_secrets": with_secrets,
        "tables": tables,
    });

    let file = std::fs::File::create_new(to)
        .with_context(|| format!("{} exists already or cannot be made", to.display()))?;
    let (sender, receiver) = tokio::sync::mpsc::channel::<Entry>(4);
    let writer = tokio::task::spawn_blocking(move || write_zip(file, receiver));
    let send = |entry: Entry| {
        let sender = sender.clone();
        async move { sender.send(entry).await.ok().context("the archive writer stopped") }
    };
    send(Entry { name: DATA_FILE.into(), bytes: pretty(&document)?, stored: false }).await?;
    let schema = archive::json_schema();
    send(Entry { name: SCHEMA_FILE.into(), bytes: pretty(&schema)?, stored: false }).await?;
    send(Entry { name: "LIESMICH.txt".into(), bytes: README.as_bytes().to_vec(), stored: false })
        .await?;
    for entry in open_formats(store, public_url, business, now).await? {
        send(entry).await?;
    }
    for name in photos {
        match media.get(&name).await? {
            Some(bytes) => {
                exported.photos += 1;
                send(Entry { name: format!("{MEDIA_DIR}{name}"), bytes, stored: true }).await?;
            }
            None => exported.missing.push(name),
        }
    }
    drop(sender);
    exported.bytes = writer.await.context("the archive writer")??;
    Ok(exported)
}

/// The rendition files of one `media` row (`hash`, `width`, `height`, `widths`, …).
fn rendition_names(cells: &Vec<Cell>) -> Option<Vec<String>> {
    let (Cell::Text(Some(hash)), Cell::Text(Some(widths))) = (&cells[0], &cells[3]) else {
        return None;
    };
    Some(
        widths
            .split(',')
            .filter_map(|w| w.trim().parse::<u32>().ok())
            .flat_map(|w| {
                ["webp", "jpg"].map(|extension| crate::media::file_name(hash, w, extension))
            })
            .collect(),
    )
}

fn pretty(value: &Value) -> anyhow::Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(value)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The sheet of locations and, per location, its calendar and points of interest: the
/// same formats the customer pages and the locations screen offer.
async fn open_formats(
    store: &dyn Store,
    public_url: &str,
    business: BusinessId,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<Entry>> {
    let sheet = store.locations_for_export(business).await?;
    let csv = app::domain::gbp_csv::write(&sheet, b',').map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let mut entries = vec![Entry { name: "locations.csv".into(), bytes: csv, stored: false }];
    for summary in store.locations_of(business).await? {
        let location = store.location(business, summary.id).await?;
        let lang = Lang::parse(&location.details.language).unwrap_or_default();
        let folder = format!("locations/{}", location.slug);
        let calendar =
            crate::public::calendar::calendar_text(store, public_url, &location, now, lang).await;
        let pois =
            crate::public::geo_export::location_feature_collection(&location, public_url, lang);
        entries.push(Entry {
            name: format!("{folder}/calendar.ics"),
            bytes: calendar.into_bytes(),
            stored: false,
        });
        entries.push(Entry {
            name: format!("{folder}/pois.geojson"),
            bytes: serde_json::to_vec_pretty(&pois)?,
            stored: false,
        });
    }
    Ok(entries)
}

fn write_zip(
    file: std::fs::File,
    mut entries: tokio::sync::mpsc::Receiver<Entry>,
) -> anyhow::Result<u64> {
    let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(file));
    while let Some(entry) = entries.blocking_recv() {
        let method = if entry.stored {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = SimpleFileOptions::default().compression_method(method).large_file(false);
        zip.start_file(entry.name.as_str(), options)?;
        zip.write_all(&entry.bytes)?;
    }
    let mut out = zip.finish()?;
    out.flush()?;
    let file = out.into_inner().map_err(|e| e.into_error())?;
    Ok(file.metadata()?.len())
}

/// The archive's parts, read and checked before anything is written.
struct Opened {
    document: Value,
    photos: Vec<(String, Vec<u8>)>,
}

fn open(from: &Path) -> anyhow::Result<Opened> {
    let file = std::fs::File::open(from).with_context(|| format!("opening {}", from.display()))?;
    let mut zip = zip::ZipArchive::new(std::io::BufReader::new(file))
        .with_context(|| format!("{} is not a ZIP archive", from.display()))?;
    let document: Value = {
        let mut entry = zip.by_name(DATA_FILE).with_context(|| {
            format!("{} holds no {DATA_FILE}: not an archive made by nahbar export", from.display())
        })?;
        let mut text = String::new();
        entry.read_to_string(&mut text).context("reading business.json")?;
        serde_json::from_str(&text).context("business.json is not valid JSON")?
    };
    if document["format"] != json!(FORMAT) {
        anyhow::bail!("business.json is not a Nahbar business archive (format {FORMAT})");
    }
    if document["version"] != json!(VERSION) {
        anyhow::bail!(
            "this archive has version {}; this Nahbar reads version {VERSION}",
            document["version"]
        );
    }
    let mut photos = Vec::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i)?;
        let full = entry.name().map(|n| n.to_string()).unwrap_or_default();
        let Some(name) = full.strip_prefix(MEDIA_DIR).map(str::to_string) else {
            continue;
        };
        if !is_rendition_name(&name) {
            continue;
        }
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).with_context(|| format!("reading {name}"))?;
        photos.push((name, bytes));
    }
    Ok(Opened { document, photos })
}

/// Writes the archive at `from` into the instance behind `store` and `media`, which must
/// hold no business and no account yet. Everything is checked first; the rows are then
/// written in one transaction (all or nothing), after the photos.
pub async fn import(
    store: &dyn Store,
    media: &MediaStore,
    from: &Path,
) -> anyhow::Result<Imported> {
    let path = from.to_path_buf();
    let opened = tokio::task::spawn_blocking(move || open(&path)).await??;
    let with_secrets = opened.document["with_secrets"].as_bool().unwrap_or(false);
    let mut tables = Vec::new();
    let mut imported = Imported { with_secrets, ..Imported::default() };
    for table in TABLES {
        let rows = opened.document["tables"][table.name]
            .as_array()
            .with_context(|| format!("business.json has no table {}", table.name))?;
        // Without secrets there are no keys; each location gets a new one when first asked.
        if table.name == "actor_keys" && !with_secrets {
            continue;
        }
        let mut checked = Vec::with_capacity(rows.len());
        for (index, row) in rows.iter().enumerate() {
            let object = row
                .as_object()
                .with_context(|| format!("{}, row {}: not an object", table.name, index + 1))?;
            let cells = archive::cells(table, object).map_err(|problem| {
                anyhow::anyhow!("{}, row {}: {problem}", table.name, index + 1)
            })?;
            checked.push(cells);
        }
        imported.rows += checked.len();
        tables.push((table, checked));
    }
    let text = |row: &Value, key: &str| row[key].as_str().unwrap_or_default().to_string();
    let document_tables = &opened.document["tables"];
    imported.business = document_tables["businesses"][0]["name"].as_str().unwrap_or("").to_string();
    let users = document_tables["users"].as_array().cloned().unwrap_or_default();
    for membership in document_tables["memberships"].as_array().into_iter().flatten() {
        if let Some(user) = users.iter().find(|u| u["id"] == membership["user_id"]) {
            imported.members.push((text(user, "email"), text(membership, "role")));
        }
    }
    if !store.holds_nothing().await? {
        anyhow::bail!(
            "this instance already holds businesses or accounts; import into a new data folder \
             or an empty database"
        );
    }
    for (name, bytes) in opened.photos {
        media.put_file(&name, bytes).await.with_context(|| format!("storing {name}"))?;
        imported.photos += 1;
    }
    match store.restore_archive(&tables).await {
        Ok(()) => Ok(imported),
        Err(StoreError::Conflict(problem)) => {
            anyhow::bail!("the database refused the archive, nothing was imported: {problem}")
        }
        Err(error) => Err(error.into()),
    }
}

/// `LIESMICH.txt`: what is in the archive, for the owner who opens it.
const README: &str = "\
Nahbar – Export eines Unternehmens / a business's export

DE
business.json          Alle Daten des Unternehmens: Standorte, Öffnungszeiten, Sonderzeiten,
                       Orte (POIs), Beiträge, Team (ohne Passwörter), Verlauf, Fragen,
                       Antworten und Zahlen, als Tabellen (JSON).
business.schema.json   Beschreibung jeder Tabelle und Spalte (JSON Schema).
media/                 Die Fotos, in jeder gespeicherten Breite (WebP und JPEG).
locations.csv          Die Standorte als Tabelle (wie der Export im Standorte-Bildschirm).
locations/<adresse>/   Je Standort: calendar.ics (Kalender) und pois.geojson (Karten).
Einspielen in eine neue Nahbar-Instanz: nahbar import <datei.zip>

EN
business.json          Everything about the business: locations, opening hours, special
                       hours, points of interest, posts, team (without passwords), history,
                       questions, answers and figures, as tables (JSON).
business.schema.json   What each table and column means (JSON Schema).
media/                 The photos, in every stored width (WebP and JPEG).
locations.csv          The locations as a sheet (as exported on the locations screen).
locations/<address>/   Per location: calendar.ics (calendar) and pois.geojson (maps).
Load into a new Nahbar instance: nahbar import <file.zip>
";
