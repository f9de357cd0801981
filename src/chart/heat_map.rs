//! The heat map: the golden share per weekday and hour, for the hours that had contacts,
//! on a sequential colour scale; suppressed cells hatched.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::region::counts_label;
use super::theme::{
    anchored, hatch, legend, legend_width, style, text_width, titled, Key, EMPTY, ENTRY_GAP, INK,
    LABEL_SIZE, MARGIN, SMALL_SIZE, SWATCH,
};
use super::{ChartError, Region, RegionKey};
use crate::analytics::Figures;
use crate::breakdown::{Breakdowns, HeatCell};
use crate::domain::Lang;
use crate::text::{fill, format, text, weekday_short, Text, WEEK};

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
pub(super) fn shown_hours(with_contacts: impl Iterator<Item = u8>) -> std::ops::RangeInclusive<u8> {
    let (first, last) = with_contacts.fold((u8::MAX, 0), |(lo, hi), h| (lo.min(h), hi.max(h)));
    if first > last {
        8..=17
    } else {
        first..=last
    }
}

pub(super) fn has_contacts(figures: &Option<Figures>) -> bool {
    figures.is_none_or(|f| f.total > 0)
}

pub(super) fn draw<DB: DrawingBackend>(
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
    let body = titled(root, text(Text::HeatTitle, lang))?;
    let mut label_width = 0;
    for day in WEEK {
        label_width = label_width.max(text_width(root, weekday_short(day, lang), LABEL_SIZE)?);
    }
    let chart = ChartBuilder::on(&body)
        .margin_top(8)
        .margin_left(label_width + 16)
        .margin_bottom(64 + legend_height)
        .build_cartesian_2d(0f64..hours.len() as f64, 0f64..7f64)?;
    let (xs, ys) = chart.plotting_area().get_pixel_range();
    let column_width = xs.len() as i32 / hours.len().max(1) as i32;

    let mut regions = Vec::new();
    for (d, weekday) in WEEK.into_iter().enumerate() {
        let day_label = weekday_short(weekday, lang);
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
            let value = format::percent(share * 100.0, lang);
            let (w, h) = root.estimate_text_size(&value, &style(SMALL_SIZE, INK))?;
            if w as i32 + 6 <= b.0 - a.0 && h as i32 + 4 <= b.1 - a.1 {
                root.draw_text(
                    &value,
                    &anchored(SMALL_SIZE, text_on(colour), HPos::Center, VPos::Center),
                    ((a.0 + b.0) / 2, (a.1 + b.1) / 2),
                )?;
            }
            let when = fill(
                Text::DayAtHour,
                lang,
                &[("day", &day_label), ("hour", &format::hour(hour, lang))],
            );
            regions.push(Region::between(
                RegionKey::Heat { weekday, hour },
                format!("{when}: {}", counts_label(&f, lang)),
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
        text(Text::HeatHourAxis, lang),
        &anchored(SMALL_SIZE, INK, HPos::Center, VPos::Top),
        ((xs.start + xs.end) / 2, ys.end + 34),
    )?;

    // The scale from 0 % to 100 %, then what empty and hatched cells mean.
    let y = ys.end + 64 + legend_height / 2;
    let mut x = xs.start;
    let scale_name = text(Text::GoldenShare, lang);
    root.draw_text(
        scale_name,
        &anchored(SMALL_SIZE, INK, HPos::Left, VPos::Center),
        (x, y),
    )?;
    x += text_width(root, scale_name, SMALL_SIZE)? + 12;
    let zero = format::percent(0.0, lang);
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
    let full = format::percent(100.0, lang);
    root.draw_text(
        &full,
        &anchored(SMALL_SIZE, INK, HPos::Left, VPos::Center),
        (x, y),
    )?;
    x += text_width(root, &full, SMALL_SIZE)? + ENTRY_GAP;
    let keys = [
        (Key::Empty, text(Text::NoContacts, lang).to_string()),
        (Key::Hatch, text(Text::TooFew, lang).to_string()),
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
