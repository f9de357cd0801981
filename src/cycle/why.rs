//! Why a measure was decided: the contacts of one channel, phase, purpose, motive or
//! perspective (their golden share tells whether it worked), or the complaints of one
//! feedback cause (their number per week tells it).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{CycleError, Focus};
use crate::domain::Lang;
use crate::feedback::stats::cause_label;
use crate::feedback::Cause;
use crate::text::{fill, Text};

/// What a measure is about. Written like a [`Focus`] (`channel:phone`), or `cause:CODE`
/// for the complaints of a cause, by the code `feedback_cause` keeps.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Why {
    Focus(Focus),
    Cause(String),
}

impl Why {
    /// The contacts it is about, if it is about contacts.
    pub fn focus(&self) -> Option<Focus> {
        match self {
            Why::Focus(f) => Some(*f),
            Why::Cause(_) => None,
        }
    }

    /// The cause whose complaints it is about, if it is about complaints.
    pub fn cause(&self) -> Option<&str> {
        match self {
            Why::Focus(_) => None,
            Why::Cause(code) => Some(code),
        }
    }

    /// "Kanal: Telefon", "Ursache: Wartezeit" — the cause by its name among `causes`.
    pub fn describe(&self, lang: Lang, causes: &[Cause]) -> String {
        match self {
            Why::Focus(f) => f.describe(lang),
            Why::Cause(code) => fill(
                Text::CauseIs,
                lang,
                &[("cause", &cause_label(causes, Some(code), lang))],
            ),
        }
    }
}

impl From<Focus> for Why {
    fn from(focus: Focus) -> Why {
        Why::Focus(focus)
    }
}

impl fmt::Display for Why {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Why::Focus(focus) => write!(f, "{focus}"),
            Why::Cause(code) => write!(f, "cause:{code}"),
        }
    }
}

impl FromStr for Why {
    type Err = CycleError;

    /// `cause:CODE` (or `ursache:CODE`), else anything a [`Focus`] is read from. Whether
    /// the cause is one of the team's is checked when the measure is kept.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if let Some((kind, code)) = s.trim().split_once(':') {
            if matches!(kind.trim().to_lowercase().as_str(), "cause" | "ursache") {
                let code = code.trim();
                if code.is_empty() {
                    return Err(CycleError::UnknownFocus(crate::domain::shorten(s, 60)));
                }
                return Ok(Why::Cause(code.to_string()));
            }
        }
        s.parse().map(Why::Focus)
    }
}

impl Serialize for Why {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Why {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Channel;

    #[test]
    fn a_why_is_a_focus_or_a_cause_and_reads_back_what_it_writes() {
        assert_eq!(
            "Telefon".parse::<Why>(),
            Ok(Why::Focus(Focus::Channel(Channel::Phone)))
        );
        assert_eq!(
            "cause:waiting-time".parse::<Why>(),
            Ok(Why::Cause("waiting-time".into()))
        );
        assert_eq!(
            "Ursache: price".parse::<Why>(),
            Ok(Why::Cause("price".into()))
        );
        assert!("cause:".parse::<Why>().is_err());
        assert!("fax".parse::<Why>().is_err());
        for why in [
            Why::Cause("waiting-time".into()),
            Why::Focus(Focus::Channel(Channel::Email)),
        ] {
            let json = serde_json::to_string(&why).expect("json");
            assert_eq!(serde_json::from_str::<Why>(&json).expect("back"), why);
        }
        // Minutes saved before causes could be a why still read.
        assert_eq!(
            serde_json::from_str::<Why>("\"channel:phone\"").expect("old"),
            Why::Focus(Focus::Channel(Channel::Phone))
        );
        let causes = [Cause {
            code: "waiting-time".into(),
            name: None,
            retired: false,
        }];
        assert_eq!(
            Why::Cause("waiting-time".into()).describe(Lang::De, &causes),
            "Ursache: Wartezeit"
        );
        assert_eq!(
            Why::Cause("waiting-time".into()).describe(Lang::En, &causes),
            "Cause: Waiting time"
        );
    }
}
