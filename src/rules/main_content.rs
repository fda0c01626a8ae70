//! Main-content selection: which region of an HTML page is the content.

use crate::block::{Block, visible_chars};
use crate::page::{Judgement, Page};
use crate::rules::{Phase, Rule};

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
/// It has no effect on plain text.
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
        let chars = visible_chars(&block.text) as f32;
        let links = block.link_chars as f32;
        (chars - links) - self.link_weight * links - self.block_cost
    }
}

impl Rule for MainContent {
    fn phase(&self) -> Phase {
        Phase::Region
    }

    fn name(&self) -> &str {
        "main-content"
    }

    fn apply(&self, page: &Page<'_>, judgement: &mut Judgement) {
        if !page.is_html() {
            return;
        }
        let kept: Vec<usize> = judgement.kept().collect();
        let mut scores = vec![0.0f32; page.elements.len()];
        for &block in &kept {
            let score = self.score(&page.blocks[block]);
            for element in page.ancestors_of(block) {
                scores[element] += score;
            }
        }
        // The best element above zero; on a page too short for any, the
        // best one that holds text outside links; on a page of links only, none.
        let mut best = scores
            .iter()
            .enumerate()
            .filter(|(_, s)| **s > 0.0)
            .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(&a.0)))
            .map(|(e, _)| e);
        if best.is_none() {
            best = kept
                .iter()
                .filter(|&&b| page.blocks[b].link_density() < 0.5)
                .flat_map(|&b| page.ancestors_of(b))
                .max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)));
        }
        let Some(best) = best else {
            for block in kept {
                judgement.drop_block(block, "no main content: the page is links only");
            }
            return;
        };
        let reason = format!(
            "outside the main content {}",
            page.elements[best].describe()
        );
        for block in kept {
            if !page.ancestors_of(block).any(|e| e == best) {
                judgement.drop_block(block, reason.clone());
            }
        }
    }
}
