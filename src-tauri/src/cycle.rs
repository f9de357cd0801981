//! The evaluation cycle's commands (DOMAIN.md §6, issue #15): the team's goals, the
//! measures with their effect, the team's service rules, the meeting's agenda, saving a
//! meeting and exporting its minutes. Thin adapters: the core decides and checks.

use chrono::NaiveDate;
use murmelglas::cycle::meeting::{self, MeasureReview};
use murmelglas::cycle::{
    self as cycle_core, rule_of_week, Agenda, Goal, GoalDraft, MeasureDraft, MeasureStatus,
    Meeting, MeetingDraft, MeetingError, MeetingSummary, ServiceRule,
};
use murmelglas::datetime;
use murmelglas::domain::Lang;
use murmelglas::report::{self, MinutesFormat};
use murmelglas::{Store, StoreError};
use serde::{Deserialize, Serialize};
use tauri::AppHandle;

use crate::commands::{on_db, CommandResult};
use crate::data::{pick, FileKind};
use crate::review::report_error;
use crate::AppError;

/// Everything the "Ziele & Maßnahmen" view shows, as of `today`.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct CycleView {
    pub today: NaiveDate,
    /// Every goal, in force and ended.
    pub goals: Vec<Goal>,
    /// Every measure with its effect so far, in the order they start.
    pub measures: Vec<MeasureReview>,
    /// The past meetings, newest first.
    pub meetings: Vec<MeetingSummary>,
    /// The team's service rules, retired ones too.
    pub rules: Vec<ServiceRule>,
    pub rule_of_week: Option<ServiceRule>,
}

/// How the minutes are written to a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum MinutesKind {
    Html,
    Markdown,
}

impl From<MeetingError> for AppError {
    fn from(e: MeetingError) -> Self {
        match e {
            MeetingError::Store(inner) => inner.into(),
            MeetingError::Review(inner) => inner.into(),
            MeetingError::Cycle(inner) => StoreError::Cycle(inner).into(),
        }
    }
}

/// The view's data, read in one go.
pub(crate) fn cycle_view(
    store: &Store,
    today: NaiveDate,
    lang: Lang,
) -> Result<CycleView, StoreError> {
    let all = store.list_measures()?;
    let measures = all
        .iter()
        .map(|m| {
            Ok(MeasureReview {
                measure: m.clone(),
                effect: cycle_core::effect(store, m, &all, today)?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    let rules = store.list_rules(lang)?;
    let active: Vec<ServiceRule> = rules
        .iter()
        .filter(|r| r.is_active_on(today))
        .cloned()
        .collect();
    Ok(CycleView {
        today,
        goals: store.list_goals()?,
        measures,
        meetings: store.list_meetings()?,
        rule_of_week: rule_of_week(&active, today).cloned(),
        rules,
    })
}

/// Runs one change, then reads the whole view anew (as the view shows it after the change).
async fn change<T: Send + 'static>(
    app: AppHandle,
    lang: Lang,
    work: impl FnOnce(&mut Store, NaiveDate) -> Result<T, StoreError> + Send + 'static,
) -> CommandResult<CycleView> {
    on_db(app, move |_, db| {
        let today = datetime::today();
        db.write(|store| {
            work(store, today)?;
            cycle_view(store, today, lang)
        })
    })
    .await
}

#[tauri::command]
pub async fn cycle(app: AppHandle, lang: Lang) -> CommandResult<CycleView> {
    on_db(app, move |_, db| {
        db.read(|store| cycle_view(store, datetime::today(), lang))
    })
    .await
}

#[tauri::command]
pub async fn add_goal(app: AppHandle, draft: GoalDraft, lang: Lang) -> CommandResult<CycleView> {
    change(app, lang, move |store, _| store.insert_goal(draft)).await
}

/// Ends a goal today: from today on it draws no target line.
#[tauri::command]
pub async fn end_goal(app: AppHandle, id: i64, lang: Lang) -> CommandResult<CycleView> {
    change(app, lang, move |store, today| store.end_goal(id, today)).await
}

#[tauri::command]
pub async fn add_measure(
    app: AppHandle,
    draft: MeasureDraft,
    lang: Lang,
) -> CommandResult<CycleView> {
    change(app, lang, move |store, today| {
        store.insert_measure(draft, today)
    })
    .await
}

/// Sets where a measure stands; "ended" notes today as its last day.
#[tauri::command]
pub async fn set_measure_status(
    app: AppHandle,
    id: i64,
    status: MeasureStatus,
    lang: Lang,
) -> CommandResult<CycleView> {
    change(app, lang, move |store, today| {
        store.set_measure_status(id, status, today)
    })
    .await
}

#[tauri::command]
pub async fn add_rule(app: AppHandle, words: String, lang: Lang) -> CommandResult<CycleView> {
    change(app, lang, move |store, _| store.add_rule(&words)).await
}

#[tauri::command]
pub async fn reword_rule(
    app: AppHandle,
    id: i64,
    words: String,
    lang: Lang,
) -> CommandResult<CycleView> {
    change(app, lang, move |store, _| {
        store.reword_rule(id, &words, lang)
    })
    .await
}

/// Retires a rule from today, or (`retired` false) brings it back.
#[tauri::command]
pub async fn retire_rule(
    app: AppHandle,
    id: i64,
    retired: bool,
    lang: Lang,
) -> CommandResult<CycleView> {
    change(app, lang, move |store, today| {
        store.retire_rule(id, retired.then_some(today), lang)
    })
    .await
}

/// Where today's meeting starts: the measures since the last one with their effect so
/// far, the goals in force, the rule of the week.
#[tauri::command]
pub async fn meeting_agenda(app: AppHandle, lang: Lang) -> CommandResult<Agenda> {
    on_db(app, move |_, db| {
        db.read(|store| cycle_core::agenda(store, datetime::today(), lang))
    })
    .await
}

/// Saves the meeting: its decisions, new measures and minutes with the figures frozen.
#[tauri::command]
pub async fn save_meeting(
    app: AppHandle,
    draft: MeetingDraft,
    lang: Lang,
) -> CommandResult<Meeting> {
    on_db(app, move |_, db| {
        db.write(|store| meeting::save(store, draft, datetime::today(), lang))
    })
    .await
}

/// One past meeting as it was saved (the window shows it read-only).
#[tauri::command]
pub async fn meeting(app: AppHandle, id: i64) -> CommandResult<Meeting> {
    on_db(app, move |_, db| {
        db.read(|store| {
            store
                .get_meeting(id)?
                .ok_or_else(|| StoreError::Cycle(cycle_core::CycleError::UnknownMeeting(id)))
        })
    })
    .await
}

/// The file name the save dialog proposes: `murmelglas-protokoll-2026-11-24.html`.
fn minutes_file_name(held_on: NaiveDate, kind: MinutesKind, lang: Lang) -> String {
    let stem = match lang {
        Lang::De => "murmelglas-protokoll",
        Lang::En => "murmelglas-minutes",
    };
    let ext = match kind {
        MinutesKind::Html => "html",
        MinutesKind::Markdown => "md",
    };
    format!("{stem}-{held_on}.{ext}")
}

/// Writes a meeting's minutes (HTML for the quality handbook, or Markdown) through a save
/// dialog; the file's path, or `None` when cancelled. Reads on a connection of its own.
#[tauri::command]
pub async fn save_minutes(
    app: AppHandle,
    id: i64,
    kind: MinutesKind,
    lang: Lang,
    title: String,
) -> CommandResult<Option<String>> {
    on_db(app.clone(), move |_, db| {
        let store = db.own_reader()?;
        let meeting = store
            .get_meeting(id)?
            .ok_or_else(|| StoreError::Cycle(cycle_core::CycleError::UnknownMeeting(id)))?;
        let format = match kind {
            MinutesKind::Html => MinutesFormat::Html,
            MinutesKind::Markdown => MinutesFormat::Markdown,
        };
        let text = report::render_minutes(&store, &meeting, format, lang).map_err(report_error)?;
        let name = minutes_file_name(meeting.held_on, kind, lang);
        let file_kind = match kind {
            MinutesKind::Html => FileKind::Html,
            MinutesKind::Markdown => FileKind::Markdown,
        };
        let Some(picked) = pick(&app, true, &title, Some(&name), file_kind) else {
            return Ok(None);
        };
        report::write_file(&picked.path, text.as_bytes(), picked.may_replace)
            .map_err(report_error)?;
        Ok(Some(picked.path.display().to_string()))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use murmelglas::cycle::{Focus, GoalTarget, Verdict};
    use murmelglas::domain::Channel;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap_or_default()
    }

    #[test]
    fn the_view_holds_every_goal_every_measure_with_its_effect_and_the_rule_of_the_week() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.sqlite3")).unwrap();
        let empty = cycle_view(&store, day(30), Lang::De).unwrap();
        // A new file: no goal, so no target anywhere.
        assert!(empty.goals.is_empty() && empty.measures.is_empty() && empty.meetings.is_empty());
        let phone = Some(Focus::Channel(Channel::Phone));
        let goal = store
            .insert_goal(GoalDraft {
                text: "Am Telefon begeistern".into(),
                start_on: day(2),
                target: Some(GoalTarget::golden_share(phone, 0.6)),
            })
            .unwrap();
        store.end_goal(goal.id, day(20)).unwrap();
        for (title, start) in [
            ("Rückruf binnen einer Stunde", day(9)),
            ("Namen nennen", day(16)),
        ] {
            store
                .insert_measure(
                    MeasureDraft {
                        title: title.into(),
                        why: phone.map(Into::into),
                        owner: None,
                        start_on: start,
                        review_on: None,
                        status: None,
                    },
                    day(30),
                )
                .unwrap();
        }
        store
            .set_measure_status(2, MeasureStatus::Ended, day(25))
            .unwrap();
        let view = cycle_view(&store, day(30), Lang::De).unwrap();
        // Ended goals stay listed: the view shows them apart.
        assert_eq!(view.goals.len(), 1);
        assert_eq!(view.goals[0].ended_on, Some(day(20)));
        assert_eq!(view.measures.len(), 2);
        let first = &view.measures[0];
        assert_eq!(first.effect.as_of, day(30));
        assert_eq!(first.effect.verdict, Verdict::TooFewToTell);
        // The other measure ran at the same time, so it is named beside the effect.
        assert_eq!(first.effect.concurrent.len(), 1);
        assert_eq!(first.effect.concurrent[0].title, "Namen nennen");
        assert_eq!(view.measures[1].measure.status, MeasureStatus::Ended);
        // The shipped rules, in German, and one of them is the week's.
        assert!(!view.rules.is_empty());
        let week = view.rule_of_week.expect("a rule of the week");
        assert!(view.rules.contains(&week));
        // A retired rule no longer comes up as the week's.
        for r in &view.rules {
            store.retire_rule(r.id, Some(day(1)), Lang::De).unwrap();
        }
        assert_eq!(
            cycle_view(&store, day(30), Lang::De).unwrap().rule_of_week,
            None
        );
    }

    #[test]
    fn errors_of_a_meeting_keep_their_codes_and_files_their_names() {
        let e: AppError = MeetingError::Cycle(cycle_core::CycleError::UnknownMeasure(7)).into();
        assert_eq!(e.code, murmelglas::error_code::ErrorCode::UnknownMeasure);
        let e: AppError = MeetingError::Cycle(cycle_core::CycleError::EmptyText("goal")).into();
        assert_eq!(e.code, murmelglas::error_code::ErrorCode::EmptyText);
        assert_eq!(
            minutes_file_name(day(24), MinutesKind::Html, Lang::De),
            "murmelglas-protokoll-2026-11-24.html"
        );
        assert_eq!(
            minutes_file_name(day(24), MinutesKind::Markdown, Lang::En),
            "murmelglas-minutes-2026-11-24.md"
        );
    }
}
