//! Measures: what the team decides to try — a title, why (the channel, phase, purpose,
//! motive or perspective it is about, or the feedback cause whose complaints), who takes care of it (a member, or the team), when
//! it starts, when to look again, and where it stands.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{check_text, CycleError, Why};
use crate::domain::{aliases_of, code_enum, Code, DomainError, Lang};

/// The longest measure title, in characters.
pub const MEASURE_TITLE_MAX: usize = 200;

code_enum! {
    /// Where a measure stands. A kept or changed measure goes on (changed: in a new form);
    /// an ended one has stopped.
    MeasureStatus, "measure status" {
        Planned = 1, "planned", "geplant", "planned";
        Running = 2, "running", "läuft", "running";
        Kept = 3, "kept", "beibehalten", "kept";
        Changed = 4, "changed", "geändert", "changed";
        Ended = 5, "ended", "beendet", "ended";
    }
}

impl MeasureStatus {
    /// Whether the meeting still has to decide about it: planned, running or changed.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            MeasureStatus::Planned | MeasureStatus::Running | MeasureStatus::Changed
        )
    }
}

/// A measure the team decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Measure {
    pub id: i64,
    pub title: String,
    /// What it is about (`channel:phone`, `cause:waiting-time`); `None`: all of the team's
    /// contacts.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub why: Option<Why>,
    /// The member who takes care of it; `None`: the team.
    pub owner: Option<String>,
    pub start_on: NaiveDate,
    /// When to look again.
    pub review_on: Option<NaiveDate>,
    pub status: MeasureStatus,
    /// The day it was ended (status `ended`): from this day on it no longer runs.
    pub ended_on: Option<NaiveDate>,
}

impl Measure {
    /// Whether it ran on any day from `from` to `to`.
    pub fn runs_within(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.start_on <= to && self.ended_on.is_none_or(|end| end > from)
    }

    /// Its mark on a trend.
    pub fn mark(&self) -> MeasureMark {
        MeasureMark {
            id: self.id,
            title: self.title.clone(),
            on: self.start_on,
        }
    }
}

/// A measure's start as a trend marks it: its number, title and first day. Names nobody.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MeasureMark {
    pub id: i64,
    pub title: String,
    pub on: NaiveDate,
}

/// What a person enters for a new measure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MeasureDraft {
    pub title: String,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub why: Option<Why>,
    /// A member's name; `None` (or empty): the team.
    #[serde(default)]
    pub owner: Option<String>,
    pub start_on: NaiveDate,
    #[serde(default)]
    pub review_on: Option<NaiveDate>,
    /// `None`: planned when it starts after `today`, running otherwise.
    #[serde(default)]
    pub status: Option<MeasureStatus>,
}

impl MeasureDraft {
    /// The checked draft: title trimmed, owner trimmed (empty is the team), status decided.
    pub fn checked(mut self, today: NaiveDate) -> Result<MeasureDraft, CycleError> {
        self.title = check_text(&self.title, "measure title", MEASURE_TITLE_MAX)?;
        self.owner = self
            .owner
            .map(|o| o.trim().to_string())
            .filter(|o| !is_the_team(o));
        if let Some(review) = self.review_on.filter(|r| *r < self.start_on) {
            return Err(CycleError::BeforeStart {
                what: "the day to look again",
                start: self.start_on,
                end: review,
            });
        }
        if self.status == Some(MeasureStatus::Ended) {
            // An ended measure needs the day it ended: set it with the status.
            return Err(CycleError::EndedWithoutDay);
        }
        self.status = Some(self.status.unwrap_or(if self.start_on > today {
            MeasureStatus::Planned
        } else {
            MeasureStatus::Running
        }));
        Ok(self)
    }
}

/// Whether an owner's name means the whole team.
pub fn is_the_team(name: &str) -> bool {
    matches!(
        name.trim().to_lowercase().as_str(),
        "" | "team" | "the team" | "das team" | "alle" | "all"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_read_in_both_languages_and_a_measure_runs_until_it_ended() {
        assert_eq!(
            "beibehalten".parse::<MeasureStatus>(),
            Ok(MeasureStatus::Kept)
        );
        assert_eq!("ENDED".parse::<MeasureStatus>(), Ok(MeasureStatus::Ended));
        assert!("vielleicht".parse::<MeasureStatus>().is_err());
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).expect("date");
        let m = Measure {
            id: 1,
            title: "Rückruf".into(),
            why: None,
            owner: None,
            start_on: day(10),
            review_on: None,
            status: MeasureStatus::Ended,
            ended_on: Some(day(20)),
        };
        assert!(m.runs_within(day(1), day(10)));
        assert!(m.runs_within(day(19), day(30)));
        assert!(!m.runs_within(day(20), day(30)));
        assert!(!m.runs_within(day(1), day(9)));
        assert!(is_the_team(" Das Team "));
    }
}
