//! The golden share per period with its 95 % band and the team's target: periods without
//! contacts break the line, a gap rather than a zero; the target is drawn only from the
//! day its goal took force.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::region::counts_label;
use plotters::style::text_anchor::{HPos, VPos};

use super::theme::{
    anchored, labels_that_fit, period_at, style, GRID, INK, LABEL_SIZE, MARGIN, MARKER, SHARE,
    SMALL_SIZE, TARGET, TITLE_SIZE,
};
use super::{ChartError, Region, RegionKey};
use chrono::NaiveDate;

use crate::analytics::PeriodFigures;
use crate::cycle::PeriodTarget;
use crate::domain::Lang;
use crate::text::{fill, format, text, Text};

pub(super) fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    series: &[PeriodFigures],
    target: Option<f64>,
    lang: Lang,
) -> Result<Vec<Region>, ChartError>
where
    DB::ErrorType: 'static,
{
    let n = series.len().max(1);
    let title = text(Text::TrendTitle, lang);
    let mut chart = ChartBuilder::on(root)
        .caption(title, style(TITLE_SIZE, INK))
        .margin(MARGIN)
        .x_label_area_size(44)
        .y_label_area_size(64)
        .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), 0f64..100f64)?;
    let labels: Vec<String> = series
        .iter()
        .map(|p| format::period(&p.period, lang))
        .collect();
    let fit = labels_that_fit(root, &labels, chart.plotting_area().dim_in_pixel().0)?;
    chart
        .configure_mesh()
        .light_line_style(WHITE)
        .bold_line_style(GRID)
        .axis_style(INK)
        .x_labels(fit)
        .x_label_formatter(&|x| period_at(&labels, *x))
        .y_labels(6)
        .y_label_formatter(&|v| format::percent(*v, lang))
        .y_desc(text(Text::GoldenShare, lang))
        .label_style(style(SMALL_SIZE, INK))
        .axis_desc_style(style(LABEL_SIZE, INK))
        .draw()?;

    // Runs of consecutive periods with contacts; a period without any ends a run.
    let mut runs: Vec<Vec<(f64, f64, f64, f64)>> = vec![Vec::new()];
    for (i, p) in series.iter().enumerate() {
        match (p.figures.golden_share, p.figures.ci_low, p.figures.ci_high) {
            (Some(s), Some(lo), Some(hi)) => {
                if let Some(run) = runs.last_mut() {
                    run.push((i as f64, s * 100.0, lo * 100.0, hi * 100.0));
                }
            }
            _ => runs.push(Vec::new()),
        }
    }
    runs.retain(|r| !r.is_empty());
    let band = SHARE.mix(0.18);
    for run in &runs {
        // The band as one polygon: upper edge left to right, lower edge back.
        let mut outline: Vec<(f64, f64)> = run.iter().map(|&(x, _, _, hi)| (x, hi)).collect();
        outline.extend(run.iter().rev().map(|&(x, _, lo, _)| (x, lo)));
        if let [(x, _, lo, hi)] = run[..] {
            outline = vec![(x - 0.2, hi), (x + 0.2, hi), (x + 0.2, lo), (x - 0.2, lo)];
        }
        chart.draw_series(std::iter::once(Polygon::new(outline, band.filled())))?;
    }
    let share_style = ShapeStyle::from(&SHARE).stroke_width(3);
    for (k, run) in runs.iter().enumerate() {
        let line = chart.draw_series(LineSeries::new(
            run.iter().map(|&(x, s, _, _)| (x, s)),
            share_style,
        ))?;
        if k == 0 {
            line.label(text(Text::GoldenShare, lang))
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 24, y)], share_style));
        }
        chart.draw_series(
            run.iter()
                .map(|&(x, s, _, _)| Circle::new((x, s), 5, SHARE.filled())),
        )?;
    }
    let segments = target_segments(series, target);
    let target_style = ShapeStyle::from(&TARGET).stroke_width(2);
    for (k, &(x0, x1, value)) in segments.iter().enumerate() {
        let drawn = chart.draw_series(DashedLineSeries::new(
            [(x0, value * 100.0), (x1, value * 100.0)],
            10,
            6,
            target_style,
        ))?;
        // One legend entry, naming the target in force at the end.
        if k + 1 == segments.len() {
            drawn
                .label(fill(
                    Text::TargetAt,
                    lang,
                    &[("value", &format::percent(value * 100.0, lang))],
                ))
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 24, y)], target_style));
        }
    }
    // Where each measure started: a dotted line up the plot, its number at the top.
    let marks = measure_marks(series);
    let marker_style = ShapeStyle::from(&MARKER).stroke_width(2);
    for (k, (x, id)) in marks.iter().enumerate() {
        let drawn = chart.draw_series(DashedLineSeries::new(
            [(*x, 0.0), (*x, 100.0)],
            4,
            4,
            marker_style,
        ))?;
        if k == 0 {
            drawn
                .label(text(Text::MeasureStart, lang))
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x + 12, y - 8), (x + 12, y + 8)], marker_style)
                });
        }
        let (px, py) = chart.backend_coord(&(*x, 100.0));
        root.draw_text(
            &fill(Text::MeasureNumber, lang, &[("id", id)]),
            &anchored(SMALL_SIZE, MARKER, HPos::Left, VPos::Top),
            (px + 4, py + 2),
        )?;
    }
    chart
        .configure_series_labels()
        // A team's early weeks are usually its lowest: the upper left is most often free.
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.9))
        .border_style(GRID)
        .label_font(style(SMALL_SIZE, INK))
        .draw()?;

    // The whole column of a period is its region: easier to hit than a 10-pixel point.
    Ok(series
        .iter()
        .enumerate()
        .filter(|(_, p)| p.figures.total > 0)
        .map(|(i, p)| {
            let x = i as f64;
            Region::between(
                RegionKey::Days {
                    from: p.from,
                    to: p.to,
                    rating: None,
                },
                std::iter::once(format!(
                    "{}: {}",
                    format::period(&p.period, lang),
                    counts_label(&p.figures, lang)
                ))
                .chain(p.started.iter().map(|m| {
                    fill(
                        Text::MeasureStarts,
                        lang,
                        &[
                            ("id", &m.id),
                            ("title", &m.title),
                            ("date", &format::date(m.on, lang)),
                        ],
                    )
                }))
                .collect::<Vec<_>>()
                .join("; "),
                chart.backend_coord(&(x - 0.45, 100.0)),
                chart.backend_coord(&(x + 0.45, 0.0)),
            )
        })
        .collect())
}

/// The target line as horizontal pieces (from x, to x, share 0–1) on the axis of periods
/// 0, 1, 2, …: each period's own target from the day its goal took force, neighbours with
/// the same value joined; `target` across the chart when no period has one of its own.
fn target_segments(series: &[PeriodFigures], target: Option<f64>) -> Vec<(f64, f64, f64)> {
    let n = series.len().max(1) as f64;
    if series.iter().all(|p| p.target.is_none()) {
        return target
            .filter(|t| t.is_finite())
            .map(|t| vec![(-0.5, n - 0.5, t.clamp(0.0, 1.0))])
            .unwrap_or_default();
    }
    target_pieces(series.iter().map(|p| {
        let t = p.target.map(|t| PeriodTarget {
            value: t.value.clamp(0.0, 1.0),
            ..t
        });
        (p.from, p.to, t)
    }))
}

/// A target line as horizontal pieces (from x, to x, value) on the axis of periods 0, 1,
/// 2, …: each period's target from the day its goal took force within the period,
/// neighbours with the same value joined.
pub(super) fn target_pieces(
    periods: impl Iterator<Item = (NaiveDate, NaiveDate, Option<PeriodTarget>)>,
) -> Vec<(f64, f64, f64)> {
    let mut segments: Vec<(f64, f64, f64)> = Vec::new();
    for (i, (from, to, target)) in periods.enumerate() {
        let Some(t) = target.filter(|t| t.value.is_finite()) else {
            continue;
        };
        let days = ((to - from).num_days() + 1).max(1) as f64;
        let into = (t.from - from).num_days().clamp(0, days as i64) as f64;
        let (x0, x1) = (i as f64 - 0.5 + into / days, i as f64 + 0.5);
        match segments.last_mut() {
            Some(last) if (last.1 - x0).abs() < 1e-9 && last.2 == t.value => last.1 = x1,
            _ => segments.push((x0, x1, t.value)),
        }
    }
    segments
}

/// Where each measure started, on the axis of periods 0, 1, 2, …: the day's place within
/// its period's column, and the measure's number.
fn measure_marks(series: &[PeriodFigures]) -> Vec<(f64, i64)> {
    series
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            let days = ((p.to - p.from).num_days() + 1).max(1) as f64;
            p.started.iter().map(move |m| {
                // The middle of the start day within the column.
                let into = (m.on - p.from).num_days().clamp(0, days as i64 - 1) as f64 + 0.5;
                (i as f64 - 0.5 + into / days, m.id)
            })
        })
        .collect()
}
