//! One row of a feedback file as an item: its cells read and checked, and its times,
//! state and history made to tell one story (a file without a history gets the one its
//! times imply).

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};
use uuid::Uuid;

use super::file::FeedbackColumn as C;
use super::{
    check_text, FeedbackError, FeedbackEvent, FeedbackItem, FeedbackKind, FeedbackState,
    STEP_NOTE_MAX_CHARS, SUMMARY_MAX_CHARS,
};
use crate::datetime::{parse_datetime_in, DateError};
use crate::domain::{check_member_name, Code, Lang};
use crate::export::unguard_formula;
use crate::import::{parse_bool, parse_zone, Problem, ProblemCode};

/// The namespace of ids derived from a row that comes without one, so the same file
/// imported twice adds nothing twice.
const ROW_NAMESPACE: Uuid = Uuid::from_u128(0x6d75_726d_656c_676c_6173_0000_0000_0014);

/// One record: its line and its cells by column, each with the file's name for it.
pub(super) struct Record {
    pub(super) line: u64,
    pub(super) cells: HashMap<C, (String, String)>,
}

pub(super) fn feedback_problem(e: &FeedbackError) -> Problem {
    Problem::new(ProblemCode::BadFeedback, e.to_string()).with("code", e.code())
}

pub(super) fn rule(code: &'static str, message: impl Into<String>) -> Problem {
    Problem::new(ProblemCode::BadFeedback, message).with("code", code)
}

/// One record as an item, or its problems. Causes are left as the file names them.
pub(super) fn parse(
    record: &Record,
    german: bool,
    now: DateTime<FixedOffset>,
) -> Result<FeedbackItem, Vec<(Option<String>, Problem)>> {
    let mut problems: Vec<(Option<String>, Problem)> = Vec::new();
    let name = |c: C| {
        record
            .cells
            .get(&c)
            .map_or(c.header(Lang::En).to_string(), |(_, n)| n.clone())
    };
    let get = |c: C| {
        record
            .cells
            .get(&c)
            .map(|(v, _)| v.trim())
            .filter(|v| !v.is_empty())
            .map(|v| if german { unguard_formula(v) } else { v })
    };
    macro_rules! check {
        ($c:expr, $result:expr) => {
            match $result {
                Ok(v) => Some(v),
                Err(p) => {
                    problems.push((Some(name($c)), p));
                    None
                }
            }
        };
    }
    let missing = |c: C| {
        Problem::new(
            ProblemCode::MissingValue,
            format!("the {} is missing", c.header(Lang::En).replace('_', " ")),
        )
    };
    let time = |c: C, zone: C| -> Option<Result<DateTime<FixedOffset>, Problem>> {
        let value = get(c)?;
        let zone = get(zone).map(parse_zone).transpose();
        Some(zone.and_then(|z| {
            match z {
                Some(z) => parse_datetime_in(value, &z),
                None => parse_datetime_in(value, &chrono::Local),
            }
            .map_err(|e: DateError| Problem::from(e))
        }))
    };
    let boolean = |c: C| {
        get(c)
            .map(parse_bool)
            .transpose()
            .map(|b| b.unwrap_or(false))
    };
    let uuid = |c: C| {
        get(c)
            .map(|v| {
                Uuid::parse_str(v).map_err(|_| {
                    Problem::new(
                        ProblemCode::BadId,
                        format!("'{v}' is not a valid id (a UUID)"),
                    )
                    .with("value", v)
                })
            })
            .transpose()
    };
    let kind = match get(C::Kind) {
        None => check!(C::Kind, Err::<FeedbackKind, _>(missing(C::Kind))),
        Some(v) => check!(C::Kind, v.parse::<FeedbackKind>().map_err(Problem::from)),
    };
    let summary = match get(C::Summary) {
        None => check!(C::Summary, Err::<String, _>(missing(C::Summary))),
        Some(v) => check!(
            C::Summary,
            check_text(
                Some(v),
                SUMMARY_MAX_CHARS,
                "summary",
                FeedbackError::SummaryTooLong
            )
            .map(|s| s.unwrap_or_default())
            .map_err(|e| feedback_problem(&e))
        ),
    };
    let received_at = match time(C::ReceivedAt, C::ReceivedZone) {
        None => check!(
            C::ReceivedAt,
            Err::<DateTime<FixedOffset>, _>(missing(C::ReceivedAt))
        ),
        Some(r) => check!(
            C::ReceivedAt,
            r.and_then(|t| if t > now {
                Err(Problem::new(
                    ProblemCode::InFuture,
                    format!("'{}' lies in the future", format_time(&t)),
                )
                .with("value", format_time(&t)))
            } else {
                Ok(t)
            })
        ),
    };
    let answered_at = time(C::AnsweredAt, C::AnsweredZone).and_then(|r| check!(C::AnsweredAt, r));
    let closed_at = time(C::ClosedAt, C::ClosedZone).and_then(|r| check!(C::ClosedAt, r));
    let id = check!(C::Id, uuid(C::Id)).flatten();
    let contact = check!(C::Contact, uuid(C::Contact)).flatten();
    let number = match get(C::Number) {
        None => Some(0),
        Some(v) => check!(
            C::Number,
            v.parse::<u32>().ok().filter(|n| *n > 0).ok_or_else(|| rule(
                "bad_number",
                format!("'{v}' is not an item's number (1, 2, …)")
            )
            .with("value", v))
        ),
    };
    let urgent = check!(C::Urgent, boolean(C::Urgent));
    let reply_wanted = check!(C::ReplyWanted, boolean(C::ReplyWanted));
    let share_summary = check!(C::ShareSummary, boolean(C::ShareSummary));
    let recorded_by = match get(C::RecordedBy) {
        None => Some(None),
        Some(v) => check!(
            C::RecordedBy,
            check_member_name(v).map(Some).map_err(Problem::from)
        ),
    };
    let state = match get(C::State) {
        None => Some(FeedbackState::Received),
        Some(v) => check!(C::State, v.parse::<FeedbackState>().map_err(Problem::from)),
    };
    let outcome = check!(
        C::Outcome,
        check_text(
            get(C::Outcome),
            STEP_NOTE_MAX_CHARS,
            "outcome",
            FeedbackError::StepNoteTooLong
        )
        .map_err(|e| feedback_problem(&e))
    )
    .flatten();
    let history = match get(C::History) {
        None => Some(None),
        Some(v) => check!(
            C::History,
            serde_json::from_str::<Vec<FeedbackEvent>>(v)
                .map(Some)
                .map_err(|e| rule(
                    "history",
                    format!("the history is not a list of steps: {e}")
                ))
        ),
    };
    let (
        Some(kind),
        Some(summary),
        Some(received_at),
        Some(number),
        Some(urgent),
        Some(reply_wanted),
        Some(share_summary),
        Some(recorded_by),
        Some(state),
        Some(history),
    ) = (
        kind,
        summary,
        received_at,
        number,
        urgent,
        reply_wanted,
        share_summary,
        recorded_by,
        state,
        history,
    )
    else {
        return Err(problems);
    };
    if !problems.is_empty() {
        return Err(problems);
    }

    // The item's times and state must tell one story.
    let mut rules = Vec::new();
    let closed = state == FeedbackState::Closed;
    if closed && closed_at.is_none() {
        rules.push((
            C::ClosedAt,
            rule(
                "closed_without_time",
                "a closed item needs the time it was closed",
            ),
        ));
    }
    if closed && outcome.is_none() {
        rules.push((
            C::Outcome,
            rule("outcome_missing", "a closed item needs its outcome"),
        ));
    }
    if !closed && (closed_at.is_some() || outcome.is_some()) {
        rules.push((
            C::State,
            rule(
                "open_with_close",
                "an item that is not closed has no close time and no outcome",
            ),
        ));
    }
    if state == FeedbackState::Informed && answered_at.is_none() {
        rules.push((
            C::AnsweredAt,
            rule(
                "informed_without_time",
                "a customer informed needs the time of the answer",
            ),
        ));
    }
    if state < FeedbackState::Informed && answered_at.is_some() {
        rules.push((
            C::State,
            rule(
                "answered_but_open",
                "an item answered is at least 'informed'",
            ),
        ));
    }
    for (c, t) in [(C::AnsweredAt, answered_at), (C::ClosedAt, closed_at)] {
        if t.is_some_and(|t| t < received_at || t > now) {
            rules.push((
                c,
                rule(
                    "time_out_of_order",
                    "the time lies before the item came in, or in the future",
                ),
            ));
        }
    }
    let history = history
        .unwrap_or_else(|| synthesize(state, received_at, answered_at, closed_at, outcome.clone()));
    if let Err(why) = check_history(&history, state, received_at) {
        rules.push((C::History, rule("history", why)));
    }
    if !rules.is_empty() {
        return Err(rules.into_iter().map(|(c, p)| (Some(name(c)), p)).collect());
    }
    let id = id.unwrap_or_else(|| {
        let content = format!(
            "{}\u{1f}{}\u{1f}{}",
            kind.code(),
            format_time(&received_at),
            summary
        );
        Uuid::new_v5(&ROW_NAMESPACE, content.as_bytes())
    });
    Ok(FeedbackItem {
        id,
        number,
        kind,
        summary,
        cause: get(C::Cause).map(str::to_string),
        urgent,
        reply_wanted,
        contact,
        recorded_by,
        answer_note: None,
        share_summary,
        state,
        outcome,
        received_at,
        answered_at,
        closed_at,
        history,
    })
}

fn format_time(t: &DateTime<FixedOffset>) -> String {
    crate::datetime::format_rfc3339(t)
}

/// The history a file without one implies: arrival, the answer, the close.
fn synthesize(
    state: FeedbackState,
    received_at: DateTime<FixedOffset>,
    answered_at: Option<DateTime<FixedOffset>>,
    closed_at: Option<DateTime<FixedOffset>>,
    outcome: Option<String>,
) -> Vec<FeedbackEvent> {
    let line = |at, from, to, note| FeedbackEvent {
        at,
        from,
        to,
        edited: Vec::new(),
        note,
    };
    if state == FeedbackState::Closed
        && answered_at == Some(received_at)
        && closed_at == Some(received_at)
    {
        return vec![line(received_at, None, FeedbackState::Closed, outcome)];
    }
    let mut history = vec![line(received_at, None, FeedbackState::Received, None)];
    let mut last = FeedbackState::Received;
    if state == FeedbackState::InProgress {
        history.push(line(
            received_at,
            Some(last),
            FeedbackState::InProgress,
            None,
        ));
    }
    if let Some(a) = answered_at {
        history.push(line(a, Some(last), FeedbackState::Informed, None));
        last = FeedbackState::Informed;
    }
    if let (FeedbackState::Closed, Some(c)) = (state, closed_at) {
        history.push(line(c, Some(last), FeedbackState::Closed, outcome));
    }
    history
}

/// Checks that a history is one chain of states ending in `state`.
fn check_history(
    history: &[FeedbackEvent],
    state: FeedbackState,
    received_at: DateTime<FixedOffset>,
) -> Result<(), String> {
    let Some(first) = history.first() else {
        return Err("the history is empty; it starts with the item's arrival".into());
    };
    if first.from.is_some() || first.at != received_at {
        return Err("the history starts with the item's arrival, at the time it came in".into());
    }
    for pair in history.windows(2) {
        if pair[1].from != Some(pair[0].to) {
            return Err("each step of the history starts where the one before ended".into());
        }
        if pair[1].at < pair[0].at {
            return Err("the history's steps are not in time order".into());
        }
    }
    if history.last().map(|e| e.to) != Some(state) {
        return Err("the history ends in another state than the item's".into());
    }
    Ok(())
}
