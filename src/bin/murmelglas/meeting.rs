//! `meeting …`: where the weekly meeting starts, its saved minutes, and their export.

use std::io::Write;

use murmelglas::cycle::{self as cycle_core, Effect};
use murmelglas::datetime;
use murmelglas::domain::Lang;
use murmelglas::store::Store;
use murmelglas::text::format;

use crate::args::*;
use crate::cycle::{date, rules_lang, target_words, why_words};
use crate::Failure;

/// The effect in one line: "+30 percentage points (p = 0.007): a real improvement".
fn effect_line(e: &Effect) -> String {
    murmelglas::report::effect_sentence(e, Lang::En)
}

fn print_conclusions(c: &cycle_core::Conclusions, out: &mut impl Write) -> Result<(), Failure> {
    for (step, words) in [
        ("Goal", &c.goal),
        ("Procedure", &c.procedure),
        ("Result", &c.result),
        ("Conclusion", &c.conclusion),
    ] {
        let words = if words.is_empty() {
            "–".to_string()
        } else {
            words.replace('\n', " ")
        };
        writeln!(out, "  {step:<11} {words}")?;
    }
    Ok(())
}

pub(crate) fn meeting(
    store: &mut Store,
    action: MeetingAction,
    out: &mut impl Write,
) -> Result<(), Failure> {
    use cycle_core::meeting as minutes;
    match action {
        MeetingAction::Agenda { on, format, lang } => {
            let lang = rules_lang(store, lang)?;
            let agenda = cycle_core::agenda(store, on.unwrap_or_else(datetime::today), lang)?;
            match format {
                TableOrJson::Json => {
                    serde_json::to_writer_pretty(&mut *out, &agenda)?;
                    writeln!(out)?;
                }
                TableOrJson::Table => {
                    match &agenda.last {
                        Some(last) => {
                            writeln!(
                                out,
                                "Where the last meeting ended (meeting {} of {}, period {} – {}):",
                                last.id,
                                date(last.held_on),
                                date(last.from),
                                date(last.to)
                            )?;
                            print_conclusions(&last.conclusions, out)?;
                        }
                        None => writeln!(out, "No meeting has been saved yet.")?,
                    }
                    writeln!(out, "\nMeasures since then:")?;
                    if agenda.measures.is_empty() {
                        writeln!(out, "  none open")?;
                    }
                    let causes = store.list_causes(true)?;
                    for r in &agenda.measures {
                        writeln!(
                            out,
                            "  #{} {} ({}, {} since {}): {} — keep, change or end?",
                            r.measure.id,
                            r.measure.title,
                            why_words(r.measure.why.as_ref(), &causes),
                            r.measure.status,
                            date(r.measure.start_on),
                            effect_line(&r.effect)
                        )?;
                    }
                    writeln!(out, "\nGoals in force:")?;
                    if agenda.goals.is_empty() {
                        writeln!(out, "  none")?;
                    }
                    for g in &agenda.goals {
                        writeln!(
                            out,
                            "  {}{}",
                            g.text,
                            g.target
                                .as_ref()
                                .map(|t| format!(" (target {})", target_words(t, &causes)))
                                .unwrap_or_default()
                        )?;
                    }
                    if let Some(rule) = &agenda.rule_of_week {
                        writeln!(out, "\nRule of the week: {}", rule.text)?;
                    }
                }
            }
        }
        MeetingAction::Save {
            week,
            from,
            to,
            on,
            goal,
            procedure,
            result,
            conclusion,
            story,
            keep,
            change,
            end,
            lang,
        } => {
            let held_on = on.unwrap_or_else(datetime::today);
            let (from, to) = match (&week, &from, &to) {
                (None, None, None) => murmelglas::report::last_complete_week(held_on),
                _ => {
                    crate::contacts::report_period(week.as_deref(), from.as_deref(), to.as_deref())?
                }
            };
            let lang = rules_lang(store, lang)?;
            let decisions = [
                (keep, cycle_core::MeasureStatus::Kept),
                (change, cycle_core::MeasureStatus::Changed),
                (end, cycle_core::MeasureStatus::Ended),
            ]
            .into_iter()
            .flat_map(|(ids, status)| {
                ids.into_iter()
                    .map(move |measure_id| cycle_core::Decision { measure_id, status })
            })
            .collect();
            let saved = minutes::save(
                store,
                cycle_core::MeetingDraft {
                    held_on,
                    from,
                    to,
                    conclusions: cycle_core::Conclusions {
                        goal: goal.unwrap_or_default(),
                        procedure: procedure.unwrap_or_default(),
                        result: result.unwrap_or_default(),
                        conclusion: conclusion.unwrap_or_default(),
                    },
                    decisions,
                    new_measures: Vec::new(),
                    stories: story,
                },
                datetime::today(),
                lang,
            )?;
            let m = &saved.minutes;
            writeln!(
                out,
                "Saved meeting {} of {} (period {} – {}): {} contacts, {} measures reviewed, {} decided.",
                saved.id,
                date(saved.held_on),
                date(saved.from),
                date(saved.to),
                m.review.figures.total,
                m.reviewed.len(),
                m.reviewed.iter().filter(|r| r.decision.is_some()).count()
            )?;
        }
        MeetingAction::List { format } => {
            let meetings = store.list_meetings()?;
            match format {
                TableOrJson::Json => {
                    serde_json::to_writer_pretty(&mut *out, &meetings)?;
                    writeln!(out)?;
                }
                TableOrJson::Table => {
                    if meetings.is_empty() {
                        writeln!(out, "No meeting has been saved yet.")?;
                    }
                    for m in &meetings {
                        writeln!(
                            out,
                            "{:>4}  {}  period {} – {}  {}",
                            m.id,
                            date(m.held_on),
                            date(m.from),
                            date(m.to),
                            m.conclusions.conclusion.replace('\n', " ")
                        )?;
                    }
                }
            }
        }
        MeetingAction::Show { id, format } => {
            let m = store
                .get_meeting(id)?
                .ok_or(cycle_core::CycleError::UnknownMeeting(id))?;
            match format {
                TableOrJson::Json => {
                    serde_json::to_writer_pretty(&mut *out, &m)?;
                    writeln!(out)?;
                }
                TableOrJson::Table => {
                    let f = &m.minutes.review.figures;
                    writeln!(
                        out,
                        "Meeting {} of {}, period {} – {} (as saved; read-only)",
                        m.id,
                        date(m.held_on),
                        date(m.from),
                        date(m.to)
                    )?;
                    writeln!(
                        out,
                        "Contacts: {}, golden: {}{}",
                        f.total,
                        f.golden,
                        f.golden_share
                            .map(|s| format!(" ({})", format::share(s, Lang::De)))
                            .unwrap_or_default()
                    )?;
                    for r in &m.minutes.reviewed {
                        writeln!(
                            out,
                            "Measure #{} {}: {}{}",
                            r.id,
                            r.title,
                            effect_line(&r.effect),
                            r.decision
                                .map(|d| format!(" — decided: {d}"))
                                .unwrap_or_default()
                        )?;
                    }
                    writeln!(out, "Our conclusions:")?;
                    print_conclusions(&m.conclusions, out)?;
                }
            }
        }
        MeetingAction::Export {
            last,
            id,
            out: file,
            format: chosen,
            lang,
            force,
        } => {
            let id = match (last, id) {
                (_, Some(id)) => id,
                _ => store
                    .list_meetings()?
                    .first()
                    .map(|m| m.id)
                    .ok_or(cycle_core::CycleError::NoMeetings)?,
            };
            let meeting = store
                .get_meeting(id)?
                .ok_or(cycle_core::CycleError::UnknownMeeting(id))?;
            let markdown = match chosen {
                Some(MinutesFormatArg::Md) => true,
                Some(MinutesFormatArg::Html) => false,
                None => file
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "md" | "markdown")),
            };
            let lang = match lang {
                Some(l) => l.into(),
                None => store.get_settings()?.language,
            };
            let text = murmelglas::report::render_minutes(
                store,
                &meeting,
                if markdown {
                    murmelglas::report::MinutesFormat::Markdown
                } else {
                    murmelglas::report::MinutesFormat::Html
                },
                lang,
            )?;
            murmelglas::report::write_file(&file, text.as_bytes(), force)?;
            eprintln!(
                "Wrote the minutes of meeting {} ({}) to {}.",
                meeting.id,
                date(meeting.held_on),
                file.display()
            );
        }
    }
    Ok(())
}
