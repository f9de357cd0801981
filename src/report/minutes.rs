//! The minutes of a saved meeting, for the quality handbook: as HTML built on the weekly
//! report's page (the same charts from the figures frozen at the meeting, the measures'
//! marks, the print style), or as Markdown. Both name nobody — no member, no owner of a
//! measure — and show only what the frozen team view showed (fewer than three people:
//! "too few"). The stories discussed are read from the database when the minutes are
//! written, so a story deleted since (retention, erasure) or no longer shared is gone.

use maud::{html, Markup};

use super::html::{page, story_html};
use super::{Report, ReportError};
use crate::cycle::meeting::{NewMeasure, ReviewedMeasure};
use crate::cycle::{Effect, EffectSide, Focus, Goal, Meeting, Verdict};
use crate::domain::{Code, Contact, Lang};
use crate::store::Store;
use crate::text::{fill, format, text, Text};

/// How the minutes are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MinutesFormat {
    Html,
    Markdown,
}

/// The minutes of `meeting` in `lang`.
pub fn render_minutes(
    store: &Store,
    meeting: &Meeting,
    format: MinutesFormat,
    lang: Lang,
) -> Result<String, ReportError> {
    let minutes = Minutes::read(store, meeting, lang)?;
    match format {
        MinutesFormat::Html => minutes.html(),
        MinutesFormat::Markdown => Ok(minutes.markdown()),
    }
}

/// A meeting ready to write: its frozen review as the report reads it, and the stories
/// still stored.
struct Minutes<'m> {
    meeting: &'m Meeting,
    report: Report,
    /// Each story discussed, if it is still stored and shared (without its author).
    stories: Vec<Option<Contact>>,
}

impl<'m> Minutes<'m> {
    fn read(store: &Store, meeting: &'m Meeting, lang: Lang) -> Result<Self, ReportError> {
        let stories = meeting
            .minutes
            .stories
            .iter()
            .map(|id| {
                Ok(store.get_contact(*id)?.and_then(|mut c| {
                    c.member = None;
                    (c.note.is_some() && c.share_in_review).then_some(c)
                }))
            })
            .collect::<Result<Vec<_>, ReportError>>()?;
        Ok(Minutes {
            meeting,
            report: Report {
                review: meeting.minutes.review.clone(),
                team_name: meeting.minutes.team_name.clone(),
                lang,
            },
            stories,
        })
    }

    fn lang(&self) -> Lang {
        self.report.lang
    }

    /// "Besprechungsprotokoll · Team Nord".
    fn title(&self) -> String {
        let kind = text(Text::MinutesTitle, self.lang());
        match self.report.team_name.trim() {
            "" => kind.to_string(),
            team => format!("{kind} · {team}"),
        }
    }

    /// "Besprechung am 24.11.2026 · betrachtet: KW 47 2026 · 16.11.2026–22.11.2026".
    fn subtitle(&self) -> String {
        fill(
            Text::MinutesPeriod,
            self.lang(),
            &[
                ("held", &format::date(self.meeting.held_on, self.lang())),
                ("period", &self.report.period_title()),
            ],
        )
    }

    fn footer(&self) -> String {
        let saved = chrono::DateTime::from_timestamp(self.meeting.saved_at, 0)
            .map(|t| t.date_naive())
            .unwrap_or(self.meeting.held_on);
        fill(
            Text::MinutesFooter,
            self.lang(),
            &[("date", &format::date(saved, self.lang()))],
        )
    }

    fn html(&self) -> Result<String, ReportError> {
        let lang = self.lang();
        let m = &self.meeting.minutes;
        let figures = match self.report.named_charts() {
            Some(charts) => self.report.figures_and_charts(&charts)?,
            None => self.report.no_contacts(),
        };
        let c = &self.meeting.conclusions;
        let body = html! {
            section.goals {
                h2 { (text(Text::SectionGoals, lang)) }
                @if m.goals.is_empty() {
                    p { (text(Text::NoGoals, lang)) }
                } @else {
                    ul { @for g in &m.goals { li { (goal_line(g, lang)) } } }
                }
            }
            section.measures {
                h2 { (text(Text::SectionMeasuresReviewed, lang)) }
                @if m.reviewed.is_empty() {
                    p { (text(Text::NoMeasuresReviewed, lang)) }
                }
                @for r in &m.reviewed { (reviewed_html(r, lang)) }
            }
            @if let Some(rule) = &m.rule_of_week {
                section.rule {
                    h2 { (text(Text::SectionRuleOfWeek, lang)) }
                    blockquote { (rule.text) }
                }
            }
            (figures)
            section.stories {
                h2 { (text(Text::SectionStoriesDiscussed, lang)) }
                @if self.stories.is_empty() {
                    p { (text(Text::NoStoriesDiscussed, lang)) }
                }
                @for story in &self.stories {
                    @match story {
                        Some(contact) => (story_html(contact, lang)),
                        None => p.note { (text(Text::StoryGone, lang)) },
                    }
                }
            }
            section.conclusions.kept {
                h2 { (text(Text::SectionConclusions, lang)) }
                dl.steps {
                    @for (step, words) in steps(c) {
                        dt { (text(step, lang)) }
                        dd {
                            @if words.is_empty() { span.note { (text(Text::NothingNoted, lang)) } }
                            @else { (words) }
                        }
                    }
                }
            }
            section.new-measures {
                h2 { (text(Text::SectionNewMeasures, lang)) }
                @if m.new_measures.is_empty() {
                    p { (text(Text::NoNewMeasures, lang)) }
                } @else {
                    ul { @for n in &m.new_measures { li { (new_measure_line(n, lang)) } } }
                }
            }
        };
        Ok(page(
            lang,
            &self.title(),
            &self.subtitle(),
            body,
            &self.footer(),
        ))
    }

    fn markdown(&self) -> String {
        let lang = self.lang();
        let m = &self.meeting.minutes;
        let r = &self.report.review;
        let mut out = String::new();
        let mut line = |s: &str| {
            out.push_str(s);
            out.push('\n');
        };
        line(&format!("# {}", md(&self.title())));
        line("");
        line(&md(&self.subtitle()));
        line("");
        line(&format!("## {}", md(text(Text::SectionGoals, lang))));
        line("");
        if m.goals.is_empty() {
            line(&md(text(Text::NoGoals, lang)));
        }
        for g in &m.goals {
            line(&format!("- {}", md(&goal_line(g, lang))));
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
            line(&md(&measure_facts(rm, lang)));
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
                md(&self.report.change_sentence())
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
        if self.stories.is_empty() {
            line(&md(text(Text::NoStoriesDiscussed, lang)));
            line("");
        }
        for story in &self.stories {
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
        for (step, words) in steps(&self.meeting.conclusions) {
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
            line(&format!("- {}", md(&new_measure_line(n, lang))));
        }
        line("");
        line("---");
        line("");
        line(&md(&self.footer()));
        out
    }
}

/// The four steps and what the team noted for each.
fn steps(c: &crate::cycle::Conclusions) -> [(Text, &str); 4] {
    [
        (Text::StepGoal, c.goal.as_str()),
        (Text::StepProcedure, c.procedure.as_str()),
        (Text::StepResult, c.result.as_str()),
        (Text::StepConclusion, c.conclusion.as_str()),
    ]
}

/// "Goldanteil 55 % · seit 01.11.2026 · Ziel: Goldanteil 55 %".
fn goal_line(g: &Goal, lang: Lang) -> String {
    let mut parts = vec![
        g.text.replace('\n', " "),
        fill(
            Text::GoalSince,
            lang,
            &[("date", &format::date(g.start_on, lang))],
        ),
    ];
    if let Some(t) = &g.target {
        let value = format::share(t.value, lang);
        parts.push(match t.part {
            Some(part) => fill(
                Text::GoalTargetPart,
                lang,
                &[("value", &value), ("part", &part.label(lang))],
            ),
            None => fill(Text::GoalTargetAll, lang, &[("value", &value)]),
        });
    }
    parts.join(" · ")
}

fn why_words(why: Option<Focus>, lang: Lang) -> String {
    why.map_or_else(
        || text(Text::AllContacts, lang).to_string(),
        |w| w.describe(lang),
    )
}

/// "Worum es geht: Kanal: Telefon · ab 02.11.2026 · wieder ansehen am 30.11.2026 · Stand:
/// läuft → beibehalten". No owner: the minutes name nobody.
fn measure_facts(r: &ReviewedMeasure, lang: Lang) -> String {
    let mut parts = vec![
        fill(
            Text::MeasureAbout,
            lang,
            &[("why", &why_words(r.why, lang))],
        ),
        fill(
            Text::MeasureSince,
            lang,
            &[("date", &format::date(r.start_on, lang))],
        ),
    ];
    parts.extend(
        r.review_on
            .map(|d| fill(Text::LookAgain, lang, &[("date", &format::date(d, lang))])),
    );
    parts.push(match r.decision {
        Some(after) => fill(
            Text::MeasureDecided,
            lang,
            &[
                ("before", &r.status.label(lang)),
                ("after", &after.label(lang)),
            ],
        ),
        None => fill(
            Text::MeasureGoesOn,
            lang,
            &[("before", &r.status.label(lang))],
        ),
    });
    parts.join(" · ")
}

fn new_measure_line(n: &NewMeasure, lang: Lang) -> String {
    let mut parts = vec![
        format!("#{} {}", n.id, n.title.replace('\n', " ")),
        fill(
            Text::MeasureAbout,
            lang,
            &[("why", &why_words(n.why, lang))],
        ),
        fill(
            Text::MeasureSince,
            lang,
            &[("date", &format::date(n.start_on, lang))],
        ),
    ];
    parts.extend(
        n.review_on
            .map(|d| fill(Text::LookAgain, lang, &[("date", &format::date(d, lang))])),
    );
    parts.join(" · ")
}

fn share_text(share: Option<f64>, lang: Lang) -> String {
    share.map_or("–".into(), |s| format::share(s, lang))
}

fn range_text(lo: Option<f64>, hi: Option<f64>, lang: Lang) -> String {
    match (lo, hi) {
        (Some(lo), Some(hi)) => format::percent_range(lo, hi, lang),
        _ => "–".into(),
    }
}

/// A side's window, "so far" while it runs.
fn side_period(side: &EffectSide, lang: Lang) -> String {
    let range = format::date_range(side.from, side.to, lang);
    match side.counted_to {
        Some(c) if c < side.to => format!(
            "{range} ({})",
            fill(Text::SoFar, lang, &[("date", &format::date(c, lang))])
        ),
        _ => range,
    }
}

/// A side's contacts, share and interval; or why there is nothing to show.
fn side_cells(side: &EffectSide, lang: Lang) -> Result<[String; 3], String> {
    if side.suppressed {
        return Err(text(Text::TooFew, lang).to_string());
    }
    if side.counted_to.is_none() {
        return Err(text(Text::NotBegun, lang).to_string());
    }
    let f = &side.figures;
    Ok([
        format::count(f.total, lang),
        share_text(f.golden_share, lang),
        range_text(f.ci_low, f.ci_high, lang),
    ])
}

/// "+30 Prozentpunkte (p = 0,007): eine echte Verbesserung", or the verdict alone.
pub(crate) fn effect_sentence(e: &Effect, lang: Lang) -> String {
    let verdict = e.verdict.words(lang);
    match e.difference {
        None => verdict.to_string(),
        Some(d) => {
            let p = match (e.verdict, e.p_value) {
                (Verdict::TooFewToTell, _) | (_, None) => String::new(),
                (_, Some(p)) => format!(" ({})", format::p_value(p, lang)),
            };
            format!("{}{p}: {verdict}", format::points(d, lang))
        }
    }
}

fn effect_table_md(e: &Effect, lang: Lang) -> Vec<String> {
    let mut rows = vec![
        format!(
            "| | {} | {} | {} | {} |",
            md(text(Text::Period, lang)),
            md(text(Text::Contacts, lang)),
            md(text(Text::GoldenShare, lang)),
            md(text(Text::Range95, lang)),
        ),
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

fn reviewed_html(r: &ReviewedMeasure, lang: Lang) -> Markup {
    let e = &r.effect;
    html! {
        article.measure {
            h3 { "#" (r.id) " " (r.title) }
            p.meta { (measure_facts(r, lang)) }
            table.effect {
                thead {
                    tr {
                        td {}
                        th scope="col" { (text(Text::Period, lang)) }
                        th scope="col" class="num" { (text(Text::Contacts, lang)) }
                        th scope="col" class="num" { (text(Text::GoldenShare, lang)) }
                        th scope="col" class="num" { (text(Text::Range95, lang)) }
                    }
                }
                tbody {
                    @for (label, side) in [(Text::Before, &e.before), (Text::After, &e.after)] {
                        tr {
                            th scope="row" { (text(label, lang)) }
                            td { (side_period(side, lang)) }
                            @match side_cells(side, lang) {
                                Ok([n, share, range]) => {
                                    td.num { (n) } td.num { (share) } td.num { (range) }
                                }
                                Err(why) => td colspan="3" class="too-few" { (why) },
                            }
                        }
                    }
                }
            }
            p.note {
                (fill(
                    Text::FirstWeekLeftOut,
                    lang,
                    &[("range", &format::date_range(e.left_out_from, e.left_out_to, lang))],
                ))
            }
            p.verdict { strong { (effect_sentence(e, lang)) } }
            @if !e.concurrent.is_empty() {
                p.note { (text(Text::Concurrent, lang)) }
                ul.concurrent {
                    @for c in &e.concurrent {
                        li {
                            "#" (c.id) " " (c.title) " ("
                            (fill(Text::MeasureSince, lang, &[("date", &format::date(c.start_on, lang))]))
                            ")"
                        }
                    }
                }
            }
        }
    }
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
