//! Rules that judge a block by where it sits in the page: inside a script,
//! a hidden element, an element whose class says boilerplate; and, in
//! plain text, the short lines around the text.

use crate::page::{Flags, Judgement, Page};
use crate::rules::{Phase, Rule};
use crate::vocabulary::class_words::{ClassWord, any_class_word, class_word};
use crate::vocabulary::punctuation::ends_sentence;
use crate::vocabulary::words::PROSE_WORDS;

/// Drops the text of elements that are not content: `<head>`, `<title>`,
/// `<script>`, `<style>`, `<noscript>`, `<template>`, `<svg>`, `<iframe>`,
/// `<object>`, `<embed>`, `<canvas>`, media fallbacks and form controls
/// (`<select>`, `<option>`, `<button>`, `<textarea>`, `<input>`, `<label>`),
/// and MathML's `<annotation>` (a formula's TeX source, never rendered);
/// and the text that a class leaves to screen readers (`sr-only`,
/// `visually-hidden`, `screen-reader-text`, ...: "Regular price:",
/// "(opens in a new window)"), which the page never shows.
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
        let names_an_icon = icon_names(page);
        let not_shown =
            |e: usize| page.elements[e].flags.intersects(Flags::NOT_SHOWN) && !names_an_icon[e];
        let is_noscript = |e: usize| &*page.elements[e].tag == "noscript";
        let why = |e: usize| {
            if page.elements[e].flags.contains(Flags::SCREEN_READER_ONLY) {
                "not shown: for screen readers only, inside"
            } else {
                "not content: inside"
            }
        };
        // Scripts, styles and the rest first; then <noscript>, which is the
        // page when it holds most of the text left, as sites that render
        // with scripts give it to crawlers.
        let others = |e| not_shown(e) && !is_noscript(e);
        drop_inside(page, judgement, others, why, Majority::Dropped);
        drop_inside(page, judgement, is_noscript, why, Majority::Spared);
    }
}

/// Per element: whether it is text for screen readers only that is all the
/// text of its table cell, the name of the icon the cell shows (a
/// comparison table's "Yes" under its check mark): without it the row
/// loses its value.
fn icon_names(page: &Page<'_>) -> Vec<bool> {
    let elements = &page.elements;
    let mut names = vec![false; elements.len()];
    if !elements
        .iter()
        .any(|e| e.flags.contains(Flags::SCREEN_READER_ONLY))
    {
        return names;
    }
    // Per element: the blocks of text inside it.
    let mut text_blocks = vec![0u32; elements.len()];
    for (b, block) in page.blocks.iter().enumerate() {
        if !block.text.trim().is_empty() {
            for e in page.ancestors_of(b) {
                text_blocks[e] += 1;
            }
        }
    }
    for (e, name) in names.iter_mut().enumerate() {
        if !elements[e].flags.contains(Flags::SCREEN_READER_ONLY) || text_blocks[e] == 0 {
            continue;
        }
        let cell = page.cell_around(Some(e));
        *name = cell.is_some_and(|cell| text_blocks[cell] == text_blocks[e]);
    }
    names
}

/// Drops the text of hidden elements: the `hidden` attribute,
/// `aria-hidden="true"`, inline `display:none` or `visibility:hidden`, and
/// a utility class that hides on every screen (`hide`, `d-none`, ...),
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
        drop_inside(
            page,
            judgement,
            hidden,
            |_| "hidden: inside",
            Majority::Spared,
        );
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
/// index), with the elements holding most of the page as `majority` says;
/// the reason starts with what `why` says of the element.
fn drop_inside(
    page: &Page<'_>,
    judgement: &mut Judgement,
    target: impl Fn(usize) -> bool,
    why: impl Fn(usize) -> &'static str,
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
            drops.push((block, format!("{} {}", why(e), page.describe(e))));
        }
    }
    for (block, reason) in drops {
        judgement.drop_block(block, reason);
    }
}

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

/// Whether the class or id of `element` has a word sure to mark a
/// boilerplate container ([`ClassWord::Boilerplate`] with `sure`); a page
/// wrapper's never does.
fn has_boilerplate_class(page: &Page<'_>, element: usize) -> bool {
    if page.elements[element].traits.wrapper {
        return false;
    }
    let sure = |word: &str| class_word(word) == Some(ClassWord::Boilerplate { sure: true });
    page.tokens_of(element)
        .any(|token| any_class_word(token, sure))
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
        let why = |_| "boilerplate class: inside";
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
        words <= self.max_words && !ends_sentence(text)
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
    fn a_formulas_tex_source_is_not_shown() {
        let html = "<body><p>Euler wrote <math><semantics><mi>e</mi>\
                    <annotation encoding=application/x-tex>{\\displaystyle e}</annotation>\
                    </semantics></math> for the base.</p></body>";
        let text = clean_with(NonContent, html).text().to_string();
        assert!(text.contains("Euler wrote") && text.contains('e'), "{text}");
        assert!(!text.contains("displaystyle"), "{text}");
    }

    #[test]
    fn text_for_screen_readers_only_is_not_shown() {
        let html = "<body><p>Crest T-Shirt</p>\
                    <p><span class=\"price sr-only\">Regular Price:</span> $22</p>\
                    <h2 class=screen-reader-text>Post navigation</h2>\
                    <p>Read <a href=/a>the report<span class=visuallyHidden> (opens in a new window)</span></a> first.</p>\
                    <p class=srt-only>Kept: not a screen-reader class.</p></body>";
        let page = clean_with(NonContent, html);
        let text = page.text();
        assert!(
            text.contains("$22") && text.contains("Crest T-Shirt"),
            "{text}"
        );
        assert!(
            text.contains("the report") && text.contains("first."),
            "{text}"
        );
        assert!(text.contains("Kept: not a screen-reader class."), "{text}");
        for label in ["Regular Price", "Post navigation", "opens in a new window"] {
            assert!(!text.contains(label), "{label} in {text}");
        }
        let removed: Vec<&str> = page.removed().iter().map(|r| r.reason()).collect();
        assert_eq!(removed.len(), 3, "{removed:?}");
        assert!(
            removed
                .iter()
                .all(|r| r.contains("for screen readers only")),
            "{removed:?}"
        );
    }

    #[test]
    fn screen_reader_text_that_names_a_cells_icon_is_kept() {
        let html = "<body><table><tr><th>Feature</th><th>Ours</th></tr>\
                    <tr><th>Video sessions <span class=sr-only>Talk face to face</span></th>\
                    <td><i class=icon-check></i><span class=sr-only>Yes</span></td></tr>\
                    </table></body>";
        let cleaned = clean_with(NonContent, html);
        let kept: Vec<&str> = cleaned.blocks().iter().map(|b| b.text()).collect();
        // The tooltip beside the cell's text goes; the icon's name stays.
        assert_eq!(kept, ["Feature", "Ours", "Video sessions", "Yes"]);
        // And it is a cell of its row.
        assert!(cleaned.markdown().contains("| Video sessions | Yes |"));
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
             <div style='VISIBILITY : hidden'><p>c</p></div><p style='display:block'>d</p>\
             <p class='promo hide'>e</p><p class='hidden md:block'>f</p></body>"
        );
        let page = clean_with(Hidden, &html);
        let kept: Vec<&str> = page.blocks().iter().map(|b| b.text()).collect();
        assert_eq!(kept[1..], ["d", "f"]);
        let streamed = format!("<body><p>Loading</p><div hidden id=s0>{ARTICLE}</div></body>");
        assert!(
            clean_with(Hidden, &streamed)
                .text()
                .contains("the long article text")
        );
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
