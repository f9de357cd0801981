//! The weekly report: a hand-built week rendered as HTML (figures, charts, tables,
//! stories, privacy, self-containedness) and the `report` command's choices and refusals.

use std::path::Path;

use chrono::{DateTime, NaiveDate};
use murmelglas::domain::Lang;
use murmelglas::report::{last_complete_week, render_html, Report};
use murmelglas::store::Store;
use murmelglas::{Channel, Contact, Motive, Perspective, Rating, Settings};

use crate::common::{bytes, cli, temp_db};

const MEMBERS: [&str; 5] = ["Annegret", "Bertold", "Cemile", "Dragan", "Evelyn"];
const EVIL_STORY: &str = "<script>alert(1)</script> & \"quotes\" 'too'";
const UNSHARED: &str = "Unshared: Bertold forgot to call back";
const NEXT_WEEK_STORY: &str = "A story of the week after";

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).expect("date")
}

/// One contact of the fixture.
#[derive(Default)]
struct Row {
    at: &'static str,
    who: Option<&'static str>,
    golden: bool,
    channel: Option<Channel>,
    motives: &'static [Motive],
    perspectives: &'static [Perspective],
    nps: Option<u8>,
    note: Option<&'static str>,
    share: bool,
}

fn insert(store: &mut Store, row: Row) {
    let rating = if row.golden {
        Rating::Golden
    } else {
        Rating::Ordinary
    };
    let mut c = Contact::new(rating, DateTime::parse_from_rfc3339(row.at).expect("time"));
    c.member = row.who.map(String::from);
    c.channel = row.channel;
    c.motives = row.motives.iter().copied().collect();
    c.perspectives = row.perspectives.iter().copied().collect();
    c.nps = row.nps;
    c.note = row.note.map(String::from);
    c.share_in_review = row.share;
    store.insert_contact(&c).expect("insert");
}

/// Week 47 of 2026 (Mon 16 – Sun 22 November), worked out by hand:
///
/// | # | when       | who      | rating | channel   | tags                 | NPS | story          |
/// |---|------------|----------|--------|-----------|----------------------|-----|----------------|
/// | 1 | Mon 09:15  | Annegret | golden | phone     | speed                | 10  | shared         |
/// | 2 | Mon 09:40  | Bertold  | 08/15  | phone     | speed                | 6   |                |
/// | 3 | Mon 10:05  | Cemile   | golden | phone     | speed, reliability   | 9   | shared, `<script>` |
/// | 4 | Tue 14:00  | Annegret | golden | e-mail    | brand promise        |     |                |
/// | 5 | Tue 14:30  | Bertold  | 08/15  | e-mail    |                      |     | NOT shared     |
/// | 6 | Wed 09:20  | Cemile   | golden | in person |                      |     |                |
/// | 7 | Wed 11:00  | Dragan   | golden | in person |                      | 8   |                |
/// | 8 | Thu 15:00  | Evelyn   | 08/15  | chat      |                      |     |                |
/// | 9 | Thu 16:00  | Dragan   | golden | chat      |                      |     |                |
/// |10 | Fri 10:00  | anonymous| 08/15  | phone     |                      |     |                |
///
/// 10 contacts, 6 golden, 4 08/15: 60 %, Wilson 95 % 31.3–83.2 %. Phone comes from four
/// people (4 contacts, 2 golden); e-mail, in person and chat from two each: suppressed.
/// Speed is named by three people, reliability by one: suppressed. NPS 10, 6, 9, 8 from four
/// people: 2 promoters, 1 detractor of 4, score +25.
/// Week 46 before: 10 contacts, 2 golden (20 %): +40 points, but too few to tell.
/// Week 48 after: one golden contact with a shared story that must not show.
fn week_store(path: &Path) -> Store {
    let mut store = Store::open(path).expect("store");
    for name in MEMBERS {
        store.insert_member(name).expect("member");
    }
    let settings = Settings {
        team_name: "Team <Süd> & Söhne".into(),
        ..store.get_settings().expect("settings")
    };
    store.update_settings(&settings).expect("settings");
    store
        .insert_goal(murmelglas::cycle::GoalDraft {
            text: "Mehr Goldkontakte".into(),
            start_on: day(1),
            target: Some(murmelglas::cycle::GoalTarget {
                metric: murmelglas::cycle::Metric::GoldenShare,
                part: None,
                cause: None,
                value: 0.55,
            }),
        })
        .expect("goal");
    let rows = [
        Row {
            at: "2026-11-16T09:15:00+01:00",
            who: Some("Annegret"),
            golden: true,
            channel: Some(Channel::Phone),
            motives: &[Motive::Speed],
            nps: Some(10),
            note: Some("Die Kundin kam strahlend zurück."),
            share: true,
            ..Row::default()
        },
        Row {
            at: "2026-11-16T09:40:00+01:00",
            who: Some("Bertold"),
            channel: Some(Channel::Phone),
            motives: &[Motive::Speed],
            nps: Some(6),
            ..Row::default()
        },
        Row {
            at: "2026-11-16T10:05:00+01:00",
            who: Some("Cemile"),
            golden: true,
            channel: Some(Channel::Phone),
            motives: &[Motive::Speed, Motive::Reliability],
            nps: Some(9),
            note: Some(EVIL_STORY),
            share: true,
            ..Row::default()
        },
        Row {
            at: "2026-11-17T14:00:00+01:00",
            who: Some("Annegret"),
            golden: true,
            channel: Some(Channel::Email),
            perspectives: &[Perspective::BrandPromise],
            ..Row::default()
        },
        Row {
            at: "2026-11-17T14:30:00+01:00",
            who: Some("Bertold"),
            channel: Some(Channel::Email),
            note: Some(UNSHARED),
            ..Row::default()
        },
        Row {
            at: "2026-11-18T09:20:00+01:00",
            who: Some("Cemile"),
            golden: true,
            channel: Some(Channel::InPerson),
            ..Row::default()
        },
        Row {
            at: "2026-11-18T11:00:00+01:00",
            who: Some("Dragan"),
            golden: true,
            channel: Some(Channel::InPerson),
            nps: Some(8),
            ..Row::default()
        },
        Row {
            at: "2026-11-19T15:00:00+01:00",
            who: Some("Evelyn"),
            channel: Some(Channel::Chat),
            ..Row::default()
        },
        Row {
            at: "2026-11-19T16:00:00+01:00",
            who: Some("Dragan"),
            golden: true,
            channel: Some(Channel::Chat),
            ..Row::default()
        },
        Row {
            at: "2026-11-20T10:00:00+01:00",
            channel: Some(Channel::Phone),
            ..Row::default()
        },
        Row {
            at: "2026-11-23T10:00:00+01:00",
            who: Some("Annegret"),
            golden: true,
            note: Some(NEXT_WEEK_STORY),
            share: true,
            ..Row::default()
        },
    ];
    for row in rows {
        insert(&mut store, row);
    }
    // Week 46: 2 golden, 8 08/15 from three people.
    for i in 0..10u32 {
        insert(
            &mut store,
            Row {
                at: leak(format!("2026-11-{:02}T10:{:02}:00+01:00", 9 + i % 5, i)),
                who: Some(MEMBERS[(i % 3) as usize]),
                golden: i < 2,
                channel: Some(Channel::Phone),
                ..Row::default()
            },
        );
    }
    store
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// `golden` of `total` contacts on Tuesday of `week_monday`'s week, from four people.
fn add_week(store: &mut Store, week_monday: u32, golden: u32, total: u32) {
    for i in 0..total {
        insert(
            store,
            Row {
                at: leak(format!(
                    "2026-11-{:02}T{:02}:{:02}:00+01:00",
                    week_monday + 1,
                    8 + i / 60,
                    i % 60
                )),
                who: Some(MEMBERS[(i % 4) as usize]),
                golden: i < golden,
                channel: Some(Channel::Phone),
                ..Row::default()
            },
        );
    }
}

fn report_de(db: &Path) -> String {
    let store = Store::open(db).expect("store");
    render_html(&store, day(16), day(22), Lang::De).expect("report")
}

/// The HTML between `<table class="cells {class}"` and its `</table>`.
fn table<'a>(html: &'a str, class: &str) -> &'a str {
    let start = html
        .find(&format!("<table class=\"{class}\""))
        .unwrap_or_else(|| panic!("table {class} in the report"));
    let len = html[start..].find("</table>").expect("table end");
    &html[start..start + len]
}

const CHART_STEMS: [&str; 8] = [
    "trend",
    "weekly-bars",
    "week-jars",
    "tags",
    "heat-map",
    "by-channel",
    "by-phase",
    "by-purpose",
];

#[test]
fn the_report_shows_the_week_as_computed_by_hand() {
    let db = temp_db();
    week_store(&db.path);
    let html = report_de(&db.path);

    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"de\">"));
    assert!(html.contains("<h1>Wochenbericht · Team &lt;Süd&gt; &amp; Söhne</h1>"));
    assert!(html.contains("<p class=\"period\">KW 47 2026 · 16.11.2026–22.11.2026</p>"));
    assert!(!html.contains("<Süd>"), "team name escaped");

    for (label, value) in [
        ("Kontakte", "10"),
        ("Gold", "6"),
        ("08/15", "4"),
        (
            "Goldanteil",
            "60 %<span class=\"range\">95-%-Bereich 31–83 %</span>",
        ),
        ("Ziel", "55 %"),
    ] {
        assert!(
            html.contains(&format!("<dt>{label}</dt><dd>{value}</dd>")),
            "key figure {label} = {value}"
        );
    }
    assert!(html
        .contains("+40 Prozentpunkte gegenüber der Vorwoche: zu wenige Kontakte für eine Aussage"));
    assert!(html.contains("Vorwoche (09.11.2026–15.11.2026): 10 Kontakte, Goldanteil 20 %"));

    // Phone: four people, shown; chat, e-mail, in person: two people each, suppressed.
    let channel = table(&html, "cells by-channel");
    assert!(channel.contains(
        "<th scope=\"row\">Telefon</th><td class=\"num\">4</td><td class=\"num\">2</td>\
         <td class=\"num\">2</td><td class=\"num\">50 %</td>"
    ));
    for suppressed in ["Chat", "E-Mail", "Persönlich"] {
        assert!(
            channel.contains(&format!(
                "<tr class=\"too-few\"><th scope=\"row\">{suppressed}</th>\
                 <td colspan=\"5\">zu wenige für eine Anzeige</td></tr>"
            )),
            "{suppressed} is too few to show"
        );
    }
    assert!(
        !channel.contains("Brief"),
        "a channel without contacts has no row"
    );

    // Speed from three people is shown; reliability from one is not.
    assert!(html.contains(
        "<th scope=\"row\">Geschwindigkeit</th><td class=\"num\">2 (33 %)</td>\
         <td class=\"num\">1 (25 %)</td>"
    ));
    assert!(html.contains(
        "<th scope=\"row\">Verlässlichkeit</th><td colspan=\"2\">zu wenige für eine Anzeige</td>"
    ));

    // NPS: the spread 0–10 beside the score.
    assert!(html.contains("NPS +25 aus 4 Antworten"));
    let nps = &html[html.find("<table class=\"nps\"").expect("NPS table")..];
    let counts: Vec<&str> = nps
        .split("<span class=\"n\">")
        .skip(1)
        .take(11)
        .map(|s| &s[..s.find('<').expect("end")])
        .collect();
    assert_eq!(
        counts,
        ["0", "0", "0", "0", "0", "0", "1", "0", "1", "1", "1"]
    );

    // Stories: the two shared ones, escaped; not the unshared one, not the next week's.
    assert!(!html.contains(EVIL_STORY), "the story's markup is escaped");
    // Escaped as HTML does it in text and in double-quoted attributes, the only kind the
    // page has: a single quote is plain text there.
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; 'too'"));
    assert!(html.contains("Die Kundin kam strahlend zurück."));
    assert_eq!(html.matches("<article class=\"story").count(), 2);
    assert!(!html.contains("forgot to call back"));
    assert!(!html.contains(NEXT_WEEK_STORY));
    assert!(html.contains("Mo 16.11.2026, 10:05 · Telefon · Weiterempfehlung 9"));

    assert!(html.contains("<h2>Unsere Schlussfolgerungen</h2>"));
    assert!(html.matches("<div class=\"line\"></div>").count() >= 12);
}

#[test]
fn every_chart_is_inline_svg_and_nothing_is_fetched_or_run() {
    let db = temp_db();
    week_store(&db.path);
    let html = report_de(&db.path);

    assert_eq!(html.matches("<svg").count(), CHART_STEMS.len());
    for stem in CHART_STEMS {
        let start = html
            .find(&format!(
                "<figure class=\"chart {stem}\">\n<svg role=\"img\" aria-label=\""
            ))
            .unwrap_or_else(|| panic!("chart {stem}"));
        let end = start + html[start..].find("</figure>").expect("figure end");
        let svg = &html[start + html[start..].find("<svg").expect("svg")..end];
        // Each chart is well-formed markup with its text drawn in.
        let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{stem}: {e}"));
        assert!(
            doc.descendants().any(|n| n.has_tag_name("text")),
            "{stem} has text"
        );
    }
    for label in [
        "Goldanteil im Verlauf, mit 95-%-Bereich und Ziel",
        "Das Murmelglas je Woche",
        "Goldanteil nach Wochentag und Uhrzeit",
        "Goldanteil nach Beziehungsphase",
    ] {
        assert!(html.contains(&format!("aria-label=\"{label}\"")), "{label}");
    }

    let lower = html.to_lowercase();
    for outside in [
        "<script", "http://", "https://", "src=", "href=", "<link", "@import", "url(", "<img",
        "<iframe",
    ] {
        assert!(!lower.contains(outside), "self-contained: no {outside}");
    }
    assert!(html.contains("@page { size: A4;"));
    assert!(html.contains("break-inside: avoid"));
}

#[test]
fn no_member_is_named_in_either_language() {
    let db = temp_db();
    let store = week_store(&db.path);
    for lang in [Lang::De, Lang::En] {
        let html = render_html(&store, day(16), day(22), lang).expect("report");
        for name in MEMBERS {
            assert!(!html.contains(name), "{name} appears in the {lang} report");
        }
    }
    // The fixture does name them, so the check above can fail.
    assert!(UNSHARED.contains("Bertold"));
}

#[test]
fn english_report_speaks_english() {
    let db = temp_db();
    let store = week_store(&db.path);
    let html = render_html(&store, day(16), day(22), Lang::En).expect("report");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(html.contains("<h1>Weekly report · Team &lt;Süd&gt; &amp; Söhne</h1>"));
    assert!(html.contains("Week 47 2026 · 2026-11-16 – 2026-11-22"));
    assert!(html.contains(
        "<dt>Golden share</dt><dd>60%<span class=\"range\">95% range 31–83%</span></dd>"
    ));
    assert!(html
        .contains("+40 percentage points compared with the week before: too few contacts to tell"));
    assert!(html.contains("<td colspan=\"5\">too few to show</td>"));
    assert!(html.contains("<h2>Our conclusions</h2>"));
    assert!(html.contains("aria-label=\"The marble jar per week\""));
    for german in [
        "Wochenbericht",
        "Goldanteil",
        "zu wenige",
        "Schlussfolgerungen",
        "Telefon",
    ] {
        assert!(!html.contains(german), "no German '{german}' in English");
    }
}

#[test]
fn the_change_is_put_in_words() {
    let cases = [
        // Week 47 against week 46.
        (
            (24, 40),
            (12, 40),
            Lang::De,
            "+30 Prozentpunkte gegenüber der Vorwoche (p = 0,007): eine echte Veränderung",
        ),
        (
            (12, 40),
            (24, 40),
            Lang::En,
            "−30 percentage points compared with the week before (p = 0.007): a real change",
        ),
        (
            (20, 40),
            (18, 40),
            Lang::De,
            "+5 Prozentpunkte gegenüber der Vorwoche (p = 0,65): im Rahmen normaler Schwankung",
        ),
        (
            (20, 40),
            (0, 0),
            Lang::De,
            "In der Vorwoche wurden keine Kontakte erfasst: zu wenige Kontakte für eine Aussage",
        ),
    ];
    for ((golden, total), (before_golden, before_total), lang, sentence) in cases {
        let db = temp_db();
        let mut store = Store::open(&db.path).expect("store");
        for name in MEMBERS {
            store.insert_member(name).expect("member");
        }
        add_week(&mut store, 16, golden, total);
        add_week(&mut store, 9, before_golden, before_total);
        let report = Report::build(&store, day(16), day(22), lang).expect("report");
        assert_eq!(report.change_sentence(), sentence);
        assert!(report.html().expect("html").contains(sentence));
    }
}

#[test]
fn a_period_that_is_not_a_week_is_titled_with_its_dates() {
    let db = temp_db();
    let store = week_store(&db.path);
    let html = render_html(&store, day(16), day(18), Lang::De).expect("report");
    assert!(html.contains("<h1>Bericht · Team &lt;Süd&gt; &amp; Söhne</h1>"));
    assert!(html.contains("<p class=\"period\">16.11.2026–18.11.2026</p>"));
    assert!(html.contains("gegenüber dem Zeitraum davor (13.11.2026–15.11.2026)"));
    assert!(html.contains("<dt>Kontakte</dt><dd>7</dd>"));
}

#[test]
fn the_last_complete_week_is_the_one_before_the_running_week() {
    // Wednesday, Sunday and Monday.
    assert_eq!(last_complete_week(day(25)), (day(16), day(22)));
    assert_eq!(last_complete_week(day(22)), (day(9), day(15)));
    assert_eq!(last_complete_week(day(23)), (day(16), day(22)));
}

#[test]
fn an_empty_week_says_so_without_charts() {
    let db = temp_db();
    week_store(&db.path);
    let out = db.file("empty.html");
    cli(&db.path)
        .args(["report", "--week", "2026-W50", "--lang", "de", "--out"])
        .arg(&out)
        .assert()
        .success();
    let html = String::from_utf8(bytes(&out)).expect("utf-8");
    assert!(html.contains("In dieser Woche wurden keine Kontakte erfasst."));
    assert!(html.contains("KW 50 2026 · 07.12.2026–13.12.2026"));
    assert!(!html.contains("<svg"));
    assert!(!html.contains("<table"));

    let db = temp_db();
    let store = Store::open(&db.path).expect("store");
    let report = Report::build(&store, day(16), day(22), Lang::En).expect("report");
    assert!(report.is_empty());
    assert!(report.charts().is_empty());
    assert!(report
        .html()
        .expect("html")
        .contains("No contacts were logged this week."));
}

#[test]
fn cli_writes_the_report_in_the_teams_language_by_default() {
    let db = temp_db();
    week_store(&db.path);
    let out = db.file("w47.html");
    cli(&db.path)
        .args(["report", "--week", "2026-W47", "--out"])
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    let html = String::from_utf8(bytes(&out)).expect("utf-8");
    assert!(html.contains("<html lang=\"de\">"));
    assert!(html.contains("<dt>Kontakte</dt><dd>10</dd>"));

    cli(&db.path)
        .args(["settings", "set", "language", "en"])
        .assert()
        .success();
    let out = db.file("w47-en.html");
    cli(&db.path)
        .args([
            "report",
            "--from",
            "16.11.2026",
            "--to",
            "2026-11-22",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let html = String::from_utf8(bytes(&out)).expect("utf-8");
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("Week 47 2026 · 2026-11-16 – 2026-11-22"));

    // Without a period: the last complete week, whatever today is.
    let out = db.file("last.html");
    cli(&db.path)
        .args(["report", "--out"])
        .arg(&out)
        .assert()
        .success();
    assert!(String::from_utf8(bytes(&out))
        .expect("utf-8")
        .contains("Weekly report"));
}

/// Runs `report` with `args` and returns its stderr, asserting exit code 1.
fn refused(db: &Path, args: &[&str]) -> String {
    let out = cli(db).arg("report").args(args).output().expect("run");
    assert_eq!(out.status.code(), Some(1), "{args:?}");
    let stderr = String::from_utf8(out.stderr).expect("utf-8");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    stderr
}

#[test]
fn cli_refuses_impossible_periods_naming_the_value() {
    let db = temp_db();
    week_store(&db.path);
    let out = db.file("r.html");
    let out = out.to_str().expect("path");
    for week in ["2026-W99", "2025-W53", "W47", "2026-47", "2026-W00"] {
        let err = refused(&db.path, &["--week", week, "--out", out]);
        assert!(err.contains(&format!("'{week}'")), "{err}");
        assert!(err.contains("2026-W47"), "names the expected form: {err}");
    }
    let err = refused(
        &db.path,
        &["--from", "31.02.2026", "--to", "2026-03-05", "--out", out],
    );
    assert!(
        err.contains("'31.02.2026'") && err.contains("23.11.2026"),
        "{err}"
    );
    let err = refused(
        &db.path,
        &["--from", "2026-11-16", "--to", "morgen", "--out", out],
    );
    assert!(err.contains("'morgen'"), "{err}");
    let err = refused(
        &db.path,
        &["--week", "2026-W47", "--from", "2026-11-16", "--out", out],
    );
    assert!(err.contains("--week") && err.contains("--from"), "{err}");
    let err = refused(
        &db.path,
        &["--from", "2026-11-22", "--to", "2026-11-16", "--out", out],
    );
    assert!(err.contains("before"), "{err}");
    let err = refused(&db.path, &["--from", "2026-11-16", "--out", out]);
    assert!(err.contains("--to"), "{err}");
    assert!(!Path::new(out).exists(), "nothing written");
}

#[test]
fn cli_never_overwrites_without_force() {
    let db = temp_db();
    week_store(&db.path);
    let out = db.file("report.html");
    std::fs::write(&out, "the team's notes").expect("write");
    let err = refused(
        &db.path,
        &["--week", "2026-W47", "--out", out.to_str().expect("path")],
    );
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(bytes(&out), b"the team's notes");

    cli(&db.path)
        .args(["report", "--week", "2026-W47", "--force", "--out"])
        .arg(&out)
        .assert()
        .success();
    assert!(String::from_utf8(bytes(&out))
        .expect("utf-8")
        .contains("<dt>Kontakte</dt><dd>10</dd>"));
    // No temporary file is left beside it.
    let temporary = std::fs::read_dir(db.dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".tmp"))
        .count();
    assert_eq!(temporary, 0);
}

#[test]
fn png_dir_gets_every_chart_as_a_valid_png() {
    let db = temp_db();
    week_store(&db.path);
    let out = db.file("report.html");
    let dir = db.file("charts/w47");
    cli(&db.path)
        .args(["report", "--week", "2026-W47", "--out"])
        .arg(&out)
        .arg("--png-dir")
        .arg(&dir)
        .assert()
        .success();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("png dir created")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut expected: Vec<String> = CHART_STEMS.iter().map(|s| format!("{s}.png")).collect();
    expected.sort();
    assert_eq!(names, expected);
    for name in &names {
        let png = bytes(&dir.join(name));
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{name}");
        let mut reader = png::Decoder::new(std::io::Cursor::new(&png))
            .read_info()
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut pixels = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut pixels).expect("pixels");
        assert!(info.width >= 320 && info.height >= 240, "{name}");
        assert!(
            pixels.iter().any(|&p| p < 100),
            "{name} has something drawn on it"
        );
    }

    // An existing PNG is not replaced without --force, and nothing else is written: every
    // name is checked before the first file, here the last chart's.
    let fresh = db.file("fresh");
    std::fs::create_dir(&fresh).expect("dir");
    std::fs::write(fresh.join("by-purpose.png"), "mine").expect("write");
    let again = db.file("again.html");
    let err = refused(
        &db.path,
        &[
            "--week",
            "2026-W47",
            "--out",
            again.to_str().expect("path"),
            "--png-dir",
            fresh.to_str().expect("path"),
        ],
    );
    assert!(
        err.contains("by-purpose.png") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(bytes(&fresh.join("by-purpose.png")), b"mine");
    assert_eq!(std::fs::read_dir(&fresh).expect("dir").count(), 1);
    assert!(!again.exists());

    cli(&db.path)
        .args(["report", "--week", "2026-W47", "--force", "--out"])
        .arg(&again)
        .arg("--png-dir")
        .arg(&fresh)
        .assert()
        .success();
    assert_eq!(&bytes(&fresh.join("by-purpose.png"))[..4], b"\x89PNG");
}
