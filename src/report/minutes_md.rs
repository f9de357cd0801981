//! The minutes of a saved meeting as Markdown: the same content as the HTML minutes, the
//! frozen figures as tables, and every character that would become markup escaped.

use super::minutes::effect_sentence;
use super::minutes::{
    effect_columns, goal_line, measure_facts, new_measure_line, range_text, share_text, side_cells,
    side_period, steps, Minutes,
};
use crate::cycle::Effect;
use crate::domain::{Code, Lang};
use crate::text::{fill, format, text, Text};

/// The minutes as one Markdown document.
pub(super) fn markdown(minutes: &Minutes<'_>) -> String {
    let lang = minutes.lang();
    let m = &minutes.meeting.minutes;
    let r = &minutes.report.review;
    let mut out = String::new();
    let mut line = |s: &str| {
        out.push_str(s);
        out.push('\n');
    };
    line(&format!("# {}", md(&minutes.title())));
    line("");
    line(&md(&minutes.subtitle()));
    line("");
    line(&format!("## {}", md(text(Text::SectionGoals, lang))));
    line("");
    if m.goals.is_empty() {
        line(&md(text(Text::NoGoals, lang)));
    }
    for g in &m.goals {
        line(&format!("- {}", md(&goal_line(g, lang, &minutes.causes))));
    }
    line("");
    line(&format!(
        "## {}",
        md(text(Text::SectionMeasuresReviewed, lang))
    ));
    line("");
    if m.reviewed.is_empty() {
        line(&md(text(Text::NoMeasuresReviewed, lang)));
        line("");
    }
    for rm in &m.reviewed {
        line(&format!("### #{} {}", rm.id, md(&rm.title)));
        line("");
        line(&md(&measure_facts(rm, lang, &minutes.causes)));
        line("");
        for row in effect_table_md(&rm.effect, lang) {
            line(&row);
        }
        line("");
        line(&md(&fill(
            Text::FirstWeekLeftOut,
            lang,
            &[(
                "range",
                &format::date_range(rm.effect.left_out_from, rm.effect.left_out_to, lang),
            )],
        )));
        line("");
        line(&format!("**{}**", md(&effect_sentence(&rm.effect, lang))));
        if !rm.effect.concurrent.is_empty() {
            line("");
            line(&md(text(Text::Concurrent, lang)));
            line("");
            for c in &rm.effect.concurrent {
                line(&format!(
                    "- #{} {} ({})",
                    c.id,
                    md(&c.title),
                    md(&fill(
                        Text::MeasureSince,
                        lang,
                        &[("date", &format::date(c.start_on, lang))]
                    ))
                ));
            }
        }
        line("");
    }
    if let Some(rule) = &m.rule_of_week {
        line(&format!("## {}", md(text(Text::SectionRuleOfWeek, lang))));
        line("");
        line(&format!("> {}", md(&rule.text)));
        line("");
    }
    line(&format!("## {}", md(text(Text::AtAGlance, lang))));
    line("");
    if r.figures.total == 0 {
        line(&md(text(Text::NoContactsPeriod, lang)));
    } else {
        let f = &r.figures;
        line(&format!(
            "| {} | {} | {} | {} | {} |",
            md(text(Text::Contacts, lang)),
            md(text(Text::Golden, lang)),
            md(text(Text::Ordinary, lang)),
            md(text(Text::GoldenShare, lang)),
            md(text(Text::Range95, lang)),
        ));
        line("|---:|---:|---:|---:|---:|");
        line(&format!(
            "| {} | {} | {} | {} | {} |",
            format::count(f.total, lang),
            format::count(f.golden, lang),
            format::count(f.ordinary, lang),
            md(&share_text(f.golden_share, lang)),
            md(&range_text(f.ci_low, f.ci_high, lang)),
        ));
        line("");
        if let Some(t) = r.target {
            line(&md(&fill(
                Text::TargetAt,
                lang,
                &[("value", &format::share(t, lang))],
            )));
            line("");
        }
        line(&format!(
            "**{}:** {}",
            md(text(Text::Change, lang)),
            md(&minutes.report.change_sentence())
        ));
        line("");
        line(&format!("## {}", md(text(Text::SectionTrend, lang))));
        line("");
        line(&format!(
            "| {} | {} | {} | {} |",
            md(text(Text::Period, lang)),
            md(text(Text::Contacts, lang)),
            md(text(Text::GoldenShare, lang)),
            md(text(Text::Range95, lang)),
        ));
        line("|---|---:|---:|---:|");
        for p in &r.series {
            let (contacts, share, range) = if p.suppressed {
                (
                    text(Text::TooFew, lang).to_string(),
                    String::new(),
                    String::new(),
                )
            } else {
                (
                    format::count(p.figures.total, lang),
                    share_text(p.figures.golden_share, lang),
                    range_text(p.figures.ci_low, p.figures.ci_high, lang),
                )
            };
            line(&format!(
                "| {} | {} | {} | {} |",
                md(&format::period(&p.period, lang)),
                md(&contacts),
                md(&share),
                md(&range)
            ));
        }
        let marks: Vec<_> = r.series.iter().flat_map(|p| &p.started).collect();
        if !marks.is_empty() {
            line("");
            line(&md(text(Text::MarkersCaption, lang)));
            line("");
            for mk in marks {
                line(&format!(
                    "- {}",
                    md(&fill(
                        Text::MeasureStarts,
                        lang,
                        &[
                            ("id", &mk.id),
                            ("title", &mk.title),
                            ("date", &format::date(mk.on, lang)),
                        ],
                    ))
                ));
            }
        }
    }
    line("");
    line(&format!(
        "## {}",
        md(text(Text::SectionStoriesDiscussed, lang))
    ));
    line("");
    if minutes.stories.is_empty() {
        line(&md(text(Text::NoStoriesDiscussed, lang)));
        line("");
    }
    for story in &minutes.stories {
        match story {
            Some(c) => {
                line(&format!(
                    "**{}** · {}",
                    md(c.rating.label(lang)),
                    md(&format::date(c.occurred_at.date_naive(), lang))
                ));
                line("");
                for l in c.note.as_deref().unwrap_or_default().trim().lines() {
                    line(&format!("> {}", md(l)));
                }
            }
            None => line(&format!("*{}*", md(text(Text::StoryGone, lang)))),
        }
        line("");
    }
    line(&format!("## {}", md(text(Text::SectionConclusions, lang))));
    line("");
    for (step, words) in steps(&minutes.meeting.conclusions) {
        let words = if words.is_empty() {
            format!("*{}*", md(text(Text::NothingNoted, lang)))
        } else {
            words.lines().map(md).collect::<Vec<_>>().join("  \n")
        };
        line(&format!("**{}:** {words}", md(text(step, lang))));
        line("");
    }
    line(&format!("## {}", md(text(Text::SectionNewMeasures, lang))));
    line("");
    if m.new_measures.is_empty() {
        line(&md(text(Text::NoNewMeasures, lang)));
    }
    for n in &m.new_measures {
        line(&format!(
            "- {}",
            md(&new_measure_line(n, lang, &minutes.causes))
        ));
    }
    line("");
    line("---");
    line("");
    line(&md(&minutes.footer()));
    out
}

fn effect_table_md(e: &Effect, lang: Lang) -> Vec<String> {
    let [a, b, c] = effect_columns(e).map(|t| t.map_or(String::new(), |t| md(text(t, lang))));
    let mut rows = vec![
        format!("| | {} | {a} | {b} | {c} |", md(text(Text::Period, lang))),
        "|---|---|---:|---:|---:|".to_string(),
    ];
    for (label, side) in [(Text::Before, &e.before), (Text::After, &e.after)] {
        let cells = match side_cells(side, lang) {
            Ok([n, share, range]) => format!("{} | {} | {}", md(&n), md(&share), md(&range)),
            Err(why) => format!("{} | | ", md(&why)),
        };
        rows.push(format!(
            "| {} | {} | {cells} |",
            md(text(label, lang)),
            md(&side_period(side, lang))
        ));
    }
    rows
}

/// Text as Markdown shows it and nothing more: the characters that would make emphasis,
/// code, links, tables, headings or HTML (and an entity) are escaped anywhere, and those
/// that would start a list or a quote at the start of a line; a line break becomes a space.
/// So no story, title or team name becomes markup in the file.
fn md(text: &str) -> String {
    const ALWAYS: &[char] = &[
        '\\', '`', '*', '_', '[', ']', '<', '>', '&', '|', '~', '!', '#',
    ];
    let mut out = String::with_capacity(text.len() + 8);
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    for (i, c) in text.chars().enumerate() {
        let starts_block = i == 0 && matches!(c, '-' | '+' | '=')
            || i == digits && digits > 0 && matches!(c, '.' | ')');
        if ALWAYS.contains(&c) || starts_block {
            out.push('\\');
        }
        match c {
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escapes_what_would_become_markup() {
        assert_eq!(md("<b>a</b> & *b*"), "\\<b\\>a\\</b\\> \\& \\*b\\*");
        assert_eq!(
            md("# Titel [x](y) `c` | d"),
            "\\# Titel \\[x\\](y) \\`c\\` \\| d"
        );
        assert_eq!(md("- keine Liste"), "\\- keine Liste");
        assert_eq!(md("12. keine Liste"), "12\\. keine Liste");
        assert_eq!(
            md("Goldanteil 30 % (p = 0,06): 24.11."),
            "Goldanteil 30 % (p = 0,06): 24.11."
        );
        assert_eq!(md("a\nb"), "a b");
    }
}
