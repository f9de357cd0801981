//! The one error shape that crosses to the window: a stable `code` the UI translates, and
//! an English `message` it shows when it has no translation.

use murmelglas::backup::BackupError;
use murmelglas::domain::DomainError;
use murmelglas::import::ImportError;
use murmelglas::StoreError;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct AppError {
    pub code: String,
    pub message: String,
}

impl AppError {
    pub fn new(code: &str, message: impl std::fmt::Display) -> Self {
        AppError {
            code: code.to_string(),
            message: message.to_string(),
        }
    }
}

impl From<DomainError> for AppError {
    fn from(e: DomainError) -> Self {
        let code = match e {
            DomainError::UnknownCode { .. } => "unknown_code",
            DomainError::NpsOutOfRange(_) => "nps_out_of_range",
            DomainError::NoteTooLong(_) => "note_too_long",
            DomainError::BadMemberName(_) => "bad_member_name",
            DomainError::BadTarget(_) => "bad_target",
            DomainError::InFuture(_) => "in_future",
            DomainError::TeamNameTooLong(_) => "team_name_too_long",
            DomainError::ControlCharacter { .. } => "control_character",
            DomainError::BadRetention(_) => "bad_retention",
            DomainError::BadPlaceName(_) => "bad_place_name",
            DomainError::TimeOutOfRange(_) => "time_out_of_range",
        };
        AppError::new(code, e)
    }
}

/// What SQLite's own error means for a person: the file is damaged, busy, full, or not
/// to be written.
fn sqlite_code(e: &rusqlite::Error) -> &'static str {
    use rusqlite::ErrorCode as C;
    match e.sqlite_error_code() {
        Some(C::DatabaseCorrupt) => "database_corrupt",
        Some(C::NotADatabase) => "not_a_database",
        Some(C::DiskFull) => "disk_full",
        Some(C::ReadOnly) => "read_only",
        Some(C::CannotOpen | C::PermissionDenied) => "cannot_open",
        Some(C::DatabaseBusy | C::DatabaseLocked) => "database_busy",
        Some(C::SystemIoFailure) => "io_error",
        _ => "database",
    }
}

/// The window's code for a store error; also names why a file could not be opened.
pub fn store_error_code(e: &StoreError) -> &'static str {
    match e {
        StoreError::TooNew { .. } => "database_too_new",
        StoreError::Foreign { .. } => "not_murmelglas",
        StoreError::NotADatabase { .. } => "not_a_database",
        StoreError::ReadOnlyTooOld { .. } => "read_only_too_old",
        StoreError::ReadOnly { .. } => "read_only",
        StoreError::Open { .. } => "cannot_open",
        StoreError::CreateDir { .. } => "cannot_create_folder",
        StoreError::Migration { .. } => "migration_failed",
        StoreError::Backup(_) => "backup_before_migration",
        StoreError::UnknownMember(_) => "unknown_member",
        StoreError::MemberExists(_) => "member_exists",
        StoreError::UnknownContact(_) => "unknown_contact",
        StoreError::DuplicateContact(_) => "duplicate_contact",
        StoreError::NothingToUndo => "nothing_to_undo",
        StoreError::ServerUrl { .. } => "server_url",
        StoreError::Server { problem, .. } => problem.code(),
        // The server said it is shutting down, crashed or is starting (57P01–03): it
        // will answer again, so what was to be logged waits in the outbox.
        StoreError::Postgres(inner)
            if e.is_unreachable()
                || inner
                    .code()
                    .is_some_and(|c| matches!(c.code(), "57P01" | "57P02" | "57P03")) =>
        {
            "server_unreachable"
        }
        StoreError::ServerNotInitialised { .. } => "server_not_initialised",
        StoreError::ServerSchemaOld { .. } => "server_schema_old",
        StoreError::Feedback(inner) => inner.code(),
        StoreError::Cycle(inner) => inner.code(),
        StoreError::Sqlite(inner) => sqlite_code(inner),
        _ => "database",
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        // A value refused inside feedback or the cycle says what is wrong with it.
        match e {
            StoreError::Domain(inner)
            | StoreError::Feedback(murmelglas::feedback::FeedbackError::Domain(inner))
            | StoreError::Cycle(murmelglas::cycle::CycleError::Domain(inner)) => {
                return inner.into()
            }
            _ => {}
        }
        AppError::new(store_error_code(&e), e)
    }
}

impl From<BackupError> for AppError {
    fn from(e: BackupError) -> Self {
        match &e {
            BackupError::Sqlite(inner) => AppError::new(sqlite_code(inner), e),
            // The live database itself fails the check: it is damaged.
            BackupError::CopyDamaged { .. } => AppError::new("database_corrupt", e),
            other => AppError::new(other.code(), e),
        }
    }
}

impl From<ImportError> for AppError {
    fn from(e: ImportError) -> Self {
        match e {
            ImportError::Store(inner) => inner.into(),
            ImportError::Invalid { .. } => AppError::new("import_invalid", e),
            other => AppError::new("import_failed", other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use murmelglas::store::ServerProblem;

    #[test]
    fn store_errors_keep_their_meaning_across_the_boundary() {
        let busy = StoreError::Sqlite(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(5),
            Some("database is locked".into()),
        ));
        assert_eq!(AppError::from(busy).code, "database_busy");
        let corrupt = StoreError::Sqlite(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(11),
            None,
        ));
        assert_eq!(AppError::from(corrupt).code, "database_corrupt");
        let full = StoreError::Sqlite(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(13),
            None,
        ));
        assert_eq!(AppError::from(full).code, "disk_full");
        let domain = StoreError::Domain(DomainError::NoteTooLong(5000));
        assert_eq!(AppError::from(domain).code, "note_too_long");
        assert_eq!(
            AppError::from(StoreError::ReadOnly { path: "x".into() }).code,
            "read_only"
        );
        // The window's words follow the kind of problem the core found, not its phrasing.
        let server = |problem| {
            AppError::from(StoreError::Server {
                url: "postgres://ana@db/team".into(),
                problem,
                reason: "whatever the server said".into(),
            })
            .code
        };
        assert_eq!(server(ServerProblem::Login), "server_login");
        assert_eq!(server(ServerProblem::NoDatabase), "server_no_database");
        assert_eq!(server(ServerProblem::Rights), "server_rights");
        assert_eq!(server(ServerProblem::Tls), "server_tls");
        assert_eq!(server(ServerProblem::Unreachable), "server_unreachable");
    }
}
