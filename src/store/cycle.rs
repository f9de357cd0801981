//! The improvement cycle's records, whichever engine keeps them: goals (and, in the files
//! beside this one's engine parts, measures, meetings and the team's service rules).
//! Checks that every engine shares happen here, before the engine writes.

use chrono::NaiveDate;

// The engine! macro names the engines by their enum.
use super::{Engine, Result, Store};
use crate::cycle::meeting::MeetingRecord;
use crate::cycle::rules::check_rule;
use crate::cycle::{
    CycleError, Goal, GoalDraft, Measure, MeasureDraft, MeasureStatus, Meeting, MeetingSummary,
    ServiceRule, Why,
};
use crate::domain::Lang;

/// UTC seconds now, as the cycle's tables note when a row was written.
pub(crate) fn written_at() -> i64 {
    chrono::Utc::now().timestamp()
}

impl Store {
    // ----- goals -----

    /// Every goal, ended ones too, in the order they started.
    pub fn list_goals(&self) -> Result<Vec<Goal>> {
        engine!(self, e => e.list_goals())
    }

    pub fn get_goal(&self, id: i64) -> Result<Option<Goal>> {
        Ok(self.list_goals()?.into_iter().find(|g| g.id == id))
    }

    /// Keeps a new goal; a cause it counts complaints for must be one of the team's.
    pub fn insert_goal(&mut self, draft: GoalDraft) -> Result<Goal> {
        let mut draft = draft.checked()?;
        if let Some(cause) = draft.target.as_mut().and_then(|t| t.cause.as_mut()) {
            *cause = self.known_cause(cause)?;
        }
        engine!(mut self, e => e.insert_goal(&draft, written_at()))
    }

    /// The code of the team's cause `given` names (by code or name, retired ones too), or
    /// an error naming the causes there are.
    fn known_cause(&self, given: &str) -> Result<String> {
        let causes = self.list_causes(true)?;
        Ok(crate::feedback::find_cause(&causes, given)?.code.clone())
    }

    /// `draft` with the cause it is about (if any) checked and named by its code.
    pub(crate) fn with_known_cause(&self, mut draft: MeasureDraft) -> Result<MeasureDraft> {
        if let Some(Why::Cause(cause)) = &mut draft.why {
            *cause = self.known_cause(cause)?;
        }
        Ok(draft)
    }

    /// Ends a goal: from `on` it is no longer in force (and draws no target line).
    pub fn end_goal(&mut self, id: i64, on: NaiveDate) -> Result<Goal> {
        let goal = self.get_goal(id)?.ok_or(CycleError::UnknownGoal(id))?;
        if goal.ended_on.is_some() {
            return Err(CycleError::GoalEnded(id).into());
        }
        if on < goal.start_on {
            return Err(CycleError::BeforeStart {
                what: "the end",
                start: goal.start_on,
                end: on,
            }
            .into());
        }
        engine!(mut self, e => e.end_goal(id, on))?;
        Ok(Goal {
            ended_on: Some(on),
            ..goal
        })
    }

    // ----- measures -----

    /// Every measure, in the order they start.
    pub fn list_measures(&self) -> Result<Vec<Measure>> {
        engine!(self, e => e.list_measures())
    }

    pub fn get_measure(&self, id: i64) -> Result<Option<Measure>> {
        Ok(self.list_measures()?.into_iter().find(|m| m.id == id))
    }

    /// Keeps a new measure; its owner, if named, must be a member, and a cause it is about
    /// one of the team's. `today` decides whether
    /// a measure without a status is planned (it starts later) or running.
    pub fn insert_measure(&mut self, draft: MeasureDraft, today: NaiveDate) -> Result<Measure> {
        let draft = self.with_known_cause(draft.checked(today)?)?;
        engine!(mut self, e => e.insert_measure(&draft, written_at()))
    }

    /// Sets where a measure stands; `ended` notes `on` as the day it ended, any other
    /// status takes an end back.
    pub fn set_measure_status(
        &mut self,
        id: i64,
        status: MeasureStatus,
        on: NaiveDate,
    ) -> Result<Measure> {
        let measure = self
            .get_measure(id)?
            .ok_or(CycleError::UnknownMeasure(id))?;
        let ended_on = (status == MeasureStatus::Ended).then_some(on);
        if let Some(end) = ended_on.filter(|end| *end < measure.start_on) {
            return Err(CycleError::BeforeStart {
                what: "the end",
                start: measure.start_on,
                end,
            }
            .into());
        }
        engine!(mut self, e => e.set_measure_status(id, status, ended_on))?;
        Ok(Measure {
            status,
            ended_on,
            ..measure
        })
    }

    // ----- the team's service rules -----

    /// Every rule, retired ones too, in the order they were added; shipped defaults in
    /// `lang` unless the team reworded them.
    pub fn list_rules(&self, lang: Lang) -> Result<Vec<ServiceRule>> {
        Ok(engine!(self, e => e.list_rule_rows())?
            .iter()
            .map(|row| row.in_lang(lang))
            .collect())
    }

    fn rule(&self, id: i64, lang: Lang) -> Result<ServiceRule> {
        self.list_rules(lang)?
            .into_iter()
            .find(|r| r.id == id)
            .ok_or_else(|| CycleError::UnknownRule(id).into())
    }

    /// Adds a rule in the team's words.
    pub fn add_rule(&mut self, words: &str) -> Result<ServiceRule> {
        let words = check_rule(words)?;
        let id = engine!(mut self, e => e.insert_rule(&words, written_at()))?;
        self.rule(id, Lang::De)
    }

    /// Puts a rule in the team's own words (a shipped one keeps them in every language).
    pub fn reword_rule(&mut self, id: i64, words: &str, lang: Lang) -> Result<ServiceRule> {
        let words = check_rule(words)?;
        self.rule(id, lang)?;
        engine!(mut self, e => e.set_rule_text(id, &words))?;
        self.rule(id, lang)
    }

    /// Retires a rule from `on` (`None`: brings it back).
    pub fn retire_rule(
        &mut self,
        id: i64,
        on: Option<NaiveDate>,
        lang: Lang,
    ) -> Result<ServiceRule> {
        self.rule(id, lang)?;
        engine!(mut self, e => e.set_rule_retired(id, on))?;
        self.rule(id, lang)
    }

    // ----- meetings -----

    /// Writes a meeting in one transaction: its decisions, its new measures and its
    /// minutes (see [`crate::cycle::meeting::save`], which prepares the record).
    pub fn save_meeting(&mut self, record: MeetingRecord) -> Result<i64> {
        engine!(mut self, e => e.save_meeting(record))
    }

    /// The past meetings, newest first.
    pub fn list_meetings(&self) -> Result<Vec<MeetingSummary>> {
        engine!(self, e => e.list_meetings())
    }

    /// One saved meeting with its minutes, as it was saved.
    pub fn get_meeting(&self, id: i64) -> Result<Option<Meeting>> {
        engine!(self, e => e.get_meeting(id))
    }
}

/// Everything of the cycle one database holds, with its ids: what an upload copies.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CycleCopy {
    pub goals: Vec<Goal>,
    pub measures: Vec<Measure>,
    pub rules: Vec<crate::cycle::RuleRow>,
    pub meetings: Vec<Meeting>,
}

/// What an upload did with the goals, measures, rules and meetings.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct CycleUploaded {
    /// Copied: the server had none of its own yet (and its shipped rules untouched).
    pub copied: bool,
    pub goals: u64,
    pub measures: u64,
    pub meetings: u64,
    /// The file's rules that differ from the shipped ones (reworded, added, retired).
    pub own_rules: u64,
}

impl Store {
    /// Every goal, measure, rule and meeting, with their ids.
    pub fn cycle_copy(&self) -> Result<CycleCopy> {
        let mut meetings = Vec::new();
        for m in self.list_meetings()?.iter().rev() {
            meetings.extend(self.get_meeting(m.id)?);
        }
        Ok(CycleCopy {
            goals: self.list_goals()?,
            measures: self.list_measures()?,
            rules: engine!(self, e => e.list_rule_rows())?,
            meetings,
        })
    }

    /// Writes `copy` into a database that has no cycle records of its own yet, under their
    /// own ids (the minutes name measures by them), in one transaction.
    pub fn put_cycle_copy(&mut self, copy: &CycleCopy) -> Result<()> {
        engine!(mut self, e => e.put_cycle_copy(copy, written_at()))
    }
}

/// Copies `from`'s goals, measures, rules and meetings into `to` when `to` has none of
/// its own yet (its shipped rules untouched); otherwise copies nothing and says what.
pub(crate) fn upload_cycle(from: &Store, to: &mut Store) -> Result<CycleUploaded> {
    let copy = from.cycle_copy()?;
    let mut done = CycleUploaded {
        copied: false,
        goals: copy.goals.len() as u64,
        measures: copy.measures.len() as u64,
        meetings: copy.meetings.len() as u64,
        own_rules: copy.rules.iter().filter(|r| !shipped_untouched(r)).count() as u64,
    };
    let there = to.cycle_copy()?;
    let fresh = there.goals.is_empty()
        && there.measures.is_empty()
        && there.meetings.is_empty()
        && there.rules.iter().all(shipped_untouched);
    let nothing = done.goals + done.measures + done.meetings + done.own_rules == 0;
    if fresh && !nothing {
        to.put_cycle_copy(&copy)?;
        done.copied = true;
    }
    Ok(done)
}

/// A shipped rule as it came: no words of the team, not retired.
fn shipped_untouched(r: &crate::cycle::RuleRow) -> bool {
    r.default_no.is_some() && r.text.is_none() && r.retired_on.is_none()
}

/// The minutes as the database keeps them (JSON), with the new measures' ids filled in.
pub(crate) fn minutes_json(
    minutes: &mut crate::cycle::Minutes,
    kept: &[Measure],
) -> Result<String> {
    minutes.new_measures = kept
        .iter()
        .map(crate::cycle::meeting::NewMeasure::of)
        .collect();
    serde_json::to_string(minutes)
        .map_err(|e| super::StoreError::Corrupt(format!("the minutes cannot be written: {e}")))
}

/// Minutes read back from their JSON.
pub(crate) fn minutes_from_json(json: &str) -> Result<crate::cycle::Minutes> {
    serde_json::from_str(json)
        .map_err(|e| super::StoreError::Corrupt(format!("the minutes cannot be read: {e}")))
}
