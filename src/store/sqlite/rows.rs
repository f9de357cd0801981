//! Contacts as rows of the `contact` table and back: the columns read, the values
//! written, and the lookups every query shares.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use rusqlite::{Connection, OptionalExtension, Row, Transaction};
use uuid::Uuid;

use crate::domain::{
    self, tags_from_mask, tags_to_mask, Code, Contact, Member, Phase, Purpose, Rating,
};
use crate::store::{day_number, Result, StoreError};

/// The columns [`contact_from_row`] reads, on a `contact` aliased `c` joined to `member m`
/// (the place's name is looked up where the contact has one).
pub(super) const CONTACT_COLUMNS: &str = "c.id, c.occurred_local, c.occurred_offset, c.logged_at, \
    c.logged_offset, m.name, c.golden, c.channel, c.phase, c.purpose, c.motives, \
    c.perspectives, c.note, c.share_in_review, c.nps, \
    (SELECT pl.name FROM place pl WHERE pl.id = c.place_id), c.obstacles";

/// The insert used by logging and by imports; an id already present is left alone.
pub(super) const INSERT_CONTACT: &str =
    "INSERT INTO contact (id, occurred_local, occurred_offset, \
    logged_at, logged_offset, member_id, golden, channel, phase, purpose, motives, perspectives, \
    note, share_in_review, nps, place_id, obstacles) \
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17) \
    ON CONFLICT (id) DO NOTHING";

/// [`INSERT_CONTACT`] for `rows` contacts in one statement, their 17 values each in
/// turn: the bulk insert's statement for runs of contacts that cannot be there yet.
///
pub(super) fn insert_contacts_sql(rows: usize) -> String {
    let (head, tail) = INSERT_CONTACT
        .split_once("VALUES")
        .unwrap_or((INSERT_CONTACT, ""));
    let (_, conflict) = tail.split_once(')').unwrap_or(("", tail));
    let row = format!("({})", vec!["?"; 17].join(", "));
    format!("{head}VALUES {}{conflict}", vec![row; rows].join(", "))
}

/// Runs [`INSERT_CONTACT`]; returns false when the id was already present.
pub(super) fn insert_with(
    stmt: &mut rusqlite::CachedStatement<'_>,
    contact: &Contact,
    member_id: Option<i64>,
    place_id: Option<i64>,
) -> Result<bool> {
    let changed = stmt.execute(row_values(contact, member_id, place_id).params())?;
    Ok(changed == 1)
}

/// The 17 values of a contact's row, in the parameter order of [`INSERT_CONTACT`] and of
/// the UPDATE in [`crate::store::Store::update_contact`].
pub(super) struct RowValues<'c> {
    id: &'c [u8],
    local: i64,
    offset: i32,
    logged_at: i64,
    logged_offset: i32,
    member_id: Option<i64>,
    golden: u8,
    channel: Option<u8>,
    phase: Option<u8>,
    purpose: Option<u8>,
    motives: i64,
    perspectives: i64,
    note: Option<&'c str>,
    share_in_review: bool,
    nps: Option<u8>,
    place_id: Option<i64>,
    obstacles: i64,
}

impl RowValues<'_> {
    /// The values as SQLite binds them, `?1` to `?17`.
    pub fn params(&self) -> [&dyn rusqlite::ToSql; 17] {
        [
            &self.id,
            &self.local,
            &self.offset,
            &self.logged_at,
            &self.logged_offset,
            &self.member_id,
            &self.golden,
            &self.channel,
            &self.phase,
            &self.purpose,
            &self.motives,
            &self.perspectives,
            &self.note,
            &self.share_in_review,
            &self.nps,
            &self.place_id,
            &self.obstacles,
        ]
    }
}

pub(super) fn row_values(
    contact: &Contact,
    member_id: Option<i64>,
    place_id: Option<i64>,
) -> RowValues<'_> {
    let (local, offset) = split_time(&contact.occurred_at);
    RowValues {
        id: contact.id.as_bytes().as_slice(),
        local,
        offset,
        logged_at: contact.logged_at.timestamp(),
        logged_offset: contact.logged_at.offset().local_minus_utc() / 60,
        member_id,
        golden: contact.rating.db_id(),
        channel: contact.channel.map(Code::db_id),
        phase: contact.phase.map(Code::db_id),
        purpose: contact.purpose.map(Code::db_id),
        motives: tags_to_mask(&contact.motives),
        perspectives: tags_to_mask(&contact.perspectives),
        note: contact.note.as_deref(),
        share_in_review: contact.share_in_review,
        nps: contact.nps,
        place_id,
        obstacles: tags_to_mask(&contact.obstacles),
    }
}

/// Inserts a new contact inside `tx`; its member, if named, must exist.
pub(super) fn insert_checked(tx: &Transaction<'_>, contact: &Contact) -> Result<()> {
    let member_id = match &contact.member {
        Some(name) => Some(
            member_id_by_name(tx, name)?
                .ok_or_else(|| StoreError::UnknownMember(domain::shorten(name, 80)))?,
        ),
        None => None,
    };
    let place_id = place_id_for(tx, contact.place.as_deref())?;
    let mut stmt = tx.prepare_cached(INSERT_CONTACT)?;
    if !insert_with(&mut stmt, contact, member_id, place_id)? {
        return Err(StoreError::DuplicateContact(contact.id));
    }
    Ok(())
}

/// The id of the place named `name`, created when new (places come with the contacts
/// that name them); `None` for no place.
pub(super) fn place_id_for(conn: &Connection, name: Option<&str>) -> Result<Option<i64>> {
    let Some(name) = name else {
        return Ok(None);
    };
    if let Some(id) = conn
        .prepare_cached("SELECT id FROM place WHERE name = ?1")?
        .query_row([name], |r| r.get(0))
        .optional()?
    {
        return Ok(Some(id));
    }
    conn.prepare_cached("INSERT INTO place (name) VALUES (?1)")?
        .execute([name])?;
    Ok(Some(conn.last_insert_rowid()))
}

pub(super) fn get_contact_in(conn: &Connection, id: Uuid) -> Result<Option<Contact>> {
    let sql = format!(
        "SELECT {CONTACT_COLUMNS} FROM contact c LEFT JOIN member m ON m.id = c.member_id \
         WHERE c.id = ?1"
    );
    conn.prepare_cached(&sql)?
        .query_row([id.as_bytes().as_slice()], contact_from_row)
        .optional()?
        .transpose()
}

pub(super) fn get_member_in(conn: &Connection, id: i64) -> Result<Member> {
    Ok(conn.query_row(
        "SELECT id, name, active FROM member WHERE id = ?1",
        [id],
        |r| {
            Ok(Member {
                id: r.get(0)?,
                name: r.get(1)?,
                active: r.get(2)?,
            })
        },
    )?)
}

pub(super) fn member_id_by_name(conn: &Connection, name: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM member WHERE name = ?1")?
        .query_row([name.trim()], |r| r.get(0))
        .optional()?)
}

/// Local wall-clock seconds and offset minutes, as the contact table stores them.
pub(super) fn split_time(dt: &DateTime<FixedOffset>) -> (i64, i32) {
    (
        dt.naive_local().and_utc().timestamp(),
        dt.offset().local_minus_utc() / 60,
    )
}

fn offset_minutes(minutes: i64) -> Result<FixedOffset> {
    i32::try_from(minutes * 60)
        .ok()
        .and_then(FixedOffset::east_opt)
        .ok_or_else(|| StoreError::Corrupt(format!("UTC offset of {minutes} minutes")))
}

pub(super) fn day_range(from: Option<NaiveDate>, to: Option<NaiveDate>) -> (i64, i64) {
    (
        from.map_or(i64::MIN, day_number),
        to.map_or(i64::MAX, day_number),
    )
}

/// Maps a row selected with [`CONTACT_COLUMNS`]. The outer error is SQLite's, the inner
/// one a value the schema allows but this version cannot read.
pub(super) fn contact_from_row(r: &Row<'_>) -> rusqlite::Result<Result<Contact>> {
    let id: [u8; 16] = r.get(0)?;
    let local: i64 = r.get(1)?;
    let occurred_offset: i64 = r.get(2)?;
    let logged_at: i64 = r.get(3)?;
    let logged_offset: i64 = r.get(4)?;
    let member: Option<String> = r.get(5)?;
    let golden: i64 = r.get(6)?;
    let channel: Option<i64> = r.get(7)?;
    let phase: Option<i64> = r.get(8)?;
    let purpose: Option<i64> = r.get(9)?;
    let motives: i64 = r.get(10)?;
    let perspectives: i64 = r.get(11)?;
    let note: Option<String> = r.get(12)?;
    let share_in_review: bool = r.get(13)?;
    let nps: Option<u8> = r.get(14)?;
    let place: Option<String> = r.get(15)?;
    let obstacles: i64 = r.get(16)?;
    Ok((|| {
        let occ_off = offset_minutes(occurred_offset)?;
        let log_off = offset_minutes(logged_offset)?;
        let occurred_at = occ_off
            .timestamp_opt(local - occurred_offset * 60, 0)
            .single()
            .ok_or_else(|| StoreError::Corrupt(format!("time {local}")))?;
        let logged_at = log_off
            .timestamp_opt(logged_at, 0)
            .single()
            .ok_or_else(|| StoreError::Corrupt(format!("time {logged_at}")))?;
        Ok(Contact {
            id: Uuid::from_bytes(id),
            occurred_at,
            logged_at,
            member,
            rating: Rating::from_db_id(golden)
                .ok_or_else(|| StoreError::Corrupt(format!("rating {golden}")))?,
            channel: decode(channel)?,
            phase: decode::<Phase>(phase)?,
            purpose: decode::<Purpose>(purpose)?,
            motives: tags_from_mask(motives),
            perspectives: tags_from_mask(perspectives),
            obstacles: tags_from_mask(obstacles),
            note,
            share_in_review,
            nps,
            place,
        })
    })())
}

pub(super) fn decode<T: Code>(id: Option<i64>) -> Result<Option<T>> {
    id.map(|i| T::from_db_id(i).ok_or_else(|| StoreError::Corrupt(format!("{} {i}", T::KIND))))
        .transpose()
}
