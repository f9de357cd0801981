//! The settings view's file work: import and export through native dialogs, the
//! database location, switching to another file, and this computer's preferences.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use murmelglas::domain::Lang;
use murmelglas::export::{self, Format};
use murmelglas::import::{
    self, ImportControl, ImportError, ImportProgress, ImportSummary, RowError,
};
use murmelglas::store::ContactFilter;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Emitter, Manager, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

use crate::commands::{bootstrap_of, Bootstrap, CommandResult};
use crate::database::{off_main, Database};
use crate::prefs::Prefs;
use crate::{desktop, lock, AppError, AppState, DbSlot};
use murmelglas::error_code::ErrorCode;

/// For the end-to-end tests only: a path here answers the next file dialog, because a
/// WebDriver cannot operate a native dialog. Nobody sets it in normal use.
const PICK_ENV: &str = "MURMELGLAS_E2E_PICK";

/// A chosen file, and whether the person already agreed to replace it (the save dialog
/// asks before returning an existing file).
pub(crate) struct Picked {
    pub path: PathBuf,
    pub may_replace: bool,
}

/// What a file dialog offers to open or save.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileKind {
    /// Contacts (CSV, JSON) or a database.
    Data,
    /// The weekly report.
    Html,
    /// A chart for slides.
    Png,
    /// A member's data (a subject-access request).
    Json,
    /// A meeting's minutes as Markdown.
    Markdown,
}

pub(crate) fn pick(
    app: &AppHandle,
    save: bool,
    title: &str,
    file_name: Option<&str>,
    kind: FileKind,
) -> Option<Picked> {
    if let Some(path) = std::env::var_os(PICK_ENV).filter(|p| !p.is_empty()) {
        return Some(Picked {
            path: PathBuf::from(path),
            may_replace: false,
        });
    }
    let mut dialog = app.dialog().file().set_title(title);
    dialog = match kind {
        FileKind::Data => dialog
            .add_filter("CSV", &["csv", "txt", "tsv"])
            .add_filter("JSON", &["json"])
            .add_filter("SQLite", &["sqlite3", "sqlite", "db"]),
        FileKind::Html => dialog.add_filter("HTML", &["html", "htm"]),
        FileKind::Png => dialog.add_filter("PNG", &["png"]),
        FileKind::Json => dialog.add_filter("JSON", &["json"]),
        FileKind::Markdown => dialog.add_filter("Markdown", &["md", "markdown"]),
    };
    if let Some(name) = file_name {
        dialog = dialog.set_file_name(name);
    }
    let chosen = if save {
        dialog.blocking_save_file()
    } else {
        dialog.blocking_pick_file()
    };
    chosen.and_then(|p| p.into_path().ok()).map(|path| Picked {
        path,
        may_replace: save,
    })
}

/// What an import from the settings view did.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum ImportOutcome {
    /// The person closed the dialog.
    Cancelled,
    /// The person stopped the running import: nothing was imported.
    Stopped { file: String },
    Imported {
        file: String,
        summary: ImportSummary,
    },
    /// Nothing was imported: the bad rows, each with its line and column.
    Rejected {
        file: String,
        errors: Vec<RowError>,
        total: usize,
    },
}

/// The event that reports how far an import has come, about ten times a second.
pub const IMPORT_PROGRESS: &str = "import-progress";

/// How far the running import has come.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ImportProgressEvent {
    pub file: String,
    /// Records read so far (good and bad).
    pub rows: u64,
    pub bytes: u64,
    pub total_bytes: Option<u64>,
}

/// Clears the running import's cancel flag when the import ends, however it ends.
struct ImportRunning<'a>(&'a AppState);

impl Drop for ImportRunning<'_> {
    fn drop(&mut self) {
        *lock(&self.0.import) = None;
    }
}

/// Imports a CSV or JSON file chosen in a dialog: all of it, or nothing with every bad row
/// named. It runs on a connection of its own and reports its progress as events; logging
/// in the window goes on meanwhile (a contact waits for the import's commit).
#[tauri::command]
pub async fn import_file(app: AppHandle, title: String) -> CommandResult<ImportOutcome> {
    off_main(move || {
        let state = app.state::<AppState>();
        let db = state.database()?;
        if let Some(reason) = db.read_only() {
            return Err(AppError::new(ErrorCode::ReadOnly, &reason.message));
        }
        let Some(picked) = pick(&app, false, &title, None, FileKind::Data) else {
            return Ok(ImportOutcome::Cancelled);
        };
        let cancel = Arc::new(AtomicBool::new(false));
        {
            let mut running = lock(&state.import);
            if running.is_some() {
                return Err(AppError::new(
                    ErrorCode::ImportRunning,
                    "an import is running already",
                ));
            }
            *running = Some(cancel.clone());
        }
        let _running = ImportRunning(&state);
        let file = picked.path.display().to_string();
        let format = Format::from_path(&picked.path).unwrap_or(Format::Csv);
        let report = |progress: ImportProgress| {
            let _ = app.emit(
                IMPORT_PROGRESS,
                ImportProgressEvent {
                    file: file.clone(),
                    rows: progress.rows,
                    bytes: progress.bytes,
                    total_bytes: progress.total_bytes,
                },
            );
        };
        report(ImportProgress {
            total_bytes: import::file_length(&picked.path),
            ..ImportProgress::default()
        });
        let mut store = db.own_writer()?;
        let control = ImportControl {
            progress: Some(&report),
            cancel: Some(&cancel),
        };
        match import::import_file_with(&mut store, &picked.path, Some(format), control) {
            Ok(summary) => Ok(ImportOutcome::Imported { file, summary }),
            Err(ImportError::Invalid { errors, total, .. }) => Ok(ImportOutcome::Rejected {
                file,
                errors,
                total,
            }),
            Err(ImportError::Cancelled { .. }) => Ok(ImportOutcome::Stopped { file }),
            Err(e) => Err(e.into()),
        }
    })
    .await
}

/// Stops the running import; it writes nothing. `false` when no import runs.
#[tauri::command]
pub fn cancel_import(state: State<'_, AppState>) -> bool {
    match lock(&state.import).as_ref() {
        Some(cancel) => {
            cancel.store(true, Ordering::Relaxed);
            true
        }
        None => false,
    }
}

#[derive(Debug, Clone, Copy, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportKind {
    /// For German spreadsheets: `;`, labels, BOM.
    CsvDe,
    CsvEn,
    Json,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ExportDone {
    pub file: String,
    pub contacts: u64,
}

/// The event that reports how far an export has come, about ten times a second.
pub const EXPORT_PROGRESS: &str = "export-progress";

/// How far the running export has come: contacts written of all.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ExportProgress {
    pub file: String,
    pub rows: u64,
    pub total: u64,
}

/// Exports every contact to a file chosen in a save dialog; `None` when cancelled. Reads
/// on a connection of its own and reports its progress as events.
#[tauri::command]
pub async fn export_file(
    app: AppHandle,
    kind: ExportKind,
    title: String,
) -> CommandResult<Option<ExportDone>> {
    let (format, lang, ext) = match kind {
        ExportKind::CsvDe => (Format::Csv, Lang::De, "csv"),
        ExportKind::CsvEn => (Format::Csv, Lang::En, "csv"),
        ExportKind::Json => (Format::Json, Lang::En, "json"),
    };
    off_main(move || {
        let db = app.state::<AppState>().database()?;
        let name = format!("murmelglas-{}.{ext}", murmelglas::datetime::today());
        let Some(picked) = pick(&app, true, &title, Some(&name), FileKind::Data) else {
            return Ok(None);
        };
        let store = db.own_reader()?;
        let total = store.count_contacts()?;
        let file = picked.path.display().to_string();
        let report = |rows: u64| {
            let _ = app.emit(
                EXPORT_PROGRESS,
                ExportProgress {
                    file: file.clone(),
                    rows,
                    total,
                },
            );
        };
        report(0);
        let contacts = export::write_contacts_to_file_with(
            &store,
            &ContactFilter::default(),
            format,
            lang,
            &picked.path,
            picked.may_replace,
            Some(&report),
        )
        .map_err(export_error)?;
        Ok(Some(ExportDone { file, contacts }))
    })
    .await
}

pub(crate) fn export_error(e: export::ExportError) -> AppError {
    match e {
        export::ExportError::Exists(_) => AppError::new(ErrorCode::FileExists, e),
        export::ExportError::Store(inner) => inner.into(),
        other => AppError::new(ErrorCode::ExportFailed, other),
    }
}

/// Shows the database file in the system's file manager.
#[tauri::command]
pub async fn open_data_folder(app: AppHandle) -> CommandResult<()> {
    off_main(move || {
        let path = app.state::<AppState>().database()?.path().to_path_buf();
        app.opener()
            .reveal_item_in_dir(&path)
            .map_err(|e| AppError::new(ErrorCode::OpenFolder, e))
    })
    .await
}

/// Switches to another database file, an existing one or a new one; remembered on this
/// computer. A file that is not a Murmelglas database is refused and the current one
/// stays open (or, on the start screen of a file that cannot be opened, that screen
/// stays). `None` when cancelled.
#[tauri::command]
pub async fn switch_database(
    app: AppHandle,
    create: bool,
    title: String,
) -> CommandResult<Option<Bootstrap>> {
    off_main(move || {
        let Some(picked) = pick(
            &app,
            create,
            &title,
            create.then_some("murmelglas.sqlite3"),
            FileKind::Data,
        ) else {
            return Ok(None);
        };
        if create && picked.path.exists() && !picked.may_replace {
            return Err(AppError::new(
                ErrorCode::FileExists,
                format!("{} already exists", picked.path.display()),
            ));
        }
        // A new database replaces nothing: an existing file chosen in "new" is opened as
        // is (and refused if it is not ours).
        let db = Database::open(&picked.path)
            .map_err(|problem| AppError::new(problem.code, problem.message))?;
        open_database(&app, db).map(Some)
    })
    .await
}

/// Makes `db` the window's database, remembers it on this computer, and returns the
/// window's start data for it.
pub(crate) fn open_database(app: &AppHandle, db: Database) -> CommandResult<Bootstrap> {
    let state = app.state::<AppState>();
    let db = Arc::new(db);
    update_prefs(&state, |prefs| {
        prefs.database = Some(db.path().display().to_string());
        Ok(())
    })?;
    state.set_slot(DbSlot::Open(db.clone()));
    state.wake_upkeep();
    bootstrap_of(&state, &db)
}

/// Saves this computer's preferences and applies the shortcuts at once. `async`, so it
/// runs off the main thread: registering waits for the main thread (and for a
/// registration already under way).
#[tauri::command]
pub async fn save_prefs(
    app: AppHandle,
    state: State<'_, AppState>,
    prefs: Prefs,
) -> CommandResult<Prefs> {
    let (saved, shortcuts_changed) = save_form(&state, prefs)?;
    if shortcuts_changed {
        desktop::register_shortcuts(&app)?;
    }
    Ok(saved)
}

/// Checks and saves the settings form; returns what was saved and whether the global
/// shortcuts changed.
fn save_form(state: &AppState, form: Prefs) -> Result<(Prefs, bool), AppError> {
    form.validate()?;
    if form.shortcuts_enabled {
        desktop::parse_shortcut(&form.shortcut_golden)?;
        desktop::parse_shortcut(&form.shortcut_ordinary)?;
    }
    let place = murmelglas::domain::check_place(form.place.as_deref())?;
    let mut shortcuts_changed = false;
    let saved = update_prefs(state, |current| {
        shortcuts_changed = current.shortcuts_enabled != form.shortcuts_enabled
            || current.shortcut_golden != form.shortcut_golden
            || current.shortcut_ordinary != form.shortcut_ordinary;
        *current = settings_form_onto(current, Prefs { place, ..form });
        Ok(())
    })?;
    Ok((saved, shortcuts_changed))
}

/// The settings form's fields over the current preferences. The file (or server) is
/// changed only by switching, and the person only by the log view's chooser: a settings
/// form opened before either must not undo it.
fn settings_form_onto(current: &Prefs, form: Prefs) -> Prefs {
    Prefs {
        database: current.database.clone(),
        local_file: current.local_file.clone(),
        member: current.member.clone(),
        ..form
    }
}

/// Remembers who logs on this computer (`None`: without a name); the global shortcuts and
/// the tray log as this person. Returns all preferences as saved.
/// `async`, so the file's sync to disk does not hold up the window's thread.
#[tauri::command]
pub async fn choose_member(
    state: State<'_, AppState>,
    member: Option<String>,
) -> CommandResult<Prefs> {
    update_prefs(&state, |prefs| {
        prefs.member = member.filter(|name| !name.trim().is_empty());
        Ok(())
    })
}

/// Changes the preferences and saves them, under one lock: two changes at once (the
/// person chosen while the settings are saved) both survive.
fn update_prefs(
    state: &AppState,
    change: impl FnOnce(&mut Prefs) -> Result<(), AppError>,
) -> Result<Prefs, AppError> {
    let mut current = lock(&state.prefs);
    let mut next = current.clone();
    change(&mut next)?;
    next.save(&state.prefs_path)?;
    *current = next.clone();
    Ok(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_settings_form_keeps_the_person_and_file_chosen_after_it_opened() {
        let dir = tempfile::tempdir().expect("temp dir");
        let state = crate::new_state(&dir.path().join("config"), &dir.path().join("data"));
        // The form opens with what was saved then: nobody chosen.
        let form_opened_with = state.prefs().clone();
        update_prefs(&state, |prefs| {
            prefs.member = Some("Ana".into());
            prefs.database = Some("/daten/team.sqlite3".into());
            Ok(())
        })
        .expect("choose");
        let form = Prefs {
            shortcut_golden: "Ctrl+Alt+Shift+F7".into(),
            ..form_opened_with
        };
        let (saved, shortcuts_changed) = save_form(&state, form).expect("save the form");
        assert!(shortcuts_changed);
        assert_eq!(saved.member.as_deref(), Some("Ana"));
        assert_eq!(saved.database.as_deref(), Some("/daten/team.sqlite3"));
        assert_eq!(saved.shortcut_golden, "Ctrl+Alt+Shift+F7");
        // And on disk, for the next start.
        let read = Prefs::load(&state.prefs_path);
        assert_eq!(read.member.as_deref(), Some("Ana"));
        assert_eq!(read.shortcut_golden, "Ctrl+Alt+Shift+F7");
    }
}
