//! Assembly: the kept blocks as text, the reader comments when asked for,
//! and the removed blocks with their reasons.

use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use crate::block::{Block, BlockKind};
use crate::markdown::{self, MarkdownOptions, Markup};
use crate::metadata::Metadata;
use crate::page::{Flags, Page, Verdicts};
use crate::vocabulary::class_words::{
    AUTHOR_WORDS, COMMENT_TEXT_WORDS, DATE_WORDS, is_comment_item_token, says_one_of, tokens,
};
use crate::vocabulary::punctuation::list_marker;

#[cfg(feature = "serde")]
mod record {
    //! [`Cleaned`] as one serde record; its schema is documented on
    //! [`Cleaned`], and [`RECORD_VERSION`] names it.

    use serde::ser::{Serialize, SerializeStruct, Serializer};

    use super::{Cleaned, Comment, Removal};
    use crate::block::{Block, BlockKind};

    /// The version of [`Cleaned`]'s serialised record; a change that is
    /// not an added field makes a new one.
    pub const RECORD_VERSION: u32 = 1;

    /// A block as the record has it: its kind, its heading level, its text.
    struct BlockRecord<'a>(&'a Block);

    impl Serialize for BlockRecord<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let block = self.0;
            let (kind, level) = match block.kind {
                BlockKind::Heading(level) => ("heading", Some(level)),
                BlockKind::Paragraph => ("paragraph", None),
                BlockKind::ListItem => ("list_item", None),
                BlockKind::Quote => ("quote", None),
                BlockKind::Code => ("code", None),
                BlockKind::TableCell => ("table_cell", None),
            };
            let mut record = serializer.serialize_struct("Block", 3)?;
            record.serialize_field("kind", kind)?;
            record.serialize_field("level", &level)?;
            record.serialize_field("text", &block.text)?;
            record.end()
        }
    }

    struct CommentRecord<'a>(&'a Comment);

    impl Serialize for CommentRecord<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut record = serializer.serialize_struct("Comment", 3)?;
            record.serialize_field("author", &self.0.author())?;
            record.serialize_field("date", &self.0.date())?;
            record.serialize_field("text", &self.0.text())?;
            record.end()
        }
    }

    struct RemovalRecord<'a>(&'a Removal);

    impl Serialize for RemovalRecord<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut record = serializer.serialize_struct("Removal", 3)?;
            record.serialize_field("rule", self.0.rule())?;
            record.serialize_field("reason", self.0.reason())?;
            record.serialize_field("text", self.0.block().text())?;
            record.end()
        }
    }

    /// A list of records made from items.
    struct Each<'a, T, R>(&'a [T], fn(&'a T) -> R);

    impl<'a, T, R: Serialize> Serialize for Each<'a, T, R> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_seq(self.0.iter().map(self.1))
        }
    }

    impl Serialize for Cleaned {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut record = serializer.serialize_struct("Cleaned", 7)?;
            record.serialize_field("version", &RECORD_VERSION)?;
            record.serialize_field("metadata", &self.metadata)?;
            record.serialize_field("text", &self.text)?;
            record.serialize_field("blocks", &Each(&self.blocks, BlockRecord))?;
            record.serialize_field("comments", &Each(&self.comments, CommentRecord))?;
            record.serialize_field("removed", &Each(&self.removed, RemovalRecord))?;
            record.serialize_field("warnings", &self.warnings)?;
            record.end()
        }
    }
}

#[cfg(feature = "serde")]
pub use record::RECORD_VERSION;

/// The name under which reader comments are removed when a cleaner does
/// not include them, and the lines of a comment section that are not one
/// comment (its heading, the comment count, a comment's "Reply" control)
/// whether it does or not: see [`Judgement::drop_comment`](crate::Judgement::drop_comment).
/// It names no rule of a set: comments are given back or not by
/// [`CleanerBuilder::include_comments`](crate::CleanerBuilder::include_comments).
pub const COMMENTS_RULE: &str = "comments";

/// The result of cleaning a page: the kept blocks, their text, the reader
/// comments when asked for, and every removed block with the rule that
/// removed it.
///
/// With the `serde` feature it serialises to one record (version
/// `RECORD_VERSION`, 1):
///
/// | field | what |
/// |---|---|
/// | `version` | the record's version, 1 |
/// | `metadata` | [`Metadata`]: `title`, `authors` (names), `published`, `modified` (ISO 8601), `site_name`, `language`, `url`, `description`, `tags`, `image`, `page_type`; an absent value is `null` (a list, `[]`) |
/// | `text` | [`text`](Cleaned::text) |
/// | `blocks` | the kept blocks: `kind` (`heading`, `paragraph`, `list_item`, `quote`, `code`, `table_cell`), `level` (a heading's, else `null`), `text` |
/// | `comments` | the reader comments when included: `author`, `date` (their lines, or `null`), `text` |
/// | `removed` | the removed blocks: `rule`, `reason`, `text` |
/// | `warnings` | [`warnings`](Cleaned::warnings) |
#[derive(Debug, Clone, Default)]
pub struct Cleaned {
    text: String,
    blocks: Vec<Block>,
    /// What structure each kept block sits in, for [`Cleaned::markdown`].
    markup: Vec<Markup>,
    markdown_options: MarkdownOptions,
    metadata: Metadata,
    comments: Vec<Comment>,
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

    /// The kept blocks as Markdown (GitHub-flavoured): headings by level,
    /// paragraphs, ordered and unordered lists with their nesting, block
    /// quotes, fenced code blocks (with the language of a `language-*` or
    /// `lang-*` class), tables (their first row as the header, `|` escaped
    /// in cells), emphasis, strong and inline code; links and images when
    /// the cleaner was built with [`markdown_links`](crate::CleanerBuilder::markdown_links)
    /// and [`markdown_images`](crate::CleanerBuilder::markdown_images).
    /// Characters of the text that Markdown would read as markup are
    /// escaped, so the text reads back as it is. A paragraph written as a
    /// list item (`• Tent`, `2. Pitch it`) is one, its marker the item's
    /// (the number kept). Plain text comes out as paragraphs, and headings
    /// and list items where its lines are marked as in Markdown.
    ///
    /// ```
    /// let page = deboiler::Cleaner::default().clean(
    ///     "<article><h1>Knots</h1><p>Five knots <em>every</em> sailor needs:</p>\
    ///      <ol><li>The bowline, for a loop that holds.</li><li>The clove hitch, to tie on.</li></ol></article>",
    /// )?;
    /// assert_eq!(
    ///     page.markdown(),
    ///     "# Knots\n\nFive knots *every* sailor needs:\n\n1. The bowline, for a loop that holds.\n1. The clove hitch, to tie on."
    /// );
    /// # Ok::<(), deboiler::CleanError>(())
    /// ```
    pub fn markdown(&self) -> String {
        markdown::write(&self.blocks, &self.markup, self.markdown_options)
    }

    /// What the page says about itself: title, authors, dates, site name,
    /// language, canonical URL, description, tags, image and page type
    /// (see [`Metadata`]).
    pub fn metadata(&self) -> &Metadata {
        &self.metadata
    }

    /// The reader comments of the page, in document order, when the cleaner
    /// includes them ([`CleanerBuilder::include_comments`](crate::CleanerBuilder::include_comments));
    /// empty otherwise, when they are in [`removed`](Cleaned::removed)
    /// under the rule [`COMMENTS_RULE`].
    ///
    /// ```
    /// let page = "<article><h1>Rebuilding the pier</h1>\
    ///     <p>The pier reopens next week after two years of work on its pilings.</p></article>\
    ///     <div id=comments><ol class=comment-list><li class=comment><article class=comment-body>\
    ///     <div class='comment-author vcard'><b class=fn>Mara</b> says:</div>\
    ///     <div class=comment-metadata><time>March 3, 2026</time></div>\
    ///     <div class=comment-content><p>Finally! I walked there every summer.</p></div>\
    ///     </article></li></ol></div>";
    /// let cleaner = deboiler::Cleaner::builder().include_comments(true).build()?;
    /// let cleaned = cleaner.clean(page)?;
    /// assert!(!cleaned.text().contains("Finally"));
    /// let comment = &cleaned.comments()[0];
    /// assert_eq!(comment.author(), Some("Mara says:"));
    /// assert_eq!(comment.date(), Some("March 3, 2026"));
    /// assert_eq!(comment.text(), "Finally! I walked there every summer.");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn comments(&self) -> &[Comment] {
        &self.comments
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

/// One reader comment: its blocks, and which of them are its author's name
/// and its date, where the page marks them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    blocks: Vec<Block>,
    author: Option<usize>,
    date: Option<usize>,
}

impl Comment {
    /// All the comment's blocks, in document order.
    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// The line with the comment's author, where the page marks one
    /// (`comment-author`, `fn`, `vcard`, `username`, ...).
    pub fn author(&self) -> Option<&str> {
        self.author.map(|i| self.blocks[i].text())
    }

    /// The line with the comment's date, where the page marks one
    /// (`<time>`, `comment-date`, `comment-metadata`, ...).
    pub fn date(&self) -> Option<&str> {
        self.date.map(|i| self.blocks[i].text())
    }

    /// What the comment says: its blocks but the author and date lines,
    /// separated by a blank line.
    pub fn text(&self) -> String {
        let said: Vec<&str> = (0..self.blocks.len())
            .filter(|&i| Some(i) != self.author && Some(i) != self.date)
            .map(|i| self.blocks[i].text())
            .collect();
        said.join("\n\n")
    }
}

/// A line of a comment that is all link and this many words or fewer is
/// one of its controls ("Reply", "Log in to Reply", "Report"), not what it
/// says.
const COMMENT_CONTROL_WORDS: usize = 4;

/// The most words of a comment's author or date line.
const COMMENT_META_WORDS: usize = 12;

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

/// What a cleaner makes of the kept blocks besides their text.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Output {
    /// Reader comments go to [`Cleaned::comments`].
    pub include_comments: bool,
    pub markdown: MarkdownOptions,
}

/// Splits the page's blocks by verdict and writes the text of the kept
/// ones; reader comments go to the comments when the output includes them.
pub(crate) fn assemble(mut page: Page<'_>, verdicts: Verdicts, output: Output) -> Cleaned {
    let include_comments = output.include_comments;
    let mut cleaned = Cleaned {
        markdown_options: output.markdown,
        metadata: crate::metadata::extract(
            &page,
            &page.facts,
            (0..page.blocks.len()).find(|&b| verdicts.is_comment(b)),
            (0..page.blocks.len()).find(|&b| verdicts.dropped[b].is_none()),
        ),
        ..Cleaned::default()
    };
    let mut previous: Option<usize> = None;
    let rows: Vec<Option<usize>> = (0..page.blocks.len()).map(|b| page.table_row(b)).collect();
    // Which comment each comment block belongs to (nothing to work out
    // when comments are not given back).
    let comment_items: Vec<Option<CommentItem>> = if include_comments {
        (0..page.blocks.len())
            .map(|b| {
                verdicts
                    .is_comment(b)
                    .then(|| comment_item(&page, b))
                    .flatten()
            })
            .collect()
    } else {
        Vec::new()
    };
    // Each comment's place in `cleaned.comments`, by its element: a
    // comment's blocks after a reply nested in it are still its own.
    let mut comment_of: HashMap<usize, usize> = HashMap::default();
    let blocks = std::mem::take(&mut page.blocks);
    for (index, (mut block, verdict)) in blocks.into_iter().zip(verdicts.dropped).enumerate() {
        let control = block.link_density() >= 0.5 && block.words <= COMMENT_CONTROL_WORDS;
        // A line that says who or when is short; a long one is what the
        // comment says, whatever its first words are marked as.
        let meta = block.words <= COMMENT_META_WORDS;
        let item = comment_items
            .get(index)
            .copied()
            .flatten()
            .filter(|i| (meta && (i.author || i.date)) || !control);
        if let Some(item) = item {
            let at = *comment_of.entry(item.element).or_insert_with(|| {
                cleaned.comments.push(Comment {
                    blocks: Vec::new(),
                    author: None,
                    date: None,
                });
                cleaned.comments.len() - 1
            });
            let comment = &mut cleaned.comments[at];
            let line = comment.blocks.len();
            if meta && item.author && comment.author.is_none() {
                comment.author = Some(line);
            } else if meta && item.date && comment.date.is_none() {
                comment.date = Some(line);
            }
            comment.blocks.push(block);
            continue;
        }
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
        // A paragraph written as a list item ("• Tent", "2. Pitch it")
        // reads as one, and is one in the output. (The rules judged it as
        // the page marks it up.)
        if block.kind == BlockKind::Paragraph && list_marker(&block.text).is_some() {
            block.kind = BlockKind::ListItem;
        }
        cleaned.markup.push(Markup::of(&page, &block));
        cleaned.blocks.push(block);
        previous = Some(index);
    }
    cleaned.metadata.detect_language(&cleaned.text);
    cleaned
}

/// Where a comment block belongs: the comment it is part of, and whether
/// it is that comment's author or date line.
#[derive(Debug, Clone, Copy)]
struct CommentItem {
    /// The element of the comment.
    element: usize,
    author: bool,
    date: bool,
}

/// The comment that block `block` of a comment section belongs to: going
/// down from the section, the last item (`<li>`, `<article>`, or an
/// element whose class says comment) before the comment's text (an element
/// whose class says content, body, text or message), so that a reply
/// nested in a comment is a comment of its own and a list in a comment's
/// text is not. `None` for the section's own lines (its heading, the
/// comment count, "Load more"), which stay removed.
fn comment_item(page: &Page<'_>, block: usize) -> Option<CommentItem> {
    // From the element of the block's first text, which is often an inline
    // one that says what the line is (`<b class=fn>`, `<span class=author>`).
    let chain: Vec<usize> = page
        .element_and_ancestors(page.blocks[block].first_text_element)
        .collect();
    let roles = page.roles();
    let section = chain
        .iter()
        .rposition(|&e| roles[e].contains(Flags::COMMENTS))
        .unwrap_or(chain.len());
    let inside = &chain[..section];
    let says_comment = |e: usize| tokens(page.class_of(e)).any(is_comment_item_token);
    let says_text =
        |e: usize| tokens(page.class_of(e)).any(|token| says_one_of(token, COMMENT_TEXT_WORDS));
    let mut at = None;
    for (depth, &e) in inside.iter().enumerate().rev() {
        if page.elements[e].traits.item || says_comment(e) {
            at = Some(depth);
        } else if at.is_some() && says_text(e) {
            break;
        }
    }
    let at = at?;
    // The elements between the block and its comment's (whose own classes,
    // such as WordPress's `comment-author-mara`, are about all of it).
    let within = &inside[..at];
    let says = |words: &[&str]| {
        within
            .iter()
            .any(|&e| page.tokens_of(e).any(|token| says_one_of(token, words)))
    };
    Some(CommentItem {
        element: inside[at],
        author: says(AUTHOR_WORDS),
        date: page.blocks[block].dated || says(DATE_WORDS),
    })
}
