//! The improvement cycle's tables in the SQLite file: goals, measures, service rules and
//! meetings (dates as ISO text, the minutes as JSON).

use chrono::NaiveDate;
use rusqlite::{params, Row};

use super::feedback::cause_id;
use super::rows::member_id_by_name;
use super::SqliteStore;
use crate::cycle::meeting::MeetingRecord;
use crate::cycle::{
    Conclusions, Focus, Goal, GoalDraft, GoalTarget, Measure, MeasureDraft, MeasureStatus, Meeting,
    MeetingSummary, Metric, RuleRow, Why,
};
use crate::domain::{self, Code};
use crate::store::cycle::{minutes_from_json, minutes_json};
use crate::store::{Result, StoreError};

const GOAL_COLUMNS: &str = "g.id, g.text, g.start_on, g.ended_on, g.metric, g.part_kind, \
    g.part_code, g.target, c.code";
/// Goals with the code of the cause a complaints goal counts.
const GOAL_FROM: &str = "goal g LEFT JOIN feedback_cause c ON c.id = g.cause_id";

/// A date as the file stores it.
pub(super) fn iso(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

pub(super) fn date(text: &str) -> Result<NaiveDate> {
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

/// Inserts a goal row inside `tx` (under `id`, when a copy keeps its ids); its cause, if
/// any, by the cause's row.
fn insert_goal_in(
    tx: &rusqlite::Transaction<'_>,
    id: Option<i64>,
    text: &str,
    start_on: NaiveDate,
    ended_on: Option<NaiveDate>,
    target: Option<&GoalTarget>,
    written_at: i64,
) -> Result<i64> {
    let part = target.and_then(|t| t.part);
    let cause = match target.and_then(|t| t.cause.as_deref()) {
        Some(code) => Some(cause_id(tx, code)?),
        None => None,
    };
    tx.execute(
        "INSERT INTO goal (id, text, start_on, ended_on, metric, part_kind, part_code, cause_id, \
         target, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            id,
            text,
            iso(start_on),
            ended_on.map(iso),
            target.map(|t| t.metric.code()),
            part.map(Focus::kind),
            part.map(Focus::db_id),
            cause,
            target.map(|t| t.value),
            written_at,
        ],
    )?;
    Ok(tx.last_insert_rowid())
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
    let cause: Option<String> = r.get(8)?;
    Ok((|| {
        let target = match (metric, target) {
            (Some(metric), Some(value)) => Some(GoalTarget {
                metric: Metric::from_code(&metric)
                    .ok_or_else(|| StoreError::Corrupt(format!("metric {metric}")))?,
                part: focus(part_kind, part_code)?,
                cause,
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
            "SELECT {GOAL_COLUMNS} FROM {GOAL_FROM} ORDER BY g.start_on, g.id"
        ))?;
        let rows = stmt.query_map([], goal_from_row)?;
        let mut goals = Vec::new();
        for row in rows {
            goals.push(row??);
        }
        Ok(goals)
    }

    pub fn insert_goal(&mut self, draft: &GoalDraft, written_at: i64) -> Result<Goal> {
        self.write(|tx| {
            let id = insert_goal_in(
                tx,
                None,
                &draft.text,
                draft.start_on,
                None,
                draft.target.as_ref(),
                written_at,
            )?;
            Ok(Goal {
                id,
                text: draft.text.clone(),
                start_on: draft.start_on,
                ended_on: None,
                target: draft.target.clone(),
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

const MEASURE_COLUMNS: &str = "x.id, x.title, x.why_kind, x.why_code, m.name, x.start_on, \
    x.review_on, x.status, x.ended_on, c.code";

fn measure_from_row(r: &Row<'_>) -> rusqlite::Result<Result<Measure>> {
    let id: i64 = r.get(0)?;
    let title: String = r.get(1)?;
    let why_kind: Option<String> = r.get(2)?;
    let why_code: Option<i64> = r.get(3)?;
    let owner: Option<String> = r.get(4)?;
    let start: String = r.get(5)?;
    let review: Option<String> = r.get(6)?;
    let status: String = r.get(7)?;
    let end: Option<String> = r.get(8)?;
    let cause: Option<String> = r.get(9)?;
    Ok((|| {
        Ok(Measure {
            id,
            title,
            why: match cause {
                Some(code) => Some(Why::Cause(code)),
                None => focus(why_kind, why_code)?.map(Why::Focus),
            },
            owner,
            start_on: date(&start)?,
            review_on: review.as_deref().map(date).transpose()?,
            status: MeasureStatus::parse(&status)
                .map_err(|_| StoreError::Corrupt(format!("status {status}")))?,
            ended_on: end.as_deref().map(date).transpose()?,
        })
    })())
}

impl SqliteStore {
    pub fn list_measures(&self) -> Result<Vec<Measure>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {MEASURE_COLUMNS} FROM measure x LEFT JOIN member m ON m.id = x.owner_id \
             LEFT JOIN feedback_cause c ON c.id = x.why_cause_id ORDER BY x.start_on, x.id"
        ))?;
        let rows = stmt.query_map([], measure_from_row)?;
        let mut measures = Vec::new();
        for row in rows {
            measures.push(row??);
        }
        Ok(measures)
    }

    pub fn insert_measure(&mut self, draft: &MeasureDraft, written_at: i64) -> Result<Measure> {
        self.write(|tx| insert_measure_in(tx, draft, written_at))
    }

    pub fn set_measure_status(
        &mut self,
        id: i64,
        status: MeasureStatus,
        ended_on: Option<NaiveDate>,
    ) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE measure SET status = ?2, ended_on = ?3 WHERE id = ?1",
                params![id, status.code(), ended_on.map(iso)],
            )?;
            Ok(())
        })
    }
}

/// Inserts a measure row inside `tx` (under `id`, when a copy keeps its ids): a focus by
/// its kind and code, a cause by the cause's row.
#[allow(clippy::too_many_arguments)]
fn insert_measure_row(
    tx: &rusqlite::Transaction<'_>,
    id: Option<i64>,
    title: &str,
    why: Option<&Why>,
    owner_id: Option<i64>,
    (start_on, review_on): (NaiveDate, Option<NaiveDate>),
    (status, ended_on): (MeasureStatus, Option<NaiveDate>),
    written_at: i64,
) -> Result<i64> {
    let focus = why.and_then(Why::focus);
    let cause = match why.and_then(Why::cause) {
        Some(code) => Some(cause_id(tx, code)?),
        None => None,
    };
    tx.execute(
        "INSERT INTO measure (id, title, why_kind, why_code, why_cause_id, owner_id, start_on, \
         review_on, status, ended_on, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            id,
            title,
            focus.map(Focus::kind),
            focus.map(Focus::db_id),
            cause,
            owner_id,
            iso(start_on),
            review_on.map(iso),
            status.code(),
            ended_on.map(iso),
            written_at,
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Inserts a checked measure inside `tx` (also while a meeting is saved).
pub(super) fn insert_measure_in(
    tx: &rusqlite::Transaction<'_>,
    draft: &MeasureDraft,
    written_at: i64,
) -> Result<Measure> {
    let owner_id = match &draft.owner {
        Some(name) => Some(
            member_id_by_name(tx, name)?
                .ok_or_else(|| StoreError::UnknownMember(domain::shorten(name, 80)))?,
        ),
        None => None,
    };
    let status = draft.status.unwrap_or(MeasureStatus::Planned);
    let id = insert_measure_row(
        tx,
        None,
        &draft.title,
        draft.why.as_ref(),
        owner_id,
        (draft.start_on, draft.review_on),
        (status, None),
        written_at,
    )?;
    let owner: Option<String> = match owner_id {
        Some(m) => Some(tx.query_row("SELECT name FROM member WHERE id = ?1", [m], |r| r.get(0))?),
        None => None,
    };
    Ok(Measure {
        id,
        title: draft.title.clone(),
        why: draft.why.clone(),
        owner,
        start_on: draft.start_on,
        review_on: draft.review_on,
        status,
        ended_on: None,
    })
}

impl SqliteStore {
    pub fn list_rule_rows(&self) -> Result<Vec<RuleRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, default_no, text, retired_on FROM service_rule ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<i64>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, default_no, text, retired) = row?;
            out.push(RuleRow {
                id,
                default_no,
                text,
                retired_on: retired.as_deref().map(date).transpose()?,
            });
        }
        Ok(out)
    }

    pub fn insert_rule(&mut self, words: &str, written_at: i64) -> Result<i64> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO service_rule (text, created_at) VALUES (?1, ?2)",
                params![words, written_at],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    pub fn set_rule_text(&mut self, id: i64, words: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE service_rule SET text = ?2 WHERE id = ?1",
                params![id, words],
            )?;
            Ok(())
        })
    }

    pub fn set_rule_retired(&mut self, id: i64, on: Option<NaiveDate>) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE service_rule SET retired_on = ?2 WHERE id = ?1",
                params![id, on.map(iso)],
            )?;
            Ok(())
        })
    }
}

const MEETING_COLUMNS: &str = "id, held_on, period_from, period_to, goal_text, procedure_text, \
    result_text, conclusion_text";

fn summary_from_row(r: &Row<'_>) -> rusqlite::Result<Result<MeetingSummary>> {
    let id: i64 = r.get(0)?;
    let (held, from, to): (String, String, String) = (r.get(1)?, r.get(2)?, r.get(3)?);
    let conclusions = Conclusions {
        goal: r.get(4)?,
        procedure: r.get(5)?,
        result: r.get(6)?,
        conclusion: r.get(7)?,
    };
    Ok((|| {
        Ok(MeetingSummary {
            id,
            held_on: date(&held)?,
            from: date(&from)?,
            to: date(&to)?,
            conclusions,
        })
    })())
}

impl SqliteStore {
    pub fn save_meeting(&mut self, record: MeetingRecord) -> Result<i64> {
        let MeetingRecord {
            held_on,
            from,
            to,
            conclusions,
            saved_at,
            decisions,
            new_measures,
            mut minutes,
        } = record;
        self.write(|tx| {
            for (id, status, ended_on) in &decisions {
                tx.execute(
                    "UPDATE measure SET status = ?2, ended_on = ?3 WHERE id = ?1",
                    params![id, status.code(), ended_on.map(iso)],
                )?;
            }
            let kept = new_measures
                .iter()
                .map(|draft| insert_measure_in(tx, draft, saved_at))
                .collect::<Result<Vec<_>>>()?;
            let json = minutes_json(&mut minutes, &kept)?;
            tx.execute(
                "INSERT INTO meeting (held_on, period_from, period_to, goal_text, procedure_text, \
                 result_text, conclusion_text, minutes, saved_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    iso(held_on),
                    iso(from),
                    iso(to),
                    conclusions.goal,
                    conclusions.procedure,
                    conclusions.result,
                    conclusions.conclusion,
                    json,
                    saved_at,
                ],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    pub fn list_meetings(&self) -> Result<Vec<MeetingSummary>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {MEETING_COLUMNS} FROM meeting ORDER BY held_on DESC, id DESC"
        ))?;
        let rows = stmt.query_map([], summary_from_row)?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row??);
        }
        Ok(out)
    }

    pub fn get_meeting(&self, id: i64) -> Result<Option<Meeting>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {MEETING_COLUMNS}, minutes, saved_at FROM meeting WHERE id = ?1"
        ))?;
        let mut rows = stmt.query([id])?;
        let Some(row) = rows.next()? else {
            return Ok(None);
        };
        let summary = summary_from_row(row)??;
        let json: String = row.get(8)?;
        Ok(Some(Meeting {
            id: summary.id,
            held_on: summary.held_on,
            from: summary.from,
            to: summary.to,
            conclusions: summary.conclusions,
            saved_at: row.get(9)?,
            minutes: minutes_from_json(&json)?,
        }))
    }
}

impl SqliteStore {
    /// Writes another database's cycle records under their own ids (an upload into a
    /// database without any of its own), in one transaction.
    pub fn put_cycle_copy(
        &mut self,
        copy: &crate::store::CycleCopy,
        written_at: i64,
    ) -> Result<()> {
        self.write(|tx| {
            tx.execute("DELETE FROM service_rule", [])?;
            for r in &copy.rules {
                tx.execute(
                    "INSERT INTO service_rule (id, default_no, text, retired_on, created_at) \
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![
                        r.id,
                        r.default_no,
                        r.text,
                        r.retired_on.map(iso),
                        written_at
                    ],
                )?;
            }
            for g in &copy.goals {
                insert_goal_in(
                    tx,
                    Some(g.id),
                    &g.text,
                    g.start_on,
                    g.ended_on,
                    g.target.as_ref(),
                    written_at,
                )?;
            }
            for m in &copy.measures {
                let owner = match &m.owner {
                    Some(name) => member_id_by_name(tx, name)?,
                    None => None,
                };
                insert_measure_row(
                    tx,
                    Some(m.id),
                    &m.title,
                    m.why.as_ref(),
                    owner,
                    (m.start_on, m.review_on),
                    (m.status, m.ended_on),
                    written_at,
                )?;
            }
            for m in &copy.meetings {
                let json = serde_json::to_string(&m.minutes).map_err(|e| {
                    StoreError::Corrupt(format!("the minutes cannot be written: {e}"))
                })?;
                tx.execute(
                    "INSERT INTO meeting (id, held_on, period_from, period_to, goal_text, \
                     procedure_text, result_text, conclusion_text, minutes, saved_at) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                    params![
                        m.id,
                        iso(m.held_on),
                        iso(m.from),
                        iso(m.to),
                        m.conclusions.goal,
                        m.conclusions.procedure,
                        m.conclusions.result,
                        m.conclusions.conclusion,
                        json,
                        m.saved_at,
                    ],
                )?;
            }
            Ok(())
        })
    }
}
