//! The block: the unit every rule judges, the same for HTML and plain text.

use crate::vocabulary::punctuation::ends_clause;
use crate::vocabulary::words::{PROSE_WORDS, text_stats};

/// What a block is, as far as the reader is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BlockKind {
    /// A heading; the number is its level, 1 to 6.
    Heading(u8),
    /// Running text: a paragraph, or any text that is not one of the others.
    Paragraph,
    /// An item of a list (`<li>`, `<dt>`, `<dd>`), or a paragraph written
    /// as one (`• Tent`, `2. Pitch it`).
    ListItem,
    /// A quotation (`<blockquote>`).
    Quote,
    /// Preformatted text or code (`<pre>`); its whitespace is kept.
    Code,
    /// One cell of a table (`<td>`, `<th>`).
    TableCell,
}

/// Inline structure in a block's text: what a [`Span`] marks.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Inline {
    /// A link (`<a>`), with its `href` as written (`None` without one).
    Link {
        /// The link's target as the page wrote it (not resolved).
        href: Option<String>,
    },
    /// Emphasis: `<em>`, `<i>`, `<cite>`, `<dfn>`, `<var>`.
    Emphasis,
    /// Strong importance: `<strong>`, `<b>`.
    Strong,
    /// Code inside running text: `<code>`, `<kbd>`, `<samp>`, `<tt>`.
    Code,
    /// A line break (`<br>`): the span is the `\n` in the text.
    LineBreak,
    /// An image (`<img>`): the span is empty, where the image stands in the
    /// text. An image with no text around it goes with the block that
    /// follows it in the same container (a figure's caption), or nowhere.
    Image {
        /// The image's address as the page wrote it: the `data-src` of a
        /// lazily loaded image (its `src` is a placeholder), else `src`.
        src: String,
        /// Its alternative text (`alt`), empty without one.
        alt: String,
    },
}

/// A stretch of a block's text with inline structure: a link, emphasis,
/// inline code, a line break or an image. Spans are byte ranges of
/// [`Block::text`], in order of their start; they nest (a link in bold
/// text) but never cross a block's end.
///
/// ```
/// use deboiler::Inline;
///
/// let page = deboiler::Cleaner::default()
///     .clean("<p>Read <a href='/guide'>the <em>whole</em> guide</a> first.</p>")?;
/// let block = &page.blocks()[0];
/// let link = &block.spans()[0];
/// assert_eq!(&block.text()[link.range()], "the whole guide");
/// assert_eq!(link.inline(), &Inline::Link { href: Some("/guide".into()) });
/// assert_eq!(&block.text()[block.spans()[1].range()], "whole");
/// # Ok::<(), deboiler::CleanError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub(crate) range: std::ops::Range<usize>,
    pub(crate) inline: Inline,
}

impl Span {
    /// Where the span is in the block's text, in bytes.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.range.clone()
    }

    /// What the span marks.
    pub fn inline(&self) -> &Inline {
        &self.inline
    }
}

/// One block of a page: a heading, a paragraph, a list item, a quote, a code
/// block or a table cell, with what the rules need to judge it.
///
/// Blocks are made by the segmenter; rules read them through
/// [`Page::blocks`](crate::Page::blocks), and a [`Cleaned`](crate::Cleaned)
/// hands back the ones that were kept and the ones that were removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub(crate) text: String,
    pub(crate) kind: BlockKind,
    /// Characters of `text` (whitespace aside) that sit inside a link (`<a>`).
    pub(crate) link_chars: usize,
    /// Number of links (`<a>` with text) in the block.
    pub(crate) links: usize,
    /// Index of the innermost element that holds the block, in
    /// [`Page`](crate::Page)'s element arena; `None` for plain text.
    pub(crate) element: Option<usize>,
    /// Number of words (runs of letters and digits).
    pub(crate) words: usize,
    /// Number of characters that are not whitespace.
    pub(crate) chars: usize,
    /// Its inline structure, in order of start (HTML only).
    pub(crate) spans: Vec<Span>,
    /// Whether some of its text is inside a date element (`<time>`).
    pub(crate) dated: bool,
    /// The innermost element of its first text (an inline one, often),
    /// in the page's element arena; `None` for plain text.
    pub(crate) first_text_element: Option<usize>,
}

impl Block {
    pub(crate) fn new(text: String, kind: BlockKind) -> Block {
        let (words, chars) = text_stats(&text);
        Block {
            words,
            chars,
            ..Block::unmeasured(text, kind)
        }
    }

    /// A block whose words and characters are not counted (script and
    /// style text, which is never shown).
    pub(crate) fn unmeasured(text: String, kind: BlockKind) -> Block {
        Block {
            text,
            kind,
            link_chars: 0,
            links: 0,
            element: None,
            words: 0,
            chars: 0,
            spans: Vec::new(),
            dated: false,
            first_text_element: None,
        }
    }

    /// The block's text, whitespace collapsed (kept as is in code blocks).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// What kind of block this is.
    pub fn kind(&self) -> BlockKind {
        self.kind
    }

    /// The block's inline structure: links, emphasis, inline code, line
    /// breaks, as spans of its [`text`](Block::text) (none for plain text).
    pub fn spans(&self) -> &[Span] {
        &self.spans
    }

    /// The number of words: runs of letters and digits (0 for the text of
    /// scripts and styles, which is never shown).
    pub fn words(&self) -> usize {
        self.words
    }

    /// The share of the block's characters (whitespace aside) that are link
    /// text, from 0 to 1 (always 0 for plain text).
    pub fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            (self.link_chars as f32 / self.chars as f32).min(1.0)
        }
    }

    /// Whether the block is prose, for the rules of plain text:
    /// [`PROSE_WORDS`] words or more that end a sentence or a clause.
    pub(crate) fn is_prose(&self) -> bool {
        self.words >= PROSE_WORDS && ends_clause(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_density_is_a_share_of_characters() {
        let mut block = Block::new("ab cd".to_string(), BlockKind::Paragraph);
        block.link_chars = 1;
        assert!((block.link_density() - 0.25).abs() < 1e-6);
    }
}
