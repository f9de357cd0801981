//! Charts: the SVG parsed back (title, labels, bars, cells, jars), the clickable regions
//! checked against what is drawn, suppressed cells that say so, and PNGs that come out
//! the same every time, drawn with the embedded font.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use murmelglas::analytics::{series, Figures, Granularity, PeriodFigures};
use murmelglas::breakdown::{Breakdowns, Cell, HeatCell, TagCell, TagCounts};
use murmelglas::chart::{CellKind, Chart, ChartError, Drawn, Region, Size};
use murmelglas::store::DayCount;
use murmelglas::{Code, Lang, Motive, Perspective};

const GOLDEN: &str = "#E69F00";
const ORDINARY: &str = "#0072B2";
const EMPTY: &str = "#F1F3F5";
const HATCH: &str = "#8A96A3";
const INK: &str = "#1F2933";
const TARGET: &str = "#CC3D00";

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).expect("date")
}

/// Weeks 45–48 of 2026; week 47 has no contacts.
fn weeks() -> Vec<PeriodFigures> {
    let days = [
        DayCount {
            day: day(2),
            total: 10,
            golden: 4,
        },
        DayCount {
            day: day(10),
            total: 8,
            golden: 6,
        },
        DayCount {
            day: day(24),
            total: 5,
            golden: 0,
        },
    ];
    series(&days, day(2), day(29), Granularity::Week)
}

fn texts(doc: &roxmltree::Document<'_>) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").trim().to_string())
        .collect()
}

fn count(doc: &roxmltree::Document<'_>, tag: &str, fill: &str) -> usize {
    doc.descendants()
        .filter(|n| n.has_tag_name(tag) && n.attribute("fill") == Some(fill))
        .count()
}

fn count_text(texts: &[String], wanted: &str) -> usize {
    texts.iter().filter(|t| *t == wanted).count()
}

fn assert_texts(texts: &[String], expected: &[&str]) {
    for e in expected {
        assert!(texts.iter().any(|t| t == e), "{e:?} in {texts:?}");
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Rect {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

impl Rect {
    fn of(r: &Region) -> Rect {
        Rect {
            x: r.x,
            y: r.y,
            w: r.width,
            h: r.height,
        }
    }

    fn centre(&self) -> (f64, f64) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    fn contains(&self, (x, y): (f64, f64)) -> bool {
        x >= self.x && x <= self.x + self.w && y >= self.y && y <= self.y + self.h
    }

    fn holds(&self, other: &Rect) -> bool {
        self.contains((other.x, other.y)) && self.contains((other.x + other.w, other.y + other.h))
    }
}

/// Filled rectangles of one colour, as drawn.
fn rects(doc: &roxmltree::Document<'_>, fill: &str) -> Vec<Rect> {
    let num = |n: &roxmltree::Node<'_, '_>, a: &str| -> f64 {
        n.attribute(a).expect("attribute").parse().expect("number")
    };
    doc.descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("fill") == Some(fill))
        .map(|n| Rect {
            x: num(&n, "x"),
            y: num(&n, "y"),
            w: num(&n, "width"),
            h: num(&n, "height"),
        })
        .collect()
}

/// The points of every line drawn in `stroke`.
fn lines(doc: &roxmltree::Document<'_>, stroke: &str) -> Vec<Vec<(f64, f64)>> {
    doc.descendants()
        .filter(|n| n.has_tag_name("polyline") && n.attribute("stroke") == Some(stroke))
        .map(|n| {
            n.attribute("points")
                .expect("points")
                .split_whitespace()
                .map(|p| {
                    let (x, y) = p.split_once(',').expect("x,y");
                    (x.parse().expect("x"), y.parse().expect("y"))
                })
                .collect()
        })
        .collect()
}

fn region<'d>(drawn: &'d Drawn, key: &str) -> &'d Region {
    drawn
        .regions
        .iter()
        .find(|r| r.key.to_string() == key)
        .unwrap_or_else(|| panic!("a region {key} in {:?}", keys(drawn)))
}

fn keys(drawn: &Drawn) -> BTreeSet<String> {
    drawn.regions.iter().map(|r| r.key.to_string()).collect()
}

/// Every region lies inside the picture, has a label and a key of its own.
fn assert_regions_sound(drawn: &Drawn) {
    for r in &drawn.regions {
        assert!(
            r.x >= 0.0
                && r.y >= 0.0
                && r.width > 0.0
                && r.height > 0.0
                && r.x + r.width <= f64::from(drawn.width)
                && r.y + r.height <= f64::from(drawn.height),
            "{r:?} inside {}×{}",
            drawn.width,
            drawn.height
        );
        assert!(!r.label.trim().is_empty(), "{r:?} has a label");
    }
    assert_eq!(keys(drawn).len(), drawn.regions.len(), "keys are unique");
}

fn svg(chart: &Chart<'_>, lang: Lang) -> Drawn {
    let drawn = chart.svg(lang, chart.default_size()).expect("chart");
    assert_regions_sound(&drawn);
    drawn
}

fn parse(drawn: &Drawn) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(&drawn.svg).expect("well-formed SVG")
}

/// A tag named on `golden` of 30 golden and `ordinary` of 40 08/15 contacts.
fn tag(key: &str, golden: u64, ordinary: u64) -> TagCell {
    TagCell {
        key: key.to_string(),
        counts: Some(TagCounts {
            golden,
            golden_share: Some(golden as f64 / 30.0),
            ordinary,
            ordinary_share: Some(ordinary as f64 / 40.0),
        }),
    }
}

fn suppressed_tag(key: &str) -> TagCell {
    TagCell {
        key: key.to_string(),
        counts: None,
    }
}

fn shown(golden: u64, total: u64) -> Option<Figures> {
    Some(Figures::new(golden, total))
}

fn cell(key: &str, figures: Option<Figures>) -> Cell {
    Cell {
        key: key.to_string(),
        figures,
        target: None,
    }
}

/// A week's review built by hand: 30 golden and 40 08/15 contacts.
///
/// Heat map: Monday 9:00 3 of 5 golden, Monday 10:00 1 of 4, Wednesday 15:00 suppressed,
/// Friday 12:00 9 of 9; nothing else. Tags: reliability and brand promise suppressed,
/// added value and megatrends named by nobody.
fn review() -> Breakdowns {
    let mut heat: Vec<HeatCell> = (0..168)
        .map(|i| HeatCell {
            weekday: (i / 24) as u8,
            hour: (i % 24) as u8,
            figures: shown(0, 0),
        })
        .collect();
    heat[9].figures = shown(3, 5);
    heat[10].figures = shown(1, 4);
    heat[2 * 24 + 15].figures = None;
    heat[4 * 24 + 12].figures = shown(9, 9);
    Breakdowns {
        from: day(16),
        to: day(22),
        figures: Figures::new(30, 70),
        by_channel: vec![
            cell("in-person", shown(0, 0)),
            cell("phone", shown(12, 40)),
            cell("email", None),
            cell("social", shown(3, 4)),
            cell("chat", shown(0, 6)),
            cell("video", shown(0, 0)),
            cell("letter", shown(0, 0)),
        ],
        by_phase: Vec::new(),
        by_purpose: Vec::new(),
        by_weekday: (0..7)
            .map(|d| cell(&d.to_string(), if d == 2 { None } else { shown(2, 5) }))
            .collect(),
        by_hour: (0..24)
            .map(|h| {
                let figures = match h {
                    9 => shown(3, 9),
                    11 => None,
                    14 => shown(5, 6),
                    _ => shown(0, 0),
                };
                cell(&h.to_string(), figures)
            })
            .collect(),
        heat,
        motives: vec![
            tag("individuality", 6, 4),
            tag("simplicity", 9, 8),
            tag("speed", 12, 10),
            tag("recognition", 3, 0),
            suppressed_tag("reliability"),
            tag("added-value", 0, 0),
        ],
        perspectives: vec![
            tag("quality-understanding", 15, 2),
            suppressed_tag("brand-promise"),
            tag("needs-motives", 7, 7),
            tag("expectations", 1, 20),
            tag("megatrends", 0, 0),
            tag("market", 2, 12),
        ],
        // Drawn by a test of their own.
        obstacles: Vec::new(),
        nps: None,
        nps_suppressed: false,
        by_place: Vec::new(),
    }
}

#[test]
fn trend_svg_has_title_labels_points_and_a_gap() {
    let series = weeks();
    let chart = Chart::Trend {
        series: &series,
        target: Some(0.5),
    };
    let drawn = svg(&chart, Lang::De);
    let doc = parse(&drawn);
    assert_texts(
        &texts(&doc),
        &[
            "Goldanteil mit 95-%-Bereich",
            "KW 45",
            "KW 48",
            "Goldanteil",
            "Ziel 50 %",
            "100 %",
        ],
    );
    // Three weeks with contacts: three points; the empty week splits the band in two.
    assert_eq!(count(&doc, "circle", "#005E4A"), 3);
    assert_eq!(count(&doc, "polygon", "#005E4A"), 2);

    let en = chart.svg(Lang::En, Size::default()).expect("chart").svg;
    assert!(
        en.contains("Golden share with 95% range")
            && en.contains("W45")
            && en.contains("Target 50%")
    );
}

#[test]
fn trend_regions_are_the_columns_of_the_points() {
    let series = weeks();
    let drawn = svg(
        &Chart::Trend {
            series: &series,
            target: Some(0.5),
        },
        Lang::De,
    );
    assert_eq!(
        keys(&drawn),
        [
            "days:2026-11-02:2026-11-08",
            "days:2026-11-09:2026-11-15",
            "days:2026-11-23:2026-11-29"
        ]
        .map(String::from)
        .into()
    );
    assert_eq!(
        region(&drawn, "days:2026-11-09:2026-11-15").label,
        "KW 46: 6 Gold, 2 08/15 (75 %)"
    );
    let doc = parse(&drawn);
    let mut points: Vec<(f64, f64)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("circle") && n.attribute("fill") == Some("#005E4A"))
        .map(|n| {
            let at = |a| {
                n.attribute(a)
                    .expect("centre")
                    .parse::<f64>()
                    .expect("number")
            };
            (at("cx"), at("cy"))
        })
        .collect();
    points.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Each point in its own period's column, the columns in period order.
    for (point, key) in points.iter().zip([
        "days:2026-11-02:2026-11-08",
        "days:2026-11-09:2026-11-15",
        "days:2026-11-23:2026-11-29",
    ]) {
        let r = Rect::of(region(&drawn, key));
        assert!(r.contains(*point), "{point:?} in {key} {r:?}");
    }
}

#[test]
fn stacked_bars_draw_one_bar_part_per_rating_and_period() {
    let series = weeks();
    let drawn = svg(&Chart::Stacked { series: &series }, Lang::De);
    let doc = parse(&drawn);
    // Golden in weeks 45 and 46 (plus its legend swatch); 08/15 in 45, 46 and 48.
    assert_eq!(count(&doc, "rect", GOLDEN), 2 + 1);
    assert_eq!(count(&doc, "rect", ORDINARY), 3 + 1);
    let texts = texts(&doc);
    assert!(
        texts.iter().any(|t| t == "Kontakte: Gold und 08/15"),
        "{texts:?}"
    );
}

#[test]
fn stacked_regions_are_the_drawn_segments() {
    let series = weeks();
    let drawn = svg(&Chart::Stacked { series: &series }, Lang::En);
    let doc = parse(&drawn);
    assert_eq!(
        keys(&drawn),
        [
            "days:2026-11-02:2026-11-08:golden",
            "days:2026-11-02:2026-11-08:ordinary",
            "days:2026-11-09:2026-11-15:golden",
            "days:2026-11-09:2026-11-15:ordinary",
            "days:2026-11-23:2026-11-29:ordinary",
        ]
        .map(String::from)
        .into()
    );
    for r in &drawn.regions {
        let fill = if r.key.to_string().ends_with(":golden") {
            GOLDEN
        } else {
            ORDINARY
        };
        assert!(
            rects(&doc, fill).contains(&Rect::of(r)),
            "{r:?} is a drawn {fill} segment"
        );
    }
    assert_eq!(
        region(&drawn, "days:2026-11-02:2026-11-08:golden").label,
        "W45: 4 golden of 10, 40%"
    );
    // Golden sits on the floor, 08/15 on top of it.
    let golden = region(&drawn, "days:2026-11-02:2026-11-08:golden");
    let ordinary = region(&drawn, "days:2026-11-02:2026-11-08:ordinary");
    assert_eq!(ordinary.y + ordinary.height, golden.y);
}

#[test]
fn user_text_in_a_label_is_escaped() {
    let mut weeks = weeks();
    weeks[0].period = "<script>&\"".into();
    for chart in [
        Chart::Stacked { series: &weeks },
        Chart::WeekJars { weeks: &weeks },
    ] {
        let drawn = chart.svg(Lang::En, Size::default()).expect("chart");
        assert!(!drawn.svg.contains("<script>"));
        let doc = roxmltree::Document::parse(&drawn.svg).expect("still well-formed");
        assert!(texts(&doc).iter().any(|t| t == "<script>&\""));
    }
}

#[test]
fn tags_diverge_golden_right_and_ordinary_left() {
    let review = review();
    let chart = Chart::Tags {
        breakdowns: &review,
    };
    let drawn = svg(&chart, Lang::De);
    let doc = parse(&drawn);
    let texts = texts(&doc);
    assert_texts(
        &texts,
        &[
            "Was Kontakte golden macht – und was fehlt",
            "Motive",
            "Perspektiven",
            "Gold: was es golden gemacht hat",
            "08/15: was gefehlt hat",
            "Anteil der Kontakte, die es nennen",
        ],
    );
    for m in Motive::ALL {
        assert_texts(&texts, &[m.label(Lang::De)]);
    }
    for p in Perspective::ALL {
        assert_texts(&texts, &[p.label(Lang::De)]);
    }
    // Speed: 12 of 30 golden (40 %), 10 of 40 08/15 (25 %).
    assert_texts(&texts, &["40 %", "25 %"]);
    // Reliability and brand promise are suppressed: words, no bars, no regions.
    assert_eq!(count_text(&texts, "zu wenige für eine Anzeige"), 2);
    // Bars for every tag named at least once on that side, plus each heading's swatch.
    assert_eq!(count(&doc, "rect", GOLDEN), 8 + 1);
    assert_eq!(count(&doc, "rect", ORDINARY), 7 + 1);

    let expected: BTreeSet<String> = [
        "motive:individuality:golden",
        "motive:individuality:ordinary",
        "motive:simplicity:golden",
        "motive:simplicity:ordinary",
        "motive:speed:golden",
        "motive:speed:ordinary",
        "motive:recognition:golden",
        "perspective:quality-understanding:golden",
        "perspective:quality-understanding:ordinary",
        "perspective:needs-motives:golden",
        "perspective:needs-motives:ordinary",
        "perspective:expectations:golden",
        "perspective:expectations:ordinary",
        "perspective:market:golden",
        "perspective:market:ordinary",
    ]
    .map(String::from)
    .into();
    assert_eq!(keys(&drawn), expected);

    // Each region is the bar it stands for; golden bars start where 08/15 bars end.
    let golden_bars = rects(&doc, GOLDEN);
    let ordinary_bars = rects(&doc, ORDINARY);
    for r in &drawn.regions {
        let bars = if r.key.to_string().ends_with(":golden") {
            &golden_bars
        } else {
            &ordinary_bars
        };
        let centre = Rect::of(r).centre();
        assert!(
            bars.iter().any(|b| *b == Rect::of(r) && b.contains(centre)),
            "{r:?} is a drawn bar"
        );
    }
    let golden = region(&drawn, "motive:speed:golden");
    let ordinary = region(&drawn, "motive:speed:ordinary");
    assert_eq!(
        ordinary.x + ordinary.width,
        golden.x,
        "both grow from one axis"
    );
    assert_eq!(golden.y, ordinary.y, "one row");
    // 40 % against 25 % of the same scale.
    assert!((golden.width / ordinary.width - 40.0 / 25.0).abs() < 0.05);
    let quality = region(&drawn, "perspective:quality-understanding:golden");
    assert!(quality.y > golden.y, "perspectives below motives");
    assert_eq!(
        golden.label,
        "Geschwindigkeit: bei 12 Goldkontakten genannt, 40 % aller Goldkontakte"
    );

    let en = chart.svg(Lang::En, chart.default_size()).expect("chart");
    let doc = parse(&en);
    let texts = self::texts(&doc);
    assert_texts(
        &texts,
        &[
            "Motives",
            "Perspectives",
            "Speed",
            "Market & competition",
            "Golden: what made it golden",
            "08/15: what was missing",
            "40%",
        ],
    );
    assert_eq!(count_text(&texts, "too few to show"), 2);
}

#[test]
fn heat_map_shows_hours_with_contacts_and_marks_suppressed_cells() {
    let review = review();
    let chart = Chart::Heat {
        breakdowns: &review,
    };
    let drawn = svg(&chart, Lang::De);
    let doc = parse(&drawn);
    let texts = texts(&doc);
    assert_texts(
        &texts,
        &[
            "Goldanteil nach Wochentag und Uhrzeit",
            "Mo",
            "Di",
            "Mi",
            "Do",
            "Fr",
            "Sa",
            "So",
            "Uhrzeit (Stunde)",
            "Goldanteil",
            "0 %",
            "100 %",
            "keine Kontakte",
            "zu wenige für eine Anzeige",
            // Monday 9:00, 10:00 and Friday 12:00 as text in their cells.
            "60 %",
            "25 %",
        ],
    );
    // Columns from the first to the last hour with contacts: 9 to 15.
    for h in 9..=15 {
        assert_texts(&texts, &[&h.to_string()]);
    }
    for h in ["8", "16"] {
        assert!(!texts.iter().any(|t| t == h), "no column {h}");
    }
    // 7 × 7 cells: 3 with a share, 1 suppressed, 45 empty; plus the legend's swatch.
    assert_eq!(count(&doc, "rect", EMPTY), 45 + 1);
    assert_eq!(
        keys(&drawn),
        ["heat:0:10", "heat:0:9", "heat:4:12"]
            .map(String::from)
            .into()
    );
    for r in &drawn.regions {
        let drawn_cell = doc.descendants().any(|n| {
            n.has_tag_name("rect")
                && n.attribute("x").and_then(|v| v.parse().ok()) == Some(r.x)
                && n.attribute("y").and_then(|v| v.parse().ok()) == Some(r.y)
                && n.attribute("width").and_then(|v| v.parse().ok()) == Some(r.width)
                && !matches!(n.attribute("fill"), Some(EMPTY | "#FFFFFF"))
        });
        assert!(drawn_cell, "{r:?} is a coloured cell");
    }
    assert_eq!(
        region(&drawn, "heat:0:9").label,
        "Mo, 9 Uhr: 3 Gold, 2 08/15 (60 %)"
    );
    // A darker colour for 100 % than for 25 %.
    let fill_of = |r: &Region| {
        doc.descendants()
            .find(|n| {
                n.has_tag_name("rect")
                    && n.attribute("x").and_then(|v| v.parse().ok()) == Some(r.x)
                    && n.attribute("y").and_then(|v| v.parse().ok()) == Some(r.y)
            })
            .and_then(|n| n.attribute("fill"))
            .map(|f| {
                let v = u32::from_str_radix(&f[1..], 16).expect("hex");
                (v >> 16) + ((v >> 8) & 0xFF) + (v & 0xFF)
            })
            .expect("a fill")
    };
    assert!(fill_of(region(&drawn, "heat:4:12")) < fill_of(region(&drawn, "heat:0:10")));

    // Wednesday 15:00 lies 6 columns right of Monday 9:00 and 2 rows below; it is
    // hatched. Monday 10:00 is not.
    let monday = Rect::of(region(&drawn, "heat:0:9"));
    let friday = Rect::of(region(&drawn, "heat:4:12"));
    let (column, row) = ((friday.x - monday.x) / 3.0, (friday.y - monday.y) / 4.0);
    let wednesday = Rect {
        x: monday.x + 6.0 * column,
        y: monday.y + 2.0 * row,
        ..monday
    };
    let hatch = lines(&doc, HATCH);
    let midpoints: Vec<(f64, f64)> = hatch
        .iter()
        .map(|l| ((l[0].0 + l[1].0) / 2.0, (l[0].1 + l[1].1) / 2.0))
        .collect();
    assert!(midpoints.iter().any(|m| wednesday.contains(*m)));
    assert!(!midpoints
        .iter()
        .any(|m| Rect::of(region(&drawn, "heat:0:10")).contains(*m)));

    let en = chart.svg(Lang::En, chart.default_size()).expect("chart");
    let doc = parse(&en);
    let texts = self::texts(&doc);
    assert_texts(
        &texts,
        &[
            "Golden share by weekday and hour",
            "Mon",
            "Sun",
            "Hour of day",
            "no contacts",
            "too few to show",
            "60%",
        ],
    );
}

#[test]
fn heat_map_without_contacts_falls_back_to_office_hours() {
    let mut review = review();
    for c in &mut review.heat {
        c.figures = shown(0, 0);
    }
    let drawn = svg(
        &Chart::Heat {
            breakdowns: &review,
        },
        Lang::De,
    );
    let doc = parse(&drawn);
    let texts = texts(&doc);
    for h in 8..=17 {
        assert_texts(&texts, &[&h.to_string()]);
    }
    assert!(!texts.iter().any(|t| t == "7" || t == "18"));
    assert!(drawn.regions.is_empty());
    assert_eq!(count(&doc, "rect", EMPTY), 7 * 10 + 1);
}

#[test]
fn week_jars_fill_with_golden_and_ordinary_and_name_the_week() {
    let series = weeks();
    let chart = Chart::WeekJars { weeks: &series };
    let drawn = svg(&chart, Lang::De);
    let doc = parse(&drawn);
    let texts = texts(&doc);
    assert_texts(
        &texts,
        &[
            "Das Murmelglas je Woche",
            "KW 45",
            "KW 46",
            "KW 47",
            "KW 48",
            "40 % (n=10)",
            "75 % (n=8)",
            "0 % (n=5)",
            "Gold",
            "08/15",
        ],
    );
    assert_eq!(count_text(&texts, "keine Kontakte"), 1);
    // Golden marbles in weeks 45 and 46, 08/15 in 45, 46 and 48; plus the legend.
    assert_eq!(count(&doc, "rect", GOLDEN), 2 + 1);
    assert_eq!(count(&doc, "rect", ORDINARY), 3 + 1);
    // A jar outline per week, empty or not.
    let outlines = lines(&doc, INK).into_iter().filter(|l| l.len() > 8).count();
    assert_eq!(outlines, 4);
    assert_eq!(
        keys(&drawn),
        [
            "days:2026-11-02:2026-11-08",
            "days:2026-11-09:2026-11-15",
            "days:2026-11-23:2026-11-29"
        ]
        .map(String::from)
        .into()
    );
    assert_eq!(
        region(&drawn, "days:2026-11-02:2026-11-08").label,
        "KW 45: 4 Gold, 6 08/15 (40 %)"
    );

    // Each jar holds its own marbles; the fuller week fills its jar higher.
    let fill = |key: &str| -> f64 {
        let jar = Rect::of(region(&drawn, key));
        rects(&doc, GOLDEN)
            .iter()
            .chain(rects(&doc, ORDINARY).iter())
            .filter(|m| jar.holds(m))
            .map(|m| m.h)
            .sum()
    };
    let (w45, w46, w48) = (
        fill("days:2026-11-02:2026-11-08"),
        fill("days:2026-11-09:2026-11-15"),
        fill("days:2026-11-23:2026-11-29"),
    );
    assert!(w45 > w46 && w46 > w48 && w48 > 0.0, "{w45} {w46} {w48}");
    assert!((w45 / w48 - 2.0).abs() < 0.1, "10 contacts against 5");
    let jar45 = Rect::of(region(&drawn, "days:2026-11-02:2026-11-08"));
    let golden45: Vec<Rect> = rects(&doc, GOLDEN)
        .into_iter()
        .filter(|m| jar45.holds(m))
        .collect();
    let ordinary45: Vec<Rect> = rects(&doc, ORDINARY)
        .into_iter()
        .filter(|m| jar45.holds(m))
        .collect();
    assert_eq!((golden45.len(), ordinary45.len()), (1, 1));
    assert!(golden45[0].y > ordinary45[0].y, "golden at the bottom");
    assert!((golden45[0].h / (golden45[0].h + ordinary45[0].h) - 0.4).abs() < 0.05);

    let en = chart.svg(Lang::En, chart.default_size()).expect("chart");
    let texts = self::texts(&parse(&en));
    assert_texts(
        &texts,
        &["W45", "W47", "no contacts", "40% (n=10)", "Golden"],
    );
}

#[test]
fn week_jars_show_the_last_weeks_that_fit() {
    let days: Vec<DayCount> = (0..20)
        .map(|w| DayCount {
            day: NaiveDate::from_ymd_opt(2026, 1, 5).expect("date") + chrono::Days::new(7 * w),
            total: 10 + w,
            golden: 5,
        })
        .collect();
    let series = series(&days, days[0].day, days[19].day, Granularity::Week);
    assert_eq!(series.len(), 20);
    let chart = Chart::WeekJars { weeks: &series };
    // 960 pixels hold seven jars with their labels: weeks 15 to 21.
    let drawn = chart
        .svg(
            Lang::De,
            Size {
                width: 960,
                height: 360,
            },
        )
        .expect("chart");
    assert_regions_sound(&drawn);
    let texts = texts(&parse(&drawn));
    assert_texts(&texts, &["KW 15", "KW 21"]);
    assert!(!texts.iter().any(|t| t == "KW 14" || t == "KW 2"));
    assert_eq!(drawn.regions.len(), 7);
    // The default size widens for up to twelve jars.
    let wide = svg(&chart, Lang::De);
    assert_eq!(wide.regions.len(), 12);
    assert!(wide.width > 960);
}

#[test]
fn channel_bars_show_share_interval_n_and_target() {
    let review = review();
    let chart = Chart::Cells {
        kind: CellKind::Channel,
        cells: &review.by_channel,
        target: Some(0.5),
    };
    let drawn = svg(&chart, Lang::De);
    let doc = parse(&drawn);
    let texts = texts(&doc);
    assert_texts(
        &texts,
        &[
            "Goldanteil nach Kanal",
            "Persönlich",
            "Telefon",
            "E-Mail",
            "Social Media",
            "Chat",
            "Video",
            "Brief",
            "Goldanteil",
            "95-%-Bereich",
            "Ziel 50 %",
            "30 %",
            "n = 40",
            "75 %",
            "n = 4",
            "n = 6",
        ],
    );
    assert_eq!(count_text(&texts, "zu wenige für eine Anzeige"), 1);
    assert_eq!(count_text(&texts, "keine Kontakte"), 3);
    // Bars for phone and social (chat has none golden), plus the legend swatch.
    assert_eq!(count(&doc, "rect", GOLDEN), 2 + 1);
    assert_eq!(
        keys(&drawn),
        ["channel:chat", "channel:phone", "channel:social"]
            .map(String::from)
            .into()
    );
    let phone = Rect::of(region(&drawn, "channel:phone"));
    // The region is the row's 0–100 % track; the bar inside it is 30 % long.
    assert!(rects(&doc, EMPTY).contains(&phone));
    let bar = rects(&doc, GOLDEN)
        .into_iter()
        .find(|b| phone.holds(b))
        .expect("phone's bar");
    assert!(phone.contains(bar.centre()));
    assert_eq!(bar.x, phone.x);
    assert!((bar.w / phone.w - 0.3).abs() < 0.01, "{bar:?} {phone:?}");
    // The whisker spans the Wilson interval of 12 of 40.
    let (lo, hi) = murmelglas::analytics::wilson_interval(12, 40).expect("n > 0");
    let at = |share: f64| phone.x + share * phone.w;
    let whisker = lines(&doc, INK).into_iter().any(|l| {
        l.len() == 2
            && (l[0].1 - l[1].1).abs() < 0.5
            && phone.contains(l[0])
            && (l[0].0 - at(lo)).abs() <= 1.0
            && (l[1].0 - at(hi)).abs() <= 1.0
    });
    assert!(whisker, "a whisker from {} to {}", at(lo), at(hi));
    // The target: dashes at 50 %, down through the rows.
    let dashes: Vec<_> = lines(&doc, TARGET)
        .into_iter()
        .filter(|d| d.iter().all(|p| (p.0 - at(0.5)).abs() <= 1.0))
        .collect();
    assert!(dashes.len() > 5);
    assert!(dashes.iter().flatten().any(|p| phone.contains(*p)));
    assert_eq!(
        region(&drawn, "channel:phone").label,
        format!(
            "Telefon: 12 Gold, 28 08/15 (30 %), 95-%-Bereich {:.0}–{:.0} %",
            lo * 100.0,
            hi * 100.0
        )
    );

    let en = chart.svg(Lang::En, chart.default_size()).expect("chart");
    let texts = self::texts(&parse(&en));
    assert_texts(
        &texts,
        &[
            "Golden share by channel",
            "Phone",
            "In person",
            "too few to show",
            "no contacts",
            "Target 50%",
            "30%",
        ],
    );
}

#[test]
fn hour_and_weekday_bars_are_labelled_as_times() {
    let review = review();
    let hours = Chart::Cells {
        kind: CellKind::Hour,
        cells: &review.by_hour,
        target: Some(0.5),
    };
    let drawn = svg(&hours, Lang::De);
    let texts = texts(&parse(&drawn));
    assert_texts(
        &texts,
        &["Goldanteil nach Uhrzeit", "9 Uhr", "11 Uhr", "14 Uhr"],
    );
    assert!(!texts.iter().any(|t| t == "8 Uhr" || t == "15 Uhr"));
    assert_eq!(count_text(&texts, "zu wenige für eine Anzeige"), 1);
    assert_eq!(keys(&drawn), ["hour:14", "hour:9"].map(String::from).into());
    // Fewer rows than 24 hours: a shorter default size.
    assert!(hours.default_size().height < 600);

    let weekdays = Chart::Cells {
        kind: CellKind::Weekday,
        cells: &review.by_weekday,
        target: Some(0.5),
    };
    let drawn = svg(&weekdays, Lang::En);
    let texts = self::texts(&parse(&drawn));
    assert_texts(&texts, &["Golden share by weekday", "Monday", "Sunday"]);
    assert_eq!(drawn.regions.len(), 6, "Wednesday is suppressed");
    assert!(!keys(&drawn).contains("weekday:2"));
    assert!(keys(&drawn).contains("weekday:0"));
}

/// Every chart of the review over the same data.
fn every_chart<'a>(series: &'a [PeriodFigures], review: &'a Breakdowns) -> Vec<Chart<'a>> {
    let mut charts = vec![
        Chart::Trend {
            series,
            target: Some(0.5),
        },
        Chart::Stacked { series },
        Chart::Tags { breakdowns: review },
        Chart::Heat { breakdowns: review },
        Chart::WeekJars { weeks: series },
    ];
    for (kind, cells) in [
        (CellKind::Channel, &review.by_channel),
        (CellKind::Phase, &review.by_phase),
        (CellKind::Purpose, &review.by_purpose),
        (CellKind::Weekday, &review.by_weekday),
        (CellKind::Hour, &review.by_hour),
    ] {
        charts.push(Chart::Cells {
            kind,
            cells,
            target: Some(0.5),
        });
    }
    charts
}

#[test]
fn every_chart_has_its_own_file_name() {
    let (series, review) = (weeks(), review());
    let stems: Vec<&str> = every_chart(&series, &review)
        .iter()
        .map(|c| c.file_stem())
        .collect();
    assert_eq!(
        stems,
        [
            "trend",
            "weekly-bars",
            "tags",
            "heat-map",
            "week-jars",
            "by-channel",
            "by-phase",
            "by-purpose",
            "by-weekday",
            "by-hour"
        ]
    );
}

#[test]
fn charts_draw_at_the_smallest_size_and_refuse_smaller() {
    let (series, review) = (weeks(), review());
    let small = Size {
        width: 240,
        height: 240,
    };
    for chart in every_chart(&series, &review) {
        let drawn = chart.svg(Lang::De, small).expect("draws small");
        roxmltree::Document::parse(&drawn.svg).expect("well-formed SVG");
        assert!(chart.png(Lang::De, small).is_ok(), "{}", chart.file_stem());
        for too_small in [
            Size {
                width: 239,
                height: 480,
            },
            Size {
                width: 960,
                height: 0,
            },
        ] {
            assert!(matches!(
                chart.svg(Lang::De, too_small),
                Err(ChartError::Size { .. })
            ));
        }
    }
}

#[test]
fn png_is_the_same_every_time_and_has_its_text() {
    let (series, review) = (weeks(), review());
    for chart in every_chart(&series, &review) {
        let size = Size {
            width: 640,
            height: 360,
        };
        let a = chart.png(Lang::De, size).expect("png");
        let b = chart.png(Lang::De, size).expect("png");
        assert_eq!(a, b, "{} is deterministic", chart.file_stem());
        let decoder = png::Decoder::new(std::io::Cursor::new(&a));
        let mut reader = decoder.read_info().expect("a PNG");
        let mut pixels = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut pixels).expect("pixels");
        assert_eq!((info.width, info.height), (640, 360));
        // The title is drawn with the embedded font: dark pixels in the top band.
        let dark_in_title = pixels[..(640 * 48 * 3)]
            .chunks(3)
            .filter(|p| p.iter().all(|&c| c < 100))
            .count();
        assert!(
            dark_in_title > 200,
            "{} title pixels: {dark_in_title}",
            chart.file_stem()
        );
    }
}

#[test]
fn trend_axis_names_days_and_months_as_people_say_them() {
    let days = [DayCount {
        day: day(17),
        total: 4,
        golden: 3,
    }];
    let week = series(&days, day(16), day(22), Granularity::Day);
    let chart = Chart::Trend {
        series: &week,
        target: Some(0.5),
    };
    let de = texts(&parse(&svg(&chart, Lang::De)));
    assert_texts(&de, &["Mo 16.11.", "Di 17.11.", "So 22.11."]);
    let en = texts(&parse(&svg(&chart, Lang::En)));
    assert_texts(&en, &["Mon 16 Nov", "Sun 22 Nov"]);

    let quarter = series(
        &days,
        NaiveDate::from_ymd_opt(2026, 10, 1).expect("date"),
        NaiveDate::from_ymd_opt(2026, 12, 31).expect("date"),
        Granularity::Month,
    );
    let chart = Chart::Trend {
        series: &quarter,
        target: Some(0.5),
    };
    assert_texts(
        &texts(&parse(&svg(&chart, Lang::De))),
        &["Okt 2026", "Nov 2026", "Dez 2026"],
    );
}

#[test]
fn a_month_of_day_labels_does_not_run_together() {
    let days = [DayCount {
        day: day(17),
        total: 4,
        golden: 3,
    }];
    let month = series(&days, day(1), day(30), Granularity::Day);
    let chart = Chart::Trend {
        series: &month,
        target: Some(0.5),
    };
    let drawn = svg(&chart, Lang::De);
    let doc = parse(&drawn);
    // The day labels along the axis, left to right, with their x positions.
    let mut labels: Vec<(f64, String)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| {
            let t = n.text()?.trim().to_string();
            let x: f64 = n.attribute("x")?.parse().ok()?;
            t.ends_with("11.").then_some((x, t))
        })
        .collect();
    labels.sort_by(|a, b| a.0.total_cmp(&b.0));
    assert!(labels.len() >= 4 && labels.len() < 30, "{labels:?}");
    // "Mo 16.11." is about 70 px wide at 16 px: centres at least that far apart.
    for pair in labels.windows(2) {
        assert!(pair[1].0 - pair[0].0 >= 70.0, "{pair:?}");
    }
}
