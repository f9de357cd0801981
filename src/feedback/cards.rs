//! Step 1, stimulating feedback: an A4 page of four A6 feedback cards with the team's
//! name, to print and cut. One self-contained HTML file (inline CSS, nothing fetched),
//! built with maud so the team's name cannot put markup into it.
//!
//! The page is a 2 × 2 table of fixed millimetre cells with inline styles rather than a
//! grid and a style sheet: browsers and LibreOffice (which turns it into a PDF headless)
//! both lay that out as four cards on one A4 page.

use std::io::Write;
use std::path::Path;

use maud::{html, Markup, PreEscaped, DOCTYPE};

use super::FeedbackKind;
use crate::domain::{Code, Lang};
use crate::export::write_via_temp;
use crate::text::{text, Text};

/// The page: A4 without page margins in a browser. Everything else is said inline too,
/// as LibreOffice reads inline styles and attributes but few style sheet rules.
const CSS: &str = "@page { size: A4 portrait; margin: 0; } html, body { margin: 0; padding: 0; }";

const FONT: &str = "font-family: 'DejaVu Sans', 'Segoe UI', Arial, sans-serif";

/// A ruled line to write on.
fn lines(n: usize) -> Markup {
    html! {
        table width="100%" cellspacing="0" cellpadding="0" style="width: 100%; border-collapse: collapse" {
            @for _ in 0..n {
                // Empty: a cell with text gets LibreOffice's paragraph height instead.
                tr { td height="22" style="height: 8mm; border-bottom: 0.5pt solid #000000" {} }
            }
        }
    }
}

/// The card once, 105 × 148 mm (A6) with dashed cut lines: what a customer fills in.
fn card(team: &str, lang: Lang) -> Markup {
    let p = |size: &str, extra: &str| {
        format!("{FONT}; font-size: {size}; margin: 0 0 1.5mm 0; {extra}")
    };
    html! {
        td width="50%" valign="top"
            style="width: 105mm; height: 148mm; padding: 0; vertical-align: top; border: 0.5pt dashed #777777" {
            div style="padding: 7mm 8mm 0 8mm" {
                @if !team.is_empty() { p style=(p("9pt", "font-weight: bold")) { (team) } }
                p style=(p("14pt", "font-weight: bold")) { (text(Text::CardHeading, lang)) }
                p style=(p("8.5pt", "line-height: 1.3")) { (text(Text::CardIntro, lang)) }
                p style=(p("10pt", "margin-top: 2mm")) {
                    "\u{2610} " (FeedbackKind::Suggestion.label(lang))
                    "\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}"
                    "\u{2610} " (FeedbackKind::Complaint.label(lang))
                }
                p style=(p("9pt", "font-weight: bold; margin-top: 2mm")) { (text(Text::CardWhat, lang)) }
                (lines(5))
                p style=(p("9pt", "font-weight: bold; margin-top: 2mm")) { (text(Text::CardReply, lang)) }
                (lines(2))
                p style=(p("7pt", "color: #333333; margin-top: 1mm")) { (text(Text::CardPrivacy, lang)) }
                p style=(p("9pt", "font-weight: bold; margin-top: 2mm")) {
                    (text(Text::CardDate, lang)) ": ____________________"
                }
                p style=(p("8.5pt", "margin-top: 2mm")) { (text(Text::CardThanks, lang)) }
            }
        }
    }
}

/// The page of four cards for the team `team` in `lang`.
pub fn cards_html(team: &str, lang: Lang) -> String {
    let team = team.trim();
    let title = match team {
        "" => text(Text::CardsTitle, lang).to_string(),
        t => format!("{} · {t}", text(Text::CardsTitle, lang)),
    };
    let page = html! {
        (DOCTYPE) "\n"
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="generator" content="Murmelglas";
                // How to print, for whoever opens the file; not on the page, which must
                // hold the four cards and nothing else.
                meta name="description" content=(text(Text::CardsPrintHint, lang));
                title { (title) }
                style { (PreEscaped(CSS)) }
            }
            body style="margin: 0" {
                table width="100%" cellspacing="0" cellpadding="0"
                    style="width: 210mm; table-layout: fixed; border-collapse: collapse" {
                    @for _ in 0..2 {
                        tr { (card(team, lang)) (card(team, lang)) }
                    }
                }
            }
        }
    };
    page.into_string()
}

/// Writes the cards to `path` through a temporary file; an existing file is replaced only
/// with `force`.
pub fn write_cards(path: &Path, team: &str, lang: Lang, force: bool) -> std::io::Result<()> {
    if path.exists() && !force {
        return Err(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!(
                "{} already exists; choose another file name or pass --force to replace it",
                path.display()
            ),
        ));
    }
    let html = cards_html(team, lang);
    write_via_temp(
        path,
        force,
        |e| e,
        |mut file| file.write_all(html.as_bytes()),
    )
}
