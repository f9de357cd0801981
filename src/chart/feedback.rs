//! Complaints per week by cause (steps 5 and 6 of DOMAIN.md §5: do recurring causes go
//! down once the team acted?): stacked bars per week, a segment per cause — the most
//! frequent ones by name, the rest together — or one cause alone when the figures follow
//! one. Each segment is a region whose key lists its complaints (`week:2026-11-16:CODE`).
//! The team's goal for the cause the figures follow (or for all complaints) is drawn as a
//! dashed target line from the day the goal started.
//!
//! Feedback keys are not contacts' [`RegionKey`](super::RegionKey)s, so this chart has its
//! own entry point and regions beside [`Chart`](super::Chart), drawn with the same theme.

use plotters::coord::Shift;
use plotters::prelude::*;
use serde::Serialize;

use super::theme::{
    fonts, labels_that_fit, legend, period_at, style, text_width, Key, GRID, INK, LABEL_SIZE,
    MARGIN, SMALL_SIZE, TARGET, TITLE_SIZE,
};
use super::trend::target_pieces;
use super::{encode_png, ChartError, Size};
use crate::domain::Lang;
use crate::feedback::stats::{cause_label, FeedbackKey, FeedbackStats};
use crate::text::{fill, format, text, Text};

/// Causes named in the chart; the others share one segment.
const NAMED_CAUSES: usize = 6;

/// Okabe–Ito colours for the named causes, in order of frequency (safe for the common
/// colour-vision deficiencies); the rest in grey. The legend names every colour.
const CAUSE_COLOURS: [RGBColor; NAMED_CAUSES] = [
    RGBColor(0xE6, 0x9F, 0x00),
    RGBColor(0x56, 0xB4, 0xE9),
    RGBColor(0x00, 0x9E, 0x73),
    RGBColor(0xD5, 0x5E, 0x00),
    RGBColor(0x00, 0x72, 0xB2),
    RGBColor(0xCC, 0x79, 0xA7),
];
const OTHER_COLOUR: RGBColor = RGBColor(0x8A, 0x96, 0xA3);

/// A clickable segment: the complaints of one cause in one week.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FeedbackRegion {
    /// What `feedback::stats::drill` lists: `week:2026-11-16:waiting-time`,
    /// `week:2026-11-16:none` (without a cause), `week:2026-11-16` (the week's other causes
    /// and all of them, for the shared segment).
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub key: FeedbackKey,
    /// Accessible text: "KW 47, Wartezeit: 3".
    pub label: String,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// The chart as SVG with its regions.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FeedbackDrawn {
    pub svg: String,
    pub width: u32,
    pub height: u32,
    pub regions: Vec<FeedbackRegion>,
}

/// Complaints per week by cause, from a period's figures.
#[derive(Debug, Clone, Copy)]
pub struct FeedbackChart<'a> {
    pub stats: &'a FeedbackStats,
}

/// One stacked segment's cause: a named one (`Some(cause)`, where the cause may be
/// "none") or the shared rest.
type Segment = Option<Option<String>>;

impl FeedbackChart<'_> {
    /// The file name without extension, for exports.
    pub fn file_stem(&self) -> &'static str {
        "complaints-by-cause"
    }

    pub fn default_size(&self) -> Size {
        Size {
            width: 960,
            height: 480,
        }
    }

    /// The chart's title: all causes, or the one the figures follow.
    pub fn title(&self, lang: Lang) -> String {
        match &self.stats.trend_cause {
            None => text(Text::ComplaintsPerWeek, lang).to_string(),
            Some(c) => fill(
                Text::ComplaintsPerWeekFor,
                lang,
                &[("cause", &cause_label(&self.stats.causes, Some(c), lang))],
            ),
        }
    }

    pub fn svg(&self, lang: Lang, size: Size) -> Result<FeedbackDrawn, ChartError> {
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
        Ok(FeedbackDrawn {
            svg,
            width: size.width,
            height: size.height,
            regions,
        })
    }

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

    /// The named causes, most frequent over the weeks shown first.
    fn named(&self) -> Vec<Option<String>> {
        let mut totals: Vec<(Option<String>, u64)> = Vec::new();
        for week in &self.stats.weeks {
            for c in &week.by_cause {
                match totals.iter_mut().find(|(cause, _)| *cause == c.cause) {
                    Some(slot) => slot.1 += c.count,
                    None => totals.push((c.cause.clone(), c.count)),
                }
            }
        }
        totals.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let rest = totals.len() > NAMED_CAUSES;
        let keep = if rest { NAMED_CAUSES - 1 } else { NAMED_CAUSES };
        totals.into_iter().take(keep).map(|(c, _)| c).collect()
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        lang: Lang,
    ) -> Result<Vec<FeedbackRegion>, ChartError>
    where
        DB::ErrorType: 'static,
    {
        root.fill(&WHITE)?;
        let weeks = &self.stats.weeks;
        let named = self.named();
        let mut segments: Vec<Segment> = named.iter().cloned().map(Some).collect();
        let has_rest = weeks
            .iter()
            .any(|w| w.by_cause.iter().any(|c| !named.contains(&c.cause)));
        if has_rest {
            segments.push(None);
        }
        let colours: Vec<RGBColor> = segments
            .iter()
            .enumerate()
            .map(|(i, s)| match s {
                Some(_) => CAUSE_COLOURS.get(i).copied().unwrap_or(OTHER_COLOUR),
                None => OTHER_COLOUR,
            })
            .collect();
        let segment_label = |s: &Segment| match s {
            Some(cause) => cause_label(&self.stats.causes, cause.as_deref(), lang),
            None => text(Text::OtherCauses, lang).to_string(),
        };
        let labels: Vec<String> = segments.iter().map(segment_label).collect();
        let targets = target_pieces(weeks.iter().map(|w| (w.from, w.to, w.target)));
        // One legend entry, naming the target in force at the end.
        let target_label = targets.last().map(|&(_, _, value)| {
            fill(
                Text::ComplaintsTargetAt,
                lang,
                &[("value", &format::decimal(value, lang))],
            )
        });
        let mut legend_width = 0;
        for label in labels.iter().chain(&target_label) {
            legend_width = legend_width.max(text_width(root, label, SMALL_SIZE)?);
        }
        let n = weeks.len().max(1);
        let most = weeks.iter().map(|w| w.complaints).max().unwrap_or(0) as f64;
        let highest_target = targets.iter().map(|t| t.2).fold(0.0, f64::max);
        let top = most.max(highest_target).max(1.0) * 1.15;
        let title = self.title(lang);
        let mut chart = ChartBuilder::on(root)
            .caption(&title, style(TITLE_SIZE, INK))
            .margin(MARGIN)
            .margin_right(MARGIN + legend_width + 44)
            .x_label_area_size(44)
            .y_label_area_size(64)
            .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), 0f64..top)?;
        let week_labels: Vec<String> = weeks
            .iter()
            .map(|w| format::period(&w.week, lang))
            .collect();
        let fit = labels_that_fit(root, &week_labels, chart.plotting_area().dim_in_pixel().0)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(WHITE)
            .bold_line_style(GRID)
            .axis_style(INK)
            .x_labels(fit)
            .x_label_formatter(&|x| period_at(&week_labels, *x))
            .y_labels(((top as usize) + 1).min(10))
            .y_label_formatter(&|v| {
                if v.fract() == 0.0 {
                    format!("{v:.0}")
                } else {
                    String::new()
                }
            })
            .y_desc(text(Text::Complaints, lang))
            .label_style(style(SMALL_SIZE, INK))
            .axis_desc_style(style(LABEL_SIZE, INK))
            .draw()?;

        let half = 0.35;
        let mut regions = Vec::new();
        for (x, week) in weeks.iter().enumerate() {
            let mut base = 0u64;
            for (i, segment) in segments.iter().enumerate() {
                let count: u64 = week
                    .by_cause
                    .iter()
                    .filter(|c| match segment {
                        Some(cause) => c.cause == *cause,
                        None => !named.contains(&c.cause),
                    })
                    .map(|c| c.count)
                    .sum();
                if count == 0 {
                    continue;
                }
                let (x, from, to) = (x as f64, base as f64, (base + count) as f64);
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(x - half, from), (x + half, to)],
                    colours[i].filled(),
                )))?;
                // A thin white seam keeps neighbouring segments apart on a projector.
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(x - half, from), (x + half, to)],
                    ShapeStyle::from(&WHITE).stroke_width(1),
                )))?;
                let (a, b) = (
                    chart.backend_coord(&(x - half, from)),
                    chart.backend_coord(&(x + half, to)),
                );
                regions.push(FeedbackRegion {
                    key: FeedbackKey::Week {
                        from: week.from,
                        cause: segment.clone(),
                    },
                    label: fill(
                        Text::CauseInWeek,
                        lang,
                        &[
                            ("week", &week_labels[x as usize]),
                            ("cause", &labels[i]),
                            ("count", &count),
                        ],
                    ),
                    x: f64::from(a.0.min(b.0)),
                    y: f64::from(a.1.min(b.1)),
                    width: f64::from((a.0 - b.0).abs()),
                    height: f64::from((a.1 - b.1).abs()),
                });
                base += count;
            }
        }
        // The target over the bars, so a week above it is plain to see.
        let target_style = ShapeStyle::from(&TARGET).stroke_width(2);
        for &(x0, x1, value) in &targets {
            chart.draw_series(DashedLineSeries::new(
                [(x0, value), (x1, value)],
                10,
                6,
                target_style,
            ))?;
        }
        // The legend at the right, one cause a line, most frequent on top; the target last.
        let (_, ys) = chart.plotting_area().get_pixel_range();
        let x = root.dim_in_pixel().0 as i32 - MARGIN - legend_width - 30;
        for (i, label) in labels.iter().enumerate() {
            legend(
                root,
                &[(Key::Fill(colours[i]), label.clone())],
                (x, ys.start + 12 + 28 * i as i32),
            )?;
        }
        if let Some(label) = target_label {
            legend(
                root,
                &[(Key::Line(TARGET), label)],
                (x, ys.start + 12 + 28 * labels.len() as i32),
            )?;
        }
        Ok(regions)
    }
}
