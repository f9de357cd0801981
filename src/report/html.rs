//! The report's page, built with maud: every value is escaped unless marked otherwise, and
//! only our own markup is marked (the charts' SVG and the style sheet), so no story, team
//! name or label can put markup into the file.

use chrono::Datelike;
use maud::{html, Markup, PreEscaped, DOCTYPE};

use super::tables::{cell_table, nps_table, obstacle_table, place_table, tag_table};
use super::{Report, ReportCharts, ReportError};
use crate::analytics::PeriodFigures;
use crate::chart::{CellKind, Chart};
use crate::domain::{Code, Contact, Lang, Motive, Perspective, Rating};
use crate::text::{self, fill, format, text, Text};

/// The style sheet, inlined so that the file needs nothing from anywhere.
const CSS: &str = include_str!("style.css");

/// A whole self-contained HTML document: the style sheet inlined, a header with the title
/// and the period, `body`, and a footer line.
pub(super) fn page(lang: Lang, title: &str, period: &str, body: Markup, footer: &str) -> String {
    html! {
        (DOCTYPE) "\n"
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content="Murmelglas";
                title { (title) " · " (period) }
                style { (PreEscaped(CSS)) }
            }
            body {
                header {
                    h1 { (title) }
                    p.period { (period) }
                }
                (body)
                footer { (footer) }
            }
        }
    }
    .into_string()
}

impl Report {
    /// The whole report as one self-contained HTML document.
    pub fn html(&self) -> Result<String, ReportError> {
        let lang = self.lang;
        let contents = match self.named_charts() {
            Some(charts) => {
                let figures = self.figures_and_charts(&charts)?;
                let feedback = self.feedback_section()?;
                html! { (figures) (self.stories()) (feedback) (conclusions(lang)) }
            }
            None => {
                // Feedback may come in during a week without logged contacts.
                let feedback = self.feedback_section()?;
                html! { (self.no_contacts()) (feedback) }
            }
        };
        let today = format::date(crate::datetime::today(), lang);
        Ok(page(
            lang,
            &self.title(),
            &self.period_title(),
            contents,
            &fill(Text::Footer, lang, &[("date", &today)]),
        ))
    }

    /// What a period without contacts shows instead of figures.
    pub(super) fn no_contacts(&self) -> Markup {
        let notice = if self.is_week() {
            Text::NoContactsWeek
        } else {
            Text::NoContactsPeriod
        };
        html! { p.notice { (text(notice, self.lang)) } }
    }

    /// The figures and charts of a period with contacts: the key figures, the trend with
    /// the measures' marks, the tags, when and where, and the NPS spread.
    pub(super) fn figures_and_charts(
        &self,
        charts: &ReportCharts<'_>,
    ) -> Result<Markup, ReportError> {
        let lang = self.lang;
        let b = &self.review.breakdowns;
        let figure = |chart: &Chart<'_>| chart_figure(chart, lang);
        let (trend, weekly_bars, week_jars) = (
            figure(&charts.trend)?,
            figure(&charts.weekly_bars)?,
            figure(&charts.week_jars)?,
        );
        let (tags, heat) = (figure(&charts.tags)?, figure(&charts.heat)?);
        let by_channel = figure(&charts.by_channel)?;
        let by_phase = figure(&charts.by_phase)?;
        let by_purpose = figure(&charts.by_purpose)?;
        Ok(html! {
            (self.key_figures())
            section {
                h2 { (text(Text::SectionTrend, lang)) }
                (trend) (markers(&self.review.series, lang)) (weekly_bars) (week_jars)
            }
            section {
                h2 { (text(Text::SectionTags, lang)) }
                (tags)
                p.note { (text(Text::TagsNote, lang)) }
                div.pair {
                    (tag_table::<Motive>(Text::Motive, Text::Motives, &b.motives, lang))
                    (tag_table::<Perspective>(
                        Text::Perspective,
                        Text::Perspectives,
                        &b.perspectives,
                        lang,
                    ))
                }
                (obstacle_table(&b.obstacles, lang))
            }
            section {
                h2 { (text(Text::SectionWhenWhere, lang)) }
                (heat)
                div.pair {
                    (cell_table(CellKind::Weekday, &b.by_weekday, lang))
                    (cell_table(CellKind::Hour, &b.by_hour, lang))
                }
                (by_channel) (cell_table(CellKind::Channel, &b.by_channel, lang))
                (by_phase) (cell_table(CellKind::Phase, &b.by_phase, lang))
                (by_purpose) (cell_table(CellKind::Purpose, &b.by_purpose, lang))
                @if !b.by_place.is_empty() {
                    (place_table(&b.by_place, lang))
                }
                p.note { (text(Text::TooFewNote, lang)) }
            }
            (self.nps())
        })
    }

    fn key_figures(&self) -> Markup {
        let lang = self.lang;
        let r = &self.review;
        let f = &r.figures;
        let share = f
            .golden_share
            .map_or("–".into(), |s| format::share(s, lang));
        let range = match (f.ci_low, f.ci_high) {
            (Some(lo), Some(hi)) => Some(fill(
                Text::Range95Of,
                lang,
                &[("range", &format::percent_range(lo, hi, lang))],
            )),
            _ => None,
        };
        let item = |label: Text, value: &str, class: &str| {
            html! {
                div class={ "figure " (class) } {
                    dt { (text(label, lang)) }
                    dd { (value) }
                }
            }
        };
        html! {
            section {
                h2 { (text(Text::AtAGlance, lang)) }
                dl.figures {
                    (item(Text::Contacts, &format::count(f.total, lang), "total"))
                    (item(Text::Golden, &format::count(f.golden, lang), "golden"))
                    (item(Text::Ordinary, &format::count(f.ordinary, lang), "ordinary"))
                    div.figure.share {
                        dt { (text(Text::GoldenShare, lang)) }
                        dd {
                            (share)
                            @if let Some(range) = range { span.range { (range) } }
                        }
                    }
                    // No goal, no target: the jar has no quota.
                    @if let Some(target) = r.target {
                        (item(Text::Target, &format::share(target, lang), "target"))
                    }
                }
                p.change {
                    strong { (text(Text::Change, lang)) ":" }
                    " " (self.change_sentence())
                }
                p.previous { (self.previous_figures()) }
            }
        }
    }

    /// The NPS spread, or that it is too few to show; nothing when no contact has a score.
    fn nps(&self) -> Markup {
        let lang = self.lang;
        let b = &self.review.breakdowns;
        if b.nps.is_none() && !b.nps_suppressed {
            return html! {};
        }
        html! {
            section {
                h2 { (text(Text::SectionNps, lang)) }
                @match &b.nps {
                    Some(spread) => (nps_table(spread, lang)),
                    None => p."too-few" { (text(Text::TooFew, lang)) },
                }
                p.note { (text(Text::NpsHint, lang)) }
            }
        }
    }

    fn stories(&self) -> Markup {
        let lang = self.lang;
        let r = &self.review;
        let heading = if self.is_week() {
            Text::SectionStoriesWeek
        } else {
            Text::SectionStories
        };
        html! {
            section {
                h2 { (text(heading, lang)) }
                p.note { (text(Text::StoriesPrivacy, lang)) }
                @if r.stories.is_empty() {
                    p { (text(Text::NoStories, lang)) }
                } @else {
                    @if r.stories_total > r.stories.len() as u64 {
                        p {
                            (fill(
                                Text::StoriesNewest,
                                lang,
                                &[
                                    ("shown", &r.stories.len()),
                                    ("total", &format::count(r.stories_total, lang)),
                                ],
                            ))
                        }
                    }
                    @for story in &r.stories { (story_html(story, lang)) }
                }
            }
        }
    }
}

/// A chart as inline SVG, named for screen readers. The `xmlns` is dropped: HTML needs
/// none, and the file then holds no address at all.
fn chart_figure(chart: &Chart<'_>, lang: Lang) -> Result<Markup, ReportError> {
    let drawn = chart.svg(lang, chart.default_size())?;
    let svg = drawn
        .svg
        .replacen(" xmlns=\"http://www.w3.org/2000/svg\"", "", 1);
    let svg = svg.trim_start();
    let label = text(chart_label(chart), lang);
    Ok(html! {
        figure class={ "chart " (chart.file_stem()) } {
            "\n"
            // plotters starts every SVG with `<svg `: the label goes into that tag.
            @match svg.strip_prefix("<svg ") {
                Some(rest) => {
                    (PreEscaped("<svg role=\"img\" aria-label=\"")) (label) (PreEscaped("\" "))
                    (PreEscaped(rest))
                }
                None => (PreEscaped(svg)),
            }
        }
    })
}

/// What the report tells a screen reader a chart shows.
fn chart_label(chart: &Chart<'_>) -> Text {
    match chart {
        Chart::Trend { .. } => Text::TrendCaption,
        Chart::Stacked { .. } => Text::StackedCaption,
        Chart::WeekJars { .. } => Text::JarsTitle,
        Chart::Tags { .. } => Text::TagsCaption,
        Chart::Heat { .. } => Text::HeatTitle,
        Chart::Cells { kind, .. } => kind.title(),
    }
}

/// The measures whose start the trend marks, by number (names nobody).
pub(super) fn markers(series: &[PeriodFigures], lang: Lang) -> Markup {
    let marks: Vec<_> = series.iter().flat_map(|p| &p.started).collect();
    if marks.is_empty() {
        return html! {};
    }
    html! {
        div.markers {
            p.note { (text(Text::MarkersCaption, lang)) }
            ul {
                @for m in marks {
                    li {
                        (fill(
                            Text::MeasureStarts,
                            lang,
                            &[
                                ("id", &m.id),
                                ("title", &m.title),
                                ("date", &format::date(m.on, lang)),
                            ],
                        ))
                    }
                }
            }
        }
    }
}

pub(super) fn story_html(story: &Contact, lang: Lang) -> Markup {
    let when = story.occurred_at;
    let mut meta = vec![format!(
        "{} {}, {}",
        text::weekday_short(when.weekday(), lang),
        format::date(when.date_naive(), lang),
        when.format("%H:%M")
    )];
    meta.extend(story.channel.map(|c| c.label(lang).to_string()));
    meta.extend(story.phase.map(|p| p.label(lang).to_string()));
    meta.extend(story.purpose.map(|p| p.label(lang).to_string()));
    meta.extend(
        story
            .nps
            .map(|n| fill(Text::StoryNps, lang, &[("score", &n)])),
    );
    let tags: Vec<&str> = story
        .motives
        .iter()
        .map(|m| m.label(lang))
        .chain(story.perspectives.iter().map(|p| p.label(lang)))
        .chain(story.obstacles.iter().map(|o| o.label(lang)))
        .collect();
    let class = match story.rating {
        Rating::Golden => "golden",
        Rating::Ordinary => "ordinary",
    };
    html! {
        article class={ "story " (class) } {
            p.meta {
                span.rating { (story.rating.label(lang)) }
                " · " (meta.join(" · "))
            }
            @if !tags.is_empty() {
                p.tags {
                    @for (i, tag) in tags.iter().enumerate() {
                        @if i > 0 { " " }
                        span.tag { (tag) }
                    }
                }
            }
            blockquote { (story.note.as_deref().unwrap_or("").trim()) }
        }
    }
}

/// Prompts with ruled lines to write on in the meeting.
fn conclusions(lang: Lang) -> Markup {
    html! {
        section.conclusions {
            h2 { (text(Text::SectionConclusions, lang)) }
            @for prompt in [
                Text::PromptGolden,
                Text::PromptMissing,
                Text::PromptMeasure,
                Text::PromptFollowUp,
            ] {
                div.prompt {
                    h3 { (text(prompt, lang)) }
                    @for _ in 0..4 { div.line {} }
                }
            }
        }
    }
}
