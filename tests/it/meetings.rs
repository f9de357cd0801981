//! The meeting and its minutes: where a meeting starts (the last one's conclusions, the
//! measures since with their effect so far), saving the minutes with the figures frozen
//! (contacts imported later change nothing, on every engine), and the minutes for the
//! handbook as self-contained HTML and as Markdown — escaped, without names.

use chrono::{Days, NaiveDate};
use murmelglas::cycle::meeting::{self, MeetingDraft};
use murmelglas::cycle::{
    agenda, Conclusions, Decision, Focus, GoalDraft, GoalTarget, MeasureDraft, MeasureStatus,
    Metric,
};
use murmelglas::export::Format;
use murmelglas::import::import_bytes;
use murmelglas::report::{render_minutes, MinutesFormat};
use murmelglas::review::{self, ReviewQuery};
use murmelglas::store::Store;
use murmelglas::{Channel, Contact, Lang, Rating, Settings};

use crate::common::{cli, temp_db};
use crate::engines::each;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("date")
}

const MEMBERS: [&str; 4] = ["Jörg", "Annegret", "Bertram", "Ciara"];

/// Four weeks before and the week 16–22 November 2026 (week 47): 4 contacts a day from
/// Jörg, Annegret and Bertram, by phone; Ciara alone by chat (too few to show). One shared
/// story with markup in it.
fn fill(store: &mut Store) -> uuid::Uuid {
    store
        .update_settings(&Settings {
            team_name: "Filiale <script>alert('t')</script> & Co".into(),
            ..store.get_settings().expect("settings")
        })
        .expect("settings");
    for name in MEMBERS {
        store.insert_member(name).expect("member");
    }
    let mut id = 0u128;
    let mut story = uuid::Uuid::nil();
    for offset in 0..35u64 {
        let on = day(10, 19) + Days::new(offset);
        for k in 0..4u32 {
            id += 1;
            let at = chrono::DateTime::parse_from_rfc3339(&format!(
                "{}T1{k}:00:00+01:00",
                on.format("%Y-%m-%d")
            ))
            .expect("time");
            let golden = (offset + u64::from(k)) % 3 != 0;
            let mut c = Contact::new(
                if golden {
                    Rating::Golden
                } else {
                    Rating::Ordinary
                },
                at,
            );
            c.id = uuid::Uuid::from_u128(id);
            c.member = Some(MEMBERS[(k % 3) as usize].into());
            c.channel = Some(Channel::Phone);
            if k == 3 {
                c.member = Some("Ciara".into());
                c.channel = Some(Channel::Chat);
            }
            if on == day(11, 18) && k == 0 {
                c.note = Some("<b>Jörg</b> rief zurück & die Kundin strahlte".into());
                c.share_in_review = true;
                story = c.id;
            }
            store.insert_contact(&c).expect("insert");
        }
    }
    story
}

fn setup(store: &mut Store) -> uuid::Uuid {
    let story = fill(store);
    store
        .insert_goal(GoalDraft {
            text: "Mehr Gold am Telefon".into(),
            start_on: day(10, 1),
            target: Some(GoalTarget {
                metric: Metric::GoldenShare,
                part: None,
                cause: None,
                value: 0.7,
            }),
        })
        .expect("goal");
    store
        .insert_measure(
            MeasureDraft {
                title: "Rückruf <i>binnen</i> zwei Stunden".into(),
                why: Some(Focus::Channel(Channel::Phone).into()),
                owner: Some("Jörg".into()),
                start_on: day(11, 2),
                review_on: Some(day(11, 24)),
                status: None,
            },
            day(11, 2),
        )
        .expect("measure");
    story
}

fn draft(story: uuid::Uuid) -> MeetingDraft {
    MeetingDraft {
        held_on: day(11, 24),
        from: day(11, 16),
        to: day(11, 22),
        conclusions: Conclusions {
            goal: "Mehr Gold am Telefon".into(),
            procedure: "Rückruf binnen zwei Stunden, <script>alert(1)</script>".into(),
            result: "Am Telefon sichtbar besser".into(),
            conclusion: "Wir behalten es bei.\nWer übernimmt? Das Team.".into(),
        },
        decisions: vec![Decision {
            measure_id: 1,
            status: MeasureStatus::Kept,
        }],
        new_measures: vec![MeasureDraft {
            title: "Begrüßung mit Namen".into(),
            why: None,
            owner: Some("Annegret".into()),
            start_on: day(11, 30),
            review_on: None,
            status: None,
        }],
        stories: vec![story],
    }
}

#[test]
fn a_saved_meeting_keeps_its_figures_when_contacts_are_imported_later_on_every_engine() {
    each(|store| {
        let story = setup(store);
        let saved =
            meeting::save(store, draft(story), day(11, 24), Lang::De).expect("save meeting");
        let m = &saved.minutes;
        assert_eq!(saved.id, 1);
        assert_eq!(
            (saved.from, saved.to, saved.held_on),
            (day(11, 16), day(11, 22), day(11, 24))
        );
        assert_eq!(m.review.figures.total, 28, "the week's 28 contacts");
        assert!(m.review.stories.is_empty(), "stories are kept by reference");
        assert_eq!(m.stories, [story]);
        assert_eq!(m.goals.len(), 1);
        assert_eq!(m.reviewed.len(), 1);
        assert_eq!(m.reviewed[0].decision, Some(MeasureStatus::Kept));
        assert_eq!(m.reviewed[0].status, MeasureStatus::Running);
        assert_eq!(m.new_measures.len(), 1);
        assert_eq!(m.new_measures[0].id, 2);
        assert!(m.rule_of_week.is_some());
        // The decision and the new measure are in the measures too.
        let measures = store.list_measures().expect("measures");
        assert_eq!(measures[0].status, MeasureStatus::Kept);
        assert_eq!(measures[1].title, "Begrüßung mit Namen");
        assert_eq!(measures[1].owner.as_deref(), Some("Annegret"));
        assert_eq!(measures[1].status, MeasureStatus::Planned);

        let html = render_minutes(store, &saved, MinutesFormat::Html, Lang::De).expect("html");
        let md = render_minutes(store, &saved, MinutesFormat::Markdown, Lang::De).expect("md");

        // Later, contacts of that week arrive from a spreadsheet.
        let late = "id,occurred_at,member,rating,channel\n\
            0192f3a0-0000-7000-8000-00000000f001,2026-11-17T09:00:00+01:00,Jörg,08/15,phone\n\
            0192f3a0-0000-7000-8000-00000000f002,2026-11-18T09:00:00+01:00,Annegret,08/15,phone\n\
            0192f3a0-0000-7000-8000-00000000f003,2026-11-19T09:00:00+01:00,Bertram,08/15,phone\n";
        import_bytes(store, late.as_bytes(), Format::Csv, "late.csv").expect("import");
        let now = review::review(
            store,
            &ReviewQuery {
                from: day(11, 16),
                to: day(11, 22),
                ..ReviewQuery::default()
            },
        )
        .expect("review");
        assert_eq!(now.figures.total, 31, "the week has changed");
        let again = store.get_meeting(saved.id).expect("get").expect("found");
        assert_eq!(again, saved, "the saved meeting has not");
        assert_eq!(
            render_minutes(store, &again, MinutesFormat::Html, Lang::De).expect("html"),
            html
        );
        assert_eq!(
            render_minutes(store, &again, MinutesFormat::Markdown, Lang::De).expect("md"),
            md
        );
        let list = store.list_meetings().expect("list");
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].conclusions, saved.conclusions);
        (again.minutes.review.figures, again.minutes.reviewed, list)
    });
}

#[test]
fn every_meeting_starts_where_the_last_one_ended() {
    let db = temp_db();
    let mut store = db.open();
    let story = setup(&mut store);
    let before = agenda(&store, day(11, 24), Lang::De).expect("agenda");
    assert_eq!(before.last, None);
    assert_eq!(before.measures.len(), 1, "the running measure");
    assert_eq!(before.measures[0].effect.as_of, day(11, 24));
    assert_eq!(before.goals.len(), 1);
    assert_eq!(before.rules.len(), 10);
    assert!(before.rule_of_week.is_some());
    meeting::save(&mut store, draft(story), day(11, 24), Lang::De).expect("save");
    let next = agenda(&store, day(12, 1), Lang::De).expect("agenda");
    let last = next.last.expect("the last meeting");
    assert_eq!(
        last.conclusions.conclusion,
        "Wir behalten es bei.\nWer übernimmt? Das Team."
    );
    // The kept measure is decided; the new one starts on 30 November and is reviewed now.
    let ids: Vec<i64> = next.measures.iter().map(|r| r.measure.id).collect();
    assert_eq!(ids, [2]);
    assert_ne!(
        next.rule_of_week, before.rule_of_week,
        "another week, another rule"
    );

    // What cannot be saved is refused, and nothing is written.
    let mut bad = draft(story);
    bad.stories = vec![uuid::Uuid::from_u128(1)];
    assert!(
        meeting::save(&mut store, bad, day(12, 1), Lang::De).is_err(),
        "not a shared story"
    );
    let mut bad = draft(story);
    bad.decisions = vec![Decision {
        measure_id: 99,
        status: MeasureStatus::Ended,
    }];
    assert!(meeting::save(&mut store, bad, day(12, 1), Lang::De).is_err());
    let mut bad = draft(story);
    bad.new_measures[0].owner = Some("Niemand".into());
    assert!(meeting::save(&mut store, bad, day(12, 1), Lang::De).is_err());
    assert_eq!(store.list_meetings().expect("list").len(), 1);
    assert_eq!(
        store.list_measures().expect("measures").len(),
        2,
        "rolled back"
    );
}

#[test]
fn the_minutes_are_self_contained_escaped_and_name_nobody() {
    let db = temp_db();
    let mut store = db.open();
    let story = setup(&mut store);
    let saved = meeting::save(&mut store, draft(story), day(11, 24), Lang::De).expect("save");
    let html = render_minutes(&store, &saved, MinutesFormat::Html, Lang::De).expect("html");
    // Self-contained: no scripts, nothing fetched, the style inlined, charts inline.
    assert!(html.starts_with("<!DOCTYPE html>"));
    for forbidden in [
        "<script", "<link", "src=", "href=", "http://", "https://", "@import", "url(",
    ] {
        assert!(!html.contains(forbidden), "{forbidden} in the minutes");
    }
    assert!(html.contains("<style>") && html.contains("@page"));
    assert!(html.matches("<svg ").count() >= 8, "the report's charts");
    // Escaped: the team name, a measure's title, the conclusions and the story.
    assert!(html.contains("Filiale &lt;script&gt;alert('t')&lt;/script&gt; &amp; Co"));
    assert!(html.contains("Rückruf &lt;i&gt;binnen&lt;/i&gt; zwei Stunden"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;b&gt;Jörg&lt;/b&gt; rief zurück &amp; die Kundin strahlte"));
    // What the meeting did: the effect in the review's words, the decision, the steps.
    assert!(html.contains("Besprechungsprotokoll"));
    assert!(html.contains("Besprechung am 24.11.2026 · betrachtet: KW 47 2026"));
    assert!(html.contains("Stand: läuft → beibehalten"));
    assert!(html.contains("Die erste Woche (02.11.2026–08.11.2026) zählt nicht mit"));
    assert!(html.contains("<dt>Vorgehen</dt>"));
    assert!(html.contains("#2 Begrüßung mit Namen"));
    assert!(
        html.contains("zu wenige für eine Anzeige"),
        "Ciara's chat is hers alone"
    );
    // No names: not the members, not the measures' owners — but for the story's own text.
    let without_story = html.replace("&lt;b&gt;Jörg&lt;/b&gt;", "");
    for name in MEMBERS {
        assert!(!without_story.contains(name), "{name} in the HTML minutes");
    }

    let md = render_minutes(&store, &saved, MinutesFormat::Markdown, Lang::En).expect("md");
    assert!(
        md.starts_with("# Meeting minutes · Filiale \\<script\\>alert('t')\\</script\\> \\& Co\n"),
        "{}",
        &md[..300]
    );
    // Every `<` and `&` is escaped: Markdown passes no HTML of ours or of the team's.
    for special in ['<', '&'] {
        assert!(
            md.match_indices(special)
                .all(|(i, _)| md[..i].ends_with('\\')),
            "an unescaped {special}"
        );
    }

    assert!(md.contains("\\<script\\>alert(1)\\</script\\>"));
    assert!(md.contains("### #1 Rückruf \\<i\\>binnen\\</i\\> zwei Stunden"));
    assert!(
        md.contains("**\\+30") || md.contains("**"),
        "the verdict in bold"
    );
    assert!(md.contains("| Before |") && md.contains("| After |"));
    assert!(md.contains("## Our conclusions"));
    assert!(md.contains("**Procedure:**"));
    let without_story = md.replace("\\<b\\>Jörg\\</b\\>", "");
    for name in MEMBERS {
        assert!(
            !without_story.contains(name),
            "{name} in the Markdown minutes"
        );
    }

    // A story deleted since (retention, erasure) is gone from the minutes too.
    store.delete_contact(story).expect("delete");
    let html = render_minutes(&store, &saved, MinutesFormat::Html, Lang::De).expect("html");
    assert!(!html.contains("strahlte"));
    assert!(html.contains("Diese Geschichte ist nicht mehr gespeichert"));
}

#[test]
fn the_cli_saves_lists_shows_and_exports_minutes() {
    let db = temp_db();
    let story = setup(&mut db.open());
    let run = |args: &[&str]| {
        let out = cli(&db.path).args(args).output().expect("run");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let agenda = run(&["meeting", "agenda", "--on", "2026-11-24"]);
    assert!(
        agenda.contains("No meeting has been saved yet."),
        "{agenda}"
    );
    assert!(
        agenda.contains(
            "#1 Rückruf <i>binnen</i> zwei Stunden (Channel: Phone, running since 02.11.2026):"
        ),
        "{agenda}"
    );
    assert!(agenda.contains("Rule of the week: "), "{agenda}");
    let saved = run(&[
        "meeting",
        "save",
        "--week",
        "2026-W47",
        "--on",
        "2026-11-24",
        "--goal",
        "Mehr Gold",
        "--procedure",
        "Rückruf",
        "--result",
        "besser",
        "--conclusion",
        "beibehalten",
        "--keep",
        "1",
        "--story",
        &story.to_string(),
    ]);
    assert_eq!(
        saved,
        "Saved meeting 1 of 24.11.2026 (period 16.11.2026 – 22.11.2026): 28 contacts, 1 measures reviewed, 1 decided.\n"
    );
    assert!(run(&["meeting", "list"])
        .starts_with("   1  24.11.2026  period 16.11.2026 – 22.11.2026  beibehalten"));
    let show = run(&["meeting", "show", "1"]);
    assert!(
        show.contains("Contacts: 28") && show.contains("decided: kept"),
        "{show}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&run(&["meeting", "show", "1", "--format", "json"])).expect("json");
    assert_eq!(json["minutes"]["review"]["figures"]["total"], 28);
    assert_eq!(json["conclusions"]["procedure"], "Rückruf");
    let next = run(&["meeting", "agenda", "--on", "2026-12-01"]);
    assert!(
        next.contains("Where the last meeting ended (meeting 1 of 24.11.2026"),
        "{next}"
    );
    assert!(next.contains("Conclusion  beibehalten"), "{next}");

    let html = db.file("protokoll.html");
    let out = cli(&db.path)
        .args(["meeting", "export", "--last", "--out"])
        .arg(&html)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&html).expect("written");
    assert!(text.starts_with("<!DOCTYPE html>") && text.contains("lang=\"de\""));
    let md = db.file("minutes.md");
    cli(&db.path)
        .args(["meeting", "export", "--id", "1", "--lang", "en", "--out"])
        .arg(&md)
        .assert()
        .success();
    assert!(std::fs::read_to_string(&md)
        .expect("written")
        .starts_with("# Meeting minutes"));
    // Never replaced without --force; no meeting 9; neither --last nor --id.
    let refused = cli(&db.path)
        .args(["meeting", "export", "--last", "--out"])
        .arg(&html)
        .output()
        .expect("run");
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("already exists"));
    let missing = cli(&db.path)
        .args(["meeting", "export", "--id", "9", "--out"])
        .arg(db.file("x.html"))
        .output()
        .expect("run");
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no meeting with id 9"));
    let neither = cli(&db.path)
        .args(["meeting", "export", "--out"])
        .arg(db.file("y.html"))
        .output()
        .expect("run");
    assert_eq!(neither.status.code(), Some(1));
}

#[test]
fn uploading_a_file_copies_its_goals_measures_rules_and_meetings_to_a_fresh_server() {
    let Some(server) = crate::pg::database() else {
        return;
    };
    let db = temp_db();
    let mut file = db.open();
    let story = setup(&mut file);
    file.reword_rule(3, "Nein gibt es bei uns nicht.", Lang::De)
        .expect("reword");
    let saved = meeting::save(&mut file, draft(story), day(11, 24), Lang::De).expect("save");
    let mut to = Store::open_server(&server.url).expect("open");
    let done = murmelglas::store::upload(&file, &mut to).expect("upload");
    assert!(done.cycle.copied);
    assert_eq!(
        (
            done.cycle.goals,
            done.cycle.measures,
            done.cycle.meetings,
            done.cycle.own_rules
        ),
        (1, 2, 1, 1)
    );
    assert_eq!(to.get_meeting(saved.id).expect("get"), Some(saved.clone()));
    assert_eq!(
        to.list_measures().expect("measures"),
        file.list_measures().expect("measures")
    );
    assert_eq!(
        to.list_goals().expect("goals"),
        file.list_goals().expect("goals")
    );
    assert_eq!(
        to.list_rules(Lang::De).expect("rules"),
        file.list_rules(Lang::De).expect("rules")
    );
    // The server goes on from there: new rows get new ids.
    let next = to
        .insert_measure(
            MeasureDraft {
                title: "Auf dem Server".into(),
                why: None,
                owner: None,
                start_on: day(12, 1),
                review_on: None,
                status: None,
            },
            day(12, 1),
        )
        .expect("measure");
    assert_eq!(next.id, 3);
    assert!(
        to.add_rule("Neu").expect("rule").id > 10,
        "no clash with a copied id"
    );
    // A second upload leaves what the server has.
    let again = murmelglas::store::upload(&file, &mut to).expect("upload");
    assert!(!again.cycle.copied);
    assert_eq!(to.list_measures().expect("measures").len(), 3);
}
