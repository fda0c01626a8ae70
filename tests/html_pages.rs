//! Integration tests on small, real-shaped HTML pages.

use deboiler::{Cleaner, Input, RuleSet};

const WORDPRESS: &str = include_str!("fixtures/wordpress_article.html");
const NEWS: &str = include_str!("fixtures/news_page.html");

/// The rule that removed the first block whose text contains `needle`.
fn removed_by<'a>(page: &'a deboiler::Cleaned, needle: &str) -> Option<&'a str> {
    page.removed()
        .iter()
        .find(|r| r.block().text().contains(needle))
        .map(|r| r.rule())
}

#[test]
fn wordpress_article_keeps_the_story_and_drops_the_theme() {
    let page = Cleaner::default()
        .clean(Input::html(WORDPRESS).url("https://harbournotes.example/restoration"))
        .unwrap();
    let text = page.text();
    for kept in [
        "When we bought the old sloop",
        "The first job was the deck.",
        "The mast and rigging",
        "Never trust a fitting",
        "By late summer she was back",
    ] {
        assert!(text.contains(kept), "lost {kept:?} in:\n{text}");
    }
    for dropped in [
        "Skip to content",
        "Harbour Notes",
        "Share this",
        "Leave a Reply",
        "Your email address will not be published",
        "Recent Posts",
        "Choosing a winter cover",
        "All rights reserved",
        "wpemojiSettings",
    ] {
        assert!(!text.contains(dropped), "kept {dropped:?} in:\n{text}");
    }
    assert_eq!(removed_by(&page, "Primary menu"), None);
    // Script text is left out before parsing; its removal record says so.
    assert_eq!(
        removed_by(&page, "bytes of script left out before parsing"),
        Some("non-content")
    );
    assert_eq!(removed_by(&page, "Recent Posts"), Some("page-chrome"));
    assert_eq!(removed_by(&page, "Leave a Reply"), Some("page-chrome"));
}

#[test]
fn wordpress_preset_drops_the_share_box_by_selector() {
    let cleaner = Cleaner::builder()
        .rules(RuleSet::wordpress())
        .build()
        .unwrap();
    let page = cleaner.clean(Input::html(WORDPRESS)).unwrap();
    assert_eq!(removed_by(&page, "Share this:"), Some("wordpress-elements"));
    assert!(
        page.text().contains("When we bought the old sloop"),
        "{}",
        page.text()
    );
}

#[test]
fn news_page_drops_navigation_cookie_banner_ads_share_and_footer() {
    let page = Cleaner::default().clean(Input::html(NEWS)).unwrap();
    let text = page.text();
    for kept in [
        "Stadtrat beschließt neuen Radweg",
        "Der Stadtrat hat am Dienstagabend",
        "Die Kosten von rund 2,4 Millionen Euro",
        "Kritik kam von den Anwohnern",
    ] {
        assert!(text.contains(kept), "lost {kept:?} in:\n{text}");
    }
    for dropped in [
        "Wir verwenden Cookies",
        "Startseite",
        "Lokales",
        "Anzeige",
        "Teilen:",
        "Das könnte Sie auch interessieren",
        "Alle Rechte vorbehalten",
        "Impressum",
    ] {
        assert!(!text.contains(dropped), "kept {dropped:?} in:\n{text}");
    }
}

#[test]
fn every_dropped_block_is_recorded_with_a_rule_and_reason() {
    let page = Cleaner::default().clean(Input::html(NEWS)).unwrap();
    let kept: usize = page.blocks().len();
    let removed = page.removed().len();
    let unfiltered = Cleaner::builder()
        .rules(RuleSet::empty())
        .build()
        .unwrap()
        .clean(Input::html(NEWS))
        .unwrap();
    assert!(unfiltered.removed().is_empty());
    assert_eq!(kept + removed, unfiltered.blocks().len());
    assert!(
        page.removed()
            .iter()
            .all(|r| !r.rule().is_empty() && !r.reason().is_empty())
    );
}

#[test]
fn custom_selector_and_closure_rules_plug_in() {
    let rules = RuleSet::default()
        .with(
            deboiler::rules::Selector::parse("p.meta")
                .unwrap()
                .named("bylines"),
        )
        .with(deboiler::rules::from_fn("no-euros", |block| {
            block
                .text()
                .contains("Euro")
                .then(|| "mentions money".to_string())
        }));
    let page = Cleaner::builder()
        .rules(rules)
        .build()
        .unwrap()
        .clean(Input::html(NEWS))
        .unwrap();
    assert_eq!(removed_by(&page, "Anna Berger"), Some("bylines"));
    assert_eq!(removed_by(&page, "2,4 Millionen"), Some("no-euros"));
}

#[test]
fn an_invalid_selector_is_an_error_that_names_it() {
    let error = deboiler::rules::Selector::parse("div[class=").unwrap_err();
    assert!(error.to_string().contains("div[class="), "{error}");
}

#[test]
fn a_small_listing_is_not_cut_down_to_its_heading() {
    // One heading in <main>, then the listing as linked titles: the region
    // around the heading holds too little of the page to decide alone.
    let cards: String = [
        "Trail runner with a rock plate for rough ground",
        "Road trainer with a soft foam for long easy miles",
        "Racing flat with a carbon plate for race day",
        "Waterproof hiker with a grippy outsole for mud",
    ]
    .iter()
    .enumerate()
    .map(|(i, title)| format!("<div class=card><a href=/p{i}>{title}</a></div>"))
    .collect();
    let html = format!(
        "<html><body><main><h1>Running shoes</h1></main><div class=grid>{cards}</div></body></html>"
    );
    let page = Cleaner::default().clean(Input::html(&html)).unwrap();
    assert!(
        page.removed()
            .iter()
            .all(|r| !r.reason().starts_with("outside the main content")),
        "{:?}",
        page.removed()
    );
}
