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
use super::{
    cause_code, check_cause_name, check_text, Cause, FeedbackError, FeedbackEvent, FeedbackItem,
    FeedbackKind, FeedbackState, STEP_NOTE_MAX_CHARS, SUMMARY_MAX_CHARS,
};
use crate::datetime::{parse_datetime_in, DateError};
use crate::domain::{check_member_name, shorten, Code, Lang};
use crate::export::{unguard_formula, Format};
use crate::import::{
    detect_delimiter, parse_bool, parse_zone, ImportError, Problem, ProblemCode, RowError,
    MAX_REPORTED_ERRORS,
};
use crate::store::{FeedbackImported, Store};

/// The largest feedback file read: far beyond any team's items.
pub const MAX_FILE_BYTES: u64 = 64 << 20;

/// The namespace of ids derived from a row that comes without one, so the same file
/// imported twice adds nothing twice.
const ROW_NAMESPACE: Uuid = Uuid::from_u128(0x6d75_726d_656c_676c_6173_0000_0000_0014);

/// What a feedback import did.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct FeedbackImportSummary {
    /// Items read from the file.
    pub read: u64,
    #[serde(flatten)]
    pub stored: FeedbackImported,
}

/// One record: its line and its cells by column, each with the file's name for it.
struct Record {
    line: u64,
    cells: HashMap<C, (String, String)>,
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

fn feedback_problem(e: &FeedbackError) -> Problem {
    Problem::new(ProblemCode::BadFeedback, e.to_string()).with("code", e.code())
}

fn rule(code: &'static str, message: impl Into<String>) -> Problem {
    Problem::new(ProblemCode::BadFeedback, message).with("code", code)
}

/// The file's bytes as text: UTF-8 (with or without BOM), else Windows-1252 — never a mix.
fn decode(bytes: &[u8], name: &str) -> Result<String, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
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
        let offset = raw.get().as_ptr() as usize - text.as_ptr() as usize;
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

/// One record as an item, or its problems. Causes are left as the file names them.
fn parse(
    record: &Record,
    german: bool,
    now: DateTime<FixedOffset>,
) -> Result<FeedbackItem, Vec<(Option<String>, Problem)>> {
    let mut problems: Vec<(Option<String>, Problem)> = Vec::new();
    let name = |c: C| {
        record
            .cells
            .get(&c)
            .map_or(c.header(Lang::En).to_string(), |(_, n)| n.clone())
    };
    let get = |c: C| {
        record
            .cells
            .get(&c)
            .map(|(v, _)| v.trim())
            .filter(|v| !v.is_empty())
            .map(|v| if german { unguard_formula(v) } else { v })
    };
    macro_rules! check {
        ($c:expr, $result:expr) => {
            match $result {
                Ok(v) => Some(v),
                Err(p) => {
                    problems.push((Some(name($c)), p));
                    None
                }
            }
        };
    }
    let missing = |c: C| {
        Problem::new(
            ProblemCode::MissingValue,
            format!("the {} is missing", c.header(Lang::En).replace('_', " ")),
        )
    };
    let time = |c: C, zone: C| -> Option<Result<DateTime<FixedOffset>, Problem>> {
        let value = get(c)?;
        let zone = get(zone).map(parse_zone).transpose();
        Some(zone.and_then(|z| {
            match z {
                Some(z) => parse_datetime_in(value, &z),
                None => parse_datetime_in(value, &chrono::Local),
            }
            .map_err(|e: DateError| Problem::from(e))
        }))
    };
    let boolean = |c: C| {
        get(c)
            .map(parse_bool)
            .transpose()
            .map(|b| b.unwrap_or(false))
    };
    let uuid = |c: C| {
        get(c)
            .map(|v| {
                Uuid::parse_str(v).map_err(|_| {
                    Problem::new(
                        ProblemCode::BadId,
                        format!("'{v}' is not a valid id (a UUID)"),
                    )
                    .with("value", v)
                })
            })
            .transpose()
    };
    let kind = match get(C::Kind) {
        None => check!(C::Kind, Err::<FeedbackKind, _>(missing(C::Kind))),
        Some(v) => check!(C::Kind, v.parse::<FeedbackKind>().map_err(Problem::from)),
    };
    let summary = match get(C::Summary) {
        None => check!(C::Summary, Err::<String, _>(missing(C::Summary))),
        Some(v) => check!(
            C::Summary,
            check_text(
                Some(v),
                SUMMARY_MAX_CHARS,
                "summary",
                FeedbackError::SummaryTooLong
            )
            .map(|s| s.unwrap_or_default())
            .map_err(|e| feedback_problem(&e))
        ),
    };
    let received_at = match time(C::ReceivedAt, C::ReceivedZone) {
        None => check!(
            C::ReceivedAt,
            Err::<DateTime<FixedOffset>, _>(missing(C::ReceivedAt))
        ),
        Some(r) => check!(
            C::ReceivedAt,
            r.and_then(|t| if t > now {
                Err(Problem::new(
                    ProblemCode::InFuture,
                    format!("'{}' lies in the future", format_time(&t)),
                )
                .with("value", format_time(&t)))
            } else {
                Ok(t)
            })
        ),
    };
    let answered_at = time(C::AnsweredAt, C::AnsweredZone).and_then(|r| check!(C::AnsweredAt, r));
    let closed_at = time(C::ClosedAt, C::ClosedZone).and_then(|r| check!(C::ClosedAt, r));
    let id = check!(C::Id, uuid(C::Id)).flatten();
    let contact = check!(C::Contact, uuid(C::Contact)).flatten();
    let number = match get(C::Number) {
        None => Some(0),
        Some(v) => check!(
            C::Number,
            v.parse::<u32>().ok().filter(|n| *n > 0).ok_or_else(|| rule(
                "bad_number",
                format!("'{v}' is not an item's number (1, 2, …)")
            )
            .with("value", v))
        ),
    };
    let urgent = check!(C::Urgent, boolean(C::Urgent));
    let reply_wanted = check!(C::ReplyWanted, boolean(C::ReplyWanted));
    let share_summary = check!(C::ShareSummary, boolean(C::ShareSummary));
    let recorded_by = match get(C::RecordedBy) {
        None => Some(None),
        Some(v) => check!(
            C::RecordedBy,
            check_member_name(v).map(Some).map_err(Problem::from)
        ),
    };
    let state = match get(C::State) {
        None => Some(FeedbackState::Received),
        Some(v) => check!(C::State, v.parse::<FeedbackState>().map_err(Problem::from)),
    };
    let outcome = check!(
        C::Outcome,
        check_text(
            get(C::Outcome),
            STEP_NOTE_MAX_CHARS,
            "outcome",
            FeedbackError::StepNoteTooLong
        )
        .map_err(|e| feedback_problem(&e))
    )
    .flatten();
    let history = match get(C::History) {
        None => Some(None),
        Some(v) => check!(
            C::History,
            serde_json::from_str::<Vec<FeedbackEvent>>(v)
                .map(Some)
                .map_err(|e| rule(
                    "history",
                    format!("the history is not a list of steps: {e}")
                ))
        ),
    };
    let (
        Some(kind),
        Some(summary),
        Some(received_at),
        Some(number),
        Some(urgent),
        Some(reply_wanted),
        Some(share_summary),
        Some(recorded_by),
        Some(state),
        Some(history),
    ) = (
        kind,
        summary,
        received_at,
        number,
        urgent,
        reply_wanted,
        share_summary,
        recorded_by,
        state,
        history,
    )
    else {
        return Err(problems);
    };
    if !problems.is_empty() {
        return Err(problems);
    }

    // The item's times and state must tell one story.
    let mut rules = Vec::new();
    let closed = state == FeedbackState::Closed;
    if closed && closed_at.is_none() {
        rules.push((
            C::ClosedAt,
            rule(
                "closed_without_time",
                "a closed item needs the time it was closed",
            ),
        ));
    }
    if closed && outcome.is_none() {
        rules.push((
            C::Outcome,
            rule("outcome_missing", "a closed item needs its outcome"),
        ));
    }
    if !closed && (closed_at.is_some() || outcome.is_some()) {
        rules.push((
            C::State,
            rule(
                "open_with_close",
                "an item that is not closed has no close time and no outcome",
            ),
        ));
    }
    if state == FeedbackState::Informed && answered_at.is_none() {
        rules.push((
            C::AnsweredAt,
            rule(
                "informed_without_time",
                "a customer informed needs the time of the answer",
            ),
        ));
    }
    if state < FeedbackState::Informed && answered_at.is_some() {
        rules.push((
            C::State,
            rule(
                "answered_but_open",
                "an item answered is at least 'informed'",
            ),
        ));
    }
    for (c, t) in [(C::AnsweredAt, answered_at), (C::ClosedAt, closed_at)] {
        if t.is_some_and(|t| t < received_at || t > now) {
            rules.push((
                c,
                rule(
                    "time_out_of_order",
                    "the time lies before the item came in, or in the future",
                ),
            ));
        }
    }
    let history = history
        .unwrap_or_else(|| synthesize(state, received_at, answered_at, closed_at, outcome.clone()));
    if let Err(why) = check_history(&history, state, received_at) {
        rules.push((C::History, rule("history", why)));
    }
    if !rules.is_empty() {
        return Err(rules.into_iter().map(|(c, p)| (Some(name(c)), p)).collect());
    }
    let id = id.unwrap_or_else(|| {
        let content = format!(
            "{}\u{1f}{}\u{1f}{}",
            kind.code(),
            format_time(&received_at),
            summary
        );
        Uuid::new_v5(&ROW_NAMESPACE, content.as_bytes())
    });
    Ok(FeedbackItem {
        id,
        number,
        kind,
        summary,
        cause: get(C::Cause).map(str::to_string),
        urgent,
        reply_wanted,
        contact,
        recorded_by,
        answer_note: None,
        share_summary,
        state,
        outcome,
        received_at,
        answered_at,
        closed_at,
        history,
    })
}

fn format_time(t: &DateTime<FixedOffset>) -> String {
    crate::datetime::format_rfc3339(t)
}

/// The history a file without one implies: arrival, the answer, the close.
fn synthesize(
    state: FeedbackState,
    received_at: DateTime<FixedOffset>,
    answered_at: Option<DateTime<FixedOffset>>,
    closed_at: Option<DateTime<FixedOffset>>,
    outcome: Option<String>,
) -> Vec<FeedbackEvent> {
    let line = |at, from, to, note| FeedbackEvent {
        at,
        from,
        to,
        edited: Vec::new(),
        note,
    };
    if state == FeedbackState::Closed
        && answered_at == Some(received_at)
        && closed_at == Some(received_at)
    {
        return vec![line(received_at, None, FeedbackState::Closed, outcome)];
    }
    let mut history = vec![line(received_at, None, FeedbackState::Received, None)];
    let mut last = FeedbackState::Received;
    if state == FeedbackState::InProgress {
        history.push(line(
            received_at,
            Some(last),
            FeedbackState::InProgress,
            None,
        ));
    }
    if let Some(a) = answered_at {
        history.push(line(a, Some(last), FeedbackState::Informed, None));
        last = FeedbackState::Informed;
    }
    if let (FeedbackState::Closed, Some(c)) = (state, closed_at) {
        history.push(line(c, Some(last), FeedbackState::Closed, outcome));
    }
    history
}

/// Checks that a history is one chain of states ending in `state`.
fn check_history(
    history: &[FeedbackEvent],
    state: FeedbackState,
    received_at: DateTime<FixedOffset>,
) -> Result<(), String> {
    let Some(first) = history.first() else {
        return Err("the history is empty; it starts with the item's arrival".into());
    };
    if first.from.is_some() || first.at != received_at {
        return Err("the history starts with the item's arrival, at the time it came in".into());
    }
    for pair in history.windows(2) {
        if pair[1].from != Some(pair[0].to) {
            return Err("each step of the history starts where the one before ended".into());
        }
        if pair[1].at < pair[0].at {
            return Err("the history's steps are not in time order".into());
        }
    }
    if history.last().map(|e| e.to) != Some(state) {
        return Err("the history ends in another state than the item's".into());
    }
    Ok(())
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
