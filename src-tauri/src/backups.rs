//! Backups in the window: the list, "back up now", restoring one into the open database
//! (after a safety backup of the state it replaces), and, on the start screen of a file
//! that cannot be opened, restoring one into a new file beside it.

use murmelglas::backup::{BackupFolder, BackupInfo, BackupReason, Restored};
use murmelglas::datetime;
use serde::Serialize;
use tauri::{AppHandle, Manager};

use crate::commands::{on_db, Bootstrap, CommandResult};
use crate::data::open_database;
use crate::database::{off_main, Database};
use crate::{AppError, AppState};
use murmelglas::error_code::ErrorCode;

/// The backups of the open database, newest first, and where they are.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct BackupList {
    pub folder: String,
    pub backups: Vec<BackupInfo>,
}

fn folder_of(db: &Database) -> CommandResult<BackupFolder> {
    db.read(BackupFolder::of_store)
}

#[tauri::command]
pub async fn backups(app: AppHandle) -> CommandResult<BackupList> {
    on_db(app, |_, db| {
        let folder = folder_of(db)?;
        Ok(BackupList {
            folder: folder.path().display().to_string(),
            backups: folder.list()?,
        })
    })
    .await
}

/// A backup now ("back up now"); returns it.
#[tauri::command]
pub async fn create_backup(app: AppHandle) -> CommandResult<BackupInfo> {
    on_db(app, |_, db| {
        let folder = folder_of(db)?;
        // Read through a connection of its own: a consistent copy, whatever is written
        // meanwhile, and the app's writer stays free.
        let store = db.own_reader()?;
        Ok(folder.create(&store, BackupReason::Manual, datetime::now())?)
    })
    .await
}

/// Puts backup `id` into the open database, after backing up the state it replaces;
/// says how many contacts there were before and after.
#[tauri::command]
pub async fn restore_backup(app: AppHandle, id: String) -> CommandResult<Restored> {
    on_db(app, move |_, db| {
        let folder = folder_of(db)?;
        // The writer holds off the app's own writes while the restore runs.
        db.write(|store| folder.restore(store, &id, datetime::now()))
    })
    .await
}

/// For a database that cannot be opened: restores backup `id` from the folder beside it
/// into a new file next to it (the damaged file stays as it is), opens that file and
/// remembers it on this computer.
#[tauri::command]
pub async fn restore_into_new_file(app: AppHandle, id: String) -> CommandResult<Bootstrap> {
    off_main(move || {
        let problem = match app.state::<AppState>().slot() {
            Ok(_) => {
                return Err(AppError::new(
                    ErrorCode::DatabaseOpen,
                    "the database is open; restore a backup from the settings",
                ))
            }
            Err(problem) => problem,
        };
        let broken = std::path::PathBuf::from(&problem.path);
        let folder = BackupFolder::beside(&broken);
        let dest = restored_file_name(&broken, &id);
        folder.restore_to_new_file(&id, &dest)?;
        let db = Database::open(&dest)
            .map_err(|problem| AppError::new(problem.code, problem.message))?;
        open_database(&app, db)
    })
    .await
}

/// `murmelglas.sqlite3` with backup `20261201-193005-daily` becomes
/// `murmelglas-restored-20261201-193005-daily.sqlite3` in the same folder.
fn restored_file_name(broken: &std::path::Path, id: &str) -> std::path::PathBuf {
    let stem = broken
        .file_stem()
        .and_then(|s| s.to_str())
        .filter(|s| !s.is_empty())
        .unwrap_or("murmelglas");
    // Only the id's own characters: digits, letters and dashes.
    let id: String = id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    broken.with_file_name(format!("{stem}-restored-{id}.sqlite3"))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn the_restored_file_sits_beside_the_broken_one() {
        assert_eq!(
            restored_file_name(
                Path::new("/data/team/murmelglas.sqlite3"),
                "20261201-193005-daily"
            ),
            Path::new("/data/team/murmelglas-restored-20261201-193005-daily.sqlite3")
        );
        assert_eq!(
            restored_file_name(Path::new("team.db"), "../../x"),
            Path::new("team-restored-x.sqlite3")
        );
    }
}
