//! The desktop app's commands, driven the way the window drives them: each argument
//! deserialized with serde from a JSON object keyed by its camelCase name, then the same
//! core call the command in `src-tauri/src/*.rs` makes, on an in-memory store.
//!
//! An input is a JSON array of calls, `[{"cmd": "log_contact", "args": {"draft": …}}, …]`
//! (or, in the fuzz target, bytes that `structured` turns into such calls), run in order
//! on one store, so a call meets what earlier calls wrote. After every call:
//! nothing panicked; the day counts and the story index agree with the contacts; a call
//! that was refused, or that only reads, left the store exactly as it was; a call that
//! wrote did what it says (what it returns is what the store reads back).
//!
//! `FUZZ_SKIP_REPORTED=1` (long runs only; scripts/fuzz.sh never sets it) steps around the
//! defects already reported in fuzz/README.md, so that a run goes on looking for others:
//! it compares returned and stored contacts to the second and members ignoring case, and
//! leaves out review, drill and report queries within a year of chrono's date limits.
//!
//! Not covered, because their argument types live only in `src-tauri`: `jar`'s `period`
//! (`JarPeriod`), `export_file`'s `kind` (`ExportKind`), `save_chart_png`'s `chart`
//! (`ChartId`), `save_prefs` (`Prefs`) and `desktop_ready` (`DesktopTexts`). The core calls
//! behind the first three are made for every value those types can take.

use chrono::{DateTime, Days, FixedOffset, NaiveDate, Timelike};
use murmelglas::chart::{CellKind, Chart};
use murmelglas::domain::ContactDraft;
use murmelglas::export::{write_contacts, Format};
use murmelglas::review::{self, Review, ReviewError, ReviewQuery, DRILL_MAX, STORIES_MAX};
use murmelglas::store::{
    ContactFilter, HistoryCursor, HistoryQuery, Store, StoreError, HISTORY_PAGE_MAX,
};
use murmelglas::{analytics, report, Contact, Lang, Settings};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;
use uuid::Uuid;

use super::import_check::{prefilled_store, Snapshot};

/// Calls per input; longer sequences find little more and slow every run down.
pub const MAX_CALLS: usize = 12;

/// The clock of every session: `datetime::now()` in the commands, fixed here so that a
/// crash replays.
pub const NOW: &str = "2026-11-27T15:30:00+01:00";

/// One input as raw JSON: an array of calls. Anything else is not a call the window makes.
pub fn run_bytes(data: &[u8]) {
    if let Some(calls) = parse_calls(data) {
        run_calls(calls);
    }
}

/// The calls of a JSON array of `{"cmd": …, "args": …}`; `None` when `data` is no array.
pub fn parse_calls(data: &[u8]) -> Option<Vec<(String, Value)>> {
    let Ok(Value::Array(calls)) = serde_json::from_slice::<Value>(data) else {
        return None;
    };
    let calls = calls
        .into_iter()
        .filter_map(|call| {
            let Value::Object(mut call) = call else {
                return None;
            };
            match (call.remove("cmd"), call.remove("args")) {
                (Some(Value::String(cmd)), Some(args)) => Some((cmd, args)),
                _ => None,
            }
        })
        .collect();
    Some(calls)
}

/// Runs the first [`MAX_CALLS`] calls in order on one new prefilled store.
pub fn run_calls(calls: Vec<(String, Value)>) {
    let mut session = Session::new();
    for (cmd, args) in calls.into_iter().take(MAX_CALLS) {
        session.call(&cmd, args);
    }
}

// The arguments of each command, named as Tauri names them (camelCase of the Rust names).

#[derive(Deserialize)]
struct LogContact {
    draft: ContactDraft,
}

#[derive(Deserialize)]
struct AmendContact {
    id: String,
    draft: ContactDraft,
}

/// `undo_contact`, `delete_contact`.
#[derive(Deserialize)]
struct ById {
    id: String,
}

#[derive(Deserialize)]
struct History {
    query: HistoryQuery,
    after: Option<HistoryCursor>,
    limit: u32,
}

#[derive(Deserialize)]
struct HistoryCount {
    query: HistoryQuery,
}

#[derive(Deserialize)]
struct RestoreContact {
    contact: Contact,
}

/// `jar` without its `period` (a `JarPeriod`, defined in `src-tauri`).
#[derive(Deserialize)]
struct Jar {
    member: Option<String>,
}

#[derive(Deserialize)]
struct SaveSettings {
    settings: Settings,
}

/// `add_member`.
#[derive(Deserialize)]
struct ByName {
    name: String,
}

#[derive(Deserialize)]
struct RenameMember {
    old: String,
    new: String,
}

#[derive(Deserialize)]
struct SetMemberActive {
    name: String,
    active: bool,
}

#[derive(Deserialize)]
struct ReviewArgs {
    query: ReviewQuery,
    lang: Lang,
}

#[derive(Deserialize)]
struct Drill {
    query: ReviewQuery,
    key: String,
}

/// `save_report`, and `save_chart_png` without its `chart` (a `ChartId`, defined in
/// `src-tauri`). The title only names the save dialog.
#[derive(Deserialize)]
struct SaveReview {
    query: ReviewQuery,
    lang: Lang,
    #[allow(dead_code)]
    title: String,
}

/// `export_file` without its `kind` (an `ExportKind`, defined in `src-tauri`).
#[derive(Deserialize)]
struct ExportFile {
    #[allow(dead_code)]
    title: String,
}

/// Whether to step around the defects already reported (see the module docs).
fn skip_reported() -> bool {
    static SKIP: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *SKIP.get_or_init(|| std::env::var_os("FUZZ_SKIP_REPORTED").is_some_and(|v| v == "1"))
}

/// Reported: the review's period arithmetic panics within days of chrono's first and last
/// dates (fuzz/README.md).
fn near_date_limits(query: &ReviewQuery) -> bool {
    let margin = Days::new(366);
    let low = NaiveDate::MIN.checked_add_days(margin);
    let high = NaiveDate::MAX.checked_sub_days(margin);
    [query.from, query.to]
        .iter()
        .any(|d| low.is_some_and(|l| *d < l) || high.is_some_and(|h| *d > h))
}

/// Reported: a time's fraction of a second and a member's spelling are returned as given
/// but stored as whole seconds and as the member's stored name (fuzz/README.md).
fn same_but_reported(returned: &Contact, stored: &Contact) -> bool {
    let whole = |c: &Contact| {
        let mut c = c.clone();
        c.occurred_at = c.occurred_at.with_nanosecond(0).unwrap_or(c.occurred_at);
        c.logged_at = c.logged_at.with_nanosecond(0).unwrap_or(c.logged_at);
        c.member = c.member.map(|m| m.trim().to_lowercase());
        c
    };
    whole(returned) == whole(stored)
}

/// What a call did to the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Effect {
    /// It only read, or it was refused: the store must be exactly as before.
    Unchanged,
    /// It wrote; the command's own checks said what.
    Wrote,
}

/// Tauri hands a command its arguments from a JSON object; a payload that is not one, or
/// lacks an argument, or has one of the wrong shape, never reaches the command.
fn args<T: DeserializeOwned>(value: &Value) -> Option<T> {
    if !value.is_object() {
        return None;
    }
    serde_json::from_value(value.clone()).ok()
}

pub struct Session {
    store: Store,
    now: DateTime<FixedOffset>,
    today: NaiveDate,
}

impl Default for Session {
    fn default() -> Self {
        Session::new()
    }
}

impl Session {
    pub fn new() -> Session {
        let now = DateTime::parse_from_rfc3339(NOW).expect("a valid time");
        Session {
            store: prefilled_store(),
            now,
            today: now.date_naive(),
        }
    }

    /// Runs one command by its name, as the window invokes it, and checks the store.
    pub fn call(&mut self, cmd: &str, value: Value) {
        let before = Snapshot::take(&self.store);
        let effect = self.dispatch(cmd, &value, &before);
        let after = Snapshot::take(&self.store);
        after.assert_consistent();
        if effect == Effect::Unchanged {
            assert!(
                after == before,
                "{cmd} {value} was refused or only read, but the store changed"
            );
        }
    }

    fn dispatch(&mut self, cmd: &str, value: &Value, before: &Snapshot) -> Effect {
        let count = before.contacts.len();
        match cmd {
            "bootstrap" => {
                self.store.get_settings().expect("bootstrap: settings");
                let active = self.store.list_members(false).expect("bootstrap: members");
                assert!(
                    active.iter().all(|m| m.active),
                    "an inactive member is offered"
                );
                Effect::Unchanged
            }
            "log_contact" => {
                let Some(a) = args::<LogContact>(value) else {
                    return Effect::Unchanged;
                };
                match self.store.log_contact(a.draft, self.now) {
                    Ok(contact) => {
                        self.assert_stored(cmd, &contact);
                        self.assert_count(cmd, count + 1);
                        Effect::Wrote
                    }
                    Err(_) => Effect::Unchanged,
                }
            }
            "amend_contact" => {
                let Some(a) = args::<AmendContact>(value) else {
                    return Effect::Unchanged;
                };
                let Ok(id) = Uuid::parse_str(&a.id) else {
                    return Effect::Unchanged;
                };
                match self.store.amend_contact(id, a.draft, self.now) {
                    Ok(contact) => {
                        assert_eq!(contact.id, id, "amend_contact changed the id");
                        self.assert_stored(cmd, &contact);
                        self.assert_count(cmd, count);
                        Effect::Wrote
                    }
                    Err(_) => Effect::Unchanged,
                }
            }
            "undo_contact" | "delete_contact" => {
                let Some(a) = args::<ById>(value) else {
                    return Effect::Unchanged;
                };
                let Ok(id) = Uuid::parse_str(&a.id) else {
                    return Effect::Unchanged;
                };
                match self.store.delete_contact(id) {
                    Ok(contact) => {
                        assert!(
                            before.contacts.contains(&contact),
                            "{cmd} returned a contact other than the one stored: {contact:?}"
                        );
                        let gone = self.store.get_contact(id).expect("read after delete");
                        assert_eq!(gone, None, "{cmd} left the contact in place");
                        self.assert_count(cmd, count - 1);
                        Effect::Wrote
                    }
                    Err(_) => Effect::Unchanged,
                }
            }
            "restore_contact" => {
                let Some(a) = args::<RestoreContact>(value) else {
                    return Effect::Unchanged;
                };
                let existed = before.contacts.iter().any(|c| c.id == a.contact.id);
                match self.store.put_contact(&a.contact) {
                    Ok(stored) => {
                        self.assert_stored(cmd, &stored);
                        self.assert_count(cmd, count + usize::from(!existed));
                        Effect::Wrote
                    }
                    Err(_) => Effect::Unchanged,
                }
            }
            "history" => {
                if let Some(a) = args::<History>(value) {
                    self.check_history(&a);
                }
                Effect::Unchanged
            }
            "history_count" => {
                if let Some(a) = args::<HistoryCount>(value) {
                    let n = self
                        .store
                        .history_count(&a.query)
                        .unwrap_or_else(|e| panic!("history_count {value}: {e}"));
                    assert!(n as usize <= count, "history_count {n} of {count} contacts");
                }
                Effect::Unchanged
            }
            "jar" => {
                if let Some(a) = args::<Jar>(value) {
                    self.check_jar(a.member.as_deref());
                }
                Effect::Unchanged
            }
            "save_settings" => {
                let Some(a) = args::<SaveSettings>(value) else {
                    return Effect::Unchanged;
                };
                match self.store.update_settings(&a.settings) {
                    Ok(()) => {
                        let expected = Settings {
                            team_name: a.settings.team_name.trim().to_string(),
                            ..a.settings
                        };
                        let stored = self.store.get_settings().expect("read settings back");
                        assert_eq!(stored, expected, "save_settings stored something else");
                        Effect::Wrote
                    }
                    Err(_) => Effect::Unchanged,
                }
            }
            "members" => {
                // The settings list (all) and the pickers (active only) agree.
                let all = self.store.list_members(true).expect("members");
                let active = self.store.list_members(false).expect("active members");
                let all_active: Vec<_> = all.into_iter().filter(|m| m.active).collect();
                assert_eq!(
                    all_active, active,
                    "the pickers and the settings list disagree"
                );
                Effect::Unchanged
            }
            "add_member" => {
                let Some(a) = args::<ByName>(value) else {
                    return Effect::Unchanged;
                };
                match self.store.insert_member(&a.name) {
                    Ok(member) => {
                        assert_eq!(member.name, a.name.trim(), "add_member changed the name");
                        self.assert_member(cmd, &member);
                        Effect::Wrote
                    }
                    Err(_) => Effect::Unchanged,
                }
            }
            "rename_member" => {
                let Some(a) = args::<RenameMember>(value) else {
                    return Effect::Unchanged;
                };
                match self.store.rename_member(&a.old, &a.new) {
                    Ok(member) => {
                        assert_eq!(member.name, a.new.trim(), "rename_member: another name");
                        self.assert_member(cmd, &member);
                        Effect::Wrote
                    }
                    Err(_) => Effect::Unchanged,
                }
            }
            "set_member_active" => {
                let Some(a) = args::<SetMemberActive>(value) else {
                    return Effect::Unchanged;
                };
                match self.store.set_member_active(&a.name, a.active) {
                    Ok(member) => {
                        assert_eq!(member.active, a.active, "set_member_active: other state");
                        self.assert_member(cmd, &member);
                        Effect::Wrote
                    }
                    Err(_) => Effect::Unchanged,
                }
            }
            "review" => {
                if let Some(a) = args::<ReviewArgs>(value) {
                    if skip_reported() && near_date_limits(&a.query) {
                        return Effect::Unchanged;
                    }
                    if let Some(review) = self.review(&a.query) {
                        self.check_charts(&a.query, &review, a.lang, false);
                    }
                }
                Effect::Unchanged
            }
            "save_chart_png" => {
                if let Some(a) = args::<SaveReview>(value) {
                    if skip_reported() && near_date_limits(&a.query) {
                        return Effect::Unchanged;
                    }
                    if let Some(review) = self.review(&a.query) {
                        self.check_charts(&a.query, &review, a.lang, true);
                    }
                }
                Effect::Unchanged
            }
            "drill" => {
                if let Some(a) = args::<Drill>(value) {
                    if skip_reported() && near_date_limits(&a.query) {
                        return Effect::Unchanged;
                    }
                    self.check_drill(&a.query, &a.key);
                }
                Effect::Unchanged
            }
            "save_report" => {
                if let Some(a) = args::<SaveReview>(value) {
                    if skip_reported() && near_date_limits(&a.query) {
                        return Effect::Unchanged;
                    }
                    self.check_report(&a.query, a.lang);
                }
                Effect::Unchanged
            }
            "export_file" => {
                if args::<ExportFile>(value).is_some() {
                    self.check_export(count);
                }
                Effect::Unchanged
            }
            _ => Effect::Unchanged,
        }
    }

    /// What a command returned is what the store reads back.
    fn assert_stored(&self, cmd: &str, contact: &Contact) {
        let stored = self
            .store
            .get_contact(contact.id)
            .unwrap_or_else(|e| panic!("{cmd}: the stored contact cannot be read back: {e}"));
        if skip_reported()
            && stored
                .as_ref()
                .is_some_and(|s| same_but_reported(contact, s))
        {
            return;
        }
        assert_eq!(
            stored.as_ref(),
            Some(contact),
            "{cmd} returned one contact and stored another"
        );
    }

    fn assert_count(&self, cmd: &str, expected: usize) {
        let n = self.store.count_contacts().expect("count contacts");
        assert_eq!(
            n as usize, expected,
            "{cmd} left {n} contacts, not {expected}"
        );
    }

    fn assert_member(&self, cmd: &str, member: &murmelglas::Member) {
        let all = self.store.list_members(true).expect("members");
        assert!(
            all.contains(member),
            "{cmd} returned a member the list lacks"
        );
    }

    fn check_history(&self, a: &History) {
        let page = self
            .store
            .history_page(&a.query, a.after, a.limit)
            .unwrap_or_else(|e| panic!("history {:?}: {e}", a.query));
        let limit = a.limit.clamp(1, HISTORY_PAGE_MAX) as usize;
        assert!(page.contacts.len() <= limit, "history: page over its limit");
        assert_eq!(
            page.next.is_some(),
            page.contacts.len() == limit,
            "history: a full page must say where the next starts, and only a full page"
        );
        let key = |c: &Contact| (c.occurred_at.naive_local(), c.id);
        assert!(
            page.contacts.windows(2).all(|w| key(&w[0]) > key(&w[1])),
            "history: a page is not newest first"
        );
        if a.after.is_none() {
            let total = self
                .store
                .history_count(&a.query)
                .unwrap_or_else(|e| panic!("history_count {:?}: {e}", a.query));
            if total as usize <= limit {
                assert_eq!(
                    page.contacts.len() as u64,
                    total,
                    "history lists other contacts than history_count counts: {:?}",
                    a.query
                );
            }
        }
    }

    /// `jar` for both periods the window asks for: today, and the week up to today.
    fn check_jar(&self, member: Option<&str>) {
        let week = self.today - Days::new(6);
        for from in [self.today, week] {
            match analytics::jar(&self.store, from, self.today, member) {
                Ok(f) => assert!(f.golden <= f.total, "jar: more golden than all"),
                Err(StoreError::UnknownMember(_)) => {}
                Err(e) => panic!("jar {member:?}: {e}"),
            }
        }
    }

    /// The review, or `None` where the core refuses the query for a reason it names.
    fn review(&self, query: &ReviewQuery) -> Option<Review> {
        match review::review(&self.store, query) {
            Ok(r) => {
                assert!(
                    r.figures.golden <= r.figures.total,
                    "review: golden > total"
                );
                assert!(r.stories.len() <= STORIES_MAX as usize, "review: stories");
                assert!(r.stories.len() as u64 <= r.stories_total, "review: stories");
                Some(r)
            }
            Err(ReviewError::EmptyRange { .. })
            | Err(ReviewError::PeriodOutOfRange { .. })
            | Err(ReviewError::Store(StoreError::UnknownMember(_))) => None,
            Err(e) => panic!("review {query:?}: {e}"),
        }
    }

    /// Draws every chart of the dashboard (as `review` does; as PNG for `save_chart_png`)
    /// and drills into its clickable regions: what a chart offers to open must open.
    fn check_charts(&self, query: &ReviewQuery, r: &Review, lang: Lang, png: bool) {
        let b = &r.breakdowns;
        let cells = |kind, cells| Chart::Cells {
            kind,
            cells,
            target: r.target,
        };
        let charts = [
            Chart::Trend {
                series: &r.series,
                target: r.target,
            },
            Chart::WeekJars { weeks: &r.weeks },
            Chart::Stacked { series: &r.weeks },
            cells(CellKind::Channel, &b.by_channel),
            Chart::Tags { breakdowns: b },
            Chart::Heat { breakdowns: b },
            cells(CellKind::Phase, &b.by_phase),
            cells(CellKind::Purpose, &b.by_purpose),
        ];
        for chart in charts {
            let size = chart.default_size();
            if png {
                let bytes = chart
                    .png(lang, size)
                    .unwrap_or_else(|e| panic!("{} as PNG: {e}", chart.file_stem()));
                assert!(bytes.starts_with(b"\x89PNG"), "not a PNG");
                continue;
            }
            let drawn = chart
                .svg(lang, size)
                .unwrap_or_else(|e| panic!("{} as SVG: {e}", chart.file_stem()));
            // A spread of up to about eight regions per chart: drilling into all of them
            // (a heat map has 168) would slow the fuzzer down more than it finds.
            let step = (drawn.regions.len() / 8).max(1);
            for region in drawn.regions.iter().step_by(step) {
                match review::drill(&self.store, query, &region.key.to_string()) {
                    Ok(_) | Err(ReviewError::TooFew) => {}
                    Err(e) => panic!(
                        "{}: the region {:?} does not open: {e}",
                        chart.file_stem(),
                        region.key
                    ),
                }
            }
        }
    }

    fn check_drill(&self, query: &ReviewQuery, key: &str) {
        match review::drill(&self.store, query, key) {
            Ok(d) => {
                assert!(d.contacts.len() <= DRILL_MAX as usize, "drill: too many");
                assert!(d.contacts.len() as u64 <= d.listable, "drill: listable");
                assert!(d.listable <= d.total, "drill: listable > total");
            }
            Err(ReviewError::Store(StoreError::Sqlite(e))) => panic!("drill {key:?}: {e}"),
            Err(_) => {}
        }
    }

    /// The weekly report renders, and the team's name never reaches it as markup.
    fn check_report(&self, query: &ReviewQuery, lang: Lang) {
        match report::render_html(&self.store, query.from, query.to, lang) {
            Ok(html) => {
                let name = self.store.get_settings().expect("settings").team_name;
                if name.contains(['<', '>', '&', '"']) {
                    assert!(
                        !html.contains(&name),
                        "the team name reached the report raw"
                    );
                }
            }
            Err(report::ReportError::Review(
                ReviewError::EmptyRange { .. } | ReviewError::PeriodOutOfRange { .. },
            )) => {}
            Err(e) => panic!("save_report {query:?}: {e}"),
        }
    }

    /// Every export the settings view offers writes every contact.
    fn check_export(&self, count: usize) {
        for (format, lang) in [
            (Format::Csv, Lang::De),
            (Format::Csv, Lang::En),
            (Format::Json, Lang::En),
        ] {
            let mut out = Vec::new();
            let written = write_contacts(
                &self.store,
                &ContactFilter::default(),
                format,
                lang,
                &mut out,
            )
            .unwrap_or_else(|e| panic!("export {format:?} {lang:?}: {e}"));
            assert_eq!(
                written as usize, count,
                "export {format:?} left contacts out"
            );
        }
    }
}
