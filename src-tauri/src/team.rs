//! Commands of the settings view that change the team's shared file: settings and members.

use murmelglas::domain::{Member, Settings};
use tauri::State;

use crate::commands::{lock, CommandResult};
use crate::AppState;

/// Runs one change to the members and returns all of them, as the settings list shows.
fn change_members(
    state: &AppState,
    change: impl FnOnce(&mut murmelglas::Store) -> Result<Member, murmelglas::StoreError>,
) -> CommandResult<Vec<Member>> {
    let mut store = lock(state);
    change(&mut store)?;
    Ok(store.list_members(true)?)
}

/// Saves the team's settings and returns them as stored.
#[tauri::command]
pub fn save_settings(state: State<'_, AppState>, settings: Settings) -> CommandResult<Settings> {
    let mut store = lock(&state);
    store.update_settings(&settings)?;
    Ok(store.get_settings()?)
}

/// Every member, deactivated ones included (the settings view lists them all).
#[tauri::command]
pub fn members(state: State<'_, AppState>) -> CommandResult<Vec<Member>> {
    Ok(lock(&state).list_members(true)?)
}

#[tauri::command]
pub fn add_member(state: State<'_, AppState>, name: String) -> CommandResult<Vec<Member>> {
    // The store checks the name.
    change_members(&state, |store| store.insert_member(&name))
}

/// Renames a member; their contacts follow, as they refer to the member's id.
#[tauri::command]
pub fn rename_member(
    state: State<'_, AppState>,
    old: String,
    new: String,
) -> CommandResult<Vec<Member>> {
    change_members(&state, |store| store.rename_member(&old, &new))
}

/// Takes a member out of the pickers (or brings them back); their contacts stay.
#[tauri::command]
pub fn set_member_active(
    state: State<'_, AppState>,
    name: String,
    active: bool,
) -> CommandResult<Vec<Member>> {
    change_members(&state, |store| store.set_member_active(&name, active))
}
