//! Importing files: real-world encodings and delimiters, and bad input rejected whole with
//! line numbers, leaving the database unchanged.

use predicates::prelude::*;

use murmelglas::export::Format;
use murmelglas::import::{import_bytes, ImportError, ProblemCode};
use murmelglas::store::Store;
use murmelglas::{Channel, Motive, Rating};

use crate::common::{all_contacts, cli, fixture, temp_db, utf16};

const HEADER: &str = "id,occurred_at,logged_at,member,rating,channel,phase,purpose,motives,perspectives,note,share_in_review,nps";

#[test]
fn a_german_excel_file_in_windows_1252_imports() {
    let db = temp_db();
    let path = fixture("excel_de_cp1252.csv");
    cli(&db.path)
        .arg("import")
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "3 read, 3 added, 0 already present, 2 new team members",
        ));
    let contacts = all_contacts(&db.open());
    assert_eq!(contacts.len(), 3);
    let first = &contacts[0];
    assert_eq!(first.id.to_string(), "0192f3a0-1c2b-7d4e-8f60-0a1b2c3d4e01");
    assert_eq!(first.member.as_deref(), Some("Jürgen"));
    assert_eq!(first.rating, Rating::Golden);
    assert_eq!(first.channel, Some(Channel::InPerson));
    assert_eq!(
        first.motives,
        [Motive::Individuality, Motive::Recognition].into()
    );
    assert_eq!(first.note.as_deref(), Some("Kundin brauchte ein Geschenk; wir haben es \"liebevoll\" verpackt.\r\nSie kommt wieder."));
    assert!(first.share_in_review);
    assert_eq!(first.nps, Some(10));
    assert_eq!(first.occurred_at.to_rfc3339(), "2026-11-03T09:15:00+01:00");
    assert_eq!(first.logged_at.to_rfc3339(), "2026-11-03T09:17:00+01:00");
    let second = &contacts[1];
    assert_eq!(second.rating, Rating::Ordinary);
    assert_eq!(second.member, None);
    assert_eq!(
        second.logged_at, second.occurred_at,
        "no logging time: logged when it happened"
    );
    let third = &contacts[2];
    assert_eq!(
        third.occurred_at.to_rfc3339(),
        "2026-11-04T16:05:00+01:00",
        "two-digit year"
    );
    assert_eq!(
        third.note.as_deref(),
        Some("Rückruf pünktlich – Kunde begeistert")
    );

    // The same file again adds nothing: rows without an id get one derived from their
    // content, so they are recognised too.
    cli(&db.path)
        .arg("import")
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("0 added, 3 already present"));
    assert_eq!(all_contacts(&db.open()), contacts);
}

#[test]
fn the_same_file_in_utf16_imports_alike() {
    // Excel's "Unicode text" is UTF-16 with a BOM; the rows must come in as from the
    // Windows-1252 file, umlauts, dashes and line breaks in stories included.
    let cp1252 = std::fs::read(fixture("excel_de_cp1252.csv")).expect("fixture");
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&cp1252);
    let expected = {
        let db = temp_db();
        cli(&db.path)
            .arg("import")
            .arg(fixture("excel_de_cp1252.csv"))
            .assert()
            .success();
        all_contacts(&db.open())
    };
    for (name, big_endian) in [("unicode-le.csv", false), ("unicode-be.csv", true)] {
        let bytes = utf16(&text, big_endian);
        let db = temp_db();
        let file = db.file(name);
        std::fs::write(&file, &bytes).expect("write");
        cli(&db.path)
            .arg("import")
            .arg(&file)
            .assert()
            .success()
            .stdout(predicate::str::contains("3 read, 3 added"));
        assert_eq!(all_contacts(&db.open()), expected, "{name}");

        // Cut inside a code unit: refused, nothing written.
        let err = rejected("cut.csv", &bytes[..bytes.len() - 1]);
        assert!(err.contains("not a text file"), "{name}: {err}");
    }
}

#[test]
fn importing_the_same_file_twice_adds_nothing() {
    let db = temp_db();
    let file = db.file("c.csv");
    std::fs::write(
        &file,
        format!("{HEADER}\n0192f3a0-0000-7000-8000-000000000001,2026-11-20T10:00:00+01:00,,,golden,,,,,,,,\n0192f3a0-0000-7000-8000-000000000002,2026-11-20T11:00:00+01:00,,,08/15,,,,,,,,\n"),
    )
    .expect("write");
    cli(&db.path)
        .arg("import")
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("2 added, 0 already present"));
    cli(&db.path)
        .arg("import")
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("0 added, 2 already present"));
    assert_eq!(all_contacts(&db.open()).len(), 2);
}

/// Imports `content` as a file named `name` into a database that already holds one contact,
/// expects failure, and checks the database is byte-for-byte unchanged in content.
fn rejected(name: &str, content: &[u8]) -> String {
    let db = temp_db();
    cli(&db.path)
        .args(["log", "golden", "--at", "01.11.2026 09:00"])
        .assert()
        .success();
    let before = all_contacts(&db.open());
    let file = db.file(name);
    std::fs::write(&file, content).expect("write");
    let out = cli(&db.path)
        .arg("import")
        .arg(&file)
        .output()
        .expect("run");
    assert!(!out.status.success(), "import of {name} must fail");
    assert_eq!(
        all_contacts(&db.open()),
        before,
        "database unchanged after {name}"
    );
    assert_eq!(
        db.open().list_members(true).expect("members"),
        vec![],
        "no member created"
    );
    String::from_utf8(out.stderr).expect("utf-8 stderr")
}

#[test]
fn wrong_codes_are_reported_with_line_and_column() {
    let content = format!(
        "{HEADER}\n\
         ,2026-11-20T10:00:00+01:00,,Anna,golden,phone,,,speed,,,,\n\
         ,2026-11-20T10:05:00+01:00,,,silver,fax,,,,,,,\n\
         ,2026-11-20T10:10:00+01:00,,,golden,,,,speed|laziness,,,,\n"
    );
    let err = rejected("codes.csv", content.as_bytes());
    assert!(
        err.contains("line 3, column 'rating': unknown rating 'silver'"),
        "{err}"
    );
    assert!(
        err.contains("line 3, column 'channel': unknown channel 'fax'"),
        "{err}"
    );
    assert!(
        err.contains("line 4, column 'motives': unknown motive 'laziness'"),
        "{err}"
    );
    assert!(err.contains("2 bad rows; nothing was imported"), "{err}");
    assert!(!err.contains("line 2"), "line 2 is fine: {err}");
}

#[test]
fn bad_dates_and_nps_11_are_reported() {
    let content = format!(
        "{HEADER}\r\n\
         ,31.02.2026 10:00,,,golden,,,,,,,,\r\n\
         ,2026-11-20T10:00:00+01:00,,,golden,,,,,,\"eine\nGeschichte über\nmehrere Zeilen\",,\r\n\
         ,gestern,,,golden,,,,,,,,11\r\n\
         ,01.01.2099 10:00,,,golden,,,,,,,,\r\n"
    );
    let err = rejected("dates.csv", content.as_bytes());
    assert!(
        err.contains("line 2, column 'occurred_at': '31.02.2026 10:00' is not a date and time"),
        "{err}"
    );
    // The story spans lines 3–5, so the next record starts on physical line 6.
    assert!(
        err.contains("line 6, column 'occurred_at': 'gestern' is not a date"),
        "{err}"
    );
    assert!(
        err.contains("line 6, column 'nps': NPS must be a whole number from 0 to 10, not '11'"),
        "{err}"
    );
    assert!(
        err.contains("line 7, column 'occurred_at': '01.01.2099 10:00' lies in the future"),
        "{err}"
    );
}

#[test]
fn missing_and_unknown_columns_are_reported_on_line_1() {
    let err = rejected(
        "missing.csv",
        b"id,logged_at,member\n,2026-11-20T10:00:00+01:00,Anna\n",
    );
    assert!(
        err.contains("line 1: the column 'occurred_at' ('Zeitpunkt') is missing"),
        "{err}"
    );
    assert!(
        err.contains("line 1: the column 'rating' ('Bewertung') is missing"),
        "{err}"
    );
    let err = rejected(
        "typo.csv",
        b"occurred_at;rating;chanel\n2026-11-20T10:00:00+01:00;golden;phone\n",
    );
    assert!(
        err.contains("line 1, column 'chanel': unknown column"),
        "{err}"
    );
}

#[test]
fn empty_and_binary_files_are_rejected() {
    let err = rejected("empty.csv", b"");
    assert!(err.contains("the file is empty"), "{err}");
    let err = rejected("header-only.csv", format!("{HEADER}\n").as_bytes());
    assert!(err.contains("the file is empty"), "{err}");
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let err = rejected("garbage.csv", &garbage);
    assert!(err.contains("not a text file"), "{err}");
    let err = rejected("photo.json", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    assert!(err.contains("not a text file"), "{err}");
}

#[test]
fn rows_with_too_many_fields_are_reported() {
    let content = format!("{HEADER}\n,2026-11-20T10:00:00+01:00,,,golden,,,,,,,,,extra\n");
    let err = rejected("wide.csv", content.as_bytes());
    assert!(
        err.contains("line 2: the row has 14 fields but the header only 13"),
        "{err}"
    );
}

#[test]
fn a_file_cut_inside_its_last_row_is_refused() {
    // A copy that stopped in the story of the third contact: the row is short of the
    // header's fields and has no line break after it.
    let full = format!(
        "{HEADER}\n\
         ,2026-11-20T10:00:00+01:00,,,golden,,,,,,Kunde kam wieder,false,9\n\
         ,2026-11-20T11:00:00+01:00,,,08/15,,,,,,,false,\n\
         ,2026-11-20T12:00:00+01:00,,,golden,,,,,,Sie hat sich sehr gefreut,true,10\n"
    );
    let cut = &full[..full.find("sehr gefreut").expect("story")];
    let err = rejected("cut.csv", cut.as_bytes());
    assert!(
        err.contains("line 4: the file ends inside this row (11 of the header's 13 fields"),
        "{err}"
    );
    assert_eq!(
        problems(cut, Format::Csv),
        vec![(
            4,
            None,
            ProblemCode::CutShort,
            p(&[("fields", "11"), ("header", "13")])
        )]
    );

    // Short rows with their line break are rows with empty trailing cells, as before; so
    // is a complete last row without one.
    let short_rows = "occurred_at,rating,note,nps\n2026-11-20T10:00:00+01:00,golden\n";
    let mut store = Store::open_in_memory().expect("store");
    import_bytes(&mut store, short_rows.as_bytes(), Format::Csv, "short.csv").expect("short rows");
    let no_break = full.trim_end();
    import_bytes(&mut store, no_break.as_bytes(), Format::Csv, "whole.csv").expect("whole file");
    assert_eq!(store.count_contacts().expect("count"), 4);
}

#[test]
fn json_errors_point_at_the_element_line() {
    let content = "[\n  {\"occurred_at\": \"2026-11-20T10:00:00+01:00\", \"rating\": \"golden\"},\n  {\"occurred_at\": \"2026-11-20T10:00:00+01:00\",\n   \"rating\": \"golden\", \"nps\": 11},\n  {\"occurred_at\": \"2026-11-20T10:00:00+01:00\", \"rating\": \"golden\", \"colour\": \"red\"}\n]\n";
    let err = rejected("bad.json", content.as_bytes());
    assert!(
        err.contains("line 3, column 'nps': NPS must be a whole number from 0 to 10, not '11'"),
        "{err}"
    );
    assert!(
        err.contains("line 5, column 'colour': unknown field"),
        "{err}"
    );
    let err = rejected(
        "broken.json",
        b"[\n  {\"rating\": \"golden\",\n   \"occurred_at\": }\n]",
    );
    assert!(err.contains("line 3"), "{err}");
    let err = rejected("object.json", b"{\"rating\": \"golden\"}");
    assert!(err.contains("expected a JSON array"), "{err}");
}

#[test]
fn format_follows_the_extension_unless_told() {
    let db = temp_db();
    let file = db.file("contacts.data");
    std::fs::write(&file, "[{\"occurred_at\": \"2026-11-20T10:00:00+01:00\", \"rating\": \"golden\", \"motives\": [\"speed\"]}]").expect("write");
    cli(&db.path)
        .arg("import")
        .arg(&file)
        .assert()
        .failure()
        .stderr(predicate::str::contains("--format"));
    cli(&db.path)
        .arg("import")
        .arg(&file)
        .args(["--format", "json"])
        .assert()
        .success();
    let contacts = all_contacts(&db.open());
    assert_eq!(contacts[0].motives, [Motive::Speed].into());
}

#[test]
fn library_import_reports_every_bad_row_and_writes_nothing() {
    let mut store = Store::open_in_memory().expect("store");
    let mut content = format!("{HEADER}\n");
    for i in 0..1500 {
        let rating = if i % 2 == 0 { "golden" } else { "purple" };
        content.push_str(&format!(",2026-11-20T10:00:00+01:00,,,{rating},,,,,,,,\n"));
    }
    let err = import_bytes(&mut store, content.as_bytes(), Format::Csv, "many.csv")
        .expect_err("bad rows");
    match err {
        ImportError::Invalid { errors, total, .. } => {
            assert_eq!(total, 750);
            assert_eq!(errors.len(), 750, "every bad row is reported");
            assert_eq!(errors[0].line, 3);
            assert_eq!(errors[749].line, 1501);
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
    assert_eq!(store.count_contacts().expect("count"), 0);
}

/// One reported problem: line, column, code and its values.
type Reported = (u64, Option<String>, ProblemCode, Vec<(String, String)>);

/// Every bad row of an import, for the window to translate.
fn problems(content: &str, format: Format) -> Vec<Reported> {
    let mut store = Store::open_in_memory().expect("store");
    match import_bytes(&mut store, content.as_bytes(), format, "file").expect_err("bad rows") {
        ImportError::Invalid { errors, .. } => errors
            .into_iter()
            .map(|e| {
                let params = e
                    .params
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), v))
                    .collect();
                (e.line, e.column, e.code, params)
            })
            .collect(),
        other => panic!("expected Invalid, got {other:?}"),
    }
}

fn p(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn row_problems_carry_a_code_and_the_values_to_translate() {
    let content = "Zeitpunkt;Bewertung;Kanal;NPS;Im Team-Review teilen\n\
                   20.11.2026 10:00;golden;Brieftaube;;\n\
                   31.02.2026 10:00;;;11;vielleicht\n\
                   20.11.2026 10:00;08/15;;;;extra\n";
    let got = problems(content, Format::Csv);
    let col = |s: &str| Some(s.to_string());
    assert_eq!(got[0].0, 2);
    assert_eq!(got[0].1, col("Kanal"));
    assert_eq!(got[0].2, ProblemCode::UnknownCode);
    let params: std::collections::HashMap<_, _> = got[0].3.iter().cloned().collect();
    assert_eq!(params["value"], "Brieftaube");
    assert!(params["valid"].contains("phone"), "{params:?}");
    assert_eq!(
        got[1..],
        [
            (
                3,
                col("Zeitpunkt"),
                ProblemCode::BadDateTime,
                p(&[("value", "31.02.2026 10:00")])
            ),
            (3, col("Bewertung"), ProblemCode::MissingRating, p(&[])),
            (
                3,
                col("Im Team-Review teilen"),
                ProblemCode::BadYesNo,
                p(&[("value", "vielleicht")])
            ),
            (
                3,
                col("NPS"),
                ProblemCode::NpsOutOfRange,
                p(&[("value", "11")])
            ),
            (
                4,
                None,
                ProblemCode::TooManyFields,
                p(&[("fields", "6"), ("header", "5")])
            ),
        ]
    );

    let got = problems("occurred_at,rating,colour\n", Format::Csv);
    assert_eq!(got[0].2, ProblemCode::UnknownColumn);
    assert!(got[0].3[0].1.contains("occurred_at"), "{got:?}");
    let got = problems("rating\n", Format::Csv);
    assert_eq!(
        got,
        [(
            1,
            None,
            ProblemCode::MissingColumn,
            p(&[("de", "Zeitpunkt"), ("en", "occurred_at")])
        )]
    );
    let got = problems(
        "[{\"rating\": \"golden\", \"colour\": 1}, {\"x\": }]",
        Format::Json,
    );
    assert_eq!(got[0].2, ProblemCode::UnknownField);
    assert_eq!(got[1].2, ProblemCode::JsonSyntax);
    assert!(!got[1].3[0].1.is_empty(), "the reader's detail is kept");
}

/// `n` valid rows, a minute apart.
fn rows_csv(n: u32) -> Vec<u8> {
    let mut csv = String::from("occurred_at,rating\n");
    let start = chrono::DateTime::parse_from_rfc3339("2025-03-03T08:00:00+01:00").expect("time");
    for i in 0..n {
        let at = start + chrono::Duration::minutes(i64::from(i));
        csv.push_str(&format!("{},golden\n", at.to_rfc3339()));
    }
    csv.into_bytes()
}

#[test]
fn a_cancel_up_to_the_commit_writes_nothing() {
    use murmelglas::import::{import_reader, ImportControl, ImportProgress};
    use std::sync::atomic::{AtomicBool, Ordering};

    let mut store = Store::open_in_memory().expect("store");
    store
        .insert_contact(&murmelglas::Contact::new(
            Rating::Ordinary,
            chrono::DateTime::parse_from_rfc3339("2025-01-01T09:00:00+01:00").expect("time"),
        ))
        .expect("insert");
    let csv = rows_csv(3_000);

    // Cancelled before it starts: nothing.
    let cancel = AtomicBool::new(true);
    let control = ImportControl {
        progress: None,
        cancel: Some(&cancel),
    };
    let err = import_reader(&mut store, &csv[..], None, Format::Csv, "a.csv", control)
        .expect_err("cancelled");
    assert!(matches!(err, ImportError::Cancelled { .. }), "{err:?}");
    assert_eq!(store.count_contacts().expect("count"), 1);

    // Cancelled when every row is read and the days are counted, just before the commit
    // (a person's click during the last second of a big import): still nothing.
    let cancel = AtomicBool::new(false);
    let at_the_end = |p: ImportProgress| {
        if p.rows == 3_000 {
            cancel.store(true, Ordering::Relaxed);
        }
    };
    let control = ImportControl {
        progress: Some(&at_the_end),
        cancel: Some(&cancel),
    };
    let err = import_reader(&mut store, &csv[..], None, Format::Csv, "a.csv", control)
        .expect_err("cancelled before the commit");
    assert!(matches!(err, ImportError::Cancelled { .. }), "{err:?}");
    assert_eq!(store.count_contacts().expect("count"), 1, "nothing written");
    assert_eq!(
        store.daily_counts(None, None).expect("days").len(),
        1,
        "the per-day table is as before"
    );

    // Not cancelled: all of it, with the per-day counts kept by the restored trigger.
    let summary = import_bytes(&mut store, &csv, Format::Csv, "a.csv").expect("import");
    assert_eq!(summary.added, 3_000);
    assert_eq!(store.count_contacts().expect("count"), 3_001);
    store
        .insert_contact(&murmelglas::Contact::new(
            Rating::Golden,
            chrono::DateTime::parse_from_rfc3339("2025-01-01T10:00:00+01:00").expect("time"),
        ))
        .expect("insert");
    let jan1: u64 = store
        .daily_counts(None, None)
        .expect("days")
        .iter()
        .filter(|d| d.day == chrono::NaiveDate::from_ymd_opt(2025, 1, 1).expect("date"))
        .map(|d| d.total)
        .sum();
    assert_eq!(
        jan1, 2,
        "the insert trigger counts again after the cancelled imports"
    );
}

/// A new file takes runs of rising ids several rows to a statement; an id out of order,
/// one given twice and one already there each still count once, with their days and
/// stories, and the file is back in WAL mode afterwards.
#[test]
fn runs_of_new_ids_and_the_odd_ones_out_count_alike() {
    let db = temp_db();
    let row = |i: u32, note: &str| {
        format!(
            "0192f3a0-0000-7000-8000-{i:012x},2026-11-{:02}T10:{:02}:00+01:00,,Ana,golden,,,,,,{note},,\n",
            1 + i / 60 % 28,
            i % 60
        )
    };
    let story = |i: u32| {
        if i % 7 == 0 {
            format!("Geschichte Nummer {i}")
        } else {
            String::new()
        }
    };
    // 1..=300 rising, then 150 again (present), 301 twice, and 5 more below the greatest.
    let mut csv = format!("{HEADER}\n");
    for i in 1..=300 {
        csv.push_str(&row(i, &story(i)));
    }
    csv.push_str(&row(150, &story(150)));
    csv.push_str(&row(301, "eine neue"));
    csv.push_str(&row(301, "eine neue"));
    for i in 1000..1100 {
        csv.push_str(&row(i, &story(i)));
    }
    let file = db.file("c.csv");
    std::fs::write(&file, &csv).expect("write");
    cli(&db.path)
        .arg("import")
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("401 added, 2 already present"));
    // Below the greatest id now: one row at a time, found present or added.
    let mut more = format!("{HEADER}\n");
    for i in 500..700 {
        more.push_str(&row(i, &story(i)));
    }
    more.push_str(&row(7, &story(7)));
    let second = db.file("d.csv");
    std::fs::write(&second, &more).expect("write");
    cli(&db.path)
        .arg("import")
        .arg(&second)
        .assert()
        .success()
        .stdout(predicate::str::contains("200 added, 1 already present"));

    let conn = rusqlite::Connection::open(&db.path).expect("open");
    let (mode, total, stories, indexed): (String, i64, i64, i64) = conn
        .query_row(
            "SELECT (SELECT journal_mode FROM pragma_journal_mode), \
                    (SELECT sum(total) FROM day_count), (SELECT count(*) FROM story), \
                    (SELECT count(*) FROM story_search WHERE story_search MATCH 'sch')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .expect("query");
    let with_story = (1..=300)
        .chain(1000..1100)
        .chain(500..700)
        .filter(|i| i % 7 == 0)
        .count();
    assert_eq!(mode, "wal");
    assert_eq!(total, 601);
    assert_eq!(stories, with_story as i64 + 1);
    assert_eq!(indexed, with_story as i64);
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("check");
    assert_eq!(check, "ok");
    conn.execute(
        "INSERT INTO story_search (story_search, rank) VALUES ('integrity-check', 1)",
        [],
    )
    .expect("story index matches the stories");
}

/// After a bulk insert into a new file (the rollback-journal path), the same connection
/// can checkpoint its WAL at once: nothing of the import is left holding it.
#[test]
fn after_an_import_into_a_new_file_the_connection_checkpoints() {
    let db = temp_db();
    let mut store = murmelglas::Store::open(&db.path).expect("open");
    murmelglas::demo::fill(
        &mut store,
        &murmelglas::demo::DemoOptions {
            weeks: 1,
            members: 3,
            per_day: 10,
            seed: 1,
            until: chrono::NaiveDate::from_ymd_opt(2026, 11, 27).expect("date"),
        },
    )
    .expect("demo");
    let conn = store.connection().expect("a file");
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "wal");
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .expect("checkpoint right after the import");
}

#[test]
fn a_cancel_stops_reading_the_file() {
    use murmelglas::import::{import_reader, ImportControl};
    use std::io::Read;
    use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
    use std::sync::Arc;

    /// Counts the bytes the import takes from the file.
    struct Counting<'a> {
        inner: &'a [u8],
        taken: Arc<AtomicU64>,
    }
    impl Read for Counting<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.inner.read(buf)?;
            self.taken.fetch_add(n as u64, Ordering::Relaxed);
            Ok(n)
        }
    }

    let mut store = Store::open_in_memory().expect("store");
    let csv = rows_csv(200_000);
    let taken = Arc::new(AtomicU64::new(0));
    let input = Counting {
        inner: &csv[..],
        taken: taken.clone(),
    };
    // Cancelled from the start: the writer hangs up after the first batch.
    let cancel = AtomicBool::new(true);
    let control = ImportControl {
        progress: None,
        cancel: Some(&cancel),
    };
    let err = import_reader(&mut store, input, None, Format::Csv, "a.csv", control)
        .expect_err("cancelled");
    assert!(matches!(err, ImportError::Cancelled { .. }), "{err:?}");
    let taken = taken.load(Ordering::Relaxed);
    assert!(
        taken < csv.len() as u64 / 4,
        "the parser stops soon after the cancel: {taken} of {} bytes read",
        csv.len()
    );
}
