//! Commands of the settings view that change the team's shared file: settings and members.

use murmelglas::domain::{Member, Settings};
use murmelglas::{Store, StoreError};
use tauri::AppHandle;

use crate::commands::{on_db, CommandResult};

/// Runs one change to the members and returns all of them, as the settings list shows.
async fn change_members(
    app: AppHandle,
    change: impl FnOnce(&mut Store) -> Result<Member, StoreError> + Send + 'static,
) -> CommandResult<Vec<Member>> {
    on_db(app, |_, db| {
        db.write(|store| {
            change(store)?;
            store.list_members(true)
        })
    })
    .await
}

/// Saves the team's settings and returns them as stored. The data-protection settings
/// (anonymous-only, story retention) are kept as they are: they change only through their
/// own commands, which ask first and say what they delete.
#[tauri::command]
pub async fn save_settings(app: AppHandle, settings: Settings) -> CommandResult<Settings> {
    on_db(app, move |_, db| {
        db.write(|store| {
            let stored = store.get_settings()?;
            let settings = Settings {
                anonymous_only: stored.anonymous_only,
                story_retention_months: stored.story_retention_months,
                ..settings
            };
            store.update_settings(&settings)?;
            store.get_settings()
        })
    })
    .await
}

/// Every member, deactivated ones included (the settings view lists them all).
#[tauri::command]
pub async fn members(app: AppHandle) -> CommandResult<Vec<Member>> {
    on_db(app, |_, db| db.read(|store| store.list_members(true))).await
}

#[tauri::command]
pub async fn add_member(app: AppHandle, name: String) -> CommandResult<Vec<Member>> {
    // The store checks the name.
    change_members(app, move |store| store.insert_member(&name)).await
}

/// Renames a member; their contacts follow, as they refer to the member's id.
#[tauri::command]
pub async fn rename_member(app: AppHandle, old: String, new: String) -> CommandResult<Vec<Member>> {
    change_members(app, move |store| store.rename_member(&old, &new)).await
}

/// Takes a member out of the pickers (or brings them back); their contacts stay.
#[tauri::command]
pub async fn set_member_active(
    app: AppHandle,
    name: String,
    active: bool,
) -> CommandResult<Vec<Member>> {
    change_members(app, move |store| store.set_member_active(&name, active)).await
}
