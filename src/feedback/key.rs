//! The names of the figures: how long open items have been open ([`AgeBucket`]), and
//! which items a figure counts ([`FeedbackKey`]), as the text a click or `--drill` passes.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{FeedbackError, FeedbackKind};
use crate::domain::{shorten, Lang};
use crate::text::{fill, Text};

/// How long open items have been open, in working days.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum AgeBucket {
    #[serde(rename = "0-2")]
    UpTo2,
    #[serde(rename = "3-5")]
    From3To5,
    #[serde(rename = "6-10")]
    From6To10,
    #[serde(rename = "over-10")]
    Over10,
}

impl AgeBucket {
    pub const ALL: [AgeBucket; 4] = [
        AgeBucket::UpTo2,
        AgeBucket::From3To5,
        AgeBucket::From6To10,
        AgeBucket::Over10,
    ];

    pub fn of(working_days: u32) -> AgeBucket {
        match working_days {
            0..=2 => AgeBucket::UpTo2,
            3..=5 => AgeBucket::From3To5,
            6..=10 => AgeBucket::From6To10,
            _ => AgeBucket::Over10,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            AgeBucket::UpTo2 => "0-2",
            AgeBucket::From3To5 => "3-5",
            AgeBucket::From6To10 => "6-10",
            AgeBucket::Over10 => "over-10",
        }
    }

    /// "3–5 Arbeitstage", "über 10 Arbeitstage".
    pub fn label(self, lang: Lang) -> String {
        let range =
            |from: u32, to: u32| fill(Text::AgeRange, lang, &[("from", &from), ("to", &to)]);
        match self {
            AgeBucket::UpTo2 => range(0, 2),
            AgeBucket::From3To5 => range(3, 5),
            AgeBucket::From6To10 => range(6, 10),
            AgeBucket::Over10 => fill(Text::AgeOver, lang, &[("days", &10)]),
        }
    }
}

/// What a figure counts: the items a click or `--drill` lists. Written as
/// `received`, `kind:complaint`, `cause:waiting-time`, `cause:none`, `answered`,
/// `closed`, `open`, `overdue`, `age:3-5`, `week:2026-11-16`,
/// `week:2026-11-16:waiting-time`, `week:2026-11-16:none`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FeedbackKey {
    Received,
    Kind(FeedbackKind),
    Cause(Option<String>),
    Answered,
    Closed,
    Open,
    Overdue,
    Age(AgeBucket),
    /// The complaints of the week starting `from`, of one cause (`Some(None)`: without a
    /// cause) or of the trend's causes (`None`).
    Week {
        from: NaiveDate,
        cause: Option<Option<String>>,
    },
}

fn cause_text(cause: &Option<String>) -> &str {
    cause.as_deref().unwrap_or("none")
}

fn cause_from_text(text: &str) -> Option<String> {
    (text != "none").then(|| text.to_string())
}

impl fmt::Display for FeedbackKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FeedbackKey::Received => f.write_str("received"),
            FeedbackKey::Kind(k) => write!(f, "kind:{k}"),
            FeedbackKey::Cause(c) => write!(f, "cause:{}", cause_text(c)),
            FeedbackKey::Answered => f.write_str("answered"),
            FeedbackKey::Closed => f.write_str("closed"),
            FeedbackKey::Open => f.write_str("open"),
            FeedbackKey::Overdue => f.write_str("overdue"),
            FeedbackKey::Age(b) => write!(f, "age:{}", b.code()),
            FeedbackKey::Week { from, cause: None } => write!(f, "week:{from}"),
            FeedbackKey::Week {
                from,
                cause: Some(c),
            } => write!(f, "week:{from}:{}", cause_text(c)),
        }
    }
}

impl FromStr for FeedbackKey {
    type Err = FeedbackError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || FeedbackError::BadKey(shorten(s, 60));
        let t = s.trim();
        let (head, rest) = t.split_once(':').unwrap_or((t, ""));
        Ok(match (head, rest) {
            ("received", "") => FeedbackKey::Received,
            ("answered", "") => FeedbackKey::Answered,
            ("closed", "") => FeedbackKey::Closed,
            ("open", "") => FeedbackKey::Open,
            ("overdue", "") => FeedbackKey::Overdue,
            ("kind", k) => FeedbackKey::Kind(k.parse().map_err(|_| bad())?),
            ("cause", c) if !c.is_empty() => FeedbackKey::Cause(cause_from_text(c)),
            ("age", a) => FeedbackKey::Age(
                *AgeBucket::ALL
                    .iter()
                    .find(|b| b.code() == a)
                    .ok_or_else(bad)?,
            ),
            ("week", w) => {
                let (day, cause) = match w.split_once(':') {
                    Some((day, cause)) => (day, Some(cause_from_text(cause))),
                    None => (w, None),
                };
                let from = NaiveDate::parse_from_str(day, "%Y-%m-%d").map_err(|_| bad())?;
                if from.weekday() != chrono::Weekday::Mon {
                    return Err(bad());
                }
                FeedbackKey::Week { from, cause }
            }
            _ => return Err(bad()),
        })
    }
}

impl Serialize for FeedbackKey {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for FeedbackKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_through_their_text() {
        for text in [
            "received",
            "kind:complaint",
            "cause:waiting-time",
            "cause:none",
            "answered",
            "closed",
            "open",
            "overdue",
            "age:0-2",
            "age:over-10",
            "week:2026-11-16",
            "week:2026-11-16:price",
            "week:2026-11-16:none",
        ] {
            let key: FeedbackKey = text.parse().expect(text);
            assert_eq!(key.to_string(), text);
        }
        assert!(
            "week:2026-11-17".parse::<FeedbackKey>().is_err(),
            "not a Monday"
        );
        assert!("age:1-2".parse::<FeedbackKey>().is_err());
        assert!("cause:".parse::<FeedbackKey>().is_err());
    }
}
