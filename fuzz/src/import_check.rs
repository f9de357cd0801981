//! The import's promise, checked: whatever the bytes, it never panics, and it writes all
//! rows or none. Shared by the fuzz targets and by the stable test over the malformed
//! corpus (`tests/it/malformed.rs` includes this file), so both check the same thing.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate};
use murmelglas::export::Format;
use murmelglas::import::{import_bytes, ImportError, ImportSummary};
use murmelglas::store::{ContactFilter, Store};
use murmelglas::{Channel, Contact, Member, Motive, Rating, Settings};
use uuid::Uuid;

/// Ids of the contacts a store starts with; seed files reuse some, so "already present"
/// is exercised too.
pub const PREFILLED_IDS: [&str; 4] = [
    "0192f3a0-0000-7000-8000-000000000001",
    "0192f3a0-0000-7000-8000-000000000002",
    "0192f3a0-0000-7000-8000-000000000003",
    "0192f3a0-0000-7000-8000-000000000004",
];

/// An in-memory store with three members (one inactive) and four contacts, two of them
/// with a story.
pub fn prefilled_store() -> Store {
    let mut store = Store::open_in_memory().expect("open an in-memory store");
    for name in ["Jürgen", "Ana", "Bea"] {
        store.insert_member(name).expect("add a member");
    }
    store
        .set_member_active("Bea", false)
        .expect("deactivate a member");
    let times = [
        "2026-03-29T01:30:00+01:00",
        "2026-03-29T03:30:00+02:00",
        "2026-10-25T02:30:00+01:00",
        "2026-11-23T14:05:00+01:00",
    ];
    for (i, (id, at)) in PREFILLED_IDS.iter().zip(times).enumerate() {
        let at = DateTime::parse_from_rfc3339(at).expect("a valid time");
        let rating = if i % 2 == 0 {
            Rating::Golden
        } else {
            Rating::Ordinary
        };
        let mut contact = Contact::new(rating, at);
        contact.id = Uuid::parse_str(id).expect("a valid id");
        contact.member = ["Jürgen", "Ana", "Bea"].get(i).map(|m| m.to_string());
        if i < 2 {
            contact.note = Some(format!("Geschichte {i}: Kundin war begeistert"));
            contact.share_in_review = true;
            contact.channel = Some(Channel::Phone);
            contact.motives = [Motive::Speed].into();
        }
        store.insert_contact(&contact).expect("add a contact");
    }
    store
}

/// Everything an import may write, read back through the store.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub contacts: Vec<Contact>,
    pub members: Vec<Member>,
    pub settings: Settings,
    /// Per local day: contacts and golden ones, as `day_count` holds them.
    pub days: Vec<(NaiveDate, u64, u64)>,
    /// Rows of the story index.
    pub stories: i64,
    /// Tables, indexes, views and triggers with their SQL: an import drops and restores a
    /// trigger, so a rollback must bring it back.
    pub schema: Vec<(String, String, Option<String>)>,
    pub foreign_keys: bool,
}

impl Snapshot {
    pub fn take(store: &Store) -> Snapshot {
        let conn = store.connection().expect("a SQLite file");
        let mut stmt = conn
            .prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name")
            .expect("read the schema");
        let schema = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .expect("read the schema")
            .collect::<Result<_, _>>()
            .expect("read the schema");
        Snapshot {
            contacts: store
                .list_contacts(&ContactFilter::default())
                .expect("list contacts"),
            members: store.list_members(true).expect("list members"),
            settings: store.get_settings().expect("read settings"),
            days: store
                .daily_counts(None, None)
                .expect("read day counts")
                .into_iter()
                .map(|d| (d.day, d.total, d.golden))
                .collect(),
            stories: conn
                .query_row("SELECT count(*) FROM story", [], |r| r.get(0))
                .expect("count stories"),
            schema,
            foreign_keys: conn
                .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
                .expect("read foreign_keys"),
        }
    }

    /// Checks that the derived data agree with the contacts: the day counts every reader
    /// of figures uses, and one story row per contact with a story.
    pub fn assert_consistent(&self) {
        let mut days: BTreeMap<NaiveDate, (u64, u64)> = BTreeMap::new();
        for c in &self.contacts {
            let day = days.entry(c.occurred_at.date_naive()).or_default();
            day.0 += 1;
            day.1 += u64::from(c.rating == Rating::Golden);
        }
        let days: Vec<_> = days.into_iter().map(|(d, (t, g))| (d, t, g)).collect();
        assert_eq!(days, self.days, "day_count disagrees with the contacts");
        let with_story = self.contacts.iter().filter(|c| c.note.is_some()).count();
        assert_eq!(
            usize::try_from(self.stories).ok(),
            Some(with_story),
            "story index rows disagree with the contacts that have a story"
        );
        assert!(self.foreign_keys, "foreign keys were left switched off");
    }
}

/// Imports `bytes` into `store` and checks the promise against `before` (the store's
/// snapshot before the import): on an error nothing changed; on success exactly
/// `summary.added` contacts and `summary.members_added` members were added and nothing
/// that was there changed. Panics when the promise is broken.
pub fn import_all_or_nothing(
    store: &mut Store,
    before: &Snapshot,
    bytes: &[u8],
    format: Format,
) -> Result<ImportSummary, ImportError> {
    let result = import_bytes(store, bytes, format, "fuzz");
    let after = Snapshot::take(store);
    after.assert_consistent();
    match &result {
        Err(_) => assert!(
            after == *before,
            "a failed import changed the store: {result:?}"
        ),
        Ok(summary) => {
            assert_eq!(
                after.contacts.len() as u64,
                before.contacts.len() as u64 + summary.added,
                "the store grew by other than summary.added: {summary:?}"
            );
            assert_eq!(
                after.members.len() as u64,
                before.members.len() as u64 + summary.members_added,
                "members grew by other than summary.members_added: {summary:?}"
            );
            assert_eq!(
                summary.read,
                summary.added + summary.already_present,
                "rows read are neither added nor already present: {summary:?}"
            );
            for old in &before.contacts {
                assert!(
                    after.contacts.contains(old),
                    "an import changed or removed a contact it did not add: {old:?}"
                );
            }
            for old in &before.members {
                assert!(
                    after.members.contains(old),
                    "an import changed or removed a member: {old:?}"
                );
            }
            assert_eq!(
                after.settings, before.settings,
                "an import changed settings"
            );
            assert_eq!(after.schema, before.schema, "an import changed the schema");
        }
    }
    result
}
