//! `/admin/locations/{id}/insights?days=7|30|90`: what works, counted without cookies.
//! Key figures, a chart of views and visitors per day drawn on the server as SVG (with the
//! same figures in a table beside it for screen readers and for copying), the most read
//! posts, the referring sites, the QR scans by source and the same days a year ago.

use crate::api::insights::{InsightsPageData, get_insights_page};
use crate::components::layout::AppLayout;
use crate::components::location_switcher::LocationSwitcher;
use crate::domain::insights::{CHART_HEIGHT, CHART_WIDTH, RANGES, chart};
use crate::i18n::{Lang, date_range};
use crate::request;
use crate::routes::not_found::NotFound;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn InsightsPage() -> impl IntoView {
    let id = use_params_map().read_untracked().get("id").and_then(|id| id.parse::<i64>().ok());
    let days = use_query_map().read_untracked().get("days").and_then(|d| d.parse().ok());
    let data = Resource::new_blocking(
        move || (id, days),
        |(id, days)| async move {
            match id {
                Some(id) => get_insights_page(id, days.unwrap_or(RANGES[0])).await.ok(),
                None => None,
            }
        },
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Some(data) => view! { <InsightsView data=data /> }.into_any(),
                    None => view! { <NotFound /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn InsightsView(data: InsightsPageData) -> impl IntoView {
    let lang = request::lang();
    let (t, i) = (lang.texts(), lang.insights());
    let f = data.figures.clone();
    let title = i.title.replace("{name}", &data.name);
    let base = format!("/admin/locations/{}/insights", data.location_id);
    let tabs = RANGES
        .into_iter()
        .map(|days| {
            let current = (days == f.days).then_some("page");
            view! {
                <li><a href=format!("{base}?days={days}") aria-current=current>{i.range.replace("{n}", &days.to_string())}</a></li>
            }
        })
        .collect_view();
    let scans_total: i64 = f.scans.iter().map(|(_, n)| n).sum();
    let figure = |label: &'static str, value: i64, help: Option<&'static str>| {
        view! {
            <div class="figure">
                <dt>{label}</dt>
                <dd><strong>{value}</strong>{help.map(|h| view! { <span class="help">{h}</span> })}</dd>
            </div>
        }
    };
    let last_year = match f.last_year {
        Some((views, visitors)) => i
            .last_year
            .replace("{views}", &views.to_string())
            .replace("{visitors}", &visitors.to_string()),
        None => i.no_last_year.to_string(),
    };
    view! {
        <Title text=format!("{title} – Nahbar") />
        <AppLayout signed_in=true>
            <p class="crumbs">
                <a href="/admin">{t.dashboard}</a> " · "
                <a href=format!("/{}", data.slug)>{t.view_page}</a>
            </p>
            <LocationSwitcher lang=lang current=data.location_id siblings=data.siblings.clone() section="/insights" />
            <h1>{title}</h1>
            <p class="help">{i.intro}</p>
            {(!data.counting).then(|| view! { <p class="message problem" role="status">{i.counting_off}</p> })}
            <nav aria-label=i.ranges_label>
                <ul class="tabs">{tabs}</ul>
            </nav>
            <dl class="figures">
                {figure(i.views, f.views, None)}
                {figure(i.visitors, f.visitors, Some(i.visitors_help))}
                {figure(i.routes, f.routes, None)}
                {figure(i.calls, f.calls, None)}
                {figure(i.web, f.web, None)}
                {figure(i.scans, scans_total, None)}
                {figure(i.feed_readers, f.feed_readers, Some(i.per_day_help))}
                {figure(i.calendar_readers, f.calendar_readers, None)}
            </dl>
            <p class="muted">{last_year}</p>
            <DayChart data=data.clone() lang=lang />
            <TopList heading=i.top_posts rows=f.top_posts.iter().map(|(id, n)| {
                let title = data.post_titles.iter().find(|(p, _)| p == id).map(|(_, t)| t.clone()).unwrap_or_else(|| format!("#{id}"));
                (title, Some(format!("/{}/posts/{id}", data.slug)), *n)
            }).collect() empty=i.nothing_yet />
            <TopList heading=i.referrers rows=f.referrers.iter().map(|(host, n)| (host.clone(), None, *n)).collect() empty=i.nothing_yet />
            <TopList heading=i.scan_sources rows=f.scans.iter().map(|(src, n)| (i.scan_source(src).to_string(), None, *n)).collect() empty=i.nothing_yet />
            <p class="muted">{i.updated}</p>
        </AppLayout>
    }
}

/// The chart (hidden from screen readers: its figures are in the table after it, a
/// scrollable region named by the heading; the section itself is no landmark).
#[component]
fn DayChart(data: InsightsPageData, lang: Lang) -> impl IntoView {
    let i = lang.insights();
    let series = data.figures.series.clone();
    let drawn = chart(&series);
    let bars = drawn
        .bars
        .iter()
        .map(|(x, y, w, h)| {
            view! { <rect class="bar" x=format!("{x:.1}") y=format!("{y:.1}") width=format!("{w:.1}") height=format!("{h:.1}") /> }
        })
        .collect_view();
    let first = series.first().map(|d| date_range(lang, d.day, d.day)).unwrap_or_default();
    let last = series.last().map(|d| date_range(lang, d.day, d.day)).unwrap_or_default();
    let rows = series
        .iter()
        .rev()
        .map(|d| {
            view! { <tr><th scope="row">{date_range(lang, d.day, d.day)}</th><td>{d.views}</td><td>{d.visitors}</td></tr> }
        })
        .collect_view();
    view! {
        <section>
            <h2 id="chart-heading">{i.chart_heading}</h2>
            <figure class="chart">
                <svg viewBox=format!("-40 -10 {} {}", CHART_WIDTH + 50.0, CHART_HEIGHT + 40.0) aria-hidden="true" focusable="false">
                    <line class="grid" x1="0" y1="0" x2=CHART_WIDTH.to_string() y2="0" />
                    <line class="grid" x1="0" y1=(CHART_HEIGHT / 2.0).to_string() x2=CHART_WIDTH.to_string() y2=(CHART_HEIGHT / 2.0).to_string() />
                    <line class="axis" x1="0" y1=CHART_HEIGHT.to_string() x2=CHART_WIDTH.to_string() y2=CHART_HEIGHT.to_string() />
                    <text x="-6" y="4" text-anchor="end">{drawn.max}</text>
                    <text x="-6" y=(CHART_HEIGHT / 2.0 + 4.0).to_string() text-anchor="end">{drawn.max / 2}</text>
                    <text x="-6" y=(CHART_HEIGHT + 4.0).to_string() text-anchor="end">"0"</text>
                    {bars}
                    <polyline class="line" points=drawn.line.clone() />
                    <text x="0" y=(CHART_HEIGHT + 24.0).to_string()>{first}</text>
                    <text x=CHART_WIDTH.to_string() y=(CHART_HEIGHT + 24.0).to_string() text-anchor="end">{last}</text>
                </svg>
                <figcaption class="muted">{i.chart_label}</figcaption>
            </figure>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="chart-heading">
                <table class="figures-table">
                    <thead><tr><th scope="col">{i.day}</th><th scope="col">{i.views}</th><th scope="col">{i.visitors}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

/// A short ranked list with its heading; `rows`: label, optional link, count.
#[component]
fn TopList(
    heading: &'static str,
    rows: Vec<(String, Option<String>, i64)>,
    empty: &'static str,
) -> impl IntoView {
    view! {
        <section>
            <h2>{heading}</h2>
            {if rows.is_empty() {
                view! { <p class="muted">{empty}</p> }.into_any()
            } else {
                view! {
                    <ol class="top-list">
                        {rows.into_iter().map(|(label, href, n)| view! {
                            <li>
                                {match href {
                                    Some(href) => view! { <a href=href>{label}</a> }.into_any(),
                                    None => view! { <span>{label}</span> }.into_any(),
                                }}
                                " " <span class="badge">{n}</span>
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}
