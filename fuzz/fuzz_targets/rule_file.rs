//! Rule-set files in TOML and JSON: any text parses or fails cleanly, and a
//! rule set that parses cleans a page.
#![no_main]

use libfuzzer_sys::fuzz_target;

const PAGE: &str = "<nav><a href=/>Home</a></nav><article><h1>T</h1><p>Body text, long enough to be content.</p>\
                    <div class=promo>Buy</div></article><footer>(c) 2024</footer>";

fuzz_target!(|data: &[u8]| {
    let source = String::from_utf8_lossy(data);
    let parsed = [deboiler::RuleSet::from_toml(&source), deboiler::RuleSet::from_json(&source)];
    for rules in parsed.into_iter().flatten() {
        if let Ok(cleaner) = deboiler::Cleaner::builder().rules(rules).build() {
            let _ = cleaner.clean(deboiler::Input::detect(PAGE).url("https://example.com/a"));
        }
    }
});
