//! POIs end to end: the owner's forms, who may use them, the local page with its map on
//! request, and the nearby search (HTML and JSON) following every change.

use crate::common::{TestApp, location};
use app::domain::location::Role;
use serde_json::Value;

const PARKING: [(&str, &str); 6] = [
    ("name", "Parkplatz Rempartstraße"),
    ("kind", "parking"),
    ("lat", "47,99410"),
    ("lon", "7.85300"),
    ("note", "Erste Stunde frei"),
    ("public", "on"),
];

async fn nearby(app: &TestApp, query: &str) -> (u16, Value) {
    let response = app.get(&format!("/api/v1/nearby?{query}")).await;
    let status = response.status().as_u16();
    (status, response.json().await.expect("JSON"))
}

fn names(body: &Value) -> Vec<String> {
    body["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| r["name"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[tokio::test]
async fn the_owner_adds_edits_moves_and_deletes_a_poi_and_everything_public_follows() {
    let app = TestApp::spawn().await;
    app.login_owner().await;
    // The index is built before the change, so the test proves it is kept current.
    let (_, before) = nearby(&app, "lat=47.9941&lon=7.853&radius_m=50").await;
    assert!(names(&before).is_empty(), "{before}");

    let added = app.post_form("/admin/locations/1/pois", &PARKING).await;
    let target = location(added.headers());
    assert!(target.starts_with("/admin/locations/1/pois?saved=1#poi-"), "{target}");
    let poi_id: i64 = target.rsplit("#poi-").next().and_then(|id| id.parse().ok()).expect("id");

    let (_, page) = app.get_text("/sonnenschein-freiburg").await;
    assert!(page.contains("Parkplatz Rempartstraße") && page.contains("Erste Stunde frei"));
    let (status, after) = nearby(&app, "lat=47.9941&lon=7.853&radius_m=50").await;
    assert_eq!(status, 200);
    assert_eq!(names(&after), ["Parkplatz Rempartstraße"]);
    assert_eq!(after["results"][0]["kind"], "parking");
    assert_eq!(after["results"][0]["location"]["slug"], "sonnenschein-freiburg");

    // Made internal: gone from the page, the exports and the nearby search.
    let mut internal = PARKING.to_vec();
    internal.retain(|(k, _)| *k != "public");
    let edited = app.post_form(&format!("/admin/locations/1/pois/{poi_id}"), &internal).await;
    assert_eq!(location(edited.headers()), format!("/admin/locations/1/pois?saved=1#poi-{poi_id}"));
    let (_, page) = app.get_text("/sonnenschein-freiburg").await;
    assert!(!page.contains("Parkplatz Rempartstraße"));
    let (_, geojson) = app.get_text("/sonnenschein-freiburg/pois.geojson").await;
    assert!(!geojson.contains("Rempart"));
    let (_, after) = nearby(&app, "lat=47.9941&lon=7.853&radius_m=50").await;
    assert!(names(&after).is_empty());
    let (_, admin) = app.get_text("/admin/locations/1/pois").await;
    assert!(admin.contains("Parkplatz Rempartstraße"), "the owner still sees it");

    // Moved to the top of the list.
    let before: Vec<i64> =
        app.store.location(1, 1).await.expect("l").pois.iter().map(|p| p.id).collect();
    assert_eq!(before.last(), Some(&poi_id));
    for _ in 0..before.len() {
        app.post_form(&format!("/admin/locations/1/pois/{poi_id}/move"), &[("direction", "up")])
            .await;
    }
    let order: Vec<i64> =
        app.store.location(1, 1).await.expect("l").pois.iter().map(|p| p.id).collect();
    assert_eq!(order[0], poi_id);
    assert_eq!(order.len(), before.len());

    let deleted = app.post_form(&format!("/admin/locations/1/pois/{poi_id}/delete"), &[]).await;
    assert_eq!(location(deleted.headers()), "/admin/locations/1/pois?deleted=1");
    assert!(app.store.location(1, 1).await.expect("l").pois.iter().all(|p| p.id != poi_id));
}

#[tokio::test]
async fn a_refused_poi_form_says_why_keeps_what_was_typed_and_stores_nothing() {
    let app = TestApp::spawn().await;
    app.login_owner().await;
    let count = app.store.location(1, 1).await.expect("l").pois.len();
    let mut bad = PARKING.to_vec();
    bad[2] = ("lat", "91");
    let refused = app.post_form("/admin/locations/1/pois", &bad).await;
    let target = location(refused.headers());
    assert!(target.contains("error=position") && target.contains("form=new"), "{target}");
    let html = app.get_in_language(&target, "en").await;
    assert!(html.contains("latitude from -90 to 90"), "the message names the range");
    assert!(html.contains("value=\"Parkplatz Rempartstraße\""), "the typed name comes back");
    let html = app.get_in_language(&target, "de").await;
    assert!(html.contains("Breitengrad von -90 bis 90"));

    for (field, value, code) in
        [("name", " ", "name"), ("kind", "castle", "kind"), ("coords", "irgendwo", "coords")]
    {
        let mut form = PARKING.to_vec();
        form.retain(|(k, _)| *k != field);
        form.push((field, value));
        let refused = app.post_form("/admin/locations/1/pois", &form).await;
        assert!(location(refused.headers()).contains(&format!("error={code}")), "{field}");
    }
    // A pasted map link wins over the number fields.
    let mut pasted = PARKING.to_vec();
    pasted.push((
        "coords",
        "https://www.openstreetmap.org/?mlat=47.9938&mlon=7.8511#map=19/47.99/7.85",
    ));
    let added = app.post_form("/admin/locations/1/pois", &pasted).await;
    assert!(location(added.headers()).contains("saved=1"));
    let pois = app.store.location(1, 1).await.expect("l").pois;
    assert_eq!(pois.len(), count + 1, "only the valid form was stored");
    let last = pois.last().expect("poi");
    assert_eq!((last.point.lat, last.point.lon), (47.9938, 7.8511));
}

#[tokio::test]
async fn only_owners_and_managers_of_the_business_may_change_pois() {
    let app = TestApp::spawn().await;
    let (_, foreign_location) = app.other_business().await;
    app.create_user("staff@sonnenschein.example", "staff-password-1", 1, Role::Staff).await;
    app.create_user("manager@sonnenschein.example", "manager-password-1", 1, Role::Manager).await;
    let poi = app.store.location(1, 1).await.expect("l").pois[0].id;
    let paths = [
        "/admin/locations/1/pois".to_string(),
        format!("/admin/locations/1/pois/{poi}"),
        format!("/admin/locations/1/pois/{poi}/delete"),
        format!("/admin/locations/1/pois/{poi}/move"),
    ];

    let anonymous = app.shallow();
    for path in &paths {
        let response = anonymous.post_form(path, &PARKING).await;
        assert!(location(response.headers()).starts_with("/login"), "{path}");
    }
    let staff = app.shallow();
    staff.login("staff@sonnenschein.example", "staff-password-1").await;
    for path in &paths {
        let response = staff.post_form(path, &PARKING).await;
        assert_eq!(response.status(), 404, "staff may not change POIs: {path}");
    }
    assert_eq!(staff.get("/admin/locations/1/pois").await.status(), 404);

    // The other business's owner gets the same 404 for our location as for a missing one.
    let other = app.shallow();
    other.create_user("owner@speiche.example", "speiche-password-1", 2, Role::Owner).await;
    other.login("owner@speiche.example", "speiche-password-1").await;
    let foreign = other.post_form(&paths[0], &PARKING).await;
    let missing = other.post_form("/admin/locations/999/pois", &PARKING).await;
    assert_eq!(foreign.status(), 404);
    assert_eq!(missing.status(), 404);
    assert_eq!(foreign.text().await.expect("b"), missing.text().await.expect("b"));
    // Our POI id under their own location is not found either.
    let cross = other
        .post_form(&format!("/admin/locations/{foreign_location}/pois/{poi}/delete"), &[])
        .await;
    assert_eq!(cross.status(), 404);

    let manager = app.shallow();
    manager.login("manager@sonnenschein.example", "manager-password-1").await;
    let added = manager.post_form("/admin/locations/1/pois", &PARKING).await;
    assert!(location(added.headers()).contains("saved=1"), "managers keep POIs right");
    let pois = app.store.location(1, 1).await.expect("l").pois;
    assert_eq!(pois.iter().filter(|p| p.name == "Parkplatz Rempartstraße").count(), 1);
    assert!(pois.iter().any(|p| p.id == poi), "nothing was deleted by the refused requests");
}

#[tokio::test]
async fn the_customer_map_loads_tiles_only_when_asked_for() {
    let app = TestApp::spawn().await;
    let response = app.get("/sonnenschein-freiburg").await;
    let csp = response.headers()["content-security-policy"].to_str().expect("csp").to_string();
    let html = response.text().await.expect("body");
    assert!(!html.contains("tile.openstreetmap.org/"), "no tile by default");
    assert!(!csp.contains("tile.openstreetmap.org"), "{csp}");
    assert!(html.contains("href=\"/sonnenschein-freiburg?map=1#map\""));

    let response = app.get("/sonnenschein-freiburg?map=1").await;
    let csp = response.headers()["content-security-policy"].to_str().expect("csp").to_string();
    let html = response.text().await.expect("body");
    assert!(csp.contains("img-src 'self' data: https://tile.openstreetmap.org;"), "{csp}");
    assert!(csp.contains("script-src 'none'"), "still no script: {csp}");
    let doc = scraper::Html::parse_document(&html);
    let select = |css: &str| scraper::Selector::parse(css).expect("selector");
    let tiles: Vec<&str> =
        doc.select(&select("svg image")).filter_map(|i| i.value().attr("href")).collect();
    assert!(tiles.len() >= 4, "{tiles:?}");
    assert!(tiles.iter().all(|t| t.starts_with("https://tile.openstreetmap.org/")));
    // The shop (S) and the four public demo POIs are marked and numbered in the list.
    assert_eq!(doc.select(&select("svg g.marker")).count(), 5);
    assert_eq!(doc.select(&select("ul.pois .marker-number")).count(), 4);
}

#[tokio::test]
async fn nearby_finds_shops_and_pois_by_distance_filters_them_and_refuses_bad_input() {
    let app = TestApp::spawn().await;
    // Freiburg shop at 47.99521, 7.85488 with four POIs within ~40 m.
    let (status, body) = nearby(&app, "lat=47.99521&lon=7.85488&radius_m=100").await;
    assert_eq!(status, 200);
    let results = body["results"].as_array().expect("results");
    assert_eq!(results.len(), 5, "{body}");
    assert_eq!(results[0]["kind"], "location");
    let distances: Vec<f64> =
        results.iter().map(|r| r["distance_m"].as_f64().expect("d")).collect();
    assert!(distances.windows(2).all(|w| w[0] <= w[1]), "{distances:?}");

    let (_, parking) = nearby(&app, "lat=47.99521&lon=7.85488&k=3&kind=parking").await;
    assert_eq!(names(&parking), ["Kundenparkplatz im Hof", "Parkhaus Südplatz"]);
    let (_, two) = nearby(&app, "lat=51.32&lon=12.37&k=2").await;
    assert_eq!(two["count"], 2);
    assert!(names(&two).iter().all(|n| !n.contains("Freiburg")));

    for (query, needle) in [
        ("lat=91&lon=7", "lat must be"),
        ("lat=NaN&lon=7", "lat must be"),
        ("lat=47&lon=7&radius_m=0", "radius_m"),
        ("lat=47&lon=7&radius_m=10000000", "radius_m"),
        ("lat=47&lon=7&k=1000000", "k must be"),
        ("lat=47&lon=7&kind=castle", "kind must be"),
        ("lon=7", "lat and lon are required"),
    ] {
        let (status, body) = nearby(&app, query).await;
        assert_eq!(status, 400, "{query}");
        assert!(body["error"].as_str().unwrap_or_default().contains(needle), "{query}: {body}");
    }

    // The HTML page: no script but its own, results without JS, errors as 400.
    let response = app.get("/nearby?lat=47.99521&lon=7.85488&radius_m=100").await;
    let csp = response.headers()["content-security-policy"].to_str().expect("csp").to_string();
    assert!(csp.contains("script-src 'self';"), "{csp}");
    let html = response.text().await.expect("body");
    assert!(html.contains("Kundenparkplatz im Hof") && html.contains("Stufenloser Eingang"));
    assert!(html.contains("https://www.openstreetmap.org/directions?route=%3B47.99541%2C7.85461"));
    let (status, html) = app.get_text("/nearby?lat=91&lon=7").await;
    assert_eq!(status, 400);
    assert!(html.contains("-90"), "the page explains the range");
}
