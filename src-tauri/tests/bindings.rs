//! The TypeScript types in `ui/src/lib/bindings.ts` are generated from the Rust serde
//! types. This test fails when they drift; `UPDATE_BINDINGS=1 cargo test -p
//! murmelglas-app --test bindings` writes them anew.

// Tests and their helpers may panic: a failing test says where.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::Path;

use ts_rs::{Config, TS};

/// One exported type: its TypeScript text, its name, and the names of the types it uses.
struct Declaration {
    text: String,
    name: String,
    uses: Vec<String>,
}

fn declaration<T: TS + 'static>(cfg: &Config) -> Declaration {
    let docs = T::docs()
        .map(|d| format!("{}\n", d.trim_end()))
        .unwrap_or_default();
    Declaration {
        text: format!("{docs}export {}\n", T::decl(cfg)),
        name: T::ident(cfg),
        uses: T::dependencies(cfg)
            .into_iter()
            .map(|d| d.ts_name)
            .collect(),
    }
}

/// Every type that crosses to the window, in the order of the generated file.
fn declarations() -> Vec<Declaration> {
    // Counts are never near 2^53: plain numbers, not bigint.
    let cfg = Config::new().with_large_int("number");
    use murmelglas::domain::*;
    vec![
        declaration::<Rating>(&cfg),
        declaration::<Channel>(&cfg),
        declaration::<Motive>(&cfg),
        declaration::<Perspective>(&cfg),
        declaration::<Phase>(&cfg),
        declaration::<Purpose>(&cfg),
        declaration::<murmelglas::domain::Obstacle>(&cfg),
        declaration::<Lang>(&cfg),
        declaration::<WeekStart>(&cfg),
        declaration::<Contact>(&cfg),
        declaration::<ContactDraft>(&cfg),
        declaration::<Member>(&cfg),
        declaration::<Settings>(&cfg),
        declaration::<murmelglas::analytics::Figures>(&cfg),
        declaration::<murmelglas::import::ImportSummary>(&cfg),
        declaration::<murmelglas::import::ProblemCode>(&cfg),
        declaration::<murmelglas::import::RowError>(&cfg),
        declaration::<murmelglas::error_code::ErrorCode>(&cfg),
        declaration::<murmelglas_app::AppError>(&cfg),
        declaration::<murmelglas_app::VocabularyEntry>(&cfg),
        declaration::<murmelglas_app::Bootstrap>(&cfg),
        declaration::<murmelglas_app::JarPeriod>(&cfg),
        declaration::<murmelglas_app::JarView>(&cfg),
        declaration::<murmelglas::store::HistoryQuery>(&cfg),
        declaration::<murmelglas::store::HistoryCursor>(&cfg),
        declaration::<murmelglas::store::HistoryPage>(&cfg),
        declaration::<murmelglas_app::prefs::Prefs>(&cfg),
        declaration::<murmelglas_app::DesktopTexts>(&cfg),
        declaration::<murmelglas_app::ImportOutcome>(&cfg),
        declaration::<murmelglas_app::ExportKind>(&cfg),
        declaration::<murmelglas_app::ExportDone>(&cfg),
        declaration::<murmelglas::analytics::Granularity>(&cfg),
        declaration::<murmelglas::analytics::Change>(&cfg),
        declaration::<murmelglas::analytics::Comparison>(&cfg),
        declaration::<murmelglas::analytics::PeriodFigures>(&cfg),
        declaration::<murmelglas::analytics::PeriodChange>(&cfg),
        declaration::<murmelglas::breakdown::ReviewFilter>(&cfg),
        declaration::<murmelglas::breakdown::Cell>(&cfg),
        declaration::<murmelglas::breakdown::TagCounts>(&cfg),
        declaration::<murmelglas::breakdown::TagCell>(&cfg),
        declaration::<murmelglas::breakdown::HeatCell>(&cfg),
        declaration::<murmelglas::breakdown::NpsSpread>(&cfg),
        declaration::<murmelglas::breakdown::PlaceCell>(&cfg),
        declaration::<murmelglas::breakdown::Breakdowns>(&cfg),
        declaration::<murmelglas::cycle::PeriodTarget>(&cfg),
        declaration::<murmelglas::cycle::MeasureMark>(&cfg),
        declaration::<murmelglas::review::ReviewQuery>(&cfg),
        declaration::<murmelglas::review::Review>(&cfg),
        declaration::<murmelglas::review::Drill>(&cfg),
        declaration::<murmelglas::chart::Region>(&cfg),
        declaration::<murmelglas::chart::Drawn>(&cfg),
        declaration::<murmelglas_app::ChartId>(&cfg),
        declaration::<murmelglas_app::ChartView>(&cfg),
        declaration::<murmelglas_app::ReviewView>(&cfg),
        declaration::<murmelglas::backup::BackupReason>(&cfg),
        declaration::<murmelglas::backup::BackupInfo>(&cfg),
        declaration::<murmelglas::backup::Restored>(&cfg),
        declaration::<murmelglas::store::Erased>(&cfg),
        declaration::<murmelglas_app::OpenProblem>(&cfg),
        declaration::<murmelglas_app::Start>(&cfg),
        declaration::<murmelglas_app::Answer<ts_rs::Dummy>>(&cfg),
        declaration::<murmelglas_app::StartData>(&cfg),
        declaration::<murmelglas_app::BackupList>(&cfg),
        declaration::<murmelglas_app::ImportProgressEvent>(&cfg),
        declaration::<murmelglas_app::ExportProgress>(&cfg),
        declaration::<murmelglas_app::Upkeep>(&cfg),
        declaration::<murmelglas_app::AnonymousDone>(&cfg),
        declaration::<murmelglas_app::RetentionDone>(&cfg),
        declaration::<murmelglas_app::MemberExport>(&cfg),
        declaration::<murmelglas_app::MemberErased>(&cfg),
        // The team's server (issue 13).
        declaration::<murmelglas_app::ServerStatus>(&cfg),
        declaration::<murmelglas_app::TlsMode>(&cfg),
        declaration::<murmelglas_app::ServerForm>(&cfg),
        declaration::<murmelglas_app::Connected>(&cfg),
        declaration::<murmelglas::store::CycleUploaded>(&cfg),
        declaration::<murmelglas::store::Uploaded>(&cfg),
        // Suggestions and complaints (issue 14).
        declaration::<murmelglas::feedback::FeedbackKind>(&cfg),
        declaration::<murmelglas::feedback::FeedbackState>(&cfg),
        declaration::<murmelglas::feedback::FeedbackField>(&cfg),
        declaration::<murmelglas::feedback::FeedbackEvent>(&cfg),
        declaration::<murmelglas::feedback::FeedbackItem>(&cfg),
        declaration::<murmelglas::feedback::FeedbackDraft>(&cfg),
        declaration::<murmelglas::feedback::FeedbackSettings>(&cfg),
        declaration::<murmelglas::feedback::list::ListQuery>(&cfg),
        declaration::<murmelglas::feedback::list::FeedbackRow>(&cfg),
        declaration::<murmelglas::feedback::list::MeetingFeedback>(&cfg),
        declaration::<murmelglas::feedback::stats::CauseCount>(&cfg),
        declaration::<murmelglas::feedback::stats::AgeBucket>(&cfg),
        declaration::<murmelglas::feedback::stats::AgeCount>(&cfg),
        declaration::<murmelglas::feedback::stats::CauseInWeek>(&cfg),
        declaration::<murmelglas::feedback::stats::WeekComplaints>(&cfg),
        declaration::<murmelglas::feedback::stats::StatsQuery>(&cfg),
        declaration::<murmelglas::feedback::Cause>(&cfg),
        declaration::<murmelglas::feedback::stats::FeedbackStats>(&cfg),
        declaration::<murmelglas::chart::FeedbackRegion>(&cfg),
        declaration::<murmelglas::chart::FeedbackDrawn>(&cfg),
        declaration::<murmelglas::store::FeedbackImported>(&cfg),
        declaration::<murmelglas::feedback::read::FeedbackImportSummary>(&cfg),
        declaration::<murmelglas_app::CauseEntry>(&cfg),
        declaration::<murmelglas_app::FeedbackList>(&cfg),
        declaration::<murmelglas_app::FeedbackSetup>(&cfg),
        declaration::<murmelglas_app::FeedbackStatsView>(&cfg),
        declaration::<murmelglas_app::MeetingFeedbackView>(&cfg),
        declaration::<murmelglas_app::FeedbackImportOutcome>(&cfg),
        declaration::<murmelglas_app::FeedbackExportDone>(&cfg),
        // The evaluation cycle (goals, measures, meetings).
        declaration::<murmelglas::cycle::Metric>(&cfg),
        declaration::<murmelglas::cycle::GoalTarget>(&cfg),
        declaration::<murmelglas::cycle::Goal>(&cfg),
        declaration::<murmelglas::cycle::GoalDraft>(&cfg),
        declaration::<murmelglas::cycle::MeasureStatus>(&cfg),
        declaration::<murmelglas::cycle::Measure>(&cfg),
        declaration::<murmelglas::cycle::MeasureDraft>(&cfg),
        declaration::<murmelglas::cycle::Verdict>(&cfg),
        declaration::<murmelglas::cycle::EffectSide>(&cfg),
        declaration::<murmelglas::cycle::ConcurrentMeasure>(&cfg),
        declaration::<murmelglas::cycle::Effect>(&cfg),
        declaration::<murmelglas::cycle::meeting::MeasureReview>(&cfg),
        declaration::<murmelglas::cycle::ServiceRule>(&cfg),
        declaration::<murmelglas::cycle::Conclusions>(&cfg),
        declaration::<murmelglas::cycle::Decision>(&cfg),
        declaration::<murmelglas::cycle::MeetingDraft>(&cfg),
        declaration::<murmelglas::cycle::MeetingSummary>(&cfg),
        declaration::<murmelglas::cycle::meeting::ReviewedMeasure>(&cfg),
        declaration::<murmelglas::cycle::meeting::NewMeasure>(&cfg),
        declaration::<murmelglas::cycle::Minutes>(&cfg),
        declaration::<murmelglas::cycle::Meeting>(&cfg),
        declaration::<murmelglas::cycle::Agenda>(&cfg),
        declaration::<murmelglas_app::CycleView>(&cfg),
        declaration::<murmelglas_app::MinutesKind>(&cfg),
    ]
}

fn generated() -> String {
    let parts: Vec<String> = declarations().into_iter().map(|d| d.text).collect();
    format!(
        "// Generated from the Rust types by src-tauri/tests/bindings.rs; do not edit.\n\
         // Regenerate: UPDATE_BINDINGS=1 cargo test -p murmelglas-app --test bindings\n\n{}",
        parts.join("\n")
    )
}

#[test]
fn typescript_bindings_match_the_rust_types() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings.ts");
    let fresh = generated();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &fresh).expect("write bindings");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/lib/bindings.ts is out of date with the Rust types; run \
         `UPDATE_BINDINGS=1 cargo test -p murmelglas-app --test bindings` and commit it"
    );
}

/// A type the exported ones use but the list forgets would be `any`-shaped or missing in
/// TypeScript: the list must hold everything that crosses the boundary.
#[test]
fn every_type_an_exported_type_uses_is_exported_too() {
    let all = declarations();
    let names: BTreeSet<&str> = all.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names.len(), all.len(), "a type is listed twice");
    let missing: Vec<String> = all
        .iter()
        .flat_map(|d| {
            d.uses
                .iter()
                .filter(|u| !names.contains(u.as_str()))
                .map(move |u| format!("{} uses {u}", d.name))
        })
        .collect();
    assert!(missing.is_empty(), "not exported: {missing:?}");
}
