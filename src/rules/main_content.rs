//! Main-content selection: which region of an HTML page is the content.

use crate::block::{Block, BlockKind};
use crate::page::{Judgement, Page};
use crate::rules::{Contribution, Phase, Rule};

/// Keeps the region of the page that holds its content and drops the blocks
/// outside it.
///
/// Every kept block gets a score: its characters outside links count for
/// it, its link characters count against it, and every block pays a fixed
/// [`block_cost`](MainContent::block_cost), so that menus, link lists and
/// runs of tiny fragments score below zero while running text scores high.
/// An element's score is the sum over the blocks inside it, and the element
/// with the highest score is the main content: it holds as much text as
/// possible and as little boilerplate as possible. On a page too short for
/// any element to score above zero, the best element with text outside links
/// is the content; on a page of links only (navigation), every block is
/// dropped.
///
/// It has no effect on plain text. The region is chosen once, among the
/// blocks kept when the [`Phase::Region`] rules start, and shared with every
/// rule of its set ([`Page::main_region`]), the
/// [`ContentClassifier`](crate::rules::ContentClassifier) among them: its
/// settings shape the classifier's region features too.
///
/// Name: `main-content`.
#[derive(Debug, Clone, Copy)]
pub struct MainContent {
    block_cost: f32,
    link_weight: f32,
}

impl Default for MainContent {
    fn default() -> Self {
        MainContent {
            block_cost: 25.0,
            link_weight: 1.0,
        }
    }
}

impl MainContent {
    /// What each block costs, in characters (default 25).
    pub fn block_cost(mut self, chars: f32) -> Self {
        self.block_cost = chars;
        self
    }

    /// How much a link character counts against a block (default 1).
    pub fn link_weight(mut self, weight: f32) -> Self {
        self.link_weight = weight;
        self
    }

    fn score(&self, block: &Block) -> f32 {
        let chars = block.chars as f32;
        let links = block.link_chars as f32;
        // A heading is short by nature: it pays no block cost, so that a
        // story's title counts with its paragraphs, not against them.
        let cost = if matches!(block.kind, BlockKind::Heading(_)) {
            0.0
        } else {
            self.block_cost
        };
        (chars - links) - self.link_weight * links - cost
    }
}

impl MainContent {
    /// The element that holds the main content among the `kept` blocks:
    /// the best one above zero; on a page too short for any, the best one
    /// that holds text outside links; on a page of links only, none.
    pub(crate) fn region(&self, page: &Page<'_>, kept: &[usize]) -> Option<usize> {
        self.region_by(page, kept, &self.element_scores(page, kept))
    }

    /// Each element's score: the sum of the scores of the `kept` blocks
    /// inside it.
    pub(crate) fn element_scores(&self, page: &Page<'_>, kept: &[usize]) -> Vec<f32> {
        let mut scores = vec![0.0f32; page.elements.len()];
        for &block in kept {
            let score = self.score(&page.blocks[block]);
            for element in page.ancestors_of(block) {
                scores[element] += score;
            }
        }
        scores
    }

    /// [`region`](MainContent::region), given the `kept` blocks'
    /// [`element_scores`](MainContent::element_scores).
    pub(crate) fn region_by(
        &self,
        page: &Page<'_>,
        kept: &[usize],
        scores: &[f32],
    ) -> Option<usize> {
        let best = scores
            .iter()
            .enumerate()
            .filter(|(_, s)| **s > 0.0)
            .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(&a.0)))
            .map(|(e, _)| e);
        // A container whose other blocks cost less than one block more
        // than they hold is the story with its short parts (a caption, a
        // paragraph around a link), not a wrapper of the best child.
        let best = best.map(|mut best| {
            let floor = scores[best] - self.block_cost;
            while let Some(parent) = page.elements[best].parent.filter(|&p| scores[p] >= floor) {
                best = parent;
            }
            best
        });
        best.or_else(|| {
            kept.iter()
                .filter(|&&b| page.blocks[b].link_density() < 0.5)
                .flat_map(|&b| page.ancestors_of(b))
                .max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)))
        })
    }
}

impl Rule for MainContent {
    fn phase(&self) -> Phase {
        Phase::Region
    }

    fn name(&self) -> &str {
        "main-content"
    }

    fn contribution(&self) -> Option<Contribution<'_>> {
        Some(Contribution::MainContent(self))
    }

    fn apply(&self, page: &Page<'_>, judgement: &mut Judgement) {
        if !page.is_html() {
            return;
        }
        let best = page.main_region_element(judgement);
        let kept: Vec<usize> = judgement.kept().collect();
        let Some(best) = best else {
            for block in kept {
                judgement.drop_block(block, "no main content: the page is links only");
            }
            return;
        };
        drop_outside(page, judgement, &kept, best);
    }
}

/// Drops the `kept` blocks that are not inside the `region` element.
pub(crate) fn drop_outside(
    page: &Page<'_>,
    judgement: &mut Judgement,
    kept: &[usize],
    region: usize,
) {
    let reason = format!("outside the main content {}", page.describe(region));
    for &block in kept {
        if !page.ancestors_of(block).any(|e| e == region) {
            judgement.drop_block(block, reason.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::clean_with;

    #[test]
    fn the_region_with_the_most_text_and_least_boilerplate_wins() {
        let html = "<body><div class=menu><a href=/a>Politics</a><a href=/b>Sport</a><a href=/c>Culture</a></div>\
            <div class=story><h1>Storm closes the harbour</h1>\
            <p>The harbour was closed on Sunday as the storm brought waves of six metres to the coast.</p>\
            <p>Ferries to the islands were cancelled, and the coastguard asked boat owners to stay ashore.</p></div>\
            <div class=links><p><a href=/x>Ten ways to tie a knot you will never forget again</a></p></div></body>";
        let page = clean_with(MainContent::default(), html);
        let kept: Vec<&str> = page.blocks().iter().map(|b| b.text()).collect();
        assert_eq!(kept.len(), 3, "{kept:?}");
        assert!(
            page.removed()
                .iter()
                .all(|r| r.reason().contains("class=\"story\""))
        );
    }

    #[test]
    fn a_short_story_keeps_its_title() {
        let html = "<body><nav><a href=/>Home</a></nav><main><h1>Crème brûlée</h1>\
            <p>Heat the cream with the vanilla pod until it just simmers, then pour it over the yolks.</p></main></body>";
        assert_eq!(
            clean_with(MainContent::default(), html).text(),
            "Crème brûlée\n\nHeat the cream with the vanilla pod until it just simmers, then pour it over the yolks."
        );
    }

    #[test]
    fn a_short_story_keeps_its_caption_and_the_paragraph_with_a_link() {
        let html = "<body><nav><a href=/>Home</a><a href=/news>News</a></nav><article>\
            <p>The pier reopens next week, <a href='/works'>the council says</a>, after two years.</p>\
            <figure><img src='/pier.jpg'><figcaption>The pier at dawn.</figcaption></figure>\
            <p>Engineers replaced forty of the oak piles with steel and concrete ones.</p></article></body>";
        let page = clean_with(MainContent::default(), html);
        assert_eq!(page.blocks().len(), 3, "{}", page.text());
        assert!(
            page.removed()
                .iter()
                .all(|r| r.block().text().contains("Home"))
        );
    }

    #[test]
    fn a_page_of_links_only_has_no_content() {
        let html =
            "<body><ul><li><a href=/a>Home</a></li><li><a href=/b>About</a></li></ul></body>";
        let page = clean_with(MainContent::default(), html);
        assert_eq!(page.text(), "");
        assert_eq!(page.removed().len(), 2);
    }

    #[test]
    fn a_short_page_keeps_its_text() {
        let html = "<body><nav><a href=/>Home</a></nav><p>Back soon.</p></body>";
        assert_eq!(
            clean_with(MainContent::default(), html).text(),
            "Back soon."
        );
    }

    #[test]
    fn plain_text_is_left_alone() {
        let page = clean_with(MainContent::default(), "One.\n\nTwo.");
        assert_eq!(page.text(), "One.\n\nTwo.");
    }
}
