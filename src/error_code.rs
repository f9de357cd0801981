//! The codes errors carry to the window, which says them in the person's language. One
//! enum, exported to TypeScript as a union of strings: a code without a German and an
//! English text is a type error in the front end, and a test walks [`ErrorCode::ALL`].

use serde::{Deserialize, Serialize};

macro_rules! error_codes {
    ($($variant:ident = $code:literal,)+) => {
        /// What went wrong, for the window's words (`error.<code>` in its text table).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub enum ErrorCode {
            $(#[serde(rename = $code)] $variant,)+
        }

        impl ErrorCode {
            /// Every code, in the order of the table.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant,)+];

            /// The code as the window's text table names it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $code,)+
                }
            }
        }
    };
}

error_codes! {
    AlreadyIn = "already_in",
    AmbiguousFocus = "ambiguous_focus",
    AnswerFirst = "answer_first",
    AnswerNoteTooLong = "answer_note_too_long",
    BackupBeforeMigration = "backup_before_migration",
    BackupCopyDamaged = "backup_copy_damaged",
    BackupDamaged = "backup_damaged",
    BackupFolder = "backup_folder",
    BackupFolderSetting = "backup_folder_setting",
    BackupForeign = "backup_foreign",
    BackupInMemory = "backup_in_memory",
    BackupOnServer = "backup_on_server",
    BackupTooNew = "backup_too_new",
    BackupUnknown = "backup_unknown",
    BadCauseName = "bad_cause_name",
    BadComplaintsTarget = "bad_complaints_target",
    BadDays = "bad_days",
    BadId = "bad_id",
    BadKey = "bad_key",
    BadMemberName = "bad_member_name",
    BadPlaceName = "bad_place_name",
    BadRef = "bad_ref",
    BadReminderHours = "bad_reminder_hours",
    BadReminderTime = "bad_reminder_time",
    BadRetention = "bad_retention",
    BadShortcut = "bad_shortcut",
    BadTarget = "bad_target",
    BadValue = "bad_value",
    BadWeek = "bad_week",
    BadWeekday = "bad_weekday",
    BeforeReceived = "before_received",
    BeforeStart = "before_start",
    CannotCreateFolder = "cannot_create_folder",
    CannotOpen = "cannot_open",
    CauseExists = "cause_exists",
    CauseRetired = "cause_retired",
    CauseWithGoldenShare = "cause_with_golden_share",
    Chart = "chart",
    ControlCharacter = "control_character",
    Database = "database",
    DatabaseBusy = "database_busy",
    DatabaseCorrupt = "database_corrupt",
    DatabaseOpen = "database_open",
    DatabaseTooNew = "database_too_new",
    DiskFull = "disk_full",
    DuplicateContact = "duplicate_contact",
    EmptyRange = "empty_range",
    EmptyText = "empty_text",
    EndedWithoutDay = "ended_without_day",
    ExportFailed = "export_failed",
    FileExists = "file_exists",
    FullScreen = "full_screen",
    GoalEnded = "goal_ended",
    ImportFailed = "import_failed",
    ImportInvalid = "import_invalid",
    ImportRunning = "import_running",
    InFuture = "in_future",
    Internal = "internal",
    InvalidValue = "invalid_value",
    IoError = "io_error",
    LoggedHere = "logged_here",
    MemberExists = "member_exists",
    MigrationFailed = "migration_failed",
    NoDataDir = "no_data_dir",
    NoDatabase = "no_database",
    NoMeetings = "no_meetings",
    NoWindow = "no_window",
    NoWorkingDays = "no_working_days",
    NotADatabase = "not_a_database",
    NotASharedStory = "not_a_shared_story",
    NotMurmelglas = "not_murmelglas",
    NoteTooLong = "note_too_long",
    NothingToUndo = "nothing_to_undo",
    NpsOutOfRange = "nps_out_of_range",
    OpenFolder = "open_folder",
    OutcomeMissing = "outcome_missing",
    PartWithComplaints = "part_with_complaints",
    PartWithoutTarget = "part_without_target",
    PeriodOutOfRange = "period_out_of_range",
    PrefsWrite = "prefs_write",
    ReadOnly = "read_only",
    ReadOnlyTooOld = "read_only_too_old",
    ReasonMissing = "reason_missing",
    RestoreDamaged = "restore_damaged",
    RestoreMigrate = "restore_migrate",
    ServerForm = "server_form",
    ServerLogin = "server_login",
    ServerNoDatabase = "server_no_database",
    ServerNotInitialised = "server_not_initialised",
    ServerRights = "server_rights",
    ServerSchemaOld = "server_schema_old",
    ServerTls = "server_tls",
    ServerUnreachable = "server_unreachable",
    ServerUrl = "server_url",
    Shortcut = "shortcut",
    ShortcutTaken = "shortcut_taken",
    ShortcutTwice = "shortcut_twice",
    StepNoteTooLong = "step_note_too_long",
    StripNeedsAnonymous = "strip_needs_anonymous",
    SummaryMissing = "summary_missing",
    SummaryTooLong = "summary_too_long",
    TeamNameTooLong = "team_name_too_long",
    TextTooLong = "text_too_long",
    TimeOutOfRange = "time_out_of_range",
    TooFew = "too_few",
    Tray = "tray",
    UnknownCause = "unknown_cause",
    UnknownCell = "unknown_cell",
    UnknownCode = "unknown_code",
    UnknownContact = "unknown_contact",
    UnknownFocus = "unknown_focus",
    UnknownGoal = "unknown_goal",
    UnknownItem = "unknown_item",
    UnknownMeasure = "unknown_measure",
    UnknownMeeting = "unknown_meeting",
    UnknownMember = "unknown_member",
    UnknownRule = "unknown_rule",
    UploadNeedsServer = "upload_needs_server",
    WriteFailed = "write_failed",
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_snake_case_and_serialise_as_themselves() {
        let mut seen = std::collections::BTreeSet::new();
        for code in ErrorCode::ALL {
            let s = code.as_str();
            assert!(seen.insert(s), "{s} twice");
            assert!(
                s.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{s}"
            );
            assert_eq!(serde_json::to_string(code).ok(), Some(format!("\"{s}\"")));
        }
    }
}
