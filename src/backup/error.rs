//! What can go wrong with a backup, and what the person can do about it.

use std::io;

use crate::error_code::ErrorCode;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("the team database lives on a server: the server's own backups apply (for PostgreSQL, `pg_dump`; see README), not Murmelglas's")]
    OnServer,
    #[error("the database is in memory; there is no file to back up")]
    InMemory,
    #[error("cannot {doing} the backup folder {path}: {source}")]
    Folder {
        doing: &'static str,
        path: String,
        source: io::Error,
    },
    #[error("'{0}' is not a backup id; ids look like 20261201-193005-daily, see `murmelglas backup list`")]
    BadId(String),
    #[error("no backup with id {id} in {folder}; see the ids with `murmelglas backup list`")]
    UnknownId { id: String, folder: String },
    #[error("the copy of the database failed the integrity check ({detail}); no backup was kept")]
    CopyDamaged { detail: String },
    #[error("backup {id} is damaged ({detail}); the database was not changed")]
    Damaged { id: String, detail: String },
    #[error("backup {id} is not a Murmelglas database; the database was not changed")]
    Foreign { id: String },
    #[error("backup {id} was written by a newer Murmelglas (schema version {found}, this version knows up to {known}); the database was not changed")]
    TooNew { id: String, found: i64, known: i64 },
    #[error("after restoring backup {id} the database failed the integrity check ({detail}); the state before is backup {safety}")]
    RestoredDamaged {
        id: String,
        safety: String,
        detail: String,
    },
    #[error("restored backup {id} but cannot bring it up to date ({source}); the state before is backup {safety}")]
    Migrate {
        id: String,
        safety: String,
        source: Box<StoreError>,
    },
    #[error("{0} already exists; a backup is restored into a new file only")]
    DestinationExists(String),
    #[error("restored backup {id} into {path} but cannot open it ({source})")]
    OpenRestored {
        id: String,
        path: String,
        source: Box<StoreError>,
    },
    #[error(
        "this database has no backup folder setting yet (schema version {0}); update Murmelglas"
    )]
    NoFolderSetting(i64),
    #[error("the backup folder {0} is not valid UTF-8 text, which the settings store")]
    FolderNotText(String),
    #[error("database error while backing up: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

impl BackupError {
    /// A stable code for the window's translation table.
    pub fn code(&self) -> ErrorCode {
        match self {
            BackupError::InMemory => ErrorCode::BackupInMemory,
            BackupError::OnServer => ErrorCode::BackupOnServer,
            BackupError::Folder { .. } => ErrorCode::BackupFolder,
            BackupError::BadId(_) | BackupError::UnknownId { .. } => ErrorCode::BackupUnknown,
            BackupError::CopyDamaged { .. } => ErrorCode::BackupCopyDamaged,
            BackupError::Damaged { .. } => ErrorCode::BackupDamaged,
            BackupError::Foreign { .. } => ErrorCode::BackupForeign,
            BackupError::TooNew { .. } => ErrorCode::BackupTooNew,
            BackupError::RestoredDamaged { .. } => ErrorCode::RestoreDamaged,
            BackupError::Migrate { .. } | BackupError::OpenRestored { .. } => {
                ErrorCode::RestoreMigrate
            }
            BackupError::DestinationExists(_) => ErrorCode::FileExists,
            BackupError::NoFolderSetting(_) | BackupError::FolderNotText(_) => {
                ErrorCode::BackupFolderSetting
            }
            BackupError::Sqlite(_) => ErrorCode::Database,
        }
    }
}
