//! The review's charts, drawn once in Rust with plotters: SVG for the app and the report,
//! PNG for slides. Text is measured and drawn with DejaVu Sans compiled into the binary,
//! so a chart looks the same on every machine and needs no system fonts.
//!
//! Colours are from the Okabe–Ito palette (safe for the common colour-vision
//! deficiencies) and strong enough for a projector; golden and 08/15 also differ in
//! lightness and are named in the legend, so colour is never the only signal.

use std::sync::Once;

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::analytics::PeriodFigures;
use crate::domain::Lang;

/// Golden: Okabe–Ito orange.
pub const GOLDEN: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
/// 08/15: Okabe–Ito blue, much darker than golden.
pub const ORDINARY: RGBColor = RGBColor(0x00, 0x72, 0xB2);
/// The share line and its band: a dark bluish green, apart from both ratings' colours.
pub const SHARE: RGBColor = RGBColor(0x00, 0x5E, 0x4A);
/// The target line.
pub const TARGET: RGBColor = RGBColor(0xCC, 0x3D, 0x00);
const INK: RGBColor = RGBColor(0x1F, 0x29, 0x33);
const GRID: RGBColor = RGBColor(0xD9, 0xDE, 0xE3);

const FONT: &str = "sans-serif";
static FONT_BYTES: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");

#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    #[error("cannot draw the chart: {0}")]
    Draw(String),
    #[error("cannot write the PNG: {0}")]
    Png(String),
}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for ChartError {
    fn from(e: DrawingAreaErrorKind<E>) -> Self {
        ChartError::Draw(e.to_string())
    }
}

/// plotters measures text with the registered font, in SVG too: register it first.
fn fonts() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // The font is compiled in and known to parse; a failure would be a build error.
        let _ = plotters::style::register_font(FONT, FontStyle::Normal, FONT_BYTES);
        let _ = plotters::style::register_font(FONT, FontStyle::Bold, FONT_BYTES);
    });
}

/// Chart size in pixels (SVG user units).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

fn text(lang: Lang, de: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::De => de,
        Lang::En => en,
    }
}

fn percent_label(lang: Lang, v: f64) -> String {
    match lang {
        Lang::De => format!("{v:.0} %"),
        Lang::En => format!("{v:.0}%"),
    }
}

/// A chart drawn into any backend; SVG and PNG share it.
type Draw<'a> = dyn Fn(&DrawingArea<SVGBackend<'_>, Shift>) -> Result<(), ChartError> + 'a;

/// Renders `draw` to an SVG string.
fn svg(size: Size, draw: &Draw<'_>) -> Result<String, ChartError> {
    fonts();
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (size.width, size.height)).into_drawing_area();
        draw(&root)?;
        root.present()?;
    }
    Ok(out)
}

/// The golden share per period with its 95 % band and the target. Periods without
/// contacts break the line: a gap, not a zero.
pub fn trend_svg(
    series: &[PeriodFigures],
    target: f64,
    lang: Lang,
    size: Size,
) -> Result<String, ChartError> {
    svg(size, &|root| draw_trend(root, series, target, lang))
}

fn draw_trend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    series: &[PeriodFigures],
    target: f64,
    lang: Lang,
) -> Result<(), ChartError>
where
    DB::ErrorType: 'static,
{
    root.fill(&WHITE)?;
    let n = series.len().max(1);
    let title = text(
        lang,
        "Goldanteil mit 95-%-Bereich",
        "Golden share with 95 % range",
    );
    let mut chart = ChartBuilder::on(root)
        .caption(title, (FONT, 28).into_font().color(&INK))
        .margin(16)
        .x_label_area_size(44)
        .y_label_area_size(64)
        .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), 0f64..100f64)?;
    let labels: Vec<String> = series.iter().map(|p| p.period.clone()).collect();
    chart
        .configure_mesh()
        .light_line_style(WHITE)
        .bold_line_style(GRID)
        .axis_style(INK)
        .x_labels(n.min(14))
        .x_label_formatter(&|x| {
            let i = x.round();
            if (x - i).abs() > 1e-6 || i < 0.0 {
                return String::new();
            }
            labels.get(i as usize).cloned().unwrap_or_default()
        })
        .y_labels(6)
        .y_label_formatter(&|v| percent_label(lang, *v))
        .y_desc(text(lang, "Goldanteil", "Golden share"))
        .label_style((FONT, 16).into_font().color(&INK))
        .axis_desc_style((FONT, 18).into_font().color(&INK))
        .draw()?;

    // Runs of consecutive periods with contacts; a period without any ends a run.
    let mut runs: Vec<Vec<(f64, f64, f64, f64)>> = vec![Vec::new()];
    for (i, p) in series.iter().enumerate() {
        match (p.figures.golden_share, p.figures.ci_low, p.figures.ci_high) {
            (Some(s), Some(lo), Some(hi)) => {
                runs.last_mut()
                    .expect("a run")
                    .push((i as f64, s * 100.0, lo * 100.0, hi * 100.0))
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
        if run.len() == 1 {
            let (x, _, lo, hi) = run[0];
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
            line.label(text(lang, "Goldanteil", "Golden share"))
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 24, y)], share_style));
        }
        chart.draw_series(
            run.iter()
                .map(|&(x, s, _, _)| Circle::new((x, s), 5, SHARE.filled())),
        )?;
    }
    let target_style = ShapeStyle::from(&TARGET).stroke_width(2);
    chart
        .draw_series(DashedLineSeries::new(
            [(-0.5, target * 100.0), (n as f64 - 0.5, target * 100.0)],
            10,
            6,
            target_style,
        ))?
        .label(format!(
            "{} {}",
            text(lang, "Ziel", "Target"),
            percent_label(lang, target * 100.0)
        ))
        .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 24, y)], target_style));
    chart
        .configure_series_labels()
        // A team's early weeks are usually its lowest: the upper left is most often free.
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.9))
        .border_style(GRID)
        .label_font((FONT, 16).into_font().color(&INK))
        .draw()?;
    Ok(())
}

/// Golden and 08/15 contacts per period as stacked bars, golden at the bottom.
pub fn stacked_bars_svg(
    series: &[PeriodFigures],
    lang: Lang,
    size: Size,
) -> Result<String, ChartError> {
    svg(size, &|root| draw_stacked(root, series, lang))
}

fn draw_stacked<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    series: &[PeriodFigures],
    lang: Lang,
) -> Result<(), ChartError>
where
    DB::ErrorType: 'static,
{
    root.fill(&WHITE)?;
    let n = series.len().max(1);
    let top = series
        .iter()
        .map(|p| p.figures.total)
        .max()
        .unwrap_or(0)
        .max(1) as f64
        * 1.1;
    let title = text(
        lang,
        "Kontakte: Gold und 08/15",
        "Contacts: golden and 08/15",
    );
    let mut chart = ChartBuilder::on(root)
        .caption(title, (FONT, 28).into_font().color(&INK))
        .margin(16)
        .x_label_area_size(44)
        .y_label_area_size(64)
        .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), 0f64..top)?;
    let labels: Vec<String> = series.iter().map(|p| p.period.clone()).collect();
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(WHITE)
        .bold_line_style(GRID)
        .axis_style(INK)
        .x_labels(n.min(14))
        .x_label_formatter(&|x| {
            let i = x.round();
            if (x - i).abs() > 1e-6 || i < 0.0 {
                return String::new();
            }
            labels.get(i as usize).cloned().unwrap_or_default()
        })
        .y_label_formatter(&|v| format!("{v:.0}"))
        .y_desc(text(lang, "Kontakte", "Contacts"))
        .label_style((FONT, 16).into_font().color(&INK))
        .axis_desc_style((FONT, 18).into_font().color(&INK))
        .draw()?;
    let half = 0.35;
    chart
        .draw_series(
            series
                .iter()
                .enumerate()
                .filter(|(_, p)| p.figures.golden > 0)
                .map(|(i, p)| {
                    let x = i as f64;
                    Rectangle::new(
                        [(x - half, 0.0), (x + half, p.figures.golden as f64)],
                        GOLDEN.filled(),
                    )
                }),
        )?
        .label(text(lang, "Gold", "Golden"))
        .legend(|(x, y)| Rectangle::new([(x, y - 7), (x + 14, y + 7)], GOLDEN.filled()));
    chart
        .draw_series(
            series
                .iter()
                .enumerate()
                .filter(|(_, p)| p.figures.ordinary > 0)
                .map(|(i, p)| {
                    let x = i as f64;
                    Rectangle::new(
                        [
                            (x - half, p.figures.golden as f64),
                            (x + half, p.figures.total as f64),
                        ],
                        ORDINARY.filled(),
                    )
                }),
        )?
        .label("08/15")
        .legend(|(x, y)| Rectangle::new([(x, y - 7), (x + 14, y + 7)], ORDINARY.filled()));
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.9))
        .border_style(GRID)
        .label_font((FONT, 16).into_font().color(&INK))
        .draw()?;
    Ok(())
}

/// Renders the trend chart to PNG bytes (for slides), with the embedded font.
pub fn trend_png(
    series: &[PeriodFigures],
    target: f64,
    lang: Lang,
    size: Size,
) -> Result<Vec<u8>, ChartError> {
    fonts();
    let mut pixels = vec![0u8; size.width as usize * size.height as usize * 3];
    {
        let root =
            BitMapBackend::with_buffer(&mut pixels, (size.width, size.height)).into_drawing_area();
        draw_trend(&root, series, target, lang)?;
        root.present()?;
    }
    encode_png(&pixels, size)
}

fn encode_png(rgb: &[u8], size: Size) -> Result<Vec<u8>, ChartError> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, size.width, size.height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder
        .write_header()
        .map_err(|e| ChartError::Png(e.to_string()))?;
    writer
        .write_image_data(rgb)
        .map_err(|e| ChartError::Png(e.to_string()))?;
    writer
        .finish()
        .map_err(|e| ChartError::Png(e.to_string()))?;
    Ok(out)
}
