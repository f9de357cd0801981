//! Tauri commands: each parses, calls the core, and maps errors to [`AppError`].

use chrono::{Datelike, Days, NaiveDate};
use murmelglas::analytics::{self, Figures};
use murmelglas::datetime;
use murmelglas::domain::{
    Channel, Code, Contact, ContactDraft, Lang, Member, Motive, Perspective, Phase, Purpose,
    Rating, Settings, WeekStart,
};
use murmelglas::store::{HistoryCursor, HistoryPage, HistoryQuery};
use serde::{Deserialize, Serialize};
use tauri::State;
use uuid::Uuid;

use crate::prefs::Prefs;
use crate::{AppError, AppState};

pub(crate) type CommandResult<T> = Result<T, AppError>;

pub(crate) fn lock(state: &AppState) -> std::sync::MutexGuard<'_, murmelglas::Store> {
    // A panic while holding the lock cannot leave the store half-written (SQLite rolls
    // back), so a poisoned lock is still safe to use.
    state.store.lock().unwrap_or_else(|p| p.into_inner())
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
    /// This computer's preferences.
    pub prefs: Prefs,
}

#[tauri::command]
pub fn bootstrap(state: State<'_, AppState>) -> CommandResult<Bootstrap> {
    bootstrap_of(&state)
}

/// The start data of the open database (also after switching files).
pub fn bootstrap_of(state: &AppState) -> CommandResult<Bootstrap> {
    let store = lock(state);
    let vocabulary = [
        entries::<Rating>(no_hint),
        entries::<Channel>(no_hint),
        entries::<Motive>(|m, lang| Some(m.hint(lang))),
        entries::<Perspective>(|p, lang| Some(p.hint(lang))),
        entries::<Phase>(no_hint),
        entries::<Purpose>(no_hint),
    ]
    .concat();
    Ok(Bootstrap {
        settings: store.get_settings()?,
        members: store.list_members(false)?,
        vocabulary,
        db_path: store
            .path()
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
        prefs: state.prefs().clone(),
    })
}

#[tauri::command]
pub fn log_contact(state: State<'_, AppState>, draft: ContactDraft) -> CommandResult<Contact> {
    Ok(lock(&state).log_contact(draft, datetime::now())?)
}

/// Adds details to (or corrects) a contact already logged; returns it as stored.
#[tauri::command]
pub fn amend_contact(
    state: State<'_, AppState>,
    id: String,
    draft: ContactDraft,
) -> CommandResult<Contact> {
    let id = Uuid::parse_str(&id).map_err(|e| AppError::new("bad_id", e))?;
    Ok(lock(&state).amend_contact(id, draft, datetime::now())?)
}

/// Removes a contact just logged (the toast's Undo); returns it.
#[tauri::command]
pub fn undo_contact(state: State<'_, AppState>, id: String) -> CommandResult<Contact> {
    let id = Uuid::parse_str(&id).map_err(|e| AppError::new("bad_id", e))?;
    Ok(lock(&state).delete_contact(id)?)
}

/// One page of the history, newest first. Runs off the window's thread: a filter over a
/// million contacts may take a moment, and the window must not stall meanwhile.
#[tauri::command]
pub async fn history(
    state: State<'_, AppState>,
    query: HistoryQuery,
    after: Option<HistoryCursor>,
    limit: u32,
) -> CommandResult<HistoryPage> {
    Ok(lock(&state).history_page(&query, after, limit)?)
}

/// How many contacts the history's filters match.
#[tauri::command]
pub async fn history_count(state: State<'_, AppState>, query: HistoryQuery) -> CommandResult<u64> {
    Ok(lock(&state).history_count(&query)?)
}

/// Deletes a contact from the history; returns it so the window can offer Undo.
#[tauri::command]
pub fn delete_contact(state: State<'_, AppState>, id: String) -> CommandResult<Contact> {
    let id = Uuid::parse_str(&id).map_err(|e| AppError::new("bad_id", e))?;
    Ok(lock(&state).delete_contact(id)?)
}

/// Puts a contact back exactly as it was: the Undo of a delete or an edit.
#[tauri::command]
pub fn restore_contact(state: State<'_, AppState>, contact: Contact) -> CommandResult<Contact> {
    Ok(lock(&state).put_contact(&contact)?)
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

#[tauri::command]
pub fn jar(
    state: State<'_, AppState>,
    period: JarPeriod,
    member: Option<String>,
) -> CommandResult<JarView> {
    let store = lock(&state);
    let today = datetime::today();
    let from = match period {
        JarPeriod::Today => today,
        JarPeriod::Week => week_start(today, store.get_settings()?.week_start),
    };
    let figures = analytics::jar(&store, from, today, member.as_deref())?;
    Ok(JarView {
        from,
        to: today,
        figures,
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
