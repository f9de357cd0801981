//! How `murmelglas feedback …` prints the list, an item and the figures.

use std::io::Write;

use murmelglas::datetime;
use murmelglas::domain::{Code, Lang};
use murmelglas::feedback::list::FeedbackRow;
use murmelglas::feedback::stats::{self, days_text, FeedbackStats};
use murmelglas::feedback::FeedbackItem;
use murmelglas::store::Store;
use murmelglas::text::{text, Text};

use super::args::StatsBy;
use super::date;
use crate::Failure;

/// The next deadline a row waits for, or when it closed.
fn due_text(row: &FeedbackRow) -> String {
    if let Some(closed) = row.closed_at {
        return format!("closed {}", closed.format("%d.%m."));
    }
    match row.answer_due.filter(|_| row.answered_at.is_none()) {
        Some(answer) => format!("answer {}", answer.format("%d.%m.")),
        None => format!("close {}", row.close_due.format("%d.%m.")),
    }
}

pub(crate) fn print_rows(rows: &[FeedbackRow], out: &mut impl Write) -> Result<(), Failure> {
    writeln!(
        out,
        "{:<8} {:>4}  {:<10}  {:<11}  {:<16}  {:<10}  {:<13}  {:>3}  summary",
        "", "no.", "kind", "state", "cause", "received", "due", "age"
    )?;
    for r in rows {
        let flag = match (r.overdue, r.urgent) {
            (true, _) => "OVERDUE",
            (false, true) => "urgent",
            _ => "",
        };
        let summary: String = r.summary.replace('\n', " ").chars().take(50).collect();
        writeln!(
            out,
            "{:<8} {:>4}  {:<10}  {:<11}  {:<16}  {:<10}  {:<13}  {:>3}  {}",
            flag,
            format!("#{}", r.number),
            r.kind.code(),
            r.state.code(),
            r.cause.as_deref().unwrap_or("–"),
            r.received_at.format("%d.%m.%Y"),
            due_text(r),
            r.age_days,
            summary
        )?;
    }
    let overdue = rows.iter().filter(|r| r.overdue).count();
    writeln!(
        out,
        "{} {}, {overdue} overdue",
        rows.len(),
        if rows.len() == 1 { "item" } else { "items" }
    )?;
    Ok(())
}

pub(super) fn show(
    store: &Store,
    item: &FeedbackItem,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let settings = store.feedback_settings()?;
    let causes = store.list_causes(true)?;
    let row = FeedbackRow::of(item, &settings, datetime::today());
    writeln!(
        out,
        "#{} {}{}: {}",
        item.number,
        item.kind.label(Lang::En).to_lowercase(),
        if item.urgent { " (urgent)" } else { "" },
        item.summary
    )?;
    writeln!(
        out,
        "state        {}",
        item.state.label(Lang::En).to_lowercase()
    )?;
    writeln!(
        out,
        "cause        {}",
        stats::cause_label(&causes, item.cause.as_deref(), Lang::En)
    )?;
    writeln!(
        out,
        "received     {}",
        item.received_at.format("%d.%m.%Y %H:%M")
    )?;
    writeln!(
        out,
        "answer       {}",
        match (item.reply_wanted, row.answer_due) {
            (false, _) | (_, None) => "not wanted".to_string(),
            (true, Some(due)) => format!(
                "wanted, due {}{}",
                date(due),
                if row.answer_overdue { "  OVERDUE" } else { "" }
            ),
        }
    )?;
    writeln!(
        out,
        "close due    {}{}",
        date(row.close_due),
        if row.close_overdue { "  OVERDUE" } else { "" }
    )?;
    if let Some(outcome) = &item.outcome {
        writeln!(out, "outcome      {outcome}")?;
    }
    if let Some(contact) = item.contact {
        writeln!(out, "contact      {contact}")?;
    }
    if let Some(name) = &item.recorded_by {
        writeln!(out, "taken by     {name}")?;
    }
    if let Some(note) = &item.answer_note {
        writeln!(out, "answer note  {note}")?;
        writeln!(
            out,
            "             ({})",
            text(Text::AnswerNoteHint, Lang::En)
        )?;
    }
    writeln!(out, "history")?;
    for e in &item.history {
        let what = match (e.from, e.edited.is_empty()) {
            (None, _) => format!("came in ({})", e.to.label(Lang::En).to_lowercase()),
            (Some(_), false) => format!(
                "edited: {}",
                e.edited
                    .iter()
                    .map(|f| f.code())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            (Some(from), true) => format!(
                "{} → {}{}",
                from.label(Lang::En).to_lowercase(),
                e.to.label(Lang::En).to_lowercase(),
                if e.is_back() { " (back)" } else { "" }
            ),
        };
        writeln!(
            out,
            "  {}  {what}{}",
            e.at.format("%d.%m.%Y %H:%M"),
            e.note
                .as_deref()
                .map(|n| format!(": {n}"))
                .unwrap_or_default()
        )?;
    }
    Ok(())
}

pub(super) fn print_stats(
    s: &FeedbackStats,
    by: Option<StatsBy>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let lang = Lang::En;
    let median = |m: Option<f64>| {
        m.map_or("–".to_string(), |d| {
            format!("{} working days", days_text(d, lang))
        })
    };
    writeln!(out, "{} – {}", date(s.from), date(s.to))?;
    writeln!(
        out,
        "received     {}: {}, {}",
        s.received,
        counted(s.complaints, "complaint"),
        counted(s.suggestions, "suggestion")
    )?;
    writeln!(
        out,
        "answered     {} ({} within the deadline), median {}",
        s.answered,
        s.answered_in_time,
        median(s.median_answer_days)
    )?;
    writeln!(
        out,
        "closed       {} ({} within the deadline), median {}",
        s.closed,
        s.closed_in_time,
        median(s.median_close_days)
    )?;
    let ages: Vec<String> = s
        .open_by_age
        .iter()
        .map(|a| format!("{}: {}", a.bucket.code(), a.count))
        .collect();
    writeln!(
        out,
        "open on {}: {}, {} overdue; by age in working days {}",
        date(s.as_of),
        s.open,
        s.overdue,
        ages.join(", ")
    )?;
    match by {
        Some(StatsBy::Cause) => {
            writeln!(out)?;
            writeln!(
                out,
                "{:<32}  {:>10}  {:>11}  {:>5}",
                "cause", "complaints", "suggestions", "total"
            )?;
            for c in &s.by_cause {
                writeln!(
                    out,
                    "{:<32}  {:>10}  {:>11}  {:>5}",
                    stats::cause_label(&s.causes, c.cause.as_deref(), lang),
                    c.complaints,
                    c.suggestions,
                    c.total
                )?;
            }
        }
        Some(StatsBy::Week) => {
            writeln!(out)?;
            writeln!(
                out,
                "complaints per week{}",
                s.trend_cause.as_deref().map_or(String::new(), |c| format!(
                    " ({})",
                    stats::cause_label(&s.causes, Some(c), lang)
                ))
            )?;
            for w in &s.weeks {
                let causes: Vec<String> = w
                    .by_cause
                    .iter()
                    .map(|c| format!("{} {}", c.cause.as_deref().unwrap_or("none"), c.count))
                    .collect();
                // The team's goal for these complaints, from the week it took force.
                let goal = w.target.map_or(String::new(), |t| {
                    format!(
                        "  (goal: at most {})",
                        murmelglas::text::format::decimal(t.value, Lang::En)
                    )
                });
                writeln!(
                    out,
                    "{:<9} {}  {:>3}  {}{goal}",
                    w.week,
                    date(w.from),
                    w.complaints,
                    causes.join(", ")
                )?;
            }
        }
        None => {}
    }
    Ok(())
}

/// "1 complaint", "2 complaints".
fn counted(n: u64, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}
