//! Data protection: the anonymous-only team mode, story retention, and a member's right
//! to see and to erase what is stored about them.

use predicates::prelude::*;
use serde_json::Value;

use murmelglas::backup::{BackupFolder, BackupReason};
use murmelglas::store::HistoryQuery;

use crate::common::{all_contacts, bytes, cli, temp_db};

fn log(db: &std::path::Path, args: &[&str]) {
    cli(db).arg("log").args(args).assert().success();
}

#[test]
fn anonymous_only_keeps_no_member_with_new_contacts_and_can_strip_the_stored_ones() {
    let db = temp_db();
    for name in ["Ana", "Ben"] {
        cli(&db.path)
            .args(["members", "add", name])
            .assert()
            .success();
    }
    log(
        &db.path,
        &["golden", "--member", "Ana", "--at", "02.11.2026 09:00"],
    );
    log(
        &db.path,
        &["08/15", "--member", "Ben", "--at", "02.11.2026 10:00"],
    );
    log(&db.path, &["golden", "--at", "02.11.2026 11:00"]);
    cli(&db.path)
        .args(["settings", "set", "anonymous-only", "on"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "2 stored contacts still name someone",
        ));
    log(
        &db.path,
        &["golden", "--member", "Ana", "--at", "02.11.2026 12:00"],
    );
    let named: Vec<_> = all_contacts(&db.open())
        .into_iter()
        .map(|c| c.member)
        .collect();
    assert_eq!(
        named,
        [Some("Ana".into()), Some("Ben".into()), None, None],
        "a new contact keeps no member; the stored ones stay until stripped"
    );

    cli(&db.path)
        .args([
            "settings",
            "set",
            "anonymous-only",
            "on",
            "--strip-existing",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("Took the member off 2 contacts"))
        .stdout(predicate::str::contains("before-anonymizing"));
    let store = db.open();
    assert!(all_contacts(&store).iter().all(|c| c.member.is_none()));
    assert!(store.get_settings().expect("settings").anonymous_only);
    assert_eq!(store.count_named_contacts().expect("count"), 0);
    // The backup made first still holds the names: the only way back.
    let folder = BackupFolder::of_store(&store).expect("folder");
    let backups = folder.list().expect("list");
    let before = backups
        .iter()
        .find(|b| b.reason == BackupReason::BeforeAnonymizing)
        .expect("a backup before anonymizing");
    let copy = rusqlite::Connection::open(&before.path).expect("open backup");
    let names: i64 = copy
        .query_row(
            "SELECT count(*) FROM contact WHERE member_id IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(names, 2);
    // Stripping again has nothing to do and needs no backup.
    cli(&db.path)
        .args([
            "settings",
            "set",
            "anonymous-only",
            "on",
            "--strip-existing",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("off 0 contacts"));
    cli(&db.path)
        .args([
            "settings",
            "set",
            "anonymous-only",
            "off",
            "--strip-existing",
        ])
        .assert()
        .code(1);
}

#[test]
fn story_retention_deletes_old_stories_and_keeps_the_contacts() {
    let db = temp_db();
    log(
        &db.path,
        &[
            "golden",
            "--at",
            "01.01.2025 09:00",
            "--note",
            "sehr alt",
            "--share",
        ],
    );
    log(
        &db.path,
        &["golden", "--at", "01.06.2025 09:00", "--note", "alt"],
    );
    log(&db.path, &["08/15", "--at", "01.06.2025 10:00"]);
    let recent = murmelglas::datetime::today() - chrono::Days::new(10);
    let recent = recent.format("%d.%m.%Y 09:00").to_string();
    log(&db.path, &["golden", "--at", &recent, "--note", "neu"]);
    cli(&db.path)
        .args(["settings", "set", "story-retention-months", "6"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Deleted 2 stories from before"));
    let store = db.open();
    let contacts = all_contacts(&store);
    assert_eq!(contacts.len(), 4, "the contacts stay");
    let notes: Vec<_> = contacts.iter().map(|c| c.note.as_deref()).collect();
    assert_eq!(notes, [None, None, None, Some("neu")]);
    assert!(!contacts[0].share_in_review, "nothing left to share");
    let found = store
        .history_count(&HistoryQuery {
            text: Some("alt".into()),
            ..HistoryQuery::default()
        })
        .expect("search");
    assert_eq!(found, 0, "the story index forgot them too");
    assert_eq!(
        store
            .get_settings()
            .expect("settings")
            .story_retention_months,
        Some(6)
    );
    drop(store);
    // Logged later with an old date: the next change applies the retention again.
    cli(&db.path)
        .args([
            "log",
            "golden",
            "--at",
            "01.02.2025 09:00",
            "--note",
            "nachgetragen",
        ])
        .assert()
        .success();
    cli(&db.path)
        .args(["log", "golden"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "Deleted 1 story older than the team's retention",
        ));
    cli(&db.path)
        .args(["settings", "set", "story-retention-months", "off"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Stories are kept"));
    cli(&db.path)
        .args(["settings", "set", "story-retention-months", "200"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("1 to 120"));
}

#[test]
fn a_member_can_see_and_erase_everything_stored_about_them() {
    let db = temp_db();
    for name in ["Ana", "Ben"] {
        cli(&db.path)
            .args(["members", "add", name])
            .assert()
            .success();
    }
    log(
        &db.path,
        &[
            "golden",
            "--member",
            "Ana",
            "--at",
            "02.11.2026 09:00",
            "--note",
            "Anas Geschichte",
        ],
    );
    log(
        &db.path,
        &["08/15", "--member", "Ana", "--at", "02.11.2026 09:30"],
    );
    log(
        &db.path,
        &[
            "golden",
            "--member",
            "Ben",
            "--at",
            "02.11.2026 10:00",
            "--note",
            "Bens Geschichte",
        ],
    );
    log(&db.path, &["golden", "--at", "02.11.2026 11:00"]);

    let file = db.file("ana.json");
    cli(&db.path)
        .args(["members", "export-data", "ana", "--out"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("about Ana (2 contacts)"));
    let data: Value = serde_json::from_slice(&bytes(&file)).expect("JSON");
    assert_eq!(data["member"]["name"], "Ana");
    let contacts = data["contacts"].as_array().expect("contacts");
    assert_eq!(contacts.len(), 2);
    assert_eq!(contacts[0]["note"], "Anas Geschichte");
    assert!(contacts.iter().all(|c| c["member"] == "Ana"));
    // Never replaced by surprise.
    cli(&db.path)
        .args(["members", "export-data", "Ana", "--out"])
        .arg(&file)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already exists"));

    cli(&db.path)
        .args(["members", "erase", "Ana"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Erased Ana: 2 contacts, 1 of them with a story",
        ));
    let store = db.open();
    let left = all_contacts(&store);
    assert_eq!(left.len(), 2);
    assert!(left.iter().all(|c| c.member.as_deref() != Some("Ana")));
    let members: Vec<_> = store
        .list_members(true)
        .expect("members")
        .into_iter()
        .map(|m| m.name)
        .collect();
    assert_eq!(members, ["Ben"]);
    let found = store
        .history_count(&HistoryQuery {
            text: Some("Anas".into()),
            ..HistoryQuery::default()
        })
        .expect("search");
    assert_eq!(found, 0);
    let stats = murmelglas::analytics::stats(&store, None, None, None).expect("stats");
    assert_eq!(stats.figures.total, 2, "the day counts follow");
    cli(&db.path)
        .args(["members", "erase", "Ana"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no team member named 'Ana'"));
}

#[test]
fn the_stories_a_retention_would_delete_are_counted_first() {
    use murmelglas::{Contact, Rating};
    let db = temp_db();
    let mut store = db.open();
    let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).expect("time");
    for (when, note) in [
        ("2025-01-01T09:00:00+01:00", Some("alt")),
        ("2025-05-31T23:30:00+02:00", Some("Ende Mai")),
        ("2025-06-01T00:30:00+02:00", Some("Anfang Juni")),
        ("2025-03-01T09:00:00+01:00", None),
    ] {
        let mut c = Contact::new(Rating::Golden, at(when));
        c.note = note.map(str::to_string);
        store.insert_contact(&c).expect("insert");
    }
    let june = chrono::NaiveDate::from_ymd_opt(2025, 6, 1).expect("date");
    assert_eq!(store.count_stories_before(june).expect("count"), 2);
    assert_eq!(
        store
            .count_stories_before(june - chrono::Days::new(200))
            .expect("count"),
        0
    );
    // What was counted is what goes.
    assert_eq!(store.purge_stories_before(june).expect("purge"), 2);
    assert_eq!(store.count_stories_before(june).expect("count"), 0);
    assert_eq!(all_contacts(&store).len(), 4, "the contacts stay");
}
