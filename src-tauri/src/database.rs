//! The open database: one connection that writes and a few that only read, so that a
//! query for the window never waits behind a write that waits for SQLite's write lock
//! (an import on its own connection, or another program). Every command runs its
//! database work off the window's thread ([`off_main`]). When the file cannot be opened,
//! [`OpenProblem`] says which file and why, for the window's start screen.
//!
//! The same holds for the team's server: its connections are made again after it stopped
//! answering, and [`crate::server::Link`] keeps what was logged meanwhile.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use murmelglas::backup::{BackupFolder, BackupInfo};
use murmelglas::store::{Store, StoreError};
use serde::Serialize;

use crate::error::store_error_code;
use crate::server::Link;
use crate::AppError;
use murmelglas::error_code::ErrorCode;

/// How many idle reading connections are kept for the next query.
const IDLE_READERS: usize = 3;

/// An open Murmelglas database.
pub struct Database {
    /// The file, or the server's URL without its password (as people see it).
    path: PathBuf,
    /// `None` when the file can only be read. Inside, `None` while the server does not
    /// answer: the next write connects again.
    writer: Option<Mutex<Option<Store>>>,
    readers: Mutex<Vec<Store>>,
    /// Why nothing can be saved, when the file is open for reading only.
    read_only: Option<AppError>,
    /// The team's server, when the data lives there.
    server: Option<Link>,
}

/// Why a database file could not be opened, with what might help: the backups in the
/// folder beside it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct OpenProblem {
    pub path: String,
    /// What is wrong, for the window's words (`not_a_database`, `database_too_new`, …).
    pub code: ErrorCode,
    /// SQLite's or the core's own description, in English.
    pub message: String,
    pub backup_folder: String,
    /// Newest first; empty when there is no backup folder.
    pub backups: Vec<BackupInfo>,
}

impl OpenProblem {
    pub fn new(path: &Path, code: ErrorCode, message: impl std::fmt::Display) -> OpenProblem {
        let folder = BackupFolder::beside(path);
        OpenProblem {
            path: path.display().to_string(),
            code,
            message: message.to_string(),
            backup_folder: folder.path().display().to_string(),
            // A folder that cannot be read offers nothing to restore; the problem stays.
            backups: folder.list().unwrap_or_default(),
        }
    }

    /// Why the team's server cannot be used; there are no backups to offer here.
    pub fn on_server(shown_url: &str, e: &StoreError) -> OpenProblem {
        OpenProblem {
            path: shown_url.to_string(),
            code: store_error_code(e),
            message: e.to_string(),
            backup_folder: String::new(),
            backups: Vec::new(),
        }
    }

    fn of(path: &Path, e: &StoreError) -> OpenProblem {
        OpenProblem::new(path, store_error_code(e), e)
    }
}

/// Whether a file that cannot be opened for writing may still be shown: it is fine,
/// but the file, its folder or the disk refuses writes.
fn may_read_instead(e: &StoreError) -> bool {
    matches!(
        store_error_code(e),
        ErrorCode::ReadOnly
            | ErrorCode::CannotOpen
            | ErrorCode::DiskFull
            | ErrorCode::CannotCreateFolder
            | ErrorCode::IoError
    )
}

impl Database {
    /// Opens `path` for writing, or, if only that is refused (a read-only file or folder,
    /// a full disk), for reading with the reason kept. A file that is not a Murmelglas
    /// database, or that this version cannot read, is refused with an [`OpenProblem`];
    /// it stays as it was.
    pub fn open(path: &Path) -> Result<Database, OpenProblem> {
        match Store::open(path) {
            Ok(writer) => {
                let reader = Store::open_read_only(path).map_err(|e| OpenProblem::of(path, &e))?;
                Ok(Database {
                    path: path.to_path_buf(),
                    writer: Some(Mutex::new(Some(writer))),
                    readers: Mutex::new(vec![reader]),
                    read_only: None,
                    server: None,
                })
            }
            Err(e) if may_read_instead(&e) && path.is_file() => {
                let reader = Store::open_read_only(path).map_err(|_| OpenProblem::of(path, &e))?;
                Ok(Database {
                    path: path.to_path_buf(),
                    writer: None,
                    readers: Mutex::new(vec![reader]),
                    read_only: Some(AppError::from(e)),
                    server: None,
                })
            }
            Err(e) => Err(OpenProblem::of(path, &e)),
        }
    }

    /// Connects to the team's server `link` names. A server that does not answer is
    /// still opened — logging goes into the outbox until it answers; one that answers
    /// "no" (wrong password, not a Murmelglas database, …) is refused.
    pub fn open_server(link: Link) -> Result<Database, OpenProblem> {
        let writer = match Store::open_server(link.url()) {
            Ok(store) => Some(store),
            Err(e) if e.is_unreachable() => {
                link.set_offline(true);
                None
            }
            Err(e) => return Err(OpenProblem::on_server(link.shown(), &e)),
        };
        Ok(Database {
            path: PathBuf::from(link.shown()),
            writer: Some(Mutex::new(writer)),
            readers: Mutex::new(Vec::new()),
            read_only: None,
            server: Some(link),
        })
    }

    /// The file's path; for a server, its URL without the password.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The team's server, when the data lives there.
    pub fn server(&self) -> Option<&Link> {
        self.server.as_ref()
    }

    /// A new connection of the given kind: to the server, or to the file.
    fn connect(&self, write: bool) -> Result<Store, AppError> {
        match &self.server {
            Some(link) => link.connect(),
            None if write => Ok(Store::open(&self.path)?),
            None => Ok(Store::open_read_only(&self.path)?),
        }
    }

    /// Notes whether the server answered; a connection it dropped is not used again.
    fn answered(&self, result: &Result<(), &AppError>) -> bool {
        let lost = matches!(result, Err(e) if e.code == ErrorCode::ServerUnreachable);
        if let Some(link) = &self.server {
            link.set_offline(lost);
        }
        !lost
    }

    /// Why nothing can be saved, when the file is open for reading only.
    pub fn read_only(&self) -> Option<&AppError> {
        self.read_only.as_ref()
    }

    fn refused(&self) -> AppError {
        let reason = self
            .read_only
            .as_ref()
            .map_or_else(String::new, |e| e.message.clone());
        AppError::new(ErrorCode::ReadOnly, reason)
    }

    /// Runs `f` on a reading connection: one kept from before, or a new one.
    pub fn read<T, E>(&self, f: impl FnOnce(&Store) -> Result<T, E>) -> Result<T, AppError>
    where
        AppError: From<E>,
    {
        let idle = lock(&self.readers).pop();
        let store = match idle {
            Some(store) => store,
            None => self.connect(false)?,
        };
        let result = f(&store).map_err(AppError::from);
        let usable = self.answered(&result.as_ref().map(|_| ()));
        let mut readers = lock(&self.readers);
        if usable && readers.len() < IDLE_READERS {
            readers.push(store);
        }
        if !usable {
            // The others went to the same server: make them again too.
            readers.clear();
        }
        result
    }

    /// Runs `f` on the writing connection; refused when the file is open for reading only.
    /// Waits for the app's other writes, and SQLite waits for other writers (up to a
    /// minute): run it off the window's thread.
    pub fn write<T, E>(&self, f: impl FnOnce(&mut Store) -> Result<T, E>) -> Result<T, AppError>
    where
        AppError: From<E>,
    {
        let writer = self.writer.as_ref().ok_or_else(|| self.refused())?;
        let mut slot = lock(writer);
        let store = match &mut *slot {
            Some(store) => store,
            empty => empty.insert(self.connect(true)?),
        };
        let result = f(store).map_err(AppError::from);
        if !self.answered(&result.as_ref().map(|_| ())) {
            *slot = None;
        }
        result
    }

    /// A writing connection of its own, for a long job (an import) that must not hold the
    /// app's writer while it runs.
    pub fn own_writer(&self) -> Result<Store, AppError> {
        if self.writer.is_none() {
            return Err(self.refused());
        }
        self.connect(true)
    }

    /// A reading connection of its own, for a long job (an export, a report).
    pub fn own_reader(&self) -> Result<Store, AppError> {
        self.connect(false)
    }
}

/// A poisoned lock is still safe to use: a panic cannot leave SQLite half-written (it
/// rolls back), and the list of idle readers holds only whole connections.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

/// Runs blocking work (the database, a file dialog) on a thread of the blocking pool, so
/// the window's thread and the async runtime's workers stay free.
pub async fn off_main<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| AppError::new(ErrorCode::Internal, e))?
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(path: &Path) -> OpenProblem {
        match Database::open(path) {
            Ok(_) => panic!("{} opened", path.display()),
            Err(p) => p,
        }
    }

    fn hash(path: &Path) -> Vec<u8> {
        std::fs::read(path).expect("read")
    }

    /// A database with enough contacts to span many pages.
    fn filled(path: &Path) {
        let mut store = Store::open(path).expect("create");
        murmelglas::demo::fill(
            &mut store,
            &murmelglas::demo::DemoOptions {
                weeks: 8,
                members: 5,
                per_day: 10,
                seed: 1,
                until: chrono::NaiveDate::from_ymd_opt(2026, 11, 27).expect("date"),
            },
        )
        .expect("demo");
        // Everything in the main file, nothing left in the WAL.
        store
            .connection()
            .expect("a file")
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .expect("checkpoint");
    }

    #[test]
    fn files_that_are_not_ours_are_refused_untouched_with_their_reason() {
        let dir = tempfile::tempdir().expect("dir");
        let text = dir.path().join("notes.sqlite3");
        std::fs::write(&text, "Einkaufsliste: Milch, Brot\n".repeat(200)).expect("write");
        let before = hash(&text);
        let p = problem(&text);
        assert_eq!(p.code, ErrorCode::NotADatabase);
        assert_eq!(p.path, text.display().to_string());
        assert_eq!(hash(&text), before);

        // Another program's SQLite database: tables, but not our application id.
        let foreign = dir.path().join("other-app.db");
        Store::open(&foreign)
            .expect("create")
            .connection()
            .expect("a file")
            .execute_batch(
                "PRAGMA application_id = 0; CREATE TABLE invoice (id INTEGER PRIMARY KEY);",
            )
            .expect("make it another program's");
        let before = hash(&foreign);
        assert_eq!(problem(&foreign).code, ErrorCode::NotMurmelglas);
        assert_eq!(hash(&foreign), before);

        let newer = dir.path().join("newer.sqlite3");
        Store::open(&newer).expect("create");
        let conn = Store::open(&newer).expect("open");
        conn.connection()
            .expect("a file")
            .execute_batch("PRAGMA user_version = 99;")
            .expect("newer version");
        drop(conn);
        let before = hash(&newer);
        let p = problem(&newer);
        assert_eq!(p.code, ErrorCode::DatabaseTooNew);
        assert!(p.message.contains("99"), "{}", p.message);
        assert_eq!(hash(&newer), before);
    }

    #[test]
    fn a_damaged_file_is_refused_or_found_by_the_check() {
        let dir = tempfile::tempdir().expect("dir");
        let db = dir.path().join("murmelglas.sqlite3");
        filled(&db);
        let full = hash(&db);
        assert!(full.len() > 64 * 4096, "{} bytes", full.len());

        // Truncated: opening may still work, the check finds what is missing.
        std::fs::write(&db, &full[..full.len() / 2]).expect("truncate");
        let before = hash(&db);
        match Database::open(&db) {
            Err(p) => assert_eq!(p.code, ErrorCode::DatabaseCorrupt, "{p:?}"),
            Ok(opened) => {
                let found = opened
                    .read(murmelglas::backup::quick_check)
                    .expect("check runs");
                assert!(found.is_some(), "the check finds the truncation");
            }
        }
        assert_eq!(hash(&db), before, "the truncated file stays as it was");

        // Pages in the middle overwritten.
        let mut damaged = full.clone();
        let middle = (full.len() / 2 / 4096) * 4096;
        damaged[middle..middle + 8 * 4096].fill(0x5A);
        std::fs::write(&db, &damaged).expect("damage");
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(dir.path().join(format!("murmelglas.sqlite3{suffix}")));
        }
        match Database::open(&db) {
            Err(p) => assert_eq!(p.code, ErrorCode::DatabaseCorrupt, "{p:?}"),
            Ok(opened) => {
                let found = opened
                    .read(murmelglas::backup::quick_check)
                    .expect("check runs");
                assert!(found.is_some(), "the check finds the damaged pages");
            }
        }
        assert_eq!(hash(&db), damaged, "the damaged file stays as it was");
    }

    /// `chattr +i` on a file for as long as it lives.
    struct Immutable(PathBuf);

    impl Immutable {
        fn set(path: &Path) -> Immutable {
            let _ = std::process::Command::new("chattr")
                .arg("+i")
                .arg(path)
                .status();
            Immutable(path.to_path_buf())
        }
    }

    impl Drop for Immutable {
        fn drop(&mut self) {
            let _ = std::process::Command::new("chattr")
                .arg("-i")
                .arg(&self.0)
                .status();
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_file_opens_for_reading_with_the_reason() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("dir");
        let db = dir.path().join("murmelglas.sqlite3");
        filled(&db);
        std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).expect("chmod");
        let writable = || std::fs::OpenOptions::new().write(true).open(&db).is_ok();
        // Root writes read-only files anyway; the immutable attribute stops root too.
        let _immutable = writable().then(|| Immutable::set(&db));
        if writable() {
            eprintln!("skipped: this user may write read-only files, and chattr +i failed");
            return;
        }
        let before = hash(&db);
        let opened = Database::open(&db).expect("opens for reading");
        let reason = opened.read_only().expect("read-only").clone();
        assert_eq!(reason.code, ErrorCode::ReadOnly);
        let contacts = opened.read(|s| s.count_contacts()).expect("reads");
        assert!(contacts > 0);
        let refused = opened
            .write(|s| s.insert_member("Neu"))
            .expect_err("no writes");
        assert_eq!(refused.code, ErrorCode::ReadOnly);
        assert!(opened.own_writer().is_err());
        assert_eq!(hash(&db), before);
    }

    /// A small tmpfs mounted for as long as it lives (root only).
    struct SmallDisk(tempfile::TempDir);

    impl SmallDisk {
        fn mount() -> Option<SmallDisk> {
            let dir = tempfile::tempdir().expect("dir");
            let mounted = std::process::Command::new("mount")
                .args(["-t", "tmpfs", "-o", "size=1m", "tmpfs"])
                .arg(dir.path())
                .stderr(std::process::Stdio::null())
                .status()
                .is_ok_and(|s| s.success());
            mounted.then_some(SmallDisk(dir))
        }
    }

    impl Drop for SmallDisk {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount")
                .arg("-l")
                .arg(self.0.path())
                .status();
        }
    }

    #[test]
    fn a_full_disk_is_named_and_the_file_stays_as_it_was() {
        let Some(disk) = SmallDisk::mount() else {
            // CI runs as root and may mount; elsewhere the CLI's test covers a full disk.
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must be able to mount a small tmpfs (run as root)"
            );
            eprintln!("skipped: cannot mount a tmpfs here");
            return;
        };
        let db = disk.0.path().join("murmelglas.sqlite3");
        let store = Store::open(&db).expect("create");
        store
            .connection()
            .expect("a file")
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .expect("checkpoint");
        drop(store);
        // Fill the disk to its last byte.
        let mut filler = std::fs::File::create(disk.0.path().join("filler")).expect("filler");
        let block = vec![0u8; 4096];
        while std::io::Write::write_all(&mut filler, &block).is_ok() {}
        drop(filler);
        let before = hash(&db);

        match Database::open(&db) {
            // Refused while making room for the WAL: opened for reading, with the reason.
            Ok(opened) if opened.read_only().is_some() => {
                let reason = opened.read_only().expect("reason").code;
                assert!(
                    reason == ErrorCode::DiskFull || reason == ErrorCode::IoError,
                    "{reason}"
                );
                assert_eq!(opened.read(|s| s.count_contacts()).expect("reads"), 0);
                let refused = opened
                    .write(|s| s.insert_member("Neu"))
                    .expect_err("no room");
                assert_eq!(refused.code, ErrorCode::ReadOnly);
            }
            // Opened for writing: the first write is refused with the reason.
            Ok(opened) => {
                let refused = opened
                    .write(|s| {
                        for i in 0..200 {
                            s.insert_member(&format!("Person {i} mit einem langen Namen"))?;
                        }
                        Ok::<_, StoreError>(())
                    })
                    .expect_err("no room");
                assert_eq!(refused.code, ErrorCode::DiskFull, "{refused:?}");
            }
            // SQLite may meet the full disk as an I/O error while making room for the
            // WAL: the start screen says so ("is it full?") and offers another file.
            Err(p) => {
                assert!(
                    p.code == ErrorCode::DiskFull
                        || (p.code == ErrorCode::IoError && p.message.contains("is it full?")),
                    "{p:?}"
                );
            }
        }
        assert_eq!(hash(&db), before, "the file stays as it was");
    }

    #[test]
    fn readers_see_what_the_writer_saved() {
        let dir = tempfile::tempdir().expect("dir");
        let db = Database::open(&dir.path().join("murmelglas.sqlite3")).expect("open");
        assert!(db.read_only().is_none());
        // Two readers busy at once: the second is a new connection.
        let nested = db
            .read(|outer| {
                db.read(|inner| {
                    Ok::<_, StoreError>(outer.count_contacts()? + inner.count_contacts()?)
                })
            })
            .expect("nested reads");
        assert_eq!(nested, 0);
        db.write(|s| s.insert_member("Ana")).expect("write");
        let names = db
            .read(|s| s.list_members(true))
            .expect("read")
            .into_iter()
            .map(|m| m.name)
            .collect::<Vec<_>>();
        assert_eq!(names, ["Ana"]);
        assert!(lock(&db.readers).len() <= IDLE_READERS);
    }
}
