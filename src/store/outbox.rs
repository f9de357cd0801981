//! Contacts logged while the team's server does not answer: kept on this computer in a
//! small SQLite file, and sent when it answers again. A contact goes under its own id,
//! so sending one twice (after a crash between sending and forgetting it) stores it once.

use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::{Result, Store, StoreError};
use crate::domain::Contact;

/// The outbox file beside the default database, for the CLI.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "murmelglas")
        .map(|dirs| dirs.data_dir().join("outbox.sqlite3"))
}

/// What sending the outbox did.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Flushed {
    /// Contacts now stored on the server.
    pub sent: u64,
    /// Contacts the server already had (sent before, then not forgotten here).
    pub already_there: u64,
    /// Contacts still waiting: the server refused them (a member it does not know) or
    /// stopped answering on the way.
    pub waiting: u64,
}

/// The contacts waiting for the server.
pub struct Outbox {
    conn: Connection,
}

impl Outbox {
    /// Opens (creating if needed) the outbox file at `path`.
    pub fn open(path: &Path) -> Result<Outbox> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir {
                path: dir.display().to_string(),
                source,
            })?;
        }
        let conn = Connection::open(path)?;
        conn.busy_timeout(super::BUSY_TIMEOUT)?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
             CREATE TABLE IF NOT EXISTS pending (\
                 id        BLOB    PRIMARY KEY,\
                 queued_at INTEGER NOT NULL,\
                 contact   TEXT    NOT NULL\
             ) STRICT;",
        )?;
        Ok(Outbox { conn })
    }

    /// Keeps `contact` until it can be sent. Kept with a full sync: a contact the window
    /// showed as logged must survive a power cut.
    pub fn push(&mut self, contact: &Contact) -> Result<()> {
        let json = serde_json::to_string(contact)
            .map_err(|e| StoreError::Corrupt(format!("contact as JSON: {e}")))?;
        self.conn.execute(
            "INSERT OR REPLACE INTO pending (id, queued_at, contact) VALUES (?1, ?2, ?3)",
            params![
                contact.id.as_bytes().as_slice(),
                contact.logged_at.timestamp(),
                json
            ],
        )?;
        Ok(())
    }

    /// The waiting contacts, oldest first.
    pub fn pending(&self) -> Result<Vec<Contact>> {
        let mut stmt = self
            .conn
            .prepare("SELECT contact FROM pending ORDER BY queued_at, id")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        rows.map(|json| {
            serde_json::from_str(&json?)
                .map_err(|e| StoreError::Corrupt(format!("a waiting contact: {e}")))
        })
        .collect()
    }

    /// How many contacts wait.
    pub fn len(&self) -> Result<u64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM pending", [], |r| r.get::<_, i64>(0))?
            .max(0) as u64)
    }

    /// Whether nothing waits.
    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.len()? == 0)
    }

    /// Whether `id` waits here.
    pub fn contains(&self, id: uuid::Uuid) -> Result<bool> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM pending WHERE id = ?1",
                [id.as_bytes().as_slice()],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// Sends every waiting contact to `to`, oldest first, and forgets each one the server
    /// has. Stops at the first one the server cannot take because it stopped answering
    /// (the rest wait for the next try); one it refuses (say, a member it does not know)
    /// stays waiting and the others go on.
    pub fn flush(&mut self, to: &mut Store) -> Result<Flushed> {
        let mut done = Flushed::default();
        let pending = self.pending()?;
        let total = pending.len() as u64;
        for contact in pending {
            match to.insert_contact(&contact) {
                Ok(()) => done.sent += 1,
                Err(StoreError::DuplicateContact(_)) => done.already_there += 1,
                Err(e) if e.is_unreachable() => {
                    done.waiting = total - done.sent - done.already_there;
                    return Ok(done);
                }
                Err(_) => {
                    done.waiting += 1;
                    continue;
                }
            }
            self.conn.execute(
                "DELETE FROM pending WHERE id = ?1",
                [contact.id.as_bytes().as_slice()],
            )?;
        }
        Ok(done)
    }
}
