//! The team's deadlines in working days: which weekdays count, how many of them the first
//! answer and the close may take, and the dates and ages that follow for an item.

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{FeedbackError, FeedbackItem, FeedbackState};
use crate::domain::shorten;

/// The longest deadline a team may set, in working days.
pub const MAX_DEADLINE_DAYS: u8 = 60;

/// The team's deadlines (step 4: respond within a reasonable time; urgent causes at once).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackSettings {
    /// Working days to the first answer.
    pub answer_days: u8,
    /// Working days to the close.
    pub close_days: u8,
    /// Working days to the first answer of an urgent item.
    pub urgent_days: u8,
    /// Which weekdays the team works, Monday first.
    pub working_days: [bool; 7],
}

impl Default for FeedbackSettings {
    fn default() -> Self {
        FeedbackSettings {
            answer_days: 2,
            close_days: 10,
            urgent_days: 1,
            // Monday to Saturday: the shops and counters the product is for open Saturdays.
            working_days: [true, true, true, true, true, true, false],
        }
    }
}

impl FeedbackSettings {
    /// Refuses deadlines outside 1–60 working days and a week without working days.
    pub fn check(&self) -> Result<(), FeedbackError> {
        for (what, days) in [
            ("the first answer's deadline", self.answer_days),
            ("the close's deadline", self.close_days),
            ("an urgent item's deadline", self.urgent_days),
        ] {
            if !(1..=MAX_DEADLINE_DAYS).contains(&days) {
                return Err(FeedbackError::BadDays {
                    what,
                    value: days.to_string(),
                });
            }
        }
        if !self.working_days.contains(&true) {
            return Err(FeedbackError::NoWorkingDays);
        }
        Ok(())
    }

    /// The working days as stored: bit 0 is Monday.
    pub fn working_mask(&self) -> u8 {
        self.working_days
            .iter()
            .enumerate()
            .fold(0, |mask, (i, on)| if *on { mask | 1 << i } else { mask })
    }

    /// The working days from their stored bits.
    pub fn days_from_mask(mask: u8) -> [bool; 7] {
        std::array::from_fn(|i| mask & (1 << i) != 0)
    }

    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        self.working_days[day.weekday().num_days_from_monday() as usize]
    }

    /// The `n`-th working day after `day` (`day` itself does not count, so an item that
    /// comes in on Monday with two days is due on Wednesday, and one that comes in on a
    /// Sunday counts from Monday).
    pub fn nth_working_day_after(&self, day: NaiveDate, n: u32) -> NaiveDate {
        let mut d = day;
        let mut left = n;
        // Bounded: a week has at least one working day (checked), so this ends within
        // 7 * n + 7 days even for data written by hand.
        for _ in 0..(7 * u64::from(n) + 7) {
            if left == 0 {
                break;
            }
            d = d + Days::new(1);
            if self.is_working_day(d) {
                left -= 1;
            }
        }
        d
    }

    /// Working days after `from` up to and including `to`: 0 on the same day, 1 from a
    /// Friday to the Monday after in a Monday-to-Friday team. 0 when `to` is not later.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        if to <= from {
            return 0;
        }
        let days = (to - from).num_days();
        let weeks = (days / 7) as u32;
        let per_week = self.working_days.iter().filter(|d| **d).count() as u32;
        let mut count = weeks * per_week;
        let mut d = from + Days::new(weeks as u64 * 7);
        while d < to {
            d = d + Days::new(1);
            if self.is_working_day(d) {
                count += 1;
            }
        }
        count
    }

    /// The day by which the customer must have had a first answer; `None` when they want
    /// none.
    pub fn answer_due(&self, item: &FeedbackItem) -> Option<NaiveDate> {
        item.reply_wanted.then(|| {
            let days = if item.urgent {
                self.urgent_days
            } else {
                self.answer_days
            };
            self.nth_working_day_after(item.received_at.date_naive(), u32::from(days))
        })
    }

    /// The day by which the item must be closed.
    pub fn close_due(&self, item: &FeedbackItem) -> NaiveDate {
        self.nth_working_day_after(item.received_at.date_naive(), u32::from(self.close_days))
    }

    /// Whether the first answer is late on `today`: wanted, not given, and its day over.
    pub fn answer_overdue(&self, item: &FeedbackItem, today: NaiveDate) -> bool {
        item.state < FeedbackState::Informed && self.answer_due(item).is_some_and(|due| today > due)
    }

    /// Whether the close is late on `today`.
    pub fn close_overdue(&self, item: &FeedbackItem, today: NaiveDate) -> bool {
        item.state != FeedbackState::Closed && today > self.close_due(item)
    }

    /// Whether anything of the item is late on `today`.
    pub fn overdue(&self, item: &FeedbackItem, today: NaiveDate) -> bool {
        self.answer_overdue(item, today) || self.close_overdue(item, today)
    }
}

/// Parses working days: `mon-sat`, `mon,tue,wed`, `Mo-Fr`, `Mo,Di,Mi` (English or
/// German, short or long, ranges with `-`).
pub fn parse_working_days(text: &str) -> Result<[bool; 7], FeedbackError> {
    let mut days = [false; 7];
    for part in text.split([',', ' ', ';']).filter(|p| !p.trim().is_empty()) {
        let (a, b) = match part.split_once(['-', '–']) {
            Some((a, b)) => (weekday_index(a)?, weekday_index(b)?),
            None => {
                let d = weekday_index(part)?;
                (d, d)
            }
        };
        let mut d = a;
        loop {
            days[d] = true;
            if d == b {
                break;
            }
            d = (d + 1) % 7;
        }
    }
    if !days.contains(&true) {
        return Err(FeedbackError::NoWorkingDays);
    }
    Ok(days)
}

fn weekday_index(word: &str) -> Result<usize, FeedbackError> {
    let w = word.trim().to_lowercase();
    let names: [&[&str]; 7] = [
        &["mon", "monday", "mo", "montag"],
        &["tue", "tuesday", "di", "dienstag"],
        &["wed", "wednesday", "mi", "mittwoch"],
        &["thu", "thursday", "do", "donnerstag"],
        &["fri", "friday", "fr", "freitag"],
        &["sat", "saturday", "sa", "samstag", "sonnabend"],
        &["sun", "sunday", "so", "sonntag"],
    ];
    names
        .iter()
        .position(|spellings| spellings.contains(&w.as_str()))
        .ok_or_else(|| FeedbackError::BadWeekday(shorten(word, 30)))
}

/// The working days as a short list: `mon-sat`, `mon,wed,fri`.
pub fn format_working_days(days: &[bool; 7]) -> String {
    const SHORT: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let on: Vec<usize> = (0..7).filter(|i| days[*i]).collect();
    let contiguous = on.windows(2).all(|w| w[1] == w[0] + 1);
    match (on.first(), on.last()) {
        (Some(a), Some(b)) if contiguous && b > a && on.len() > 2 => {
            format!("{}-{}", SHORT[*a], SHORT[*b])
        }
        _ => on.iter().map(|i| SHORT[*i]).collect::<Vec<_>>().join(","),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn working_days_parse_in_both_languages_and_as_ranges() {
        let mon_fri = [true, true, true, true, true, false, false];
        assert_eq!(parse_working_days("mon-fri"), Ok(mon_fri));
        assert_eq!(parse_working_days("Mo,Di,Mi,Do,Fr"), Ok(mon_fri));
        assert_eq!(
            parse_working_days("sa-mo"),
            Ok([true, false, false, false, false, true, true])
        );
        assert!(parse_working_days("monday,funday").is_err());
        assert_eq!(format_working_days(&mon_fri), "mon-fri");
        assert_eq!(
            format_working_days(&[true, false, true, false, true, false, false]),
            "mon,wed,fri"
        );
    }

    #[test]
    fn counting_working_days_matches_day_by_day_counting() {
        let settings = FeedbackSettings {
            working_days: [true, false, true, true, false, true, false],
            ..FeedbackSettings::default()
        };
        let start = day("2026-11-01");
        for span in 0..40 {
            let to = start + Days::new(span);
            let slow = (1..=span)
                .filter(|i| settings.is_working_day(start + Days::new(*i)))
                .count() as u32;
            assert_eq!(settings.working_days_between(start, to), slow, "{to}");
        }
    }
}
