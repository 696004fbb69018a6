use super::*;
use crate::i18n::Lang;
use crate::i18n::imprint_page::ImprintPage;
use crate::i18n::privacy::privacy_page;

/// An optician in Freiburg on a Hetzner server, with the map and federation on.
fn optician() -> PrivacyFacts {
    PrivacyFacts {
        controller: vec![
            "Optik Berger GmbH".into(),
            "Bertoldstraße 12".into(),
            " ".into(),
            "79098 Freiburg im Breisgau".into(),
        ],
        controller_email: "info@optik-berger.example".into(),
        country: Country::De,
        hosting: "Hetzner Online GmbH, Industriestr. 25, 91710 Gunzenhausen".into(),
        tile_host: "tile.openstreetmap.org".into(),
        federation: true,
        ..PrivacyFacts::default()
    }
}

/// Everything on: every section the notice can have.
fn everything() -> PrivacyFacts {
    PrivacyFacts {
        object_storage: true,
        visit_counts_days: Some(90),
        questions_days: Some(30),
        extra: "Wir nutzen außerdem ein Kassensystem.\n\nFragen? Rufen Sie an.".into(),
        ..optician()
    }
}

fn headings(page: &ImprintPage) -> Vec<&str> {
    page.sections.iter().map(|s| s.heading.as_str()).collect()
}

fn text(page: &ImprintPage) -> String {
    page.sections.iter().flat_map(|s| s.lines.iter().cloned()).collect::<Vec<_>>().join("\n")
}

#[test]
fn the_optician_gets_the_sections_of_what_it_does() {
    let page = privacy_page(&optician(), Lang::De);
    assert_eq!(page.title, "Datenschutzerklärung");
    assert_eq!(
        headings(&page),
        [
            "Verantwortlich",
            "Hosting und Seitenaufrufe",
            "Cookies",
            "Karte",
            "Fotos",
            "Fediverse",
            "Ihre Rechte"
        ]
    );
    let controller = &page.sections[0].lines;
    assert!(controller.contains(&"Optik Berger GmbH".to_string()));
    assert!(controller.contains(&"E-Mail: info@optik-berger.example".to_string()));
}

#[test]
fn every_section_is_there_when_everything_is_on_in_both_languages() {
    assert_eq!(
        headings(&privacy_page(&everything(), Lang::En)),
        [
            "Controller",
            "Hosting and page requests",
            "Cookies",
            "Map",
            "Photos",
            "Fediverse",
            "Visit counts",
            "Questions to us",
            "Your rights",
            "Further information"
        ]
    );
    assert_eq!(headings(&privacy_page(&everything(), Lang::De)).len(), 10);
}

#[test]
fn without_a_tile_host_there_is_no_map_section_and_no_map_mentioned() {
    let facts = PrivacyFacts { tile_host: "  ".into(), ..optician() };
    for lang in Lang::ALL {
        let page = privacy_page(&facts, lang);
        assert!(!headings(&page).contains(&lang.choose("Karte", "Map")), "{lang:?}");
        assert!(!text(&page).contains("openstreetmap"), "{lang:?}");
    }
    let with_map = text(&privacy_page(&optician(), Lang::En));
    assert!(with_map.contains("loads map images from tile.openstreetmap.org"));
    assert!(with_map.contains("“Show map”"));
}

#[test]
fn the_fediverse_section_appears_only_with_federation() {
    let off = PrivacyFacts { federation: false, ..optician() };
    assert!(!headings(&privacy_page(&off, Lang::De)).contains(&"Fediverse"));
    assert!(!text(&privacy_page(&off, Lang::De)).contains("Mastodon"));
    assert!(headings(&privacy_page(&optician(), Lang::De)).contains(&"Fediverse"));
}

#[test]
fn a_swiss_notice_cites_the_dsg_and_never_the_gdpr() {
    let facts = PrivacyFacts { country: Country::Ch, ..everything() };
    let de = text(&privacy_page(&facts, Lang::De));
    assert!(de.contains("DSG)") && de.contains("Art. 25 DSG") && de.contains("EDÖB"));
    assert!(!de.contains("DSGVO") && !de.contains("Aufsichtsbehörde"));
    assert!(
        de.contains("Er bearbeitet die Daten")
            && de.contains("Auftragsbearbeitung nach Art. 9 DSG")
    );
    let en = text(&privacy_page(&facts, Lang::En));
    assert!(en.contains("Art. 25 FADP") && en.contains("FDPIC"));
    assert!(!en.contains("GDPR") && !en.contains("DSGVO"));
}

#[test]
fn german_and_austrian_notices_cite_the_gdpr_and_their_own_authority_and_cookie_law() {
    let german = text(&privacy_page(&optician(), Lang::De));
    assert!(german.contains("Art. 6 Abs. 1 lit. f DSGVO"));
    assert!(german.contains("Art. 28 DSGVO"));
    assert!(german.contains("§ 25 Abs. 2 Nr. 2 TDDDG"));
    assert!(german.contains("Art. 15 bis 21 DSGVO") && german.contains("Art. 77 DSGVO"));
    let austrian =
        text(&privacy_page(&PrivacyFacts { country: Country::At, ..optician() }, Lang::De));
    assert!(austrian.contains("in Österreich bei der Datenschutzbehörde"));
    assert!(austrian.contains("§ 165 Abs. 3 TKG 2021") && !austrian.contains("TDDDG"));
}

#[test]
fn without_a_hosting_provider_the_owner_runs_the_server() {
    let facts = PrivacyFacts { hosting: String::new(), ..optician() };
    let de = text(&privacy_page(&facts, Lang::De));
    assert!(de.contains("Wir betreiben den Server dieser Website selbst"));
    assert!(!de.contains("Art. 28 DSGVO") && !de.contains("eigene Protokolle"));
    assert!(!de.contains("kein Hosting-Anbieter"), "object storage may still be hosted");
    let named = text(&privacy_page(&optician(), Lang::De));
    assert!(named.contains("Hosting-Anbieters: Hetzner Online GmbH, Industriestr. 25"));
    assert!(named.contains("eigene Protokolle"));
}

#[test]
fn the_extra_paragraphs_appear_in_order_under_their_own_heading() {
    let facts = PrivacyFacts {
        extra: "\r\nErster Absatz,\r\nzweite Zeile.\r\n\r\n  \r\nZweiter Absatz.\n\nDritter.\n"
            .into(),
        ..optician()
    };
    assert_eq!(
        facts.extra_paragraphs(),
        ["Erster Absatz,\nzweite Zeile.", "Zweiter Absatz.", "Dritter."]
    );
    let page = privacy_page(&facts, Lang::De);
    let last = page.sections.last().expect("a section");
    assert_eq!(last.heading, "Weitere Hinweise");
    assert_eq!(last.lines, facts.extra_paragraphs());
    let blank = PrivacyFacts { extra: " \n\n ".into(), ..optician() };
    assert!(!headings(&privacy_page(&blank, Lang::En)).contains(&"Further information"));
}

#[test]
fn german_and_english_have_the_same_sections_for_the_same_facts() {
    let variants = [
        PrivacyFacts::default(),
        optician(),
        everything(),
        PrivacyFacts { country: Country::Ch, ..everything() },
        PrivacyFacts { country: Country::At, hosting: String::new(), ..optician() },
    ];
    for facts in variants {
        let (de, en) = (privacy_page(&facts, Lang::De), privacy_page(&facts, Lang::En));
        assert_eq!(de.sections.len(), en.sections.len(), "{facts:?}");
        for (d, e) in de.sections.iter().zip(&en.sections) {
            assert_eq!(d.lines.len(), e.lines.len(), "{} / {}", d.heading, e.heading);
        }
    }
}

#[test]
fn every_heading_and_line_has_text() {
    for facts in [PrivacyFacts::default(), optician(), everything()] {
        for lang in Lang::ALL {
            for section in privacy_page(&facts, lang).sections {
                assert!(!section.heading.trim().is_empty());
                assert!(!section.lines.is_empty(), "{}", section.heading);
                for line in &section.lines {
                    assert!(!line.trim().is_empty(), "empty line in {}", section.heading);
                    assert!(!line.contains('{'), "unfilled placeholder: {line}");
                }
            }
        }
    }
}

#[test]
fn an_empty_controller_leaves_out_the_controller_section_and_points_to_the_address() {
    let page = privacy_page(&PrivacyFacts::default(), Lang::En);
    assert_eq!(headings(&page).first(), Some(&"Hosting and page requests"));
    assert!(text(&page).contains("contact us at the address above"));
}

#[test]
fn counts_and_questions_name_how_long_they_are_kept() {
    let de = text(&privacy_page(&everything(), Lang::De));
    assert!(de.contains("Die Tageszahlen werden 90 Tage aufbewahrt."));
    assert!(de.contains("Wir löschen die Angaben 30 Tage nach der Antwort."));
    let one = PrivacyFacts { visit_counts_days: Some(1), questions_days: Some(0), ..optician() };
    let en = text(&privacy_page(&one, Lang::En));
    assert!(en.contains("The daily counts are kept for one day."));
    assert!(en.contains("We delete them as soon as we have answered."));
}

#[test]
fn object_storage_is_named_only_when_used() {
    let with = text(&privacy_page(&everything(), Lang::En));
    assert!(with.contains("S3-compatible object storage"));
    assert!(!text(&privacy_page(&optician(), Lang::En)).contains("S3"));
}

#[test]
fn the_facts_survive_serde_with_missing_fields_defaulted() {
    let facts: PrivacyFacts =
        serde_json::from_str(r#"{"country":"Ch","federation":true}"#).expect("json");
    assert_eq!(
        facts,
        PrivacyFacts { country: Country::Ch, federation: true, ..Default::default() }
    );
    assert_eq!(facts.law(), PrivacyLaw::SwissDsg);
    assert_eq!(PrivacyFacts::default().law(), PrivacyLaw::Gdpr);
}
