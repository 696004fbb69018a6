use super::*;
use crate::i18n::Lang;
use crate::i18n::imprint::{citation, help, label, problem};
use crate::i18n::imprint_page::ImprintPage;

/// An optician in Freiburg: a GmbH (so registered, with a managing director), a craft trade
/// with a Handwerkskammer (a regulated profession in Germany).
fn optician() -> Imprint {
    Imprint {
        legal_name: "Optik Berger".into(),
        legal_form: Some(LegalForm::LimitedCompany),
        address: Address {
            street: " Bertoldstraße 12 ".into(),
            postal_code: "79098".into(),
            city: "Freiburg im Breisgau".into(),
            country: "de".into(),
            region: String::new(),
        },
        representatives: "Anna Berger (Geschäftsführerin)".into(),
        email: "info@optik-berger.example".into(),
        phone: "+49 761 2345678".into(),
        register_court: "Amtsgericht Freiburg".into(),
        register_number: "hrb 701234".into(),
        vat_id: "de 136 695 976".into(),
        regulated_profession: true,
        chamber: "Handwerkskammer Freiburg".into(),
        professional_title: "Augenoptikermeisterin".into(),
        title_country: "Deutschland".into(),
        professional_rules: "Handwerksordnung (HwO), gesetze-im-internet.de/hwo".into(),
        ..Imprint::default()
    }
}

fn problems(imprint: Imprint) -> Vec<(&'static str, ImprintProblem)> {
    imprint
        .validate()
        .expect_err("invalid")
        .into_iter()
        .map(|e| (e.field.code(), e.problem))
        .collect()
}

#[test]
fn a_complete_german_imprint_is_cleaned_into_the_usual_spelling() {
    let clean = optician().validate().expect("valid");
    assert_eq!(clean.address.street, "Bertoldstraße 12");
    assert_eq!(clean.address.country, "DE");
    assert_eq!(clean.vat_id, "DE136695976");
    assert_eq!(clean.register_number, "HRB 701234");
    assert!(clean.is_complete());
}

#[test]
fn a_german_business_without_the_required_fields_is_refused_field_by_field() {
    let empty = Imprint {
        address: Address { country: "DE".into(), ..Address::default() },
        ..Imprint::default()
    };
    assert_eq!(
        problems(empty),
        [
            ("legal_name", ImprintProblem::Required),
            ("legal_form", ImprintProblem::Required),
            ("street", ImprintProblem::Required),
            ("postal_code", ImprintProblem::Required),
            ("city", ImprintProblem::Required),
            ("email", ImprintProblem::Required),
        ]
    );
    // A GmbH also needs its register entry and representatives; a regulated profession its
    // chamber and rules; editorial posts a responsible person.
    let mut gmbh = optician();
    for field in [
        &mut gmbh.register_court,
        &mut gmbh.register_number,
        &mut gmbh.representatives,
        &mut gmbh.chamber,
        &mut gmbh.professional_rules,
    ] {
        field.clear();
    }
    gmbh.editorial_content = true;
    assert_eq!(
        problems(gmbh),
        [
            ("representatives", ImprintProblem::Required),
            ("register_court", ImprintProblem::Required),
            ("register_number", ImprintProblem::Required),
            ("chamber", ImprintProblem::Required),
            ("professional_rules", ImprintProblem::Required),
            ("content_responsible", ImprintProblem::Required),
        ]
    );
}

#[test]
fn a_sole_trader_needs_no_register_and_no_representatives() {
    let mut shop = optician();
    shop.legal_form = Some(LegalForm::SoleTrader);
    shop.regulated_profession = false;
    for field in [&mut shop.register_court, &mut shop.register_number, &mut shop.representatives] {
        field.clear();
    }
    assert!(shop.validate().is_ok());
}

#[test]
fn vat_ids_are_checked_for_shape_and_check_digit() {
    // Valid numbers as python-stdnum (de.vat, at.uid, ch.uid) accepts them.
    for valid in [
        "DE136695976",
        "DE342366712",
        "DE 520 561 748",
        "ATU13585627",
        "ATU 00837407",
        "CHE-116.281.710",
        "CHE-955.459.045 MWST",
        "che 764672720 tva",
        "CHE-494.544.373 IVA",
        "FR40303265045",
    ] {
        assert!(vat_id_is_valid(valid), "{valid} is valid");
    }
    for invalid in [
        "DE136695975", // check digit
        "DE13669597",  // eight digits
        "DE002975049", // never issued with a leading zero
        "ATU13585628", // check digit
        "AT13585627",  // no U
        "CHE-116.281.711",
        "CHE-116.281.710 VAT",
        "123456789",
        "DE-Steuernummer",
    ] {
        assert!(!vat_id_is_valid(invalid), "{invalid} is invalid");
    }
    assert_eq!(format_vat_id("che 955459045 mwst").as_deref(), Some("CHE-955.459.045 MWST"));
    let mut typo = optician();
    typo.vat_id = "DE136695975".into();
    typo.email = "info@optik-berger".into();
    assert_eq!(
        problems(typo),
        [("email", ImprintProblem::InvalidEmail), ("vat_id", ImprintProblem::InvalidVatId)]
    );
}

#[test]
fn postal_codes_and_register_numbers_have_the_countrys_shape() {
    let mut bad = optician();
    bad.address.postal_code = "7909".into();
    bad.register_number = "12345".into();
    bad.phone = "ruf an".into();
    assert_eq!(
        problems(bad),
        [
            ("postal_code", ImprintProblem::InvalidPostalCode),
            ("phone", ImprintProblem::InvalidPhone),
            ("register_number", ImprintProblem::InvalidRegisterNumber),
        ]
    );
    let mut berlin = optician();
    berlin.register_number = "HRB12345b".into();
    assert_eq!(berlin.validate().expect("valid").register_number, "HRB 12345 B");
}

fn austrian() -> Imprint {
    Imprint {
        legal_name: "Optik Huber".into(),
        legal_form: Some(LegalForm::RegisteredMerchant),
        business_purpose: "Augenoptik".into(),
        address: Address {
            street: "Getreidegasse 3".into(),
            postal_code: "5020".into(),
            city: "Salzburg".into(),
            country: "AT".into(),
            region: String::new(),
        },
        email: "office@optik-huber.example".into(),
        register_court: "Landesgericht Salzburg".into(),
        register_number: "fn 123456 a".into(),
        vat_id: "ATU13585627".into(),
        ..Imprint::default()
    }
}

#[test]
fn austria_asks_for_the_business_purpose_and_the_firmenbuch_of_an_eu() {
    let clean = austrian().validate().expect("valid");
    assert_eq!(clean.register_number, "FN 123456a");
    let mut missing = austrian();
    missing.business_purpose.clear();
    missing.register_number.clear();
    assert_eq!(
        problems(missing),
        [
            ("business_purpose", ImprintProblem::Required),
            ("register_number", ImprintProblem::Required)
        ]
    );
    assert_eq!(rule(Country::At, ImprintField::ContentResponsible).need, Need::NotAsked);
    assert_eq!(label(Lang::De, Country::At, ImprintField::RegisterNumber), "Firmenbuchnummer");
}

#[test]
fn switzerland_needs_only_name_address_and_email() {
    let swiss = Imprint {
        legal_name: "Velo Meier".into(),
        address: Address {
            street: "Marktgasse 5".into(),
            postal_code: "3011".into(),
            city: "Bern".into(),
            country: "CH".into(),
            region: String::new(),
        },
        email: "velo@meier.example".into(),
        ..Imprint::default()
    };
    assert!(swiss.clone().validate().is_ok());
    let required: Vec<&str> = ImprintField::ALL
        .into_iter()
        .filter(|f| swiss.is_required(*f))
        .map(ImprintField::code)
        .collect();
    assert_eq!(required, ["legal_name", "street", "postal_code", "city", "country", "email"]);
    assert_eq!(rule(Country::Ch, ImprintField::LegalName).law, Some(Law::ChUwg3));
    let other =
        Imprint { address: Address { country: "NL".into(), ..swiss.address.clone() }, ..swiss };
    assert!(other.validate().is_ok(), "the general set has no postal code shape");
}

#[test]
fn every_asked_field_has_words_in_both_languages_and_germany_cites_the_ddg() {
    for country in [Country::De, Country::At, Country::Ch, Country::Other] {
        for rule in rules(country) {
            for lang in Lang::ALL {
                assert!(!label(lang, country, rule.field).is_empty());
                assert!(help(lang, rule.help).ends_with('.'), "{:?} {:?}", rule.help, lang);
                assert!(!crate::i18n::imprint::need(lang, rule.need).is_empty());
            }
        }
    }
    assert_eq!(citation(Lang::De, Law::DeDdg5), "§ 5 DDG");
    for lang in Lang::ALL {
        for law in
            [Law::DeDdg5, Law::DeMstv18, Law::AtEcg5, Law::AtMedienG25, Law::AtUgb14, Law::ChUwg3]
        {
            assert!(!citation(lang, law).contains("TMG"), "the TMG was repealed in May 2024");
        }
        assert!(!problem(lang, ImprintProblem::InvalidVatId).is_empty());
    }
}

#[test]
fn the_page_lists_what_was_filled_in_under_headings_that_cite_the_law() {
    let clean = optician().validate().expect("valid");
    let page = ImprintPage::new(&clean, Lang::De);
    assert_eq!(page.title, "Impressum");
    let headings: Vec<&str> = page.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(
        headings,
        [
            "Angaben gemäß § 5 DDG",
            "Vertreten durch",
            "Kontakt",
            "Registereintrag",
            "Umsatzsteuer-Identifikationsnummer",
            "Berufsrechtliche Angaben"
        ]
    );
    assert_eq!(
        page.sections[0].lines,
        ["Optik Berger GmbH", "Bertoldstraße 12", "79098 Freiburg im Breisgau", "Deutschland"]
    );
    assert_eq!(
        page.sections[3].lines,
        ["Registergericht: Amtsgericht Freiburg", "Registernummer: HRB 701234"]
    );
    assert!(page.sections[4].lines[0].ends_with("§ 27a Umsatzsteuergesetz: DE136695976"));
    let en = ImprintPage::new(&clean, Lang::En);
    assert_eq!(
        en.sections[0].heading,
        "Information pursuant to Section 5 DDG (German Digital Services Act)"
    );
    assert_eq!(en.sections[0].lines[3], "Germany");
}

#[test]
fn a_location_shows_its_own_address_and_austria_discloses_under_the_media_act() {
    let branch = Address {
        street: "Hauptstraße 1".into(),
        postal_code: "79104".into(),
        city: "Freiburg-Herdern".into(),
        country: "DE".into(),
        region: "DE-BW".into(),
    };
    let clean = optician().validate().expect("valid");
    let page = ImprintPage::new(&clean.for_location(Some(&branch)), Lang::De);
    assert_eq!(page.sections[0].lines[1..3], ["Hauptstraße 1", "79104 Freiburg-Herdern"]);
    let same = ImprintPage::new(&clean.for_location(Some(&Address::default())), Lang::De);
    assert_eq!(same.sections[0].lines[1], "Bertoldstraße 12", "an empty override is none");

    let at = ImprintPage::new(&austrian().validate().expect("valid"), Lang::De);
    let headings: Vec<&str> = at.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(headings[0], "Angaben gemäß § 5 ECG und § 14 UGB");
    assert_eq!(headings.last(), Some(&"Offenlegung gemäß § 25 MedienG"));
    assert_eq!(
        at.sections.last().map(|s| s.lines.clone()),
        Some(vec![
            "Medieninhaber: Optik Huber".to_string(),
            "Unternehmensgegenstand: Augenoptik".into(),
            "Sitz: Salzburg".into()
        ])
    );
    assert!(at.sections[0].lines.contains(&"Rechtsform: e. U.".to_string()));
}

#[test]
fn a_refused_form_travels_as_pairs_and_comes_back_the_same() {
    let typed = optician();
    let pairs = typed.to_pairs();
    assert!(pairs.contains(&("regulated_profession", "on".to_string())));
    assert!(!pairs.iter().any(|(k, _)| *k == "permit_required"), "unticked flags are not sent");
    let back = Imprint::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
    assert_eq!(back, typed);

    let errors = problems(Imprint { email: "kein-at".into(), vat_id: "DE1".into(), ..typed });
    let query = errors
        .iter()
        .map(|(field, problem)| ImprintError {
            field: ImprintField::parse(field).expect("field"),
            problem: *problem,
        })
        .collect::<Vec<_>>();
    let text = errors_to_query(&query);
    assert_eq!(text, "email:email,vat_id:vat_id");
    assert_eq!(errors_from_query(&text), query);
    assert_eq!(errors_from_query("email:nonsense,nope:required,"), vec![]);
    let own =
        own_address_from_pairs([("own_address_7", "on"), ("own_address_x", "on"), ("city", "7")]);
    assert_eq!(own, vec![7]);
}
