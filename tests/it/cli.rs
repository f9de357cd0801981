//! The `murmelglas` command line against temporary databases.

use predicates::prelude::*;
use serde_json::Value;

use crate::common::{bytes, cli, temp_db};

fn list_json(db: &std::path::Path) -> Vec<Value> {
    let out = cli(db)
        .args(["list", "--format", "json"])
        .output()
        .expect("run list");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let value: Value = serde_json::from_slice(&out.stdout).expect("list prints JSON");
    value.as_array().expect("a JSON array").clone()
}

fn stats_json(db: &std::path::Path, extra: &[&str]) -> Value {
    let out = cli(db)
        .args(["stats", "--format", "json"])
        .args(extra)
        .output()
        .expect("run stats");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stats prints JSON")
}

#[test]
fn log_a_bare_rating_and_a_tagged_contact() {
    let db = temp_db();
    assert!(!db.path.exists());
    cli(&db.path)
        .args(["log", "golden"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Logged Golden"));
    assert!(db.path.exists(), "--db naming a new file creates it");
    cli(&db.path)
        .args(["members", "add", "Jörg"])
        .assert()
        .success();
    cli(&db.path)
        .args([
            "log",
            "08/15",
            "--channel",
            "Telefon",
            "--motive",
            "speed",
            "--motive",
            "Einfachheit",
            "--perspective",
            "markt & wettbewerb",
            "--phase",
            "Erstkauf",
            "--purpose",
            "support",
            "--note",
            "Wartezeit; \"zu lang\"",
            "--share",
            "--member",
            "jörg",
            "--at",
            "20.11.2026 14:05",
            "--nps",
            "6",
        ])
        .assert()
        .success();
    let list = list_json(&db.path);
    assert_eq!(list.len(), 2);
    let tagged = &list[0]; // oldest first
    assert_eq!(tagged["rating"], "ordinary");
    assert_eq!(tagged["channel"], "phone");
    assert_eq!(
        tagged["motives"],
        serde_json::json!(["simplicity", "speed"])
    );
    assert_eq!(tagged["perspectives"], serde_json::json!(["market"]));
    assert_eq!(tagged["phase"], "first-purchase");
    assert_eq!(tagged["purpose"], "support");
    assert_eq!(tagged["note"], "Wartezeit; \"zu lang\"");
    assert_eq!(tagged["share_in_review"], true);
    assert_eq!(tagged["member"], "Jörg");
    assert_eq!(tagged["nps"], 6);
    assert_eq!(
        tagged["occurred_at"], "2026-11-20T14:05:00+01:00",
        "Berlin winter time"
    );
    let keys: Vec<&str> = tagged
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    for key in [
        "id",
        "occurred_at",
        "logged_at",
        "member",
        "rating",
        "channel",
        "phase",
        "purpose",
        "motives",
        "perspectives",
        "note",
        "share_in_review",
        "nps",
    ] {
        assert!(keys.contains(&key), "missing field {key}");
    }
    assert_eq!(list[1]["rating"], "golden");
    assert_eq!(list[1]["member"], Value::Null, "anonymous by default");
}

#[test]
fn summer_time_gets_its_own_offset() {
    let db = temp_db();
    cli(&db.path)
        .args(["log", "gold", "--at", "2026-07-20 10:00"])
        .assert()
        .success();
    assert_eq!(
        list_json(&db.path)[0]["occurred_at"],
        "2026-07-20T10:00:00+02:00"
    );
}

#[test]
fn bad_values_are_clear_errors_and_nothing_is_stored() {
    let db = temp_db();
    cli(&db.path)
        .args(["log", "golden", "--channel", "fax"])
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("unknown channel 'fax'")
                .and(predicate::str::contains("phone (Telefon)")),
        );
    cli(&db.path)
        .args(["log", "silver"])
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("unknown rating 'silver'")
                .and(predicate::str::contains("golden")),
        );
    cli(&db.path)
        .args(["log", "golden", "--at", "01.01.2099 10:00"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("lies in the future"));
    cli(&db.path)
        .args(["log", "golden", "--at", "31.02.2026 10:00"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("not a date and time"));
    cli(&db.path)
        .args(["log", "golden", "--nps", "11"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("0 to 10"));
    cli(&db.path)
        .args(["log", "golden", "--member", "Niemand"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no team member named 'Niemand'"));
    let long = "x".repeat(4001);
    cli(&db.path)
        .args(["log", "golden", "--note", &long])
        .assert()
        .failure()
        .stderr(predicate::str::contains("4001 characters"));
    cli(&db.path)
        .args(["list", "--from", "gestern"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("'gestern' is not a date"));
    assert!(list_json(&db.path).is_empty());
}

#[test]
fn stats_with_no_contacts_are_null_not_a_division_by_zero() {
    let db = temp_db();
    let s = stats_json(&db.path, &[]);
    assert_eq!(s["total"], 0);
    assert_eq!(s["golden_share"], Value::Null);
    assert_eq!(s["ci_low"], Value::Null);
    assert_eq!(s["ci_high"], Value::Null);
    cli(&db.path)
        .args(["stats"])
        .assert()
        .success()
        .stdout(predicate::str::contains("0 contacts"));
}

#[test]
fn stats_by_day_week_month_and_date_filters() {
    let db = temp_db();
    for (rating, when) in [
        ("golden", "16.11.2026 09:00"),
        ("golden", "17.11.2026 09:00"),
        ("08/15", "17.11.2026 10:00"),
        ("golden", "2026-11-19 11:00"),
        ("08/15", "02.11.2026 12:00"),
    ] {
        cli(&db.path)
            .args(["log", rating, "--at", when])
            .assert()
            .success();
    }
    let s = stats_json(&db.path, &["--by", "week"]);
    assert_eq!(s["total"], 5);
    assert_eq!(s["golden"], 3);
    assert_eq!(s["ordinary"], 2);
    assert!((s["golden_share"].as_f64().expect("share") - 0.6).abs() < 1e-9);
    let series = s["series"].as_array().expect("series");
    let periods: Vec<(&str, u64)> = series
        .iter()
        .map(|p| {
            (
                p["period"].as_str().expect("period"),
                p["total"].as_u64().expect("total"),
            )
        })
        .collect();
    assert_eq!(
        periods,
        vec![("2026-W45", 1), ("2026-W46", 0), ("2026-W47", 4)]
    );
    assert_eq!(
        series[1]["golden_share"],
        Value::Null,
        "an empty week is a gap, not 0 %"
    );
    for key in ["ci_low", "ci_high", "golden", "ordinary"] {
        assert!(series[2].get(key).is_some(), "series has {key}");
    }

    let s = stats_json(
        &db.path,
        &[
            "--by",
            "month",
            "--from",
            "16.11.2026",
            "--to",
            "2026-11-17",
        ],
    );
    assert_eq!(s["total"], 3);
    assert_eq!(s["series"][0]["period"], "2026-11");
    let s = stats_json(
        &db.path,
        &["--by", "day", "--from", "2026-11-16", "--to", "2026-11-17"],
    );
    let days: Vec<&str> = s["series"]
        .as_array()
        .expect("series")
        .iter()
        .map(|p| p["period"].as_str().expect("p"))
        .collect();
    assert_eq!(days, vec!["2026-11-16", "2026-11-17"]);

    let out = cli(&db.path)
        .args([
            "list",
            "--from",
            "17.11.2026",
            "--to",
            "17.11.2026",
            "--format",
            "csv",
        ])
        .output()
        .expect("list");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(text.lines().count(), 3, "header and two contacts: {text}");
    assert!(text.starts_with("id,occurred_at,logged_at,member,rating,"));
}

#[test]
fn undo_removes_the_contact_just_logged() {
    let db = temp_db();
    cli(&db.path)
        .args(["undo"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("nothing to undo"));
    cli(&db.path)
        .args(["log", "golden", "--at", "01.11.2026 10:00"])
        .assert()
        .success();
    cli(&db.path).args(["log", "08/15"]).assert().success();
    cli(&db.path)
        .args(["undo"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Removed the 08/15 contact"));
    let list = list_json(&db.path);
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["rating"], "golden");
    cli(&db.path).args(["undo"]).assert().success();
    cli(&db.path).args(["undo"]).assert().failure();
}

#[test]
fn export_never_overwrites_by_surprise() {
    let db = temp_db();
    cli(&db.path).args(["log", "golden"]).assert().success();
    let out = db.file("export.csv");
    std::fs::write(&out, "meine Daten\n").expect("write");
    cli(&db.path)
        .args(["export", "--out"])
        .arg(&out)
        .assert()
        .failure()
        .stderr(predicate::str::contains("already exists"));
    assert_eq!(bytes(&out), b"meine Daten\n");
    cli(&db.path)
        .args(["export", "--force", "--out"])
        .arg(&out)
        .assert()
        .success();
    let text = String::from_utf8(bytes(&out)).expect("utf-8");
    assert!(text.starts_with("id,occurred_at,"), "{text}");

    let json = db.file("export.json");
    cli(&db.path)
        .args(["export", "--out"])
        .arg(&json)
        .assert()
        .success();
    let parsed: Value = serde_json::from_slice(&bytes(&json)).expect("extension picks JSON");
    assert_eq!(parsed.as_array().map(Vec::len), Some(1));
}

#[test]
fn german_export_is_for_excel_and_imports_back() {
    let db = temp_db();
    cli(&db.path)
        .args(["members", "add", "Anna"])
        .assert()
        .success();
    cli(&db.path)
        .args([
            "log",
            "gold",
            "--member",
            "Anna",
            "--channel",
            "in-person",
            "--motive",
            "Mehrwert",
            "--motive",
            "speed",
            "--note",
            "Zeile 1\nZeile 2; mit \"Zitat\"",
            "--share",
            "--at",
            "2026-11-20 14:05:30",
        ])
        .assert()
        .success();
    cli(&db.path)
        .args(["log", "08/15", "--at", "2026-07-01 08:00", "--nps", "7"])
        .assert()
        .success();
    for story in ["=SUMME(A1:A9)", "'Zitat' am Anfang", "-5 Minuten Wartezeit"] {
        cli(&db.path)
            .args(["log", "08/15", "--at", "2026-11-02 10:00", "--note", story])
            .assert()
            .success();
    }
    let out = db.file("de.csv");
    cli(&db.path)
        .args(["export", "--lang", "de", "--out"])
        .arg(&out)
        .assert()
        .success();
    let raw = bytes(&out);
    assert!(raw.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM");
    let text = String::from_utf8(raw[3..].to_vec()).expect("utf-8");
    let header = text.lines().next().expect("header");
    assert_eq!(header, "ID;Zeitpunkt;Zeitzone;Erfasst am;Zeitzone Erfassung;Person;Bewertung;Kanal;Phase;Zweck;Motive;Perspektiven;Hindernisse;Geschichte;Im Team-Review teilen;NPS;Standort");
    assert!(text.contains("\r\n"), "CRLF line ends");
    assert!(
        text.contains(";20.11.2026 14:05:30;"),
        "German local time: {text}"
    );
    assert!(
        text.contains(";Gold;Persönlich;;;Geschwindigkeit|Mehrwert;;"),
        "{text}"
    );
    assert!(
        text.contains(";01.07.2026 08:00:00;"),
        "summer time shown as local time"
    );
    assert!(text.contains(";08/15;"));
    assert!(text.contains(";ja;") && text.contains(";nein;7"));

    assert!(
        text.contains(";'=SUMME(A1:A9);"),
        "a formula is guarded: {text}"
    );
    assert!(text.contains(";'-5 Minuten Wartezeit;"), "{text}");
    assert!(
        text.contains(";''Zitat' am Anfang;"),
        "a leading ' is doubled: {text}"
    );
    let before = list_json(&db.path);
    cli(&db.path)
        .args(["import"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("0 added, 5 already present"));
    assert_eq!(
        list_json(&db.path),
        before,
        "importing the export again changes nothing"
    );

    let fresh = temp_db();
    cli(&fresh.path)
        .args(["import"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("5 added"));
    assert_eq!(
        list_json(&fresh.path),
        before,
        "same ids, same values, same offsets"
    );
}

#[test]
fn members_commands() {
    let db = temp_db();
    cli(&db.path)
        .args(["members", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("No team members yet"));
    cli(&db.path)
        .args(["members", "add", "Anna"])
        .assert()
        .success();
    cli(&db.path)
        .args(["members", "add", "anna"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("already a team member"));
    cli(&db.path)
        .args(["members", "add", "Ben"])
        .assert()
        .success();
    cli(&db.path)
        .args(["members", "rename", "Ben", "Benedikt"])
        .assert()
        .success();
    cli(&db.path)
        .args(["members", "deactivate", "Anna"])
        .assert()
        .success();
    cli(&db.path)
        .args(["members", "list"])
        .assert()
        .success()
        .stdout("Benedikt\n");
    cli(&db.path)
        .args(["members", "list", "--all"])
        .assert()
        .success()
        .stdout("Anna (inactive)\nBenedikt\n");
    cli(&db.path)
        .args(["members", "rename", "Zoe", "Zora"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no team member named 'Zoe'"));
}

#[test]
fn settings_commands() {
    let db = temp_db();
    // The target is a goal now: the old setting says where it went.
    cli(&db.path)
        .args(["settings", "set", "target", "60 %"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("murmelglas goal add"));
    cli(&db.path)
        .args(["settings", "set", "team-name", "Filiale Nord"])
        .assert()
        .success();
    cli(&db.path)
        .args(["settings", "set", "language", "fr"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("unknown language 'fr'"));
    let out = cli(&db.path)
        .args(["settings", "show", "--format", "json"])
        .output()
        .expect("show");
    let s: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(s["team_name"], "Filiale Nord");
    assert!(s.get("target_golden_share").is_none());
    assert_eq!(s["language"], "de");
    assert_eq!(s["hide_team_jar"], false);
    cli(&db.path)
        .args(["settings", "set", "hide-team-jar", "an"])
        .assert()
        .success();
    cli(&db.path)
        .args(["settings", "set", "hide-team-jar", "maybe"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("'maybe' is not on or off"));
    cli(&db.path)
        .args(["settings", "show"])
        .assert()
        .success()
        .stdout(predicate::str::contains("hide-team-jar on"));
}

#[test]
fn demo_is_deterministic_and_only_fills_an_empty_database() {
    let a = temp_db();
    let b = temp_db();
    for db in [&a, &b] {
        cli(&db.path)
            .args([
                "demo",
                "--weeks",
                "4",
                "--members",
                "4",
                "--per-day",
                "6",
                "--seed",
                "42",
                "--until",
                "2026-11-20",
            ])
            .assert()
            .success();
    }
    let (list_a, list_b) = (list_json(&a.path), list_json(&b.path));
    assert_eq!(list_a, list_b, "same seed, same data");
    // 4 members x 6 per day x ~22 working days, give or take the randomness.
    assert!((350..700).contains(&list_a.len()), "{}", list_a.len());
    let golden = list_a.iter().filter(|c| c["rating"] == "golden").count();
    assert!(golden > 0 && golden < list_a.len());
    assert!(
        list_a
            .iter()
            .any(|c| c["note"].is_string() && c["share_in_review"] == true),
        "some shared stories"
    );
    assert!(
        list_a.iter().any(|c| c["member"].is_null()),
        "some anonymous contacts"
    );
    assert!(list_a
        .iter()
        .all(|c| c["occurred_at"].as_str().expect("time") < "2026-11-21"));
    let sundays = list_a
        .iter()
        .filter(|c| {
            let t = chrono::DateTime::parse_from_rfc3339(c["occurred_at"].as_str().expect("t"))
                .expect("rfc");
            chrono::Datelike::weekday(&t) == chrono::Weekday::Sun
        })
        .count();
    assert_eq!(sundays, 0, "nobody works on Sunday");

    cli(&a.path)
        .args(["demo"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("already holds"));
    assert_eq!(list_json(&a.path).len(), list_a.len());

    let c = temp_db();
    cli(&c.path)
        .args([
            "demo",
            "--weeks",
            "4",
            "--members",
            "4",
            "--per-day",
            "6",
            "--seed",
            "43",
            "--until",
            "2026-11-20",
        ])
        .assert()
        .success();
    assert_ne!(list_json(&c.path), list_a, "another seed, other data");
}

#[test]
fn stats_for_a_closed_range_compare_with_the_range_before() {
    let db = temp_db();
    // Week 47 (16–22 Nov): 12 golden of 20. Week 46 (9–15 Nov): 4 golden of 20.
    let mut rows = String::from("occurred_at,rating\n");
    for i in 0..20 {
        let this = if i < 12 { "golden" } else { "08/15" };
        let before = if i < 4 { "golden" } else { "08/15" };
        rows.push_str(&format!("2026-11-17T09:{i:02}:00+01:00,{this}\n"));
        rows.push_str(&format!("2026-11-10T09:{i:02}:00+01:00,{before}\n"));
    }
    let file = db.file("weeks.csv");
    std::fs::write(&file, rows).expect("write");
    cli(&db.path).arg("import").arg(&file).assert().success();

    let s = stats_json(&db.path, &["--from", "2026-11-16", "--to", "2026-11-22"]);
    assert_eq!(s["change"]["previous_from"], "2026-11-09");
    assert_eq!(s["change"]["previous_to"], "2026-11-15");
    assert_eq!(s["change"]["previous"]["total"], 20);
    // Pooled p = 16/40 = 0.4, SE = √(0.4 · 0.6 · 0.1) = 0.15492, z = 0.4 / 0.15492 = 2.582,
    // two-sided p = 0.00982: a real rise.
    assert_eq!(s["change"]["change"], "up");
    let p = s["change"]["p_value"].as_f64().expect("p-value");
    assert!((p - 0.009_823).abs() < 1e-5, "{p}");
    cli(&db.path)
        .args(["stats", "--from", "2026-11-16", "--to", "2026-11-22"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "vs 2026-11-09 – 2026-11-15 (20 contacts, 20.0 %): +40.0 points, a real rise, p = 0.010",
        ));
    // Without a closed range there is nothing to compare with.
    assert!(stats_json(&db.path, &[]).get("change").is_none());
}

#[test]
fn a_place_is_logged_exported_and_imported_in_both_languages() {
    let db = temp_db();
    cli(&db.path)
        .env("MURMELGLAS_PLACE", "Filiale Markt")
        .args(["log", "golden", "--at", "20.11.2026 10:00"])
        .assert()
        .success();
    cli(&db.path)
        .args([
            "log",
            "08/15",
            "--at",
            "20.11.2026 11:00",
            "--place",
            "Telefon-Team",
        ])
        .assert()
        .success();
    for lang in ["de", "en"] {
        let file = db.file(&format!("places-{lang}.csv"));
        cli(&db.path)
            .args(["export", "--lang", lang, "--out"])
            .arg(&file)
            .assert()
            .success();
        let text = String::from_utf8(bytes(&file)).expect("utf-8");
        let header = text.lines().next().expect("header");
        assert!(
            header.ends_with(if lang == "de" { "Standort" } else { "place" }),
            "{header}"
        );
        let copy = temp_db();
        cli(&copy.path).arg("import").arg(&file).assert().success();
        let places: Vec<_> = crate::common::all_contacts(&copy.open())
            .into_iter()
            .map(|c| c.place)
            .collect();
        assert_eq!(
            places,
            [Some("Filiale Markt".into()), Some("Telefon-Team".into())]
        );
    }
}
