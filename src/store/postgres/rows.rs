//! Contacts as rows of PostgreSQL's `contact` table and back.

use chrono::{FixedOffset, TimeZone};
use uuid::Uuid;

use crate::domain::{tags_from_mask, tags_to_mask, Code, Contact, Phase, Purpose, Rating};
use crate::store::{Result, StoreError};

/// The columns [`contact_from_row`] reads, on `contact c` joined to `member m`.
pub(super) const CONTACT_COLUMNS: &str = "c.id, c.occurred_local, c.occurred_offset, c.logged_at, \
    c.logged_offset, m.name, c.golden, c.channel, c.phase, c.purpose, c.motives, \
    c.perspectives, c.note, c.share_in_review, c.nps, \
    (SELECT pl.name FROM place pl WHERE pl.id = c.place_id), c.obstacles";

/// The insert used by logging and by uploads; an id already present is left alone.
pub(super) const INSERT_CONTACT: &str =
    "INSERT INTO contact (id, occurred_local, occurred_offset, \
    logged_at, logged_offset, member_id, golden, channel, phase, purpose, motives, perspectives, \
    note, note_folded, share_in_review, nps, place_id, obstacles) \
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) \
    ON CONFLICT (id) DO NOTHING";

/// A contact's values in PostgreSQL's types, in the order of [`INSERT_CONTACT`].
pub(super) struct Values {
    pub id: Uuid,
    pub local: i64,
    pub offset: i32,
    pub logged_at: i64,
    pub logged_offset: i32,
    pub member_id: Option<i64>,
    pub golden: bool,
    pub channel: Option<i16>,
    pub phase: Option<i16>,
    pub purpose: Option<i16>,
    pub motives: i16,
    pub perspectives: i16,
    pub note: Option<String>,
    /// The story lower-cased by Rust, for a search with Rust's own case folding.
    pub note_folded: Option<String>,
    pub share_in_review: bool,
    pub nps: Option<i16>,
    pub place_id: Option<i64>,
    pub obstacles: i16,
}

impl Values {
    pub fn of(contact: &Contact, member_id: Option<i64>, place_id: Option<i64>) -> Values {
        let code = |c: Option<u8>| c.map(i16::from);
        Values {
            id: contact.id,
            local: contact.occurred_at.naive_local().and_utc().timestamp(),
            offset: contact.occurred_at.offset().local_minus_utc() / 60,
            logged_at: contact.logged_at.timestamp(),
            logged_offset: contact.logged_at.offset().local_minus_utc() / 60,
            member_id,
            golden: contact.rating == Rating::Golden,
            channel: code(contact.channel.map(Code::db_id)),
            phase: code(contact.phase.map(Code::db_id)),
            purpose: code(contact.purpose.map(Code::db_id)),
            motives: tags_to_mask(&contact.motives) as i16,
            perspectives: tags_to_mask(&contact.perspectives) as i16,
            note: contact.note.clone(),
            note_folded: contact.note.as_deref().map(str::to_lowercase),
            share_in_review: contact.share_in_review,
            nps: contact.nps.map(i16::from),
            place_id,
            obstacles: tags_to_mask(&contact.obstacles) as i16,
        }
    }

    pub fn params(&self) -> [&(dyn postgres::types::ToSql + Sync); 18] {
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
            &self.note_folded,
            &self.share_in_review,
            &self.nps,
            &self.place_id,
            &self.obstacles,
        ]
    }
}

/// Maps a row selected with [`CONTACT_COLUMNS`].
pub(super) fn contact_from_row(r: &postgres::Row) -> Result<Contact> {
    let local: i64 = r.try_get(1)?;
    let occurred_offset: i32 = r.try_get(2)?;
    let logged_at: i64 = r.try_get(3)?;
    let logged_offset: i32 = r.try_get(4)?;
    let offset = |minutes: i32| {
        FixedOffset::east_opt(minutes * 60)
            .ok_or_else(|| StoreError::Corrupt(format!("UTC offset of {minutes} minutes")))
    };
    let occurred_at = offset(occurred_offset)?
        .timestamp_opt(local - i64::from(occurred_offset) * 60, 0)
        .single()
        .ok_or_else(|| StoreError::Corrupt(format!("time {local}")))?;
    let logged_at = offset(logged_offset)?
        .timestamp_opt(logged_at, 0)
        .single()
        .ok_or_else(|| StoreError::Corrupt(format!("time {logged_at}")))?;
    let golden: bool = r.try_get(6)?;
    Ok(Contact {
        id: r.try_get(0)?,
        occurred_at,
        logged_at,
        member: r.try_get(5)?,
        rating: if golden {
            Rating::Golden
        } else {
            Rating::Ordinary
        },
        channel: decode(r.try_get(7)?)?,
        phase: decode::<Phase>(r.try_get(8)?)?,
        purpose: decode::<Purpose>(r.try_get(9)?)?,
        motives: tags_from_mask(i64::from(r.try_get::<_, i16>(10)?)),
        perspectives: tags_from_mask(i64::from(r.try_get::<_, i16>(11)?)),
        obstacles: tags_from_mask(i64::from(r.try_get::<_, i16>(16)?)),
        note: r.try_get(12)?,
        share_in_review: r.try_get(13)?,
        nps: r
            .try_get::<_, Option<i16>>(14)?
            .map(|n| u8::try_from(n).map_err(|_| StoreError::Corrupt(format!("NPS {n}"))))
            .transpose()?,
        place: r.try_get(15)?,
    })
}

/// A code column's value.
pub(super) fn decode<T: Code>(id: Option<i16>) -> Result<Option<T>> {
    id.map(|i| {
        T::from_db_id(i64::from(i)).ok_or_else(|| StoreError::Corrupt(format!("{} {i}", T::KIND)))
    })
    .transpose()
}
