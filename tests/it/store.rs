//! The SQLite store: migrations, refusal of files that are not ours, constraints, round trips.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use murmelglas::analytics::{self, Granularity};
use murmelglas::store::{Store, StoreError, APPLICATION_ID, SCHEMA_VERSION};
use murmelglas::{Channel, Contact, Lang, Motive, Perspective, Phase, Purpose, Rating, Settings};
use rusqlite::Connection;

use crate::common::{all_contacts, bytes, temp_db};

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("valid RFC 3339")
}

fn full_contact() -> Contact {
    let mut c = Contact::new(Rating::Golden, at("2026-07-14T10:30:15+02:00"));
    c.logged_at = at("2026-07-14T10:32:00+02:00");
    c.member = Some("Anna".into());
    c.channel = Some(Channel::Phone);
    c.phase = Some(Phase::RepeatPurchase);
    c.purpose = Some(Purpose::Advice);
    c.motives = [Motive::Individuality, Motive::AddedValue].into();
    c.perspectives = [Perspective::BrandPromise, Perspective::Market].into();
    c.note = Some(
        "Kundin wollte kündigen; wir haben \"gemeinsam\" eine Lösung gefunden.\nSie bleibt.".into(),
    );
    c.share_in_review = true;
    c.nps = Some(10);
    c
}

#[test]
fn a_new_file_is_created_and_migrated() {
    let db = temp_db();
    let nested = db.dir.path().join("a/b/new.sqlite3");
    let store = Store::open(&nested).expect("open creates file and folders");
    assert!(nested.exists());
    let conn = store.connection().expect("a SQLite file");
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("user_version");
    let app_id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .expect("application_id");
    let journal: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("journal_mode");
    let foreign_keys: i64 = conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .expect("foreign_keys");
    assert_eq!(version, SCHEMA_VERSION);
    assert_eq!(app_id, APPLICATION_ID);
    assert_eq!(journal, "wal");
    assert_eq!(foreign_keys, 1);
    assert_eq!(store.get_settings().expect("settings"), Settings::default());
}

#[test]
fn reopening_keeps_data_and_does_not_migrate_twice() {
    let db = temp_db();
    let contact = Contact::new(Rating::Ordinary, at("2026-11-20T09:00:00+01:00"));
    db.open().insert_contact(&contact).expect("insert");
    let store = db.open();
    assert_eq!(all_contacts(&store), vec![contact]);
}

#[test]
fn a_newer_schema_is_refused_and_left_untouched() {
    let db = temp_db();
    drop(db.open());
    {
        let conn = Connection::open(&db.path).expect("raw open");
        conn.execute_batch("PRAGMA journal_mode = DELETE; PRAGMA user_version = 99;")
            .expect("pretend a newer version wrote it");
    }
    let before = bytes(&db.path);
    let err = Store::open(&db.path).err().expect("must refuse");
    assert!(
        matches!(err, StoreError::TooNew { found: 99, .. }),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(message.contains("newer Murmelglas"), "{message}");
    assert!(message.contains("not changed"), "{message}");
    assert_eq!(bytes(&db.path), before, "the file must not change");
    assert!(!db.file("test.sqlite3-wal").exists(), "no WAL file created");
}

#[test]
fn a_foreign_database_and_a_non_database_are_refused_untouched() {
    let db = temp_db();
    {
        let conn = Connection::open(&db.path).expect("raw open");
        conn.execute_batch("CREATE TABLE invoices (n INTEGER);")
            .expect("someone else's schema");
    }
    let before = bytes(&db.path);
    let err = Store::open(&db.path).err().expect("must refuse");
    assert!(matches!(err, StoreError::Foreign { .. }), "{err:?}");
    assert_eq!(bytes(&db.path), before);

    let text = db.file("notes.txt");
    std::fs::write(&text, "Einkaufsliste: Brot, Milch, Murmeln\n".repeat(200)).expect("write");
    let before = bytes(&text);
    let err = Store::open(&text).err().expect("must refuse");
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err:?}");
    assert!(err.to_string().contains("not a SQLite database"));
    assert_eq!(bytes(&text), before);
}

#[test]
fn every_field_survives_a_round_trip() {
    let mut store = Store::open_in_memory().expect("store");
    store.insert_member("Anna").expect("member");
    let contact = full_contact();
    store.insert_contact(&contact).expect("insert");
    assert_eq!(
        store.get_contact(contact.id).expect("get"),
        Some(contact.clone())
    );

    let mut changed = contact.clone();
    changed.rating = Rating::Ordinary;
    changed.member = None;
    changed.motives = BTreeSet::new();
    changed.nps = Some(0);
    changed.occurred_at = at("2026-01-02T03:04:05-05:00");
    store.update_contact(&changed).expect("update");
    assert_eq!(
        store.get_contact(contact.id).expect("get"),
        Some(changed.clone())
    );

    let deleted = store.delete_contact(contact.id).expect("delete");
    assert_eq!(deleted, changed);
    assert_eq!(store.get_contact(contact.id).expect("get"), None);
    assert!(matches!(
        store.delete_contact(contact.id),
        Err(StoreError::UnknownContact(_))
    ));
}

#[test]
fn logging_checks_member_and_duplicate_id() {
    let mut store = Store::open_in_memory().expect("store");
    let contact = full_contact();
    let err = store.insert_contact(&contact).expect_err("Anna is unknown");
    assert!(
        err.to_string().contains("no team member named 'Anna'"),
        "{err}"
    );
    store.insert_member("anna").expect("member");
    store
        .insert_contact(&contact)
        .expect("member names match case-insensitively");
    assert!(matches!(
        store.insert_contact(&contact),
        Err(StoreError::DuplicateContact(_))
    ));
    assert_eq!(store.count_contacts().expect("count"), 1);
}

#[test]
fn the_file_itself_rejects_bad_values() {
    let store = Store::open_in_memory().expect("store");
    let conn = store.connection().expect("a SQLite file");
    let insert = |golden: i64, nps: Option<i64>, channel: Option<i64>, note: Option<String>| {
        conn.execute(
            "INSERT INTO contact (id, occurred_local, occurred_offset, logged_at, logged_offset, \
             golden, nps, channel, note) VALUES (randomblob(16), 1800000000, 60, 1800000000, 60, ?1, ?2, ?3, ?4)",
            rusqlite::params![golden, nps, channel, note],
        )
    };
    assert!(insert(1, Some(10), Some(7), Some("ok".into())).is_ok());
    assert!(
        insert(2, None, None, None).is_err(),
        "rating must be 0 or 1"
    );
    assert!(insert(1, Some(11), None, None).is_err(), "NPS 11");
    assert!(
        insert(1, None, Some(8), None).is_err(),
        "channel 8 does not exist"
    );
    assert!(
        insert(1, None, None, Some("x".repeat(4001))).is_err(),
        "story too long"
    );
    assert!(
        conn.execute("INSERT INTO contact (id, occurred_local, occurred_offset, logged_at, logged_offset, golden) \
                      VALUES (x'00', 1, 0, 1, 0, 1)", [])
            .is_err(),
        "an id is 16 bytes"
    );
    assert!(
        conn.execute("UPDATE contact SET golden = 'yes'", [])
            .is_err(),
        "STRICT rejects text in an integer column"
    );
    assert!(
        conn.execute("INSERT INTO contact (id, occurred_local, occurred_offset, logged_at, logged_offset, golden, member_id) \
                      VALUES (randomblob(16), 1, 0, 1, 0, 1, 42)", [])
            .is_err(),
        "member must exist"
    );
}

#[test]
fn undo_removes_only_the_last_contact_logged_here_in_the_last_ten_minutes() {
    use murmelglas::domain::ContactDraft;
    let mut store = Store::open_in_memory().expect("store");
    let now = at("2026-11-23T14:00:00+01:00");
    let draft = |rating, hours_ago| {
        let mut d = ContactDraft::new(rating);
        d.occurred_at = Some(now - Duration::hours(hours_ago));
        d
    };
    let old = store
        .log_contact(draft(Rating::Golden, 1), now - Duration::minutes(11))
        .expect("log");
    assert!(matches!(
        store.undo_last(now),
        Err(StoreError::NothingToUndo)
    ));

    // Logged recently, about a contact from this morning: undo goes by logging time.
    let first = store
        .log_contact(draft(Rating::Ordinary, 5), now - Duration::minutes(3))
        .expect("log");
    let second = store
        .log_contact(draft(Rating::Golden, 6), now - Duration::minutes(1))
        .expect("log");
    // An import (or a put-back) is not something logged here, whatever its times say.
    let mut imported = Contact::new(Rating::Golden, now - Duration::hours(2));
    imported.logged_at = now - Duration::seconds(10);
    store.insert_contact(&imported).expect("insert");
    assert_eq!(store.undo_last(now).expect("undo").id, second.id);
    assert_eq!(store.undo_last(now).expect("undo").id, first.id);
    assert!(matches!(
        store.undo_last(now),
        Err(StoreError::NothingToUndo)
    ));
    let mut left = all_contacts(&store);
    left.sort_by_key(|c| c.id);
    let mut expected = vec![old, imported];
    expected.sort_by_key(|c| c.id);
    assert_eq!(left, expected);
}

#[test]
fn members_add_rename_deactivate() {
    let mut store = Store::open_in_memory().expect("store");
    store.insert_member("  Anna ").expect("trimmed");
    store.insert_member("Ben").expect("add");
    assert!(matches!(
        store.insert_member("ANNA"),
        Err(StoreError::MemberExists(_))
    ));
    assert!(store.insert_member("").is_err());
    let mut c = Contact::new(Rating::Golden, at("2026-11-20T09:00:00+01:00"));
    c.member = Some("Ben".into());
    store.insert_contact(&c).expect("insert");

    store.rename_member("ben", "Benedikt").expect("rename");
    assert_eq!(
        store.get_contact(c.id).expect("get").and_then(|c| c.member),
        Some("Benedikt".into()),
        "contacts follow the rename"
    );
    assert!(matches!(
        store.rename_member("Anna", "benedikt"),
        Err(StoreError::MemberExists(_))
    ));
    store
        .set_member_active("Benedikt", false)
        .expect("deactivate");
    let names = |all| -> Vec<String> {
        store
            .list_members(all)
            .expect("list")
            .into_iter()
            .map(|m| m.name)
            .collect()
    };
    assert_eq!(names(false), vec!["Anna"]);
    assert_eq!(names(true), vec!["Anna", "Benedikt"]);
    assert!(matches!(
        store.set_member_active("Zoe", false),
        Err(StoreError::UnknownMember(_))
    ));
}

#[test]
fn settings_round_trip() {
    let mut store = Store::open_in_memory().expect("store");
    let settings = Settings {
        team_name: "Filiale Nord".into(),
        language: Lang::En,
        week_start: murmelglas::domain::WeekStart::Sunday,
        default_channel: Some(murmelglas::domain::Channel::InPerson),
        hide_team_jar: true,
        anonymous_only: true,
        story_retention_months: Some(18),
    };
    store.update_settings(&settings).expect("save");
    assert_eq!(store.get_settings().expect("load"), settings);
}

#[test]
fn stats_group_by_local_day_and_week() {
    let mut store = Store::open_in_memory().expect("store");
    // 23:30 local on Sunday 22.11. is Monday in UTC: it must count for Sunday, week 47.
    let times = [
        ("2026-11-22T23:30:00+01:00", Rating::Golden),
        ("2026-11-23T08:00:00+01:00", Rating::Golden),
        ("2026-11-23T09:00:00+01:00", Rating::Ordinary),
        ("2026-11-23T00:10:00+01:00", Rating::Ordinary),
    ];
    for (t, r) in times {
        store
            .insert_contact(&Contact::new(r, at(t)))
            .expect("insert");
    }
    let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).expect("date");
    let s = analytics::stats(&store, Some(day(22)), Some(day(22)), None).expect("stats");
    assert_eq!((s.figures.total, s.figures.golden), (1, 1));
    let s = analytics::stats(&store, None, None, Some(Granularity::Week)).expect("stats");
    let series = s.series.expect("series");
    let weeks: Vec<_> = series
        .iter()
        .map(|p| (p.period.as_str(), p.figures.total, p.figures.golden))
        .collect();
    assert_eq!(weeks, vec![("2026-W47", 1, 1), ("2026-W48", 3, 1)]);
    assert_eq!(s.figures.golden_share, Some(0.5));
    let (lo, hi) = (
        s.figures.ci_low.expect("low"),
        s.figures.ci_high.expect("high"),
    );
    assert!(
        (lo - 0.1500).abs() < 1e-4 && (hi - 0.8500).abs() < 1e-4,
        "{lo} {hi}"
    );
}

/// `day_count` must always equal what a full count of `contact` gives.
fn assert_day_counts_consistent(store: &Store) {
    let conn = store.connection().expect("a SQLite file");
    let counted: Vec<(i64, i64, i64)> = conn
        .prepare("SELECT day, total, golden FROM day_count ORDER BY day")
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    let scanned: Vec<(i64, i64, i64)> = conn
        .prepare("SELECT occurred_day, count(*), sum(golden) FROM contact GROUP BY occurred_day ORDER BY occurred_day")
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(counted, scanned);
}

#[test]
fn day_counts_follow_every_kind_of_write() {
    let mut store = Store::open_in_memory().expect("store");
    let a = Contact::new(Rating::Golden, at("2026-11-20T09:00:00+01:00"));
    let b = Contact::new(Rating::Ordinary, at("2026-11-20T10:00:00+01:00"));
    store.insert_contact(&a).expect("insert");
    store.insert_contact(&b).expect("insert");
    assert_day_counts_consistent(&store);

    let mut moved = a.clone();
    moved.occurred_at = at("2026-11-18T09:00:00+01:00");
    moved.rating = Rating::Ordinary;
    store.update_contact(&moved).expect("update");
    assert_day_counts_consistent(&store);

    store.delete_contact(b.id).expect("delete");
    assert_day_counts_consistent(&store);

    let csv =
        "occurred_at,rating\n2026-11-18T11:00:00+01:00,golden\n2026-11-19T11:00:00+01:00,08/15\n";
    murmelglas::import::import_bytes(
        &mut store,
        csv.as_bytes(),
        murmelglas::export::Format::Csv,
        "t.csv",
    )
    .expect("import");
    assert_day_counts_consistent(&store);
    // A failed import leaves counts (and the trigger) as they were.
    let bad =
        "occurred_at,rating\n2026-11-17T11:00:00+01:00,golden\n2026-11-17T12:00:00+01:00,purple\n";
    assert!(murmelglas::import::import_bytes(
        &mut store,
        bad.as_bytes(),
        murmelglas::export::Format::Csv,
        "bad.csv"
    )
    .is_err());
    assert_day_counts_consistent(&store);

    // By hand, as someone with sqlite3 might: the triggers keep the counts right.
    store
        .connection().expect("a SQLite file")
        .execute_batch(
            "INSERT INTO contact (id, occurred_local, occurred_offset, logged_at, logged_offset, golden) \
             VALUES (randomblob(16), 1795000000, 60, 1795000000, 60, 1); \
             UPDATE contact SET golden = 1 - golden; \
             DELETE FROM contact WHERE occurred_local < 1795500000 AND golden = 0;",
        )
        .expect("hand-written SQL");
    assert_day_counts_consistent(&store);
    let triggers: i64 = store
        .connection()
        .expect("a SQLite file")
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(triggers, 3);
}

#[test]
fn details_can_be_added_to_a_contact_after_logging() {
    let mut store = Store::open_in_memory().expect("store");
    store.insert_member("Anna").expect("member");
    let now = at("2026-11-23T14:00:00+01:00");
    let logged = store
        .log_contact(murmelglas::domain::ContactDraft::new(Rating::Golden), now)
        .expect("log");
    let mut draft = murmelglas::domain::ContactDraft::new(Rating::Golden);
    draft.member = Some("Anna".into());
    draft.channel = Some(Channel::Phone);
    draft.motives = [Motive::Speed].into();
    draft.note = Some("Rückruf wie versprochen".into());
    draft.share_in_review = true;
    let later = now + Duration::seconds(20);
    let amended = store.amend_contact(logged.id, draft, later).expect("amend");
    assert_eq!(amended.id, logged.id);
    assert_eq!(amended.occurred_at, logged.occurred_at, "time kept");
    assert_eq!(amended.logged_at, logged.logged_at, "logging time kept");
    assert_eq!(
        store.get_contact(logged.id).expect("get"),
        Some(amended.clone())
    );
    assert_eq!(amended.member.as_deref(), Some("Anna"));
    assert!(amended.share_in_review);

    let mut bad = murmelglas::domain::ContactDraft::new(Rating::Golden);
    bad.nps = Some(11);
    assert!(store.amend_contact(logged.id, bad, later).is_err());
    assert_eq!(store.get_contact(logged.id).expect("get"), Some(amended));
    let unknown = uuid::Uuid::now_v7();
    assert!(matches!(
        store.amend_contact(
            unknown,
            murmelglas::domain::ContactDraft::new(Rating::Golden),
            later
        ),
        Err(StoreError::UnknownContact(_))
    ));
}
