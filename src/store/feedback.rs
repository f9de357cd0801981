//! Customer feedback in the store: the items with their history, the team's causes and
//! deadlines, on whichever engine keeps the contacts. The rules are `crate::feedback`'s;
//! this file checks what needs the stored data (causes, contacts) and dispatches to the
//! engines, whose SQL lives in `sqlite/feedback.rs` and `postgres/feedback.rs`.

use chrono::{DateTime, FixedOffset, TimeZone};
use serde::Serialize;
use uuid::Uuid;

use super::{Engine, Result, Store, StoreError};
use crate::domain::Code;
use crate::feedback::{
    self, answer_note_cutoff, apply_edit, cause_code, change_state, check_cause_name, find_cause,
    Cause, FeedbackDraft, FeedbackEdit, FeedbackError, FeedbackEvent, FeedbackField, FeedbackItem,
    FeedbackKind, FeedbackRef, FeedbackSettings, FeedbackState,
};

/// What [`Store::import_feedback`] stored.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct FeedbackImported {
    /// Items written.
    pub added: u64,
    /// Items whose id was already there: left as they were.
    pub already_present: u64,
    /// Items that got a new number because theirs was taken (items without one get the
    /// next free number and are not counted here).
    pub renumbered: u64,
    /// Causes created because items named them.
    pub causes_added: u64,
    /// Members created because items named them as the one who took them.
    pub members_added: u64,
}

/// Calls the same method on whichever engine this store is (see `engine!` in mod.rs).
macro_rules! on_engine {
    ($self:ident, $e:ident => $call:expr) => {
        match &$self.engine {
            Engine::Sqlite($e) => $call,
            Engine::Postgres($e) => $call,
        }
    };
    (mut $self:ident, $e:ident => $call:expr) => {
        match &mut $self.engine {
            Engine::Sqlite($e) => $call,
            Engine::Postgres($e) => $call,
        }
    };
}

impl Store {
    // ----- the team's deadlines and causes -----

    pub fn feedback_settings(&self) -> Result<FeedbackSettings> {
        on_engine!(self, e => e.feedback_settings())
    }

    pub fn update_feedback_settings(&mut self, settings: &FeedbackSettings) -> Result<()> {
        settings.check()?;
        on_engine!(mut self, e => e.update_feedback_settings(settings))
    }

    /// The team's causes in the order they were added; retired ones only when asked.
    pub fn list_causes(&self, include_retired: bool) -> Result<Vec<Cause>> {
        let causes = on_engine!(self, e => e.list_causes())?;
        Ok(causes
            .into_iter()
            .filter(|c| include_retired || !c.retired)
            .collect())
    }

    /// Adds a cause to the team's list; its code follows from the name.
    pub fn add_cause(&mut self, name: &str) -> Result<Cause> {
        let name = check_cause_name(name)?;
        let causes = self.list_causes(true)?;
        if causes.iter().any(|c| c.answers_to(&name)) {
            return Err(FeedbackError::CauseExists(name).into());
        }
        let cause = Cause {
            code: cause_code(&name, &causes),
            name: Some(name),
            retired: false,
        };
        on_engine!(mut self, e => e.insert_cause(&cause))?;
        Ok(cause)
    }

    /// Gives a cause a new name; its code, and the items that have it, stay.
    pub fn rename_cause(&mut self, cause: &str, name: &str) -> Result<Cause> {
        let name = check_cause_name(name)?;
        let causes = self.list_causes(true)?;
        let mut found = find_cause(&causes, cause)?.clone();
        if causes
            .iter()
            .any(|c| c.code != found.code && c.answers_to(&name))
        {
            return Err(FeedbackError::CauseExists(name).into());
        }
        found.name = Some(name);
        on_engine!(mut self, e => e.update_cause(&found))?;
        Ok(found)
    }

    /// Retires a cause (items keep it, new ones cannot take it) or brings it back.
    pub fn set_cause_retired(&mut self, cause: &str, retired: bool) -> Result<Cause> {
        let causes = self.list_causes(true)?;
        let mut found = find_cause(&causes, cause)?.clone();
        found.retired = retired;
        on_engine!(mut self, e => e.update_cause(&found))?;
        Ok(found)
    }

    // ----- items -----

    /// Checks a draft and stores it as a new item taken at `now`, with the next number.
    /// A linked contact must exist; the one who took it must be a member (and is left
    /// out when the team keeps no names).
    pub fn add_feedback(
        &mut self,
        draft: FeedbackDraft,
        now: DateTime<FixedOffset>,
    ) -> Result<FeedbackItem> {
        let causes = self.list_causes(true)?;
        let mut item = feedback::new_item(draft, &causes, now)?;
        if item.recorded_by.is_some() && self.get_settings()?.anonymous_only {
            item.recorded_by = None;
        }
        item.number = on_engine!(mut self, e => e.insert_feedback(&item))?;
        Ok(item)
    }

    /// The item `which` names, with its history.
    pub fn get_feedback(&self, which: FeedbackRef) -> Result<Option<FeedbackItem>> {
        on_engine!(self, e => e.get_feedback(which))
    }

    /// Every item with its history, by number.
    pub fn list_feedback(&self) -> Result<Vec<FeedbackItem>> {
        on_engine!(self, e => e.list_feedback())
    }

    /// Moves the item to `to` at `now` (see [`feedback::change_state`]); one
    /// transaction, so two people moving it at once cannot lose a step.
    pub fn advance_feedback(
        &mut self,
        which: FeedbackRef,
        to: FeedbackState,
        note: Option<&str>,
        now: DateTime<FixedOffset>,
    ) -> Result<FeedbackItem> {
        let mut change = |item: &mut FeedbackItem| -> Result<()> {
            change_state(item, to, note, now)?;
            Ok(())
        };
        on_engine!(mut self, e => e.modify_feedback(which, &mut change))
    }

    /// Changes an item's fields at `now`; the history names what changed.
    pub fn edit_feedback(
        &mut self,
        which: FeedbackRef,
        edit: &FeedbackEdit,
        now: DateTime<FixedOffset>,
    ) -> Result<FeedbackItem> {
        let causes = self.list_causes(true)?;
        let mut change = |item: &mut FeedbackItem| -> Result<()> {
            apply_edit(item, edit, &causes, now)?;
            Ok(())
        };
        on_engine!(mut self, e => e.modify_feedback(which, &mut change))
    }

    /// Clears the "how we answer" note of every item closed 90 days or more before
    /// `now`; returns how many. Run with the day's changes, like the story retention.
    pub fn clear_expired_answer_notes(&mut self, now: DateTime<FixedOffset>) -> Result<u64> {
        let cutoff = answer_note_cutoff(now).timestamp();
        on_engine!(mut self, e => e.clear_answer_notes(cutoff))
    }

    /// Stores items read from a file in one transaction: all or nothing. `new_causes`
    /// are created first (items name them by code); an id already present is left as
    /// it is, and a number already taken is replaced by the next free one.
    pub fn import_feedback(
        &mut self,
        items: &[FeedbackItem],
        new_causes: &[Cause],
    ) -> Result<FeedbackImported> {
        on_engine!(mut self, e => e.import_feedback(items, new_causes))
    }
}

/// An item's columns as both engines read them, before they become a [`FeedbackItem`].
pub(super) struct ItemRow {
    pub id: Uuid,
    pub number: i64,
    pub kind: i64,
    pub summary: String,
    pub cause: Option<String>,
    pub urgent: bool,
    pub reply_wanted: bool,
    pub contact: Option<Uuid>,
    pub recorded_by: Option<String>,
    pub answer_note: Option<String>,
    pub share_summary: bool,
    pub state: i64,
    pub outcome: Option<String>,
    pub received: (i64, i64),
    pub answered: Option<(i64, i64)>,
    pub closed: Option<(i64, i64)>,
}

/// A history line's columns as both engines read them.
pub(super) struct EventRow {
    pub feedback: Uuid,
    pub at: (i64, i64),
    pub from: Option<i64>,
    pub to: i64,
    pub edited: Option<String>,
    pub note: Option<String>,
}

/// A time as stored: UTC seconds and the UTC offset in minutes.
pub(super) fn time_parts(t: &DateTime<FixedOffset>) -> (i64, i32) {
    (t.timestamp(), t.offset().local_minus_utc() / 60)
}

fn time_from_parts((secs, offset): (i64, i64)) -> Result<DateTime<FixedOffset>> {
    let corrupt = || StoreError::Corrupt(format!("a feedback time {secs}/{offset}"));
    let zone = i32::try_from(offset * 60)
        .ok()
        .and_then(FixedOffset::east_opt)
        .ok_or_else(corrupt)?;
    zone.timestamp_opt(secs, 0).single().ok_or_else(corrupt)
}

fn code<T: Code>(id: i64) -> Result<T> {
    T::from_db_id(id).ok_or_else(|| StoreError::Corrupt(format!("{} {id}", T::KIND)))
}

/// The fields an edit line names, as stored (`cause|urgent`).
pub(super) fn edited_text(fields: &[FeedbackField]) -> Option<String> {
    (!fields.is_empty()).then(|| {
        fields
            .iter()
            .map(|f| f.code())
            .collect::<Vec<_>>()
            .join("|")
    })
}

pub(super) fn event_from_row(row: EventRow) -> Result<FeedbackEvent> {
    let edited = match row.edited.as_deref() {
        None | Some("") => Vec::new(),
        Some(text) => text
            .split('|')
            .map(|f| {
                f.parse::<FeedbackField>()
                    .map_err(|_| StoreError::Corrupt(format!("feedback field {f}")))
            })
            .collect::<Result<_>>()?,
    };
    Ok(FeedbackEvent {
        at: time_from_parts(row.at)?,
        from: row.from.map(code::<FeedbackState>).transpose()?,
        to: code(row.to)?,
        edited,
        note: row.note,
    })
}

/// Items from their rows and every history line of them (in order, grouped by item).
pub(super) fn assemble(rows: Vec<ItemRow>, events: Vec<EventRow>) -> Result<Vec<FeedbackItem>> {
    let mut history: std::collections::HashMap<Uuid, Vec<FeedbackEvent>> =
        std::collections::HashMap::new();
    for row in events {
        let id = row.feedback;
        history.entry(id).or_default().push(event_from_row(row)?);
    }
    rows.into_iter()
        .map(|r| {
            Ok(FeedbackItem {
                id: r.id,
                number: u32::try_from(r.number)
                    .map_err(|_| StoreError::Corrupt(format!("feedback number {}", r.number)))?,
                kind: code::<FeedbackKind>(r.kind)?,
                summary: r.summary,
                cause: r.cause,
                urgent: r.urgent,
                reply_wanted: r.reply_wanted,
                contact: r.contact,
                recorded_by: r.recorded_by,
                answer_note: r.answer_note,
                share_summary: r.share_summary,
                state: code(r.state)?,
                outcome: r.outcome,
                received_at: time_from_parts(r.received)?,
                answered_at: r.answered.map(time_from_parts).transpose()?,
                closed_at: r.closed.map(time_from_parts).transpose()?,
                history: history.remove(&r.id).unwrap_or_default(),
            })
        })
        .collect()
}

/// The error for an item that is not there.
pub(super) fn unknown(which: FeedbackRef) -> StoreError {
    FeedbackError::UnknownItem(which.to_string()).into()
}
