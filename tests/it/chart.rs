//! Charts: the SVG parsed back (title, labels, points, bars) and PNGs that come out the
//! same every time, drawn with the embedded font.

use chrono::NaiveDate;
use murmelglas::analytics::{series, Granularity, PeriodFigures};
use murmelglas::chart::{self, Size};
use murmelglas::store::DayCount;
use murmelglas::Lang;

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

#[test]
fn trend_svg_has_title_labels_points_and_a_gap() {
    let svg = chart::trend_svg(&weeks(), 0.5, Lang::De, Size::default()).expect("chart");
    let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
    let texts = texts(&doc);
    for expected in [
        "Goldanteil mit 95-%-Bereich",
        "2026-W45",
        "2026-W48",
        "Goldanteil",
        "Ziel 50 %",
        "100 %",
    ] {
        assert!(
            texts.iter().any(|t| t == expected),
            "{expected} in {texts:?}"
        );
    }
    // Three weeks with contacts: three points; the empty week splits the band in two.
    assert_eq!(count(&doc, "circle", "#005E4A"), 3);
    assert_eq!(count(&doc, "polygon", "#005E4A"), 2);

    let en = chart::trend_svg(&weeks(), 0.5, Lang::En, Size::default()).expect("chart");
    assert!(en.contains("Golden share with 95 % range") && en.contains("Target 50%"));
}

#[test]
fn stacked_bars_draw_one_bar_part_per_rating_and_period() {
    let svg = chart::stacked_bars_svg(&weeks(), Lang::De, Size::default()).expect("chart");
    let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
    // Golden in weeks 45 and 46 (plus its legend swatch); 08/15 in 45, 46 and 48.
    assert_eq!(count(&doc, "rect", "#E69F00"), 2 + 1);
    assert_eq!(count(&doc, "rect", "#0072B2"), 3 + 1);
    let texts = texts(&doc);
    assert!(
        texts.iter().any(|t| t == "Kontakte: Gold und 08/15"),
        "{texts:?}"
    );
}

#[test]
fn user_text_in_a_label_is_escaped() {
    let mut weeks = weeks();
    weeks[0].period = "<script>&\"".into();
    let svg = chart::stacked_bars_svg(&weeks, Lang::En, Size::default()).expect("chart");
    assert!(!svg.contains("<script>"));
    let doc = roxmltree::Document::parse(&svg).expect("still well-formed");
    assert!(texts(&doc).iter().any(|t| t == "<script>&\""));
}

#[test]
fn png_is_the_same_every_time_and_has_its_text() {
    let size = Size {
        width: 640,
        height: 320,
    };
    let a = chart::trend_png(&weeks(), 0.5, Lang::De, size).expect("png");
    let b = chart::trend_png(&weeks(), 0.5, Lang::De, size).expect("png");
    assert_eq!(a, b, "deterministic");
    let decoder = png::Decoder::new(std::io::Cursor::new(&a));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut pixels).expect("pixels");
    assert_eq!((info.width, info.height), (640, 320));
    // The title is drawn with the embedded font: dark pixels in the top band.
    let dark_in_title = pixels[..(640 * 40 * 3)]
        .chunks(3)
        .filter(|p| p.iter().all(|&c| c < 100))
        .count();
    assert!(dark_in_title > 200, "title pixels: {dark_in_title}");
}
