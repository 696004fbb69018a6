//! Texts of the POI editor, the customer's map and the nearby search, in both languages.

use super::Lang;
use crate::domain::location::PoiKind;
use crate::domain::nearby::{MAX_K, MAX_RADIUS_M, NearbyProblem};
use crate::domain::poi::PoiProblem;

pub struct GeoTexts {
    pub pois_title: &'static str,
    pub pois_intro: &'static str,
    pub pois_link: &'static str,
    pub no_pois: &'static str,
    pub add_poi: &'static str,
    pub edit: &'static str,
    pub name: &'static str,
    pub kind: &'static str,
    pub position: &'static str,
    pub latitude: &'static str,
    pub longitude: &'static str,
    pub coords_search: &'static str,
    pub coords_help: &'static str,
    pub use_my_position: &'static str,
    pub note: &'static str,
    pub public_label: &'static str,
    pub public_tag: &'static str,
    pub internal_tag: &'static str,
    pub save: &'static str,
    pub move_up: &'static str,
    pub move_down: &'static str,
    pub from_shop: &'static str,
    pub exports: &'static str,
    pub exports_help: &'static str,
    pub deleted: &'static str,
    // The map picker's messages ({m}, {lat}, {lon}, {reason} are filled in by the script).
    pub picker_locating: &'static str,
    pub picker_located: &'static str,
    pub picker_denied: &'static str,
    pub picker_moved: &'static str,
    pub picker_map_label: &'static str,
    pub picker_bad_coords: &'static str,
    pub picker_tiles_failed: &'static str,
    pub picker_marker: &'static str,
    // Customer map.
    pub show_map: &'static str,
    pub hide_map: &'static str,
    pub map_privacy: &'static str,
    pub map_heading: &'static str,
    pub map_legend: &'static str,
    // Nearby.
    pub nearby_title: &'static str,
    pub nearby_intro: &'static str,
    pub radius: &'static str,
    pub open_now_only: &'static str,
    pub search: &'static str,
    pub nearby_results: &'static str,
    pub nearby_none: &'static str,
    pub shop: &'static str,
    pub of_location: &'static str,
    pub nearby_link: &'static str,
}

impl GeoTexts {
    pub fn poi_problem(&self, lang: Lang, problem: PoiProblem) -> String {
        let de = lang == Lang::De;
        match problem {
            PoiProblem::NameMissing => {
                if de { "Bitte gib dem Ort einen Namen." } else { "Please give the point a name." }
            }
            PoiProblem::NameTooLong => {
                if de { "Der Name ist zu lang (höchstens 80 Zeichen)." } else { "The name is too long (80 characters at most)." }
            }
            PoiProblem::NoteTooLong => {
                if de { "Der Hinweis ist zu lang (höchstens 300 Zeichen)." } else { "The note is too long (300 characters at most)." }
            }
            PoiProblem::UnknownKind => {
                if de { "Bitte wähle eine Art aus der Liste." } else { "Please choose a kind from the list." }
            }
            PoiProblem::Position => {
                if de {
                    "Die Position fehlt oder stimmt nicht: Breitengrad von -90 bis 90, Längengrad von -180 bis 180, z. B. 47,9935 und 7,8520."
                } else {
                    "The position is missing or wrong: latitude from -90 to 90, longitude from -180 to 180, e.g. 47.9935 and 7.8520."
                }
            }
            PoiProblem::Coordinates => {
                if de {
                    "Die Koordinaten wurden nicht verstanden. Schreibe Breite, Länge, z. B. 47.9935, 7.8520, oder füge einen Karten-Link ein."
                } else {
                    "The coordinates were not understood. Write latitude, longitude, e.g. 47.9935, 7.8520, or paste a map link."
                }
            }
        }
        .to_string()
    }

    /// The English sentence of the JSON API, naming the parameters as developers read them.
    pub fn nearby_api_problem(&self, problem: NearbyProblem) -> String {
        match problem {
            NearbyProblem::MissingPoint => "lat and lon are required".into(),
            NearbyProblem::Latitude => "lat must be a number from -90 to 90".into(),
            NearbyProblem::Longitude => "lon must be a number from -180 to 180".into(),
            NearbyProblem::Radius => {
                format!("radius_m must be a number of metres above 0 and at most {MAX_RADIUS_M}")
            }
            NearbyProblem::K => format!("k must be a whole number from 1 to {MAX_K}"),
            NearbyProblem::Kind => format!(
                "kind must be a comma-separated list of: location, {}",
                PoiKind::ALL.map(PoiKind::as_str).join(", ")
            ),
        }
    }

    pub fn nearby_problem(&self, lang: Lang, problem: NearbyProblem) -> String {
        if lang == Lang::En {
            let mut message = self.nearby_api_problem(problem);
            message[..1].make_ascii_uppercase();
            return format!("{message}.");
        }
        match problem {
            NearbyProblem::MissingPoint => "Bitte gib Breiten- und Längengrad an.".to_string(),
            NearbyProblem::Latitude => "Der Breitengrad muss eine Zahl von -90 bis 90 sein.".into(),
            NearbyProblem::Longitude => {
                "Der Längengrad muss eine Zahl von -180 bis 180 sein.".into()
            }
            NearbyProblem::Radius => {
                "Der Umkreis muss größer als 0 und höchstens 50 000 m sein.".into()
            }
            NearbyProblem::K => format!("k muss eine ganze Zahl von 1 bis {MAX_K} sein."),
            NearbyProblem::Kind => "Diese Art kennt Nahbar nicht.".into(),
        }
    }
}

pub static DE: GeoTexts = GeoTexts {
    pois_title: "Wichtige Orte",
    pois_intro: "Parkplätze, Eingänge, Abholstellen: Was hier öffentlich ist, steht auf der Seite des Standorts und in den Exporten für Karten und Navis.",
    pois_link: "Wichtige Orte (Parkplatz, Eingang …)",
    no_pois: "Noch keine Orte eingetragen.",
    add_poi: "Ort hinzufügen",
    edit: "Bearbeiten",
    name: "Name",
    kind: "Art",
    position: "Position",
    latitude: "Breitengrad",
    longitude: "Längengrad",
    coords_search: "Koordinaten suchen",
    coords_help: "Zum Beispiel 47.9935, 7.8520, ein geo:-Link oder ein Link von OpenStreetMap, Google Maps oder Apple Karten.",
    use_my_position: "Meinen Standort verwenden",
    note: "Hinweis (optional)",
    public_label: "Auf der öffentlichen Seite zeigen",
    public_tag: "öffentlich",
    internal_tag: "intern",
    save: "Speichern",
    move_up: "Nach oben",
    move_down: "Nach unten",
    from_shop: "vom Geschäft",
    exports: "Für Karten und Navis",
    exports_help: "Öffentliche Orte mit dem Standort als erstem Punkt:",
    deleted: "Gelöscht.",
    picker_locating: "Standort wird ermittelt …",
    picker_located: "Position gesetzt (Genauigkeit ±{m} m)",
    picker_denied: "Dein Standort ist nicht verfügbar: {reason}",
    picker_moved: "Markierung verschoben nach {lat}, {lon}",
    picker_map_label: "Karte: Markierung ziehen oder mit den Pfeiltasten verschieben",
    picker_bad_coords: "Nicht verstanden. Schreibe Breite, Länge, z. B. 47.9935, 7.8520",
    picker_tiles_failed: "Die Karte konnte nicht geladen werden; nutze die Koordinatenfelder.",
    picker_marker: "Position des Orts",
    show_map: "Karte zeigen",
    hide_map: "Karte ausblenden",
    map_privacy: "Die Karte lädt Bilder von {host}.",
    map_heading: "Karte",
    map_legend: "Nummern auf der Karte:",
    nearby_title: "In der Nähe",
    nearby_intro: "Geschäfte, Parkplätze und Eingänge rund um einen Punkt, nach Entfernung sortiert.",
    radius: "Umkreis (Meter)",
    open_now_only: "Nur was jetzt geöffnet ist",
    search: "Suchen",
    nearby_results: "Ergebnisse",
    nearby_none: "Nichts in diesem Umkreis.",
    shop: "Geschäft",
    of_location: "bei",
    nearby_link: "Was ist in der Nähe?",
};

pub static EN: GeoTexts = GeoTexts {
    pois_title: "Points of interest",
    pois_intro: "Parking, entrances, pick-up points: public ones appear on the location's page and in the exports for maps and navigation systems.",
    pois_link: "Points of interest (parking, entrances …)",
    no_pois: "No points yet.",
    add_poi: "Add a point",
    edit: "Edit",
    name: "Name",
    kind: "Kind",
    position: "Position",
    latitude: "Latitude",
    longitude: "Longitude",
    coords_search: "Search by coordinates",
    coords_help: "For example 47.9935, 7.8520, a geo: link or a link from OpenStreetMap, Google Maps or Apple Maps.",
    use_my_position: "Use my position",
    note: "Note (optional)",
    public_label: "Show on the public page",
    public_tag: "public",
    internal_tag: "internal",
    save: "Save",
    move_up: "Move up",
    move_down: "Move down",
    from_shop: "from the shop",
    exports: "For maps and navigation systems",
    exports_help: "Public points, the location itself first:",
    deleted: "Deleted.",
    picker_locating: "Finding your position…",
    picker_located: "Position set (accuracy ±{m} m)",
    picker_denied: "Your position is not available: {reason}",
    picker_moved: "Marker moved to {lat}, {lon}",
    picker_map_label: "Map: drag the marker or use the arrow keys to place the point",
    picker_bad_coords: "Not understood. Use latitude, longitude, e.g. 47.9935, 7.8520",
    picker_tiles_failed: "Map tiles could not be loaded; use the coordinate fields.",
    picker_marker: "Position of the point",
    show_map: "Show map",
    hide_map: "Hide map",
    map_privacy: "The map loads images from {host}.",
    map_heading: "Map",
    map_legend: "Numbers on the map:",
    nearby_title: "Nearby",
    nearby_intro: "Shops, parking and entrances around a point, nearest first.",
    radius: "Radius (metres)",
    open_now_only: "Only what is open now",
    search: "Search",
    nearby_results: "Results",
    nearby_none: "Nothing within this radius.",
    shop: "Shop",
    of_location: "at",
    nearby_link: "What is nearby?",
};

impl Lang {
    pub fn geo(self) -> &'static GeoTexts {
        match self {
            Lang::De => &DE,
            Lang::En => &EN,
        }
    }
}
