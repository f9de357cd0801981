//! Backups of the database file: where they live, making them with SQLite's online backup
//! API, listing, rotating, and restoring one into the live database.
//!
//! A backup is a plain SQLite file (rollback journal, not WAL) named
//! `murmelglas-<id>.sqlite3`, readable with `sqlite3`, private to its owner (0600 on Unix).
//! It becomes visible under that name only after `PRAGMA integrity_check` passed on it.
//! The rules are described for people in `docs/backups.md`.
//!
//! `copy` makes and checks the copies, `rotation` decides which are kept, and `error`
//! says what went wrong.

mod copy;
mod error;
mod rotation;

use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, FixedOffset, NaiveDateTime, Timelike};
use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};

use crate::datetime;
use crate::store::{Store, SCHEMA_VERSION};
use copy::{checked_backup, copy_all, count_contacts, integrity_problems, open_read_only};
pub use error::BackupError;
use rotation::{kept, parse_id, typed_id};

/// The backup folder's name beside the database file, unless the team chose another.
pub const DEFAULT_FOLDER_NAME: &str = "murmelglas-backups";

/// How many daily backups rotation keeps: the newest of each of this many days.
pub const KEEP_DAILY: usize = 7;
/// How many older ISO weeks keep their newest daily backup, beyond [`KEEP_DAILY`].
pub const KEEP_WEEKLY: usize = 4;
/// How many manual, before-migration and before-restore backups are kept, each.
pub const KEEP_PER_OTHER_REASON: usize = 5;

const FILE_PREFIX: &str = "murmelglas-";
const FILE_SUFFIX: &str = ".sqlite3";
/// Copies in progress carry this prefix, so a crash leaves nothing that looks like a backup.
const TEMP_PREFIX: &str = ".murmelglas-backup-";
/// How long a copy waits for another connection's write to finish.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

pub type Result<T, E = BackupError> = std::result::Result<T, E>;

/// Why a backup was made; rotation keeps each kind by its own rule.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename_all = "kebab-case"))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BackupReason {
    /// The day's first use.
    Daily,
    /// Just before a newer Murmelglas changed the schema.
    BeforeMigration,
    /// The state a restore replaced.
    BeforeRestore,
    /// Asked for (`murmelglas backup create`).
    Manual,
    /// Just before the members were taken off every contact (anonymous-only mode), which
    /// cannot be undone otherwise.
    BeforeAnonymizing,
}

impl BackupReason {
    pub const ALL: &'static [BackupReason] = &[
        BackupReason::Daily,
        BackupReason::BeforeMigration,
        BackupReason::BeforeRestore,
        BackupReason::Manual,
        BackupReason::BeforeAnonymizing,
    ];

    /// The code in ids and file names.
    pub fn code(self) -> &'static str {
        match self {
            BackupReason::Daily => "daily",
            BackupReason::BeforeMigration => "before-migration",
            BackupReason::BeforeRestore => "before-restore",
            BackupReason::Manual => "manual",
            BackupReason::BeforeAnonymizing => "before-anonymizing",
        }
    }
}

impl std::fmt::Display for BackupReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// One backup file in the backup folder.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupInfo {
    /// What `murmelglas backup restore` takes, e.g. `20261201-193005-daily`.
    pub id: String,
    /// Local wall-clock time the backup was made, to the second.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub created: NaiveDateTime,
    pub reason: BackupReason,
    pub size_bytes: u64,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub path: PathBuf,
}

/// What a restore did.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Restored {
    /// The backup now in the database.
    pub restored: BackupInfo,
    /// The state the restore replaced, backed up first.
    pub safety: BackupInfo,
    pub contacts_before: u64,
    pub contacts_after: u64,
}

/// The folder that holds a database's backups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFolder {
    dir: PathBuf,
}

impl BackupFolder {
    /// An explicitly chosen folder.
    pub fn new(dir: impl Into<PathBuf>) -> BackupFolder {
        BackupFolder { dir: dir.into() }
    }

    /// The default: `murmelglas-backups` in the database file's folder.
    pub fn beside(db: &Path) -> BackupFolder {
        BackupFolder::new(database_dir(db).join(DEFAULT_FOLDER_NAME))
    }

    /// The team's folder if one is set, else the default. A relative team folder is taken
    /// from the database file's folder, so the setting travels with a shared database.
    pub fn for_database(db: &Path, team_folder: Option<&Path>) -> BackupFolder {
        match team_folder {
            Some(dir) => BackupFolder::new(database_dir(db).join(dir)),
            None => BackupFolder::beside(db),
        }
    }

    /// The folder for an open store: its team setting, else beside its file.
    pub fn of_store(store: &Store) -> Result<BackupFolder> {
        if store.is_server() {
            return Err(BackupError::OnServer);
        }
        let db = store.path().ok_or(BackupError::InMemory)?;
        let team = team_folder(connection(store)?)?;
        Ok(BackupFolder::for_database(db, team.as_deref()))
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Backs up the open store's database, then rotates the folder.
    pub fn create(
        &self,
        store: &Store,
        reason: BackupReason,
        now: DateTime<FixedOffset>,
    ) -> Result<BackupInfo> {
        let info = self.copy_from(connection(store)?, reason, now)?;
        self.rotate(&[&info.id])?;
        Ok(info)
    }

    /// The backups in the folder, newest first; none if the folder does not exist yet.
    /// Other files in the folder are left out.
    pub fn list(&self) -> Result<Vec<BackupInfo>> {
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(self.folder_error("read", e)),
        };
        let mut backups = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| self.folder_error("read", e))?;
            let name = entry.file_name();
            let Some(id) = name
                .to_str()
                .and_then(|n| n.strip_prefix(FILE_PREFIX))
                .and_then(|n| n.strip_suffix(FILE_SUFFIX))
            else {
                continue;
            };
            let Some((created, reason)) = parse_id(id) else {
                continue;
            };
            let meta = entry.metadata().map_err(|e| self.folder_error("read", e))?;
            if !meta.is_file() {
                continue;
            }
            // Within one second the file's time says which came last.
            let written = meta.modified().ok();
            let info = BackupInfo {
                id: id.to_string(),
                created,
                reason,
                size_bytes: meta.len(),
                path: entry.path(),
            };
            backups.push((info, written));
        }
        backups.sort_by(|(a, a_written), (b, b_written)| {
            (b.created, b_written, &b.id).cmp(&(a.created, a_written, &a.id))
        });
        Ok(backups.into_iter().map(|(info, _)| info).collect())
    }

    /// The backup with this id. The file name (`murmelglas-<id>.sqlite3`) is taken too.
    pub fn find(&self, id: &str) -> Result<BackupInfo> {
        let id = typed_id(id);
        if parse_id(id).is_none() {
            return Err(BackupError::BadId(id.to_string()));
        }
        self.list()?
            .into_iter()
            .find(|b| b.id == id)
            .ok_or_else(|| BackupError::UnknownId {
                id: id.to_string(),
                folder: self.dir.display().to_string(),
            })
    }

    /// Makes the daily backup if none was made on `now`'s calendar day yet.
    pub fn daily_if_due(
        &self,
        store: &Store,
        now: DateTime<FixedOffset>,
    ) -> Result<Option<BackupInfo>> {
        // A folder that cannot be made says so, rather than that it cannot be read.
        self.ensure_exists()?;
        let today = now.date_naive();
        let done = self
            .list()?
            .iter()
            .any(|b| b.reason == BackupReason::Daily && b.created.date() == today);
        if done {
            return Ok(None);
        }
        self.create(store, BackupReason::Daily, now).map(Some)
    }

    /// Replaces the store's database with backup `id` through the online backup API, so
    /// every open connection sees the restored data on its next read. First the backup is
    /// checked (ours, not newer, intact) and the current state is backed up (reason
    /// before-restore); a refused backup changes nothing. The backup file is only read.
    pub fn restore(&self, store: &Store, id: &str, now: DateTime<FixedOffset>) -> Result<Restored> {
        let db = store.path().ok_or(BackupError::InMemory)?;
        let chosen = self.find(id)?;
        let source = checked_backup(&chosen)?;
        let contacts_before = count_contacts(connection(store)?)?;
        let safety = self.copy_from(connection(store)?, BackupReason::BeforeRestore, now)?;

        let mut live = Connection::open_with_flags(
            db,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        live.busy_timeout(BUSY_TIMEOUT)?;
        copy_all(&source, &mut live)?;
        source.close().map_err(|(_, e)| e)?;
        if let Some(detail) = integrity_problems(&live)? {
            return Err(BackupError::RestoredDamaged {
                id: chosen.id,
                safety: safety.id,
                detail,
            });
        }
        let version: i64 = live.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        live.close().map_err(|(_, e)| e)?;
        if version < SCHEMA_VERSION {
            // An older backup: bring it to this version's schema now, as opening it would,
            // so the store that is open on it keeps working.
            Store::open(db).map_err(|e| BackupError::Migrate {
                id: chosen.id.clone(),
                safety: safety.id.clone(),
                source: Box::new(e),
            })?;
        }
        self.rotate(&[&chosen.id, &safety.id])?;
        let contacts_after = count_contacts(connection(store)?)?;
        Ok(Restored {
            restored: chosen,
            safety,
            contacts_before,
            contacts_after,
        })
    }

    /// Restores backup `id` into a new database file at `dest` (which must not exist),
    /// checked as for a restore (ours, not newer, intact) and brought to this version's
    /// schema. For a live database that cannot be opened at all: it is neither read nor
    /// changed, so whatever is wrong with it can still be looked into.
    pub fn restore_to_new_file(&self, id: &str, dest: &Path) -> Result<BackupInfo> {
        let chosen = self.find(id)?;
        let dest_error = |e: io::Error| BackupError::Folder {
            doing: "write to",
            path: database_dir(dest).display().to_string(),
            source: e,
        };
        if dest.exists() {
            return Err(BackupError::DestinationExists(dest.display().to_string()));
        }
        let source = checked_backup(&chosen)?;
        let temp = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .suffix(".tmp")
            .tempfile_in(database_dir(dest))
            .map_err(dest_error)?
            .into_temp_path();
        let mut copy = Connection::open_with_flags(
            &temp,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        copy_all(&source, &mut copy)?;
        source.close().map_err(|(_, e)| e)?;
        copy.close().map_err(|(_, e)| e)?;
        temp.persist_noclobber(dest).map_err(|e| {
            if e.error.kind() == io::ErrorKind::AlreadyExists {
                BackupError::DestinationExists(dest.display().to_string())
            } else {
                dest_error(e.error)
            }
        })?;
        // Opening migrates an older backup, as opening any older file would.
        Store::open(dest).map_err(|e| BackupError::OpenRestored {
            id: chosen.id.clone(),
            path: dest.display().to_string(),
            source: Box::new(e),
        })?;
        Ok(chosen)
    }

    /// Deletes the backups the rotation rules no longer keep (see `kept`), never those in
    /// `protect`, and returns them.
    pub fn rotate(&self, protect: &[&str]) -> Result<Vec<BackupInfo>> {
        let backups = self.list()?;
        let keep = kept(&backups);
        let mut removed = Vec::new();
        for backup in &backups {
            if keep.contains(backup.id.as_str()) || protect.contains(&backup.id.as_str()) {
                continue;
            }
            std::fs::remove_file(&backup.path)
                .map_err(|e| self.folder_error("remove an old backup from", e))?;
            removed.push(backup.clone());
        }
        Ok(removed)
    }

    /// Copies the database behind `source` into a new backup file: a temporary file first,
    /// renamed to its id only after the integrity check passed on the copy.
    fn copy_from(
        &self,
        source: &Connection,
        reason: BackupReason,
        now: DateTime<FixedOffset>,
    ) -> Result<BackupInfo> {
        self.ensure_exists()?;
        let temp = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .suffix(".tmp")
            .tempfile_in(&self.dir)
            .map_err(|e| self.folder_error("write to", e))?
            .into_temp_path();
        let mut copy = Connection::open_with_flags(
            &temp,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        copy_all(source, &mut copy)?;
        // The copy carries the live file's WAL flag; a backup is one self-contained file.
        let _mode: String = copy.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
        let problems = integrity_problems(&copy).unwrap_or_else(|e| Some(e.to_string()));
        copy.close().map_err(|(_, e)| e)?;
        if let Some(detail) = problems {
            return Err(BackupError::CopyDamaged { detail });
        }

        let created = now
            .naive_local()
            .with_nanosecond(0)
            .unwrap_or(now.naive_local());
        let base = format!("{}-{}", created.format("%Y%m%d-%H%M%S"), reason.code());
        let mut temp = temp;
        // A second backup of the same reason within one second gets a counter.
        for n in 1..=100 {
            let id = if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            };
            let path = self.dir.join(format!("{FILE_PREFIX}{id}{FILE_SUFFIX}"));
            match temp.persist_noclobber(&path) {
                Ok(()) => {
                    let size_bytes = std::fs::metadata(&path)
                        .map_err(|e| self.folder_error("read", e))?
                        .len();
                    return Ok(BackupInfo {
                        id,
                        created,
                        reason,
                        size_bytes,
                        path,
                    });
                }
                Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => temp = e.path,
                Err(e) => return Err(self.folder_error("write to", e.error)),
            }
        }
        Err(self.folder_error(
            "write to",
            io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("100 backups named {base} already exist"),
            ),
        ))
    }

    fn ensure_exists(&self) -> Result<()> {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        {
            // Backups hold the team's stories: the folder is its owner's, like the data.
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        builder
            .create(&self.dir)
            .map_err(|e| self.folder_error("create", e))
    }

    fn folder_error(&self, doing: &'static str, source: io::Error) -> BackupError {
        BackupError::Folder {
            doing,
            path: self.dir.display().to_string(),
            source,
        }
    }
}

/// The SQLite connection of a store kept in a file; a server keeps its own backups.
fn connection(store: &Store) -> Result<&Connection> {
    store.connection().ok_or(BackupError::OnServer)
}

/// The backup before a schema migration, for `Store::open` to call before it migrates:
/// `from_version` is the file's `user_version`, `to_version` the one it migrates to. Works
/// on the plain file through a read-only connection, into the team's folder (if the file
/// already has that setting) or the default. Nothing to back up for a new file
/// (`from_version` 0) or when there is nothing to migrate: `Ok(None)`.
pub fn before_migration(
    db: &Path,
    from_version: i64,
    to_version: i64,
) -> Result<Option<BackupInfo>> {
    before_migration_at(db, from_version, to_version, datetime::now())
}

/// [`before_migration`] at a given time.
pub fn before_migration_at(
    db: &Path,
    from_version: i64,
    to_version: i64,
    now: DateTime<FixedOffset>,
) -> Result<Option<BackupInfo>> {
    if from_version < 1 || from_version >= to_version || !db.is_file() {
        return Ok(None);
    }
    let source = open_read_only(db)?;
    let folder = BackupFolder::for_database(db, team_folder(&source)?.as_deref());
    let info = folder.copy_from(&source, BackupReason::BeforeMigration, now)?;
    source.close().map_err(|(_, e)| e)?;
    folder.rotate(&[&info.id])?;
    Ok(Some(info))
}

/// The team's backup folder as set in the database (`settings.backup_dir`), if the schema
/// has that setting and it is set.
pub fn team_folder(conn: &Connection) -> Result<Option<PathBuf>> {
    if !has_folder_setting(conn)? {
        return Ok(None);
    }
    let dir: Option<String> =
        conn.query_row("SELECT backup_dir FROM settings WHERE id = 1", [], |r| {
            r.get(0)
        })?;
    Ok(dir.map(PathBuf::from))
}

/// Sets the team's backup folder (`None`: back to the default beside the database). The
/// folder is created and written to once first, so a folder that cannot hold backups is
/// refused now rather than at the next backup.
pub fn set_team_folder(store: &Store, dir: Option<&Path>) -> Result<()> {
    let conn = connection(store)?;
    if !has_folder_setting(conn)? {
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        return Err(BackupError::NoFolderSetting(version));
    }
    let text = match dir {
        Some(dir) => {
            let text = dir
                .to_str()
                .ok_or_else(|| BackupError::FolderNotText(dir.display().to_string()))?;
            let db = store.path().ok_or(BackupError::InMemory)?;
            let folder = BackupFolder::for_database(db, Some(dir));
            folder.ensure_exists()?;
            tempfile::Builder::new()
                .prefix(TEMP_PREFIX)
                .tempfile_in(folder.path())
                .map_err(|e| folder.folder_error("write to", e))?;
            Some(text)
        }
        None => None,
    };
    conn.execute("UPDATE settings SET backup_dir = ?1 WHERE id = 1", [text])?;
    Ok(())
}

fn has_folder_setting(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM pragma_table_info('settings') WHERE name = 'backup_dir')",
        [],
        |r| r.get(0),
    )?)
}

fn database_dir(db: &Path) -> &Path {
    db.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// `None` when SQLite's `PRAGMA quick_check` finds nothing wrong with the open database,
/// else its first findings on one line. It reads every page and writes nothing: a
/// damaged file shows here before a query happens to reach the damaged page.
pub fn quick_check(store: &Store) -> Result<Option<String>> {
    Ok(copy::check_pages(connection(store)?, "quick_check")?)
}
