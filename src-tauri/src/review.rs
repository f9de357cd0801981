//! The dashboard's commands: the review of a period with its charts (drawn in Rust),
//! the contacts behind a bar or cell, charts as PNG and the weekly report through a save
//! dialog, and full screen for meeting mode.

use murmelglas::chart::{CellKind, Chart, Drawn, Size};
use murmelglas::domain::Lang;
use murmelglas::report::{self, ReportError};
use murmelglas::review::{self, Drill, Review, ReviewError, ReviewQuery};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager};

use crate::commands::{on_db, CommandResult};
use crate::data::{pick, FileKind};
use crate::{AppError, AppState};
use murmelglas::error_code::ErrorCode;

/// The charts of the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ChartId {
    Trend,
    WeeklyBars,
    WeekJars,
    Tags,
    Heat,
    ByChannel,
    ByPhase,
    ByPurpose,
}

impl ChartId {
    /// In the dashboard's order: full-width charts, and the narrow ones in pairs.
    pub const ALL: [ChartId; 8] = [
        ChartId::Trend,
        ChartId::WeekJars,
        ChartId::WeeklyBars,
        ChartId::ByChannel,
        ChartId::Tags,
        ChartId::Heat,
        ChartId::ByPhase,
        ChartId::ByPurpose,
    ];

    fn chart(self, r: &Review) -> Chart<'_> {
        let b = &r.breakdowns;
        match self {
            ChartId::Trend => Chart::Trend {
                series: &r.series,
                target: r.target,
            },
            ChartId::WeeklyBars => Chart::Stacked { series: &r.weeks },
            ChartId::WeekJars => Chart::WeekJars { weeks: &r.weeks },
            ChartId::Tags => Chart::Tags { breakdowns: b },
            ChartId::Heat => Chart::Heat { breakdowns: b },
            ChartId::ByChannel => Chart::Cells {
                kind: CellKind::Channel,
                cells: &b.by_channel,
                target: r.target,
            },
            ChartId::ByPhase => Chart::Cells {
                kind: CellKind::Phase,
                cells: &b.by_phase,
                target: r.target,
            },
            ChartId::ByPurpose => Chart::Cells {
                kind: CellKind::Purpose,
                cells: &b.by_purpose,
                target: r.target,
            },
        }
    }
}

impl ChartId {
    /// Charts shown side by side get a narrower canvas, so that scaled into half the
    /// window their text is as large as the full-width charts'.
    fn size(self, chart: &Chart<'_>) -> Size {
        let full = chart.default_size();
        match self {
            ChartId::WeeklyBars => Size {
                width: 600,
                height: 420,
            },
            ChartId::ByChannel | ChartId::ByPhase | ChartId::ByPurpose => {
                Size { width: 600, ..full }
            }
            _ => full,
        }
    }
}

/// One drawn chart of the dashboard.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ChartView {
    pub id: ChartId,
    pub drawn: Drawn,
}

/// The review of a period and its charts, in the window's language.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ReviewView {
    pub review: Review,
    pub charts: Vec<ChartView>,
    /// Every place the file's contacts name, by name: the choices of the place filter,
    /// which must not shrink to the one place the filter has chosen.
    pub places: Vec<String>,
}

impl From<ReviewError> for AppError {
    fn from(e: ReviewError) -> Self {
        match e {
            ReviewError::Store(inner) => inner.into(),
            other => AppError::new(other.code(), other),
        }
    }
}

fn chart_error(e: murmelglas::chart::ChartError) -> AppError {
    AppError::new(ErrorCode::Chart, e)
}

pub(crate) fn report_error(e: ReportError) -> AppError {
    match e {
        ReportError::Review(inner) => inner.into(),
        ReportError::Store(inner) => inner.into(),
        ReportError::Exists(_) => AppError::new(ErrorCode::FileExists, e),
        ReportError::Write { .. } => AppError::new(ErrorCode::WriteFailed, e),
        ReportError::Chart(_) => AppError::new(ErrorCode::Chart, e),
    }
}

/// `query` as asked, or narrowed to the contacts logged on this computer ("this
/// computer's figures" when the team stores no names).
fn scoped(state: &AppState, mut query: ReviewQuery, this_computer: bool) -> ReviewQuery {
    if this_computer {
        query.member = None;
        query.contacts = Some(state.logged_here.set());
    }
    query
}

fn drawn(review: &Review, lang: Lang) -> CommandResult<Vec<ChartView>> {
    ChartId::ALL
        .iter()
        .map(|&id| {
            let chart = id.chart(review);
            Ok(ChartView {
                id,
                drawn: chart.svg(lang, id.size(&chart)).map_err(chart_error)?,
            })
        })
        .collect()
}

/// The review of a period with every chart drawn. Over a million contacts a quarter
/// takes a moment: it runs off the window's thread, on a reading connection.
#[tauri::command]
pub async fn review(
    app: AppHandle,
    query: ReviewQuery,
    lang: Lang,
    this_computer: bool,
) -> CommandResult<ReviewView> {
    on_db(app, move |state, db| {
        let query = scoped(state, query, this_computer);
        let (review, places) = db.read(|store| {
            let review = review::review(store, &query)?;
            let places = store.places()?.into_iter().map(|(_, name)| name).collect();
            Ok::<_, ReviewError>((review, places))
        })?;
        let charts = drawn(&review, lang)?;
        Ok(ReviewView {
            review,
            charts,
            places,
        })
    })
    .await
}

/// The contacts behind one bar or cell (a chart region's key).
#[tauri::command]
pub async fn drill(
    app: AppHandle,
    query: ReviewQuery,
    key: String,
    this_computer: bool,
) -> CommandResult<Drill> {
    on_db(app, move |state, db| {
        let query = scoped(state, query, this_computer);
        db.read(|store| review::drill(store, &query, &key))
    })
    .await
}

/// Saves one chart as PNG (for slides) through a save dialog; the file's path, or `None`
/// when cancelled. Reads on a connection of its own.
#[tauri::command]
pub async fn save_chart_png(
    app: AppHandle,
    query: ReviewQuery,
    lang: Lang,
    chart: ChartId,
    title: String,
    this_computer: bool,
) -> CommandResult<Option<String>> {
    on_db(app.clone(), move |state, db| {
        let query = scoped(state, query, this_computer);
        let review = review::review(&db.own_reader()?, &query)?;
        let drawn = chart.chart(&review);
        let png = drawn.png(lang, drawn.default_size()).map_err(chart_error)?;
        let name = format!(
            "murmelglas-{}-{}.png",
            drawn.file_stem(),
            review::week_label(query.to)
        );
        let Some(picked) = pick(&app, true, &title, Some(&name), FileKind::Png) else {
            return Ok(None);
        };
        report::write_file(&picked.path, &png, picked.may_replace).map_err(report_error)?;
        Ok(Some(picked.path.display().to_string()))
    })
    .await
}

/// Writes the weekly report (one self-contained HTML file) for the dashboard's period
/// through a save dialog; the file's path, or `None` when cancelled. Reads on a
/// connection of its own.
#[tauri::command]
pub async fn save_report(
    app: AppHandle,
    query: ReviewQuery,
    lang: Lang,
    title: String,
) -> CommandResult<Option<String>> {
    on_db(app.clone(), move |_, db| {
        // The report is the team's: the dashboard's period, never one member's figures.
        let html = report::render_html(&db.own_reader()?, query.from, query.to, lang)
            .map_err(report_error)?;
        let stem = match lang {
            Lang::De => "murmelglas-bericht",
            Lang::En => "murmelglas-report",
        };
        let name = format!("{stem}-{}.html", review::week_label(query.to));
        let Some(picked) = pick(&app, true, &title, Some(&name), FileKind::Html) else {
            return Ok(None);
        };
        report::write_html(&picked.path, &html, picked.may_replace).map_err(report_error)?;
        Ok(Some(picked.path.display().to_string()))
    })
    .await
}

/// Meeting mode: the window fills the screen (or leaves it).
#[tauri::command]
pub fn set_full_screen(app: AppHandle, on: bool) -> CommandResult<()> {
    let window = app
        .get_webview_window("main")
        .ok_or_else(|| AppError::new(ErrorCode::NoWindow, "the main window is gone"))?;
    window
        .set_fullscreen(on)
        .map_err(|e| AppError::new(ErrorCode::FullScreen, e))
}
