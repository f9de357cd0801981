//! What the command line accepts for the improvement cycle: goals, measures, the team's
//! rules and the meeting.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Subcommand, ValueEnum};

use murmelglas::cycle::{MeasureStatus, Why as WhyCode};
use murmelglas::datetime::parse_date;
use murmelglas::domain::{Channel, Motive, Phase, Purpose};

use crate::args::{LangArg, TableOrJson};

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
        /// German label, or kind:code), `cause:CODE` for the complaints of a feedback
        /// cause, or `all` for all of the team's contacts.
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
    /// and the verdict — for a cause its complaints in the same weeks; measures running at
    /// the same time are listed beside it.
    Effect {
        id: i64,
        #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
        format: TableOrJson,
        /// Count the contacts up to this day (default: today).
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        as_of: Option<NaiveDate>,
    },
}

/// What a measure is about, as `--why` gives it: one focus, a cause, or all contacts.
#[derive(Clone)]
pub(crate) struct Why(pub(crate) Option<WhyCode>);

fn parse_why(s: &str) -> Result<Why, String> {
    match s.trim().to_lowercase().as_str() {
        "all" | "alle" | "overall" | "gesamt" | "team" => Ok(Why(None)),
        _ => s
            .parse::<WhyCode>()
            .map(|w| Why(Some(w)))
            .map_err(|e| e.to_string()),
    }
}

#[derive(Subcommand)]
pub(crate) enum GoalAction {
    /// Add a goal. With --target it has a measurable part: the golden share of all
    /// contacts, or of one channel, phase, purpose or motive; the trend draws it from
    /// --from on. With --complaints-per-week it aims at no more complaints a week than
    /// that, of one --cause or of all; the complaints chart draws it from --from on.
    Add {
        /// The goal in the team's words.
        text: String,
        /// The golden share aimed for: 0.6, 60 or 60 %.
        #[arg(long, value_parser = parse_share, value_name = "SHARE")]
        target: Option<f64>,
        #[command(flatten)]
        part: GoalPart,
        /// At most this many complaints a week (0 or more, e.g. 2 or 1.5).
        #[arg(long, value_parser = parse_per_week, value_name = "N", conflicts_with = "target")]
        complaints_per_week: Option<f64>,
        /// The feedback cause whose complaints are counted, by its code (see `murmelglas
        /// feedback causes`); without it all complaints.
        #[arg(
            long,
            value_name = "CODE",
            requires = "complaints_per_week",
            conflicts_with = "target"
        )]
        cause: Option<String>,
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

/// Complaints per week: a number 0 or more, with a decimal point or comma.
fn parse_per_week(s: &str) -> Result<f64, String> {
    s.trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && *v >= 0.0)
        .ok_or_else(|| murmelglas::cycle::CycleError::BadComplaintsTarget(s.into()).to_string())
}

/// A share as a fraction or a percentage, for the argument parser.
fn parse_share(s: &str) -> Result<f64, String> {
    murmelglas::domain::parse_target_share(s).map_err(|e| e.to_string())
}
