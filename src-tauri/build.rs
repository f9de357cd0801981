// Our commands get permissions of their own (`allow-log-contact`, ...), so the
// capability file lists exactly what the window may call.
const COMMANDS: &[&str] = &[
    "bootstrap",
    "log_contact",
    "amend_contact",
    "undo_contact",
    "jar",
    "history",
    "history_count",
    "delete_contact",
    "restore_contact",
    "check_database",
    "quit",
    "save_settings",
    "members",
    "add_member",
    "rename_member",
    "set_member_active",
    "import_file",
    "cancel_import",
    "export_file",
    "open_data_folder",
    "switch_database",
    "save_prefs",
    "backups",
    "create_backup",
    "restore_backup",
    "restore_into_new_file",
    "named_contacts",
    "set_anonymous_only",
    "retention_preview",
    "set_story_retention",
    "export_member_data",
    "erase_member",
    "desktop_ready",
    "review",
    "drill",
    "save_chart_png",
    "save_report",
    "set_full_screen",
    "cycle",
    "add_goal",
    "end_goal",
    "add_measure",
    "set_measure_status",
    "add_rule",
    "reword_rule",
    "retire_rule",
    "meeting_agenda",
    "save_meeting",
    "meeting",
    "save_minutes",
];

// A build script reports failure by panicking.
#[allow(clippy::expect_used)]
fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script");
}
