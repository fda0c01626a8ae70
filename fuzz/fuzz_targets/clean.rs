//! `clean` on any string: it must not panic, hang or blow up.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let _ = deboiler::clean(&input);
});
