//! Copying with SQLite's online backup API and checking a copy's integrity.

use std::path::Path;
use std::time::{Duration, Instant};

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::{BackupError, BackupInfo, Result, BUSY_TIMEOUT};
use crate::store::{APPLICATION_ID, SCHEMA_VERSION};

pub(super) fn open_read_only(db: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    Ok(conn)
}

/// Opens backup `info` read-only and checks that it can be restored: a Murmelglas
/// database, not newer than this version, intact. The open connection is the source
/// of the restore, so what was checked is what is copied.
pub(super) fn checked_backup(info: &BackupInfo) -> Result<Connection> {
    let damaged = |detail: String| BackupError::Damaged {
        id: info.id.clone(),
        detail,
    };
    let source = open_read_only(&info.path).map_err(|e| damaged(e.to_string()))?;
    let header = source
        .query_row(
            "SELECT (SELECT application_id FROM pragma_application_id), \
                    (SELECT user_version FROM pragma_user_version)",
            [],
            |r| Ok((r.get::<_, i32>(0)?, r.get::<_, i64>(1)?)),
        )
        .map_err(|e| damaged(e.to_string()))?;
    match header {
        (app_id, _) if app_id != APPLICATION_ID => {
            return Err(BackupError::Foreign {
                id: info.id.clone(),
            })
        }
        (_, version) if version > SCHEMA_VERSION => {
            return Err(BackupError::TooNew {
                id: info.id.clone(),
                found: version,
                known: SCHEMA_VERSION,
            })
        }
        _ => {}
    }
    match integrity_problems(&source) {
        Ok(None) => Ok(source),
        Ok(Some(detail)) => Err(damaged(detail)),
        Err(e) => Err(damaged(e.to_string())),
    }
}

/// Copies every page of `source` into `target` in one step, so the copy is one consistent
/// snapshot and the target changes in one transaction. Retries while another connection
/// holds a lock, up to [`BUSY_TIMEOUT`].
pub(super) fn copy_all(source: &Connection, target: &mut Connection) -> Result<()> {
    let deadline = Instant::now() + BUSY_TIMEOUT;
    let backup = Backup::new(source, target)?;
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            // Only if a write to the source restarted the copy; the next step finishes it.
            StepResult::More => {}
            _ if Instant::now() >= deadline => {
                return Err(rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                    Some("the database stayed locked by another writer".into()),
                )
                .into());
            }
            _ => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}

/// `None` when `PRAGMA integrity_check` says ok, else its first findings on one line
/// (an error message is one line).
pub(super) fn integrity_problems(conn: &Connection) -> rusqlite::Result<Option<String>> {
    check_pages(conn, "integrity_check")
}

/// `check` is `integrity_check` or `quick_check`.
pub(super) fn check_pages(conn: &Connection, check: &str) -> rusqlite::Result<Option<String>> {
    let mut stmt = conn.prepare(&format!("PRAGMA {check}(3)"))?;
    let findings = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if findings == ["ok"] {
        return Ok(None);
    }
    let lines: Vec<&str> = findings
        .iter()
        .flat_map(|f| f.lines())
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("***"))
        .take(3)
        .collect();
    Ok(Some(lines.join("; ")))
}

pub(super) fn count_contacts(conn: &Connection) -> Result<u64> {
    let n: i64 = conn.query_row("SELECT count(*) FROM contact", [], |r| r.get(0))?;
    Ok(n.max(0) as u64)
}
