//! Insights without cookies: what a customer request counts as (read from its path alone),
//! the figures an owner sees for a range of days, and the chart's geometry. Pure: no
//! clock, no I/O. What is counted and what is never stored is in the README ("Insights").

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// Raw counted requests are kept this many days.
pub const KEEP_RAW_DAYS: i64 = 30;
/// The daily figures are kept this many days (two years: a week can be compared with the
/// same week a year before). The privacy notice says so.
pub const KEEP_DAILY_DAYS: u32 = 730;
/// The ranges the insights screen offers, in days.
pub const RANGES: [i64; 3] = [7, 30, 90];
/// Top posts, referrers and scan sources shown, at most.
pub const TOP: usize = 5;
/// The `src` tags a QR code may carry (signs print `door` and `poster`).
pub const SCAN_SOURCES: [&str; 3] = ["door", "poster", "qr"];
/// What `/{slug}/go/route/{app}` may open.
pub const ROUTE_APPS: [&str; 4] = ["osm", "google", "apple", "geo"];

/// What one counted request is. `Visits` and `Referrer` exist only in the daily figures:
/// all page views of a location, and those views by the host they came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Metric {
    /// A customer page (subject: the path below the slug, "" for the local page).
    View,
    /// A post's own page (subject: the post id).
    Post,
    /// A directions link (subject: the map app).
    Route,
    Call,
    Web,
    /// The local page opened from a QR code (subject: its `src` tag).
    Scan,
    /// A feed fetched (subject: `atom` or `json`); distinct fetchers a day ≈ subscribers.
    Feed,
    Calendar,
    Visits,
    Referrer,
}

impl Metric {
    pub fn as_str(self) -> &'static str {
        match self {
            Metric::View => "view",
            Metric::Post => "post",
            Metric::Route => "route",
            Metric::Call => "call",
            Metric::Web => "web",
            Metric::Scan => "scan",
            Metric::Feed => "feed",
            Metric::Calendar => "calendar",
            Metric::Visits => "visits",
            Metric::Referrer => "referrer",
        }
    }

    pub fn parse(value: &str) -> Option<Metric> {
        [
            Metric::View,
            Metric::Post,
            Metric::Route,
            Metric::Call,
            Metric::Web,
            Metric::Scan,
            Metric::Feed,
            Metric::Calendar,
            Metric::Visits,
            Metric::Referrer,
        ]
        .into_iter()
        .find(|m| m.as_str() == value)
    }

    /// Machines that fetch on a reader's behalf count here (feed readers and calendar apps
    /// are not people but each stands for subscribers), so bot user agents are not dropped.
    pub fn counts_machines(self) -> bool {
        matches!(self, Metric::Feed | Metric::Calendar)
    }

    /// The answer status that makes the request count: a redirect for the `go` links, a
    /// page or feed (200, or 304 for a returning browser) for the rest.
    pub fn counted_status(self, status: u16) -> bool {
        match self {
            Metric::Route | Metric::Call | Metric::Web => status == 303,
            _ => status == 200 || status == 304,
        }
    }
}

/// What a request below a slug counts as: the slug and one or two metrics with subjects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Counted {
    pub slug: String,
    pub metrics: Vec<(Metric, String)>,
}

/// The customer pages below a slug that count as views besides the local page and posts.
const PAGES: [&str; 3] = ["ask", "imprint", "privacy"];

/// Reads what a GET of `path` (with `query`) counts as; `None` for anything not counted
/// (app pages, assets, exports, unknown shapes). Whether the slug names a location is the
/// store's question.
pub fn classify(path: &str, query: Option<&str>) -> Option<Counted> {
    let rest = path.strip_prefix('/')?;
    let mut parts = rest.split('/');
    let slug = parts.next().filter(|s| crate::domain::slug::Slug::parse(s).is_ok())?;
    let tail: Vec<&str> = parts.collect();
    let one = |metric, subject: &str| vec![(metric, subject.to_string())];
    let metrics = match tail.as_slice() {
        [] | [""] => {
            let mut metrics = one(Metric::View, "");
            if let Some(src) = scan_source(query) {
                metrics.push((Metric::Scan, src.to_string()));
            }
            metrics
        }
        ["posts", id] if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) => {
            vec![(Metric::View, format!("posts/{id}")), (Metric::Post, id.to_string())]
        }
        [page] if PAGES.contains(page) => one(Metric::View, page),
        ["feed.atom"] => one(Metric::Feed, "atom"),
        ["feed.json"] => one(Metric::Feed, "json"),
        ["calendar.ics"] => one(Metric::Calendar, ""),
        ["go", "route", app] if ROUTE_APPS.contains(app) => one(Metric::Route, app),
        ["go", "call"] => one(Metric::Call, ""),
        ["go", "web"] => one(Metric::Web, ""),
        _ => return None,
    };
    Some(Counted { slug: slug.to_string(), metrics })
}

/// The `src` tag of a QR code's address, if it is one Nahbar prints.
fn scan_source(query: Option<&str>) -> Option<&'static str> {
    let query = query?;
    query.split('&').find_map(|pair| {
        let value = pair.strip_prefix("src=")?;
        SCAN_SOURCES.iter().copied().find(|s| *s == value)
    })
}

/// The host a visitor came from, from the `Referer` header: only the host, lower case,
/// and nothing for Nahbar's own pages or an address that is not http(s).
pub fn referrer_host(referer: &str, own_host: &str) -> Option<String> {
    let rest = referer.strip_prefix("https://").or_else(|| referer.strip_prefix("http://"))?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    let host = match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    };
    let host = host.trim_start_matches("www.").to_ascii_lowercase();
    let own = own_host.trim_start_matches("www.").to_ascii_lowercase();
    let valid = !host.is_empty()
        && host.len() <= 253
        && host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    (valid && host != own).then_some(host)
}

/// One row of the daily figures: how often, and by how many distinct visitors.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DailyRow {
    pub day: NaiveDate,
    pub metric: Metric,
    pub subject: String,
    pub hits: i64,
    pub visitors: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayFigures {
    pub day: NaiveDate,
    pub views: i64,
    pub visitors: i64,
}

/// What the insights screen shows for one location and range.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Insights {
    pub days: i64,
    /// Every day of the range, oldest first, with zeros where nothing was counted.
    pub series: Vec<DayFigures>,
    pub views: i64,
    /// Distinct visitors per day, added up over the range (a visitor who comes on two
    /// days counts twice: nothing links their days).
    pub visitors: i64,
    pub routes: i64,
    pub calls: i64,
    pub web: i64,
    /// Scans by source (door, poster, qr), most first.
    pub scans: Vec<(String, i64)>,
    /// Distinct feed and calendar fetchers on the busiest day of the range (a reader app
    /// fetches at least daily, so this is close to the number of subscribers).
    pub feed_readers: i64,
    pub calendar_readers: i64,
    /// Post id and views, most first.
    pub top_posts: Vec<(i64, i64)>,
    pub referrers: Vec<(String, i64)>,
    /// Views and visitors of the same days one year (52 weeks) earlier, if any were counted.
    pub last_year: Option<(i64, i64)>,
}

impl Insights {
    /// The figures of the `days` days ending with `last` from `rows` (this range) and
    /// `earlier` (the same days 52 weeks before).
    pub fn build(days: i64, last: NaiveDate, rows: &[DailyRow], earlier: &[DailyRow]) -> Insights {
        let first = last - Duration::days(days - 1);
        let in_range = |row: &&DailyRow| row.day >= first && row.day <= last;
        let mut out = Insights { days, ..Insights::default() };
        out.series = (0..days)
            .map(|i| DayFigures { day: first + Duration::days(i), ..DayFigures::default() })
            .collect();
        let mut scans: Vec<(String, i64)> = Vec::new();
        let mut posts: Vec<(i64, i64)> = Vec::new();
        let mut referrers: Vec<(String, i64)> = Vec::new();
        let mut feed: Vec<(NaiveDate, i64)> = Vec::new();
        let mut calendar: Vec<(NaiveDate, i64)> = Vec::new();
        for row in rows.iter().filter(in_range) {
            match row.metric {
                Metric::Visits => {
                    let day = &mut out.series[(row.day - first).num_days() as usize];
                    day.views += row.hits;
                    day.visitors += row.visitors;
                    out.views += row.hits;
                    out.visitors += row.visitors;
                }
                Metric::Route => out.routes += row.hits,
                Metric::Call => out.calls += row.hits,
                Metric::Web => out.web += row.hits,
                Metric::Scan => add(&mut scans, row.subject.clone(), row.hits),
                Metric::Post => {
                    if let Ok(id) = row.subject.parse() {
                        add(&mut posts, id, row.hits);
                    }
                }
                Metric::Referrer => add(&mut referrers, row.subject.clone(), row.hits),
                Metric::Feed => add(&mut feed, row.day, row.visitors),
                Metric::Calendar => add(&mut calendar, row.day, row.visitors),
                Metric::View => {}
            }
        }
        out.feed_readers = feed.iter().map(|(_, n)| *n).max().unwrap_or(0);
        out.calendar_readers = calendar.iter().map(|(_, n)| *n).max().unwrap_or(0);
        out.scans = top(scans);
        out.top_posts = top(posts);
        out.referrers = top(referrers);
        let before: Vec<&DailyRow> =
            earlier.iter().filter(|r| r.metric == Metric::Visits).collect();
        if !before.is_empty() {
            let views = before.iter().map(|r| r.hits).sum();
            out.last_year = Some((views, before.iter().map(|r| r.visitors).sum()));
        }
        out
    }
}

/// The same range 52 weeks earlier (same weekdays), for the comparison.
pub fn year_before(last: NaiveDate, days: i64) -> (NaiveDate, NaiveDate) {
    let last = last - Duration::weeks(52);
    (last - Duration::days(days - 1), last)
}

fn add<K: PartialEq>(list: &mut Vec<(K, i64)>, key: K, n: i64) {
    match list.iter_mut().find(|(k, _)| *k == key) {
        Some((_, total)) => *total += n,
        None => list.push((key, n)),
    }
}

fn top<K: Ord>(mut list: Vec<(K, i64)>) -> Vec<(K, i64)> {
    list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    list.truncate(TOP);
    list
}

/// The chart's drawing in a 600 × 200 box: a bar per day for views, a line through the
/// days' visitors, and the value of the top grid line.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub bars: Vec<(f64, f64, f64, f64)>,
    pub line: String,
    pub max: i64,
}

pub const CHART_WIDTH: f64 = 600.0;
pub const CHART_HEIGHT: f64 = 200.0;

pub fn chart(series: &[DayFigures]) -> Chart {
    let highest = series.iter().map(|d| d.views.max(d.visitors)).max().unwrap_or(0);
    let max = nice_ceiling(highest);
    let slot = CHART_WIDTH / series.len().max(1) as f64;
    let y = |v: i64| CHART_HEIGHT - (v as f64 / max as f64) * CHART_HEIGHT;
    let bars = series
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let top = y(d.views);
            (i as f64 * slot + slot * 0.15, top, slot * 0.7, CHART_HEIGHT - top)
        })
        .collect();
    let line = series
        .iter()
        .enumerate()
        .map(|(i, d)| format!("{:.1},{:.1}", i as f64 * slot + slot / 2.0, y(d.visitors)))
        .collect::<Vec<_>>()
        .join(" ");
    Chart { bars, line, max }
}

/// The smallest of 1, 2, 5 × 10ⁿ at or above `n` (at least 5), so the grid reads well.
fn nice_ceiling(n: i64) -> i64 {
    let mut step = 1;
    loop {
        for m in [1, 2, 5] {
            if m * step >= n.max(5) {
                return m * step;
            }
        }
        step *= 10;
    }
}

#[cfg(test)]
#[path = "insights_tests.rs"]
mod tests;
