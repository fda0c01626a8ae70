//! Assembly: the kept blocks as text, and the removed ones with their reasons.

use std::sync::Arc;

use crate::block::{Block, BlockKind};
use crate::page::Page;

/// The result of cleaning a page: the kept blocks, their text, and every
/// removed block with the rule that removed it.
#[derive(Debug, Clone, Default)]
pub struct Cleaned {
    text: String,
    blocks: Vec<Block>,
    removed: Vec<Removal>,
    warnings: Vec<String>,
}

impl Cleaned {
    /// The kept blocks as text, separated by a blank line; the cells of a
    /// table row are joined by ` | ` and its rows by a line break.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The kept blocks, in document order.
    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// Every removed block, in document order, with its rule and reason.
    pub fn removed(&self) -> &[Removal] {
        &self.removed
    }

    /// What the cleaner changed in the input besides removing blocks (for
    /// example, flattening nesting deeper than
    /// [`CleanerBuilder::max_depth`](crate::CleanerBuilder::max_depth)).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    pub(crate) fn warn(&mut self, warning: String) {
        self.warnings.push(warning);
    }

    /// The text, by value.
    pub fn into_text(self) -> String {
        self.text
    }
}

/// A block that a rule removed, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal {
    block: Block,
    rule: Arc<str>,
    reason: String,
}

impl Removal {
    /// The removed block.
    pub fn block(&self) -> &Block {
        &self.block
    }

    /// The name of the rule that removed it.
    pub fn rule(&self) -> &str {
        &self.rule
    }

    /// Why, in a few words.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

/// Splits the page's blocks by verdict and writes the text of the kept ones.
pub(crate) fn assemble(page: Page<'_>, verdicts: Vec<Option<(Arc<str>, String)>>) -> Cleaned {
    let mut cleaned = Cleaned::default();
    let mut previous: Option<usize> = None;
    let rows: Vec<Option<usize>> = page.blocks.iter().map(|b| table_row(&page, b)).collect();
    for (index, (block, verdict)) in page.blocks.into_iter().zip(verdicts).enumerate() {
        if let Some((rule, reason)) = verdict {
            cleaned.removed.push(Removal {
                block,
                rule,
                reason,
            });
            continue;
        }
        if let Some(prev) = previous {
            let separator = match (rows[prev], rows[index]) {
                (Some(a), Some(b)) if a == b => " | ",
                (Some(a), Some(b)) if page.elements[a].parent == page.elements[b].parent => "\n",
                _ => "\n\n",
            };
            cleaned.text.push_str(separator);
        }
        cleaned.text.push_str(&block.text);
        cleaned.blocks.push(block);
        previous = Some(index);
    }
    cleaned
}

/// The `<tr>` that a table-cell block sits in.
fn table_row(page: &Page<'_>, block: &Block) -> Option<usize> {
    if block.kind != BlockKind::TableCell {
        return None;
    }
    page.elements[block.element?].parent
}
