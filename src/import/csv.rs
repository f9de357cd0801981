//! Reading a CSV file as it streams past: the delimiter from the header line, physical
//! line numbers for every record, and a watch on the quotes, so an unclosed quote is
//! reported instead of silently turning the rest of the file into one story.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::{self, Cursor, Read};
use std::rc::Rc;

use super::problem::{cut_short, Problem, ProblemCode};
use super::row::Parser;
use crate::domain::{self, shorten};
use crate::export::{is_german_header, Column};

/// No cell of a contact file is anywhere near this long (a story holds at most 4,000
/// characters); a longer one is an unclosed quote or not a contact file, and reading on
/// would only fill memory.
pub(crate) const FIELD_LIMIT: usize = 1024 * 1024;

/// What the [`Watch`] learned, shared with the code that reads the records.
#[derive(Default)]
struct Watched {
    /// File offsets of the line breaks read ahead of the records: (offset, is `\n`).
    breaks: VecDeque<(u64, bool)>,
    /// How many fields the header has, once it is read (0 before).
    width: usize,
    /// Why reading stopped early: a problem and its line.
    failure: Option<(u64, Problem)>,
    /// The line of a quote still open at the end of the file.
    unclosed: Option<u64>,
    /// Whether the bytes read so far end in a line break.
    ends_in_break: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lex {
    FieldStart,
    Unquoted,
    Quoted,
    /// A quote inside a quoted field: the end of the field, or the first of two.
    QuoteInQuoted,
}

/// Passes the bytes on to the CSV reader and follows them as the reader does: fields,
/// quotes, line breaks.
struct Watch<R> {
    inner: R,
    delimiter: u8,
    watched: Rc<RefCell<Watched>>,
    offset: u64,
    line: u64,
    lex: Lex,
    field_len: usize,
    field_line: u64,
    /// Delimiters on the current line while inside quotes, and how many lines inside the
    /// current quoted field looked like whole rows.
    quoted_delimiters: usize,
    rowlike_lines: u32,
}

impl<R: Read> Watch<R> {
    fn failed(&self, line: u64, problem: Problem) -> io::Error {
        self.watched.borrow_mut().failure = Some((line, problem));
        io::Error::new(io::ErrorKind::InvalidData, "stopped reading")
    }

    fn watch(&mut self, bytes: &[u8]) -> io::Result<()> {
        let width = self.watched.borrow().width;
        for &b in bytes {
            if b == b'\n' || b == b'\r' {
                self.watched
                    .borrow_mut()
                    .breaks
                    .push_back((self.offset, b == b'\n'));
            }
            self.offset += 1;
            if b == b'\n' {
                self.line += 1;
            }
            self.lex = match (self.lex, b) {
                (Lex::FieldStart, b'"') => {
                    self.field_len = 0;
                    self.field_line = self.line;
                    self.quoted_delimiters = 0;
                    self.rowlike_lines = 0;
                    Lex::Quoted
                }
                (Lex::Quoted, b'"') => Lex::QuoteInQuoted,
                (Lex::QuoteInQuoted, b'"') => Lex::Quoted,
                (Lex::Quoted, b'\n') => {
                    // Lines inside a quoted field that hold a whole row's delimiters are
                    // rows swallowed by a quote that was never closed.
                    if width >= 3 && self.quoted_delimiters + 1 >= width {
                        self.rowlike_lines += 1;
                        if self.rowlike_lines >= 2 {
                            return Err(self.failed(self.field_line, unclosed_quote()));
                        }
                    }
                    self.quoted_delimiters = 0;
                    Lex::Quoted
                }
                (Lex::Quoted, d) if d == self.delimiter => {
                    self.quoted_delimiters += 1;
                    Lex::Quoted
                }
                (Lex::Quoted, _) => Lex::Quoted,
                (_, b'\n' | b'\r') => {
                    self.field_len = 0;
                    Lex::FieldStart
                }
                (_, d) if d == self.delimiter => {
                    self.field_len = 0;
                    Lex::FieldStart
                }
                (Lex::FieldStart, _) => {
                    self.field_line = self.line;
                    Lex::Unquoted
                }
                (lex, _) => lex,
            };
            self.field_len += 1;
            if self.field_len > FIELD_LIMIT {
                let problem = if self.lex == Lex::Quoted {
                    unclosed_quote()
                } else {
                    Problem::new(
                        ProblemCode::FieldTooLong,
                        format!(
                            "a cell longer than {} MiB; nothing like a contact file",
                            FIELD_LIMIT >> 20
                        ),
                    )
                    .with("limit", format!("{} MiB", FIELD_LIMIT >> 20))
                };
                return Err(self.failed(self.field_line, problem));
            }
        }
        Ok(())
    }
}

impl<R: Read> Read for Watch<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 {
            if self.lex == Lex::Quoted {
                self.watched.borrow_mut().unclosed = Some(self.field_line);
            }
            return Ok(0);
        }
        self.watch(&buf[..n])?;
        self.watched.borrow_mut().ends_in_break = matches!(buf[n - 1], b'\n' | b'\r');
        Ok(n)
    }
}

fn unclosed_quote() -> Problem {
    Problem::new(
        ProblemCode::UnclosedQuote,
        "a quote (\") opened here is not closed, so the rows after it would become part of one cell; nothing was imported",
    )
}

/// Physical line numbers from the byte offsets of records. The csv crate's own line count
/// lags by one after CRLF line ends (it starts the next record on the `\n`), so we count.
struct LineCounter {
    watched: Rc<RefCell<Watched>>,
    line: u64,
}

impl LineCounter {
    /// The line of the first character at or after `byte` that is not a line break.
    /// Offsets must not decrease between calls (records come in order).
    fn line_at(&mut self, byte: u64) -> u64 {
        let mut watched = self.watched.borrow_mut();
        let mut target = byte;
        while let Some(&(offset, newline)) = watched.breaks.front() {
            if offset < target {
                self.line += u64::from(newline);
            } else if offset == target {
                // A break right at the record's start belongs before it.
                self.line += u64::from(newline);
                target += 1;
            } else {
                break;
            }
            watched.breaks.pop_front();
        }
        self.line
    }
}

/// Picks the delimiter that splits the header line most often (outside quotes).
pub(crate) fn detect_delimiter(text: &[u8]) -> u8 {
    let mut counts = [(b';', 0usize), (b',', 0), (b'\t', 0)];
    let mut quoted = false;
    for &b in text {
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

/// Reads the header line (up to its first line break outside quotes) for
/// [`detect_delimiter`]; the bytes are handed on to the CSV reader afterwards.
fn read_head(input: &mut impl Read) -> io::Result<Vec<u8>> {
    let mut head = Vec::new();
    let mut quoted = false;
    let mut byte = [0u8; 1];
    while head.len() <= FIELD_LIMIT {
        if input.read(&mut byte)? == 0 {
            break;
        }
        head.push(byte[0]);
        match byte[0] {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            _ => {}
        }
    }
    Ok(head)
}

/// Reads the records of a CSV file into `sink`. `why_stopped` says, when the input
/// failed, whether the decoder knows why (the caller reports that).
pub(crate) fn read_csv(mut input: impl Read, sink: &mut Parser) {
    let head = match read_head(&mut input) {
        Ok(head) => head,
        Err(e) => return sink.input_failed(1, Some(e)),
    };
    let delimiter = detect_delimiter(&head);
    let watched = Rc::new(RefCell::new(Watched::default()));
    let watch = Watch {
        inner: Cursor::new(head).chain(input),
        delimiter,
        watched: watched.clone(),
        offset: 0,
        line: 1,
        lex: Lex::FieldStart,
        field_len: 0,
        field_line: 1,
        quoted_delimiters: 0,
        rowlike_lines: 0,
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(watch);
    let stopped = |sink: &mut Parser, e: csv::Error, line: u64| {
        let failure = watched.borrow_mut().failure.take();
        match failure {
            Some((line, problem)) => sink.fail(line, None, problem),
            None => match e.into_kind() {
                csv::ErrorKind::Io(io) => sink.input_failed(line, Some(io)),
                other => sink.fail(
                    line,
                    None,
                    Problem::detail(ProblemCode::CsvSyntax, format!("{other:?}")),
                ),
            },
        }
    };
    let mut header = csv::StringRecord::new();
    match reader.read_record(&mut header) {
        Ok(true) => {}
        Ok(false) => return,
        Err(e) => return stopped(sink, e, 1),
    }
    if header.iter().all(|name| name.trim().is_empty()) {
        return; // nothing but blank lines: an empty file
    }
    let Some(index) = read_header(&header, sink) else {
        return;
    };
    let width = header.len();
    watched.borrow_mut().width = width;
    let mut lines = LineCounter {
        watched: watched.clone(),
        line: 1,
    };
    if let Some(p) = header.position() {
        lines.line_at(p.byte());
    }
    // One record buffer for the whole file: no allocation per row.
    let mut record = csv::StringRecord::new();
    // The last row, when it has fewer fields than the header: its line and field count.
    let mut short_row = None;
    loop {
        // The writer hung up (a cancel): reading the rest of the file would only keep the
        // import waiting, for many seconds with a big file.
        if sink.hung_up {
            return;
        }
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map_or(lines.line, |p| lines.line_at(p.byte()));
                return stopped(sink, e, line);
            }
        }
        let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
        if record.iter().all(|c| c.trim().is_empty()) {
            continue; // a blank line or a spreadsheet's empty row
        }
        short_row = (record.len() < width).then_some((line, record.len()));
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
    let (unclosed, ends_in_break) = {
        let watched = watched.borrow();
        (watched.unclosed, watched.ends_in_break)
    };
    if let Some(line) = unclosed {
        sink.fail(line, None, unclosed_quote());
    } else if let Some((line, fields)) = short_row.filter(|_| !ends_in_break) {
        sink.fail(line, None, cut_short(fields, width));
    }
}

/// The column index per known column, or `None` after reporting what is wrong with the
/// header. Unknown named columns are an error (a typo would silently drop data); unnamed
/// empty ones are ignored.
#[allow(clippy::type_complexity)] // one slot per column: its index and the file's name
fn read_header(
    header: &csv::StringRecord,
    sink: &mut Parser,
) -> Option<[Option<(usize, String)>; Column::ALL.len()]> {
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
                    Some(shorten(name, 60)),
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
    header_ok.then_some(index)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiter_is_read_from_the_header_line() {
        assert_eq!(detect_delimiter(b"a;b;c\n1,2;3"), b';');
        assert_eq!(detect_delimiter(b"a,b,c\n"), b',');
        assert_eq!(detect_delimiter(b"\"x;y\",b,c\n"), b',');
        assert_eq!(detect_delimiter(b"a\tb\n"), b'\t');
    }

    #[test]
    fn line_breaks_at_a_record_start_count_before_it() {
        let watched = Rc::new(RefCell::new(Watched::default()));
        // "a\r\nb\n\nc": breaks at 1 (\r), 2 (\n), 4 (\n), 5 (\n).
        watched.borrow_mut().breaks = [(1, false), (2, true), (4, true), (5, true)].into();
        let mut lines = LineCounter { watched, line: 1 };
        assert_eq!(lines.line_at(0), 1);
        assert_eq!(
            lines.line_at(2),
            2,
            "the csv crate starts `b` on the \\n of CRLF"
        );
        assert_eq!(lines.line_at(6), 4);
    }
}
