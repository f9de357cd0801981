//! Preferences of this computer, not of the team: which database file it opens, who logs
//! here, the global shortcuts and the reminder. They live in the app's config folder as
//! JSON; the team's settings live in the shared database.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::AppError;
use murmelglas::error_code::ErrorCode;

/// What this computer remembers between starts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct Prefs {
    /// The database chosen with "switch file"; `None` is the default file.
    pub database: Option<String>,
    /// Who logs from the tray and the global shortcuts; `None` is anonymous.
    pub member: Option<String>,
    pub shortcuts_enabled: bool,
    /// Accelerators as `Ctrl+Alt+G` (see the global-shortcut plugin).
    pub shortcut_golden: String,
    pub shortcut_ordinary: String,
    /// A small system notification confirms logging from the tray or a shortcut.
    pub notify: bool,
    pub reminder_enabled: bool,
    /// Local time of day after which the reminder may fire, `HH:MM`.
    pub reminder_time: String,
    /// The reminder fires only if nothing was logged for this many hours.
    pub reminder_hours: u32,
    /// Where this computer stands ("Filiale Markt"); goes with every contact logged here.
    pub place: Option<String>,
    /// The local file used before connecting to the team's server: "back to the local
    /// file" opens it, and the upload reads it.
    pub local_file: Option<String>,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            database: None,
            member: None,
            shortcuts_enabled: true,
            shortcut_golden: "Ctrl+Alt+G".into(),
            shortcut_ordinary: "Ctrl+Alt+N".into(),
            notify: true,
            reminder_enabled: false,
            reminder_time: "16:30".into(),
            reminder_hours: 3,
            place: None,
            local_file: None,
        }
    }
}

impl Prefs {
    /// The reminder time as hours and minutes; `None` when it is not a valid `HH:MM`.
    pub fn reminder_at(&self) -> Option<chrono::NaiveTime> {
        chrono::NaiveTime::parse_from_str(self.reminder_time.trim(), "%H:%M").ok()
    }

    /// Checks the values a person can type.
    pub fn validate(&self) -> Result<(), AppError> {
        if self.reminder_at().is_none() {
            return Err(AppError::new(
                ErrorCode::BadReminderTime,
                format!("'{}' is not a time of day like 16:30", self.reminder_time),
            ));
        }
        if !(1..=12).contains(&self.reminder_hours) {
            return Err(AppError::new(
                ErrorCode::BadReminderHours,
                format!(
                    "the reminder waits 1 to 12 hours, not {}",
                    self.reminder_hours
                ),
            ));
        }
        murmelglas::domain::check_place(self.place.as_deref())?;
        Ok(())
    }

    /// Reads the file; a missing file is the defaults. A broken file is reported and
    /// replaced by the defaults only in memory: it stays on disk for a person to inspect.
    pub fn load(path: &Path) -> Prefs {
        match std::fs::read(path) {
            Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_else(|e| {
                eprintln!(
                    "murmelglas: {} is not readable ({e}); using default preferences",
                    path.display()
                );
                Prefs::default()
            }),
            Err(_) => Prefs::default(),
        }
    }

    /// Writes the file atomically (a temporary file renamed into place).
    pub fn save(&self, path: &Path) -> Result<(), AppError> {
        let fail = |e: &dyn std::fmt::Display| {
            AppError::new(
                ErrorCode::PrefsWrite,
                format!("cannot save preferences to {}: {e}", path.display()),
            )
        };
        let dir = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| fail(&e))?;
        // The core's writer: complete and synced to disk before it replaces the old file.
        murmelglas::export::write_via_temp(
            path,
            true,
            |e| fail(&e),
            |file| serde_json::to_writer_pretty(file, self).map_err(|e| fail(&e)),
        )
    }
}

/// The preferences file in the app's config folder.
pub fn prefs_path(config_dir: &Path) -> PathBuf {
    config_dir.join("preferences.json")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_defaults_for_missing_fields() {
        let dir = tempfile::tempdir().expect("dir");
        let path = prefs_path(dir.path());
        assert_eq!(Prefs::load(&path), Prefs::default());
        let prefs = Prefs {
            member: Some("Jürgen".into()),
            reminder_enabled: true,
            ..Prefs::default()
        };
        prefs.save(&path).expect("save");
        assert_eq!(Prefs::load(&path), prefs);
        std::fs::write(&path, r#"{"member": "Ana"}"#).expect("write");
        let partial = Prefs::load(&path);
        assert_eq!(partial.member.as_deref(), Some("Ana"));
        assert_eq!(partial.shortcut_golden, "Ctrl+Alt+G");
    }

    #[test]
    fn bad_reminder_values_are_refused() {
        let bad_time = Prefs {
            reminder_time: "25:00".into(),
            ..Prefs::default()
        };
        assert_eq!(
            bad_time.validate().expect_err("bad").code,
            ErrorCode::BadReminderTime
        );
        let bad_hours = Prefs {
            reminder_hours: 0,
            ..Prefs::default()
        };
        assert_eq!(
            bad_hours.validate().expect_err("bad").code,
            ErrorCode::BadReminderHours
        );
    }
}
