//! Export → import round trips as properties: whatever contacts the store holds, an
//! English CSV or JSON export imported into an empty database gives them back exactly.

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset, TimeZone};
use proptest::prelude::*;
use proptest::sample::subsequence;

use murmelglas::export::{write_contacts, Format};
use murmelglas::import::import_bytes;
use murmelglas::store::{ContactFilter, Store};
use murmelglas::{
    Channel, Code, Contact, Lang, Motive, Obstacle, Perspective, Phase, Purpose, Rating,
};

use crate::common::all_contacts;

const MEMBERS: &[&str] = &[
    "Anna",
    "Jörg",
    "Müller-Lüdenscheidt",
    "O'Brien; Sr.",
    "\"Zitat\"",
];

fn time() -> impl Strategy<Value = DateTime<FixedOffset>> {
    // 2001 to 2025, offsets from -12:00 to +14:00 in quarter hours.
    (978_307_200i64..1_767_225_600, -48i32..=56).prop_map(|(secs, quarter)| {
        FixedOffset::east_opt(quarter * 900)
            .expect("offset in range")
            .timestamp_opt(secs, 0)
            .single()
            .expect("valid timestamp")
    })
}

fn code<T: Code + std::fmt::Debug>() -> impl Strategy<Value = Option<T>> {
    proptest::option::of(proptest::sample::select(T::ALL))
}

fn tags<T: Code + Ord + std::fmt::Debug>() -> impl Strategy<Value = BTreeSet<T>> {
    subsequence(T::ALL, 0..=T::ALL.len()).prop_map(|v| v.into_iter().collect())
}

fn note() -> impl Strategy<Value = Option<String>> {
    // Delimiters, quotes, line breaks, umlauts, emoji: everything a story may hold.
    proptest::option::of("[a-zA-Z0-9äöüÄÖÜß ;,|\"'\\n\\r\\t€🙂–]{0,60}[a-zA-Z0-9äöüß🙂.!?]")
}

prop_compose! {
    fn contact()(
        id in any::<u128>(),
        occurred_at in time(),
        delay in 0i64..100_000,
        logged_offset in -48i32..=56,
        member in proptest::option::of(proptest::sample::select(MEMBERS)),
        golden in any::<bool>(),
        channel in code::<Channel>(),
        phase in code::<Phase>(),
        purpose in code::<Purpose>(),
        motives in tags::<Motive>(),
        perspectives in tags::<Perspective>(),
        obstacles in tags::<Obstacle>(),
        note in note(),
        share_in_review in any::<bool>(),
        nps in proptest::option::of(0u8..=10),
        place in proptest::option::of(proptest::sample::select(&["Filiale Markt", "Telefon-Team", "=Kasse 2"][..])),
    ) -> Contact {
        let logged_at = (occurred_at + chrono::Duration::seconds(delay))
            .with_timezone(&FixedOffset::east_opt(logged_offset * 900).expect("offset"));
        Contact {
            id: uuid::Uuid::from_u128(id),
            occurred_at,
            logged_at,
            member: member.map(str::to_string),
            rating: if golden { Rating::Golden } else { Rating::Ordinary },
            channel,
            phase,
            purpose,
            motives,
            perspectives,
            // What got in our way goes with 08/15 contacts only.
            obstacles: if golden { BTreeSet::new() } else { obstacles },
            note,
            share_in_review,
            nps,
            place: place.map(str::to_string),
        }
    }
}

fn store_with(contacts: &[Contact]) -> Store {
    let mut store = Store::open_in_memory().expect("store");
    for name in MEMBERS {
        store.insert_member(name).expect("member");
    }
    for c in contacts {
        store.insert_contact(c).expect("insert");
    }
    store
}

fn export(store: &Store, format: Format) -> Vec<u8> {
    let mut out = Vec::new();
    write_contacts(store, &ContactFilter::default(), format, Lang::En, &mut out).expect("export");
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn csv_and_json_exports_import_back_unchanged(
        contacts in proptest::collection::vec(contact(), 1..25)
    ) {
        let original = store_with(&contacts);
        let expected = all_contacts(&original);
        for format in [Format::Csv, Format::Json] {
            let file = export(&original, format);
            let mut copy = Store::open_in_memory().expect("store");
            let summary = import_bytes(&mut copy, &file, format, "roundtrip")
                .map_err(|e| TestCaseError::fail(format!("{format:?}: {e:?}")))?;
            prop_assert_eq!(summary.added as usize, contacts.len());
            prop_assert_eq!(&all_contacts(&copy), &expected);
            // And into the original: everything is already there.
            let mut same = store_with(&contacts);
            let again = import_bytes(&mut same, &file, format, "again")
                .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
            prop_assert_eq!(again.added, 0);
            prop_assert_eq!(again.already_present as usize, contacts.len());
            prop_assert_eq!(&all_contacts(&same), &expected);
        }
    }
}

#[test]
fn an_export_reports_how_many_contacts_it_has_written() {
    use std::sync::Mutex;
    let start = DateTime::parse_from_rfc3339("2026-01-05T08:00:00+01:00").expect("time");
    let contacts: Vec<Contact> = (0..5_000)
        .map(|i| Contact::new(Rating::Golden, start + chrono::Duration::minutes(i)))
        .collect();
    let store = store_with(&contacts);
    let reports = Mutex::new(Vec::new());
    let report = |n: u64| reports.lock().expect("lock").push(n);
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("out.json");
    let written = murmelglas::export::write_contacts_to_file_with(
        &store,
        &ContactFilter::default(),
        Format::Json,
        Lang::En,
        &path,
        false,
        Some(&report),
    )
    .expect("export");
    assert_eq!(written, 5_000);
    let reports = reports.into_inner().expect("lock");
    assert_eq!(reports.last(), Some(&5_000), "the end is reported");
    assert!(reports.windows(2).all(|w| w[0] <= w[1]), "{reports:?}");
    assert!(
        reports.len() <= 1 + 5_000 / 256,
        "throttled: {}",
        reports.len()
    );
}
