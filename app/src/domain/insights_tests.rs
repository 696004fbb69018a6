use super::*;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

fn row(d: &str, metric: Metric, subject: &str, hits: i64, visitors: i64) -> DailyRow {
    DailyRow { day: day(d), metric, subject: subject.into(), hits, visitors }
}

#[test]
fn the_local_page_posts_feeds_and_go_links_count_and_nothing_else_does() {
    let metrics = |path: &str, query: Option<&str>| classify(path, query).map(|c| c.metrics);
    let m = |metric, subject: &str| (metric, subject.to_string());
    assert_eq!(metrics("/sonnenschein", None), Some(vec![m(Metric::View, "")]));
    assert_eq!(
        metrics("/sonnenschein", Some("src=door")),
        Some(vec![m(Metric::View, ""), m(Metric::Scan, "door")])
    );
    assert_eq!(
        metrics("/sonnenschein", Some("a=1&src=poster")),
        Some(vec![m(Metric::View, ""), m(Metric::Scan, "poster")])
    );
    assert_eq!(metrics("/sonnenschein", Some("src=evil")), Some(vec![m(Metric::View, "")]));
    assert_eq!(
        metrics("/sonnenschein/posts/12", None),
        Some(vec![m(Metric::View, "posts/12"), m(Metric::Post, "12")])
    );
    assert_eq!(metrics("/sonnenschein/ask", None), Some(vec![m(Metric::View, "ask")]));
    assert_eq!(metrics("/sonnenschein/feed.atom", None), Some(vec![m(Metric::Feed, "atom")]));
    assert_eq!(metrics("/sonnenschein/calendar.ics", None), Some(vec![m(Metric::Calendar, "")]));
    assert_eq!(metrics("/sonnenschein/go/route/osm", None), Some(vec![m(Metric::Route, "osm")]));
    assert_eq!(metrics("/sonnenschein/go/call", None), Some(vec![m(Metric::Call, "")]));
    assert_eq!(metrics("/sonnenschein/go/web", None), Some(vec![m(Metric::Web, "")]));
    for not_counted in [
        "/",
        "/sonnenschein/posts/x",
        "/sonnenschein/posts/",
        "/sonnenschein/go/route/evil",
        "/sonnenschein/pois.gpx",
        "/sonnenschein/actor",
        "/pkg/nahbar.css",
        "/Sonnenschein",
        "/sonnenschein/posts/1/note",
    ] {
        assert_eq!(metrics(not_counted, None), None, "{not_counted}");
    }
    assert_eq!(classify("/sonnenschein/go/call", None).expect("counted").slug, "sonnenschein");
}

#[test]
fn go_links_count_their_redirect_and_pages_their_page() {
    assert!(Metric::Route.counted_status(303));
    assert!(!Metric::Route.counted_status(404));
    assert!(Metric::View.counted_status(200) && Metric::View.counted_status(304));
    assert!(!Metric::View.counted_status(404) && !Metric::View.counted_status(303));
    assert!(Metric::Feed.counts_machines() && !Metric::View.counts_machines());
    for metric in [Metric::View, Metric::Visits, Metric::Referrer, Metric::Calendar] {
        assert_eq!(Metric::parse(metric.as_str()), Some(metric));
    }
}

#[test]
fn only_the_host_of_a_foreign_referrer_is_kept() {
    let own = "nahbar.example";
    assert_eq!(
        referrer_host("https://www.Google.com/search?q=baeckerei", own),
        Some("google.com".into())
    );
    assert_eq!(
        referrer_host("https://user:pw@mastodon.social:443/@anna/1", own),
        Some("mastodon.social".into())
    );
    assert_eq!(referrer_host("https://nahbar.example/other", own), None);
    assert_eq!(referrer_host("android-app://com.google.android.gm/", own), None);
    assert_eq!(referrer_host("https://<script>/", own), None);
    assert_eq!(referrer_host("", own), None);
}

#[test]
fn the_figures_add_up_the_range_and_fill_the_quiet_days() {
    let rows = vec![
        row("2026-06-14", Metric::Visits, "", 100, 90), // before the range
        row("2026-06-15", Metric::Visits, "", 5, 3),
        row("2026-06-17", Metric::Visits, "", 7, 4),
        row("2026-06-17", Metric::Route, "osm", 2, 2),
        row("2026-06-17", Metric::Route, "geo", 1, 1),
        row("2026-06-17", Metric::Call, "", 1, 1),
        row("2026-06-17", Metric::Scan, "door", 3, 3),
        row("2026-06-16", Metric::Scan, "poster", 4, 2),
        row("2026-06-16", Metric::Scan, "door", 2, 2),
        row("2026-06-16", Metric::Post, "7", 2, 2),
        row("2026-06-17", Metric::Post, "9", 3, 3),
        row("2026-06-17", Metric::Post, "7", 2, 1),
        row("2026-06-17", Metric::Referrer, "google.com", 2, 2),
        row("2026-06-17", Metric::Feed, "atom", 9, 6),
        row("2026-06-17", Metric::Feed, "json", 2, 1),
        row("2026-06-16", Metric::Feed, "atom", 3, 3),
        row("2026-06-17", Metric::View, "", 7, 4),
    ];
    let figures = Insights::build(7, day("2026-06-21"), &rows, &[]);
    assert_eq!(figures.series.len(), 7);
    assert_eq!(figures.series[0], DayFigures { day: day("2026-06-15"), views: 5, visitors: 3 });
    assert_eq!(figures.series[1].views, 0);
    assert_eq!(figures.series[2], DayFigures { day: day("2026-06-17"), views: 7, visitors: 4 });
    assert_eq!((figures.views, figures.visitors), (12, 7));
    assert_eq!((figures.routes, figures.calls, figures.web), (3, 1, 0));
    assert_eq!(figures.scans, vec![("door".to_string(), 5), ("poster".to_string(), 4)]);
    assert_eq!(figures.top_posts, vec![(7, 4), (9, 3)]);
    assert_eq!(figures.referrers, vec![("google.com".to_string(), 2)]);
    assert_eq!(figures.feed_readers, 7, "the busiest day: 6 Atom and 1 JSON Feed readers");
    assert_eq!(figures.last_year, None);
    let earlier = vec![row("2025-06-18", Metric::Visits, "", 4, 2)];
    let figures = Insights::build(7, day("2026-06-21"), &rows, &earlier);
    assert_eq!(figures.last_year, Some((4, 2)));
    assert_eq!(year_before(day("2026-06-21"), 7), (day("2025-06-16"), day("2025-06-22")));
}

#[test]
fn the_chart_scales_to_a_round_maximum() {
    let series: Vec<DayFigures> = (0..4)
        .map(|i| DayFigures {
            day: day("2026-06-15") + Duration::days(i),
            views: [0, 10, 37, 20][i as usize],
            visitors: [0, 5, 20, 10][i as usize],
        })
        .collect();
    let chart = chart(&series);
    assert_eq!(chart.max, 50);
    assert_eq!(chart.bars.len(), 4);
    let (_, top, _, height) = chart.bars[2];
    assert!((height - 148.0).abs() < 0.01 && (top + height - CHART_HEIGHT).abs() < 0.01);
    assert_eq!(chart.bars[0].3, 0.0);
    assert!(chart.line.starts_with("75.0,200.0 225.0,180.0"), "{}", chart.line);
    assert_eq!(super::chart(&[]).max, 5);
    assert_eq!(nice_ceiling(101), 200);
}
