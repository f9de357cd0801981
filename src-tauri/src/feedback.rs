//! The commands of suggestions and complaints (DOMAIN.md §5, issue 14): taking feedback,
//! the list with its deadlines, the steps of an item, the team's causes and deadlines,
//! the review of feedback with its chart (drawn in Rust), the printable cards, the
//! feedback files, and the weekly meeting's step. The rules are the core's
//! (`murmelglas::feedback`); these are thin adapters.
//!
//! Privacy: nothing sent to the window names who took an item or who logged its contact.

use murmelglas::chart::{FeedbackChart, FeedbackDrawn};
use murmelglas::domain::Lang;
use murmelglas::export::Format;
use murmelglas::feedback::list::{self, FeedbackRow, ListQuery, MeetingFeedback};
use murmelglas::feedback::read::{import_feedback_file, FeedbackImportSummary};
use murmelglas::feedback::stats::{self, FeedbackKey, FeedbackStats, StatsQuery};
use murmelglas::feedback::{
    cards, file, Cause, FeedbackDraft, FeedbackItem, FeedbackRef, FeedbackSettings, FeedbackState,
};
use murmelglas::import::{ImportError, RowError};
use murmelglas::{Store, StoreError};
use serde::Serialize;
use tauri::{AppHandle, Manager};

use crate::commands::{on_db, CommandResult};
use crate::data::{export_error, pick, ExportKind, FileKind};
use crate::database::off_main;
use crate::{AppError, AppState};
use murmelglas::error_code::ErrorCode;

/// A cause of the team's list with its words in both languages (a default cause has the
/// core's words, one the team named its own name in both).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct CauseEntry {
    pub code: String,
    pub label_de: String,
    pub label_en: String,
    pub retired: bool,
}

impl CauseEntry {
    fn of(cause: &Cause) -> CauseEntry {
        CauseEntry {
            code: cause.code.clone(),
            label_de: cause.label(Lang::De),
            label_en: cause.label(Lang::En),
            retired: cause.retired,
        }
    }
}

fn entries(causes: &[Cause]) -> Vec<CauseEntry> {
    causes.iter().map(CauseEntry::of).collect()
}

/// The list as the window shows it: the rows the filter selects, how many items are
/// overdue in all (the navigation's badge), and the causes' words.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct FeedbackList {
    pub rows: Vec<FeedbackRow>,
    pub overdue: u64,
    pub open: u64,
    pub causes: Vec<CauseEntry>,
}

/// The team's deadlines and causes, for the settings and the capture form.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct FeedbackSetup {
    pub settings: FeedbackSettings,
    pub causes: Vec<CauseEntry>,
}

/// The review of feedback for a period, with its chart.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct FeedbackStatsView {
    pub stats: FeedbackStats,
    pub chart: FeedbackDrawn,
    pub causes: Vec<CauseEntry>,
}

/// The weekly meeting's step, with the causes' words.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct MeetingFeedbackView {
    pub step: MeetingFeedback,
    pub causes: Vec<CauseEntry>,
}

/// What an import of feedback from the settings view did.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum FeedbackImportOutcome {
    Cancelled,
    Imported {
        file: String,
        summary: FeedbackImportSummary,
    },
    /// Nothing was imported: the bad rows, each with its line and column.
    Rejected {
        file: String,
        errors: Vec<RowError>,
        total: usize,
    },
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct FeedbackExportDone {
    pub file: String,
    pub items: u64,
}

fn parse_ref(which: &str) -> CommandResult<FeedbackRef> {
    which
        .parse::<FeedbackRef>()
        .map_err(|e| AppError::from(StoreError::from(e)))
}

/// An item as the window shows it: never who took it.
fn without_person(mut item: FeedbackItem) -> FeedbackItem {
    item.recorded_by = None;
    item
}

fn overdue_and_open(store: &Store) -> Result<(u64, u64), StoreError> {
    let open = list::list(
        store,
        &ListQuery {
            open: true,
            ..ListQuery::default()
        },
        murmelglas::datetime::today(),
    )?;
    Ok((
        open.iter().filter(|r| r.overdue).count() as u64,
        open.len() as u64,
    ))
}

/// The items the filter selects, overdue ones first.
#[tauri::command]
pub async fn feedback_list(app: AppHandle, query: ListQuery) -> CommandResult<FeedbackList> {
    on_db(app, move |_, db| {
        db.read(|store| {
            let rows = list::list(store, &query, murmelglas::datetime::today())?;
            let (overdue, open) = overdue_and_open(store)?;
            Ok::<_, StoreError>(FeedbackList {
                rows,
                overdue,
                open,
                causes: entries(&store.list_causes(true)?),
            })
        })
    })
    .await
}

/// How many items are overdue today: the navigation's badge.
#[tauri::command]
pub async fn feedback_overdue(app: AppHandle) -> CommandResult<u64> {
    on_db(app, |_, db| {
        db.read(|store| overdue_and_open(store).map(|(overdue, _)| overdue))
    })
    .await
}

/// One item with its history (`12`, `#12` or its id).
#[tauri::command]
pub async fn feedback_item(app: AppHandle, which: String) -> CommandResult<FeedbackItem> {
    on_db(app, move |_, db| {
        let which = parse_ref(&which)?;
        db.read(|store| store.get_feedback(which))?
            .map(without_person)
            .ok_or_else(|| {
                AppError::from(StoreError::from(
                    murmelglas::feedback::FeedbackError::UnknownItem(which.to_string()),
                ))
            })
    })
    .await
}

/// Takes a complaint or suggestion (step 2), now; nobody is named as the one who took it.
#[tauri::command]
pub async fn add_feedback(app: AppHandle, draft: FeedbackDraft) -> CommandResult<FeedbackItem> {
    on_db(app, move |_, db| {
        let draft = FeedbackDraft {
            recorded_by: None,
            received_at: None,
            ..draft
        };
        db.write(|store| store.add_feedback(draft, murmelglas::datetime::now()))
            .map(without_person)
    })
    .await
}

/// Moves an item to `to`: closing needs an outcome, going back a reason.
#[tauri::command]
pub async fn advance_feedback(
    app: AppHandle,
    which: String,
    to: FeedbackState,
    note: Option<String>,
) -> CommandResult<FeedbackItem> {
    on_db(app, move |_, db| {
        let which = parse_ref(&which)?;
        db.write(|store| {
            store.advance_feedback(which, to, note.as_deref(), murmelglas::datetime::now())
        })
        .map(without_person)
    })
    .await
}

fn setup_of(store: &Store) -> Result<FeedbackSetup, StoreError> {
    Ok(FeedbackSetup {
        settings: store.feedback_settings()?,
        causes: entries(&store.list_causes(true)?),
    })
}

/// The team's deadlines and every cause, retired ones included.
#[tauri::command]
pub async fn feedback_setup(app: AppHandle) -> CommandResult<FeedbackSetup> {
    on_db(app, |_, db| db.read(setup_of)).await
}

#[tauri::command]
pub async fn save_feedback_settings(
    app: AppHandle,
    settings: FeedbackSettings,
) -> CommandResult<FeedbackSetup> {
    on_db(app, move |_, db| {
        db.write(|store| {
            store.update_feedback_settings(&settings)?;
            setup_of(store)
        })
    })
    .await
}

/// Runs one change to the causes and returns the setup, as the settings list shows it.
async fn change_causes(
    app: AppHandle,
    change: impl FnOnce(&mut Store) -> Result<Cause, StoreError> + Send + 'static,
) -> CommandResult<FeedbackSetup> {
    on_db(app, |_, db| {
        db.write(|store| {
            change(store)?;
            setup_of(store)
        })
    })
    .await
}

#[tauri::command]
pub async fn add_cause(app: AppHandle, name: String) -> CommandResult<FeedbackSetup> {
    change_causes(app, move |store| store.add_cause(&name)).await
}

/// A new name; the code, and the items that have the cause, stay.
#[tauri::command]
pub async fn rename_cause(
    app: AppHandle,
    code: String,
    name: String,
) -> CommandResult<FeedbackSetup> {
    change_causes(app, move |store| store.rename_cause(&code, &name)).await
}

/// Retires a cause (items keep it) or brings it back.
#[tauri::command]
pub async fn set_cause_retired(
    app: AppHandle,
    code: String,
    retired: bool,
) -> CommandResult<FeedbackSetup> {
    change_causes(app, move |store| store.set_cause_retired(&code, retired)).await
}

/// The figures of a period with the complaints-per-week chart.
#[tauri::command]
pub async fn feedback_stats(
    app: AppHandle,
    query: StatsQuery,
    lang: Lang,
) -> CommandResult<FeedbackStatsView> {
    on_db(app, move |_, db| {
        let stats = db.read(|store| stats::stats(store, &query, murmelglas::datetime::today()))?;
        let chart = FeedbackChart { stats: &stats };
        let drawn = chart
            .svg(lang, chart.default_size())
            .map_err(|e| AppError::new(ErrorCode::Chart, e))?;
        let causes = entries(&stats.causes);
        Ok(FeedbackStatsView {
            stats,
            chart: drawn,
            causes,
        })
    })
    .await
}

/// The items behind one figure of the period (`open`, `cause:price`, `week:…`).
#[tauri::command]
pub async fn feedback_drill(
    app: AppHandle,
    query: StatsQuery,
    key: String,
) -> CommandResult<Vec<FeedbackRow>> {
    on_db(app, move |_, db| {
        let key: FeedbackKey = key
            .parse()
            .map_err(|e| AppError::from(StoreError::from(e)))?;
        db.read(|store| stats::drill(store, &query, &key, murmelglas::datetime::today()))
    })
    .await
}

/// The weekly meeting's step: open and overdue items, the most frequent causes since
/// `since`; without it, since the last saved meeting (or the last seven days, when the
/// team has saved none yet).
#[tauri::command]
pub async fn feedback_meeting(
    app: AppHandle,
    since: Option<chrono::NaiveDate>,
) -> CommandResult<MeetingFeedbackView> {
    on_db(app, move |_, db| {
        db.read(|store| {
            let today = murmelglas::datetime::today();
            let since = match since {
                Some(day) => day,
                None => store
                    .list_meetings()?
                    .iter()
                    .map(|m| m.held_on)
                    .filter(|day| *day <= today)
                    .max()
                    .unwrap_or(today - chrono::Days::new(7)),
            };
            let step = list::meeting_step(store, since, today)?;
            let causes = entries(&step.causes);
            Ok::<_, StoreError>(MeetingFeedbackView { step, causes })
        })
    })
    .await
}

/// Saves the A4 page of four feedback cards with the team's name through a save
/// dialog; the file's path, or `None` when cancelled.
#[tauri::command]
pub async fn save_feedback_cards(
    app: AppHandle,
    lang: Lang,
    title: String,
) -> CommandResult<Option<String>> {
    on_db(app.clone(), move |_, db| {
        let team = db.read(|store| store.get_settings())?.team_name;
        let name = match lang {
            Lang::De => "murmelglas-feedback-karten.html",
            Lang::En => "murmelglas-feedback-cards.html",
        };
        let Some(picked) = pick(&app, true, &title, Some(name), FileKind::Html) else {
            return Ok(None);
        };
        cards::write_cards(&picked.path, &team, lang, picked.may_replace).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                AppError::new(ErrorCode::FileExists, e)
            } else {
                AppError::new(ErrorCode::WriteFailed, e)
            }
        })?;
        Ok(Some(picked.path.display().to_string()))
    })
    .await
}

/// Exports every feedback item (with its history, never a person or the answer note) to
/// a file chosen in a save dialog; `None` when cancelled.
#[tauri::command]
pub async fn export_feedback(
    app: AppHandle,
    kind: ExportKind,
    title: String,
) -> CommandResult<Option<FeedbackExportDone>> {
    let (format, lang, ext) = match kind {
        ExportKind::CsvDe => (Format::Csv, Lang::De, "csv"),
        ExportKind::CsvEn => (Format::Csv, Lang::En, "csv"),
        ExportKind::Json => (Format::Json, Lang::En, "json"),
    };
    on_db(app.clone(), move |_, db| {
        let name = format!(
            "murmelglas-feedback-{}.{ext}",
            murmelglas::datetime::today()
        );
        let Some(picked) = pick(&app, true, &title, Some(&name), FileKind::Data) else {
            return Ok(None);
        };
        let store = db.own_reader()?;
        let items =
            file::write_feedback_to_file(&store, format, lang, &picked.path, picked.may_replace)
                .map_err(export_error)?;
        Ok(Some(FeedbackExportDone {
            file: picked.path.display().to_string(),
            items,
        }))
    })
    .await
}

/// Imports feedback items from a CSV or JSON file chosen in a dialog: all of them, or
/// nothing with every bad row named.
#[tauri::command]
pub async fn import_feedback(
    app: AppHandle,
    title: String,
) -> CommandResult<FeedbackImportOutcome> {
    off_main(move || {
        let db = app.state::<AppState>().database()?;
        if let Some(reason) = db.read_only() {
            return Err(AppError::new(ErrorCode::ReadOnly, &reason.message));
        }
        let Some(picked) = pick(&app, false, &title, None, FileKind::Data) else {
            return Ok(FeedbackImportOutcome::Cancelled);
        };
        let file = picked.path.display().to_string();
        let format = Format::from_path(&picked.path).unwrap_or(Format::Csv);
        let mut store = db.own_writer()?;
        match import_feedback_file(&mut store, &picked.path, Some(format)) {
            Ok(summary) => Ok(FeedbackImportOutcome::Imported { file, summary }),
            Err(ImportError::Invalid { errors, total, .. }) => {
                Ok(FeedbackImportOutcome::Rejected {
                    file,
                    errors,
                    total,
                })
            }
            Err(e) => Err(e.into()),
        }
    })
    .await
}
