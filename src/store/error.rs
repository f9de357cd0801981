//! What can go wrong in a store, for every engine, with what the person can do about it.

use uuid::Uuid;

use super::{postgres, sqlite};
use crate::domain;
use crate::error_code::ErrorCode;

/// Why a team server could not be used, as far as a person (or their IT) can fix it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServerProblem {
    /// The user name or password was refused.
    Login,
    /// The server has no database of that name.
    NoDatabase,
    /// The server's user lacks a right it needs.
    Rights,
    /// TLS could not be agreed or the certificate was refused.
    Tls,
    /// Nothing answered, or the connection was lost: try again later.
    Unreachable,
    /// The server said no for another reason (its words are in the message).
    Other,
}

impl ServerProblem {
    /// The code the window's texts are looked up by.
    pub fn code(self) -> ErrorCode {
        match self {
            ServerProblem::Login => ErrorCode::ServerLogin,
            ServerProblem::NoDatabase => ErrorCode::ServerNoDatabase,
            ServerProblem::Rights => ErrorCode::ServerRights,
            ServerProblem::Tls => ErrorCode::ServerTls,
            ServerProblem::Unreachable | ServerProblem::Other => ErrorCode::ServerUnreachable,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: this database was written by a newer Murmelglas (schema version {found}, this version knows up to {known}); update Murmelglas to open it. The file was not changed.")]
    TooNew {
        path: String,
        found: i64,
        known: i64,
    },
    #[error(
        "{path}: not a Murmelglas database (it holds other data); choose another file with --db"
    )]
    Foreign { path: String },
    #[error("{path}: not a SQLite database file")]
    NotADatabase { path: String },
    #[error("cannot create the folder {path}: {source}")]
    CreateDir {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: cannot upgrade the database to schema version {to}: {reason}. The file was not changed.")]
    Migration {
        path: String,
        to: i64,
        /// The engine's reason, without the migration's SQL.
        reason: String,
    },
    #[error("{path}: the database is read-only and was written by an older Murmelglas (schema version {found}); open it once with write access so it can be upgraded to version {known}")]
    ReadOnlyTooOld {
        path: String,
        found: i64,
        known: i64,
    },
    #[error("cannot open {path}: {reason}")]
    Open { path: String, reason: String },
    #[error("{path}: the database file (or its folder) is read-only; Murmelglas can show it but not change it")]
    ReadOnly { path: String },
    #[error("{}", sqlite::describe_sqlite(.0))]
    Sqlite(#[from] rusqlite::Error),
    #[error("the team server: {}", postgres::describe_postgres(.0))]
    Postgres(#[from] ::postgres::Error),
    #[error("{url}: {reason}")]
    ServerUrl { url: String, reason: String },
    #[error("cannot reach the team server {url}: {reason}")]
    Server {
        url: String,
        /// What a person can do about it, for the window's words.
        problem: ServerProblem,
        reason: String,
    },
    #[error("{url}: this database holds no Murmelglas data yet; its owner sets it up once with `murmelglas server init --db URL`")]
    ServerNotInitialised { url: String },
    #[error("{url}: the team database has schema version {found}, this Murmelglas needs {known}; its owner upgrades it with `murmelglas server init --db URL`")]
    ServerSchemaOld { url: String, found: i64, known: i64 },
    #[error("cannot write: {0}")]
    Io(std::io::Error),
    #[error("no team member named '{0}'; see `murmelglas members list`, or add them with `murmelglas members add`")]
    UnknownMember(String),
    #[error("there is already a team member named '{0}'")]
    MemberExists(String),
    #[error("no contact with id {0}")]
    UnknownContact(Uuid),
    #[error("there is already a contact with id {0}")]
    DuplicateContact(Uuid),
    #[error("nothing to undo: no contact was logged on this computer in the last 10 minutes")]
    NothingToUndo,
    #[error("the database holds a value this version cannot read: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Domain(#[from] domain::DomainError),
    #[error(transparent)]
    Feedback(#[from] crate::feedback::FeedbackError),
    #[error(transparent)]
    Cycle(#[from] crate::cycle::CycleError),
    #[error("no backup before upgrading the database, so the file was not changed: {0}")]
    Backup(#[from] crate::backup::BackupError),
}

impl StoreError {
    /// Whether the file itself is damaged (SQLite found it malformed or not a database).
    pub fn is_damaged(&self) -> bool {
        matches!(self, StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _))
            if matches!(f.code, rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase))
    }

    /// Whether the team's server did not answer (as opposed to answering "no"): what a
    /// contact waits out in the outbox.
    pub fn is_unreachable(&self) -> bool {
        match self {
            StoreError::Server { .. } => true,
            StoreError::Postgres(e) => e.as_db_error().is_none(),
            _ => false,
        }
    }

    /// Whether the disk is full.
    pub fn is_disk_full(&self) -> bool {
        matches!(self, StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _))
            if f.code == rusqlite::ErrorCode::DiskFull)
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
