//! The Murmelglas desktop shell: opens the same database as the CLI and exposes the core
//! library to the window through thin commands, plus the tray, global shortcuts and the
//! reminder for logging without the window.

mod commands;
mod data;
mod desktop;
mod error;
pub mod prefs;
mod review;
mod team;

pub use commands::{week_start, Bootstrap, JarPeriod, JarView, VocabularyEntry};
pub use data::{ExportDone, ExportKind, ImportOutcome};
pub use desktop::DesktopTexts;
pub use error::AppError;
pub use review::{ChartId, ChartView, ReviewView};

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Mutex, MutexGuard, Once};

use murmelglas::store::{self, Store};
use prefs::Prefs;
use tauri::Manager;

/// What every command shares.
pub struct AppState {
    pub store: Mutex<Store>,
    pub prefs: Mutex<Prefs>,
    pub prefs_path: PathBuf,
    /// The tray's and notifications' words, sent by the window.
    pub texts: Mutex<DesktopTexts>,
    /// The global-shortcut plugin is added once, after the window is up.
    pub shortcut_plugin: Once,
    /// The first `desktop_ready` has started registering the shortcuts.
    pub shortcuts_started: AtomicBool,
    /// Held while the shortcuts are (re)registered: the first registration and one from
    /// saved settings must not interleave and leave both pairs of keys grabbed.
    pub shortcuts_lock: Mutex<()>,
}

impl AppState {
    pub fn prefs(&self) -> MutexGuard<'_, Prefs> {
        self.prefs.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The database the app opens: `MURMELGLAS_DB` if set, else the file chosen on this
/// computer, else the platform default (the CLI's rule), so `murmelglas stats` shows what
/// was logged in the app.
pub fn database_path(prefs: &Prefs) -> Result<PathBuf, AppError> {
    if let Some(path) = std::env::var_os("MURMELGLAS_DB").filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    if let Some(path) = prefs.database.as_deref().filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    store::default_path().ok_or_else(|| AppError {
        code: "no_data_dir".into(),
        message: "cannot find a data directory for the database; set MURMELGLAS_DB".into(),
    })
}

fn open_state(config_dir: &Path) -> Result<AppState, AppError> {
    let prefs_path = prefs::prefs_path(config_dir);
    let prefs = Prefs::load(&prefs_path);
    let path = database_path(&prefs)?;
    let store = Store::open(&path).map_err(|e| {
        AppError::new(
            "open_database",
            format!("{e} (database {})", path.display()),
        )
    })?;
    Ok(AppState {
        store: Mutex::new(store),
        prefs: Mutex::new(prefs),
        prefs_path,
        texts: Mutex::new(DesktopTexts::default()),
        shortcut_plugin: Once::new(),
        shortcuts_started: AtomicBool::new(false),
        shortcuts_lock: Mutex::new(()),
    })
}

/// Builds and runs the app. Called by `main`; everything else is in the commands.
pub fn run() {
    tauri::Builder::default()
        // First: a second start only brings the running window to the front.
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            desktop::show_window(app);
        }))
        .plugin(tauri_plugin_window_state::Builder::new().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_notification::init())
        .setup(|app| {
            let config_dir = app.path().app_config_dir()?;
            let state = open_state(&config_dir).map_err(|e| e.message)?;
            app.manage(state);
            desktop::start_reminder(app.handle().clone());
            Ok(())
        })
        .on_window_event(|window, event| {
            // With a tray icon, closing the window keeps Murmelglas in the tray, so the
            // tray menu and the shortcuts go on logging; "Quit" in the tray ends it.
            if let tauri::WindowEvent::CloseRequested { api, .. } = event {
                if window.app_handle().tray_by_id(desktop::TRAY_ID).is_some() {
                    api.prevent_close();
                    let _ = window.hide();
                }
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::bootstrap,
            commands::log_contact,
            commands::amend_contact,
            commands::undo_contact,
            commands::jar,
            commands::history,
            commands::history_count,
            commands::delete_contact,
            commands::restore_contact,
            team::save_settings,
            team::members,
            team::add_member,
            team::rename_member,
            team::set_member_active,
            data::import_file,
            data::export_file,
            data::open_data_folder,
            data::switch_database,
            data::save_prefs,
            desktop::desktop_ready,
            review::review,
            review::drill,
            review::save_chart_png,
            review::save_report,
            review::set_full_screen,
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            // Without its database the app has nothing to show; say why and stop.
            eprintln!("murmelglas: {e}");
            std::process::exit(1);
        });
}
