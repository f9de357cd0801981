//! Goals on complaints per week and measures about a feedback cause (#15): the effect of a
//! cause measure checked against counts and p-values computed by hand on every engine, the
//! complaints goal drawn as a target line from its start, the CLI's words and errors, the
//! minutes, and an older file (schema 10) whose goals and measures survive the upgrade.

use chrono::{DateTime, Days, FixedOffset, NaiveDate};
use murmelglas::chart::FeedbackChart;
use murmelglas::cycle::{
    self, meeting, Focus, GoalDraft, GoalTarget, MeasureDraft, MeetingDraft, Metric, Verdict, Why,
};
use murmelglas::feedback::stats::{self, StatsQuery};
use murmelglas::feedback::{FeedbackDraft, FeedbackError, FeedbackKind};
use murmelglas::report::{render_minutes, MinutesFormat};
use murmelglas::store::{PostgresStore, Store, StoreError, APPLICATION_ID};
use murmelglas::{Channel, Lang};
use rusqlite::Connection;

use crate::common::{cli, temp_db};
use crate::engines::each;
use crate::pg;

const TARGET: &str = "#CC3D00";

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("date")
}

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-12-10T12:00:00+01:00").expect("time")
}

/// Records one piece of feedback that came in at 10:00 on `on`.
fn came_in(store: &mut Store, on: NaiveDate, kind: FeedbackKind, cause: &str) {
    let mut d = FeedbackDraft::new(kind, format!("{cause} am {on}"));
    d.cause = Some(cause.into());
    d.received_at = Some(
        DateTime::parse_from_rfc3339(&format!("{}T10:00:00+01:00", on.format("%Y-%m-%d")))
            .expect("time"),
    );
    store.add_feedback(d, now()).expect("feedback");
}

/// The waiting-time measure starts on Monday 2 November 2026.
///
/// | window                     | waiting-time complaints          |
/// |----------------------------|----------------------------------|
/// | 4 Oct (the day before)     | 1 — not counted                  |
/// | 5 Oct – 1 Nov (before)     | 12 (every other day from 5 Oct)  |
/// | 2 – 8 Nov (first week)     | 5 — left out                     |
/// | 9 Nov – 6 Dec (after)      | 3 (10, 20 and 30 Nov)            |
/// | 7 Dec (the day after)      | 1 — not counted                  |
///
/// Besides: 2 suggestions of that cause before (not complaints), and 4 price complaints
/// after, none before.
fn fill(store: &mut Store) {
    let complaint = FeedbackKind::Complaint;
    came_in(store, day(10, 4), complaint, "waiting-time");
    for i in 0..12u64 {
        came_in(
            store,
            day(10, 5) + Days::new(2 * i),
            complaint,
            "waiting-time",
        );
    }
    for i in 0..5u64 {
        came_in(store, day(11, 2) + Days::new(i), complaint, "waiting-time");
    }
    for d in [10, 20, 30] {
        came_in(store, day(11, d), complaint, "waiting-time");
    }
    came_in(store, day(12, 7), complaint, "waiting-time");
    for d in [6, 8] {
        came_in(store, day(10, d), FeedbackKind::Suggestion, "waiting-time");
    }
    for d in [12, 13, 16, 17] {
        came_in(store, day(11, d), complaint, "price");
    }
}

fn measure(title: &str, why: Option<Why>, start: NaiveDate) -> MeasureDraft {
    MeasureDraft {
        title: title.into(),
        why,
        owner: None,
        start_on: start,
        review_on: None,
        status: None,
    }
}

fn cause(code: &str) -> Option<Why> {
    Some(Why::Cause(code.into()))
}

#[test]
fn the_effect_of_a_cause_measure_matches_the_hand_computed_example_on_every_engine() {
    each(|store| {
        fill(store);
        let today = day(12, 10);
        // Named by the cause's German word: kept by its code.
        let waiting = store
            .insert_measure(
                measure("Wartezeit ansagen", cause("Wartezeit"), day(11, 2)),
                today,
            )
            .expect("measure");
        assert_eq!(waiting.why, cause("waiting-time"));
        let price = store
            .insert_measure(
                measure("Preise erklären", cause("price"), day(11, 2)),
                today,
            )
            .expect("measure");
        let phone = store
            .insert_measure(
                measure(
                    "Rückruf",
                    Some(Focus::Channel(Channel::Phone).into()),
                    day(11, 9),
                ),
                today,
            )
            .expect("measure");
        let measures = store.list_measures().expect("measures");
        assert_eq!(
            measures.iter().map(|m| m.why.clone()).collect::<Vec<_>>(),
            [
                cause("waiting-time"),
                cause("price"),
                Some(Why::Focus(Focus::Channel(Channel::Phone)))
            ]
        );

        let e = cycle::effect(store, &waiting, &measures, today).expect("effect");
        assert!(e.is_complaints() && e.complete);
        assert_eq!((e.before.from, e.before.to), (day(10, 5), day(11, 1)));
        assert_eq!((e.after.from, e.after.to), (day(11, 9), day(12, 6)));
        // Neither the day before, the first week, the day after, the suggestions nor the
        // price complaints count.
        assert_eq!(
            (e.before.complaints, e.after.complaints),
            (Some(12), Some(3))
        );
        assert_eq!(e.before.figures.total, 0, "no contacts counted");
        // 12 in 4 weeks is 3 a week, 3 is 0.75: −2.25 a week. Given 15, the count after is
        // binomial(15, 1/2): P(X ≤ 3) = 576 / 32768, two-sided p = 0.03515625.
        assert!((e.difference.expect("difference") + 2.25).abs() < 1e-9);
        assert!((e.p_value.expect("p") - 0.035_156_25).abs() < 1e-9);
        assert_eq!(e.verdict, Verdict::RealImprovement);
        assert_eq!(e.verdict_words(Lang::En), "a real improvement");
        assert_eq!(e.verdict_words(Lang::De), "eine echte Verbesserung");
        let concurrent: Vec<i64> = e.concurrent.iter().map(|c| c.id).collect();
        assert_eq!(concurrent, [price.id, phone.id]);

        // Halfway: 2 in the 12 days 9–20 Nov against 12 in 28 days. Given 14, the count
        // after is binomial(14, 12/40): P(X ≤ 2) = 0.160836, two-sided p = 0.321672.
        let so_far = cycle::effect(store, &waiting, &measures, day(11, 20)).expect("effect");
        assert_eq!(so_far.after.counted_to, Some(day(11, 20)));
        assert_eq!(so_far.after.complaints, Some(2));
        assert!((so_far.difference.expect("d") - (2.0 * 7.0 / 12.0 - 3.0)).abs() < 1e-9);
        assert!((so_far.p_value.expect("p") - 0.321_671_514_551_239_8).abs() < 1e-9);
        assert_eq!(so_far.verdict, Verdict::WithinNormalVariation);

        // Before the weeks after begin: too few to tell, in the complaints' words.
        let early = cycle::effect(store, &waiting, &measures, day(11, 5)).expect("effect");
        assert_eq!(early.after.counted_to, None);
        assert_eq!(early.verdict, Verdict::TooFewToTell);
        assert_eq!(early.verdict_words(Lang::En), "too few complaints to tell");
        assert_eq!(
            early.verdict_words(Lang::De),
            "zu wenige Beschwerden für eine Aussage"
        );
        // Price: 0 before, 4 after — fewer than five together.
        let p = cycle::effect(store, &price, &measures, today).expect("effect");
        assert_eq!(
            (p.before.complaints, p.after.complaints),
            (Some(0), Some(4))
        );
        assert_eq!(p.verdict, Verdict::TooFewToTell);
        // A contact measure counts no complaints.
        let c = cycle::effect(store, &phone, &measures, today).expect("effect");
        assert_eq!(c.before.complaints, None);
        assert!(!c.is_complaints());

        // A cause the team does not have is refused with the causes there are.
        let err = store
            .insert_measure(measure("X", cause("weather"), day(11, 2)), today)
            .expect_err("unknown cause");
        assert!(
            matches!(&err, StoreError::Feedback(FeedbackError::UnknownCause { given, valid })
                if given == "weather" && valid.contains("waiting-time (Wartezeit)")),
            "{err}"
        );
        (e, so_far, early, p, measures)
    });
}

#[test]
fn a_complaints_goal_is_kept_checked_and_set_on_the_weeks_of_its_cause_on_every_engine() {
    each(|store| {
        fill(store);
        let wait = store
            .insert_goal(GoalDraft {
                text: "Höchstens zwei Beschwerden über Wartezeit pro Woche".into(),
                start_on: day(11, 11),
                target: Some(GoalTarget::complaints_per_week(
                    Some("waiting-time".into()),
                    2.0,
                )),
            })
            .expect("goal");
        store
            .insert_goal(GoalDraft {
                text: "Weniger Beschwerden".into(),
                start_on: day(11, 1),
                target: Some(GoalTarget::complaints_per_week(None, 5.5)),
            })
            .expect("goal");
        store
            .insert_goal(GoalDraft {
                text: "Mehr Gold".into(),
                start_on: day(10, 1),
                target: Some(GoalTarget::golden_share(None, 0.6)),
            })
            .expect("goal");
        let goals = store.list_goals().expect("goals");
        assert_eq!(goals.len(), 3);
        let kept = goals.iter().find(|g| g.id == wait.id).expect("kept");
        assert_eq!(kept, &wait);
        assert_eq!(
            kept.target.as_ref().map(|t| (t.metric, t.cause.as_deref())),
            Some((Metric::ComplaintsPerWeek, Some("waiting-time")))
        );
        let unknown = store.insert_goal(GoalDraft {
            text: "Nichts".into(),
            start_on: day(11, 1),
            target: Some(GoalTarget::complaints_per_week(Some("weather".into()), 1.0)),
        });
        assert!(matches!(
            unknown,
            Err(StoreError::Feedback(FeedbackError::UnknownCause { .. }))
        ));
        let negative = store.insert_goal(GoalDraft {
            text: "Nichts".into(),
            start_on: day(11, 1),
            target: Some(GoalTarget::complaints_per_week(None, -1.0)),
        });
        assert!(negative.is_err());

        let query = |cause: Option<&str>| StatsQuery {
            from: day(11, 16),
            to: day(11, 22),
            cause: cause.map(str::to_string),
        };
        let targets = |cause| {
            stats::stats(store, &query(cause), day(12, 10))
                .expect("stats")
                .weeks
                .iter()
                .map(|w| (w.from, w.target.map(|t| (t.value, t.from))))
                .collect::<Vec<_>>()
        };
        // Eight weeks from Monday 28 September: the waiting-time goal from Wednesday 11
        // November on; the goal for all complaints from Sunday 1 November on.
        let waiting = targets(Some("waiting-time"));
        assert_eq!(waiting.len(), 8);
        assert!(waiting[..6].iter().all(|(_, t)| t.is_none()), "{waiting:?}");
        assert_eq!(waiting[6], (day(11, 9), Some((2.0, day(11, 11)))));
        assert_eq!(waiting[7], (day(11, 16), Some((2.0, day(11, 16)))));
        let all = targets(None);
        assert!(all[..4].iter().all(|(_, t)| t.is_none()), "{all:?}");
        assert_eq!(all[4], (day(10, 26), Some((5.5, day(11, 1)))));
        assert_eq!(all[7].1, Some((5.5, day(11, 16))));
        // No goal for price complaints.
        assert!(targets(Some("price")).iter().all(|(_, t)| t.is_none()));
        (goals, waiting, all)
    });
}

type Point = (f64, f64);

/// The dashed target lines of a chart: their points.
fn target_lines(svg: &str) -> Vec<Vec<Point>> {
    let doc = roxmltree::Document::parse(svg).expect("svg");
    doc.descendants()
        .filter(|n| n.has_tag_name("polyline") && n.attribute("stroke") == Some(TARGET))
        .map(|n| {
            n.attribute("points")
                .expect("points")
                .split_whitespace()
                .map(|p| {
                    let (x, y) = p.split_once(',').expect("x,y");
                    (x.parse().expect("x"), y.parse().expect("y"))
                })
                .collect()
        })
        .collect()
}

#[test]
fn the_complaints_chart_draws_the_goal_of_its_cause_from_the_goals_start() {
    let db = temp_db();
    let mut store = db.open();
    fill(&mut store);
    store
        .insert_goal(GoalDraft {
            text: "Höchstens zwei Beschwerden über Wartezeit pro Woche".into(),
            start_on: day(11, 11),
            target: Some(GoalTarget::complaints_per_week(
                Some("waiting-time".into()),
                2.0,
            )),
        })
        .expect("goal");
    let query = StatsQuery {
        from: day(11, 16),
        to: day(11, 22),
        cause: Some("waiting-time".into()),
    };
    let s = stats::stats(&store, &query, day(12, 10)).expect("stats");
    let chart = FeedbackChart { stats: &s };
    let drawn = chart.svg(Lang::De, chart.default_size()).expect("chart");
    let lines = target_lines(&drawn.svg);
    assert!(!lines.is_empty(), "a target line");
    let all: Vec<Point> = lines.concat();
    // The line over the plot starts leftmost; the legend's key lies apart at the right.
    let start = all
        .iter()
        .copied()
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .expect("a point");
    let (points, key): (Vec<Point>, Vec<Point>) =
        all.iter().partition(|p| (p.1 - start.1).abs() < 1e-6);
    let left = start.0;
    let right = points.iter().map(|p| p.0).fold(0.0, f64::max);
    assert!(
        !key.is_empty() && key.iter().all(|p| p.0 > right),
        "the legend's key: {key:?}"
    );
    // It starts inside the bar of the week of 9 November (the goal's Wednesday is 2/7
    // into the column, the bar spans its middle 70 %) and runs on to the last week.
    let bar = |from: NaiveDate| {
        drawn
            .regions
            .iter()
            .find(|r| r.key.to_string() == format!("week:{from}:waiting-time"))
            .expect("a bar")
    };
    let week = bar(day(11, 9));
    assert!(
        week.x < left && left < week.x + week.width,
        "{left} in {week:?}"
    );
    let last = bar(day(11, 16));
    assert!(right > last.x + last.width, "{right}");
    // At the height of 2 complaints: above the bar of the week with one.
    assert!(start.1 < week.y, "2 lies above a bar of 1");
    assert!(
        drawn.svg.contains("Ziel: höchstens 2 pro Woche"),
        "in the legend"
    );
    let english = chart.svg(Lang::En, chart.default_size()).expect("chart");
    assert!(english.svg.contains("Target: at most 2 per week"));

    // Following another cause, or all causes, there is no goal and no line.
    for other in [Some("price".to_string()), None] {
        let s = stats::stats(
            &store,
            &StatsQuery {
                cause: other.clone(),
                ..query.clone()
            },
            day(12, 10),
        )
        .expect("stats");
        let drawn = FeedbackChart { stats: &s }
            .svg(Lang::De, chart.default_size())
            .expect("chart");
        assert!(target_lines(&drawn.svg).is_empty(), "{other:?}");
        assert!(!drawn.svg.contains("Ziel"), "{other:?}");
    }
}

#[test]
fn the_cli_adds_lists_and_tells_the_effect_of_complaints_goals_and_measures() {
    let db = temp_db();
    fill(&mut db.open());
    let run = |args: &[&str]| {
        let out = cli(&db.path).args(args).output().expect("run");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let fails = |args: &[&str]| {
        let out = cli(&db.path).args(args).output().expect("run");
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        assert_eq!(err.lines().count(), 1, "{err}");
        err
    };
    let added = run(&[
        "goal",
        "add",
        "Weniger warten lassen",
        "--complaints-per-week",
        "2",
        "--cause",
        "waiting-time",
        "--from",
        "11.11.2026",
    ]);
    assert_eq!(
        added,
        "Added goal 1 from 11.11.2026, target at most 2 complaints per week (cause: Waiting time): Weniger warten lassen\n"
    );
    run(&[
        "goal",
        "add",
        "Weniger Beschwerden",
        "--complaints-per-week",
        "5,5",
        "--from",
        "2026-11-01",
    ]);
    let list = run(&["goal", "list"]);
    assert!(
        list.contains("at most 2 complaints per week (cause: Waiting time)"),
        "{list}"
    );
    assert!(list.contains("at most 5.5 complaints per week  "), "{list}");
    let json: serde_json::Value =
        serde_json::from_str(&run(&["goal", "list", "--format", "json"])).expect("json");
    assert_eq!(json[1]["target"]["metric"], "complaints-per-week");
    assert_eq!(json[1]["target"]["cause"], "waiting-time");
    assert_eq!(json[1]["target"]["value"], 2.0);

    // The weekly figures of the cause name the goal from the week it took force.
    let weeks = run(&[
        "feedback",
        "stats",
        "--from",
        "2026-11-16",
        "--to",
        "2026-11-22",
        "--by",
        "week",
        "--cause",
        "waiting-time",
    ]);
    let line = |week: &str| {
        weeks
            .lines()
            .find(|l| l.starts_with(week))
            .unwrap_or_else(|| panic!("{week} in {weeks}"))
            .to_string()
    };
    assert!(line("2026-W46").ends_with("(goal: at most 2)"), "{weeks}");
    assert!(line("2026-W47").ends_with("(goal: at most 2)"), "{weeks}");
    assert!(!line("2026-W45").contains("goal"), "{weeks}");
    let err = fails(&[
        "goal",
        "add",
        "X",
        "--complaints-per-week",
        "1",
        "--cause",
        "weather",
    ]);
    assert!(
        err.contains("no cause 'weather'; the team's causes are: waiting-time (Wartezeit)"),
        "{err}"
    );
    let err = fails(&["goal", "add", "X", "--complaints-per-week=-1"]);
    assert!(err.contains("0 or more, not -1"), "{err}");
    // A cause goes with complaints, not with a golden share.
    let out = cli(&db.path)
        .args(["goal", "add", "X", "--target", "60", "--cause", "price"])
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("'--target <SHARE>' cannot be used with '--cause <CODE>'"));

    let added = run(&[
        "measure",
        "add",
        "--title",
        "Wartezeit ansagen",
        "--why",
        "cause:waiting-time",
        "--start",
        "02.11.2026",
    ]);
    assert_eq!(
        added,
        "Added measure 1 (running), Cause: Waiting time from 02.11.2026: Wartezeit ansagen\n"
    );
    let list = run(&["measure", "list"]);
    assert!(list.contains("Cause: Waiting time"), "{list}");
    let effect = run(&["measure", "effect", "1", "--as-of", "2026-12-10"]);
    assert_eq!(
        effect,
        "Measure 1: Wartezeit ansagen (Cause: Waiting time), from 02.11.2026\n\
         Before  05.10.2026 – 01.11.2026: 12 complaints (3 per week)\n        \
         02.11.2026 – 08.11.2026: left out (the first week)\n\
         After   09.11.2026 – 06.12.2026: 3 complaints (0.8 per week)\n\
         −2.3 complaints per week (p = 0.04): a real improvement\n"
    );
    let json: serde_json::Value = serde_json::from_str(&run(&[
        "measure",
        "effect",
        "1",
        "--as-of",
        "2026-12-10",
        "--format",
        "json",
    ]))
    .expect("json");
    assert_eq!(json["why"], "cause:waiting-time");
    assert_eq!(json["before"]["complaints"], 12);
    assert_eq!(json["after"]["complaints"], 3);
    assert_eq!(json["difference"], -2.25);
    assert_eq!(json["verdict"], "real_improvement");
    let err = fails(&[
        "measure",
        "add",
        "--title",
        "X",
        "--why",
        "cause:weather",
        "--start",
        "01.12.2026",
    ]);
    assert!(
        err.contains(
            "no cause 'weather'; the team's causes are: waiting-time (Wartezeit), reachability"
        ),
        "{err}"
    );
}

#[test]
fn the_minutes_show_complaints_goals_and_cause_measures_in_words() {
    each(|store| {
        fill(store);
        store
            .insert_goal(GoalDraft {
                text: "Weniger warten lassen".into(),
                start_on: day(11, 11),
                target: Some(GoalTarget::complaints_per_week(
                    Some("waiting-time".into()),
                    2.0,
                )),
            })
            .expect("goal");
        store
            .insert_measure(
                measure("Wartezeit ansagen", cause("waiting-time"), day(11, 2)),
                day(11, 2),
            )
            .expect("measure");
        let saved = meeting::save(
            store,
            MeetingDraft {
                held_on: day(12, 8),
                from: day(11, 30),
                to: day(12, 6),
                conclusions: Default::default(),
                decisions: Vec::new(),
                new_measures: vec![measure(
                    "Preise erklären",
                    cause("Preis und Rechnung"),
                    day(12, 8),
                )],
                stories: Vec::new(),
            },
            day(12, 8),
            Lang::De,
        )
        .expect("save");
        assert_eq!(saved.minutes.new_measures[0].why, cause("price"));
        assert_eq!(saved.minutes.reviewed[0].effect.after.complaints, Some(3));
        let md = render_minutes(store, &saved, MinutesFormat::Markdown, Lang::De).expect("md");
        for words in [
            "Ziel: höchstens 2 Beschwerden pro Woche (Ursache: Wartezeit)",
            "Worum es geht: Ursache: Wartezeit",
            "| | Zeitraum | Beschwerden | Beschwerden pro Woche |  |",
            "| 12 | 3 |",
            "| 3 | 0,8 |",
            "**−2,3 Beschwerden pro Woche (p = 0,04): eine echte Verbesserung**",
            "Worum es geht: Ursache: Preis und Rechnung",
        ] {
            assert!(md.contains(words), "{words}\n{md}");
        }
        let html = render_minutes(store, &saved, MinutesFormat::Html, Lang::En).expect("html");
        for words in [
            "Target: at most 2 complaints per week (cause: Waiting time)",
            "What it is about: Cause: Waiting time",
            "−2.3 complaints per week (p = 0.04): a real improvement",
        ] {
            assert!(html.contains(words), "{words}");
        }
        (md, saved.minutes)
    });
}

/// A file as version 10 (the last before complaints goals) left it: a member, a goal for
/// the phone, an ended goal, a measure the member takes care of and one for everyone.
fn write_version_10(path: &std::path::Path) {
    let conn = Connection::open(path).expect("raw open");
    for sql in [
        include_str!("../../migrations/sqlite/0001_initial.sql"),
        include_str!("../../migrations/sqlite/0002_default_channel.sql"),
        include_str!("../../migrations/sqlite/0003_story_search.sql"),
        include_str!("../../migrations/sqlite/0004_hide_team_jar.sql"),
        include_str!("../../migrations/sqlite/0005_data_safety.sql"),
        include_str!("../../migrations/sqlite/0006_backup_folder.sql"),
        include_str!("../../migrations/sqlite/0007_story_index_slim.sql"),
        include_str!("../../migrations/sqlite/0008_place.sql"),
        include_str!("../../migrations/sqlite/0009_feedback.sql"),
        include_str!("../../migrations/sqlite/0010_cycle.sql"),
    ] {
        conn.execute_batch(sql).expect("an old migration");
    }
    conn.execute_batch(&format!(
        "PRAGMA user_version = 10; PRAGMA application_id = {APPLICATION_ID}; \
         PRAGMA journal_mode = WAL; \
         INSERT INTO member (name) VALUES ('Ana');
         INSERT INTO goal (text, start_on, ended_on, metric, part_kind, part_code, target, created_at)
         VALUES ('Am Telefon begeistern', '2026-10-01', NULL, 'golden-share', 'channel', 2, 0.7, 1),
                ('Alter Vorsatz', '2026-09-01', '2026-09-30', NULL, NULL, NULL, NULL, 2);
         INSERT INTO measure (title, why_kind, why_code, owner_id, start_on, review_on, status, ended_on, created_at)
         VALUES ('Rückruf', 'channel', 2, 1, '2026-11-02', '2026-11-30', 'running', NULL, 3),
                ('Mehr Lob', NULL, NULL, NULL, '2026-10-01', NULL, 'ended', '2026-10-20', 4);"
    ))
    .expect("version 10 with goals and measures");
}

#[test]
fn a_file_of_schema_10_keeps_its_goals_and_measures_and_takes_cause_goals() {
    let db = temp_db();
    write_version_10(&db.path);
    let before: Vec<(String, String)> = {
        let conn = Connection::open(&db.path).expect("raw");
        let mut stmt = conn
            .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('goal', 'measure') AND sql IS NOT NULL ORDER BY name")
            .expect("indexes");
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("rows")
            .map(|r| r.expect("row"))
            .collect()
    };
    assert_eq!(before.len(), 1, "measure_by_owner: {before:?}");
    let mut store = db.open();
    let goals = store.list_goals().expect("goals");
    assert_eq!(goals.len(), 2);
    assert_eq!(
        (goals[0].text.as_str(), goals[0].ended_on, &goals[0].target),
        ("Alter Vorsatz", Some(day(9, 30)), &None)
    );
    assert_eq!(goals[1].start_on, day(10, 1));
    assert_eq!(
        goals[1].target,
        Some(GoalTarget::golden_share(
            Some(Focus::Channel(Channel::Phone)),
            0.7
        ))
    );
    let measures = store.list_measures().expect("measures");
    assert_eq!(measures.len(), 2);
    assert_eq!(
        (measures[0].title.as_str(), measures[0].ended_on),
        ("Mehr Lob", Some(day(10, 20)))
    );
    assert_eq!(measures[1].owner.as_deref(), Some("Ana"));
    assert_eq!(
        measures[1].why,
        Some(Why::Focus(Focus::Channel(Channel::Phone)))
    );
    assert_eq!(measures[1].review_on, Some(day(11, 30)));

    // The rebuilt table keeps its checks and keys; the old index is still there.
    let conn = store.connection().expect("sqlite");
    let problems: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .expect("check");
    assert_eq!(problems, 0);
    let indexes: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('goal', 'measure') AND sql IS NOT NULL ORDER BY name")
        .expect("indexes")
        .query_map([], |r| r.get(0))
        .expect("rows")
        .map(|r| r.expect("row"))
        .collect();
    assert_eq!(
        indexes,
        ["goal_by_cause", "measure_by_cause", "measure_by_owner"]
    );
    assert!(
        conn.execute(
            "INSERT INTO goal (text, start_on, metric, target, created_at) \
             VALUES ('X', '2026-11-01', 'golden-share', 1.5, 0)",
            [],
        )
        .is_err(),
        "a share above 1 is still refused"
    );
    assert!(
        conn.execute(
            "INSERT INTO goal (text, start_on, metric, part_kind, part_code, target, created_at) \
             VALUES ('X', '2026-11-01', 'complaints-per-week', 'channel', 2, 3, 0)",
            [],
        )
        .is_err(),
        "complaints are not counted by channel"
    );
    assert!(
        conn.execute(
            "UPDATE measure SET why_cause_id = 1 WHERE why_kind IS NOT NULL",
            []
        )
        .is_err(),
        "a focus or a cause, not both"
    );
    let goal = store
        .insert_goal(GoalDraft {
            text: "Weniger warten lassen".into(),
            start_on: day(11, 11),
            target: Some(GoalTarget::complaints_per_week(
                Some("waiting-time".into()),
                2.0,
            )),
        })
        .expect("a cause goal");
    assert_eq!(goal.id, 3);
    assert_eq!(store.list_goals().expect("goals")[2], goal);
}

#[test]
fn a_team_database_of_schema_version_4_keeps_its_goals_and_measures() {
    let Some(server) = pg::empty_database() else {
        return;
    };
    let mut client = postgres::Client::connect(&server.url, postgres::NoTls).expect("connect");
    for sql in [
        include_str!("../../migrations/postgres/0001_initial.sql"),
        include_str!("../../migrations/postgres/0002_place.sql"),
        include_str!("../../migrations/postgres/0003_feedback.sql"),
        include_str!("../../migrations/postgres/0004_cycle.sql"),
    ] {
        client.batch_execute(sql).expect("an old migration");
    }
    client
        .batch_execute(
            "CREATE TABLE murmelglas_schema (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
             INSERT INTO murmelglas_schema VALUES (1, 4);
             INSERT INTO member (name, name_key) VALUES ('Ana', 'ana');
             INSERT INTO goal (text, start_on, metric, part_kind, part_code, target, created_at)
             VALUES ('Am Telefon begeistern', '2026-10-01', 'golden-share', 'channel', 2, 0.7, 1);
             INSERT INTO measure (title, why_kind, why_code, owner_id, start_on, status, created_at)
             VALUES ('Rückruf', 'channel', 2, (SELECT id FROM member), '2026-11-02', 'running', 3);",
        )
        .expect("a team database of version 4");
    let (before, after) = PostgresStore::init(&server.url, None).expect("upgrade");
    assert_eq!((before, after), (4, 5));
    let mut store = Store::open_server(&server.url).expect("open");
    let goals = store.list_goals().expect("goals");
    assert_eq!(
        goals[0].target,
        Some(GoalTarget::golden_share(
            Some(Focus::Channel(Channel::Phone)),
            0.7
        ))
    );
    let measures = store.list_measures().expect("measures");
    assert_eq!(
        (measures[0].owner.as_deref(), measures[0].why.clone()),
        (
            Some("Ana"),
            Some(Why::Focus(Focus::Channel(Channel::Phone)))
        )
    );
    store
        .insert_goal(GoalDraft {
            text: "Weniger warten lassen".into(),
            start_on: day(11, 11),
            target: Some(GoalTarget::complaints_per_week(
                Some("waiting-time".into()),
                2.0,
            )),
        })
        .expect("a cause goal");
    store
        .insert_measure(
            measure("Wartezeit ansagen", cause("waiting-time"), day(11, 2)),
            day(11, 2),
        )
        .expect("a cause measure");
    let mut raw = postgres::Client::connect(&server.url, postgres::NoTls).expect("connect");
    assert!(
        raw.batch_execute(
            "INSERT INTO goal (text, start_on, metric, part_kind, part_code, target, created_at) \
             VALUES ('X', '2026-11-01', 'complaints-per-week', 'channel', 2, 3, 0)"
        )
        .is_err(),
        "complaints are not counted by channel"
    );
}

#[test]
fn uploading_keeps_the_causes_of_goals_and_measures_by_their_code() {
    let Some(server) = pg::database() else {
        return;
    };
    let db = temp_db();
    let mut file = db.open();
    // The team's own causes: on the server "Parkplatz" already has another row.
    file.add_cause("Lärm").expect("cause");
    let parking = file.add_cause("Parkplatz").expect("cause");
    let mut to = Store::open_server(&server.url).expect("open");
    to.add_cause("Parkplatz").expect("cause");
    file.insert_goal(GoalDraft {
        text: "Weniger Ärger um Parkplätze".into(),
        start_on: day(11, 2),
        target: Some(GoalTarget::complaints_per_week(
            Some(parking.code.clone()),
            1.0,
        )),
    })
    .expect("goal");
    file.insert_measure(
        measure("Schild aufstellen", cause("Lärm"), day(11, 2)),
        day(11, 2),
    )
    .expect("measure");
    let done = murmelglas::store::upload(&file, &mut to).expect("upload");
    assert!(done.cycle.copied);
    assert_eq!(
        to.list_goals().expect("goals"),
        file.list_goals().expect("goals")
    );
    assert_eq!(
        to.list_measures().expect("measures"),
        file.list_measures().expect("measures")
    );
    let noise = file
        .list_causes(true)
        .expect("causes")
        .into_iter()
        .find(|c| c.name.as_deref() == Some("Lärm"))
        .expect("the noise cause");
    assert_eq!(
        to.list_measures().expect("measures")[0].why,
        cause(&noise.code)
    );
}
