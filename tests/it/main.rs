//! Integration tests of the core library and the CLI, as one test binary.

mod common;

mod backup;
mod badfiles;
mod chart;
mod cli;
mod engines;
mod goals;
mod history;
mod import;
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
