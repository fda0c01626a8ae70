//! The block: the unit every rule judges, the same for HTML and plain text.

/// What a block is, as far as the reader is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BlockKind {
    /// A heading; the number is its level, 1 to 6.
    Heading(u8),
    /// Running text: a paragraph, or any text that is not one of the others.
    Paragraph,
    /// An item of a list (`<li>`, `<dt>`, `<dd>`).
    ListItem,
    /// A quotation (`<blockquote>`).
    Quote,
    /// Preformatted text or code (`<pre>`); its whitespace is kept.
    Code,
    /// One cell of a table (`<td>`, `<th>`).
    TableCell,
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
}

/// The number of words (runs of alphanumeric characters) of `text`, and of
/// its characters that are not whitespace, in one pass.
pub(crate) fn text_stats(text: &str) -> (usize, usize) {
    let (mut words, mut visible, mut in_word) = (0, 0, false);
    let mut count = |alphanumeric: bool, whitespace: bool| {
        words += usize::from(alphanumeric && !in_word);
        in_word = alphanumeric;
        visible += usize::from(!whitespace);
    };
    if text.is_ascii() {
        for b in text.bytes() {
            count(b.is_ascii_alphanumeric(), b.is_ascii_whitespace());
        }
    } else {
        for c in text.chars() {
            count(c.is_alphanumeric(), c.is_whitespace());
        }
    }
    (words, visible)
}

/// The runs of alphanumeric characters in `text`, as byte ranges.
pub(crate) fn words(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let start = loop {
            let (i, c) = chars.next()?;
            if c.is_alphanumeric() {
                break i;
            }
        };
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            if !c.is_alphanumeric() {
                end = i;
                break;
            }
            chars.next();
        }
        Some(start..end)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_alphanumeric_runs() {
        let text = "Héllo, wörld! 42 times--ok";
        let got: Vec<&str> = words(text).map(|r| &text[r]).collect();
        assert_eq!(got, ["Héllo", "wörld", "42", "times", "ok"]);
        assert_eq!(text_stats(text), (5, 23));
        assert_eq!(text_stats(" a-b  c "), (3, 4));
        assert_eq!(text_stats("  ...  "), (0, 3));
    }

    #[test]
    fn link_density_is_a_share_of_characters() {
        let mut block = Block::new("ab cd".to_string(), BlockKind::Paragraph);
        block.link_chars = 1;
        assert!((block.link_density() - 0.25).abs() < 1e-6);
    }
}
