//! The team's server in the window: connecting to it from the settings (test first, the
//! password in the operating system's keyring), going back to a local file, uploading a
//! file, and staying useful while it does not answer — contacts logged meanwhile wait in
//! the outbox ([`Link`]) and go out when it answers again.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use chrono::{DateTime, FixedOffset};
use murmelglas::domain::{Contact, ContactDraft, Rating};
use murmelglas::store::outbox::{Flushed, Outbox};
use murmelglas::store::{self, upload, Store, Uploaded};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Emitter, Manager};

use crate::commands::{Bootstrap, CommandResult};
use crate::data::open_database;
use crate::database::{off_main, Database};
use crate::{lock, AppError, AppState, DbSlot};
use murmelglas::error_code::ErrorCode;

/// The event that says whether the server answers and how many contacts wait.
pub const SERVER_STATUS: &str = "server-status";

/// The keyring's service name; the entry's user is the URL without the password.
const KEYRING_SERVICE: &str = "murmelglas";

/// How often the outbox tries the server again while something waits.
const RETRY_EVERY: Duration = Duration::from_secs(3);

/// The team's server the app works on: its URL (with the password, kept in memory
/// only), whether it answers, and the outbox for what is logged while it does not.
pub struct Link {
    url: String,
    shown: String,
    offline: AtomicBool,
    outbox: Mutex<Outbox>,
}

impl Link {
    /// `url` may hold the password; `outbox` is this computer's outbox file.
    pub fn new(url: &str, outbox: &Path) -> Result<Link, AppError> {
        Ok(Link {
            url: url.to_string(),
            shown: store::postgres::shown_url(url),
            offline: AtomicBool::new(false),
            outbox: Mutex::new(Outbox::open(outbox)?),
        })
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// The URL without its password.
    pub fn shown(&self) -> &str {
        &self.shown
    }

    pub fn is_offline(&self) -> bool {
        self.offline.load(Ordering::Relaxed)
    }

    pub fn set_offline(&self, offline: bool) {
        self.offline.store(offline, Ordering::Relaxed);
    }

    /// A new connection; a server that does not answer is noted as offline.
    pub fn connect(&self) -> Result<Store, AppError> {
        Store::open_server(&self.url).map_err(|e| {
            if e.is_unreachable() {
                self.set_offline(true);
            }
            AppError::from(e)
        })
    }

    /// Keeps a contact on this computer until the server answers.
    fn keep(&self, contact: Contact) -> Result<Contact, AppError> {
        lock(&self.outbox).push(&contact)?;
        Ok(contact)
    }

    /// The ratings of the contacts that wait, oldest first.
    fn waiting(&self) -> Result<Vec<Rating>, AppError> {
        Ok(lock(&self.outbox)
            .pending()?
            .into_iter()
            .map(|c| c.rating)
            .collect())
    }

    fn flush(&self, to: &mut Store) -> Result<Flushed, AppError> {
        Ok(lock(&self.outbox).flush(to)?)
    }
}

/// The outbox file in the app's data folder.
pub fn outbox_path(data_dir: &Path) -> PathBuf {
    data_dir.join("outbox.sqlite3")
}

/// Logs a contact; on a server that does not answer, it waits in the outbox (the same
/// id goes out later, so it is stored once).
pub fn log_or_keep(
    db: &Database,
    draft: ContactDraft,
    now: DateTime<FixedOffset>,
) -> Result<Contact, AppError> {
    // The id is chosen before the server is asked: if its answer is lost after it
    // stored the contact, the copy in the outbox is recognised and not stored twice.
    let contact = draft.into_contact(now)?;
    let kept = contact.clone();
    match db.write(|store| store.log_prepared(contact, now)) {
        Err(e) if e.code == ErrorCode::ServerUnreachable => match db.server() {
            Some(link) => link.keep(kept),
            None => Err(e),
        },
        other => other,
    }
}

/// Whether the window's data lives on the team's server, and how it fares.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ServerStatus {
    /// The server's URL without the password; `None` when a local file is open.
    pub url: Option<String>,
    /// The server did not answer the last time it was asked.
    pub offline: bool,
    /// The ratings of the contacts waiting in the outbox, oldest first.
    pub waiting: Vec<Rating>,
}

fn status_of(db: &Database) -> ServerStatus {
    match db.server() {
        None => ServerStatus::default(),
        Some(link) => ServerStatus {
            url: Some(link.shown().to_string()),
            offline: link.is_offline(),
            waiting: link.waiting().unwrap_or_default(),
        },
    }
}

#[tauri::command]
pub async fn server_status(app: AppHandle) -> CommandResult<ServerStatus> {
    off_main(move || {
        let db = app.state::<AppState>().database()?;
        Ok(status_of(&db))
    })
    .await
}

/// Starts the thread that sends the outbox whenever the server answers again, and tells
/// the window when the server's state changes.
pub fn start_sender(app: &AppHandle) {
    let app = app.clone();
    std::thread::spawn(move || {
        let mut told = ServerStatus::default();
        loop {
            std::thread::sleep(RETRY_EVERY);
            let state = app.state::<AppState>();
            let db = match &*lock(&state.db) {
                DbSlot::Open(db) if db.server().is_some() => db.clone(),
                _ => continue,
            };
            if let Some(link) = db.server() {
                let waits = link.waiting().map(|w| !w.is_empty()).unwrap_or(false);
                if waits || link.is_offline() {
                    // A failure here only means it waits for the next round.
                    let _ = db.write(|store| link.flush(store));
                }
            }
            let now = status_of(&db);
            if now != told {
                let _ = app.emit(SERVER_STATUS, &now);
                told = now;
            }
        }
    });
}

/// How the connection to the server is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum TlsMode {
    Disable,
    Prefer,
    Require,
}

/// The settings' form for the team's server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ServerForm {
    pub host: String,
    pub port: u16,
    pub database: String,
    pub user: String,
    /// Empty: the one kept in the keyring, else `PGPASSWORD`.
    pub password: String,
    pub tls: TlsMode,
}

/// Characters a URL's user, password or database name may hold as they are.
fn url_part(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

impl ServerForm {
    /// The URL without the password, as the preferences keep it.
    pub fn url(&self) -> Result<String, AppError> {
        let host = self.host.trim();
        let bad = |what: &str| AppError::new(ErrorCode::ServerForm, what);
        if host.is_empty() || host.contains(['/', '@', '?', ' ', ':']) {
            return Err(bad("the host is a name or an address like db.example.org"));
        }
        if self.database.trim().is_empty() || self.user.trim().is_empty() {
            return Err(bad("the database and the user are needed"));
        }
        let tls = match self.tls {
            TlsMode::Disable => "disable",
            TlsMode::Prefer => "prefer",
            TlsMode::Require => "require",
        };
        Ok(format!(
            "postgres://{}@{host}:{}/{}?sslmode={tls}",
            url_part(self.user.trim()),
            self.port,
            url_part(self.database.trim())
        ))
    }

    /// The URL with the password typed in, if any.
    fn url_with_password(&self) -> Result<String, AppError> {
        let url = self.url()?;
        Ok(if self.password.is_empty() {
            url
        } else {
            with_password(&url, &self.password)
        })
    }
}

/// `url` (without a password) with `password` in it.
pub fn with_password(url: &str, password: &str) -> String {
    match url.split_once("://").and_then(|(scheme, rest)| {
        let (user, host) = rest.split_once('@')?;
        Some(format!("{scheme}://{user}:{}@{host}", url_part(password)))
    }) {
        Some(full) => full,
        None => url.to_string(),
    }
}

/// The password kept for `shown_url` in the operating system's keyring, if one answers
/// and holds it.
pub fn stored_password(shown_url: &str) -> Option<String> {
    keyring::Entry::new(KEYRING_SERVICE, shown_url)
        .and_then(|entry| entry.get_password())
        .ok()
}

/// Keeps the password in the keyring; `false` when no keyring answers (a machine
/// without one): then it is not kept anywhere.
fn store_password(shown_url: &str, password: &str) -> bool {
    keyring::Entry::new(KEYRING_SERVICE, shown_url)
        .and_then(|entry| entry.set_password(password))
        .is_ok()
}

/// The URL to connect with: the one given, with the keyring's password when it has
/// none (else the core takes `PGPASSWORD`).
pub fn connect_url(url: &str) -> String {
    if store::postgres::shown_url(url) != url {
        return url.to_string();
    }
    match stored_password(url) {
        Some(password) => with_password(url, &password),
        None => url.to_string(),
    }
}

fn full_url(form: &ServerForm) -> Result<String, AppError> {
    let url = form.url_with_password()?;
    Ok(if form.password.is_empty() {
        connect_url(&url)
    } else {
        url
    })
}

/// "Test connection": connects and checks the schema, and changes nothing; the error
/// says what is wrong. Returns the URL without the password.
#[tauri::command]
pub async fn test_server(form: ServerForm) -> CommandResult<String> {
    off_main(move || {
        let url = full_url(&form)?;
        let store = Store::open_server(&url)?;
        Ok(store.location())
    })
    .await
}

/// What connecting did: the window's new start data, and whether the password is kept.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Connected {
    pub boot: Bootstrap,
    /// The password went into the keyring; `false` when none answers here (it is then
    /// taken from the URL or `PGPASSWORD` each time).
    pub password_stored: bool,
}

/// "Connect": switches the window to the team's server and remembers it (without the
/// password) on this computer; the password goes into the keyring.
#[tauri::command]
pub async fn connect_server(app: AppHandle, form: ServerForm) -> CommandResult<Connected> {
    off_main(move || {
        let url = full_url(&form)?;
        let shown = form.url()?;
        let state = app.state::<AppState>();
        let link = Link::new(&url, &outbox_path(&state.data_dir))?;
        // A server that does not answer now is not taken: "test" first.
        Store::open_server(&url)?;
        let db = Database::open_server(link)
            .map_err(|problem| AppError::new(problem.code, problem.message))?;
        let password_stored = !form.password.is_empty() && store_password(&shown, &form.password);
        remember_local_file(&state);
        let boot = open_database(&app, db)?;
        let db = state.database()?;
        let _ = app.emit(SERVER_STATUS, status_of(&db));
        Ok(Connected {
            boot,
            password_stored,
        })
    })
    .await
}

/// Keeps the local file that was open, for "back to the local file" and the upload.
fn remember_local_file(state: &AppState) {
    if let Ok(db) = state.database() {
        if db.server().is_none() {
            state.prefs().local_file = Some(db.path().display().to_string());
        }
    }
}

/// The local file to go back to: the one used before connecting, else the default.
fn local_file(state: &AppState) -> Result<PathBuf, AppError> {
    let remembered = state.prefs().local_file.clone();
    remembered
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(store::default_path)
        .ok_or_else(|| {
            AppError::new(
                ErrorCode::NoDataDir,
                "cannot find a data directory for the database; set MURMELGLAS_DB",
            )
        })
}

/// "Back to the local file": opens the file used before connecting (or the default).
#[tauri::command]
pub async fn use_local_file(app: AppHandle) -> CommandResult<Bootstrap> {
    off_main(move || {
        let state = app.state::<AppState>();
        let path = local_file(&state)?;
        let db = Database::open(&path)
            .map_err(|problem| AppError::new(problem.code, problem.message))?;
        let boot = open_database(&app, db)?;
        let _ = app.emit(SERVER_STATUS, ServerStatus::default());
        Ok(boot)
    })
    .await
}

/// What the window offers to upload: the local file used before connecting.
#[tauri::command]
pub async fn upload_source(app: AppHandle) -> CommandResult<Option<String>> {
    off_main(move || {
        let state = app.state::<AppState>();
        let path = local_file(&state)?;
        Ok(path.is_file().then(|| path.display().to_string()))
    })
    .await
}

/// "Upload this file to the team server": copies the local file's data into the server
/// the window works on; what is there already is skipped.
#[tauri::command]
pub async fn upload_to_server(app: AppHandle) -> CommandResult<Uploaded> {
    off_main(move || {
        let state = app.state::<AppState>();
        let db = state.database()?;
        if db.server().is_none() {
            return Err(AppError::new(
                ErrorCode::UploadNeedsServer,
                "connect to the team server first",
            ));
        }
        let from = Store::open_read_only(&local_file(&state)?)?;
        let mut to = db.own_writer()?;
        Ok(upload(&from, &mut to)?)
    })
    .await
}

#[cfg(test)]
mod tests {

    /// With a Secret Service (GNOME Keyring, KWallet) the password goes in and comes back
    /// for the same URL only; without one, nothing is kept and nothing is claimed.
    #[test]
    fn the_keyring_keeps_a_password_per_url_or_says_it_cannot() {
        let url = format!("postgres://ana@db.example:5432/team_{}", std::process::id());
        let other = format!("{url}_other");
        let kept = store_password(&url, "geheim ä:@/");
        eprintln!("a keyring answered: {kept}");
        if kept {
            assert_eq!(stored_password(&url).as_deref(), Some("geheim ä:@/"));
            assert_eq!(stored_password(&other), None);
            assert_eq!(
                connect_url(&url),
                with_password(&url, "geheim ä:@/"),
                "the kept password is used to connect"
            );
            let _ = keyring::Entry::new(KEYRING_SERVICE, &url).and_then(|e| e.delete_credential());
            assert_eq!(stored_password(&url), None, "deleted again");
        } else {
            assert_eq!(stored_password(&url), None);
            assert_eq!(
                connect_url(&url),
                url,
                "without a keyring the URL stays as given"
            );
        }
    }
    use super::*;

    fn form() -> ServerForm {
        ServerForm {
            host: "db.example.org".into(),
            port: 5432,
            database: "team".into(),
            user: "filiale markt".into(),
            password: String::new(),
            tls: TlsMode::Require,
        }
    }

    #[test]
    fn the_form_becomes_a_url_without_the_password() {
        assert_eq!(
            form().url().expect("url"),
            "postgres://filiale%20markt@db.example.org:5432/team?sslmode=require"
        );
        let typed = ServerForm {
            password: "p@ss:wört".into(),
            ..form()
        };
        let full = typed.url_with_password().expect("url");
        assert_eq!(
            full,
            "postgres://filiale%20markt:p%40ss%3Aw%C3%B6rt@db.example.org:5432/team?sslmode=require"
        );
        assert_eq!(store::postgres::shown_url(&full), typed.url().expect("url"));
        let bad = ServerForm {
            host: "db.example.org/x".into(),
            ..form()
        };
        assert_eq!(bad.url().expect_err("bad host").code, ErrorCode::ServerForm);
        let empty = ServerForm {
            database: " ".into(),
            ..form()
        };
        assert_eq!(
            empty.url().expect_err("no database").code,
            ErrorCode::ServerForm
        );
    }

    #[test]
    fn a_url_with_a_password_is_used_as_given() {
        let url = "postgres://ana:geheim@localhost/team";
        assert_eq!(connect_url(url), url);
    }

    #[test]
    fn contacts_wait_in_the_outbox_while_the_server_is_away() {
        let dir = tempfile::tempdir().expect("dir");
        // Port 1 on this machine: nothing answers, at once.
        let link = Link::new(
            "postgres://ana:x@127.0.0.1:1/team?sslmode=disable",
            &dir.path().join("outbox.sqlite3"),
        )
        .expect("link");
        let db = Database::open_server(link).expect("opened without the server");
        assert!(db.server().expect("server").is_offline());
        let now = murmelglas::datetime::now();
        let kept = log_or_keep(&db, ContactDraft::new(Rating::Golden), now).expect("kept");
        log_or_keep(&db, ContactDraft::new(Rating::Ordinary), now).expect("kept");
        let status = status_of(&db);
        assert!(status.offline);
        assert_eq!(status.waiting, [Rating::Golden, Rating::Ordinary]);
        assert_eq!(
            status.url.as_deref(),
            Some("postgres://ana@127.0.0.1:1/team?sslmode=disable")
        );
        // Reading needs the server, and says so.
        let refused = db.read(|s| s.count_contacts()).expect_err("offline");
        assert_eq!(refused.code, ErrorCode::ServerUnreachable);
        // Sending into a store that answers: each once, the same id.
        let mut other = Store::open_in_memory().expect("store");
        let link = db.server().expect("server");
        let sent = link.flush(&mut other).expect("flush");
        assert_eq!(sent.sent, 2);
        assert!(other.get_contact(kept.id).expect("read").is_some());
        assert!(link.waiting().expect("waiting").is_empty());
    }
}
