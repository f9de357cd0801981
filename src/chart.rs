//! The review's charts, drawn once in Rust with plotters: SVG for the app and the report,
//! PNG for slides. Text is measured and drawn with DejaVu Sans compiled into the binary,
//! so a chart looks the same on every machine and needs no system fonts.
//!
//! Colours are from the Okabe–Ito palette (safe for the common colour-vision
//! deficiencies) and strong enough for a projector; golden and 08/15 also differ in
//! lightness and are named in the legend, so colour is never the only signal. Cells
//! suppressed for privacy say so in words (or are hatched), never look like a zero.
//!
//! [`Chart`] is the one entry point: it draws any chart as SVG with the clickable
//! [`Region`]s in it, or as PNG.

use std::sync::Once;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::{Deserialize, Serialize};

use crate::analytics::{Figures, PeriodFigures};
use crate::breakdown::{Breakdowns, Cell, HeatCell, TagCell, TagCounts};
use crate::domain::{Channel, Code, Lang, Motive, Perspective, Phase, Purpose};

/// Golden: Okabe–Ito orange.
pub const GOLDEN: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
/// 08/15: Okabe–Ito blue, much darker than golden.
pub const ORDINARY: RGBColor = RGBColor(0x00, 0x72, 0xB2);
/// The share line and its band: a dark bluish green, apart from both ratings' colours.
pub const SHARE: RGBColor = RGBColor(0x00, 0x5E, 0x4A);
/// The target line.
pub const TARGET: RGBColor = RGBColor(0xCC, 0x3D, 0x00);
/// Cells and bar tracks without contacts: a grey just off white.
pub const EMPTY: RGBColor = RGBColor(0xF1, 0xF3, 0xF5);
/// The hatching of cells suppressed for privacy.
pub const HATCH: RGBColor = RGBColor(0x8A, 0x96, 0xA3);
const INK: RGBColor = RGBColor(0x1F, 0x29, 0x33);
/// Secondary text ("n = 34", "too few to show"): still above 6:1 on white.
const MUTED: RGBColor = RGBColor(0x52, 0x5F, 0x6B);
const GRID: RGBColor = RGBColor(0xD9, 0xDE, 0xE3);

/// The heat map's sequential scale, 0 % to 100 % golden: ColorBrewer GnBu, light to dark,
/// readable with the common colour-vision deficiencies and in greyscale.
const SCALE: [RGBColor; 8] = [
    RGBColor(0xE0, 0xF3, 0xDB),
    RGBColor(0xCC, 0xEB, 0xC5),
    RGBColor(0xA8, 0xDD, 0xB5),
    RGBColor(0x7B, 0xCC, 0xC4),
    RGBColor(0x4E, 0xB3, 0xD3),
    RGBColor(0x2B, 0x8C, 0xBE),
    RGBColor(0x08, 0x68, 0xAC),
    RGBColor(0x08, 0x40, 0x81),
];

/// A point in backend pixels: what `backend_coord` returns and what is drawn.
type BackendCoord = (i32, i32);

const FONT: &str = "sans-serif";
static FONT_BYTES: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");

/// Outer margin of every chart, in pixels.
const MARGIN: i32 = 16;
const TITLE_SIZE: f64 = 28.0;
/// Row labels and headings: big enough for the back of a meeting room.
const LABEL_SIZE: f64 = 18.0;
const SMALL_SIZE: f64 = 16.0;

/// Smallest and largest side a chart may have, in pixels; a PNG of the largest is 50 MB
/// of pixels before compression.
const MIN_SIDE: u32 = 240;
const MAX_SIDE: u32 = 4096;

/// The most jars the week chart draws, and the room one needs with its labels.
const MAX_JARS: usize = 12;
const JAR_SLOT: u32 = 124;

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

/// Which breakdown a [`Chart::Cells`] shows; decides its title, row labels and keys.
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
    /// The first part of a region's key: `channel` in `channel:phone`.
    fn key_prefix(self) -> &'static str {
        match self {
            CellKind::Channel => "channel",
            CellKind::Phase => "phase",
            CellKind::Purpose => "purpose",
            CellKind::Weekday => "weekday",
            CellKind::Hour => "hour",
        }
    }

    fn title(self, lang: Lang) -> &'static str {
        match self {
            CellKind::Channel => text(lang, "Goldanteil nach Kanal", "Golden share by channel"),
            CellKind::Phase => text(
                lang,
                "Goldanteil nach Beziehungsphase",
                "Golden share by relationship phase",
            ),
            CellKind::Purpose => text(lang, "Goldanteil nach Zweck", "Golden share by purpose"),
            CellKind::Weekday => text(lang, "Goldanteil nach Wochentag", "Golden share by weekday"),
            CellKind::Hour => text(
                lang,
                "Goldanteil nach Uhrzeit",
                "Golden share by hour of day",
            ),
        }
    }

    /// A cell's row label: the domain label, weekday or hour; an unknown key as it is.
    fn label(self, key: &str, lang: Lang) -> String {
        let known = match self {
            CellKind::Channel => code_label::<Channel>(key, lang),
            CellKind::Phase => code_label::<Phase>(key, lang),
            CellKind::Purpose => code_label::<Purpose>(key, lang),
            CellKind::Weekday => key
                .parse::<usize>()
                .ok()
                .and_then(|d| weekdays(lang).get(d))
                .map(|(_, long)| long.to_string()),
            CellKind::Hour => key
                .parse::<u8>()
                .ok()
                .filter(|h| *h < 24)
                .map(|h| hour_label(lang, h)),
        };
        known.unwrap_or_else(|| key.to_string())
    }
}

/// One chart of the review, ready to draw.
#[derive(Debug, Clone, Copy)]
pub enum Chart<'a> {
    /// The golden share per period with its 95 % band and the target. Periods without
    /// contacts break the line: a gap, not a zero.
    Trend {
        series: &'a [PeriodFigures],
        target: f64,
    },
    /// Golden and 08/15 contacts per period as stacked bars, golden at the bottom.
    Stacked { series: &'a [PeriodFigures] },
    /// Diverging bars per motive and perspective: how often golden contacts name it
    /// (what made them golden) to the right, 08/15 contacts (what was missing) to the left.
    Tags { breakdowns: &'a Breakdowns },
    /// Golden share per weekday and hour, for the hours that had contacts.
    Heat { breakdowns: &'a Breakdowns },
    /// A small jar per week (the last ones that fit), filled with golden and 08/15.
    WeekJars { weeks: &'a [PeriodFigures] },
    /// Golden share per cell with its 95 % interval, n and the target.
    Cells {
        kind: CellKind,
        cells: &'a [Cell],
        target: f64,
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

/// One clickable area of a chart: a bar, segment, point column, cell or jar with contacts.
/// Suppressed and empty cells have none.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Region {
    /// What the area stands for, machine readable: "days:2026-11-16:2026-11-22" (a period's
    /// days as drawn, so a week clipped by the range opens just those days),
    /// "days:2026-11-16:2026-11-22:golden",
    /// "motive:speed:golden", "motive:speed:ordinary", "perspective:market:golden", "heat:0:9" (weekday 0=Mon, hour),
    /// "channel:phone", "phase:first-contact", "purpose:advice", "weekday:0", "hour:9".
    pub key: String,
    /// Accessible text in the UI language, e.g. "KW 47: 12 Gold, 30 08/15 (29 %)".
    pub label: String,
    /// In SVG user units (pixels of `width`×`height`).
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Region {
    /// The rectangle between two opposite corners, in backend pixels.
    fn between(key: String, label: String, a: BackendCoord, b: BackendCoord) -> Region {
        Region {
            key,
            label,
            x: f64::from(a.0.min(b.0)),
            y: f64::from(a.1.min(b.1)),
            width: f64::from((a.0 - b.0).abs()),
            height: f64::from((a.1 - b.1).abs()),
        }
    }
}

impl Chart<'_> {
    /// Draws the chart as SVG, with the regions a click or key press can drill into.
    pub fn svg(&self, lang: Lang, size: Size) -> Result<Drawn, ChartError> {
        let size = size.check()?;
        fonts();
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
        fonts();
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
            Chart::Tags { .. } => size(960, 760),
            Chart::Heat { .. } => size(960, 560),
            Chart::WeekJars { weeks } => {
                let jars = weeks.len().clamp(1, MAX_JARS) as u32;
                let width = (2 * MARGIN as u32 + jars * JAR_SLOT).max(960);
                let slot = f64::from(width - 2 * MARGIN as u32) / f64::from(jars);
                // The jar's height, plus title, legend, labels and margins.
                size(width, jar_height(jar_width(slot)) as u32 + 184)
            }
            Chart::Cells { kind, cells, .. } => {
                let rows = cell_rows(kind, cells).len().max(1) as u32;
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
            Chart::Cells { kind, .. } => match kind {
                CellKind::Channel => "by-channel",
                CellKind::Phase => "by-phase",
                CellKind::Purpose => "by-purpose",
                CellKind::Weekday => "by-weekday",
                CellKind::Hour => "by-hour",
            },
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
            Chart::Trend { series, target } => draw_trend(root, series, target, lang),
            Chart::Stacked { series } => draw_stacked(root, series, lang),
            Chart::Tags { breakdowns } => draw_tags(root, breakdowns, lang),
            Chart::Heat { breakdowns } => draw_heat(root, breakdowns, lang),
            Chart::WeekJars { weeks } => draw_jars(root, weeks, lang),
            Chart::Cells {
                kind,
                cells,
                target,
            } => draw_cells(root, kind, cells, target, lang),
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

fn too_few(lang: Lang) -> &'static str {
    text(lang, "zu wenige für eine Anzeige", "too few to show")
}

fn no_contacts(lang: Lang) -> &'static str {
    text(lang, "keine Kontakte", "no contacts")
}

/// Weekday names, Monday first: short (heat map rows) and long (bar rows).
const WEEKDAYS_DE: [(&str, &str); 7] = [
    ("Mo", "Montag"),
    ("Di", "Dienstag"),
    ("Mi", "Mittwoch"),
    ("Do", "Donnerstag"),
    ("Fr", "Freitag"),
    ("Sa", "Samstag"),
    ("So", "Sonntag"),
];
const WEEKDAYS_EN: [(&str, &str); 7] = [
    ("Mon", "Monday"),
    ("Tue", "Tuesday"),
    ("Wed", "Wednesday"),
    ("Thu", "Thursday"),
    ("Fri", "Friday"),
    ("Sat", "Saturday"),
    ("Sun", "Sunday"),
];

fn weekdays(lang: Lang) -> &'static [(&'static str, &'static str); 7] {
    match lang {
        Lang::De => &WEEKDAYS_DE,
        Lang::En => &WEEKDAYS_EN,
    }
}

fn hour_label(lang: Lang, hour: u8) -> String {
    match lang {
        Lang::De => format!("{hour} Uhr"),
        Lang::En => format!("{hour}:00"),
    }
}

fn code_label<T: Code>(key: &str, lang: Lang) -> Option<String> {
    T::ALL
        .iter()
        .find(|v| v.code() == key)
        .map(|v| v.label(lang).to_string())
}

/// A period label as people say it: "2026-W47" is "KW 47" / "W47", "2026-11-23" is
/// "Mo 23.11." / "Mon 23 Nov", "2026-11" is "Nov 2026"; anything else as it is.
fn period_label(lang: Lang, period: &str) -> String {
    const MONTHS_DE: [&str; 12] = [
        "Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez",
    ];
    const DAYS_DE: [&str; 7] = ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"];
    if let Ok(day) = chrono::NaiveDate::parse_from_str(period, "%Y-%m-%d") {
        use chrono::Datelike;
        return match lang {
            Lang::De => format!(
                "{} {}",
                DAYS_DE[day.weekday().num_days_from_monday() as usize],
                day.format("%d.%m.")
            ),
            Lang::En => day.format("%a %-d %b").to_string(),
        };
    }
    if let Ok(first) = chrono::NaiveDate::parse_from_str(&format!("{period}-01"), "%Y-%m-%d") {
        use chrono::Datelike;
        return match lang {
            Lang::De => format!("{} {}", MONTHS_DE[first.month0() as usize], first.year()),
            Lang::En => first.format("%b %Y").to_string(),
        };
    }
    let week = period.split_once("-W").and_then(|(year, week)| {
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        (year.len() == 4 && digits(year) && digits(week))
            .then(|| week.parse::<u32>().ok())
            .flatten()
    });
    match (week, lang) {
        (Some(w), Lang::De) => format!("KW {w}"),
        (Some(w), Lang::En) => format!("W{w}"),
        (None, _) => period.to_string(),
    }
}

/// "12 Gold, 30 08/15 (29 %)"; for figures with contacts.
fn counts_label(lang: Lang, f: &Figures) -> String {
    let share = percent_label(lang, f.golden_share.unwrap_or(0.0) * 100.0);
    match lang {
        Lang::De => format!("{} Gold, {} 08/15 ({share})", f.golden, f.ordinary),
        Lang::En => format!("{} golden, {} 08/15 ({share})", f.golden, f.ordinary),
    }
}

fn style(size: f64, colour: RGBColor) -> TextStyle<'static> {
    (FONT, size).into_font().color(&colour)
}

fn anchored(size: f64, colour: RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    style(size, colour).pos(Pos::new(h, v))
}

fn text_width<DB: DrawingBackend>(
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
fn labels_that_fit<DB: DrawingBackend>(
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

/// The area under a centred title, inside the outer margin.
fn titled<DB: DrawingBackend>(
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
fn row_text(row_height: i32) -> (f64, f64) {
    let label = (f64::from(row_height) * 0.55).clamp(10.0, LABEL_SIZE);
    (label, (label - 2.0).clamp(10.0, SMALL_SIZE))
}

/// How many axis labels fit along `width` pixels.
fn axis_labels(width: u32) -> usize {
    (width as usize / 72).clamp(2, 11)
}

/// What a legend entry shows before its text.
enum Key {
    Fill(RGBColor),
    /// The empty-cell grey, outlined so it shows on white.
    Empty,
    Hatch,
    Whisker,
    Dashed(RGBColor),
}

const SWATCH: i32 = 18;
const KEY_GAP: i32 = 8;
const ENTRY_GAP: i32 = 28;

fn legend_width<DB: DrawingBackend>(
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
fn legend<DB: DrawingBackend>(
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
fn hatch<DB: DrawingBackend>(
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
fn whisker<DB: DrawingBackend>(
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

fn draw_trend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    series: &[PeriodFigures],
    target: f64,
    lang: Lang,
) -> Result<Vec<Region>, ChartError>
where
    DB::ErrorType: 'static,
{
    let n = series.len().max(1);
    let title = text(
        lang,
        "Goldanteil mit 95-%-Bereich",
        "Golden share with 95% range",
    );
    let mut chart = ChartBuilder::on(root)
        .caption(title, style(TITLE_SIZE, INK))
        .margin(MARGIN)
        .x_label_area_size(44)
        .y_label_area_size(64)
        .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), 0f64..100f64)?;
    let labels: Vec<String> = series
        .iter()
        .map(|p| period_label(lang, &p.period))
        .collect();
    let fit = labels_that_fit(root, &labels, chart.plotting_area().dim_in_pixel().0)?;
    chart
        .configure_mesh()
        .light_line_style(WHITE)
        .bold_line_style(GRID)
        .axis_style(INK)
        .x_labels(fit)
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
        .label_style(style(SMALL_SIZE, INK))
        .axis_desc_style(style(LABEL_SIZE, INK))
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
    if target.is_finite() {
        let target = target.clamp(0.0, 1.0);
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
                format!("days:{}:{}", p.from, p.to),
                format!(
                    "{}: {}",
                    period_label(lang, &p.period),
                    counts_label(lang, &p.figures)
                ),
                chart.backend_coord(&(x - 0.45, 100.0)),
                chart.backend_coord(&(x + 0.45, 0.0)),
            )
        })
        .collect())
}

fn draw_stacked<DB: DrawingBackend>(
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
    let title = text(
        lang,
        "Kontakte: Gold und 08/15",
        "Contacts: golden and 08/15",
    );
    let mut chart = ChartBuilder::on(root)
        .caption(title, style(TITLE_SIZE, INK))
        .margin(MARGIN)
        .x_label_area_size(44)
        .y_label_area_size(64)
        .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), 0f64..top)?;
    let labels: Vec<String> = series
        .iter()
        .map(|p| period_label(lang, &p.period))
        .collect();
    let fit = labels_that_fit(root, &labels, chart.plotting_area().dim_in_pixel().0)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(WHITE)
        .bold_line_style(GRID)
        .axis_style(INK)
        .x_labels(fit)
        .x_label_formatter(&|x| {
            let i = x.round();
            if (x - i).abs() > 1e-6 || i < 0.0 {
                return String::new();
            }
            labels.get(i as usize).cloned().unwrap_or_default()
        })
        .y_label_formatter(&|v| format!("{v:.0}"))
        .y_desc(text(lang, "Kontakte", "Contacts"))
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
        let (colour, name) = if golden {
            (GOLDEN, text(lang, "Gold", "Golden"))
        } else {
            (ORDINARY, "08/15")
        };
        chart
            .draw_series(segments(golden).map(|(x, from, to, _)| {
                Rectangle::new([(x - half, from), (x + half, to)], colour.filled())
            }))?
            .label(name)
            .legend(move |(x, y)| Rectangle::new([(x, y - 7), (x + 14, y + 7)], colour.filled()));
        for (x, from, to, p) in segments(golden) {
            let f = &p.figures;
            let count = (to - from) as u64;
            let share = percent_label(lang, count as f64 / f.total as f64 * 100.0);
            let label = match lang {
                Lang::De => format!("{count} {name} von {}, {share}", f.total),
                Lang::En => format!("{count} {} of {}, {share}", name.to_lowercase(), f.total),
            };
            regions.push(Region::between(
                format!(
                    "days:{}:{}:{}",
                    p.from,
                    p.to,
                    if golden { "golden" } else { "ordinary" }
                ),
                format!("{}: {label}", period_label(lang, &p.period)),
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

/// One row of the tag chart.
struct TagRow {
    family: &'static str,
    code: &'static str,
    label: &'static str,
    /// `None`: suppressed.
    counts: Option<TagCounts>,
}

fn tag_rows<T: Code>(family: &'static str, cells: &[TagCell], lang: Lang) -> Vec<TagRow> {
    T::ALL
        .iter()
        .map(|v| TagRow {
            family,
            code: v.code(),
            label: v.label(lang),
            // A tag missing from the breakdown was named by nobody.
            counts: cells.iter().find(|c| c.key == v.code()).map_or(
                Some(TagCounts {
                    golden: 0,
                    golden_share: None,
                    ordinary: 0,
                    ordinary_share: None,
                }),
                |c| c.counts,
            ),
        })
        .collect()
}

fn draw_tags<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    b: &Breakdowns,
    lang: Lang,
) -> Result<Vec<Region>, ChartError>
where
    DB::ErrorType: 'static,
{
    let groups = [
        (
            text(lang, "Motive", "Motives"),
            tag_rows::<Motive>("motive", &b.motives, lang),
        ),
        (
            text(lang, "Perspektiven", "Perspectives"),
            tag_rows::<Perspective>("perspective", &b.perspectives, lang),
        ),
    ];
    let rows = groups.iter().map(|(_, r)| r.len() + 1).sum::<usize>();
    let largest = groups
        .iter()
        .flat_map(|(_, r)| r)
        .filter_map(|r| r.counts)
        .flat_map(|c| [c.golden_share, c.ordinary_share])
        .flatten()
        .fold(0.0f64, f64::max);
    // Both halves share one scale, in steps of 10 %, with room for the longest bar.
    let reach = ((largest * 110.0 / 10.0).ceil() * 10.0).clamp(10.0, 100.0);

    let title = text(
        lang,
        "Was Kontakte golden macht – und was fehlt",
        "What makes contacts golden – and what is missing",
    );
    let body = titled(root, title)?;
    let (label_size, small_size) = row_text((body.dim_in_pixel().1 as i32 - 104) / rows as i32);
    let mut label_width = 0;
    for row in groups.iter().flat_map(|(_, r)| r) {
        label_width = label_width.max(text_width(root, row.label, label_size)?);
    }
    // Room for a value label beside the longest bar on either side.
    let value_room = text_width(root, &percent_label(lang, 100.0), small_size)? + 14;
    let mut chart = ChartBuilder::on(&body)
        .margin_top(44)
        .margin_left(label_width + 12 + value_room)
        .margin_right(value_room)
        .x_label_area_size(60)
        .build_cartesian_2d(-reach..reach, 0f64..rows as f64)?;
    let x_labels = axis_labels(chart.plotting_area().dim_in_pixel().0);
    chart
        .configure_mesh()
        .disable_y_mesh()
        .disable_y_axis()
        .y_labels(0)
        .light_line_style(WHITE)
        .bold_line_style(GRID)
        .axis_style(INK)
        .x_labels(x_labels)
        .x_label_formatter(&|v| percent_label(lang, v.abs()))
        .x_desc(text(
            lang,
            "Anteil der Kontakte, die es nennen",
            "Share of contacts that name it",
        ))
        .label_style(style(small_size, INK))
        .axis_desc_style(style(small_size, INK))
        .draw()?;
    let (xs, ys) = chart.plotting_area().get_pixel_range();
    let centre = chart.backend_coord(&(0.0, 0.0)).0;
    root.draw(&PathElement::new(
        vec![(centre, ys.start), (centre, ys.end)],
        ShapeStyle::from(&INK).stroke_width(2),
    ))?;

    // The two halves named above the plot, each beside the colour it uses.
    let heading_y = ys.start - 24;
    let golden_heading = text(
        lang,
        "Gold: was es golden gemacht hat",
        "Golden: what made it golden",
    );
    let ordinary_heading = text(lang, "08/15: was gefehlt hat", "08/15: what was missing");
    legend(
        root,
        &[(Key::Fill(GOLDEN), golden_heading.to_string())],
        (centre + 10, heading_y),
    )?;
    root.draw(&Rectangle::new(
        [
            (centre - 10 - SWATCH, heading_y - SWATCH / 2),
            (centre - 10, heading_y + SWATCH / 2),
        ],
        ORDINARY.filled(),
    ))?;
    root.draw_text(
        ordinary_heading,
        &anchored(small_size, INK, HPos::Right, VPos::Center),
        (centre - 10 - SWATCH - KEY_GAP, heading_y),
    )?;

    let label_x = xs.start - value_room - 12;
    let mut regions = Vec::new();
    let mut r = 0usize;
    for (g, (heading, group)) in groups.iter().enumerate() {
        let top = (rows - r) as f64;
        let y = chart.backend_coord(&(0.0, top - 0.5)).1;
        if g > 0 {
            let rule = chart.backend_coord(&(0.0, top)).1;
            root.draw(&PathElement::new(
                vec![(MARGIN, rule), (xs.end, rule)],
                ShapeStyle::from(&GRID).stroke_width(1),
            ))?;
        }
        root.draw_text(
            heading,
            &anchored(label_size + 2.0, INK, HPos::Left, VPos::Center),
            (MARGIN, y),
        )?;
        r += 1;
        for row in group {
            let top = (rows - r) as f64;
            r += 1;
            let y = chart.backend_coord(&(0.0, top - 0.5)).1;
            root.draw_text(
                row.label,
                &anchored(label_size, INK, HPos::Right, VPos::Center),
                (label_x, y),
            )?;
            let band = |from: f64, to: f64| {
                (
                    chart.backend_coord(&(from, top - 0.2)),
                    chart.backend_coord(&(to, top - 0.8)),
                )
            };
            let counts = match row.counts {
                Some(c) if c.golden_share.is_some() || c.ordinary_share.is_some() => c,
                other => {
                    let note = if other.is_none() {
                        too_few(lang)
                    } else {
                        no_contacts(lang)
                    };
                    let (a, b) = band(-reach, reach);
                    root.draw(&Rectangle::new([a, b], EMPTY.filled()))?;
                    root.draw_text(
                        note,
                        &anchored(small_size, MUTED, HPos::Center, VPos::Center),
                        (centre, y),
                    )?;
                    continue;
                }
            };
            for golden in [true, false] {
                let (count, share, colour) = if golden {
                    (counts.golden, counts.golden_share, GOLDEN)
                } else {
                    (counts.ordinary, counts.ordinary_share, ORDINARY)
                };
                let Some(share) = share else { continue };
                let value = share * 100.0;
                let end = if golden { value } else { -value };
                let (a, mut b) = band(0.0, end);
                // A named tag keeps a visible sliver even at 1 %.
                if count > 0 && (b.0 - a.0).abs() < 2 {
                    b.0 = a.0 + if golden { 2 } else { -2 };
                }
                if count > 0 {
                    root.draw(&Rectangle::new([a, b], colour.filled()))?;
                }
                let (anchor, x) = if golden {
                    (HPos::Left, b.0.max(a.0) + 6)
                } else {
                    (HPos::Right, b.0.min(a.0) - 6)
                };
                root.draw_text(
                    &percent_label(lang, value),
                    &anchored(small_size, INK, anchor, VPos::Center),
                    (x, y),
                )?;
                if count == 0 {
                    continue;
                }
                let shown = percent_label(lang, value);
                let label = match (golden, lang) {
                    (true, Lang::De) => format!(
                        "{}: bei {count} Goldkontakten genannt, {shown} aller Goldkontakte",
                        row.label
                    ),
                    (true, Lang::En) => format!(
                        "{}: named on {count} golden contacts, {shown} of all golden contacts",
                        row.label
                    ),
                    (false, Lang::De) => format!(
                        "{}: fehlte bei {count} 08/15-Kontakten, {shown} aller 08/15-Kontakte",
                        row.label
                    ),
                    (false, Lang::En) => format!(
                        "{}: missing on {count} 08/15 contacts, {shown} of all 08/15 contacts",
                        row.label
                    ),
                };
                regions.push(Region::between(
                    format!(
                        "{}:{}:{}",
                        row.family,
                        row.code,
                        if golden { "golden" } else { "ordinary" }
                    ),
                    label,
                    a,
                    b,
                ));
            }
        }
    }
    Ok(regions)
}

/// The heat map's colour for a golden share from 0 to 1.
fn scale_colour(share: f64) -> RGBColor {
    let t = share.clamp(0.0, 1.0) * (SCALE.len() - 1) as f64;
    let i = (t.floor() as usize).min(SCALE.len() - 2);
    let f = t - i as f64;
    let (a, b) = (SCALE[i], SCALE[i + 1]);
    let mix = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * f).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// White or ink, whichever contrasts more with `background` (WCAG relative luminance).
fn text_on(background: RGBColor) -> RGBColor {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * linear(background.0)
        + 0.7152 * linear(background.1)
        + 0.0722 * linear(background.2);
    // INK's luminance is about 0.022: equal contrast at l ≈ 0.225.
    if l < 0.225 {
        WHITE
    } else {
        INK
    }
}

/// The hours to show: from the first to the last with contacts (suppressed cells have
/// some), or office hours when there are none.
fn shown_hours(with_contacts: impl Iterator<Item = u8>) -> std::ops::RangeInclusive<u8> {
    let (first, last) = with_contacts.fold((u8::MAX, 0), |(lo, hi), h| (lo.min(h), hi.max(h)));
    if first > last {
        8..=17
    } else {
        first..=last
    }
}

fn has_contacts(figures: &Option<Figures>) -> bool {
    figures.is_none_or(|f| f.total > 0)
}

fn draw_heat<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    b: &Breakdowns,
    lang: Lang,
) -> Result<Vec<Region>, ChartError>
where
    DB::ErrorType: 'static,
{
    let hours: Vec<u8> = shown_hours(
        b.heat
            .iter()
            .filter(|c| c.hour < 24 && has_contacts(&c.figures))
            .map(|c| c.hour),
    )
    .collect();
    let cell = |weekday: usize, hour: u8| -> Option<&HeatCell> {
        b.heat
            .iter()
            .find(|c| usize::from(c.weekday) == weekday && c.hour == hour)
    };
    let legend_height = 48;
    let body = titled(
        root,
        text(
            lang,
            "Goldanteil nach Wochentag und Uhrzeit",
            "Golden share by weekday and hour",
        ),
    )?;
    let mut label_width = 0;
    for (short, _) in weekdays(lang) {
        label_width = label_width.max(text_width(root, short, LABEL_SIZE)?);
    }
    let chart = ChartBuilder::on(&body)
        .margin_top(8)
        .margin_left(label_width + 16)
        .margin_bottom(64 + legend_height)
        .build_cartesian_2d(0f64..hours.len() as f64, 0f64..7f64)?;
    let (xs, ys) = chart.plotting_area().get_pixel_range();
    let column_width = xs.len() as i32 / hours.len().max(1) as i32;

    let mut regions = Vec::new();
    for (d, &(day_label, _)) in weekdays(lang).iter().enumerate() {
        let top = (7 - d) as f64;
        let y = chart.backend_coord(&(0.0, top - 0.5)).1;
        root.draw_text(
            day_label,
            &anchored(LABEL_SIZE, INK, HPos::Right, VPos::Center),
            (xs.start - 12, y),
        )?;
        for (c, &hour) in hours.iter().enumerate() {
            let (mut a, mut b) = (
                chart.backend_coord(&(c as f64, top)),
                chart.backend_coord(&(c as f64 + 1.0, top - 1.0)),
            );
            // A white gap between cells.
            a = (a.0 + 1, a.1 + 1);
            b = (b.0 - 1, b.1 - 1);
            let figures = cell(d, hour).map_or(Some(Figures::new(0, 0)), |c| c.figures);
            let Some(f) = figures else {
                root.draw(&Rectangle::new([a, b], WHITE.filled()))?;
                hatch(root, a, b)?;
                continue;
            };
            let Some(share) = f.golden_share else {
                root.draw(&Rectangle::new([a, b], EMPTY.filled()))?;
                continue;
            };
            let colour = scale_colour(share);
            root.draw(&Rectangle::new([a, b], colour.filled()))?;
            let value = percent_label(lang, share * 100.0);
            let (w, h) = root.estimate_text_size(&value, &style(SMALL_SIZE, INK))?;
            if w as i32 + 6 <= b.0 - a.0 && h as i32 + 4 <= b.1 - a.1 {
                root.draw_text(
                    &value,
                    &anchored(SMALL_SIZE, text_on(colour), HPos::Center, VPos::Center),
                    ((a.0 + b.0) / 2, (a.1 + b.1) / 2),
                )?;
            }
            let when = match lang {
                Lang::De => format!("{day_label}, {}", hour_label(lang, hour)),
                Lang::En => format!("{day_label} {}", hour_label(lang, hour)),
            };
            regions.push(Region::between(
                format!("heat:{d}:{hour}"),
                format!("{when}: {}", counts_label(lang, &f)),
                a,
                b,
            ));
        }
    }

    // Hours under the columns; every other one when they would touch.
    let widest = text_width(root, "23", SMALL_SIZE)?;
    let step = if widest + 6 <= column_width { 1 } else { 2 };
    for (c, &hour) in hours.iter().enumerate().step_by(step) {
        let x = chart.backend_coord(&(c as f64 + 0.5, 0.0)).0;
        root.draw_text(
            &hour.to_string(),
            &anchored(SMALL_SIZE, INK, HPos::Center, VPos::Top),
            (x, ys.end + 8),
        )?;
    }
    root.draw_text(
        text(lang, "Uhrzeit (Stunde)", "Hour of day"),
        &anchored(SMALL_SIZE, INK, HPos::Center, VPos::Top),
        ((xs.start + xs.end) / 2, ys.end + 34),
    )?;

    // The scale from 0 % to 100 %, then what empty and hatched cells mean.
    let y = ys.end + 64 + legend_height / 2;
    let mut x = xs.start;
    let scale_name = text(lang, "Goldanteil", "Golden share");
    root.draw_text(
        scale_name,
        &anchored(SMALL_SIZE, INK, HPos::Left, VPos::Center),
        (x, y),
    )?;
    x += text_width(root, scale_name, SMALL_SIZE)? + 12;
    let zero = percent_label(lang, 0.0);
    root.draw_text(
        &zero,
        &anchored(SMALL_SIZE, INK, HPos::Left, VPos::Center),
        (x, y),
    )?;
    x += text_width(root, &zero, SMALL_SIZE)? + 6;
    const STEPS: i32 = 40;
    const STEP_WIDTH: i32 = 4;
    for s in 0..STEPS {
        let colour = scale_colour(f64::from(s) / f64::from(STEPS - 1));
        let left = x + s * STEP_WIDTH;
        root.draw(&Rectangle::new(
            [(left, y - SWATCH / 2), (left + STEP_WIDTH, y + SWATCH / 2)],
            colour.filled(),
        ))?;
    }
    x += STEPS * STEP_WIDTH + 6;
    let full = percent_label(lang, 100.0);
    root.draw_text(
        &full,
        &anchored(SMALL_SIZE, INK, HPos::Left, VPos::Center),
        (x, y),
    )?;
    x += text_width(root, &full, SMALL_SIZE)? + ENTRY_GAP;
    let keys = [
        (Key::Empty, no_contacts(lang).to_string()),
        (Key::Hatch, too_few(lang).to_string()),
    ];
    let keys_width = legend_width(root, &keys)?;
    // On a narrow chart the keys go to a second line.
    let keys_at = if x + keys_width <= xs.end.max(root.dim_in_pixel().0 as i32 - MARGIN) {
        (x, y)
    } else {
        (xs.start, y + 26)
    };
    legend(root, &keys, keys_at)?;
    Ok(regions)
}

/// A jar's width in a slot of `slot` pixels, leaving room between jars.
fn jar_width(slot: f64) -> f64 {
    (slot * 0.7).min(150.0)
}

/// A squat jar: a little taller than wide.
fn jar_height(width: f64) -> f64 {
    (width * 1.3).round()
}

fn draw_jars<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    weeks: &[PeriodFigures],
    lang: Lang,
) -> Result<Vec<Region>, ChartError>
where
    DB::ErrorType: 'static,
{
    let width = root.dim_in_pixel().0;
    let fit = (width.saturating_sub(2 * MARGIN as u32) / JAR_SLOT).max(1) as usize;
    let shown = &weeks[weeks.len().saturating_sub(fit.min(MAX_JARS))..];
    let n = shown.len().max(1);
    let body = titled(
        root,
        text(lang, "Das Murmelglas je Woche", "The marble jar per week"),
    )?;
    let chart = ChartBuilder::on(&body)
        .margin_top(40)
        .margin_bottom(64)
        .build_cartesian_2d(0f64..n as f64, 0f64..1f64)?;
    let (xs, ys) = chart.plotting_area().get_pixel_range();
    let entries = [
        (Key::Fill(GOLDEN), text(lang, "Gold", "Golden").to_string()),
        (Key::Fill(ORDINARY), "08/15".to_string()),
    ];
    // A squat jar, a little taller than wide, standing on its labels; all of one size.
    let slot = chart.backend_coord(&(1.0, 0.0)).0 - chart.backend_coord(&(0.0, 0.0)).0;
    let body_half = (jar_width(f64::from(slot)) / 2.0).round() as i32;
    let neck_half = body_half * 8 / 10;
    let height = (ys.end - ys.start).min(jar_height(f64::from(body_half * 2)) as i32);
    // The legend right above the jars, however tall the picture.
    let entries_width = legend_width(root, &entries)?;
    legend(
        root,
        &entries,
        (
            (xs.start + xs.end - entries_width) / 2,
            ys.end - height - 24,
        ),
    )?;

    let most = shown
        .iter()
        .map(|w| w.figures.total)
        .max()
        .unwrap_or(0)
        .max(1);
    let outline = ShapeStyle::from(&INK).stroke_width(3);
    let mut regions = Vec::new();
    for (i, week) in shown.iter().enumerate() {
        let f = &week.figures;
        let (left, bottom) = chart.backend_coord(&(i as f64, 0.0));
        let right = chart.backend_coord(&(i as f64 + 1.0, 0.0)).0;
        let cx = (left + right) / 2;
        let top = bottom - height;
        let (rim_bottom, neck_bottom) = (top + height * 8 / 100, top + height * 14 / 100);
        let shoulder = top + height * 22 / 100;
        // Bottom corners rounded with radius r, as a few straight pieces (y points down).
        let r = 12;
        let corner = |cx: i32, cy: i32, from: f64| {
            (0..=4).map(move |k| {
                let angle = (from - f64::from(k) * 22.5).to_radians();
                (
                    cx + (f64::from(r) * angle.cos()).round() as i32,
                    cy + (f64::from(r) * angle.sin()).round() as i32,
                )
            })
        };
        let mut jar = vec![
            (cx - neck_half, rim_bottom),
            (cx - neck_half, neck_bottom),
            (cx - body_half, shoulder),
        ];
        jar.extend(corner(cx - body_half + r, bottom - r, 180.0));
        jar.extend(corner(cx + body_half - r, bottom - r, 90.0));
        jar.extend([
            (cx + body_half, shoulder),
            (cx + neck_half, neck_bottom),
            (cx + neck_half, rim_bottom),
        ]);

        // Marbles fill the jar from the bottom: the fullest week reaches the shoulder.
        let inset = 5;
        let (x0, x1) = (cx - body_half + inset, cx + body_half - inset);
        let floor = bottom - inset;
        let room = floor - (shoulder + 4);
        if f.total > 0 {
            let filled = ((f64::from(room) * f.total as f64 / most as f64).round() as i32).max(4);
            let golden = (f64::from(filled) * f.golden as f64 / f.total as f64).round() as i32;
            if f.golden > 0 {
                root.draw(&Rectangle::new(
                    [(x0, floor - golden.max(1)), (x1, floor)],
                    GOLDEN.filled(),
                ))?;
            }
            if f.ordinary > 0 {
                root.draw(&Rectangle::new(
                    [(x0, floor - filled), (x1, floor - golden.min(filled - 1))],
                    ORDINARY.filled(),
                ))?;
            }
        }
        root.draw(&PathElement::new(jar, outline))?;
        root.draw(&Rectangle::new(
            [(cx - neck_half - 6, top), (cx + neck_half + 6, rim_bottom)],
            outline,
        ))?;

        let name = period_label(lang, &week.period);
        root.draw_text(
            &name,
            &anchored(LABEL_SIZE, INK, HPos::Center, VPos::Top),
            (cx, bottom + 10),
        )?;
        let (line, colour) = if f.total > 0 {
            let share = percent_label(lang, f.golden_share.unwrap_or(0.0) * 100.0);
            (format!("{share} (n={})", f.total), INK)
        } else if week.suppressed {
            (text(lang, "zu wenige", "too few").to_string(), MUTED)
        } else {
            (no_contacts(lang).to_string(), MUTED)
        };
        root.draw_text(
            &line,
            &anchored(SMALL_SIZE, colour, HPos::Center, VPos::Top),
            (cx, bottom + 36),
        )?;
        if f.total > 0 {
            regions.push(Region::between(
                format!("days:{}:{}", week.from, week.to),
                format!("{name}: {}", counts_label(lang, f)),
                (cx - body_half, top),
                (cx + body_half, bottom),
            ));
        }
    }
    Ok(regions)
}

/// The cells a chart shows as rows: hours only from the first to the last with contacts.
fn cell_rows(kind: CellKind, cells: &[Cell]) -> Vec<&Cell> {
    if kind != CellKind::Hour {
        return cells.iter().collect();
    }
    let hour = |c: &Cell| c.key.parse::<u8>().ok().filter(|h| *h < 24);
    let range = shown_hours(
        cells
            .iter()
            .filter(|c| has_contacts(&c.figures))
            .filter_map(hour),
    );
    cells
        .iter()
        .filter(|c| hour(c).is_some_and(|h| range.contains(&h)))
        .collect()
}

fn draw_cells<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    kind: CellKind,
    cells: &[Cell],
    target: f64,
    lang: Lang,
) -> Result<Vec<Region>, ChartError>
where
    DB::ErrorType: 'static,
{
    let rows = cell_rows(kind, cells);
    let n = rows.len().max(1);
    let labels: Vec<String> = rows.iter().map(|c| kind.label(&c.key, lang)).collect();
    let body = titled(root, kind.title(lang))?;
    let (label_size, small_size) = row_text((body.dim_in_pixel().1 as i32 - 84) / n as i32);
    let mut label_width = 0;
    for label in &labels {
        label_width = label_width.max(text_width(root, label, label_size)?);
    }
    // Right of the plot: the share and n of each row.
    let share_room = text_width(root, &percent_label(lang, 100.0), label_size)? + 16;
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
        .x_label_formatter(&|v| percent_label(lang, *v))
        .label_style(style(small_size, INK))
        .draw()?;
    let (xs, ys) = chart.plotting_area().get_pixel_range();

    let target = target.is_finite().then(|| target.clamp(0.0, 1.0) * 100.0);
    let mut entries = vec![
        (
            Key::Fill(GOLDEN),
            text(lang, "Goldanteil", "Golden share").to_string(),
        ),
        (
            Key::Whisker,
            text(lang, "95-%-Bereich", "95% range").to_string(),
        ),
    ];
    if let Some(t) = target {
        entries.push((
            Key::Dashed(TARGET),
            format!(
                "{} {}",
                text(lang, "Ziel", "Target"),
                percent_label(lang, t)
            ),
        ));
    }
    legend(root, &entries, (xs.start, ys.start - 24))?;

    let mut regions = Vec::new();
    // Rows without a bar say why; drawn last, over the target line.
    let mut notes = Vec::new();
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
        let f = match cell.figures {
            Some(f) if f.total > 0 => f,
            other => {
                let note = if other.is_none() {
                    too_few(lang)
                } else {
                    no_contacts(lang)
                };
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
            let range = format!("{:.0}–{}", lo * 100.0, percent_label(lang, hi * 100.0));
            interval = match lang {
                Lang::De => format!(", 95-%-Bereich {range}"),
                Lang::En => format!(", 95% range {range}"),
            };
        }
        root.draw_text(
            &percent_label(lang, share),
            &anchored(label_size, INK, HPos::Right, VPos::Center),
            (xs.end + share_room, y),
        )?;
        root.draw_text(
            &format!("n = {}", f.total),
            &anchored(small_size, MUTED, HPos::Left, VPos::Center),
            (xs.end + share_room + 10, y),
        )?;
        regions.push(Region::between(
            format!("{}:{}", kind.key_prefix(), cell.key),
            format!("{label}: {}{interval}", counts_label(lang, &f)),
            t0,
            t1,
        ));
    }
    if let Some(t) = target {
        chart.draw_series(DashedLineSeries::new(
            [(t, 0.0), (t, n as f64)],
            10,
            6,
            ShapeStyle::from(&TARGET).stroke_width(2),
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
