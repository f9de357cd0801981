//! `goal …`: the improvement cycle of the weekly meeting on the command line.

use std::io::Write;

use murmelglas::cycle::{Focus, Goal, GoalDraft, GoalTarget, Metric};
use murmelglas::datetime;
use murmelglas::domain::Lang;
use murmelglas::store::Store;

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
