//! A [`Sign`] in words: German, English, or German with English beneath. The PDF renderer
//! and the print page both lay out a [`SignText`], so they say the same thing.
//!
//! In a bilingual sign every phrase has a German main text and an English second text;
//! dates inside a phrase follow that phrase's language, bare dates (the list of changes)
//! the main language.

use super::Lang;
use crate::domain::hours::Interval;
use crate::domain::schedule::ExceptionLabel;
use crate::domain::sign::{HoursRow, Sign, SignKind, SignLanguage};
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// One phrase: the main language's text and, on a bilingual sign, the second language's.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Words {
    pub main: String,
    /// `None` on a one-language sign, and where both languages say the same ("Inventur").
    pub second: Option<String>,
}

impl Words {
    pub fn one(text: impl Into<String>) -> Words {
        Words { main: text.into(), second: None }
    }

    fn pick(langs: Langs, make: impl Fn(Lang) -> String) -> Words {
        let main = make(langs.main);
        let second = langs.second.map(make).filter(|second| *second != main);
        Words { main, second }
    }

    /// Both texts on one line, `main / second`, for tight spots such as table cells.
    pub fn joined(&self) -> String {
        match &self.second {
            Some(second) => format!("{} / {second}", self.main),
            None => self.main.clone(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Langs {
    main: Lang,
    second: Option<Lang>,
}

/// A row of the weekly hours table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HoursLine {
    /// "Mo–Fr" (and "Mon–Fri").
    pub days: Words,
    /// One entry per interval, "06:30–12:30"; empty when closed.
    pub times: Vec<String>,
    /// "geschlossen" on a closed row.
    pub closed: Option<Words>,
}

/// A closure or special hours in the door sign's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeLine {
    /// "Do 25.12." or "24.–26.12." in the main language.
    pub dates: String,
    /// "geschlossen", or the other hours.
    pub hours: Words,
    /// The owner's note ("Inventur") or the holiday's name; may be empty.
    pub note: Words,
    pub closed: bool,
}

/// The closure notice's big lines.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosureText {
    /// "24.–26.12. geschlossen", the whole notice in one line (lists, the print page's title).
    pub headline: Words,
    /// The days with their weekdays, for the big line: "Do 24.12. – Sa 26.12.".
    pub days: Words,
    /// The other hours of those days, "07:00–12:00"; `None` for a closure.
    pub hours: Option<String>,
    pub note: String,
    /// "Ab Sa 27.12., 07:00 wieder für Sie da".
    pub reopening: Option<Words>,
    pub closed: bool,
}

/// Everything a sign says, ready to lay out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignText {
    pub kind: SignKind,
    /// BCP 47 tag of the main language (`de` / `en`), for the print page's `lang`.
    pub lang: String,
    pub name: String,
    /// "Öffnungszeiten", "Geschlossen" or "Folgen Sie uns".
    pub title: Words,
    pub hours: Vec<HoursLine>,
    pub notices_heading: Words,
    pub notices: Vec<NoticeLine>,
    pub closure: Option<ClosureText>,
    /// Poster: the fediverse handle and how to use it.
    pub handle: Option<String>,
    pub follow_how: Option<Words>,
    pub qr_url: String,
    pub qr_caption: Words,
    pub page_address: String,
    /// "Stand: 30.11.2026".
    pub printed: Words,
}

impl SignText {
    pub fn new(sign: &Sign, language: SignLanguage) -> SignText {
        let langs = match language {
            SignLanguage::De => Langs { main: Lang::De, second: None },
            SignLanguage::En => Langs { main: Lang::En, second: None },
            SignLanguage::Bilingual => Langs { main: Lang::De, second: Some(Lang::En) },
        };
        let main = langs.main;
        let title = Words::pick(langs, |l| {
            let t = l.signs();
            match (sign.kind, &sign.closure) {
                (SignKind::Door, _) => t.opening_hours,
                (SignKind::Poster, _) => t.follow_us,
                (SignKind::Closure { .. }, Some(c)) if !c.intervals.is_empty() => t.special_title,
                (SignKind::Closure { .. }, _) => t.closure_title,
            }
            .to_string()
        });
        let qr_caption = Words::pick(langs, |l| {
            let t = l.signs();
            match sign.kind {
                SignKind::Door => t.scan_door,
                SignKind::Closure { .. } => t.scan_closure,
                SignKind::Poster => t.scan_poster,
            }
            .to_string()
        });
        let poster = sign.kind == SignKind::Poster;
        SignText {
            kind: sign.kind,
            lang: main.code().to_string(),
            name: sign.name.clone(),
            title,
            hours: sign.weekly.iter().map(|row| hours_line(langs, row)).collect(),
            notices_heading: Words::pick(langs, |l| l.signs().changes_heading.to_string()),
            notices: sign
                .notices
                .iter()
                .map(|n| NoticeLine {
                    dates: dates(main, n.from, n.to, true),
                    hours: hours_words(langs, &n.intervals),
                    note: match &n.label {
                        ExceptionLabel::Special { note, .. } => Words::one(note.trim()),
                        ExceptionLabel::Rule { comment } => Words::one(comment.trim()),
                        ExceptionLabel::Holiday { name_de, name_en } => {
                            Words::pick(langs, |l| l.choose(name_de, name_en).clone())
                        }
                    },
                    closed: n.intervals.is_empty(),
                })
                .collect(),
            closure: sign.closure.as_ref().map(|c| ClosureText {
                headline: Words::pick(langs, |l| {
                    let t = l.signs();
                    let dates = dates(l, c.from, c.to, true);
                    if c.intervals.is_empty() {
                        t.closed_on.replace("{dates}", &dates)
                    } else {
                        t.open_on
                            .replace("{dates}", &dates)
                            .replace("{hours}", &times(&c.intervals))
                    }
                }),
                days: Words::pick(langs, |l| {
                    if c.from == c.to {
                        dates(l, c.from, c.to, true)
                    } else {
                        let one = |d| dates(l, d, d, true);
                        format!("{} – {}", one(c.from), one(c.to))
                    }
                }),
                hours: (!c.intervals.is_empty()).then(|| times(&c.intervals)),
                note: c.note.clone(),
                reopening: c.reopens.map(|at| {
                    Words::pick(langs, |l| l.signs().reopens.replace("{when}", &moment(l, at)))
                }),
                closed: c.intervals.is_empty(),
            }),
            handle: poster.then(|| sign.handle.clone()),
            follow_how: poster.then(|| Words::pick(langs, |l| l.signs().follow_how.to_string())),
            qr_url: sign.url.clone(),
            qr_caption,
            page_address: sign.page_address.clone(),
            printed: Words::pick(langs, |l| {
                l.signs().as_of.replace("{date}", &full_date(l, sign.printed_on))
            }),
        }
    }
}

fn hours_line(langs: Langs, row: &HoursRow) -> HoursLine {
    let days = Words::pick(langs, |l| {
        let t = l.texts();
        match row.day_count() {
            1 => t.weekday_short(row.first).to_string(),
            2 => format!("{}, {}", t.weekday_short(row.first), t.weekday_short(row.last)),
            _ => format!("{}–{}", t.weekday_short(row.first), t.weekday_short(row.last)),
        }
    });
    let closed = row.intervals.is_empty().then(|| hours_words(langs, &[]));
    HoursLine { days, times: row.intervals.iter().map(ToString::to_string).collect(), closed }
}

fn hours_words(langs: Langs, intervals: &[Interval]) -> Words {
    if intervals.is_empty() {
        Words::pick(langs, |l| l.signs().closed.to_string())
    } else {
        Words::one(times(intervals))
    }
}

fn times(intervals: &[Interval]) -> String {
    intervals.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
}

/// "Do 25.12." / "Thu 25 Dec" for one day (with the weekday when `weekday`), "24.–26.12." /
/// "24–26 Dec" for a range.
pub fn dates(lang: Lang, from: NaiveDate, to: NaiveDate, weekday: bool) -> String {
    let t = lang.texts();
    let month = |d: NaiveDate| t.months_short[d.month0() as usize];
    let day = |d: NaiveDate| match lang {
        Lang::De => format!("{}.{}.", d.day(), d.month()),
        Lang::En => format!("{} {}", d.day(), month(d)),
    };
    if from == to {
        return if weekday {
            format!("{} {}", t.weekday_short(from.weekday()), day(from))
        } else {
            day(from)
        };
    }
    let same_month = from.month() == to.month() && from.year() == to.year();
    match lang {
        Lang::De if same_month => format!("{}.–{}.{}.", from.day(), to.day(), to.month()),
        Lang::En if same_month => format!("{}–{} {}", from.day(), to.day(), month(to)),
        _ => format!("{} – {}", day(from), day(to)),
    }
}

/// "Sa 27.12., 07:00" / "Sat 27 Dec, 07:00".
fn moment(lang: Lang, at: NaiveDateTime) -> String {
    format!("{}, {}", dates(lang, at.date(), at.date(), true), at.format("%H:%M"))
}

/// "30.11.2026" / "30 Nov 2026".
pub fn full_date(lang: Lang, date: NaiveDate) -> String {
    match lang {
        Lang::De => date.format("%d.%m.%Y").to_string(),
        Lang::En => {
            format!(
                "{} {} {}",
                date.day(),
                lang.texts().months_short[date.month0() as usize],
                date.year()
            )
        }
    }
}
