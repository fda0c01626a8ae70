//! What a Markdown text is made of, as `pulldown-cmark` reads it: its
//! headings, list items, table rows and code blocks (for the structure
//! measurement), and the sequence of its block kinds (for the round trip).

use deboiler::BlockKind;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The structure of a Markdown text, each element's text folded (see
/// [`fold`]).
#[derive(Debug, Default, serde::Serialize)]
pub struct Structure {
    pub headings: Vec<String>,
    pub list_items: Vec<String>,
    pub table_rows: Vec<String>,
    pub code_blocks: Vec<String>,
}

fn parser(markdown: &str) -> Parser<'_> {
    Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
}

/// Text folded for comparison: lowercased words (runs of letters and
/// digits) joined by one space, so that case, punctuation, emphasis and
/// link syntax do not count.
pub fn fold(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The headings, list items (each its own text, without its sublists),
/// table rows (cells joined) and code blocks of `markdown`.
pub fn structure(markdown: &str) -> Structure {
    let mut structure = Structure::default();
    // The texts being gathered: one per open element that records one.
    let mut open: Vec<(TagEnd, String)> = Vec::new();
    for event in parser(markdown) {
        match event {
            Event::Start(tag) => {
                let end = match tag {
                    Tag::Heading { level, .. } => Some(TagEnd::Heading(level)),
                    Tag::Item => Some(TagEnd::Item),
                    Tag::TableHead => Some(TagEnd::TableHead),
                    Tag::TableRow => Some(TagEnd::TableRow),
                    Tag::CodeBlock(_) => Some(TagEnd::CodeBlock),
                    _ => None,
                };
                if let Some(end) = end {
                    open.push((end, String::new()));
                }
                if let (Tag::TableCell, Some((_, text))) = (tag, open.last_mut()) {
                    text.push(' ');
                }
            }
            Event::End(end) if open.last().is_some_and(|(e, _)| *e == end) => {
                let (_, text) = open.pop().expect("an open element");
                let list = match end {
                    TagEnd::Heading(_) => &mut structure.headings,
                    TagEnd::Item => &mut structure.list_items,
                    TagEnd::CodeBlock => &mut structure.code_blocks,
                    _ => &mut structure.table_rows,
                };
                list.push(fold(&text));
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, gathered)) = open.last_mut() {
                    gathered.push_str(&text);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, gathered)) = open.last_mut() {
                    gathered.push(' ');
                }
            }
            _ => {}
        }
    }
    structure
}

/// The block kinds of `markdown`, in order: a paragraph counts only where
/// it is a block of its own (not the text of an item or a quote), and a
/// table's empty cells (the padding of a short row) not at all.
pub fn kinds(markdown: &str) -> Vec<BlockKind> {
    let mut kinds = Vec::new();
    // Items, quotes and cells open: a paragraph inside them is their text.
    let mut inside = 0usize;
    let mut cell_text = false;
    for event in parser(markdown) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => kinds.push(BlockKind::Heading(level as u8)),
            Event::Start(Tag::Paragraph) if inside == 0 => kinds.push(BlockKind::Paragraph),
            Event::Start(Tag::Item) => {
                kinds.push(BlockKind::ListItem);
                inside += 1;
            }
            Event::Start(Tag::BlockQuote(_)) => {
                kinds.push(BlockKind::Quote);
                inside += 1;
            }
            Event::Start(Tag::CodeBlock(_)) => kinds.push(BlockKind::Code),
            Event::Start(Tag::TableCell) => cell_text = false,
            Event::End(TagEnd::TableCell) if cell_text => kinds.push(BlockKind::TableCell),
            Event::End(TagEnd::Item | TagEnd::BlockQuote(_)) => inside -= 1,
            Event::Text(_) | Event::Code(_) => cell_text = true,
            _ => {}
        }
    }
    kinds
}
