//! Many contacts at once (an import, an upload): batches streamed into `contact` with
//! `COPY` from a second thread, in one transaction.

use std::collections::{HashMap, HashSet};

use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::Type;
use uuid::Uuid;

use super::contacts::anonymous_only;
use super::rows::Values;
use super::PostgresStore;
use crate::domain::Contact;
use crate::store::{BulkCounts, ContactSink, Result, StoreError};

impl PostgresStore {
    /// Adds many contacts in one transaction (see [`crate::store::Store::bulk`]), a batch
    /// at a time: the batch's new members and places are created, the contacts already
    /// there left out, and the rest streamed straight into `contact` with `COPY`.
    ///
    /// The batches go to the server from a second thread, so that reading the file and
    /// the server's work on the previous batch overlap instead of taking turns.
    pub fn bulk<T, E>(
        &mut self,
        f: impl FnOnce(&mut dyn ContactSink) -> Result<T, E>,
    ) -> Result<(T, BulkCounts), E>
    where
        E: From<StoreError>,
    {
        let mut client = self.client();
        let mut tx = client.transaction().map_err(StoreError::from)?;
        let anonymous = anonymous_only(&mut tx)?;
        let (value, written) = std::thread::scope(|scope| {
            // Two batches in flight at most: memory stays flat however big the file.
            let (send, receive) = std::sync::mpsc::sync_channel::<Vec<Contact>>(1);
            let tx = &mut tx;
            let writer = scope.spawn(move || -> Result<BulkCounts> {
                let mut copy = CopyWriter {
                    tx,
                    anonymous,
                    members: HashMap::new(),
                    places: HashMap::new(),
                    members_exact: HashMap::new(),
                    places_exact: HashMap::new(),
                    counts: BulkCounts::default(),
                };
                for batch in receive {
                    copy.write(batch)?;
                }
                Ok(copy.counts)
            });
            let mut sink = ChannelSink {
                send: Some(send),
                batch: Vec::with_capacity(COPY_BATCH),
            };
            let value = f(&mut sink).and_then(|value| {
                sink.flush()?;
                Ok(value)
            });
            // Closing the channel ends the writer's loop.
            drop(sink);
            let written = writer
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (value, written)
        });
        // The writer's own error says what the server refused; the reader only saw the
        // channel close.
        let counts = written?;
        let value = value?;
        tx.commit().map_err(StoreError::from)?;
        Ok((value, counts))
    }
}

/// Contacts per `COPY`: memory stays flat, and each batch's lookups stay one query each.
const COPY_BATCH: usize = 5_000;

/// Gathers contacts into batches for the writer thread.
struct ChannelSink {
    /// `None` once the writer has stopped.
    send: Option<std::sync::mpsc::SyncSender<Vec<Contact>>>,
    batch: Vec<Contact>,
}

impl ChannelSink {
    fn flush(&mut self) -> Result<()> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let batch = std::mem::replace(&mut self.batch, Vec::with_capacity(COPY_BATCH));
        let stopped = match &self.send {
            Some(send) => send.send(batch).is_err(),
            None => true,
        };
        if stopped {
            self.send = None;
            // The writer stopped on an error of its own, which `bulk` reports instead.
            return Err(StoreError::Io(std::io::Error::other(
                "the connection to the server stopped taking contacts",
            )));
        }
        Ok(())
    }
}

impl ContactSink for ChannelSink {
    fn add(&mut self, contact: &Contact) -> Result<()> {
        self.batch.push(contact.clone());
        if self.batch.len() >= COPY_BATCH {
            self.flush()?;
        }
        Ok(())
    }
}

/// Sends batches to the server in the import's transaction.
struct CopyWriter<'a, 't> {
    tx: &'a mut postgres::Transaction<'t>,
    anonymous: bool,
    /// Member and place ids by the name as Rust lower-cases it, and by the spellings seen.
    members: HashMap<String, i64>,
    places: HashMap<String, i64>,
    members_exact: HashMap<String, i64>,
    places_exact: HashMap<String, i64>,
    counts: BulkCounts,
}

impl CopyWriter<'_, '_> {
    /// Creates what the batch names and does not exist yet (`table`: member or place), in
    /// the spelling the batch first gives, and learns the ids; returns how many were new.
    fn ensure(
        tx: &mut postgres::Transaction<'_>,
        table: &str,
        known: &mut HashMap<String, i64>,
        names: impl Iterator<Item = String>,
    ) -> Result<u64> {
        let mut keys = Vec::new();
        let mut spellings = Vec::new();
        for name in names {
            let key = name.to_lowercase();
            if !known.contains_key(&key) && !keys.contains(&key) {
                keys.push(key);
                spellings.push(name);
            }
        }
        if keys.is_empty() {
            return Ok(0);
        }
        let added = tx.execute(
            &format!(
                "INSERT INTO {table} (name, name_key) \
                 SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (name_key) DO NOTHING"
            ),
            &[&spellings, &keys],
        )?;
        for row in tx.query(
            &format!("SELECT id, name_key FROM {table} WHERE name_key = ANY($1)"),
            &[&keys],
        )? {
            known.insert(row.get(1), row.get(0));
        }
        Ok(added)
    }

    /// The id of `name` (member or place), from the spelling seen before or by the name
    /// as Rust lower-cases it.
    fn known_id(
        exact: &mut HashMap<String, i64>,
        known: &HashMap<String, i64>,
        name: &str,
    ) -> Option<i64> {
        if let Some(&id) = exact.get(name) {
            return Some(id);
        }
        let id = known.get(&name.to_lowercase()).copied()?;
        exact.insert(name.to_string(), id);
        Some(id)
    }

    /// Whether none of the batch can be in `contact` yet: its ids rise, from above the
    /// greatest id the table shows now (committed by anyone, or ours). This is what the
    /// query for the batch's ids would find, asked of one index entry instead of 5,000.
    fn all_new(&mut self, batch: &[Contact]) -> Result<bool> {
        let Some(first) = batch.first() else {
            return Ok(true);
        };
        if !batch.windows(2).all(|w| w[0].id < w[1].id) {
            return Ok(false);
        }
        let greatest: Option<Uuid> = self
            .tx
            .query_opt("SELECT id FROM contact ORDER BY id DESC LIMIT 1", &[])?
            .map(|r| r.get(0));
        Ok(greatest.is_none_or(|g| first.id > g))
    }

    fn write(&mut self, batch: Vec<Contact>) -> Result<()> {
        if !self.anonymous {
            let names = batch.iter().filter_map(|c| c.member.clone());
            self.counts.members_added += Self::ensure(self.tx, "member", &mut self.members, names)?;
        }
        let places = batch.iter().filter_map(|c| c.place.clone());
        Self::ensure(self.tx, "place", &mut self.places, places)?;
        // Contacts already there (an import of the same file again) stay as they are.
        let mut present: HashSet<Uuid> = if self.all_new(&batch)? {
            HashSet::new()
        } else {
            let ids: Vec<Uuid> = batch.iter().map(|c| c.id).collect();
            self.tx
                .query("SELECT id FROM contact WHERE id = ANY($1)", &[&ids])?
                .iter()
                .map(|r| r.get(0))
                .collect()
        };
        // Binary: the server reads the values as they are instead of parsing text.
        let copy = self.tx.copy_in(
            "COPY contact (id, occurred_local, occurred_offset, logged_at, logged_offset, \
             member_id, golden, channel, phase, purpose, motives, perspectives, note, \
             note_folded, share_in_review, nps, place_id, obstacles) FROM STDIN (FORMAT binary)",
        )?;
        let mut out = BinaryCopyInWriter::new(copy, &COPY_TYPES);
        for contact in &batch {
            // Also a second row with the same id in the file is already there.
            if !present.insert(contact.id) {
                self.counts.already_present += 1;
                continue;
            }
            let member = contact
                .member
                .as_deref()
                .filter(|_| !self.anonymous)
                .and_then(|m| Self::known_id(&mut self.members_exact, &self.members, m));
            let place = contact
                .place
                .as_deref()
                .and_then(|p| Self::known_id(&mut self.places_exact, &self.places, p));
            out.write(&Values::of(contact, member, place).params())?;
            self.counts.added += 1;
        }
        out.finish()?;
        Ok(())
    }
}

/// The types of the columns `COPY` fills, in its order (the binary format names them).
const COPY_TYPES: [Type; 18] = [
    Type::UUID,
    Type::INT8,
    Type::INT4,
    Type::INT8,
    Type::INT4,
    Type::INT8,
    Type::BOOL,
    Type::INT2,
    Type::INT2,
    Type::INT2,
    Type::INT2,
    Type::INT2,
    Type::TEXT,
    Type::TEXT,
    Type::BOOL,
    Type::INT2,
    Type::INT8,
    Type::INT2,
];
