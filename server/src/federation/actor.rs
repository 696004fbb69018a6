//! A location as an ActivityPub actor (`Organization`): what Mastodon shows as the profile
//! (name, bio, avatar, header, the fields table) and what servers need to talk to it (inbox,
//! shared inbox, followers, public key). Field values are HTML, as Mastodon expects them; the
//! website is a link with `rel="me"`, so Mastodon can mark it verified when the site links
//! back.

use super::note::{escape, osm_link, text_html, timestamp};
use super::urls::LocationUrls;
use app::domain::hours::Interval;
use app::i18n::Lang;
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

/// An image of the profile (avatar or header).
#[derive(Clone, Debug, PartialEq)]
pub struct ActorImage {
    pub url: String,
    pub mime: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ActorInput {
    pub name: String,
    /// The location's description, plain text (becomes the HTML `summary`).
    pub description: String,
    pub lang: Lang,
    /// The shop's logo or photo.
    pub icon: Option<ActorImage>,
    /// The cover photo.
    pub image: Option<ActorImage>,
    pub public_key_pem: String,
    /// As the owner sets them (default on): listed in directories, posts searchable.
    pub discoverable: bool,
    pub indexable: bool,
    /// One line, e.g. "Hauptstraße 1, 79098 Freiburg"; empty for none.
    pub address: String,
    pub geo: Option<(f64, f64)>,
    /// Today's hours in the location's timezone: `Some(vec![])` closed all day, `None` no
    /// hours known (no field).
    pub today: Option<Vec<Interval>>,
    pub website: String,
    /// When the location was created (the profile's "joined").
    pub published: DateTime<Utc>,
}

fn field(name: &str, value: String) -> Value {
    json!({"type": "PropertyValue", "name": name, "value": value})
}

/// The address field: the address, linked to the map when the location has a point.
fn address_value(address: &str, geo: Option<(f64, f64)>) -> String {
    match geo {
        Some((lat, lon)) => format!(
            "<a href=\"{}\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">{}</a>",
            escape(&osm_link(lat, lon)),
            escape(address)
        ),
        None => escape(address),
    }
}

/// The website field, the way Mastodon renders links in fields: only http(s) is a link.
fn website_value(website: &str) -> String {
    let shown = website.trim_start_matches("https://").trim_start_matches("http://");
    let shown = shown.trim_end_matches('/');
    if website.starts_with("https://") || website.starts_with("http://") {
        format!(
            "<a href=\"{}\" rel=\"me nofollow noopener noreferrer\" target=\"_blank\">{}</a>",
            escape(website),
            escape(shown)
        )
    } else {
        escape(website)
    }
}

pub fn today_value(lang: Lang, intervals: &[Interval]) -> String {
    if intervals.is_empty() {
        lang.federation().closed_today.to_string()
    } else {
        intervals.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
    }
}

/// The actor document, with its `@context`, as served at [`LocationUrls::actor`].
pub fn actor(input: &ActorInput, urls: &LocationUrls) -> Value {
    let t = input.lang.federation();
    let mut fields = Vec::new();
    if !input.address.trim().is_empty() {
        fields.push(field(t.field_address, address_value(input.address.trim(), input.geo)));
    }
    if let Some(today) = &input.today {
        fields.push(field(t.field_today, today_value(input.lang, today)));
    }
    if !input.website.trim().is_empty() {
        fields.push(field(t.field_website, website_value(input.website.trim())));
    }
    // The imprint (§ 5 DDG asks for it wherever the business presents itself).
    let imprint = format!("{}/imprint", urls.page());
    let imprint = format!(
        "<a href=\"{}\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">{}</a>",
        escape(&imprint),
        escape(imprint.trim_start_matches("https://").trim_start_matches("http://"))
    );
    fields.push(field(input.lang.imprint().imprint, imprint));
    let (summary, _) = text_html(&input.description, urls);
    let mut actor = json!({
        "@context": super::context(),
        "id": urls.actor(),
        "type": "Organization",
        "preferredUsername": urls.slug(),
        "name": input.name,
        "summary": summary,
        "url": urls.page(),
        "inbox": urls.inbox(),
        "outbox": urls.outbox(),
        "followers": urls.followers(),
        "endpoints": { "sharedInbox": urls.base().shared_inbox() },
        "manuallyApprovesFollowers": false,
        "discoverable": input.discoverable,
        "indexable": input.indexable,
        "published": timestamp(input.published),
        "publicKey": {
            "id": urls.key_id(),
            "owner": urls.actor(),
            "publicKeyPem": input.public_key_pem,
        },
        "attachment": fields,
        "tag": [],
    });
    for (key, image) in [("icon", &input.icon), ("image", &input.image)] {
        if let Some(image) = image {
            actor[key] = json!({"type": "Image", "mediaType": image.mime, "url": image.url});
        }
    }
    actor
}

/// The ordered collections the actor names: only their size is told (`totalItems`), as
/// Mastodon does for followers of accounts that hide them; the outbox lists nothing.
pub fn collection(id: &str, total: u64) -> Value {
    let mut value =
        json!({"id": id, "type": "OrderedCollection", "totalItems": total, "orderedItems": []});
    value["@context"] = json!("https://www.w3.org/ns/activitystreams");
    value
}

#[cfg(test)]
#[path = "actor_tests.rs"]
mod tests;
