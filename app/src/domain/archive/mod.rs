//! A business's archive: everything Nahbar keeps about one business, as tables of JSON rows
//! (`business.json`) beside the photos as files, so the data can leave and come back
//! (`nahbar export` / `nahbar import`, the owner's download).
//!
//! One list, [`TABLES`], names every table that belongs to a business, how its rows are
//! found from the business id, and every column with its type. The export reads by it, the
//! import writes by it (in this order, so references come before what refers to them), and
//! the JSON Schema shipped inside every archive is made from it ([`json_schema`]), so the
//! three cannot drift apart. Values are backend-neutral: instants as RFC 3339 in UTC, dates
//! as `YYYY-MM-DD`, so an archive made on SQLite imports into PostgreSQL and exports again
//! to the same bytes.
//!
//! Left out on purpose: sign-in sessions, login limits, pending invitations (their links are
//! secrets of the old instance), the delivery queue, today's not yet rolled-up page hits and
//! the question form's rate limit. Password hashes and the fediverse keys are secrets: only
//! an archive made with `--with-secrets` (for moving one's own instance) carries them.

use chrono::{DateTime, NaiveDate, SecondsFormat, SubsecRound, Utc};
use serde_json::{Value, json};

/// `format` in `business.json`.
pub const FORMAT: &str = "nahbar-business-archive";
/// `version` in `business.json`; an import refuses others.
pub const VERSION: u32 = 1;
/// The data file inside the archive.
pub const DATA_FILE: &str = "business.json";
/// The schema file inside the archive.
pub const SCHEMA_FILE: &str = "business.schema.json";
/// Where the photos go inside the archive.
pub const MEDIA_DIR: &str = "media/";

/// A column's type, the same on both backends once read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Int,
    Float,
    Text,
    Bool,
    /// An instant, RFC 3339 in UTC.
    Time,
    /// A calendar date, `YYYY-MM-DD`.
    Date,
}

/// One column: name, type, whether it may be null, and what it means.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
    pub null: bool,
    pub secret: bool,
    pub about: &'static str,
}

/// How a table's rows are found from the business id (`$1`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The `businesses` row itself.
    Own,
    /// A `business_id` column.
    Business,
    /// A `location_id` column naming one of the business's locations.
    Location,
    /// A `post_id` column naming one of the business's posts.
    Post,
    /// A `special_id` column naming special hours of the business's locations.
    Special,
    /// Accounts: members, and everyone the business's posts, answers and history name.
    Users,
    /// Photos by hash: those of the business's posts, logos and cover photos.
    Media,
}

impl Scope {
    /// The SQL condition (with `$1` the business id) that selects the table's rows.
    pub fn condition(self) -> &'static str {
        match self {
            Scope::Own => "id = $1",
            Scope::Business => "business_id = $1",
            Scope::Location => "location_id IN (SELECT id FROM locations WHERE business_id = $1)",
            Scope::Post => "post_id IN (SELECT id FROM posts WHERE business_id = $1)",
            Scope::Special => {
                "special_id IN (SELECT s.id FROM special_hours s \
                 JOIN locations l ON l.id = s.location_id WHERE l.business_id = $1)"
            }
            Scope::Users => {
                "id IN (SELECT user_id FROM memberships WHERE business_id = $1) \
                 OR id IN (SELECT author_id FROM posts WHERE business_id = $1) \
                 OR id IN (SELECT answered_by FROM questions WHERE business_id = $1) \
                 OR id IN (SELECT answered_by FROM fediverse_messages WHERE business_id = $1) \
                 OR id IN (SELECT user_id FROM audit_log WHERE business_id = $1)"
            }
            Scope::Media => {
                "hash IN (SELECT p.hash FROM post_photos p JOIN posts o ON o.id = p.post_id \
                 WHERE o.business_id = $1) \
                 OR hash IN (SELECT i.hash FROM location_images i \
                 JOIN locations l ON l.id = i.location_id WHERE l.business_id = $1)"
            }
        }
    }
}

/// One table of the archive.
#[derive(Clone, Copy, Debug)]
pub struct Table {
    pub name: &'static str,
    pub about: &'static str,
    pub scope: Scope,
    /// The columns rows are ordered by (the primary key), so two exports of the same data
    /// are the same bytes.
    pub order: &'static str,
    pub columns: &'static [Column],
}

impl Table {
    /// Whether the table has an `id` the database numbers itself (PostgreSQL then needs
    /// `OVERRIDING SYSTEM VALUE` to keep the archive's numbers, and its sequence moved on).
    pub fn numbered(&self) -> bool {
        self.order == "id"
    }

    /// The columns an export of this kind carries.
    pub fn columns(&self, with_secrets: bool) -> impl Iterator<Item = &'static Column> {
        self.columns.iter().filter(move |c| with_secrets || !c.secret)
    }

    /// `SELECT … FROM … WHERE … ORDER BY …` with `$1` the business id.
    pub fn select(&self, with_secrets: bool) -> String {
        let names: Vec<&str> = self.columns(with_secrets).map(|c| c.name).collect();
        format!(
            "SELECT {} FROM {} WHERE {} ORDER BY {}",
            names.join(", "),
            self.name,
            self.scope.condition(),
            self.order
        )
    }
}

mod tables;
pub use tables::{LEFT_OUT, TABLES};

/// One row as it stands in `business.json`: column name → value.
pub type Row = serde_json::Map<String, Value>;

/// One value, typed by its column: what the store reads and writes.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Int(Option<i64>),
    Float(Option<f64>),
    Text(Option<String>),
    Bool(Option<bool>),
    Time(Option<DateTime<Utc>>),
    Date(Option<NaiveDate>),
}

/// An instant as the archive writes it: UTC, at most microseconds (what PostgreSQL keeps),
/// so SQLite and PostgreSQL export the same text.
pub fn instant_text(at: DateTime<Utc>) -> String {
    at.trunc_subsecs(6).to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

impl Cell {
    pub fn to_json(&self) -> Value {
        match self {
            Cell::Int(v) => json!(v),
            Cell::Float(v) => json!(v),
            Cell::Text(v) => json!(v),
            Cell::Bool(v) => json!(v),
            Cell::Time(v) => json!(v.map(instant_text)),
            Cell::Date(v) => json!(v.map(|d| d.format("%Y-%m-%d").to_string())),
        }
    }

    fn from_json(column: &Column, value: &Value) -> Result<Cell, String> {
        let wrong = |what: &str| format!("{} must be {what}", column.name);
        if value.is_null() {
            if !column.null {
                return Err(format!("{} must not be empty", column.name));
            }
            return Ok(match column.kind {
                Kind::Int => Cell::Int(None),
                Kind::Float => Cell::Float(None),
                Kind::Text => Cell::Text(None),
                Kind::Bool => Cell::Bool(None),
                Kind::Time => Cell::Time(None),
                Kind::Date => Cell::Date(None),
            });
        }
        Ok(match column.kind {
            Kind::Int => Cell::Int(Some(value.as_i64().ok_or_else(|| wrong("a whole number"))?)),
            Kind::Float => Cell::Float(Some(value.as_f64().ok_or_else(|| wrong("a number"))?)),
            Kind::Text => {
                Cell::Text(Some(value.as_str().ok_or_else(|| wrong("text"))?.to_string()))
            }
            Kind::Bool => Cell::Bool(Some(value.as_bool().ok_or_else(|| wrong("true or false"))?)),
            Kind::Time => {
                let text = value.as_str().ok_or_else(|| wrong("an RFC 3339 instant"))?;
                let at = DateTime::parse_from_rfc3339(text)
                    .map_err(|_| wrong("an RFC 3339 instant such as 2026-12-05T14:00:00Z"))?;
                Cell::Time(Some(at.with_timezone(&Utc).trunc_subsecs(6)))
            }
            Kind::Date => {
                let text = value.as_str().ok_or_else(|| wrong("a date"))?;
                let day = NaiveDate::parse_from_str(text, "%Y-%m-%d")
                    .map_err(|_| wrong("a date such as 2026-12-24"))?;
                Cell::Date(Some(day))
            }
        })
    }
}

/// The JSON row of `cells` (read in `table.columns(with_secrets)` order).
pub fn row(table: &Table, with_secrets: bool, cells: Vec<Cell>) -> Row {
    table.columns(with_secrets).zip(cells).map(|(c, v)| (c.name.to_string(), v.to_json())).collect()
}

/// The cells of an archive's row in the order of `table.columns(true)`, checked against the
/// table: no unknown column, none missing, each of its type. A secret column an archive
/// without secrets lacks becomes empty text (an account without a usable password).
pub fn cells(table: &Table, row: &Row) -> Result<Vec<Cell>, String> {
    if let Some(unknown) = row.keys().find(|k| !table.columns.iter().any(|c| c.name == *k)) {
        return Err(format!("unknown column {unknown}"));
    }
    table
        .columns
        .iter()
        .map(|column| match row.get(column.name) {
            Some(value) => Cell::from_json(column, value),
            None if column.secret => Ok(Cell::Text(Some(String::new()))),
            None => Err(format!("{} is missing", column.name)),
        })
        .collect()
}

/// The table called `name`.
pub fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.name == name)
}

fn column_schema(column: &Column) -> Value {
    let mut schema = match column.kind {
        Kind::Int => json!({"type": "integer"}),
        Kind::Float => json!({"type": "number"}),
        Kind::Text => json!({"type": "string"}),
        Kind::Bool => json!({"type": "boolean"}),
        Kind::Time => json!({"type": "string", "format": "date-time",
            "pattern": "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$"}),
        Kind::Date => json!({"type": "string", "format": "date",
            "pattern": "^\\d{4}-\\d{2}-\\d{2}$"}),
    };
    if column.null {
        let kind = schema["type"].clone();
        schema["type"] = json!([kind, "null"]);
    }
    schema["description"] = json!(column.about);
    schema
}

/// The JSON Schema (draft 2020-12) of `business.json`, made from [`TABLES`].
pub fn json_schema() -> Value {
    let mut tables = serde_json::Map::new();
    for table in TABLES {
        let mut properties = serde_json::Map::new();
        let mut required = Vec::new();
        for column in table.columns {
            properties.insert(column.name.to_string(), column_schema(column));
            if !column.secret {
                required.push(column.name);
            }
        }
        tables.insert(
            table.name.to_string(),
            json!({
                "description": table.about,
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": properties,
                    "required": required,
                    "additionalProperties": false,
                },
            }),
        );
    }
    let names: Vec<&str> = TABLES.iter().map(|t| t.name).collect();
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://nahbar.app/schema/business-archive-1.json",
        "title": "Nahbar business archive",
        "description": "Everything Nahbar keeps about one business. Photos are in media/; \
                        the CSV, GeoJSON and iCalendar files beside this one are the same \
                        data in the formats offered on the customer pages.",
        "type": "object",
        "required": ["format", "version", "exported_at", "business_id", "with_secrets", "tables"],
        "additionalProperties": false,
        "properties": {
            "format": {"const": FORMAT},
            "version": {"const": VERSION},
            "exported_at": {"type": "string", "format": "date-time"},
            "business_id": {"type": "integer"},
            "with_secrets": {"type": "boolean",
                "description": "password hashes and fediverse keys included"},
            "tables": {
                "type": "object",
                "required": names,
                "additionalProperties": false,
                "properties": tables,
            },
        },
    })
}

#[cfg(test)]
mod tests;
