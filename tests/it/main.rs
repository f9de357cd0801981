//! Integration tests of the core library and the CLI, as one test binary.

// Tests and their helpers stop with a message where set-up fails: that is a test's way.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

mod backup;
mod badfiles;
mod cause_goals;
mod chart;
mod cli;
mod engines;
mod feedback;
mod feedback_cli;
mod goals;
mod history;
mod import;
mod malformed;
mod measures;
mod meetings;
mod obstacles;
mod pg;
mod protection;
mod report;
mod review;
mod roundtrip;
mod rules;
mod safety;
mod spreadsheet;
mod store;
mod wording;
