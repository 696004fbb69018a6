//! How other servers find a location: WebFinger (RFC 7033) turns `@slug@host` into the
//! actor's URL, NodeInfo 2.1 tells what software this is. The handler answers
//! `/.well-known/webfinger?resource=…` with [`webfinger`] (`application/jrd+json`),
//! `/.well-known/nodeinfo` with [`nodeinfo_links`] and `/nodeinfo/2.1` with [`nodeinfo`].

use super::actor::ActorImage;
use super::urls::{Base, LocationUrls};
use serde_json::{Value, json};

pub const JRD: &str = "application/jrd+json";
pub const NODEINFO_PROFILE: &str = "http://nodeinfo.diaspora.software/ns/schema/2.1";
pub const NODEINFO_CONTENT_TYPE: &str =
    "application/json; profile=\"http://nodeinfo.diaspora.software/ns/schema/2.1#\"";

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WebfingerError {
    #[error("the resource is not acct:name@host or one of our URLs")]
    Unreadable,
    /// A handle of another server: 404, never a redirect.
    #[error("the resource belongs to another host")]
    OtherHost,
}

/// The slug a WebFinger `resource` asks for: `acct:slug@host` (Mastodon), `slug@host`
/// (some clients leave out the scheme), or the actor's or page's URL (Fedify and Mastodon
/// look actors up by id). The host must be ours, case aside. Whether the slug is a public
/// location is the caller's question.
pub fn parse_resource(resource: &str, base: &Base) -> Result<String, WebfingerError> {
    let resource = resource.trim();
    if resource.starts_with("https://") || resource.starts_with("http://") {
        return base.slug_of(resource).ok_or(WebfingerError::Unreadable);
    }
    let acct = resource.strip_prefix("acct:").unwrap_or(resource);
    let acct = acct.strip_prefix('@').unwrap_or(acct);
    let (user, host) = acct.rsplit_once('@').ok_or(WebfingerError::Unreadable)?;
    if !host.eq_ignore_ascii_case(base.host()) {
        return Err(WebfingerError::OtherHost);
    }
    let slug = user.to_ascii_lowercase();
    let valid = !slug.is_empty()
        && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if valid { Ok(slug) } else { Err(WebfingerError::Unreadable) }
}

/// The JRD of a location's actor.
pub fn webfinger(urls: &LocationUrls, avatar: Option<&ActorImage>) -> Value {
    let mut links = vec![
        json!({"rel": "self", "type": "application/activity+json", "href": urls.actor()}),
        json!({"rel": "http://webfinger.net/rel/profile-page", "type": "text/html", "href": urls.page()}),
    ];
    if let Some(avatar) = avatar {
        links.push(json!({"rel": "http://webfinger.net/rel/avatar", "type": avatar.mime, "href": avatar.url}));
    }
    json!({
        "subject": format!("acct:{}", urls.acct()),
        "aliases": [urls.actor(), urls.page()],
        "links": links,
    })
}

/// `/.well-known/nodeinfo`: where the NodeInfo document is.
pub fn nodeinfo_links(base: &Base) -> Value {
    json!({"links": [{"rel": NODEINFO_PROFILE, "href": base.nodeinfo()}]})
}

/// Counts for NodeInfo: each public location is a "user", published posts are posts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Usage {
    pub locations: u64,
    /// Locations with a post in the last 30 / 180 days.
    pub active_month: u64,
    pub active_halfyear: u64,
    pub posts: u64,
}

/// NodeInfo 2.1 (`software.name` must be `[a-z0-9-]+`).
pub fn nodeinfo(usage: Usage, node_name: &str) -> Value {
    json!({
        "version": "2.1",
        "software": {
            "name": "nahbar",
            "version": env!("CARGO_PKG_VERSION"),
        },
        "protocols": ["activitypub"],
        "services": {"inbound": [], "outbound": ["atom1.0"]},
        "openRegistrations": false,
        "usage": {
            "users": {
                "total": usage.locations,
                "activeMonth": usage.active_month,
                "activeHalfyear": usage.active_halfyear,
            },
            "localPosts": usage.posts,
        },
        "metadata": {"nodeName": node_name},
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Base {
        Base::parse("https://Shop.Example/").expect("base")
    }

    #[test]
    fn a_handle_in_every_common_spelling_finds_its_slug() {
        for resource in [
            "acct:baeckerei@shop.example",
            "acct:Baeckerei@SHOP.example",
            "baeckerei@shop.example",
            "@baeckerei@shop.example",
            "https://shop.example/baeckerei",
            "https://shop.example/baeckerei/actor",
        ] {
            assert_eq!(parse_resource(resource, &base()), Ok("baeckerei".into()), "{resource}");
        }
    }

    #[test]
    fn foreign_or_garbled_resources_are_refused() {
        assert_eq!(
            parse_resource("acct:baeckerei@other.example", &base()),
            Err(WebfingerError::OtherHost)
        );
        assert_eq!(parse_resource("acct:nobody", &base()), Err(WebfingerError::Unreadable));
        assert_eq!(
            parse_resource("acct:b/../x@shop.example", &base()),
            Err(WebfingerError::Unreadable)
        );
        assert_eq!(
            parse_resource("https://other.example/baeckerei", &base()),
            Err(WebfingerError::Unreadable)
        );
        assert_eq!(
            parse_resource("https://shop.example/baeckerei/posts/1", &base()),
            Err(WebfingerError::Unreadable)
        );
    }

    #[test]
    fn a_handle_keeps_a_non_default_port() {
        let base = Base::parse("http://localhost:3000").expect("base");
        assert_eq!(parse_resource("acct:baeckerei@localhost:3000", &base), Ok("baeckerei".into()));
        assert_eq!(
            parse_resource("acct:baeckerei@localhost", &base),
            Err(WebfingerError::OtherHost)
        );
        let jrd = webfinger(&base.location("baeckerei"), None);
        assert_eq!(jrd["subject"], "acct:baeckerei@localhost:3000");
        assert_eq!(jrd["links"][0]["href"], "http://localhost:3000/baeckerei/actor");
    }

    #[test]
    fn the_jrd_links_actor_page_and_avatar() {
        let avatar = ActorImage {
            url: "https://shop.example/media/logo-400.jpg".into(),
            mime: "image/jpeg".into(),
        };
        let jrd = webfinger(&base().location("baeckerei"), Some(&avatar));
        assert_eq!(jrd["subject"], "acct:baeckerei@shop.example");
        assert_eq!(
            jrd["aliases"],
            json!(["https://shop.example/baeckerei/actor", "https://shop.example/baeckerei"])
        );
        assert_eq!(
            jrd["links"][0],
            json!({"rel": "self", "type": "application/activity+json", "href": "https://shop.example/baeckerei/actor"})
        );
        assert_eq!(jrd["links"][2]["rel"], "http://webfinger.net/rel/avatar");
    }

    #[test]
    fn nodeinfo_names_the_software_and_counts_locations() {
        assert_eq!(
            nodeinfo_links(&base())["links"][0]["href"],
            "https://shop.example/nodeinfo/2.1"
        );
        let info = nodeinfo(
            Usage { locations: 2, active_month: 1, active_halfyear: 2, posts: 17 },
            "Bäckerei Sonnenschein",
        );
        assert_eq!(info["version"], "2.1");
        assert_eq!(info["software"]["name"], "nahbar");
        assert_eq!(info["usage"]["users"]["total"], 2);
        assert_eq!(info["usage"]["localPosts"], 17);
        assert_eq!(info["protocols"], json!(["activitypub"]));
    }
}
