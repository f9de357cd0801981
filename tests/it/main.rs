//! Integration tests of the core library and the CLI, as one test binary.

mod common;

mod chart;
mod cli;
mod history;
mod import;
mod malformed;
mod report;
mod review;
mod roundtrip;
mod spreadsheet;
mod store;
