//! What the team review looks at for one period and filter: figures by channel, phase,
//! purpose, weekday and hour (and weekday × hour), how often each motive and perspective
//! is named on golden and on 08/15 contacts, and the NPS spread. Read in one streaming
//! pass over the period's rows, never by loading them.
//!
//! Privacy: a cell built from fewer than [`MIN_CONTRIBUTORS`] different people is
//! suppressed (`null`, "too few to show"), so no cell is one person's figures. Anonymous
//! contacts cannot be told apart, so together they count as one person.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::analytics::Figures;
use crate::domain::{Channel, Code, Motive, Perspective, Phase, Purpose, Rating};
use crate::store::{day_number, Store, StoreError};

/// Fewest different people a shown cell may come from.
pub const MIN_CONTRIBUTORS: usize = 3;

/// Narrows the contacts a review looks at; `None` means any.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct ReviewFilter {
    pub channel: Option<Channel>,
    pub phase: Option<Phase>,
    pub purpose: Option<Purpose>,
    pub motive: Option<Motive>,
    pub perspective: Option<Perspective>,
    pub rating: Option<Rating>,
}

/// One bar or cell of a breakdown. `figures` is `None` when fewer than
/// [`MIN_CONTRIBUTORS`] people contributed to it (a cell without contacts is shown, with
/// total 0).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Cell {
    /// The code (`phone`), weekday (0 = Monday) or hour (`0`–`23`).
    pub key: String,
    pub figures: Option<Figures>,
}

/// How often a motive or perspective is named on golden and on 08/15 contacts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TagCell {
    pub key: String,
    /// `None` when fewer than [`MIN_CONTRIBUTORS`] people named it.
    pub counts: Option<TagCounts>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HeatCell {
    /// 0 = Monday … 6 = Sunday.
    pub weekday: u8,
    pub hour: u8,
    pub figures: Option<Figures>,
}

/// The 0–10 answers and the score (promoters 9–10 minus detractors 0–6, in points).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NpsSpread {
    /// How many contacts gave 0, 1, … 10.
    pub counts: Vec<u64>,
    pub responses: u64,
    pub score: f64,
}

/// Everything the review's breakdowns show for one period and filter.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    /// `None` when no contact has a score; counts `None`-like suppression as for cells.
    pub nps: Option<NpsSpread>,
    /// Contacts with a score but from fewer than [`MIN_CONTRIBUTORS`] people.
    pub nps_suppressed: bool,
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

/// Whose contacts a review reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope<'a> {
    /// Everyone's: cells from fewer than [`MIN_CONTRIBUTORS`] people are suppressed.
    Team,
    /// One member's own figures (member id): they are theirs, nothing is suppressed.
    Member(i64),
    /// The contacts in a set, e.g. those logged on one computer ("this computer's
    /// figures" when the team stores no names): like one's own, nothing is suppressed.
    Contacts(&'a ContactSet),
}

impl Scope<'_> {
    /// One's own figures (a member's, or a computer's), which show everything.
    pub fn is_own(self) -> bool {
        !matches!(self, Scope::Team)
    }
}

/// A set of contact ids that a review or a jar is narrowed to. The database never holds
/// it: the app keeps the ids of the contacts logged on its computer in a file of its own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactSet {
    /// The ids as a JSON array of hex strings: one SQL parameter, whatever the count,
    /// unpacked by SQLite's `json_each`.
    json: String,
    len: usize,
}

impl ContactSet {
    pub fn new(ids: impl IntoIterator<Item = Uuid>) -> ContactSet {
        let mut ids: Vec<Uuid> = ids.into_iter().collect();
        ids.sort_unstable();
        ids.dedup();
        let hex: Vec<String> = ids
            .iter()
            .map(|id| format!("\"{}\"", id.simple()))
            .collect();
        ContactSet {
            json: format!("[{}]", hex.join(",")),
            len: ids.len(),
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// A review's `WHERE` clause and its values, built once for every query that reads the
/// period's contacts (breakdowns, series, stories, drill-down), so they all agree.
#[derive(Debug, Clone, Default)]
pub(crate) struct Conditions {
    sql: Vec<String>,
    values: Vec<rusqlite::types::Value>,
}

impl Conditions {
    /// The period, the filter and the scope, on a `contact` aliased as `c`.
    pub(crate) fn review(
        from: NaiveDate,
        to: NaiveDate,
        filter: &ReviewFilter,
        scope: Scope<'_>,
    ) -> Self {
        let mut c = Conditions::default();
        c.push(
            "c.occurred_day BETWEEN ? AND ?",
            [day_number(from), day_number(to)],
        );
        if let Some(v) = filter.channel {
            c.push("c.channel = ?", [i64::from(v.db_id())]);
        }
        if let Some(v) = filter.phase {
            c.push("c.phase = ?", [i64::from(v.db_id())]);
        }
        if let Some(v) = filter.purpose {
            c.push("c.purpose = ?", [i64::from(v.db_id())]);
        }
        if let Some(v) = filter.motive {
            c.push("(c.motives & ?) != 0", [1i64 << v.db_id()]);
        }
        if let Some(v) = filter.perspective {
            c.push("(c.perspectives & ?) != 0", [1i64 << v.db_id()]);
        }
        if let Some(r) = filter.rating {
            c.push("c.golden = ?", [i64::from(r == Rating::Golden)]);
        }
        match scope {
            Scope::Team => {}
            Scope::Member(id) => c.push("c.member_id = ?", [id]),
            Scope::Contacts(set) => c.push_value(
                "c.id IN (SELECT unhex(value) FROM json_each(?))",
                rusqlite::types::Value::Text(set.json.clone()),
            ),
        }
        c
    }

    /// Adds one condition with its `?` values, in order.
    pub(crate) fn push<const N: usize>(&mut self, sql: &str, values: [i64; N]) {
        self.sql.push(sql.to_string());
        self.values
            .extend(values.into_iter().map(rusqlite::types::Value::Integer));
    }

    /// Adds one condition with a single `?` value of any type.
    pub(crate) fn push_value(&mut self, sql: &str, value: rusqlite::types::Value) {
        self.sql.push(sql.to_string());
        self.values.push(value);
    }

    /// Adds every condition of `other`.
    pub(crate) fn extend(&mut self, other: Conditions) {
        self.sql.extend(other.sql);
        self.values.extend(other.values);
    }

    pub(crate) fn where_sql(&self) -> String {
        if self.sql.is_empty() {
            "1".to_string()
        } else {
            self.sql.join(" AND ")
        }
    }

    pub(crate) fn values(&self) -> impl Iterator<Item = &rusqlite::types::Value> {
        self.values.iter()
    }
}

/// Breakdowns of the team's contacts between `from` and `to` (local dates, inclusive).
pub fn breakdowns(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
    filter: &ReviewFilter,
) -> Result<Breakdowns, StoreError> {
    breakdowns_in(store, from, to, filter, Scope::Team)
}

/// Breakdowns of the contacts between `from` and `to` that `scope` may see.
pub fn breakdowns_in(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
    filter: &ReviewFilter,
    scope: Scope<'_>,
) -> Result<Breakdowns, StoreError> {
    let mut all = Tally::default();
    // Indexed by the codes' database ids (channel 1–7, phase 1–4, purpose 1–6, tags 0–5).
    let mut channel = [Tally::default(); 8];
    let mut phase = [Tally::default(); 5];
    let mut purpose = [Tally::default(); 7];
    let mut weekday = [Tally::default(); 7];
    let mut hour = [Tally::default(); 24];
    let mut heat = [Tally::default(); 7 * 24];
    let mut motives = [Tally::default(); 6];
    let mut perspectives = [Tally::default(); 6];
    let mut nps_counts = [0u64; 11];
    let mut nps_people = Contributors::default();
    // One's own figures are theirs: everything counts as enough people.
    let own = scope.is_own();

    let conditions = Conditions::review(from, to, filter, scope);
    let conn = store.connection();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT c.occurred_local, c.golden, c.channel, c.phase, c.purpose, c.motives, \
                c.perspectives, coalesce(c.member_id, 0), c.nps \
         FROM contact c WHERE {}",
        conditions.where_sql()
    ))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(conditions.values()))?;
    while let Some(r) = rows.next()? {
        let local: i64 = r.get(0)?;
        let golden = r.get::<_, i64>(1)? == 1;
        let who: i64 = r.get(7)?;
        let who = if who > 0 { who } else { ANONYMOUS };
        all.add(golden, who);
        for (value, tallies) in [
            (r.get::<_, Option<i64>>(2)?, &mut channel[..]),
            (r.get::<_, Option<i64>>(3)?, &mut phase[..]),
            (r.get::<_, Option<i64>>(4)?, &mut purpose[..]),
        ] {
            if let Some(t) = value
                .and_then(|v| usize::try_from(v).ok())
                .and_then(|v| tallies.get_mut(v))
            {
                t.add(golden, who);
            }
        }
        // 1970-01-01 was a Thursday: day 0 is weekday 3 counted from Monday.
        let day = local.div_euclid(86_400);
        let wd = (day + 3).rem_euclid(7) as usize;
        let h = (local.rem_euclid(86_400) / 3_600) as usize;
        weekday[wd].add(golden, who);
        hour[h].add(golden, who);
        heat[wd * 24 + h].add(golden, who);
        for (mask, named) in [
            (r.get::<_, i64>(5)?, &mut motives),
            (r.get::<_, i64>(6)?, &mut perspectives),
        ] {
            for (b, tally) in named.iter_mut().enumerate() {
                if mask & (1 << b) != 0 {
                    tally.add(golden, who);
                }
            }
        }
        if let Some(score) = r.get::<_, Option<i64>>(8)? {
            if let Some(n) = usize::try_from(score)
                .ok()
                .and_then(|s| nps_counts.get_mut(s))
            {
                *n += 1;
                nps_people.add(who);
            }
        }
    }

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
    Ok(Breakdowns {
        from,
        to,
        figures: Figures::new(all.golden, all.total),
        by_channel: cells::<Channel>(&channel, own),
        by_phase: cells::<Phase>(&phase, own),
        by_purpose: cells::<Purpose>(&purpose, own),
        by_weekday: weekday
            .iter()
            .enumerate()
            .map(|(i, t)| Cell {
                key: i.to_string(),
                figures: t.shown(own),
            })
            .collect(),
        by_hour: hour
            .iter()
            .enumerate()
            .map(|(i, t)| Cell {
                key: i.to_string(),
                figures: t.shown(own),
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
        motives: tag_cells::<Motive>(&motives, golden_total, ordinary_total, own),
        perspectives: tag_cells::<Perspective>(&perspectives, golden_total, ordinary_total, own),
        nps,
        nps_suppressed: responses > 0 && !nps_shown,
    })
}
