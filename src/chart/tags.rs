//! Motives and perspectives as diverging bars: how often golden contacts name each (what
//! made them golden) to the right, 08/15 contacts (what was missing) to the left; below
//! them what got in our way, named on 08/15 contacts only, to the left.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::theme::{
    anchored, axis_labels, legend, row_text, style, text_width, titled, Key, EMPTY, GOLDEN, GRID,
    INK, KEY_GAP, MARGIN, MUTED, ORDINARY, SWATCH,
};
use super::{ChartError, Region, RegionKey};
use crate::breakdown::{Breakdowns, TagCell, TagCounts};
use crate::domain::{Code, Lang, Obstacle, Rating};
use crate::text::{fill, format, text, Text};

/// One row of the tag chart.
struct TagRow {
    label: &'static str,
    /// What its golden and its 08/15 bar stand for; an obstacle has no golden bar.
    golden_key: Option<RegionKey>,
    ordinary_key: RegionKey,
    /// How its 08/15 bar is described: what was missing, or what got in the way.
    ordinary_text: Text,
    /// `None`: suppressed.
    counts: Option<TagCounts>,
}

/// The counts of the cell for `code`; a tag missing from the breakdown was named by nobody.
fn counts_of(cells: &[TagCell], code: &str) -> Option<TagCounts> {
    cells.iter().find(|c| c.key == code).map_or(
        Some(TagCounts {
            golden: 0,
            golden_share: None,
            ordinary: 0,
            ordinary_share: None,
        }),
        |c| c.counts,
    )
}

fn tag_rows<T: Code>(
    cells: &[TagCell],
    lang: Lang,
    key: fn(T, Rating) -> RegionKey,
) -> Vec<TagRow> {
    T::ALL
        .iter()
        .map(|&v| TagRow {
            label: v.label(lang),
            golden_key: Some(key(v, Rating::Golden)),
            ordinary_key: key(v, Rating::Ordinary),
            ordinary_text: Text::TagOnOrdinary,
            counts: counts_of(cells, v.code()),
        })
        .collect()
}

/// What got in our way: 08/15 bars only.
fn obstacle_rows(cells: &[TagCell], lang: Lang) -> Vec<TagRow> {
    Obstacle::ALL
        .iter()
        .map(|&v| TagRow {
            label: v.label(lang),
            golden_key: None,
            ordinary_key: RegionKey::Obstacle(v),
            ordinary_text: Text::ObstacleOnOrdinary,
            counts: counts_of(cells, v.code()).map(|c| TagCounts {
                golden_share: None,
                ..c
            }),
        })
        .collect()
}

pub(super) fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    b: &Breakdowns,
    lang: Lang,
) -> Result<Vec<Region>, ChartError>
where
    DB::ErrorType: 'static,
{
    let mut groups = vec![
        (
            text(Text::Motives, lang),
            tag_rows(&b.motives, lang, RegionKey::Motive),
        ),
        (
            text(Text::Perspectives, lang),
            tag_rows(&b.perspectives, lang, RegionKey::Perspective),
        ),
    ];
    // A breakdown from before the obstacles were counted has none to show.
    if !b.obstacles.is_empty() {
        groups.push((
            text(Text::ObstaclesHeading, lang),
            obstacle_rows(&b.obstacles, lang),
        ));
    }
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

    let title = if b.obstacles.is_empty() {
        Text::TagsTitle
    } else {
        Text::TagsTitleWithObstacles
    };
    let body = titled(root, text(title, lang))?;
    let (label_size, small_size) = row_text((body.dim_in_pixel().1 as i32 - 104) / rows as i32);
    let mut label_width = 0;
    for row in groups.iter().flat_map(|(_, r)| r) {
        label_width = label_width.max(text_width(root, row.label, label_size)?);
    }
    // Room for a value label beside the longest bar on either side.
    let value_room = text_width(root, &format::percent(100.0, lang), small_size)? + 14;
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
        .x_label_formatter(&|v| format::percent(v.abs(), lang))
        .x_desc(text(Text::TagsAxis, lang))
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
    let golden_heading = text(Text::TagsGoldenHalf, lang);
    let ordinary_heading = text(Text::TagsOrdinaryHalf, lang);
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
                    let note = text(
                        if other.is_none() {
                            Text::TooFew
                        } else {
                            Text::NoContacts
                        },
                        lang,
                    );
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
                if golden && row.golden_key.is_none() {
                    continue;
                }
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
                let shown = format::percent(value, lang);
                root.draw_text(
                    &shown,
                    &anchored(small_size, INK, anchor, VPos::Center),
                    (x, y),
                )?;
                if count == 0 {
                    continue;
                }
                let label = fill(
                    if golden {
                        Text::TagOnGolden
                    } else {
                        row.ordinary_text
                    },
                    lang,
                    &[("tag", &row.label), ("count", &count), ("share", &shown)],
                );
                let key = match row.golden_key {
                    Some(key) if golden => key,
                    _ => row.ordinary_key,
                };
                regions.push(Region::between(key, label, a, b));
            }
        }
    }
    Ok(regions)
}
