//! The history's paged, filtered listing and the put-back used by its Undo.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use murmelglas::domain::ContactDraft;
use murmelglas::export::Format;
use murmelglas::import::import_bytes;
use murmelglas::store::{HistoryQuery, Store, SCHEMA_VERSION};
use murmelglas::{Channel, Contact, Motive, Perspective, Rating};
use rusqlite::Connection;

use crate::common::{all_contacts, temp_db};

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("valid RFC 3339")
}

/// 30 contacts, one every 3 hours from 20.11.2026 06:00, every third golden, every
/// fifth by phone with speed named, and a story on every seventh.
fn store_with_contacts() -> (Store, Vec<Contact>) {
    let mut store = Store::open_in_memory().expect("store");
    store.insert_member("Jürgen").expect("member");
    let start = at("2026-11-20T06:00:00+01:00");
    let mut contacts = Vec::new();
    for i in 0..30i64 {
        let rating = if i % 3 == 0 {
            Rating::Golden
        } else {
            Rating::Ordinary
        };
        let mut c = Contact::new(rating, start + Duration::hours(3 * i));
        if i % 5 == 0 {
            c.channel = Some(Channel::Phone);
            c.motives = [Motive::Speed].into();
        }
        if i % 7 == 0 {
            c.note = Some(format!("Geschichte {i}: ÜBERRASCHUNG für die Kundin"));
            c.member = Some("Jürgen".into());
        }
        store.insert_contact(&c).expect("insert");
        contacts.push(c);
    }
    (store, contacts)
}

/// Pages through the whole history for `query`, `size` contacts at a time.
fn all_pages(store: &Store, query: &HistoryQuery, size: u32) -> Vec<Contact> {
    let mut out = Vec::new();
    let mut after = None;
    loop {
        let page = store.history_page(query, after, size).expect("page");
        assert!(page.contacts.len() <= size as usize);
        out.extend(page.contacts);
        match page.next {
            Some(next) => after = Some(next),
            None => return out,
        }
    }
}

fn newest_first(mut contacts: Vec<Contact>) -> Vec<Contact> {
    contacts.sort_by_key(|c| std::cmp::Reverse((c.occurred_at, c.id)));
    contacts
}

#[test]
fn pages_list_every_contact_once_newest_first() {
    let (store, contacts) = store_with_contacts();
    let expected = newest_first(contacts);
    for size in [1, 4, 7, 30, 100] {
        assert_eq!(
            all_pages(&store, &HistoryQuery::default(), size),
            expected,
            "page size {size}"
        );
    }
    assert_eq!(
        store
            .history_count(&HistoryQuery::default())
            .expect("count"),
        30
    );
}

#[test]
fn contacts_at_the_same_second_are_not_lost_between_pages() {
    let mut store = Store::open_in_memory().expect("store");
    let moment = at("2026-11-23T09:00:00+01:00");
    for _ in 0..9 {
        store
            .insert_contact(&Contact::new(Rating::Golden, moment))
            .expect("insert");
    }
    let listed = all_pages(&store, &HistoryQuery::default(), 2);
    assert_eq!(listed, newest_first(all_contacts(&store)));
}

#[test]
fn filters_narrow_the_list_and_the_count_alike() {
    let (store, contacts) = store_with_contacts();
    let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).expect("date");
    type Keep = Box<dyn Fn(&Contact) -> bool>;
    let cases: Vec<(HistoryQuery, Keep)> = vec![
        (
            HistoryQuery {
                rating: Some(Rating::Golden),
                ..Default::default()
            },
            Box::new(|c| c.rating == Rating::Golden),
        ),
        (
            HistoryQuery {
                channel: Some(Channel::Phone),
                ..Default::default()
            },
            Box::new(|c| c.channel == Some(Channel::Phone)),
        ),
        (
            HistoryQuery {
                motive: Some(Motive::Speed),
                ..Default::default()
            },
            Box::new(|c| c.motives.contains(&Motive::Speed)),
        ),
        (
            HistoryQuery {
                perspective: Some(Perspective::Market),
                ..Default::default()
            },
            Box::new(|_| false),
        ),
        (
            HistoryQuery {
                from: Some(day(21)),
                to: Some(day(22)),
                ..Default::default()
            },
            Box::new(move |c| (day(21)..=day(22)).contains(&c.occurred_at.date_naive())),
        ),
        // Case is ignored beyond ASCII: "überraschung" finds "ÜBERRASCHUNG".
        (
            HistoryQuery {
                text: Some(" überraschung ".into()),
                ..Default::default()
            },
            Box::new(|c| c.note.is_some()),
        ),
        (
            HistoryQuery {
                member: Some("Jürgen".into()),
                ..Default::default()
            },
            Box::new(|c| c.member.is_some()),
        ),
        (
            HistoryQuery {
                rating: Some(Rating::Golden),
                channel: Some(Channel::Phone),
                from: Some(day(21)),
                ..Default::default()
            },
            Box::new(move |c| {
                c.rating == Rating::Golden
                    && c.channel == Some(Channel::Phone)
                    && c.occurred_at.date_naive() >= day(21)
            }),
        ),
    ];
    for (query, keep) in cases {
        let expected = newest_first(contacts.iter().filter(|c| keep(c)).cloned().collect());
        assert_eq!(all_pages(&store, &query, 4), expected, "{query:?}");
        assert_eq!(
            store.history_count(&query).expect("count"),
            expected.len() as u64,
            "{query:?}"
        );
    }
}

#[test]
fn put_contact_restores_a_deleted_or_changed_contact() {
    let (mut store, contacts) = store_with_contacts();
    let original = contacts[7].clone();
    store.delete_contact(original.id).expect("delete");
    assert_eq!(
        store
            .history_count(&HistoryQuery::default())
            .expect("count"),
        29
    );
    store.put_contact(&original).expect("restore");
    assert_eq!(
        store.get_contact(original.id).expect("get"),
        Some(original.clone())
    );

    let mut changed = original.clone();
    changed.rating = Rating::Ordinary;
    changed.note = None;
    store.put_contact(&changed).expect("change");
    assert_eq!(store.get_contact(original.id).expect("get"), Some(changed));
    store.put_contact(&original).expect("undo change");
    assert_eq!(store.get_contact(original.id).expect("get"), Some(original));
    // The per-day counts follow every step.
    assert_eq!(
        store
            .history_count(&HistoryQuery::default())
            .expect("count"),
        30
    );
    let golden = HistoryQuery {
        rating: Some(Rating::Golden),
        ..Default::default()
    };
    assert_eq!(store.history_count(&golden).expect("count"), 10);
}

/// A search for `text` alone.
fn text(needle: &str) -> HistoryQuery {
    HistoryQuery {
        text: Some(needle.into()),
        ..Default::default()
    }
}

/// What the story search meant before the index, and still means: the trimmed needle,
/// lower-cased, inside the lower-cased story; an empty needle does not filter.
fn story_holds(note: Option<&str>, needle: &str) -> bool {
    let needle = needle.trim().to_lowercase();
    needle.is_empty() || note.is_some_and(|n| n.to_lowercase().contains(&needle))
}

/// The contacts a search for `needle` lists, page by page, after checking that the count
/// says as many.
fn found(store: &Store, needle: &str) -> Vec<Contact> {
    let listed = all_pages(store, &text(needle), 3);
    assert_eq!(
        store.history_count(&text(needle)).expect("count"),
        listed.len() as u64,
        "count for {needle:?}"
    );
    listed
}

/// Every contact `store` holds whose story holds `needle`, newest first.
fn expected(store: &Store, needle: &str) -> Vec<Contact> {
    newest_first(
        all_contacts(store)
            .into_iter()
            .filter(|c| story_holds(c.note.as_deref(), needle))
            .collect(),
    )
}

/// FTS5 agrees that the index holds exactly the stories `story` lists, with their text.
fn assert_index_consistent(store: &Store) {
    store
        .connection()
        .expect("a SQLite file")
        .execute_batch(
            "INSERT INTO story_search (story_search, rank) VALUES ('integrity-check', 1);",
        )
        .expect("the story index matches the stories");
    let (stories, with_note): (i64, i64) = store
        .connection()
        .expect("a SQLite file")
        .query_row(
            "SELECT (SELECT count(*) FROM story), \
                    (SELECT count(*) FROM contact WHERE note IS NOT NULL)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("counts");
    assert_eq!(stories, with_note, "one story row per contact with a story");
}

const NOTES: &[&str] = &[
    "Große Freude über ÄRGER-freie Lösung",
    "STRASSE gesperrt, Kunde kam trotzdem",
    "İstanbul-Reise gebucht, Kundin war froh: FREI",
    "Wir haben gesagt: \"Das machen wir\" – 100 % erledigt_jetzt",
    "Suche nach *Sternchen* AND Operatoren NEAR(x y) und -minus",
    "ſchöne alte Schreibweise, 5 µm dünn",
    "ΟΔΟΣ und οδος, 20 \u{212A} (Kelvin) kalt",
    "Ǆemal: Titel ǅ und klein ǆ",
    "Kunde 😀 sehr zufrieden 👍🏽",
    "東京都の お客様",
    "Ende mit i",
    "Reise nach İzmir",
    "Öffnungszeiten erfragt",
];

const NEEDLES: &[&str] = &[
    "ärger",
    "ÄRGER",
    "Ärger-FREIE",
    "GROSSE",
    "große",
    "straße",
    "strasse",
    "lösung",
    "ö",
    "Ü",
    "k",
    "ku",
    "  kunde  ",
    "",
    "   ",
    "\"",
    "\"das",
    "das machen wir\"",
    "%",
    "100 %",
    "_",
    "erledigt_",
    "*",
    "*sternchen*",
    "and",
    "AND operatoren",
    "near(",
    "NEAR(x y)",
    "-",
    "-minus",
    "ist",
    "i̇st",
    "istanbul",
    "İSTANBUL",
    "frei",
    "FREI",
    "war froh: frei",
    "mit i",
    "t i",
    "schöne",
    "ſchöne",
    "ſch",
    "µm",
    "μm",
    "οδος",
    "ΟΔΟΣ",
    "δος",
    "δοσ",
    "20 k",
    "20 K",
    "20 \u{212A}",
    "ǆemal",
    "Ǆ",
    "ǅ und",
    "😀",
    "kunde 😀",
    "👍🏽",
    "東京都",
    "京都の",
    "öffnungs",
    "nichts davon",
    "nach i",
    "NACH İ",
    "nach i̇z",
];

#[test]
fn the_indexed_search_finds_exactly_what_the_scan_found() {
    let mut store = Store::open_in_memory().expect("store");
    let start = at("2026-11-20T06:00:00+01:00");
    for (i, note) in NOTES.iter().enumerate() {
        // Two contacts per story, and one without, some at the same second.
        for k in 0..3i64 {
            let mut c = Contact::new(
                Rating::Golden,
                start + Duration::minutes(7 * i as i64 + k / 2),
            );
            c.note = (k < 2).then(|| note.to_string());
            store.insert_contact(&c).expect("insert");
        }
    }
    for needle in NEEDLES {
        assert_eq!(
            found(&store, needle),
            expected(&store, needle),
            "{needle:?}"
        );
    }
    // Spot checks that the comparison is not vacuous.
    assert_eq!(found(&store, "ärger").len(), 2);
    assert_eq!(found(&store, "GROSSE").len(), 0, "ß is not ss");
    assert_eq!(
        found(&store, "istanbul").len(),
        0,
        "İ lower-cases to i and U+0307"
    );
    assert_eq!(found(&store, "i̇stanbul").len(), 2);
    assert_eq!(found(&store, "frei").len(), 4);
    assert_eq!(found(&store, "NEAR(x y)").len(), 2);
    assert_eq!(found(&store, "nach i").len(), 2, "half of İ");
    assert_eq!(found(&store, "").len(), 3 * NOTES.len());
    assert_index_consistent(&store);
}

/// A word in more stories than the history sorts at once (1,000) is found by walking the
/// stories in time order instead; the pages and the count are the same either way.
#[test]
fn a_word_in_many_stories_pages_like_a_rare_one() {
    let mut store = Store::open_in_memory().expect("store");
    let start = at("2026-01-05T08:00:00+01:00");
    for i in 0..1300i64 {
        let rating = if i % 4 == 0 {
            Rating::Golden
        } else {
            Rating::Ordinary
        };
        // Three contacts an hour, two of them at the same second.
        let mut c = Contact::new(
            rating,
            start + Duration::seconds(3600 * (i / 3) + i % 3 / 2),
        );
        c.note = (i % 13 != 0).then(|| format!("Kunde Nr. {i} war zufrieden"));
        store.insert_contact(&c).expect("insert");
    }
    for needle in ["KUNDE", "nr. 1", "zufrieden", "nr. 99"] {
        let hits = expected(&store, needle);
        for size in [7, 100, 500] {
            assert_eq!(
                all_pages(&store, &text(needle), size),
                hits,
                "{needle:?}, {size}"
            );
        }
        assert_eq!(
            store.history_count(&text(needle)).expect("count"),
            hits.len() as u64
        );
    }
    assert!(expected(&store, "kunde").len() > 1000);
    let days = NaiveDate::from_ymd_opt(2026, 1, 10).expect("date")
        ..=NaiveDate::from_ymd_opt(2026, 1, 12).expect("date");
    let golden_in_three_days = HistoryQuery {
        rating: Some(Rating::Golden),
        from: Some(*days.start()),
        to: Some(*days.end()),
        ..text("zufrieden")
    };
    let hits: Vec<Contact> = expected(&store, "zufrieden")
        .into_iter()
        .filter(|c| c.rating == Rating::Golden && days.contains(&c.occurred_at.date_naive()))
        .collect();
    assert!(hits.len() > 20, "{}", hits.len());
    assert_eq!(all_pages(&store, &golden_in_three_days, 9), hits);
    assert_eq!(
        store.history_count(&golden_in_three_days).expect("count"),
        hits.len() as u64
    );
}

#[test]
fn story_search_combines_with_the_other_filters_and_pages() {
    let (store, contacts) = store_with_contacts();
    let golden_surprise = HistoryQuery {
        rating: Some(Rating::Golden),
        text: Some("überraschung".into()),
        ..Default::default()
    };
    let expected = newest_first(
        contacts
            .iter()
            .filter(|c| c.note.is_some() && c.rating == Rating::Golden)
            .cloned()
            .collect(),
    );
    assert_eq!(expected.len(), 2);
    for size in [1, 2, 5] {
        assert_eq!(all_pages(&store, &golden_surprise, size), expected);
    }
    assert_eq!(store.history_count(&golden_surprise).expect("count"), 2);
    let day = NaiveDate::from_ymd_opt(2026, 11, 21).expect("date");
    let one_day = HistoryQuery {
        from: Some(day),
        to: Some(day),
        ..text("geschichte")
    };
    let expected: Vec<Contact> = newest_first(
        contacts
            .iter()
            .filter(|c| c.note.is_some() && c.occurred_at.date_naive() == day)
            .cloned()
            .collect(),
    );
    assert_eq!(all_pages(&store, &one_day, 1), expected);
    assert_eq!(
        store.history_count(&one_day).expect("count"),
        expected.len() as u64
    );
}

#[test]
fn the_search_follows_edits_deletes_undo_and_imports() {
    let (mut store, contacts) = store_with_contacts();
    let now = at("2026-11-25T12:00:00+01:00");
    let storied = contacts[7].clone();

    // Edited: the old story is gone from the search, the new one is found.
    let draft = ContactDraft {
        occurred_at: Some(storied.occurred_at),
        member: storied.member.clone(),
        note: Some("Neue Geschichte: Ärger mit dem Drucker".into()),
        ..ContactDraft::new(storied.rating)
    };
    store.amend_contact(storied.id, draft, now).expect("amend");
    assert_eq!(found(&store, "Drucker").len(), 1);
    assert_eq!(found(&store, "überraschung").len(), 4);
    // Moved to another time: still found, at its new place.
    let mut moved = store.get_contact(storied.id).expect("get").expect("there");
    moved.occurred_at = at("2026-11-24T08:00:00+01:00");
    store.update_contact(&moved).expect("move");
    assert_eq!(found(&store, "drucker"), vec![moved.clone()]);
    // Changed elsewhere only: the story is not indexed twice.
    let mut rated = moved.clone();
    rated.rating = Rating::Ordinary;
    store.update_contact(&rated).expect("rate");
    assert_index_consistent(&store);
    store.update_contact(&moved).expect("rate back");
    // The story removed, then put back by Undo.
    let mut without = moved.clone();
    without.note = None;
    store.update_contact(&without).expect("no story");
    assert!(found(&store, "drucker").is_empty());
    store.put_contact(&moved).expect("undo");
    assert_eq!(found(&store, "drucker"), vec![moved.clone()]);
    // Deleted, and restored by Undo.
    let deleted = store.delete_contact(contacts[14].id).expect("delete");
    assert_eq!(found(&store, "überraschung").len(), 3);
    store.put_contact(&deleted).expect("undo delete");
    assert_eq!(found(&store, "überraschung").len(), 4);
    assert_index_consistent(&store);

    // Imported stories are found, and a repeated import adds nothing.
    let csv = "occurred_at,rating,note\n\
               2026-11-22T10:00:00+01:00,golden,Importierte ÜBERRASCHUNG im Laden\n\
               2026-11-22T11:00:00+01:00,ordinary,\n\
               2026-11-22T12:00:00+01:00,ordinary,\"Zweite, mit \"\"Zitat\"\"\"\n";
    for _ in 0..2 {
        import_bytes(&mut store, csv.as_bytes(), Format::Csv, "stories.csv").expect("import");
        assert_eq!(found(&store, "überraschung").len(), 5);
        assert_eq!(found(&store, "\"zitat\"").len(), 1);
        assert_index_consistent(&store);
    }
    for needle in [
        "überraschung",
        "geschichte",
        "drucker",
        "zitat",
        "laden",
        "ü",
        "xyz",
    ] {
        assert_eq!(
            found(&store, needle),
            expected(&store, needle),
            "{needle:?}"
        );
    }
}

/// A file of schema version 2, before the story index, as that version left it.
fn write_version_2(path: &std::path::Path, notes: &[(&str, &str)]) {
    let conn = Connection::open(path).expect("raw open");
    conn.execute_batch(include_str!("../../migrations/sqlite/0001_initial.sql"))
        .expect("version 1");
    conn.execute_batch(include_str!(
        "../../migrations/sqlite/0002_default_channel.sql"
    ))
    .expect("version 2");
    conn.execute_batch(&format!(
        "PRAGMA user_version = 2; PRAGMA application_id = {};",
        murmelglas::store::APPLICATION_ID
    ))
    .expect("header");
    for (i, (time, note)) in notes.iter().enumerate() {
        let c = Contact::new(Rating::Golden, at(time));
        conn.execute(
            "INSERT INTO contact (id, occurred_local, occurred_offset, logged_at, logged_offset, \
             golden, note) VALUES (?1, ?2, 60, ?3, 60, 1, ?4)",
            rusqlite::params![
                c.id.as_bytes().as_slice(),
                c.occurred_at.naive_local().and_utc().timestamp(),
                c.logged_at.timestamp() + i as i64,
                (!note.is_empty()).then_some(*note),
            ],
        )
        .expect("contact");
    }
}

#[test]
fn stories_of_a_version_2_file_are_searchable_after_the_migration() {
    let db = temp_db();
    write_version_2(
        &db.path,
        &[
            ("2026-11-20T09:00:00+01:00", "Alte Geschichte mit ÄRGER"),
            ("2026-11-20T10:00:00+01:00", ""),
            ("2026-11-21T09:00:00+01:00", "Noch eine, ärgerlich"),
            ("2026-11-19T09:00:00+01:00", "Ohne das Wort"),
        ],
    );
    let store = db.open();
    let version: i64 = store
        .connection()
        .expect("a SQLite file")
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(version, SCHEMA_VERSION);
    let hits = found(&store, "ärger");
    assert_eq!(hits.len(), 2);
    assert_eq!(hits, expected(&store, "ärger"));
    assert_eq!(hits[0].note.as_deref(), Some("Noch eine, ärgerlich"));
    assert_index_consistent(&store);
    drop(store);

    // Someone writing with sqlite3, without the app's functions: the triggers keep up.
    let conn = Connection::open(&db.path).expect("raw open");
    let by_hand = Contact::new(Rating::Ordinary, at("2026-11-22T09:00:00+01:00"));
    conn.execute(
        "INSERT INTO contact (id, occurred_local, occurred_offset, logged_at, logged_offset, \
         golden, note) VALUES (?1, ?2, 60, ?3, 60, 0, 'Per Hand: Ärger')",
        rusqlite::params![
            by_hand.id.as_bytes().as_slice(),
            by_hand.occurred_at.naive_local().and_utc().timestamp(),
            by_hand.logged_at.timestamp(),
        ],
    )
    .expect("insert by hand");
    conn.execute(
        "UPDATE contact SET note = 'ÄRGER, neu' WHERE note = 'Ohne das Wort'",
        [],
    )
    .expect("update by hand");
    conn.execute(
        "DELETE FROM contact WHERE note = 'Alte Geschichte mit ÄRGER'",
        [],
    )
    .expect("delete by hand");
    drop(conn);
    let store = db.open();
    let notes: Vec<Option<String>> = found(&store, "ärger").into_iter().map(|c| c.note).collect();
    assert_eq!(
        notes,
        [
            Some("Per Hand: Ärger".to_string()),
            Some("Noch eine, ärgerlich".to_string()),
            Some("ÄRGER, neu".to_string()),
        ]
    );
    assert_index_consistent(&store);
}
