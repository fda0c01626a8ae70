//! Markdown (GitHub-flavoured) from the kept blocks and their spans: what
//! structure each block sits in is noted when the page is assembled
//! ([`Markup`]), and written here without a second walk of the page.

use std::borrow::Cow;

use crate::block::{Block, BlockKind, Inline, Span};
use crate::page::Page;
use crate::vocabulary::punctuation::{ListMarker, list_marker};

/// The structure a block sits in, beyond its kind: noted at assembly, from
/// the page's elements, for the Markdown writer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Markup {
    /// A list item's nesting (1 for a list in no other list) and whether
    /// its list is ordered (`<ol>`).
    list: Option<(usize, bool)>,
    /// A table cell's table and row (element indices), and whether it is
    /// a header cell (`<th>`, or in `<thead>`).
    cell: Option<Cell>,
    /// A code block's language, from a `language-*` or `lang-*` class.
    language: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cell {
    table: usize,
    row: usize,
    header: bool,
}

/// What the Markdown includes besides the text and its emphasis and code:
/// see [`CleanerBuilder::markdown_links`](crate::CleanerBuilder::markdown_links)
/// and [`CleanerBuilder::markdown_images`](crate::CleanerBuilder::markdown_images).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct MarkdownOptions {
    pub links: bool,
    pub images: bool,
}

impl Markup {
    /// The markup of `block` of `page` (none for plain text).
    pub(crate) fn of(page: &Page<'_>, block: &Block) -> Markup {
        let Some(element) = block.element else {
            return Markup::default();
        };
        let tag = |e: usize| &*page.elements[e].tag;
        let ancestors = || page.element_and_ancestors(Some(element));
        match block.kind {
            BlockKind::ListItem => {
                let lists: Vec<usize> = ancestors()
                    .filter(|&e| matches!(tag(e), "ul" | "ol" | "menu"))
                    .collect();
                let ordered = lists.first().is_some_and(|&e| tag(e) == "ol");
                Markup {
                    list: Some((lists.len().max(1), ordered)),
                    ..Markup::default()
                }
            }
            BlockKind::TableCell => {
                let cell = page.cell_around(Some(element)).unwrap_or(element);
                let row = page.elements[cell].parent;
                let table = page.table_around(Some(element));
                let header = page.is_header_cell(cell);
                Markup {
                    cell: row
                        .zip(table)
                        .map(|(row, table)| Cell { table, row, header }),
                    ..Markup::default()
                }
            }
            // From the element of its first text: `<code class=language-*>`
            // inside the `<pre>`.
            BlockKind::Code => Markup {
                language: page
                    .element_and_ancestors(block.first_text_element.or(Some(element)))
                    .take_while(|&e| matches!(tag(e), "pre" | "code" | "div"))
                    .find_map(|e| language_of(page.class_of(e))),
                ..Markup::default()
            },
            _ => Markup::default(),
        }
    }
}

/// The language a class names: `language-rust`, `lang-py`.
fn language_of(class: &str) -> Option<String> {
    class.split_ascii_whitespace().find_map(|token| {
        let language = token
            .strip_prefix("language-")
            .or_else(|| token.strip_prefix("lang-"))?;
        let language: String = language
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '-' | '_'))
            .collect();
        (!language.is_empty()).then_some(language)
    })
}

/// The blocks as Markdown: blocks separated by a blank line, the items of
/// a list and the rows of a table by a line break.
pub(crate) fn write(blocks: &[Block], markup: &[Markup], options: MarkdownOptions) -> String {
    let mut out = String::new();
    let mut at = 0;
    // The nesting of the last list item, as the page has it and as shown.
    let mut list_depth: Option<(usize, usize)> = None;
    while at < blocks.len() {
        let (block, mark) = (&blocks[at], &markup[at]);
        if block.kind != BlockKind::ListItem {
            list_depth = None;
        }
        // A marker written in a list item's text ("• Tent", "3. Go").
        let written = match block.kind {
            BlockKind::ListItem => list_marker(&block.text),
            _ => None,
        };
        if !out.is_empty() {
            // A list numbered from other than 1 cannot interrupt a line of
            // text: such an item starts after a blank line.
            let numbered_on = written.is_some_and(|(marker, _)| marker.numbers_on());
            let tight = block.kind == BlockKind::ListItem
                && at > 0
                && blocks[at - 1].kind == BlockKind::ListItem
                && !numbered_on;
            out.push_str(if tight { "\n" } else { "\n\n" });
        }
        match block.kind {
            BlockKind::Heading(level) => {
                out.push_str(&"#".repeat(usize::from(level.clamp(1, 6))));
                out.push(' ');
                inline(&mut out, block, options, Escape::OneLine);
            }
            BlockKind::ListItem => {
                let (depth, ordered) = mark.list.unwrap_or((1, false));
                // Nesting as the kept items show it: a list whose parent
                // item went starts at the margin, and an item is at most
                // one level below the one before it.
                let shown = match list_depth {
                    Some((last_depth, last_shown)) if depth > last_depth => last_shown + 1,
                    Some((last_depth, last_shown)) => {
                        last_shown.saturating_sub(last_depth - depth).max(1)
                    }
                    None => 1,
                };
                list_depth = Some((depth, shown));
                // Four spaces a level: inside the item above it whatever its
                // marker ("- " or "1. "), and never a code block.
                let indent = "    ".repeat(shown - 1);
                out.push_str(&indent);
                // A written marker is the item's Markdown marker, the
                // number kept.
                match written {
                    Some((ListMarker::Number(number), _)) => {
                        out.push_str(number);
                        out.push(' ');
                    }
                    Some((ListMarker::Bullet, _)) => out.push_str("- "),
                    None => out.push_str(if ordered { "1. " } else { "- " }),
                }
                let mut item = String::new();
                match written {
                    Some((_, start)) => {
                        inline(&mut item, &after(block, start), options, Escape::Text)
                    }
                    None => inline(&mut item, block, options, Escape::Text),
                }
                push_indented(&mut out, &item, &format!("{indent}   "));
            }
            BlockKind::Quote => {
                let mut quote = String::new();
                inline(&mut quote, block, options, Escape::Text);
                out.push_str("> ");
                push_indented(&mut out, &quote, "> ");
            }
            BlockKind::Code => code_block(&mut out, &block.text, mark.language.as_deref()),
            BlockKind::TableCell if mark.cell.is_some() => {
                at = table(&mut out, blocks, markup, at, options);
                continue;
            }
            // A cell outside a table row, and paragraphs.
            _ => inline(&mut out, block, options, Escape::Text),
        }
        at += 1;
    }
    out
}

/// The text of `block` from byte `start` on, with its spans moved with
/// it: all that [`inline`] writes.
fn after(block: &Block, start: usize) -> Block {
    let mut rest = Block::unmeasured(block.text[start..].to_string(), block.kind);
    rest.spans = block
        .spans
        .iter()
        .filter(|span| span.range.is_empty() || span.range.end > start)
        .map(|span| Span {
            range: span.range.start.saturating_sub(start)..span.range.end.saturating_sub(start),
            inline: span.inline.clone(),
        })
        .collect();
    rest
}

/// `text` with every line after the first prefixed by `prefix`.
fn push_indented(out: &mut String, text: &str, prefix: &str) {
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            out.push_str(prefix);
        }
        out.push_str(line);
    }
}

/// A fenced code block, its fence longer than any run of backticks inside.
fn code_block(out: &mut String, code: &str, language: Option<&str>) {
    let longest = longest_run(code, '`');
    let fence = "`".repeat(longest.max(2) + 1);
    out.push_str(&fence);
    out.push_str(language.unwrap_or(""));
    out.push('\n');
    out.push_str(code.trim_end_matches('\n'));
    out.push('\n');
    out.push_str(&fence);
}

/// The longest run of `c` in `text`.
fn longest_run(text: &str, c: char) -> usize {
    let (mut longest, mut run) = (0, 0);
    for ch in text.chars() {
        run = if ch == c { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

/// The table whose first cell is `blocks[start]`, as a GFM table (its first
/// row is the header: GFM tables have one), and the index after its last
/// cell.
fn table(
    out: &mut String,
    blocks: &[Block],
    markup: &[Markup],
    start: usize,
    options: MarkdownOptions,
) -> usize {
    let table = markup[start].cell.map(|c| c.table);
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut last_row = None;
    let mut end = start;
    while end < blocks.len() {
        let Some(cell) = markup[end].cell.filter(|c| Some(c.table) == table) else {
            break;
        };
        if last_row != Some(cell.row) {
            rows.push(Vec::new());
            last_row = Some(cell.row);
        }
        let mut text = String::new();
        inline(&mut text, &blocks[end], options, Escape::TableCell);
        rows.last_mut().expect("a row was started").push(text);
        end += 1;
    }
    let columns = rows.iter().map(Vec::len).max().unwrap_or(1);
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push('|');
        for column in 0..columns {
            out.push(' ');
            out.push_str(row.get(column).map_or("", String::as_str));
            out.push_str(" |");
        }
        if i == 0 {
            out.push_str("\n|");
            out.push_str(&" --- |".repeat(columns));
        }
    }
    end
}

/// How text is escaped: in running text, or on one line (a heading, a
/// table cell), where a line break cannot be; in a table cell, a `|` is
/// escaped inside inline code too (GFM splits cells before reading code).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Escape {
    Text,
    OneLine,
    TableCell,
}

impl Escape {
    fn one_line(self) -> bool {
        self != Escape::Text
    }
}

/// The block's text with its spans as Markdown: emphasis, strong, inline
/// code, line breaks, and links and images when asked for. Spans nest
/// (never cross), so one stack of the open ones is enough.
fn inline(out: &mut String, block: &Block, options: MarkdownOptions, escape: Escape) {
    let text = &block.text;
    let spans: Vec<&Span> = block
        .spans
        .iter()
        .filter(|span| match span.inline {
            Inline::Link { .. } => options.links,
            Inline::Image { .. } => options.images,
            _ => true,
        })
        .collect();
    let mut line = String::new();
    let mut open: Vec<&Span> = Vec::new();
    let (mut at, mut next) = (0, 0);
    loop {
        // Close the spans that end here, innermost first.
        while let Some(span) = open.last().filter(|s| s.range.end <= at) {
            line.push_str(&closing(span));
            open.pop();
        }
        // Open the next span if it starts here.
        if let Some(span) = spans.get(next).filter(|s| s.range.start <= at) {
            next += 1;
            match &span.inline {
                Inline::LineBreak => {
                    line.push_str(if escape.one_line() { " " } else { "\\\n" });
                    at = at.max(span.range.end);
                }
                Inline::Code => {
                    let code = &text[span.range.clone()];
                    let code: Cow<'_, str> = match escape {
                        Escape::Text => Cow::Borrowed(code),
                        Escape::OneLine => code.replace('\n', " ").into(),
                        Escape::TableCell => code.replace('\n', " ").replace('|', "\\|").into(),
                    };
                    line.push_str(&inline_code(&code));
                    at = at.max(span.range.end);
                    // What is inside code is not marked.
                    while spans.get(next).is_some_and(|s| s.range.start < at) {
                        next += 1;
                    }
                }
                Inline::Image { src, alt } => {
                    // Apart from the words around it (a link's text may
                    // be the image alone).
                    if line.ends_with(|c: char| !c.is_whitespace() && c != '[') {
                        line.push(' ');
                    }
                    let mut described = String::new();
                    escape_into(&mut described, alt, Escape::OneLine);
                    line.push_str("![");
                    line.push_str(&described);
                    line.push_str("](");
                    line.push_str(&url(src));
                    line.push(')');
                    if text[at..].starts_with(|c: char| !c.is_whitespace()) {
                        line.push(' ');
                    }
                }
                _ if span.range.is_empty() => {}
                _ => {
                    line.push_str(opening(span));
                    open.push(span);
                }
            }
            continue;
        }
        if at >= text.len() {
            break;
        }
        // The text up to where the next span opens or the innermost closes.
        let boundary = open
            .last()
            .map(|s| s.range.end)
            .into_iter()
            .chain(spans.get(next).map(|s| s.range.start))
            .fold(text.len(), usize::min);
        escape_into(&mut line, &text[at..boundary], escape);
        at = boundary;
    }
    escape_line_starts(out, &line, escape);
}

fn opening(span: &Span) -> &'static str {
    match span.inline {
        Inline::Emphasis => "*",
        Inline::Strong => "**",
        Inline::Link { .. } => "[",
        _ => "",
    }
}

fn closing(span: &Span) -> String {
    match &span.inline {
        Inline::Emphasis => "*".to_string(),
        Inline::Strong => "**".to_string(),
        Inline::Link { href } => format!("]({})", url(href.as_deref().unwrap_or(""))),
        _ => String::new(),
    }
}

/// An address as a link or image destination: the characters that would
/// end or break it percent-encoded.
fn url(address: &str) -> String {
    let mut url = String::with_capacity(address.len());
    for c in address.chars() {
        match c {
            ' ' => url.push_str("%20"),
            '(' => url.push_str("%28"),
            ')' => url.push_str("%29"),
            '<' => url.push_str("%3C"),
            '>' => url.push_str("%3E"),
            // A table cell's end, and the line's.
            '|' => url.push_str("%7C"),
            '\t' => url.push_str("%09"),
            '\n' => url.push_str("%0A"),
            '\r' => url.push_str("%0D"),
            c => url.push(c),
        }
    }
    url
}

/// Inline code: in backticks one more than any run inside, padded when it
/// starts or ends with one.
fn inline_code(code: &str) -> String {
    let ticks = "`".repeat(longest_run(code, '`') + 1);
    let pad = if code.starts_with('`') || code.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{ticks}{pad}{code}{pad}{ticks}")
}

/// Characters that mean something to Markdown anywhere in a line.
const INLINE_SPECIAL: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>', '&', '#', '~', '!'];

fn escape_into(out: &mut String, text: &str, escape: Escape) {
    for c in text.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\n' if escape.one_line() => out.push(' '),
            c if INLINE_SPECIAL.contains(&c) => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
}

/// `text` into `out`, with what would start a block at the start of a line
/// (a list marker, a thematic break, a setext underline, `+`, `=`, a
/// number and a dot) escaped.
fn escape_line_starts(out: &mut String, text: &str, escape: Escape) {
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if escape == Escape::Text {
            let digits = line.bytes().take_while(u8::is_ascii_digit).count();
            if line.starts_with(['-', '+', '=']) {
                out.push('\\');
            } else if digits > 0 && line[digits..].starts_with(['.', ')']) {
                out.push_str(&line[..digits]);
                out.push('\\');
                out.push_str(&line[digits..]);
                continue;
            }
        }
        out.push_str(line);
    }
}

#[cfg(test)]
mod tests {
    use super::url;
    use crate::Cleaner;

    fn markdown(html: &str) -> String {
        Cleaner::builder()
            .rules(crate::RuleSet::empty())
            .build()
            .unwrap()
            .clean(html)
            .unwrap()
            .markdown()
    }

    fn markdown_with_images(html: &str) -> String {
        Cleaner::builder()
            .rules(crate::RuleSet::empty())
            .markdown_images(true)
            .build()
            .unwrap()
            .clean(html)
            .unwrap()
            .markdown()
    }

    #[test]
    fn images_are_written_only_when_asked_for() {
        let html = "<p>The map <img src='/maps/harbour map.png' alt='The [old] harbour'> shows the piers.\
            <img src='data:image/gif;base64,R0lGOD'></p>\
            <figure><img data-src='/lazy.jpg' src='/blank.gif'><figcaption>Piers at dawn.</figcaption></figure>";
        assert_eq!(markdown(html), "The map shows the piers.\n\nPiers at dawn.");
        assert_eq!(
            markdown_with_images(html),
            "The map ![The \\[old\\] harbour](/maps/harbour%20map.png) shows the piers.\n\n\
             ![](/lazy.jpg) Piers at dawn."
        );
    }

    #[test]
    fn a_lazy_image_s_noscript_copy_does_not_take_its_place() {
        let html = "<p>The pier reopens next week after two years of work on its pilings.</p>\
            <figure><img data-src='/a.jpg' alt='Pier'><noscript><img src='/a.jpg' alt='Pier'></noscript>\
            <figcaption>The pier | at dawn.</figcaption></figure>";
        let cleaner = Cleaner::builder().markdown_images(true).build().unwrap();
        let md = cleaner.clean(html).unwrap().markdown();
        assert!(
            md.ends_with("![Pier](/a.jpg) The pier \\| at dawn."),
            "{md}"
        );
        assert_eq!(md.matches("/a.jpg").count(), 1, "{md}");
        assert_eq!(url("/i?a|b c"), "/i?a%7Cb%20c");
    }

    #[test]
    fn an_image_without_text_of_its_own_does_not_go_to_another_container() {
        // The logo in the header is not the story's image.
        let html = "<header><a href=/><img src=/logo.png alt=Courier></a></header>\
            <main><h1>Storm closes the harbour</h1><p>Waves of six metres.</p></main>";
        assert_eq!(
            markdown_with_images(html),
            "# Storm closes the harbour\n\nWaves of six metres."
        );
    }

    #[test]
    fn a_data_table_s_cells_are_cells_whatever_blocks_they_hold() {
        let html = "<table><tr><th><p><strong>Package</strong></p></th><th><p>Fee</p></th></tr>\
            <tr><td><h4>Five sessions</h4></td><td><p>Student: $190</p><p>Member: $240</p></td></tr></table>";
        assert_eq!(
            markdown(html),
            "| **Package** | Fee |\n| --- | --- |\n| Five sessions | Student: $190 Member: $240 |"
        );
        // A cell's lines stay apart; what rules drop by its element (a
        // script, a hidden note) is not made part of the cell.
        assert_eq!(
            markdown(
                "<table><tr><td><p>Fee:</p><p>$5</p></td><td>Now<div hidden>secret</div></td></tr></table>"
            ),
            "| Fee: $5 | Now |\n| --- | --- |\n\nsecret"
        );
        // A layout table's column holds a page: its paragraphs stay paragraphs.
        let long =
            "A paragraph long enough to be part of a page rather than a cell's line. ".repeat(5);
        let layout = format!("<table><tr><td><p>{long}</p><p>{long}</p></td></tr></table>");
        let page = Cleaner::builder()
            .rules(crate::RuleSet::empty())
            .build()
            .unwrap()
            .clean(layout.as_str())
            .unwrap();
        let kinds: Vec<_> = page.blocks().iter().map(|b| b.kind()).collect();
        assert_eq!(
            kinds,
            [crate::BlockKind::Paragraph, crate::BlockKind::Paragraph]
        );
    }

    #[test]
    fn headings_lists_quotes_and_code_are_marked() {
        let md = markdown(
            "<h2>Tides</h2><p>Read the <em>tables</em> and <strong>plan</strong> with <code>a*b</code>.</p>\
             <ul><li>Spring<ul><li>High</li></ul></li><li>Neap</li></ul><ol><li>First</li></ol>\
             <blockquote>Time and tide.</blockquote>\
             <pre><code class='language-rust'>fn main() {}</code></pre>",
        );
        assert_eq!(
            md,
            "## Tides\n\nRead the *tables* and **plan** with `a*b`.\n\n- Spring\n    - High\n- Neap\n1. First\n\n\
             > Time and tide.\n\n```rust\nfn main() {}\n```"
        );
    }

    #[test]
    fn tables_have_a_header_row_and_escaped_cells() {
        let md = markdown(
            "<table><tr><th>Name</th><th>Pipe</th></tr><tr><td>a|b</td><td>c</td></tr><tr><td>d</td></tr>\
             <tr><td>Syntax:</td><td><code>rewrite_log on | off;</code></td></tr></table>",
        );
        assert_eq!(
            md,
            "| Name | Pipe |\n| --- | --- |\n| a\\|b | c |\n| d |  |\n| Syntax: | `rewrite_log on \\| off;` |"
        );
    }

    #[test]
    fn text_that_markdown_would_read_as_markup_is_escaped() {
        let md =
            markdown("<p>1999. Not a list</p><p>&gt; nor this</p><p># nor a *heading* [x]</p>");
        assert_eq!(
            md,
            "1999\\. Not a list\n\n\\> nor this\n\n\\# nor a \\*heading\\* \\[x\\]"
        );
    }

    #[test]
    fn a_paragraph_written_as_a_list_item_is_one() {
        let html = "<p>Pack these:</p><p>• A <b>tent</b></p><p>✓ A stove</p>\
                    <p>3. Pitch it</p><p>4) Light it</p><ul><li>- Sleep</li></ul>";
        let page = Cleaner::builder()
            .rules(crate::RuleSet::empty())
            .build()
            .unwrap()
            .clean(html)
            .unwrap();
        assert_eq!(
            page.markdown(),
            "Pack these:\n\n- A **tent**\n- A stove\n\n3. Pitch it\n\n4) Light it\n- Sleep"
        );
        let kinds: Vec<_> = page.blocks().iter().map(|b| b.kind()).collect();
        assert_eq!(kinds[0], crate::BlockKind::Paragraph);
        assert!(kinds[1..].iter().all(|&k| k == crate::BlockKind::ListItem));
        // The text is the page's, markers and all.
        assert!(
            page.text().contains("• A tent\n\n✓ A stove\n\n3. Pitch it"),
            "{}",
            page.text()
        );
    }

    #[test]
    fn links_are_written_only_when_asked_for() {
        let html = "<p>See <a href='/a guide'>the <em>guide</em></a> first.</p>";
        assert_eq!(markdown(html), "See the *guide* first.");
        let cleaner = Cleaner::builder()
            .rules(crate::RuleSet::empty())
            .markdown_links(true)
            .build()
            .unwrap();
        assert_eq!(
            cleaner.clean(html).unwrap().markdown(),
            "See [the *guide*](/a%20guide) first."
        );
    }
}
