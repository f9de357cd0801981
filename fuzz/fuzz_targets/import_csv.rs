//! Any bytes as a CSV import: never a panic, all rows or none.
#![no_main]

use libfuzzer_sys::fuzz_target;
use murmelglas::export::Format;

fuzz_target!(|data: &[u8]| murmelglas_fuzz::import_target(data, Format::Csv));
