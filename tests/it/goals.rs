//! Goals: the single target of earlier versions becomes the team's first goal when an
//! older file (or team database) is opened, a new file has no goal and draws no target
//! line, and a goal's target is drawn only from its start and for the part it covers.

use chrono::{DateTime, FixedOffset, NaiveDate};
use murmelglas::breakdown::ReviewFilter;
use murmelglas::chart::Chart;
use murmelglas::cycle::{Focus, GoalDraft, GoalTarget, Metric};
use murmelglas::review::{self, ReviewQuery};
use murmelglas::store::{PostgresStore, Store, APPLICATION_ID};
use murmelglas::{Channel, Contact, Lang, Rating};
use rusqlite::Connection;

use crate::common::{cli, temp_db};
use crate::engines::each;
use crate::pg;

const TARGET: &str = "#CC3D00";

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("RFC 3339")
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("date")
}

/// A file as version 6 (the last before goals) left it: two members, contacts from 12
/// October 2026 on, and the team's target of 55 %.
fn write_version_6(path: &std::path::Path, target: f64, with_contacts: bool) {
    let conn = Connection::open(path).expect("raw open");
    for sql in [
        include_str!("../../migrations/sqlite/0001_initial.sql"),
        include_str!("../../migrations/sqlite/0002_default_channel.sql"),
        include_str!("../../migrations/sqlite/0003_story_search.sql"),
        include_str!("../../migrations/sqlite/0004_hide_team_jar.sql"),
        include_str!("../../migrations/sqlite/0005_data_safety.sql"),
        include_str!("../../migrations/sqlite/0006_backup_folder.sql"),
    ] {
        conn.execute_batch(sql).expect("an old migration");
    }
    conn.execute_batch(&format!(
        "PRAGMA user_version = 6; PRAGMA application_id = {APPLICATION_ID}; \
         PRAGMA journal_mode = WAL; \
         UPDATE settings SET target_golden_share = {target} WHERE id = 1;"
    ))
    .expect("header");
    if with_contacts {
        conn.execute_batch(
            "INSERT INTO member (name) VALUES ('Ana'), ('Ben');
             INSERT INTO contact (id, occurred_local, occurred_offset, logged_at, logged_offset, golden)
             VALUES (x'0192f3a0000070008000000000000c01', 1792663200, 120, 1792656000, 120, 1),
                    (x'0192f3a0000070008000000000000c02', 1793872800, 60, 1793869200, 60, 0);",
        )
        .expect("contacts");
    }
}

#[test]
fn the_target_of_an_older_file_becomes_its_first_goal() {
    let db = temp_db();
    write_version_6(&db.path, 0.55, true);
    let store = db.open();
    let goals = store.list_goals().expect("goals");
    assert_eq!(goals.len(), 1);
    let goal = &goals[0];
    // 1792663200 is 2026-10-22 10:00 local: the day of the first contact.
    assert_eq!(goal.start_on, day(10, 22));
    assert_eq!(goal.ended_on, None);
    assert_eq!(
        goal.target,
        Some(GoalTarget {
            metric: Metric::GoldenShare,
            part: None,
            cause: None,
            value: 0.55
        })
    );
    assert_eq!(
        goal.text,
        "Goldanteil 55 % (das Ziel aus den Einstellungen früherer Versionen)"
    );
    // The settings keep no target of their own any more.
    let columns: Vec<String> = store
        .connection()
        .expect("sqlite")
        .prepare("SELECT name FROM pragma_table_info('settings')")
        .expect("query")
        .query_map([], |r| r.get(0))
        .expect("rows")
        .map(|r| r.expect("row"))
        .collect();
    assert!(
        !columns.iter().any(|c| c == "target_golden_share"),
        "{columns:?}"
    );
    // The review shows it, and the trend draws it from the first contact on.
    let r = review::review(
        &store,
        &ReviewQuery {
            from: day(10, 19),
            to: day(11, 8),
            ..ReviewQuery::default()
        },
    )
    .expect("review");
    assert_eq!(r.target, Some(0.55));
    let first = r
        .series
        .iter()
        .find(|p| p.to >= day(10, 22))
        .expect("a period");
    assert_eq!(
        first.target.map(|t| (t.value, t.from)),
        Some((0.55, day(10, 22)))
    );
    assert!(r
        .series
        .iter()
        .filter(|p| p.to < day(10, 22))
        .all(|p| p.target.is_none()));
}

#[test]
fn an_older_file_never_used_gets_no_goal_and_english_teams_get_english_words() {
    let unused = temp_db();
    write_version_6(&unused.path, 0.5, false);
    assert!(unused.open().list_goals().expect("goals").is_empty());

    let english = temp_db();
    write_version_6(&english.path, 0.6, false);
    Connection::open(&english.path)
        .expect("raw")
        .execute_batch("UPDATE settings SET language = 'en'")
        .expect("language");
    let goals = english.open().list_goals().expect("goals");
    assert_eq!(
        goals.len(),
        1,
        "a target of its own is a decision worth keeping"
    );
    assert_eq!(
        goals[0].text,
        "Golden share 60% (the target from the settings of earlier versions)"
    );
}

#[test]
fn a_team_database_of_schema_version_1_gets_its_first_goal_on_upgrade() {
    let Some(server) = pg::empty_database() else {
        return;
    };
    let mut client = postgres::Client::connect(&server.url, postgres::NoTls).expect("connect");
    client
        .batch_execute(include_str!("../../migrations/postgres/0001_initial.sql"))
        .expect("version 1");
    client
        .batch_execute(
            "CREATE TABLE murmelglas_schema (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
             INSERT INTO murmelglas_schema VALUES (1, 1);
             UPDATE settings SET target_golden_share = 0.45;
             INSERT INTO contact (id, occurred_local, occurred_offset, logged_at, logged_offset, golden)
             VALUES ('0192f3a0-0000-7000-8000-000000000c03', 1793872800, 60, 1793869200, 60, true);",
        )
        .expect("an old team database");
    let (before, after) = PostgresStore::init(&server.url, None).expect("upgrade");
    assert_eq!(before, 1);
    assert!(after > 1);
    let store = Store::open_server(&server.url).expect("open");
    let goals = store.list_goals().expect("goals");
    assert_eq!(goals.len(), 1);
    assert_eq!(goals[0].start_on, day(11, 5));
    assert_eq!(goals[0].target.as_ref().map(|t| t.value), Some(0.45));
}

/// Four people's contacts over three weeks of November 2026, every day 2 of 4 golden;
/// three of them on the phone, one by e-mail.
fn fill(store: &mut Store) {
    for name in ["Ana", "Ben", "Cem", "Dora"] {
        store.insert_member(name).expect("member");
    }
    let mut id = 0u128;
    for d in 2..=22u32 {
        for (k, who) in ["Ana", "Ben", "Cem", "Dora"].iter().enumerate() {
            id += 1;
            let mut c = Contact::new(
                if k % 2 == 0 {
                    Rating::Golden
                } else {
                    Rating::Ordinary
                },
                at(&format!("2026-11-{d:02}T1{k}:00:00+01:00")),
            );
            c.id = uuid::Uuid::from_u128(id);
            c.member = Some((*who).into());
            c.channel = Some(if k < 3 {
                Channel::Phone
            } else {
                Channel::Email
            });
            store.insert_contact(&c).expect("insert");
        }
    }
}

fn goal(text: &str, start: NaiveDate, part: Option<Focus>, value: f64) -> GoalDraft {
    GoalDraft {
        text: text.into(),
        start_on: start,
        target: Some(GoalTarget {
            metric: Metric::GoldenShare,
            part,
            cause: None,
            value,
        }),
    }
}

#[test]
fn a_new_file_has_no_goal_and_draws_no_target_line() {
    let db = temp_db();
    let mut store = db.open();
    fill(&mut store);
    assert!(store.list_goals().expect("goals").is_empty());
    let r = review::review(
        &store,
        &ReviewQuery {
            from: day(11, 2),
            to: day(11, 22),
            ..ReviewQuery::default()
        },
    )
    .expect("review");
    assert_eq!(r.target, None);
    assert!(r.series.iter().all(|p| p.target.is_none()));
    let trend = Chart::Trend {
        series: &r.series,
        target: r.target,
    };
    for lang in [Lang::De, Lang::En] {
        let svg = trend.svg(lang, trend.default_size()).expect("chart").svg;
        assert!(!svg.contains(TARGET), "no target line in {lang}");
        assert!(!svg.contains("Ziel") && !svg.contains("Target"), "{lang}");
    }
    let cells = Chart::Cells {
        kind: murmelglas::chart::CellKind::Channel,
        cells: &r.breakdowns.by_channel,
        target: r.target,
    };
    let svg = cells
        .svg(Lang::De, cells.default_size())
        .expect("chart")
        .svg;
    assert!(!svg.contains(TARGET));
    let html = murmelglas::report::render_html(&store, day(11, 16), day(11, 22), Lang::De)
        .expect("report");
    assert!(
        !html.contains("figure target"),
        "no target in the key figures"
    );
}

#[test]
fn a_goal_is_drawn_from_its_start_and_for_the_part_it_covers_on_every_engine() {
    each(|store| {
        fill(store);
        let phone = Focus::Channel(Channel::Phone);
        store
            .insert_goal(goal("Mehr Gold", day(11, 11), None, 0.6))
            .expect("goal");
        store
            .insert_goal(goal("Am Telefon", day(11, 4), Some(phone), 0.7))
            .expect("goal");
        let query = ReviewQuery {
            from: day(11, 2),
            to: day(11, 22),
            ..ReviewQuery::default()
        };
        let all = review::review(store, &query).expect("review");
        assert_eq!(all.target, Some(0.6));
        let targets: Vec<_> = all
            .series
            .iter()
            .map(|p| p.target.map(|t| (t.value, t.from)))
            .collect();
        // Days: none before the 11th, then 60 % from that day on.
        assert!(targets[..9].iter().all(Option::is_none), "{targets:?}");
        assert!(targets[9..].iter().all(|t| t.map(|t| t.0) == Some(0.6)));
        let phone_cell = all
            .breakdowns
            .by_channel
            .iter()
            .find(|c| c.key == "phone")
            .expect("phone");
        assert_eq!(phone_cell.target, Some(0.7));
        assert!(all
            .breakdowns
            .by_channel
            .iter()
            .filter(|c| c.key != "phone")
            .all(|c| c.target.is_none()));

        let on_phone = review::review(
            store,
            &ReviewQuery {
                filter: ReviewFilter {
                    channel: Some(Channel::Phone),
                    ..ReviewFilter::default()
                },
                ..query.clone()
            },
        )
        .expect("review");
        assert_eq!(on_phone.target, Some(0.7));
        assert_eq!(on_phone.series[2].target.map(|t| t.from), Some(day(11, 4)));
        let by_email = review::review(
            store,
            &ReviewQuery {
                filter: ReviewFilter {
                    channel: Some(Channel::Email),
                    ..ReviewFilter::default()
                },
                ..query.clone()
            },
        )
        .expect("review");
        assert_eq!(by_email.target, None, "no goal for e-mail");
        let mine = review::review(
            store,
            &ReviewQuery {
                member: Some("Ana".into()),
                ..query.clone()
            },
        )
        .expect("review");
        assert_eq!(mine.target, None, "a team goal is no personal quota");

        // Ended on the 20th: the line stops there; a day of it is still drawn before.
        let first = store.list_goals().expect("goals")[1].id;
        store.end_goal(first, day(11, 20)).expect("end");
        let ended = review::review(store, &query).expect("review");
        assert_eq!(ended.target, None);
        assert!(ended.series[18].target.is_none() && ended.series[17].target.is_some());
        (all.series, on_phone.series, ended.series)
    });
}

#[test]
fn the_trend_draws_the_target_from_the_goals_start_day() {
    let db = temp_db();
    let mut store = db.open();
    fill(&mut store);
    store
        .insert_goal(goal("Mehr Gold", day(11, 11), None, 0.6))
        .expect("goal");
    // Weeks 45–47: the goal starts on the Wednesday of week 46.
    let r = review::review(
        &store,
        &ReviewQuery {
            from: day(11, 2),
            to: day(11, 22),
            ..ReviewQuery::default()
        },
    )
    .expect("review");
    let weekly = murmelglas::analytics::series(
        &store
            .daily_counts(Some(day(11, 2)), Some(day(11, 22)))
            .expect("days"),
        day(11, 2),
        day(11, 22),
        murmelglas::analytics::Granularity::Week,
    )
    .into_iter()
    .map(|mut p| {
        p.target = murmelglas::cycle::period_target(
            &store.list_goals().expect("goals"),
            None,
            p.from,
            p.to,
        );
        p
    })
    .collect::<Vec<_>>();
    let trend = Chart::Trend {
        series: &weekly,
        target: r.target,
    };
    let drawn = trend.svg(Lang::De, trend.default_size()).expect("chart");
    let doc = roxmltree::Document::parse(&drawn.svg).expect("svg");
    let points: Vec<(f64, f64)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline") && n.attribute("stroke") == Some(TARGET))
        .flat_map(|n| {
            n.attribute("points")
                .expect("points")
                .split_whitespace()
                .map(|p| {
                    let (x, y) = p.split_once(',').expect("x,y");
                    (x.parse::<f64>().expect("x"), y.parse::<f64>().expect("y"))
                })
                .collect::<Vec<_>>()
        })
        .collect();
    // The dashes lie at the height of 60 %; the legend's sample line elsewhere.
    let mut heights: Vec<i64> = points.iter().map(|p| p.1.round() as i64).collect();
    heights.sort_unstable();
    let line_y = heights
        .iter()
        .max_by_key(|y| heights.iter().filter(|h| h == y).count())
        .copied()
        .expect("a target line");
    let xs: Vec<f64> = points
        .iter()
        .filter(|p| p.1.round() as i64 == line_y)
        .map(|p| p.0)
        .collect();
    assert!(!xs.is_empty(), "a target line");
    // The columns of the three weeks, from the regions drawn over them.
    let column = |i: usize| {
        let r = &drawn.regions[i];
        (r.x, r.x + r.width)
    };
    let (w46_left, w46_right) = column(1);
    let start = xs.iter().copied().fold(f64::INFINITY, f64::min);
    let end = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    // Wednesday is 2/7 into week 46's column (which is 0.9 of the period's width).
    let period = (w46_right - w46_left) / 0.9;
    let expected = w46_left - period * 0.05 + period * 2.0 / 7.0;
    assert!(
        (start - expected).abs() < 3.0,
        "starts at {start}, not {expected}"
    );
    assert!(end > column(2).1, "runs to the end");
    assert!(drawn.svg.contains("Ziel 60 %"));

    // A channel's own goal is marked on its row of the by-channel chart.
    store
        .insert_goal(goal(
            "Am Telefon",
            day(11, 4),
            Some(Focus::Channel(Channel::Phone)),
            0.7,
        ))
        .expect("goal");
    let r = review::review(
        &store,
        &ReviewQuery {
            from: day(11, 16),
            to: day(11, 22),
            ..ReviewQuery::default()
        },
    )
    .expect("review");
    let cells = Chart::Cells {
        kind: murmelglas::chart::CellKind::Channel,
        cells: &r.breakdowns.by_channel,
        target: r.target,
    };
    let drawn = cells.svg(Lang::De, cells.default_size()).expect("chart");
    let phone = drawn
        .regions
        .iter()
        .find(|r| r.key.to_string() == "channel:phone")
        .expect("phone row");
    let doc = roxmltree::Document::parse(&drawn.svg).expect("svg");
    let mark = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline") && n.attribute("stroke") == Some(TARGET))
        .filter_map(|n| n.attribute("points"))
        .flat_map(|p| p.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .filter_map(|p| {
            let (x, y) = p.split_once(',')?;
            Some((x.parse::<f64>().ok()?, y.parse::<f64>().ok()?))
        })
        .filter(|(x, y)| {
            *y >= phone.y
                && *y <= phone.y + phone.height
                && (*x - (phone.x + 0.7 * phone.width)).abs() < 2.0
        })
        .count();
    assert!(mark > 0, "a mark at 70 % on the phone row");
}

#[test]
fn the_cli_adds_lists_and_ends_goals() {
    let db = temp_db();
    let run = |args: &[&str]| {
        let out = cli(&db.path).args(args).output().expect("run");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).to_string(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let (code, out, _) = run(&["goal", "list"]);
    assert_eq!(code, Some(0));
    assert!(
        out.contains("No goals yet, so no target line is drawn"),
        "{out}"
    );
    let (code, out, err) = run(&[
        "goal",
        "add",
        "Mehr Gold am Telefon",
        "--target",
        "70 %",
        "--channel",
        "Telefon",
        "--from",
        "02.11.2026",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        out,
        "Added goal 1 from 02.11.2026, target 70 % golden (Channel: Phone): Mehr Gold am Telefon\n"
    );
    let (code, _, err) = run(&["goal", "add", "Nur ein Teil", "--phase", "Erstkontakt"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("needs a target value"), "{err}");
    let (code, _, err) = run(&[
        "goal",
        "add",
        "Zwei Teile",
        "--target",
        "50",
        "--channel",
        "phone",
        "--motive",
        "speed",
    ]);
    assert_eq!(code, Some(1), "{err}");
    let (code, _, _) = run(&["goal", "add", "Freundlich bleiben, auch wenn es eng wird"]);
    assert_eq!(code, Some(0));
    let (_, out, _) = run(&["goal", "list", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(json[0]["target"]["part"], "channel:phone");
    assert_eq!(json[0]["target"]["value"], 0.7);
    assert_eq!(json[0]["start_on"], "2026-11-02");
    assert!(json[1]["target"].is_null());
    let (code, out, _) = run(&["goal", "end", "1", "--on", "23.11.2026"]);
    assert_eq!(code, Some(0));
    assert!(out.starts_with("Ended goal 1 on 23.11.2026"), "{out}");
    let (code, _, err) = run(&["goal", "end", "1"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("already been ended"), "{err}");
    let (code, _, err) = run(&["goal", "end", "9"]);
    assert_eq!(code, Some(1));
    assert_eq!(err.lines().count(), 1);
    assert!(err.contains("no goal with id 9"), "{err}");
    let (_, out, _) = run(&["goal", "list"]);
    assert!(
        out.contains("23.11.2026") && out.contains("70 % golden"),
        "{out}"
    );
}
