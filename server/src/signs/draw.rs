//! Laid-out operations onto a krilla page: text with the embedded font (subset by krilla,
//! with a ToUnicode map so `pdftotext` and screen readers get the words back), filled
//! rectangles, rules, and the QR code as vector squares.

use super::fonts::Fonts;
use super::layout::{Ink, Op};
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::num::NormalizedF32;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::surface::Surface;
use krilla::text::TextDirection;
use qrcode::{Color, EcLevel, QrCode};

fn fill(ink: Ink) -> Fill {
    let (r, g, b) = ink.rgb();
    Fill {
        paint: rgb::Color::new(r, g, b).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

fn stroke(ink: Ink, width: f32) -> Stroke {
    let (r, g, b) = ink.rgb();
    Stroke { paint: rgb::Color::new(r, g, b).into(), width, ..Stroke::default() }
}

/// Modules of quiet zone around the code, as the QR standard asks for.
pub(crate) const QUIET_MODULES: usize = 4;

/// A run of dark modules in one row: row, first column, length.
type Run = (usize, usize, usize);

/// The dark modules of a QR code for `url` as runs, and the number of modules a side
/// (without quiet zone). Error correction level M: it survives a little dirt on a door and
/// keeps the code coarse enough to print small.
pub(crate) fn qr_runs(url: &str) -> Result<(usize, Vec<Run>), qrcode::types::QrError> {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M)?;
    let side = code.width();
    let colors = code.to_colors();
    let mut runs = Vec::new();
    for row in 0..side {
        let mut col = 0;
        while col < side {
            if colors[row * side + col] == Color::Dark {
                let start = col;
                while col < side && colors[row * side + col] == Color::Dark {
                    col += 1;
                }
                runs.push((row, start, col - start));
            } else {
                col += 1;
            }
        }
    }
    Ok((side, runs))
}

pub(crate) fn draw(
    surface: &mut Surface<'_>,
    fonts: &Fonts,
    ops: &[Op],
) -> Result<(), super::SignPdfError> {
    for op in ops {
        match op {
            Op::Text { x, y, size, bold, ink, text } => {
                let face = if *bold { &fonts.bold } else { &fonts.regular };
                surface.set_fill(Some(fill(*ink)));
                surface.set_stroke(None);
                surface.draw_text(
                    Point::from_xy(*x, *y),
                    face.font.clone(),
                    *size,
                    text,
                    false,
                    TextDirection::Auto,
                );
            }
            Op::Rect { x, y, w, h, fill: ink, border } => {
                let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) else { continue };
                let mut path = PathBuilder::new();
                path.push_rect(rect);
                let Some(path) = path.finish() else { continue };
                surface.set_fill(Some(fill(*ink)));
                surface.set_stroke(border.map(|b| stroke(b, 1.5)));
                surface.draw_path(&path);
            }
            Op::Line { x1, x2, y, width } => {
                let mut path = PathBuilder::new();
                path.move_to(*x1, *y);
                path.line_to(*x2, *y);
                let Some(path) = path.finish() else { continue };
                surface.set_fill(None);
                surface.set_stroke(Some(stroke(Ink::Text, *width)));
                surface.draw_path(&path);
            }
            Op::Qr { x, y, size, url } => {
                let (side, runs) = qr_runs(url).map_err(|_| super::SignPdfError::QrTooLong)?;
                let module = size / (side + 2 * QUIET_MODULES) as f32;
                let (left, top) =
                    (x + module * QUIET_MODULES as f32, y + module * QUIET_MODULES as f32);
                // One path for all modules: one fill, so no hairline seams between squares.
                let mut path = PathBuilder::new();
                for (row, col, len) in runs {
                    let rect = Rect::from_xywh(
                        left + col as f32 * module,
                        top + row as f32 * module,
                        len as f32 * module,
                        module,
                    );
                    if let Some(rect) = rect {
                        path.push_rect(rect);
                    }
                }
                let Some(path) = path.finish() else { continue };
                surface.set_fill(Some(fill(Ink::Text)));
                surface.set_stroke(None);
                surface.draw_path(&path);
            }
        }
    }
    Ok(())
}
