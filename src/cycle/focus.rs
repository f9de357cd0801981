//! What a goal or a measure is about: one channel, phase, purpose, motive or perspective
//! — the contacts whose golden share tells whether it worked — or, without a focus, all of
//! the team's contacts.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::CycleError;
use crate::domain::{Channel, Code, Lang, Motive, Perspective, Phase, Purpose};
use crate::store::Narrow;

/// One value of one tag family. Written `channel:phone`; read from that, or from a bare
/// code or label of any family (`phone`, `Telefon`, `Geschwindigkeit`), since no two
/// families share a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Focus {
    Channel(Channel),
    Phase(Phase),
    Purpose(Purpose),
    Motive(Motive),
    Perspective(Perspective),
}

impl Focus {
    /// The family's name, as the `code` table's `kind` names it.
    pub fn kind(self) -> &'static str {
        match self {
            Focus::Channel(_) => Channel::KIND,
            Focus::Phase(_) => Phase::KIND,
            Focus::Purpose(_) => Purpose::KIND,
            Focus::Motive(_) => Motive::KIND,
            Focus::Perspective(_) => Perspective::KIND,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Focus::Channel(v) => v.code(),
            Focus::Phase(v) => v.code(),
            Focus::Purpose(v) => v.code(),
            Focus::Motive(v) => v.code(),
            Focus::Perspective(v) => v.code(),
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Focus::Channel(v) => v.label(lang),
            Focus::Phase(v) => v.label(lang),
            Focus::Purpose(v) => v.label(lang),
            Focus::Motive(v) => v.label(lang),
            Focus::Perspective(v) => v.label(lang),
        }
    }

    /// The small integer the database stores beside [`Focus::kind`].
    pub fn db_id(self) -> u8 {
        match self {
            Focus::Channel(v) => v.db_id(),
            Focus::Phase(v) => v.db_id(),
            Focus::Purpose(v) => v.db_id(),
            Focus::Motive(v) => v.db_id(),
            Focus::Perspective(v) => v.db_id(),
        }
    }

    /// The focus a row's kind and id name; `None` for one this version does not know.
    pub fn from_db(kind: &str, id: i64) -> Option<Focus> {
        match kind {
            "channel" => Channel::from_db_id(id).map(Focus::Channel),
            "phase" => Phase::from_db_id(id).map(Focus::Phase),
            "purpose" => Purpose::from_db_id(id).map(Focus::Purpose),
            "motive" => Motive::from_db_id(id).map(Focus::Motive),
            "perspective" => Perspective::from_db_id(id).map(Focus::Perspective),
            _ => None,
        }
    }

    /// The contacts it is about, as a review's condition.
    pub fn narrow(self) -> Narrow {
        match self {
            Focus::Channel(v) => Narrow::Channel(v),
            Focus::Phase(v) => Narrow::Phase(v),
            Focus::Purpose(v) => Narrow::Purpose(v),
            Focus::Motive(v) => Narrow::Motive(v),
            Focus::Perspective(v) => Narrow::Perspective(v),
        }
    }

    /// "Kanal: Telefon", for lists and minutes.
    pub fn describe(self, lang: Lang) -> String {
        let kind = match (self, lang) {
            (Focus::Channel(_), Lang::De) => "Kanal",
            (Focus::Channel(_), Lang::En) => "Channel",
            (Focus::Phase(_), Lang::De) => "Beziehungsphase",
            (Focus::Phase(_), Lang::En) => "Relationship phase",
            (Focus::Purpose(_), Lang::De) => "Zweck",
            (Focus::Purpose(_), Lang::En) => "Purpose",
            (Focus::Motive(_), Lang::De) => "Motiv",
            (Focus::Motive(_), Lang::En) => "Motive",
            (Focus::Perspective(_), Lang::De) => "Perspektive",
            (Focus::Perspective(_), Lang::En) => "Perspective",
        };
        format!("{kind}: {}", self.label(lang))
    }
}

impl fmt::Display for Focus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.kind(), self.code())
    }
}

impl FromStr for Focus {
    type Err = CycleError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let unknown = || CycleError::UnknownFocus(crate::domain::shorten(s, 60));
        if let Some((kind, code)) = s.trim().split_once(':') {
            let parsed = match kind.trim().to_lowercase().as_str() {
                "channel" | "kanal" => code.parse().map(Focus::Channel).ok(),
                "phase" => code.parse().map(Focus::Phase).ok(),
                "purpose" | "zweck" => code.parse().map(Focus::Purpose).ok(),
                "motive" | "motiv" => code.parse().map(Focus::Motive).ok(),
                "perspective" | "perspektive" => code.parse().map(Focus::Perspective).ok(),
                _ => None,
            };
            return parsed.ok_or_else(unknown);
        }
        let found: Vec<Focus> = [
            s.parse().ok().map(Focus::Channel),
            s.parse().ok().map(Focus::Phase),
            s.parse().ok().map(Focus::Purpose),
            s.parse().ok().map(Focus::Motive),
            s.parse().ok().map(Focus::Perspective),
        ]
        .into_iter()
        .flatten()
        .collect();
        match found.as_slice() {
            [one] => Ok(*one),
            [] => Err(unknown()),
            _ => Err(CycleError::AmbiguousFocus(crate::domain::shorten(s, 60))),
        }
    }
}

impl Serialize for Focus {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Focus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_focus_is_read_from_its_code_label_or_kind_and_code() {
        assert_eq!("phone".parse::<Focus>(), Ok(Focus::Channel(Channel::Phone)));
        assert_eq!(
            "Telefon".parse::<Focus>(),
            Ok(Focus::Channel(Channel::Phone))
        );
        assert_eq!(
            "channel:phone".parse::<Focus>(),
            Ok(Focus::Channel(Channel::Phone))
        );
        assert_eq!(
            "Nachkauf".parse::<Focus>(),
            Ok(Focus::Phase(Phase::FollowUpPurchase))
        );
        assert_eq!("speed".parse::<Focus>(), Ok(Focus::Motive(Motive::Speed)));
        assert_eq!(
            "market".parse::<Focus>(),
            Ok(Focus::Perspective(Perspective::Market))
        );
        assert_eq!(
            "advice".parse::<Focus>(),
            Ok(Focus::Purpose(Purpose::Advice))
        );
        assert!("fax".parse::<Focus>().is_err());
        assert!("channel:speed".parse::<Focus>().is_err());
        for focus in [
            Focus::Channel(Channel::Email),
            Focus::Perspective(Perspective::BrandPromise),
        ] {
            assert_eq!(focus.to_string().parse::<Focus>(), Ok(focus));
            assert_eq!(
                Focus::from_db(focus.kind(), i64::from(focus.db_id())),
                Some(focus)
            );
        }
    }
}
