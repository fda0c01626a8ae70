//! HTML elements: what each does to parsing, to segmentation and to how
//! its classes are read. Tags not in [`TAG_TRAITS`] are plain inline
//! elements (`span`, `b`, `em`, ...).

use std::collections::HashMap;

use html5ever::LocalName;
use once_cell::sync::Lazy;

use crate::block::BlockKind;

/// What a tag does, looked up once per element.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct TagTraits {
    /// Starts and ends a block of its own.
    pub block: bool,
    /// The kind of block it starts, when it decides one.
    pub kind: Option<BlockKind>,
    /// Its text is not shown as content (metadata, scripts, embedded
    /// objects, form controls).
    pub non_content: bool,
    /// Its text is kept as it is (preformatted, or never shown).
    pub raw: bool,
    pub line_break: bool,
    /// The part of the page it is, when its tag says.
    pub landmark: Option<Landmark>,
    /// It marks a date or a time (`<time>`).
    pub date: bool,
    /// One item of a series: a list item, an article (a comment of a
    /// thread, a card of a listing).
    pub item: bool,
    /// The inline structure it marks, recorded as a span of the block.
    pub inline: Option<InlineTag>,
    /// What structure it groups blocks into, for the classifier.
    pub group: Option<Group>,
    /// A page wrapper (`html`, `body`, `main`, `article`): its classes say
    /// things about the visitor and the page (`cookies-not-set`,
    /// `has-comments`), not what the element is.
    pub wrapper: bool,
    /// It names content (a heading, a term, code), so that an anchor or
    /// class on it naming boilerplate (`id=Digital_signature`) is a topic,
    /// not a container.
    pub names_content: bool,
}

/// What part of a page an element is, by its tag or its ARIA role; when
/// the two say different things, the earlier in this order wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Landmark {
    Navigation,
    Header,
    Footer,
    Aside,
    /// The main content: `<article>`, `<main>`.
    Main,
    Dialog,
}

/// The landmark an ARIA `role` (trimmed, lowercased) names.
pub(crate) fn landmark_of_role(role: &str) -> Option<Landmark> {
    Some(match role {
        "navigation" | "menu" | "menubar" => Landmark::Navigation,
        "banner" => Landmark::Header,
        "contentinfo" => Landmark::Footer,
        "complementary" => Landmark::Aside,
        "main" | "article" => Landmark::Main,
        "dialog" | "alertdialog" => Landmark::Dialog,
        _ => return None,
    })
}

/// Inline elements whose structure blocks keep as spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum InlineTag {
    Link,
    Emphasis,
    Strong,
    Code,
}

/// The structures blocks sit in that the classifier tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Group {
    Form,
    List,
    Table,
}

/// The tags that are not plain inline elements.
static TAG_TRAITS: Lazy<HashMap<LocalName, TagTraits>> = Lazy::new(|| {
    let mut table: HashMap<LocalName, TagTraits> = HashMap::new();
    let mut set = |tags: &[&str], change: &dyn Fn(&mut TagTraits)| {
        for &tag in tags {
            change(table.entry(LocalName::from(tag)).or_default());
        }
    };
    set(BLOCK_ELEMENTS, &|t| t.block = true);
    for (level, tag) in HEADINGS.iter().enumerate() {
        let kind = BlockKind::Heading(level as u8 + 1);
        set(&[tag], &|t| t.kind = Some(kind));
    }
    set(&["li", "dt", "dd"], &|t| t.kind = Some(BlockKind::ListItem));
    set(&["blockquote"], &|t| t.kind = Some(BlockKind::Quote));
    set(&["pre"], &|t| t.kind = Some(BlockKind::Code));
    set(&["td", "th"], &|t| t.kind = Some(BlockKind::TableCell));
    set(NON_CONTENT_ELEMENTS, &|t| t.non_content = true);
    set(&SCRIPT_ELEMENTS, &|t| t.non_content = true);
    set(&["pre"], &|t| t.raw = true);
    set(&SCRIPT_ELEMENTS, &|t| t.raw = true);
    set(&["br"], &|t| t.line_break = true);
    set(&["time"], &|t| t.date = true);
    set(&["li", "article"], &|t| t.item = true);
    let landmarks = [
        ("nav", Landmark::Navigation),
        ("header", Landmark::Header),
        ("footer", Landmark::Footer),
        ("aside", Landmark::Aside),
        ("article", Landmark::Main),
        ("main", Landmark::Main),
        ("dialog", Landmark::Dialog),
    ];
    for (tag, landmark) in landmarks {
        set(&[tag], &|t| t.landmark = Some(landmark));
    }
    set(&["a"], &|t| t.inline = Some(InlineTag::Link));
    set(&["em", "i", "cite", "dfn", "var"], &|t| {
        t.inline = Some(InlineTag::Emphasis)
    });
    set(&["strong", "b"], &|t| t.inline = Some(InlineTag::Strong));
    set(&["code", "kbd", "samp", "tt"], &|t| {
        t.inline = Some(InlineTag::Code)
    });
    set(&["form"], &|t| t.group = Some(Group::Form));
    set(&["ul", "ol", "dl"], &|t| t.group = Some(Group::List));
    set(&["table"], &|t| t.group = Some(Group::Table));
    set(&["html", "body", "main", "article"], &|t| t.wrapper = true);
    set(HEADINGS, &|t| t.names_content = true);
    set(&["dt", "code", "pre"], &|t| t.names_content = true);
    // Everything that decides a kind or is not content is a block too.
    for traits in table.values_mut() {
        traits.block |= traits.kind.is_some() || traits.non_content;
    }
    table
});

/// The traits of `tag` (those of an inline element when it has none).
pub(crate) fn traits_of(tag: &LocalName) -> TagTraits {
    TAG_TRAITS.get(tag).copied().unwrap_or_default()
}

const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

/// Elements that end the block before them and start one of their own.
const BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "aside",
    "body",
    "caption",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
];

/// Elements whose text is not shown as content (with [`SCRIPT_ELEMENTS`]);
/// MathML's `<annotation>` is a formula's source (TeX), which browsers do
/// not render.
const NON_CONTENT_ELEMENTS: &[&str] = &[
    "head",
    "title",
    "noscript",
    "template",
    "svg",
    "iframe",
    "object",
    "embed",
    "canvas",
    "video",
    "audio",
    "select",
    "option",
    "optgroup",
    "datalist",
    "button",
    "textarea",
    "input",
    "label",
    "annotation",
];

/// Elements whose text is code for the browser, never shown.
pub(crate) const SCRIPT_ELEMENTS: [&str; 2] = ["script", "style"];

/// Elements without an end tag.
pub(crate) const VOID_ELEMENTS: [&str; 16] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "frame",
];

/// Attributes no stage reads, whose values run long: image candidate
/// lists, a drawing's path data, event handlers (`on...`) and the data
/// attributes (`data-...`, JSON state on many pages) other than
/// [`IMAGE_DATA_ATTRIBUTES`]. Lowercase.
pub(crate) fn is_unread_attribute(name: &[u8]) -> bool {
    const NAMES: [&[u8]; 5] = [b"srcset", b"imagesrcset", b"sizes", b"d", b"points"];
    let data = name.starts_with(b"data-")
        && !IMAGE_DATA_ATTRIBUTES
            .iter()
            .any(|kept| kept.as_bytes().eq_ignore_ascii_case(name));
    data || (name.len() > 2 && name[..2].eq_ignore_ascii_case(b"on"))
        || NAMES.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// The data attributes that hold a lazily loaded image's address.
pub(crate) const IMAGE_DATA_ATTRIBUTES: [&str; 3] = ["data-src", "data-lazy-src", "data-original"];

/// The elements of an SVG drawing (SVG 1.1 and 2, lowercased), `<svg>`
/// itself included; not `<foreignObject>`, which holds HTML, nor
/// `<script>` and `<style>`.
pub(crate) const SVG_ELEMENTS: [&str; 62] = [
    "a",
    "animate",
    "animatemotion",
    "animatetransform",
    "circle",
    "clippath",
    "defs",
    "desc",
    "ellipse",
    "feblend",
    "fecolormatrix",
    "fecomponenttransfer",
    "fecomposite",
    "feconvolvematrix",
    "fediffuselighting",
    "fedisplacementmap",
    "fedistantlight",
    "fedropshadow",
    "feflood",
    "fefunca",
    "fefuncb",
    "fefuncg",
    "fefuncr",
    "fegaussianblur",
    "feimage",
    "femerge",
    "femergenode",
    "femorphology",
    "feoffset",
    "fepointlight",
    "fespecularlighting",
    "fespotlight",
    "fetile",
    "feturbulence",
    "filter",
    "g",
    "image",
    "line",
    "lineargradient",
    "marker",
    "mask",
    "metadata",
    "mpath",
    "path",
    "pattern",
    "polygon",
    "polyline",
    "radialgradient",
    "rect",
    "set",
    "stop",
    "svg",
    "switch",
    "symbol",
    "text",
    "textpath",
    "title",
    "tspan",
    "use",
    "view",
    "hatch",
    "hatchpath",
];

/// Elements whose text is not markup, up to their end tag.
pub(crate) const RAW_TEXT_ELEMENTS: [&str; 6] =
    ["script", "style", "textarea", "title", "xmp", "plaintext"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_have_their_traits() {
        let of = |tag: &str| traits_of(&LocalName::from(tag));
        assert!(of("p").block && of("p").kind.is_none());
        assert_eq!(of("h3").kind, Some(BlockKind::Heading(3)));
        assert!(of("h3").block && of("h3").names_content);
        assert!(of("script").non_content && of("script").raw && of("script").block);
        assert!(of("pre").raw && !of("pre").non_content);
        assert_eq!(of("ol").group, Some(Group::List));
        assert!(of("main").wrapper && !of("div").wrapper);
        assert_eq!(of("span"), TagTraits::default());
        assert_eq!(of("a").inline, Some(InlineTag::Link));
        assert_eq!(of("main").landmark, Some(Landmark::Main));
        assert_eq!(landmark_of_role("banner"), Some(Landmark::Header));
    }
}
