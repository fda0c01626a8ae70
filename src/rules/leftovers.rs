//! The last look at a page: what is left as a whole.

use rustc_hash::FxHashSet as HashSet;

use crate::page::{Flags, Judgement, Page};
use crate::rules::{Phase, Rule};

/// Drops what is left of an HTML page when it is too little to be the
/// page's main text: fewer than [`min_words`](MinimumText::min_words) words
/// in all (default 20, less than a short paragraph), out of a page that
/// shows at least ten times as many (the rest was navigation, footers and
/// the like). Such leftovers are the chrome around a page that shows
/// nothing by itself, such as a script shell that fills itself in the
/// browser and leaves a lone "Help", a search box's "I'm shopping for…" or
/// the site's name. (A page with no main text at all is the likelier case:
/// of the 1,497 WCXB development pages, 21 have none and 1 has fewer than
/// 20 words.) The page then cleans to an empty text, and every dropped
/// block says why.
///
/// A short page that is mostly its few words ("Hello, reader." under a
/// one-link menu) keeps them, and plain text is left alone: whoever
/// extracted it chose it.
///
/// ```
/// use deboiler::rules::{MinimumText, PageChrome};
/// use deboiler::{Cleaner, RuleSet};
///
/// let shell = "<body><div id=app></div>\
///     <header><a href=/>Shop</a> <a href=/brands>Brands</a> <a href=/deals>Deals and gift cards</a></header>\
///     <nav><a href=/w>Women</a> <a href=/m>Men</a> <a href=/k>Kids</a> <a href=/h>Home and garden</a></nav>\
///     <footer>Copyright 2026 Example Stores, all rights reserved</footer><a href=/help>Help</a></body>";
/// let rules = RuleSet::empty().with(PageChrome::default()).with(MinimumText::default());
/// let page = Cleaner::builder().rules(rules).build()?.clean(shell)?;
/// assert_eq!(page.text(), "");
/// assert_eq!(page.removed().last().unwrap().rule(), "minimum-text");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Name: `minimum-text`.
#[derive(Debug, Clone, Copy)]
pub struct MinimumText {
    min_words: usize,
}

/// Fewer words than this are less than a short paragraph.
const SHORT_PARAGRAPH_WORDS: usize = 20;

impl Default for MinimumText {
    fn default() -> Self {
        MinimumText {
            min_words: SHORT_PARAGRAPH_WORDS,
        }
    }
}

impl MinimumText {
    /// The fewest words a page's main text has (default 20); 0 turns the
    /// rule off.
    pub fn min_words(mut self, words: usize) -> Self {
        self.min_words = words;
        self
    }
}

/// How many times more words than it keeps a page must show for its
/// leftovers to be chrome.
const PAGE_TO_LEFTOVERS: usize = 10;

impl Rule for MinimumText {
    fn name(&self) -> &str {
        "minimum-text"
    }

    fn phase(&self) -> Phase {
        Phase::Leftovers
    }

    fn apply(&self, page: &Page<'_>, judgement: &mut Judgement) {
        if !page.is_html() {
            return;
        }
        let kept: Vec<usize> = judgement.kept().collect();
        let words: usize = kept.iter().map(|&b| page.blocks[b].words).sum();
        if words >= self.min_words {
            return;
        }
        // What a reader sees of the page: not what `non-content` drops (the
        // head, scripts, styles, form controls, screen-reader labels, ...),
        // and each text once (a paragraph repeated ten thousand times does
        // not make a page of many words).
        let mut texts = HashSet::default();
        let shown: usize = (0..page.blocks.len())
            .filter(|&b| {
                !page
                    .ancestors_of(b)
                    .any(|e| page.elements[e].flags.intersects(Flags::NOT_SHOWN))
            })
            .filter(|&b| texts.insert(page.blocks[b].text.as_str()))
            .map(|b| page.blocks[b].words)
            .sum();
        if shown < PAGE_TO_LEFTOVERS * words.max(1) {
            return;
        }
        let reason = format!(
            "the page keeps {words} of the {shown} words it shows, too few to be a main text"
        );
        for block in kept {
            judgement.drop_block(block, reason.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Cleaner;
    use crate::rules::{NonContent, PageChrome, RuleSet, clean_with};

    /// Thirty-one words of page chrome, none of it holding half the page.
    const CHROME: &str = "<header><p>Shop Brands Deals Gift cards Stores Careers Blog Help Login Cart</p></header>\
        <nav><p>Women Men Kids Home Beauty Shoes Bags Sports Toys Garden</p></nav>\
        <footer><p>Terms Privacy Cookies Accessibility Sitemap Press Investors Jobs Contact Returns</p></footer>";

    fn clean(html: &str) -> crate::Cleaned {
        let rules = RuleSet::empty()
            .with(NonContent)
            .with(PageChrome::default())
            .with(MinimumText::default());
        let cleaner = Cleaner::builder()
            .rules(rules)
            .build()
            .expect("rules compile");
        cleaner.clean(html).expect("page cleans")
    }

    #[test]
    fn a_page_left_with_a_few_words_of_many_cleans_to_nothing() {
        let shell = format!(
            "<head><title>Shop</title></head><body><div id=root></div><p>Need help?</p>\
             <p>Choosing a selection results in a full page refresh.</p>{}</body>",
            // Four different menus: text repeated would count once.
            ["Brands", "Makers", "Labels", "Names"]
                .map(|word| CHROME
                    .replace("Brands", word)
                    .replace("Men", word)
                    .replace("Terms", word))
                .concat()
        );
        let page = clean(&shell);
        assert_eq!(page.text(), "");
        let reasons: Vec<&str> = page
            .removed()
            .iter()
            .filter(|r| r.rule() == "minimum-text")
            .map(|r| r.reason())
            .collect();
        assert_eq!(reasons.len(), 2);
        assert!(
            reasons[0].contains("keeps 11 of the 135 words"),
            "{}",
            reasons[0]
        );
    }

    #[test]
    fn a_short_page_a_sentence_and_plain_text_stay() {
        let page = clean("<body><nav><a href=/>Home</a></nav><p>Hello, reader.</p></body>");
        assert_eq!(page.text(), "Hello, reader.");
        let page = clean("<body><p>The bridge opens to traffic on Monday.</p></body>");
        assert_eq!(page.text(), "The bridge opens to traffic on Monday.");
        assert_eq!(
            clean_with(MinimumText::default(), "Thanks!").text(),
            "Thanks!"
        );
        let lower = format!("<p>Need help?</p>{CHROME}");
        let rules = RuleSet::empty()
            .with(PageChrome::default())
            .with(MinimumText::default().min_words(2));
        let cleaner = Cleaner::builder()
            .rules(rules)
            .build()
            .expect("rules compile");
        assert_eq!(
            cleaner.clean(&lower).expect("page cleans").text(),
            "Need help?"
        );
    }
}
