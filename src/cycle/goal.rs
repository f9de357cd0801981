//! Goals: what the team aims for, from a start date on — in words, and optionally with a
//! measurable part (the golden share of all contacts or of one focus) and the value aimed
//! for. They replace the single "target golden share" of earlier versions; a new file has
//! none, so no target line is drawn until the team sets one.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{check_text, CycleError, Focus};

/// The longest goal text, in characters.
pub const GOAL_TEXT_MAX: usize = 300;

/// What a goal's value measures. Complaints per week for a cause join when the feedback
/// work has landed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Metric {
    /// The share of golden contacts, 0–1.
    GoldenShare,
}

impl Metric {
    /// As the database stores it.
    pub fn code(self) -> &'static str {
        match self {
            Metric::GoldenShare => "golden-share",
        }
    }

    pub fn from_code(code: &str) -> Option<Metric> {
        match code {
            "golden-share" => Some(Metric::GoldenShare),
            _ => None,
        }
    }
}

/// A goal's measurable part: what is measured, for which contacts, and the value aimed for.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GoalTarget {
    pub metric: Metric,
    /// The contacts it is about; `None` is all of the team's contacts.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub part: Option<Focus>,
    /// The value aimed for: a share from 0 to 1.
    pub value: f64,
}

/// A goal of the team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Goal {
    pub id: i64,
    pub text: String,
    /// The first day it is in force.
    pub start_on: NaiveDate,
    /// The day it was ended: from this day on it is no longer in force.
    pub ended_on: Option<NaiveDate>,
    pub target: Option<GoalTarget>,
}

impl Goal {
    /// Whether the goal is in force on `day`.
    pub fn in_force_on(&self, day: NaiveDate) -> bool {
        self.start_on <= day && self.ended_on.is_none_or(|end| day < end)
    }
}

/// What a person enters for a new goal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GoalDraft {
    pub text: String,
    pub start_on: NaiveDate,
    #[serde(default)]
    pub target: Option<GoalTarget>,
}

impl GoalDraft {
    /// The draft with its text trimmed, or why it cannot be kept.
    pub fn checked(mut self) -> Result<GoalDraft, CycleError> {
        self.text = check_text(&self.text, "goal", GOAL_TEXT_MAX)?;
        if let Some(t) = &self.target {
            let fits = match t.metric {
                Metric::GoldenShare => (0.0..=1.0).contains(&t.value),
            };
            if !fits {
                return Err(CycleError::BadTargetValue(t.value.to_string()));
            }
        }
        Ok(self)
    }
}

/// The target a trend draws in one period: the goal's value, from the day the goal took
/// force within the period (the period's first day when it was in force before).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PeriodTarget {
    pub value: f64,
    pub from: NaiveDate,
}

/// The target of the period `from`–`to` for `part`: the goal in force on its last day,
/// drawn from the day it started (or the period's first day).
pub fn period_target(
    goals: &[Goal],
    part: Option<Focus>,
    from: NaiveDate,
    to: NaiveDate,
) -> Option<PeriodTarget> {
    target_on(goals, part, to).map(|(goal, value)| PeriodTarget {
        value,
        from: goal.start_on.max(from),
    })
}

/// The golden-share goal for `part` in force on `day` (the one that started last), and
/// its value.
pub fn target_on(goals: &[Goal], part: Option<Focus>, day: NaiveDate) -> Option<(&Goal, f64)> {
    goals
        .iter()
        .filter(|g| g.in_force_on(day))
        .filter_map(|g| match g.target {
            Some(t) if t.metric == Metric::GoldenShare && t.part == part => Some((g, t.value)),
            _ => None,
        })
        .max_by_key(|(g, _)| (g.start_on, g.id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Channel;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).expect("date")
    }

    fn goal(id: i64, start: u32, end: Option<u32>, part: Option<Focus>, value: f64) -> Goal {
        Goal {
            id,
            text: format!("goal {id}"),
            start_on: day(start),
            ended_on: end.map(day),
            target: Some(GoalTarget {
                metric: Metric::GoldenShare,
                part,
                value,
            }),
        }
    }

    #[test]
    fn the_goal_started_last_and_still_in_force_sets_the_target() {
        let phone = Some(Focus::Channel(Channel::Phone));
        let goals = [
            goal(1, 2, None, None, 0.5),
            goal(2, 10, Some(20), None, 0.6),
            goal(3, 5, None, phone, 0.7),
        ];
        assert_eq!(target_on(&goals, None, day(1)).map(|t| t.1), None);
        assert_eq!(target_on(&goals, None, day(9)).map(|t| t.1), Some(0.5));
        assert_eq!(target_on(&goals, None, day(10)).map(|t| t.1), Some(0.6));
        assert_eq!(target_on(&goals, None, day(19)).map(|t| t.1), Some(0.6));
        // Ended on the 20th: not in force that day.
        assert_eq!(target_on(&goals, None, day(20)).map(|t| t.1), Some(0.5));
        assert_eq!(target_on(&goals, phone, day(20)).map(|t| t.1), Some(0.7));
    }
}
