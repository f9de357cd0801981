//! Which contacts a review reads, typed: a period, whose contacts, and narrowings that all
//! must hold. Each engine turns a [`Selection`] into its own query, so the review, its
//! breakdowns and its drill-down agree on every engine.

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::{Channel, Motive, Obstacle, Perspective, Phase, Purpose, Rating};

/// Whose contacts a review reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Everyone's: what fewer than three people did is withheld by the review.
    Team,
    /// One member's own figures (member id): they are theirs, nothing is withheld.
    Member(i64),
    /// The contacts logged on this computer, by their ids (a team that keeps no names
    /// still has "this computer's figures"); nothing is withheld.
    Contacts(ContactSet),
}

/// A set of contact ids that a review or a jar is narrowed to. The database never holds
/// it: the app keeps the ids of the contacts logged on its computer in a file of its own.
/// Cloning shares the ids.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactSet(Arc<BTreeSet<Uuid>>);

impl ContactSet {
    pub fn new(ids: impl IntoIterator<Item = Uuid>) -> ContactSet {
        ContactSet(Arc::new(ids.into_iter().collect()))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The ids, in order.
    pub fn iter(&self) -> impl Iterator<Item = &Uuid> {
        self.0.iter()
    }
}

impl Scope {
    /// Whether these are someone's own figures, shown in full.
    pub fn is_own(&self) -> bool {
        !matches!(self, Scope::Team)
    }
}

/// One condition a contact must meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Narrow {
    Rating(Rating),
    Channel(Channel),
    Phase(Phase),
    Purpose(Purpose),
    /// The motive is named.
    Motive(Motive),
    /// The perspective is named.
    Perspective(Perspective),
    /// The obstacle is named (on 08/15 contacts only).
    Obstacle(Obstacle),
    /// 0 = Monday … 6 = Sunday, of the contact's local day.
    Weekday(u8),
    /// 0–23, of the contact's local time.
    Hour(u8),
    /// The contact has a story.
    HasStory,
    /// Its author shared the story for the team review.
    SharedStory,
    /// Logged at this place (its id).
    Place(i64),
}

/// A period (local calendar days, inclusive), whose contacts, and what they must meet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub scope: Scope,
    pub narrow: Vec<Narrow>,
}

impl Selection {
    pub fn new(from: NaiveDate, to: NaiveDate, scope: Scope) -> Self {
        Selection {
            from,
            to,
            scope,
            narrow: Vec::new(),
        }
    }

    /// The same with one more condition.
    pub fn and(mut self, narrow: Narrow) -> Self {
        self.narrow.push(narrow);
        self
    }
}

/// What the review needs of one contact: enough for every figure, no names, no text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScanRow {
    /// Local wall-clock seconds since 1970 (as stored), so day, weekday and hour follow.
    pub local: i64,
    pub golden: bool,
    pub channel: Option<Channel>,
    pub phase: Option<Phase>,
    pub purpose: Option<Purpose>,
    /// Bit masks of the named motives and perspectives (bit = code's database id).
    pub motives: u8,
    pub perspectives: u8,
    /// Bit mask of what got in the way (08/15 contacts only).
    pub obstacles: u8,
    /// The member's id, or 0 for an anonymous contact: only ever compared, never shown.
    pub who: i64,
    pub nps: Option<u8>,
    pub has_story: bool,
    pub shared: bool,
    /// The place's id, or 0 where the contact names none.
    pub place: i64,
}

impl ScanRow {
    /// Days since 1970-01-01 of the local day.
    pub fn day(&self) -> i64 {
        self.local.div_euclid(86_400)
    }

    /// 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday).
    pub fn weekday(&self) -> usize {
        (self.day() + 3).rem_euclid(7) as usize
    }

    /// 0–23.
    pub fn hour(&self) -> usize {
        (self.local.rem_euclid(86_400) / 3_600) as usize
    }
}
