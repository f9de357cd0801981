//! The improvement cycle's tables in the SQLite file: goals (dates as ISO text).

use chrono::NaiveDate;
use rusqlite::{params, Row};

use super::SqliteStore;
use crate::cycle::{Focus, Goal, GoalDraft, GoalTarget, Metric};
use crate::store::{Result, StoreError};

const GOAL_COLUMNS: &str = "id, text, start_on, ended_on, metric, part_kind, part_code, target";

/// A date as the file stores it.
fn iso(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

fn date(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| StoreError::Corrupt(format!("date {text}")))
}

/// A focus stored as kind and code; `None` when the row has none.
pub(super) fn focus(kind: Option<String>, code: Option<i64>) -> Result<Option<Focus>> {
    match (kind, code) {
        (Some(kind), Some(code)) => Focus::from_db(&kind, code)
            .map(Some)
            .ok_or_else(|| StoreError::Corrupt(format!("{kind} {code}"))),
        _ => Ok(None),
    }
}

fn goal_from_row(r: &Row<'_>) -> rusqlite::Result<Result<Goal>> {
    let id: i64 = r.get(0)?;
    let text: String = r.get(1)?;
    let start: String = r.get(2)?;
    let end: Option<String> = r.get(3)?;
    let metric: Option<String> = r.get(4)?;
    let part_kind: Option<String> = r.get(5)?;
    let part_code: Option<i64> = r.get(6)?;
    let target: Option<f64> = r.get(7)?;
    Ok((|| {
        let target = match (metric, target) {
            (Some(metric), Some(value)) => Some(GoalTarget {
                metric: Metric::from_code(&metric)
                    .ok_or_else(|| StoreError::Corrupt(format!("metric {metric}")))?,
                part: focus(part_kind, part_code)?,
                value,
            }),
            _ => None,
        };
        Ok(Goal {
            id,
            text,
            start_on: date(&start)?,
            ended_on: end.as_deref().map(date).transpose()?,
            target,
        })
    })())
}

impl SqliteStore {
    pub fn list_goals(&self) -> Result<Vec<Goal>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {GOAL_COLUMNS} FROM goal ORDER BY start_on, id"
        ))?;
        let rows = stmt.query_map([], goal_from_row)?;
        let mut goals = Vec::new();
        for row in rows {
            goals.push(row??);
        }
        Ok(goals)
    }

    pub fn insert_goal(&mut self, draft: &GoalDraft, written_at: i64) -> Result<Goal> {
        let t = draft.target;
        let part = t.and_then(|t| t.part);
        self.write(|tx| {
            tx.execute(
                "INSERT INTO goal (text, start_on, metric, part_kind, part_code, target, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    draft.text,
                    iso(draft.start_on),
                    t.map(|t| t.metric.code()),
                    part.map(Focus::kind),
                    part.map(Focus::db_id),
                    t.map(|t| t.value),
                    written_at,
                ],
            )?;
            Ok(Goal {
                id: tx.last_insert_rowid(),
                text: draft.text.clone(),
                start_on: draft.start_on,
                ended_on: None,
                target: draft.target,
            })
        })
    }

    pub fn end_goal(&mut self, id: i64, on: NaiveDate) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE goal SET ended_on = ?2 WHERE id = ?1",
                params![id, iso(on)],
            )?;
            Ok(())
        })
    }
}
