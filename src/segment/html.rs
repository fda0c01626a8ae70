//! HTML segmentation: one walk over the parsed tree, without recursion.
//!
//! Text is gathered into the block under construction; every block-level
//! element (`p`, `div`, `li`, `h2`, `td`, ...) ends the current block and
//! starts a new one. Each element on the way becomes an [`Element`] in the
//! page's arena, with what its tag, role and attributes say it is
//! (navigation, hidden, a script, ...: facts, not verdicts), so that rules
//! can judge a block by where it sits.

use ego_tree::iter::Edge;
use once_cell::sync::Lazy;
use scraper::{Html, Node};

use super::TextBuffer;
use crate::block::{Block, BlockKind, Inline, Span};
use crate::page::{Declared, Element, Flags, Segmented};
use crate::vocabulary::class_words::{
    lists_one_of, lists_word, push_class_words, says_hidden, says_screen_reader_only,
};
use crate::vocabulary::tags::{
    IMAGE_DATA_ATTRIBUTES, InlineTag, Landmark, TagTraits, landmark_of_role, traits_of,
};

/// Parses a document. A page with real markup inside `<noscript>` (many
/// script-rendered sites put their text there for crawlers; see
/// [`Prepared::noscript_holds_markup`](crate::preparse::Prepared::noscript_holds_markup))
/// is parsed as a browser with scripting turned off would, so that markup
/// becomes elements rather than a string of raw text; other pages go
/// through [`Html::parse_document`] as they are.
pub(crate) fn parse(html: &str, noscript_holds_markup: bool) -> Html {
    use html5ever::tendril::TendrilSink;
    if !noscript_holds_markup {
        return Html::parse_document(html);
    }
    let options = html5ever::ParseOpts {
        tree_builder: html5ever::tree_builder::TreeBuilderOpts {
            scripting_enabled: false,
            ..Default::default()
        },
        ..Default::default()
    };
    html5ever::parse_document(scraper::HtmlTreeSink::new(Html::new_document()), options).one(html)
}

/// The blocks of `html` and the elements that hold them.
pub(crate) fn segment(html: &Html) -> Segmented {
    let mut walk = Walk::default();
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(element) => walk.open(node, element),
                Node::Text(text) => walk.text(text),
                _ => {}
            },
            Edge::Close(node) => {
                if node.value().is_element() {
                    walk.close();
                }
            }
        }
    }
    walk.flush();
    walk.page
}

/// The most text a table cell holds for its paragraphs, headings and
/// lists to be one cell's text: a data table's cell (`<td><p>Fee</p></td>`),
/// not a layout table's column that holds a page.
const FLAT_CELL_CHARS: usize = 300;

/// Whether `cell` (a `<td>` or `<th>`) is a data table's cell: no table,
/// code, list, non-content or hidden element inside it but a `<style>` (a
/// component's CSS, injected beside its text; a script, though, is a
/// layout's menu code as often), which stays a block of its own, and at
/// most [`FLAT_CELL_CHARS`] of text. It stops reading at the first sign
/// that it is not.
fn is_flat_cell(cell: ego_tree::NodeRef<'_, Node>) -> bool {
    let mut chars = 0;
    for node in cell.descendants().skip(1) {
        match node.value() {
            Node::Text(_) if node.parent().is_some_and(is_style) => {}
            Node::Text(text) => {
                chars += text.trim().len();
                if chars > FLAT_CELL_CHARS {
                    return false;
                }
            }
            Node::Element(element) => {
                let traits = traits_of(&element.name.local);
                let tag = &*element.name.local;
                // A nested table, and code or a list, which a cell's line
                // cannot hold (a code gutter's numbers, a layout column's
                // menu); and what rules drop by its element (a script, a
                // control, a hidden note), which must stay a block of its
                // own for them to see it.
                if traits.kind == Some(BlockKind::TableCell)
                    || matches!(tag, "table" | "pre" | "ul" | "ol")
                    || (traits.non_content && !is_style(node))
                    || Attributes::of(element).hides_text()
                {
                    return false;
                }
            }
            _ => {}
        }
    }
    true
}

/// Whether `node` is a `<style>`.
fn is_style(node: ego_tree::NodeRef<'_, Node>) -> bool {
    node.value()
        .as_element()
        .is_some_and(|element| &*element.name.local == "style")
}

/// Whether `heading` is all the text of the list item around it, apart from
/// the item's sublists: then it is the item (`<li><h3>Linen hats</h3></li>`),
/// not the title of a card in a list (`<li><h3>..</h3><p>..</p></li>`).
fn is_an_items_only_text(heading: ego_tree::NodeRef<'_, Node>) -> bool {
    let is_tag = |node: ego_tree::NodeRef<'_, Node>, tags: &[&str]| {
        node.value()
            .as_element()
            .is_some_and(|e| tags.contains(&&*e.name.local))
    };
    let Some(item) = heading.ancestors().find(|n| is_tag(*n, &["li"])) else {
        return false;
    };
    let mut nodes = item.descendants();
    let outside = nodes.by_ref().take(LIST_ITEM_NODES).any(|node| {
        let Node::Text(text) = node.value() else {
            return false;
        };
        !text.trim().is_empty()
            && !node
                .ancestors()
                .take_while(|n| n.id() != item.id())
                .any(|n| n.id() == heading.id() || is_tag(n, &["ul", "ol"]))
    });
    // An item too large to read is a card or a container, not a lone title
    // (and reading it for each of its headings would take quadratic time).
    !outside && nodes.next().is_none()
}

/// The most nodes a list item has for [`is_an_items_only_text`] to read it.
const LIST_ITEM_NODES: usize = 100;

/// An open element during the walk.
#[derive(Debug)]
struct Frame {
    element: usize,
    /// The innermost block-level element, this one included.
    block_owner: usize,
    /// What kind of block text here belongs to.
    kind: BlockKind,
    tag: TagTraits,
    /// A block-level element inside a data table's cell: part of the cell.
    in_flat_cell: bool,
    /// A block-level element inside preformatted text: one of its lines.
    code_line: bool,
    /// Whether its text is a block of its own.
    block: bool,
}

/// An inline element whose span is being recorded.
#[derive(Debug)]
struct OpenSpan {
    inline: Inline,
    /// Where its text starts in the block under construction, once it has
    /// some there.
    start: Option<usize>,
}

#[derive(Debug, Default)]
struct Walk {
    page: Segmented,
    stack: Vec<Frame>,
    buffer: TextBuffer,
    link_chars: usize,
    /// Links with text in the block under construction.
    links: usize,
    /// Whether the innermost open link has been counted in `links`.
    link_counted: bool,
    /// Owner and kind of the block under construction, and the innermost
    /// element of its first text, set by its first text.
    current: Option<(usize, BlockKind, usize)>,
    link_depth: usize,
    /// Whether an inline element has just closed, with no text since: an
    /// element opening now is a separate item (`<span>$108</span><span>MSRP`).
    after_inline_close: bool,
    /// Whether a checkbox came after the last block: the text after it is
    /// the item of a checklist (`<input type=checkbox> Tent<br>`).
    after_checkbox: bool,
    /// Open elements whose text is kept as it is: `<pre>`, and `<script>`
    /// and `<style>`, which are never shown and need no tidying.
    raw_depth: usize,
    /// Open date elements (`<time>`).
    date_depth: usize,
    /// Whether the block under construction has text inside one.
    dated: bool,
    /// Inline elements open around the text, innermost last.
    open_spans: Vec<OpenSpan>,
    /// Where in `stack` the data table's cell is whose blocks are read as
    /// its lines (see [`is_flat_cell`]).
    flat_cell: Option<usize>,
    /// The spans of the block under construction, as they close.
    spans: Vec<Span>,
    /// Images met where no block has text yet, with the element whose
    /// block they would be in: they go with the next block if it is inside
    /// that element (a figure's image with its caption).
    pending_images: Vec<(usize, Inline)>,
    /// The page's `<title>` and JSON-LD `<script>` elements, whose text
    /// goes to the metadata's facts.
    title_element: Option<usize>,
    json_ld_elements: Vec<usize>,
}

impl Walk {
    /// Notes what element `index` says about the page, for its metadata:
    /// a `<meta>` or microdata value, the canonical link, the language, a
    /// `<time>`, the `<title>` and JSON-LD scripts (whose text comes later).
    fn note_facts(&mut self, tag: &str, attributes: &Attributes<'_>, index: usize) {
        let facts = &mut self.page.facts;
        if lists_word(attributes.itemprop, "author")
            || (tag == "a" && lists_word(attributes.rel, "author"))
        {
            facts.note_author_element(index);
        }
        match tag {
            "meta" => {
                let key = [
                    attributes.property,
                    attributes.name,
                    attributes.itemprop,
                    attributes.http_equiv,
                ]
                .into_iter()
                .flatten()
                .next();
                if let (Some(key), Some(content)) = (key, attributes.content) {
                    facts.note_meta(key, content);
                }
            }
            "link" if lists_word(attributes.rel, "canonical") => {
                facts.canonical = facts
                    .canonical
                    .take()
                    .or(attributes.href.map(str::to_string));
            }
            "html" => {
                facts.language = attributes
                    .lang
                    .map(|l| l.trim().to_string())
                    .filter(|l| !l.is_empty())
            }
            "title" if self.title_element.is_none() => self.title_element = Some(index),
            "script"
                if attributes
                    .kind
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
            {
                self.json_ld_elements.push(index);
            }
            _ => {
                if let (Some(key), Some(value)) = (
                    attributes.itemprop,
                    attributes.content.or(attributes.datetime),
                ) {
                    facts.note_meta(key, value);
                }
                if tag == "time" {
                    if let Some(datetime) = attributes.datetime {
                        facts.note_time(self.page.blocks.len(), datetime);
                    }
                }
            }
        }
    }

    fn open(&mut self, node: ego_tree::NodeRef<'_, Node>, element: &scraper::node::Element) {
        let tag = element.name.local.clone();
        let traits = traits_of(&tag);
        // Inside a data table's cell, blocks are the cell's lines.
        let attributes = Attributes::of(element);
        // Text left to screen readers is a block of its own, even inline,
        // so that it can go without what it labels.
        let flags = element_flags(&tag, traits, &attributes);
        let screen_reader_only = flags.contains(Flags::SCREEN_READER_ONLY);
        let in_flat_cell = self.flat_cell.is_some() && traits.block && !is_style(node);
        // Inside preformatted text, a block element is one of its lines (a
        // code editor's `<div class="cm-line">`), not a block of its own.
        let code_line = traits.block
            && self.raw_depth > 0
            && self.stack.last().is_some_and(|f| f.kind == BlockKind::Code);
        let block = (traits.block || screen_reader_only) && !in_flat_cell && !code_line;
        // Sibling inline items are separate words; a block starts afresh.
        let after_inline_close = std::mem::take(&mut self.after_inline_close);
        if block {
            self.flush();
        } else if in_flat_cell {
            // A line of the cell: apart from the one before it.
            self.buffer.push_collapsed(" ");
        } else if code_line {
            self.buffer.end_line();
        } else if after_inline_close {
            self.buffer.separate_words();
        }
        if &*tag == "input"
            && attributes
                .kind
                .is_some_and(|t| t.eq_ignore_ascii_case("checkbox"))
        {
            self.after_checkbox = true;
        }
        // An SVG drawing's `<title>` names the drawing, not the page.
        if element.name.ns == html5ever::ns!(html) {
            self.note_facts(&tag, &attributes, self.page.elements.len());
        }
        let parent = self.stack.last();
        let inherited = parent.map_or(BlockKind::Paragraph, |f| f.kind);
        let kind = match traits.kind {
            _ if in_flat_cell => BlockKind::TableCell,
            Some(BlockKind::Heading(_))
                if inherited == BlockKind::ListItem && is_an_items_only_text(node) =>
            {
                BlockKind::ListItem
            }
            Some(kind) => kind,
            // A paragraph inside a list item or quote is still part of it; a
            // paragraph inside a table cell is a paragraph (layout tables).
            None if traits.block && inherited == BlockKind::TableCell => BlockKind::Paragraph,
            None => inherited,
        };
        let index = self.page.elements.len();
        let block_owner = match parent {
            Some(frame) if !block => frame.block_owner,
            _ => index,
        };
        if let Some(itemtype) = attributes.itemtype {
            declare(&mut self.page.declared, itemtype);
        }
        if attributes.property == Some("og:type")
            && attributes
                .content
                .is_some_and(|kind| kind.trim().eq_ignore_ascii_case("article"))
        {
            self.page.declared.article = true;
        }
        let parent = parent.map(|f| f.element);
        if &*tag == "img" && self.raw_depth == 0 {
            self.note_image(&attributes, block_owner);
        }
        let id = push_class_words(&mut self.page.attributes, attributes.id);
        let class = push_class_words(&mut self.page.attributes, attributes.class);
        self.page.elements.push(Element {
            parent,
            traits,
            flags,
            id,
            class,
            tag,
            node: node.id(),
        });
        if traits.inline == Some(InlineTag::Link) {
            self.link_depth += 1;
            self.link_counted = false;
        }
        if traits.raw {
            self.raw_depth += 1;
        }
        if traits.date {
            self.date_depth += 1;
        }
        if traits.line_break {
            // The break takes the spaces before it: spans that ended on
            // them end before it.
            let before_spaces = self.buffer.text.trim_end_matches(' ').len();
            for span in &mut self.spans {
                span.range.end = span.range.end.min(before_spaces);
                span.range.start = span.range.start.min(span.range.end);
            }
            for open in &mut self.open_spans {
                open.start = open.start.filter(|&start| start < before_spaces);
            }
            self.buffer.push_line_break();
            let end = self.buffer.text.len();
            if self.buffer.text.ends_with('\n') {
                self.spans.push(Span {
                    range: end - 1..end,
                    inline: Inline::LineBreak,
                });
            }
        }
        if let Some(inline) = traits.inline {
            let inline = match inline {
                InlineTag::Link => Inline::Link {
                    href: attributes.href.map(|h| h.trim().to_string()),
                },
                InlineTag::Emphasis => Inline::Emphasis,
                InlineTag::Strong => Inline::Strong,
                InlineTag::Code => Inline::Code,
            };
            self.open_spans.push(OpenSpan {
                inline,
                start: None,
            });
        }
        self.stack.push(Frame {
            element: index,
            block_owner,
            kind,
            tag: traits,
            in_flat_cell,
            code_line,
            block,
        });
        let cell = traits.kind == Some(BlockKind::TableCell);
        if self.flat_cell.is_none() && cell && is_flat_cell(node) {
            self.flat_cell = Some(self.stack.len() - 1);
        }
    }

    fn close(&mut self) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        if self.flat_cell == Some(self.stack.len()) {
            self.flat_cell = None;
        }
        if frame.in_flat_cell {
            self.buffer.push_collapsed(" ");
        } else if frame.code_line {
            self.buffer.end_line();
        } else if frame.block {
            self.flush();
        } else {
            self.after_inline_close = true;
        }
        if frame.tag.inline == Some(InlineTag::Link) {
            self.link_depth = self.link_depth.saturating_sub(1);
        }
        if frame.tag.raw {
            self.raw_depth = self.raw_depth.saturating_sub(1);
        }
        if frame.tag.date {
            self.date_depth = self.date_depth.saturating_sub(1);
        }
        if frame.tag.inline.is_some() {
            if let Some(OpenSpan {
                inline,
                start: Some(start),
            }) = self.open_spans.pop()
            {
                let end = self.buffer.text.len();
                self.spans.push(Span {
                    range: start..end,
                    inline,
                });
            }
        }
    }

    fn text(&mut self, text: &str) {
        self.after_inline_close = false;
        let Some(frame) = self.stack.last() else {
            return;
        };
        let before = self.buffer.text.len();
        let pushed = if self.raw_depth > 0 {
            self.buffer.push_raw(text);
            // Characters are counted for link density only (scripts are long).
            if self.link_depth > 0 {
                text.chars().count()
            } else {
                text.len()
            }
        } else {
            self.buffer.push_collapsed(text)
        };
        if pushed > 0 && self.current.is_none() {
            self.current = Some((frame.block_owner, frame.kind, frame.element));
        }
        self.dated |= pushed > 0 && self.date_depth > 0;
        if pushed > 0 && self.open_spans.last().is_some_and(|s| s.start.is_none()) {
            // Spans start at the text's first visible character.
            let added = &self.buffer.text[before..];
            let start = before + (added.len() - added.trim_start().len());
            for span in self.open_spans.iter_mut().rev() {
                if span.start.is_some() {
                    break;
                }
                span.start = Some(start);
            }
        }
        if self.link_depth > 0 && pushed > 0 {
            self.link_chars += pushed;
            if !self.link_counted {
                self.links += 1;
                self.link_counted = true;
            }
        }
    }

    /// An `<img>` with an address (not inline `data:`): a span where it
    /// stands in the block's text, or pending until the next block when
    /// no text has come yet. A lazily loaded image's `src` is a
    /// placeholder until a script puts its `data-src` there.
    fn note_image(&mut self, attributes: &Attributes<'_>, block_owner: usize) {
        let src = [attributes.data_src, attributes.src]
            .into_iter()
            .flatten()
            .map(str::trim)
            .find(|src| !src.is_empty() && !src.starts_with("data:"));
        let Some(src) = src else {
            return;
        };
        let image = Inline::Image {
            src: src.to_string(),
            alt: attributes.alt.unwrap_or("").trim().to_string(),
        };
        if self.current.is_some() {
            let at = self.buffer.text.len();
            self.spans.push(Span {
                range: at..at,
                inline: image,
            });
        } else {
            self.pending_images.push((block_owner, image));
        }
    }

    /// Ends the block under construction, if it has any text.
    fn flush(&mut self) {
        let link_chars = std::mem::take(&mut self.link_chars);
        let links = std::mem::take(&mut self.links);
        self.link_counted = false;
        let current = self.current.take();
        let dated = std::mem::take(&mut self.dated);
        // Spans still open go on in the next block.
        let end = self.buffer.text.len();
        for open in &mut self.open_spans {
            if let Some(start) = open.start.take() {
                self.spans.push(Span {
                    range: start..end,
                    inline: open.inline.clone(),
                });
            }
        }
        let mut spans = std::mem::take(&mut self.spans);
        if self.buffer.is_empty() {
            return;
        }
        let untrimmed = &self.buffer.text;
        let lead = untrimmed.len() - untrimmed.trim_start().len();
        let (Some(text), Some((owner, kind, first_text_element))) = (self.buffer.take(), current)
        else {
            return;
        };
        let checklist_item = std::mem::take(&mut self.after_checkbox);
        let kind = match kind {
            BlockKind::Paragraph if checklist_item => BlockKind::ListItem,
            kind => kind,
        };
        // Where the spans are once the text is trimmed; code blocks are
        // code throughout.
        spans.retain_mut(|span| {
            span.range.start = span.range.start.saturating_sub(lead).min(text.len());
            span.range.end = span.range.end.saturating_sub(lead).min(text.len());
            let code_in_code = kind == BlockKind::Code && span.inline == Inline::Code;
            let image = matches!(span.inline, Inline::Image { .. });
            (image || !span.range.is_empty()) && !code_in_code
        });
        // Images that came before any text go first, if this block is in
        // the element they were in; others are left out.
        // (A `<noscript>` copy of a lazy image's markup, dropped later, is
        // not where the image goes.)
        let pending = if self.pending_images.is_empty() || self.is_not_shown(owner) {
            Vec::new()
        } else {
            std::mem::take(&mut self.pending_images)
        };
        let images = pending
            .into_iter()
            .filter(|(container, _)| self.is_within(owner, *container))
            .map(|(_, image)| Span {
                range: 0..0,
                inline: image,
            });
        spans.extend(images);
        // At one place, an image (empty) comes before the spans opening there.
        spans.sort_by_key(|s| {
            (
                s.range.start,
                !s.range.is_empty(),
                std::cmp::Reverse(s.range.end),
            )
        });
        // Script and style text is never shown: its words are not counted.
        if self.title_element == Some(owner) && self.page.facts.title.is_none() {
            self.page.facts.title = Some(text.clone());
        } else if self.json_ld_elements.contains(&owner) {
            self.page.facts.json_ld.push(text.clone());
        }
        let mut block =
            if self.page.elements[owner].flags.contains(Flags::NON_CONTENT) && self.raw_depth > 0 {
                // JSON-LD is script text too.
                declare(&mut self.page.declared, &text);
                Block::unmeasured(text, kind)
            } else {
                Block::new(text, kind)
            };
        block.link_chars = link_chars.min(block.chars);
        block.links = links;
        block.element = Some(owner);
        block.spans = spans;
        block.dated = dated;
        block.first_text_element = Some(first_text_element);
        self.page.blocks.push(block);
    }
}

impl Walk {
    /// `element` and the elements around it, innermost first.
    fn ancestors(&self, element: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(Some(element), |&e| self.page.elements[e].parent)
    }

    /// Whether `element` or an element around it is not content, hidden or
    /// left to screen readers.
    fn is_not_shown(&self, element: usize) -> bool {
        self.ancestors(element).any(|e| {
            let flags = self.page.elements[e].flags;
            flags.intersects(Flags::NOT_SHOWN.union(Flags::HIDDEN))
        })
    }

    /// Whether `element` is `container` or inside it.
    fn is_within(&self, element: usize, container: usize) -> bool {
        // Elements come in document order: an ancestor has a lower index.
        self.ancestors(element)
            .take_while(|&e| e >= container)
            .any(|e| e == container)
    }
}

/// The attributes the walk reads, gathered in one pass over the element's
/// attributes (looking each up by name would intern the name every time).
#[derive(Debug, Default)]
struct Attributes<'a> {
    id: Option<&'a str>,
    class: Option<&'a str>,
    href: Option<&'a str>,
    /// An `<img>`'s address and alternative text; `data_src` is where
    /// lazy-loading scripts keep the address until the image is shown.
    src: Option<&'a str>,
    data_src: Option<&'a str>,
    alt: Option<&'a str>,
    role: Option<&'a str>,
    style: Option<&'a str>,
    itemprop: Option<&'a str>,
    itemtype: Option<&'a str>,
    /// A `<meta>`'s `property` and `content`: Open Graph's `og:type`.
    property: Option<&'a str>,
    content: Option<&'a str>,
    /// For the metadata: a `<meta>`'s `name` and `http-equiv`, a `<link>`'s
    /// `rel`, `<html lang>`, a `<time>`'s `datetime`, a `<script>`'s `type`.
    name: Option<&'a str>,
    http_equiv: Option<&'a str>,
    rel: Option<&'a str>,
    lang: Option<&'a str>,
    datetime: Option<&'a str>,
    kind: Option<&'a str>,
    aria_hidden: Option<&'a str>,
    aria_modal: Option<&'a str>,
    hidden: bool,
    /// `popover`: shown only when a control opens it (a menu, a tooltip, a
    /// prompt), like a closed `<dialog>`.
    popover: bool,
    /// `shadowrootmode`: a `<template>` that is a declarative shadow root,
    /// shown like any other markup.
    shadow_root: bool,
}

impl<'a> Attributes<'a> {
    fn of(element: &'a scraper::node::Element) -> Attributes<'a> {
        let mut attributes = Attributes::default();
        for (name, value) in element.attrs() {
            match name {
                "id" => attributes.id = Some(value),
                "class" => attributes.class = Some(value),
                "href" => attributes.href = Some(value),
                "src" => attributes.src = Some(value),
                name if IMAGE_DATA_ATTRIBUTES.contains(&name) => attributes.data_src = Some(value),
                "alt" => attributes.alt = Some(value),
                "role" => attributes.role = Some(value),
                "style" => attributes.style = Some(value),
                "itemprop" => attributes.itemprop = Some(value),
                "itemtype" => attributes.itemtype = Some(value),
                "property" => attributes.property = Some(value),
                "content" => attributes.content = Some(value),
                "name" => attributes.name = Some(value),
                "http-equiv" => attributes.http_equiv = Some(value),
                "rel" => attributes.rel = Some(value),
                "lang" => attributes.lang = Some(value),
                "datetime" => attributes.datetime = Some(value),
                "type" => attributes.kind = Some(value),
                "aria-hidden" => attributes.aria_hidden = Some(value),
                "aria-modal" => attributes.aria_modal = Some(value),
                "hidden" => attributes.hidden = true,
                "popover" => attributes.popover = true,
                "shadowrootmode" | "shadowroot" => attributes.shadow_root = true,
                _ => {}
            }
        }
        attributes
    }

    /// A class that leaves the element to screen readers (`sr-only`, ...).
    fn for_screen_readers_only(&self) -> bool {
        self.class.is_some_and(says_screen_reader_only)
    }

    /// Whether the element's text is not seen: it is hidden, or left to
    /// screen readers.
    fn hides_text(&self) -> bool {
        self.hide() || self.for_screen_readers_only()
    }

    /// `hidden`, `aria-hidden="true"`, an inline style or a utility class
    /// that hides the element.
    fn hide(&self) -> bool {
        let aria_hidden = self
            .aria_hidden
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
        let styled_hidden = self.style.is_some_and(|style| {
            let mentions = |needle: &[u8]| {
                style
                    .as_bytes()
                    .windows(needle.len())
                    .any(|w| w.eq_ignore_ascii_case(needle))
            };
            if !mentions(b"none") && !mentions(b"hidden") {
                return false;
            }
            let style: String = style
                .chars()
                .filter(|c| !c.is_whitespace())
                .flat_map(char::to_lowercase)
                .collect();
            style.contains("display:none") || style.contains("visibility:hidden")
        });
        let class_hidden = self.class.is_some_and(says_hidden);
        self.hidden || aria_hidden || styled_hidden || class_hidden
    }
}

/// What an element's tag, role and attributes say it is: facts only (what
/// its classes say is for the rules to read).
fn element_flags(tag: &str, traits: TagTraits, attributes: &Attributes<'_>) -> Flags {
    let mut flags = Flags::default();
    if traits.non_content && !(tag == "template" && attributes.shadow_root) {
        flags.insert(Flags::NON_CONTENT);
    }
    if attributes.hide() {
        flags.insert(Flags::HIDDEN);
    }
    if attributes.for_screen_readers_only() {
        flags.insert(Flags::SCREEN_READER_ONLY);
    }
    let role = attributes.role.unwrap_or("").trim().to_ascii_lowercase();
    let landmark = [traits.landmark, landmark_of_role(&role)]
        .into_iter()
        .flatten()
        .min();
    if let Some(landmark) = landmark {
        flags.insert(match landmark {
            Landmark::Navigation => Flags::NAV,
            Landmark::Header => Flags::HEADER,
            Landmark::Footer => Flags::FOOTER,
            Landmark::Aside => Flags::ASIDE,
            Landmark::Main => Flags::ARTICLE,
            Landmark::Dialog => Flags::DIALOG,
        });
    }
    if attributes.popover
        || attributes
            .aria_modal
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        flags.insert(Flags::DIALOG);
    }
    if attributes.itemprop.is_some_and(says_main_text) {
        flags.insert(Flags::ARTICLE);
    }
    flags
}

/// Notes the schema.org page types that `text` (JSON-LD or an `itemtype`)
/// names.
fn declare(declared: &mut Declared, text: &str) {
    use memchr::memmem::Finder;
    static DISCUSSION: Lazy<[Finder<'static>; 2]> =
        Lazy::new(|| [Finder::new("DiscussionForumPosting"), Finder::new("QAPage")]);
    // `"@type": "Product"` in JSON-LD, `schema.org/Product` in microdata.
    static PRODUCT: Lazy<[Finder<'static>; 2]> = Lazy::new(|| {
        [
            Finder::new("\"Product\""),
            Finder::new("schema.org/Product"),
        ]
    });
    // `Article`, `NewsArticle`, `TechArticle`, ... all end in `Article`:
    // `"NewsArticle"` in JSON-LD, `schema.org/NewsArticle` in microdata.
    static ARTICLE: Lazy<[Finder<'static>; 2]> =
        Lazy::new(|| [Finder::new("Article\""), Finder::new("BlogPosting")]);
    let names =
        |finders: &[Finder<'static>]| finders.iter().any(|f| f.find(text.as_bytes()).is_some());
    declared.discussion |= names(&*DISCUSSION);
    declared.product |= names(&*PRODUCT);
    declared.article |= names(&*ARTICLE) || text.trim_end().ends_with("Article");
}

/// Whether an `itemprop` names the main text of a schema.org item: an
/// article's body, a post's or answer's text, a product's description, a
/// review's body.
fn says_main_text(itemprop: &str) -> bool {
    lists_one_of(
        itemprop,
        &["articleBody", "text", "description", "reviewBody"],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(html: &str) -> Vec<(String, BlockKind)> {
        let doc = parse(html, false);
        segment(&doc)
            .blocks
            .into_iter()
            .map(|b| (b.text, b.kind))
            .collect()
    }

    #[test]
    fn the_page_title_is_the_documents_not_a_drawings() {
        let title = |html: &str| segment(&parse(html, false)).facts.title;
        let drawing = "<svg><title>Share on Facebook</title></svg>";
        assert_eq!(title(&format!("<body>{drawing}<p>Text</p></body>")), None);
        assert_eq!(
            title(&format!("<title>The story</title><body>{drawing}</body>")).as_deref(),
            Some("The story")
        );
    }

    #[test]
    fn block_elements_split_and_inline_elements_join() {
        let got = blocks(
            "<body><h1>Title</h1><p>One <b>bold</b>\n word.</p><div>Intro<p>Inner</p>tail</div>\
             <ul><li>Item <p>para</p></li></ul><table><tr><td>A</td><td><p>B</p></td></tr></table></body>",
        );
        let expected = [
            ("Title", BlockKind::Heading(1)),
            ("One bold word.", BlockKind::Paragraph),
            ("Intro", BlockKind::Paragraph),
            ("Inner", BlockKind::Paragraph),
            ("tail", BlockKind::Paragraph),
            ("Item", BlockKind::ListItem),
            ("para", BlockKind::ListItem),
            ("A", BlockKind::TableCell),
            // A data table's cell is one cell, whatever blocks it holds.
            ("B", BlockKind::TableCell),
        ];
        let expected: Vec<(String, BlockKind)> =
            expected.iter().map(|(t, k)| (t.to_string(), *k)).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn a_cells_style_is_a_block_of_its_own_and_its_script_unflattens_it() {
        let got = blocks(
            "<body><table><tr><td><style>.c{gap:1px}</style><div><span>Nearly 8,000</span></div></td>\
             <td><script>menu()</script><p>Post</p><p>Text</p></td></tr></table></body>",
        );
        let got: Vec<(&str, BlockKind)> = got.iter().map(|(t, k)| (t.as_str(), *k)).collect();
        assert_eq!(
            got,
            [
                (".c{gap:1px}", BlockKind::Paragraph),
                ("Nearly 8,000", BlockKind::TableCell),
                ("menu()", BlockKind::Paragraph),
                ("Post", BlockKind::Paragraph),
                ("Text", BlockKind::Paragraph),
            ]
        );
    }

    #[test]
    fn sibling_inline_elements_are_separate_words() {
        let texts = |html: &str| -> Vec<String> { blocks(html).into_iter().map(|b| b.0).collect() };
        // Items laid out side by side: a price and its label, a row of links.
        assert_eq!(
            texts("<p><span>$108</span><span>MSRP: $120</span></p>"),
            ["$108 MSRP: $120"]
        );
        assert_eq!(
            texts("<p><a href=/a>Desks</a><a href=/b>Chairs</a></p>"),
            ["Desks Chairs"]
        );
        // Markup inside a word, or punctuation after an element, stays joined.
        assert_eq!(
            texts("<p><span class=dropcap>T</span>he end<b>less</b> road<i>.</i></p>"),
            ["The endless road."]
        );
        assert_eq!(
            texts("<p><a href=/a>Home</a><span>,</span> then</p>"),
            ["Home, then"]
        );
        // Chinese and Japanese put no space between words.
        assert_eq!(
            texts("<p><span>东京</span><span>大学</span></p>"),
            ["东京大学"]
        );
    }

    #[test]
    fn pre_keeps_whitespace_and_br_breaks_lines() {
        let got = blocks("<pre>fn main() {\n    x();\n}</pre><p>a<br>b</p>");
        assert_eq!(
            got[0],
            ("fn main() {\n    x();\n}".to_string(), BlockKind::Code)
        );
        assert_eq!(got[1].0, "a\nb");
    }

    #[test]
    fn a_code_editors_line_elements_are_lines_of_one_code_block() {
        let got = blocks(
            "<pre><code><div class=cm-line>import x;<br></div><div class=cm-line><br></div>\
             <div class=cm-line>fn main() {</div><div class=cm-line>  x();</div><div>}</div></code></pre>",
        );
        assert_eq!(
            got,
            [(
                "import x;\n\nfn main() {\n  x();\n}".to_string(),
                BlockKind::Code
            )]
        );
    }

    #[test]
    fn the_lines_after_checkboxes_are_the_items_of_a_checklist() {
        let got = blocks(
            "<div><h3>Gear</h3><input type=checkbox> Tent<br><input type='CHECKBOX'> Stove<br>\
             <input type=text><p>Pack light.</p></div>",
        );
        assert_eq!(
            got,
            [
                ("Gear".to_string(), BlockKind::Heading(3)),
                ("Tent".to_string(), BlockKind::ListItem),
                ("Stove".to_string(), BlockKind::ListItem),
                ("Pack light.".to_string(), BlockKind::Paragraph),
            ]
        );
    }

    #[test]
    fn a_heading_that_is_all_of_a_list_item_is_the_item() {
        let got = blocks(
            "<ul><li><h3>Linen hats</h3><ul><li><h3>Sold in pairs</h3></li></ul></li></ul>\
             <ul><li><h3>Harbour wall rebuilt</h3><p>Work starts in May.</p></li></ul>",
        );
        let kinds: Vec<BlockKind> = got.iter().map(|b| b.1).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::ListItem,
                BlockKind::ListItem,
                BlockKind::Heading(3),
                BlockKind::ListItem
            ]
        );
    }

    #[test]
    fn noscript_markup_is_parsed_when_it_holds_text() {
        let paragraphs = |n: usize| "<p>Text for readers without scripts.</p>".repeat(n);
        let elements_inside = |html: &str| {
            let selector = scraper::Selector::parse("noscript p").unwrap();
            let (prepared, report) = crate::preparse::prepare(html, 512);
            parse(&prepared, report.noscript_holds_markup())
                .select(&selector)
                .count()
        };
        // A tracking pixel's worth: left as the raw text a browser sees.
        let small = format!("<body><noscript>{}</noscript></body>", paragraphs(1));
        assert_eq!(elements_inside(&small), 0);
        let large = format!("<body><NOSCRIPT>{}</NOSCRIPT></body>", paragraphs(100));
        assert_eq!(elements_inside(&large), 100);
    }

    #[test]
    fn schema_org_types_say_what_the_page_is() {
        let declared = |html: &str| segment(&parse(html, false)).declared;
        let product = r#"<script type="application/ld+json">{"@type": "Product", "name": "Mug"}</script><p>Mug</p>"#;
        assert!(declared(product).product && !declared(product).discussion);
        let thread =
            "<div itemscope itemtype=https://schema.org/DiscussionForumPosting><p>Hi</p></div>";
        assert!(declared(thread).discussion && !declared(thread).product);
        let news =
            r#"<script type="application/ld+json">{"@type": "NewsArticle"}</script><p>Hi</p>"#;
        assert!(declared(news).article && !declared(news).discussion);
        let post = "<div itemscope itemtype=http://schema.org/BlogPosting><p>Hi</p></div>";
        assert!(declared(post).article);
        let open_graph = "<head><meta property=og:type content=article></head><p>Hi</p>";
        assert!(declared(open_graph).article);
        let website = "<head><meta property=og:type content=website></head><p>Hi</p>";
        assert!(!declared(website).article);
        assert!(!declared(product).article && !declared(thread).article);
        // Words in the text are not declarations.
        assert_eq!(
            declared("<p>Our Product \"QAPage\" is new</p>"),
            Declared::default()
        );
    }

    #[test]
    fn a_declarative_shadow_root_is_shown_other_templates_are_not() {
        let doc = parse(
            "<div><template shadowrootmode=open><p>Shown</p></template></div>\
             <template><p>Inert</p></template>",
            false,
        );
        let Segmented {
            blocks, elements, ..
        } = segment(&doc);
        let non_content = |i: usize| {
            let mut element = blocks[i].element;
            std::iter::from_fn(|| {
                let e = element?;
                element = elements[e].parent;
                Some(elements[e].flags)
            })
            .any(|f| f.contains(Flags::NON_CONTENT))
        };
        assert_eq!(blocks[0].text, "Shown");
        assert!(!non_content(0));
        assert_eq!(blocks[1].text, "Inert");
        assert!(non_content(1));
    }

    #[test]
    fn inline_structure_is_recorded_as_spans_of_the_trimmed_text() {
        let doc = parse(
            "<p>  See <a href=' /docs '>the <b>fine</b> manual</a>,\n <code>x()</code> and<br>more</p>\
             <pre><code>let a = 1;</code></pre><a href=/x><p>Inside</p><p>a link</p></a>",
            false,
        );
        let blocks = segment(&doc).blocks;
        let spans: Vec<(&str, Inline)> = blocks[0]
            .spans()
            .iter()
            .map(|s| (&blocks[0].text[s.range()], s.inline().clone()))
            .collect();
        assert_eq!(blocks[0].text, "See the fine manual, x() and\nmore");
        let link = Inline::Link {
            href: Some("/docs".to_string()),
        };
        assert_eq!(
            spans,
            [
                ("the fine manual", link),
                ("fine", Inline::Strong),
                ("x()", Inline::Code),
                ("\n", Inline::LineBreak),
            ]
        );
        // A break in preformatted text takes the spaces before it, and the
        // spans that ended on them end before it.
        let doc = parse("<pre><b>a  </b><br>é</pre>", false);
        let block = &segment(&doc).blocks[0];
        assert_eq!(block.text, "a\né");
        assert_eq!(block.spans()[0].range(), 0..1);
        // A code block is code throughout; a link around blocks marks each.
        assert!(blocks[1].spans().is_empty());
        for block in &blocks[2..] {
            assert_eq!(block.spans().len(), 1);
            assert_eq!(block.spans()[0].range(), 0..block.text.len());
        }
    }

    #[test]
    fn link_characters_are_counted() {
        let doc = parse("<p>read <a href=x>this link</a></p>", false);
        let blocks = segment(&doc).blocks;
        // Characters are counted without whitespace.
        assert_eq!(blocks[0].link_chars, "thislink".len());
    }

    #[test]
    fn flags_say_what_an_element_is() {
        let inside = flags_inside(
            "<nav><p>n</p></nav><div style='display: none'><p>h</p></div><div id=comments><p>c</p></div>\
             <script>var x;</script><div itemprop=text><p>answer</p></div><div itemprop=author><p>a</p></div>\
             <div itemprop='name reviewBody'><p>r</p></div>",
        );
        assert!(inside[0].contains(Flags::NAV));
        assert!(inside[1].contains(Flags::HIDDEN));
        // What classes say is not segmentation's to decide.
        assert!(!inside[2].contains(Flags::COMMENTS));
        assert!(inside[3].contains(Flags::NON_CONTENT));
        // schema.org says where an item's main text is.
        assert!(inside[4].contains(Flags::ARTICLE));
        assert!(!inside[5].contains(Flags::ARTICLE));
        assert!(inside[6].contains(Flags::ARTICLE));
    }

    /// The flags of each block's element and all its ancestors, together.
    fn flags_inside(html: &str) -> Vec<Flags> {
        let Segmented {
            blocks, elements, ..
        } = segment(&parse(html, false));
        let flags_from = |mut e: Option<usize>| {
            let mut flags = Flags::default();
            while let Some(element) = e {
                flags.insert(elements[element].flags);
                e = elements[element].parent;
            }
            flags
        };
        blocks.iter().map(|b| flags_from(b.element)).collect()
    }
}
