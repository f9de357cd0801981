//! Data safety: several writers at once, a killed import, files that would lose or
//! change data silently, and errors that say what and where in one line.
//!
//! `MURMELGLAS_LONG_TESTS=1` runs the long versions (4 processes × 5,000 logs beside an
//! import of 100,000 rows); the suite runs short ones of the same shape.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use predicates::prelude::*;
use rand::{Rng, SeedableRng};

use murmelglas::store::Store;

use crate::common::{all_contacts, bytes, cli, temp_db};

fn long() -> bool {
    std::env::var_os("MURMELGLAS_LONG_TESTS").is_some_and(|v| v == "1")
}

fn binary() -> PathBuf {
    assert_cmd::cargo::cargo_bin("murmelglas")
}

/// The CLI as a child process, with the same environment as [`cli`].
fn spawn(db: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(binary());
    cmd.env_remove("MURMELGLAS_DB")
        .env("TZ", "Europe/Berlin")
        .arg("--db")
        .arg(db)
        .args(args)
        .stdin(Stdio::null());
    cmd
}

fn integrity(path: &Path) -> String {
    let conn = rusqlite::Connection::open(path).expect("open");
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check")
}

fn count(path: &Path) -> u64 {
    Store::open(path)
        .expect("open")
        .count_contacts()
        .expect("count")
}

/// A CSV of `rows` contacts with ids, a story on every 14th row.
fn big_csv(path: &Path, rows: u32, seed: u64) {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("create"));
    writeln!(out, "id,occurred_at,rating,channel,note").expect("write");
    for i in 0..rows {
        let day = 1 + (i / 2000) % 28;
        let minute = i % 600;
        let id = uuid::Uuid::from_u128(
            (u128::from(seed) << 96) | (0x7000 << 48) | (0x8000 << 16) | u128::from(i),
        );
        let rating = if i % 3 == 0 { "golden" } else { "08/15" };
        let note = if i % 14 == 0 {
            format!("\"Kundin {i}, sehr zufrieden; \"\"danke\"\"\"")
        } else {
            String::new()
        };
        writeln!(
            out,
            "{id},2026-10-{day:02}T{:02}:{:02}:00+02:00,{rating},phone,{note}",
            8 + minute / 60,
            minute % 60
        )
        .expect("write");
    }
    out.flush().expect("flush");
}

#[test]
fn concurrent_writers_lose_nothing_and_never_see_a_locked_database() {
    let db = temp_db();
    cli(&db.path)
        .args(["members", "add", "Ana"])
        .assert()
        .success();
    let (processes, logs) = if long() { (4, 5000) } else { (4, 150) };
    let import_rows = if long() { 100_000 } else { 20_000 };
    let file = db.file("beside.csv");
    big_csv(&file, import_rows, 7);
    // A shell loop per process: each log is a process of its own, as when people log
    // from the CLI, the app and a second account at the same time.
    let script = format!(
        "i=0; while [ $i -lt {logs} ]; do \"$0\" --db \"$1\" log golden --member Ana || exit 1; i=$((i+1)); done"
    );
    let mut children: Vec<Child> = (0..processes)
        .map(|_| {
            Command::new("sh")
                .arg("-c")
                .arg(&script)
                .arg(binary())
                .arg(&db.path)
                .env_remove("MURMELGLAS_DB")
                .env("TZ", "Europe/Berlin")
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn writer")
        })
        .collect();
    let import = spawn(&db.path, &["import", file.to_str().expect("utf-8 path")])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn import");
    let import = import.wait_with_output().expect("import ends");
    assert!(
        import.status.success(),
        "{}",
        String::from_utf8_lossy(&import.stderr)
    );
    for child in children.drain(..) {
        let out = child.wait_with_output().expect("writer ends");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "a writer failed: {stderr}");
        assert!(!stderr.contains("locked"), "{stderr}");
    }
    assert_eq!(
        count(&db.path),
        u64::from(processes * logs + import_rows),
        "every log and every imported row is there"
    );
    assert_eq!(integrity(&db.path), "ok");
    let store = Store::open(&db.path).expect("open");
    let stats = murmelglas::analytics::stats(&store, None, None, None).expect("stats");
    assert_eq!(
        stats.figures.total,
        u64::from(processes * logs + import_rows),
        "the per-day counts agree with the rows"
    );
}

#[test]
fn two_imports_at_once_both_land() {
    let db = temp_db();
    cli(&db.path).arg("settings").assert().success();
    let (a, b) = (db.file("a.csv"), db.file("b.csv"));
    big_csv(&a, 30_000, 1);
    big_csv(&b, 30_000, 2);
    let first = spawn(&db.path, &["import", a.to_str().expect("path")])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("spawn");
    let second = spawn(&db.path, &["import", b.to_str().expect("path")])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("spawn");
    for child in [first, second] {
        let out = child.wait_with_output().expect("ends");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(count(&db.path), 60_000);
}

#[test]
fn four_processes_creating_one_new_file_all_succeed() {
    for round in 0..5 {
        let db = temp_db();
        let children: Vec<Child> = (0..4)
            .map(|_| {
                spawn(&db.path, &["log", "golden"])
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("spawn")
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().expect("ends");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "round {round}: {stderr}");
        }
        assert_eq!(count(&db.path), 4, "round {round}");
        assert_eq!(integrity(&db.path), "ok");
    }
}

#[test]
fn an_import_killed_at_random_moments_is_complete_or_absent() {
    let db = temp_db();
    cli(&db.path)
        .args(["log", "golden", "--at", "01.10.2026 09:00"])
        .assert()
        .success();
    let first = all_contacts(&db.open()).remove(0);
    let file = db.file("big.csv");
    let rows = 60_000;
    big_csv(&file, rows, 3);
    // How long a whole import takes here, so the kills spread over all of it.
    let started = Instant::now();
    let probe = temp_db();
    cli(&probe.path).arg("import").arg(&file).assert().success();
    let full = started.elapsed();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(11);
    let kills = if long() { 100 } else { 20 };
    let mut landed = 0;
    for _ in 0..kills {
        let mut child = spawn(&db.path, &["import", file.to_str().expect("path")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        let wait = full.mul_f64(rng.random_range(0.0..1.2));
        std::thread::sleep(wait);
        // SIGKILL: no handler, no cleanup, as when the power fails.
        let _ = child.kill();
        let _ = child.wait();
        assert_eq!(integrity(&db.path), "ok");
        let n = count(&db.path);
        assert!(
            n == 1 || n == 1 + u64::from(rows),
            "the import is complete or absent, never partial: {n}"
        );
        if n > 1 {
            landed += 1;
            // Start again from one contact, so the next kill can catch an import too.
            let conn = rusqlite::Connection::open(&db.path).expect("open");
            conn.execute(
                "DELETE FROM contact WHERE id != ?1",
                [first.id.as_bytes().as_slice()],
            )
            .expect("reset");
            assert_eq!(count(&db.path), 1);
        }
    }
    assert!(landed < kills, "some kills must have hit a running import");
}

#[test]
fn an_unclosed_quote_is_refused_with_its_line() {
    let db = temp_db();
    let file = db.file("quote.csv");
    std::fs::write(
        &file,
        "occurred_at;rating;note\n\
         01.11.2026 09:00;golden;fine\n\
         01.11.2026 09:05;golden;\"Kunde sagte: danke\n\
         01.11.2026 09:10;08/15;\n\
         01.11.2026 09:15;golden;later\n",
    )
    .expect("write");
    cli(&db.path)
        .arg("import")
        .arg(&file)
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "line 3: a quote (\") opened here is not closed",
        ));
    assert!(all_contacts(&db.open()).is_empty(), "nothing was imported");
}

#[test]
fn a_quote_that_swallows_whole_rows_is_refused() {
    let db = temp_db();
    let file = db.file("swallow.csv");
    // The quote on line 2 is only closed by the one on line 6: lines 3 to 5 would
    // silently become one story.
    std::fs::write(
        &file,
        "occurred_at,rating,channel,note\n\
         2026-11-01T09:00:00+01:00,golden,phone,\"oops\n\
         2026-11-01T09:01:00+01:00,golden,phone,\n\
         2026-11-01T09:02:00+01:00,golden,phone,\n\
         2026-11-01T09:03:00+01:00,golden,phone,\n\
         2026-11-01T09:04:00+01:00,golden,phone,\"fine\"\n",
    )
    .expect("write");
    cli(&db.path)
        .arg("import")
        .arg(&file)
        .assert()
        .failure()
        .stderr(predicate::str::contains("line 2: a quote"));
    assert!(all_contacts(&db.open()).is_empty());
}

#[test]
fn a_stray_windows_1252_byte_in_a_utf8_file_is_refused_with_its_line() {
    let db = temp_db();
    let file = db.file("mixed.csv");
    let mut content = "Zeitpunkt;Bewertung;Geschichte\n01.11.2026 09:00;Gold;Grüße\n"
        .as_bytes()
        .to_vec();
    for i in 0..3000 {
        content.extend_from_slice(format!("01.11.2026 10:{:02};08/15;\n", i % 60).as_bytes());
    }
    content.extend_from_slice(b"01.11.2026 11:00;Gold;M\xFCller\n");
    std::fs::write(&file, content).expect("write");
    cli(&db.path)
        .arg("import")
        .arg(&file)
        .assert()
        .failure()
        .stderr(predicate::str::contains("line 3003: byte 0xFC"))
        .stderr(predicate::str::contains("mixes UTF-8 and Windows-1252"));
    assert!(all_contacts(&db.open()).is_empty());
}

#[test]
fn the_german_csv_keeps_every_instant() {
    let db = temp_db();
    let file = db.file("instants.json");
    // +05:30; the second 02:30 of the October clock change (CET, +01:00) and the first
    // (CEST); a logging time in UTC.
    std::fs::write(
        &file,
        r#"[
  {"id": "0192f3a0-0000-7000-8000-000000000001", "occurred_at": "2026-11-20T10:00:00+05:30", "logged_at": "2026-11-20T04:31:00+00:00", "rating": "golden"},
  {"id": "0192f3a0-0000-7000-8000-000000000002", "occurred_at": "2026-10-25T02:30:00+01:00", "logged_at": "2026-10-25T01:31:00+00:00", "rating": "golden"},
  {"id": "0192f3a0-0000-7000-8000-000000000003", "occurred_at": "2026-10-25T02:30:00+02:00", "logged_at": "2026-10-25T02:31:00+02:00", "rating": "08/15"}
]"#,
    )
    .expect("write");
    cli(&db.path).arg("import").arg(&file).assert().success();
    let before = all_contacts(&db.open());
    let german = db.file("de.csv");
    cli(&db.path)
        .args(["export", "--lang", "de", "--out"])
        .arg(&german)
        .assert()
        .success();
    let text = String::from_utf8(bytes(&german)).expect("utf-8");
    assert!(text.contains("Zeitzone"), "{text}");
    assert!(text.contains("25.10.2026 02:30:00;UTC+01:00"), "{text}");
    assert!(text.contains("25.10.2026 02:30:00;UTC+02:00"), "{text}");
    let copy = temp_db();
    cli(&copy.path)
        .arg("import")
        .arg(&german)
        .assert()
        .success();
    let after = all_contacts(&copy.open());
    assert_eq!(after.len(), before.len());
    for (a, b) in before.iter().zip(&after) {
        assert_eq!(a.occurred_at, b.occurred_at, "same instant");
        assert_eq!(
            a.occurred_at.offset(),
            b.occurred_at.offset(),
            "same offset"
        );
        assert_eq!(a.logged_at, b.logged_at);
        assert_eq!(a.logged_at.offset(), b.logged_at.offset());
    }
    assert_eq!(after, before, "nothing else changed either");
}

#[test]
fn control_characters_are_refused_alike_in_every_way_in() {
    let db = temp_db();
    let file = db.file("ctl.json");
    std::fs::write(
        &file,
        "[\n {\"occurred_at\": \"2026-11-20T10:00:00+01:00\", \"rating\": \"golden\", \"note\": \"a\\u0001b\"}\n]",
    )
    .expect("write");
    cli(&db.path)
        .arg("import")
        .arg(&file)
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "line 2, column 'note': the story holds the control character U+0001 at character 2",
        ));
    let csv = db.file("ctl.csv");
    std::fs::write(
        &csv,
        "occurred_at,rating,note\n2026-11-20T10:00:00+01:00,golden,a\u{1}b\n",
    )
    .expect("write");
    cli(&db.path)
        .arg("import")
        .arg(&csv)
        .assert()
        .failure()
        .stderr(predicate::str::contains("U+0001"));
    cli(&db.path)
        .args(["log", "golden", "--note", "a\u{1}b"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("control character U+0001"));
    assert!(all_contacts(&db.open()).is_empty());
    // Tabs and line breaks are text, in every format.
    cli(&db.path)
        .args(["log", "golden", "--note", "zwei\tZeilen\nhier"])
        .assert()
        .success();
    for lang in ["de", "en"] {
        let out = db.file(&format!("out-{lang}.csv"));
        cli(&db.path)
            .args(["export", "--lang", lang, "--out"])
            .arg(&out)
            .assert()
            .success();
        let copy = temp_db();
        cli(&copy.path).arg("import").arg(&out).assert().success();
        assert_eq!(all_contacts(&copy.open()), all_contacts(&db.open()));
    }
}

#[test]
fn undo_removes_what_was_just_logged_here_not_an_import_from_the_future() {
    let db = temp_db();
    cli(&db.path)
        .args(["log", "golden", "--note", "logged here"])
        .assert()
        .success();
    let file = db.file("future.csv");
    std::fs::write(
        &file,
        "id,occurred_at,logged_at,rating\n\
         0192f3a0-0000-7000-8000-0000000000aa,2026-01-05T10:00:00+01:00,2099-01-01T10:00:00+01:00,08/15\n",
    )
    .expect("write");
    cli(&db.path).arg("import").arg(&file).assert().success();
    cli(&db.path)
        .arg("undo")
        .assert()
        .success()
        .stdout(predicate::str::contains("Removed the Golden contact"));
    let left = all_contacts(&db.open());
    assert_eq!(left.len(), 1);
    assert_eq!(
        left[0].id.to_string(),
        "0192f3a0-0000-7000-8000-0000000000aa",
        "the imported contact stays"
    );
    cli(&db.path)
        .arg("undo")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nothing to undo"));
    assert_eq!(all_contacts(&db.open()).len(), 1);
}

/// One line on standard error, exit status 1.
fn one_line_failure(db: &Path, args: &[&str]) -> String {
    let out = cli(db).args(args).output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
    assert!(stderr.starts_with("murmelglas: "), "{stderr}");
    stderr
}

#[test]
fn refused_arguments_exit_1_with_one_line_naming_the_value() {
    let db = temp_db();
    let e = one_line_failure(&db.path, &["log", "golden", "--at", "29.03.2026 02:30"]);
    assert!(
        e.contains("29.03.2026 02:30") && e.contains("does not exist"),
        "{e}"
    );
    // The first minute of the gap, too.
    let e = one_line_failure(&db.path, &["log", "golden", "--at", "29.03.2026 02:00"]);
    assert!(e.contains("does not exist"), "{e}");
    cli(&db.path)
        .args(["log", "golden", "--at", "29.03.2026 03:00"])
        .assert()
        .success();
    let e = one_line_failure(&db.path, &["log", "golden", "--at", "1900-01-01"]);
    assert!(e.contains("1900-01-01") && e.contains("before 1970"), "{e}");
    let e = one_line_failure(
        &db.path,
        &["log", "golden", "--at", "2026-11-20T10:00:00+23:59"],
    );
    assert!(e.contains("beyond ±18:00"), "{e}");
    assert!(!e.contains("CHECK"), "{e}");
    let report = db.file("r.html");
    let report = report.to_str().expect("path");
    let e = one_line_failure(
        &db.path,
        &["report", "--week", "99999-W01", "--out", report],
    );
    assert!(e.contains("99999-W01"), "{e}");
    assert!(!db.file("r.html").exists());
    let e = one_line_failure(&db.path, &["log"]);
    assert!(e.contains("RATING"), "{e}");
    let e = one_line_failure(&db.path, &["frobnicate"]);
    assert!(e.contains("frobnicate"), "{e}");
    let out = cli(&db.path).arg("--help").output().expect("help");
    assert!(out.status.success(), "help is no failure");
    let empty = Command::new(binary())
        .args(["--db", "", "stats"])
        .env_remove("MURMELGLAS_DB")
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&empty.stderr);
    assert_eq!(empty.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("--db"), "{stderr}");
}

#[test]
fn a_huge_header_name_is_not_echoed_in_full() {
    let db = temp_db();
    let file = db.file("huge.csv");
    let name = "x".repeat(10 * 1024 * 1024);
    std::fs::write(
        &file,
        format!("occurred_at,rating,{name}\n2026-11-20T10:00:00+01:00,golden,1\n"),
    )
    .expect("write");
    let out = cli(&db.path)
        .arg("import")
        .arg(&file)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stderr.len() < 2000,
        "{} bytes of message",
        out.stderr.len()
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 1"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_read_only_database_and_folder_can_still_be_read() {
    use std::os::unix::fs::PermissionsExt;
    let db = temp_db();
    cli(&db.path)
        .args(["log", "golden", "--at", "20.11.2026 10:00"])
        .assert()
        .success();
    cli(&db.path)
        .args(["log", "08/15", "--at", "20.11.2026 11:00"])
        .assert()
        .success();
    let folder = db.dir.path().join("ro");
    std::fs::create_dir(&folder).expect("folder");
    let file = folder.join("team.sqlite3");
    // A clean copy (no -wal beside it), as a backup or a file on a read-only share.
    Store::open(&db.path)
        .expect("open")
        .connection()
        .expect("a SQLite file")
        .execute_batch(&format!("VACUUM INTO '{}'", file.display()))
        .expect("copy");
    let before = bytes(&file);
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    // Root ignores permissions (CI runs as root): there, the CLI runs as `nobody`.
    std::fs::set_permissions(db.dir.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let run = |args: &[&str]| {
        let mut cmd = if is_root() {
            let mut cmd = Command::new("setpriv");
            cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(binary());
            cmd
        } else {
            Command::new(binary())
        };
        cmd.env_remove("MURMELGLAS_DB")
            .env("TZ", "Europe/Berlin")
            .arg("--db")
            .arg(&file)
            .args(args)
            .output()
            .expect("run")
    };
    for args in [
        vec!["stats"],
        vec!["list"],
        vec!["export", "--format", "json"],
        vec!["members", "list"],
        vec!["settings"],
        vec![],
    ] {
        let out = run(&args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let stats = run(&["stats"]);
    assert!(String::from_utf8_lossy(&stats.stdout).contains("2 contacts"));
    let out = run(&["log", "golden"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert_eq!(bytes(&file), before, "reading left the file's bytes alone");
    let names: Vec<_> = std::fs::read_dir(&folder)
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names.len(), 1, "no -wal or -shm was created: {names:?}");
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

#[test]
fn a_log_waits_for_a_long_import_instead_of_failing() {
    let db = temp_db();
    cli(&db.path).arg("settings").assert().success();
    let file = db.file("big.csv");
    big_csv(&file, 80_000, 5);
    let mut import = spawn(&db.path, &["import", file.to_str().expect("path")])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    // Wait until the import holds the write lock, so the log below has to wait for it.
    let probe = rusqlite::Connection::open(&db.path).expect("open");
    probe.busy_timeout(Duration::ZERO).expect("no waiting");
    let mut held = false;
    while import.try_wait().expect("poll").is_none() {
        if probe.execute_batch("BEGIN IMMEDIATE; ROLLBACK;").is_err() {
            held = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    assert!(
        held,
        "the import ran without ever being seen holding the lock"
    );
    let log = spawn(&db.path, &["log", "golden"])
        .output()
        .expect("log runs");
    assert!(
        log.status.success(),
        "{}",
        String::from_utf8_lossy(&log.stderr)
    );
    let import = import.wait_with_output().expect("import ends");
    assert!(import.status.success());
    assert_eq!(count(&db.path), 80_001);
}
