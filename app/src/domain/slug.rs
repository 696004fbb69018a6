//! Slugs: the address of a location's page (`/{slug}`), printed on doors and QR codes.
//! The one place that says what a slug may be and how one is made from a name, for the
//! "add a location" form and the CSV import alike.

use super::location::LocationDetails;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::fmt;

/// Longest slug. A new slug made from a name stays at [`MADE_MAX`], so a `-2`, `-3` …
/// suffix still fits.
pub const MAX_CHARS: usize = 64;
const MADE_MAX: usize = 56;

/// URL slug of a location: lowercase `a-z0-9-`, not a reserved first path segment.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Slug(String);

/// First path segments Nahbar uses itself (PRODUCT.md, "Public URLs").
pub const RESERVED_SLUGS: &[&str] = &[
    "admin",
    "api",
    "login",
    "logout",
    "setup",
    "invite",
    "nearby",
    "lang",
    "pkg",
    "icons",
    "static",
    "manifest.webmanifest",
    "sw.js",
    "sitemap.xml",
    "robots.txt",
    "healthz",
    "metrics",
    "offline.html",
    "favicon.ico",
    "media",
    "inbox",
    "nodeinfo",
    ".well-known",
    "share",
    "imprint",
    "privacy",
    "vendor",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SlugError {
    #[error("a slug has 1 to 64 characters")]
    Length,
    #[error("a slug uses only a-z, 0-9 and inner hyphens")]
    Characters,
    #[error("this slug is reserved by Nahbar")]
    Reserved,
}

impl Slug {
    pub fn parse(text: &str) -> Result<Slug, SlugError> {
        if text.is_empty() || text.len() > MAX_CHARS {
            return Err(SlugError::Length);
        }
        if !text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            || text.starts_with('-')
            || text.ends_with('-')
        {
            return Err(SlugError::Characters);
        }
        if RESERVED_SLUGS.contains(&text) {
            return Err(SlugError::Reserved);
        }
        Ok(Slug(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A slug made from a name (see [`slug_text`]); `None` when nothing is left or the
    /// result is reserved.
    pub fn from_name(name: &str) -> Option<Slug> {
        Slug::parse(&slug_text(name)?).ok()
    }

    /// The `n`-th candidate for a taken slug: the slug itself for 1, then `-2`, `-3` …
    /// (shortened at a hyphen when the suffix would not fit).
    pub fn numbered(&self, n: u32) -> Option<Slug> {
        if n <= 1 {
            return Some(self.clone());
        }
        let suffix = format!("-{n}");
        let stem: String = self.0.chars().take(MAX_CHARS - suffix.len()).collect();
        Slug::parse(&format!("{}{suffix}", stem.trim_end_matches('-'))).ok()
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// `Bäckerei Sonnenschein – Straße 5` → `baeckerei-sonnenschein-strasse-5`: German umlauts
/// spelled out (`ä` → `ae`, `ß` → `ss`), other Latin letters without their accents,
/// everything else one hyphen; whole words up to 56 characters. `None` when nothing is
/// left.
pub fn slug_text(text: &str) -> Option<String> {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let spelled = match c {
            'ä' => "ae",
            'ö' => "oe",
            'ü' => "ue",
            'ß' => "ss",
            'à' | 'á' | 'â' | 'ã' | 'å' => "a",
            'ç' => "c",
            'è' | 'é' | 'ê' | 'ë' => "e",
            'ì' | 'í' | 'î' | 'ï' | 'ı' => "i",
            'ñ' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ø' => "o",
            'ù' | 'ú' | 'û' => "u",
            'ş' | 'š' => "s",
            'ğ' => "g",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => "-",
        };
        out.push_str(spelled);
    }
    let mut slug = String::new();
    for part in out.split('-').filter(|p| !p.is_empty()) {
        if slug.len() + part.len() + 1 > MADE_MAX {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(part);
    }
    (!slug.is_empty()).then_some(slug)
}

/// A free slug for a new location of an import: from the name and city (or the store
/// code), with `-2`, `-3`, … when taken. `taken` holds every slug in use and learns the
/// new one.
pub fn unique_slug(
    details: &LocationDetails,
    taken: &mut HashSet<String>,
    next_suffix: &mut HashMap<String, u32>,
) -> Slug {
    let name = slug_text(&details.name).unwrap_or_default();
    let city = slug_text(&details.address.city).unwrap_or_default();
    // "Sonnenschein Basel" in Basel is `sonnenschein-basel`, not `sonnenschein-basel-basel`.
    let with_city = if format!("-{name}-").contains(&format!("-{city}-")) {
        name
    } else {
        format!("{name} {city}")
    };
    let base = slug_text(&with_city)
        .or_else(|| slug_text(&details.branch_code))
        .unwrap_or_else(|| "standort".to_string());
    let mut candidate = base.clone();
    let counter = next_suffix.entry(base.clone()).or_insert(1);
    loop {
        if let Ok(slug) = Slug::parse(&candidate)
            && !taken.contains(slug.as_str())
        {
            taken.insert(slug.as_str().to_string());
            return slug;
        }
        *counter += 1;
        candidate = format!("{base}-{counter}");
    }
}

#[cfg(test)]
#[path = "slug_tests.rs"]
mod tests;

/// The fediverse handle of the location `slug` on the instance at `public_url`
/// (`@slug@host`), or `None` when the public URL has an IP address (federation needs a host
/// name, so the server keeps it off).
pub fn fediverse_handle(public_url: &str, slug: &str) -> Option<String> {
    let rest = public_url.split_once("://").map_or(public_url, |(_, rest)| rest);
    let host = rest.split('/').next().filter(|host| !host.is_empty())?;
    let name = match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    };
    let is_ip = name.starts_with('[') || name.parse::<std::net::IpAddr>().is_ok();
    (!is_ip).then(|| format!("@{slug}@{}", host.to_ascii_lowercase()))
}
