//! HTML segmentation: one walk over the parsed tree, without recursion.
//!
//! Text is gathered into the block under construction; every block-level
//! element (`p`, `div`, `li`, `h2`, `td`, ...) ends the current block and
//! starts a new one. Each element on the way becomes an [`Element`] in the
//! page's arena, with [`Flags`] saying what it is (navigation, hidden, a
//! script, ...), so that rules can judge a block by where it sits.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

use super::TextBuffer;
use crate::block::{Block, BlockKind, count_words, visible_chars};
use crate::page::{Element, Flags};

/// Parses a document as a browser with scripting turned off would: the
/// markup inside `<noscript>` becomes elements (many script-rendered sites
/// put their text there for crawlers), not a string of raw text.
pub(crate) fn parse(html: &str) -> Html {
    use html5ever::tendril::TendrilSink;
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
pub(crate) fn segment(html: &Html) -> (Vec<Block>, Vec<Element>) {
    let mut walk = Walk::default();
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(element) => walk.open(node.id(), element),
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
    (walk.blocks, walk.elements)
}

/// An open element during the walk.
#[derive(Debug)]
struct Frame {
    element: usize,
    /// The innermost block-level element, this one included.
    block_owner: usize,
    /// What kind of block text here belongs to.
    kind: BlockKind,
    is_block: bool,
}

#[derive(Debug, Default)]
struct Walk {
    blocks: Vec<Block>,
    elements: Vec<Element>,
    stack: Vec<Frame>,
    buffer: TextBuffer,
    link_chars: usize,
    /// Links with text in the block under construction.
    links: usize,
    /// Whether the innermost open link has been counted in `links`.
    link_counted: bool,
    /// Owner and kind of the block under construction, set by its first text.
    current: Option<(usize, BlockKind)>,
    link_depth: usize,
    pre_depth: usize,
}

impl Walk {
    fn open(&mut self, node: ego_tree::NodeId, element: &scraper::node::Element) {
        let tag = element.name.local.clone();
        let is_block = is_block_level(&tag);
        if is_block {
            self.flush();
        }
        let parent = self.stack.last();
        let inherited = parent.map_or(BlockKind::Paragraph, |f| f.kind);
        let kind = if is_block {
            block_kind(&tag, inherited)
        } else {
            inherited
        };
        let index = self.elements.len();
        let block_owner = match parent {
            Some(frame) if !is_block => frame.block_owner,
            _ => index,
        };
        self.elements.push(Element {
            parent: parent.map(|f| f.element),
            flags: element_flags(&tag, element),
            id: lowercase_attr(element.attr("id")),
            class: lowercase_attr(element.attr("class")),
            tag,
            node,
        });
        let tag = &self.elements[index].tag;
        match &**tag {
            "a" => {
                self.link_depth += 1;
                self.link_counted = false;
            }
            "pre" => self.pre_depth += 1,
            "br" => self.buffer.push_line_break(),
            _ => {}
        }
        self.stack.push(Frame {
            element: index,
            block_owner,
            kind,
            is_block,
        });
    }

    fn close(&mut self) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        match &*self.elements[frame.element].tag {
            "a" => self.link_depth = self.link_depth.saturating_sub(1),
            "pre" => self.pre_depth = self.pre_depth.saturating_sub(1),
            _ => {}
        }
        if frame.is_block {
            self.flush();
        }
    }

    fn text(&mut self, text: &str) {
        let Some(frame) = self.stack.last() else {
            return;
        };
        let pushed = if self.pre_depth > 0 {
            self.buffer.push_raw(text)
        } else {
            self.buffer.push_collapsed(text)
        };
        if pushed > 0 && self.current.is_none() {
            self.current = Some((frame.block_owner, frame.kind));
        }
        if self.link_depth > 0 && pushed > 0 {
            self.link_chars += pushed;
            if !self.link_counted {
                self.links += 1;
                self.link_counted = true;
            }
        }
    }

    /// Ends the block under construction, if it has any text.
    fn flush(&mut self) {
        let link_chars = std::mem::take(&mut self.link_chars);
        let links = std::mem::take(&mut self.links);
        self.link_counted = false;
        let current = self.current.take();
        if self.buffer.is_empty() {
            return;
        }
        let (Some(text), Some((owner, kind))) = (self.buffer.take(), current) else {
            return;
        };
        let chars = visible_chars(&text);
        self.blocks.push(Block {
            words: count_words(&text),
            text,
            kind,
            link_chars: link_chars.min(chars),
            links,
            element: Some(owner),
        });
    }
}

fn lowercase_attr(value: Option<&str>) -> Box<str> {
    match value {
        Some(v) if !v.trim().is_empty() => v.trim().to_lowercase().into_boxed_str(),
        _ => Box::from(""),
    }
}

/// Elements that start and end a block of their own.
fn is_block_level(tag: &str) -> bool {
    matches!(
        tag,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "head"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "legend"
            | "li"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
    ) || is_non_content(tag)
}

/// The kind of block that a block-level `tag` starts, inside `inherited`.
fn block_kind(tag: &str, inherited: BlockKind) -> BlockKind {
    match tag {
        "h1" => BlockKind::Heading(1),
        "h2" => BlockKind::Heading(2),
        "h3" => BlockKind::Heading(3),
        "h4" => BlockKind::Heading(4),
        "h5" => BlockKind::Heading(5),
        "h6" => BlockKind::Heading(6),
        "li" | "dt" | "dd" => BlockKind::ListItem,
        "blockquote" => BlockKind::Quote,
        "pre" => BlockKind::Code,
        "td" | "th" => BlockKind::TableCell,
        // A paragraph inside a list item or quote is still part of it; a
        // paragraph inside a table cell is a paragraph (layout tables).
        _ => match inherited {
            BlockKind::TableCell => BlockKind::Paragraph,
            other => other,
        },
    }
}

/// Elements whose text is not shown as content: metadata, scripts, embedded
/// objects and form controls.
fn is_non_content(tag: &str) -> bool {
    matches!(
        tag,
        "head"
            | "title"
            | "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "video"
            | "audio"
            | "select"
            | "option"
            | "optgroup"
            | "datalist"
            | "button"
            | "textarea"
            | "input"
            | "label"
    )
}

fn element_flags(tag: &str, element: &scraper::node::Element) -> Flags {
    let mut flags = Flags::default();
    if is_non_content(tag) {
        flags.insert(Flags::NON_CONTENT);
    }
    if is_hidden(element) {
        flags.insert(Flags::HIDDEN);
    }
    let role = element
        .attr("role")
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match (tag, role.as_str()) {
        ("nav", _) | (_, "navigation" | "menu" | "menubar") => flags.insert(Flags::NAV),
        ("header", _) | (_, "banner") => flags.insert(Flags::HEADER),
        ("footer", _) | (_, "contentinfo") => flags.insert(Flags::FOOTER),
        ("aside", _) | (_, "complementary") => flags.insert(Flags::ASIDE),
        ("article" | "main", _) | (_, "main" | "article") => flags.insert(Flags::ARTICLE),
        _ => {}
    }
    if element
        .attr("itemprop")
        .is_some_and(|p| p.eq_ignore_ascii_case("articleBody"))
    {
        flags.insert(Flags::ARTICLE);
    }
    let tokens = element
        .attr("id")
        .into_iter()
        .chain(element.attr("class"))
        .flat_map(str::split_ascii_whitespace);
    if tokens.into_iter().any(is_comment_section_token) {
        flags.insert(Flags::COMMENTS);
    }
    flags
}

/// `hidden`, `aria-hidden="true"`, or an inline style that hides the element.
fn is_hidden(element: &scraper::node::Element) -> bool {
    if element.attr("hidden").is_some() {
        return true;
    }
    if element
        .attr("aria-hidden")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    element.attr("style").is_some_and(|style| {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
        style.contains("display:none") || style.contains("visibility:hidden")
    })
}

/// Id and class tokens of the containers that comment systems (WordPress,
/// Disqus and most themes) put around a comment thread and its form.
fn is_comment_section_token(token: &str) -> bool {
    let token = token.to_ascii_lowercase();
    matches!(
        token.as_str(),
        "comments"
            | "respond"
            | "commentform"
            | "commentlist"
            | "comment-list"
            | "comment-respond"
            | "comment-form"
            | "comment-section"
            | "disqus_thread"
            | "dsq-comments"
    ) || token.starts_with("comments-")
        || token.ends_with("-comments")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(html: &str) -> Vec<(String, BlockKind)> {
        let doc = parse(html);
        segment(&doc)
            .0
            .into_iter()
            .map(|b| (b.text, b.kind))
            .collect()
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
            ("B", BlockKind::Paragraph),
        ];
        let expected: Vec<(String, BlockKind)> =
            expected.iter().map(|(t, k)| (t.to_string(), *k)).collect();
        assert_eq!(got, expected);
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
    fn link_characters_are_counted() {
        let doc = parse("<p>read <a href=x>this link</a></p>");
        let (blocks, _) = segment(&doc);
        // Characters are counted without whitespace.
        assert_eq!(blocks[0].link_chars, "thislink".len());
    }

    #[test]
    fn flags_say_what_an_element_is() {
        let doc = parse(
            "<nav><p>n</p></nav><div style='display: none'><p>h</p></div><div id=comments><p>c</p></div>\
             <script>var x;</script>",
        );
        let (blocks, elements) = segment(&doc);
        let flags = |i: usize| elements[blocks[i].element.unwrap()].flags;
        let parent_flags = |i: usize| {
            let own = blocks[i].element.unwrap();
            elements[elements[own].parent.unwrap()].flags
        };
        assert!(parent_flags(0).contains(Flags::NAV));
        assert!(parent_flags(1).contains(Flags::HIDDEN));
        assert!(parent_flags(2).contains(Flags::COMMENTS));
        assert!(flags(3).contains(Flags::NON_CONTENT));
    }
}
