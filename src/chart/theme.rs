//! The look every chart shares: colours, the embedded font, text styles, the legend, and
//! the marks for suppressed cells (hatching) and intervals (whiskers).
//!
//! Colours are from the Okabe–Ito palette (safe for the common colour-vision
//! deficiencies) and strong enough for a projector; golden and 08/15 also differ in
//! lightness and are named in the legend, so colour is never the only signal. Cells
//! suppressed for privacy say so in words (or are hatched), never look like a zero.

use std::sync::Once;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::ChartError;

/// Golden: Okabe–Ito orange.
pub const GOLDEN: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
/// 08/15: Okabe–Ito blue, much darker than golden.
pub const ORDINARY: RGBColor = RGBColor(0x00, 0x72, 0xB2);
/// The share line and its band: a dark bluish green, apart from both ratings' colours.
pub const SHARE: RGBColor = RGBColor(0x00, 0x5E, 0x4A);
/// The target line.
pub const TARGET: RGBColor = RGBColor(0xCC, 0x3D, 0x00);
/// Where a measure started: Okabe–Ito reddish purple, apart from the target and the share.
pub const MARKER: RGBColor = RGBColor(0xA8, 0x4D, 0x85);
/// Cells and bar tracks without contacts: a grey just off white.
pub const EMPTY: RGBColor = RGBColor(0xF1, 0xF3, 0xF5);
/// The hatching of cells suppressed for privacy.
pub const HATCH: RGBColor = RGBColor(0x8A, 0x96, 0xA3);
pub(super) const INK: RGBColor = RGBColor(0x1F, 0x29, 0x33);
/// Secondary text ("n = 34", "too few to show"): still above 6:1 on white.
pub(super) const MUTED: RGBColor = RGBColor(0x52, 0x5F, 0x6B);
pub(super) const GRID: RGBColor = RGBColor(0xD9, 0xDE, 0xE3);

/// A point in backend pixels: what `backend_coord` returns and what is drawn.
pub(super) type BackendCoord = (i32, i32);

const FONT: &str = "sans-serif";
static FONT_BYTES: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// Outer margin of every chart, in pixels.
pub(super) const MARGIN: i32 = 16;
pub(super) const TITLE_SIZE: f64 = 28.0;
/// Row labels and headings: big enough for the back of a meeting room.
pub(super) const LABEL_SIZE: f64 = 18.0;
pub(super) const SMALL_SIZE: f64 = 16.0;

/// plotters measures text with the registered font, in SVG too: register it first.
pub(super) fn fonts() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // The font is compiled in and known to parse; a failure would be a build error.
        let _ = plotters::style::register_font(FONT, FontStyle::Normal, FONT_BYTES);
        let _ = plotters::style::register_font(FONT, FontStyle::Bold, FONT_BYTES);
    });
}

pub(super) fn style(size: f64, colour: RGBColor) -> TextStyle<'static> {
    (FONT, size).into_font().color(&colour)
}

pub(super) fn anchored(size: f64, colour: RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    style(size, colour).pos(Pos::new(h, v))
}

pub(super) fn text_width<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    s: &str,
    size: f64,
) -> Result<i32, ChartError>
where
    DB::ErrorType: 'static,
{
    Ok(root.estimate_text_size(s, &style(size, INK))?.0 as i32)
}

/// How many of `labels` fit side by side under a plot `width` pixels wide, so a month of
/// day labels does not run together.
pub(super) fn labels_that_fit<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    labels: &[String],
    width: u32,
) -> Result<usize, ChartError>
where
    DB::ErrorType: 'static,
{
    let mut widest = 1;
    for label in labels {
        widest = widest.max(text_width(root, label, SMALL_SIZE)?);
    }
    let fit = f64::from(width) / (f64::from(widest) + 16.0);
    Ok((fit.floor() as usize).clamp(1, labels.len().max(1)))
}

/// The label of the period at `x` on an axis of periods 0, 1, 2, …; nothing between them.
pub(super) fn period_at(labels: &[String], x: f64) -> String {
    let i = x.round();
    if (x - i).abs() > 1e-6 || i < 0.0 {
        return String::new();
    }
    labels.get(i as usize).cloned().unwrap_or_default()
}

/// The area under a centred title, inside the outer margin.
pub(super) fn titled<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
) -> Result<DrawingArea<DB, Shift>, ChartError>
where
    DB::ErrorType: 'static,
{
    let area = root.margin(MARGIN, MARGIN, MARGIN, MARGIN);
    // A long title on a narrow chart shrinks rather than being cut off.
    let room = area.dim_in_pixel().0 as f64;
    let wide = f64::from(text_width(root, title, TITLE_SIZE)?.max(1));
    let size = (TITLE_SIZE * room / wide).clamp(12.0, TITLE_SIZE);
    Ok(area.titled(title, style(size, INK))?)
}

/// Text sizes for rows `row_height` pixels high: the standard sizes when rows are roomy,
/// smaller on a small chart so that rows do not run into each other.
pub(super) fn row_text(row_height: i32) -> (f64, f64) {
    let label = (f64::from(row_height) * 0.55).clamp(10.0, LABEL_SIZE);
    (label, (label - 2.0).clamp(10.0, SMALL_SIZE))
}

/// How many axis labels fit along `width` pixels.
pub(super) fn axis_labels(width: u32) -> usize {
    (width as usize / 72).clamp(2, 11)
}

/// What a legend entry shows before its text.
pub(super) enum Key {
    Fill(RGBColor),
    /// The empty-cell grey, outlined so it shows on white.
    Empty,
    Hatch,
    Whisker,
    Dashed(RGBColor),
    /// A horizontal dashed line, as target lines are drawn.
    Line(RGBColor),
}

pub(super) const SWATCH: i32 = 18;
pub(super) const KEY_GAP: i32 = 8;
pub(super) const ENTRY_GAP: i32 = 28;

pub(super) fn legend_width<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    entries: &[(Key, String)],
) -> Result<i32, ChartError>
where
    DB::ErrorType: 'static,
{
    let mut width = 0;
    for (_, label) in entries {
        width += SWATCH + KEY_GAP + text_width(root, label, SMALL_SIZE)? + ENTRY_GAP;
    }
    Ok((width - ENTRY_GAP).max(0))
}

/// Draws legend entries in a row from `x`, centred on `y`.
pub(super) fn legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    entries: &[(Key, String)],
    (mut x, y): BackendCoord,
) -> Result<(), ChartError>
where
    DB::ErrorType: 'static,
{
    let half = SWATCH / 2;
    for (key, label) in entries {
        let (a, b) = ((x, y - half), (x + SWATCH, y + half));
        match key {
            Key::Fill(colour) => root.draw(&Rectangle::new([a, b], colour.filled()))?,
            Key::Empty => {
                root.draw(&Rectangle::new([a, b], EMPTY.filled()))?;
                root.draw(&Rectangle::new([a, b], HATCH))?;
            }
            Key::Hatch => {
                hatch(root, a, b)?;
                root.draw(&Rectangle::new([a, b], HATCH))?;
            }
            Key::Whisker => whisker(root, (x, y), (x + SWATCH, y), half - 2)?,
            Key::Line(colour) => {
                let line = ShapeStyle::from(colour).stroke_width(2);
                root.draw(&PathElement::new(vec![(x, y), (x + 7, y)], line))?;
                root.draw(&PathElement::new(vec![(x + 11, y), (x + SWATCH, y)], line))?;
            }
            Key::Dashed(colour) => {
                let line = ShapeStyle::from(colour).stroke_width(2);
                for k in 0..3 {
                    let top = y - half + k * 7;
                    root.draw(&PathElement::new(
                        vec![(x + half, top), (x + half, top + 4)],
                        line,
                    ))?;
                }
            }
        }
        root.draw_text(
            label,
            &anchored(SMALL_SIZE, INK, HPos::Left, VPos::Center),
            (x + SWATCH + KEY_GAP, y),
        )?;
        x += SWATCH + KEY_GAP + text_width(root, label, SMALL_SIZE)? + ENTRY_GAP;
    }
    Ok(())
}

/// Diagonal lines across a rectangle: the mark of a cell too few people contributed to.
pub(super) fn hatch<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    a: BackendCoord,
    b: BackendCoord,
) -> Result<(), ChartError>
where
    DB::ErrorType: 'static,
{
    const SPACING: i32 = 7;
    let (x0, y0, x1, y1) = (a.0.min(b.0), a.1.min(b.1), a.0.max(b.0), a.1.max(b.1));
    let line = ShapeStyle::from(&HATCH).stroke_width(1);
    // Lines x + y = c, from the lower left to the upper right of the rectangle.
    let mut c = x0 + y0 + SPACING / 2;
    while c < x1 + y1 {
        let (from, to) = (x0.max(c - y1), x1.min(c - y0));
        if from < to {
            root.draw(&PathElement::new(
                vec![(from, c - from), (to, c - to)],
                line,
            ))?;
        }
        c += SPACING;
    }
    Ok(())
}

/// An interval as a line with end caps.
pub(super) fn whisker<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    from: BackendCoord,
    to: BackendCoord,
    cap: i32,
) -> Result<(), ChartError>
where
    DB::ErrorType: 'static,
{
    let line = ShapeStyle::from(&INK).stroke_width(2);
    root.draw(&PathElement::new(vec![from, to], line))?;
    for (x, y) in [from, to] {
        root.draw(&PathElement::new(vec![(x, y - cap), (x, y + cap)], line))?;
    }
    Ok(())
}
