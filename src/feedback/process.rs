//! The process's rules (steps 2–4): taking feedback, the states it goes through
//! (received → in progress → customer informed → closed), what may follow what, edits,
//! and when the "how we answer" note goes.
//!
//! Forward steps may skip ahead; closing needs an outcome, and when the customer wants
//! an answer they must have been informed first (settled on the spot closes in one step
//! when the item is taken). Going back needs a reason and undoes what the states left
//! behind had recorded. Every step and edit becomes a dated line of the item's history.

use chrono::{DateTime, FixedOffset, TimeDelta};
use uuid::Uuid;

use super::{
    check_text, find_cause, Cause, FeedbackDraft, FeedbackEdit, FeedbackError, FeedbackEvent,
    FeedbackField, FeedbackItem, FeedbackState, ANSWER_NOTE_MAX_CHARS, STEP_NOTE_MAX_CHARS,
    SUMMARY_MAX_CHARS,
};
use crate::domain::check_member_name;

/// Days after an item's close that its "how we answer" note is kept.
pub const ANSWER_NOTE_KEPT_DAYS: i64 = 90;

/// Whether the item's "how we answer" note is due to go at `now`: 90 days after it closed.
pub fn answer_note_expired(item: &FeedbackItem, now: DateTime<FixedOffset>) -> bool {
    item.closed_at
        .is_some_and(|closed| now >= closed + TimeDelta::days(ANSWER_NOTE_KEPT_DAYS))
}

/// Items closed at or before this instant lose their "how we answer" note at `now`.
pub fn answer_note_cutoff(now: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    now - TimeDelta::days(ANSWER_NOTE_KEPT_DAYS)
}

fn check_summary(summary: &str) -> Result<String, FeedbackError> {
    check_text(
        Some(summary),
        SUMMARY_MAX_CHARS,
        "summary",
        FeedbackError::SummaryTooLong,
    )?
    .ok_or(FeedbackError::SummaryMissing)
}

fn check_answer_note(note: Option<&str>) -> Result<Option<String>, FeedbackError> {
    check_text(
        note,
        ANSWER_NOTE_MAX_CHARS,
        "note on how we answer",
        FeedbackError::AnswerNoteTooLong,
    )
}

fn check_step_note(note: Option<&str>) -> Result<Option<String>, FeedbackError> {
    check_text(
        note,
        STEP_NOTE_MAX_CHARS,
        "note",
        FeedbackError::StepNoteTooLong,
    )
}

/// The code of the cause `given` names, which a new value must not be retired.
fn cause_for_new_value(causes: &[Cause], given: &str) -> Result<String, FeedbackError> {
    let cause = find_cause(causes, given)?;
    if cause.retired {
        return Err(FeedbackError::CauseRetired(cause.code.clone()));
    }
    Ok(cause.code.clone())
}

/// Checks a draft and makes it an item taken at `now` (number 0: the store gives it one).
/// A settled draft is closed at once: answered and closed when it came in.
pub fn new_item(
    draft: FeedbackDraft,
    causes: &[Cause],
    now: DateTime<FixedOffset>,
) -> Result<FeedbackItem, FeedbackError> {
    let received_at = draft.received_at.unwrap_or(now);
    if received_at > now {
        return Err(FeedbackError::InFuture(
            received_at.format("%d.%m.%Y %H:%M").to_string(),
        ));
    }
    let cause = draft
        .cause
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|c| cause_for_new_value(causes, c))
        .transpose()?;
    let recorded_by = match draft.recorded_by.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(name) => Some(check_member_name(name)?),
    };
    let settled = match &draft.settled {
        None => None,
        Some(outcome) => {
            Some(check_step_note(Some(outcome))?.ok_or(FeedbackError::OutcomeMissing)?)
        }
    };
    let state = if settled.is_some() {
        FeedbackState::Closed
    } else {
        FeedbackState::Received
    };
    let done_at = settled.is_some().then_some(received_at);
    Ok(FeedbackItem {
        id: Uuid::now_v7(),
        number: 0,
        kind: draft.kind,
        summary: check_summary(&draft.summary)?,
        cause,
        urgent: draft.urgent,
        reply_wanted: draft.reply_wanted,
        contact: draft.contact,
        recorded_by,
        answer_note: check_answer_note(draft.answer_note.as_deref())?,
        share_summary: draft.share_summary,
        state,
        outcome: settled.clone(),
        received_at,
        answered_at: done_at,
        closed_at: done_at,
        history: vec![FeedbackEvent {
            at: received_at,
            from: None,
            to: state,
            edited: Vec::new(),
            note: settled,
        }],
    })
}

/// Moves `item` to `to` at `now`, or says why not. `note` is the outcome when closing,
/// the reason when going back, else a remark.
pub fn change_state(
    item: &mut FeedbackItem,
    to: FeedbackState,
    note: Option<&str>,
    now: DateTime<FixedOffset>,
) -> Result<(), FeedbackError> {
    let note = check_step_note(note)?;
    let from = item.state;
    if to == from {
        return Err(FeedbackError::AlreadyIn(from));
    }
    if now < item.received_at {
        return Err(FeedbackError::BeforeReceived(
            now.format("%d.%m.%Y %H:%M").to_string(),
        ));
    }
    if to < from {
        if note.is_none() {
            return Err(FeedbackError::ReasonMissing { from, to });
        }
        // What the states left behind recorded no longer holds: a reopened item is not
        // closed, and one taken back before "informed" still owes its answer.
        if from == FeedbackState::Closed {
            item.closed_at = None;
            item.outcome = None;
        }
        if to < FeedbackState::Informed {
            item.answered_at = None;
        }
    } else {
        match to {
            FeedbackState::Received => {}
            FeedbackState::InProgress => {}
            FeedbackState::Informed => item.answered_at = Some(now),
            FeedbackState::Closed => {
                let outcome = note.clone().ok_or(FeedbackError::OutcomeMissing)?;
                if from < FeedbackState::Informed && item.reply_wanted {
                    return Err(FeedbackError::AnswerFirst);
                }
                item.outcome = Some(outcome);
                item.closed_at = Some(now);
            }
        }
    }
    item.state = to;
    item.history.push(FeedbackEvent {
        at: now,
        from: Some(from),
        to,
        edited: Vec::new(),
        note,
    });
    Ok(())
}

/// Applies `edit` to `item` at `now` and returns the fields that changed (a history line
/// names them; the note on how we answer is never copied into the history).
pub fn apply_edit(
    item: &mut FeedbackItem,
    edit: &FeedbackEdit,
    causes: &[Cause],
    now: DateTime<FixedOffset>,
) -> Result<Vec<FeedbackField>, FeedbackError> {
    let mut changed = Vec::new();
    let mut set = |field: FeedbackField, differs: bool| {
        if differs {
            changed.push(field);
        }
    };
    if let Some(kind) = edit.kind {
        set(FeedbackField::Kind, kind != item.kind);
        item.kind = kind;
    }
    if let Some(summary) = &edit.summary {
        let summary = check_summary(summary)?;
        set(FeedbackField::Summary, summary != item.summary);
        item.summary = summary;
    }
    if let Some(cause) = &edit.cause {
        let code = match cause.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            None => None,
            // An item may keep its retired cause; it cannot take one anew.
            Some(given) => match find_cause(causes, given)? {
                c if Some(&c.code) == item.cause.as_ref() => Some(c.code.clone()),
                _ => Some(cause_for_new_value(causes, given)?),
            },
        };
        set(FeedbackField::Cause, code != item.cause);
        item.cause = code;
    }
    if let Some(urgent) = edit.urgent {
        set(FeedbackField::Urgent, urgent != item.urgent);
        item.urgent = urgent;
    }
    if let Some(reply_wanted) = edit.reply_wanted {
        set(
            FeedbackField::ReplyWanted,
            reply_wanted != item.reply_wanted,
        );
        item.reply_wanted = reply_wanted;
    }
    if let Some(contact) = edit.contact {
        set(FeedbackField::Contact, contact != item.contact);
        item.contact = contact;
    }
    if let Some(note) = &edit.answer_note {
        let note = check_answer_note(note.as_deref())?;
        set(FeedbackField::AnswerNote, note != item.answer_note);
        item.answer_note = note;
    }
    if let Some(share) = edit.share_summary {
        set(FeedbackField::ShareSummary, share != item.share_summary);
        item.share_summary = share;
    }
    if !changed.is_empty() {
        item.history.push(FeedbackEvent {
            at: now,
            from: Some(item.state),
            to: item.state,
            edited: changed.clone(),
            note: None,
        });
    }
    Ok(changed)
}
