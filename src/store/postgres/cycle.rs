//! The improvement cycle's tables on PostgreSQL: goals, measures, service rules and
//! meetings (the minutes as JSON text, kept exactly as written).

use chrono::NaiveDate;

use postgres::GenericClient;

use super::{member_id_in, PostgresStore};
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

/// The row of the cause `code`: an unknown code is refused, never stored as "all".
fn cause_id(client: &mut impl GenericClient, code: &str) -> Result<i64> {
    Ok(client
        .query_opt("SELECT id FROM feedback_cause WHERE code = $1", &[&code])?
        .ok_or_else(|| StoreError::Corrupt(format!("no cause with the code {code}")))?
        .get(0))
}

/// The cause row of a goal's target, if it counts complaints of one cause.
fn target_cause_id(
    client: &mut impl GenericClient,
    target: Option<&GoalTarget>,
) -> Result<Option<i64>> {
    target
        .and_then(|t| t.cause.as_deref())
        .map(|code| cause_id(client, code))
        .transpose()
}

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
            cause: r.try_get(8)?,
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
                &format!("SELECT {GOAL_COLUMNS} FROM {GOAL_FROM} ORDER BY g.start_on, g.id"),
                &[],
            )?
            .iter()
            .map(goal_from_row)
            .collect()
    }

    pub fn insert_goal(&mut self, draft: &GoalDraft, written_at: i64) -> Result<Goal> {
        let t = draft.target.as_ref();
        let part = t.and_then(|t| t.part);
        let mut client = self.client();
        let cause = target_cause_id(&mut *client, t)?;
        let row = client.query_one(
            "INSERT INTO goal (text, start_on, metric, part_kind, part_code, cause_id, target, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            &[
                &draft.text,
                &draft.start_on,
                &t.map(|t| t.metric.code()),
                &part.map(Focus::kind),
                &part.map(|p| i16::from(p.db_id())),
                &cause,
                &t.map(|t| t.value),
                &written_at,
            ],
        )?;
        Ok(Goal {
            id: row.get(0),
            text: draft.text.clone(),
            start_on: draft.start_on,
            ended_on: None,
            target: draft.target.clone(),
        })
    }

    pub fn end_goal(&mut self, id: i64, on: NaiveDate) -> Result<()> {
        self.client()
            .execute("UPDATE goal SET ended_on = $2 WHERE id = $1", &[&id, &on])?;
        Ok(())
    }
}

const MEASURE_COLUMNS: &str = "x.id, x.title, x.why_kind, x.why_code, m.name, x.start_on, \
    x.review_on, x.status, x.ended_on, c.code";

fn measure_from_row(r: &postgres::Row) -> Result<Measure> {
    let status: String = r.try_get(7)?;
    Ok(Measure {
        id: r.try_get(0)?,
        title: r.try_get(1)?,
        why: match r.try_get::<_, Option<String>>(9)? {
            Some(code) => Some(Why::Cause(code)),
            None => focus(r.try_get(2)?, r.try_get(3)?)?.map(Why::Focus),
        },
        owner: r.try_get(4)?,
        start_on: r.try_get(5)?,
        review_on: r.try_get(6)?,
        status: MeasureStatus::parse(&status)
            .map_err(|_| StoreError::Corrupt(format!("status {status}")))?,
        ended_on: r.try_get(8)?,
    })
}

impl PostgresStore {
    pub fn list_measures(&self) -> Result<Vec<Measure>> {
        self.client()
            .query(
                &format!(
                    "SELECT {MEASURE_COLUMNS} FROM measure x \
                     LEFT JOIN member m ON m.id = x.owner_id \
                     LEFT JOIN feedback_cause c ON c.id = x.why_cause_id \
                     ORDER BY x.start_on, x.id"
                ),
                &[],
            )?
            .iter()
            .map(measure_from_row)
            .collect()
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
        self.client().execute(
            "UPDATE measure SET status = $2, ended_on = $3 WHERE id = $1",
            &[&id, &status.code(), &ended_on],
        )?;
        Ok(())
    }
}

/// What a measure is about as its columns: a focus, or the row of a cause.
fn why_columns(
    client: &mut impl GenericClient,
    why: Option<&Why>,
) -> Result<(Option<Focus>, Option<i64>)> {
    let cause = why
        .and_then(Why::cause)
        .map(|code| cause_id(client, code))
        .transpose()?;
    Ok((why.and_then(Why::focus), cause))
}

/// Inserts a checked measure inside `tx` (also while a meeting is saved).
pub(super) fn insert_measure_in(
    tx: &mut impl GenericClient,
    draft: &MeasureDraft,
    written_at: i64,
) -> Result<Measure> {
    let (owner_id, owner) = match &draft.owner {
        Some(name) => {
            let id = member_id_in(tx, name)?
                .ok_or_else(|| StoreError::UnknownMember(domain::shorten(name, 80)))?;
            let stored: String = tx
                .query_one("SELECT name FROM member WHERE id = $1", &[&id])?
                .get(0);
            (Some(id), Some(stored))
        }
        None => (None, None),
    };
    let status = draft.status.unwrap_or(MeasureStatus::Planned);
    let (focus, cause) = why_columns(tx, draft.why.as_ref())?;
    let row = tx.query_one(
        "INSERT INTO measure (title, why_kind, why_code, why_cause_id, owner_id, start_on, \
         review_on, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        &[
            &draft.title,
            &focus.map(Focus::kind),
            &focus.map(|w| i16::from(w.db_id())),
            &cause,
            &owner_id,
            &draft.start_on,
            &draft.review_on,
            &status.code(),
            &written_at,
        ],
    )?;
    Ok(Measure {
        id: row.get(0),
        title: draft.title.clone(),
        why: draft.why.clone(),
        owner,
        start_on: draft.start_on,
        review_on: draft.review_on,
        status,
        ended_on: None,
    })
}

impl PostgresStore {
    pub fn list_rule_rows(&self) -> Result<Vec<RuleRow>> {
        self.client()
            .query(
                "SELECT id, default_no, text, retired_on FROM service_rule ORDER BY id",
                &[],
            )?
            .iter()
            .map(|r| {
                Ok(RuleRow {
                    id: r.try_get(0)?,
                    default_no: r.try_get::<_, Option<i16>>(1)?.map(i64::from),
                    text: r.try_get(2)?,
                    retired_on: r.try_get(3)?,
                })
            })
            .collect()
    }

    pub fn insert_rule(&mut self, words: &str, written_at: i64) -> Result<i64> {
        Ok(self
            .client()
            .query_one(
                "INSERT INTO service_rule (text, created_at) VALUES ($1, $2) RETURNING id",
                &[&words, &written_at],
            )?
            .get(0))
    }

    pub fn set_rule_text(&mut self, id: i64, words: &str) -> Result<()> {
        self.client().execute(
            "UPDATE service_rule SET text = $2 WHERE id = $1",
            &[&id, &words],
        )?;
        Ok(())
    }

    pub fn set_rule_retired(&mut self, id: i64, on: Option<NaiveDate>) -> Result<()> {
        self.client().execute(
            "UPDATE service_rule SET retired_on = $2 WHERE id = $1",
            &[&id, &on],
        )?;
        Ok(())
    }
}

const MEETING_COLUMNS: &str = "id, held_on, period_from, period_to, goal_text, procedure_text, \
    result_text, conclusion_text";

fn summary_from_row(r: &postgres::Row) -> Result<MeetingSummary> {
    Ok(MeetingSummary {
        id: r.try_get(0)?,
        held_on: r.try_get(1)?,
        from: r.try_get(2)?,
        to: r.try_get(3)?,
        conclusions: Conclusions {
            goal: r.try_get(4)?,
            procedure: r.try_get(5)?,
            result: r.try_get(6)?,
            conclusion: r.try_get(7)?,
        },
    })
}

impl PostgresStore {
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
                    "UPDATE measure SET status = $2, ended_on = $3 WHERE id = $1",
                    &[id, &status.code(), ended_on],
                )?;
            }
            let kept = new_measures
                .iter()
                .map(|draft| insert_measure_in(tx, draft, saved_at))
                .collect::<Result<Vec<_>>>()?;
            let json = minutes_json(&mut minutes, &kept)?;
            Ok(tx
                .query_one(
                    "INSERT INTO meeting (held_on, period_from, period_to, goal_text, \
                     procedure_text, result_text, conclusion_text, minutes, saved_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                    &[
                        &held_on,
                        &from,
                        &to,
                        &conclusions.goal,
                        &conclusions.procedure,
                        &conclusions.result,
                        &conclusions.conclusion,
                        &json,
                        &saved_at,
                    ],
                )?
                .get(0))
        })
    }

    pub fn list_meetings(&self) -> Result<Vec<MeetingSummary>> {
        self.client()
            .query(
                &format!("SELECT {MEETING_COLUMNS} FROM meeting ORDER BY held_on DESC, id DESC"),
                &[],
            )?
            .iter()
            .map(summary_from_row)
            .collect()
    }

    pub fn get_meeting(&self, id: i64) -> Result<Option<Meeting>> {
        let Some(row) = self.client().query_opt(
            &format!("SELECT {MEETING_COLUMNS}, minutes, saved_at FROM meeting WHERE id = $1"),
            &[&id],
        )?
        else {
            return Ok(None);
        };
        let summary = summary_from_row(&row)?;
        let json: String = row.try_get(8)?;
        Ok(Some(Meeting {
            id: summary.id,
            held_on: summary.held_on,
            from: summary.from,
            to: summary.to,
            conclusions: summary.conclusions,
            saved_at: row.try_get(9)?,
            minutes: minutes_from_json(&json)?,
        }))
    }
}

impl PostgresStore {
    /// Writes another database's cycle records under their own ids (an upload into a team
    /// database without any of its own), in one transaction; the id sequences follow.
    pub fn put_cycle_copy(
        &mut self,
        copy: &crate::store::CycleCopy,
        written_at: i64,
    ) -> Result<()> {
        self.write(|tx| {
            tx.execute("DELETE FROM service_rule", &[])?;
            for r in &copy.rules {
                tx.execute(
                    "INSERT INTO service_rule (id, default_no, text, retired_on, created_at) \
                     VALUES ($1, $2, $3, $4, $5)",
                    &[
                        &r.id,
                        &r.default_no.and_then(|n| i16::try_from(n).ok()),
                        &r.text,
                        &r.retired_on,
                        &written_at,
                    ],
                )?;
            }
            for g in &copy.goals {
                let t = g.target.as_ref();
                let part = t.and_then(|t| t.part);
                let cause = target_cause_id(tx, t)?;
                tx.execute(
                    "INSERT INTO goal (id, text, start_on, ended_on, metric, part_kind, part_code, \
                     cause_id, target, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                    &[
                        &g.id,
                        &g.text,
                        &g.start_on,
                        &g.ended_on,
                        &t.map(|t| t.metric.code()),
                        &part.map(Focus::kind),
                        &part.map(|p| i16::from(p.db_id())),
                        &cause,
                        &t.map(|t| t.value),
                        &written_at,
                    ],
                )?;
            }
            for m in &copy.measures {
                let owner = match &m.owner {
                    Some(name) => member_id_in(tx, name)?,
                    None => None,
                };
                let (focus, cause) = why_columns(tx, m.why.as_ref())?;
                tx.execute(
                    "INSERT INTO measure (id, title, why_kind, why_code, why_cause_id, owner_id, \
                     start_on, review_on, status, ended_on, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                    &[
                        &m.id,
                        &m.title,
                        &focus.map(Focus::kind),
                        &focus.map(|w| i16::from(w.db_id())),
                        &cause,
                        &owner,
                        &m.start_on,
                        &m.review_on,
                        &m.status.code(),
                        &m.ended_on,
                        &written_at,
                    ],
                )?;
            }
            for m in &copy.meetings {
                let json = serde_json::to_string(&m.minutes).map_err(|e| {
                    StoreError::Corrupt(format!("the minutes cannot be written: {e}"))
                })?;
                tx.execute(
                    "INSERT INTO meeting (id, held_on, period_from, period_to, goal_text, \
                     procedure_text, result_text, conclusion_text, minutes, saved_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                    &[
                        &m.id,
                        &m.held_on,
                        &m.from,
                        &m.to,
                        &m.conclusions.goal,
                        &m.conclusions.procedure,
                        &m.conclusions.result,
                        &m.conclusions.conclusion,
                        &json,
                        &m.saved_at,
                    ],
                )?;
            }
            // Explicit ids leave the identity sequences behind. Stepping each past its
            // table's largest id needs only the USAGE the app's role has (setval would need
            // UPDATE on the sequence).
            for table in ["service_rule", "goal", "measure", "meeting"] {
                tx.execute(
                    &format!(
                        "SELECT count(nextval(pg_get_serial_sequence('{table}', 'id'))) \
                         FROM generate_series(1, (SELECT coalesce(max(id), 0) FROM {table}))"
                    ),
                    &[],
                )?;
            }
            Ok(())
        })
    }
}
