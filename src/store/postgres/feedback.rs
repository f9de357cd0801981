//! Customer feedback on the team's PostgreSQL database: items, their history lines, the
//! team's causes and deadlines (tables of `migrations/postgres/0003_feedback.sql`).

use postgres::types::ToSql;
use postgres::{GenericClient, Row};
use uuid::Uuid;

use super::{member_id_in, PostgresStore};
use crate::domain::Code;
use crate::feedback::{Cause, FeedbackEvent, FeedbackItem, FeedbackRef, FeedbackSettings};
use crate::store::feedback::{
    assemble, edited_text, time_parts, unknown, EventRow, FeedbackImported, ItemRow,
};
use crate::store::{Result, StoreError};

/// Serialises the numbering of new items among the team's computers (`MRFB`).
const NUMBER_LOCK: i64 = 0x4D52_4642;

const ITEM_COLUMNS: &str = "f.id, f.number, f.kind, f.summary, c.code, f.urgent, f.reply_wanted, \
    f.contact_id, m.name, f.answer_note, f.share_summary, f.state, f.outcome, f.received_at, \
    f.received_offset, f.answered_at, f.answered_offset, f.closed_at, f.closed_offset";

const ITEM_FROM: &str = "feedback f LEFT JOIN feedback_cause c ON c.id = f.cause_id \
    LEFT JOIN member m ON m.id = f.recorded_by";

type Params<'a> = &'a [&'a (dyn ToSql + Sync)];

fn pair(secs: Option<i64>, offset: Option<i32>) -> Option<(i64, i64)> {
    Some((secs?, i64::from(offset?)))
}

fn item_row(r: &Row) -> ItemRow {
    ItemRow {
        id: r.get(0),
        number: i64::from(r.get::<_, i32>(1)),
        kind: i64::from(r.get::<_, i16>(2)),
        summary: r.get(3),
        cause: r.get(4),
        urgent: r.get(5),
        reply_wanted: r.get(6),
        contact: r.get(7),
        recorded_by: r.get(8),
        answer_note: r.get(9),
        share_summary: r.get(10),
        state: i64::from(r.get::<_, i16>(11)),
        outcome: r.get(12),
        received: (r.get(13), i64::from(r.get::<_, i32>(14))),
        answered: pair(r.get(15), r.get(16)),
        closed: pair(r.get(17), r.get(18)),
    }
}

fn event_row(r: &Row) -> EventRow {
    EventRow {
        feedback: r.get(0),
        at: (r.get(1), i64::from(r.get::<_, i32>(2))),
        from: r.get::<_, Option<i16>>(3).map(i64::from),
        to: i64::from(r.get::<_, i16>(4)),
        edited: r.get(5),
        note: r.get(6),
    }
}

/// Items matching `condition` (on `feedback f`), by number, with their history.
fn read_items(
    client: &mut impl GenericClient,
    condition: &str,
    params: Params<'_>,
) -> Result<Vec<FeedbackItem>> {
    let rows = client
        .query(
            &format!("SELECT {ITEM_COLUMNS} FROM {ITEM_FROM} WHERE {condition} ORDER BY f.number"),
            params,
        )?
        .iter()
        .map(item_row)
        .collect();
    let events = client
        .query(
            &format!(
                "SELECT feedback_id, at, at_offset, from_state, to_state, edited, note \
                 FROM feedback_event WHERE feedback_id IN \
                 (SELECT f.id FROM feedback f WHERE {condition}) ORDER BY feedback_id, seq"
            ),
            params,
        )?
        .iter()
        .map(event_row)
        .collect();
    assemble(rows, events)
}

fn read_one(client: &mut impl GenericClient, which: FeedbackRef) -> Result<Option<FeedbackItem>> {
    let items = match which {
        FeedbackRef::Number(n) => read_items(client, "f.number = $1", &[&number(n)?])?,
        FeedbackRef::Id(id) => read_items(client, "f.id = $1", &[&id])?,
    };
    Ok(items.into_iter().next())
}

fn number(n: u32) -> Result<i32> {
    i32::try_from(n).map_err(|_| StoreError::Corrupt(format!("feedback number {n}")))
}

fn anonymous_only(client: &mut impl GenericClient) -> Result<bool> {
    Ok(client
        .query_one("SELECT anonymous_only FROM settings WHERE id = 1", &[])?
        .get(0))
}

/// Writes the item's row (insert or replace) with its cause, recorder and contact looked
/// up: an unknown member or contact is refused.
fn write_item(client: &mut impl GenericClient, item: &FeedbackItem, insert: bool) -> Result<()> {
    let cause: Option<i64> = match &item.cause {
        Some(code) => Some(
            client
                .query_opt("SELECT id FROM feedback_cause WHERE code = $1", &[code])?
                .ok_or_else(|| StoreError::Corrupt(format!("no cause with the code {code}")))?
                .get(0),
        ),
        None => None,
    };
    let recorder = match &item.recorded_by {
        Some(_) if anonymous_only(client)? => None,
        Some(name) => Some(
            member_id_in(client, name)?
                .ok_or_else(|| StoreError::UnknownMember(crate::domain::shorten(name, 80)))?,
        ),
        None => None,
    };
    if let Some(contact) = item.contact {
        let exists: bool = client
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM contact WHERE id = $1)",
                &[&contact],
            )?
            .get(0);
        if !exists {
            return Err(StoreError::UnknownContact(contact));
        }
    }
    let received = time_parts(&item.received_at);
    let answered = item.answered_at.as_ref().map(time_parts);
    let closed = item.closed_at.as_ref().map(time_parts);
    let sql = if insert {
        "INSERT INTO feedback (id, number, kind, summary, cause_id, urgent, reply_wanted, \
         contact_id, recorded_by, answer_note, share_summary, state, outcome, received_at, \
         received_offset, answered_at, answered_offset, closed_at, closed_offset) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)"
    } else {
        "UPDATE feedback SET number = $2, kind = $3, summary = $4, cause_id = $5, urgent = $6, \
         reply_wanted = $7, contact_id = $8, recorded_by = $9, answer_note = $10, \
         share_summary = $11, state = $12, outcome = $13, received_at = $14, \
         received_offset = $15, answered_at = $16, answered_offset = $17, closed_at = $18, \
         closed_offset = $19 WHERE id = $1"
    };
    client.execute(
        sql,
        &[
            &item.id,
            &number(item.number)?,
            &i16::from(item.kind.db_id()),
            &item.summary,
            &cause,
            &item.urgent,
            &item.reply_wanted,
            &item.contact,
            &recorder,
            &item.answer_note,
            &item.share_summary,
            &i16::from(item.state.db_id()),
            &item.outcome,
            &received.0,
            &received.1,
            &answered.map(|a| a.0),
            &answered.map(|a| a.1),
            &closed.map(|c| c.0),
            &closed.map(|c| c.1),
        ],
    )?;
    Ok(())
}

/// Appends history lines numbered from `first_seq`.
fn insert_events(
    client: &mut impl GenericClient,
    id: Uuid,
    events: &[FeedbackEvent],
    first_seq: usize,
) -> Result<()> {
    let stmt = client.prepare(
        "INSERT INTO feedback_event (feedback_id, seq, at, at_offset, from_state, to_state, \
         edited, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )?;
    for (i, e) in events.iter().enumerate() {
        let (at, offset) = time_parts(&e.at);
        let seq = i32::try_from(first_seq + i)
            .map_err(|_| StoreError::Corrupt("a history of billions of lines".into()))?;
        client.execute(
            &stmt,
            &[
                &id,
                &seq,
                &at,
                &offset,
                &e.from.map(|s| i16::from(s.db_id())),
                &i16::from(e.to.db_id()),
                &edited_text(&e.edited),
                &e.note,
            ],
        )?;
    }
    Ok(())
}

/// The next free number; the caller holds [`NUMBER_LOCK`] for its transaction.
fn next_number(client: &mut impl GenericClient) -> Result<u32> {
    let max: i32 = client
        .query_one("SELECT coalesce(max(number), 0) FROM feedback", &[])?
        .get(0);
    u32::try_from(max + 1).map_err(|_| StoreError::Corrupt(format!("feedback number {max}")))
}

fn exists(client: &mut impl GenericClient, sql: &str, params: Params<'_>) -> Result<bool> {
    Ok(client.query_opt(sql, params)?.is_some())
}

impl PostgresStore {
    pub(in crate::store) fn feedback_settings(&self) -> Result<FeedbackSettings> {
        let row = self.client().query_one(
            "SELECT answer_days, close_days, urgent_days, working_days \
             FROM feedback_settings WHERE id = 1",
            &[],
        )?;
        let small = |i: usize| u8::try_from(row.get::<_, i16>(i)).unwrap_or_default();
        Ok(FeedbackSettings {
            answer_days: small(0),
            close_days: small(1),
            urgent_days: small(2),
            working_days: FeedbackSettings::days_from_mask(small(3)),
        })
    }

    pub(in crate::store) fn update_feedback_settings(
        &mut self,
        s: &FeedbackSettings,
    ) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE feedback_settings SET answer_days = $1, close_days = $2, \
                 urgent_days = $3, working_days = $4 WHERE id = 1",
                &[
                    &i16::from(s.answer_days),
                    &i16::from(s.close_days),
                    &i16::from(s.urgent_days),
                    &i16::from(s.working_mask()),
                ],
            )?;
            Ok(())
        })
    }

    pub(in crate::store) fn list_causes(&self) -> Result<Vec<Cause>> {
        Ok(self
            .client()
            .query(
                "SELECT code, name, retired FROM feedback_cause ORDER BY id",
                &[],
            )?
            .iter()
            .map(|r| Cause {
                code: r.get(0),
                name: r.get(1),
                retired: r.get(2),
            })
            .collect())
    }

    pub(in crate::store) fn insert_cause(&mut self, cause: &Cause) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO feedback_cause (code, name, retired) VALUES ($1, $2, $3)",
                &[&cause.code, &cause.name, &cause.retired],
            )?;
            Ok(())
        })
    }

    pub(in crate::store) fn update_cause(&mut self, cause: &Cause) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE feedback_cause SET name = $2, retired = $3 WHERE code = $1",
                &[&cause.code, &cause.name, &cause.retired],
            )?;
            Ok(())
        })
    }

    pub(in crate::store) fn insert_feedback(&mut self, item: &FeedbackItem) -> Result<u32> {
        self.write(|tx| {
            tx.execute("SELECT pg_advisory_xact_lock($1)", &[&NUMBER_LOCK])?;
            let mut item = item.clone();
            item.number = next_number(tx)?;
            write_item(tx, &item, true)?;
            insert_events(tx, item.id, &item.history, 1)?;
            Ok(item.number)
        })
    }

    pub(in crate::store) fn get_feedback(
        &self,
        which: FeedbackRef,
    ) -> Result<Option<FeedbackItem>> {
        read_one(&mut *self.client(), which)
    }

    pub(in crate::store) fn list_feedback(&self) -> Result<Vec<FeedbackItem>> {
        read_items(&mut *self.client(), "true", &[])
    }

    pub(in crate::store) fn modify_feedback(
        &mut self,
        which: FeedbackRef,
        change: &mut dyn FnMut(&mut FeedbackItem) -> Result<()>,
    ) -> Result<FeedbackItem> {
        self.write(|tx| {
            // Another computer changing the same item waits until this one is stored.
            let locked = match which {
                FeedbackRef::Number(n) => exists(
                    tx,
                    "SELECT 1 FROM feedback WHERE number = $1 FOR UPDATE",
                    &[&number(n)?],
                )?,
                FeedbackRef::Id(id) => exists(
                    tx,
                    "SELECT 1 FROM feedback WHERE id = $1 FOR UPDATE",
                    &[&id],
                )?,
            };
            if !locked {
                return Err(unknown(which));
            }
            let mut item = read_one(tx, which)?.ok_or_else(|| unknown(which))?;
            let before = item.history.len();
            change(&mut item)?;
            if item.history.len() > before {
                write_item(tx, &item, false)?;
                insert_events(tx, item.id, &item.history[before..], before + 1)?;
            }
            Ok(item)
        })
    }

    pub(in crate::store) fn clear_answer_notes(&mut self, closed_until: i64) -> Result<u64> {
        self.write(|tx| {
            Ok(tx.execute(
                "UPDATE feedback SET answer_note = NULL \
                 WHERE answer_note IS NOT NULL AND closed_at <= $1",
                &[&closed_until],
            )?)
        })
    }

    pub(in crate::store) fn import_feedback(
        &mut self,
        items: &[FeedbackItem],
        new_causes: &[Cause],
    ) -> Result<FeedbackImported> {
        self.write(|tx| {
            tx.execute("SELECT pg_advisory_xact_lock($1)", &[&NUMBER_LOCK])?;
            let mut done = FeedbackImported::default();
            for cause in new_causes {
                tx.execute(
                    "INSERT INTO feedback_cause (code, name, retired) VALUES ($1, $2, $3)",
                    &[&cause.code, &cause.name, &cause.retired],
                )?;
                done.causes_added += 1;
            }
            let anonymous = anonymous_only(tx)?;
            // Items keep their numbers where free; the others get new ones after all
            // numbers of the file are placed, so one clash renumbers one item.
            let mut later = Vec::new();
            for item in items {
                if exists(tx, "SELECT 1 FROM feedback WHERE id = $1", &[&item.id])? {
                    done.already_present += 1;
                    continue;
                }
                let mut item = item.clone();
                if let Some(name) = &item.recorded_by {
                    if anonymous {
                        item.recorded_by = None;
                    } else if member_id_in(tx, name)?.is_none() {
                        tx.execute(
                            "INSERT INTO member (name, name_key) VALUES ($1, $2)",
                            &[name, &name.to_lowercase()],
                        )?;
                        done.members_added += 1;
                    }
                }
                let taken = item.number == 0
                    || exists(
                        tx,
                        "SELECT 1 FROM feedback WHERE number = $1",
                        &[&number(item.number)?],
                    )?;
                if taken {
                    later.push(item);
                    continue;
                }
                write_item(tx, &item, true)?;
                insert_events(tx, item.id, &item.history, 1)?;
                done.added += 1;
            }
            for mut item in later {
                if item.number != 0 {
                    done.renumbered += 1;
                }
                item.number = next_number(tx)?;
                write_item(tx, &item, true)?;
                insert_events(tx, item.id, &item.history, 1)?;
                done.added += 1;
            }
            Ok(done)
        })
    }
}
