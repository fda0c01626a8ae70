//! Properties that must hold for any input.

use proptest::prelude::*;

/// Collapses every run of whitespace to one space.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text made of lines drawn from content and boilerplate, with blank lines
/// and repeats, as scrapers produce it.
fn scraped_text() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        "[A-Za-z ,.']{0,80}",
        Just("Please enter your comment!".to_string()),
        Just("Share this:".to_string()),
        Just("Home".to_string()),
        Just("The same paragraph appears here more than once, word for word.".to_string()),
        Just(String::new()),
    ];
    proptest::collection::vec(line, 0..30).prop_map(|lines| lines.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn clean_never_panics_on_any_string(input in any::<String>()) {
        let _ = deboiler::clean(&input);
    }

    #[test]
    fn clean_never_panics_on_markup_soup(input in "(<[a-z/!]{0,6}[ a-z=\"']{0,10}>|[a-z &;<>]{0,12}){0,40}") {
        let _ = deboiler::clean(&input);
    }

    #[test]
    fn clean_bytes_never_panics_on_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = deboiler::clean_bytes(&bytes, None);
    }

    /// In text mode, the output blocks are input blocks, in input order.
    #[test]
    fn text_output_blocks_are_a_subsequence_of_the_input(input in scraped_text()) {
        prop_assume!(!input.contains('<'));
        let output = deboiler::clean(&input);
        let haystack = squash(&input);
        let mut from = 0;
        for block in output.split("\n\n") {
            let block = squash(block);
            if block.is_empty() {
                continue;
            }
            let found = haystack[from..].find(&block);
            prop_assert!(found.is_some(), "{block:?} is not in order in {haystack:?}");
            from += found.unwrap() + block.len();
        }
    }

    /// Spans mark text of their own block, on character boundaries, in
    /// order of their start.
    #[test]
    fn spans_are_ranges_of_their_blocks_text(
        input in "(<(a href=x|b|em|code|br|p|li|pre|/a|/b|/em|/code|/p|/li|/pre)>|[a-zé \n]{0,12}){0,40}"
    ) {
        let cleaned = deboiler::Cleaner::builder()
            .rules(deboiler::RuleSet::empty())
            .build()
            .unwrap()
            .clean(deboiler::Input::html(&input))
            .unwrap();
        for block in cleaned.blocks() {
            let text = block.text();
            let mut previous = 0;
            for span in block.spans() {
                let range = span.range();
                prop_assert!(range.start < range.end && range.end <= text.len());
                prop_assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
                prop_assert!(range.start >= previous);
                previous = range.start;
            }
        }
    }

    #[test]
    fn whitespace_only_input_cleans_to_nothing(input in "[ \t\r\n]{0,50}") {
        prop_assert_eq!(deboiler::clean(&input), "");
    }
}

proptest! {
    // Each case is a whole page through the default rules: fewer of them.
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Markdown and metadata read spans, nesting, `<meta>`, `<time>` and
    /// JSON-LD of any shape without panicking: there is Markdown exactly
    /// when blocks were kept, and a date is always a whole ISO date.
    #[test]
    fn markdown_and_metadata_never_panic_on_markup_soup(
        input in "(<(em|a href=x|code|br|li|ul|ol|table|tr|td|th|pre|h1|h2|blockquote|time datetime=2026-0[1-9]-1[0-9])>|</[a-z0-9]{1,5}>|<meta (name|property)=(author|og:title|date|keywords) content=\"[a-zé 0-9,|&-]{0,12}\">|<script type=application/ld\\+json>[\\[\\]{}\":,a-z@ 0-9]{0,40}</script>|[a-zé 0-9|*_#>\\-.`\\[\\]]{0,12}){0,40}"
    ) {
        let cleaned = deboiler::Cleaner::default().clean(input.as_str()).unwrap();
        let markdown = cleaned.markdown();
        let metadata = cleaned.metadata();
        prop_assert!(markdown.is_empty() == cleaned.blocks().is_empty());
        prop_assert!(metadata.published().is_none_or(|d| d.len() >= 10));
    }
}
