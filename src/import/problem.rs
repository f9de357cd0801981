//! What can be wrong with an imported file, as codes and values the window translates and
//! as the English text the CLI prints.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::datetime::DateError;
use crate::domain::{shorten, DomainError};

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

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.column {
            Some(c) => write!(f, "line {}, column '{}': {}", self.line, c, self.message),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

/// Every kind of problem an import reports. The window has a text for each one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ProblemCode {
    /// The file is not valid CSV at this point (`detail` from the CSV reader).
    CsvSyntax,
    /// A quote opened on this line is never closed (or closes only many rows later), so
    /// the rows after it would become part of one cell.
    UnclosedQuote,
    /// A cell longer than any column can hold (`limit`): an unclosed quote, or not a
    /// contact file.
    FieldTooLong,
    /// The file mixes UTF-8 and Windows-1252 text (`byte`: the first byte that does not
    /// fit, as `0xE4`).
    MixedEncoding,
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
    /// The file ends inside a row that has fewer fields (`fields`) than the header
    /// (`header`) and no line break: a copy or download that did not finish.
    CutShort,
    UnknownField,
    MissingTime,
    MissingRating,
    BadDateTime,
    SkippedLocalTime,
    DateOutOfRange,
    /// `value`: an offset beyond ±18:00.
    OffsetOutOfRange,
    /// `value`: a time zone cell that is not `UTC+01:00` or the like.
    BadTimeZone,
    InFuture,
    /// `value`, `valid`: the unknown code and the ones we know.
    UnknownCode,
    BadId,
    BadMemberName,
    /// `value`: a place's name that is too long or not on one line.
    BadPlaceName,
    NpsOutOfRange,
    /// `value`: the story's length in characters.
    NoteTooLong,
    /// `code`, `position`: a control character (`U+0001`) and where it is in the cell.
    ControlCharacter,
    BadYesNo,
    /// `value`: what got in our way, named on a golden contact (it goes with 08/15 only).
    ObstacleOnGolden,
    /// The database refused the row (`detail`).
    Database,
    /// A feedback file's row lacks a value it needs (the column names it).
    MissingValue,
    /// A feedback file's row breaks a rule of the process: `code` is the feedback error's
    /// code (`outcome_missing`, `summary_too_long`, …) or `unknown_contact`,
    /// `duplicate_id`, `bad_number`, `history`; `detail` says it in English.
    BadFeedback,
}

/// A problem before it is pinned to a line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub code: ProblemCode,
    pub params: BTreeMap<&'static str, String>,
    pub message: String,
}

impl Problem {
    pub fn new(code: ProblemCode, message: impl Into<String>) -> Self {
        Problem {
            code,
            params: BTreeMap::new(),
            message: message.into(),
        }
    }

    /// Adds a value the message names; a user's text is cut short, so a 10 MB cell does
    /// not become a 10 MB message.
    pub fn with(mut self, name: &'static str, value: impl ToString) -> Self {
        self.params.insert(name, shorten(&value.to_string(), 120));
        self
    }

    /// A problem the message of a library describes (CSV or JSON syntax, the database).
    pub fn detail(code: ProblemCode, detail: impl ToString) -> Self {
        let detail = shorten(&detail.to_string(), 200);
        Problem::new(code, detail.clone()).with("detail", detail)
    }

    /// Pins the problem to a line and column.
    pub fn at(self, line: u64, column: Option<String>) -> RowError {
        RowError {
            line,
            column: column.map(|c| shorten(&c, 60)),
            code: self.code,
            params: self.params,
            message: self.message,
        }
    }
}

/// The last row of a CSV file, when the file ends inside it: fewer fields than the header
/// and no line break after it. Short rows elsewhere are read as rows with empty trailing
/// cells; at the very end the same shape means the rest of the file is missing, and the
/// row's last cell may be cut too.
pub(crate) fn cut_short(fields: usize, header: usize) -> Problem {
    Problem::new(
        ProblemCode::CutShort,
        format!(
            "the file ends inside this row ({fields} of the header's {header} fields, no line break): it looks cut short, as by a copy or download that did not finish; nothing was imported"
        ),
    )
    .with("fields", fields)
    .with("header", header)
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
            DomainError::ControlCharacter { code, position, .. } => {
                return Problem::new(C::ControlCharacter, message)
                    .with("code", code)
                    .with("position", position)
            }
            DomainError::NpsOutOfRange(v) => (C::NpsOutOfRange, v),
            DomainError::NoteTooLong(n) => (C::NoteTooLong, n.to_string()),
            DomainError::BadMemberName(v) => (C::BadMemberName, v),
            DomainError::BadPlaceName(v) => (C::BadPlaceName, v),
            DomainError::InFuture(v) => (C::InFuture, v),
            // Not reachable from a contact row; kept total so nothing is lost.
            DomainError::BadTarget(_)
            | DomainError::TeamNameTooLong(_)
            | DomainError::BadRetention(_) => return Problem::detail(C::Database, message),
            DomainError::TimeOutOfRange(v) => (C::DateOutOfRange, v),
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
            DateError::OffsetOutOfRange(v) => (ProblemCode::OffsetOutOfRange, v),
        };
        Problem::new(code, message).with("value", value)
    }
}
