use super::*;
use crate::domain::gbp_csv::test_support::*;
use crate::domain::gbp_csv::*;

#[test]
fn a_semicolon_file_from_german_excel_with_a_bom_is_read() {
    let text = "\u{feff}store code;Business name;Locality;Country / Region;Latitude;Longitude;Labels\r\n\
                FR-2;\"Sonnenschein; am Markt\";Freiburg;DE;47,99;7,85;egal\r\n\
                ;;;;;;\r\n";
    let rows = read(text.as_bytes()).expect("csv");
    assert_eq!(rows.len(), 1, "the empty row is skipped");
    let row = rows[0].as_ref().expect("valid");
    assert_eq!(row.details.name, "Sonnenschein; am Markt");
    assert_eq!(row.details.geo, GeoPoint::new(47.99, 7.85));
    assert_eq!(row.line, 2);
}

#[test]
fn errors_name_the_file_line_with_the_header_as_line_one() {
    let text = "Store code,Business name,Locality,Country / Region,Monday hours\n\
                A,Laden A,Köln,DE,09:00-18:00\n\
                B,Laden B,Köln,DE,25:00-26:00\n\
                A,Laden C,Köln,DE,\n";
    let rows = read(text.as_bytes()).expect("csv");
    let found: Vec<(u64, Option<Column>, Problem)> =
        problems(&rows).into_iter().map(|e| (e.line, e.column, e.problem)).collect();
    assert_eq!(
        found,
        [
            (3, Some(Column::MondayHours), Problem::BadHours),
            (4, Some(Column::StoreCode), Problem::DuplicateStoreCode)
        ]
    );
}

#[test]
fn a_file_without_a_required_column_is_refused_on_line_one() {
    let rows = read(b"Store code,Business name\nA,Laden\n").expect("csv");
    let found: Vec<(u64, Option<Column>, Problem)> =
        problems(&rows).into_iter().map(|e| (e.line, e.column, e.problem)).collect();
    assert_eq!(
        found,
        [
            (1, Some(Column::Locality), Problem::MissingColumn),
            (1, Some(Column::Country), Problem::MissingColumn)
        ]
    );
    let empty = read(b"Store code,Business name,Locality,Country / Region\n").expect("csv");
    assert_eq!(problems(&empty)[0].problem, Problem::NoRows);
}

#[test]
fn workbooks_and_binary_files_are_refused_by_their_content() {
    assert_eq!(read(b"PK\x03\x04rest of a zip").err(), Some(FileError::Workbook));
    assert_eq!(read(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").err(), Some(FileError::Binary));
}

#[test]
fn windows_1252_and_utf16_files_keep_their_umlauts() {
    let latin = b"Store code;Business name;Locality;Country / Region\nK-1;B\xe4ckerei \x84Mehl\x93;K\xf6ln;DE\n";
    let rows = read(latin).expect("csv");
    assert_eq!(rows[0].as_ref().expect("valid").details.name, "Bäckerei „Mehl“");
    let text = "Store code\tBusiness name\tLocality\tCountry / Region\nK-1\tBäckerei\tKöln\tDE\n";
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let rows = read(&utf16).expect("csv");
    assert_eq!(rows[0].as_ref().expect("valid").details.address.city, "Köln");
}

#[test]
fn a_written_file_reads_back_to_the_same_locations() {
    let original = location();
    for delimiter in [b',', b';'] {
        let bytes = write(std::slice::from_ref(&original), delimiter).expect("written");
        assert!(bytes.starts_with("\u{feff}Store code".as_bytes()));
        let rows = read(&bytes).expect("csv");
        assert!(problems(&rows).is_empty(), "{:?}", problems(&rows));
        let back = valid_rows(rows).remove(0);
        assert_eq!(back.details, original.details);
        assert_eq!(back.hours, original.hours);
        assert!(same_special_days(&back.special, &original.special));
        assert_eq!(back.columns, ColumnSet::all());
    }
}
