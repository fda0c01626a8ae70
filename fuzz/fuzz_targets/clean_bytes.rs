//! `clean_bytes` on any bytes, with one of a few content types.
#![no_main]

use libfuzzer_sys::fuzz_target;

const CONTENT_TYPES: [Option<&str>; 5] = [
    None,
    Some("text/html; charset=utf-8"),
    Some("text/html; charset=shift_jis"),
    Some("text/plain; charset=utf-16"),
    Some("text/html; charset=\"windows-1252\""),
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let content_type = CONTENT_TYPES[usize::from(selector) % CONTENT_TYPES.len()];
    let _ = deboiler::clean_bytes(bytes, content_type);
});
