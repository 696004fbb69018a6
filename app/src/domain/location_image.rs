//! A location's face: its logo and cover photo. Both are photos of the media pipeline
//! (content-addressed renditions under `/media`); the logo's alt text is the shop's name,
//! the cover carries an optional alt text of its own.

use super::post::PostPhoto;
use serde::{Deserialize, Serialize};

/// The cover's alt text, at most this many characters (as a post photo's).
pub const MAX_COVER_ALT_CHARS: usize = 300;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImageKind {
    Logo,
    Cover,
}

impl ImageKind {
    pub const ALL: [ImageKind; 2] = [ImageKind::Logo, ImageKind::Cover];

    pub fn as_str(self) -> &'static str {
        match self {
            ImageKind::Logo => "logo",
            ImageKind::Cover => "cover",
        }
    }

    /// The form's `which` field.
    pub fn parse(value: &str) -> Option<ImageKind> {
        match value.trim() {
            "logo" => Some(ImageKind::Logo),
            "cover" => Some(ImageKind::Cover),
            _ => None,
        }
    }
}

/// What a location has; `None` for an image not set.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LocationImages {
    pub logo: Option<PostPhoto>,
    pub cover: Option<PostPhoto>,
}

impl LocationImages {
    pub fn get(&self, kind: ImageKind) -> Option<&PostPhoto> {
        match kind {
            ImageKind::Logo => self.logo.as_ref(),
            ImageKind::Cover => self.cover.as_ref(),
        }
    }

    /// The picture a shared link shows: the cover, else the logo.
    pub fn preview(&self) -> Option<&PostPhoto> {
        self.cover.as_ref().or(self.logo.as_ref())
    }
}

/// The width of `photo`'s smallest rendition at least `at_least` pixels wide, else of its
/// largest.
pub fn rendition_width(photo: &PostPhoto, at_least: u32) -> u32 {
    photo
        .widths
        .iter()
        .copied()
        .filter(|w| *w >= at_least)
        .min()
        .or_else(|| photo.widths.iter().copied().max())
        .unwrap_or(photo.width)
}

/// That rendition as a JPEG, an absolute URL below `base` (no trailing slash): what
/// previews, JSON-LD and the fediverse profile link to.
pub fn jpeg_url(base: &str, photo: &PostPhoto, at_least: u32) -> String {
    format!("{base}/media/{}-{}.jpg", photo.hash, rendition_width(photo, at_least))
}

/// `photo`'s height at `width`, keeping its aspect ratio.
pub fn height_at(photo: &PostPhoto, width: u32) -> u32 {
    ((u64::from(photo.height) * u64::from(width)) / u64::from(photo.width.max(1))).max(1) as u32
}

#[cfg(test)]
#[path = "location_image_tests.rs"]
mod tests;
