//! The POI exports read by real clients: GPX validated against the official GPX 1.1 XSD
//! with xmllint, all three formats opened by GDAL's ogrinfo, GeoJSON checked against the
//! rules of RFC 7946.

use crate::common::TestApp;
use std::path::{Path, PathBuf};
use std::process::Command;

fn tool(name: &str) -> Command {
    let found = Command::new("sh").arg("-c").arg(format!("command -v {name}")).output();
    assert!(
        found.is_ok_and(|o| o.status.success()),
        "{name} is missing: run `.ci/install-tools.sh --browser` (installs libxml2-utils, gdal-bin)"
    );
    Command::new(name)
}

async fn download(app: &TestApp, path: &str, dir: &Path, file: &str) -> (String, PathBuf) {
    let response = app.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    let content_type = response.headers()["content-type"].to_str().expect("type").to_string();
    let body = response.bytes().await.expect("body");
    let target = dir.join(file);
    std::fs::write(&target, &body).expect("write");
    (content_type, target)
}

/// `ogrinfo -ro -al -so`: the layer summary, with the feature count per layer.
fn ogrinfo(file: &Path, layer: Option<&str>) -> String {
    let mut command = tool("ogrinfo");
    command.args(["-ro", "-so"]).arg(file);
    match layer {
        Some(layer) => command.arg(layer),
        None => command.arg("-al"),
    };
    let output = command.output().expect("ogrinfo runs");
    let text = String::from_utf8_lossy(&output.stdout).to_string();
    assert!(
        output.status.success(),
        "ogrinfo failed: {}{text}",
        String::from_utf8_lossy(&output.stderr)
    );
    text
}

#[tokio::test]
async fn gpx_is_valid_gpx_1_1_and_gis_tools_read_all_three_formats() {
    let app = TestApp::spawn().await;
    // An internal POI must not be exported.
    app.login_owner().await;
    app.post_form(
        "/admin/locations/1/pois",
        &[("name", "Lager (intern)"), ("kind", "other"), ("lat", "47.995"), ("lon", "7.854")],
    )
    .await;
    let dir = tempfile::tempdir().expect("dir");

    let (content_type, gpx) =
        download(&app, "/sonnenschein-freiburg/pois.gpx", dir.path(), "pois.gpx").await;
    assert_eq!(content_type, "application/gpx+xml");
    let xsd = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/schemas/gpx-1.1.xsd");
    let valid = tool("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&xsd)
        .arg(&gpx)
        .output()
        .expect("xmllint");
    assert!(valid.status.success(), "GPX invalid: {}", String::from_utf8_lossy(&valid.stderr));
    let text = std::fs::read_to_string(&gpx).expect("gpx");
    assert!(!text.contains("Lager"), "internal POIs stay internal");
    let doc = roxmltree::Document::parse(&text).expect("xml");
    let waypoints: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("wpt")).collect();
    assert_eq!(waypoints.len(), 5, "the shop and four public POIs");
    let first = waypoints[0];
    assert_eq!(
        (first.attribute("lat"), first.attribute("lon")),
        (Some("47.99521"), Some("7.85488"))
    );
    let name = first.children().find(|n| n.has_tag_name("name")).and_then(|n| n.text());
    assert_eq!(name, Some("Bäckerei Sonnenschein Freiburg"), "the location comes first");
    assert!(ogrinfo(&gpx, Some("waypoints")).contains("Feature Count: 5"));

    let (content_type, kml) =
        download(&app, "/sonnenschein-freiburg/pois.kml", dir.path(), "pois.kml").await;
    assert_eq!(content_type, "application/vnd.google-earth.kml+xml");
    let text = std::fs::read_to_string(&kml).expect("kml");
    let doc = roxmltree::Document::parse(&text).expect("xml");
    assert_eq!(doc.root_element().tag_name().namespace(), Some("http://www.opengis.net/kml/2.2"));
    let coordinates: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("coordinates"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(coordinates.len(), 5);
    assert!(
        coordinates[0].trim().starts_with("7.85488,47.99521"),
        "KML is lon,lat: {}",
        coordinates[0]
    );
    assert!(ogrinfo(&kml, None).contains("Feature Count: 5"));

    let (content_type, geojson) =
        download(&app, "/sonnenschein-freiburg/pois.geojson", dir.path(), "pois.geojson").await;
    assert_eq!(content_type, "application/geo+json");
    let summary = ogrinfo(&geojson, None);
    assert!(summary.contains("Feature Count: 5"), "{summary}");
    assert!(summary.contains("Point"), "{summary}");
}

#[tokio::test]
async fn geojson_follows_rfc_7946() {
    let app = TestApp::spawn().await;
    let response = app.get("/sonnenschein-freiburg/pois.geojson").await;
    assert_eq!(response.headers()["access-control-allow-origin"], "*");
    let body: serde_json::Value = response.json().await.expect("json");
    assert_eq!(body["type"], "FeatureCollection");
    assert!(body.get("crs").is_none(), "RFC 7946 removed crs");
    let features = body["features"].as_array().expect("features");
    assert_eq!(features.len(), 5);
    assert_eq!(features[0]["properties"]["kind"], "location");
    assert_eq!(features[0]["geometry"]["coordinates"], serde_json::json!([7.85488, 47.99521]));
    let mut ids = std::collections::HashSet::new();
    for feature in features {
        assert_eq!(feature["type"], "Feature");
        assert!(feature["properties"].is_object());
        assert!(ids.insert(feature["id"].to_string()), "ids are unique");
        let position = feature["geometry"]["coordinates"].as_array().expect("position");
        assert_eq!(feature["geometry"]["type"], "Point");
        assert_eq!(position.len(), 2, "no altitude");
        let (lon, lat) = (position[0].as_f64().expect("lon"), position[1].as_f64().expect("lat"));
        assert!(
            (7.8..7.9).contains(&lon) && (47.9..48.1).contains(&lat),
            "lon first: {position:?}"
        );
    }
    // The same parsed by the geojson crate.
    let text = serde_json::to_string(&body).expect("text");
    let parsed: geojson::GeoJson = text.parse().expect("valid GeoJSON");
    assert!(matches!(parsed, geojson::GeoJson::FeatureCollection(_)));

    let all: serde_json::Value =
        app.get("/api/v1/locations.geojson").await.json().await.expect("json");
    let names: Vec<&str> = all["features"]
        .as_array()
        .expect("features")
        .iter()
        .filter_map(|f| f["properties"]["name"].as_str())
        .collect();
    assert_eq!(names, ["Bäckerei Sonnenschein Freiburg", "Café Sonnenschein Leipzig"]);
    let (other_business, _) = app.other_business().await;
    let one: serde_json::Value = app
        .get(&format!("/api/v1/locations.geojson?business={other_business}"))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(one["features"].as_array().map(Vec::len), Some(1));
    assert_eq!(app.get("/api/v1/locations.geojson?business=abc").await.status(), 400);
    for format in ["geojson", "gpx", "kml"] {
        assert_eq!(app.get(&format!("/no-such-shop/pois.{format}")).await.status(), 404);
    }
}

#[tokio::test]
async fn every_api_route_is_in_the_openapi_document() {
    let app = TestApp::spawn().await;
    let document: serde_json::Value =
        app.get("/api/v1/openapi.json").await.json().await.expect("json");
    assert_eq!(document["openapi"], "3.1.0");
    let documented: Vec<&str> =
        document["paths"].as_object().expect("paths").keys().map(String::as_str).collect();
    let source = include_str!("../../src/routes.rs");
    let routes: Vec<&str> = source
        .split(".route(\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|path| path.starts_with("/api/"))
        .collect();
    assert!(routes.len() >= 3, "{routes:?}");
    for route in routes {
        assert!(documented.contains(&route), "{route} is missing from /api/v1/openapi.json");
        let (status, _) = app.get_text(&format!("{route}?lat=47.99&lon=7.85")).await;
        assert_eq!(status, 200, "{route} answers");
    }
}
