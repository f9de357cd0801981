//! Writing contacts out as CSV (English, or German for Excel) and JSON, and the column
//! names both directions share.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::datetime::{format_german, format_rfc3339};
use crate::domain::{format_tag_list, Code, Contact, Lang};
use crate::store::{ContactFilter, Store, StoreError};

/// The columns of a contact file, in file order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Id,
    OccurredAt,
    /// The UTC offset of `OccurredAt`, in German files, whose times are wall-clock times.
    OccurredZone,
    LoggedAt,
    /// The UTC offset of `LoggedAt`, in German files.
    LoggedZone,
    Member,
    Rating,
    Channel,
    Phase,
    Purpose,
    Motives,
    Perspectives,
    /// What got in our way (08/15 contacts only).
    Obstacles,
    Note,
    ShareInReview,
    Nps,
    /// Where it was logged (a team on several sites), after the columns files had before.
    Place,
}

impl Column {
    /// Every column a file may have; the German CSV writes them all.
    pub const ALL: [Column; 17] = [
        Column::Id,
        Column::OccurredAt,
        Column::OccurredZone,
        Column::LoggedAt,
        Column::LoggedZone,
        Column::Member,
        Column::Rating,
        Column::Channel,
        Column::Phase,
        Column::Purpose,
        Column::Motives,
        Column::Perspectives,
        Column::Obstacles,
        Column::Note,
        Column::ShareInReview,
        Column::Nps,
        Column::Place,
    ];

    /// The columns of the English CSV, whose RFC 3339 times carry their offsets.
    pub const ENGLISH: [Column; 15] = [
        Column::Id,
        Column::OccurredAt,
        Column::LoggedAt,
        Column::Member,
        Column::Rating,
        Column::Channel,
        Column::Phase,
        Column::Purpose,
        Column::Motives,
        Column::Perspectives,
        Column::Obstacles,
        Column::Note,
        Column::ShareInReview,
        Column::Nps,
        Column::Place,
    ];

    /// What a contact's content is, for the id of a row that comes without one. Fixed
    /// forever: another list would give a file imported again other ids (so the
    /// place and the obstacles, added later, are not in it).
    pub const CONTENT: [Column; 12] = [
        Column::OccurredAt,
        Column::LoggedAt,
        Column::Member,
        Column::Rating,
        Column::Channel,
        Column::Phase,
        Column::Purpose,
        Column::Motives,
        Column::Perspectives,
        Column::Note,
        Column::ShareInReview,
        Column::Nps,
    ];

    /// The columns a CSV in `lang` holds, in file order.
    pub fn of_csv(lang: Lang) -> &'static [Column] {
        match lang {
            Lang::De => &Column::ALL,
            Lang::En => &Column::ENGLISH,
        }
    }

    /// The header in `lang`; the English header is also the JSON field name.
    pub fn header(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Column::Id, Lang::En) => "id",
            (Column::Id, Lang::De) => "ID",
            (Column::OccurredAt, Lang::En) => "occurred_at",
            (Column::OccurredAt, Lang::De) => "Zeitpunkt",
            (Column::OccurredZone, Lang::En) => "occurred_zone",
            (Column::OccurredZone, Lang::De) => "Zeitzone",
            (Column::LoggedZone, Lang::En) => "logged_zone",
            (Column::LoggedZone, Lang::De) => "Zeitzone Erfassung",
            (Column::LoggedAt, Lang::En) => "logged_at",
            (Column::LoggedAt, Lang::De) => "Erfasst am",
            (Column::Member, Lang::En) => "member",
            (Column::Member, Lang::De) => "Person",
            (Column::Place, Lang::En) => "place",
            (Column::Place, Lang::De) => "Standort",
            (Column::Rating, Lang::En) => "rating",
            (Column::Rating, Lang::De) => "Bewertung",
            (Column::Channel, Lang::En) => "channel",
            (Column::Channel, Lang::De) => "Kanal",
            (Column::Phase, Lang::En) => "phase",
            (Column::Phase, Lang::De) => "Phase",
            (Column::Purpose, Lang::En) => "purpose",
            (Column::Purpose, Lang::De) => "Zweck",
            (Column::Motives, Lang::En) => "motives",
            (Column::Motives, Lang::De) => "Motive",
            (Column::Perspectives, Lang::En) => "perspectives",
            (Column::Perspectives, Lang::De) => "Perspektiven",
            (Column::Obstacles, Lang::En) => "obstacles",
            (Column::Obstacles, Lang::De) => "Hindernisse",
            (Column::Note, Lang::En) => "note",
            (Column::Note, Lang::De) => "Geschichte",
            (Column::ShareInReview, Lang::En) => "share_in_review",
            (Column::ShareInReview, Lang::De) => "Im Team-Review teilen",
            (Column::Nps, Lang::En) => "nps",
            (Column::Nps, Lang::De) => "NPS",
        }
    }

    /// Recognises a header in either language, ignoring case and surrounding spaces.
    pub fn from_header(s: &str) -> Option<Column> {
        let wanted = s.trim().to_lowercase();
        Column::ALL
            .into_iter()
            .find(|c| c.header(Lang::En) == wanted || c.header(Lang::De).to_lowercase() == wanted)
    }

    /// The cell of `contact` in this column: codes and RFC 3339 for English, labels and
    /// German local times for German.
    pub fn cell(self, contact: &Contact, lang: Lang) -> String {
        let german = lang == Lang::De;
        let label = |code: &'static str, de: &'static str| if german { de } else { code };
        match self {
            Column::Id => contact.id.to_string(),
            Column::OccurredAt | Column::LoggedAt => {
                let t = if self == Column::OccurredAt {
                    &contact.occurred_at
                } else {
                    &contact.logged_at
                };
                if german {
                    format_german(t)
                } else {
                    format_rfc3339(t)
                }
            }
            Column::OccurredZone => zone_cell(&contact.occurred_at),
            Column::LoggedZone => zone_cell(&contact.logged_at),
            Column::Member => guard_formula(contact.member.as_deref().unwrap_or_default(), german),
            Column::Place => guard_formula(contact.place.as_deref().unwrap_or_default(), german),
            Column::Rating => label(contact.rating.code(), contact.rating.label(Lang::De)).into(),
            Column::Channel => opt_label(contact.channel, german),
            Column::Phase => opt_label(contact.phase, german),
            Column::Purpose => opt_label(contact.purpose, german),
            Column::Motives => format_tag_list(&contact.motives, german.then_some(Lang::De)),
            Column::Perspectives => {
                format_tag_list(&contact.perspectives, german.then_some(Lang::De))
            }
            Column::Obstacles => format_tag_list(&contact.obstacles, german.then_some(Lang::De)),
            Column::Note => guard_formula(contact.note.as_deref().unwrap_or_default(), german),
            Column::ShareInReview => match (contact.share_in_review, german) {
                (true, true) => "ja",
                (false, true) => "nein",
                (true, false) => "true",
                (false, false) => "false",
            }
            .into(),
            Column::Nps => contact.nps.map(|n| n.to_string()).unwrap_or_default(),
        }
    }
}

/// `UTC+01:00`: text a spreadsheet keeps as it is (a bare `+01:00` it reads as a time).
pub(crate) fn zone_cell(t: &chrono::DateTime<chrono::FixedOffset>) -> String {
    let minutes = t.offset().local_minus_utc() / 60;
    let sign = if minutes < 0 { '-' } else { '+' };
    format!(
        "UTC{sign}{:02}:{:02}",
        minutes.abs() / 60,
        minutes.abs() % 60
    )
}

/// Characters that make a spreadsheet read a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// For the spreadsheet export, free text that would start a formula (`=1+1`, `-5 Minuten`)
/// gets a leading `'`, so Excel and Calc show it as text instead of computing it. Text
/// that already starts with `'` gets one too, so [`unguard_formula`] can always take
/// exactly one off again.
pub(crate) fn guard_formula(text: &str, spreadsheet: bool) -> String {
    if spreadsheet && (text.starts_with(FORMULA_STARTS) || text.starts_with('\'')) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// Undoes [`guard_formula`] for text read from a German (spreadsheet) file.
pub fn unguard_formula(text: &str) -> &str {
    text.strip_prefix('\'').unwrap_or(text)
}

/// Whether a header is the German spelling of a column (and not also the English one).
pub fn is_german_header(s: &str) -> bool {
    let wanted = s.trim().to_lowercase();
    Column::ALL
        .into_iter()
        .any(|c| c.header(Lang::De).to_lowercase() == wanted && c.header(Lang::En) != wanted)
}

fn opt_label<T: Code>(value: Option<T>, german: bool) -> String {
    value
        .map(|v| if german { v.label(Lang::De) } else { v.code() })
        .unwrap_or_default()
        .to_string()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Csv,
    Json,
}

impl Format {
    /// The format a file name's extension implies.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" | "tsv" | "txt" => Some(Format::Csv),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{0} already exists; choose another file name or pass --force to replace it")]
    Exists(String),
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot write the export: {0}")]
    Io(#[from] std::io::Error),
    #[error("cannot write the export: {0}")]
    Csv(#[from] csv::Error),
    #[error("cannot write the export: {0}")]
    Json(#[from] serde_json::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// How often an export reports how far it has come.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// Calls a progress report with the contacts written so far, at most every
/// [`PROGRESS_EVERY`] (the clock is read once every 256 contacts).
struct Progress<'a> {
    report: Option<&'a (dyn Fn(u64) + Sync)>,
    last: Instant,
}

impl<'a> Progress<'a> {
    fn new(report: Option<&'a (dyn Fn(u64) + Sync)>) -> Self {
        Progress {
            report,
            last: Instant::now(),
        }
    }

    fn written(&mut self, count: u64) {
        if let Some(report) = self.report {
            if count % 256 == 0 && self.last.elapsed() >= PROGRESS_EVERY {
                self.last = Instant::now();
                report(count);
            }
        }
    }

    fn done(&self, count: u64) {
        if let Some(report) = self.report {
            report(count);
        }
    }
}

/// Writes the contacts matching `filter` to `out`; returns how many were written.
/// `lang` matters for CSV only: JSON always carries codes and RFC 3339 times.
pub fn write_contacts(
    store: &Store,
    filter: &ContactFilter,
    format: Format,
    lang: Lang,
    out: impl Write,
) -> Result<u64, ExportError> {
    write_contacts_with(store, filter, format, lang, out, None)
}

/// [`write_contacts`] that tells `progress` how many contacts it has written so far,
/// about ten times a second and once at the end.
pub fn write_contacts_with(
    store: &Store,
    filter: &ContactFilter,
    format: Format,
    lang: Lang,
    out: impl Write,
    progress: Option<&(dyn Fn(u64) + Sync)>,
) -> Result<u64, ExportError> {
    let mut progress = Progress::new(progress);
    let count = match format {
        Format::Csv => write_csv(store, filter, lang, out, &mut progress),
        Format::Json => write_json(store, filter, out, &mut progress),
    }?;
    progress.done(count);
    Ok(count)
}

fn write_csv(
    store: &Store,
    filter: &ContactFilter,
    lang: Lang,
    mut out: impl Write,
    progress: &mut Progress<'_>,
) -> Result<u64, ExportError> {
    let mut builder = csv::WriterBuilder::new();
    if lang == Lang::De {
        // What German Excel expects: a BOM so it reads UTF-8, `;` because `,` is the
        // decimal separator, and CRLF.
        out.write_all("\u{feff}".as_bytes())?;
        builder.delimiter(b';').terminator(csv::Terminator::CRLF);
    } else {
        builder.terminator(csv::Terminator::Any(b'\n'));
    }
    let mut writer = builder.from_writer(out);
    let columns = Column::of_csv(lang);
    writer.write_record(columns.iter().map(|c| c.header(lang)))?;
    let mut count = 0;
    store.for_each_contact(filter, |contact| {
        writer.write_record(columns.iter().map(|c| c.cell(&contact, lang)))?;
        count += 1;
        progress.written(count);
        Ok::<_, ExportError>(())
    })?;
    writer.flush()?;
    Ok(count)
}

fn write_json(
    store: &Store,
    filter: &ContactFilter,
    mut out: impl Write,
    progress: &mut Progress<'_>,
) -> Result<u64, ExportError> {
    // One contact per line: diffable, and an import error's line number points at it.
    out.write_all(b"[")?;
    let mut count = 0u64;
    store.for_each_contact(filter, |contact| {
        out.write_all(if count == 0 { b"\n  " } else { b",\n  " })?;
        serde_json::to_writer(&mut out, &contact)?;
        count += 1;
        progress.written(count);
        Ok::<_, ExportError>(())
    })?;
    out.write_all(if count == 0 { b"]\n" } else { b"\n]\n" })?;
    out.flush()?;
    Ok(count)
}

/// Writes an export to `path` atomically: a temporary file beside it is renamed into place
/// only when complete. An existing file is replaced only with `overwrite`.
pub fn write_contacts_to_file(
    store: &Store,
    filter: &ContactFilter,
    format: Format,
    lang: Lang,
    path: &Path,
    overwrite: bool,
) -> Result<u64, ExportError> {
    write_contacts_to_file_with(store, filter, format, lang, path, overwrite, None)
}

/// [`write_contacts_to_file`] with progress reports (see [`write_contacts_with`]).
pub fn write_contacts_to_file_with(
    store: &Store,
    filter: &ContactFilter,
    format: Format,
    lang: Lang,
    path: &Path,
    overwrite: bool,
    progress: Option<&(dyn Fn(u64) + Sync)>,
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
        |file| write_contacts_with(store, filter, format, lang, BufWriter::new(file), progress),
    )
}

/// Writes `value` as pretty JSON to `path` (a subject-access export), through a temporary
/// file; an existing file is replaced only with `overwrite`.
pub fn write_json_file<T: Serialize>(
    value: &T,
    path: &Path,
    overwrite: bool,
) -> Result<(), ExportError> {
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
        |file| {
            let mut out = BufWriter::new(file);
            serde_json::to_writer_pretty(&mut out, value)?;
            out.write_all(b"\n")?;
            out.flush()?;
            Ok(())
        },
    )
}

/// Writes a user's file through a temporary file beside it, synced and renamed into place
/// only when complete, so an interrupted write leaves nothing half-written. An existing
/// file is replaced only with `replace` (and without it, one that appeared meanwhile is
/// not raced over). Shared by the export, the report and the app's preferences.
pub fn write_via_temp<T, E>(
    path: &Path,
    replace: bool,
    io_error: impl Fn(std::io::Error) -> E,
    write: impl FnOnce(&File) -> Result<T, E>,
) -> Result<T, E> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let temp = tempfile::NamedTempFile::new_in(dir).map_err(&io_error)?;
    let written = write(temp.as_file())?;
    temp.as_file().sync_all().map_err(&io_error)?;
    if replace {
        temp.persist(path).map_err(|e| io_error(e.error))?;
    } else {
        temp.persist_noclobber(path)
            .map_err(|e| io_error(e.error))?;
    }
    Ok(written)
}
