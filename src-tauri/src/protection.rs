//! Data protection in the window: the anonymous-only team mode (with taking the names off
//! the stored contacts, after a backup), the story retention, and a member's data export
//! and erasure.

use murmelglas::backup::{BackupFolder, BackupInfo, BackupReason};
use murmelglas::domain::{Member, Settings};
use murmelglas::export;
use murmelglas::store::{self, Erased, StoreError};
use murmelglas::{datetime, Store};
use serde::Serialize;
use tauri::{AppHandle, Manager};

use crate::commands::{on_db, CommandResult};
use crate::data::{export_error, pick, FileKind};
use crate::database::off_main;
use crate::{AppError, AppState};
use murmelglas::error_code::ErrorCode;

/// How many stored contacts name a member: what taking the names off would change.
#[tauri::command]
pub async fn named_contacts(app: AppHandle) -> CommandResult<u64> {
    on_db(app, |_, db| db.read(|s| s.count_named_contacts())).await
}

/// What switching anonymous-only did.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct AnonymousDone {
    pub settings: Settings,
    /// Contacts the member was taken off.
    pub stripped: u64,
    /// The backup made first, when names were taken off.
    pub backup: Option<BackupInfo>,
}

/// Switches anonymous-only on or off. With `strip`, the member is also taken off every
/// stored contact, after a backup (reason before-anonymizing), which is then the only
/// way back; a failed backup changes nothing.
#[tauri::command]
pub async fn set_anonymous_only(
    app: AppHandle,
    on: bool,
    strip: bool,
) -> CommandResult<AnonymousDone> {
    if strip && !on {
        return Err(AppError::new(
            ErrorCode::StripNeedsAnonymous,
            "names are taken off only when switching anonymous-only on",
        ));
    }
    on_db(app, move |_, db| {
        db.write(|s| {
            let (stripped, backup) = if strip {
                let backup = if s.count_named_contacts()? > 0 {
                    let folder = BackupFolder::of_store(s)?;
                    Some(folder.create(s, BackupReason::BeforeAnonymizing, datetime::now())?)
                } else {
                    None
                };
                (s.strip_members()?, backup)
            } else {
                let settings = Settings {
                    anonymous_only: on,
                    ..s.get_settings()?
                };
                s.update_settings(&settings)?;
                (0, None)
            };
            Ok::<_, AppError>(AnonymousDone {
                settings: s.get_settings()?,
                stripped,
                backup,
            })
        })
    })
    .await
}

/// How many stories a retention of `months` would delete now (none when off).
#[tauri::command]
pub async fn retention_preview(app: AppHandle, months: Option<u8>) -> CommandResult<u64> {
    on_db(app, move |_, db| db.read(|s| stories_beyond(s, months))).await
}

fn stories_beyond(store: &Store, months: Option<u8>) -> Result<u64, StoreError> {
    match months {
        Some(months) => {
            store.count_stories_before(store::retention_cutoff(datetime::today(), months))
        }
        None => Ok(0),
    }
}

/// What changing the story retention did.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct RetentionDone {
    pub settings: Settings,
    /// Stories deleted at once.
    pub deleted: u64,
}

/// Sets the story retention (`None`: stories are kept) and applies it at once.
#[tauri::command]
pub async fn set_story_retention(
    app: AppHandle,
    months: Option<u8>,
) -> CommandResult<RetentionDone> {
    on_db(app, move |_, db| {
        db.write(|s| {
            let settings = Settings {
                story_retention_months: months,
                ..s.get_settings()?
            };
            s.update_settings(&settings)?;
            let deleted = s.apply_story_retention(datetime::today())?.unwrap_or(0);
            Ok::<_, StoreError>(RetentionDone {
                settings: s.get_settings()?,
                deleted,
            })
        })
    })
    .await
}

/// Where a member's data went.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct MemberExport {
    pub file: String,
    pub contacts: u64,
}

/// Writes everything stored about `name` (a subject-access request) as JSON to a file
/// chosen in a save dialog; `None` when cancelled.
#[tauri::command]
pub async fn export_member_data(
    app: AppHandle,
    name: String,
    title: String,
) -> CommandResult<Option<MemberExport>> {
    off_main(move || {
        let db = app.state::<AppState>().database()?;
        let data = db.read(|s| s.member_data(&name))?;
        let file_name = format!("murmelglas-{}.json", file_stem(&data.member.name));
        let Some(picked) = pick(&app, true, &title, Some(&file_name), FileKind::Json) else {
            return Ok(None);
        };
        export::write_json_file(&data, &picked.path, picked.may_replace).map_err(export_error)?;
        Ok(Some(MemberExport {
            file: picked.path.display().to_string(),
            contacts: data.contacts.len() as u64,
        }))
    })
    .await
}

/// A name as part of a file name: letters and digits kept, the rest a dash.
fn file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    let stem = stem.trim_matches('-');
    if stem.is_empty() {
        "person".to_string()
    } else {
        stem.to_string()
    }
}

/// What erasing a member did, and the members left.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct MemberErased {
    pub erased: Erased,
    pub members: Vec<Member>,
}

/// Deletes `name` and every contact of theirs (a data-protection request), in one
/// transaction. The window asks for the name to be typed first.
#[tauri::command]
pub async fn erase_member(app: AppHandle, name: String) -> CommandResult<MemberErased> {
    on_db(app, move |_, db| {
        db.write(|s| {
            let erased = s.erase_member(&name)?;
            Ok::<_, StoreError>(MemberErased {
                erased,
                members: s.list_members(true)?,
            })
        })
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_safe_file_names() {
        assert_eq!(file_stem("Jürgen Groß"), "Jürgen-Groß");
        assert_eq!(file_stem("../etc/passwd"), "etc-passwd");
        assert_eq!(file_stem("***"), "person");
    }
}
