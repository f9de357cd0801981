//! `feedback …`: suggestions and complaints as a process — take them, move them through
//! their steps, see what is overdue, count causes, print cards, move them in files.

use std::io::Write;
use std::path::PathBuf;

use chrono::{Days, NaiveDate};
use clap::{Subcommand, ValueEnum};

use murmelglas::chart::FeedbackChart;
use murmelglas::datetime::{self, parse_date, parse_datetime};
use murmelglas::domain::{Code, Lang};
use murmelglas::export::Format;
use murmelglas::feedback::list::{self, FeedbackRow, ListQuery};
use murmelglas::feedback::stats::{self, days_text, FeedbackKey, FeedbackStats, StatsQuery};
use murmelglas::feedback::{cards, file, read};
use murmelglas::feedback::{
    format_working_days, parse_working_days, FeedbackDraft, FeedbackEdit, FeedbackItem,
    FeedbackKind, FeedbackRef, FeedbackState,
};
use murmelglas::import::ImportError;
use murmelglas::store::Store;
use murmelglas::text::{text, Text};

use crate::args::{FileFormat, LangArg, TableOrJson};
use crate::team::parse_switch;
use crate::Failure;

#[derive(Subcommand)]
pub(crate) enum FeedbackAction {
    /// Record a complaint or suggestion as it comes in (whoever receives it records it).
    Add(AddArgs),
    /// The items, open ones first and overdue ones on top.
    List {
        /// Only overdue items.
        #[arg(long)]
        overdue: bool,
        /// Only items not closed yet.
        #[arg(long)]
        open: bool,
        /// Only items in this state: received, in-progress, informed, closed.
        #[arg(long, value_name = "STATE")]
        state: Option<FeedbackState>,
        #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
        format: TableOrJson,
    },
    /// One item with its history.
    Show {
        /// Its number (12 or #12) or id.
        id: FeedbackRef,
        #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
        format: TableOrJson,
    },
    /// Move an item to another state. Closing needs an outcome (--note), going back a
    /// reason (--note).
    Advance {
        id: FeedbackRef,
        /// received, in-progress, informed (customer informed) or closed.
        #[arg(long, value_name = "STATE")]
        to: FeedbackState,
        /// The outcome when closing, the reason when going back, else a remark.
        #[arg(long, alias = "outcome", alias = "reason", allow_hyphen_values = true)]
        note: Option<String>,
    },
    /// Change an item's fields; its history names what changed.
    Edit(EditArgs),
    /// The team's list of causes.
    Causes {
        #[command(subcommand)]
        action: CausesAction,
    },
    /// The team's deadlines in working days, and its working days.
    Settings {
        #[command(subcommand)]
        action: Option<FeedbackSettingsAction>,
    },
    /// Figures of a period: counts by kind and cause, median times, open items by age,
    /// complaints per week for a cause.
    Stats {
        /// First day (inclusive).
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        from: NaiveDate,
        /// Last day (inclusive).
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        to: NaiveDate,
        /// Also list the figures by cause or by week.
        #[arg(long, value_enum)]
        by: Option<StatsBy>,
        /// The cause the weekly trend follows (default: all).
        #[arg(long, value_name = "CAUSE")]
        cause: Option<String>,
        /// List the items behind one figure: received, kind:complaint, cause:CODE,
        /// answered, closed, open, overdue, age:0-2|3-5|6-10|over-10, week:YYYY-MM-DD[:CODE].
        #[arg(long, value_name = "FIGURE")]
        drill: Option<FeedbackKey>,
        #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
        format: TableOrJson,
        /// Also draw the complaints per week by cause, as SVG or PNG (by the extension).
        #[arg(long, value_name = "FILE")]
        chart: Option<PathBuf>,
        /// Language of the chart (default: the team's).
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        /// Replace --chart if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Write every item with its history to CSV or JSON (to standard output without
    /// --out). The note on how we answer stays in the database.
    Export {
        /// Default: the --out file's extension, else csv.
        #[arg(long, value_enum)]
        format: Option<FileFormat>,
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Replace --out if it exists.
        #[arg(long)]
        force: bool,
        /// de: German headers and labels, `;`, BOM and local times, for German Excel.
        #[arg(long, value_enum, default_value_t = LangArg::En)]
        lang: LangArg,
    },
    /// Print feedback cards: an A4 page of four A6 cards with the team's name (HTML;
    /// print at 100 % and cut).
    Cards {
        #[arg(long, value_name = "FILE.html")]
        out: PathBuf,
        /// Default: the team's language.
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        /// Replace --out if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Read items from CSV or JSON: all rows or none; ids already present are kept.
    Import {
        file: PathBuf,
        /// Default: the file's extension.
        #[arg(long, value_enum)]
        format: Option<FileFormat>,
    },
    /// The weekly meeting's step: open and overdue items, the most frequent causes since
    /// the last meeting.
    Meeting {
        /// The last meeting's day (default: a week ago).
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        since: Option<NaiveDate>,
        #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
        format: TableOrJson,
    },
}

#[derive(clap::Args)]
pub(crate) struct AddArgs {
    #[arg(long, value_name = "KIND")]
    kind: FeedbackKind,
    /// What the customer brought up, in a few words (up to 500 characters).
    #[arg(long, allow_hyphen_values = true)]
    summary: String,
    /// A cause of the team's list, by code or name.
    #[arg(long)]
    cause: Option<String>,
    #[arg(long)]
    urgent: bool,
    /// The customer wants to hear what came of it.
    #[arg(long)]
    reply_wanted: bool,
    /// The contact it came up in (its id).
    #[arg(long, value_name = "ID")]
    contact: Option<uuid::Uuid>,
    /// Who took it (a team member); without it nobody is named.
    #[arg(long)]
    member: Option<String>,
    /// How we answer (at most 200 characters; cleared 90 days after the close).
    #[arg(long, allow_hyphen_values = true)]
    answer_note: Option<String>,
    /// The summary may be read out in the team's report.
    #[arg(long)]
    share: bool,
    /// When it came in (default: now), e.g. 23.11.2026 14:05.
    #[arg(long, value_parser = parse_datetime, value_name = "DATETIME")]
    at: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// Settled on the spot, with this outcome: closed in one step.
    #[arg(long, value_name = "OUTCOME", allow_hyphen_values = true)]
    settled: Option<String>,
}

#[derive(clap::Args)]
pub(crate) struct EditArgs {
    id: FeedbackRef,
    #[arg(long)]
    kind: Option<FeedbackKind>,
    #[arg(long, allow_hyphen_values = true)]
    summary: Option<String>,
    /// A cause, or `none`.
    #[arg(long)]
    cause: Option<String>,
    /// on or off.
    #[arg(long, value_name = "ON|OFF")]
    urgent: Option<String>,
    /// on or off.
    #[arg(long, value_name = "ON|OFF")]
    reply_wanted: Option<String>,
    /// A contact's id, or `none`.
    #[arg(long, value_name = "ID")]
    contact: Option<String>,
    /// How we answer, or `none` to clear it.
    #[arg(long, allow_hyphen_values = true)]
    answer_note: Option<String>,
    /// on or off: the summary may be read out in the team's report.
    #[arg(long, value_name = "ON|OFF")]
    share: Option<String>,
}

#[derive(Subcommand)]
pub(crate) enum CausesAction {
    /// The causes (active ones unless --all).
    List {
        #[arg(long)]
        all: bool,
        #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
        format: TableOrJson,
    },
    /// Add a cause.
    Add { name: String },
    /// Rename a cause; its items keep it.
    Rename { cause: String, name: String },
    /// Take a cause out of use; its items keep it.
    Retire { cause: String },
    /// Bring a retired cause back.
    Restore { cause: String },
}

#[derive(Subcommand)]
pub(crate) enum FeedbackSettingsAction {
    Show {
        #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
        format: TableOrJson,
    },
    /// Change one setting.
    Set {
        key: FeedbackSettingKey,
        value: String,
    },
}

// The keys as people type them (`answer-days`, …): the shared ending is the point.
#[allow(clippy::enum_variant_names)]
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum FeedbackSettingKey {
    /// Working days to the first answer (1–60).
    AnswerDays,
    /// Working days to the close (1–60).
    CloseDays,
    /// Working days to an urgent item's first answer (1–60).
    UrgentDays,
    /// The team's working days: mon-sat, mon-fri, mon,wed,fri (or Mo-Fr …).
    WorkingDays,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum StatsBy {
    Cause,
    Week,
}

impl FeedbackAction {
    /// Whether the action may change the database (the day's backup comes first).
    pub(crate) fn writes(&self) -> bool {
        match self {
            FeedbackAction::Add(_)
            | FeedbackAction::Advance { .. }
            | FeedbackAction::Edit(_)
            | FeedbackAction::Import { .. } => true,
            FeedbackAction::Causes { action } => !matches!(action, CausesAction::List { .. }),
            FeedbackAction::Settings { action } => {
                matches!(action, Some(FeedbackSettingsAction::Set { .. }))
            }
            FeedbackAction::List { .. }
            | FeedbackAction::Show { .. }
            | FeedbackAction::Stats { .. }
            | FeedbackAction::Export { .. }
            | FeedbackAction::Cards { .. }
            | FeedbackAction::Meeting { .. } => false,
        }
    }
}

fn json(out: &mut impl Write, value: &impl serde::Serialize) -> Result<(), Failure> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

fn date(d: NaiveDate) -> String {
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

fn show(store: &Store, item: &FeedbackItem, out: &mut impl Write) -> Result<(), Failure> {
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
            (true, Some(due)) => format!("wanted, due {}", date(due)),
        }
    )?;
    writeln!(
        out,
        "close due    {}{}",
        date(row.close_due),
        if row.overdue { "  OVERDUE" } else { "" }
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
        writeln!(out, "how we answer {note}")?;
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

fn print_stats(
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
        "received     {}: {} complaints, {} suggestions",
        s.received, s.complaints, s.suggestions
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
                writeln!(
                    out,
                    "{:<9} {}  {:>3}  {}",
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
