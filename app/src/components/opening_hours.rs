//! The status line ("Open · closes 18:00") and the weekly hours table.

use crate::domain::hours::{Status, WeeklyHours, weekday_from_index};
use crate::domain::schedule::{Exception, ExceptionLabel};
use crate::i18n::{Lang, date_range};
use chrono::{DateTime, Datelike};
use chrono_tz::Tz;
use leptos::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusText {
    pub open: bool,
    pub headline: &'static str,
    pub detail: String,
}

/// Words for a status as seen at `now` (both in the location's timezone).
pub fn status_text(lang: Lang, status: &Status, now: DateTime<Tz>, has_hours: bool) -> StatusText {
    let t = lang.texts();
    let when = |at: DateTime<Tz>| {
        let days = (at.date_naive() - now.date_naive()).num_days();
        let time = at.format("%H:%M");
        match days {
            0 => format!("{time}"),
            1 => format!("{} {time}", t.tomorrow),
            2..=6 => format!("{} {time}", t.weekday_short(at.weekday())),
            _ => format!("{} {}", at.format("%d.%m."), time),
        }
    };
    let detail = match (status.open, status.next_change) {
        (true, Some(at)) => format!("{} {}", t.closes, when(at)),
        (true, None) => t.open_around_the_clock.to_string(),
        (false, Some(at)) => format!("{} {}", t.opens, when(at)),
        (false, None) if !has_hours => t.no_hours.to_string(),
        (false, None) => String::new(),
    };
    StatusText { open: status.open, headline: if status.open { t.open } else { t.closed }, detail }
}

#[component]
pub fn StatusLine(text: StatusText) -> impl IntoView {
    let class = if text.open { "status open" } else { "status closed" };
    view! {
        <p class=class>
            <strong>{text.headline}</strong>
            {(!text.detail.is_empty()).then(|| view! { " · " {text.detail.clone()} })}
        </p>
    }
}

/// Upcoming special hours and holidays, shown above the weekly hours.
#[component]
pub fn Exceptions(exceptions: Vec<Exception>, lang: Lang) -> impl IntoView {
    let t = lang.texts();
    let items = exceptions
        .into_iter()
        .map(|e| {
            let hours = if e.intervals.is_empty() {
                t.closed_all_day.to_string()
            } else {
                e.intervals.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
            };
            let label = match e.label {
                ExceptionLabel::Special { note, .. } | ExceptionLabel::Rule { comment: note } => note,
                ExceptionLabel::Holiday { name_de, name_en } => lang.choose(name_de, name_en),
            };
            view! {
                <li>
                    <strong>{date_range(lang, e.from, e.to)}</strong>
                    " " {hours}
                    {(!label.is_empty()).then(|| view! { <span class="muted">" · " {label.clone()}</span> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="exceptions" aria-labelledby="exceptions-heading">
            <h2 id="exceptions-heading">{t.special_hours}</h2>
            <ul>{items}</ul>
        </section>
    }
}

#[component]
pub fn HoursTable(hours: WeeklyHours, lang: Lang, today: chrono::Weekday) -> impl IntoView {
    let t = lang.texts();
    let rows = hours
        .days
        .iter()
        .enumerate()
        .map(|(index, intervals)| {
            let day = weekday_from_index(index);
            let is_today = day == today;
            let text = if intervals.is_empty() {
                view! { {t.closed_all_day} }.into_any()
            } else {
                let last = intervals.len() - 1;
                intervals
                    .iter()
                    .enumerate()
                    .map(|(n, i)| {
                        view! {
                            <span class="iv">{i.to_string()}</span>
                            {(n < last).then_some(", ")}
                        }
                    })
                    .collect_view()
                    .into_any()
            };
            view! {
                <tr class:today=is_today aria-current=is_today.then_some("date")>
                    <th scope="row">
                        {t.weekday(day)}
                        {is_today.then(|| view! { " " <span class="badge">{t.today}</span> })}
                    </th>
                    <td>{text}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="hours">
            <caption class="visually-hidden">{t.opening_hours}</caption>
            <tbody>{rows}</tbody>
        </table>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use chrono_tz::Europe::Berlin;

    fn at(d: u32, h: u32, m: u32) -> DateTime<Tz> {
        Berlin.with_ymd_and_hms(2026, 11, d, h, m, 0).single().expect("valid")
    }

    #[test]
    fn status_words_say_today_tomorrow_or_the_weekday() {
        let now = at(23, 10, 0); // Monday
        let closes = Status { open: true, next_change: Some(at(23, 18, 0)) };
        assert_eq!(status_text(Lang::En, &closes, now, true).detail, "closes 18:00");
        let tomorrow = Status { open: false, next_change: Some(at(24, 8, 0)) };
        assert_eq!(status_text(Lang::De, &tomorrow, now, true).detail, "öffnet morgen 08:00");
        let monday = Status { open: false, next_change: Some(at(28, 8, 0)) };
        let text = status_text(Lang::En, &monday, now, true);
        assert_eq!((text.headline, text.detail.as_str()), ("Closed", "opens Sat 08:00"));
    }
}
