//! The marble jar per week: a small jar for each of the last weeks that fit, filled with
//! golden and 08/15 marbles, the fullest week up to the shoulder.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::region::counts_label;
use super::theme::{
    anchored, legend, legend_width, titled, Key, GOLDEN, INK, LABEL_SIZE, MARGIN, MUTED, ORDINARY,
    SMALL_SIZE,
};
use super::{ChartError, Region, RegionKey, Size};
use crate::analytics::PeriodFigures;
use crate::domain::Lang;
use crate::text::{format, text, Text};

/// The most jars the week chart draws, and the room one needs with its labels.
const MAX_JARS: usize = 12;
const JAR_SLOT: u32 = 124;

/// A jar's width in a slot of `slot` pixels, leaving room between jars.
fn jar_width(slot: f64) -> f64 {
    (slot * 0.7).min(150.0)
}

/// A squat jar: a little taller than wide.
fn jar_height(width: f64) -> f64 {
    (width * 1.3).round()
}

/// Room for `weeks` jars (at most the most drawn) with their labels.
pub(super) fn default_size(weeks: usize) -> Size {
    let jars = weeks.clamp(1, MAX_JARS) as u32;
    let width = (2 * MARGIN as u32 + jars * JAR_SLOT).max(960);
    let slot = f64::from(width - 2 * MARGIN as u32) / f64::from(jars);
    Size {
        width,
        // The jar's height, plus title, legend, labels and margins.
        height: jar_height(jar_width(slot)) as u32 + 184,
    }
}

pub(super) fn draw<DB: DrawingBackend>(
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
    let body = titled(root, text(Text::JarsTitle, lang))?;
    let chart = ChartBuilder::on(&body)
        .margin_top(40)
        .margin_bottom(64)
        .build_cartesian_2d(0f64..n as f64, 0f64..1f64)?;
    let (xs, ys) = chart.plotting_area().get_pixel_range();
    let entries = [
        (Key::Fill(GOLDEN), text(Text::Golden, lang).to_string()),
        (Key::Fill(ORDINARY), text(Text::Ordinary, lang).to_string()),
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

        let name = format::period(&week.period, lang);
        root.draw_text(
            &name,
            &anchored(LABEL_SIZE, INK, HPos::Center, VPos::Top),
            (cx, bottom + 10),
        )?;
        let (line, colour) = if f.total > 0 {
            let share = format::percent(f.golden_share.unwrap_or(0.0) * 100.0, lang);
            (format!("{share} (n={})", f.total), INK)
        } else if week.suppressed {
            (text(Text::TooFewShort, lang).to_string(), MUTED)
        } else {
            (text(Text::NoContacts, lang).to_string(), MUTED)
        };
        root.draw_text(
            &line,
            &anchored(SMALL_SIZE, colour, HPos::Center, VPos::Top),
            (cx, bottom + 36),
        )?;
        if f.total > 0 {
            regions.push(Region::between(
                RegionKey::Days {
                    from: week.from,
                    to: week.to,
                    rating: None,
                },
                format!("{name}: {}", counts_label(f, lang)),
                (cx - body_half, top),
                (cx + body_half, bottom),
            ));
        }
    }
    Ok(regions)
}
