//! Replays the inputs under `tests/fuzz-regressions/` (crashes found by the
//! fuzz targets in `fuzz/`, and hand-made inputs of the same classes)
//! through every entry point the fuzzers cover. Each must clean without a
//! panic, and the output must not outgrow the input.

use std::path::Path;

#[cfg(feature = "serde")]
const PAGE: &str = "<article><p>Body text, long enough to be content.</p></article>";

#[test]
fn fuzz_regression_inputs_clean_without_panicking() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut replayed = 0;
    for entry in std::fs::read_dir(&dir).expect("regression folder") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("readable input");
        let text = String::from_utf8_lossy(&bytes);

        let cleaned = deboiler::clean(&text);
        assert!(
            cleaned.len() <= text.len() * 3,
            "{}: output grew",
            path.display()
        );
        for content_type in [None, Some("text/html; charset=shift_jis")] {
            let _ = deboiler::clean_bytes(&bytes, content_type);
        }
        #[cfg(feature = "serde")]
        {
            let parsed = [
                deboiler::RuleSet::from_toml(&text),
                deboiler::RuleSet::from_json(&text),
            ];
            for rules in parsed.into_iter().flatten() {
                if let Ok(cleaner) = deboiler::Cleaner::builder().rules(rules).build() {
                    let _ =
                        cleaner.clean(deboiler::Input::detect(PAGE).url("https://example.com/"));
                }
            }
        }
        replayed += 1;
    }
    assert!(replayed >= 5, "only {replayed} regression inputs found");
}
