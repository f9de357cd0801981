//! The vocabulary of the marble experiment: ratings, the tag families, a contact, a team
//! member and the team's settings. Codes are public interface (CLI, CSV, JSON, database):
//! they never change once released.

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use uuid::Uuid;

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

/// Extra spellings people type or spreadsheets write.
fn aliases_of(code: &str) -> &'static [&'static str] {
    match code {
        "golden" => &["gold", "goldkontakt", "golden contact"],
        "ordinary" => &["0815", "08-15", "null-acht-fünfzehn"],
        "in-person" => &["persoenlich", "vor ort", "on site"],
        "email" => &["e-mail", "mail"],
        "social" => &["social-media", "social media"],
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
        FollowUpPurchase = 3, "follow-up-purchase", "Folgekauf", "Follow-up purchase";
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
        Support = 5, "support", "Unterstützung", "Support";
        Feedback = 6, "feedback", "Anregungen & Beschwerden", "Suggestions & complaints";
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

/// Parses an NPS answer (0–10).
pub fn parse_nps(s: &str) -> Result<u8, DomainError> {
    match s.trim().parse::<u8>() {
        Ok(n) if n <= 10 => Ok(n),
        _ => Err(DomainError::NpsOutOfRange(shorten(s, 20))),
    }
}

/// Refuses control characters other than tab and line breaks (`field` names the text).
pub fn check_control_characters(text: &str, field: &'static str) -> Result<(), DomainError> {
    match text
        .chars()
        .enumerate()
        .find(|(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        Some((i, c)) => Err(DomainError::ControlCharacter {
            field,
            code: format!("U+{:04X}", u32::from(c)),
            position: i + 1,
        }),
        None => Ok(()),
    }
}

/// Checks a story's length and characters; an empty story means "no story".
pub fn check_note(note: Option<String>) -> Result<Option<String>, DomainError> {
    match note {
        Some(n) if n.trim().is_empty() => Ok(None),
        Some(n) => {
            check_control_characters(&n, "story")?;
            let chars = n.chars().count();
            if chars > NOTE_MAX_CHARS {
                Err(DomainError::NoteTooLong(chars))
            } else {
                Ok(Some(n))
            }
        }
        None => Ok(None),
    }
}

/// One customer contact: one marble in the jar.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub id: Uuid,
    /// When the contact happened, with the local UTC offset at that moment.
    #[serde(with = "crate::datetime::rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub occurred_at: DateTime<FixedOffset>,
    /// When it was written down.
    #[serde(with = "crate::datetime::rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub logged_at: DateTime<FixedOffset>,
    /// Display name of the member who logged it; `None` is anonymous logging.
    pub member: Option<String>,
    pub rating: Rating,
    pub channel: Option<Channel>,
    pub phase: Option<Phase>,
    pub purpose: Option<Purpose>,
    pub motives: BTreeSet<Motive>,
    pub perspectives: BTreeSet<Perspective>,
    /// The story, up to [`NOTE_MAX_CHARS`] characters.
    pub note: Option<String>,
    /// Whether the story may be discussed in the team review.
    pub share_in_review: bool,
    /// "Would you recommend us?" 0–10, when the customer was asked.
    pub nps: Option<u8>,
}

impl Contact {
    /// A bare contact: just a rating, happening and logged at `at`. Its id carries the
    /// moment it was created, so the latest logged contact also has the greatest id.
    pub fn new(rating: Rating, at: DateTime<FixedOffset>) -> Self {
        Contact {
            id: Uuid::now_v7(),
            occurred_at: at,
            logged_at: at,
            member: None,
            rating,
            channel: None,
            phase: None,
            purpose: None,
            motives: BTreeSet::new(),
            perspectives: BTreeSet::new(),
            note: None,
            share_in_review: false,
            nps: None,
        }
    }
}

/// What a person enters when logging: everything but the rating is optional. The CLI and
/// the app both turn a draft into a [`Contact`] with [`ContactDraft::into_contact`].
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactDraft {
    pub rating: Rating,
    /// When it happened; `None` is now.
    #[serde(default)]
    pub occurred_at: Option<DateTime<FixedOffset>>,
    #[serde(default)]
    pub member: Option<String>,
    #[serde(default)]
    pub channel: Option<Channel>,
    #[serde(default)]
    pub phase: Option<Phase>,
    #[serde(default)]
    pub purpose: Option<Purpose>,
    #[serde(default)]
    pub motives: BTreeSet<Motive>,
    #[serde(default)]
    pub perspectives: BTreeSet<Perspective>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub share_in_review: bool,
    #[serde(default)]
    pub nps: Option<u8>,
}

impl ContactDraft {
    /// A bare rating.
    pub fn new(rating: Rating) -> Self {
        ContactDraft {
            rating,
            occurred_at: None,
            member: None,
            channel: None,
            phase: None,
            purpose: None,
            motives: BTreeSet::new(),
            perspectives: BTreeSet::new(),
            note: None,
            share_in_review: false,
            nps: None,
        }
    }

    /// Checks the draft and makes it a contact logged at `now`, with a new id.
    pub fn into_contact(self, now: DateTime<FixedOffset>) -> Result<Contact, DomainError> {
        let occurred_at = self.occurred_at.unwrap_or(now);
        if occurred_at > now {
            return Err(DomainError::InFuture(
                occurred_at.format("%d.%m.%Y %H:%M").to_string(),
            ));
        }
        if let Some(n) = self.nps.filter(|n| *n > 10) {
            return Err(DomainError::NpsOutOfRange(n.to_string()));
        }
        let member = match self.member.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(name) => Some(check_member_name(name)?),
        };
        let mut contact = Contact::new(self.rating, occurred_at);
        contact.logged_at = now;
        contact.member = member;
        contact.channel = self.channel;
        contact.phase = self.phase;
        contact.purpose = self.purpose;
        contact.motives = self.motives;
        contact.perspectives = self.perspectives;
        contact.note = check_note(self.note)?;
        // Sharing a story that does not exist means nothing.
        contact.share_in_review = self.share_in_review && contact.note.is_some();
        contact.nps = self.nps;
        Ok(contact)
    }
}

/// A person in the team. Deactivated members keep their history but leave the pickers.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub id: i64,
    pub name: String,
    pub active: bool,
}

/// Checks and trims a member's display name.
pub fn check_member_name(name: &str) -> Result<String, DomainError> {
    let trimmed = name.trim();
    let chars = trimmed.chars().count();
    if chars == 0 || chars > 80 || trimmed.contains(['\n', '\r', '\t']) {
        return Err(DomainError::BadMemberName(shorten(name, 80)));
    }
    check_control_characters(trimmed, "member name")?;
    Ok(trimmed.to_string())
}

code_enum! {
    /// The first day of a week in the app's "this week" views.
    WeekStart, "week start" {
        Monday = 1, "monday", "Montag", "Monday";
        Sunday = 7, "sunday", "Sonntag", "Sunday";
        Saturday = 6, "saturday", "Samstag", "Saturday";
    }
}

/// The team's settings, one set per database file.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub team_name: String,
    pub language: Lang,
    pub week_start: WeekStart,
    /// The share of golden contacts the team aims for, 0–1.
    pub target_golden_share: f64,
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
            target_golden_share: 0.5,
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
    fn unknown_code_lists_the_valid_ones() {
        let err = "fax".parse::<Channel>().unwrap_err().to_string();
        assert!(err.contains("unknown channel 'fax'"), "{err}");
        assert!(err.contains("phone (Telefon)"), "{err}");
        assert!(err.contains("letter (Brief)"), "{err}");
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
