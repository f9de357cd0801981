//! The one error shape that crosses to the window: a stable `code` the UI translates, and
//! an English `message` it shows when it has no translation.

use murmelglas::backup::BackupError;
use murmelglas::domain::DomainError;
use murmelglas::error_code::ErrorCode;
use murmelglas::import::ImportError;
use murmelglas::StoreError;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
}

impl AppError {
    pub fn new(code: ErrorCode, message: impl std::fmt::Display) -> Self {
        AppError {
            code,
            message: message.to_string(),
        }
    }
}

impl From<DomainError> for AppError {
    fn from(e: DomainError) -> Self {
        let code = match e {
            DomainError::UnknownCode { .. } => ErrorCode::UnknownCode,
            DomainError::NpsOutOfRange(_) => ErrorCode::NpsOutOfRange,
            DomainError::NoteTooLong(_) => ErrorCode::NoteTooLong,
            DomainError::BadMemberName(_) => ErrorCode::BadMemberName,
            DomainError::BadTarget(_) => ErrorCode::BadTarget,
            DomainError::InFuture(_) => ErrorCode::InFuture,
            DomainError::TeamNameTooLong(_) => ErrorCode::TeamNameTooLong,
            DomainError::ControlCharacter { .. } => ErrorCode::ControlCharacter,
            DomainError::BadRetention(_) => ErrorCode::BadRetention,
            DomainError::BadPlaceName(_) => ErrorCode::BadPlaceName,
            DomainError::TimeOutOfRange(_) => ErrorCode::TimeOutOfRange,
        };
        AppError::new(code, e)
    }
}

/// What SQLite's own error means for a person: the file is damaged, busy, full, or not
/// to be written.
fn sqlite_code(e: &rusqlite::Error) -> ErrorCode {
    use rusqlite::ErrorCode as C;
    match e.sqlite_error_code() {
        Some(C::DatabaseCorrupt) => ErrorCode::DatabaseCorrupt,
        Some(C::NotADatabase) => ErrorCode::NotADatabase,
        Some(C::DiskFull) => ErrorCode::DiskFull,
        Some(C::ReadOnly) => ErrorCode::ReadOnly,
        Some(C::CannotOpen | C::PermissionDenied) => ErrorCode::CannotOpen,
        Some(C::DatabaseBusy | C::DatabaseLocked) => ErrorCode::DatabaseBusy,
        Some(C::SystemIoFailure) => ErrorCode::IoError,
        _ => ErrorCode::Database,
    }
}

/// The window's code for a store error; also names why a file could not be opened.
pub fn store_error_code(e: &StoreError) -> ErrorCode {
    match e {
        StoreError::TooNew { .. } => ErrorCode::DatabaseTooNew,
        StoreError::Foreign { .. } => ErrorCode::NotMurmelglas,
        StoreError::NotADatabase { .. } => ErrorCode::NotADatabase,
        StoreError::ReadOnlyTooOld { .. } => ErrorCode::ReadOnlyTooOld,
        StoreError::ReadOnly { .. } => ErrorCode::ReadOnly,
        StoreError::Open { .. } => ErrorCode::CannotOpen,
        StoreError::CreateDir { .. } => ErrorCode::CannotCreateFolder,
        StoreError::Migration { .. } => ErrorCode::MigrationFailed,
        StoreError::Backup(_) => ErrorCode::BackupBeforeMigration,
        StoreError::UnknownMember(_) => ErrorCode::UnknownMember,
        StoreError::MemberExists(_) => ErrorCode::MemberExists,
        StoreError::UnknownContact(_) => ErrorCode::UnknownContact,
        StoreError::DuplicateContact(_) => ErrorCode::DuplicateContact,
        StoreError::NothingToUndo => ErrorCode::NothingToUndo,
        StoreError::ServerUrl { .. } => ErrorCode::ServerUrl,
        StoreError::Server { problem, .. } => problem.code(),
        // The server said it is shutting down, crashed or is starting (57P01–03): it
        // will answer again, so what was to be logged waits in the outbox.
        StoreError::Postgres(inner)
            if e.is_unreachable()
                || inner
                    .code()
                    .is_some_and(|c| matches!(c.code(), "57P01" | "57P02" | "57P03")) =>
        {
            ErrorCode::ServerUnreachable
        }
        StoreError::ServerNotInitialised { .. } => ErrorCode::ServerNotInitialised,
        StoreError::ServerSchemaOld { .. } => ErrorCode::ServerSchemaOld,
        StoreError::Feedback(inner) => inner.code(),
        StoreError::Cycle(inner) => inner.code(),
        StoreError::Sqlite(inner) => sqlite_code(inner),
        _ => ErrorCode::Database,
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
            BackupError::CopyDamaged { .. } => AppError::new(ErrorCode::DatabaseCorrupt, e),
            other => AppError::new(other.code(), e),
        }
    }
}

impl From<ImportError> for AppError {
    fn from(e: ImportError) -> Self {
        match e {
            ImportError::Store(inner) => inner.into(),
            ImportError::Invalid { .. } => AppError::new(ErrorCode::ImportInvalid, e),
            other => AppError::new(ErrorCode::ImportFailed, other),
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
        assert_eq!(AppError::from(busy).code, ErrorCode::DatabaseBusy);
        let corrupt = StoreError::Sqlite(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(11),
            None,
        ));
        assert_eq!(AppError::from(corrupt).code, ErrorCode::DatabaseCorrupt);
        let full = StoreError::Sqlite(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(13),
            None,
        ));
        assert_eq!(AppError::from(full).code, ErrorCode::DiskFull);
        let domain = StoreError::Domain(DomainError::NoteTooLong(5000));
        assert_eq!(AppError::from(domain).code, ErrorCode::NoteTooLong);
        assert_eq!(
            AppError::from(StoreError::ReadOnly { path: "x".into() }).code,
            ErrorCode::ReadOnly
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
        assert_eq!(server(ServerProblem::Login), ErrorCode::ServerLogin);
        assert_eq!(
            server(ServerProblem::NoDatabase),
            ErrorCode::ServerNoDatabase
        );
        assert_eq!(server(ServerProblem::Rights), ErrorCode::ServerRights);
        assert_eq!(server(ServerProblem::Tls), ErrorCode::ServerTls);
        assert_eq!(
            server(ServerProblem::Unreachable),
            ErrorCode::ServerUnreachable
        );
    }
}
