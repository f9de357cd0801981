//! The review's charts, one file per kind of chart, drawn once in Rust with plotters:
//! SVG for the app and the report, PNG for slides.
//!
//! [`Chart`] is the one entry point: it draws any chart as SVG with the clickable
//! [`Region`]s in it, or as PNG. Each chart lives in the file named like its exported
//! file ([`Chart::file_stem`]):
//! - `trend.rs`: the golden share over time with its 95 % band, the target and where
//!   measures started;
//! - `weekly_bars.rs`: golden and 08/15 contacts per week as stacked bars;
//! - `week_jars.rs`: the marble jar per week;
//! - `tags.rs`: motives and perspectives, golden to the right and 08/15 to the left;
//! - `heat_map.rs`: the golden share by weekday and hour;
//! - `share_by.rs`: the golden share by channel, phase, purpose, weekday or hour
//!   (`by-channel`, …), with intervals;
//! - `feedback.rs`: complaints per week by cause, for the feedback process (its own entry
//!   point, [`FeedbackChart`], since its regions name feedback items, not contacts);
//! - `region.rs`: the clickable areas and what each stands for;
//! - `theme.rs`: colours, the font, text styles, legends, hatching and whiskers.
//!
//! Text is measured and drawn with DejaVu Sans compiled into the binary, so a chart looks
//! the same on every machine and needs no system fonts.

mod feedback;
mod heat_map;
mod region;
mod share_by;
mod tags;
mod theme;
mod trend;
mod week_jars;
mod weekly_bars;

use plotters::coord::Shift;
use plotters::prelude::*;
use serde::{Deserialize, Serialize};

use crate::analytics::PeriodFigures;
use crate::breakdown::{Breakdowns, Cell};
use crate::domain::Lang;

pub use feedback::{FeedbackChart, FeedbackDrawn, FeedbackRegion};
pub use region::{Region, RegionKey, RegionKeyError};
pub use share_by::CellKind;
pub use theme::{EMPTY, GOLDEN, HATCH, MARKER, ORDINARY, SHARE, TARGET};

/// Smallest and largest side a chart may have, in pixels; a PNG of the largest is 50 MB
/// of pixels before compression.
const MIN_SIDE: u32 = 240;
const MAX_SIDE: u32 = 4096;

#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    #[error("cannot draw the chart: {0}")]
    Draw(String),
    #[error("cannot write the PNG: {0}")]
    Png(String),
    #[error("a chart must be 240 to 4096 pixels wide and high, not {width}×{height}")]
    Size { width: u32, height: u32 },
}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for ChartError {
    fn from(e: DrawingAreaErrorKind<E>) -> Self {
        ChartError::Draw(e.to_string())
    }
}

/// Chart size in pixels (SVG user units).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Size {
    pub width: u32,
    pub height: u32,
}

impl Default for Size {
    fn default() -> Self {
        Size {
            width: 960,
            height: 480,
        }
    }
}

impl Size {
    fn check(self) -> Result<Self, ChartError> {
        let fits = |side| (MIN_SIDE..=MAX_SIDE).contains(&side);
        if fits(self.width) && fits(self.height) {
            Ok(self)
        } else {
            Err(ChartError::Size {
                width: self.width,
                height: self.height,
            })
        }
    }
}

/// One chart of the review, ready to draw.
#[derive(Debug, Clone, Copy)]
pub enum Chart<'a> {
    /// The golden share per period with its 95 % band and the team's target. Periods
    /// without contacts break the line: a gap, not a zero. The target line follows the
    /// periods' own targets (each from the day its goal took force); a series without any
    /// draws `target` across the chart; without either, no target line at all.
    Trend {
        series: &'a [PeriodFigures],
        target: Option<f64>,
    },
    /// Golden and 08/15 contacts per period as stacked bars, golden at the bottom.
    Stacked { series: &'a [PeriodFigures] },
    /// Diverging bars per motive and perspective: how often golden contacts name it
    /// (what made them golden) to the right, 08/15 contacts (what was missing) to the left;
    /// and what got in our way on 08/15 contacts, to the left.
    Tags { breakdowns: &'a Breakdowns },
    /// Golden share per weekday and hour, for the hours that had contacts.
    Heat { breakdowns: &'a Breakdowns },
    /// A small jar per week (the last ones that fit), filled with golden and 08/15.
    WeekJars { weeks: &'a [PeriodFigures] },
    /// Golden share per cell with its 95 % interval and n; the team's target as a line
    /// across the rows, and a cell's own goal as a mark on its row.
    Cells {
        kind: CellKind,
        cells: &'a [Cell],
        target: Option<f64>,
    },
}

/// An SVG and the clickable areas in it (for drill-down in the app: the UI overlays
/// a transparent, keyboard-focusable button on each region).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Drawn {
    pub svg: String,
    pub width: u32,
    pub height: u32,
    pub regions: Vec<Region>,
}

impl Chart<'_> {
    /// Draws the chart as SVG, with the regions a click or key press can drill into.
    pub fn svg(&self, lang: Lang, size: Size) -> Result<Drawn, ChartError> {
        let size = size.check()?;
        theme::fonts();
        let mut svg = String::new();
        let regions = {
            let root =
                SVGBackend::with_string(&mut svg, (size.width, size.height)).into_drawing_area();
            let regions = self.draw(&root, lang)?;
            root.present()?;
            regions
        };
        Ok(Drawn {
            svg,
            width: size.width,
            height: size.height,
            regions,
        })
    }

    /// Draws the chart as PNG bytes (for slides), with the embedded font.
    pub fn png(&self, lang: Lang, size: Size) -> Result<Vec<u8>, ChartError> {
        let size = size.check()?;
        theme::fonts();
        let mut pixels = vec![0u8; size.width as usize * size.height as usize * 3];
        {
            let root = BitMapBackend::with_buffer(&mut pixels, (size.width, size.height))
                .into_drawing_area();
            self.draw(&root, lang)?;
            root.present()?;
        }
        encode_png(&pixels, size)
    }

    /// A size that fits the chart's rows or jars with room to read them.
    pub fn default_size(&self) -> Size {
        let size = |width: u32, height: u32| Size { width, height };
        match *self {
            Chart::Trend { .. } | Chart::Stacked { .. } => Size::default(),
            // Four more rows and a heading when what got in our way is shown.
            Chart::Tags { breakdowns } if breakdowns.obstacles.is_empty() => size(960, 760),
            Chart::Tags { .. } => size(960, 900),
            Chart::Heat { .. } => size(960, 560),
            Chart::WeekJars { weeks } => week_jars::default_size(weeks.len()),
            Chart::Cells { kind, cells, .. } => {
                let rows = share_by::rows(kind, cells).len().max(1) as u32;
                size(960, (170 + rows * 46).max(320))
            }
        }
    }

    /// The chart's file name without extension, for exports: `trend`, `heat-map`, `by-channel`.
    pub fn file_stem(&self) -> &'static str {
        match self {
            Chart::Trend { .. } => "trend",
            Chart::Stacked { .. } => "weekly-bars",
            Chart::Tags { .. } => "tags",
            Chart::Heat { .. } => "heat-map",
            Chart::WeekJars { .. } => "week-jars",
            Chart::Cells { kind, .. } => kind.file_stem(),
        }
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        lang: Lang,
    ) -> Result<Vec<Region>, ChartError>
    where
        DB::ErrorType: 'static,
    {
        root.fill(&WHITE)?;
        match *self {
            Chart::Trend { series, target } => trend::draw(root, series, target, lang),
            Chart::Stacked { series } => weekly_bars::draw(root, series, lang),
            Chart::Tags { breakdowns } => tags::draw(root, breakdowns, lang),
            Chart::Heat { breakdowns } => heat_map::draw(root, breakdowns, lang),
            Chart::WeekJars { weeks } => week_jars::draw(root, weeks, lang),
            Chart::Cells {
                kind,
                cells,
                target,
            } => share_by::draw(root, kind, cells, target, lang),
        }
    }
}

/// RGB pixels as an 8-bit PNG, through the `png` crate alone (no `image` crate).
fn encode_png(rgb: &[u8], size: Size) -> Result<Vec<u8>, ChartError> {
    let png_error = |e: png::EncodingError| ChartError::Png(e.to_string());
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, size.width, size.height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(png_error)?;
    writer.write_image_data(rgb).map_err(png_error)?;
    writer.finish().map_err(png_error)?;
    Ok(out)
}
