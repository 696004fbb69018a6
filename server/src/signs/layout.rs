//! A small flow layout: lines of wrapped text, two-column rows, shaded boxes and the QR
//! code become positioned drawing operations. Layout is separate from drawing so a sign
//! can be laid out, measured and laid out again smaller until it fits the page.

use super::fonts::{Face, Fonts};
use app::i18n::sign_text::Words;

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Ink {
    Text,
    Muted,
    Alert,
    Light,
}

impl Ink {
    pub fn rgb(self) -> (u8, u8, u8) {
        match self {
            Ink::Text => (17, 17, 17),
            Ink::Muted => (85, 85, 85),
            Ink::Alert => (150, 0, 0),
            Ink::Light => (255, 243, 196),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Center,
}

/// One positioned thing to draw; `y` of text is its baseline, everything in points from
/// the page's top-left corner.
#[derive(Clone, Debug)]
pub(crate) enum Op {
    Text { x: f32, y: f32, size: f32, bold: bool, ink: Ink, text: String },
    Rect { x: f32, y: f32, w: f32, h: f32, fill: Ink, border: Option<Ink> },
    Line { x1: f32, x2: f32, y: f32, width: f32 },
    Qr { x: f32, y: f32, size: f32, url: String },
}

/// Text style: size in points, weight, colour.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Style {
    pub size: f32,
    pub bold: bool,
    pub ink: Ink,
}

impl Style {
    pub fn new(size: f32, bold: bool, ink: Ink) -> Style {
        Style { size, bold, ink }
    }

    /// The second-language style under a main style: smaller, regular, muted.
    pub fn second(self) -> Style {
        Style { size: self.size * 0.78, bold: false, ink: Ink::Muted }
    }
}

/// Line height as a multiple of the font size, and where the baseline sits in a line.
const LEADING: f32 = 1.22;
const ASCENT: f32 = 0.95;

/// Lays out top to bottom within `x..x + width`, starting at `y`.
pub(crate) struct Flow<'a> {
    pub fonts: &'a Fonts,
    pub ops: Vec<Op>,
    pub x: f32,
    pub y: f32,
    pub width: f32,
}

impl<'a> Flow<'a> {
    pub fn new(fonts: &'a Fonts, x: f32, y: f32, width: f32) -> Flow<'a> {
        Flow { fonts, ops: Vec::new(), x, y, width }
    }

    pub fn face(&self, style: Style) -> &'a Face {
        if style.bold { &self.fonts.bold } else { &self.fonts.regular }
    }

    /// Wrapped lines of `text` in `x..x + width`; returns the height used.
    fn lines_at(
        &mut self,
        text: &str,
        style: Style,
        x: f32,
        width: f32,
        y: f32,
        align: Align,
    ) -> f32 {
        let face = self.face(style);
        let mut top = y;
        for line in face.wrap(text, style.size, width) {
            let left = match align {
                Align::Left => x,
                Align::Center => x + (width - face.width(&line, style.size)).max(0.0) / 2.0,
            };
            self.ops.push(Op::Text {
                x: left,
                y: top + style.size * ASCENT,
                size: style.size,
                bold: style.bold,
                ink: style.ink,
                text: line,
            });
            top += style.size * LEADING;
        }
        top - y
    }

    pub fn text(&mut self, text: &str, style: Style, align: Align) {
        if text.trim().is_empty() {
            return;
        }
        let (x, width, y) = (self.x, self.width, self.y);
        self.y += self.lines_at(text, style, x, width, y, align);
    }

    /// A phrase: the main text, and the second language's beneath it.
    pub fn words(&mut self, words: &Words, style: Style, align: Align) {
        self.text(&words.main, style, align);
        if let Some(second) = &words.second {
            self.text(second, style.second(), align);
        }
    }

    /// One line that shrinks (down to `min` points) before it wraps: a name or a handle
    /// reads best on one line.
    pub fn fitted(&mut self, text: &str, style: Style, min: f32, align: Align) {
        let natural = self.face(style).width(text, style.size);
        let size = if natural <= self.width {
            style.size
        } else {
            // A hair under the exact fit, so rounding cannot tip it into wrapping.
            (style.size * self.width / natural * 0.995).max(min)
        };
        self.text(text, Style { size, ..style }, align);
    }

    pub fn gap(&mut self, height: f32) {
        self.y += height;
    }

    pub fn rule(&mut self, width: f32) {
        self.ops.push(Op::Line { x1: self.x, x2: self.x + self.width, y: self.y, width });
    }

    /// A two-column row: each side a list of (text, style) lines, wrapped in its column.
    pub fn row(
        &mut self,
        left: &[(String, Style)],
        right: &[(String, Style)],
        left_width: f32,
        gap: f32,
    ) {
        let (x, y) = (self.x, self.y);
        let mut used_left = 0.0;
        for (text, style) in left {
            used_left += self.lines_at(text, *style, x, left_width, y + used_left, Align::Left);
        }
        let right_x = x + left_width + gap;
        let right_width = (self.width - left_width - gap).max(1.0);
        let mut used_right = 0.0;
        for (text, style) in right {
            used_right +=
                self.lines_at(text, *style, right_x, right_width, y + used_right, Align::Left);
        }
        self.y += f32::max(used_left, used_right);
    }

    /// Everything pushed by `content` on a shaded box with a border, padded by `pad`.
    pub fn boxed(&mut self, pad: f32, content: impl FnOnce(&mut Flow<'a>)) {
        let at = self.ops.len();
        let top = self.y;
        let (x, width) = (self.x, self.width);
        self.x += pad;
        self.width -= 2.0 * pad;
        self.y += pad;
        content(self);
        self.y += pad * 0.6;
        self.x = x;
        self.width = width;
        let rect = Op::Rect {
            x,
            y: top,
            w: width,
            h: self.y - top,
            fill: Ink::Light,
            border: Some(Ink::Alert),
        };
        self.ops.insert(at, rect);
    }

    pub fn qr(&mut self, url: &str, size: f32) {
        let x = self.x + (self.width - size) / 2.0;
        self.ops.push(Op::Qr { x, y: self.y, size, url: url.to_string() });
        self.y += size;
    }
}
