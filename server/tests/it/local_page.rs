//! The customer's local page, its JSON-LD, sitemap and 404s, over real HTTP.

use crate::common::TestApp;
use app::domain::hours::status_at;
use scraper::{Html, Selector};
use serde_json::Value;

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let selector = Selector::parse(css).expect("selector");
    doc.select(&selector).collect()
}

fn text(element: &scraper::ElementRef<'_>) -> String {
    element.text().collect::<String>()
}

#[tokio::test]
async fn the_local_page_shows_status_hours_address_and_directions_without_scripts() {
    let app = TestApp::spawn().await;
    let response = app.get("/sonnenschein-freiburg").await;
    assert_eq!(response.status(), 200);
    let csp = response.headers()["content-security-policy"].to_str().expect("csp").to_string();
    assert!(csp.contains("script-src 'none'"), "{csp}");
    let html = response.text().await.expect("body");
    let doc = Html::parse_document(&html);

    assert_eq!(text(&select(&doc, "h1")[0]), "Bäckerei Sonnenschein Freiburg");
    // The status line agrees with the domain's evaluation right now.
    let location =
        app.store.location_by_slug("sonnenschein-freiburg").await.expect("db").expect("found");
    let status = status_at(&location.hours, location.details.tz(), chrono::Utc::now());
    let line = text(&select(&doc, "p.status")[0]);
    assert!(line.starts_with(if status.open { "Open" } else { "Closed" }), "{line}");

    let rows = select(&doc, "table.hours tbody tr");
    assert_eq!(rows.len(), 7);
    assert!(text(&rows[0]).contains("06:30–12:30, 14:00–18:30"), "lunch break shown");
    assert!(text(&rows[6]).contains("closed"));
    assert_eq!(select(&doc, "tr[aria-current=date]").len(), 1, "today is marked once");

    let address = text(&select(&doc, "address")[0]);
    assert!(address.contains("Konviktstraße 12") && address.contains("79098 Freiburg"));
    let hrefs: Vec<String> = select(&doc, "a[href]")
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    // Directions and the phone go through the counted redirects (insights), which lead to
    // the same places.
    let slug = "/sonnenschein-freiburg";
    for (go, target) in [
        ("/go/route/osm", "https://www.openstreetmap.org/directions"),
        ("/go/route/google", "https://www.google.com/maps/dir/"),
        ("/go/route/apple", "https://maps.apple.com/"),
        ("/go/route/geo", "geo:47.99521,7.85488"),
        ("/go/call", "tel:+497612923410"),
    ] {
        assert!(hrefs.contains(&format!("{slug}{go}")), "{go} in {hrefs:?}");
        let response = app.get(&format!("{slug}{go}")).await;
        assert_eq!(response.status(), 303, "{go}");
        assert!(crate::common::location(response.headers()).starts_with(target), "{go}");
    }
    assert_eq!(app.get(&format!("{slug}/go/route/evil")).await.status(), 404);
    assert_eq!(app.get("/no-such-shop/go/call").await.status(), 404);
    assert!(html.contains("Kundenparkplatz im Hof"), "POIs are listed");

    // Complete without JavaScript: no executable script, nothing loaded from other hosts.
    for script in select(&doc, "script") {
        assert_eq!(script.value().attr("type"), Some("application/ld+json"));
    }
    for (css, attr) in
        [("link[rel=stylesheet]", "href"), ("img", "src"), ("link[rel=icon]", "href")]
    {
        for element in select(&doc, css) {
            let url = element.value().attr(attr).unwrap_or_default();
            assert!(url.starts_with('/'), "{css} loads {url} from another host");
        }
    }
    assert!(!html.contains(".wasm"), "customer pages load no WASM");
}

#[tokio::test]
async fn the_json_ld_describes_the_business_field_by_field() {
    let app = TestApp::spawn().await;
    let (_, html) = app.get_text("/sonnenschein-leipzig").await;
    let doc = Html::parse_document(&html);
    let scripts = select(&doc, "script[type='application/ld+json']");
    assert_eq!(scripts.len(), 1);
    let ld: Value = serde_json::from_str(&text(&scripts[0])).expect("JSON-LD parses");
    let page = format!("{}/sonnenschein-leipzig", app.base);
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "CafeOrCoffeeShop");
    assert_eq!(ld["@id"], format!("{page}#business"));
    assert_eq!(ld["url"], page);
    assert_eq!(ld["name"], "Café Sonnenschein Leipzig");
    assert_eq!(ld["telephone"], "+49 341 3016 220");
    assert_eq!(ld["address"]["@type"], "PostalAddress");
    assert_eq!(ld["address"]["streetAddress"], "Karl-Liebknecht-Straße 87");
    assert_eq!(ld["address"]["postalCode"], "04275");
    assert_eq!(ld["address"]["addressLocality"], "Leipzig");
    assert_eq!(ld["address"]["addressCountry"], "DE");
    assert_eq!(ld["geo"]["@type"], "GeoCoordinates");
    assert_eq!(ld["geo"]["latitude"], 51.32093);
    assert_eq!(ld["geo"]["longitude"], 12.37305);
    assert_eq!(ld["parentOrganization"]["name"], "Bäckerei Sonnenschein");
    let specs = ld["openingHoursSpecification"].as_array().expect("specs");
    let friday = specs
        .iter()
        .find(|s| {
            s["dayOfWeek"]
                .as_array()
                .is_some_and(|d| d.contains(&"https://schema.org/Friday".into()))
        })
        .expect("Friday spec");
    assert_eq!(friday["@type"], "OpeningHoursSpecification");
    assert_eq!(
        (friday["opens"].as_str(), friday["closes"].as_str()),
        (Some("08:00"), Some("02:00"))
    );
    let days: usize = specs.iter().map(|s| s["dayOfWeek"].as_array().map_or(0, Vec::len)).sum();
    assert_eq!(days, 7, "every open day appears exactly once");
}

#[tokio::test]
async fn open_graph_and_canonical_tags_point_at_the_page() {
    let app = TestApp::spawn().await;
    let (_, html) = app.get_text("/sonnenschein-freiburg").await;
    let doc = Html::parse_document(&html);
    let meta = |property: &str| {
        select(&doc, &format!("meta[property='{property}']"))
            .first()
            .and_then(|m| m.value().attr("content").map(str::to_string))
    };
    let page = format!("{}/sonnenschein-freiburg", app.base);
    assert_eq!(meta("og:url"), Some(page.clone()));
    assert_eq!(
        meta("og:title").as_deref(),
        Some("Bäckerei Sonnenschein Freiburg – Freiburg im Breisgau")
    );
    assert!(meta("og:description").is_some_and(|d| d.starts_with("Holzofenbrot")));
    let canonical = select(&doc, "link[rel=canonical]");
    assert_eq!(canonical[0].value().attr("href"), Some(page.as_str()));
}

#[tokio::test]
async fn unknown_slugs_and_paths_get_a_real_404_page() {
    let app = TestApp::spawn().await;
    for path in ["/no-such-shop", "/a/b/c", "/admin-nope"] {
        let (status, html) = app.get_text(path).await;
        assert_eq!(status, 404, "{path}");
        assert!(html.contains("Page not found"), "{path}: a page a person can read");
    }
}

#[tokio::test]
async fn the_page_speaks_german_when_the_browser_asks_for_it() {
    let app = TestApp::spawn().await;
    let html = app.get_in_language("/sonnenschein-freiburg", "de-DE,de;q=0.9,en;q=0.5").await;
    assert!(html.contains("<html lang=\"de\""));
    assert!(html.contains("Öffnungszeiten") && html.contains("Montag"));
    // The switch wins over the header and is remembered.
    let switched = app.get("/lang/en?next=/sonnenschein-freiburg").await;
    assert_eq!(switched.status(), 303);
    assert_eq!(crate::common::location(switched.headers()), "/sonnenschein-freiburg");
    let html = app.get_in_language("/sonnenschein-freiburg", "de").await;
    assert!(html.contains("Opening hours"));
    // The switch never redirects off-site.
    let away = app.get("/lang/de?next=//evil.example/").await;
    assert_eq!(crate::common::location(away.headers()), "/");
}

#[tokio::test]
async fn the_sitemap_lists_every_location_and_robots_points_to_it() {
    let app = TestApp::spawn().await;
    let response = app.get("/sitemap.xml").await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"].to_str().expect("ct").starts_with("application/xml")
    );
    let xml = response.text().await.expect("body");
    let doc = roxmltree::Document::parse(&xml).expect("sitemap is XML");
    let locs: Vec<&str> =
        doc.descendants().filter(|n| n.has_tag_name("loc")).filter_map(|n| n.text()).collect();
    for slug in ["sonnenschein-freiburg", "sonnenschein-leipzig"] {
        assert!(locs.contains(&format!("{}/{slug}", app.base).as_str()), "{slug} in {locs:?}");
    }
    let (_, robots) = app.get_text("/robots.txt").await;
    assert!(robots.contains(&format!("Sitemap: {}/sitemap.xml", app.base)));
    assert!(robots.contains("Disallow: /admin"));
}

#[tokio::test]
async fn upcoming_special_hours_show_on_the_page_in_json_ld_and_in_the_calendar() {
    let app = TestApp::spawn().await;
    // The demo closes Freiburg for inventory in 9–10 days.
    let (_, html) = app.get_text("/sonnenschein-freiburg").await;
    let doc = Html::parse_document(&html);
    let notices = text(&select(&doc, "section.exceptions")[0]);
    assert!(notices.contains("Inventur") && notices.contains("closed"), "{notices}");

    let scripts = select(&doc, "script[type='application/ld+json']");
    let ld: Value = serde_json::from_str(&text(&scripts[0])).expect("JSON-LD");
    let special = ld["specialOpeningHoursSpecification"].as_array().expect("special hours");
    let location =
        app.store.location_by_slug("sonnenschein-freiburg").await.expect("db").expect("loc");
    let inventory = &location.special[0];
    let closure = special
        .iter()
        .find(|s| s["validFrom"] == inventory.from.to_string())
        .expect("the closure is published");
    assert_eq!(closure["@type"], "OpeningHoursSpecification");
    assert_eq!(closure["validThrough"], inventory.to.to_string());
    assert_eq!(
        (closure["opens"].as_str(), closure["closes"].as_str()),
        (Some("00:00"), Some("00:00"))
    );

    let response = app.get("/sonnenschein-freiburg/calendar.ics").await;
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"].to_str().expect("ct").starts_with("text/calendar"));
    let ics = response.text().await.expect("body");
    let unfolded = icalendar::parser::unfold(&ics);
    let calendar =
        icalendar::parser::read_calendar(&unfolded).expect("a real iCalendar parser reads it");
    let events: Vec<_> = calendar.components.iter().filter(|c| c.name == "VEVENT").collect();
    let prop = |c: &icalendar::parser::Component<'_>, name: &str| {
        c.properties.iter().find(|p| p.name == name).map(|p| p.val.to_string())
    };
    let inventory_event = events
        .iter()
        .find(|e| prop(e, "SUMMARY").is_some_and(|s| s.contains("Inventur")))
        .expect("the closure is an event");
    assert_eq!(prop(inventory_event, "DTSTART"), Some(inventory.from.format("%Y%m%d").to_string()));
    assert_eq!(
        prop(inventory_event, "DTEND"),
        Some((inventory.to + chrono::Duration::days(1)).format("%Y%m%d").to_string())
    );
    assert!(
        events.iter().any(|e| prop(e, "SUMMARY").is_some_and(|s| s.contains("Christmas"))),
        "holidays are listed"
    );
    // UIDs are stable: a second download names the same events.
    let again = app.get_text("/sonnenschein-freiburg/calendar.ics").await.1;
    let uids = |text: &str| -> Vec<String> {
        text.lines().filter(|l| l.starts_with("UID:")).map(str::to_string).collect()
    };
    assert_eq!(uids(&ics), uids(&again));
    assert_eq!(app.get("/no-such-shop/calendar.ics").await.status(), 404);
}
