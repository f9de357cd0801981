//! Reading feedback files back (CSV in English or German, UTF-8 or Windows-1252, and
//! JSON), all or nothing like the contacts' import: every bad row is reported with its
//! line, and nothing is stored unless every row is good.
//!
//! Feedback files are small (a team's items of years), so a file is read whole (up to
//! [`MAX_FILE_BYTES`]) rather than streamed.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use serde_json::value::RawValue;
use uuid::Uuid;

use super::file::FeedbackColumn as C;
use super::row::{feedback_problem, parse, rule, Record};
use super::{cause_code, check_cause_name, Cause};
use crate::domain::{shorten, Lang};
use crate::export::Format;
use crate::import::{
    cut_short, detect_delimiter, ImportError, Problem, ProblemCode, RowError, MAX_REPORTED_ERRORS,
};
use crate::store::{FeedbackImported, Store};

/// The largest feedback file read: far beyond any team's items.
pub const MAX_FILE_BYTES: u64 = 64 << 20;

/// What a feedback import did.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct FeedbackImportSummary {
    /// Items read from the file.
    pub read: u64,
    #[serde(flatten)]
    pub stored: FeedbackImported,
}

/// Problems found so far, and how many rows had any.
#[derive(Default)]
struct Problems {
    errors: Vec<RowError>,
    bad_rows: usize,
}

impl Problems {
    fn row(&mut self, line: u64, problems: Vec<(Option<String>, Problem)>) {
        if problems.is_empty() {
            return;
        }
        self.bad_rows += 1;
        for (column, p) in problems {
            if self.errors.len() < MAX_REPORTED_ERRORS {
                self.errors.push(p.at(line, column));
            }
        }
    }
}

/// The file's bytes as text: UTF-8 (with or without BOM), UTF-16 with its BOM, else
/// Windows-1252 — never a mix.
fn decode(bytes: &[u8], name: &str) -> Result<String, ImportError> {
    let utf16 = encoding_rs::Encoding::for_bom(bytes).filter(|(e, _)| *e != encoding_rs::UTF_8);
    let text16;
    let bytes = match utf16 {
        Some((encoding, bom)) => {
            text16 = encoding
                .decode_without_bom_handling_and_without_replacement(&bytes[bom..])
                .ok_or_else(|| ImportError::Binary {
                    path: name.to_string(),
                    offset: bom as u64,
                })?;
            text16.as_bytes()
        }
        None => bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes),
    };
    if let Some(offset) = bytes
        .iter()
        .position(|&b| b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')))
    {
        return Err(ImportError::Binary {
            path: name.to_string(),
            offset: offset as u64,
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(e) => {
            // Valid UTF-8 sequences before the first bad byte mean a file in two encodings.
            let before = &bytes[..e.valid_up_to()];
            if before.iter().any(|&b| b >= 0x80) {
                let line = 1 + before.iter().filter(|&&b| b == b'\n').count() as u64;
                let byte = bytes[e.valid_up_to()];
                return Err(ImportError::Invalid {
                    path: name.to_string(),
                    errors: vec![Problem::new(
                        ProblemCode::MixedEncoding,
                        format!("the file mixes UTF-8 and Windows-1252 (byte 0x{byte:02X}); save it in one encoding"),
                    )
                    .with("byte", format!("0x{byte:02X}"))
                    .at(line, None)],
                    total: 1,
                });
            }
            Ok(encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned())
        }
    }
}

/// The line of the first character at or after `byte` that is not a line break.
fn line_at(text: &str, byte: usize) -> u64 {
    let bytes = text.as_bytes();
    let mut at = byte.min(bytes.len());
    while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
        at += 1;
    }
    1 + bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64
}

fn read_csv(text: &str, problems: &mut Problems) -> Option<(Vec<Record>, bool)> {
    let delimiter = detect_delimiter(text.lines().next().unwrap_or_default().as_bytes());
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = reader.records();
    let header = match rows.next() {
        None => return Some((Vec::new(), false)),
        Some(Ok(h)) => h,
        Some(Err(e)) => {
            problems.row(1, vec![(None, Problem::detail(ProblemCode::CsvSyntax, e))]);
            return None;
        }
    };
    let mut index: Vec<(usize, C, String)> = Vec::new();
    let mut header_problems = Vec::new();
    let german = header.iter().any(|h| {
        C::from_header(h).is_some_and(|c| {
            c.header(Lang::De).eq_ignore_ascii_case(h.trim()) && c.header(Lang::En) != h.trim()
        })
    });
    for (i, name) in header.iter().enumerate() {
        if name.trim().is_empty() {
            continue;
        }
        match C::from_header(name) {
            Some(c) if index.iter().any(|(_, k, _)| *k == c) => header_problems.push((
                Some(name.to_string()),
                Problem::new(ProblemCode::DuplicateColumn, "this column appears twice"),
            )),
            Some(c) => index.push((i, c, name.trim().to_string())),
            None => {
                let known = C::ALL.map(|c| c.header(Lang::En)).join(", ");
                header_problems.push((
                    Some(shorten(name, 60)),
                    Problem::new(
                        ProblemCode::UnknownColumn,
                        format!("unknown column; known columns are: {known}"),
                    )
                    .with("known", known),
                ));
            }
        }
    }
    for required in [C::Kind, C::Summary, C::ReceivedAt] {
        if !index.iter().any(|(_, c, _)| *c == required) {
            let (en, de) = (required.header(Lang::En), required.header(Lang::De));
            header_problems.push((
                None,
                Problem::new(
                    ProblemCode::MissingColumn,
                    format!("the column '{en}' ('{de}') is missing"),
                )
                .with("en", en)
                .with("de", de),
            ));
        }
    }
    if !header_problems.is_empty() {
        problems.row(1, header_problems);
        return None;
    }
    let mut records = Vec::new();
    // The last row, when it has fewer fields than the header: its line and field count.
    let mut short_row = None;
    for row in rows {
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| line_at(text, p.byte() as usize));
                problems.row(
                    line,
                    vec![(None, Problem::detail(ProblemCode::CsvSyntax, e))],
                );
                return None;
            }
        };
        let line = row
            .position()
            .map_or(0, |p| line_at(text, p.byte() as usize));
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        short_row = (row.len() < header.len()).then_some((line, row.len()));
        if row.len() > header.len() && row.iter().skip(header.len()).any(|c| !c.trim().is_empty()) {
            problems.row(
                line,
                vec![(
                    None,
                    Problem::new(
                        ProblemCode::TooManyFields,
                        format!(
                            "the row has {} fields but the header only {}",
                            row.len(),
                            header.len()
                        ),
                    )
                    .with("fields", row.len())
                    .with("header", header.len()),
                )],
            );
            continue;
        }
        let cells = index
            .iter()
            .map(|(i, c, name)| (*c, (row.get(*i).unwrap_or("").to_string(), name.clone())))
            .collect();
        records.push(Record { line, cells });
    }
    if let Some((line, fields)) = short_row.filter(|_| !text.ends_with(['\n', '\r'])) {
        problems.row(line, vec![(None, cut_short(fields, header.len()))]);
        return None;
    }
    Some((records, german))
}

fn read_json(text: &str, problems: &mut Problems) -> Option<Vec<Record>> {
    if text.trim().is_empty() {
        return Some(Vec::new());
    }
    let elements: Vec<&RawValue> = match serde_json::from_str(text) {
        Ok(e) => e,
        Err(e) => {
            let code = if e.is_syntax() || e.is_eof() {
                ProblemCode::JsonSyntax
            } else {
                ProblemCode::JsonStructure
            };
            problems.row(e.line() as u64, vec![(None, Problem::detail(code, e))]);
            return None;
        }
    };
    let mut records = Vec::new();
    for raw in elements {
        // A borrowed raw value points into `text`: its address gives its offset.
        let offset = (raw.get().as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
        let line = line_at(text, offset);
        let object: serde_json::Map<String, serde_json::Value> =
            match serde_json::from_str(raw.get()) {
                Ok(o) => o,
                Err(e) => {
                    problems.row(
                        line,
                        vec![(None, Problem::detail(ProblemCode::JsonStructure, e))],
                    );
                    continue;
                }
            };
        let mut cells = HashMap::new();
        let mut unknown = Vec::new();
        for (key, value) in object {
            let cell = match value {
                serde_json::Value::Null => String::new(),
                serde_json::Value::String(s) => s,
                serde_json::Value::Bool(b) => b.to_string(),
                other => other.to_string(),
            };
            match C::from_header(&key) {
                Some(c) => {
                    cells.insert(c, (cell, key));
                }
                None => unknown.push((
                    Some(shorten(&key, 60)),
                    Problem::new(ProblemCode::UnknownField, "unknown field"),
                )),
            }
        }
        if unknown.is_empty() {
            records.push(Record { line, cells });
        } else {
            problems.row(line, unknown);
        }
    }
    Some(records)
}

/// Imports the feedback file at `path`; the format follows the extension unless given.
pub fn import_feedback_file(
    store: &mut Store,
    path: &Path,
    format: Option<Format>,
) -> Result<FeedbackImportSummary, ImportError> {
    let name = path.display().to_string();
    let format = format
        .or_else(|| Format::from_path(path))
        .ok_or_else(|| ImportError::UnknownFormat { path: name.clone() })?;
    let read_error = |source| ImportError::Read {
        path: name.clone(),
        source,
    };
    let size = std::fs::metadata(path).map_err(read_error)?.len();
    if size > MAX_FILE_BYTES {
        return Err(ImportError::Read {
            path: name.clone(),
            source: std::io::Error::other(format!(
                "the file has {} MiB; a feedback file has at most {} MiB",
                size >> 20,
                MAX_FILE_BYTES >> 20
            )),
        });
    }
    let bytes = std::fs::read(path).map_err(read_error)?;
    import_feedback_bytes(store, &bytes, format, &name, crate::datetime::now())
}

/// Imports a feedback file's contents; `name` is used in messages, `now` bounds the times.
pub fn import_feedback_bytes(
    store: &mut Store,
    bytes: &[u8],
    format: Format,
    name: &str,
    now: DateTime<FixedOffset>,
) -> Result<FeedbackImportSummary, ImportError> {
    let text = decode(bytes, name)?;
    let mut problems = Problems::default();
    let records = match format {
        Format::Csv => read_csv(&text, &mut problems),
        Format::Json => read_json(&text, &mut problems).map(|r| (r, false)),
    };
    let invalid = |problems: Problems| ImportError::Invalid {
        path: name.to_string(),
        errors: problems.errors,
        total: problems.bad_rows,
    };
    let Some((records, german)) = records else {
        return Err(invalid(problems));
    };
    let mut known = store.list_causes(true)?;
    let mut new_causes: Vec<Cause> = Vec::new();
    let mut seen: HashSet<Uuid> = HashSet::new();
    let mut contacts: BTreeMap<Uuid, bool> = BTreeMap::new();
    let mut items = Vec::new();
    for record in &records {
        let mut item = match parse(record, german, now) {
            Ok(item) => item,
            Err(p) => {
                problems.row(record.line, p);
                continue;
            }
        };
        let mut row_problems = Vec::new();
        let cause_column = || Some(C::Cause.header(Lang::En).to_string());
        if let Some(given) = item.cause.take() {
            match known.iter().find(|c| c.answers_to(&given)) {
                Some(c) => item.cause = Some(c.code.clone()),
                None => match check_cause_name(&given) {
                    Ok(name) => {
                        let cause = Cause {
                            code: cause_code(&name, &known),
                            name: Some(name),
                            retired: false,
                        };
                        item.cause = Some(cause.code.clone());
                        known.push(cause.clone());
                        new_causes.push(cause);
                    }
                    Err(e) => row_problems.push((cause_column(), feedback_problem(&e))),
                },
            }
        }
        if let Some(contact) = item.contact {
            let exists = match contacts.get(&contact) {
                Some(e) => *e,
                None => {
                    let e = store.get_contact(contact)?.is_some();
                    contacts.insert(contact, e);
                    e
                }
            };
            if !exists {
                row_problems.push((
                    Some(C::Contact.header(Lang::En).to_string()),
                    rule(
                        "unknown_contact",
                        format!("no contact with id {contact}; import the contacts first"),
                    ),
                ));
            }
        }
        if !seen.insert(item.id) {
            row_problems.push((
                Some(C::Id.header(Lang::En).to_string()),
                rule("duplicate_id", "this id appears on an earlier row too"),
            ));
        }
        if row_problems.is_empty() {
            items.push(item);
        } else {
            problems.row(record.line, row_problems);
        }
    }
    if problems.bad_rows > 0 {
        return Err(invalid(problems));
    }
    if items.is_empty() {
        return Err(ImportError::Empty {
            path: name.to_string(),
        });
    }
    let stored = store.import_feedback(&items, &new_causes)?;
    Ok(FeedbackImportSummary {
        read: items.len() as u64,
        stored,
    })
}
