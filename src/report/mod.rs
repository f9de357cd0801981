//! The weekly report: the team review of one period as a single self-contained HTML file
//! (inline CSS, charts as inline SVG, no scripts, nothing fetched from anywhere) that
//! prints cleanly on A4, and the same charts as PNG files for slides. The CLI's `report`
//! command and the desktop app both call this module.
//!
//! This file reads the review and names the report's charts and sentences, and writes
//! the files; `html.rs` builds the page with maud, `tables.rs` its tables (by place,
//! channel, phase, purpose, tag, obstacle, NPS), and `style.css` is its style sheet;
//! `minutes.rs` writes a saved meeting's minutes on the same page (or as Markdown).
//!
//! `feedback.rs` adds the section on suggestions and complaints.
//!
//! Privacy: like every team view the report names no member. It is built from the team
//! review, whose stories carry no names and only the text their authors shared, and whose
//! cells from fewer than three people are suppressed; the report says "too few to show"
//! there, never a number.

mod feedback;
mod html;
mod minutes;
mod minutes_md;
mod tables;

pub use minutes::{effect_sentence, render_minutes, target_words, why_words, MinutesFormat};

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{Datelike, Days, NaiveDate};

use crate::analytics::Change;
use crate::chart::{CellKind, Chart, ChartError};
use crate::domain::Lang;
use crate::review::{self, Review, ReviewError, ReviewQuery};
use crate::store::{Store, StoreError};
use crate::text::{fill, format, text, Text};

pub use feedback::ReportFeedback;

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error(transparent)]
    Review(#[from] ReviewError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Chart(#[from] ChartError),
    #[error("{0} already exists; choose another file name or pass --force to replace it")]
    Exists(String),
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
}

/// Monday and Sunday of the last complete ISO week before `today` (a week still running,
/// even on its Sunday, is not complete).
pub fn last_complete_week(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let monday = today - Days::new(u64::from(today.weekday().num_days_from_monday()));
    (monday - Days::new(7), monday - Days::new(1))
}

/// The team review of a period, ready to render as the report.
#[derive(Debug, Clone)]
pub struct Report {
    pub review: Review,
    pub team_name: String,
    pub lang: Lang,
    /// The period's suggestions and complaints; `None` when none came in and none is open.
    pub feedback: Option<ReportFeedback>,
}

/// The report's charts by name, in the order [`ReportCharts::in_order`] lists them.
struct ReportCharts<'a> {
    trend: Chart<'a>,
    weekly_bars: Chart<'a>,
    week_jars: Chart<'a>,
    tags: Chart<'a>,
    heat: Chart<'a>,
    by_channel: Chart<'a>,
    by_phase: Chart<'a>,
    by_purpose: Chart<'a>,
}

impl<'a> ReportCharts<'a> {
    /// As the report shows them.
    fn in_order(&self) -> Vec<Chart<'a>> {
        vec![
            self.trend,
            self.weekly_bars,
            self.week_jars,
            self.tags,
            self.heat,
            self.by_channel,
            self.by_phase,
            self.by_purpose,
        ]
    }
}

/// The report as HTML, for the team's contacts between `from` and `to` (inclusive).
pub fn render_html(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
    lang: Lang,
) -> Result<String, ReportError> {
    Report::build(store, from, to, lang)?.html()
}

impl Report {
    /// Reads the team review of `from`–`to` (no filter, no member: the team view).
    pub fn build(
        store: &Store,
        from: NaiveDate,
        to: NaiveDate,
        lang: Lang,
    ) -> Result<Report, ReportError> {
        let query = ReviewQuery {
            from,
            to,
            ..ReviewQuery::default()
        };
        let feedback_query = crate::feedback::stats::StatsQuery {
            from,
            to,
            cause: None,
        };
        Ok(Report {
            review: review::review(store, &query)?,
            team_name: store.get_settings()?.team_name,
            lang,
            feedback: ReportFeedback::build(store, &feedback_query)?,
        })
    }

    /// No contacts in the period: the report says so and draws no charts.
    pub fn is_empty(&self) -> bool {
        self.review.figures.total == 0
    }

    /// Whether the period is exactly one ISO week (Monday to Sunday).
    fn is_week(&self) -> bool {
        self.review.from.weekday() == chrono::Weekday::Mon
            && self.review.to == self.review.from + Days::new(6)
    }

    /// The charts by name; none for an empty period.
    fn named_charts(&self) -> Option<ReportCharts<'_>> {
        if self.is_empty() {
            return None;
        }
        let r = &self.review;
        let cells = |kind, cells| Chart::Cells {
            kind,
            cells,
            target: r.target,
        };
        Some(ReportCharts {
            trend: Chart::Trend {
                series: &r.series,
                target: r.target,
            },
            weekly_bars: Chart::Stacked { series: &r.weeks },
            week_jars: Chart::WeekJars { weeks: &r.weeks },
            tags: Chart::Tags {
                breakdowns: &r.breakdowns,
            },
            heat: Chart::Heat {
                breakdowns: &r.breakdowns,
            },
            by_channel: cells(CellKind::Channel, &r.breakdowns.by_channel),
            by_phase: cells(CellKind::Phase, &r.breakdowns.by_phase),
            by_purpose: cells(CellKind::Purpose, &r.breakdowns.by_purpose),
        })
    }

    /// The report's charts, in the order it shows them; none for an empty period.
    pub fn charts(&self) -> Vec<Chart<'_>> {
        self.named_charts()
            .map(|c| c.in_order())
            .unwrap_or_default()
    }

    /// Every chart as PNG, with its file name (`trend.png`, `heat-map.png`, …), the
    /// feedback's complaints by cause last.
    pub fn pngs(&self) -> Result<Vec<(String, Vec<u8>)>, ReportError> {
        let mut pngs = self
            .charts()
            .iter()
            .map(|c| {
                Ok((
                    format!("{}.png", c.file_stem()),
                    c.png(self.lang, c.default_size())?,
                ))
            })
            .collect::<Result<Vec<_>, ReportError>>()?;
        if let Some(chart) = self.feedback.as_ref().and_then(ReportFeedback::chart) {
            pngs.push((
                format!("{}.png", chart.file_stem()),
                chart.png(self.lang, chart.default_size())?,
            ));
        }
        Ok(pngs)
    }

    /// "Wochenbericht · Kundenservice Nord"; without a team name just "Wochenbericht".
    fn title(&self) -> String {
        let kind = if self.is_week() {
            Text::WeeklyReport
        } else {
            Text::PeriodReport
        };
        let kind = text(kind, self.lang);
        match self.team_name.trim() {
            "" => kind.to_string(),
            team => format!("{kind} · {team}"),
        }
    }

    /// "KW 47 2026 · 16.11.2026–22.11.2026", or the dates alone for other periods.
    fn period_title(&self) -> String {
        let (from, to) = (self.review.from, self.review.to);
        let range = format::date_range(from, to, self.lang);
        if self.is_week() {
            let w = from.iso_week();
            let week = fill(
                Text::WeekTitle,
                self.lang,
                &[("week", &w.week()), ("year", &w.year())],
            );
            format!("{week} · {range}")
        } else {
            range
        }
    }

    /// "+6 Prozentpunkte gegenüber der Vorwoche (p = 0,03): eine echte Veränderung".
    pub fn change_sentence(&self) -> String {
        let lang = self.lang;
        let c = &self.review.change.comparison;
        let against = if self.is_week() {
            text(Text::VsPreviousWeek, lang).to_string()
        } else {
            let before = format::date_range(
                self.review.change.previous_from,
                self.review.change.previous_to,
                lang,
            );
            fill(Text::VsPreviousPeriod, lang, &[("period", &before)])
        };
        let verdict = match c.change {
            Change::Up | Change::Down => Text::RealChange,
            Change::WithinNormalVariation => Text::NormalVariation,
            Change::TooFewToTell => Text::TooFewToTell,
        };
        let verdict = text(verdict, lang);
        let Some(difference) = c.difference else {
            let none = if self.is_week() {
                Text::NoPreviousWeek
            } else {
                Text::NoPreviousPeriod
            };
            return format!("{}: {verdict}", text(none, lang));
        };
        let p = match (c.change, c.p_value) {
            (Change::TooFewToTell, _) | (_, None) => String::new(),
            (_, Some(p)) => format!(" ({})", format::p_value(p, lang)),
        };
        format!(
            "{} {against}{p}: {verdict}",
            format::points(difference, lang)
        )
    }

    /// "Vorwoche (09.11.2026–15.11.2026): 10 Kontakte, Goldanteil 20 %".
    fn previous_figures(&self) -> String {
        let lang = self.lang;
        let change = &self.review.change;
        let previous = &change.comparison.previous;
        let key = if self.is_week() {
            Text::PreviousWeekFigures
        } else {
            Text::PreviousPeriodFigures
        };
        fill(
            key,
            lang,
            &[
                (
                    "period",
                    &format::date_range(change.previous_from, change.previous_to, lang),
                ),
                ("contacts", &format::count(previous.total, lang)),
                (
                    "share",
                    &previous
                        .golden_share
                        .map_or("–".into(), |s| format::share(s, lang)),
                ),
            ],
        )
    }
}

/// Writes the HTML to `path` atomically: a temporary file beside it is renamed into place
/// only when complete. An existing file is replaced only with `force`.
pub fn write_html(path: &Path, html: &str, force: bool) -> Result<(), ReportError> {
    write_file(path, html.as_bytes(), force)
}

/// Writes any bytes (a chart's PNG from the app) the same way as [`write_html`].
pub fn write_file(path: &Path, bytes: &[u8], force: bool) -> Result<(), ReportError> {
    refuse_existing(&[path.to_path_buf()], force)?;
    write_atomically(path, bytes, force)
}

/// What [`write`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub html: PathBuf,
    pub pngs: Vec<PathBuf>,
}

/// Writes the report to `out` and, with `png_dir`, its charts as PNGs. Every file name is
/// checked before anything is written, so a refused run leaves no files behind.
pub fn write(
    report: &Report,
    out: &Path,
    png_dir: Option<&Path>,
    force: bool,
) -> Result<Written, ReportError> {
    let html = report.html()?;
    let pngs = match png_dir {
        Some(dir) => report
            .pngs()?
            .into_iter()
            .map(|(name, bytes)| (dir.join(name), bytes))
            .collect(),
        None => Vec::new(),
    };
    let mut all = vec![out.to_path_buf()];
    all.extend(pngs.iter().map(|(p, _)| p.clone()));
    refuse_existing(&all, force)?;
    if let Some(dir) = png_dir {
        create_dir(dir)?;
    }
    for (path, bytes) in &pngs {
        write_atomically(path, bytes, force)?;
    }
    write_atomically(out, html.as_bytes(), force)?;
    Ok(Written {
        html: out.to_path_buf(),
        pngs: pngs.into_iter().map(|(p, _)| p).collect(),
    })
}

fn refuse_existing(paths: &[PathBuf], force: bool) -> Result<(), ReportError> {
    match paths.iter().find(|p| p.exists()) {
        Some(p) if !force => Err(ReportError::Exists(p.display().to_string())),
        _ => Ok(()),
    }
}

fn create_dir(dir: &Path) -> Result<(), ReportError> {
    std::fs::create_dir_all(dir).map_err(|source| ReportError::Write {
        path: dir.display().to_string(),
        source,
    })
}

fn write_atomically(path: &Path, bytes: &[u8], force: bool) -> Result<(), ReportError> {
    crate::export::write_via_temp(
        path,
        force,
        |source| ReportError::Write {
            path: path.display().to_string(),
            source,
        },
        |mut file| {
            file.write_all(bytes).map_err(|source| ReportError::Write {
                path: path.display().to_string(),
                source,
            })
        },
    )
}
