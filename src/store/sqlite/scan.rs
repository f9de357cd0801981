//! A review's [`Selection`] as SQLite SQL: one `WHERE` clause with its values, for the
//! scan that every figure is derived from and for the newest contacts a list shows.

use rusqlite::types::Value;

use super::rows::{contact_from_row, CONTACT_COLUMNS};
use super::SqliteStore;
use crate::domain::{Channel, Code, Contact, Phase, Purpose, Rating};
use crate::store::{day_number, Narrow, Result, ScanRow, Scope, Selection};

/// The `WHERE` clause of `selection` on a `contact` aliased `c`, and its values.
fn conditions(selection: &Selection) -> (String, Vec<Value>) {
    let mut sql = vec!["c.occurred_day BETWEEN ? AND ?".to_string()];
    let mut values = vec![
        Value::Integer(day_number(selection.from)),
        Value::Integer(day_number(selection.to)),
    ];
    if let Scope::Contacts(ids) = &selection.scope {
        // One parameter whatever the count (and one cached statement): the ids as a JSON
        // array of hex strings, unpacked by SQLite.
        let list = ids
            .iter()
            .map(|id| format!("\"{}\"", id.simple()))
            .collect::<Vec<_>>()
            .join(",");
        sql.push("c.id IN (SELECT unhex(value) FROM json_each(?))".to_string());
        values.push(Value::Text(format!("[{list}]")));
    }
    let mut push = |clause: &str, value: Option<i64>| {
        sql.push(clause.to_string());
        values.extend(value.map(Value::Integer));
    };
    match &selection.scope {
        Scope::Team | Scope::Contacts(_) => {}
        Scope::Member(id) => push("c.member_id = ?", Some(*id)),
    }
    for narrow in &selection.narrow {
        match *narrow {
            Narrow::Rating(r) => push("c.golden = ?", Some(i64::from(r == Rating::Golden))),
            Narrow::Channel(v) => push("c.channel = ?", Some(i64::from(v.db_id()))),
            Narrow::Phase(v) => push("c.phase = ?", Some(i64::from(v.db_id()))),
            Narrow::Purpose(v) => push("c.purpose = ?", Some(i64::from(v.db_id()))),
            Narrow::Motive(v) => push("(c.motives & ?) != 0", Some(1 << v.db_id())),
            Narrow::Perspective(v) => push("(c.perspectives & ?) != 0", Some(1 << v.db_id())),
            Narrow::Obstacle(v) => push("(c.obstacles & ?) != 0", Some(1 << v.db_id())),
            // 1970-01-01 was a Thursday: day 0 is weekday 3 counted from Monday.
            Narrow::Weekday(d) => push("(c.occurred_day + 3) % 7 = ?", Some(i64::from(d))),
            Narrow::Hour(h) => push("(c.occurred_local % 86400) / 3600 = ?", Some(i64::from(h))),
            Narrow::HasStory => push("c.note IS NOT NULL", None),
            Narrow::SharedStory => push("c.share_in_review = 1", None),
            Narrow::Place(id) => push("c.place_id = ?", Some(id)),
        }
    }
    (sql.join(" AND "), values)
}

impl SqliteStore {
    /// Every contact `selection` covers, oldest first (see [`crate::store::Store::scan`]).
    pub fn scan(&self, selection: &Selection, f: &mut dyn FnMut(&ScanRow)) -> Result<()> {
        let (clause, values) = conditions(selection);
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT c.occurred_local, c.golden, c.channel, c.phase, c.purpose, c.motives, \
                    c.perspectives, coalesce(c.member_id, 0), c.nps, \
                    c.note IS NOT NULL, c.share_in_review, coalesce(c.place_id, 0), \
                    c.obstacles \
             FROM contact c WHERE {clause} ORDER BY c.occurred_day, c.occurred_local"
        ))?;
        let mut rows = stmt.query(rusqlite::params_from_iter(values.iter()))?;
        while let Some(r) = rows.next()? {
            f(&ScanRow {
                local: r.get(0)?,
                golden: r.get::<_, i64>(1)? == 1,
                channel: code::<Channel>(r.get(2)?),
                phase: code::<Phase>(r.get(3)?),
                purpose: code::<Purpose>(r.get(4)?),
                motives: mask(r.get(5)?),
                perspectives: mask(r.get(6)?),
                who: r.get(7)?,
                nps: r
                    .get::<_, Option<i64>>(8)?
                    .and_then(|n| u8::try_from(n).ok()),
                has_story: r.get(9)?,
                shared: r.get(10)?,
                place: r.get(11)?,
                obstacles: mask(r.get(12)?),
            });
        }
        Ok(())
    }

    /// The newest `limit` contacts `selection` covers, newest first.
    pub fn newest(&self, selection: &Selection, limit: u32) -> Result<Vec<Contact>> {
        let (clause, values) = conditions(selection);
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {CONTACT_COLUMNS} FROM contact c LEFT JOIN member m ON m.id = c.member_id \
             WHERE {clause} \
             ORDER BY c.occurred_day DESC, c.occurred_local DESC, c.id DESC LIMIT {limit}"
        ))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(values.iter()), contact_from_row)?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row??);
        }
        Ok(out)
    }
}

/// A code column's value; one this version does not know reads as none (the schema's
/// CHECKs keep it from happening).
fn code<T: Code>(id: Option<i64>) -> Option<T> {
    id.and_then(T::from_db_id)
}

/// A tag mask (six bits at most, by the schema).
fn mask(m: i64) -> u8 {
    u8::try_from(m & 0x3f).unwrap_or_default()
}
