//! Reading contact files (CSV in English or German, any common delimiter and encoding, and
//! JSON) into the store: all rows or none, every bad row reported with its line.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::mpsc::{sync_channel, SyncSender};

use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use uuid::Uuid;

use crate::datetime::{self, parse_datetime, DateError};
use crate::domain::{
    self, check_member_name, check_note, parse_nps, parse_tag_list, Code, Contact, DomainError,
    Rating,
};
use crate::export::{is_german_header, unguard_formula, Column, Format};
use crate::store::{add_stories, insert_with, ImportedStory, Store, StoreError, INSERT_CONTACT};

/// The namespace of ids derived for rows that come without one.
const ID_NAMESPACE: Uuid = Uuid::from_u128(0x6d75_726d_656c_676c_6173_0000_0000_0001);

/// How many bad rows are kept with their details; the rest are only counted.
pub const MAX_REPORTED_ERRORS: usize = 1000;

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportSummary {
    /// Contacts read from the file.
    pub read: u64,
    /// Contacts written to the database.
    pub added: u64,
    /// Contacts whose id the database already held; left as they were.
    pub already_present: u64,
    /// Team members created because the file named them.
    pub members_added: u64,
}

/// One problem in one row. `line` is the physical line where the record starts (header = 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RowError {
    pub line: u64,
    /// The column as the file names it, when the problem is in one cell.
    pub column: Option<String>,
    /// What is wrong, for the window to say in its language.
    pub code: ProblemCode,
    /// The values the message names (`value`, `valid`, ...), for the translation.
    #[cfg_attr(feature = "ts", ts(type = "Partial<Record<string, string>>"))]
    pub params: BTreeMap<&'static str, String>,
    /// The English text, as the CLI prints it.
    pub message: String,
}

/// Every kind of problem an import reports. The window has a text for each one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ProblemCode {
    /// The file is not valid CSV at this point (`detail` from the CSV reader).
    CsvSyntax,
    /// A JSON element is not valid JSON (`detail` from the JSON reader).
    JsonSyntax,
    /// The file is not one JSON array, or text follows it (`detail`).
    JsonStructure,
    DuplicateColumn,
    /// `known`: the column names we read.
    UnknownColumn,
    /// `en`, `de`: the column's names.
    MissingColumn,
    /// `fields`, `header`: how many fields the row and the header have.
    TooManyFields,
    UnknownField,
    MissingTime,
    MissingRating,
    BadDateTime,
    SkippedLocalTime,
    DateOutOfRange,
    InFuture,
    /// `value`, `valid`: the unknown code and the ones we know.
    UnknownCode,
    BadId,
    BadMemberName,
    NpsOutOfRange,
    /// `value`: the story's length in characters.
    NoteTooLong,
    BadYesNo,
    /// The database refused the row (`detail`).
    Database,
}

/// A problem before it is pinned to a line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Problem {
    code: ProblemCode,
    params: BTreeMap<&'static str, String>,
    message: String,
}

impl Problem {
    fn new(code: ProblemCode, message: impl Into<String>) -> Self {
        Problem {
            code,
            params: BTreeMap::new(),
            message: message.into(),
        }
    }

    fn with(mut self, name: &'static str, value: impl ToString) -> Self {
        self.params.insert(name, value.to_string());
        self
    }

    /// A problem the message of a library describes (CSV or JSON syntax, the database).
    fn detail(code: ProblemCode, detail: impl ToString) -> Self {
        let detail = detail.to_string();
        Problem::new(code, detail.clone()).with("detail", detail)
    }
}

impl From<DomainError> for Problem {
    fn from(e: DomainError) -> Self {
        use ProblemCode as C;
        let message = e.to_string();
        let (code, value) = match e {
            DomainError::UnknownCode { given, valid, .. } => {
                return Problem::new(C::UnknownCode, message)
                    .with("value", given)
                    .with("valid", valid)
            }
            DomainError::NpsOutOfRange(v) => (C::NpsOutOfRange, v),
            DomainError::NoteTooLong(n) => (C::NoteTooLong, n.to_string()),
            DomainError::BadMemberName(v) => (C::BadMemberName, v),
            DomainError::InFuture(v) => (C::InFuture, v),
            // Not reachable from a contact row; kept total so nothing is lost.
            DomainError::BadTarget(_) | DomainError::TeamNameTooLong(_) => {
                return Problem::detail(C::Database, message)
            }
        };
        Problem::new(code, message).with("value", value)
    }
}

impl From<DateError> for Problem {
    fn from(e: DateError) -> Self {
        let message = e.to_string();
        let (code, value) = match e {
            DateError::BadDate(v) | DateError::BadDateTime(v) => (ProblemCode::BadDateTime, v),
            DateError::SkippedLocalTime(v) => (ProblemCode::SkippedLocalTime, v),
            DateError::OutOfRange(v) => (ProblemCode::DateOutOfRange, v),
        };
        Problem::new(code, message).with("value", value)
    }
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.column {
            Some(c) => write!(f, "line {}, column '{}': {}", self.line, c, self.message),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "{path}: cannot tell the format from the file name; pass --format csv or --format json"
    )]
    UnknownFormat { path: String },
    #[error("{path}: the file is empty; nothing was imported")]
    Empty { path: String },
    #[error(
        "{path}: this is not a text file (binary data at byte {offset}); nothing was imported"
    )]
    Binary { path: String, offset: usize },
    #[error("{path}: {} bad {}; nothing was imported", .total, if *.total == 1 { "row" } else { "rows" })]
    Invalid {
        path: String,
        /// The first [`MAX_REPORTED_ERRORS`] problems, in file order.
        errors: Vec<RowError>,
        /// Bad rows (or header problems) in all.
        total: usize,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Imports the file at `path`; the format follows the extension unless `format` says.
pub fn import_file(
    store: &mut Store,
    path: &Path,
    format: Option<Format>,
) -> Result<ImportSummary, ImportError> {
    let display = path.display().to_string();
    let format =
        format
            .or_else(|| Format::from_path(path))
            .ok_or_else(|| ImportError::UnknownFormat {
                path: display.clone(),
            })?;
    let bytes = std::fs::read(path).map_err(|source| ImportError::Read {
        path: display.clone(),
        source,
    })?;
    import_bytes(store, &bytes, format, &display)
}

/// Imports file contents; `name` is used in messages.
pub fn import_bytes(
    store: &mut Store,
    bytes: &[u8],
    format: Format,
    name: &str,
) -> Result<ImportSummary, ImportError> {
    let text = decode_text(bytes, name)?;
    let now = datetime::now();
    let text: &str = &text;
    // A big import fits its pages in memory instead of spilling them to the WAL again and
    // again; the cache is given back afterwards.
    let conn = store.connection();
    let cache_size: i64 = conn
        .query_row("PRAGMA cache_size", [], |r| r.get(0))
        .map_err(StoreError::from)?;
    // Member ids come from the writer's own lookups and inserts in the same transaction,
    // so the per-row foreign-key probe is redundant; it is switched back on afterwards.
    conn.execute_batch("PRAGMA cache_size = -262144; PRAGMA foreign_keys = OFF;")
        .map_err(StoreError::from)?;
    let result = import_text(store, text, format, name, now);
    let conn = store.connection();
    conn.execute_batch(&format!(
        "PRAGMA foreign_keys = ON; PRAGMA cache_size = {cache_size}; PRAGMA shrink_memory;"
    ))
    .map_err(StoreError::from)?;
    result
}

fn import_text(
    store: &mut Store,
    text: &str,
    format: Format,
    name: &str,
    now: DateTime<FixedOffset>,
) -> Result<ImportSummary, ImportError> {
    store.in_transaction(|tx| {
        // Per-row triggers keep `day_count` and the story index for every writer but cost
        // more than the insert itself. An import drops the insert trigger inside its
        // transaction, counts the days and indexes the stories itself and restores the
        // trigger before committing; a rollback restores it too.
        let trigger: String = tx
            .query_row(
                "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'contact_counted'",
                [],
                |r| r.get(0),
            )
            .map_err(StoreError::from)?;
        tx.execute_batch("DROP TRIGGER contact_counted")
            .map_err(StoreError::from)?;
        let mut writer = Writer::new(tx)?;
        // Parsing runs beside the writer: with two cores the import takes about as long
        // as SQLite needs for the inserts alone.
        std::thread::scope(|scope| {
            let (send, receive) = sync_channel::<Vec<Parsed>>(4);
            let parser = scope.spawn(move || {
                let mut parser = Parser::new(now, send);
                match format {
                    Format::Csv => read_csv(text, &mut parser),
                    Format::Json => read_json(text, &mut parser),
                }
                parser.flush();
            });
            for batch in receive {
                for item in batch {
                    writer.accept(item);
                }
            }
            if let Err(panic) = parser.join() {
                std::panic::resume_unwind(panic);
            }
        });
        if writer.total_errors > 0 {
            // Returning an error drops the transaction: every insert is rolled back.
            return Err(ImportError::Invalid {
                path: name.to_string(),
                errors: writer.errors,
                total: writer.total_errors,
            });
        }
        if writer.summary.read == 0 {
            return Err(ImportError::Empty {
                path: name.to_string(),
            });
        }
        writer.count_days()?;
        add_stories(tx, &writer.stories)?;
        let summary = writer.summary;
        drop(writer);
        tx.execute_batch(&trigger).map_err(StoreError::from)?;
        Ok(summary)
    })
}

/// UTF-8 (with or without BOM), else Windows-1252, which is what German Excel writes.
fn decode_text<'b>(bytes: &'b [u8], name: &str) -> Result<Cow<'b, str>, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // Text never holds NUL; a story may hold a stray control character, so only many of
    // them at the start mark the file as binary.
    let head = &bytes[..bytes.len().min(8192)];
    let is_control = |b: &u8| *b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c);
    let binary_at = bytes.iter().position(|&b| b == 0).or_else(|| {
        (head.iter().filter(|b| is_control(b)).count() * 100 > head.len())
            .then(|| head.iter().position(is_control).unwrap_or(0))
    });
    if let Some(offset) = binary_at {
        return Err(ImportError::Binary {
            path: name.to_string(),
            offset,
        });
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
        }
    };
    if text.trim().is_empty() {
        return Err(ImportError::Empty {
            path: name.to_string(),
        });
    }
    Ok(text)
}

/// What the parser hands to the writer, in file order.
enum Parsed {
    Row {
        line: u64,
        contact: Contact,
    },
    BadRow {
        line: u64,
        problems: Vec<(Option<String>, Problem)>,
    },
    /// A problem with the file itself (header, JSON structure), not with one row.
    FileProblem {
        line: u64,
        column: Option<String>,
        problem: Problem,
    },
}

/// How many parsed rows travel together from the parser thread to the writer.
const BATCH: usize = 1024;

/// Parses records on its own thread and sends them on in batches.
struct Parser {
    now: DateTime<FixedOffset>,
    /// A German (spreadsheet) file: free text may carry the export's formula guard.
    spreadsheet: bool,
    seen_content: HashMap<Uuid, u32>,
    batch: Vec<Parsed>,
    send: SyncSender<Vec<Parsed>>,
}

impl Parser {
    fn new(now: DateTime<FixedOffset>, send: SyncSender<Vec<Parsed>>) -> Self {
        Parser {
            now,
            spreadsheet: false,
            seen_content: HashMap::new(),
            batch: Vec::with_capacity(BATCH),
            send,
        }
    }

    fn emit(&mut self, item: Parsed) {
        self.batch.push(item);
        if self.batch.len() >= BATCH {
            self.flush();
        }
    }

    fn flush(&mut self) {
        let batch = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH));
        // The writer only hangs up after a panic; the panic is reported there.
        let _ = self.send.send(batch);
    }

    fn fail(&mut self, line: u64, column: Option<String>, problem: Problem) {
        self.emit(Parsed::FileProblem {
            line,
            column,
            problem,
        });
    }

    fn bad_row(&mut self, line: u64, column: Option<String>, problem: Problem) {
        self.emit(Parsed::BadRow {
            line,
            problems: vec![(column, problem)],
        });
    }

    /// Parses one record; `cell` gives a column's text and the name the file uses for it.
    fn record<'c>(&mut self, line: u64, cell: impl Fn(Column) -> Option<(&'c str, &'c str)>) {
        let mut problems: Vec<(String, Problem)> = Vec::new();
        match parse_contact(&cell, self.now, self.spreadsheet, &mut problems) {
            Some((mut contact, has_id)) if problems.is_empty() => {
                if !has_id {
                    contact.id = self.derived_id(&contact);
                }
                self.emit(Parsed::Row { line, contact });
            }
            _ => self.emit(Parsed::BadRow {
                line,
                problems: problems.into_iter().map(|(c, m)| (Some(c), m)).collect(),
            }),
        }
    }

    /// An id for a row that has none, derived from its content and how often the same
    /// content came before in this file: importing the file again finds the same ids,
    /// while two identical bare contacts in one minute stay two contacts.
    fn derived_id(&mut self, contact: &Contact) -> Uuid {
        let content: Vec<String> = Column::ALL[1..]
            .iter()
            .map(|c| c.cell(contact, domain::Lang::En))
            .collect();
        let base = Uuid::new_v5(&ID_NAMESPACE, content.join("\u{1f}").as_bytes());
        let seen = self.seen_content.entry(base).or_insert(0);
        *seen += 1;
        let name = format!("{base}#{seen}");
        let random = Uuid::new_v5(&ID_NAMESPACE, name.as_bytes());
        let millis = u64::try_from(contact.occurred_at.timestamp_millis()).unwrap_or(0);
        let mut bits = [0u8; 10];
        bits.copy_from_slice(&random.as_bytes()[6..]);
        uuid::Builder::from_unix_timestamp_millis(millis, &bits).into_uuid()
    }
}

/// Writes parsed contacts into the open transaction and collects problems.
struct Writer<'t> {
    tx: &'t rusqlite::Transaction<'t>,
    insert: rusqlite::CachedStatement<'t>,
    /// Member ids by lower-cased name, and by the exact spelling last seen (no allocation
    /// for the common case of the same spelling on every row).
    members: HashMap<String, i64>,
    members_exact: HashMap<String, i64>,
    /// Contacts and golden ones added per local day, for `day_count`.
    days: HashMap<i64, (i64, i64)>,
    /// The added contacts' stories, for the story index.
    stories: Vec<ImportedStory>,
    summary: ImportSummary,
    errors: Vec<RowError>,
    total_errors: usize,
}

impl<'t> Writer<'t> {
    fn new(tx: &'t rusqlite::Transaction<'t>) -> Result<Self, StoreError> {
        let mut members = HashMap::new();
        let mut stmt = tx.prepare("SELECT id, name FROM member")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (id, name) = row?;
            members.insert(name.to_lowercase(), id);
        }
        Ok(Writer {
            tx,
            insert: tx.prepare_cached(INSERT_CONTACT)?,
            members,
            members_exact: HashMap::new(),
            days: HashMap::new(),
            stories: Vec::new(),
            summary: ImportSummary::default(),
            errors: Vec::new(),
            total_errors: 0,
        })
    }

    fn report(&mut self, line: u64, column: Option<String>, problem: Problem) {
        if self.errors.len() < MAX_REPORTED_ERRORS {
            self.errors.push(RowError {
                line,
                column,
                code: problem.code,
                params: problem.params,
                message: problem.message,
            });
        }
    }

    fn accept(&mut self, item: Parsed) {
        match item {
            Parsed::Row { line, contact } => {
                self.summary.read += 1;
                // After the first bad row nothing more is written: it will be rolled back.
                if self.total_errors == 0 {
                    if let Err(e) = self.insert(&contact) {
                        self.total_errors += 1;
                        self.report(line, None, Problem::detail(ProblemCode::Database, e));
                    }
                }
            }
            Parsed::BadRow { line, problems } => {
                self.summary.read += 1;
                self.total_errors += 1;
                for (column, problem) in problems {
                    self.report(line, column, problem);
                }
            }
            Parsed::FileProblem {
                line,
                column,
                problem,
            } => {
                self.total_errors += 1;
                self.report(line, column, problem);
            }
        }
    }

    fn insert(&mut self, contact: &Contact) -> Result<(), StoreError> {
        let member_id = match &contact.member {
            Some(name) => Some(self.member_id(name)?),
            None => None,
        };
        if insert_with(&mut self.insert, contact, member_id)? {
            self.summary.added += 1;
            let local = contact.occurred_at.naive_local().and_utc().timestamp();
            let counts = self.days.entry(local.div_euclid(86_400)).or_insert((0, 0));
            counts.0 += 1;
            counts.1 += i64::from(contact.rating == Rating::Golden);
            if let Some(note) = &contact.note {
                self.stories.push(ImportedStory {
                    occurred_local: local,
                    contact_id: contact.id,
                    note: note.clone(),
                });
            }
        } else {
            self.summary.already_present += 1;
        }
        Ok(())
    }

    fn member_id(&mut self, name: &str) -> Result<i64, StoreError> {
        if let Some(&id) = self.members_exact.get(name) {
            return Ok(id);
        }
        let key = name.to_lowercase();
        if let Some(&id) = self.members.get(&key) {
            self.members_exact.insert(name.to_string(), id);
            return Ok(id);
        }
        self.tx
            .execute("INSERT INTO member (name) VALUES (?1)", [name])?;
        let id = self.tx.last_insert_rowid();
        self.members.insert(key, id);
        self.summary.members_added += 1;
        Ok(id)
    }

    /// Adds the imported contacts to `day_count` in one statement per day.
    fn count_days(&self) -> Result<(), StoreError> {
        let mut stmt = self.tx.prepare(
            "INSERT INTO day_count (day, total, golden) VALUES (?1, ?2, ?3) \
             ON CONFLICT (day) DO UPDATE SET total = total + excluded.total, \
             golden = golden + excluded.golden",
        )?;
        for (day, (total, golden)) in &self.days {
            stmt.execute(rusqlite::params![day, total, golden])?;
        }
        Ok(())
    }
}

/// Turns one record's cells into a contact and whether the record had an id, or collects
/// (column, reason) problems.
fn parse_contact<'c>(
    cell: &impl Fn(Column) -> Option<(&'c str, &'c str)>,
    now: DateTime<FixedOffset>,
    spreadsheet: bool,
    problems: &mut Vec<(String, Problem)>,
) -> Option<(Contact, bool)> {
    // A present, non-blank cell with the column's name in the file.
    let get = |c: Column| cell(c).filter(|(v, _)| !v.trim().is_empty());
    let mut check = |c: Column, result: Result<(), Problem>| {
        if let Err(problem) = result {
            let name = cell(c).map_or(c.header(domain::Lang::En), |(_, n)| n);
            problems.push((name.to_string(), problem));
        }
    };

    let mut occurred_at = None;
    match get(Column::OccurredAt) {
        None => check(
            Column::OccurredAt,
            Err(Problem::new(
                ProblemCode::MissingTime,
                "the time of the contact is missing",
            )),
        ),
        Some((v, _)) => check(
            Column::OccurredAt,
            parse_datetime(v).map_err(Problem::from).and_then(|t| {
                if t > now {
                    Err(
                        Problem::new(ProblemCode::InFuture, format!("'{v}' lies in the future"))
                            .with("value", v),
                    )
                } else {
                    occurred_at = Some(t);
                    Ok(())
                }
            }),
        ),
    }
    let mut logged_at = None;
    if let Some((v, _)) = get(Column::LoggedAt) {
        check(
            Column::LoggedAt,
            parse_datetime(v)
                .map(|t| logged_at = Some(t))
                .map_err(Problem::from),
        );
    }
    let mut rating = None;
    match get(Column::Rating) {
        None => check(
            Column::Rating,
            Err(Problem::new(
                ProblemCode::MissingRating,
                "the rating is missing (golden or 08/15)",
            )),
        ),
        Some((v, _)) => check(
            Column::Rating,
            v.parse::<Rating>()
                .map(|r| rating = Some(r))
                .map_err(Problem::from),
        ),
    }
    let mut id = None;
    if let Some((v, _)) = get(Column::Id) {
        check(
            Column::Id,
            Uuid::parse_str(v.trim())
                .map(|u| id = Some(u))
                .map_err(|_| {
                    Problem::new(
                        ProblemCode::BadId,
                        format!("'{v}' is not a valid id (a UUID)"),
                    )
                    .with("value", v)
                }),
        );
    }
    let mut member = None;
    if let Some((v, _)) = get(Column::Member) {
        check(
            Column::Member,
            check_member_name(if spreadsheet { unguard_formula(v) } else { v })
                .map(|m| member = Some(m))
                .map_err(Problem::from),
        );
    }
    let channel = optional_code(get(Column::Channel), |r| check(Column::Channel, r));
    let phase = optional_code(get(Column::Phase), |r| check(Column::Phase, r));
    let purpose = optional_code(get(Column::Purpose), |r| check(Column::Purpose, r));
    let mut motives = Default::default();
    if let Some((v, _)) = get(Column::Motives) {
        check(
            Column::Motives,
            parse_tag_list(v)
                .map(|t| motives = t)
                .map_err(Problem::from),
        );
    }
    let mut perspectives = Default::default();
    if let Some((v, _)) = get(Column::Perspectives) {
        check(
            Column::Perspectives,
            parse_tag_list(v)
                .map(|t| perspectives = t)
                .map_err(Problem::from),
        );
    }
    let mut note = None;
    if let Some((v, _)) = get(Column::Note) {
        check(
            Column::Note,
            check_note(Some(
                if spreadsheet { unguard_formula(v) } else { v }.to_string(),
            ))
            .map(|n| note = n)
            .map_err(Problem::from),
        );
    }
    let mut share_in_review = false;
    if let Some((v, _)) = get(Column::ShareInReview) {
        check(
            Column::ShareInReview,
            parse_bool(v).map(|b| share_in_review = b),
        );
    }
    let mut nps = None;
    if let Some((v, _)) = get(Column::Nps) {
        check(
            Column::Nps,
            parse_nps(v).map(|n| nps = Some(n)).map_err(Problem::from),
        );
    }

    let occurred_at = occurred_at?;
    let contact = Contact {
        id: id.unwrap_or_else(Uuid::nil),
        occurred_at,
        // Without a logging time the contact counts as logged when it happened, so that an
        // import never looks like something just logged (and `undo` never removes it).
        logged_at: logged_at.unwrap_or(occurred_at),
        member,
        rating: rating?,
        channel: channel?,
        phase: phase?,
        purpose: purpose?,
        motives,
        perspectives,
        note,
        share_in_review,
        nps,
    };
    Some((contact, id.is_some()))
}

/// Parses an optional code cell. The outer `None` means "bad value, already reported".
fn optional_code<T: Code>(
    value: Option<(&str, &str)>,
    mut report: impl FnMut(Result<(), Problem>),
) -> Option<Option<T>> {
    match value {
        None => Some(None),
        Some((v, _)) => match T::parse(v) {
            Ok(code) => Some(Some(code)),
            Err(e) => {
                report(Err(e.into()));
                None
            }
        },
    }
}

fn parse_bool(s: &str) -> Result<bool, Problem> {
    match s.trim().to_lowercase().as_str() {
        "true" | "ja" | "yes" | "1" | "wahr" | "x" => Ok(true),
        "false" | "nein" | "no" | "0" | "falsch" => Ok(false),
        _ => Err(Problem::new(
            ProblemCode::BadYesNo,
            format!("'{s}' is not yes or no (ja/nein, true/false)"),
        )
        .with("value", s)),
    }
}

/// Picks the delimiter that splits the header line most often (outside quotes).
fn detect_delimiter(text: &str) -> u8 {
    let mut counts = [(b';', 0usize), (b',', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            _ if !quoted => {
                if let Some(slot) = counts.iter_mut().find(|(d, _)| *d == b) {
                    slot.1 += 1;
                }
            }
            _ => {}
        }
    }
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map_or(b',', |(d, _)| *d)
}

fn read_csv(text: &str, sink: &mut Parser) {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(detect_delimiter(text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut header = csv::StringRecord::new();
    match reader.read_record(&mut header) {
        Ok(true) => {}
        Ok(false) => return,
        Err(e) => return sink.fail(1, None, Problem::detail(ProblemCode::CsvSyntax, e)),
    }
    // Column index per known column; unknown named columns are an error (a typo would
    // silently drop data), unnamed empty ones are ignored.
    let mut index: [Option<(usize, String)>; Column::ALL.len()] = Default::default();
    sink.spreadsheet = header.iter().any(is_german_header);
    let mut header_ok = true;
    for (i, name) in header.iter().enumerate() {
        if name.trim().is_empty() {
            continue;
        }
        match Column::from_header(name) {
            Some(c) if index[c as usize].is_some() => {
                sink.fail(
                    1,
                    Some(name.to_string()),
                    Problem::new(ProblemCode::DuplicateColumn, "this column appears twice"),
                );
                header_ok = false;
            }
            Some(c) => index[c as usize] = Some((i, name.trim().to_string())),
            None => {
                let known = Column::ALL.map(|c| c.header(domain::Lang::En)).join(", ");
                sink.fail(
                    1,
                    Some(name.to_string()),
                    Problem::new(
                        ProblemCode::UnknownColumn,
                        format!("unknown column; known columns are: {known}"),
                    )
                    .with("known", known),
                );
                header_ok = false;
            }
        }
    }
    for required in [Column::OccurredAt, Column::Rating] {
        if index[required as usize].is_none() {
            let (en, de) = (
                required.header(domain::Lang::En),
                required.header(domain::Lang::De),
            );
            sink.fail(
                1,
                None,
                Problem::new(
                    ProblemCode::MissingColumn,
                    format!("the column '{en}' ('{de}') is missing"),
                )
                .with("en", en)
                .with("de", de),
            );
            header_ok = false;
        }
    }
    if !header_ok {
        return;
    }
    let width = header.len();
    let mut lines = LineCounter::new(text.as_bytes());
    // One record buffer for the whole file: no allocation per row.
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map_or(0, |p| lines.line_at(p.byte()));
                sink.fail(line, None, Problem::detail(ProblemCode::CsvSyntax, e));
                continue;
            }
        }
        let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
        if record.iter().all(|c| c.trim().is_empty()) {
            continue; // a blank line or a spreadsheet's empty row
        }
        if record.len() > width && record.iter().skip(width).any(|c| !c.trim().is_empty()) {
            sink.bad_row(
                line,
                None,
                Problem::new(
                    ProblemCode::TooManyFields,
                    format!(
                        "the row has {} fields but the header only {}",
                        record.len(),
                        width
                    ),
                )
                .with("fields", record.len())
                .with("header", width),
            );
            continue;
        }
        sink.record(line, |c| {
            index[c as usize]
                .as_ref()
                .map(|(i, name)| (record.get(*i).unwrap_or(""), name.as_str()))
        });
    }
}

/// Physical line numbers from byte offsets. The csv crate's own line count lags by one
/// after CRLF line ends (it starts the next record on the `\n`), so we count ourselves.
struct LineCounter<'a> {
    text: &'a [u8],
    pos: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a [u8]) -> Self {
        LineCounter {
            text,
            pos: 0,
            line: 1,
        }
    }

    /// The line of the first character at or after `byte` that is not a line break.
    /// Offsets must not decrease between calls (records come in order).
    fn line_at(&mut self, byte: u64) -> u64 {
        let mut target = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        while target < self.text.len() && matches!(self.text[target], b'\r' | b'\n') {
            target += 1;
        }
        if target > self.pos {
            self.line += self.text[self.pos..target]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64;
            self.pos = target;
        }
        self.line
    }
}

fn read_json(text: &str, sink: &mut Parser) {
    let elements = match split_json_array(text) {
        Ok(e) => e,
        Err((line, message)) => {
            return sink.fail(
                line,
                None,
                Problem::detail(ProblemCode::JsonStructure, message),
            )
        }
    };
    for (line, element) in elements {
        let map: serde_json::Map<String, serde_json::Value> = match serde_json::from_str(element) {
            Ok(m) => m,
            Err(e) => {
                let line = line + e.line() as u64 - 1;
                sink.bad_row(line, None, Problem::detail(ProblemCode::JsonSyntax, e));
                continue;
            }
        };
        let mut cells: HashMap<Column, (String, &str)> = HashMap::new();
        let mut unknown = Vec::new();
        for (key, value) in &map {
            match Column::from_header(key) {
                Some(c) => {
                    cells.insert(c, (json_cell(value), key.as_str()));
                }
                None => unknown.push(key.clone()),
            }
        }
        if !unknown.is_empty() {
            sink.emit(Parsed::BadRow {
                line,
                problems: unknown
                    .into_iter()
                    .map(|key| {
                        (
                            Some(key),
                            Problem::new(ProblemCode::UnknownField, "unknown field"),
                        )
                    })
                    .collect(),
            });
            continue;
        }
        sink.record(line, |c| cells.get(&c).map(|(v, n)| (v.as_str(), *n)));
    }
}

/// A JSON value as cell text: arrays of codes become `a|b`, null becomes empty.
fn json_cell(value: &serde_json::Value) -> String {
    use serde_json::Value;
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(json_cell).collect::<Vec<_>>().join("|"),
        other => other.to_string(),
    }
}

/// Splits a top-level JSON array into its elements, each with the line it starts on, so
/// problems can be reported per element. Syntax inside elements is left to serde_json.
fn split_json_array(text: &str) -> Result<Vec<(u64, &str)>, (u64, String)> {
    let bytes = text.as_bytes();
    let mut line = 1u64;
    let mut i = 0;
    let skip_ws = |i: &mut usize, line: &mut u64| {
        while *i < bytes.len() && bytes[*i].is_ascii_whitespace() {
            if bytes[*i] == b'\n' {
                *line += 1;
            }
            *i += 1;
        }
    };
    skip_ws(&mut i, &mut line);
    if bytes.get(i) != Some(&b'[') {
        return Err((line, "expected a JSON array of contacts ('[' ...)".into()));
    }
    i += 1;
    let mut elements = Vec::new();
    loop {
        skip_ws(&mut i, &mut line);
        match bytes.get(i) {
            None => return Err((line, "the JSON array is not closed (missing ']')".into())),
            Some(b']') if elements.is_empty() => {
                i += 1;
                break;
            }
            _ => {}
        }
        let start = i;
        let start_line = line;
        let (mut depth, mut in_string, mut escaped) = (0i32, false, false);
        while i < bytes.len() {
            let b = bytes[i];
            if b == b'\n' {
                line += 1;
            }
            if in_string {
                match (escaped, b) {
                    (true, _) => escaped = false,
                    (false, b'\\') => escaped = true,
                    (false, b'"') => in_string = false,
                    _ => {}
                }
            } else {
                match b {
                    b'"' => in_string = true,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' if depth > 0 => depth -= 1,
                    b',' | b']' if depth == 0 => break,
                    _ => {}
                }
            }
            i += 1;
        }
        elements.push((start_line, text[start..i].trim_end()));
        match bytes.get(i) {
            Some(b',') => i += 1,
            Some(b']') => {
                i += 1;
                break;
            }
            _ => return Err((line, "the JSON array is not closed (missing ']')".into())),
        }
    }
    skip_ws(&mut i, &mut line);
    if i < bytes.len() {
        return Err((line, "unexpected text after the JSON array".into()));
    }
    Ok(elements)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiter_is_read_from_the_header_line() {
        assert_eq!(detect_delimiter("a;b;c\n1,2;3"), b';');
        assert_eq!(detect_delimiter("a,b,c\n"), b',');
        assert_eq!(detect_delimiter("\"x;y\",b,c\n"), b',');
        assert_eq!(detect_delimiter("a\tb\n"), b'\t');
    }

    #[test]
    fn json_elements_carry_their_start_line() {
        let text = "[\n  {\"a\": 1},\n  {\"b\": \"x,]\"}\n]\n";
        let elements = split_json_array(text).expect("valid array");
        assert_eq!(elements, vec![(2, "{\"a\": 1}"), (3, "{\"b\": \"x,]\"}")]);
        assert_eq!(split_json_array("[]").expect("empty"), vec![]);
        assert!(split_json_array("{}").is_err());
        assert!(split_json_array("[{}").is_err());
        assert!(split_json_array("[{}] x").is_err());
    }

    #[test]
    fn booleans_in_both_languages() {
        assert_eq!(parse_bool("ja"), Ok(true));
        assert_eq!(parse_bool("FALSCH"), Ok(false));
        let problem = parse_bool("vielleicht").expect_err("not a yes or no");
        assert_eq!(problem.code, ProblemCode::BadYesNo);
        assert_eq!(problem.params["value"], "vielleicht");
    }
}
