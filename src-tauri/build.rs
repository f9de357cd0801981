// Our commands get permissions of their own (`allow-log-contact`, ...), so the
// capability file lists exactly what the window may call.
const COMMANDS: &[&str] = &[
    "bootstrap",
    "log_contact",
    "amend_contact",
    "undo_contact",
    "jar",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script");
}
