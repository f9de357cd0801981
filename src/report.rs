//! The weekly report: the team review of one period as a single self-contained HTML file
//! (inline CSS, charts as inline SVG, no scripts, nothing fetched from anywhere) that
//! prints cleanly on A4, and the same charts as PNG files for slides. The CLI's `report`
//! command and the desktop app both call this module.
//!
//! Privacy: like every team view the report names no member. It is built from the team
//! review, whose stories carry no names and only the text their authors shared, and whose
//! cells from fewer than three people are suppressed; the report says "too few to show"
//! there, never a number.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{Datelike, Days, NaiveDate};

use crate::analytics::{Change, Figures};
use crate::breakdown::{Cell, NpsSpread, TagCell};
use crate::chart::{CellKind, Chart, ChartError};
use crate::domain::{Channel, Code, Contact, Lang, Motive, Perspective, Phase, Purpose, Rating};
use crate::review::{self, Review, ReviewError, ReviewQuery};
use crate::store::{Store, StoreError};

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

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

/// The team review of a period, ready to render as the report.
#[derive(Debug, Clone)]
pub struct Report {
    pub review: Review,
    pub team_name: String,
    pub lang: Lang,
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
        Ok(Report {
            review: review::review(store, &query)?,
            team_name: store.get_settings()?.team_name,
            lang,
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

    /// The report's charts, in the order it shows them; none for an empty period.
    pub fn charts(&self) -> Vec<Chart<'_>> {
        if self.is_empty() {
            return Vec::new();
        }
        let r = &self.review;
        let cells = |kind, cells| Chart::Cells {
            kind,
            cells,
            target: r.target,
        };
        vec![
            Chart::Trend {
                series: &r.series,
                target: r.target,
            },
            Chart::Stacked { series: &r.weeks },
            Chart::WeekJars { weeks: &r.weeks },
            Chart::Tags {
                breakdowns: &r.breakdowns,
            },
            Chart::Heat {
                breakdowns: &r.breakdowns,
            },
            cells(CellKind::Channel, &r.breakdowns.by_channel),
            cells(CellKind::Phase, &r.breakdowns.by_phase),
            cells(CellKind::Purpose, &r.breakdowns.by_purpose),
        ]
    }

    /// Every chart as PNG, with its file name (`trend.png`, `heat-map.png`, …).
    pub fn pngs(&self) -> Result<Vec<(String, Vec<u8>)>, ReportError> {
        self.charts()
            .iter()
            .map(|c| {
                Ok((
                    format!("{}.png", c.file_stem()),
                    c.png(self.lang, c.default_size())?,
                ))
            })
            .collect()
    }

    /// The whole report as one self-contained HTML document.
    pub fn html(&self) -> Result<String, ReportError> {
        let lang = self.lang;
        let r = &self.review;
        let title = self.title();
        let period = self.period_title();
        let mut body = String::new();
        body += &format!(
            "<header>\n<h1>{}</h1>\n<p class=\"period\">{}</p>\n</header>\n",
            escape_html(&title),
            escape_html(&period)
        );
        if self.is_empty() {
            let notice = if self.is_week() {
                T::NoContactsWeek
            } else {
                T::NoContactsPeriod
            };
            body += &format!("<p class=\"notice\">{}</p>\n", t(lang, notice));
        } else {
            body += &self.key_figures();
            let charts = self.charts();
            let figure = |i: usize| chart_figure(&charts[i], lang);

            body += &section_start(lang, T::SectionTrend);
            body += &figure(0)?;
            body += &figure(1)?;
            body += &figure(2)?;
            body += "</section>\n";

            body += &section_start(lang, T::SectionTags);
            body += &figure(3)?;
            body += &format!("<p class=\"note\">{}</p>\n", t(lang, T::TagsNote));
            body += "<div class=\"pair\">\n";
            body += &tag_table::<Motive>(lang, T::Motive, &r.breakdowns.motives);
            body += &tag_table::<Perspective>(lang, T::Perspective, &r.breakdowns.perspectives);
            body += "</div>\n</section>\n";

            body += &section_start(lang, T::SectionWhenWhere);
            body += &figure(4)?;
            body += "<div class=\"pair\">\n";
            body += &cell_table(lang, CellKind::Weekday, &r.breakdowns.by_weekday);
            body += &cell_table(lang, CellKind::Hour, &r.breakdowns.by_hour);
            body += "</div>\n";
            for (i, kind, cells) in [
                (5, CellKind::Channel, &r.breakdowns.by_channel),
                (6, CellKind::Phase, &r.breakdowns.by_phase),
                (7, CellKind::Purpose, &r.breakdowns.by_purpose),
            ] {
                body += &figure(i)?;
                body += &cell_table(lang, kind, cells);
            }
            body += &format!("<p class=\"note\">{}</p>\n", t(lang, T::TooFewNote));
            body += "</section>\n";

            body += &self.nps();
            body += &self.stories();
            body += &conclusions(lang);
        }
        body += &format!(
            "<footer>{}</footer>\n",
            fill(t(lang, T::Footer), &[&date(lang, crate::datetime::today())])
        );
        Ok(format!(
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"Murmelglas\">\n<title>{} · {}</title>\n\
             <style>\n{CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
            lang.code(),
            escape_html(&title),
            escape_html(&period),
        ))
    }

    /// "Wochenbericht · Kundenservice Nord"; without a team name just "Wochenbericht".
    fn title(&self) -> String {
        let kind = t(
            self.lang,
            if self.is_week() {
                T::WeeklyReport
            } else {
                T::PeriodReport
            },
        );
        match self.team_name.trim() {
            "" => kind.to_string(),
            team => format!("{kind} · {team}"),
        }
    }

    /// "KW 47 2026 · 16.11.2026–22.11.2026", or the dates alone for other periods.
    fn period_title(&self) -> String {
        let (from, to) = (self.review.from, self.review.to);
        let range = date_range(self.lang, from, to);
        if self.is_week() {
            let w = from.iso_week();
            let week = fill(
                t(self.lang, T::WeekTitle),
                &[&w.week().to_string(), &w.year().to_string()],
            );
            format!("{week} · {range}")
        } else {
            range
        }
    }

    fn key_figures(&self) -> String {
        let lang = self.lang;
        let r = &self.review;
        let f = &r.figures;
        let share = f.golden_share.map_or("–".into(), |s| percent(lang, s));
        let range = match (f.ci_low, f.ci_high) {
            (Some(lo), Some(hi)) => format!(
                "<span class=\"range\">{}</span>",
                fill(t(lang, T::Range95), &[&percent_range(lang, lo, hi)])
            ),
            _ => String::new(),
        };
        let item = |label: T, value: &str, class: &str| {
            format!(
                "<div class=\"figure {class}\"><dt>{}</dt><dd>{value}</dd></div>\n",
                t(lang, label)
            )
        };
        let mut out = section_start(lang, T::AtAGlance);
        out += "<dl class=\"figures\">\n";
        out += &item(T::Contacts, &count(lang, f.total), "total");
        out += &item(T::Golden, &count(lang, f.golden), "golden");
        out += &item(T::Ordinary, &count(lang, f.ordinary), "ordinary");
        out += &item(T::GoldenShare, &format!("{share}{range}"), "share");
        out += &item(T::Target, &percent(lang, r.target), "target");
        out += "</dl>\n";
        out += &format!(
            "<p class=\"change\"><strong>{}:</strong> {}</p>\n",
            t(lang, T::Change),
            escape_html(&self.change_sentence())
        );
        let previous = &r.change.comparison.previous;
        let previous_label = if self.is_week() {
            T::PreviousWeekFigures
        } else {
            T::PreviousPeriodFigures
        };
        out += &format!(
            "<p class=\"previous\">{}</p>\n</section>\n",
            escape_html(&fill(
                t(lang, previous_label),
                &[
                    &date_range(lang, r.change.previous_from, r.change.previous_to),
                    &count(lang, previous.total),
                    &previous
                        .golden_share
                        .map_or("–".into(), |s| percent(lang, s)),
                ]
            ))
        );
        out
    }

    /// "+6 Prozentpunkte gegenüber der Vorwoche (p = 0,03): eine echte Veränderung".
    pub fn change_sentence(&self) -> String {
        let lang = self.lang;
        let c = &self.review.change.comparison;
        let against = if self.is_week() {
            t(lang, T::VsPreviousWeek).to_string()
        } else {
            fill(
                t(lang, T::VsPreviousPeriod),
                &[&date_range(
                    lang,
                    self.review.change.previous_from,
                    self.review.change.previous_to,
                )],
            )
        };
        let verdict = t(
            lang,
            match c.change {
                Change::Up | Change::Down => T::RealChange,
                Change::WithinNormalVariation => T::NormalVariation,
                Change::TooFewToTell => T::TooFewToTell,
            },
        );
        let Some(difference) = c.difference else {
            let none = if self.is_week() {
                T::NoPreviousWeek
            } else {
                T::NoPreviousPeriod
            };
            return format!("{}: {verdict}", t(lang, none));
        };
        let p = match (c.change, c.p_value) {
            (Change::TooFewToTell, _) | (_, None) => String::new(),
            (_, Some(p)) => format!(" ({})", p_value(lang, p)),
        };
        format!("{} {against}{p}: {verdict}", points(lang, difference))
    }

    fn nps(&self) -> String {
        let lang = self.lang;
        let b = &self.review.breakdowns;
        let body = match (&b.nps, b.nps_suppressed) {
            (Some(spread), _) => nps_table(lang, spread),
            (None, true) => format!("<p class=\"too-few\">{}</p>\n", t(lang, T::TooFew)),
            // No contact has a score: no section at all.
            (None, false) => return String::new(),
        };
        format!(
            "{}{body}<p class=\"note\">{}</p>\n</section>\n",
            section_start(lang, T::SectionNps),
            t(lang, T::NpsHint)
        )
    }

    fn stories(&self) -> String {
        let lang = self.lang;
        let r = &self.review;
        let mut out = section_start(
            lang,
            if self.is_week() {
                T::SectionStoriesWeek
            } else {
                T::SectionStories
            },
        );
        out += &format!("<p class=\"note\">{}</p>\n", t(lang, T::StoriesPrivacy));
        if r.stories.is_empty() {
            out += &format!("<p>{}</p>\n", t(lang, T::NoStories));
        } else {
            if r.stories_total > r.stories.len() as u64 {
                out += &format!(
                    "<p>{}</p>\n",
                    fill(
                        t(lang, T::StoriesNewest),
                        &[&r.stories.len().to_string(), &count(lang, r.stories_total)]
                    )
                );
            }
            for story in &r.stories {
                out += &story_html(lang, story);
            }
        }
        out += "</section>\n";
        out
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

/// Writes every chart of `report` as PNG into `dir` (created if missing), refusing to
/// replace an existing PNG without `force`; checks all names before writing any.
pub fn write_pngs(report: &Report, dir: &Path, force: bool) -> Result<Vec<PathBuf>, ReportError> {
    let pngs = report.pngs()?;
    let paths: Vec<PathBuf> = pngs.iter().map(|(name, _)| dir.join(name)).collect();
    refuse_existing(&paths, force)?;
    create_dir(dir)?;
    for (path, (_, bytes)) in paths.iter().zip(&pngs) {
        write_atomically(path, bytes, force)?;
    }
    Ok(paths)
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

// ---- pieces of the page ----

fn section_start(lang: Lang, heading: T) -> String {
    format!("<section>\n<h2>{}</h2>\n", t(lang, heading))
}

/// A chart as inline SVG. The `xmlns` is dropped: HTML needs none, and the file then
/// holds no address at all.
fn chart_figure(chart: &Chart<'_>, lang: Lang) -> Result<String, ReportError> {
    let drawn = chart.svg(lang, chart.default_size())?;
    let label = escape_html(t(lang, chart_label(chart)));
    let svg = drawn
        .svg
        .replacen(" xmlns=\"http://www.w3.org/2000/svg\"", "", 1)
        .replacen(
            "<svg ",
            &format!("<svg role=\"img\" aria-label=\"{label}\" "),
            1,
        );
    Ok(format!(
        "<figure class=\"chart {}\">\n{}</figure>\n",
        chart.file_stem(),
        svg.trim_start()
    ))
}

fn chart_label(chart: &Chart<'_>) -> T {
    match chart {
        Chart::Trend { .. } => T::ChartTrend,
        Chart::Stacked { .. } => T::ChartStacked,
        Chart::WeekJars { .. } => T::ChartJars,
        Chart::Tags { .. } => T::ChartTags,
        Chart::Heat { .. } => T::ChartHeat,
        Chart::Cells { kind, .. } => cell_caption(*kind),
    }
}

fn cell_caption(kind: CellKind) -> T {
    match kind {
        CellKind::Channel => T::ByChannel,
        CellKind::Phase => T::ByPhase,
        CellKind::Purpose => T::ByPurpose,
        CellKind::Weekday => T::ByWeekday,
        CellKind::Hour => T::ByHour,
    }
}

fn cell_row_label(lang: Lang, kind: CellKind, key: &str) -> String {
    fn code<C: Code>(key: &str, lang: Lang) -> Option<String> {
        C::ALL
            .iter()
            .find(|v| v.code() == key)
            .map(|v| v.label(lang).to_string())
    }
    let known = match kind {
        CellKind::Channel => code::<Channel>(key, lang),
        CellKind::Phase => code::<Phase>(key, lang),
        CellKind::Purpose => code::<Purpose>(key, lang),
        CellKind::Weekday => key
            .parse::<usize>()
            .ok()
            .and_then(|d| WEEKDAYS.get(d))
            .map(|&d| t(lang, d).to_string()),
        CellKind::Hour => key.parse::<u8>().ok().filter(|h| *h < 24).map(|h| {
            fill(
                t(lang, T::HourRange),
                &[&h.to_string(), &(h + 1).to_string()],
            )
        }),
    };
    known.unwrap_or_else(|| key.to_string())
}

/// A breakdown as a table: rows with contacts, and suppressed rows saying "too few".
fn cell_table(lang: Lang, kind: CellKind, cells: &[Cell]) -> String {
    let head = [
        cell_column(kind),
        T::Contacts,
        T::Golden,
        T::Ordinary,
        T::GoldenShare,
        T::Range95Head,
    ];
    let mut out = format!(
        "<table class=\"cells {}\">\n<caption>{}</caption>\n<thead><tr>",
        kind_class(kind),
        t(lang, cell_caption(kind))
    );
    for (i, h) in head.iter().enumerate() {
        let class = if i == 0 { "" } else { " class=\"num\"" };
        out += &format!("<th scope=\"col\"{class}>{}</th>", t(lang, *h));
    }
    out += "</tr></thead>\n<tbody>\n";
    let mut rows = 0;
    for cell in cells {
        let label = escape_html(&cell_row_label(lang, kind, &cell.key));
        match &cell.figures {
            Some(f) if f.total == 0 => continue,
            Some(f) => out += &format!("<tr><th scope=\"row\">{label}</th>{}</tr>\n", figure_cells(lang, f)),
            None => {
                out += &format!(
                    "<tr class=\"too-few\"><th scope=\"row\">{label}</th><td colspan=\"5\">{}</td></tr>\n",
                    t(lang, T::TooFew)
                )
            }
        }
        rows += 1;
    }
    if rows == 0 {
        out += &format!(
            "<tr><td colspan=\"6\">{}</td></tr>\n",
            t(lang, T::NothingRecorded)
        );
    }
    out += "</tbody>\n</table>\n";
    out
}

fn cell_column(kind: CellKind) -> T {
    match kind {
        CellKind::Channel => T::Channel,
        CellKind::Phase => T::Phase,
        CellKind::Purpose => T::Purpose,
        CellKind::Weekday => T::Weekday,
        CellKind::Hour => T::Hour,
    }
}

fn kind_class(kind: CellKind) -> &'static str {
    match kind {
        CellKind::Channel => "by-channel",
        CellKind::Phase => "by-phase",
        CellKind::Purpose => "by-purpose",
        CellKind::Weekday => "by-weekday",
        CellKind::Hour => "by-hour",
    }
}

fn figure_cells(lang: Lang, f: &Figures) -> String {
    let share = f.golden_share.map_or("–".into(), |s| percent(lang, s));
    let range = match (f.ci_low, f.ci_high) {
        (Some(lo), Some(hi)) => percent_range(lang, lo, hi),
        _ => "–".into(),
    };
    format!(
        "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
         <td class=\"num\">{share}</td><td class=\"num\">{range}</td>",
        count(lang, f.total),
        count(lang, f.golden),
        count(lang, f.ordinary)
    )
}

/// How often each motive or perspective was named on golden and on 08/15 contacts.
fn tag_table<C: Code>(lang: Lang, column: T, cells: &[TagCell]) -> String {
    let mut out = format!(
        "<table class=\"tags\">\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{}</th>\
         <th scope=\"col\" class=\"num\">{}</th><th scope=\"col\" class=\"num\">{}</th></tr></thead>\n<tbody>\n",
        t(lang, if column == T::Motive { T::Motives } else { T::Perspectives }),
        t(lang, column),
        t(lang, T::NamedOnGolden),
        t(lang, T::NamedOnOrdinary)
    );
    for cell in cells {
        let label = C::ALL
            .iter()
            .find(|v| v.code() == cell.key)
            .map_or(cell.key.clone(), |v| v.label(lang).to_string());
        let label = escape_html(&label);
        match &cell.counts {
            Some(c) => {
                let named = |n: u64, share: Option<f64>| match share {
                    Some(s) if n > 0 => format!("{} ({})", count(lang, n), percent(lang, s)),
                    _ => count(lang, n),
                };
                out += &format!(
                    "<tr><th scope=\"row\">{label}</th><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
                    named(c.golden, c.golden_share),
                    named(c.ordinary, c.ordinary_share)
                );
            }
            None => {
                out += &format!(
                    "<tr class=\"too-few\"><th scope=\"row\">{label}</th><td colspan=\"2\">{}</td></tr>\n",
                    t(lang, T::TooFew)
                )
            }
        }
    }
    out += "</tbody>\n</table>\n";
    out
}

/// The spread of answers 0–10 beside the score: a score alone tells nobody what to do.
fn nps_table(lang: Lang, spread: &NpsSpread) -> String {
    let score = format!("{:+.0}", spread.score).replace('-', "−");
    let mut out = format!(
        "<p class=\"nps-score\">{}</p>\n",
        fill(
            t(lang, T::NpsScore),
            &[&score, &count(lang, spread.responses)]
        )
    );
    let max = spread.counts.iter().copied().max().unwrap_or(0).max(1);
    out += &format!(
        "<table class=\"nps\">\n<caption>{}</caption>\n<thead>\n<tr><td></td>\
         <th scope=\"colgroup\" colspan=\"7\" class=\"detractors\">{}</th>\
         <th scope=\"colgroup\" colspan=\"2\" class=\"passives\">{}</th>\
         <th scope=\"colgroup\" colspan=\"2\" class=\"promoters\">{}</th></tr>\n<tr><th scope=\"row\">{}</th>",
        t(lang, T::NpsCaption),
        t(lang, T::Detractors),
        t(lang, T::Passives),
        t(lang, T::Promoters),
        t(lang, T::Answer)
    );
    for score in 0..=10 {
        out += &format!("<th scope=\"col\">{score}</th>");
    }
    out += &format!(
        "</tr>\n</thead>\n<tbody>\n<tr><th scope=\"row\">{}</th>",
        t(lang, T::Count)
    );
    for &n in &spread.counts {
        // A bar drawn with CSS only, so it prints as it shows; the number says it in words.
        let height = (n as f64 / max as f64 * 100.0).round();
        out += &format!(
            "<td><span class=\"column\"><span class=\"bar\" style=\"height:{height:.0}%\"></span></span><span class=\"n\">{}</span></td>",
            count(lang, n)
        );
    }
    out += "</tr>\n</tbody>\n</table>\n";
    out
}

fn story_html(lang: Lang, story: &Contact) -> String {
    let when = story.occurred_at;
    let weekday = WEEKDAYS_SHORT[when.weekday().num_days_from_monday() as usize];
    let mut meta = vec![format!(
        "{} {}, {}",
        t(lang, weekday),
        date(lang, when.date_naive()),
        when.format("%H:%M")
    )];
    if let Some(c) = story.channel {
        meta.push(c.label(lang).to_string());
    }
    if let Some(p) = story.phase {
        meta.push(p.label(lang).to_string());
    }
    if let Some(p) = story.purpose {
        meta.push(p.label(lang).to_string());
    }
    if let Some(n) = story.nps {
        meta.push(fill(t(lang, T::StoryNps), &[&n.to_string()]));
    }
    let tags: Vec<&str> = story
        .motives
        .iter()
        .map(|m| m.label(lang))
        .chain(story.perspectives.iter().map(|p| p.label(lang)))
        .collect();
    let class = match story.rating {
        Rating::Golden => "golden",
        Rating::Ordinary => "ordinary",
    };
    let mut out = format!(
        "<article class=\"story {class}\">\n<p class=\"meta\"><span class=\"rating\">{}</span> · {}</p>\n",
        escape_html(story.rating.label(lang)),
        escape_html(&meta.join(" · "))
    );
    if !tags.is_empty() {
        out += &format!(
            "<p class=\"tags\">{}</p>\n",
            tags.iter()
                .map(|tag| format!("<span class=\"tag\">{}</span>", escape_html(tag)))
                .collect::<Vec<_>>()
                .join(" ")
        );
    }
    out += &format!(
        "<blockquote>{}</blockquote>\n</article>\n",
        escape_html(story.note.as_deref().unwrap_or("").trim())
    );
    out
}

/// Prompts with ruled lines to write on in the meeting.
fn conclusions(lang: Lang) -> String {
    let mut out = String::from("<section class=\"conclusions\">\n");
    out += &format!("<h2>{}</h2>\n", t(lang, T::SectionConclusions));
    for prompt in [
        T::PromptGolden,
        T::PromptMissing,
        T::PromptMeasure,
        T::PromptFollowUp,
    ] {
        out += &format!(
            "<div class=\"prompt\">\n<h3>{}</h3>\n{}</div>\n",
            t(lang, prompt),
            "<div class=\"line\"></div>\n".repeat(4)
        );
    }
    out += "</section>\n";
    out
}

// ---- numbers and dates as people write them ----

fn count(lang: Lang, n: u64) -> String {
    let digits = n.to_string();
    let separator = match lang {
        Lang::De => '.',
        Lang::En => ',',
    };
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(separator);
        }
        out.push(ch);
    }
    out
}

/// 0.42 → "42 %" (German, with a space) or "42%".
fn percent(lang: Lang, share: f64) -> String {
    match lang {
        Lang::De => format!("{:.0} %", share * 100.0),
        Lang::En => format!("{:.0}%", share * 100.0),
    }
}

fn percent_range(lang: Lang, low: f64, high: f64) -> String {
    let (low, high) = (low * 100.0, high * 100.0);
    match lang {
        Lang::De => format!("{low:.0}–{high:.0} %"),
        Lang::En => format!("{low:.0}–{high:.0}%"),
    }
}

/// A share difference in whole percentage points, signed: "+6 Prozentpunkte", "−1 percentage point".
fn points(lang: Lang, difference: f64) -> String {
    let rounded = (difference * 100.0).round();
    let number = if rounded == 0.0 {
        "±0".to_string()
    } else if rounded > 0.0 {
        format!("+{rounded:.0}")
    } else {
        format!("−{:.0}", -rounded)
    };
    let unit = if rounded.abs() == 1.0 {
        T::PercentagePoint
    } else {
        T::PercentagePoints
    };
    format!("{number} {}", t(lang, unit))
}

fn p_value(lang: Lang, p: f64) -> String {
    let s = if p < 0.001 {
        "p < 0.001".to_string()
    } else if p < 0.01 {
        format!("p = {p:.3}")
    } else {
        format!("p = {p:.2}")
    };
    match lang {
        Lang::De => s.replace('.', ","),
        Lang::En => s,
    }
}

fn date(lang: Lang, d: NaiveDate) -> String {
    match lang {
        Lang::De => d.format("%d.%m.%Y").to_string(),
        Lang::En => d.format("%Y-%m-%d").to_string(),
    }
}

fn date_range(lang: Lang, from: NaiveDate, to: NaiveDate) -> String {
    if from == to {
        return date(lang, from);
    }
    match lang {
        Lang::De => format!("{}–{}", date(lang, from), date(lang, to)),
        Lang::En => format!("{} – {}", date(lang, from), date(lang, to)),
    }
}

/// Puts `args` in place of `{0}`, `{1}`, … of a template from the text table.
fn fill(template: &str, args: &[&str]) -> String {
    args.iter()
        .enumerate()
        .fold(template.to_string(), |s, (i, a)| {
            s.replace(&format!("{{{i}}}"), a)
        })
}

// ---- every text of the report, German first ----

/// A text of the report; [`t`] gives it in the report's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum T {
    WeeklyReport,
    PeriodReport,
    WeekTitle,
    NoContactsWeek,
    NoContactsPeriod,
    AtAGlance,
    Contacts,
    Golden,
    Ordinary,
    GoldenShare,
    Range95,
    Range95Head,
    Target,
    Change,
    VsPreviousWeek,
    VsPreviousPeriod,
    PercentagePoint,
    PercentagePoints,
    RealChange,
    NormalVariation,
    TooFewToTell,
    NoPreviousWeek,
    NoPreviousPeriod,
    PreviousWeekFigures,
    PreviousPeriodFigures,
    SectionTrend,
    SectionTags,
    SectionWhenWhere,
    SectionNps,
    SectionStoriesWeek,
    SectionStories,
    SectionConclusions,
    ChartTrend,
    ChartStacked,
    ChartJars,
    ChartTags,
    ChartHeat,
    ByChannel,
    ByPhase,
    ByPurpose,
    ByWeekday,
    ByHour,
    Channel,
    Phase,
    Purpose,
    Weekday,
    Hour,
    HourRange,
    Motive,
    Motives,
    Perspective,
    Perspectives,
    NamedOnGolden,
    NamedOnOrdinary,
    TagsNote,
    TooFew,
    TooFewNote,
    NothingRecorded,
    NpsScore,
    NpsCaption,
    Detractors,
    Passives,
    Promoters,
    Answer,
    Count,
    NpsHint,
    StoriesPrivacy,
    NoStories,
    StoriesNewest,
    StoryNps,
    PromptGolden,
    PromptMissing,
    PromptMeasure,
    PromptFollowUp,
    Footer,
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

const WEEKDAYS: [T; 7] = [
    T::Monday,
    T::Tuesday,
    T::Wednesday,
    T::Thursday,
    T::Friday,
    T::Saturday,
    T::Sunday,
];

const WEEKDAYS_SHORT: [T; 7] = [T::Mon, T::Tue, T::Wed, T::Thu, T::Fri, T::Sat, T::Sun];

fn t(lang: Lang, text: T) -> &'static str {
    let (de, en) = match text {
        T::WeeklyReport => ("Wochenbericht", "Weekly report"),
        T::PeriodReport => ("Bericht", "Report"),
        T::WeekTitle => ("KW {0} {1}", "Week {0} {1}"),
        T::NoContactsWeek => (
            "In dieser Woche wurden keine Kontakte erfasst.",
            "No contacts were logged this week.",
        ),
        T::NoContactsPeriod => (
            "In diesem Zeitraum wurden keine Kontakte erfasst.",
            "No contacts were logged in this period.",
        ),
        T::AtAGlance => ("Auf einen Blick", "At a glance"),
        T::Contacts => ("Kontakte", "Contacts"),
        T::Golden => ("Gold", "Golden"),
        T::Ordinary => ("08/15", "08/15"),
        T::GoldenShare => ("Goldanteil", "Golden share"),
        T::Range95 => ("95-%-Bereich {0}", "95% range {0}"),
        T::Range95Head => ("95-%-Bereich", "95% range"),
        T::Target => ("Ziel", "Target"),
        T::Change => ("Veränderung", "Change"),
        T::VsPreviousWeek => ("gegenüber der Vorwoche", "compared with the week before"),
        T::VsPreviousPeriod => (
            "gegenüber dem Zeitraum davor ({0})",
            "compared with the period before ({0})",
        ),
        T::PercentagePoint => ("Prozentpunkt", "percentage point"),
        T::PercentagePoints => ("Prozentpunkte", "percentage points"),
        T::RealChange => ("eine echte Veränderung", "a real change"),
        T::NormalVariation => ("im Rahmen normaler Schwankung", "within normal variation"),
        T::TooFewToTell => (
            "zu wenige Kontakte für eine Aussage",
            "too few contacts to tell",
        ),
        T::NoPreviousWeek => (
            "In der Vorwoche wurden keine Kontakte erfasst",
            "No contacts were logged the week before",
        ),
        T::NoPreviousPeriod => (
            "Im Zeitraum davor wurden keine Kontakte erfasst",
            "No contacts were logged in the period before",
        ),
        T::PreviousWeekFigures => (
            "Vorwoche ({0}): {1} Kontakte, Goldanteil {2}",
            "Week before ({0}): {1} contacts, golden share {2}",
        ),
        T::PreviousPeriodFigures => (
            "Zeitraum davor ({0}): {1} Kontakte, Goldanteil {2}",
            "Period before ({0}): {1} contacts, golden share {2}",
        ),
        T::SectionTrend => ("Verlauf", "Over time"),
        T::SectionTags => ("Motive und Perspektiven", "Motives and perspectives"),
        T::SectionWhenWhere => ("Wann, wo und wofür", "When, where and what for"),
        T::SectionNps => ("Weiterempfehlung (NPS)", "Recommendation (NPS)"),
        T::SectionStoriesWeek => ("Geschichten der Woche", "Stories of the week"),
        T::SectionStories => ("Geschichten", "Stories"),
        T::SectionConclusions => ("Unsere Schlussfolgerungen", "Our conclusions"),
        T::ChartTrend => (
            "Goldanteil im Verlauf, mit 95-%-Bereich und Ziel",
            "Golden share over time, with 95% range and target",
        ),
        T::ChartStacked => ("Gold und 08/15 je Woche", "Golden and 08/15 per week"),
        T::ChartJars => ("Das Murmelglas je Woche", "The marble jar per week"),
        T::ChartTags => (
            "Motive und Perspektiven bei Gold und bei 08/15",
            "Motives and perspectives on golden and on 08/15",
        ),
        T::ChartHeat => (
            "Goldanteil nach Wochentag und Uhrzeit",
            "Golden share by weekday and hour",
        ),
        T::ByChannel => ("Goldanteil nach Kanal", "Golden share by channel"),
        T::ByPhase => (
            "Goldanteil nach Beziehungsphase",
            "Golden share by relationship phase",
        ),
        T::ByPurpose => ("Goldanteil nach Zweck", "Golden share by purpose"),
        T::ByWeekday => ("Goldanteil nach Wochentag", "Golden share by weekday"),
        T::ByHour => ("Goldanteil nach Uhrzeit", "Golden share by hour of day"),
        T::Channel => ("Kanal", "Channel"),
        T::Phase => ("Beziehungsphase", "Relationship phase"),
        T::Purpose => ("Zweck", "Purpose"),
        T::Weekday => ("Wochentag", "Weekday"),
        T::Hour => ("Uhrzeit", "Hour"),
        T::HourRange => ("{0}–{1} Uhr", "{0}:00–{1}:00"),
        T::Motive => ("Motiv", "Motive"),
        T::Motives => ("Motive", "Motives"),
        T::Perspective => ("Perspektive", "Perspective"),
        T::Perspectives => ("Perspektiven", "Perspectives"),
        T::NamedOnGolden => ("bei Gold genannt", "named on golden"),
        T::NamedOnOrdinary => ("bei 08/15 genannt", "named on 08/15"),
        T::TagsNote => (
            "Bei Gold sagt ein Motiv, was den Kontakt golden gemacht hat; bei 08/15, was gefehlt hat. In Klammern: der Anteil an allen Gold- bzw. 08/15-Kontakten.",
            "On a golden contact a tag says what made it golden; on an 08/15 contact, what was missing. In brackets: the share of all golden or all 08/15 contacts.",
        ),
        T::TooFew => ("zu wenige für eine Anzeige", "too few to show"),
        T::TooFewNote => (
            "„Zu wenige für eine Anzeige“: Die Zeile stammt von weniger als drei Personen und wird nicht gezeigt, damit keine Zahl die einer einzelnen Person ist.",
            "“Too few to show”: the row comes from fewer than three people and is not shown, so that no figure is one person’s.",
        ),
        T::NothingRecorded => ("keine Angaben", "nothing recorded"),
        T::NpsScore => (
            "NPS {0} aus {1} Antworten (Anteil Promotoren minus Anteil Kritiker, in Punkten)",
            "NPS {0} from {1} answers (share of promoters minus share of detractors, in points)",
        ),
        T::NpsCaption => (
            "„Würden Sie uns weiterempfehlen?“ – die Antworten von 0 bis 10",
            "“Would you recommend us?” – the answers from 0 to 10",
        ),
        T::Detractors => ("Kritiker 0–6", "Detractors 0–6"),
        T::Passives => ("Passive 7–8", "Passives 7–8"),
        T::Promoters => ("Promotoren 9–10", "Promoters 9–10"),
        T::Answer => ("Antwort", "Answer"),
        T::Count => ("Anzahl", "Count"),
        T::NpsHint => (
            "Die Zahl allein sagt nicht, was zu tun ist – die Geschichten dahinter schon.",
            "The score alone does not tell what to do – the stories behind it do.",
        ),
        T::StoriesPrivacy => (
            "Nur Geschichten, die ihre Verfasser für die Besprechung geteilt haben, ohne Namen.",
            "Only stories their authors shared for the review, without names.",
        ),
        T::NoStories => (
            "In diesem Zeitraum wurden keine Geschichten geteilt.",
            "No stories were shared in this period.",
        ),
        T::StoriesNewest => (
            "Die neuesten {0} von {1} geteilten Geschichten.",
            "The newest {0} of {1} shared stories.",
        ),
        T::StoryNps => ("Weiterempfehlung {0}", "Recommendation {0}"),
        T::PromptGolden => (
            "Was hat Kontakte golden gemacht?",
            "What made contacts golden?",
        ),
        T::PromptMissing => (
            "Was hat bei 08/15-Kontakten gefehlt?",
            "What was missing on 08/15 contacts?",
        ),
        T::PromptMeasure => (
            "Welche Maßnahme probieren wir aus – wer, ab wann?",
            "Which measure do we try – who, from when?",
        ),
        T::PromptFollowUp => (
            "Was ist aus den Maßnahmen der letzten Wochen geworden?",
            "What came of the measures of the last weeks?",
        ),
        T::Footer => (
            "Teamansicht ohne Namen: Sie zeigt das Glas des Teams, nicht Einzelne, und hat für niemanden Konsequenzen. Erstellt am {0} mit Murmelglas.",
            "Team view without names: it shows the team’s jar, not individuals, and has no consequences for anyone. Created on {0} with Murmelglas.",
        ),
        T::Monday => ("Montag", "Monday"),
        T::Tuesday => ("Dienstag", "Tuesday"),
        T::Wednesday => ("Mittwoch", "Wednesday"),
        T::Thursday => ("Donnerstag", "Thursday"),
        T::Friday => ("Freitag", "Friday"),
        T::Saturday => ("Samstag", "Saturday"),
        T::Sunday => ("Sonntag", "Sunday"),
        T::Mon => ("Mo", "Mon"),
        T::Tue => ("Di", "Tue"),
        T::Wed => ("Mi", "Wed"),
        T::Thu => ("Do", "Thu"),
        T::Fri => ("Fr", "Fri"),
        T::Sat => ("Sa", "Sat"),
        T::Sun => ("So", "Sun"),
    };
    match lang {
        Lang::De => de,
        Lang::En => en,
    }
}

/// Black on white, A4, nothing split across a page; charts scale to the page width.
const CSS: &str = r#"
@page { size: A4; margin: 14mm 14mm 16mm 14mm; }
* { box-sizing: border-box; }
html { background: #fff; color: #000; }
body { font-family: "DejaVu Sans", "Segoe UI", "Helvetica Neue", Arial, sans-serif;
  font-size: 10.5pt; line-height: 1.4; max-width: 190mm; margin: 0 auto; padding: 8mm 6mm; }
@media print { body { max-width: none; padding: 0; } }
header { border-bottom: 2pt solid #000; margin-bottom: 4mm; }
h1 { font-size: 20pt; margin: 0 0 1mm; }
.period { font-size: 13pt; margin: 0 0 2mm; }
h2 { font-size: 14pt; margin: 7mm 0 2mm; border-bottom: 0.75pt solid #000;
  break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11pt; margin: 4mm 0 1mm; break-after: avoid; page-break-after: avoid; }
.notice { font-size: 13pt; margin: 10mm 0; }
.figures { display: grid; grid-template-columns: repeat(6, 1fr); gap: 2mm; margin: 0 0 3mm; }
.figure { border: 0.75pt solid #000; padding: 2mm 3mm; break-inside: avoid; }
.figure dt { font-size: 9pt; }
.figure dd { margin: 0; font-size: 18pt; font-weight: bold; }
.figure.share { grid-column: span 2; }
.figure.target { grid-column: span 1; }
.figure .range { display: block; font-size: 9pt; font-weight: normal; }
.figure.golden { border-left: 3mm solid #E69F00; }
.figure.ordinary { border-left: 3mm solid #0072B2; }
.change { font-size: 11.5pt; margin: 2mm 0 1mm; }
.previous, .note { font-size: 9pt; margin: 1mm 0 2mm; }
figure.chart { margin: 3mm 0; break-inside: avoid; page-break-inside: avoid; }
figure.chart svg { display: block; width: 100%; height: auto; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 5mm; align-items: start; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; font-size: 9pt;
  break-inside: avoid; page-break-inside: avoid; }
caption { text-align: left; font-weight: bold; padding-bottom: 1mm; }
th, td { border-bottom: 0.5pt solid #666; padding: 0.8mm 1.5mm; text-align: left; vertical-align: top; }
thead th { border-bottom: 1pt solid #000; }
.num { text-align: right; white-space: nowrap; }
table.cells th[scope="row"] { white-space: nowrap; }
tr.too-few td { font-style: italic; }
table.nps { table-layout: fixed; }
table.nps th, table.nps td { text-align: center; }
table.nps tbody th, table.nps tbody td { vertical-align: bottom; padding: 0 1mm 0.8mm; }
table.nps .column { display: flex; flex-direction: column; justify-content: flex-end;
  height: 20mm; }
table.nps .bar { display: block; width: 70%; margin: 0 auto; background: #555;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
table.nps .n { display: block; }
table.nps thead th.detractors, table.nps thead th.passives, table.nps thead th.promoters {
  font-weight: normal; font-size: 8.5pt; border-left: 0.5pt solid #666; }
.nps-score { font-size: 11.5pt; font-weight: bold; margin: 1mm 0; }
.story { border-left: 2mm solid #0072B2; padding: 1mm 0 1mm 3mm; margin: 0 0 3mm;
  break-inside: avoid; page-break-inside: avoid;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.story.golden { border-left-color: #E69F00; }
.story .meta { margin: 0; font-size: 9pt; }
.story .rating { font-weight: bold; }
.story .tags { margin: 0.5mm 0; font-size: 9pt; }
.story .tag { border: 0.5pt solid #000; border-radius: 2mm; padding: 0 1.5mm; }
.story blockquote { margin: 1mm 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.conclusions { break-before: page; page-break-before: always; }
.prompt { break-inside: avoid; page-break-inside: avoid; margin-bottom: 4mm; }
.line { border-bottom: 0.5pt solid #000; height: 10mm; }
footer { margin-top: 8mm; border-top: 0.5pt solid #000; padding-top: 2mm; font-size: 8.5pt; }
"#;
