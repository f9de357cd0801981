//! The SQLite engine: one file on this computer, in WAL mode. Opening and migrating it
//! (migrations from `migrations/sqlite/`, found by the build script), and its queries;
//! `history` pages and searches, `scan` reads what a review needs, `bulk` takes an
//! import, `rows` maps rows to contacts.

mod bulk;
mod history;
mod rows;
mod scan;

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::{
    params, Connection, OpenFlags, OptionalExtension, Transaction, TransactionBehavior,
};
use rusqlite_migration::{Migrations, M};
use uuid::Uuid;

use super::{
    day_from_number, day_number, this_device, ContactFilter, ContactSink, DayCount, Erased,
    MemberData, Result, StoreError, UNDO_WINDOW,
};
use crate::domain::{self, Code, Contact, Lang, Member, Settings, WeekStart};
use rows::{
    contact_from_row, day_range, decode, get_contact_in, get_member_in, insert_checked,
    member_id_by_name, row_values, CONTACT_COLUMNS,
};

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

/// An open, migrated SQLite database file.
pub struct SqliteStore {
    conn: Connection,
    path: Option<PathBuf>,
    /// Opened for reading only: nothing may be written, not even a migration.
    read_only: bool,
}

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
    fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
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

    // ----- contacts -----

    /// Stores a new contact. Its member, if named, must exist.
    pub fn insert_contact(&mut self, contact: &Contact) -> Result<()> {
        if contact.member.is_some() && self.anonymous_only()? {
            let mut anonymous = contact.clone();
            anonymous.member = None;
            return self.write(|tx| insert_checked(tx, &anonymous));
        }
        self.write(|tx| insert_checked(tx, contact))
    }

    /// Checks a draft and stores it as a new contact logged at `now`.
    /// It is remembered as logged on this computer, for [`Store::undo_last`].
    pub fn log_contact(
        &mut self,
        draft: domain::ContactDraft,
        now: DateTime<FixedOffset>,
    ) -> Result<Contact> {
        let mut contact = draft.into_contact(now)?;
        let anonymous_only = self.anonymous_only()?;
        if anonymous_only {
            contact.member = None;
        }
        let device = this_device();
        self.write(|tx| {
            insert_checked(tx, &contact)?;
            tx.prepare_cached("DELETE FROM recent_log WHERE logged_at < ?1")?
                .execute([(now - UNDO_WINDOW).timestamp()])?;
            tx.prepare_cached(
                "INSERT INTO recent_log (contact_id, logged_at, device) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![
                contact.id.as_bytes().as_slice(),
                now.timestamp(),
                device
            ])?;
            Ok(())
        })?;
        Ok(contact)
    }

    /// Whether the team keeps no member with any contact (see [`Settings::anonymous_only`]).
    fn anonymous_only(&self) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT anonymous_only FROM settings WHERE id = 1")?
            .query_row([], |r| r.get(0))?)
    }

    /// Replaces every field of an existing contact but its id.
    pub fn update_contact(&mut self, contact: &Contact) -> Result<()> {
        let anonymous_only = self.anonymous_only()?;
        self.write(|tx| {
            let member_id = match &contact.member {
                Some(_) if anonymous_only => None,
                Some(name) => Some(
                    member_id_by_name(tx, name)?
                        .ok_or_else(|| StoreError::UnknownMember(name.clone()))?,
                ),
                None => None,
            };
            let changed = tx.execute(
                "UPDATE contact SET occurred_local = ?2, occurred_offset = ?3, logged_at = ?4, \
                 logged_offset = ?5, member_id = ?6, golden = ?7, channel = ?8, phase = ?9, \
                 purpose = ?10, motives = ?11, perspectives = ?12, note = ?13, \
                 share_in_review = ?14, nps = ?15 WHERE id = ?1",
                row_values(contact, member_id),
            )?;
            if changed == 0 {
                return Err(StoreError::UnknownContact(contact.id));
            }
            Ok(())
        })
    }

    pub fn get_contact(&self, id: Uuid) -> Result<Option<Contact>> {
        get_contact_in(&self.conn, id)
    }

    /// Deletes a contact and returns it, so the caller can offer to restore it.
    pub fn delete_contact(&mut self, id: Uuid) -> Result<Contact> {
        self.write(|tx| {
            let contact = get_contact_in(tx, id)?.ok_or(StoreError::UnknownContact(id))?;
            tx.execute(
                "DELETE FROM contact WHERE id = ?1",
                [id.as_bytes().as_slice()],
            )?;
            Ok(contact)
        })
    }

    /// The contact logged last, if it was logged at or after `since`.
    pub fn last_logged_since(&self, since: DateTime<FixedOffset>) -> Result<Option<Contact>> {
        let sql = format!(
            "SELECT {CONTACT_COLUMNS} FROM contact c LEFT JOIN member m ON m.id = c.member_id \
             WHERE c.logged_at >= ?1 ORDER BY c.logged_at DESC, c.id DESC LIMIT 1"
        );
        self.conn
            .query_row(&sql, [since.timestamp()], contact_from_row)
            .optional()?
            .transpose()
    }

    /// Whether anything was logged at or after `since`, by `member` or, when `None`, by
    /// anyone (the reminder's question).
    pub fn logged_since(&self, since: DateTime<FixedOffset>, member: Option<&str>) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM contact c LEFT JOIN member m ON m.id = c.member_id \
             WHERE c.logged_at >= ?1 AND (?2 IS NULL OR m.name = ?2))",
            params![since.timestamp(), member],
            |r| r.get(0),
        )?)
    }

    /// Removes the contact logged last on this computer (by [`Store::log_contact`], not
    /// by an import) if that was at most [`UNDO_WINDOW`] before `now`.
    pub fn undo_last(&mut self, now: DateTime<FixedOffset>) -> Result<Contact> {
        let device = this_device();
        self.write(|tx| {
            let id: Option<[u8; 16]> = tx
                .query_row(
                    "SELECT r.contact_id FROM recent_log r JOIN contact c ON c.id = r.contact_id \
                     WHERE r.device = ?1 AND r.logged_at BETWEEN ?2 AND ?3 \
                     ORDER BY r.logged_at DESC, r.contact_id DESC LIMIT 1",
                    params![device, (now - UNDO_WINDOW).timestamp(), now.timestamp()],
                    |r| r.get(0),
                )
                .optional()?;
            let id = Uuid::from_bytes(id.ok_or(StoreError::NothingToUndo)?);
            let contact = get_contact_in(tx, id)?.ok_or(StoreError::NothingToUndo)?;
            tx.execute(
                "DELETE FROM contact WHERE id = ?1",
                [id.as_bytes().as_slice()],
            )?;
            // The cascade needs foreign keys on; a file opened by hand may have them off.
            tx.execute(
                "DELETE FROM recent_log WHERE contact_id = ?1",
                [id.as_bytes().as_slice()],
            )?;
            Ok(contact)
        })
    }

    /// Streams contacts matching `filter` without holding them all in memory.
    pub fn for_each_contact<E>(
        &self,
        filter: &ContactFilter,
        f: &mut impl FnMut(Contact) -> Result<(), E>,
    ) -> Result<(), E>
    where
        E: From<StoreError>,
    {
        let sql = format!(
            "SELECT {CONTACT_COLUMNS} FROM contact c LEFT JOIN member m ON m.id = c.member_id \
             WHERE c.occurred_day BETWEEN ?1 AND ?2 \
             ORDER BY c.occurred_day, c.occurred_local, c.id"
        );
        let (from, to) = day_range(filter.from, filter.to);
        let mut stmt = self.conn.prepare(&sql).map_err(StoreError::from)?;
        let mut rows = stmt.query(params![from, to]).map_err(StoreError::from)?;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            let contact = contact_from_row(row).map_err(StoreError::from)??;
            f(contact)?;
        }
        Ok(())
    }

    pub fn count_contacts(&self) -> Result<u64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM contact", [], |r| r.get::<_, i64>(0))?
            as u64)
    }

    /// Totals per local day within the range (days without contacts are absent).
    pub fn daily_counts(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<DayCount>> {
        let (from, to) = day_range(from, to);
        let mut stmt = self.conn.prepare_cached(
            "SELECT day, total, golden FROM day_count \
             WHERE day BETWEEN ?1 AND ?2 AND total > 0 ORDER BY day",
        )?;
        let rows = stmt.query_map(params![from, to], |r| {
            Ok(DayCount {
                day: day_from_number(r.get(0)?),
                total: r.get::<_, i64>(1)? as u64,
                golden: r.get::<_, i64>(2)? as u64,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Contacts and golden ones of one member between two local dates (inclusive).
    pub fn member_counts(
        &self,
        member: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<(u64, u64)> {
        let (total, golden): (i64, Option<i64>) = self.conn.query_row(
            "SELECT count(*), sum(c.golden) FROM contact c JOIN member m ON m.id = c.member_id \
             WHERE m.name = ?1 AND c.occurred_day BETWEEN ?2 AND ?3",
            params![member.trim(), day_number(from), day_number(to)],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok((total as u64, golden.unwrap_or(0) as u64))
    }

    /// The local dates of the first and the last contact, if there are any.
    pub fn date_span(&self) -> Result<Option<(NaiveDate, NaiveDate)>> {
        let span: (Option<i64>, Option<i64>) = self.conn.query_row(
            "SELECT min(day), max(day) FROM day_count WHERE total > 0",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(match span {
            (Some(a), Some(b)) => Some((day_from_number(a), day_from_number(b))),
            _ => None,
        })
    }

    /// Adds many contacts in one transaction (see [`Store::bulk`]).
    pub fn bulk<T, E>(
        &mut self,
        f: impl FnOnce(&mut dyn ContactSink) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        bulk::run(&mut self.conn, f)
    }

    /// The id of the member named `name` (any case), if there is one.
    pub fn member_id(&self, name: &str) -> Result<Option<i64>> {
        member_id_by_name(&self.conn, name)
    }

    // ----- members -----

    pub fn list_members(&self, include_inactive: bool) -> Result<Vec<Member>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, name, active FROM member WHERE active = 1 OR ?1 ORDER BY name COLLATE NOCASE",
        )?;
        let rows = stmt.query_map([include_inactive], |r| {
            Ok(Member {
                id: r.get(0)?,
                name: r.get(1)?,
                active: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn insert_member(&mut self, name: &str) -> Result<Member> {
        let name = domain::check_member_name(name)?;
        self.write(|tx| {
            if member_id_by_name(tx, &name)?.is_some() {
                return Err(StoreError::MemberExists(name));
            }
            tx.execute("INSERT INTO member (name) VALUES (?1)", [&name])?;
            Ok(Member {
                id: tx.last_insert_rowid(),
                name,
                active: true,
            })
        })
    }

    pub fn rename_member(&mut self, old: &str, new: &str) -> Result<Member> {
        let new = domain::check_member_name(new)?;
        self.write(|tx| {
            let id = member_id_by_name(tx, old)?
                .ok_or_else(|| StoreError::UnknownMember(domain::shorten(old, 80)))?;
            if let Some(other) = member_id_by_name(tx, &new)? {
                if other != id {
                    return Err(StoreError::MemberExists(new));
                }
            }
            tx.execute(
                "UPDATE member SET name = ?2 WHERE id = ?1",
                params![id, new],
            )?;
            get_member_in(tx, id)
        })
    }

    pub fn set_member_active(&mut self, name: &str, active: bool) -> Result<Member> {
        self.write(|tx| {
            let id = member_id_by_name(tx, name)?
                .ok_or_else(|| StoreError::UnknownMember(domain::shorten(name, 80)))?;
            tx.execute(
                "UPDATE member SET active = ?2 WHERE id = ?1",
                params![id, active],
            )?;
            get_member_in(tx, id)
        })
    }

    // ----- data protection -----

    /// Takes the member off every contact, in one transaction, and keeps the team
    /// anonymous from now on; returns how many contacts named someone. Cannot be undone
    /// but from a backup: the caller makes one first.
    pub fn strip_members(&mut self) -> Result<u64> {
        self.write(|tx| {
            let stripped = tx.execute(
                "UPDATE contact SET member_id = NULL WHERE member_id IS NOT NULL",
                [],
            )?;
            tx.execute("UPDATE settings SET anonymous_only = 1 WHERE id = 1", [])?;
            Ok(stripped as u64)
        })
    }

    /// How many contacts name a member (what [`Store::strip_members`] would change).
    pub fn count_named_contacts(&self) -> Result<u64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM contact WHERE member_id IS NOT NULL",
            [],
            |r| r.get::<_, i64>(0),
        )? as u64)
    }

    /// Deletes the stories of contacts that happened before `before` (a local date), in
    /// one transaction: the team's retention. The contacts stay; returns how many stories
    /// went.
    pub fn purge_stories_before(&mut self, before: NaiveDate) -> Result<u64> {
        self.write(|tx| {
            // Through the story index's own table, ordered by time: once the old stories
            // are gone, checking again reads nothing, however many contacts there are.
            let purged = tx.execute(
                "UPDATE contact SET note = NULL, share_in_review = 0 \
                 WHERE id IN (SELECT contact_id FROM story WHERE occurred_local < ?1)",
                [day_number(before) * 86_400],
            )?;
            Ok(purged as u64)
        })
    }

    /// Everything the database holds about `name`, for a subject-access request: the
    /// member and every contact of theirs, stories included.
    pub fn member_data(&self, name: &str) -> Result<MemberData> {
        let member_id = member_id_by_name(&self.conn, name)?
            .ok_or_else(|| StoreError::UnknownMember(domain::shorten(name, 80)))?;
        let member = get_member_in(&self.conn, member_id)?;
        let sql = format!(
            "SELECT {CONTACT_COLUMNS} FROM contact c LEFT JOIN member m ON m.id = c.member_id \
             WHERE c.member_id = ?1 ORDER BY c.occurred_local, c.id"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query([member_id])?;
        let mut contacts = Vec::new();
        while let Some(row) = rows.next()? {
            contacts.push(contact_from_row(row)??);
        }
        Ok(MemberData { member, contacts })
    }

    /// Deletes `name` and every contact of theirs, in one transaction (a data-protection
    /// request): nothing of them stays in the database. Returns what went.
    pub fn erase_member(&mut self, name: &str) -> Result<Erased> {
        self.write(|tx| {
            let member_id = member_id_by_name(tx, name)?
                .ok_or_else(|| StoreError::UnknownMember(domain::shorten(name, 80)))?;
            let member = get_member_in(tx, member_id)?;
            let stories: i64 = tx.query_row(
                "SELECT count(*) FROM contact WHERE member_id = ?1 AND note IS NOT NULL",
                [member_id],
                |r| r.get(0),
            )?;
            let contacts = tx.execute("DELETE FROM contact WHERE member_id = ?1", [member_id])?;
            tx.execute("DELETE FROM member WHERE id = ?1", [member_id])?;
            Ok(Erased {
                member: member.name,
                contacts: contacts as u64,
                stories: stories as u64,
            })
        })
    }

    // ----- settings -----

    pub fn get_settings(&self) -> Result<Settings> {
        let row = self.conn.query_row(
            "SELECT team_name, language, week_start, target_golden_share, default_channel, \
                    hide_team_jar, anonymous_only, story_retention_months \
             FROM settings WHERE id = 1",
            [],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, f64>(3)?,
                    r.get::<_, Option<i64>>(4)?,
                    r.get::<_, bool>(5)?,
                    r.get::<_, bool>(6)?,
                    r.get::<_, Option<u8>>(7)?,
                ))
            },
        )?;
        let (team_name, language, week_start, target, channel, hide_team_jar, anonymous, keep) =
            row;
        Ok(Settings {
            team_name,
            language: language.parse::<Lang>()?,
            week_start: week_start.parse::<WeekStart>()?,
            target_golden_share: target,
            default_channel: decode(channel)?,
            hide_team_jar,
            anonymous_only: anonymous,
            story_retention_months: keep,
        })
    }

    /// Stores checked settings (the checks are the [`Store`]'s, for every engine).
    pub fn update_settings(&mut self, settings: &Settings) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE settings SET team_name = ?1, language = ?2, week_start = ?3, \
                 target_golden_share = ?4, default_channel = ?5, hide_team_jar = ?6, \
                 anonymous_only = ?7, story_retention_months = ?8 WHERE id = 1",
                params![
                    settings.team_name.trim(),
                    settings.language.code(),
                    settings.week_start.code(),
                    settings.target_golden_share,
                    settings.default_channel.map(Code::db_id),
                    settings.hide_team_jar,
                    settings.anonymous_only,
                    settings.story_retention_months,
                ],
            )?;
            Ok(())
        })
    }
}

/// SQLite's error in words a person can act on: a full disk and a damaged file say what
/// happened to the data and what to do.
pub(super) fn describe_sqlite(e: &rusqlite::Error) -> String {
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
fn until_not_busy<T>(mut f: impl FnMut() -> rusqlite::Result<T>) -> rusqlite::Result<T> {
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
