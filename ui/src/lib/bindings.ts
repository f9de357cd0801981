// Generated from the Rust types by src-tauri/tests/bindings.rs; do not edit.
// Regenerate: UPDATE_BINDINGS=1 cargo test -p murmelglas-app --test bindings

/**
 * How the contact felt: the colour of the marble.
 */
export type Rating = "golden" | "ordinary";

/**
 * Where the contact happened.
 */
export type Channel = "in-person" | "phone" | "email" | "social" | "chat" | "video" | "letter";

/**
 * The six customer motives.
 */
export type Motive = "individuality" | "simplicity" | "speed" | "recognition" | "reliability" | "added-value";

/**
 * The six perspectives on quality in customer contact.
 */
export type Perspective = "quality-understanding" | "brand-promise" | "needs-motives" | "expectations" | "megatrends" | "market";

/**
 * Where the customer stands in the relationship.
 */
export type Phase = "first-contact" | "first-purchase" | "follow-up-purchase" | "repeat-purchase";

/**
 * What the contact was for: the tasks of customer communication.
 */
export type Purpose = "acquisition" | "care" | "information" | "advice" | "support" | "feedback";

/**
 * The two languages the product speaks; German first.
 */
export type Lang = "de" | "en";

/**
 * The first day of a week in the app's "this week" views.
 */
export type WeekStart = "monday" | "sunday" | "saturday";

/**
 * One customer contact: one marble in the jar.
 */
export type Contact = { id: string, 
/**
 * When the contact happened, with the local UTC offset at that moment.
 */
occurred_at: string, 
/**
 * When it was written down.
 */
logged_at: string, 
/**
 * Display name of the member who logged it; `None` is anonymous logging.
 */
member: string | null, rating: Rating, channel: Channel | null, phase: Phase | null, purpose: Purpose | null, motives: Array<Motive>, perspectives: Array<Perspective>, 
/**
 * The story, up to [`NOTE_MAX_CHARS`] characters.
 */
note: string | null, 
/**
 * Whether the story may be discussed in the team review.
 */
share_in_review: boolean, 
/**
 * "Would you recommend us?" 0–10, when the customer was asked.
 */
nps: number | null, };

/**
 * What a person enters when logging: everything but the rating is optional. The CLI and
 * the app both turn a draft into a [`Contact`] with [`ContactDraft::into_contact`].
 */
export type ContactDraft = { rating: Rating, 
/**
 * When it happened; `None` is now.
 */
occurred_at: string | null, member: string | null, channel: Channel | null, phase: Phase | null, purpose: Purpose | null, motives: Array<Motive>, perspectives: Array<Perspective>, note: string | null, share_in_review: boolean, nps: number | null, };

/**
 * A person in the team. Deactivated members keep their history but leave the pickers.
 */
export type Member = { id: number, name: string, active: boolean, };

/**
 * The team's settings, one set per database file.
 */
export type Settings = { team_name: string, language: Lang, week_start: WeekStart, 
/**
 * The share of golden contacts the team aims for, 0–1.
 */
target_golden_share: number, };

/**
 * Counts and golden share of a set of contacts. Share and interval are `None` (JSON
 * `null`) when there are no contacts.
 */
export type Figures = { total: number, golden: number, ordinary: number, golden_share: number | null, ci_low: number | null, ci_high: number | null, };

/**
 * What an import did.
 */
export type ImportSummary = { 
/**
 * Contacts read from the file.
 */
read: number, 
/**
 * Contacts written to the database.
 */
added: number, 
/**
 * Contacts whose id the database already held; left as they were.
 */
already_present: number, 
/**
 * Team members created because the file named them.
 */
members_added: number, };

/**
 * One problem in one row. `line` is the physical line where the record starts (header = 1).
 */
export type RowError = { line: number, 
/**
 * The column as the file names it, when the problem is in one cell.
 */
column: string | null, message: string, };

export type AppError = { code: string, message: string, };

/**
 * A code with its labels, so the window shows the same words as the CSV export.
 */
export type VocabularyEntry = { kind: string, code: string, label_de: string, label_en: string, 
/**
 * What a motive or perspective means, shown on hover and focus.
 */
hint_de: string | null, hint_en: string | null, };

/**
 * Everything the window needs to start.
 */
export type Bootstrap = { settings: Settings, members: Array<Member>, vocabulary: Array<VocabularyEntry>, db_path: string, };

export type JarPeriod = "today" | "week";

/**
 * The jar of today or this week: counts, share with its interval, and the days covered.
 */
export type JarView = { from: string, to: string, figures: Figures, };
