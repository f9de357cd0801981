//! What the command line accepts (clap), and which commands only read.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use murmelglas::analytics::Granularity;
use murmelglas::datetime::{parse_date, parse_datetime};
use murmelglas::domain::{
    parse_nps, Channel, Lang, Motive, Obstacle, Perspective, Phase, Purpose, Rating,
};
use murmelglas::export::Format;

pub(crate) use crate::args_cycle::*;

#[derive(Parser)]
#[command(
    name = "murmelglas",
    version,
    about = "Log customer contacts as golden or 08/15, and see how the team's jar fills.",
    after_help = "Codes may be given as the code or the German label, in any case: phone or Telefon, speed or Geschwindigkeit."
)]
pub(crate) struct Cli {
    /// The database file (created if missing), or the team's server as
    /// postgres://user@host/database. Default: a file in the platform data directory.
    #[arg(long, global = true, env = "MURMELGLAS_DB", value_name = "PATH")]
    pub(crate) db: Option<PathBuf>,
    #[command(subcommand)]
    pub(crate) command: Option<Command>,
}

#[derive(Subcommand)]
pub(crate) enum Command {
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
    /// Suggestions and complaints as a process: take them, answer them in time, count
    /// their causes.
    Feedback {
        #[command(subcommand)]
        action: crate::feedback::FeedbackAction,
    },
    /// The team's shared database on PostgreSQL (--db postgres://…).
    Server {
        #[command(subcommand)]
        action: ServerAction,
    },
    /// The team's goals: what it aims for from a day on, optionally with a target share.
    Goal {
        #[command(subcommand)]
        action: GoalAction,
    },
    /// The measures the team decided, and what each did.
    Measure {
        #[command(subcommand)]
        action: MeasureAction,
    },
    /// The team's service rules and principles: the meeting's prompts.
    Rule {
        #[command(subcommand)]
        action: RuleAction,
    },
    /// The weekly meeting: where it starts, its saved minutes, and their export.
    Meeting {
        #[command(subcommand)]
        action: MeetingAction,
    },
}

#[derive(Subcommand)]
pub(crate) enum ServerAction {
    /// Create or upgrade Murmelglas's tables, as the database's owner (IT does this once,
    /// and after an update of Murmelglas).
    Init {
        /// Also let this role read and write rows (the role the app and CLI connect with).
        #[arg(long, value_name = "ROLE")]
        grant_to: Option<String>,
    },
    /// Copy a local file's members, settings and contacts into the team database. Ids are
    /// kept: running it again, or from another computer with the same contacts, adds
    /// nothing twice.
    Upload {
        /// The local database file.
        file: PathBuf,
    },
}

#[derive(Subcommand)]
pub(crate) enum BackupAction {
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
    pub(crate) fn writes(&self) -> bool {
        match self {
            Command::Log(_) | Command::Undo | Command::Import { .. } | Command::Demo { .. } => true,
            Command::Members { action } => !matches!(action, MembersAction::List { .. }),
            Command::Settings { action } => matches!(action, Some(SettingsAction::Set { .. })),
            Command::Feedback { action } => action.writes(),
            Command::Goal { action } => !matches!(action, GoalAction::List { .. }),
            Command::Rule { action } => {
                !matches!(action, RuleAction::List { .. } | RuleAction::Week { .. })
            }
            Command::Meeting { action } => matches!(action, MeetingAction::Save { .. }),
            Command::Measure { action } => matches!(
                action,
                MeasureAction::Add { .. } | MeasureAction::SetStatus { .. }
            ),
            Command::List { .. }
            | Command::Stats { .. }
            | Command::Export { .. }
            | Command::Report { .. }
            | Command::Backup { .. }
            | Command::Server { .. } => false,
        }
    }
}

#[derive(clap::Args)]
pub(crate) struct LogArgs {
    /// golden (Gold) or 08/15 (ordinary)
    pub(crate) rating: Rating,
    #[arg(long)]
    pub(crate) channel: Option<Channel>,
    #[arg(long)]
    pub(crate) motive: Vec<Motive>,
    #[arg(long)]
    pub(crate) perspective: Vec<Perspective>,
    /// On an 08/15 contact: what got in our way (lack-of-time, mood, missing-knowledge,
    /// pressure).
    #[arg(long)]
    pub(crate) obstacle: Vec<Obstacle>,
    #[arg(long)]
    pub(crate) phase: Option<Phase>,
    #[arg(long)]
    pub(crate) purpose: Option<Purpose>,
    /// The story (up to 4,000 characters).
    #[arg(long, allow_hyphen_values = true)]
    pub(crate) note: Option<String>,
    /// Share the story in the team review.
    #[arg(long)]
    pub(crate) share: bool,
    /// Who had the contact (a team member); without it the contact is anonymous.
    #[arg(long)]
    pub(crate) member: Option<String>,
    /// When it happened (default: now), e.g. 23.11.2026 14:05.
    #[arg(long, value_parser = parse_datetime, value_name = "DATETIME")]
    pub(crate) at: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// Customer's answer to "would you recommend us to a good friend?", 0–10.
    #[arg(long, value_parser = parse_nps)]
    pub(crate) nps: Option<u8>,
    /// Where it was logged, e.g. "Filiale Markt"; default: MURMELGLAS_PLACE, else none.
    #[arg(long, env = "MURMELGLAS_PLACE", value_name = "PLACE")]
    pub(crate) place: Option<String>,
}

#[derive(clap::Args)]
pub(crate) struct Range {
    /// First day (inclusive), e.g. 2026-11-01 or 01.11.2026.
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub(crate) from: Option<NaiveDate>,
    /// Last day (inclusive).
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub(crate) to: Option<NaiveDate>,
}

#[derive(Subcommand)]
pub(crate) enum MembersAction {
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
pub(crate) enum SettingsAction {
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
pub(crate) enum SettingKey {
    TeamName,
    Language,
    WeekStart,
    /// Moved: the target is a goal now (`murmelglas goal add TEXT --target 60`).
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
pub(crate) enum ListFormat {
    Table,
    Csv,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum TableOrJson {
    Table,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum FileFormat {
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
pub(crate) enum LangArg {
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
pub(crate) enum By {
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
