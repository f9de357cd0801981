//! No network, from the configuration that ships: the content security policy lets the
//! page talk to nothing but the app's own IPC, and the window's capabilities allow our
//! own commands and a short list of core permissions, nothing else. The handler list in
//! `lib.rs` is the one list of commands: `build.rs` derives the permission set the
//! capability grants from it, and the front end's `api.ts` must call exactly those.

// Tests and their helpers may panic: a failing test says where.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

/// The IPC origins Tauri uses on Linux, macOS (`ipc:`) and Windows (`http://ipc.localhost`).
const IPC_ORIGINS: [&str; 2] = ["ipc:", "http://ipc.localhost"];

/// The origins of the app's own start script (`start_script.rs`), on Linux and macOS and
/// on Windows: served by the app itself, like the IPC.
const START_SCRIPT_ORIGINS: [&str; 2] = ["murmelglas-start:", "http://murmelglas-start.localhost"];

/// Core permissions the window needs: listening to the app's events (progress, logging
/// from the tray) and the page zoom (Ctrl +/-).
const CORE_PERMISSIONS: [&str; 3] = [
    "core:event:allow-listen",
    "core:event:allow-unlisten",
    "core:webview:allow-set-webview-zoom",
];

fn read(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn json(relative: &str) -> Value {
    serde_json::from_str(&read(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// The CSP as directive → sources, from `tauri.conf.json`.
fn csp() -> Vec<(String, Vec<String>)> {
    let conf = json("tauri.conf.json");
    let csp = &conf["app"]["security"]["csp"];
    let directives = csp
        .as_object()
        .expect("the CSP is written as an object of directives");
    directives
        .iter()
        .map(|(name, sources)| {
            let sources = sources.as_str().expect("sources as one string");
            (
                name.clone(),
                sources.split_whitespace().map(str::to_string).collect(),
            )
        })
        .collect()
}

/// Whether a CSP source lets the page reach the network.
fn reaches_network(source: &str) -> bool {
    let s = source.to_ascii_lowercase();
    s.contains('*')
        || ["http:", "https:", "ws:", "wss:", "ftp:", "blob:", "filesystem:"]
            .iter()
            .any(|scheme| s.starts_with(scheme))
        // A bare host ("example.com") is a network source too.
        || (!s.starts_with('\'') && !s.ends_with(':') && s.contains('.'))
}

#[test]
fn the_csp_allows_no_network_source() {
    let csp = csp();
    let names: BTreeSet<&str> = csp.iter().map(|(n, _)| n.as_str()).collect();
    for needed in ["default-src", "connect-src", "script-src", "object-src"] {
        assert!(names.contains(needed), "the CSP sets {needed}");
    }
    for (name, sources) in &csp {
        if name == "connect-src" {
            let got: BTreeSet<&str> = sources.iter().map(String::as_str).collect();
            assert_eq!(
                got,
                IPC_ORIGINS.into_iter().collect(),
                "connect-src is exactly the IPC origins"
            );
            continue;
        }
        if name == "script-src" {
            let got: BTreeSet<&str> = sources.iter().map(String::as_str).collect();
            let allowed: BTreeSet<&str> =
                ["'self'"].into_iter().chain(START_SCRIPT_ORIGINS).collect();
            assert_eq!(
                got, allowed,
                "script-src is the app's own files and start script"
            );
            continue;
        }
        for source in sources {
            assert!(
                !reaches_network(source),
                "{name} allows the network source {source}"
            );
        }
    }
    // The checker itself: these must count as network sources.
    for bad in [
        "https://cdn.example.org",
        "*",
        "ws:",
        "example.com",
        "http:",
    ] {
        assert!(reaches_network(bad), "{bad}");
    }
    for fine in ["'self'", "data:", "'none'", "'unsafe-inline'"] {
        assert!(!reaches_network(fine), "{fine}");
    }
}

/// The commands `lib.rs` registers: the entries of `generate_handler![…]`.
fn registered() -> BTreeSet<String> {
    let lib = read("src/lib.rs");
    let start = lib
        .find("generate_handler![")
        .expect("lib.rs registers commands");
    let end = start + lib[start..].find(']').expect("end of the handler list");
    lib[start + "generate_handler![".len()..end]
        .split(',')
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(|e| e.rsplit("::").next().unwrap_or(e).to_string())
        .collect()
}

/// The permissions of the set `window-commands` that `build.rs` writes from the handler
/// list.
fn window_set() -> Vec<String> {
    let toml = read("permissions/window-commands.toml");
    let start = toml.find("permissions = [").expect("the set's permissions");
    let end = start + toml[start..].find(']').expect("end of the list");
    toml[start..end]
        .split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The commands the front end calls: every `call<…>("name"` in `api.ts`.
fn called() -> BTreeSet<String> {
    let api = read("../ui/src/lib/api.ts");
    api.lines()
        .filter_map(|line| {
            let rest = &line[line.find("call<")?..];
            let open = rest.find(">(\"")? + 3;
            let close = open + rest[open..].find('"')?;
            Some(rest[open..close].to_string())
        })
        .collect()
}

#[test]
fn capabilities_allow_exactly_our_commands_and_the_listed_core_permissions() {
    let commands = registered();
    assert!(commands.len() > 30, "found the handler list: {commands:?}");
    let set = window_set();
    let in_set: BTreeSet<String> = set
        .iter()
        .map(|p| {
            p.strip_prefix("allow-")
                .unwrap_or_else(|| panic!("{p}: the set only allows commands"))
                .replace('-', "_")
        })
        .collect();
    assert_eq!(
        in_set, commands,
        "permissions/window-commands.toml allows the registered commands (build.rs writes it)"
    );
    assert_eq!(
        called(),
        commands,
        "api.ts calls every registered command and no other"
    );

    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities");
    let mut allowed_commands = BTreeSet::new();
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).expect("capabilities folder") {
        let path = entry.expect("entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        files += 1;
        let capability: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("JSON");
        assert!(
            capability.get("remote").is_none(),
            "{}: no remote URLs may use the capability",
            path.display()
        );
        let permissions = capability["permissions"]
            .as_array()
            .expect("a list of permissions");
        for permission in permissions {
            let name = permission
                .as_str()
                .unwrap_or_else(|| panic!("{permission}: a plain permission, no scopes"));
            if name == "window-commands" {
                allowed_commands.extend(in_set.iter().cloned());
            } else if let Some(command) = name.strip_prefix("allow-") {
                allowed_commands.insert(command.replace('-', "_"));
            } else {
                assert!(
                    CORE_PERMISSIONS.contains(&name),
                    "{}: {name} is neither one of our commands nor an allowed core permission",
                    path.display()
                );
            }
        }
    }
    assert!(files >= 1, "a capability file ships");
    assert_eq!(
        allowed_commands, commands,
        "the capability allows exactly the registered commands"
    );
}
