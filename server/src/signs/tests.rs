//! The sign PDFs read back by real tools: `pdfinfo` (page size), `pdftotext` (the words,
//! umlauts included), `pdftoppm` + `zbarimg` (the QR code decodes to the tagged address).
//! Set `SIGNS_PNG_DIR` to keep the renderings for looking at them.

use super::*;
use app::domain::hours::{Interval, TimeOfDay, WeeklyHours};
use app::domain::location::{Address, Location, LocationDetails};
use app::domain::schedule::{HolidayRule, SpecialHours};
use app::domain::sign::{Sign, SignLanguage};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::process::Command;

fn tool(name: &str) -> Command {
    let found = Command::new("sh").arg("-c").arg(format!("command -v {name}")).output();
    assert!(
        found.is_ok_and(|o| o.status.success()),
        "{name} is missing: run `.ci/install-tools.sh --browser` (installs poppler-utils, zbar-tools)"
    );
    Command::new(name)
}

fn run(command: &mut Command) -> String {
    let output = command.output().expect("tool runs");
    assert!(output.status.success(), "{command:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn iv(o: &str, c: &str) -> Interval {
    Interval::new(TimeOfDay::parse(o).expect("t"), TimeOfDay::parse(c).expect("t"))
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

pub(super) fn bakery() -> Location {
    let mut hours = WeeklyHours::default();
    for day in 0..5 {
        hours.days[day] = vec![iv("06:30", "12:30"), iv("14:00", "18:30")];
    }
    hours.days[5] = vec![iv("07:00", "12:00")];
    Location {
        id: 1,
        business_id: 1,
        business_name: "Bäckerei Sonnenschein".into(),
        slug: "sonnenschein".into(),
        details: LocationDetails {
            name: "Bäckerei Sonnenschein".into(),
            schema_type: "Bakery".into(),
            address: Address {
                street: "Kaiser-Joseph-Straße 1".into(),
                postal_code: "79098".into(),
                city: "Freiburg".into(),
                country: "DE".into(),
                region: "DE-BW".into(),
            },
            timezone: "Europe/Berlin".into(),
            language: "de".into(),
            ..LocationDetails::default()
        },
        hours,
        special: vec![
            SpecialHours {
                id: 7,
                from: date(2026, 12, 24),
                to: date(2026, 12, 26),
                intervals: vec![],
                note: "Inventur".into(),
            },
            SpecialHours {
                id: 8,
                from: date(2026, 12, 31),
                to: date(2026, 12, 31),
                intervals: vec![iv("07:00", "12:00")],
                note: "Silvester".into(),
            },
        ],
        holiday_rule: HolidayRule::Closed,
        rules: Vec::new(),
        pois: vec![],
        archived: false,
    }
}

pub(super) const TODAY: (i32, u32, u32) = (2026, 11, 30);
pub(super) const BASE: &str = "https://nahbar.example";

pub(super) fn sign_text(location: &Location, kind: SignKind, language: SignLanguage) -> SignText {
    let (y, m, d) = TODAY;
    let sign = Sign::build(location, kind, date(y, m, d), BASE).expect("sign");
    SignText::new(&sign, language)
}

/// A rendered sign on disk with what the tools say about it.
struct Read {
    info: String,
    text: String,
    qr: String,
}

fn read(pdf: &[u8], dir: &Path, name: &str) -> Read {
    let file = dir.join(format!("{name}.pdf"));
    std::fs::write(&file, pdf).expect("write pdf");
    let info = run(tool("pdfinfo").arg(&file));
    // `-layout` keeps the table's columns on one line, as a reader sees them.
    let text = run(tool("pdftotext").arg("-layout").arg(&file).arg("-"));
    let png = dir.join(name);
    run(tool("pdftoppm").args(["-png", "-r", "110", "-singlefile"]).arg(&file).arg(&png));
    let png = png.with_extension("png");
    let qr = run(tool("zbarimg").args(["--quiet", "--raw"]).arg(&png)).trim().to_string();
    if let Ok(keep) = std::env::var("SIGNS_PNG_DIR") {
        let target = PathBuf::from(keep);
        std::fs::create_dir_all(&target).expect("png dir");
        std::fs::copy(&png, target.join(format!("{name}.png"))).expect("keep png");
    }
    Read { info, text, qr }
}

/// `Page size:       595.276 x 841.89 pts (A4)` as whole points, `(595, 842)`.
fn page_size(info: &str) -> (i32, i32) {
    let line = info.lines().find(|l| l.starts_with("Page size:")).unwrap_or_default();
    let numbers: Vec<f32> =
        line.split_whitespace().filter_map(|word| word.parse::<f32>().ok()).collect();
    match numbers[..] {
        [w, h] => (w.round() as i32, h.round() as i32),
        _ => panic!("no page size in {info}"),
    }
}

#[test]
fn every_sign_in_every_size_and_language_reads_back_with_its_words_and_its_qr_code() {
    let dir = tempfile::tempdir().expect("tmp");
    let shop = bakery();
    for kind in [SignKind::Door, SignKind::Closure { special_id: 7 }, SignKind::Poster] {
        for language in SignLanguage::ALL {
            for paper in PaperSize::ALL {
                let text = sign_text(&shop, kind, language);
                let pdf = render(&text, paper).expect("pdf");
                let name = format!("{}-{}-{}", kind.code(), language.code(), paper.code());
                let read = read(&pdf, dir.path(), &name);
                let expected = match paper {
                    PaperSize::A4 => (595, 842),
                    PaperSize::A5 => (420, 595),
                };
                assert_eq!(page_size(&read.info), expected, "{name}");
                assert!(read.info.contains("Pages:           1"), "{name}: {}", read.info);
                let source = if kind == SignKind::Poster { "poster" } else { "door" };
                assert_eq!(
                    read.qr,
                    format!("https://nahbar.example/sonnenschein?src={source}"),
                    "{name}"
                );
                let german = language != SignLanguage::En;
                let english = language != SignLanguage::De;
                // Lines may wrap anywhere; compare with whitespace runs as single spaces.
                let flat = read.text.split_whitespace().collect::<Vec<_>>().join(" ");
                let expect = |needle: &str, wanted: bool| {
                    assert_eq!(flat.contains(needle), wanted, "{name}: {needle}\n{}", read.text);
                };
                expect("Bäckerei Sonnenschein", true);
                match kind {
                    SignKind::Door => {
                        expect("Öffnungszeiten", german);
                        expect("Opening hours", english);
                        // One line or stacked, as the column's width allows.
                        for interval in ["06:30–12:30", "14:00–18:30", "07:00–12:00"] {
                            expect(interval, true);
                        }
                        expect("Mo–Fr", german);
                        expect("Mon–Fri", english);
                        expect("24.–26.12.", german);
                        expect("24–26 Dec", !german);
                        expect("geschlossen · Inventur", german);
                        expect("Heilige Drei Könige", german);
                        expect("Stand: 30.11.2026", german);
                        expect("As of 30 Nov 2026", english);
                    }
                    SignKind::Closure { .. } => {
                        expect("Geschlossen", german);
                        expect("Closed", english);
                        expect("Do 24.12. – Sa 26.12.", german);
                        expect("Thu 24 Dec – Sat 26 Dec", english);
                        expect("Inventur", true);
                        expect("Ab Mo 28.12., 06:30 wieder für Sie da", german);
                        expect("Open again from Mon 28 Dec, 06:30", english);
                    }
                    SignKind::Poster => {
                        expect("Folgen Sie uns", german);
                        expect("Follow us", english);
                        expect("@sonnenschein@nahbar.example", true);
                        expect("nahbar.example/sonnenschein", true);
                    }
                }
            }
        }
    }
}

#[test]
fn long_names_and_many_intervals_shrink_to_fit_instead_of_running_off_the_page() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut shop = bakery();
    shop.details.name =
        "Traditionsbäckerei & Konditorei Sonnenschein-Müllerhöfer am Großen Rathausplatz".into();
    // Every day different, three intervals a day.
    for (day, hours) in shop.hours.days.iter_mut().enumerate() {
        let start = 6 + day as u16 % 3;
        *hours = (0..3)
            .map(|n| {
                let opens = TimeOfDay::from_hm(start + n * 5, 15).expect("t");
                let closes = TimeOfDay::from_hm(start + n * 5 + 3, 45).expect("t");
                Interval::new(opens, closes)
            })
            .collect();
    }
    for (n, day) in (1..=12).enumerate() {
        shop.special.push(SpecialHours {
            id: 100 + n as i64,
            from: date(2026, 12, day),
            to: date(2026, 12, day),
            intervals: if n % 2 == 0 { vec![] } else { vec![iv("09:00", "11:00")] },
            note: format!("Sonderaktion Nummer {n} mit einem ziemlich langen Hinweistext"),
        });
    }
    for paper in PaperSize::ALL {
        let text = sign_text(&shop, SignKind::Door, SignLanguage::Bilingual);
        let pdf = render(&text, paper).expect("pdf");
        let read = read(&pdf, dir.path(), &format!("crowded-door-{}", paper.code()));
        // pdftotext -layout may break the long name; the words are all there, in order.
        let words: Vec<&str> = read.text.split_whitespace().collect();
        let name: Vec<&str> = text.name.split_whitespace().collect();
        assert!(words.windows(name.len()).any(|w| w == name.as_slice()), "{}", read.text);
        assert!(read.text.contains("18:15–21:45"), "{}", read.text);
        assert!(read.text.contains("Stand: 30.11.2026"), "the footer stays");
        assert_eq!(read.qr, "https://nahbar.example/sonnenschein?src=door");
        // Nothing drawn outside the page: every text op's baseline is on it.
        let (width, height) = paper.points();
        let fonts = fonts::fonts().expect("fonts");
        for op in lay_out(fonts, &text, width, height) {
            if let Op::Text { x, y, size, bold, text, .. } = op {
                let face = if bold { &fonts.bold } else { &fonts.regular };
                let right = x + face.width(&text, size);
                assert!(x >= 0.0 && right <= width + 0.01 && y <= height, "{text} at {x},{y}");
            }
        }
    }
}

#[test]
fn a_notice_of_other_hours_shows_them_large_with_the_reopening_after_the_holiday() {
    let dir = tempfile::tempdir().expect("tmp");
    let text = sign_text(&bakery(), SignKind::Closure { special_id: 8 }, SignLanguage::De);
    let read = read(&render(&text, PaperSize::A5).expect("pdf"), dir.path(), "special-de-a5");
    let flat = read.text.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in
        ["Geänderte Öffnungszeiten", "Do 31.12.", "07:00–12:00", "Silvester", "Ab Sa 2.1., 07:00"]
    {
        assert!(flat.contains(needle), "{needle}: {flat}");
    }
    assert!(!flat.contains("Geschlossen"), "{flat}");
}

#[test]
fn letters_the_font_lacks_do_not_break_the_sign() {
    let mut shop = bakery();
    shop.details.name = "Bäckerei 麵包 🍞 Ωmega Łódź".into();
    let text = sign_text(&shop, SignKind::Door, SignLanguage::De);
    let pdf = render(&text, PaperSize::A5).expect("pdf");
    let dir = tempfile::tempdir().expect("tmp");
    let read = read(&pdf, dir.path(), "missing-glyphs");
    assert!(read.text.contains("Ωmega Łódź"), "{}", read.text);
}

#[test]
fn an_address_too_long_for_a_qr_code_is_refused_not_drawn() {
    let mut text = sign_text(&bakery(), SignKind::Poster, SignLanguage::De);
    text.qr_url = format!("https://nahbar.example/{}", "x".repeat(5000));
    assert!(matches!(render(&text, PaperSize::A4), Err(SignPdfError::QrTooLong)));
}

/// Figures for the report: PDF size and time per sign (release numbers are lower).
#[test]
fn sizes_and_generation_times_are_measured() {
    let shop = bakery();
    let rounds = 20;
    for kind in [SignKind::Door, SignKind::Closure { special_id: 7 }, SignKind::Poster] {
        for paper in PaperSize::ALL {
            let text = sign_text(&shop, kind, SignLanguage::Bilingual);
            let started = std::time::Instant::now();
            let mut bytes = 0;
            for _ in 0..rounds {
                bytes = render(&text, paper).expect("pdf").len();
            }
            let per_sign = started.elapsed() / rounds;
            let started = std::time::Instant::now();
            let (width, height) = paper.points();
            let fonts = fonts::fonts().expect("fonts");
            for _ in 0..rounds {
                std::hint::black_box(lay_out(fonts, &text, width, height));
            }
            let layout = started.elapsed() / rounds;
            println!(
                "sign {:<8} {} de-en: {bytes:>6} bytes, {per_sign:?} per PDF ({layout:?} of it layout)",
                kind.code(),
                paper.code()
            );
            assert!(bytes < 120_000, "a sign stays small: {bytes} bytes");
        }
    }
}
