//! The team review's breakdowns against a fixture computed by hand, including the
//! suppression of cells from fewer than three people.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate};
use murmelglas::analytics::{Change, Figures, Granularity};
use murmelglas::breakdown::{breakdowns, Breakdowns, ReviewFilter};
use murmelglas::review::{drill, iso_week, ReviewError, ReviewQuery};
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

fn query(from: u32, to: u32) -> ReviewQuery {
    ReviewQuery {
        from: day(from),
        to: day(to),
        ..Default::default()
    }
}

/// Stories on the week's contacts: Ana's golden phone call shared, Ben's not, Cem's shared.
fn week_with_stories() -> Store {
    let mut store = week();
    let contacts = store.list_contacts(&Default::default()).expect("contacts");
    for mut c in contacts {
        let (note, shared) = match c.member.as_deref() {
            Some("Ana") if c.rating == Rating::Golden && c.channel == Some(Channel::Phone) => {
                ("Sie kam extra zurück, um sich zu bedanken", true)
            }
            Some("Ben") => ("Ben's private note", false),
            Some("Cem") => ("<b>Rückruf</b> & \"Lösung\" am selben Tag", true),
            _ => continue,
        };
        c.note = Some(note.to_string());
        c.share_in_review = shared;
        store.update_contact(&c).expect("update");
    }
    store
}

#[test]
fn the_review_of_a_week_against_the_week_before() {
    let store = week_with_stories();
    let r = murmelglas::review::review(&store, &query(16, 22)).expect("review");
    assert_eq!((r.figures.total, r.figures.golden), (6, 3));
    // The week before holds Dora's golden Sunday contact only.
    assert_eq!(r.change.previous_from, day(9));
    assert_eq!(r.change.previous_to, day(15));
    let c = &r.change.comparison;
    assert_eq!((c.previous.total, c.previous.golden), (1, 1));
    assert_eq!(c.change, Change::TooFewToTell);
    assert!((c.difference.expect("both have contacts") - (0.5 - 1.0)).abs() < 1e-12);

    // A week is drawn per day: seven days, the weekend empty (a gap, not a zero).
    assert_eq!(r.granularity, Granularity::Day);
    assert_eq!(r.series.len(), 7);
    assert_eq!(r.series[0].figures.total, 3);
    assert_eq!(r.series[5].figures.golden_share, None);
    // Eight weeks end with this one; W46 holds only Dora's Sunday: one person, withheld.
    assert_eq!(r.weeks.len(), 8);
    assert_eq!(r.weeks[7].period, "2026-W47");
    assert_eq!(r.weeks[7].figures.total, 6);
    assert_eq!(r.weeks[6].period, "2026-W46");
    assert!(r.weeks[6].suppressed);
    assert_eq!(r.weeks[6].figures.total, 0);
    assert!(r.weeks[..6]
        .iter()
        .all(|w| w.figures.total == 0 && !w.suppressed));
    // Days from fewer than three people are withheld too: Tuesday was Ana alone.
    assert!(!r.series[0].suppressed);
    assert!(r.series[1].suppressed && r.series[1].figures.total == 0);
    assert!(!r.suppressed, "the whole team's total is the team's");

    // Only shared stories, newest first, and no names.
    assert_eq!(r.stories_total, 2);
    let notes: Vec<_> = r.stories.iter().filter_map(|s| s.note.as_deref()).collect();
    assert_eq!(
        notes,
        [
            "<b>Rückruf</b> & \"Lösung\" am selben Tag",
            "Sie kam extra zurück, um sich zu bedanken"
        ]
    );
    assert!(r.stories.iter().all(|s| s.member.is_none()));
    // A new file has no goal, so no target: the jar has no quota.
    assert_eq!(r.target, None);
}

#[test]
fn review_granularity_follows_the_length_of_the_period() {
    use murmelglas::review::granularity_for;
    assert_eq!(granularity_for(7), Granularity::Day);
    assert_eq!(granularity_for(31), Granularity::Day);
    assert_eq!(granularity_for(91), Granularity::Week);
    assert_eq!(granularity_for(365), Granularity::Month);
    let store = week();
    let quarter = ReviewQuery {
        from: NaiveDate::from_ymd_opt(2026, 10, 1).expect("date"),
        to: NaiveDate::from_ymd_opt(2026, 12, 31).expect("date"),
        ..Default::default()
    };
    let r = murmelglas::review::review(&store, &quarter).expect("quarter");
    assert_eq!(r.granularity, Granularity::Week);
    assert_eq!(
        r.series.first().map(|p| p.period.as_str()),
        Some("2026-W40")
    );
    assert_eq!(r.series.last().map(|p| p.period.as_str()), Some("2026-W53"));
    let w47 = r
        .series
        .iter()
        .find(|p| p.period == "2026-W47")
        .expect("W47");
    assert_eq!(w47.figures.total, 6);
}

#[test]
fn review_filters_apply_to_the_trend_and_the_week_before() {
    let store = week();
    let mut q = query(16, 22);
    q.filter.channel = Some(Channel::Phone);
    let r = murmelglas::review::review(&store, &q).expect("review");
    assert_eq!((r.figures.total, r.figures.golden), (3, 2));
    assert_eq!(r.series[0].figures.total, 3);
    assert_eq!(r.series[1].figures.total, 0, "Tuesday had only e-mail");
    assert!(!r.series[1].suppressed, "no contacts is not too few");
    // The week before by phone is Dora's call alone: withheld, so no comparison.
    assert_eq!(r.change.comparison.previous.total, 0);
    assert_eq!(r.change.comparison.change, Change::TooFewToTell);
    assert!(r.weeks[6].suppressed);
}

#[test]
fn a_filter_that_narrows_to_fewer_than_three_people_shows_nothing() {
    let store = week_with_stories();
    // E-mail is Ana alone: as a filter it must not show what the suppressed cell hides.
    let mut q = query(16, 22);
    q.filter.channel = Some(Channel::Email);
    let r = murmelglas::review::review(&store, &q).expect("review");
    assert!(r.suppressed);
    assert_eq!((r.figures.total, r.figures.golden), (0, 0));
    assert_eq!(r.figures.golden_share, None);
    assert!(r.series.iter().all(|p| p.figures.total == 0));
    assert!(r.weeks.iter().all(|p| p.figures.total == 0));
    assert!(r.stories.is_empty());
    assert_eq!(cell(&r.breakdowns.by_channel, "email"), None);
    // The same filter in Ana's own figures shows everything.
    q.member = Some("Ana".into());
    let own = murmelglas::review::review(&store, &q).expect("own");
    assert!(!own.suppressed);
    assert_eq!((own.figures.total, own.figures.golden), (2, 1));
}

#[test]
fn my_figures_are_mine_and_never_suppressed() {
    let store = week_with_stories();
    let mut q = query(16, 22);
    q.member = Some("Ana".into());
    let r = murmelglas::review::review(&store, &q).expect("Ana's figures");
    assert_eq!((r.figures.total, r.figures.golden), (3, 2));
    // E-mail is Ana alone: suppressed for the team, shown to Ana.
    assert_eq!(cell(&r.breakdowns.by_channel, "email"), Some((2, 1)));
    assert_eq!(cell(&r.breakdowns.by_weekday, "1"), Some((2, 1)));
    assert_eq!(r.stories_total, 1);
    assert_eq!(r.stories[0].member.as_deref(), Some("Ana"));

    q.member = Some("Nobody".into());
    let err = murmelglas::review::review(&store, &q).expect_err("unknown member");
    assert!(err.to_string().contains("Nobody"), "{err}");
}

#[test]
fn an_empty_week_a_single_contact_and_an_all_golden_week() {
    let store = week();
    let r = murmelglas::review::review(&store, &query(23, 29)).expect("empty week");
    assert_eq!(r.figures.total, 0);
    assert_eq!(r.figures.golden_share, None);
    assert!(r.series.iter().all(|p| p.figures.golden_share.is_none()));
    assert!(r.stories.is_empty());
    assert_eq!(r.change.comparison.change, Change::TooFewToTell);

    let one = murmelglas::review::review(&store, &query(18, 18)).expect("one day");
    assert_eq!((one.figures.total, one.figures.golden), (1, 0));
    let (lo, hi) = (
        one.figures.ci_low.expect("lo"),
        one.figures.ci_high.expect("hi"),
    );
    // Wilson for 0 of 1: 0 – 0.7935.
    assert!(lo.abs() < 1e-12 && (hi - 0.7935).abs() < 1e-4, "{lo} {hi}");

    // All golden: Ana's golden contacts in her own figures.
    let mut golden = query(16, 22);
    golden.filter.rating = Some(Rating::Golden);
    golden.member = Some("Ana".into());
    let all = murmelglas::review::review(&store, &golden).expect("golden only");
    assert_eq!(all.figures.total, 2);
    assert_eq!(all.figures.golden_share, Some(1.0));
    assert_eq!(all.figures.ci_high, Some(1.0));

    let mut backwards = query(22, 16);
    backwards.filter = ReviewFilter::default();
    assert!(murmelglas::review::review(&store, &backwards).is_err());
}

#[test]
fn drill_down_lists_the_contacts_behind_a_cell_without_names() {
    let store = week_with_stories();
    let q = query(16, 22);
    let phone = drill(&store, &q, "channel:phone").expect("phone: three people");
    assert_eq!(phone.total, 3);
    // The team sees the shared stories behind the bar, not everyone's contacts: Ben did
    // not share his, so it stays out.
    assert_eq!(phone.listable, 2);
    assert_eq!(phone.contacts.len(), 2);
    assert!(phone.contacts.iter().all(|c| c.member.is_none()));
    assert!(phone.contacts.iter().all(|c| c.share_in_review));
    assert!(phone
        .contacts
        .iter()
        .all(|c| c.note.as_deref() != Some("Ben's private note")));
    // Newest first.
    assert!(phone.contacts[0].occurred_at > phone.contacts[1].occurred_at);

    let speed_golden = drill(&store, &q, "motive:speed:ordinary");
    // Only Ben's 08/15 call names speed: one person is too few to list.
    assert!(matches!(speed_golden, Err(ReviewError::TooFew)));
    assert!(matches!(
        drill(&store, &q, "channel:email"),
        Err(ReviewError::TooFew)
    ));
    let monday = drill(&store, &q, "weekday:0").expect("Monday");
    assert_eq!(monday.total, 3);
    let nine = drill(&store, &q, "hour:9").expect("9 o'clock: Ana, Ben, anonymous");
    assert_eq!(nine.total, 3);
    let w47 = drill(&store, &q, "days:2026-11-16:2026-11-22").expect("W47: four people");
    assert_eq!(w47.total, 6);
    // Its golden part comes from Ana and Cem only.
    assert!(matches!(
        drill(&store, &q, "days:2026-11-16:2026-11-22:golden"),
        Err(ReviewError::TooFew)
    ));
    let ordinary =
        drill(&store, &q, "days:2026-11-16:2026-11-22:ordinary").expect("Ana, Ben, anonymous");
    assert_eq!(ordinary.total, 3);
    // Exactly the days drawn: Monday alone is Ana, Ben and Cem.
    let monday_bar = drill(&store, &q, "days:2026-11-16:2026-11-16").expect("Monday");
    assert_eq!(monday_bar.total, 3);
    // The week bar before the period holds one person's contact.
    assert!(matches!(
        drill(&store, &q, "days:2026-11-09:2026-11-15"),
        Err(ReviewError::TooFew)
    ));
    let empty = drill(&store, &q, "channel:letter").expect("no letters");
    assert_eq!(empty.total, 0);
    for bad in [
        "channel:fax",
        "heat:7:9",
        "hour:24",
        "motive:speed",
        "nonsense",
        "period:2026-W47",
        "days:2026-11-22:2026-11-16",
        "days:2026-11-16",
    ] {
        assert!(
            matches!(drill(&store, &q, bad), Err(ReviewError::UnknownCell(_))),
            "{bad}"
        );
    }

    // In one's own figures nothing is too few, and one's own stories show.
    let mut mine = q.clone();
    mine.member = Some("Ben".into());
    let own = drill(&store, &mine, "motive:speed:ordinary").expect("Ben's own");
    assert_eq!((own.total, own.listable), (1, 1));
    assert_eq!(own.contacts[0].note.as_deref(), Some("Ben's private note"));
}

#[test]
fn iso_weeks_are_checked() {
    assert_eq!(iso_week("2026-W47").expect("week"), (day(16), day(22)));
    assert_eq!(
        iso_week("2026-W53").expect("2026 has 53 weeks").0,
        NaiveDate::from_ymd_opt(2026, 12, 28).expect("date")
    );
    for bad in [
        "2026-W99", "2025-W53", "2026-W00", "W47", "2026-47", "2026-Wx",
    ] {
        let err = iso_week(bad).expect_err(bad);
        assert!(err.to_string().contains(bad), "{err}");
    }
}

/// The week's contacts logged on "this computer": Ana's golden call (#1), Ben's 08/15 call
/// (#2, with his unshared note) and the anonymous chat (#6); plus an id the database does
/// not know (a contact deleted since).
fn this_computer(store: &Store) -> murmelglas::store::ContactSet {
    let contacts = store.list_contacts(&Default::default()).expect("contacts");
    let pick = |who: Option<&str>, channel: Channel| {
        contacts
            .iter()
            .find(|c| c.member.as_deref() == who && c.channel == Some(channel))
            .map(|c| c.id)
            .expect("contact of the fixture")
    };
    murmelglas::store::ContactSet::new([
        pick(Some("Ana"), Channel::Phone),
        pick(Some("Ben"), Channel::Phone),
        pick(None, Channel::Chat),
        pick(Some("Ben"), Channel::Phone),
        uuid::Uuid::from_u128(42),
    ])
}

#[test]
fn this_computers_figures_are_its_contacts_and_never_suppressed() {
    let store = week_with_stories();
    let set = this_computer(&store);
    assert_eq!(set.len(), 4, "ids are kept once");
    let mut q = query(16, 22);
    q.contacts = Some(set.clone());
    // A member as well: the set wins, as the app asks for one or the other.
    q.member = Some("Cem".into());
    let r = murmelglas::review::review(&store, &q).expect("this computer's figures");
    assert!(!r.suppressed);
    assert_eq!((r.figures.total, r.figures.golden), (3, 1));
    // Phone is Ana and Ben here, chat the anonymous contact: shown, as one's own are.
    assert_eq!(cell(&r.breakdowns.by_channel, "phone"), Some((2, 1)));
    assert_eq!(cell(&r.breakdowns.by_channel, "chat"), Some((1, 0)));
    assert_eq!(cell(&r.breakdowns.by_channel, "email"), Some((0, 0)));
    // Its stories are its own, shared or not.
    let notes: BTreeSet<_> = r.stories.iter().filter_map(|c| c.note.clone()).collect();
    assert_eq!(
        notes,
        BTreeSet::from([
            "Ben's private note".to_string(),
            "Sie kam extra zurück, um sich zu bedanken".to_string()
        ])
    );
    assert_eq!(r.stories_total, 2);

    // The drill-down behind the phone bar lists both, not only the shared story.
    let phone = drill(&store, &q, "channel:phone").expect("own cell");
    assert_eq!((phone.total, phone.listable), (2, 2));
    assert_eq!(phone.contacts.len(), 2);

    // The jar: the same contacts, by day.
    let week = murmelglas::analytics::jar_of_set(&store, day(16), day(22), &set).expect("jar");
    assert_eq!((week.total, week.golden), (3, 1));
    let wednesday = murmelglas::analytics::jar_of_set(&store, day(18), day(18), &set).expect("jar");
    assert_eq!((wednesday.total, wednesday.golden), (1, 0));
    let none = murmelglas::store::ContactSet::new([]);
    assert!(none.is_empty());
    let empty = murmelglas::analytics::jar_of_set(&store, day(16), day(22), &none).expect("jar");
    assert_eq!(empty.total, 0);
    q.contacts = Some(none);
    let r = murmelglas::review::review(&store, &q).expect("nothing logged here");
    assert_eq!(r.figures.total, 0);
    assert!(r.stories.is_empty());
}
