//! The start screen's data as a script the page runs before its own code
//! (`ui/public/early.js` writes its tag). The page's code then has the start data and
//! today's team jar the moment it runs: the window's first layout, and so WebKit's first
//! paint, already show the jar, where asking by command showed "Laden …" first and the
//! jar one paint later (some 90 ms without a GPU), after two round trips.
//!
//! The answers are the `bootstrap` and `jar` commands' own, worked out by the same
//! functions; when this script cannot be had, the page asks by command.

use std::sync::mpsc;
use std::time::Duration;

use serde::Serialize;
use tauri::http::{header, Request, Response, StatusCode};
use tauri::{AppHandle, Manager, UriSchemeResponder};

use crate::commands::{bootstrap_of, jar_of, CommandResult, JarPeriod, JarView, Start};
use crate::{AppError, AppState};

/// The URI scheme the page loads the script from (`murmelglas-start://localhost/start.js`,
/// `http://murmelglas-start.localhost/start.js` on Windows).
pub const SCHEME: &str = "murmelglas-start";

/// A command's answer as the page would receive it: its value or its error.
#[derive(Debug, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Answer<T> {
    Ok(T),
    Err(AppError),
}

impl<T> From<CommandResult<T>> for Answer<T> {
    fn from(result: CommandResult<T>) -> Self {
        match result {
            Ok(value) => Answer::Ok(value),
            Err(e) => Answer::Err(e),
        }
    }
}

/// What the script gives the page, as `window.__murmelglasStart`.
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct StartData {
    pub bootstrap: Answer<Start>,
    /// Today's team jar; none when the database cannot be opened.
    pub jar: Option<Answer<JarView>>,
}

/// The start data of the open database, as the two commands answer them; both read from
/// the same database.
pub fn start_data(state: &AppState) -> StartData {
    let db = match state.slot() {
        Ok(db) => db,
        Err(problem) => {
            return StartData {
                bootstrap: Answer::Ok(Start::Unavailable(problem)),
                jar: None,
            }
        }
    };
    match bootstrap_of(state, &db) {
        Ok(bootstrap) => StartData {
            bootstrap: Answer::Ok(Start::Ready(Box::new(bootstrap))),
            jar: Some(jar_of(state, &db, JarPeriod::Today, None, false).into()),
        },
        Err(e) => StartData {
            bootstrap: Answer::Err(e),
            jar: None,
        },
    }
}

/// The script's text: one assignment, the value written as JSON (a JavaScript expression).
fn script(data: &StartData) -> Result<String, serde_json::Error> {
    Ok(format!(
        "window.__murmelglasStart = {};\n",
        serde_json::to_string(data)?
    ))
}

/// How long the page's parser may wait for the script: the database being opened and
/// the two reads. As a rule they take a few milliseconds; a server far away, a busy file
/// or the migration of an older file take longer, and then the page gets an empty script,
/// shows "Laden …" and asks by command.
const WAIT: Duration = Duration::from_millis(500);

/// The webview the script is for: the commands are granted to it alone.
const WINDOW: &str = "main";

/// Answers the page's request for the script, off the window's thread.
pub fn respond(
    app: &AppHandle,
    webview: &str,
    request: &Request<Vec<u8>>,
    responder: UriSchemeResponder,
) {
    if webview != WINDOW || request.uri().path() != "/start.js" {
        responder.respond(answer(StatusCode::NOT_FOUND, Vec::new()));
        return;
    }
    let app = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let work = move || {
            let state = app
                .try_state::<AppState>()
                .ok_or_else(|| "the app's state is not set up".to_string())?;
            script(&start_data(&state)).map_err(|e| e.to_string())
        };
        responder.respond(within(WAIT, work));
    });
}

/// The script `work` makes, if it makes it within `wait`; else, or when it fails or
/// panics, an empty one (the page then asks by command). The page's parser waits for
/// the answer: it must come, and soon.
fn within(
    wait: Duration,
    work: impl FnOnce() -> Result<String, String> + Send + 'static,
) -> Response<Vec<u8>> {
    let (sent, made) = mpsc::channel();
    // Left to finish on its own when late; its answer is dropped then.
    std::thread::spawn(move || {
        let _ = sent.send(work());
    });
    match made.recv_timeout(wait) {
        Ok(Ok(text)) => answer(StatusCode::OK, text.into_bytes()),
        Ok(Err(e)) => {
            eprintln!("murmelglas: start script: {e}");
            answer(StatusCode::OK, Vec::new())
        }
        // Late, or the work panicked (its sender is gone).
        Err(_) => answer(StatusCode::OK, Vec::new()),
    }
}

fn answer(status: StatusCode, body: Vec<u8>) -> Response<Vec<u8>> {
    let mut response = Response::new(body);
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static("text/javascript; charset=utf-8"),
    );
    // Made anew for every start: never from a cache.
    headers.insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use murmelglas::datetime;
    use murmelglas::domain::{ContactDraft, Rating};
    use murmelglas::store::StoreError;

    fn state_in(dir: &std::path::Path) -> AppState {
        crate::new_state(&dir.join("config"), &dir.join("data"))
    }

    #[test]
    fn the_script_holds_the_commands_answers() {
        let dir = tempfile::tempdir().expect("temp dir");
        let state = state_in(dir.path());
        let db = crate::Database::open(&dir.path().join("jar.sqlite3")).expect("open");
        db.write(|store| {
            for rating in [Rating::Golden, Rating::Ordinary, Rating::Golden] {
                store.log_contact(ContactDraft::new(rating), datetime::now())?;
            }
            Ok::<_, StoreError>(())
        })
        .expect("log");
        state.set_slot(crate::DbSlot::Open(std::sync::Arc::new(db)));

        let text = script(&start_data(&state)).expect("script");
        let json = text
            .strip_prefix("window.__murmelglasStart = ")
            .and_then(|t| t.strip_suffix(";\n"))
            .expect("one assignment");
        let value: serde_json::Value = serde_json::from_str(json).expect("JSON");
        assert_eq!(value["bootstrap"]["ok"]["status"], "ready");
        let figures = &value["jar"]["ok"]["figures"];
        assert_eq!(figures["golden"], 2, "{figures}");
        assert_eq!(figures["ordinary"], 1, "{figures}");
    }

    fn body(response: &Response<Vec<u8>>) -> &str {
        std::str::from_utf8(response.body()).expect("UTF-8")
    }

    #[test]
    fn the_script_comes_in_time_or_empty() {
        let quick = within(Duration::from_secs(5), || Ok("window.x = 1;\n".into()));
        assert_eq!(quick.status(), StatusCode::OK);
        assert_eq!(body(&quick), "window.x = 1;\n");

        let late = within(Duration::from_millis(20), || {
            std::thread::sleep(Duration::from_millis(500));
            Ok("window.x = 1;\n".into())
        });
        assert_eq!(late.status(), StatusCode::OK);
        assert_eq!(body(&late), "", "late: empty, the page asks by command");

        let failed = within(Duration::from_secs(5), || Err("no state".into()));
        assert_eq!(body(&failed), "");
    }

    #[test]
    fn a_panic_while_making_the_script_still_answers() {
        let started = std::time::Instant::now();
        let response = within(Duration::from_secs(5), || panic!("a bug while reading"));
        assert_eq!(body(&response), "");
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "answered when the work ended, not at the deadline"
        );
    }

    #[test]
    fn the_page_asks_for_the_script_by_this_scheme() {
        let early = include_str!("../../ui/public/early.js");
        assert!(
            early.contains(&format!("convertFileSrc(\"start.js\", \"{SCHEME}\")")),
            "ui/public/early.js loads start.js from {SCHEME}"
        );
    }

    #[test]
    fn a_file_that_cannot_be_opened_comes_as_the_problem_without_a_jar() {
        let dir = tempfile::tempdir().expect("temp dir");
        let state = state_in(dir.path());
        let path = dir.path().join("kaputt.sqlite3");
        std::fs::write(&path, b"not a database, not at all").expect("write");
        let problem = match crate::Database::open(&path) {
            Err(problem) => problem,
            Ok(_) => panic!("a text file opened as a database"),
        };
        state.set_slot(crate::DbSlot::Unavailable(problem));

        let data = start_data(&state);
        assert!(
            matches!(data.bootstrap, Answer::Ok(Start::Unavailable(_))),
            "{data:?}"
        );
        assert!(data.jar.is_none());
    }
}
