//! Feedback items in their own files, as the contacts travel: CSV in English (codes,
//! RFC 3339) or German (labels, local times with their zone, `;`, BOM, for Excel), and
//! JSON. `read` takes them back, all or nothing.
//!
//! A file carries the item and its history, but never the "how we answer" note (a file is
//! not cleared 90 days after the close, so the note stays in the database) and never a
//! person: not who took the item (often the one who logged the linked contact), and not
//! who logged that contact (only its id). `read` still accepts a `recorded_by` column in a
//! file written by hand; `server upload` copies the recorder store to store.

use std::io::{BufWriter, Write};
use std::path::Path;

use serde_json::{json, Map, Value};

use super::stats::cause_label;
use super::{Cause, FeedbackItem};
use crate::datetime::{format_german, format_rfc3339};
use crate::domain::{Code, Lang};
use crate::export::{guard_formula, write_via_temp, zone_cell, ExportError, Format};
use crate::store::Store;

/// The columns of a feedback file, in file order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeedbackColumn {
    Id,
    Number,
    Kind,
    ReceivedAt,
    /// The UTC offset of `ReceivedAt`, in German files, whose times are wall-clock times.
    ReceivedZone,
    Summary,
    Cause,
    Urgent,
    ReplyWanted,
    Contact,
    RecordedBy,
    ShareSummary,
    State,
    AnsweredAt,
    AnsweredZone,
    ClosedAt,
    ClosedZone,
    Outcome,
    /// The history lines as JSON (the same array the JSON file holds).
    History,
}

use FeedbackColumn as C;

impl FeedbackColumn {
    /// Every column; the German CSV writes them all.
    pub const ALL: [FeedbackColumn; 19] = [
        C::Id,
        C::Number,
        C::Kind,
        C::ReceivedAt,
        C::ReceivedZone,
        C::Summary,
        C::Cause,
        C::Urgent,
        C::ReplyWanted,
        C::Contact,
        C::RecordedBy,
        C::ShareSummary,
        C::State,
        C::AnsweredAt,
        C::AnsweredZone,
        C::ClosedAt,
        C::ClosedZone,
        C::Outcome,
        C::History,
    ];

    /// The columns of a CSV in `lang`: English times carry their offsets. No file names
    /// the one who took an item.
    pub fn of_csv(lang: Lang) -> Vec<FeedbackColumn> {
        C::ALL
            .into_iter()
            .filter(|c| *c != C::RecordedBy && (lang == Lang::De || !c.is_zone()))
            .collect()
    }

    fn is_zone(self) -> bool {
        matches!(self, C::ReceivedZone | C::AnsweredZone | C::ClosedZone)
    }

    /// The header in `lang`; the English header is also the JSON field name.
    pub fn header(self, lang: Lang) -> &'static str {
        let (en, de) = match self {
            C::Id => ("id", "ID"),
            C::Number => ("number", "Nummer"),
            C::Kind => ("kind", "Art"),
            C::ReceivedAt => ("received_at", "Eingegangen"),
            C::ReceivedZone => ("received_zone", "Zeitzone Eingang"),
            C::Summary => ("summary", "Zusammenfassung"),
            C::Cause => ("cause", "Ursache"),
            C::Urgent => ("urgent", "Dringend"),
            C::ReplyWanted => ("reply_wanted", "Antwort gewünscht"),
            C::Contact => ("contact", "Kontakt"),
            C::RecordedBy => ("recorded_by", "Erfasst von"),
            C::ShareSummary => ("share_summary", "Für das Team markiert"),
            C::State => ("state", "Stand"),
            C::AnsweredAt => ("answered_at", "Beantwortet"),
            C::AnsweredZone => ("answered_zone", "Zeitzone Antwort"),
            C::ClosedAt => ("closed_at", "Abgeschlossen"),
            C::ClosedZone => ("closed_zone", "Zeitzone Abschluss"),
            C::Outcome => ("outcome", "Ergebnis"),
            C::History => ("history", "Verlauf"),
        };
        match lang {
            Lang::En => en,
            Lang::De => de,
        }
    }

    /// Recognises a header in either language, ignoring case and surrounding spaces.
    pub fn from_header(s: &str) -> Option<FeedbackColumn> {
        let wanted = s.trim().to_lowercase();
        C::ALL
            .into_iter()
            .find(|c| c.header(Lang::En) == wanted || c.header(Lang::De).to_lowercase() == wanted)
    }

    /// The cell of `item` in this column: codes and RFC 3339 for English, labels and
    /// German local times for German.
    pub fn cell(self, item: &FeedbackItem, causes: &[Cause], lang: Lang) -> String {
        let german = lang == Lang::De;
        let time = |t: &Option<chrono::DateTime<chrono::FixedOffset>>| match t {
            Some(t) if german => format_german(t),
            Some(t) => format_rfc3339(t),
            None => String::new(),
        };
        let zone = |t: &Option<chrono::DateTime<chrono::FixedOffset>>| {
            t.as_ref().map(zone_cell).unwrap_or_default()
        };
        let yes_no = |b: bool| match (b, german) {
            (true, true) => "ja",
            (false, true) => "nein",
            (true, false) => "true",
            (false, false) => "false",
        };
        let label = |code: &'static str, de: &'static str| if german { de } else { code };
        match self {
            C::Id => item.id.to_string(),
            C::Number => item.number.to_string(),
            C::Kind => label(item.kind.code(), item.kind.label(Lang::De)).into(),
            C::ReceivedAt => time(&Some(item.received_at)),
            C::ReceivedZone => zone(&Some(item.received_at)),
            C::Summary => guard_formula(&item.summary, german),
            C::Cause => match &item.cause {
                Some(code) if german => {
                    guard_formula(&cause_label(causes, Some(code), Lang::De), true)
                }
                Some(code) => code.clone(),
                None => String::new(),
            },
            C::Urgent => yes_no(item.urgent).into(),
            C::ReplyWanted => yes_no(item.reply_wanted).into(),
            C::Contact => item.contact.map(|c| c.to_string()).unwrap_or_default(),
            C::RecordedBy => guard_formula(item.recorded_by.as_deref().unwrap_or_default(), german),
            C::ShareSummary => yes_no(item.share_summary).into(),
            C::State => label(item.state.code(), item.state.label(Lang::De)).into(),
            C::AnsweredAt => time(&item.answered_at),
            C::AnsweredZone => zone(&item.answered_at),
            C::ClosedAt => time(&item.closed_at),
            C::ClosedZone => zone(&item.closed_at),
            C::Outcome => guard_formula(item.outcome.as_deref().unwrap_or_default(), german),
            C::History => serde_json::to_string(&item.history).unwrap_or_default(),
        }
    }
}

/// An item as one JSON object of the file: the English headers as names, typed values.
fn json_object(item: &FeedbackItem) -> Value {
    let time = |t: &Option<chrono::DateTime<chrono::FixedOffset>>| t.as_ref().map(format_rfc3339);
    let mut map = Map::new();
    let mut put = |c: FeedbackColumn, v: Value| {
        map.insert(c.header(Lang::En).to_string(), v);
    };
    put(C::Id, json!(item.id));
    put(C::Number, json!(item.number));
    put(C::Kind, json!(item.kind));
    put(C::ReceivedAt, json!(format_rfc3339(&item.received_at)));
    put(C::Summary, json!(item.summary));
    put(C::Cause, json!(item.cause));
    put(C::Urgent, json!(item.urgent));
    put(C::ReplyWanted, json!(item.reply_wanted));
    put(C::Contact, json!(item.contact));
    put(C::ShareSummary, json!(item.share_summary));
    put(C::State, json!(item.state));
    put(C::AnsweredAt, json!(time(&item.answered_at)));
    put(C::ClosedAt, json!(time(&item.closed_at)));
    put(C::Outcome, json!(item.outcome));
    put(C::History, json!(item.history));
    Value::Object(map)
}

/// Writes every item to `out` (by number); returns how many. `lang` matters for CSV only:
/// JSON always carries codes and RFC 3339 times.
pub fn write_feedback(
    store: &Store,
    format: Format,
    lang: Lang,
    mut out: impl Write,
) -> Result<u64, ExportError> {
    let items = store.list_feedback()?;
    let causes = store.list_causes(true)?;
    match format {
        Format::Csv => {
            let mut builder = csv::WriterBuilder::new();
            if lang == Lang::De {
                // What German Excel expects: a BOM, `;` and CRLF (as the contacts' export).
                out.write_all("\u{feff}".as_bytes())?;
                builder.delimiter(b';').terminator(csv::Terminator::CRLF);
            } else {
                builder.terminator(csv::Terminator::Any(b'\n'));
            }
            let mut writer = builder.from_writer(out);
            let columns = FeedbackColumn::of_csv(lang);
            writer.write_record(columns.iter().map(|c| c.header(lang)))?;
            for item in &items {
                writer.write_record(columns.iter().map(|c| c.cell(item, &causes, lang)))?;
            }
            writer.flush()?;
        }
        Format::Json => {
            // One item per line, as the contacts' JSON: an error's line points at it.
            out.write_all(b"[")?;
            for (i, item) in items.iter().enumerate() {
                out.write_all(if i == 0 { b"\n  " } else { b",\n  " })?;
                serde_json::to_writer(&mut out, &json_object(item))?;
            }
            out.write_all(if items.is_empty() { b"]\n" } else { b"\n]\n" })?;
            out.flush()?;
        }
    }
    Ok(items.len() as u64)
}

/// [`write_feedback`] into `path` through a temporary file; an existing file is replaced
/// only with `overwrite`.
pub fn write_feedback_to_file(
    store: &Store,
    format: Format,
    lang: Lang,
    path: &Path,
    overwrite: bool,
) -> Result<u64, ExportError> {
    let display = path.display().to_string();
    if path.exists() && !overwrite {
        return Err(ExportError::Exists(display));
    }
    write_via_temp(
        path,
        overwrite,
        |source| ExportError::Write {
            path: display.clone(),
            source,
        },
        |file| write_feedback(store, format, lang, BufWriter::new(file)),
    )
}
