//! The seed case: a real scraped article with a paragraph run scraped twice
//! and a WordPress comment form at the end.

const ARTICLE: &str = include_str!("fixtures/article.txt");
const EXPECTED: &str = include_str!("fixtures/article.expected.txt");

#[test]
fn seed_article_cleans_to_the_expected_text() {
    assert_eq!(deboiler::clean(ARTICLE), EXPECTED.trim_end());
}

#[test]
fn seed_removals_name_their_rules() {
    let page = deboiler::Cleaner::default().clean(ARTICLE).unwrap();
    let rules: Vec<&str> = page.removed().iter().map(|r| r.rule()).collect();
    assert_eq!(
        rules,
        [
            "repeated-blocks",
            "repeated-blocks",
            "repeated-blocks",
            "repeated-blocks",
            "comment-form",
            "comment-form"
        ]
    );
}

#[test]
fn seed_still_cleans_when_blocks_are_separated_by_single_newlines() {
    let single = ARTICLE.replace("\n\n\n", "\n").replace("\n\n", "\n");
    assert_eq!(deboiler::clean(&single), EXPECTED.trim_end());
}
