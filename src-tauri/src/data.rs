//! The settings view's file work: import and export through native dialogs, the
//! database location, switching to another file, and this computer's preferences.

use std::path::PathBuf;

use murmelglas::domain::Lang;
use murmelglas::export::{self, Format};
use murmelglas::import::{self, ImportError, ImportSummary, RowError};
use murmelglas::store::{ContactFilter, Store};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

use crate::commands::{bootstrap_of, lock, Bootstrap, CommandResult};
use crate::prefs::Prefs;
use crate::{desktop, AppError, AppState};

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

/// Imports a CSV or JSON file chosen in a dialog: all of it, or nothing with every bad row
/// named. Runs off the window's thread, since a big file takes seconds.
#[tauri::command]
pub async fn import_file(
    app: AppHandle,
    state: State<'_, AppState>,
    title: String,
) -> CommandResult<ImportOutcome> {
    let Some(picked) = pick(&app, false, &title, None, FileKind::Data) else {
        return Ok(ImportOutcome::Cancelled);
    };
    let file = picked.path.display().to_string();
    let format = Format::from_path(&picked.path).unwrap_or(Format::Csv);
    match import::import_file(&mut lock(&state), &picked.path, Some(format)) {
        Ok(summary) => Ok(ImportOutcome::Imported { file, summary }),
        Err(ImportError::Invalid { errors, total, .. }) => Ok(ImportOutcome::Rejected {
            file,
            errors,
            total,
        }),
        Err(e) => Err(e.into()),
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

/// Exports every contact to a file chosen in a save dialog; `None` when cancelled.
#[tauri::command]
pub async fn export_file(
    app: AppHandle,
    state: State<'_, AppState>,
    kind: ExportKind,
    title: String,
) -> CommandResult<Option<ExportDone>> {
    let (format, lang, ext) = match kind {
        ExportKind::CsvDe => (Format::Csv, Lang::De, "csv"),
        ExportKind::CsvEn => (Format::Csv, Lang::En, "csv"),
        ExportKind::Json => (Format::Json, Lang::En, "json"),
    };
    let name = format!("murmelglas-{}.{ext}", murmelglas::datetime::today());
    let Some(picked) = pick(&app, true, &title, Some(&name), FileKind::Data) else {
        return Ok(None);
    };
    let contacts = export::write_contacts_to_file(
        &lock(&state),
        &ContactFilter::default(),
        format,
        lang,
        &picked.path,
        picked.may_replace,
    )
    .map_err(|e| match e {
        export::ExportError::Exists(_) => AppError::new("file_exists", e),
        other => AppError::new("export_failed", other),
    })?;
    Ok(Some(ExportDone {
        file: picked.path.display().to_string(),
        contacts,
    }))
}

/// Shows the database file in the system's file manager.
#[tauri::command]
pub fn open_data_folder(app: AppHandle, state: State<'_, AppState>) -> CommandResult<()> {
    let path = lock(&state)
        .path()
        .map(PathBuf::from)
        .ok_or_else(|| AppError::new("no_file", "the database is not a file"))?;
    app.opener()
        .reveal_item_in_dir(&path)
        .map_err(|e| AppError::new("open_folder", e))
}

/// Switches to another database file, an existing one or a new one; remembered on this
/// computer. A file that is not a Murmelglas database is refused and the current one
/// stays open. `None` when cancelled.
#[tauri::command]
pub async fn switch_database(
    app: AppHandle,
    state: State<'_, AppState>,
    create: bool,
    title: String,
) -> CommandResult<Option<Bootstrap>> {
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
            "file_exists",
            format!("{} already exists", picked.path.display()),
        ));
    }
    // A new database replaces nothing: an existing file chosen in "new" is opened as is
    // (and refused if it is not ours).
    let store = Store::open(&picked.path)?;
    *lock(&state) = store;
    let mut prefs = state.prefs().clone();
    prefs.database = Some(picked.path.display().to_string());
    set_prefs(&state, prefs)?;
    Ok(Some(bootstrap_of(&state)?))
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
    prefs.validate()?;
    if prefs.shortcuts_enabled {
        desktop::parse_shortcut(&prefs.shortcut_golden)?;
        desktop::parse_shortcut(&prefs.shortcut_ordinary)?;
    }
    let mut prefs = prefs;
    // The database is changed only by switching files.
    prefs.database = state.prefs().database.clone();
    let shortcuts_changed = {
        let old = state.prefs();
        old.shortcuts_enabled != prefs.shortcuts_enabled
            || old.shortcut_golden != prefs.shortcut_golden
            || old.shortcut_ordinary != prefs.shortcut_ordinary
    };
    set_prefs(&state, prefs.clone())?;
    if shortcuts_changed {
        desktop::register_shortcuts(&app)?;
    }
    Ok(prefs)
}

fn set_prefs(state: &AppState, prefs: Prefs) -> Result<(), AppError> {
    prefs.save(&state.prefs_path)?;
    *state.prefs.lock().unwrap_or_else(|p| p.into_inner()) = prefs;
    Ok(())
}
