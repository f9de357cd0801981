//! `goal …`, `measure …`, `rule …` and `meeting …`: the improvement cycle of the weekly
//! meeting on the command line.

use std::io::Write;

use murmelglas::cycle::{
    self as cycle_core, Effect, EffectSide, Focus, Goal, GoalDraft, GoalTarget, Measure,
    MeasureDraft, Metric,
};
use murmelglas::datetime;
use murmelglas::domain::Lang;
use murmelglas::store::Store;
use murmelglas::text::format;

use crate::args::*;
use crate::Failure;

/// "–" for nothing, as the tables write it.
fn or_dash(value: Option<String>) -> String {
    value.unwrap_or_else(|| "–".into())
}

fn date(d: chrono::NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// "60 % golden (channel: Phone)", or "60 % golden" for all contacts.
fn target_words(target: &GoalTarget) -> String {
    let share = format!("{:.0} % golden", target.value * 100.0);
    match target.part {
        Some(part) => format!("{share} ({})", part.describe(Lang::En)),
        None => share,
    }
}

impl GoalPart {
    fn focus(&self) -> Option<Focus> {
        self.channel
            .map(Focus::Channel)
            .or(self.phase.map(Focus::Phase))
            .or(self.purpose.map(Focus::Purpose))
            .or(self.motive.map(Focus::Motive))
    }
}

pub(crate) fn goal(
    store: &mut Store,
    action: GoalAction,
    out: &mut impl Write,
) -> Result<(), Failure> {
    match action {
        GoalAction::Add {
            text,
            target,
            part,
            from,
        } => {
            let target = match (target, part.focus()) {
                (Some(value), part) => Some(GoalTarget {
                    metric: Metric::GoldenShare,
                    part,
                    value,
                }),
                (None, None) => None,
                (None, Some(_)) => {
                    return Err(murmelglas::cycle::CycleError::PartWithoutTarget.into())
                }
            };
            let goal = store.insert_goal(GoalDraft {
                text,
                start_on: from.unwrap_or_else(datetime::today),
                target,
            })?;
            writeln!(
                out,
                "Added goal {} from {}{}: {}",
                goal.id,
                date(goal.start_on),
                goal.target
                    .map(|t| format!(", target {}", target_words(&t)))
                    .unwrap_or_default(),
                goal.text
            )?;
        }
        GoalAction::List { format } => {
            let goals = store.list_goals()?;
            match format {
                TableOrJson::Json => {
                    serde_json::to_writer_pretty(&mut *out, &goals)?;
                    writeln!(out)?;
                }
                TableOrJson::Table => print_goals(&goals, out)?,
            }
        }
        GoalAction::End { id, on } => {
            let goal = store.end_goal(id, on.unwrap_or_else(datetime::today))?;
            writeln!(
                out,
                "Ended goal {} on {}: {}",
                goal.id,
                date(goal.ended_on.unwrap_or(goal.start_on)),
                goal.text
            )?;
        }
    }
    Ok(())
}

fn print_goals(goals: &[Goal], out: &mut impl Write) -> Result<(), Failure> {
    if goals.is_empty() {
        writeln!(
            out,
            "No goals yet, so no target line is drawn. Add one with `murmelglas goal add TEXT [--target 60]`."
        )?;
        return Ok(());
    }
    writeln!(
        out,
        "{:>4}  {:<10}  {:<10}  {:<36}  goal",
        "id", "from", "ended", "target"
    )?;
    for g in goals {
        writeln!(
            out,
            "{:>4}  {:<10}  {:<10}  {:<36}  {}",
            g.id,
            date(g.start_on),
            or_dash(g.ended_on.map(date)),
            or_dash(g.target.as_ref().map(target_words)),
            g.text.replace('\n', " ")
        )?;
    }
    Ok(())
}

pub(crate) fn measure(
    store: &mut Store,
    action: MeasureAction,
    out: &mut impl Write,
) -> Result<(), Failure> {
    match action {
        MeasureAction::Add {
            title,
            why,
            owner,
            start,
            review_on,
            status,
        } => {
            let m = store.insert_measure(
                MeasureDraft {
                    title,
                    why: why.0,
                    owner,
                    start_on: start,
                    review_on,
                    status,
                },
                datetime::today(),
            )?;
            writeln!(
                out,
                "Added measure {} ({}), {} from {}: {}",
                m.id,
                m.status,
                why_words(m.why),
                date(m.start_on),
                m.title
            )?;
        }
        MeasureAction::List { format } => {
            let measures = store.list_measures()?;
            match format {
                TableOrJson::Json => {
                    serde_json::to_writer_pretty(&mut *out, &measures)?;
                    writeln!(out)?;
                }
                TableOrJson::Table => print_measures(&measures, out)?,
            }
        }
        MeasureAction::SetStatus { id, status, on } => {
            let m = store.set_measure_status(id, status, on.unwrap_or_else(datetime::today))?;
            writeln!(
                out,
                "Measure {} is {}{}: {}",
                m.id,
                m.status,
                m.ended_on
                    .map(|d| format!(" since {}", date(d)))
                    .unwrap_or_default(),
                m.title
            )?;
        }
        MeasureAction::Effect { id, format, as_of } => {
            let measures = store.list_measures()?;
            let m = measures
                .iter()
                .find(|m| m.id == id)
                .ok_or(cycle_core::CycleError::UnknownMeasure(id))?;
            let effect =
                cycle_core::effect(store, m, &measures, as_of.unwrap_or_else(datetime::today))?;
            match format {
                TableOrJson::Json => {
                    serde_json::to_writer_pretty(&mut *out, &effect)?;
                    writeln!(out)?;
                }
                TableOrJson::Table => print_effect(m, &effect, out)?,
            }
        }
    }
    Ok(())
}

/// "Channel: Phone", or "all contacts".
fn why_words(why: Option<Focus>) -> String {
    why.map_or_else(|| "all contacts".to_string(), |w| w.describe(Lang::En))
}

fn print_measures(measures: &[Measure], out: &mut impl Write) -> Result<(), Failure> {
    if measures.is_empty() {
        writeln!(
            out,
            "No measures yet. Add one with `murmelglas measure add --title T --why CODE --start DATE`."
        )?;
        return Ok(());
    }
    writeln!(
        out,
        "{:>4}  {:<10}  {:<10}  {:<8}  {:<26}  {:<14}  title",
        "id", "start", "look again", "status", "why", "who"
    )?;
    for m in measures {
        writeln!(
            out,
            "{:>4}  {:<10}  {:<10}  {:<8}  {:<26}  {:<14}  {}",
            m.id,
            date(m.start_on),
            or_dash(m.review_on.map(date)),
            m.status.to_string(),
            why_words(m.why),
            m.owner.as_deref().unwrap_or("the team"),
            m.title.replace('\n', " ")
        )?;
    }
    Ok(())
}

/// "40 contacts, 30 % golden (95 % range 18–45 %)", or why there is nothing to show.
fn side_words(side: &EffectSide) -> String {
    let f = &side.figures;
    if side.suppressed {
        return "too few to show (fewer than three people)".into();
    }
    if side.counted_to.is_none() {
        return "not begun yet".into();
    }
    match (f.golden_share, f.ci_low, f.ci_high) {
        (Some(share), Some(lo), Some(hi)) => format!(
            "{} contacts, {} golden (95 % range {})",
            f.total,
            format::share(share, Lang::De),
            format::percent_range(lo, hi, Lang::De)
        ),
        _ => "no contacts".into(),
    }
}

fn print_effect(m: &Measure, e: &Effect, out: &mut impl Write) -> Result<(), Failure> {
    writeln!(
        out,
        "Measure {}: {} ({}), from {}",
        m.id,
        m.title,
        why_words(m.why),
        date(m.start_on)
    )?;
    let range = |s: &EffectSide| {
        let to = match s.counted_to {
            Some(c) if c < s.to => format!("{} (so far {})", date(s.to), date(c)),
            _ => date(s.to),
        };
        format!("{} – {}", date(s.from), to)
    };
    writeln!(
        out,
        "Before  {}: {}",
        range(&e.before),
        side_words(&e.before)
    )?;
    writeln!(
        out,
        "        {} – {}: left out (the first week)",
        date(e.left_out_from),
        date(e.left_out_to)
    )?;
    writeln!(out, "After   {}: {}", range(&e.after), side_words(&e.after))?;
    let p = match (e.verdict, e.p_value) {
        (cycle_core::Verdict::TooFewToTell, _) | (_, None) => String::new(),
        (_, Some(p)) => format!(" ({})", format::p_value(p, Lang::En)),
    };
    match e.difference {
        Some(d) => writeln!(
            out,
            "{}{p}: {}",
            format::points(d, Lang::En),
            e.verdict.words(Lang::En)
        )?,
        None => writeln!(out, "{}", e.verdict.words(Lang::En))?,
    }
    if !e.concurrent.is_empty() {
        writeln!(
            out,
            "Running at the same time (their effects cannot be told apart):"
        )?;
        for c in &e.concurrent {
            writeln!(out, "  #{} {} (from {})", c.id, c.title, date(c.start_on))?;
        }
    }
    Ok(())
}

/// The language for the team's shipped rules: as asked, else the team's.
fn rules_lang(store: &Store, lang: Option<LangArg>) -> Result<Lang, Failure> {
    Ok(match lang {
        Some(l) => l.into(),
        None => store.get_settings()?.language,
    })
}

fn rule_line(r: &cycle_core::ServiceRule) -> String {
    format!(
        "{:>4}  {}{}",
        r.id,
        r.text.replace('\n', " "),
        r.retired_on
            .map(|d| format!("  (retired {})", date(d)))
            .unwrap_or_default()
    )
}

pub(crate) fn rule(
    store: &mut Store,
    action: RuleAction,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let today = datetime::today();
    match action {
        RuleAction::List { all, format, lang } => {
            let lang = rules_lang(store, lang)?;
            let rules: Vec<_> = store
                .list_rules(lang)?
                .into_iter()
                .filter(|r| all || r.is_active_on(today))
                .collect();
            match format {
                TableOrJson::Json => {
                    serde_json::to_writer_pretty(&mut *out, &rules)?;
                    writeln!(out)?;
                }
                TableOrJson::Table => {
                    if rules.is_empty() {
                        writeln!(
                            out,
                            "No rules in use. Add one with `murmelglas rule add TEXT`."
                        )?;
                    }
                    for r in &rules {
                        writeln!(out, "{}", rule_line(r))?;
                    }
                }
            }
        }
        RuleAction::Add { text } => {
            let r = store.add_rule(&text)?;
            writeln!(out, "Added rule {}: {}", r.id, r.text)?;
        }
        RuleAction::Reword { id, text } => {
            let r = store.reword_rule(id, &text, Lang::En)?;
            writeln!(out, "Rule {} now reads: {}", r.id, r.text)?;
        }
        RuleAction::Retire { id } => {
            let lang = rules_lang(store, None)?;
            let r = store.retire_rule(id, Some(today), lang)?;
            writeln!(out, "Retired rule {}: {}", r.id, r.text)?;
        }
        RuleAction::Restore { id } => {
            let lang = rules_lang(store, None)?;
            let r = store.retire_rule(id, None, lang)?;
            writeln!(out, "Rule {} is back: {}", r.id, r.text)?;
        }
        RuleAction::Week { week, lang } => {
            let lang = rules_lang(store, lang)?;
            let monday = match week {
                Some(w) => murmelglas::review::iso_week(&w)?.0,
                None => today,
            };
            let rules = store.list_rules(lang)?;
            match cycle_core::rule_of_week(&rules, monday) {
                Some(r) => writeln!(out, "{}", r.text)?,
                None => writeln!(out, "No rules in use.")?,
            }
        }
    }
    Ok(())
}

/// The effect in one line: "+30 percentage points (p = 0.007): a real improvement".
fn effect_line(e: &Effect) -> String {
    let verdict = e.verdict.words(Lang::En);
    match e.difference {
        None => verdict.to_string(),
        Some(d) => {
            let p = match (e.verdict, e.p_value) {
                (cycle_core::Verdict::TooFewToTell, _) | (_, None) => String::new(),
                (_, Some(p)) => format!(" ({})", format::p_value(p, Lang::En)),
            };
            format!("{}{p}: {verdict}", format::points(d, Lang::En))
        }
    }
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
                    for r in &agenda.measures {
                        writeln!(
                            out,
                            "  #{} {} ({}, {} since {}): {} — keep, change or end?",
                            r.measure.id,
                            r.measure.title,
                            why_words(r.measure.why),
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
                                .map(|t| format!(" (target {})", target_words(&t)))
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
