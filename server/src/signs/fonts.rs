//! The embedded font (DejaVu Sans, regular and bold; see `fonts/README.md`) and text
//! measurement for the layout.
//!
//! Text is measured with rustybuzz, the shaper krilla's `draw_text` uses itself, on the
//! same font data, so a measured line is exactly as wide as the drawn one (kerning
//! included) and wrapping never overflows.

use krilla::text::Font;
use std::sync::OnceLock;

const REGULAR: &[u8] = include_bytes!("fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("fonts/DejaVuSans-Bold.ttf");

/// A font as krilla draws it and rustybuzz measures it.
pub(crate) struct Face {
    pub font: Font,
    shaper: rustybuzz::Face<'static>,
    units_per_em: f32,
}

impl Face {
    fn load(data: &'static [u8]) -> Option<Face> {
        let shaper = rustybuzz::Face::from_slice(data, 0)?;
        let units_per_em = shaper.units_per_em() as f32;
        let font = Font::new(krilla::Data::from(data), 0)?;
        Some(Face { font, shaper, units_per_em })
    }

    /// The advance width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let shaped = rustybuzz::shape(&self.shaper, &[], buffer);
        let units: i32 = shaped.glyph_positions().iter().map(|p| p.x_advance).sum();
        units as f32 / self.units_per_em * size
    }

    /// `text` broken into lines no wider than `width` at `size`: at spaces where possible,
    /// inside a word only when the word alone is too wide.
    pub fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate =
                if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
            if self.width(&candidate, size) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // A word wider than the line is cut by characters.
            for c in word.chars() {
                let longer = format!("{line}{c}");
                if !line.is_empty() && self.width(&longer, size) > width {
                    lines.push(std::mem::take(&mut line));
                    line.push(c);
                } else {
                    line = longer;
                }
            }
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }
}

pub(crate) struct Fonts {
    pub regular: Face,
    pub bold: Face,
}

/// The fonts, parsed once. `None` only if the vendored files were broken at build time,
/// which the tests catch.
pub(crate) fn fonts() -> Option<&'static Fonts> {
    static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();
    FONTS
        .get_or_init(|| Some(Fonts { regular: Face::load(REGULAR)?, bold: Face::load(BOLD)? }))
        .as_ref()
}
