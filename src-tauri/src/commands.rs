//! Tauri commands: each parses, calls the core, and maps errors to [`AppError`]. The
//! database work runs off the window's thread ([`on_db`]).

use chrono::{Datelike, Days, NaiveDate};
use murmelglas::analytics::{self, Figures};
use murmelglas::backup;
use murmelglas::datetime;
use murmelglas::domain::{
    Channel, Code, Contact, ContactDraft, Lang, Member, Motive, Obstacle, Perspective, Phase,
    Purpose, Rating, Settings, WeekStart,
};
use murmelglas::store::{HistoryCursor, HistoryPage, HistoryQuery, StoreError};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager};
use uuid::Uuid;

use crate::database::{off_main, Database, OpenProblem};
use crate::prefs::Prefs;
use crate::{AppError, AppState, DbSlot};
use murmelglas::error_code::ErrorCode;

pub(crate) type CommandResult<T> = Result<T, AppError>;

/// Runs `work` with the open database, off the window's thread (it may wait for the
/// database being opened, for the write lock, or for a long query).
pub(crate) async fn on_db<T: Send + 'static>(
    app: AppHandle,
    work: impl FnOnce(&AppState, &Database) -> CommandResult<T> + Send + 'static,
) -> CommandResult<T> {
    off_main(move || {
        let state = app.state::<AppState>();
        let db = state.database()?;
        work(&state, &db)
    })
    .await
}

fn parse_id(id: &str) -> CommandResult<Uuid> {
    Uuid::parse_str(id).map_err(|e| AppError::new(ErrorCode::BadId, e))
}

/// A code with its labels, so the window shows the same words as the CSV export.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct VocabularyEntry {
    pub kind: String,
    pub code: String,
    pub label_de: String,
    pub label_en: String,
    /// What a motive or perspective means, shown on hover and focus.
    pub hint_de: Option<String>,
    pub hint_en: Option<String>,
}

fn entries<T: Code>(hint: impl Fn(T, Lang) -> Option<&'static str>) -> Vec<VocabularyEntry> {
    T::ALL
        .iter()
        .map(|&v| VocabularyEntry {
            kind: T::KIND.to_string(),
            code: v.code().to_string(),
            label_de: v.label(Lang::De).to_string(),
            label_en: v.label(Lang::En).to_string(),
            hint_de: hint(v, Lang::De).map(str::to_string),
            hint_en: hint(v, Lang::En).map(str::to_string),
        })
        .collect()
}

fn no_hint<T>(_: T, _: Lang) -> Option<&'static str> {
    None
}

/// Everything the window needs to start.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Bootstrap {
    pub settings: Settings,
    /// Active members, for the "who logs" picker.
    pub members: Vec<Member>,
    pub vocabulary: Vec<VocabularyEntry>,
    pub db_path: String,
    /// Why nothing can be saved, when the file is open for reading only.
    pub read_only: Option<AppError>,
    /// This computer's preferences.
    pub prefs: Prefs,
}

/// How the window starts: with the open database, or with why it cannot be opened.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Start {
    // Boxed: this computer's preferences make it much the larger.
    Ready(Box<Bootstrap>),
    Unavailable(OpenProblem),
}

/// The window's start data, once the database (opened beside the first paint) is open;
/// or why it could not be opened.
#[tauri::command]
pub async fn bootstrap(app: AppHandle) -> CommandResult<Start> {
    off_main(move || {
        let state = app.state::<AppState>();
        match state.slot() {
            Ok(db) => Ok(Start::Ready(Box::new(bootstrap_of(&state, &db)?))),
            Err(problem) => Ok(Start::Unavailable(problem)),
        }
    })
    .await
}

/// The start data of the open database (also after switching files).
pub fn bootstrap_of(state: &AppState, db: &Database) -> CommandResult<Bootstrap> {
    let vocabulary = [
        entries::<Rating>(no_hint),
        entries::<Channel>(no_hint),
        entries::<Motive>(|m, lang| Some(m.hint(lang))),
        entries::<Perspective>(|p, lang| Some(p.hint(lang))),
        entries::<Phase>(no_hint),
        entries::<Purpose>(no_hint),
        entries::<Obstacle>(|o, lang| Some(o.hint(lang))),
    ]
    .concat();
    let (settings, members) =
        db.read(|store| Ok::<_, StoreError>((store.get_settings()?, store.list_members(false)?)))?;
    Ok(Bootstrap {
        settings,
        members,
        vocabulary,
        db_path: db.path().display().to_string(),
        read_only: db.read_only().cloned(),
        prefs: state.prefs().clone(),
    })
}

/// Checks every page of the database (SQLite's quick check), when a query found it
/// damaged. A damaged file is closed and shown in the window as a problem, with the
/// backups beside it; `None` when nothing is wrong.
#[tauri::command]
pub async fn check_database(app: AppHandle) -> CommandResult<Option<OpenProblem>> {
    on_db(app, |state, db| Ok(damage_of(state, db))).await
}

/// Looks for damage with SQLite's quick check; if it finds any, the window's database
/// is closed and the problem returned. Also used by the start's upkeep.
pub(crate) fn damage_of(state: &AppState, db: &Database) -> Option<OpenProblem> {
    let found = match db.read(backup::quick_check) {
        Ok(None) => return None,
        Ok(Some(findings)) => findings,
        // A file too damaged to check at all is damaged.
        Err(e) if e.code == ErrorCode::DatabaseCorrupt || e.code == ErrorCode::NotADatabase => {
            e.message
        }
        Err(_) => return None,
    };
    let problem = OpenProblem::new(db.path(), ErrorCode::DatabaseCorrupt, found);
    state.set_slot(DbSlot::Unavailable(problem.clone()));
    Some(problem)
}

/// Ends the app (the start screen's "Quit" when the database cannot be opened).
#[tauri::command]
pub fn quit(app: AppHandle) {
    app.exit(0);
}

/// Logs a contact. The time is taken now, at the key press, even when the write waits
/// for another writer (an import); the window shows it as pending meanwhile.
#[tauri::command]
pub async fn log_contact(app: AppHandle, draft: ContactDraft) -> CommandResult<Contact> {
    let now = datetime::now();
    on_db(app, move |state, db| {
        let mut draft = draft;
        draft.place = draft.place.or_else(|| state.prefs().place.clone());
        let contact = crate::server::log_or_keep(db, draft, now)?;
        remember_logged_here(state, &contact);
        Ok(contact)
    })
    .await
}

/// Keeps the id of a contact logged on this computer, for "this computer's figures". The
/// contact is logged even when the note cannot be kept; that is only reported.
pub(crate) fn remember_logged_here(state: &AppState, contact: &Contact) {
    if let Err(e) = state.logged_here.add(contact.id) {
        eprintln!("murmelglas: {}", e.message);
    }
}

/// Adds details to (or corrects) a contact already logged; returns it as stored.
#[tauri::command]
pub async fn amend_contact(
    app: AppHandle,
    id: String,
    draft: ContactDraft,
) -> CommandResult<Contact> {
    let id = parse_id(&id)?;
    let now = datetime::now();
    on_db(app, move |_, db| {
        db.write(|store| store.amend_contact(id, draft, now))
    })
    .await
}

/// Removes a contact just logged (the toast's Undo); returns it.
#[tauri::command]
pub async fn undo_contact(app: AppHandle, id: String) -> CommandResult<Contact> {
    let id = parse_id(&id)?;
    on_db(app, move |_, db| db.write(|store| store.delete_contact(id))).await
}

/// One page of the history, newest first.
#[tauri::command]
pub async fn history(
    app: AppHandle,
    query: HistoryQuery,
    after: Option<HistoryCursor>,
    limit: u32,
) -> CommandResult<HistoryPage> {
    on_db(app, move |_, db| {
        db.read(|store| store.history_page(&query, after, limit))
    })
    .await
}

/// How many contacts the history's filters match.
#[tauri::command]
pub async fn history_count(app: AppHandle, query: HistoryQuery) -> CommandResult<u64> {
    on_db(app, move |_, db| {
        db.read(|store| store.history_count(&query))
    })
    .await
}

/// Deletes a contact from the history; returns it so the window can offer Undo.
#[tauri::command]
pub async fn delete_contact(app: AppHandle, id: String) -> CommandResult<Contact> {
    let id = parse_id(&id)?;
    on_db(app, move |_, db| db.write(|store| store.delete_contact(id))).await
}

/// Puts a contact back exactly as it was: the Undo of a delete or an edit.
#[tauri::command]
pub async fn restore_contact(app: AppHandle, contact: Contact) -> CommandResult<Contact> {
    on_db(app, move |_, db| {
        db.write(|store| store.put_contact(&contact))
    })
    .await
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum JarPeriod {
    Today,
    Week,
}

/// The jar of today or this week: counts, share with its interval, and the days covered.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct JarView {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub figures: Figures,
}

/// The first day of the week holding `day`, by the team's week start.
pub fn week_start(day: NaiveDate, start: WeekStart) -> NaiveDate {
    let start_index = match start {
        WeekStart::Monday => 0,
        WeekStart::Saturday => 5,
        WeekStart::Sunday => 6,
    };
    let back = (day.weekday().num_days_from_monday() + 7 - start_index) % 7;
    day - Days::new(u64::from(back))
}

/// The jar of today or this week: the team's marbles, a member's own, or (when the team
/// stores no names) those logged on this computer.
#[tauri::command]
pub async fn jar(
    app: AppHandle,
    period: JarPeriod,
    member: Option<String>,
    this_computer: bool,
) -> CommandResult<JarView> {
    on_db(app, move |state, db| {
        jar_of(state, db, period, member.as_deref(), this_computer)
    })
    .await
}

/// The jar of `period` up to today: see [`jar`].
pub fn jar_of(
    state: &AppState,
    db: &Database,
    period: JarPeriod,
    member: Option<&str>,
    this_computer: bool,
) -> CommandResult<JarView> {
    let set = this_computer.then(|| state.logged_here.set());
    db.read(|store| {
        let today = datetime::today();
        let from = match period {
            JarPeriod::Today => today,
            JarPeriod::Week => week_start(today, store.get_settings()?.week_start),
        };
        let figures = match &set {
            Some(set) => analytics::jar_of_set(store, from, today, set)?,
            None => analytics::jar(store, from, today, member)?,
        };
        Ok::<_, StoreError>(JarView {
            from,
            to: today,
            figures,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_start_on_the_teams_day() {
        let monday = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        let wednesday = NaiveDate::from_ymd_opt(2026, 11, 25).expect("date");
        assert_eq!(week_start(wednesday, WeekStart::Monday), monday);
        assert_eq!(week_start(monday, WeekStart::Monday), monday);
        assert_eq!(
            week_start(wednesday, WeekStart::Sunday),
            NaiveDate::from_ymd_opt(2026, 11, 22).expect("date")
        );
        assert_eq!(
            week_start(wednesday, WeekStart::Saturday),
            NaiveDate::from_ymd_opt(2026, 11, 21).expect("date")
        );
    }
}
