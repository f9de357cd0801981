//! The one error shape that crosses to the window: a stable `code` the UI translates, and
//! an English `message` it shows when it has no translation.

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
            DomainError::TimeOutOfRange(_) => "time_out_of_range",
        };
        AppError::new(code, e)
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        let code = match &e {
            StoreError::Domain(inner) => return inner.clone().into(),
            StoreError::TooNew { .. } => "database_too_new",
            StoreError::Foreign { .. } | StoreError::NotADatabase { .. } => "not_murmelglas",
            StoreError::UnknownMember(_) => "unknown_member",
            StoreError::MemberExists(_) => "member_exists",
            StoreError::UnknownContact(_) => "unknown_contact",
            StoreError::DuplicateContact(_) => "duplicate_contact",
            StoreError::NothingToUndo => "nothing_to_undo",
            StoreError::ReadOnly { .. } | StoreError::ReadOnlyTooOld { .. } => "read_only",
            _ => "database",
        };
        AppError::new(code, e)
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
