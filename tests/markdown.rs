//! Markdown reads back as the blocks it was written from: pulldown-cmark
//! parses it to the same sequence of block kinds, whatever the text holds.

use deboiler::{BlockKind, Cleaner, RuleSet};
use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The block kinds of `markdown`: a paragraph counts only as a block of its
/// own (not as the text of an item or a quote), a table cell only when it
/// has text (a short row is padded with empty ones).
fn kinds(markdown: &str) -> Vec<BlockKind> {
    let mut kinds = Vec::new();
    let (mut inside, mut cell_text) = (0usize, false);
    for event in Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    ) {
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

fn assert_round_trip(html: &str) {
    let cleaned = Cleaner::builder()
        .rules(RuleSet::empty())
        .markdown_links(true)
        .markdown_images(true)
        .build()
        .unwrap()
        .clean(html)
        .unwrap();
    let markdown = cleaned.markdown();
    let expected: Vec<BlockKind> = cleaned.blocks().iter().map(|b| b.kind()).collect();
    assert_eq!(kinds(&markdown), expected, "{html}\n---\n{markdown}");
}

/// Text that Markdown would read as markup if it were not escaped.
const TRICKY: &[&str] = &[
    "1. a number and a dot",
    "- a dash",
    "+ a plus",
    "# a hash",
    "=== equals",
    "--- dashes",
    "> a quote mark",
    "* a star *",
    "_under_ and `tick`",
    "[a](link) and ![image](src)",
    "<div>html</div> &amp; entities",
    "a | pipe",
    "    four spaces",
    "\\ a backslash",
    "~~struck~~",
    "2) a number and a parenthesis",
];

fn piece() -> impl Strategy<Value = String> {
    let text = prop::sample::select(TRICKY).prop_map(str::to_string);
    prop_oneof![
        (1u8..=6, text.clone()).prop_map(|(level, t)| format!("<h{level}>{t}</h{level}>")),
        text.clone().prop_map(|t| format!("<p>{t}</p>")),
        (text.clone(), text.clone())
            .prop_map(|(a, b)| format!("<p><em>{a}</em> <a href='/x y'>{b}</a><br>{a}</p>")),
        (text.clone(), text.clone())
            .prop_map(|(a, b)| format!("<ul><li>{a}<ol><li>{b}</li></ol></li><li>{b}</li></ul>")),
        text.clone()
            .prop_map(|t| format!("<blockquote>{t}</blockquote>")),
        (text.clone(), text.clone()).prop_map(|(a, b)| format!(
            "<p>{a} <img src='/a b.png' alt='{b}'>{a}</p><figure><img src=/c.jpg alt='{a}'><figcaption>{b}</figcaption></figure>"
        )),
        text.clone()
            .prop_map(|t| format!("<pre><code class='language-rust'>{t}\n``` fence</code></pre>")),
        (text.clone(), text.clone()).prop_map(|(a, b)| format!(
            "<table><tr><th>{a}</th><th>{b}</th></tr><tr><td>{b}</td></tr></table>"
        )),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn markdown_parses_back_to_the_blocks_kinds(pieces in prop::collection::vec(piece(), 1..8)) {
        assert_round_trip(&pieces.concat());
    }
}

#[test]
fn a_list_whose_parent_item_went_starts_at_the_margin() {
    // The nested list's items come first: written four spaces in, they
    // would be a code block.
    assert_round_trip(
        "<ul><li><ul><li>Deep item one</li><li>Deep item two</li></ul></li></ul><p>After.</p>",
    );
}
