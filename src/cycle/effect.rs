//! The effect of a measure, as honest as the numbers allow: the golden share of what it is
//! about in the 4 weeks before its start against the 4 weeks after, its first week left
//! out (the team is still settling into it), each with its Wilson interval, and the
//! review's words for the difference — "a real improvement" only when the two-proportion
//! test says so (p < 0.05). Measures running at the same time are listed beside it: their
//! effects cannot be told apart.
//!
//! A measure about a feedback cause is judged by its complaints instead: how many came in
//! (by the day they came in) in the same windows, compared with the exact test for two
//! Poisson counts (given their sum, the count after is binomial with the after-window's
//! share of the days — one half when both windows are whole). "A real improvement" is
//! fewer complaints at p < 0.05; with fewer than [`MIN_COMPLAINTS`] in both windows
//! together the answer is "too few to tell".
//!
//! Privacy: like every team view, a side built from fewer than three people is withheld
//! ("too few contacts to tell"), never shown as one person's figures. Complaints name
//! nobody, so their counts are always shown.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{Focus, Measure, Why};
use crate::analytics::{compare, Change, Figures};
use crate::breakdown::Contributors;
use crate::domain::Lang;
use crate::feedback::FeedbackKind;
use crate::store::{day_from_number, Scope, Selection, Store, StoreError};
use crate::text::{text, Text};

/// Days on each side of the start that the effect compares.
pub const EFFECT_DAYS: u64 = 28;
/// Days from the start on that are left out: the first week, while the team settles in.
pub const SETTLING_DAYS: u64 = 7;
/// Complaints both windows need together before the test may say anything.
pub const MIN_COMPLAINTS: u64 = 5;

/// What the difference between before and after says, in the review's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Better after (a higher golden share, or fewer complaints), and the test says it is
    /// real (p < 0.05).
    RealImprovement,
    /// Worse after, and real.
    RealDecline,
    WithinNormalVariation,
    /// Too few contacts (or people, or complaints) for the test to say anything, or the
    /// weeks after have not begun.
    TooFewToTell,
}

impl Verdict {
    /// "a real improvement", "within normal variation", …
    pub fn words(self, lang: Lang) -> &'static str {
        text(
            match self {
                Verdict::RealImprovement => Text::RealImprovement,
                Verdict::RealDecline => Text::RealDecline,
                Verdict::WithinNormalVariation => Text::NormalVariation,
                Verdict::TooFewToTell => Text::TooFewToTell,
            },
            lang,
        )
    }
}

/// One side of the comparison.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EffectSide {
    /// The window: 4 weeks, inclusive.
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The last day counted so far (`None`: the window has not begun).
    pub counted_to: Option<NaiveDate>,
    /// Withheld (total 0) when `suppressed`.
    #[serde(flatten)]
    pub figures: Figures,
    /// Fewer than three people made these contacts: not shown.
    pub suppressed: bool,
    /// For a measure about a cause: its complaints that came in during the window (up to
    /// `counted_to`); the contacts' figures are then empty. `None` for contacts.
    #[serde(default)]
    pub complaints: Option<u64>,
}

impl EffectSide {
    /// The days counted so far.
    pub fn days_counted(&self) -> u64 {
        self.counted_to
            .and_then(|c| u64::try_from((c - self.from).num_days() + 1).ok())
            .unwrap_or(0)
    }

    /// Complaints per week over the days counted, for a measure about a cause.
    pub fn complaints_per_week(&self) -> Option<f64> {
        let days = self.days_counted();
        self.complaints
            .filter(|_| days > 0)
            .map(|n| n as f64 * 7.0 / days as f64)
    }
}

/// Another measure that ran during the windows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConcurrentMeasure {
    pub id: i64,
    pub title: String,
    pub start_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
}

/// A measure's effect as of a day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Effect {
    pub measure_id: i64,
    /// What was counted: the measure's focus or cause (then complaints, see
    /// [`EffectSide::complaints`]); `None`: all of the team's contacts.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub why: Option<Why>,
    pub as_of: NaiveDate,
    pub before: EffectSide,
    /// The days left out between the two windows.
    pub left_out_from: NaiveDate,
    pub left_out_to: NaiveDate,
    pub after: EffectSide,
    /// After minus before: in share (0.05 = 5 percentage points), or for a cause in
    /// complaints per week.
    pub difference: Option<f64>,
    /// Two-sided p-value of the pooled two-proportion z-test, or for a cause of the exact
    /// test for two Poisson counts.
    pub p_value: Option<f64>,
    pub verdict: Verdict,
    /// Both windows are over: the effect will not change any more (but for late imports).
    pub complete: bool,
    /// Measures that ran during the windows: their effects cannot be told apart.
    pub concurrent: Vec<ConcurrentMeasure>,
}

impl Effect {
    /// Whether it counts complaints of a cause rather than contacts.
    pub fn is_complaints(&self) -> bool {
        self.why.as_ref().and_then(Why::cause).is_some()
    }

    /// The verdict in words: "too few complaints to tell" where complaints were counted.
    pub fn verdict_words(&self, lang: Lang) -> &'static str {
        match self.verdict {
            Verdict::TooFewToTell if self.is_complaints() => text(Text::TooFewComplaints, lang),
            v => v.words(lang),
        }
    }
}

/// The windows of a measure starting on `start`: before, left out, after.
pub fn windows(
    start: NaiveDate,
) -> (
    (NaiveDate, NaiveDate),
    (NaiveDate, NaiveDate),
    (NaiveDate, NaiveDate),
) {
    let before = (start - Days::new(EFFECT_DAYS), start - Days::new(1));
    let left_out = (start, start + Days::new(SETTLING_DAYS - 1));
    let after_from = start + Days::new(SETTLING_DAYS);
    let after = (after_from, after_from + Days::new(EFFECT_DAYS - 1));
    (before, left_out, after)
}

#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    total: u64,
    golden: u64,
    people: Contributors,
}

/// The two sides as counted, the difference, its p-value and the verdict.
type Sides = (EffectSide, EffectSide, Option<f64>, Option<f64>, Verdict);

/// The windows of one measure as of a day: before and after, and the last day counted of
/// each so far (`None`: not begun).
#[derive(Clone, Copy)]
struct Windows {
    before: (NaiveDate, NaiveDate),
    after: (NaiveDate, NaiveDate),
    as_of: NaiveDate,
}

impl Windows {
    fn counted(self, (from, to): (NaiveDate, NaiveDate)) -> Option<NaiveDate> {
        (self.as_of >= from).then(|| to.min(self.as_of))
    }
}

/// The effect of `measure` as of `as_of`; `measures` are all the team's measures (for the
/// ones running at the same time).
pub fn effect(
    store: &Store,
    measure: &Measure,
    measures: &[Measure],
    as_of: NaiveDate,
) -> Result<Effect, StoreError> {
    let (before, left_out, after) = windows(measure.start_on);
    let w = Windows {
        before,
        after,
        as_of,
    };
    let (before_side, after_side, difference, p_value, verdict) = match &measure.why {
        Some(Why::Cause(code)) => complaint_sides(store, code, w)?,
        why => contact_sides(store, why.as_ref().and_then(Why::focus), w)?,
    };
    Ok(Effect {
        measure_id: measure.id,
        why: measure.why.clone(),
        as_of,
        before: before_side,
        left_out_from: left_out.0,
        left_out_to: left_out.1,
        after: after_side,
        difference,
        p_value,
        verdict,
        complete: as_of >= after.1,
        concurrent: measures
            .iter()
            .filter(|m| m.id != measure.id && m.runs_within(before.0, after.1))
            .map(|m| ConcurrentMeasure {
                id: m.id,
                title: m.title.clone(),
                start_on: m.start_on,
                ended_on: m.ended_on,
            })
            .collect(),
    })
}

/// The golden share of the contacts of `focus` (all without one) on both sides.
fn contact_sides(store: &Store, focus: Option<Focus>, w: Windows) -> Result<Sides, StoreError> {
    let (before, after) = (w.before, w.after);
    let mut tallies = [Tally::default(); 2];
    if let Some(last) = w.counted(after).or(w.counted(before)) {
        let selection = Selection {
            from: before.0,
            to: last,
            scope: Scope::Team,
            narrow: focus.map(Focus::narrow).into_iter().collect(),
        };
        store.scan(&selection, &mut |row| {
            let day = day_from_number(row.day());
            let side = if day <= before.1 {
                0
            } else if day >= after.0 {
                1
            } else {
                // The first week after the start.
                return;
            };
            let t = &mut tallies[side];
            t.total += 1;
            t.golden += u64::from(row.golden);
            t.people.add(row.who);
        })?;
    }
    let side = |t: &Tally, window: (NaiveDate, NaiveDate)| {
        let suppressed = t.total > 0 && !t.people.enough();
        EffectSide {
            from: window.0,
            to: window.1,
            counted_to: w.counted(window),
            figures: if suppressed {
                Figures::new(0, 0)
            } else {
                Figures::new(t.golden, t.total)
            },
            suppressed,
            complaints: None,
        }
    };
    let (before_side, after_side) = (side(&tallies[0], before), side(&tallies[1], after));
    let comparison = compare(after_side.figures, before_side.figures);
    let verdict = if before_side.suppressed || after_side.suppressed {
        Verdict::TooFewToTell
    } else {
        match comparison.change {
            Change::Up => Verdict::RealImprovement,
            Change::Down => Verdict::RealDecline,
            Change::WithinNormalVariation => Verdict::WithinNormalVariation,
            Change::TooFewToTell => Verdict::TooFewToTell,
        }
    };
    Ok((
        before_side,
        after_side,
        comparison.difference,
        comparison.p_value,
        verdict,
    ))
}

/// The complaints of the cause `code` on both sides, by the day they came in.
fn complaint_sides(store: &Store, code: &str, w: Windows) -> Result<Sides, StoreError> {
    let mut counts = [0u64; 2];
    for item in store.list_feedback()? {
        if item.kind != FeedbackKind::Complaint || item.cause.as_deref() != Some(code) {
            continue;
        }
        let day = item.received_at.date_naive();
        for (side, window) in [w.before, w.after].into_iter().enumerate() {
            if w.counted(window)
                .is_some_and(|last| window.0 <= day && day <= last)
            {
                counts[side] += 1;
            }
        }
    }
    let side = |n: u64, window: (NaiveDate, NaiveDate)| EffectSide {
        from: window.0,
        to: window.1,
        counted_to: w.counted(window),
        figures: Figures::new(0, 0),
        suppressed: false,
        complaints: Some(n),
    };
    let (before, after) = (side(counts[0], w.before), side(counts[1], w.after));
    let (difference, p_value, verdict) = compare_complaints(&before, &after);
    Ok((before, after, difference, p_value, verdict))
}

/// The difference in complaints per week (after minus before), the p-value and the verdict
/// for two windows' complaints. Only days counted so far count, so a window still running
/// is weighed by its days.
fn compare_complaints(
    before: &EffectSide,
    after: &EffectSide,
) -> (Option<f64>, Option<f64>, Verdict) {
    let (Some(b), Some(a)) = (before.complaints, after.complaints) else {
        return (None, None, Verdict::TooFewToTell);
    };
    let (days_before, days_after) = (before.days_counted(), after.days_counted());
    if days_before == 0 || days_after == 0 {
        return (None, None, Verdict::TooFewToTell);
    }
    let difference = after
        .complaints_per_week()
        .zip(before.complaints_per_week())
        .map(|(a, b)| a - b);
    let share_after = days_after as f64 / (days_before + days_after) as f64;
    let p = poisson_counts_p_value(b, a, share_after);
    let verdict = if a + b < MIN_COMPLAINTS {
        Verdict::TooFewToTell
    } else if p >= 0.05 || difference == Some(0.0) {
        Verdict::WithinNormalVariation
    } else if difference.is_some_and(|d| d < 0.0) {
        Verdict::RealImprovement
    } else {
        Verdict::RealDecline
    };
    (difference, Some(p), verdict)
}

/// Two-sided p-value of the exact conditional test for two Poisson counts: given their sum
/// n, the count `after` is binomial(n, `share_after`) when the rate did not change (with
/// windows of equal length `share_after` is 0.5). Twice the smaller tail, at most 1.
pub fn poisson_counts_p_value(before: u64, after: u64, share_after: f64) -> f64 {
    let n = before + after;
    if n == 0 || !(share_after > 0.0 && share_after < 1.0) {
        return 1.0;
    }
    // The binomial probabilities in logs, so large counts do not underflow.
    let (ln_p, ln_q) = (share_after.ln(), (1.0 - share_after).ln());
    let mut ln_pmf = n as f64 * ln_q;
    let (mut lower, mut upper) = (0.0, 0.0);
    for k in 0..=n {
        if k > 0 {
            ln_pmf += ((n - k + 1) as f64 / k as f64).ln() + ln_p - ln_q;
        }
        let pmf = ln_pmf.exp();
        if k <= after {
            lower += pmf;
        }
        if k >= after {
            upper += pmf;
        }
    }
    (2.0 * f64::min(lower, upper)).min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_weeks_before_the_first_week_left_out_four_weeks_after() {
        let start = NaiveDate::from_ymd_opt(2026, 11, 2).expect("date");
        let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).expect("date");
        let (before, left_out, after) = windows(start);
        assert_eq!(before, (d(10, 5), d(11, 1)));
        assert_eq!(left_out, (d(11, 2), d(11, 8)));
        assert_eq!(after, (d(11, 9), d(12, 6)));
    }

    #[test]
    fn the_exact_test_of_two_counts_matches_the_hand_computed_tails() {
        // 12 complaints before, 3 after, equal windows: given 15, the count after is
        // binomial(15, 1/2); P(X ≤ 3) = (1 + 15 + 105 + 455) / 2^15 = 576 / 32768
        // = 0.017578125, two-sided 0.03515625.
        assert!((poisson_counts_p_value(12, 3, 0.5) - 0.035_156_25).abs() < 1e-12);
        // The other way round the same: the test is symmetric.
        assert!((poisson_counts_p_value(3, 12, 0.5) - 0.035_156_25).abs() < 1e-12);
        // 8 against 4: P(X ≤ 4) of binomial(12, 1/2) = (1 + 12 + 66 + 220 + 495) / 4096
        // = 794 / 4096, two-sided 0.387695….
        assert!((poisson_counts_p_value(8, 4, 0.5) - 1588.0 / 4096.0).abs() < 1e-12);
        // Equal counts: no evidence at all.
        assert_eq!(poisson_counts_p_value(5, 5, 0.5), 1.0);
        assert_eq!(poisson_counts_p_value(0, 0, 0.5), 1.0);
        // A window half as long: 2 after against 8 before is what is expected (1/3 of
        // 10 ≈ 3.3); P(X ≤ 2) of binomial(10, 1/3) = 0.2991…, two-sided 0.598….
        let third = poisson_counts_p_value(8, 2, 1.0 / 3.0);
        let lower: f64 = (0..=2u32)
            .map(|k| {
                let choose = [1.0, 10.0, 45.0][k as usize];
                choose * (1.0f64 / 3.0).powi(k as i32) * (2.0f64 / 3.0).powi(10 - k as i32)
            })
            .sum();
        assert!((third - 2.0 * lower).abs() < 1e-12, "{third}");
        // Large counts do not underflow: 600 against 500 is real (z ≈ 3.0).
        assert!(poisson_counts_p_value(600, 500, 0.5) < 0.01);
    }

    #[test]
    fn complaints_fewer_at_p_below_005_are_a_real_improvement() {
        let (before, _, after) = windows(NaiveDate::from_ymd_opt(2026, 11, 2).expect("date"));
        let side = |n, window: (NaiveDate, NaiveDate), counted: bool| EffectSide {
            from: window.0,
            to: window.1,
            counted_to: counted.then_some(window.1),
            figures: Figures::new(0, 0),
            suppressed: false,
            complaints: Some(n),
        };
        let (d, p, v) = compare_complaints(&side(12, before, true), &side(3, after, true));
        // 3 per week before, 0.75 after.
        assert!((d.expect("difference") + 2.25).abs() < 1e-12);
        assert!((p.expect("p") - 0.035_156_25).abs() < 1e-12);
        assert_eq!(v, Verdict::RealImprovement);
        let (_, _, v) = compare_complaints(&side(3, before, true), &side(12, after, true));
        assert_eq!(v, Verdict::RealDecline);
        let (_, _, v) = compare_complaints(&side(8, before, true), &side(4, after, true));
        assert_eq!(v, Verdict::WithinNormalVariation);
        // 3 + 1 < 5: too few, however clear it looks.
        let (_, _, v) = compare_complaints(&side(3, before, true), &side(1, after, true));
        assert_eq!(v, Verdict::TooFewToTell);
        // The weeks after have not begun.
        let (d, p, v) = compare_complaints(&side(12, before, true), &side(0, after, false));
        assert_eq!((d, p, v), (None, None, Verdict::TooFewToTell));
    }
}
