//! The public privacy notice (Datenschutzerklärung) in both languages, written from
//! [`PrivacyFacts`]: a section appears only when what it describes happens on this
//! installation. It reuses the imprint page's shape (title, sections of heading and lines;
//! each line one paragraph).
//!
//! German and Austrian businesses (and any other country) cite the GDPR, Swiss businesses
//! the Swiss data protection act (DSG), which asks for no legal basis per processing and has
//! its own rights and commissioner. The German text addresses the reader as "Sie".

use super::Lang;
use super::imprint_page::{ImprintPage, ImprintSection};
use crate::domain::imprint::Country;
use crate::domain::privacy::{PrivacyFacts, PrivacyLaw};

/// The privacy notice of one business.
pub fn privacy_page(facts: &PrivacyFacts, lang: Lang) -> ImprintPage {
    let sections = [
        controller(facts, lang),
        Some(hosting(facts, lang)),
        Some(cookies(facts, lang)),
        map(facts, lang),
        Some(photos(facts, lang)),
        fediverse(facts, lang),
        visit_counts(facts, lang),
        questions(facts, lang),
        Some(rights(facts, lang)),
        extra(facts, lang),
    ];
    ImprintPage {
        title: lang.choose("Datenschutzerklärung", "Privacy notice").to_string(),
        sections: sections.into_iter().flatten().collect(),
    }
}

/// A section of the lines that apply (`None` is a line that does not).
fn section(heading: &str, lines: Vec<Option<String>>) -> ImprintSection {
    ImprintSection { heading: heading.to_string(), lines: lines.into_iter().flatten().collect() }
}

/// The German or English of a fixed sentence, as an owned line.
fn say(lang: Lang, de: &str, en: &str) -> String {
    lang.choose(de, en).to_string()
}

/// [`say`] when `applies`.
fn say_if(applies: bool, lang: Lang, de: &str, en: &str) -> Option<String> {
    applies.then(|| say(lang, de, en))
}

/// The legal basis sentence, GDPR only: "Rechtsgrundlage ist Art. 6 Abs. 1 lit. f DSGVO: …".
fn basis(facts: &PrivacyFacts, lang: Lang, de: &str, en: &str) -> Option<String> {
    (facts.law() == PrivacyLaw::Gdpr).then(|| {
        lang.choose(
            format!("Rechtsgrundlage ist Art. 6 Abs. 1 lit. f DSGVO: {de}"),
            format!("The legal basis is Art. 6(1)(f) GDPR: {en}"),
        )
    })
}

/// "30 Tage" / "one day".
fn days(lang: Lang, n: u32) -> String {
    match (lang, n) {
        (Lang::De, 1) => "einen Tag".into(),
        (Lang::En, 1) => "one day".into(),
        (Lang::De, n) => format!("{n} Tage"),
        (Lang::En, n) => format!("{n} days"),
    }
}

fn controller(facts: &PrivacyFacts, lang: Lang) -> Option<ImprintSection> {
    let names = facts.controller_lines();
    if names.is_empty() && facts.email().is_none() {
        return None;
    }
    let intro = match (facts.law(), lang) {
        (PrivacyLaw::SwissDsg, Lang::De) => {
            "Verantwortlich für die Bearbeitung von Personendaten auf dieser Website ist:"
        }
        (PrivacyLaw::Gdpr, Lang::De) => {
            "Verantwortlich für die Verarbeitung personenbezogener Daten auf dieser Website ist:"
        }
        (_, Lang::En) => "The controller responsible for personal data on this website is:",
    };
    let mut lines = vec![Some(intro.to_string())];
    lines.extend(names.into_iter().map(|name| Some(name.to_string())));
    lines.push(facts.email().map(|e| format!("{}: {e}", lang.choose("E-Mail", "E-mail"))));
    Some(section(lang.choose("Verantwortlich", "Controller"), lines))
}

fn hosting(facts: &PrivacyFacts, lang: Lang) -> ImprintSection {
    let swiss = facts.law() == PrivacyLaw::SwissDsg;
    let provider = facts.hosting_provider();
    let server = match provider {
        Some(provider) => {
            let processor = match (swiss, lang) {
                (false, Lang::De) => "Auftragsverarbeitung nach Art. 28 DSGVO",
                (true, Lang::De) => "Auftragsbearbeitung nach Art. 9 DSG",
                (false, Lang::En) => "a processor under Art. 28 GDPR",
                (true, Lang::En) => "a processor under Art. 9 FADP",
            };
            // Swiss law says "bearbeiten" where the GDPR's German says "verarbeiten".
            let verb = if swiss { "bearbeitet" } else { "verarbeitet" };
            lang.choose(
                format!(
                    "Diese Website läuft auf einem Server unseres Hosting-Anbieters: {provider}. \
                     Er {verb} die Daten nur in unserem Auftrag und nach unseren Weisungen \
                     ({processor})."
                ),
                format!(
                    "This website runs on a server of our hosting provider: {provider}. It \
                     processes the data only on our behalf and on our instructions ({processor})."
                ),
            )
        }
        None => say(
            lang,
            "Wir betreiben den Server dieser Website selbst.",
            "We run the server of this website ourselves.",
        ),
    };
    let lines = vec![
        Some(server),
        Some(say(
            lang,
            "Wenn Sie eine Seite aufrufen, erhält der Server Ihre IP-Adresse, die Uhrzeit, die \
             Adresse der Seite und Angaben Ihres Browsers (etwa Typ und Sprache). Er braucht \
             sie, um Ihnen die Seite zu schicken. Die Software dieser Website, Nahbar, \
             speichert die IP-Adressen der Besucherinnen und Besucher nicht und schreibt kein \
             Zugriffsprotokoll.",
            "When you open a page, the server receives your IP address, the time, the address \
             of the page and details of your browser (such as its type and language). It needs \
             them to send you the page. The software of this website, Nahbar, does not store \
             visitors' IP addresses and writes no access log.",
        )),
        say_if(
            provider.is_some(),
            lang,
            "Der Hosting-Anbieter kann auf seinen eigenen Systemen (etwa einem \
             vorgeschalteten Proxy-Server) eigene Protokolle führen; dafür gelten seine \
             Angaben.",
            "The hosting provider may keep its own logs on its systems (such as a proxy \
             server in front of ours); its own information applies to them.",
        ),
        basis(
            facts,
            lang,
            "Wir haben ein berechtigtes Interesse daran, die Seiten zuverlässig und sicher \
             auszuliefern.",
            "our legitimate interest in delivering the pages reliably and securely.",
        ),
        say_if(
            swiss,
            lang,
            "Wir bearbeiten diese Daten nur, um Ihnen die Seiten auszuliefern, nach den \
             Grundsätzen des Schweizer Datenschutzgesetzes (DSG).",
            "We process these data only to deliver the pages, following the principles of \
             the Swiss Federal Act on Data Protection (FADP, in German DSG).",
        ),
    ];
    section(lang.choose("Hosting und Seitenaufrufe", "Hosting and page requests"), lines)
}

fn cookies(facts: &PrivacyFacts, lang: Lang) -> ImprintSection {
    let except_map = match (facts.map_host().is_some(), lang) {
        (false, _) => "",
        (true, Lang::De) => " – außer der Karte, wenn Sie sie aufrufen (siehe „Karte“)",
        (true, Lang::En) => " – except the map, when you ask for it (see “Map”)",
    };
    // Germany and Austria name the exception for necessary cookies in their own law.
    let law = match (facts.country, lang) {
        (Country::De, Lang::De) => " (§ 25 Abs. 2 Nr. 2 TDDDG)",
        (Country::De, Lang::En) => " (Section 25(2) no. 2 TDDDG)",
        (Country::At, Lang::De) => " (§ 165 Abs. 3 TKG 2021)",
        (Country::At, Lang::En) => " (Section 165(3) TKG 2021)",
        (Country::Ch | Country::Other, _) => "",
    };
    let lines = vec![
        Some(lang.choose(
            format!(
                "Die Seiten für Kundinnen und Kunden setzen keine Cookies und laden nichts von \
                 anderen Servern{except_map}."
            ),
            format!(
                "The customer pages set no cookies and load nothing from other \
                 servers{except_map}."
            ),
        )),
        Some(lang.choose(
            format!(
                "Nur wenn Sie über die Sprachlinks die Sprache wechseln, merkt sich ein Cookie \
                 namens „nahbar_lang“ Ihre Wahl für ein Jahr. Es enthält nur den Sprachcode und \
                 ist technisch notwendig, um die gewählte Sprache zu zeigen{law}. Ohne dieses \
                 Cookie zeigen die Seiten die Sprache, die Ihr Browser einstellt; Sie können es \
                 jederzeit in Ihrem Browser löschen."
            ),
            format!(
                "Only if you switch the language with the language links does a cookie named \
                 “nahbar_lang” remember your choice for one year. It holds only the language \
                 code and is technically necessary to show the language you chose{law}. Without \
                 it, the pages follow your browser's language setting; you can delete it in your \
                 browser at any time."
            ),
        )),
        Some(say(
            lang,
            "Nur wer sich als Mitarbeiterin oder Mitarbeiter anmeldet, erhält Cookies für die \
             Sitzung und den Schutz der Formulare. Für die eigene Liste der Anmeldungen und das \
             Änderungsprotokoll speichert Nahbar dabei IP-Adresse und Browser.",
            "Only staff who sign in get cookies for their session and to protect forms. For \
             their list of sign-ins and the change log, Nahbar stores their IP address and \
             browser.",
        )),
    ];
    section("Cookies", lines)
}

fn map(facts: &PrivacyFacts, lang: Lang) -> Option<ImprintSection> {
    let host = facts.map_host()?;
    let button = lang.geo().show_map;
    let lines = vec![
        Some(lang.choose(
            format!(
                "Die Karte auf der Seite eines Standorts wird erst geladen, wenn Sie auf \
                 „{button}“ drücken."
            ),
            format!("The map on a location's page is loaded only when you press “{button}”."),
        )),
        Some(lang.choose(
            format!(
                "Dann lädt Ihr Browser Kartenbilder von {host}. Dieser Server erhält dabei Ihre \
                 IP-Adresse und sieht, welche Kartenbilder geladen werden. Für die Verarbeitung \
                 dort ist sein Betreiber verantwortlich; es gelten dessen Datenschutzhinweise."
            ),
            format!(
                "Your browser then loads map images from {host}. That server receives your IP \
                 address and sees which map images are loaded. Its operator is responsible for \
                 what happens there; its privacy notice applies."
            ),
        )),
        basis(facts, lang, "Sie haben die Karte selbst angefordert.", "you asked for the map."),
    ];
    Some(section(lang.choose("Karte", "Map"), lines))
}

fn photos(facts: &PrivacyFacts, lang: Lang) -> ImprintSection {
    let lines = vec![
        Some(say(
            lang,
            "Nahbar veröffentlicht Fotos ohne Standort- und Kameradaten: Beim Hochladen werden \
             EXIF- und andere Metadaten entfernt.",
            "Nahbar publishes photos without location or camera data: EXIF and other metadata \
             are removed on upload.",
        )),
        say_if(
            facts.object_storage,
            lang,
            "Die Fotos liegen bei einem Anbieter von S3-kompatiblem Objektspeicher, der in \
             unserem Auftrag arbeitet. Ihr Browser erhält sie über diese Website, nicht \
             direkt von diesem Anbieter.",
            "The photos are kept with a provider of S3-compatible object storage that works \
             on our behalf. Your browser receives them through this website, not directly \
             from that provider.",
        ),
    ];
    section(lang.choose("Fotos", "Photos"), lines)
}

fn fediverse(facts: &PrivacyFacts, lang: Lang) -> Option<ImprintSection> {
    if !facts.federation {
        return None;
    }
    let lines = vec![
        Some(say(
            lang,
            "Sie können unseren Standorten von Mastodon oder einem anderen Dienst im Fediverse \
             aus folgen. Dann speichert Nahbar die Adresse Ihres Kontos und seines Posteingangs \
             (Inbox), um Ihnen unsere Beiträge zuzustellen. Diese Angaben werden gelöscht, \
             wenn Sie nicht mehr folgen oder wir Sie als Folgende oder Folgenden entfernen.",
            "You can follow our locations from Mastodon or another fediverse service. Nahbar \
             then stores your account's address and its inbox address to deliver our posts to \
             you. They are deleted when you unfollow or when we remove you as a follower.",
        )),
        Some(say(
            lang,
            "Ihr Server erhält unsere Beiträge und verarbeitet sie nach seinen eigenen Regeln.",
            "Your server receives our posts and handles them under its own rules.",
        )),
        basis(
            facts,
            lang,
            "Wir stellen Ihnen zu, was Sie abonniert haben.",
            "we deliver what you subscribed to.",
        ),
    ];
    Some(section("Fediverse", lines))
}

fn visit_counts(facts: &PrivacyFacts, lang: Lang) -> Option<ImprintSection> {
    let kept = days(lang, facts.visit_counts_days?);
    let lines = vec![
        Some(say(
            lang,
            "Nahbar zählt auf dem Server, ohne Cookies und ohne Skript, wie oft unsere Seiten \
             aufgerufen und Wegbeschreibung, Anruf, Website und QR-Codes genutzt werden, und \
             von welcher Website (nur deren Name) Besucher kamen.",
            "Nahbar counts on the server, without cookies and without a script, how often our \
             pages are viewed and directions, calls, the website and QR codes are used, and \
             which website (only its name) visitors came from.",
        )),
        Some(say(
            lang,
            "Um Besucher eines Tages zu unterscheiden, wird aus IP-Adresse und Browserkennung \
             mit einem Zufallswert, der nur im Arbeitsspeicher liegt und täglich wechselt, ein \
             Prüfwert gebildet. IP-Adresse und Browserkennung werden nicht gespeichert; über \
             Tage hinweg wird niemand wiedererkannt. Die einzelnen Aufrufe löschen wir nach 30 \
             Tagen.",
            "To tell the visitors of one day apart, a checksum is made from the IP address and \
             the browser's identification with a random value that lives only in memory and \
             changes daily. The IP address and browser identification are not stored; nobody \
             is recognised from one day to the next. We delete the single requests after 30 \
             days.",
        )),
        Some(lang.choose(
            format!("Die Tageszahlen werden {kept} aufbewahrt."),
            format!("The daily counts are kept for {kept}."),
        )),
        basis(
            facts,
            lang,
            "Wir möchten wissen, welche Seiten gebraucht werden.",
            "our interest in knowing which pages are used.",
        ),
    ];
    Some(section(lang.choose("Besuchszahlen", "Visit counts"), lines))
}

fn questions(facts: &PrivacyFacts, lang: Lang) -> Option<ImprintSection> {
    let kept = match (lang, facts.questions_days?) {
        (Lang::De, 0) => "Wir löschen die Angaben, sobald wir geantwortet haben.".to_string(),
        (Lang::En, 0) => "We delete them as soon as we have answered.".to_string(),
        (Lang::De, n) => format!("Wir löschen die Angaben {} nach der Antwort.", days(lang, n)),
        (Lang::En, n) => format!("We delete them {} after answering.", days(lang, n)),
    };
    let lines = vec![
        Some(say(
            lang,
            "Über das Formular auf der Seite eines Standorts können Sie uns Fragen schicken. \
             Wir speichern den Text Ihrer Frage und, wenn Sie sie angeben, Ihren Namen und Ihre \
             E-Mail-Adresse, um Ihnen zu antworten.",
            "You can send us questions with the form on a location's page. We store the text \
             of your question and, if you give them, your name and e-mail address, so that we \
             can answer.",
        )),
        Some(kept),
        Some(say(
            lang,
            "Eine Frage, die wir mit Ihrer Zustimmung samt Antwort auf der Seite zeigen, \
             erscheint dort ohne Ihren Namen und Ihre E-Mail-Adresse und bleibt, solange wir \
             sie zeigen. Ihre Adresse verwenden wir nur für die Antwort. Um Missbrauch zu \
             begrenzen, merken wir uns eine Stunde lang einen nicht umkehrbaren Schlüssel \
             (HMAC) Ihrer IP-Adresse, nie die Adresse selbst; Cookies setzen wir nicht.",
            "A question we show on the page with its answer, with your consent, appears there \
             without your name and e-mail address and stays as long as we show it. We use \
             your address only for the answer. To limit abuse, we keep a one-way key (HMAC) \
             of your IP address for one hour, never the address itself; we set no cookies.",
        )),
        say_if(
            facts.law() == PrivacyLaw::Gdpr,
            lang,
            "Rechtsgrundlage ist Art. 6 Abs. 1 lit. f DSGVO, bei Fragen zu einem Kauf oder \
             Auftrag Art. 6 Abs. 1 lit. b DSGVO.",
            "The legal basis is Art. 6(1)(f) GDPR, or Art. 6(1)(b) GDPR for questions \
             about a purchase or an order.",
        ),
    ];
    Some(section(lang.choose("Fragen an uns", "Questions to us"), lines))
}

fn rights(facts: &PrivacyFacts, lang: Lang) -> ImprintSection {
    let what = match (facts.law(), lang) {
        (PrivacyLaw::Gdpr, Lang::De) => {
            "Sie haben das Recht auf Auskunft über Ihre Daten, auf Berichtigung, Löschung und \
             Einschränkung der Verarbeitung, auf Widerspruch gegen die Verarbeitung und auf \
             Datenübertragbarkeit (Art. 15 bis 21 DSGVO)."
        }
        (PrivacyLaw::Gdpr, Lang::En) => {
            "You have the right to access your data, to have it corrected or erased, to have \
             its processing restricted, to object to its processing and to data portability \
             (Art. 15 to 21 GDPR)."
        }
        (PrivacyLaw::SwissDsg, Lang::De) => {
            "Nach dem Schweizer Datenschutzgesetz haben Sie das Recht auf Auskunft (Art. 25 \
             DSG), auf Herausgabe oder Übertragung Ihrer Daten (Art. 28 DSG) sowie darauf, \
             Ihre Daten berichtigen oder löschen zu lassen und der Bearbeitung zu widersprechen \
             (Art. 32 DSG)."
        }
        (PrivacyLaw::SwissDsg, Lang::En) => {
            "Under the Swiss Federal Act on Data Protection you have the right to access your \
             data (Art. 25 FADP), to receive or transfer it (Art. 28 FADP), and to have it \
             corrected or deleted and to object to its processing (Art. 32 FADP)."
        }
    };
    let contact = match facts.email() {
        Some(email) => lang.choose(
            format!("Schreiben Sie uns dazu an {email}."),
            format!("To do so, write to us at {email}."),
        ),
        None => say(
            lang,
            "Wenden Sie sich dazu an die oben genannte Anschrift.",
            "To do so, contact us at the address above.",
        ),
    };
    let authority = match (facts.country, lang) {
        (Country::De, Lang::De) => {
            "etwa bei der Behörde des Bundeslandes, in dem Sie wohnen oder in dem wir unseren \
             Sitz haben"
        }
        (Country::De, Lang::En) => {
            "for example that of the German state where you live or where we are based"
        }
        (Country::At, Lang::De) => "in Österreich bei der Datenschutzbehörde",
        (Country::At, Lang::En) => "in Austria the Datenschutzbehörde (Data Protection Authority)",
        (_, Lang::De) => "besonders in dem Land, in dem Sie wohnen oder arbeiten",
        (_, Lang::En) => "in particular in the country where you live or work",
    };
    let complaint = match facts.law() {
        PrivacyLaw::Gdpr => lang.choose(
            format!(
                "Sie können sich außerdem bei einer Datenschutz-Aufsichtsbehörde beschweren \
                 (Art. 77 DSGVO), {authority}."
            ),
            format!(
                "You can also complain to a data protection supervisory authority (Art. 77 \
                 GDPR), {authority}."
            ),
        ),
        PrivacyLaw::SwissDsg => say(
            lang,
            "Sie können sich außerdem an den Eidgenössischen Datenschutz- und \
             Öffentlichkeitsbeauftragten (EDÖB) wenden.",
            "You can also turn to the Federal Data Protection and Information Commissioner \
             (FDPIC, in German EDÖB).",
        ),
    };
    let lines = vec![Some(what.to_string()), Some(contact), Some(complaint)];
    section(lang.choose("Ihre Rechte", "Your rights"), lines)
}

fn extra(facts: &PrivacyFacts, lang: Lang) -> Option<ImprintSection> {
    let paragraphs: Vec<Option<String>> = facts.extra_paragraphs().into_iter().map(Some).collect();
    (!paragraphs.is_empty())
        .then(|| section(lang.choose("Weitere Hinweise", "Further information"), paragraphs))
}
