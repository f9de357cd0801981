//! Figures that stay honest with small numbers: golden share with its Wilson 95 % interval,
//! overall and per day, ISO week or month.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::store::{ContactSet, DayCount, Scope, Selection, Store, StoreError};

/// z for a two-sided 95 % interval.
const Z95: f64 = 1.959_963_984_540_054;

/// The Wilson score interval for `successes` out of `trials` at 95 %; `None` for no trials.
pub fn wilson_interval(successes: u64, trials: u64) -> Option<(f64, f64)> {
    if trials == 0 {
        return None;
    }
    let n = trials as f64;
    let p = successes as f64 / n;
    let z2 = Z95 * Z95;
    let centre = p + z2 / (2.0 * n);
    let margin = Z95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    let denominator = 1.0 + z2 / n;
    Some((
        ((centre - margin) / denominator).max(0.0),
        ((centre + margin) / denominator).min(1.0),
    ))
}

/// Counts and golden share of a set of contacts. Share and interval are `None` (JSON
/// `null`) when there are no contacts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Figures {
    pub total: u64,
    pub golden: u64,
    pub ordinary: u64,
    pub golden_share: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
}

impl Figures {
    pub fn new(golden: u64, total: u64) -> Self {
        let interval = wilson_interval(golden, total);
        Figures {
            total,
            golden,
            ordinary: total - golden,
            golden_share: (total > 0).then(|| golden as f64 / total as f64),
            ci_low: interval.map(|i| i.0),
            ci_high: interval.map(|i| i.1),
        }
    }
}

/// Significance level of the change test.
const ALPHA: f64 = 0.05;

/// How the golden share moved from one period to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// Higher, and the two-proportion test says it is a real change (p < 0.05).
    Up,
    /// Lower, and a real change.
    Down,
    /// The difference is what chance alone produces often enough.
    WithinNormalVariation,
    /// Too few contacts for the test to say anything (an expected count below 5).
    TooFewToTell,
}

/// One period's figures against the period before.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Comparison {
    pub current: Figures,
    pub previous: Figures,
    /// Current share minus previous share (0.05 = 5 percentage points).
    pub difference: Option<f64>,
    /// Two-sided p-value of the pooled two-proportion z-test.
    pub p_value: Option<f64>,
    pub change: Change,
}

/// The two-sided p-value of the pooled two-proportion z-test for `x1` of `n1` against
/// `x2` of `n2`; `None` without contacts on one side. Equal shares give 1.
pub fn two_proportion_p_value(x1: u64, n1: u64, x2: u64, n2: u64) -> Option<f64> {
    if n1 == 0 || n2 == 0 {
        return None;
    }
    let (n1f, n2f) = (n1 as f64, n2 as f64);
    let pooled = (x1 + x2) as f64 / (n1f + n2f);
    let se = (pooled * (1.0 - pooled) * (1.0 / n1f + 1.0 / n2f)).sqrt();
    let diff = x1 as f64 / n1f - x2 as f64 / n2f;
    if se == 0.0 || diff == 0.0 {
        return Some(1.0);
    }
    let z = diff / se;
    Some(libm::erfc(z.abs() / std::f64::consts::SQRT_2))
}

/// Compares two periods. The z-test needs about five expected golden and five expected
/// 08/15 contacts on each side; below that the answer is "too few to tell", not a guess.
pub fn compare(current: Figures, previous: Figures) -> Comparison {
    let difference = current
        .golden_share
        .zip(previous.golden_share)
        .map(|(c, p)| c - p);
    let p_value = two_proportion_p_value(
        current.golden,
        current.total,
        previous.golden,
        previous.total,
    );
    let change = match (difference, p_value) {
        (Some(0.0), Some(_)) => Change::WithinNormalVariation,
        (Some(d), Some(p)) => {
            let pooled =
                (current.golden + previous.golden) as f64 / (current.total + previous.total) as f64;
            let smallest_expected = [current.total, previous.total]
                .iter()
                .map(|&n| n as f64 * pooled.min(1.0 - pooled))
                .fold(f64::INFINITY, f64::min);
            if smallest_expected < 5.0 {
                Change::TooFewToTell
            } else if p >= ALPHA {
                Change::WithinNormalVariation
            } else if d > 0.0 {
                Change::Up
            } else {
                Change::Down
            }
        }
        _ => Change::TooFewToTell,
    };
    Comparison {
        current,
        previous,
        difference,
        p_value,
        change,
    }
}

/// The length of the periods in a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    Day,
    Week,
    Month,
}

impl Granularity {
    /// The period a day belongs to, as a label: `2026-11-23`, `2026-W48`, `2026-11`.
    pub fn label(self, day: NaiveDate) -> String {
        match self {
            Granularity::Day => day.format("%Y-%m-%d").to_string(),
            Granularity::Week => {
                let w = day.iso_week();
                format!("{}-W{:02}", w.year(), w.week())
            }
            Granularity::Month => day.format("%Y-%m").to_string(),
        }
    }

    /// The first day of the period holding `day`.
    pub fn start_of(self, day: NaiveDate) -> NaiveDate {
        match self {
            Granularity::Day => day,
            Granularity::Week => {
                day - chrono::Days::new(u64::from(day.weekday().num_days_from_monday()))
            }
            Granularity::Month => day.with_day(1).unwrap_or(day),
        }
    }

    /// The first day of the next period.
    pub fn next(self, start: NaiveDate) -> NaiveDate {
        match self {
            Granularity::Day => start + chrono::Days::new(1),
            Granularity::Week => start + chrono::Days::new(7),
            Granularity::Month => start + chrono::Months::new(1),
        }
    }
}

/// Figures for one period of a series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PeriodFigures {
    pub period: String,
    /// First and last day of the period (clipped to the requested range).
    pub from: NaiveDate,
    pub to: NaiveDate,
    #[serde(flatten)]
    pub figures: Figures,
    /// In a team view: fewer than three people logged in this period, so its figures are
    /// withheld (shown as total 0 and "too few", never as one person's figures).
    pub suppressed: bool,
    /// The team's goal in force in this period, for the contacts the series covers (a
    /// review fills it in): the trend draws it from the day the goal took force. `None`:
    /// no goal, no target line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<crate::cycle::PeriodTarget>,
    /// The team's measures that started in this period (a review fills them in): the
    /// trend marks each start.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub started: Vec<crate::cycle::MeasureMark>,
}

/// Overall figures and, when asked for, a series over a date range.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    #[serde(flatten)]
    pub figures: Figures,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub series: Option<Vec<PeriodFigures>>,
    /// For a closed range: against the range of the same length just before it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<PeriodChange>,
}

/// The previous range and how the share moved since.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PeriodChange {
    pub previous_from: NaiveDate,
    pub previous_to: NaiveDate,
    #[serde(flatten)]
    pub comparison: Comparison,
}

/// The range of the same length that ends the day before `from`.
pub fn previous_range(from: NaiveDate, to: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let days = u64::try_from((to - from).num_days()).ok()? + 1;
    let previous_to = from.checked_sub_days(chrono::Days::new(1))?;
    let previous_from = from.checked_sub_days(chrono::Days::new(days))?;
    Some((previous_from, previous_to))
}

/// The jar of a period: the team's marbles, or one member's.
pub fn jar(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
    member: Option<&str>,
) -> Result<Figures, StoreError> {
    let (total, golden) = match member {
        Some(name) => store.member_counts(name, from, to)?,
        None => store
            .daily_counts(Some(from), Some(to))?
            .iter()
            .fold((0, 0), |(t, g), d| (t + d.total, g + d.golden)),
    };
    Ok(Figures::new(golden, total))
}

/// The jar of a period for the contacts in `set` (those logged on one computer).
pub fn jar_of_set(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
    set: &ContactSet,
) -> Result<Figures, StoreError> {
    if set.is_empty() {
        return Ok(Figures::new(0, 0));
    }
    let (mut golden, mut total) = (0u64, 0u64);
    store.scan(
        &Selection::new(from, to, Scope::Contacts(set.clone())),
        &mut |row| {
            total += 1;
            golden += u64::from(row.golden);
        },
    )?;
    Ok(Figures::new(golden, total))
}

/// Figures for the contacts between `from` and `to` (local dates, inclusive; open ends
/// mean all). With `by`, a series that includes periods without contacts (total 0, share
/// `null`) so gaps stay visible.
pub fn stats(
    store: &Store,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    by: Option<Granularity>,
) -> Result<Stats, StoreError> {
    let days = store.daily_counts(from, to)?;
    let (golden, total) = days
        .iter()
        .fold((0, 0), |(g, t), d| (g + d.golden, t + d.total));
    let series = by.map(|g| {
        let first = from.or(days.first().map(|d| d.day));
        let last = to.or(days.last().map(|d| d.day));
        match (first, last) {
            (Some(a), Some(b)) if a <= b => series(&days, a, b, g),
            _ => Vec::new(),
        }
    });
    let figures = Figures::new(golden, total);
    let change = match (from, to) {
        (Some(a), Some(b)) => match previous_range(a, b) {
            Some((previous_from, previous_to)) => Some(PeriodChange {
                previous_from,
                previous_to,
                comparison: compare(figures, jar(store, previous_from, previous_to, None)?),
            }),
            None => None,
        },
        _ => None,
    };
    Ok(Stats {
        from,
        to,
        figures,
        series,
        change,
    })
}

/// Folds day counts (sorted by day) into consecutive periods from `first` to `last`.
pub fn series(
    days: &[DayCount],
    first: NaiveDate,
    last: NaiveDate,
    by: Granularity,
) -> Vec<PeriodFigures> {
    let mut out = Vec::new();
    let mut remaining = days.iter().peekable();
    let mut start = by.start_of(first);
    while start <= last {
        let next = by.next(start);
        let (mut golden, mut total) = (0, 0);
        while let Some(d) = remaining.next_if(|d| d.day < next) {
            if d.day >= start {
                golden += d.golden;
                total += d.total;
            }
        }
        out.push(PeriodFigures {
            period: by.label(start),
            from: start.max(first),
            to: (next - chrono::Days::new(1)).min(last),
            figures: Figures::new(golden, total),
            suppressed: false,
            target: None,
            started: Vec::new(),
        });
        start = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 5e-5
    }

    #[test]
    fn wilson_matches_published_values() {
        // Newcombe (1998), Statistics in Medicine 17, table I: 81/263 → 0.2553–0.3662;
        // 15/148 → 0.0624–0.1605; 0/20 → 0–0.1611; 1/29 → 0.0061–0.1718.
        let cases = [
            (81, 263, 0.2553, 0.3662),
            (15, 148, 0.0624, 0.1605),
            (0, 20, 0.0, 0.1611),
            (1, 29, 0.0061, 0.1718),
        ];
        for (k, n, lo, hi) in cases {
            let (l, h) = wilson_interval(k, n).expect("n > 0");
            assert!(
                (l - lo).abs() < 1e-4 && (h - hi).abs() < 1e-4,
                "{k}/{n}: {l} {h}"
            );
        }
        assert_eq!(wilson_interval(0, 0), None);
        let (l, h) = wilson_interval(10, 10).expect("n > 0");
        assert!(close(h, 1.0) && l > 0.69 && l < 0.73, "{l} {h}");
    }

    #[test]
    fn two_proportion_test_matches_hand_computed_values() {
        // Pooled z-test by hand: 60/100 vs 40/100: p = 0.5, SE = √(0.25 · 0.02) = 0.070711,
        // z = 2.8284, two-sided p = erfc(z/√2) = 0.0046777. 45/100 vs 40/100: p = 0.425,
        // z = 0.7152, two-sided p = 0.47449. 30/40 vs 12/35: z = 3.5437, p = 0.00039452.
        let cases = [
            (60, 100, 40, 100, 0.004_677_7),
            (45, 100, 40, 100, 0.474_486),
            (30, 40, 12, 35, 0.000_394_52),
        ];
        for (x1, n1, x2, n2, expected) in cases {
            let p = two_proportion_p_value(x1, n1, x2, n2).expect("both sides have contacts");
            assert!((p - expected).abs() < 1e-6, "{x1}/{n1} vs {x2}/{n2}: {p}");
        }
        assert_eq!(two_proportion_p_value(3, 10, 0, 0), None);
        assert_eq!(two_proportion_p_value(5, 10, 10, 20), Some(1.0));
    }

    #[test]
    fn a_change_is_real_only_when_the_test_says_so() {
        let f = Figures::new;
        assert_eq!(compare(f(60, 100), f(40, 100)).change, Change::Up);
        assert_eq!(compare(f(40, 100), f(60, 100)).change, Change::Down);
        let c = compare(f(45, 100), f(40, 100));
        assert_eq!(c.change, Change::WithinNormalVariation);
        assert!((c.difference.expect("both have contacts") - 0.05).abs() < 1e-12);
        // 3 of 4 against 1 of 4 looks like a big jump, but 4 contacts say nothing.
        assert_eq!(compare(f(3, 4), f(1, 4)).change, Change::TooFewToTell);
        assert_eq!(compare(f(3, 4), f(0, 0)).change, Change::TooFewToTell);
        assert_eq!(compare(f(0, 0), f(0, 0)).difference, None);
        // All golden in both weeks: no change, whatever the numbers.
        assert_eq!(
            compare(f(50, 50), f(70, 70)).change,
            Change::WithinNormalVariation
        );
    }

    #[test]
    fn empty_figures_are_null_not_nan() {
        let f = Figures::new(0, 0);
        assert_eq!(f.golden_share, None);
        assert_eq!(f.ci_low, None);
        let json = serde_json::to_value(f).expect("serialisable");
        assert!(json["golden_share"].is_null());
    }

    #[test]
    fn weeks_and_months_are_labelled_iso() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        assert_eq!(Granularity::Week.label(d), "2026-W48");
        assert_eq!(Granularity::Month.label(d), "2026-11");
        let new_year = NaiveDate::from_ymd_opt(2027, 1, 1).expect("date");
        assert_eq!(Granularity::Week.label(new_year), "2026-W53");
    }

    #[test]
    fn series_keeps_empty_periods() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).expect("date");
        let days = vec![
            DayCount {
                day: day(2),
                total: 4,
                golden: 1,
            },
            DayCount {
                day: day(3),
                total: 2,
                golden: 2,
            },
            DayCount {
                day: day(17),
                total: 5,
                golden: 0,
            },
        ];
        let weeks = series(&days, day(2), day(18), Granularity::Week);
        let totals: Vec<_> = weeks
            .iter()
            .map(|w| (w.period.as_str(), w.figures.total))
            .collect();
        assert_eq!(
            totals,
            vec![("2026-W45", 6), ("2026-W46", 0), ("2026-W47", 5)]
        );
        assert_eq!(weeks[1].figures.golden_share, None);
        assert_eq!(weeks[0].figures.golden, 3);
    }
}
