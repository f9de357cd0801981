//! The contacts on PostgreSQL: logging, editing, undo, the history with its story search
//! (a trigram index over the stories as Murmelglas lower-cases them) and the review's
//! scan. Bulk inserts through `COPY` are in `bulk.rs`.

use chrono::{DateTime, FixedOffset, NaiveDate};
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::ToSql;
use postgres::GenericClient;
use uuid::Uuid;

use super::rows::{contact_from_row, Values, CONTACT_COLUMNS, INSERT_CONTACT};
use super::{member_id_in, PostgresStore};
use crate::domain::{self, tags_to_mask, Code, Contact, Rating};
use crate::store::{
    day_from_number, day_number, this_device, ContactFilter, DayCount, HistoryCursor, HistoryPage,
    HistoryQuery, Narrow, Result, ScanRow, Scope, Selection, StoreError, HISTORY_PAGE_MAX,
    UNDO_WINDOW,
};

type Param = Box<dyn ToSql + Sync>;

fn refs(params: &[Param]) -> Vec<&(dyn ToSql + Sync)> {
    params.iter().map(|p| p.as_ref()).collect()
}

/// Inserts a new contact inside `tx`; its member, if named, must exist.
fn insert_checked(
    tx: &mut impl GenericClient,
    contact: &Contact,
    anonymous_only: bool,
) -> Result<()> {
    let member_id = match &contact.member {
        Some(_) if anonymous_only => None,
        Some(name) => Some(
            member_id_in(tx, name)?
                .ok_or_else(|| StoreError::UnknownMember(domain::shorten(name, 80)))?,
        ),
        None => None,
    };
    let place_id = place_id_for(tx, contact.place.as_deref())?;
    let values = Values::of(contact, member_id, place_id);
    if tx.execute(INSERT_CONTACT, &values.params())? == 0 {
        return Err(StoreError::DuplicateContact(contact.id));
    }
    Ok(())
}

/// The id of the place named `name`, created when new; `None` for no place.
fn place_id_for(client: &mut impl GenericClient, name: Option<&str>) -> Result<Option<i64>> {
    let Some(name) = name else {
        return Ok(None);
    };
    let key = name.to_lowercase();
    if let Some(row) = client.query_opt("SELECT id FROM place WHERE name_key = $1", &[&key])? {
        return Ok(Some(row.get(0)));
    }
    let row = client.query_one(
        "INSERT INTO place (name, name_key) VALUES ($1, $2) \
         ON CONFLICT (name_key) DO UPDATE SET name_key = excluded.name_key RETURNING id",
        &[&name, &key],
    )?;
    Ok(Some(row.get(0)))
}

pub(super) fn anonymous_only(client: &mut impl GenericClient) -> Result<bool> {
    Ok(client
        .query_one("SELECT anonymous_only FROM settings WHERE id = 1", &[])?
        .get(0))
}

fn get_contact_in(client: &mut impl GenericClient, id: Uuid) -> Result<Option<Contact>> {
    client
        .query_opt(
            &format!(
                "SELECT {CONTACT_COLUMNS} FROM contact c LEFT JOIN member m ON m.id = c.member_id \
                 WHERE c.id = $1"
            ),
            &[&id],
        )?
        .as_ref()
        .map(contact_from_row)
        .transpose()
}

impl PostgresStore {
    pub fn insert_contact(&mut self, contact: &Contact) -> Result<()> {
        self.write(|tx| {
            let anonymous = anonymous_only(tx)?;
            insert_checked(tx, contact, anonymous)
        })
    }

    /// Logs a contact in one statement (one round trip to the server, one commit): the
    /// settings' anonymity, the member and the place are looked up, the undo list kept,
    /// all inside it. Returns the contact as stored.
    pub fn log_contact(
        &mut self,
        draft: domain::ContactDraft,
        now: DateTime<FixedOffset>,
    ) -> Result<Contact> {
        self.log_prepared(draft.into_contact(now)?, now)
    }

    /// [`Self::log_contact`] for a contact whose id was chosen before: sent again, it is
    /// stored once (`DuplicateContact` the second time).
    pub fn log_prepared(
        &mut self,
        contact: Contact,
        now: DateTime<FixedOffset>,
    ) -> Result<Contact> {
        let mut contact = contact.checked()?;
        let device = this_device();
        let member_key = contact.member.as_deref().map(|m| m.trim().to_lowercase());
        let place_key = contact.place.as_deref().map(str::to_lowercase);
        let v = Values::of(&contact, None, None);
        let cutoff = (now - UNDO_WINDOW).timestamp();
        let logged = now.timestamp();
        let row = self.client().query_one(
            "WITH s AS (SELECT anonymous_only FROM settings WHERE id = 1), \
             m AS (SELECT id, name FROM member WHERE name_key = $17::text), \
             new_place AS (INSERT INTO place (name, name_key) \
                   SELECT $18::text, $19::text WHERE $19::text IS NOT NULL \
                   ON CONFLICT (name_key) DO NOTHING RETURNING id, name), \
             p AS (SELECT id, name FROM new_place \
                   UNION ALL SELECT id, name FROM place WHERE name_key = $19::text), \
             ins AS (INSERT INTO contact (id, occurred_local, occurred_offset, logged_at, \
                         logged_offset, member_id, golden, channel, phase, purpose, motives, \
                         perspectives, note, note_folded, share_in_review, nps, place_id, \
                         obstacles) \
                     SELECT $1, $2, $3, $4, $5, \
                         CASE WHEN s.anonymous_only THEN NULL ELSE coalesce(m.id, $6::bigint) END, \
                         $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, (SELECT id FROM p LIMIT 1), \
                         $23 \
                     FROM s LEFT JOIN m ON true \
                     WHERE $17::text IS NULL OR m.id IS NOT NULL OR s.anonymous_only \
                     ON CONFLICT (id) DO NOTHING RETURNING id, member_id), \
             gone AS (DELETE FROM recent_log WHERE logged_at < $20), \
             kept AS (INSERT INTO recent_log (contact_id, logged_at, device) \
                      SELECT id, $21, $22 FROM ins) \
             SELECT (SELECT count(*) FROM ins), \
                    (SELECT m.name FROM ins JOIN m ON m.id = ins.member_id), \
                    (SELECT name FROM p LIMIT 1)",
            &[
                &v.id,
                &v.local,
                &v.offset,
                &v.logged_at,
                &v.logged_offset,
                &Option::<i64>::None,
                &v.golden,
                &v.channel,
                &v.phase,
                &v.purpose,
                &v.motives,
                &v.perspectives,
                &v.note,
                &v.note_folded,
                &v.share_in_review,
                &v.nps,
                &member_key,
                &contact.place,
                &place_key,
                &cutoff,
                &logged,
                &device,
                &v.obstacles,
            ],
        )?;
        if row.get::<_, i64>(0) == 0 {
            // Why nothing was stored, asked only then.
            let mut client = self.client();
            return Err(match &contact.member {
                Some(name) if member_id_in(&mut *client, name)?.is_none() => {
                    StoreError::UnknownMember(domain::shorten(name, 80))
                }
                _ => StoreError::DuplicateContact(contact.id),
            });
        }
        contact.member = row.get(1);
        contact.place = row.get(2);
        Ok(contact)
    }

    pub fn update_contact(&mut self, contact: &Contact) -> Result<()> {
        self.write(|tx| {
            let member_id = match &contact.member {
                Some(_) if anonymous_only(tx)? => None,
                Some(name) => Some(
                    member_id_in(tx, name)?
                        .ok_or_else(|| StoreError::UnknownMember(domain::shorten(name, 80)))?,
                ),
                None => None,
            };
            let place_id = place_id_for(tx, contact.place.as_deref())?;
            let v = Values::of(contact, member_id, place_id);
            let p = v.params();
            let changed = tx.execute(
                "UPDATE contact SET occurred_local = $2, occurred_offset = $3, logged_at = $4, \
                 logged_offset = $5, member_id = $6, golden = $7, channel = $8, phase = $9, \
                 purpose = $10, motives = $11, perspectives = $12, note = $13, \
                 note_folded = $14, share_in_review = $15, nps = $16, place_id = $17, \
                 obstacles = $18 \
                 WHERE id = $1",
                &p,
            )?;
            if changed == 0 {
                return Err(StoreError::UnknownContact(contact.id));
            }
            Ok(())
        })
    }

    pub fn get_contact(&self, id: Uuid) -> Result<Option<Contact>> {
        get_contact_in(&mut *self.client(), id)
    }

    pub fn delete_contact(&mut self, id: Uuid) -> Result<Contact> {
        self.write(|tx| {
            let contact = get_contact_in(tx, id)?.ok_or(StoreError::UnknownContact(id))?;
            tx.execute("DELETE FROM contact WHERE id = $1", &[&id])?;
            Ok(contact)
        })
    }

    pub fn last_logged_since(&self, since: DateTime<FixedOffset>) -> Result<Option<Contact>> {
        self.client()
            .query_opt(
                &format!(
                    "SELECT {CONTACT_COLUMNS} FROM contact c \
                     LEFT JOIN member m ON m.id = c.member_id \
                     WHERE c.logged_at >= $1 ORDER BY c.logged_at DESC, c.id DESC LIMIT 1"
                ),
                &[&since.timestamp()],
            )?
            .as_ref()
            .map(contact_from_row)
            .transpose()
    }

    pub fn logged_since(&self, since: DateTime<FixedOffset>, member: Option<&str>) -> Result<bool> {
        let key = member.map(|m| m.trim().to_lowercase());
        Ok(self
            .client()
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM contact c LEFT JOIN member m ON m.id = c.member_id \
                 WHERE c.logged_at >= $1 AND ($2::text IS NULL OR m.name_key = $2))",
                &[&since.timestamp(), &key],
            )?
            .get(0))
    }

    pub fn undo_last(&mut self, now: DateTime<FixedOffset>) -> Result<Contact> {
        let device = this_device();
        self.write(|tx| {
            let id: Uuid = tx
                .query_opt(
                    "SELECT r.contact_id FROM recent_log r JOIN contact c ON c.id = r.contact_id \
                     WHERE r.device = $1 AND r.logged_at BETWEEN $2 AND $3 \
                     ORDER BY r.logged_at DESC, r.contact_id DESC LIMIT 1",
                    &[&device, &(now - UNDO_WINDOW).timestamp(), &now.timestamp()],
                )?
                .ok_or(StoreError::NothingToUndo)?
                .get(0);
            let contact = get_contact_in(tx, id)?.ok_or(StoreError::NothingToUndo)?;
            tx.execute("DELETE FROM contact WHERE id = $1", &[&id])?;
            Ok(contact)
        })
    }

    pub fn for_each_contact<E>(
        &self,
        filter: &ContactFilter,
        f: &mut impl FnMut(Contact) -> Result<(), E>,
    ) -> Result<(), E>
    where
        E: From<StoreError>,
    {
        let from = filter.from.map_or(i64::MIN, day_number);
        let to = filter.to.map_or(i64::MAX, day_number);
        let mut client = self.client();
        let params: [&(dyn ToSql + Sync); 2] = [&from, &to];
        let mut rows = client
            .query_raw(
                &format!(
                    "SELECT {CONTACT_COLUMNS} FROM contact c \
                     LEFT JOIN member m ON m.id = c.member_id \
                     WHERE c.occurred_day BETWEEN $1 AND $2 \
                     ORDER BY c.occurred_day, c.occurred_local, c.id"
                ),
                params,
            )
            .map_err(StoreError::from)?;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            f(contact_from_row(&row)?)?;
        }
        Ok(())
    }

    pub fn history_page(
        &self,
        query: &HistoryQuery,
        after: Option<HistoryCursor>,
        limit: u32,
    ) -> Result<HistoryPage> {
        let limit = limit.clamp(1, HISTORY_PAGE_MAX);
        let (mut clause, mut params) = history_conditions(query);
        if let Some(c) = after {
            // The whole key of the time index, so the next page starts where the index
            // left off instead of sorting every contact.
            params.push(Box::new(c.local.div_euclid(86_400)));
            params.push(Box::new(c.local));
            params.push(Box::new(c.id));
            let n = params.len();
            clause.push(format!(
                "(c.occurred_day, c.occurred_local, c.id) < (${}, ${}, ${n})",
                n - 2,
                n - 1
            ));
        }
        let rows = self.client().query(
            &format!(
                "SELECT {CONTACT_COLUMNS} FROM contact c LEFT JOIN member m ON m.id = c.member_id \
                 WHERE {} \
                 ORDER BY c.occurred_day DESC, c.occurred_local DESC, c.id DESC LIMIT {limit}",
                clause.join(" AND ")
            ),
            &refs(&params),
        )?;
        let contacts: Vec<Contact> = rows.iter().map(contact_from_row).collect::<Result<_>>()?;
        let next = (contacts.len() == limit as usize)
            .then(|| contacts.last())
            .flatten()
            .map(|c| HistoryCursor {
                local: c.occurred_at.naive_local().and_utc().timestamp(),
                id: c.id,
            });
        Ok(HistoryPage { contacts, next })
    }

    pub fn history_count(&self, query: &HistoryQuery) -> Result<u64> {
        let dates_only = HistoryQuery {
            from: query.from,
            to: query.to,
            ..HistoryQuery::default()
        };
        if *query == dates_only {
            return Ok(self
                .daily_counts(query.from, query.to)?
                .iter()
                .map(|d| d.total)
                .sum());
        }
        let (clause, params) = history_conditions(query);
        let n: i64 = self
            .client()
            .query_one(
                &format!(
                    "SELECT count(*) FROM contact c LEFT JOIN member m ON m.id = c.member_id \
                     WHERE {}",
                    clause.join(" AND ")
                ),
                &refs(&params),
            )?
            .get(0);
        Ok(n.max(0) as u64)
    }

    pub fn count_contacts(&self) -> Result<u64> {
        let n: i64 = self
            .client()
            .query_one("SELECT count(*) FROM contact", &[])?
            .get(0);
        Ok(n.max(0) as u64)
    }

    pub fn daily_counts(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<DayCount>> {
        let from = from.map_or(i64::MIN, day_number);
        let to = to.map_or(i64::MAX, day_number);
        let rows = self.client().query(
            "SELECT day, total, golden FROM day_count \
             WHERE day BETWEEN $1 AND $2 AND total > 0 ORDER BY day",
            &[&from, &to],
        )?;
        Ok(rows
            .iter()
            .map(|r| DayCount {
                day: day_from_number(r.get(0)),
                total: r.get::<_, i64>(1).max(0) as u64,
                golden: r.get::<_, i64>(2).max(0) as u64,
            })
            .collect())
    }

    pub fn member_counts(
        &self,
        member: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<(u64, u64)> {
        let r = self.client().query_one(
            "SELECT count(*), count(*) FILTER (WHERE c.golden) FROM contact c \
             JOIN member m ON m.id = c.member_id \
             WHERE m.name_key = $1 AND c.occurred_day BETWEEN $2 AND $3",
            &[
                &member.trim().to_lowercase(),
                &day_number(from),
                &day_number(to),
            ],
        )?;
        Ok((
            r.get::<_, i64>(0).max(0) as u64,
            r.get::<_, i64>(1).max(0) as u64,
        ))
    }

    pub fn date_span(&self) -> Result<Option<(NaiveDate, NaiveDate)>> {
        let r = self.client().query_one(
            "SELECT min(day), max(day) FROM day_count WHERE total > 0",
            &[],
        )?;
        Ok(
            match (r.get::<_, Option<i64>>(0), r.get::<_, Option<i64>>(1)) {
                (Some(a), Some(b)) => Some((day_from_number(a), day_from_number(b))),
                _ => None,
            },
        )
    }

    pub fn scan(&self, selection: &Selection, f: &mut dyn FnMut(&ScanRow)) -> Result<()> {
        let (clause, params) = selection_conditions(selection);
        let mut client = self.client();
        let mut rows = client.query_raw(
            &format!(
                "SELECT c.occurred_local, c.golden, c.channel, c.phase, c.purpose, c.motives, \
                        c.perspectives, coalesce(c.member_id, 0), c.nps, \
                        c.note IS NOT NULL, c.share_in_review, coalesce(c.place_id, 0), \
                        c.obstacles \
                 FROM contact c WHERE {clause} ORDER BY c.occurred_day, c.occurred_local"
            ),
            refs(&params),
        )?;
        let code = |v: Option<i16>| v.and_then(|v| u8::try_from(v).ok());
        while let Some(r) = rows.next()? {
            f(&ScanRow {
                local: r.try_get(0)?,
                golden: r.try_get(1)?,
                channel: code(r.try_get(2)?).and_then(|v| Code::from_db_id(i64::from(v))),
                phase: code(r.try_get(3)?).and_then(|v| Code::from_db_id(i64::from(v))),
                purpose: code(r.try_get(4)?).and_then(|v| Code::from_db_id(i64::from(v))),
                motives: code(Some(r.try_get(5)?)).unwrap_or_default() & 0x3f,
                perspectives: code(Some(r.try_get(6)?)).unwrap_or_default() & 0x3f,
                who: r.try_get(7)?,
                nps: code(r.try_get(8)?),
                has_story: r.try_get(9)?,
                shared: r.try_get(10)?,
                place: r.try_get(11)?,
                obstacles: code(Some(r.try_get(12)?)).unwrap_or_default() & 0x0f,
            });
        }
        Ok(())
    }

    pub fn newest(&self, selection: &Selection, limit: u32) -> Result<Vec<Contact>> {
        let (clause, params) = selection_conditions(selection);
        let rows = self.client().query(
            &format!(
                "SELECT {CONTACT_COLUMNS} FROM contact c LEFT JOIN member m ON m.id = c.member_id \
                 WHERE {clause} \
                 ORDER BY c.occurred_day DESC, c.occurred_local DESC, c.id DESC LIMIT {limit}"
            ),
            &refs(&params),
        )?;
        rows.iter().map(contact_from_row).collect()
    }
}

/// `LIKE` pattern for text anywhere in the story (Rust's lower-casing, as `note_folded`).
fn contains_pattern(needle: &str) -> String {
    let mut p = String::from("%");
    for c in needle.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// The history's filters as conditions and their parameters.
fn history_conditions(q: &HistoryQuery) -> (Vec<String>, Vec<Param>) {
    let mut clause = Vec::new();
    let mut params: Vec<Param> = Vec::new();
    let mut push = |sql: &str, p: Param| {
        params.push(p);
        clause.push(sql.replace('?', &format!("${}", params.len())));
    };
    push(
        "c.occurred_day >= ?",
        Box::new(q.from.map_or(i64::MIN, day_number)),
    );
    push(
        "c.occurred_day <= ?",
        Box::new(q.to.map_or(i64::MAX, day_number)),
    );
    if let Some(r) = q.rating {
        push("c.golden = ?", Box::new(r == Rating::Golden));
    }
    if let Some(c) = q.channel {
        push("c.channel = ?", Box::new(i16::from(c.db_id())));
    }
    if let Some(m) = q.motive {
        let mask = tags_to_mask(&[m].into()) as i16;
        push("(c.motives & ?) <> 0", Box::new(mask));
    }
    if let Some(p) = q.perspective {
        let mask = tags_to_mask(&[p].into()) as i16;
        push("(c.perspectives & ?) <> 0", Box::new(mask));
    }
    if let Some(m) = &q.member {
        push("m.name_key = ?", Box::new(m.trim().to_lowercase()));
    }
    if let Some(t) = q.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        push("c.note_folded LIKE ?", Box::new(contains_pattern(t)));
    }
    (clause, params)
}

/// A review's selection as a `WHERE` clause and its parameters.
fn selection_conditions(s: &Selection) -> (String, Vec<Param>) {
    let mut clause = Vec::new();
    let mut params: Vec<Param> = Vec::new();
    let mut push = |sql: &str, p: Option<Param>| {
        let sql = match p {
            Some(p) => {
                params.push(p);
                sql.replace('?', &format!("${}", params.len()))
            }
            None => sql.to_string(),
        };
        clause.push(sql);
    };
    push("c.occurred_day >= ?", Some(Box::new(day_number(s.from))));
    push("c.occurred_day <= ?", Some(Box::new(day_number(s.to))));
    match &s.scope {
        Scope::Team => {}
        Scope::Member(id) => push("c.member_id = ?", Some(Box::new(*id))),
        Scope::Contacts(ids) => push(
            "c.id = ANY(?)",
            Some(Box::new(ids.iter().copied().collect::<Vec<Uuid>>())),
        ),
    }
    let small = |v: u8| Some(Box::new(i16::from(v)) as Param);
    for n in &s.narrow {
        match *n {
            Narrow::Rating(r) => push("c.golden = ?", Some(Box::new(r == Rating::Golden))),
            Narrow::Channel(v) => push("c.channel = ?", small(v.db_id())),
            Narrow::Phase(v) => push("c.phase = ?", small(v.db_id())),
            Narrow::Purpose(v) => push("c.purpose = ?", small(v.db_id())),
            Narrow::Motive(v) => push("(c.motives & ?) <> 0", Some(Box::new(1i16 << v.db_id()))),
            Narrow::Perspective(v) => push(
                "(c.perspectives & ?) <> 0",
                Some(Box::new(1i16 << v.db_id())),
            ),
            Narrow::Obstacle(v) => {
                push("(c.obstacles & ?) <> 0", Some(Box::new(1i16 << v.db_id())))
            }
            // 1970-01-01 was a Thursday: day 0 is weekday 3 counted from Monday.
            Narrow::Weekday(d) => {
                push("(c.occurred_day + 3) % 7 = ?", Some(Box::new(i64::from(d))))
            }
            Narrow::Hour(h) => push(
                "(c.occurred_local % 86400) / 3600 = ?",
                Some(Box::new(i64::from(h))),
            ),
            Narrow::HasStory => push("c.note IS NOT NULL", None),
            Narrow::SharedStory => push("c.share_in_review", None),
            Narrow::Place(id) => push("c.place_id = ?", Some(Box::new(id))),
        }
    }
    (clause.join(" AND "), params)
}
