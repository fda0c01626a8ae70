//! The page model that rules judge: blocks, the elements that hold them, and
//! the verdicts so far.

use std::ops::Range;
use std::sync::Arc;

use html5ever::LocalName;

use crate::block::Block;

/// A segmented page, as a rule sees it: its blocks in document order and,
/// for HTML, the elements that hold them.
///
/// Rules get a `&Page` in [`Rule::apply`](crate::Rule::apply); it cannot be
/// built outside the crate.
#[derive(Debug)]
pub struct Page<'a> {
    pub(crate) url: Option<&'a str>,
    pub(crate) blocks: Vec<Block>,
    /// The elements on the way from the root to each block (HTML only).
    pub(crate) elements: Vec<Element>,
    /// The `id` and `class` values of all elements as rules read them
    /// (lowercased, camelCase words split by `-`), end to end
    /// (one allocation per page rather than two per element).
    pub(crate) attributes: String,
    pub(crate) html: Option<&'a scraper::Html>,
    /// What the page's structured data (schema.org) says it is.
    pub(crate) declared: Declared,
    /// Phrase matches of each block (filled by the cleaner when the rule set
    /// has phrase rules; empty otherwise).
    pub(crate) phrase_hits: Vec<PhraseHits>,
}

impl<'a> Page<'a> {
    /// The blocks of the page, in document order, kept or not.
    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// The URL the caller gave for the page, if any.
    pub fn url(&self) -> Option<&str> {
        self.url
    }

    /// Whether the page came in as HTML (as opposed to plain text).
    pub fn is_html(&self) -> bool {
        self.html.is_some()
    }

    /// The element chain of a block, innermost first.
    pub(crate) fn ancestors_of(&self, block: usize) -> impl Iterator<Item = usize> + '_ {
        let mut next = self.blocks[block].element;
        std::iter::from_fn(move || {
            let current = next?;
            next = self.elements[current].parent;
            Some(current)
        })
    }

    /// The `id` of an element, lowercased with camelCase words split by `-`
    /// (`mainContent` is `main-content`; "" when it has none).
    pub(crate) fn id_of(&self, element: usize) -> &str {
        &self.attributes[self.elements[element].id.clone()]
    }

    /// The `class` of an element, lowercased with camelCase words split by
    /// `-` (`commentBody` is `comment-body`; "" when it has none).
    pub(crate) fn class_of(&self, element: usize) -> &str {
        &self.attributes[self.elements[element].class.clone()]
    }

    /// A short description like `<div id="comments" class="area">` for removal reasons.
    pub(crate) fn describe(&self, element: usize) -> String {
        let mut out = format!("<{}", self.elements[element].tag);
        let (id, class) = (self.id_of(element), self.class_of(element));
        if !id.is_empty() {
            out.push_str(&format!(" id=\"{id}\""));
        }
        if !class.is_empty() {
            out.push_str(&format!(" class=\"{class}\""));
        }
        out.push('>');
        out
    }

    /// Words of the given blocks, in all and summed into every element that
    /// holds them.
    pub(crate) fn word_counts(&self, blocks: &[usize]) -> WordCounts {
        let mut counts = WordCounts {
            per_element: vec![0; self.elements.len()],
            total: 0,
        };
        for &block in blocks {
            let words = self.blocks[block].words;
            counts.total += words;
            for element in self.ancestors_of(block) {
                counts.per_element[element] += words;
            }
        }
        counts
    }
}

/// Words of some blocks of a page: see [`Page::word_counts`].
#[derive(Debug)]
pub(crate) struct WordCounts {
    pub per_element: Vec<usize>,
    pub total: usize,
}

impl WordCounts {
    /// The share of the words (0 to 1) inside `element`; 0 when there are none.
    pub fn share(&self, element: usize) -> f32 {
        self.per_element[element] as f32 / self.total.max(1) as f32
    }
}

/// What a page says it is, in schema.org types (JSON-LD or microdata).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Declared {
    /// A forum thread or Q&A page: `DiscussionForumPosting`, `QAPage`.
    pub discussion: bool,
    /// A product page: `Product`.
    pub product: bool,
}

/// An element of an HTML page that holds at least one block.
#[derive(Debug)]
pub(crate) struct Element {
    pub parent: Option<usize>,
    pub tag: LocalName,
    /// The element in the parsed tree, for selector rules.
    pub node: ego_tree::NodeId,
    /// What the element itself is (not its ancestors).
    pub flags: Flags,
    /// Where the `id` and `class` values, as rules read them, are in
    /// [`Page::attributes`] (see [`Page::id_of`], [`Page::class_of`]).
    pub id: Range<usize>,
    pub class: Range<usize>,
}

/// Calls `each` with the words of an `id` or `class` token as rules read
/// them: its parts between `-` and `_` (camelCase words were split by `-`
/// when the page was read, see [`Page::class_of`]), then, when it has
/// several and is short, all of them joined: `side-bar` and `sideBar` are
/// also `sidebar`, Cookiebot's `CybotCookiebotDialog` is also
/// `cybotcookiebotdialog`. Stops at the first `true` and returns it.
pub(crate) fn any_class_word(token: &str, mut each: impl FnMut(&str) -> bool) -> bool {
    if token
        .split(['-', '_'])
        .any(|part| !part.is_empty() && each(part))
    {
        return true;
    }
    // Joined on the stack: this runs for every token of every element.
    let mut joined = [0u8; 32];
    if !token.contains(['-', '_']) || token.len() > joined.len() {
        return false;
    }
    let mut len = 0;
    for &byte in token.as_bytes().iter().filter(|&&b| b != b'-' && b != b'_') {
        joined[len] = byte;
        len += 1;
    }
    // Taking out ASCII bytes leaves valid UTF-8.
    std::str::from_utf8(&joined[..len]).is_ok_and(each)
}

/// What an element is, as bits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Flags(u16);

impl Flags {
    pub const NON_CONTENT: Flags = Flags(1);
    pub const HIDDEN: Flags = Flags(1 << 1);
    pub const NAV: Flags = Flags(1 << 2);
    pub const HEADER: Flags = Flags(1 << 3);
    pub const FOOTER: Flags = Flags(1 << 4);
    pub const ASIDE: Flags = Flags(1 << 5);
    pub const COMMENTS: Flags = Flags(1 << 6);
    /// `<article>`, `<main>`, their ARIA equivalents, and the schema.org
    /// `itemprop`s of an item's main text (`articleBody`, `text`, ...).
    pub const ARTICLE: Flags = Flags(1 << 7);
    /// `<dialog>`, ARIA dialogs and modals, `popover` elements, consent
    /// managers' containers.
    pub const DIALOG: Flags = Flags(1 << 8);
    /// What a forum repeats around every post: the author's signature (the
    /// sign-off, links and slogans under it) and statistics ("Joined",
    /// "Messages", "Reaction score").
    pub const POST_CHROME: Flags = Flags(1 << 9);

    /// Landmarks that are page chrome unless they hold the content.
    pub const CHROME: Flags = Flags(
        Self::NAV.0
            | Self::HEADER.0
            | Self::FOOTER.0
            | Self::ASIDE.0
            | Self::COMMENTS.0
            | Self::DIALOG.0
            | Self::POST_CHROME.0,
    );

    pub fn contains(self, other: Flags) -> bool {
        self.0 & other.0 == other.0
    }

    pub fn intersects(self, other: Flags) -> bool {
        self.0 & other.0 != 0
    }

    pub fn insert(&mut self, other: Flags) {
        self.0 |= other.0;
    }

    pub fn intersection(self, other: Flags) -> Flags {
        Flags(self.0 & other.0)
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

/// The phrase matches in one block, summed over the rules that own them.
#[derive(Debug, Default, Clone)]
pub(crate) struct PhraseHits {
    /// Words of the block that have a letter (counted only when a phrase matched).
    pub words: usize,
    /// Words of the block covered by some phrase.
    pub covered_words: usize,
    /// Matches of marker phrases (several words, or a sign like `©`).
    pub markers: usize,
    /// Per owning rule (its index in the rule set): covered words and the
    /// first phrase that matched.
    pub owners: Vec<(usize, usize, Arc<str>)>,
}

/// The verdicts on a page's blocks so far; rules drop blocks through it.
#[derive(Debug)]
pub struct Judgement {
    dropped: Vec<Option<(Arc<str>, String)>>,
    rule_name: Arc<str>,
    pub(crate) rule_index: usize,
}

impl Judgement {
    pub(crate) fn new(blocks: usize) -> Judgement {
        Judgement {
            dropped: vec![None; blocks],
            rule_name: Arc::from(""),
            rule_index: 0,
        }
    }

    pub(crate) fn start_rule(&mut self, index: usize, name: &Arc<str>) {
        self.rule_index = index;
        self.rule_name = Arc::clone(name);
    }

    /// Whether the block at `index` is still kept.
    pub fn is_kept(&self, index: usize) -> bool {
        self.dropped.get(index).is_some_and(Option::is_none)
    }

    /// Indices of the blocks still kept, in document order.
    pub fn kept(&self) -> impl Iterator<Item = usize> + '_ {
        self.dropped
            .iter()
            .enumerate()
            .filter_map(|(i, d)| d.is_none().then_some(i))
    }

    /// Drops the block at `index`, recording the current rule and `reason`.
    /// A block already dropped keeps its first verdict.
    pub fn drop_block(&mut self, index: usize, reason: impl Into<String>) {
        if let Some(slot @ None) = self.dropped.get_mut(index) {
            *slot = Some((self.rule_name.clone(), reason.into()));
        }
    }

    pub(crate) fn into_verdicts(self) -> Vec<Option<(Arc<str>, String)>> {
        self.dropped
    }
}
