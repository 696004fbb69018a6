//! `/{slug}/calendar.ics`: closures, special hours and public holidays of the coming year,
//! and the location's published events, as iCalendar events. UIDs are derived from the entry and date, so calendar apps update
//! an event instead of adding a second one.

use crate::ServerState;
use crate::http::access::{PublicLocation, RequestLang};
use crate::http::page_cache::keep_until;
use app::domain::hours::resolve_local;
use app::domain::location::Location;
use app::domain::schedule::{Exception, ExceptionLabel, ResolvedHours};
use app::i18n::Lang;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Duration, Utc};
use http::{HeaderValue, header};
use icalendar::{Calendar, Component, Event, EventLike};

pub async fn calendar(
    State(state): State<ServerState>,
    PublicLocation(location): PublicLocation,
    RequestLang(lang): RequestLang,
) -> Response {
    let text =
        calendar_text(state.store(), &state.app.public_url, &location, state.now(), lang).await;
    // The calendar starts a week before today: it changes at the shop's midnight.
    let tz = location.details.tz();
    let today = state.now().with_timezone(&tz).date_naive();
    let midnight = resolve_local(tz, today + Duration::days(1), 0);
    let kind = (header::CONTENT_TYPE, HeaderValue::from_static("text/calendar; charset=utf-8"));
    ([kind, keep_until(midnight)], text).into_response()
}

/// The location's calendar as of `now` (also written into a business's archive).
pub async fn calendar_text(
    store: &dyn app::store::Store,
    public_url: &str,
    location: &Location,
    now: DateTime<Utc>,
    lang: Lang,
) -> String {
    let tz = location.details.tz();
    let today = now.with_timezone(&tz).date_naive();
    let (from, to) = (today - Duration::days(7), today + Duration::days(366));
    let hours = location.opening_hours();
    let resolved = ResolvedHours::new(&hours, from, to);
    let exceptions = resolved.exceptions(from, (to - from).num_days() as u32);
    let host = public_url.split("://").nth(1).unwrap_or("nahbar").to_string();
    let mut calendar = Calendar::new();
    calendar.name(&location.details.name);
    for exception in &exceptions {
        for event in events(exception, &location.slug, &host, tz, lang) {
            calendar.push(event);
        }
    }
    // Published events, as their own calendar entries.
    let posts = store.published_posts(location.id, 200).await.unwrap_or_default();
    for post in posts.iter().filter(|p| p.kind == app::domain::post::PostKind::Event) {
        let Some(start) = post.starts_at else { continue };
        let end = post.ends_at.unwrap_or(start + Duration::hours(1));
        calendar.push(
            Event::new()
                .uid(&format!("{}-post-{}@{host}", location.slug, post.id))
                .summary(&post.title())
                .description(&post.text)
                .url(&format!("{public_url}/{}/posts/{}", location.slug, post.id))
                .starts(start)
                .ends(end)
                .done(),
        );
    }
    calendar.done().to_string()
}

fn events(e: &Exception, slug: &str, host: &str, tz: chrono_tz::Tz, lang: Lang) -> Vec<Event> {
    let t = lang.texts();
    let (key, label) = match &e.label {
        ExceptionLabel::Special { id, note } => (format!("special-{id}"), note.clone()),
        ExceptionLabel::Rule { comment } => ("rule".to_string(), comment.clone()),
        ExceptionLabel::Holiday { name_de, name_en } => {
            ("holiday".to_string(), lang.choose(name_de, name_en).clone())
        }
    };
    let title =
        |what: &str| if label.is_empty() { what.to_string() } else { format!("{what} · {label}") };
    if e.intervals.is_empty() {
        let event = Event::new()
            .uid(&format!("{slug}-{key}-{}@{host}", e.from))
            .summary(&title(t.closed))
            .starts(e.from)
            .ends(e.to + Duration::days(1))
            .done();
        return vec![event];
    }
    let mut out = Vec::new();
    let mut day = e.from;
    while day <= e.to {
        for (n, interval) in e.intervals.iter().enumerate() {
            let (start, end) = (interval.opens.minutes(), interval.closes.minutes());
            let end = if interval.crosses_midnight() { end + 1440 } else { end };
            out.push(
                Event::new()
                    .uid(&format!("{slug}-{key}-{day}-{n}@{host}"))
                    .summary(&title(t.open))
                    .starts(resolve_local(tz, day, start))
                    .ends(resolve_local(tz, day, end))
                    .done(),
            );
        }
        day += Duration::days(1);
    }
    out
}
