//! The report's section on suggestions and complaints: counts, times against the team's
//! deadlines, causes, open items by age, the complaints per week by cause, and the
//! summaries the team marked for the report — no other summary, since a summary may name
//! a customer, and no person at all.

use maud::{html, Markup, PreEscaped};

use super::{Report, ReportError};
use crate::chart::FeedbackChart;
use crate::domain::{Code, Lang};
use crate::feedback::list::FeedbackRow;
use crate::feedback::stats::{
    self, cause_label, days_text, FeedbackKey, FeedbackStats, StatsQuery,
};
use crate::feedback::FeedbackKind;
use crate::store::{Store, StoreError};
use crate::text::{fill, format, text, Text};

/// What the report shows of the period's feedback.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportFeedback {
    pub stats: FeedbackStats,
    /// Items that came in during the period and were marked for the team.
    pub shared: Vec<FeedbackRow>,
}

impl ReportFeedback {
    /// Reads the feedback of `query`'s period; `None` when nothing came in and nothing is
    /// open (the report then has no such section).
    pub fn build(store: &Store, query: &StatsQuery) -> Result<Option<ReportFeedback>, StoreError> {
        let today = crate::datetime::today();
        let stats = stats::stats(store, query, today)?;
        if stats.received == 0 && stats.open == 0 {
            return Ok(None);
        }
        let shared = stats::drill(store, query, &FeedbackKey::Received, today)?
            .into_iter()
            .filter(|r| r.share_summary)
            .collect();
        Ok(Some(ReportFeedback { stats, shared }))
    }

    /// The chart, when any complaint came in during the weeks it shows.
    pub fn chart(&self) -> Option<FeedbackChart<'_>> {
        self.stats
            .weeks
            .iter()
            .any(|w| w.complaints > 0)
            .then_some(FeedbackChart { stats: &self.stats })
    }
}

impl Report {
    /// The section, or nothing when the period had no feedback.
    pub(super) fn feedback_section(&self) -> Result<Markup, ReportError> {
        let Some(f) = &self.feedback else {
            return Ok(html! {});
        };
        let lang = self.lang;
        let s = &f.stats;
        let median = |m: Option<f64>| {
            m.map_or("–".to_string(), |d| {
                fill(Text::WorkingDays, lang, &[("days", &days_text(d, lang))])
            })
        };
        let item = |label: Text, value: u64, class: &str| {
            html! {
                div class={ "figure " (class) } {
                    dt { (text(label, lang)) }
                    dd { (format::count(value, lang)) }
                }
            }
        };
        let chart = match f.chart() {
            Some(chart) => chart_figure(&chart, lang)?,
            None => html! {},
        };
        let settings = &s.settings;
        Ok(html! {
            section.feedback {
                h2 { (text(Text::SectionFeedback, lang)) }
                dl.figures {
                    (item(Text::FeedbackReceived, s.received, "received"))
                    (item(Text::Complaints, s.complaints, "complaints"))
                    (item(Text::Suggestions, s.suggestions, "suggestions"))
                    (item(Text::FeedbackOpen, s.open, "open"))
                    (item(Text::FeedbackOverdue, s.overdue, "overdue"))
                }
                table.times {
                    tbody {
                        tr {
                            th scope="row" { (text(Text::MedianAnswer, lang)) }
                            td.num { (median(s.median_answer_days)) }
                            td { (fill(Text::AnsweredInTime, lang, &[("in_time", &s.answered_in_time), ("answered", &s.answered)])) }
                        }
                        tr {
                            th scope="row" { (text(Text::MedianClose, lang)) }
                            td.num { (median(s.median_close_days)) }
                            td { (fill(Text::ClosedInTime, lang, &[("in_time", &s.closed_in_time), ("closed", &s.closed)])) }
                        }
                    }
                }
                p.note {
                    (fill(
                        Text::Deadlines,
                        lang,
                        &[
                            ("answer", &settings.answer_days),
                            ("urgent", &settings.urgent_days),
                            ("close", &settings.close_days),
                        ],
                    ))
                }
                div.pair {
                    (cause_table(s, lang))
                    (age_table(s, lang))
                }
                (chart)
                @if !f.shared.is_empty() {
                    h3 { (text(Text::FeedbackShared, lang)) }
                    p.note { (text(Text::FeedbackSharedNote, lang)) }
                    ul.shared {
                        @for r in &f.shared {
                            li {
                                span.meta {
                                    "#" (r.number) " · " (r.kind.label(lang)) " · "
                                    (cause_label(&s.causes, r.cause.as_deref(), lang)) " · "
                                    (format::date(r.received_at.date_naive(), lang)) " · "
                                    (r.state.label(lang))
                                }
                                " " (r.summary)
                            }
                        }
                    }
                }
            }
        })
    }
}

fn cause_table(s: &FeedbackStats, lang: Lang) -> Markup {
    html! {
        table.causes {
            caption { (text(Text::FeedbackByCause, lang)) }
            thead {
                tr {
                    th scope="col" { (text(Text::Cause, lang)) }
                    th scope="col" class="num" { (stats::kind_plural(FeedbackKind::Complaint, lang)) }
                    th scope="col" class="num" { (stats::kind_plural(FeedbackKind::Suggestion, lang)) }
                }
            }
            tbody {
                @for c in &s.by_cause {
                    tr {
                        th scope="row" { (cause_label(&s.causes, c.cause.as_deref(), lang)) }
                        td.num { (format::count(c.complaints, lang)) }
                        td.num { (format::count(c.suggestions, lang)) }
                    }
                }
                @if s.by_cause.is_empty() {
                    tr { td colspan="3" { (text(Text::NothingRecorded, lang)) } }
                }
            }
        }
    }
}

fn age_table(s: &FeedbackStats, lang: Lang) -> Markup {
    html! {
        table.ages {
            caption { (fill(Text::OpenByAge, lang, &[("date", &format::date(s.as_of, lang))])) }
            tbody {
                @for a in &s.open_by_age {
                    tr {
                        th scope="row" { (a.bucket.label(lang)) }
                        td.num { (format::count(a.count, lang)) }
                    }
                }
            }
        }
    }
}

/// The chart as inline SVG with its title for screen readers, as the report's other
/// charts (see `html::chart_figure`).
fn chart_figure(chart: &FeedbackChart<'_>, lang: Lang) -> Result<Markup, ReportError> {
    let drawn = chart.svg(lang, chart.default_size())?;
    let svg = drawn
        .svg
        .replacen(" xmlns=\"http://www.w3.org/2000/svg\"", "", 1);
    let svg = svg.trim_start();
    let label = chart.title(lang);
    Ok(html! {
        figure class={ "chart " (chart.file_stem()) } {
            "\n"
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
