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

const fn c(name: &'static str, kind: Kind, about: &'static str) -> Column {
    Column { name, kind, null: false, secret: false, about }
}

const fn n(name: &'static str, kind: Kind, about: &'static str) -> Column {
    Column { name, kind, null: true, secret: false, about }
}

const fn secret(name: &'static str, about: &'static str) -> Column {
    Column { name, kind: Kind::Text, null: false, secret: true, about }
}

use Kind::{Bool, Date, Float, Int, Text, Time};

const CREATED: Column = c("created_at", Time, "when it was made");
const UPDATED: Column = c("updated_at", Time, "when it was last changed");
const ID: Column = c("id", Int, "its number, which other rows refer to");
const LOCATION: Column = c("location_id", Int, "the location (locations.id)");
const BUSINESS: Column = c("business_id", Int, "the business (businesses.id)");
const POST: Column = c("post_id", Int, "the post (posts.id)");

/// Every table of a business, in the order an import writes them.
pub const TABLES: &[Table] = &[
    Table {
        name: "businesses",
        about: "The business and its publishing settings.",
        scope: Scope::Own,
        order: "id",
        columns: &[
            ID,
            c("name", Text, "the business's name"),
            CREATED,
            UPDATED,
            c("posts_need_approval", Bool, "staff posts wait for a manager's approval"),
            c("post_checklist", Text, "checklist shown before a post is sent, one item per line"),
            c("staff_see_questions", Bool, "staff may read customers' questions"),
            c(
                "staff_answer_questions",
                Bool,
                "staff may also answer questions and fediverse replies",
            ),
        ],
    },
    Table {
        name: "users",
        about: "Accounts: the members, and whoever the business's posts, answers and history \
                name. Without the password hash unless exported with secrets.",
        scope: Scope::Users,
        order: "id",
        columns: &[
            ID,
            c("email", Text, "the sign-in address"),
            c("display_name", Text, "the name shown to the team"),
            secret("password_hash", "argon2id hash (only in an archive made with secrets)"),
            CREATED,
            UPDATED,
            c("weekly_summary", Bool, "wants the weekly summary by e-mail"),
            c("summary_lang", Text, "language of the summary: de or en"),
            n("summary_sent_at", Time, "when the last summary was sent"),
        ],
    },
    Table {
        name: "memberships",
        about: "Who belongs to the business, with which role.",
        scope: Scope::Business,
        order: "business_id, user_id",
        columns: &[
            BUSINESS,
            c("user_id", Int, "the account (users.id)"),
            c("role", Text, "owner, manager or staff"),
            CREATED,
        ],
    },
    Table {
        name: "locations",
        about: "The business's locations (shops, branches) with address and settings.",
        scope: Scope::Business,
        order: "id",
        columns: &[
            ID,
            BUSINESS,
            c("slug", Text, "the local page's address, /{slug}"),
            c("name", Text, "the location's name"),
            c("schema_type", Text, "schema.org type, e.g. Bakery"),
            c("description", Text, "a short description"),
            c("street", Text, "street and number"),
            c("postal_code", Text, "postal code"),
            c("city", Text, "city"),
            c("country", Text, "ISO 3166-1 country code"),
            c("region", Text, "ISO 3166-2 region for public and school holidays"),
            n("lat", Float, "latitude (WGS 84)"),
            n("lon", Float, "longitude (WGS 84)"),
            c("phone", Text, "telephone"),
            c("email", Text, "public e-mail address"),
            c("website", Text, "website"),
            c("timezone", Text, "IANA time zone"),
            CREATED,
            UPDATED,
            c("holiday_rule", Text, "what public holidays mean: closed or open"),
            c("language", Text, "the local page's language: de or en"),
            c("branch_code", Text, "the business's own code for the location"),
            n("archived_at", Time, "when it was archived (no longer public)"),
            c("hours_rules", Text, "recurring hour rules (seasons, yearly dates…) as JSON"),
            n("hours_confirmed_at", Time, "when the hours were last saved or confirmed"),
        ],
    },
    Table {
        name: "weekly_hours",
        about: "Regular opening hours: one row per opening interval.",
        scope: Scope::Location,
        order: "id",
        columns: &[
            ID,
            LOCATION,
            c("weekday", Int, "0 = Monday … 6 = Sunday"),
            c("opens_min", Int, "opens, minutes after midnight"),
            c("closes_min", Int, "closes, minutes after midnight (1440 = midnight)"),
        ],
    },
    Table {
        name: "special_hours",
        about: "Closures and special hours for dates.",
        scope: Scope::Location,
        order: "id",
        columns: &[
            ID,
            LOCATION,
            c("starts_on", Date, "first day"),
            c("ends_on", Date, "last day"),
            c("intervals", Text, "'08:00-12:00,14:00-18:00'; empty: closed all day"),
            c("note", Text, "a note for customers"),
            CREATED,
            UPDATED,
        ],
    },
    Table {
        name: "pois",
        about: "Points of interest of a location (entrance, parking, bike stand…).",
        scope: Scope::Location,
        order: "id",
        columns: &[
            ID,
            LOCATION,
            c("name", Text, "name"),
            c("kind", Text, "kind, e.g. parking"),
            c("lat", Float, "latitude (WGS 84)"),
            c("lon", Float, "longitude (WGS 84)"),
            c("note", Text, "a note"),
            c("public", Bool, "shown to customers"),
            c("position", Int, "order in the list"),
            CREATED,
            UPDATED,
        ],
    },
    Table {
        name: "media",
        about: "Photos by content hash; the files are media/{hash}-{width}.webp and .jpg.",
        scope: Scope::Media,
        order: "hash",
        columns: &[
            c("hash", Text, "content hash of the original"),
            c("width", Int, "width of the original in pixels"),
            c("height", Int, "height of the original in pixels"),
            c("widths", Text, "the widths of the stored renditions, comma-separated"),
            CREATED,
        ],
    },
    Table {
        name: "location_images",
        about: "Logo and cover photo of a location.",
        scope: Scope::Location,
        order: "location_id, kind",
        columns: &[
            LOCATION,
            c("kind", Text, "logo or cover"),
            c("hash", Text, "the photo (media.hash)"),
            c("width", Int, "width in pixels"),
            c("height", Int, "height in pixels"),
            c("widths", Text, "rendition widths, comma-separated"),
            c("alt", Text, "alternative text"),
            UPDATED,
        ],
    },
    Table {
        name: "audit_log",
        about: "The history: who changed what, when.",
        scope: Scope::Business,
        order: "id",
        columns: &[
            ID,
            BUSINESS,
            n("user_id", Int, "the account (users.id), if it still exists"),
            c("actor_name", Text, "the name at the time"),
            c("at", Time, "when"),
            c("action", Text, "what was done"),
            n("location_id", Int, "the location concerned"),
            c("detail", Text, "details"),
            c("ip", Text, "the client's address"),
            c("user_agent", Text, "the client's browser"),
        ],
    },
    Table {
        name: "revisions",
        about: "Earlier versions of a location's details, hours and points of interest.",
        scope: Scope::Location,
        order: "id",
        columns: &[
            ID,
            LOCATION,
            c("kind", Text, "details, hours or pois"),
            c("data", Text, "the version, as JSON"),
            n("audit_id", Int, "the history entry (audit_log.id)"),
            CREATED,
        ],
    },
    Table {
        name: "sign_prints",
        about: "Printed signs: when which sign was printed and what it showed.",
        scope: Scope::Location,
        order: "id",
        columns: &[
            ID,
            LOCATION,
            c("kind", Text, "the sign, as JSON"),
            c("paper", Text, "paper size"),
            c("language", Text, "language"),
            c("printed_on", Date, "the date printed on the sign"),
            c("fingerprint", Text, "what the sign showed, hashed"),
            CREATED,
        ],
    },
    Table {
        name: "imprints",
        about: "The imprint (Impressum) and privacy notice.",
        scope: Scope::Business,
        order: "business_id",
        columns: &[
            BUSINESS,
            n("data", Text, "the imprint, as JSON"),
            c("own_address", Text, "locations whose own address is shown, as JSON"),
            c("privacy_hosting", Text, "who hosts the instance"),
            c("privacy_extra", Text, "further privacy text"),
            UPDATED,
        ],
    },
    Table {
        name: "posts",
        about: "Posts: news, offers, events, with their state and place.",
        scope: Scope::Business,
        order: "id",
        columns: &[
            ID,
            BUSINESS,
            LOCATION,
            c("author_id", Int, "who wrote it (users.id)"),
            c("kind", Text, "news, offer or event"),
            c("body", Text, "the text"),
            n("valid_until", Date, "an offer's last day"),
            n("starts_at", Time, "an event's start"),
            n("ends_at", Time, "an event's end"),
            c("state", Text, "draft, pending, scheduled, published, rejected or archived"),
            n("publish_at", Time, "when it is to be published"),
            n("published_at", Time, "when it was published"),
            c("reject_reason", Text, "why it was sent back"),
            n("lat", Float, "where it was posted: latitude"),
            n("lon", Float, "where it was posted: longitude"),
            n("accuracy_m", Float, "accuracy of the position in metres"),
            c("place", Text, "the place's name"),
            c("confirmed", Text, "checklist items the author confirmed, as JSON"),
            n("idempotency_key", Text, "the app's key against sending twice"),
            CREATED,
            UPDATED,
        ],
    },
    Table {
        name: "post_photos",
        about: "The photos of a post, in order.",
        scope: Scope::Post,
        order: "post_id, position",
        columns: &[
            POST,
            c("position", Int, "order"),
            c("hash", Text, "the photo (media.hash)"),
            c("width", Int, "width in pixels"),
            c("height", Int, "height in pixels"),
            c("widths", Text, "rendition widths, comma-separated"),
            c("alt", Text, "alternative text"),
        ],
    },
    Table {
        name: "actor_keys",
        about: "The fediverse key of each location (only in an archive made with secrets).",
        scope: Scope::Location,
        order: "location_id",
        columns: &[LOCATION, secret("private_pem", "RSA private key, PEM"), CREATED],
    },
    Table {
        name: "actor_profiles",
        about: "What the fediverse last heard of a location's profile.",
        scope: Scope::Location,
        order: "location_id",
        columns: &[LOCATION, c("fingerprint", Text, "the profile, hashed"), UPDATED],
    },
    Table {
        name: "followers",
        about: "Fediverse accounts following a location.",
        scope: Scope::Location,
        order: "id",
        columns: &[
            ID,
            LOCATION,
            c("actor", Text, "the follower's actor id"),
            c("inbox", Text, "the follower's inbox"),
            c("delivery_inbox", Text, "where posts are delivered (shared inbox)"),
            c("host", Text, "the follower's server"),
            c("follow_id", Text, "the Follow activity's id"),
            CREATED,
        ],
    },
    Table {
        name: "blocked_hosts",
        about: "Fediverse servers the business blocked.",
        scope: Scope::Business,
        order: "business_id, host",
        columns: &[BUSINESS, c("host", Text, "the server"), CREATED],
    },
    Table {
        name: "announced_posts",
        about: "Posts sent to the fediverse (and when they were deleted there).",
        scope: Scope::Post,
        order: "post_id",
        columns: &[POST, CREATED, n("deleted_at", Time, "when a Delete was sent")],
    },
    Table {
        name: "announced_specials",
        about: "Special hours announced in the fediverse.",
        scope: Scope::Special,
        order: "special_id",
        columns: &[c("special_id", Int, "the special hours (special_hours.id)"), CREATED],
    },
    Table {
        name: "post_reactions",
        about: "Likes and boosts of posts from the fediverse.",
        scope: Scope::Post,
        order: "post_id, kind, actor",
        columns: &[
            POST,
            c("kind", Text, "like or announce"),
            c("actor", Text, "who"),
            c("activity_id", Text, "the activity's id"),
            CREATED,
        ],
    },
    Table {
        name: "questions",
        about: "Customers' questions and feedback, with the answers.",
        scope: Scope::Business,
        order: "id",
        columns: &[
            ID,
            BUSINESS,
            LOCATION,
            n("post_id", Int, "the post asked about"),
            c("kind", Text, "question or feedback"),
            c("name", Text, "the customer's name, if given"),
            c("email", Text, "the customer's address, if given"),
            c("body", Text, "the question"),
            c("consent", Bool, "the customer agreed to publishing"),
            c("lang", Text, "the customer's language"),
            c("status", Text, "new, answered or archived"),
            c("answer", Text, "the answer"),
            n("answered_by", Int, "who answered (users.id)"),
            n("answered_at", Time, "when"),
            c("published", Bool, "shown on the local page"),
            CREATED,
        ],
    },
    Table {
        name: "fediverse_messages",
        about: "Replies and mentions from the fediverse, with the answers.",
        scope: Scope::Business,
        order: "id",
        columns: &[
            ID,
            BUSINESS,
            LOCATION,
            n("post_id", Int, "the post answered"),
            c("note_id", Text, "the note's id"),
            c("url", Text, "the note's address"),
            c("actor", Text, "the author's actor id"),
            c("acct", Text, "the author's handle"),
            c("actor_inbox", Text, "the author's inbox"),
            c("content_html", Text, "the note, cleaned HTML"),
            c("summary", Text, "content warning"),
            c("public", Bool, "addressed to the public"),
            c("status", Text, "new, answered or archived"),
            c("answer", Text, "the answer"),
            n("answered_by", Int, "who answered (users.id)"),
            n("answered_at", Time, "when"),
            CREATED,
        ],
    },
    Table {
        name: "insight_days",
        about: "Figures per day: views, visitors, directions, calls, website visits.",
        scope: Scope::Location,
        order: "location_id, day, metric, subject",
        columns: &[
            LOCATION,
            c("day", Date, "the day"),
            c("metric", Text, "what was counted"),
            c("subject", Text, "what it was about (e.g. a post)"),
            c("hits", Int, "how often"),
            c("visitors", Int, "by how many visitors"),
        ],
    },
];

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

/// The tables no archive carries, each with the reason (a test holds every table of the
/// database to being either here or in [`TABLES`]).
pub const LEFT_OUT: &[(&str, &str)] = &[
    ("sessions", "sign-ins belong to the old instance"),
    ("setup_tokens", "the old instance's one-time setup links"),
    ("login_attempts", "login limits of the old instance"),
    ("invitations", "their links are secrets of the old instance"),
    ("deliveries", "the old instance's delivery queue"),
    ("question_senders", "the question form's hourly limit, keyed to the old instance"),
    ("insight_hits", "page hits of the last days, before they are rolled up"),
    ("public_revision", "the instance's cache counter"),
    ("instance_secrets", "the instance's own keys"),
    ("_sqlx_migrations", "the database's schema version"),
];

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
mod tests {
    use super::*;

    #[test]
    fn every_table_is_ordered_by_columns_it_has_and_numbered_tables_have_an_id() {
        for table in TABLES {
            for part in table.order.split(", ") {
                assert!(
                    table.columns.iter().any(|c| c.name == part),
                    "{}: orders by {part}",
                    table.name
                );
            }
            assert_eq!(
                table.numbered(),
                table.columns.iter().any(|c| c.name == "id"),
                "{}",
                table.name
            );
        }
    }

    #[test]
    fn references_come_before_what_refers_to_them() {
        let position = |name: &str| TABLES.iter().position(|t| t.name == name).expect(name);
        for (table, refers_to) in [
            ("locations", "businesses"),
            ("memberships", "users"),
            ("posts", "locations"),
            ("posts", "users"),
            ("post_photos", "posts"),
            ("post_photos", "media"),
            ("location_images", "media"),
            ("revisions", "audit_log"),
            ("announced_specials", "special_hours"),
            ("questions", "posts"),
            ("fediverse_messages", "posts"),
        ] {
            assert!(position(refers_to) < position(table), "{table} before {refers_to}");
        }
    }

    #[test]
    fn secrets_are_left_out_unless_asked_for() {
        let users = table("users").expect("users");
        assert!(!users.select(false).contains("password_hash"));
        assert!(users.select(true).contains("password_hash"));
        let keys = table("actor_keys").expect("keys");
        assert_eq!(keys.columns(false).count(), 2);
    }

    #[test]
    fn the_schema_names_every_table_and_requires_every_open_column() {
        let schema = json_schema();
        let tables = &schema["properties"]["tables"]["properties"];
        assert_eq!(tables.as_object().map(|t| t.len()), Some(TABLES.len()));
        let users = &tables["users"]["items"];
        let required: Vec<&str> = users["required"]
            .as_array()
            .expect("required")
            .iter()
            .filter_map(|v| v.as_str())
            .collect();
        assert!(required.contains(&"email") && !required.contains(&"password_hash"));
        assert_eq!(
            tables["posts"]["items"]["properties"]["valid_until"]["type"],
            json!(["string", "null"])
        );
    }

    #[test]
    fn a_row_reads_back_to_the_same_cells_and_bad_values_are_named() {
        let table = table("special_hours").expect("special");
        let at = DateTime::parse_from_rfc3339("2026-12-05T14:00:00.123456789Z")
            .expect("at")
            .with_timezone(&Utc);
        let read = vec![
            Cell::Int(Some(3)),
            Cell::Int(Some(1)),
            Cell::Date(NaiveDate::from_ymd_opt(2026, 12, 24)),
            Cell::Date(NaiveDate::from_ymd_opt(2026, 12, 26)),
            Cell::Text(Some(String::new())),
            Cell::Text(Some("Weihnachten".into())),
            Cell::Time(Some(at)),
            Cell::Time(Some(at)),
        ];
        let json = row(table, false, read.clone());
        assert_eq!(json["created_at"], json!("2026-12-05T14:00:00.123456Z"));
        assert_eq!(json["starts_on"], json!("2026-12-24"));
        let back = cells(table, &json).expect("cells");
        assert_eq!(back[2..6], read[2..6]);
        assert_eq!(back[6], Cell::Time(Some(at.trunc_subsecs(6))));

        let mut bad = json.clone();
        bad.insert("starts_on".into(), json!("24.12.2026"));
        assert_eq!(cells(table, &bad), Err("starts_on must be a date such as 2026-12-24".into()));
        let mut extra = json.clone();
        extra.insert("colour".into(), json!("red"));
        assert_eq!(cells(table, &extra), Err("unknown column colour".into()));
        let mut gap = json;
        gap.remove("note");
        assert_eq!(cells(table, &gap), Err("note is missing".into()));
    }

    #[test]
    fn an_account_without_its_secret_gets_no_usable_password() {
        let users = table("users").expect("users");
        let mut json = Row::new();
        for (name, value) in [
            ("id", json!(1)),
            ("email", json!("a@b.example")),
            ("display_name", json!("A")),
            ("created_at", json!("2026-01-01T00:00:00Z")),
            ("updated_at", json!("2026-01-01T00:00:00Z")),
            ("weekly_summary", json!(false)),
            ("summary_lang", json!("de")),
            ("summary_sent_at", Value::Null),
        ] {
            json.insert(name.into(), value);
        }
        let read = cells(users, &json).expect("cells");
        assert_eq!(read[3], Cell::Text(Some(String::new())));
    }
}
