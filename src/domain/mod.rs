//! The vocabulary of the marble experiment: ratings, the tag families, a contact, a team
//! member and the team's settings. Codes are public interface (CLI, CSV, JSON, database):
//! they never change once released.

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The longest story a contact keeps, in characters.
pub const NOTE_MAX_CHARS: usize = 4000;

/// The two languages the product speaks; German first.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    De,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }
}

impl FromStr for Lang {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "de" | "deutsch" | "german" => Ok(Lang::De),
            "en" | "englisch" | "english" => Ok(Lang::En),
            _ => Err(DomainError::UnknownCode {
                kind: "language",
                given: shorten(s, 60),
                valid: "de, en".to_string(),
            }),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Problems with a single value, before any storage is involved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    #[error("unknown {kind} '{given}'; valid are: {valid}")]
    UnknownCode {
        kind: &'static str,
        given: String,
        valid: String,
    },
    #[error("NPS must be a whole number from 0 to 10, not '{0}'")]
    NpsOutOfRange(String),
    #[error("the story has {0} characters; at most 4000 are kept")]
    NoteTooLong(usize),
    #[error("a team member's name must be 1 to 80 characters, not '{0}'")]
    BadMemberName(String),
    #[error("target golden share must be a number from 0 to 1 (or a percentage), not '{0}'")]
    BadTarget(String),
    #[error("{0} lies in the future; log contacts after they happen")]
    InFuture(String),
    #[error("the team name may have at most 80 characters, not {0}")]
    TeamNameTooLong(usize),
    /// Text that would not survive every file format (a CSV reader refuses NUL) or that
    /// nobody types: refused alike from the window, the CLI, CSV and JSON.
    #[error("the {field} holds the control character {code} at character {position}; remove it")]
    ControlCharacter {
        field: &'static str,
        /// `U+0001`.
        code: String,
        /// 1-based, in characters.
        position: usize,
    },
    #[error("story retention must be a whole number of months from 1 to 120, or off, not '{0}'")]
    BadRetention(String),
    #[error("a place's name must be 1 to 80 characters on one line, not '{0}'")]
    BadPlaceName(String),
    #[error("{0} lies outside what the store keeps (1970 to 9999, UTC offsets up to ±18:00)")]
    TimeOutOfRange(String),
}

/// Common behaviour of every closed set of codes (rating, channel, tags, ...).
pub trait Code: Sized + Copy + 'static {
    /// The kind's name as used in messages ("channel", "motive").
    const KIND: &'static str;
    /// Every value, in display order.
    const ALL: &'static [Self];
    fn code(self) -> &'static str;
    fn label(self, lang: Lang) -> &'static str;
    /// The small integer stored in the database (see docs/schema.md).
    fn db_id(self) -> u8;

    fn from_db_id(id: i64) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|v| i64::from(v.db_id()) == id)
    }

    /// Accepts the code, the German or the English label, case-insensitively.
    fn parse(s: &str) -> Result<Self, DomainError> {
        let wanted = s.trim();
        // Codes first: that is what files and scripts carry, and it needs no allocation.
        if let Some(v) = Self::ALL
            .iter()
            .copied()
            .find(|v| v.code().eq_ignore_ascii_case(wanted))
        {
            return Ok(v);
        }
        let lower = wanted.to_lowercase();
        Self::ALL
            .iter()
            .copied()
            .find(|v| {
                v.label(Lang::De).to_lowercase() == lower
                    || v.label(Lang::En).to_lowercase() == lower
                    || v.aliases().iter().any(|a| *a == lower)
            })
            .ok_or_else(|| DomainError::UnknownCode {
                kind: Self::KIND,
                given: shorten(s, 60),
                valid: Self::ALL
                    .iter()
                    .map(|v| format!("{} ({})", v.code(), v.label(Lang::De)))
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }

    /// Further accepted spellings, besides code and labels.
    fn aliases(self) -> &'static [&'static str] {
        &[]
    }
}

/// Defines a code enum with its database id and labels, and serde as the code string.
macro_rules! code_enum {
    (
        $(#[$meta:meta])*
        $name:ident, $kind:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $id:literal, $code:literal, $de:literal, $en:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename_all = "kebab-case"))]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every value, in display order.
            pub const VALUES: &'static [$name] = &[ $( $name::$variant, )+ ];
        }

        impl Code for $name {
            const KIND: &'static str = $kind;
            const ALL: &'static [Self] = Self::VALUES;
            fn code(self) -> &'static str {
                match self { $( $name::$variant => $code, )+ }
            }
            fn label(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $( ($name::$variant, Lang::De) => $de, ($name::$variant, Lang::En) => $en, )+
                }
            }
            fn db_id(self) -> u8 {
                match self { $( $name::$variant => $id, )+ }
            }
            fn aliases(self) -> &'static [&'static str] {
                aliases_of(self.code())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.code())
            }
        }

        impl FromStr for $name {
            type Err = DomainError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                <$name as Code>::parse(s)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.code())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let s = String::deserialize(deserializer)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

/// For the code sets of other modules (the feedback process's kinds and states, the
/// improvement cycle's).
pub(crate) use code_enum;

/// Extra spellings people type or spreadsheets write.
pub(crate) fn aliases_of(code: &str) -> &'static [&'static str] {
    match code {
        "golden" => &["gold", "goldkontakt", "golden contact"],
        "ordinary" => &["0815", "08-15", "null-acht-fünfzehn"],
        "in-person" => &["persoenlich", "vor ort", "on site"],
        "email" => &["e-mail", "mail"],
        "social" => &["social-media", "social media"],
        // Labels of earlier versions, still in files they exported.
        "follow-up-purchase" => &["folgekauf"],
        "support" => &["unterstützung", "unterstuetzung"],
        "feedback" => &["anregungen & beschwerden", "anregungen und beschwerden"],
        "mood" => &["launen", "stimmung"],
        "pressure" => &["druck", "zu viel druck"],
        _ => &[],
    }
}

code_enum! {
    /// How the contact felt: the colour of the marble.
    Rating, "rating" {
        Golden = 1, "golden", "Gold", "Golden";
        Ordinary = 0, "ordinary", "08/15", "08/15";
    }
}

code_enum! {
    /// Where the contact happened.
    Channel, "channel" {
        InPerson = 1, "in-person", "Persönlich", "In person";
        Phone = 2, "phone", "Telefon", "Phone";
        Email = 3, "email", "E-Mail", "E-mail";
        Social = 4, "social", "Social Media", "Social media";
        Chat = 5, "chat", "Chat", "Chat";
        Video = 6, "video", "Video", "Video";
        Letter = 7, "letter", "Brief", "Letter";
    }
}

code_enum! {
    /// The six perspectives on quality in customer contact.
    Perspective, "perspective" {
        QualityUnderstanding = 0, "quality-understanding", "Qualitätsverständnis", "Quality understanding";
        BrandPromise = 1, "brand-promise", "Leistungsversprechen", "Brand promise";
        NeedsMotives = 2, "needs-motives", "Bedürfnisse & Motive", "Needs & motives";
        Expectations = 3, "expectations", "Spezifische Erwartungen", "Specific expectations";
        Megatrends = 4, "megatrends", "Megatrends", "Megatrends";
        Market = 5, "market", "Markt & Wettbewerb", "Market & competition";
    }
}

code_enum! {
    /// The six customer motives.
    Motive, "motive" {
        Individuality = 0, "individuality", "Individualität", "Individuality";
        Simplicity = 1, "simplicity", "Einfachheit", "Simplicity";
        Speed = 2, "speed", "Geschwindigkeit", "Speed";
        Recognition = 3, "recognition", "Anerkennung", "Recognition";
        Reliability = 4, "reliability", "Verlässlichkeit", "Reliability";
        AddedValue = 5, "added-value", "Mehrwert", "Added value";
    }
}

code_enum! {
    /// Where the customer stands in the relationship.
    Phase, "phase" {
        FirstContact = 1, "first-contact", "Erstkontakt", "First contact";
        FirstPurchase = 2, "first-purchase", "Erstkauf", "First purchase";
        FollowUpPurchase = 3, "follow-up-purchase", "Nachkauf", "Follow-up purchase";
        RepeatPurchase = 4, "repeat-purchase", "Wiederholungskauf", "Repeat purchase";
    }
}

code_enum! {
    /// What the contact was for: the tasks of customer communication.
    Purpose, "purpose" {
        Acquisition = 1, "acquisition", "Kundengewinnung", "Acquisition";
        Care = 2, "care", "Kundenpflege", "Customer care";
        Information = 3, "information", "Information", "Information";
        Advice = 4, "advice", "Beratung", "Advice";
        Support = 5, "support", "Betreuung", "Looking after customers";
        Feedback = 6, "feedback", "Anregungs- und Beschwerdemanagement", "Suggestions & complaints";
    }
}

code_enum! {
    /// What got in the way of an 08/15 contact on the team's side. The source names what
    /// spoils contacts as home-made: lack of time, moods, missing knowledge and too much
    /// pressure — things a team can change. Named on 08/15 contacts only.
    Obstacle, "obstacle" {
        LackOfTime = 0, "lack-of-time", "Zeitmangel", "Lack of time";
        Mood = 1, "mood", "Laune", "Mood";
        MissingKnowledge = 2, "missing-knowledge", "Fehlendes Wissen", "Missing knowledge";
        Pressure = 3, "pressure", "Zu großer Druck", "Too much pressure";
    }
}

impl Obstacle {
    /// What the obstacle means, for hints beside the chips.
    pub fn hint(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Obstacle::LackOfTime, Lang::De) => "Zu wenig Zeit für die Kundin oder den Kunden",
            (Obstacle::LackOfTime, Lang::En) => "Too little time for the customer",
            (Obstacle::Mood, Lang::De) => "Die eigene Stimmung oder die im Team",
            (Obstacle::Mood, Lang::En) => "One's own mood, or the team's",
            (Obstacle::MissingKnowledge, Lang::De) => "Eine Antwort oder Lösung nicht gewusst",
            (Obstacle::MissingKnowledge, Lang::En) => "Did not know an answer or a solution",
            (Obstacle::Pressure, Lang::De) => "Druck durch Vorgaben, Warteschlange oder Ziele",
            (Obstacle::Pressure, Lang::En) => "Pressure from rules, a queue or targets",
        }
    }
}

impl Motive {
    /// What the motive means, for hints beside the chips (from the domain brief).
    pub fn hint(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Motive::Individuality, Lang::De) => {
                "Als Person behandelt, nicht als Massenabfertigung"
            }
            (Motive::Individuality, Lang::En) => "Treated as a person, not mass processing",
            (Motive::Simplicity, Lang::De) => "Leicht erreichbar, das Anliegen einfach gelöst",
            (Motive::Simplicity, Lang::En) => "Easy to reach, easy to resolve",
            (Motive::Speed, Lang::De) => "Schnell bedient, ohne unnötiges Warten",
            (Motive::Speed, Lang::En) => "Served quickly, without needless waiting",
            (Motive::Recognition, Lang::De) => "Sich wertgeschätzt und besonders fühlen",
            (Motive::Recognition, Lang::En) => "Feeling valued and special",
            (Motive::Reliability, Lang::De) => "Versprechen gehalten, Aussagen verlässlich",
            (Motive::Reliability, Lang::En) => "Promises kept, statements dependable",
            (Motive::AddedValue, Lang::De) => "Etwas gespart oder mehr bekommen",
            (Motive::AddedValue, Lang::En) => "Saving something or getting more",
        }
    }
}

impl Perspective {
    /// What the perspective asks, for hints beside the chips (from the domain brief).
    pub fn hint(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Perspective::QualityUnderstanding, Lang::De) => {
                "Das Qualitätsverständnis der Organisation, ihr Leitbild"
            }
            (Perspective::QualityUnderstanding, Lang::En) => {
                "The organisation's own understanding of quality, its mission statement"
            }
            (Perspective::BrandPromise, Lang::De) => "Das Leistungsversprechen der Marke",
            (Perspective::BrandPromise, Lang::En) => "What the brand promises",
            (Perspective::NeedsMotives, Lang::De) => "Allgemeine Bedürfnisse und Motive der Kundschaft",
            (Perspective::NeedsMotives, Lang::En) => "General customer needs and motives",
            (Perspective::Expectations, Lang::De) => {
                "Spezifische Erwartungen an diesem Kontaktpunkt, aus Rückmeldungen bekannt"
            }
            (Perspective::Expectations, Lang::En) => {
                "Specific expectations at this touch point, known from feedback"
            }
            (Perspective::Megatrends, Lang::De) => {
                "Gesellschaftliche Megatrends: Digitalisierung, Nachhaltigkeit, Vielfalt, Silver Society, Konnektivität, Individualisierung"
            }
            (Perspective::Megatrends, Lang::En) => {
                "Societal megatrends: digitalisation, sustainability, diversity, the silver society, connectivity, individualisation"
            }
            (Perspective::Market, Lang::De) => "Markt & Wettbewerb: was andere bieten",
            (Perspective::Market, Lang::En) => "Market & competition: what others offer",
        }
    }
}

/// A set of tags stored as a bit mask: bit `db_id` is set when the tag is named.
pub fn tags_to_mask<T: Code + Ord>(tags: &BTreeSet<T>) -> i64 {
    tags.iter().fold(0, |mask, t| mask | (1 << t.db_id()))
}

/// The inverse of [`tags_to_mask`]; unknown bits are ignored (the schema forbids them).
pub fn tags_from_mask<T: Code + Ord>(mask: i64) -> BTreeSet<T> {
    T::ALL
        .iter()
        .copied()
        .filter(|t| mask & (1 << t.db_id()) != 0)
        .collect()
}

/// Parses `a|b|c` (codes or labels; empty parts ignored) into a tag set.
pub fn parse_tag_list<T: Code + Ord>(s: &str) -> Result<BTreeSet<T>, DomainError> {
    s.split(['|', ','])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(T::parse)
        .collect()
}

/// Joins a tag set with `|`, as codes or as labels in `lang`.
pub fn format_tag_list<T: Code + Ord>(tags: &BTreeSet<T>, lang: Option<Lang>) -> String {
    tags.iter()
        .map(|t| match lang {
            Some(l) => t.label(l),
            None => t.code(),
        })
        .collect::<Vec<_>>()
        .join("|")
}

/// `text` cut to at most `max` characters with an ellipsis, for echoing a user's value
/// in a message (a 10 MB cell must not become a 10 MB error line).
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

code_enum! {
    /// The first day of a week in the app's "this week" views.
    WeekStart, "week start" {
        Monday = 1, "monday", "Montag", "Monday";
        Sunday = 7, "sunday", "Sonntag", "Sunday";
        Saturday = 6, "saturday", "Samstag", "Saturday";
    }
}

mod contact;
mod settings;

pub use contact::*;
pub use settings::*;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_parse_from_code_and_both_labels_case_insensitively() {
        assert_eq!("phone".parse::<Channel>(), Ok(Channel::Phone));
        assert_eq!("TELEFON".parse::<Channel>(), Ok(Channel::Phone));
        assert_eq!("Geschwindigkeit".parse::<Motive>(), Ok(Motive::Speed));
        assert_eq!("08/15".parse::<Rating>(), Ok(Rating::Ordinary));
        assert_eq!("gold".parse::<Rating>(), Ok(Rating::Golden));
        assert_eq!(
            "markt & wettbewerb".parse::<Perspective>(),
            Ok(Perspective::Market)
        );
    }

    #[test]
    fn the_sources_words_and_the_old_labels_both_parse() {
        assert_eq!(Phase::FollowUpPurchase.label(Lang::De), "Nachkauf");
        assert_eq!(Purpose::Support.label(Lang::De), "Betreuung");
        assert_eq!(
            Purpose::Feedback.label(Lang::De),
            "Anregungs- und Beschwerdemanagement"
        );
        for (given, phase) in [
            ("Nachkauf", Phase::FollowUpPurchase),
            ("Folgekauf", Phase::FollowUpPurchase),
        ] {
            assert_eq!(given.parse::<Phase>(), Ok(phase), "{given}");
        }
        for given in ["Betreuung", "Unterstützung", "support"] {
            assert_eq!(given.parse::<Purpose>(), Ok(Purpose::Support), "{given}");
        }
        for given in [
            "Anregungs- und Beschwerdemanagement",
            "Anregungen & Beschwerden",
        ] {
            assert_eq!(given.parse::<Purpose>(), Ok(Purpose::Feedback), "{given}");
        }
    }

    #[test]
    fn unknown_code_lists_the_valid_ones() {
        let err = "fax".parse::<Channel>().unwrap_err().to_string();
        assert!(err.contains("unknown channel 'fax'"), "{err}");
        assert!(err.contains("phone (Telefon)"), "{err}");
        assert!(err.contains("letter (Brief)"), "{err}");
    }

    #[test]
    fn obstacles_parse_from_code_label_and_the_sources_plural() {
        assert_eq!("Zeitmangel".parse::<Obstacle>(), Ok(Obstacle::LackOfTime));
        assert_eq!("Launen".parse::<Obstacle>(), Ok(Obstacle::Mood));
        assert_eq!(
            "missing-knowledge".parse::<Obstacle>(),
            Ok(Obstacle::MissingKnowledge)
        );
        assert_eq!(
            "zu großer druck".parse::<Obstacle>(),
            Ok(Obstacle::Pressure)
        );
    }

    #[test]
    fn tag_masks_round_trip() {
        let tags: BTreeSet<Motive> = [Motive::Speed, Motive::AddedValue].into();
        let mask = tags_to_mask(&tags);
        assert_eq!(mask, 0b100100);
        assert_eq!(tags_from_mask::<Motive>(mask), tags);
    }

    #[test]
    fn target_share_accepts_fraction_and_percent() {
        assert_eq!(parse_target_share("0,6"), Ok(0.6));
        assert_eq!(parse_target_share("60 %"), Ok(0.6));
        assert!(parse_target_share("160").is_err());
        assert!(parse_target_share("viel").is_err());
    }

    #[test]
    fn nps_and_note_limits() {
        assert_eq!(parse_nps("10"), Ok(10));
        assert!(parse_nps("11").is_err());
        assert!(parse_nps("-1").is_err());
        assert_eq!(check_note(Some("  ".into())), Ok(None));
        assert!(check_note(Some("x".repeat(4001))).is_err());
        assert!(check_note(Some("ä".repeat(4000))).is_ok());
    }
}
