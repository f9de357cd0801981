//! The clickable areas of a chart and what each stands for: a [`RegionKey`] names the
//! contacts behind a bar or cell, which `review::drill` lists.

use std::fmt;
use std::str::FromStr;

use chrono::{NaiveDate, Weekday};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::theme::BackendCoord;
use crate::analytics::Figures;
use crate::domain::{Channel, Code, Lang, Motive, Obstacle, Perspective, Phase, Purpose, Rating};
use crate::text::{fill, format, Text};

/// One clickable area of a chart: a bar, segment, point column, cell or jar with contacts.
/// Suppressed and empty cells have none.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Region {
    /// What the area stands for, machine readable: "days:2026-11-16:2026-11-22" (a period's
    /// days as drawn, so a week clipped by the range opens just those days),
    /// "days:2026-11-16:2026-11-22:golden",
    /// "motive:speed:golden", "motive:speed:ordinary", "perspective:market:golden", "heat:0:9" (weekday 0=Mon, hour),
    /// "channel:phone", "phase:first-contact", "purpose:advice", "weekday:0", "hour:9",
    /// "obstacle:mood".
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub key: RegionKey,
    /// Accessible text in the UI language, e.g. "KW 47: 12 Gold, 30 08/15 (29 %)".
    pub label: String,
    /// In SVG user units (pixels of `width`×`height`).
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Region {
    /// The rectangle between two opposite corners, in backend pixels.
    pub(super) fn between(
        key: RegionKey,
        label: String,
        a: BackendCoord,
        b: BackendCoord,
    ) -> Region {
        Region {
            key,
            label,
            x: f64::from(a.0.min(b.0)),
            y: f64::from(a.1.min(b.1)),
            width: f64::from((a.0 - b.0).abs()),
            height: f64::from((a.1 - b.1).abs()),
        }
    }
}

/// A region's contacts in words, "12 Gold, 30 08/15 (29 %)"; for figures with contacts.
pub(super) fn counts_label(f: &Figures, lang: Lang) -> String {
    let share = format::percent(f.golden_share.unwrap_or(0.0) * 100.0, lang);
    fill(
        Text::Counts,
        lang,
        &[
            ("golden", &f.golden),
            ("ordinary", &f.ordinary),
            ("share", &share),
        ],
    )
}

/// The contacts behind a bar, segment, cell or jar. It crosses to the window and back as
/// a string (`days:2026-11-16:2026-11-22:golden`, `channel:phone`, `heat:0:9`); this type
/// is the only place that writes or reads that spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RegionKey {
    /// A period's days as drawn (a week bar may reach before the period, a week clipped
    /// by the range opens just its days), all of them or one rating's part.
    Days {
        from: NaiveDate,
        to: NaiveDate,
        rating: Option<Rating>,
    },
    /// Every contact of one rating in the period.
    Rating(Rating),
    Channel(Channel),
    Phase(Phase),
    Purpose(Purpose),
    Weekday(Weekday),
    /// An hour of the day, 0–23.
    Hour(u8),
    /// One cell of the heat map: a weekday's hour (0–23).
    Heat {
        weekday: Weekday,
        hour: u8,
    },
    /// Golden contacts that name the motive (what made them golden), or 08/15 contacts
    /// that name it (what was missing).
    Motive(Motive, Rating),
    Perspective(Perspective, Rating),
    /// 08/15 contacts that name what got in our way.
    Obstacle(Obstacle),
}

/// A string that names no bar or cell.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown bar or cell '{0}'")]
pub struct RegionKeyError(pub String);

impl fmt::Display for RegionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            RegionKey::Days { from, to, rating } => {
                write!(f, "days:{from}:{to}")?;
                match rating {
                    Some(r) => write!(f, ":{r}"),
                    None => Ok(()),
                }
            }
            RegionKey::Rating(r) => write!(f, "rating:{r}"),
            RegionKey::Channel(c) => write!(f, "channel:{c}"),
            RegionKey::Phase(p) => write!(f, "phase:{p}"),
            RegionKey::Purpose(p) => write!(f, "purpose:{p}"),
            RegionKey::Weekday(d) => write!(f, "weekday:{}", d.num_days_from_monday()),
            RegionKey::Hour(h) => write!(f, "hour:{h}"),
            RegionKey::Heat { weekday, hour } => {
                write!(f, "heat:{}:{hour}", weekday.num_days_from_monday())
            }
            RegionKey::Motive(m, r) => write!(f, "motive:{m}:{r}"),
            RegionKey::Perspective(p, r) => write!(f, "perspective:{p}:{r}"),
            RegionKey::Obstacle(o) => write!(f, "obstacle:{o}"),
        }
    }
}

impl FromStr for RegionKey {
    type Err = RegionKeyError;

    /// Reads what [`Display`](fmt::Display) writes; codes may also be given as their
    /// German or English labels, as everywhere a code is read.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let unknown = || RegionKeyError(s.to_string());
        let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| unknown());
        let weekday = |d: &str| {
            small(d, 6)
                .and_then(|d| Weekday::try_from(d).ok())
                .ok_or_else(unknown)
        };
        let hour = |h: &str| small(h, 23).ok_or_else(unknown);
        let parts: Vec<&str> = s.split(':').collect();
        Ok(match parts.as_slice() {
            ["days", a, b, rest @ ..] if rest.len() <= 1 => {
                let (from, to) = (day(a)?, day(b)?);
                if from > to {
                    return Err(unknown());
                }
                let rating = rest.first().map(|r| code(r, s)).transpose()?;
                RegionKey::Days { from, to, rating }
            }
            ["rating", r] => RegionKey::Rating(code(r, s)?),
            ["channel", c] => RegionKey::Channel(code(c, s)?),
            ["phase", c] => RegionKey::Phase(code(c, s)?),
            ["purpose", c] => RegionKey::Purpose(code(c, s)?),
            ["weekday", d] => RegionKey::Weekday(weekday(d)?),
            ["hour", h] => RegionKey::Hour(hour(h)?),
            ["heat", d, h] => RegionKey::Heat {
                weekday: weekday(d)?,
                hour: hour(h)?,
            },
            ["motive", c, r] => RegionKey::Motive(code(c, s)?, code(r, s)?),
            ["perspective", c, r] => RegionKey::Perspective(code(c, s)?, code(r, s)?),
            ["obstacle", c] => RegionKey::Obstacle(code(c, s)?),
            _ => return Err(unknown()),
        })
    }
}

/// The value of a code (or label) within `key`; refuses the whole key otherwise.
fn code<T: Code>(c: &str, key: &str) -> Result<T, RegionKeyError> {
    T::parse(c).map_err(|_| RegionKeyError(key.to_string()))
}

/// A whole number from 0 to `max`, written in decimal.
fn small(s: &str, max: u8) -> Option<u8> {
    s.parse::<i64>()
        .ok()
        .and_then(|v| u8::try_from(v).ok())
        .filter(|v| *v <= max)
}

impl Serialize for RegionKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for RegionKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).expect("date")
    }

    #[test]
    fn every_kind_of_key_is_written_and_read_back() {
        let keys = [
            (
                RegionKey::Days {
                    from: day(16),
                    to: day(22),
                    rating: None,
                },
                "days:2026-11-16:2026-11-22",
            ),
            (
                RegionKey::Days {
                    from: day(16),
                    to: day(16),
                    rating: Some(Rating::Golden),
                },
                "days:2026-11-16:2026-11-16:golden",
            ),
            (RegionKey::Rating(Rating::Ordinary), "rating:ordinary"),
            (RegionKey::Channel(Channel::Phone), "channel:phone"),
            (RegionKey::Phase(Phase::FirstContact), "phase:first-contact"),
            (RegionKey::Purpose(Purpose::Advice), "purpose:advice"),
            (RegionKey::Weekday(Weekday::Mon), "weekday:0"),
            (RegionKey::Hour(9), "hour:9"),
            (
                RegionKey::Heat {
                    weekday: Weekday::Sun,
                    hour: 23,
                },
                "heat:6:23",
            ),
            (
                RegionKey::Motive(Motive::Speed, Rating::Golden),
                "motive:speed:golden",
            ),
            (
                RegionKey::Perspective(Perspective::Market, Rating::Ordinary),
                "perspective:market:ordinary",
            ),
            (
                RegionKey::Obstacle(Obstacle::LackOfTime),
                "obstacle:lack-of-time",
            ),
        ];
        for (key, written) in keys {
            assert_eq!(key.to_string(), written);
            assert_eq!(written.parse::<RegionKey>(), Ok(key), "{written}");
            let json = serde_json::to_string(&key).expect("json");
            assert_eq!(json, format!("\"{written}\""));
            assert_eq!(serde_json::from_str::<RegionKey>(&json).expect("back"), key);
        }
    }

    #[test]
    fn labels_are_read_as_their_codes() {
        assert_eq!(
            "channel:Telefon".parse(),
            Ok(RegionKey::Channel(Channel::Phone))
        );
        assert_eq!("rating:Gold".parse(), Ok(RegionKey::Rating(Rating::Golden)));
    }

    #[test]
    fn what_names_no_bar_or_cell_is_refused_as_given() {
        for bad in [
            "",
            "nonsense",
            "channel:fax",
            "channel:phone:golden",
            "heat:7:9",
            "heat:0:24",
            "hour:24",
            "hour:-1",
            "weekday:x",
            "motive:speed",
            "motive:speed:shiny",
            "obstacle:boredom",
            "obstacle:mood:ordinary",
            "period:2026-W47",
            "days:2026-11-22:2026-11-16",
            "days:2026-11-16",
            "days:2026-11-16:2026-11-22:golden:extra",
            "days:2026-11-16:2026-02-30",
        ] {
            assert_eq!(
                bad.parse::<RegionKey>(),
                Err(RegionKeyError(bad.to_string())),
                "{bad}"
            );
        }
        assert!(serde_json::from_str::<RegionKey>("\"hour:24\"").is_err());
    }
}
