//! The golden share by channel, relationship phase, purpose, weekday or hour: a bar per
//! cell with its 95 % interval and n, the team's target across the rows and a cell's own
//! goal on its row; suppressed cells say so in words.

use chrono::Weekday;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use serde::{Deserialize, Serialize};

use super::heat_map::{has_contacts, shown_hours};
use super::region::counts_label;
use super::theme::{
    anchored, axis_labels, legend, row_text, style, text_width, titled, whisker, Key, EMPTY,
    GOLDEN, GRID, INK, MUTED, TARGET,
};
use super::{ChartError, Region, RegionKey};
use crate::breakdown::Cell;
use crate::domain::{Channel, Code, Lang, Phase, Purpose};
use crate::text::{self, fill, format, text, Text};

/// Which breakdown a [`Chart::Cells`](super::Chart::Cells) shows; decides its title, row
/// labels and keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum CellKind {
    Channel,
    Phase,
    Purpose,
    Weekday,
    Hour,
}

impl CellKind {
    /// What the row of the cell with breakdown key `key` stands for; `None` for a key
    /// the breakdown does not write, which no drill-down could open.
    fn region_key(self, key: &str) -> Option<RegionKey> {
        match self {
            CellKind::Channel => by_code(key).map(RegionKey::Channel),
            CellKind::Phase => by_code(key).map(RegionKey::Phase),
            CellKind::Purpose => by_code(key).map(RegionKey::Purpose),
            CellKind::Weekday => weekday(key).map(RegionKey::Weekday),
            CellKind::Hour => hour(key).map(RegionKey::Hour),
        }
    }

    /// The chart's file name without extension.
    pub(super) fn file_stem(self) -> &'static str {
        match self {
            CellKind::Channel => "by-channel",
            CellKind::Phase => "by-phase",
            CellKind::Purpose => "by-purpose",
            CellKind::Weekday => "by-weekday",
            CellKind::Hour => "by-hour",
        }
    }

    /// The chart's title, which the report also gives its table.
    pub fn title(self) -> Text {
        match self {
            CellKind::Channel => Text::ByChannel,
            CellKind::Phase => Text::ByPhase,
            CellKind::Purpose => Text::ByPurpose,
            CellKind::Weekday => Text::ByWeekday,
            CellKind::Hour => Text::ByHour,
        }
    }

    /// A cell's row label: the domain label, weekday or hour; an unknown key as it is.
    pub(crate) fn label(self, key: &str, lang: Lang) -> String {
        let known = match self {
            CellKind::Channel => by_code::<Channel>(key).map(|c| c.label(lang).to_string()),
            CellKind::Phase => by_code::<Phase>(key).map(|p| p.label(lang).to_string()),
            CellKind::Purpose => by_code::<Purpose>(key).map(|p| p.label(lang).to_string()),
            CellKind::Weekday => weekday(key).map(|d| text::weekday(d, lang).to_string()),
            CellKind::Hour => hour(key).map(|h| format::hour(h, lang)),
        };
        known.unwrap_or_else(|| key.to_string())
    }
}

/// The domain value with the code `key`.
fn by_code<T: Code>(key: &str) -> Option<T> {
    T::ALL.iter().copied().find(|v| v.code() == key)
}

/// The weekday a cell's key names, 0 for Monday.
fn weekday(key: &str) -> Option<Weekday> {
    key.parse::<u8>()
        .ok()
        .and_then(|d| Weekday::try_from(d).ok())
}

/// The hour 0–23 a cell's key names.
fn hour(key: &str) -> Option<u8> {
    key.parse::<u8>().ok().filter(|h| *h < 24)
}

/// The cells a chart shows as rows: hours only from the first to the last with contacts.
pub(super) fn rows(kind: CellKind, cells: &[Cell]) -> Vec<&Cell> {
    if kind != CellKind::Hour {
        return cells.iter().collect();
    }
    let range = shown_hours(
        cells
            .iter()
            .filter(|c| has_contacts(&c.figures))
            .filter_map(|c| hour(&c.key)),
    );
    cells
        .iter()
        .filter(|c| hour(&c.key).is_some_and(|h| range.contains(&h)))
        .collect()
}

pub(super) fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    kind: CellKind,
    cells: &[Cell],
    target: Option<f64>,
    lang: Lang,
) -> Result<Vec<Region>, ChartError>
where
    DB::ErrorType: 'static,
{
    let rows = rows(kind, cells);
    let n = rows.len().max(1);
    let labels: Vec<String> = rows.iter().map(|c| kind.label(&c.key, lang)).collect();
    let body = titled(root, text(kind.title(), lang))?;
    let (label_size, small_size) = row_text((body.dim_in_pixel().1 as i32 - 84) / n as i32);
    let mut label_width = 0;
    for label in &labels {
        label_width = label_width.max(text_width(root, label, label_size)?);
    }
    // Right of the plot: the share and n of each row.
    let share_room = text_width(root, &format::percent(100.0, lang), label_size)? + 16;
    let n_room = text_width(root, "n = 9999", small_size)? + 8;
    let mut chart = ChartBuilder::on(&body)
        .margin_top(44)
        .margin_left(label_width + 16)
        .margin_right(share_room + n_room)
        .x_label_area_size(40)
        .build_cartesian_2d(0f64..100f64, 0f64..n as f64)?;
    let x_labels = axis_labels(chart.plotting_area().dim_in_pixel().0).min(6);
    chart
        .configure_mesh()
        .disable_y_mesh()
        .disable_y_axis()
        .y_labels(0)
        .light_line_style(WHITE)
        .bold_line_style(GRID)
        .axis_style(INK)
        .x_labels(x_labels)
        .x_label_formatter(&|v| format::percent(*v, lang))
        .label_style(style(small_size, INK))
        .draw()?;
    let (xs, ys) = chart.plotting_area().get_pixel_range();

    let target = target
        .filter(|t| t.is_finite())
        .map(|t| t.clamp(0.0, 1.0) * 100.0);
    let mut entries = vec![
        (Key::Fill(GOLDEN), text(Text::GoldenShare, lang).to_string()),
        (Key::Whisker, text(Text::Range95, lang).to_string()),
    ];
    if let Some(t) = target {
        entries.push((
            Key::Dashed(TARGET),
            fill(
                Text::TargetAt,
                lang,
                &[("value", &format::percent(t, lang))],
            ),
        ));
    }
    if rows.iter().any(|c| c.target.is_some()) {
        entries.push((Key::Dashed(TARGET), text(Text::OwnTarget, lang).to_string()));
    }
    legend(root, &entries, (xs.start, ys.start - 24))?;

    let mut regions = Vec::new();
    // Rows without a bar say why; drawn last, over the target line.
    let mut notes = Vec::new();
    let mut own_targets = Vec::new();
    for (r, (cell, label)) in rows.iter().zip(&labels).enumerate() {
        let top = (n - r) as f64;
        let y = chart.backend_coord(&(0.0, top - 0.5)).1;
        root.draw_text(
            label,
            &anchored(label_size, INK, HPos::Right, VPos::Center),
            (xs.start - 12, y),
        )?;
        let band = |to: f64| {
            (
                chart.backend_coord(&(0.0, top - 0.18)),
                chart.backend_coord(&(to, top - 0.82)),
            )
        };
        // The track from 0 to 100 %: the row's region, and what its bar is out of.
        let (t0, t1) = band(100.0);
        root.draw(&Rectangle::new([t0, t1], EMPTY.filled()))?;
        // The row's own goal: a mark across its track, drawn over the bar below.
        if let Some(goal) = cell.target.filter(|t| t.is_finite()) {
            own_targets.push((goal.clamp(0.0, 1.0) * 100.0, top));
        }
        let f = match cell.figures {
            Some(f) if f.total > 0 => f,
            other => {
                let note = text(
                    if other.is_none() {
                        Text::TooFew
                    } else {
                        Text::NoContacts
                    },
                    lang,
                );
                notes.push((note, (t0.0 + 12, y)));
                continue;
            }
        };
        let share = f.golden_share.unwrap_or(0.0) * 100.0;
        if f.golden > 0 {
            let (a, b) = band(share);
            root.draw(&Rectangle::new([a, b], GOLDEN.filled()))?;
        }
        let mut interval = String::new();
        if let (Some(lo), Some(hi)) = (f.ci_low, f.ci_high) {
            let cap = (t1.1 - t0.1).abs() / 2 - 2;
            whisker(
                root,
                chart.backend_coord(&(lo * 100.0, top - 0.5)),
                chart.backend_coord(&(hi * 100.0, top - 0.5)),
                cap,
            )?;
            let range = format::percent_range(lo, hi, lang);
            interval = format!(", {}", fill(Text::Range95Of, lang, &[("range", &range)]));
        }
        root.draw_text(
            &format::percent(share, lang),
            &anchored(label_size, INK, HPos::Right, VPos::Center),
            (xs.end + share_room, y),
        )?;
        root.draw_text(
            &format!("n = {}", f.total),
            &anchored(small_size, MUTED, HPos::Left, VPos::Center),
            (xs.end + share_room + 10, y),
        )?;
        if let Some(key) = kind.region_key(&cell.key) {
            regions.push(Region::between(
                key,
                format!("{label}: {}{interval}", counts_label(&f, lang)),
                t0,
                t1,
            ));
        }
    }
    if let Some(t) = target {
        chart.draw_series(DashedLineSeries::new(
            [(t, 0.0), (t, n as f64)],
            10,
            6,
            ShapeStyle::from(&TARGET).stroke_width(2),
        ))?;
    }
    for (goal, top) in own_targets {
        chart.draw_series(DashedLineSeries::new(
            [(goal, top - 0.08), (goal, top - 0.92)],
            6,
            4,
            ShapeStyle::from(&TARGET).stroke_width(3),
        ))?;
    }
    for (note, (x, y)) in notes {
        let (w, h) = root.estimate_text_size(note, &style(small_size, MUTED))?;
        let (w, h) = (w as i32, h as i32);
        root.draw(&Rectangle::new(
            [(x - 6, y - h / 2 - 2), (x + w + 6, y + h / 2 + 2)],
            EMPTY.filled(),
        ))?;
        root.draw_text(
            note,
            &anchored(small_size, MUTED, HPos::Left, VPos::Center),
            (x, y),
        )?;
    }
    Ok(regions)
}
