//! Suggestions and complaints (DOMAIN.md §5): working-day deadlines, every state change and
//! refusal, the figures against hand-computed ones, the clearing of the answer note, and
//! the store on every engine.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta};
use murmelglas::feedback::stats::{self, AgeBucket, FeedbackKey, StatsQuery};
use murmelglas::feedback::{
    change_state, new_item, Cause, FeedbackDraft, FeedbackEdit, FeedbackError, FeedbackField,
    FeedbackItem, FeedbackKind, FeedbackRef, FeedbackSettings, FeedbackState,
};
use murmelglas::store::{Store, StoreError};
use murmelglas::{Contact, Rating};

use crate::engines::each;

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("RFC 3339")
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn causes() -> Vec<Cause> {
    murmelglas::feedback::DEFAULT_CAUSES
        .iter()
        .map(|(code, _)| Cause {
            code: code.to_string(),
            name: None,
            retired: false,
        })
        .collect()
}

/// An item received at `when`, as the process makes it.
fn item(when: &str, reply_wanted: bool) -> FeedbackItem {
    let mut draft = FeedbackDraft::new(FeedbackKind::Complaint, "Wartezeit am Telefon");
    draft.received_at = Some(at(when));
    draft.reply_wanted = reply_wanted;
    new_item(draft, &causes(), at(when)).expect("valid draft")
}

const MON_FRI: [bool; 7] = [true, true, true, true, true, false, false];

#[test]
fn deadlines_count_working_days_across_weekends_and_the_teams_days() {
    // Friday, 20 November 2026.
    let friday = item("2026-11-20T16:30:00+01:00", true);
    let mon_sat = FeedbackSettings::default();
    assert_eq!(
        mon_sat.working_days,
        [true, true, true, true, true, true, false]
    );
    // Saturday counts, Sunday does not.
    assert_eq!(mon_sat.answer_due(&friday), Some(day("2026-11-23")));
    assert_eq!(mon_sat.close_due(&friday), day("2026-12-02"));
    let mon_fri = FeedbackSettings {
        working_days: MON_FRI,
        ..FeedbackSettings::default()
    };
    assert_eq!(mon_fri.answer_due(&friday), Some(day("2026-11-24")));
    assert_eq!(mon_fri.close_due(&friday), day("2026-12-04"));

    let mut urgent = friday.clone();
    urgent.urgent = true;
    assert_eq!(mon_sat.answer_due(&urgent), Some(day("2026-11-21")));
    assert_eq!(mon_fri.answer_due(&urgent), Some(day("2026-11-23")));

    // Received on a Sunday: counting starts on Monday.
    let sunday = item("2026-11-22T11:00:00+01:00", true);
    assert_eq!(mon_fri.answer_due(&sunday), Some(day("2026-11-24")));
    // A team that works Tuesdays and Thursdays only.
    let tue_thu = FeedbackSettings {
        working_days: [false, true, false, true, false, false, false],
        ..FeedbackSettings::default()
    };
    assert_eq!(tue_thu.answer_due(&sunday), Some(day("2026-11-26")));
    assert_eq!(tue_thu.close_due(&sunday), day("2026-12-24"));

    // Overdue only once the due day is over, and never once answered.
    assert!(!mon_fri.answer_overdue(&friday, day("2026-11-24")));
    assert!(mon_fri.answer_overdue(&friday, day("2026-11-25")));
    assert!(!mon_fri.close_overdue(&friday, day("2026-12-04")));
    assert!(mon_fri.close_overdue(&friday, day("2026-12-05")));
    let mut answered = friday.clone();
    change_state(
        &mut answered,
        FeedbackState::Informed,
        None,
        at("2026-11-26T09:00:00+01:00"),
    )
    .expect("informed");
    assert!(!mon_fri.answer_overdue(&answered, day("2026-11-27")));
    // A customer who wants no answer has no answer deadline.
    let no_reply = item("2026-11-20T16:30:00+01:00", false);
    assert_eq!(mon_fri.answer_due(&no_reply), None);
    assert!(!mon_fri.answer_overdue(&no_reply, day("2026-12-01")));
    assert!(mon_fri.overdue(&no_reply, day("2026-12-07")));

    // Working days elapsed: Friday to Monday is one in a Monday-to-Friday team.
    assert_eq!(
        mon_fri.working_days_between(day("2026-11-20"), day("2026-11-23")),
        1
    );
    assert_eq!(
        mon_sat.working_days_between(day("2026-11-20"), day("2026-11-23")),
        2
    );
    assert_eq!(
        mon_fri.working_days_between(day("2026-11-20"), day("2026-11-20")),
        0
    );

    // The team's settings are checked.
    let bad = FeedbackSettings {
        answer_days: 0,
        ..FeedbackSettings::default()
    };
    assert!(matches!(bad.check(), Err(FeedbackError::BadDays { .. })));
    let none = FeedbackSettings {
        working_days: [false; 7],
        ..FeedbackSettings::default()
    };
    assert_eq!(none.check(), Err(FeedbackError::NoWorkingDays));
}

#[test]
fn every_state_change_is_a_history_line_and_every_refusal_says_why() {
    let mut i = item("2026-11-20T10:00:00+01:00", true);
    let t = |h: u32| at("2026-11-23T08:00:00+01:00") + TimeDelta::hours(i64::from(h));
    assert_eq!(i.state, FeedbackState::Received);
    assert_eq!(i.history.len(), 1);
    assert_eq!(i.history[0].from, None);

    change_state(
        &mut i,
        FeedbackState::InProgress,
        Some("Schichtleitung fragt nach"),
        t(0),
    )
    .expect("received → in progress");
    assert_eq!(
        change_state(&mut i, FeedbackState::InProgress, None, t(1)),
        Err(FeedbackError::AlreadyIn(FeedbackState::InProgress))
    );
    assert_eq!(
        change_state(&mut i, FeedbackState::Closed, None, t(1)),
        Err(FeedbackError::OutcomeMissing),
        "closing without an outcome"
    );
    assert_eq!(
        change_state(
            &mut i,
            FeedbackState::Closed,
            Some("Rückruf zugesagt"),
            t(1)
        ),
        Err(FeedbackError::AnswerFirst),
        "the customer wants an answer before the item closes"
    );
    assert_eq!(
        change_state(&mut i, FeedbackState::Received, None, t(1)),
        Err(FeedbackError::ReasonMissing {
            from: FeedbackState::InProgress,
            to: FeedbackState::Received
        }),
        "going back without a reason"
    );
    assert_eq!(
        change_state(&mut i, FeedbackState::Received, Some("  "), t(1)),
        Err(FeedbackError::ReasonMissing {
            from: FeedbackState::InProgress,
            to: FeedbackState::Received
        }),
        "a blank reason is none"
    );
    assert!(matches!(
        change_state(
            &mut i,
            FeedbackState::Informed,
            Some(&"x".repeat(1001)),
            t(1)
        ),
        Err(FeedbackError::StepNoteTooLong(1001))
    ));
    // Refusals change nothing.
    assert_eq!(i.state, FeedbackState::InProgress);
    assert_eq!(i.history.len(), 2);

    change_state(&mut i, FeedbackState::Informed, None, t(2)).expect("informed");
    assert_eq!(i.answered_at, Some(t(2)));
    change_state(
        &mut i,
        FeedbackState::InProgress,
        Some("Kundin nicht erreicht"),
        t(3),
    )
    .expect("back with a reason");
    assert_eq!(i.answered_at, None, "not answered after all");
    change_state(&mut i, FeedbackState::Informed, None, t(4)).expect("informed again");
    change_state(
        &mut i,
        FeedbackState::Closed,
        Some("Gutschrift über 10 €"),
        t(5),
    )
    .expect("closed");
    assert_eq!(
        (i.closed_at, i.outcome.as_deref()),
        (Some(t(5)), Some("Gutschrift über 10 €"))
    );
    change_state(
        &mut i,
        FeedbackState::Informed,
        Some("Kunde meldet sich erneut"),
        t(6),
    )
    .expect("reopened");
    assert_eq!((i.closed_at, i.outcome.as_deref()), (None, None));
    assert_eq!(i.answered_at, Some(t(4)), "the answer stays");
    change_state(
        &mut i,
        FeedbackState::Closed,
        Some("Zweite Gutschrift"),
        t(7),
    )
    .expect("closed");

    let lines: Vec<(Option<FeedbackState>, FeedbackState, Option<&str>)> = i
        .history
        .iter()
        .map(|e| (e.from, e.to, e.note.as_deref()))
        .collect();
    use FeedbackState::*;
    assert_eq!(
        lines,
        vec![
            (None, Received, None),
            (
                Some(Received),
                InProgress,
                Some("Schichtleitung fragt nach")
            ),
            (Some(InProgress), Informed, None),
            (Some(Informed), InProgress, Some("Kundin nicht erreicht")),
            (Some(InProgress), Informed, None),
            (Some(Informed), Closed, Some("Gutschrift über 10 €")),
            (Some(Closed), Informed, Some("Kunde meldet sich erneut")),
            (Some(Informed), Closed, Some("Zweite Gutschrift")),
        ]
    );
    assert!(i.history[3].is_back() && !i.history[2].is_back());
    let times: Vec<_> = i.history.iter().map(|e| e.at).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "dated in order");

    // Without a wish for an answer, an item may close straight away (with an outcome).
    let mut quiet = item("2026-11-20T10:00:00+01:00", false);
    change_state(
        &mut quiet,
        FeedbackState::Closed,
        Some("Idee an die Leitung"),
        t(0),
    )
    .expect("closed");
    assert_eq!(quiet.answered_at, None);

    // Settled on the spot: closed in one step, answered and closed when it came in.
    let mut draft = FeedbackDraft::new(FeedbackKind::Complaint, "Falsches Wechselgeld");
    draft.reply_wanted = true;
    draft.settled = Some("Sofort korrigiert".into());
    let now = at("2026-11-20T10:00:00+01:00");
    let settled = new_item(draft.clone(), &causes(), now).expect("settled");
    assert_eq!(settled.state, FeedbackState::Closed);
    assert_eq!(
        (settled.answered_at, settled.closed_at),
        (Some(now), Some(now))
    );
    assert_eq!(settled.history.len(), 1);
    assert_eq!(
        settled.history[0].note.as_deref(),
        Some("Sofort korrigiert")
    );
    draft.settled = Some(" ".into());
    assert_eq!(
        new_item(draft, &causes(), now),
        Err(FeedbackError::OutcomeMissing)
    );

    // What a draft may not be.
    let refused = |f: &dyn Fn(&mut FeedbackDraft)| {
        let mut d = FeedbackDraft::new(FeedbackKind::Suggestion, "Mehr Sitzplätze");
        f(&mut d);
        new_item(d, &causes(), now).expect_err("refused")
    };
    assert_eq!(
        refused(&|d| d.summary = " ".into()),
        FeedbackError::SummaryMissing
    );
    assert_eq!(
        refused(&|d| d.summary = "ä".repeat(501)),
        FeedbackError::SummaryTooLong(501)
    );
    assert_eq!(
        refused(&|d| d.answer_note = Some("0".repeat(201))),
        FeedbackError::AnswerNoteTooLong(201)
    );
    assert!(matches!(
        refused(&|d| d.received_at = Some(now + TimeDelta::hours(1))),
        FeedbackError::InFuture(_)
    ));
    assert!(matches!(
        refused(&|d| d.cause = Some("Wetter".into())),
        FeedbackError::UnknownCause { .. }
    ));
    // A default cause answers to its code and to its words in either language.
    let ok = |cause: &str| {
        let mut d = FeedbackDraft::new(FeedbackKind::Complaint, "x");
        d.cause = Some(cause.into());
        new_item(d, &causes(), now).expect("cause").cause
    };
    assert_eq!(ok("waiting-time").as_deref(), Some("waiting-time"));
    assert_eq!(ok("Wartezeit").as_deref(), Some("waiting-time"));
    assert_eq!(ok("PRICE AND BILLING").as_deref(), Some("price"));
}

/// Items with first answers and closes at known working-day distances (Monday to Friday).
fn timed(received: &str, answered: Option<&str>, closed: Option<&str>) -> FeedbackItem {
    let mut i = item(received, true);
    if let Some(a) = answered {
        change_state(&mut i, FeedbackState::Informed, None, at(a)).expect("informed");
    }
    if let Some(c) = closed {
        change_state(&mut i, FeedbackState::Closed, Some("erledigt"), at(c)).expect("closed");
    }
    i
}

#[test]
fn medians_and_ages_match_a_hand_computed_set() {
    let settings = FeedbackSettings {
        working_days: MON_FRI,
        ..FeedbackSettings::default()
    };
    let items = vec![
        // Mon 2 Nov: answered the same day (0), closed Wed 4 (2).
        timed(
            "2026-11-02T09:00:00+01:00",
            Some("2026-11-02T15:00:00+01:00"),
            Some("2026-11-04T10:00:00+01:00"),
        ),
        // Fri 6 Nov: answered Mon 9 (1), closed Fri 13 (5).
        timed(
            "2026-11-06T17:00:00+01:00",
            Some("2026-11-09T08:00:00+01:00"),
            Some("2026-11-13T12:00:00+01:00"),
        ),
        // Tue 10 Nov: answered Mon 16 (4, late: due Thu 12), closed Wed 25 (11, late: due Tue 24).
        timed(
            "2026-11-10T10:00:00+01:00",
            Some("2026-11-16T10:00:00+01:00"),
            Some("2026-11-25T10:00:00+01:00"),
        ),
        // Wed 11 Nov: answered Thu 12 (1), still open.
        timed(
            "2026-11-11T10:00:00+01:00",
            Some("2026-11-12T10:00:00+01:00"),
            None,
        ),
        // Mon 23 Nov: nothing yet.
        timed("2026-11-23T10:00:00+01:00", None, None),
        // Wed 28 Oct: outside the period, answered and closed in it on Mon 2 Nov (3).
        timed(
            "2026-10-28T10:00:00+01:00",
            Some("2026-11-02T10:00:00+01:00"),
            Some("2026-11-02T11:00:00+01:00"),
        ),
    ];
    let query = StatsQuery {
        from: day("2026-11-01"),
        to: day("2026-11-30"),
        cause: None,
    };
    let s = stats::compute(&items, &settings, causes(), &query, day("2026-11-27"));
    assert_eq!(s.received, 5);
    assert_eq!(s.complaints, 5);
    // First answers in November: 0, 1, 4, 1, 3 working days → median 1.
    assert_eq!(s.answered, 5);
    assert_eq!(s.median_answer_days, Some(1.0));
    // Late: 10 Nov (due Thu 12) and 28 Oct (due Fri 30 Oct).
    assert_eq!(s.answered_in_time, 3);
    // Closes in November: 2, 5, 11, 3 → median (3 + 5) / 2 = 4.
    assert_eq!(s.closed, 4);
    assert_eq!(s.median_close_days, Some(4.0));
    assert_eq!(s.closed_in_time, 3);
    // Open on Fri 27 Nov (today, before the period's end): Wed 11 (12 working days) and
    // Mon 23 (4 working days).
    assert_eq!(s.as_of, day("2026-11-27"));
    assert_eq!(s.open, 2);
    let ages: Vec<(AgeBucket, u64)> = s.open_by_age.iter().map(|a| (a.bucket, a.count)).collect();
    assert_eq!(
        ages,
        vec![
            (AgeBucket::UpTo2, 0),
            (AgeBucket::From3To5, 1),
            (AgeBucket::From6To10, 0),
            (AgeBucket::Over10, 1)
        ]
    );
    // Wed 11 is past its close (Wed 25); Mon 23 is past its answer (Wed 25).
    assert_eq!(s.overdue, 2);

    // As the period stood on its last day, for a period in the past: on Fri 13 Nov the
    // 10 Nov item was open and overdue (answer due Thu 12), the 11 Nov item open.
    let past = StatsQuery {
        from: day("2026-11-09"),
        to: day("2026-11-13"),
        cause: None,
    };
    let p = stats::compute(&items, &settings, causes(), &past, day("2026-11-27"));
    assert_eq!((p.open, p.overdue), (2, 1));

    // Every figure lists exactly the items it counts.
    for (key, count) in [
        (FeedbackKey::Received, s.received),
        (FeedbackKey::Kind(FeedbackKind::Complaint), s.complaints),
        (FeedbackKey::Answered, s.answered),
        (FeedbackKey::Closed, s.closed),
        (FeedbackKey::Open, s.open),
        (FeedbackKey::Overdue, s.overdue),
        (FeedbackKey::Age(AgeBucket::Over10), 1),
        (FeedbackKey::Cause(None), s.received),
    ] {
        let rows = stats::drill_items(&items, &settings, &query, &key, day("2026-11-27"));
        assert_eq!(rows.len() as u64, count, "{key}");
    }
    for week in &s.weeks {
        let key = FeedbackKey::Week {
            from: week.from,
            cause: None,
        };
        let rows = stats::drill_items(&items, &settings, &query, &key, day("2026-11-27"));
        assert_eq!(rows.len() as u64, week.complaints, "{key}");
    }
    assert!(s.weeks.len() >= 8, "at least eight weeks of trend");
    assert_eq!(s.weeks.last().map(|w| w.from), Some(day("2026-11-30")));
    let november: u64 = s
        .weeks
        .iter()
        .filter(|w| w.from >= day("2026-10-26"))
        .map(|w| w.complaints)
        .sum();
    assert_eq!(november, 6);
}

// ----- the store, on every engine -----

fn now() -> DateTime<FixedOffset> {
    at("2026-11-20T10:00:00+01:00")
}

fn draft(kind: FeedbackKind, summary: &str) -> FeedbackDraft {
    let mut d = FeedbackDraft::new(kind, summary);
    d.received_at = Some(now());
    d
}

#[test]
fn items_are_numbered_kept_with_their_history_and_changed_on_every_engine() {
    each(|store| {
        store.insert_member("Jörg").expect("member");
        let mut contact = Contact::new(Rating::Ordinary, now());
        contact.member = Some("Jörg".into());
        store.insert_contact(&contact).expect("contact");

        let mut first = draft(FeedbackKind::Complaint, "Lange Wartezeit an der Kasse");
        first.cause = Some("Wartezeit".into());
        first.urgent = true;
        first.reply_wanted = true;
        first.contact = Some(contact.id);
        first.recorded_by = Some("jörg".into());
        first.answer_note = Some("Rückruf, Nummer auf dem Zettel".into());
        let a = store.add_feedback(first, now()).expect("add");
        let b = store
            .add_feedback(draft(FeedbackKind::Suggestion, "Wasser für Hunde"), now())
            .expect("add");
        assert_eq!((a.number, b.number), (1, 2));
        let stored = store
            .get_feedback(FeedbackRef::Number(1))
            .expect("get")
            .expect("there");
        assert_eq!(stored, a.clone_with_recorder("Jörg"));
        assert_eq!(
            store.get_feedback(FeedbackRef::Id(b.id)).expect("get"),
            Some(b.clone())
        );
        assert_eq!(
            store.get_feedback(FeedbackRef::Number(9)).expect("get"),
            None
        );

        // Refusals leave the item as it was.
        let refused = store.advance_feedback(
            FeedbackRef::Number(1),
            FeedbackState::Closed,
            Some("ok"),
            now(),
        );
        assert!(matches!(
            refused,
            Err(StoreError::Feedback(FeedbackError::AnswerFirst))
        ));
        assert!(matches!(
            store.advance_feedback(
                FeedbackRef::Number(7),
                FeedbackState::Closed,
                Some("ok"),
                now()
            ),
            Err(StoreError::Feedback(FeedbackError::UnknownItem(_)))
        ));
        let later = now() + TimeDelta::hours(2);
        store
            .advance_feedback(
                FeedbackRef::Number(1),
                FeedbackState::Informed,
                Some("angerufen"),
                later,
            )
            .expect("informed");
        let edit = FeedbackEdit {
            cause: Some(Some("price".into())),
            share_summary: Some(true),
            urgent: Some(true),
            ..FeedbackEdit::default()
        };
        let edited = store
            .edit_feedback(FeedbackRef::Number(1), &edit, later)
            .expect("edit");
        assert_eq!(
            edited.history.last().map(|e| e.edited.clone()),
            Some(vec![FeedbackField::Cause, FeedbackField::ShareSummary])
        );
        let closed = store
            .advance_feedback(
                FeedbackRef::Id(a.id),
                FeedbackState::Closed,
                Some("Gutschrift"),
                later,
            )
            .expect("closed");
        assert_eq!(closed.history.len(), 4);

        // Causes: add, rename, retire; an item keeps a retired cause.
        let parking = store.add_cause("Parkplätze").expect("cause");
        assert_eq!(parking.code, "parkplaetze");
        assert!(matches!(
            store.add_cause("parkplätze"),
            Err(StoreError::Feedback(FeedbackError::CauseExists(_)))
        ));
        store.rename_cause("price", "Preise").expect("rename");
        store.set_cause_retired("Preise", true).expect("retire");
        let mut retired = draft(FeedbackKind::Complaint, "Zu teuer");
        retired.cause = Some("price".into());
        assert!(matches!(
            store.add_feedback(retired, now()),
            Err(StoreError::Feedback(FeedbackError::CauseRetired(_)))
        ));
        let kept = store
            .get_feedback(FeedbackRef::Number(1))
            .expect("get")
            .expect("there");
        assert_eq!(kept.cause.as_deref(), Some("price"));
        assert_eq!(
            store.list_causes(false).expect("causes").len(),
            9,
            "nine without the retired"
        );

        // The team's deadlines.
        let settings = FeedbackSettings {
            answer_days: 3,
            close_days: 15,
            urgent_days: 1,
            working_days: MON_FRI,
        };
        store.update_feedback_settings(&settings).expect("settings");
        assert_eq!(store.feedback_settings().expect("settings"), settings);

        // An unknown contact or member is refused.
        let mut ghost = draft(FeedbackKind::Complaint, "x");
        ghost.contact = Some(uuid::Uuid::from_u128(7));
        assert!(matches!(
            store.add_feedback(ghost, now()),
            Err(StoreError::UnknownContact(_))
        ));

        // A subject-access request shows what they took.
        let data = store.member_data("jörg").expect("member data");
        assert_eq!(
            data.feedback.iter().map(|i| i.number).collect::<Vec<_>>(),
            vec![1]
        );
        // Erasing the member keeps the feedback, taken by nobody; deleting the contact
        // keeps it too, without the link.
        store.erase_member("Jörg").expect("erase");
        let after = store
            .get_feedback(FeedbackRef::Number(1))
            .expect("get")
            .expect("there");
        assert_eq!((after.recorded_by, after.contact), (None, None));

        // What both engines must agree on (ids are new on each).
        let items: Vec<_> = store
            .list_feedback()
            .expect("list")
            .into_iter()
            .map(|i| {
                (
                    i.number,
                    i.state,
                    i.cause,
                    i.history.len(),
                    i.outcome,
                    i.share_summary,
                )
            })
            .collect();
        (items, store.list_causes(true).expect("causes"))
    });
}

trait WithRecorder {
    fn clone_with_recorder(&self, name: &str) -> Self;
}

impl WithRecorder for FeedbackItem {
    /// The item as the store names its recorder (the member's own spelling).
    fn clone_with_recorder(&self, name: &str) -> Self {
        let mut i = self.clone();
        i.number = 1;
        i.recorded_by = Some(name.to_string());
        i
    }
}

#[test]
fn the_answer_note_is_cleared_90_days_after_the_close_on_every_engine() {
    each(|store: &mut Store| {
        let mut with_note = draft(FeedbackKind::Complaint, "Rückruf erbeten");
        with_note.answer_note = Some("Tel. 0171 1234567".into());
        let closed = store.add_feedback(with_note.clone(), now()).expect("add");
        let open = store.add_feedback(with_note.clone(), now()).expect("add");
        let reopened = store.add_feedback(with_note, now()).expect("add");
        let close_at = now() + TimeDelta::hours(1);
        for item in [&closed, &reopened] {
            store
                .advance_feedback(
                    FeedbackRef::Id(item.id),
                    FeedbackState::Closed,
                    Some("erledigt"),
                    close_at,
                )
                .expect("closed");
        }
        store
            .advance_feedback(
                FeedbackRef::Id(reopened.id),
                FeedbackState::InProgress,
                Some("Kundin ruft wieder an"),
                close_at + TimeDelta::days(1),
            )
            .expect("reopened");
        let note = |store: &Store, id| {
            store
                .get_feedback(FeedbackRef::Id(id))
                .expect("get")
                .and_then(|i| i.answer_note)
        };
        let day_89 = close_at + TimeDelta::days(89) + TimeDelta::hours(23);
        assert_eq!(store.clear_expired_answer_notes(day_89).expect("clear"), 0);
        assert!(note(store, closed.id).is_some());
        let day_90 = close_at + TimeDelta::days(90);
        assert_eq!(store.clear_expired_answer_notes(day_90).expect("clear"), 1);
        assert_eq!(note(store, closed.id), None);
        assert!(note(store, open.id).is_some(), "open items keep theirs");
        assert!(
            note(store, reopened.id).is_some(),
            "a reopened item is not closed"
        );
        // Nothing of the note is left in the history.
        let history = store
            .get_feedback(FeedbackRef::Id(closed.id))
            .expect("get")
            .expect("there")
            .history;
        assert!(!format!("{history:?}").contains("0171"));
        assert_eq!(
            store
                .clear_expired_answer_notes(day_90 + TimeDelta::days(1))
                .expect("again"),
            0
        );
    });
}

// ----- the chart and the report -----

/// A file with complaints over three weeks, one of them marked for the team, and a member.
fn reported_store() -> (crate::common::TempDb, Store) {
    let db = crate::common::temp_db();
    let mut store = db.open();
    store.insert_member("Zora Zimmermann").expect("member");
    let week = |d: &str, cause: Option<&str>, summary: &str, share: bool| {
        let mut draft = FeedbackDraft::new(FeedbackKind::Complaint, summary);
        draft.received_at = Some(at(d));
        draft.cause = cause.map(str::to_string);
        draft.share_summary = share;
        draft.recorded_by = Some("Zora Zimmermann".into());
        draft
    };
    for (d, cause, summary, share) in [
        (
            "2026-11-02T10:00:00+01:00",
            Some("waiting-time"),
            "Frau Müller wartete lange",
            false,
        ),
        (
            "2026-11-03T10:00:00+01:00",
            Some("waiting-time"),
            "Schlange an Kasse 2",
            false,
        ),
        (
            "2026-11-10T10:00:00+01:00",
            Some("price"),
            "Rechnung doppelt",
            false,
        ),
        (
            "2026-11-17T10:00:00+01:00",
            None,
            "<b>Türen</b> klemmen & quietschen",
            true,
        ),
        (
            "2026-11-18T10:00:00+01:00",
            Some("waiting-time"),
            "Telefon besetzt",
            false,
        ),
    ] {
        store
            .add_feedback(
                week(d, cause, summary, share),
                at("2026-11-20T10:00:00+01:00"),
            )
            .expect("add");
    }
    (db, store)
}

#[test]
fn every_chart_segment_lists_exactly_its_complaints() {
    let (_db, store) = reported_store();
    let query = StatsQuery {
        from: day("2026-11-02"),
        to: day("2026-11-22"),
        cause: None,
    };
    let today = day("2026-11-20");
    let s = stats::stats(&store, &query, today).expect("stats");
    let chart = murmelglas::chart::FeedbackChart { stats: &s };
    let drawn = chart
        .svg(murmelglas::Lang::De, chart.default_size())
        .expect("svg");
    assert!(drawn.svg.contains("Beschwerden je Woche nach Ursache"));
    assert!(drawn.svg.contains("Wartezeit") && drawn.svg.contains("ohne Ursache"));
    assert_eq!(drawn.regions.len(), 4, "{:#?}", drawn.regions);
    let mut total = 0;
    for region in &drawn.regions {
        let key: FeedbackKey = region.key.to_string().parse().expect("key");
        let rows = stats::drill(&store, &query, &key, today).expect("drill");
        let count: usize = region
            .label
            .rsplit(": ")
            .next()
            .and_then(|n| n.parse().ok())
            .expect("count in label");
        assert_eq!(rows.len(), count, "{}", region.label);
        assert!(region.width > 0.0 && region.height > 0.0);
        total += count;
    }
    assert_eq!(total, 5);
    assert!(chart
        .png(murmelglas::Lang::En, chart.default_size())
        .expect("png")
        .starts_with(b"\x89PNG"));

    // Following one cause: its complaints alone.
    let one = StatsQuery {
        cause: Some("waiting-time".into()),
        ..query
    };
    let s = stats::stats(&store, &one, today).expect("stats");
    let drawn = murmelglas::chart::FeedbackChart { stats: &s }
        .svg(murmelglas::Lang::En, murmelglas::chart::Size::default())
        .expect("svg");
    assert!(drawn.svg.contains("Complaints per week: Waiting time"));
    assert_eq!(drawn.regions.len(), 2);
}

#[test]
fn the_report_counts_feedback_and_shows_only_marked_summaries_without_names() {
    let (_db, store) = reported_store();
    let html = murmelglas::report::render_html(
        &store,
        day("2026-11-16"),
        day("2026-11-22"),
        murmelglas::Lang::De,
    )
    .expect("report");
    assert!(html.contains("<h2>Anregungen und Beschwerden</h2>"));
    assert!(
        html.contains("<dt>Eingegangen</dt><dd>2</dd>"),
        "two came in that week"
    );
    assert!(html.contains(
        "Fristen des Teams: erste Antwort in 2, dringend in 1, Abschluss in 10 Arbeitstagen."
    ));
    assert!(html.contains("complaints-by-cause"), "the chart");
    // Only the marked summary, as text.
    assert!(html.contains("&lt;b&gt;Türen&lt;/b&gt; klemmen &amp; quietschen"));
    assert!(!html.contains("<b>Türen"));
    for unmarked in [
        "Telefon besetzt",
        "Frau Müller",
        "Schlange",
        "Rechnung doppelt",
    ] {
        assert!(!html.contains(unmarked), "an unmarked summary: {unmarked}");
    }
    assert!(!html.contains("Zimmermann"), "the report names nobody");

    // A period without feedback has no such section.
    let quiet = murmelglas::report::render_html(
        &store,
        day("2026-10-05"),
        day("2026-10-11"),
        murmelglas::Lang::En,
    )
    .expect("report");
    assert!(!quiet.contains("<section class=\"feedback\">"));
}

#[test]
fn the_meeting_step_shows_open_and_overdue_items_and_the_causes_since_the_last_meeting() {
    let (_db, mut store) = reported_store();
    store
        .advance_feedback(
            FeedbackRef::Number(1),
            FeedbackState::Closed,
            Some("Zweite Kasse auf"),
            at("2026-11-04T10:00:00+01:00"),
        )
        .expect("closed");
    let step =
        murmelglas::feedback::list::meeting_step(&store, day("2026-11-09"), day("2026-11-20"))
            .expect("step");
    // Open: #2 (its close was due on Sat 14 Nov), #3, #4, #5.
    assert_eq!(
        step.open.iter().map(|r| r.number).collect::<Vec<_>>(),
        vec![2, 3, 4, 5]
    );
    assert_eq!(step.overdue, 1);
    assert!(step.open[0].overdue && step.open[0].close_overdue);
    // Since 9 Nov: #3 (price), #4 (no cause), #5 (waiting time); causes only, most first.
    assert_eq!(step.received_since, 3);
    let causes: Vec<_> = step
        .top_causes
        .iter()
        .map(|c| (c.cause.clone(), c.total))
        .collect();
    assert_eq!(
        causes,
        vec![(Some("price".into()), 1), (Some("waiting-time".into()), 1)]
    );
    assert!(!serde_json::to_string(&step)
        .expect("JSON")
        .contains("Zimmermann"));
}

#[test]
fn numbers_stay_unique_when_computers_add_at_once_on_the_server() {
    let Some(db) = crate::pg::database() else {
        return;
    };
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let url = db.url.clone();
            std::thread::spawn(move || {
                let mut store = Store::open_server(&url).expect("open");
                for i in 0..10 {
                    store
                        .add_feedback(draft(FeedbackKind::Complaint, &format!("{t}/{i}")), now())
                        .expect("add");
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("thread");
    }
    let store = Store::open_server(&db.url).expect("open");
    let mut numbers: Vec<u32> = store
        .list_feedback()
        .expect("list")
        .iter()
        .map(|i| i.number)
        .collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=40).collect::<Vec<_>>());
}
