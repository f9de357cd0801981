//! Many contacts in one transaction (an import, the demo data), as fast as SQLite takes
//! them: the per-row trigger that keeps `day_count` and the story index is dropped inside
//! the transaction, and the sink keeps both itself as it goes; a rollback restores the
//! trigger with everything else.

use std::collections::HashMap;

use rusqlite::{CachedStatement, Connection, Transaction};

use super::rows::{insert_contacts_sql, insert_with, place_id_for, row_values, INSERT_CONTACT};
use crate::domain::{Contact, Rating};
use crate::store::{BulkCounts, ContactSink, Result, StoreError};

/// SQLite's page cache during a bulk insert (in KiB, as `cache_size` takes it negative).
/// Big enough that the inserts of a million contacts rarely spill to the WAL before the
/// commit, small enough that an import of any size stays well under 100 MB.
const BULK_CACHE_KIB: i64 = 48 * 1024;

/// Runs `f` with a sink inside one write transaction, committed only if `f` succeeds.
pub(super) fn run<T, E>(
    conn: &mut Connection,
    f: impl FnOnce(&mut dyn ContactSink) -> Result<T, E>,
) -> Result<(T, BulkCounts), E>
where
    E: From<StoreError>,
{
    // A big transaction keeps its pages in memory instead of spilling them to the WAL
    // again and again; the cache is given back afterwards. Member ids come from the
    // sink's own lookups and inserts in the same transaction, so the per-row foreign-key
    // probe is redundant; it is switched back on afterwards.
    let cache_size: i64 = conn
        .query_row("PRAGMA cache_size", [], |r| r.get(0))
        .map_err(StoreError::from)?;
    conn.execute_batch(&format!(
        "PRAGMA cache_size = -{BULK_CACHE_KIB}; PRAGMA foreign_keys = OFF;"
    ))
    .map_err(StoreError::from)?;
    let journal = Journal::enter(conn).map_err(StoreError::from)?;
    let result = in_transaction(conn, f);
    let left = journal.leave(conn);
    conn.execute_batch(&format!(
        "PRAGMA foreign_keys = ON; PRAGMA cache_size = {cache_size}; PRAGMA shrink_memory;"
    ))
    .map_err(StoreError::from)?;
    left.map_err(StoreError::from)?;
    result
}

/// How the bulk insert journals its transaction. Into a file without contacts (a new
/// one, typically) and with no other connection on it, it writes the pages straight
/// into the file with a rollback journal instead of the WAL: the WAL would have every
/// page written twice, once into the WAL and once more by the checkpoint after the
/// commit — for a million contacts a second or so. The journal keeps the transaction
/// atomic as the WAL does (a killed import leaves the file as it was, rolled back when
/// it is opened next); `synchronous = FULL` keeps it so through a power cut. Afterwards
/// the file goes back to WAL (or is switched when it is opened next, should that fail).
enum Journal {
    /// The WAL (or whatever the connection had), unchanged.
    Kept,
    /// Switched to a rollback journal; the `synchronous` setting to restore.
    Direct { synchronous: i64 },
}

impl Journal {
    fn enter(conn: &Connection) -> rusqlite::Result<Journal> {
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Ok(Journal::Kept);
        }
        let empty: bool = conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM contact)", [], |r| {
            r.get(0)
        })?;
        if !empty {
            return Ok(Journal::Kept);
        }
        let synchronous: i64 = conn.query_row("PRAGMA synchronous", [], |r| r.get(0))?;
        // Leaving WAL needs the file to ourselves; with another connection on it (the
        // app's window) SQLite says busy at once, and the import keeps the WAL, which
        // lets that connection read on meanwhile.
        match conn.query_row("PRAGMA journal_mode = DELETE", [], |r| {
            r.get::<_, String>(0)
        }) {
            Ok(mode) if mode.eq_ignore_ascii_case("delete") => {}
            _ => return Ok(Journal::Kept),
        }
        conn.execute_batch("PRAGMA synchronous = FULL")?;
        Ok(Journal::Direct { synchronous })
    }

    fn leave(self, conn: &Connection) -> rusqlite::Result<()> {
        let Journal::Direct { synchronous } = self else {
            return Ok(());
        };
        conn.execute_batch(&format!("PRAGMA synchronous = {synchronous}"))?;
        // Another process that opened the file meanwhile may have switched it already.
        super::open::until_not_busy(|| conn.execute_batch("PRAGMA journal_mode = WAL"))?;
        // The connection opens the WAL on its next read; until then a checkpoint on it
        // fails with "database table is locked" (seen right after an import).
        conn.prepare("SELECT 1 FROM contact LIMIT 1")?
            .exists([])
            .map(|_| ())
    }
}

fn in_transaction<T, E>(
    conn: &mut Connection,
    f: impl FnOnce(&mut dyn ContactSink) -> Result<T, E>,
) -> Result<(T, BulkCounts), E>
where
    E: From<StoreError>,
{
    // Immediate (the connection's default): the write lock is held from the start.
    let tx = conn.transaction().map_err(StoreError::from)?;
    let trigger: String = tx
        .query_row(
            "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'contact_counted'",
            [],
            |r| r.get(0),
        )
        .map_err(StoreError::from)?;
    tx.execute_batch("DROP TRIGGER contact_counted")
        .map_err(StoreError::from)?;
    let (value, counts) = {
        let mut sink = Sink::new(&tx)?;
        let value = f(&mut sink)?;
        sink.index_stories()?;
        sink.count_days()?;
        (value, sink.counts)
    };
    tx.execute_batch(&trigger).map_err(StoreError::from)?;
    tx.commit().map_err(StoreError::from)?;
    Ok((value, counts))
}

/// Contacts per statement where a run of contacts cannot be in the file yet: SQLite's
/// work per statement (binding aside) is then shared by this many rows.
const ROWS_PER_INSERT: usize = 64;

/// The stories' text held back before it goes to the story index (FTS5) in one go. The
/// index keeps new terms in memory until a savepoint, and SQLite opens one for every
/// statement of several rows into `contact` (its CHECK constraints could stop it
/// halfway): indexed one at a time, each story would become a segment of its own, to be
/// merged again and again. Held back, memory stays flat however many stories arrive.
const STORY_GROUP_BYTES: usize = 1 << 20;

/// Inserts into the open transaction and keeps what the dropped trigger would.
struct Sink<'t> {
    tx: &'t Transaction<'t>,
    insert: CachedStatement<'t>,
    /// [`ROWS_PER_INSERT`] contacts at once.
    insert_many: CachedStatement<'t>,
    /// The greatest id in `contact` (ids compare as their bytes, as SQLite compares the
    /// blobs); a contact with a greater one cannot be there yet.
    max_id: Option<[u8; 16]>,
    add_story: CachedStatement<'t>,
    index_story: CachedStatement<'t>,
    /// Member ids by lower-cased name, and by the exact spelling last seen (no allocation
    /// for the common case of the same spelling on every row).
    members: HashMap<String, i64>,
    members_exact: HashMap<String, i64>,
    /// Contacts and golden ones added per local day, for `day_count`.
    days: HashMap<i64, (i64, i64)>,
    /// Place ids by the spelling seen.
    places: HashMap<String, i64>,
    /// Stories stored but not yet indexed (their `story` row id and text), and their size.
    stories: Vec<(i64, String)>,
    story_bytes: usize,
    /// Contacts stored without their member (the team keeps no names).
    anonymous_only: bool,
    counts: BulkCounts,
}

impl<'t> Sink<'t> {
    fn new(tx: &'t Transaction<'t>) -> Result<Self> {
        let mut members = HashMap::new();
        let mut stmt = tx.prepare("SELECT id, name FROM member")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (id, name) = row?;
            members.insert(name.to_lowercase(), id);
        }
        let anonymous_only = tx.query_row(
            "SELECT anonymous_only FROM settings WHERE id = 1",
            [],
            |r| r.get(0),
        )?;
        let max_id = tx.query_row("SELECT max(id) FROM contact", [], |r| {
            r.get::<_, Option<Vec<u8>>>(0)
        })?;
        Ok(Sink {
            tx,
            insert: tx.prepare_cached(INSERT_CONTACT)?,
            insert_many: tx.prepare_cached(&insert_contacts_sql(ROWS_PER_INSERT))?,
            // Every id has 16 bytes (a CHECK says so); should one not, no run is taken as
            // new.
            max_id: max_id.map(|id| id.try_into().unwrap_or([0xFF; 16])),
            add_story: tx
                .prepare_cached("INSERT INTO story (occurred_local, contact_id) VALUES (?1, ?2)")?,
            index_story: tx
                .prepare_cached("INSERT INTO story_search (rowid, note) VALUES (?1, ?2)")?,
            members,
            members_exact: HashMap::new(),
            days: HashMap::new(),
            places: HashMap::new(),
            stories: Vec::new(),
            story_bytes: 0,
            anonymous_only,
            counts: BulkCounts::default(),
        })
    }

    /// The member's id, created when new; whether it was created.
    fn member_id(&mut self, name: &str) -> Result<(i64, bool)> {
        if let Some(&id) = self.members_exact.get(name) {
            return Ok((id, false));
        }
        let key = name.to_lowercase();
        if let Some(&id) = self.members.get(&key) {
            self.members_exact.insert(name.to_string(), id);
            return Ok((id, false));
        }
        self.tx
            .execute("INSERT INTO member (name) VALUES (?1)", [name])?;
        let id = self.tx.last_insert_rowid();
        self.members.insert(key, id);
        Ok((id, true))
    }

    /// Adds the contacts to `day_count` in one statement per day.
    fn count_days(&self) -> Result<()> {
        let mut stmt = self.tx.prepare(
            "INSERT INTO day_count (day, total, golden) VALUES (?1, ?2, ?3) \
             ON CONFLICT (day) DO UPDATE SET total = total + excluded.total, \
             golden = golden + excluded.golden",
        )?;
        for (day, (total, golden)) in &self.days {
            stmt.execute(rusqlite::params![day, total, golden])?;
        }
        Ok(())
    }
}

impl Sink<'_> {
    /// The member's and the place's ids for `contact` (created when new), and whether the
    /// member was created.
    fn ids_for(&mut self, contact: &Contact) -> Result<(Option<i64>, Option<i64>, bool)> {
        let (member_id, member_created) = match &contact.member {
            Some(_) if self.anonymous_only => (None, false),
            Some(name) => {
                let (id, created) = self.member_id(name)?;
                (Some(id), created)
            }
            None => (None, false),
        };
        let place_id = match contact.place.as_deref() {
            None => None,
            Some(name) => match self.places.get(name) {
                Some(&id) => Some(id),
                None => {
                    let id = place_id_for(self.tx, Some(name))?;
                    if let Some(id) = id {
                        self.places.insert(name.to_string(), id);
                    }
                    id
                }
            },
        };
        Ok((member_id, place_id, member_created))
    }

    /// What the dropped trigger would have done for a contact just inserted: its day's
    /// count and its story.
    fn inserted(&mut self, contact: &Contact) -> Result<()> {
        let id = contact.id.as_bytes();
        if self.max_id.is_none_or(|max| *id > max) {
            self.max_id = Some(*id);
        }
        let local = contact.occurred_at.naive_local().and_utc().timestamp();
        let counts = self.days.entry(local.div_euclid(86_400)).or_insert((0, 0));
        counts.0 += 1;
        counts.1 += i64::from(contact.rating == Rating::Golden);
        if let Some(note) = &contact.note {
            self.add_story
                .execute(rusqlite::params![local, id.as_slice()])?;
            self.stories
                .push((self.tx.last_insert_rowid(), note.clone()));
            self.story_bytes += note.len();
            if self.story_bytes >= STORY_GROUP_BYTES {
                self.index_stories()?;
            }
        }
        self.counts.added += 1;
        Ok(())
    }

    /// Adds the stories held back to the story index.
    fn index_stories(&mut self) -> Result<()> {
        for (id, note) in self.stories.drain(..) {
            self.index_story.execute(rusqlite::params![id, note])?;
        }
        self.story_bytes = 0;
        Ok(())
    }

    /// Whether none of `contacts` can be in the file yet, nor twice among them: their ids
    /// rise, from above the greatest id there.
    fn all_new(&self, contacts: &[&Contact]) -> bool {
        let mut last = self.max_id;
        contacts.iter().all(|c| {
            let id = *c.id.as_bytes();
            let new = last.is_none_or(|max| id > max);
            last = Some(id);
            new
        })
    }

    /// Inserts [`ROWS_PER_INSERT`] contacts that [`Sink::all_new`] found new, in one
    /// statement.
    fn insert_run(&mut self, contacts: &[&Contact]) -> Result<()> {
        debug_assert_eq!(contacts.len(), ROWS_PER_INSERT);
        let mut ids = [(None, None); ROWS_PER_INSERT];
        for (slot, contact) in ids.iter_mut().zip(contacts) {
            let (member_id, place_id, created) = self.ids_for(contact)?;
            self.counts.members_added += u64::from(created);
            *slot = (member_id, place_id);
        }
        for (row, (contact, (member_id, place_id))) in contacts.iter().zip(ids).enumerate() {
            let values = row_values(contact, member_id, place_id);
            for (column, value) in values.params().into_iter().enumerate() {
                self.insert_many
                    .raw_bind_parameter(row * 17 + column + 1, value)?;
            }
        }
        let changed = self.insert_many.raw_execute()?;
        if changed != contacts.len() {
            // Cannot happen: the ids were checked to be new.
            return Err(StoreError::Corrupt(format!(
                "{} of {} new contacts stored",
                changed,
                contacts.len()
            )));
        }
        for contact in contacts {
            self.inserted(contact)?;
        }
        Ok(())
    }
}

impl ContactSink for Sink<'_> {
    fn add(&mut self, contact: &Contact) -> Result<()> {
        let (member_id, place_id, member_created) = self.ids_for(contact)?;
        if insert_with(&mut self.insert, contact, member_id, place_id)? {
            self.inserted(contact)?;
        } else {
            self.counts.already_present += 1;
        }
        self.counts.members_added += u64::from(member_created);
        Ok(())
    }

    fn add_many(&mut self, contacts: &[&Contact]) -> std::result::Result<(), (usize, StoreError)> {
        let mut at = 0;
        while at < contacts.len() {
            let run = &contacts[at..contacts.len().min(at + ROWS_PER_INSERT)];
            if run.len() == ROWS_PER_INSERT && self.all_new(run) {
                if let Err(e) = self.insert_run(run) {
                    // SQLite undid the statement as a whole; row by row the failing one
                    // shows itself (the import then fails and rolls back everything).
                    for (i, contact) in run.iter().enumerate() {
                        self.add(contact).map_err(|e| (at + i, e))?;
                    }
                    return Err((at, e));
                }
                at += ROWS_PER_INSERT;
            } else {
                self.add(contacts[at]).map_err(|e| (at, e))?;
                at += 1;
            }
        }
        Ok(())
    }
}
