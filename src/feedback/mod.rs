//! Suggestions and complaints as a process (DOMAIN.md §5): a piece of customer feedback is
//! taken (step 2), processed and answered within the team's deadlines (steps 3 and 4),
//! and its causes are counted so the team can see whether they go down once it acted
//! (steps 5 and 6). Step 1, stimulating feedback, is the printable cards.
//!
//! This module owns the vocabulary and the rules, without SQL: `process` the states and
//! what may follow what, `workdays` the team's deadlines in working days, `list` the
//! list's rows and the weekly meeting's step, `stats` the figures with their drill-down
//! (`key` names them),
//! `file`, `read` and `row` the CSV/JSON files, and `cards` the printable cards. The store keeps
//! items in `store/feedback.rs`; the chart is `chart/feedback.rs`, the report's section
//! `report/feedback.rs`.
//!
//! Privacy: no field holds a customer's name, address, phone or e-mail; the one free
//! "how we answer" note is short and cleared 90 days after the item is closed. Lists,
//! exports and figures never name who logged a linked contact, and nothing ranks people.

pub mod cards;
pub mod file;
mod key;
pub mod list;
mod process;
pub mod read;
mod row;
pub mod stats;
mod workdays;

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use uuid::Uuid;

use crate::domain::{code_enum, shorten, Code, DomainError, Lang};
use crate::error_code::ErrorCode;
use crate::text::{text, Text};

pub use process::{
    answer_note_cutoff, answer_note_expired, apply_edit, change_state, new_item,
    ANSWER_NOTE_KEPT_DAYS,
};
pub use workdays::{format_working_days, parse_working_days, FeedbackSettings, MAX_DEADLINE_DAYS};

/// The longest summary an item keeps, in characters.
pub const SUMMARY_MAX_CHARS: usize = 500;
/// The longest "how we answer" note, in characters: room for how, not for a life story.
pub const ANSWER_NOTE_MAX_CHARS: usize = 200;
/// The longest outcome, reason or remark of a step, in characters.
pub const STEP_NOTE_MAX_CHARS: usize = 1000;
/// The longest name of a cause, in characters.
pub const CAUSE_NAME_MAX_CHARS: usize = 60;

code_enum! {
    /// What the customer brought: a complaint or a suggestion.
    FeedbackKind, "feedback kind" {
        Complaint = 1, "complaint", "Beschwerde", "Complaint";
        Suggestion = 2, "suggestion", "Anregung", "Suggestion";
    }
}

code_enum! {
    /// Where an item stands in the process, in order.
    FeedbackState, "feedback state" {
        Received = 1, "received", "Eingegangen", "Received";
        InProgress = 2, "in-progress", "In Bearbeitung", "In progress";
        Informed = 3, "informed", "Kunde informiert", "Customer informed";
        Closed = 4, "closed", "Abgeschlossen", "Closed";
    }
}

code_enum! {
    /// A field an edit changed, as the item's history names it.
    FeedbackField, "feedback field" {
        Kind = 1, "kind", "Art", "Kind";
        Summary = 2, "summary", "Zusammenfassung", "Summary";
        Cause = 3, "cause", "Ursache", "Cause";
        Urgent = 4, "urgent", "Dringend", "Urgent";
        ReplyWanted = 5, "reply-wanted", "Antwort gewünscht", "Reply wanted";
        Contact = 6, "contact", "Kontakt", "Contact";
        AnswerNote = 7, "answer-note", "Wie wir antworten", "How we answer";
        ShareSummary = 8, "share-summary", "Für das Team markiert", "Marked for the team";
    }
}

/// Further spellings of the codes above, as people type them.
fn aliases_of(code: &str) -> &'static [&'static str] {
    match code {
        "complaint" => &["reklamation", "beschwerden"],
        "suggestion" => &["idee", "idea", "vorschlag", "anregungen"],
        "received" => &["new", "neu", "eingang"],
        "in-progress" => &["in progress", "bearbeitung", "processing"],
        "informed" => &[
            "customer-informed",
            "kunde-informiert",
            "answered",
            "beantwortet",
        ],
        "closed" => &["done", "erledigt", "abgeschlossen"],
        _ => &[],
    }
}

/// Everything that can be wrong with a piece of feedback, a cause or the team's
/// deadlines, before or while it is stored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FeedbackError {
    #[error("the summary is empty; say in a few words what the customer brought up")]
    SummaryMissing,
    #[error("the summary has {0} characters; at most 500 are kept")]
    SummaryTooLong(usize),
    #[error("the note on how we answer has {0} characters; at most 200 are kept (how to reach the customer, nothing more)")]
    AnswerNoteTooLong(usize),
    #[error("the note has {0} characters; at most 1000 are kept")]
    StepNoteTooLong(usize),
    #[error("closing needs an outcome: say what came of it (--note TEXT)")]
    OutcomeMissing,
    #[error("going back from '{from}' to '{to}' needs a reason (--note TEXT)")]
    ReasonMissing {
        from: FeedbackState,
        to: FeedbackState,
    },
    #[error("the item is already '{0}'")]
    AlreadyIn(FeedbackState),
    #[error("the customer wants an answer: mark the item 'informed' before closing it (or add it with --settled when it was settled on the spot)")]
    AnswerFirst,
    #[error("{0} lies in the future; record feedback when it has come in")]
    InFuture(String),
    #[error("{0} is before the item came in")]
    BeforeReceived(String),
    #[error("no feedback item '{0}'; see `murmelglas feedback list`")]
    UnknownItem(String),
    #[error("'{0}' is neither a feedback number (12 or #12) nor an item's id")]
    BadRef(String),
    #[error("no cause '{given}'; the team's causes are: {valid}")]
    UnknownCause { given: String, valid: String },
    #[error("the cause '{0}' is retired: items keep it, new ones cannot take it (`murmelglas feedback causes restore` brings it back)")]
    CauseRetired(String),
    #[error("there is already a cause named '{0}'")]
    CauseExists(String),
    #[error("a cause's name must be 1 to 60 characters on one line, not '{0}'")]
    BadCauseName(String),
    #[error("{what} must be a whole number of working days from 1 to 60, not '{value}'")]
    BadDays { what: &'static str, value: String },
    #[error("the team needs at least one working day")]
    NoWorkingDays,
    #[error("'{0}' is not a weekday; write mon, tue, … or Mo, Di, …")]
    BadWeekday(String),
    #[error("unknown figure '{0}'")]
    BadKey(String),
    #[error(transparent)]
    Domain(#[from] DomainError),
}

impl FeedbackError {
    /// A stable code for the window's translation table.
    pub fn code(&self) -> ErrorCode {
        match self {
            FeedbackError::SummaryMissing => ErrorCode::SummaryMissing,
            FeedbackError::SummaryTooLong(_) => ErrorCode::SummaryTooLong,
            FeedbackError::AnswerNoteTooLong(_) => ErrorCode::AnswerNoteTooLong,
            FeedbackError::StepNoteTooLong(_) => ErrorCode::StepNoteTooLong,
            FeedbackError::OutcomeMissing => ErrorCode::OutcomeMissing,
            FeedbackError::ReasonMissing { .. } => ErrorCode::ReasonMissing,
            FeedbackError::AlreadyIn(_) => ErrorCode::AlreadyIn,
            FeedbackError::AnswerFirst => ErrorCode::AnswerFirst,
            FeedbackError::InFuture(_) => ErrorCode::InFuture,
            FeedbackError::BeforeReceived(_) => ErrorCode::BeforeReceived,
            FeedbackError::UnknownItem(_) => ErrorCode::UnknownItem,
            FeedbackError::BadRef(_) => ErrorCode::BadRef,
            FeedbackError::UnknownCause { .. } => ErrorCode::UnknownCause,
            FeedbackError::CauseRetired(_) => ErrorCode::CauseRetired,
            FeedbackError::CauseExists(_) => ErrorCode::CauseExists,
            FeedbackError::BadCauseName(_) => ErrorCode::BadCauseName,
            FeedbackError::BadDays { .. } => ErrorCode::BadDays,
            FeedbackError::NoWorkingDays => ErrorCode::NoWorkingDays,
            FeedbackError::BadWeekday(_) => ErrorCode::BadWeekday,
            FeedbackError::BadKey(_) => ErrorCode::BadKey,
            FeedbackError::Domain(_) => ErrorCode::InvalidValue,
        }
    }
}

/// One piece of customer feedback and its way through the process.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackItem {
    pub id: Uuid,
    /// The short number people say ("#12"), unique in the team's database.
    pub number: u32,
    pub kind: FeedbackKind,
    pub summary: String,
    /// The code of its cause in the team's list.
    pub cause: Option<String>,
    /// Urgent items get their first answer within the team's shorter deadline.
    pub urgent: bool,
    /// The customer wants to hear what came of it.
    pub reply_wanted: bool,
    /// The contact it came up in, if it was logged.
    pub contact: Option<Uuid>,
    /// The member who took it; `None` when nobody is named.
    pub recorded_by: Option<String>,
    /// How we answer (a number to call back, "at the counter"): at most 200 characters,
    /// cleared 90 days after the item is closed.
    pub answer_note: Option<String>,
    /// The summary may be read out in the team's report (it names nobody).
    pub share_summary: bool,
    pub state: FeedbackState,
    /// What came of it; set when closed.
    pub outcome: Option<String>,
    /// When it came in, with the local UTC offset then.
    #[serde(with = "crate::datetime::rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub received_at: DateTime<FixedOffset>,
    /// When the customer was first told what came of it (or got it settled on the spot).
    #[serde(with = "optional_rfc3339", default)]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub answered_at: Option<DateTime<FixedOffset>>,
    #[serde(with = "optional_rfc3339", default)]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub closed_at: Option<DateTime<FixedOffset>>,
    /// Every step and edit as a dated line, oldest first; the first line is its arrival.
    pub history: Vec<FeedbackEvent>,
}

/// One dated line of an item's history: a step forward or back, or an edit.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackEvent {
    #[serde(with = "crate::datetime::rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub at: DateTime<FixedOffset>,
    /// The state before; `None` on the line of its arrival.
    pub from: Option<FeedbackState>,
    /// The state after; the same as `from` on an edit.
    pub to: FeedbackState,
    /// What an edit changed; empty on a step.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub edited: Vec<FeedbackField>,
    /// The outcome (closing), the reason (going back) or a remark.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl FeedbackEvent {
    /// Whether this line moved the item back to an earlier state.
    pub fn is_back(&self) -> bool {
        self.from.is_some_and(|from| self.to < from)
    }
}

/// What a person enters to record feedback (step 2: whoever receives it records it).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackDraft {
    pub kind: FeedbackKind,
    pub summary: String,
    /// A cause of the team's list, by code or name.
    #[serde(default)]
    pub cause: Option<String>,
    #[serde(default)]
    pub urgent: bool,
    #[serde(default)]
    pub reply_wanted: bool,
    #[serde(default)]
    pub contact: Option<Uuid>,
    /// Who took it; `None` leaves it unnamed.
    #[serde(default)]
    pub recorded_by: Option<String>,
    #[serde(default)]
    pub answer_note: Option<String>,
    #[serde(default)]
    pub share_summary: bool,
    /// When it came in; `None` is now.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub received_at: Option<DateTime<FixedOffset>>,
    /// Settled on the spot, with this outcome: the item is closed in one step.
    #[serde(default)]
    pub settled: Option<String>,
}

impl FeedbackDraft {
    /// A draft with nothing but kind and summary.
    pub fn new(kind: FeedbackKind, summary: impl Into<String>) -> Self {
        FeedbackDraft {
            kind,
            summary: summary.into(),
            cause: None,
            urgent: false,
            reply_wanted: false,
            contact: None,
            recorded_by: None,
            answer_note: None,
            share_summary: false,
            received_at: None,
            settled: None,
        }
    }
}

/// Changes to an item's fields; `None` leaves a field as it is (for the optional fields,
/// `Some(None)` clears it).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FeedbackEdit {
    pub kind: Option<FeedbackKind>,
    pub summary: Option<String>,
    pub cause: Option<Option<String>>,
    pub urgent: Option<bool>,
    pub reply_wanted: Option<bool>,
    pub contact: Option<Option<Uuid>>,
    pub answer_note: Option<Option<String>>,
    pub share_summary: Option<bool>,
}

/// How a person names an item: its number (`12`, `#12`) or its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeedbackRef {
    Number(u32),
    Id(Uuid),
}

impl FromStr for FeedbackRef {
    type Err = FeedbackError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let number = t.strip_prefix('#').unwrap_or(t);
        if let Ok(n) = number.parse::<u32>() {
            if n > 0 {
                return Ok(FeedbackRef::Number(n));
            }
        }
        Uuid::parse_str(t)
            .map(FeedbackRef::Id)
            .map_err(|_| FeedbackError::BadRef(shorten(s, 60)))
    }
}

impl fmt::Display for FeedbackRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FeedbackRef::Number(n) => write!(f, "#{n}"),
            FeedbackRef::Id(id) => write!(f, "{id}"),
        }
    }
}

/// One cause in the team's list. The defaults come with words in both languages; a cause
/// the team added or renamed carries its own name.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cause {
    /// Stable, what items, files and the CLI name it by (`waiting-time`).
    pub code: String,
    /// The team's own name; `None` for a default cause never renamed.
    pub name: Option<String>,
    /// Retired causes stay on their items but new items cannot take them.
    pub retired: bool,
}

impl Cause {
    /// The cause's name as people read it.
    pub fn label(&self, lang: Lang) -> String {
        match &self.name {
            Some(name) => name.clone(),
            None => default_cause_label(&self.code, lang)
                .map_or_else(|| self.code.clone(), str::to_string),
        }
    }

    /// Whether `given` names this cause: its code, its name or a default's word in
    /// either language, ignoring case.
    pub fn answers_to(&self, given: &str) -> bool {
        let wanted = given.trim().to_lowercase();
        self.code == wanted
            || self
                .name
                .as_deref()
                .is_some_and(|n| n.to_lowercase() == wanted)
            || [Lang::De, Lang::En].into_iter().any(|lang| {
                self.name.is_none()
                    && default_cause_label(&self.code, lang)
                        .is_some_and(|l| l.to_lowercase() == wanted)
            })
    }
}

/// The causes a new database starts with, by code: what typically spoils a contact or
/// brings a complaint, for the team to rename, retire or add to.
pub const DEFAULT_CAUSES: [(&str, Text); 9] = [
    ("waiting-time", Text::CauseWaitingTime),
    ("reachability", Text::CauseReachability),
    ("information", Text::CauseInformation),
    ("promise-kept", Text::CausePromiseKept),
    ("manner", Text::CauseManner),
    ("product", Text::CauseProduct),
    ("price", Text::CausePrice),
    ("process", Text::CauseProcess),
    ("other", Text::CauseOther),
];

/// The words of a default cause.
pub fn default_cause_label(code: &str, lang: Lang) -> Option<&'static str> {
    DEFAULT_CAUSES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, key)| text(*key, lang))
}

/// The cause `given` names in `causes` (by code or name), or which causes there are.
pub fn find_cause<'a>(causes: &'a [Cause], given: &str) -> Result<&'a Cause, FeedbackError> {
    causes
        .iter()
        .find(|c| c.answers_to(given))
        .ok_or_else(|| FeedbackError::UnknownCause {
            given: shorten(given, 60),
            valid: causes
                .iter()
                .filter(|c| !c.retired)
                .map(|c| format!("{} ({})", c.code, c.label(Lang::De)))
                .collect::<Vec<_>>()
                .join(", "),
        })
}

/// Checks a cause's name and trims it.
pub fn check_cause_name(name: &str) -> Result<String, FeedbackError> {
    let trimmed = name.trim();
    let chars = trimmed.chars().count();
    if chars == 0 || chars > CAUSE_NAME_MAX_CHARS || trimmed.contains(['\n', '\r', '\t']) {
        return Err(FeedbackError::BadCauseName(shorten(name, 60)));
    }
    crate::domain::check_control_characters(trimmed, "cause")?;
    Ok(trimmed.to_string())
}

/// A code for a new cause from its name: lower case letters and digits joined by `-`
/// (umlauts spelt out), unique among `taken`.
pub fn cause_code(name: &str, taken: &[Cause]) -> String {
    let mut base = String::new();
    for c in name.trim().to_lowercase().chars() {
        let spelt = match c {
            'ä' => "ae",
            'ö' => "oe",
            'ü' => "ue",
            'ß' => "ss",
            c if c.is_alphanumeric() && c.is_ascii() => {
                base.push(c);
                continue;
            }
            _ => "-",
        };
        base.push_str(spelt);
    }
    let base: Vec<&str> = base.split('-').filter(|p| !p.is_empty()).collect();
    let mut base = base.join("-");
    base.truncate(40);
    let base = base.trim_end_matches('-').to_string();
    let base = if base.is_empty() {
        "cause".to_string()
    } else {
        base
    };
    let free = |code: &str| taken.iter().all(|c| c.code != code);
    if free(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|code| free(code))
        .unwrap_or(base)
}

/// Checks and trims free text of `max` characters: empty means none.
pub(crate) fn check_text(
    value: Option<&str>,
    max: usize,
    field: &'static str,
    too_long: fn(usize) -> FeedbackError,
) -> Result<Option<String>, FeedbackError> {
    let Some(t) = value.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    crate::domain::check_control_characters(t, field)?;
    let chars = t.chars().count();
    if chars > max {
        return Err(too_long(chars));
    }
    Ok(Some(t.to_string()))
}

/// Serde for optional times, as RFC 3339 with a numeric offset like every time we write.
pub mod optional_rfc3339 {
    use chrono::{DateTime, FixedOffset};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(
        dt: &Option<DateTime<FixedOffset>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match dt {
            Some(dt) => s.serialize_str(&crate::datetime::format_rfc3339(dt)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|text| DateTime::parse_from_rfc3339(&text).map_err(serde::de::Error::custom))
            .transpose()
    }
}
