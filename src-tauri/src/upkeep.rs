//! The database's upkeep while the app runs: once the window shows its data, and again on
//! the first minute of every new day (the app may stay in the tray for weeks), a check of
//! every page, the daily backup and the team's story retention. On a thread of its own,
//! with connections of its own: the window and logging never wait for it.

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

use chrono::NaiveDate;
use murmelglas::backup::{BackupFolder, BackupInfo};
use murmelglas::datetime;
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager};

use crate::commands::damage_of;
use crate::database::{Database, OpenProblem};
use crate::{lock, AppError, AppState, DbSlot};
use murmelglas::error_code::ErrorCode;

/// The event with what the upkeep did ([`Upkeep`]).
pub const UPKEEP: &str = "upkeep";
/// The event that the open database turned out damaged ([`OpenProblem`]): the window
/// shows the start screen for a file that cannot be used.
pub const DATABASE_DAMAGED: &str = "database-damaged";

/// What one round of upkeep did.
#[derive(Debug, Clone, Default, Serialize, ts_rs::TS)]
pub struct Upkeep {
    pub db_path: String,
    /// The daily backup made now; `None` when today's exists already (or it failed).
    pub backup: Option<BackupInfo>,
    pub backup_error: Option<AppError>,
    /// Stories deleted now by the team's retention.
    pub stories_deleted: u64,
    /// The team's retention in months; `None` when stories are kept.
    pub retention_months: Option<u8>,
    pub retention_error: Option<AppError>,
}

/// Starts the upkeep thread, once. It waits for the database to be open, then works on
/// the first round at once.
pub fn start(app: &AppHandle) {
    let state = app.state::<AppState>();
    let mut wake = lock(&state.upkeep);
    if wake.is_some() {
        return;
    }
    let (sender, woken) = mpsc::channel();
    *wake = Some(sender);
    let app = app.clone();
    std::thread::spawn(move || {
        let mut done: Option<(NaiveDate, PathBuf)> = None;
        loop {
            let state = app.state::<AppState>();
            if let Ok(db) = state.slot() {
                let round = (datetime::today(), db.path().to_path_buf());
                if done.as_ref() != Some(&round) {
                    done = Some(round);
                    look_after(&app, &state, &db);
                }
            }
            // A switch to another file wakes it; a new day shows within a minute.
            let _ = woken.recv_timeout(Duration::from_secs(60));
        }
    });
}

fn look_after(app: &AppHandle, state: &AppState, db: &Database) {
    if let Some(problem) = damage_of(state, db) {
        let _ = app.emit(DATABASE_DAMAGED, problem);
        return;
    }
    if db.read_only().is_some() {
        return;
    }
    let report = round(db);
    if let Some(e) = &report.backup_error {
        // The copy of the live database failed the integrity check: it is damaged.
        if e.code == ErrorCode::DatabaseCorrupt {
            let problem = OpenProblem::new(db.path(), ErrorCode::DatabaseCorrupt, &e.message);
            state.set_slot(DbSlot::Unavailable(problem.clone()));
            let _ = app.emit(DATABASE_DAMAGED, problem);
            return;
        }
    }
    let _ = app.emit(UPKEEP, report);
}

/// The daily backup (if none was made today) and the story retention, each on a
/// connection of its own.
pub fn round(db: &Database) -> Upkeep {
    let mut report = Upkeep {
        db_path: db.path().display().to_string(),
        ..Upkeep::default()
    };
    // A server's backups are its own (pg_dump, as IT runs them).
    let backup = db.own_reader().and_then(|store| {
        if store.is_server() {
            return Ok(None);
        }
        let folder = BackupFolder::of_store(&store)?;
        Ok(folder.daily_if_due(&store, datetime::now())?)
    });
    match backup {
        Ok(made) => report.backup = made,
        Err(e) => report.backup_error = Some(e),
    }
    let retention = db.own_writer().and_then(|mut store| {
        let months = store.get_settings()?.story_retention_months;
        let deleted = store.apply_story_retention(datetime::today())?;
        Ok((months, deleted.unwrap_or(0)))
    });
    match retention {
        Ok((months, deleted)) => {
            report.retention_months = months;
            report.stories_deleted = deleted;
        }
        Err(e) => report.retention_error = Some(e),
    }
    report
}

#[cfg(test)]
mod tests {
    use murmelglas::backup::BackupReason;
    use murmelglas::{Contact, Rating, Settings, Store};

    use super::*;

    #[test]
    fn a_round_backs_up_once_a_day_and_applies_the_retention() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("murmelglas.sqlite3");
        {
            let mut store = Store::open(&path).expect("create");
            let old =
                chrono::DateTime::parse_from_rfc3339("2020-03-01T09:00:00+01:00").expect("time");
            let mut c = Contact::new(Rating::Golden, old);
            c.note = Some("lange her".into());
            store.insert_contact(&c).expect("insert");
            let settings = Settings {
                story_retention_months: Some(12),
                ..store.get_settings().expect("settings")
            };
            store.update_settings(&settings).expect("retention");
        }
        let db = Database::open(&path).expect("open");
        let first = round(&db);
        let made = first.backup.expect("the day's backup");
        assert_eq!(made.reason, BackupReason::Daily);
        assert!(first.backup_error.is_none());
        assert_eq!(
            (first.stories_deleted, first.retention_months),
            (1, Some(12))
        );
        let second = round(&db);
        assert!(second.backup.is_none(), "one daily backup a day");
        assert_eq!(second.stories_deleted, 0);
        let notes = db
            .read(|s| s.list_contacts(&Default::default()))
            .expect("contacts");
        assert_eq!(notes.len(), 1, "the contact stays");
        assert_eq!(notes[0].note, None);
    }
}
