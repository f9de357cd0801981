//! The requirement, proven with a real spreadsheet: "A file exported with
//! `murmelglas export --lang de`, opened and saved again by Excel or LibreOffice Calc, must
//! import again unchanged: same ids, nothing duplicated, nothing lost."
//!
//! LibreOffice Calc runs headless, as a German user would have it (locale de-DE), opens the
//! export and saves it as CSV again: once in UTF-8 and once in Windows-1252. Each saved file
//! is then imported into the database it came from (nothing may change) and into an empty
//! one (everything must come back, to the minute: a save drops the seconds).
//!
//! Without LibreOffice the test fails when `CI` is set, and is skipped with a notice
//! otherwise. `SOFFICE` may name the program.

use std::collections::BTreeSet;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, Timelike};
use murmelglas::Contact;

use crate::common::{all_contacts, bytes, cli, temp_db, TempDb};

/// How long one open-and-save may take before the test gives up on LibreOffice.
const SOFFICE_TIMEOUT: Duration = Duration::from_secs(120);

/// LibreOffice's CSV filter, for import (`--infilter`) and export (`--convert-to`).
const CSV_FILTER: &str = "Text - txt - csv (StarCalc)";

/// Filter options, by token: 1 field separator `;` (59), 2 text delimiter `"` (34),
/// 3 character set, 4 first line to read (1), 5 column formats (none: Calc detects them, as
/// when a user opens the file), 6 language German (Germany) (1031).
fn filter_options(charset: &str) -> String {
    format!("59,34,{charset},1,,1031")
}

/// One way of saving the file again.
struct Save {
    name: &'static str,
    /// Token 3 of the filter options: 76 is UTF-8, ANSI is Windows-1252.
    charset: &'static str,
}

const SAVES: [Save; 2] = [
    Save {
        name: "utf-8",
        charset: "76",
    },
    Save {
        name: "windows-1252",
        charset: "ANSI",
    },
];

/// The hand-logged stories: German letters; `;`, `"` and a line break; an emoji.
const STORY_QUOTES: &str =
    "Kundin aus Köln: „Größe passt“; sagte \"danke\"\nzweite Zeile – Grüße 🙂";
const STORY_FORMULA_START: &str = "=1+1 war die Rechnung, sagte der Kunde";
const STORY_FORMULA_TEXT: &str = "Süß; =SUMME(A1) -5 +1 '0815 – nicht rechnen";

#[test]
fn german_export_survives_a_libreoffice_save() {
    let Some(soffice) = find_soffice() else {
        let message = "LibreOffice (soffice) not found on PATH or in the usual places; \
                       install libreoffice-calc (Debian: libreoffice-calc-nogui) or set SOFFICE";
        if std::env::var_os("CI").is_some() {
            panic!("{message}");
        }
        eprintln!("NOTICE: skipping the spreadsheet round trip: {message}");
        return;
    };

    // 1. A database with demo data and a few hand-logged contacts.
    let db = temp_db();
    cli(&db.path)
        .args("demo --weeks 2 --members 3 --per-day 4 --seed 7 --until 2026-11-20".split(' '))
        .assert()
        .success();
    cli(&db.path)
        .args(["members", "add", "Jürgen Weiß"])
        .assert()
        .success();
    #[rustfmt::skip]
    let hand_logged: [&[&str]; 6] = [
        &[
            "golden", "--at", "02.11.2026 09:15:42", "--member", "Jürgen Weiß", "--channel",
            "phone", "--motive", "speed", "--share", "--nps", "10", "--note", STORY_QUOTES,
        ],
        // In the hour that happens twice when the clocks go back; the import resolves the
        // wall-clock time the way `log --at` does.
        &["08/15", "--at", "25.10.2026 02:30:17", "--note", STORY_FORMULA_TEXT],
        // Seconds that rounding (rather than cutting) would carry into the next day.
        &[
            "golden", "--at", "19.11.2026 23:59:59", "--channel", "email", "--perspective",
            "expectations", "--perspective", "needs-motives", "--nps", "0", "--note",
            "  Straße, Maße, Öffnungszeiten – ÄÖÜ äöü ß",
        ],
        &["08/15", "--at", "16.11.2026 12:00:01", "--member", "Jürgen Weiß"],
        // Stories a spreadsheet would compute: the export guards them with a leading '.
        &["08/15", "--at", "17.11.2026 10:00:00", "--note", STORY_FORMULA_START],
        &["golden", "--at", "17.11.2026 10:05:00", "--note", "-5 Minuten Wartezeit, trotzdem freundlich"],
    ];
    for args in hand_logged {
        cli(&db.path).arg("log").args(args).assert().success();
    }
    let before = all_contacts(&db.open());
    let n = before.len();
    assert!(n > 100, "demo data plus hand-logged contacts, got {n}");
    let notes: Vec<&str> = before.iter().filter_map(|c| c.note.as_deref()).collect();
    assert!(
        notes.contains(&STORY_QUOTES),
        "story kept by `log`: {notes:?}"
    );

    // 2. The German export.
    let export = db.file("kontakte.csv");
    cli(&db.path)
        .args(["export", "--lang", "de", "--out"])
        .arg(&export)
        .assert()
        .success();
    let exported = bytes(&export);
    let exported_text = std::str::from_utf8(&exported).expect("the export is UTF-8");
    assert!(
        exported_text.contains(";02.11.2026 09:15:42;"),
        "the export writes four-digit years and seconds:\n{}",
        first_lines(exported_text, 3)
    );

    for save in &SAVES {
        // 3. Open and save again in LibreOffice.
        let out_dir = db.file(&format!("saved-{}", save.name));
        let saved_path = libreoffice_open_and_save(&soffice, &db, &export, &out_dir, save);
        let saved = bytes(&saved_path);

        // 4. Proof that LibreOffice rewrote the file, and how.
        let saved_text = match save.charset {
            "76" => std::str::from_utf8(&saved)
                .expect("a UTF-8 save is UTF-8")
                .to_string(),
            _ => {
                assert!(
                    std::str::from_utf8(&saved).is_err(),
                    "a Windows-1252 save of German text is not valid UTF-8"
                );
                encoding_rs::WINDOWS_1252
                    .decode_without_bom_handling(&saved)
                    .0
                    .into_owned()
            }
        };
        println!(
            "LibreOffice, saved as {} ({} bytes, BOM: {}, CRLF: {}), first lines:\n{}",
            save.name,
            saved.len(),
            saved.starts_with(b"\xEF\xBB\xBF"),
            saved.windows(2).any(|w| w == b"\r\n"),
            first_lines(&saved_text, 3)
        );
        assert_ne!(
            saved, exported,
            "{}: LibreOffice wrote the file anew",
            save.name
        );
        let hand = &before
            .iter()
            .find(|c| c.note.as_deref() == Some(STORY_QUOTES))
            .expect("the hand-logged contact")
            .id;
        assert!(
            saved_text.contains(&format!("{hand};02.11.26 09:15;")),
            "{}: LibreOffice writes times as dd.mm.yy hh:mm (German short form, no seconds):\n{}",
            save.name,
            first_lines(&saved_text, 3)
        );
        assert!(
            !saved_text.contains(".2026 "),
            "{}: no time keeps its four-digit year",
            save.name
        );
        assert!(
            saved_text.contains(";08/15;"),
            "{}: the rating 08/15 stays text, not a date",
            save.name
        );
        if save.charset == "ANSI" {
            assert!(
                saved_text.contains("zweite Zeile – Grüße ?\""),
                "{}: the emoji became '?', the dash and umlauts stayed",
                save.name
            );
        }

        // 5. Into the same database: nothing added, nothing changed.
        cli(&db.path)
            .arg("import")
            .arg(&saved_path)
            .assert()
            .success()
            .stdout(predicates::str::contains(format!(
                "{n} read, 0 added, {n} already present"
            )));
        let after = all_contacts(&db.open());
        assert_eq!(after.len(), n, "{}: nothing duplicated", save.name);
        assert!(
            after == before,
            "{}: importing the saved file changed the database",
            save.name
        );

        // 6. Into an empty database: everything back, to the minute.
        let fresh = temp_db();
        cli(&fresh.path)
            .arg("import")
            .arg(&saved_path)
            .assert()
            .success()
            .stdout(predicates::str::contains(format!(
                "{n} read, {n} added, 0 already present"
            )));
        let imported = all_contacts(&fresh.open());
        assert_eq!(
            imported.len(),
            n,
            "{}: nothing lost, nothing duplicated",
            save.name
        );
        let ids = |cs: &[Contact]| cs.iter().map(|c| c.id).collect::<BTreeSet<_>>();
        assert_eq!(ids(&imported), ids(&before), "{}: the same ids", save.name);
        let lossy_note = |note: &str| match save.charset {
            "76" => note.to_string(),
            _ => note.chars().map(cp1252_or_question_mark).collect(),
        };
        for original in &before {
            let expected = Contact {
                occurred_at: to_the_minute(original.occurred_at),
                logged_at: to_the_minute(original.logged_at),
                note: original.note.as_deref().map(lossy_note),
                ..original.clone()
            };
            let got = imported
                .iter()
                .find(|c| c.id == original.id)
                .expect("every id imported");
            assert_eq!(got, &expected, "{}: contact {}", save.name, original.id);
            // `==` on times compares instants; the offset must survive as well.
            assert_eq!(got.occurred_at.offset(), original.occurred_at.offset());
            assert_eq!(got.logged_at.offset(), original.logged_at.offset());
        }
    }
}

/// What LibreOffice's Windows-1252 save makes of one character.
fn cp1252_or_question_mark(c: char) -> char {
    let mut buf = [0u8; 4];
    let (_, _, unmappable) = encoding_rs::WINDOWS_1252.encode(c.encode_utf8(&mut buf));
    if unmappable {
        '?'
    } else {
        c
    }
}

fn to_the_minute(t: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    t.with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .expect("a whole minute exists")
}

fn first_lines(text: &str, n: usize) -> String {
    text.lines().take(n).collect::<Vec<_>>().join("\n")
}

/// Opens `input` in LibreOffice Calc and saves it as CSV into `out_dir`; returns the saved
/// file. A German user: LANG and the profile's locale are de-DE.
fn libreoffice_open_and_save(
    soffice: &Path,
    db: &TempDb,
    input: &Path,
    out_dir: &Path,
    save: &Save,
) -> PathBuf {
    std::fs::create_dir_all(out_dir).expect("create output folder");
    let profile = german_profile(db);
    let log_out = db.file(&format!("soffice-{}.out", save.name));
    let log_err = db.file(&format!("soffice-{}.err", save.name));
    let mut command = Command::new(soffice);
    command
        .arg("--headless")
        .arg("--norestore")
        .arg(format!("-env:UserInstallation={}", file_url(&profile)))
        .arg(format!("--infilter={CSV_FILTER}:{}", filter_options("76")))
        .arg("--convert-to")
        .arg(format!("csv:{CSV_FILTER}:{}", filter_options(save.charset)))
        .arg("--outdir")
        .arg(out_dir)
        .arg(input)
        .env("LANG", "de_DE.UTF-8")
        .env("LC_ALL", "de_DE.UTF-8")
        .env("TZ", "Europe/Berlin")
        .stdin(Stdio::null())
        .stdout(File::create(&log_out).expect("create soffice log"))
        .stderr(File::create(&log_err).expect("create soffice log"));
    #[cfg(unix)]
    {
        // Its own process group, so a hang can be ended with all of its children.
        use std::os::unix::process::CommandExt;
        command.process_group(0);
    }
    let started = Instant::now();
    let mut child = command.spawn().expect("start soffice");
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for soffice") {
            break status;
        }
        if started.elapsed() > SOFFICE_TIMEOUT {
            kill_tree(&mut child);
            panic!(
                "soffice did not finish within {} s; killed it. stderr:\n{}",
                SOFFICE_TIMEOUT.as_secs(),
                std::fs::read_to_string(&log_err).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let logs = || {
        format!(
            "stdout:\n{}\nstderr:\n{}",
            std::fs::read_to_string(&log_out).unwrap_or_default(),
            std::fs::read_to_string(&log_err).unwrap_or_default()
        )
    };
    assert!(status.success(), "soffice failed ({status}); {}", logs());
    let saved = out_dir.join(input.file_name().expect("input has a file name"));
    assert!(
        saved.is_file(),
        "soffice wrote no {}; {}",
        saved.display(),
        logs()
    );
    println!(
        "LibreOffice saved {} as {} in {:.1} s",
        input.display(),
        save.name,
        started.elapsed().as_secs_f64()
    );
    saved
}

/// A LibreOffice profile of its own (so runs never meet a running instance), with the
/// locale setting of a German user: LibreOffice takes it from LANG, but not on every
/// platform, and the locale need not be installed for LibreOffice to use it.
fn german_profile(db: &TempDb) -> PathBuf {
    let profile = db.file("lo-profile");
    let user = profile.join("user");
    if !user.exists() {
        std::fs::create_dir_all(&user).expect("create LibreOffice profile");
        std::fs::write(
            user.join("registrymodifications.xcu"),
            r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>de-DE</value></prop></item>
</oor:items>
"#,
        )
        .expect("write LibreOffice settings");
    }
    profile
}

/// `file:///…` for a local folder, with anything unusual percent-encoded.
fn file_url(path: &Path) -> String {
    let path = path.to_string_lossy().replace('\\', "/");
    let mut url = String::from("file://");
    if !path.starts_with('/') {
        url.push('/'); // C:/…
    }
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' | b':' => {
                url.push(b as char)
            }
            _ => url.push_str(&format!("%{b:02X}")),
        }
    }
    url
}

pub(crate) fn kill_tree(child: &mut std::process::Child) {
    #[cfg(unix)]
    {
        // The group id is the child's id (process_group(0)); soffice is a script that
        // starts soffice.bin, which a plain kill would leave running.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", child.id())])
            .status();
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// `SOFFICE` if set (and there), else `soffice` or `libreoffice` on PATH, else the usual
/// install places.
pub(crate) fn find_soffice() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("SOFFICE") {
        // Named explicitly: that one or none.
        return Some(PathBuf::from(p)).filter(|p| p.is_file());
    }
    let names = ["soffice", "soffice.exe", "libreoffice"];
    let on_path = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .unwrap_or_default();
    let found = on_path
        .iter()
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file());
    found.or_else(|| {
        [
            "/usr/bin/soffice",
            "/usr/local/bin/soffice",
            "/opt/libreoffice/program/soffice",
            "/Applications/LibreOffice.app/Contents/MacOS/soffice",
            r"C:\Program Files\LibreOffice\program\soffice.exe",
        ]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
    })
}
