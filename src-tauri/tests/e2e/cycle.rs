//! The evaluation cycle in the real window (issue #15): a goal with a target shows in the
//! review, a measure is listed with its effect, and a meeting reviews last week's measure,
//! decides a new one, keeps its four-step conclusions, and its minutes open read-only and
//! export — the database checked after each step.

use std::time::Duration;

use chrono::Days;
use murmelglas::cycle::{self, Focus, MeasureDraft, MeasureStatus, Metric, Why};
use murmelglas::domain::{Channel, WeekStart};
use murmelglas::review::{review, ReviewQuery};

use super::harness::{App, Outcome};
use super::{digits, names};

const PREPARED: &str = "Kundinnen mit Namen ansprechen";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_goal_a_measure_and_a_meeting_with_its_minutes() {
    let today = murmelglas::datetime::today();
    let out = tempfile::tempdir().expect("temp folder");
    let minutes_path = out.path().join("protokoll.html");
    let Outcome::Ready(app) = App::launch_env(
        "cycle",
        |store| {
            let options = murmelglas::demo::DemoOptions {
                weeks: 8,
                members: 4,
                per_day: 3,
                seed: 15,
                until: today,
            };
            murmelglas::demo::fill(store, &options).expect("demo data");
            // Last meeting's measure: running for two weeks, taken care of by the team.
            store
                .insert_measure(
                    MeasureDraft {
                        title: PREPARED.into(),
                        why: None,
                        owner: None,
                        start_on: today - Days::new(14),
                        review_on: Some(today),
                        status: None,
                    },
                    today,
                )
                .expect("prepared measure");
        },
        &[("MURMELGLAS_E2E_PICK", minutes_path.as_path())],
    )
    .await
    else {
        return;
    };
    app.run(async |app| {
        let monday = murmelglas_app::week_start(today, WeekStart::Monday);
        let sunday = monday + Days::new(6);

        // A new file has no goal, so the review shows no target.
        app.click("[data-testid=nav-review]").await?;
        app.wait_for_attr(
            "[data-testid=review-body]",
            "data-from",
            &monday.to_string(),
        )
        .await?;
        app.find("[data-testid=kf-total]").await?;
        let targets = app
            .client()
            .find_all(fantoccini::Locator::Css("[data-testid=kf-target]"))
            .await?;
        assert!(targets.is_empty(), "no target without a goal");

        // Goals: none yet; add one with a target of 60 % golden for all contacts.
        app.click("[data-testid=nav-cycle]").await?;
        app.find("[data-testid=goals-none]").await?;
        app.screenshot("cycle-empty").await?;
        app.type_into("[data-testid=goal-text]", "Mehr Kontakte, die begeistern")
            .await?;
        app.click("[data-testid=goal-measurable]").await?;
        app.type_into("[data-testid=goal-target-input]", "60")
            .await?;
        app.click("[data-testid=goal-add]").await?;
        app.wait_for_text(
            "[data-testid=goals-active]",
            "Mehr Kontakte, die begeistern",
        )
        .await?;
        app.wait_for_text("[data-testid=goal-target]", "60 % Gold")
            .await?;
        let goals = app.store().list_goals().expect("goals");
        assert_eq!(goals.len(), 1);
        let target = goals[0].target.clone().expect("a measurable goal");
        assert_eq!(
            (target.metric, target.part, goals[0].start_on),
            (Metric::GoldenShare, None, today)
        );
        assert!(
            (target.value - 0.6).abs() < 1e-9,
            "60 % is {}",
            target.value
        );

        // The review shows the target now.
        app.click("[data-testid=nav-review]").await?;
        app.wait_for_text("[data-testid=kf-target]", "60 %").await?;
        app.screenshot("cycle-review-target").await?;

        // Measures: the prepared one is listed with its effect; add one for the phone.
        app.click("[data-testid=nav-cycle]").await?;
        let prepared = app
            .store()
            .list_measures()
            .expect("measures")
            .into_iter()
            .find(|m| m.title == PREPARED)
            .expect("prepared measure");
        let item = format!("[data-testid=measure-item][data-measure='{}']", prepared.id);
        app.wait_for_text(&item, PREPARED).await?;
        let expected = cycle::effect(
            &app.store(),
            &prepared,
            std::slice::from_ref(&prepared),
            today,
        )
        .expect("effect");
        assert!(
            expected.before.figures.total > 0,
            "demo data before the start"
        );
        let before = app
            .text(&format!("{item} [data-testid=effect-before] .count"))
            .await?;
        // "123 von 456 Kontakten golden", as the database counts them.
        let numbers: Vec<u64> = before.split(" von ").map(digits).collect();
        assert_eq!(
            numbers,
            vec![
                expected.before.figures.golden,
                expected.before.figures.total
            ],
            "before: '{before}'"
        );
        app.find(&format!("{item} [data-testid=effect-verdict]"))
            .await?;
        app.type_into("[data-testid=measure-title]", "Namen am Telefon nennen")
            .await?;
        app.select("[data-testid=measure-why]", "channel:phone")
            .await?;
        app.click("[data-testid=measure-add]").await?;
        app.wait_for_text("[data-testid=measures]", "Namen am Telefon nennen")
            .await?;
        let measures = app.store().list_measures().expect("measures");
        let phone = measures
            .iter()
            .find(|m| m.title == "Namen am Telefon nennen")
            .expect("the new measure is stored");
        assert_eq!(phone.why, Some(Focus::Channel(Channel::Phone).into()));
        assert_eq!(
            (phone.owner.as_deref(), phone.start_on, phone.status),
            (None, today, MeasureStatus::Running)
        );
        let phone_item = format!("[data-testid=measure-item][data-measure='{}']", phone.id);
        app.wait_for_text(
            &format!("{phone_item} [data-testid=effect]"),
            "4 Wochen davor",
        )
        .await?;
        // Two measures run at the same time: each names the other beside its effect.
        app.wait_for_text(
            &format!("{item} [data-testid=effect-concurrent]"),
            "Namen am Telefon nennen",
        )
        .await?;
        app.screenshot("cycle-measures").await?;

        // The meeting starts with the measures since the last one.
        app.click("[data-testid=nav-review]").await?;
        app.wait_for_text("[data-testid=kf-target]", "60 %").await?;
        app.click("[data-testid=meeting-start]").await?;
        app.wait_for_text(
            "[data-testid=meeting-heading]",
            "Maßnahmen seit der letzten Besprechung",
        )
        .await?;
        app.wait_for_text("[data-testid=meeting-last]", "erste")
            .await?;
        let in_meeting = format!(
            "[data-testid=meeting-measure][data-measure='{}']",
            prepared.id
        );
        app.find(&format!("{in_meeting} [data-testid=effect]"))
            .await?;
        app.click(&format!("{in_meeting} [data-testid=decide-kept]"))
            .await?;
        app.wait_for_attr(&in_meeting, "data-decision", "kept")
            .await?;
        app.screenshot("cycle-meeting-measures").await?;
        // Nothing is stored before the meeting is saved.
        assert_eq!(
            app.store()
                .get_measure(prepared.id)
                .expect("measure")
                .expect("there")
                .status,
            MeasureStatus::Running
        );

        // Today's steps, then the conclusions at the end.
        let right = char::from(fantoccini::key::Key::Right).to_string();
        app.focus("[data-testid=meeting-heading]").await?;
        app.press_focused(&right).await?;
        app.wait_for_attr("[data-testid=meeting]", "data-step", "overview")
            .await?;
        let end = char::from(fantoccini::key::Key::End).to_string();
        app.press_focused(&end).await?;
        app.wait_for_attr("[data-testid=meeting]", "data-step", "conclusions")
            .await?;
        app.wait_for_text("[data-testid=meeting-heading]", "Unsere Schlussfolgerungen")
            .await?;
        let steps = [
            ("goal", "Mehr Kontakte, die begeistern"),
            ("procedure", "Kundinnen mit Namen ansprechen"),
            ("result", "Der Goldanteil hielt sich"),
            ("conclusion", "Beibehalten und am Telefon ergänzen"),
        ];
        for (id, words) in steps {
            app.type_into(&format!("[data-testid=conclusion-{id}]"), words)
                .await?;
        }
        // Typing in a field does not step the meeting on.
        app.press_focused(&right).await?;
        app.wait_for_attr("[data-testid=meeting]", "data-step", "conclusions")
            .await?;
        app.type_into(
            "[data-testid=meeting-measure-title]",
            "Rückruf binnen einer Stunde",
        )
        .await?;
        app.click("[data-testid=meeting-measure-add]").await?;
        app.wait_for_text(
            "[data-testid=meeting-new-measures]",
            "Rückruf binnen einer Stunde",
        )
        .await?;
        app.screenshot("cycle-meeting-conclusions").await?;
        assert_eq!(app.store().list_meetings().expect("meetings").len(), 0);
        // Leaving with all this unsaved asks first; "cancel" keeps the meeting as it was.
        app.click("[data-testid=meeting-leave]").await?;
        app.wait_for_text("[data-testid=confirm-dialog]", "ohne zu speichern")
            .await?;
        app.screenshot("cycle-meeting-unsaved").await?;
        let escape = char::from(fantoccini::key::Key::Escape).to_string();
        app.press_focused(&escape).await?;
        app.wait_until_gone("[data-testid=confirm-dialog]").await?;
        app.wait_for_attr("[data-testid=meeting]", "data-step", "conclusions")
            .await?;
        let kept = app
            .find("[data-testid=conclusion-conclusion]")
            .await?
            .prop("value")
            .await?;
        assert_eq!(kept.as_deref(), Some("Beibehalten und am Telefon ergänzen"));
        app.click("[data-testid=meeting-save]").await?;
        app.wait_for_text("[data-testid=meeting-saved]", "Protokoll gespeichert")
            .await?;
        app.screenshot("cycle-meeting-saved").await?;

        // The database: the minutes with the four steps, the decision, the new measure,
        // and the key figures as the review showed them.
        let store = app.store();
        let meetings = store.list_meetings().expect("meetings");
        assert_eq!(meetings.len(), 1, "one meeting saved");
        let saved = store
            .get_meeting(meetings[0].id)
            .expect("meeting")
            .expect("stored");
        assert_eq!(
            (saved.held_on, saved.from, saved.to),
            (today, monday, sunday)
        );
        let c = &saved.conclusions;
        assert_eq!(
            [&c.goal, &c.procedure, &c.result, &c.conclusion].map(String::as_str),
            steps.map(|s| s.1)
        );
        let reviewed = saved
            .minutes
            .reviewed
            .iter()
            .find(|r| r.id == prepared.id)
            .expect("the prepared measure was reviewed");
        assert_eq!(reviewed.decision, Some(MeasureStatus::Kept));
        let week = ReviewQuery {
            from: monday,
            to: sunday,
            ..Default::default()
        };
        let shown = review(&store, &week).expect("the week's review");
        assert_eq!(saved.minutes.review.figures, shown.figures);
        assert_eq!(saved.minutes.review.target, Some(0.6));
        let measures = store.list_measures().expect("measures");
        assert_eq!(
            measures
                .iter()
                .find(|m| m.id == prepared.id)
                .map(|m| m.status),
            Some(MeasureStatus::Kept)
        );
        assert!(
            measures
                .iter()
                .any(|m| m.title == "Rückruf binnen einer Stunde" && m.start_on == today),
            "the measure decided in the meeting is stored"
        );
        drop(store);

        // The past meetings list it; it opens read-only. Saved, the meeting ends at once.
        app.click("[data-testid=meeting-leave]").await?;
        app.wait_until_gone("[data-testid=meeting]").await?;
        assert_eq!(
            app.number("return document.querySelectorAll('[data-testid=confirm-dialog]').length")
                .await?,
            0.0,
            "nothing to ask once saved"
        );
        app.click("[data-testid=nav-cycle]").await?;
        let listed = format!("[data-testid=meeting-item][data-meeting='{}']", saved.id);
        app.wait_for_text(&listed, "Beibehalten und am Telefon ergänzen")
            .await?;
        app.click(&format!("{listed} [data-testid=meeting-open]"))
            .await?;
        app.wait_for_text(
            "[data-testid=minutes-conclusion]",
            "Beibehalten und am Telefon ergänzen",
        )
        .await?;
        app.wait_for_text("[data-testid=minutes-decision]", "beibehalten")
            .await?;
        let editable = app
            .client()
            .find_all(fantoccini::Locator::Css(
                "[data-testid=minutes-dialog] textarea, [data-testid=minutes-dialog] input",
            ))
            .await?;
        assert!(editable.is_empty(), "the minutes are read-only");
        app.screenshot("cycle-minutes").await?;

        // The minutes exported through the save dialog: German HTML, no names.
        app.click("[data-testid=minutes-save]").await?;
        for _ in 0..100 {
            if minutes_path.exists() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let html = std::fs::read_to_string(&minutes_path)?;
        assert!(html.contains("<html lang=\"de\">"), "German minutes");
        assert!(html.contains("Beibehalten und am Telefon ergänzen"));
        for m in app.store().list_members(true).expect("members") {
            assert!(!names(&html, &m.name), "the minutes name {}", m.name);
        }
        app.wait_for_text("[data-testid=toast]", "Protokoll gespeichert")
            .await?;
        app.click("[data-testid=minutes-close]").await?;
        app.wait_until_gone("[data-testid=minutes-dialog]").await?;
        Ok(())
    })
    .await;
}

/// Records a complaint of `cause` that came in `days_ago` days ago, at 10:00.
fn complaint(store: &mut murmelglas::Store, days_ago: u64, cause: &str) {
    use murmelglas::feedback::{FeedbackDraft, FeedbackKind};
    let now = murmelglas::datetime::now();
    let on = now.date_naive() - Days::new(days_ago);
    let mut draft = FeedbackDraft::new(FeedbackKind::Complaint, format!("Beschwerde vom {on}"));
    draft.cause = Some(cause.into());
    let at = on.and_hms_opt(10, 0, 0).expect("time");
    draft.received_at = Some(
        at.and_local_timezone(*now.offset())
            .single()
            .expect("a time of day"),
    );
    store.add_feedback(draft, now).expect("complaint");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_complaints_goal_for_a_cause_and_a_measure_about_it() {
    let today = murmelglas::datetime::today();
    let start = today - Days::new(35);
    let Outcome::Ready(app) = App::launch_with("cycle-cause", |store| {
        // Waiting-time complaints: 10 in the four weeks before the measure, 2 after its
        // first week; another cause's complaints do not count.
        for days_ago in [37, 40, 43, 46, 49, 52, 55, 58, 60, 62] {
            complaint(store, days_ago, "waiting-time");
        }
        for days_ago in [20, 10] {
            complaint(store, days_ago, "waiting-time");
        }
        complaint(store, 12, "product");
        store
            .insert_measure(
                MeasureDraft {
                    title: "Rückruf statt Warteschleife".into(),
                    why: Some(Why::Cause("waiting-time".into())),
                    owner: None,
                    start_on: start,
                    review_on: None,
                    status: None,
                },
                today,
            )
            .expect("measure");
    })
    .await
    else {
        return;
    };
    app.run(async |app| {
        app.click("[data-testid=nav-cycle]").await?;
        let measure = app.store().list_measures().expect("measures").remove(0);
        let item = format!("[data-testid=measure-item][data-measure='{}']", measure.id);
        // The effect counts complaints, as the database does.
        let expected = cycle::effect(
            &app.store(),
            &measure,
            std::slice::from_ref(&measure),
            today,
        )
        .expect("effect");
        assert_eq!(
            (expected.before.complaints, expected.after.complaints),
            (Some(10), Some(2))
        );
        app.wait_for_text(
            &format!("{item} [data-testid=effect-before]"),
            "10 Beschwerden",
        )
        .await?;
        app.wait_for_text(
            &format!("{item} [data-testid=effect-after]"),
            "2 Beschwerden",
        )
        .await?;
        app.wait_for_text(&format!("{item} [data-testid=measure-about]"), "Wartezeit")
            .await?;
        app.screenshot("cause-measure").await?;

        // A goal: at most 2 waiting-time complaints a week, from today.
        app.type_into(
            "[data-testid=goal-text]",
            "Weniger Beschwerden über Wartezeit",
        )
        .await?;
        app.click("[data-testid=goal-measurable]").await?;
        app.click("[data-testid=goal-metric-complaints]").await?;
        app.select("[data-testid=goal-cause]", "waiting-time")
            .await?;
        app.type_into("[data-testid=goal-target-input]", "2")
            .await?;
        app.click("[data-testid=goal-add]").await?;
        app.wait_for_text(
            "[data-testid=goal-target]",
            "höchstens 2 Beschwerden pro Woche",
        )
        .await?;
        let goals = app.store().list_goals().expect("goals");
        let target = goals[0].target.clone().expect("a measurable goal");
        assert_eq!(
            (
                target.metric,
                target.part,
                target.cause.as_deref(),
                target.value
            ),
            (Metric::ComplaintsPerWeek, None, Some("waiting-time"), 2.0)
        );
        // Not a number: said in words, nothing stored.
        app.type_into("[data-testid=goal-text]", "Noch ein Ziel")
            .await?;
        app.click("[data-testid=goal-measurable]").await?;
        app.click("[data-testid=goal-metric-complaints]").await?;
        app.type_into("[data-testid=goal-target-input]", "zwei")
            .await?;
        app.click("[data-testid=goal-add]").await?;
        app.wait_for_text("[data-testid=goal-form] [role=alert]", "Zahl ab 0")
            .await?;
        assert_eq!(app.store().list_goals().expect("goals").len(), 1);

        // A new measure about the cause, chosen in the form.
        app.type_into("[data-testid=measure-title]", "Wartezeit ansagen")
            .await?;
        app.select("[data-testid=measure-why]", "cause:waiting-time")
            .await?;
        app.click("[data-testid=measure-add]").await?;
        app.wait_for_text("[data-testid=measures]", "Wartezeit ansagen")
            .await?;
        let added = app
            .store()
            .list_measures()
            .expect("measures")
            .into_iter()
            .find(|m| m.title == "Wartezeit ansagen")
            .expect("stored");
        assert_eq!(added.why, Some(Why::Cause("waiting-time".into())));
        app.screenshot("cause-goal").await?;
        Ok(())
    })
    .await;
}
