//! The report's tables beside its charts: figures by place, by channel, phase or purpose,
//! by motive and perspective, what got in our way, and the NPS spread. A row from fewer
//! than three people says "too few" instead of its figures.

use maud::{html, Markup};

use crate::analytics::Figures;
use crate::breakdown::{Cell, NpsSpread, PlaceCell, TagCell};
use crate::chart::CellKind;
use crate::domain::{Code, Lang, Obstacle};
use crate::text::{fill, format, text, Text};

/// The head row of a table of figures: the rows' column, then contacts, golden, 08/15,
/// golden share and its range.
fn figures_head(first: Text, lang: Lang) -> Markup {
    html! {
        thead {
            tr {
                th scope="col" { (text(first, lang)) }
                @for head in [
                    Text::Contacts,
                    Text::Golden,
                    Text::Ordinary,
                    Text::GoldenShare,
                    Text::Range95,
                ] {
                    th scope="col" class="num" { (text(head, lang)) }
                }
            }
        }
    }
}

/// The golden share by the place contacts were logged at (only where the team names
/// places), with the same rule for places from fewer than three people.
pub(super) fn place_table(places: &[PlaceCell], lang: Lang) -> Markup {
    html! {
        table class="cells by-place" {
            caption { (text(Text::ByPlace, lang)) }
            (figures_head(Text::Place, lang))
            tbody {
                @for cell in places {
                    @match &cell.figures {
                        Some(f) => tr { th scope="row" { (cell.place) } (figure_cells(f, lang)) },
                        None => tr class="too-few" {
                            th scope="row" { (cell.place) }
                            td colspan="5" { (text(Text::TooFew, lang)) }
                        },
                    }
                }
            }
        }
    }
}

/// A breakdown as a table: rows with contacts, and suppressed rows saying "too few".
pub(super) fn cell_table(kind: CellKind, cells: &[Cell], lang: Lang) -> Markup {
    let shown: Vec<&Cell> = cells
        .iter()
        .filter(|c| c.figures.is_none_or(|f| f.total > 0))
        .collect();
    html! {
        table class={ "cells " (kind_class(kind)) } {
            caption { (text(kind.title(), lang)) }
            (figures_head(cell_column(kind), lang))
            tbody {
                @for cell in &shown {
                    @let label = cell_row_label(kind, &cell.key, lang);
                    @match &cell.figures {
                        Some(f) => tr { th scope="row" { (label) } (figure_cells(f, lang)) },
                        None => tr class="too-few" {
                            th scope="row" { (label) }
                            td colspan="5" { (text(Text::TooFew, lang)) }
                        },
                    }
                }
                @if shown.is_empty() {
                    tr { td colspan="6" { (text(Text::NothingRecorded, lang)) } }
                }
            }
        }
    }
}

fn cell_column(kind: CellKind) -> Text {
    match kind {
        CellKind::Channel => Text::Channel,
        CellKind::Phase => Text::Phase,
        CellKind::Purpose => Text::Purpose,
        CellKind::Weekday => Text::Weekday,
        CellKind::Hour => Text::Hour,
    }
}

fn kind_class(kind: CellKind) -> &'static str {
    match kind {
        CellKind::Channel => "by-channel",
        CellKind::Phase => "by-phase",
        CellKind::Purpose => "by-purpose",
        CellKind::Weekday => "by-weekday",
        CellKind::Hour => "by-hour",
    }
}

/// A table row's name, as the chart names the row; an hour as the hour it spans
/// ("9–10 Uhr"), which a table has the room to say.
fn cell_row_label(kind: CellKind, key: &str, lang: Lang) -> String {
    match key.parse::<u8>() {
        Ok(h) if kind == CellKind::Hour && h < 24 => {
            fill(Text::HourRange, lang, &[("from", &h), ("to", &(h + 1))])
        }
        _ => kind.label(key, lang),
    }
}

fn figure_cells(f: &Figures, lang: Lang) -> Markup {
    let share = f
        .golden_share
        .map_or("–".into(), |s| format::share(s, lang));
    let range = match (f.ci_low, f.ci_high) {
        (Some(lo), Some(hi)) => format::percent_range(lo, hi, lang),
        _ => "–".into(),
    };
    html! {
        td.num { (format::count(f.total, lang)) }
        td.num { (format::count(f.golden, lang)) }
        td.num { (format::count(f.ordinary, lang)) }
        td.num { (share) }
        td.num { (range) }
    }
}

/// How often each motive or perspective was named on golden and on 08/15 contacts.
pub(super) fn tag_table<C: Code>(
    column: Text,
    caption: Text,
    cells: &[TagCell],
    lang: Lang,
) -> Markup {
    let named = |n: u64, share: Option<f64>| match share {
        Some(s) if n > 0 => format!("{} ({})", format::count(n, lang), format::share(s, lang)),
        _ => format::count(n, lang),
    };
    html! {
        table.tags {
            caption { (text(caption, lang)) }
            thead {
                tr {
                    th scope="col" { (text(column, lang)) }
                    th scope="col" class="num" { (text(Text::NamedOnGolden, lang)) }
                    th scope="col" class="num" { (text(Text::NamedOnOrdinary, lang)) }
                }
            }
            tbody {
                @for cell in cells {
                    @let label = C::ALL
                        .iter()
                        .find(|v| v.code() == cell.key)
                        .map_or(cell.key.as_str(), |v| v.label(lang));
                    @match &cell.counts {
                        Some(c) => tr {
                            th scope="row" { (label) }
                            td.num { (named(c.golden, c.golden_share)) }
                            td.num { (named(c.ordinary, c.ordinary_share)) }
                        },
                        None => tr class="too-few" {
                            th scope="row" { (label) }
                            td colspan="2" { (text(Text::TooFew, lang)) }
                        },
                    }
                }
            }
        }
    }
}

/// What got in our way, named on 08/15 contacts (nothing for a breakdown without them).
pub(super) fn obstacle_table(cells: &[TagCell], lang: Lang) -> Markup {
    if cells.is_empty() {
        return html! {};
    }
    html! {
        table.obstacles {
            caption { (text(Text::ObstaclesHeading, lang)) }
            thead {
                tr {
                    th scope="col" { (text(Text::Obstacle, lang)) }
                    th scope="col" class="num" { (text(Text::NamedOnOrdinary, lang)) }
                }
            }
            tbody {
                @for cell in cells {
                    @let label = Obstacle::ALL
                        .iter()
                        .find(|v| v.code() == cell.key)
                        .map_or(cell.key.as_str(), |v| v.label(lang));
                    @match &cell.counts {
                        Some(c) => tr {
                            th scope="row" { (label) }
                            td.num {
                                @match c.ordinary_share {
                                    Some(s) if c.ordinary > 0 => {
                                        (format::count(c.ordinary, lang)) " (" (format::share(s, lang)) ")"
                                    }
                                    _ => (format::count(c.ordinary, lang)),
                                }
                            }
                        },
                        None => tr class="too-few" {
                            th scope="row" { (label) }
                            td { (text(Text::TooFew, lang)) }
                        },
                    }
                }
            }
        }
        p.note { (text(Text::ObstaclesNote, lang)) }
    }
}

/// The spread of answers 0–10 beside the score: a score alone tells nobody what to do.
pub(super) fn nps_table(spread: &NpsSpread, lang: Lang) -> Markup {
    let score = format!("{:+.0}", spread.score).replace('-', "−");
    let max = spread.counts.iter().copied().max().unwrap_or(0).max(1);
    html! {
        p."nps-score" {
            (fill(
                Text::NpsScore,
                lang,
                &[("score", &score), ("answers", &format::count(spread.responses, lang))],
            ))
        }
        table.nps {
            caption { (text(Text::NpsCaption, lang)) }
            thead {
                tr {
                    td {}
                    @for (span, class, group) in [
                        ("7", "detractors", Text::Detractors),
                        ("2", "passives", Text::Passives),
                        ("2", "promoters", Text::Promoters),
                    ] {
                        th scope="colgroup" colspan=(span) class=(class) { (text(group, lang)) }
                    }
                }
                tr {
                    th scope="row" { (text(Text::Answer, lang)) }
                    @for score in 0..=10 { th scope="col" { (score) } }
                }
            }
            tbody {
                tr {
                    th scope="row" { (text(Text::Count, lang)) }
                    @for &n in &spread.counts {
                        // A bar drawn with CSS only, so it prints as it shows; the number
                        // says it in words.
                        @let height = format!("height:{:.0}%", n as f64 / max as f64 * 100.0);
                        td {
                            span.column { span.bar style=(height) {} }
                            span.n { (format::count(n, lang)) }
                        }
                    }
                }
            }
        }
    }
}
