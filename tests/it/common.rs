//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

use murmelglas::store::{ContactFilter, Store};
use murmelglas::Contact;

/// A temporary folder holding a database path that does not exist yet.
pub struct TempDb {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
}

pub fn temp_db() -> TempDb {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("test.sqlite3");
    TempDb { dir, path }
}

impl TempDb {
    pub fn open(&self) -> Store {
        Store::open(&self.path).expect("open test database")
    }

    /// A file path inside the temporary folder.
    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

/// The CLI binary against `db`, in a fixed time zone with daylight saving, and without
/// any database setting from the environment of whoever runs the tests.
pub fn cli(db: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("murmelglas").expect("binary built");
    cmd.env_remove("MURMELGLAS_DB")
        .env("TZ", "Europe/Berlin")
        .arg("--db")
        .arg(db);
    cmd
}

/// Every contact in the store, oldest first.
pub fn all_contacts(store: &Store) -> Vec<Contact> {
    store
        .list_contacts(&ContactFilter::default())
        .expect("list contacts")
}

/// The raw bytes of a file, to prove it was not touched.
pub fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("read file")
}

/// Path of a file under tests/fixtures.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// `text` as UTF-16 with its byte order mark, as Excel's "Unicode text" writes it.
pub fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xfe, 0xff]
    } else {
        vec![0xff, 0xfe]
    };
    for unit in text.encode_utf16() {
        let b = if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        };
        out.extend_from_slice(&b);
    }
    out
}
