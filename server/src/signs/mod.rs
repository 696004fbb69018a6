//! Printed signs as PDF: the door sign, the closure notice and the counter poster, in A4 or
//! A5 portrait, from a [`SignText`] (`app::i18n::sign_text`), so the PDF says exactly what
//! the print page (`page.rs`: HTML with `@page`, printed from the browser) says.
//!
//! Why krilla (0.8, by the Typst authors): it embeds and *subsets* TrueType fonts itself
//! (a sign's PDF carries only the glyphs it uses, with a ToUnicode map, so `pdftotext`
//! reads the words back and umlauts survive), draws vector paths (the QR code stays sharp
//! at any size), writes deterministic output, and with `default-features = false` +
//! `simple-text` it brings only pure-Rust crates (pdf-writer, skrifa/read-fonts,
//! subsetter, rustybuzz, tiny-skia-path). printpdf 0.12 was the alternative: its text
//! layout pulls in the azul layout engine and font discovery, more code for what these
//! pages need. The cost, measured on this 2-core machine under load: a from-scratch release
//! build of krilla's tree takes about 5 minutes wall clock (write-fonts alone, which
//! subsetter's variable-font support pulls in, is a third of it) and adds about 4 MB to a
//! release binary; a sign takes about 10 ms to make in release (model, layout and PDF) and
//! is 15 to 18 KB.
//!
//! Layout: the shop's name on top in bold, shrunk to fit one line (wrapped only below a
//! minimum size); the rest flows below and is laid out again at a smaller scale until it
//! fits above the footer (QR code, its caption, and the print date in the bottom-left
//! corner), so long names and many intervals shrink instead of running off the page.

mod draw;
mod fonts;
mod layout;
pub mod page;
pub mod print;

use app::domain::sign::{PaperSize, SignKind};
use app::i18n::sign_text::SignText;
use krilla::Document;
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use layout::{Align, Flow, Ink, Op, Style};

#[derive(Debug, thiserror::Error)]
pub enum SignPdfError {
    #[error("the embedded font could not be read")]
    Font,
    #[error("the page address is too long for a QR code")]
    QrTooLong,
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
}

/// The PDF of a sign on `paper`. Deterministic: the same text gives the same bytes (no
/// creation time inside), so a print can be cached or compared.
pub fn render(text: &SignText, paper: PaperSize) -> Result<Vec<u8>, SignPdfError> {
    let fonts = fonts::fonts().ok_or(SignPdfError::Font)?;
    // Refuse an address no QR code can hold before laying anything out.
    draw::qr_runs(&text.qr_url).map_err(|_| SignPdfError::QrTooLong)?;
    let (width, height) = paper.points();
    let ops = lay_out(fonts, text, width, height);

    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(format!("{} – {}", text.name, text.title.main))
            .language(text.lang.clone())
            .creator("Nahbar".into()),
    );
    let settings =
        PageSettings::from_wh(width, height).ok_or(SignPdfError::Pdf("page size".into()))?;
    let mut page = document.start_page_with(settings);
    let mut surface = page.surface();
    draw::draw(&mut surface, fonts, &ops)?;
    surface.finish();
    page.finish();
    document.finish().map_err(|e| SignPdfError::Pdf(format!("{e:?}")))
}

/// Nominal sizes are for A4; `s` scales them to the paper, `k` shrinks the flow to fit.
fn lay_out(fonts: &fonts::Fonts, text: &SignText, width: f32, height: f32) -> Vec<Op> {
    let s = width / 595.276;
    let margin = 42.0 * s;
    let inner = width - 2.0 * margin;

    let mut header = Flow::new(fonts, margin, margin, inner);
    header.fitted(&text.name, Style::new(40.0 * s, true, Ink::Text), 22.0 * s, Align::Center);
    header.gap(8.0 * s);
    header.rule(1.2 * s);
    header.gap(14.0 * s);

    let (footer, footer_top) = footer(fonts, text, width, height, s);
    // Start large (a door is read from a few steps away) and shrink until the flow fits;
    // the poster's QR code takes whatever room its text leaves, so its text starts smaller.
    let mut scale = if text.kind == SignKind::Poster { 1.25 } else { 1.5 };
    loop {
        let mut flow = Flow::new(fonts, margin, header.y, inner);
        match text.kind {
            SignKind::Door => door(&mut flow, text, s * scale),
            SignKind::Closure { .. } => closure(&mut flow, text, s * scale),
            SignKind::Poster => poster(&mut flow, text, s * scale, footer_top),
        }
        if flow.y <= footer_top || scale < 0.3 {
            let mut ops = header.ops;
            // Whatever still does not fit at the smallest scale is left out, never drawn
            // over the footer or off the page.
            ops.extend(flow.ops.into_iter().filter(|op| bottom(op) <= footer_top + 0.5));
            ops.extend(footer);
            return ops;
        }
        scale *= 0.93;
    }
}

fn bottom(op: &Op) -> f32 {
    match op {
        Op::Text { y, size, .. } => y + size * 0.25,
        Op::Rect { y, h, .. } => y + h,
        Op::Line { y, .. } => *y,
        Op::Qr { y, size, .. } => y + size,
    }
}

/// The QR code with its caption (door sign, closure notice) and the print date; returns
/// the operations and the top of the footer, where the flow must end.
fn footer(
    fonts: &fonts::Fonts,
    text: &SignText,
    width: f32,
    height: f32,
    s: f32,
) -> (Vec<Op>, f32) {
    let margin = 42.0 * s;
    // Small print keeps a floor on A5: the date and caption must stay readable.
    let date = Style::new((9.5 * s).max(8.0), false, Ink::Muted);
    let mut ops = vec![Op::Text {
        x: margin,
        y: height - margin * 0.6,
        size: date.size,
        bold: false,
        ink: Ink::Muted,
        text: text.printed.joined(),
    }];
    let qr_size = match text.kind {
        SignKind::Door => 150.0 * s,
        SignKind::Closure { .. } => 120.0 * s,
        // The poster's QR code is part of its flow.
        SignKind::Poster => return (ops, height - margin - 16.0 * s),
    };
    let qr_top = height - margin - qr_size;
    ops.push(Op::Qr {
        x: width - margin - qr_size + 6.0 * s,
        y: qr_top,
        size: qr_size,
        url: text.qr_url.clone(),
    });
    let caption_width = width - 2.0 * margin - qr_size - 10.0 * s;
    let mut caption = Flow::new(fonts, margin, 0.0, caption_width);
    let small = (13.0 * s).max(10.5);
    caption.words(&text.qr_caption, Style::new(small, false, Ink::Text), Align::Left);
    caption.gap(4.0 * s);
    caption.text(&text.page_address, Style::new(small, true, Ink::Text), Align::Left);
    // Bottom-align the caption with the code, above the print date.
    let shift = height - margin - 8.0 * s - caption.y;
    for op in caption.ops {
        if let Op::Text { x, y, size, bold, ink, text } = op {
            ops.push(Op::Text { x, y: y + shift, size, bold, ink, text });
        }
    }
    (ops, (qr_top).min(shift) - 12.0 * s)
}

fn door(flow: &mut Flow<'_>, text: &SignText, s: f32) {
    flow.words(&text.title, Style::new(22.0 * s, true, Ink::Text), Align::Left);
    flow.gap(10.0 * s);
    let day = Style::new(22.0 * s, true, Ink::Text);
    let time = Style::new(22.0 * s, false, Ink::Text);
    // On a bilingual sign both languages share a cell when they fit the days column,
    // otherwise the English days go beneath the German ones.
    let width_of = |text: &str, style: Style| flow.face(style).width(text, style.size);
    let joined_days =
        text.hours.iter().map(|h| width_of(&h.days.joined(), day)).fold(0.0, f32::max);
    let share = joined_days <= flow.width * 0.36;
    let days_width = if share {
        joined_days
    } else {
        text.hours
            .iter()
            .flat_map(|h| {
                [Some((&h.days.main, day)), h.days.second.as_ref().map(|t| (t, day.second()))]
            })
            .flatten()
            .map(|(t, style)| width_of(t, style))
            .fold(0.0, f32::max)
            .min(flow.width * 0.4)
    };
    // Table cells are short: on a bilingual sign both languages share the line. Intervals
    // that do not fit on one line are stacked, one a line, as on a painted door sign.
    let times_width = flow.width - days_width - 18.0 * s;
    for line in &text.hours {
        let left = match (&line.days.second, share) {
            (Some(second), false) => {
                vec![(line.days.main.clone(), day), (second.clone(), day.second())]
            }
            _ => vec![(line.days.joined(), day)],
        };
        let right: Vec<(String, Style)> = match &line.closed {
            Some(closed) => vec![(closed.joined(), time)],
            None => {
                let joined = line.times.join(", ");
                if flow.face(time).width(&joined, time.size) <= times_width {
                    vec![(joined, time)]
                } else {
                    line.times.iter().map(|t| (t.clone(), time)).collect()
                }
            }
        };
        flow.row(&left, &right, days_width, 18.0 * s);
        flow.gap(6.0 * s);
    }
    if text.notices.is_empty() {
        return;
    }
    flow.gap(14.0 * s);
    flow.boxed(12.0 * s, |flow| {
        flow.words(&text.notices_heading, Style::new(18.0 * s, true, Ink::Alert), Align::Left);
        flow.gap(6.0 * s);
        let date = Style::new(16.0 * s, true, Ink::Text);
        let what = Style::new(16.0 * s, false, Ink::Text);
        let dates_width = text
            .notices
            .iter()
            .map(|n| flow.face(date).width(&n.dates, date.size))
            .fold(0.0, f32::max)
            .min(flow.width * 0.45);
        for notice in &text.notices {
            let hours = if notice.closed { Style { bold: true, ..what } } else { what };
            let mut main = notice.hours.main.clone();
            if !notice.note.main.is_empty() {
                main = format!("{main} · {}", notice.note.main);
            }
            let mut right = vec![(main, hours)];
            let second: Vec<&str> = [notice.hours.second.as_deref(), notice.note.second.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            if !second.is_empty() {
                right.push((second.join(" · "), what.second()));
            }
            flow.row(&[(notice.dates.clone(), date)], &right, dates_width, 14.0 * s);
            flow.gap(4.0 * s);
        }
    });
}

fn closure(flow: &mut Flow<'_>, text: &SignText, s: f32) {
    let Some(closure) = &text.closure else { return };
    let ink = if closure.closed { Ink::Alert } else { Ink::Text };
    let title = Style::new(72.0 * s, true, ink);
    flow.gap(12.0 * s);
    flow.fitted(&text.title.main, title, 30.0 * s, Align::Center);
    if let Some(second) = &text.title.second {
        flow.fitted(second, title.second(), 20.0 * s, Align::Center);
    }
    flow.gap(22.0 * s);
    // The days on one line where at all possible: a date torn from its weekday misreads.
    let days = Style::new(40.0 * s, true, Ink::Text);
    flow.fitted(&closure.days.main, days, 20.0 * s, Align::Center);
    if let Some(second) = &closure.days.second {
        flow.fitted(second, days.second(), 16.0 * s, Align::Center);
    }
    if let Some(hours) = &closure.hours {
        flow.gap(6.0 * s);
        flow.text(hours, Style::new(44.0 * s, true, Ink::Text), Align::Center);
    }
    flow.gap(14.0 * s);
    flow.text(&closure.note, Style::new(32.0 * s, false, Ink::Text), Align::Center);
    if let Some(reopening) = &closure.reopening {
        flow.gap(32.0 * s);
        flow.boxed(16.0 * s, |flow| {
            flow.words(reopening, Style::new(26.0 * s, true, Ink::Text), Align::Center);
        });
    }
}

fn poster(flow: &mut Flow<'_>, text: &SignText, s: f32, footer_top: f32) {
    flow.gap(10.0 * s);
    let title = Style::new(60.0 * s, true, Ink::Text);
    flow.fitted(&text.title.main, title, 28.0 * s, Align::Center);
    if let Some(second) = &text.title.second {
        flow.fitted(second, title.second(), 20.0 * s, Align::Center);
    }
    flow.gap(18.0 * s);
    if let Some(handle) = &text.handle {
        flow.fitted(handle, Style::new(30.0 * s, true, Ink::Alert), 12.0 * s, Align::Center);
    }
    if let Some(how) = &text.follow_how {
        flow.gap(6.0 * s);
        flow.words(how, Style::new(16.0 * s, false, Ink::Text), Align::Center);
    }
    flow.gap(18.0 * s);
    // The code takes the room the captions leave, up to 300 pt (10.5 cm on A4).
    let captions = |flow: &mut Flow<'_>| {
        flow.gap(6.0 * s);
        flow.words(&text.qr_caption, Style::new(15.0 * s, false, Ink::Text), Align::Center);
        flow.gap(4.0 * s);
        flow.text(&text.page_address, Style::new(18.0 * s, true, Ink::Text), Align::Center);
    };
    let mut probe = Flow::new(flow.fonts, flow.x, 0.0, flow.width);
    captions(&mut probe);
    let room = footer_top - flow.y - probe.y;
    flow.qr(&text.qr_url, room.clamp(120.0 * s, 300.0 * s));
    captions(flow);
}

#[cfg(test)]
mod tests;
