//! Reading contact files (CSV in English or German, any common delimiter, UTF-8 or
//! Windows-1252, and JSON) into the store: all rows or none, every bad row reported with
//! its line. The file streams through: memory stays flat however large it is.
//!
//! `decode` turns bytes into text, `csv` and `json` find the records, `row` turns a
//! record into a contact on a thread of its own, and `writer` stores it.

mod csv;
mod decode;
mod json;
mod problem;
mod row;
mod writer;

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::sync_channel;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

pub use problem::{ProblemCode, RowError};
// For the feedback files (`crate::feedback::read`), which read like the contact files.
pub(crate) use csv::detect_delimiter;
pub(crate) use problem::{cut_short, Problem};
pub(crate) use row::{parse_bool, parse_zone};

use crate::datetime;
use crate::export::Format;
use crate::store::{Store, StoreError};
use decode::{Decoder, FailureSlot};
use row::{Parsed, Parser, Stop};
use writer::Writer;

/// How many bad rows are kept with their details; the rest are only counted.
pub const MAX_REPORTED_ERRORS: usize = 1000;

/// How often progress is reported.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

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

/// How far an import has come.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportProgress {
    /// Records read so far (good and bad).
    pub rows: u64,
    /// Bytes of the file read so far.
    pub bytes: u64,
    /// The file's size, when known.
    pub total_bytes: Option<u64>,
}

/// What the caller may watch and stop while an import runs: a progress report about ten
/// times a second, and a flag that cancels it (nothing is written then).
#[derive(Default, Clone, Copy)]
pub struct ImportControl<'a> {
    pub progress: Option<&'a (dyn Fn(ImportProgress) + Sync)>,
    pub cancel: Option<&'a AtomicBool>,
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
    Binary { path: String, offset: u64 },
    #[error("{path}: {} bad {}; nothing was imported", .total, if *.total == 1 { "row" } else { "rows" })]
    Invalid {
        path: String,
        /// The first [`MAX_REPORTED_ERRORS`] problems, in file order.
        errors: Vec<RowError>,
        /// Bad rows (or header problems) in all.
        total: usize,
    },
    #[error("{path}: the import was cancelled; nothing was imported")]
    Cancelled { path: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Imports the file at `path`; the format follows the extension unless `format` says.
pub fn import_file(
    store: &mut Store,
    path: &Path,
    format: Option<Format>,
) -> Result<ImportSummary, ImportError> {
    import_file_with(store, path, format, ImportControl::default())
}

/// [`import_file`] with progress reports and a way to cancel.
pub fn import_file_with(
    store: &mut Store,
    path: &Path,
    format: Option<Format>,
    control: ImportControl<'_>,
) -> Result<ImportSummary, ImportError> {
    let display = path.display().to_string();
    let format =
        format
            .or_else(|| Format::from_path(path))
            .ok_or_else(|| ImportError::UnknownFormat {
                path: display.clone(),
            })?;
    let read_error = |source| ImportError::Read {
        path: display.clone(),
        source,
    };
    let file = File::open(path).map_err(read_error)?;
    let size = length(&file.metadata().map_err(read_error)?);
    import_reader(store, file, size, format, &display, control)
}

/// How many bytes the import of `path` will read, for a share of the whole in its
/// progress; `None` for a pipe, which has no length (its progress is rows read).
pub fn file_length(path: &Path) -> Option<u64> {
    std::fs::metadata(path).ok().as_ref().and_then(length)
}

fn length(metadata: &std::fs::Metadata) -> Option<u64> {
    metadata.is_file().then_some(metadata.len())
}

/// Imports file contents; `name` is used in messages.
pub fn import_bytes(
    store: &mut Store,
    bytes: &[u8],
    format: Format,
    name: &str,
) -> Result<ImportSummary, ImportError> {
    import_reader(
        store,
        bytes,
        Some(bytes.len() as u64),
        format,
        name,
        ImportControl::default(),
    )
}

/// Imports what `input` reads (`size` bytes, if known); `name` is used in messages.
pub fn import_reader(
    store: &mut Store,
    input: impl Read + Send,
    size: Option<u64>,
    format: Format,
    name: &str,
    control: ImportControl<'_>,
) -> Result<ImportSummary, ImportError> {
    import_stream(store, input, size, format, name, datetime::now(), control)
}

/// Counts the bytes read, for progress.
struct Counted<R> {
    inner: R,
    bytes: Arc<AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

fn import_stream(
    store: &mut Store,
    input: impl Read + Send,
    size: Option<u64>,
    format: Format,
    name: &str,
    now: DateTime<FixedOffset>,
    control: ImportControl<'_>,
) -> Result<ImportSummary, ImportError> {
    let bytes_read = Arc::new(AtomicU64::new(0));
    let counted = Counted {
        inner: input,
        bytes: bytes_read.clone(),
    };
    // One transaction: returning an error from it rolls every insert back.
    let (read, counts) = store.bulk(|sink| {
        let mut writer = Writer::new(sink);
        let mut cancelled = false;
        // Parsing runs beside the writer: with two cores the import takes about as long
        // as SQLite needs for the inserts alone.
        let stop = std::thread::scope(|scope| {
            let (send, receive) = sync_channel::<Vec<Parsed>>(4);
            // The batches go back to the parser's thread once written: their contacts are
            // freed where they were allocated (a free on another thread costs the writer,
            // the busier of the two, a lock each), and the vectors are used again.
            let (give_back, taken_back) = sync_channel::<Vec<Parsed>>(8);
            let parser = scope.spawn(move || {
                let failure = FailureSlot::default();
                let mut parser = Parser::new(now, send, failure.clone());
                parser.recycle = Some(taken_back);
                let text = BufReader::with_capacity(64 * 1024, Decoder::new(counted, failure));
                match format {
                    Format::Csv => csv::read_csv(text, &mut parser),
                    Format::Json => json::read_json(text, &mut parser),
                }
                parser.flush();
                parser.stop
            });
            let mut last_report = Instant::now();
            for mut batch in receive {
                writer.accept_batch(&mut batch);
                // A full return channel (or a parser gone) drops the batch here instead.
                let _ = give_back.try_send(batch);
                if control.cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
                    // Hanging up stops the parser at its next batch.
                    cancelled = true;
                    break;
                }
                if let Some(progress) = control.progress {
                    if last_report.elapsed() >= PROGRESS_EVERY {
                        last_report = Instant::now();
                        progress(ImportProgress {
                            rows: writer.summary.read + writer.total_errors as u64,
                            bytes: bytes_read.load(Ordering::Relaxed),
                            total_bytes: size,
                        });
                    }
                }
            }
            match parser.join() {
                Ok(stop) => stop,
                Err(panic) => std::panic::resume_unwind(panic),
            }
        });
        // A cancel that came after the last batch still counts: the commit has not
        // happened yet (with a big file, the last batches and the commit take a moment
        // after the bar shows the whole file read).
        let cancel_requested = || control.cancel.is_some_and(|c| c.load(Ordering::Relaxed));
        cancelled |= cancel_requested();
        // Returning an error drops the transaction: every insert is rolled back.
        if cancelled {
            return Err(ImportError::Cancelled {
                path: name.to_string(),
            });
        }
        match stop {
            Some(Stop::Binary { offset }) => {
                return Err(ImportError::Binary {
                    path: name.to_string(),
                    offset,
                })
            }
            Some(Stop::Read(source)) => {
                return Err(ImportError::Read {
                    path: name.to_string(),
                    source,
                })
            }
            None => {}
        }
        if writer.total_errors > 0 {
            return Err(ImportError::Invalid {
                path: name.to_string(),
                errors: std::mem::take(&mut writer.errors),
                total: writer.total_errors,
            });
        }
        if writer.summary.read == 0 {
            return Err(ImportError::Empty {
                path: name.to_string(),
            });
        }
        let read = writer.summary.read;
        if let Some(progress) = control.progress {
            progress(ImportProgress {
                rows: read,
                bytes: bytes_read.load(Ordering::Relaxed),
                total_bytes: size,
            });
        }
        // The last moment to stop: after this the transaction commits.
        if cancel_requested() {
            return Err(ImportError::Cancelled {
                path: name.to_string(),
            });
        }
        Ok(read)
    })?;
    Ok(ImportSummary {
        read,
        added: counts.added,
        already_present: counts.already_present,
        members_added: counts.members_added,
    })
}

#[cfg(test)]
mod tests {
    use super::row::parse_zone;

    #[test]
    fn time_zone_cells() {
        let secs = |s: &str| parse_zone(s).map(|z| z.local_minus_utc());
        assert_eq!(secs("UTC+01:00"), Ok(3600));
        assert_eq!(secs("UTC−05:30"), Ok(-19_800));
        assert_eq!(secs("+0530"), Ok(19_800));
        assert_eq!(secs("UTC"), Ok(0));
        assert_eq!(secs(" Z "), Ok(0));
        assert_eq!(secs("GMT+2"), Ok(7200));
        assert!(parse_zone("UTC+23:59").is_err());
        assert!(parse_zone("Europe/Berlin").is_err());
        assert!(parse_zone("+01:60").is_err());
    }
}
