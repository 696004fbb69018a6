//! Reading and writing the sheet as a CSV file (server-side: the `csv` crate stays out of
//! the WASM build). Files come from GBP, Google Sheets and Excel, so reading is lenient
//! about the envelope: a UTF-8 BOM, UTF-16 ("Unicode text"), Windows-1252 (older Excel),
//! `,`, `;` (German Excel) or tab between cells, and rows of uneven length.

use super::{
    Column, ImportRow, Problem, RowError, RowResult, cells_of, check_duplicates, parse_row,
};
use crate::domain::location::Location;

/// A file that is not a CSV text at all; nothing of it was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error("this is a spreadsheet workbook, not a CSV file")]
    Workbook,
    #[error("this is not a text file")]
    Binary,
}

#[derive(Debug, thiserror::Error)]
#[error("writing the CSV file failed: {0}")]
pub struct WriteError(String);

/// Checks every row of a CSV file. Problems with the file's header (a required column
/// missing, no rows) come back as errors on line 1.
pub fn read(bytes: &[u8]) -> Result<Vec<RowResult>, FileError> {
    let text = decode(bytes)?;
    let header_line = text.lines().next().unwrap_or("");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter_of(header_line))
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let header_error = |column, problem| vec![Err(vec![RowError::new(1, column, problem, "")])];
    let headers = match reader.headers() {
        Ok(headers) => headers.clone(),
        Err(_) => return Ok(header_error(None, Problem::Malformed)),
    };
    let mut positions: Vec<Option<usize>> = vec![None; Column::ALL.len()];
    for (index, header) in headers.iter().enumerate() {
        if let Some(column) = Column::from_header(header)
            && positions[column.index()].is_none()
        {
            positions[column.index()] = Some(index);
        }
    }
    let missing: Vec<RowError> = Column::REQUIRED
        .into_iter()
        .filter(|c| positions[c.index()].is_none())
        .map(|c| RowError::new(1, Some(c), Problem::MissingColumn, ""))
        .collect();
    if !missing.is_empty() {
        return Ok(vec![Err(missing)]);
    }
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    // Lines are counted from byte offsets: the csv crate's own count is one short after
    // `\r\n` line ends, which Excel writes.
    let mut lines = LineCounter { text: &text, counted_to: 0, line: 1 };
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = lines.at(record.position().map_or(0, csv::Position::byte));
                if record.iter().all(|cell| cell.trim().is_empty()) {
                    continue;
                }
                let cell = |column: Column| -> Option<&str> {
                    positions[column.index()].map(|i| record.get(i).unwrap_or(""))
                };
                rows.push(parse_row(line, cell));
            }
            Err(error) => {
                let line = lines.at(error.position().map_or(0, csv::Position::byte));
                rows.push(Err(vec![RowError::new(line, None, Problem::Malformed, "")]));
                // A broken quote swallows the rest of the file; one report is enough.
                break;
            }
        }
    }
    if rows.is_empty() {
        return Ok(header_error(None, Problem::NoRows));
    }
    check_duplicates(&mut rows);
    Ok(rows)
}

/// The 1-based line of byte offsets that only grow.
struct LineCounter<'a> {
    text: &'a str,
    counted_to: usize,
    line: u64,
}

impl LineCounter<'_> {
    fn at(&mut self, byte: u64) -> u64 {
        let bytes = self.text.as_bytes();
        let mut byte = usize::try_from(byte).unwrap_or(usize::MAX).min(bytes.len());
        // After `\r\n` the crate reports the record as starting at the `\n`.
        while byte < bytes.len() && matches!(bytes[byte], b'\r' | b'\n') {
            byte += 1;
        }
        if byte > self.counted_to {
            let newlines = bytes[self.counted_to..byte].iter().filter(|b| **b == b'\n');
            self.line += newlines.count() as u64;
            self.counted_to = byte;
        }
        self.line
    }
}

/// The valid rows of a read file (all of them when [`super::problems`] is empty).
pub fn valid_rows(rows: Vec<RowResult>) -> Vec<ImportRow> {
    rows.into_iter().filter_map(Result::ok).collect()
}

/// The locations as GBP's sheet plus Nahbar's columns, UTF-8 with a BOM (so Excel reads
/// the umlauts), cells separated by `delimiter` (`,` for GBP, `;` for German Excel).
pub fn write(locations: &[Location], delimiter: u8) -> Result<Vec<u8>, WriteError> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    let mut writer = csv::WriterBuilder::new().delimiter(delimiter).from_writer(&mut out);
    let fail = |e: csv::Error| WriteError(e.to_string());
    writer.write_record(Column::ALL.map(Column::header)).map_err(fail)?;
    for location in locations {
        writer.write_record(cells_of(location)).map_err(fail)?;
    }
    writer.flush().map_err(|e| WriteError(e.to_string()))?;
    drop(writer);
    Ok(out)
}

/// The file's text. Workbooks and binary files are refused by their content, whatever
/// their name or declared type.
fn decode(bytes: &[u8]) -> Result<String, FileError> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(FileError::Workbook);
    }
    let text = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        utf16(rest, u16::from_le_bytes)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        utf16(rest, u16::from_be_bytes)?
    } else {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        match std::str::from_utf8(bytes) {
            Ok(text) => text.to_string(),
            Err(_) => windows_1252(bytes),
        }
    };
    let sample: Vec<char> = text.chars().take(8192).collect();
    let control = sample
        .iter()
        .filter(|c| c.is_control() && !matches!(c, '\t' | '\r' | '\n' | '\u{c}'))
        .count();
    if sample.contains(&'\0') || control * 100 > sample.len() {
        return Err(FileError::Binary);
    }
    Ok(text)
}

fn utf16(bytes: &[u8], word: fn([u8; 2]) -> u16) -> Result<String, FileError> {
    let words: Vec<u16> = bytes.chunks_exact(2).map(|pair| word([pair[0], pair[1]])).collect();
    String::from_utf16(&words).map_err(|_| FileError::Binary)
}

/// Older Excel saves "CSV" in the Windows code page; 0x80–0x9F are its own characters.
fn windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => HIGH[usize::from(b - 0x80)],
            b => char::from(b),
        })
        .collect()
}

/// The separator the header line uses most: `,`, `;` or tab (quoted text aside).
fn delimiter_of(header: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], std::cmp::Reverse(i))).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

#[cfg(test)]
#[path = "file_tests.rs"]
mod tests;
