//! Rules that judge a block by where it sits in the page: inside a script,
//! a hidden element, a navigation bar, a comment section, ...

use crate::page::{Flags, Judgement, Page, any_class_word};
use crate::rules::{Phase, Rule};

/// Drops the text of elements that are not content: `<head>`, `<title>`,
/// `<script>`, `<style>`, `<noscript>`, `<template>`, `<svg>`, `<iframe>`,
/// `<object>`, `<embed>`, `<canvas>`, media fallbacks and form controls
/// (`<select>`, `<option>`, `<button>`, `<textarea>`, `<input>`, `<label>`).
/// A `<noscript>` holding half of the page's words or more is kept: it is
/// what the site shows to readers without scripts, crawlers among them.
///
/// Name: `non-content`.
#[derive(Debug, Clone, Copy, Default)]
pub struct NonContent;

impl Rule for NonContent {
    fn phase(&self) -> Phase {
        Phase::Structure
    }

    fn name(&self) -> &str {
        "non-content"
    }

    fn apply(&self, page: &Page<'_>, judgement: &mut Judgement) {
        let non_content = |e: usize| page.elements[e].flags.contains(Flags::NON_CONTENT);
        let is_noscript = |e: usize| &*page.elements[e].tag == "noscript";
        let why = "not content: inside";
        // Scripts, styles and the rest first; then <noscript>, which is the
        // page when it holds most of the text left, as sites that render
        // with scripts give it to crawlers.
        let others = |e| non_content(e) && !is_noscript(e);
        drop_inside(page, judgement, others, why, Majority::Dropped);
        drop_inside(page, judgement, is_noscript, why, Majority::Spared);
    }
}

/// Drops the text of hidden elements: the `hidden` attribute,
/// `aria-hidden="true"`, and inline `display:none` or `visibility:hidden`,
/// unless the hidden element holds half of the page's words or more (the
/// page waiting for a script to show it).
///
/// Not in [`RuleSet::default`](crate::RuleSet::default): hidden text is as
/// often the closed panels of tabs and accordions as it is a mobile menu, so
/// there the [`ContentClassifier`](crate::rules::ContentClassifier), which
/// knows whether a block is hidden, decides. Part of
/// [`RuleSet::strict`](crate::RuleSet::strict).
///
/// Name: `hidden`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Hidden;

impl Rule for Hidden {
    fn phase(&self) -> Phase {
        Phase::Structure
    }

    fn name(&self) -> &str {
        "hidden"
    }

    fn apply(&self, page: &Page<'_>, judgement: &mut Judgement) {
        // A hidden element with most of the page's text is the page, waiting
        // for a script to show it (streamed server rendering).
        let hidden = |e: usize| page.elements[e].flags.contains(Flags::HIDDEN);
        drop_inside(page, judgement, hidden, "hidden: inside", Majority::Spared);
    }
}

/// Whether [`drop_inside`] spares a picked element that holds half of the
/// kept words or more (it is the content, whatever its markup says).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Majority {
    Spared,
    Dropped,
}

/// Drops every kept block inside an element that `target` picks (by its
/// index), with the elements holding most of the page as `majority` says.
fn drop_inside(
    page: &Page<'_>,
    judgement: &mut Judgement,
    target: impl Fn(usize) -> bool,
    why: &str,
    majority: Majority,
) {
    let kept: Vec<usize> = judgement.kept().collect();
    // Word counts, computed the first time a share is needed.
    let mut words = None;
    let mut drops = Vec::new();
    for &block in &kept {
        let mut spared = false;
        let found = page.ancestors_of(block).find(|&e| {
            if !target(e) {
                return false;
            }
            if majority == Majority::Dropped {
                return true;
            }
            let words = words.get_or_insert_with(|| page.word_counts(&kept));
            spared |= words.share(e) >= 0.5;
            !spared
        });
        if let Some(e) = found {
            drops.push((block, format!("{why} {}", page.describe(e))));
        }
    }
    for (block, reason) in drops {
        judgement.drop_block(block, reason);
    }
}

/// Drops navigation, page headers, footers, asides, dialogs, comment
/// sections and what forums repeat around posts: `<nav>`, `<header>`,
/// `<footer>`, `<aside>`, `<dialog>`, the ARIA roles `navigation`, `menu`,
/// `banner`, `contentinfo`, `complementary`, `dialog` and `alertdialog`,
/// `aria-modal` and `popover` elements, the containers of the common
/// consent managers, the containers that comment systems use (`#comments`, `#respond`, `.comments-area`,
/// `#disqus_thread`, ...), and the signatures under forum posts
/// (`.signature`, `.post-signature`, ...) and the statistics beside their
/// authors (`.message-userExtras`, `.userstats`: "Joined", "Messages").
///
/// Where they are the main content, they stay: a `<header>` inside an
/// `<article>`, `<main>` or an element schema.org calls an item's main text
/// is the article's own header, and a header, footer, aside, dialog or
/// comment section that holds at least
/// [`content_share`](PageChrome::content_share) of the page's words (a
/// forum thread, an article put in an `<aside>`) is kept, with the landmarks
/// of its kind nested in it (the replies of a thread). Dialogs are
/// judged first and their words are not counted in the others' shares. On a
/// page that declares itself a forum thread or Q&A page (schema.org
/// `DiscussionForumPosting` or `QAPage`), a comment section holding a fifth
/// of the words is kept: it is the thread.
///
/// Name: `page-chrome`.
#[derive(Debug, Clone, Copy)]
pub struct PageChrome {
    content_share: f32,
}

impl Default for PageChrome {
    fn default() -> Self {
        PageChrome { content_share: 0.5 }
    }
}

impl PageChrome {
    /// The share of the page's words (0 to 1, default 0.5) from which a
    /// header, footer, aside, dialog, comment section or forum post chrome
    /// counts as the content (navigation never does).
    pub fn content_share(mut self, share: f32) -> Self {
        self.content_share = share;
        self
    }
}

impl Rule for PageChrome {
    fn phase(&self) -> Phase {
        Phase::Structure
    }

    fn name(&self) -> &str {
        "page-chrome"
    }

    fn apply(&self, page: &Page<'_>, judgement: &mut Judgement) {
        if !page.is_html() {
            return;
        }
        let kept: Vec<usize> = judgement.kept().collect();
        let mut words = page.word_counts(&kept);
        // Dialogs go first, so that a cookie preference centre, which can
        // hold more words than a forum thread, does not count in its share.
        let mut rest = Vec::with_capacity(kept.len());
        for &block in &kept {
            let outermost_dialog = page
                .ancestors_of(block)
                .filter(|&e| page.elements[e].flags.contains(Flags::DIALOG))
                .last();
            match outermost_dialog {
                Some(e) if words.share(e) < self.content_share => {
                    judgement
                        .drop_block(block, format!("page chrome: inside {}", page.describe(e)));
                }
                _ => rest.push(block),
            }
        }
        if rest.len() < kept.len() {
            words = page.word_counts(&rest);
        }
        let holds_content = |e: usize| {
            // A discussion page's thread is often marked up as comments.
            let share =
                if page.declared.discussion && page.elements[e].flags.contains(Flags::COMMENTS) {
                    DISCUSSION_SHARE
                } else {
                    self.content_share
                };
            words.total > 0 && words.share(e) >= share
        };
        let mut chain = Vec::new();
        for block in rest {
            chain.clear();
            chain.extend(page.ancestors_of(block));
            let mut in_article = false;
            // Landmarks of the kinds an outer one that holds the content is
            // of: the replies nested in a thread marked up as comments.
            let mut spared = Flags::default();
            // Outermost first, so that the reason names the whole landmark.
            for &e in chain.iter().rev() {
                let flags = page.elements[e].flags;
                let exempt = flags.contains(Flags::HEADER) && in_article;
                let kinds = flags.intersection(Flags::CHROME);
                let chrome = !kinds.is_empty() && !spared.contains(kinds) && !exempt;
                if chrome {
                    if flags.contains(Flags::NAV) || !holds_content(e) {
                        let reason = format!("page chrome: inside {}", page.describe(e));
                        judgement.drop_block(block, reason);
                        break;
                    }
                    spared.insert(kinds);
                }
                in_article |= flags.contains(Flags::ARTICLE);
            }
        }
    }
}

/// On a page that says it is a forum thread or Q&A page, a comment section
/// holding this share of the words is the thread itself (the comments under
/// a Q&A answer hold less).
const DISCUSSION_SHARE: f32 = 0.2;

/// Drops elements whose class or id says they are boilerplate: share and
/// social buttons, newsletters, cookie and consent banners, related and
/// recommended content, sidebars, breadcrumbs, widgets, ads, sponsors,
/// pop-ups, pagination, tag lists. A class is split at `-`, `_` and
/// camelCase words and each part is compared whole (and all parts joined),
/// so `share-bar` and `sideBar` match and `shareholder` does not.
/// An element holding half of the page's words or more is never dropped
/// (`has-sidebar` on a page wrapper).
///
/// Part of [`RuleSet::strict`](crate::RuleSet::strict). Name: `boilerplate-classes`.
#[derive(Debug, Clone, Copy, Default)]
pub struct BoilerplateClasses;

/// Class and id parts that mark boilerplate containers.
const BOILERPLATE_CLASS_PARTS: &[&str] = &[
    "share",
    "sharing",
    "social",
    "newsletter",
    "subscribe",
    "subscription",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "related",
    "recommended",
    "sidebar",
    "breadcrumb",
    "breadcrumbs",
    "widget",
    "advert",
    "advertisement",
    "ads",
    "sponsor",
    "sponsored",
    "promo",
    "popup",
    "modal",
    "pagination",
    "pager",
    "tags",
    "tagcloud",
];

fn has_boilerplate_class(page: &Page<'_>, element: usize) -> bool {
    if matches!(
        &*page.elements[element].tag,
        "html" | "body" | "main" | "article"
    ) {
        return false;
    }
    page.id_of(element)
        .split_ascii_whitespace()
        .chain(page.class_of(element).split_ascii_whitespace())
        .any(|token| any_class_word(token, |word| BOILERPLATE_CLASS_PARTS.contains(&word)))
}

impl Rule for BoilerplateClasses {
    fn phase(&self) -> Phase {
        Phase::Structure
    }

    fn name(&self) -> &str {
        "boilerplate-classes"
    }

    fn apply(&self, page: &Page<'_>, judgement: &mut Judgement) {
        if !page.is_html() {
            return;
        }
        let target = |e: usize| has_boilerplate_class(page, e);
        let why = "boilerplate class: inside";
        drop_inside(page, judgement, target, why, Majority::Spared);
    }
}

/// Drops blocks whose text is mostly link text: menus, tag lists, "more
/// stories" lists that are not marked up as such.
///
/// Part of [`RuleSet::strict`](crate::RuleSet::strict). Name: `link-lists`.
#[derive(Debug, Clone, Copy)]
pub struct LinkLists {
    max_link_density: f32,
}

impl Default for LinkLists {
    fn default() -> Self {
        LinkLists {
            max_link_density: 0.5,
        }
    }
}

impl LinkLists {
    /// The share of link characters (0 to 1, default 0.5) above which a
    /// block is dropped.
    pub fn max_link_density(mut self, density: f32) -> Self {
        self.max_link_density = density;
        self
    }
}

impl Rule for LinkLists {
    fn name(&self) -> &str {
        "link-lists"
    }

    fn apply(&self, page: &Page<'_>, judgement: &mut Judgement) {
        let drops: Vec<(usize, f32)> = judgement
            .kept()
            .map(|b| (b, page.blocks[b].link_density()))
            .filter(|&(_, density)| density > self.max_link_density)
            .collect();
        for (block, density) in drops {
            let reason = format!("{:.0}% of its text is links", density * 100.0);
            judgement.drop_block(block, reason);
        }
    }
}

/// In plain text, drops a run of very short lines at the top or the bottom
/// (a menu, "Home / News / Sport", or share buttons, when a scraper kept
/// them as text). A line is short when it has at most
/// [`max_words`](TextNavigation::max_words) words (default 3) and does not
/// end a sentence; a run needs at least
/// [`min_run`](TextNavigation::min_run) lines (default 3).
///
/// Only a text with prose (a block of 10 words or more) has navigation:
/// a poem or a list of short lines is left alone.
///
/// Name: `text-navigation`.
#[derive(Debug, Clone, Copy)]
pub struct TextNavigation {
    max_words: usize,
    min_run: usize,
}

impl Default for TextNavigation {
    fn default() -> Self {
        TextNavigation {
            max_words: 3,
            min_run: 3,
        }
    }
}

/// Words from which a block is prose, for [`TextNavigation`].
const PROSE_WORDS: usize = 10;

impl TextNavigation {
    /// The most words a navigation line has (default 3).
    pub fn max_words(mut self, words: usize) -> Self {
        self.max_words = words;
        self
    }

    /// The fewest short lines that make a navigation run (default 3).
    pub fn min_run(mut self, lines: usize) -> Self {
        self.min_run = lines.max(1);
        self
    }

    fn is_short(&self, text: &str, words: usize) -> bool {
        let ends_sentence = text.ends_with(['.', '!', '?', '。', '！', '？']);
        words <= self.max_words && !ends_sentence
    }
}

impl Rule for TextNavigation {
    fn name(&self) -> &str {
        "text-navigation"
    }

    fn apply(&self, page: &Page<'_>, judgement: &mut Judgement) {
        if page.is_html() {
            return;
        }
        let kept: Vec<usize> = judgement.kept().collect();
        let short = |&&b: &&usize| self.is_short(&page.blocks[b].text, page.blocks[b].words);
        let head: Vec<usize> = kept.iter().take_while(short).copied().collect();
        let tail: Vec<usize> = kept.iter().rev().take_while(short).copied().collect();
        // Navigation surrounds prose; a text without a sentence of some
        // length (a poem, a list) has none.
        if !kept.iter().any(|&b| page.blocks[b].words >= PROSE_WORDS) {
            return;
        }
        for (run, place) in [(head, "top"), (tail, "bottom")] {
            if run.len() >= self.min_run {
                for block in run {
                    let reason = format!("navigation: a run of short lines at the {place}");
                    judgement.drop_block(block, reason);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::clean_with;

    const ARTICLE: &str =
        "<p>This is the long article text that a reader came for, told in full sentences.</p>";

    #[test]
    fn non_content_drops_scripts_styles_and_forms() {
        let html = format!(
            "<html><head><title>T</title><style>p {{}}</style></head><body>{ARTICLE}\
             <script>var a = 1;</script><form><label>Name</label><button>Send</button></form></body></html>"
        );
        let page = clean_with(NonContent, &html);
        assert_eq!(
            page.text(),
            ARTICLE.trim_start_matches("<p>").trim_end_matches("</p>")
        );
        assert_eq!(page.removed().len(), 5);
        assert!(page.removed()[2].reason().contains("<script>"));
    }

    #[test]
    fn a_noscript_that_holds_the_page_is_kept() {
        let html = format!("<body><p>Enable JS</p><noscript>{ARTICLE}</noscript></body>");
        let page = clean_with(NonContent, &html);
        assert!(page.text().contains("the long article text"));
        let small = "<body>".to_string() + ARTICLE + "<noscript><p>Enable JS</p></noscript>";
        assert!(!clean_with(NonContent, &small).text().contains("Enable JS"));
    }

    #[test]
    fn hidden_drops_hidden_elements_unless_they_are_the_page() {
        let html = format!(
            "<body>{ARTICLE}<div hidden><p>a</p></div><p aria-hidden=true>b</p>\
             <div style='VISIBILITY : hidden'><p>c</p></div><p style='display:block'>d</p></body>"
        );
        let page = clean_with(Hidden, &html);
        let kept: Vec<&str> = page.blocks().iter().map(|b| b.text()).collect();
        assert_eq!(kept.len(), 2);
        assert_eq!(kept[1], "d");
        let streamed = format!("<body><p>Loading</p><div hidden id=s0>{ARTICLE}</div></body>");
        assert!(
            clean_with(Hidden, &streamed)
                .text()
                .contains("the long article text")
        );
    }

    #[test]
    fn page_chrome_drops_landmarks_and_comment_sections() {
        let html = format!(
            "<body><header><p>Site name</p></header><nav><a href=/>Home</a></nav>\
             <article><header><h1>Article title</h1></header>{ARTICLE}</article>\
             <div id=comments><p>Leave a reply</p></div><aside><p>Ads</p></aside>\
             <div role=contentinfo><p>Footer</p></div></body>"
        );
        let page = clean_with(PageChrome::default(), &html);
        let kept: Vec<&str> = page.blocks().iter().map(|b| b.text()).collect();
        assert_eq!(kept[0], "Article title");
        assert_eq!(kept.len(), 2);
        assert_eq!(page.removed().len(), 5);
    }

    /// A forum page: a thread marked up as comments (40 words), other text
    /// (110 words) and a consent dialog (100 words), with or without a
    /// schema.org type that says it is a discussion.
    fn forum_page(schema: &str) -> String {
        let words = |word: &str, n: usize| vec![word; n].join(" ");
        format!(
            "<html><head>{schema}</head><body><div class=intro><p>{}</p></div>\
             <div id=comments><div class=post><p>{}</p></div><div class=post><p>{}</p></div></div>\
             <div id=onetrust-consent-sdk><p>{}</p></div></body></html>",
            words("intro", 110),
            words("question", 20),
            words("answer", 20),
            words("cookies", 100),
        )
    }

    #[test]
    fn a_discussion_page_keeps_its_thread_and_drops_its_dialogs() {
        let schema =
            r#"<script type="application/ld+json">{"@type": "DiscussionForumPosting"}</script>"#;
        let page = clean_with(PageChrome::default(), &forum_page(schema));
        assert!(page.text().contains("question") && page.text().contains("answer"));
        assert!(!page.text().contains("cookies"));
        // Without the schema the thread holds too little of the page. (With
        // the dialog's words counted it would hold too little either way.)
        let page = clean_with(PageChrome::default(), &forum_page(""));
        assert!(!page.text().contains("question"));
        assert!(page.text().contains("intro"));
        // Microdata says it too.
        let microdata = forum_page("").replace(
            "<div id=comments>",
            "<div id=comments itemscope itemtype=https://schema.org/QAPage>",
        );
        let page = clean_with(PageChrome::default(), &microdata);
        assert!(page.text().contains("answer"));
    }

    #[test]
    fn dialogs_are_chrome_unless_they_hold_the_page() {
        let html = format!(
            "<body>{ARTICLE}<div role=dialog><p>Sign up now</p></div>\
             <div aria-modal=true><p>Choose a size</p></div><dialog><p>Are you sure?</p></dialog>\
             <div class='cookie-notice bottom'><p>We use cookies</p></div>\
             <div id=onetrust-banner-sdk><p>Accept all</p></div>\
             <ul popover id=more-menu><li>Tap Install</li></ul></body>"
        );
        let page = clean_with(PageChrome::default(), &html);
        assert!(page.text().contains("the long article text"));
        assert_eq!(page.removed().len(), 6);
        // What a page wrapper says about the visitor's cookies is not a dialog.
        let html = format!("<body class=cookies-not-set>{ARTICLE}</body>");
        assert!(
            clean_with(PageChrome::default(), &html)
                .removed()
                .is_empty()
        );
        let html = format!("<body><div role=dialog>{ARTICLE}</div></body>");
        let page = clean_with(PageChrome::default(), &html);
        assert!(page.text().contains("the long article text"));
    }

    #[test]
    fn forum_signatures_and_author_statistics_are_chrome() {
        let post = "<div class=message><div class=message-userExtras><dl><dt>Joined</dt><dd>Jun 2016</dd></dl></div>\
                    <div class=post-body><p>I fixed it by reseating the memory, thanks all.</p>\
                    <div class=ipsEntry__signature><p>My rig: a Ryzen and too many fans</p></div></div></div>";
        let page = clean_with(PageChrome::default(), &format!("<body>{post}{post}</body>"));
        assert_eq!(page.text().matches("reseating").count(), 2);
        assert!(!page.text().contains("My rig"));
        assert!(!page.text().contains("Joined"));
        let reasons: Vec<&str> = page.removed().iter().map(|r| r.reason()).collect();
        assert!(reasons.iter().any(|r| r.contains("signature")));
        assert!(
            reasons.iter().any(|r| r.contains("user-extras")),
            "{reasons:?}"
        );
    }

    #[test]
    fn replies_nested_in_a_thread_that_holds_the_page_stay() {
        let reply = "<p>a reply that says a fair amount about the question at hand</p>";
        let html = format!(
            "<body><p>Short link post</p><ol class=comments><li>{reply}{reply}\
             <ol class=comments><li>{reply}</li></ol></li></ol>\
             <footer><p>Footer</p></footer></body>"
        );
        let page = clean_with(PageChrome::default(), &html);
        assert_eq!(page.text().matches("a reply").count(), 3);
        assert!(!page.text().contains("Footer"));
        // Under a long article, the same thread is chrome, nested replies too.
        let article = ARTICLE.repeat(4);
        let html = format!(
            "<body>{article}<ol class=comments><li>{reply}<ol class=comments><li>{reply}</li></ol></li></ol></body>"
        );
        let page = clean_with(PageChrome::default(), &html);
        assert!(!page.text().contains("a reply"));
    }

    #[test]
    fn an_aside_that_holds_most_of_the_text_is_content() {
        let html = format!("<body><aside>{ARTICLE}</aside><footer><p>Footer</p></footer></body>");
        let page = clean_with(PageChrome::default(), &html);
        assert!(page.text().contains("the long article text"));
        assert!(!page.text().contains("Footer"));
    }

    #[test]
    fn boilerplate_classes_match_whole_class_parts() {
        let html = format!(
            "<body class=has-sidebar><div class=wrap>{ARTICLE}\
             <div class='share-bar'><p>Share</p></div><div id=shareholder-news><p>Dividend up</p></div>\
             <ul class=related_posts><li>Other story</li></ul></div></body>"
        );
        let page = clean_with(BoilerplateClasses, &html);
        let kept: Vec<&str> = page.blocks().iter().map(|b| b.text()).collect();
        assert_eq!(kept.len(), 2);
        assert_eq!(kept[1], "Dividend up");
    }

    #[test]
    fn link_lists_drop_blocks_made_of_links() {
        let html = format!(
            "<body>{ARTICLE}<p><a href=a>One story</a> and <a href=b>another</a></p></body>"
        );
        let page = clean_with(LinkLists::default(), &html);
        assert_eq!(page.blocks().len(), 1);
        assert!(page.removed()[0].reason().contains("links"));
    }

    #[test]
    fn text_navigation_drops_runs_of_short_lines_at_both_ends() {
        let text = "News\nSport\nWeather\n\nA paragraph of prose that is long enough to count as the content.\n\nTwitter\nFacebook\nEmail";
        let page = clean_with(TextNavigation::default(), text);
        assert_eq!(
            page.text(),
            "A paragraph of prose that is long enough to count as the content."
        );
        let two =
            "News\nSport\n\nA paragraph of prose that is long enough to count as the content.";
        assert_eq!(
            clean_with(TextNavigation::default(), two).removed().len(),
            0
        );
    }
}
