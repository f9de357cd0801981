//! The feedback list as the team sees it (overdue items first), and the weekly meeting's
//! step "feedback": what is open, what is overdue, the most frequent causes since the
//! last meeting, and contacts tagged "suggestions & complaints" that nobody followed up.
//!
//! A row carries no person: not who took the item, and never who logged the contact it
//! links to (only that contact's id).

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::stats::{count_by_cause, CauseCount};
use super::{Cause, FeedbackItem, FeedbackKind, FeedbackSettings, FeedbackState};
use crate::domain::Purpose;
use crate::store::{ContactFilter, Store, StoreError};

/// How many causes the meeting's step names.
pub const MEETING_CAUSES: usize = 5;

/// One item as the list shows it, with its deadlines on `today`.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeedbackRow {
    pub id: Uuid,
    pub number: u32,
    pub kind: FeedbackKind,
    pub summary: String,
    pub cause: Option<String>,
    pub urgent: bool,
    pub reply_wanted: bool,
    pub state: FeedbackState,
    #[serde(with = "crate::datetime::rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub received_at: DateTime<FixedOffset>,
    #[serde(with = "super::optional_rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub answered_at: Option<DateTime<FixedOffset>>,
    #[serde(with = "super::optional_rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub closed_at: Option<DateTime<FixedOffset>>,
    pub outcome: Option<String>,
    /// The first answer's last day; `None` when the customer wants none.
    pub answer_due: Option<NaiveDate>,
    /// The close's last day.
    pub close_due: NaiveDate,
    pub answer_overdue: bool,
    pub close_overdue: bool,
    /// Either of the two: the row stands out.
    pub overdue: bool,
    /// Working days since it came in: up to today, or up to its close.
    pub age_days: u32,
    /// The contact it came up in (its id only, never who logged it).
    pub contact: Option<Uuid>,
    /// Whether a "how we answer" note is kept (its text is shown on the item only).
    pub has_answer_note: bool,
    pub share_summary: bool,
}

impl FeedbackRow {
    /// The row of `item` on `today`.
    pub fn of(item: &FeedbackItem, settings: &FeedbackSettings, today: NaiveDate) -> Self {
        let received = item.received_at.date_naive();
        let until = item.closed_at.map_or(today, |c| c.date_naive());
        let answer_overdue = settings.answer_overdue(item, today);
        let close_overdue = settings.close_overdue(item, today);
        FeedbackRow {
            id: item.id,
            number: item.number,
            kind: item.kind,
            summary: item.summary.clone(),
            cause: item.cause.clone(),
            urgent: item.urgent,
            reply_wanted: item.reply_wanted,
            state: item.state,
            received_at: item.received_at,
            answered_at: item.answered_at,
            closed_at: item.closed_at,
            outcome: item.outcome.clone(),
            answer_due: settings.answer_due(item),
            close_due: settings.close_due(item),
            answer_overdue,
            close_overdue,
            overdue: answer_overdue || close_overdue,
            age_days: settings.working_days_between(received, until),
            contact: item.contact,
            has_answer_note: item.answer_note.is_some(),
            share_summary: item.share_summary,
        }
    }
}

/// Which items the list shows; every field narrows.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    pub state: Option<FeedbackState>,
    /// Only items not closed yet.
    pub open: bool,
    /// Only overdue items.
    pub overdue: bool,
    pub kind: Option<FeedbackKind>,
    /// Only items of this cause (its code).
    pub cause: Option<String>,
}

/// The rows `query` selects on `today`: open items first (overdue ones on top, then by
/// the day they are due), then closed items, the latest closed first.
pub fn rows(
    items: &[FeedbackItem],
    settings: &FeedbackSettings,
    query: &ListQuery,
    today: NaiveDate,
) -> Vec<FeedbackRow> {
    let mut rows: Vec<FeedbackRow> = items
        .iter()
        .filter(|i| query.state.is_none_or(|s| i.state == s))
        .filter(|i| !query.open || i.state != FeedbackState::Closed)
        .filter(|i| query.kind.is_none_or(|k| i.kind == k))
        .filter(|i| query.cause.is_none() || i.cause == query.cause)
        .map(|i| FeedbackRow::of(i, settings, today))
        .filter(|r| !query.overdue || r.overdue)
        .collect();
    sort_rows(&mut rows);
    rows
}

/// The list's order (see [`rows`]).
pub(crate) fn sort_rows(rows: &mut [FeedbackRow]) {
    rows.sort_by(|a, b| {
        let closed = |r: &FeedbackRow| r.state == FeedbackState::Closed;
        closed(a)
            .cmp(&closed(b))
            .then_with(|| b.overdue.cmp(&a.overdue))
            .then_with(|| {
                if closed(a) {
                    b.closed_at.cmp(&a.closed_at)
                } else {
                    let due = |r: &FeedbackRow| {
                        r.answer_due
                            .filter(|_| r.answered_at.is_none())
                            .unwrap_or(r.close_due)
                            .min(r.close_due)
                    };
                    due(a).cmp(&due(b))
                }
            })
            .then_with(|| a.number.cmp(&b.number))
    });
}

/// The weekly meeting's step "feedback".
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeetingFeedback {
    /// The last meeting's day: causes are counted from it on.
    pub since: NaiveDate,
    pub today: NaiveDate,
    /// Every item not closed yet, overdue ones first.
    pub open: Vec<FeedbackRow>,
    pub overdue: u64,
    /// Items that came in since the last meeting.
    pub received_since: u64,
    /// The most frequent causes of what came in since the last meeting, most first.
    pub top_causes: Vec<CauseCount>,
    /// Contacts since the last meeting tagged "suggestions & complaints" that no item
    /// links to: feedback nobody has taken yet (their ids only, never who logged them).
    pub contacts_without_item: Vec<Uuid>,
    /// The team's causes, for their names.
    pub causes: Vec<Cause>,
}

/// The meeting's step from items already read.
pub fn meeting(
    items: &[FeedbackItem],
    settings: &FeedbackSettings,
    causes: Vec<Cause>,
    since: NaiveDate,
    today: NaiveDate,
) -> MeetingFeedback {
    let open = rows(
        items,
        settings,
        &ListQuery {
            open: true,
            ..ListQuery::default()
        },
        today,
    );
    let recent: Vec<&FeedbackItem> = items
        .iter()
        .filter(|i| {
            let day = i.received_at.date_naive();
            since <= day && day <= today
        })
        .collect();
    let mut top_causes = count_by_cause(recent.iter().copied());
    top_causes.retain(|c| c.cause.is_some());
    top_causes.truncate(MEETING_CAUSES);
    MeetingFeedback {
        since,
        today,
        overdue: open.iter().filter(|r| r.overdue).count() as u64,
        open,
        received_since: recent.len() as u64,
        top_causes,
        contacts_without_item: Vec::new(),
        causes,
    }
}

/// Reads what the meeting's step shows: open and overdue items on `today`, and the most
/// frequent causes since `since` (the last meeting).
pub fn meeting_step(
    store: &Store,
    since: NaiveDate,
    today: NaiveDate,
) -> Result<MeetingFeedback, StoreError> {
    let items = store.list_feedback()?;
    let settings = store.feedback_settings()?;
    let causes = store.list_causes(true)?;
    let mut step = meeting(&items, &settings, causes, since, today);
    let linked: std::collections::HashSet<Uuid> = items.iter().filter_map(|i| i.contact).collect();
    let period = ContactFilter {
        from: Some(since),
        to: Some(today),
    };
    store.for_each_contact(&period, |c| {
        if c.purpose == Some(Purpose::Feedback) && !linked.contains(&c.id) {
            step.contacts_without_item.push(c.id);
        }
        Ok::<_, StoreError>(())
    })?;
    Ok(step)
}

/// Reads the list `query` selects on `today`.
pub fn list(
    store: &Store,
    query: &ListQuery,
    today: NaiveDate,
) -> Result<Vec<FeedbackRow>, StoreError> {
    let items = store.list_feedback()?;
    let settings = store.feedback_settings()?;
    Ok(rows(&items, &settings, query, today))
}
