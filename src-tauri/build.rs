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
    "save_settings",
    "members",
    "add_member",
    "rename_member",
    "set_member_active",
    "import_file",
    "export_file",
    "open_data_folder",
    "switch_database",
    "save_prefs",
    "desktop_ready",
    "review",
    "drill",
    "save_chart_png",
    "save_report",
    "set_full_screen",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script");
}
