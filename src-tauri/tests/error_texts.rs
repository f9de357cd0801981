//! Every error code that can cross to the window has a text in both languages: the codes
//! are the core's `ErrorCode` enum (the only type `AppError.code` accepts), the texts are
//! `ui/src/lib/i18n.ts`'s. The front end's types check the same for German; this test
//! also holds the English table to it.

// Tests and their helpers may panic: a failing test says where.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::Path;

use murmelglas::error_code::ErrorCode;

#[test]
fn every_error_code_has_a_text_in_german_and_english() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/i18n.ts");
    let i18n = std::fs::read_to_string(&path).expect("i18n.ts");
    assert!(
        ErrorCode::ALL.len() > 100,
        "the codes: {:?}",
        ErrorCode::ALL
    );
    let missing: Vec<&str> = ErrorCode::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|c| i18n.matches(&format!("\"error.{c}\":")).count() != 2)
        .collect();
    assert!(
        missing.is_empty(),
        "no German and English text for {missing:?}"
    );
}
