//! Goals: what the team aims for, from a start date on — in words, and optionally with a
//! measurable part (the golden share of all contacts or of one focus, or the complaints
//! per week of one cause or of all) and the value aimed for. They replace the single "target golden share" of earlier versions; a new file has
//! none, so no target line is drawn until the team sets one.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{check_text, CycleError, Focus};

/// The longest goal text, in characters.
pub const GOAL_TEXT_MAX: usize = 300;

/// What a goal's value measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Metric {
    /// The share of golden contacts, 0–1.
    GoldenShare,
    /// Complaints that came in per week (Monday to Sunday), 0 or more: at most this many.
    ComplaintsPerWeek,
}

impl Metric {
    /// As the database stores it.
    pub fn code(self) -> &'static str {
        match self {
            Metric::GoldenShare => "golden-share",
            Metric::ComplaintsPerWeek => "complaints-per-week",
        }
    }

    pub fn from_code(code: &str) -> Option<Metric> {
        match code {
            "golden-share" => Some(Metric::GoldenShare),
            "complaints-per-week" => Some(Metric::ComplaintsPerWeek),
            _ => None,
        }
    }
}

/// A goal's measurable part: what is measured, for which contacts or complaints, and the
/// value aimed for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GoalTarget {
    pub metric: Metric,
    /// The contacts a golden share is about; `None` is all of the team's contacts. Always
    /// `None` for complaints.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub part: Option<Focus>,
    /// The cause complaints per week are counted for, by its code (as the feedback
    /// figures name causes); `None` is all complaints. Always `None` for a golden share.
    #[serde(default)]
    pub cause: Option<String>,
    /// The value aimed for: a share from 0 to 1, or complaints per week (0 or more).
    pub value: f64,
}

impl GoalTarget {
    /// A golden share for `part` (all contacts when `None`).
    pub fn golden_share(part: Option<Focus>, value: f64) -> GoalTarget {
        GoalTarget {
            metric: Metric::GoldenShare,
            part,
            cause: None,
            value,
        }
    }

    /// Complaints per week for `cause` (all complaints when `None`).
    pub fn complaints_per_week(cause: Option<String>, value: f64) -> GoalTarget {
        GoalTarget {
            metric: Metric::ComplaintsPerWeek,
            part: None,
            cause,
            value,
        }
    }
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
            match t.metric {
                Metric::GoldenShare => {
                    if !(0.0..=1.0).contains(&t.value) {
                        return Err(CycleError::BadTargetValue(t.value.to_string()));
                    }
                    if t.cause.is_some() {
                        return Err(CycleError::CauseWithGoldenShare);
                    }
                }
                Metric::ComplaintsPerWeek => {
                    if !(t.value.is_finite() && t.value >= 0.0) {
                        return Err(CycleError::BadComplaintsTarget(t.value.to_string()));
                    }
                    if t.part.is_some() {
                        return Err(CycleError::PartWithComplaints);
                    }
                }
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
    in_force(goals, day, |t| {
        t.metric == Metric::GoldenShare && t.part == part
    })
}

/// The complaints-per-week goal for `cause` (`None`: all complaints) in force on `day`
/// (the one that started last), and its value.
pub fn complaints_target_on<'g>(
    goals: &'g [Goal],
    cause: Option<&str>,
    day: NaiveDate,
) -> Option<(&'g Goal, f64)> {
    in_force(goals, day, |t| {
        t.metric == Metric::ComplaintsPerWeek && t.cause.as_deref() == cause
    })
}

/// The complaints target of the week `from`–`to` for `cause`, drawn from the day its goal
/// started (or the week's first day), like [`period_target`].
pub fn period_complaints_target(
    goals: &[Goal],
    cause: Option<&str>,
    from: NaiveDate,
    to: NaiveDate,
) -> Option<PeriodTarget> {
    complaints_target_on(goals, cause, to).map(|(goal, value)| PeriodTarget {
        value,
        from: goal.start_on.max(from),
    })
}

/// The goal whose target `fits` and that is in force on `day` (the one started last).
fn in_force(
    goals: &[Goal],
    day: NaiveDate,
    fits: impl Fn(&GoalTarget) -> bool,
) -> Option<(&Goal, f64)> {
    goals
        .iter()
        .filter(|g| g.in_force_on(day))
        .filter_map(|g| match &g.target {
            Some(t) if fits(t) => Some((g, t.value)),
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
            target: Some(GoalTarget::golden_share(part, value)),
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

    #[test]
    fn a_complaints_goal_follows_its_cause_and_is_checked() {
        let mut goals = vec![
            goal(1, 2, None, None, 0.5),
            Goal {
                target: Some(GoalTarget::complaints_per_week(
                    Some("waiting-time".into()),
                    2.0,
                )),
                ..goal(2, 4, None, None, 0.0)
            },
            Goal {
                target: Some(GoalTarget::complaints_per_week(None, 5.0)),
                ..goal(3, 6, Some(20), None, 0.0)
            },
        ];
        let wait = Some("waiting-time");
        assert_eq!(complaints_target_on(&goals, wait, day(3)), None);
        assert_eq!(
            complaints_target_on(&goals, wait, day(4)).map(|t| t.1),
            Some(2.0)
        );
        assert_eq!(complaints_target_on(&goals, Some("price"), day(9)), None);
        assert_eq!(
            complaints_target_on(&goals, None, day(9)).map(|t| t.1),
            Some(5.0)
        );
        assert_eq!(complaints_target_on(&goals, None, day(20)), None);
        // A golden-share goal is no complaints goal, nor the other way round.
        assert_eq!(target_on(&goals, None, day(9)).map(|t| t.0.id), Some(1));
        // Monday 2 to Sunday 8 November: the goal of the 4th is drawn from that day.
        assert_eq!(
            period_complaints_target(&goals, wait, day(2), day(8)),
            Some(PeriodTarget {
                value: 2.0,
                from: day(4)
            })
        );
        goals.clear();

        let draft = |target| GoalDraft {
            text: "Weniger Wartezeit".into(),
            start_on: day(2),
            target: Some(target),
        };
        assert!(draft(GoalTarget::complaints_per_week(None, 7.5))
            .checked()
            .is_ok());
        assert_eq!(
            draft(GoalTarget::complaints_per_week(None, -1.0)).checked(),
            Err(CycleError::BadComplaintsTarget("-1".into()))
        );
        assert_eq!(
            draft(GoalTarget {
                part: Some(Focus::Channel(Channel::Phone)),
                ..GoalTarget::complaints_per_week(None, 1.0)
            })
            .checked(),
            Err(CycleError::PartWithComplaints)
        );
        assert_eq!(
            draft(GoalTarget {
                cause: Some("price".into()),
                ..GoalTarget::golden_share(None, 0.5)
            })
            .checked(),
            Err(CycleError::CauseWithGoldenShare)
        );
        // A share above 1 is fine as complaints, not as a share.
        assert!(draft(GoalTarget::complaints_per_week(None, 3.0))
            .checked()
            .is_ok());
        assert!(draft(GoalTarget::golden_share(None, 3.0))
            .checked()
            .is_err());
    }
}
