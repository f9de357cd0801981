//! One contact (a marble) and what a person enters to log it, with the checks every way
//! in shares: the story, the member's name, the NPS answer.

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset, Timelike};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{
    shorten, Channel, DomainError, Motive, Obstacle, Perspective, Phase, Purpose, Rating,
    NOTE_MAX_CHARS,
};

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
    /// What got in our way, on an 08/15 contact (always empty on a golden one).
    #[serde(default)]
    pub obstacles: BTreeSet<Obstacle>,
    /// The story, up to [`NOTE_MAX_CHARS`] characters.
    pub note: Option<String>,
    /// Whether the story may be discussed in the team review.
    pub share_in_review: bool,
    /// "Would you recommend us to a good friend?" 0–10, when the customer was asked.
    pub nps: Option<u8>,
    /// Where it was logged (the computer's place, "Filiale Markt"), when the team names
    /// its places.
    #[serde(default)]
    pub place: Option<String>,
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
            obstacles: BTreeSet::new(),
            note: None,
            share_in_review: false,
            nps: None,
            place: None,
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
    /// What got in our way; kept on an 08/15 contact only.
    #[serde(default)]
    pub obstacles: BTreeSet<Obstacle>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub share_in_review: bool,
    #[serde(default)]
    pub nps: Option<u8>,
    /// This computer's place, if it has one.
    #[serde(default)]
    pub place: Option<String>,
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
            obstacles: BTreeSet::new(),
            note: None,
            share_in_review: false,
            nps: None,
            place: None,
        }
    }

    /// Checks the draft and makes it a contact logged at `now`, with a new id.
    pub fn into_contact(self, now: DateTime<FixedOffset>) -> Result<Contact, DomainError> {
        // The store keeps whole seconds: what is returned is what is stored.
        let now = whole_seconds(now);
        let occurred_at = whole_seconds(self.occurred_at.unwrap_or(now));
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
        // What got in the way of a golden contact means nothing (like sharing a story
        // that does not exist): an edit that turns a contact golden drops it.
        if contact.rating == Rating::Ordinary {
            contact.obstacles = self.obstacles;
        }
        contact.note = check_note(self.note)?;
        // Sharing a story that does not exist means nothing.
        contact.share_in_review = self.share_in_review && contact.note.is_some();
        contact.nps = self.nps;
        contact.place = check_place(self.place.as_deref())?;
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

/// Checks and trims a place's name; an empty one means no place.
pub fn check_place(name: Option<&str>) -> Result<Option<String>, DomainError> {
    match name.map(str::trim) {
        None | Some("") => Ok(None),
        Some(trimmed) => {
            let chars = trimmed.chars().count();
            if chars > 80 || trimmed.contains(['\n', '\r', '\t']) {
                return Err(DomainError::BadPlaceName(shorten(trimmed, 80)));
            }
            check_control_characters(trimmed, "place")?;
            Ok(Some(trimmed.to_string()))
        }
    }
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

/// `t` without its fraction of a second, as the store keeps it.
pub fn whole_seconds(t: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    t.with_nanosecond(0).unwrap_or(t)
}

impl Contact {
    /// The contact as the store keeps it, or why it cannot be kept: times in whole seconds
    /// within 1970–9999, the member's name trimmed, a blank story as none (and nothing
    /// shared then), the NPS within 0–10, no control characters. Every way into the store
    /// goes through this, also a contact the window sends back (its Undo).
    pub fn checked(&self) -> Result<Contact, DomainError> {
        let mut c = self.clone();
        c.occurred_at = whole_seconds(c.occurred_at);
        c.logged_at = whole_seconds(c.logged_at);
        for t in [c.occurred_at, c.logged_at] {
            let local = t.naive_local().and_utc().timestamp();
            if !(0..=253_402_300_799).contains(&local) || t.timestamp() < 0 {
                return Err(DomainError::TimeOutOfRange(t.to_rfc3339()));
            }
            if t.offset().local_minus_utc().abs() > 18 * 3600 {
                return Err(DomainError::TimeOutOfRange(t.to_rfc3339()));
            }
        }
        c.member = match c.member.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(name) => Some(check_member_name(name)?),
        };
        c.note = check_note(c.note)?;
        c.share_in_review &= c.note.is_some();
        c.place = check_place(c.place.as_deref())?;
        if let Some(n) = c.nps.filter(|n| *n > 10) {
            return Err(DomainError::NpsOutOfRange(n.to_string()));
        }
        Ok(c)
    }
}
