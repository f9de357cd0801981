//! The weekly meeting and its minutes. The meeting starts where the last one ended: the
//! measures since then (each with its effect so far, to keep, change or end), then the
//! period's figures, and ends with the team's conclusions in four steps — goal, procedure,
//! result, conclusion — and new measures.
//!
//! Saving keeps the minutes: the day, the period looked at, the figures frozen as they
//! were shown (the review, the measures' effects, the goals in force: contacts imported
//! later change nothing), the stories discussed (by reference: a story deleted later, by
//! retention or erasure, is gone from the minutes too), the measures reviewed and decided,
//! and the conclusions. The minutes name nobody.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{effect, CycleError, Effect, Goal, Measure, MeasureDraft, MeasureStatus, Why};
use super::{rule_of_week, ServiceRule};
use crate::domain::Lang;
use crate::review::{self, Review, ReviewError, ReviewQuery};
use crate::store::{Store, StoreError};

/// The longest conclusion step, in characters.
pub const CONCLUSION_MAX: usize = 4000;

/// The team's conclusions, in the four steps of evaluating procedures (DOMAIN.md §6).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct Conclusions {
    /// What we aim for.
    pub goal: String,
    /// What we do to get there.
    pub procedure: String,
    /// What came of it.
    pub result: String,
    /// What we conclude: keep, change, or try something else.
    pub conclusion: String,
}

impl Conclusions {
    /// Trimmed, each step at most [`CONCLUSION_MAX`] characters without control characters.
    pub fn checked(self) -> Result<Conclusions, CycleError> {
        let step = |text: String, field: &'static str| -> Result<String, CycleError> {
            let trimmed = text.trim();
            if trimmed.is_empty() {
                return Ok(String::new());
            }
            super::check_text(trimmed, field, CONCLUSION_MAX)
        };
        Ok(Conclusions {
            goal: step(self.goal, "goal step")?,
            procedure: step(self.procedure, "procedure step")?,
            result: step(self.result, "result step")?,
            conclusion: step(self.conclusion, "conclusion step")?,
        })
    }

    pub fn is_empty(&self) -> bool {
        [&self.goal, &self.procedure, &self.result, &self.conclusion]
            .iter()
            .all(|s| s.is_empty())
    }
}

/// What the meeting decided about a measure: keep, change or end it (or leave it running).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Decision {
    pub measure_id: i64,
    pub status: MeasureStatus,
}

/// What the meeting screen (or the CLI) hands over to save.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MeetingDraft {
    /// The day of the meeting.
    pub held_on: NaiveDate,
    /// The period looked at.
    pub from: NaiveDate,
    pub to: NaiveDate,
    #[serde(default)]
    pub conclusions: Conclusions,
    #[serde(default)]
    pub decisions: Vec<Decision>,
    #[serde(default)]
    pub new_measures: Vec<MeasureDraft>,
    /// The shared stories discussed, by contact id.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "Array<string>"))]
    pub stories: Vec<Uuid>,
}

/// A measure as the meeting looked at it: frozen, without its owner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReviewedMeasure {
    pub id: i64,
    pub title: String,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub why: Option<Why>,
    pub start_on: NaiveDate,
    pub review_on: Option<NaiveDate>,
    /// Where it stood when the meeting began.
    pub status: MeasureStatus,
    /// What the meeting decided; `None`: it goes on as it was.
    pub decision: Option<MeasureStatus>,
    /// Its effect as of the meeting's day.
    pub effect: Effect,
}

/// A measure the meeting decided, as the minutes keep it (without its owner).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NewMeasure {
    pub id: i64,
    pub title: String,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub why: Option<Why>,
    pub start_on: NaiveDate,
    pub review_on: Option<NaiveDate>,
}

/// Everything the meeting saw, frozen when it was saved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Minutes {
    pub team_name: String,
    /// The team review of the period as shown, without the stories' texts.
    pub review: Review,
    /// The goals in force on the meeting's day.
    pub goals: Vec<Goal>,
    pub reviewed: Vec<ReviewedMeasure>,
    pub new_measures: Vec<NewMeasure>,
    /// The shared stories discussed, by contact id.
    #[cfg_attr(feature = "ts", ts(type = "Array<string>"))]
    pub stories: Vec<Uuid>,
    /// The rule of the week, in the words shown.
    pub rule_of_week: Option<ServiceRule>,
}

/// A saved meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Meeting {
    pub id: i64,
    pub held_on: NaiveDate,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub conclusions: Conclusions,
    /// When it was saved, UTC seconds.
    pub saved_at: i64,
    pub minutes: Minutes,
}

/// A past meeting in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MeetingSummary {
    pub id: i64,
    pub held_on: NaiveDate,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub conclusions: Conclusions,
}

/// What the engine writes in one transaction when a meeting is saved.
#[derive(Debug, Clone)]
pub struct MeetingRecord {
    pub held_on: NaiveDate,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub conclusions: Conclusions,
    pub saved_at: i64,
    /// The measures' new statuses, with the day an ended one ended.
    pub decisions: Vec<(i64, MeasureStatus, Option<NaiveDate>)>,
    /// Checked drafts; their ids are filled into `minutes.new_measures` as they are kept.
    pub new_measures: Vec<MeasureDraft>,
    pub minutes: Minutes,
}

impl NewMeasure {
    /// A measure just kept, as the minutes record it.
    pub fn of(m: &Measure) -> NewMeasure {
        NewMeasure {
            id: m.id,
            title: m.title.clone(),
            why: m.why.clone(),
            start_on: m.start_on,
            review_on: m.review_on,
        }
    }
}

/// A measure with its effect so far.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MeasureReview {
    pub measure: Measure,
    pub effect: Effect,
}

/// Where the meeting starts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Agenda {
    pub on: NaiveDate,
    /// Where the last meeting ended.
    pub last: Option<MeetingSummary>,
    /// The measures still to decide about (planned, running or changed, and begun), each
    /// with its effect so far.
    pub measures: Vec<MeasureReview>,
    /// The goals in force.
    pub goals: Vec<Goal>,
    /// The rule of the week, and the rules in use that the conclusions step offers.
    pub rule_of_week: Option<ServiceRule>,
    pub rules: Vec<ServiceRule>,
}

/// Why a meeting cannot be read or saved.
#[derive(Debug, thiserror::Error)]
pub enum MeetingError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Review(#[from] ReviewError),
    #[error(transparent)]
    Cycle(#[from] CycleError),
}

impl From<MeetingError> for StoreError {
    fn from(e: MeetingError) -> Self {
        match e {
            MeetingError::Store(s) | MeetingError::Review(ReviewError::Store(s)) => s,
            MeetingError::Cycle(c) => StoreError::Cycle(c),
            MeetingError::Review(other) => StoreError::Corrupt(other.to_string()),
        }
    }
}

/// The measures a meeting on `on` looks at: begun and not yet kept or ended.
fn to_review(measures: &[Measure], on: NaiveDate) -> Vec<&Measure> {
    measures
        .iter()
        .filter(|m| m.status.is_open() && m.start_on <= on)
        .collect()
}

/// Where a meeting on `on` starts: the last meeting's conclusions, the measures since,
/// each with its effect so far, the goals in force and the rules (shipped ones in `lang`).
pub fn agenda(store: &Store, on: NaiveDate, lang: Lang) -> Result<Agenda, StoreError> {
    let measures = store.list_measures()?;
    let reviews = to_review(&measures, on)
        .into_iter()
        .map(|m| {
            Ok(MeasureReview {
                measure: m.clone(),
                effect: effect(store, m, &measures, on)?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    let rules: Vec<ServiceRule> = store
        .list_rules(lang)?
        .into_iter()
        .filter(|r| r.is_active_on(on))
        .collect();
    Ok(Agenda {
        on,
        last: store.list_meetings()?.into_iter().next(),
        measures: reviews,
        goals: goals_on(store, on)?,
        rule_of_week: rule_of_week(&rules, on).cloned(),
        rules,
    })
}

fn goals_on(store: &Store, on: NaiveDate) -> Result<Vec<Goal>, StoreError> {
    Ok(store
        .list_goals()?
        .into_iter()
        .filter(|g| g.in_force_on(on))
        .collect())
}

/// Saves the meeting: applies its decisions, keeps its new measures and its minutes with
/// the figures frozen as they are now, all in one transaction. `lang` is the language the
/// rule of the week is kept in.
pub fn save(
    store: &mut Store,
    draft: MeetingDraft,
    today: NaiveDate,
    lang: Lang,
) -> Result<Meeting, MeetingError> {
    if draft.to < draft.from {
        return Err(ReviewError::EmptyRange {
            from: draft.from,
            to: draft.to,
        }
        .into());
    }
    let conclusions = draft.conclusions.checked()?;
    let mut new_measures = Vec::new();
    for m in draft.new_measures {
        new_measures.push(store.with_known_cause(m.checked(today)?)?);
    }
    for story in &draft.stories {
        let shared = store
            .get_contact(*story)?
            .is_some_and(|c| c.note.is_some() && c.share_in_review);
        if !shared {
            return Err(CycleError::NotASharedStory(*story).into());
        }
    }
    let measures = store.list_measures()?;
    for d in &draft.decisions {
        let m = measures
            .iter()
            .find(|m| m.id == d.measure_id)
            .ok_or(CycleError::UnknownMeasure(d.measure_id))?;
        if d.status == MeasureStatus::Ended && draft.held_on < m.start_on {
            return Err(CycleError::BeforeStart {
                what: "the end",
                start: m.start_on,
                end: draft.held_on,
            }
            .into());
        }
    }
    // The measures looked at: those still open, and any the meeting decided about.
    let mut reviewed = Vec::new();
    for m in &measures {
        let decision = draft
            .decisions
            .iter()
            .rev()
            .find(|d| d.measure_id == m.id)
            .map(|d| d.status);
        let open = to_review(&measures, draft.held_on)
            .iter()
            .any(|o| o.id == m.id);
        if !open && decision.is_none() {
            continue;
        }
        reviewed.push(ReviewedMeasure {
            id: m.id,
            title: m.title.clone(),
            why: m.why.clone(),
            start_on: m.start_on,
            review_on: m.review_on,
            status: m.status,
            decision,
            effect: effect(store, m, &measures, draft.held_on)?,
        });
    }
    let mut review = review::review(
        store,
        &ReviewQuery {
            from: draft.from,
            to: draft.to,
            ..ReviewQuery::default()
        },
    )?;
    // The stories are kept by reference: their texts stay where retention and erasure
    // reach them.
    review.stories.clear();
    let settings = store.get_settings()?;
    let rules = store.list_rules(lang)?;
    let minutes = Minutes {
        team_name: settings.team_name,
        review,
        goals: goals_on(store, draft.held_on)?,
        reviewed,
        new_measures: Vec::new(),
        stories: draft.stories,
        rule_of_week: rule_of_week(&rules, draft.held_on).cloned(),
    };
    let record = MeetingRecord {
        held_on: draft.held_on,
        from: draft.from,
        to: draft.to,
        conclusions,
        saved_at: chrono::Utc::now().timestamp(),
        decisions: draft
            .decisions
            .iter()
            .map(|d| {
                let ended = (d.status == MeasureStatus::Ended).then_some(draft.held_on);
                (d.measure_id, d.status, ended)
            })
            .collect(),
        new_measures,
        minutes,
    };
    let id = store.save_meeting(record)?;
    Ok(store
        .get_meeting(id)?
        .ok_or(CycleError::UnknownMeeting(id))?)
}
