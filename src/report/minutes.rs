//! The minutes of a saved meeting, for the quality handbook: as HTML built on the weekly
//! report's page (here; the Markdown is in `minutes_md.rs`) (the same charts from the figures frozen at the meeting, the measures'
//! marks, the print style), or as Markdown. Both name nobody — no member, no owner of a
//! measure — and show only what the frozen team view showed (fewer than three people:
//! "too few"). The stories discussed are read from the database when the minutes are
//! written, so a story deleted since (retention, erasure) or no longer shared is gone.

use maud::{html, Markup};

use super::html::{page, story_html};
use super::{Report, ReportError};
use crate::cycle::meeting::{NewMeasure, ReviewedMeasure};
use crate::cycle::{Effect, EffectSide, Goal, Meeting, Metric, Verdict, Why};
use crate::domain::{Code, Contact, Lang};
use crate::feedback::stats::cause_label;
use crate::feedback::Cause;
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
        MinutesFormat::Markdown => Ok(super::minutes_md::markdown(&minutes)),
    }
}

/// A meeting ready to write: its frozen review as the report reads it, and the stories
/// still stored.
pub(super) struct Minutes<'m> {
    pub(super) meeting: &'m Meeting,
    pub(super) report: Report,
    /// Each story discussed, if it is still stored and shared (without its author).
    pub(super) stories: Vec<Option<Contact>>,
    /// The team's causes, for the names of those goals and measures are about.
    pub(super) causes: Vec<Cause>,
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
                // Minutes freeze the review only; open feedback is the day's business.
                feedback: None,
            },
            stories,
            causes: store.list_causes(true)?,
        })
    }

    pub(super) fn lang(&self) -> Lang {
        self.report.lang
    }

    /// "Besprechungsprotokoll · Team Nord".
    pub(super) fn title(&self) -> String {
        let kind = text(Text::MinutesTitle, self.lang());
        match self.report.team_name.trim() {
            "" => kind.to_string(),
            team => format!("{kind} · {team}"),
        }
    }

    /// "Besprechung am 24.11.2026 · betrachtet: KW 47 2026 · 16.11.2026–22.11.2026".
    pub(super) fn subtitle(&self) -> String {
        fill(
            Text::MinutesPeriod,
            self.lang(),
            &[
                ("held", &format::date(self.meeting.held_on, self.lang())),
                ("period", &self.report.period_title()),
            ],
        )
    }

    pub(super) fn footer(&self) -> String {
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
                    ul { @for g in &m.goals { li { (goal_line(g, lang, &self.causes)) } } }
                }
            }
            section.measures {
                h2 { (text(Text::SectionMeasuresReviewed, lang)) }
                @if m.reviewed.is_empty() {
                    p { (text(Text::NoMeasuresReviewed, lang)) }
                }
                @for r in &m.reviewed { (reviewed_html(r, lang, &self.causes)) }
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
                    ul { @for n in &m.new_measures { li { (new_measure_line(n, lang, &self.causes)) } } }
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
}

/// The four steps and what the team noted for each.
pub(super) fn steps(c: &crate::cycle::Conclusions) -> [(Text, &str); 4] {
    [
        (Text::StepGoal, c.goal.as_str()),
        (Text::StepProcedure, c.procedure.as_str()),
        (Text::StepResult, c.result.as_str()),
        (Text::StepConclusion, c.conclusion.as_str()),
    ]
}

/// "Goldanteil 55 % · seit 01.11.2026 · Ziel: Goldanteil 55 %", or "… · Ziel: höchstens 2
/// Beschwerden pro Woche (Ursache: Wartezeit)".
pub(super) fn goal_line(g: &Goal, lang: Lang, causes: &[Cause]) -> String {
    let mut parts = vec![
        g.text.replace('\n', " "),
        fill(
            Text::GoalSince,
            lang,
            &[("date", &format::date(g.start_on, lang))],
        ),
    ];
    if let Some(t) = &g.target {
        parts.push(target_words(t, lang, causes));
    }
    parts.join(" · ")
}

/// A goal's target in words: "Ziel: Goldanteil 60 % bei Telefon", "Ziel: höchstens 2
/// Beschwerden pro Woche (Ursache: Wartezeit)".
pub fn target_words(t: &crate::cycle::GoalTarget, lang: Lang, causes: &[Cause]) -> String {
    match (t.metric, t.part, t.cause.as_deref()) {
        (Metric::GoldenShare, Some(part), _) => fill(
            Text::GoalTargetPart,
            lang,
            &[
                ("value", &format::share(t.value, lang)),
                ("part", &part.label(lang)),
            ],
        ),
        (Metric::GoldenShare, None, _) => fill(
            Text::GoalTargetAll,
            lang,
            &[("value", &format::share(t.value, lang))],
        ),
        (Metric::ComplaintsPerWeek, _, Some(cause)) => fill(
            Text::GoalComplaintsCause,
            lang,
            &[
                ("value", &format::decimal(t.value, lang)),
                ("cause", &cause_label(causes, Some(cause), lang)),
            ],
        ),
        (Metric::ComplaintsPerWeek, _, None) => fill(
            Text::GoalComplaintsAll,
            lang,
            &[("value", &format::decimal(t.value, lang))],
        ),
    }
}

/// "Kanal: Telefon", "Ursache: Wartezeit", or "alle Kontakte".
pub fn why_words(why: Option<&Why>, lang: Lang, causes: &[Cause]) -> String {
    why.map_or_else(
        || text(Text::AllContacts, lang).to_string(),
        |w| w.describe(lang, causes),
    )
}

/// "Worum es geht: Kanal: Telefon · ab 02.11.2026 · wieder ansehen am 30.11.2026 · Stand:
/// läuft → beibehalten". No owner: the minutes name nobody.
pub(super) fn measure_facts(r: &ReviewedMeasure, lang: Lang, causes: &[Cause]) -> String {
    let mut parts = vec![
        fill(
            Text::MeasureAbout,
            lang,
            &[("why", &why_words(r.why.as_ref(), lang, causes))],
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

pub(super) fn new_measure_line(n: &NewMeasure, lang: Lang, causes: &[Cause]) -> String {
    let mut parts = vec![
        format!("#{} {}", n.id, n.title.replace('\n', " ")),
        fill(
            Text::MeasureAbout,
            lang,
            &[("why", &why_words(n.why.as_ref(), lang, causes))],
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

pub(super) fn share_text(share: Option<f64>, lang: Lang) -> String {
    share.map_or("–".into(), |s| format::share(s, lang))
}

pub(super) fn range_text(lo: Option<f64>, hi: Option<f64>, lang: Lang) -> String {
    match (lo, hi) {
        (Some(lo), Some(hi)) => format::percent_range(lo, hi, lang),
        _ => "–".into(),
    }
}

/// A side's window, "so far" while it runs.
pub(super) fn side_period(side: &EffectSide, lang: Lang) -> String {
    let range = format::date_range(side.from, side.to, lang);
    match side.counted_to {
        Some(c) if c < side.to => format!(
            "{range} ({})",
            fill(Text::SoFar, lang, &[("date", &format::date(c, lang))])
        ),
        _ => range,
    }
}

/// A side's contacts, share and interval — or for a cause its complaints, their number
/// per week and nothing — or why there is nothing to show.
pub(super) fn side_cells(side: &EffectSide, lang: Lang) -> Result<[String; 3], String> {
    if side.suppressed {
        return Err(text(Text::TooFew, lang).to_string());
    }
    if side.counted_to.is_none() {
        return Err(text(Text::NotBegun, lang).to_string());
    }
    if let Some(n) = side.complaints {
        return Ok([
            format::count(n, lang),
            side.complaints_per_week()
                .map_or("–".into(), |w| format::decimal(w, lang)),
            String::new(),
        ]);
    }
    let f = &side.figures;
    Ok([
        format::count(f.total, lang),
        share_text(f.golden_share, lang),
        range_text(f.ci_low, f.ci_high, lang),
    ])
}

/// The effect table's numeric columns: contacts, golden share and range — or for a cause
/// complaints and complaints per week.
pub(super) fn effect_columns(e: &Effect) -> [Option<Text>; 3] {
    if e.is_complaints() {
        [
            Some(Text::Complaints),
            Some(Text::ComplaintsPerWeekShort),
            None,
        ]
    } else {
        [
            Some(Text::Contacts),
            Some(Text::GoldenShare),
            Some(Text::Range95),
        ]
    }
}

/// "+30 Prozentpunkte (p = 0,007): eine echte Verbesserung", "−2,3 Beschwerden pro Woche
/// (p = 0,035): eine echte Verbesserung", or the verdict alone.
pub fn effect_sentence(e: &Effect, lang: Lang) -> String {
    let verdict = e.verdict_words(lang);
    match e.difference {
        None => verdict.to_string(),
        Some(d) => {
            let p = match (e.verdict, e.p_value) {
                (Verdict::TooFewToTell, _) | (_, None) => String::new(),
                (_, Some(p)) => format!(" ({})", format::p_value(p, lang)),
            };
            let difference = if e.is_complaints() {
                format::complaints_difference(d, lang)
            } else {
                format::points(d, lang)
            };
            format!("{difference}{p}: {verdict}")
        }
    }
}

fn reviewed_html(r: &ReviewedMeasure, lang: Lang, causes: &[Cause]) -> Markup {
    let e = &r.effect;
    html! {
        article.measure {
            h3 { "#" (r.id) " " (r.title) }
            p.meta { (measure_facts(r, lang, causes)) }
            table.effect {
                thead {
                    tr {
                        td {}
                        th scope="col" { (text(Text::Period, lang)) }
                        @for column in effect_columns(e) {
                            th scope="col" class="num" {
                                @if let Some(column) = column { (text(column, lang)) }
                            }
                        }
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
