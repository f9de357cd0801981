//! The figures of steps 5 and 6 for any period: what came in by kind and cause, how fast
//! the team answered and closed (medians in working days, and how many within the
//! deadlines), what is open by age, and the complaints per week for a cause (with the
//! team's goal for them, [`set_targets`]) — each figure with a [`FeedbackKey`] that lists
//! the items behind it ([`drill`]).
//!
//! Which items a figure counts: "received" by the day they came in, "answered" and
//! "closed" by the day that happened, all within the period; "open" and "overdue" as they
//! stood at the end of the period's last day (or today, if that is earlier), read from
//! each item's history. Nothing here counts or ranks people.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

pub use super::key::{AgeBucket, FeedbackKey};
use super::list::{sort_rows, FeedbackRow};
use super::{Cause, FeedbackItem, FeedbackKind, FeedbackSettings, FeedbackState};
use crate::cycle::{period_complaints_target, Goal, PeriodTarget};
use crate::domain::Lang;
use crate::store::{Store, StoreError};
use crate::text::Text;

/// Weeks the complaints trend shows at least, ending with the period's week.
pub const TREND_WEEKS: u64 = 8;

/// Items of one cause (`None`: without a cause).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CauseCount {
    pub cause: Option<String>,
    pub complaints: u64,
    pub suggestions: u64,
    pub total: u64,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AgeCount {
    pub bucket: AgeBucket,
    pub count: u64,
}

/// Complaints that came in during one week (Monday to Sunday), by cause.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeekComplaints {
    /// The ISO week, `2026-W47`.
    pub week: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub complaints: u64,
    /// Causes with complaints that week, most first.
    pub by_cause: Vec<CauseInWeek>,
    /// The team's goal for the cause the figures follow (or for all complaints), in force
    /// at the week's end: at most this many complaints a week, from the day it started.
    pub target: Option<PeriodTarget>,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CauseInWeek {
    pub cause: Option<String>,
    pub count: u64,
}

/// Which period the figures cover, and which cause the trend follows (all when `None`).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatsQuery {
    pub from: NaiveDate,
    pub to: NaiveDate,
    #[serde(default)]
    pub cause: Option<String>,
}

/// The figures of a period. Every count has a [`FeedbackKey`] that lists its items.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FeedbackStats {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The day open items and their age are counted on: the period's last day, or today.
    pub as_of: NaiveDate,
    /// `received`: items that came in during the period.
    pub received: u64,
    /// `kind:complaint`, `kind:suggestion`.
    pub complaints: u64,
    pub suggestions: u64,
    /// `cause:CODE`, `cause:none`; most first.
    pub by_cause: Vec<CauseCount>,
    /// `answered`: first answers given during the period.
    pub answered: u64,
    pub answered_in_time: u64,
    /// Working days from coming in to the first answer, median of `answered`.
    pub median_answer_days: Option<f64>,
    /// `closed`: items closed during the period.
    pub closed: u64,
    pub closed_in_time: u64,
    pub median_close_days: Option<f64>,
    /// `open`, `overdue`, `age:0-2` …: as they stood on `as_of`.
    pub open: u64,
    pub overdue: u64,
    pub open_by_age: Vec<AgeCount>,
    /// The cause the trend follows (`None`: all causes).
    pub trend_cause: Option<String>,
    /// `week:2026-11-16`, `week:2026-11-16:CODE`: at least the last [`TREND_WEEKS`].
    pub weeks: Vec<WeekComplaints>,
    pub settings: FeedbackSettings,
    /// The team's causes, for their names.
    pub causes: Vec<Cause>,
}

/// The state `item` was in at the end of `day`, from its history; `None` before it came.
pub fn state_on(item: &FeedbackItem, day: NaiveDate) -> Option<FeedbackState> {
    item.history
        .iter()
        .take_while(|e| e.at.date_naive() <= day)
        .last()
        .map(|e| e.to)
}

/// The median of whole numbers; the mean of the middle two for an even count.
pub fn median(values: &mut [u32]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        f64::from(values[mid])
    } else {
        (f64::from(values[mid - 1]) + f64::from(values[mid])) / 2.0
    })
}

/// Everything a figure needs to know about the period.
struct Period<'a> {
    from: NaiveDate,
    to: NaiveDate,
    as_of: NaiveDate,
    trend_cause: Option<&'a str>,
    settings: &'a FeedbackSettings,
}

fn within(day: NaiveDate, from: NaiveDate, to: NaiveDate) -> bool {
    from <= day && day <= to
}

impl Period<'_> {
    fn new<'a>(
        query: &'a StatsQuery,
        settings: &'a FeedbackSettings,
        today: NaiveDate,
    ) -> Period<'a> {
        Period {
            from: query.from,
            to: query.to,
            as_of: query.to.min(today),
            trend_cause: query.cause.as_deref(),
            settings,
        }
    }

    fn received(&self, item: &FeedbackItem) -> bool {
        within(item.received_at.date_naive(), self.from, self.to)
    }

    fn answered(&self, item: &FeedbackItem) -> bool {
        item.answered_at
            .is_some_and(|a| within(a.date_naive(), self.from, self.to))
    }

    fn closed(&self, item: &FeedbackItem) -> bool {
        item.closed_at
            .is_some_and(|c| within(c.date_naive(), self.from, self.to))
    }

    fn open(&self, item: &FeedbackItem) -> bool {
        state_on(item, self.as_of).is_some_and(|s| s != FeedbackState::Closed)
    }

    /// Late on `as_of`, as the item then stood.
    fn overdue(&self, item: &FeedbackItem) -> bool {
        let Some(state) = state_on(item, self.as_of).filter(|s| *s != FeedbackState::Closed) else {
            return false;
        };
        let s = self.settings;
        let answer_late = state < FeedbackState::Informed
            && s.answer_due(item).is_some_and(|due| self.as_of > due);
        answer_late || self.as_of > s.close_due(item)
    }

    fn age(&self, item: &FeedbackItem) -> AgeBucket {
        AgeBucket::of(
            self.settings
                .working_days_between(item.received_at.date_naive(), self.as_of),
        )
    }

    fn in_week(
        &self,
        item: &FeedbackItem,
        from: NaiveDate,
        cause: &Option<Option<String>>,
    ) -> bool {
        let day = item.received_at.date_naive();
        item.kind == FeedbackKind::Complaint
            && within(day, from, from + Days::new(6))
            && match cause {
                Some(c) => item.cause == *c,
                None => self
                    .trend_cause
                    .is_none_or(|t| item.cause.as_deref() == Some(t)),
            }
    }

    /// Whether `item` counts in the figure `key` names.
    fn counts(&self, item: &FeedbackItem, key: &FeedbackKey) -> bool {
        match key {
            FeedbackKey::Received => self.received(item),
            FeedbackKey::Kind(k) => self.received(item) && item.kind == *k,
            FeedbackKey::Cause(c) => self.received(item) && item.cause == *c,
            FeedbackKey::Answered => self.answered(item),
            FeedbackKey::Closed => self.closed(item),
            FeedbackKey::Open => self.open(item),
            FeedbackKey::Overdue => self.overdue(item),
            FeedbackKey::Age(b) => self.open(item) && self.age(item) == *b,
            FeedbackKey::Week { from, cause } => self.in_week(item, *from, cause),
        }
    }

    /// The Mondays of the weeks the trend shows.
    fn weeks(&self) -> Vec<NaiveDate> {
        let monday = |d: NaiveDate| d - Days::new(u64::from(d.weekday().num_days_from_monday()));
        let last = monday(self.to);
        let first = monday(self.from).min(last - Days::new(7 * (TREND_WEEKS - 1)));
        let mut weeks = Vec::new();
        let mut w = first;
        while w <= last {
            weeks.push(w);
            w = w + Days::new(7);
        }
        weeks
    }
}

/// Counts items by cause, most first (then by code, items without a cause last).
pub(crate) fn count_by_cause<'a>(items: impl Iterator<Item = &'a FeedbackItem>) -> Vec<CauseCount> {
    let mut counts: BTreeMap<Option<String>, (u64, u64)> = BTreeMap::new();
    for item in items {
        let slot = counts.entry(item.cause.clone()).or_default();
        match item.kind {
            FeedbackKind::Complaint => slot.0 += 1,
            FeedbackKind::Suggestion => slot.1 += 1,
        }
    }
    let mut out: Vec<CauseCount> = counts
        .into_iter()
        .map(|(cause, (complaints, suggestions))| CauseCount {
            cause,
            complaints,
            suggestions,
            total: complaints + suggestions,
        })
        .collect();
    out.sort_by(|a, b| {
        b.total
            .cmp(&a.total)
            .then_with(|| a.cause.is_none().cmp(&b.cause.is_none()))
            .then_with(|| a.cause.cmp(&b.cause))
    });
    out
}

/// The figures of `query`'s period from items already read.
pub fn compute(
    items: &[FeedbackItem],
    settings: &FeedbackSettings,
    causes: Vec<Cause>,
    query: &StatsQuery,
    today: NaiveDate,
) -> FeedbackStats {
    let p = Period::new(query, settings, today);
    let count = |key: &FeedbackKey| items.iter().filter(|i| p.counts(i, key)).count() as u64;
    let received: Vec<&FeedbackItem> = items.iter().filter(|i| p.received(i)).collect();
    let day = |d: Option<chrono::DateTime<chrono::FixedOffset>>| d.map(|d| d.date_naive());

    let answered: Vec<&FeedbackItem> = items.iter().filter(|i| p.answered(i)).collect();
    let mut answer_days: Vec<u32> = answered
        .iter()
        .filter_map(|i| {
            Some(settings.working_days_between(i.received_at.date_naive(), day(i.answered_at)?))
        })
        .collect();
    let answered_in_time = answered
        .iter()
        .filter(|i| match (settings.answer_due(i), day(i.answered_at)) {
            (Some(due), Some(on)) => on <= due,
            _ => true,
        })
        .count() as u64;
    let closed: Vec<&FeedbackItem> = items.iter().filter(|i| p.closed(i)).collect();
    let mut close_days: Vec<u32> = closed
        .iter()
        .filter_map(|i| {
            Some(settings.working_days_between(i.received_at.date_naive(), day(i.closed_at)?))
        })
        .collect();
    let closed_in_time = closed
        .iter()
        .filter(|i| day(i.closed_at).is_some_and(|on| on <= settings.close_due(i)))
        .count() as u64;

    let weeks = p
        .weeks()
        .into_iter()
        .map(|from| {
            let key = FeedbackKey::Week { from, cause: None };
            let in_week: Vec<&FeedbackItem> = items.iter().filter(|i| p.counts(i, &key)).collect();
            WeekComplaints {
                week: format!("{}-W{:02}", from.iso_week().year(), from.iso_week().week()),
                from,
                to: from + Days::new(6),
                complaints: in_week.len() as u64,
                by_cause: count_by_cause(in_week.into_iter())
                    .into_iter()
                    .map(|c| CauseInWeek {
                        cause: c.cause,
                        count: c.total,
                    })
                    .collect(),
                target: None,
            }
        })
        .collect();

    FeedbackStats {
        from: query.from,
        to: query.to,
        as_of: p.as_of,
        received: received.len() as u64,
        complaints: count(&FeedbackKey::Kind(FeedbackKind::Complaint)),
        suggestions: count(&FeedbackKey::Kind(FeedbackKind::Suggestion)),
        by_cause: count_by_cause(received.into_iter()),
        answered: answered.len() as u64,
        answered_in_time,
        median_answer_days: median(&mut answer_days),
        closed: closed.len() as u64,
        closed_in_time,
        median_close_days: median(&mut close_days),
        open: count(&FeedbackKey::Open),
        overdue: count(&FeedbackKey::Overdue),
        open_by_age: AgeBucket::ALL
            .iter()
            .map(|b| AgeCount {
                bucket: *b,
                count: count(&FeedbackKey::Age(*b)),
            })
            .collect(),
        trend_cause: query.cause.clone(),
        weeks,
        settings: *settings,
        causes,
    }
}

/// Puts the team's complaints goals on the weeks: for the cause the figures follow, or for
/// all complaints when they follow all causes.
pub fn set_targets(stats: &mut FeedbackStats, goals: &[Goal]) {
    let cause = stats.trend_cause.clone();
    for week in &mut stats.weeks {
        week.target = period_complaints_target(goals, cause.as_deref(), week.from, week.to);
    }
}

/// The items behind the figure `key` of `query`'s period, in the list's order.
pub fn drill_items(
    items: &[FeedbackItem],
    settings: &FeedbackSettings,
    query: &StatsQuery,
    key: &FeedbackKey,
    today: NaiveDate,
) -> Vec<FeedbackRow> {
    let p = Period::new(query, settings, today);
    let mut rows: Vec<FeedbackRow> = items
        .iter()
        .filter(|i| p.counts(i, key))
        .map(|i| FeedbackRow::of(i, settings, today))
        .collect();
    sort_rows(&mut rows);
    rows
}

/// Reads the figures of `query`'s period on `today`, with the team's complaints goal.
pub fn stats(
    store: &Store,
    query: &StatsQuery,
    today: NaiveDate,
) -> Result<FeedbackStats, StoreError> {
    let items = store.list_feedback()?;
    let mut stats = compute(
        &items,
        &store.feedback_settings()?,
        store.list_causes(true)?,
        query,
        today,
    );
    set_targets(&mut stats, &store.list_goals()?);
    Ok(stats)
}

/// Reads the items behind the figure `key`.
pub fn drill(
    store: &Store,
    query: &StatsQuery,
    key: &FeedbackKey,
    today: NaiveDate,
) -> Result<Vec<FeedbackRow>, StoreError> {
    let items = store.list_feedback()?;
    Ok(drill_items(
        &items,
        &store.feedback_settings()?,
        query,
        key,
        today,
    ))
}

/// The name of a cause code among `causes` ("ohne Ursache" for none).
pub fn cause_label(causes: &[Cause], cause: Option<&str>, lang: Lang) -> String {
    match cause {
        None => crate::text::text(Text::NoCause, lang).to_string(),
        Some(code) => causes
            .iter()
            .find(|c| c.code == code)
            .map_or_else(|| code.to_string(), |c| c.label(lang)),
    }
}

/// A kind's words in the plural, as tables head their columns.
pub fn kind_plural(kind: FeedbackKind, lang: Lang) -> &'static str {
    crate::text::text(
        match kind {
            FeedbackKind::Complaint => Text::Complaints,
            FeedbackKind::Suggestion => Text::Suggestions,
        },
        lang,
    )
}

/// Working days as people write them: "2", "1,5" / "1.5".
pub fn days_text(days: f64, lang: Lang) -> String {
    let text = if days.fract() == 0.0 {
        format!("{days:.0}")
    } else {
        format!("{days:.1}")
    };
    match lang {
        Lang::De => text.replace('.', ","),
        Lang::En => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_of_odd_and_even_counts() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [5, 1, 3]), Some(3.0));
        assert_eq!(median(&mut [4, 1, 3, 0]), Some(2.0));
        assert_eq!(median(&mut [1, 2]), Some(1.5));
    }
}
