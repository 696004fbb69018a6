//! Texts of the import/export screen, the upload script and the import's answers, in both
//! languages. `{n}`, `{pct}`, `{created}`, `{updated}`, `{unchanged}` and `{mb}` are filled
//! in by the page, the script or the server.

use super::Lang;
use crate::domain::gbp_csv::{Problem, RowError};

pub struct ImportTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub link: &'static str,
    pub export_title: &'static str,
    pub export_help: &'static str,
    pub download: &'static str,
    pub download_excel: &'static str,
    pub import_title: &'static str,
    pub import_help: &'static str,
    pub file_label: &'static str,
    pub file_help: &'static str,
    pub submit: &'static str,
    pub uploading: &'static str,
    pub checking: &'static str,
    pub done: &'static str,
    pub failed: &'static str,
    pub more_problems: &'static str,
    pub problems_caption: &'static str,
    pub col_line: &'static str,
    pub col_column: &'static str,
    pub col_problem: &'static str,
    pub col_value: &'static str,
    pub whole_line: &'static str,
    pub network_error: &'static str,
    pub workbook: &'static str,
    pub binary: &'static str,
    pub too_large: &'static str,
    pub no_file: &'static str,
    pub busy: &'static str,
    pub columns_title: &'static str,
    pub columns_help: &'static str,
    /// One per [`Problem`], in `Problem::ALL` order.
    pub problems: [&'static str; 23],
}

pub static DE: ImportTexts = ImportTexts {
    title: "Standorte importieren und exportieren",
    intro: "Alle Standorte als Tabelle (CSV) – passend zur Sammelbearbeitung von Google Unternehmensprofil. Exportieren, in einer Tabellenkalkulation ändern oder ergänzen, wieder hochladen.",
    link: "Import & Export (CSV)",
    export_title: "Exportieren",
    export_help: "Die Datei hat die Spalten der Google-Vorlage und dazu E-Mail, Zeitzone, Sprache und Nahbar-Adresse. Archivierte Standorte sind nicht enthalten.",
    download: "CSV herunterladen ({n} Standorte)",
    download_excel: "Für Excel auf Deutsch (Semikolons)",
    import_title: "Importieren",
    import_help: "Nahbar prüft zuerst jede Zeile. Hat auch nur eine ein Problem, wird nichts übernommen und du siehst alle Probleme mit Zeile und Spalte. Zeilen mit bekanntem Geschäftscode (Store code) ändern diesen Standort, alle anderen werden neue Standorte. Fehlt eine Spalte ganz, bleibt sie unverändert.",
    file_label: "CSV-Datei",
    file_help: "CSV mit Komma oder Semikolon, höchstens {mb} MB. Pflichtspalten: Store code, Business name, Locality, Country / Region.",
    submit: "Prüfen und importieren",
    uploading: "Wird hochgeladen … {pct} %",
    checking: "{n} Zeilen werden geprüft …",
    done: "Fertig: {created} neu, {updated} geändert, {unchanged} unverändert.",
    failed: "{n} Zeilen haben Probleme. Es wurde nichts übernommen – bitte korrigieren und die Datei erneut hochladen.",
    more_problems: "Es werden nur die ersten {n} Probleme gezeigt.",
    problems_caption: "Probleme in der Datei",
    col_line: "Zeile",
    col_column: "Spalte",
    col_problem: "Problem",
    col_value: "Inhalt",
    whole_line: "ganze Zeile",
    network_error: "Der Server war nicht erreichbar. Es wurde nichts übernommen; versuch es gleich noch einmal.",
    workbook: "Das ist eine Excel- oder Calc-Arbeitsmappe, keine CSV-Datei. Speichere sie mit „Datei › Speichern unter › CSV UTF-8“ und lade diese Datei hoch.",
    binary: "Das ist keine Textdatei. Bitte lade eine CSV-Datei hoch.",
    too_large: "Die Datei ist größer als {mb} MB.",
    no_file: "Bitte wähle eine CSV-Datei aus.",
    busy: "Gleichzeitig hat jemand anderes Standorte geändert. Es wurde nichts übernommen; lade die Datei bitte erneut hoch.",
    columns_title: "Spalten",
    columns_help: "Öffnungszeiten: 09:00-13:00,14:00-18:00 oder 9:00AM-5:00PM, x für geschlossen. Sonderzeiten: 2026-12-24: 08:00-12:00, 2026-12-25: x. Region: Name, Code (DE-BW) oder Kürzel (BW). Ohne Zeitzone gilt die des Landes (DE, AT, CH).",
    problems: [
        "Diese Zelle darf nicht leer sein.",
        "Dieser Text ist zu lang.",
        "Unbekannte Kategorie. Nimm eine Google-Kategorie wie Bakery, Cafe oder Florist.",
        "Unbekanntes Land. Nimm den Ländercode aus zwei Buchstaben, z. B. DE, AT oder CH.",
        "Unbekanntes Bundesland bzw. unbekannte Region dieses Landes, z. B. Baden-Württemberg oder DE-BW.",
        "Keine Koordinate: Breitengrad −90 bis 90, Längengrad −180 bis 180, beide oder keiner.",
        "Erlaubt sind Ziffern, Leerzeichen und + - / ( ).",
        "Das ist keine E-Mail-Adresse.",
        "Eine Website beginnt mit https://.",
        "Unbekannte Zeitzone. Nimm einen Namen wie Europe/Berlin.",
        "Die Sprache ist de oder en.",
        "Keine gültigen Öffnungszeiten. Schreib 09:00-13:00,14:00-18:00; x für geschlossen.",
        "Diese Zeiten überschneiden sich (untereinander oder mit dem Vortag nach Mitternacht).",
        "Keine gültigen Sonderzeiten. Schreib 2026-12-24: 08:00-12:00, 2026-12-25: x.",
        "Eine Nahbar-Adresse besteht nur aus a–z, 0–9 und Bindestrichen innen und ist kein reserviertes Wort.",
        "Dieser Geschäftscode steht schon in einer früheren Zeile.",
        "Diese Nahbar-Adresse steht schon in einer früheren Zeile.",
        "Diese Nahbar-Adresse gehört schon einem anderen Standort.",
        "Die Adresse eines Standorts lässt sich nicht per Import ändern (sie steht auf Türschildern und QR-Codes). Lass die Zelle wie exportiert oder leer.",
        "Dieser Geschäftscode gehört einem archivierten Standort. Hol ihn zuerst zurück oder nimm einen anderen Code.",
        "Diese Spalte fehlt (die erste Zeile muss die Spalten benennen).",
        "Diese Zeile lässt sich nicht lesen (Anführungszeichen prüfen).",
        "Die Datei enthält keine Standorte.",
    ],
};

pub static EN: ImportTexts = ImportTexts {
    title: "Import and export locations",
    intro: "All locations as a spreadsheet (CSV), compatible with Google Business Profile's bulk upload. Export, change or add rows in a spreadsheet, upload again.",
    link: "Import & export (CSV)",
    export_title: "Export",
    export_help: "The file has the columns of Google's template plus email, time zone, language and Nahbar address. Archived locations are left out.",
    download: "Download CSV ({n} locations)",
    download_excel: "For Excel in German (semicolons)",
    import_title: "Import",
    import_help: "Nahbar checks every row first. If even one has a problem, nothing is imported and you see every problem with its line and column. Rows with a known store code change that location; all others become new locations. A column missing from the file stays as it is.",
    file_label: "CSV file",
    file_help: "CSV with commas or semicolons, at most {mb} MB. Required columns: Store code, Business name, Locality, Country / Region.",
    submit: "Check and import",
    uploading: "Uploading… {pct} %",
    checking: "Checking {n} rows…",
    done: "Done: {created} created, {updated} updated, {unchanged} unchanged.",
    failed: "{n} rows have problems. Nothing was imported: please fix them and upload the file again.",
    more_problems: "Only the first {n} problems are shown.",
    problems_caption: "Problems in the file",
    col_line: "Line",
    col_column: "Column",
    col_problem: "Problem",
    col_value: "Cell",
    whole_line: "whole line",
    network_error: "Could not reach the server. Nothing was imported; please try again in a moment.",
    workbook: "This is an Excel or Calc workbook, not a CSV file. Save it with “File › Save as › CSV UTF-8” and upload that file.",
    binary: "This is not a text file. Please upload a CSV file.",
    too_large: "The file is larger than {mb} MB.",
    no_file: "Please choose a CSV file.",
    busy: "Someone else changed locations at the same time. Nothing was imported; please upload the file again.",
    columns_title: "Columns",
    columns_help: "Opening hours: 09:00-13:00,14:00-18:00 or 9:00AM-5:00PM, x for closed. Special hours: 2026-12-24: 08:00-12:00, 2026-12-25: x. Region: name, code (DE-BW) or short code (BW). Without a time zone the country's applies (DE, AT, CH).",
    problems: [
        "This cell must not be empty.",
        "This text is too long.",
        "Unknown category. Use a Google category such as Bakery, Cafe or Florist.",
        "Unknown country. Use the two-letter code, e.g. DE, AT or CH.",
        "Unknown state or region of this country, e.g. Baden-Württemberg or DE-BW.",
        "Not a coordinate: latitude −90 to 90, longitude −180 to 180, both or neither.",
        "Allowed are digits, spaces and + - / ( ).",
        "This is not an email address.",
        "A website starts with https://.",
        "Unknown time zone. Use a name like Europe/Berlin.",
        "The language is de or en.",
        "Not valid opening hours. Write 09:00-13:00,14:00-18:00; x for closed.",
        "These hours overlap (each other or the previous day's past midnight).",
        "Not valid special hours. Write 2026-12-24: 08:00-12:00, 2026-12-25: x.",
        "A Nahbar address uses only a–z, 0–9 and inner hyphens, and is not a reserved word.",
        "An earlier row has this store code already.",
        "An earlier row has this Nahbar address already.",
        "This Nahbar address belongs to another location already.",
        "An import cannot change a location's address (it is printed on doors and QR codes). Leave the cell as exported, or empty.",
        "This store code belongs to an archived location. Restore it first or use another code.",
        "The file lacks this column (its first line must name the columns).",
        "This line cannot be read (check the quotation marks).",
        "The file has no locations.",
    ],
};

impl Lang {
    pub fn import(self) -> &'static ImportTexts {
        match self {
            Lang::De => &DE,
            Lang::En => &EN,
        }
    }

    /// What is wrong, in words (the line, column and cell are shown beside it).
    pub fn import_problem(self, problem: Problem) -> &'static str {
        let index = Problem::ALL.iter().position(|p| *p == problem).unwrap_or(0);
        self.import().problems[index]
    }

    /// `Monday hours` as the file names it or, for a problem of the whole line, "whole line".
    pub fn import_column(self, error: &RowError) -> &'static str {
        error.column.map_or(self.import().whole_line, |c| c.header())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_has_words_in_both_languages() {
        assert_eq!(Problem::ALL.len(), DE.problems.len());
        for lang in Lang::ALL {
            for problem in Problem::ALL {
                assert!(!lang.import_problem(problem).is_empty(), "{problem:?} in {lang:?}");
            }
        }
        assert!(Lang::De.import_problem(Problem::BadHours).contains("Öffnungszeiten"));
        assert!(Lang::En.import_problem(Problem::UnknownCategory).contains("category"));
    }
}
