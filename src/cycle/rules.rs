//! The team's own list of service rules and principles, the meeting's prompts: shipped
//! with short defaults (written in our own words from the practice the domain brief
//! describes), which the team can reword, add to and retire. Meeting mode shows one rule
//! of the week, the same all week long, and the conclusions step offers them.

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{check_text, CycleError};
use crate::domain::Lang;
use crate::text::{text, Text};

/// The longest rule, in characters.
pub const RULE_TEXT_MAX: usize = 300;

/// The defaults, numbered 1 to 10 in the database.
const DEFAULTS: [Text; 10] = [
    Text::DefaultRule1,
    Text::DefaultRule2,
    Text::DefaultRule3,
    Text::DefaultRule4,
    Text::DefaultRule5,
    Text::DefaultRule6,
    Text::DefaultRule7,
    Text::DefaultRule8,
    Text::DefaultRule9,
    Text::DefaultRule10,
];

/// A default rule's words in `lang`; `None` for a number this version does not ship.
pub fn default_rule(number: i64, lang: Lang) -> Option<&'static str> {
    usize::try_from(number)
        .ok()
        .and_then(|n| n.checked_sub(1))
        .and_then(|i| DEFAULTS.get(i))
        .map(|&key| text(key, lang))
}

/// One of the team's rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ServiceRule {
    pub id: i64,
    /// The team's words, or a shipped default's in the language asked for.
    pub text: String,
    /// Shipped with Murmelglas and not reworded: its words follow the language.
    pub shipped: bool,
    /// The day it was retired; from then on it is neither shown nor offered.
    pub retired_on: Option<NaiveDate>,
}

impl ServiceRule {
    pub fn is_active_on(&self, day: NaiveDate) -> bool {
        self.retired_on.is_none_or(|r| day < r)
    }
}

/// A rule as a row stores it: a shipped default's number, the team's words, or both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleRow {
    pub id: i64,
    pub default_no: Option<i64>,
    pub text: Option<String>,
    pub retired_on: Option<NaiveDate>,
}

impl RuleRow {
    /// The rule in `lang`: the team's words win over the shipped ones.
    pub fn in_lang(&self, lang: Lang) -> ServiceRule {
        let shipped = self.default_no.and_then(|n| default_rule(n, lang));
        ServiceRule {
            id: self.id,
            text: self
                .text
                .clone()
                .or(shipped.map(str::to_string))
                .unwrap_or_default(),
            shipped: self.text.is_none() && shipped.is_some(),
            retired_on: self.retired_on,
        }
    }
}

/// A rule's words, checked and trimmed.
pub fn check_rule(words: &str) -> Result<String, CycleError> {
    check_text(words, "rule", RULE_TEXT_MAX)
}

/// The rule of the ISO week holding `day`: the active rules take turns week by week, so
/// it stays the same all week (as long as the list does not change).
pub fn rule_of_week(rules: &[ServiceRule], day: NaiveDate) -> Option<&ServiceRule> {
    let monday = day - Days::new(u64::from(day.weekday().num_days_from_monday()));
    let active: Vec<&ServiceRule> = rules.iter().filter(|r| r.is_active_on(monday)).collect();
    if active.is_empty() {
        return None;
    }
    // Weeks since Monday 5 January 1970.
    let week = (monday - NaiveDate::from_ymd_opt(1970, 1, 5).unwrap_or_default()).num_days() / 7;
    active
        .get(usize::try_from(week.rem_euclid(active.len() as i64)).unwrap_or(0))
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(id: i64, retired: Option<NaiveDate>) -> ServiceRule {
        ServiceRule {
            id,
            text: format!("rule {id}"),
            shipped: true,
            retired_on: retired,
        }
    }

    #[test]
    fn the_rule_of_the_week_is_fixed_for_the_week_and_turns_weekly() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).expect("date");
        let rules: Vec<ServiceRule> = (1..=3).map(|i| rule(i, None)).collect();
        let monday = rule_of_week(&rules, day(16)).map(|r| r.id);
        for d in 16..=22 {
            assert_eq!(rule_of_week(&rules, day(d)).map(|r| r.id), monday, "{d}");
        }
        let next = rule_of_week(&rules, day(23)).map(|r| r.id);
        assert_ne!(next, monday);
        let mut retired = rules.clone();
        retired[0].retired_on = Some(day(1));
        retired[1].retired_on = Some(day(1));
        assert_eq!(rule_of_week(&retired, day(23)).map(|r| r.id), Some(3));
        assert_eq!(rule_of_week(&[], day(23)), None);
    }

    #[test]
    fn defaults_follow_the_language_until_the_team_rewords_them() {
        let row = RuleRow {
            id: 1,
            default_no: Some(1),
            text: None,
            retired_on: None,
        };
        assert_eq!(row.in_lang(Lang::De).text, "Wir halten jedes Versprechen.");
        assert_eq!(row.in_lang(Lang::En).text, "We keep every promise.");
        assert!(row.in_lang(Lang::En).shipped);
        let own = RuleRow {
            text: Some("Versprochen ist versprochen.".into()),
            ..row
        };
        assert_eq!(own.in_lang(Lang::En).text, "Versprochen ist versprochen.");
        assert!(!own.in_lang(Lang::En).shipped);
        for n in 1..=10 {
            assert!(default_rule(n, Lang::De).is_some() && default_rule(n, Lang::En).is_some());
        }
        assert_eq!(default_rule(11, Lang::De), None);
    }
}
