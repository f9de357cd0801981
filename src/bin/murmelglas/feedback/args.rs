//! What `murmelglas feedback …` accepts (clap), and which of it writes.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Subcommand, ValueEnum};

use murmelglas::datetime::{parse_date, parse_datetime};
use murmelglas::feedback::stats::FeedbackKey;
use murmelglas::feedback::{FeedbackKind, FeedbackRef, FeedbackState};

use crate::args::{FileFormat, LangArg, TableOrJson};

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
    pub(super) kind: FeedbackKind,
    /// What the customer brought up, in a few words (up to 500 characters).
    #[arg(long, allow_hyphen_values = true)]
    pub(super) summary: String,
    /// A cause of the team's list, by code or name.
    #[arg(long)]
    pub(super) cause: Option<String>,
    #[arg(long)]
    pub(super) urgent: bool,
    /// The customer wants to hear what came of it.
    #[arg(long)]
    pub(super) reply_wanted: bool,
    /// The contact it came up in (its id).
    #[arg(long, value_name = "ID")]
    pub(super) contact: Option<uuid::Uuid>,
    /// Who took it (a team member); without it nobody is named.
    #[arg(long)]
    pub(super) member: Option<String>,
    /// How we answer (at most 200 characters; cleared 90 days after the close).
    #[arg(long, allow_hyphen_values = true)]
    pub(super) answer_note: Option<String>,
    /// The summary may be read out in the team's report.
    #[arg(long)]
    pub(super) share: bool,
    /// When it came in (default: now), e.g. 23.11.2026 14:05.
    #[arg(long, value_parser = parse_datetime, value_name = "DATETIME")]
    pub(super) at: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// Settled on the spot, with this outcome: closed in one step.
    #[arg(long, value_name = "OUTCOME", allow_hyphen_values = true)]
    pub(super) settled: Option<String>,
}

#[derive(clap::Args)]
pub(crate) struct EditArgs {
    pub(super) id: FeedbackRef,
    #[arg(long)]
    pub(super) kind: Option<FeedbackKind>,
    #[arg(long, allow_hyphen_values = true)]
    pub(super) summary: Option<String>,
    /// A cause, or `none`.
    #[arg(long)]
    pub(super) cause: Option<String>,
    /// on or off.
    #[arg(long, value_name = "ON|OFF")]
    pub(super) urgent: Option<String>,
    /// on or off.
    #[arg(long, value_name = "ON|OFF")]
    pub(super) reply_wanted: Option<String>,
    /// A contact's id, or `none`.
    #[arg(long, value_name = "ID")]
    pub(super) contact: Option<String>,
    /// How we answer, or `none` to clear it.
    #[arg(long, allow_hyphen_values = true)]
    pub(super) answer_note: Option<String>,
    /// on or off: the summary may be read out in the team's report.
    #[arg(long, value_name = "ON|OFF")]
    pub(super) share: Option<String>,
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
