//! The `murmelglas` command line: a thin layer over the core library. `args` is what it
//! accepts (`args_cycle` the improvement cycle's part); `contacts`, `team`, `feedback`,
//! `backup`, `server`, `cycle` (goals, measures, the team's rules) and `meeting` carry
//! out the commands.

mod args;
mod args_cycle;
mod backup;
mod contacts;
mod cycle;
mod feedback;
mod meeting;
mod server;
mod team;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

use murmelglas::analytics;
use murmelglas::datetime;
use murmelglas::demo::{self, DemoOptions};
use murmelglas::domain::{Code, Lang};
use murmelglas::export::{self, Format};
use murmelglas::report;
use murmelglas::store::outbox::Outbox;
use murmelglas::store::{self, Store};

use args::*;
use backup::{backup, daily_backup};
use contacts::{import, log, log_offline, print_contacts, print_stats, report_period, today};
use server::server;
use team::{members, settings};

/// A failure already worded for the user: one line each.
pub(crate) struct Failure(pub(crate) Vec<String>);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure(vec![e.to_string()])
    }
}

fn main() -> ExitCode {
    // An empty MURMELGLAS_DB means "not set", as the app reads it; the argument parser
    // would refuse it as a missing value even beside --db.
    if std::env::var_os("MURMELGLAS_DB").is_some_and(|v| v.is_empty()) {
        std::env::remove_var("MURMELGLAS_DB");
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help and --version: printed as clap writes them, and not a failure.
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("murmelglas: {}", one_line(&e));
            return ExitCode::FAILURE;
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(lines)) => {
            for line in lines {
                eprintln!("murmelglas: {line}");
            }
            ExitCode::FAILURE
        }
    }
}

/// A refusal of the argument parser as the one line every error gets (README: exit 1,
/// one line per problem): its message without the usage and help hints.
fn one_line(e: &clap::Error) -> String {
    let text = e.render().to_string();
    let message: Vec<&str> = text
        .lines()
        .map(str::trim)
        .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more information"))
        .filter(|l| !l.is_empty())
        .collect();
    let joined = message.join(" ");
    let joined = joined.strip_prefix("error: ").unwrap_or(&joined);
    murmelglas::domain::shorten(joined, 300)
}

fn database_path(db: Option<PathBuf>) -> Result<PathBuf, Failure> {
    db.or_else(store::default_path).ok_or_else(|| {
        Failure(vec![
            "cannot find a data directory for the database; pass --db PATH".into(),
        ])
    })
}

/// Where contacts wait while the team's server does not answer: `MURMELGLAS_OUTBOX`, or
/// `outbox.sqlite3` in the data directory.
pub(crate) fn outbox_path() -> Result<PathBuf, Failure> {
    if let Some(path) = std::env::var_os("MURMELGLAS_OUTBOX").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    store::outbox::default_path().ok_or_else(|| {
        Failure(vec![
            "cannot find a data directory for the outbox; set MURMELGLAS_OUTBOX".into(),
        ])
    })
}

/// Sends what waited on this computer while the server was away, and says so.
fn send_waiting(store: &mut Store) -> Result<(), Failure> {
    let path = outbox_path()?;
    if !path.exists() {
        return Ok(());
    }
    let mut outbox = Outbox::open(&path)?;
    if outbox.is_empty()? {
        return Ok(());
    }
    let done = outbox.flush(store)?;
    eprintln!(
        "Sent {} contacts kept on this computer while the server was away{}{}.",
        done.sent,
        if done.already_there > 0 {
            format!(" ({} it had already)", done.already_there)
        } else {
            String::new()
        },
        if done.waiting > 0 {
            format!("; {} still wait", done.waiting)
        } else {
            String::new()
        }
    );
    Ok(())
}

/// The team's server URL, when `--db` names one instead of a file.
fn server_url(path: &Path) -> Option<&str> {
    path.to_str().filter(|p| store::postgres::is_url(p))
}

/// Opens the database for a command that only reads: without writing to the file, so a
/// read-only file or folder can be read. A missing file is created (and shows nothing),
/// and a file from an older version is upgraded first where it may be written.
fn open_for_reading(path: &Path) -> Result<Store, Failure> {
    if !path.exists() {
        return Ok(Store::open(path)?);
    }
    match Store::open_read_only(path) {
        Err(too_old @ store::StoreError::ReadOnlyTooOld { .. }) => {
            Store::open(path).map_err(|_| Failure::from(too_old))
        }
        other => Ok(other?),
    }
}

impl Command {
    /// Whether the command only reads the database, so it may open it read-only. Backups
    /// open it for writing: a restore writes into the live file.
    pub(crate) fn only_reads(&self) -> bool {
        !self.writes() && !matches!(self, Command::Backup { .. })
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    let path = database_path(cli.db)?;
    let mut stdout = io::stdout().lock();
    if let Some(Command::Server { action }) = cli.command {
        return server(&path, action, &mut stdout);
    }
    let mut store = match (&cli.command, server_url(&path)) {
        (_, Some(url)) => match Store::open_server(url) {
            Ok(mut store) => {
                send_waiting(&mut store)?;
                store
            }
            // A contact logged while the server is away waits on this computer.
            Err(e) if e.is_unreachable() => {
                let mut outbox = Outbox::open(&outbox_path()?)?;
                return match cli.command {
                    Some(Command::Log(args)) => log_offline(&mut outbox, args, &e, &mut stdout),
                    _ => Err(Failure(vec![match outbox.len()? {
                        0 => e.to_string(),
                        n => format!("{e} ({n} logged contacts wait on this computer)"),
                    }])),
                };
            }
            Err(e) => return Err(e.into()),
        },
        (None, None) => open_for_reading(&path)?,
        (Some(command), None) if command.only_reads() => open_for_reading(&path)?,
        (Some(_), None) => Store::open(&path)?,
    };
    let Some(command) = cli.command else {
        return today(&store, &mut stdout);
    };
    let mut warning = None;
    if command.writes() {
        // A server keeps its own backups (pg_dump, as IT runs them).
        if !store.is_server() {
            warning = daily_backup(&store, &path)?;
        }
        // The team's story retention runs with the day's changes; it reads nothing once
        // the old stories are gone.
        if let Some(purged) = store.apply_story_retention(datetime::today())? {
            if purged > 0 {
                eprintln!(
                    "Deleted {purged} {} older than the team's retention.",
                    if purged == 1 { "story" } else { "stories" }
                );
            }
        }
        // So does the clearing of feedback's "how we answer" notes, 90 days after the close.
        let cleared = store.clear_expired_answer_notes(datetime::now())?;
        if cleared > 0 {
            eprintln!(
                "Cleared the note on how we answer of {cleared} feedback {} closed 90 days ago or earlier.",
                if cleared == 1 { "item" } else { "items" }
            );
        }
    }
    match command {
        Command::Log(args) => log(&mut store, args, &mut stdout)?,
        Command::List { range, format } => {
            let filter = range.filter()?;
            match format {
                ListFormat::Table => print_contacts(&store, &filter, &mut stdout)?,
                ListFormat::Csv => {
                    export::write_contacts(&store, &filter, Format::Csv, Lang::En, &mut stdout)?;
                }
                ListFormat::Json => {
                    export::write_contacts(&store, &filter, Format::Json, Lang::En, &mut stdout)?;
                }
            }
        }
        Command::Undo => {
            let removed = store.undo_last(datetime::now())?;
            writeln!(
                stdout,
                "Removed the {} contact of {} (logged here at {}).",
                removed.rating.label(Lang::En),
                removed.occurred_at.format("%d.%m.%Y %H:%M"),
                removed.logged_at.format("%H:%M:%S")
            )?;
        }
        Command::Stats { range, by, format } => {
            let filter = range.filter()?;
            let stats = analytics::stats(&store, filter.from, filter.to, by.map(Into::into))?;
            match format {
                TableOrJson::Json => {
                    serde_json::to_writer_pretty(&mut stdout, &stats)?;
                    writeln!(stdout)?;
                }
                TableOrJson::Table => print_stats(&stats, &mut stdout)?,
            }
        }
        Command::Export {
            format,
            range,
            out,
            force,
            lang,
        } => {
            let filter = range.filter()?;
            let format = format
                .map(Format::from)
                .or_else(|| out.as_deref().and_then(Format::from_path))
                .unwrap_or(Format::Csv);
            match out {
                Some(path) => {
                    let n = export::write_contacts_to_file(
                        &store,
                        &filter,
                        format,
                        lang.into(),
                        &path,
                        force,
                    )?;
                    eprintln!("Exported {n} contacts to {}.", path.display());
                }
                None => {
                    export::write_contacts(&store, &filter, format, lang.into(), &mut stdout)?;
                }
            }
        }
        Command::Import { file, format } => import(&mut store, &file, format, &mut stdout)?,
        Command::Members { action } => members(&mut store, action, &mut stdout)?,
        Command::Settings { action } => settings(&mut store, action, &mut stdout)?,
        Command::Report {
            week,
            from,
            to,
            out,
            lang,
            png_dir,
            force,
        } => {
            let (from, to) = report_period(week.as_deref(), from.as_deref(), to.as_deref())?;
            let lang = match lang {
                Some(l) => l.into(),
                None => store.get_settings()?.language,
            };
            let report = report::Report::build(&store, from, to, lang)?;
            let written = report::write(&report, &out, png_dir.as_deref(), force)?;
            eprintln!(
                "Wrote the report for {} – {} to {}{}.",
                from.format("%d.%m.%Y"),
                to.format("%d.%m.%Y"),
                written.html.display(),
                match (&png_dir, written.pngs.len()) {
                    (None, _) => String::new(),
                    (Some(dir), 0) => format!(
                        "; no charts for {}: no contacts in the period",
                        dir.display()
                    ),
                    (Some(dir), n) => format!(" and {n} charts as PNG to {}", dir.display()),
                }
            );
        }
        Command::Backup { action } => backup(&store, action, &mut stdout)?,
        Command::Feedback { action } => feedback::feedback(&mut store, action, &mut stdout)?,
        Command::Goal { action } => cycle::goal(&mut store, action, &mut stdout)?,
        Command::Measure { action } => cycle::measure(&mut store, action, &mut stdout)?,
        Command::Rule { action } => cycle::rule(&mut store, action, &mut stdout)?,
        Command::Meeting { action } => meeting::meeting(&mut store, action, &mut stdout)?,
        // Set up before any store is opened (the server may have no schema yet).
        Command::Server { .. } => {}
        Command::Demo {
            weeks,
            members,
            per_day,
            seed,
            until,
        } => {
            let options = DemoOptions {
                weeks,
                members,
                per_day,
                seed,
                until: until.unwrap_or_else(datetime::today),
            };
            let summary = demo::fill(&mut store, &options)?;
            writeln!(
                stdout,
                "Added {} demo contacts from {} members over {} weeks to {}.",
                summary.contacts,
                summary.members,
                weeks,
                store.location()
            )?;
        }
    }
    // Said only when the command itself succeeded: a failure is its own one line.
    if let Some(warning) = warning {
        eprintln!("murmelglas: warning: {warning}");
    }
    Ok(())
}
