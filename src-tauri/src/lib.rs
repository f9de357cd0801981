//! The Murmelglas desktop shell: opens the same database as the CLI and exposes the core
//! library to the window through thin commands, plus the tray, global shortcuts and the
//! reminder for logging without the window.
//!
//! Every command that touches the database runs off the window's thread (see
//! [`database::off_main`]); long jobs (import, export, report, chart PNG) use connections
//! of their own, so logging and looking at the jar go on meanwhile.

mod backups;
mod commands;
mod cycle;
mod data;
pub mod database;
mod desktop;
mod error;
mod feedback;
pub mod prefs;
mod protection;
mod rendering;
mod review;
pub mod server;
mod start_script;
mod team;
pub mod this_computer;
mod upkeep;

pub use backups::BackupList;
pub use commands::{week_start, Bootstrap, JarPeriod, JarView, Start, VocabularyEntry};
pub use cycle::{CycleView, MinutesKind};
pub use data::{ExportDone, ExportKind, ExportProgress, ImportOutcome, ImportProgressEvent};
pub use database::{Database, OpenProblem};
pub use desktop::DesktopTexts;
pub use error::AppError;
pub use feedback::{
    CauseEntry, FeedbackExportDone, FeedbackImportOutcome, FeedbackList, FeedbackSetup,
    FeedbackStatsView, MeetingFeedbackView,
};
pub use protection::{AnonymousDone, MemberErased, MemberExport, RetentionDone};
pub use review::{ChartId, ChartView, ReviewView};
pub use server::{Connected, ServerForm, ServerStatus, TlsMode};
pub use start_script::{Answer, StartData};
pub use upkeep::Upkeep;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, Once};

use murmelglas::error_code::ErrorCode;
use murmelglas::store;
use prefs::Prefs;
use tauri::Manager;
use this_computer::LoggedHere;

/// The database the window works on, or why there is none.
pub enum DbSlot {
    /// Being opened (and migrated, if an older version wrote it) off the window's thread.
    Opening,
    Open(Arc<Database>),
    Unavailable(OpenProblem),
}

/// What every command shares.
pub struct AppState {
    db: Mutex<DbSlot>,
    /// Signalled when the slot leaves [`DbSlot::Opening`].
    db_opened: Condvar,
    pub prefs: Mutex<Prefs>,
    pub prefs_path: PathBuf,
    /// The app's data folder (this computer's notes, the server's outbox).
    pub data_dir: PathBuf,
    /// The contacts logged on this computer ("this computer's figures").
    pub logged_here: LoggedHere,
    /// The running import's cancel flag; `None` when no import runs.
    pub import: Mutex<Option<Arc<AtomicBool>>>,
    /// Wakes the upkeep (daily backup, story retention) after switching files.
    pub upkeep: Mutex<Option<std::sync::mpsc::Sender<()>>>,
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

/// A poisoned lock is still safe to use here: every value behind one is replaced whole.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

impl AppState {
    pub fn prefs(&self) -> MutexGuard<'_, Prefs> {
        lock(&self.prefs)
    }

    /// The open database, or why there is none; waits while it is being opened. Blocks:
    /// call it off the window's thread.
    pub fn slot(&self) -> Result<Arc<Database>, OpenProblem> {
        let mut slot = lock(&self.db);
        loop {
            match &*slot {
                DbSlot::Open(db) => return Ok(db.clone()),
                DbSlot::Unavailable(problem) => return Err(problem.clone()),
                DbSlot::Opening => {
                    slot = self.db_opened.wait(slot).unwrap_or_else(|p| p.into_inner());
                }
            }
        }
    }

    /// The open database for a command; an error when there is none.
    pub fn database(&self) -> Result<Arc<Database>, AppError> {
        self.slot()
            .map_err(|problem| AppError::new(ErrorCode::NoDatabase, problem.message))
    }

    pub fn set_slot(&self, slot: DbSlot) {
        *lock(&self.db) = slot;
        self.db_opened.notify_all();
    }

    /// Asks the upkeep to look at the database now (after switching files).
    pub fn wake_upkeep(&self) {
        if let Some(wake) = lock(&self.upkeep).as_ref() {
            let _ = wake.send(());
        }
    }
}

/// The database the app opens: `MURMELGLAS_DB` if set (a file or a `postgres://` URL),
/// else the file or server chosen on this computer, else the platform default (the CLI's rule), so `murmelglas stats` shows what
/// was logged in the app.
pub fn database_path(prefs: &Prefs) -> Result<PathBuf, AppError> {
    if let Some(path) = std::env::var_os("MURMELGLAS_DB").filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    if let Some(path) = prefs.database.as_deref().filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    store::default_path().ok_or_else(|| AppError {
        code: ErrorCode::NoDataDir,
        message: "cannot find a data directory for the database; set MURMELGLAS_DB".into(),
    })
}

/// Opens the team's server `url` names (its password from the URL, the keyring or
/// `PGPASSWORD`).
fn open_server(state: &AppState, url: &str) -> DbSlot {
    let shown = store::postgres::shown_url(url);
    let link = server::Link::new(
        &server::connect_url(url),
        &server::outbox_path(&state.data_dir),
    );
    match link.map(Database::open_server) {
        Ok(Ok(db)) => DbSlot::Open(Arc::new(db)),
        Ok(Err(problem)) => DbSlot::Unavailable(problem),
        Err(e) => DbSlot::Unavailable(OpenProblem {
            path: shown,
            code: e.code,
            message: e.message,
            backup_folder: String::new(),
            backups: Vec::new(),
        }),
    }
}

/// Opens the database (or records why it cannot be opened) into the state's slot.
fn open_into(state: &AppState) {
    let path = database_path(&state.prefs());
    let server_url = path
        .as_ref()
        .ok()
        .and_then(|p| p.to_str())
        .filter(|p| store::postgres::is_url(p))
        .map(str::to_string);
    if let Some(url) = server_url {
        state.set_slot(open_server(state, &url));
        return;
    }
    let slot = match path {
        Ok(path) => match Database::open(&path) {
            Ok(db) => DbSlot::Open(Arc::new(db)),
            Err(problem) => DbSlot::Unavailable(problem),
        },
        Err(e) => DbSlot::Unavailable(OpenProblem::new(Path::new(""), e.code, e.message)),
    };
    state.set_slot(slot);
}

fn new_state(config_dir: &Path, data_dir: &Path) -> AppState {
    let prefs_path = prefs::prefs_path(config_dir);
    let prefs = Prefs::load(&prefs_path);
    AppState {
        db: Mutex::new(DbSlot::Opening),
        db_opened: Condvar::new(),
        prefs: Mutex::new(prefs),
        prefs_path,
        data_dir: data_dir.to_path_buf(),
        logged_here: LoggedHere::load(&LoggedHere::file(data_dir)),
        import: Mutex::new(None),
        upkeep: Mutex::new(None),
        texts: Mutex::new(DesktopTexts::default()),
        shortcut_plugin: Once::new(),
        shortcuts_started: AtomicBool::new(false),
        shortcuts_lock: Mutex::new(()),
    }
}

/// Builds and runs the app. Called by `main`; everything else is in the commands.
pub fn run() {
    // Before any thread and the window: the web process inherits it.
    rendering::choose_for_this_computer();
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
            let data_dir = app.path().app_data_dir()?;
            app.manage(new_state(&config_dir, &data_dir));
            // Opening (and migrating an older file) happens beside the first paint; the
            // window's first command waits for it. A file that cannot be opened is shown
            // in the window, with what can be done.
            let handle = app.handle().clone();
            std::thread::spawn(move || open_into(&handle.state::<AppState>()));
            server::start_sender(app.handle());
            desktop::start_reminder(app.handle().clone());
            Ok(())
        })
        // The start screen's data, loaded by the page before its code (start_script.rs).
        .register_asynchronous_uri_scheme_protocol(
            start_script::SCHEME,
            |ctx, request, responder| {
                start_script::respond(ctx.app_handle(), ctx.webview_label(), &request, responder)
            },
        )
        .on_page_load(|_, page| {
            // The bench's start splits here: before, Tauri, GTK and WebKit; after, the page.
            if page.event() == tauri::webview::PageLoadEvent::Started {
                desktop::report("page loading");
            }
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
            commands::check_database,
            commands::quit,
            team::save_settings,
            team::members,
            team::add_member,
            team::rename_member,
            team::set_member_active,
            data::import_file,
            data::cancel_import,
            data::export_file,
            data::open_data_folder,
            data::switch_database,
            data::save_prefs,
            data::choose_member,
            backups::backups,
            backups::create_backup,
            backups::restore_backup,
            backups::restore_into_new_file,
            protection::named_contacts,
            protection::set_anonymous_only,
            protection::retention_preview,
            protection::set_story_retention,
            protection::export_member_data,
            protection::erase_member,
            desktop::desktop_ready,
            review::review,
            review::drill,
            review::save_chart_png,
            review::save_report,
            review::set_full_screen,
            server::server_status,
            server::test_server,
            server::connect_server,
            server::use_local_file,
            server::upload_source,
            server::upload_to_server,
            // Suggestions and complaints (issue 14).
            feedback::feedback_list,
            feedback::feedback_overdue,
            feedback::feedback_item,
            feedback::add_feedback,
            feedback::advance_feedback,
            feedback::feedback_setup,
            feedback::save_feedback_settings,
            feedback::add_cause,
            feedback::rename_cause,
            feedback::set_cause_retired,
            feedback::feedback_stats,
            feedback::feedback_drill,
            feedback::feedback_meeting,
            feedback::save_feedback_cards,
            feedback::export_feedback,
            feedback::import_feedback,
            cycle::cycle,
            cycle::add_goal,
            cycle::end_goal,
            cycle::add_measure,
            cycle::set_measure_status,
            cycle::add_rule,
            cycle::reword_rule,
            cycle::retire_rule,
            cycle::meeting_agenda,
            cycle::save_meeting,
            cycle::meeting,
            cycle::save_minutes,
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            // Only Tauri itself failing to start ends up here; a database that cannot be
            // opened is shown in the window.
            eprintln!("murmelglas: {e}");
            std::process::exit(1);
        });
}
