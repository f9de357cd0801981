//! Where the contacts live: one interface, [`Store`], over the engines that keep them —
//! the SQLite file on one computer (`sqlite`), or one PostgreSQL database a team on many
//! computers shares (`postgres`). Everything the rest of the library reads
//! or writes goes through a method here; no SQL lives outside this folder.
//!
//! `selection` describes which contacts a review reads, typed, for every engine to turn
//! into its own query; `error` is what can go wrong in any of them.

mod error;
mod feedback;
pub mod outbox;
pub mod postgres;
mod selection;
pub mod sqlite;
mod upload;

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::{self, Channel, Contact, Member, Motive, Perspective, Rating, Settings};

pub use cycle::{CycleCopy, CycleUploaded};
pub use error::{Result, ServerProblem, StoreError};
pub use feedback::FeedbackImported;
pub use postgres::{PostgresStore, SERVER_SCHEMA_VERSION};
pub use selection::{ContactSet, Narrow, ScanRow, Scope, Selection};
pub use sqlite::{SqliteStore, APPLICATION_ID, BUSY_TIMEOUT, SCHEMA_VERSION};
pub use upload::{upload, Uploaded};

/// How long after logging a contact `undo` may still remove it.
pub const UNDO_WINDOW: chrono::TimeDelta = chrono::TimeDelta::minutes(10);

/// The most contacts one history page may hold.
pub const HISTORY_PAGE_MAX: u32 = 500;

/// The default database file: `~/.local/share/murmelglas/murmelglas.sqlite3` on Linux.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "murmelglas")
        .map(|dirs| dirs.data_dir().join("murmelglas.sqlite3"))
}

/// Which contacts a listing or an export covers: local calendar days, inclusive.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ContactFilter {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// What the history lists: every field is an optional narrowing. Dates are local
/// calendar days, inclusive.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HistoryQuery {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub rating: Option<Rating>,
    pub channel: Option<Channel>,
    pub motive: Option<Motive>,
    pub perspective: Option<Perspective>,
    /// Only contacts of this member.
    pub member: Option<String>,
    /// Text the story contains, ignoring case (also for umlauts).
    pub text: Option<String>,
}

/// Where a history page ends: the next page starts after this contact.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryCursor {
    /// Local wall-clock seconds of the last contact shown, as `occurred_local` stores them.
    pub local: i64,
    pub id: Uuid,
}

/// One page of the history, newest first, and where the next one starts (`None` at the
/// oldest contact).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryPage {
    pub contacts: Vec<Contact>,
    pub next: Option<HistoryCursor>,
}

/// Contacts and golden ones on one local calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayCount {
    pub day: NaiveDate,
    pub total: u64,
    pub golden: u64,
}

/// Everything stored about one member (a subject-access request).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberData {
    pub member: Member,
    pub contacts: Vec<Contact>,
    /// The feedback items they took (their name as the one who recorded it).
    pub feedback: Vec<crate::feedback::FeedbackItem>,
    /// The measures they take care of.
    pub measures: Vec<crate::cycle::Measure>,
}

/// What [`Store::erase_member`] deleted.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Erased {
    pub member: String,
    pub contacts: u64,
    pub stories: u64,
}

/// What a [`Store::bulk`] stored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BulkCounts {
    /// Contacts written.
    pub added: u64,
    /// Contacts whose id was already there: left as they were.
    pub already_present: u64,
    /// Members created because contacts named them.
    pub members_added: u64,
}

/// Takes many contacts at once inside one transaction ([`Store::bulk`]): an import or the
/// demo data. The engine keeps its per-day counts and story index as it goes.
pub trait ContactSink {
    /// Stores `contact` unless its id is already there; a member it names is created
    /// when new (and left out when the team keeps no names).
    fn add(&mut self, contact: &Contact) -> Result<()>;

    /// [`ContactSink::add`] for each of `contacts` in order; an engine may store them
    /// several rows to a statement. On an error, its position in `contacts`: the ones
    /// before it are stored, it and the ones after it are not.
    fn add_many(&mut self, contacts: &[&Contact]) -> std::result::Result<(), (usize, StoreError)> {
        for (i, contact) in contacts.iter().enumerate() {
            self.add(contact).map_err(|e| (i, e))?;
        }
        Ok(())
    }
}

/// Members in the order every engine lists them: by name ignoring ASCII case, as SQLite's
/// NOCASE compares, then by the name itself.
pub(crate) fn sort_members(members: &mut [Member]) {
    members.sort_by(|a, b| {
        (a.name.to_ascii_lowercase(), &a.name).cmp(&(b.name.to_ascii_lowercase(), &b.name))
    });
}

/// The first day whose stories a retention of `months` keeps on `today`: the same day
/// `months` months earlier (the month's last day where that day does not exist).
pub fn retention_cutoff(today: NaiveDate, months: u8) -> NaiveDate {
    today
        .checked_sub_months(chrono::Months::new(u32::from(months)))
        .unwrap_or(NaiveDate::MIN)
}

/// Days since 1970-01-01 of a date, as `occurred_day` stores it.
pub fn day_number(d: NaiveDate) -> i64 {
    (d - NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()).num_days()
}

pub(crate) fn day_from_number(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default() + chrono::Days::new(n.max(0) as u64)
}

/// A pseudonymous id of this computer and account: a UUID v5 of the host and user name,
/// so `undo` takes back only what was logged here, even on a shared database, without
/// storing either name.
pub fn this_device() -> String {
    static DEVICE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DEVICE
        .get_or_init(|| {
            let host = std::fs::read_to_string("/etc/hostname")
                .ok()
                .or_else(|| std::env::var("COMPUTERNAME").ok())
                .or_else(|| std::env::var("HOSTNAME").ok())
                .unwrap_or_default();
            let user = std::env::var("USER")
                .or_else(|_| std::env::var("USERNAME"))
                .unwrap_or_default();
            let name = format!("{}\u{1f}{}", host.trim(), user.trim());
            Uuid::new_v5(&DEVICE_NAMESPACE, name.as_bytes()).to_string()
        })
        .clone()
}

/// The namespace of [`this_device`] ids.
const DEVICE_NAMESPACE: Uuid = Uuid::from_u128(0x6d75_726d_656c_676c_6173_0000_0000_0002);

/// An open, migrated Murmelglas database, whichever engine keeps it.
pub struct Store {
    engine: Engine,
}

enum Engine {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

/// Calls the same method on whichever engine this store is.
macro_rules! engine {
    ($self:ident, $e:ident => $call:expr) => {
        match &$self.engine {
            Engine::Sqlite($e) => $call,
            Engine::Postgres($e) => $call,
        }
    };
    (mut $self:ident, $e:ident => $call:expr) => {
        match &mut $self.engine {
            Engine::Sqlite($e) => $call,
            Engine::Postgres($e) => $call,
        }
    };
}

// After the macro, so that the cycle's methods dispatch with it too.
mod cycle;

impl Store {
    /// Opens (creating if needed) and migrates the database file at `path`. A file
    /// written by a newer version, or one that is not ours, is refused without being
    /// changed.
    pub fn open(path: &Path) -> Result<Store> {
        Ok(Store {
            engine: Engine::Sqlite(SqliteStore::open(path)?),
        })
    }

    /// Opens an existing database file for reading only: nothing is written to it, so a
    /// read-only file or folder can still be read.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        Ok(Store {
            engine: Engine::Sqlite(SqliteStore::open_read_only(path)?),
        })
    }

    /// Opens the database `location` names: a `postgres://` or `postgresql://` URL (the
    /// team's server), else a file path.
    pub fn open_location(location: &str) -> Result<Store> {
        if postgres::is_url(location) {
            Self::open_server(location)
        } else {
            Self::open(Path::new(location))
        }
    }

    /// Connects to the team's PostgreSQL database at `url`; its schema must be set up
    /// (`murmelglas server init`) at a version this build knows. Nothing is written.
    pub fn open_server(url: &str) -> Result<Store> {
        Ok(Store {
            engine: Engine::Postgres(PostgresStore::open(url)?),
        })
    }

    /// Where the data lives, for people: the file's path or the server's URL (without
    /// its password).
    pub fn location(&self) -> String {
        match &self.engine {
            Engine::Sqlite(s) => s
                .path()
                .map_or_else(|| "memory".to_string(), |p| p.display().to_string()),
            Engine::Postgres(p) => p.shown_url().to_string(),
        }
    }

    /// Whether the data lives on the team's server.
    pub fn is_server(&self) -> bool {
        matches!(self.engine, Engine::Postgres(_))
    }

    /// A private in-memory database, migrated; for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store> {
        Ok(Store {
            engine: Engine::Sqlite(SqliteStore::open_in_memory()?),
        })
    }

    /// The SQLite file behind this store, for what only a file can do (its backups,
    /// tests that look at it with SQL).
    pub fn sqlite(&self) -> Option<&SqliteStore> {
        match &self.engine {
            Engine::Sqlite(s) => Some(s),
            Engine::Postgres(_) => None,
        }
    }

    /// The SQLite connection (see [`Store::sqlite`]).
    pub fn connection(&self) -> Option<&rusqlite::Connection> {
        self.sqlite().map(SqliteStore::connection)
    }

    /// Whether this store was opened read-only.
    pub fn is_read_only(&self) -> bool {
        match &self.engine {
            Engine::Sqlite(s) => s.is_read_only(),
            Engine::Postgres(_) => false,
        }
    }

    /// Where the file lives; `None` for an in-memory store or a server.
    pub fn path(&self) -> Option<&Path> {
        match &self.engine {
            Engine::Sqlite(s) => s.path(),
            Engine::Postgres(_) => None,
        }
    }

    // ----- contacts -----

    /// Stores a new contact. Its member, if named, must exist.
    pub fn insert_contact(&mut self, contact: &Contact) -> Result<()> {
        let contact = contact.checked()?;
        engine!(mut self, e => e.insert_contact(&contact))
    }

    /// Checks a draft and stores it as a new contact logged at `now`; it is remembered
    /// as logged on this computer, for [`Store::undo_last`].
    pub fn log_contact(
        &mut self,
        draft: domain::ContactDraft,
        now: DateTime<FixedOffset>,
    ) -> Result<Contact> {
        // Each engine returns the contact as it stored it (the member as the team spells
        // them), in the cheapest way it has.
        engine!(mut self, e => e.log_contact(draft, now))
    }

    /// Logs a contact made beforehand with [`domain::ContactDraft::into_contact`], so that
    /// its id is known before the store answers: when the answer is lost (the server went
    /// away after it committed), the same contact kept in the outbox and sent again is
    /// stored once, never twice.
    pub fn log_prepared(
        &mut self,
        contact: Contact,
        now: DateTime<FixedOffset>,
    ) -> Result<Contact> {
        engine!(mut self, e => e.log_prepared(contact, now))
    }

    /// `contact` as the store now holds it (the member as the team spells them).
    fn stored(&self, contact: Contact) -> Result<Contact> {
        Ok(self.get_contact(contact.id)?.unwrap_or(contact))
    }

    /// Replaces what a person entered on an existing contact ("add details to the last
    /// contact", editing in the history); its id and logging time stay. A draft without a
    /// time keeps the contact's time.
    pub fn amend_contact(
        &mut self,
        id: Uuid,
        draft: domain::ContactDraft,
        now: DateTime<FixedOffset>,
    ) -> Result<Contact> {
        let existing = self
            .get_contact(id)?
            .ok_or(StoreError::UnknownContact(id))?;
        let mut draft = draft;
        draft.occurred_at = draft.occurred_at.or(Some(existing.occurred_at));
        let mut contact = draft.into_contact(now)?;
        contact.id = existing.id;
        contact.logged_at = existing.logged_at;
        self.update_contact(&contact)?;
        self.stored(contact)
    }

    /// Replaces every field of an existing contact but its id.
    pub fn update_contact(&mut self, contact: &Contact) -> Result<()> {
        let contact = contact.checked()?;
        engine!(mut self, e => e.update_contact(&contact))
    }

    pub fn get_contact(&self, id: Uuid) -> Result<Option<Contact>> {
        engine!(self, e => e.get_contact(id))
    }

    /// Deletes a contact and returns it, so the caller can offer to restore it.
    pub fn delete_contact(&mut self, id: Uuid) -> Result<Contact> {
        engine!(mut self, e => e.delete_contact(id))
    }

    /// Writes `contact` back as it was: inserts it if it was deleted, replaces it if it
    /// was changed. This is the history's Undo for both. Returns it as stored.
    pub fn put_contact(&mut self, contact: &Contact) -> Result<Contact> {
        if self.get_contact(contact.id)?.is_some() {
            self.update_contact(contact)?;
        } else {
            self.insert_contact(contact)?;
        }
        self.stored(contact.clone())
    }

    /// The contact logged last, if it was logged at or after `since`.
    pub fn last_logged_since(&self, since: DateTime<FixedOffset>) -> Result<Option<Contact>> {
        engine!(self, e => e.last_logged_since(since))
    }

    /// Whether anything was logged at or after `since`, by `member` or, when `None`, by
    /// anyone (the reminder's question).
    pub fn logged_since(&self, since: DateTime<FixedOffset>, member: Option<&str>) -> Result<bool> {
        engine!(self, e => e.logged_since(since, member))
    }

    /// Removes the contact logged last on this computer (by [`Store::log_contact`], not
    /// by an import) if that was at most [`UNDO_WINDOW`] before `now`.
    pub fn undo_last(&mut self, now: DateTime<FixedOffset>) -> Result<Contact> {
        engine!(mut self, e => e.undo_last(now))
    }

    /// Contacts matching `filter`, in time order.
    pub fn list_contacts(&self, filter: &ContactFilter) -> Result<Vec<Contact>> {
        let mut out = Vec::new();
        self.for_each_contact(filter, |c| {
            out.push(c);
            Ok::<_, StoreError>(())
        })?;
        Ok(out)
    }

    /// Streams contacts matching `filter`, oldest first, without holding them in memory.
    pub fn for_each_contact<E>(
        &self,
        filter: &ContactFilter,
        mut f: impl FnMut(Contact) -> Result<(), E>,
    ) -> Result<(), E>
    where
        E: From<StoreError>,
    {
        engine!(self, e => e.for_each_contact(filter, &mut f))
    }

    /// One page of the history: contacts matching `query`, newest first, starting after
    /// `after`. Pages follow the time index (keyset paging), so the millionth contact
    /// comes as fast as the first.
    pub fn history_page(
        &self,
        query: &HistoryQuery,
        after: Option<HistoryCursor>,
        limit: u32,
    ) -> Result<HistoryPage> {
        engine!(self, e => e.history_page(query, after, limit))
    }

    /// How many contacts match `query`.
    pub fn history_count(&self, query: &HistoryQuery) -> Result<u64> {
        engine!(self, e => e.history_count(query))
    }

    pub fn count_contacts(&self) -> Result<u64> {
        engine!(self, e => e.count_contacts())
    }

    /// Totals per local day within the range (days without contacts are absent).
    pub fn daily_counts(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<DayCount>> {
        engine!(self, e => e.daily_counts(from, to))
    }

    /// Contacts and golden ones of one member between two local dates (inclusive).
    pub fn member_counts(
        &self,
        member: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<(u64, u64)> {
        engine!(self, e => e.member_counts(member, from, to))
    }

    /// The local dates of the first and the last contact, if there are any.
    pub fn date_span(&self) -> Result<Option<(NaiveDate, NaiveDate)>> {
        engine!(self, e => e.date_span())
    }

    /// Adds many contacts in one transaction: `f` gets a [`ContactSink`], and everything
    /// it added is committed only if it returns `Ok` (an import is all or nothing).
    pub fn bulk<T, E>(
        &mut self,
        f: impl FnOnce(&mut dyn ContactSink) -> Result<T, E>,
    ) -> Result<(T, BulkCounts), E>
    where
        E: From<StoreError>,
    {
        engine!(mut self, e => e.bulk(f))
    }

    // ----- the review's reading -----

    /// Every contact `selection` covers, oldest first, as the few values the review's
    /// figures need: read once, never held in memory.
    pub fn scan(&self, selection: &Selection, f: &mut dyn FnMut(&ScanRow)) -> Result<()> {
        engine!(self, e => e.scan(selection, f))
    }

    /// The newest `limit` contacts `selection` covers, newest first.
    pub fn newest(&self, selection: &Selection, limit: u32) -> Result<Vec<Contact>> {
        engine!(self, e => e.newest(selection, limit))
    }

    /// The id of the member named `name` (any case), if there is one.
    pub fn member_id(&self, name: &str) -> Result<Option<i64>> {
        engine!(self, e => e.member_id(name))
    }

    /// The places contacts were logged at (ids and names), by name.
    pub fn places(&self) -> Result<Vec<(i64, String)>> {
        let mut places = engine!(self, e => e.places())?;
        places.sort_by(|a, b| (a.1.to_lowercase(), &a.1).cmp(&(b.1.to_lowercase(), &b.1)));
        Ok(places)
    }

    // ----- members -----

    pub fn list_members(&self, include_inactive: bool) -> Result<Vec<Member>> {
        engine!(self, e => e.list_members(include_inactive))
    }

    pub fn insert_member(&mut self, name: &str) -> Result<Member> {
        engine!(mut self, e => e.insert_member(name))
    }

    pub fn rename_member(&mut self, old: &str, new: &str) -> Result<Member> {
        engine!(mut self, e => e.rename_member(old, new))
    }

    pub fn set_member_active(&mut self, name: &str, active: bool) -> Result<Member> {
        engine!(mut self, e => e.set_member_active(name, active))
    }

    // ----- data protection -----

    /// Takes the member off every contact, in one transaction, and keeps the team
    /// anonymous from now on; returns how many contacts named someone. Cannot be undone
    /// but from a backup: the caller makes one first.
    pub fn strip_members(&mut self) -> Result<u64> {
        engine!(mut self, e => e.strip_members())
    }

    /// How many contacts name a member (what [`Store::strip_members`] would change).
    pub fn count_named_contacts(&self) -> Result<u64> {
        engine!(self, e => e.count_named_contacts())
    }

    /// How many stories [`Store::purge_stories_before`] would delete for `before`.
    pub fn count_stories_before(&self, before: NaiveDate) -> Result<u64> {
        engine!(self, e => e.count_stories_before(before))
    }

    /// Deletes the stories of contacts that happened before `before` (a local date), in
    /// one transaction: the team's retention. The contacts stay; returns how many stories
    /// went.
    pub fn purge_stories_before(&mut self, before: NaiveDate) -> Result<u64> {
        engine!(mut self, e => e.purge_stories_before(before))
    }

    /// Applies the team's story retention as of `today`: stories older than the set
    /// number of months are deleted. Returns how many, or `None` when retention is off.
    pub fn apply_story_retention(&mut self, today: NaiveDate) -> Result<Option<u64>> {
        let Some(months) = self.get_settings()?.story_retention_months else {
            return Ok(None);
        };
        self.purge_stories_before(retention_cutoff(today, months))
            .map(Some)
    }

    /// Everything the database holds about `name`, for a subject-access request: the
    /// member, every contact of theirs, stories included, and the feedback they took.
    pub fn member_data(&self, name: &str) -> Result<MemberData> {
        let mut data = engine!(self, e => e.member_data(name))?;
        data.feedback = self
            .list_feedback()?
            .into_iter()
            .filter(|i| i.recorded_by.as_deref() == Some(data.member.name.as_str()))
            .collect();
        data.measures = self
            .list_measures()?
            .into_iter()
            .filter(|m| m.owner.as_deref() == Some(data.member.name.as_str()))
            .collect();
        Ok(data)
    }

    /// Deletes `name` and every contact of theirs, in one transaction (a data-protection
    /// request): nothing of them stays in the database; the measures they took care of
    /// go back to the team. Returns what went.
    pub fn erase_member(&mut self, name: &str) -> Result<Erased> {
        engine!(mut self, e => e.erase_member(name))
    }

    // ----- settings -----

    pub fn get_settings(&self) -> Result<Settings> {
        engine!(self, e => e.get_settings())
    }

    pub fn update_settings(&mut self, settings: &Settings) -> Result<()> {
        let chars = settings.team_name.trim().chars().count();
        if chars > 80 {
            return Err(domain::DomainError::TeamNameTooLong(chars).into());
        }
        domain::check_control_characters(&settings.team_name, "team name")?;
        if let Some(months) = settings.story_retention_months {
            if !(1..=120).contains(&months) {
                return Err(domain::DomainError::BadRetention(months.to_string()).into());
            }
        }
        engine!(mut self, e => e.update_settings(settings))
    }
}
