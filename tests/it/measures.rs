//! Measures and their effect: the golden share of what a measure is about in the 4 weeks
//! before its start against the 4 weeks after, its first week left out, checked against
//! numbers computed by hand; "too few contacts to tell" where the test cannot say
//! anything or fewer than three people are behind a side; measures running at the same
//! time listed beside it; and each start marked on the trend and in the report.

use chrono::{Days, NaiveDate};
use murmelglas::cycle::{self, Focus, MeasureDraft, MeasureStatus, Verdict};
use murmelglas::review::{self, ReviewQuery};
use murmelglas::store::{Store, StoreError};
use murmelglas::{Channel, Contact, Lang, Rating};

use crate::common::{cli, temp_db};
use crate::engines::each;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("date")
}

const WHO: [&str; 3] = ["Ana", "Ben", "Cem"];

/// Adds one contact at 10:00 + `n` minutes of `on`.
fn add(store: &mut Store, id: &mut u128, on: NaiveDate, who: &str, channel: Channel, golden: bool) {
    *id += 1;
    let at = chrono::DateTime::parse_from_rfc3339(&format!(
        "{}T10:{:02}:00+01:00",
        on.format("%Y-%m-%d"),
        *id % 60
    ))
    .expect("time");
    let mut c = Contact::new(
        if golden {
            Rating::Golden
        } else {
            Rating::Ordinary
        },
        at,
    );
    c.id = uuid::Uuid::from_u128(*id);
    c.member = Some(who.into());
    c.channel = Some(channel);
    store.insert_contact(&c).expect("insert");
}

/// The phone measure starts on Monday 2 November 2026.
///
/// | window                       | phone contacts         |
/// |------------------------------|------------------------|
/// | 4 Oct (the day before)       | 1, golden — not counted |
/// | 5 Oct – 1 Nov (before)       | 40, 12 golden (30 %)    |
/// | 2 – 8 Nov (first week)       | 20, all golden — left out |
/// | 9 Nov – 6 Dec (after)        | 40, 24 golden (60 %)    |
/// | 7 Dec (the day after)        | 1, 08/15 — not counted  |
///
/// E-mail: 4 contacts (2 golden) from 19 Oct to 15 Nov, 3 (all golden) from 23 Nov on,
/// from three people each. Chat: Ana alone.
fn fill(store: &mut Store) {
    for name in WHO {
        store.insert_member(name).expect("member");
    }
    let mut id = 0;
    let phone = Channel::Phone;
    add(store, &mut id, day(10, 4), "Ana", phone, true);
    for i in 0..40u64 {
        let on = day(10, 5) + Days::new(i % 28);
        add(store, &mut id, on, WHO[(i % 3) as usize], phone, i < 12);
    }
    for i in 0..20u64 {
        let on = day(11, 2) + Days::new(i % 7);
        add(store, &mut id, on, WHO[(i % 3) as usize], phone, true);
    }
    for i in 0..40u64 {
        let on = day(11, 9) + Days::new(i % 28);
        add(store, &mut id, on, WHO[(i % 3) as usize], phone, i < 24);
    }
    add(store, &mut id, day(12, 7), "Ben", phone, false);
    for (on, who, golden) in [
        (day(10, 20), "Ana", true),
        (day(10, 27), "Ben", false),
        (day(11, 3), "Cem", true),
        (day(11, 10), "Ana", false),
        (day(11, 24), "Ana", true),
        (day(11, 25), "Ben", true),
        (day(11, 26), "Cem", true),
    ] {
        add(store, &mut id, on, who, Channel::Email, golden);
    }
    for on in [day(10, 20), day(11, 20), day(11, 21)] {
        add(store, &mut id, on, "Ana", Channel::Chat, true);
    }
}

fn measure(title: &str, why: Option<Focus>, start: NaiveDate) -> MeasureDraft {
    MeasureDraft {
        title: title.into(),
        why: why.map(Into::into),
        owner: None,
        start_on: start,
        review_on: None,
        status: None,
    }
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

#[test]
fn the_effect_matches_the_hand_computed_example_on_every_engine() {
    each(|store| {
        fill(store);
        let today = day(12, 10);
        let callback = store
            .insert_measure(
                MeasureDraft {
                    owner: Some("ben".into()),
                    review_on: Some(day(11, 30)),
                    ..measure(
                        "Rückruf binnen zwei Stunden",
                        Some(Focus::Channel(Channel::Phone)),
                        day(11, 2),
                    )
                },
                today,
            )
            .expect("measure");
        assert_eq!(
            callback.owner.as_deref(),
            Some("Ben"),
            "the stored spelling"
        );
        assert_eq!(callback.status, MeasureStatus::Running);
        let mails = store
            .insert_measure(
                measure(
                    "Mails mit Namen",
                    Some(Focus::Channel(Channel::Email)),
                    day(11, 16),
                ),
                today,
            )
            .expect("measure");
        let chat = store
            .insert_measure(
                measure(
                    "Chat am Abend",
                    Some(Focus::Channel(Channel::Chat)),
                    day(11, 2),
                ),
                today,
            )
            .expect("measure");
        let old = store
            .insert_measure(measure("Alter Versuch", None, day(9, 1)), today)
            .expect("measure");
        store
            .set_measure_status(old.id, MeasureStatus::Ended, day(9, 20))
            .expect("ended");
        let measures = store.list_measures().expect("measures");
        assert_eq!(measures.len(), 4);

        let e = cycle::effect(store, &callback, &measures, today).expect("effect");
        assert_eq!((e.before.from, e.before.to), (day(10, 5), day(11, 1)));
        assert_eq!((e.left_out_from, e.left_out_to), (day(11, 2), day(11, 8)));
        assert_eq!((e.after.from, e.after.to), (day(11, 9), day(12, 6)));
        assert!(e.complete);
        // Before: 12 of 40 golden = 30 %, Wilson 95 %: 18.07–45.43 %.
        assert_eq!((e.before.figures.total, e.before.figures.golden), (40, 12));
        assert!(close(e.before.figures.golden_share, 0.30));
        assert!(close(e.before.figures.ci_low, 0.180_748_452_297_465_3));
        assert!(close(e.before.figures.ci_high, 0.454_300_188_181_449_35));
        // After, without the first week's 20 golden contacts: 24 of 40 = 60 %, 44.60–73.65 %.
        assert_eq!((e.after.figures.total, e.after.figures.golden), (40, 24));
        assert!(close(e.after.figures.golden_share, 0.60));
        assert!(close(e.after.figures.ci_low, 0.445_958_936_603_461_86));
        assert!(close(e.after.figures.ci_high, 0.736_516_743_157_080_7));
        // Pooled 36 of 80 = 0.45, SE = √(0.45 · 0.55 · (1/40 + 1/40)) = 0.111243,
        // z = 0.30 / 0.111243 = 2.6968, two-sided p = erfc(z / √2) = 0.0070009.
        assert!(close(e.difference, 0.30));
        assert!((e.p_value.expect("p") - 0.007_000_942).abs() < 1e-8);
        assert_eq!(e.verdict, Verdict::RealImprovement);
        assert_eq!(e.verdict.words(Lang::En), "a real improvement");
        assert_eq!(e.verdict.words(Lang::De), "eine echte Verbesserung");
        // The e-mail and chat measures ran at the same time; the old one had ended.
        let concurrent: Vec<i64> = e.concurrent.iter().map(|c| c.id).collect();
        assert_eq!(concurrent, [chat.id, mails.id]);

        // Halfway through: the effect so far.
        let so_far = cycle::effect(store, &callback, &measures, day(11, 20)).expect("effect");
        assert!(!so_far.complete);
        assert_eq!(so_far.after.counted_to, Some(day(11, 20)));
        // 9–20 Nov are the first 12 days of the 28: i = 0…11 and 28…39 → 24 contacts,
        // golden for i < 24: 0…11 (12) → 12 of 24.
        assert_eq!(
            (so_far.after.figures.total, so_far.after.figures.golden),
            (24, 12)
        );
        // Before it started: nothing after yet, too few to tell.
        let early = cycle::effect(store, &callback, &measures, day(11, 5)).expect("effect");
        assert_eq!(early.after.counted_to, None);
        assert_eq!(early.after.figures.total, 0);
        assert_eq!(early.verdict, Verdict::TooFewToTell);

        // E-mail: 2 of 4 against 3 of 3 — five expected contacts are missing on a side.
        let m = cycle::effect(store, &mails, &measures, today).expect("effect");
        assert_eq!((m.before.figures.total, m.before.figures.golden), (4, 2));
        assert_eq!((m.after.figures.total, m.after.figures.golden), (3, 3));
        assert!(!m.before.suppressed && !m.after.suppressed);
        assert_eq!(m.verdict, Verdict::TooFewToTell);
        assert_eq!(m.verdict.words(Lang::En), "too few contacts to tell");
        // Chat: Ana alone on both sides — withheld, never her figures.
        let c = cycle::effect(store, &chat, &measures, today).expect("effect");
        assert!(c.before.suppressed && c.after.suppressed);
        assert_eq!((c.before.figures.total, c.after.figures.total), (0, 0));
        assert_eq!(c.verdict, Verdict::TooFewToTell);
        (e, so_far, m, c, measures)
    });
}

#[test]
fn statuses_owners_and_ends_are_checked() {
    each(|store| {
        store.insert_member("Ana").expect("member");
        let today = day(11, 20);
        let later = store
            .insert_measure(measure("Später", None, day(12, 1)), today)
            .expect("measure");
        assert_eq!(later.status, MeasureStatus::Planned);
        assert!(matches!(
            store.insert_measure(
                MeasureDraft {
                    owner: Some("Niemand".into()),
                    ..measure("X", None, today)
                },
                today
            ),
            Err(StoreError::UnknownMember(_))
        ));
        let team = store
            .insert_measure(
                MeasureDraft {
                    owner: Some("das Team".into()),
                    ..measure("Y", None, today)
                },
                today,
            )
            .expect("measure");
        assert_eq!(team.owner, None);
        assert!(store
            .insert_measure(
                MeasureDraft {
                    review_on: Some(day(11, 1)),
                    ..measure("Z", None, today)
                },
                today
            )
            .is_err());
        assert!(store
            .set_measure_status(later.id, MeasureStatus::Ended, day(11, 30))
            .is_err());
        let ended = store
            .set_measure_status(team.id, MeasureStatus::Ended, day(11, 25))
            .expect("end");
        assert_eq!(ended.ended_on, Some(day(11, 25)));
        let again = store
            .set_measure_status(team.id, MeasureStatus::Kept, day(11, 26))
            .expect("keep");
        assert_eq!((again.status, again.ended_on), (MeasureStatus::Kept, None));
        assert!(store
            .set_measure_status(99, MeasureStatus::Kept, today)
            .is_err());
        // An erased member's measures go back to the team; a subject-access export lists them.
        let mine = store
            .insert_measure(
                MeasureDraft {
                    owner: Some("Ana".into()),
                    ..measure("Ana kümmert sich", None, today)
                },
                today,
            )
            .expect("measure");
        let data = store.member_data("Ana").expect("data");
        assert_eq!(data.measures, std::slice::from_ref(&mine));
        store.erase_member("Ana").expect("erase");
        let after = store
            .get_measure(mine.id)
            .expect("get")
            .expect("still there");
        assert_eq!(after.owner, None);
        store.list_measures().expect("list")
    });
}

#[test]
fn each_start_is_marked_on_the_trend_and_in_the_report() {
    let db = temp_db();
    let mut store = db.open();
    fill(&mut store);
    let today = day(12, 10);
    store
        .insert_measure(
            measure(
                "<b>Rückruf</b> & mehr",
                Some(Focus::Channel(Channel::Phone)),
                day(11, 2),
            ),
            today,
        )
        .expect("measure");
    store
        .insert_measure(measure("Mails mit Namen", None, day(11, 18)), today)
        .expect("measure");
    let r = review::review(
        &store,
        &ReviewQuery {
            from: day(11, 2),
            to: day(11, 29),
            ..ReviewQuery::default()
        },
    )
    .expect("review");
    let marked: Vec<(i64, NaiveDate)> = r
        .series
        .iter()
        .flat_map(|p| p.started.iter().map(|m| (m.id, m.on)))
        .collect();
    assert_eq!(marked, [(1, day(11, 2)), (2, day(11, 18))]);
    let trend = murmelglas::chart::Chart::Trend {
        series: &r.series,
        target: r.target,
    };
    let drawn = trend.svg(Lang::De, trend.default_size()).expect("chart");
    let doc = roxmltree::Document::parse(&drawn.svg).expect("svg");
    let texts: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text().map(str::trim))
        .collect();
    assert!(
        texts.contains(&"#1") && texts.contains(&"#2"),
        "numbers at the top: {texts:?}"
    );
    assert!(drawn.svg.contains("Beginn einer Maßnahme"), "in the legend");
    assert!(drawn.svg.contains("#A84D85"), "the marker's colour");
    let day_region = drawn
        .regions
        .iter()
        .find(|r| r.key.to_string() == "days:2026-11-02:2026-11-02")
        .expect("2 Nov, from three people");
    assert!(
        day_region
            .label
            .ends_with("Maßnahme #1 ab 02.11.2026: <b>Rückruf</b> & mehr"),
        "{}",
        day_region.label
    );
    let png = trend.png(Lang::De, trend.default_size()).expect("png");
    assert!(png.starts_with(b"\x89PNG"));

    let html =
        murmelglas::report::render_html(&store, day(11, 2), day(11, 29), Lang::De).expect("report");
    assert!(html.contains("Maßnahme #1 ab 02.11.2026: &lt;b&gt;Rückruf&lt;/b&gt; &amp; mehr"));
    assert!(html.contains("Maßnahme #2 ab 18.11.2026: Mails mit Namen"));
    assert!(!html.contains("<b>Rückruf"));
}

#[test]
fn the_cli_adds_lists_sets_and_tells_the_effect() {
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
    let added = run(&[
        "measure",
        "add",
        "--title",
        "Rückruf binnen zwei Stunden",
        "--why",
        "Telefon",
        "--owner",
        "Ben",
        "--start",
        "02.11.2026",
        "--review-on",
        "2026-11-30",
    ]);
    assert_eq!(
        added,
        "Added measure 1 (running), Channel: Phone from 02.11.2026: Rückruf binnen zwei Stunden\n"
    );
    run(&[
        "measure",
        "add",
        "--title",
        "Mehr Lob",
        "--why",
        "all",
        "--start",
        "16.11.2026",
    ]);
    let list = run(&["measure", "list"]);
    assert!(list.contains("Ben") && list.contains("the team"), "{list}");
    assert!(
        list.contains("30.11.2026") && list.contains("all contacts"),
        "{list}"
    );
    let effect = run(&["measure", "effect", "1", "--as-of", "2026-12-10"]);
    assert_eq!(
        effect,
        "Measure 1: Rückruf binnen zwei Stunden (Channel: Phone), from 02.11.2026\n\
         Before  05.10.2026 – 01.11.2026: 40 contacts, 30 % golden (95 % range 18–45 %)\n        \
         02.11.2026 – 08.11.2026: left out (the first week)\n\
         After   09.11.2026 – 06.12.2026: 40 contacts, 60 % golden (95 % range 45–74 %)\n\
         +30 percentage points (p = 0.007): a real improvement\n\
         Running at the same time (their effects cannot be told apart):\n  \
         #2 Mehr Lob (from 16.11.2026)\n"
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
    assert_eq!(json["before"]["total"], 40);
    assert_eq!(json["before"]["golden"], 12);
    assert_eq!(json["after"]["golden_share"], 0.6);
    assert!(json["after"]["ci_low"]
        .as_f64()
        .is_some_and(|l| (l - 0.4460).abs() < 1e-4));
    assert_eq!(json["verdict"], "real_improvement");
    assert_eq!(json["why"], "channel:phone");
    let set = run(&["measure", "set-status", "1", "beibehalten"]);
    assert_eq!(set, "Measure 1 is kept: Rückruf binnen zwei Stunden\n");
    let set = run(&["measure", "set-status", "2", "ended", "--on", "30.11.2026"]);
    assert_eq!(set, "Measure 2 is ended since 30.11.2026: Mehr Lob\n");
    let out = cli(&db.path)
        .args([
            "measure",
            "add",
            "--title",
            "X",
            "--why",
            "fax",
            "--start",
            "01.12.2026",
        ])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("'fax' is no channel, phase, purpose, motive or perspective"),
        "{err}"
    );
}
