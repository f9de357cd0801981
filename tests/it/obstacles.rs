//! What got in our way: on 08/15 contacts only, stored on every engine, read and written
//! in every file format, counted in the review beside motives and perspectives with the
//! rule of three people, and drawn in the tag chart and the report.

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset, NaiveDate};
use murmelglas::breakdown::{breakdowns, ReviewFilter, TagCell};
use murmelglas::chart::Chart;
use murmelglas::domain::ContactDraft;
use murmelglas::export::{write_contacts, Format};
use murmelglas::import::{import_bytes, ImportError, ProblemCode};
use murmelglas::review::{self, ReviewQuery};
use murmelglas::store::{ContactFilter, Store};
use murmelglas::{Contact, Lang, Obstacle, Rating};

use crate::common::{all_contacts, cli, temp_db};
use crate::engines::each;

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("RFC 3339")
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).expect("date")
}

/// Week 47 of 2026: Ana, Ben and Cem each had an 08/15 contact where time was short;
/// only Ana named her mood; Ben's golden contact names nothing.
fn week(store: &mut Store) {
    for name in ["Ana", "Ben", "Cem"] {
        store.insert_member(name).expect("member");
    }
    let rows: [(u128, &str, &str, Rating, &[Obstacle]); 5] = [
        (
            1,
            "Ana",
            "2026-11-16T09:00:00+01:00",
            Rating::Ordinary,
            &[Obstacle::LackOfTime, Obstacle::Mood],
        ),
        (
            2,
            "Ben",
            "2026-11-16T10:00:00+01:00",
            Rating::Ordinary,
            &[Obstacle::LackOfTime],
        ),
        (
            3,
            "Cem",
            "2026-11-17T11:00:00+01:00",
            Rating::Ordinary,
            &[Obstacle::LackOfTime],
        ),
        (4, "Ben", "2026-11-17T12:00:00+01:00", Rating::Golden, &[]),
        (5, "Cem", "2026-11-18T12:00:00+01:00", Rating::Ordinary, &[]),
    ];
    for (id, who, time, rating, obstacles) in rows {
        let mut c = Contact::new(rating, at(time));
        c.id = uuid::Uuid::from_u128(id);
        c.member = Some(who.into());
        c.obstacles = obstacles.iter().copied().collect();
        store.insert_contact(&c).expect("insert");
    }
}

fn cell<'a>(cells: &'a [TagCell], key: &str) -> &'a TagCell {
    cells
        .iter()
        .find(|c| c.key == key)
        .expect("a cell per obstacle")
}

#[test]
fn obstacles_are_stored_counted_and_drilled_on_every_engine() {
    each(|store| {
        week(store);
        let b = breakdowns(store, day(16), day(22), &ReviewFilter::default()).expect("review");
        assert_eq!(b.obstacles.len(), 4);
        // Lack of time: three people, on 3 of 4 08/15 contacts; never a golden share.
        let time = cell(&b.obstacles, "lack-of-time")
            .counts
            .expect("three people");
        assert_eq!((time.golden, time.ordinary), (0, 3));
        assert_eq!(time.golden_share, None);
        assert!((time.ordinary_share.expect("08/15") - 0.75).abs() < 1e-12);
        // Mood: Ana alone, so it is not shown.
        assert_eq!(cell(&b.obstacles, "mood").counts, None);
        let knowledge = cell(&b.obstacles, "missing-knowledge")
            .counts
            .expect("nobody");
        assert_eq!(knowledge.ordinary, 0);

        let query = ReviewQuery {
            from: day(16),
            to: day(22),
            ..ReviewQuery::default()
        };
        let drill = review::drill(store, &query, "obstacle:lack-of-time").expect("drill");
        assert_eq!(drill.total, 3);
        assert!(matches!(
            review::drill(store, &query, "obstacle:mood"),
            Err(review::ReviewError::TooFew)
        ));
        let filtered = review::review(
            store,
            &ReviewQuery {
                filter: ReviewFilter {
                    obstacle: Some(Obstacle::LackOfTime),
                    ..ReviewFilter::default()
                },
                ..query.clone()
            },
        )
        .expect("filtered review");
        assert_eq!(filtered.figures.total, 3);

        // A draft that turns a contact golden drops what got in the way.
        let mut draft = ContactDraft::new(Rating::Golden);
        draft.occurred_at = Some(at("2026-11-19T10:00:00+01:00"));
        draft.obstacles = BTreeSet::from([Obstacle::Pressure]);
        let golden = store
            .log_contact(draft.clone(), at("2026-11-19T10:01:00+01:00"))
            .expect("log");
        assert!(golden.obstacles.is_empty());
        draft.rating = Rating::Ordinary;
        let ordinary = store
            .amend_contact(golden.id, draft, at("2026-11-19T10:02:00+01:00"))
            .expect("amend");
        assert_eq!(ordinary.obstacles, BTreeSet::from([Obstacle::Pressure]));
        let stored: Vec<(Rating, BTreeSet<Obstacle>)> = all_contacts(store)
            .into_iter()
            .map(|c| (c.rating, c.obstacles))
            .collect();
        (b, stored)
    });
}

#[test]
fn files_carry_obstacles_and_a_golden_row_naming_one_is_refused() {
    let db = temp_db();
    let mut store = db.open();
    let csv = "\u{feff}ID;Zeitpunkt;Bewertung;Hindernisse\r\n\
        0192f3a0-0000-7000-8000-0000000000b1;20.11.2026 10:00:00;08/15;Zeitmangel|Launen\r\n\
        0192f3a0-0000-7000-8000-0000000000b2;20.11.2026 11:00:00;08/15;zu großer Druck\r\n";
    import_bytes(&mut store, csv.as_bytes(), Format::Csv, "de.csv").expect("import");
    let got: Vec<BTreeSet<Obstacle>> = all_contacts(&store)
        .into_iter()
        .map(|c| c.obstacles)
        .collect();
    assert_eq!(
        got,
        [
            BTreeSet::from([Obstacle::LackOfTime, Obstacle::Mood]),
            BTreeSet::from([Obstacle::Pressure]),
        ]
    );
    for (format, lang, expected) in [
        (Format::Csv, Lang::En, "lack-of-time|mood"),
        (Format::Csv, Lang::De, "Zeitmangel|Laune"),
        (
            Format::Json,
            Lang::En,
            "\"obstacles\":[\"lack-of-time\",\"mood\"]",
        ),
    ] {
        let mut out = Vec::new();
        write_contacts(&store, &ContactFilter::default(), format, lang, &mut out).expect("export");
        let text = String::from_utf8(out).expect("utf-8");
        assert!(text.contains(expected), "{format:?} {lang}: {text}");
    }

    let golden = "id,occurred_at,rating,obstacles\n\
        0192f3a0-0000-7000-8000-0000000000b3,2026-11-20T12:00:00+01:00,golden,mood\n";
    let Err(ImportError::Invalid { errors, .. }) =
        import_bytes(&mut store, golden.as_bytes(), Format::Csv, "en.csv")
    else {
        panic!("a golden row with an obstacle is refused");
    };
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].code, ProblemCode::ObstacleOnGolden);
    assert_eq!(
        (errors[0].line, errors[0].column.as_deref()),
        (2, Some("obstacles"))
    );
    assert_eq!(all_contacts(&store).len(), 2, "nothing imported");
}

#[test]
fn the_cli_logs_obstacles_on_08_15_only() {
    let db = temp_db();
    cli(&db.path)
        .args([
            "log",
            "08/15",
            "--obstacle",
            "lack-of-time",
            "--obstacle",
            "Druck",
        ])
        .assert()
        .success();
    let out = cli(&db.path)
        .args(["log", "golden", "--obstacle", "mood"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("08/15"), "{stderr}");
    let contacts = all_contacts(&db.open());
    assert_eq!(contacts.len(), 1);
    assert_eq!(
        contacts[0].obstacles,
        BTreeSet::from([Obstacle::LackOfTime, Obstacle::Pressure])
    );
}

#[test]
fn the_tag_chart_and_the_report_show_what_got_in_our_way() {
    let db = temp_db();
    let mut store = db.open();
    week(&mut store);
    let b = breakdowns(&store, day(16), day(22), &ReviewFilter::default()).expect("review");
    let chart = Chart::Tags { breakdowns: &b };
    let drawn = chart.svg(Lang::De, chart.default_size()).expect("chart");
    assert!(
        drawn.svg.contains("Was uns im Weg stand"),
        "the group's heading"
    );
    for o in [
        Obstacle::LackOfTime,
        Obstacle::MissingKnowledge,
        Obstacle::Pressure,
    ] {
        assert!(drawn.svg.contains(murmelglas::Code::label(o, Lang::De)));
    }
    let keys: Vec<String> = drawn
        .regions
        .iter()
        .map(|r| r.key.to_string())
        .filter(|k| k.starts_with("obstacle:"))
        .collect();
    // Only lack of time was named by three people: one bar, no golden side.
    assert_eq!(keys, ["obstacle:lack-of-time"]);
    let bar = drawn
        .regions
        .iter()
        .find(|r| r.key.to_string() == "obstacle:lack-of-time")
        .expect("bar");
    assert_eq!(
        bar.label,
        "Zeitmangel: stand bei 3 08/15-Kontakten im Weg, 75 % aller 08/15-Kontakte"
    );

    let html = murmelglas::report::render_html(&store, day(16), day(22), Lang::De).expect("report");
    let table = html
        .split("<table class=\"obstacles\">")
        .nth(1)
        .and_then(|t| t.split("</table>").next())
        .expect("the report's table of obstacles");
    assert!(
        table.contains("Zeitmangel") && table.contains("3 (75 %)"),
        "{table}"
    );
    assert!(
        table.contains("zu wenige für eine Anzeige"),
        "mood is Ana's alone: {table}"
    );
    for name in ["Ana", "Ben", "Cem"] {
        assert!(!html.contains(name), "{name} in the report");
    }
}
