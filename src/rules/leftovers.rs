//! The last look at a page: what is left as a whole.

use rustc_hash::FxHashSet as HashSet;

use crate::block::BlockKind;
use crate::page::{Judgement, Page};
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
            .filter(|&b| page.is_shown(b))
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

/// Drops a heading whose section lost its content: the blocks after it, up
/// to the next heading of its level or above, were all dropped by other
/// rules, and they held at least ten words (and twice the heading's). Such
/// a heading is the title of a box that went ("Related posts" over a
/// dropped story list, "Leave a reply" over a form, a footer column's
/// "Help" over its links). A heading whose section keeps anything (a
/// subheading with its text counts) stays, and so does a card's title over
/// a dropped date, or a heading with nothing after it (a run of headline
/// links). A page left with headings only keeps them, and plain text is
/// left alone.
///
/// ```
/// use deboiler::rules::{OrphanHeadings, PageChrome};
/// use deboiler::{Cleaner, RuleSet};
///
/// let html = "<main><h1>The bridge</h1><p>The bridge opens on Monday, after two years.</p>\
///     <h2>Related posts</h2><nav><a href=/a>The tunnel closes for repairs next spring</a>\
///     <a href=/b>A new ferry line across the bay</a></nav></main>";
/// let rules = RuleSet::empty().with(PageChrome::default()).with(OrphanHeadings);
/// let page = Cleaner::builder().rules(rules).build()?.clean(html)?;
/// assert_eq!(page.text(), "The bridge\n\nThe bridge opens on Monday, after two years.");
/// let heading = page.removed().iter().find(|r| r.rule() == "orphan-headings");
/// assert_eq!(heading.unwrap().block().text(), "Related posts");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Name: `orphan-headings`.
#[derive(Debug, Clone, Copy, Default)]
pub struct OrphanHeadings;

/// The fewest words a heading's section must have lost for the heading to
/// be the title of a dropped box rather than of a card whose date or
/// byline went.
const ORPHAN_SECTION_WORDS: usize = 10;

impl Rule for OrphanHeadings {
    fn name(&self) -> &str {
        "orphan-headings"
    }

    fn phase(&self) -> Phase {
        Phase::Leftovers
    }

    fn apply(&self, page: &Page<'_>, judgement: &mut Judgement) {
        if !page.is_html() {
            return;
        }
        let level = |b: usize| match page.blocks[b].kind {
            BlockKind::Heading(level) => Some(level),
            _ => None,
        };
        // A page left with headings only keeps them: they are all it has.
        if judgement.kept().all(|b| level(b).is_some()) {
            return;
        }
        // The last heading first, so that a heading whose subsections all
        // went is judged without them. A block is in at most six sections
        // (one per level), so the scans cost six passes over the page.
        let headings: Vec<(usize, u8)> = judgement
            .kept()
            .filter_map(|b| Some((b, level(b)?)))
            .collect();
        for &(heading, rank) in headings.iter().rev() {
            let mut dropped_words = 0;
            let mut keeps_something = false;
            for b in heading + 1..page.blocks.len() {
                if level(b).is_some_and(|l| l <= rank) {
                    break;
                }
                if judgement.is_kept(b) {
                    keeps_something = true;
                    break;
                }
                if level(b).is_none() && page.is_shown(b) {
                    dropped_words += page.blocks[b].words;
                }
            }
            let lost = ORPHAN_SECTION_WORDS.max(2 * page.blocks[heading].words);
            if !keeps_something && dropped_words >= lost {
                judgement.drop_block(heading, "a heading whose section was all dropped");
            }
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

    /// `orphan-headings` after a rule that drops the blocks whose text
    /// starts with "gone", as an earlier rule would.
    fn clean_orphans(html: &str) -> crate::Cleaned {
        let gone = crate::rules::from_fn("gone", |block| {
            block
                .text()
                .starts_with("gone")
                .then(|| "marked".to_string())
        });
        let rules = RuleSet::empty().with(gone).with(OrphanHeadings);
        let cleaner = Cleaner::builder()
            .rules(rules)
            .build()
            .expect("rules compile");
        cleaner.clean(html).expect("page cleans")
    }

    const STORY: &str =
        "<h1>The bridge</h1><p>The bridge opens on Monday, after two years of work.</p>";
    const DROPPED_LIST: &str = "<ul><li>gone: the tunnel closes for repairs next spring</li>\
        <li>gone: a new ferry line across the bay</li></ul>";

    #[test]
    fn the_heading_of_a_dropped_box_goes_with_it() {
        let page = clean_orphans(&format!("{STORY}<h2>Related posts</h2>{DROPPED_LIST}"));
        assert_eq!(
            page.text(),
            "The bridge\n\nThe bridge opens on Monday, after two years of work."
        );
        let orphans: Vec<&str> = page
            .removed()
            .iter()
            .filter(|r| r.rule() == "orphan-headings")
            .map(|r| r.block().text())
            .collect();
        assert_eq!(orphans, ["Related posts"]);
        // A section heading over a subsection that all went goes too.
        let nested = clean_orphans(&format!(
            "{STORY}<h2>More</h2><h3>Related posts</h3>{DROPPED_LIST}<h2>Sources</h2><p>City records.</p>"
        ));
        assert_eq!(
            nested.text(),
            "The bridge\n\nThe bridge opens on Monday, after two years of work.\n\nSources\n\nCity records."
        );
    }

    #[test]
    fn headings_that_keep_something_or_lost_little_stay() {
        // A subsection that keeps its text keeps its parent heading.
        let page = clean_orphans(&format!(
            "{STORY}<h2>Works</h2><h3>Steel</h3><p>Made in Ohio.</p>{DROPPED_LIST}"
        ));
        assert!(page.text().contains("Works\n\nSteel\n\nMade in Ohio."));
        // Cards whose dates went keep their titles.
        let cards = format!(
            "{STORY}{}",
            ["Ferry", "Tunnel", "Bay"]
                .map(|t| format!("<h3>{t} news today</h3><p>gone: Mar 14</p>"))
                .concat()
        );
        assert!(clean_orphans(&cards).text().ends_with("Bay news today"));
        // A page left with headings only keeps them.
        let headlines = format!("<h2>Ferry</h2><h2>Tunnel</h2>{DROPPED_LIST}");
        assert_eq!(clean_orphans(&headlines).text(), "Ferry\n\nTunnel");
        // Plain text is not judged.
        let text =
            crate::Input::text("Related\n\ngone: the tunnel closes for repairs next spring now");
        let rules = RuleSet::empty().with(OrphanHeadings);
        let cleaner = Cleaner::builder()
            .rules(rules)
            .build()
            .expect("rules compile");
        assert!(
            cleaner
                .clean(text)
                .expect("text cleans")
                .text()
                .starts_with("Related")
        );
    }
}
