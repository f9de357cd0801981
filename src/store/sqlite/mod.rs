//! The SQLite engine: one file on this computer, in WAL mode. Opening and migrating it
//! (migrations from `migrations/sqlite/`, found by the build script), and its queries;
//! `history` pages and searches, `scan` reads what a review needs, `bulk` takes an
//! import, `rows` maps rows to contacts.

mod bulk;
mod cycle;
mod feedback;
mod history;
mod open;
mod rows;
mod scan;

pub(in crate::store) use open::describe_sqlite;
pub use open::{APPLICATION_ID, BUSY_TIMEOUT, SCHEMA_VERSION};

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use super::{
    day_from_number, day_number, sort_members, this_device, BulkCounts, ContactFilter, ContactSink,
    DayCount, Erased, MemberData, Result, StoreError, UNDO_WINDOW,
};
use crate::domain::{self, Code, Contact, Lang, Member, Settings, WeekStart};
use rows::{
    contact_from_row, day_range, decode, get_contact_in, get_member_in, insert_checked,
    member_id_by_name, place_id_for, row_values, CONTACT_COLUMNS,
};

/// An open, migrated SQLite database file.
pub struct SqliteStore {
    conn: Connection,
    path: Option<PathBuf>,
    /// Opened for reading only: nothing may be written, not even a migration.
    read_only: bool,
}
impl SqliteStore {
    // ----- contacts -----

    /// Stores a new contact. Its member, if named, must exist.
    pub fn insert_contact(&mut self, contact: &Contact) -> Result<()> {
        if contact.member.is_some() && self.anonymous_only()? {
            let mut anonymous = contact.clone();
            anonymous.member = None;
            return self.write(|tx| insert_checked(tx, &anonymous));
        }
        self.write(|tx| insert_checked(tx, contact))
    }

    /// Checks a draft and stores it as a new contact logged at `now`.
    /// It is remembered as logged on this computer, for [`Store::undo_last`].
    pub fn log_contact(
        &mut self,
        draft: domain::ContactDraft,
        now: DateTime<FixedOffset>,
    ) -> Result<Contact> {
        self.log_prepared(draft.into_contact(now)?, now)
    }

    /// [`Self::log_contact`] for a contact whose id was chosen before.
    pub fn log_prepared(
        &mut self,
        contact: Contact,
        now: DateTime<FixedOffset>,
    ) -> Result<Contact> {
        let mut contact = contact.checked()?;
        let anonymous_only = self.anonymous_only()?;
        if anonymous_only {
            contact.member = None;
        }
        let device = this_device();
        self.write(|tx| {
            insert_checked(tx, &contact)?;
            tx.prepare_cached("DELETE FROM recent_log WHERE logged_at < ?1")?
                .execute([(now - UNDO_WINDOW).timestamp()])?;
            tx.prepare_cached(
                "INSERT INTO recent_log (contact_id, logged_at, device) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![
                contact.id.as_bytes().as_slice(),
                now.timestamp(),
                device
            ])?;
            // As stored: the member and the place as the team spells them.
            Ok(get_contact_in(tx, contact.id)?.unwrap_or(contact))
        })
    }

    /// Whether the team keeps no member with any contact (see [`Settings::anonymous_only`]).
    fn anonymous_only(&self) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT anonymous_only FROM settings WHERE id = 1")?
            .query_row([], |r| r.get(0))?)
    }

    /// Replaces every field of an existing contact but its id.
    pub fn update_contact(&mut self, contact: &Contact) -> Result<()> {
        let anonymous_only = self.anonymous_only()?;
        self.write(|tx| {
            let member_id = match &contact.member {
                Some(_) if anonymous_only => None,
                Some(name) => Some(
                    member_id_by_name(tx, name)?
                        .ok_or_else(|| StoreError::UnknownMember(name.clone()))?,
                ),
                None => None,
            };
            let place_id = place_id_for(tx, contact.place.as_deref())?;
            let changed = tx.execute(
                "UPDATE contact SET occurred_local = ?2, occurred_offset = ?3, logged_at = ?4, \
                 logged_offset = ?5, member_id = ?6, golden = ?7, channel = ?8, phase = ?9, \
                 purpose = ?10, motives = ?11, perspectives = ?12, note = ?13, \
                 share_in_review = ?14, nps = ?15, place_id = ?16, obstacles = ?17 \
                 WHERE id = ?1",
                row_values(contact, member_id, place_id).params(),
            )?;
            if changed == 0 {
                return Err(StoreError::UnknownContact(contact.id));
            }
            Ok(())
        })
    }

    pub fn get_contact(&self, id: Uuid) -> Result<Option<Contact>> {
        get_contact_in(&self.conn, id)
    }

    /// Deletes a contact and returns it, so the caller can offer to restore it.
    pub fn delete_contact(&mut self, id: Uuid) -> Result<Contact> {
        self.write(|tx| {
            let contact = get_contact_in(tx, id)?.ok_or(StoreError::UnknownContact(id))?;
            tx.execute(
                "DELETE FROM contact WHERE id = ?1",
                [id.as_bytes().as_slice()],
            )?;
            Ok(contact)
        })
    }

    /// The contact logged last, if it was logged at or after `since`.
    pub fn last_logged_since(&self, since: DateTime<FixedOffset>) -> Result<Option<Contact>> {
        let sql = format!(
            "SELECT {CONTACT_COLUMNS} FROM contact c LEFT JOIN member m ON m.id = c.member_id \
             WHERE c.logged_at >= ?1 ORDER BY c.logged_at DESC, c.id DESC LIMIT 1"
        );
        self.conn
            .query_row(&sql, [since.timestamp()], contact_from_row)
            .optional()?
            .transpose()
    }

    /// Whether anything was logged at or after `since`, by `member` or, when `None`, by
    /// anyone (the reminder's question).
    pub fn logged_since(&self, since: DateTime<FixedOffset>, member: Option<&str>) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM contact c LEFT JOIN member m ON m.id = c.member_id \
             WHERE c.logged_at >= ?1 AND (?2 IS NULL OR m.name = ?2))",
            params![since.timestamp(), member],
            |r| r.get(0),
        )?)
    }

    /// Removes the contact logged last on this computer (by [`Store::log_contact`], not
    /// by an import) if that was at most [`UNDO_WINDOW`] before `now`.
    pub fn undo_last(&mut self, now: DateTime<FixedOffset>) -> Result<Contact> {
        let device = this_device();
        self.write(|tx| {
            let id: Option<[u8; 16]> = tx
                .query_row(
                    "SELECT r.contact_id FROM recent_log r JOIN contact c ON c.id = r.contact_id \
                     WHERE r.device = ?1 AND r.logged_at BETWEEN ?2 AND ?3 \
                     ORDER BY r.logged_at DESC, r.contact_id DESC LIMIT 1",
                    params![device, (now - UNDO_WINDOW).timestamp(), now.timestamp()],
                    |r| r.get(0),
                )
                .optional()?;
            let id = Uuid::from_bytes(id.ok_or(StoreError::NothingToUndo)?);
            let contact = get_contact_in(tx, id)?.ok_or(StoreError::NothingToUndo)?;
            tx.execute(
                "DELETE FROM contact WHERE id = ?1",
                [id.as_bytes().as_slice()],
            )?;
            // The cascade needs foreign keys on; a file opened by hand may have them off.
            tx.execute(
                "DELETE FROM recent_log WHERE contact_id = ?1",
                [id.as_bytes().as_slice()],
            )?;
            Ok(contact)
        })
    }

    /// Streams contacts matching `filter` without holding them all in memory.
    pub fn for_each_contact<E>(
        &self,
        filter: &ContactFilter,
        f: &mut impl FnMut(Contact) -> Result<(), E>,
    ) -> Result<(), E>
    where
        E: From<StoreError>,
    {
        let sql = format!(
            "SELECT {CONTACT_COLUMNS} FROM contact c LEFT JOIN member m ON m.id = c.member_id \
             WHERE c.occurred_day BETWEEN ?1 AND ?2 \
             ORDER BY c.occurred_day, c.occurred_local, c.id"
        );
        let (from, to) = day_range(filter.from, filter.to);
        let mut stmt = self.conn.prepare(&sql).map_err(StoreError::from)?;
        let mut rows = stmt.query(params![from, to]).map_err(StoreError::from)?;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            let contact = contact_from_row(row).map_err(StoreError::from)??;
            f(contact)?;
        }
        Ok(())
    }

    pub fn count_contacts(&self) -> Result<u64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM contact", [], |r| r.get::<_, i64>(0))?
            as u64)
    }

    /// Totals per local day within the range (days without contacts are absent).
    pub fn daily_counts(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<DayCount>> {
        let (from, to) = day_range(from, to);
        let mut stmt = self.conn.prepare_cached(
            "SELECT day, total, golden FROM day_count \
             WHERE day BETWEEN ?1 AND ?2 AND total > 0 ORDER BY day",
        )?;
        let rows = stmt.query_map(params![from, to], |r| {
            Ok(DayCount {
                day: day_from_number(r.get(0)?),
                total: r.get::<_, i64>(1)? as u64,
                golden: r.get::<_, i64>(2)? as u64,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Contacts and golden ones of one member between two local dates (inclusive).
    pub fn member_counts(
        &self,
        member: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<(u64, u64)> {
        let (total, golden): (i64, Option<i64>) = self.conn.query_row(
            "SELECT count(*), sum(c.golden) FROM contact c JOIN member m ON m.id = c.member_id \
             WHERE m.name = ?1 AND c.occurred_day BETWEEN ?2 AND ?3",
            params![member.trim(), day_number(from), day_number(to)],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok((total as u64, golden.unwrap_or(0) as u64))
    }

    /// The local dates of the first and the last contact, if there are any.
    pub fn date_span(&self) -> Result<Option<(NaiveDate, NaiveDate)>> {
        let span: (Option<i64>, Option<i64>) = self.conn.query_row(
            "SELECT min(day), max(day) FROM day_count WHERE total > 0",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(match span {
            (Some(a), Some(b)) => Some((day_from_number(a), day_from_number(b))),
            _ => None,
        })
    }

    /// Adds many contacts in one transaction (see [`Store::bulk`]).
    pub fn bulk<T, E>(
        &mut self,
        f: impl FnOnce(&mut dyn ContactSink) -> Result<T, E>,
    ) -> Result<(T, BulkCounts), E>
    where
        E: From<StoreError>,
    {
        bulk::run(&mut self.conn, f)
    }

    /// The id of the member named `name` (any case), if there is one.
    pub fn member_id(&self, name: &str) -> Result<Option<i64>> {
        member_id_by_name(&self.conn, name)
    }

    pub fn places(&self) -> Result<Vec<(i64, String)>> {
        let mut stmt = self.conn.prepare_cached("SELECT id, name FROM place")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    // ----- members -----

    pub fn list_members(&self, include_inactive: bool) -> Result<Vec<Member>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, name, active FROM member WHERE active = 1 OR ?1")?;
        let rows = stmt.query_map([include_inactive], |r| {
            Ok(Member {
                id: r.get(0)?,
                name: r.get(1)?,
                active: r.get(2)?,
            })
        })?;
        let mut members = rows.collect::<Result<Vec<_>, _>>()?;
        sort_members(&mut members);
        Ok(members)
    }

    pub fn insert_member(&mut self, name: &str) -> Result<Member> {
        let name = domain::check_member_name(name)?;
        self.write(|tx| {
            if member_id_by_name(tx, &name)?.is_some() {
                return Err(StoreError::MemberExists(name));
            }
            tx.execute("INSERT INTO member (name) VALUES (?1)", [&name])?;
            Ok(Member {
                id: tx.last_insert_rowid(),
                name,
                active: true,
            })
        })
    }

    pub fn rename_member(&mut self, old: &str, new: &str) -> Result<Member> {
        let new = domain::check_member_name(new)?;
        self.write(|tx| {
            let id = member_id_by_name(tx, old)?
                .ok_or_else(|| StoreError::UnknownMember(domain::shorten(old, 80)))?;
            if let Some(other) = member_id_by_name(tx, &new)? {
                if other != id {
                    return Err(StoreError::MemberExists(new));
                }
            }
            tx.execute(
                "UPDATE member SET name = ?2 WHERE id = ?1",
                params![id, new],
            )?;
            get_member_in(tx, id)
        })
    }

    pub fn set_member_active(&mut self, name: &str, active: bool) -> Result<Member> {
        self.write(|tx| {
            let id = member_id_by_name(tx, name)?
                .ok_or_else(|| StoreError::UnknownMember(domain::shorten(name, 80)))?;
            tx.execute(
                "UPDATE member SET active = ?2 WHERE id = ?1",
                params![id, active],
            )?;
            get_member_in(tx, id)
        })
    }

    // ----- data protection -----

    /// Takes the member off every contact, in one transaction, and keeps the team
    /// anonymous from now on; returns how many contacts named someone. Cannot be undone
    /// but from a backup: the caller makes one first.
    pub fn strip_members(&mut self) -> Result<u64> {
        self.write(|tx| {
            let stripped = tx.execute(
                "UPDATE contact SET member_id = NULL WHERE member_id IS NOT NULL",
                [],
            )?;
            // Feedback keeps no name either: it stays, taken by nobody.
            tx.execute(
                "UPDATE feedback SET recorded_by = NULL WHERE recorded_by IS NOT NULL",
                [],
            )?;
            tx.execute("UPDATE settings SET anonymous_only = 1 WHERE id = 1", [])?;
            Ok(stripped as u64)
        })
    }

    /// How many contacts name a member (what [`Store::strip_members`] would change).
    pub fn count_named_contacts(&self) -> Result<u64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM contact WHERE member_id IS NOT NULL",
            [],
            |r| r.get::<_, i64>(0),
        )? as u64)
    }

    pub fn count_stories_before(&self, before: NaiveDate) -> Result<u64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM story WHERE occurred_local < ?1",
            [day_number(before) * 86_400],
            |r| r.get::<_, i64>(0),
        )? as u64)
    }

    /// Deletes the stories of contacts that happened before `before` (a local date), in
    /// one transaction: the team's retention. The contacts stay; returns how many stories
    /// went.
    pub fn purge_stories_before(&mut self, before: NaiveDate) -> Result<u64> {
        self.write(|tx| {
            // Through the story index's own table, ordered by time: once the old stories
            // are gone, checking again reads nothing, however many contacts there are.
            let purged = tx.execute(
                "UPDATE contact SET note = NULL, share_in_review = 0 \
                 WHERE id IN (SELECT contact_id FROM story WHERE occurred_local < ?1)",
                [day_number(before) * 86_400],
            )?;
            Ok(purged as u64)
        })
    }

    /// Everything the database holds about `name`, for a subject-access request: the
    /// member and every contact of theirs, stories included.
    pub fn member_data(&self, name: &str) -> Result<MemberData> {
        let member_id = member_id_by_name(&self.conn, name)?
            .ok_or_else(|| StoreError::UnknownMember(domain::shorten(name, 80)))?;
        let member = get_member_in(&self.conn, member_id)?;
        let sql = format!(
            "SELECT {CONTACT_COLUMNS} FROM contact c LEFT JOIN member m ON m.id = c.member_id \
             WHERE c.member_id = ?1 ORDER BY c.occurred_local, c.id"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query([member_id])?;
        let mut contacts = Vec::new();
        while let Some(row) = rows.next()? {
            contacts.push(contact_from_row(row)??);
        }
        Ok(MemberData {
            member,
            contacts,
            // Filled in by the Store, from what it reads for every engine.
            feedback: Vec::new(),
            measures: Vec::new(),
        })
    }

    /// Deletes `name` and every contact of theirs, in one transaction (a data-protection
    /// request): nothing of them stays in the database. Returns what went.
    pub fn erase_member(&mut self, name: &str) -> Result<Erased> {
        self.write(|tx| {
            let member_id = member_id_by_name(tx, name)?
                .ok_or_else(|| StoreError::UnknownMember(domain::shorten(name, 80)))?;
            let member = get_member_in(tx, member_id)?;
            let stories: i64 = tx.query_row(
                "SELECT count(*) FROM contact WHERE member_id = ?1 AND note IS NOT NULL",
                [member_id],
                |r| r.get(0),
            )?;
            let contacts = tx.execute("DELETE FROM contact WHERE member_id = ?1", [member_id])?;
            tx.execute("DELETE FROM member WHERE id = ?1", [member_id])?;
            Ok(Erased {
                member: member.name,
                contacts: contacts as u64,
                stories: stories as u64,
            })
        })
    }

    // ----- settings -----

    pub fn get_settings(&self) -> Result<Settings> {
        let row = self.conn.query_row(
            "SELECT team_name, language, week_start, default_channel, \
                    hide_team_jar, anonymous_only, story_retention_months \
             FROM settings WHERE id = 1",
            [],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<i64>>(3)?,
                    r.get::<_, bool>(4)?,
                    r.get::<_, bool>(5)?,
                    r.get::<_, Option<u8>>(6)?,
                ))
            },
        )?;
        let (team_name, language, week_start, channel, hide_team_jar, anonymous, keep) = row;
        Ok(Settings {
            team_name,
            language: language.parse::<Lang>()?,
            week_start: week_start.parse::<WeekStart>()?,
            default_channel: decode(channel)?,
            hide_team_jar,
            anonymous_only: anonymous,
            story_retention_months: keep,
        })
    }

    /// Stores checked settings (the checks are the [`Store`]'s, for every engine).
    pub fn update_settings(&mut self, settings: &Settings) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE settings SET team_name = ?1, language = ?2, week_start = ?3, \
                 default_channel = ?4, hide_team_jar = ?5, \
                 anonymous_only = ?6, story_retention_months = ?7 WHERE id = 1",
                params![
                    settings.team_name.trim(),
                    settings.language.code(),
                    settings.week_start.code(),
                    settings.default_channel.map(Code::db_id),
                    settings.hide_team_jar,
                    settings.anonymous_only,
                    settings.story_retention_months,
                ],
            )?;
            Ok(())
        })
    }
}
