//! The team review's breakdowns against a fixture computed by hand, including the
//! suppression of cells from fewer than three people.

use chrono::{DateTime, NaiveDate};
use murmelglas::analytics::Figures;
use murmelglas::breakdown::{breakdowns, Breakdowns, ReviewFilter};
use murmelglas::store::Store;
use murmelglas::{Channel, Contact, Motive, Perspective, Rating};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).expect("date")
}

/// Week 47 of 2026 (Mon 16 – Sun 22 November) and one contact the Sunday before:
///
/// | # | when        | who  | rating | channel | tags                        | NPS |
/// |---|-------------|------|--------|---------|-----------------------------|-----|
/// | 1 | Mon 09:15   | Ana  | golden | phone   | speed                       | 10  |
/// | 2 | Mon 09:40   | Ben  | 08/15  | phone   | speed                       | 6   |
/// | 3 | Mon 10:05   | Cem  | golden | phone   | speed, reliability          | 9   |
/// | 4 | Tue 14:00   | Ana  | golden | email   | brand promise (perspective) |     |
/// | 5 | Tue 14:30   | Ana  | 08/15  | email   |                             |     |
/// | 6 | Wed 09:20   | anon | 08/15  | chat    |                             | 8   |
/// | 7 | Sun 15 12:00| Dora | golden | phone   | (outside the week)          |     |
/// When, who, rating, channel, motives, perspectives, NPS.
type Row = (
    &'static str,
    Option<&'static str>,
    Rating,
    Channel,
    &'static [Motive],
    &'static [Perspective],
    Option<u8>,
);

fn week() -> Store {
    let mut store = Store::open_in_memory().expect("store");
    for name in ["Ana", "Ben", "Cem", "Dora"] {
        store.insert_member(name).expect("member");
    }
    let rows: [Row; 7] = [
        (
            "2026-11-16T09:15:00+01:00",
            Some("Ana"),
            Rating::Golden,
            Channel::Phone,
            &[Motive::Speed],
            &[],
            Some(10),
        ),
        (
            "2026-11-16T09:40:00+01:00",
            Some("Ben"),
            Rating::Ordinary,
            Channel::Phone,
            &[Motive::Speed],
            &[],
            Some(6),
        ),
        (
            "2026-11-16T10:05:00+01:00",
            Some("Cem"),
            Rating::Golden,
            Channel::Phone,
            &[Motive::Speed, Motive::Reliability],
            &[],
            Some(9),
        ),
        (
            "2026-11-17T14:00:00+01:00",
            Some("Ana"),
            Rating::Golden,
            Channel::Email,
            &[],
            &[Perspective::BrandPromise],
            None,
        ),
        (
            "2026-11-17T14:30:00+01:00",
            Some("Ana"),
            Rating::Ordinary,
            Channel::Email,
            &[],
            &[],
            None,
        ),
        (
            "2026-11-18T09:20:00+01:00",
            None,
            Rating::Ordinary,
            Channel::Chat,
            &[],
            &[],
            Some(8),
        ),
        (
            "2026-11-15T12:00:00+01:00",
            Some("Dora"),
            Rating::Golden,
            Channel::Phone,
            &[],
            &[],
            None,
        ),
    ];
    for (at, who, rating, channel, motives, perspectives, nps) in rows {
        let mut c = Contact::new(rating, DateTime::parse_from_rfc3339(at).expect("time"));
        c.member = who.map(String::from);
        c.channel = Some(channel);
        c.motives = motives.iter().copied().collect();
        c.perspectives = perspectives.iter().copied().collect();
        c.nps = nps;
        store.insert_contact(&c).expect("insert");
    }
    store
}

fn totals(f: Option<Figures>) -> Option<(u64, u64)> {
    f.map(|f| (f.total, f.golden))
}

fn cell(cells: &[murmelglas::breakdown::Cell], key: &str) -> Option<(u64, u64)> {
    let c = cells.iter().find(|c| c.key == key).expect("a cell per key");
    totals(c.figures)
}

fn review(store: &Store, filter: ReviewFilter) -> Breakdowns {
    breakdowns(store, day(16), day(22), &filter).expect("breakdowns")
}

#[test]
fn breakdowns_match_the_hand_computed_week() {
    let store = week();
    let b = review(&store, ReviewFilter::default());
    assert_eq!(
        (b.figures.total, b.figures.golden),
        (6, 3),
        "the Sunday before is out"
    );

    // Phone: Ana, Ben, Cem → shown. E-mail: only Ana, chat: only anonymous → suppressed.
    assert_eq!(cell(&b.by_channel, "phone"), Some((3, 2)));
    assert_eq!(cell(&b.by_channel, "email"), None);
    assert_eq!(cell(&b.by_channel, "chat"), None);
    assert_eq!(
        cell(&b.by_channel, "in-person"),
        Some((0, 0)),
        "empty, not hidden"
    );
    assert_eq!(b.by_channel.len(), 7);

    // Monday (three people) shown, Tuesday (Ana) and Wednesday (anonymous) not.
    assert_eq!(b.by_weekday.len(), 7);
    assert_eq!(cell(&b.by_weekday, "0"), Some((3, 2)));
    assert_eq!(cell(&b.by_weekday, "1"), None);
    assert_eq!(cell(&b.by_weekday, "2"), None);
    assert_eq!(cell(&b.by_weekday, "3"), Some((0, 0)));

    // 9 o'clock: Ana, Ben and an anonymous contact make three; 10 and 14 are one person.
    assert_eq!(b.by_hour.len(), 24);
    assert_eq!(cell(&b.by_hour, "9"), Some((3, 1)));
    assert_eq!(cell(&b.by_hour, "10"), None);
    assert_eq!(cell(&b.by_hour, "14"), None);

    // Monday 9:00 holds Ana and Ben only.
    assert_eq!(b.heat.len(), 168);
    let monday_nine = &b.heat[9];
    assert_eq!((monday_nine.weekday, monday_nine.hour), (0, 9));
    assert_eq!(monday_nine.figures, None);

    // Speed: on 2 of 3 golden and 1 of 3 08/15 contacts. Reliability: only Cem.
    let speed = b.motives.iter().find(|t| t.key == "speed").expect("speed");
    let counts = speed.counts.expect("three people named speed");
    assert_eq!((counts.golden, counts.ordinary), (2, 1));
    assert!((counts.golden_share.expect("golden") - 2.0 / 3.0).abs() < 1e-12);
    assert!((counts.ordinary_share.expect("08/15") - 1.0 / 3.0).abs() < 1e-12);
    let reliability = b
        .motives
        .iter()
        .find(|t| t.key == "reliability")
        .expect("reliability");
    assert_eq!(reliability.counts, None);
    let brand = b
        .perspectives
        .iter()
        .find(|t| t.key == "brand-promise")
        .expect("brand promise");
    assert_eq!(brand.counts, None, "only Ana named it");
    let unnamed = b
        .motives
        .iter()
        .find(|t| t.key == "individuality")
        .expect("individuality");
    assert_eq!(unnamed.counts.map(|c| (c.golden, c.ordinary)), Some((0, 0)));

    // NPS 10, 6, 9, 8 from four people: promoters 2, detractors 1 → (2 − 1) / 4 = 25.
    let nps = b.nps.expect("four people gave a score");
    assert_eq!(nps.responses, 4);
    assert_eq!(nps.counts, [0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1]);
    assert!((nps.score - 25.0).abs() < 1e-12);
    assert!(!b.nps_suppressed);
}

#[test]
fn filters_narrow_every_breakdown() {
    let store = week();
    let phone = review(
        &store,
        ReviewFilter {
            channel: Some(Channel::Phone),
            ..Default::default()
        },
    );
    assert_eq!((phone.figures.total, phone.figures.golden), (3, 2));
    // At 9 o'clock only Ana and Ben are left: now too few.
    assert_eq!(cell(&phone.by_hour, "9"), None);

    let golden = review(
        &store,
        ReviewFilter {
            rating: Some(Rating::Golden),
            ..Default::default()
        },
    );
    assert_eq!((golden.figures.total, golden.figures.golden), (3, 3));
    assert_eq!(golden.figures.golden_share, Some(1.0), "all golden");

    let speed = review(
        &store,
        ReviewFilter {
            motive: Some(Motive::Speed),
            ..Default::default()
        },
    );
    assert_eq!(speed.figures.total, 3);
    assert_eq!(cell(&speed.by_weekday, "0"), Some((3, 2)));
}

#[test]
fn an_empty_period_and_a_single_contact() {
    let store = week();
    let empty = breakdowns(&store, day(23), day(29), &ReviewFilter::default()).expect("empty");
    assert_eq!(empty.figures.total, 0);
    assert_eq!(empty.figures.golden_share, None);
    assert!(empty
        .by_channel
        .iter()
        .all(|c| totals(c.figures) == Some((0, 0))));
    assert_eq!(empty.nps, None);
    assert!(!empty.nps_suppressed);

    // Wednesday alone: one anonymous contact with a score — nothing but the total shows.
    let one = breakdowns(&store, day(18), day(18), &ReviewFilter::default()).expect("one");
    assert_eq!((one.figures.total, one.figures.golden), (1, 0));
    assert_eq!(cell(&one.by_channel, "chat"), None);
    assert_eq!(one.nps, None);
    assert!(one.nps_suppressed);
}
