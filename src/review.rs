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
use crate::breakdown::{Breakdowns, Cell, Contributors, ReviewFilter, Tallies, MIN_CONTRIBUTORS};
use crate::chart::RegionKey;
use crate::cycle::{self, Focus};
use crate::domain::Code;
use crate::domain::Contact;
use crate::error_code::ErrorCode;
use crate::store::{
    day_from_number, day_number, ContactSet, DayCount, Narrow, Scope, Selection, Store, StoreError,
};

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
    #[error("the period {from} – {to} lies outside the years 1970 to 9999")]
    PeriodOutOfRange { from: NaiveDate, to: NaiveDate },
    #[error("too few people behind this bar or cell to list its contacts (fewer than {MIN_CONTRIBUTORS})")]
    TooFew,
}

impl ReviewError {
    /// A stable code for the window's translation table.
    pub fn code(&self) -> ErrorCode {
        match self {
            ReviewError::Store(_) => ErrorCode::Database,
            ReviewError::EmptyRange { .. } => ErrorCode::EmptyRange,
            ReviewError::BadWeek(_) => ErrorCode::BadWeek,
            ReviewError::UnknownCell(_) => ErrorCode::UnknownCell,
            ReviewError::PeriodOutOfRange { .. } => ErrorCode::PeriodOutOfRange,
            ReviewError::TooFew => ErrorCode::TooFew,
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    /// The team's goal for what the review looks at (all contacts, or the one channel,
    /// phase, purpose, motive or perspective it is narrowed to), in force at the period's
    /// end, 0–1. `None` without such a goal, in one's own figures (a team goal is not a
    /// personal quota), and for any other filter.
    pub target: Option<f64>,
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

fn scope_of(store: &Store, query: &ReviewQuery) -> Result<Scope, StoreError> {
    if let Some(set) = &query.contacts {
        return Ok(Scope::Contacts(set.clone()));
    }
    match query.member.as_deref() {
        None => Ok(Scope::Team),
        Some(name) => store
            .member_id(name)?
            .map(Scope::Member)
            .ok_or_else(|| StoreError::UnknownMember(crate::domain::shorten(name, 80))),
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

/// Contacts, golden ones and (up to three) people on one day. The team's view needs the
/// people to withhold what fewer than three did; one's own figures ignore them.
#[derive(Debug, Clone, Copy, Default)]
struct DayPeople {
    day: NaiveDate,
    total: u64,
    golden: u64,
    people: Contributors,
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

/// A series over `days`; in the team's view every period from fewer than three people
/// is withheld.
fn series_of(
    days: &[DayPeople],
    first: NaiveDate,
    last: NaiveDate,
    by: Granularity,
    own: bool,
) -> Vec<PeriodFigures> {
    let counts: Vec<DayCount> = days
        .iter()
        .filter(|d| d.day >= first && d.day <= last)
        .map(|d| DayCount {
            day: d.day,
            total: d.total,
            golden: d.golden,
        })
        .collect();
    let mut series = analytics::series(&counts, first, last, by);
    if !own {
        for p in &mut series {
            let inside = days.iter().filter(|d| d.day >= p.from && d.day <= p.to);
            if sum_people(inside).1 {
                p.figures = Figures::new(0, 0);
                p.suppressed = true;
            }
        }
    }
    series
}

/// The review of `query`'s period.
pub fn review(store: &Store, query: &ReviewQuery) -> Result<Review, ReviewError> {
    let scope = scope_of(store, query)?;
    review_in(store, query, scope)
}

/// The review of `query`'s period for `scope` (the team, a member, or the contacts
/// logged on this computer), from one pass over the rows it needs: the period, the weeks
/// before it that the weekly bars show, and the period before it for the change.
pub fn review_in(store: &Store, query: &ReviewQuery, scope: Scope) -> Result<Review, ReviewError> {
    let (from, to) = (query.from, query.to);
    check_period(from, to)?;
    let filter = &query.filter;
    let own = scope.is_own();
    let weeks_from =
        Granularity::Week.start_of(from.min(to - chrono::Days::new(7 * (WEEKS_SHOWN - 1))));
    let (previous_from, previous_to) =
        previous_range(from, to).ok_or(ReviewError::EmptyRange { from, to })?;
    let granularity = granularity_for((to - from).num_days() + 1);
    let unfiltered_team = *filter == ReviewFilter::default() && !own;
    // The team's unfiltered period before comes from the per-day counts; anything else
    // is read in the same pass as the period.
    let scan_from = if unfiltered_team {
        weeks_from.min(from)
    } else {
        weeks_from.min(previous_from)
    };

    let mut days: Vec<DayPeople> = Vec::new();
    let mut tallies = Tallies::default();
    let mut stories_total = 0u64;
    store.scan(
        &filter.selection(store, scan_from, to, scope.clone())?,
        &mut |row| {
            let day = row.day();
            if days.last().is_none_or(|d| day_number(d.day) != day) {
                days.push(DayPeople {
                    day: day_from_number(day),
                    ..DayPeople::default()
                });
            }
            if let Some(d) = days.last_mut() {
                d.total += 1;
                d.golden += u64::from(row.golden);
                d.people.add(row.who);
            }
            if day >= day_number(from) {
                tallies.add(row);
                stories_total += u64::from(row.has_story && (own || row.shared));
            }
        },
    )?;
    let within = |a: NaiveDate, b: NaiveDate| days.iter().filter(move |d| d.day >= a && d.day <= b);
    let (figures, few) = sum_people(within(from, to));
    let previous = if unfiltered_team {
        let counts = store.daily_counts(Some(previous_from), Some(previous_to))?;
        let (golden, total) = counts
            .iter()
            .fold((0, 0), |(g, t), d| (g + d.golden, t + d.total));
        Figures::new(golden, total)
    } else {
        let (previous, previous_few) = sum_people(within(previous_from, previous_to));
        if previous_few && !own {
            Figures::new(0, 0)
        } else {
            previous
        }
    };
    // The whole team's total is the team's, like the jar; a filtered total is a
    // breakdown cell and follows the rule.
    let suppressed = few && !own && !unfiltered_team;
    let figures = if suppressed {
        Figures::new(0, 0)
    } else {
        figures
    };
    let (stories, stories_total) = if suppressed {
        (Vec::new(), 0)
    } else {
        let mut selection = filter
            .selection(store, from, to, scope.clone())?
            .and(Narrow::HasStory);
        if !own {
            selection = selection.and(Narrow::SharedStory);
        }
        (listed(store, &selection, own, STORIES_MAX)?, stories_total)
    };
    // The team's goals, for the part of the contacts the review looks at.
    let goals = store.list_goals()?;
    let part = if own { None } else { filter.focus() };
    let mut series = series_of(&days, from, to, granularity, own);
    let mut breakdowns = tallies.finish(from, to, own, &store.places()?);
    if let Some(part) = part {
        for p in &mut series {
            p.target = cycle::period_target(&goals, part, p.from, p.to);
        }
    }
    // Each measure's start is marked on the trend, whatever it is about.
    let measures = store.list_measures()?;
    for p in &mut series {
        p.started = measures
            .iter()
            .filter(|m| m.start_on >= p.from && m.start_on <= p.to)
            .map(cycle::Measure::mark)
            .collect();
    }
    if part == Some(None) {
        // Unfiltered: each channel, phase and purpose shows a goal of its own.
        set_cell_targets(&mut breakdowns.by_channel, &goals, to, Focus::Channel);
        set_cell_targets(&mut breakdowns.by_phase, &goals, to, Focus::Phase);
        set_cell_targets(&mut breakdowns.by_purpose, &goals, to, Focus::Purpose);
    }
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
        weeks: series_of(&days, weeks_from, to, Granularity::Week, own),
        breakdowns,
        stories,
        stories_total,
        target: part.and_then(|part| cycle::target_on(&goals, part, to).map(|(_, v)| v)),
    })
}

/// The goal of each cell's channel, phase or purpose in force on `day`.
fn set_cell_targets<T: Code>(
    cells: &mut [Cell],
    goals: &[cycle::Goal],
    day: NaiveDate,
    focus: fn(T) -> Focus,
) {
    for cell in cells {
        let code = T::ALL.iter().copied().find(|v| v.code() == cell.key);
        cell.target = code.and_then(|v| cycle::target_on(goals, Some(focus(v)), day).map(|t| t.1));
    }
}

/// The newest contacts of `selection`; in a team view without names, and with the story
/// only where it was shared.
fn listed(
    store: &Store,
    selection: &Selection,
    own: bool,
    limit: u32,
) -> Result<Vec<Contact>, StoreError> {
    let mut contacts = store.newest(selection, limit)?;
    if !own {
        for contact in &mut contacts {
            contact.member = None;
            if !contact.share_in_review {
                contact.note = None;
            }
        }
    }
    Ok(contacts)
}

/// The contacts behind one bar or cell of the review, named by the chart region's key as
/// the window sends it ([`RegionKey`] written out): `days:2026-11-16:2026-11-22`
/// (optionally `:golden` / `:ordinary`), `rating:golden`, `channel:phone`, `phase:…`,
/// `purpose:…`, `weekday:0` (Monday), `hour:9`, `heat:0:9` (weekday, hour),
/// `motive:speed:golden`, `perspective:market:ordinary`, `obstacle:mood`.
pub fn drill(store: &Store, query: &ReviewQuery, key: &str) -> Result<Drill, ReviewError> {
    let scope = scope_of(store, query)?;
    drill_in(store, query, key, scope)
}

/// [`drill`] for `scope`.
pub fn drill_in(
    store: &Store,
    query: &ReviewQuery,
    key: &str,
    scope: Scope,
) -> Result<Drill, ReviewError> {
    check_period(query.from, query.to)?;
    let own = scope.is_own();
    let key: RegionKey = key
        .parse()
        .map_err(|_| ReviewError::UnknownCell(key.to_string()))?;
    let mut selection = query.filter.selection(store, query.from, query.to, scope)?;
    let mut narrow = |n: Narrow| selection.narrow.push(n);
    match key {
        RegionKey::Days {
            from: first,
            to: last,
            rating: part,
        } => {
            // The days as drawn: a week bar may reach before the period.
            (selection.from, selection.to) = (first, last);
            if let Some(r) = part {
                selection.narrow.push(Narrow::Rating(r));
            }
        }
        RegionKey::Rating(r) => narrow(Narrow::Rating(r)),
        RegionKey::Channel(c) => narrow(Narrow::Channel(c)),
        RegionKey::Phase(p) => narrow(Narrow::Phase(p)),
        RegionKey::Purpose(p) => narrow(Narrow::Purpose(p)),
        RegionKey::Weekday(d) => narrow(Narrow::Weekday(weekday_number(d))),
        RegionKey::Hour(h) => narrow(Narrow::Hour(h)),
        RegionKey::Heat { weekday, hour } => {
            narrow(Narrow::Weekday(weekday_number(weekday)));
            narrow(Narrow::Hour(hour));
        }
        RegionKey::Motive(m, r) => {
            narrow(Narrow::Motive(m));
            narrow(Narrow::Rating(r));
        }
        RegionKey::Perspective(p, r) => {
            narrow(Narrow::Perspective(p));
            narrow(Narrow::Rating(r));
        }
        RegionKey::Obstacle(o) => {
            narrow(Narrow::Obstacle(o));
            narrow(Narrow::Rating(crate::domain::Rating::Ordinary));
        }
    }
    let (mut total, mut listable) = (0u64, 0u64);
    let mut people = Contributors::default();
    store.scan(&selection, &mut |row| {
        total += 1;
        listable += u64::from(own || row.has_story && row.shared);
        people.add(row.who);
    })?;
    if !own && total > 0 && !people.enough() {
        return Err(ReviewError::TooFew);
    }
    // The team sees the stories their authors shared; a list of everyone's contacts with
    // their times would let a small team tell who did what.
    if !own {
        selection = selection.and(Narrow::HasStory).and(Narrow::SharedStory);
    }
    Ok(Drill {
        key,
        total,
        contacts: listed(store, &selection, own, DRILL_MAX)?,
        listable,
    })
}

/// A period that ends before it starts, or reaches beyond the years the store keeps (the
/// weeks before it and the period before it must still be dates), is refused.
fn check_period(from: NaiveDate, to: NaiveDate) -> Result<(), ReviewError> {
    if to < from {
        return Err(ReviewError::EmptyRange { from, to });
    }
    if !(1970..=9999).contains(&from.year()) || !(1970..=9999).contains(&to.year()) {
        return Err(ReviewError::PeriodOutOfRange { from, to });
    }
    Ok(())
}

/// Monday 0 to Sunday 6, as [`Narrow::Weekday`] counts.
fn weekday_number(day: Weekday) -> u8 {
    day.num_days_from_monday() as u8
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
