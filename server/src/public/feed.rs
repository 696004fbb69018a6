//! `/{slug}/feed.atom`: the location's published posts as an Atom feed (`atom_syndication`
//! writes it, so escaping and structure follow RFC 4287). Entry ids are tag URIs that never
//! change; each entry links to its post page, carries its photos as enclosures and its
//! geotag as GeoRSS (`georss:point`).
//!
//! `/{slug}/feed.json`: the same posts as JSON Feed 1.1 (<https://jsonfeed.org/version/1.1>),
//! for readers and automations that prefer JSON; same ids, same post pages, photos as
//! attachments.

use crate::ServerState;
use crate::http::access::PublicLocation;
use crate::http::page_cache::keep_until_changed;
use app::domain::post::Post;
use app::error::AppError;
use atom_syndication::extension::{Extension, ExtensionMap};
use atom_syndication::{Content, Entry, Feed, Link, Person, Text};
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, header};
use serde_json::{Value, json};
use std::collections::BTreeMap;

const GEORSS: &str = "http://www.georss.org/georss";

fn tag_host(public_url: &str) -> String {
    public_url
        .split("://")
        .nth(1)
        .unwrap_or("nahbar")
        .split(['/', ':'])
        .next()
        .unwrap_or("nahbar")
        .to_string()
}

/// A post's id in both feeds: a tag URI that never changes, so a reader switching from
/// Atom to JSON Feed sees the same items.
fn post_tag(host: &str, post: &Post) -> String {
    format!("tag:{host},2026:{}:post:{}", post.location_slug, post.id)
}

fn entry(post: &Post, base: &str, host: &str) -> Entry {
    let url = format!("{base}/{}/posts/{}", post.location_slug, post.id);
    let published = post.published_at.unwrap_or(post.created_at);
    let mut links = vec![Link {
        href: url.clone(),
        rel: "alternate".into(),
        mime_type: Some("text/html".into()),
        ..Link::default()
    }];
    for photo in &post.photos {
        let width = photo.widths.last().copied().unwrap_or(400);
        links.push(Link {
            href: format!("{base}/media/{}-{width}.jpg", photo.hash),
            rel: "enclosure".into(),
            mime_type: Some("image/jpeg".into()),
            title: (!photo.alt.is_empty()).then(|| photo.alt.clone()),
            ..Link::default()
        });
    }
    let mut extensions = ExtensionMap::new();
    if let Some(geotag) = &post.geotag {
        let point = Extension {
            name: "georss:point".into(),
            value: Some(format!("{} {}", geotag.point.lat, geotag.point.lon)),
            ..Extension::default()
        };
        extensions.insert("georss".into(), BTreeMap::from([("point".to_string(), vec![point])]));
    }
    Entry {
        id: post_tag(host, post),
        title: Text::plain(post.title()),
        updated: published.fixed_offset(),
        published: Some(published.fixed_offset()),
        authors: vec![Person { name: post.location_name.clone(), ..Person::default() }],
        links,
        content: Some(Content {
            value: Some(post.text.clone()),
            content_type: Some("text".into()),
            ..Content::default()
        }),
        extensions,
        ..Entry::default()
    }
}

pub async fn feed(
    State(state): State<ServerState>,
    PublicLocation(location): PublicLocation,
) -> Result<Response, AppError> {
    let slug = location.slug.clone();
    let posts = state.store().published_posts(location.id, 50).await?;
    let base = &state.app.public_url;
    let host = tag_host(base);
    let page = format!("{base}/{slug}");
    let updated = posts
        .iter()
        .filter_map(|p| p.published_at)
        .max()
        .unwrap_or_else(|| state.now())
        .fixed_offset();
    let feed = Feed {
        id: format!("tag:{host},2026:{slug}:posts"),
        title: Text::plain(location.details.name.clone()),
        subtitle: (!location.details.description.is_empty())
            .then(|| Text::plain(location.details.description.clone())),
        updated,
        links: vec![
            Link {
                href: page,
                rel: "alternate".into(),
                mime_type: Some("text/html".into()),
                ..Link::default()
            },
            Link {
                href: format!("{base}/{slug}/feed.atom"),
                rel: "self".into(),
                mime_type: Some("application/atom+xml".into()),
                ..Link::default()
            },
        ],
        namespaces: BTreeMap::from([("georss".to_string(), GEORSS.to_string())]),
        entries: posts.iter().map(|post| entry(post, base, &host)).collect(),
        lang: Some(location.details.language.clone()),
        ..Feed::default()
    };
    let kind =
        (header::CONTENT_TYPE, HeaderValue::from_static("application/atom+xml; charset=utf-8"));
    Ok(([kind, keep_until_changed(&state)], feed.to_string()).into_response())
}

/// One post as a JSON Feed item: the same id as the Atom entry, its page, its text, its
/// largest photo as `image` and every photo as an attachment with its alt text.
fn json_item(post: &Post, base: &str, host: &str) -> Value {
    let url = format!("{base}/{}/posts/{}", post.location_slug, post.id);
    let published = post.published_at.unwrap_or(post.created_at);
    let photo_url = |hash: &str, width: u32| format!("{base}/media/{hash}-{width}.jpg");
    let attachments: Vec<Value> = post
        .photos
        .iter()
        .map(|photo| {
            let width = photo.widths.last().copied().unwrap_or(400);
            let mut attachment =
                json!({"url": photo_url(&photo.hash, width), "mime_type": "image/jpeg"});
            if !photo.alt.is_empty() {
                attachment["title"] = json!(photo.alt);
            }
            attachment
        })
        .collect();
    let mut item = json!({
        "id": post_tag(host, post),
        "url": url,
        "title": post.title(),
        "content_text": post.text,
        "date_published": published.to_rfc3339(),
        "authors": [{"name": post.location_name}],
    });
    if let Some(first) = attachments.first() {
        item["image"] = first["url"].clone();
        item["attachments"] = json!(attachments);
    }
    item
}

pub async fn json_feed(
    State(state): State<ServerState>,
    PublicLocation(location): PublicLocation,
) -> Result<Response, AppError> {
    let slug = location.slug.clone();
    let posts = state.store().published_posts(location.id, 50).await?;
    let base = &state.app.public_url;
    let host = tag_host(base);
    let mut feed = json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": location.details.name,
        "home_page_url": format!("{base}/{slug}"),
        "feed_url": format!("{base}/{slug}/feed.json"),
        "language": location.details.language,
        "authors": [{"name": location.details.name, "url": format!("{base}/{slug}")}],
        "items": posts.iter().map(|post| json_item(post, base, &host)).collect::<Vec<_>>(),
    });
    if !location.details.description.is_empty() {
        feed["description"] = json!(location.details.description);
    }
    let kind = (header::CONTENT_TYPE, HeaderValue::from_static("application/feed+json"));
    Ok(([kind, keep_until_changed(&state)], feed.to_string()).into_response())
}
