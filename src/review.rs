//! The team review of one period, as the dashboard, meeting mode and weekly report show
//! it: key figures with their interval, the change against the period before, the trend,
//! weekly bars, breakdowns, the stories shared for the review, and the contacts behind a
//! bar or cell (drill-down).
//!
//! Privacy: the team view never names a member and never shows what fewer than three
//! people did. A trend period, a week or a filtered total from fewer than three people is
//! withheld ("too few"), as is every breakdown cell; a drill-down into such a cell is
//! refused, and a drill-down lists only contacts whose authors shared their story (the
//! rest are counted), without names. A member's own figures ("my figures") are theirs:
//! nothing is withheld there.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::analytics::{self, compare, previous_range, Figures, Granularity, PeriodFigures};
use crate::breakdown::{breakdowns_in, Breakdowns, Conditions, ContactSet, ReviewFilter, Scope};
use crate::breakdown::{Contributors, MIN_CONTRIBUTORS};
use crate::chart::RegionKey;
use crate::domain::{Code, Contact, Rating};
use crate::store::{self, DayCount, Store, StoreError};

/// How many stories a review lists at most (the newest).
pub const STORIES_MAX: u32 = 50;
/// How many contacts a drill-down lists at most (the newest).
pub const DRILL_MAX: u32 = 200;
/// Weeks the weekly bars and the week jars show at least, ending with the period.
pub const WEEKS_SHOWN: u64 = 8;

#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the period ends ({to}) before it starts ({from})")]
    EmptyRange { from: NaiveDate, to: NaiveDate },
    #[error("'{0}' is not a week; write it as 2026-W47 (ISO year, W, week 01–53)")]
    BadWeek(String),
    #[error("unknown bar or cell '{0}'")]
    UnknownCell(String),
    #[error("too few people behind this bar or cell to list its contacts (fewer than {MIN_CONTRIBUTORS})")]
    TooFew,
}

impl ReviewError {
    /// A stable code for the window's translation table.
    pub fn code(&self) -> &'static str {
        match self {
            ReviewError::Store(_) => "database",
            ReviewError::EmptyRange { .. } => "empty_range",
            ReviewError::BadWeek(_) => "bad_week",
            ReviewError::UnknownCell(_) => "unknown_cell",
            ReviewError::TooFew => "too_few",
        }
    }
}

/// Which contacts a review looks at.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReviewQuery {
    pub from: NaiveDate,
    pub to: NaiveDate,
    #[serde(default)]
    pub filter: ReviewFilter,
    /// "My figures": only this member's contacts, nothing suppressed.
    #[serde(default)]
    pub member: Option<String>,
    /// "This computer's figures": only these contacts, nothing suppressed; takes the
    /// place of `member`. Set by the program that keeps the set (the app keeps the ids
    /// of the contacts logged on its computer), never read from a request.
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub contacts: Option<ContactSet>,
}

/// Everything the review shows for one period.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Review {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The member whose own figures these are; `None` for the team.
    pub member: Option<String>,
    /// The period length the trend is drawn in: days up to a month, weeks up to half a
    /// year, months beyond.
    pub granularity: Granularity,
    /// Withheld (total 0) when a filtered team view comes from fewer than three people.
    pub figures: Figures,
    /// The filtered team total comes from fewer than three people: nothing is shown.
    pub suppressed: bool,
    /// Against the range of the same length just before, with the same filter.
    pub change: analytics::PeriodChange,
    /// The trend; periods without contacts are kept (share `null`): gaps, not zeros.
    pub series: Vec<PeriodFigures>,
    /// ISO weeks ending with the period, at least [`WEEKS_SHOWN`] of them.
    pub weeks: Vec<PeriodFigures>,
    pub breakdowns: Breakdowns,
    /// Stories shared for the review (or, in "my figures", one's own), newest first.
    pub stories: Vec<Contact>,
    /// How many there are in all; `stories` holds the newest [`STORIES_MAX`].
    pub stories_total: u64,
    /// The team's target golden share, 0–1.
    pub target: f64,
}

/// The contacts behind one bar or cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Drill {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub key: RegionKey,
    /// Every contact behind the bar or cell.
    pub total: u64,
    /// The newest [`DRILL_MAX`] listed: in the team view only those whose story was
    /// shared for the review (without names); in one's own figures all of them.
    pub contacts: Vec<Contact>,
    /// How many could be listed (shared stories in the team view; all in one's own).
    pub listable: u64,
}

fn scope_of<'q>(store: &Store, query: &'q ReviewQuery) -> Result<Scope<'q>, StoreError> {
    if let Some(set) = &query.contacts {
        return Ok(Scope::Contacts(set));
    }
    match query.member.as_deref() {
        None => Ok(Scope::Team),
        Some(name) => store::member_id_by_name(store.connection(), name)?
            .map(Scope::Member)
            .ok_or_else(|| StoreError::UnknownMember(name.to_string())),
    }
}

/// The trend's period length for a range of `days` days.
pub fn granularity_for(days: i64) -> Granularity {
    match days {
        ..=31 => Granularity::Day,
        32..=186 => Granularity::Week,
        _ => Granularity::Month,
    }
}

/// Contacts and golden ones per day for the period, filter and scope (one's own figures:
/// one pass over the rows).
fn day_counts(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
    filter: &ReviewFilter,
    scope: Scope<'_>,
) -> Result<Vec<DayCount>, StoreError> {
    let conditions = Conditions::review(from, to, filter, scope);
    let mut stmt = store.connection().prepare_cached(&format!(
        "SELECT c.occurred_day, count(*), sum(c.golden) FROM contact c WHERE {} \
         GROUP BY c.occurred_day ORDER BY c.occurred_day",
        conditions.where_sql()
    ))?;
    let rows = stmt.query_map(rusqlite::params_from_iter(conditions.values()), |r| {
        Ok(DayCount {
            day: store::day_from_number(r.get(0)?),
            total: r.get::<_, i64>(1)? as u64,
            golden: r.get::<_, Option<i64>>(2)?.unwrap_or(0) as u64,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Contacts, golden ones and (up to three) people per day. The team's view needs the
/// people to withhold what fewer than three did; one's own figures need no people.
#[derive(Debug, Clone, Copy, Default)]
struct DayPeople {
    day: NaiveDate,
    total: u64,
    golden: u64,
    people: Contributors,
}

/// Per-day counts with who contributed, for a team view: one pass over the rows in the
/// time index's order, counted here (a GROUP BY on day and member would sort them all).
fn day_people(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
    filter: &ReviewFilter,
) -> Result<Vec<DayPeople>, StoreError> {
    let conditions = Conditions::review(from, to, filter, Scope::Team);
    let mut stmt = store.connection().prepare_cached(&format!(
        "SELECT c.occurred_day, coalesce(c.member_id, 0), c.golden FROM contact c \
         WHERE {} ORDER BY c.occurred_day",
        conditions.where_sql()
    ))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(conditions.values()))?;
    let mut out: Vec<DayPeople> = Vec::new();
    let mut current = i64::MIN;
    while let Some(r) = rows.next()? {
        let day: i64 = r.get(0)?;
        if day != current {
            current = day;
            out.push(DayPeople {
                day: store::day_from_number(day),
                ..Default::default()
            });
        }
        if let Some(d) = out.last_mut() {
            d.total += 1;
            d.golden += u64::from(r.get::<_, i64>(2)? == 1);
            d.people.add(r.get(1)?);
        }
    }
    Ok(out)
}

/// Sums days into one total, and whether fewer than three people made it.
fn sum_people<'a>(days: impl IntoIterator<Item = &'a DayPeople>) -> (Figures, bool) {
    let mut people = Contributors::default();
    let (mut golden, mut total) = (0, 0);
    for d in days {
        golden += d.golden;
        total += d.total;
        people.merge(&d.people);
    }
    (Figures::new(golden, total), total > 0 && !people.enough())
}

/// A series over `days` in which every period from fewer than three people is withheld.
fn team_series(
    days: &[DayPeople],
    first: NaiveDate,
    last: NaiveDate,
    by: Granularity,
) -> Vec<PeriodFigures> {
    let counts: Vec<DayCount> = days
        .iter()
        .map(|d| DayCount {
            day: d.day,
            total: d.total,
            golden: d.golden,
        })
        .collect();
    let mut series = analytics::series(&counts, first, last, by);
    for p in &mut series {
        let inside = days.iter().filter(|d| d.day >= p.from && d.day <= p.to);
        if sum_people(inside).1 {
            p.figures = Figures::new(0, 0);
            p.suppressed = true;
        }
    }
    series
}

fn sum(days: &[DayCount]) -> Figures {
    let (golden, total) = days
        .iter()
        .fold((0, 0), |(g, t), d| (g + d.golden, t + d.total));
    Figures::new(golden, total)
}

/// The review of `query`'s period.
pub fn review(store: &Store, query: &ReviewQuery) -> Result<Review, ReviewError> {
    let (from, to) = (query.from, query.to);
    if to < from {
        return Err(ReviewError::EmptyRange { from, to });
    }
    let scope = scope_of(store, query)?;
    let filter = &query.filter;
    let weeks_from =
        Granularity::Week.start_of(from.min(to - chrono::Days::new(7 * (WEEKS_SHOWN - 1))));
    let (previous_from, previous_to) =
        previous_range(from, to).ok_or(ReviewError::EmptyRange { from, to })?;
    let granularity = granularity_for((to - from).num_days() + 1);
    let unfiltered = *filter == ReviewFilter::default();

    let (figures, suppressed, previous, series, weeks) = match scope {
        Scope::Team => {
            let days = day_people(store, weeks_from, to, filter)?;
            let within = |a: NaiveDate, b: NaiveDate| -> Vec<DayPeople> {
                days.iter()
                    .filter(|d| d.day >= a && d.day <= b)
                    .copied()
                    .collect()
            };
            let current = within(from, to);
            let (figures, few) = sum_people(&current);
            // The period before only needs its total: the team's comes from the per-day
            // table; a filtered one must know whether three people made it.
            let (previous, previous_few) = if unfiltered {
                let days = store.daily_counts(Some(previous_from), Some(previous_to))?;
                (sum(&days), false)
            } else {
                sum_people(&day_people(store, previous_from, previous_to, filter)?)
            };
            // The whole team's total is the team's, like the jar; a filtered total is a
            // breakdown cell and follows the rule.
            let suppressed = few && !unfiltered;
            (
                if suppressed {
                    Figures::new(0, 0)
                } else {
                    figures
                },
                suppressed,
                if previous_few && !unfiltered {
                    Figures::new(0, 0)
                } else {
                    previous
                },
                team_series(&current, from, to, granularity),
                team_series(&within(weeks_from, to), weeks_from, to, Granularity::Week),
            )
        }
        Scope::Member(_) | Scope::Contacts(_) => {
            let days = day_counts(store, weeks_from, to, filter, scope)?;
            let current: Vec<DayCount> = days.iter().filter(|d| d.day >= from).copied().collect();
            let previous = sum(&day_counts(
                store,
                previous_from,
                previous_to,
                filter,
                scope,
            )?);
            (
                sum(&current),
                false,
                previous,
                analytics::series(&current, from, to, granularity),
                analytics::series(&days, weeks_from, to, Granularity::Week),
            )
        }
    };
    let (stories, stories_total) = if suppressed {
        (Vec::new(), 0)
    } else {
        stories(store, query, scope)?
    };
    Ok(Review {
        from,
        to,
        member: query.member.clone(),
        granularity,
        figures,
        suppressed,
        change: analytics::PeriodChange {
            previous_from,
            previous_to,
            comparison: compare(figures, previous),
        },
        series,
        weeks,
        breakdowns: breakdowns_in(store, from, to, filter, scope)?,
        stories,
        stories_total,
        target: store.get_settings()?.target_golden_share,
    })
}

/// Reads contacts for a team view: no names, and the story only where it was shared.
fn read_contacts(
    store: &Store,
    conditions: &Conditions,
    scope: Scope<'_>,
    limit: u32,
) -> Result<Vec<Contact>, StoreError> {
    let mut stmt = store.connection().prepare_cached(&format!(
        "SELECT {} FROM contact c LEFT JOIN member m ON m.id = c.member_id WHERE {} \
         ORDER BY c.occurred_day DESC, c.occurred_local DESC, c.id DESC LIMIT {limit}",
        store::CONTACT_COLUMNS,
        conditions.where_sql()
    ))?;
    let rows = stmt.query_map(
        rusqlite::params_from_iter(conditions.values()),
        store::contact_from_row,
    )?;
    let mut out = Vec::new();
    for row in rows {
        let mut contact = row??;
        if scope == Scope::Team {
            contact.member = None;
            if !contact.share_in_review {
                contact.note = None;
            }
        }
        out.push(contact);
    }
    Ok(out)
}

fn count(store: &Store, conditions: &Conditions) -> Result<(u64, u64), StoreError> {
    let (n, people): (i64, i64) = store.connection().query_row(
        &format!(
            "SELECT count(*), count(DISTINCT coalesce(c.member_id, 0)) FROM contact c WHERE {}",
            conditions.where_sql()
        ),
        rusqlite::params_from_iter(conditions.values()),
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok((n as u64, people as u64))
}

fn stories(
    store: &Store,
    query: &ReviewQuery,
    scope: Scope<'_>,
) -> Result<(Vec<Contact>, u64), StoreError> {
    let mut conditions = Conditions::review(query.from, query.to, &query.filter, scope);
    conditions.push("c.note IS NOT NULL", []);
    if scope == Scope::Team {
        conditions.push("c.share_in_review = 1", []);
    }
    let (total, _) = count(store, &conditions)?;
    Ok((
        read_contacts(store, &conditions, scope, STORIES_MAX)?,
        total,
    ))
}

/// The contacts behind one bar or cell of the review, named by the chart region's key as
/// the window sends it ([`RegionKey`] written out): `days:2026-11-16:2026-11-22`
/// (optionally `:golden` / `:ordinary`), `rating:golden`, `channel:phone`, `phase:…`,
/// `purpose:…`, `weekday:0` (Monday), `hour:9`, `heat:0:9` (weekday, hour),
/// `motive:speed:golden`, `perspective:market:ordinary`.
pub fn drill(store: &Store, query: &ReviewQuery, key: &str) -> Result<Drill, ReviewError> {
    if query.to < query.from {
        return Err(ReviewError::EmptyRange {
            from: query.from,
            to: query.to,
        });
    }
    let scope = scope_of(store, query)?;
    let key: RegionKey = key
        .parse()
        .map_err(|_| ReviewError::UnknownCell(key.to_string()))?;
    let (mut from, mut to) = (query.from, query.to);
    let mut cell = Conditions::default();
    let rating = |r: Rating, cell: &mut Conditions| {
        cell.push("c.golden = ?", [i64::from(r == Rating::Golden)]);
    };
    match key {
        RegionKey::Days {
            from: first,
            to: last,
            rating: part,
        } => {
            // The days as drawn: a week bar may reach before the period.
            (from, to) = (first, last);
            if let Some(r) = part {
                rating(r, &mut cell);
            }
        }
        RegionKey::Rating(r) => rating(r, &mut cell),
        RegionKey::Channel(c) => cell.push("c.channel = ?", [i64::from(c.db_id())]),
        RegionKey::Phase(p) => cell.push("c.phase = ?", [i64::from(p.db_id())]),
        RegionKey::Purpose(p) => cell.push("c.purpose = ?", [i64::from(p.db_id())]),
        RegionKey::Weekday(d) => cell.push(WEEKDAY_SQL, [weekday_number(d)]),
        RegionKey::Hour(h) => cell.push(HOUR_SQL, [i64::from(h)]),
        RegionKey::Heat { weekday, hour } => {
            cell.push(WEEKDAY_SQL, [weekday_number(weekday)]);
            cell.push(HOUR_SQL, [i64::from(hour)]);
        }
        RegionKey::Motive(m, r) => {
            cell.push("(c.motives & ?) != 0", [1i64 << m.db_id()]);
            rating(r, &mut cell);
        }
        RegionKey::Perspective(p, r) => {
            cell.push("(c.perspectives & ?) != 0", [1i64 << p.db_id()]);
            rating(r, &mut cell);
        }
    }
    let mut conditions = Conditions::review(from, to, &query.filter, scope);
    conditions.extend(cell);
    let (total, people) = count(store, &conditions)?;
    if scope == Scope::Team && total > 0 && people < MIN_CONTRIBUTORS as u64 {
        return Err(ReviewError::TooFew);
    }
    // The team sees the stories their authors shared; a list of everyone's contacts with
    // their times would let a small team tell who did what.
    if scope == Scope::Team {
        conditions.push("c.note IS NOT NULL AND c.share_in_review = 1", []);
    }
    let listable = if scope == Scope::Team {
        count(store, &conditions)?.0
    } else {
        total
    };
    Ok(Drill {
        key,
        total,
        contacts: read_contacts(store, &conditions, scope, DRILL_MAX)?,
        listable,
    })
}

/// 1970-01-01 was a Thursday: day 0 is weekday 3 counted from Monday.
const WEEKDAY_SQL: &str = "(c.occurred_day + 3) % 7 = ?";
const HOUR_SQL: &str = "(c.occurred_local % 86400) / 3600 = ?";

/// Monday 0 to Sunday 6, as [`WEEKDAY_SQL`] counts.
fn weekday_number(day: Weekday) -> i64 {
    i64::from(day.num_days_from_monday())
}

/// Monday and Sunday of an ISO week written `2026-W47`; a week the year does not have
/// (`2026-W99`, `2025-W53`) is an error.
pub fn iso_week(s: &str) -> Result<(NaiveDate, NaiveDate), ReviewError> {
    let bad = || ReviewError::BadWeek(crate::domain::shorten(s, 40));
    let (year, week) = s.trim().split_once(['W', 'w']).ok_or_else(bad)?;
    let year: i32 = year
        .strip_suffix('-')
        .unwrap_or(year)
        .parse()
        .map_err(|_| bad())?;
    // The store keeps the years 1970 to 9999, like every date the CLI reads.
    if !(1970..=9999).contains(&year) {
        return Err(bad());
    }
    let week: u32 = week.parse().map_err(|_| bad())?;
    let monday = NaiveDate::from_isoywd_opt(year, week, chrono::Weekday::Mon).ok_or_else(bad)?;
    Ok((monday, monday + chrono::Days::new(6)))
}

/// The ISO week holding `day`, written `2026-W47`.
pub fn week_label(day: NaiveDate) -> String {
    let w = day.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}
