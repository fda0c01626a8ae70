//! Plain-text segmentation.
//!
//! Blank lines separate blocks. Inside a run of lines, every line is a block
//! of its own, except that a hard-wrapped paragraph is put back together: a
//! line that does not end a sentence, followed by a line that starts with a
//! lowercase letter, continues on that line.

use super::TextBuffer;
use crate::block::{Block, BlockKind};
use crate::page::Segmented;
use crate::vocabulary::punctuation::{ends_clause, list_marker};

/// The blocks of a plain text.
pub(crate) fn segment(text: &str) -> Segmented {
    let mut blocks = Vec::new();
    let mut buffer = TextBuffer::default();
    let mut previous_line: Option<&str> = None;
    for line in text.lines() {
        let line = line.trim();
        let continues = previous_line.is_some_and(|prev| continues_on(prev, line));
        if !continues {
            push_block(&mut blocks, &mut buffer);
        }
        if line.is_empty() {
            previous_line = None;
            continue;
        }
        buffer.push_collapsed(line);
        buffer.push_collapsed(" ");
        previous_line = Some(line);
    }
    push_block(&mut blocks, &mut buffer);
    Segmented {
        blocks,
        ..Segmented::default()
    }
}

fn push_block(blocks: &mut Vec<Block>, buffer: &mut TextBuffer) {
    if let Some(text) = buffer.take() {
        let kind = line_kind(&text);
        blocks.push(Block::new(text, kind));
    }
}

/// Whether `next` continues the sentence that `line` broke off.
fn continues_on(line: &str, next: &str) -> bool {
    let starts_lowercase = next.chars().next().is_some_and(char::is_lowercase);
    !line.is_empty() && !ends_clause(line) && starts_lowercase
}

/// Markdown-style headings, and list items by their marker (see
/// [`list_marker`]); everything else is a paragraph.
fn line_kind(text: &str) -> BlockKind {
    let hashes = text.chars().take_while(|&c| c == '#').count();
    if (1..=6).contains(&hashes) && text[hashes..].starts_with(' ') {
        return BlockKind::Heading(hashes as u8);
    }
    if list_marker(text).is_some() {
        BlockKind::ListItem
    } else {
        BlockKind::Paragraph
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(input: &str) -> Vec<String> {
        segment(input).blocks.into_iter().map(|b| b.text).collect()
    }

    #[test]
    fn blank_lines_and_lines_separate_blocks() {
        assert_eq!(
            texts("Title\n\n\nFirst para.\nSecond line!\n\n  Third  "),
            ["Title", "First para.", "Second line!", "Third"]
        );
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        assert_eq!(
            texts("This paragraph was wrapped\nat a fixed width by\nsomeone.\nNext one."),
            [
                "This paragraph was wrapped at a fixed width by someone.",
                "Next one."
            ]
        );
    }

    #[test]
    fn kinds_follow_markdown_markers() {
        let kinds: Vec<BlockKind> = segment("# Head\n- item\n12. item\nPlain")
            .blocks
            .iter()
            .map(|b| b.kind)
            .collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Heading(1),
                BlockKind::ListItem,
                BlockKind::ListItem,
                BlockKind::Paragraph
            ]
        );
    }
}
