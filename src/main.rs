//! The `murmelglas` command line: a thin layer over the core library.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use murmelglas::analytics::{self, Granularity, Stats};
use murmelglas::backup::{BackupError, BackupFolder, BackupInfo, BackupReason};
use murmelglas::datetime::{self, parse_date, parse_datetime};
use murmelglas::demo::{self, DemoOptions};
use murmelglas::domain::{
    format_tag_list, parse_nps, parse_retention_months, parse_target_share, Channel, Code,
    ContactDraft, Lang, Motive, Perspective, Phase, Purpose, Rating, WeekStart,
};
use murmelglas::export::{self, Format};
use murmelglas::import::{self, ImportError};
use murmelglas::report;
use murmelglas::review;
use murmelglas::store::{self, ContactFilter, Store};

#[derive(Parser)]
#[command(
    name = "murmelglas",
    version,
    about = "Log customer contacts as golden or 08/15, and see how the team's jar fills.",
    after_help = "Codes may be given as the code or the German label, in any case: phone or Telefon, speed or Geschwindigkeit."
)]
struct Cli {
    /// The database file (created if missing). Default: the platform data directory.
    #[arg(long, global = true, env = "MURMELGLAS_DB", value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Log one contact: golden or 08/15, with optional tags and story.
    Log(LogArgs),
    /// List contacts, oldest first.
    List {
        #[command(flatten)]
        range: Range,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Remove the most recent contact, if it was logged in the last 10 minutes.
    Undo,
    /// Counts and golden share with a 95 % interval, optionally per day, week or month.
    Stats {
        #[command(flatten)]
        range: Range,
        #[arg(long, value_enum)]
        by: Option<By>,
        #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
        format: TableOrJson,
    },
    /// Write contacts to CSV or JSON (to standard output without --out).
    Export {
        /// Default: the --out file's extension, else csv.
        #[arg(long, value_enum)]
        format: Option<FileFormat>,
        #[command(flatten)]
        range: Range,
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Replace --out if it exists.
        #[arg(long)]
        force: bool,
        /// de: German headers and labels, `;`, BOM and local times, for German Excel.
        #[arg(long, value_enum, default_value_t = LangArg::En)]
        lang: LangArg,
    },
    /// Read contacts from CSV or JSON: all rows or none; ids already present are kept.
    Import {
        file: PathBuf,
        /// Default: the file's extension.
        #[arg(long, value_enum)]
        format: Option<FileFormat>,
    },
    /// Manage team members.
    Members {
        #[command(subcommand)]
        action: MembersAction,
    },
    /// Show or change the team settings.
    Settings {
        #[command(subcommand)]
        action: Option<SettingsAction>,
    },
    /// The weekly report for the team meeting: one self-contained HTML file for screen and A4.
    ///
    /// Names no member; cells from fewer than three people say "too few to show". Without
    /// --week or --from/--to: the last complete ISO week (Monday to Sunday) before today.
    Report {
        /// The ISO week, e.g. 2026-W47. Not together with --from/--to.
        #[arg(long, value_name = "WEEK")]
        week: Option<String>,
        /// First day (inclusive), e.g. 2026-11-16 or 16.11.2026; needs --to.
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Last day (inclusive); needs --from.
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// The HTML file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Default: the team's language setting.
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        /// Also write each chart as PNG into this folder (created if missing).
        #[arg(long, value_name = "DIR")]
        png_dir: Option<PathBuf>,
        /// Replace --out and existing PNGs.
        #[arg(long)]
        force: bool,
    },
    /// Fill an empty database with realistic, repeatable demo data.
    Demo {
        #[arg(long, default_value_t = 12)]
        weeks: u32,
        #[arg(long, default_value_t = 5)]
        members: u32,
        /// Contacts per member per working day.
        #[arg(long, default_value_t = 8)]
        per_day: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Last day of the demo data (default: today).
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        until: Option<NaiveDate>,
    },
    /// Backups of the database: list them, make one, or restore one.
    ///
    /// They live in `murmelglas-backups` beside the database file, or in the folder the
    /// team set. The day's first command that changes the database makes the daily backup.
    Backup {
        #[command(subcommand)]
        action: BackupAction,
    },
}

#[derive(Subcommand)]
enum BackupAction {
    /// The backups, newest first: id, time, reason, size.
    List {
        #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
        format: TableOrJson,
    },
    /// Make a backup now.
    Create,
    /// Replace the database with a backup; the current state is backed up first.
    Restore {
        /// The backup's id, as `murmelglas backup list` shows it.
        id: String,
    },
}

impl Command {
    /// Whether the command may change the database; the day's first such command makes
    /// the daily backup before it does.
    fn writes(&self) -> bool {
        match self {
            Command::Log(_) | Command::Undo | Command::Import { .. } | Command::Demo { .. } => true,
            Command::Members { action } => !matches!(action, MembersAction::List { .. }),
            Command::Settings { action } => matches!(action, Some(SettingsAction::Set { .. })),
            Command::List { .. }
            | Command::Stats { .. }
            | Command::Export { .. }
            | Command::Report { .. }
            | Command::Backup { .. } => false,
        }
    }
}

#[derive(clap::Args)]
struct LogArgs {
    /// golden (Gold) or 08/15 (ordinary)
    rating: Rating,
    #[arg(long)]
    channel: Option<Channel>,
    #[arg(long)]
    motive: Vec<Motive>,
    #[arg(long)]
    perspective: Vec<Perspective>,
    #[arg(long)]
    phase: Option<Phase>,
    #[arg(long)]
    purpose: Option<Purpose>,
    /// The story (up to 4,000 characters).
    #[arg(long, allow_hyphen_values = true)]
    note: Option<String>,
    /// Share the story in the team review.
    #[arg(long)]
    share: bool,
    /// Who had the contact (a team member); without it the contact is anonymous.
    #[arg(long)]
    member: Option<String>,
    /// When it happened (default: now), e.g. 23.11.2026 14:05.
    #[arg(long, value_parser = parse_datetime, value_name = "DATETIME")]
    at: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// Customer's answer to "would you recommend us?", 0–10.
    #[arg(long, value_parser = parse_nps)]
    nps: Option<u8>,
}

#[derive(clap::Args)]
struct Range {
    /// First day (inclusive), e.g. 2026-11-01 or 01.11.2026.
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    from: Option<NaiveDate>,
    /// Last day (inclusive).
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    to: Option<NaiveDate>,
}

#[derive(Subcommand)]
enum MembersAction {
    /// Add a team member.
    Add { name: String },
    /// List members (active ones unless --all).
    List {
        #[arg(long)]
        all: bool,
        #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
        format: TableOrJson,
    },
    /// Rename a member; their contacts follow.
    Rename { old: String, new: String },
    /// Take a member out of the pickers; their contacts stay.
    Deactivate { name: String },
    /// Bring a deactivated member back.
    Activate { name: String },
    /// Delete a member and every contact of theirs (a data-protection request).
    Erase { name: String },
    /// Write everything stored about a member to a JSON file (a subject-access request).
    ExportData {
        name: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Replace --out if it exists.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Subcommand)]
enum SettingsAction {
    /// Print the settings.
    Show {
        #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
        format: TableOrJson,
    },
    /// Change one setting.
    Set {
        key: SettingKey,
        value: String,
        /// With `anonymous-only on`: also take the member off every existing contact, after
        /// a backup. This cannot be undone.
        #[arg(long)]
        strip_existing: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum SettingKey {
    TeamName,
    Language,
    WeekStart,
    Target,
    /// A channel code or label, or `none`.
    DefaultChannel,
    /// `on` keeps the team's jar covered on the log screen until the review meeting.
    HideTeamJar,
    /// `on`: contacts store no member at all (add --strip-existing for the stored ones).
    AnonymousOnly,
    /// Stories older than this many months (1–120) are deleted; `off` keeps them.
    StoryRetentionMonths,
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    Table,
    Csv,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum TableOrJson {
    Table,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum FileFormat {
    Csv,
    Json,
}

impl From<FileFormat> for Format {
    fn from(f: FileFormat) -> Self {
        match f {
            FileFormat::Csv => Format::Csv,
            FileFormat::Json => Format::Json,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    De,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Self {
        match l {
            LangArg::De => Lang::De,
            LangArg::En => Lang::En,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum By {
    Day,
    Week,
    Month,
}

impl From<By> for Granularity {
    fn from(b: By) -> Self {
        match b {
            By::Day => Granularity::Day,
            By::Week => Granularity::Week,
            By::Month => Granularity::Month,
        }
    }
}

/// A failure already worded for the user: one line each.
struct Failure(Vec<String>);

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
    fn only_reads(&self) -> bool {
        !self.writes() && !matches!(self, Command::Backup { .. })
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    let path = database_path(cli.db)?;
    let mut store = match &cli.command {
        None => open_for_reading(&path)?,
        Some(command) if command.only_reads() => open_for_reading(&path)?,
        Some(_) => Store::open(&path)?,
    };
    let mut stdout = io::stdout().lock();
    let Some(command) = cli.command else {
        return today(&store, &mut stdout);
    };
    let mut warning = None;
    if command.writes() {
        warning = daily_backup(&store, &path)?;
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
                store
                    .path()
                    .map_or("memory".into(), |p| p.display().to_string())
            )?;
        }
    }
    // Said only when the command itself succeeded: a failure is its own one line.
    if let Some(warning) = warning {
        eprintln!("murmelglas: warning: {warning}");
    }
    Ok(())
}

/// The daily backup before the day's first change. A failed backup does not stop the work
/// at hand (a contact logged between two customers): it comes back as a warning, and the
/// next command that writes tries again. But a database that fails the backup's
/// integrity check is damaged: nothing is written to it.
fn daily_backup(store: &Store, path: &Path) -> Result<Option<String>, Failure> {
    let made = BackupFolder::of_store(store)
        .and_then(|folder| folder.daily_if_due(store, datetime::now()));
    match made {
        Ok(_) => Ok(None),
        Err(BackupError::CopyDamaged { detail }) => Err(Failure(vec![format!(
            "{}: the database is damaged (integrity check: {}); nothing was written. Restore a backup: `murmelglas backup list`, then `murmelglas backup restore ID`",
            path.display(),
            murmelglas::domain::shorten(&detail, 120)
        )])),
        Err(BackupError::Sqlite(e)) => {
            let e = store::StoreError::from(e);
            if e.is_damaged() {
                Err(Failure(vec![format!("{}: {e}", path.display())]))
            } else {
                Ok(Some(format!("no daily backup: {e}")))
            }
        }
        Err(e) => Ok(Some(format!("no daily backup: {e}"))),
    }
}

fn backup(store: &Store, action: BackupAction, out: &mut impl Write) -> Result<(), Failure> {
    let folder = BackupFolder::of_store(store)?;
    match action {
        BackupAction::List {
            format: TableOrJson::Json,
        } => {
            serde_json::to_writer_pretty(&mut *out, &folder.list()?)?;
            writeln!(out)?;
        }
        BackupAction::List { .. } => {
            let backups = folder.list()?;
            if backups.is_empty() {
                writeln!(
                    out,
                    "No backups in {} yet; make one with `murmelglas backup create`.",
                    folder.path().display()
                )?;
                return Ok(());
            }
            writeln!(out, "Backups in {}, newest first:", folder.path().display())?;
            writeln!(
                out,
                "{:<36}  {:<16}  {:<16}  {:>10}",
                "id", "made", "reason", "size"
            )?;
            for b in &backups {
                writeln!(
                    out,
                    "{:<36}  {:<16}  {:<16}  {:>10}",
                    b.id,
                    b.created.format("%d.%m.%Y %H:%M"),
                    b.reason.code(),
                    size(b.size_bytes)
                )?;
            }
            writeln!(out, "{} backups", backups.len())?;
        }
        BackupAction::Create => {
            let made = folder.create(store, BackupReason::Manual, datetime::now())?;
            writeln!(out, "Backed up the database as {}.", described(&made))?;
            writeln!(out, "File: {}", made.path.display())?;
        }
        BackupAction::Restore { id } => {
            let done = folder.restore(store, &id, datetime::now())?;
            writeln!(out, "Restored backup {}.", described(&done.restored))?;
            writeln!(
                out,
                "The state before is backup {}; `murmelglas backup restore {}` brings it back.",
                described(&done.safety),
                done.safety.id
            )?;
            writeln!(
                out,
                "Contacts: {} before, {} now.",
                done.contacts_before, done.contacts_after
            )?;
        }
    }
    Ok(())
}

/// `20261201-193005-manual (01.12.2026 19:30, 184 KiB)`
fn described(b: &BackupInfo) -> String {
    format!(
        "{} ({}, {})",
        b.id,
        b.created.format("%d.%m.%Y %H:%M:%S"),
        size(b.size_bytes)
    )
}

fn size(bytes: u64) -> String {
    match bytes {
        b if b < 1024 => format!("{b} B"),
        b if b < 1024 * 1024 => format!("{:.0} KiB", b as f64 / 1024.0),
        b => format!("{:.1} MiB", b as f64 / (1024.0 * 1024.0)),
    }
}

/// Without a command: today's jar, and how to add to it.
fn today(store: &Store, out: &mut impl Write) -> Result<(), Failure> {
    let day = datetime::today();
    let f = analytics::stats(store, Some(day), Some(day), None)?.figures;
    let settings = store.get_settings()?;
    let team = if settings.team_name.is_empty() {
        String::new()
    } else {
        format!(" – {}", settings.team_name)
    };
    writeln!(out, "Murmelglas{team}, {}", day.format("%d.%m.%Y"))?;
    writeln!(
        out,
        "Today's jar: {} Gold, {} 08/15{}",
        f.golden,
        f.ordinary,
        f.golden_share
            .map(|s| format!(" ({:.0} % golden)", s * 100.0))
            .unwrap_or_default()
    )?;
    writeln!(
        out,
        "\nLog a contact:  murmelglas log golden   |   murmelglas log 08/15 --channel phone --motive speed\nMore:           murmelglas --help   (database: {})",
        store.path().map_or("memory".into(), |p| p.display().to_string())
    )?;
    Ok(())
}

impl Range {
    fn filter(&self) -> Result<ContactFilter, Failure> {
        if let (Some(from), Some(to)) = (self.from, self.to) {
            if from > to {
                return Err(Failure(vec![format!(
                    "--from {} is after --to {}",
                    from.format("%d.%m.%Y"),
                    to.format("%d.%m.%Y")
                )]));
            }
        }
        Ok(ContactFilter {
            from: self.from,
            to: self.to,
        })
    }
}

/// The report's period from --week or --from/--to, or the last complete week.
fn report_period(
    week: Option<&str>,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<(NaiveDate, NaiveDate), Failure> {
    let date =
        |flag: &str, s: &str| parse_date(s).map_err(|e| Failure(vec![format!("--{flag}: {e}")]));
    match (week, from, to) {
        (Some(_), Some(_), _) | (Some(_), _, Some(_)) => Err(Failure(vec![
            "give either --week or --from/--to, not both".into(),
        ])),
        (Some(week), None, None) => Ok(review::iso_week(week)?),
        (None, Some(from), Some(to)) => {
            let (from, to) = (date("from", from)?, date("to", to)?);
            if to < from {
                return Err(Failure(vec![format!(
                    "--to {} is before --from {}",
                    to.format("%d.%m.%Y"),
                    from.format("%d.%m.%Y")
                )]));
            }
            Ok((from, to))
        }
        (None, Some(_), None) | (None, None, Some(_)) => {
            Err(Failure(vec!["give both --from and --to, or --week".into()]))
        }
        (None, None, None) => Ok(report::last_complete_week(datetime::today())),
    }
}

fn log(store: &mut Store, args: LogArgs, out: &mut impl Write) -> Result<(), Failure> {
    let draft = ContactDraft {
        rating: args.rating,
        occurred_at: args.at,
        member: args.member,
        channel: args.channel,
        phase: args.phase,
        purpose: args.purpose,
        motives: args.motive.into_iter().collect(),
        perspectives: args.perspective.into_iter().collect(),
        note: args.note,
        share_in_review: args.share,
        nps: args.nps,
    };
    let named = draft.member.is_some();
    let contact = store.log_contact(draft, datetime::now())?;
    let day = contact.occurred_at.date_naive();
    let that_day = analytics::stats(store, Some(day), Some(day), None)?.figures;
    writeln!(
        out,
        "Logged {} for {}{}. That day: {} Gold, {} 08/15.",
        contact.rating.label(Lang::En),
        contact.occurred_at.format("%d.%m.%Y %H:%M"),
        if named && contact.member.is_none() {
            " without a name (the team keeps no names)"
        } else {
            ""
        },
        that_day.golden,
        that_day.ordinary
    )?;
    Ok(())
}

fn import(
    store: &mut Store,
    file: &Path,
    format: Option<FileFormat>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    // On a terminal a bar shows how far a big import has come; piped, nothing extra.
    let bar = std::io::stderr().is_terminal().then(|| {
        let size = std::fs::metadata(file).map_or(0, |m| m.len());
        let bar = indicatif::ProgressBar::new(size);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {bytes}/{total_bytes}  {msg}  {elapsed}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let show = |p: import::ImportProgress| {
        if let Some(bar) = &bar {
            bar.set_position(p.bytes);
            bar.set_message(format!("{} rows", p.rows));
        }
    };
    let control = import::ImportControl {
        progress: Some(&show),
        cancel: None,
    };
    let result = import::import_file_with(store, file, format.map(Into::into), control);
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    match result {
        Ok(s) => {
            writeln!(
                out,
                "Imported {}: {} read, {} added, {} already present{}.",
                file.display(),
                s.read,
                s.added,
                s.already_present,
                if s.members_added > 0 {
                    format!(", {} new team members", s.members_added)
                } else {
                    String::new()
                }
            )?;
            Ok(())
        }
        Err(ImportError::Invalid {
            path,
            errors,
            total,
        }) => {
            let mut lines: Vec<String> = errors.iter().map(|e| format!("{path}: {e}")).collect();
            let shown_rows = errors
                .iter()
                .map(|e| e.line)
                .collect::<std::collections::BTreeSet<_>>()
                .len();
            if total > shown_rows {
                lines.push(format!(
                    "{path}: … and {} more bad rows",
                    total - shown_rows
                ));
            }
            lines.push(format!(
                "{path}: {total} bad {}; nothing was imported",
                if total == 1 { "row" } else { "rows" }
            ));
            Err(Failure(lines))
        }
        Err(e) => Err(e.into()),
    }
}

fn members(store: &mut Store, action: MembersAction, out: &mut impl Write) -> Result<(), Failure> {
    match action {
        MembersAction::Add { name } => {
            let m = store.insert_member(&name)?;
            writeln!(out, "Added {}.", m.name)?;
        }
        MembersAction::List { all, format } => {
            let members = store.list_members(all)?;
            match format {
                TableOrJson::Json => {
                    serde_json::to_writer_pretty(&mut *out, &members)?;
                    writeln!(out)?;
                }
                TableOrJson::Table => {
                    if members.is_empty() {
                        writeln!(
                            out,
                            "No team members yet; add one with `murmelglas members add NAME`."
                        )?;
                    }
                    for m in members {
                        writeln!(
                            out,
                            "{}{}",
                            m.name,
                            if m.active { "" } else { " (inactive)" }
                        )?;
                    }
                }
            }
        }
        MembersAction::Rename { old, new } => {
            let m = store.rename_member(&old, &new)?;
            writeln!(out, "Renamed {old} to {}.", m.name)?;
        }
        MembersAction::Deactivate { name } => {
            let m = store.set_member_active(&name, false)?;
            writeln!(out, "Deactivated {}; their contacts stay.", m.name)?;
        }
        MembersAction::Activate { name } => {
            let m = store.set_member_active(&name, true)?;
            writeln!(out, "Activated {}.", m.name)?;
        }
        MembersAction::Erase { name } => {
            let erased = store.erase_member(&name)?;
            let folder = BackupFolder::of_store(store)?;
            writeln!(
                out,
                "Erased {}: {} contacts, {} of them with a story. Backups in {} still hold them until they are rotated out (at most five weeks).",
                erased.member,
                erased.contacts,
                erased.stories,
                folder.path().display()
            )?;
        }
        MembersAction::ExportData {
            name,
            out: file,
            force,
        } => {
            let data = store.member_data(&name)?;
            export::write_json_file(&data, &file, force)?;
            writeln!(
                out,
                "Wrote everything stored about {} ({} contacts) to {}.",
                data.member.name,
                data.contacts.len(),
                file.display()
            )?;
        }
    }
    Ok(())
}

fn settings(
    store: &mut Store,
    action: Option<SettingsAction>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let mut settings = store.get_settings()?;
    match action.unwrap_or(SettingsAction::Show {
        format: TableOrJson::Table,
    }) {
        SettingsAction::Show {
            format: TableOrJson::Json,
        } => {
            serde_json::to_writer_pretty(&mut *out, &settings)?;
            writeln!(out)?;
        }
        SettingsAction::Show { .. } => {
            writeln!(out, "team-name   {}", settings.team_name)?;
            writeln!(out, "language    {}", settings.language)?;
            writeln!(out, "week-start  {}", settings.week_start)?;
            writeln!(
                out,
                "target      {:.0} % golden",
                settings.target_golden_share * 100.0
            )?;
            writeln!(
                out,
                "default-channel {}",
                settings.default_channel.map_or("none", |c| c.code())
            )?;
            writeln!(
                out,
                "hide-team-jar {}",
                if settings.hide_team_jar { "on" } else { "off" }
            )?;
            writeln!(
                out,
                "anonymous-only {}",
                if settings.anonymous_only { "on" } else { "off" }
            )?;
            writeln!(
                out,
                "story-retention-months {}",
                settings
                    .story_retention_months
                    .map_or("off".to_string(), |m| m.to_string())
            )?;
        }
        SettingsAction::Set {
            key: SettingKey::AnonymousOnly,
            value,
            strip_existing,
        } => anonymous_only(store, parse_switch(&value)?, strip_existing, out)?,
        SettingsAction::Set {
            key: SettingKey::StoryRetentionMonths,
            value,
            ..
        } => {
            settings.story_retention_months = parse_retention_months(&value)?;
            store.update_settings(&settings)?;
            match store.apply_story_retention(datetime::today())? {
                None => writeln!(out, "Saved. Stories are kept.")?,
                Some(purged) => writeln!(
                    out,
                    "Saved. Deleted {purged} {} from before {}; from now on stories older than {} months are deleted.",
                    if purged == 1 { "story" } else { "stories" },
                    store::retention_cutoff(
                        datetime::today(),
                        settings.story_retention_months.unwrap_or_default()
                    )
                    .format("%d.%m.%Y"),
                    settings.story_retention_months.unwrap_or_default()
                )?,
            }
        }
        SettingsAction::Set { key, value, .. } => {
            match key {
                SettingKey::TeamName => settings.team_name = value.trim().to_string(),
                SettingKey::Language => settings.language = value.parse()?,
                SettingKey::WeekStart => settings.week_start = value.parse::<WeekStart>()?,
                SettingKey::Target => settings.target_golden_share = parse_target_share(&value)?,
                SettingKey::DefaultChannel => {
                    settings.default_channel = match value.trim() {
                        "" | "none" | "keine" => None,
                        v => Some(v.parse()?),
                    }
                }
                SettingKey::HideTeamJar => settings.hide_team_jar = parse_switch(&value)?,
                SettingKey::AnonymousOnly | SettingKey::StoryRetentionMonths => {
                    unreachable!("handled above")
                }
            }
            store.update_settings(&settings)?;
            writeln!(out, "Saved.")?;
        }
    }
    Ok(())
}

/// `anonymous-only on|off`: no member with new contacts; with `strip`, also none with the
/// stored ones, after a backup (one transaction; cannot be undone but from the backup).
fn anonymous_only(
    store: &mut Store,
    on: bool,
    strip: bool,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let mut settings = store.get_settings()?;
    if on && strip {
        let named = store.count_named_contacts()?;
        let backup = if named > 0 {
            let folder = BackupFolder::of_store(store)?;
            Some(folder.create(store, BackupReason::BeforeAnonymizing, datetime::now())?)
        } else {
            None
        };
        let stripped = store.strip_members()?;
        writeln!(
            out,
            "Saved. Took the member off {stripped} {}{}; new contacts store no member.",
            if stripped == 1 { "contact" } else { "contacts" },
            backup.map_or(String::new(), |b| format!(" (backup {} made first)", b.id)),
        )?;
        return Ok(());
    }
    if !on && strip {
        return Err(Failure(vec![
            "--strip-existing goes with anonymous-only on".into(),
        ]));
    }
    settings.anonymous_only = on;
    store.update_settings(&settings)?;
    let named = store.count_named_contacts()?;
    if on && named > 0 {
        writeln!(
            out,
            "Saved. New contacts store no member. {named} stored {} still name someone; `murmelglas settings set anonymous-only on --strip-existing` takes the names off them (after a backup; this cannot be undone).",
            if named == 1 { "contact" } else { "contacts" }
        )?;
    } else {
        writeln!(out, "Saved.")?;
    }
    Ok(())
}

/// `on`/`off` and their usual spellings, German too.
fn parse_switch(value: &str) -> Result<bool, Failure> {
    match value.trim().to_lowercase().as_str() {
        "on" | "yes" | "true" | "1" | "an" | "ja" => Ok(true),
        "off" | "no" | "false" | "0" | "aus" | "nein" => Ok(false),
        other => Err(Failure(vec![format!(
            "'{}' is not on or off",
            murmelglas::domain::shorten(other, 40)
        )])),
    }
}

fn print_contacts(
    store: &Store,
    filter: &ContactFilter,
    out: &mut impl Write,
) -> Result<(), Failure> {
    writeln!(
        out,
        "{:<16}  {:<6}  {:<12}  {:<10}  {:<28}  story",
        "when", "rating", "member", "channel", "motives / perspectives"
    )?;
    let mut count = 0;
    store.for_each_contact(filter, |c| {
        let tags = [
            format_tag_list(&c.motives, None),
            format_tag_list(&c.perspectives, None),
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" / ");
        let story: String = c
            .note
            .as_deref()
            .unwrap_or("")
            .replace('\n', " ")
            .chars()
            .take(40)
            .collect();
        writeln!(
            out,
            "{:<16}  {:<6}  {:<12}  {:<10}  {:<28}  {}",
            c.occurred_at.format("%d.%m.%Y %H:%M"),
            c.rating.label(Lang::De),
            c.member.as_deref().unwrap_or("–"),
            c.channel.map_or("–", |ch| ch.code()),
            tags,
            story
        )
        .map_err(|e| Failure(vec![e.to_string()]))?;
        count += 1;
        Ok::<_, Failure>(())
    })?;
    writeln!(out, "{count} contacts")?;
    Ok(())
}

fn percent(v: Option<f64>) -> String {
    v.map_or("–".into(), |x| format!("{:.1} %", x * 100.0))
}

fn print_stats(stats: &Stats, out: &mut impl Write) -> Result<(), Failure> {
    let f = &stats.figures;
    writeln!(
        out,
        "{} contacts: {} Gold, {} 08/15, golden share {} (95 % interval {} – {})",
        f.total,
        f.golden,
        f.ordinary,
        percent(f.golden_share),
        percent(f.ci_low),
        percent(f.ci_high)
    )?;
    if let Some(change) = &stats.change {
        let c = &change.comparison;
        let verdict = match c.change {
            analytics::Change::Up => "a real rise",
            analytics::Change::Down => "a real fall",
            analytics::Change::WithinNormalVariation => "within normal variation",
            analytics::Change::TooFewToTell => "too few contacts to tell",
        };
        let points = c
            .difference
            .map_or("–".to_string(), |d| format!("{:+.1} points", d * 100.0));
        let p = c.p_value.map_or(String::new(), |p| format!(", p = {p:.3}"));
        writeln!(
            out,
            "vs {} – {} ({} contacts, {}): {points}, {verdict}{p}",
            change.previous_from,
            change.previous_to,
            c.previous.total,
            percent(c.previous.golden_share),
        )?;
    }
    if let Some(series) = &stats.series {
        writeln!(out)?;
        writeln!(
            out,
            "{:<10}  {:>6}  {:>6}  {:>6}  {:>8}  95 % interval",
            "period", "total", "gold", "08/15", "share"
        )?;
        for p in series {
            let g = &p.figures;
            writeln!(
                out,
                "{:<10}  {:>6}  {:>6}  {:>6}  {:>8}  {} – {}",
                p.period,
                g.total,
                g.golden,
                g.ordinary,
                percent(g.golden_share),
                percent(g.ci_low),
                percent(g.ci_high)
            )?;
        }
    }
    Ok(())
}
