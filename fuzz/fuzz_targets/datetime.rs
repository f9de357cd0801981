//! Any text as a date and as a point in time: never a panic; what is accepted lies in
//! 1970..=9999 and comes back the same when written out and read again.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| murmelglas_fuzz::dates::check_bytes(data));
