//! The improvement cycle's tables on PostgreSQL: goals.

use chrono::NaiveDate;

use super::PostgresStore;
use crate::cycle::{Focus, Goal, GoalDraft, GoalTarget, Metric};
use crate::store::{Result, StoreError};

const GOAL_COLUMNS: &str = "id, text, start_on, ended_on, metric, part_kind, part_code, target";

/// A focus stored as kind and code; `None` when the row has none.
pub(super) fn focus(kind: Option<String>, code: Option<i16>) -> Result<Option<Focus>> {
    match (kind, code) {
        (Some(kind), Some(code)) => Focus::from_db(&kind, i64::from(code))
            .map(Some)
            .ok_or_else(|| StoreError::Corrupt(format!("{kind} {code}"))),
        _ => Ok(None),
    }
}

fn goal_from_row(r: &postgres::Row) -> Result<Goal> {
    let metric: Option<String> = r.try_get(4)?;
    let value: Option<f64> = r.try_get(7)?;
    let target = match (metric, value) {
        (Some(metric), Some(value)) => Some(GoalTarget {
            metric: Metric::from_code(&metric)
                .ok_or_else(|| StoreError::Corrupt(format!("metric {metric}")))?,
            part: focus(r.try_get(5)?, r.try_get(6)?)?,
            value,
        }),
        _ => None,
    };
    Ok(Goal {
        id: r.try_get(0)?,
        text: r.try_get(1)?,
        start_on: r.try_get(2)?,
        ended_on: r.try_get(3)?,
        target,
    })
}

impl PostgresStore {
    pub fn list_goals(&self) -> Result<Vec<Goal>> {
        self.client()
            .query(
                &format!("SELECT {GOAL_COLUMNS} FROM goal ORDER BY start_on, id"),
                &[],
            )?
            .iter()
            .map(goal_from_row)
            .collect()
    }

    pub fn insert_goal(&mut self, draft: &GoalDraft, written_at: i64) -> Result<Goal> {
        let t = draft.target;
        let part = t.and_then(|t| t.part);
        let row = self.client().query_one(
            "INSERT INTO goal (text, start_on, metric, part_kind, part_code, target, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            &[
                &draft.text,
                &draft.start_on,
                &t.map(|t| t.metric.code()),
                &part.map(Focus::kind),
                &part.map(|p| i16::from(p.db_id())),
                &t.map(|t| t.value),
                &written_at,
            ],
        )?;
        Ok(Goal {
            id: row.get(0),
            text: draft.text.clone(),
            start_on: draft.start_on,
            ended_on: None,
            target: draft.target,
        })
    }

    pub fn end_goal(&mut self, id: i64, on: NaiveDate) -> Result<()> {
        self.client()
            .execute("UPDATE goal SET ended_on = $2 WHERE id = $1", &[&id, &on])?;
        Ok(())
    }
}
