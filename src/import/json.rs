//! Reading a JSON array of contacts as it streams past, one element at a time, each with
//! the line it starts on.

use std::cell::Cell;
use std::collections::HashMap;
use std::fmt;
use std::io::{self, Read};
use std::rc::Rc;

use serde::de::{Deserializer as _, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::problem::{Problem, ProblemCode};
use super::row::{Parsed, Parser};
use crate::export::Column;

/// Counts the line breaks the JSON reader has consumed (it reads byte by byte, so the
/// count is exact when an element ends) and whether anything but whitespace came.
struct Lines<R> {
    inner: R,
    breaks: Rc<Cell<u64>>,
    text: Rc<Cell<bool>>,
}

impl<R: Read> Read for Lines<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let read = &buf[..n];
        self.breaks
            .set(self.breaks.get() + read.iter().filter(|&&b| b == b'\n').count() as u64);
        if !self.text.get() && read.iter().any(|b| !b.is_ascii_whitespace()) {
            self.text.set(true);
        }
        Ok(n)
    }
}

/// Hands each element of the top-level array to the parser.
struct Elements<'p> {
    sink: &'p mut Parser,
    breaks: Rc<Cell<u64>>,
}

impl<'de> Visitor<'de> for Elements<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON array of contacts ('[' ...)")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(raw) = seq.next_element::<Box<RawValue>>()? {
            let text = raw.get();
            let end_line = 1 + self.breaks.get();
            let line = end_line - text.bytes().filter(|&b| b == b'\n').count() as u64;
            element(self.sink, line, text);
            if self.sink.hung_up {
                break;
            }
        }
        Ok(())
    }
}

/// Reads the elements of a JSON array of contacts into `sink`.
pub(crate) fn read_json(input: impl Read, sink: &mut Parser) {
    let breaks = Rc::new(Cell::new(0));
    let text = Rc::new(Cell::new(false));
    let lines = Lines {
        inner: io::BufReader::new(input),
        breaks: breaks.clone(),
        text: text.clone(),
    };
    let mut de = serde_json::Deserializer::from_reader(lines);
    let read = de
        .deserialize_seq(Elements {
            sink,
            breaks: breaks.clone(),
        })
        .and_then(|()| de.end());
    let Err(e) = read else {
        return;
    };
    let line = e.line() as u64;
    match e.classify() {
        serde_json::error::Category::Io => sink.input_failed(line, Some(e.into())),
        // Nothing but whitespace: an empty file, which the import reports as such.
        serde_json::error::Category::Eof if !text.get() => {}
        serde_json::error::Category::Data => sink.fail(
            line.max(1),
            None,
            Problem::detail(
                ProblemCode::JsonStructure,
                "expected a JSON array of contacts ('[' ...)",
            ),
        ),
        serde_json::error::Category::Syntax if sink.hung_up => {}
        _ if is_trailing(&e) => sink.fail(
            line,
            None,
            Problem::detail(
                ProblemCode::JsonStructure,
                "unexpected text after the JSON array",
            ),
        ),
        _ => sink.bad_row(line, None, Problem::detail(ProblemCode::JsonSyntax, e)),
    }
}

fn is_trailing(e: &serde_json::Error) -> bool {
    e.to_string().starts_with("trailing characters")
}

/// One element: an object whose fields are the columns.
fn element(sink: &mut Parser, line: u64, text: &str) {
    let map: serde_json::Map<String, serde_json::Value> = match serde_json::from_str(text) {
        Ok(m) => m,
        Err(e) => {
            let line = line + e.line() as u64 - 1;
            return sink.bad_row(line, None, Problem::detail(ProblemCode::JsonSyntax, e));
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
        return sink.emit(Parsed::BadRow {
            line,
            problems: unknown
                .into_iter()
                .map(|key| {
                    (
                        Some(crate::domain::shorten(&key, 60)),
                        Problem::new(ProblemCode::UnknownField, "unknown field"),
                    )
                })
                .collect(),
        });
    }
    sink.record(line, |c| cells.get(&c).map(|(v, n)| (v.as_str(), *n)));
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
