//! What the command line accepts (clap), and which commands only read.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use murmelglas::analytics::Granularity;
use murmelglas::cycle::{Focus, MeasureStatus};
use murmelglas::datetime::{parse_date, parse_datetime};
use murmelglas::domain::{
    parse_nps, Channel, Lang, Motive, Obstacle, Perspective, Phase, Purpose, Rating,
};
use murmelglas::export::Format;

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

// Parsed once per run: the size of the biggest variant costs nothing worth a box.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
pub(crate) enum MeetingAction {
    /// Where the meeting starts: the last meeting's conclusions, the measures since (each
    /// with its effect so far), the goals in force and the rule of the week.
    Agenda {
        /// The meeting's day (default: today).
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        on: Option<NaiveDate>,
        #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
        format: TableOrJson,
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Save the meeting's minutes: the period's figures frozen as they are now, the
    /// measures reviewed and decided, the stories discussed and the four-step conclusions.
    Save {
        /// The ISO week looked at, e.g. 2026-W47 (default: the last complete week).
        #[arg(long, value_name = "WEEK")]
        week: Option<String>,
        /// First day looked at (inclusive); needs --to. Not together with --week.
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Last day looked at (inclusive); needs --from.
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// The meeting's day (default: today).
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        on: Option<NaiveDate>,
        /// Our conclusions, step 1: what we aim for.
        #[arg(long, value_name = "TEXT")]
        goal: Option<String>,
        /// Step 2: what we do to get there.
        #[arg(long, value_name = "TEXT")]
        procedure: Option<String>,
        /// Step 3: what came of it.
        #[arg(long, value_name = "TEXT")]
        result: Option<String>,
        /// Step 4: what we conclude.
        #[arg(long, value_name = "TEXT")]
        conclusion: Option<String>,
        /// A shared story discussed (its contact id); may be repeated.
        #[arg(long, value_name = "ID")]
        story: Vec<uuid::Uuid>,
        /// A measure the meeting keeps; may be repeated.
        #[arg(long, value_name = "ID")]
        keep: Vec<i64>,
        /// A measure the meeting changes; may be repeated.
        #[arg(long, value_name = "ID")]
        change: Vec<i64>,
        /// A measure the meeting ends (on the meeting's day); may be repeated.
        #[arg(long, value_name = "ID")]
        end: Vec<i64>,
        /// The language the rule of the week is kept in (default: the team's).
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// The past meetings, newest first.
    List {
        #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
        format: TableOrJson,
    },
    /// One past meeting, as it was saved.
    Show {
        id: i64,
        #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
        format: TableOrJson,
    },
    /// Write a meeting's minutes for the quality handbook: HTML on the weekly report's page
    /// (same charts, the measures' marks, print style) or Markdown. They name nobody.
    Export {
        /// The newest meeting.
        #[arg(long, conflicts_with = "id", required_unless_present = "id")]
        last: bool,
        /// The meeting with this id.
        #[arg(long)]
        id: Option<i64>,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Default: the --out file's extension (.md: Markdown), else html.
        #[arg(long, value_enum)]
        format: Option<MinutesFormatArg>,
        /// Default: the team's language setting.
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        /// Replace --out if it exists.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum MinutesFormatArg {
    Html,
    Md,
}

#[derive(Subcommand)]
pub(crate) enum RuleAction {
    /// The rules in use (with --all also the retired ones); shipped ones in --lang
    /// (default: the team's language) until the team rewords them.
    List {
        #[arg(long)]
        all: bool,
        #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
        format: TableOrJson,
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Add a rule in the team's words.
    Add { text: String },
    /// Put a rule in the team's own words.
    Reword { id: i64, text: String },
    /// Retire a rule: it is kept, but neither shown nor offered any more.
    Retire { id: i64 },
    /// Bring a retired rule back.
    Restore { id: i64 },
    /// The rule of the week (the same all week; the rules take turns week by week).
    Week {
        /// The ISO week, e.g. 2026-W47 (default: this week).
        #[arg(long, value_name = "WEEK")]
        week: Option<String>,
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
}

#[derive(Subcommand)]
pub(crate) enum MeasureAction {
    /// Add a measure the team decided. Without --status it is planned when it starts
    /// later, running otherwise.
    Add {
        #[arg(long)]
        title: String,
        /// What it is about: a channel, phase, purpose, motive or perspective (code or
        /// German label, or kind:code), or `all` for all of the team's contacts.
        #[arg(long, value_parser = parse_why, value_name = "CODE")]
        why: Why,
        /// The member who takes care of it (default: the team).
        #[arg(long, value_name = "NAME")]
        owner: Option<String>,
        /// The first day, e.g. 2026-11-23 or 23.11.2026.
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        start: NaiveDate,
        /// When to look again.
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        review_on: Option<NaiveDate>,
        /// planned, running, kept or changed.
        #[arg(long)]
        status: Option<MeasureStatus>,
    },
    /// The measures, in the order they start.
    List {
        #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
        format: TableOrJson,
    },
    /// Set where a measure stands: planned, running, kept, changed or ended.
    SetStatus {
        id: i64,
        status: MeasureStatus,
        /// With `ended`: the day it ended (default: today).
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        on: Option<NaiveDate>,
    },
    /// What the measure did: the golden share of what it is about in the 4 weeks before
    /// its start against the 4 weeks after (its first week left out), with 95 % intervals
    /// and the verdict; measures running at the same time are listed beside it.
    Effect {
        id: i64,
        #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
        format: TableOrJson,
        /// Count the contacts up to this day (default: today).
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        as_of: Option<NaiveDate>,
    },
}

/// What a measure is about, as `--why` gives it: one focus, or all contacts.
#[derive(Clone, Copy)]
pub(crate) struct Why(pub(crate) Option<Focus>);

fn parse_why(s: &str) -> Result<Why, String> {
    match s.trim().to_lowercase().as_str() {
        "all" | "alle" | "overall" | "gesamt" | "team" => Ok(Why(None)),
        _ => s
            .parse::<Focus>()
            .map(|f| Why(Some(f)))
            .map_err(|e| e.to_string()),
    }
}

#[derive(Subcommand)]
pub(crate) enum GoalAction {
    /// Add a goal. With --target it has a measurable part: the golden share of all
    /// contacts, or of one channel, phase, purpose or motive; the trend draws it from
    /// --from on.
    Add {
        /// The goal in the team's words.
        text: String,
        /// The golden share aimed for: 0.6, 60 or 60 %.
        #[arg(long, value_parser = parse_share, value_name = "SHARE")]
        target: Option<f64>,
        #[command(flatten)]
        part: GoalPart,
        /// The first day in force (default: today).
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        from: Option<NaiveDate>,
    },
    /// The goals, ended ones too, in the order they started.
    List {
        #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
        format: TableOrJson,
    },
    /// End a goal: from --on (default: today) it is no longer in force.
    End {
        id: i64,
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        on: Option<NaiveDate>,
    },
}

/// The part of the contacts a goal's target is about; none: all of them.
#[derive(clap::Args)]
#[group(multiple = false)]
pub(crate) struct GoalPart {
    #[arg(long)]
    pub(crate) channel: Option<Channel>,
    #[arg(long)]
    pub(crate) phase: Option<Phase>,
    #[arg(long)]
    pub(crate) purpose: Option<Purpose>,
    #[arg(long)]
    pub(crate) motive: Option<Motive>,
}

/// A share as a fraction or a percentage, for the argument parser.
fn parse_share(s: &str) -> Result<f64, String> {
    murmelglas::domain::parse_target_share(s).map_err(|e| e.to_string())
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
