//! HTML that arrives from other servers is cleaned with `ammonia` (html5ever's parser, an
//! allow-list) before it is stored or shown: only text formatting, paragraphs, lists and
//! http(s) links survive; links are marked `nofollow noopener noreferrer` and open outside.
//! The classes Mastodon uses to shorten long links and mark mentions are kept, nothing else.

use ammonia::Builder;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// Longer input is cut before parsing: a reply is a few hundred characters, and Mastodon's
/// own limit is 500 by default (some servers allow 5 000 or more).
pub const MAX_HTML_BYTES: usize = 64 * 1024;

static CLEANER: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut builder = Builder::empty();
    builder
        .tags(HashSet::from([
            "p",
            "br",
            "a",
            "span",
            "strong",
            "b",
            "em",
            "i",
            "u",
            "del",
            "s",
            "code",
            "pre",
            "blockquote",
            "ul",
            "ol",
            "li",
        ]))
        .tag_attributes(HashMap::from([("a", HashSet::from(["href"]))]))
        .allowed_classes(HashMap::from([
            ("a", HashSet::from(["mention", "hashtag", "u-url"])),
            ("span", HashSet::from(["h-card", "invisible", "ellipsis"])),
        ]))
        .url_schemes(HashSet::from(["http", "https"]))
        .link_rel(Some("nofollow noopener noreferrer"))
        .set_tag_attribute_value("a", "target", "_blank")
        .clean_content_tags(HashSet::from(["script", "style"]))
        .strip_comments(true);
    builder
});

static STRIPPER: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut builder = Builder::empty();
    builder.clean_content_tags(HashSet::from(["script", "style"])).strip_comments(true);
    builder
});

fn cut(html: &str) -> &str {
    if html.len() <= MAX_HTML_BYTES {
        return html;
    }
    let mut end = MAX_HTML_BYTES;
    while !html.is_char_boundary(end) {
        end -= 1;
    }
    &html[..end]
}

/// Remote HTML, safe to put into a page as is.
pub fn clean_html(html: &str) -> String {
    CLEANER.clean(cut(html)).to_string()
}

/// Remote HTML as plain text (for a notification, a list line, a content warning): every
/// tag removed, entities decoded, whitespace collapsed. Escape it again when putting it into
/// HTML.
pub fn plain_text(html: &str) -> String {
    let with_breaks = cut(html).replace("<br", "\n<br").replace("</p>", "</p>\n");
    let stripped = STRIPPER.clean(&with_breaks).to_string();
    let decoded = stripped
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    decoded
        .lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_styles_handlers_and_foreign_links_are_removed() {
        let dirty = r#"<p onclick="x()">Hi <script>alert(1)</script><style>p{}</style><img src=x onerror=alert(1)><a href="javascript:alert(1)">bad</a> <a href="https://ok.example/" class="mention evil">ok</a><iframe src="https://x"></iframe></p>"#;
        let clean = clean_html(dirty);
        assert_eq!(
            clean,
            r#"<p>Hi <a target="_blank" rel="nofollow noopener noreferrer">bad</a> <a href="https://ok.example/" class="mention" target="_blank" rel="nofollow noopener noreferrer">ok</a></p>"#
        );
    }

    #[test]
    fn mastodon_reply_markup_survives() {
        let reply = r#"<p><span class="h-card" translate="no"><a href="https://shop.example/baeckerei" class="u-url mention">@<span>baeckerei</span></a></span> Gibt es morgen noch Brezeln?<br>Danke!</p>"#;
        let clean = clean_html(reply);
        assert!(clean.contains(r#"<span class="h-card"><a href="https://shop.example/baeckerei" class="u-url mention""#), "{clean}");
        assert!(clean.contains("Brezeln?<br>Danke!"), "{clean}");
    }

    #[test]
    fn plain_text_keeps_lines_and_decodes_entities() {
        let html = "<p>Fish &amp; chips &lt;3</p><p>second<br>line</p><script>x</script>";
        assert_eq!(plain_text(html), "Fish & chips <3\nsecond\nline");
    }

    #[test]
    fn very_long_input_is_cut_on_a_character_boundary() {
        let long = "ä".repeat(MAX_HTML_BYTES);
        let clean = clean_html(&long);
        assert!(clean.len() <= MAX_HTML_BYTES);
        assert!(clean.chars().all(|c| c == 'ä'));
    }
}
