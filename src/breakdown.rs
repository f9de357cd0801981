//! What the team review looks at for one period and filter: figures by channel, phase,
//! purpose, weekday and hour (and weekday × hour), how often each motive and perspective
//! is named on golden and on 08/15 contacts, what got in our way on 08/15 contacts, and
//! the NPS spread. Read in one streaming
//! pass over the period's rows, never by loading them.
//!
//! Privacy: a cell built from fewer than [`MIN_CONTRIBUTORS`] different people is
//! suppressed (`null`, "too few to show"), so no cell is one person's figures. Anonymous
//! contacts cannot be told apart, so together they count as one person.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::analytics::Figures;
use crate::domain::{Channel, Code, Motive, Obstacle, Perspective, Phase, Purpose, Rating};
use crate::store::{Narrow, ScanRow, Scope, Selection, Store, StoreError};

/// Fewest different people a shown cell may come from.
pub const MIN_CONTRIBUTORS: usize = 3;

/// Narrows the contacts a review looks at; `None` means any.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct ReviewFilter {
    pub channel: Option<Channel>,
    pub phase: Option<Phase>,
    pub purpose: Option<Purpose>,
    pub motive: Option<Motive>,
    pub perspective: Option<Perspective>,
    pub rating: Option<Rating>,
    /// Contacts logged at this place (its name).
    pub place: Option<String>,
    /// Contacts that name what got in our way (08/15 contacts only).
    pub obstacle: Option<Obstacle>,
}

/// One bar or cell of a breakdown. `figures` is `None` when fewer than
/// [`MIN_CONTRIBUTORS`] people contributed to it (a cell without contacts is shown, with
/// total 0).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Cell {
    /// The code (`phone`), weekday (0 = Monday) or hour (`0`–`23`).
    pub key: String,
    pub figures: Option<Figures>,
    /// The team's goal for this channel, phase or purpose in force at the period's end (a
    /// review fills it in); `None`: no goal of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
}

/// The figures of one place (a site or team the computers name). `figures` is `None`
/// when fewer than [`MIN_CONTRIBUTORS`] people contributed there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlaceCell {
    pub place: String,
    pub figures: Option<Figures>,
}

/// How often a motive or perspective is named on golden and on 08/15 contacts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TagCell {
    pub key: String,
    /// `None` when fewer than [`MIN_CONTRIBUTORS`] people named it.
    pub counts: Option<TagCounts>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TagCounts {
    /// Golden contacts that name it, and their share of all golden contacts.
    pub golden: u64,
    pub golden_share: Option<f64>,
    /// 08/15 contacts that name it, and their share of all 08/15 contacts.
    pub ordinary: u64,
    pub ordinary_share: Option<f64>,
}

/// One weekday × hour cell of the heat map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HeatCell {
    /// 0 = Monday … 6 = Sunday.
    pub weekday: u8,
    pub hour: u8,
    pub figures: Option<Figures>,
}

/// The 0–10 answers and the score (promoters 9–10 minus detractors 0–6, in points).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NpsSpread {
    /// How many contacts gave 0, 1, … 10.
    pub counts: Vec<u64>,
    pub responses: u64,
    pub score: f64,
}

/// Everything the review's breakdowns show for one period and filter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Breakdowns {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// All contacts that pass the filter; the team's total is never suppressed.
    pub figures: Figures,
    pub by_channel: Vec<Cell>,
    pub by_phase: Vec<Cell>,
    pub by_purpose: Vec<Cell>,
    /// Monday first.
    pub by_weekday: Vec<Cell>,
    pub by_hour: Vec<Cell>,
    /// Monday 0:00 first, 168 cells.
    pub heat: Vec<HeatCell>,
    pub motives: Vec<TagCell>,
    pub perspectives: Vec<TagCell>,
    /// What got in our way, named on 08/15 contacts only: `golden` is always 0 and
    /// `golden_share` `null`.
    pub obstacles: Vec<TagCell>,
    /// `None` when no contact has a score; counts `None`-like suppression as for cells.
    pub nps: Option<NpsSpread>,
    /// Contacts with a score but from fewer than [`MIN_CONTRIBUTORS`] people.
    pub nps_suppressed: bool,
    /// By the place they were logged at, by name; only places with contacts in the
    /// period (empty where the team names no places).
    pub by_place: Vec<PlaceCell>,
}

/// The first few different people seen, enough to know whether there were three.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Contributors {
    seen: [i64; MIN_CONTRIBUTORS],
    n: usize,
}

/// Stands for every anonymous contact (member ids are positive).
const ANONYMOUS: i64 = 0;

impl Contributors {
    pub(crate) fn add(&mut self, who: i64) {
        if self.n < MIN_CONTRIBUTORS && !self.seen[..self.n].contains(&who) {
            self.seen[self.n] = who;
            self.n += 1;
        }
    }

    pub(crate) fn enough(&self) -> bool {
        self.n >= MIN_CONTRIBUTORS
    }

    /// Adds everyone `other` has seen.
    pub(crate) fn merge(&mut self, other: &Contributors) {
        for &who in &other.seen[..other.n] {
            self.add(who);
        }
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    total: u64,
    golden: u64,
    people: Contributors,
}

impl Tally {
    fn add(&mut self, golden: bool, who: i64) {
        self.total += 1;
        self.golden += u64::from(golden);
        self.people.add(who);
    }

    /// The figures, or `None` when they would show fewer than three people's contacts.
    /// `own`: a member's own figures, which are never suppressed.
    fn shown(&self, own: bool) -> Option<Figures> {
        (self.total == 0 || own || self.people.enough())
            .then(|| Figures::new(self.golden, self.total))
    }
}

fn cells<T: Code>(tallies: &[Tally], own: bool) -> Vec<Cell> {
    T::ALL
        .iter()
        .map(|v| Cell {
            key: v.code().to_string(),
            figures: tallies[usize::from(v.db_id())].shown(own),
            target: None,
        })
        .collect()
}

fn tag_cells<T: Code>(
    named: &[Tally],
    golden_total: u64,
    ordinary_total: u64,
    own: bool,
) -> Vec<TagCell> {
    let share = |k: u64, n: u64| (n > 0).then(|| k as f64 / n as f64);
    T::ALL
        .iter()
        .map(|v| {
            let tally = &named[usize::from(v.db_id())];
            let ordinary = tally.total - tally.golden;
            TagCell {
                key: v.code().to_string(),
                counts: (tally.total == 0 || own || tally.people.enough()).then(|| TagCounts {
                    golden: tally.golden,
                    golden_share: share(tally.golden, golden_total),
                    ordinary,
                    ordinary_share: share(ordinary, ordinary_total),
                }),
            }
        })
        .collect()
}

impl ReviewFilter {
    /// The filter as conditions of a [`Selection`].
    pub fn narrowing(&self) -> Vec<Narrow> {
        let mut narrow = Vec::new();
        narrow.extend(self.channel.map(Narrow::Channel));
        narrow.extend(self.phase.map(Narrow::Phase));
        narrow.extend(self.purpose.map(Narrow::Purpose));
        narrow.extend(self.motive.map(Narrow::Motive));
        narrow.extend(self.perspective.map(Narrow::Perspective));
        narrow.extend(self.rating.map(Narrow::Rating));
        narrow.extend(self.obstacle.map(Narrow::Obstacle));
        narrow
    }

    /// The part of the contacts this filter narrows to, as a goal names it: `Some(None)`
    /// for no filter (all contacts), `Some(Some(focus))` for exactly one channel, phase,
    /// purpose, motive or perspective, and `None` for anything a goal cannot be about.
    pub fn focus(&self) -> Option<Option<crate::cycle::Focus>> {
        use crate::cycle::Focus;
        if self.rating.is_some() || self.obstacle.is_some() || self.place.is_some() {
            return None;
        }
        let named: Vec<Focus> = [
            self.channel.map(Focus::Channel),
            self.phase.map(Focus::Phase),
            self.purpose.map(Focus::Purpose),
            self.motive.map(Focus::Motive),
            self.perspective.map(Focus::Perspective),
        ]
        .into_iter()
        .flatten()
        .collect();
        match named.as_slice() {
            [] => Some(None),
            [one] => Some(Some(*one)),
            _ => None,
        }
    }

    /// The contacts of a period that pass this filter, as `scope` may see them; a place
    /// the store does not know selects nothing.
    pub fn selection(
        &self,
        store: &Store,
        from: NaiveDate,
        to: NaiveDate,
        scope: Scope,
    ) -> Result<Selection, StoreError> {
        let mut narrow = self.narrowing();
        if let Some(name) = self
            .place
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            let wanted = name.to_lowercase();
            let id = store
                .places()?
                .into_iter()
                .find(|(_, n)| n.to_lowercase() == wanted)
                .map_or(-1, |(id, _)| id);
            narrow.push(Narrow::Place(id));
        }
        Ok(Selection {
            from,
            to,
            scope,
            narrow,
        })
    }
}

/// Breakdowns of the team's contacts between `from` and `to` (local dates, inclusive).
pub fn breakdowns(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
    filter: &ReviewFilter,
) -> Result<Breakdowns, StoreError> {
    let mut tallies = Tallies::default();
    store.scan(
        &filter.selection(store, from, to, Scope::Team)?,
        &mut |row| tallies.add(row),
    )?;
    Ok(tallies.finish(from, to, false, &store.places()?))
}

/// Everything the breakdowns count, filled one row at a time (so the review reads the
/// period's rows once for all its figures).
#[derive(Debug, Clone)]
pub(crate) struct Tallies {
    all: Tally,
    // Indexed by the codes' database ids (channel 1–7, phase 1–4, purpose 1–6, tags 0–5).
    channel: [Tally; 8],
    phase: [Tally; 5],
    purpose: [Tally; 7],
    weekday: [Tally; 7],
    hour: [Tally; 24],
    heat: [Tally; 7 * 24],
    motives: [Tally; 6],
    perspectives: [Tally; 6],
    obstacles: [Tally; 4],
    nps_counts: [u64; 11],
    nps_people: Contributors,
    /// By place id (0: none named).
    place: std::collections::HashMap<i64, Tally>,
}

impl Default for Tallies {
    fn default() -> Self {
        Tallies {
            all: Tally::default(),
            channel: [Tally::default(); 8],
            phase: [Tally::default(); 5],
            purpose: [Tally::default(); 7],
            weekday: [Tally::default(); 7],
            hour: [Tally::default(); 24],
            heat: [Tally::default(); 7 * 24],
            motives: [Tally::default(); 6],
            perspectives: [Tally::default(); 6],
            obstacles: [Tally::default(); 4],
            nps_counts: [0; 11],
            nps_people: Contributors::default(),
            place: std::collections::HashMap::new(),
        }
    }
}

impl Tallies {
    pub(crate) fn add(&mut self, r: &ScanRow) {
        let golden = r.golden;
        let who = if r.who > 0 { r.who } else { ANONYMOUS };
        self.all.add(golden, who);
        for (value, tallies) in [
            (r.channel.map(Code::db_id), &mut self.channel[..]),
            (r.phase.map(Code::db_id), &mut self.phase[..]),
            (r.purpose.map(Code::db_id), &mut self.purpose[..]),
        ] {
            if let Some(t) = value.and_then(|v| tallies.get_mut(usize::from(v))) {
                t.add(golden, who);
            }
        }
        let (wd, h) = (r.weekday(), r.hour());
        self.weekday[wd].add(golden, who);
        self.hour[h].add(golden, who);
        self.heat[wd * 24 + h].add(golden, who);
        for (mask, named) in [
            (r.motives, &mut self.motives[..]),
            (r.perspectives, &mut self.perspectives[..]),
            (r.obstacles, &mut self.obstacles[..]),
        ] {
            for (b, tally) in named.iter_mut().enumerate() {
                if mask & (1 << b) != 0 {
                    tally.add(golden, who);
                }
            }
        }
        if let Some(n) = r.nps.and_then(|s| self.nps_counts.get_mut(usize::from(s))) {
            *n += 1;
            self.nps_people.add(who);
        }
        if r.place > 0 {
            self.place.entry(r.place).or_default().add(golden, who);
        }
    }

    /// The breakdowns of what was added; `own`: one's own figures, nothing suppressed.
    /// `places` names the place ids, in the order to show them.
    pub(crate) fn finish(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        own: bool,
        places: &[(i64, String)],
    ) -> Breakdowns {
        let Tallies {
            all,
            channel,
            phase,
            purpose,
            weekday,
            hour,
            heat,
            motives,
            perspectives,
            obstacles,
            nps_counts,
            nps_people,
            place,
        } = self;
        let nps_counts = *nps_counts;
        let golden_total = all.golden;
        let ordinary_total = all.total - all.golden;
        let responses: u64 = nps_counts.iter().sum();
        let nps_shown = responses > 0 && (own || nps_people.enough());
        let nps = nps_shown.then(|| {
            let promoters: u64 = nps_counts[9..].iter().sum();
            let detractors: u64 = nps_counts[..7].iter().sum();
            NpsSpread {
                counts: nps_counts.to_vec(),
                responses,
                score: (promoters as f64 - detractors as f64) / responses as f64 * 100.0,
            }
        });
        Breakdowns {
            from,
            to,
            figures: Figures::new(all.golden, all.total),
            by_channel: cells::<Channel>(channel, own),
            by_phase: cells::<Phase>(phase, own),
            by_purpose: cells::<Purpose>(purpose, own),
            by_weekday: weekday
                .iter()
                .enumerate()
                .map(|(i, t)| Cell {
                    key: i.to_string(),
                    figures: t.shown(own),
                    target: None,
                })
                .collect(),
            by_hour: hour
                .iter()
                .enumerate()
                .map(|(i, t)| Cell {
                    key: i.to_string(),
                    figures: t.shown(own),
                    target: None,
                })
                .collect(),
            heat: heat
                .iter()
                .enumerate()
                .map(|(i, t)| HeatCell {
                    weekday: (i / 24) as u8,
                    hour: (i % 24) as u8,
                    figures: t.shown(own),
                })
                .collect(),
            motives: tag_cells::<Motive>(motives, golden_total, ordinary_total, own),
            perspectives: tag_cells::<Perspective>(perspectives, golden_total, ordinary_total, own),
            // Named on 08/15 contacts only: a share of golden contacts would say nothing.
            obstacles: tag_cells::<Obstacle>(obstacles, golden_total, ordinary_total, own)
                .into_iter()
                .map(|mut cell| {
                    if let Some(c) = &mut cell.counts {
                        c.golden_share = None;
                    }
                    cell
                })
                .collect(),
            nps,
            nps_suppressed: responses > 0 && !nps_shown,
            by_place: places
                .iter()
                .filter_map(|(id, name)| {
                    place.get(id).map(|t| PlaceCell {
                        place: name.clone(),
                        figures: t.shown(own),
                    })
                })
                .collect(),
        }
    }
}
