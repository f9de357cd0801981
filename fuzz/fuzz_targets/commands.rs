//! Any JSON as a sequence of the desktop app's commands with their arguments: never a
//! panic, a refused command changes nothing, an accepted one does what it says.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| murmelglas_fuzz::commands_target(data));
