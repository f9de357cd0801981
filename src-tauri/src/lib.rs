//! The Murmelglas desktop shell: opens the same database as the CLI and exposes the core
//! library to the window through a few thin commands.

mod commands;
mod error;

pub use commands::{week_start, Bootstrap, JarPeriod, JarView, VocabularyEntry};
pub use error::AppError;

use std::path::PathBuf;
use std::sync::Mutex;

use murmelglas::store::{self, Store};

/// What every command shares: the open database.
pub struct AppState {
    pub store: Mutex<Store>,
    pub db_path: PathBuf,
}

/// The database the app opens: `MURMELGLAS_DB` if set, else the platform default, the
/// same rule as the CLI, so `murmelglas stats` shows what was logged in the app.
pub fn database_path() -> Result<PathBuf, AppError> {
    match std::env::var_os("MURMELGLAS_DB").filter(|v| !v.is_empty()) {
        Some(path) => Ok(PathBuf::from(path)),
        None => store::default_path().ok_or_else(|| AppError {
            code: "no_data_dir".into(),
            message: "cannot find a data directory for the database; set MURMELGLAS_DB".into(),
        }),
    }
}

/// Builds and runs the app. Called by `main`; everything else is in the commands.
pub fn run() {
    let state = match database_path().and_then(|path| {
        let store = Store::open(&path).map_err(AppError::from)?;
        Ok(AppState {
            store: Mutex::new(store),
            db_path: path,
        })
    }) {
        Ok(state) => state,
        Err(e) => {
            // Without its database the app has nothing to show; say why and stop.
            eprintln!("murmelglas: {}", e.message);
            std::process::exit(1);
        }
    };
    tauri::Builder::default()
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::bootstrap,
            commands::log_contact,
            commands::amend_contact,
            commands::undo_contact,
            commands::jar,
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("murmelglas: the window could not start: {e}");
            std::process::exit(1);
        });
}
