//! `feedback …`: suggestions and complaints as a process — take them, move them through
//! their steps, see what is overdue, count causes, print cards, move them in files.
//! `args` is what it accepts, `print` how it shows the list, an item and the figures.

use std::io::Write;

use chrono::{Days, NaiveDate};

use murmelglas::chart::FeedbackChart;
use murmelglas::datetime;
use murmelglas::domain::{Code, Lang};
use murmelglas::export::Format;
use murmelglas::feedback::list::{self, ListQuery};
use murmelglas::feedback::stats::{self, StatsQuery};
use murmelglas::feedback::{cards, file, read};
use murmelglas::feedback::{
    format_working_days, parse_working_days, FeedbackDraft, FeedbackEdit, FeedbackState,
};
use murmelglas::import::ImportError;
use murmelglas::store::Store;
use murmelglas::text::{text, Text};

use crate::args::TableOrJson;
use crate::team::parse_switch;
use crate::Failure;

mod args;
mod print;

pub(crate) use args::FeedbackAction;
use args::*;
use print::{print_rows, print_stats, show};

fn json(out: &mut impl Write, value: &impl serde::Serialize) -> Result<(), Failure> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

pub(super) fn date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// `none`, `keine` or empty: clear the field.
fn is_none_word(value: &str) -> bool {
    matches!(
        value.trim().to_lowercase().as_str(),
        "" | "none" | "keine" | "-"
    )
}

pub(crate) fn feedback(
    store: &mut Store,
    action: FeedbackAction,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let today = datetime::today();
    match action {
        FeedbackAction::Add(args) => add(store, args, out)?,
        FeedbackAction::List {
            overdue,
            open,
            state,
            format,
        } => {
            let query = ListQuery {
                state,
                open,
                overdue,
                ..ListQuery::default()
            };
            let rows = list::list(store, &query, today)?;
            match format {
                TableOrJson::Json => json(out, &rows)?,
                TableOrJson::Table => print_rows(&rows, out)?,
            }
        }
        FeedbackAction::Show { id, format } => {
            let item = store.get_feedback(id)?.ok_or_else(|| {
                Failure::from(murmelglas::feedback::FeedbackError::UnknownItem(
                    id.to_string(),
                ))
            })?;
            match format {
                TableOrJson::Json => json(out, &item)?,
                TableOrJson::Table => show(store, &item, out)?,
            }
        }
        FeedbackAction::Advance { id, to, note } => {
            let before = store.get_feedback(id)?.map(|i| i.state);
            let item = store.advance_feedback(id, to, note.as_deref(), datetime::now())?;
            let back = before.is_some_and(|b| to < b);
            writeln!(
                out,
                "#{} {} '{}'{}.",
                item.number,
                if back { "went back to" } else { "is now" },
                item.state.label(Lang::En).to_lowercase(),
                if back {
                    " (the reason is in its history)"
                } else {
                    ""
                }
            )?;
        }
        FeedbackAction::Edit(args) => edit(store, args, out)?,
        FeedbackAction::Causes { action } => causes(store, action, out)?,
        FeedbackAction::Settings { action } => settings(store, action, out)?,
        FeedbackAction::Stats {
            from,
            to,
            by,
            cause,
            drill,
            format,
            chart,
            lang,
            force,
        } => {
            if to < from {
                return Err(Failure(vec![format!(
                    "--to {} is before --from {}",
                    date(to),
                    date(from)
                )]));
            }
            let cause = match cause {
                Some(c) => {
                    let causes = store.list_causes(true)?;
                    Some(murmelglas::feedback::find_cause(&causes, &c)?.code.clone())
                }
                None => None,
            };
            let query = StatsQuery { from, to, cause };
            if let Some(key) = drill {
                let rows = stats::drill(store, &query, &key, today)?;
                return match format {
                    TableOrJson::Json => json(out, &rows),
                    TableOrJson::Table => print_rows(&rows, out),
                };
            }
            let figures = stats::stats(store, &query, today)?;
            if let Some(path) = chart {
                let lang = lang.map_or(store.get_settings()?.language, Into::into);
                let drawn = FeedbackChart { stats: &figures };
                let png = path
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("png"));
                let bytes = if png {
                    drawn.png(lang, drawn.default_size())?
                } else {
                    drawn.svg(lang, drawn.default_size())?.svg.into_bytes()
                };
                murmelglas::report::write_file(&path, &bytes, force)?;
                eprintln!(
                    "Drew the complaints per week by cause to {}.",
                    path.display()
                );
            }
            match format {
                TableOrJson::Json => json(out, &figures)?,
                TableOrJson::Table => print_stats(&figures, by, out)?,
            }
        }
        FeedbackAction::Export {
            format,
            out: path,
            force,
            lang,
        } => {
            let format = format
                .map(Format::from)
                .or_else(|| path.as_deref().and_then(Format::from_path))
                .unwrap_or(Format::Csv);
            match path {
                Some(path) => {
                    let n = file::write_feedback_to_file(store, format, lang.into(), &path, force)?;
                    eprintln!("Exported {n} feedback items to {}.", path.display());
                }
                None => {
                    file::write_feedback(store, format, lang.into(), &mut *out)?;
                }
            }
        }
        FeedbackAction::Cards {
            out: path,
            lang,
            force,
        } => {
            let settings = store.get_settings()?;
            let lang = lang.map_or(settings.language, Into::into);
            cards::write_cards(&path, &settings.team_name, lang, force)?;
            writeln!(
                out,
                "Wrote four feedback cards on one A4 page to {}; print at 100 % and cut along the dashed lines.",
                path.display()
            )?;
        }
        FeedbackAction::Import { file: path, format } => {
            match read::import_feedback_file(store, &path, format.map(Into::into)) {
                Ok(s) => writeln!(
                    out,
                    "Imported {}: {} read, {} added, {} already present{}{}{}.",
                    path.display(),
                    s.read,
                    s.stored.added,
                    s.stored.already_present,
                    if s.stored.renumbered > 0 {
                        format!(
                            ", {} with a new number (theirs was taken)",
                            s.stored.renumbered
                        )
                    } else {
                        String::new()
                    },
                    if s.stored.causes_added > 0 {
                        format!(", {} new causes", s.stored.causes_added)
                    } else {
                        String::new()
                    },
                    if s.stored.members_added > 0 {
                        format!(", {} new team members", s.stored.members_added)
                    } else {
                        String::new()
                    }
                )?,
                Err(ImportError::Invalid {
                    path,
                    errors,
                    total,
                }) => {
                    let mut lines: Vec<String> =
                        errors.iter().map(|e| format!("{path}: {e}")).collect();
                    lines.push(format!(
                        "{path}: {total} bad {}; nothing was imported",
                        if total == 1 { "row" } else { "rows" }
                    ));
                    return Err(Failure(lines));
                }
                Err(e) => return Err(e.into()),
            }
        }
        FeedbackAction::Meeting { since, format } => {
            let since = since.unwrap_or(today - Days::new(7));
            let step = list::meeting_step(store, since, today)?;
            match format {
                TableOrJson::Json => json(out, &step)?,
                TableOrJson::Table => {
                    writeln!(
                        out,
                        "Since {}: {} new; {} open, {} of them overdue.",
                        date(since),
                        step.received_since,
                        step.open.len(),
                        step.overdue
                    )?;
                    if !step.contacts_without_item.is_empty() {
                        writeln!(
                            out,
                            "{} contacts tagged suggestions & complaints have no feedback item yet (add one with --contact ID):",
                            step.contacts_without_item.len()
                        )?;
                        for id in &step.contacts_without_item {
                            writeln!(out, "  {id}")?;
                        }
                    }
                    if !step.top_causes.is_empty() {
                        writeln!(out, "Most frequent causes since {}:", date(since))?;
                        for c in &step.top_causes {
                            let label =
                                stats::cause_label(&step.causes, c.cause.as_deref(), Lang::En);
                            writeln!(out, "  {:>3}  {label}", c.total)?;
                        }
                    }
                    if !step.open.is_empty() {
                        writeln!(out)?;
                        print_rows(&step.open, out)?;
                    }
                }
            }
        }
    }
    Ok(())
}

fn add(store: &mut Store, args: AddArgs, out: &mut impl Write) -> Result<(), Failure> {
    let named = args.member.is_some();
    let with_note = args.answer_note.is_some();
    let draft = FeedbackDraft {
        kind: args.kind,
        summary: args.summary,
        cause: args.cause,
        urgent: args.urgent,
        reply_wanted: args.reply_wanted,
        contact: args.contact,
        recorded_by: args.member,
        answer_note: args.answer_note,
        share_summary: args.share,
        received_at: args.at,
        settled: args.settled,
    };
    let item = store.add_feedback(draft, datetime::now())?;
    let settings = store.feedback_settings()?;
    let kind = item.kind.label(Lang::En).to_lowercase();
    if item.state == FeedbackState::Closed {
        writeln!(
            out,
            "Recorded {kind} #{}, settled on the spot and closed.",
            item.number
        )?;
    } else {
        let answer = settings
            .answer_due(&item)
            .map(|d| format!("first answer by {}, ", date(d)))
            .unwrap_or_default();
        writeln!(
            out,
            "Recorded {kind} #{} (received {}): {answer}close by {}.",
            item.number,
            item.received_at.format("%d.%m.%Y %H:%M"),
            date(settings.close_due(&item))
        )?;
    }
    if named && item.recorded_by.is_none() {
        writeln!(out, "Recorded without a name (the team keeps no names).")?;
    }
    if with_note {
        writeln!(
            out,
            "How we answer: {}",
            text(Text::AnswerNoteHint, Lang::En)
        )?;
    }
    Ok(())
}

fn edit(store: &mut Store, args: EditArgs, out: &mut impl Write) -> Result<(), Failure> {
    let switch = |v: Option<String>| v.map(|v| parse_switch(&v)).transpose();
    let contact = match args.contact {
        None => None,
        Some(v) if is_none_word(&v) => Some(None),
        Some(v) => Some(Some(uuid::Uuid::parse_str(v.trim()).map_err(|_| {
            Failure(vec![format!(
                "--contact: '{}' is not a contact's id",
                murmelglas::domain::shorten(&v, 40)
            )])
        })?)),
    };
    let optional = |v: Option<String>| v.map(|v| (!is_none_word(&v)).then_some(v));
    let edit = FeedbackEdit {
        kind: args.kind,
        summary: args.summary,
        cause: optional(args.cause),
        urgent: switch(args.urgent)?,
        reply_wanted: switch(args.reply_wanted)?,
        contact,
        answer_note: optional(args.answer_note),
        share_summary: switch(args.share)?,
    };
    let before = store.get_feedback(args.id)?.map(|i| i.history.len());
    let item = store.edit_feedback(args.id, &edit, datetime::now())?;
    if before == Some(item.history.len()) {
        writeln!(out, "#{}: nothing changed.", item.number)?;
    } else {
        let fields: Vec<&str> = item
            .history
            .last()
            .map(|e| e.edited.iter().map(|f| f.code()).collect())
            .unwrap_or_default();
        writeln!(out, "#{}: changed {}.", item.number, fields.join(", "))?;
    }
    Ok(())
}

fn causes(store: &mut Store, action: CausesAction, out: &mut impl Write) -> Result<(), Failure> {
    let lang = store.get_settings()?.language;
    match action {
        CausesAction::List { all, format } => {
            let causes = store.list_causes(all)?;
            match format {
                TableOrJson::Json => json(out, &causes)?,
                TableOrJson::Table => {
                    for c in causes {
                        writeln!(
                            out,
                            "{:<20}  {}{}",
                            c.code,
                            c.label(lang),
                            if c.retired { " (retired)" } else { "" }
                        )?;
                    }
                }
            }
        }
        CausesAction::Add { name } => {
            let c = store.add_cause(&name)?;
            writeln!(out, "Added the cause {} ({}).", c.label(lang), c.code)?;
        }
        CausesAction::Rename { cause, name } => {
            let c = store.rename_cause(&cause, &name)?;
            writeln!(
                out,
                "Renamed {} to {}; its items keep it.",
                c.code,
                c.label(lang)
            )?;
        }
        CausesAction::Retire { cause } => {
            let c = store.set_cause_retired(&cause, true)?;
            writeln!(
                out,
                "Retired {}: its items keep it, new items cannot take it.",
                c.label(lang)
            )?;
        }
        CausesAction::Restore { cause } => {
            let c = store.set_cause_retired(&cause, false)?;
            writeln!(out, "{} is in use again.", c.label(lang))?;
        }
    }
    Ok(())
}

fn settings(
    store: &mut Store,
    action: Option<FeedbackSettingsAction>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let mut s = store.feedback_settings()?;
    match action.unwrap_or(FeedbackSettingsAction::Show {
        format: TableOrJson::Table,
    }) {
        FeedbackSettingsAction::Show {
            format: TableOrJson::Json,
        } => json(out, &s)?,
        FeedbackSettingsAction::Show { .. } => {
            writeln!(out, "answer-days   {}", s.answer_days)?;
            writeln!(out, "close-days    {}", s.close_days)?;
            writeln!(out, "urgent-days   {}", s.urgent_days)?;
            writeln!(
                out,
                "working-days  {}",
                format_working_days(&s.working_days)
            )?;
        }
        FeedbackSettingsAction::Set { key, value } => {
            let days = |what: &'static str| {
                value.trim().parse::<u8>().map_err(|_| {
                    murmelglas::feedback::FeedbackError::BadDays {
                        what,
                        value: murmelglas::domain::shorten(&value, 20),
                    }
                })
            };
            match key {
                FeedbackSettingKey::AnswerDays => {
                    s.answer_days = days("the first answer's deadline")?
                }
                FeedbackSettingKey::CloseDays => s.close_days = days("the close's deadline")?,
                FeedbackSettingKey::UrgentDays => {
                    s.urgent_days = days("an urgent item's deadline")?
                }
                FeedbackSettingKey::WorkingDays => s.working_days = parse_working_days(&value)?,
            }
            store.update_feedback_settings(&s)?;
            writeln!(out, "Saved.")?;
        }
    }
    Ok(())
}
