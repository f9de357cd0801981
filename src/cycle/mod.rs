//! The improvement cycle of the weekly meeting (DOMAIN.md §6): the team has goals, uses
//! procedures (measures) to reach them, looks at the results, and judges them against the
//! goals — keeping, changing or ending what it tried. Every meeting starts where the last
//! one ended.
//!
//! `focus`: what a goal or measure is about; `goal`: goals and the target in force on a
//! day; `measure`: the measures the team decides; `effect`: what a measure did; `rules`:
//! the team's service rules and the rule of the week; `meeting`: where a meeting starts,
//! and its minutes; `why`: what a measure is about (a focus, or a feedback cause).

pub mod effect;
pub mod focus;
pub mod goal;
pub mod measure;
pub mod meeting;
pub mod rules;
pub mod why;

pub use effect::{effect, ConcurrentMeasure, Effect, EffectSide, Verdict};
pub use focus::Focus;
pub use goal::{
    complaints_target_on, period_complaints_target, period_target, target_on, Goal, GoalDraft,
    GoalTarget, Metric, PeriodTarget,
};
pub use measure::{Measure, MeasureDraft, MeasureMark, MeasureStatus};
pub use meeting::{
    agenda, Agenda, Conclusions, Decision, Meeting, MeetingDraft, MeetingError, MeetingSummary,
    Minutes,
};
pub use rules::{rule_of_week, RuleRow, ServiceRule};
pub use why::Why;

use crate::domain::{self, DomainError};
use crate::error_code::ErrorCode;

/// Why a goal, measure, meeting or rule cannot be kept as given, or is not there.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CycleError {
    #[error("the {0} is empty; write a few words")]
    EmptyText(&'static str),
    #[error("the {field} has {chars} characters; at most {max} are kept")]
    TextTooLong {
        field: &'static str,
        chars: usize,
        max: usize,
    },
    #[error(transparent)]
    Domain(#[from] DomainError),
    #[error("'{0}' is no channel, phase, purpose, motive or perspective")]
    UnknownFocus(String),
    #[error("'{0}' names more than one kind of tag; write it as kind:code, e.g. channel:phone")]
    AmbiguousFocus(String),
    #[error("a target is a golden share from 0 to 1 (or a percentage), not {0}")]
    BadTargetValue(String),
    #[error("a part (channel, phase, purpose or motive) needs a target value (--target)")]
    PartWithoutTarget,
    #[error("a target for complaints is a number of complaints per week, 0 or more, not {0}")]
    BadComplaintsTarget(String),
    #[error("complaints per week are counted by cause, not by channel, phase, purpose or motive")]
    PartWithComplaints,
    #[error("a golden share is counted over contacts, not for a cause; a cause goes with --complaints-per-week")]
    CauseWithGoldenShare,
    #[error("{what} ({end}) lies before the start ({start})")]
    BeforeStart {
        what: &'static str,
        start: chrono::NaiveDate,
        end: chrono::NaiveDate,
    },
    #[error("no goal with id {0}; see `murmelglas goal list`")]
    UnknownGoal(i64),
    #[error("goal {0} has already been ended")]
    GoalEnded(i64),
    #[error("no measure with id {0}; see `murmelglas measure list`")]
    UnknownMeasure(i64),
    #[error("a measure is ended with `measure set-status ID ended`, which notes the day")]
    EndedWithoutDay,
    #[error("no rule with id {0}; see `murmelglas rule list --all`")]
    UnknownRule(i64),
    #[error("no meeting with id {0}; see `murmelglas meeting list`")]
    UnknownMeeting(i64),
    #[error("no meeting has been saved yet")]
    NoMeetings,
    #[error(
        "contact {0} has no story shared for the review, so the team cannot have discussed it"
    )]
    NotASharedStory(uuid::Uuid),
}

impl CycleError {
    /// A stable code for the window's translation table.
    pub fn code(&self) -> ErrorCode {
        match self {
            CycleError::EmptyText(_) => ErrorCode::EmptyText,
            CycleError::TextTooLong { .. } => ErrorCode::TextTooLong,
            CycleError::Domain(_) => ErrorCode::BadValue,
            CycleError::UnknownFocus(_) => ErrorCode::UnknownFocus,
            CycleError::AmbiguousFocus(_) => ErrorCode::AmbiguousFocus,
            CycleError::BadTargetValue(_) => ErrorCode::BadTarget,
            CycleError::PartWithoutTarget => ErrorCode::PartWithoutTarget,
            CycleError::BadComplaintsTarget(_) => ErrorCode::BadComplaintsTarget,
            CycleError::PartWithComplaints => ErrorCode::PartWithComplaints,
            CycleError::CauseWithGoldenShare => ErrorCode::CauseWithGoldenShare,
            CycleError::BeforeStart { .. } => ErrorCode::BeforeStart,
            CycleError::UnknownGoal(_) => ErrorCode::UnknownGoal,
            CycleError::GoalEnded(_) => ErrorCode::GoalEnded,
            CycleError::UnknownMeasure(_) => ErrorCode::UnknownMeasure,
            CycleError::EndedWithoutDay => ErrorCode::EndedWithoutDay,
            CycleError::UnknownRule(_) => ErrorCode::UnknownRule,
            CycleError::UnknownMeeting(_) => ErrorCode::UnknownMeeting,
            CycleError::NoMeetings => ErrorCode::NoMeetings,
            CycleError::NotASharedStory(_) => ErrorCode::NotASharedStory,
        }
    }
}

/// `text` trimmed, if it is 1 to `max` characters without control characters (line
/// breaks and tabs allowed).
pub(crate) fn check_text(
    text: &str,
    field: &'static str,
    max: usize,
) -> Result<String, CycleError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(CycleError::EmptyText(field));
    }
    let chars = trimmed.chars().count();
    if chars > max {
        return Err(CycleError::TextTooLong { field, chars, max });
    }
    domain::check_control_characters(trimmed, field)?;
    Ok(trimmed.to_string())
}
