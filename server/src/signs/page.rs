//! `POST /admin/locations/{id}/signs/page`: the sign of [`super::print`] as a print page
//! rather than a PDF: one standalone HTML document whose inline style sheet sets the paper
//! with `@page`, for printing from a phone's browser, where a downloaded PDF is awkward to
//! print. Same form, same checks, same [`SignText`], and recorded as a print like the PDF
//! (it is one).
//!
//! Nothing but the document itself: no script, no font, no image file. The QR code is
//! inline SVG, and the style sheet is allowed by its hash in this response's own CSP (the
//! server's default policy allows no inline style at all). A browser cannot shrink type to
//! fit a page without script, so [`fit`] estimates the sign's height from its words and
//! picks the type size here, as the PDF renderer does with exact font metrics; what still
//! does not fit at the smallest size runs onto a second sheet instead of being cut off.

use super::print::PrintForm;
use crate::ServerState;
use crate::http::access::LocationEditor;
use app::domain::sign::{PaperSize, SignKind};
use app::error::AppError;
use app::i18n::Lang;
use app::i18n::sign_text::{SignText, Words};
use axum::Form;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};
use sha2::{Digest, Sha256};

pub async fn page(
    State(state): State<ServerState>,
    editor: LocationEditor,
    Form(form): Form<PrintForm>,
) -> Result<Response, AppError> {
    let order = form.order(&state, &editor)?;
    let text = &order.text;
    let qr = qr_svg(&text.qr_url).map_err(AppError::internal)?;
    let style = style(text, order.paper);
    let html = document(text, &style, &qr, editor.id());
    order.record(&state, editor.id()).await?;
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(&style));
    let policy = format!(
        "default-src 'none'; style-src 'sha256-{hash}'; base-uri 'none'; form-action 'none'; \
         frame-ancestors 'none'"
    );
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8")),
            (header::CACHE_CONTROL, HeaderValue::from_static("private, no-store")),
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_str(&policy).map_err(AppError::internal)?,
            ),
        ],
        html,
    )
        .into_response())
}

/// A bilingual sign is German with English beneath (`SignLanguage::Bilingual`).
const SECOND_LANG: &str = "en";

/// Text for HTML content and quoted attribute values alike.
fn escape(text: &str) -> String {
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

/// A phrase with its second language beneath, smaller.
fn words(w: &Words) -> String {
    format!("{}{}", escape(&w.main), w.second.as_deref().map(beneath).unwrap_or_default())
}

fn beneath(text: &str) -> String {
    format!(r#"<span class="second" lang="{SECOND_LANG}">{}</span>"#, escape(text))
}

/// The QR code as inline SVG in module units (the style sheet sizes it), quiet zone
/// included, error correction level M as on the PDF.
fn qr_svg(url: &str) -> Result<String, qrcode::types::QrError> {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M)?;
    let svg = code.render::<svg::Color>().module_dimensions(1, 1).quiet_zone(true).build();
    // The XML declaration has no place inside HTML.
    let svg = svg.find("<svg").map_or(svg.as_str(), |start| &svg[start..]);
    let label = format!(r#"<svg class="qr" role="img" aria-label="{}" "#, escape(url));
    Ok(svg.replacen("<svg ", &label, 1))
}

fn document(text: &SignText, style: &str, qr: &str, location_id: i64) -> String {
    let t = Lang::parse(&text.lang).unwrap_or(Lang::De).signs();
    let title = text.closure.as_ref().map_or(&text.title.main, |c| &c.headline.main);
    let (kind, body) = match text.kind {
        SignKind::Door => ("door", door(text, qr)),
        SignKind::Closure { .. } => ("closure", closure(text, qr)),
        SignKind::Poster => ("poster", poster(text, qr)),
    };
    format!(
        r#"<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>{name} – {title}</title>
<style>{style}</style>
</head>
<body>
<header class="hint">
<p>{hint}</p>
<p><a href="/admin/locations/{location_id}/hours">{back}</a></p>
</header>
<main class="sheet {kind}">
<h1>{name}</h1>
{body}</main>
</body>
</html>
"#,
        lang = escape(&text.lang),
        name = escape(&text.name),
        title = escape(title),
        hint = escape(t.print_hint),
        back = escape(t.back_to_hours),
    )
}

fn door(text: &SignText, qr: &str) -> String {
    let mut out = format!(r#"<h2 id="title">{}</h2>"#, words(&text.title));
    out.push_str("\n<table class=\"hours\" aria-labelledby=\"title\">\n<tbody>\n");
    for line in &text.hours {
        // One span an interval: a line breaks between intervals, never inside one.
        let times = match &line.closed {
            Some(closed) => words(closed),
            None => {
                let last = line.times.len().saturating_sub(1);
                let times = line.times.iter().enumerate().map(|(i, time)| {
                    let comma = if i < last { "," } else { "" };
                    format!(r#"<span class="time">{}{comma}</span>"#, escape(time))
                });
                times.collect::<Vec<_>>().join(" ")
            }
        };
        out.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td>{times}</td></tr>\n",
            words(&line.days)
        ));
    }
    out.push_str("</tbody>\n</table>\n");
    if !text.notices.is_empty() {
        out.push_str(&format!(
            "<section class=\"notices\" aria-labelledby=\"notices\">\n\
             <h2 id=\"notices\">{}</h2>\n<ul>\n",
            words(&text.notices_heading)
        ));
        for notice in &text.notices {
            let hours = escape(&notice.hours.main);
            let mut main = if notice.closed { format!("<strong>{hours}</strong>") } else { hours };
            if !notice.note.main.is_empty() {
                main = format!("{main} · {}", escape(&notice.note.main));
            }
            let second = [notice.hours.second.as_deref(), notice.note.second.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · ");
            let second = if second.is_empty() { second } else { beneath(&second) };
            out.push_str(&format!(
                "<li><span class=\"dates\">{}</span> <span class=\"what\">{main}{second}</span></li>\n",
                escape(&notice.dates)
            ));
        }
        out.push_str("</ul>\n</section>\n");
    }
    out.push_str(&footer(text, Some(qr)));
    out
}

fn closure(text: &SignText, qr: &str) -> String {
    let Some(closure) = &text.closure else { return footer(text, Some(qr)) };
    let alert = if closure.closed { " alert" } else { "" };
    let mut out = format!(r#"<h2 class="headline{alert}">{}</h2>"#, words(&text.title));
    out.push_str(&format!("\n<p class=\"days\">{}</p>\n", words(&closure.days)));
    if let Some(hours) = &closure.hours {
        out.push_str(&format!("<p class=\"big-hours\">{}</p>\n", escape(hours)));
    }
    if !closure.note.is_empty() {
        out.push_str(&format!("<p class=\"note\">{}</p>\n", escape(&closure.note)));
    }
    if let Some(reopening) = &closure.reopening {
        out.push_str(&format!("<p class=\"reopening\">{}</p>\n", words(reopening)));
    }
    out.push_str(&footer(text, Some(qr)));
    out
}

fn poster(text: &SignText, qr: &str) -> String {
    let mut out = format!(r#"<h2 class="headline">{}</h2>"#, words(&text.title));
    if let Some(handle) = &text.handle {
        out.push_str(&format!("\n<p class=\"handle\">{}</p>", escape(handle)));
    }
    if let Some(how) = &text.follow_how {
        out.push_str(&format!("\n<p class=\"how\">{}</p>", words(how)));
    }
    out.push_str(&format!(
        "\n<div class=\"scan\">{qr}<p>{}</p>\n<p class=\"address\">{}</p></div>\n",
        words(&text.qr_caption),
        escape(&text.page_address)
    ));
    out.push_str(&footer(text, None));
    out
}

/// The QR code with its caption (door sign, closure notice) and the print date.
fn footer(text: &SignText, qr: Option<&str>) -> String {
    let stand = format!(r#"<p class="stand">{}</p>"#, words(&text.printed));
    let Some(qr) = qr else { return format!("<footer>{stand}</footer>\n") };
    format!(
        "<footer>\n<div class=\"scan\"><p>{}</p>\n<p class=\"address\">{}</p>\n{stand}</div>\n\
         {qr}\n</footer>\n",
        words(&text.qr_caption),
        escape(&text.page_address)
    )
}

/// The sheet in millimetres: width, height, and the margin around the sign.
fn sheet(paper: PaperSize) -> (&'static str, f32, f32, f32) {
    match paper {
        PaperSize::A4 => ("A4", 210.0, 297.0, 14.0),
        PaperSize::A5 => ("A5", 148.0, 210.0, 10.0),
    }
}

const PT_PER_MM: f32 = 72.0 / 25.4;

/// The QR code's side in millimetres: about the PDF's on the door, large on the poster.
fn qr_mm(kind: SignKind, paper: PaperSize) -> f32 {
    let (_, width, ..) = sheet(paper);
    let a4 = match kind {
        SignKind::Door => 50.0,
        SignKind::Closure { .. } => 42.0,
        SignKind::Poster => 95.0,
    };
    a4 * width / 210.0
}

/// Type sizes in rem, shared by the style sheet and the height estimate in [`fit`].
const LH: f32 = 1.2;
const SECOND: f32 = 0.75;
/// The second language in the notices and the small print, where it must stay legible.
const SMALL_SECOND: f32 = 0.85;
const NAME: f32 = 2.4;
const TITLE: f32 = 1.75;
const HOURS: f32 = 1.75;
const NOTICE_HEAD: f32 = 1.2;
const NOTICE: f32 = 1.1;
const SMALL: f32 = 1.0;
const STAND: f32 = 0.8;
const HEADLINE: f32 = 4.0;
const DAYS: f32 = 2.4;
const BIG_HOURS: f32 = 2.6;
const NOTE: f32 = 1.9;
const REOPEN: f32 = 1.5;
const POSTER: f32 = 3.4;
const HANDLE: f32 = 1.9;
const HOW: f32 = 1.2;
const ADDRESS: f32 = 1.3;

/// The style sheet: the paper, and type sized for it. The page has no margin of its own
/// (the sheet's padding is the margin): browsers print their header and footer (date,
/// title, address) only into the page margin, and they have no place on a door. On screen
/// the sheet is a scaled preview of the paper (type in `vw` up to its printed size), so a
/// phone shows what will come out of the printer.
fn style(text: &SignText, paper: PaperSize) -> String {
    let (name, width, height, margin) = sheet(paper);
    let root = fit(text, paper);
    let vw = |mm: f32| mm / width * 100.0;
    let values = [
        ("$PAPER$", name.to_string()),
        ("$MARGIN$", format!("{margin}mm")),
        ("$MARGIN_VW$", format!("{:.3}vw", vw(margin))),
        ("$ROOT$", format!("{root:.2}pt")),
        ("$ROOT_VW$", format!("{:.3}vw", vw(root / PT_PER_MM))),
        ("$WIDTH$", format!("{width}mm")),
        ("$RATIO$", format!("{width} / {height}")),
        // A hair less than the sheet, so rounding never starts an empty second one.
        ("$MIN_HEIGHT$", format!("{}mm", height - 3.0)),
        ("$QR$", format!("{:.3}rem", qr_mm(text.kind, paper) * PT_PER_MM / root)),
        ("$SECOND$", format!("{SECOND}em")),
        ("$SMALL_SECOND$", format!("{SMALL_SECOND}em")),
        ("$NAME$", format!("{NAME}rem")),
        ("$TITLE$", format!("{TITLE}rem")),
        ("$HOURS$", format!("{HOURS}rem")),
        ("$NOTICE_HEAD$", format!("{NOTICE_HEAD}rem")),
        ("$NOTICE$", format!("{NOTICE}rem")),
        ("$SMALL$", format!("{SMALL}rem")),
        ("$STAND$", format!("{STAND}rem")),
        ("$HEADLINE$", format!("{HEADLINE}rem")),
        ("$DAYS$", format!("{DAYS}rem")),
        ("$BIG_HOURS$", format!("{BIG_HOURS}rem")),
        ("$NOTE$", format!("{NOTE}rem")),
        ("$REOPEN$", format!("{REOPEN}rem")),
        ("$POSTER$", format!("{POSTER}rem")),
        ("$HANDLE$", format!("{HANDLE}rem")),
        ("$HOW$", format!("{HOW}rem")),
        ("$ADDRESS$", format!("{ADDRESS}rem")),
    ];
    values.iter().fold(STYLE.to_string(), |css, (token, value)| css.replace(token, value))
}

const STYLE: &str = "
@page { size: $PAPER$ portrait; margin: 0; }
*, ::before, ::after { box-sizing: border-box; }
html { color: #111; background: #fff; line-height: 1.2; -webkit-text-size-adjust: 100%;
  text-size-adjust: 100%; font-family: Arial, Helvetica, \"Liberation Sans\", Roboto, sans-serif; }
body { margin: 0; }
h1, h2, p, ul, table { margin: 0; }
.hint { font: 16px/1.5 system-ui, sans-serif; padding: 8px 16px; background: #fff;
  border-bottom: 1px solid #555; }
.hint a { color: #0b57d0; }
.sheet { display: flex; flex-direction: column; background: #fff; }
h1 { font-size: $NAME$; text-align: center; padding-bottom: .4rem; margin-bottom: .8rem;
  border-bottom: .12rem solid #111; overflow-wrap: anywhere; }
h2 { font-size: $TITLE$; margin-bottom: .5rem; }
.second { display: block; font-size: $SECOND$; font-weight: normal; color: #333; }
.notices .second, footer .second { font-size: $SMALL_SECOND$; }
.hours { width: 100%; border-collapse: collapse; font-size: $HOURS$; }
.hours th { width: 1%; padding: .15em 1em .15em 0; text-align: left; vertical-align: top;
  white-space: nowrap; }
.hours td { padding: .15em 0; vertical-align: top; }
.time { white-space: nowrap; }
.notices { margin-top: .8rem; padding: .6rem; border: .12rem solid #111; break-inside: avoid; }
.notices h2 { font-size: $NOTICE_HEAD$; margin-bottom: .4rem; color: #960000; }
.notices ul { padding: 0; list-style: none; font-size: $NOTICE$; }
.notices li { display: flex; gap: .8em; padding: .15em 0; }
.dates { flex: none; width: 7em; font-weight: bold; }
.what { flex: 1; min-width: 0; }
footer { display: flex; align-items: flex-end; gap: 1rem; margin-top: auto; padding-top: .8rem;
  font-size: $SMALL$; break-inside: avoid; }
footer .scan { flex: 1; min-width: 0; }
.address { margin-top: .3em; font-weight: bold; overflow-wrap: anywhere; }
.stand { margin-top: .8rem; font-size: $STAND$; color: #555; }
.qr { display: block; flex: none; width: $QR$; height: $QR$; }
.headline { margin: .6rem 0 1.2rem; font-size: $HEADLINE$; text-align: center; }
.alert, .handle { color: #960000; }
.days, .big-hours, .note, .reopening, .handle, .how, .poster .scan { text-align: center; }
.days { font-size: $DAYS$; font-weight: bold; }
.big-hours { margin-top: .3rem; font-size: $BIG_HOURS$; font-weight: bold; }
.note { margin-top: .8rem; font-size: $NOTE$; }
.reopening { margin-top: 1.6rem; padding: .8rem; border: .15rem solid #111; font-size: $REOPEN$;
  font-weight: bold; }
.poster .headline { font-size: $POSTER$; }
.handle { font-size: $HANDLE$; font-weight: bold; overflow-wrap: anywhere; }
.how { margin-top: .4rem; font-size: $HOW$; }
.poster .scan { margin-top: 1rem; font-size: $HOW$; }
.poster .qr { margin: 0 auto .4rem; }
.poster .address { font-size: $ADDRESS$; }
@media screen {
  html { font-size: min($ROOT$, $ROOT_VW$); background: #ddd; }
  .sheet { max-width: $WIDTH$; margin: 0 auto; padding: min($MARGIN$, $MARGIN_VW$);
    aspect-ratio: $RATIO$; }
}
@media print {
  html { font-size: $ROOT$; }
  .hint { display: none; }
  .sheet { min-height: $MIN_HEIGHT$; padding: $MARGIN$; }
}
";

/// The root type size (pt) at which the sign is estimated to fit its sheet: lines per part
/// at the sizes above, with generous glyph widths (DejaVu Sans, the widest common
/// fallback, averages about 0.6 em), so a phone's narrower fonts leave room over rather
/// than spill onto a second sheet. Starts large (a door is read from a few steps away).
fn fit(text: &SignText, paper: PaperSize) -> f32 {
    let (_, width, height, margin) = sheet(paper);
    let scale = width / 210.0;
    let room = |mm: f32| (mm - 2.0 * margin) * PT_PER_MM;
    let qr = qr_mm(text.kind, paper) * PT_PER_MM;
    let mut root = 18.0 * scale;
    while root > 6.0 && estimate(text, room(width) / root, qr / root) * root > room(height) * 0.94 {
        root *= 0.93;
    }
    root
}

/// Lines of `text` at `size` in a column `width` wide (both in rem).
fn lines(text: &str, size: f32, width: f32) -> f32 {
    (text.chars().count() as f32 * 0.62 * size / width.max(1.0)).ceil().max(1.0)
}

/// The height (rem) of a phrase at `size`, its second language beneath at `size * second`.
fn phrase(w: &Words, size: f32, width: f32, second: f32) -> f32 {
    let beneath = w.second.as_deref().map_or(0.0, |s| lines(s, size * second, width) * second);
    (lines(&w.main, size, width) + beneath) * size * LH
}

/// The sign's height in rem when the text column is `width` rem wide.
fn estimate(text: &SignText, width: f32, qr: f32) -> f32 {
    let mut h = lines(&text.name, NAME, width) * NAME * LH + 1.32;
    let footer_width = width - qr - 1.0;
    let footer = 0.8
        + qr.max(
            phrase(&text.qr_caption, SMALL, footer_width, SMALL_SECOND)
                + (lines(&text.page_address, SMALL, footer_width) + 0.3) * SMALL * LH
                + 0.8
                + phrase(&text.printed, STAND, footer_width, SMALL_SECOND),
        );
    match text.kind {
        SignKind::Door => {
            h += phrase(&text.title, TITLE, width, SECOND) + 0.5;
            let widest = |w: &Words| {
                let second = w.second.as_deref().map_or(0, |s| s.chars().count()) as f32;
                (w.main.chars().count() as f32).max(second * SECOND) * 0.65 * HOURS
            };
            let days = text.hours.iter().map(|l| widest(&l.days)).fold(0.0, f32::max) + HOURS;
            let times = (width - days).max(width * 0.3);
            let per_line = (times / (12.0 * 0.62 * HOURS)).floor().max(1.0);
            for line in &text.hours {
                let right = match &line.closed {
                    Some(closed) => phrase(closed, HOURS, times, SECOND),
                    None => (line.times.len().max(1) as f32 / per_line).ceil() * HOURS * LH,
                };
                h += phrase(&line.days, HOURS, f32::INFINITY, SECOND).max(right) + 0.3 * HOURS;
            }
            if !text.notices.is_empty() {
                let inner = width - 1.44;
                h += 2.84 + phrase(&text.notices_heading, NOTICE_HEAD, inner, SMALL_SECOND);
                for notice in &text.notices {
                    let main = format!("{} · {}", notice.hours.main, notice.note.main);
                    let second = [&notice.hours.second, &notice.note.second]
                        .into_iter()
                        .flatten()
                        .map(String::as_str)
                        .collect::<Vec<_>>()
                        .join(" · ");
                    let what = Words { main, second: (!second.is_empty()).then_some(second) };
                    h += phrase(&what, NOTICE, inner - 7.8 * NOTICE, SMALL_SECOND) + 0.3 * NOTICE;
                }
            }
            h + footer
        }
        SignKind::Closure { .. } => {
            h += 1.8 + phrase(&text.title, HEADLINE, width, SECOND);
            if let Some(closure) = &text.closure {
                h += phrase(&closure.days, DAYS, width, SECOND);
                if let Some(hours) = &closure.hours {
                    h += 0.3 + lines(hours, BIG_HOURS, width) * BIG_HOURS * LH;
                }
                if !closure.note.is_empty() {
                    h += 0.8 + lines(&closure.note, NOTE, width) * NOTE * LH;
                }
                if let Some(reopening) = &closure.reopening {
                    h += 3.5 + phrase(reopening, REOPEN, width - 1.9, SECOND);
                }
            }
            h + footer
        }
        SignKind::Poster => {
            h += 1.8 + phrase(&text.title, POSTER, width, SECOND);
            h += text.handle.as_deref().map_or(0.0, |t| lines(t, HANDLE, width) * HANDLE * LH);
            h += text.follow_how.as_ref().map_or(0.0, |how| 0.4 + phrase(how, HOW, width, SECOND));
            h += 1.4 + qr + phrase(&text.qr_caption, HOW, width, SECOND);
            h += (0.3 + lines(&text.page_address, ADDRESS, width)) * ADDRESS * LH;
            h + 0.8 + phrase(&text.printed, STAND, width, SMALL_SECOND)
        }
    }
}
