//! Every error code that can cross to the window has a text in both languages: the
//! codes are read from the shell's sources (`AppError::new("…")` and the mappings in
//! `error.rs`) and from the core's `code()` tables, the texts from `ui/src/lib/i18n.ts`.

// Tests and their helpers may panic: a failing test says where.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::Path;

/// Codes that never reach the window's error line: `internal` is the front end's own
/// fallback, `logged_here` is only logged (the contact is saved all the same).
const WITHOUT_TEXT: [&str; 2] = ["internal", "logged_here"];

fn read(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The string literals right after each occurrence of `marker`.
fn literals_after(text: &str, marker: &str) -> Vec<String> {
    text.match_indices(marker)
        .filter_map(|(i, _)| {
            let rest = text[i + marker.len()..].trim_start();
            let rest = rest.strip_prefix('"')?;
            Some(rest[..rest.find('"')?].to_string())
        })
        .collect()
}

/// The codes a `pub fn code(&self)` table in a core file returns.
fn core_codes(relative: &str) -> Vec<String> {
    let text = read(relative);
    let start = text.find("pub fn code(&self)").expect("a code table");
    let end = start + text[start..].find("\n    }\n").expect("its end");
    literals_after(&text[start..end], "=> ")
}

#[test]
fn every_error_code_has_a_text_in_german_and_english() {
    let mut codes = BTreeSet::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for entry in std::fs::read_dir(&dir).expect("src") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("read");
        codes.extend(literals_after(&text, "AppError::new("));
    }
    codes.extend(literals_after(&read("src/error.rs"), "=> "));
    codes.extend(core_codes("../src/backup/mod.rs"));
    codes.extend(core_codes("../src/feedback/mod.rs"));
    codes.extend(core_codes("../src/cycle/mod.rs"));
    codes.extend(core_codes("../src/review.rs"));
    assert!(codes.len() > 40, "found the codes: {codes:?}");
    let i18n = read("../ui/src/lib/i18n.ts");
    let missing: Vec<&String> = codes
        .iter()
        .filter(|c| !WITHOUT_TEXT.contains(&c.as_str()))
        .filter(|c| i18n.matches(&format!("\"error.{c}\":")).count() != 2)
        .collect();
    assert!(
        missing.is_empty(),
        "no German and English text for {missing:?}"
    );
}
