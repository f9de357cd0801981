//! The history's paged, filtered listing and the put-back used by its Undo.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use murmelglas::store::{HistoryQuery, Store};
use murmelglas::{Channel, Contact, Motive, Perspective, Rating};

use crate::common::all_contacts;

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
