//! Every federation URL of a location, made in one place so the routes, the documents and
//! the activities can never disagree about them.
//!
//! The actor and its notes have JSON-only ids beside the HTML pages (`url`): the local page
//! `/{slug}` and the post page `/{slug}/posts/{id}` stay what they are (Leptos, HTML), and
//! remote servers dereference `/{slug}/actor` and `/{slug}/posts/{id}/note` without content
//! negotiation. Activities that are never fetched on their own (Accept, Update, Delete) get
//! fragment ids, as Mastodon's do (`…#delete`), so they need no routes.

use url::Url;

/// `https://shop.example` and `http://localhost:3000`: the public base URL, no trailing slash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Base {
    url: String,
    host: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BaseError {
    #[error("the public URL is not an absolute http(s) URL")]
    NotHttp,
    /// Fediverse handles and actor ids are keyed by host name; remote servers refuse (or
    /// mangle) `@shop@127.0.0.1`. Federation stays off with a start-up warning.
    #[error("the public URL has an IP address; federation needs a host name")]
    IpAddress,
    #[error("the public URL must not have a path, query or fragment")]
    HasPath,
}

impl Base {
    pub fn parse(public_url: &str) -> Result<Base, BaseError> {
        let url = Url::parse(public_url.trim_end_matches('/')).map_err(|_| BaseError::NotHttp)?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(BaseError::NotHttp);
        }
        let host = match url.host() {
            Some(url::Host::Domain(domain)) => domain.to_ascii_lowercase(),
            Some(_) => return Err(BaseError::IpAddress),
            None => return Err(BaseError::NotHttp),
        };
        if url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
            return Err(BaseError::HasPath);
        }
        let host = match url.port() {
            Some(port) => format!("{host}:{port}"),
            None => host,
        };
        let origin = format!("{}://{host}", url.scheme());
        Ok(Base { url: origin, host })
    }

    /// `https://shop.example` (no trailing slash).
    pub fn as_str(&self) -> &str {
        &self.url
    }

    /// The part after `@` in handles: the host name, with the port when it is not the
    /// scheme's default (`localhost:3000`).
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The instance-wide shared inbox: one delivery per server for all its followers.
    /// (`inbox` must be a reserved slug.)
    pub fn shared_inbox(&self) -> String {
        format!("{}/inbox", self.url)
    }

    pub fn nodeinfo(&self) -> String {
        format!("{}/nodeinfo/2.1", self.url)
    }

    pub fn location(&self, slug: &str) -> LocationUrls {
        LocationUrls { base: self.clone(), slug: slug.to_string() }
    }

    /// The slug of one of our actor or page URLs (`…/{slug}`, `…/{slug}/actor`), or `None`
    /// for anything else, e.g. to match a WebFinger `resource=` or an incoming `inReplyTo`.
    pub fn slug_of(&self, url: &str) -> Option<String> {
        let rest = url.strip_prefix(&self.url)?.strip_prefix('/')?;
        let slug = rest.strip_suffix("/actor").unwrap_or(rest);
        let valid = !slug.is_empty()
            && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        valid.then(|| slug.to_string())
    }

    /// The post id of one of our note ids or post pages, with its slug.
    pub fn post_of(&self, url: &str) -> Option<(String, i64)> {
        let rest = url.strip_prefix(&self.url)?.strip_prefix('/')?;
        let rest = rest.strip_suffix("/note").unwrap_or(rest);
        let (slug, id) = rest.split_once("/posts/")?;
        let id = id.parse::<i64>().ok().filter(|id| *id > 0)?;
        self.slug_of(&format!("{}/{slug}", self.url)).map(|slug| (slug, id))
    }
}

/// The URLs of one location's actor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocationUrls {
    base: Base,
    slug: String,
}

impl LocationUrls {
    pub fn base(&self) -> &Base {
        &self.base
    }

    pub fn slug(&self) -> &str {
        &self.slug
    }

    /// `slug@host`, the handle without the leading `@`.
    pub fn acct(&self) -> String {
        format!("{}@{}", self.slug, self.base.host)
    }

    /// The local page (HTML): the actor's `url` and profile page.
    pub fn page(&self) -> String {
        format!("{}/{}", self.base.url, self.slug)
    }

    pub fn actor(&self) -> String {
        format!("{}/{}/actor", self.base.url, self.slug)
    }

    /// Mastodon's convention, which many servers assume when they see a bare actor id.
    pub fn key_id(&self) -> String {
        format!("{}#main-key", self.actor())
    }

    pub fn inbox(&self) -> String {
        format!("{}/{}/inbox", self.base.url, self.slug)
    }

    pub fn outbox(&self) -> String {
        format!("{}/{}/outbox", self.base.url, self.slug)
    }

    pub fn followers(&self) -> String {
        format!("{}/{}/followers", self.base.url, self.slug)
    }

    /// The post page (HTML): a note's `url`.
    pub fn post_page(&self, post_id: i64) -> String {
        format!("{}/{}/posts/{post_id}", self.base.url, self.slug)
    }

    /// A note's id (JSON).
    pub fn note(&self, post_id: i64) -> String {
        format!("{}/note", self.post_page(post_id))
    }

    pub fn create(&self, post_id: i64) -> String {
        format!("{}#create", self.note(post_id))
    }

    /// One id per edit: servers drop an activity whose id they have seen.
    pub fn update(&self, post_id: i64, revision: i64) -> String {
        format!("{}#update-{revision}", self.note(post_id))
    }

    pub fn delete(&self, post_id: i64) -> String {
        format!("{}#delete", self.note(post_id))
    }

    /// An Accept's id, unique per Follow it answers.
    pub fn accept(&self, follow_id: &str) -> String {
        use rsa::sha2::{Digest, Sha256};
        let digest = Sha256::digest(follow_id.as_bytes());
        let short: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
        format!("{}#accept-{short}", self.actor())
    }

    /// An Update of the actor (profile, fields), unique per revision.
    pub fn actor_update(&self, revision: i64) -> String {
        format!("{}#update-{revision}", self.actor())
    }

    /// Where a hashtag in this location's notes links: its local page with the tag (remote
    /// servers go by the tag's name; the page may filter by it one day).
    pub fn hashtag(&self, tag: &str) -> String {
        let tag: String = form_urlencoded::byte_serialize(tag.to_lowercase().as_bytes()).collect();
        format!("{}?tag={tag}", self.page())
    }

    /// A member's answer to a remote reply (a Note of ours).
    pub fn answer(&self, answer_id: i64) -> String {
        format!("{}/{}/answers/{answer_id}", self.base.url, self.slug)
    }

    /// A short note of its own (a closure, special hours), by an id the caller keeps.
    pub fn notice(&self, notice_id: i64) -> String {
        format!("{}/{}/notices/{notice_id}", self.base.url, self.slug)
    }
}
