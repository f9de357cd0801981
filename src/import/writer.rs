//! The writing side of an import: parsed contacts go into the open transaction, with
//! the per-day counts and the story index kept as the triggers would, and every problem
//! is collected with its line.

use std::collections::HashMap;

use super::problem::{Problem, ProblemCode, RowError};
use super::row::Parsed;
use super::{ImportSummary, MAX_REPORTED_ERRORS};
use crate::domain::{Contact, Rating};
use crate::store::{insert_with, StoreError, INSERT_CONTACT};

/// Writes parsed contacts into the open transaction and collects problems.
pub(crate) struct Writer<'t> {
    tx: &'t rusqlite::Transaction<'t>,
    insert: rusqlite::CachedStatement<'t>,
    add_story: rusqlite::CachedStatement<'t>,
    index_story: rusqlite::CachedStatement<'t>,
    /// Member ids by lower-cased name, and by the exact spelling last seen (no allocation
    /// for the common case of the same spelling on every row).
    members: HashMap<String, i64>,
    members_exact: HashMap<String, i64>,
    /// Contacts and golden ones added per local day, for `day_count`.
    days: HashMap<i64, (i64, i64)>,
    /// Contacts stored without their member (the team keeps no names).
    anonymous_only: bool,
    pub summary: ImportSummary,
    pub errors: Vec<RowError>,
    pub total_errors: usize,
}

impl<'t> Writer<'t> {
    pub fn new(tx: &'t rusqlite::Transaction<'t>) -> Result<Self, StoreError> {
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
        Ok(Writer {
            tx,
            insert: tx.prepare_cached(INSERT_CONTACT)?,
            add_story: tx
                .prepare_cached("INSERT INTO story (occurred_local, contact_id) VALUES (?1, ?2)")?,
            index_story: tx
                .prepare_cached("INSERT INTO story_search (rowid, note) VALUES (?1, ?2)")?,
            members,
            members_exact: HashMap::new(),
            days: HashMap::new(),
            anonymous_only,
            summary: ImportSummary::default(),
            errors: Vec::new(),
            total_errors: 0,
        })
    }

    fn report(&mut self, line: u64, column: Option<String>, problem: Problem) {
        if self.errors.len() < MAX_REPORTED_ERRORS {
            self.errors.push(problem.at(line, column));
        }
    }

    pub fn accept(&mut self, item: Parsed) {
        match item {
            Parsed::Row { line, contact } => {
                self.summary.read += 1;
                // After the first bad row nothing more is written: it will be rolled back.
                if self.total_errors == 0 {
                    if let Err(e) = self.insert(&contact) {
                        self.total_errors += 1;
                        self.report(line, None, Problem::detail(ProblemCode::Database, e));
                    }
                }
            }
            Parsed::BadRow { line, problems } => {
                self.summary.read += 1;
                self.total_errors += 1;
                for (column, problem) in problems {
                    self.report(line, column, problem);
                }
            }
            Parsed::FileProblem {
                line,
                column,
                problem,
            } => {
                self.total_errors += 1;
                self.report(line, column, problem);
            }
        }
    }

    fn insert(&mut self, contact: &Contact) -> Result<(), StoreError> {
        let member_id = match &contact.member {
            Some(_) if self.anonymous_only => None,
            Some(name) => Some(self.member_id(name)?),
            None => None,
        };
        if insert_with(&mut self.insert, contact, member_id)? {
            self.summary.added += 1;
            let local = contact.occurred_at.naive_local().and_utc().timestamp();
            let counts = self.days.entry(local.div_euclid(86_400)).or_insert((0, 0));
            counts.0 += 1;
            counts.1 += i64::from(contact.rating == Rating::Golden);
            if let Some(note) = &contact.note {
                // Indexed as it comes, so memory stays flat however many stories arrive.
                self.add_story
                    .execute(rusqlite::params![local, contact.id.as_bytes().as_slice()])?;
                self.index_story
                    .execute(rusqlite::params![self.tx.last_insert_rowid(), note])?;
            }
        } else {
            self.summary.already_present += 1;
        }
        Ok(())
    }

    fn member_id(&mut self, name: &str) -> Result<i64, StoreError> {
        if let Some(&id) = self.members_exact.get(name) {
            return Ok(id);
        }
        let key = name.to_lowercase();
        if let Some(&id) = self.members.get(&key) {
            self.members_exact.insert(name.to_string(), id);
            return Ok(id);
        }
        self.tx
            .execute("INSERT INTO member (name) VALUES (?1)", [name])?;
        let id = self.tx.last_insert_rowid();
        self.members.insert(key, id);
        self.summary.members_added += 1;
        Ok(id)
    }

    /// Adds the imported contacts to `day_count` in one statement per day.
    pub fn count_days(&self) -> Result<(), StoreError> {
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
