//! The team's settings, one set per database, and how their values are read.

use serde::{Deserialize, Serialize};

use super::{shorten, Channel, DomainError, Lang, WeekStart};

/// The team's settings, one set per database file. (The single target golden share of
/// earlier versions is the team's first goal now: see [`crate::cycle::Goal`].)
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub team_name: String,
    pub language: Lang,
    pub week_start: WeekStart,
    /// The channel the log screen starts with on a computer that has not picked one.
    #[serde(default)]
    pub default_channel: Option<Channel>,
    /// The team's jar stays covered on the log screen until the review meeting, so
    /// nobody adjusts their own ratings to the group's; one's own jar stays visible.
    #[serde(default)]
    pub hide_team_jar: bool,
    /// Contacts store no member at all: "my figures" become this computer's figures.
    #[serde(default)]
    pub anonymous_only: bool,
    /// Stories older than this many months are deleted (off when `None`).
    #[serde(default)]
    pub story_retention_months: Option<u8>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            team_name: String::new(),
            language: Lang::De,
            week_start: WeekStart::Monday,
            default_channel: None,
            hide_team_jar: false,
            anonymous_only: false,
            story_retention_months: None,
        }
    }
}

/// Parses a story retention: a number of months from 1 to 120, or `off` (keep stories).
pub fn parse_retention_months(s: &str) -> Result<Option<u8>, DomainError> {
    match s.trim().to_lowercase().as_str() {
        "off" | "aus" | "none" | "keine" | "0" => Ok(None),
        t => match t.parse::<u8>() {
            Ok(n @ 1..=120) => Ok(Some(n)),
            _ => Err(DomainError::BadRetention(shorten(s, 40))),
        },
    }
}

/// Parses a target share as a fraction (`0.6`, `0,6`) or a percentage (`60`, `60 %`).
pub fn parse_target_share(s: &str) -> Result<f64, DomainError> {
    let cleaned = s.trim().trim_end_matches('%').trim().replace(',', ".");
    let value: f64 = cleaned
        .parse()
        .map_err(|_| DomainError::BadTarget(shorten(s, 20)))?;
    let fraction = if value > 1.0 { value / 100.0 } else { value };
    if !(0.0..=1.0).contains(&fraction) || fraction.is_nan() {
        return Err(DomainError::BadTarget(shorten(s, 20)));
    }
    Ok(fraction)
}
