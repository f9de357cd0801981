//! The contacts logged on this computer, remembered here and never in the shared database:
//! when the team stores no names (anonymous-only), "this computer's figures" are these
//! contacts. One id per line in the app's data folder, appended as contacts are logged.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use murmelglas::store::ContactSet;
use uuid::Uuid;

use crate::AppError;
use murmelglas::error_code::ErrorCode;

pub struct LoggedHere {
    path: PathBuf,
    inner: Mutex<Remembered>,
}

struct Remembered {
    ids: Vec<Uuid>,
    /// The file ends in the middle of a line (a write cut short): the next id starts a
    /// new line.
    cut_short: bool,
}

impl LoggedHere {
    /// The file in the app's data folder.
    pub fn file(data_dir: &Path) -> PathBuf {
        data_dir.join("contacts-logged-here.txt")
    }

    /// Reads the ids remembered so far; a missing file is none, a line that is not an id
    /// (a write cut short) is skipped.
    pub fn load(path: &Path) -> LoggedHere {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let ids = text
            .lines()
            .filter_map(|line| Uuid::parse_str(line.trim()).ok())
            .collect();
        LoggedHere {
            path: path.to_path_buf(),
            inner: Mutex::new(Remembered {
                ids,
                cut_short: !text.is_empty() && !text.ends_with('\n'),
            }),
        }
    }

    /// Remembers a contact just logged here. Deleted contacts stay in the file: an undo of
    /// the delete brings the same id back, and an id the database lacks counts nothing.
    pub fn add(&self, id: Uuid) -> Result<(), AppError> {
        let fail = |e: std::io::Error| {
            AppError::new(
                ErrorCode::LoggedHere,
                format!(
                    "cannot remember the contact in {}: {e}",
                    self.path.display()
                ),
            )
        };
        let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(fail)?;
        }
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
            .map_err(fail)?;
        // One write per line: a crash leaves at most one broken line, which load skips.
        let line = if inner.cut_short {
            format!("\n{id}\n")
        } else {
            format!("{id}\n")
        };
        file.write_all(line.as_bytes()).map_err(fail)?;
        inner.cut_short = false;
        inner.ids.push(id);
        Ok(())
    }

    /// The contacts logged here, for the jar and the review.
    pub fn set(&self) -> ContactSet {
        let inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        ContactSet::new(inner.ids.iter().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_remembered_across_starts_and_broken_lines_skipped() {
        let dir = tempfile::tempdir().expect("dir");
        let path = LoggedHere::file(&dir.path().join("data"));
        let here = LoggedHere::load(&path);
        assert!(here.set().is_empty(), "no file yet: nothing logged here");
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        here.add(a).expect("add");
        here.add(b).expect("add");
        here.add(a).expect("add again");
        assert_eq!(here.set(), ContactSet::new([a, b]));

        // A write cut short by a crash leaves half a line behind.
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .expect("open");
        file.write_all(b"0192f1e4-55").expect("write");
        drop(file);
        let again = LoggedHere::load(&path);
        assert_eq!(again.set(), ContactSet::new([a, b]));
        // The next id is not glued to the broken line.
        let c = Uuid::now_v7();
        again.add(c).expect("add after a broken line");
        assert_eq!(LoggedHere::load(&path).set(), ContactSet::new([a, b, c]));
    }

    #[test]
    fn a_folder_that_cannot_be_written_is_an_error() {
        let dir = tempfile::tempdir().expect("dir");
        // A file where the folder should be.
        let blocker = dir.path().join("data");
        std::fs::write(&blocker, "x").expect("write");
        let here = LoggedHere::load(&LoggedHere::file(&blocker));
        let err = here.add(Uuid::now_v7()).expect_err("cannot write");
        assert_eq!(err.code, ErrorCode::LoggedHere);
        assert!(here.set().is_empty(), "not remembered when not written");
    }
}
