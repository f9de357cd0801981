//! Customer feedback in the SQLite file: items, their history lines, the team's causes
//! and deadlines (tables of `migrations/sqlite/0009_feedback.sql`).

use rusqlite::{params, Connection, OptionalExtension, Row};
use uuid::Uuid;

use super::rows::member_id_by_name;
use super::SqliteStore;
use crate::domain::Code;
use crate::feedback::{Cause, FeedbackEvent, FeedbackItem, FeedbackRef, FeedbackSettings};
use crate::store::feedback::{
    assemble, edited_text, time_parts, unknown, EventRow, FeedbackImported, ItemRow,
};
use crate::store::{Result, StoreError};

const ITEM_COLUMNS: &str = "f.id, f.number, f.kind, f.summary, c.code, f.urgent, f.reply_wanted, \
    f.contact_id, m.name, f.answer_note, f.share_summary, f.state, f.outcome, f.received_at, \
    f.received_offset, f.answered_at, f.answered_offset, f.closed_at, f.closed_offset";

const ITEM_FROM: &str = "feedback f LEFT JOIN feedback_cause c ON c.id = f.cause_id \
    LEFT JOIN member m ON m.id = f.recorded_by";

const EVENT_COLUMNS: &str = "feedback_id, at, at_offset, from_state, to_state, edited, note";

fn uuid_of(bytes: [u8; 16]) -> Uuid {
    Uuid::from_bytes(bytes)
}

fn pair(secs: Option<i64>, offset: Option<i64>) -> Option<(i64, i64)> {
    Some((secs?, offset?))
}

fn item_row(r: &Row<'_>) -> rusqlite::Result<ItemRow> {
    Ok(ItemRow {
        id: uuid_of(r.get(0)?),
        number: r.get(1)?,
        kind: r.get(2)?,
        summary: r.get(3)?,
        cause: r.get(4)?,
        urgent: r.get(5)?,
        reply_wanted: r.get(6)?,
        contact: r.get::<_, Option<[u8; 16]>>(7)?.map(uuid_of),
        recorded_by: r.get(8)?,
        answer_note: r.get(9)?,
        share_summary: r.get(10)?,
        state: r.get(11)?,
        outcome: r.get(12)?,
        received: (r.get(13)?, r.get(14)?),
        answered: pair(r.get(15)?, r.get(16)?),
        closed: pair(r.get(17)?, r.get(18)?),
    })
}

fn event_row(r: &Row<'_>) -> rusqlite::Result<EventRow> {
    Ok(EventRow {
        feedback: uuid_of(r.get(0)?),
        at: (r.get(1)?, r.get(2)?),
        from: r.get(3)?,
        to: r.get(4)?,
        edited: r.get(5)?,
        note: r.get(6)?,
    })
}

/// Items matching `condition` (on `feedback f`), by number, with their history.
fn read_items(
    conn: &Connection,
    condition: &str,
    args: &[&dyn rusqlite::ToSql],
) -> Result<Vec<FeedbackItem>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {ITEM_COLUMNS} FROM {ITEM_FROM} WHERE {condition} ORDER BY f.number"
    ))?;
    let rows = stmt
        .query_map(args, item_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {EVENT_COLUMNS} FROM feedback_event WHERE feedback_id IN \
         (SELECT f.id FROM feedback f WHERE {condition}) ORDER BY feedback_id, seq"
    ))?;
    let events = stmt
        .query_map(args, event_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    assemble(rows, events)
}

fn read_one(conn: &Connection, which: FeedbackRef) -> Result<Option<FeedbackItem>> {
    let items = match which {
        FeedbackRef::Number(n) => read_items(conn, "f.number = ?1", &[&n])?,
        FeedbackRef::Id(id) => read_items(conn, "f.id = ?1", &[&id.as_bytes().as_slice()])?,
    };
    Ok(items.into_iter().next())
}

pub(super) fn cause_id(conn: &Connection, code: &str) -> Result<i64> {
    conn.prepare_cached("SELECT id FROM feedback_cause WHERE code = ?1")?
        .query_row([code], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::Corrupt(format!("no cause with the code {code}")))
}

fn contact_exists(conn: &Connection, id: Uuid) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM contact WHERE id = ?1)")?
        .query_row([id.as_bytes().as_slice()], |r| r.get(0))?)
}

fn anonymous_only(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT anonymous_only FROM settings WHERE id = 1")?
        .query_row([], |r| r.get(0))?)
}

/// Writes the item's row (insert or replace) with its cause, recorder and contact looked
/// up: an unknown member or contact is refused.
fn write_item(conn: &Connection, item: &FeedbackItem, insert: bool) -> Result<()> {
    let cause = item
        .cause
        .as_deref()
        .map(|c| cause_id(conn, c))
        .transpose()?;
    let recorder = match &item.recorded_by {
        Some(_) if anonymous_only(conn)? => None,
        Some(name) => Some(
            member_id_by_name(conn, name)?
                .ok_or_else(|| StoreError::UnknownMember(crate::domain::shorten(name, 80)))?,
        ),
        None => None,
    };
    if let Some(contact) = item.contact {
        if !contact_exists(conn, contact)? {
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
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)"
    } else {
        "UPDATE feedback SET number = ?2, kind = ?3, summary = ?4, cause_id = ?5, urgent = ?6, \
         reply_wanted = ?7, contact_id = ?8, recorded_by = ?9, answer_note = ?10, \
         share_summary = ?11, state = ?12, outcome = ?13, received_at = ?14, \
         received_offset = ?15, answered_at = ?16, answered_offset = ?17, closed_at = ?18, \
         closed_offset = ?19 WHERE id = ?1"
    };
    conn.prepare_cached(sql)?.execute(params![
        item.id.as_bytes().as_slice(),
        item.number,
        item.kind.db_id(),
        item.summary,
        cause,
        item.urgent,
        item.reply_wanted,
        item.contact.as_ref().map(|c| c.as_bytes().to_vec()),
        recorder,
        item.answer_note,
        item.share_summary,
        item.state.db_id(),
        item.outcome,
        received.0,
        received.1,
        answered.map(|a| a.0),
        answered.map(|a| a.1),
        closed.map(|c| c.0),
        closed.map(|c| c.1),
    ])?;
    Ok(())
}

/// Appends history lines numbered from `first_seq`.
fn insert_events(
    conn: &Connection,
    id: Uuid,
    events: &[FeedbackEvent],
    first_seq: usize,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO feedback_event (feedback_id, seq, at, at_offset, from_state, to_state, \
         edited, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (i, e) in events.iter().enumerate() {
        let (at, offset) = time_parts(&e.at);
        stmt.execute(params![
            id.as_bytes().as_slice(),
            (first_seq + i) as i64,
            at,
            offset,
            e.from.map(Code::db_id),
            e.to.db_id(),
            edited_text(&e.edited),
            e.note,
        ])?;
    }
    Ok(())
}

/// The number of the item whose `column` (`id` or `number`) is `value`, if there is one.
fn number_of(conn: &Connection, column: &str, value: &dyn rusqlite::ToSql) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(&format!("SELECT number FROM feedback WHERE {column} = ?1"))?
        .query_row([value], |r| r.get(0))
        .optional()?)
}

fn next_number(conn: &Connection) -> Result<u32> {
    let max: i64 = conn
        .prepare_cached("SELECT coalesce(max(number), 0) FROM feedback")?
        .query_row([], |r| r.get(0))?;
    u32::try_from(max + 1).map_err(|_| StoreError::Corrupt(format!("feedback number {max}")))
}

impl SqliteStore {
    pub(in crate::store) fn feedback_settings(&self) -> Result<FeedbackSettings> {
        let (answer, close, urgent, mask): (u8, u8, u8, u8) = self.conn.query_row(
            "SELECT answer_days, close_days, urgent_days, working_days \
             FROM feedback_settings WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        Ok(FeedbackSettings {
            answer_days: answer,
            close_days: close,
            urgent_days: urgent,
            working_days: FeedbackSettings::days_from_mask(mask),
        })
    }

    pub(in crate::store) fn update_feedback_settings(
        &mut self,
        s: &FeedbackSettings,
    ) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE feedback_settings SET answer_days = ?1, close_days = ?2, \
                 urgent_days = ?3, working_days = ?4 WHERE id = 1",
                params![s.answer_days, s.close_days, s.urgent_days, s.working_mask()],
            )?;
            Ok(())
        })
    }

    pub(in crate::store) fn list_causes(&self) -> Result<Vec<Cause>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT code, name, retired FROM feedback_cause ORDER BY id")?;
        let causes = stmt
            .query_map([], |r| {
                Ok(Cause {
                    code: r.get(0)?,
                    name: r.get(1)?,
                    retired: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(causes)
    }

    pub(in crate::store) fn insert_cause(&mut self, cause: &Cause) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO feedback_cause (code, name, retired) VALUES (?1, ?2, ?3)",
                params![cause.code, cause.name, cause.retired],
            )?;
            Ok(())
        })
    }

    pub(in crate::store) fn update_cause(&mut self, cause: &Cause) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE feedback_cause SET name = ?2, retired = ?3 WHERE code = ?1",
                params![cause.code, cause.name, cause.retired],
            )?;
            Ok(())
        })
    }

    pub(in crate::store) fn insert_feedback(&mut self, item: &FeedbackItem) -> Result<u32> {
        self.write(|tx| {
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
        read_one(&self.conn, which)
    }

    pub(in crate::store) fn list_feedback(&self) -> Result<Vec<FeedbackItem>> {
        read_items(&self.conn, "1", &[])
    }

    pub(in crate::store) fn modify_feedback(
        &mut self,
        which: FeedbackRef,
        change: &mut dyn FnMut(&mut FeedbackItem) -> Result<()>,
    ) -> Result<FeedbackItem> {
        self.write(|tx| {
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
                 WHERE answer_note IS NOT NULL AND closed_at <= ?1",
                [closed_until],
            )? as u64)
        })
    }

    pub(in crate::store) fn import_feedback(
        &mut self,
        items: &[FeedbackItem],
        new_causes: &[Cause],
    ) -> Result<FeedbackImported> {
        self.write(|tx| {
            let mut done = FeedbackImported::default();
            for cause in new_causes {
                tx.execute(
                    "INSERT INTO feedback_cause (code, name, retired) VALUES (?1, ?2, ?3)",
                    params![cause.code, cause.name, cause.retired],
                )?;
                done.causes_added += 1;
            }
            let anonymous = anonymous_only(tx)?;
            // Items keep their numbers where free; the others get new ones after all
            // numbers of the file are placed, so one clash renumbers one item.
            let mut later = Vec::new();
            for item in items {
                if number_of(tx, "id", &item.id.as_bytes().as_slice())?.is_some() {
                    done.already_present += 1;
                    continue;
                }
                let mut item = item.clone();
                if let Some(name) = &item.recorded_by {
                    if anonymous {
                        item.recorded_by = None;
                    } else if member_id_by_name(tx, name)?.is_none() {
                        tx.execute("INSERT INTO member (name) VALUES (?1)", [name])?;
                        done.members_added += 1;
                    }
                }
                if item.number == 0 || number_of(tx, "number", &item.number)?.is_some() {
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
