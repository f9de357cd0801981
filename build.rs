//! Finds the migrations of each engine (`migrations/sqlite/`, `migrations/postgres/`) and
//! compiles them in, in file-name order: a new file is picked up by itself and can never
//! be left out of the list.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=migrations");
    for engine in ["sqlite", "postgres"] {
        list(engine);
    }
}

fn list(engine: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(engine);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".sql"))
        .collect();
    // The number prefix is the order, and the position the schema version.
    names.sort();
    let mut code = String::from("&[\n");
    for (i, name) in names.iter().enumerate() {
        let expected = format!("{:04}_", i + 1);
        assert!(
            name.starts_with(&expected),
            "migrations/{engine}/{name}: expected the number {expected}… (no gaps, no repeats)"
        );
        let path = dir.join(name);
        writeln!(
            code,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .unwrap_or_default();
    }
    code.push(']');
    let out = Path::new(&std::env::var("OUT_DIR").unwrap_or_default())
        .join(format!("{engine}_migrations.rs"));
    std::fs::write(&out, code).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}
