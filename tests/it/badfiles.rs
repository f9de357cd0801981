//! Bad database files: whatever is wrong with the file, the CLI says so in one line, exits
//! with 1, and leaves the file's bytes as they were.

use std::path::Path;
use std::process::Command;

use crate::common::{bytes, cli, temp_db};

/// A real database with some contacts, closed cleanly (no `-wal` beside it).
fn good_database(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("good.sqlite3");
    cli(&path)
        .args([
            "demo",
            "--weeks",
            "4",
            "--members",
            "3",
            "--per-day",
            "10",
            "--until",
            "2026-11-20",
        ])
        .assert()
        .success();
    path
}

/// Runs a reading and a writing command on `path`: both fail in one line holding every
/// one of `words`, and the file is unchanged.
fn refused(path: &Path, words: &[&str]) {
    let before = bytes(path);
    for args in [vec!["stats"], vec!["log", "golden"], vec!["export"]] {
        let out = cli(path).args(&args).output().expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        for word in words {
            assert!(stderr.contains(word), "{args:?}: {word:?} in {stderr}");
        }
        assert_eq!(bytes(path), before, "{args:?} left the file's bytes alone");
    }
}

#[test]
fn a_file_that_is_no_database_is_refused_untouched() {
    let db = temp_db();
    let path = db.file("notes.sqlite3");
    std::fs::write(&path, "Einkaufsliste: Brot, Milch\n".repeat(200)).expect("write");
    refused(&path, &["not a SQLite database file"]);
}

#[test]
fn a_truncated_database_is_refused_untouched() {
    let db = temp_db();
    let good = good_database(db.dir.path());
    let path = db.file("truncated.sqlite3");
    let full = bytes(&good);
    std::fs::write(&path, &full[..full.len() / 2]).expect("write");
    refused(&path, &["damaged", "backup restore"]);
}

#[test]
fn a_database_with_damaged_pages_is_refused_untouched() {
    let db = temp_db();
    let good = good_database(db.dir.path());
    let path = db.file("damaged.sqlite3");
    let mut content = bytes(&good);
    // Garbage over every page after the schema's, as a failing disk leaves it.
    for page in content.chunks_mut(4096).skip(3) {
        for (i, b) in page.iter_mut().enumerate().skip(100).take(800) {
            *b = [0xde, 0xad, 0xbe, 0xef][i % 4];
        }
    }
    std::fs::write(&path, &content).expect("write");
    refused(&path, &["damaged", "backup restore"]);
}

#[test]
fn another_applications_database_is_refused_untouched() {
    let db = temp_db();
    let path = db.file("places.sqlite");
    let conn = rusqlite::Connection::open(&path).expect("create");
    conn.execute_batch(
        "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT); \
         INSERT INTO moz_places (url) VALUES ('https://example.org');",
    )
    .expect("fill");
    drop(conn);
    refused(&path, &["not a Murmelglas database"]);
}

#[test]
fn a_database_from_a_newer_murmelglas_is_refused_untouched() {
    let db = temp_db();
    let good = good_database(db.dir.path());
    let conn = rusqlite::Connection::open(&good).expect("open");
    conn.execute_batch("PRAGMA user_version = 99;")
        .expect("newer");
    drop(conn);
    refused(&good, &["newer Murmelglas", "schema version 99"]);
}

/// A full disk: the database on a tmpfs of 1 MiB filled to the last byte, in a mount
/// namespace of its own (as root directly, otherwise as root of a user namespace).
#[test]
fn a_full_disk_fails_in_one_line_and_changes_nothing() {
    let db = temp_db();
    let good = good_database(db.dir.path());
    let script = r#"
set -u
B=$1; SRC=$2; OUT=$3; DIR=$(mktemp -d)
mount -t tmpfs -o size=1m tmpfs "$DIR" || exit 90
cp "$SRC" "$DIR/db.sqlite3"
dd if=/dev/zero of="$DIR/filler" bs=4k 2>/dev/null
before=$(sha256sum "$DIR/db.sqlite3" | cut -d' ' -f1)
TZ=Europe/Berlin "$B" --db "$DIR/db.sqlite3" log golden 2>"$OUT"; rc=$?
after=$(sha256sum "$DIR/db.sqlite3" | cut -d' ' -f1)
echo "rc=$rc same=$([ "$before" = "$after" ] && echo yes || echo no)"
"#;
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    let mut cmd = Command::new("unshare");
    if !is_root {
        cmd.args(["--user", "--map-root-user"]);
    }
    let stderr_file = db.file("stderr.txt");
    let out = cmd
        .args(["--mount", "sh", "-c", script, "sh"])
        .arg(assert_cmd::cargo::cargo_bin("murmelglas"))
        .arg(&good)
        .arg(&stderr_file)
        .output()
        .expect("unshare runs");
    let report = String::from_utf8_lossy(&out.stdout);
    if out.status.code() == Some(90) || !out.status.success() {
        // Only a machine that forbids mount namespaces gets here; CI must not.
        assert!(
            std::env::var_os("CI").is_none(),
            "cannot mount a small tmpfs here: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        eprintln!("skipped: no mount namespace here");
        return;
    }
    assert_eq!(report.trim(), "rc=1 same=yes", "{report}");
    let stderr = std::fs::read_to_string(&stderr_file).expect("stderr");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    // Full while writing the contact, or already while making room for the WAL file.
    assert!(
        stderr.contains("the disk is full") || stderr.contains("is it full?"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was written"), "{stderr}");
}
