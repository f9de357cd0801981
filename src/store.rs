//! The SQLite file: opening and migrating it, and every query on contacts, members and
//! settings. One open-and-migrate function serves the CLI, the app and the tests.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use rusqlite::functions::FunctionFlags;
use rusqlite::{
    params, Connection, OpenFlags, OptionalExtension, Row, ToSql, Transaction, TransactionBehavior,
};
use rusqlite_migration::{Migrations, M};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::{
    self, tags_from_mask, tags_to_mask, Channel, Code, Contact, Lang, Member, Motive, Perspective,
    Phase, Purpose, Rating, Settings, WeekStart,
};

/// Marks the file as ours in the SQLite header (`MRMG`), so we never migrate a stranger's file.
pub const APPLICATION_ID: i32 = 0x4D52_4D47;

/// Migrations are applied in this order; the position is the schema version.
const MIGRATION_SQL: &[&str] = &[
    include_str!("../migrations/0001_initial.sql"),
    include_str!("../migrations/0002_default_channel.sql"),
    include_str!("../migrations/0003_story_search.sql"),
    include_str!("../migrations/0004_hide_team_jar.sql"),
    include_str!("../migrations/0005_data_safety.sql"),
    include_str!("../migrations/0006_backup_folder.sql"),
];

fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATION_SQL.iter().map(|sql| M::up(sql)).collect())
}

/// The newest schema version this build knows.
pub const SCHEMA_VERSION: i64 = MIGRATION_SQL.len() as i64;

/// How long after logging a contact `undo` may still remove it.
pub const UNDO_WINDOW: chrono::TimeDelta = chrono::TimeDelta::minutes(10);

/// How long a writer waits for another one (the app, the CLI and a second account may
/// share the file). Long enough for an import of a million contacts beside it: a
/// contact logged meanwhile waits instead of failing with "database is locked".
pub const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

/// How often opening retries a migration that another process ran at the same moment.
const MIGRATION_ATTEMPTS: u32 = 5;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: this database was written by a newer Murmelglas (schema version {found}, this version knows up to {known}); update Murmelglas to open it. The file was not changed.")]
    TooNew {
        path: String,
        found: i64,
        known: i64,
    },
    #[error(
        "{path}: not a Murmelglas database (it holds other data); choose another file with --db"
    )]
    Foreign { path: String },
    #[error("{path}: not a SQLite database file")]
    NotADatabase { path: String },
    #[error("cannot create the folder {path}: {source}")]
    CreateDir {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: cannot upgrade the database to schema version {to}: {reason}. The file was not changed.")]
    Migration {
        path: String,
        to: i64,
        /// SQLite's reason, without the migration's SQL.
        reason: String,
    },
    #[error("{path}: the database is read-only and was written by an older Murmelglas (schema version {found}); open it once with write access so it can be upgraded to version {known}")]
    ReadOnlyTooOld {
        path: String,
        found: i64,
        known: i64,
    },
    #[error("cannot open {path}: {reason}")]
    Open { path: String, reason: String },
    #[error("{path}: the database file (or its folder) is read-only; Murmelglas can show it but not change it")]
    ReadOnly { path: String },
    #[error("{}", describe_sqlite(.0))]
    Sqlite(#[from] rusqlite::Error),
    #[error("no team member named '{0}'; see `murmelglas members list`, or add them with `murmelglas members add`")]
    UnknownMember(String),
    #[error("there is already a team member named '{0}'")]
    MemberExists(String),
    #[error("no contact with id {0}")]
    UnknownContact(Uuid),
    #[error("there is already a contact with id {0}")]
    DuplicateContact(Uuid),
    #[error("nothing to undo: no contact was logged on this computer in the last 10 minutes")]
    NothingToUndo,
    #[error("the database holds a value this version cannot read: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Domain(#[from] domain::DomainError),
    #[error("no backup before upgrading the database, so the file was not changed: {0}")]
    Backup(#[from] crate::backup::BackupError),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The default database file: `~/.local/share/murmelglas/murmelglas.sqlite3` on Linux.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "murmelglas")
        .map(|dirs| dirs.data_dir().join("murmelglas.sqlite3"))
}

/// An open, migrated Murmelglas database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// Opened for reading only: nothing may be written, not even a migration.
    read_only: bool,
}

/// Which contacts a listing or an export covers. Dates are local calendar days, inclusive.
#[derive(Debug, Clone, Default)]
pub struct ContactFilter {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Newest first (history) instead of oldest first (exports).
    pub newest_first: bool,
    pub limit: Option<u32>,
    pub offset: Option<u32>,
}

/// What the history lists: every field is an optional narrowing. Dates are local
/// calendar days, inclusive.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HistoryQuery {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub rating: Option<Rating>,
    pub channel: Option<Channel>,
    pub motive: Option<Motive>,
    pub perspective: Option<Perspective>,
    /// Only contacts of this member.
    pub member: Option<String>,
    /// Text the story contains, ignoring case (also for umlauts).
    pub text: Option<String>,
}

/// Where a history page ends: the next page starts after this contact.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryCursor {
    /// Local wall-clock seconds of the last contact shown, as `occurred_local` stores them.
    pub local: i64,
    pub id: Uuid,
}

/// One page of the history, newest first, and where the next one starts (`None` at the
/// oldest contact).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryPage {
    pub contacts: Vec<Contact>,
    pub next: Option<HistoryCursor>,
}

/// Everything stored about one member (a subject-access request).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberData {
    pub member: Member,
    pub contacts: Vec<Contact>,
}

/// What [`Store::erase_member`] deleted.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Erased {
    pub member: String,
    pub contacts: u64,
    pub stories: u64,
}

/// The first day whose stories a retention of `months` keeps on `today`: the same day
/// `months` months earlier (the month's last day where that day does not exist).
pub fn retention_cutoff(today: NaiveDate, months: u8) -> NaiveDate {
    today
        .checked_sub_months(chrono::Months::new(u32::from(months)))
        .unwrap_or(NaiveDate::MIN)
}

/// The most contacts one history page may hold.
pub const HISTORY_PAGE_MAX: u32 = 500;

/// Contacts and golden ones on one local calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayCount {
    pub day: NaiveDate,
    pub total: u64,
    pub golden: u64,
}

/// Days since 1970-01-01 of a date, as `occurred_day` stores it.
pub fn day_number(d: NaiveDate) -> i64 {
    (d - NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()).num_days()
}

pub(crate) fn day_from_number(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default() + chrono::Days::new(n.max(0) as u64)
}

pub(crate) const CONTACT_COLUMNS: &str = "c.id, c.occurred_local, c.occurred_offset, c.logged_at, \
    c.logged_offset, m.name, c.golden, c.channel, c.phase, c.purpose, c.motives, \
    c.perspectives, c.note, c.share_in_review, c.nps";

impl Store {
    /// Opens (creating if needed) and migrates the database at `path`. A file written by a
    /// newer version, or one that is not ours, is refused without being changed.
    pub fn open(path: &Path) -> Result<Store> {
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
        let mut store = Store {
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
    pub fn open_read_only(path: &Path) -> Result<Store> {
        let display = path.display().to_string();
        if path.as_os_str().is_empty() {
            return Err(StoreError::Open {
                path: "''".into(),
                reason: "the path is empty; give the database file's name".into(),
            });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| open_error(&display, e))?;
        let mut store = Store {
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
    pub fn open_in_memory() -> Result<Store> {
        let mut store = Store {
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
        register_functions(&self.conn)?;
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

    /// The raw connection, for queries the analytics own.
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

    /// Replaces what a person entered on an existing contact ("add details to the last
    /// contact", editing in the history); its id and logging time stay. A draft without a
    /// time keeps the contact's time.
    pub fn amend_contact(
        &mut self,
        id: Uuid,
        draft: domain::ContactDraft,
        now: DateTime<FixedOffset>,
    ) -> Result<Contact> {
        let existing = self
            .get_contact(id)?
            .ok_or(StoreError::UnknownContact(id))?;
        let mut draft = draft;
        draft.occurred_at = draft.occurred_at.or(Some(existing.occurred_at));
        let mut contact = draft.into_contact(now)?;
        contact.id = existing.id;
        contact.logged_at = existing.logged_at;
        self.update_contact(&contact)?;
        Ok(contact)
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

    /// Contacts matching `filter`, in time order.
    pub fn list_contacts(&self, filter: &ContactFilter) -> Result<Vec<Contact>> {
        let mut out = Vec::new();
        self.for_each_contact(filter, |c| {
            out.push(c);
            Ok::<_, StoreError>(())
        })?;
        Ok(out)
    }

    /// Streams contacts matching `filter` without holding them all in memory.
    pub fn for_each_contact<E>(
        &self,
        filter: &ContactFilter,
        mut f: impl FnMut(Contact) -> Result<(), E>,
    ) -> Result<(), E>
    where
        E: From<StoreError>,
    {
        let order = if filter.newest_first { "DESC" } else { "ASC" };
        let sql = format!(
            "SELECT {CONTACT_COLUMNS} FROM contact c LEFT JOIN member m ON m.id = c.member_id \
             WHERE c.occurred_day BETWEEN ?1 AND ?2 \
             ORDER BY c.occurred_day {order}, c.occurred_local {order}, c.id {order} \
             LIMIT ?3 OFFSET ?4"
        );
        let (from, to) = day_range(filter.from, filter.to);
        let limit = filter.limit.map_or(-1, i64::from);
        let offset = i64::from(filter.offset.unwrap_or(0));
        let mut stmt = self.conn.prepare(&sql).map_err(StoreError::from)?;
        let mut rows = stmt
            .query(params![from, to, limit, offset])
            .map_err(StoreError::from)?;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            let contact = contact_from_row(row).map_err(StoreError::from)??;
            f(contact)?;
        }
        Ok(())
    }

    /// One page of the history: contacts matching `query`, newest first, starting after
    /// `after`. Pages follow the time index (keyset paging), so the millionth contact
    /// comes as fast as the first. A story text the trigram index can find reads only the
    /// matching stories, in the same order.
    pub fn history_page(
        &self,
        query: &HistoryQuery,
        after: Option<HistoryCursor>,
        limit: u32,
    ) -> Result<HistoryPage> {
        let limit = limit.clamp(1, HISTORY_PAGE_MAX);
        let (from, to) = day_range(query.from, query.to);
        // The cursor bounds the day too, so SQLite starts the index scan at the cursor.
        let (to, cursor_local, cursor_id) = match after {
            Some(c) => (
                to.min(c.local.div_euclid(86_400)),
                c.local,
                c.id.as_bytes().to_vec(),
            ),
            None => (to, i64::MAX, vec![0xff; 17]),
        };
        let f = HistoryParams::of(query);
        let source = match &f.story_phrase {
            None => PageSource::Contacts,
            Some(phrase) => {
                let hits: i64 = self
                    .conn
                    .prepare_cached(
                        "SELECT count(*) FROM (SELECT 1 FROM story_search \
                         WHERE story_search MATCH ?1 LIMIT ?2)",
                    )?
                    .query_row(params![phrase, FEW_STORIES], |r| r.get(0))?;
                if hits < FEW_STORIES {
                    PageSource::FewStories
                } else {
                    PageSource::ManyStories
                }
            }
        };
        let mut stmt = self.conn.prepare_cached(&history_page_sql(source))?;
        let mut values = f.values(&from, &to).to_vec();
        values.extend([&cursor_local as &dyn ToSql, &cursor_id, &limit]);
        let seconds = (
            from.saturating_mul(86_400),
            to.saturating_mul(86_400).saturating_add(86_399),
        );
        if let Some(phrase) = &f.story_phrase {
            values.extend([phrase as &dyn ToSql, &seconds.0, &seconds.1]);
        }
        let mut rows = stmt.query(values.as_slice())?;
        let mut contacts = Vec::new();
        while let Some(row) = rows.next()? {
            contacts.push(contact_from_row(row)??);
        }
        let next = (contacts.len() == limit as usize)
            .then(|| contacts.last())
            .flatten()
            .map(|c| HistoryCursor {
                local: split_time(&c.occurred_at).0,
                id: c.id,
            });
        Ok(HistoryPage { contacts, next })
    }

    /// How many contacts match `query`. A query by dates only adds up the per-day counts;
    /// a story text the trigram index can find reads only the matching contacts.
    pub fn history_count(&self, query: &HistoryQuery) -> Result<u64> {
        let (from, to) = day_range(query.from, query.to);
        let dates_only = HistoryQuery {
            from: query.from,
            to: query.to,
            ..HistoryQuery::default()
        };
        if *query == dates_only {
            let total: i64 = self.conn.query_row(
                "SELECT coalesce(sum(total), 0) FROM day_count WHERE day BETWEEN ?1 AND ?2",
                [from, to],
                |r| r.get(0),
            )?;
            return Ok(total.max(0) as u64);
        }
        let f = HistoryParams::of(query);
        let sql = history_count_sql(f.story_phrase.is_some());
        let mut values = f.values(&from, &to).to_vec();
        if let Some(phrase) = &f.story_phrase {
            values.push(phrase);
        }
        let count: i64 = self
            .conn
            .prepare_cached(&sql)?
            .query_row(values.as_slice(), |r| r.get(0))?;
        Ok(count.max(0) as u64)
    }

    /// Writes `contact` back as it was: inserts it if it was deleted, replaces it if it
    /// was changed. This is the history's Undo for both.
    pub fn put_contact(&mut self, contact: &Contact) -> Result<()> {
        if self.get_contact(contact.id)?.is_some() {
            self.update_contact(contact)
        } else {
            self.insert_contact(contact)
        }
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

    /// Runs `f` inside one transaction that is committed only if `f` succeeds.
    pub fn in_transaction<T, E>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        // Immediate (see `prepare`): the write lock is held from the start.
        let tx = self.conn.transaction().map_err(StoreError::from)?;
        let value = f(&tx)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(value)
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

    /// Applies the team's story retention as of `today`: stories older than the set
    /// number of months are deleted. Returns how many, or `None` when retention is off.
    pub fn apply_story_retention(&mut self, today: NaiveDate) -> Result<Option<u64>> {
        let Some(months) = self.get_settings()?.story_retention_months else {
            return Ok(None);
        };
        let cutoff = retention_cutoff(today, months);
        self.purge_stories_before(cutoff).map(Some)
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

    pub fn update_settings(&mut self, settings: &Settings) -> Result<()> {
        let chars = settings.team_name.trim().chars().count();
        if chars > 80 {
            return Err(domain::DomainError::TeamNameTooLong(chars).into());
        }
        if !(0.0..=1.0).contains(&settings.target_golden_share) {
            return Err(
                domain::DomainError::BadTarget(settings.target_golden_share.to_string()).into(),
            );
        }
        domain::check_control_characters(&settings.team_name, "team name")?;
        if let Some(months) = settings.story_retention_months {
            if !(1..=120).contains(&months) {
                return Err(domain::DomainError::BadRetention(months.to_string()).into());
            }
        }
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

/// The filters of [`HistoryQuery`] as SQL, parameters ?3 to ?9 (see [`HistoryParams`]).
/// `contains_folded` decides the story text also where the trigram index found the rows:
/// the index may find a few more (it folds `ſ` to `s`, for one), never fewer.
const HISTORY_WHERE: &str = "(?3 IS NULL OR c.golden = ?3) \
    AND (?4 IS NULL OR c.channel = ?4) \
    AND (c.motives & ?5) = ?5 AND (c.perspectives & ?6) = ?6 \
    AND (NOT ?9 OR m.name = ?7) \
    AND (?8 IS NULL OR contains_folded(c.note, ?8))";

/// Where a history page's contacts come from.
#[derive(Debug, Clone, Copy)]
enum PageSource {
    /// Every contact, along the time index.
    Contacts,
    /// The stories the index finds, sorted by time: for a search with few hits.
    FewStories,
    /// The stories in time order, each looked up among the hits: for a search with many,
    /// which fills a page after a short walk.
    ManyStories,
}

/// Up to this many hits a search sorts them; from here on, walking the stories in time
/// order is the cheaper way to the newest ones.
const FEW_STORIES: i64 = 1000;

/// The SQL of a history page. Parameters: ?1 to ?9 from [`HistoryParams::values`], the
/// cursor's time and id ?10 and ?11, the page size ?12 and, for stories, the phrase ?13
/// and the local seconds ?14 to ?15 that the days ?1 to ?2 span. Stories come newest
/// first from the small `story` table; only the contacts shown, and those the other
/// filters drop on the way, are read.
fn history_page_sql(source: PageSource) -> String {
    let stories = match source {
        PageSource::Contacts => None,
        PageSource::FewStories => Some(
            "FROM story_search CROSS JOIN story s \
             WHERE story_search MATCH ?13 AND s.id = story_search.rowid",
        ),
        PageSource::ManyStories => Some(
            "FROM story s INDEXED BY story_by_time \
             WHERE s.id IN (SELECT rowid FROM story_search WHERE story_search MATCH ?13)",
        ),
    };
    if let Some(stories) = stories {
        format!(
            "SELECT {CONTACT_COLUMNS} FROM ( \
               SELECT s.occurred_local AS local, s.contact_id AS id {stories} \
                  AND s.occurred_local BETWEEN ?14 AND ?15 \
                  AND (s.occurred_local, s.contact_id) < (?10, ?11) \
                ORDER BY local DESC, id DESC LIMIT -1) h \
             CROSS JOIN contact c LEFT JOIN member m ON m.id = c.member_id \
             WHERE c.id = h.id AND c.occurred_day BETWEEN ?1 AND ?2 AND {HISTORY_WHERE} \
             ORDER BY h.local DESC, h.id DESC LIMIT ?12"
        )
    } else {
        format!(
            "SELECT {CONTACT_COLUMNS} FROM contact c LEFT JOIN member m ON m.id = c.member_id \
             WHERE c.occurred_day BETWEEN ?1 AND ?2 AND {HISTORY_WHERE} \
               AND (c.occurred_local < ?10 OR (c.occurred_local = ?10 AND c.id < ?11)) \
             ORDER BY c.occurred_day DESC, c.occurred_local DESC, c.id DESC LIMIT ?12"
        )
    }
}

/// The SQL of a history count: ?1 to ?9 from [`HistoryParams::values`] and, with
/// `indexed`, the story phrase ?10.
fn history_count_sql(indexed: bool) -> String {
    if indexed {
        format!(
            "SELECT count(*) FROM story s CROSS JOIN contact c \
             LEFT JOIN member m ON m.id = c.member_id \
             WHERE s.id IN (SELECT rowid FROM story_search WHERE story_search MATCH ?10) \
               AND c.id = s.contact_id AND c.occurred_day BETWEEN ?1 AND ?2 AND {HISTORY_WHERE}"
        )
    } else {
        format!(
            "SELECT count(*) FROM contact c LEFT JOIN member m ON m.id = c.member_id \
             WHERE c.occurred_day BETWEEN ?1 AND ?2 AND {HISTORY_WHERE}"
        )
    }
}

/// A history query's filters as the values [`HISTORY_WHERE`] binds.
struct HistoryParams {
    golden: Option<u8>,
    channel: Option<u8>,
    motives: i64,
    perspectives: i64,
    member: Option<String>,
    text: Option<String>,
    has_member: bool,
    /// The FTS5 query for `text`, when the trigram index can find it.
    story_phrase: Option<String>,
}

impl HistoryParams {
    fn of(q: &HistoryQuery) -> Self {
        let text = q
            .text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_lowercase);
        HistoryParams {
            golden: q.rating.map(Code::db_id),
            channel: q.channel.map(Code::db_id),
            motives: tags_to_mask(&q.motive.into_iter().collect()),
            perspectives: tags_to_mask(&q.perspective.into_iter().collect()),
            member: q.member.clone(),
            has_member: q.member.is_some(),
            story_phrase: text.as_deref().and_then(story_phrase),
            text,
        }
    }

    /// Parameters ?1 to ?9: the day range and the filters.
    fn values<'a>(&'a self, from: &'a i64, to: &'a i64) -> [&'a dyn ToSql; 9] {
        [
            from,
            to,
            &self.golden,
            &self.channel,
            &self.motives,
            &self.perspectives,
            &self.member,
            &self.text,
            &self.has_member,
        ]
    }
}

/// The FTS5 query for `story_search` that finds every story whose lower-cased text holds
/// `needle` (lower-cased already), or `None` when the index cannot promise that and the
/// history reads every contact instead: below three characters (the index holds
/// trigrams), or with a character the index might fold other than Rust's lower-casing.
fn story_phrase(needle: &str) -> Option<String> {
    // `İ` lower-cases to `i` and U+0307, but the index keeps it as one character, so a
    // trailing `i` may be half of it. Elsewhere such an `i` is followed by U+0307, which
    // no phrase contains.
    let indexed = needle.strip_suffix('i').unwrap_or(needle);
    if indexed.chars().count() < 3 || !indexed.chars().all(folds_like_rust) {
        return None;
    }
    // An FTS5 string: inside double quotes every character is literal but `"`, doubled.
    Some(format!("\"{}\"", indexed.replace('"', "\"\"")))
}

/// Characters whose every upper-case form the trigram tokenizer folds as Rust's
/// `to_lowercase` does (checked over all of Unicode in this module's tests): Latin up to
/// Latin Extended-B, Greek, Cyrillic, punctuation, symbols and emoji. Left out are `ƛ`
/// and `ϳ`, whose capitals are newer than the tokenizer's case table.
fn folds_like_rust(c: char) -> bool {
    matches!(
        c,
        '\u{1}'..='\u{19A}'
            | '\u{19C}'..='\u{24F}'
            | '\u{370}'..='\u{3F2}'
            | '\u{3F4}'..='\u{4FF}'
            | '\u{2000}'..='\u{2BFF}'
            | '\u{1F000}'..='\u{1FAFF}'
    )
}

/// SQLite's error in words a person can act on: a full disk and a damaged file say what
/// happened to the data and what to do.
fn describe_sqlite(e: &rusqlite::Error) -> String {
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

impl StoreError {
    /// Whether the file itself is damaged (SQLite found it malformed or not a database).
    pub fn is_damaged(&self) -> bool {
        matches!(self, StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _))
            if matches!(f.code, rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase))
    }

    /// Whether the disk is full.
    pub fn is_disk_full(&self) -> bool {
        matches!(self, StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _))
            if f.code == rusqlite::ErrorCode::DiskFull)
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

/// `contains_folded(haystack, needle)`: whether `haystack` holds the already lower-cased
/// `needle`, ignoring case beyond ASCII (SQLite's LIKE folds only A–Z, not Ä or Ü).
fn register_functions(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_scalar_function(
        "contains_folded",
        2,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let haystack = ctx.get_raw(0).as_str_or_null().unwrap_or(None);
            let needle = ctx.get_raw(1).as_str_or_null().unwrap_or(None);
            Ok(match (haystack, needle) {
                (Some(h), Some(n)) => h.to_lowercase().contains(n),
                _ => false,
            })
        },
    )
}

/// The insert used by logging and by imports; an id already present is left alone.
pub(crate) const INSERT_CONTACT: &str = "INSERT INTO contact (id, occurred_local, occurred_offset, \
    logged_at, logged_offset, member_id, golden, channel, phase, purpose, motives, perspectives, \
    note, share_in_review, nps) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) \
    ON CONFLICT (id) DO NOTHING";

/// Runs [`INSERT_CONTACT`]; returns false when the id was already present.
pub(crate) fn insert_with(
    stmt: &mut rusqlite::CachedStatement<'_>,
    contact: &Contact,
    member_id: Option<i64>,
) -> Result<bool> {
    let changed = stmt.execute(row_values(contact, member_id))?;
    Ok(changed == 1)
}

/// The 15 values of a contact's row, in the parameter order of [`INSERT_CONTACT`] and of
/// the UPDATE in [`Store::update_contact`].
#[allow(clippy::type_complexity)]
fn row_values(
    contact: &Contact,
    member_id: Option<i64>,
) -> (
    &[u8],
    i64,
    i32,
    i64,
    i32,
    Option<i64>,
    u8,
    Option<u8>,
    Option<u8>,
    Option<u8>,
    i64,
    i64,
    Option<&str>,
    bool,
    Option<u8>,
) {
    let (local, offset) = split_time(&contact.occurred_at);
    (
        contact.id.as_bytes().as_slice(),
        local,
        offset,
        contact.logged_at.timestamp(),
        contact.logged_at.offset().local_minus_utc() / 60,
        member_id,
        contact.rating.db_id(),
        contact.channel.map(Code::db_id),
        contact.phase.map(Code::db_id),
        contact.purpose.map(Code::db_id),
        tags_to_mask(&contact.motives),
        tags_to_mask(&contact.perspectives),
        contact.note.as_deref(),
        contact.share_in_review,
        contact.nps,
    )
}

/// Inserts a new contact inside `tx`; its member, if named, must exist.
fn insert_checked(tx: &Transaction<'_>, contact: &Contact) -> Result<()> {
    let member_id = match &contact.member {
        Some(name) => Some(
            member_id_by_name(tx, name)?
                .ok_or_else(|| StoreError::UnknownMember(domain::shorten(name, 80)))?,
        ),
        None => None,
    };
    let mut stmt = tx.prepare_cached(INSERT_CONTACT)?;
    if !insert_with(&mut stmt, contact, member_id)? {
        return Err(StoreError::DuplicateContact(contact.id));
    }
    Ok(())
}

fn get_contact_in(conn: &Connection, id: Uuid) -> Result<Option<Contact>> {
    let sql = format!(
        "SELECT {CONTACT_COLUMNS} FROM contact c LEFT JOIN member m ON m.id = c.member_id \
         WHERE c.id = ?1"
    );
    conn.prepare_cached(&sql)?
        .query_row([id.as_bytes().as_slice()], contact_from_row)
        .optional()?
        .transpose()
}

fn get_member_in(conn: &Connection, id: i64) -> Result<Member> {
    Ok(conn.query_row(
        "SELECT id, name, active FROM member WHERE id = ?1",
        [id],
        |r| {
            Ok(Member {
                id: r.get(0)?,
                name: r.get(1)?,
                active: r.get(2)?,
            })
        },
    )?)
}

/// A pseudonymous id of this computer and account: a UUID v5 of the host and user name,
/// so `undo` takes back only what was logged here, even on a shared database, without
/// storing either name.
pub fn this_device() -> String {
    static DEVICE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DEVICE
        .get_or_init(|| {
            let host = std::fs::read_to_string("/etc/hostname")
                .ok()
                .or_else(|| std::env::var("COMPUTERNAME").ok())
                .or_else(|| std::env::var("HOSTNAME").ok())
                .unwrap_or_default();
            let user = std::env::var("USER")
                .or_else(|_| std::env::var("USERNAME"))
                .unwrap_or_default();
            let name = format!("{}\u{1f}{}", host.trim(), user.trim());
            Uuid::new_v5(&DEVICE_NAMESPACE, name.as_bytes()).to_string()
        })
        .clone()
}

/// The namespace of [`this_device`] ids.
const DEVICE_NAMESPACE: Uuid = Uuid::from_u128(0x6d75_726d_656c_676c_6173_0000_0000_0002);

pub(crate) fn member_id_by_name(conn: &Connection, name: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM member WHERE name = ?1")?
        .query_row([name.trim()], |r| r.get(0))
        .optional()?)
}

/// Local wall-clock seconds and offset minutes, as the contact table stores them.
fn split_time(dt: &DateTime<FixedOffset>) -> (i64, i32) {
    (
        dt.naive_local().and_utc().timestamp(),
        dt.offset().local_minus_utc() / 60,
    )
}

fn offset_minutes(minutes: i64) -> Result<FixedOffset> {
    i32::try_from(minutes * 60)
        .ok()
        .and_then(FixedOffset::east_opt)
        .ok_or_else(|| StoreError::Corrupt(format!("UTC offset of {minutes} minutes")))
}

fn day_range(from: Option<NaiveDate>, to: Option<NaiveDate>) -> (i64, i64) {
    (
        from.map_or(i64::MIN, day_number),
        to.map_or(i64::MAX, day_number),
    )
}

/// Maps a row selected with [`CONTACT_COLUMNS`]. The outer error is SQLite's, the inner
/// one a value the schema allows but this version cannot read.
pub(crate) fn contact_from_row(r: &Row<'_>) -> rusqlite::Result<Result<Contact>> {
    let id: [u8; 16] = r.get(0)?;
    let local: i64 = r.get(1)?;
    let occurred_offset: i64 = r.get(2)?;
    let logged_at: i64 = r.get(3)?;
    let logged_offset: i64 = r.get(4)?;
    let member: Option<String> = r.get(5)?;
    let golden: i64 = r.get(6)?;
    let channel: Option<i64> = r.get(7)?;
    let phase: Option<i64> = r.get(8)?;
    let purpose: Option<i64> = r.get(9)?;
    let motives: i64 = r.get(10)?;
    let perspectives: i64 = r.get(11)?;
    let note: Option<String> = r.get(12)?;
    let share_in_review: bool = r.get(13)?;
    let nps: Option<u8> = r.get(14)?;
    Ok((|| {
        let occ_off = offset_minutes(occurred_offset)?;
        let log_off = offset_minutes(logged_offset)?;
        let occurred_at = occ_off
            .timestamp_opt(local - occurred_offset * 60, 0)
            .single()
            .ok_or_else(|| StoreError::Corrupt(format!("time {local}")))?;
        let logged_at = log_off
            .timestamp_opt(logged_at, 0)
            .single()
            .ok_or_else(|| StoreError::Corrupt(format!("time {logged_at}")))?;
        Ok(Contact {
            id: Uuid::from_bytes(id),
            occurred_at,
            logged_at,
            member,
            rating: Rating::from_db_id(golden)
                .ok_or_else(|| StoreError::Corrupt(format!("rating {golden}")))?,
            channel: decode(channel)?,
            phase: decode::<Phase>(phase)?,
            purpose: decode::<Purpose>(purpose)?,
            motives: tags_from_mask(motives),
            perspectives: tags_from_mask(perspectives),
            note,
            share_in_review,
            nps,
        })
    })())
}

fn decode<T: Code>(id: Option<i64>) -> Result<Option<T>> {
    id.map(|i| T::from_db_id(i).ok_or_else(|| StoreError::Corrupt(format!("{} {i}", T::KIND))))
        .transpose()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// How the trigram tokenizer folds each of `chars`: index one three-character
    /// document per character and read its trigram back.
    fn trigram_folds(chars: &[char]) -> BTreeMap<char, char> {
        let conn = Connection::open_in_memory().expect("open");
        conn.execute_batch(
            "CREATE VIRTUAL TABLE t USING fts5 (x, tokenize = 'trigram case_sensitive 0'); \
             CREATE VIRTUAL TABLE terms USING fts5vocab (t, 'instance');",
        )
        .expect("tables");
        let mut insert = conn
            .prepare("INSERT INTO t (rowid, x) VALUES (?1, ?2)")
            .expect("insert");
        for &c in chars {
            insert
                .execute(params![u32::from(c), format!("{c}##")])
                .expect("insert");
        }
        let mut read = conn.prepare("SELECT doc, term FROM terms").expect("read");
        let rows = read
            .query_map([], |r| Ok((r.get::<_, u32>(0)?, r.get::<_, String>(1)?)))
            .expect("read");
        rows.map(|row| {
            let (doc, term) = row.expect("row");
            let c = char::from_u32(doc).expect("a character");
            (c, term.chars().next().expect("a trigram"))
        })
        .collect()
    }

    /// The promise `story_phrase` relies on: where the story's lower-cased text holds a
    /// character `folds_like_rust` admits, the story itself holds a character that the
    /// tokenizer folds to what it folds that character to. So the index finds every
    /// story the scan finds. Checked over every character Rust knows.
    #[test]
    fn folds_like_rust_agrees_with_the_trigram_tokenizer_over_all_of_unicode() {
        let mut pairs = Vec::new();
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let lower: Vec<char> = c.to_lowercase().collect();
            for &x in lower.iter().filter(|&&x| folds_like_rust(x)) {
                pairs.push((c, x, lower.clone()));
            }
        }
        // Σ lower-cases to ς at the end of a word (only `str::to_lowercase` knows).
        pairs.push(('Σ', 'ς', vec!['ς']));
        let mut chars: Vec<char> = pairs.iter().flat_map(|&(c, x, _)| [c, x]).collect();
        chars.sort_unstable();
        chars.dedup();
        let fold = trigram_folds(&chars);
        assert_eq!(fold.len(), chars.len(), "every character yields a trigram");
        let mut checked = 0;
        for (c, x, lower) in pairs {
            if c == 'İ' {
                // Lower-cased to `i` and U+0307; `story_phrase` leaves a trailing `i` out.
                assert_eq!(lower, ['i', '\u{307}']);
                assert!(!folds_like_rust('\u{307}'));
                continue;
            }
            assert_eq!(lower, [x], "{c:?} lower-cases to more than {x:?}");
            assert_eq!(fold[&c], fold[&x], "{c:?} and {x:?} fold apart");
            checked += 1;
        }
        assert!(checked > 6000, "{checked}");
    }

    #[test]
    fn story_phrase_quotes_the_needle_or_leaves_it_to_the_scan() {
        assert_eq!(story_phrase("ab"), None);
        assert_eq!(story_phrase("abc").as_deref(), Some("\"abc\""));
        assert_eq!(story_phrase("ärger").as_deref(), Some("\"ärger\""));
        assert_eq!(
            story_phrase("sag \"ja\"").as_deref(),
            Some("\"sag \"\"ja\"\"\"")
        );
        assert_eq!(story_phrase("a* OR b").as_deref(), Some("\"a* OR b\""));
        // A trailing `i` may be half of `İ`: the phrase leaves it out.
        assert_eq!(story_phrase("frei").as_deref(), Some("\"fre\""));
        assert_eq!(story_phrase("hai"), None);
        assert_eq!(story_phrase("東京都"), None);
        assert_eq!(story_phrase("a\u{307}bc"), None);
    }

    fn plan(store: &Store, sql: &str, values: &[&dyn ToSql]) -> Vec<String> {
        let mut stmt = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .expect("explain");
        let rows = stmt
            .query_map(values, |r| r.get::<_, String>(3))
            .expect("plan");
        rows.collect::<Result<_, _>>().expect("plan rows")
    }

    /// A search that matches few stories must not walk every contact, in time order or not.
    #[test]
    fn an_indexed_search_starts_from_the_index_and_reads_contacts_by_id() {
        let store = Store::open_in_memory().expect("store");
        let f = HistoryParams::of(&HistoryQuery {
            rating: Some(Rating::Golden),
            channel: Some(Channel::Phone),
            text: Some("ärger".into()),
            ..HistoryQuery::default()
        });
        let phrase = f.story_phrase.clone().expect("indexed");
        let (from, to) = day_range(None, None);
        let cursor_local = i64::MAX;
        let cursor_id = vec![0xff_u8; 17];
        let limit = 100_i64;
        let mut values = f.values(&from, &to).to_vec();
        values.extend([
            &cursor_local as &dyn ToSql,
            &cursor_id,
            &limit,
            &phrase,
            &from,
            &to,
        ]);
        let few = plan(&store, &history_page_sql(PageSource::FewStories), &values);
        let many = plan(&store, &history_page_sql(PageSource::ManyStories), &values);
        let mut values = f.values(&from, &to).to_vec();
        values.push(&phrase);
        let count = plan(&store, &history_count_sql(true), &values);
        for steps in [&few, &many, &count] {
            assert!(
                steps
                    .iter()
                    .any(|s| s.starts_with("SCAN story_search VIRTUAL TABLE")),
                "{steps:#?}"
            );
            assert!(
                steps
                    .iter()
                    .any(|s| s == "SEARCH c USING PRIMARY KEY (id=?)"),
                "{steps:#?}"
            );
            assert!(
                !steps
                    .iter()
                    .any(|s| s.contains("contact_by_time") || s.starts_with("SCAN c")),
                "{steps:#?}"
            );
        }
        // Few hits are sorted once, in the small `story` table, not after reading
        // contacts; many are walked in time order there, and nothing is sorted.
        assert!(
            few.iter()
                .any(|s| s == "SEARCH s USING INTEGER PRIMARY KEY (rowid=?)"),
            "{few:#?}"
        );
        let sorts = few.iter().filter(|s| s.contains("TEMP B-TREE")).count();
        assert_eq!(sorts, 1, "{few:#?}");
        assert!(
            many.iter()
                .any(|s| s.starts_with("SEARCH s USING COVERING INDEX story_by_time")),
            "{many:#?}"
        );
        assert!(!many.iter().any(|s| s.contains("TEMP B-TREE")), "{many:#?}");
    }
}
