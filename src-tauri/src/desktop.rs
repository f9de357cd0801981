//! Logging without the window: the tray menu, the global shortcuts, the confirmation
//! notification and the end-of-day reminder. Their texts come from the window's
//! translation table (see [`DesktopTexts`]), so there is one table for every word.

use std::sync::atomic::Ordering;
use std::time::Duration;

use chrono::{Local, NaiveDate};
use murmelglas::analytics;
use murmelglas::datetime;
use murmelglas::domain::{Contact, ContactDraft, Rating};
use serde::Deserialize;
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Emitter, Manager, State, Wry};
use tauri_plugin_global_shortcut::{GlobalShortcut, GlobalShortcutExt, Shortcut, ShortcutState};
use tauri_plugin_notification::NotificationExt;

use crate::commands::{remember_logged_here, CommandResult};
use crate::prefs::Prefs;
use crate::{lock, upkeep, AppError, AppState};
use murmelglas::error_code::ErrorCode;

/// The event the window listens to when a contact was logged from the tray or a shortcut.
pub const CONTACT_LOGGED: &str = "contact-logged";

pub const TRAY_ID: &str = "murmelglas";

/// The words the tray and the notifications use, in the window's current language.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
pub struct DesktopTexts {
    pub golden: String,
    pub ordinary: String,
    pub open: String,
    pub quit: String,
    pub logged_golden: String,
    pub logged_ordinary: String,
    /// With `{golden}` and `{ordinary}`: today's counts after logging.
    pub today: String,
    pub reminder_title: String,
    pub reminder_body: String,
}

fn fill(template: &str, golden: u64, ordinary: u64) -> String {
    template
        .replace("{golden}", &golden.to_string())
        .replace("{ordinary}", &ordinary.to_string())
}

/// A line for scripts/bench-app.py, which times the start by them, when it asks for them.
pub fn report(what: &str) {
    if std::env::var_os("MURMELGLAS_REPORT_READY").is_some() {
        println!("murmelglas: {what}");
    }
}

/// Called by the window once it has loaded, and again on a language change: builds the
/// tray (or renames its items) with the window's words. `timings`: the page's start
/// marks (name, ms after it started loading), for the bench script's breakdown.
#[tauri::command]
pub fn desktop_ready(
    app: AppHandle,
    state: State<'_, AppState>,
    texts: DesktopTexts,
    timings: Option<Vec<(String, f64)>>,
) -> CommandResult<bool> {
    *lock(&state.texts) = texts.clone();
    if let Some(timings) = timings {
        let marks: Vec<String> = timings
            .iter()
            .map(|(name, ms)| format!("{name}={ms:.1}"))
            .collect();
        report(&format!("page timings {}", marks.join(";")));
    }
    // scripts/bench-app.py times the start up to here: the window has its data.
    report("ready");
    // The daily backup and the story retention, now that the window shows its data.
    upkeep::start(&app);
    if !state.shortcuts_started.swap(true, Ordering::SeqCst) {
        // Grabbing the keys from the X server blocks the main thread for a moment; the
        // window already shows its data.
        let handle = app.clone();
        std::thread::spawn(move || {
            if let Err(e) = register_shortcuts(&handle) {
                // The app works without them; saving them in the settings reports why.
                eprintln!("murmelglas: global shortcuts not set: {}", e.message);
            }
        });
    }
    let menu = tray_menu(&app, &texts).map_err(|e| AppError::new(ErrorCode::Tray, e))?;
    if let Some(tray) = app.tray_by_id(TRAY_ID) {
        tray.set_menu(Some(menu))
            .map_err(|e| AppError::new(ErrorCode::Tray, e))?;
        return Ok(true);
    }
    let icon = app.default_window_icon().cloned();
    let mut builder = TrayIconBuilder::with_id(TRAY_ID)
        .menu(&menu)
        .tooltip("Murmelglas")
        .show_menu_on_left_click(true)
        .on_menu_event(|app, event| match event.id().as_ref() {
            "golden" => log_from_desktop(app, Rating::Golden),
            "ordinary" => log_from_desktop(app, Rating::Ordinary),
            "open" => show_window(app),
            "quit" => app.exit(0),
            _ => {}
        });
    if let Some(icon) = icon {
        builder = builder.icon(icon);
    }
    // A desktop without a tray area still has the window and the shortcuts.
    match builder.build(&app) {
        Ok(_) => Ok(true),
        Err(e) => {
            eprintln!("murmelglas: no tray icon: {e}");
            Ok(false)
        }
    }
}

fn tray_menu(app: &AppHandle, texts: &DesktopTexts) -> tauri::Result<Menu<tauri::Wry>> {
    Menu::with_items(
        app,
        &[
            &MenuItem::with_id(app, "golden", &texts.golden, true, None::<&str>)?,
            &MenuItem::with_id(app, "ordinary", &texts.ordinary, true, None::<&str>)?,
            &PredefinedMenuItem::separator(app)?,
            &MenuItem::with_id(app, "open", &texts.open, true, None::<&str>)?,
            &MenuItem::with_id(app, "quit", &texts.quit, true, None::<&str>)?,
        ],
    )
}

/// Brings the main window to the front (tray "Open", a second start of the app).
pub fn show_window(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// Logs a bare rating for this computer's member, tells the window, and confirms with a
/// notification. Errors are shown as a notification too: there may be no window to see.
/// The tray's menu events arrive on the window's thread: the work goes to a thread of
/// the blocking pool, as a command's would.
pub fn log_from_desktop(app: &AppHandle, rating: Rating) {
    let app = app.clone();
    // The moment of the click or key press, whatever the write waits for.
    let now = datetime::now();
    tauri::async_runtime::spawn_blocking(move || log_now(&app, rating, now));
}

fn log_now(app: &AppHandle, rating: Rating, now: chrono::DateTime<chrono::FixedOffset>) {
    let state = app.state::<AppState>();
    let member = state.prefs().member.clone();
    let result = (|| -> Result<(Contact, Option<analytics::Figures>), AppError> {
        let db = state.database()?;
        let mut draft = ContactDraft::new(rating);
        draft.member = member;
        draft.place = state.prefs().place.clone();
        let contact = crate::server::log_or_keep(&db, draft, now)?;
        remember_logged_here(&state, &contact);
        let today = datetime::today();
        let figures = db.read(|store| {
            // One's own counts, or the team's — unless the team jar waits for the meeting.
            let covered = contact.member.is_none() && store.get_settings()?.hide_team_jar;
            if covered {
                Ok(None)
            } else {
                analytics::jar(store, today, today, contact.member.as_deref()).map(Some)
            }
        })?;
        Ok((contact, figures))
    })();
    let texts = lock(&state.texts).clone();
    match result {
        Ok((contact, figures)) => {
            let _ = app.emit(CONTACT_LOGGED, &contact);
            if state.prefs().notify {
                let title = match rating {
                    Rating::Golden => &texts.logged_golden,
                    Rating::Ordinary => &texts.logged_ordinary,
                };
                let body = figures
                    .map(|f| fill(&texts.today, f.golden, f.ordinary))
                    .unwrap_or_default();
                notify(app, title, &body);
            }
        }
        Err(e) => notify(app, "Murmelglas", &e.message),
    }
}

fn notify(app: &AppHandle, title: &str, body: &str) {
    // Without a notification service (no D-Bus session) logging still worked.
    if let Err(e) = app.notification().builder().title(title).body(body).show() {
        eprintln!("murmelglas: notification not shown: {e}");
    }
}

/// Registers the global shortcuts from the preferences, replacing any earlier ones.
pub fn register_shortcuts(app: &AppHandle) -> Result<(), AppError> {
    // The plugin opens its own X11 connection. Set up with the app, it delayed the first
    // paint of the window by about 0.5 s (BENCHMARKS.md), so it joins on first use. On
    // X11 any thread may set it up (global-hotkey runs its own event thread); Windows and
    // macOS would want the main thread, but we bundle for Linux only.
    let state = app.state::<AppState>();
    let _registering = lock(&state.shortcuts_lock);
    let mut added = Ok(());
    state.shortcut_plugin.call_once(|| {
        added = app.plugin(tauri_plugin_global_shortcut::Builder::new().build());
    });
    added.map_err(|e| AppError::new(ErrorCode::Shortcut, e))?;
    if app.try_state::<GlobalShortcut<Wry>>().is_none() {
        return Err(AppError::new(
            ErrorCode::Shortcut,
            "global shortcuts are not available on this desktop",
        ));
    }
    let shortcuts = app.global_shortcut();
    shortcuts
        .unregister_all()
        .map_err(|e| AppError::new(ErrorCode::Shortcut, e))?;
    let prefs = app.state::<AppState>().prefs().clone();
    if !prefs.shortcuts_enabled {
        return Ok(());
    }
    let golden = parse_shortcut(&prefs.shortcut_golden)?;
    let ordinary = parse_shortcut(&prefs.shortcut_ordinary)?;
    if golden == ordinary {
        return Err(AppError::new(
            ErrorCode::ShortcutTwice,
            format!("{} cannot log both ratings", prefs.shortcut_golden),
        ));
    }
    for (shortcut, text, rating) in [
        (golden, &prefs.shortcut_golden, Rating::Golden),
        (ordinary, &prefs.shortcut_ordinary, Rating::Ordinary),
    ] {
        shortcuts
            .on_shortcut(shortcut, move |app, _, event| {
                if event.state == ShortcutState::Pressed {
                    log_from_desktop(app, rating);
                }
            })
            .map_err(|e| {
                AppError::new(
                    ErrorCode::ShortcutTaken,
                    format!("{text} cannot be used (another program may hold it): {e}"),
                )
            })?;
    }
    Ok(())
}

/// Parses `Ctrl+Alt+G`; a shortcut without Ctrl, Alt or Super would steal normal typing.
pub fn parse_shortcut(text: &str) -> Result<Shortcut, AppError> {
    let shortcut: Shortcut = text
        .trim()
        .parse()
        .map_err(|e| AppError::new(ErrorCode::BadShortcut, format!("'{text}': {e}")))?;
    use tauri_plugin_global_shortcut::Modifiers;
    if !shortcut
        .mods
        .intersects(Modifiers::CONTROL | Modifiers::ALT | Modifiers::SUPER)
    {
        return Err(AppError::new(
            ErrorCode::BadShortcut,
            format!("'{text}' needs Ctrl, Alt or Super, or it would catch normal typing"),
        ));
    }
    Ok(shortcut)
}

/// Whether the end-of-day reminder fires now: it is on, the reminder time has passed,
/// it has not fired today, and nothing was logged in the quiet hours.
pub fn should_remind(
    prefs: &Prefs,
    now: chrono::NaiveTime,
    reminded_today: bool,
    logged_recently: impl FnOnce() -> bool,
) -> bool {
    match (prefs.reminder_enabled, prefs.reminder_at()) {
        (true, Some(at)) if now >= at && !reminded_today => !logged_recently(),
        _ => false,
    }
}

/// Checks once a minute whether to remind (see [`should_remind`]). "Logged" means by this
/// computer's member, or by anyone when logging anonymously.
pub fn start_reminder(app: AppHandle) {
    std::thread::spawn(move || {
        let mut reminded_on: Option<NaiveDate> = None;
        loop {
            std::thread::sleep(Duration::from_secs(60));
            let state = app.state::<AppState>();
            let prefs = state.prefs().clone();
            let now = Local::now();
            let today = now.date_naive();
            let quiet_since =
                datetime::now() - chrono::TimeDelta::hours(prefs.reminder_hours.into());
            let remind = should_remind(&prefs, now.time(), reminded_on == Some(today), || {
                // Without a database there is nothing to remind of.
                state
                    .database()
                    .and_then(|db| {
                        db.read(|store| store.logged_since(quiet_since, prefs.member.as_deref()))
                    })
                    .unwrap_or(true)
            });
            // Past the reminder time the day is decided, reminded or not.
            if prefs.reminder_at().is_some_and(|at| now.time() >= at) {
                reminded_on = Some(today);
            }
            if remind {
                let texts = lock(&state.texts).clone();
                notify(&app, &texts.reminder_title, &texts.reminder_body);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcuts_need_a_modifier() {
        assert!(parse_shortcut("Ctrl+Alt+G").is_ok());
        assert!(parse_shortcut("super+shift+1").is_ok());
        assert_eq!(
            parse_shortcut("G").expect_err("bare").code,
            ErrorCode::BadShortcut
        );
        assert_eq!(
            parse_shortcut("Ctrl+Alt+").expect_err("no key").code,
            ErrorCode::BadShortcut
        );
    }

    #[test]
    fn the_reminder_fires_once_after_its_time_and_only_after_quiet_hours() {
        let time = |h, m| chrono::NaiveTime::from_hms_opt(h, m, 0).expect("time");
        let on = Prefs {
            reminder_enabled: true,
            reminder_time: "16:30".into(),
            ..Prefs::default()
        };
        assert!(should_remind(&on, time(16, 30), false, || false));
        assert!(
            !should_remind(&on, time(16, 29), false, || false),
            "too early"
        );
        assert!(
            !should_remind(&on, time(17, 0), true, || false),
            "already today"
        );
        assert!(
            !should_remind(&on, time(17, 0), false, || true),
            "logged recently"
        );
        let off = Prefs {
            reminder_enabled: false,
            ..on.clone()
        };
        assert!(
            !should_remind(&off, time(17, 0), false, || false),
            "switched off"
        );
    }

    #[test]
    fn counts_fill_the_template() {
        assert_eq!(
            fill("Heute: {golden} Gold, {ordinary} 08/15", 3, 12),
            "Heute: 3 Gold, 12 08/15"
        );
    }
}
