//! `murmelglas backup …`, and the daily backup before the day's first change.

use std::io::Write;
use std::path::Path;

use murmelglas::backup::{BackupError, BackupFolder, BackupInfo, BackupReason};
use murmelglas::datetime;
use murmelglas::store::{self, Store};

use crate::args::*;
use crate::Failure;

/// The daily backup before the day's first change. A failed backup does not stop the work
/// at hand (a contact logged between two customers): it comes back as a warning, and the
/// next command that writes tries again. But a database that fails the backup's
/// integrity check is damaged: nothing is written to it.
pub(crate) fn daily_backup(store: &Store, path: &Path) -> Result<Option<String>, Failure> {
    let made = BackupFolder::of_store(store)
        .and_then(|folder| folder.daily_if_due(store, datetime::now()));
    match made {
        Ok(_) => Ok(None),
        Err(BackupError::CopyDamaged { detail }) => Err(Failure(vec![format!(
            "{}: the database is damaged (integrity check: {}); nothing was written. Restore a backup: `murmelglas backup list`, then `murmelglas backup restore ID`",
            path.display(),
            murmelglas::domain::shorten(&detail, 120)
        )])),
        Err(BackupError::Sqlite(e)) => {
            let e = store::StoreError::from(e);
            if e.is_damaged() {
                Err(Failure(vec![format!("{}: {e}", path.display())]))
            } else {
                Ok(Some(format!("no daily backup: {e}")))
            }
        }
        Err(e) => Ok(Some(format!("no daily backup: {e}"))),
    }
}

pub(crate) fn backup(
    store: &Store,
    action: BackupAction,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let folder = BackupFolder::of_store(store)?;
    match action {
        BackupAction::List {
            format: TableOrJson::Json,
        } => {
            serde_json::to_writer_pretty(&mut *out, &folder.list()?)?;
            writeln!(out)?;
        }
        BackupAction::List { .. } => {
            let backups = folder.list()?;
            if backups.is_empty() {
                writeln!(
                    out,
                    "No backups in {} yet; make one with `murmelglas backup create`.",
                    folder.path().display()
                )?;
                return Ok(());
            }
            writeln!(out, "Backups in {}, newest first:", folder.path().display())?;
            writeln!(
                out,
                "{:<36}  {:<16}  {:<16}  {:>10}",
                "id", "made", "reason", "size"
            )?;
            for b in &backups {
                writeln!(
                    out,
                    "{:<36}  {:<16}  {:<16}  {:>10}",
                    b.id,
                    b.created.format("%d.%m.%Y %H:%M"),
                    b.reason.code(),
                    size(b.size_bytes)
                )?;
            }
            writeln!(out, "{} backups", backups.len())?;
        }
        BackupAction::Create => {
            let made = folder.create(store, BackupReason::Manual, datetime::now())?;
            writeln!(out, "Backed up the database as {}.", described(&made))?;
            writeln!(out, "File: {}", made.path.display())?;
        }
        BackupAction::Restore { id } => {
            let done = folder.restore(store, &id, datetime::now())?;
            writeln!(out, "Restored backup {}.", described(&done.restored))?;
            writeln!(
                out,
                "The state before is backup {}; `murmelglas backup restore {}` brings it back.",
                described(&done.safety),
                done.safety.id
            )?;
            writeln!(
                out,
                "Contacts: {} before, {} now.",
                done.contacts_before, done.contacts_after
            )?;
        }
    }
    Ok(())
}

/// `20261201-193005-manual (01.12.2026 19:30, 184 KiB)`
pub(crate) fn described(b: &BackupInfo) -> String {
    format!(
        "{} ({}, {})",
        b.id,
        b.created.format("%d.%m.%Y %H:%M:%S"),
        size(b.size_bytes)
    )
}

pub(crate) fn size(bytes: u64) -> String {
    match bytes {
        b if b < 1024 => format!("{b} B"),
        b if b < 1024 * 1024 => format!("{:.0} KiB", b as f64 / 1024.0),
        b => format!("{:.1} MiB", b as f64 / (1024.0 * 1024.0)),
    }
}
