//! Backups: made with the online backup API, rotated, restored into the live database, and
//! the `murmelglas backup` commands.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Days, FixedOffset, NaiveDate};
use murmelglas::backup::{
    self, BackupError, BackupFolder, BackupInfo, BackupReason, DEFAULT_FOLDER_NAME,
};
use murmelglas::store::{Store, APPLICATION_ID, SCHEMA_VERSION};
use murmelglas::{Channel, Contact, Motive, Rating};
use predicates::prelude::*;
use rusqlite::{Connection, OpenFlags};
use serde_json::Value;

use crate::common::{all_contacts, bytes, cli, temp_db};

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("valid RFC 3339")
}

/// Three contacts, one of them with a member, tags and a story.
fn fill(store: &mut Store) -> Vec<Contact> {
    store.insert_member("Anna").expect("member");
    let mut told = Contact::new(Rating::Golden, at("2026-11-23T10:30:00+01:00"));
    told.member = Some("Anna".into());
    told.channel = Some(Channel::Phone);
    told.motives = [Motive::Speed, Motive::Recognition].into();
    told.note = Some("Kundin rief zurück, um sich zu bedanken.".into());
    told.share_in_review = true;
    let contacts = vec![
        told,
        Contact::new(Rating::Ordinary, at("2026-11-23T11:00:00+01:00")),
        Contact::new(Rating::Golden, at("2026-11-24T09:15:00+01:00")),
    ];
    for c in &contacts {
        store.insert_contact(c).expect("insert");
    }
    contacts
}

/// The contacts of a backup file, read from a copy so the backup itself stays untouched.
fn contacts_in(backup: &Path) -> Vec<Contact> {
    let dir = tempfile::tempdir().expect("temp dir");
    let copy = dir.path().join("copy.sqlite3");
    std::fs::copy(backup, &copy).expect("copy backup");
    all_contacts(&Store::open(&copy).expect("open copy"))
}

/// A hash of the database file and of its WAL: everything a write would change.
fn db_hash(db: &Path) -> (u64, Option<u64>) {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let hash = |data: Vec<u8>| {
        let mut h = DefaultHasher::new();
        data.hash(&mut h);
        h.finish()
    };
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    (
        hash(bytes(db)),
        std::fs::read(PathBuf::from(wal)).ok().map(hash),
    )
}

fn ids(backups: &[BackupInfo]) -> Vec<&str> {
    backups.iter().map(|b| b.id.as_str()).collect()
}

fn integrity(conn: &Connection) -> String {
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check")
}

#[test]
fn create_change_restore_gives_back_the_backups_contacts() {
    let db = temp_db();
    let mut store = db.open();
    let original = fill(&mut store);
    let folder = BackupFolder::beside(&db.path);
    assert_eq!(folder.path(), db.dir.path().join(DEFAULT_FOLDER_NAME));

    let made = folder
        .create(
            &store,
            BackupReason::Manual,
            at("2026-12-01T19:30:05+01:00"),
        )
        .expect("backup");
    assert_eq!(made.id, "20261201-193005-manual");
    assert_eq!(made.reason, BackupReason::Manual);
    assert_eq!(
        made.path,
        folder
            .path()
            .join("murmelglas-20261201-193005-manual.sqlite3")
    );
    assert_eq!(made.size_bytes, bytes(&made.path).len() as u64);
    let backed_up = all_contacts(&store);
    assert_eq!(backed_up.len(), original.len());
    assert_eq!(contacts_in(&made.path), backed_up);

    // Change: two more contacts, one of the backed-up ones deleted, another amended.
    store
        .insert_contact(&Contact::new(
            Rating::Golden,
            at("2026-12-01T20:00:00+01:00"),
        ))
        .expect("insert");
    store
        .insert_contact(&Contact::new(
            Rating::Ordinary,
            at("2026-12-01T20:05:00+01:00"),
        ))
        .expect("insert");
    store.delete_contact(original[1].id).expect("delete");
    let mut amended = original[0].clone();
    amended.note = Some("Doch nicht so golden.".into());
    amended.rating = Rating::Ordinary;
    store.update_contact(&amended).expect("update");
    let changed = all_contacts(&store);
    assert_eq!(changed.len(), 4);
    assert_ne!(changed, backed_up);

    let backup_file = bytes(&made.path);
    let done = folder
        .restore(&store, &made.id, at("2026-12-02T08:00:00+01:00"))
        .expect("restore");
    assert_eq!(done.restored, made);
    assert_eq!((done.contacts_before, done.contacts_after), (4, 3));
    // The store that restored sees the backup's contacts, and so does the file.
    assert_eq!(all_contacts(&store), backed_up);
    drop(store);
    let reopened = db.open();
    assert_eq!(all_contacts(&reopened), backed_up);
    assert_eq!(
        integrity(reopened.connection().expect("a SQLite file")),
        "ok"
    );
    let journal: String = reopened
        .connection()
        .expect("a SQLite file")
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("journal_mode");
    assert_eq!(journal, "wal");
    // The story index came back with the contacts.
    let query = murmelglas::store::HistoryQuery {
        text: Some("bedanken".into()),
        ..Default::default()
    };
    assert_eq!(reopened.history_count(&query).expect("count"), 1);
    assert_eq!(bytes(&made.path), backup_file, "the backup is only read");

    // The safety backup holds the changed state.
    let safety = &done.safety;
    assert_eq!(safety.reason, BackupReason::BeforeRestore);
    assert_eq!(safety.id, "20261202-080000-before-restore");
    assert_eq!(contacts_in(&safety.path), changed);
    let listed = folder.list().expect("list");
    assert_eq!(
        ids(&listed),
        ["20261202-080000-before-restore", "20261201-193005-manual"]
    );
}

#[test]
fn a_backup_is_a_private_self_contained_sqlite_file() {
    let db = temp_db();
    let mut store = db.open();
    fill(&mut store);
    let folder = BackupFolder::beside(&db.path);
    let made = folder
        .create(&store, BackupReason::Daily, at("2026-12-01T08:00:00+01:00"))
        .expect("backup");
    let file = bytes(&made.path);
    assert_eq!(&file[..16], b"SQLite format 3\0");
    // Bytes 18 and 19: 1 is a rollback journal, 2 would be WAL with -wal/-shm beside it.
    assert_eq!((file[18], file[19]), (1, 1));
    assert_eq!(
        i32::from_be_bytes([file[68], file[69], file[70], file[71]]),
        APPLICATION_ID
    );
    let names: BTreeSet<String> = std::fs::read_dir(folder.path())
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        BTreeSet::from(["murmelglas-20261201-080000-daily.sqlite3".to_string()]),
        "no temporary file or journal is left"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode(&made.path), 0o600);
        assert_eq!(mode(folder.path()), 0o700);
    }
    let read = Connection::open_with_flags(&made.path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("open backup");
    let count: i64 = read
        .query_row("SELECT count(*) FROM contact_readable", [], |r| r.get(0))
        .expect("count");
    assert_eq!(count, 3);
    drop(read);
    assert_eq!(bytes(&made.path), file);
}

/// One backup a day at 08:00 for 60 days (Tue 1.9. to Fri 30.10.2026), plus a second try
/// each afternoon.
#[test]
fn rotation_over_sixty_days_keeps_seven_daily_and_four_weekly() {
    let db = temp_db();
    let mut store = db.open();
    fill(&mut store);
    let folder = BackupFolder::beside(&db.path);
    let first = NaiveDate::from_ymd_opt(2026, 9, 1).expect("date");
    for n in 0..60 {
        let day = first + Days::new(n);
        let morning = at(&format!("{day}T08:00:00+02:00"));
        let made = folder.daily_if_due(&store, morning).expect("daily");
        assert!(made.is_some(), "first use on {day} makes the daily backup");
        let afternoon = at(&format!("{day}T16:30:00+02:00"));
        assert_eq!(folder.daily_if_due(&store, afternoon).expect("daily"), None);
        let backups = folder.list().expect("list");
        assert_eq!(backups[0].created.date(), day);
        if n < 7 {
            assert_eq!(
                backups.len(),
                n as usize + 1,
                "nothing goes in the first week"
            );
        }
        assert!(backups.len() <= 11, "{} after {day}", backups.len());
    }
    let kept: Vec<String> = folder
        .list()
        .expect("list")
        .iter()
        .map(|b| b.created.date().to_string())
        .collect();
    assert_eq!(
        kept,
        [
            // The newest seven days.
            "2026-10-30",
            "2026-10-29",
            "2026-10-28",
            "2026-10-27",
            "2026-10-26",
            "2026-10-25",
            "2026-10-24",
            // The Sundays ending the four ISO weeks before (42, 41, 40, 39); week 43's
            // newest, Sunday 25.10., is one of the seven.
            "2026-10-18",
            "2026-10-11",
            "2026-10-04",
            "2026-09-27",
        ]
    );

    // Other reasons: the five newest of each; daily ones are left alone.
    for n in 0..7 {
        folder
            .create(
                &store,
                BackupReason::Manual,
                at(&format!("2026-10-30T1{n}:00:00+01:00")),
            )
            .expect("manual");
    }
    let backups = folder.list().expect("list");
    let manual: Vec<&str> = backups
        .iter()
        .filter(|b| b.reason == BackupReason::Manual)
        .map(|b| b.id.as_str())
        .collect();
    assert_eq!(
        manual,
        [
            "20261030-160000-manual",
            "20261030-150000-manual",
            "20261030-140000-manual",
            "20261030-130000-manual",
            "20261030-120000-manual",
        ]
    );
    assert_eq!(backups.len(), 11 + 5);
}

#[test]
fn two_backups_in_one_second_get_two_ids_and_list_newest_first() {
    let db = temp_db();
    let store = db.open();
    let folder = BackupFolder::beside(&db.path);
    let now = at("2026-12-01T12:00:00+01:00");
    let a = folder
        .create(&store, BackupReason::Manual, now)
        .expect("first");
    let b = folder
        .create(&store, BackupReason::Manual, now)
        .expect("second");
    let c = folder
        .create(&store, BackupReason::Daily, now)
        .expect("third");
    assert_eq!(a.id, "20261201-120000-manual");
    assert_eq!(b.id, "20261201-120000-manual-2");
    assert_eq!(
        ids(&folder.list().expect("list")),
        [c.id.as_str(), b.id.as_str(), a.id.as_str()]
    );
}

/// Overwrites pages 2 to 5 of a backup (of a database with a few contacts): b-tree pages.
fn damage(path: &Path) {
    let mut file = bytes(path);
    assert!(file.len() >= 5 * 4096, "the backup has five pages");
    file[4096..5 * 4096].fill(0xAB);
    std::fs::write(path, file).expect("write damaged backup");
}

#[test]
fn a_damaged_backup_is_refused_and_the_database_stays_untouched() {
    let db = temp_db();
    let mut store = db.open();
    fill(&mut store);
    let folder = BackupFolder::beside(&db.path);
    let made = folder
        .create(
            &store,
            BackupReason::Manual,
            at("2026-12-01T10:00:00+01:00"),
        )
        .expect("backup");
    store
        .insert_contact(&Contact::new(
            Rating::Golden,
            at("2026-12-01T11:00:00+01:00"),
        ))
        .expect("insert");
    let contacts = all_contacts(&store);
    damage(&made.path);
    let damaged = bytes(&made.path);

    let before = db_hash(&db.path);
    let err = folder
        .restore(&store, &made.id, at("2026-12-01T12:00:00+01:00"))
        .expect_err("refused");
    assert!(matches!(err, BackupError::Damaged { .. }), "{err:?}");
    assert!(
        err.to_string().contains("the database was not changed"),
        "{err}"
    );
    assert_eq!(db_hash(&db.path), before);
    assert_eq!(all_contacts(&store), contacts);
    assert_eq!(bytes(&made.path), damaged);
    assert_eq!(
        ids(&folder.list().expect("list")),
        [made.id.as_str()],
        "no safety backup for a restore that did not happen"
    );
}

#[test]
fn foreign_and_newer_backups_are_refused() {
    let db = temp_db();
    let store = db.open();
    let folder = BackupFolder::beside(&db.path);
    let made = folder
        .create(
            &store,
            BackupReason::Manual,
            at("2026-12-01T10:00:00+01:00"),
        )
        .expect("backup");
    let before = db_hash(&db.path);

    let newer = folder
        .path()
        .join("murmelglas-20261201-110000-manual.sqlite3");
    std::fs::copy(&made.path, &newer).expect("copy");
    Connection::open(&newer)
        .expect("open")
        .execute_batch(&format!("PRAGMA user_version = {};", SCHEMA_VERSION + 1))
        .expect("pretend a newer version");
    let err = folder
        .restore(
            &store,
            "20261201-110000-manual",
            at("2026-12-01T12:00:00+01:00"),
        )
        .expect_err("refused");
    assert!(matches!(err, BackupError::TooNew { .. }), "{err:?}");

    let foreign = folder
        .path()
        .join("murmelglas-20261201-113000-manual.sqlite3");
    Connection::open(&foreign)
        .expect("create")
        .execute_batch("CREATE TABLE shopping (item TEXT);")
        .expect("someone else's file");
    let err = folder
        .restore(
            &store,
            "20261201-113000-manual",
            at("2026-12-01T12:00:00+01:00"),
        )
        .expect_err("refused");
    assert!(matches!(err, BackupError::Foreign { .. }), "{err:?}");
    assert_eq!(db_hash(&db.path), before);
    assert_eq!(folder.list().expect("list").len(), 3);
}

#[test]
fn a_copy_that_fails_the_integrity_check_leaves_no_backup() {
    let db = temp_db();
    let mut store = db.open();
    fill(&mut store);
    // An index whose declared order no longer matches its entries.
    store
        .connection()
        .expect("a SQLite file")
        .execute_batch(
            "CREATE TABLE scratch (x INTEGER); CREATE INDEX scratch_x ON scratch (x); \
             INSERT INTO scratch VALUES (1), (2), (3); \
             PRAGMA writable_schema = ON; \
             UPDATE sqlite_schema SET sql = 'CREATE INDEX scratch_x ON scratch (x DESC)' \
              WHERE name = 'scratch_x'; \
             PRAGMA writable_schema = OFF;",
        )
        .expect("damage an index");
    drop(store);
    let store = db.open();
    assert_ne!(integrity(store.connection().expect("a SQLite file")), "ok");
    let folder = BackupFolder::beside(&db.path);
    let err = folder
        .create(
            &store,
            BackupReason::Manual,
            at("2026-12-01T10:00:00+01:00"),
        )
        .expect_err("no backup of a damaged database");
    assert!(matches!(err, BackupError::CopyDamaged { .. }), "{err:?}");
    assert!(err.to_string().contains("no backup was kept"), "{err}");
    let left: Vec<_> = std::fs::read_dir(folder.path())
        .expect("folder")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_second_open_connection_reads_the_restored_data() {
    let db = temp_db();
    let mut restorer = db.open();
    fill(&mut restorer);
    let mut other = db.open();
    let folder = BackupFolder::beside(&db.path);
    let made = folder
        .create(
            &restorer,
            BackupReason::Manual,
            at("2026-12-01T10:00:00+01:00"),
        )
        .expect("backup");
    let backed_up = all_contacts(&other);
    other
        .insert_contact(&Contact::new(
            Rating::Ordinary,
            at("2026-12-01T10:30:00+01:00"),
        ))
        .expect("the other one writes");
    assert_eq!(all_contacts(&restorer).len(), 4);
    let raw = Connection::open(&db.path).expect("raw connection");

    folder
        .restore(&restorer, &made.id, at("2026-12-01T11:00:00+01:00"))
        .expect("restore");
    assert_eq!(all_contacts(&other), backed_up);
    let count: i64 = raw
        .query_row("SELECT count(*) FROM contact", [], |r| r.get(0))
        .expect("count");
    assert_eq!(count, 3);
    // The other connection writes on, and the restorer sees it.
    let later = Contact::new(Rating::Golden, at("2026-12-01T11:30:00+01:00"));
    other.insert_contact(&later).expect("write after restore");
    assert_eq!(all_contacts(&restorer).len(), 4);
    assert_eq!(integrity(&raw), "ok");
}

/// A file of schema version 2, as that version left it, with one contact.
fn write_version_2(path: &Path) -> Contact {
    let conn = Connection::open(path).expect("raw open");
    conn.execute_batch(include_str!("../../migrations/sqlite/0001_initial.sql"))
        .expect("version 1");
    conn.execute_batch(include_str!(
        "../../migrations/sqlite/0002_default_channel.sql"
    ))
    .expect("version 2");
    conn.execute_batch(&format!(
        "PRAGMA user_version = 2; PRAGMA application_id = {APPLICATION_ID}; \
         PRAGMA journal_mode = WAL;"
    ))
    .expect("header");
    let c = Contact::new(Rating::Golden, at("2026-06-01T09:00:00+02:00"));
    conn.execute(
        "INSERT INTO contact (id, occurred_local, occurred_offset, logged_at, logged_offset, \
         golden, note) VALUES (?1, ?2, 120, ?3, 120, 1, 'Aus Version 2')",
        rusqlite::params![
            c.id.as_bytes().as_slice(),
            c.occurred_at.naive_local().and_utc().timestamp(),
            c.logged_at.timestamp(),
        ],
    )
    .expect("contact");
    let mut c = c;
    c.note = Some("Aus Version 2".into());
    c
}

#[test]
fn before_migration_backs_up_the_old_file_read_only() {
    let db = temp_db();
    let old = write_version_2(&db.path);
    let before = bytes(&db.path);
    let now = at("2026-12-01T09:00:00+01:00");

    assert_eq!(
        backup::before_migration_at(&db.path, 0, SCHEMA_VERSION, now).expect("new file"),
        None
    );
    assert_eq!(
        backup::before_migration_at(&db.path, SCHEMA_VERSION, SCHEMA_VERSION, now)
            .expect("nothing to migrate"),
        None
    );
    assert_eq!(
        backup::before_migration_at(&db.file("missing.sqlite3"), 2, SCHEMA_VERSION, now)
            .expect("no file"),
        None
    );
    let made = backup::before_migration_at(&db.path, 2, SCHEMA_VERSION, now)
        .expect("backup")
        .expect("made");
    assert_eq!(made.id, "20261201-090000-before-migration");
    assert_eq!(made.reason, BackupReason::BeforeMigration);
    assert_eq!(
        made.path.parent(),
        Some(db.dir.path().join(DEFAULT_FOLDER_NAME).as_path())
    );
    assert!(bytes(&db.path) == before, "the file is only read");
    // A read-only connection to a WAL file may leave an empty WAL beside it, never frames.
    let wal = db.file("test.sqlite3-wal");
    assert!(!wal.exists() || bytes(&wal).is_empty());
    let copy = Connection::open_with_flags(&made.path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("open backup");
    let (version, note): (i64, String) = copy
        .query_row(
            "SELECT (SELECT user_version FROM pragma_user_version), note FROM contact",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("read backup");
    assert_eq!((version, note.as_str()), (2, "Aus Version 2"));
    drop(copy);

    // Restoring that old backup into a current database brings it up to date at once,
    // so the open store keeps working.
    let current = db.file("current.sqlite3");
    let mut store = Store::open(&current).expect("current");
    fill(&mut store);
    let folder = BackupFolder::beside(&current);
    assert_eq!(folder.path(), BackupFolder::beside(&db.path).path());
    let done = folder
        .restore(&store, &made.id, at("2026-12-01T10:00:00+01:00"))
        .expect("restore an older backup");
    assert_eq!((done.contacts_before, done.contacts_after), (3, 1));
    let version: i64 = store
        .connection()
        .expect("a SQLite file")
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(version, SCHEMA_VERSION);
    assert_eq!(all_contacts(&store), vec![old]);
    let query = murmelglas::store::HistoryQuery {
        text: Some("version".into()),
        ..Default::default()
    };
    assert_eq!(store.history_count(&query).expect("search"), 1);
}

#[test]
fn restore_keeps_the_chosen_backup_when_rotation_runs() {
    let db = temp_db();
    let mut store = db.open();
    fill(&mut store);
    let folder = BackupFolder::beside(&db.path);
    let mut made = Vec::new();
    for n in 0..5 {
        let made_at = at(&format!("2026-12-01T10:0{n}:00+01:00"));
        made.push(
            folder
                .create(&store, BackupReason::BeforeRestore, made_at)
                .expect("a before-restore backup"),
        );
    }
    // Restoring the oldest of five before-restore backups adds a sixth.
    let oldest = &made[0];
    folder
        .restore(&store, &oldest.id, at("2026-12-02T09:00:00+01:00"))
        .expect("restore");
    assert!(
        oldest.path.exists(),
        "the chosen backup is not rotated away"
    );
    let before_restore = folder
        .list()
        .expect("list")
        .iter()
        .filter(|b| b.reason == BackupReason::BeforeRestore)
        .count();
    assert_eq!(before_restore, 6);
}

#[test]
fn unknown_and_malformed_ids_say_where_to_look() {
    let db = temp_db();
    let store = db.open();
    let folder = BackupFolder::beside(&db.path);
    let now = at("2026-12-01T10:00:00+01:00");
    let err = folder.restore(&store, "gestern", now).expect_err("bad id");
    assert!(matches!(err, BackupError::BadId(_)), "{err:?}");
    let err = folder
        .restore(&store, "20261130-220000-daily", now)
        .expect_err("unknown");
    assert!(matches!(err, BackupError::UnknownId { .. }), "{err:?}");
    assert!(err.to_string().contains("murmelglas backup list"), "{err}");
    let made = folder
        .create(&store, BackupReason::Manual, now)
        .expect("backup");
    // The file name works as the id too.
    let by_name = folder
        .find(&format!("murmelglas-{}.sqlite3", made.id))
        .expect("found by file name");
    assert_eq!(by_name, made);
}

#[test]
fn the_team_folder_setting() {
    let db = temp_db();
    let store = db.open();
    let has_setting: bool = store
        .connection()
        .expect("a SQLite file")
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM pragma_table_info('settings') \
             WHERE name = 'backup_dir')",
            [],
            |r| r.get(0),
        )
        .expect("schema");
    if !has_setting {
        // Until migration 0006 is in the store's list: no setting, and setting one says so.
        assert_eq!(
            backup::team_folder(store.connection().expect("a SQLite file")).expect("read"),
            None
        );
        let err = backup::set_team_folder(&store, Some(Path::new("x"))).expect_err("no column");
        assert!(matches!(err, BackupError::NoFolderSetting(_)), "{err:?}");
        store
            .connection()
            .expect("a SQLite file")
            .execute_batch(include_str!(
                "../../migrations/sqlite/0006_backup_folder.sql"
            ))
            .expect("migration 0006");
    }
    assert_eq!(
        BackupFolder::of_store(&store).expect("folder"),
        BackupFolder::beside(&db.path)
    );
    backup::set_team_folder(&store, Some(Path::new("shared/backups"))).expect("relative");
    let folder = BackupFolder::of_store(&store).expect("folder");
    assert_eq!(folder.path(), db.dir.path().join("shared/backups"));
    let made = folder
        .create(
            &store,
            BackupReason::Manual,
            at("2026-12-01T10:00:00+01:00"),
        )
        .expect("backup into the team's folder");
    assert!(made.path.starts_with(db.dir.path().join("shared/backups")));

    // A folder that cannot hold backups is refused when set.
    std::fs::write(db.file("a-file"), "not a folder").expect("write");
    let err = backup::set_team_folder(&store, Some(&db.file("a-file"))).expect_err("not a folder");
    assert!(matches!(err, BackupError::Folder { .. }), "{err:?}");
    assert_eq!(BackupFolder::of_store(&store).expect("folder"), folder);

    backup::set_team_folder(&store, None).expect("back to the default");
    assert_eq!(
        BackupFolder::of_store(&store).expect("folder"),
        BackupFolder::beside(&db.path)
    );
}

// ----- the command line -----

fn backups_json(db: &Path) -> Vec<Value> {
    let out = cli(db)
        .args(["backup", "list", "--format", "json"])
        .output()
        .expect("run backup list");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let value: Value = serde_json::from_slice(&out.stdout).expect("backup list prints JSON");
    value.as_array().expect("a JSON array").clone()
}

fn contact_count(db: &Path) -> usize {
    let out = cli(db)
        .args(["list", "--format", "json"])
        .output()
        .expect("run list");
    let value: Value = serde_json::from_slice(&out.stdout).expect("list prints JSON");
    value.as_array().expect("array").len()
}

#[test]
fn cli_daily_backup_comes_with_the_first_write_of_the_day() {
    let db = temp_db();
    cli(&db.path).args(["list"]).assert().success();
    cli(&db.path)
        .args(["backup", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("No backups in"));
    assert!(backups_json(&db.path).is_empty(), "reading makes no backup");
    cli(&db.path).args(["log", "golden"]).assert().success();
    let backups = backups_json(&db.path);
    assert_eq!(backups.len(), 1);
    assert_eq!(backups[0]["reason"], "daily");
    cli(&db.path).args(["log", "08/15"]).assert().success();
    assert_eq!(backups_json(&db.path).len(), 1, "one daily backup a day");
}

#[test]
fn cli_create_list_restore() {
    let db = temp_db();
    cli(&db.path).args(["log", "golden"]).assert().success();
    cli(&db.path)
        .args(["log", "08/15", "--note", "Lange Wartezeit"])
        .assert()
        .success();
    let out = cli(&db.path)
        .args(["backup", "create"])
        .output()
        .expect("create");
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    assert!(stdout.starts_with("Backed up the database as "), "{stdout}");
    let manual = backups_json(&db.path)
        .into_iter()
        .find(|b| b["reason"] == "manual")
        .expect("a manual backup");
    let id = manual["id"].as_str().expect("id").to_string();
    assert!(stdout.contains(&id), "{stdout}");
    assert!(manual["size_bytes"].as_u64().expect("size") > 0);
    cli(&db.path)
        .args(["backup", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains(&id).and(predicate::str::contains("manual")));

    cli(&db.path).args(["log", "golden"]).assert().success();
    cli(&db.path).args(["undo"]).assert().success();
    cli(&db.path).args(["log", "golden"]).assert().success();
    cli(&db.path).args(["log", "golden"]).assert().success();
    assert_eq!(contact_count(&db.path), 4);

    let out = cli(&db.path)
        .args(["backup", "restore", &id])
        .output()
        .expect("restore");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let safety = backups_json(&db.path)
        .into_iter()
        .find(|b| b["reason"] == "before-restore")
        .expect("a safety backup");
    let safety_id = safety["id"].as_str().expect("id");
    assert!(
        stdout.contains(&format!("Restored backup {id} (")),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("murmelglas backup restore {safety_id}")),
        "{stdout}"
    );
    assert!(stdout.contains("Contacts: 4 before, 2 now."), "{stdout}");
    assert_eq!(contact_count(&db.path), 2);

    // And back again: the safety backup holds the four.
    cli(&db.path)
        .args(["backup", "restore", safety_id])
        .assert()
        .success()
        .stdout(predicate::str::contains("Contacts: 2 before, 4 now."));
    assert_eq!(contact_count(&db.path), 4);
}

/// One line on standard error, starting with `murmelglas: `, and exit status 1.
fn one_error_line(out: &std::process::Output) -> String {
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("murmelglas: "), "{stderr}");
    stderr
}

#[test]
fn cli_errors_are_one_line_each_and_change_nothing() {
    let db = temp_db();
    cli(&db.path).args(["log", "golden"]).assert().success();

    let out = cli(&db.path)
        .args(["backup", "restore", "20200101-000000-daily"])
        .output()
        .expect("run");
    let err = one_error_line(&out);
    assert!(
        err.contains("no backup with id 20200101-000000-daily")
            && err.contains("murmelglas backup list"),
        "{err}"
    );
    let out = cli(&db.path)
        .args(["backup", "restore", "letzte"])
        .output()
        .expect("run");
    let err = one_error_line(&out);
    assert!(err.contains("'letzte' is not a backup id"), "{err}");

    // A damaged backup: refused, the database unchanged, no safety backup made.
    let daily = backups_json(&db.path);
    let path = PathBuf::from(daily[0]["path"].as_str().expect("path"));
    damage(&path);
    let before = contact_count(&db.path);
    let out = cli(&db.path)
        .args(["backup", "restore", daily[0]["id"].as_str().expect("id")])
        .output()
        .expect("run");
    let err = one_error_line(&out);
    assert!(
        err.contains("is damaged") && err.contains("the database was not changed"),
        "{err}"
    );
    assert_eq!(contact_count(&db.path), before);
    assert_eq!(backups_json(&db.path).len(), 1);
}

#[test]
fn cli_a_folder_that_cannot_hold_backups() {
    let db = temp_db();
    cli(&db.path).args(["list"]).assert().success();
    // A file where the folder should be: the folder cannot be created (root may write
    // anywhere, so permissions would prove nothing in CI).
    std::fs::write(db.file(DEFAULT_FOLDER_NAME), "in the way").expect("write");
    let out = cli(&db.path)
        .args(["backup", "create"])
        .output()
        .expect("run");
    let err = one_error_line(&out);
    assert!(err.contains("cannot create the backup folder"), "{err}");

    // Logging still works: the daily backup's failure is a warning, not a refusal.
    let out = cli(&db.path).args(["log", "golden"]).output().expect("run");
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("murmelglas: warning: no daily backup: cannot create the backup folder"),
        "{stderr}"
    );
    assert_eq!(contact_count(&db.path), 1);
}

#[test]
fn opening_an_older_file_backs_it_up_before_the_migration() {
    let db = temp_db();
    let old = write_version_2(&db.path);
    let store = db.open();
    assert_eq!(all_contacts(&store), vec![old]);
    let folder = BackupFolder::of_store(&store).expect("folder");
    let backups = folder.list().expect("list");
    assert_eq!(ids(&backups).len(), 1);
    assert_eq!(backups[0].reason, BackupReason::BeforeMigration);
    let copy = Connection::open_with_flags(&backups[0].path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("open backup");
    let (version, note): (i64, String) = copy
        .query_row(
            "SELECT (SELECT user_version FROM pragma_user_version), note FROM contact",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("read backup");
    assert_eq!((version, note), (2, "Aus Version 2".to_string()));
    drop(store);
    // A file at the current version is opened without a backup.
    drop(db.open());
    assert_eq!(folder.list().expect("list").len(), 1);
}

#[test]
fn a_backup_restored_into_a_new_file_leaves_the_broken_database_alone() {
    let db = temp_db();
    let mut store = db.open();
    let original = fill(&mut store);
    let folder = BackupFolder::beside(&db.path);
    let made = folder
        .create(&store, BackupReason::Daily, at("2026-12-01T09:00:00+01:00"))
        .expect("backup");
    drop(store);
    // The live file is broken beyond opening.
    std::fs::write(&db.path, b"not a database any more").expect("break the file");
    let broken = bytes(&db.path);

    let fresh = db.file("restored.sqlite3");
    let restored = folder
        .restore_to_new_file(&made.id, &fresh)
        .expect("restore into a new file");
    assert_eq!(restored, made);
    assert_eq!(all_contacts(&Store::open(&fresh).expect("open")), original);
    assert_eq!(bytes(&db.path), broken, "the broken file is untouched");

    // Never over an existing file, and a damaged backup is refused.
    let err = folder
        .restore_to_new_file(&made.id, &fresh)
        .expect_err("exists");
    assert!(matches!(err, BackupError::DestinationExists(_)), "{err:?}");
    assert_eq!(err.code(), murmelglas::error_code::ErrorCode::FileExists);
    damage(&made.path);
    let other = db.file("other.sqlite3");
    let err = folder
        .restore_to_new_file(&made.id, &other)
        .expect_err("damaged");
    assert!(matches!(err, BackupError::Damaged { .. }), "{err:?}");
    assert!(!other.exists(), "nothing is left behind");
    let leftovers: Vec<_> = std::fs::read_dir(db.dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files left");
}
