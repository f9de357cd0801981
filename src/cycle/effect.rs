//! The effect of a measure, as honest as the numbers allow: the golden share of what it is
//! about in the 4 weeks before its start against the 4 weeks after, its first week left
//! out (the team is still settling into it), each with its Wilson interval, and the
//! review's words for the difference — "a real improvement" only when the two-proportion
//! test says so (p < 0.05). Measures running at the same time are listed beside it: their
//! effects cannot be told apart.
//!
//! Privacy: like every team view, a side built from fewer than three people is withheld
//! ("too few contacts to tell"), never shown as one person's figures.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{Focus, Measure};
use crate::analytics::{compare, Change, Figures};
use crate::breakdown::Contributors;
use crate::domain::Lang;
use crate::store::{day_from_number, Scope, Selection, Store, StoreError};
use crate::text::{text, Text};

/// Days on each side of the start that the effect compares.
pub const EFFECT_DAYS: u64 = 28;
/// Days from the start on that are left out: the first week, while the team settles in.
pub const SETTLING_DAYS: u64 = 7;

/// What the difference between before and after says, in the review's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Higher after, and the two-proportion test says it is real (p < 0.05).
    RealImprovement,
    /// Lower after, and real.
    RealDecline,
    WithinNormalVariation,
    /// Too few contacts (or people) on a side for the test to say anything, or the weeks
    /// after have not begun.
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
    /// What was counted: the measure's focus; `None`: all of the team's contacts.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub why: Option<Focus>,
    pub as_of: NaiveDate,
    pub before: EffectSide,
    /// The days left out between the two windows.
    pub left_out_from: NaiveDate,
    pub left_out_to: NaiveDate,
    pub after: EffectSide,
    /// After minus before, in share (0.05 = 5 percentage points).
    pub difference: Option<f64>,
    /// Two-sided p-value of the pooled two-proportion z-test.
    pub p_value: Option<f64>,
    pub verdict: Verdict,
    /// Both windows are over: the effect will not change any more (but for late imports).
    pub complete: bool,
    /// Measures that ran during the windows: their effects cannot be told apart.
    pub concurrent: Vec<ConcurrentMeasure>,
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

/// The effect of `measure` as of `as_of`; `measures` are all the team's measures (for the
/// ones running at the same time).
pub fn effect(
    store: &Store,
    measure: &Measure,
    measures: &[Measure],
    as_of: NaiveDate,
) -> Result<Effect, StoreError> {
    let (before, left_out, after) = windows(measure.start_on);
    let counted = |(from, to): (NaiveDate, NaiveDate)| (as_of >= from).then(|| to.min(as_of));
    let mut tallies = [Tally::default(); 2];
    if let Some(last) = counted(after).or(counted(before)) {
        let selection = Selection {
            from: before.0,
            to: last,
            scope: Scope::Team,
            narrow: measure.why.map(Focus::narrow).into_iter().collect(),
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
            counted_to: counted(window),
            figures: if suppressed {
                Figures::new(0, 0)
            } else {
                Figures::new(t.golden, t.total)
            },
            suppressed,
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
    Ok(Effect {
        measure_id: measure.id,
        why: measure.why,
        as_of,
        before: before_side,
        left_out_from: left_out.0,
        left_out_to: left_out.1,
        after: after_side,
        difference: comparison.difference,
        p_value: comparison.p_value,
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
}
