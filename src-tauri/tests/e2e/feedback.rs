//! Suggestions and complaints in the real window (issue 14): a complaint taken from the
//! notice after logging, moved through its states (with the refusals in German), an
//! overdue item on the navigation's badge, the printable cards, and the review of
//! feedback — each checked against the database.

use std::time::{Duration, Instant};

use chrono::{Days, TimeDelta};
use murmelglas::feedback::stats::{stats, StatsQuery};
use murmelglas::feedback::{FeedbackDraft, FeedbackItem, FeedbackKind, FeedbackState};

use crate::harness::{App, Outcome};

fn items(app: &App) -> Vec<FeedbackItem> {
    app.store().list_feedback().expect("list feedback")
}

/// Polls the database until `check` holds for its items, for up to ten seconds.
async fn until_items(app: &App, what: &str, check: impl Fn(&[FeedbackItem]) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let now = items(app);
        if check(&now) {
            return;
        }
        assert!(Instant::now() < deadline, "{what}: {now:#?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The review's default period as the window computes it: the last four weeks, Monday
/// to Sunday.
fn last_four_weeks(cause: Option<&str>) -> StatsQuery {
    let today = murmelglas::datetime::today();
    let monday = murmelglas_app::week_start(today, murmelglas::domain::WeekStart::Monday);
    StatsQuery {
        from: monday - Days::new(21),
        to: monday + Days::new(6),
        cause: cause.map(str::to_string),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_complaint_from_the_notice_after_logging_goes_through_to_closed() {
    let Outcome::Ready(app) = App::launch_with("feedback-flow", |store| {
        store.insert_member("Anna").expect("member");
    })
    .await
    else {
        return;
    };
    app.run(async |app| {
        app.wait_for_jar(0, 0).await?;
        app.select("[data-testid=member]", "Anna").await?;
        app.click("[data-testid=log-ordinary]").await?;
        app.wait_for_jar(0, 1).await?;
        let contact = app.contacts().pop().ok_or("the logged contact")?;
        assert_eq!(contact.member.as_deref(), Some("Anna"));

        // Click one: the notice offers to record it; the form opens linked to the contact.
        app.wait_for_text(
            "[data-testid=toast-feedback]",
            "Als Beschwerde / Anregung erfassen",
        )
        .await?;
        app.click("[data-testid=toast-feedback]").await?;
        app.find("[data-testid=feedback-dialog]").await?;
        app.find("[data-testid=feedback-linked]").await?;
        let dialog = app.text("[data-testid=feedback-dialog]").await?;
        assert!(
            dialog.contains("Keine Namen, Adressen"),
            "privacy hint beside the note: {dialog}"
        );
        app.find("[data-testid=feedback-summary]")
            .await?
            .send_keys("Wartezeit am Telefon viel zu lang")
            .await?;
        app.find("[data-testid=feedback-cause] option[value=waiting-time]")
            .await?;
        app.select("[data-testid=feedback-cause]", "waiting-time")
            .await?;
        app.type_into("[data-testid=feedback-answer-note]", "Rückruf vormittags")
            .await?;
        app.screenshot("capture-form").await?;
        app.click("[data-testid=feedback-save]").await?;
        app.wait_for_text("[data-testid=toast]", "Rückmeldung #1 erfasst")
            .await?;
        until_items(app, "one item stored", |i| i.len() == 1).await;
        let item = items(app).remove(0);
        assert_eq!(item.kind, FeedbackKind::Complaint);
        assert_eq!(
            item.contact,
            Some(contact.id),
            "linked to the logged contact"
        );
        assert_eq!(item.cause.as_deref(), Some("waiting-time"));
        assert_eq!(item.answer_note.as_deref(), Some("Rückruf vormittags"));
        assert_eq!(
            item.recorded_by, None,
            "the window names nobody as its taker"
        );
        assert_eq!(item.state, FeedbackState::Received);

        // The list shows it with state, age and deadline, and not who logged the contact.
        app.click("[data-testid=nav-feedback]").await?;
        app.wait_for_text("[data-testid=feedback-list]", "Wartezeit am Telefon")
            .await?;
        let list = app.text("[data-testid=feedback-list]").await?;
        assert!(list.contains("Eingegangen"), "state in the row: {list}");
        assert!(
            list.contains("Abschluss bis"),
            "deadline in the row: {list}"
        );
        assert!(!list.contains("Anna"), "the list names nobody: {list}");
        app.screenshot("list").await?;

        // Through the states.
        app.click("[data-testid=feedback-open]").await?;
        app.find("[data-testid=feedback-item-dialog]").await?;
        app.click("[data-testid=feedback-step-in-progress]").await?;
        app.wait_for_attr(
            "[data-testid=feedback-item-state]",
            "data-state",
            "in-progress",
        )
        .await?;
        until_items(app, "in progress", |i| {
            i[0].state == FeedbackState::InProgress
        })
        .await;
        app.click("[data-testid=feedback-step-informed]").await?;
        app.wait_for_attr(
            "[data-testid=feedback-item-state]",
            "data-state",
            "informed",
        )
        .await?;
        until_items(app, "informed", |i| {
            i[0].state == FeedbackState::Informed && i[0].answered_at.is_some()
        })
        .await;

        // Going back without a reason is refused, in German.
        app.click("[data-testid=feedback-step-back]").await?;
        app.wait_for_text(
            "[data-testid=feedback-item-problem]",
            "Einen Schritt zurück geht es nur mit Begründung.",
        )
        .await?;
        // Closing without an outcome too.
        app.click("[data-testid=feedback-step-closed]").await?;
        app.wait_for_text(
            "[data-testid=feedback-item-problem]",
            "Zum Abschließen bitte sagen, was daraus wurde.",
        )
        .await?;
        app.screenshot("close-refused").await?;
        let still = items(app).remove(0);
        assert_eq!(still.state, FeedbackState::Informed, "nothing changed");
        assert_eq!(still.history.len(), 3, "arrival, in progress, informed");

        // With an outcome it closes.
        app.type_into(
            "[data-testid=feedback-step-note]",
            "Rückrufzeiten am Telefon angesagt",
        )
        .await?;
        app.click("[data-testid=feedback-step-closed]").await?;
        app.wait_for_attr("[data-testid=feedback-item-state]", "data-state", "closed")
            .await?;
        until_items(app, "closed", |i| i[0].state == FeedbackState::Closed).await;
        let closed = items(app).remove(0);
        assert_eq!(
            closed.outcome.as_deref(),
            Some("Rückrufzeiten am Telefon angesagt")
        );
        assert!(closed.closed_at.is_some());
        assert_eq!(closed.history.len(), 4);
        app.wait_for_text("[data-testid=feedback-history]", "Rückrufzeiten")
            .await?;
        app.screenshot("closed").await?;
        app.click("[data-testid=feedback-item-close]").await?;
        app.wait_until_gone("[data-testid=feedback-item-dialog]")
            .await?;

        // The review of feedback counts it: one complaint, closed, none open.
        app.click("[data-testid=feedback-tab-review]").await?;
        let query = last_four_weeks(None);
        app.wait_for_attr(
            "[data-testid=feedback-review-period]",
            "data-from",
            &query.from.to_string(),
        )
        .await?;
        let expected = stats(&app.store(), &query, murmelglas::datetime::today())?;
        assert_eq!(
            (expected.complaints, expected.closed, expected.open),
            (1, 1, 0)
        );
        app.wait_for_number("[data-testid=fs-complaints] .value", expected.complaints)
            .await?;
        app.wait_for_number("[data-testid=fs-open] .value", expected.open)
            .await?;
        app.wait_for_text("[data-testid=fs-closed]", "1 abgeschlossen")
            .await?;
        app.screenshot("review-after-close").await?;
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overdue_feedback_shows_on_the_badge_and_in_the_review() {
    let out = tempfile::tempdir().expect("temp folder");
    let cards = out.path().join("karten.html");
    let Outcome::Ready(app) = App::launch_env(
        "feedback-overdue",
        |store| {
            let mut settings = store.get_settings().expect("settings");
            settings.team_name = "Bäckerei Sonne".into();
            store.update_settings(&settings).expect("team name");
            let now = murmelglas::datetime::now();
            // Sixteen days ago: past the first answer (2 working days) and the close (10).
            let mut old = FeedbackDraft::new(FeedbackKind::Complaint, "Brötchen waren alt");
            old.cause = Some("product".into());
            old.received_at = Some(now - TimeDelta::days(16));
            store.add_feedback(old, now).expect("old complaint");
            let mut fresh = FeedbackDraft::new(FeedbackKind::Suggestion, "Mehr Sitzplätze");
            fresh.cause = Some("other".into());
            store.add_feedback(fresh, now).expect("new suggestion");
            let mut settled = FeedbackDraft::new(FeedbackKind::Complaint, "Falsches Wechselgeld");
            settled.cause = Some("product".into());
            settled.settled = Some("Sofort korrigiert".into());
            store.add_feedback(settled, now).expect("settled complaint");
        },
        &[("MURMELGLAS_E2E_PICK", cards.as_path())],
    )
    .await
    else {
        return;
    };
    app.run(async |app| {
        // The badge counts the overdue item from the start, in text, not by colour alone.
        app.wait_for_text("[data-testid=nav-feedback-badge]", "1")
            .await?;
        let label = app
            .find("[data-testid=nav-feedback]")
            .await?
            .attr("aria-label")
            .await?
            .unwrap_or_default();
        assert!(label.contains("1 überfällig"), "badge in words: {label}");
        app.screenshot("badge").await?;

        app.click("[data-testid=nav-feedback]").await?;
        app.wait_for_text(
            "[data-testid=feedback-count]",
            "2 offen, davon 1 überfällig",
        )
        .await?;
        // Overdue first, marked in words.
        let rows = app.all("[data-testid=feedback-row]").await?;
        assert_eq!(rows.len(), 2, "the two open items");
        let first = rows[0].text().await?;
        assert!(
            first.contains("Brötchen waren alt") && first.contains("Überfällig"),
            "the overdue item on top: {first}"
        );
        app.click("[data-testid=feedback-filter-overdue]").await?;
        app.wait_for_text("[data-testid=feedback-list]", "Brötchen")
            .await?;
        assert_eq!(app.all("[data-testid=feedback-row]").await?.len(), 1);
        app.screenshot("overdue-list").await?;

        // The cards: an A4 page with the team's name, through the (answered) save dialog.
        app.click("[data-testid=feedback-cards]").await?;
        let deadline = Instant::now() + Duration::from_secs(10);
        while !cards.exists() {
            assert!(Instant::now() < deadline, "the cards were saved");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let html = std::fs::read_to_string(&cards)?;
        assert!(
            html.contains("Bäckerei Sonne"),
            "the team's name on the cards"
        );
        assert!(html.contains("A4"), "an A4 page");

        // The review of feedback: the counts as the database has them, and each opens its items.
        app.click("[data-testid=feedback-tab-review]").await?;
        let query = last_four_weeks(None);
        app.wait_for_attr(
            "[data-testid=feedback-review-period]",
            "data-from",
            &query.from.to_string(),
        )
        .await?;
        let expected = stats(&app.store(), &query, murmelglas::datetime::today())?;
        assert_eq!(
            (expected.received, expected.complaints, expected.suggestions),
            (3, 2, 1)
        );
        assert_eq!((expected.open, expected.overdue), (2, 1));
        for (id, n) in [
            ("fs-received", expected.received),
            ("fs-complaints", expected.complaints),
            ("fs-suggestions", expected.suggestions),
            ("fs-open", expected.open),
            ("fs-overdue", expected.overdue),
        ] {
            app.wait_for_number(&format!("[data-testid={id}] .value"), n)
                .await?;
        }
        let product = app
            .text("[data-testid=fs-cause][data-cause=product]")
            .await?;
        assert_eq!(product.trim(), "2", "two items of the cause 'product'");
        // Open items by age: the old one is over 10 working days.
        let over = expected
            .open_by_age
            .iter()
            .find(|a| a.bucket == murmelglas::feedback::stats::AgeBucket::Over10)
            .map_or(0, |a| a.count);
        app.wait_for_number("[data-testid=fs-age-over-10]", over)
            .await?;
        app.find("[data-testid=feedback-chart] img").await?;
        app.screenshot("review").await?;

        // A figure drills down to its items.
        app.click("[data-testid=fs-overdue]").await?;
        app.find("[data-testid=feedback-drill]").await?;
        app.wait_for_text("[data-testid=feedback-drill-count]", "1 Rückmeldung")
            .await?;
        let listed = app.all("[data-testid=feedback-drill-item]").await?;
        assert_eq!(listed.len(), 1);
        assert!(listed[0].text().await?.contains("Brötchen waren alt"));
        app.screenshot("drill-overdue").await?;
        app.click("[data-testid=feedback-drill-close]").await?;
        app.wait_until_gone("[data-testid=feedback-drill]").await?;

        // A segment of the complaints-per-week chart drills down too.
        let regions = app.all("[data-testid=feedback-chart] .region").await?;
        assert!(!regions.is_empty(), "the chart has segments to click");
        Ok(())
    })
    .await;
}
