//! A post as an ActivityStreams `Note`, the way Mastodon shows it well: the author's text
//! escaped into `<p>`/`<br>` HTML with links and `#hashtags` made clickable (each hashtag
//! also a `Hashtag` tag, so it is searchable), photos as `Image` attachments with alt text,
//! size and blurhash, and the offer's last day, the event's dates and the place (with an
//! OpenStreetMap link) as lines of text, since Mastodon shows no `location`. The `Place`
//! goes along for Pixelfed and others that do.
//!
//! The input is plain data ([`NoteInput`]); the handler fills it from `Post` and `Location`.

use super::urls::LocationUrls;
use app::i18n::Lang;
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use linkify::{LinkFinder, LinkKind};
use serde_json::{Value, json};

pub const PUBLIC: &str = "https://www.w3.org/ns/activitystreams#Public";

/// What kind of post, with its dates.
#[derive(Clone, Debug, PartialEq)]
pub enum NoteKind {
    Update,
    Offer { last_day: Option<NaiveDate> },
    Event { starts: DateTime<Utc>, ends: Option<DateTime<Utc>> },
}

#[derive(Clone, Debug, PartialEq)]
pub struct NotePhoto {
    /// Absolute URL of the rendition to show (e.g. the 1200 px JPEG).
    pub url: String,
    pub mime: String,
    pub width: u32,
    pub height: u32,
    /// Alt text; empty when the author gave none.
    pub alt: String,
    pub blurhash: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NotePlace {
    pub name: String,
    pub lat: f64,
    pub lon: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NoteInput {
    pub post_id: i64,
    pub text: String,
    /// The location's language (its texts, and the date lines, are written in it).
    pub lang: Lang,
    /// The location's timezone, for event times.
    pub tz: chrono_tz::Tz,
    pub kind: NoteKind,
    pub photos: Vec<NotePhoto>,
    pub place: Option<NotePlace>,
    pub published: DateTime<Utc>,
    /// Set on edits (`Update{Note}`).
    pub updated: Option<DateTime<Utc>>,
}

pub fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The tag of a hashtag whose `#` is at byte `hash` (`#Brötchen` → `Brötchen`): letters,
/// digits and `_`, at least one letter, not glued to a word, URL or entity before it.
fn hashtag_at(text: &str, hash: usize) -> Option<&str> {
    let before = text[..hash].chars().next_back();
    if before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | '&' | '/' | '#')) {
        return None;
    }
    let rest = &text[hash + 1..];
    let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
    let tag = &rest[..end];
    tag.chars().any(char::is_alphabetic).then_some(tag)
}

fn hashtags_into(out: &mut String, text: &str, urls: &LocationUrls, tags: &mut Vec<String>) {
    let mut done = 0;
    for (hash, _) in text.match_indices('#') {
        if hash < done {
            continue;
        }
        let Some(tag) = hashtag_at(text, hash) else { continue };
        out.push_str(&escape(&text[done..hash]));
        out.push_str(&format!(
            "<a href=\"{}\" class=\"mention hashtag\" rel=\"tag\">#<span>{}</span></a>",
            escape(&urls.hashtag(tag)),
            escape(tag)
        ));
        if !tags.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
            tags.push(tag.to_string());
        }
        done = hash + 1 + tag.len();
    }
    out.push_str(&escape(&text[done..]));
}

fn line_into(out: &mut String, line: &str, urls: &LocationUrls, tags: &mut Vec<String>) {
    let mut finder = LinkFinder::new();
    finder.kinds(&[LinkKind::Url]);
    let mut done = 0;
    for link in finder.links(line) {
        let href = link.as_str();
        if !(href.starts_with("https://") || href.starts_with("http://")) {
            continue;
        }
        hashtags_into(out, &line[done..link.start()], urls, tags);
        out.push_str(&format!(
            "<a href=\"{0}\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">{0}</a>",
            escape(href)
        ));
        done = link.end();
    }
    hashtags_into(out, &line[done..], urls, tags);
}

/// The author's text as HTML paragraphs (blank lines part them, single line breaks become
/// `<br>`), with links and hashtags; and the hashtags found, each once.
pub fn text_html(text: &str, urls: &LocationUrls) -> (String, Vec<String>) {
    let text = text.replace("\r\n", "\n");
    let mut paragraphs: Vec<Vec<&str>> = vec![Vec::new()];
    for line in text.lines() {
        let blank = line.trim().is_empty();
        match paragraphs.last_mut() {
            Some(current) if blank && !current.is_empty() => paragraphs.push(Vec::new()),
            Some(current) if !blank => current.push(line.trim_end()),
            _ => {}
        }
    }
    let mut html = String::new();
    let mut tags = Vec::new();
    for paragraph in paragraphs.iter().filter(|p| !p.is_empty()) {
        html.push_str("<p>");
        for (n, line) in paragraph.iter().enumerate() {
            if n > 0 {
                html.push_str("<br>");
            }
            line_into(&mut html, line, urls, &mut tags);
        }
        html.push_str("</p>");
    }
    (html, tags)
}

/// `https://www.openstreetmap.org/?mlat=…&mlon=…#map=18/…/…`
pub fn osm_link(lat: f64, lon: f64) -> String {
    format!("https://www.openstreetmap.org/?mlat={lat:.5}&mlon={lon:.5}#map=18/{lat:.5}/{lon:.5}")
}

/// The whole `content`: the text, then the date line and the place line.
pub fn content_html(input: &NoteInput, urls: &LocationUrls) -> (String, Vec<String>) {
    let (mut html, tags) = text_html(&input.text, urls);
    let t = input.lang.federation();
    let dates = match &input.kind {
        NoteKind::Update => None,
        NoteKind::Offer { last_day } => last_day.map(|day| t.offer_line(input.lang, day)),
        NoteKind::Event { starts, ends } => {
            Some(t.event_line(input.lang, *starts, *ends, input.tz))
        }
    };
    if let Some(dates) = dates {
        html.push_str(&format!("<p>{}</p>", escape(&dates)));
    }
    if let Some(place) = &input.place {
        html.push_str(&format!(
            "<p>📍 {} · <a href=\"{}\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">{}</a></p>",
            escape(&place.name),
            escape(&osm_link(place.lat, place.lon)),
            t.map
        ));
    }
    (html, tags)
}

/// The Note of a post (without `@context`; the activity carrying it has one).
pub fn note(input: &NoteInput, urls: &LocationUrls) -> Value {
    let (content, tags) = content_html(input, urls);
    let attachments: Vec<Value> = input
        .photos
        .iter()
        .map(|photo| {
            let mut image = json!({
                "type": "Image",
                "mediaType": photo.mime,
                "url": photo.url,
                "name": photo.alt,
                "width": photo.width,
                "height": photo.height,
            });
            if let Some(hash) = &photo.blurhash {
                image["blurhash"] = json!(hash);
            }
            image
        })
        .collect();
    let tags: Vec<Value> = tags
        .iter()
        .map(|tag| json!({"type": "Hashtag", "href": urls.hashtag(tag), "name": format!("#{tag}")}))
        .collect();
    let mut note = json!({
        "id": urls.note(input.post_id),
        "type": "Note",
        "attributedTo": urls.actor(),
        "url": urls.post_page(input.post_id),
        "published": timestamp(input.published),
        "to": [PUBLIC],
        "cc": [urls.followers()],
        "sensitive": false,
        "summary": null,
        "inReplyTo": null,
        "content": content,
        "contentMap": { input.lang.code(): content },
        "attachment": attachments,
        "tag": tags,
    });
    if let Some(updated) = input.updated {
        note["updated"] = json!(timestamp(updated));
    }
    if let Some(place) = &input.place {
        note["location"] = json!({
            "type": "Place",
            "name": place.name,
            "latitude": place.lat,
            "longitude": place.lon,
        });
    }
    note
}

/// A member's answer to a remote note, sent as a reply that mentions its author.
#[derive(Clone, Debug, PartialEq)]
pub struct ReplyInput {
    pub answer_id: i64,
    pub text: String,
    pub lang: Lang,
    /// The remote note answered.
    pub in_reply_to: String,
    /// Its author: actor id, and `user@server` for the visible mention.
    pub to_actor: String,
    pub to_acct: String,
    pub published: DateTime<Utc>,
}

pub fn reply(input: &ReplyInput, urls: &LocationUrls) -> Value {
    let user = input.to_acct.split('@').next().unwrap_or(&input.to_acct);
    let (text, tags) = text_html(&input.text, urls);
    let mention = format!(
        "<span class=\"h-card\"><a href=\"{}\" class=\"u-url mention\">@<span>{}</span></a></span> ",
        escape(&input.to_actor),
        escape(user)
    );
    let content = match text.strip_prefix("<p>") {
        Some(rest) => format!("<p>{mention}{rest}"),
        None => format!("<p>{mention}</p>{text}"),
    };
    let mut tag: Vec<Value> = vec![json!({
        "type": "Mention", "href": input.to_actor, "name": format!("@{}", input.to_acct)
    })];
    tag.extend(
        tags.iter()
            .map(|t| json!({"type": "Hashtag", "href": urls.hashtag(t), "name": format!("#{t}")})),
    );
    json!({
        "id": urls.answer(input.answer_id),
        "type": "Note",
        "attributedTo": urls.actor(),
        "url": urls.answer(input.answer_id),
        "published": timestamp(input.published),
        "inReplyTo": input.in_reply_to,
        "to": [PUBLIC],
        "cc": [input.to_actor, urls.followers()],
        "sensitive": false,
        "content": content,
        "contentMap": { input.lang.code(): content },
        "tag": tag,
    })
}

/// A short note of the location's own (a closure, special hours): its text already written
/// with `Lang::federation()`'s lines. `url` is the local page.
pub fn notice(
    notice_id: i64,
    text: &str,
    lang: Lang,
    published: DateTime<Utc>,
    urls: &LocationUrls,
) -> Value {
    let (content, tags) = text_html(text, urls);
    let tags: Vec<Value> = tags
        .iter()
        .map(|t| json!({"type": "Hashtag", "href": urls.hashtag(t), "name": format!("#{t}")}))
        .collect();
    json!({
        "id": urls.notice(notice_id),
        "type": "Note",
        "attributedTo": urls.actor(),
        "url": urls.page(),
        "published": timestamp(published),
        "to": [PUBLIC],
        "cc": [urls.followers()],
        "sensitive": false,
        "content": content,
        "contentMap": { lang.code(): content },
        "tag": tags,
    })
}

#[cfg(test)]
#[path = "note_tests.rs"]
mod tests;
