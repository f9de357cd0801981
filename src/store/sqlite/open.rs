//! Opening a database file: reading its header before anything is written, refusing a
//! stranger's or a newer version's file, WAL mode, the migrations, and SQLite's errors
//! in words.

use std::path::Path;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use rusqlite_migration::{Migrations, M};

use super::{history, SqliteStore};
use crate::store::{Result, StoreError};

/// Marks the file as ours in the SQLite header (`MRMG`), so we never migrate a stranger's file.
pub const APPLICATION_ID: i32 = 0x4D52_4D47;

/// The migrations in `migrations/sqlite/`, in file-name order (see `build.rs`); the
/// position is the schema version.
const MIGRATION_SQL: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/sqlite_migrations.rs"));

fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATION_SQL.iter().map(|(_, sql)| M::up(sql)).collect())
}

/// The newest schema version this build knows.
pub const SCHEMA_VERSION: i64 = MIGRATION_SQL.len() as i64;

/// How long a writer waits for another one (the app, the CLI and a second account may
/// share the file). Long enough for an import of a million contacts beside it: a
/// contact logged meanwhile waits instead of failing with "database is locked".
pub const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

/// How often opening retries a migration that another process ran at the same moment.
const MIGRATION_ATTEMPTS: u32 = 5;

impl SqliteStore {
    /// Opens (creating if needed) and migrates the database at `path`. A file written by a
    /// newer version, or one that is not ours, is refused without being changed.
    pub fn open(path: &Path) -> Result<SqliteStore> {
        let display = path.display().to_string();
        if path.as_os_str().is_empty() {
            // SQLite would open a private temporary database for "" and lose everything.
            return Err(StoreError::Open {
                path: "''".into(),
                reason: "the path is empty; give the database file's name".into(),
            });
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir {
                path: dir.display().to_string(),
                source,
            })?;
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| open_error(&display, e))?;
        // SQLite quietly opens a file it may not write for reading only; say so now
        // rather than fail at the first write with "attempt to write a readonly database".
        if conn.is_readonly(rusqlite::MAIN_DB)? {
            return Err(StoreError::ReadOnly { path: display });
        }
        let mut store = SqliteStore {
            conn,
            path: Some(path.to_path_buf()),
            read_only: false,
        };
        store.prepare(&display)?;
        Ok(store)
    }

    /// Opens an existing database for reading only: nothing is written to the file, so a
    /// read-only file, a read-only folder or a file another account owns can still be
    /// read. A file that needs a migration first is refused (it would need writing).
    pub fn open_read_only(path: &Path) -> Result<SqliteStore> {
        let display = path.display().to_string();
        if path.as_os_str().is_empty() {
            return Err(StoreError::Open {
                path: "''".into(),
                reason: "the path is empty; give the database file's name".into(),
            });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| open_error(&display, e))?;
        let mut store = SqliteStore {
            conn,
            path: Some(path.to_path_buf()),
            read_only: true,
        };
        match store.prepare(&display) {
            // In WAL mode a reader needs the `-shm` file; in a folder it may not write
            // and without one left behind, only an immutable open can read the file —
            // safe, since nobody can be writing where no `-wal` can be created.
            Err(StoreError::Sqlite(e)) if is_cannot_open(&e) => {
                let uri = format!("file:{}?immutable=1", uri_path(path));
                let conn = Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI)
                    .map_err(|e| open_error(&display, e))?;
                store.conn = conn;
                store.prepare(&display)?;
            }
            other => other?,
        }
        Ok(store)
    }

    /// A private in-memory database, migrated; for tests and benchmarks.
    pub fn open_in_memory() -> Result<SqliteStore> {
        let mut store = SqliteStore {
            conn: Connection::open_in_memory()?,
            path: None,
            read_only: false,
        };
        store.prepare(":memory:")?;
        Ok(store)
    }

    fn prepare(&mut self, display: &str) -> Result<()> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        // Every write takes the write lock when it begins. A deferred transaction starts
        // as a reader (the story index's triggers read first) and SQLite cannot wait for
        // the upgrade when another writer committed meanwhile: it fails at once with
        // "database is locked" although the busy timeout would have allowed waiting.
        self.conn
            .set_transaction_behavior(TransactionBehavior::Immediate);
        // Read the header before writing anything: a refused file must stay untouched.
        let header = self.conn.query_row(
            "SELECT (SELECT user_version FROM pragma_user_version), \
                    (SELECT application_id FROM pragma_application_id), \
                    (SELECT count(*) FROM sqlite_schema)",
            [],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i32>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            },
        );
        let (version, app_id, objects) = match header {
            Ok(h) => h,
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::NotADatabase =>
            {
                return Err(StoreError::NotADatabase {
                    path: display.to_string(),
                })
            }
            Err(e) => return Err(e.into()),
        };
        if app_id != 0 && app_id != APPLICATION_ID || app_id == 0 && objects > 0 {
            return Err(StoreError::Foreign {
                path: display.to_string(),
            });
        }
        if version > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                path: display.to_string(),
                found: version,
                known: SCHEMA_VERSION,
            });
        }
        history::register_functions(&self.conn)?;
        if self.read_only {
            if version < SCHEMA_VERSION {
                return Err(StoreError::ReadOnlyTooOld {
                    path: display.to_string(),
                    found: version,
                    known: SCHEMA_VERSION,
                });
            }
            self.conn.execute_batch(
                "PRAGMA query_only = ON; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -16384;",
            )?;
            return Ok(());
        }
        // A file an older version wrote is backed up before anything in it changes.
        if let Some(path) = &self.path {
            crate::backup::before_migration(path, version, SCHEMA_VERSION)?;
        }
        // Switching a file to WAL needs it to itself for a moment, and SQLite does not wait
        // for that with the busy timeout: another process creating the same new file at
        // the same time would fail this one with "database is locked".
        until_not_busy(|| self.conn.execute_batch("PRAGMA journal_mode = WAL"))?;
        self.conn.execute_batch(
            "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; \
             PRAGMA temp_store = MEMORY; PRAGMA cache_size = -16384;",
        )?;
        self.migrate(display)?;
        if app_id == 0 {
            until_not_busy(|| {
                self.conn
                    .execute_batch(&format!("PRAGMA application_id = {APPLICATION_ID};"))
            })?;
        }
        Ok(())
    }

    /// Brings the schema to [`SCHEMA_VERSION`]. Several processes may open a new or old
    /// file at the same moment: each migration runs in a write transaction, and one that
    /// finds its work already done by another (its "table already exists") looks at the
    /// version again instead of failing.
    fn migrate(&mut self, display: &str) -> Result<()> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            match migrations().to_latest(&mut self.conn) {
                Ok(()) => return Ok(()),
                Err(e) => {
                    let now: i64 = self
                        .conn
                        .query_row("PRAGMA user_version", [], |r| r.get(0))?;
                    if now >= SCHEMA_VERSION {
                        return Ok(());
                    }
                    if attempt >= MIGRATION_ATTEMPTS {
                        return Err(StoreError::Migration {
                            path: display.to_string(),
                            to: SCHEMA_VERSION,
                            reason: migration_reason(&e),
                        });
                    }
                    std::thread::sleep(std::time::Duration::from_millis(20 * u64::from(attempt)));
                }
            }
        }
    }

    /// Whether this store was opened with [`Store::open_read_only`].
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Runs `f` in one write transaction, begun with the write lock held (see
    /// [`Store::prepare`]) and committed only if `f` succeeds.
    pub(super) fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction()?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Where the file lives; `None` for an in-memory store.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The connection, for what only a file can do (its backups) and for tests.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

/// SQLite's error in words a person can act on: a full disk and a damaged file say what
/// happened to the data and what to do.
pub(in crate::store) fn describe_sqlite(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::SqliteFailure(f, _) => match f.code {
            rusqlite::ErrorCode::DiskFull => {
                "the disk is full, so nothing was written; free some space and try again".into()
            }
            rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase => format!(
                "the database file is damaged ({e}); nothing was written. Restore a backup: `murmelglas backup list`, then `murmelglas backup restore ID`"
            ),
            rusqlite::ErrorCode::ReadOnly => {
                "the database file (or its folder) is read-only; nothing was written".into()
            }
            rusqlite::ErrorCode::SystemIoFailure => {
                format!("the disk could not be read or written ({e}; is it full?); nothing was written")
            }
            _ => format!("database error: {e}"),
        },
        other => format!("database error: {other}"),
    }
}

/// Runs `f` again while SQLite answers "busy" or "locked" where its own busy handler does
/// not wait (changing the journal mode), up to [`BUSY_TIMEOUT`].
pub(super) fn until_not_busy<T>(mut f: impl FnMut() -> rusqlite::Result<T>) -> rusqlite::Result<T> {
    let started = std::time::Instant::now();
    let mut pause = 1;
    loop {
        match f() {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if matches!(
                    e.code,
                    rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                ) && started.elapsed() < BUSY_TIMEOUT =>
            {
                std::thread::sleep(std::time::Duration::from_millis(pause));
                pause = (pause * 2).min(50);
            }
            other => return other,
        }
    }
}

/// SQLite's reason for a failed open, in words: a missing file, a folder, no permission.
fn open_error(display: &str, e: rusqlite::Error) -> StoreError {
    let path = Path::new(display);
    let reason = if !path.exists() {
        "no such file".to_string()
    } else if path.is_dir() {
        "this is a folder, not a database file".to_string()
    } else {
        match &e {
            rusqlite::Error::SqliteFailure(f, _)
                if f.code == rusqlite::ErrorCode::CannotOpen
                    || f.code == rusqlite::ErrorCode::PermissionDenied =>
            {
                "no permission to read or write it (or its folder)".to_string()
            }
            other => other.to_string(),
        }
    };
    StoreError::Open {
        path: display.to_string(),
        reason,
    }
}

fn is_cannot_open(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::CannotOpen)
}

/// A file path as the path part of an SQLite URI: `%`, `?` and `#` escaped.
fn uri_path(path: &Path) -> String {
    let text = path.display().to_string();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out
}

/// A migration's failure without the migration's SQL, which rusqlite_migration quotes in
/// full (a page of CREATE statements is no help to the person reading the message).
fn migration_reason(e: &rusqlite_migration::Error) -> String {
    match e {
        rusqlite_migration::Error::RusqliteError { err, .. } => err.to_string(),
        other => other
            .to_string()
            .lines()
            .next()
            .unwrap_or_default()
            .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The build script lists every file of `migrations/sqlite/`, in order: none can be
    /// left out, and the schema version is their count.
    #[test]
    fn every_migration_file_is_compiled_in_in_order() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations/sqlite");
        let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
            .expect("migrations folder")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "sql"))
            .map(|p| {
                let name = p.file_name().expect("name").to_string_lossy().into_owned();
                (name, std::fs::read_to_string(&p).expect("read"))
            })
            .collect();
        files.sort();
        let compiled: Vec<(String, String)> = MIGRATION_SQL
            .iter()
            .map(|(n, s)| (n.to_string(), s.to_string()))
            .collect();
        assert_eq!(compiled, files);
        assert_eq!(SCHEMA_VERSION, files.len() as i64);
    }
}
