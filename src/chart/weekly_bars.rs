//! Golden and 08/15 contacts per period (the weekly bars) as stacked bars, golden at the
//! bottom, each segment a region of its own.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::theme::{
    labels_that_fit, period_at, style, GOLDEN, GRID, INK, LABEL_SIZE, MARGIN, ORDINARY, SMALL_SIZE,
    TITLE_SIZE,
};
use super::{ChartError, Region, RegionKey};
use crate::analytics::PeriodFigures;
use crate::domain::{Lang, Rating};
use crate::text::{fill, format, text, Text};

pub(super) fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    series: &[PeriodFigures],
    lang: Lang,
) -> Result<Vec<Region>, ChartError>
where
    DB::ErrorType: 'static,
{
    let n = series.len().max(1);
    let top = series
        .iter()
        .map(|p| p.figures.total)
        .max()
        .unwrap_or(0)
        .max(1) as f64
        // Headroom above the tallest bar for the legend in the upper left.
        * 1.35;
    let title = text(Text::StackedTitle, lang);
    let mut chart = ChartBuilder::on(root)
        .caption(title, style(TITLE_SIZE, INK))
        .margin(MARGIN)
        .x_label_area_size(44)
        .y_label_area_size(64)
        .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), 0f64..top)?;
    let labels: Vec<String> = series
        .iter()
        .map(|p| format::period(&p.period, lang))
        .collect();
    let fit = labels_that_fit(root, &labels, chart.plotting_area().dim_in_pixel().0)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(WHITE)
        .bold_line_style(GRID)
        .axis_style(INK)
        .x_labels(fit)
        .x_label_formatter(&|x| period_at(&labels, *x))
        .y_label_formatter(&|v| format!("{v:.0}"))
        .y_desc(text(Text::Contacts, lang))
        .label_style(style(SMALL_SIZE, INK))
        .axis_desc_style(style(LABEL_SIZE, INK))
        .draw()?;
    let half = 0.35;
    // Golden from 0 up, 08/15 on top of it; each segment with its own region.
    let segments = |golden: bool| {
        series.iter().enumerate().filter_map(move |(i, p)| {
            let f = &p.figures;
            let (from, to) = if golden {
                (0, f.golden)
            } else {
                (f.golden, f.total)
            };
            (to > from).then_some((i as f64, from as f64, to as f64, p))
        })
    };
    let mut regions = Vec::new();
    for golden in [true, false] {
        let (colour, name, part) = if golden {
            (GOLDEN, Text::Golden, Text::GoldenPart)
        } else {
            (ORDINARY, Text::Ordinary, Text::OrdinaryPart)
        };
        chart
            .draw_series(segments(golden).map(|(x, from, to, _)| {
                Rectangle::new([(x - half, from), (x + half, to)], colour.filled())
            }))?
            .label(text(name, lang))
            .legend(move |(x, y)| Rectangle::new([(x, y - 7), (x + 14, y + 7)], colour.filled()));
        for (x, from, to, p) in segments(golden) {
            let f = &p.figures;
            let count = (to - from) as u64;
            let share = format::percent(count as f64 / f.total as f64 * 100.0, lang);
            let label = fill(
                part,
                lang,
                &[("count", &count), ("total", &f.total), ("share", &share)],
            );
            regions.push(Region::between(
                RegionKey::Days {
                    from: p.from,
                    to: p.to,
                    rating: Some(if golden {
                        Rating::Golden
                    } else {
                        Rating::Ordinary
                    }),
                },
                format!("{}: {label}", format::period(&p.period, lang)),
                chart.backend_coord(&(x - half, from)),
                chart.backend_coord(&(x + half, to)),
            ));
        }
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.9))
        .border_style(GRID)
        .label_font(style(SMALL_SIZE, INK))
        .draw()?;
    Ok(regions)
}
