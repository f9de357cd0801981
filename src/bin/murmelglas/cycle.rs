//! `goal …`, `measure …` and `rule …`: the improvement cycle of the weekly meeting on the
//! command line (`meeting …` is in `meeting.rs`).

use std::io::Write;

use murmelglas::cycle::{
    self as cycle_core, Effect, EffectSide, Focus, Goal, GoalDraft, GoalTarget, Measure,
    MeasureDraft, Metric, Why,
};
use murmelglas::datetime;
use murmelglas::domain::Lang;
use murmelglas::feedback::stats::cause_label;
use murmelglas::feedback::Cause;
use murmelglas::store::Store;
use murmelglas::text::format;

use crate::args::*;
use crate::Failure;

/// "–" for nothing, as the tables write it.
pub(crate) fn or_dash(value: Option<String>) -> String {
    value.unwrap_or_else(|| "–".into())
}

pub(crate) fn date(d: chrono::NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// "60 % golden (channel: Phone)", or "60 % golden" for all contacts; "at most 2
/// complaints per week (cause: Waiting time)", or "at most 2 complaints per week" for all.
pub(crate) fn target_words(target: &GoalTarget, causes: &[Cause]) -> String {
    match target.metric {
        Metric::GoldenShare => {
            let share = format!("{:.0} % golden", target.value * 100.0);
            match target.part {
                Some(part) => format!("{share} ({})", part.describe(Lang::En)),
                None => share,
            }
        }
        Metric::ComplaintsPerWeek => {
            let most = format!(
                "at most {} complaints per week",
                format::decimal(target.value, Lang::En)
            );
            match &target.cause {
                Some(code) => format!(
                    "{most} (cause: {})",
                    cause_label(causes, Some(code), Lang::En)
                ),
                None => most,
            }
        }
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
            complaints_per_week,
            cause,
            from,
        } => {
            let target = match (target, part.focus(), complaints_per_week) {
                (_, Some(_), Some(_)) => {
                    return Err(murmelglas::cycle::CycleError::PartWithComplaints.into())
                }
                (None, _, Some(value)) => Some(GoalTarget::complaints_per_week(cause, value)),
                (Some(value), part, None) => Some(GoalTarget::golden_share(part, value)),
                (None, None, None) => None,
                (None, Some(_), None) => {
                    return Err(murmelglas::cycle::CycleError::PartWithoutTarget.into())
                }
                // clap keeps --target and --complaints-per-week apart.
                (Some(_), _, Some(_)) => {
                    return Err(murmelglas::cycle::CycleError::CauseWithGoldenShare.into())
                }
            };
            let causes = store.list_causes(true)?;
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
                    .as_ref()
                    .map(|t| format!(", target {}", target_words(t, &causes)))
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
                TableOrJson::Table => print_goals(&goals, &store.list_causes(true)?, out)?,
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

fn print_goals(goals: &[Goal], causes: &[Cause], out: &mut impl Write) -> Result<(), Failure> {
    if goals.is_empty() {
        writeln!(
            out,
            "No goals yet, so no target line is drawn. Add one with `murmelglas goal add TEXT [--target 60 | --complaints-per-week 2 --cause CODE]`."
        )?;
        return Ok(());
    }
    writeln!(
        out,
        "{:>4}  {:<10}  {:<10}  {:<44}  goal",
        "id", "from", "ended", "target"
    )?;
    for g in goals {
        writeln!(
            out,
            "{:>4}  {:<10}  {:<10}  {:<44}  {}",
            g.id,
            date(g.start_on),
            or_dash(g.ended_on.map(date)),
            or_dash(g.target.as_ref().map(|t| target_words(t, causes))),
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
                why_words(m.why.as_ref(), &store.list_causes(true)?),
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
                TableOrJson::Table => print_measures(&measures, &store.list_causes(true)?, out)?,
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
                TableOrJson::Table => print_effect(m, &effect, &store.list_causes(true)?, out)?,
            }
        }
    }
    Ok(())
}

/// "Channel: Phone", "Cause: Waiting time", or "all contacts".
pub(crate) fn why_words(why: Option<&Why>, causes: &[Cause]) -> String {
    why.map_or_else(
        || "all contacts".to_string(),
        |w| w.describe(Lang::En, causes),
    )
}

fn print_measures(
    measures: &[Measure],
    causes: &[Cause],
    out: &mut impl Write,
) -> Result<(), Failure> {
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
            why_words(m.why.as_ref(), causes),
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
    if let Some(n) = side.complaints {
        return format!(
            "{n} {} ({} per week)",
            if n == 1 { "complaint" } else { "complaints" },
            side.complaints_per_week()
                .map_or("–".into(), |w| format::decimal(w, Lang::En))
        );
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

fn print_effect(
    m: &Measure,
    e: &Effect,
    causes: &[Cause],
    out: &mut impl Write,
) -> Result<(), Failure> {
    writeln!(
        out,
        "Measure {}: {} ({}), from {}",
        m.id,
        m.title,
        why_words(m.why.as_ref(), causes),
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
    writeln!(out, "{}", murmelglas::report::effect_sentence(e, Lang::En))?;
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
pub(crate) fn rules_lang(store: &Store, lang: Option<LangArg>) -> Result<Lang, Failure> {
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
